/*
 * Reading policy items into the policy model from the authored format
 * (amounts in 元, 万元 or 亿元, rates in percent) or the canonical one
 * (fen, basis points). Every check against the field dictionary that a
 * schema cannot make happens here.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "money.h"
#include "pfe.h"
#include "policy-impl.h"
#include "xmlio.h"

/* ---- Arena ---- */

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct arena_chunk *chunks;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void *
arena_alloc(struct arena *arena, size_t n)
{
	struct arena_chunk *c = arena->chunks;
	size_t align = sizeof(max_align_t);
	void *p;

	n = (n + align - 1) / align * align;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > 65536 ? n : 65536;

		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		c->next = arena->chunks;
		arena->chunks = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strdup(struct arena *arena, const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = arena_alloc(arena, n);

	memcpy(copy, s, n);
	return copy;
}

void
arena_free(struct arena *arena)
{
	struct arena_chunk *c, *next;

	if (arena == NULL)
		return;
	for (c = arena->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(arena);
}

/* ---- Small parsers shared with the writer and the evaluator ---- */

int
year_ref_parse(const char *s, struct year_ref *ref)
{
	char *end;
	long v;

	if (strcmp(s, "last") == 0) {
		ref->kind = YEAR_LAST;
		ref->value = 0;
		return 0;
	}
	if (strncmp(s, "last-", 5) == 0) {
		if (s[5] < '1' || s[5] > '9')
			return -1;
		errno = 0;
		v = strtol(s + 5, &end, 10);
		if (errno != 0 || *end != '\0' || v < 1 || v > 50)
			return -1;
		ref->kind = YEAR_LAST;
		ref->value = (int)v;
		return 0;
	}
	if (s[0] < '1' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1900 || v > 2200)
		return -1;
	ref->kind = YEAR_NAMED;
	ref->value = (int)v;
	return 0;
}

const char *
year_ref_format(const struct year_ref *ref, char buf[16])
{
	if (ref->kind == YEAR_LAST && ref->value == 0)
		snprintf(buf, 16, "last");
	else if (ref->kind == YEAR_LAST)
		snprintf(buf, 16, "last-%d", ref->value);
	else if (ref->kind == YEAR_NAMED)
		snprintf(buf, 16, "%d", ref->value);
	else
		buf[0] = '\0';
	return buf;
}

int
year_ref_resolve(const struct year_ref *ref, int32_t as_of)
{
	if (ref->kind == YEAR_NAMED)
		return ref->value;
	return date_year(as_of) - 1 - ref->value;
}

static int64_t
gcd64(int64_t a, int64_t b)
{
	if (a < 0)
		a = -a;
	while (b != 0) {
		int64_t t = a % b;

		a = b;
		b = t;
	}
	return a == 0 ? 1 : a;
}

const char *
rate_format(const struct rate *rate, char buf[48])
{
	if ((rate->num * 10000) % rate->den == 0)
		snprintf(buf, 48, "%lldbp",
		    (long long)(rate->num * 10000 / rate->den));
	else
		snprintf(buf, 48, "%lld/%lld", (long long)rate->num,
		    (long long)rate->den);
	return buf;
}

const char *
rate_format_human(const struct rate *rate, char buf[48])
{
	int64_t scaled;
	int decimals = 0;
	char digits[40];
	size_t n;
	int negative = rate->num < 0;
	int64_t num = negative ? -rate->num : rate->num;

	/* Exact as a percent with at most six decimals, else a fraction. */
	scaled = num * 100;
	while (scaled % rate->den != 0 && decimals < 6) {
		scaled *= 10;
		decimals++;
	}
	if (scaled % rate->den != 0) {
		snprintf(buf, 48, "%s%lld/%lld", negative ? "-" : "",
		    (long long)num, (long long)rate->den);
		return buf;
	}
	snprintf(digits, sizeof(digits), "%0*lld", decimals + 1,
	    (long long)(scaled / rate->den));
	n = strlen(digits);
	if (decimals == 0)
		snprintf(buf, 48, "%s%s%%", negative ? "-" : "", digits);
	else
		snprintf(buf, 48, "%s%.*s.%s%%", negative ? "-" : "",
		    (int)(n - (size_t)decimals), digits,
		    digits + n - decimals);
	return buf;
}

/*
 * Parse an authored rate ("8%", "12.5%", "-5%", "1/3") or a canonical one
 * ("800bp", "1/3") into *RATE, reduced. Returns 0 or -1.
 */
static int
rate_parse(const char *s, int canonical, struct rate *rate)
{
	const char *p = s;
	int negative = 0;
	int64_t num = 0, den = 1;
	int digits = 0;

	if (*p == '-') {
		negative = 1;
		p++;
	}
	while (*p >= '0' && *p <= '9') {
		if (num > INT64_C(100000000000))
			return -1;
		num = num * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0)
		return -1;
	if (*p == '/') {
		int64_t d = 0;

		p++;
		digits = 0;
		while (*p >= '0' && *p <= '9') {
			if (d > INT64_C(100000000000))
				return -1;
			d = d * 10 + (*p++ - '0');
			digits++;
		}
		if (digits == 0 || d == 0 || *p != '\0')
			return -1;
		den = d;
	} else if (canonical) {
		if (strcmp(p, "bp") != 0)
			return -1;
		den = 10000;
	} else {
		den = 100;
		if (*p == '.') {
			p++;
			digits = 0;
			while (*p >= '0' && *p <= '9') {
				if (num > INT64_C(100000000000) || digits >= 8)
					return -1;
				num = num * 10 + (*p++ - '0');
				den *= 10;
				digits++;
			}
			if (digits == 0)
				return -1;
		}
		if (strcmp(p, "%") != 0)
			return -1;
	}
	{
		int64_t g = gcd64(num, den);

		rate->num = (negative ? -num : num) / g;
		rate->den = den / g;
	}
	return 0;
}

/* ---- Loader state and errors ---- */

struct loader {
	struct policy_set *set;
	struct set_impl *impl;
	struct arena *arena;
	const struct dictionary *dict;
	const char *name;	/* file name for messages */
	int authored;		/* the authored namespace */
	int keep_modes;
	const char *item_id;	/* item being read, for messages */
	unsigned long errors;
	size_t nnodes;		/* condition nodes of the current item */
};

/* Print "prog: file:line: item 'ID': message" and count an error. */
static void
load_verror(struct loader *ld, long line, const char *fmt, va_list ap)
{
	char message[1024];

	vsnprintf(message, sizeof(message), fmt, ap);
	if (ld->item_id != NULL)
		warn_at(ld->name, line, _("item '%s': %s"), ld->item_id,
		    message);
	else
		warn_at(ld->name, line, "%s", message);
	ld->errors++;
}

/* Report an error at NODE's line. */
static void PFE_PRINTF(3, 4)
load_error(struct loader *ld, const xmlNode *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	load_verror(ld, xml_line(node), fmt, ap);
	va_end(ap);
}

/* Report an error at LINE. */
static void PFE_PRINTF(3, 4)
load_error_at(struct loader *ld, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	load_verror(ld, line, fmt, ap);
	va_end(ap);
}

/* Return attribute NAME, or NULL; the empty string counts as absent. */
static const char *
attr(xmlNodePtr node, const char *name)
{
	const char *v = xml_attr(node, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

static const char *
dup_attr(struct loader *ld, xmlNodePtr node, const char *name)
{
	const char *v = attr(node, name);

	return v != NULL ? arena_strdup(ld->arena, v) : NULL;
}

static const char *
dup_text(struct loader *ld, xmlNodePtr node)
{
	char *text = xml_text(node);
	const char *copy = arena_strdup(ld->arena, text);

	free(text);
	return copy;
}

/* Record REF in the set's table of refs, giving it a slot. */
static void
register_ref(struct loader *ld, struct field_ref *ref)
{
	struct set_impl *impl = ld->impl;

	if (impl->nrefs == impl->refs_cap) {
		impl->refs_cap = impl->refs_cap ? impl->refs_cap * 2 : 64;
		impl->refs = xreallocarray(impl->refs, impl->refs_cap,
		    sizeof(*impl->refs));
	}
	ref->slot = impl->nrefs;
	impl->refs[impl->nrefs++] = ref;
}

/*
 * Resolve the field named by attribute ATTR_NAME of NODE (or FIELD_ID
 * when given) into REF with the year of attribute YEAR_ATTR (NULL: take
 * DEFAULT_YEAR). Returns 0, or -1 after an error.
 */
static int
read_ref(struct loader *ld, xmlNodePtr node, const char *field_id,
    const char *year_attr, const char *default_year, struct field_ref *ref)
{
	const char *year;

	if (field_id == NULL)
		field_id = attr(node, "field");
	if (field_id == NULL) {
		load_error(ld, node, _("<%s> needs a field"),
		    (const char *)node->name);
		return -1;
	}
	ref->field = dict_field(ld->dict, field_id);
	if (ref->field == NULL) {
		load_error(ld, node, _("unknown field '%s'"), field_id);
		return -1;
	}
	year = year_attr != NULL ? attr(node, year_attr) : NULL;
	if (year == NULL && ref->field->per_year)
		year = default_year;
	if (ref->field->per_year) {
		if (year == NULL) {
			load_error(ld, node,
			    _("field '%s' has one value per year: give a year (last, last-1 or a year such as 2024)"),
			    field_id);
			return -1;
		}
		if (year_ref_parse(year, &ref->year) != 0) {
			load_error(ld, node,
			    _("invalid year '%s': expected last, last-N or a year such as 2024"),
			    year);
			return -1;
		}
	} else {
		if (year_attr != NULL && attr(node, year_attr) != NULL) {
			load_error(ld, node,
			    _("field '%s' has no values per year: remove the attribute '%s'"),
			    field_id, year_attr);
			return -1;
		}
		ref->year.kind = YEAR_NONE;
	}
	register_ref(ld, ref);
	return 0;
}

/* Return the fen in one unit named S (元, 万元, 亿元, 分), or 0. */
static int64_t
money_unit_of(const char *s)
{
	if (strcmp(s, "元") == 0 || strcmp(s, "yuan") == 0)
		return MONEY_YUAN;
	if (strcmp(s, "万元") == 0 || strcmp(s, "wan") == 0)
		return MONEY_WAN;
	if (strcmp(s, "亿元") == 0 || strcmp(s, "yi") == 0)
		return MONEY_YI;
	if (strcmp(s, "分") == 0 || strcmp(s, "fen") == 0)
		return MONEY_FEN;
	return 0;
}

/* The type as the dictionary writes it, for messages. */
static const char *
type_word(enum field_type type)
{
	static const char *const words[] = {
		"text", "date", "money", "integer", "division", "industry",
		"flag", "code", "list"
	};

	return (size_t)type < sizeof(words) / sizeof(words[0]) ?
	    words[type] : "?";
}

/* Parse a canonical integer (optional '-') in [MIN, MAX]. */
static int
int_parse(const char *s, int64_t min, int64_t max, int64_t *value)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*value = v;
	return 0;
}

/*
 * Parse an amount of money: canonical fen, or an authored amount in the
 * element's unit (UNIT_ATTR) unless the value carries its own. An
 * authored amount other than zero needs one of the two, because "100"
 * could mean 元 or 万元. Returns 0, or -1 after an error naming ATTR_NAME.
 */
static int
read_money(struct loader *ld, xmlNodePtr node, const char *attr_name,
    const char *unit_attr, int64_t *fen)
{
	const char *s = attr(node, attr_name);

	if (s == NULL) {
		load_error(ld, node, _("<%s> needs the attribute '%s'"),
		    (const char *)node->name, attr_name);
		return -1;
	}
	if (!ld->authored) {
		if (int_parse(s, -MONEY_MAX, MONEY_MAX, fen) != 0) {
			load_error(ld, node,
			    _("invalid amount '%s' in '%s': expected whole fen"),
			    s, attr_name);
			return -1;
		}
		return 0;
	}
	{
		int64_t unit = MONEY_YUAN, in_yuan, in_wan;

		/* Without a unit in the value, 元 and 万元 give different
		   amounts unless the amount is zero. */
		if ((unit_attr == NULL || unit_attr[0] == '\0') &&
		    money_parse(s, MONEY_WAN, &in_wan) == 0 &&
		    (money_parse(s, MONEY_YUAN, &in_yuan) != 0 ||
		    in_yuan != in_wan)) {
			load_error(ld, node,
			    _("amount '%s' in '%s' has no unit: write %s元, %s万元 or %s亿元, or give the element unit=\"万元\""),
			    s, attr_name, s, s, s);
			return -1;
		}
		if (unit_attr != NULL && unit_attr[0] != '\0') {
			unit = money_unit_of(unit_attr);
			if (unit == 0) {
				load_error(ld, node,
				    _("unit '%s' does not fit an amount of money: use 元, 万元 or 亿元"),
				    unit_attr);
				return -1;
			}
		}
		if (money_parse(s, unit, fen) != 0) {
			load_error(ld, node,
			    _("invalid amount '%s' in '%s': expected a number of 元, 万元 or 亿元 to the fen"),
			    s, attr_name);
			return -1;
		}
	}
	return 0;
}

/* The years date_parse accepts (date.c); a policy date outside them gets
   a message that says so. */
#define POLICY_YEAR_MIN 1900
#define POLICY_YEAR_MAX 2200

/*
 * Parse the date in attribute ATTR_NAME of NODE into *DAYS. Returns 0,
 * or -1 after an error that names the value and the attribute, and the
 * supported years when the date is well formed but outside them.
 */
static int
read_date(struct loader *ld, xmlNodePtr node, const char *attr_name,
    int32_t *days)
{
	const char *s = attr(node, attr_name);
	char *end;
	long year;

	if (s != NULL && date_parse(s, days) == 0)
		return 0;
	year = s != NULL ? strtol(s, &end, 10) : 0;
	if (s != NULL && s[0] >= '0' && s[0] <= '9' && end - s >= 4 &&
	    *end == '-' && (year < POLICY_YEAR_MIN || year > POLICY_YEAR_MAX)) {
		if (strcmp(attr_name, "until") == 0)
			load_error(ld, node,
			    _("date '%s' in '%s' is outside the years %d to %d that pfe supports: leave out 'until' for a period without an end"),
			    s, attr_name, POLICY_YEAR_MIN, POLICY_YEAR_MAX);
		else
			load_error(ld, node,
			    _("date '%s' in '%s' is outside the years %d to %d that pfe supports"),
			    s, attr_name, POLICY_YEAR_MIN, POLICY_YEAR_MAX);
		return -1;
	}
	load_error(ld, node, _("invalid date '%s' in '%s': expected YYYY-MM-DD"),
	    s != NULL ? s : "", attr_name);
	return -1;
}

/*
 * Parse the value of a comparison on FIELD from attribute ATTR_NAME:
 * money (see read_money), an integer (authored: optionally followed by
 * the field's unit), or a date. Returns 0, or -1 after an error.
 */
static int
read_field_value(struct loader *ld, xmlNodePtr node,
    const struct dict_field *field, const char *attr_name, int64_t *value)
{
	const char *s = attr(node, attr_name);
	const char *unit = attr(node, "unit");

	switch (field->type) {
	case FIELD_MONEY:
		if (ld->authored && unit != NULL && money_unit_of(unit) == 0) {
			load_error(ld, node,
			    _("unit '%s' does not fit field '%s' (%s, %s)"),
			    unit, field->id, type_word(field->type),
			    field->unit != NULL ? field->unit : "元");
			return -1;
		}
		if (ld->authored && s != NULL && strchr(s, '%') != NULL) {
			load_error(ld, node,
			    _("unit '%%' does not fit field '%s' (%s, %s)"),
			    field->id, type_word(field->type),
			    field->unit != NULL ? field->unit : "元");
			return -1;
		}
		return read_money(ld, node, attr_name, unit, value);
	case FIELD_INTEGER: {
		char buf[64];
		size_t len;

		if (s == NULL) {
			load_error(ld, node, _("<%s> needs the attribute '%s'"),
			    (const char *)node->name, attr_name);
			return -1;
		}
		snprintf(buf, sizeof(buf), "%s", s);
		len = strlen(buf);
		if (ld->authored) {
			const char *bad = NULL;

			const char *suffix = buf + strspn(buf,
			    "-0123456789.,");

			if (unit != NULL && (field->unit == NULL ||
			    strcmp(unit, field->unit) != 0))
				bad = unit;
			else if (*suffix != '\0' && (field->unit == NULL ||
			    strcmp(suffix, field->unit) != 0))
				bad = suffix;
			else if (*suffix != '\0')
				buf[len - strlen(suffix)] = '\0';
			if (bad != NULL) {
				load_error(ld, node,
				    _("unit '%s' does not fit field '%s' (%s, %s)"),
				    bad, field->id,
				    type_word(field->type),
				    field->unit != NULL ? field->unit : "-");
				return -1;
			}
		}
		if (int_parse(buf, -INT64_C(1000000000000),
		    INT64_C(1000000000000), value) != 0) {
			load_error(ld, node,
			    _("invalid number '%s' in '%s' for field '%s'"),
			    s, attr_name, field->id);
			return -1;
		}
		return 0;
	}
	case FIELD_DATE: {
		int32_t days;

		if (read_date(ld, node, attr_name, &days) != 0)
			return -1;
		if (ld->authored && unit != NULL) {
			load_error(ld, node,
			    _("unit '%s' does not fit field '%s' (%s, %s)"),
			    unit, field->id, type_word(field->type), "-");
			return -1;
		}
		*value = days;
		return 0;
	}
	default:
		load_error(ld, node,
		    _("field '%s' is of type %s: it cannot be compared as a number"),
		    field->id, type_word(field->type));
		return -1;
	}
}

/* Parse a whole number of years (authored: optionally followed by 年). */
static int
read_years(struct loader *ld, xmlNodePtr node, const char *attr_name,
    int64_t *value)
{
	const char *s = attr(node, attr_name);
	char buf[32];
	size_t len;

	snprintf(buf, sizeof(buf), "%s", s != NULL ? s : "");
	len = strlen(buf);
	if (ld->authored && len > 3 && strcmp(buf + len - 3, "年") == 0)
		buf[len - 3] = '\0';
	if (int_parse(buf, 0, 1000, value) != 0) {
		load_error(ld, node,
		    _("invalid number of years '%s' in '%s'"), s != NULL ? s : "",
		    attr_name);
		return -1;
	}
	return 0;
}

/* Parse a rate attribute in the loader's format. */
static int
read_rate(struct loader *ld, xmlNodePtr node, const char *attr_name,
    struct rate *rate)
{
	const char *s = attr(node, attr_name);

	if (s == NULL) {
		load_error(ld, node, _("<%s> needs the attribute '%s'"),
		    (const char *)node->name, attr_name);
		return -1;
	}
	if (rate_parse(s, !ld->authored, rate) != 0) {
		if (ld->authored)
			load_error(ld, node,
			    _("invalid rate '%s' in '%s': expected a percentage such as 8%% or a fraction such as 1/3"),
			    s, attr_name);
		else
			load_error(ld, node,
			    _("invalid rate '%s' in '%s': expected basis points such as 800bp or a fraction such as 1/3"),
			    s, attr_name);
		return -1;
	}
	return 0;
}

static int
is_numeric_type(enum field_type type)
{
	return type == FIELD_MONEY || type == FIELD_INTEGER;
}

/* ---- Conditions ---- */

static struct cond *read_cond(struct loader *ld, xmlNodePtr node);

static struct cond *
new_cond(struct loader *ld, xmlNodePtr node, enum cond_kind kind)
{
	struct cond *c = arena_alloc(ld->arena, sizeof(*c));

	c->kind = kind;
	c->line = xml_line(node);
	c->id = ld->nnodes++;
	return c;
}

/* Read the children of NODE as conditions into C. */
static int
read_children(struct loader *ld, xmlNodePtr node, struct cond *c)
{
	xmlNodePtr child;
	size_t n = 0, i = 0;
	int status = 0;

	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child))
		n++;
	c->children = arena_alloc(ld->arena, (n ? n : 1) *
	    sizeof(*c->children));
	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child)) {
		struct cond *sub = read_cond(ld, child);

		if (sub == NULL)
			status = -1;
		else
			c->children[i++] = sub;
	}
	c->nchildren = i;
	return status;
}

