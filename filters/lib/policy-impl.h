/*
 * The inside of the policy model, shared by policy-load.c (both XML
 * formats), policy-write.c (canonical output), policy-eval.c and
 * policy-classify.c. Programs use policy.h only.
 */
#ifndef PFE_POLICY_IMPL_H
#define PFE_POLICY_IMPL_H

#include <stdio.h>

#include <libxml/tree.h>

#include "money.h"
#include "policy.h"

/* A year reference: "last", "last-N" or a named year. */
enum year_kind {
	YEAR_NONE = 0,		/* the field is not per-year */
	YEAR_LAST,		/* last fiscal year minus offset */
	YEAR_NAMED		/* a calendar year */
};

struct year_ref {
	enum year_kind kind;
	int value;		/* offset (YEAR_LAST) or year (YEAR_NAMED) */
};

/* A field as a condition or an award reads it. */
struct field_ref {
	const struct dict_field *field;
	struct year_ref year;
	size_t slot;		/* index into the set's table of refs */
};

/* An exact non-negative rate: NUM/DEN, written as basis points when
   DEN divides 10000 evenly into a whole number of them. */
struct rate {
	int64_t num;
	int64_t den;		/* > 0 */
};

/* Bounds of a comparison; a bound is absent when its flag is 0. */
struct bounds {
	int has_lower;
	int lower_strict;	/* 1: >, 0: >= */
	int64_t lower;
	int has_upper;
	int upper_strict;	/* 1: <, 0: <= */
	int64_t upper;
};

enum cond_kind {
	COND_ALL,
	COND_ANY,
	COND_NOT,
	COND_RANGE,		/* a number, amount or date within bounds */
	COND_GROWTH,		/* growth of a field between two years */
	COND_FIRST_REACH,	/* first year a field reaches a threshold */
	COND_FIRST_ENTRY,	/* first entry of a code into a list */
	COND_HAS,		/* a list holds a code dated in a period */
	COND_IN,		/* a value is one of a set */
	COND_INDUSTRY,		/* an industry code starts with a prefix */
	COND_YEARS_SINCE	/* whole years from a date to the as-of */
};

/* The period a list entry's date must fall in (COND_HAS). */
enum period_kind {
	PERIOD_ANY = 0,		/* any date */
	PERIOD_YEAR,		/* within a fiscal year */
	PERIOD_BEFORE,		/* before the start of a fiscal year */
	PERIOD_DATES		/* between two dates, both included */
};

struct cond {
	enum cond_kind kind;
	long line;
	size_t id;		/* index among the item's nodes */
	struct cond **children;	/* all, any, not */
	size_t nchildren;
	struct field_ref ref;	/* the field read; growth: "to" year */
	struct field_ref ref2;	/* growth: the same field, base year */
	struct bounds bounds;	/* range, years-since */
	struct rate rate;	/* growth threshold */
	int rate_strict;	/* growth: 1 for >, 0 for >= */
	int64_t threshold;	/* first-reach: fen or number */
	const char *code;	/* first-entry, has */
	enum period_kind period;
	struct year_ref period_year;	/* PERIOD_YEAR, PERIOD_BEFORE */
	int32_t period_from, period_until;	/* PERIOD_DATES */
	const char **values;	/* in, industry: sorted, distinct */
	size_t nvalues;
};

enum award_kind {
	AWARD_FIXED,
	AWARD_RATE,		/* rate of a base field */
	AWARD_TIERS,		/* tiers chosen by a base field */
	AWARD_PER_POINT,	/* an amount per percentage point of growth */
	AWARD_MIN		/* the smallest of its parts */
};

struct tier {
	int64_t from;		/* included */
	int has_to;
	int64_t to;		/* excluded */
	struct award *award;
	long line;
};

struct award {
	enum award_kind kind;
	long line;
	int64_t fen;		/* fixed; per-point: amount per point */
	struct field_ref ref;	/* rate, tiers: base (rate inside a tier
				   without a field: ref.field NULL);
				   per-point: "to" year */
	struct field_ref ref2;	/* per-point: the same field, base year */
	struct rate rate;	/* rate; per-point: growth above which
				   points count */
	int marginal;		/* tiers: 1 marginal, 0 whole-amount */
	struct tier *tiers;
	size_t ntiers;
	struct award **parts;	/* min */
	size_t nparts;
	int64_t cap;		/* fen, or -1 */
};

