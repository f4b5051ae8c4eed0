/* GB/T 4754-2017 industry codes (data/industries.csv). */
#ifndef PFE_INDUSTRY_H
#define PFE_INDUSTRY_H

enum industry_level {
	INDUSTRY_SECTION,	/* letter, e.g. C */
	INDUSTRY_DIVISION,	/* 2 digits */
	INDUSTRY_GROUP,		/* 3 digits */
	INDUSTRY_CLASS		/* 4 digits */
};

struct industry {
	char code[5];		/* without the section letter */
	char section;		/* section letter A-T */
	enum industry_level level;
	char *name;
};

struct industry_table;

/* Load industries.csv from DIR (NULL: pfe_data_dir()); dies on error. */
struct industry_table *industry_table_load(const char *dir);
void industry_table_free(struct industry_table *table);

/*
 * Return the class named by S, written as a section letter and 4 digits
 * ("C3972") or as 4 digits, or NULL when S names no class of the table
 * or its letter is not the class's section.
 */
const struct industry *industry_find_class(const struct industry_table *table,
    const char *s);

/* Return the entry with CODE (a letter, or 2 to 4 digits), or NULL. */
const struct industry *industry_find(const struct industry_table *table,
    const char *code);

#endif