/*
 * Read the bounds of a comparison. Canonical: ge, gt, le, lt. Authored:
 * the element name picks the operator for "value" (at-least, more-than,
 * at-most, less-than, equals), or between takes min/above and max/below;
 * years-since takes min, above, max, below.
 */
static int
read_bounds(struct loader *ld, xmlNodePtr node, const struct dict_field *f,
    int years, struct bounds *b)
{
	static const struct {
		const char *canonical, *authored;
		int upper, strict;
	} ops[] = {
		{ "ge", "min", 0, 0 }, { "gt", "above", 0, 1 },
		{ "le", "max", 1, 0 }, { "lt", "below", 1, 1 },
	};
	const char *name = (const char *)node->name;
	size_t i;
	int status = 0;

	memset(b, 0, sizeof(*b));
	if (ld->authored && !xml_is(node, "between") &&
	    !xml_is(node, "years-since")) {
		int64_t v;

		if (read_field_value(ld, node, f, "value", &v) != 0)
			return -1;
		if (strcmp(name, "at-least") == 0 ||
		    strcmp(name, "equals") == 0) {
			b->has_lower = 1;
			b->lower = v;
		}
		if (strcmp(name, "more-than") == 0) {
			b->has_lower = 1;
			b->lower_strict = 1;
			b->lower = v;
		}
		if (strcmp(name, "at-most") == 0 ||
		    strcmp(name, "equals") == 0) {
			b->has_upper = 1;
			b->upper = v;
		}
		if (strcmp(name, "less-than") == 0) {
			b->has_upper = 1;
			b->upper_strict = 1;
			b->upper = v;
		}
		return 0;
	}
	for (i = 0; i < 4; i++) {
		const char *a = ld->authored ? ops[i].authored :
		    ops[i].canonical;
		int64_t v;

		if (attr(node, a) == NULL)
			continue;
		if ((years ? read_years(ld, node, a, &v) :
		    read_field_value(ld, node, f, a, &v)) != 0) {
			status = -1;
			continue;
		}
		if (ops[i].upper) {
			if (b->has_upper) {
				load_error(ld, node,
				    _("<%s> has two upper bounds"), name);
				return -1;
			}
			b->has_upper = 1;
			b->upper_strict = ops[i].strict;
			b->upper = v;
		} else {
			if (b->has_lower) {
				load_error(ld, node,
				    _("<%s> has two lower bounds"), name);
				return -1;
			}
			b->has_lower = 1;
			b->lower_strict = ops[i].strict;
			b->lower = v;
		}
	}
	if (status != 0)
		return -1;
	if (!b->has_lower && !b->has_upper) {
		load_error(ld, node, _("<%s> needs a lower or an upper bound"),
		    name);
		return -1;
	}
	if (b->has_lower && b->has_upper && (b->lower > b->upper ||
	    (b->lower == b->upper && (b->lower_strict || b->upper_strict)))) {
		load_error(ld, node,
		    _("<%s> can never be met: its lower bound is not below its upper bound"),
		    name);
		return -1;
	}
	return 0;
}

