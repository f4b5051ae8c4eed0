/*
 * pfe-portrait: join the department exports named in the field dictionary
 * into one portrait row per enterprise, keyed and sorted by USCC, with the
 * derived fields, and every unusable row in the rejects file.
 */
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "dict.h"
#include "division.h"
#include "err.h"
#include "industry.h"
#include "money.h"
#include "output.h"
#include "pfe.h"
#include "portrait.h"
#include "rejects.h"
#include "uscc.h"
#include "xmlio.h"

/* The portrait's columns: where each dictionary field starts. */
struct layout {
	const struct dictionary *dict;
	int first_year;
	int nyears;
	long *start;		/* per field: first column, or -1 */
	size_t ncolumns;	/* including uscc */
	char **names;
	/* Fields the derived fields read, found once rather than by name
	   for every enterprise: */
	const struct dict_field **of;	/* per field: its "of" field, or
					   NULL */
	const struct dict_field *industry;	/* inputs of sme-2011 */
	const struct dict_field *employees;
	const struct dict_field *revenue;
	const struct dict_field *total_assets;
};

/* One enterprise being assembled. */
struct portrait {
	char **values;		/* per column, newly allocated or NULL */
	char ***items;		/* per field: list items */
	size_t *nitems;
	int64_t *sums;		/* per field and year: sum-per-year totals */
	char **previous;	/* per field: value of the year before the
				   window, for growth rates */
};

/* Return 1 when FIELD is the registry's key column, which the portrait
   writes once, as its first column uscc. */
static int
is_key_field(const struct dict_field *field)
{
	return field->source != NULL && field->source->kind == SOURCE_MASTER &&
	    field->column != NULL &&
	    strcmp(field->column, field->source->key_column) == 0;
}

static void
layout_init(struct layout *layout, const struct dictionary *dict,
    int first_year)
{
	size_t i, column = 1;
	int year;

	layout->dict = dict;
	layout->first_year = first_year;
	layout->nyears = dict->window;
	layout->start = xcalloc(dict->nfields, sizeof(*layout->start));
	layout->of = xcalloc(dict->nfields, sizeof(*layout->of));
	layout->industry = dict_field(dict, "industry");
	layout->employees = dict_field(dict, "employees");
	layout->revenue = dict_field(dict, "revenue");
	layout->total_assets = dict_field(dict, "total_assets");
	layout->names = xcalloc(1, sizeof(*layout->names));
	layout->names[0] = xstrdup("uscc");
	for (i = 0; i < dict->nfields; i++) {
		const struct dict_field *f = &dict->fields[i];
		int n = f->per_year ? layout->nyears : 1;

		layout->start[i] = -1;
		if (f->derived && f->of != NULL)
			layout->of[i] = dict_field(dict, f->of);
		if ((f->source == NULL && !f->derived) || is_key_field(f))
			continue;
		layout->start[i] = (long)column;
		layout->names = xreallocarray(layout->names, column + (size_t)n,
		    sizeof(*layout->names));
		for (year = 0; year < n; year++)
			layout->names[column++] = f->per_year ?
			    xasprintf("%s_%d", f->id, first_year + year) :
			    xstrdup(f->id);
	}
	layout->ncolumns = column;
}

static void
layout_free(struct layout *layout)
{
	size_t i;

	for (i = 0; i < layout->ncolumns; i++)
		free(layout->names[i]);
	free(layout->names);
	free(layout->start);
	free(layout->of);
}

/* Store VALUE (newly allocated) in COLUMN, replacing what was there. */
static void
set_value(struct portrait *p, long column, char *value)
{
	free(p->values[column]);
	p->values[column] = value;
}

/* Return the value of field F (may be NULL) in YEAR (0: not per-year),
   or NULL. */
static const char *
get_value(const struct layout *layout, const struct portrait *p,
    const struct dict_field *f, int year)
{
	long column;

	if (f == NULL)
		return NULL;
	column = layout->start[f - layout->dict->fields];
	if (column < 0)
		return NULL;
	if (f->per_year)
		column += year - layout->first_year;
	return p->values[column];
}

/* Die on a row that was checked when indexed but fails now: the same
   parse on the same bytes cannot differ, so this is a bug. */
