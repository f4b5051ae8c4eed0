/*
 * The decisions of pfe-review: programme rules, the item's conditions and
 * award, the questions a reviewer must answer and the answers read back,
 * grants from matches, and the follow-up list.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "dict.h"
#include "err.h"
#include "money.h"
#include "pfe.h"
#include "policy.h"
#include "review.h"
#include "review_index.h"
#include "review_run.h"
#include "review_spool.h"
#include "sha256.h"

const char *const review_decision_columns[REVIEW_DECISION_COLUMNS] = {
	"decision", "application", "uscc", "item", "mode", "outcome",
	"computed", "award", "reasons", "decided_by", "decided_at", "project",
	"supersedes", "owed"
};

const char *const review_worksheet_columns[REVIEW_WORKSHEET_COLUMNS] = {
	"application", "uscc", "name", "item", "title", "project",
	"question", "label", "declared", "evidence", "submitted",
	"decision", "value", "reviewer", "reviewed_at", "note"
};

const char *const review_follow_up_columns[REVIEW_FOLLOW_UP_COLUMNS] = {
	"uscc", "item", "title", "status", "reason", "source"
};

/* Questions a worksheet asks about one application. */
struct question {
	const char *key;	/* override key, or "application" */
	const struct dict_field *field;	/* NULL: the whole application */
	const struct review_declared *declared;	/* the declared value, or
						   NULL for a judgement */
	struct review_row *answer;	/* the reviewer's row, or NULL */
};

/* Most declared and judged values one item may read. */
#define MAX_INPUTS 64

/* The work of deciding one application or grant. */
struct case_file {
	struct review_decision *d;
	const struct review_application *app;	/* NULL for a grant */
	const struct review_match *match;	/* NULL for an application */
	const struct review_portrait *portrait;	/* NULL: no portrait */
	struct question questions[MAX_INPUTS + 1];	/* + the whole
							   application */
	size_t nquestions;
	struct policy_override overrides[MAX_INPUTS];
	size_t noverrides;
};

/* Indexes over the run's inputs, so that each decision looks up earlier
   applications, rows and decisions instead of scanning them all. */
struct review_lookups {
	struct review_index answers;	/* application, question, uscc,
					   item -> first usable reviewer row */
	int answers_built;
	struct review_index applied;	/* uscc, item -> an application */
	struct review_index repeats;	/* uscc, item, project -> first
					   application not declined */
	struct review_index projects;	/* project -> its project_apps */
	struct project_apps *project_apps;
	size_t nproject_apps;
	struct review_groups state_items;	/* uscc, item -> earlier
						   decisions */
	struct review_groups state_projects;	/* project -> earlier
						   decisions */
	struct review_groups subsidy_projects;	/* project -> subsidies */
};

/* The first two applications not declined that name one project, the
   second being the first for another item than the first's. */
struct project_apps {
	size_t first;
	size_t other;		/* NO_APPLICATION when there is none */
};

#define NO_APPLICATION ((size_t)-1)

/* Return a newly allocated key of USCC and ITEM. */
static char *
enterprise_item_key(const char *uscc, const char *item)
{
	const char *parts[2];

	parts[0] = uscc;
	parts[1] = item;
	return review_index_key(2, parts);
}

/* Return a newly allocated key of APP's enterprise, item and project,
   telling no project apart from an empty one. */
static char *
repeat_key(const struct review_application *app)
{
	const char *parts[4];

	parts[0] = app->uscc;
	parts[1] = app->item_id;
	parts[2] = app->project_code != NULL ? app->project_code : "";
	parts[3] = app->project_code != NULL ? "project" : "none";
	return review_index_key(4, parts);
}

/* Build the indexes that do not change while deciding: applications by
   enterprise and item, the state folder and the subsidies. */
static struct review_lookups *
lookups_build(const struct review_run *run)
{
	struct review_lookups *lk = xcalloc(1, sizeof(*lk));
	size_t i, nstate = review_state_count(run->state);
	char **keys;
	int found;

	for (i = 0; i < run->napps; i++) {
		char *key = enterprise_item_key(run->apps[i].uscc,
		    run->apps[i].item_id);

		review_index_put(&lk->applied, key, i, &found);
		free(key);
	}

	keys = xcalloc(nstate + 1, sizeof(*keys));
	for (i = 0; i < nstate; i++) {
		const struct review_prior *p = review_state_nth(run->state, i);

		keys[i] = enterprise_item_key(p->uscc, p->item);
	}
	review_groups_build(&lk->state_items, keys, nstate);
	for (i = 0; i < nstate; i++)
		keys[i] = xstrdup(review_state_nth(run->state, i)->project);
	review_groups_build(&lk->state_projects, keys, nstate);
	free(keys);

	keys = xcalloc(run->nsubsidies + 1, sizeof(*keys));
	for (i = 0; i < run->nsubsidies; i++)
		keys[i] = xstrdup(run->subsidies[i].project);
	review_groups_build(&lk->subsidy_projects, keys, run->nsubsidies);
	free(keys);
	return lk;
}

static void
lookups_free(struct review_lookups *lk)
{
	review_index_free(&lk->answers);
	review_index_free(&lk->applied);
	review_index_free(&lk->repeats);
	review_index_free(&lk->projects);
	free(lk->project_apps);
	review_groups_free(&lk->state_items);
	review_groups_free(&lk->state_projects);
	review_groups_free(&lk->subsidy_projects);
	free(lk);
}

/* Record application I, just decided and not declined, for the checks of
   the applications after it. */
static void
lookups_add_application(struct review_run *run, size_t i)
{
	struct review_lookups *lk = run->lookups;
	const struct review_application *app = &run->apps[i];
	struct project_apps *pa;
	char *key = repeat_key(app);
	size_t *slot;
	int found;

	review_index_put(&lk->repeats, key, i, &found);
	free(key);
	if (app->project_code == NULL)
		return;
	slot = review_index_put(&lk->projects, app->project_code,
	    lk->nproject_apps, &found);
	if (!found) {
		lk->project_apps = xreallocarray(lk->project_apps,
		    lk->nproject_apps + 1, sizeof(*lk->project_apps));
		pa = &lk->project_apps[lk->nproject_apps++];
		pa->first = i;
		pa->other = NO_APPLICATION;
		return;
	}
	pa = &lk->project_apps[*slot];
	if (pa->other == NO_APPLICATION &&
	    run->apps[pa->first].item != app->item)
		pa->other = i;
}


static const char *
enterprise_name(const struct review_run *run, const struct case_file *cf)
{
	if (cf->portrait != NULL && run->name_column >= 0)
		return review_cell(cf->portrait->record, run->name_column);
	return cf->app != NULL ? cf->app->name : "";
}

