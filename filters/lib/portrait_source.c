/*
 * The index of one department source for pfe-portrait: one pass checks
 * every row and keeps 48 bytes per usable row (plus 4 to 8 bytes of
 * duplicate table), then rows are read again by seeking, in USCC order.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pfe.h"
#include "portrait.h"
#include "rejects.h"
#include "uscc.h"

/* Open-addressing table of entry numbers plus one (0: empty slot), to
   find an earlier row with the same identity while reading. */
struct identity_table {
	uint32_t *slots;
	size_t nslots;		/* a power of two */
	size_t used;
};

static uint64_t
hash_bytes(uint64_t hash, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		hash ^= p[i];
		hash *= UINT64_C(1099511628211);
	}
	return hash;
}

uint64_t
portrait_record_hash(const struct csv_record *record)
{
	uint64_t hash = UINT64_C(14695981039346656037);
	static const unsigned char separator = 0xFF;
	size_t i;

	for (i = 0; i < record->nfields; i++) {
		hash = hash_bytes(hash, record->fields[i], record->lengths[i]);
		/* 0xFF never occurs in UTF-8, so "ab","c" and "a","bc"
		   hash apart. */
		hash = hash_bytes(hash, &separator, 1);
	}
	return hash;
}

int
portrait_entry_compare(const void *a, const void *b)
{
	const struct portrait_entry *x = a, *y = b;
	int order = memcmp(x->uscc, y->uscc, sizeof(x->uscc));

	if (order != 0)
		return order;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return 0;
}

static int
compare_uscc(const void *a, const void *b)
{
	return memcmp(((const struct portrait_entry *)a)->uscc,
	    ((const struct portrait_entry *)b)->uscc, USCC_LEN);
}

/*
 * Return the identity hash of ENTRY: the enterprise for a master source,
 * the enterprise and year for a yearly one, the whole record for list
 * and rows sources (where only exact duplicates are found).
 */
static uint64_t
identity_hash(enum source_kind kind, const struct portrait_entry *entry)
{
	uint64_t hash = UINT64_C(14695981039346656037);

	if (kind == SOURCE_LIST || kind == SOURCE_ROWS)
		return entry->hash;
	hash = hash_bytes(hash, entry->uscc, sizeof(entry->uscc));
	if (kind == SOURCE_YEARLY)
		hash = hash_bytes(hash, &entry->year, sizeof(entry->year));
	return hash;
}

static int
same_identity(enum source_kind kind, const struct portrait_entry *a,
    const struct portrait_entry *b)
{
	if (memcmp(a->uscc, b->uscc, sizeof(a->uscc)) != 0)
		return 0;
	if (kind == SOURCE_LIST || kind == SOURCE_ROWS)
		return a->hash == b->hash;
	return kind != SOURCE_YEARLY || a->year == b->year;
}

/* Return the slot for ENTRY: the one holding an earlier entry with the
   same identity, or the empty one where it belongs. */
static uint32_t *
identity_slot(const struct identity_table *table, enum source_kind kind,
    const struct portrait_entry *entries, const struct portrait_entry *entry)
{
	size_t mask = table->nslots - 1;
	size_t i = (size_t)identity_hash(kind, entry) & mask;

	while (table->slots[i] != 0 &&
	    !same_identity(kind, &entries[table->slots[i] - 1], entry))
		i = (i + 1) & mask;
	return &table->slots[i];
}

/* Keep the table at most half full, so probes stay short. */
static void
identity_grow(struct identity_table *table, enum source_kind kind,
    const struct portrait_entry *entries, size_t nentries)
{
	size_t i;

	if (table->nslots != 0 && (table->used + 1) * 2 <= table->nslots)
		return;
	table->nslots = table->nslots == 0 ? 1024 : table->nslots * 2;
	free(table->slots);
	table->slots = xcalloc(table->nslots, sizeof(*table->slots));
	for (i = 0; i < nentries; i++)
		*identity_slot(table, kind, entries, &entries[i]) =
		    (uint32_t)(i + 1);
}

/* Warn (unless quiet) and write RECORD to the rejects file. */
static void
reject_row(struct portrait_run *run, struct portrait_source *s,
    const struct csv_record *record, struct portrait_problem *problem)
{
	if (!run->quiet)
		warn_at(s->source->file, record->line, "%s", problem->message);
	rejects_add(run->rejects, s->source->file, record, "%s",
	    problem->reason);
	portrait_problem_clear(problem);
	s->rejected++;
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
	s->key_column = find_column(s, dict, NULL, s->source->key_column);
	s->year_column = s->source->year_column == NULL ? -1 :
	    find_column(s, dict, NULL, s->source->year_column);
	for (i = 0; i < dict->nfields; i++) {
		const struct dict_field *f = &dict->fields[i];

		s->columns[i] = -1;
		s->date_columns[i] = -1;
		if (f->source != s->source)
			continue;
		if (f->column != NULL)
			s->columns[i] = find_column(s, dict, f, f->column);
		if (f->date_column != NULL)
			s->date_columns[i] = find_column(s, dict, f,
			    f->date_column);
	}
}

