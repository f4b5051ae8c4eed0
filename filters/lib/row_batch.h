/*
 * Batches of CSV rows evaluated by worker threads and handed back in the
 * order the rows were added, so that a filter's output does not depend
 * on the number of threads. The reading thread adds rows. A work
 * function runs on each full batch in some worker, and then a done
 * function runs on each batch in the reading thread, in order. Memory is
 * bounded by the number of batches in flight, never by the input.
 */
#ifndef PFE_ROW_BATCH_H
#define PFE_ROW_BATCH_H

#include <stddef.h>

#include "csvio.h"

/* A batch: copies of up to the pool's batch size of rows. */
struct row_batch {
	size_t nrows;
	struct csv_record *rows;	/* copies, valid until done returns */
	void *user;			/* the caller's, kept across reuse of
					   the batch; NULL at first */
	/* Private to row_batch.c. */
	char *bytes;			/* the fields, NUL-terminated */
	size_t nbytes, bytes_cap;
	size_t *offsets;		/* each field's start in bytes */
	char **fields;			/* each field, once sealed */
	size_t *lengths;		/* each field's length */
	size_t nfields, fields_cap;
	size_t *first_field;		/* each row's first field */
	size_t rows_cap;
	int state;
};

/* Evaluate BATCH with a worker's STATE (one per worker, never shared). */
typedef void row_batch_work_fn(void *state, struct row_batch *batch);

/* Consume BATCH in the reading thread; ARG is the pool's done_arg. */
typedef void row_batch_done_fn(void *arg, struct row_batch *batch);

struct row_batch_pool;

/*
 * Create a pool of JOBS worker threads (0: evaluate in the calling thread
 * at each full batch), with STATES[i] the state of worker i (STATES[0]
 * alone when JOBS is 0; the array is copied), and batches of BATCH_ROWS
 * rows.
 */
struct row_batch_pool *row_batch_pool_new(unsigned jobs, size_t batch_rows,
    void **states, row_batch_work_fn *work, row_batch_done_fn *done,
    void *done_arg);

/* Copy ROW into the current batch; a full batch goes to the workers. */
void row_batch_add(struct row_batch_pool *pool, const struct csv_record *row);

/* Evaluate and consume every batch still pending; the pool stays usable. */
void row_batch_flush(struct row_batch_pool *pool);

/* Flush, stop the workers and free the pool; FREE_USER frees each batch's
   user data (may be NULL). */
void row_batch_pool_free(struct row_batch_pool *pool,
    void (*free_user)(void *));

/* Return the number of online processors, at least 1. */
unsigned row_batch_processors(void);

#endif
