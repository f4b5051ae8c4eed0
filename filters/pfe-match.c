/*
 * pfe-match: evaluate every policy item in force on every portrait row and
 * write the eligible and near-miss pairs with the estimated award and the
 * values used. Options add every condition's result and statistics.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
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
#include "rejects.h"
#include "row_batch.h"
#include "uscc.h"

/* A copy of one record kept in a buffer that only grows to the longest
   record, so keeping the previous row allocates nothing per row. */
struct kept_record {
	char *bytes;		/* field lengths and bytes, back to back */
	size_t length;
	size_t capacity;
	long line;
	char *file;		/* input it came from */
	char uscc[USCC_LEN + 1];
};

static const char *const matches_header[] = {
	"uscc", "item", "status", "mode", "award", "explanation"
};

static const char *const details_header[] = {
	"uscc", "item", "condition", "field", "column", "label", "value",
	"threshold", "result", "source"
};

struct match_run {
	const struct policy_set *set;
	int32_t as_of;
	struct division_table *divisions;	/* for USCC checks */
	struct uscc_allow *allow;	/* NULL: no allow-list */
	size_t *order;			/* item indexes in byte order of id */
	int *in_force;			/* per item index */
	struct policy_binding *binding;
	unsigned jobs;			/* evaluating threads; 1: none */
	struct match_worker *workers;	/* one per thread, at least one */
	struct row_batch_pool *pool;
	struct csv_record *header;	/* first file's header */
	char *header_file;
	long uscc_column;
	long district_column;		/* -1: not in the header */
	long section_column;
	long industry_column;
	FILE *matches;
	FILE *details;			/* NULL: no details file */
	struct match_stats *stats;
	struct rejects *rejects;
	int quiet;
	int have_previous;
	struct kept_record previous;	/* last accepted row */
	struct kept_record scratch;	/* the row being checked */
	unsigned long read;		/* portrait rows read */
	unsigned long written;		/* match rows written */
};

/* One pair written, kept for the statistics, which the reading thread
   counts in input order. */
struct pair_record {
	size_t item;
	int eligible;
	int award_known;
	int64_t award;
};

/* The result of evaluating one batch: the CSV text of its match and
   detail rows, its pairs, and each row's number of pairs. */
struct batch_output {
	struct csv_text matches;
	struct csv_text details;
	struct pair_record *pairs;
	size_t npairs, pairs_cap;
	unsigned long *row_pairs;	/* per row: eligible, near misses */
	size_t row_pairs_cap;
};

/* The state of one evaluating thread. */
struct match_worker {
	const struct match_run *run;
	struct policy_ctx *ctx;
};

static int
compare_item_ids(const void *a, const void *b, void *set)
{
	const struct policy_set *policies = set;
	size_t left = *(const size_t *)a, right = *(const size_t *)b;

	return strcmp(policies->items[left].id, policies->items[right].id);
}

/* Store RECORD's fields in KEPT as length-prefixed bytes. */
static void
kept_record_store(struct kept_record *kept, const struct csv_record *record)
{
	size_t need = 0, at = 0;

	for (size_t i = 0; i < record->nfields; i++)
		need += sizeof(size_t) + record->lengths[i];
	if (need > kept->capacity) {
		kept->capacity = need * 2;
		kept->bytes = xrealloc(kept->bytes, kept->capacity);
	}
	for (size_t i = 0; i < record->nfields; i++) {
		memcpy(kept->bytes + at, &record->lengths[i], sizeof(size_t));
		at += sizeof(size_t);
		memcpy(kept->bytes + at, record->fields[i], record->lengths[i]);
		at += record->lengths[i];
	}
	kept->length = need;
	kept->line = record->line;
}

static int
kept_record_equal(const struct kept_record *a, const struct kept_record *b)
{
	return a->length == b->length &&
	    memcmp(a->bytes, b->bytes, a->length) == 0;
}

/*
 * Check CODE as a unified social credit code (GB 32100-2015), accepting
 * codes on the allow-list that fail only the mod-31 check. Returns 1 when
 * valid; else warns on stderr (unless quiet), records the row as a reject
 * with the Chinese reason, and returns 0.
 */
