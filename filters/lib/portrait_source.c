/*
 * The index of one department source for pfe-portrait: one pass checks
 * every row and keeps one 48-byte entry per run of an enterprise's
 * adjacent rows; the rows are then read again in USCC order, each run
 * with one read of its bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "pfe.h"
#include "portrait.h"
#include "rejects.h"
#include "uscc.h"

/* Start value of every hash: any nonzero constant serves. */
#define HASH_START UINT64_C(14695981039346656037)

/* How much to read when a run starts where the last read ended, as in a
   file already sorted by USCC. */
#define READ_AHEAD 65536

/* Return HASH with the 64-bit WORD mixed in. */
static uint64_t
mix(uint64_t hash, uint64_t word)
{
	hash = (hash ^ word) * UINT64_C(0x9E3779B97F4A7C15);
	return hash ^ (hash >> 29);
}

/* Return HASH with the LEN bytes at DATA mixed in, eight bytes at a
   time. */
static uint64_t
hash_bytes(uint64_t hash, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t word;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&word, p, 8);
		hash = mix(hash, word);
	}
	/* The last 0-7 bytes go in with their count in the top byte,
	   which keeps "ab","c" and "a","bc" apart. */
	word = 0;
	memcpy(&word, p, len);
	return mix(hash, word ^ (uint64_t)len << 56);
}

uint64_t
portrait_record_hash(const struct csv_record *record)
{
	uint64_t hash = HASH_START;
	size_t i;

	for (i = 0; i < record->nfields; i++)
		hash = hash_bytes(hash, record->fields[i], record->lengths[i]);
	return hash;
}

