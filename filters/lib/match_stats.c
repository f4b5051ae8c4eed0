/* Match statistics for pfe-match: counters and their CSV form. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "err.h"
#include "match_stats.h"
#include "money.h"

struct stats_item {
	char *id;
	int32_t valid_from;		/* day number */
	int32_t valid_until;		/* day number, INT32_MAX: open */
	int in_force;
	int64_t budget;			/* fen, or -1 */
	unsigned long eligible;		/* eligible pairs */
	unsigned long near_miss;	/* near-miss pairs */
	unsigned long award_unknown;	/* eligible pairs without an award */
	int64_t award;			/* sum of known awards of eligible
					   pairs, fen */
};

/* Counters of one district or industry section. */
struct stats_group {
	char *key;
	unsigned long enterprises;
	unsigned long enterprises_eligible;	/* with an eligible pair */
	unsigned long eligible;
	unsigned long near_miss;
};

/* Groups kept sorted by key, so lookups are binary searches. */
struct stats_table {
	struct stats_group *groups;
	size_t ngroups;
	size_t capacity;
};

struct match_stats {
	struct stats_item *items;
	size_t nitems;
	unsigned long read;			/* enterprises evaluated */
	unsigned long rejected;			/* portrait rows rejected */
	unsigned long duplicates;		/* exact duplicate rows */
	unsigned long enterprises_eligible;
	unsigned long eligible;
	unsigned long near_miss;
	int64_t award;				/* fen, eligible pairs */
	struct stats_table districts;
	struct stats_table sections;
};

struct match_stats *
match_stats_new(size_t nitems)
{
	struct match_stats *stats = xcalloc(1, sizeof(*stats));

	stats->items = xcalloc(nitems ? nitems : 1, sizeof(*stats->items));
	stats->nitems = nitems;
	return stats;
}

static void
stats_table_free(struct stats_table *table)
{
	for (size_t i = 0; i < table->ngroups; i++)
		free(table->groups[i].key);
	free(table->groups);
}

void
match_stats_free(struct match_stats *stats)
{
	if (stats == NULL)
		return;
	for (size_t i = 0; i < stats->nitems; i++)
		free(stats->items[i].id);
	free(stats->items);
	stats_table_free(&stats->districts);
	stats_table_free(&stats->sections);
	free(stats);
}

void
match_stats_item(struct match_stats *stats, size_t index, const char *id,
    int32_t valid_from, int32_t valid_until, int in_force, int64_t budget)
{
	struct stats_item *item = &stats->items[index];

	free(item->id);
	item->id = xstrdup(id);
	item->valid_from = valid_from;
	item->valid_until = valid_until;
	item->in_force = in_force;
	item->budget = budget;
}

void
match_stats_reject(struct match_stats *stats, int duplicate)
{
	if (duplicate)
		stats->duplicates++;
	else
		stats->rejected++;
}

void
match_stats_pair(struct match_stats *stats, size_t index, int eligible,
    int award_known, int64_t award)
{
	struct stats_item *item = &stats->items[index];

	if (!eligible) {
		item->near_miss++;
		stats->near_miss++;
		return;
	}
	item->eligible++;
	stats->eligible++;
	if (award_known) {
		item->award += award;
		stats->award += award;
	} else {
		item->award_unknown++;
	}
}

/*
 * Return the group of TABLE with KEY, inserting a zeroed one in key order
 * when there is none. Allocates only for a key not seen before.
 */
static struct stats_group *
stats_table_get(struct stats_table *table, const char *key)
{
	size_t low = 0, high = table->ngroups;

	while (low < high) {
		size_t middle = low + (high - low) / 2;
		int cmp = strcmp(key, table->groups[middle].key);

		if (cmp == 0)
			return &table->groups[middle];
		if (cmp < 0)
			high = middle;
		else
			low = middle + 1;
	}

	if (table->ngroups == table->capacity) {
		table->capacity = table->capacity ? 2 * table->capacity : 16;
		table->groups = xreallocarray(table->groups, table->capacity,
		    sizeof(*table->groups));
	}
	memmove(&table->groups[low + 1], &table->groups[low],
	    (table->ngroups - low) * sizeof(*table->groups));
	memset(&table->groups[low], 0, sizeof(*table->groups));
	table->groups[low].key = xstrdup(key);
	table->ngroups++;
	return &table->groups[low];
}

static void
stats_group_add(struct stats_group *group, unsigned long eligible,
    unsigned long near_miss)
{
	group->enterprises++;
	if (eligible > 0)
		group->enterprises_eligible++;
	group->eligible += eligible;
	group->near_miss += near_miss;
}

void
match_stats_enterprise(struct match_stats *stats, const char *district,
    const char *section, unsigned long eligible, unsigned long near_miss)
{
	stats->read++;
	if (eligible > 0)
		stats->enterprises_eligible++;
	stats_group_add(stats_table_get(&stats->districts, district),
	    eligible, near_miss);
	stats_group_add(stats_table_get(&stats->sections, section),
	    eligible, near_miss);
}

