/*
 * Reading portraits.csv as a stream for filters that evaluate each
 * enterprise on its own: one header shared by every file of a run, and
 * each row checked (field count, USCC, USCC order, duplicates) before it
 * reaches the caller. Rows that fail a check go to the rejects file.
 */
#ifndef PFE_PORTRAIT_STREAM_H
#define PFE_PORTRAIT_STREAM_H

#include "csvio.h"
#include "rejects.h"

struct division_table;
struct uscc_allow;

/* Callbacks of a stream, each given DATA unchanged. */
struct portrait_stream_handler {
	/* Called once, with the header of the first file read. */
	void (*header)(void *data, const char *file,
	    const struct csv_record *header);
	/* Called for each accepted row, in input order, with its USCC. */
	void (*row)(void *data, const char *file,
	    const struct csv_record *row, const char *uscc);
	void *data;
};

struct portrait_stream;

/*
 * Create a stream that checks codes against DIVISIONS, accepts the codes
 * on ALLOW (NULL: none) that fail only the mod-31 check, and records bad
 * rows in REJECTS. With QUIET 0 each bad row is also reported on stderr.
 * Every argument must outlive the stream.
 */
struct portrait_stream *portrait_stream_new(
    const struct division_table *divisions, const struct uscc_allow *allow,
    struct rejects *rejects, int quiet, const struct portrait_stream_handler
    *handler);
void portrait_stream_free(struct portrait_stream *stream);

/*
 * Read the portraits of PATH ("-": standard input). The first file's
 * header goes to the handler and must contain a "uscc" column; every
 * later file must have the same header. Dies (exit 2) on an empty file,
 * a missing column or a different header.
 */
void portrait_stream_read(struct portrait_stream *stream, const char *path);

/* Return the number of data rows read, accepted or not. */
unsigned long portrait_stream_rows(const struct portrait_stream *stream);

/* Return the number of rows accepted and passed to the handler. */
unsigned long portrait_stream_accepted(const struct portrait_stream *stream);

#endif