/*
 * Evaluate the decision's item on the portrait with the overrides set up
 * in CF, explained. Only the reasons of a decision that is not approved
 * read the per-condition details, so they are computed only then: they
 * cost more than the rest of an evaluation, and most grants are approved.
 */
static const struct policy_outcome *
evaluate(struct review_run *run, struct case_file *cf)
{
	const struct policy_outcome *o;

	policy_ctx_row(run->ctx, cf->portrait != NULL ?
	    cf->portrait->record : NULL, cf->overrides, cf->noverrides);
	o = policy_eval(run->ctx, cf->d->item, POLICY_EVAL_EXPLAIN);
	if (o->status == POLICY_ELIGIBLE && o->award_known)
		return o;
	return policy_eval(run->ctx, cf->d->item,
	    POLICY_EVAL_EXPLAIN | POLICY_EVAL_DETAILS);
}

/* Add a reason for every condition that is not met. */
static void
explain_not_met(struct review_decision *d, const struct policy_outcome *o)
{
	size_t i, before = d->reasons.n;

	for (i = 0; i < o->ndetails; i++) {
		const struct policy_detail *detail = &o->details[i];

		if (detail->condition == (size_t)-1 ||
		    o->results[detail->condition] != POLICY_NOT_MET ||
		    detail->label[0] == '\0')
			continue;
		/* Under an odd number of <not>, a met leaf is what fails
		   (an exclusion that applies) and a not-met one is fine. */
		if (detail->negated && detail->result == POLICY_MET)
			review_reason(&d->reasons, "不符合条件：属于排除情形：%s %s",
			    detail->label, detail->value[0] != '\0' ?
			    detail->value : detail->threshold);
		else if (!detail->negated && detail->result == POLICY_NOT_MET)
			review_reason(&d->reasons, "不符合条件：%s %s，要求 %s",
			    detail->label, detail->value[0] != '\0' ?
			    detail->value : "未知", detail->threshold);
	}
	if (d->reasons.n == before)
		review_reason(&d->reasons, "不符合条件：%s", o->explanation);
}

/* Return the labels of every unknown value in O, joined by "、", in a
   newly allocated string; the explanation when no detail names one. */
static char *
unknown_labels(const struct policy_outcome *o)
{
	char *labels = xstrdup("");
	size_t i;

	for (i = 0; i < o->ndetails; i++) {
		const struct policy_detail *detail = &o->details[i];
		char *joined;

		if (detail->result != POLICY_UNKNOWN ||
		    detail->value[0] != '\0' || detail->label[0] == '\0' ||
		    strstr(labels, detail->label) != NULL)
			continue;
		joined = xasprintf("%s%s%s", labels, labels[0] ? "、" : "",
		    detail->label);
		free(labels);
		labels = joined;
	}
	if (labels[0] == '\0') {
		free(labels);
		labels = xstrdup(o->explanation);
	}
	return labels;
}

/* Add a reason naming every value that is unknown. */
static void
explain_unknown(struct review_decision *d, const struct policy_outcome *o,
    const char *prefix)
{
	char *labels = unknown_labels(o);

	review_reason(&d->reasons, "%s：%s", prefix, labels);
	free(labels);
}

static void
approve(struct review_decision *d, const struct policy_outcome *o)
{
	d->outcome = REVIEW_APPROVED;
	d->computed = o->award;
	d->award = o->award;
	if (o->explanation[0] != '\0')
		review_reason_text(&d->reasons, "符合条件：", o->explanation);
	if (o->award_explanation[0] != '\0')
		review_reason_text(&d->reasons, "奖励测算：",
		    o->award_explanation);
}

static void
decline(struct review_decision *d)
{
	d->outcome = REVIEW_DECLINED;
	d->computed = -1;
	d->award = 0;
}

/* Set the reviewers and the latest review time of CF's answers as the
   decision's author. */
static void
sign_by_reviewers(struct review_decision *d, const struct case_file *cf)
{
	char *names = xstrdup("");
	const char *latest = "";
	size_t i;

	for (i = 0; i < cf->nquestions; i++) {
		const struct review_row *row = cf->questions[i].answer;
		char *joined;

		if (row == NULL)
			continue;
		if (strcmp(row->reviewed_at, latest) > 0)
			latest = row->reviewed_at;
		if (strstr(names, row->reviewer) != NULL)
			continue;
		joined = xasprintf("%s%s%s", names, names[0] ? "、" : "",
		    row->reviewer);
		free(names);
		names = joined;
	}
	if (d->author == NULL)
		d->author = xcalloc(1, sizeof(*d->author));
	free(d->author->names);
	free(d->author->at);
	d->author->names = names;
	d->author->at = xstrdup(latest);
}

/* Return the declared value of APP for override KEY, or NULL. */
static const struct review_declared *
find_declared(const struct review_application *app, const char *key)
{
	size_t i;

	for (i = 0; i < app->ndeclared; i++)
		if (strcmp(app->declared[i].key, key) == 0)
			return &app->declared[i];
	return NULL;
}

/* Return 1 when APP supplied the material with id ID. */
static int
has_material(const struct review_application *app, const char *id)
{
	size_t i, j;

	for (i = 0; i < app->nmaterials; i++)
		if (app->materials[i].material != NULL &&
		    strcmp(app->materials[i].material, id) == 0)
			return 1;
	for (i = 0; i < app->ndeclared; i++)
		for (j = 0; j < app->declared[i].nevidence; j++)
			if (app->declared[i].evidence[j].material != NULL &&
			    strcmp(app->declared[i].evidence[j].material,
			    id) == 0)
				return 1;
	return 0;
}

/* Return a newly allocated key of the question KEY of APPLICATION, as
   a reviewer's row names it. */
static char *
answer_key(const char *application, const char *key, const char *uscc,
    const char *item)
{
	const char *parts[4];

	parts[0] = application;
	parts[1] = key;
	parts[2] = uscc;
	parts[3] = item;
	return review_index_key(4, parts);
}

/* Find the reviewer's row for APP and question KEY, marking it used. The
   first usable row of a question is its answer, unless it was recorded
   before the application was submitted: then it is rejected. */
