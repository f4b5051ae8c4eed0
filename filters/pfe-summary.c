/*
 * pfe-summary: print what a pipeline run produced, from the files in its
 * output folder: enterprises, items, matches and match rate, notices,
 * decisions by outcome, payments prepared and held, rejects.
 */
#include <dirent.h>
#include <errno.h>
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

/* Disagreements listed one by one before the rest are only counted. */
#define MAX_REPORTED 10

/* Stage of one approved, payable decision, for the control totals. */
enum payment_stage {
	STAGE_NONE = 0,		/* neither in the ledger nor held */
	STAGE_HELD,		/* in held-payments.csv */
	STAGE_LEDGER,		/* prepared, approved, sent or settled */
	STAGE_RETURNED,		/* its latest attempt was returned or void */
	STAGE_SETTLED,		/* unapproved decisions only: settled */
	STAGE_COUNT
};

struct payable {
	char *decision;		/* decision id */
	int64_t award;		/* fen */
	long attempt;		/* latest attempt seen in the ledger */
	int64_t ledger_amount;	/* fen, of the latest attempt */
	enum payment_stage stage;
	size_t order;		/* ledger row number, for stable sorting */
	int owed;		/* decisions.csv records money owed back */
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
	int publicity_present;	/* cleared.csv exists */
	unsigned long cleared, publicity_held;
	int bank_present;	/* reconcile.csv exists */
	unsigned long settled, returned;
	int64_t settled_total, returned_total;
	struct payable *payables;	/* sorted by decision */
	size_t npayables;
	size_t payables_cap;
	char **owing;		/* decisions with money owed back recorded,
				   sorted */
	size_t nowing;
	struct payable *unapproved;	/* ledger payments of decisions
					   not approved in decisions.csv */
	size_t nunapproved;
	size_t unapproved_cap;
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

/* Append a decision to the array *LIST of *N entries and *CAP slots. */
static struct payable *
append_payable(struct payable **list, size_t *n, size_t *cap,
    const char *decision)
{
	struct payable *p;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*list = xreallocarray(*list, *cap, sizeof(**list));
	}
	p = &(*list)[(*n)++];
	memset(p, 0, sizeof(*p));
	p->decision = xstrdup(decision);
	return p;
}

static void
add_payable(struct summary *s, const char *decision, int64_t award)
{
	append_payable(&s->payables, &s->npayables, &s->payables_cap,
	    decision)->award = award;
}

static int
compare_payables(const void *a, const void *b)
{
	return strcmp(((const struct payable *)a)->decision,
	    ((const struct payable *)b)->decision);
}

/* Order ledger entries by decision, attempt, then ledger row. */
static int
compare_ledger_entries(const void *a, const void *b)
{
	const struct payable *x = a, *y = b;
	int c = strcmp(x->decision, y->decision);

	if (c != 0)
		return c;
	if (x->attempt != y->attempt)
		return x->attempt < y->attempt ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Return the payable decision DECISION, or NULL. */
static struct payable *
find_payable(struct summary *s, const char *decision)
{
	struct payable key;

	if (s->npayables == 0)
		return NULL;
	key.decision = (char *)decision;
	return bsearch(&key, s->payables, s->npayables, sizeof(key),
	    compare_payables);
}

static void
count_decisions(struct summary *s, const char *out)
{
	const char *path = join_path(out, "decisions.csv");
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);
	size_t outcome, award, decision;
	long owed, supersedes;

	if (reader == NULL)
		return;
	outcome = need_column(header, path, "outcome");
	award = need_column(header, path, "award");
	decision = need_column(header, path, "decision");
	owed = csv_column(header, "owed");
	supersedes = csv_column(header, "supersedes");
	while (csv_reader_next(reader, &record)) {
		const char *o = field(record, outcome);

		/* A revocation after payment names the decision it
		   corrects and the money owed back. */
		if (owed >= 0 && field(record, (size_t)owed)[0] != '\0') {
			const char *id = supersedes >= 0 &&
			    field(record, (size_t)supersedes)[0] != '\0' ?
			    field(record, (size_t)supersedes) :
			    field(record, decision);

			s->owing = xreallocarray(s->owing, s->nowing + 1,
			    sizeof(*s->owing));
			s->owing[s->nowing++] = xstrdup(id);
		}
		if (strcmp(o, "approved") == 0) {
			int64_t fen = amount(field(record, award), path,
			    record->line);

			s->approved++;
			s->approved_total += fen;
			if (fen > 0)
				add_payable(s, field(record, decision), fen);
		} else if (strcmp(o, "declined") == 0) {
			s->declined++;
		} else if (strcmp(o, "pending") == 0) {
			s->pending++;
		} else {
			die_at(path, record->line,
			    _("invalid outcome '%s': expected approved, declined or pending"),
			    o);
		}
	}
	csv_record_free(header);
	csv_reader_close(reader);
}

