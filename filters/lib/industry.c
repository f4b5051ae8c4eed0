/* GB/T 4754-2017 codes, loaded whole (about 2000 rows), sorted by code. */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "err.h"
#include "industry.h"
#include "pfe.h"

struct industry_table {
	struct industry *entries;	/* sorted by code */
	size_t nentries;
};

static int
compare_industries(const void *a, const void *b)
{
	return strcmp(((const struct industry *)a)->code,
	    ((const struct industry *)b)->code);
}

/* Return the level of CODE (a section letter or 2 to 4 digits), or -1. */
static int
level_of(const char *code)
{
	size_t len = strlen(code), i;

	if (len == 1)
		return code[0] >= 'A' && code[0] <= 'T' ? INDUSTRY_SECTION : -1;
	if (len < 2 || len > 4)
		return -1;
	for (i = 0; i < len; i++)
		if (code[i] < '0' || code[i] > '9')
			return -1;
	return (int)len - 2 + INDUSTRY_DIVISION;
}

struct industry_table *
industry_table_load(const char *dir)
{
	struct industry_table *table = xcalloc(1, sizeof(*table));
	struct csv_reader *reader;
	struct csv_record *row;
	long code_column = -1, name_column = -1, section_column = -1;
	size_t cap = 0, i;
	char *path;

	if (dir == NULL)
		dir = pfe_data_dir();
	path = xasprintf("%s/industries.csv", dir);
	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	/* Lines starting with '#' name the source; the header follows. */
	do {
		if (!csv_reader_next(reader, &row))
			die_at(path, 0, _("missing header"));
	} while (row->nfields > 0 && row->fields[0][0] == '#');
	code_column = csv_column(row, "code");
	name_column = csv_column(row, "name");
	section_column = csv_column(row, "section");
	if (code_column < 0 || name_column < 0 || section_column < 0)
		die_at(path, row->line,
		    _("missing column: expected code, name and section"));

	while (csv_reader_next(reader, &row)) {
		struct industry *e;
		const char *code, *section;
		int level;

		if (row->nfields <= (size_t)code_column ||
		    row->nfields <= (size_t)name_column ||
		    row->nfields <= (size_t)section_column)
			die_at(path, row->line,
			    _("row has %zu fields, fewer than the header"),
			    row->nfields);
		code = row->fields[code_column];
		section = row->fields[section_column];
		level = level_of(code);
		if (level < 0)
			die_at(path, row->line,
			    _("invalid industry code '%s': expected a section letter or 2 to 4 digits"),
			    code);
		if (strlen(section) != 1 || section[0] < 'A' ||
		    section[0] > 'T')
			die_at(path, row->line,
			    _("invalid section '%s': expected a letter A to T"),
			    section);
		if (table->nentries == cap) {
			cap = cap * 2 + 256;
			table->entries = xreallocarray(table->entries, cap,
			    sizeof(*table->entries));
		}
		e = &table->entries[table->nentries++];
		memset(e->code, 0, sizeof(e->code));
		memcpy(e->code, code, strlen(code));
		e->section = section[0];
		e->level = (enum industry_level)level;
		e->name = xstrdup(row->fields[name_column]);
	}
	csv_reader_close(reader);

	qsort(table->entries, table->nentries, sizeof(*table->entries),
	    compare_industries);
	for (i = 1; i < table->nentries; i++)
		if (strcmp(table->entries[i - 1].code,
		    table->entries[i].code) == 0)
			die(_("industry code '%s' is listed twice in '%s'"),
			    table->entries[i].code, path);
	free(path);
	return table;
}

void
industry_table_free(struct industry_table *table)
{
	size_t i;

	if (table == NULL)
		return;
	for (i = 0; i < table->nentries; i++)
		free(table->entries[i].name);
	free(table->entries);
	free(table);
}

const struct industry *
industry_find(const struct industry_table *table, const char *code)
{
	struct industry key;

	if (level_of(code) < 0)
		return NULL;
	memset(key.code, 0, sizeof(key.code));
	memcpy(key.code, code, strlen(code));
	return bsearch(&key, table->entries, table->nentries,
	    sizeof(*table->entries), compare_industries);
}

const struct industry *
industry_find_class(const struct industry_table *table, const char *s)
{
	const struct industry *class;
	char letter = 0;

	if (s[0] >= 'A' && s[0] <= 'Z') {
		letter = s[0];
		s++;
	}
	if (strlen(s) != 4)
		return NULL;
	class = industry_find(table, s);
	if (class == NULL || class->level != INDUSTRY_CLASS)
		return NULL;
	if (letter != 0 && letter != class->section)
		return NULL;
	return class;
}