static void
check_again(int status, const struct portrait_source *s,
    const struct csv_record *record, struct portrait_problem *problem)
{
	if (status != 0)
		die_at(s->source->file, record->line,
		    _("internal error: record checked before fails now: %s"),
		    problem->message);
}

/* Keep the per-year values of RECORD, of the year before the window, for
   growth rates of the window's first year. */
static void
take_previous(struct portrait_run *run, struct portrait *p,
    const struct portrait_source *s, const struct csv_record *record)
{
	const struct dictionary *dict = run->tables.dict;
	struct portrait_problem problem = { NULL, NULL };
	size_t k, i;
	char *value;

	for (k = 0; k < s->nfields; k++) {
		const struct dict_field *f = &dict->fields[s->fields[k]];

		i = s->fields[k];
		if (f->derived || !f->per_year)
			continue;
		check_again(portrait_parse_cell(&run->tables, f, f->column,
		    record->fields[s->columns[i]], &value, &problem), s,
		    record, &problem);
		free(p->previous[i]);
		p->previous[i] = value;
	}
	portrait_problem_clear(&problem);
}

/* Copy the values of RECORD (from S, of fiscal YEAR or 0) into the
   portrait. */
static void
take_record(struct portrait_run *run, const struct layout *layout,
    struct portrait *p, const struct portrait_source *s, int year,
    const struct csv_record *record)
{
	const struct dictionary *dict = run->tables.dict;
	struct portrait_problem problem = { NULL, NULL };
	size_t k, i, sum;
	char *value;
	int64_t fen;
	int offset = year - layout->first_year;

	if (year == run->first_year - 1) {
		take_previous(run, p, s, record);
		return;
	}
	if (year != 0 && (year < run->first_year || year > run->last_year))
		return;
	for (k = 0; k < s->nfields; k++) {
		const struct dict_field *f = &dict->fields[s->fields[k]];

		i = s->fields[k];
		if (layout->start[i] < 0)
			continue;
		if (f->derived) {
			check_again(portrait_parse_amount(f->column,
			    record->fields[s->columns[i]], &fen, &problem),
			    s, record, &problem);
			sum = i * (size_t)layout->nyears + (size_t)offset;
			p->sums[sum] += fen;
			if (p->sums[sum] > MONEY_MAX)
				die_at(s->source->file, record->line,
				    _("total of column '%s' exceeds %s yuan"),
				    f->column, "10000000000000.00");
		} else if (f->type == FIELD_LIST) {
			check_again(portrait_parse_list_item(f,
			    s->columns[i] < 0 ? "" :
			    record->fields[s->columns[i]],
			    record->fields[s->date_columns[i]], &value,
			    &problem), s, record, &problem);
			p->items[i] = xreallocarray(p->items[i],
			    p->nitems[i] + 1, sizeof(*p->items[i]));
			p->items[i][p->nitems[i]++] = value;
		} else {
			check_again(portrait_parse_cell(&run->tables, f,
			    f->column, record->fields[s->columns[i]], &value,
			    &problem), s, record, &problem);
			set_value(p, layout->start[i] +
			    (f->per_year ? offset : 0), value);
		}
	}
	portrait_problem_clear(&problem);
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Join the sorted, distinct items of a list field with ";". */
static char *
join_items(char **items, size_t n)
{
	size_t i, len = 1;
	char *out;

	if (n > 1)
		qsort(items, n, sizeof(*items), compare_strings);
	for (i = 0; i < n; i++)
		len += strlen(items[i]) + 1;
	out = xmalloc(len);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(items[i], items[i - 1]) == 0)
			continue;
		if (out[0] != '\0')
			strcat(out, ";");
		strcat(out, items[i]);
	}
	return out;
}

/* Return the value of an integer or money cell (fen for money), or -1
   when it is empty. */
static int64_t
number_of(const char *value, int money)
{
	int64_t fen;

	if (value == NULL || value[0] == '\0' ||
	    money_parse(value, MONEY_YUAN, &fen) != 0)
		return -1;
	return money ? fen : fen / 100;
}