/*
 * Mark each payable decision listed in the held file PATH (column
 * decision) as held for the control totals. Returns the number of rows,
 * 0 when the file does not exist.
 */
static unsigned long
mark_held(struct summary *s, const char *path)
{
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);
	unsigned long rows = 0;
	size_t decision;

	if (reader == NULL)
		return 0;
	decision = need_column(header, path, "decision");
	while (csv_reader_next(reader, &record)) {
		struct payable *p = find_payable(s, field(record, decision));

		rows++;
		if (p != NULL && p->stage == STAGE_NONE)
			p->stage = STAGE_HELD;
	}
	csv_record_free(header);
	csv_reader_close(reader);
	return rows;
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

	s->held = mark_held(s, join_path(out, "held-payments.csv"));
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Return 1 when decisions.csv records money owed back for DECISION. */
static int
owes_money(const struct summary *s, const char *decision)
{
	if (s->nowing == 0)
		return 0;
	return bsearch(&decision, s->owing, s->nowing, sizeof(*s->owing),
	    compare_strings) != NULL;
}

/*
 * Follow each payable decision through the ledger: the latest row of its
 * latest attempt gives its stage. Rows are in the order they were
 * appended, so a later row of an attempt replaces an earlier one.
 */
static void
follow_ledger(struct summary *s, const char *state)
{
	const char *path = join_path(state, "ledger.csv");
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);
	size_t decision, attempt, amount_column, state_column;

	if (reader == NULL)
		return;
	decision = need_column(header, path, "decision");
	attempt = need_column(header, path, "attempt");
	amount_column = need_column(header, path, "amount");
	state_column = need_column(header, path, "state");
	while (csv_reader_next(reader, &record)) {
		struct payable *p = find_payable(s, field(record, decision));
		const char *st = field(record, state_column);
		long n = strtol(field(record, attempt), NULL, 10);

		if (p == NULL) {
			/* Kept in ledger order; the last row of a decision's
			   highest attempt is its state. */
			p = append_payable(&s->unapproved, &s->nunapproved,
			    &s->unapproved_cap, field(record, decision));
			p->attempt = n;
			p->order = s->nunapproved;
			if (strcmp(st, "prepared") == 0 ||
			    strcmp(st, "approved") == 0 ||
			    strcmp(st, "sent") == 0)
				p->stage = STAGE_LEDGER;
			else if (strcmp(st, "settled") == 0)
				p->stage = STAGE_SETTLED;
			else
				p->stage = STAGE_NONE;
			p->owed = owes_money(s, p->decision);
			continue;
		}
		if (n < p->attempt)
			continue;
		p->attempt = n;
		p->ledger_amount = amount(field(record, amount_column), path,
		    record->line);
		if (strcmp(st, "returned") == 0 || strcmp(st, "void") == 0)
			p->stage = STAGE_RETURNED;
		else
			p->stage = STAGE_LEDGER;
	}
	csv_record_free(header);
	csv_reader_close(reader);
}

/* Count what the simulated or real bank reported (reconcile.csv). */
static void
count_bank(struct summary *s, const char *out)
{
	const char *path = join_path(out, "reconcile.csv");
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);
	size_t after, amount_column;

	if (reader == NULL)
		return;
	s->bank_present = 1;
	after = need_column(header, path, "after");
	amount_column = need_column(header, path, "amount");
	while (csv_reader_next(reader, &record)) {
		int64_t fen = amount(field(record, amount_column), path,
		    record->line);

		if (strcmp(field(record, after), "settled") == 0) {
			s->settled++;
			s->settled_total += fen;
		} else if (strcmp(field(record, after), "returned") == 0) {
			s->returned++;
			s->returned_total += fen;
		}
	}
	csv_record_free(header);
	csv_reader_close(reader);
}