static struct review_row *
find_answer(struct review_run *run, const struct review_application *app,
    const char *key)
{
	struct review_lookups *lk = run->lookups;
	struct review_row *row;
	size_t i, *slot;
	char *text;
	int found;

	if (!lk->answers_built) {
		for (i = 0; i < run->nrows; i++) {
			row = &run->rows[i];
			if (row->reject_reason != NULL || row->duplicate_of != 0)
				continue;
			text = answer_key(row->application, row->question,
			    row->uscc, row->item);
			review_index_put(&lk->answers, text, i, &found);
			free(text);
		}
		lk->answers_built = 1;
	}
	text = answer_key(app->id, key, app->uscc, app->item_id);
	slot = review_index_get(&lk->answers, text);
	free(text);
	if (slot == NULL)
		return NULL;
	row = &run->rows[*slot];
	/* Both times are ISO 8601 in +08:00 (application.xsd and
	   review_parse_time), so they compare as strings. */
	if (row->reject_reason == NULL &&
	    strcmp(row->reviewed_at, app->submitted) < 0)
		row->reject_reason = xasprintf("审核时间 %s 早于申请 %s 的提交时间 "
		    "%s：审核意见不能在提交之前作出", row->reviewed_at, app->id,
		    app->submitted);
	if (row->reject_reason != NULL)
		return NULL;
	row->used = 1;
	return row;
}

/*
 * Set up the questions a worksheet asks about CF's application and the
 * overrides for its declared values. Returns 0, or -1 after declining
 * the decision because a declared value the item needs is missing.
 */
static int
set_up_questions(struct review_run *run, struct case_file *cf)
{
	const struct policy_item *item = cf->d->policy;
	const struct review_application *app = cf->app;
	size_t i;
	int missing = 0;

	if (item->ninputs > MAX_INPUTS)
		die_at(item->file, item->line,
		    _("item '%s' reads %zu declared or judged values: at most %d are supported"),
		    item->id, item->ninputs, MAX_INPUTS);
	for (i = 0; i < item->ninputs; i++) {
		const char *key = policy_input_key(run->binding, cf->d->item,
		    i);
		const struct dict_field *field = item->inputs[i].field;
		const struct review_declared *declared = NULL;

		if (field->authority == AUTHORITY_DECLARED) {
			declared = find_declared(app, key);
			if (declared == NULL) {
				review_reason(&cf->d->reasons, "申请未申报%s"
				    "（%s），无法核定", field->label, key);
				missing = 1;
				continue;
			}
		}
		cf->overrides[cf->noverrides].key = key;
		cf->overrides[cf->noverrides].value = declared != NULL ?
		    declared->value : "1";
		cf->noverrides++;
		if (item->mode == POLICY_MODE_SEMI_AUTOMATIC) {
			struct question *q = &cf->questions[cf->nquestions++];

			q->key = key;
			q->field = field;
			q->declared = declared;
			q->answer = NULL;
		}
	}
	if (item->mode == POLICY_MODE_MANUAL) {
		struct question *q = &cf->questions[cf->nquestions++];

		q->key = REVIEW_WHOLE_APPLICATION;
		q->field = NULL;
		q->declared = NULL;
		q->answer = NULL;
	}
	if (missing) {
		decline(cf->d);
		return -1;
	}
	return 0;
}

/* Return the override slot for KEY in CF. */
static struct policy_override *
find_override(struct case_file *cf, const char *key)
{
	size_t i;

	for (i = 0; i < cf->noverrides; i++)
		if (strcmp(cf->overrides[i].key, key) == 0)
			return &cf->overrides[i];
	return NULL;
}

/*
 * Apply the reviewer's answers to CF's overrides. Returns 1 when every
 * question has an answer, 0 when some are open, -1 after declining the
 * decision on a reviewer's disagreement with a declared value or with
 * the whole application.
 */
static int
apply_answers(struct review_run *run, struct case_file *cf)
{
	size_t i, open = 0;
	int disagreed = 0;

	for (i = 0; i < cf->nquestions; i++) {
		struct question *q = &cf->questions[i];
		struct policy_override *o = find_override(cf, q->key);

		q->answer = find_answer(run, cf->app, q->key);
		if (q->answer == NULL) {
			open++;
			continue;
		}
		if (q->field == NULL) {
			/* The whole application: agreeing confirms every
			   declared value and judges every judgement yes. */
			if (q->answer->answer == REVIEW_DISAGREE) {
				review_reason(&cf->d->reasons, "审核人%s不同意"
				    "%s%s", q->answer->reviewer,
				    q->answer->note[0] ? "：" : "",
				    q->answer->note);
				disagreed = 1;
			}
			continue;
		}
		if (q->field->authority == AUTHORITY_JUDGEMENT) {
			o->value = q->answer->answer == REVIEW_AGREE ? "1" :
			    "0";
			if (q->answer->answer == REVIEW_DISAGREE)
				review_reason(&cf->d->reasons, "审核人%s认定"
				    "“%s”不成立%s%s", q->answer->reviewer,
				    q->field->label,
				    q->answer->note[0] ? "：" : "",
				    q->answer->note);
			continue;
		}
		if (q->answer->answer == REVIEW_DISAGREE) {
			review_reason(&cf->d->reasons, "审核人%s不确认申报的%s"
			    " %s 元%s%s", q->answer->reviewer, q->field->label,
			    q->declared->value,
			    q->answer->note[0] ? "：" : "", q->answer->note);
			disagreed = 1;
			continue;
		}
		if (q->answer->value != NULL) {
			o->value = q->answer->value;
			review_reason(&cf->d->reasons, "审核人%s将%s由申报的 %s "
			    "元核定为 %s 元%s%s", q->answer->reviewer,
			    q->field->label, q->declared->value,
			    q->answer->value, q->answer->note[0] ? "：" : "",
			    q->answer->note);
		}
	}
	if (disagreed) {
		decline(cf->d);
		sign_by_reviewers(cf->d, cf);
		return -1;
	}
	return open == 0;
}

/* Keep one worksheet row of FIELDS for question QUESTION of APPLICATION. */
static void
add_worksheet_row(struct review_run *run, const char *application,
    size_t question, const char *const *fields)
{
	struct review_worksheet_row *row;
	size_t size = 0;
	FILE *stream;

	run->worksheet_rows = xreallocarray(run->worksheet_rows,
	    run->nworksheet_rows + 1, sizeof(*run->worksheet_rows));
	row = &run->worksheet_rows[run->nworksheet_rows++];
	row->application = application;
	row->question = question;
	stream = open_memstream(&row->text, &size);
	if (stream == NULL)
		die_errno(_("cannot build a worksheet row"));
	csv_write_row(stream, CSV_WRITE_PEOPLE, REVIEW_WORKSHEET_COLUMNS,
	    fields);
	if (fclose(stream) != 0)
		die_errno(_("cannot build a worksheet row"));
}

static int
compare_worksheet_rows(const void *a, const void *b)
{
	const struct review_worksheet_row *x = a, *y = b;
	int c = strcmp(x->application, y->application);

	if (c != 0)
		return c;
	return x->question < y->question ? -1 : x->question > y->question;
}

