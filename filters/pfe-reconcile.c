/*
 * pfe-reconcile: read the bank's pain.002 status reports for payment
 * files pfe-pay prepared, check them against the payment ledger, and
 * record each payment the bank settled or returned.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "err.h"
#include "ledger.h"
#include "money.h"
#include "output.h"
#include "pain002.h"
#include "pfe.h"
#include "xmlio.h"

/* The ledger's actor for the rows this program writes. */
#define RECONCILE_ACTOR "pfe-reconcile"

struct options {
	const char *state;
	const char *as_of;
	const char *output;
	int quiet;
};

struct counts {
	unsigned long reports;
	unsigned long payments;		/* with a status in a report */
	unsigned long settled;
	unsigned long returned;
	unsigned long in_progress;	/* accepted or pending, no change */
	unsigned long unchanged;	/* already settled or returned */
	unsigned long conflicts;
};

/* One payment of the original batch, as the ledger has it now. */
struct batch_payment {
	struct ledger_entry entry;	/* shallow copy of its last row */
	const char *status;		/* effective bank status, or NULL */
	const char *reason;
	int listed;			/* named in a TxInfAndSts */
};

struct batch {
	struct batch_payment *payments;	/* in ledger order */
	struct batch_payment **by_id;	/* sorted by end-to-end id */
	size_t count;
	int64_t sum;
};

static int
compare_payment_ids(const void *a, const void *b)
{
	return strcmp((*(struct batch_payment *const *)a)->entry.end_to_end_id,
	    (*(struct batch_payment *const *)b)->entry.end_to_end_id);
}

/* Collect every payment prepared into the file with MSG_ID. */
static void
load_batch(struct ledger *ledger, const char *msg_id, struct batch *batch)
{
	size_t i;

	memset(batch, 0, sizeof *batch);
	batch->payments = xcalloc(ledger_count(ledger) + 1,
	    sizeof *batch->payments);
	for (i = 0; i < ledger_count(ledger); i++) {
		const struct ledger_entry *e = ledger_entry_at(ledger, i);
		struct batch_payment *p;

		/* pfe-pay never prepares an end-to-end id twice, so each
		   payment has one prepared row. */
		if (e->state != LEDGER_PREPARED || strcmp(e->msg_id, msg_id) != 0)
			continue;
		p = &batch->payments[batch->count++];
		p->entry = *ledger_last_for_payment(ledger, e->end_to_end_id);
		batch->sum += p->entry.amount;
	}
	batch->by_id = xcalloc(batch->count + 1, sizeof *batch->by_id);
	for (i = 0; i < batch->count; i++)
		batch->by_id[i] = &batch->payments[i];
	qsort(batch->by_id, batch->count, sizeof *batch->by_id,
	    compare_payment_ids);
}

static void
free_batch(struct batch *batch)
{
	free(batch->payments);
	free(batch->by_id);
}

static struct batch_payment *
find_payment(struct batch *batch, const char *end_to_end_id)
{
	struct batch_payment key, *key_pointer = &key, **found;

	key.entry.end_to_end_id = (char *)end_to_end_id;
	found = bsearch(&key_pointer, batch->by_id, batch->count,
	    sizeof *batch->by_id, compare_payment_ids);
	return found != NULL ? *found : NULL;
}

/*
 * Parse an OrgnlCtrlSum: a decimal number of yuan. Zeros after the
 * second decimal are dropped; a non-zero third decimal is invalid.
 * Returns 0, or -1 when TEXT is not such a number.
 */
static int
parse_control_sum(const char *text, int64_t *fen)
{
	char *copy = xstrdup(text), *dot = strchr(copy, '.');
	int status;

	if (dot != NULL) {
		size_t len = strlen(copy);

		while (len > (size_t)(dot - copy) + 3 && copy[len - 1] == '0')
			copy[--len] = '\0';
		if (len == (size_t)(dot - copy) + 1)
			*dot = '\0';
	}
	status = money_parse(copy, MONEY_YUAN, fen);
	free(copy);
	return status;
}

