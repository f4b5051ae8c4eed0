/*
 * pfe-mock-bank: a SIMULATED bank, for demos and tests only. It reads a
 * pain.001 payment file and writes the pain.002.001.10 status report a
 * bank could send back: every payment settled, except those a returns
 * list names, which are rejected with the listed ISO reason code.
 *
 * usage: pfe-mock-bank --as-of date [-q] [--returns file] [-o file]
 *            [payment.xml]
 *
 * --returns names a CSV file with the columns decision and reason, and
 * optionally account. A row returns the payment whose decision id (the
 * last word of RmtInf/Ustrd as pfe-pay writes it, or the end-to-end id
 * without its "-attempt" suffix) or whose end-to-end id equals decision.
 * When account is not empty, only a payment to that creditor account is
 * returned, so a payment prepared again to a corrected account settles.
 * A group or PmtInf whose NbOfTxs or CtrlSum disagrees with its
 * transactions is rejected as a whole (reason AM18 or AM10).
 *
 * Nothing here talks to a bank. The report's InitgPty, its MsgId prefix
 * SIMBANK, a comment in the file and a line on standard error all mark
 * it as simulated. See tests/mock-bank/README.md.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "csvio.h"
#include "date.h"
#include "err.h"
#include "money.h"
#include "output.h"
#include "pain.h"
#include "pfe.h"
#include "sha256.h"
#include "xmlio.h"

#define NS_PAIN001_03 "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
#define NS_PAIN001_09 "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
#define NS_PAIN002_10 "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"
#define SCHEMA_PAIN002_10 "iso20022/pain.002.001.10.xsd"

/* Status codes (ISO 20022 ExternalPaymentTransactionStatus1Code). */
#define STATUS_SETTLED "ACSC"	/* pfe-reconcile records it as settled */
#define STATUS_REJECTED "RJCT"	/* pfe-reconcile records it as returned */
#define STATUS_PARTIAL "PART"

/* Reason codes the bank itself gives when a file's totals disagree. */
#define REASON_WRONG_COUNT "AM18"
#define REASON_WRONG_SUM "AM10"

/* The report's issuer, written into GrpHdr/InitgPty/Nm. */
#define SIMULATED_BANK_NAME "模拟银行（仅用于演示和测试，并非真实银行）"

/* One row of the returns list. */
struct return_rule {
	char *decision;		/* decision id or end-to-end id */
	char *reason;		/* ISO status reason code, 1 to 4 characters */
	char *account;		/* creditor account, or "" for any */
	long line;		/* line in the returns file */
	int used;		/* matched a payment of this file */
};

struct return_list {
	struct return_rule *rules;
	size_t count;
};

/* One CdtTrfTxInf of the payment file and the status given to it. */
struct transaction {
	char *instruction_id;	/* PmtId/InstrId, or NULL */
	char *end_to_end_id;	/* PmtId/EndToEndId */
	char *decision;		/* decision id the payment carries out */
	char *account;		/* CdtrAcct/Id/Othr/Id or IBAN, or "" */
	int64_t amount;		/* fen */
	const char *status;
	const char *reason;	/* reason code, or NULL */
};

/* The totals one scope (the group or a PmtInf) declares and carries. */
struct totals {
	char *declared_count;	/* NbOfTxs as written, or NULL */
	int64_t declared_sum;	/* CtrlSum in fen, when has_sum */
	int has_sum;
	size_t count;		/* transactions actually in the scope */
	int64_t sum;
	const char *status;	/* the scope's status in the report */
	const char *reason;	/* reason code when the scope is rejected */
};

struct payment_info {
	char *pmt_inf_id;
	struct totals totals;
	struct transaction *transactions;
	size_t ntransactions;
};

struct payment_file {
	const char *name;	/* for messages */
	const char *message_name;	/* "pain.001.001.03" or ".09" */
	char *msg_id;
	char *creation_time;	/* GrpHdr/CreDtTm as written */
	struct totals totals;
	struct payment_info *infos;
	size_t ninfos;
};

struct counts {
	size_t settled;
	size_t returned;
	int64_t settled_sum;
	int64_t returned_sum;
};

