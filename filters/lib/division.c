/*
 * Division codes, their history and the functional zones, loaded whole:
 * about 3300 rows, looked up by binary search on the code.
 */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "division.h"
#include "err.h"
#include "pfe.h"

struct division_table {
	struct division *divisions;	/* sorted by code */
	size_t ndivisions;
	struct division_zone *zones;
	size_t nzones;
};

/* Columns of one reference table, found by name in its header. */
struct table_reader {
	struct csv_reader *reader;
	char *path;
	long columns[6];
	size_t ncolumns;
};

/* Open DIR/FILE and find COLUMNS (NULL-terminated) in its header. */
static void
table_open(struct table_reader *t, const char *dir, const char *file,
    const char *const *columns)
{
	struct csv_record *header;
	size_t i;

	t->path = xasprintf("%s/%s", dir, file);
	t->reader = csv_reader_open(t->path, NULL, CSV_ENCODING_UTF8);
	if (!csv_reader_next(t->reader, &header))
		die_at(t->path, 1, _("missing header"));
	for (i = 0; columns[i] != NULL; i++) {
		t->columns[i] = csv_column(header, columns[i]);
		if (t->columns[i] < 0)
			die_at(t->path, 1, _("missing column '%s'"),
			    columns[i]);
	}
	t->ncolumns = i;
}

/* Read the next row; returns 0 at the end. Dies on a short row. */
static int
table_next(struct table_reader *t, struct csv_record **row)
{
	size_t i;

	if (!csv_reader_next(t->reader, row))
		return 0;
	for (i = 0; i < t->ncolumns; i++)
		if ((size_t)t->columns[i] >= (*row)->nfields)
			die_at(t->path, (*row)->line,
			    _("row has %zu fields, fewer than the header"),
			    (*row)->nfields);
	return 1;
}

static const char *
table_field(const struct table_reader *t, const struct csv_record *row,
    size_t column)
{
	return row->fields[t->columns[column]];
}

static void
table_close(struct table_reader *t)
{
	csv_reader_close(t->reader);
	free(t->path);
}

static int
is_code(const char *s)
{
	size_t i;

	for (i = 0; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[6] == '\0';
}

static int
compare_divisions(const void *a, const void *b)
{
	return strcmp(((const struct division *)a)->code,
	    ((const struct division *)b)->code);
}

static enum division_level
parse_level(const struct table_reader *t, long line, const char *s)
{
	if (strcmp(s, "province") == 0)
		return DIVISION_PROVINCE;
	if (strcmp(s, "city") == 0)
		return DIVISION_CITY;
	if (strcmp(s, "county") == 0)
		return DIVISION_COUNTY;
	die_at(t->path, line,
	    _("invalid level '%s': expected province, city or county"), s);
}

/* Append the rows of divisions.csv (HISTORY 0) or division-history.csv
   (HISTORY 1) to TABLE. */
static void
load_divisions(struct division_table *table, const char *dir, int history)
{
	static const char *const current_columns[] = {
		"code", "name", "level", NULL
	};
	static const char *const history_columns[] = {
		"code", "name", "level", "successor", NULL
	};
	struct table_reader t;
	struct csv_record *row;
	size_t cap = table->ndivisions;

	table_open(&t, dir, history ? "division-history.csv" :
	    "divisions.csv", history ? history_columns : current_columns);
	while (table_next(&t, &row)) {
		struct division *d;
		const char *code = table_field(&t, row, 0);

		if (!is_code(code))
			die_at(t.path, row->line,
			    _("invalid division code '%s': expected 6 digits"),
			    code);
		if (table->ndivisions == cap) {
			cap = cap * 2 + 64;
			table->divisions = xreallocarray(table->divisions,
			    cap, sizeof(*table->divisions));
		}
		d = &table->divisions[table->ndivisions++];
		memcpy(d->code, code, 7);
		d->name = xstrdup(table_field(&t, row, 1));
		d->level = parse_level(&t, row->line, table_field(&t, row, 2));
		d->successor = NULL;
		if (history) {
			const char *successor = table_field(&t, row, 3);

			if (!is_code(successor))
				die_at(t.path, row->line,
				    _("invalid successor code '%s': expected 6 digits"),
				    successor);
			d->successor = xstrdup(successor);
		}
	}
	table_close(&t);
}

static void
load_zones(struct division_table *table, const char *dir)
{
	static const char *const columns[] = {
		"id", "name", "full_name", "division", NULL
	};
	struct table_reader t;
	struct csv_record *row;

	table_open(&t, dir, "zones.csv", columns);
	while (table_next(&t, &row)) {
		struct division_zone *z;
		const char *division = table_field(&t, row, 3);

		if (!is_code(division))
			die_at(t.path, row->line,
			    _("invalid division code '%s': expected 6 digits"),
			    division);
		table->zones = xreallocarray(table->zones, table->nzones + 1,
		    sizeof(*table->zones));
		z = &table->zones[table->nzones++];
		z->id = xstrdup(table_field(&t, row, 0));
		z->name = xstrdup(table_field(&t, row, 1));
		z->full_name = xstrdup(table_field(&t, row, 2));
		memcpy(z->division, division, 7);
	}
	table_close(&t);
}

struct division_table *
division_table_load(const char *dir)
{
	struct division_table *table = xcalloc(1, sizeof(*table));
	size_t i;

	if (dir == NULL)
		dir = pfe_data_dir();
	load_divisions(table, dir, 0);
	load_divisions(table, dir, 1);
	load_zones(table, dir);
	qsort(table->divisions, table->ndivisions, sizeof(*table->divisions),
	    compare_divisions);
	for (i = 1; i < table->ndivisions; i++)
		if (strcmp(table->divisions[i - 1].code,
		    table->divisions[i].code) == 0)
			die(_("division code '%s' is listed twice in '%s'"),
			    table->divisions[i].code, dir);
	for (i = 0; i < table->ndivisions; i++) {
		const struct division *d = &table->divisions[i];

		if (d->successor != NULL &&
		    (division_find(table, d->successor) == NULL ||
		    division_find(table, d->successor)->successor != NULL))
			die(_("abolished division '%s' has successor '%s', which is not a current division"),
			    d->code, d->successor);
	}
	return table;
}

void
division_table_free(struct division_table *table)
{
	size_t i;

	if (table == NULL)
		return;
	for (i = 0; i < table->ndivisions; i++) {
		free(table->divisions[i].name);
		free(table->divisions[i].successor);
	}
	for (i = 0; i < table->nzones; i++) {
		free(table->zones[i].id);
		free(table->zones[i].name);
		free(table->zones[i].full_name);
	}
	free(table->divisions);
	free(table->zones);
	free(table);
}

const struct division *
division_find(const struct division_table *table, const char *code)
{
	struct division key;

	if (!is_code(code))
		return NULL;
	memcpy(key.code, code, 7);
	return bsearch(&key, table->divisions, table->ndivisions,
	    sizeof(*table->divisions), compare_divisions);
}

const struct division_zone *
division_zone_find(const struct division_table *table, const char *name)
{
	size_t i;

	for (i = 0; i < table->nzones; i++)
		if (strcmp(table->zones[i].name, name) == 0 ||
		    strcmp(table->zones[i].full_name, name) == 0)
			return &table->zones[i];
	return NULL;
}
