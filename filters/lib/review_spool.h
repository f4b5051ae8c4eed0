/*
 * A spool of texts kept on disk in lanes, for pfe-review: the reasons of
 * a grant are written when the grant is decided, in enterprise order,
 * and read back per item in the same order when decisions.csv is
 * written. Memory then contains a buffer per lane, not the texts.
 */
#ifndef PFE_REVIEW_SPOOL_H
#define PFE_REVIEW_SPOOL_H

#include <stddef.h>

struct review_spool;

/* Create a spool of NLANES lanes in an unlinked temporary file under
   $TMPDIR (default /tmp). Dies when it cannot be created. */
struct review_spool *review_spool_new(size_t nlanes);

/* Append TEXT to LANE. Dies on a write error (a full disk). */
void review_spool_put(struct review_spool *spool, size_t lane,
    const char *text);

/*
 * Return the next text of LANE, in the order it was put, or NULL when
 * the lane has no more. The text is valid until the next call for the
 * same lane. The first call of any lane ends writing.
 */
const char *review_spool_next(struct review_spool *spool, size_t lane);

void review_spool_free(struct review_spool *spool);

#endif