/* Compare two strings for qsort. */
static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Split the space-separated list in attribute ATTR_NAME into C->values,
 * sorted and without repeats.
 */
static int
read_values(struct loader *ld, xmlNodePtr node, const char *attr_name,
    struct cond *c)
{
	const char *s = attr(node, attr_name);
	char *copy, *tok, *save = NULL;
	size_t n = 0, cap = 8, i, out;

	if (s == NULL) {
		load_error(ld, node, _("<%s> needs the attribute '%s'"),
		    (const char *)node->name, attr_name);
		return -1;
	}
	copy = xstrdup(s);
	c->values = arena_alloc(ld->arena, cap * sizeof(*c->values));
	for (tok = strtok_r(copy, " \t\r\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == cap) {
			const char **grown = arena_alloc(ld->arena,
			    2 * cap * sizeof(*grown));

			memcpy(grown, c->values, cap * sizeof(*grown));
			c->values = grown;
			cap *= 2;
		}
		c->values[n++] = arena_strdup(ld->arena, tok);
	}
	free(copy);
	if (n == 0) {
		load_error(ld, node, _("<%s> lists no values"),
		    (const char *)node->name);
		return -1;
	}
	qsort(c->values, n, sizeof(*c->values), compare_strings);
	for (i = 1, out = 1; i < n; i++)
		if (strcmp(c->values[i], c->values[out - 1]) != 0)
			c->values[out++] = c->values[i];
	c->nvalues = out;
	return 0;
}

/* Check that CODE is one of FIELD's codes. */
static int
check_code(struct loader *ld, xmlNodePtr node, const struct dict_field *f,
    const char *code)
{
	if (dict_code(f, code) == NULL) {
		load_error(ld, node, _("unknown code '%s' for field '%s'"),
		    code, f->id);
		return -1;
	}
	return 0;
}

/* Return the first field of TYPE (and derived rule RULE when given). */
static const char *
field_of_type(const struct dictionary *dict, enum field_type type,
    const char *rule)
{
	size_t i;

	for (i = 0; i < dict->nfields; i++) {
		const struct dict_field *f = &dict->fields[i];

		if (f->type != type)
			continue;
		if (rule != NULL && (f->rule == NULL ||
		    strcmp(f->rule, rule) != 0))
			continue;
		return f->id;
	}
	return NULL;
}

