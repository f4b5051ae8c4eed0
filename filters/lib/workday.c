/* Working days under a holiday calendar (workday.h). */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "err.h"
#include "pfe.h"
#include "workday.h"

/* One listed date. */
struct workday_entry {
	int32_t day;
	int working;		/* 1: workday, 0: holiday */
};

struct workday_calendar {
	struct workday_entry *entries;	/* sorted by day */
	size_t nentries;
	int *years;		/* years with at least one date, sorted */
	size_t nyears;
};

static int
compare_entries(const void *a, const void *b)
{
	const struct workday_entry *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

static int
compare_years(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

struct workday_calendar *
workday_calendar_load(const char *path)
{
	struct workday_calendar *calendar = xcalloc(1, sizeof(*calendar));
	struct csv_reader *reader = csv_reader_open(path, NULL,
	    CSV_ENCODING_UTF8);
	struct csv_record *record;
	long *lines = NULL;
	size_t cap = 0, i;
	long date_column, kind_column;

	if (!csv_reader_next(reader, &record))
		die_at(path, 0, _("empty file: a header is expected"));
	date_column = csv_column(record, "date");
	kind_column = csv_column(record, "kind");
	if (date_column < 0)
		die_at(path, 1, _("missing column '%s'"), "date");
	if (kind_column < 0)
		die_at(path, 1, _("missing column '%s'"), "kind");
	while (csv_reader_next(reader, &record)) {
		struct workday_entry *entry;
		const char *date = (size_t)date_column < record->nfields ?
		    record->fields[date_column] : "";
		const char *kind = (size_t)kind_column < record->nfields ?
		    record->fields[kind_column] : "";

		if (calendar->nentries == cap) {
			cap = cap ? cap * 2 : 64;
			calendar->entries = xreallocarray(calendar->entries,
			    cap, sizeof(*calendar->entries));
			lines = xreallocarray(lines, cap, sizeof(*lines));
		}
		entry = &calendar->entries[calendar->nentries];
		if (date_parse(date, &entry->day) != 0)
			die_at(path, record->line, _("invalid date '%s': expected YYYY-MM-DD"),
			    date);
		if (strcmp(kind, "holiday") == 0)
			entry->working = 0;
		else if (strcmp(kind, "workday") == 0)
			entry->working = 1;
		else
			die_at(path, record->line, _("invalid kind '%s': expected holiday or workday"),
			    kind);
		lines[calendar->nentries++] = record->line;
	}
	csv_reader_close(reader);

	/* A calendar lists a few dozen dates a year, so a quadratic search
	   for a date listed twice is cheap, and it keeps both lines. */
	for (i = 0; i < calendar->nentries; i++) {
		size_t j;

		for (j = i + 1; j < calendar->nentries; j++)
			if (calendar->entries[j].day ==
			    calendar->entries[i].day) {
				char text[DATE_BUFSIZE];

				die_at(path, lines[j], _("date '%s' is listed twice, first on line %ld"),
				    date_format(calendar->entries[i].day, text),
				    lines[i]);
			}
	}
	free(lines);
	qsort(calendar->entries, calendar->nentries,
	    sizeof(*calendar->entries), compare_entries);

	calendar->years = xcalloc(calendar->nentries + 1,
	    sizeof(*calendar->years));
	for (i = 0; i < calendar->nentries; i++) {
		int year = date_year(calendar->entries[i].day);

		if (calendar->nyears == 0 ||
		    calendar->years[calendar->nyears - 1] != year)
			calendar->years[calendar->nyears++] = year;
	}
	return calendar;
}

void
workday_calendar_free(struct workday_calendar *calendar)
{
	if (calendar == NULL)
		return;
	free(calendar->entries);
	free(calendar->years);
	free(calendar);
}

int
workday_is_working(const struct workday_calendar *calendar, int32_t day)
{
	struct workday_entry key, *entry;
	/* 1970-01-01 was a Thursday: weekday 0 is Sunday. */
	int weekday = (int)(((day + 4) % 7 + 7) % 7);

	key.day = day;
	entry = calendar->nentries == 0 ? NULL : bsearch(&key,
	    calendar->entries, calendar->nentries, sizeof(key),
	    compare_entries);
	if (entry != NULL)
		return entry->working;
	return weekday != 0 && weekday != 6;
}

int
workday_last(const struct workday_calendar *calendar, int32_t start,
    int count, int32_t *last, int *missing_year)
{
	int32_t day = start;

	if (count < 1) {
		*last = start - 1;
		return 0;
	}
	for (;;) {
		int year = date_year(day);

		if (bsearch(&year, calendar->years, calendar->nyears,
		    sizeof(year), compare_years) == NULL) {
			*missing_year = year;
			return -1;
		}
		if (workday_is_working(calendar, day) && --count == 0)
			break;
		day++;
	}
	*last = day;
	return 0;
}
