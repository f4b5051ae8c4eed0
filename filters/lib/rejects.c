/* The rejects file: file, line, kind, reason, record (rejects.csv.md). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "output.h"
#include "pfe.h"
#include "rejects.h"

struct rejects {
	struct output *out;	/* NULL: reasons go to stderr only */
	unsigned long count;
	unsigned long duplicates;
	int quiet;
};

struct rejects *
rejects_open(const char *path)
{
	struct rejects *r = xcalloc(1, sizeof(*r));
	static const char *const header[] = {
		"file", "line", "kind", "reason", "record"
	};

	if (path != NULL) {
		r->out = output_open(path, 0644);
		csv_write_row(output_stream(r->out), CSV_WRITE_DATA, 5,
		    header);
	}
	return r;
}

const char *
rejects_file_name(const char *name)
{
	return strcmp(name, _("standard input")) == 0 ? "-" : name;
}

/* Write one row, or warn on stderr when there is no rejects file. */
static void
write_reject(struct rejects *r, const char *file,
    const struct csv_record *record, const char *kind, const char *reason)
{
	char line[32];
	char *text = csv_record_join(record);
	const char *fields[5];

	if (r->out == NULL) {
		if (!r->quiet)
			warn_at(file, record->line, "%s", reason);
		free(text);
		return;
	}
	snprintf(line, sizeof(line), "%ld", record->line);
	fields[0] = rejects_file_name(file);
	fields[1] = line;
	fields[2] = kind;
	fields[3] = reason;
	fields[4] = text;
	csv_write_row(output_stream(r->out), CSV_WRITE_DATA, 5, fields);
	free(text);
}

void
rejects_add(struct rejects *r, const char *file,
    const struct csv_record *record, const char *reason_fmt, ...)
{
	va_list ap;
	char *reason;

	va_start(ap, reason_fmt);
	if (vasprintf(&reason, reason_fmt, ap) < 0)
		die(_("out of memory"));
	va_end(ap);
	write_reject(r, file, record, "reject", reason);
	free(reason);
	r->count++;
}

void
rejects_duplicate(struct rejects *r, const char *file,
    const struct csv_record *record, long first_line)
{
	char *reason = xasprintf("与第%ld行重复", first_line);

	write_reject(r, file, record, "duplicate", reason);
	free(reason);
	r->duplicates++;
}

unsigned long
rejects_count(const struct rejects *r)
{
	return r->count;
}

unsigned long
rejects_duplicates(const struct rejects *r)
{
	return r->duplicates;
}

void
rejects_set_quiet(struct rejects *r, int quiet)
{
	r->quiet = quiet;
}

void
rejects_close(struct rejects *r)
{
	if (r == NULL)
		return;
	if (r->out != NULL)
		output_commit(r->out);
	free(r);
}
