/*
 * pfe-publicity: write the publicity list of approved awards with personal
 * data masked, keep each decision's publicity period in the state folder,
 * and pass on only the decisions whose period ended without an objection.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"
#include "date.h"
#include "dict.h"
#include "err.h"
#include "money.h"
#include "output.h"
#include "pfe.h"
#include "policy.h"
#include "rejects.h"
#include "workday.h"

#define DEFAULT_DAYS 5
#define MAX_DAYS 365
#define STATE_FILE "publicity.csv"

/* Status of an approved decision after this run. */
enum publicity_status {
	STATUS_CLEARED,		/* period over, no open or upheld objection */
	STATUS_PUBLICITY,	/* period still running */
	STATUS_OBJECTION,	/* an objection is not yet resolved */
	STATUS_BLOCKED,		/* an objection was upheld: never paid */
	STATUS_UNPUBLISHED	/* no period started: no --list this run */
};

static const char *const status_names[] = {
	"cleared", "publicity", "objection", "blocked", "unpublished"
};

/* One record of decisions.csv. */
struct decision_row {
	struct csv_record *record;	/* owned copy */
	const char *file;	/* input file name, for rejects */
	size_t order;		/* position in the input */
	int rejected;		/* goes to the rejects file */
	char *reject_warning;	/* English message for stderr */
	char *reject_reason;	/* Chinese reason for the rejects file */
	long duplicate_of;	/* line of the first copy, or 0 */
	int listed;		/* approved with an award above zero */
	int64_t award;		/* fen */
	char *name;		/* enterprise name from portraits, or NULL */
	const char *title;	/* item title, or the item id without -p */
	int has_period;		/* start and last_day are set */
	int32_t start;		/* first day of the period */
	int32_t last_day;	/* last day of the period; start - 1 when
				   there is no period (0 days) */
	int new_period;		/* started by this run: append to state */
	char *upheld_on;	/* date an upheld objection was recorded in
				   the state, or NULL */
	int upheld_new;		/* upheld in this run's objections */
	char *holds;		/* Chinese reasons joined by "；", or NULL */
	enum publicity_status status;
};

/* One row of STATE/publicity.csv, the last one per decision. */
struct state_row {
	char *decision;
	size_t order;		/* row number in the file */
	int64_t award;		/* fen */
	int32_t start;
	int32_t last_day;	/* start - 1 when the end column is empty */
	char *upheld;		/* date, or "" */
};

struct publicity_run {
	int32_t as_of;
	int default_days;	/* length of a new period */
	struct workday_calendar *calendar;	/* non-NULL: default_days
						   counts working days */
	const char *calendar_path;
	int quiet;
	int publishing;		/* --list given: new periods start */
	struct rejects *rejects;
	struct decision_row *rows;	/* input order */
	size_t nrows, rows_cap;
	struct decision_row **by_id;	/* listed rows sorted by decision */
	size_t nlisted;
	struct csv_record *header;	/* of the first decisions file */
	size_t column_decision, column_uscc, column_item, column_outcome,
	    column_award;
	struct state_row *state;	/* sorted by decision */
	size_t nstate;
	char *state_bytes;	/* the old state file, copied unchanged */
	size_t state_len;
	unsigned long objections_read;
	unsigned long dropped;	/* declined, pending or zero award */
};

static const char *
field_at(const struct csv_record *record, size_t i)
{
	return i < record->nfields ? record->fields[i] : "";
}

static size_t
need_column(const struct csv_record *header, const char *file,
    const char *name)
{
	long i = csv_column(header, name);

	if (i < 0)
		die_at(file, 1, _("missing column '%s'"), name);
	return (size_t)i;
}

/*
 * Parse TEXT, yuan written as files between filters write it (digits, a
 * point, two decimals, no sign or grouping), into *FEN. Returns 0, or -1
 * for anything else, such as "3万" that money_parse alone would accept.
 */
static int
parse_yuan(const char *text, int64_t *fen)
{
	size_t digits = strspn(text, "0123456789");

	if (digits == 0 || text[digits] != '.' ||
	    strspn(text + digits + 1, "0123456789") != 2 ||
	    text[digits + 3] != '\0')
		return -1;
	return money_parse(text, MONEY_YUAN, fen);
}

/* Append REASON to *HOLDS, joined by the Chinese semicolon. */
static void
add_reason(char **holds, const char *reason)
{
	char *joined;

	if (*holds == NULL) {
		*holds = xstrdup(reason);
		return;
	}
	joined = xasprintf("%s；%s", *holds, reason);
	free(*holds);
	*holds = joined;
}

/* Return the number of UTF-8 characters in S (input is checked UTF-8). */
static size_t
utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/*
 * Return a newly allocated copy of S with every character after the
 * first replaced by "*": "张三丰" becomes "张**". An empty S stays empty.
 */
static char *
mask_text(const char *s)
{
	size_t first = 0, stars, len = strlen(s);
	char *masked;

	if (len == 0)
		return xstrdup("");
	first = 1;
	while (s[first] != '\0' && ((unsigned char)s[first] & 0xC0) == 0x80)
		first++;
	stars = utf8_length(s) - 1;
	masked = xmalloc(first + stars + 1);
	memcpy(masked, s, first);
	memset(masked + first, '*', stars);
	masked[first + stars] = '\0';
	return masked;
}

/*
 * Return the name to publish for enterprise USCC called NAME, newly
 * allocated. A 个体工商户 (USCC starting with "92") is often named after
 * its operator. A name of at most 4 characters may be a person's name.
 * Both are masked, and every other name is published as it is.
 */
static char *
public_name(const char *uscc, const char *name)
{
	if (strncmp(uscc, "92", 2) == 0 || utf8_length(name) <= 4)
		return mask_text(name);
	return xstrdup(name);
}

/* Record a reject: an English warning on stderr, the Chinese reason in
   the rejects file. */
static void
reject(struct publicity_run *run, const char *file,
    const struct csv_record *record, const char *warning,
    const char *reason)
{
	if (!run->quiet)
		warn_at(file, record->line, "%s", warning);
	rejects_add(run->rejects, file, record, "%s", reason);
}

