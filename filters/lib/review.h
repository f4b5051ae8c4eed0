/*
 * The parts of pfe-review: applications (application.xsd), reviewer
 * decisions read back from a filled worksheet (reviews.csv.md), the state
 * folder of earlier decisions, and the sharing of per-enterprise caps,
 * highest-award groups and budgets among decisions.
 */
#ifndef PFE_REVIEW_H
#define PFE_REVIEW_H

#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

#include "csvio.h"
#include "dict.h"
#include "policy.h"
#include "rejects.h"

struct output;

/* A file handed in with an application. */
struct review_evidence {
	char *material;		/* the item's material id, or NULL */
	char *file;		/* file name as handed in */
	char *sha256;		/* lower-case hex */
};

/* One value an enterprise declared, with its evidence. */
struct review_declared {
	const struct dict_field *field;
	char *key;		/* override key: field id, or ID_YEAR */
	char *value;		/* as a portrait cell (money: yuan, 2 dec.) */
	struct review_evidence *evidence;
	size_t nevidence;
	long line;
};

struct review_application {
	char *id;
	char *item_id;
	long item;		/* index into the policy set */
	char *submitted;	/* 2026-05-12T09:30:00+08:00 */
	char *uscc;
	char *name;		/* enterprise name as written */
	char *project_code;	/* NULL when the application names none */
	char *project_name;
	struct review_declared *declared;
	size_t ndeclared;
	struct review_evidence *materials;	/* proving no single value */
	size_t nmaterials;
	char *file;		/* file name for messages and rejects */
	long line;		/* line of the <application> element */
};

/*
 * Read the applications in PATH (one <application> or an <applications>
 * batch), at most MAX_BYTES long, validated against application.xsd.
 * USCCs are checked against DIVISIONS.
 * Appends the usable ones to *APPS; an application with a bad USCC, an
 * unknown item, or a declared value that is not a declared field of the
 * dictionary or cannot be read, goes to REJECTS. A file that is not
 * well-formed or not valid is rejected whole. Returns the number of
 * applications read (usable or not).
 */
struct division_table;
size_t review_read_applications(const char *path, size_t max_bytes,
    const struct policy_set *set, const struct division_table *divisions,
    struct review_application **apps,
    size_t *napps, struct rejects *rejects);
void review_application_free(struct review_application *app);

/*
 * Give REJECTS a one-field record standing for FILE:LINE's element named
 * by TEXT, for inputs that are XML rather than CSV: rejected for REASON,
 * or listed as a duplicate of the element at FIRST_LINE.
 */
void review_reject_xml(struct rejects *rejects, const char *file,
    long line, const char *text, const char *reason);
void review_duplicate_xml(struct rejects *rejects, const char *file,
    long line, const char *text, long first_line);

/* Return 1 when A and B hold the same application, field for field. */
int review_applications_equal(const struct review_application *a,
    const struct review_application *b);

/* ---- Reviewer decisions ---- */

/* The answer a reviewer gives to one worksheet question. */
enum review_answer {
	REVIEW_AGREE,		/* 同意: the value is confirmed, the
				   judgement is yes, the application is
				   approved (manual items) */
	REVIEW_DISAGREE		/* 不同意 */
};

/* The question a worksheet row asks about a whole application. */
#define REVIEW_WHOLE_APPLICATION "application"

/* One filled worksheet row, checked on its own. */
struct review_row {
	char *application;
	char *uscc;		/* as written, checked against the application
				   later */
	char *item;
	char *question;		/* override key, or "application" */
	enum review_answer answer;
	char *value;		/* value confirmed in place of the declared
				   one (portrait cell form), or NULL */
	char *reviewer;
	char *reviewed_at;	/* normalized to ...T..:..:..+08:00 */
	char *note;		/* may be "" */
	struct csv_record *record;	/* copy, for the rejects file */
	char *reject_reason;	/* why the row cannot be used, or NULL */
	long duplicate_of;	/* line of the row it repeats exactly, or 0 */
	int used;		/* matched to a question of this run */
};

/*
 * Read reviewer decisions from PATH in ENCODING into *ROWS, in file
 * order. Formula guards are removed. Rows whose decision cell is empty
 * are not decisions yet and are skipped. A row with a bad decision,
 * time, reviewer or value, a time after AS_OF, or a second answer to the
 * same question gets a reject_reason. An exact duplicate gets
 * duplicate_of. Returns the number of records read.
 */
size_t review_read_rows(const char *path, enum csv_encoding encoding,
    int32_t as_of, const struct dictionary *dict, struct review_row **rows,
    size_t *nrows);
void review_row_free(struct review_row *row);

/*
 * Return a newly allocated Chinese reason why GIVEN, a USCC read back
 * from a spreadsheet, is not EXPECTED, or NULL when the two are equal.
 * When a spreadsheet mangled the code (scientific notation, digits
 * rounded, leading zeros lost), the reason says how to fix it.
 */
char *review_uscc_mismatch(const char *given, const char *expected);

/*
 * Return a newly allocated Chinese reason why application id GIVEN was
 * not found, naming the id among IDS (N of them) it matches once the
 * leading zeros a spreadsheet drops are restored; NULL when none does.
 */
char *review_lost_zero(const char *given, char *const *ids, size_t n);

/*
 * Parse a time as a person or a spreadsheet writes it: ISO 8601 with
 * +08:00, "2026-06-29 10:30[:00]" or "2026/6/29 10:30[:00]" (Beijing
 * time). Stores the normalized form in *OUT and the day in *DAY. Returns
 * NULL, or a newly allocated Chinese reason.
 */
char *review_parse_time(const char *s, char **out, int32_t *day);

/* ---- State folder ---- */

