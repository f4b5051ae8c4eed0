/*
 * The inputs of pfe-review: applications, matches of free-of-application
 * items, subsidies already received, and the portraits of the enterprises
 * that some decision needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "date.h"
#include "dict.h"
#include "err.h"
#include "pfe.h"
#include "policy.h"
#include "review.h"
#include "review_index.h"
#include "review_run.h"
#include "xmlio.h"

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
compare_portraits(const void *a, const void *b)
{
	const struct review_portrait *x = a, *y = b;

	return strcmp(x->uscc, y->uscc);
}

const struct review_portrait *
review_find_portrait(const struct review_run *run, const char *uscc)
{
	struct review_portrait key;

	key.uscc = (char *)uscc;
	if (run->nportraits == 0)
		return NULL;
	return bsearch(&key, run->portraits, run->nportraits,
	    sizeof(*run->portraits), compare_portraits);
}

const char *
review_cell(const struct csv_record *record, long column)
{
	if (column < 0 || (size_t)column >= record->nfields)
		return "";
	return record->fields[column];
}

/* Decision order: submission time, then application id. Later
   applications are checked against the decisions on earlier ones. */
static int
compare_submission(const void *a, const void *b)
{
	const struct review_application *x = a, *y = b;
	int c = strcmp(x->submitted, y->submitted);

	return c != 0 ? c : strcmp(x->id, y->id);
}

/* Read the applications of every file in PATHS, rejecting those that
   were submitted after the as-of date. */
void
review_read_application_files(struct review_run *run, char **paths,
    size_t npaths)
{
	struct review_index kept_ids = { NULL, 0, 0 };	/* id -> kept app */
	size_t i, first;
	int found;

	for (i = 0; i < npaths; i++) {
		first = run->napps;
		run->read_apps += review_read_applications(paths[i],
		    XML_MAX_INPUT, run->set, run->divisions, &run->apps,
		    &run->napps, run->rejects);
		for (; first < run->napps; first++) {
			run->app_ids = xreallocarray(run->app_ids,
			    run->napp_ids + 1, sizeof(*run->app_ids));
			run->app_ids[run->napp_ids++] =
			    xstrdup(run->apps[first].id);
		}
	}

	/* Drop applications from after the as-of date and repeated ids. */
	first = 0;
	for (i = 0; i < run->napps; i++) {
		struct review_application *app = &run->apps[i];
		int32_t day;
		char *reason = NULL;
		char date_part[DATE_BUFSIZE];
		size_t *kept;

		snprintf(date_part, sizeof(date_part), "%s", app->submitted);
		if (date_parse(date_part, &day) != 0)
			reason = xasprintf("提交时间 '%s' 无效", app->submitted);
		else if (day > run->as_of)
			reason = xasprintf("提交时间 %s 晚于评估日 %s",
			    app->submitted, run->as_of_text);
		kept = reason == NULL ? review_index_get(&kept_ids, app->id) :
		    NULL;
		/* The same application handed in twice is listed, not
		   rejected. */
		if (kept != NULL &&
		    review_applications_equal(&run->apps[*kept], app)) {
			review_duplicate_xml(run->rejects, app->file,
			    app->line, app->id, run->apps[*kept].line);
			review_application_free(app);
			continue;
		}
		if (kept != NULL)
			reason = xasprintf("申请编号 %s 已在 %s 第%ld行使用",
			    app->id, run->apps[*kept].file,
			    run->apps[*kept].line);
		if (reason != NULL) {
			review_reject_xml(run->rejects, app->file, app->line,
			    app->id, reason);
			free(reason);
			review_application_free(app);
			continue;
		}
		review_index_put(&kept_ids, app->id, first, &found);
		run->apps[first++] = *app;
	}
	review_index_free(&kept_ids);
	run->napps = first;
	if (run->napps > 0)
		qsort(run->apps, run->napps, sizeof(*run->apps),
		    compare_submission);
}

/* A copy of a record whose memory is reused for the next one. */
struct kept_record {
	struct csv_record record;
	size_t nfields_size;	/* allocated fields and lengths */
	char *data;
	size_t data_size;
};

/* Make KEPT a copy of RECORD. */
static void
keep_record(struct kept_record *kept, const struct csv_record *record)
{
	size_t i, size = 0, n = record->nfields;
	char *data;

	for (i = 0; i < n; i++)
		size += record->lengths[i] + 1;
	if (n > kept->nfields_size) {
		kept->nfields_size = n;
		kept->record.fields = xreallocarray(kept->record.fields, n,
		    sizeof(*kept->record.fields));
		kept->record.lengths = xreallocarray(kept->record.lengths, n,
		    sizeof(*kept->record.lengths));
	}
	if (size > kept->data_size) {
		kept->data_size = size * 2;
		kept->data = xrealloc(kept->data, kept->data_size);
	}
	kept->record.nfields = n;
	kept->record.line = record->line;
	data = kept->data;
	for (i = 0; i < n; i++) {
		kept->record.fields[i] = data;
		kept->record.lengths[i] = record->lengths[i];
		memcpy(data, record->fields[i], record->lengths[i]);
		data[record->lengths[i]] = '\0';
		data += record->lengths[i] + 1;
	}
}

