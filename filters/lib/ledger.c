/*
 * The payment ledger: load, look up, append and commit STATE/ledger.csv
 * under an exclusive flock on STATE/lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "csvio.h"
#include "err.h"
#include "ledger.h"
#include "money.h"
#include "output.h"
#include "pfe.h"
#include "sha256.h"

static const char *const ledger_columns[] = {
	"msg_id", "pmt_inf_id", "end_to_end_id", "decision", "uscc", "item",
	"attempt", "amount", "account", "state", "as_of", "actor", "file",
	"sha256", "reason", "batch_csv_sha256"
};
#define LEDGER_NCOLUMNS (sizeof ledger_columns / sizeof ledger_columns[0])
/* Ledgers begun before batch_csv_sha256 have only the columns before
   it. They keep that header, and their new rows carry no batch CSV
   digest. */
#define LEDGER_NCOLUMNS_BEFORE_BATCH_CSV (LEDGER_NCOLUMNS - 1)

static const char *const state_names[] = {
	"prepared", "approved", "sent", "settled", "returned", "void"
};

/* A block of the ledger's strings: rows are many and never freed one by
   one, so their strings are packed together instead of allocated each. */
struct string_block {
	struct string_block *next;
	size_t used;
	size_t cap;
	char data[];
};

#define STRING_BLOCK_SIZE (1024 * 1024)

struct ledger {
	char *dir;
	char *path;		/* DIR/ledger.csv */
	int lock_fd;		/* open on DIR/lock, flock held */
	/* ledger.csv as read: copied byte for byte from the file on commit,
	   after checking that it is still what was read. */
	int exists;
	size_t old_len;
	uint8_t old_digest[SHA256_DIGEST_SIZE];
	int old_digest_known;	/* 0 after this run's own commit */
	struct string_block *strings;	/* the newest block first */
	size_t ncolumns;	/* columns of the file's header */
	struct ledger_entry *entries;
	size_t nentries;
	size_t nloaded;		/* rows read from the file */
	size_t cap;
	size_t *by_decision;	/* entry indexes sorted by decision, then
				   file order; rebuilt when stale */
	size_t *by_payment;	/* the same by end-to-end id */
	size_t nindexed;	/* entries covered by the two indexes */
};

const char *
ledger_state_name(enum ledger_state state)
{
	return state_names[state];
}

int
ledger_state_parse(const char *name, enum ledger_state *state)
{
	size_t i;

	for (i = 0; i < sizeof state_names / sizeof state_names[0]; i++)
		if (strcmp(name, state_names[i]) == 0) {
			*state = (enum ledger_state)i;
			return 0;
		}
	return -1;
}

int
ledger_state_blocks(enum ledger_state state)
{
	return state == LEDGER_PREPARED || state == LEDGER_APPROVED ||
	    state == LEDGER_SENT || state == LEDGER_SETTLED;
}

/* Return the length of the blank that starts S, or 0 when S starts
   with none (see ledger_actor_has_edge_blank). */
static size_t
blank_prefix_length(const char *s, size_t len)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (len >= 2 && memcmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

int
ledger_actor_has_edge_blank(const char *name)
{
	size_t len = strlen(name), width;

	if (blank_prefix_length(name, len) > 0)
		return 1;
	/* The widest blank takes 3 bytes: look at each possible start. */
	for (width = 1; width <= 3 && width <= len; width++)
		if (blank_prefix_length(name + len - width, width) == width)
			return 1;
	return 0;
}

/* Return a copy of S (NULL: "") among the ledger's strings. */
static char *
ledger_strdup(struct ledger *ledger, const char *s)
{
	struct string_block *block = ledger->strings;
	size_t len;
	char *copy;

	if (s == NULL)
		s = "";
	len = strlen(s) + 1;
	if (block == NULL || block->cap - block->used < len) {
		size_t cap = len > STRING_BLOCK_SIZE ? len : STRING_BLOCK_SIZE;

		block = xmalloc(sizeof *block + cap);
		block->next = ledger->strings;
		block->used = 0;
		block->cap = cap;
		ledger->strings = block;
	}
	copy = block->data + block->used;
	memcpy(copy, s, len);
	block->used += len;
	return copy;
}

/* Take the run lock on DIR/lock without waiting, or die. */
static int
lock_state_dir(const char *dir)
{
	char *path = xasprintf("%s/lock", dir);
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		die_errno(_("cannot open lock file '%s'"), path);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			die(_("state folder '%s' is locked by another run: try again when that run has finished"),
			    dir);
		die_errno(_("cannot lock '%s'"), path);
	}
	free(path);
	return fd;
}