static int
check_uscc(struct match_run *run, const char *file,
    const struct csv_record *row, const char *code)
{
	struct uscc_result result;
	char *message, *reason;

	uscc_validate(code, run->divisions, &result);
	if (result.status == USCC_VALID)
		return 1;
	if (result.status == USCC_BAD_CHECK &&
	    uscc_allow_has(run->allow, code))
		return 1;

	if (!run->quiet) {
		message = uscc_message(code, &result);
		warn_at(file, row->line, "%s", message);
		free(message);
	}
	reason = uscc_reason(code, &result);
	rejects_add(run->rejects, file, row, "%s", reason);
	free(reason);
	return 0;
}

/* Position of a row's USCC relative to the previous accepted row's. */
enum order {
	ORDER_AFTER,		/* strictly after: accepted */
	ORDER_DUPLICATE,	/* an exact copy of the previous row */
	ORDER_REJECT		/* same code with other values, or before */
};

/*
 * Check that ROW's USCC comes strictly after the previous accepted row's,
 * because merging shards relies on USCC order. Returns ORDER_AFTER when
 * it does. Otherwise it records ROW as a duplicate (an exact copy of the
 * previous row of the same file) or as a reject, and returns which.
 */
static enum order
check_order(struct match_run *run, const char *file,
    const struct csv_record *row, const char *code)
{
	struct kept_record *previous = &run->previous;
	int cmp;

	kept_record_store(&run->scratch, row);
	if (!run->have_previous)
		return ORDER_AFTER;
	cmp = strcmp(code, previous->uscc);
	if (cmp > 0)
		return ORDER_AFTER;

	if (cmp == 0 && kept_record_equal(&run->scratch, previous) &&
	    strcmp(file, previous->file) == 0) {
		if (!run->quiet)
			warn_at(file, row->line, _("duplicate of line %ld "
			    "skipped"), previous->line);
		rejects_duplicate(run->rejects, file, row, previous->line);
		return ORDER_DUPLICATE;
	}
	if (cmp == 0) {
		if (!run->quiet)
			warn_at(file, row->line, _("duplicate unified social "
			    "credit code '%s': already on line %ld of '%s'"),
			    code, previous->line, previous->file);
		rejects_add(run->rejects, file, row,
		    "统一社会信用代码'%s'重复：%s第%ld行已有", code,
		    rejects_file_name(previous->file), previous->line);
		return ORDER_REJECT;
	}
	if (!run->quiet)
		warn_at(file, row->line, _("portraits not sorted by unified "
		    "social credit code: '%s' comes before '%s' on line %ld of "
		    "'%s'"), code, previous->uscc, previous->line,
		    previous->file);
	rejects_add(run->rejects, file, row,
	    "未按统一社会信用代码排序：'%s'应排在%s第%ld行的'%s'之前", code,
	    rejects_file_name(previous->file), previous->line,
	    previous->uscc);
	return ORDER_REJECT;
}

static void
remember_row(struct match_run *run, const char *file, const char *code)
{
	struct kept_record swap = run->previous;

	/* The scratch copy becomes the previous row; the old buffer is
	   reused as scratch for the next row. */
	run->previous = run->scratch;
	run->scratch = swap;
	run->previous.file = swap.file;
	run->scratch.file = NULL;
	if (run->previous.file == NULL || strcmp(run->previous.file, file)) {
		free(run->previous.file);
		run->previous.file = xstrdup(file);
	}
	memcpy(run->previous.uscc, code, USCC_LEN + 1);
	run->have_previous = 1;
}

static const char *
cell(const struct csv_record *row, long column)
{
	return column < 0 ? "" : row->fields[column];
}

/* Return the GB/T 4754-2017 section of ROW: the section column, else the
   letter of the industry class, else "". */
static const char *
row_section(const struct match_run *run, const struct csv_record *row,
    char letter[2])
{
	const char *industry;

	if (run->section_column >= 0)
		return row->fields[run->section_column];
	industry = cell(row, run->industry_column);
	if (industry[0] >= 'A' && industry[0] <= 'T') {
		letter[0] = industry[0];
		letter[1] = '\0';
		return letter;
	}
	return "";
}

