/* Checked streaming of portraits.csv rows (see portrait_stream.h). */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pfe.h"
#include "portrait_stream.h"
#include "uscc.h"

struct portrait_stream {
	const struct division_table *divisions;
	const struct uscc_allow *allow;
	struct rejects *rejects;
	int quiet;
	struct portrait_stream_handler handler;
	struct csv_record *header;	/* first file's header */
	char *header_file;
	long uscc_column;
	/* The last accepted row, for the order and duplicate checks. */
	char *last_record;		/* its fields joined as CSV */
	char *last_file;
	long last_line;
	char last_uscc[USCC_LEN + 1];
	unsigned long rows;
	unsigned long accepted;
};

struct portrait_stream *
portrait_stream_new(const struct division_table *divisions,
    const struct uscc_allow *allow, struct rejects *rejects, int quiet,
    const struct portrait_stream_handler *handler)
{
	struct portrait_stream *stream = xcalloc(1, sizeof(*stream));

	stream->divisions = divisions;
	stream->allow = allow;
	stream->rejects = rejects;
	stream->quiet = quiet;
	stream->handler = *handler;
	stream->uscc_column = -1;
	return stream;
}

void
portrait_stream_free(struct portrait_stream *stream)
{
	if (stream == NULL)
		return;
	csv_record_free(stream->header);
	free(stream->header_file);
	free(stream->last_record);
	free(stream->last_file);
	free(stream);
}

unsigned long
portrait_stream_rows(const struct portrait_stream *stream)
{
	return stream->rows;
}

unsigned long
portrait_stream_accepted(const struct portrait_stream *stream)
{
	return stream->accepted;
}

static int
same_header(const struct csv_record *a, const struct csv_record *b)
{
	if (a->nfields != b->nfields)
		return 0;
	for (size_t i = 0; i < a->nfields; i++)
		if (strcmp(a->fields[i], b->fields[i]) != 0)
			return 0;
	return 1;
}

/* Take HEADER of FILE as the run's header, or check that it equals it. */
static void
stream_header(struct portrait_stream *stream, const char *file,
    const struct csv_record *header)
{
	if (stream->header != NULL) {
		if (!same_header(header, stream->header))
			die_at(file, header->line, _("header differs from the "
			    "header of '%s': portraits of one run share one "
			    "header"), stream->header_file);
		return;
	}
	stream->uscc_column = csv_column(header, "uscc");
	if (stream->uscc_column < 0)
		die_at(file, header->line, _("missing column 'uscc' in the "
		    "header"));
	stream->header = csv_record_copy(header);
	stream->header_file = xstrdup(file);
	stream->handler.header(stream->handler.data, file, header);
}

/* Return 1 when CODE is a valid USCC or an allowed one. Otherwise record
   ROW as a reject and return 0. */
static int
stream_check_uscc(struct portrait_stream *stream, const char *file,
    const struct csv_record *row, const char *code)
{
	struct uscc_result result;
	char *text;

	uscc_validate(code, stream->divisions, &result);
	if (result.status == USCC_VALID)
		return 1;
	/* Codes issued before 2016 may fail the mod-31 check only. */
	if (result.status == USCC_BAD_CHECK &&
	    uscc_allow_has(stream->allow, code))
		return 1;
	if (!stream->quiet) {
		text = uscc_message(code, &result);
		warn_at(file, row->line, "%s", text);
		free(text);
	}
	text = uscc_reason(code, &result);
	rejects_add(stream->rejects, file, row, "%s", text);
	free(text);
	return 0;
}

/*
 * Return 1 when CODE sorts strictly after the last accepted row's code.
 * Otherwise record ROW (joined as JOINED) as a duplicate, when it repeats
 * the last accepted row of the same file exactly, or as a reject, and
 * return 0.
 */
static int
stream_check_order(struct portrait_stream *stream, const char *file,
    const struct csv_record *row, const char *code, const char *joined)
{
	int order;

	if (stream->last_record == NULL)
		return 1;
	order = strcmp(code, stream->last_uscc);
	if (order > 0)
		return 1;

	if (order == 0 && strcmp(joined, stream->last_record) == 0 &&
	    strcmp(file, stream->last_file) == 0) {
		if (!stream->quiet)
			warn_at(file, row->line, _("exact duplicate of line "
			    "%ld, skipped"), stream->last_line);
		rejects_duplicate(stream->rejects, file, row,
		    stream->last_line);
		return 0;
	}
	if (order == 0) {
		if (!stream->quiet)
			warn_at(file, row->line, _("unified social credit "
			    "code '%s' repeated with other values: first on "
			    "line %ld of '%s'"), code, stream->last_line,
			    stream->last_file);
		rejects_add(stream->rejects, file, row,
		    "统一社会信用代码'%s'重复且数据不同：首次出现在%s第%ld行",
		    code, stream->last_file, stream->last_line);
		return 0;
	}
	if (!stream->quiet)
		warn_at(file, row->line, _("portraits out of order: '%s' "
		    "sorts before '%s' on line %ld of '%s'; sort by unified "
		    "social credit code"), code, stream->last_uscc,
		    stream->last_line, stream->last_file);
	rejects_add(stream->rejects, file, row,
	    "未按统一社会信用代码排序：'%s'排在%s第%ld行的'%s'之前", code,
	    stream->last_file, stream->last_line, stream->last_uscc);
	return 0;
}

/* Make ROW (joined as JOINED, now owned by the stream) the last accepted
   row. */
static void
stream_remember(struct portrait_stream *stream, const char *file,
    const struct csv_record *row, const char *code, char *joined)
{
	free(stream->last_record);
	stream->last_record = joined;
	if (stream->last_file == NULL || strcmp(stream->last_file, file)) {
		free(stream->last_file);
		stream->last_file = xstrdup(file);
	}
	stream->last_line = row->line;
	/* The code passed the USCC check, so it is USCC_LEN bytes long. */
	memcpy(stream->last_uscc, code, USCC_LEN + 1);
}

/* Check one data ROW of FILE and pass it on when it is accepted. */
static void
stream_row(struct portrait_stream *stream, const char *file,
    const struct csv_record *row)
{
	const char *code;
	char *joined;

	stream->rows++;
	if (row->nfields != stream->header->nfields) {
		if (!stream->quiet)
			warn_at(file, row->line, _("wrong number of fields: "
			    "%zu, expected %zu"), row->nfields,
			    stream->header->nfields);
		rejects_add(stream->rejects, file, row,
		    "字段数为%zu，应为%zu", row->nfields,
		    stream->header->nfields);
		return;
	}
	code = row->fields[stream->uscc_column];
	if (!stream_check_uscc(stream, file, row, code))
		return;
	joined = csv_record_join(row);
	if (!stream_check_order(stream, file, row, code, joined)) {
		free(joined);
		return;
	}
	stream_remember(stream, file, row, code, joined);
	stream->accepted++;
	stream->handler.row(stream->handler.data, file, row, code);
}

void
portrait_stream_read(struct portrait_stream *stream, const char *path)
{
	struct csv_reader *reader;
	struct csv_record *record;
	const char *file;

	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	file = csv_reader_name(reader);
	if (!csv_reader_next(reader, &record))
		die_at(file, 0, _("missing header: the file is empty"));
	stream_header(stream, file, record);
	while (csv_reader_next(reader, &record))
		stream_row(stream, file, record);
	csv_reader_close(reader);
}
