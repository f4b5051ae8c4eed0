/*
 * The field dictionary (dictionary.xml, schema dictionary.xsd): every
 * portrait field with its Chinese label, type, unit, the department
 * source and column that supply it, and its authority.
 */
#ifndef PFE_DICT_H
#define PFE_DICT_H

#include <stddef.h>
#include <stdint.h>

enum field_type {
	FIELD_TEXT,
	FIELD_DATE,
	FIELD_MONEY,		/* fen in memory, yuan in files */
	FIELD_INTEGER,
	FIELD_DIVISION,		/* GB/T 2260 6-digit code */
	FIELD_INDUSTRY,		/* GB/T 4754-2017 class, e.g. C3972 */
	FIELD_FLAG,		/* 1 or 0 */
	FIELD_CODE,		/* one of the declared codes */
	FIELD_LIST		/* CODE@DATE;CODE@DATE */
};

enum field_authority {
	AUTHORITY_DEPARTMENT,	/* authoritative department data */
	AUTHORITY_DECLARED,	/* declared by the enterprise with evidence */
	AUTHORITY_JUDGEMENT	/* a reviewer's judgement */
};

/* Relation of a source's rows to enterprises. */
enum source_kind {
	SOURCE_MASTER,		/* one row per enterprise: the registry */
	SOURCE_YEARLY,		/* one row per enterprise and year */
	SOURCE_LIST,		/* zero or more rows per enterprise */
	SOURCE_ROWS		/* rows summed into derived totals */
};

/* One code a code or list field may hold, with the cell text for it. */
struct dict_code {
	char *id;		/* code written in portraits, e.g. hightech */
	char *label;		/* cell text in the department file */
};

struct dict_source {
	char *id;		/* e.g. tax */
	char *file;		/* path relative to the data folder */
	char *department;	/* issuing department, Chinese */
	char *key_column;	/* column holding the USCC */
	char *year_column;	/* column holding the fiscal year, or NULL */
	char *name_column;	/* column holding the enterprise's name, or
				   NULL */
	char *encoding;		/* "utf-8", "gb18030", or NULL: the run's */
	enum source_kind kind;
	long line;		/* line in dictionary.xml */
};

struct dict_field {
	char *id;		/* portrait column (or column prefix) */
	char *label;		/* Chinese label for explanations */
	enum field_type type;
	char *unit;		/* display unit (元, 人, 年), or NULL */
	enum field_authority authority;
	char *evidence;		/* what proves a declared value, or NULL */
	const struct dict_source *source;	/* NULL for declared and
						   judgement fields */
	char *column;		/* column in the source, or NULL */
	char *date_column;	/* list fields: column with the date */
	int64_t column_unit;	/* money: fen per unit the source column is
				   written in (100 for 元, 1000000 for 万元) */
	int per_year;		/* one value per fiscal year */
	struct dict_code *codes;	/* code and list fields */
	size_t ncodes;
	int derived;		/* computed by pfe-portrait */
	char *rule;		/* derived: years-since, gbt4754-section,
				   sme-2011, sum-per-year, growth */
	char *of;		/* derived: the field(s) it is computed from */
	long line;		/* line in dictionary.xml */
};

struct dictionary {
	char *path;
	int window;		/* fiscal years in the per-year window */
	struct dict_source *sources;
	size_t nsources;
	struct dict_field *fields;	/* in file order, derived last */
	size_t nfields;
};

/* Load and validate PATH against dictionary.xsd; dies with file:line on
   any error (unknown source, duplicate id, code list on a non-code
   field). */
struct dictionary *dict_load(const char *path);
void dict_free(struct dictionary *dict);

/* Return the field with id ID, or NULL. */
const struct dict_field *dict_field(const struct dictionary *dict,
    const char *id);

/* Return the source with id ID, or NULL. */
const struct dict_source *dict_source(const struct dictionary *dict,
    const char *id);

/* Return the code of FIELD whose id is ID, or NULL. */
const struct dict_code *dict_code(const struct dict_field *field,
    const char *id);

/* Return the last fiscal year before AS_OF (days): its year minus one. */
int dict_last_year(int32_t as_of);

/* Return the Chinese name of a field type, authority (for messages). */
const char *dict_type_name(enum field_type type);
const char *dict_authority_name(enum field_authority authority);

#endif