static void
write_match(struct csv_text *out, const char *code,
    const struct policy_outcome *outcome)
{
	char award[MONEY_BUFSIZE] = "";
	const char *fields[6];

	if (outcome->award_known)
		money_format(outcome->award, award);
	fields[0] = code;
	fields[1] = outcome->item->id;
	fields[2] = policy_status_name(outcome->status);
	fields[3] = policy_mode_name(outcome->item->mode);
	fields[4] = award;
	fields[5] = outcome->explanation;
	csv_text_add_row(out, CSV_WRITE_DATA, 6, fields);
}

/* Write the result of top-level condition INDEX of OUTCOME alone, for a
   condition built of others (all, any, not) that has no row of its own. */
static void
write_condition_result(struct csv_text *out, const char *code,
    const struct policy_outcome *outcome, size_t index)
{
	char path[32];
	const char *fields[10];

	snprintf(path, sizeof(path), "%zu", index + 1);
	fields[0] = code;
	fields[1] = outcome->item->id;
	fields[2] = path;
	for (int i = 3; i < 8; i++)
		fields[i] = "";
	fields[8] = policy_truth_name(outcome->results[index]);
	fields[9] = "";
	csv_text_add_row(out, CSV_WRITE_DATA, 10, fields);
}

/*
 * Write one details row per condition result of OUTCOME, with every
 * top-level condition's own result first. The condition column numbers
 * top-level conditions from 1 and the leaves inside one as N.1, N.2 ...
 * in the order the evaluator lists them; the award's base is "award".
 */
static void
write_details(struct csv_text *out, const char *code,
    const struct policy_outcome *outcome)
{
	size_t next = 0;		/* first top-level condition whose
					   result is not written yet */
	unsigned long inner = 0;

	for (size_t i = 0; i < outcome->ndetails; i++) {
		const struct policy_detail *detail = &outcome->details[i];
		size_t condition = detail->condition;
		char path[64];
		const char *fields[10];

		if (condition == (size_t)-1) {
			while (next < outcome->nconditions)
				write_condition_result(out, code, outcome,
				    next++);
			snprintf(path, sizeof(path), "award");
		} else {
			while (next < condition)
				write_condition_result(out, code, outcome,
				    next++);
			if (condition == next) {
				if (detail->depth > 0)
					write_condition_result(out, code,
					    outcome, condition);
				next++;
				inner = 0;
			}
			if (detail->depth == 0)
				snprintf(path, sizeof(path), "%zu",
				    condition + 1);
			else
				snprintf(path, sizeof(path), "%zu.%lu",
				    condition + 1, ++inner);
		}

		fields[0] = code;
		fields[1] = outcome->item->id;
		fields[2] = path;
		fields[3] = detail->field;
		fields[4] = detail->column;
		fields[5] = detail->label;
		fields[6] = detail->value;
		fields[7] = detail->threshold;
		fields[8] = policy_truth_name(detail->result);
		fields[9] = detail->department;
		csv_text_add_row(out, CSV_WRITE_DATA, 10, fields);
	}
	while (next < outcome->nconditions)
		write_condition_result(out, code, outcome, next++);
}

static void
add_pair(struct batch_output *output, const struct policy_outcome *outcome,
    size_t item)
{
	struct pair_record *pair;

	if (output->npairs == output->pairs_cap) {
		output->pairs_cap = output->pairs_cap ?
		    output->pairs_cap * 2 : 1024;
		output->pairs = xreallocarray(output->pairs,
		    output->pairs_cap, sizeof(*output->pairs));
	}
	pair = &output->pairs[output->npairs++];
	pair->item = item;
	pair->eligible = outcome->status == POLICY_ELIGIBLE;
	pair->award_known = outcome->award_known;
	pair->award = outcome->award;
}

/*
 * Evaluate every item in force on one accepted portrait ROW, adding its
 * match rows, detail rows and pairs to OUTPUT. Returns the number of
 * eligible pairs and sets *NEAR_MISS.
 */
static unsigned long
match_row(struct match_worker *worker, const struct csv_record *row,
    struct batch_output *output, unsigned long *near_miss)
{
	const struct match_run *run = worker->run;
	const char *code = row->fields[run->uscc_column];
	unsigned long eligible = 0;
	/* matches.csv gives the award as an amount, so the text of how it
	   was computed is not formatted. */
	int flags = POLICY_EVAL_EXPLAIN | POLICY_EVAL_NO_AWARD_TEXT;

