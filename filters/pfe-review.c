/*
 * pfe-review: decide applications for policy items, and grant eligible
 * matches of free-of-application items, under per-enterprise caps,
 * highest-award groups and budgets. Writes decisions and a worksheet.
 */

#include <errno.h>
#include <getopt.h>
#include <iconv.h>
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

#define UTF8_BOM "\xEF\xBB\xBF"

/* One output row of decisions.csv. */
struct output_row {
	const char *fields[REVIEW_DECISION_COLUMNS];
	char *owned[4];		/* strings FIELDS points to, freed after */
	int final;		/* decided by this run and final: appended to
				   the state folder */
};

/* Fill ROW for D, decided by this run. A grant's spooled reasons are
   read here, so grants must come in id order. */
static void
decision_fields(struct review_run *run, const struct review_decision *d,
    struct output_row *row)
{
	char computed[MONEY_BUFSIZE] = "", award[MONEY_BUFSIZE] = "";
	const char **fields = row->fields;

	if (d->outcome == REVIEW_APPROVED) {
		money_format(d->computed, computed);
		money_format(d->award, award);
	} else if (d->outcome == REVIEW_DECLINED)
		money_format(0, award);
	row->owned[0] = review_decision_reasons(run, d);
	row->owned[1] = xstrdup(computed);
	row->owned[2] = xstrdup(award);
	row->owned[3] = review_decision_id(d, run->year);
	fields[0] = row->owned[3];
	fields[1] = d->app != NULL ? d->app->id : "";
	fields[2] = d->uscc;
	fields[3] = d->policy->id;
	fields[4] = policy_mode_name(d->policy->mode);
	fields[5] = d->outcome == REVIEW_APPROVED ? "approved" :
	    d->outcome == REVIEW_DECLINED ? "declined" : "pending";
	fields[6] = row->owned[1];
	fields[7] = row->owned[2];
	fields[8] = row->owned[0];
	/* A pending decision has no author yet. Without reviewers, the
	   author is the program, at the as-of date. */
	fields[9] = d->outcome == REVIEW_PENDING ? "" :
	    d->author != NULL ? d->author->names : "pfe-review";
	fields[10] = d->outcome == REVIEW_PENDING ? "" :
	    d->author != NULL ? d->author->at : run->as_of_text;
	fields[11] = d->app != NULL && d->app->project_code != NULL ?
	    d->app->project_code : "";
	fields[12] = "";
	fields[13] = "";
	row->final = d->outcome != REVIEW_PENDING;
}

/* Fill ROW from the state folder's decision P. */
static void
prior_fields(const struct review_state *st, const struct review_prior *p,
    struct output_row *row)
{
	size_t j;

	for (j = 0; j < REVIEW_DECISION_COLUMNS; j++)
		row->fields[j] = review_cell(p->record, p->added ? (long)j :
		    csv_column(st->header, review_decision_columns[j]));
	/* A correction of this run is new to the state folder. */
	row->final = p->added;
}

/* Fill ROW for D: decided by this run, or reproduced from the state
   folder. Returns 0 when a correction of this run replaces D, which is
   then written as that correction. */
static int
row_fields(struct review_run *run, const struct review_decision *d,
    struct output_row *row)
{
	const struct review_prior *latest;

	memset(row, 0, sizeof(*row));
	if (d->carried == NULL) {
		decision_fields(run, d, row);
		return 1;
	}
	latest = review_state_latest(run->state, d->carried);
	if (latest->added)
		return 0;
	prior_fields(run->state, latest, row);
	return 1;
}

static void
row_free(struct output_row *row)
{
	size_t j;

	for (j = 0; j < 4; j++)
		free(row->owned[j]);
}

static int
compare_output_rows(const void *a, const void *b)
{
	const struct output_row *x = a, *y = b;

	return strcmp(x->fields[0], y->fields[0]);
}

/*
 * Write decisions.csv sorted by decision id. A decision of an earlier run
 * is reproduced from the state folder, or replaced by the last correction
 * of it, and every correction of this run is written. This run's final
 * decisions are appended to the state folder. Applications and
 * corrections are few, so their rows are made and sorted first. Grants
 * are many and come in id order, so each grant's row is made as it is
 * written.
 */