/*
 * Die unless the original count COUNT and sum SUM of SCOPE (the group or
 * a PmtInf) agree with EXPECTED_COUNT payments totalling EXPECTED_SUM.
 */
static void
check_totals(const struct pain002_report *report, long line,
    const char *scope, const char *count, const char *sum,
    size_t expected_count, int64_t expected_sum)
{
	char buf[MONEY_BUFSIZE];
	int64_t fen;

	if (count != NULL && strtoull(count, NULL, 10) != expected_count)
		die_at(report->path, line,
		    _("original number of transactions %s of '%s' does not match the ledger's %zu: the report is for another version of the file"),
		    count, scope, expected_count);
	if (sum == NULL)
		return;
	if (parse_control_sum(sum, &fen) != 0)
		die_at(report->path, line,
		    _("invalid original control sum '%s' of '%s'"), sum, scope);
	if (fen != expected_sum)
		die_at(report->path, line,
		    _("original control sum %s of '%s' does not match the ledger's %s: the report is for another version of the file"),
		    sum, scope, money_format(expected_sum, buf));
}

/* Return STATUS unless it is NULL or PART (which defers to the level
   below), else NULL. */
static const char *
decisive(const char *status)
{
	return status != NULL && strcmp(status, "PART") != 0 ? status : NULL;
}

/*
 * Check REPORT against the ledger and set the effective bank status of
 * each payment of its batch. Dies when the report does not belong to a
 * batch in the ledger, disagrees with it, or when AS_OF is before the
 * batch's latest ledger date.
 */
static void
match_report(struct ledger *ledger, const struct pain002_report *report,
    const char *as_of, struct batch *batch)
{
	size_t i, j, k, in_info;
	int64_t info_sum;
	const char *latest;

	if (strncmp(report->original_msg_name, "pain.001", 8) != 0)
		die_at(report->path, report->line,
		    _("status report answers a '%s' message, not a pain.001 payment file"),
		    report->original_msg_name);
	load_batch(ledger, report->original_msg_id, batch);
	if (batch->count == 0)
		die_at(report->path, report->line,
		    _("status report answers message '%s', which is not in '%s'"),
		    report->original_msg_id, ledger_path(ledger));
	latest = ledger_batch_latest_date(ledger, report->original_msg_id);
	if (strcmp(as_of, latest) < 0)
		die_at(report->path, report->line,
		    _("as-of date %s is before %s, the latest date of batch '%s' in '%s': pass --as-of %s or later"),
		    as_of, latest, report->original_msg_id, ledger_path(ledger),
		    latest);
	check_totals(report, report->line, report->original_msg_id,
	    report->count, report->sum, batch->count, batch->sum);

	for (i = 0; i < report->ninfos; i++) {
		const struct pain002_payment_info *info = &report->infos[i];

		in_info = 0;
		info_sum = 0;
		for (k = 0; k < batch->count; k++)
			if (strcmp(batch->payments[k].entry.pmt_inf_id,
			    info->pmt_inf_id) == 0) {
				in_info++;
				info_sum += batch->payments[k].entry.amount;
			}
		if (in_info == 0)
			die_at(report->path, info->line,
			    _("payment information '%s' is not part of message '%s'"),
			    info->pmt_inf_id, report->original_msg_id);
		check_totals(report, info->line, info->pmt_inf_id, info->count,
		    info->sum, in_info, info_sum);

		for (j = 0; j < info->ntransactions; j++) {
			const struct pain002_transaction *tx =
			    &info->transactions[j];
			struct batch_payment *p =
			    find_payment(batch, tx->end_to_end_id);

			if (p == NULL || strcmp(p->entry.pmt_inf_id,
			    info->pmt_inf_id) != 0)
				die_at(report->path, tx->line,
				    _("end-to-end id '%s' is not a payment of '%s' in message '%s'"),
				    tx->end_to_end_id, info->pmt_inf_id,
				    report->original_msg_id);
			if (p->listed)
				die_at(report->path, tx->line,
				    _("end-to-end id '%s' appears twice in the status report"),
				    tx->end_to_end_id);
			p->listed = 1;
			p->status = tx->status;
			p->reason = tx->reason;
			if (p->status == NULL) {
				p->status = decisive(info->status);
				p->reason = info->reason;
			}
			if (p->status == NULL) {
				p->status = decisive(report->status);
				p->reason = report->reason;
			}
		}
	}

	/* Payments the report does not list take their PmtInf's status,
	   else the group's. */
	for (k = 0; k < batch->count; k++) {
		struct batch_payment *p = &batch->payments[k];

		if (p->listed)
			continue;
		for (i = 0; i < report->ninfos; i++)
			if (strcmp(report->infos[i].pmt_inf_id,
			    p->entry.pmt_inf_id) == 0 &&
			    decisive(report->infos[i].status) != NULL) {
				p->status = report->infos[i].status;
				p->reason = report->infos[i].reason;
			}
		if (p->status == NULL && decisive(report->status) != NULL) {
			p->status = report->status;
			p->reason = report->reason;
		}
	}
}

