/*
 * Canonical policies: integer fen, exact rates, items sorted by id, one
 * element per line with a fixed attribute order and two-space indents,
 * so two versions of a policy set diff line by line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "date.h"
#include "err.h"
#include "pfe.h"
#include "policy-impl.h"
#include "xmlio.h"

struct buf {
	char *data;
	size_t len, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 4096;
		b->data = xrealloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void PFE_PRINTF(2, 3)
buf_printf(struct buf *b, const char *fmt, ...)
{
	char small[256], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		die(_("out of memory"));
	if ((size_t)n < sizeof(small)) {
		buf_add(b, small, (size_t)n);
		return;
	}
	big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_add(b, big, (size_t)n);
	free(big);
}

/* Append S escaped for XML text or a double-quoted attribute. */
static void
buf_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_add(b, "&amp;", 5);
			break;
		case '<':
			buf_add(b, "&lt;", 4);
			break;
		case '>':
			buf_add(b, "&gt;", 4);
			break;
		case '"':
			buf_add(b, "&quot;", 6);
			break;
		case '\t':
			buf_add(b, "&#9;", 4);
			break;
		case '\n':
			buf_add(b, "&#10;", 5);
			break;
		case '\r':
			buf_add(b, "&#13;", 5);
			break;
		default:
			buf_add(b, s, 1);
		}
}

static void
indent(struct buf *b, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		buf_add(b, "  ", 2);
}

/* Append ' NAME="VALUE"' with VALUE escaped. */
static void
attr_str(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, " %s=\"", name);
	buf_escape(b, value);
	buf_add(b, "\"", 1);
}

static void
attr_int(struct buf *b, const char *name, int64_t value)
{
	buf_printf(b, " %s=\"%lld\"", name, (long long)value);
}

static void
attr_year(struct buf *b, const char *name, const struct year_ref *year)
{
	char y[16];

	if (year->kind != YEAR_NONE)
		attr_str(b, name, year_ref_format(year, y));
}

static void
attr_rate(struct buf *b, const char *name, const struct rate *rate)
{
	char r[48];

	attr_str(b, name, rate_format(rate, r));
}

/* Append ' field="ID" year="..."' for REF. */
static void
attr_ref(struct buf *b, const struct field_ref *ref, const char *year_name)
{
	attr_str(b, "field", ref->field->id);
	attr_year(b, year_name, &ref->year);
}

/* Append a comparison value of FIELD: fen, a number or a date. */
static void
attr_value(struct buf *b, const char *name, const struct dict_field *field,
    int64_t value)
{
	char d[DATE_BUFSIZE];

	if (field != NULL && field->type == FIELD_DATE)
		attr_str(b, name, date_format((int32_t)value, d));
	else
		attr_int(b, name, value);
}

static void
attr_bounds(struct buf *b, const struct bounds *bounds,
    const struct dict_field *field)
{
	if (bounds->has_lower)
		attr_value(b, bounds->lower_strict ? "gt" : "ge", field,
		    bounds->lower);
	if (bounds->has_upper)
		attr_value(b, bounds->upper_strict ? "lt" : "le", field,
		    bounds->upper);
}

static void
attr_values(struct buf *b, const char *name, const struct cond *c)
{
	size_t i;

	buf_printf(b, " %s=\"", name);
	for (i = 0; i < c->nvalues; i++) {
		if (i > 0)
			buf_add(b, " ", 1);
		buf_escape(b, c->values[i]);
	}
	buf_add(b, "\"", 1);
}