unsigned long
match_stats_read(const struct match_stats *stats)
{
	return stats->read;
}

char *
match_stats_percent(uint64_t num, uint64_t den, char *buf, size_t size)
{
	unsigned __int128 tenths;

	if (den == 0) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	/* Tenths of a percent, half up: (1000 * num + den / 2) / den, kept
	   exact for odd DEN by doubling both sides. */
	tenths = ((unsigned __int128)num * 2000 + den) / ((unsigned __int128)den
	    * 2);
	snprintf(buf, size, "%" PRIu64 ".%u", (uint64_t)(tenths / 10),
	    (unsigned)(tenths % 10));
	return buf;
}

static void
stats_write_row(FILE *out, const char *scope, const char *key,
    const char *measure, const char *value)
{
	const char *fields[4] = { scope, key, measure, value };

	csv_write_row(out, CSV_WRITE_DATA, 4, fields);
}

static void
stats_write_count(FILE *out, const char *scope, const char *key,
    const char *measure, unsigned long count)
{
	char value[32];

	snprintf(value, sizeof(value), "%lu", count);
	stats_write_row(out, scope, key, measure, value);
}

static void
stats_write_money(FILE *out, const char *scope, const char *key,
    const char *measure, int64_t fen)
{
	char value[MONEY_BUFSIZE];

	stats_write_row(out, scope, key, measure, money_format(fen, value));
}

static void
stats_write_percent(FILE *out, const char *scope, const char *key,
    const char *measure, uint64_t num, uint64_t den)
{
	char value[48];

	stats_write_row(out, scope, key, measure,
	    match_stats_percent(num, den, value, sizeof(value)));
}

static void
stats_write_groups(FILE *out, const char *scope,
    const struct stats_table *table)
{
	for (size_t i = 0; i < table->ngroups; i++) {
		const struct stats_group *group = &table->groups[i];

		stats_write_count(out, scope, group->key, "enterprises",
		    group->enterprises);
		stats_write_count(out, scope, group->key,
		    "enterprises_eligible", group->enterprises_eligible);
		stats_write_percent(out, scope, group->key,
		    "match_rate_percent", group->enterprises_eligible,
		    group->enterprises);
		stats_write_count(out, scope, group->key, "pairs_eligible",
		    group->eligible);
		stats_write_count(out, scope, group->key, "pairs_near_miss",
		    group->near_miss);
	}
}

void
match_stats_write(const struct match_stats *stats, FILE *out)
{
	char fraction[64];
	unsigned long in_force = 0;

	for (size_t i = 0; i < stats->nitems; i++)
		in_force += stats->items[i].in_force ? 1 : 0;

	fputs("scope,key,measure,value\n", out);
	stats_write_count(out, "run", "", "enterprises_read", stats->read);
	stats_write_count(out, "run", "", "rows_rejected", stats->rejected);
	stats_write_count(out, "run", "", "rows_duplicate", stats->duplicates);
	stats_write_count(out, "run", "", "enterprises_eligible",
	    stats->enterprises_eligible);
	snprintf(fraction, sizeof(fraction), "%lu/%lu",
	    stats->enterprises_eligible, stats->read);
	stats_write_row(out, "run", "", "match_rate", fraction);
	stats_write_percent(out, "run", "", "match_rate_percent",
	    stats->enterprises_eligible, stats->read);
	stats_write_count(out, "run", "", "pairs_eligible", stats->eligible);
	stats_write_count(out, "run", "", "pairs_near_miss",
	    stats->near_miss);
	stats_write_money(out, "run", "", "award_estimated", stats->award);
	stats_write_count(out, "run", "", "items", stats->nitems);
	stats_write_count(out, "run", "", "items_in_force", in_force);

	for (size_t i = 0; i < stats->nitems; i++) {
		const struct stats_item *item = &stats->items[i];
		char date[DATE_BUFSIZE];

		stats_write_count(out, "item", item->id, "in_force",
		    item->in_force ? 1 : 0);
		stats_write_row(out, "item", item->id, "valid_from",
		    date_format(item->valid_from, date));
		stats_write_row(out, "item", item->id, "valid_until",
		    item->valid_until == INT32_MAX ? "" :
		    date_format(item->valid_until, date));
		stats_write_count(out, "item", item->id, "pairs_eligible",
		    item->eligible);
		stats_write_count(out, "item", item->id, "pairs_near_miss",
		    item->near_miss);
		stats_write_money(out, "item", item->id, "award_estimated",
		    item->award);
		stats_write_count(out, "item", item->id, "award_unknown",
		    item->award_unknown);
		if (item->budget < 0) {
			stats_write_row(out, "item", item->id, "budget", "");
			stats_write_row(out, "item", item->id,
			    "budget_use_percent", "");
		} else {
			stats_write_money(out, "item", item->id, "budget",
			    item->budget);
			stats_write_percent(out, "item", item->id,
			    "budget_use_percent", (uint64_t)item->award,
			    (uint64_t)item->budget);
		}
	}

	stats_write_groups(out, "district", &stats->districts);
	stats_write_groups(out, "section", &stats->sections);
}
