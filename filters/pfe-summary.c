/*
 * pfe-summary: print what a pipeline run produced, from the files in its
 * output folder: enterprises, items, matches and match rate, notices,
 * decisions by outcome, payments prepared and held, rejects.
 */
#include <dirent.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "err.h"
#include "money.h"
#include "output.h"
#include "pfe.h"

/* Counts taken from one CSV file. */
struct table_counts {
	int present;		/* the file exists */
	unsigned long rows;	/* records after the header */
};

struct summary {
	struct table_counts portraits;
	struct table_counts items;
	unsigned long items_by_mode[3];	/* automatic, semi, manual */
	unsigned long eligible;
	unsigned long near_misses;
	unsigned long matched_enterprises;
	unsigned long approved, declined, pending;
	int64_t approved_total;
	unsigned long prepared;
	int64_t prepared_total;
	unsigned long held;
	unsigned long notices;
	unsigned long rejects;
	unsigned long duplicates;
};

static const char *
join_path(const char *folder, const char *name)
{
	static char *path;

	free(path);
	path = xasprintf("%s/%s", folder, name);
	return path;
}

/*
 * Open PATH and read its header; return NULL when the file does not
 * exist. Sets *HEADER to a copy the caller frees.
 */
static struct csv_reader *
open_table(const char *path, struct csv_record **header)
{
	struct csv_reader *reader;
	struct csv_record *record;

	if (access(path, F_OK) != 0)
		return NULL;
	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	if (!csv_reader_next(reader, &record))
		die_at(path, 1, _("missing header"));
	*header = csv_record_copy(record);
	return reader;
}

/* Return the index of column NAME in HEADER or die naming the file. */
static size_t
need_column(const struct csv_record *header, const char *path,
    const char *name)
{
	long i = csv_column(header, name);

	if (i < 0)
		die_at(path, 1, _("missing column '%s'"), name);
	return (size_t)i;
}

static const char *
field(const struct csv_record *record, size_t i)
{
	return i < record->nfields ? record->fields[i] : "";
}

/* Parse a yuan amount from FILE:LINE or die. */
static int64_t
amount(const char *s, const char *path, long line)
{
	int64_t fen;

	if (s[0] == '\0')
		return 0;
	if (money_parse(s, MONEY_YUAN, &fen) != 0)
		die_at(path, line, _("invalid amount '%s'"), s);
	return fen;
}

static void
count_portraits(struct summary *s, const char *out)
{
	const char *path = join_path(out, "portraits.csv");
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);

	if (reader == NULL)
		return;
	s->portraits.present = 1;
	while (csv_reader_next(reader, &record))
		s->portraits.rows++;
	csv_record_free(header);
	csv_reader_close(reader);
}

static void
count_items(struct summary *s, const char *out)
{
	const char *path = join_path(out, "modes.csv");
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);
	size_t mode;

	if (reader == NULL)
		return;
	mode = need_column(header, path, "mode");
	s->items.present = 1;
	while (csv_reader_next(reader, &record)) {
		const char *m = field(record, mode);

		s->items.rows++;
		if (strcmp(m, "automatic") == 0)
			s->items_by_mode[0]++;
		else if (strcmp(m, "semi-automatic") == 0)
			s->items_by_mode[1]++;
		else if (strcmp(m, "manual") == 0)
			s->items_by_mode[2]++;
	}
	csv_record_free(header);
	csv_reader_close(reader);
}

/* Matches are sorted by USCC, so enterprises with an eligible item are
   counted by comparing each row with the last one counted. */
static void
count_matches(struct summary *s, const char *out)
{
	const char *path = join_path(out, "matches.csv");
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);
	size_t uscc, status;
	char last[64] = "";

	if (reader == NULL)
		return;
	uscc = need_column(header, path, "uscc");
	status = need_column(header, path, "status");
	while (csv_reader_next(reader, &record)) {
		if (strcmp(field(record, status), "eligible") == 0) {
			s->eligible++;
			if (strcmp(field(record, uscc), last) != 0) {
				s->matched_enterprises++;
				snprintf(last, sizeof(last), "%s",
				    field(record, uscc));
			}
		} else {
			s->near_misses++;
		}
	}
	csv_record_free(header);
	csv_reader_close(reader);
}

static void
count_decisions(struct summary *s, const char *out)
{
	const char *path = join_path(out, "decisions.csv");
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);
	size_t outcome, award;

	if (reader == NULL)
		return;
	outcome = need_column(header, path, "outcome");
	award = need_column(header, path, "award");
	while (csv_reader_next(reader, &record)) {
		const char *o = field(record, outcome);

		if (strcmp(o, "approved") == 0) {
			s->approved++;
			s->approved_total += amount(field(record, award), path,
			    record->line);
		} else if (strcmp(o, "declined") == 0) {
			s->declined++;
		} else {
			s->pending++;
		}
	}
	csv_record_free(header);
	csv_reader_close(reader);
}

