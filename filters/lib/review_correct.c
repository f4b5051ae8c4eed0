/*
 * Corrections of final decisions (pfe-review --corrections): a correction
 * supersedes a decision of the state folder with a reason, and revoking
 * an award already paid records the money owed back, never a negative
 * payment. The payment ledger in the same folder shows what was paid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "date.h"
#include "err.h"
#include "money.h"
#include "pfe.h"
#include "policy.h"
#include "review.h"
#include "review_run.h"

/* The latest payment attempt of one decision in the ledger. */
struct payment_status {
	char *decision;
	long attempt;
	char *state;		/* last state of that attempt */
	int64_t amount;		/* fen */
};

/* The ledger of the state folder, one entry per decision. */
struct ledger_view {
	struct payment_status *entries;
	size_t n;
};

static struct payment_status *
find_payment(const struct ledger_view *ledger, const char *decision)
{
	size_t i;

	for (i = 0; i < ledger->n; i++)
		if (strcmp(ledger->entries[i].decision, decision) == 0)
			return &ledger->entries[i];
	return NULL;
}

/*
 * Read DIR/ledger.csv (written by pfe-pay, pfe-approve, pfe-reconcile)
 * into LEDGER: for each decision, the last state of its latest attempt.
 * A missing ledger means nothing was paid; an empty one is fatal, as in
 * pfe-pay, because it would make every payment look unpaid.
 * NOTE: lookups are linear, so this is quadratic in the ledger's
 * decisions; it runs only with --corrections.
 */
static void
read_ledger(const char *dir, struct ledger_view *ledger)
{
	char *path = xasprintf("%s/ledger.csv", dir);
	struct csv_reader *reader;
	struct csv_record *record;
	long c_decision, c_attempt, c_state, c_amount;

	memset(ledger, 0, sizeof(*ledger));
	if (access(path, F_OK) != 0) {
		free(path);
		return;
	}
	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	if (!csv_reader_next(reader, &record))
		die(_("ledger '%s' is empty: restore it from a backup (only a missing ledger starts a new state folder)"),
		    path);
	c_decision = csv_column(record, "decision");
	c_attempt = csv_column(record, "attempt");
	c_state = csv_column(record, "state");
	c_amount = csv_column(record, "amount");
	if (c_decision < 0 || c_attempt < 0 || c_state < 0 || c_amount < 0)
		die_at(path, 1,
		    _("not a payment ledger: expected the columns decision, attempt, state and amount"));

	while (csv_reader_next(reader, &record)) {
		const char *decision = review_cell(record, c_decision);
		long attempt = atol(review_cell(record, c_attempt));
		struct payment_status *p = find_payment(ledger, decision);
		int64_t amount;

		if (money_parse(review_cell(record, c_amount), MONEY_YUAN,
		    &amount) != 0)
			die_at(path, record->line,
			    _("invalid amount '%s': expected yuan with two decimals"),
			    review_cell(record, c_amount));
		if (p == NULL) {
			ledger->entries = xreallocarray(ledger->entries,
			    ledger->n + 1, sizeof(*ledger->entries));
			p = &ledger->entries[ledger->n++];
			p->decision = xstrdup(decision);
			p->attempt = -1;
			p->state = NULL;
		}
		/* Rows are oldest first: the last row of the latest attempt
		   is the payment's current state. */
		if (attempt >= p->attempt) {
			p->attempt = attempt;
			free(p->state);
			p->state = xstrdup(review_cell(record, c_state));
			p->amount = amount;
		}
	}
	csv_reader_close(reader);
	free(path);
}

/*
 * Sum what the ledger shows paid (sent or settled) for P and the
 * decisions it corrects. Sets *IN_FLIGHT to the state of a payment still
 * being prepared or approved, or NULL.
 */
