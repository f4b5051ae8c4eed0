/*
 * Policy items (canonical policies.xml, schema policy.xsd): loading,
 * binding to a portrait header, and evaluating the conditions and the
 * award of one item for one enterprise in three values (met, not met,
 * unknown), with a Chinese explanation of the values used.
 *
 * Use:
 *
 *	set = policy_load("policies.xml", NULL, dict);
 *	binding = policy_bind(set, header, "portraits.csv", as_of);
 *	ctx = policy_ctx_new(binding);
 *	for each portrait row:
 *		policy_ctx_row(ctx, row, NULL, 0);
 *		for (i = 0; i < set->nitems; i++) {
 *			out = policy_eval(ctx, i, POLICY_EVAL_EXPLAIN);
 *			if (out->status == POLICY_ELIGIBLE) ...
 *		}
 *
 * Loading and binding allocate; after a first few rows, evaluating
 * allocates nothing: numbers are parsed once per row and cached in the
 * context, and the outcome's buffers are reused. A context is not shared
 * between threads; a set and a binding are read-only and may be.
 */
#ifndef PFE_POLICY_H
#define PFE_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "csvio.h"
#include "dict.h"

/* The canonical namespace (policy.xsd) and the authored one
   (policy-source.xsd). */
#define POLICY_NS "urn:pfe:policy:1"
#define POLICY_SOURCE_NS "urn:pfe:policy-source:1"

/* Three-valued result of a condition. Missing data is never zero. */
enum policy_truth {
	POLICY_NOT_MET = 0,
	POLICY_MET = 1,
	POLICY_UNKNOWN = 2	/* a value the condition needs is missing */
};

/* Status of one item for one enterprise. */
enum policy_status {
	POLICY_NONE = 0,	/* neither eligible nor a near miss */
	POLICY_NEAR_MISS,	/* exactly one top-level condition not met and
				   the rest met, or none not met and at least
				   one unknown */
	POLICY_ELIGIBLE,	/* every top-level condition met */
	POLICY_NOT_IN_FORCE	/* the as-of date is outside the item's
				   validity period: nothing was evaluated */
};

/* Review mode, from pfe-classify (or computed from the dictionary). */
enum policy_mode {
	POLICY_MODE_UNCLASSIFIED = 0,	/* never returned by policy_load */
	POLICY_MODE_AUTOMATIC,		/* department data only */
	POLICY_MODE_SEMI_AUTOMATIC,	/* some value declared with evidence */
	POLICY_MODE_MANUAL		/* some condition needs judgement */
};

/* Sharing rule for an over-subscribed budget. */
enum policy_sharing {
	POLICY_SHARING_NONE = 0,	/* no budget stated: no limit */
	POLICY_SHARING_FIRST_COME,	/* in order of application (for free
					   of application items: USCC order) */
	POLICY_SHARING_PRO_RATA,	/* every award scaled by budget/total */
	POLICY_SHARING_RANK		/* in descending order of rank_field
					   (or of the award when NULL) until
					   the budget is spent */
};

/* Treatment of the fen left over after pro-rata sharing scales each
   award down to whole fen. */
enum policy_remainder {
	POLICY_REMAINDER_DROP = 0,	/* left unspent */
	POLICY_REMAINDER_LARGEST	/* one fen each to the largest
					   fractional parts, ties in USCC
					   order (largest remainder method) */
};

/* A required material and the evidence it gives. */
struct policy_material {
	const char *id;		/* e.g. "invoices" */
	const char *name;	/* Chinese, e.g. "设备购置发票" */
	const char *proves;	/* id of the field it is evidence for, or
				   NULL for a material that proves no field
				   value (an application form) */
};

/* A value the item needs that no department supplies: a field whose
   authority is declared or judgement in the dictionary. */
struct policy_input {
	const struct dict_field *field;
	const char *year;	/* year reference of a per-year field
				   ("last", "last-1", "2024"), or NULL */
};

/*
 * One policy item. Every member is read-only; strings live as long as
 * the set. Amounts are fen; -1 means "none stated".
 */
