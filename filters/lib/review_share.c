/*
 * Caps and budgets of pfe-review: highest-award groups, per-enterprise
 * caps and item budgets applied to one run's decisions, counting what
 * earlier runs granted in the same year, with every step traced.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "err.h"
#include "money.h"
#include "output.h"
#include "pfe.h"
#include "review.h"
#include "review_index.h"

void
review_reason(struct review_reasons *reasons, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		die(_("out of memory"));
	va_end(ap);
	reasons->texts = xreallocarray(reasons->texts, reasons->n + 1,
	    sizeof(*reasons->texts));
	reasons->texts[reasons->n++] = text;
}

void
review_reason_text(struct review_reasons *reasons, const char *prefix,
    const char *text)
{
	size_t n = strlen(prefix), m = strlen(text);
	char *joined = xmalloc(n + m + 1);

	memcpy(joined, prefix, n);
	memcpy(joined + n, text, m + 1);
	reasons->texts = xreallocarray(reasons->texts, reasons->n + 1,
	    sizeof(*reasons->texts));
	reasons->texts[reasons->n++] = joined;
}

char *
review_reasons_join(const struct review_reasons *reasons)
{
	static const char separator[] = "；";
	size_t i, len = 1, n, sep = sizeof(separator) - 1;
	char *joined, *p;

	for (i = 0; i < reasons->n; i++)
		len += strlen(reasons->texts[i]) + sep;
	joined = p = xmalloc(len);
	for (i = 0; i < reasons->n; i++) {
		if (i > 0) {
			memcpy(p, separator, sep);
			p += sep;
		}
		n = strlen(reasons->texts[i]);
		memcpy(p, reasons->texts[i], n);
		p += n;
	}
	*p = '\0';
	return joined;
}

char *
review_decision_id(const struct review_decision *d, int year)
{
	char year_text[16];
	size_t n, m, k;
	char *id;

	if (d->app != NULL)
		return xasprintf("A-%s", d->app->id);
	/* Built without printf, because every grant needs its id twice. */
	snprintf(year_text, sizeof(year_text), "%d", year);
	n = strlen(d->policy->id);
	m = strlen(year_text);
	k = strlen(d->uscc);
	id = xmalloc(2 + n + 1 + m + 1 + k + 1);
	memcpy(id, "G-", 2);
	memcpy(id + 2, d->policy->id, n);
	id[2 + n] = '-';
	memcpy(id + 3 + n, year_text, m);
	id[3 + n + m] = '-';
	memcpy(id + 4 + n + m, d->uscc, k + 1);
	return id;
}

char *
review_decision_held_reasons(const struct review_decision *d)
{
	const struct review_decision *best = d->outranked_by;
	char *joined = review_reasons_join(&d->reasons), *all;

	if (best == NULL)
		return joined;
	all = xasprintf("%s%s同一年度同组事项就高不重复：已按事项 %s（%s）核定奖励",
	    joined, joined[0] != '\0' ? "；" : "", best->policy->id,
	    best->policy->title);
	free(joined);
	return all;
}

struct review_trace {
	struct output *out;
	unsigned long step;
	int year;		/* of the run: grant ids */
};

struct review_trace *
review_trace_open(const char *path)
{
	static const char *const header[] = {
		"step", "decision", "item", "uscc", "rule", "before", "after",
		"remaining", "note"
	};
	struct review_trace *trace;

	if (path == NULL)
		return NULL;
	trace = xcalloc(1, sizeof(*trace));
	trace->out = output_open(path, 0644);
	csv_write_row(output_stream(trace->out), CSV_WRITE_DATA, 9, header);
	return trace;
}

void
review_trace_close(struct review_trace *trace)
{
	if (trace == NULL)
		return;
	output_commit(trace->out);
	free(trace);
}

/* Format FEN as yuan, or "" for a negative (absent) amount. */
static const char *
amount_cell(int64_t fen, char buf[MONEY_BUFSIZE])
{
	if (fen < 0) {
		buf[0] = '\0';
		return buf;
	}
	return money_format(fen, buf);
}

/*
 * Write one trace row: the amount of decision D (NULL for an item-level
 * step of ITEM) going from BEFORE to AFTER under RULE, with the budget
 * REMAINING after it (-1: no budget) and a Chinese NOTE.
 */