static int64_t
chain_paid(const struct review_state *st, const struct ledger_view *ledger,
    const struct review_prior *p, const char **in_flight)
{
	int64_t paid = 0;

	*in_flight = NULL;
	while (p != NULL) {
		const struct payment_status *status =
		    find_payment(ledger, p->decision);
		const struct review_prior *previous = NULL;
		size_t i;

		if (status != NULL && (strcmp(status->state, "sent") == 0 ||
		    strcmp(status->state, "settled") == 0))
			paid += status->amount;
		else if (status != NULL &&
		    (strcmp(status->state, "prepared") == 0 ||
		    strcmp(status->state, "approved") == 0))
			*in_flight = status->state;
		for (i = 0; p->supersedes[0] != '\0' &&
		    i < review_state_count(st); i++)
			if (strcmp(review_state_nth(st, i)->decision,
			    p->supersedes) == 0)
				previous = review_state_nth(st, i);
		p = previous;
	}
	return paid;
}

/* Return the value of COLUMN in the decision P of the state folder. */
static const char *
prior_value(const struct review_state *st, const struct review_prior *p,
    const char *column)
{
	size_t j;

	if (!p->added)
		return review_cell(p->record, csv_column(st->header, column));
	for (j = 0; j < REVIEW_DECISION_COLUMNS; j++)
		if (strcmp(review_decision_columns[j], column) == 0)
			return review_cell(p->record, (long)j);
	return "";
}

/* Return the id of the first decision of P's chain of corrections. */
static const char *
chain_root(const struct review_state *st, const struct review_prior *p)
{
	size_t i;
	int moved = 1;

	while (p->supersedes[0] != '\0' && moved) {
		moved = 0;
		for (i = 0; i < review_state_count(st); i++)
			if (strcmp(review_state_nth(st, i)->decision,
			    p->supersedes) == 0) {
				p = review_state_nth(st, i);
				moved = 1;
				break;
			}
	}
	return p->decision;
}

/* Return a newly allocated record holding the N strings of FIELDS. */
static struct csv_record *
make_record(const char *const *fields, size_t n, long line)
{
	struct csv_record *record = xcalloc(1, sizeof(*record));
	size_t i;

	record->nfields = n;
	record->fields = xcalloc(n, sizeof(*record->fields));
	record->lengths = xcalloc(n, sizeof(*record->lengths));
	for (i = 0; i < n; i++) {
		record->fields[i] = xstrdup(fields[i]);
		record->lengths[i] = strlen(fields[i]);
	}
	record->line = line;
	return record;
}

/* The cells of one correction, read and checked. */
struct correction {
	const struct review_prior *target;
	int64_t award;		/* fen, the corrected award */
	char *reason;
	char *by;
	char *at;		/* normalized time */
	int year;
};

/*
 * Check the budget and per-enterprise cap of the target's item for a
 * corrected award C->award. Returns NULL, or a newly allocated reason.
 */
static char *
check_limits(const struct review_run *run, const struct correction *c)
{
	const struct policy_item *item = policy_find(run->set,
	    c->target->item);
	const struct review_prior *t = c->target;
	int64_t own = strcmp(t->outcome, "approved") == 0 &&
	    t->year == c->year ? t->award : 0;
	int64_t used;
	char buf[MONEY_BUFSIZE];

	if (item == NULL)
		return xasprintf("政策事项 '%s' 不在政策文件中", t->item);
	if (item->budget >= 0) {
		used = review_granted(run->state, run->set, c->year, NULL,
		    item->id, NULL) - own;
		if (c->award > item->budget - used)
			return xasprintf("更正后金额超出本事项 %d 年度预算余额 %s",
			    c->year, money_format_human(item->budget - used,
			    buf));
	}
	if (item->enterprise_cap >= 0) {
		used = review_granted(run->state, run->set, c->year, t->uscc,
		    item->id, NULL) - own;
		if (c->award > item->enterprise_cap - used)
			return xasprintf("更正后金额超出本事项单个企业年度上限，"
			    "尚可核定 %s", money_format_human(
			    item->enterprise_cap - used, buf));
	}
	return NULL;
}

/*
 * Build the correction decision for C and add it to the state folder's
 * added decisions. Returns NULL, or a newly allocated reason to reject
 * the correction.
 */