/* Check the key cell; on success copy the code into ENTRY. */
static int
check_key(struct portrait_run *run, const struct portrait_source *s,
    const char *cell, struct portrait_entry *entry,
    struct portrait_problem *problem)
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
	memcpy(entry->uscc, cell, sizeof(entry->uscc));

	if (master != NULL && master != s &&
	    bsearch(entry, master->entries, master->nentries,
	    sizeof(*master->entries), compare_uscc) == NULL) {
		portrait_problem_clear(problem);
		problem->message = xasprintf(
		    _("enterprise '%s' is not in the registry '%s'"),
		    cell, master->source->file);
		problem->reason = xasprintf("企业%s不在登记名录（%s）中",
		    cell, master->source->file);
		return -1;
	}
	return 0;
}

/* Check every value of RECORD that the dictionary reads from S. */
static int
check_values(struct portrait_run *run, const struct portrait_source *s,
    const struct csv_record *record, struct portrait_problem *problem)
{
	const struct dictionary *dict = run->tables.dict;
	size_t i;
	char *value;
	int64_t fen;

	for (i = 0; i < dict->nfields; i++) {
		const struct dict_field *f = &dict->fields[i];
		int status;

		if (f->source != s->source)
			continue;
		if (f->derived)
			status = portrait_parse_amount(f->column,
			    record->fields[s->columns[i]], &fen, problem);
		else if (f->type == FIELD_LIST)
			status = portrait_parse_list_item(f,
			    s->columns[i] < 0 ? "" :
			    record->fields[s->columns[i]],
			    record->fields[s->date_columns[i]], &value,
			    problem);
		else
			status = portrait_parse_cell(&run->tables, f,
			    f->column, record->fields[s->columns[i]], &value,
			    problem);
		if (status != 0)
			return -1;
		if (!f->derived)
			free(value);
	}
	return 0;
}

/* Check RECORD and fill ENTRY; returns 0, or -1 with *PROBLEM set. */
static int
check_row(struct portrait_run *run, const struct portrait_source *s,
    const struct csv_record *record, struct portrait_entry *entry,
    struct portrait_problem *problem)
{
	const char *cell;
	char *key;
	size_t len;
	int status, year;

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
	key = xstrndup(cell, len);
	status = check_key(run, s, key, entry, problem);
	free(key);
	if (status != 0)
		return -1;
	if (s->year_column >= 0) {
		year = portrait_parse_year(s->source->year_column,
		    record->fields[s->year_column], problem);
		if (year < 0)
			return -1;
		entry->year = (int16_t)year;
	}
	return check_values(run, s, record, problem);
}

/* Write the later of two rows with one identity as a duplicate or, when
   they differ, as a conflict. */
static void
reject_repeat(struct portrait_run *run, struct portrait_source *s,
    const struct csv_record *record, const struct portrait_entry *first,
    const struct portrait_entry *entry)
{
	struct portrait_problem problem = { NULL, NULL };

	if (first->hash == entry->hash) {
		rejects_duplicate(run->rejects, s->source->file, record,
		    (long)first->line);
		s->duplicates++;
		return;
	}
	if (s->source->kind == SOURCE_YEARLY) {
		problem.message = xasprintf(
		    _("conflicting record for '%.18s' in %d: it differs from line %lu, which is used"),
		    entry->uscc, entry->year, (unsigned long)first->line);
		problem.reason = xasprintf(
		    "与第%lu行冲突：同一企业同一年度已有不同的记录，采用第%lu行",
		    (unsigned long)first->line, (unsigned long)first->line);
	} else {
		problem.message = xasprintf(
		    _("conflicting record for '%.18s': it differs from line %lu, which is used"),
		    entry->uscc, (unsigned long)first->line);
		problem.reason = xasprintf(
		    "与第%lu行冲突：同一企业已有不同的记录，采用第%lu行",
		    (unsigned long)first->line, (unsigned long)first->line);
	}
	reject_row(run, s, record, &problem);
}

