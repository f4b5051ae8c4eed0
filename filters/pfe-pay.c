/*
 * pfe-pay: prepare the approved awards of decisions.csv as one ISO 20022
 * pain.001 payment file, hold the payments a bank would refuse, and
 * record the batch in the payment ledger so that nothing is prepared twice.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "bank_profile.h"
#include "csvio.h"
#include "date.h"
#include "err.h"
#include "ledger.h"
#include "money.h"
#include "output.h"
#include "pain.h"
#include "pfe.h"
#include "rejects.h"
#include "sha256.h"
#include "uscc.h"
#include "xmlio.h"

/* Columns of bank-accounts.csv, as the departments export them. */
#define ACCOUNT_USCC "统一社会信用代码"
#define ACCOUNT_HOLDER "账户名称"
#define ACCOUNT_NUMBER "账号"
#define ACCOUNT_BANK "开户行名称"
#define ACCOUNT_CNAPS "开户行行号"

struct options {
	const char *profile;
	const char *accounts;
	enum csv_encoding accounts_encoding;
	const char *portraits;
	const char *state;
	const char *as_of_text;
	int32_t as_of;
	const char *out_dir;
	const char *output;
	const char *held;
	const char *batch_csv;
	const char *rejects;
	const char *report;
	const char *preparer;
	int quiet;
};

/* One approved decision on its way to the payment file. */
struct payment {
	const char *file;	/* decisions file, for messages */
	long line;
	char *decision;		/* shared with the duplicate check */
	char *uscc;
	const char *item;	/* one copy per item, see intern_item */
	int64_t amount;		/* fen */
	int attempt;
	char end_to_end_id[PAIN_ID_MAX + 1];
	const struct bank_debtor_account *debtor;
	/* The creditor, from the enterprise's row of bank-accounts.csv and
	   owned by it: payments of one enterprise share one copy. */
	const char *holder;	/* 账户名称 */
	const char *account;
	const char *bank_name;	/* cut to the profile's limit */
	const char *cnaps;
	const char *purpose_text;	/* the profile's, for the item */
	char *hold_reasons;	/* joined by "；", NULL when payable */
	/* Account and ledger reason (status, reason code and text) of the
	   latest attempt when the bank returned it, else NULL. */
	char *returned_account;
	char *returned_reason;
};

struct payment_list {
	struct payment *items;
	size_t count;
	size_t cap;
};

/* A decision id seen in the input, to find duplicates. */
struct seen_decision {
	const char *id;
	const char *file;
	long line;
};

/* One row of bank-accounts.csv for an enterprise with a payment to prepare. */
struct account_row {
	char *uscc;
	char *holder;
	char *number;
	char *bank_name;
	char *cnaps;
	char *bank_name_cut;	/* BANK_NAME cut to the profile's limit,
				   made for the first payment, or NULL */
	long line;
	int conflicting;	/* another, different row names this USCC */
};

/* The registered name of an enterprise with a payment to prepare, from
   portraits.csv. */
struct registered_name {
	char *uscc;
	char *name;
};

/* One PmtInf of the batch: a run of the sorted payable payments that
   share a debtor account. */
struct batch_group {
	char *pmt_inf_id;
	size_t first;		/* index of its first payment */
	size_t count;
	int64_t sum;		/* fen */
};

/* The payable payments, sorted, as they go into the payment file. */
struct batch {
	struct payment **payable;
	size_t count;
	int64_t sum;		/* fen, of every payment */
	struct batch_group *groups;
	size_t ngroups;
};

/* The destinations of the payment file's bytes while it is written. */
struct payment_sink {
	FILE *stream;		/* NULL: not written */
	const char *name;	/* for messages */
	struct sha256_ctx sha256;
	struct xml_stream_check *check;	/* NULL: not checked */
};

/* The values that every ledger row of the batch shares. */
struct ledger_rows {
	const struct batch *batch;
	const char *msg_id;
	const char *as_of;
	const char *preparer;
	const char *file;
	const char *sha256;
	const char *batch_csv_sha256;
};

struct counts {
	unsigned long read;
	unsigned long not_approved;	/* declined or pending */
	unsigned long in_ledger;	/* already prepared or further */
	unsigned long held;
	unsigned long prepared;
	int64_t prepared_sum;
};

static struct payment *
payment_add(struct payment_list *list)
{
	struct payment *p;

	if (list->count == list->cap) {
		list->cap = list->cap == 0 ? 64 : 2 * list->cap;
		list->items = xreallocarray(list->items, list->cap,
		    sizeof *list->items);
	}
	p = &list->items[list->count++];
	memset(p, 0, sizeof *p);
	return p;
}

/* Append REASON to P's held reasons, joined by a full-width semicolon. */
static void
payment_hold(struct payment *p, const char *reason)
{
	char *joined;

	if (p->hold_reasons == NULL) {
		p->hold_reasons = xstrdup(reason);
		return;
	}
	joined = xasprintf("%s；%s", p->hold_reasons, reason);
	free(p->hold_reasons);
	p->hold_reasons = joined;
}

/*
 * Parse a decisions.csv amount: yuan with exactly two decimals and an
 * optional minus sign, no grouping. Returns 0, or -1 when S is not one.
 */
static int
parse_yuan(const char *s, int64_t *fen)
{
	const char *p = s;
	size_t digits = 0;

	if (*p == '-')
		p++;
	while (p[digits] >= '0' && p[digits] <= '9')
		digits++;
	if (digits == 0 || p[digits] != '.' ||
	    !(p[digits + 1] >= '0' && p[digits + 1] <= '9') ||
	    !(p[digits + 2] >= '0' && p[digits + 2] <= '9') ||
	    p[digits + 3] != '\0')
		return -1;
	return money_parse(s, MONEY_YUAN, fen);
}

/* Return 1 when S is a unified social credit code with a right check
   character. */
static int
uscc_valid(const char *s)
{
	char first17[USCC_LEN];
	char check;

	if (strlen(s) != USCC_LEN)
		return 0;
	memcpy(first17, s, USCC_LEN - 1);
	first17[USCC_LEN - 1] = '\0';
	check = uscc_check_char(first17);
	return check != 0 && check == s[USCC_LEN - 1];
}

static int
all_digits(const char *s, size_t min, size_t max)
{
	size_t n = 0;

	for (n = 0; s[n] != '\0'; n++)
		if (s[n] < '0' || s[n] > '9')
			return 0;
	return n >= min && n <= max;
}

/* Return a copy of S without leading and trailing ASCII blanks. */
static char *
trimmed_copy(const char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return xstrndup(s, len);
}

/* Return the index of column NAME in HEADER or die naming FILE. */
static size_t
require_column(const struct csv_record *header, const char *file,
    const char *name)
{
	long column = csv_column(header, name);

	if (column < 0)
		die_at(file, 1, _("missing column '%s'"), name);
	return (size_t)column;
}