	*near_miss = 0;
	if (run->details != NULL)
		flags |= POLICY_EVAL_DETAILS;
	policy_ctx_row(worker->ctx, row, NULL, 0);

	for (size_t k = 0; k < run->set->nitems; k++) {
		size_t i = run->order[k];
		const struct policy_outcome *outcome;

		if (!run->in_force[i])
			continue;
		/* Most pairs are neither eligible nor near misses: find the
		   status cheaply, then explain only the pairs written. */
		outcome = policy_eval(worker->ctx, i, POLICY_EVAL_TRIAGE);
		if (outcome->status != POLICY_ELIGIBLE &&
		    outcome->status != POLICY_NEAR_MISS)
			continue;
		outcome = policy_eval(worker->ctx, i, flags);

		write_match(&output->matches, code, outcome);
		if (run->details != NULL)
			write_details(&output->details, code, outcome);
		if (outcome->status == POLICY_ELIGIBLE)
			eligible++;
		else
			(*near_miss)++;
		add_pair(output, outcome, i);
	}
	return eligible;
}

/* Evaluate the rows of BATCH (a row_batch_work_fn). */
static void
match_batch(void *state, struct row_batch *batch)
{
	struct match_worker *worker = state;
	struct batch_output *output = batch->user;

	if (output == NULL)
		output = batch->user = xcalloc(1, sizeof(*output));
	output->npairs = 0;
	output->matches.len = 0;
	output->details.len = 0;
	if (output->row_pairs_cap < 2 * batch->nrows) {
		output->row_pairs_cap = 2 * batch->nrows;
		output->row_pairs = xreallocarray(output->row_pairs,
		    output->row_pairs_cap, sizeof(*output->row_pairs));
	}
	for (size_t r = 0; r < batch->nrows; r++)
		output->row_pairs[2 * r] = match_row(worker, &batch->rows[r],
		    output, &output->row_pairs[2 * r + 1]);
}

/* Write the output of BATCH and count its pairs, in input order (a
   row_batch_done_fn). */
static void
write_batch(void *arg, struct row_batch *batch)
{
	struct match_run *run = arg;
	struct batch_output *output = batch->user;
	size_t next_pair = 0;
	char letter[2];

	if (output->matches.len > 0)
		fwrite(output->matches.data, 1, output->matches.len,
		    run->matches);
	if (output->details.len > 0)
		fwrite(output->details.data, 1, output->details.len,
		    run->details);
	for (size_t r = 0; r < batch->nrows; r++) {
		const struct csv_record *row = &batch->rows[r];
		unsigned long eligible = output->row_pairs[2 * r];
		unsigned long near_miss = output->row_pairs[2 * r + 1];

		for (unsigned long k = 0; k < eligible + near_miss; k++) {
			const struct pair_record *pair =
			    &output->pairs[next_pair++];

			match_stats_pair(run->stats, pair->item,
			    pair->eligible, pair->award_known, pair->award);
		}
		match_stats_enterprise(run->stats,
		    cell(row, run->district_column),
		    row_section(run, row, letter), eligible, near_miss);
	}
	run->written += next_pair;
}

static void
batch_output_free(void *user)
{
	struct batch_output *output = user;

	free(output->matches.data);
	free(output->details.data);
	free(output->pairs);
	free(output->row_pairs);
	free(output);
}

/* Rows per batch handed to an evaluating thread: large enough that
   handing over costs little, small enough to keep memory flat. */
#define MATCH_BATCH_ROWS 256

/* The run whose rows finish_on_fatal writes, the thread reading it, and
   whether that thread is inside the pool, which is then left alone. */
static struct match_run *fatal_run;
static pthread_t reading_thread;
static int in_pool;

/*
 * Evaluate and write the rows accepted before a fatal error in the
 * reading thread, so that standard output contains the matches of every
 * row before the bad one, whatever the number of threads. Does nothing
 * when another thread fails.
 */
static void
finish_on_fatal(void)
{
	if (fatal_run == NULL || fatal_run->pool == NULL || in_pool ||
	    !pthread_equal(pthread_self(), reading_thread))
		return;
	row_batch_flush(fatal_run->pool);
}

