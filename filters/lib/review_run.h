/*
 * The working state of one pfe-review run, shared by pfe-review.c (options
 * and output), review_inputs.c (reading) and review_decide.c (deciding).
 */
#ifndef PFE_REVIEW_RUN_H
#define PFE_REVIEW_RUN_H

#include <stdint.h>
#include <stdio.h>

#include "csvio.h"
#include "date.h"
#include "dict.h"
#include "policy.h"
#include "rejects.h"
#include "review.h"

struct division_table;
struct review_lookups;
struct review_spool;

/* The columns of decisions.csv (schemas/decisions.csv.md), of the
   reviewer worksheet (schemas/worksheet.csv.md) and of the follow-up
   list (schemas/follow-up.csv.md). */
#define REVIEW_DECISION_COLUMNS 14
#define REVIEW_WORKSHEET_COLUMNS 16
#define REVIEW_FOLLOW_UP_COLUMNS 6
extern const char *const review_decision_columns[REVIEW_DECISION_COLUMNS];
extern const char *const review_worksheet_columns[REVIEW_WORKSHEET_COLUMNS];
extern const char *const review_follow_up_columns[REVIEW_FOLLOW_UP_COLUMNS];

/* An eligible or near-miss match of a free-of-application item. */
struct review_match {
	char *uscc;
	size_t item;
	int eligible;		/* 0: near miss */
	long line;
};

/* One enterprise's portrait row: an applicant's is kept until the
   applications are decided. */
struct review_portrait {
	char *uscc;
	struct csv_record *record;
};

/* A subsidy already received (department export subsidies.csv). */
struct review_subsidy {
	char *uscc;
	char *project;
	char *year;
	char *item;		/* the fund's policy item as written */
	char *amount;
};

/* A worksheet row, kept until every decision is made. */
struct review_worksheet_row {
	const char *application;
	size_t question;	/* order among the application's questions */
	char *text;		/* the CSV record with its line end */
};

/* Everything one run reads, decides and writes. */
struct review_run {
	int32_t as_of;
	char as_of_text[DATE_BUFSIZE];
	char *grant_time;	/* when grants count as submitted */
	int year;		/* year of the as-of date: caps and budgets */
	struct dictionary *dict;
	struct policy_set *set;
	struct division_table *divisions;
	struct review_state *state;
	struct rejects *rejects;
	int quiet;

	struct review_application *apps;
	size_t napps;
	char **app_ids;		/* every application id read, for the
				   lost-leading-zero check */
	size_t napp_ids;
	const char *matches_file;
	const char *matches_name;	/* its base name, for reasons: files
					   do not depend on the folder */
	struct review_row *rows;
	size_t nrows;
	const char *reviews_file;
	struct review_subsidy *subsidies;
	size_t nsubsidies;
	const char *evidence_dir;	/* --evidence: files are
					   DIR/<application>/<file> */

	struct csv_record *header;	/* portraits header */
	const char *portraits_file;
	struct review_portrait *portraits;	/* the applicants', sorted by
						   USCC */
	size_t nportraits;
	long dishonesty_column;
	long name_column;
	struct policy_binding *binding;
	struct policy_ctx *ctx;

	struct review_decision *decisions;	/* grants in enterprise
						   order, then applications */
	size_t ndecisions;
	size_t decisions_size;	/* allocated */
	const char *last_uscc;	/* the latest grant's, shared by the
				   enterprise's grants */
	struct review_spool *spool;	/* grants' reasons, a lane per
					   item */
	struct review_decision **grants_by_id;	/* the grants, sorted by
						   decision id */
	size_t ngrants;
	struct review_decision **sharing;	/* every decision in sharing
						   order */

	struct review_decision **app_decisions;	/* by application
						   index */
	struct review_lookups *lookups;	/* while deciding: indexes over
					   the inputs (review_decide.c) */

	FILE *worksheet;	/* NULL: no worksheet asked for */
	struct review_worksheet_row *worksheet_rows;	/* sorted before
							   writing */
	size_t nworksheet_rows;
	FILE *follow_up;
	unsigned long follow_up_rows;

	unsigned long read_apps, read_matches, read_rows;
};

/* ---- Reading (review_inputs.c) ---- */

/* Return the kept portrait row of USCC, or NULL when there is none. */
const struct review_portrait *review_find_portrait(
    const struct review_run *run, const char *uscc);

/* Return the cell at COLUMN of RECORD, or "" when the record is shorter
   or COLUMN is -1. */
const char *review_cell(const struct csv_record *record, long column);

/*
 * Read the applications of the NPATHS files in PATHS, rejecting those
 * submitted after the as-of date or repeating an id, and sort the rest by
 * submission time, then id.
 */
void review_read_application_files(struct review_run *run, char **paths,
    size_t npaths);


/* Read the subsidies already received (USCC, year, project number) of
   the projects that the applications name. Call after reading them. */
void review_read_subsidies(struct review_run *run, const char *path);

/*
 * Return the dictionary's subsidies export (source "subsidies", its file
 * relative to the dictionary's folder) as a newly allocated path, or NULL
 * when the dictionary names none or the file does not exist.
 */
char *review_default_subsidies(const struct dictionary *dict);

/*
 * Read the portraits at PORTRAITS, which must be sorted by USCC (a row
 * out of that order, or repeating a USCC, is rejected), bind the
 * policies to their header, and keep the rows of the applicants. With
 * MATCHES not NULL, read matches.csv beside them, joined by USCC, and
 * decide each eligible and near-miss row of a free item with its
 * enterprise's portrait (review_decide_match). Memory then contains one
 * enterprise's rows, not every portrait or match.
 */
void review_join(struct review_run *run, const char *portraits,
    const char *matches);

/* ---- Corrections (review_correct.c) ---- */

/*
 * Read corrections of earlier decisions from PATH in ENCODING and add
 * each usable one to the state folder's added decisions, marking the
 * decision it replaces as superseded. Rows that cannot be used go to the
 * rejects file. Returns the number of records read.
 */
size_t review_read_corrections(struct review_run *run, const char *path,
    enum csv_encoding encoding);

/* ---- Deciding (review_decide.c) ---- */

/* Get ready to decide: index the applications, state and subsidies.
   Call before review_join. */
void review_decide_begin(struct review_run *run);

/*
 * Turn the eligible free match M into a grant, decided on PORTRAIT (NULL
 * when the enterprise has none). M goes to the follow-up list instead
 * when it is a near miss whose data is unknown, when unknown data keeps
 * it from being granted, or when the enterprise applied for the item.
 */
void review_decide_match(struct review_run *run, const struct review_match *m,
    const struct csv_record *portrait);

/*
 * Decide every application, in submission order, after every grant.
 * Then put the decisions in id order and in sharing order, for caps and
 * budgets (review_share) and for writing.
 */
void review_decide_applications(struct review_run *run);

/* Return the reasons of decision D as written: the spooled ones of a
   grant (read in id order), then those sharing added; newly allocated. */
char *review_decision_reasons(struct review_run *run,
    const struct review_decision *d);

/* Reject, in file order, every reviewer row that cannot be used or that
   answers no question this run asked. */
void review_reject_unasked_rows(struct review_run *run);

/* Write the worksheet rows sorted by application id and question. */
void review_write_worksheet_rows(struct review_run *run);

#endif