/*
 * Check the control totals: every approved decision with an award is in
 * the ledger with that amount, held, or returned by the bank. Prints the
 * totals; returns 0 when they agree, else prints each disagreement and
 * returns -1.
 */
static int
check_control_totals(const struct summary *s)
{
	unsigned long count[STAGE_COUNT] = { 0 };
	int64_t total[STAGE_COUNT] = { 0 };
	int64_t approved_total = 0;
	char a[MONEY_BUFSIZE], b[MONEY_BUFSIZE], c[MONEY_BUFSIZE],
	    d[MONEY_BUFSIZE], e[MONEY_BUFSIZE];
	unsigned long disagreements = 0;
	size_t i;

	for (i = 0; i < s->npayables; i++) {
		const struct payable *p = &s->payables[i];

		approved_total += p->award;
		count[p->stage]++;
		/* The ledger's own amounts, so a difference shows in the
		   equation and not only in the message. */
		total[p->stage] += p->stage == STAGE_LEDGER ||
		    p->stage == STAGE_RETURNED ? p->ledger_amount : p->award;
		if (p->stage == STAGE_NONE) {
			if (++disagreements <= MAX_REPORTED)
				warn_msg(_("control totals: approved decision '%s' is neither in the ledger nor held"),
				    p->decision);
		} else if (p->stage != STAGE_HELD &&
		    p->ledger_amount != p->award) {
			if (++disagreements <= MAX_REPORTED)
				warn_msg(_("control totals: decision '%s' is %s yuan in decisions.csv but %s yuan in the ledger"),
				    p->decision, money_format(p->award, a),
				    money_format(p->ledger_amount, b));
		}
	}
	printf(_("  control:      approved %zu (%s yuan) = in the ledger %lu (%s yuan) + returned %lu (%s yuan) + held %lu (%s yuan) + missing %lu (%s yuan)\n"),
	    s->npayables, money_format(approved_total, a),
	    count[STAGE_LEDGER], money_format(total[STAGE_LEDGER], b),
	    count[STAGE_RETURNED], money_format(total[STAGE_RETURNED], c),
	    count[STAGE_HELD], money_format(total[STAGE_HELD], d),
	    count[STAGE_NONE], money_format(total[STAGE_NONE], e));
	/* A payment still on its way whose decision is no longer approved
	   would pay what review took back. After sorting, the last entry
	   of each decision has the state of its highest attempt. */
	for (i = 0; i < s->nunapproved; i++) {
		const struct payable *p = &s->unapproved[i];

		if (i + 1 < s->nunapproved &&
		    strcmp(s->unapproved[i + 1].decision, p->decision) == 0)
			continue;
		if (p->stage == STAGE_LEDGER) {
			if (++disagreements <= MAX_REPORTED)
				warn_msg(_("control totals: decision '%s' is in the ledger on its way to the bank but not approved in decisions.csv: make its batch void"),
				    p->decision);
		} else if (p->stage == STAGE_SETTLED && !p->owed) {
			if (++disagreements <= MAX_REPORTED)
				warn_msg(_("control totals: decision '%s' was settled but is not approved in decisions.csv, which records no money owed back: record the revocation with a correction"),
				    p->decision);
		}
	}
	if (disagreements > MAX_REPORTED)
		warn_msg(_("control totals: %lu more disagreements not shown"),
		    disagreements - MAX_REPORTED);
	return disagreements == 0 ? 0 : -1;
}

/*
 * Count the decisions publicity cleared for payment, and mark the ones
 * it keeps back (period not ended, objection) as held for the control
 * totals.
 */
