/*
 * Batches of CSV rows for worker threads, consumed in order. The batches
 * sit in a ring of slots, and batch number SEQ uses slot SEQ modulo the
 * ring size. So the reading thread runs at most a ring's size of batches
 * ahead of the oldest batch not yet consumed.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "pfe.h"
#include "row_batch.h"

enum batch_state {
	BATCH_FREE = 0,
	BATCH_FILLING,		/* the reading thread adds rows */
	BATCH_READY,		/* full, waiting for a worker */
	BATCH_BUSY,		/* a worker evaluates it */
	BATCH_DONE		/* evaluated, waiting to be consumed */
};

/* The argument of one worker thread: its pool and its own state. */
struct worker_arg {
	struct row_batch_pool *pool;
	void *state;
};

struct row_batch_pool {
	unsigned jobs;
	size_t batch_rows;
	void **states;
	row_batch_work_fn *work;
	row_batch_done_fn *done;
	void *done_arg;
	struct row_batch *slots;
	size_t nslots;
	struct row_batch *filling;	/* NULL between batches */
	unsigned long next_fill;	/* number of the next batch filled */
	unsigned long next_take;	/* the next batch a worker takes */
	unsigned long next_done;	/* the next batch consumed */
	int stopping;
	pthread_mutex_t lock;
	pthread_cond_t ready;		/* a batch is READY, or stopping */
	pthread_cond_t finished;	/* a batch is DONE */
	pthread_t *threads;
	struct worker_arg *thread_args;	/* per thread */
};

static struct row_batch *
slot(struct row_batch_pool *pool, unsigned long seq)
{
	return &pool->slots[seq % pool->nslots];
}

