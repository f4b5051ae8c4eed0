/*
 * CSV reading and writing on libcsv, RFC 4180 in strict mode, with UTF-8
 * checked, a leading byte-order mark skipped, GB18030 input detected (and
 * converted through iconv when asked), and the line where each record
 * starts tracked for messages and rejects.
 */
#ifndef PFE_CSVIO_H
#define PFE_CSVIO_H

#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

enum csv_encoding {
	CSV_ENCODING_UTF8,	/* UTF-8, optional byte-order mark */
	CSV_ENCODING_GB18030	/* GB18030 (and so GBK), converted to UTF-8 */
};

/* One record; valid until the next csv_reader_next call. */
struct csv_record {
	size_t nfields;		/* number of fields */
	char **fields;		/* NUL-terminated UTF-8 fields */
	size_t *lengths;	/* byte length of each field */
	long line;		/* line where the record starts, header is 1 */
};

struct csv_reader;

/*
 * Open PATH ("-" or NULL for stdin) for reading. NAME is the file name
 * used in messages (NULL: PATH, or "standard input"). Dies when the file
 * cannot be opened.
 */
struct csv_reader *csv_reader_open(const char *path, const char *name,
    enum csv_encoding encoding);

/* Open over an already open stream; the reader does not close it. */
struct csv_reader *csv_reader_from_stream(FILE *stream, const char *name,
    enum csv_encoding encoding);

/*
 * Open over the LEN bytes at DATA, which must stay unchanged until the
 * reader is restarted or closed. Lines count from 1. NAME is the file
 * name used in messages.
 */
struct csv_reader *csv_reader_from_memory(const char *data, size_t len,
    const char *name, enum csv_encoding encoding);

/*
 * Make a reader from csv_reader_from_memory read the LEN bytes at DATA
 * next: bytes of the file from byte OFFSET on, where line LINE starts.
 * Records not yet returned are dropped. Cheaper than a new reader when
 * reading many short pieces of one file.
 */
void csv_reader_restart(struct csv_reader *reader, const char *data,
    size_t len, uint64_t offset, long line);

/*
 * Read the next record into *RECORD. Returns 1 for a record, 0 at the end
 * of the input. A malformed file (stray quote, invalid UTF-8, GB18030
 * input without the option, NUL byte) is fatal: the message names the
 * file and line, and the program exits 2. A blank line is skipped.
 */
int csv_reader_next(struct csv_reader *reader, struct csv_record **record);

/*
 * Continue reading at byte OFFSET of the file, where a record starts on
 * line LINE (as csv_reader_offset and the record's line gave them
 * earlier). Dies when the input cannot seek (a pipe).
 */
void csv_reader_seek(struct csv_reader *reader, uint64_t offset, long line);

/*
 * Say whether the program offers "--encoding gb18030" for its CSV input
 * (the default), so the message for a GB18030 file suggests it, or only
 * iconv (OFFERED 0).
 */
void csv_set_encoding_option(int offered);

/* Return the name used in messages. */
const char *csv_reader_name(const struct csv_reader *reader);

/* Return the number of bytes of input consumed so far. */
uint64_t csv_reader_offset(const struct csv_reader *reader);

/* Close and free the reader (and its file, unless from a stream). */
void csv_reader_close(struct csv_reader *reader);

/*
 * Return the index of the column named NAME in HEADER, or -1 when there
 * is none.
 */
long csv_column(const struct csv_record *header, const char *name);

/* Return a newly allocated copy of RECORD (free with csv_record_free). */
struct csv_record *csv_record_copy(const struct csv_record *record);
void csv_record_free(struct csv_record *record);

/* Flags for the writer. */
enum csv_write_flags {
	CSV_WRITE_DATA = 0,	/* file between filters */
	CSV_WRITE_PEOPLE = 1	/* file for people: guard formula starts */
};

/* Write one field, quoted when needed, guarded when FLAGS ask for it. */
void csv_write_field(FILE *out, const char *field, size_t len, int flags);

/* Write a whole record of N NUL-terminated fields (NULL is written as
   an empty field), then "\n". */
void csv_write_row(FILE *out, int flags, size_t n, const char *const *fields);

/* CSV text built in memory, for threads that prepare output which
   another thread writes. Start from all zeros; free data when done. */
struct csv_text {
	char *data;
	size_t len;
	size_t cap;
};

/* Append a record to TEXT as csv_write_row writes it. */
void csv_text_add_row(struct csv_text *text, int flags, size_t n,
    const char *const *fields);

/* Write RECORD's fields as one CSV record to a newly allocated string
   without the line end. */
char *csv_record_join(const struct csv_record *record);

/*
 * Remove the formula guard that CSV_WRITE_PEOPLE adds: a leading "'"
 * followed by one of = + - @ TAB CR LF. Modifies FIELD in place.
 */
void csv_unguard(char *field);

#endif