/* A stream over ledger.csv that adds what is read to a SHA-256. */
struct hashing_file {
	FILE *file;
	struct sha256_ctx ctx;
	size_t len;		/* bytes read */
};

static ssize_t
hashing_read(void *cookie, char *buf, size_t size)
{
	struct hashing_file *hashed = cookie;
	size_t got = fread(buf, 1, size, hashed->file);

	if (got == 0 && ferror(hashed->file))
		return -1;
	sha256_update(&hashed->ctx, got, (const uint8_t *)buf);
	hashed->len += got;
	return (ssize_t)got;
}

static struct ledger_entry *
ledger_grow(struct ledger *ledger)
{
	if (ledger->nentries == ledger->cap) {
		ledger->cap = ledger->cap == 0 ? 64 : 2 * ledger->cap;
		ledger->entries = xreallocarray(ledger->entries, ledger->cap,
		    sizeof *ledger->entries);
	}
	return &ledger->entries[ledger->nentries++];
}

/* Check and store one data row of the ledger file. */
static void
ledger_load_row(struct ledger *ledger, const struct csv_record *record)
{
	struct ledger_entry *entry;
	const char *const *f = (const char *const *)record->fields;
	const char *batch_csv_sha256;
	char *end;
	long attempt;

	if (record->nfields != ledger->ncolumns)
		die_at(ledger->path, record->line,
		    _("invalid ledger row: %zu fields, expected %zu"),
		    record->nfields, ledger->ncolumns);
	entry = ledger_grow(ledger);
	memset(entry, 0, sizeof *entry);
	entry->line = record->line;

	errno = 0;
	attempt = strtol(f[6], &end, 10);
	if (f[6][0] < '1' || f[6][0] > '9' || *end != '\0' || errno != 0 ||
	    attempt > LEDGER_MAX_ATTEMPT)
		die_at(ledger->path, record->line,
		    _("invalid attempt '%s': expected a number from 1 to %d"),
		    f[6], LEDGER_MAX_ATTEMPT);
	entry->attempt = (int)attempt;
	if (money_parse(f[7], MONEY_YUAN, &entry->amount) != 0)
		die_at(ledger->path, record->line,
		    _("invalid amount '%s': expected yuan with two decimals"),
		    f[7]);
	if (ledger_state_parse(f[9], &entry->state) != 0)
		die_at(ledger->path, record->line,
		    _("invalid state '%s': expected prepared, approved, sent, settled, returned or void"),
		    f[9]);
	if (f[13][0] != '\0' && !sha256_is_hex(f[13]))
		die_at(ledger->path, record->line,
		    _("invalid SHA-256 '%s': expected 64 lower-case hex digits"),
		    f[13]);
	batch_csv_sha256 = ledger->ncolumns == LEDGER_NCOLUMNS ? f[15] : "";
	if (batch_csv_sha256[0] != '\0' && !sha256_is_hex(batch_csv_sha256))
		die_at(ledger->path, record->line,
		    _("invalid batch CSV SHA-256 '%s': expected 64 lower-case hex digits"),
		    batch_csv_sha256);
	if (f[2][0] == '\0' || f[3][0] == '\0')
		die_at(ledger->path, record->line,
		    _("invalid ledger row: end-to-end id and decision must not be empty"));

	entry->msg_id = ledger_strdup(ledger, f[0]);
	entry->pmt_inf_id = ledger_strdup(ledger, f[1]);
	entry->end_to_end_id = ledger_strdup(ledger, f[2]);
	entry->decision = ledger_strdup(ledger, f[3]);
	entry->uscc = ledger_strdup(ledger, f[4]);
	entry->item = ledger_strdup(ledger, f[5]);
	entry->account = ledger_strdup(ledger, f[8]);
	entry->as_of = ledger_strdup(ledger, f[10]);
	entry->actor = ledger_strdup(ledger, f[11]);
	entry->file = ledger_strdup(ledger, f[12]);
	entry->sha256 = ledger_strdup(ledger, f[13]);
	entry->reason = ledger_strdup(ledger, f[14]);
	entry->batch_csv_sha256 = ledger_strdup(ledger, batch_csv_sha256);
}

/*
 * Read and check ledger.csv when it exists, and note its length and
 * SHA-256: ledger_commit copies it from the file, not from memory.
 */
