/*
 * Evaluating policy items for one enterprise: field references bound to
 * portrait columns once, values parsed once per row, conditions judged
 * in three values, the award computed exactly in fen, and the values
 * used explained in Chinese from the dictionary's labels.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "money.h"
#include "pfe.h"
#include "policy-impl.h"

/* A field reference resolved to a column. */
struct bound_ref {
	long col;		/* header or virtual column; -1: none */
	int year;		/* fiscal year, 0 when not per-year */
};

/* The parts of one condition node that a binding fixes: its texts for
   people and, for a list condition, its period in days. */
struct bound_cond {
	char *label;		/* "2025年营业收入"; NULL for all, any, not */
	char *threshold;	/* "≥ 1亿元", "属于 C39", "首次 ≥ 1亿元" */
	char *negated;		/* range: "< 1亿元"; growth: "< 8%" */
	char *extra;		/* first-reach: the threshold value; list:
				   the code's label; set: the values;
				   growth: the base year's label */
	char *period;		/* list: "2025年", "2025年以前", dates */
	int year;		/* list: fiscal year of the period, or 0 */
	int32_t from, until;	/* list: days of the period */
};

struct bound_item {
	struct bound_cond *conds;	/* per condition node */
	size_t *shared;			/* per top-level condition: its index
					   among the binding's distinct ones */
	long **reach_cols;	/* per condition node: first-reach columns
				   of the window years before its year */
	size_t *reach_n;
	const char **input_keys;	/* per input */
};

struct policy_binding {
	const struct policy_set *set;
	int32_t as_of;
	int last_year;		/* last fiscal year */
	int first_year;		/* first year of the window */
	size_t nheader;		/* columns in the header */
	size_t ncolumns;	/* header and virtual columns */
	char **keys;		/* name of every column */
	struct bound_ref *refs;	/* per slot */
	struct bound_item *items;
	size_t nshared;		/* distinct top-level conditions */
};

/* A top-level condition's result for the row, valid while gen equals
   the context's. */
struct memo {
	unsigned gen;
	enum policy_truth result;
};

/* A parsed cell, valid while gen equals the context's. */
struct cell {
	unsigned gen;
	int known;
	int64_t value;
};

/* Text of one detail, pointed to by the public detail. */
struct detail_text {
	char column[96];
	char label[192];
	char value[256];
	char threshold[256];
};

/* A growable text buffer addressed by offsets. */
struct text {
	char *data;
	size_t len, cap;
};

struct policy_ctx {
	const struct policy_binding *b;
	const struct csv_record *row;
	const char **overrides;	/* per column, NULL: none */
	long *override_cols;	/* columns set for this row */
	size_t noverride_cols, override_cols_cap;
	struct cell *cells;
	struct memo *memo;	/* per distinct top-level condition */
	unsigned gen;
	int flags;
	struct policy_outcome out;
	enum policy_truth *results;
	size_t results_cap;
	struct policy_detail *details;
	struct detail_text *detail_texts;
	size_t ndetails, details_cap;
	size_t condition;	/* top-level condition being judged */
	int depth;
	int in_not;		/* the node being judged is the child of a
				   <not> */
	int negations;		/* <not> nodes around the node being
				   judged */
	struct text text;	/* condition texts */
	struct text award_text;
	struct text explanation;
	size_t *segments;	/* stack of child text segments */
	size_t nsegments, segments_cap;
};

/* ---- Text ---- */

/* Copy SRC into DST of SIZE bytes, cut short as snprintf would. */
static void
copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void
text_reserve(struct text *t, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		while (t->len + n + 1 > t->cap)
			t->cap = t->cap ? t->cap * 2 : 1024;
		t->data = xrealloc(t->data, t->cap);
	}
}

static void
text_add(struct text *t, const char *s)
{
	size_t n = strlen(s);

	text_reserve(t, n);
	memcpy(t->data + t->len, s, n + 1);
	t->len += n;
}

/* Append the strings given, up to a null pointer. */
static void
text_cat(struct text *t, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, t);
	while ((s = va_arg(ap, const char *)) != NULL)
		text_add(t, s);
	va_end(ap);
}

/* Append V in decimal. */
static void
text_add_int(struct text *t, long long v)
{
	char digits[INTEGER_BUFSIZE];

	text_add(t, integer_format(v, digits));
}