/*
 * Return the change from PREVIOUS to CURRENT (field values as written in
 * portraits) in basis points, rounded half away from zero, or NULL when
 * either is unknown or PREVIOUS is not above zero.
 */
static char *
growth_of(const char *previous, const char *current, int money)
{
	int64_t from = number_of(previous, money);
	int64_t to = number_of(current, money);

	if (from <= 0 || to < 0)
		return NULL;
	/* money_scale multiplies in 128 bits, so no amount overflows. */
	return portrait_integer_text(money_scale(to - from, 10000, from, 1,
	    ROUND_HALF_UP));
}

/* Compute the derived fields from the source values. */
static void
derive(struct portrait_run *run, const struct layout *layout,
    struct portrait *p, int32_t as_of)
{
	const struct dictionary *dict = layout->dict;
	char buf[MONEY_BUFSIZE];
	size_t i;
	int year;

	for (i = 0; i < dict->nfields; i++) {
		const struct dict_field *f = &dict->fields[i];
		long column = layout->start[i];

		if (!f->derived || column < 0)
			continue;
		if (strcmp(f->rule, "sum-per-year") == 0) {
			for (year = 0; year < layout->nyears; year++)
				set_value(p, column + year,
				    xstrdup(money_format(p->sums[i *
				    (size_t)layout->nyears + (size_t)year],
				    buf)));
		} else if (strcmp(f->rule, "growth") == 0) {
			const struct dict_field *of = layout->of[i];
			int money = of->type == FIELD_MONEY;
			const char *previous = p->previous[of - dict->fields];

			for (year = 0; year < layout->nyears; year++) {
				const char *current = get_value(layout, p,
				    of, layout->first_year + year);
				char *growth = growth_of(previous, current,
				    money);

				if (growth != NULL)
					set_value(p, column + year, growth);
				previous = current;
			}
		} else if (strcmp(f->rule, "years-since") == 0) {
			const char *date = get_value(layout, p,
			    layout->of[i], 0);
			int32_t days;

			/* An enterprise established after the as-of date
			   has no age yet: unknown. */
			if (date != NULL && date_parse(date, &days) == 0 &&
			    days <= as_of)
				set_value(p, column, portrait_integer_text(
				    date_years_between(days, as_of)));
		} else if (strcmp(f->rule, "gbt4754-section") == 0) {
			const char *industry = get_value(layout, p,
			    layout->of[i], 0);

			if (industry != NULL && industry[0] != '\0')
				set_value(p, column, xstrndup(industry, 1));
		} else if (strcmp(f->rule, "sme-2011") == 0) {
			int last = run->last_year;

			set_value(p, column, xstrdup(portrait_size_class(
			    get_value(layout, p, layout->industry, 0),
			    (long)number_of(get_value(layout, p,
			    layout->employees, last), 0),
			    number_of(get_value(layout, p, layout->revenue,
			    last), 1),
			    number_of(get_value(layout, p,
			    layout->total_assets, last), 1))));
		}
	}
}

/* Reset P for the next enterprise. */
static void
portrait_clear(const struct layout *layout, struct portrait *p)
{
	size_t i, j;

	for (i = 0; i < layout->ncolumns; i++) {
		free(p->values[i]);
		p->values[i] = NULL;
	}
	for (i = 0; i < layout->dict->nfields; i++) {
		for (j = 0; j < p->nitems[i]; j++)
			free(p->items[i][j]);
		free(p->items[i]);
		p->items[i] = NULL;
		p->nitems[i] = 0;
	}
	memset(p->sums, 0, layout->dict->nfields * (size_t)layout->nyears *
	    sizeof(*p->sums));
	for (i = 0; i < layout->dict->nfields; i++) {
		free(p->previous[i]);
		p->previous[i] = NULL;
	}
}

/* A row already taken for the enterprise being assembled. */
struct seen_row {
	int year;
	uint32_t line;
	uint64_t hash;
};

/*
 * Return the earlier row of the same enterprise that RECORD repeats or
 * contradicts, or NULL: any row for the master source, a row of the same
 * year for a yearly source, an identical row for list and rows sources.
 */
