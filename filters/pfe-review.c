/*
 * pfe-review: decide applications for policy items, and grant eligible
 * matches of free-of-application items, under per-enterprise caps,
 * highest-award groups and budgets. Writes decisions and a worksheet.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "dict.h"
#include "division.h"
#include "err.h"
#include "money.h"
#include "output.h"
#include "pfe.h"
#include "policy.h"
#include "rejects.h"
#include "review.h"
#include "review_run.h"
#include "xmlio.h"

/* The columns of decisions.csv (schemas/decisions.csv.md). */
static const char *const decision_columns[] = {
	"decision", "application", "uscc", "item", "mode", "outcome",
	"computed", "award", "reasons", "decided_by", "decided_at", "project"
};
#define NDECISION_COLUMNS (sizeof(decision_columns) / sizeof(*decision_columns))

#define UTF8_BOM "\xEF\xBB\xBF"

/* Fill FIELDS (NDECISION_COLUMNS) for D, decided by this run. Returns
   the joined reasons, which FIELDS points to: the caller frees them. */
static char *
decision_fields(const struct review_decision *d, const char **fields,
    char computed[MONEY_BUFSIZE], char award[MONEY_BUFSIZE])
{
	char *reasons;

	reasons = review_reasons_join(&d->reasons);
	fields[0] = d->id;
	fields[1] = d->app != NULL ? d->app->id : "";
	fields[2] = d->uscc;
	fields[3] = d->policy->id;
	fields[4] = policy_mode_name(d->policy->mode);
	fields[5] = d->outcome == REVIEW_APPROVED ? "approved" :
	    d->outcome == REVIEW_DECLINED ? "declined" : "pending";
	computed[0] = '\0';
	award[0] = '\0';
	if (d->outcome == REVIEW_APPROVED) {
		money_format(d->computed, computed);
		money_format(d->award, award);
	} else if (d->outcome == REVIEW_DECLINED)
		money_format(0, award);
	fields[6] = computed;
	fields[7] = award;
	fields[8] = reasons;
	/* A pending decision has no author yet. */
	fields[9] = d->outcome == REVIEW_PENDING ? "" : d->decided_by;
	fields[10] = d->outcome == REVIEW_PENDING ? "" : d->decided_at;
	fields[11] = d->project != NULL ? d->project : "";
	return reasons;
}

static int
compare_decision_ids(const void *a, const void *b)
{
	const struct review_decision *x = a, *y = b;

	return strcmp(x->id, y->id);
}

/*
 * Write decisions.csv sorted by decision id. A decision of an earlier run
 * is reproduced from the state folder, and this run's final decisions are
 * appended to it.
 */
static void
write_decisions(struct review_run *run, const char *path,
    unsigned long counts[3])
{
	struct output *out = output_open(path, 0644);
	FILE *stream = output_stream(out);
	const char **state_rows;
	char **owned;
	size_t i, j, nstate = 0;

	if (run->ndecisions > 0)
		qsort(run->decisions, run->ndecisions, sizeof(*run->decisions),
		    compare_decision_ids);
	state_rows = xcalloc((run->ndecisions + 1) * NDECISION_COLUMNS,
	    sizeof(*state_rows));
	owned = xcalloc(run->ndecisions * 3 + 1, sizeof(*owned));

	csv_write_row(stream, CSV_WRITE_DATA, NDECISION_COLUMNS,
	    decision_columns);
	for (i = 0; i < run->ndecisions; i++) {
		const struct review_decision *d = &run->decisions[i];
		const char *fields[NDECISION_COLUMNS];
		char computed[MONEY_BUFSIZE], award[MONEY_BUFSIZE];

		if (d->carried != NULL) {
			const char *outcome = d->carried->outcome;

			for (j = 0; j < NDECISION_COLUMNS; j++) {
				long column = csv_column(run->state->header,
				    decision_columns[j]);

				fields[j] = review_cell(d->carried->record,
				    column);
			}
			csv_write_row(stream, CSV_WRITE_DATA,
			    NDECISION_COLUMNS, fields);
			counts[strcmp(outcome, "approved") == 0 ? 0 :
			    strcmp(outcome, "declined") == 0 ? 1 : 2]++;
			continue;
		}
		owned[3 * i] = decision_fields(d, fields, computed, award);
		csv_write_row(stream, CSV_WRITE_DATA, NDECISION_COLUMNS,
		    fields);
		counts[d->outcome == REVIEW_APPROVED ? 0 :
		    d->outcome == REVIEW_DECLINED ? 1 : 2]++;
		if (run->state == NULL || d->outcome == REVIEW_PENDING)
			continue;
		for (j = 0; j < NDECISION_COLUMNS; j++)
			state_rows[nstate * NDECISION_COLUMNS + j] =
			    xstrdup(fields[j]);
		nstate++;
	}
	output_commit(out);

	/* The state folder records only what will not change: approved and
	   declined decisions. */
	if (run->state != NULL)
		review_state_append(run->state, decision_columns,
		    NDECISION_COLUMNS, state_rows, nstate);
	for (i = 0; i < nstate * NDECISION_COLUMNS; i++)
		free((char *)state_rows[i]);
	free(state_rows);
	for (i = 0; i < run->ndecisions * 3; i++)
		free(owned[i]);
	free(owned);
}