struct portrait_source *
portrait_source_index(struct portrait_run *run,
    const struct dict_source *source)
{
	struct portrait_source *s = xcalloc(1, sizeof(*s));
	struct identity_table table = { NULL, 0, 0 };
	struct portrait_problem problem = { NULL, NULL };
	struct csv_reader *reader;
	struct csv_record *record;
	uint64_t before, after, batch_start = 0;
	unsigned batch_index = 0;
	size_t cap = 0;

	s->source = source;
	s->encoding = run->encoding;
	s->path = xasprintf("%s/%s", run->data_dir, source->file);
	reader = csv_reader_open(s->path, source->file, run->encoding);
	if (!csv_reader_next(reader, &record))
		die_at(source->file, 0, _("missing header: the file is empty"));
	s->header = csv_record_copy(record);
	map_columns(s, run->tables.dict);

	before = csv_reader_offset(reader);
	while (csv_reader_next(reader, &record)) {
		struct portrait_entry entry;
		uint32_t *slot;

		/* Where the read that returned this record began, and how
		   many records that read returned before it. */
		after = csv_reader_offset(reader);
		if (after != before) {
			batch_start = before;
			batch_index = 0;
		} else {
			batch_index++;
		}
		before = after;
		s->read++;

		memset(&entry, 0, sizeof(entry));
		entry.line = (uint32_t)record->line;
		entry.offset = batch_start;
		entry.batch_index = (uint8_t)batch_index;
		entry.hash = portrait_record_hash(record);
		if (check_row(run, s, record, &entry, &problem) != 0) {
			reject_row(run, s, record, &problem);
			continue;
		}

		identity_grow(&table, source->kind, s->entries, s->nentries);
		slot = identity_slot(&table, source->kind, s->entries, &entry);
		if (*slot != 0) {
			reject_repeat(run, s, record, &s->entries[*slot - 1],
			    &entry);
			continue;
		}
		if (s->nentries == UINT32_MAX - 1)
			die_at(source->file, record->line,
			    _("too many records: at most %lu are supported"),
			    (unsigned long)(UINT32_MAX - 1));
		if (s->nentries == cap) {
			cap = cap * 2 + 1024;
			s->entries = xreallocarray(s->entries, cap,
			    sizeof(*s->entries));
		}
		s->entries[s->nentries] = entry;
		*slot = (uint32_t)++s->nentries;
		table.used++;
		if (entry.year != 0 && (entry.year < run->first_year ||
		    entry.year > run->last_year))
			s->outside_window++;
	}
	csv_reader_close(reader);
	free(table.slots);

	qsort(s->entries, s->nentries, sizeof(*s->entries),
	    portrait_entry_compare);
	return s;
}

size_t
portrait_source_rows(const struct portrait_source *s, const char *uscc,
    size_t *cursor, size_t *count)
{
	size_t first;

	while (*cursor < s->nentries &&
	    memcmp(s->entries[*cursor].uscc, uscc, USCC_LEN) < 0)
		(*cursor)++;
	first = *cursor;
	while (*cursor < s->nentries &&
	    memcmp(s->entries[*cursor].uscc, uscc, USCC_LEN) == 0)
		(*cursor)++;
	*count = *cursor - first;
	return first;
}

/* Return 1 when the open reader's next record is entry E. */
static int
follows_last(const struct portrait_source *s, const struct portrait_entry *e)
{
	if (s->reader == NULL || s->last == NULL)
		return 0;
	if (e->offset == s->last->offset &&
	    e->batch_index == s->last->batch_index + 1)
		return 1;
	return e->batch_index == 0 &&
	    e->offset == s->base + csv_reader_offset(s->reader);
}

/* Start a new reader at byte OFFSET and skip SKIP records. */
static void
reopen_at(struct portrait_source *s, uint64_t offset, unsigned skip)
{
	struct csv_record *record;

	if (s->reader != NULL)
		csv_reader_close(s->reader);
	if (s->stream == NULL) {
		s->stream = fopen(s->path, "rb");
		if (s->stream == NULL)
			die_errno(_("cannot open '%s'"), s->path);
	}
	if (fseeko(s->stream, (off_t)offset, SEEK_SET) != 0)
		die_errno(_("cannot seek in '%s'"), s->path);
	s->reader = csv_reader_from_stream(s->stream, s->source->file,
	    s->encoding);
	s->base = offset;
	while (skip-- > 0)
		if (!csv_reader_next(s->reader, &record))
			break;
}

const struct csv_record *
portrait_source_fetch(struct portrait_source *s, size_t i)
{
	const struct portrait_entry *e = &s->entries[i];
	struct csv_record *record;
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (attempt == 1 || !follows_last(s, e))
			reopen_at(s, e->offset, e->batch_index);
		if (csv_reader_next(s->reader, &record) &&
		    portrait_record_hash(record) == e->hash) {
			s->last = e;
			return record;
		}
	}
	die_at(s->source->file, (long)e->line,
	    _("record changed while it was being read: run again when no one is writing the file"));
}

void
portrait_source_free(struct portrait_source *s)
{
	if (s == NULL)
		return;
	if (s->reader != NULL)
		csv_reader_close(s->reader);
	if (s->stream != NULL)
		fclose(s->stream);
	csv_record_free(s->header);
	free(s->columns);
	free(s->date_columns);
	free(s->entries);
	free(s->path);
	free(s);
}
