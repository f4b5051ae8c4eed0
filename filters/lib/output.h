/*
 * Atomic output files: write to a temporary file in the target's folder,
 * then rename it over the target, so a failed run never leaves a
 * half-written file. A fatal error (die) removes every pending temporary.
 */
#ifndef PFE_OUTPUT_H
#define PFE_OUTPUT_H

#include <stdio.h>
#include <sys/types.h>

struct output;

/*
 * Open PATH for atomic writing with permission bits MODE (before umask is
 * applied: 0644 for data files, 0600 for personal data). PATH NULL or
 * "-" writes to stdout directly. Dies when the folder is not writable.
 */
struct output *output_open(const char *path, mode_t mode);

/* Return the stream to write to. */
FILE *output_stream(struct output *out);

/* Return the name to use in messages ("standard output" for stdout). */
const char *output_name(const struct output *out);

/*
 * Flush, check for write errors, sync and rename into place. Dies on any
 * error (for example a full disk) after removing the temporary file.
 * Frees OUT.
 */
void output_commit(struct output *out);

/*
 * Flush every pending output and die, removing them all, if a write
 * failed. A program with several outputs calls this before committing
 * the first, so that a full disk puts none of them in place.
 */
void output_flush_all(void);

/* Remove the temporary file without touching the target. Frees OUT. */
void output_discard(struct output *out);

/* Remove every temporary file still open; die() calls this. */
void output_discard_all(void);

/* Flush and close stdout, dying if a write failed (full disk, closed
   pipe). Call once before a successful exit. */
void output_close_stdout(void);

/*
 * Replace PATH atomically with the LEN bytes at DATA (same rules as
 * output_open).
 */
void output_write_file(const char *path, mode_t mode, const void *data,
    size_t len);

#endif