struct policy_item {
	const char *id;		/* stable id, e.g. "cd-jx-2021-001" */
	const char *title;	/* Chinese title */
	const char *department;	/* issuing department */
	const char *document;	/* document number, e.g. 成办发〔2021〕20号 */
	const char *article;	/* article in the document, or NULL */
	int32_t valid_from;	/* first day in force (days since 1970) */
	int32_t valid_until;	/* last day in force; INT32_MAX: open */
	int free_of_application;	/* 免申即享: decided from matches */
	int64_t budget;		/* fen per fiscal year, or -1 */
	enum policy_sharing sharing;
	enum policy_remainder remainder;
	const char *rank_field;	/* rank sharing: field id, or NULL */
	int64_t enterprise_cap;	/* most one enterprise receives from this
				   item in one year, fen, or -1 */
	const char *group;	/* 就高不重复: of the items sharing this
				   group id, an enterprise gets only the
				   highest award in one year; NULL if none */
	int no_double_funding;	/* the same project may not be funded
				   again from another fund */
	const struct policy_material *materials;
	size_t nmaterials;
	const struct policy_input *inputs;	/* declared and judgement
						   values needed, in
						   document order */
	size_t ninputs;
	enum policy_mode mode;	/* from the file, or computed from the
				   dictionary when the file has none */
	const char *const *mode_reasons;	/* Chinese: what blocks full
						   automation; empty when
						   automatic */
	size_t nmode_reasons;
	long line;		/* line of the item in its file */
	const char *file;	/* file name for messages */
	const void *impl;	/* private: conditions and award */
};

/* A loaded policy set: items sorted by id. */
struct policy_set {
	struct policy_item *items;
	size_t nitems;
	const struct dictionary *dict;
	void *impl;		/* private */
};

/*
 * Load canonical policies from PATH ("-" for stdin; NAME for messages,
 * NULL: PATH), validate them against policy.xsd and check every field
 * reference, unit and code against DICT (which must outlive the set).
 * Accepts pfe-policy's output and pfe-classify's annotated output; for
 * items without a mode the mode is computed from DICT. Dies (exit 2) with
 * "file:line: item 'ID': ..." on any error.
 */
struct policy_set *policy_load(const char *path, const char *name,
    const struct dictionary *dict);

/* Free the set and everything it holds. */
void policy_free(struct policy_set *set);

/* Return the item with id ID, or NULL. */
const struct policy_item *policy_find(const struct policy_set *set,
    const char *id);

/* Return the index of the item with id ID in set->items, or -1. */
long policy_index(const struct policy_set *set, const char *id);

/* Return 1 when AS_OF (days) lies within the item's validity period. */
int policy_in_force(const struct policy_item *item, int32_t as_of);

/*
 * Compute the review mode of ITEM from DICT alone: automatic when every
 * field the conditions and the award read is department data, manual
 * when one needs a reviewer's judgement, else semi-automatic. Sets
 * *REASONS to a newly allocated array of newly allocated Chinese strings
 * (one per blocking field, e.g. "设备投资额由企业申报：如能从税务发票数
 * 据取得，可改为自动审核") and *NREASONS; free with policy_free_reasons.
 * REASONS may be NULL.
 */
enum policy_mode policy_classify(const struct policy_item *item,
    const struct dictionary *dict, char ***reasons, size_t *nreasons);
void policy_free_reasons(char **reasons, size_t nreasons);

/* Return "automatic", "semi-automatic" or "manual" (file values). */
const char *policy_mode_name(enum policy_mode mode);

/* Return "eligible", "near-miss", "none" or "not-in-force". */
const char *policy_status_name(enum policy_status status);

/* Return "met", "not-met" or "unknown". */
const char *policy_truth_name(enum policy_truth truth);

/* Return "first-come", "pro-rata", "rank" or "none". */
const char *policy_sharing_name(enum policy_sharing sharing);

/* ---- Binding and evaluation ---- */

struct policy_binding;
struct policy_ctx;

/*
 * Bind SET to a portrait HEADER (the first record of portraits.csv,
 * named FILE in messages) at the as-of date AS_OF (days): every field
 * reference is resolved once to a column index. Per-year references
 * resolve against AS_OF: "last" is the fiscal year year(AS_OF) - 1,
 * "last-N" N years before it, "2023" that year; a year outside the
 * header's window reads as unknown. Declared and judgement fields have
 * no column: their values come from overrides. Dies when the header
 * lacks the column of a department field an item reads. HEADER may be
 * freed afterwards.
 */
struct policy_binding *policy_bind(const struct policy_set *set,
    const struct csv_record *header, const char *file, int32_t as_of);
void policy_binding_free(struct policy_binding *binding);

/* Return the as-of date a binding was made for. */
int32_t policy_binding_as_of(const struct policy_binding *binding);

/*
 * Return the override key for input INPUT of item ITEM (an index into
 * set->items and item->inputs): the field id, or for a per-year field
 * "ID_YEAR" with the year resolved at the binding's as-of date. The
 * string lives as long as the binding.
 */