/*
 * Return a Chinese description of an ISO status reason code for
 * AddtlInf, or NULL for a code without one here.
 */
static const char *
reason_text(const char *code)
{
	static const char *const texts[][2] = {
		{ "AC01", "模拟银行：收款账号格式不正确" },
		{ "AC03", "模拟银行：收款账号无效" },
		{ "AC04", "模拟银行：收款账户已销户" },
		{ "AC06", "模拟银行：收款账户已冻结" },
		{ "AG01", "模拟银行：该账户不允许此类交易" },
		{ "AM10", "模拟银行：控制总额与明细合计不符" },
		{ "AM18", "模拟银行：交易笔数与明细不符" },
		{ "BE01", "模拟银行：收款人户名与账户不符" },
		{ "MS03", "模拟银行：银行未说明原因" },
		{ "RC01", "模拟银行：收款行行号不正确" }
	};
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (strcmp(texts[i][0], code) == 0)
			return texts[i][1];
	return NULL;
}

/* Return 1 when CODE is 1 to 4 upper-case letters or digits. */
static int
is_reason_code(const char *code)
{
	size_t i, len = strlen(code);

	if (len < 1 || len > 4)
		return 0;
	for (i = 0; i < len; i++)
		if (!((code[i] >= 'A' && code[i] <= 'Z') ||
		    (code[i] >= '0' && code[i] <= '9')))
			return 0;
	return 1;
}

/*
 * Load the returns list from PATH. Dies naming the file and line on a
 * missing column, an empty decision, an invalid reason code or a
 * decision listed twice for the same account.
 */
static void
load_returns(const char *path, struct return_list *list)
{
	struct csv_reader *reader = csv_reader_open(path, NULL,
	    CSV_ENCODING_UTF8);
	const char *name = csv_reader_name(reader);
	struct csv_record *record, *header;
	long decision_column, reason_column, account_column;
	size_t i;

	memset(list, 0, sizeof *list);
	if (!csv_reader_next(reader, &record))
		die_at(name, 1, _("missing header: expected the columns decision and reason"));
	header = csv_record_copy(record);
	decision_column = csv_column(header, "decision");
	reason_column = csv_column(header, "reason");
	account_column = csv_column(header, "account");
	if (decision_column < 0)
		die_at(name, 1, _("missing column '%s'"), "decision");
	if (reason_column < 0)
		die_at(name, 1, _("missing column '%s'"), "reason");

	while (csv_reader_next(reader, &record)) {
		struct return_rule rule;

		if (record->nfields != header->nfields)
			die_at(name, record->line,
			    _("expected %zu fields, found %zu"),
			    header->nfields, record->nfields);
		rule.decision = xstrdup(record->fields[decision_column]);
		rule.reason = xstrdup(record->fields[reason_column]);
		rule.account = xstrdup(account_column >= 0 ?
		    record->fields[account_column] : "");
		rule.line = record->line;
		rule.used = 0;
		if (rule.decision[0] == '\0')
			die_at(name, rule.line, _("missing decision id"));
		if (!is_reason_code(rule.reason))
			die_at(name, rule.line,
			    _("invalid reason code '%s': expected an ISO 20022 status reason code of 1 to 4 upper-case letters or digits, such as AC04"),
			    rule.reason);
		for (i = 0; i < list->count; i++)
			if (strcmp(list->rules[i].decision, rule.decision) == 0 &&
			    strcmp(list->rules[i].account, rule.account) == 0)
				die_at(name, rule.line,
				    _("decision '%s' is already listed on line %ld"),
				    rule.decision, list->rules[i].line);
		list->rules = xreallocarray(list->rules, list->count + 1,
		    sizeof *list->rules);
		list->rules[list->count++] = rule;
	}
	csv_record_free(header);
	csv_reader_close(reader);
}

static void
free_returns(struct return_list *list)
{
	size_t i;

	for (i = 0; i < list->count; i++) {
		free(list->rules[i].decision);
		free(list->rules[i].reason);
		free(list->rules[i].account);
	}
	free(list->rules);
}