/* Mark ROW as rejected with WARNING (English) and REASON (Chinese), both
   newly allocated. They are written later, in input order. */
static void
mark_rejected(struct decision_row *row, char *warning, char *reason)
{
	row->rejected = 1;
	row->listed = 0;
	row->reject_warning = warning;
	row->reject_reason = reason;
}

/* Order rows by the decision column (index *COLUMN), then input order. */
static int
compare_rows_by_id(const void *a, const void *b, void *column)
{
	const struct decision_row *x = *(struct decision_row *const *)a;
	const struct decision_row *y = *(struct decision_row *const *)b;
	size_t i = *(size_t *)column;
	int c = strcmp(field_at(x->record, i), field_at(y->record, i));

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Return 1 when records A and B have the same fields. */
static int
same_record(const struct csv_record *a, const struct csv_record *b)
{
	size_t i;

	if (a->nfields != b->nfields)
		return 0;
	for (i = 0; i < a->nfields; i++)
		if (a->lengths[i] != b->lengths[i] ||
		    memcmp(a->fields[i], b->fields[i], a->lengths[i]) != 0)
			return 0;
	return 1;
}

/* Read every record of the decisions file PATH into RUN->rows. */
static void
read_decisions(struct publicity_run *run, const char *path)
{
	const char *name = strcmp(path, "-") == 0 ? "standard input" : path;
	struct csv_reader *reader = csv_reader_open(path, NULL,
	    CSV_ENCODING_UTF8);
	struct csv_record *record;

	if (!csv_reader_next(reader, &record))
		die_at(name, 0, _("empty file: a header is expected"));
	if (run->header == NULL) {
		run->header = csv_record_copy(record);
		run->column_decision = need_column(record, name, "decision");
		run->column_uscc = need_column(record, name, "uscc");
		run->column_item = need_column(record, name, "item");
		run->column_outcome = need_column(record, name, "outcome");
		run->column_award = need_column(record, name, "award");
	} else if (!same_record(run->header, record)) {
		die_at(name, 1, _("header differs from the header of the first decisions file"));
	}
	while (csv_reader_next(reader, &record)) {
		struct decision_row *row;

		if (run->nrows == run->rows_cap) {
			run->rows_cap = run->rows_cap ? run->rows_cap * 2 : 256;
			run->rows = xreallocarray(run->rows, run->rows_cap,
			    sizeof(*run->rows));
		}
		row = &run->rows[run->nrows];
		memset(row, 0, sizeof(*row));
		row->record = csv_record_copy(record);
		row->file = xstrdup(name);
		row->order = run->nrows++;
	}
	csv_reader_close(reader);
}

/*
 * Check every decision in input order: field count, duplicates (exact
 * copies and conflicting rows with one id), award. Marks the rows to
 * list and sorts them by decision into RUN->by_id.
 */
static void
check_decisions(struct publicity_run *run)
{
	struct decision_row **sorted = xcalloc(run->nrows + 1,
	    sizeof(*sorted));
	long *first_line = xcalloc(run->nrows + 1, sizeof(*first_line));
	int *conflict = xcalloc(run->nrows + 1, sizeof(*conflict));
	size_t nsorted = 0, i;

	/* Rows with the wrong field count cannot be compared by id. */
	for (i = 0; i < run->nrows; i++)
		if (run->rows[i].record->nfields == run->header->nfields)
			sorted[nsorted++] = &run->rows[i];
	qsort_r(sorted, nsorted, sizeof(*sorted), compare_rows_by_id,
	    &run->column_decision);
	for (i = 0; i < nsorted; i++) {
		size_t j = i;

		while (j + 1 < nsorted && strcmp(field_at(sorted[j + 1]->record,
		    run->column_decision), field_at(sorted[i]->record,
		    run->column_decision)) == 0) {
			j++;
			if (same_record(sorted[j]->record, sorted[i]->record))
				first_line[sorted[j]->order] =
				    sorted[i]->record->line;
			else
				conflict[sorted[j]->order] = 1;
		}
		i = j;
	}
	for (i = 0; i < run->nrows; i++) {
		struct decision_row *row = &run->rows[i];
		const struct csv_record *r = row->record;
		const char *award = field_at(r, run->column_award);

		if (r->nfields != run->header->nfields) {
			mark_rejected(row, xasprintf(_("record has %zu fields, the header has %zu"),
			    r->nfields, run->header->nfields),
			    xstrdup("字段数与表头不一致"));
			continue;
		}
		if (first_line[i] != 0) {
			row->rejected = 1;
			row->duplicate_of = first_line[i];
			continue;
		}
		if (conflict[i]) {
			mark_rejected(row, xasprintf(_("decision '%s' appears twice with different values"),
			    field_at(r, run->column_decision)),
			    xstrdup("决定编号重复，且内容不同"));
			continue;
		}
		if (strcmp(field_at(r, run->column_outcome), "approved") != 0) {
			run->dropped++;
			continue;
		}
		if (parse_yuan(award, &row->award) != 0) {
			mark_rejected(row, xasprintf(_("invalid award '%s': expected yuan with two decimals"),
			    award), xasprintf("奖励金额'%s'无效：应为保留两位小数的元",
			    award));
			continue;
		}
		if (row->award == 0) {
			run->dropped++;
			continue;
		}
		row->listed = 1;
	}

	run->by_id = xcalloc(run->nrows + 1, sizeof(*run->by_id));
	for (i = 0; i < nsorted; i++)
		if (sorted[i]->listed)
			run->by_id[run->nlisted++] = sorted[i];
	free(sorted);
	free(first_line);
	free(conflict);
}

/* Return the listed decision with id ID, or NULL. */
static struct decision_row *
find_decision(const struct publicity_run *run, const char *id,
    size_t column)
{
	size_t low = 0, high = run->nlisted;

	while (low < high) {
		size_t middle = low + (high - low) / 2;
		int c = strcmp(id, field_at(run->by_id[middle]->record,
		    column));

		if (c == 0)
			return run->by_id[middle];
		if (c < 0)
			high = middle;
		else
			low = middle + 1;
	}
	return NULL;
}

static int
compare_uscc_rows(const void *a, const void *b, void *column)
{
	size_t c = *(size_t *)column;

	return strcmp(field_at((*(struct decision_row *const *)a)->record, c),
	    field_at((*(struct decision_row *const *)b)->record, c));
}

/*
 * Read the enterprise names of the listed decisions from portraits.csv
 * (columns uscc and name). Keeps memory to the decisions, not to the
 * portraits.
 */
static void
read_names(struct publicity_run *run, const char *path)
{
	struct decision_row **by_uscc = xcalloc(run->nlisted + 1,
	    sizeof(*by_uscc));
	struct csv_reader *reader;
	struct csv_record *record;
	size_t uscc, name, i;

	for (i = 0; i < run->nlisted; i++)
		by_uscc[i] = run->by_id[i];
	qsort_r(by_uscc, run->nlisted, sizeof(*by_uscc), compare_uscc_rows,
	    &run->column_uscc);
	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	if (!csv_reader_next(reader, &record))
		die_at(path, 0, _("empty file: a header is expected"));
	uscc = need_column(record, path, "uscc");
	name = need_column(record, path, "name");
	while (csv_reader_next(reader, &record)) {
		const char *code = field_at(record, uscc);
		size_t low = 0, high = run->nlisted;

		/* Find the first listed row of this enterprise. */
		while (low < high) {
			size_t middle = low + (high - low) / 2;

			if (strcmp(field_at(by_uscc[middle]->record,
			    run->column_uscc), code) < 0)
				low = middle + 1;
			else
				high = middle;
		}
		for (; low < run->nlisted && strcmp(field_at(
		    by_uscc[low]->record, run->column_uscc), code) == 0; low++)
			if (by_uscc[low]->name == NULL &&
			    field_at(record, name)[0] != '\0')
				by_uscc[low]->name = xstrdup(field_at(record,
				    name));
	}
	csv_reader_close(reader);
	free(by_uscc);
}

/* Order state rows by decision, then by their order in the file. */
static int
compare_state_rows(const void *a, const void *b)
{
	const struct state_row *x = a, *y = b;
	int c = strcmp(x->decision, y->decision);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Compare a decision id KEY with a state row, for bsearch. */
static int
compare_state_key(const void *key, const void *row)
{
	return strcmp(key, ((const struct state_row *)row)->decision);
}

/* Parse a whole number of days from TEXT in 0..MAX_DAYS, or return -1. */
static int
parse_days(const char *text)
{
	char *end;
	long days;

	if (text[0] < '0' || text[0] > '9')
		return -1;
	errno = 0;
	days = strtol(text, &end, 10);
	if (errno != 0 || *end != '\0' || days < 0 || days > MAX_DAYS)
		return -1;
	return (int)days;
}

/*
 * Take the lock on DIR/lock (creating DIR), then load DIR/publicity.csv
 * when it exists: its bytes, kept to be copied unchanged, and the last
 * row of each decision. Dies on a malformed state file. Returns the lock
 * descriptor, held until the program exits.
 */
static int
load_state(struct publicity_run *run, const char *dir)
{
	char *lock_path = xasprintf("%s/lock", dir);
	char *path = xasprintf("%s/%s", dir, STATE_FILE);
	struct csv_reader *reader;
	struct csv_record *record;
	size_t state_cap = 0, i, kept;
	size_t cdecision, caward, cstart, cend, cupheld;
	FILE *stream;
	int fd;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		die_errno(_("cannot create state folder '%s'"), dir);
	fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		die_errno(_("cannot open lock file '%s'"), lock_path);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			die(_("state folder '%s' is locked by another run: try again when that run has finished"),
			    dir);
		die_errno(_("cannot lock '%s'"), lock_path);
	}
	free(lock_path);

	stream = fopen(path, "rb");
	if (stream == NULL) {
		if (errno != ENOENT)
			die_errno(_("cannot open '%s'"), path);
		free(path);
		return fd;
	}
	{
		char buffer[8192];
		size_t n, cap = 0;

		while ((n = fread(buffer, 1, sizeof(buffer), stream)) > 0) {
			if (run->state_len + n > cap) {
				cap = (run->state_len + n) * 2;
				run->state_bytes = xrealloc(run->state_bytes,
				    cap);
			}
			memcpy(run->state_bytes + run->state_len, buffer, n);
			run->state_len += n;
		}
		if (ferror(stream))
			die_errno(_("cannot read '%s'"), path);
	}
	rewind(stream);
	reader = csv_reader_from_stream(stream, path, CSV_ENCODING_UTF8);
	if (!csv_reader_next(reader, &record))
		die_at(path, 0, _("empty file: a header is expected"));
	cdecision = need_column(record, path, "decision");
	caward = need_column(record, path, "award");
	cstart = need_column(record, path, "start");
	cend = need_column(record, path, "end");
	cupheld = need_column(record, path, "upheld");
	while (csv_reader_next(reader, &record)) {
		struct state_row *s;
		int32_t upheld;

		if (run->nstate == state_cap) {
			state_cap = state_cap ? state_cap * 2 : 64;
			run->state = xreallocarray(run->state, state_cap,
			    sizeof(*run->state));
		}
		s = &run->state[run->nstate];
		if (parse_yuan(field_at(record, caward), &s->award) != 0)
			die_at(path, record->line, _("invalid award '%s': expected yuan with two decimals"),
			    field_at(record, caward));
		if (date_parse(field_at(record, cstart), &s->start) != 0)
			die_at(path, record->line, _("invalid start date '%s'"),
			    field_at(record, cstart));
		/* An empty end is a period of 0 days. */
		s->last_day = s->start - 1;
		if (field_at(record, cend)[0] != '\0' &&
		    (date_parse(field_at(record, cend), &s->last_day) != 0 ||
		    s->last_day < s->start))
			die_at(path, record->line, _("invalid end date '%s': expected a date on or after the start"),
			    field_at(record, cend));
		if (field_at(record, cupheld)[0] != '\0' &&
		    date_parse(field_at(record, cupheld), &upheld) != 0)
			die_at(path, record->line, _("invalid date '%s' in column 'upheld'"),
			    field_at(record, cupheld));
		s->decision = xstrdup(field_at(record, cdecision));
		s->order = run->nstate;
		s->upheld = xstrdup(field_at(record, cupheld));
		run->nstate++;
	}
	csv_reader_close(reader);
	fclose(stream);
	free(path);

	/* Rows are appended over time, so the last row of a decision is
	   in force, but an upheld objection is never forgotten. */
	qsort(run->state, run->nstate, sizeof(*run->state),
	    compare_state_rows);
	kept = 0;
	for (i = 0; i < run->nstate; i++) {
		struct state_row *s = &run->state[i];

		if (i + 1 < run->nstate &&
		    strcmp(run->state[i + 1].decision, s->decision) == 0) {
			if (s->upheld[0] != '\0' &&
			    run->state[i + 1].upheld[0] == '\0') {
				free(run->state[i + 1].upheld);
				run->state[i + 1].upheld = s->upheld;
			} else {
				free(s->upheld);
			}
			free(s->decision);
			continue;
		}
		run->state[kept++] = *s;
	}
	run->nstate = kept;
	return fd;
}

static const struct state_row *
find_state(const struct publicity_run *run, const char *decision)
{
	if (run->nstate == 0)
		return NULL;
	return bsearch(decision, run->state, run->nstate,
	    sizeof(*run->state), compare_state_key);
}

/*
 * Return the last day of a new period that starts on START: the
 * default_days-th calendar or working day from START on, or START - 1
 * for a period of 0 days. Dies when the holiday calendar does not cover
 * the period.
 */
static int32_t
period_last_day(const struct publicity_run *run, int32_t start)
{
	int32_t last;
	int missing_year;

	if (run->default_days == 0)
		return start - 1;
	if (run->calendar == NULL)
		return start + run->default_days - 1;
	if (workday_last(run->calendar, start, run->default_days, &last,
	    &missing_year) != 0)
		die(_("holiday calendar '%s' has no dates in %d: add that year's holidays and make-up working days"),
		    run->calendar_path, missing_year);
	return last;
}

/*
 * Give each listed decision its publicity period: the one recorded in
 * the state when the published award is unchanged, else a new one that
 * starts on the as-of date when this run publishes a list.
 */
static void
assign_periods(struct publicity_run *run)
{
	size_t i;

	for (i = 0; i < run->nlisted; i++) {
		struct decision_row *row = run->by_id[i];
		const struct state_row *s = find_state(run,
		    field_at(row->record, run->column_decision));

		if (s != NULL && s->upheld[0] != '\0')
			row->upheld_on = xstrdup(s->upheld);
		if (s != NULL && (s->award == row->award ||
		    s->upheld[0] != '\0')) {
			row->has_period = 1;
			row->start = s->start;
			row->last_day = s->last_day;
		} else if (run->publishing) {
			row->has_period = 1;
			row->start = run->as_of;
			row->last_day = period_last_day(run, run->as_of);
			row->new_period = 1;
		}
	}
}

/* Return the objection's decision by id, or by USCC and item; sets
   *AMBIGUOUS when the USCC and item name several decisions. */
static struct decision_row *
objection_target(struct publicity_run *run, const char *decision,
    const char *uscc, const char *item, int *ambiguous)
{
	struct decision_row *found = NULL;
	size_t i;

	*ambiguous = 0;
	if (decision[0] != '\0')
		return find_decision(run, decision, run->column_decision);
	for (i = 0; i < run->nlisted; i++) {
		const struct csv_record *r = run->by_id[i]->record;

		if (strcmp(field_at(r, run->column_uscc), uscc) != 0 ||
		    strcmp(field_at(r, run->column_item), item) != 0)
			continue;
		if (found != NULL)
			*ambiguous = 1;
		found = run->by_id[i];
	}
	return *ambiguous ? NULL : found;
}

/*
 * Read objections.csv (columns decision, uscc, item, received, objector,
 * reason, resolution) and hold or block the decisions they name. The
 * objector is masked in every message and file, the rejects included.
 */
static void
read_objections(struct publicity_run *run, const char *path)
{
	struct csv_reader *reader = csv_reader_open(path, NULL,
	    CSV_ENCODING_UTF8);
	struct csv_record *record, *header, **seen = NULL;
	size_t nseen = 0, seen_cap = 0;
	long cdecision, cuscc, citem;
	size_t creceived, cobjector, cresolution;
	char date_text[DATE_BUFSIZE], last_text[DATE_BUFSIZE];

	if (!csv_reader_next(reader, &record))
		die_at(path, 0, _("empty file: a header is expected"));
	header = csv_record_copy(record);
	cdecision = csv_column(header, "decision");
	cuscc = csv_column(header, "uscc");
	citem = csv_column(header, "item");
	if (cdecision < 0 && (cuscc < 0 || citem < 0))
		die_at(path, 1, _("missing column 'decision', or columns 'uscc' and 'item'"));
	creceived = need_column(header, path, "received");
	cobjector = need_column(header, path, "objector");
	need_column(header, path, "reason");
	cresolution = need_column(header, path, "resolution");

	while (csv_reader_next(reader, &record)) {
		struct csv_record *masked = csv_record_copy(record);
		const char *decision = cdecision < 0 ? "" :
		    field_at(record, (size_t)cdecision);
		const char *uscc = cuscc < 0 ? "" :
		    field_at(record, (size_t)cuscc);
		const char *item = citem < 0 ? "" :
		    field_at(record, (size_t)citem);
		const char *received_text = field_at(record, creceived);
		const char *resolution = field_at(record, cresolution);

		/* Staff may type the Chinese words the man page gives. */
		if (strcmp(resolution, "成立") == 0)
			resolution = "upheld";
		else if (strcmp(resolution, "不成立") == 0)
			resolution = "dismissed";
		struct decision_row *row;
		char *objector, *message, *reason;
		int32_t received, last_day;
		int ambiguous;
		size_t i;

		run->objections_read++;
		/* Objections are typed by people, often in a spreadsheet
		   that pfe's guard went through. */
		for (i = 0; i < record->nfields; i++) {
			csv_unguard(record->fields[i]);
			record->lengths[i] = strlen(record->fields[i]);
		}
		if (cobjector < masked->nfields) {
			objector = mask_text(masked->fields[cobjector]);
			free(masked->fields[cobjector]);
			masked->fields[cobjector] = objector;
			masked->lengths[cobjector] = strlen(objector);
		}
		objector = mask_text(field_at(record, cobjector));

		for (i = 0; i < nseen; i++)
			if (same_record(seen[i], record))
				break;
		if (i < nseen) {
			rejects_duplicate(run->rejects, path, masked,
			    seen[i]->line);
			goto next;
		}
		if (nseen == seen_cap) {
			seen_cap = seen_cap ? seen_cap * 2 : 32;
			seen = xreallocarray(seen, seen_cap, sizeof(*seen));
		}
		seen[nseen++] = csv_record_copy(record);

		if (record->nfields != header->nfields) {
			message = xasprintf(_("record has %zu fields, the header has %zu"),
			    record->nfields, header->nfields);
			reject(run, path, masked, message, "字段数与表头不一致");
			free(message);
			goto next;
		}
		if (decision[0] == '\0' && (uscc[0] == '\0' || item[0] == '\0')) {
			reject(run, path, masked,
			    _("objection names no decision: fill in 'decision', or 'uscc' and 'item'"),
			    "异议未指明决定：应填写决定编号，或统一社会信用代码和政策事项");
			goto next;
		}
		row = objection_target(run, decision, uscc, item, &ambiguous);
		if (ambiguous) {
			message = xasprintf(_("enterprise '%s' has several approved decisions for item '%s': name the decision"),
			    uscc, item);
			reason = xasprintf("企业%s在政策事项%s下有多个获批决定：应填写决定编号",
			    uscc, item);
			reject(run, path, masked, message, reason);
			free(message);
			free(reason);
			goto next;
		}
		if (row == NULL) {
			if (decision[0] != '\0') {
				message = xasprintf(_("unknown decision '%s': not an approved award in the decisions read"),
				    decision);
				reason = xasprintf("决定%s不在本次公示的获批名单中",
				    decision);
			} else {
				message = xasprintf(_("no approved award for enterprise '%s' and item '%s'"),
				    uscc, item);
				reason = xasprintf("企业%s在政策事项%s下没有公示的获批决定",
				    uscc, item);
			}
			reject(run, path, masked, message, reason);
			free(message);
			free(reason);
			goto next;
		}
		if (decision[0] != '\0' && ((uscc[0] != '\0' &&
		    strcmp(uscc, field_at(row->record, run->column_uscc)) != 0) ||
		    (item[0] != '\0' &&
		    strcmp(item, field_at(row->record, run->column_item)) != 0))) {
			message = xasprintf(_("decision '%s' is not for enterprise '%s' and item '%s' as the objection states"),
			    decision, uscc, item);
			reason = xasprintf("决定%s与异议所填企业%s、政策事项%s不符",
			    decision, uscc, item);
			reject(run, path, masked, message, reason);
			free(message);
			free(reason);
			goto next;
		}
		if (date_parse(received_text, &received) != 0) {
			message = xasprintf(_("invalid received date '%s': expected YYYY-MM-DD"),
			    received_text);
			reason = xasprintf("受理日期'%s'无效：应为YYYY-MM-DD",
			    received_text);
			reject(run, path, masked, message, reason);
			free(message);
			free(reason);
			goto next;
		}
		if (strcmp(resolution, "") != 0 &&
		    strcmp(resolution, "upheld") != 0 &&
		    strcmp(resolution, "dismissed") != 0) {
			message = xasprintf(_("invalid resolution '%s': expected upheld, dismissed or empty"),
			    resolution);
			reason = xasprintf("处理结果'%s'无效：应为upheld（成立）、dismissed（不成立）或留空",
			    resolution);
			reject(run, path, masked, message, reason);
			free(message);
			free(reason);
			goto next;
		}
		if (!row->has_period) {
			message = xasprintf(_("decision '%s' has not been published: its publicity period has not started"),
			    field_at(row->record, run->column_decision));
			reason = xasprintf("决定%s尚未公示，异议不在公示期内",
			    field_at(row->record, run->column_decision));
			reject(run, path, masked, message, reason);
			free(message);
			free(reason);
			goto next;
		}
		last_day = row->last_day;
		if (received < row->start || received > last_day ||
		    received > run->as_of) {
			date_format(row->start, date_text);
			date_format(last_day, last_text);
			if (received > run->as_of) {
				message = xasprintf(_("received date '%s' is after the as-of date"),
				    received_text);
				reason = xasprintf("受理日期%s晚于本次运行日期",
				    received_text);
			} else if (last_day < row->start) {
				message = xasprintf(_("objection received on '%s' to decision '%s', which had no publicity period"),
				    received_text, field_at(row->record,
				    run->column_decision));
				reason = xasprintf("决定%s未设公示期，异议不予受理",
				    field_at(row->record, run->column_decision));
			} else {
				message = xasprintf(_("objection received on '%s', outside the publicity period %s to %s"),
				    received_text, date_text, last_text);
				reason = xasprintf("受理日期%s不在公示期%s至%s内",
				    received_text, date_text, last_text);
			}
			reject(run, path, masked, message, reason);
			free(message);
			free(reason);
			goto next;
		}

		date_format(received, date_text);
		if (strcmp(resolution, "upheld") == 0) {
			reason = xasprintf("第%ld行异议（异议人%s，%s受理）经核实成立，不予拨付",
			    record->line, objector, date_text);
			if (row->upheld_on == NULL)
				row->upheld_new = 1;
			row->upheld_on = row->upheld_on != NULL ?
			    row->upheld_on : xstrdup(date_text);
			add_reason(&row->holds, reason);
			free(reason);
			if (row->status < STATUS_BLOCKED)
				row->status = STATUS_BLOCKED;
		} else if (resolution[0] == '\0') {
			reason = xasprintf("第%ld行异议（异议人%s，%s受理）尚未处理，暂缓拨付",
			    record->line, objector, date_text);
			add_reason(&row->holds, reason);
			free(reason);
			if (row->status < STATUS_OBJECTION)
				row->status = STATUS_OBJECTION;
		}
next:
		free(objector);
		csv_record_free(masked);
	}
	while (nseen > 0)
		csv_record_free(seen[--nseen]);
	free(seen);
	csv_record_free(header);
	csv_reader_close(reader);
}

/* Settle the status of every listed decision once objections are in. */
static void
settle_status(struct publicity_run *run)
{
	char text[DATE_BUFSIZE];
	char *reason;
	size_t i;

	for (i = 0; i < run->nlisted; i++) {
		struct decision_row *row = run->by_id[i];

		if (row->upheld_on != NULL && !row->upheld_new &&
		    row->status != STATUS_BLOCKED) {
			reason = xasprintf("异议经核实成立（%s记录于公示状态），不予拨付",
			    row->upheld_on);
			add_reason(&row->holds, reason);
			free(reason);
			row->status = STATUS_BLOCKED;
			continue;
		}
		if (row->status != STATUS_CLEARED)
			continue;
		if (!row->has_period) {
			row->status = STATUS_UNPUBLISHED;
			add_reason(&row->holds, "尚未公示：本次运行未生成公示名单");
			continue;
		}
		if (run->as_of <= row->last_day) {
			date_format(row->last_day, text);
			reason = xasprintf("公示期至%s，尚未结束", text);
			add_reason(&row->holds, reason);
			free(reason);
			row->status = STATUS_PUBLICITY;
		}
	}
}

/* Write the publicity list for people: UTF-8 byte-order mark, formula
   guard, masked names, sorted by decision. */
static void
write_list(const struct publicity_run *run, FILE *out)
{
	static const char *const header[] = {
		"决定编号", "企业名称", "统一社会信用代码", "政策事项",
		"事项名称", "奖励金额（元）", "公示开始日期", "公示截止日期"
	};
	size_t i;

	fputs("\xEF\xBB\xBF", out);
	csv_write_row(out, CSV_WRITE_PEOPLE, 8, header);
	for (i = 0; i < run->nlisted; i++) {
		const struct decision_row *row = run->by_id[i];
		char amount[MONEY_BUFSIZE], start[DATE_BUFSIZE],
		    end[DATE_BUFSIZE];
		const char *fields[8];
		char *name;

		if (!row->has_period)
			continue;
		name = public_name(field_at(row->record, run->column_uscc),
		    row->name);
		fields[0] = field_at(row->record, run->column_decision);
		fields[1] = name;
		fields[2] = field_at(row->record, run->column_uscc);
		fields[3] = field_at(row->record, run->column_item);
		fields[4] = row->title;
		fields[5] = money_format(row->award, amount);
		fields[6] = date_format(row->start, start);
		fields[7] = row->last_day >= row->start ?
		    date_format(row->last_day, end) : "";
		csv_write_row(out, CSV_WRITE_PEOPLE, 8, fields);
		free(name);
	}
}

/*
 * Reject the listed decisions that cannot be published: an enterprise
 * without a name in portraits.csv, an item missing from SET (when given).
 * Then drop rejected rows from RUN->by_id.
 */
static void
check_listed(struct publicity_run *run, const struct policy_set *set)
{
	size_t i, kept = 0;

	for (i = 0; i < run->nlisted; i++) {
		struct decision_row *row = run->by_id[i];
		const char *uscc = field_at(row->record, run->column_uscc);
		const char *item = field_at(row->record, run->column_item);
		const struct policy_item *policy_item;

		if (row->name == NULL) {
			mark_rejected(row, xasprintf(_("enterprise '%s' has no name in the portraits: it cannot be published"),
			    uscc), xasprintf("企业%s在画像中没有企业名称，无法公示",
			    uscc));
			continue;
		}
		if (set == NULL) {
			row->title = item;
		} else if ((policy_item = policy_find(set, item)) == NULL) {
			mark_rejected(row, xasprintf(_("unknown policy item '%s': not in the policies"),
			    item), xasprintf("政策事项%s不在政策文件中", item));
			continue;
		} else {
			row->title = policy_item->title;
		}
		run->by_id[kept++] = row;
	}
	run->nlisted = kept;
}

/* Write the rejected decisions to the rejects file in input order. */
static void
write_decision_rejects(struct publicity_run *run)
{
	size_t i;

	for (i = 0; i < run->nrows; i++) {
		struct decision_row *row = &run->rows[i];

		if (!row->rejected)
			continue;
		if (row->duplicate_of != 0)
			rejects_duplicate(run->rejects, row->file, row->record,
			    row->duplicate_of);
		else
			reject(run, row->file, row->record,
			    row->reject_warning, row->reject_reason);
	}
}

/* Write the cleared decisions, unchanged, in input order. */
static unsigned long
write_cleared(const struct publicity_run *run, FILE *out)
{
	unsigned long written = 0;
	size_t i;

	csv_write_row(out, CSV_WRITE_DATA, run->header->nfields,
	    (const char *const *)run->header->fields);
	for (i = 0; i < run->nrows; i++) {
		const struct decision_row *row = &run->rows[i];

		if (!row->listed || row->status != STATUS_CLEARED)
			continue;
		csv_write_row(out, CSV_WRITE_DATA, row->record->nfields,
		    (const char *const *)row->record->fields);
		written++;
	}
	return written;
}

/* Write every listed decision not cleared, with its status and reasons,
   sorted by decision, to OUT (NULL: only count them). */
static void
write_held(const struct publicity_run *run, FILE *out,
    unsigned long *held, unsigned long *blocked)
{
	static const char *const header[] = {
		"decision", "uscc", "item", "amount", "status", "until",
		"reasons"
	};
	size_t i;

	if (out != NULL)
		csv_write_row(out, CSV_WRITE_DATA, 7, header);
	for (i = 0; i < run->nlisted; i++) {
		const struct decision_row *row = run->by_id[i];
		char amount[MONEY_BUFSIZE], until[DATE_BUFSIZE];
		const char *fields[7];

		if (row->status == STATUS_CLEARED)
			continue;
		if (row->status == STATUS_BLOCKED)
			(*blocked)++;
		else
			(*held)++;
		fields[0] = field_at(row->record, run->column_decision);
		fields[1] = field_at(row->record, run->column_uscc);
		fields[2] = field_at(row->record, run->column_item);
		fields[3] = money_format(row->award, amount);
		fields[4] = status_names[row->status];
		fields[5] = row->has_period && row->last_day >= row->start ?
		    date_format(row->last_day, until) : "";
		fields[6] = row->holds != NULL ? row->holds : "";
		if (out != NULL)
			csv_write_row(out, CSV_WRITE_DATA, 7, fields);
	}
}

/*
 * Append the periods this run started and the objections it found
 * upheld to DIR/publicity.csv: the old bytes and the new rows go to a
 * temporary file that is synced and renamed over the old one, then the
 * folder is synced. Does nothing when there is nothing to append.
 */
static void
append_state(const struct publicity_run *run, const char *dir)
{
	static const char *const header[] = {
		"decision", "uscc", "item", "award", "start", "end", "upheld"
	};
	struct output *out = NULL;
	char *path = xasprintf("%s/%s", dir, STATE_FILE);
	size_t i;
	int dir_fd;

	for (i = 0; i < run->nlisted; i++) {
		const struct decision_row *row = run->by_id[i];
		char award[MONEY_BUFSIZE], start[DATE_BUFSIZE],
		    end[DATE_BUFSIZE];
		const char *fields[7];

		if (!row->new_period && !row->upheld_new)
			continue;
		if (out == NULL) {
			out = output_open(path, 0644);
			if (run->state_len > 0)
				fwrite(run->state_bytes, 1, run->state_len,
				    output_stream(out));
			else
				csv_write_row(output_stream(out),
				    CSV_WRITE_DATA, 7, header);
		}
		fields[0] = field_at(row->record, run->column_decision);
		fields[1] = field_at(row->record, run->column_uscc);
		fields[2] = field_at(row->record, run->column_item);
		fields[3] = money_format(row->award, award);
		fields[4] = date_format(row->start, start);
		fields[5] = row->last_day >= row->start ?
		    date_format(row->last_day, end) : "";
		fields[6] = row->upheld_new ? row->upheld_on : "";
		csv_write_row(output_stream(out), CSV_WRITE_DATA, 7, fields);
	}
	free(path);
	if (out == NULL)
		return;
	output_commit(out);
	/* Make the rename itself durable. */
	dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir_fd < 0 || fsync(dir_fd) != 0)
		die_errno(_("cannot sync state folder '%s'"), dir);
	close(dir_fd);
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s --as-of DATE --portraits FILE [-q] [-p FILE -d FILE]\n"
	    "       [--days N | --working-days N --calendar FILE]\n"
	    "       [--objections FILE] [--state DIR] [--list FILE] [--held FILE]\n"
	    "       [--rejects FILE] [-o FILE] [decisions.csv ...]\n"),
	    pfe_progname());
	fprintf(stream, _("\n"
	    "Write the publicity list of approved awards, start each decision's\n"
	    "publicity period on the first run that lists it, and pass on the\n"
	    "decisions whose period has ended without an unresolved or upheld\n"
	    "objection, unchanged, for pfe-pay.\n"
	    "\n"
	    "      --as-of DATE        date of this run, YYYY-MM-DD\n"
	    "      --portraits FILE    portraits.csv: the enterprise names\n"
	    "  -p, --policies FILE     canonical policies: item titles for the list\n"
	    "  -d, --dictionary FILE   field dictionary of the policies\n"
	    "      --days N            length of a new period in calendar days,\n"
	    "                          0 to %d (default: %d)\n"
	    "      --working-days N    length of a new period in working days, 0 to %d\n"
	    "      --calendar FILE     holiday calendar for --working-days: columns\n"
	    "                          date and kind (holiday or workday)\n"
	    "      --objections FILE   objections received, with their resolution\n"
	    "      --state DIR         state folder: publicity periods, lock\n"
	    "      --list FILE         write the publicity list (masked, for people);\n"
	    "                          without it no new period starts\n"
	    "      --held FILE         write the decisions held or blocked, with reasons\n"
	    "      --rejects FILE      write rejected decisions and objections to FILE\n"
	    "  -o, --output FILE       write the cleared decisions to FILE atomically\n"
	    "                          (default: standard output)\n"
	    "  -q, --quiet             print no summary and no reject warnings\n"
	    "      --help              print this help and exit\n"
	    "      --version           print the version and exit\n"),
	    MAX_DAYS, DEFAULT_DAYS, MAX_DAYS);
}