static void PFE_PRINTF(2, 3)
text_printf(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Format straight into the spare room; retry once if it was short. */
	text_reserve(t, 256);
	va_start(ap, fmt);
	n = vsnprintf(t->data + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(_("out of memory"));
	if ((size_t)n >= t->cap - t->len) {
		text_reserve(t, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(t->data + t->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	t->len += (size_t)n;
}

static void
text_truncate(struct text *t, size_t len)
{
	text_reserve(t, 0);
	t->len = len;
	t->data[len] = '\0';
}

/* ---- Binding ---- */

static void bind_conds(const struct policy_binding *b, struct bound_item *bi,
    const struct cond *c);
static void bound_cond_free(struct bound_cond *bc);
static void share_conditions(struct policy_binding *b);

/* Return the column named KEY among the binding's columns, or -1. */
static long
find_column(const struct policy_binding *b, const char *key)
{
	size_t i;

	for (i = 0; i < b->ncolumns; i++)
		if (strcmp(b->keys[i], key) == 0)
			return (long)i;
	return -1;
}

/* Add a virtual column KEY (a value only overrides supply). */
static long
add_virtual(struct policy_binding *b, const char *key, size_t *cap)
{
	if (b->ncolumns == *cap) {
		*cap *= 2;
		b->keys = xreallocarray(b->keys, *cap, sizeof(*b->keys));
	}
	b->keys[b->ncolumns] = xstrdup(key);
	return (long)b->ncolumns++;
}

/*
 * Resolve FIELD in fiscal year YEAR (0: not per-year) to a column.
 * Returns -1 for a year outside the window; dies when a department
 * field has no column.
 */
static long
resolve(struct policy_binding *b, const struct dict_field *field, int year,
    const char *file, size_t *cap)
{
	char key[128];
	long col;

	if (year != 0)
		snprintf(key, sizeof(key), "%s_%d", field->id, year);
	else
		snprintf(key, sizeof(key), "%s", field->id);
	col = find_column(b, key);
	if (col >= 0)
		return col;
	if (field->authority != AUTHORITY_DEPARTMENT)
		return add_virtual(b, key, cap);
	if (year != 0 && (year < b->first_year || year > b->last_year))
		return -1;
	die_at(file, 1,
	    _("no column '%s' for field '%s': the portraits do not match the dictionary and as-of date"),
	    key, field->id);
}

static void
bind_reach(struct policy_binding *b, struct bound_item *bi,
    const struct cond *c, const char *file, size_t *cap)
{
	size_t i;

	for (i = 0; i < c->nchildren; i++)
		bind_reach(b, bi, c->children[i], file, cap);
	if (c->kind == COND_FIRST_REACH) {
		int year = year_ref_resolve(&c->ref.year, b->as_of), y;
		size_t n = 0;

		/* A named year may lie past the window: size by the year. */
		bi->reach_cols[c->id] = xcalloc(year > b->first_year ?
		    (size_t)(year - b->first_year) : 1, sizeof(long));
		for (y = b->first_year; y < year; y++)
			bi->reach_cols[c->id][n++] = resolve(b, c->ref.field,
			    y, file, cap);
		bi->reach_n[c->id] = n;
	}
}

struct policy_binding *
policy_bind(const struct policy_set *set, const struct csv_record *header,
    const char *file, int32_t as_of)
{
	const struct set_impl *impl = set->impl;
	struct policy_binding *b = xcalloc(1, sizeof(*b));
	size_t cap, i;

	b->set = set;
	b->as_of = as_of;
	b->last_year = date_year(as_of) - 1;
	b->first_year = b->last_year - (set->dict->window > 0 ?
	    set->dict->window : 1) + 1;
	b->nheader = header != NULL ? header->nfields : 0;
	cap = b->nheader + 16;
	b->keys = xcalloc(cap, sizeof(*b->keys));
	for (i = 0; i < b->nheader; i++)
		b->keys[i] = xstrdup(header->fields[i]);
	b->ncolumns = b->nheader;

	b->refs = xcalloc(impl->nrefs ? impl->nrefs : 1, sizeof(*b->refs));
	for (i = 0; i < impl->nrefs; i++) {
		const struct field_ref *ref = impl->refs[i];
		int year = ref->year.kind == YEAR_NONE ? 0 :
		    year_ref_resolve(&ref->year, as_of);

		b->refs[i].year = year;
		b->refs[i].col = resolve(b, ref->field, year, file, &cap);
	}

	b->items = xcalloc(set->nitems ? set->nitems : 1, sizeof(*b->items));
	for (i = 0; i < set->nitems; i++) {
		const struct policy_item *item = &set->items[i];
		const struct item_rule *rule = item->impl;
		struct bound_item *bi = &b->items[i];
		size_t j;

		bi->reach_cols = xcalloc(rule->nnodes ? rule->nnodes : 1,
		    sizeof(*bi->reach_cols));
		bi->reach_n = xcalloc(rule->nnodes ? rule->nnodes : 1,
		    sizeof(*bi->reach_n));
		bi->conds = xcalloc(rule->nnodes ? rule->nnodes : 1,
		    sizeof(*bi->conds));
		for (j = 0; j < rule->nconditions; j++) {
			bind_reach(b, bi, rule->conditions[j], file, &cap);
			bind_conds(b, bi, rule->conditions[j]);
		}
		bi->input_keys = xcalloc(item->ninputs ? item->ninputs : 1,
		    sizeof(*bi->input_keys));
		for (j = 0; j < item->ninputs; j++) {
			const struct policy_input *in = &item->inputs[j];
			struct year_ref y;
			char key[128];

			if (in->year != NULL &&
			    year_ref_parse(in->year, &y) == 0)
				snprintf(key, sizeof(key), "%s_%d",
				    in->field->id, year_ref_resolve(&y, as_of));
			else
				snprintf(key, sizeof(key), "%s", in->field->id);
			bi->input_keys[j] = xstrdup(key);
		}
	}
	share_conditions(b);
	return b;
}

void
policy_binding_free(struct policy_binding *b)
{
	size_t i, j;

	if (b == NULL)
		return;
	for (i = 0; i < b->set->nitems; i++) {
		const struct item_rule *rule = b->set->items[i].impl;

		for (j = 0; j < rule->nnodes; j++) {
			free(b->items[i].reach_cols[j]);
			bound_cond_free(&b->items[i].conds[j]);
		}
		free(b->items[i].conds);
		free(b->items[i].shared);
		free(b->items[i].reach_cols);
		free(b->items[i].reach_n);
		for (j = 0; j < b->set->items[i].ninputs; j++)
			free((char *)b->items[i].input_keys[j]);
		free(b->items[i].input_keys);
	}
	free(b->items);
	for (i = 0; i < b->ncolumns; i++)
		free(b->keys[i]);
	free(b->keys);
	free(b->refs);
	free(b);
}

int32_t
policy_binding_as_of(const struct policy_binding *b)
{
	return b->as_of;
}

const char *
policy_input_key(const struct policy_binding *b, size_t item, size_t input)
{
	return b->items[item].input_keys[input];
}

/* ---- Context and cells ---- */

struct policy_ctx *
policy_ctx_new(const struct policy_binding *b)
{
	struct policy_ctx *ctx = xcalloc(1, sizeof(*ctx));

	ctx->b = b;
	ctx->overrides = xcalloc(b->ncolumns ? b->ncolumns : 1,
	    sizeof(*ctx->overrides));
	ctx->cells = xcalloc(b->ncolumns ? b->ncolumns : 1,
	    sizeof(*ctx->cells));
	ctx->memo = xcalloc(b->nshared ? b->nshared : 1, sizeof(*ctx->memo));
	ctx->gen = 1;
	return ctx;
}

void
policy_ctx_free(struct policy_ctx *ctx)
{
	if (ctx == NULL)
		return;
	free(ctx->overrides);
	free(ctx->override_cols);
	free(ctx->cells);
	free(ctx->memo);
	free(ctx->results);
	free(ctx->details);
	free(ctx->detail_texts);
	free(ctx->text.data);
	free(ctx->award_text.data);
	free(ctx->explanation.data);
	free(ctx->segments);
	free(ctx);
}

void
policy_ctx_row(struct policy_ctx *ctx, const struct csv_record *row,
    const struct policy_override *overrides, size_t n)
{
	size_t i;

	for (i = 0; i < ctx->noverride_cols; i++)
		ctx->overrides[ctx->override_cols[i]] = NULL;
	ctx->noverride_cols = 0;
	ctx->row = row;
	if (++ctx->gen == 0) {
		/* After 2^32 rows, start the cache afresh. */
		memset(ctx->cells, 0, ctx->b->ncolumns * sizeof(*ctx->cells));
		memset(ctx->memo, 0, ctx->b->nshared * sizeof(*ctx->memo));
		ctx->gen = 1;
	}
	for (i = 0; i < n; i++) {
		long col = find_column(ctx->b, overrides[i].key);

		if (col < 0)
			continue;	/* no item reads it */
		if (ctx->noverride_cols == ctx->override_cols_cap) {
			ctx->override_cols_cap = ctx->override_cols_cap ?
			    ctx->override_cols_cap * 2 : 8;
			ctx->override_cols = xreallocarray(ctx->override_cols,
			    ctx->override_cols_cap,
			    sizeof(*ctx->override_cols));
		}
		ctx->override_cols[ctx->noverride_cols++] = col;
		ctx->overrides[col] = overrides[i].value;
	}
}

/*
 * Return the text of column COL for the current row: NULL when unknown
 * (no column, no row, an empty override), "" for an empty portrait cell.
 */
static const char *
cell_text(const struct policy_ctx *ctx, long col)
{
	if (col < 0)
		return NULL;
	if (ctx->overrides[col] != NULL)
		return ctx->overrides[col][0] != '\0' ?
		    ctx->overrides[col] : NULL;
	if (ctx->row == NULL || (size_t)col >= ctx->b->nheader ||
	    (size_t)col >= ctx->row->nfields)
		return NULL;
	return ctx->row->fields[col];
}

/* Parse column COL as FIELD's type into *VALUE; returns 1 when known. */
static int
cell_number(struct policy_ctx *ctx, long col, const struct dict_field *field,
    int64_t *value)
{
	struct cell *c;
	const char *s;

	if (col < 0)
		return 0;
	c = &ctx->cells[col];
	if (c->gen != ctx->gen) {
		c->gen = ctx->gen;
		c->known = 0;
		s = cell_text(ctx, col);
		if (s != NULL && *s != '\0') {
			switch (field->type) {
			case FIELD_MONEY:
				c->known = money_parse(s, MONEY_YUAN,
				    &c->value) == 0;
				break;
			case FIELD_DATE: {
				int32_t days;

				c->known = date_parse(s, &days) == 0;
				c->value = days;
				break;
			}
			default: {
				char *end;
				long long v = strtoll(s, &end, 10);

				c->known = *end == '\0' && end != s;
				c->value = v;
				break;
			}
			}
		}
	}
	*value = c->value;
	return c->known;
}

/* Return the column REF was bound to (-1: none). */
static long
ref_col(const struct policy_ctx *ctx, const struct field_ref *ref)
{
	return ctx->b->refs[ref->slot].col;
}

/* ---- Formatting for people ---- */

/* Format a value of FIELD for people into BUF. */
static const char *
format_value(const struct dict_field *field, int64_t v, char *buf,
    size_t size)
{
	char m[MONEY_BUFSIZE], d[DATE_BUFSIZE], digits[24];

	switch (field->type) {
	case FIELD_MONEY:
		copy_text(buf, size, money_format_human(v, m));
		break;
	case FIELD_DATE:
		copy_text(buf, size, date_format((int32_t)v, d));
		break;
	default:
		copy_text(buf, size, integer_format(v, digits));
		if (field->unit != NULL) {
			size_t n = strlen(buf);

			copy_text(buf + n, size - n, field->unit);
		}
	}
	return buf;
}

/* Format the label of REF with its year ("2025年营业收入") into BUF. */
static const char *
format_ref_label(const struct policy_binding *b, const struct field_ref *ref,
    char *buf, size_t size)
{
	int year = b->refs[ref->slot].year;
	size_t n = 0;

	buf[0] = '\0';
	if (year != 0) {
		char digits[24];

		copy_text(buf, size, strcat(integer_format(year, digits), "年"));
		n = strlen(buf);
	}
	copy_text(buf + n, size - n, ref->field->label);
	return buf;
}

/* Return a new copy of REF's label with its year. */
static char *
ref_label(const struct policy_binding *b, const struct field_ref *ref)
{
	char buf[192];

	return xstrdup(format_ref_label(b, ref, buf, sizeof(buf)));
}

/* The label a code has in FIELD ("是" and "否" for a flag), or the code
   itself. */
static const char *
code_label(const struct dict_field *field, const char *code)
{
	const struct dict_code *c;

	if (field->type == FIELD_FLAG)
		return strcmp(code, "1") == 0 ? "是" :
		    strcmp(code, "0") == 0 ? "否" : code;
	c = dict_code(field, code);
	return c != NULL && c->label != NULL ? c->label : code;
}

/* Return 1 when values of FIELD are shown by their labels. */
static int
has_labels(const struct dict_field *field)
{
	return field->type == FIELD_CODE || field->type == FIELD_FLAG;
}

/* Format one bound: a value of FIELD, or a number with UNIT when FIELD is
   NULL. */
static const char *
bound_value(int64_t v, const struct dict_field *field, const char *unit,
    char buf[64])
{
	if (field != NULL)
		return format_value(field, v, buf, 64);
	snprintf(buf, 64, "%lld%s", (long long)v, unit);
	return buf;
}

/* The bounds for people: "≥ 10人 且 < 20人". */
static char *
bounds_text(const struct bounds *bn, const struct dict_field *field,
    const char *unit)
{
	char lo[64], hi[64];

	bound_value(bn->lower, field, unit, lo);
	bound_value(bn->upper, field, unit, hi);
	if (bn->has_lower && bn->has_upper)
		return xasprintf("%s %s 且 %s %s",
		    bn->lower_strict ? ">" : "≥", lo,
		    bn->upper_strict ? "<" : "≤", hi);
	if (bn->has_lower)
		return xasprintf("%s %s", bn->lower_strict ? ">" : "≥", lo);
	return xasprintf("%s %s", bn->upper_strict ? "<" : "≤", hi);
}

/* The negation of a one-sided bound: "< 1亿元" for "≥ 1亿元". */
static char *
negated_bound_text(const struct bounds *bn, const struct dict_field *field,
    const char *unit)
{
	char v[64];

	if (bn->has_lower)
		return xasprintf("%s %s", bn->lower_strict ? "≤" : "<",
		    bound_value(bn->lower, field, unit, v));
	return xasprintf("%s %s", bn->upper_strict ? "≥" : ">",
	    bound_value(bn->upper, field, unit, v));
}

static int
within(const struct bounds *bn, int64_t v)
{
	if (bn->has_lower && (bn->lower_strict ? v <= bn->lower :
	    v < bn->lower))
		return 0;
	if (bn->has_upper && (bn->upper_strict ? v >= bn->upper :
	    v > bn->upper))
		return 0;
	return 1;
}

/* Growth of TO over FROM in basis points, rounded down, FROM > 0. */
static int64_t
growth_bp(int64_t from, int64_t to)
{
	__int128 n = (__int128)(to - from) * 10000;
	__int128 q = n / from;

	if (n % from != 0 && n < 0)
		q--;
	return (int64_t)q;
}

/* Format basis points as a percentage with up to two decimals into BUF
   (at least 32 bytes). */
static const char *
bp_text(int64_t bp, char *buf)
{
	int64_t a = bp < 0 ? -bp : bp;
	size_t n = 0;

	if (bp < 0)
		buf[n++] = '-';
	integer_format(a / 100, buf + n);
	n = strlen(buf);
	if (a % 100 != 0) {
		buf[n++] = '.';
		buf[n++] = (char)('0' + a % 100 / 10);
		if (a % 10 != 0)
			buf[n++] = (char)('0' + a % 10);
	}
	buf[n++] = '%';
	buf[n] = '\0';
	return buf;
}

/* The period of a <has> for people: "2025年", "2025年以前", dates. */
static char *
period_text(const struct cond *c, int32_t as_of)
{
	char d1[DATE_BUFSIZE], d2[DATE_BUFSIZE];

	switch (c->period) {
	case PERIOD_YEAR:
		return xasprintf("%d年", year_ref_resolve(&c->period_year,
		    as_of));
	case PERIOD_BEFORE:
		return xasprintf("%d年以前", year_ref_resolve(&c->period_year,
		    as_of));
	case PERIOD_DATES:
		if (c->period_from == INT32_MIN)
			return xasprintf("%s以前",
			    date_format(c->period_until, d2));
		if (c->period_until == INT32_MAX)
			return xasprintf("%s以后",
			    date_format(c->period_from, d1));
		return xasprintf("%s至%s", date_format(c->period_from, d1),
		    date_format(c->period_until, d2));
	default:
		return xstrdup("");
	}
}

/* Join up to a few VALUES of C for people ("小型企业、微型企业"). */
static char *
values_text(const struct cond *c)
{
	struct text t = { NULL, 0, 0 };
	size_t i;

	text_reserve(&t, 0);
	t.data[0] = '\0';
	for (i = 0; i < c->nvalues && i < 8; i++)
		text_cat(&t, i > 0 ? "、" : "", has_labels(c->ref.field) ?
		    code_label(c->ref.field, c->values[i]) : c->values[i],
		    (char *)NULL);
	if (c->nvalues > 8)
		text_printf(&t, "等%zu项", c->nvalues);
	return t.data;
}

/* The year days of a <has> or <first-entry> period: [*FROM, *UNTIL], and
   the fiscal year it names (0 for dates or any date). */
static int
period_days(const struct cond *c, int32_t as_of, int32_t *from,
    int32_t *until)
{
	int year = 0;

	*from = INT32_MIN;
	*until = INT32_MAX;
	if (c->period == PERIOD_YEAR || c->period == PERIOD_BEFORE) {
		year = year_ref_resolve(&c->period_year, as_of);
		*from = date_from_ymd(year, 1, 1);
		*until = date_from_ymd(year, 12, 31);
		if (c->period == PERIOD_BEFORE) {
			*until = *from - 1;
			*from = INT32_MIN;
		}
	} else if (c->period == PERIOD_DATES) {
		*from = c->period_from;
		*until = c->period_until;
	}
	return year;
}

/* Fill BC with what the binding fixes for leaf condition C. */
static void
bind_leaf(const struct policy_binding *b, struct bound_cond *bc,
    const struct cond *c)
{
	const struct dict_field *f = c->ref.field;
	char v[64], rate[48];

	switch (c->kind) {
	case COND_RANGE:
		bc->label = ref_label(b, &c->ref);
		bc->threshold = bounds_text(&c->bounds, f, "");
		bc->negated = negated_bound_text(&c->bounds, f, "");
		break;
	case COND_YEARS_SINCE:
		bc->label = xasprintf("自%s起年限", f->label);
		bc->threshold = bounds_text(&c->bounds, NULL, "年");
		bc->negated = negated_bound_text(&c->bounds, NULL, "年");
		break;
	case COND_GROWTH:
		rate_format_human(&c->rate, rate);
		bc->label = xasprintf("%s（%d年较%d年）增长率", f->label,
		    b->refs[c->ref.slot].year, b->refs[c->ref2.slot].year);
		bc->threshold = xasprintf("%s %s",
		    c->rate_strict ? ">" : "≥", rate);
		bc->negated = xasprintf("%s %s",
		    c->rate_strict ? "≤" : "<", rate);
		bc->extra = ref_label(b, &c->ref2);
		break;
	case COND_FIRST_REACH:
		bc->label = ref_label(b, &c->ref);
		bc->extra = xstrdup(format_value(f, c->threshold, v,
		    sizeof(v)));
		bc->threshold = xasprintf("首次 ≥ %s", bc->extra);
		break;
	case COND_FIRST_ENTRY:
	case COND_HAS:
		bc->label = xstrdup(f->label);
		bc->extra = xstrdup(code_label(f, c->code));
		bc->period = period_text(c, b->as_of);
		bc->year = period_days(c, b->as_of, &bc->from, &bc->until);
		if (c->kind == COND_FIRST_ENTRY)
			bc->threshold = xasprintf("%d年首次列入%s", bc->year,
			    bc->extra);
		else
			bc->threshold = xasprintf("%s%s", bc->period,
			    bc->extra);
		break;
	case COND_IN:
	case COND_INDUSTRY:
		bc->label = ref_label(b, &c->ref);
		bc->extra = values_text(c);
		bc->threshold = xasprintf("%s %s", c->nvalues == 1 &&
		    c->kind == COND_IN ? "为" : "属于", bc->extra);
		break;
	default:
		break;
	}
}

/* Fill the entries of C and of the nodes under it in BI->conds. */
static void
bind_conds(const struct policy_binding *b, struct bound_item *bi,
    const struct cond *c)
{
	size_t i;

	for (i = 0; i < c->nchildren; i++)
		bind_conds(b, bi, c->children[i]);
	bind_leaf(b, &bi->conds[c->id], c);
}

static void
bound_cond_free(struct bound_cond *bc)
{
	free(bc->label);
	free(bc->threshold);
	free(bc->negated);
	free(bc->extra);
	free(bc->period);
}

/* Append STRING to T with its length first, so that no string can run
   into the next part of a key. */
static void
key_add_string(struct text *t, const char *string)
{
	if (string == NULL) {
		text_add(t, "-|");
		return;
	}
	text_add_int(t, (long long)strlen(string));
	text_cat(t, ":", string, "|", (char *)NULL);
}

static void
key_add_ints(struct text *t, size_t n, const long long *values)
{
	size_t i;

	for (i = 0; i < n; i++) {
		text_add_int(t, values[i]);
		text_add(t, " ");
	}
}

/*
 * Append to T a key of condition C in BI: two conditions with equal keys
 * read the same columns with the same constants, so they are judged
 * alike on every row.
 */
static void
condition_key(const struct policy_binding *b, const struct bound_item *bi,
    const struct cond *c, struct text *t)
{
	const struct bound_cond *bc = &bi->conds[c->id];
	long long values[18];
	size_t i;

	values[0] = c->kind;
	values[1] = c->ref.field != NULL ? b->refs[c->ref.slot].col : -2;
	values[2] = c->ref2.field != NULL ? b->refs[c->ref2.slot].col : -2;
	values[3] = c->bounds.has_lower;
	values[4] = c->bounds.lower_strict;
	values[5] = c->bounds.lower;
	values[6] = c->bounds.has_upper;
	values[7] = c->bounds.upper_strict;
	values[8] = c->bounds.upper;
	values[9] = c->rate.num;
	values[10] = c->rate.den;
	values[11] = c->rate_strict;
	values[12] = c->threshold;
	values[13] = c->period;
	values[14] = bc->from;
	values[15] = bc->until;
	values[16] = (long long)c->nvalues;
	values[17] = (long long)c->nchildren;
	text_add(t, "(");
	key_add_ints(t, sizeof(values) / sizeof(values[0]), values);
	key_add_string(t, c->code);
	for (i = 0; i < c->nvalues; i++)
		key_add_string(t, c->values[i]);
	for (i = 0; i < c->nchildren; i++)
		condition_key(b, bi, c->children[i], t);
	text_add(t, ")");
}

/* One top-level condition and its key, for share_conditions. */
struct keyed_condition {
	char *key;
	size_t item;
	size_t index;
};

static int
compare_keyed(const void *a, const void *b)
{
	return strcmp(((const struct keyed_condition *)a)->key,
	    ((const struct keyed_condition *)b)->key);
}

/*
 * Number the distinct top-level conditions of B's items, so that a
 * context judges a condition that many items share once per row.
 */
static void
share_conditions(struct policy_binding *b)
{
	const struct policy_set *set = b->set;
	struct keyed_condition *all = NULL;
	size_t n = 0, cap = 0, i, j;

	for (i = 0; i < set->nitems; i++) {
		const struct item_rule *rule = set->items[i].impl;
		struct bound_item *bi = &b->items[i];

		bi->shared = xcalloc(rule->nconditions ? rule->nconditions : 1,
		    sizeof(*bi->shared));
		for (j = 0; j < rule->nconditions; j++) {
			struct text key = { NULL, 0, 0 };

			text_reserve(&key, 0);
			key.data[0] = '\0';
			condition_key(b, bi, rule->conditions[j], &key);
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				all = xreallocarray(all, cap, sizeof(*all));
			}
			all[n].key = key.data;
			all[n].item = i;
			all[n].index = j;
			n++;
		}
	}
	qsort(all, n, sizeof(*all), compare_keyed);
	b->nshared = 0;
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(all[i].key, all[i - 1].key) != 0)
			b->nshared++;
		b->items[all[i].item].shared[all[i].index] = b->nshared;
	}
	if (n > 0)
		b->nshared++;
	for (i = 0; i < n; i++)
		free(all[i].key);
	free(all);
}

/* ---- Details ---- */

/* Record one leaf for the audit details when they are asked for. */
static void
add_detail(struct policy_ctx *ctx, const struct field_ref *ref,
    const char *label, const char *value, const char *threshold,
    enum policy_truth result, size_t condition)
{
	struct detail_text *dt;
	struct policy_detail *d;
	long col;

	if (!(ctx->flags & POLICY_EVAL_DETAILS))
		return;
	if (ctx->ndetails == ctx->details_cap) {
		ctx->details_cap = ctx->details_cap ? ctx->details_cap * 2 : 16;
		ctx->details = xreallocarray(ctx->details, ctx->details_cap,
		    sizeof(*ctx->details));
		ctx->detail_texts = xreallocarray(ctx->detail_texts,
		    ctx->details_cap, sizeof(*ctx->detail_texts));
	}
	d = &ctx->details[ctx->ndetails];
	dt = &ctx->detail_texts[ctx->ndetails];
	ctx->ndetails++;
	col = ref != NULL && ref->field != NULL ? ref_col(ctx, ref) : -1;
	snprintf(dt->column, sizeof(dt->column), "%s",
	    col >= 0 ? ctx->b->keys[col] : "");
	snprintf(dt->label, sizeof(dt->label), "%s", label);
	snprintf(dt->value, sizeof(dt->value), "%s", value);
	snprintf(dt->threshold, sizeof(dt->threshold), "%s", threshold);
	d->condition = condition;
	d->depth = ctx->depth;
	d->negated = ctx->negations % 2;
	d->field = ref != NULL && ref->field != NULL ? ref->field->id : "";
	d->result = result;
	d->department = ref != NULL && ref->field != NULL ?
	    policy_field_department(ref->field) : "";
}

/* ---- Conditions ---- */

static enum policy_truth eval_cond(struct policy_ctx *ctx,
    const struct bound_item *bi, const struct cond *c, int want_text);

/* Append "LABEL 无数据（需 THRESHOLD）". */
static void
text_unknown(struct text *t, const struct bound_cond *bc)
{
	text_cat(t, bc->label, " 无数据（需 ", bc->threshold, "）", (char *)NULL);
}

/* Explain a range condition whose value V (of FIELD, or whole years when
   FIELD is NULL) was KNOWN. */
static void
explain_range(struct policy_ctx *ctx, const struct cond *c,
    const struct bound_cond *bc, const struct dict_field *field, int64_t v,
    int known, enum policy_truth r)
{
	char value[96];

	value[0] = '\0';
	if (known && field != NULL)
		format_value(field, v, value, sizeof(value));
	else if (known)
		strcat(integer_format(v, value), "年");
	if (r == POLICY_MET)
		text_cat(&ctx->text, bc->label, " ", value, " ", bc->threshold,
		    (char *)NULL);
	else if (r == POLICY_UNKNOWN)
		text_unknown(&ctx->text, bc);
	else if (c->bounds.has_lower && c->bounds.has_upper)
		text_cat(&ctx->text, bc->label, " ", value, "，不在 ",
		    bc->threshold, " 范围内", (char *)NULL);
	else
		text_cat(&ctx->text, bc->label, " ", value, " ", bc->negated,
		    (char *)NULL);
	add_detail(ctx, &c->ref, bc->label, value, bc->threshold, r,
	    ctx->condition);
}

static enum policy_truth
eval_range(struct policy_ctx *ctx, const struct bound_item *bi,
    const struct cond *c, int want_text)
{
	int64_t v;
	int known;
	enum policy_truth r;

	known = cell_number(ctx, ref_col(ctx, &c->ref), c->ref.field, &v);
	r = !known ? POLICY_UNKNOWN : within(&c->bounds, v) ? POLICY_MET :
	    POLICY_NOT_MET;
	if (want_text)
		explain_range(ctx, c, &bi->conds[c->id], c->ref.field, v,
		    known, r);
	return r;
}

static enum policy_truth
eval_years_since(struct policy_ctx *ctx, const struct bound_item *bi,
    const struct cond *c, int want_text)
{
	int64_t date, years = 0;
	int known;
	enum policy_truth r;

	known = cell_number(ctx, ref_col(ctx, &c->ref), c->ref.field, &date);
	if (known)
		years = date_years_between((int32_t)date, ctx->b->as_of);
	r = !known ? POLICY_UNKNOWN : within(&c->bounds, years) ?
	    POLICY_MET : POLICY_NOT_MET;
	if (want_text)
		explain_range(ctx, c, &bi->conds[c->id], NULL, years, known,
		    r);
	return r;
}

static enum policy_truth
eval_growth(struct policy_ctx *ctx, const struct bound_item *bi,
    const struct cond *c, int want_text)
{
	const struct bound_cond *bc = &bi->conds[c->id];
	const struct dict_field *f = c->ref.field;
	int64_t from, to;
	int kf, kt;
	enum policy_truth r;
	char value[32], vf[64], vt[64];

	kf = cell_number(ctx, ref_col(ctx, &c->ref2), f, &from);
	kt = cell_number(ctx, ref_col(ctx, &c->ref), f, &to);
	if (!kf || !kt)
		r = POLICY_UNKNOWN;
	else if (from <= 0)
		r = POLICY_NOT_MET;
	else {
		/* (to - from) / from compared with num / den, exactly. */
		__int128 lhs = (__int128)(to - from) * c->rate.den;
		__int128 rhs = (__int128)c->rate.num * from;

		r = (c->rate_strict ? lhs > rhs : lhs >= rhs) ? POLICY_MET :
		    POLICY_NOT_MET;
	}
	if (!want_text)
		return r;
	value[0] = '\0';
	if (kf && kt) {
		format_value(f, from, vf, sizeof(vf));
		format_value(f, to, vt, sizeof(vt));
		if (from > 0)
			bp_text(growth_bp(from, to), value);
	}
	if (r == POLICY_UNKNOWN)
		text_unknown(&ctx->text, bc);
	else if (from <= 0)
		text_cat(&ctx->text, bc->extra, "为 ", vf, "，无法计算增长率",
		    (char *)NULL);
	else
		text_cat(&ctx->text, bc->label, " ", value, " ",
		    r == POLICY_MET ? bc->threshold : bc->negated, "（", vf,
		    " → ", vt, "）", (char *)NULL);
	add_detail(ctx, &c->ref, bc->label, value, bc->threshold, r,
	    ctx->condition);
	return r;
}

static enum policy_truth
eval_first_reach(struct policy_ctx *ctx, const struct bound_item *bi,
    const struct cond *c, int want_text)
{
	const struct bound_cond *bc = &bi->conds[c->id];
	const struct dict_field *f = c->ref.field;
	const long *cols = bi->reach_cols[c->id];
	size_t n = bi->reach_n[c->id], i;
	int64_t v, earlier;
	int known = cell_number(ctx, ref_col(ctx, &c->ref), f, &v);
	int year = ctx->b->refs[c->ref.slot].year;
	int reached_year = 0, missing_year = 0;
	int64_t reached_value = 0;
	enum policy_truth r;
	char value[96], e[64];
	const char *t = bc->extra;

	for (i = 0; i < n; i++) {
		if (!cell_number(ctx, cols[i], f, &earlier)) {
			if (missing_year == 0)
				missing_year = year - (int)(n - i);
		} else if (earlier >= c->threshold && reached_year == 0) {
			reached_year = year - (int)(n - i);
			reached_value = earlier;
		}
	}
	if ((known && v < c->threshold) || reached_year != 0)
		r = POLICY_NOT_MET;
	else if (!known || missing_year != 0)
		r = POLICY_UNKNOWN;
	else
		r = POLICY_MET;
	if (!want_text)
		return r;
	value[0] = '\0';
	if (known)
		format_value(f, v, value, sizeof(value));
	if (r == POLICY_MET) {
		text_cat(&ctx->text, bc->label, " ", value, " ≥ ", t,
		    "，为首次达到（此前各年均低于 ", t, "）", (char *)NULL);
	} else if (known && v < c->threshold) {
		text_cat(&ctx->text, bc->label, " ", value, " < ", t,
		    (char *)NULL);
	} else if (reached_year != 0) {
		text_add_int(&ctx->text, reached_year);
		text_cat(&ctx->text, "年", f->label, "已达 ", format_value(f,
		    reached_value, e, sizeof(e)), " ≥ ", t, "，", (char *)NULL);
		text_add_int(&ctx->text, year);
		text_add(&ctx->text, "年并非首次达到");
	} else if (!known) {
		text_cat(&ctx->text, bc->label, " 无数据（需首次 ≥ ", t, "）",
		    (char *)NULL);
	} else {
		text_cat(&ctx->text, bc->label, " ", value, " ≥ ", t, "，但",
		    (char *)NULL);
		text_add_int(&ctx->text, missing_year);
		text_cat(&ctx->text, "年", f->label,
		    "无数据，无法判断是否首次达到", (char *)NULL);
	}
	add_detail(ctx, &c->ref, bc->label, value, bc->threshold, r,
	    ctx->condition);
	return r;
}

/*
 * Scan the list cell S ("code@date;code@date") for entries of CODE,
 * skipping those dated after AS_OF, so that a run at a past as-of date
 * gives the same result from a later export. Sets *EARLIEST to the
 * earliest date (INT32_MAX when there is none), *IN_PERIOD to 1 when an
 * entry is dated within [FROM, UNTIL] with *HIT its date, and *UNDATED
 * to 1 when an entry has no valid date.
 */
static void
scan_list(const char *s, const char *code, int32_t as_of, int32_t from,
    int32_t until, int32_t *earliest, int *in_period, int32_t *hit,
    int *undated)
{
	size_t clen = strlen(code);

	*earliest = INT32_MAX;
	*in_period = 0;
	*undated = 0;
	while (s != NULL && *s != '\0') {
		const char *end = strchr(s, ';');
		size_t len = end != NULL ? (size_t)(end - s) : strlen(s);

		if (len >= clen && strncmp(s, code, clen) == 0 &&
		    (len == clen || s[clen] == '@')) {
			int32_t day;
			char d[16];

			if (len > clen + 1 && len - clen - 1 < sizeof(d)) {
				memcpy(d, s + clen + 1, len - clen - 1);
				d[len - clen - 1] = '\0';
				if (date_parse(d, &day) != 0) {
					*undated = 1;
				} else if (day <= as_of) {
					if (day < *earliest)
						*earliest = day;
					if (day >= from && day <= until &&
					    !*in_period) {
						*in_period = 1;
						*hit = day;
					}
				}
			} else {
				*undated = 1;
			}
		}
		s = end != NULL ? end + 1 : NULL;
	}
}

/* Explain a list condition from what scan_list found. */
static void
explain_list(struct policy_ctx *ctx, const struct cond *c,
    const struct bound_cond *bc, int known, int32_t earliest,
    int in_period, int32_t hit, enum policy_truth r)
{
	char value[128], d[DATE_BUFSIZE];
	const char *listed_as = bc->extra;	/* the code's label */

	value[0] = '\0';
	if (known && earliest != INT32_MAX) {
		copy_text(value, sizeof(value), c->code);
		strcat(value, "@");
		strcat(value, date_format(c->kind == COND_FIRST_ENTRY ||
		    !in_period ? earliest : hit, d));
	}
	if (r == POLICY_UNKNOWN) {
		text_unknown(&ctx->text, bc);
	} else if (c->kind == COND_FIRST_ENTRY) {
		if (r == POLICY_MET) {
			text_cat(&ctx->text, bc->label, "：",
			    date_format(earliest, d), "首次列入", listed_as,
			    (char *)NULL);
		} else if (earliest == INT32_MAX) {
			text_cat(&ctx->text, bc->label, "：未列入", listed_as,
			    (char *)NULL);
		} else {
			text_cat(&ctx->text, bc->label, "：",
			    date_format(earliest, d), "首次列入", listed_as, "，不在",
			    (char *)NULL);
			text_add_int(&ctx->text, bc->year);
			text_add(&ctx->text, "年");
		}
	} else if (r == POLICY_MET && in_period) {
		text_cat(&ctx->text, bc->label, "：", listed_as, "（",
		    date_format(hit, d), "）", (char *)NULL);
	} else if (r == POLICY_MET) {
		text_cat(&ctx->text, bc->label, "：", listed_as, (char *)NULL);
	} else {
		text_cat(&ctx->text, bc->label, "：无", bc->period, listed_as, "记录",
		    (char *)NULL);
	}
	add_detail(ctx, &c->ref, bc->label, value, bc->threshold, r,
	    ctx->condition);
}

static enum policy_truth
eval_list(struct policy_ctx *ctx, const struct bound_item *bi,
    const struct cond *c, int want_text)
{
	const struct bound_cond *bc = &bi->conds[c->id];
	const char *s = cell_text(ctx, ref_col(ctx, &c->ref));
	int32_t earliest, hit = 0;
	int in_period = 0, undated = 0;
	enum policy_truth r;

	scan_list(s, c->code, ctx->b->as_of, bc->from, bc->until, &earliest,
	    &in_period, &hit, &undated);
	if (s == NULL)
		r = POLICY_UNKNOWN;
	else if (c->kind == COND_FIRST_ENTRY)
		r = undated ? POLICY_UNKNOWN : earliest >= bc->from &&
		    earliest <= bc->until ? POLICY_MET : POLICY_NOT_MET;
	else if (in_period || (undated && c->period == PERIOD_ANY))
		r = POLICY_MET;
	else
		r = undated ? POLICY_UNKNOWN : POLICY_NOT_MET;
	if (want_text)
		explain_list(ctx, c, bc, s != NULL, earliest, in_period, hit,
		    r);
	return r;
}

/* Explain a set condition on the cell S, which matched MATCH or none. */
static void
explain_set(struct policy_ctx *ctx, const struct cond *c,
    const struct bound_cond *bc, const char *s, const char *match,
    enum policy_truth r)
{
	const struct dict_field *f = c->ref.field;
	char value[128];

	value[0] = '\0';
	if (r != POLICY_UNKNOWN)
		copy_text(value, sizeof(value), has_labels(f) ?
		    code_label(f, s) : s);
	if (r == POLICY_UNKNOWN)
		text_unknown(&ctx->text, bc);
	else if (r == POLICY_MET && c->kind == COND_INDUSTRY)
		text_cat(&ctx->text, bc->label, " ", value, " 属于 ", match,
		    (char *)NULL);
	else if (r == POLICY_MET)
		text_cat(&ctx->text, bc->label, " ", value, (char *)NULL);
	else
		text_cat(&ctx->text, bc->label, " ", value, " 不属于 ",
		    bc->extra, (char *)NULL);
	add_detail(ctx, &c->ref, bc->label, value, bc->threshold, r,
	    ctx->condition);
}

static enum policy_truth
eval_set(struct policy_ctx *ctx, const struct bound_item *bi,
    const struct cond *c, int want_text)
{
	const char *s = cell_text(ctx, ref_col(ctx, &c->ref));
	const char *match = NULL;
	enum policy_truth r;
	size_t i;

	if (s != NULL && *s != '\0')
		for (i = 0; i < c->nvalues && match == NULL; i++) {
			/* Most values differ in their first byte. */
			if (s[0] != c->values[i][0] && c->values[i][0] != '\0')
				continue;
			if (c->kind == COND_IN ? strcmp(s, c->values[i]) == 0 :
			    strncmp(s, c->values[i], strlen(c->values[i])) == 0)
				match = c->values[i];
		}
	r = s == NULL || *s == '\0' ? POLICY_UNKNOWN : match != NULL ?
	    POLICY_MET : POLICY_NOT_MET;
	if (want_text)
		explain_set(ctx, c, &bi->conds[c->id], s, match, r);
	return r;
}

/* Push the start of a child's text onto the segment stack. */
static void
push_segment(struct policy_ctx *ctx, size_t start, size_t end, int result)
{
	if (ctx->nsegments + 3 > ctx->segments_cap) {
		ctx->segments_cap = ctx->segments_cap ? ctx->segments_cap * 2 :
		    48;
		ctx->segments = xreallocarray(ctx->segments,
		    ctx->segments_cap, sizeof(*ctx->segments));
	}
	ctx->segments[ctx->nsegments++] = start;
	ctx->segments[ctx->nsegments++] = end;
	ctx->segments[ctx->nsegments++] = (size_t)result;
}

/* Return 1 when C starts a chain of an odd number of <not> nodes, each
   the only child of the one before. */
static int
odd_not_chain(const struct cond *c)
{
	int n = 0;

	while (c->kind == COND_NOT) {
		n++;
		c = c->children[0];
	}
	return n % 2 == 1;
}

/*
 * all / any / not, in Kleene's three-valued logic. The text keeps the
 * children that decided: for a met "all" every child, for a met "any"
 * the children met, for a failed one those that failed. A chain of
 * <not> nodes passes its innermost child's text through, because that
 * text states the child's own result; a failed chain of odd length
 * marks it "属于排除情形".
 */
static enum policy_truth
eval_composite(struct policy_ctx *ctx, const struct bound_item *bi,
    const struct cond *c, int want_text)
{
	size_t base = ctx->text.len, seg_base = ctx->nsegments, i, n;
	size_t nmet = 0, nnot = 0, nunknown = 0, kept = 0;
	enum policy_truth r, keep;
	const char *joiner;
	int parent_not = ctx->in_not;

	ctx->depth++;
	ctx->in_not = c->kind == COND_NOT;
	if (c->kind == COND_NOT)
		ctx->negations++;
	for (i = 0; i < c->nchildren; i++) {
		size_t start = ctx->text.len;
		enum policy_truth sub = eval_cond(ctx, bi, c->children[i],
		    want_text);

		if (want_text)
			push_segment(ctx, start, ctx->text.len, (int)sub);
		if (sub == POLICY_MET)
			nmet++;
		else if (sub == POLICY_NOT_MET)
			nnot++;
		else
			nunknown++;
		/* Without text, stop as soon as the result is settled. */
		if (!want_text && ((c->kind == COND_ALL && nnot > 0) ||
		    (c->kind == COND_ANY && nmet > 0)))
			break;
	}
	ctx->depth--;
	ctx->in_not = parent_not;
	if (c->kind == COND_NOT)
		ctx->negations--;
	if (c->kind == COND_NOT) {
		if (nmet > 0)
			r = POLICY_NOT_MET;
		else if (nnot > 0)
			r = POLICY_MET;
		else
			r = POLICY_UNKNOWN;
	} else if (c->kind == COND_ALL) {
		if (nnot > 0)
			r = POLICY_NOT_MET;
		else if (nunknown > 0)
			r = POLICY_UNKNOWN;
		else
			r = POLICY_MET;
	} else {
		if (nmet > 0)
			r = POLICY_MET;
		else if (nunknown > 0)
			r = POLICY_UNKNOWN;
		else
			r = POLICY_NOT_MET;
	}
	if (!want_text)
		return r;

	/* Which children to keep in the text. NOTE: an unknown child of
	   a <not> keeps its own "需 ≥ ..." text, which reads unreversed. */
	if (c->kind == COND_NOT)
		keep = (enum policy_truth)-1;	/* the one child */
	else if (c->kind == COND_ALL)
		keep = r == POLICY_MET ? (enum policy_truth)-1 : r;
	else
		keep = r == POLICY_NOT_MET ? (enum policy_truth)-1 : r;
	joiner = c->kind == COND_ANY ? "，或" : "，且";
	if (c->kind == COND_ANY && r == POLICY_NOT_MET)
		joiner = "，且";
	n = (ctx->nsegments - seg_base) / 3;
	{
		size_t out_start = ctx->text.len;

		if (c->kind == COND_NOT && r == POLICY_NOT_MET &&
		    !parent_not && odd_not_chain(c))
			text_add(&ctx->text, "属于排除情形：");
		for (i = 0; i < n; i++) {
			size_t s = ctx->segments[seg_base + 3 * i];
			size_t e = ctx->segments[seg_base + 3 * i + 1];
			int res = (int)ctx->segments[seg_base + 3 * i + 2];

			if ((int)keep != -1 && res != (int)keep)
				continue;
			if (kept++ > 0)
				text_add(&ctx->text, joiner);
			text_reserve(&ctx->text, e - s);
			memcpy(ctx->text.data + ctx->text.len,
			    ctx->text.data + s, e - s);
			ctx->text.len += e - s;
			ctx->text.data[ctx->text.len] = '\0';
		}
		memmove(ctx->text.data + base, ctx->text.data + out_start,
		    ctx->text.len - out_start + 1);
		ctx->text.len = base + (ctx->text.len - out_start);
	}
	ctx->nsegments = seg_base;
	return r;
}

static enum policy_truth
eval_cond(struct policy_ctx *ctx, const struct bound_item *bi,
    const struct cond *c, int want_text)
{
	switch (c->kind) {
	case COND_ALL:
	case COND_ANY:
	case COND_NOT:
		return eval_composite(ctx, bi, c, want_text);
	case COND_RANGE:
		return eval_range(ctx, bi, c, want_text);
	case COND_YEARS_SINCE:
		return eval_years_since(ctx, bi, c, want_text);
	case COND_GROWTH:
		return eval_growth(ctx, bi, c, want_text);
	case COND_FIRST_REACH:
		return eval_first_reach(ctx, bi, c, want_text);
	case COND_FIRST_ENTRY:
	case COND_HAS:
		return eval_list(ctx, bi, c, want_text);
	case COND_IN:
	case COND_INDUSTRY:
		return eval_set(ctx, bi, c, want_text);
	}
	return POLICY_UNKNOWN;
}

/* ---- Awards ---- */

struct award_env {
	int64_t step;
	enum money_rounding rounding;
	int want_text;
};

/* Apply A's cap to *V, noting it in the text. */
static void
apply_cap(struct policy_ctx *ctx, const struct award *a, int64_t *v,
    const struct award_env *env)
{
	char m[MONEY_BUFSIZE];

	if (a->cap >= 0 && *v > a->cap) {
		*v = a->cap;
		if (env->want_text)
			text_printf(&ctx->award_text, "，封顶 %s",
			    money_format_human(a->cap, m));
	}
}

/*
 * Compute award A into *V. Inside a tier, BASE_REF, BASE and BASE_KNOWN
 * give the tier table's base. Returns 1 when the award is known, 0 when
 * a value it needs is unknown.
 */
static int
eval_award(struct policy_ctx *ctx, const struct award *a,
    const struct field_ref *base_ref, int64_t base, int base_known,
    const struct award_env *env, int64_t *v)
{
	char m1[MONEY_BUFSIZE], m2[MONEY_BUFSIZE], m3[MONEY_BUFSIZE];
	char label[192], r[48];
	size_t i;

	label[0] = '\0';
	switch (a->kind) {
	case AWARD_FIXED:
		*v = a->fen;
		if (env->want_text)
			text_printf(&ctx->award_text, "定额 %s",
			    money_format_human(a->fen, m1));
		return 1;
	case AWARD_RATE: {
		const struct field_ref *ref = a->ref.field != NULL ? &a->ref :
		    base_ref;
		int64_t b = base;
		int known = a->ref.field != NULL ? cell_number(ctx,
		    ref_col(ctx, &a->ref), a->ref.field, &b) : base_known;

		if (env->want_text)
			format_ref_label(ctx->b, ref, label, sizeof(label));
		if (a->ref.field != NULL)
			add_detail(ctx, &a->ref, label, known ?
			    money_format_human(b, m1) : "", "奖励基数",
			    known ? POLICY_MET : POLICY_UNKNOWN, (size_t)-1);
		if (!known) {
			if (env->want_text)
				text_printf(&ctx->award_text, "%s 无数据", label);
			return 0;
		}
		*v = money_scale(b < 0 ? 0 : b, a->rate.num, a->rate.den,
		    env->step, env->rounding);
		if (env->want_text)
			text_printf(&ctx->award_text, "%s %s × %s = %s", label,
			    money_format_human(b, m1),
			    rate_format_human(&a->rate, r),
			    money_format_human(*v, m2));
		apply_cap(ctx, a, v, env);
		return 1;
	}
	case AWARD_TIERS: {
		int64_t b;
		int known = cell_number(ctx, ref_col(ctx, &a->ref),
		    a->ref.field, &b);

		if (env->want_text)
			format_ref_label(ctx->b, &a->ref, label, sizeof(label));
		add_detail(ctx, &a->ref, label, known ?
		    money_format_human(b, m1) : "", "奖励基数",
		    known ? POLICY_MET : POLICY_UNKNOWN, (size_t)-1);
		if (!known) {
			if (env->want_text)
				text_printf(&ctx->award_text, "%s 无数据", label);
			return 0;
		}
		if (a->ntiers == 0 || b < a->tiers[0].from) {
			*v = 0;
			if (env->want_text)
				text_printf(&ctx->award_text,
				    "%s %s 未达最低档 %s", label,
				    money_format_human(b, m1),
				    money_format_human(a->ntiers ?
				    a->tiers[0].from : 0, m2));
			return 1;
		}
		if (!a->marginal) {
			for (i = 0; i < a->ntiers; i++) {
				const struct tier *t = &a->tiers[i];

				if (b >= t->from && (!t->has_to || b < t->to))
					break;
			}
			if (i == a->ntiers) {
				/* Above a closed last tier: no award. */
				*v = 0;
				if (env->want_text)
					text_printf(&ctx->award_text,
					    "%s %s 超出最高档", label,
					    money_format_human(b, m1));
				return 1;
			}
			if (env->want_text) {
				if (a->tiers[i].has_to)
					text_printf(&ctx->award_text,
					    "%s %s 属于 %s 至 %s 档：", label,
					    money_format_human(b, m1),
					    money_format_human(a->tiers[i].from,
					    m2), money_format_human(
					    a->tiers[i].to, m3));
				else
					text_printf(&ctx->award_text,
					    "%s %s 属于 %s 以上档：", label,
					    money_format_human(b, m1),
					    money_format_human(a->tiers[i].from,
					    m2));
			}
			if (!eval_award(ctx, a->tiers[i].award, &a->ref, b, 1,
			    env, v))
				return 0;
			apply_cap(ctx, a, v, env);
			return 1;
		}
		*v = 0;
		if (env->want_text)
			text_printf(&ctx->award_text, "%s %s 分段计算：", label,
			    money_format_human(b, m1));
		for (i = 0; i < a->ntiers; i++) {
			const struct tier *t = &a->tiers[i];
			const struct award *ra = t->award;
			int64_t top = t->has_to && b > t->to ? t->to : b;
			int64_t part;

			if (b <= t->from)
				break;
			part = money_scale(top - t->from, ra->rate.num,
			    ra->rate.den, env->step, env->rounding);
			if (ra->cap >= 0 && part > ra->cap)
				part = ra->cap;
			*v += part;
			if (env->want_text)
				text_printf(&ctx->award_text, "%s%s × %s = %s",
				    i > 0 ? "；" : "",
				    money_format_human(top - t->from, m1),
				    rate_format_human(&ra->rate, r),
				    money_format_human(part, m2));
		}
		if (env->want_text)
			text_printf(&ctx->award_text, "，合计 %s",
			    money_format_human(*v, m1));
		apply_cap(ctx, a, v, env);
		return 1;
	}
	case AWARD_PER_POINT: {
		int64_t from, to;
		int kf = cell_number(ctx, ref_col(ctx, &a->ref2), a->ref.field,
		    &from);
		int kt = cell_number(ctx, ref_col(ctx, &a->ref), a->ref.field,
		    &to);
		int64_t points = 0;
		char g[32];

		if (env->want_text)
			snprintf(label, sizeof(label), "%s（%d年较%d年）增长率",
			    a->ref.field->label,
			    ctx->b->refs[a->ref.slot].year,
			    ctx->b->refs[a->ref2.slot].year);
		add_detail(ctx, &a->ref, label, kf && kt && from > 0 ?
		    bp_text(growth_bp(from, to), g) : "",
		    "奖励基数", kf && kt ? POLICY_MET : POLICY_UNKNOWN,
		    (size_t)-1);
		if (!kf || !kt) {
			if (env->want_text)
				text_printf(&ctx->award_text, "%s 无数据", label);
			return 0;
		}
		if (from > 0) {
			/* floor(((to - from) / from - num / den) * 100) */
			__int128 n = ((__int128)(to - from) * a->rate.den -
			    (__int128)a->rate.num * from) * 100;
			__int128 d = (__int128)from * a->rate.den;

			if (n > 0)
				points = (int64_t)(n / d);
		}
		*v = points * a->fen;
		if (env->want_text) {
			if (from <= 0)
				text_printf(&ctx->award_text,
				    "%d年%s为 %s，无法计算增长率，奖励 0元",
				    ctx->b->refs[a->ref2.slot].year,
				    a->ref.field->label,
				    money_format_human(from, m1));
			else
				text_printf(&ctx->award_text,
				    "%s %s，超过 %s 的部分计 %lld 个百分点 × %s = %s",
				    label, bp_text(growth_bp(from, to), g), rate_format_human(&a->rate, r),
				    (long long)points,
				    money_format_human(a->fen, m1),
				    money_format_human(*v, m2));
		}
		apply_cap(ctx, a, v, env);
		return 1;
	}
	case AWARD_MIN: {
		int all_known = 1;
		int64_t best = 0, part;

		if (env->want_text)
			text_add(&ctx->award_text, "取较小者（");
		for (i = 0; i < a->nparts; i++) {
			if (env->want_text && i > 0)
				text_add(&ctx->award_text, "；");
			if (!eval_award(ctx, a->parts[i], base_ref, base,
			    base_known, env, &part))
				all_known = 0;
			else if (i == 0 || part < best)
				best = part;
		}
		if (env->want_text)
			text_add(&ctx->award_text, "）");
		if (!all_known)
			return 0;
		*v = best;
		if (env->want_text)
			text_printf(&ctx->award_text, " = %s",
			    money_format_human(best, m1));
		apply_cap(ctx, a, v, env);
		return 1;
	}
	}
	return 0;
}

/* ---- Evaluation ---- */

/*
 * Find the status of item INDEX alone, for POLICY_EVAL_TRIAGE: judging
 * stops at the first condition that settles POLICY_NONE, which most
 * pairs reach after one or two conditions.
 */
static const struct policy_outcome *
triage(struct policy_ctx *ctx, size_t index)
{
	const struct policy_item *item = &ctx->b->set->items[index];
	const struct item_rule *rule = item->impl;
	const struct bound_item *bi = &ctx->b->items[index];
	struct policy_outcome *out = &ctx->out;
	size_t i, nnot_met = 0, nunknown = 0;

	ctx->flags = POLICY_EVAL_STATUS;
	out->item = item;
	out->nconditions = 0;
	out->results = NULL;
	out->nmet = out->nnot_met = out->nunknown = 0;
	out->details = NULL;
	out->ndetails = 0;
	out->award_known = 0;
	out->award = 0;
	out->explanation = "";
	out->award_explanation = "";
	if (!policy_in_force(item, ctx->b->as_of)) {
		out->status = POLICY_NOT_IN_FORCE;
		return out;
	}
	for (i = 0; i < rule->nconditions; i++) {
		struct memo *memo = &ctx->memo[bi->shared[i]];
		enum policy_truth r;

		/* Many items share a condition: judge it once per row. */
		if (memo->gen != ctx->gen) {
			memo->gen = ctx->gen;
			memo->result = eval_cond(ctx, bi, rule->conditions[i],
			    0);
		}
		r = memo->result;
		if (r == POLICY_NOT_MET)
			nnot_met++;
		else if (r == POLICY_UNKNOWN)
			nunknown++;
		/* Two conditions not met, or one not met and one unknown,
		   make neither an eligible item nor a near miss. */
		if (nnot_met > 0 && nnot_met + nunknown > 1) {
			out->status = POLICY_NONE;
			return out;
		}
	}
	out->status = nnot_met == 0 && nunknown == 0 ? POLICY_ELIGIBLE :
	    POLICY_NEAR_MISS;
	return out;
}

const struct policy_outcome *
policy_eval(struct policy_ctx *ctx, size_t index, int flags)
{
	const struct policy_set *set = ctx->b->set;
	const struct policy_item *item = &set->items[index];
	const struct item_rule *rule = item->impl;
	const struct bound_item *bi = &ctx->b->items[index];
	struct policy_outcome *out = &ctx->out;
	int want_text;
	size_t i, *starts;
	char d1[DATE_BUFSIZE], d2[DATE_BUFSIZE], d3[DATE_BUFSIZE];

	if (flags & POLICY_EVAL_TRIAGE)
		return triage(ctx, index);
	ctx->flags = flags;
	want_text = (flags & (POLICY_EVAL_EXPLAIN | POLICY_EVAL_DETAILS)) != 0;
	memset(out, 0, sizeof(*out));
	out->item = item;
	ctx->ndetails = 0;
	ctx->nsegments = 0;
	text_truncate(&ctx->text, 0);
	text_truncate(&ctx->award_text, 0);
	text_truncate(&ctx->explanation, 0);
	out->explanation = "";
	out->award_explanation = "";

	if (!policy_in_force(item, ctx->b->as_of)) {
		out->status = POLICY_NOT_IN_FORCE;
		if (flags & POLICY_EVAL_EXPLAIN) {
			if (item->valid_until == INT32_MAX)
				text_printf(&ctx->explanation,
				    "政策自%s起施行，评估日%s不在有效期内，未评估",
				    date_format(item->valid_from, d1),
				    date_format(ctx->b->as_of, d3));
			else
				text_printf(&ctx->explanation,
				    "政策有效期%s至%s，评估日%s不在有效期内，未评估",
				    date_format(item->valid_from, d1),
				    date_format(item->valid_until, d2),
				    date_format(ctx->b->as_of, d3));
			out->explanation = ctx->explanation.data;
		}
		return out;
	}

	if (ctx->results_cap < rule->nconditions) {
		ctx->results_cap = rule->nconditions;
		ctx->results = xreallocarray(ctx->results, ctx->results_cap,
		    sizeof(*ctx->results));
	}
	/* Each top-level text's start and end, kept on the segment stack. */
	for (i = 0; i < rule->nconditions; i++) {
		size_t start = ctx->text.len;
		enum policy_truth r;

		ctx->condition = i;
		ctx->depth = 0;
		ctx->negations = 0;
		r = eval_cond(ctx, bi, rule->conditions[i], want_text);
		ctx->results[i] = r;
		if (r == POLICY_MET)
			out->nmet++;
		else if (r == POLICY_NOT_MET)
			out->nnot_met++;
		else
			out->nunknown++;
		if (want_text) {
			/* A NUL ends each top-level text. */
			push_segment(ctx, start, ctx->text.len, (int)r);
			text_reserve(&ctx->text, 1);
			ctx->text.data[ctx->text.len++] = '\0';
			ctx->text.data[ctx->text.len] = '\0';
		}
	}
	out->nconditions = rule->nconditions;
	out->results = ctx->results;
	if (out->nnot_met == 0 && out->nunknown == 0)
		out->status = POLICY_ELIGIBLE;
	else if (out->nnot_met == 1 && out->nunknown == 0)
		out->status = POLICY_NEAR_MISS;
	else if (out->nnot_met == 0)
		out->status = POLICY_NEAR_MISS;
	else
		out->status = POLICY_NONE;

	if (out->status != POLICY_NONE) {
		struct award_env env;
		int64_t v = 0;

		env.step = rule->round_step;
		env.rounding = rule->rounding;
		env.want_text = (flags & POLICY_EVAL_DETAILS) ||
		    ((flags & POLICY_EVAL_EXPLAIN) &&
		    !(flags & POLICY_EVAL_NO_AWARD_TEXT));
		if (eval_award(ctx, rule->award, NULL, 0, 0, &env, &v)) {
			int64_t rounded = money_scale(v, 1, 1, rule->round_step,
			    rule->rounding);
			char m[MONEY_BUFSIZE];

			if (env.want_text && rounded != v)
				text_printf(&ctx->award_text, "，取整为 %s",
				    money_format_human(rounded, m));
			v = rounded;
			if (rule->award_cap >= 0 && v > rule->award_cap) {
				v = rule->award_cap;
				if (env.want_text)
					text_printf(&ctx->award_text,
					    "，本项最高 %s",
					    money_format_human(v, m));
			}
			out->award_known = 1;
			out->award = v;
		}
		if ((flags & POLICY_EVAL_EXPLAIN) && env.want_text)
			out->award_explanation = ctx->award_text.data;
	}

	/*
	 * The decisive conditions: every one for an eligible item, else only
	 * those not met or unknown, each marked, so that no met condition
	 * reads as part of what is missing.
	 */
	if (flags & POLICY_EVAL_EXPLAIN) {
		size_t listed = 0;

		starts = ctx->segments;
		for (i = 0; i < rule->nconditions; i++) {
			size_t s = starts[3 * i];
			int r = (int)starts[3 * i + 2];

			if (out->status != POLICY_ELIGIBLE && r == POLICY_MET)
				continue;
			if (listed++ > 0)
				text_add(&ctx->explanation, "；");
			if (r == POLICY_NOT_MET)
				text_add(&ctx->explanation, "未满足：");
			else if (r == POLICY_UNKNOWN)
				text_add(&ctx->explanation, "缺少数据：");
			text_add(&ctx->explanation, ctx->text.data + s);
		}
		out->explanation = ctx->explanation.data != NULL ?
		    ctx->explanation.data : "";
	}
	if (flags & POLICY_EVAL_DETAILS) {
		for (i = 0; i < ctx->ndetails; i++) {
			ctx->details[i].column = ctx->detail_texts[i].column;
			ctx->details[i].label = ctx->detail_texts[i].label;
			ctx->details[i].value = ctx->detail_texts[i].value;
			ctx->details[i].threshold =
			    ctx->detail_texts[i].threshold;
		}
		out->details = ctx->details;
		out->ndetails = ctx->ndetails;
	}
	return out;
}
