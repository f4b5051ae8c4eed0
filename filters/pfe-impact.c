/*
 * pfe-impact: evaluate two versions of the policies on the same portraits
 * and write who gains and who loses an item, whose estimated award
 * changes, and per item the counts, award sums and budget use of each.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "dict.h"
#include "division.h"
#include "err.h"
#include "match_stats.h"
#include "money.h"
#include "output.h"
#include "pfe.h"
#include "policy.h"
#include "portrait_stream.h"
#include "rejects.h"
#include "uscc.h"

/* Status of an item that one version does not have. */
#define STATUS_ABSENT "absent"

/* Separator of the top-level conditions in an explanation. */
#define SEGMENT_SEPARATOR "；"

static const char *const changes_header[] = {
	"uscc", "item", "old_status", "new_status", "old_award", "new_award",
	"change", "explanation"
};

static const char *const summary_header[] = {
	"item", "title", "in_old", "in_new", "in_force_old", "in_force_new",
	"eligible_old", "eligible_new", "near_miss_old", "near_miss_new",
	"award_old", "award_new", "budget_old", "budget_new",
	"budget_use_old", "budget_use_new", "budget_use_old_percent",
	"budget_use_new_percent", "gaining", "losing"
};

/* One version of the policies, bound to the portrait header. */
struct impact_version {
	const char *path;
	struct policy_set *set;
	struct policy_binding *binding;	/* NULL until the header is read */
	struct policy_ctx *ctx;
};

/* Counts of one version of one item. */
struct impact_counts {
	int present;			/* the version has the item */
	int in_force;			/* ... and it is in force at as-of */
	int64_t budget;			/* fen, -1: none stated or absent */
	unsigned long eligible;
	unsigned long near_miss;
	int64_t award;			/* sum of known eligible awards, fen */
};

/* One item id of either version, with its counts. */
struct impact_item {
	const char *id;
	const char *title;		/* the new version's, else the old */
	long old_index;			/* index in the old set, -1: absent */
	long new_index;			/* index in the new set, -1: absent */
	struct impact_counts old;
	struct impact_counts new;
	unsigned long gaining;
	unsigned long losing;
};

/* Kind of change of one enterprise and item. */
enum change_kind {
	CHANGE_NONE,
	CHANGE_GAINS,		/* becomes eligible */
	CHANGE_LOSES,		/* no longer eligible */
	CHANGE_AWARD_UP,	/* eligible in both, higher award */
	CHANGE_AWARD_DOWN,	/* eligible in both, lower award */
	CHANGE_AWARD_KNOWN,	/* eligible in both, award known in one */
	CHANGE_STATUS		/* a near miss appears, goes or changes */
};

struct impact_run {
	int32_t as_of;
	struct impact_version old;
	struct impact_version new;
	struct impact_item *items;	/* union of both sets, byte order */
	size_t nitems;
	FILE *changes;
	unsigned long written;
	unsigned long gains;
	unsigned long losses;
};

static const char *
change_name(enum change_kind kind)
{
	switch (kind) {
	case CHANGE_GAINS:
		return "gains";
	case CHANGE_LOSES:
		return "loses";
	case CHANGE_AWARD_UP:
		return "award-up";
	case CHANGE_AWARD_DOWN:
		return "award-down";
	case CHANGE_AWARD_KNOWN:
		return "award-change";
	case CHANGE_STATUS:
		return "status-change";
	default:
		return "";
	}
}