enum {
	OPTION_AS_OF = 256,
	OPTION_PORTRAITS,
	OPTION_DAYS,
	OPTION_WORKING_DAYS,
	OPTION_CALENDAR,
	OPTION_OBJECTIONS,
	OPTION_STATE,
	OPTION_LIST,
	OPTION_HELD,
	OPTION_REJECTS,
	OPTION_HELP,
	OPTION_VERSION
};

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "as-of", required_argument, NULL, OPTION_AS_OF },
		{ "portraits", required_argument, NULL, OPTION_PORTRAITS },
		{ "policies", required_argument, NULL, 'p' },
		{ "dictionary", required_argument, NULL, 'd' },
		{ "days", required_argument, NULL, OPTION_DAYS },
		{ "working-days", required_argument, NULL,
		    OPTION_WORKING_DAYS },
		{ "calendar", required_argument, NULL, OPTION_CALENDAR },
		{ "objections", required_argument, NULL, OPTION_OBJECTIONS },
		{ "state", required_argument, NULL, OPTION_STATE },
		{ "list", required_argument, NULL, OPTION_LIST },
		{ "held", required_argument, NULL, OPTION_HELD },
		{ "rejects", required_argument, NULL, OPTION_REJECTS },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPTION_HELP },
		{ "version", no_argument, NULL, OPTION_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *as_of_text = NULL, *portraits_path = NULL;
	const char *policies_path = NULL, *dictionary_path = NULL;
	const char *objections_path = NULL, *state_dir = NULL;
	const char *list_path = NULL, *held_path = NULL;
	const char *rejects_path = NULL, *output_path = NULL;
	struct output *cleared_out, *list_out = NULL, *held_out = NULL;
	struct dictionary *dict = NULL;
	struct policy_set *set = NULL;
	struct publicity_run run;
	unsigned long cleared, held = 0, blocked = 0, rejected;
	int option, lock_fd = -1, days_given = 0, working_days_given = 0;
	size_t i;

	pfe_init("pfe-publicity");
	/* This program has no --encoding option, so the message for a
	   GB18030 file suggests iconv. */
	csv_set_encoding_option(0);
	memset(&run, 0, sizeof(run));
	run.default_days = DEFAULT_DAYS;

	while ((option = getopt_long(argc, argv, ":p:d:o:q", options,
	    NULL)) != -1) {
		switch (option) {
		case OPTION_AS_OF:
			as_of_text = optarg;
			break;
		case OPTION_PORTRAITS:
			portraits_path = optarg;
			break;
		case 'p':
			policies_path = optarg;
			break;
		case 'd':
			dictionary_path = optarg;
			break;
		case OPTION_DAYS:
			run.default_days = parse_days(optarg);
			if (run.default_days < 0)
				usage_error(_("invalid --days '%s': expected a whole number of days from 0 to %d"),
				    optarg, MAX_DAYS);
			days_given = 1;
			break;
		case OPTION_WORKING_DAYS:
			run.default_days = parse_days(optarg);
			if (run.default_days < 0)
				usage_error(_("invalid --working-days '%s': expected a whole number of days from 0 to %d"),
				    optarg, MAX_DAYS);
			working_days_given = 1;
			break;
		case OPTION_CALENDAR:
			run.calendar_path = optarg;
			break;
		case OPTION_OBJECTIONS:
			objections_path = optarg;
			break;
		case OPTION_STATE:
			state_dir = optarg;
			break;
		case OPTION_LIST:
			list_path = optarg;
			break;
		case OPTION_HELD:
			held_path = optarg;
			break;
		case OPTION_REJECTS:
			rejects_path = optarg;
			break;
		case 'o':
			output_path = optarg;
			break;
		case 'q':
			run.quiet = 1;
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

	if (as_of_text == NULL)
		usage_error(_("missing option '--as-of': the date is never read from the clock"));
	if (portraits_path == NULL)
		usage_error(_("missing option '--portraits': the list names each enterprise"));
	if ((policies_path == NULL) != (dictionary_path == NULL))
		usage_error(_("options '--policies' and '--dictionary' go together"));
	if (days_given && working_days_given)
		usage_error(_("options '--days' and '--working-days' exclude each other"));
	if (working_days_given && run.calendar_path == NULL)
		usage_error(_("missing option '--calendar': working days need the public holidays"));
	if (run.calendar_path != NULL && !working_days_given)
		usage_error(_("option '--calendar' needs '--working-days'"));
	run.as_of = date_parse_as_of(as_of_text);
	run.publishing = list_path != NULL;

	if (run.calendar_path != NULL)
		run.calendar = workday_calendar_load(run.calendar_path);
	if (policies_path != NULL) {
		dict = dict_load(dictionary_path);
		set = policy_load(policies_path, NULL, dict);
	}
	run.rejects = rejects_open(rejects_path);
	/* Warnings are printed here in English; the rejects module keeps
	   the Chinese reasons for the file. */
	rejects_set_quiet(run.rejects, 1);
	if (argc == 0)
		read_decisions(&run, "-");
	for (i = 0; i < (size_t)argc; i++)
		read_decisions(&run, argv[i]);
	check_decisions(&run);
	read_names(&run, portraits_path);
	check_listed(&run, set);
	write_decision_rejects(&run);
	if (state_dir != NULL)
		lock_fd = load_state(&run, state_dir);
	assign_periods(&run);
	if (objections_path != NULL)
		read_objections(&run, objections_path);
	settle_status(&run);

	if (list_path != NULL) {
		list_out = output_open(list_path, 0644);
		write_list(&run, output_stream(list_out));
	}
	if (held_path != NULL)
		held_out = output_open(held_path, 0644);
	write_held(&run, held_out != NULL ? output_stream(held_out) : NULL,
	    &held, &blocked);
	cleared_out = output_open(output_path, 0644);
	cleared = write_cleared(&run, output_stream(cleared_out));

	/* The list is committed before the state: should the state fail,
	   the next run starts the period again, later, never earlier. */
	rejected = rejects_count(run.rejects);
	/* Nothing is put in place unless every output was written. */
	output_flush_all();
	rejects_close(run.rejects);
	if (held_out != NULL)
		output_commit(held_out);
	if (list_out != NULL)
		output_commit(list_out);
	output_commit(cleared_out);
	if (state_dir != NULL)
		append_state(&run, state_dir);
	if (!run.quiet)
		warn_msg(_("read %zu decisions and %lu objections: %zu published, %lu cleared, %lu held, %lu blocked, %lu not approved or without award, rejected %lu"),
		    run.nrows, run.objections_read, run.nlisted, cleared, held,
		    blocked, run.dropped, rejected);
	output_close_stdout();

	for (i = 0; i < run.nrows; i++) {
		struct decision_row *row = &run.rows[i];

		csv_record_free(row->record);
		free((char *)row->file);
		free(row->reject_warning);
		free(row->reject_reason);
		free(row->name);
		free(row->upheld_on);
		free(row->holds);
	}
	free(run.rows);
	free(run.by_id);
	for (i = 0; i < run.nstate; i++) {
		free(run.state[i].decision);
		free(run.state[i].upheld);
	}
	free(run.state);
	free(run.state_bytes);
	csv_record_free(run.header);
	policy_free(set);
	dict_free(dict);
	workday_calendar_free(run.calendar);
	if (lock_fd >= 0)
		close(lock_fd);
	return rejected > 0 ? PFE_EXIT_REJECTS : PFE_EXIT_OK;
}