/* Start the evaluating threads over the binding. */
static void
start_workers(struct match_run *run)
{
	unsigned n = run->jobs > 1 ? run->jobs : 1;
	void **states = xcalloc(n, sizeof(*states));

	run->workers = xcalloc(n, sizeof(*run->workers));
	for (unsigned i = 0; i < n; i++) {
		run->workers[i].run = run;
		run->workers[i].ctx = policy_ctx_new(run->binding);
		states[i] = &run->workers[i];
	}
	run->pool = row_batch_pool_new(run->jobs > 1 ? run->jobs : 0,
	    MATCH_BATCH_ROWS, states, match_batch, write_batch, run);
	free(states);
	fatal_run = run;
	reading_thread = pthread_self();
	set_fatal_hook(finish_on_fatal);
}

/* Finish every batch, stop the threads and free their state. */
static void
stop_workers(struct match_run *run)
{
	unsigned n = run->jobs > 1 ? run->jobs : 1;

	if (run->pool == NULL)
		return;
	set_fatal_hook(NULL);
	row_batch_pool_free(run->pool, batch_output_free);
	run->pool = NULL;
	for (unsigned i = 0; i < n; i++)
		policy_ctx_free(run->workers[i].ctx);
	free(run->workers);
	run->workers = NULL;
}

/* Check HEADER of FILE: bind the policies to the first header, and require
   every later file (a shard of the same run) to have the same header. */
static void
use_header(struct match_run *run, const char *file,
    const struct csv_record *header)
{
	if (run->header != NULL) {
		int same = header->nfields == run->header->nfields;

		for (size_t i = 0; same && i < header->nfields; i++)
			same = strcmp(header->fields[i],
			    run->header->fields[i]) == 0;
		if (!same)
			die_at(file, header->line, _("header differs from the "
			    "header of '%s': portraits of one run share one "
			    "header"), run->header_file);
		return;
	}

	run->uscc_column = csv_column(header, "uscc");
	if (run->uscc_column < 0)
		die_at(file, header->line, _("missing column 'uscc' in the "
		    "header"));
	run->district_column = csv_column(header, "district");
	run->section_column = csv_column(header, "section");
	run->industry_column = csv_column(header, "industry");
	run->binding = policy_bind(run->set, header, file, run->as_of);
	start_workers(run);
	run->header = csv_record_copy(header);
	run->header_file = xstrdup(file);

	/* Written only now, so that portraits that do not fit the policies
	   leave nothing on standard output. */
	csv_write_row(run->matches, CSV_WRITE_DATA, 6, matches_header);
	if (run->details != NULL)
		csv_write_row(run->details, CSV_WRITE_DATA, 10,
		    details_header);
}

/* Read the portraits of PATH ("-": standard input) and match each row. */
static void
match_file(struct match_run *run, const char *path)
{
	struct csv_reader *reader;
	struct csv_record *row;
	const char *file;

	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	file = csv_reader_name(reader);
	if (!csv_reader_next(reader, &row))
		die_at(file, 0, _("missing header: the file is empty"));
	use_header(run, file, row);

	while (csv_reader_next(reader, &row)) {
		const char *code;
		enum order duplicate;

		run->read++;
		if (row->nfields != run->header->nfields) {
			if (!run->quiet)
				warn_at(file, row->line, _("wrong number of "
				    "fields: %zu, expected %zu"),
				    row->nfields, run->header->nfields);
			rejects_add(run->rejects, file, row,
			    "字段数为%zu，应为%zu", row->nfields,
			    run->header->nfields);
			match_stats_reject(run->stats, 0);
			continue;
		}
		code = row->fields[run->uscc_column];
		if (!check_uscc(run, file, row, code)) {
			match_stats_reject(run->stats, 0);
			continue;
		}
		duplicate = check_order(run, file, row, code);
		if (duplicate != ORDER_AFTER) {
			match_stats_reject(run->stats,
			    duplicate == ORDER_DUPLICATE);
			continue;
		}
		remember_row(run, file, code);
		/* NOTE: the row is copied twice, for the duplicate check
		   (check_order) and into its batch; one copy could serve. */
		in_pool = 1;
		row_batch_add(run->pool, row);
		in_pool = 0;
	}
	csv_reader_close(reader);
}

