/*
 * Match statistics (schemas/match-stats.csv.md): counts per run, per
 * policy item, per district and per industry section, kept in memory
 * proportional to the items and the distinct keys, never to enterprises.
 */
#ifndef PFE_MATCH_STATS_H
#define PFE_MATCH_STATS_H

#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

struct match_stats;

/* Create statistics for NITEMS items; set each with match_stats_item. */
struct match_stats *match_stats_new(size_t nitems);
void match_stats_free(struct match_stats *stats);

/*
 * Describe item INDEX: its id (copied), its validity period as day
 * numbers (VALID_UNTIL INT32_MAX: open), whether it is in force at the
 * as-of date, and its budget in fen (-1: none stated).
 */
void match_stats_item(struct match_stats *stats, size_t index,
    const char *id, int32_t valid_from, int32_t valid_until, int in_force,
    int64_t budget);

/* Count one portrait row that was not evaluated: a reject, or an exact
   duplicate when DUPLICATE is 1. */
void match_stats_reject(struct match_stats *stats, int duplicate);

/*
 * Count one eligible or near-miss pair of item INDEX. AWARD_KNOWN 0
 * means the estimated award is unknown; AWARD is in fen.
 */
void match_stats_pair(struct match_stats *stats, size_t index,
    int eligible, int award_known, int64_t award);

/*
 * Count one enterprise that was evaluated, in DISTRICT and industry
 * SECTION ("" when unknown), with ELIGIBLE eligible pairs and NEAR_MISS
 * near-miss pairs. Call after its match_stats_pair calls.
 */
void match_stats_enterprise(struct match_stats *stats, const char *district,
    const char *section, unsigned long eligible, unsigned long near_miss);

/* Return the number of enterprises counted by match_stats_enterprise. */
unsigned long match_stats_read(const struct match_stats *stats);

/*
 * Write the statistics as CSV (scope,key,measure,value) to OUT: the run,
 * then items in the order given, then districts and sections in byte
 * order of their keys.
 */
void match_stats_write(const struct match_stats *stats, FILE *out);

/*
 * Format NUM / DEN as a percentage with one decimal, rounded half up by
 * integer arithmetic ("66.7"), into BUF of SIZE bytes; "" when DEN is 0.
 * Returns BUF.
 */
char *match_stats_percent(uint64_t num, uint64_t den, char *buf,
    size_t size);

#endif