static const struct seen_row *
find_repeat(enum source_kind kind, const struct seen_row *seen, size_t n,
    int year, uint64_t hash)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (kind == SOURCE_MASTER ||
		    (kind == SOURCE_YEARLY && seen[i].year == year) ||
		    seen[i].hash == hash)
			return &seen[i];
	}
	return NULL;
}

/* Keep RECORD, which repeats FIRST, as an exact duplicate or, when it
   differs, as a conflicting record that is not used. */
static void
reject_repeat(struct portrait_run *run, struct portrait_source *s,
    const struct csv_record *record, const struct portrait_position *position,
    const char *uscc, const struct seen_row *first, int year, uint64_t hash)
{
	char *message, *reason;

	if (first->hash == hash) {
		portrait_source_reject(run, s, record, position, NULL, NULL,
		    (long)first->line);
		return;
	}
	if (s->source->kind == SOURCE_YEARLY) {
		message = xasprintf(
		    _("conflicting record for '%s' in %d: it differs from line %lu, which is used"),
		    uscc, year, (unsigned long)first->line);
		reason = xasprintf(
		    "与第%lu行冲突：同一企业同一年度已有不同的记录，采用第%lu行",
		    (unsigned long)first->line, (unsigned long)first->line);
	} else {
		message = xasprintf(
		    _("conflicting record for '%s': it differs from line %lu, which is used"),
		    uscc, (unsigned long)first->line);
		reason = xasprintf(
		    "与第%lu行冲突：同一企业已有不同的记录，采用第%lu行",
		    (unsigned long)first->line, (unsigned long)first->line);
	}
	portrait_source_reject(run, s, record, position, message, reason, 0);
	free(message);
}

/*
 * Compare the enterprise name in RECORD with the registry's NAME (set
 * from the master source's first row when NAME is NULL), and report a
 * difference on standard error: a conflict between sources that leaves
 * the row usable.
 */
static void
compare_name(struct portrait_run *run, struct portrait_source *s,
    const struct csv_record *record, char **name)
{
	const char *cell;
	size_t len;
	char *trimmed;

	if (s->name_column < 0)
		return;
	cell = portrait_trim_span(record->fields[s->name_column], &len);
	if (s->source->kind == SOURCE_MASTER) {
		free(*name);
		*name = xstrndup(cell, len);
		return;
	}
	/* Compared in place: most names are the registry's. */
	if (*name == NULL || len == 0 ||
	    (strncmp(cell, *name, len) == 0 && (*name)[len] == '\0'))
		return;
	s->names_differ++;
	if (!run->quiet) {
		trimmed = xstrndup(cell, len);
		warn_at(s->source->file, record->line,
		    _("name '%s' differs from '%s' in the registry"),
		    trimmed, *name);
		free(trimmed);
	}
}

/*
 * Read every row source S has for enterprise USCC, in file order, into
 * the portrait; repeated rows go to the rejects kept by S. SEEN is a
 * reusable buffer; NAME holds the registry's name of the enterprise.
 */
static void
take_source(struct portrait_run *run, const struct layout *layout,
    struct portrait *p, struct portrait_source *s, const char *uscc,
    size_t *cursor, struct seen_row **seen, size_t *seen_cap, char **name)
{
	struct portrait_problem problem = { NULL, NULL };
	struct portrait_position position;
	const struct csv_record *record;
	const struct seen_row *first;
	size_t runs, start, j, nseen = 0;
	uint64_t hash;
	int year;

	start = portrait_source_rows(s, uscc, cursor, &runs);
	for (j = start; j < start + runs; j++) {
		portrait_source_start(s, j);
		while ((record = portrait_source_next(s, &position,
		    &hash)) != NULL) {
			year = 0;
			if (s->year_column >= 0) {
				year = portrait_parse_year(
				    s->source->year_column,
				    record->fields[s->year_column], &problem);
				check_again(year < 0, s, record, &problem);
			}
			first = find_repeat(s->source->kind, *seen, nseen,
			    year, hash);
			if (first != NULL) {
				reject_repeat(run, s, record, &position, uscc,
				    first, year, hash);
				continue;
			}
			if (nseen == *seen_cap) {
				*seen_cap = *seen_cap * 2 + 16;
				*seen = xreallocarray(*seen, *seen_cap,
				    sizeof(**seen));
			}
			(*seen)[nseen].year = year;
			(*seen)[nseen].line = (uint32_t)record->line;
			(*seen)[nseen].hash = hash;
			nseen++;
			compare_name(run, s, record, name);
			take_record(run, layout, p, s, year, record);
		}
	}
	portrait_problem_clear(&problem);
}