/*
 * Return the ledger state a bank status leads to: settled for ACSC and
 * ACCC, returned for RJCT; -1 for a status that settles nothing yet.
 */
static int
target_state(const char *status)
{
	if (strcmp(status, "ACSC") == 0 || strcmp(status, "ACCC") == 0)
		return LEDGER_SETTLED;
	if (strcmp(status, "RJCT") == 0)
		return LEDGER_RETURNED;
	return -1;
}

static void
write_row(FILE *out, const struct pain002_report *report,
    const struct batch_payment *p, enum ledger_state after)
{
	char buf[MONEY_BUFSIZE];
	const char *fields[10];

	fields[0] = report->path;
	fields[1] = p->entry.msg_id;
	fields[2] = p->entry.pmt_inf_id;
	fields[3] = p->entry.end_to_end_id;
	fields[4] = p->entry.decision;
	fields[5] = money_format(p->entry.amount, buf);
	fields[6] = p->status;
	fields[7] = p->reason != NULL ? p->reason : "";
	fields[8] = ledger_state_name(p->entry.state);
	fields[9] = ledger_state_name(after);
	csv_write_row(out, CSV_WRITE_DATA, 10, fields);
}

/*
 * Apply the bank's status of each payment of BATCH to the ledger, write
 * one output row per payment with a status, and count what happened.
 */
static void
apply_statuses(struct ledger *ledger, const struct options *opt,
    const struct pain002_report *report, struct batch *batch, FILE *out,
    struct counts *counts)
{
	size_t k;

	for (k = 0; k < batch->count; k++) {
		struct batch_payment *p = &batch->payments[k];
		enum ledger_state before = p->entry.state, after = before;
		int target;

		if (p->status == NULL)
			continue;
		counts->payments++;
		target = target_state(p->status);
		if (target < 0) {
			counts->in_progress++;
		} else if ((int)before == target) {
			/* A report read again changes nothing: a payment is
			   never settled twice. */
			counts->unchanged++;
		} else if (before == LEDGER_SENT) {
			struct ledger_entry entry = p->entry;
			char *reason = p->reason != NULL ?
			    xasprintf("%s %s", p->status, p->reason) :
			    xstrdup(p->status);

			after = (enum ledger_state)target;
			entry.state = after;
			entry.as_of = (char *)opt->as_of;
			entry.actor = RECONCILE_ACTOR;
			entry.reason = reason;
			ledger_append(ledger, &entry);
			free(reason);
			if (after == LEDGER_SETTLED)
				counts->settled++;
			else
				counts->returned++;
		} else {
			counts->conflicts++;
			if (before == LEDGER_PREPARED || before == LEDGER_APPROVED)
				warn_at(report->path, 0,
				    _("payment '%s' is %s in the ledger, not sent: record the sending with pfe-approve --sent, then reconcile again"),
				    p->entry.end_to_end_id,
				    ledger_state_name(before));
			else
				warn_at(report->path, 0,
				    _("payment '%s' is already %s in the ledger, but the bank reports '%s': left unchanged, check with the bank"),
				    p->entry.end_to_end_id,
				    ledger_state_name(before), p->status);
		}
		write_row(out, report, p, after);
	}
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s --state dir --as-of date [-q] [-o file] report.xml ...\n"),
	    pfe_progname());
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nCheck the bank's pain.002 status reports against the payment ledger and\n"
	    "record each payment the bank settled or returned. Writes one CSV row\n"
	    "per payment with a status.\n\n"
	    "  --state dir       state folder holding ledger.csv\n"
	    "  --as-of date      as-of date (YYYY-MM-DD) recorded in the ledger\n"
	    "  -o, --output file write the reconciliation to file (default: standard output)\n"
	    "  -q, --quiet       print no summary\n"
	    "  --help            print this help and exit\n"
	    "  --version         print the version and exit\n"), stdout);
}