static void
trace_step(struct review_trace *trace, const struct review_decision *d,
    const struct policy_item *item, const char *rule, int64_t before,
    int64_t after, int64_t remaining, const char *note_fmt, ...)
    __attribute__((format(printf, 8, 9)));

static void
trace_step(struct review_trace *trace, const struct review_decision *d,
    const struct policy_item *item, const char *rule, int64_t before,
    int64_t after, int64_t remaining, const char *note_fmt, ...)
{
	char step[32], b1[MONEY_BUFSIZE], b2[MONEY_BUFSIZE], b3[MONEY_BUFSIZE];
	const char *fields[9];
	va_list ap;
	char *note, *id;

	if (trace == NULL)
		return;
	va_start(ap, note_fmt);
	if (vasprintf(&note, note_fmt, ap) < 0)
		die(_("out of memory"));
	va_end(ap);
	snprintf(step, sizeof(step), "%lu", ++trace->step);
	fields[0] = step;
	id = d != NULL ? review_decision_id(d, trace->year) : xstrdup("");
	fields[1] = id;
	fields[2] = item->id;
	fields[3] = d != NULL ? d->uscc : "";
	fields[4] = rule;
	fields[5] = amount_cell(before, b1);
	fields[6] = amount_cell(after, b2);
	fields[7] = amount_cell(remaining, b3);
	fields[8] = note;
	csv_write_row(output_stream(trace->out), CSV_WRITE_DATA, 9, fields);
	free(note);
	free(id);
}

