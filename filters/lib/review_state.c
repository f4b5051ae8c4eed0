/*
 * The state folder of pfe-review: an exclusive lock, the decisions of
 * earlier runs (DIR/decisions.csv), and appending this run's final
 * decisions to it atomically.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"
#include "err.h"
#include "money.h"
#include "output.h"
#include "pfe.h"
#include "review.h"

static int
compare_priors(const void *a, const void *b)
{
	const struct review_prior *x = a, *y = b;

	return strcmp(x->decision, y->decision);
}

static const char *
prior_cell(const struct csv_record *record, long column)
{
	if (column < 0 || (size_t)column >= record->nfields)
		return "";
	return record->fields[column];
}

/* Read DIR/decisions.csv into ST; a missing file means no earlier run. */
static void
read_priors(struct review_state *st, const char *path)
{
	struct csv_reader *reader;
	struct csv_record *record;
	long c_decision, c_application, c_uscc, c_item, c_outcome, c_award,
	    c_at, c_project, c_supersedes;
	size_t i;

	if (access(path, F_OK) != 0)
		return;
	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	if (!csv_reader_next(reader, &record)) {
		csv_reader_close(reader);
		return;
	}
	st->header = csv_record_copy(record);
	c_decision = csv_column(st->header, "decision");
	c_application = csv_column(st->header, "application");
	c_uscc = csv_column(st->header, "uscc");
	c_item = csv_column(st->header, "item");
	c_outcome = csv_column(st->header, "outcome");
	c_award = csv_column(st->header, "award");
	c_at = csv_column(st->header, "decided_at");
	c_project = csv_column(st->header, "project");
	c_supersedes = csv_column(st->header, "supersedes");
	if (c_decision < 0 || c_uscc < 0 || c_item < 0 || c_outcome < 0 ||
	    c_award < 0 || c_at < 0)
		die_at(path, 1,
		    _("not a decisions file: expected the columns decision, uscc, item, outcome, award and decided_at"));

	while (csv_reader_next(reader, &record)) {
		struct review_prior *p;
		const char *award;

		st->priors = xreallocarray(st->priors, st->npriors + 1,
		    sizeof(*st->priors));
		p = &st->priors[st->npriors++];
		p->record = csv_record_copy(record);
		p->decision = prior_cell(p->record, c_decision);
		p->application = prior_cell(p->record, c_application);
		p->uscc = prior_cell(p->record, c_uscc);
		p->item = prior_cell(p->record, c_item);
		p->outcome = prior_cell(p->record, c_outcome);
		p->project = prior_cell(p->record, c_project);
		p->decided_at = prior_cell(p->record, c_at);
		p->supersedes = prior_cell(p->record, c_supersedes);
		p->superseded = 0;
		p->added = 0;
		p->award = 0;
		award = prior_cell(p->record, c_award);
		if (strcmp(p->outcome, "approved") == 0 &&
		    money_parse(award, MONEY_YUAN, &p->award) != 0)
			die_at(path, p->record->line,
			    _("invalid award '%s': expected yuan with two decimals"),
			    award);
		p->year = atoi(prior_cell(p->record, c_at));
	}
	csv_reader_close(reader);
	if (st->npriors > 0)
		qsort(st->priors, st->npriors, sizeof(*st->priors),
		    compare_priors);
	for (i = 0; i < st->npriors; i++) {
		struct review_prior *target;

		if (st->priors[i].supersedes[0] == '\0')
			continue;
		target = (struct review_prior *)review_state_find(st,
		    st->priors[i].supersedes);
		if (target != NULL)
			target->superseded = 1;
	}
}