/* Write the worksheet rows sorted by application id and question. */
void
review_write_worksheet_rows(struct review_run *run)
{
	size_t i;

	if (run->nworksheet_rows > 0)
		qsort(run->worksheet_rows, run->nworksheet_rows,
		    sizeof(*run->worksheet_rows), compare_worksheet_rows);
	for (i = 0; i < run->nworksheet_rows; i++) {
		fputs(run->worksheet_rows[i].text, run->worksheet);
		free(run->worksheet_rows[i].text);
	}
	free(run->worksheet_rows);
}

/* Add the worksheet rows for CF's questions that have no answer; they
   are written sorted once every decision is made. */
static void
write_questions(struct review_run *run, const struct case_file *cf)
{
	const struct review_application *app = cf->app;
	const struct policy_item *item = cf->d->policy;
	char *project = app->project_code != NULL ?
	    xasprintf("%s %s", app->project_code, app->project_name) :
	    xstrdup("");
	/* With --evidence, every file reached here matched its digest. */
	const char *checked = run->evidence_dir != NULL ?
	    "，与归档文件一致" : "";
	size_t i, j, k;

	if (run->worksheet == NULL) {
		free(project);
		return;
	}
	for (i = 0; i < cf->nquestions; i++) {
		const struct question *q = &cf->questions[i];
		char *label, *declared = xstrdup(""), *evidence = xstrdup("");
		const char *fields[REVIEW_WORKSHEET_COLUMNS];
		char *joined;

		if (q->answer != NULL) {
			free(declared);
			free(evidence);
			continue;
		}
		if (q->field == NULL)
			label = xasprintf("整体审核：%s", item->title);
		else if (q->field->authority == AUTHORITY_JUDGEMENT)
			label = xasprintf("判断：%s", q->field->label);
		else
			label = xasprintf("核实申报值：%s", q->field->label);

		/* A question on the whole application shows every declared
		   value, a value question shows its own value, and a
		   judgement shows the materials. */
		for (j = 0; j < app->ndeclared; j++) {
			const struct review_declared *v = &app->declared[j];

			if (q->declared != NULL && v != q->declared)
				continue;
			if (q->field != NULL && q->declared == NULL)
				continue;
			joined = xasprintf("%s%s%s %s%s", declared,
			    declared[0] ? "；" : "", v->field->label,
			    v->value, v->field->type == FIELD_MONEY ? "元" :
			    "");
			free(declared);
			declared = joined;
			for (k = 0; k < v->nevidence; k++) {
				joined = xasprintf("%s%s%s（SHA-256 %s%s）",
				    evidence, evidence[0] ? "；" : "",
				    v->evidence[k].file,
				    v->evidence[k].sha256, checked);
				free(evidence);
				evidence = joined;
			}
		}
		if (q->declared == NULL)
			for (k = 0; k < app->nmaterials; k++) {
				joined = xasprintf("%s%s%s（SHA-256 %s%s）",
				    evidence, evidence[0] ? "；" : "",
				    app->materials[k].file,
				    app->materials[k].sha256, checked);
				free(evidence);
				evidence = joined;
			}

		fields[0] = app->id;
		fields[1] = app->uscc;
		fields[2] = enterprise_name(run, cf);
		fields[3] = item->id;
		fields[4] = item->title;
		fields[5] = project;
		fields[6] = q->key;
		fields[7] = label;
		fields[8] = declared;
		fields[9] = evidence;
		fields[10] = app->submitted;
		fields[11] = "";
		fields[12] = "";
		fields[13] = "";
		fields[14] = "";
		fields[15] = "";
		add_worksheet_row(run, app->id, i, fields);
		free(label);
		free(declared);
		free(evidence);
	}
	free(project);
}

/* Write one follow-up row for a free-of-application match. */
static void
follow_up(struct review_run *run, const struct review_match *m,
    const char *status, const char *reason)
{
	const struct policy_item *item = &run->set->items[m->item];
	char *source;
	const char *fields[REVIEW_FOLLOW_UP_COLUMNS];

	if (run->follow_up == NULL)
		return;
	source = xasprintf("%s:%ld", run->matches_name, m->line);
	fields[0] = m->uscc;
	fields[1] = item->id;
	fields[2] = item->title;
	fields[3] = status;
	fields[4] = reason;
	fields[5] = source;
	csv_write_row(run->follow_up, CSV_WRITE_PEOPLE, REVIEW_FOLLOW_UP_COLUMNS,
	    fields);
	run->follow_up_rows++;
	free(source);
}