/* Check the values of an <in> against FIELD's type. */
static int
check_in_values(struct loader *ld, xmlNodePtr node, struct cond *c)
{
	const struct dict_field *f = c->ref.field;
	size_t i;
	int status = 0;

	for (i = 0; i < c->nvalues; i++) {
		const char *v = c->values[i];

		switch (f->type) {
		case FIELD_CODE:
			if (check_code(ld, node, f, v) != 0)
				status = -1;
			break;
		case FIELD_DIVISION:
			if (strlen(v) != 6 ||
			    strspn(v, "0123456789") != 6) {
				load_error(ld, node,
				    _("invalid division code '%s': expected 6 digits (GB/T 2260)"),
				    v);
				status = -1;
			}
			break;
		case FIELD_FLAG:
			if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
				load_error(ld, node,
				    _("invalid flag '%s': expected 1 or 0"), v);
				status = -1;
			}
			break;
		case FIELD_TEXT:
		case FIELD_INDUSTRY:
			break;
		default:
			load_error(ld, node,
			    _("field '%s' is of type %s: <in> needs a code, division, flag or text field"),
			    f->id, type_word(f->type));
			return -1;
		}
	}
	return status;
}

/* Check an industry prefix: a section letter, then 0, 2, 3 or 4 digits. */
static int
valid_industry_prefix(const char *s)
{
	size_t digits;

	if (s[0] < 'A' || s[0] > 'T')
		return 0;
	digits = strspn(s + 1, "0123456789");
	return s[1 + digits] == '\0' && digits != 1 && digits <= 4;
}

/* Read the period of a <has>: year, before, or from and until. */
static int
read_period(struct loader *ld, xmlNodePtr node, struct cond *c)
{
	const char *year = attr(node, "year"), *before = attr(node, "before");
	const char *from = attr(node, "from"), *until = attr(node, "until");

	if ((year != NULL) + (before != NULL) + (from != NULL ||
	    until != NULL) > 1) {
		load_error(ld, node,
		    _("<has> takes one of 'year', 'before', or 'from' and 'until'"));
		return -1;
	}
	if (year != NULL || before != NULL) {
		c->period = year != NULL ? PERIOD_YEAR : PERIOD_BEFORE;
		if (year_ref_parse(year != NULL ? year : before,
		    &c->period_year) != 0) {
			load_error(ld, node,
			    _("invalid year '%s': expected last, last-N or a year such as 2024"),
			    year != NULL ? year : before);
			return -1;
		}
		return 0;
	}
	if (from != NULL || until != NULL) {
		c->period = PERIOD_DATES;
		c->period_from = INT32_MIN;
		c->period_until = INT32_MAX;
		if ((from != NULL && read_date(ld, node, "from",
		    &c->period_from) != 0) || (until != NULL &&
		    read_date(ld, node, "until", &c->period_until) != 0))
			return -1;
		if (c->period_until < c->period_from) {
			load_error(ld, node,
			    _("period ends %s before it starts %s"), until, from);
			return -1;
		}
	}
	return 0;
}

/* Require FIELD to be a list field. */
static int
need_list(struct loader *ld, xmlNodePtr node, const struct dict_field *f)
{
	if (f->type != FIELD_LIST) {
		load_error(ld, node,
		    _("field '%s' is of type %s: <%s> needs a list field"),
		    f->id, type_word(f->type), (const char *)node->name);
		return -1;
	}
	return 0;
}

/* Require FIELD to be a per-year number or amount. */
static int
need_per_year_number(struct loader *ld, xmlNodePtr node,
    const struct dict_field *f)
{
	if (!is_numeric_type(f->type) || !f->per_year) {
		load_error(ld, node,
		    _("field '%s' is not a per-year number or amount: <%s> compares years"),
		    f->id, (const char *)node->name);
		return -1;
	}
	return 0;
}

/* Read one condition element (either format); NULL after an error. */
static struct cond *
read_cond(struct loader *ld, xmlNodePtr node)
{
	const char *name = (const char *)node->name;
	struct cond *c;

	if (strcmp(name, "all") == 0 || strcmp(name, "any") == 0 ||
	    strcmp(name, "not") == 0) {
		c = new_cond(ld, node, name[1] == 'l' ? COND_ALL :
		    name[1] == 'n' ? COND_ANY : COND_NOT);
		if (read_children(ld, node, c) != 0)
			return NULL;
		if (c->kind == COND_NOT && c->nchildren != 1) {
			load_error(ld, node, _("<not> takes one condition"));
			return NULL;
		}
		return c;
	}
	if (strcmp(name, "range") == 0 || strcmp(name, "at-least") == 0 ||
	    strcmp(name, "more-than") == 0 || strcmp(name, "at-most") == 0 ||
	    strcmp(name, "less-than") == 0 || strcmp(name, "equals") == 0 ||
	    strcmp(name, "between") == 0) {
		c = new_cond(ld, node, COND_RANGE);
		if (read_ref(ld, node, NULL, "year", NULL, &c->ref) != 0)
			return NULL;
		if (c->ref.field->type != FIELD_MONEY &&
		    c->ref.field->type != FIELD_INTEGER &&
		    c->ref.field->type != FIELD_DATE) {
			load_error(ld, node,
			    _("field '%s' is of type %s: it cannot be compared as a number"),
			    c->ref.field->id,
			    type_word(c->ref.field->type));
			return NULL;
		}
		if (read_bounds(ld, node, c->ref.field, 0, &c->bounds) != 0)
			return NULL;
		return c;
	}
	if (strcmp(name, "years-since") == 0) {
		c = new_cond(ld, node, COND_YEARS_SINCE);
		if (read_ref(ld, node, NULL, NULL, NULL, &c->ref) != 0)
			return NULL;
		if (c->ref.field->type != FIELD_DATE) {
			load_error(ld, node,
			    _("field '%s' is of type %s: <years-since> needs a date field"),
			    c->ref.field->id,
			    type_word(c->ref.field->type));
			return NULL;
		}
		if (read_bounds(ld, node, c->ref.field, 1, &c->bounds) != 0)
			return NULL;
		return c;
	}
	if (strcmp(name, "growth") == 0) {
		const char *op_ge = ld->authored ? "min" : "ge";
		const char *op_gt = ld->authored ? "above" : "gt";

		c = new_cond(ld, node, COND_GROWTH);
		if (read_ref(ld, node, NULL, "to", "last", &c->ref) != 0)
			return NULL;
		if (need_per_year_number(ld, node, c->ref.field) != 0)
			return NULL;
		{
			const char *from = attr(node, "from");

			if (year_ref_parse(from != NULL ? from : "last-1",
			    &c->ref2.year) != 0) {
				load_error(ld, node,
				    _("invalid year '%s': expected last, last-N or a year such as 2024"),
				    from);
				return NULL;
			}
			c->ref2.field = c->ref.field;
			register_ref(ld, &c->ref2);
		}
		if ((attr(node, op_ge) != NULL) == (attr(node, op_gt) != NULL)) {
			load_error(ld, node,
			    _("<growth> needs exactly one of '%s' and '%s'"),
			    op_ge, op_gt);
			return NULL;
		}
		c->rate_strict = attr(node, op_gt) != NULL;
		if (read_rate(ld, node, c->rate_strict ? op_gt : op_ge,
		    &c->rate) != 0)
			return NULL;
		return c;
	}
	if (strcmp(name, "first-reach") == 0) {
		c = new_cond(ld, node, COND_FIRST_REACH);
		if (read_ref(ld, node, NULL, "year", "last", &c->ref) != 0)
			return NULL;
		if (need_per_year_number(ld, node, c->ref.field) != 0)
			return NULL;
		if (read_field_value(ld, node, c->ref.field,
		    ld->authored ? "value" : "ge", &c->threshold) != 0)
			return NULL;
		return c;
	}
	if (strcmp(name, "first-entry") == 0 || strcmp(name, "has") == 0) {
		int entry = name[0] == 'f';
		const char *code = attr(node, "code");

		c = new_cond(ld, node, entry ? COND_FIRST_ENTRY : COND_HAS);
		if (read_ref(ld, node, NULL, NULL, NULL, &c->ref) != 0)
			return NULL;
		if (need_list(ld, node, c->ref.field) != 0)
			return NULL;
		if (code == NULL) {
			load_error(ld, node, _("<%s> needs a code"), name);
			return NULL;
		}
		if (check_code(ld, node, c->ref.field, code) != 0)
			return NULL;
		c->code = arena_strdup(ld->arena, code);
		if (entry) {
			const char *year = attr(node, "year");

			c->period = PERIOD_YEAR;
			if (year_ref_parse(year != NULL ? year : "last",
			    &c->period_year) != 0) {
				load_error(ld, node,
				    _("invalid year '%s': expected last, last-N or a year such as 2024"),
				    year);
				return NULL;
			}
		} else if (read_period(ld, node, c) != 0) {
			return NULL;
		}
		return c;
	}
	if (strcmp(name, "in") == 0 || strcmp(name, "one-of") == 0 ||
	    strcmp(name, "district") == 0 || strcmp(name, "size-class") == 0) {
		const char *field = NULL;
		const char *list_attr = "values";

		c = new_cond(ld, node, COND_IN);
		if (strcmp(name, "district") == 0 ||
		    strcmp(name, "size-class") == 0) {
			field = attr(node, "field");
			if (field == NULL)
				field = name[0] == 'd' ?
				    field_of_type(ld->dict, FIELD_DIVISION,
				    NULL) : field_of_type(ld->dict, FIELD_CODE,
				    "sme-2011");
			if (field == NULL) {
				load_error(ld, node,
				    _("the dictionary has no field for <%s>"),
				    name);
				return NULL;
			}
			list_attr = "in";
		}
		if (read_ref(ld, node, field, "year", NULL, &c->ref) != 0)
			return NULL;
		if (read_values(ld, node, list_attr, c) != 0)
			return NULL;
		if (check_in_values(ld, node, c) != 0)
			return NULL;
		return c;
	}
	if (strcmp(name, "industry") == 0) {
		const char *field = attr(node, "field");
		size_t i;

		c = new_cond(ld, node, COND_INDUSTRY);
		if (field == NULL && ld->authored)
			field = field_of_type(ld->dict, FIELD_INDUSTRY, NULL);
		if (read_ref(ld, node, field, NULL, NULL, &c->ref) != 0)
			return NULL;
		if (c->ref.field->type != FIELD_INDUSTRY) {
			load_error(ld, node,
			    _("field '%s' is of type %s: <industry> needs an industry field"),
			    c->ref.field->id,
			    type_word(c->ref.field->type));
			return NULL;
		}
		if (read_values(ld, node, "prefixes", c) != 0)
			return NULL;
		for (i = 0; i < c->nvalues; i++)
			if (!valid_industry_prefix(c->values[i])) {
				load_error(ld, node,
				    _("invalid industry code '%s': expected a GB/T 4754-2017 section letter with 0, 2, 3 or 4 digits (C, C39, C397, C3972)"),
				    c->values[i]);
				return NULL;
			}
		return c;
	}
	load_error(ld, node, _("unknown condition <%s>"), name);
	return NULL;
}