static void
write_cond(struct buf *b, const struct cond *c, int depth)
{
	char d[DATE_BUFSIZE];
	size_t i;

	indent(b, depth);
	switch (c->kind) {
	case COND_ALL:
	case COND_ANY:
	case COND_NOT:
		buf_printf(b, "<%s>\n", c->kind == COND_ALL ? "all" :
		    c->kind == COND_ANY ? "any" : "not");
		for (i = 0; i < c->nchildren; i++)
			write_cond(b, c->children[i], depth + 1);
		indent(b, depth);
		buf_printf(b, "</%s>\n", c->kind == COND_ALL ? "all" :
		    c->kind == COND_ANY ? "any" : "not");
		return;
	case COND_RANGE:
		buf_add(b, "<range", 6);
		attr_ref(b, &c->ref, "year");
		attr_bounds(b, &c->bounds, c->ref.field);
		break;
	case COND_YEARS_SINCE:
		buf_add(b, "<years-since", 12);
		attr_ref(b, &c->ref, "year");
		attr_bounds(b, &c->bounds, NULL);
		break;
	case COND_GROWTH:
		buf_add(b, "<growth", 7);
		attr_str(b, "field", c->ref.field->id);
		attr_year(b, "from", &c->ref2.year);
		attr_year(b, "to", &c->ref.year);
		attr_rate(b, c->rate_strict ? "gt" : "ge", &c->rate);
		break;
	case COND_FIRST_REACH:
		buf_add(b, "<first-reach", 12);
		attr_ref(b, &c->ref, "year");
		attr_value(b, "ge", c->ref.field, c->threshold);
		break;
	case COND_FIRST_ENTRY:
		buf_add(b, "<first-entry", 12);
		attr_str(b, "field", c->ref.field->id);
		attr_str(b, "code", c->code);
		attr_year(b, "year", &c->period_year);
		break;
	case COND_HAS:
		buf_add(b, "<has", 4);
		attr_str(b, "field", c->ref.field->id);
		attr_str(b, "code", c->code);
		if (c->period == PERIOD_YEAR)
			attr_year(b, "year", &c->period_year);
		else if (c->period == PERIOD_BEFORE)
			attr_year(b, "before", &c->period_year);
		else if (c->period == PERIOD_DATES) {
			if (c->period_from != INT32_MIN)
				attr_str(b, "from", date_format(c->period_from,
				    d));
			if (c->period_until != INT32_MAX)
				attr_str(b, "until",
				    date_format(c->period_until, d));
		}
		break;
	case COND_IN:
		buf_add(b, "<in", 3);
		attr_ref(b, &c->ref, "year");
		attr_values(b, "values", c);
		break;
	case COND_INDUSTRY:
		buf_add(b, "<industry", 9);
		attr_str(b, "field", c->ref.field->id);
		attr_values(b, "prefixes", c);
		break;
	}
	buf_add(b, "/>\n", 3);
}

static void
attr_cap(struct buf *b, int64_t cap)
{
	if (cap >= 0)
		attr_int(b, "cap", cap);
}

static void
write_award(struct buf *b, const struct award *a, int depth)
{
	size_t i;

	indent(b, depth);
	switch (a->kind) {
	case AWARD_FIXED:
		buf_add(b, "<fixed", 6);
		attr_int(b, "fen", a->fen);
		break;
	case AWARD_RATE:
		buf_add(b, "<rate", 5);
		if (a->ref.field != NULL)
			attr_ref(b, &a->ref, "year");
		attr_rate(b, "rate", &a->rate);
		attr_cap(b, a->cap);
		break;
	case AWARD_PER_POINT:
		buf_add(b, "<per-point", 10);
		attr_str(b, "field", a->ref.field->id);
		attr_year(b, "from", &a->ref2.year);
		attr_year(b, "to", &a->ref.year);
		attr_rate(b, "above", &a->rate);
		attr_int(b, "fen", a->fen);
		attr_cap(b, a->cap);
		break;
	case AWARD_TIERS:
		buf_add(b, "<tiers", 6);
		attr_ref(b, &a->ref, "year");
		attr_str(b, "kind", a->marginal ? "marginal" : "whole");
		attr_cap(b, a->cap);
		buf_add(b, ">\n", 2);
		for (i = 0; i < a->ntiers; i++) {
			const struct tier *t = &a->tiers[i];

			indent(b, depth + 1);
			buf_add(b, "<tier", 5);
			attr_int(b, "from", t->from);
			if (t->has_to)
				attr_int(b, "to", t->to);
			buf_add(b, ">\n", 2);
			write_award(b, t->award, depth + 2);
			indent(b, depth + 1);
			buf_add(b, "</tier>\n", 8);
		}
		indent(b, depth);
		buf_add(b, "</tiers>\n", 9);
		return;
	case AWARD_MIN:
		buf_add(b, "<min>\n", 6);
		for (i = 0; i < a->nparts; i++)
			write_award(b, a->parts[i], depth + 1);
		indent(b, depth);
		buf_add(b, "</min>\n", 7);
		return;
	}
	buf_add(b, "/>\n", 3);
}

/* Write one element with escaped text content on one line. */
static void
text_element(struct buf *b, int depth, const char *name, const char *text)
{
	indent(b, depth);
	buf_printf(b, "<%s>", name);
	buf_escape(b, text);
	buf_printf(b, "</%s>\n", name);
}