static char *
apply_correction(struct review_run *run, const struct ledger_view *ledger,
    struct correction *c, long line)
{
	struct review_state *st = run->state;
	const struct review_prior *t = c->target;
	const char *fields[REVIEW_DECISION_COLUMNS];
	char award[MONEY_BUFSIZE], computed[MONEY_BUFSIZE], owed[MONEY_BUFSIZE];
	char old[MONEY_BUFSIZE], new_award[MONEY_BUFSIZE];
	const char *in_flight;
	char *id, *reasons, *limit;
	struct review_prior *added;
	int64_t paid;
	size_t chain = 1, i;

	paid = chain_paid(st, ledger, t, &in_flight);
	if (in_flight != NULL)
		return xasprintf("决定 %s 的付款正在办理（%s）：请先作废该付款，"
		    "再更正决定", t->decision, in_flight);
	if (paid > 0 && c->award > 0)
		return xasprintf("决定 %s 已拨付 %s 元：已拨付的奖励只能整体撤销"
		    "（更正金额填 0），应退回的款项另行追缴", t->decision,
		    money_format(paid, old));
	if (paid == 0 && c->award > 0 && (limit = check_limits(run, c)) != NULL)
		return limit;

	for (i = 0; i < review_state_count(st); i++)
		if (strcmp(chain_root(st, review_state_nth(st, i)),
		    chain_root(st, t)) == 0)
			chain++;
	id = xasprintf("%s-C%zu", chain_root(st, t), chain - 1);

	money_format(t->award, old);
	money_format(c->award, new_award);
	award[0] = computed[0] = owed[0] = '\0';
	if (paid > 0) {
		money_format(0, award);
		money_format(paid, owed);
		reasons = xasprintf("撤销决定 %s：%s；已拨付 %s 元，应退回 %s 元",
		    t->decision, c->reason, owed, owed);
	} else if (c->award == 0) {
		money_format(0, award);
		reasons = xasprintf("更正决定 %s：%s；更正为不予支持",
		    t->decision, c->reason);
	} else {
		money_format(c->award, award);
		money_format(c->award, computed);
		reasons = xasprintf("更正决定 %s：%s；奖励由 %s 元更正为 %s 元",
		    t->decision, c->reason, old, new_award);
	}

	fields[0] = id;
	fields[1] = prior_value(st, t, "application");
	fields[2] = t->uscc;
	fields[3] = t->item;
	fields[4] = prior_value(st, t, "mode");
	fields[5] = c->award > 0 && paid == 0 ? "approved" : "declined";
	fields[6] = computed;
	fields[7] = award;
	fields[8] = reasons;
	fields[9] = c->by;
	fields[10] = c->at;
	fields[11] = t->project;
	fields[12] = t->decision;
	fields[13] = owed;

	/* Mark the target before the array of added decisions moves. */
	((struct review_prior *)t)->superseded = 1;
	st->added = xreallocarray(st->added, st->nadded + 1,
	    sizeof(*st->added));
	added = &st->added[st->nadded++];
	memset(added, 0, sizeof(*added));
	added->record = make_record(fields, REVIEW_DECISION_COLUMNS, line);
	added->decision = added->record->fields[0];
	added->application = added->record->fields[1];
	added->uscc = added->record->fields[2];
	added->item = added->record->fields[3];
	added->outcome = added->record->fields[5];
	added->project = added->record->fields[11];
	added->supersedes = added->record->fields[12];
	added->award = fields[5][0] == 'a' ? c->award : 0;
	added->year = c->year;
	added->added = 1;
	free(id);
	free(reasons);
	return NULL;
}

/* Return the state folder's decision with id ID, earlier or added. */
static const struct review_prior *
find_decision(const struct review_state *st, const char *id)
{
	size_t i;

	for (i = 0; i < review_state_count(st); i++)
		if (strcmp(review_state_nth(st, i)->decision, id) == 0)
			return review_state_nth(st, i);
	return NULL;
}

