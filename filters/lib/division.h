/*
 * Administrative division codes (GB/T 2260, data/divisions.csv), codes of
 * divisions since abolished or renamed (data/division-history.csv), and
 * the functional zones that have no code of their own (data/zones.csv).
 */
#ifndef PFE_DIVISION_H
#define PFE_DIVISION_H

#include <stddef.h>

enum division_level {
	DIVISION_PROVINCE,
	DIVISION_CITY,
	DIVISION_COUNTY
};

struct division {
	char code[7];		/* 6 digits */
	char *name;
	enum division_level level;
	char *successor;	/* current code for an abolished division,
				   NULL for a current one */
};

struct division_zone {
	char *id;		/* code written in portraits, e.g. hitech */
	char *name;		/* short name as registries write it */
	char *full_name;
	char division[7];	/* division the zone lies in */
};

struct division_table;

/*
 * Load divisions.csv, division-history.csv and zones.csv from DIR (NULL:
 * pfe_data_dir()). Dies with file:line on a malformed row.
 */
struct division_table *division_table_load(const char *dir);
void division_table_free(struct division_table *table);

/*
 * Return the division with 6-digit CODE, current or abolished, or NULL.
 */
const struct division *division_find(const struct division_table *table,
    const char *code);

/* Return the zone whose name or full name is NAME, or NULL. */
const struct division_zone *division_zone_find(
    const struct division_table *table, const char *name);

#endif