static int
same_project(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
 * Decline the decision when the rules of the whole programme forbid it:
 * serious dishonesty, a duplicate application, a project funded before.
 * Returns 1 when declined.
 */
static int
check_programme_rules(struct review_run *run, struct case_file *cf)
{
	struct review_decision *d = cf->d;
	const struct review_application *app = cf->app;
	struct review_lookups *lk = run->lookups;
	const char *list;
	size_t i, *earlier;
	char *key;

	/* Portraits are built from the registry, so an applicant without
	   one is not a registered enterprise, and no data supplied later
	   could decide it. A grant comes from a match of a portrait, so a
	   grant without one means the inputs disagree, and it goes to the
	   follow-up list instead. */
	if (app != NULL && cf->portrait == NULL) {
		review_reason(&d->reasons, "企业 %s 不在市场监管部门的企业登记名录中"
		    "（企业画像中没有该企业），不予支持", app->uscc);
		decline(d);
		return 1;
	}
	if (cf->portrait != NULL && run->dishonesty_column >= 0) {
		list = review_cell(cf->portrait->record,
		    run->dishonesty_column);
		if (strncmp(list, "serious@", 8) == 0 ||
		    strstr(list, ";serious@") != NULL) {
			const char *at = strstr(list, "serious@") + 8;

			review_reason(&d->reasons, "列入严重失信主体名单（列入日期 "
			    "%.10s），不予支持", at);
			decline(d);
			return 1;
		}
	}

	if (app == NULL) {
		/* A grant duplicates an approved award of the same item in
		   the same year. */
		key = enterprise_item_key(d->uscc, d->policy->id);
		for (i = review_groups_first(&lk->state_items, key);
		    review_groups_in(&lk->state_items, i, key); i++) {
			const struct review_prior *p = review_state_nth(
			    run->state, lk->state_items.order[i]);

			if (p->superseded)
				continue;
			if (p->year == run->year &&
			    strcmp(p->outcome, "approved") == 0) {
				review_reason(&d->reasons, "已获本事项奖励（决定 %s），"
				    "不重复兑现", p->decision);
				decline(d);
				free(key);
				return 1;
			}
		}
		free(key);
		return 0;
	}

	/* Applications are decided in submission order, so every earlier
	   one has its decision; a declined one blocks nothing. */
	key = repeat_key(app);
	earlier = review_index_get(&lk->repeats, key);
	free(key);
	if (earlier != NULL) {
		const struct review_application *other = &run->apps[*earlier];

		review_reason(&d->reasons, "重复申请：与申请 %s（同一企业、%s，"
		    "%s 提交）重复", other->id, app->project_code != NULL ?
		    "事项和项目" : "事项", other->submitted);
		decline(d);
		return 1;
	}
	key = enterprise_item_key(app->uscc, app->item_id);
	for (i = review_groups_first(&lk->state_items, key);
	    review_groups_in(&lk->state_items, i, key); i++) {
		const struct review_prior *p = review_state_nth(run->state,
		    lk->state_items.order[i]);

		if (p->superseded)
			continue;
		/* Without a project, one award per item and year is no
		   duplicate of last year's. */
		if (strcmp(p->outcome, "approved") != 0 ||
		    !same_project(p->project[0] ? p->project : NULL,
		    app->project_code) ||
		    (app->project_code == NULL && p->year != run->year))
			continue;
		review_reason(&d->reasons, "重复申请：%s已获批（决定 %s）",
		    app->project_code != NULL ? "同一企业、事项和项目" :
		    "本年度同一企业和事项", p->decision);
		decline(d);
		free(key);
		return 1;
	}
	free(key);

	if (!d->policy->no_double_funding)
		return 0;
	if (app->project_code == NULL) {
		review_reason(&d->reasons, "申请未填写项目代码，无法核验同一项目"
		    "是否已获其他财政资金支持");
		decline(d);
		return 1;
	}
	earlier = review_index_get(&lk->projects, app->project_code);
	if (earlier != NULL) {
		const struct project_apps *pa = &lk->project_apps[*earlier];
		size_t k = run->apps[pa->first].item != app->item ?
		    pa->first : pa->other;

		if (k != NO_APPLICATION) {
			review_reason(&d->reasons, "项目 %s 已申请事项 %s（申请 "
			    "%s），同一项目不重复支持", app->project_code,
			    run->apps[k].item_id, run->apps[k].id);
			decline(d);
			return 1;
		}
	}
	i = review_groups_first(&lk->subsidy_projects, app->project_code);
	if (review_groups_in(&lk->subsidy_projects, i, app->project_code)) {
		const struct review_subsidy *s =
		    &run->subsidies[lk->subsidy_projects.order[i]];

		review_reason(&d->reasons, "项目 %s 已于 %s 年度获“%s”财政资金"
		    " %s 元支持，同一项目不重复支持", s->project, s->year,
		    s->item, s->amount);
		decline(d);
		return 1;
	}
	for (i = review_groups_first(&lk->state_projects, app->project_code);
	    review_groups_in(&lk->state_projects, i, app->project_code);
	    i++) {
		const struct review_prior *p = review_state_nth(run->state,
		    lk->state_projects.order[i]);

		if (p->superseded)
			continue;
		if (strcmp(p->item, app->item_id) == 0 ||
		    strcmp(p->outcome, "approved") != 0)
			continue;
		review_reason(&d->reasons, "项目 %s 已获事项 %s 资金支持（决定 "
		    "%s），同一项目不重复支持", p->project, p->item,
		    p->decision);
		decline(d);
		return 1;
	}
	return 0;
}

/* Set the rank value of D from the item's rank field, else its award. */
static void
set_rank(struct review_run *run, struct case_file *cf)
{
	struct review_decision *d = cf->d;
	const char *field = d->policy->rank_field;
	const char *text = NULL;
	struct policy_override *o;
	char *last_year;
	long column;

	d->rank_known = 0;
	if (field == NULL) {
		d->rank = d->award >= 0 ? d->award : d->provisional;
		d->rank_known = d->rank >= 0;
		return;
	}
	/* A per-year field ranks by its value in the last fiscal year. */
	last_year = xasprintf("%s_%d", field, dict_last_year(run->as_of));
	if ((o = find_override(cf, field)) != NULL ||
	    (o = find_override(cf, last_year)) != NULL)
		text = o->value;
	else if (cf->portrait != NULL &&
	    ((column = csv_column(run->header, field)) >= 0 ||
	    (column = csv_column(run->header, last_year)) >= 0))
		text = review_cell(cf->portrait->record, column);
	free(last_year);
	if (text != NULL && text[0] != '\0' &&
	    money_parse(text, MONEY_YUAN, &d->rank) == 0)
		d->rank_known = 1;
}

/*
 * Check one handed-in file against the copy filed under
 * DIR/<application id>/<file name>. Returns 0 when its SHA-256 matches,
 * 1 when the file is missing, 2 when it differs, and 3 when the name
 * could leave the folder. Sets ACTUAL to the digest found, or "".
 */
static int
check_evidence_file(const char *dir, const struct review_application *app,
    const struct review_evidence *evidence, char actual[SHA256_HEX_SIZE])
{
	const char *name = evidence->file;
	struct stat sb;
	char *path;
	int status;

	actual[0] = '\0';
	if (name[0] == '.' || strchr(name, '/') != NULL ||
	    strchr(name, '\\') != NULL)
		return 3;
	path = xasprintf("%s/%s/%s", dir, app->id, name);
	/* Only a regular file is hashed: a FIFO or device could block. */
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		status = 1;
	else if (sha256_file_hex(path, actual) != 0)
		status = 1;
	else
		status = strcmp(actual, evidence->sha256) == 0 ? 0 : 2;
	free(path);
	return status;
}

/*
 * Check every file of CF's application against the evidence folder.
 * Returns 0 when all match, or -1 after declining the decision (a file
 * differs from what was registered, or its name is unsafe) or making it
 * pending (a file has not been filed yet).
 */
static int
check_evidence(struct review_run *run, struct case_file *cf)
{
	const struct review_application *app = cf->app;
	struct review_decision *d = cf->d;
	char actual[SHA256_HEX_SIZE];
	int differs = 0, missing = 0;
	size_t i, j;

	for (i = 0; i <= app->ndeclared; i++) {
		const struct review_evidence *files = i < app->ndeclared ?
		    app->declared[i].evidence : app->materials;
		size_t n = i < app->ndeclared ? app->declared[i].nevidence :
		    app->nmaterials;

		for (j = 0; j < n; j++) {
			switch (check_evidence_file(run->evidence_dir, app,
			    &files[j], actual)) {
			case 1:
				review_reason(&d->reasons, "材料文件 %s 尚未归档",
				    files[j].file);
				missing = 1;
				break;
			case 2:
				review_reason(&d->reasons, "材料文件 %s 的 SHA-256 "
				    "为 %s，与申请时登记的 %s 不一致",
				    files[j].file, actual, files[j].sha256);
				differs = 1;
				break;
			case 3:
				review_reason(&d->reasons, "材料文件名 %s 无效：不能"
				    "含路径", files[j].file);
				differs = 1;
				break;
			default:
				break;
			}
		}
	}
	if (differs) {
		decline(d);
		return -1;
	}
	if (missing) {
		d->outcome = REVIEW_PENDING;
		return -1;
	}
	return 0;
}

/* Return what the open questions of CF ask a reviewer to do. */
static const char *
open_questions_text(const struct case_file *cf)
{
	int values = 0, judgements = 0;
	size_t i;

	for (i = 0; i < cf->nquestions; i++) {
		const struct question *q = &cf->questions[i];

		if (q->answer != NULL)
			continue;
		if (q->field == NULL)
			return "审核整份申请";
		if (q->field->authority == AUTHORITY_JUDGEMENT)
			judgements = 1;
		else
			values = 1;
	}
	if (values && judgements)
		return "核实申报值并作出判断";
	return judgements ? "作出判断" : "核实申报值";
}

/*
 * Decide CF's application or grant on its own: programme rules, the
 * item's conditions and award, and the reviewer's answers. Caps and
 * budgets come after every decision is made.
 */
static void
decide(struct review_run *run, struct case_file *cf)
{
	struct review_decision *d = cf->d;
	const struct policy_item *item = d->policy;
	const struct policy_outcome *o;
	char from[DATE_BUFSIZE], until[DATE_BUFSIZE];
	char *provisional_explanation;
	int answered;
	size_t i;

	if (!policy_in_force(item, run->as_of)) {
		review_reason(&d->reasons, "政策事项在评估日 %s 不在有效期内"
		    "（%s 至 %s）", run->as_of_text,
		    date_format(item->valid_from, from),
		    item->valid_until == INT32_MAX ? "长期" :
		    date_format(item->valid_until, until));
		decline(d);
		return;
	}
	if (check_programme_rules(run, cf))
		return;

	if (cf->app != NULL) {
		for (i = 0; i < item->nmaterials; i++)
			if (!has_material(cf->app, item->materials[i].id)) {
				review_reason(&d->reasons, "缺少申报材料：%s",
				    item->materials[i].name);
				decline(d);
			}
		if (d->outcome == REVIEW_DECLINED)
			return;
		if (run->evidence_dir != NULL && check_evidence(run, cf) != 0)
			return;
		if (set_up_questions(run, cf) != 0)
			return;
	}

	/* Everything a machine can check, with declared values taken as
	   declared and judgements as yes: a failure here needs no
	   reviewer. */
	o = evaluate(run, cf);
	if (o->status == POLICY_ELIGIBLE && !o->award_known) {
		explain_unknown(d, o, "奖励金额所需数据未知，待补充后重新审核");
		d->outcome = REVIEW_PENDING;
		return;
	}
	if (o->status != POLICY_ELIGIBLE && o->nnot_met == 0) {
		explain_unknown(d, o, "以下条件的数据未知，待补充后重新审核");
		d->outcome = REVIEW_PENDING;
		return;
	}
	if (o->status != POLICY_ELIGIBLE) {
		explain_not_met(d, o);
		decline(d);
		return;
	}
	if (cf->nquestions == 0) {
		approve(d, o);
		return;
	}

	/* A person must confirm the rest. */
	d->provisional = o->award;
	provisional_explanation = xstrdup(o->award_explanation);
	answered = apply_answers(run, cf);
	if (answered < 0) {
		free(provisional_explanation);
		return;
	}
	if (answered == 0) {
		review_reason(&d->reasons, "其余条件已自动核验；待审核人%s",
		    open_questions_text(cf));
		if (provisional_explanation[0] != '\0')
			review_reason(&d->reasons, "如经核实，奖励测算：%s",
			    provisional_explanation);
		d->outcome = REVIEW_PENDING;
		write_questions(run, cf);
		free(provisional_explanation);
		return;
	}
	free(provisional_explanation);
	o = evaluate(run, cf);
	sign_by_reviewers(d, cf);
	if (o->status == POLICY_ELIGIBLE && o->award_known)
		approve(d, o);
	else if (o->nnot_met == 0) {
		/* Unknown is never read as not met, even after review. */
		explain_unknown(d, o, "以下条件的数据未知，待补充后重新审核");
		d->outcome = REVIEW_PENDING;
	} else {
		explain_not_met(d, o);
		decline(d);
	}
}

/*
 * List near miss M on the follow-up list when no condition is known to
 * fail, only unknown: the data that would decide it must be obtained. A
 * near miss with a failed condition needs no follow-up.
 */
static void
follow_up_near_miss(struct review_run *run, const struct review_match *m,
    const struct csv_record *portrait)
{
	const struct policy_outcome *o;
	char *labels, *reason;

	if (portrait == NULL) {
		follow_up(run, m, "unknown", "画像中没有该企业");
		return;
	}
	policy_ctx_row(run->ctx, portrait, NULL, 0);
	/* The status alone settles most near misses; only a follow-up
	   needs the explained, detailed evaluation. */
	o = policy_eval(run->ctx, m->item, POLICY_EVAL_STATUS);
	if (o->status == POLICY_ELIGIBLE || o->status == POLICY_NOT_IN_FORCE ||
	    o->nnot_met > 0)
		return;
	o = policy_eval(run->ctx, m->item, POLICY_EVAL_EXPLAIN |
	    POLICY_EVAL_DETAILS);
	labels = unknown_labels(o);
	reason = xasprintf("以下条件的数据未知，待补充后重新判断：%s", labels);
	follow_up(run, m, "unknown", reason);
	free(labels);
	free(reason);
}

/* Put the match a grant comes from first among its reasons. */
static void
prepend_match_reason(const struct review_run *run, struct review_decision *d,
    const struct review_match *m)
{
	struct review_reasons *r = &d->reasons;
	char *first;

	review_reason(r, "免申即享：依据 %s 第%ld行的匹配结果，无需申请",
	    run->matches_name, m->line);
	first = r->texts[r->n - 1];
	memmove(r->texts + 1, r->texts, (r->n - 1) * sizeof(*r->texts));
	r->texts[0] = first;
}

void
review_decide_begin(struct review_run *run)
{
	run->lookups = lookups_build(run);
	run->spool = review_spool_new(run->set->nitems);
}

/* Return a new decision, its memory cleared, at the end of the run's. */
static struct review_decision *
new_decision(struct review_run *run)
{
	struct review_decision *d;

	if (run->ndecisions == run->decisions_size) {
		run->decisions_size = run->decisions_size == 0 ? 1024 :
		    run->decisions_size * 2;
		run->decisions = xreallocarray(run->decisions,
		    run->decisions_size, sizeof(*run->decisions));
	}
	d = &run->decisions[run->ndecisions];
	memset(d, 0, sizeof(*d));
	d->computed = -1;
	d->award = -1;
	d->provisional = -1;
	d->outcome = REVIEW_PENDING;
	return d;
}

static void
reasons_free(struct review_reasons *reasons)
{
	size_t i;

	for (i = 0; i < reasons->n; i++)
		free(reasons->texts[i]);
	free(reasons->texts);
	memset(reasons, 0, sizeof(*reasons));
}

void
review_decide_match(struct review_run *run, const struct review_match *m,
    const struct csv_record *portrait)
{
	struct review_portrait kept;
	struct review_decision *d;
	struct case_file cf;
	char *key, *id, *reasons;
	int skip;

	if (!m->eligible) {
		if (portrait == NULL)
			follow_up(run, m, "unknown", "画像中没有该企业");
		else
			follow_up_near_miss(run, m, portrait);
		return;
	}
	/* An application for the same item is decided as an application
	   instead. */
	key = enterprise_item_key(m->uscc, run->set->items[m->item].id);
	skip = review_index_get(&run->lookups->applied, key) != NULL;
	free(key);
	if (skip) {
		follow_up(run, m, "applied", "企业已提交申请，按申请审核");
		return;
	}

	d = new_decision(run);
	/* Matches come by USCC, so an enterprise's grants share one copy
	   of its code, kept until the program exits. */
	if (run->last_uscc == NULL || strcmp(run->last_uscc, m->uscc) != 0)
		run->last_uscc = xstrdup(m->uscc);
	d->uscc = run->last_uscc;
	d->item = m->item;
	d->policy = &run->set->items[d->item];
	memset(&cf, 0, sizeof(cf));
	cf.d = d;
	cf.match = m;
	if (portrait != NULL) {
		kept.uscc = m->uscc;
		kept.record = (struct csv_record *)portrait;
		cf.portrait = &kept;
	}

	/* The year keeps a yearly item's grants apart. */
	if (run->state != NULL) {
		id = review_decision_id(d, run->year);
		d->carried = review_state_find(run->state, id);
		free(id);
	}
	if (d->carried != NULL) {
		run->ndecisions++;
		return;
	}
	decide(run, &cf);
	if (d->outcome == REVIEW_PENDING) {
		/* Unknown conditions are never granted. */
		reasons = review_reasons_join(&d->reasons);
		follow_up(run, m, "unknown", reasons);
		free(reasons);
		reasons_free(&d->reasons);
		return;
	}
	prepend_match_reason(run, d, m);
	if (d->outcome == REVIEW_APPROVED && d->award == 0) {
		review_reason(&d->reasons, "按政策公式核定金额为 0");
		decline(d);
	}
	set_rank(run, &cf);
	/* The reasons wait on disk until decisions.csv is written. */
	reasons = review_reasons_join(&d->reasons);
	review_spool_put(run->spool, d->item, reasons);
	free(reasons);
	reasons_free(&d->reasons);
	run->ndecisions++;
}

/* Grant id order: "G-<item>-<year>-" then the USCC, compared as one
   string without making it. */
struct grant_key {
	struct review_decision *d;
	const char *prefix;
};

static int
compare_grant_keys(const void *a, const void *b)
{
	const struct grant_key *x = a, *y = b;
	const char *p = x->prefix, *q = y->prefix;
	const char *u = x->d->uscc, *v = y->d->uscc;
	unsigned char c1, c2;

	for (;;) {
		c1 = (unsigned char)(*p != '\0' ? *p++ : *u != '\0' ? *u++ :
		    '\0');
		c2 = (unsigned char)(*q != '\0' ? *q++ : *v != '\0' ? *v++ :
		    '\0');
		if (c1 != c2 || c1 == '\0')
			return c1 < c2 ? -1 : c1 > c2;
	}
}

/* An item's grant id prefix, for sorting the items. */
struct item_prefix {
	const char *prefix;
	size_t item;
};

static int
compare_prefixes(const void *a, const void *b)
{
	const struct item_prefix *x = a, *y = b;

	return strcmp(x->prefix, y->prefix);
}

/*
 * Put the grants in id order. Each item's grants are already in USCC
 * order, so the items only need sorting by their id prefix, unless one
 * prefix begins another: then the USCC decides between the two, and
 * every grant is sorted on its whole id.
 */
static void
order_grants(struct review_run *run)
{
	size_t nitems = run->set->nitems, i, k, n = 0;
	size_t *starts = xcalloc(nitems + 1, sizeof(*starts));
	char **prefixes = xcalloc(nitems + 1, sizeof(*prefixes));
	struct item_prefix *sorted = xcalloc(nitems + 1, sizeof(*sorted));
	struct review_decision **grants;
	struct grant_key *keys;
	int nested = 0;

	for (i = 0; i < run->ndecisions; i++)
		if (run->decisions[i].app == NULL) {
			starts[run->decisions[i].item + 1]++;
			n++;
		}
	for (k = 0; k < nitems; k++) {
		starts[k + 1] += starts[k];
		prefixes[k] = xasprintf("G-%s-%d-", run->set->items[k].id,
		    run->year);
		sorted[k].prefix = prefixes[k];
		sorted[k].item = k;
	}
	/* Bucket by item, keeping enterprise order in each. */
	grants = xcalloc(n + 1, sizeof(*grants));
	for (i = 0; i < run->ndecisions; i++)
		if (run->decisions[i].app == NULL)
			grants[starts[run->decisions[i].item]++] =
			    &run->decisions[i];
	qsort(sorted, nitems, sizeof(*sorted), compare_prefixes);
	for (k = 1; k < nitems; k++)
		if (strncmp(sorted[k - 1].prefix, sorted[k].prefix,
		    strlen(sorted[k - 1].prefix)) == 0)
			nested = 1;

	run->grants_by_id = xcalloc(n + 1, sizeof(*run->grants_by_id));
	run->ngrants = n;
	if (nested) {
		keys = xcalloc(n + 1, sizeof(*keys));
		for (i = 0; i < n; i++) {
			keys[i].d = grants[i];
			keys[i].prefix = prefixes[grants[i]->item];
		}
		qsort(keys, n, sizeof(*keys), compare_grant_keys);
		for (i = 0; i < n; i++)
			run->grants_by_id[i] = keys[i].d;
		free(keys);
	} else {
		/* STARTS[k] is now the end of bucket k. */
		size_t m = 0;

		for (k = 0; k < nitems; k++) {
			size_t item = sorted[k].item;
			size_t first = item == 0 ? 0 : starts[item - 1];

			for (i = first; i < starts[item]; i++)
				run->grants_by_id[m++] = grants[i];
		}
	}
	for (k = 0; k < nitems; k++)
		free(prefixes[k]);
	free(prefixes);
	free(sorted);
	free(starts);
	free(grants);
}

/* Put every decision in sharing order: submission time, then id. Grants
   count as submitted at the end of the as-of date, all at once. */
static void
order_sharing(struct review_run *run)
{
	size_t i = 0, g = 0, n = 0;

	run->sharing = xcalloc(run->ndecisions + 1, sizeof(*run->sharing));
	/* Applications come decided in submission order, after the grants,
	   and an application id sorts before a grant's ("A-" < "G-"). */
	i = run->ngrants;
	while (i < run->ndecisions || g < run->ngrants) {
		struct review_decision *d;

		if (g == run->ngrants || (i < run->ndecisions &&
		    strcmp(run->decisions[i].app->submitted,
		    run->grant_time) <= 0))
			d = &run->decisions[i++];
		else
			d = run->grants_by_id[g++];
		d->order = n;
		run->sharing[n++] = d;
	}
}

/* Add a decision for every application, in submission order. */
void
review_decide_applications(struct review_run *run)
{
	size_t i;

	/* Application decisions are pointed to, so their memory must not
	   move. */
	if (run->ndecisions + run->napps > run->decisions_size) {
		run->decisions_size = run->ndecisions + run->napps;
		run->decisions = xreallocarray(run->decisions,
		    run->decisions_size + 1, sizeof(*run->decisions));
	}
	run->ngrants = run->ndecisions;
	run->app_decisions = xcalloc(run->napps + 1,
	    sizeof(*run->app_decisions));
	for (i = 0; i < run->napps; i++) {
		struct review_decision *d = new_decision(run);
		struct case_file cf;
		char *id;

		memset(&cf, 0, sizeof(cf));
		cf.d = d;
		cf.app = &run->apps[i];
		run->app_decisions[i] = d;
		d->app = cf.app;
		d->uscc = cf.app->uscc;
		d->item = (size_t)cf.app->item;
		d->policy = &run->set->items[d->item];
		cf.portrait = review_find_portrait(run, d->uscc);
		run->ndecisions++;

		id = review_decision_id(d, run->year);
		d->carried = review_state_find(run->state, id);
		free(id);
		if (d->carried != NULL) {
			/* Carried as is: it blocks a repeat like a pending
			   decision does. */
			lookups_add_application(run, i);
			continue;
		}
		decide(run, &cf);
		if (d->outcome == REVIEW_APPROVED && d->award == 0) {
			review_reason(&d->reasons, "按政策公式核定金额为 0");
			decline(d);
		}
		if (d->outcome != REVIEW_DECLINED)
			lookups_add_application(run, i);
		set_rank(run, &cf);
	}
	lookups_free(run->lookups);
	run->lookups = NULL;

	order_grants(run);
	order_sharing(run);
}

char *
review_decision_reasons(struct review_run *run,
    const struct review_decision *d)
{
	const char *spooled = d->app == NULL ?
	    review_spool_next(run->spool, d->item) : NULL;
	char *added = review_decision_held_reasons(d), *joined;

	if (spooled == NULL || spooled[0] == '\0')
		return added;
	if (added[0] == '\0') {
		free(added);
		return xstrdup(spooled);
	}
	joined = xasprintf("%s；%s", spooled, added);
	free(added);
	return joined;
}

/* Reject, in file order, every reviewer row that cannot be used or that
   answers no question this run asked. */
void
review_reject_unasked_rows(struct review_run *run)
{
	struct review_index by_id = { NULL, 0, 0 };	/* id -> application */
	struct review_index by_digits = { NULL, 0, 0 };	/* id without its
							   leading zeros ->
							   app_ids entry */
	size_t i, *slot;
	int found;

	for (i = 0; i < run->napps; i++)
		review_index_put(&by_id, run->apps[i].id, i, &found);
	for (i = 0; i < run->napp_ids; i++) {
		const char *id = run->app_ids[i];
		size_t zeros = strspn(id, "0");

		if (zeros > 0)
			review_index_put(&by_digits, id + zeros, i, &found);
	}

	for (i = 0; i < run->nrows; i++) {
		struct review_row *row = &run->rows[i];
		const struct review_application *app = NULL;
		const struct review_decision *d = NULL;
		char *reason = NULL;

		if (row->used)
			continue;
		if (row->duplicate_of > 0) {
			rejects_duplicate(run->rejects, run->reviews_file,
			    row->record, row->duplicate_of);
			continue;
		}
		if (row->reject_reason != NULL) {
			rejects_add(run->rejects, run->reviews_file,
			    row->record, "%s", row->reject_reason);
			continue;
		}
		slot = review_index_get(&by_id, row->application);
		if (slot != NULL) {
			app = &run->apps[*slot];
			d = run->app_decisions[*slot];
		}
		if (app == NULL) {
			slot = review_index_get(&by_digits, row->application);
			if (slot != NULL)
				reason = review_lost_zero(row->application,
				    &run->app_ids[*slot], 1);
			if (reason == NULL)
				reason = xasprintf("申请 %s 不在本次审核的申请中",
				    row->application);
		} else if ((reason = review_uscc_mismatch(row->uscc,
		    app->uscc)) != NULL) {
			;
		} else if (strcmp(row->item, app->item_id) != 0) {
			reason = xasprintf("事项 '%s' 与申请 %s 的事项 '%s' 不一致",
			    row->item, app->id, app->item_id);
		} else if (d != NULL && d->carried != NULL &&
		    strcmp(row->reviewed_at, d->carried->decided_at) <= 0) {
			/* An answer from before the earlier final decision was
			   already applied by that run: not a reject. */
			continue;
		} else if (d != NULL && d->carried != NULL) {
			reason = xasprintf("申请 %s 已于往期作出决定（%s），不再接受"
			    "审核意见：如需更改，请通过更正文件提出", app->id,
			    d->carried->outcome);
		} else {
			reason = xasprintf("审核工作表未就申请 %s 的“%s”提问，"
			    "该审核意见无从适用", app->id, row->question);
		}
		rejects_add(run->rejects, run->reviews_file, row->record, "%s",
		    reason);
		free(reason);
	}
	review_index_free(&by_id);
	review_index_free(&by_digits);
}