/* Return the first element child of NODE named NAME, or NULL. */
static xmlNodePtr
child_named(const xmlNode *node, const char *name)
{
	xmlNodePtr child;

	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child))
		if (xml_is(child, name))
			return child;
	return NULL;
}

/* Return the text of the element at PATH below NODE (names separated by
   "/"), newly allocated, or NULL when an element on the way is missing. */
static char *
text_at(const xmlNode *node, const char *path)
{
	char *copy = xstrdup(path), *name, *rest = copy;
	const xmlNode *at = node;

	while (at != NULL && (name = strsep(&rest, "/")) != NULL)
		at = child_named(at, name);
	free(copy);
	return at != NULL ? xml_text(at) : NULL;
}

/* Parse the amount TEXT of ELEMENT at NODE into *FEN or die. */
static int64_t
parse_amount(const char *file, const xmlNode *node, const char *element,
    const char *text)
{
	int64_t fen;

	if (text == NULL || money_parse(text, MONEY_YUAN, &fen) != 0)
		die_at(file, xml_line(node),
		    _("invalid amount '%s' in '%s': expected yuan with at most two decimals"),
		    text != NULL ? text : "", element);
	return fen;
}

/*
 * Return the decision id a transaction carries out: the last word of
 * the remittance text REMITTANCE (pfe-pay writes the purpose, a space
 * and the decision id), else END_TO_END_ID without its "-attempt"
 * suffix. Newly allocated.
 */
static char *
decision_of(const char *remittance, const char *end_to_end_id)
{
	const char *space, *hyphen;

	if (remittance != NULL && remittance[0] != '\0') {
		space = strrchr(remittance, ' ');
		return xstrdup(space != NULL ? space + 1 : remittance);
	}
	hyphen = strrchr(end_to_end_id, '-');
	if (hyphen == NULL)
		return xstrdup(end_to_end_id);
	return xstrndup(end_to_end_id, (size_t)(hyphen - end_to_end_id));
}

/* Read the NbOfTxs and CtrlSum that NODE declares into TOTALS. */
static void
read_declared_totals(const char *file, const xmlNode *node,
    struct totals *totals)
{
	char *sum = text_at(node, "CtrlSum");

	totals->declared_count = text_at(node, "NbOfTxs");
	if (sum != NULL) {
		totals->declared_sum = parse_amount(file, node, "CtrlSum", sum);
		totals->has_sum = 1;
	}
	free(sum);
}

static void
read_transaction(const char *file, const xmlNode *node,
    struct transaction *tx)
{
	char *amount = text_at(node, "Amt/InstdAmt");
	char *remittance = text_at(node, "RmtInf/Ustrd");

	memset(tx, 0, sizeof *tx);
	tx->instruction_id = text_at(node, "PmtId/InstrId");
	tx->end_to_end_id = text_at(node, "PmtId/EndToEndId");
	tx->amount = parse_amount(file, node, "InstdAmt", amount);
	tx->account = text_at(node, "CdtrAcct/Id/Othr/Id");
	if (tx->account == NULL)
		tx->account = text_at(node, "CdtrAcct/Id/IBAN");
	if (tx->account == NULL)
		tx->account = xstrdup("");
	/* The schema makes EndToEndId mandatory, so it is never NULL. */
	tx->decision = decision_of(remittance, tx->end_to_end_id);
	free(amount);
	free(remittance);
}

/*
 * Read the payment file at PATH: check it is a pain.001.001.03 or .09
 * document valid against its official schema, then collect its group
 * header, PmtInfs and transactions into FILE. Dies on any error.
 */
