/* The rejects file: every unusable input record with its reason. */
#ifndef PFE_REJECTS_H
#define PFE_REJECTS_H

#include "csvio.h"

struct rejects;

/* Open PATH (atomic, see output.h) and write the header. With PATH NULL
   the reasons are printed on stderr instead (unless quiet). */
struct rejects *rejects_open(const char *path);

/*
 * Record RECORD from FILE as rejected for REASON (Chinese, as written to
 * the file; printf format).
 */
void rejects_add(struct rejects *rejects, const char *file,
    const struct csv_record *record, const char *reason_fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Return the name a rejects file gives the input NAME: "-" for standard
 * input, else NAME. Messages name standard input in the user's language,
 * but a file must not change with the locale. Use it for file names
 * inside reasons too.
 */
const char *rejects_file_name(const char *name);

/* Record RECORD as an exact duplicate of the record at FIRST_LINE. */
void rejects_duplicate(struct rejects *rejects, const char *file,
    const struct csv_record *record, long first_line);

/* Number of rejects (duplicates not counted) and of duplicates. */
unsigned long rejects_count(const struct rejects *rejects);
unsigned long rejects_duplicates(const struct rejects *rejects);

/* Silence the warnings on stderr (-q). */
void rejects_set_quiet(struct rejects *rejects, int quiet);

/* Commit the file and free. */
void rejects_close(struct rejects *rejects);

#endif