static void
kept_record_free(struct kept_record *kept)
{
	free(kept->record.fields);
	free(kept->record.lengths);
	free(kept->data);
}

/* Return 1 when records A and B hold the same fields, byte for byte. */
static int
records_equal(const struct csv_record *a, const struct csv_record *b)
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

/* Return <0, 0 or >0 as the key (USCC, then item, byte order) of A is
   before, equal to or after that of B. */
static int
compare_match_keys(const char *uscc_a, const char *item_a,
    const char *uscc_b, const char *item_b)
{
	int c = strcmp(uscc_a, uscc_b);

	return c != 0 ? c : strcmp(item_a, item_b);
}

/* matches.csv, read one usable row ahead of the portraits. */
struct match_reader {
	struct csv_reader *reader;
	const char *file;
	long c_uscc, c_item, c_status;
	struct kept_record previous;	/* the last row in order */
	int has_previous;
	struct review_match next;	/* the row read ahead */
	int has_next;
};

/* Open matches.csv at PATH and check its header. */
static void
match_reader_open(struct review_run *run, struct match_reader *mr,
    const char *path)
{
	struct csv_record *record;

	memset(mr, 0, sizeof(*mr));
	mr->reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	mr->file = csv_reader_name(mr->reader);
	run->matches_file = path;
	run->matches_name = strrchr(path, '/') != NULL ?
	    strrchr(path, '/') + 1 : path;
	if (!csv_reader_next(mr->reader, &record))
		die_at(mr->file, 1,
		    _("empty matches file: expected a header line"));
	mr->c_uscc = csv_column(record, "uscc");
	mr->c_item = csv_column(record, "item");
	mr->c_status = csv_column(record, "status");
	if (mr->c_uscc < 0 || mr->c_item < 0 || mr->c_status < 0)
		die_at(mr->file, 1,
		    _("not a matches file: expected the columns uscc, item and status"));
}

/*
 * Read ahead to the next eligible or near-miss row of a free item into
 * MR->next; clear MR->has_next at the end. The file is sorted by USCC,
 * then item, as pfe-match writes it, so a repeated row directly follows
 * the row it repeats, and comparing each row with the one before keeps
 * reading linear in time and constant in memory. A row out of that order
 * is rejected. MR->next stays valid until the next call.
 */
static void
match_reader_advance(struct review_run *run, struct match_reader *mr)
{
	struct csv_record *record;
	const struct csv_record *previous = &mr->previous.record;

	mr->has_next = 0;
	while (csv_reader_next(mr->reader, &record)) {
		const char *status = review_cell(record, mr->c_status);
		const char *uscc = review_cell(record, mr->c_uscc);
		const char *item_id = review_cell(record, mr->c_item);
		long item = policy_index(run->set, item_id);
		int order = 1;

		run->read_matches++;
		if (mr->has_previous)
			order = compare_match_keys(uscc, item_id,
			    review_cell(previous, mr->c_uscc),
			    review_cell(previous, mr->c_item));
		if (order == 0 && records_equal(record, previous)) {
			/* PREVIOUS is the first of the repeated rows: a row
			   that repeats it is never kept as PREVIOUS. */
			rejects_duplicate(run->rejects, mr->file, record,
			    previous->line);
			continue;
		}
		if (order == 0) {
			rejects_add(run->rejects, mr->file, record,
			    "企业 %s 与政策事项 %s 已在第%ld行匹配，"
			    "同一企业和事项只能有一行", uscc, item_id,
			    previous->line);
			continue;
		}
		if (order < 0) {
			rejects_add(run->rejects, mr->file, record,
			    "未按统一社会信用代码和政策事项排序：应排在第%ld行之前",
			    previous->line);
			continue;
		}
		keep_record(&mr->previous, record);
		mr->has_previous = 1;

		if (item < 0) {
			rejects_add(run->rejects, mr->file, record,
			    "政策事项 '%s' 不在政策文件中", item_id);
			continue;
		}
		if (strcmp(status, "eligible") != 0 &&
		    strcmp(status, "near-miss") != 0) {
			rejects_add(run->rejects, mr->file, record,
			    "匹配状态 '%s' 无效：应为 eligible 或 near-miss",
			    status);
			continue;
		}
		/* Items that need an application are only notices here. */
		if (!run->set->items[item].free_of_application)
			continue;
		/* The kept copy outlives the reader's record. */
		mr->next.uscc = (char *)review_cell(previous, mr->c_uscc);
		mr->next.item = (size_t)item;
		mr->next.eligible = strcmp(status, "eligible") == 0;
		mr->next.line = record->line;
		mr->has_next = 1;
		return;
	}
}

