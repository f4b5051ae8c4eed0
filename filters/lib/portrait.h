/*
 * Building blocks of pfe-portrait: reading department cells as portrait
 * values, the 2011 SME size class, and the per-source index of usable
 * rows that lets portraits be written in USCC order by seeking.
 */
#ifndef PFE_PORTRAIT_H
#define PFE_PORTRAIT_H

#include <stdint.h>
#include <stdio.h>

#include "csvio.h"
#include "dict.h"

struct division_table;
struct industry_table;
struct uscc_allow;

/* Reference tables a cell is checked against. */
struct portrait_tables {
	const struct dictionary *dict;
	const struct division_table *divisions;
	const struct industry_table *industries;
	const struct uscc_allow *allow;
};

/* Why a cell or row cannot be used: English for standard error (through
   gettext), Chinese for the rejects file. Both newly allocated. */
struct portrait_problem {
	char *message;
	char *reason;
};

void portrait_problem_clear(struct portrait_problem *problem);

/*
 * Read CELL of COLUMN as a value of FIELD (not a list field) and store its
 * portrait form in the newly allocated *VALUE: "" for an empty cell
 * (unknown), else the form schemas/portraits.csv.md gives for the type.
 * Returns 0, or -1 with *PROBLEM set when the cell is not such a value
 * (or is a negative amount or count).
 */
int portrait_parse_cell(const struct portrait_tables *tables,
    const struct dict_field *field, const char *column, const char *cell,
    char **value, struct portrait_problem *problem);

/*
 * Read a list row: the code of FIELD named by CELL (or the field's only
 * code when it has no column) and the date in DATE_CELL, stored as
 * "CODE@DATE" in the newly allocated *ITEM. Returns 0 or -1 with *PROBLEM.
 */
int portrait_parse_list_item(const struct dict_field *field,
    const char *cell, const char *date_cell, char **item,
    struct portrait_problem *problem);

/*
 * Read CELL as a non-negative money amount in yuan (grouping, 万 and
 * full-width digits allowed) into *FEN. Returns 0 or -1 with *PROBLEM.
 */
int portrait_parse_amount(const char *column, const char *cell,
    int64_t *fen, struct portrait_problem *problem);

/* Read CELL as a fiscal year (1900-2999; "2025" or "2025年"). Returns
   the year, or -1 with *PROBLEM. */
int portrait_parse_year(const char *column, const char *cell,
    struct portrait_problem *problem);

/*
 * Return the size class ("large", "medium", "small", "micro") of an
 * enterprise of GB/T 4754-2017 class INDUSTRY ("C3972") under the 2011
 * SME standard (工信部联企业〔2011〕300号), from its employees, operating
 * revenue and total assets in fen; a negative value is unknown. Returns
 * "" when a value the sector needs is unknown or the sector has no
 * thresholds (finance, public administration).
 */
const char *portrait_size_class(const char *industry, long employees,
    int64_t revenue, int64_t total_assets);

/*
 * One usable row of a source: enough to find it again (the offset where
 * the read that returned it started, and how many records that read
 * returned before it) and to check that it is the same row. 48 bytes.
 */
struct portrait_entry {
	char uscc[18];		/* not NUL-terminated */
	int16_t year;		/* fiscal year, 0 when the source has none */
	uint8_t batch_index;	/* records before it from the same read */
	uint32_t line;		/* line where the record starts */
	uint64_t offset;	/* byte offset of that read in the file */
	uint64_t hash;		/* of the whole record */
};

struct rejects;
struct portrait_source;

/* Settings every source of one run shares. */
struct portrait_run {
	struct portrait_tables tables;
	const char *data_dir;
	enum csv_encoding encoding;
	int first_year;		/* oldest fiscal year of the window */
	int last_year;		/* last fiscal year before the as-of date */
	struct rejects *rejects;
	int quiet;		/* no warnings on standard error */
	const struct portrait_source *master;	/* indexed first; other
						   sources' rows must name
						   one of its enterprises */
};

/* One department source: its columns and the index of its usable rows. */
struct portrait_source {
	const struct dict_source *source;
	char *path;		/* data folder joined with the file */
	struct csv_record *header;
	long key_column;
	long year_column;	/* -1 when the source has none */
	long *columns;		/* per dictionary field: its column here, or
				   -1 when it comes from another source */
	long *date_columns;	/* per dictionary field: list date column */
	struct portrait_entry *entries;	/* sorted by USCC, year, line */
	size_t nentries;
	unsigned long read;	/* records after the header */
	unsigned long outside_window;	/* usable rows of other years */
	unsigned long rejected;
	unsigned long duplicates;
	/* Reading rows again in USCC order: */
	enum csv_encoding encoding;
	FILE *stream;
	struct csv_reader *reader;	/* reading from offset base */
	uint64_t base;
	const struct portrait_entry *last;	/* last row fetched */
};

/*
 * Read SOURCE once: check every row, write the unusable ones and the
 * exact duplicates to the rejects file in input order, and index the
 * others, sorted by USCC. Dies when the file cannot be read or lacks a
 * column the dictionary names.
 */
struct portrait_source *portrait_source_index(struct portrait_run *run,
    const struct dict_source *source);

/*
 * Return the index of the first entry for USCC (18 characters) at or after
 * *CURSOR, and advance *CURSOR past that enterprise's entries; the count
 * is stored in *COUNT. Calls must come in increasing USCC order.
 */
size_t portrait_source_rows(const struct portrait_source *source,
    const char *uscc, size_t *cursor, size_t *count);

/*
 * Read entry I's record again, by seeking unless it follows the last one
 * read. Dies when the record differs from the one indexed (the file
 * changed during the run). The record is valid until the next call.
 */
const struct csv_record *portrait_source_fetch(struct portrait_source *source,
    size_t i);

void portrait_source_free(struct portrait_source *source);

/* Return a 64-bit hash of RECORD's fields (FNV-1a). */
uint64_t portrait_record_hash(const struct csv_record *record);

/* Order entries by USCC, then year, then line. */
int portrait_entry_compare(const void *a, const void *b);

#endif