/* ---- Awards ---- */

static struct award *read_award(struct loader *ld, xmlNodePtr node,
    const struct field_ref *tier_base);

/* Read an optional cap attribute into *CAP (-1 when absent). */
static int
read_cap(struct loader *ld, xmlNodePtr node, int64_t *cap)
{
	*cap = -1;
	if (attr(node, "cap") == NULL)
		return 0;
	if (read_money(ld, node, "cap", attr(node, "unit"), cap) != 0)
		return -1;
	if (*cap < 0) {
		load_error(ld, node, _("cap '%s' is negative"),
		    attr(node, "cap"));
		return -1;
	}
	return 0;
}

/* Require a money base for an award. */
static int
need_money(struct loader *ld, xmlNodePtr node, const struct dict_field *f)
{
	if (f->type != FIELD_MONEY) {
		load_error(ld, node,
		    _("field '%s' is of type %s: <%s> needs an amount of money"),
		    f->id, type_word(f->type), (const char *)node->name);
		return -1;
	}
	return 0;
}

static int
compare_tiers(const void *a, const void *b)
{
	const struct tier *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/* Read a <tiers> table: sorted by their lower bound, without gaps or
   overlaps, only the last one open above. */
static int
read_tiers(struct loader *ld, xmlNodePtr node, struct award *a)
{
	const char *kind = attr(node, "kind");
	xmlNodePtr t;
	size_t n = 0, i;
	char b1[MONEY_BUFSIZE], b2[MONEY_BUFSIZE];

	if (kind == NULL || (strcmp(kind, "whole") != 0 &&
	    strcmp(kind, "marginal") != 0)) {
		load_error(ld, node,
		    _("<tiers> needs kind=\"whole\" (the tier reached gives the award on the whole base) or kind=\"marginal\" (each tier's rate on the part of the base within it)"));
		return -1;
	}
	a->marginal = strcmp(kind, "marginal") == 0;
	if (read_ref(ld, node, NULL, "year", NULL, &a->ref) != 0)
		return -1;
	if (need_money(ld, node, a->ref.field) != 0)
		return -1;
	for (t = xml_first_element(node); t != NULL; t = xml_next_element(t))
		n++;
	a->tiers = arena_alloc(ld->arena, (n ? n : 1) * sizeof(*a->tiers));
	for (t = xml_first_element(node); t != NULL;
	    t = xml_next_element(t)) {
		struct tier *tier = &a->tiers[a->ntiers];
		const char *unit = attr(t, "unit");
		xmlNodePtr child = xml_first_element(t);

		if (unit == NULL)
			unit = attr(node, "unit");
		tier->line = xml_line(t);
		if (read_money(ld, t, "from", unit, &tier->from) != 0)
			return -1;
		if (attr(t, "to") != NULL) {
			tier->has_to = 1;
			if (read_money(ld, t, "to", unit, &tier->to) != 0)
				return -1;
			if (tier->to <= tier->from) {
				load_error(ld, t,
				    _("tier from %s to %s is empty"),
				    money_format_human(tier->from, b1),
				    money_format_human(tier->to, b2));
				return -1;
			}
		}
		if (child == NULL || xml_next_element(child) != NULL) {
			load_error(ld, t, _("<tier> takes one award"));
			return -1;
		}
		tier->award = read_award(ld, child, &a->ref);
		if (tier->award == NULL)
			return -1;
		if (a->marginal && (tier->award->kind != AWARD_RATE ||
		    tier->award->ref.field != NULL)) {
			load_error(ld, child,
			    _("a marginal tier takes a <rate> of the tier's own base"));
			return -1;
		}
		a->ntiers++;
	}
	qsort(a->tiers, a->ntiers, sizeof(*a->tiers), compare_tiers);
	for (i = 0; i + 1 < a->ntiers; i++) {
		struct tier *x = &a->tiers[i], *y = &a->tiers[i + 1];

		if (!x->has_to || x->to > y->from) {
			load_error(ld, node,
			    _("tier table of '%s' has overlapping tiers: the tier from %s starts inside the tier from %s"),
			    a->ref.field->id, money_format_human(y->from, b1),
			    money_format_human(x->from, b2));
			return -1;
		}
		if (x->to < y->from) {
			load_error(ld, node,
			    _("tier table of '%s' has a gap from %s to %s"),
			    a->ref.field->id, money_format_human(x->to, b1),
			    money_format_human(y->from, b2));
			return -1;
		}
	}
	return 0;
}

/* Return 1 when NODE carries deliberate="true": the author confirms a
   value that is usually a mistake (a zero award, a rate over 100 %). */
static int
deliberate(xmlNodePtr node)
{
	const char *v = attr(node, "deliberate");

	return v != NULL && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

/* Read one award element; TIER_BASE is the base inside a tier table. */
static struct award *
read_award(struct loader *ld, xmlNodePtr node, const struct field_ref *tier_base)
{
	const char *name = (const char *)node->name;
	struct award *a = arena_alloc(ld->arena, sizeof(*a));

	a->line = xml_line(node);
	a->cap = -1;
	if (strcmp(name, "fixed") == 0) {
		a->kind = AWARD_FIXED;
		if (read_money(ld, node, ld->authored ? "amount" : "fen",
		    attr(node, "unit"), &a->fen) != 0)
			return NULL;
		if (a->fen < 0) {
			load_error(ld, node, _("award is negative"));
			return NULL;
		}
		if (ld->authored && a->fen == 0 && !deliberate(node)) {
			load_error(ld, node,
			    _("fixed award of %s gives nothing: if that is meant, mark the <fixed> deliberate=\"true\""),
			    attr(node, "amount"));
			return NULL;
		}
		return a;
	}
	if (strcmp(name, "rate") == 0) {
		a->kind = AWARD_RATE;
		if (attr(node, "field") == NULL && tier_base != NULL) {
			a->ref.field = NULL;
		} else {
			if (read_ref(ld, node, NULL, "year", NULL, &a->ref) != 0)
				return NULL;
			if (need_money(ld, node, a->ref.field) != 0)
				return NULL;
		}
		if (read_rate(ld, node, "rate", &a->rate) != 0 ||
		    read_cap(ld, node, &a->cap) != 0)
			return NULL;
		if (a->rate.num < 0) {
			load_error(ld, node, _("award rate is negative"));
			return NULL;
		}
		if (ld->authored && a->rate.num > a->rate.den &&
		    !deliberate(node)) {
			load_error(ld, node,
			    _("award rate %s is more than 100%% of its base: if that is meant, mark the <rate> deliberate=\"true\""),
			    attr(node, "rate"));
			return NULL;
		}
		return a;
	}
	if (strcmp(name, "tiers") == 0) {
		a->kind = AWARD_TIERS;
		if (read_tiers(ld, node, a) != 0 || read_cap(ld, node, &a->cap))
			return NULL;
		return a;
	}
	if (strcmp(name, "per-point") == 0) {
		const char *from = attr(node, "from");

		a->kind = AWARD_PER_POINT;
		if (read_ref(ld, node, NULL, "to", "last", &a->ref) != 0)
			return NULL;
		if (need_per_year_number(ld, node, a->ref.field) != 0)
			return NULL;
		if (year_ref_parse(from != NULL ? from : "last-1",
		    &a->ref2.year) != 0) {
			load_error(ld, node,
			    _("invalid year '%s': expected last, last-N or a year such as 2024"),
			    from);
			return NULL;
		}
		a->ref2.field = a->ref.field;
		register_ref(ld, &a->ref2);
		if (read_rate(ld, node, "above", &a->rate) != 0)
			return NULL;
		if (read_money(ld, node, ld->authored ? "amount" : "fen",
		    attr(node, "unit"), &a->fen) != 0 ||
		    read_cap(ld, node, &a->cap) != 0)
			return NULL;
		return a;
	}
	if (strcmp(name, "min") == 0) {
		xmlNodePtr child;
		size_t n = 0;

		a->kind = AWARD_MIN;
		for (child = xml_first_element(node); child != NULL;
		    child = xml_next_element(child))
			n++;
		if (n < 2) {
			load_error(ld, node, _("<min> takes two or more awards"));
			return NULL;
		}
		a->parts = arena_alloc(ld->arena, n * sizeof(*a->parts));
		for (child = xml_first_element(node); child != NULL;
		    child = xml_next_element(child)) {
			struct award *part = read_award(ld, child, tier_base);

			if (part == NULL)
				return NULL;
			a->parts[a->nparts++] = part;
		}
		return a;
	}
	load_error(ld, node, _("unknown award <%s>"), name);
	return NULL;
}

/*
 * Return the largest fixed amount inside A before A's own cap (parts
 * count after their caps), or -1 when A contains none. A cap below it
 * is an error.
 */
static int64_t
largest_fixed(const struct award *a)
{
	int64_t best = -1, v;
	size_t i;

	switch (a->kind) {
	case AWARD_FIXED:
		return a->fen;
	case AWARD_TIERS:
		for (i = 0; i < a->ntiers; i++) {
			const struct award *t = a->tiers[i].award;

			v = largest_fixed(t);
			if (t->cap >= 0 && v > t->cap)
				v = t->cap;
			if (v > best)
				best = v;
		}
		return best;
	case AWARD_MIN:
		/* min(a, b) gives at most its smallest fixed part. */
		for (i = 0; i < a->nparts; i++)
			if (a->parts[i]->kind == AWARD_FIXED &&
			    (best < 0 || a->parts[i]->fen < best))
				best = a->parts[i]->fen;
		return best;
	default:
		return -1;
	}
}

/* Report every cap inside A that is below a fixed award it limits. */
static int
check_caps(struct loader *ld, const struct award *a)
{
	char b1[MONEY_BUFSIZE], b2[MONEY_BUFSIZE];
	size_t i;
	int status = 0;

	for (i = 0; i < a->ntiers; i++)
		if (check_caps(ld, a->tiers[i].award) != 0)
			status = -1;
	for (i = 0; i < a->nparts; i++)
		if (check_caps(ld, a->parts[i]) != 0)
			status = -1;
	if (status == 0 && a->cap >= 0 && largest_fixed(a) > a->cap) {
		load_error_at(ld, a->line,
		    _("cap %s is below the fixed award %s"),
		    money_format_human(a->cap, b1),
		    money_format_human(largest_fixed(a), b2));
		status = -1;
	}
	return status;
}

/* ---- Items ---- */

/* Collect the declared and judgement fields ITEM reads, once each. */
static void
add_input(struct loader *ld, struct policy_item *item,
    const struct field_ref *ref, size_t *cap)
{
	struct policy_input *inputs = (struct policy_input *)item->inputs;
	size_t i;
	char buf[16];

	if (ref->field == NULL || ref->field->authority == AUTHORITY_DEPARTMENT)
		return;
	for (i = 0; i < item->ninputs; i++)
		if (inputs[i].field == ref->field &&
		    ((inputs[i].year == NULL && ref->year.kind == YEAR_NONE) ||
		    (inputs[i].year != NULL &&
		    strcmp(inputs[i].year, year_ref_format(&ref->year,
		    buf)) == 0)))
			return;
	if (item->ninputs == *cap) {
		struct policy_input *grown;

		*cap = *cap ? *cap * 2 : 4;
		grown = arena_alloc(ld->arena, *cap * sizeof(*grown));
		if (item->ninputs)
			memcpy(grown, inputs, item->ninputs * sizeof(*grown));
		inputs = grown;
		item->inputs = grown;
	}
	inputs[item->ninputs].field = ref->field;
	inputs[item->ninputs].year = ref->year.kind == YEAR_NONE ? NULL :
	    arena_strdup(ld->arena, year_ref_format(&ref->year, buf));
	item->ninputs++;
}

static void
collect_cond_inputs(struct loader *ld, struct policy_item *item,
    const struct cond *c, size_t *cap)
{
	size_t i;

	for (i = 0; i < c->nchildren; i++)
		collect_cond_inputs(ld, item, c->children[i], cap);
	if (c->ref.field != NULL)
		add_input(ld, item, &c->ref, cap);
}

static void
collect_award_inputs(struct loader *ld, struct policy_item *item,
    const struct award *a, size_t *cap)
{
	size_t i;

	if (a->ref.field != NULL)
		add_input(ld, item, &a->ref, cap);
	for (i = 0; i < a->ntiers; i++)
		collect_award_inputs(ld, item, a->tiers[i].award, cap);
	for (i = 0; i < a->nparts; i++)
		collect_award_inputs(ld, item, a->parts[i], cap);
}

static const struct {
	const char *name;
	enum policy_sharing sharing;
} sharing_names[] = {
	{ "first-come", POLICY_SHARING_FIRST_COME },
	{ "pro-rata", POLICY_SHARING_PRO_RATA },
	{ "rank", POLICY_SHARING_RANK },
};

/* Read <budget>. */
static int
read_budget(struct loader *ld, xmlNodePtr node, struct policy_item *item)
{
	const char *sharing = attr(node, "sharing");
	const char *remainder = attr(node, "remainder");
	const char *rank_by = attr(node, "rank-by");
	size_t i;

	if (read_money(ld, node, ld->authored ? "amount" : "fen",
	    attr(node, "unit"), &item->budget) != 0)
		return -1;
	if (item->budget <= 0) {
		load_error(ld, node, _("budget must be more than zero"));
		return -1;
	}
	item->sharing = POLICY_SHARING_NONE;
	for (i = 0; i < sizeof(sharing_names) / sizeof(sharing_names[0]); i++)
		if (sharing != NULL && strcmp(sharing, sharing_names[i].name) == 0)
			item->sharing = sharing_names[i].sharing;
	if (item->sharing == POLICY_SHARING_NONE) {
		load_error(ld, node,
		    _("invalid sharing '%s': expected first-come, pro-rata or rank"),
		    sharing != NULL ? sharing : "");
		return -1;
	}
	if (remainder != NULL) {
		if (item->sharing != POLICY_SHARING_PRO_RATA) {
			load_error(ld, node,
			    _("'remainder' applies to pro-rata sharing only"));
			return -1;
		}
		if (strcmp(remainder, "largest") == 0)
			item->remainder = POLICY_REMAINDER_LARGEST;
		else if (strcmp(remainder, "drop") == 0)
			item->remainder = POLICY_REMAINDER_DROP;
		else {
			load_error(ld, node,
			    _("invalid remainder '%s': expected drop or largest"),
			    remainder);
			return -1;
		}
	}
	if (rank_by != NULL) {
		if (item->sharing != POLICY_SHARING_RANK) {
			load_error(ld, node,
			    _("'rank-by' applies to rank sharing only"));
			return -1;
		}
		if (dict_field(ld->dict, rank_by) == NULL) {
			load_error(ld, node, _("unknown field '%s'"), rank_by);
			return -1;
		}
		item->rank_field = arena_strdup(ld->arena, rank_by);
	}
	return 0;
}

/* Read <materials>. */
static int
read_materials(struct loader *ld, xmlNodePtr node, struct policy_item *item)
{
	struct policy_material *materials;
	xmlNodePtr m;
	size_t n = 0, i;

	for (m = xml_first_element(node); m != NULL; m = xml_next_element(m))
		n++;
	materials = arena_alloc(ld->arena, (n ? n : 1) * sizeof(*materials));
	for (m = xml_first_element(node); m != NULL;
	    m = xml_next_element(m)) {
		struct policy_material *mat = &materials[item->nmaterials];

		mat->id = dup_attr(ld, m, "id");
		mat->name = dup_text(ld, m);
		mat->proves = dup_attr(ld, m, "proves");
		if (mat->id == NULL || *mat->name == '\0') {
			load_error(ld, m, _("<material> needs an id and a name"));
			return -1;
		}
		if (mat->proves != NULL &&
		    dict_field(ld->dict, mat->proves) == NULL) {
			load_error(ld, m, _("unknown field '%s'"), mat->proves);
			return -1;
		}
		for (i = 0; i < item->nmaterials; i++)
			if (strcmp(materials[i].id, mat->id) == 0) {
				load_error(ld, m, _("duplicate material id '%s'"),
				    mat->id);
				return -1;
			}
		item->nmaterials++;
	}
	item->materials = materials;
	return 0;
}

/* Read <review>: the mode pfe-classify wrote, with its reasons. */
static int
read_review(struct loader *ld, xmlNodePtr node, struct policy_item *item,
    struct item_rule *rule)
{
	const char *mode = attr(node, "mode");
	const char **reasons, **fields;
	xmlNodePtr b;
	size_t n = 0;

	if (mode != NULL && strcmp(mode, "automatic") == 0)
		item->mode = POLICY_MODE_AUTOMATIC;
	else if (mode != NULL && strcmp(mode, "semi-automatic") == 0)
		item->mode = POLICY_MODE_SEMI_AUTOMATIC;
	else if (mode != NULL && strcmp(mode, "manual") == 0)
		item->mode = POLICY_MODE_MANUAL;
	else {
		load_error(ld, node,
		    _("invalid mode '%s': expected automatic, semi-automatic or manual"),
		    mode != NULL ? mode : "");
		return -1;
	}
	for (b = xml_first_element(node); b != NULL; b = xml_next_element(b))
		n++;
	reasons = arena_alloc(ld->arena, (n ? n : 1) * sizeof(*reasons));
	fields = arena_alloc(ld->arena, (n ? n : 1) * sizeof(*fields));
	n = 0;
	for (b = xml_first_element(node); b != NULL;
	    b = xml_next_element(b)) {
		fields[n] = dup_attr(ld, b, "field");
		reasons[n++] = dup_text(ld, b);
	}
	item->mode_reasons = reasons;
	item->nmode_reasons = n;
	rule->blocker_fields = fields;
	rule->mode_from_file = 1;
	return 0;
}

/* Read <award> with its rounding and cap. */
static int
read_item_award(struct loader *ld, xmlNodePtr node, struct item_rule *rule)
{
	const char *round = attr(node, "round");
	const char *rounding = attr(node, "rounding");
	xmlNodePtr child = xml_first_element(node);

	rule->round_step = 1;
	if (round != NULL) {
		int64_t unit = money_unit_of(round);

		if (unit != MONEY_FEN && unit != MONEY_YUAN &&
		    unit != MONEY_WAN) {
			load_error(ld, node,
			    _("invalid rounding unit '%s': expected fen, yuan or wan (分, 元, 万元)"),
			    round);
			return -1;
		}
		rule->round_step = unit;
	}
	rule->rounding = ROUND_DOWN;
	if (rounding != NULL && strcmp(rounding, "half-up") == 0)
		rule->rounding = ROUND_HALF_UP;
	else if (rounding != NULL && strcmp(rounding, "down") != 0) {
		load_error(ld, node,
		    _("invalid rounding '%s': expected down or half-up"),
		    rounding);
		return -1;
	}
	if (read_cap(ld, node, &rule->award_cap) != 0)
		return -1;
	if (child == NULL || xml_next_element(child) != NULL) {
		load_error(ld, node, _("<award> takes one award"));
		return -1;
	}
	rule->award = read_award(ld, child, NULL);
	if (rule->award == NULL || check_caps(ld, rule->award) != 0)
		return -1;
	if (rule->award_cap >= 0) {
		int64_t fixed = largest_fixed(rule->award);
		char b1[MONEY_BUFSIZE], b2[MONEY_BUFSIZE];

		if (rule->award->cap >= 0 && fixed > rule->award->cap)
			fixed = rule->award->cap;
		if (fixed > rule->award_cap) {
			load_error(ld, node,
			    _("cap %s is below the fixed award %s"),
			    money_format_human(rule->award_cap, b1),
			    money_format_human(fixed, b2));
			return -1;
		}
	}
	return 0;
}

/* Read one <item> and append it to the set. */
static void
read_item(struct loader *ld, xmlNodePtr node)
{
	struct policy_set *set = ld->set;
	struct set_impl *impl = ld->impl;
	struct policy_item *item;
	struct item_rule *rule;
	xmlNodePtr child;
	unsigned long errors_before = ld->errors;
	size_t inputs_cap = 0;
	const char *flag;

	set->items = xreallocarray(set->items, set->nitems + 1,
	    sizeof(*set->items));
	impl->rules = xreallocarray(impl->rules, set->nitems + 1,
	    sizeof(*impl->rules));
	item = &set->items[set->nitems];
	rule = &impl->rules[set->nitems];
	memset(item, 0, sizeof(*item));
	memset(rule, 0, sizeof(*rule));
	item->budget = -1;
	item->enterprise_cap = -1;
	item->valid_until = INT32_MAX;
	item->line = xml_line(node);
	item->file = arena_strdup(ld->arena, ld->name);
	rule->award_cap = -1;
	item->id = dup_attr(ld, node, "id");
	if (item->id == NULL)
		item->id = "";
	ld->item_id = item->id;
	ld->nnodes = 0;
	flag = attr(node, "free-of-application");
	item->free_of_application = flag != NULL && (strcmp(flag, "true") == 0
	    || strcmp(flag, "1") == 0);
	flag = attr(node, "no-double-funding");
	item->no_double_funding = flag != NULL && (strcmp(flag, "true") == 0 ||
	    strcmp(flag, "1") == 0);

	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child)) {
		if (xml_is(child, "title"))
			item->title = dup_text(ld, child);
		else if (xml_is(child, "department"))
			item->department = dup_text(ld, child);
		else if (xml_is(child, "document")) {
			item->document = dup_attr(ld, child, "number");
			item->article = dup_attr(ld, child, "article");
		} else if (xml_is(child, "valid")) {
			const char *from = attr(child, "from");
			const char *until = attr(child, "until");

			/* An absent 'until' leaves the period open. */
			if (read_date(ld, child, "from",
			    &item->valid_from) == 0 && (until == NULL ||
			    read_date(ld, child, "until",
			    &item->valid_until) == 0) &&
			    item->valid_until < item->valid_from)
				load_error(ld, child,
				    _("validity period ends %s before it starts %s"),
				    until, from);
		} else if (xml_is(child, "budget"))
			read_budget(ld, child, item);
		else if (xml_is(child, "enterprise-cap")) {
			if (read_money(ld, child, ld->authored ? "amount" :
			    "fen", attr(child, "unit"),
			    &item->enterprise_cap) == 0 &&
			    item->enterprise_cap < 0)
				load_error(ld, child,
				    _("cap '%s' is negative"),
				    attr(child, ld->authored ? "amount" : "fen"));
		} else if (xml_is(child, "highest-only"))
			item->group = dup_attr(ld, child, "group");
		else if (xml_is(child, "conditions")) {
			xmlNodePtr c;
			size_t n = 0;

			for (c = xml_first_element(child); c != NULL;
			    c = xml_next_element(c))
				n++;
			rule->conditions = arena_alloc(ld->arena,
			    (n ? n : 1) * sizeof(*rule->conditions));
			for (c = xml_first_element(child); c != NULL;
			    c = xml_next_element(c)) {
				struct cond *cond = read_cond(ld, c);

				if (cond != NULL)
					rule->conditions[rule->nconditions++] =
					    cond;
			}
		} else if (xml_is(child, "award")) {
			read_item_award(ld, child, rule);
		} else if (xml_is(child, "materials"))
			read_materials(ld, child, item);
		else if (xml_is(child, "review")) {
			if (ld->keep_modes)
				read_review(ld, child, item, rule);
		} else
			load_error(ld, child, _("unknown element <%s>"),
			    (const char *)child->name);
	}
	if (ld->errors == errors_before && rule->award != NULL &&
	    item->enterprise_cap >= 0) {
		int64_t fixed = largest_fixed(rule->award);
		char b1[MONEY_BUFSIZE], b2[MONEY_BUFSIZE];

		if (rule->award->cap >= 0 && fixed > rule->award->cap)
			fixed = rule->award->cap;
		if (rule->award_cap >= 0 && fixed > rule->award_cap)
			fixed = rule->award_cap;
		if (fixed > item->enterprise_cap)
			load_error(ld, node,
			    _("enterprise cap %s is below the fixed award %s"),
			    money_format_human(item->enterprise_cap, b1),
			    money_format_human(fixed, b2));
	}
	if (item->title == NULL || item->department == NULL ||
	    item->document == NULL || rule->award == NULL) {
		if (ld->errors == errors_before)
			load_error(ld, node,
			    _("an item needs a title, a department, a document and an award"));
	}
	if (ld->errors != errors_before) {
		ld->item_id = NULL;
		return;	/* the set is not used after an error */
	}
	{
		size_t i;

		for (i = 0; i < rule->nconditions; i++)
			collect_cond_inputs(ld, item, rule->conditions[i],
			    &inputs_cap);
		collect_award_inputs(ld, item, rule->award, &inputs_cap);
	}
	rule->nnodes = ld->nnodes;
	set->nitems++;
	ld->item_id = NULL;
}