static void
count_publicity(struct summary *s, const char *out)
{
	const char *path = join_path(out, "cleared.csv");
	struct csv_record *header, *record;
	struct csv_reader *reader = open_table(path, &header);

	if (reader == NULL)
		return;
	s->publicity_present = 1;
	while (csv_reader_next(reader, &record))
		s->cleared++;
	csv_record_free(header);
	csv_reader_close(reader);

	s->publicity_held = mark_held(s,
	    join_path(out, "publicity-held.csv"));
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
	char total[MONEY_BUFSIZE], rate[MONEY_BUFSIZE];

	printf(_("pfe summary of %s\n"), out);
	printf(_("  enterprises:  %lu\n"), s->portraits.rows);
	printf(_("  policy items: %lu (automatic %lu, semi-automatic %lu, manual %lu)\n"),
	    s->items.rows, s->items_by_mode[0], s->items_by_mode[1],
	    s->items_by_mode[2]);
	format_percent(rate, sizeof(rate), s->matched_enterprises,
	    s->portraits.rows);
	printf(_("  matches:      %lu eligible, %lu near misses; %lu enterprises eligible for at least one item (match rate %s)\n"),
	    s->eligible, s->near_misses, s->matched_enterprises, rate);
	printf(_("  notices:      %lu enterprises in the outbox\n"),
	    s->notices);
	printf(_("  decisions:    %lu approved (%s yuan), %lu declined, %lu pending\n"),
	    s->approved, money_format(s->approved_total, total), s->declined,
	    s->pending);
	if (s->publicity_present)
		printf(_("  publicity:    %lu cleared for payment, %lu held (period not ended, objection)\n"),
		    s->cleared, s->publicity_held);
	printf(_("  payments:     %lu prepared in this run (%s yuan), %lu held\n"),
	    s->prepared, money_format(s->prepared_total, total), s->held);
	if (s->bank_present)
		printf(_("  bank:         %lu settled (%s yuan), %lu returned (%s yuan)\n"),
		    s->settled, money_format(s->settled_total, total),
		    s->returned, money_format(s->returned_total, rate));
	printf(_("  rejects:      %lu rejected records, %lu exact duplicates (see %s/rejects/)\n"),
	    s->rejects, s->duplicates, out);
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s --out DIR [--state DIR]\n"),
	    pfe_progname());
	fputs(_("Print what a pipeline run wrote to its output folder, and check that\n"
	    "every approved award is in the payment ledger, held or returned.\n"
	    "\n"
	    "  --out DIR     the pipeline's output folder\n"
	    "  --state DIR   its state folder (default: DIR/state of --out)\n"
	    "  --help        show this help and exit\n"
	    "  --version     show the version and exit\n"), stream);
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "out", required_argument, NULL, 'O' },
		{ "state", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct summary s;
	const char *out = NULL, *state = NULL;
	char *state_dir;
	int status = PFE_EXIT_OK;
	int c;

	pfe_init("pfe-summary");
	/* GB18030 input is converted with iconv: no --encoding here. */
	csv_set_encoding_option(0);

	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (c) {
		case 'O':
			out = optarg;
			break;
		case 'S':
			state = optarg;
			break;
		case 'h':
			usage(stdout);
			output_close_stdout();
			return PFE_EXIT_OK;
		case 'V':
			pfe_print_version();
			break;
		default:
			usage_option_error(c, argv, optind, optopt);
		}
	}
	if (out == NULL)
		usage_error(_("missing --out DIR"));
	if (optind != argc)
		usage_error(_("unexpected argument '%s'"), argv[optind]);

	if (access(out, R_OK | X_OK) != 0)
		die(_("cannot read the output folder '%s': %s"), out,
		    strerror(errno));

	memset(&s, 0, sizeof(s));
	count_portraits(&s, out);
	count_items(&s, out);
	count_matches(&s, out);
	count_notices(&s, out);
	count_decisions(&s, out);
	if (s.npayables > 0)
		qsort(s.payables, s.npayables, sizeof(*s.payables),
		    compare_payables);
	for (size_t i = 1; i < s.npayables; i++)
		if (strcmp(s.payables[i].decision,
		    s.payables[i - 1].decision) == 0)
			die(_("%s/decisions.csv: duplicate decision id '%s'"),
			    out, s.payables[i].decision);
	if (s.nowing > 0)
		qsort(s.owing, s.nowing, sizeof(*s.owing), compare_strings);
	count_publicity(&s, out);
	count_payments(&s, out);
	state_dir = state != NULL ? xstrdup(state) : xasprintf("%s/state", out);
	follow_ledger(&s, state_dir);
	free(state_dir);
	if (s.nunapproved > 0)
		qsort(s.unapproved, s.nunapproved, sizeof(*s.unapproved),
		    compare_ledger_entries);
	count_bank(&s, out);
	count_rejects(&s, out);

	print_summary(&s, out);
	if (check_control_totals(&s) != 0) {
		warn_msg(_("control totals disagree: check the payment step"));
		status = PFE_EXIT_FATAL;
	}
	output_close_stdout();
	return status;
}