/*
 * Write one portrait per enterprise of the master source, in USCC order,
 * reading each source's rows for it by seeking. Returns the number
 * written.
 */
static unsigned long
write_portraits(struct portrait_run *run, struct portrait_source **sources,
    size_t nsources, const struct layout *layout, int32_t as_of, FILE *out)
{
	const struct dictionary *dict = layout->dict;
	struct portrait p;
	size_t *cursors = xcalloc(nsources, sizeof(*cursors));
	struct seen_row *seen = NULL;
	size_t seen_cap = 0, k, i;
	unsigned long written = 0;
	const struct portrait_source *master = sources[0];
	char uscc[USCC_LEN + 1];
	char *name = NULL;

	p.values = xcalloc(layout->ncolumns, sizeof(*p.values));
	p.items = xcalloc(dict->nfields, sizeof(*p.items));
	p.nitems = xcalloc(dict->nfields, sizeof(*p.nitems));
	p.sums = xcalloc(dict->nfields * (size_t)layout->nyears,
	    sizeof(*p.sums));
	p.previous = xcalloc(dict->nfields, sizeof(*p.previous));

	csv_write_row(out, CSV_WRITE_DATA, layout->ncolumns,
	    (const char *const *)layout->names);
	/* The master's cursor moves past each enterprise in take_source. */
	while (cursors[0] < master->nentries) {
		memcpy(uscc, master->entries[cursors[0]].uscc, USCC_LEN);
		uscc[USCC_LEN] = '\0';
		portrait_clear(layout, &p);
		p.values[0] = xstrdup(uscc);
		free(name);
		name = NULL;
		for (k = 0; k < nsources; k++)
			take_source(run, layout, &p, sources[k], uscc,
			    &cursors[k], &seen, &seen_cap, &name);
		for (i = 0; i < dict->nfields; i++)
			if (dict->fields[i].type == FIELD_LIST &&
			    layout->start[i] >= 0)
				set_value(&p, layout->start[i],
				    join_items(p.items[i], p.nitems[i]));
		derive(run, layout, &p, as_of);

		/* csv_write_row writes a NULL value (unknown) as "". */
		csv_write_row(out, CSV_WRITE_DATA, layout->ncolumns,
		    (const char *const *)p.values);
		written++;
	}

	portrait_clear(layout, &p);
	free(p.values);
	free(p.items);
	free(p.nitems);
	free(p.sums);
	free(p.previous);
	free(seen);
	free(name);
	free(cursors);
	return written;
}

/*
 * Check each code (arguments, or lines of standard input) and report the
 * invalid ones. Returns the exit status of the predicate mode.
 */
static int
check_codes(const struct division_table *divisions,
    const struct uscc_allow *allow, int argc, char **argv, int quiet)
{
	struct uscc_result result;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long number = 0;
	int invalid = 0, i = 0;

	for (;;) {
		const char *code;

		if (argc > 0) {
			if (i == argc)
				break;
			code = argv[i++];
		} else {
			len = getline(&line, &cap, stdin);
			if (len < 0)
				break;
			number++;
			while (len > 0 && (line[len - 1] == '\n' ||
			    line[len - 1] == '\r'))
				line[--len] = '\0';
			code = line;
		}
		uscc_validate(code, divisions, &result);
		if (result.status == USCC_BAD_CHECK &&
		    uscc_allow_has(allow, code))
			continue;
		if (result.status == USCC_VALID)
			continue;
		invalid = 1;
		if (!quiet) {
			char *message = uscc_message(code, &result);

			if (argc > 0)
				warn_msg("%s", message);
			else
				warn_at(_("standard input"), number, "%s",
				    message);
			free(message);
		}
	}
	if (ferror(stdin))
		die_errno(_("cannot read standard input"));
	free(line);
	return invalid ? PFE_EXIT_REJECTS : PFE_EXIT_OK;
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: pfe-portrait --dictionary FILE --as-of DATE [--data DIR] [-o FILE]\n"
	    "                    [--rejects FILE] [--encoding utf-8 | gb18030]\n"
	    "                    [--uscc-allow FILE] [-q]\n"
	    "       pfe-portrait --check-uscc [--uscc-allow FILE] [-q] [CODE ...]\n"));
}