static void
read_payment_file(const char *path, struct payment_file *file)
{
	enum pain_version version;
	xmlDocPtr doc;
	xmlNodePtr root, initiation, header, node, tx_node;
	const char *href;

	memset(file, 0, sizeof *file);
	file->name = strcmp(path, "-") == 0 ? "standard input" : path;
	doc = xml_read(path, file->name, XML_MAX_INPUT);
	if (doc == NULL)
		exit(PFE_EXIT_FATAL);
	root = xmlDocGetRootElement(doc);
	href = root != NULL && root->ns != NULL ?
	    (const char *)root->ns->href : "";
	if (xml_is(root, "Document") && strcmp(href, NS_PAIN001_03) == 0) {
		version = PAIN_001_001_03;
		file->message_name = "pain.001.001.03";
	} else if (xml_is(root, "Document") &&
	    strcmp(href, NS_PAIN001_09) == 0) {
		version = PAIN_001_001_09;
		file->message_name = "pain.001.001.09";
	} else {
		die_at(file->name, xml_line(root),
		    _("not a pain.001 payment file: expected a Document in namespace '%s' or '%s'"),
		    NS_PAIN001_03, NS_PAIN001_09);
	}
	/* A bank rejects a file that fails its schema before reading the
	   payments. */
	if (xml_validate(doc, file->name, pain001_schema(version)) != 0)
		die(_("payment file '%s' is not valid against '%s'"),
		    file->name, pain001_schema(version));

	initiation = child_named(root, "CstmrCdtTrfInitn");
	header = child_named(initiation, "GrpHdr");
	file->msg_id = text_at(header, "MsgId");
	file->creation_time = text_at(header, "CreDtTm");
	read_declared_totals(file->name, header, &file->totals);

	for (node = xml_first_element(initiation); node != NULL;
	    node = xml_next_element(node)) {
		struct payment_info *info;

		if (!xml_is(node, "PmtInf"))
			continue;
		file->infos = xreallocarray(file->infos, file->ninfos + 1,
		    sizeof *file->infos);
		info = &file->infos[file->ninfos++];
		memset(info, 0, sizeof *info);
		info->pmt_inf_id = text_at(node, "PmtInfId");
		read_declared_totals(file->name, node, &info->totals);
		for (tx_node = xml_first_element(node); tx_node != NULL;
		    tx_node = xml_next_element(tx_node)) {
			if (!xml_is(tx_node, "CdtTrfTxInf"))
				continue;
			info->transactions = xreallocarray(info->transactions,
			    info->ntransactions + 1,
			    sizeof *info->transactions);
			read_transaction(file->name, tx_node,
			    &info->transactions[info->ntransactions]);
			info->totals.count++;
			info->totals.sum +=
			    info->transactions[info->ntransactions].amount;
			info->ntransactions++;
		}
		file->totals.count += info->totals.count;
		file->totals.sum += info->totals.sum;
	}
	xmlFreeDoc(doc);
}

static void
free_payment_file(struct payment_file *file)
{
	size_t i, j;

	for (i = 0; i < file->ninfos; i++) {
		struct payment_info *info = &file->infos[i];

		for (j = 0; j < info->ntransactions; j++) {
			free(info->transactions[j].instruction_id);
			free(info->transactions[j].end_to_end_id);
			free(info->transactions[j].decision);
			free(info->transactions[j].account);
		}
		free(info->transactions);
		free(info->pmt_inf_id);
		free(info->totals.declared_count);
	}
	free(file->infos);
	free(file->msg_id);
	free(file->creation_time);
	free(file->totals.declared_count);
}

/*
 * Return the reason code a bank gives for a scope whose declared totals
 * disagree with its transactions, or NULL when they agree.
 */
static const char *
totals_error(const struct totals *totals)
{
	/* The schema allows only 1 to 15 digits in NbOfTxs, so strtoull
	   cannot overflow. */
	if (totals->declared_count != NULL &&
	    strtoull(totals->declared_count, NULL, 10) != totals->count)
		return REASON_WRONG_COUNT;
	if (totals->has_sum && totals->declared_sum != totals->sum)
		return REASON_WRONG_SUM;
	return NULL;
}

/* Return the rule of LIST that returns TX, or NULL. */
static struct return_rule *
find_return(struct return_list *list, const struct transaction *tx)
{
	size_t i;

	for (i = 0; i < list->count; i++) {
		struct return_rule *rule = &list->rules[i];

		if (strcmp(rule->decision, tx->decision) != 0 &&
		    strcmp(rule->decision, tx->end_to_end_id) != 0)
			continue;
		if (rule->account[0] != '\0' &&
		    strcmp(rule->account, tx->account) != 0)
			continue;
		return rule;
	}
	return NULL;
}