static void
write_decisions(struct review_run *run, const char *path,
    unsigned long counts[3])
{
	struct output *out = output_open(path, 0644);
	FILE *stream = output_stream(out);
	size_t nadded = run->state != NULL ? run->state->nadded : 0;
	size_t napps = run->ndecisions - run->ngrants;
	struct output_row *rows = xcalloc(napps + nadded + 1, sizeof(*rows));
	struct output_row grant, *row;
	size_t i, n = 0, g = 0;
	int have_grant = 0;
	char *last = NULL;

	for (i = run->ngrants; i < run->ndecisions; i++)
		n += row_fields(run, &run->decisions[i], &rows[n]);
	for (i = 0; i < nadded; i++)
		prior_fields(run->state, &run->state->added[i], &rows[n++]);
	if (n > 0)
		qsort(rows, n, sizeof(*rows), compare_output_rows);

	csv_write_row(stream, CSV_WRITE_DATA, REVIEW_DECISION_COLUMNS,
	    review_decision_columns);
	i = 0;
	for (;;) {
		const char *outcome;

		while (!have_grant && g < run->ngrants)
			have_grant = row_fields(run, run->grants_by_id[g++],
			    &grant);
		if (have_grant && (i == n ||
		    strcmp(grant.fields[0], rows[i].fields[0]) < 0))
			row = &grant;
		else if (i < n)
			row = &rows[i++];
		else
			break;

		/* A decision reached twice is written once. */
		if (last != NULL && strcmp(row->fields[0], last) == 0)
			goto next;
		free(last);
		last = xstrdup(row->fields[0]);
		outcome = row->fields[5];
		csv_write_row(stream, CSV_WRITE_DATA, REVIEW_DECISION_COLUMNS,
		    row->fields);
		counts[strcmp(outcome, "approved") == 0 ? 0 :
		    strcmp(outcome, "declined") == 0 ? 1 : 2]++;
		/* The state folder records only what will not change:
		   approved and declined decisions, and corrections. */
		if (run->state != NULL && row->final)
			review_state_append(run->state,
			    review_decision_columns, REVIEW_DECISION_COLUMNS,
			    row->fields);
next:
		if (row == &grant) {
			row_free(&grant);
			have_grant = 0;
		}
	}
	output_commit(out);
	if (run->state != NULL)
		review_state_commit(run->state);
	free(last);
	for (i = 0; i < n; i++)
		row_free(&rows[i]);
	free(rows);
}

/* Copy the UTF-8 text of FROM to STREAM as GB18030, which maps every
   Unicode code point (GB 18030-2005). NAME is for messages. */
static void
copy_gb18030(FILE *from, FILE *stream, const char *name)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	char in[65536], buffer[4096];
	size_t have = 0, got;

	if (cd == (iconv_t)-1)
		die_errno(_("cannot convert '%s' to GB18030"), name);
	while ((got = fread(in + have, 1, sizeof(in) - have, from)) > 0 ||
	    have > 0) {
		char *text = in;
		size_t len = have + got;

		while (len > 0) {
			char *out = buffer;
			size_t room = sizeof(buffer);
			size_t status = iconv(cd, &text, &len, &out, &room);
			int error = errno;

			fwrite(buffer, 1, sizeof(buffer) - room, stream);
			if (status != (size_t)-1 || error == E2BIG)
				continue;
			/* A character cut at the end of what was read is
			   completed by the next read. */
			if (error == EINVAL && got > 0)
				break;
			die_errno(_("cannot convert '%s' to GB18030"), name);
		}
		memmove(in, text, len);
		have = len;
	}
	if (ferror(from))
		die_errno(_("cannot convert '%s' to GB18030"), name);
	iconv_close(cd);
}

/* A file for people: UTF-8 written as it comes, or GB18030 converted
   from a temporary file when it is committed. */
struct people_file {
	struct output *out;
	enum csv_encoding encoding;
	FILE *temporary;	/* GB18030: the UTF-8 text, header first */
};

/* Open a file for people at PATH (NULL: none) in ENCODING with its
   header. Sets *STREAM to where its rows go, or NULL. */
static void
open_people_file(struct people_file *file, const char *path,
    enum csv_encoding encoding, const char *const *header, size_t n,
    FILE **stream)
{
	memset(file, 0, sizeof(*file));
	*stream = NULL;
	if (path == NULL)
		return;
	file->out = output_open(path, 0644);
	file->encoding = encoding;
	if (encoding == CSV_ENCODING_UTF8) {
		/* With a byte-order mark, spreadsheet programs read the
		   file as UTF-8. */
		*stream = output_stream(file->out);
		fputs(UTF8_BOM, *stream);
	} else {
		file->temporary = tmpfile();
		if (file->temporary == NULL)
			die_errno(_("cannot build '%s'"), path);
		*stream = file->temporary;
	}
	csv_write_row(*stream, CSV_WRITE_DATA, n, header);
}