/* A decision recorded by an earlier run. */
struct review_prior {
	struct csv_record *record;	/* the decisions.csv row */
	const char *decision;
	const char *application;
	const char *uscc;
	const char *item;
	const char *outcome;
	const char *project;
	const char *decided_at;	/* date or time of the decision */
	const char *supersedes;	/* the decision it corrects, or "" */
	int64_t award;		/* fen; 0 unless approved */
	int year;		/* year of decided_at */
	int superseded;		/* a later correction replaces it */
	int added;		/* a correction made by this run: RECORD has
				   the current decisions.csv columns */
};

struct review_state {
	char *dir;
	int lock_fd;
	struct review_prior *priors;	/* sorted by decision id */
	size_t npriors;
	struct csv_record *header;	/* NULL when there was no file */
	struct review_prior *added;	/* corrections made by this run */
	size_t nadded;
	struct output *append;	/* the replacement of decisions.csv
				   being written, or NULL */
};

/* Return the number of decisions in ST, earlier and added, and the
   decision at index I (earlier ones first). */
size_t review_state_count(const struct review_state *st);
const struct review_prior *review_state_nth(const struct review_state *st,
    size_t i);

/* Return the decision that replaces PRIOR at the end of its chain of
   corrections, PRIOR itself when none does. */
const struct review_prior *review_state_latest(const struct review_state *st,
    const struct review_prior *prior);

/*
 * Lock DIR (flock on DIR/lock, without waiting: dies when another run
 * holds it) and read DIR/decisions.csv when it exists. The lock is held
 * until the process exits.
 */
struct review_state *review_state_open(const char *dir);

/* Return the earlier decision with id ID, or NULL. */
const struct review_prior *review_state_find(const struct review_state *st,
    const char *id);

/*
 * Append one decision of NCOLUMNS FIELDS (in decisions.csv order, under
 * HEADER) to the replacement of DIR/decisions.csv, which the first call
 * opens with the earlier rows. review_state_commit puts it in place
 * atomically; without a call, the file stays as it was.
 */
void review_state_append(struct review_state *st, const char *const *header,
    size_t ncolumns, const char *const *fields);
void review_state_commit(struct review_state *st);

/* ---- Decisions, caps and budgets ---- */

enum review_outcome {
	REVIEW_APPROVED,
	REVIEW_DECLINED,
	REVIEW_PENDING
};

/* A growing list of Chinese reasons. */
struct review_reasons {
	char **texts;
	size_t n;
};

/* Append a reason (printf format) to REASONS. */
void review_reason(struct review_reasons *reasons, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append PREFIX followed by TEXT to REASONS, without a format. */
void review_reason_text(struct review_reasons *reasons, const char *prefix,
    const char *text);

/* Return the reasons joined by "；" in a newly allocated string. */
char *review_reasons_join(const struct review_reasons *reasons);

/* The reviewers who decided, and when. */
struct review_author {
	char *names;		/* joined by "、" */
	char *at;		/* the latest review time */
};

/*
 * One decision of this run. A grant keeps only what caps and budgets
 * need: its id is made from its parts (review_decision_id), it is
 * decided by pfe-review at the as-of date, and its reasons wait on disk
 * (review_spool.h) until decisions.csv is written; REASONS then holds
 * only what sharing added.
 */
struct review_decision {
	const struct review_application *app;	/* NULL for a grant; the
						   id is A-<application> or
						   G-<item>-<year>-<uscc> */
	const char *uscc;
	const struct policy_item *policy;
	size_t item;		/* index into the policy set */
	enum review_outcome outcome;
	int rank_known;
	int64_t computed;	/* fen, the item's formula; -1 when none */
	int64_t award;		/* fen after caps and budget; -1 pending */
	int64_t provisional;	/* pending: what the formula gives if every
				   open question is agreed; -1 unknown */
	int64_t rank;		/* rank sharing: the rank value */
	struct review_reasons reasons;
	const struct review_decision *outranked_by;	/* the highest award
							   of its group, for
							   which sharing
							   declined it */
	struct review_author *author;	/* the reviewers who decided, or
					   NULL: pfe-review at the as-of
					   date */
	const struct review_prior *carried;	/* decided by an earlier
						   run: reproduced as is */
	size_t order;		/* position in sharing order */
};

/* Return the id of D, newly allocated; YEAR is the run's. */
char *review_decision_id(const struct review_decision *d, int year);

/* Return the reasons of D kept in memory joined by "；", newly
   allocated: REASONS, then the group's when it was outranked. */
char *review_decision_held_reasons(const struct review_decision *d);

/*
 * Sum the awards that the state folder's decisions (earlier runs and this
 * run's corrections, superseded ones left out) granted in YEAR to USCC
 * (NULL: anyone) from the item ITEM_ID, or from any item of GROUP when
 * GROUP is not NULL. Returns fen.
 */
int64_t review_granted(const struct review_state *state,
    const struct policy_set *set, int year, const char *uscc,
    const char *item_id, const char *group);

/* The trace file of the sharing steps (--trace). */
struct review_trace;

struct review_trace *review_trace_open(const char *path);
void review_trace_close(struct review_trace *trace);

/*
 * Apply, in this order, the highest-award groups, the per-enterprise caps
 * and the budgets of every item to the N decisions in ORDER, counting
 * what earlier runs granted in YEAR (from STATE, may be NULL). ORDER is
 * sharing order (submission time, then id), and the ORDER field of each
 * decision is its position there. Approved
 * decisions get their final award, or are declined or made pending with
 * the reason; the order of sharing is deterministic (see the man page).
 * Every step is written to TRACE when it is not NULL.
 */
void review_share(struct review_decision **order, size_t n,
    const struct policy_set *set, const struct review_state *state,
    int year, struct review_trace *trace);

#endif