/* Return the status of a scope with SETTLED settled and RETURNED
   rejected transactions. */
static const char *
scope_status(size_t settled, size_t returned)
{
	if (returned == 0)
		return STATUS_SETTLED;
	if (settled == 0)
		return STATUS_REJECTED;
	return STATUS_PARTIAL;
}

/*
 * Decide the status of every transaction of FILE: a group or PmtInf
 * whose totals disagree is rejected as a whole, a transaction the
 * returns list names is rejected with the listed reason, and every
 * other one is settled. Adds to COUNTS.
 */
static void
decide_statuses(struct payment_file *file, struct return_list *returns,
    struct counts *counts)
{
	size_t i, j, group_settled = 0, group_returned = 0;

	file->totals.reason = totals_error(&file->totals);
	for (i = 0; i < file->ninfos; i++) {
		struct payment_info *info = &file->infos[i];
		size_t settled = 0, returned = 0;

		info->totals.reason = file->totals.reason != NULL ?
		    file->totals.reason : totals_error(&info->totals);
		for (j = 0; j < info->ntransactions; j++) {
			struct transaction *tx = &info->transactions[j];
			struct return_rule *rule = find_return(returns, tx);

			if (info->totals.reason != NULL) {
				tx->status = STATUS_REJECTED;
				tx->reason = info->totals.reason;
			} else if (rule != NULL) {
				rule->used = 1;
				tx->status = STATUS_REJECTED;
				tx->reason = rule->reason;
			} else {
				tx->status = STATUS_SETTLED;
			}
			if (strcmp(tx->status, STATUS_SETTLED) == 0) {
				settled++;
				counts->settled++;
				counts->settled_sum += tx->amount;
			} else {
				returned++;
				counts->returned++;
				counts->returned_sum += tx->amount;
			}
		}
		info->totals.status = scope_status(settled, returned);
		group_settled += settled;
		group_returned += returned;
	}
	file->totals.status = scope_status(group_settled, group_returned);
}

static xmlNodePtr
add_element(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, parent->ns, (const xmlChar *)name, NULL);
}

/* Add an element NAME holding TEXT, which libxml2 escapes. */
static xmlNodePtr
add_text(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, parent->ns, (const xmlChar *)name,
	    (const xmlChar *)text);
}

static void
add_amount(xmlNodePtr parent, const char *name, int64_t fen)
{
	char buf[MONEY_BUFSIZE];

	add_text(parent, name, money_format(fen, buf));
}

/* Add a StsRsnInf with reason CODE and, when known, its description. */
static void
add_reason(xmlNodePtr parent, const char *code)
{
	xmlNodePtr info = add_element(parent, "StsRsnInf");
	const char *text = reason_text(code);

	add_text(add_element(info, "Rsn"), "Cd", code);
	if (text != NULL)
		add_text(info, "AddtlInf", text);
}

/*
 * Add the original totals of SCOPE, its status (element STATUS_NAME:
 * GrpSts or PmtInfSts) and either its reason or one NbOfTxsPerSts per
 * status among TRANSACTIONS, in the order OriginalGroupHeader17 and
 * OriginalPaymentInstruction32 define.
 */
static void
add_scope_status(xmlNodePtr parent, const struct totals *scope,
    const char *status_name, const struct transaction *const *transactions,
    size_t ntransactions)
{
	static const char *const statuses[] = { STATUS_SETTLED,
	    STATUS_REJECTED };
	size_t i, k;

	if (scope->declared_count != NULL)
		add_text(parent, "OrgnlNbOfTxs", scope->declared_count);
	if (scope->has_sum)
		add_amount(parent, "OrgnlCtrlSum", scope->declared_sum);
	add_text(parent, status_name, scope->status);
	if (scope->reason != NULL) {
		add_reason(parent, scope->reason);
		return;
	}
	for (k = 0; k < sizeof statuses / sizeof statuses[0]; k++) {
		size_t count = 0;
		int64_t sum = 0;
		char number[32];
		xmlNodePtr per_status;

		for (i = 0; i < ntransactions; i++)
			if (strcmp(transactions[i]->status, statuses[k]) == 0) {
				count++;
				sum += transactions[i]->amount;
			}
		if (count == 0)
			continue;
		per_status = add_element(parent, "NbOfTxsPerSts");
		snprintf(number, sizeof number, "%zu", count);
		add_text(per_status, "DtldNbOfTxs", number);
		add_text(per_status, "DtldSts", statuses[k]);
		add_amount(per_status, "DtldCtrlSum", sum);
	}
}