static void
ledger_parse(struct ledger *ledger)
{
	cookie_io_functions_t io = { hashing_read, NULL, NULL, NULL };
	struct hashing_file hashed;
	struct csv_reader *reader;
	struct csv_record *record;
	struct stat st;
	FILE *stream;
	char rest[4096];
	size_t i;
	int last;

	memset(&hashed, 0, sizeof hashed);
	hashed.file = fopen(ledger->path, "rb");
	if (hashed.file == NULL) {
		if (errno == ENOENT)
			return;
		die_errno(_("cannot open '%s'"), ledger->path);
	}
	ledger->exists = 1;
	if (fstat(fileno(hashed.file), &st) != 0)
		die_errno(_("cannot read '%s'"), ledger->path);
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		die_errno(_("cannot read '%s'"), ledger->path);
	}
	/* A lost ledger must never look like a new state folder, or every
	   payment in it would be prepared again. */
	if (st.st_size == 0)
		die(_("ledger '%s' is empty: restore it from a backup (only a missing ledger starts a new state folder)"),
		    ledger->path);
	if (fseeko(hashed.file, -1, SEEK_END) != 0 ||
	    (last = getc(hashed.file)) == EOF)
		die_errno(_("cannot read '%s'"), ledger->path);
	if (last != '\n')
		die(_("'%s' does not end with a line end: the last row may be incomplete"),
		    ledger->path);
	rewind(hashed.file);
	sha256_init(&hashed.ctx);
	stream = fopencookie(&hashed, "r", io);
	if (stream == NULL)
		die_errno(_("cannot read '%s'"), ledger->path);
	reader = csv_reader_from_stream(stream, ledger->path,
	    CSV_ENCODING_UTF8);
	if (!csv_reader_next(reader, &record))
		die_at(ledger->path, 1,
		    _("missing ledger header: restore the ledger from a backup"));
	if (record->nfields != LEDGER_NCOLUMNS &&
	    record->nfields != LEDGER_NCOLUMNS_BEFORE_BATCH_CSV)
		die_at(ledger->path, 1,
		    _("invalid ledger header: expected the columns of schemas/ledger.csv.md; restore the ledger from a backup"));
	ledger->ncolumns = record->nfields;
	for (i = 0; i < ledger->ncolumns; i++)
		if (strcmp(record->fields[i], ledger_columns[i]) != 0)
			die_at(ledger->path, 1,
			    _("invalid ledger header: column %zu is '%s', expected '%s'; restore the ledger from a backup"),
			    i + 1, record->fields[i], ledger_columns[i]);
	while (csv_reader_next(reader, &record))
		ledger_load_row(ledger, record);
	csv_reader_close(reader);
	/* The digest covers the whole file, whatever the reader left. */
	while (fread(rest, 1, sizeof rest, stream) > 0)
		continue;
	if (ferror(stream) || ferror(hashed.file))
		die_errno(_("cannot read '%s'"), ledger->path);
	fclose(stream);
	fclose(hashed.file);
	ledger->old_len = hashed.len;
	sha256_digest(&hashed.ctx, sizeof ledger->old_digest,
	    ledger->old_digest);
	ledger->old_digest_known = 1;
	ledger->nloaded = ledger->nentries;
}

struct ledger *
ledger_open(const char *dir)
{
	struct ledger *ledger = xcalloc(1, sizeof *ledger);

	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		die_errno(_("cannot create state folder '%s'"), dir);
	ledger->dir = xstrdup(dir);
	ledger->path = xasprintf("%s/ledger.csv", dir);
	ledger->ncolumns = LEDGER_NCOLUMNS;
	ledger->lock_fd = lock_state_dir(dir);
	ledger_parse(ledger);
	return ledger;
}

const char *
ledger_path(const struct ledger *ledger)
{
	return ledger->path;
}

size_t
ledger_count(const struct ledger *ledger)
{
	return ledger->nentries;
}

const struct ledger_entry *
ledger_entry_at(const struct ledger *ledger, size_t i)
{
	return &ledger->entries[i];
}

/* qsort has no context argument: the entries being sorted. */
static const struct ledger_entry *sort_entries;

static int
compare_by_decision(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_entries[i].decision, sort_entries[j].decision);

	if (c != 0)
		return c;
	return i < j ? -1 : i > j;
}

static int
compare_by_payment(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_entries[i].end_to_end_id,
	    sort_entries[j].end_to_end_id);

	if (c != 0)
		return c;
	return i < j ? -1 : i > j;
}