static int
compare_seen(const void *a, const void *b)
{
	const struct seen_decision *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Die when one decision id appears twice among the inputs. */
static void
check_duplicate_decisions(struct seen_decision *seen, size_t count)
{
	size_t i;

	if (count < 2)
		return;
	qsort(seen, count, sizeof *seen, compare_seen);
	for (i = 1; i < count; i++)
		if (strcmp(seen[i].id, seen[i - 1].id) == 0)
			die_at(seen[i].file, seen[i].line,
			    _("duplicate decision '%s': already at %s:%ld; a decision is prepared at most once per batch"),
			    seen[i].id, seen[i - 1].file, seen[i - 1].line);
}

/*
 * Return the one copy of ITEM kept for the run. A batch has payments
 * of a few hundred items at most, so each payment points to a shared
 * copy instead of holding its own.
 */
static const char *
intern_item(const char *item)
{
	static char **items;
	static size_t count, cap;
	size_t low = 0, high = count;

	while (low < high) {
		size_t mid = low + (high - low) / 2;
		int c = strcmp(items[mid], item);

		if (c == 0)
			return items[mid];
		if (c < 0)
			low = mid + 1;
		else
			high = mid;
	}
	if (count == cap) {
		cap = cap == 0 ? 64 : 2 * cap;
		items = xreallocarray(items, cap, sizeof *items);
	}
	memmove(items + low + 1, items + low, (count - low) * sizeof *items);
	items[low] = xstrdup(item);
	count++;
	return items[low];
}

/* Return P's purpose in a new string: the purpose text of its item, a
   space and the decision id. */
static char *
payment_purpose(const struct payment *p)
{
	return xasprintf("%s %s", p->purpose_text, p->decision);
}

/*
 * Read one decisions file: count every row, reject malformed ones, and
 * add each approved decision to PAYMENTS. Every decision id goes into
 * *SEEN for the duplicate check.
 */
static void
read_decisions(const char *path, struct payment_list *payments,
    struct seen_decision **seen, size_t *nseen, size_t *seen_cap,
    struct rejects *rejects, struct counts *counts)
{
	struct csv_reader *reader = csv_reader_open(path, NULL,
	    CSV_ENCODING_UTF8);
	const char *name = xstrdup(csv_reader_name(reader));
	struct csv_record *record;
	size_t col_decision, col_uscc, col_item, col_outcome, col_award;
	size_t need;

	if (!csv_reader_next(reader, &record))
		die_at(name, 1, _("missing header"));
	col_decision = require_column(record, name, "decision");
	col_uscc = require_column(record, name, "uscc");
	col_item = require_column(record, name, "item");
	col_outcome = require_column(record, name, "outcome");
	col_award = require_column(record, name, "award");
	need = record->nfields;

	while (csv_reader_next(reader, &record)) {
		const char *decision, *uscc, *item, *outcome, *award;
		char *id;
		struct payment *p;
		int64_t fen;

		counts->read++;
		if (record->nfields != need) {
			rejects_add(rejects, name, record,
			    "字段数为%zu，应为%zu", record->nfields, need);
			continue;
		}
		decision = record->fields[col_decision];
		uscc = record->fields[col_uscc];
		item = record->fields[col_item];
		outcome = record->fields[col_outcome];
		award = record->fields[col_award];
		if (decision[0] == '\0') {
			rejects_add(rejects, name, record, "decision 为空");
			continue;
		}
		if (*nseen == *seen_cap) {
			*seen_cap = *seen_cap == 0 ? 256 : 2 * *seen_cap;
			*seen = xreallocarray(*seen, *seen_cap, sizeof **seen);
		}
		id = xstrdup(decision);
		(*seen)[*nseen].id = id;
		(*seen)[*nseen].file = name;
		(*seen)[(*nseen)++].line = record->line;

		if (strcmp(outcome, "declined") == 0 ||
		    strcmp(outcome, "pending") == 0) {
			counts->not_approved++;
			continue;
		}
		if (strcmp(outcome, "approved") != 0) {
			rejects_add(rejects, name, record,
			    "outcome 为“%s”，应为 approved、declined 或 pending",
			    outcome);
			continue;
		}
		if (parse_yuan(award, &fen) != 0) {
			rejects_add(rejects, name, record,
			    "award 为“%s”，应为两位小数的元金额", award);
			continue;
		}
		if (!uscc_valid(uscc)) {
			rejects_add(rejects, name, record,
			    "uscc “%s” 不是有效的统一社会信用代码", uscc);
			continue;
		}
		if (item[0] == '\0') {
			rejects_add(rejects, name, record, "item 为空");
			continue;
		}
		p = payment_add(payments);
		p->file = name;
		p->line = record->line;
		p->decision = id;
		p->uscc = xstrdup(uscc);
		p->item = intern_item(item);
		p->amount = fen;
	}
	csv_reader_close(reader);
}

/*
 * Build the end-to-end id of DECISION's attempt ATTEMPT into OUT. It is
 * the decision id, "-" and the attempt number when that fits in 35
 * characters of letters, digits, "-" and ".". Otherwise it is "D", the
 * first 24 hex digits of the SHA-256 of the decision id, "-" and the
 * attempt number.
 */
static void
derive_end_to_end_id(const char *decision, int attempt,
    char out[PAIN_ID_MAX + 1])
{
	char hex[SHA256_HEX_SIZE];
	const char *c;
	int plain = 1;

	for (c = decision; *c != '\0'; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		    (*c >= '0' && *c <= '9') || *c == '-' || *c == '.'))
			plain = 0;
	if (plain && snprintf(out, PAIN_ID_MAX + 1, "%s-%d", decision,
	    attempt) <= PAIN_ID_MAX)
		return;
	sha256_hex(decision, strlen(decision), hex);
	/* ATTEMPT is at most LEDGER_MAX_ATTEMPT: the id takes 29 characters. */
	snprintf(out, PAIN_ID_MAX + 1, "D%.24s-%u", hex,
	    (unsigned)attempt % (LEDGER_MAX_ATTEMPT + 1));
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Return 1 when USCC is in the sorted list PAYEE_USCCS. */
static int
uscc_listed(char **payee_usccs, size_t npayees, const char *uscc)
{
	return bsearch(&uscc, payee_usccs, npayees, sizeof *payee_usccs,
	    compare_strings) != NULL;
}

static int
compare_accounts(const void *a, const void *b)
{
	const struct account_row *x = a, *y = b;
	int c = strcmp(x->uscc, y->uscc);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * Read the rows of bank-accounts.csv whose USCC is in PAYEE_USCCS,
 * sorted by USCC. Two different rows for one enterprise mark both as conflicting;
 * an exact repeat is ignored.
 */
static struct account_row *
read_accounts(const char *path, enum csv_encoding encoding,
    char **payee_usccs, size_t npayees, size_t *count)
{
	struct csv_reader *reader = csv_reader_open(path, NULL, encoding);
	const char *name = csv_reader_name(reader);
	struct csv_record *record;
	/* Never NULL, so qsort and bsearch get a valid pointer. */
	struct account_row *rows = xcalloc(1, sizeof *rows);
	size_t n = 0, cap = 1, i, w;
	size_t c_uscc, c_holder, c_number, c_bank, c_cnaps;

	if (!csv_reader_next(reader, &record))
		die_at(name, 1, _("missing header"));
	c_uscc = require_column(record, name, ACCOUNT_USCC);
	c_holder = require_column(record, name, ACCOUNT_HOLDER);
	c_number = require_column(record, name, ACCOUNT_NUMBER);
	c_bank = require_column(record, name, ACCOUNT_BANK);
	c_cnaps = require_column(record, name, ACCOUNT_CNAPS);

	while (csv_reader_next(reader, &record)) {
		struct account_row *row;

		if (record->nfields <= c_uscc || record->nfields <= c_holder ||
		    record->nfields <= c_number || record->nfields <= c_bank ||
		    record->nfields <= c_cnaps)
			continue;
		if (!uscc_listed(payee_usccs, npayees, record->fields[c_uscc]))
			continue;
		if (n == cap) {
			cap = cap == 0 ? 64 : 2 * cap;
			rows = xreallocarray(rows, cap, sizeof *rows);
		}
		row = &rows[n++];
		row->uscc = xstrdup(record->fields[c_uscc]);
		row->holder = trimmed_copy(record->fields[c_holder]);
		row->number = trimmed_copy(record->fields[c_number]);
		row->bank_name = trimmed_copy(record->fields[c_bank]);
		row->cnaps = trimmed_copy(record->fields[c_cnaps]);
		row->bank_name_cut = NULL;
		row->line = record->line;
		row->conflicting = 0;
	}
	csv_reader_close(reader);

	qsort(rows, n, sizeof *rows, compare_accounts);
	/* Keep the first row per enterprise; compare the others to it. */
	for (i = 0, w = 0; i < n; i++) {
		if (w > 0 && strcmp(rows[w - 1].uscc, rows[i].uscc) == 0) {
			struct account_row *first = &rows[w - 1];

			if (strcmp(first->holder, rows[i].holder) != 0 ||
			    strcmp(first->number, rows[i].number) != 0 ||
			    strcmp(first->bank_name, rows[i].bank_name) != 0 ||
			    strcmp(first->cnaps, rows[i].cnaps) != 0)
				first->conflicting = 1;
			free(rows[i].uscc);
			free(rows[i].holder);
			free(rows[i].number);
			free(rows[i].bank_name);
			free(rows[i].cnaps);
			continue;
		}
		rows[w++] = rows[i];
	}
	*count = w;
	return rows;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(((const struct registered_name *)a)->uscc,
	    ((const struct registered_name *)b)->uscc);
}

/* Read the registered names (portraits.csv `name`) of PAYEE_USCCS. */
static struct registered_name *
read_registered_names(const char *path, char **payee_usccs, size_t npayees,
    size_t *count)
{
	struct csv_reader *reader = csv_reader_open(path, NULL,
	    CSV_ENCODING_UTF8);
	const char *name = csv_reader_name(reader);
	struct csv_record *record;
	struct registered_name *names = xcalloc(1, sizeof *names);
	size_t n = 0, cap = 1, c_uscc, c_name;

	if (!csv_reader_next(reader, &record))
		die_at(name, 1, _("missing header"));
	c_uscc = require_column(record, name, "uscc");
	c_name = require_column(record, name, "name");
	while (csv_reader_next(reader, &record)) {
		if (record->nfields <= c_uscc || record->nfields <= c_name)
			continue;
		if (!uscc_listed(payee_usccs, npayees, record->fields[c_uscc]))
			continue;
		if (n == cap) {
			cap = cap == 0 ? 64 : 2 * cap;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[n].uscc = xstrdup(record->fields[c_uscc]);
		names[n].name = trimmed_copy(record->fields[c_name]);
		n++;
	}
	csv_reader_close(reader);
	qsort(names, n, sizeof *names, compare_names);
	*count = n;
	return names;
}

/*
 * Run every check a bank would apply to P, filling in its creditor
 * details; each failure adds a Chinese reason to P->held.
 */
static void
check_payment(struct payment *p, const struct bank_profile *profile,
    struct account_row *row, const struct registered_name *registered)
{
	char buf[MONEY_BUFSIZE];
	const char *purpose_text;
	char *reason, *purpose;
	size_t bytes;

	if (p->amount <= 0) {
		reason = xasprintf("金额必须大于零，实为%s元",
		    money_format(p->amount, buf));
		payment_hold(p, reason);
		free(reason);
	}

	p->debtor = bank_profile_debtor(profile, p->item);
	if (p->debtor == NULL) {
		reason = xasprintf("银行配置中没有支付项目“%s”的付款账户",
		    p->item);
		payment_hold(p, reason);
		free(reason);
	}
	purpose_text = bank_profile_purpose(profile, p->item);
	if (purpose_text == NULL) {
		reason = xasprintf("银行配置中没有项目“%s”的用途", p->item);
		payment_hold(p, reason);
		free(reason);
	} else {
		p->purpose_text = purpose_text;
		purpose = payment_purpose(p);
		bytes = bank_text_bytes(purpose, profile->limit_encoding);
		if (bytes > profile->purpose_bytes) {
			reason = xasprintf("用途“%s”为%zu字节（%s），超过银行限制%zu字节",
			    purpose, bytes,
			    bank_encoding_name(profile->limit_encoding),
			    profile->purpose_bytes);
			payment_hold(p, reason);
			free(reason);
		}
		free(purpose);
	}

	if (row == NULL) {
		payment_hold(p, "bank-accounts.csv 中没有该企业的结算账户");
		return;
	}
	if (row->conflicting) {
		reason = xasprintf("bank-accounts.csv 中该企业有多个不同的结算账户（第%ld行起），无法确定收款账户",
		    row->line);
		payment_hold(p, reason);
		free(reason);
		return;
	}
	if (row->bank_name_cut == NULL)
		row->bank_name_cut = bank_text_cut(row->bank_name,
		    profile->limit_encoding, profile->bank_name_bytes);
	p->holder = row->holder;
	p->account = row->number;
	p->cnaps = row->cnaps;
	p->bank_name = row->bank_name_cut;

	if (p->account[0] == '\0') {
		payment_hold(p, "账号为空");
	} else if (!all_digits(p->account, 8, 32)) {
		reason = xasprintf("账号“%s”格式错误，应为8至32位数字",
		    p->account);
		payment_hold(p, reason);
		free(reason);
	}
	if (p->cnaps[0] == '\0') {
		payment_hold(p, "开户行行号为空");
	} else if (!all_digits(p->cnaps, 12, 12)) {
		reason = xasprintf("开户行行号“%s”格式错误，应为12位数字",
		    p->cnaps);
		payment_hold(p, reason);
		free(reason);
	}
	if (p->holder[0] == '\0') {
		payment_hold(p, "账户名称为空");
		return;
	}
	bytes = bank_text_bytes(p->holder, profile->limit_encoding);
	if (bytes > profile->name_bytes) {
		reason = xasprintf("账户名称“%s”为%zu字节（%s），超过银行限制%zu字节",
		    p->holder, bytes,
		    bank_encoding_name(profile->limit_encoding),
		    profile->name_bytes);
		payment_hold(p, reason);
		free(reason);
	}
	if (registered == NULL) {
		payment_hold(p, "画像中没有该企业，无法核对账户名称");
	} else if (strcmp(registered->name, p->holder) != 0) {
		reason = xasprintf("账户名称“%s”与登记的企业名称“%s”不一致",
		    p->holder, registered->name);
		payment_hold(p, reason);
		free(reason);
	}
}

/* Return the Chinese label of a ledger state that blocks preparing. */
static const char *
blocking_state_label(enum ledger_state state)
{
	switch (state) {
	case LEDGER_PREPARED:
		return "已制备";
	case LEDGER_APPROVED:
		return "已审批";
	case LEDGER_SENT:
		return "已发送";
	case LEDGER_SETTLED:
		return "已结算";
	default:
		return ledger_state_name(state);
	}
}

/*
 * Hold P, whose decision the ledger already has as LAST with another
 * amount, and warn unless QUIET: the held file shows the change even
 * under -q. Only a payment not yet sent can be made void.
 */
static void
hold_changed_amount(struct payment *p, const struct ledger_entry *last,
    int quiet)
{
	int voidable = last->state == LEDGER_PREPARED ||
	    last->state == LEDGER_APPROVED;
	char buf[MONEY_BUFSIZE];
	char *reason;

	if (!quiet && voidable)
		warn_at(p->file, p->line,
		    _("decision '%s' is already %s in the ledger with amount %s: void that payment first to prepare the new amount"),
		    p->decision, ledger_state_name(last->state),
		    money_format(last->amount, buf));
	else if (!quiet)
		warn_at(p->file, p->line,
		    _("decision '%s' is already %s in the ledger with amount %s, which can no longer be made void: settle the difference by hand"),
		    p->decision, ledger_state_name(last->state),
		    money_format(last->amount, buf));
	if (voidable)
		reason = xasprintf("该决定已按金额%s元制备（台账状态：%s），与现金额不同：请先作废该付款，再按新金额制备",
		    money_format(last->amount, buf),
		    blocking_state_label(last->state));
	else
		reason = xasprintf("该决定已按金额%s元制备（台账状态：%s），与现金额不同，且该付款已无法作废：请人工处理差额",
		    money_format(last->amount, buf),
		    blocking_state_label(last->state));
	payment_hold(p, reason);
	free(reason);
}

/*
 * Hold P when the bank returned its previous attempt and the account in
 * bank-accounts.csv is still the one the bank returned it from: sending
 * it again would only be returned again, e.g. from a closed account.
 */
static void
check_returned_account(struct payment *p)
{
	char *reason;

	if (p->returned_account == NULL || p->account == NULL ||
	    strcmp(p->returned_account, p->account) != 0)
		return;
	reason = xasprintf("第%d次付款被银行退回（%s），收款账号“%s”仍与退回时相同：请先在 bank-accounts.csv 中更正收款账户",
	    p->attempt - 1, p->returned_reason, p->account);
	payment_hold(p, reason);
	free(reason);
}

/* Finish CTX and write its digest into HEX as lower-case hex. */
static void
sha256_digest_hex(struct sha256_ctx *ctx, char hex[SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_digest(ctx, sizeof digest, digest);
	for (i = 0; i < sizeof digest; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 0x0f];
	}
	hex[2 * sizeof digest] = '\0';
}

/*
 * Derive the MsgId from the profile's prefix, the as-of date and the
 * first 12 hex digits of a SHA-256 over every payment's end-to-end id,
 * amount, creditor account, CNAPS code and debtor account. The same
 * batch so gets the same id, and a different batch a different one.
 */
static void
derive_msg_id(const struct bank_profile *profile, int32_t as_of,
    struct payment **payable, size_t count, char out[PAIN_ID_MAX + 1])
{
	char hex[SHA256_HEX_SIZE], buf[MONEY_BUFSIZE];
	struct sha256_ctx ctx;
	size_t i;
	int year, month, day;

	sha256_init(&ctx);
	for (i = 0; i < count; i++) {
		char *line = xasprintf("%s\t%s\t%s\t%s\t%s\n",
		    payable[i]->end_to_end_id,
		    money_format(payable[i]->amount, buf), payable[i]->account,
		    payable[i]->cnaps, payable[i]->debtor->account.number);

		sha256_update(&ctx, strlen(line), (const uint8_t *)line);
		free(line);
	}
	sha256_digest_hex(&ctx, hex);
	date_to_ymd(as_of, &year, &month, &day);
	snprintf(out, PAIN_ID_MAX + 1, "%s-%04d%02d%02d-%.12s",
	    profile->message_prefix, year, month, day, hex);
}

/* Write the held payments, every one with its reasons, to a temporary
   file; return it for output_commit. */
static struct output *
write_held(const char *path, const struct payment_list *payments)
{
	static const char *const header[] = {
		"decision", "uscc", "item", "amount", "reasons"
	};
	struct output *out = output_open(path, 0644);
	FILE *stream = output_stream(out);
	char buf[MONEY_BUFSIZE];
	size_t i;

	csv_write_row(stream, CSV_WRITE_DATA, 5, header);
	for (i = 0; i < payments->count; i++) {
		const struct payment *p = &payments->items[i];
		const char *fields[5];

		if (p->hold_reasons == NULL)
			continue;
		fields[0] = p->decision;
		fields[1] = p->uscc;
		fields[2] = p->item;
		fields[3] = money_format(p->amount, buf);
		fields[4] = p->hold_reasons;
		csv_write_row(stream, CSV_WRITE_DATA, 5, fields);
	}
	return out;
}

/*
 * Write the report of what this run prepared (payments.csv.md) to a
 * temporary file and return it for output_commit: one row per payment,
 * header only when nothing was prepared.
 */
static struct output *
write_report(const char *path, const struct batch *batch,
    const char *msg_id, const char *file, const char *sha256)
{
	static const char *const header[] = {
		"msg_id", "pmt_inf_id", "end_to_end_id", "decision", "uscc",
		"item", "attempt", "amount", "account", "file", "sha256"
	};
	struct output *out = output_open(path, 0644);
	FILE *stream = output_stream(out);
	char attempt[16], buf[MONEY_BUFSIZE];
	size_t g, i;

	csv_write_row(stream, CSV_WRITE_DATA, 11, header);
	for (g = 0; batch != NULL && g < batch->ngroups; g++) {
		const struct batch_group *group = &batch->groups[g];

		for (i = group->first; i < group->first + group->count; i++) {
			const struct payment *p = batch->payable[i];
			const char *fields[11];

			snprintf(attempt, sizeof attempt, "%d", p->attempt);
			fields[0] = msg_id;
			fields[1] = group->pmt_inf_id;
			fields[2] = p->end_to_end_id;
			fields[3] = p->decision;
			fields[4] = p->uscc;
			fields[5] = p->item;
			fields[6] = attempt;
			fields[7] = money_format(p->amount, buf);
			fields[8] = p->account;
			fields[9] = file;
			fields[10] = sha256;
			csv_write_row(stream, CSV_WRITE_DATA, 11, fields);
		}
	}
	return out;
}

/* Size of the pieces, cut at row ends, in which the batch CSV is
   converted and written. */
#define BATCH_CSV_PIECE (1024 * 1024)

/* Convert the LEN bytes of UTF-8 at TEXT to the profile's encoding,
   write them to OUT and add them to CTX. */
static void
write_converted(struct output *out, const struct bank_profile *profile,
    const char *text, size_t len, struct sha256_ctx *ctx)
{
	size_t converted_len;
	char *converted = bank_text_convert(text, len, profile->csv_encoding,
	    &converted_len);

	if (fwrite(converted, 1, converted_len, output_stream(out)) !=
	    converted_len)
		die_errno(_("cannot write '%s'"), output_name(out));
	sha256_update(ctx, converted_len, (const uint8_t *)converted);
	free(converted);
}

/*
 * Write the domestic batch-transfer CSV in the profile's encoding to a
 * temporary file, return it for output_commit, and write its SHA-256
 * into HEX for the ledger. Rows are converted a piece of about
 * BATCH_CSV_PIECE bytes at a time, never the whole file at once.
 */
static struct output *
write_batch_csv(const char *path, const struct bank_profile *profile,
    struct payment **payable, size_t count, char hex[SHA256_HEX_SIZE])
{
	static const char *const header[] = {
		"序号", "收款人账号", "收款人名称", "收款行名称", "收款行行号",
		"金额", "用途", "业务参考号"
	};
	struct output *out = output_open(path, 0644);
	struct sha256_ctx ctx;
	char *text = NULL, number[32], buf[MONEY_BUFSIZE];
	size_t len = 0, i;
	FILE *stream = open_memstream(&text, &len);

	if (stream == NULL)
		die(_("out of memory"));
	sha256_init(&ctx);
	csv_write_row(stream, CSV_WRITE_DATA, 8, header);
	for (i = 0; i < count; i++) {
		const struct payment *p = payable[i];
		const char *fields[8];
		char *purpose = payment_purpose(p);

		snprintf(number, sizeof number, "%zu", i + 1);
		fields[0] = number;
		fields[1] = p->account;
		fields[2] = p->holder;
		fields[3] = p->bank_name;
		fields[4] = p->cnaps;
		fields[5] = money_format(p->amount, buf);
		fields[6] = purpose;
		fields[7] = p->end_to_end_id;
		csv_write_row(stream, CSV_WRITE_DATA, 8, fields);
		free(purpose);
		if (ftell(stream) >= BATCH_CSV_PIECE) {
			if (fclose(stream) != 0)
				die(_("out of memory"));
			write_converted(out, profile, text, len, &ctx);
			free(text);
			text = NULL;
			len = 0;
			stream = open_memstream(&text, &len);
			if (stream == NULL)
				die(_("out of memory"));
		}
	}
	if (fclose(stream) != 0)
		die(_("out of memory"));
	write_converted(out, profile, text, len, &ctx);
	free(text);
	sha256_digest_hex(&ctx, hex);
	return out;
}

/*
 * Remove the file at PATH, the batch CSV of an earlier run, and say so
 * unless QUIET. A missing file is fine; any other failure is fatal.
 */
static void
remove_stale_batch_csv(const char *path, int quiet)
{
	if (unlink(path) != 0) {
		if (errno == ENOENT)
			return;
		die_errno(_("cannot remove the batch CSV '%s' of an earlier run"),
		    path);
	}
	if (!quiet)
		warn_msg(_("removed the batch CSV '%s' of an earlier run"), path);
}

/*
 * Split PAYABLE (sorted by debtor account) into one PmtInf per debtor
 * account, numbered from 1 after MSG_ID, with the count and sum of each.
 */
static void
plan_batch(const char *msg_id, struct payment **payable, size_t count,
    struct batch *batch)
{
	size_t i;

	memset(batch, 0, sizeof *batch);
	batch->payable = payable;
	batch->count = count;
	for (i = 0; i < count; i++) {
		struct batch_group *group;

		if (i == 0 || strcmp(payable[i - 1]->debtor->id,
		    payable[i]->debtor->id) != 0) {
			batch->groups = xreallocarray(batch->groups,
			    batch->ngroups + 1, sizeof *batch->groups);
			group = &batch->groups[batch->ngroups++];
			group->pmt_inf_id = xasprintf("%s-%zu", msg_id,
			    batch->ngroups);
			group->first = i;
			group->count = 0;
			group->sum = 0;
		}
		group = &batch->groups[batch->ngroups - 1];
		group->count++;
		pain001_add_to_sum(&group->sum, payable[i]->amount);
		pain001_add_to_sum(&batch->sum, payable[i]->amount);
	}
}

/* Pass the next LEN bytes of the payment file to where they go. */
static void
payment_sink_write(void *context, const char *data, size_t len)
{
	struct payment_sink *sink = context;

	if (sink->stream != NULL && fwrite(data, 1, len, sink->stream) != len)
		die_errno(_("cannot write '%s'"), sink->name);
	sha256_update(&sink->sha256, len, (const uint8_t *)data);
	if (sink->check != NULL)
		xml_stream_check_push(sink->check, data, len);
}

/*
 * Write the pain.001 document of BATCH to SINK, one PmtInf per group,
 * executed the profile's lag after the as-of date.
 */
static void
write_document(const struct bank_profile *profile, const char *msg_id,
    int32_t as_of, const struct batch *batch, struct payment_sink *sink)
{
	struct pain_message message;
	struct pain_sink to = { payment_sink_write, sink };
	struct pain_writer *writer;
	size_t g, i;

	memset(&message, 0, sizeof message);
	message.version = profile->version;
	message.msg_id = msg_id;
	message.creation_date = as_of;
	message.initiating_party = profile->initiating_party;
	message.clearing_system = profile->clearing_system;
	message.clearing_proprietary = profile->clearing_proprietary;
	message.ntransactions = batch->count;
	message.control_sum = batch->sum;
	writer = pain001_writer_open(&message, to);
	for (g = 0; g < batch->ngroups; g++) {
		const struct batch_group *group = &batch->groups[g];
		struct pain_payment_info info;

		memset(&info, 0, sizeof info);
		info.pmt_inf_id = group->pmt_inf_id;
		info.execution_date = as_of + profile->execution_lag_days;
		info.debtor = batch->payable[group->first]->debtor->account;
		info.ntransactions = group->count;
		info.control_sum = group->sum;
		pain001_writer_payment_info(writer, &info);
		for (i = group->first; i < group->first + group->count; i++) {
			const struct payment *p = batch->payable[i];
			struct pain_transaction tx;

			tx.end_to_end_id = p->end_to_end_id;
			tx.amount = p->amount;
			tx.creditor.holder = p->holder;
			tx.creditor.number = p->account;
			tx.creditor.bank_name = p->bank_name;
			tx.creditor.cnaps = p->cnaps;
			tx.remittance = payment_purpose(p);
			pain001_writer_transaction(writer, &tx);
			free((char *)tx.remittance);
		}
	}
	pain001_writer_close(writer);
}

/* Return 1 when PATH names standard output for output_open. */
static int
is_stdout(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

/* A payment file written to its temporary name and still being
   validated. */
struct pending_file {
	const char *path;	/* NULL: standard output */
	const char *name;	/* for messages */
	const char *schema;
	struct output *out;	/* NULL until written, for standard output */
	struct xml_stream_check *check;
};

/*
 * Start the payment file of BATCH: write it to the temporary name of
 * PATH (NULL: standard output, written only by finish_payment_file)
 * while a thread validates it against the schema of the profile's
 * pain.001 version, and write its SHA-256 into HEX. NAME is the file's
 * name in messages.
 */
static struct pending_file *
start_payment_file(const char *path, const char *name,
    const struct bank_profile *profile, const char *msg_id, int32_t as_of,
    const struct batch *batch, char hex[SHA256_HEX_SIZE])
{
	struct pending_file *file = xcalloc(1, sizeof *file);
	struct payment_sink sink;

	file->path = path;
	file->name = name;
	file->schema = pain001_schema(profile->version);
	memset(&sink, 0, sizeof sink);
	sha256_init(&sink.sha256);
	file->check = sink.check = xml_stream_check_open(name, file->schema);
	if (path != NULL) {
		file->out = output_open(path, 0644);
		sink.stream = output_stream(file->out);
		sink.name = output_name(file->out);
	}
	write_document(profile, msg_id, as_of, batch, &sink);
	sha256_digest_hex(&sink.sha256, hex);
	return file;
}

/*
 * Wait for the validation of FILE and die, with nothing written, when
 * the file is not valid. Otherwise rename it into place, or write it to
 * standard output, which cannot be taken back and so gets the file only
 * now, in a second pass. Frees FILE.
 */
static void
finish_payment_file(struct pending_file *file,
    const struct bank_profile *profile, const char *msg_id, int32_t as_of,
    const struct batch *batch)
{
	struct payment_sink sink;

	if (xml_stream_check_close(file->check) != 0)
		die(_("payment file '%s' is not valid against %s: nothing written"),
		    file->name, file->schema);
	if (file->path == NULL) {
		file->out = output_open(NULL, 0644);
		memset(&sink, 0, sizeof sink);
		sha256_init(&sink.sha256);
		sink.stream = output_stream(file->out);
		sink.name = output_name(file->out);
		write_document(profile, msg_id, as_of, batch, &sink);
	}
	output_commit(file->out);
	free(file);
}

/* Fill in ledger row I of the batch: payment I, prepared. */
static void
ledger_row(void *context, size_t i, struct ledger_entry *entry)
{
	const struct ledger_rows *rows = context;
	const struct batch *batch = rows->batch;
	const struct payment *p = batch->payable[i];
	size_t g = 0;

	/* Groups are few, one per debtor account: look through them. */
	while (i >= batch->groups[g].first + batch->groups[g].count)
		g++;
	entry->msg_id = (char *)rows->msg_id;
	entry->pmt_inf_id = batch->groups[g].pmt_inf_id;
	entry->end_to_end_id = (char *)p->end_to_end_id;
	entry->decision = p->decision;
	entry->uscc = p->uscc;
	entry->item = (char *)p->item;
	entry->attempt = p->attempt;
	entry->amount = p->amount;
	entry->account = (char *)p->account;
	entry->state = LEDGER_PREPARED;
	entry->as_of = (char *)rows->as_of;
	entry->actor = (char *)rows->preparer;
	entry->file = (char *)rows->file;
	entry->sha256 = (char *)rows->sha256;
	entry->reason = "";
	entry->batch_csv_sha256 = (char *)rows->batch_csv_sha256;
}

static int
compare_account_uscc(const void *a, const void *b)
{
	return strcmp(((const struct account_row *)a)->uscc,
	    ((const struct account_row *)b)->uscc);
}

/* Order payments by debtor account, then decision: one PmtInf each. */
static int
compare_payable(const void *a, const void *b)
{
	const struct payment *x = *(const struct payment *const *)a;
	const struct payment *y = *(const struct payment *const *)b;
	int c = strcmp(x->debtor->id, y->debtor->id);

	if (c != 0)
		return c;
	return strcmp(x->decision, y->decision);
}

static int
compare_end_to_end_ids(const void *a, const void *b)
{
	return strcmp((*(const struct payment *const *)a)->end_to_end_id,
	    (*(const struct payment *const *)b)->end_to_end_id);
}

/* Die when two payments of the batch share an end-to-end id. */
static void
check_duplicate_end_to_end_ids(struct payment **payable, size_t count)
{
	struct payment **sorted = xcalloc(count + 1, sizeof *sorted);
	size_t i;

	memcpy(sorted, payable, count * sizeof *sorted);
	qsort(sorted, count, sizeof *sorted, compare_end_to_end_ids);
	for (i = 1; i < count; i++)
		if (strcmp(sorted[i]->end_to_end_id,
		    sorted[i - 1]->end_to_end_id) == 0)
			die_at(sorted[i]->file, sorted[i]->line,
			    _("duplicate end-to-end id '%s' for decisions '%s' and '%s'"),
			    sorted[i]->end_to_end_id, sorted[i - 1]->decision,
			    sorted[i]->decision);
	free(sorted);
}

static void
print_summary(const struct counts *counts, const char *file,
    unsigned long rejected)
{
	char buf[MONEY_BUFSIZE];

	if (file != NULL)
		fprintf(stderr, _("%s: read %lu decisions: prepared %lu payments totalling %s yuan in '%s', held %lu, already in the ledger %lu, not approved %lu, rejected %lu\n"),
		    pfe_progname(), counts->read, counts->prepared,
		    money_format(counts->prepared_sum, buf), file,
		    counts->held, counts->in_ledger, counts->not_approved,
		    rejected);
	else
		fprintf(stderr, _("%s: read %lu decisions: prepared 0 payments, held %lu, already in the ledger %lu, not approved %lu, rejected %lu\n"),
		    pfe_progname(), counts->read, counts->held,
		    counts->in_ledger, counts->not_approved, rejected);
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s --profile file --accounts file --portraits file\n"
	    "           --state dir --as-of date [-q] [--encoding enc]\n"
	    "           [--out-dir dir | -o file]\n"
	    "           [--held file] [--batch-csv file] [--report file]\n"
	    "           [--rejects file] [--preparer name] [decisions.csv ...]\n"),
	    pfe_progname());
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nPrepare the approved decisions as one ISO 20022 pain.001 payment file\n"
	    "and record them in the payment ledger of the state folder.\n\n"
	    "  --profile file     bank profile: debtor accounts, pain.001 version, limits\n"
	    "  --accounts file    enterprise settlement accounts (bank-accounts.csv)\n"
	    "  --encoding enc     encoding of the accounts file, as the department\n"
	    "                     exported it: utf-8 (default) or gb18030 (also GBK)\n"
	    "  --portraits file   portraits.csv, for the registered enterprise names\n"
	    "  --state dir        state folder holding ledger.csv and its lock\n"
	    "  --as-of date       as-of date (YYYY-MM-DD) of the run\n"
	    "  --out-dir dir      write the payment file as dir/MSGID.xml\n"
	    "  -o, --output file  write the payment file to file (default: standard output)\n"
	    "  --held file        write the held payments with their reasons to file\n"
	    "  --batch-csv file   also write the domestic batch-transfer CSV to file\n"
	    "  --report file      write the payments this run prepared to file (CSV)\n"
	    "  --rejects file     write malformed decision rows to file\n"
	    "  --preparer name    who prepares the batch, recorded in the ledger\n"
	    "                     (default: pfe-pay)\n"
	    "  -q, --quiet        print no summary and no warnings\n"
	    "  --help             print this help and exit\n"
	    "  --version          print the version and exit\n"), stdout);
}