/* Convert FILE to GB18030 when it was opened for it, and commit it. */
static void
commit_people_file(struct people_file *file)
{
	if (file->out == NULL)
		return;
	if (file->temporary != NULL) {
		if (fflush(file->temporary) != 0 ||
		    fseek(file->temporary, 0, SEEK_SET) != 0)
			die_errno(_("cannot build '%s'"),
			    output_name(file->out));
		copy_gb18030(file->temporary, output_stream(file->out),
		    output_name(file->out));
		fclose(file->temporary);
	}
	output_commit(file->out);
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s -p policies.xml -d dictionary.xml --portraits portraits.csv\n"
	    "           --as-of DATE [--matches matches.csv] [--reviews reviews.csv]\n"
	    "           [--encoding utf-8 | gb18030] [--subsidies subsidies.csv]\n"
	    "           [--state DIR [--corrections FILE]] [--evidence DIR]\n"
	    "           [--worksheet FILE] [--follow-up FILE]\n"
	    "           [--output-encoding utf-8 | gb18030] [--trace FILE]\n"
	    "           [--rejects FILE] [-o decisions.csv] [-q] [application.xml ...]\n"),
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
	    "      --encoding ENC     encoding of --reviews and --corrections:\n"
	    "                         utf-8 (default) or gb18030\n"
	    "      --subsidies FILE   subsidies already received (project numbers)\n"
	    "      --state DIR        state folder: earlier decisions, lock\n"
	    "      --corrections FILE corrections of decisions in the state folder\n"
	    "      --evidence DIR     check handed-in files in DIR/APPLICATION/FILE\n"
	    "      --worksheet FILE   write what reviewers must confirm\n"
	    "      --follow-up FILE   write matches that could not be granted\n"
	    "      --output-encoding ENC  encoding of the worksheet and follow-up\n"
	    "                         list: utf-8 with a byte-order mark (default)\n"
	    "                         or gb18030\n"
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
		OPT_FOLLOW_UP, OPT_TRACE, OPT_REJECTS, OPT_EVIDENCE,
		OPT_CORRECTIONS, OPT_OUTPUT_ENCODING, OPT_HELP, OPT_VERSION
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
		{ "corrections", required_argument, NULL, OPT_CORRECTIONS },
		{ "output-encoding", required_argument, NULL,
		    OPT_OUTPUT_ENCODING },
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
	    *output_path = NULL, *corrections = NULL;
	enum csv_encoding encoding = CSV_ENCODING_UTF8;
	struct people_file worksheet_file, follow_up_file;
	enum csv_encoding people_encoding = CSV_ENCODING_UTF8;
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
		case OPT_CORRECTIONS: corrections = optarg; break;
		case OPT_OUTPUT_ENCODING:
			if (strcmp(optarg, "utf-8") == 0 ||
			    strcmp(optarg, "UTF-8") == 0)
				people_encoding = CSV_ENCODING_UTF8;
			else if (strcmp(optarg, "gb18030") == 0 ||
			    strcmp(optarg, "GB18030") == 0)
				people_encoding = CSV_ENCODING_GB18030;
			else
				usage_error(_("invalid output encoding '%s': expected utf-8 or gb18030"),
				    optarg);
			break;
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
	if (encoding != CSV_ENCODING_UTF8 && reviews == NULL &&
	    corrections == NULL)
		usage_error(_("option '--encoding' applies to '--reviews' and '--corrections', which are missing"));
	if (corrections != NULL && state_dir == NULL)
		usage_error(_("option '--corrections' needs '--state': only decisions in the state folder can be corrected"));
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
	if (corrections != NULL)
		review_read_corrections(&run, corrections, encoding);

	open_people_file(&worksheet_file, worksheet, people_encoding,
	    review_worksheet_columns, REVIEW_WORKSHEET_COLUMNS,
	    &run.worksheet);
	open_people_file(&follow_up_file, follow_up_path, people_encoding,
	    review_follow_up_columns, REVIEW_FOLLOW_UP_COLUMNS,
	    &run.follow_up);
	trace = review_trace_open(trace_path);

	/* Grants are decided as the portraits and matches stream by, then
	   the applications, on the applicants' kept portraits. */
	review_decide_begin(&run);
	review_join(&run, portraits, matches);
	review_decide_applications(&run);
	review_share(run.sharing, run.ndecisions, run.set, run.state,
	    run.year, trace);
	review_reject_unasked_rows(&run);
	write_decisions(&run, output_path, counts);

	if (run.worksheet != NULL)
		review_write_worksheet_rows(&run);
	commit_people_file(&worksheet_file);
	commit_people_file(&follow_up_file);
	review_trace_close(trace);
	if (!run.quiet)
		fprintf(stderr, _("%s: read %lu applications, %lu matches, %lu reviews; wrote %zu decisions (%lu approved, %lu declined, %lu pending), %lu worksheet rows, %lu follow-ups; rejected %lu\n"),
		    pfe_progname(), run.read_apps, run.read_matches,
		    run.read_rows, (size_t)(counts[0] + counts[1] + counts[2]),
		    counts[0], counts[1],
		    counts[2], (unsigned long)run.nworksheet_rows,
		    run.follow_up_rows,
		    rejects_count(run.rejects));
	c = rejects_count(run.rejects) > 0 ? PFE_EXIT_REJECTS : PFE_EXIT_OK;
	rejects_close(run.rejects);
	output_close_stdout();
	return c;
}