static void
ledger_reindex(struct ledger *ledger)
{
	size_t i, n = ledger->nentries;

	if (ledger->nindexed == n && ledger->by_decision != NULL)
		return;
	free(ledger->by_decision);
	free(ledger->by_payment);
	ledger->by_decision = xreallocarray(NULL, n + 1, sizeof(size_t));
	ledger->by_payment = xreallocarray(NULL, n + 1, sizeof(size_t));
	for (i = 0; i < n; i++)
		ledger->by_decision[i] = ledger->by_payment[i] = i;
	sort_entries = ledger->entries;
	qsort(ledger->by_decision, n, sizeof(size_t), compare_by_decision);
	qsort(ledger->by_payment, n, sizeof(size_t), compare_by_payment);
	ledger->nindexed = n;
}

/*
 * Return the position in INDEX just past the last entry whose key
 * (decision or end-to-end id, by BY_PAYMENT) equals KEY, or 0 when none
 * does.
 */
static size_t
ledger_find_last(const struct ledger *ledger, const size_t *index,
    int by_payment, const char *key)
{
	size_t low = 0, high = ledger->nindexed;

	/* Find the first position whose key is greater than KEY. */
	while (low < high) {
		size_t mid = low + (high - low) / 2;
		const struct ledger_entry *e = &ledger->entries[index[mid]];
		const char *k = by_payment ? e->end_to_end_id : e->decision;

		if (strcmp(k, key) <= 0)
			low = mid + 1;
		else
			high = mid;
	}
	if (low == 0)
		return 0;
	{
		const struct ledger_entry *e = &ledger->entries[index[low - 1]];
		const char *k = by_payment ? e->end_to_end_id : e->decision;

		return strcmp(k, key) == 0 ? low : 0;
	}
}

const struct ledger_entry *
ledger_last_for_decision(struct ledger *ledger, const char *decision)
{
	size_t pos;

	ledger_reindex(ledger);
	pos = ledger_find_last(ledger, ledger->by_decision, 0, decision);
	return pos == 0 ? NULL : &ledger->entries[ledger->by_decision[pos - 1]];
}

const struct ledger_entry *
ledger_last_for_payment(struct ledger *ledger, const char *end_to_end_id)
{
	size_t pos;

	ledger_reindex(ledger);
	pos = ledger_find_last(ledger, ledger->by_payment, 1, end_to_end_id);
	return pos == 0 ? NULL : &ledger->entries[ledger->by_payment[pos - 1]];
}

int
ledger_last_attempt(struct ledger *ledger, const char *decision)
{
	size_t pos;
	int attempt = 0;

	ledger_reindex(ledger);
	pos = ledger_find_last(ledger, ledger->by_decision, 0, decision);
	while (pos > 0) {
		const struct ledger_entry *e =
		    &ledger->entries[ledger->by_decision[pos - 1]];

		if (strcmp(e->decision, decision) != 0)
			break;
		if (e->attempt > attempt)
			attempt = e->attempt;
		pos--;
	}
	return attempt;
}

const char *
ledger_batch_latest_date(const struct ledger *ledger, const char *msg_id)
{
	const char *latest = NULL;
	size_t i;

	/* ISO dates sort as strings. */
	for (i = 0; i < ledger->nentries; i++) {
		const struct ledger_entry *e = &ledger->entries[i];

		if (strcmp(e->msg_id, msg_id) == 0 &&
		    (latest == NULL || strcmp(e->as_of, latest) > 0))
			latest = e->as_of;
	}
	return latest;
}

void
ledger_append(struct ledger *ledger, const struct ledger_entry *entry)
{
	struct ledger_entry *copy = ledger_grow(ledger);

	*copy = *entry;
	copy->line = 0;
	copy->msg_id = ledger_strdup(ledger, entry->msg_id);
	copy->pmt_inf_id = ledger_strdup(ledger, entry->pmt_inf_id);
	copy->end_to_end_id = ledger_strdup(ledger, entry->end_to_end_id);
	copy->decision = ledger_strdup(ledger, entry->decision);
	copy->uscc = ledger_strdup(ledger, entry->uscc);
	copy->item = ledger_strdup(ledger, entry->item);
	copy->account = ledger_strdup(ledger, entry->account);
	copy->as_of = ledger_strdup(ledger, entry->as_of);
	copy->actor = ledger_strdup(ledger, entry->actor);
	copy->file = ledger_strdup(ledger, entry->file);
	copy->sha256 = ledger_strdup(ledger, entry->sha256);
	copy->reason = ledger_strdup(ledger, entry->reason);
	copy->batch_csv_sha256 = ledger_strdup(ledger,
	    entry->batch_csv_sha256);
}

static const char *
or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* Write E with the NCOLUMNS first columns of the ledger; a missing
   string is written empty. */