static void
write_item(struct buf *b, const struct policy_item *item,
    const struct item_rule *rule, int with_modes)
{
	char d[DATE_BUFSIZE];
	size_t i;

	buf_add(b, "  <item", 7);
	attr_str(b, "id", item->id);
	attr_str(b, "free-of-application",
	    item->free_of_application ? "true" : "false");
	attr_str(b, "no-double-funding",
	    item->no_double_funding ? "true" : "false");
	buf_add(b, ">\n", 2);
	text_element(b, 2, "title", item->title);
	text_element(b, 2, "department", item->department);
	buf_add(b, "    <document", 13);
	attr_str(b, "number", item->document);
	if (item->article != NULL)
		attr_str(b, "article", item->article);
	buf_add(b, "/>\n", 3);
	buf_add(b, "    <valid", 10);
	attr_str(b, "from", date_format(item->valid_from, d));
	if (item->valid_until != INT32_MAX)
		attr_str(b, "until", date_format(item->valid_until, d));
	buf_add(b, "/>\n", 3);
	if (item->budget >= 0) {
		buf_add(b, "    <budget", 11);
		attr_int(b, "fen", item->budget);
		attr_str(b, "sharing", policy_sharing_name(item->sharing));
		if (item->sharing == POLICY_SHARING_PRO_RATA)
			attr_str(b, "remainder",
			    item->remainder == POLICY_REMAINDER_LARGEST ?
			    "largest" : "drop");
		if (item->rank_field != NULL)
			attr_str(b, "rank-by", item->rank_field);
		buf_add(b, "/>\n", 3);
	}
	if (item->enterprise_cap >= 0) {
		buf_add(b, "    <enterprise-cap", 19);
		attr_int(b, "fen", item->enterprise_cap);
		buf_add(b, "/>\n", 3);
	}
	if (item->group != NULL) {
		buf_add(b, "    <highest-only", 17);
		attr_str(b, "group", item->group);
		buf_add(b, "/>\n", 3);
	}
	buf_add(b, "    <conditions>\n", 17);
	for (i = 0; i < rule->nconditions; i++)
		write_cond(b, rule->conditions[i], 3);
	buf_add(b, "    </conditions>\n", 18);
	buf_add(b, "    <award", 10);
	attr_str(b, "round", rule->round_step == 1 ? "fen" :
	    rule->round_step == 100 ? "yuan" : "wan");
	attr_str(b, "rounding", rule->rounding == ROUND_HALF_UP ?
	    "half-up" : "down");
	attr_cap(b, rule->award_cap);
	buf_add(b, ">\n", 2);
	write_award(b, rule->award, 3);
	buf_add(b, "    </award>\n", 13);
	if (item->nmaterials > 0) {
		buf_add(b, "    <materials>\n", 16);
		for (i = 0; i < item->nmaterials; i++) {
			const struct policy_material *m = &item->materials[i];

			buf_add(b, "      <material", 15);
			attr_str(b, "id", m->id);
			if (m->proves != NULL)
				attr_str(b, "proves", m->proves);
			buf_add(b, ">", 1);
			buf_escape(b, m->name);
			buf_add(b, "</material>\n", 12);
		}
		buf_add(b, "    </materials>\n", 17);
	}
	if (with_modes) {
		buf_add(b, "    <review", 11);
		attr_str(b, "mode", policy_mode_name(item->mode));
		if (item->nmode_reasons == 0) {
			buf_add(b, "/>\n", 3);
		} else {
			buf_add(b, ">\n", 2);
			for (i = 0; i < item->nmode_reasons; i++) {
				buf_add(b, "      <blocker>", 15);
				buf_escape(b, item->mode_reasons[i]);
				buf_add(b, "</blocker>\n", 11);
			}
			buf_add(b, "    </review>\n", 14);
		}
	}
	buf_add(b, "  </item>\n", 10);
}

char *
policy_write(const struct policy_set *set, int with_modes, size_t *len)
{
	const struct set_impl *impl = set->impl;
	struct buf b = { NULL, 0, 0 };
	size_t i;

	buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_printf(&b, "<policies xmlns=\"%s\">\n", POLICY_NS);
	for (i = 0; i < set->nitems; i++)
		write_item(&b, &set->items[i], &impl->rules[i], with_modes);
	buf_printf(&b, "</policies>\n");
	*len = b.len;
	return b.data;
}

void
policy_check_output(const char *buf, size_t len, const char *name)
{
	xmlDocPtr doc = xmlReadMemory(buf, (int)len, name, "UTF-8",
	    XML_PARSE_NONET);

	if (doc == NULL)
		die(_("the canonical policies for '%s' are not well-formed XML: this is a bug in pfe"),
		    name);
	if (xml_validate(doc, name, "policy.xsd") != 0) {
		xmlFreeDoc(doc);
		die(_("the canonical policies for '%s' are not valid against policy.xsd: this is a bug in pfe"),
		    name);
	}
	xmlFreeDoc(doc);
}