/*
 * Build the pain.002.001.10 status report for FILE, created at midnight
 * of AS_OF (+08:00). Its MsgId is SIMBANK-, the date and the first 12
 * hex digits of the SHA-256 of the original MsgId, so the same file and
 * date always give the same report.
 */
static xmlDocPtr
build_report(const struct payment_file *file, int32_t as_of)
{
	char date[DATE_BUFSIZE], digest[SHA256_HEX_SIZE];
	char *msg_id, *creation_time;
	const struct transaction **all;
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root, report, header, group, node;
	size_t i, j, n = 0;
	int year, month, day;

	xmlAddChild((xmlNodePtr)doc, xmlNewDocComment(doc, (const xmlChar *)
	    " 模拟银行回执：由 pfe-mock-bank 生成，仅用于演示和测试，并非真实银行的回执。 "));
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"Document", NULL);
	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)NS_PAIN002_10, NULL));
	xmlDocSetRootElement(doc, root);
	report = add_element(root, "CstmrPmtStsRpt");

	date_to_ymd(as_of, &year, &month, &day);
	sha256_hex(file->msg_id, strlen(file->msg_id), digest);
	msg_id = xasprintf("SIMBANK-%04d%02d%02d-%.12s", year, month, day,
	    digest);
	creation_time = xasprintf("%sT00:00:00+08:00", date_format(as_of,
	    date));
	header = add_element(report, "GrpHdr");
	add_text(header, "MsgId", msg_id);
	add_text(header, "CreDtTm", creation_time);
	add_text(add_element(header, "InitgPty"), "Nm", SIMULATED_BANK_NAME);
	free(msg_id);
	free(creation_time);

	all = xcalloc(file->totals.count + 1, sizeof *all);
	for (i = 0; i < file->ninfos; i++)
		for (j = 0; j < file->infos[i].ntransactions; j++)
			all[n++] = &file->infos[i].transactions[j];
	group = add_element(report, "OrgnlGrpInfAndSts");
	add_text(group, "OrgnlMsgId", file->msg_id);
	add_text(group, "OrgnlMsgNmId", file->message_name);
	add_text(group, "OrgnlCreDtTm", file->creation_time);
	add_scope_status(group, &file->totals, "GrpSts", all, n);
	free(all);

	/* A group rejected as a whole needs no detail below it. */
	if (file->totals.reason != NULL)
		return doc;
	for (i = 0; i < file->ninfos; i++) {
		const struct payment_info *info = &file->infos[i];

		all = xcalloc(info->ntransactions + 1, sizeof *all);
		for (j = 0; j < info->ntransactions; j++)
			all[j] = &info->transactions[j];
		node = add_element(report, "OrgnlPmtInfAndSts");
		add_text(node, "OrgnlPmtInfId", info->pmt_inf_id);
		add_scope_status(node, &info->totals, "PmtInfSts", all,
		    info->ntransactions);
		free(all);
		if (info->totals.reason != NULL)
			continue;
		for (j = 0; j < info->ntransactions; j++) {
			const struct transaction *tx = &info->transactions[j];
			xmlNodePtr tx_node = add_element(node, "TxInfAndSts");

			if (tx->instruction_id != NULL)
				add_text(tx_node, "OrgnlInstrId",
				    tx->instruction_id);
			add_text(tx_node, "OrgnlEndToEndId", tx->end_to_end_id);
			add_text(tx_node, "TxSts", tx->status);
			if (tx->reason != NULL)
				add_reason(tx_node, tx->reason);
		}
	}
	return doc;
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s --as-of date [-q] [--returns file] [-o file] [payment.xml]\n"),
	    pfe_progname());
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nSIMULATED BANK, FOR DEMOS AND TESTS ONLY: nothing is sent to a bank.\n"
	    "Read a pain.001 payment file and write the pain.002.001.10 status report\n"
	    "a bank could send back: every payment settled (ACSC) except those the\n"
	    "returns list names, which are rejected (RJCT) with the listed reason.\n\n"
	    "  --as-of date      date of the report (YYYY-MM-DD): CreDtTm and MsgId\n"
	    "  --returns file    CSV with columns decision, reason and optionally\n"
	    "                    account: the payments to reject, by decision id or\n"
	    "                    end-to-end id, with an ISO reason code such as AC04\n"
	    "  -o, --output file write the report to file (default: standard output)\n"
	    "  -q, --quiet       print no summary\n"
	    "  --help            print this help and exit\n"
	    "  --version         print the version and exit\n"), stdout);
}