static void
ledger_write_row(FILE *out, const struct ledger_entry *e, size_t ncolumns)
{
	char attempt[16], amount[MONEY_BUFSIZE];
	const char *fields[LEDGER_NCOLUMNS];

	snprintf(attempt, sizeof attempt, "%d", e->attempt);
	money_format(e->amount, amount);
	fields[0] = or_empty(e->msg_id);
	fields[1] = or_empty(e->pmt_inf_id);
	fields[2] = or_empty(e->end_to_end_id);
	fields[3] = or_empty(e->decision);
	fields[4] = or_empty(e->uscc);
	fields[5] = or_empty(e->item);
	fields[6] = attempt;
	fields[7] = amount;
	fields[8] = or_empty(e->account);
	fields[9] = ledger_state_name(e->state);
	fields[10] = or_empty(e->as_of);
	fields[11] = or_empty(e->actor);
	fields[12] = or_empty(e->file);
	fields[13] = or_empty(e->sha256);
	fields[14] = or_empty(e->reason);
	fields[15] = or_empty(e->batch_csv_sha256);
	csv_write_row(out, CSV_WRITE_DATA, ncolumns, fields);
}

/*
 * Copy the ledger's file as it was read to OUT, or die when it is no
 * longer what was read: another program wrote it despite the lock.
 */
static void
copy_old_ledger(struct ledger *ledger, FILE *out)
{
	FILE *in = fopen(ledger->path, "rb");
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	char buf[65536];
	size_t left = ledger->old_len, got;

	if (in == NULL)
		die_errno(_("cannot open '%s'"), ledger->path);
	sha256_init(&ctx);
	while (left > 0 && (got = fread(buf, 1,
	    left < sizeof buf ? left : sizeof buf, in)) > 0) {
		sha256_update(&ctx, got, (const uint8_t *)buf);
		fwrite(buf, 1, got, out);
		left -= got;
	}
	if (ferror(in))
		die_errno(_("cannot read '%s'"), ledger->path);
	sha256_digest(&ctx, sizeof digest, digest);
	if (left > 0 || getc(in) != EOF || (ledger->old_digest_known &&
	    memcmp(digest, ledger->old_digest, sizeof digest) != 0))
		die(_("ledger '%s' was changed by another program during this run: nothing recorded; run again"),
		    ledger->path);
	fclose(in);
}

void
ledger_commit(struct ledger *ledger)
{
	ledger_commit_rows(ledger, 0, NULL, NULL);
}

void
ledger_commit_rows(struct ledger *ledger, size_t count,
    void (*row)(void *context, size_t i, struct ledger_entry *entry),
    void *context)
{
	struct output *out;
	FILE *stream;
	off_t new_len;
	size_t i;
	int dir_fd;

	if (ledger->nentries == ledger->nloaded && count == 0)
		return;
	/*
	 * Rewrite and rename rather than append in place: a crash can then
	 * leave only the old ledger or the new one, never a torn last row.
	 * The old bytes are copied unchanged, so the file stays append-only.
	 */
	out = output_open(ledger->path, 0644);
	stream = output_stream(out);
	if (ledger->exists)
		copy_old_ledger(ledger, stream);
	else
		csv_write_row(stream, CSV_WRITE_DATA, LEDGER_NCOLUMNS,
		    ledger_columns);
	for (i = ledger->nloaded; i < ledger->nentries; i++)
		ledger_write_row(stream, &ledger->entries[i],
		    ledger->ncolumns);
	for (i = 0; i < count; i++) {
		struct ledger_entry entry;

		memset(&entry, 0, sizeof entry);
		row(context, i, &entry);
		ledger_write_row(stream, &entry, ledger->ncolumns);
	}
	new_len = ftello(stream);
	output_commit(out);

	/* Make the rename itself durable. */
	dir_fd = open(ledger->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir_fd < 0 || fsync(dir_fd) != 0)
		die_errno(_("cannot sync state folder '%s'"), ledger->dir);
	close(dir_fd);
	ledger->nloaded = ledger->nentries;
	/* The file is now this run's: a later commit copies it whole. */
	ledger->exists = 1;
	ledger->old_len = (size_t)new_len;
	ledger->old_digest_known = 0;
}

void
ledger_close(struct ledger *ledger)
{
	struct string_block *block, *next;

	if (ledger == NULL)
		return;
	for (block = ledger->strings; block != NULL; block = next) {
		next = block->next;
		free(block);
	}
	free(ledger->entries);
	free(ledger->by_decision);
	free(ledger->by_payment);
	/* Closing the descriptor releases the flock. */
	close(ledger->lock_fd);
	free(ledger->path);
	free(ledger->dir);
	free(ledger);
}