struct review_state *
review_state_open(const char *dir)
{
	struct review_state *st = xcalloc(1, sizeof(*st));
	char *lock_path, *path;
	struct stat sb;

	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		die(_("state folder '%s' not found: create it first (mkdir -p '%s')"),
		    dir, dir);
	st->dir = xstrdup(dir);
	lock_path = xasprintf("%s/lock", dir);
	st->lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (st->lock_fd < 0)
		die_errno(_("cannot open lock file '%s'"), lock_path);
	if (flock(st->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			die(_("state folder '%s' is locked by another run: try again when that run has finished"),
			    dir);
		die_errno(_("cannot lock '%s'"), lock_path);
	}
	free(lock_path);

	path = xasprintf("%s/decisions.csv", dir);
	read_priors(st, path);
	free(path);
	return st;
}

const struct review_prior *
review_state_find(const struct review_state *st, const char *id)
{
	struct review_prior key;

	if (st == NULL || st->npriors == 0)
		return NULL;
	key.decision = id;
	return bsearch(&key, st->priors, st->npriors, sizeof(*st->priors),
	    compare_priors);
}

/* Return 1 when the earlier file's header OLD equals HEADER. */
static int
same_header(const struct csv_record *old, const char *const *header,
    size_t ncolumns)
{
	size_t i;

	if (old == NULL || old->nfields != ncolumns)
		return 0;
	for (i = 0; i < ncolumns; i++)
		if (strcmp(old->fields[i], header[i]) != 0)
			return 0;
	return 1;
}

/* Copy the file at PATH to STREAM, ending it with a line end when it
   has none, and die on a read error. */
static void
copy_file(const char *path, FILE *stream)
{
	FILE *in = fopen(path, "rb");
	char buffer[65536];
	char last = '\n';
	size_t n;

	if (in == NULL)
		die_errno(_("cannot open '%s'"), path);
	while ((n = fread(buffer, 1, sizeof(buffer), in)) > 0) {
		if (fwrite(buffer, 1, n, stream) != n)
			die_errno(_("cannot write a copy of '%s'"), path);
		last = buffer[n - 1];
	}
	if (ferror(in))
		die_errno(_("cannot read '%s'"), path);
	fclose(in);
	if (last != '\n')
		fputc('\n', stream);
}

size_t
review_state_count(const struct review_state *st)
{
	return st != NULL ? st->npriors + st->nadded : 0;
}

const struct review_prior *
review_state_nth(const struct review_state *st, size_t i)
{
	return i < st->npriors ? &st->priors[i] : &st->added[i - st->npriors];
}

const struct review_prior *
review_state_latest(const struct review_state *st,
    const struct review_prior *prior)
{
	size_t i, n = review_state_count(st);

	/* Each correction names the one decision it replaces, so the chain
	   is followed one link per pass. */
	while (prior->superseded) {
		const struct review_prior *next = NULL;

		for (i = 0; i < n && next == NULL; i++) {
			const struct review_prior *p = review_state_nth(st, i);

			if (strcmp(p->supersedes, prior->decision) == 0)
				next = p;
		}
		if (next == NULL)
			break;
		prior = next;
	}
	return prior;
}

/* Open the replacement of DIR/decisions.csv with its earlier rows. */
static void
append_begin(struct review_state *st, const char *const *header,
    size_t ncolumns)
{
	char *path = xasprintf("%s/decisions.csv", st->dir);
	FILE *stream;
	size_t i, j;

	st->append = output_open(path, 0644);
	stream = output_stream(st->append);

	/* Earlier rows are kept byte for byte when the header has not
	   changed, so an append never alters history. */
	if (same_header(st->header, header, ncolumns)) {
		copy_file(path, stream);
		free(path);
		return;
	}
	/* An older header: the earlier rows are written again, sorted by
	   decision id, under the current columns. */
	csv_write_row(stream, CSV_WRITE_DATA, ncolumns, header);
	for (i = 0; i < st->npriors; i++) {
		const struct csv_record *record = st->priors[i].record;

		for (j = 0; j < ncolumns; j++) {
			long column = csv_column(st->header, header[j]);
			const char *value = prior_cell(record, column);

			if (j > 0)
				fputc(',', stream);
			csv_write_field(stream, value, strlen(value),
			    CSV_WRITE_DATA);
		}
		fputc('\n', stream);
	}
	free(path);
}

void
review_state_append(struct review_state *st, const char *const *header,
    size_t ncolumns, const char *const *fields)
{
	if (st->append == NULL)
		append_begin(st, header, ncolumns);
	csv_write_row(output_stream(st->append), CSV_WRITE_DATA, ncolumns,
	    fields);
}

void
review_state_commit(struct review_state *st)
{
	if (st->append == NULL)
		return;
	output_commit(st->append);
	st->append = NULL;
}