/* ---- Sets ---- */

struct policy_set *
policy_set_new(const struct dictionary *dict)
{
	struct policy_set *set = xcalloc(1, sizeof(*set));
	struct set_impl *impl = xcalloc(1, sizeof(*impl));

	impl->arena = arena_new();
	set->impl = impl;
	set->dict = dict;
	return set;
}

unsigned long
policy_read_doc(struct policy_set *set, xmlDocPtr doc, const char *name,
    int keep_modes)
{
	struct loader ld;
	xmlNodePtr root = xmlDocGetRootElement(doc), node;

	memset(&ld, 0, sizeof(ld));
	ld.set = set;
	ld.impl = set->impl;
	ld.arena = ld.impl->arena;
	ld.dict = set->dict;
	ld.name = name;
	ld.keep_modes = keep_modes;
	ld.authored = root->ns != NULL && strcmp((const char *)root->ns->href,
	    POLICY_SOURCE_NS) == 0;
	for (node = xml_first_element(root); node != NULL;
	    node = xml_next_element(node))
		if (xml_is(node, "item"))
			read_item(&ld, node);
	return ld.errors;
}

/* Sort by id: an index array, since rules run parallel to items. */
static const struct policy_item *sort_items;

static int
compare_item_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(sort_items[x].id, sort_items[y].id);

	if (c != 0)
		return c;
	return x < y ? -1 : x > y;
}