static void
match_reader_close(struct match_reader *mr)
{
	if (mr->reader == NULL)
		return;
	kept_record_free(&mr->previous);
	csv_reader_close(mr->reader);
}

/* Read the subsidies already received: USCC, year, project number. */
void
review_read_subsidies(struct review_run *run, const char *path)
{
	const struct dict_source *source = dict_source(run->dict,
	    "subsidies");
	struct csv_reader *reader = csv_reader_open(path, NULL,
	    CSV_ENCODING_UTF8);
	const char *file = csv_reader_name(reader);
	struct csv_record *record;
	struct review_index projects = { NULL, 0, 0 };	/* applications'
							   project codes */
	long c_uscc, c_year, c_project, c_item, c_amount;
	size_t i;
	int found;

	if (!csv_reader_next(reader, &record))
		die_at(file, 1, _("empty subsidies file: expected a header line"));
	c_uscc = csv_column(record, source != NULL ? source->key_column :
	    "统一社会信用代码");
	c_year = csv_column(record, source != NULL && source->year_column ?
	    source->year_column : "年度");
	c_project = csv_column(record, "项目编号");
	c_item = csv_column(record, "政策事项");
	c_amount = csv_column(record, "金额（元）");
	if (c_uscc < 0 || c_project < 0)
		die_at(file, 1,
		    _("not a subsidies file: expected the columns '%s' and '%s'"),
		    source != NULL ? source->key_column : "统一社会信用代码",
		    "项目编号");
	/* Subsidies are looked up by the projects applications name, so
	   only those are kept: the export has a row per enterprise and
	   year, far more than there are applications. */
	for (i = 0; i < run->napps; i++)
		if (run->apps[i].project_code != NULL)
			review_index_put(&projects, run->apps[i].project_code,
			    i, &found);
	while (csv_reader_next(reader, &record)) {
		struct review_subsidy *s;

		if (review_cell(record, c_project)[0] == '\0' ||
		    review_index_get(&projects,
		    review_cell(record, c_project)) == NULL)
			continue;
		run->subsidies = xreallocarray(run->subsidies,
		    run->nsubsidies + 1, sizeof(*run->subsidies));
		s = &run->subsidies[run->nsubsidies++];
		s->uscc = xstrdup(review_cell(record, c_uscc));
		s->project = xstrdup(review_cell(record, c_project));
		s->year = xstrdup(review_cell(record, c_year));
		s->item = xstrdup(review_cell(record, c_item));
		s->amount = xstrdup(review_cell(record, c_amount));
	}
	review_index_free(&projects);
	csv_reader_close(reader);
}

/*
 * Return the dictionary's subsidies export (source "subsidies", its file
 * relative to the dictionary's folder) as a newly allocated path, or NULL
 * when the dictionary names none or the file does not exist.
 */
char *
review_default_subsidies(const struct dictionary *dict)
{
	const struct dict_source *source = dict_source(dict, "subsidies");
	const char *slash = strrchr(dict->path, '/');
	char *path;

	if (source == NULL || source->file == NULL)
		return NULL;
	if (source->file[0] == '/' || slash == NULL)
		path = xstrdup(source->file);
	else
		path = xasprintf("%.*s/%s", (int)(slash - dict->path),
		    dict->path, source->file);
	if (access(path, R_OK) != 0) {
		free(path);
		return NULL;
	}
	return path;
}

/*
 * Return a copy of RECORD in one allocation, freed with free(): a
 * portrait row has about 50 fields, and one allocation per field would
 * more than double the memory of every kept row.
 */
static struct csv_record *
copy_record_compact(const struct csv_record *record)
{
	size_t i, size = sizeof(struct csv_record), n = record->nfields;
	struct csv_record *copy;
	char *data;

	for (i = 0; i < n; i++)
		size += sizeof(char *) + sizeof(size_t) +
		    record->lengths[i] + 1;
	copy = xmalloc(size);
	copy->nfields = n;
	copy->line = record->line;
	copy->fields = (char **)(copy + 1);
	copy->lengths = (size_t *)(copy->fields + n);
	data = (char *)(copy->lengths + n);
	for (i = 0; i < n; i++) {
		copy->fields[i] = data;
		copy->lengths[i] = record->lengths[i];
		memcpy(data, record->fields[i], record->lengths[i]);
		data[record->lengths[i]] = '\0';
		data += record->lengths[i] + 1;
	}
	return copy;
}

/* The state of review_join while the portraits stream by. */
struct join {
	struct review_run *run;
	struct match_reader matches;	/* reader NULL: no matches */
	char **applicants;	/* applicants' USCCs, sorted */
	size_t napplicants;
	long c_uscc;		/* portraits column */
	struct kept_record last;	/* the last portrait row in order */
	int has_last;
};