/* Open a file for people: UTF-8 with a byte-order mark and a header. */
static struct output *
open_people_file(const char *path, const char *const *header, size_t n,
    FILE **stream)
{
	struct output *out;

	if (path == NULL) {
		*stream = NULL;
		return NULL;
	}
	out = output_open(path, 0644);
	*stream = output_stream(out);
	fputs(UTF8_BOM, *stream);
	csv_write_row(*stream, CSV_WRITE_DATA, n, header);
	return out;
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s -p policies.xml -d dictionary.xml --portraits portraits.csv\n"
	    "           --as-of DATE [--matches matches.csv] [--reviews reviews.csv]\n"
	    "           [--encoding utf-8 | gb18030] [--subsidies subsidies.csv]\n"
	    "           [--state DIR] [--evidence DIR] [--worksheet FILE]\n"
	    "           [--follow-up FILE] [--trace FILE] [--rejects FILE]\n"
	    "           [-o decisions.csv] [-q] [application.xml ...]\n"),
	    pfe_progname());
	if (stream != stdout)
		return;
	fputs(_("\n"
	    "Decide applications for policy items and grant eligible matches of\n"
	    "free-of-application items, under per-enterprise caps, highest-award\n"
	    "groups and budgets; write decisions.csv sorted by decision id.\n"
	    "\n"
	    "  -p, --policies FILE    canonical policies (policies.xml)\n"
	    "  -d, --dictionary FILE  field dictionary (dictionary.xml)\n"
	    "      --portraits FILE   enterprise portraits (portraits.csv)\n"
	    "      --as-of DATE       evaluate as of DATE (YYYY-MM-DD)\n"
	    "      --matches FILE     matches; eligible free items are granted\n"
	    "      --reviews FILE     reviewer decisions (a filled worksheet)\n"
	    "      --encoding ENC     encoding of --reviews: utf-8 (default) or gb18030\n"
	    "      --subsidies FILE   subsidies already received (project numbers)\n"
	    "      --state DIR        state folder: earlier decisions, lock\n"
	    "      --evidence DIR     check handed-in files in DIR/APPLICATION/FILE\n"
	    "      --worksheet FILE   write what reviewers must confirm\n"
	    "      --follow-up FILE   write matches that could not be granted\n"
	    "      --trace FILE       write every step of caps and budgets\n"
	    "      --rejects FILE     write rejected records\n"
	    "  -o, --output FILE      write decisions to FILE (default: stdout)\n"
	    "  -q, --quiet            print no summary\n"
	    "      --help             show this help and exit\n"
	    "      --version          show the version and exit\n"
	    "\n"
	    "With no application file and no --matches, applications are read from\n"
	    "standard input. Exit status: 0 done, 1 done with rejected records,\n"
	    "2 usage or fatal error.\n"), stream);
}