/* Return a copy of the cell at COLUMN, guard removed, blanks trimmed. */
static char *
clean_cell(const struct csv_record *record, long column)
{
	const char *start = review_cell(record, column), *end;
	char *text;

	while (*start == ' ' || *start == '\t')
		start++;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r' || end[-1] == '\n'))
		end--;
	text = xstrndup(start, (size_t)(end - start));
	csv_unguard(text);
	return text;
}

/*
 * Read and check one correction row into *C. Returns NULL, or a newly
 * allocated reason to reject it.
 */
static char *
read_correction(struct review_run *run, const struct csv_record *record,
    const long columns[5], struct correction *c)
{
	char *decision = clean_cell(record, columns[0]);
	char *award = clean_cell(record, columns[1]);
	char *time = clean_cell(record, columns[4]);
	char *reason = NULL;
	const struct review_prior *latest;
	int32_t day;

	c->reason = clean_cell(record, columns[2]);
	c->by = clean_cell(record, columns[3]);
	c->target = find_decision(run->state, decision);
	if (c->target == NULL)
		reason = xasprintf("决定 %s 不在状态目录中：只能更正已作出的决定",
		    decision);
	else if (c->target->superseded) {
		latest = review_state_latest(run->state, c->target);
		reason = xasprintf("决定 %s 已由 %s 更正：请更正 %s", decision,
		    latest->decision, latest->decision);
	} else if (money_parse(award, MONEY_YUAN, &c->award) != 0 ||
	    c->award < 0)
		reason = xasprintf("更正金额 '%s' 无效：应为元金额，撤销填 0",
		    award);
	else if (c->reason[0] == '\0')
		reason = xstrdup("缺少更正理由");
	else if (c->by[0] == '\0')
		reason = xstrdup("缺少更正人：每条更正须写明由谁作出");
	else if ((reason = review_parse_time(time, &c->at, &day)) == NULL &&
	    day > run->as_of)
		reason = xasprintf("更正时间 %s 晚于评估日", c->at);
	if (reason == NULL)
		c->year = date_year(day);
	free(decision);
	free(award);
	free(time);
	return reason;
}

size_t
review_read_corrections(struct review_run *run, const char *path,
    enum csv_encoding encoding)
{
	struct csv_reader *reader = csv_reader_open(path, NULL, encoding);
	const char *file = csv_reader_name(reader);
	static const char *const names[5] = {
		"decision", "award", "reason", "corrected_by", "corrected_at"
	};
	struct ledger_view ledger;
	struct csv_record *record;
	long columns[5];
	size_t nread = 0, i;

	if (!csv_reader_next(reader, &record))
		die_at(file, 1, _("empty corrections file: expected a header line"));
	for (i = 0; i < 5; i++) {
		char *name;

		columns[i] = -1;
		for (size_t j = 0; j < record->nfields; j++) {
			name = xstrdup(record->fields[j]);
			csv_unguard(name);
			if (strcmp(name, names[i]) == 0)
				columns[i] = (long)j;
			free(name);
		}
		if (columns[i] < 0)
			die_at(file, 1,
			    _("missing column '%s': a corrections file needs decision, award, reason, corrected_by and corrected_at"),
			    names[i]);
	}
	read_ledger(run->state->dir, &ledger);

	while (csv_reader_next(reader, &record)) {
		struct correction c;
		char *reason;

		nread++;
		memset(&c, 0, sizeof(c));
		reason = read_correction(run, record, columns, &c);
		if (reason == NULL)
			reason = apply_correction(run, &ledger, &c,
			    record->line);
		if (reason != NULL) {
			rejects_add(run->rejects, file, record, "%s", reason);
			free(reason);
		}
		free(c.reason);
		free(c.by);
		free(c.at);
	}
	for (i = 0; i < ledger.n; i++) {
		free(ledger.entries[i].decision);
		free(ledger.entries[i].state);
	}
	free(ledger.entries);
	csv_reader_close(reader);
	return nread;
}
