/*
 * Texts spooled per lane: each lane fills a buffer that is written to
 * the shared temporary file as one chunk when it is full, and a lane is
 * read back chunk by chunk.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "pfe.h"
#include "review_spool.h"

/* Bytes a lane buffers before it writes a chunk. */
#define LANE_BUFSIZE 32768

/* A run of one lane's texts in the file. */
struct spool_chunk {
	off_t offset;
	size_t length;
};

struct spool_lane {
	char *buffer;		/* NULL until the lane is used */
	size_t size;		/* allocated */
	size_t length;		/* bytes in use (writing) or loaded
				   (reading) */
	size_t position;	/* reading: next text in BUFFER */
	struct spool_chunk *chunks;
	size_t nchunks;
	size_t next_chunk;	/* reading: next chunk to load */
};

struct review_spool {
	int fd;
	char *path;		/* for messages; the file is unlinked */
	off_t end;		/* bytes written */
	int reading;
	struct spool_lane *lanes;
	size_t nlanes;
};

struct review_spool *
review_spool_new(size_t nlanes)
{
	struct review_spool *spool = xcalloc(1, sizeof(*spool));
	const char *dir = getenv("TMPDIR");

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	spool->path = xasprintf("%s/pfe-review.XXXXXX", dir);
	spool->fd = mkstemp(spool->path);
	if (spool->fd < 0)
		die_errno(_("cannot create a temporary file in '%s'"), dir);
	/* Unlinked at once, the file goes away however the run ends. */
	unlink(spool->path);
	spool->lanes = xcalloc(nlanes + 1, sizeof(*spool->lanes));
	spool->nlanes = nlanes;
	return spool;
}

/* Write LANE's buffer to the file as its next chunk. */
static void
flush_lane(struct review_spool *spool, struct spool_lane *lane)
{
	size_t done = 0;

	if (lane->length == 0)
		return;
	while (done < lane->length) {
		ssize_t n = pwrite(spool->fd, lane->buffer + done,
		    lane->length - done, spool->end + (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die_errno(_("cannot write the temporary file '%s'"),
			    spool->path);
		done += (size_t)n;
	}
	lane->chunks = xreallocarray(lane->chunks, lane->nchunks + 1,
	    sizeof(*lane->chunks));
	lane->chunks[lane->nchunks].offset = spool->end;
	lane->chunks[lane->nchunks++].length = lane->length;
	spool->end += (off_t)lane->length;
	lane->length = 0;
}

void
review_spool_put(struct review_spool *spool, size_t lane_index,
    const char *text)
{
	struct spool_lane *lane = &spool->lanes[lane_index];
	size_t n = strlen(text) + 1;

	if (lane->length + n > lane->size)
		flush_lane(spool, lane);
	if (n > lane->size) {
		/* A text longer than a buffer gets a chunk of its own. */
		lane->size = n > LANE_BUFSIZE ? n : LANE_BUFSIZE;
		free(lane->buffer);
		lane->buffer = xmalloc(lane->size);
	}
	memcpy(lane->buffer + lane->length, text, n);
	lane->length += n;
}

/* Load LANE's next chunk into its buffer; return 0 when there is none. */
static int
load_chunk(struct review_spool *spool, struct spool_lane *lane)
{
	const struct spool_chunk *chunk;
	size_t done = 0;

	if (lane->next_chunk == lane->nchunks)
		return 0;
	chunk = &lane->chunks[lane->next_chunk++];
	while (done < chunk->length) {
		ssize_t n = pread(spool->fd, lane->buffer + done,
		    chunk->length - done, chunk->offset + (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die_errno(_("cannot read the temporary file '%s'"),
			    spool->path);
		done += (size_t)n;
	}
	lane->length = chunk->length;
	lane->position = 0;
	return 1;
}

const char *
review_spool_next(struct review_spool *spool, size_t lane_index)
{
	struct spool_lane *lane = &spool->lanes[lane_index];
	const char *text;
	size_t i;

	if (!spool->reading) {
		/* Every lane's last texts go to the file, so each lane is
		   read the same way, and each chunk fits its lane's buffer. */
		for (i = 0; i < spool->nlanes; i++) {
			flush_lane(spool, &spool->lanes[i]);
			spool->lanes[i].position = 0;
		}
		spool->reading = 1;
	}
	if (lane->position == lane->length && !load_chunk(spool, lane))
		return NULL;
	text = lane->buffer + lane->position;
	lane->position += strlen(text) + 1;
	return text;
}

void
review_spool_free(struct review_spool *spool)
{
	size_t i;

	if (spool == NULL)
		return;
	for (i = 0; i < spool->nlanes; i++) {
		free(spool->lanes[i].buffer);
		free(spool->lanes[i].chunks);
	}
	free(spool->lanes);
	close(spool->fd);
	free(spool->path);
	free(spool);
}
