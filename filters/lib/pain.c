/*
 * Write ISO 20022 pain.001 credit-transfer initiations as a stream of
 * bytes, in the element order of the official schemas and in the layout
 * of libxml2's formatted output (two spaces per level), so that a file
 * of any size is written without holding it or a tree of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "money.h"
#include "pain.h"
#include "pfe.h"

/* Bytes collected before they go to the sink. */
#define PAIN_BUFFER_SIZE 65536

static const char *const pain001_namespaces[] = {
	"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03",
	"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
};

static const char *const pain001_schemas[] = {
	"iso20022/pain.001.001.03.xsd",
	"iso20022/pain.001.001.09.xsd"
};

static const char *const pain001_names[] = {
	"001.001.03",
	"001.001.09"
};

struct pain_writer {
	enum pain_version version;
	char *clearing_system;
	int clearing_proprietary;
	struct pain_sink sink;
	char *buffer;		/* PAIN_BUFFER_SIZE bytes */
	size_t len;		/* bytes in BUFFER */
	int in_payment_info;	/* a PmtInf is open */
	size_t declared_count;	/* of the whole message */
	int64_t declared_sum;
	size_t count;		/* transactions written */
	int64_t sum;
	size_t info_declared_count;	/* of the open PmtInf */
	int64_t info_declared_sum;
	size_t info_count;
	int64_t info_sum;
};

const char *
pain001_schema(enum pain_version version)
{
	return pain001_schemas[version];
}

const char *
pain001_version_name(enum pain_version version)
{
	return pain001_names[version];
}

void
pain001_add_to_sum(int64_t *sum, int64_t fen)
{
	if (__builtin_add_overflow(*sum, fen, sum))
		die(_("the control sum of the payment file overflows: split the batch"));
}

static void
flush(struct pain_writer *w)
{
	if (w->len > 0)
		w->sink.write(w->sink.context, w->buffer, w->len);
	w->len = 0;
}

static void
put(struct pain_writer *w, const char *data, size_t len)
{
	if (len > PAIN_BUFFER_SIZE - w->len) {
		flush(w);
		if (len > PAIN_BUFFER_SIZE) {
			w->sink.write(w->sink.context, data, len);
			return;
		}
	}
	memcpy(w->buffer + w->len, data, len);
	w->len += len;
}

static void
put_string(struct pain_writer *w, const char *s)
{
	put(w, s, strlen(s));
}

/* Write TEXT as element content, escaped as libxml2's serializer does:
   "<", ">", "&" and carriage return; everything else as it is. */
static void
put_escaped(struct pain_writer *w, const char *text)
{
	const char *run = text, *p;

	for (p = text; *p != '\0'; p++) {
		const char *entity;

		switch (*p) {
		case '<':
			entity = "&lt;";
			break;
		case '>':
			entity = "&gt;";
			break;
		case '&':
			entity = "&amp;";
			break;
		case '\r':
			entity = "&#13;";
			break;
		default:
			continue;
		}
		put(w, run, (size_t)(p - run));
		put_string(w, entity);
		run = p + 1;
	}
	put(w, run, (size_t)(p - run));
}

static void
indent(struct pain_writer *w, int depth)
{
	static const char spaces[] = "                                ";

	put(w, spaces, 2 * (size_t)depth);
}

/* Write the start tag of a container element on a line of its own. */
static void
start(struct pain_writer *w, int depth, const char *name)
{
	indent(w, depth);
	put(w, "<", 1);
	put_string(w, name);
	put(w, ">\n", 2);
}

static void
end(struct pain_writer *w, int depth, const char *name)
{
	indent(w, depth);
	put(w, "</", 2);
	put_string(w, name);
	put(w, ">\n", 2);
}

/* Write the element NAME holding TEXT on one line; an empty or missing
   TEXT gives an empty element, as a tree without a text node would. */
static void
text_element(struct pain_writer *w, int depth, const char *name,
    const char *text)
{
	indent(w, depth);
	put(w, "<", 1);
	put_string(w, name);
	if (text == NULL || text[0] == '\0') {
		put(w, "/>\n", 3);
		return;
	}
	put(w, ">", 1);
	put_escaped(w, text);
	put(w, "</", 2);
	put_string(w, name);
	put(w, ">\n", 2);
}

static void
amount_element(struct pain_writer *w, int depth, const char *name,
    int64_t fen)
{
	char buf[MONEY_BUFSIZE];

	text_element(w, depth, name, money_format(fen, buf));
}

static void
count_element(struct pain_writer *w, int depth, const char *name,
    size_t count)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%zu", count);
	text_element(w, depth, name, buf);
}

/* Write Id/Othr/Id: an account number that is not an IBAN. */
static void
account_element(struct pain_writer *w, int depth, const char *name,
    const char *number)
{
	start(w, depth, name);
	start(w, depth + 1, "Id");
	start(w, depth + 2, "Othr");
	text_element(w, depth + 3, "Id", number);
	end(w, depth + 2, "Othr");
	end(w, depth + 1, "Id");
	end(w, depth, name);
}

/* Write an agent identified by its CNAPS code in the clearing system. */
static void
agent_element(struct pain_writer *w, int depth, const char *name,
    const struct pain_account *account)
{
	start(w, depth, name);
	start(w, depth + 1, "FinInstnId");
	start(w, depth + 2, "ClrSysMmbId");
	start(w, depth + 3, "ClrSysId");
	text_element(w, depth + 4, w->clearing_proprietary ? "Prtry" : "Cd",
	    w->clearing_system);
	end(w, depth + 3, "ClrSysId");
	text_element(w, depth + 3, "MmbId", account->cnaps);
	end(w, depth + 2, "ClrSysMmbId");
	if (account->bank_name != NULL && account->bank_name[0] != '\0')
		text_element(w, depth + 2, "Nm", account->bank_name);
	end(w, depth + 1, "FinInstnId");
	end(w, depth, name);
}