static void *
worker_main(void *argument)
{
	struct worker_arg *arg = argument;
	struct row_batch_pool *pool = arg->pool;

	pthread_mutex_lock(&pool->lock);
	for (;;) {
		struct row_batch *batch = slot(pool, pool->next_take);

		if (pool->next_take < pool->next_fill &&
		    batch->state == BATCH_READY) {
			batch->state = BATCH_BUSY;
			pool->next_take++;
			pthread_mutex_unlock(&pool->lock);
			pool->work(arg->state, batch);
			pthread_mutex_lock(&pool->lock);
			batch->state = BATCH_DONE;
			pthread_cond_broadcast(&pool->finished);
			continue;
		}
		if (pool->stopping)
			break;
		pthread_cond_wait(&pool->ready, &pool->lock);
	}
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

struct row_batch_pool *
row_batch_pool_new(unsigned jobs, size_t batch_rows, void **states,
    row_batch_work_fn *work, row_batch_done_fn *done, void *done_arg)
{
	struct row_batch_pool *pool = xcalloc(1, sizeof(*pool));
	unsigned i;

	pool->jobs = jobs;
	pool->batch_rows = batch_rows > 0 ? batch_rows : 1;
	pool->states = xcalloc(jobs > 0 ? jobs : 1, sizeof(*pool->states));
	memcpy(pool->states, states, (jobs > 0 ? jobs : 1) *
	    sizeof(*pool->states));
	pool->work = work;
	pool->done = done;
	pool->done_arg = done_arg;
	/* Two batches per worker keep every worker busy while the reading
	   thread fills and consumes the others. */
	pool->nslots = jobs > 0 ? 2 * (size_t)jobs + 2 : 1;
	pool->slots = xcalloc(pool->nslots, sizeof(*pool->slots));
	if (jobs == 0)
		return pool;

	pthread_mutex_init(&pool->lock, NULL);
	pthread_cond_init(&pool->ready, NULL);
	pthread_cond_init(&pool->finished, NULL);
	pool->threads = xcalloc(jobs, sizeof(*pool->threads));
	pool->thread_args = xcalloc(jobs, sizeof(*pool->thread_args));
	for (i = 0; i < jobs; i++) {
		struct worker_arg *arg = &pool->thread_args[i];
		int error;

		arg->pool = pool;
		arg->state = pool->states[i];
		error = pthread_create(&pool->threads[i], NULL, worker_main,
		    arg);
		if (error != 0)
			die(_("cannot start a worker thread: %s"),
			    strerror(error));
	}
	return pool;
}

/* Consume the oldest batch once a worker is done with it. */
static void
consume_next(struct row_batch_pool *pool)
{
	struct row_batch *batch = slot(pool, pool->next_done);

	pthread_mutex_lock(&pool->lock);
	while (batch->state != BATCH_DONE)
		pthread_cond_wait(&pool->finished, &pool->lock);
	pthread_mutex_unlock(&pool->lock);

	pool->done(pool->done_arg, batch);

	pthread_mutex_lock(&pool->lock);
	batch->state = BATCH_FREE;
	pool->next_done++;
	pthread_mutex_unlock(&pool->lock);
}

/* Start the next batch in its slot, consuming batches until it is free. */
static struct row_batch *
start_batch(struct row_batch_pool *pool)
{
	struct row_batch *batch = slot(pool, pool->next_fill);

	while (pool->jobs > 0 && pool->next_done + pool->nslots <=
	    pool->next_fill)
		consume_next(pool);
	batch->nrows = 0;
	batch->nbytes = 0;
	batch->nfields = 0;
	if (pool->jobs > 0)
		pthread_mutex_lock(&pool->lock);
	batch->state = BATCH_FILLING;
	if (pool->jobs > 0)
		pthread_mutex_unlock(&pool->lock);
	return batch;
}

/* Point each row's fields into the batch's bytes, which no longer move. */
static void
seal_rows(struct row_batch *batch)
{
	size_t i;

	for (i = 0; i < batch->nfields; i++)
		batch->fields[i] = batch->bytes + batch->offsets[i];
	for (i = 0; i < batch->nrows; i++) {
		batch->rows[i].fields = batch->fields + batch->first_field[i];
		batch->rows[i].lengths = batch->lengths +
		    batch->first_field[i];
	}
}

/* Hand the filling batch to a worker, or evaluate it here without one. */
static void
submit(struct row_batch_pool *pool)
{
	struct row_batch *batch = pool->filling;

	pool->filling = NULL;
	seal_rows(batch);
	if (pool->jobs == 0) {
		pool->next_fill++;
		pool->work(pool->states[0], batch);
		pool->done(pool->done_arg, batch);
		batch->state = BATCH_FREE;
		pool->next_done++;
		return;
	}
	pthread_mutex_lock(&pool->lock);
	pool->next_fill++;
	batch->state = BATCH_READY;
	pthread_cond_signal(&pool->ready);
	pthread_mutex_unlock(&pool->lock);
}

void
row_batch_add(struct row_batch_pool *pool, const struct csv_record *row)
{
	struct row_batch *batch;
	size_t i, need = 0;

	if (pool->filling == NULL)
		pool->filling = start_batch(pool);
	batch = pool->filling;

	if (batch->nrows == batch->rows_cap) {
		batch->rows_cap = batch->rows_cap ? batch->rows_cap * 2 : 64;
		batch->rows = xreallocarray(batch->rows, batch->rows_cap,
		    sizeof(*batch->rows));
		batch->first_field = xreallocarray(batch->first_field,
		    batch->rows_cap, sizeof(*batch->first_field));
	}
	if (batch->nfields + row->nfields > batch->fields_cap) {
		while (batch->nfields + row->nfields > batch->fields_cap)
			batch->fields_cap = batch->fields_cap ?
			    batch->fields_cap * 2 : 1024;
		batch->offsets = xreallocarray(batch->offsets,
		    batch->fields_cap, sizeof(*batch->offsets));
		batch->fields = xreallocarray(batch->fields,
		    batch->fields_cap, sizeof(*batch->fields));
		batch->lengths = xreallocarray(batch->lengths,
		    batch->fields_cap, sizeof(*batch->lengths));
	}
	for (i = 0; i < row->nfields; i++)
		need += row->lengths[i] + 1;
	if (batch->nbytes + need > batch->bytes_cap) {
		while (batch->nbytes + need > batch->bytes_cap)
			batch->bytes_cap = batch->bytes_cap ?
			    batch->bytes_cap * 2 : 65536;
		batch->bytes = xrealloc(batch->bytes, batch->bytes_cap);
	}

	batch->rows[batch->nrows].nfields = row->nfields;
	batch->rows[batch->nrows].line = row->line;
	batch->first_field[batch->nrows] = batch->nfields;
	batch->nrows++;
	for (i = 0; i < row->nfields; i++) {
		batch->offsets[batch->nfields] = batch->nbytes;
		batch->lengths[batch->nfields] = row->lengths[i];
		batch->nfields++;
		memcpy(batch->bytes + batch->nbytes, row->fields[i],
		    row->lengths[i]);
		batch->nbytes += row->lengths[i];
		batch->bytes[batch->nbytes++] = '\0';
	}
	if (batch->nrows == pool->batch_rows)
		submit(pool);
}

void
row_batch_flush(struct row_batch_pool *pool)
{
	if (pool->filling != NULL)
		submit(pool);
	while (pool->jobs > 0 && pool->next_done < pool->next_fill)
		consume_next(pool);
}

void
row_batch_pool_free(struct row_batch_pool *pool, void (*free_user)(void *))
{
	size_t i;

	if (pool == NULL)
		return;
	row_batch_flush(pool);
	if (pool->jobs > 0) {
		pthread_mutex_lock(&pool->lock);
		pool->stopping = 1;
		pthread_cond_broadcast(&pool->ready);
		pthread_mutex_unlock(&pool->lock);
		for (i = 0; i < pool->jobs; i++)
			pthread_join(pool->threads[i], NULL);
		pthread_mutex_destroy(&pool->lock);
		pthread_cond_destroy(&pool->ready);
		pthread_cond_destroy(&pool->finished);
	}
	for (i = 0; i < pool->nslots; i++) {
		struct row_batch *batch = &pool->slots[i];

		if (free_user != NULL && batch->user != NULL)
			free_user(batch->user);
		free(batch->rows);
		free(batch->first_field);
		free(batch->bytes);
		free(batch->offsets);
		free(batch->fields);
		free(batch->lengths);
	}
	free(pool->slots);
	free(pool->states);
	free(pool->threads);
	free(pool->thread_args);
	free(pool);
}

unsigned
row_batch_processors(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned)n : 1;
}