enum long_only_option {
	OPT_AS_OF = 256,
	OPT_RETURNS,
	OPT_HELP,
	OPT_VERSION
};

int
main(int argc, char *argv[])
{
	static const struct option long_options[] = {
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "returns", required_argument, NULL, OPT_RETURNS },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *as_of_text = NULL, *returns_path = NULL, *output = NULL;
	const char *input;
	struct return_list returns;
	struct payment_file file;
	struct counts counts;
	struct output *out;
	char settled_buf[MONEY_BUFSIZE], returned_buf[MONEY_BUFSIZE];
	int32_t as_of = 0;
	int c, quiet = 0;
	size_t i, unused;
	xmlDocPtr report;
	char *bytes;
	size_t len;

	pfe_init("pfe-mock-bank");
	xml_init();

	while ((c = getopt_long(argc, argv, "o:q", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_AS_OF:
			as_of = date_parse_as_of(optarg);
			as_of_text = optarg;
			break;
		case OPT_RETURNS:
			returns_path = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'q':
			quiet = 1;
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
	if (as_of_text == NULL)
		usage_error(_("missing option --as-of"));
	if (argc - optind > 1)
		usage_error(_("unexpected argument '%s': give one payment file"),
		    argv[optind + 1]);
	input = optind < argc ? argv[optind] : "-";

	/* The label is printed first, even under -q, so that no one takes
	   this report for a bank's. */
	fprintf(stderr, _("%s: simulated bank for demos and tests only: no bank received the payment file or wrote this status report\n"),
	    pfe_progname());

	memset(&returns, 0, sizeof returns);
	if (returns_path != NULL)
		load_returns(returns_path, &returns);
	read_payment_file(input, &file);

	memset(&counts, 0, sizeof counts);
	decide_statuses(&file, &returns, &counts);
	report = build_report(&file, as_of);
	if (xml_validate(report, output != NULL ? output : "standard output",
	    SCHEMA_PAIN002_10) != 0)
		die(_("the status report is not valid against '%s': nothing written"),
		    SCHEMA_PAIN002_10);
	bytes = xml_serialize(report, &len);
	out = output_open(output, 0644);
	if (fwrite(bytes, 1, len, output_stream(out)) != len)
		die_errno(_("cannot write '%s'"), output_name(out));
	output_commit(out);

	unused = 0;
	for (i = 0; i < returns.count; i++)
		if (!returns.rules[i].used)
			unused++;
	if (!quiet)
		fprintf(stderr, _("%s: status report for message '%s' with %zu payments: settled %zu (%s yuan), returned %zu (%s yuan); %zu rows of the returns list matched no payment\n"),
		    pfe_progname(), file.msg_id, file.totals.count,
		    counts.settled, money_format(counts.settled_sum, settled_buf),
		    counts.returned,
		    money_format(counts.returned_sum, returned_buf), unused);

	free(bytes);
	xmlFreeDoc(report);
	free_payment_file(&file);
	free_returns(&returns);
	output_close_stdout();
	return PFE_EXIT_OK;
}