enum long_only_option {
	OPT_PROFILE = 256,
	OPT_ACCOUNTS,
	OPT_ENCODING,
	OPT_PORTRAITS,
	OPT_STATE,
	OPT_AS_OF,
	OPT_OUT_DIR,
	OPT_HELD,
	OPT_BATCH_CSV,
	OPT_REJECTS,
	OPT_REPORT,
	OPT_PREPARER,
	OPT_HELP,
	OPT_VERSION
};

int
main(int argc, char *argv[])
{
	static const struct option long_options[] = {
		{ "profile", required_argument, NULL, OPT_PROFILE },
		{ "accounts", required_argument, NULL, OPT_ACCOUNTS },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "portraits", required_argument, NULL, OPT_PORTRAITS },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
		{ "output", required_argument, NULL, 'o' },
		{ "held", required_argument, NULL, OPT_HELD },
		{ "batch-csv", required_argument, NULL, OPT_BATCH_CSV },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "preparer", required_argument, NULL, OPT_PREPARER },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct options opt;
	struct bank_profile *profile;
	struct ledger *ledger;
	struct rejects *rejects;
	struct payment_list payments = { NULL, 0, 0 };
	struct seen_decision *seen = NULL;
	size_t nseen = 0, seen_cap = 0;
	struct counts counts;
	struct account_row *accounts;
	struct registered_name *names;
	size_t naccounts, nnames, npayees, npayable, i;
	char **payee_usccs;
	struct payment **payable;
	char msg_id[PAIN_ID_MAX + 1], hex[SHA256_HEX_SIZE];
	char batch_csv_hex[SHA256_HEX_SIZE] = "";
	struct batch batch;
	struct ledger_rows rows;
	struct pending_file *file;
	struct output *batch_csv_out = NULL, *held_out = NULL;
	struct output *report_out = NULL;
	char *payment_path = NULL, *ledger_file;
	unsigned long rejected;
	int c;

	pfe_init("pfe-pay");
	xml_init();

	memset(&opt, 0, sizeof opt);
	memset(&counts, 0, sizeof counts);
	opt.preparer = "pfe-pay";
	while ((c = getopt_long(argc, argv, "o:q", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_PROFILE:
			opt.profile = optarg;
			break;
		case OPT_ACCOUNTS:
			opt.accounts = optarg;
			break;
		case OPT_ENCODING:
			if (strcasecmp(optarg, "utf-8") == 0)
				opt.accounts_encoding = CSV_ENCODING_UTF8;
			else if (strcasecmp(optarg, "gb18030") == 0 ||
			    strcasecmp(optarg, "gbk") == 0)
				opt.accounts_encoding = CSV_ENCODING_GB18030;
			else
				usage_error(_("invalid --encoding '%s': expected utf-8 or gb18030"),
				    optarg);
			break;
		case OPT_PORTRAITS:
			opt.portraits = optarg;
			break;
		case OPT_STATE:
			opt.state = optarg;
			break;
		case OPT_AS_OF:
			opt.as_of_text = optarg;
			opt.as_of = date_parse_as_of(optarg);
			break;
		case OPT_OUT_DIR:
			opt.out_dir = optarg;
			break;
		case 'o':
			opt.output = optarg;
			break;
		case OPT_HELD:
			opt.held = optarg;
			break;
		case OPT_BATCH_CSV:
			opt.batch_csv = optarg;
			break;
		case OPT_REJECTS:
			opt.rejects = optarg;
			break;
		case OPT_REPORT:
			opt.report = optarg;
			break;
		case OPT_PREPARER:
			opt.preparer = optarg;
			break;
		case 'q':
			opt.quiet = 1;
			break;
		case OPT_HELP:
			help();
			return PFE_EXIT_OK;
		case OPT_VERSION:
			pfe_print_version();
			break;
		default:
			usage(stderr);
			return PFE_EXIT_FATAL;
		}
	}

	if (opt.profile == NULL)
		usage_error(_("missing option --profile"));
	if (opt.accounts == NULL)
		usage_error(_("missing option --accounts"));
	if (opt.portraits == NULL)
		usage_error(_("missing option --portraits"));
	if (opt.state == NULL)
		usage_error(_("missing option --state"));
	if (opt.as_of_text == NULL)
		usage_error(_("missing option --as-of"));
	if (opt.out_dir != NULL && opt.output != NULL)
		usage_error(_("--out-dir and -o exclude each other"));
	if (opt.preparer[0] == '\0')
		usage_error(_("invalid --preparer '': expected a name"));
	if (ledger_actor_has_edge_blank(opt.preparer))
		usage_error(_("invalid --preparer '%s': remove the blanks before and after the name"),
		    opt.preparer);
	if (opt.out_dir != NULL) {
		struct stat st;

		if (stat(opt.out_dir, &st) != 0 || !S_ISDIR(st.st_mode))
			usage_error(_("invalid --out-dir '%s': not a folder"),
			    opt.out_dir);
	}

	/* The lock is taken before any decision is read, so an overlapping
	   run stops before doing any work. */
	profile = bank_profile_load(opt.profile);
	ledger = ledger_open(opt.state);
	rejects = rejects_open(opt.rejects);
	rejects_set_quiet(rejects, opt.quiet);

	if (optind == argc)
		read_decisions("-", &payments, &seen, &nseen, &seen_cap,
		    rejects, &counts);
	for (i = optind; i < (size_t)argc; i++)
		read_decisions(argv[i], &payments, &seen, &nseen, &seen_cap,
		    rejects, &counts);
	check_duplicate_decisions(seen, nseen);

	/* Leave out what the ledger already holds; number the rest. */
	for (i = 0; i < payments.count; i++) {
		struct payment *p = &payments.items[i];
		const struct ledger_entry *last =
		    ledger_last_for_decision(ledger, p->decision);

		if (last != NULL && ledger_state_blocks(last->state)) {
			p->attempt = 0;
			if (last->amount == p->amount) {
				counts.in_ledger++;
				continue;
			}
			hold_changed_amount(p, last, opt.quiet);
			counts.held++;
			continue;
		}
		p->attempt = ledger_last_attempt(ledger, p->decision) + 1;
		if (p->attempt > LEDGER_MAX_ATTEMPT)
			die_at(p->file, p->line,
			    _("decision '%s' has reached the limit of %d attempts"),
			    p->decision, LEDGER_MAX_ATTEMPT);
		if (last != NULL && last->state == LEDGER_RETURNED) {
			p->returned_account = xstrdup(last->account);
			p->returned_reason = xstrdup(last->reason);
		}
		derive_end_to_end_id(p->decision, p->attempt, p->end_to_end_id);
	}

	/* Side inputs: only the enterprises with a payment still to prepare. */
	payee_usccs = xcalloc(payments.count + 1, sizeof *payee_usccs);
	npayees = 0;
	for (i = 0; i < payments.count; i++)
		if (payments.items[i].attempt > 0)
			payee_usccs[npayees++] = payments.items[i].uscc;
	qsort(payee_usccs, npayees, sizeof *payee_usccs, compare_strings);
	accounts = read_accounts(opt.accounts, opt.accounts_encoding,
	    payee_usccs, npayees, &naccounts);
	names = read_registered_names(opt.portraits, payee_usccs, npayees,
	    &nnames);

	/* Check each payment; keep the payable ones. */
	payable = xcalloc(payments.count + 1, sizeof *payable);
	npayable = 0;
	for (i = 0; i < payments.count; i++) {
		struct payment *p = &payments.items[i];
		struct account_row account_key, *row;
		struct registered_name name_key, *registered;
		const struct ledger_entry *other;

		if (p->attempt == 0)
			continue;
		account_key.uscc = p->uscc;
		account_key.line = 0;
		row = bsearch(&account_key, accounts, naccounts,
		    sizeof *accounts, compare_account_uscc);
		name_key.uscc = p->uscc;
		registered = bsearch(&name_key, names, nnames, sizeof *names,
		    compare_names);
		check_payment(p, profile, row, registered);
		check_returned_account(p);
		if (p->hold_reasons != NULL) {
			counts.held++;
			if (!opt.quiet)
				warn_at(p->file, p->line,
				    _("payment for decision '%s' held: %s"),
				    p->decision, p->hold_reasons);
			continue;
		}
		other = ledger_last_for_payment(ledger, p->end_to_end_id);
		if (other != NULL)
			die_at(p->file, p->line,
			    _("end-to-end id '%s' of decision '%s' is already used by decision '%s' in '%s'"),
			    p->end_to_end_id, p->decision, other->decision,
			    ledger_path(ledger));
		payable[npayable++] = p;
	}
	qsort(payable, npayable, sizeof *payable, compare_payable);
	check_duplicate_end_to_end_ids(payable, npayable);
	rejected = rejects_count(rejects);
	rejects_close(rejects);

	/*
	 * Nothing payable: no payment file, no batch CSV, no ledger rows. A
	 * batch CSV left at the path by an earlier run would pass for this
	 * run's, so it is removed.
	 */
	if (npayable == 0) {
		if (!opt.quiet)
			warn_msg(_("nothing to prepare: no payment file written"));
		if (opt.batch_csv != NULL)
			remove_stale_batch_csv(opt.batch_csv, opt.quiet);
		if (opt.held != NULL)
			output_commit(write_held(opt.held, &payments));
		if (opt.report != NULL)
			output_commit(write_report(opt.report, NULL, NULL,
			    NULL, NULL));
		if (!opt.quiet)
			print_summary(&counts, NULL, rejected);
		ledger_close(ledger);
		output_close_stdout();
		return counts.held > 0 || rejected > 0 ?
		    PFE_EXIT_REJECTS : PFE_EXIT_OK;
	}

	/* The payment file first: it is checked against its schema as it
	   is written, and nothing else is written when it fails. */
	derive_msg_id(profile, opt.as_of, payable, npayable, msg_id);
	if (opt.out_dir != NULL) {
		payment_path = xasprintf("%s/%s.xml", opt.out_dir, msg_id);
		ledger_file = xasprintf("%s.xml", msg_id);
	} else if (opt.output != NULL && strcmp(opt.output, "-") != 0) {
		const char *slash = strrchr(opt.output, '/');

		payment_path = xstrdup(opt.output);
		ledger_file = xstrdup(slash != NULL ? slash + 1 : opt.output);
	} else {
		ledger_file = xstrdup("-");
	}
	plan_batch(msg_id, payable, npayable, &batch);
	file = start_payment_file(payment_path, ledger_file, profile, msg_id,
	    opt.as_of, &batch, hex);

	/*
	 * While the thread validates, write the other files to their
	 * temporary names. None is renamed into place before the payment
	 * file is known to be valid, and standard output gets nothing
	 * before then, so a file meant for it waits.
	 */
	if (opt.batch_csv != NULL && !is_stdout(opt.batch_csv))
		batch_csv_out = write_batch_csv(opt.batch_csv, profile,
		    payable, npayable, batch_csv_hex);
	if (opt.held != NULL && !is_stdout(opt.held))
		held_out = write_held(opt.held, &payments);
	if (opt.report != NULL && !is_stdout(opt.report))
		report_out = write_report(opt.report, &batch, msg_id,
		    ledger_file, hex);
	finish_payment_file(file, profile, msg_id, opt.as_of, &batch);
	if (opt.batch_csv != NULL && is_stdout(opt.batch_csv))
		batch_csv_out = write_batch_csv(opt.batch_csv, profile,
		    payable, npayable, batch_csv_hex);
	if (opt.held != NULL && is_stdout(opt.held))
		held_out = write_held(opt.held, &payments);
	if (opt.report != NULL && is_stdout(opt.report))
		report_out = write_report(opt.report, &batch, msg_id,
		    ledger_file, hex);
	if (batch_csv_out != NULL)
		output_commit(batch_csv_out);
	if (held_out != NULL)
		output_commit(held_out);
	if (report_out != NULL)
		output_commit(report_out);

	/* Then the ledger: a crash before it leaves files that a re-run
	   writes again byte for byte. */

	rows.batch = &batch;
	rows.msg_id = msg_id;
	rows.as_of = opt.as_of_text;
	rows.preparer = opt.preparer;
	rows.file = ledger_file;
	rows.sha256 = hex;
	rows.batch_csv_sha256 = batch_csv_hex;
	ledger_commit_rows(ledger, npayable, ledger_row, &rows);
	for (i = 0; i < npayable; i++) {
		counts.prepared++;
		counts.prepared_sum += payable[i]->amount;
	}
	ledger_close(ledger);

	if (!opt.quiet)
		print_summary(&counts, ledger_file, rejected);
	output_close_stdout();
	return counts.held > 0 || rejected > 0 ? PFE_EXIT_REJECTS :
	    PFE_EXIT_OK;
}