/* Take the portraits header: bind the policies to it. */
static void
join_header(struct join *join, const char *file,
    const struct csv_record *header)
{
	struct review_run *run = join->run;

	run->header = csv_record_copy(header);
	join->c_uscc = csv_column(run->header, "uscc");
	if (join->c_uscc < 0)
		die_at(file, 1,
		    _("not a portraits file: missing column 'uscc'"));
	run->dishonesty_column = csv_column(run->header, "dishonesty");
	run->name_column = csv_column(run->header, "name");
	run->binding = policy_bind(run->set, run->header, file, run->as_of);
	run->ctx = policy_ctx_new(run->binding);
}

/* Decide the read-ahead matches up to USCC: those of enterprises before
   it have no portrait, those of USCC have PORTRAIT. USCC NULL: all. */
static void
join_matches(struct join *join, const char *uscc,
    const struct csv_record *portrait)
{
	struct match_reader *mr = &join->matches;
	int c;

	while (mr->has_next) {
		c = uscc != NULL ? strcmp(mr->next.uscc, uscc) : -1;
		if (c > 0)
			break;
		review_decide_match(join->run, &mr->next,
		    c == 0 ? portrait : NULL);
		match_reader_advance(join->run, mr);
	}
}

/*
 * Return 1 when ROW of FILE sorts strictly after the last portrait row
 * by USCC, as a merge with the matches needs. Otherwise record it as a
 * duplicate, when it repeats that row exactly, or as a reject, and
 * return 0.
 */
static int
join_in_order(struct join *join, const char *file,
    const struct csv_record *row, const char *uscc)
{
	const struct csv_record *last = &join->last.record;
	const char *last_uscc;
	int order;

	if (!join->has_last)
		return 1;
	last_uscc = review_cell(last, join->c_uscc);
	order = strcmp(uscc, last_uscc);
	if (order > 0)
		return 1;
	if (order == 0 && records_equal(row, last))
		rejects_duplicate(join->run->rejects, file, row, last->line);
	else if (order == 0)
		rejects_add(join->run->rejects, file, row,
		    "统一社会信用代码'%s'重复且数据不同：首次出现在第%ld行",
		    uscc, last->line);
	else
		rejects_add(join->run->rejects, file, row,
		    "未按统一社会信用代码排序：'%s'排在第%ld行的'%s'之前",
		    uscc, last->line, last_uscc);
	return 0;
}

/* Take one portrait row: keep an applicant's, decide its matches. */
static void
join_row(struct join *join, const struct csv_record *row, const char *uscc)
{
	struct review_run *run = join->run;
	struct review_portrait *p;

	/* Rows come sorted by USCC, so the kept ones are. */
	if (join->napplicants > 0 && bsearch(&uscc, join->applicants,
	    join->napplicants, sizeof(*join->applicants),
	    compare_strings) != NULL) {
		run->portraits = xreallocarray(run->portraits,
		    run->nportraits + 1, sizeof(*run->portraits));
		p = &run->portraits[run->nportraits++];
		p->record = copy_record_compact(row);
		p->uscc = (char *)review_cell(p->record, join->c_uscc);
	}
	join_matches(join, uscc, row);
}

void
review_join(struct review_run *run, const char *portraits,
    const char *matches)
{
	struct csv_reader *reader;
	struct csv_record *record;
	const char *file;
	struct join join;
	size_t i;

	memset(&join, 0, sizeof(join));
	join.run = run;
	if (matches != NULL) {
		match_reader_open(run, &join.matches, matches);
		match_reader_advance(run, &join.matches);
	}
	join.applicants = xcalloc(run->napps + 1, sizeof(*join.applicants));
	for (i = 0; i < run->napps; i++)
		join.applicants[join.napplicants++] = run->apps[i].uscc;
	qsort(join.applicants, join.napplicants, sizeof(*join.applicants),
	    compare_strings);

	run->portraits_file = portraits;
	reader = csv_reader_open(portraits, NULL, CSV_ENCODING_UTF8);
	file = csv_reader_name(reader);
	if (!csv_reader_next(reader, &record))
		die_at(file, 1,
		    _("empty portraits file: expected a header line"));
	join_header(&join, file, record);
	while (csv_reader_next(reader, &record)) {
		const char *uscc = review_cell(record, join.c_uscc);

		if (!join_in_order(&join, file, record, uscc))
			continue;
		keep_record(&join.last, record);
		join.has_last = 1;
		join_row(&join, record, uscc);
	}
	/* What is left has no portrait. */
	join_matches(&join, NULL, NULL);

	csv_reader_close(reader);
	kept_record_free(&join.last);
	match_reader_close(&join.matches);
	free(join.applicants);
}