/* Warn about every item not in force at the as-of date: such items are
   not evaluated, and the statistics list them too. */
static void
check_validity(struct match_run *run)
{
	char from[DATE_BUFSIZE], until[DATE_BUFSIZE], as_of[DATE_BUFSIZE];

	date_format(run->as_of, as_of);
	for (size_t i = 0; i < run->set->nitems; i++) {
		const struct policy_item *item = &run->set->items[i];

		run->in_force[i] = policy_in_force(item, run->as_of);
		match_stats_item(run->stats, i, item->id, item->valid_from,
		    item->valid_until, run->in_force[i], item->budget);
		if (run->in_force[i])
			continue;
		date_format(item->valid_from, from);
		if (item->valid_until == INT32_MAX)
			warn_msg(_("item '%s' is not in force on %s: valid "
			    "from %s; not evaluated"), item->id, as_of, from);
		else
			warn_msg(_("item '%s' is not in force on %s: valid "
			    "from %s to %s; not evaluated"), item->id, as_of,
			    from, date_format(item->valid_until, until));
	}
}

/* The maximum number of threads --jobs accepts. */
#define MAX_JOBS 256

static unsigned
parse_jobs(const char *text)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(text, &end, 10);
	if (!isdigit((unsigned char)text[0]) || errno != 0 || *end != '\0' ||
	    n < 1 || n > MAX_JOBS)
		usage_error(_("invalid --jobs '%s': expected a number of "
		    "threads from 1 to %d"), text, MAX_JOBS);
	return (unsigned)n;
}

static void
usage(FILE *out)
{
	fprintf(out, _("usage: %s -p policies.xml -d dictionary.xml "
	    "--as-of DATE [-q] [-j N] [-o matches.csv]\n"
	    "       [--details FILE] [--stats FILE] [--rejects FILE] "
	    "[--uscc-allow FILE]\n"
	    "       [portraits.csv ...]\n"), pfe_progname());
	fputs(_("\n"
	    "Match every portrait against every policy item in force at "
	    "DATE and write\n"
	    "the eligible and near-miss pairs, sorted by USCC and item.\n"
	    "\n"
	    "  -p, --policies FILE    canonical policies (policies.xml)\n"
	    "  -d, --dictionary FILE  field dictionary (dictionary.xml)\n"
	    "      --as-of DATE       evaluation date, YYYY-MM-DD\n"
	    "  -o, --output FILE      write matches to FILE (default: "
	    "standard output)\n"
	    "      --details FILE     write every condition's result of the "
	    "pairs written\n"
	    "      --stats FILE       write statistics to FILE ('-': "
	    "standard error)\n"
	    "      --rejects FILE     write rejected portrait rows to FILE\n"
	    "      --uscc-allow FILE  accept the codes listed in FILE that "
	    "fail only the\n"
	    "                         mod-31 check (as pfe-portrait did)\n"
	    "  -j, --jobs N           evaluate in N threads (default: one "
	    "per processor);\n"
	    "                         the output is the same for every N\n"
	    "  -q, --quiet            print no summary and no reject "
	    "warnings\n"
	    "      --help             print this help and exit\n"
	    "      --version          print the version and exit\n"), out);
}