static void
party_element(struct pain_writer *w, int depth, const char *name,
    const char *holder)
{
	start(w, depth, name);
	text_element(w, depth + 1, "Nm", holder);
	end(w, depth, name);
}

struct pain_writer *
pain001_writer_open(const struct pain_message *message, struct pain_sink sink)
{
	struct pain_writer *w = xcalloc(1, sizeof *w);
	char date[DATE_BUFSIZE], created[40];

	w->version = message->version;
	w->clearing_system = xstrdup(message->clearing_system);
	w->clearing_proprietary = message->clearing_proprietary;
	w->sink = sink;
	w->buffer = xmalloc(PAIN_BUFFER_SIZE);
	w->declared_count = message->ntransactions;
	w->declared_sum = message->control_sum;

	put_string(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	put_string(w, "<Document xmlns=\"");
	put_string(w, pain001_namespaces[message->version]);
	put_string(w, "\">\n");
	start(w, 1, "CstmrCdtTrfInitn");
	start(w, 2, "GrpHdr");
	text_element(w, 3, "MsgId", message->msg_id);
	/* Never the clock: the as-of date at midnight, China Standard Time. */
	snprintf(created, sizeof created, "%sT00:00:00+08:00",
	    date_format(message->creation_date, date));
	text_element(w, 3, "CreDtTm", created);
	count_element(w, 3, "NbOfTxs", message->ntransactions);
	amount_element(w, 3, "CtrlSum", message->control_sum);
	party_element(w, 3, "InitgPty", message->initiating_party);
	end(w, 2, "GrpHdr");
	return w;
}

/* Die unless the open PmtInf holds what it declared. */
static void
end_payment_info(struct pain_writer *w)
{
	if (!w->in_payment_info)
		return;
	if (w->info_count != w->info_declared_count ||
	    w->info_sum != w->info_declared_sum)
		die(_("internal error: the counts or control sums of the payment file do not match its transactions"));
	end(w, 2, "PmtInf");
	w->in_payment_info = 0;
}

void
pain001_writer_payment_info(struct pain_writer *w,
    const struct pain_payment_info *info)
{
	char date[DATE_BUFSIZE];

	end_payment_info(w);
	w->in_payment_info = 1;
	w->info_declared_count = info->ntransactions;
	w->info_declared_sum = info->control_sum;
	w->info_count = 0;
	w->info_sum = 0;

	start(w, 2, "PmtInf");
	text_element(w, 3, "PmtInfId", info->pmt_inf_id);
	text_element(w, 3, "PmtMtd", "TRF");
	count_element(w, 3, "NbOfTxs", info->ntransactions);
	amount_element(w, 3, "CtrlSum", info->control_sum);
	/* Version 09 wraps the date in a date-or-date-time choice. */
	date_format(info->execution_date, date);
	if (w->version == PAIN_001_001_09) {
		start(w, 3, "ReqdExctnDt");
		text_element(w, 4, "Dt", date);
		end(w, 3, "ReqdExctnDt");
	} else {
		text_element(w, 3, "ReqdExctnDt", date);
	}
	party_element(w, 3, "Dbtr", info->debtor.holder);
	account_element(w, 3, "DbtrAcct", info->debtor.number);
	agent_element(w, 3, "DbtrAgt", &info->debtor);
}

void
pain001_writer_transaction(struct pain_writer *w,
    const struct pain_transaction *tx)
{
	char buf[MONEY_BUFSIZE];

	if (!w->in_payment_info)
		die(_("internal error: a transaction written outside a payment information block"));
	w->info_count++;
	pain001_add_to_sum(&w->info_sum, tx->amount);
	w->count++;
	pain001_add_to_sum(&w->sum, tx->amount);

	start(w, 3, "CdtTrfTxInf");
	start(w, 4, "PmtId");
	text_element(w, 5, "EndToEndId", tx->end_to_end_id);
	end(w, 4, "PmtId");
	start(w, 4, "Amt");
	indent(w, 5);
	put_string(w, "<InstdAmt Ccy=\"CNY\">");
	put_string(w, money_format(tx->amount, buf));
	put_string(w, "</InstdAmt>\n");
	end(w, 4, "Amt");
	agent_element(w, 4, "CdtrAgt", &tx->creditor);
	party_element(w, 4, "Cdtr", tx->creditor.holder);
	account_element(w, 4, "CdtrAcct", tx->creditor.number);
	if (tx->remittance != NULL && tx->remittance[0] != '\0') {
		start(w, 4, "RmtInf");
		text_element(w, 5, "Ustrd", tx->remittance);
		end(w, 4, "RmtInf");
	}
	end(w, 3, "CdtTrfTxInf");
}

void
pain001_writer_close(struct pain_writer *w)
{
	end_payment_info(w);
	if (w->count != w->declared_count || w->sum != w->declared_sum)
		die(_("internal error: the counts or control sums of the payment file do not match its transactions"));
	end(w, 1, "CstmrCdtTrfInitn");
	put_string(w, "</Document>\n");
	flush(w);
	free(w->buffer);
	free(w->clearing_system);
	free(w);
}