/* Everything of an item beyond its public metadata. */
struct item_rule {
	struct cond **conditions;	/* top-level, all must be met */
	size_t nconditions;
	size_t nnodes;		/* condition nodes, for ids */
	struct award *award;
	int64_t round_step;	/* 1, 100 or 1000000 fen */
	enum money_rounding rounding;
	int64_t award_cap;	/* fen, or -1 */
	int mode_from_file;	/* the item carried a <review> */
	const char **blocker_fields;	/* field id per mode reason */
};

/* The private part of a set (set->impl). */
struct set_impl {
	struct arena *arena;
	struct item_rule *rules;	/* parallel to set->items */
	struct field_ref **refs;	/* every field ref, by slot */
	size_t nrefs;
	size_t refs_cap;
};

/* ---- Arena: every allocation of a set, freed at once ---- */

struct arena;
struct arena *arena_new(void);
void *arena_alloc(struct arena *arena, size_t n);	/* zeroed */
char *arena_strdup(struct arena *arena, const char *s);
void arena_free(struct arena *arena);

/* ---- Loading (policy-load.c) ---- */

/*
 * Create an empty set over DICT.
 */
struct policy_set *policy_set_new(const struct dictionary *dict);

/*
 * Read the items of DOC (a policies document in either namespace,
 * already valid against its schema; NAME for messages) into SET,
 * checking every field, unit, tier table, cap and period against the
 * dictionary. Prints each error as "file:line: item 'ID': ..." and
 * returns the number of errors. KEEP_MODES: keep <review> annotations.
 */
unsigned long policy_read_doc(struct policy_set *set, xmlDocPtr doc,
    const char *name, int keep_modes);

/*
 * Sort SET's items by id and report duplicate ids (as errors, returning
 * their number). Computes missing modes from the dictionary.
 */
unsigned long policy_set_finish(struct policy_set *set);

/*
 * Like policy_load; KEEP_MODES 0 ignores the modes in the file and
 * computes every mode from the dictionary (pfe-classify).
 */
struct policy_set *policy_load_file(const char *path, const char *name,
    const struct dictionary *dict, int keep_modes);

/* What policy_input_check found. */
enum policy_input_status {
	POLICY_INPUT_OK = 0,
	POLICY_INPUT_EMPTY,		/* readable, but no byte in it */
	POLICY_INPUT_UNREADABLE		/* cannot be opened or read */
};

/*
 * Check that the policies file PATH ("-": standard input, of which one
 * byte is read and pushed back) can be read and is not empty. Prints the
 * reason with NAME when it cannot, or when it is empty, naming the
 * root element <policies xmlns="NS"> that was expected.
 */
enum policy_input_status policy_input_check(const char *path, const char *name,
    const char *ns);

/* Parse a year reference; returns 0 or -1. */
int year_ref_parse(const char *s, struct year_ref *ref);

/* Write a year reference ("last", "last-1", "2024") into BUF. */
const char *year_ref_format(const struct year_ref *ref, char buf[16]);

/* Return the fiscal year REF names at AS_OF (days). */
int year_ref_resolve(const struct year_ref *ref, int32_t as_of);

/* Format RATE as canonical text ("800bp" or "1/3") into BUF. */
const char *rate_format(const struct rate *rate, char buf[48]);

/* Format RATE for people ("8%", "12.5%", "1/3") into BUF. */
const char *rate_format_human(const struct rate *rate, char buf[48]);

/* ---- Writing (policy-write.c) ---- */

/*
 * Write SET as canonical XML into a newly allocated buffer (*LEN bytes).
 * WITH_MODES: annotate each item with its review mode and reasons.
 */
char *policy_write(const struct policy_set *set, int with_modes,
    size_t *len);

/*
 * Parse BUF and validate it against policy.xsd; dies (naming NAME) when
 * the canonical output is not valid, which is a bug in pfe.
 */
void policy_check_output(const char *buf, size_t len, const char *name);

/* ---- Classification (policy-classify.c) ---- */

/* Return the department text for a field in audit details. */
const char *policy_field_department(const struct dict_field *field);

#endif