static int
compare_ids(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Fill in the counts of item INDEX of SET that do not depend on portraits
   (INDEX -1: the version lacks the item). */
static void
counts_init(struct impact_counts *counts, const struct policy_set *set,
    long index, int32_t as_of)
{
	memset(counts, 0, sizeof(*counts));
	counts->budget = -1;
	if (index < 0)
		return;
	counts->present = 1;
	counts->in_force = policy_in_force(&set->items[index], as_of);
	counts->budget = set->items[index].budget;
}

/* Build the union of the item ids of both versions, in byte order. */
static void
build_items(struct impact_run *run)
{
	const struct policy_set *old = run->old.set, *new = run->new.set;
	size_t total = old->nitems + new->nitems, n = 0;
	const char **ids = xcalloc(total ? total : 1, sizeof(*ids));

	for (size_t i = 0; i < old->nitems; i++)
		ids[n++] = old->items[i].id;
	for (size_t i = 0; i < new->nitems; i++)
		ids[n++] = new->items[i].id;
	qsort(ids, n, sizeof(*ids), compare_ids);

	run->items = xcalloc(total ? total : 1, sizeof(*run->items));
	for (size_t i = 0; i < n; i++) {
		struct impact_item *item;

		if (i > 0 && strcmp(ids[i], ids[i - 1]) == 0)
			continue;
		item = &run->items[run->nitems++];
		item->id = ids[i];
		item->old_index = policy_index(old, ids[i]);
		item->new_index = policy_index(new, ids[i]);
		item->title = item->new_index >= 0 ?
		    new->items[item->new_index].title :
		    old->items[item->old_index].title;
		counts_init(&item->old, old, item->old_index, run->as_of);
		counts_init(&item->new, new, item->new_index, run->as_of);
	}
	free(ids);
}

/* Return the outcome of item INDEX of VERSION for the current row, or NULL
   when the version lacks the item. */
static const struct policy_outcome *
evaluate(struct impact_version *version, long index, int flags)
{
	if (index < 0)
		return NULL;
	return policy_eval(version->ctx, (size_t)index, flags);
}

static int
is_eligible(const struct policy_outcome *outcome)
{
	return outcome != NULL && outcome->status == POLICY_ELIGIBLE;
}

static int
is_near_miss(const struct policy_outcome *outcome)
{
	return outcome != NULL && outcome->status == POLICY_NEAR_MISS;
}

static enum change_kind
classify_change(const struct policy_outcome *old,
    const struct policy_outcome *new)
{
	if (!is_eligible(old) && is_eligible(new))
		return CHANGE_GAINS;
	if (is_eligible(old) && !is_eligible(new))
		return CHANGE_LOSES;
	if (is_eligible(old)) {
		if (old->award_known != new->award_known)
			return CHANGE_AWARD_KNOWN;
		if (!old->award_known || old->award == new->award)
			return CHANGE_NONE;
		return new->award > old->award ? CHANGE_AWARD_UP :
		    CHANGE_AWARD_DOWN;
	}
	/* Neither is eligible: report only changes that involve a near
	   miss, because "none", "not-in-force" and "absent" all mean the
	   enterprise gets nothing. */
	if (!is_near_miss(old) && !is_near_miss(new))
		return CHANGE_NONE;
	if (old != NULL && new != NULL && old->status == new->status)
		return CHANGE_NONE;
	return CHANGE_STATUS;
}

static void
count_outcome(struct impact_counts *counts,
    const struct policy_outcome *outcome)
{
	if (is_eligible(outcome)) {
		counts->eligible++;
		if (outcome->award_known)
			counts->award += outcome->award;
	} else if (is_near_miss(outcome)) {
		counts->near_miss++;
	}
}

/*
 * Return a newly allocated copy of the segments of EXPLANATION (one per
 * top-level condition, joined by "；") whose index I has KEEP[I] set. When
 * the explanation does not have N segments, or no segment is kept, the
 * whole explanation is returned.
 */
static char *
select_segments(const char *explanation, size_t n, const int *keep)
{
	size_t separator = strlen(SEGMENT_SEPARATOR), count = 1, kept = 0;
	const char *at, *next;
	char *text, *end;

	for (at = explanation; (at = strstr(at, SEGMENT_SEPARATOR)) != NULL;
	    at += separator)
		count++;
	for (size_t i = 0; i < n; i++)
		kept += keep[i] != 0;
	if (count != n || kept == 0)
		return xstrdup(explanation);

	text = end = xmalloc(strlen(explanation) + 1);
	at = explanation;
	for (size_t i = 0; i < n; i++) {
		/* The count above guarantees a separator after every segment
		   but the last. */
		next = i + 1 < n ? strstr(at, SEGMENT_SEPARATOR) :
		    at + strlen(at);
		if (keep[i]) {
			if (end != text) {
				memcpy(end, SEGMENT_SEPARATOR, separator);
				end += separator;
			}
			memcpy(end, at, (size_t)(next - at));
			end += next - at;
		}
		if (i + 1 < n)
			at = next + separator;
	}
	*end = '\0';
	return text;
}

/*
 * Return the newly allocated Chinese explanation of a change. A gain keeps
 * the conditions that the old version did not meet and the new one does.
 * A loss or a near-miss change keeps the new version's conditions that are
 * not met or unknown. An award change gives both awards and how the new
 * one is computed. NEW is evaluated with POLICY_EVAL_EXPLAIN, or NULL.
 */
static char *
explain_change(enum change_kind kind, const struct policy_outcome *old,
    const struct policy_outcome *new)
{
	char old_award[MONEY_BUFSIZE] = "无法估算";
	char new_award[MONEY_BUFSIZE] = "无法估算";
	int *keep;
	char *text;

	if (new == NULL)
		return xstrdup("新版本无此事项");
	if (new->status == POLICY_NOT_IN_FORCE)
		return xstrdup(new->explanation);

	if (kind == CHANGE_AWARD_UP || kind == CHANGE_AWARD_DOWN ||
	    kind == CHANGE_AWARD_KNOWN) {
		if (old->award_known)
			money_format_human(old->award, old_award);
		if (new->award_known)
			money_format_human(new->award, new_award);
		if (new->award_explanation[0] == '\0')
			return xasprintf("估算奖励 %s → %s", old_award,
			    new_award);
		return xasprintf("估算奖励 %s → %s：%s", old_award, new_award,
		    new->award_explanation);
	}

	keep = xcalloc(new->nconditions ? new->nconditions : 1, sizeof(int));
	for (size_t i = 0; i < new->nconditions; i++) {
		if (kind != CHANGE_GAINS)
			keep[i] = new->results[i] != POLICY_MET;
		else if (old != NULL && old->status != POLICY_NOT_IN_FORCE &&
		    old->nconditions == new->nconditions)
			keep[i] = old->results[i] != POLICY_MET;
		else
			keep[i] = 1;
	}
	text = select_segments(new->explanation, new->nconditions, keep);
	free(keep);
	return text;
}

static const char *
status_name(const struct policy_outcome *outcome)
{
	return outcome == NULL ? STATUS_ABSENT :
	    policy_status_name(outcome->status);
}

static void
format_award(const struct policy_outcome *outcome, char buf[MONEY_BUFSIZE])
{
	buf[0] = '\0';
	if (outcome != NULL && outcome->award_known)
		money_format(outcome->award, buf);
}

/* Write the change row of one enterprise and item. OLD is the old
   outcome (or NULL); the new version is evaluated again to explain it. */
static void
write_change(struct impact_run *run, const char *code,
    struct impact_item *item, enum change_kind kind,
    const struct policy_outcome *old)
{
	const struct policy_outcome *new;
	char old_award[MONEY_BUFSIZE], new_award[MONEY_BUFSIZE];
	const char *fields[8];
	char *explanation;

	new = evaluate(&run->new, item->new_index, POLICY_EVAL_EXPLAIN);
	explanation = explain_change(kind, old, new);
	format_award(old, old_award);
	format_award(new, new_award);

	fields[0] = code;
	fields[1] = item->id;
	fields[2] = status_name(old);
	fields[3] = status_name(new);
	fields[4] = old_award;
	fields[5] = new_award;
	fields[6] = change_name(kind);
	fields[7] = explanation;
	csv_write_row(run->changes, CSV_WRITE_DATA, 8, fields);
	free(explanation);
	run->written++;
}

/* Bind both versions to the header of the first portrait file and write
   the header of the change file. */
static void
impact_header(void *data, const char *file, const struct csv_record *header)
{
	struct impact_run *run = data;

	run->old.binding = policy_bind(run->old.set, header, file,
	    run->as_of);
	run->old.ctx = policy_ctx_new(run->old.binding);
	run->new.binding = policy_bind(run->new.set, header, file,
	    run->as_of);
	run->new.ctx = policy_ctx_new(run->new.binding);
	/* Written only now, so that portraits that do not fit either
	   version leave nothing on standard output. */
	csv_write_row(run->changes, CSV_WRITE_DATA, 8, changes_header);
}

/* Evaluate every item of both versions on one accepted portrait ROW. */
static void
impact_row(void *data, const char *file, const struct csv_record *row,
    const char *code)
{
	struct impact_run *run = data;

	(void)file;
	policy_ctx_row(run->old.ctx, row, NULL, 0);
	policy_ctx_row(run->new.ctx, row, NULL, 0);

	for (size_t i = 0; i < run->nitems; i++) {
		struct impact_item *item = &run->items[i];
		const struct policy_outcome *old, *new;
		enum change_kind kind;

		/* The two contexts keep their outcomes apart, so OLD stays
		   valid while the new version is evaluated. */
		old = evaluate(&run->old, item->old_index, POLICY_EVAL_STATUS);
		new = evaluate(&run->new, item->new_index, POLICY_EVAL_STATUS);
		count_outcome(&item->old, old);
		count_outcome(&item->new, new);

		kind = classify_change(old, new);
		if (kind == CHANGE_NONE)
			continue;
		if (kind == CHANGE_GAINS) {
			item->gaining++;
			run->gains++;
		} else if (kind == CHANGE_LOSES) {
			item->losing++;
			run->losses++;
		}
		write_change(run, code, item, kind, old);
	}
}

/* Format AWARD / BUDGET (fen) as an unreduced fraction and a percentage
   with one decimal; both empty without a budget or with a zero budget. */
static void
format_budget_use(const struct impact_counts *counts, char *fraction,
    size_t fraction_size, char *percent, size_t percent_size)
{
	fraction[0] = percent[0] = '\0';
	if (!counts->present || counts->budget <= 0)
		return;
	snprintf(fraction, fraction_size, "%" PRId64 "/%" PRId64,
	    counts->award, counts->budget);
	match_stats_percent((uint64_t)counts->award, (uint64_t)counts->budget,
	    percent, percent_size);
}

static void
write_summary(const struct impact_run *run, FILE *out)
{
	csv_write_row(out, CSV_WRITE_DATA, 20, summary_header);
	for (size_t i = 0; i < run->nitems; i++) {
		const struct impact_item *item = &run->items[i];
		char counts[10][24];
		char award_old[MONEY_BUFSIZE], award_new[MONEY_BUFSIZE];
		char budget_old[MONEY_BUFSIZE] = "";
		char budget_new[MONEY_BUFSIZE] = "";
		char use_old[64], use_new[64], percent_old[24], percent_new[24];
		const char *fields[20];

		snprintf(counts[0], sizeof(counts[0]), "%d", item->old.present);
		snprintf(counts[1], sizeof(counts[1]), "%d", item->new.present);
		snprintf(counts[2], sizeof(counts[2]), "%d", item->old.in_force);
		snprintf(counts[3], sizeof(counts[3]), "%d", item->new.in_force);
		snprintf(counts[4], sizeof(counts[4]), "%lu",
		    item->old.eligible);
		snprintf(counts[5], sizeof(counts[5]), "%lu",
		    item->new.eligible);
		snprintf(counts[6], sizeof(counts[6]), "%lu",
		    item->old.near_miss);
		snprintf(counts[7], sizeof(counts[7]), "%lu",
		    item->new.near_miss);
		snprintf(counts[8], sizeof(counts[8]), "%lu", item->gaining);
		snprintf(counts[9], sizeof(counts[9]), "%lu", item->losing);
		money_format(item->old.award, award_old);
		money_format(item->new.award, award_new);
		if (item->old.budget >= 0)
			money_format(item->old.budget, budget_old);
		if (item->new.budget >= 0)
			money_format(item->new.budget, budget_new);
		format_budget_use(&item->old, use_old, sizeof(use_old),
		    percent_old, sizeof(percent_old));
		format_budget_use(&item->new, use_new, sizeof(use_new),
		    percent_new, sizeof(percent_new));

		fields[0] = item->id;
		fields[1] = item->title;
		for (int k = 0; k < 8; k++)
			fields[2 + k] = counts[k];
		fields[10] = award_old;
		fields[11] = award_new;
		fields[12] = budget_old;
		fields[13] = budget_new;
		fields[14] = use_old;
		fields[15] = use_new;
		fields[16] = percent_old;
		fields[17] = percent_new;
		fields[18] = counts[8];
		fields[19] = counts[9];
		csv_write_row(out, CSV_WRITE_DATA, 20, fields);
	}
}

static void
usage(FILE *out)
{
	fprintf(out, _("usage: %s --old policies.xml --new policies.xml "
	    "-d dictionary.xml --as-of DATE\n"
	    "       [-q] [-o changes.csv] [--summary FILE] [--rejects FILE] "
	    "[--uscc-allow FILE]\n"
	    "       [portraits.csv ...]\n"), pfe_progname());
	fputs(_("\n"
	    "Evaluate two versions of the policy items on the same portraits "
	    "at DATE and\n"
	    "write, per enterprise and item, who gains or loses eligibility "
	    "and whose\n"
	    "estimated award changes, sorted by USCC and item.\n"
	    "\n"
	    "      --old FILE         canonical policies before the change\n"
	    "      --new FILE         canonical policies after the change\n"
	    "  -d, --dictionary FILE  field dictionary (dictionary.xml)\n"
	    "      --as-of DATE       evaluation date, YYYY-MM-DD\n"
	    "  -o, --output FILE      write the changes to FILE (default: "
	    "standard output)\n"
	    "      --summary FILE     write per item counts, award sums and "
	    "budget use of\n"
	    "                         both versions to FILE\n"
	    "      --rejects FILE     write rejected portrait rows to FILE\n"
	    "      --uscc-allow FILE  accept the codes listed in FILE that "
	    "fail only the\n"
	    "                         mod-31 check (as pfe-portrait did)\n"
	    "  -q, --quiet            print no summary and no reject "
	    "warnings\n"
	    "      --help             print this help and exit\n"
	    "      --version          print the version and exit\n"), out);
}

enum {
	OPTION_OLD = 256,
	OPTION_NEW,
	OPTION_AS_OF,
	OPTION_SUMMARY,
	OPTION_REJECTS,
	OPTION_USCC_ALLOW,
	OPTION_HELP,
	OPTION_VERSION
};

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "old", required_argument, NULL, OPTION_OLD },
		{ "new", required_argument, NULL, OPTION_NEW },
		{ "dictionary", required_argument, NULL, 'd' },
		{ "as-of", required_argument, NULL, OPTION_AS_OF },
		{ "output", required_argument, NULL, 'o' },
		{ "summary", required_argument, NULL, OPTION_SUMMARY },
		{ "rejects", required_argument, NULL, OPTION_REJECTS },
		{ "uscc-allow", required_argument, NULL, OPTION_USCC_ALLOW },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPTION_HELP },
		{ "version", no_argument, NULL, OPTION_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *dictionary_path = NULL, *as_of_text = NULL;
	const char *output_path = NULL, *summary_path = NULL;
	const char *rejects_path = NULL, *allow_path = NULL;
	struct output *changes_out, *summary_out = NULL;
	struct portrait_stream_handler handler;
	struct portrait_stream *stream;
	struct division_table *divisions;
	struct uscc_allow *allow = NULL;
	struct rejects *rejects;
	struct dictionary *dict;
	struct impact_run run;
	unsigned long rejected;
	int quiet = 0, option;

	pfe_init("pfe-impact");
	/* GB18030 input is converted with iconv: no --encoding here. */
	csv_set_encoding_option(0);
	memset(&run, 0, sizeof(run));

	opterr = 0;
	while ((option = getopt_long(argc, argv, ":d:o:q", options,
	    NULL)) != -1) {
		switch (option) {
		case OPTION_OLD:
			run.old.path = optarg;
			break;
		case OPTION_NEW:
			run.new.path = optarg;
			break;
		case 'd':
			dictionary_path = optarg;
			break;
		case OPTION_AS_OF:
			as_of_text = optarg;
			break;
		case 'o':
			output_path = optarg;
			break;
		case OPTION_SUMMARY:
			summary_path = optarg;
			break;
		case OPTION_REJECTS:
			rejects_path = optarg;
			break;
		case OPTION_USCC_ALLOW:
			allow_path = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case OPTION_HELP:
			usage(stdout);
			output_close_stdout();
			return PFE_EXIT_OK;
		case OPTION_VERSION:
			pfe_print_version();
			break;
		default:
			usage_option_error(option, argv, optind, optopt);
		}
	}
	argc -= optind;
	argv += optind;

	if (run.old.path == NULL)
		usage_error(_("missing option '--old'"));
	if (run.new.path == NULL)
		usage_error(_("missing option '--new'"));
	if (dictionary_path == NULL)
		usage_error(_("missing option '--dictionary'"));
	if (as_of_text == NULL)
		usage_error(_("missing option '--as-of': the evaluation date "
		    "is never read from the clock"));
	run.as_of = date_parse_as_of(as_of_text);
	if (summary_path != NULL && strcmp(summary_path, "-") == 0)
		usage_error(_("invalid value '-' for option '--summary': "
		    "give a file name"));

	divisions = division_table_load(NULL);
	if (allow_path != NULL)
		allow = uscc_allow_load(allow_path, divisions);
	dict = dict_load(dictionary_path);
	run.old.set = policy_load(run.old.path, NULL, dict);
	run.new.set = policy_load(run.new.path, NULL, dict);
	build_items(&run);

	changes_out = output_open(output_path, 0644);
	run.changes = output_stream(changes_out);
	if (summary_path != NULL)
		summary_out = output_open(summary_path, 0644);
	rejects = rejects_open(rejects_path);
	/* Warnings go to stderr in English through gettext; the rejects
	   file keeps the Chinese reasons. */
	rejects_set_quiet(rejects, 1);
	handler.header = impact_header;
	handler.row = impact_row;
	handler.data = &run;
	stream = portrait_stream_new(divisions, allow, rejects, quiet,
	    &handler);

	if (argc == 0)
		portrait_stream_read(stream, "-");
	for (int i = 0; i < argc; i++)
		portrait_stream_read(stream, argv[i]);

	rejected = rejects_count(rejects);
	if (summary_out != NULL)
		write_summary(&run, output_stream(summary_out));
	if (!quiet)
		warn_msg(_("read %lu portraits, wrote %lu changes (%lu gains, "
		    "%lu losses), rejected %lu"), portrait_stream_rows(stream),
		    run.written, run.gains, run.losses, rejected);

	/* Nothing is put in place unless every output was written. */
	output_flush_all();
	rejects_close(rejects);
	if (summary_out != NULL)
		output_commit(summary_out);
	output_commit(changes_out);
	output_close_stdout();

	portrait_stream_free(stream);
	policy_ctx_free(run.old.ctx);
	policy_ctx_free(run.new.ctx);
	policy_binding_free(run.old.binding);
	policy_binding_free(run.new.binding);
	free(run.items);
	policy_free(run.old.set);
	policy_free(run.new.set);
	dict_free(dict);
	uscc_allow_free(allow);
	division_table_free(divisions);
	return rejected > 0 ? PFE_EXIT_REJECTS : PFE_EXIT_OK;
}