/* Return the 8 bytes at P as a number that orders like memcmp. */
static uint64_t
load_order(const char *p)
{
	uint64_t word;

	memcpy(&word, p, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	word = __builtin_bswap64(word);
#endif
	return word;
}

/*
 * Compare the codes (USCC_LEN bytes) at A and B as memcmp would. Sorting
 * and searching the runs compare codes millions of times, and this
 * takes two words and two bytes where memcmp is a call.
 */
_Static_assert(USCC_LEN == 18, "compare_codes reads 18 bytes");

static int
compare_codes(const char *a, const char *b)
{
	uint64_t x = load_order(a), y = load_order(b);

	if (x == y) {
		x = load_order(a + 8);
		y = load_order(b + 8);
	}
	if (x == y) {
		x = (uint64_t)(unsigned char)a[16] << 8 |
		    (unsigned char)a[17];
		y = (uint64_t)(unsigned char)b[16] << 8 |
		    (unsigned char)b[17];
	}
	return x < y ? -1 : x > y;
}

/* Order runs by USCC, then by line. */
static int
compare_entries(const void *a, const void *b)
{
	const struct portrait_entry *x = a, *y = b;
	int order = compare_codes(x->uscc, y->uscc);

	if (order != 0)
		return order;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	if (x->batch_index != y->batch_index)
		return x->batch_index < y->batch_index ? -1 : 1;
	return 0;
}

static int
compare_uscc(const void *a, const void *b)
{
	return compare_codes(((const struct portrait_entry *)a)->uscc,
	    ((const struct portrait_entry *)b)->uscc);
}

static int
compare_rejects(const void *a, const void *b)
{
	const struct portrait_reject *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	/* Records after a bare CR share their line. */
	if (x->position.offset != y->position.offset)
		return x->position.offset < y->position.offset ? -1 : 1;
	if (x->position.batch_index != y->position.batch_index)
		return x->position.batch_index < y->position.batch_index ?
		    -1 : 1;
	return 0;
}

/*
 * Read the next record from the source's reader and store where it
 * starts: the read that returned it began where the previous record's
 * read ended, unless the same read returned both (a bare CR line end).
 */
static int
read_record(struct portrait_source *s, struct csv_record **record,
    struct portrait_position *position)
{
	uint64_t after;

	if (!csv_reader_next(s->reader, record))
		return 0;
	after = csv_reader_offset(s->reader);
	if (after != s->before) {
		s->last.offset = s->before;
		s->last.batch_index = 0;
	} else {
		s->last.batch_index++;
	}
	if (after - s->last.offset > UINT32_MAX)
		die_at(s->source->file, (*record)->line,
		    _("record is longer than 4 GiB"));
	s->last.bytes = (uint32_t)(after - s->last.offset);
	s->before = after;
	*position = s->last;
	return 1;
}

/*
 * Return the BYTES bytes of the file at OFFSET, read into the window
 * unless it contains them already, or NULL when the file is shorter now.
 */
static const char *
load(struct portrait_source *s, uint64_t offset, uint32_t bytes)
{
	size_t want = bytes, got = 0;
	ssize_t n;

	if (offset >= s->window_offset &&
	    offset - s->window_offset <= s->window_len &&
	    bytes <= s->window_len - (offset - s->window_offset))
		return s->window + (offset - s->window_offset);
	if (offset == s->window_offset + s->window_len && want < READ_AHEAD)
		want = READ_AHEAD;
	if (want > s->window_cap) {
		s->window = xrealloc(s->window, want);
		s->window_cap = want;
	}
	if (s->fd < 0) {
		/* Reads need not update the access time. Only the file's
		   owner may ask for that, so others open it plainly. */
		s->fd = open(s->path, O_RDONLY | O_CLOEXEC | O_NOATIME);
		if (s->fd < 0 && errno == EPERM)
			s->fd = open(s->path, O_RDONLY | O_CLOEXEC);
		if (s->fd < 0)
			die_errno(_("cannot open '%s'"), s->path);
	}
	while (got < want) {
		n = pread(s->fd, s->window + got, want - got,
		    (off_t)(offset + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_errno(_("cannot read '%s'"), s->path);
		if (n == 0)
			break;
		got += (size_t)n;
	}
	s->window_offset = offset;
	s->window_len = got;
	return got >= bytes ? s->window : NULL;
}

/*
 * Make the reader return the records in the BYTES bytes at OFFSET, where
 * line LINE starts, after skipping SKIP records. Returns 0 when the file
 * is shorter now.
 */
static int
read_span(struct portrait_source *s, uint64_t offset, uint32_t bytes,
    long line, unsigned skip)
{
	const char *data = load(s, offset, bytes);
	struct csv_record *record;
	struct portrait_position position;

	if (data == NULL)
		return 0;
	if (s->reader == NULL)
		s->reader = csv_reader_from_memory(NULL, 0, s->source->file,
		    s->encoding);
	csv_reader_restart(s->reader, data, bytes, offset, line);
	s->before = offset;
	s->last.offset = offset;
	s->last.batch_index = 0;
	s->last.bytes = 0;
	while (skip-- > 0)
		if (!read_record(s, &record, &position))
			return 0;
	return 1;
}

void
portrait_source_reject(struct portrait_run *run, struct portrait_source *s,
    const struct csv_record *record, const struct portrait_position *position,
    const char *message, char *reason, long first_line)
{
	struct portrait_reject *r;

	if (!run->quiet && message != NULL)
		warn_at(s->source->file, record->line, "%s", message);
	s->rejects = xreallocarray(s->rejects, s->nrejects + 1,
	    sizeof(*s->rejects));
	r = &s->rejects[s->nrejects++];
	r->position = *position;
	r->line = (uint32_t)record->line;
	r->hash = portrait_record_hash(record);
	r->first_line = (uint32_t)first_line;
	r->reason = reason;
	if (reason == NULL)
		s->duplicates++;
	else
		s->rejected++;
}

void
portrait_source_write_rejects(struct portrait_source *s,
    struct rejects *rejects)
{
	struct csv_record *record;
	struct portrait_position position;
	size_t i;

	if (s->nrejects > 1)
		qsort(s->rejects, s->nrejects, sizeof(*s->rejects),
		    compare_rejects);
	for (i = 0; i < s->nrejects; i++) {
		const struct portrait_reject *r = &s->rejects[i];

		if (!read_span(s, r->position.offset, r->position.bytes,
		    (long)r->line, r->position.batch_index) ||
		    !read_record(s, &record, &position) ||
		    portrait_record_hash(record) != r->hash)
			die_at(s->source->file, (long)r->line,
			    _("record changed while it was being read: run again when no one is writing the file"));
		record->line = (long)r->line;
		if (r->reason == NULL)
			rejects_duplicate(rejects, s->source->file, record,
			    (long)r->first_line);
		else
			rejects_add(rejects, s->source->file, record, "%s",
			    r->reason);
	}
}

static long
find_column(const struct portrait_source *s, const struct dictionary *dict,
    const struct dict_field *field, const char *name)
{
	long column = csv_column(s->header, name);

	if (column < 0)
		die_at(s->source->file, 1,
		    _("missing column '%s', which field '%s' of %s names"),
		    name, field != NULL ? field->id : s->source->id,
		    dict->path);
	return column;
}

/* Find the key, year and field columns in the header; dies when one is
   missing. */
static void
map_columns(struct portrait_source *s, const struct dictionary *dict)
{
	size_t i;

	s->columns = xcalloc(dict->nfields, sizeof(*s->columns));
	s->date_columns = xcalloc(dict->nfields, sizeof(*s->date_columns));
	s->fields = xcalloc(dict->nfields, sizeof(*s->fields));
	s->key_column = find_column(s, dict, NULL, s->source->key_column);
	s->year_column = s->source->year_column == NULL ? -1 :
	    find_column(s, dict, NULL, s->source->year_column);
	s->name_column = s->source->name_column == NULL ? -1 :
	    find_column(s, dict, NULL, s->source->name_column);
	for (i = 0; i < dict->nfields; i++) {
		const struct dict_field *f = &dict->fields[i];

		s->columns[i] = -1;
		s->date_columns[i] = -1;
		if (f->source != s->source)
			continue;
		s->fields[s->nfields++] = i;
		if (f->column != NULL)
			s->columns[i] = find_column(s, dict, f, f->column);
		if (f->date_column != NULL)
			s->date_columns[i] = find_column(s, dict, f,
			    f->date_column);
	}
}

/* Check the key CELL (blanks trimmed); on success copy it to USCC. */
static int
check_key(struct portrait_run *run, const struct portrait_source *s,
    const char *cell, char *uscc, struct portrait_problem *problem)
{
	struct uscc_result result;
	const struct portrait_source *master = run->master;

	uscc_validate(cell, run->tables.divisions, &result);
	if (result.status == USCC_BAD_CHECK &&
	    uscc_allow_has(run->tables.allow, cell))
		result.status = USCC_VALID;
	if (result.status != USCC_VALID) {
		portrait_problem_clear(problem);
		problem->message = uscc_message(cell, &result);
		problem->reason = uscc_reason(cell, &result);
		return -1;
	}
	memcpy(uscc, cell, USCC_LEN);

	if (master != NULL && master != s) {
		struct portrait_entry key;

		memcpy(key.uscc, cell, USCC_LEN);
		if (master->nentries == 0 || bsearch(&key, master->entries,
		    master->nentries, sizeof(*master->entries),
		    compare_uscc) == NULL) {
			portrait_problem_clear(problem);
			problem->message = xasprintf(
			    _("enterprise '%s' is not in the registry '%s'"),
			    cell, master->source->file);
			problem->reason = xasprintf(
			    "企业%s不在登记名录（%s）中",
			    cell, master->source->file);
			return -1;
		}
	}
	return 0;
}

/* Check every value of RECORD that the dictionary reads from S. */
static int
check_values(struct portrait_run *run, const struct portrait_source *s,
    const struct csv_record *record, struct portrait_problem *problem)
{
	const struct dictionary *dict = run->tables.dict;
	size_t k, i;
	int64_t fen;

	for (k = 0; k < s->nfields; k++) {
		const struct dict_field *f = &dict->fields[s->fields[k]];
		int status;

		i = s->fields[k];
		if (f->derived)
			status = portrait_parse_amount(f->column,
			    record->fields[s->columns[i]], &fen, problem);
		else if (f->type == FIELD_LIST)
			status = portrait_parse_list_item(f,
			    s->columns[i] < 0 ? "" :
			    record->fields[s->columns[i]],
			    record->fields[s->date_columns[i]], NULL,
			    problem);
		else
			status = portrait_parse_cell(&run->tables, f,
			    f->column, record->fields[s->columns[i]], NULL,
			    problem);
		if (status != 0)
			return -1;
	}
	return 0;
}

/* Check RECORD; on success store its code in USCC and its fiscal year
   (0 when the source has none) in *YEAR. */
static int
check_row(struct portrait_run *run, struct portrait_source *s,
    const struct csv_record *record, char *uscc, int *year,
    struct portrait_problem *problem)
{
	const char *cell;
	char *key;
	size_t len;
	int status;

	if (record->nfields != s->header->nfields) {
		portrait_problem_clear(problem);
		problem->message = xasprintf(
		    _("record has %zu fields, but the header has %zu"),
		    record->nfields, s->header->nfields);
		problem->reason = xasprintf("记录有%zu个字段，表头有%zu个",
		    record->nfields, s->header->nfields);
		return -1;
	}
	/* Surrounding blanks are export noise, not part of the code. */
	cell = record->fields[s->key_column];
	cell += strspn(cell, " \t");
	len = strlen(cell);
	while (len > 0 && (cell[len - 1] == ' ' || cell[len - 1] == '\t'))
		len--;
	/* An enterprise's rows usually follow each other, and the same
	   code passes the same checks. */
	if (s->has_last_key && len == USCC_LEN &&
	    memcmp(cell, s->last_key, USCC_LEN) == 0) {
		memcpy(uscc, cell, USCC_LEN);
	} else {
		key = xstrndup(cell, len);
		status = check_key(run, s, key, uscc, problem);
		free(key);
		if (status != 0)
			return -1;
		memcpy(s->last_key, uscc, USCC_LEN);
		s->has_last_key = 1;
	}
	*year = 0;
	if (s->year_column >= 0) {
		*year = portrait_parse_year(s->source->year_column,
		    record->fields[s->year_column], problem);
		if (*year < 0)
			return -1;
	}
	return check_values(run, s, record, problem);
}

struct portrait_source *
portrait_source_index(struct portrait_run *run,
    const struct dict_source *source)
{
	struct portrait_source *s = xcalloc(1, sizeof(*s));
	struct portrait_problem problem = { NULL, NULL };
	struct portrait_position position;
	struct csv_record *record;
	struct portrait_entry *last = NULL;
	size_t cap = 0;

	s->source = source;
	s->fd = -1;
	s->encoding = run->encoding;
	if (source->encoding != NULL)
		s->encoding = strcmp(source->encoding, "gb18030") == 0 ?
		    CSV_ENCODING_GB18030 : CSV_ENCODING_UTF8;
	s->path = xasprintf("%s/%s", run->data_dir, source->file);
	s->reader = csv_reader_open(s->path, source->file, s->encoding);
	if (!read_record(s, &record, &position))
		die_at(source->file, 0, _("missing header: the file is empty"));
	s->header = csv_record_copy(record);
	map_columns(s, run->tables.dict);

	while (read_record(s, &record, &position)) {
		char uscc[USCC_LEN];
		uint64_t hash;
		int year;

		s->read++;
		if (check_row(run, s, record, uscc, &year, &problem) != 0) {
			portrait_source_reject(run, s, record, &position,
			    problem.message, problem.reason, 0);
			free(problem.message);
			problem.message = NULL;
			problem.reason = NULL;
			last = NULL;
			continue;
		}
		if (year != 0 && (year < run->first_year ||
		    year > run->last_year))
			s->outside_window++;

		/* A row right after a usable row of the same enterprise
		   extends its run. */
		hash = portrait_record_hash(record);
		if (last != NULL && memcmp(last->uscc, uscc, USCC_LEN) == 0 &&
		    last->count < UINT32_MAX &&
		    position.offset + position.bytes - last->offset <=
		    UINT32_MAX) {
			last->count++;
			last->bytes = (uint32_t)(position.offset +
			    position.bytes - last->offset);
			last->hash = hash_bytes(last->hash, &hash,
			    sizeof(hash));
			continue;
		}
		if (s->nentries == cap) {
			cap = cap * 2 + 1024;
			s->entries = xreallocarray(s->entries, cap,
			    sizeof(*s->entries));
		}
		last = &s->entries[s->nentries++];
		memset(last, 0, sizeof(*last));
		memcpy(last->uscc, uscc, USCC_LEN);
		last->batch_index = (uint8_t)position.batch_index;
		last->line = (uint32_t)record->line;
		last->count = 1;
		last->bytes = position.bytes;
		last->offset = position.offset;
		last->hash = hash_bytes(HASH_START, &hash, sizeof(hash));
	}
	csv_reader_close(s->reader);
	s->reader = NULL;

	if (s->nentries > 1)
		qsort(s->entries, s->nentries, sizeof(*s->entries),
		    compare_entries);
	return s;
}

size_t
portrait_source_rows(const struct portrait_source *s, const char *uscc,
    size_t *cursor, size_t *count)
{
	size_t first;

	while (*cursor < s->nentries &&
	    compare_codes(s->entries[*cursor].uscc, uscc) < 0)
		(*cursor)++;
	first = *cursor;
	while (*cursor < s->nentries &&
	    compare_codes(s->entries[*cursor].uscc, uscc) == 0)
		(*cursor)++;
	*count = *cursor - first;
	return first;
}

void
portrait_source_start(struct portrait_source *s, size_t i)
{
	const struct portrait_entry *e = &s->entries[i];

	if (!read_span(s, e->offset, e->bytes, (long)e->line, e->batch_index))
		die_at(s->source->file, (long)e->line,
		    _("record changed while it was being read: run again when no one is writing the file"));
	s->entry = e;
	s->remaining = e->count;
	s->run_hash = HASH_START;
}

const struct csv_record *
portrait_source_next(struct portrait_source *s,
    struct portrait_position *position, uint64_t *hash)
{
	struct csv_record *record;

	if (s->remaining == 0)
		return NULL;
	if (!read_record(s, &record, position))
		die_at(s->source->file, (long)s->entry->line,
		    _("record changed while it was being read: run again when no one is writing the file"));
	/* Blank lines before the run's first row shift the reader's count. */
	if (s->remaining == s->entry->count)
		s->line_delta = (long)s->entry->line - record->line;
	record->line += s->line_delta;

	*hash = portrait_record_hash(record);
	s->run_hash = hash_bytes(s->run_hash, hash, sizeof(*hash));
	s->remaining--;
	if (s->remaining == 0 && s->run_hash != s->entry->hash)
		die_at(s->source->file, (long)s->entry->line,
		    _("record changed while it was being read: run again when no one is writing the file"));
	return record;
}

void
portrait_source_free(struct portrait_source *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (s->reader != NULL)
		csv_reader_close(s->reader);
	if (s->fd >= 0)
		close(s->fd);
	free(s->window);
	for (i = 0; i < s->nrejects; i++)
		free(s->rejects[i].reason);
	free(s->rejects);
	csv_record_free(s->header);
	free(s->columns);
	free(s->date_columns);
	free(s->fields);
	free(s->entries);
	free(s->path);
	free(s);
}