enum long_only_option {
	OPT_STATE = 256,
	OPT_AS_OF,
	OPT_HELP,
	OPT_VERSION
};

int
main(int argc, char *argv[])
{
	static const struct option long_options[] = {
		{ "state", required_argument, NULL, OPT_STATE },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const header[] = {
		"report", "msg_id", "pmt_inf_id", "end_to_end_id", "decision",
		"amount", "bank_status", "reason", "before", "after"
	};
	struct options opt;
	struct counts counts;
	struct ledger *ledger;
	struct pain002_report **reports;
	struct output *out;
	int i, c, nreports;

	pfe_init("pfe-reconcile");
	xml_init();

	memset(&opt, 0, sizeof opt);
	memset(&counts, 0, sizeof counts);
	while ((c = getopt_long(argc, argv, "o:q", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_STATE:
			opt.state = optarg;
			break;
		case OPT_AS_OF:
			date_parse_as_of(optarg);
			opt.as_of = optarg;
			break;
		case 'o':
			opt.output = optarg;
			break;
		case 'q':
			opt.quiet = 1;
			break;
		case OPT_HELP:
			help();
			return PFE_EXIT_OK;
		case OPT_VERSION:
			pfe_print_version();
			break;
		default:
			usage(stderr);
			return PFE_EXIT_FATAL;
		}
	}
	if (opt.state == NULL)
		usage_error(_("missing option --state"));
	if (opt.as_of == NULL)
		usage_error(_("missing option --as-of"));
	if (optind == argc)
		usage_error(_("missing status report: name at least one pain.002 file"));

	ledger = ledger_open(opt.state);
	nreports = argc - optind;
	reports = xcalloc((size_t)nreports, sizeof *reports);
	for (i = 0; i < nreports; i++)
		reports[i] = pain002_read(argv[optind + i]);

	/* A report that disagrees with the ledger stops the run before
	   anything is written. */
	for (i = 0; i < nreports; i++) {
		struct batch batch;

		match_report(ledger, reports[i], opt.as_of, &batch);
		free_batch(&batch);
	}

	out = output_open(opt.output, 0644);
	csv_write_row(output_stream(out), CSV_WRITE_DATA, 10, header);
	for (i = 0; i < nreports; i++) {
		struct batch batch;

		match_report(ledger, reports[i], opt.as_of, &batch);
		apply_statuses(ledger, &opt, reports[i], &batch,
		    output_stream(out), &counts);
		counts.reports++;
		free_batch(&batch);
	}
	output_commit(out);
	ledger_commit(ledger);
	ledger_close(ledger);

	if (!opt.quiet)
		fprintf(stderr, _("%s: read %lu status reports with %lu payments: settled %lu, returned %lu, in progress %lu, unchanged %lu, conflicts %lu\n"),
		    pfe_progname(), counts.reports, counts.payments,
		    counts.settled, counts.returned, counts.in_progress,
		    counts.unchanged, counts.conflicts);
	for (i = 0; i < nreports; i++)
		pain002_free(reports[i]);
	free(reports);
	output_close_stdout();
	return counts.conflicts > 0 ? PFE_EXIT_REJECTS : PFE_EXIT_OK;
}