/* Rank order: known rank first, higher first, then sharing order. */
static int
compare_rank(const void *a, const void *b)
{
	const struct review_decision *x = *(struct review_decision *const *)a;
	const struct review_decision *y = *(struct review_decision *const *)b;

	if (x->rank_known != y->rank_known)
		return x->rank_known ? -1 : 1;
	if (x->rank_known && x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void
decline(struct review_decision *d)
{
	d->outcome = REVIEW_DECLINED;
	d->award = 0;
}

/* Make an approved decision wait: its award now depends on others. */
static void
hold(struct review_decision *d)
{
	d->outcome = REVIEW_PENDING;
	d->provisional = d->award;
	d->award = -1;
}

static int
live(const struct review_decision *d)
{
	return d->carried == NULL && d->outcome == REVIEW_APPROVED;
}

int64_t
review_granted(const struct review_state *state,
    const struct policy_set *set, int year, const char *uscc,
    const char *item_id, const char *group)
{
	int64_t sum = 0;
	size_t i;

	if (state == NULL)
		return 0;
	for (i = 0; i < review_state_count(state); i++) {
		const struct review_prior *p = review_state_nth(state, i);

		if (p->superseded || p->year != year ||
		    strcmp(p->outcome, "approved") != 0)
			continue;
		if (uscc != NULL && strcmp(p->uscc, uscc) != 0)
			continue;
		if (group != NULL) {
			const struct policy_item *item =
			    policy_find(set, p->item);

			if (item == NULL || item->group == NULL ||
			    strcmp(item->group, group) != 0)
				continue;
		} else if (strcmp(p->item, item_id) != 0)
			continue;
		sum += p->award;
	}
	return sum;
}

/* Sums of the awards the state folder granted in the year of a run, per
   enterprise and item, per enterprise and group, and per item, so that
   sharing looks a sum up instead of scanning the state folder. */
struct granted_sums {
	struct review_index index;	/* key -> entry of SUMS */
	int64_t *sums;		/* fen */
	size_t n;
};

/* Return a newly allocated key of the sum of KIND ("item", "group" or
   "budget") for A and B, or for A alone when B is NULL. */
static char *
sum_key(const char *kind, const char *a, const char *b)
{
	const char *parts[3];

	parts[0] = kind;
	parts[1] = a;
	parts[2] = b;
	return review_index_key(b != NULL ? 3 : 2, parts);
}

static void
add_sum(struct granted_sums *g, char *key, int64_t fen)
{
	size_t *slot;
	int found;

	slot = review_index_put(&g->index, key, g->n, &found);
	if (!found) {
		g->sums = xreallocarray(g->sums, g->n + 1, sizeof(*g->sums));
		g->sums[g->n++] = 0;
	}
	g->sums[*slot] += fen;
	free(key);
}

/* Sum the awards of STATE in YEAR as review_granted does. */
static void
granted_sums_build(struct granted_sums *g, const struct review_state *state,
    const struct policy_set *set, int year)
{
	size_t i;

	memset(g, 0, sizeof(*g));
	for (i = 0; i < review_state_count(state); i++) {
		const struct review_prior *p = review_state_nth(state, i);
		const struct policy_item *item;

		if (p->superseded || p->year != year ||
		    strcmp(p->outcome, "approved") != 0)
			continue;
		add_sum(g, sum_key("item", p->uscc, p->item), p->award);
		add_sum(g, sum_key("budget", p->item, NULL), p->award);
		item = policy_find(set, p->item);
		if (item != NULL && item->group != NULL)
			add_sum(g, sum_key("group", p->uscc, item->group),
			    p->award);
	}
}

/* Return the sum of KIND over A and B (NULL for a budget), 0 when the
   state folder granted nothing there. */
static int64_t
granted_sum(const struct granted_sums *g, const char *kind, const char *a,
    const char *b)
{
	char *key = sum_key(kind, a, b);
	const size_t *slot = review_index_get(&g->index, key);

	free(key);
	return slot != NULL ? g->sums[*slot] : 0;
}

static void
granted_sums_free(struct granted_sums *g)
{
	review_index_free(&g->index);
	free(g->sums);
}

/*
 * Highest-award groups: of one enterprise's approved decisions in a group
 * this run, only the highest (earliest on a tie) stays, reduced by what
 * earlier runs of the year already granted in the group.
 * NOTE: groups are settled before budgets, so when the budget then cuts
 * the highest award, the enterprise does not fall back to the next one.
 */
#define NO_GROUP ((size_t)-1)

/* Group order: group, enterprise, then sharing order. */
static int
compare_group_members(const void *a, const void *b)
{
	const struct review_decision *x = *(struct review_decision *const *)a;
	const struct review_decision *y = *(struct review_decision *const *)b;
	int c = strcmp(x->policy->group, y->policy->group);

	if (c == 0)
		c = strcmp(x->uscc, y->uscc);
	if (c == 0)
		c = x->order < y->order ? -1 : x->order > y->order;
	return c;
}

/* Return 1 when decisions A and B are of one enterprise's group. */
static int
same_group(const struct review_decision *a, const struct review_decision *b)
{
	return strcmp(a->policy->group, b->policy->group) == 0 &&
	    strcmp(a->uscc, b->uscc) == 0;
}

static void
share_groups(struct review_decision **order, size_t n,
    const struct granted_sums *granted, struct review_trace *trace)
{
	char buf[MONEY_BUFSIZE], buf2[MONEY_BUFSIZE];
	struct review_decision **members = xcalloc(n + 1, sizeof(*members));
	size_t *starts = xcalloc(n + 1, sizeof(*starts));
	size_t i, p, m = 0;

	/* Sorting pointers, not keys, keeps the memory at two words per
	   decision. */
	for (i = 0; i < n; i++)
		if (live(order[i]) && order[i]->policy->group != NULL)
			members[m++] = order[i];
	if (m > 0)
		qsort(members, m, sizeof(*members), compare_group_members);
	/* The position in MEMBERS of each enterprise's group, at the
	   group's first decision in sharing order. */
	for (i = 0; i < n; i++)
		starts[i] = NO_GROUP;
	for (p = 0; p < m; p++)
		if (p == 0 || !same_group(members[p - 1], members[p]))
			starts[members[p]->order] = p;

	/* Each enterprise's group is settled once, when the walk reaches
	   its first decision. Settling one group changes no other. */
	for (i = 0; i < n; i++) {
		size_t first = starts[i];
		struct review_decision *best;
		const char *group;
		int64_t before, earlier;

		if (first == NO_GROUP)
			continue;
		best = members[first];
		group = best->policy->group;

		for (p = first + 1; p < m && same_group(members[p],
		    members[first]); p++)
			if (members[p]->award > best->award)
				best = members[p];
		for (p = first; p < m && same_group(members[p],
		    members[first]); p++) {
			struct review_decision *d = members[p];

			if (d == best)
				continue;
			trace_step(trace, d, d->policy, "group", d->award, 0,
			    -1, "同组事项 %s 就高不重复，按 %s 奖励", group,
			    best->policy->id);
			/* The reason is written from BEST with the
			   decision: many decisions are outranked. */
			d->outranked_by = best;
			decline(d);
		}

		earlier = granted_sum(granted, "group", best->uscc, group);
		if (earlier == 0)
			continue;
		before = best->award;
		money_format_human(earlier, buf);
		if (earlier >= before) {
			trace_step(trace, best, best->policy, "group", before,
			    0, -1, "同组事项本年度已获 %s", buf);
			review_reason(&best->reasons, "同一年度同组事项就高不重复："
			    "本年度已获同组奖励 %s，不低于本次核定金额", buf);
			decline(best);
			continue;
		}
		best->award = before - earlier;
		trace_step(trace, best, best->policy, "group", before,
		    best->award, -1, "同组事项本年度已获 %s，补足差额", buf);
		review_reason(&best->reasons, "同一年度同组事项就高不重复：本年度"
		    "已获同组奖励 %s，补足差额 %s", buf,
		    money_format_human(best->award, buf2));
	}
	free(members);
	free(starts);
}

/* Per-enterprise caps: what one enterprise receives from one item in a
   year, earlier runs included, in sharing order. */
static void
share_caps(struct review_decision **order, size_t n,
    const struct granted_sums *granted, struct review_trace *trace)
{
	char cap_text[MONEY_BUFSIZE], buf[MONEY_BUFSIZE];
	/* This run's awards so far per enterprise and item. */
	struct granted_sums this_run;
	size_t i;

	memset(&this_run, 0, sizeof(this_run));
	for (i = 0; i < n; i++) {
		struct review_decision *d = order[i];
		int64_t cap = d->policy->enterprise_cap, used, room, before;

		if (d->carried != NULL || cap < 0)
			continue;
		if (!live(d) && !(d->outcome == REVIEW_PENDING &&
		    d->provisional > 0))
			continue;
		used = granted_sum(granted, "item", d->uscc, d->policy->id) +
		    granted_sum(&this_run, "item", d->uscc, d->policy->id);
		room = cap > used ? cap - used : 0;
		/* A pending decision's reservation on a budget is capped
		   like the award it may become. */
		if (d->outcome == REVIEW_PENDING) {
			if (d->provisional > room)
				d->provisional = room;
			continue;
		}
		money_format_human(cap, cap_text);
		before = d->award;
		if (room == 0) {
			trace_step(trace, d, d->policy, "cap", before, 0, -1,
			    "单个企业年度上限 %s 已用完", cap_text);
			review_reason(&d->reasons, "本事项单个企业年度奖励上限 %s "
			    "已用完", cap_text);
			decline(d);
		} else if (before > room) {
			d->award = room;
			trace_step(trace, d, d->policy, "cap", before, room, -1,
			    "单个企业年度上限 %s，已获 %s", cap_text,
			    money_format_human(used, buf));
			review_reason(&d->reasons, "按本事项单个企业年度奖励上限 %s "
			    "核减为 %s", cap_text, money_format_human(room, buf));
		}
		if (live(d))
			add_sum(&this_run, sum_key("item", d->uscc,
			    d->policy->id), d->award);
	}
	granted_sums_free(&this_run);
}

/*
 * First come or by rank: walk ORDER, granting each approved decision in
 * full while the budget lasts. A pending decision reserves what it would
 * get, so a later one cannot take budget an earlier one may still need.
 * The first decision that no longer fits gets what is left.
 */
static void
share_in_order(struct review_decision **list, size_t n,
    const struct policy_item *item, int64_t remaining,
    struct review_trace *trace, const char *rule)
{
	char buf[MONEY_BUFSIZE];
	int64_t reserved = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		struct review_decision *d = list[i];
		int64_t free_budget = remaining - reserved, before = d->award;

		if (d->outcome == REVIEW_PENDING) {
			int64_t keep = d->provisional < free_budget ?
			    d->provisional : free_budget;

			if (keep > 0) {
				reserved += keep;
				trace_step(trace, d, item, "reserve", -1, keep,
				    remaining - reserved,
				    "为待审核申请预留预算");
			}
			continue;
		}
		if (before <= free_budget) {
			remaining -= before;
			trace_step(trace, d, item, rule, before, before,
			    remaining - reserved, "预算足额安排");
		} else if (reserved > 0) {
			trace_step(trace, d, item, rule, before, -1,
			    remaining - reserved,
			    "预算余额已为在先的待审核申请预留");
			review_reason(&d->reasons, "年度预算余额已为在先的待审核申请"
			    "预留，待其审核后确定");
			hold(d);
			reserved += d->provisional < remaining - reserved ?
			    d->provisional : remaining - reserved;
		} else if (free_budget > 0) {
			d->award = free_budget;
			remaining = 0;
			trace_step(trace, d, item, rule, before, d->award, 0,
			    "预算余额不足，按余额安排");
			review_reason(&d->reasons, "年度预算余额不足，按余额 %s 核定",
			    money_format_human(d->award, buf));
		} else {
			trace_step(trace, d, item, rule, before, 0, 0,
			    "年度预算已用完");
			review_reason(&d->reasons, "本事项年度预算已用完");
			decline(d);
		}
	}
}

/* Pro-rata remainder order: larger fraction first, then USCC, then id. */
struct fraction {
	struct review_decision *d;
	unsigned __int128 rest;	/* award * budget mod total */
	int year;		/* of the run: grant ids */
};

static int
compare_fraction(const void *a, const void *b)
{
	const struct fraction *x = a, *y = b;
	char *id_x, *id_y;
	int c;

	if (x->rest != y->rest)
		return x->rest > y->rest ? -1 : 1;
	c = strcmp(x->d->uscc, y->d->uscc);
	if (c != 0)
		return c;
	/* Rare: one enterprise's two decisions of an item. */
	id_x = review_decision_id(x->d, x->year);
	id_y = review_decision_id(y->d, y->year);
	c = strcmp(id_x, id_y);
	free(id_x);
	free(id_y);
	return c;
}

/*
 * Pro rata: when the claims exceed what is left, every award becomes
 * award * remaining / claims rounded down to the fen, and the fen left
 * over go as the item states. Waits while a claim of the batch is
 * pending, because each share depends on every claim.
 */
static void
share_pro_rata(struct review_decision **list, size_t n,
    const struct policy_item *item, int64_t remaining, int year,
    struct review_trace *trace)
{
	char b1[MONEY_BUFSIZE], b2[MONEY_BUFSIZE];
	struct fraction *fractions;
	int64_t claims = 0, granted = 0, leftover;
	size_t i, nlive = 0;
	int waiting = 0;

	for (i = 0; i < n; i++) {
		if (list[i]->outcome == REVIEW_PENDING) {
			waiting = 1;
			claims += list[i]->provisional;
		} else
			claims += list[i]->award;
	}
	if (claims <= remaining) {
		for (i = 0; i < n; i++)
			if (list[i]->outcome == REVIEW_APPROVED)
				trace_step(trace, list[i], item, "pro-rata",
				    list[i]->award, list[i]->award,
				    remaining - claims, "申请总额未超过预算，足额安排");
		return;
	}
	if (waiting) {
		for (i = 0; i < n; i++) {
			struct review_decision *d = list[i];

			if (d->outcome != REVIEW_APPROVED)
				continue;
			trace_step(trace, d, item, "pro-rata", d->award, -1,
			    remaining, "同批有待审核申请，按比例分配待其审核后进行");
			review_reason(&d->reasons, "申请总额超过年度预算，须按比例"
			    "分配：待同批申请全部审核后确定");
			hold(d);
		}
		return;
	}

	fractions = xcalloc(n, sizeof(*fractions));
	for (i = 0; i < n; i++) {
		struct review_decision *d = list[i];
		unsigned __int128 product = (unsigned __int128)d->award *
		    (unsigned __int128)remaining;
		int64_t before = d->award;

		d->award = (int64_t)(product / (unsigned __int128)claims);
		granted += d->award;
		fractions[nlive].d = d;
		fractions[nlive].year = year;
		fractions[nlive++].rest = product % (unsigned __int128)claims;
		trace_step(trace, d, item, "pro-rata", before, d->award,
		    remaining - granted, "按比例 %s/%s 安排（向下取整到分）",
		    money_format(remaining, b1), money_format(claims, b2));
		review_reason(&d->reasons, "申请总额 %s 超过年度预算余额 %s，"
		    "按比例核定", money_format_human(claims, b1),
		    money_format_human(remaining, b2));
	}
	leftover = remaining - granted;
	if (item->remainder == POLICY_REMAINDER_LARGEST) {
		qsort(fractions, nlive, sizeof(*fractions), compare_fraction);
		for (i = 0; i < nlive && leftover > 0; i++, leftover--) {
			fractions[i].d->award++;
			trace_step(trace, fractions[i].d, item, "remainder",
			    fractions[i].d->award - 1, fractions[i].d->award,
			    leftover - 1, "最大余数法补 1 分");
		}
	}
	trace_step(trace, NULL, item, "remainder", -1, -1, leftover,
	    "按比例分配后未分配的余额");
	free(fractions);
}

/* Budgets: each item's budget for the year, less what earlier runs
   granted, shared among this run's decisions as the item states. */
static void
share_budgets(struct review_decision **order, size_t n,
    const struct policy_set *set, const struct granted_sums *granted,
    int year, struct review_trace *trace)
{
	char b1[MONEY_BUFSIZE], b2[MONEY_BUFSIZE];
	struct review_decision **list = xcalloc(n + 1, sizeof(*list));
	struct review_decision **by_item = xcalloc(n + 1, sizeof(*by_item));
	size_t *starts = xcalloc(set->nitems + 1, sizeof(*starts));
	size_t k, i;

	/* Bucket the decisions by item, keeping sharing order in each, so
	   every item reads only its own. */
	for (i = 0; i < n; i++)
		starts[order[i]->item + 1]++;
	for (k = 0; k < set->nitems; k++)
		starts[k + 1] += starts[k];
	for (i = 0; i < n; i++)
		by_item[starts[order[i]->item]++] = order[i];
	for (k = set->nitems; k > 0; k--)
		starts[k] = starts[k - 1];
	starts[0] = 0;

	for (k = 0; k < set->nitems; k++) {
		const struct policy_item *item = &set->items[k];
		int64_t earlier, remaining;
		size_t m = 0;

		if (item->budget < 0)
			continue;
		for (i = starts[k]; i < starts[k + 1]; i++) {
			struct review_decision *d = by_item[i];

			if (d->carried != NULL)
				continue;
			if (d->outcome == REVIEW_APPROVED ||
			    (d->outcome == REVIEW_PENDING &&
			    d->provisional > 0))
				list[m++] = d;
		}
		if (m == 0)
			continue;
		earlier = granted_sum(granted, "budget", item->id, NULL);
		remaining = item->budget > earlier ? item->budget - earlier : 0;
		trace_step(trace, NULL, item, "budget", -1, -1, remaining,
		    "%d年度预算 %s，往期已核定 %s，按%s分配", year,
		    money_format(item->budget, b1), money_format(earlier, b2),
		    item->sharing == POLICY_SHARING_PRO_RATA ? "比例" :
		    item->sharing == POLICY_SHARING_RANK ? "排序" : "申请先后");
		switch (item->sharing) {
		case POLICY_SHARING_PRO_RATA:
			share_pro_rata(list, m, item, remaining, year, trace);
			break;
		case POLICY_SHARING_RANK:
			qsort(list, m, sizeof(*list), compare_rank);
			share_in_order(list, m, item, remaining, trace, "rank");
			break;
		default:
			share_in_order(list, m, item, remaining, trace,
			    "first-come");
			break;
		}
	}
	free(list);
	free(by_item);
	free(starts);
}

void
review_share(struct review_decision **order, size_t n,
    const struct policy_set *set, const struct review_state *state,
    int year, struct review_trace *trace)
{
	struct granted_sums granted;

	if (trace != NULL)
		trace->year = year;
	granted_sums_build(&granted, state, set, year);

	share_groups(order, n, &granted, trace);
	share_caps(order, n, &granted, trace);
	share_budgets(order, n, set, &granted, year, trace);
	granted_sums_free(&granted);
}