enum {
	OPTION_AS_OF = 256,
	OPTION_DETAILS,
	OPTION_STATS,
	OPTION_REJECTS,
	OPTION_USCC_ALLOW,
	OPTION_HELP,
	OPTION_VERSION
};

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "policies", required_argument, NULL, 'p' },
		{ "dictionary", required_argument, NULL, 'd' },
		{ "as-of", required_argument, NULL, OPTION_AS_OF },
		{ "output", required_argument, NULL, 'o' },
		{ "details", required_argument, NULL, OPTION_DETAILS },
		{ "stats", required_argument, NULL, OPTION_STATS },
		{ "rejects", required_argument, NULL, OPTION_REJECTS },
		{ "uscc-allow", required_argument, NULL, OPTION_USCC_ALLOW },
		{ "quiet", no_argument, NULL, 'q' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, OPTION_HELP },
		{ "version", no_argument, NULL, OPTION_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *policies_path = NULL, *dictionary_path = NULL;
	const char *as_of_text = NULL, *output_path = NULL;
	const char *details_path = NULL, *stats_path = NULL;
	const char *rejects_path = NULL, *allow_path = NULL;
	struct output *matches_out, *details_out = NULL, *stats_out = NULL;
	struct dictionary *dict;
	struct policy_set *set;
	struct match_run run;
	unsigned long rejected;
	int option;

	pfe_init("pfe-match");
	/* GB18030 input is converted with iconv: no --encoding here. */
	csv_set_encoding_option(0);
	memset(&run, 0, sizeof(run));
	run.jobs = row_batch_processors();

	/* Report bad options here, named as in every other message. */
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":p:d:o:qj:", options,
	    NULL)) != -1) {
		switch (option) {
		case 'p':
			policies_path = optarg;
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
		case OPTION_DETAILS:
			details_path = optarg;
			break;
		case OPTION_STATS:
			stats_path = optarg;
			break;
		case OPTION_REJECTS:
			rejects_path = optarg;
			break;
		case OPTION_USCC_ALLOW:
			allow_path = optarg;
			break;
		case 'q':
			run.quiet = 1;
			break;
		case 'j':
			run.jobs = parse_jobs(optarg);
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

	if (policies_path == NULL)
		usage_error(_("missing option '--policies'"));
	if (dictionary_path == NULL)
		usage_error(_("missing option '--dictionary'"));
	if (as_of_text == NULL)
		usage_error(_("missing option '--as-of': the evaluation date "
		    "is never read from the clock"));
	run.as_of = date_parse_as_of(as_of_text);

	run.divisions = division_table_load(NULL);
	if (allow_path != NULL)
		run.allow = uscc_allow_load(allow_path, run.divisions);
	dict = dict_load(dictionary_path);
	set = policy_load(policies_path, NULL, dict);
	run.set = set;
	run.order = xcalloc(set->nitems ? set->nitems : 1, sizeof(size_t));
	for (size_t i = 0; i < set->nitems; i++)
		run.order[i] = i;
	qsort_r(run.order, set->nitems, sizeof(size_t), compare_item_ids,
	    set);
	run.in_force = xcalloc(set->nitems ? set->nitems : 1, sizeof(int));
	run.stats = match_stats_new(set->nitems);
	check_validity(&run);

	matches_out = output_open(output_path, 0644);
	run.matches = output_stream(matches_out);
	if (details_path != NULL) {
		details_out = output_open(details_path, 0644);
		run.details = output_stream(details_out);
	}
	if (stats_path != NULL && strcmp(stats_path, "-") != 0)
		stats_out = output_open(stats_path, 0644);
	run.rejects = rejects_open(rejects_path);
	/* The warnings are printed here in English through gettext; the
	   rejects module keeps only the Chinese reasons for the file. */
	rejects_set_quiet(run.rejects, 1);

	if (argc == 0)
		match_file(&run, "-");
	for (int i = 0; i < argc; i++)
		match_file(&run, argv[i]);

	stop_workers(&run);
	rejected = rejects_count(run.rejects);
	if (stats_path != NULL)
		match_stats_write(run.stats, stats_out != NULL ?
		    output_stream(stats_out) : stderr);
	if (!run.quiet)
		warn_msg(_("read %lu portraits, wrote %lu matches, rejected "
		    "%lu"), run.read, run.written, rejected);

	/* Nothing is put in place unless every output was written. */
	output_flush_all();
	rejects_close(run.rejects);
	if (stats_out != NULL)
		output_commit(stats_out);
	if (details_out != NULL)
		output_commit(details_out);
	output_commit(matches_out);
	output_close_stdout();

	policy_binding_free(run.binding);
	csv_record_free(run.header);
	free(run.header_file);
	free(run.previous.bytes);
	free(run.previous.file);
	free(run.scratch.bytes);
	free(run.scratch.file);
	match_stats_free(run.stats);
	free(run.in_force);
	free(run.order);
	policy_free(set);
	dict_free(dict);
	uscc_allow_free(run.allow);
	division_table_free(run.divisions);
	return rejected > 0 ? PFE_EXIT_REJECTS : PFE_EXIT_OK;
}