static void
help(void)
{
	usage(stdout);
	printf(_("\nJoin the department exports named in the field dictionary into one\n"
	    "portrait row per enterprise, sorted by unified social credit code.\n\n"
	    "  --dictionary FILE  field dictionary (dictionary.xml)\n"
	    "  --data DIR         folder the dictionary's source files are in\n"
	    "                     (default: the dictionary's folder)\n"
	    "  --as-of DATE       date the portraits describe (YYYY-MM-DD); the\n"
	    "                     per-year window ends the year before\n"
	    "  -o, --output FILE  write portraits to FILE (default: standard output)\n"
	    "  --rejects FILE     write unusable rows and duplicates to FILE\n"
	    "  --encoding ENC     encoding of the sources: utf-8 (default) or gb18030\n"
	    "  --uscc-allow FILE  real codes accepted although their check character\n"
	    "                     is wrong (CSV with a column uscc)\n"
	    "  --check-uscc       only check the codes given (or one per line on\n"
	    "                     standard input): exit 0 valid, 1 invalid\n"
	    "  -q, --quiet        no warnings and no summary on standard error\n"
	    "  --help             show this help\n"
	    "  --version          show the version\n"));
}

enum {
	OPT_DICTIONARY = 256,
	OPT_DATA,
	OPT_AS_OF,
	OPT_REJECTS,
	OPT_ENCODING,
	OPT_USCC_ALLOW,
	OPT_CHECK_USCC,
	OPT_HELP,
	OPT_VERSION
};

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "dictionary", required_argument, NULL, OPT_DICTIONARY },
		{ "data", required_argument, NULL, OPT_DATA },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "output", required_argument, NULL, 'o' },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "uscc-allow", required_argument, NULL, OPT_USCC_ALLOW },
		{ "check-uscc", no_argument, NULL, OPT_CHECK_USCC },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *dictionary_path = NULL, *data_dir = NULL;
	const char *as_of_text = NULL, *output_path = NULL;
	const char *rejects_path = NULL, *allow_path = NULL;
	int quiet = 0, check_only = 0, c, status;
	struct portrait_run run;
	struct portrait_source **sources;
	struct dictionary *dict;
	struct division_table *divisions;
	struct industry_table *industries;
	struct uscc_allow *allow = NULL;
	struct output *output;
	struct rejects *rejects;
	struct layout layout;
	char *dictionary_dir = NULL;
	int32_t as_of = 0;
	size_t i, k, nsources;
	unsigned long read = 0, outside = 0, duplicates = 0, written;
	unsigned long names_differ = 0;

	pfe_init("pfe-portrait");
	memset(&run, 0, sizeof(run));
	run.encoding = CSV_ENCODING_UTF8;

	while ((c = getopt_long(argc, argv, "o:q", options, NULL)) != -1) {
		switch (c) {
		case OPT_DICTIONARY:
			dictionary_path = optarg;
			break;
		case OPT_DATA:
			data_dir = optarg;
			break;
		case OPT_AS_OF:
			as_of_text = optarg;
			break;
		case 'o':
			output_path = optarg;
			break;
		case OPT_REJECTS:
			rejects_path = optarg;
			break;
		case OPT_ENCODING:
			if (strcasecmp(optarg, "utf-8") == 0 ||
			    strcasecmp(optarg, "utf8") == 0)
				run.encoding = CSV_ENCODING_UTF8;
			else if (strcasecmp(optarg, "gb18030") == 0 ||
			    strcasecmp(optarg, "gbk") == 0)
				run.encoding = CSV_ENCODING_GB18030;
			else
				usage_error(_("invalid encoding '%s': expected utf-8 or gb18030"),
				    optarg);
			break;
		case OPT_USCC_ALLOW:
			allow_path = optarg;
			break;
		case OPT_CHECK_USCC:
			check_only = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case OPT_HELP:
			help();
			output_close_stdout();
			return PFE_EXIT_OK;
		case OPT_VERSION:
			pfe_print_version();
			break;
		default:
			usage_error(_("invalid option"));
		}
	}

	if (check_only) {
		if (dictionary_path != NULL || as_of_text != NULL ||
		    output_path != NULL || rejects_path != NULL)
			usage_error(_("--check-uscc takes no --dictionary, --as-of, -o or --rejects"));
		divisions = division_table_load(NULL);
		if (allow_path != NULL)
			allow = uscc_allow_load(allow_path, divisions);
		status = check_codes(divisions, allow, argc - optind,
		    argv + optind, quiet);
		uscc_allow_free(allow);
		division_table_free(divisions);
		return status;
	}
	if (optind < argc)
		usage_error(_("unexpected argument '%s': the sources are named in the dictionary"),
		    argv[optind]);
	if (dictionary_path == NULL)
		usage_error(_("missing option --dictionary"));
	if (as_of_text == NULL)
		usage_error(_("missing option --as-of"));
	as_of = date_parse_as_of(as_of_text);

	xml_init();
	dict = dict_load(dictionary_path);
	if (data_dir == NULL) {
		char *copy = xstrdup(dictionary_path);

		dictionary_dir = xstrdup(dirname(copy));
		free(copy);
		data_dir = dictionary_dir;
	}
	divisions = division_table_load(NULL);
	industries = industry_table_load(NULL);
	if (allow_path != NULL)
		allow = uscc_allow_load(allow_path, divisions);
	run.tables.dict = dict;
	run.tables.divisions = divisions;
	run.tables.industries = industries;
	run.tables.allow = allow;
	run.data_dir = data_dir;
	run.last_year = dict_last_year(as_of);
	run.first_year = run.last_year - dict->window + 1;
	run.quiet = quiet;
	output = output_open(output_path, 0644);
	rejects = rejects_open(rejects_path);
	/* Messages on standard error are written as rows are found, in
	   English through gettext; the rejects file keeps the Chinese
	   reasons. */
	rejects_set_quiet(rejects, 1);

	/* The master source first: the others are checked against it. */
	nsources = dict->nsources;
	sources = xcalloc(nsources, sizeof(*sources));
	for (i = 0; i < nsources; i++)
		if (dict->sources[i].kind == SOURCE_MASTER)
			break;
	sources[0] = portrait_source_index(&run, &dict->sources[i]);
	run.master = sources[0];
	for (i = 0, k = 1; i < nsources; i++)
		if (dict->sources[i].kind != SOURCE_MASTER)
			sources[k++] = portrait_source_index(&run,
			    &dict->sources[i]);

	layout_init(&layout, dict, run.first_year);
	written = write_portraits(&run, sources, nsources, &layout, as_of,
	    output_stream(output));

	/* Rejects are written last, so each file's rejects keep input order. */
	for (i = 0; i < nsources; i++) {
		portrait_source_write_rejects(sources[i], rejects);
		read += sources[i]->read;
		outside += sources[i]->outside_window;
		duplicates += sources[i]->duplicates;
		names_differ += sources[i]->names_differ;
	}
	if (!quiet)
		warn_msg(_("read %lu records, wrote %lu portraits, rejected %lu, %lu exact duplicates, %lu rows outside %d-%d, %lu names differing from the registry"),
		    read, written, rejects_count(rejects), duplicates,
		    outside, run.first_year, run.last_year, names_differ);

	status = rejects_count(rejects) > 0 ? PFE_EXIT_REJECTS : PFE_EXIT_OK;
	/* Nothing is put in place unless every output was written. */
	output_flush_all();
	output_commit(output);
	rejects_close(rejects);
	output_close_stdout();
	for (i = 0; i < nsources; i++)
		portrait_source_free(sources[i]);
	free(sources);
	layout_free(&layout);
	uscc_allow_free(allow);
	industry_table_free(industries);
	division_table_free(divisions);
	dict_free(dict);
	free(dictionary_dir);
	return status;
}