const char *policy_input_key(const struct policy_binding *binding,
    size_t item, size_t input);

/* A value declared in an application or judged by a reviewer. */
struct policy_override {
	const char *key;	/* field id, or "ID_YEAR" for a per-year
				   field (the portrait column name) */
	const char *value;	/* as in a portrait cell: money in yuan,
				   dates ISO, flags 1/0, list CODE@DATE;...
				   An empty string means unknown. */
};

/* Create an evaluation context for BINDING (which must outlive it). */
struct policy_ctx *policy_ctx_new(const struct policy_binding *binding);
void policy_ctx_free(struct policy_ctx *ctx);

/*
 * Make ROW (a portrait record with the bound header's columns, or NULL
 * for an enterprise without a portrait: every department value unknown)
 * and the N OVERRIDES the values the following evaluations read. An
 * override takes the place of the portrait cell of the same key. ROW and
 * OVERRIDES must stay valid until the next policy_ctx_row call. A row
 * whose field count differs from the header's is read as far as it goes.
 */
void policy_ctx_row(struct policy_ctx *ctx, const struct csv_record *row,
    const struct policy_override *overrides, size_t n);

/* Outputs of an evaluation beyond the status and the award. */
enum policy_eval_flags {
	POLICY_EVAL_STATUS = 0,		/* status, results and award only */
	POLICY_EVAL_EXPLAIN = 1,	/* also the explanation */
	POLICY_EVAL_DETAILS = 2,	/* also per-condition details */
	POLICY_EVAL_TRIAGE = 4,		/* the status alone, judged only as
					   far as needed: no results, no
					   counts, no award; the other
					   flags are ignored */
	POLICY_EVAL_NO_AWARD_TEXT = 8	/* with POLICY_EVAL_EXPLAIN alone:
					   leave award_explanation "" */
};

/* Judgement of one leaf condition (or of the award's base), for audits. */
struct policy_detail {
	size_t condition;	/* index of the top-level condition it is
				   part of; (size_t)-1 for the award */
	int depth;		/* 0: the top-level condition itself; more
				   inside all / any / not */
	int negated;		/* 1 when the leaf sits inside an odd
				   number of <not>, so that its result
				   counts reversed toward its condition:
				   a leaf not met then helps it be met */
	const char *field;	/* field id, e.g. "revenue" */
	const char *column;	/* portrait column or override key read,
				   e.g. "revenue_2025"; "" when none */
	const char *label;	/* Chinese label with the year, e.g.
				   "2025年营业收入" */
	const char *value;	/* value used, for people ("1.23亿元");
				   "" when unknown */
	const char *threshold;	/* what is required, e.g. "≥ 1亿元" */
	enum policy_truth result;
	const char *department;	/* supplying department from the
				   dictionary, "企业申报" for a declared
				   value, "审核认定" for a judgement */
};

/*
 * The outcome of one evaluation; owned by the context and valid until
 * the next policy_eval or policy_ctx_row on it.
 */
struct policy_outcome {
	const struct policy_item *item;
	enum policy_status status;
	size_t nconditions;		/* top-level conditions */
	const enum policy_truth *results;	/* one per top-level
						   condition */
	size_t nmet, nnot_met, nunknown;
	int award_known;	/* 0: a value the award needs is unknown,
				   or the status is POLICY_NONE (the award
				   is computed for eligible and near-miss
				   outcomes only) */
	int64_t award;		/* fen, after the item's own caps and
				   rounding, before the per-enterprise cap
				   and the budget; 0 when unknown */
	const char *explanation;	/* POLICY_EVAL_EXPLAIN: Chinese,
					   the decisive conditions with
					   the values used, joined by
					   "；", e.g. "上年营业收入
					   1.23亿元 ≥ 1亿元": every
					   condition of an eligible
					   item, else only those not
					   met ("未满足：") or unknown
					   ("缺少数据："); else "" */
	const char *award_explanation;	/* POLICY_EVAL_EXPLAIN: how the
					   award was computed, e.g.
					   "设备投资额 6000万元 × 8% =
					   480万元"; else "" */
	const struct policy_detail *details;	/* POLICY_EVAL_DETAILS */
	size_t ndetails;
};

/*
 * Evaluate item ITEM (an index into set->items) for the current row.
 * Returns the outcome. An item not in force at the binding's as-of date
 * is not evaluated: status POLICY_NOT_IN_FORCE, no results, award
 * unknown, and an explanation saying when it is in force.
 */
const struct policy_outcome *policy_eval(struct policy_ctx *ctx,
    size_t item, int flags);

#endif