unsigned long
policy_set_finish(struct policy_set *set)
{
	struct set_impl *impl = set->impl;
	size_t n = set->nitems, i;
	size_t *order;
	struct policy_item *items;
	struct item_rule *rules;
	unsigned long errors = 0;

	if (n == 0)
		return 0;
	order = xcalloc(n, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = i;
	sort_items = set->items;
	qsort(order, n, sizeof(*order), compare_item_index);
	items = xcalloc(n, sizeof(*items));
	rules = xcalloc(n, sizeof(*rules));
	for (i = 0; i < n; i++) {
		items[i] = set->items[order[i]];
		rules[i] = impl->rules[order[i]];
	}
	free(order);
	free(set->items);
	free(impl->rules);
	set->items = items;
	impl->rules = rules;
	for (i = 0; i < n; i++)
		items[i].impl = &rules[i];

	for (i = 1; i < n; i++)
		if (strcmp(items[i].id, items[i - 1].id) == 0) {
			warn_at(items[i].file, items[i].line,
			    _("item '%s': duplicate item id (first at %s:%ld)"),
			    items[i].id, items[i - 1].file, items[i - 1].line);
			errors++;
		}
	for (i = 0; i < n; i++)
		if (!rules[i].mode_from_file) {
			char **reasons;
			size_t nreasons, j;
			const char **copy;

			items[i].mode = policy_classify(&items[i], set->dict,
			    &reasons, &nreasons);
			copy = arena_alloc(impl->arena,
			    (nreasons ? nreasons : 1) * sizeof(*copy));
			for (j = 0; j < nreasons; j++)
				copy[j] = arena_strdup(impl->arena, reasons[j]);
			items[i].mode_reasons = copy;
			items[i].nmode_reasons = nreasons;
			policy_free_reasons(reasons, nreasons);
		}
	return errors;
}

enum policy_input_status
policy_input_check(const char *path, const char *name, const char *ns)
{
	int is_stdin = path == NULL || strcmp(path, "-") == 0;
	FILE *stream = is_stdin ? stdin : fopen(path, "rb");
	enum policy_input_status status = POLICY_INPUT_OK;
	int c;

	if (stream == NULL) {
		warn_msg(_("cannot open '%s': %s"), name, strerror(errno));
		return POLICY_INPUT_UNREADABLE;
	}
	c = getc(stream);
	if (c == EOF && ferror(stream)) {
		warn_msg(_("cannot read '%s': %s"), name, strerror(errno));
		status = POLICY_INPUT_UNREADABLE;
	} else if (c == EOF) {
		warn_at(name, 0, _("file is empty: expected <policies xmlns=\"%s\">"),
		    ns);
		status = POLICY_INPUT_EMPTY;
	} else if (is_stdin) {
		ungetc(c, stream);
	}
	if (!is_stdin)
		fclose(stream);
	return status;
}

struct policy_set *
policy_load_file(const char *path, const char *name,
    const struct dictionary *dict, int keep_modes)
{
	struct policy_set *set;
	xmlDocPtr doc;
	xmlNodePtr root;
	unsigned long errors;

	if (name == NULL)
		name = path == NULL || strcmp(path, "-") == 0 ?
		    _("standard input") : path;
	if (policy_input_check(path, name, POLICY_NS) != POLICY_INPUT_OK)
		exit(PFE_EXIT_FATAL);
	doc = xml_read(path, name, XML_MAX_INPUT);
	if (doc == NULL)
		die(_("cannot read policies from '%s'"), name);
	root = xmlDocGetRootElement(doc);
	if (root == NULL || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, POLICY_NS) != 0)
		die_at(name, xml_line(root),
		    _("not canonical policies (namespace %s): normalize the file with pfe-policy first"),
		    POLICY_NS);
	if (xml_validate(doc, name, "policy.xsd") != 0)
		die(_("'%s' is not valid against policy.xsd"), name);
	set = policy_set_new(dict);
	errors = policy_read_doc(set, doc, name, keep_modes);
	xmlFreeDoc(doc);
	if (errors == 0)
		errors = policy_set_finish(set);
	if (errors != 0)
		die(errors == 1 ? _("%lu error in '%s'") :
		    _("%lu errors in '%s'"), errors, name);
	return set;
}

