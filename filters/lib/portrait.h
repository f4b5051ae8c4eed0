/*
 * Building blocks of pfe-portrait: reading department cells as portrait
 * values, the 2011 SME size class, and the per-source index of usable
 * rows that lets portraits be written in USCC order by reading each
 * run of rows again.
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

/* Return a newly allocated copy of S without surrounding ASCII blanks and
   ideographic spaces (U+3000), which exports from spreadsheets carry. */
char *portrait_trim(const char *s);

/* Return where S starts without those blanks and store in *LEN how many
   bytes are left without the trailing ones; nothing is copied. */
const char *portrait_trim_span(const char *s, size_t *len);

/*
 * Read CELL of COLUMN as a value of FIELD (not a list field) and store its
 * portrait form in the newly allocated *VALUE: "" for an empty cell
 * (unknown), else the form schemas/portraits.csv.md gives for the type.
 * VALUE may be NULL to only check the cell. Returns 0, or -1 with
 * *PROBLEM set when the cell is not such a value (or is a negative
 * amount or count).
 */
int portrait_parse_cell(const struct portrait_tables *tables,
    const struct dict_field *field, const char *column, const char *cell,
    char **value, struct portrait_problem *problem);

/*
 * Read a list row: the code of FIELD named by CELL (or the field's only
 * code when it has no column) and the date in DATE_CELL, stored as
 * "CODE@DATE" in the newly allocated *ITEM (unless ITEM is NULL). Returns
 * 0 or -1 with *PROBLEM.
 */
int portrait_parse_list_item(const struct dict_field *field,
    const char *cell, const char *date_cell, char **item,
    struct portrait_problem *problem);

/* Return N in decimal, newly allocated. */
char *portrait_integer_text(int64_t n);

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

/* Where a record starts: the byte offset of the read that returned it,
   how many records that read returned before it, and the read's length,
   so that the record can be read again from those bytes alone. */
struct portrait_position {
	uint64_t offset;
	uint32_t batch_index;
	uint32_t bytes;		/* from offset to the end of the read */
};

/*
 * A run of usable rows of one enterprise that follow each other in the
 * file: enough to read them again with one read and check that they did
 * not change. A department file that keeps an enterprise's rows together
 * needs one run (48 bytes) per enterprise.
 */
struct portrait_entry {
	char uscc[18];		/* not NUL-terminated */
	uint8_t batch_index;	/* of the first row, see portrait_position */
	uint32_t line;		/* line where the first row starts */
	uint32_t count;		/* rows in the run */
	uint32_t bytes;		/* from offset to the end of the last row's
				   read */
	uint64_t offset;	/* of the first row, see portrait_position */
	uint64_t hash;		/* of the run's records */
};

/* An unusable or repeated row, written to the rejects file at the end so
   that the file keeps input order. */
struct portrait_reject {
	struct portrait_position position;
	uint32_t line;
	uint64_t hash;		/* of the record, to check it on reading */
	uint32_t first_line;	/* the row it repeats; 0 for a reject */
	char *reason;		/* Chinese; NULL for an exact duplicate */
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
	long name_column;	/* enterprise name, or -1 */
	long *columns;		/* per dictionary field: its column here, or
				   -1 when it comes from another source */
	long *date_columns;	/* per dictionary field: list date column */
	size_t *fields;		/* indexes of the dictionary fields it
				   supplies, so rows skip the others */
	size_t nfields;
	struct portrait_entry *entries;	/* sorted by USCC, then line */
	size_t nentries;
	struct portrait_reject *rejects;	/* in the order found */
	size_t nrejects;
	unsigned long read;	/* records after the header */
	unsigned long outside_window;	/* usable rows of other years */
	unsigned long rejected;
	unsigned long duplicates;
	unsigned long names_differ;	/* rows naming the enterprise
					   otherwise than the registry */
	char last_key[18];	/* last code that passed check_key, not
				   NUL-terminated */
	int has_last_key;
	/* Reading rows: */
	enum csv_encoding encoding;
	struct csv_reader *reader;	/* the whole file while indexing,
					   then spans of it from window */
	uint64_t before;	/* input offset before the last record */
	struct portrait_position last;	/* of the last record read */
	int fd;			/* for reading spans again, or -1 */
	char *window;		/* bytes of the file read last */
	size_t window_cap;
	uint64_t window_offset;	/* where they start in the file */
	size_t window_len;
	const struct portrait_entry *entry;	/* run being read */
	uint32_t remaining;	/* rows of it not read yet */
	uint64_t run_hash;	/* of its rows read so far */
	long line_delta;	/* file line minus the reader's line */
};

/*
 * Read SOURCE once: check every row, keep the unusable ones for the
 * rejects file, and index the usable ones as runs sorted by USCC. Dies
 * when the file cannot be read or lacks a column the dictionary names.
 */
struct portrait_source *portrait_source_index(struct portrait_run *run,
    const struct dict_source *source);

/*
 * Return the index of the first run for USCC (18 characters) at or after
 * *CURSOR, and advance *CURSOR past that enterprise's runs; the number of
 * runs is stored in *COUNT. Calls must come in increasing USCC order.
 */
size_t portrait_source_rows(const struct portrait_source *source,
    const char *uscc, size_t *cursor, size_t *count);

/*
 * Start reading run I again, with one read of its bytes (or none when
 * the last read contains them); then portrait_source_next returns its rows.
 */
void portrait_source_start(struct portrait_source *source, size_t i);

/*
 * Return the next row of the run being read, store where it starts in
 * *POSITION and its portrait_record_hash in *HASH, or return NULL after
 * the last. Dies when the rows differ from the ones indexed (the file
 * changed during the run). The record is valid until the next call.
 */
const struct csv_record *portrait_source_next(struct portrait_source *source,
    struct portrait_position *position, uint64_t *hash);

/*
 * Keep RECORD (at POSITION) for the rejects file: REASON (Chinese, newly
 * allocated, owned by SOURCE from now on) for a reject, or NULL with
 * FIRST_LINE for an exact duplicate of that line. MESSAGE is printed on
 * standard error unless the run is quiet.
 */
void portrait_source_reject(struct portrait_run *run,
    struct portrait_source *source, const struct csv_record *record,
    const struct portrait_position *position, const char *message,
    char *reason, long first_line);

/* Write the kept rejects of SOURCE to REJECTS in input order. */
void portrait_source_write_rejects(struct portrait_source *source,
    struct rejects *rejects);

void portrait_source_free(struct portrait_source *source);

/* Return a 64-bit hash of RECORD's fields. */
uint64_t portrait_record_hash(const struct csv_record *record);

#endif