int
main(int argc, char **argv)
{
	enum {
		OPT_PORTRAITS = 256, OPT_AS_OF, OPT_MATCHES, OPT_REVIEWS,
		OPT_ENCODING, OPT_SUBSIDIES, OPT_STATE, OPT_WORKSHEET,
		OPT_FOLLOW_UP, OPT_TRACE, OPT_REJECTS, OPT_EVIDENCE, OPT_HELP,
		OPT_VERSION
	};
	static const struct option options[] = {
		{ "policies", required_argument, NULL, 'p' },
		{ "dictionary", required_argument, NULL, 'd' },
		{ "portraits", required_argument, NULL, OPT_PORTRAITS },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "matches", required_argument, NULL, OPT_MATCHES },
		{ "reviews", required_argument, NULL, OPT_REVIEWS },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "subsidies", required_argument, NULL, OPT_SUBSIDIES },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "worksheet", required_argument, NULL, OPT_WORKSHEET },
		{ "follow-up", required_argument, NULL, OPT_FOLLOW_UP },
		{ "trace", required_argument, NULL, OPT_TRACE },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "evidence", required_argument, NULL, OPT_EVIDENCE },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *policies = NULL, *dictionary = NULL, *portraits = NULL,
	    *as_of = NULL, *matches = NULL, *reviews = NULL,
	    *subsidies = NULL, *state_dir = NULL, *worksheet = NULL,
	    *follow_up_path = NULL, *trace_path = NULL, *rejects_path = NULL,
	    *output_path = NULL;
	enum csv_encoding encoding = CSV_ENCODING_UTF8;
	struct output *worksheet_out, *follow_up_out;
	struct review_trace *trace;
	struct review_run run;
	unsigned long counts[3] = { 0, 0, 0 };
	char *stdin_path[] = { "-" };
	char *subsidies_default = NULL;
	int c, y, m, dd;

	pfe_init("pfe-review");
	xml_init();
	memset(&run, 0, sizeof(run));

	while ((c = getopt_long(argc, argv, "p:d:o:q", options, NULL)) != -1) {
		switch (c) {
		case 'p': policies = optarg; break;
		case 'd': dictionary = optarg; break;
		case OPT_PORTRAITS: portraits = optarg; break;
		case OPT_AS_OF: as_of = optarg; break;
		case OPT_MATCHES: matches = optarg; break;
		case OPT_REVIEWS: reviews = optarg; break;
		case OPT_ENCODING:
			if (strcmp(optarg, "utf-8") == 0 ||
			    strcmp(optarg, "UTF-8") == 0)
				encoding = CSV_ENCODING_UTF8;
			else if (strcmp(optarg, "gb18030") == 0 ||
			    strcmp(optarg, "GB18030") == 0)
				encoding = CSV_ENCODING_GB18030;
			else
				usage_error(_("invalid encoding '%s': expected utf-8 or gb18030"),
				    optarg);
			break;
		case OPT_SUBSIDIES: subsidies = optarg; break;
		case OPT_STATE: state_dir = optarg; break;
		case OPT_WORKSHEET: worksheet = optarg; break;
		case OPT_FOLLOW_UP: follow_up_path = optarg; break;
		case OPT_TRACE: trace_path = optarg; break;
		case OPT_REJECTS: rejects_path = optarg; break;
		case OPT_EVIDENCE: run.evidence_dir = optarg; break;
		case 'o': output_path = optarg; break;
		case 'q': run.quiet = 1; break;
		case OPT_HELP: usage(stdout); output_close_stdout(); exit(0);
		case OPT_VERSION: pfe_print_version(); break;
		default: usage(stderr); exit(PFE_EXIT_FATAL);
		}
	}

	if (policies == NULL)
		usage_error(_("missing option '--policies'"));
	if (dictionary == NULL)
		usage_error(_("missing option '--dictionary'"));
	if (portraits == NULL)
		usage_error(_("missing option '--portraits'"));
	if (as_of == NULL)
		usage_error(_("missing option '--as-of': the evaluation date is never read from the clock"));
	if (encoding != CSV_ENCODING_UTF8 && reviews == NULL)
		usage_error(_("option '--encoding' applies to '--reviews', which is missing"));
	run.as_of = date_parse_as_of(as_of);
	date_format(run.as_of, run.as_of_text);
	date_to_ymd(run.as_of, &y, &m, &dd);
	run.year = y;
	/* Grants count as submitted at the end of the as-of date, after
	   every application of that day. */
	run.grant_time = xasprintf("%sT23:59:59+08:00", run.as_of_text);

	run.dict = dict_load(dictionary);
	run.set = policy_load(policies, NULL, run.dict);
	run.divisions = division_table_load(NULL);
	if (state_dir != NULL)
		run.state = review_state_open(state_dir);
	run.rejects = rejects_open(rejects_path);
	rejects_set_quiet(run.rejects, run.quiet);

	if (optind < argc)
		review_read_application_files(&run, argv + optind,
		    (size_t)(argc - optind));
	else if (matches == NULL)
		review_read_application_files(&run, stdin_path, 1);
	if (matches != NULL)
		review_read_matches(&run, matches);
	if (reviews != NULL) {
		run.reviews_file = reviews;
		run.read_rows = review_read_rows(reviews, encoding, run.as_of,
		    run.dict, &run.rows, &run.nrows);
	}
	if (subsidies == NULL)
		subsidies_default = review_default_subsidies(run.dict);
	if (subsidies != NULL || subsidies_default != NULL)
		review_read_subsidies(&run, subsidies != NULL ? subsidies :
		    subsidies_default);
	review_read_portraits(&run, portraits);

	worksheet_out = open_people_file(worksheet, review_worksheet_columns,
	    REVIEW_WORKSHEET_COLUMNS, &run.worksheet);
	follow_up_out = open_people_file(follow_up_path,
	    review_follow_up_columns,
	    REVIEW_FOLLOW_UP_COLUMNS, &run.follow_up);
	trace = review_trace_open(trace_path);

	review_decide_all(&run);
	review_share(run.decisions, run.ndecisions, run.set, run.state,
	    run.year, trace);
	review_reject_unasked_rows(&run);
	write_decisions(&run, output_path, counts);

	if (worksheet_out != NULL) {
		review_write_worksheet_rows(&run);
		output_commit(worksheet_out);
	}
	if (follow_up_out != NULL)
		output_commit(follow_up_out);
	review_trace_close(trace);
	if (!run.quiet)
		fprintf(stderr, _("%s: read %lu applications, %lu matches, %lu reviews; wrote %zu decisions (%lu approved, %lu declined, %lu pending), %lu worksheet rows, %lu follow-ups; rejected %lu\n"),
		    pfe_progname(), run.read_apps, run.read_matches,
		    run.read_rows, run.ndecisions, counts[0], counts[1],
		    counts[2], (unsigned long)run.nworksheet_rows,
		    run.follow_up_rows,
		    rejects_count(run.rejects));
	c = rejects_count(run.rejects) > 0 ? PFE_EXIT_REJECTS : PFE_EXIT_OK;
	rejects_close(run.rejects);
	output_close_stdout();
	return c;
}