struct policy_set *
policy_load(const char *path, const char *name, const struct dictionary *dict)
{
	return policy_load_file(path, name, dict, 1);
}

void
policy_free(struct policy_set *set)
{
	struct set_impl *impl;

	if (set == NULL)
		return;
	impl = set->impl;
	arena_free(impl->arena);
	free(impl->refs);
	free(impl->rules);
	free(impl);
	free(set->items);
	free(set);
}

const struct policy_item *
policy_find(const struct policy_set *set, const char *id)
{
	long i = policy_index(set, id);

	return i < 0 ? NULL : &set->items[i];
}

long
policy_index(const struct policy_set *set, const char *id)
{
	size_t lo = 0, hi = set->nitems;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(set->items[mid].id, id);

		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int
policy_in_force(const struct policy_item *item, int32_t as_of)
{
	return as_of >= item->valid_from && as_of <= item->valid_until;
}

const char *
policy_mode_name(enum policy_mode mode)
{
	switch (mode) {
	case POLICY_MODE_AUTOMATIC:
		return "automatic";
	case POLICY_MODE_SEMI_AUTOMATIC:
		return "semi-automatic";
	case POLICY_MODE_MANUAL:
		return "manual";
	default:
		return "unclassified";
	}
}

const char *
policy_status_name(enum policy_status status)
{
	switch (status) {
	case POLICY_ELIGIBLE:
		return "eligible";
	case POLICY_NEAR_MISS:
		return "near-miss";
	case POLICY_NOT_IN_FORCE:
		return "not-in-force";
	default:
		return "none";
	}
}

const char *
policy_truth_name(enum policy_truth truth)
{
	switch (truth) {
	case POLICY_MET:
		return "met";
	case POLICY_NOT_MET:
		return "not-met";
	default:
		return "unknown";
	}
}

const char *
policy_sharing_name(enum policy_sharing sharing)
{
	size_t i;

	for (i = 0; i < sizeof(sharing_names) / sizeof(sharing_names[0]); i++)
		if (sharing_names[i].sharing == sharing)
			return sharing_names[i].name;
	return "none";
}