/* Count the payments this run prepared (payments.csv) and held. */
static void
count_payments(struct summary *s, const char *out)
{
	const char *path = join_path(out, "payments.csv");
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);
	size_t amount_column;

	if (reader != NULL) {
		amount_column = need_column(header, path, "amount");
		while (csv_reader_next(reader, &record)) {
			s->prepared++;
			s->prepared_total += amount(field(record,
			    amount_column), path, record->line);
		}
		csv_record_free(header);
		csv_reader_close(reader);
	}

	path = join_path(out, "held-payments.csv");
	reader = open_table(path, &header);
	if (reader != NULL) {
		while (csv_reader_next(reader, &record))
			s->held++;
		csv_record_free(header);
		csv_reader_close(reader);
	}
}

/* Count the notices in the outbox this run wrote. */
static void
count_notices(struct summary *s, const char *out)
{
	const char *path = join_path(out, "outbox.csv");
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);

	if (reader == NULL)
		return;
	while (csv_reader_next(reader, &record))
		s->notices++;
	csv_record_free(header);
	csv_reader_close(reader);
}

/* Count rejects and duplicates over every file in OUT/rejects. */
static void
count_rejects(struct summary *s, const char *out)
{
	char *folder = xasprintf("%s/rejects", out);
	struct dirent **names;
	int n, i;

	n = scandir(folder, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t len = strlen(name);

		if (len > 4 && strcmp(name + len - 4, ".csv") == 0 &&
		    name[0] != '.') {
			char *path = xasprintf("%s/%s", folder, name);
			struct csv_record *header, *record;
			struct csv_reader *reader = open_table(path, &header);
			size_t kind = need_column(header, path, "kind");

			while (csv_reader_next(reader, &record)) {
				if (strcmp(field(record, kind), "duplicate") == 0)
					s->duplicates++;
				else
					s->rejects++;
			}
			csv_record_free(header);
			csv_reader_close(reader);
			free(path);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	free(folder);
}

/* Format NUM/DEN as a percentage with one decimal, rounded half up,
   by integer arithmetic. */
static void
format_percent(char *buf, size_t size, unsigned long num, unsigned long den)
{
	unsigned long long tenths;

	if (den == 0) {
		snprintf(buf, size, "-");
		return;
	}
	tenths = ((unsigned long long)num * 2000 + den) / (2ULL * den);
	snprintf(buf, size, "%llu.%llu%%", tenths / 10, tenths % 10);
}

static void
print_summary(const struct summary *s, const char *out)
{
	char total[MONEY_BUFSIZE], rate[32];

	printf(_("pfe summary of %s\n"), out);
	printf(_("  enterprises:  %lu\n"), s->portraits.rows);
	printf(_("  policy items: %lu (automatic %lu, semi-automatic %lu, manual %lu)\n"),
	    s->items.rows, s->items_by_mode[0], s->items_by_mode[1],
	    s->items_by_mode[2]);
	format_percent(rate, sizeof(rate), s->matched_enterprises,
	    s->portraits.rows);
	printf(_("  matches:      %lu eligible, %lu near misses; %lu enterprises eligible for at least one item (match rate %s)\n"),
	    s->eligible, s->near_misses, s->matched_enterprises, rate);
	printf(_("  notices:      %lu enterprises notified in this run\n"),
	    s->notices);
	printf(_("  decisions:    %lu approved (%s yuan), %lu declined, %lu pending\n"),
	    s->approved, money_format(s->approved_total, total), s->declined,
	    s->pending);
	printf(_("  payments:     %lu prepared in this run (%s yuan), %lu held\n"),
	    s->prepared, money_format(s->prepared_total, total), s->held);
	printf(_("  rejects:      %lu rejected records, %lu exact duplicates (see %s/rejects/)\n"),
	    s->rejects, s->duplicates, out);
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s --out DIR\n"), pfe_progname());
	fputs(_("Print what a pipeline run wrote to its output folder DIR.\n"
	    "\n"
	    "  --out DIR   the pipeline's output folder\n"
	    "  --help      show this help and exit\n"
	    "  --version   show the version and exit\n"), stream);
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "out", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct summary s;
	const char *out = NULL;
	int c;

	pfe_init("pfe-summary");

	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (c) {
		case 'O':
			out = optarg;
			break;
		case 'h':
			usage(stdout);
			output_close_stdout();
			return PFE_EXIT_OK;
		case 'V':
			pfe_print_version();
			break;
		default:
			usage_error(_("invalid option"));
		}
	}
	if (out == NULL)
		usage_error(_("missing --out DIR"));
	if (optind != argc)
		usage_error(_("unexpected argument '%s'"), argv[optind]);

	memset(&s, 0, sizeof(s));
	count_portraits(&s, out);
	count_items(&s, out);
	count_matches(&s, out);
	count_notices(&s, out);
	count_decisions(&s, out);
	count_payments(&s, out);
	count_rejects(&s, out);

	print_summary(&s, out);
	output_close_stdout();
	return PFE_EXIT_OK;
}
