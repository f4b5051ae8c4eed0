/*
 * Write ISO 20022 pain.001 credit-transfer initiations as a stream of
 * bytes, in the element order of the official schemas. The layout is
 * that of libxml2's formatted output (two spaces per level), and no file
 * or tree of it is ever held in memory.
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
flush(struct pain_writer *writer)
{
	if (writer->len > 0)
		writer->sink.write(writer->sink.context, writer->buffer,
		    writer->len);
	writer->len = 0;
}

static void
put(struct pain_writer *writer, const char *data, size_t len)
{
	if (len > PAIN_BUFFER_SIZE - writer->len) {
		flush(writer);
		if (len > PAIN_BUFFER_SIZE) {
			writer->sink.write(writer->sink.context, data, len);
			return;
		}
	}
	memcpy(writer->buffer + writer->len, data, len);
	writer->len += len;
}

static void
put_string(struct pain_writer *writer, const char *s)
{
	put(writer, s, strlen(s));
}

/* Write TEXT as element content, escaped as libxml2's serializer does:
   "<", ">", "&" and carriage return; everything else as it is. */
static void
put_escaped(struct pain_writer *writer, const char *text)
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
		put(writer, run, (size_t)(p - run));
		put_string(writer, entity);
		run = p + 1;
	}
	put(writer, run, (size_t)(p - run));
}

static void
indent(struct pain_writer *writer, int depth)
{
	static const char spaces[] = "                                ";

	put(writer, spaces, 2 * (size_t)depth);
}

/* Write the start tag of a container element on a line of its own. */
static void
start(struct pain_writer *writer, int depth, const char *name)
{
	indent(writer, depth);
	put(writer, "<", 1);
	put_string(writer, name);
	put(writer, ">\n", 2);
}

static void
end(struct pain_writer *writer, int depth, const char *name)
{
	indent(writer, depth);
	put(writer, "</", 2);
	put_string(writer, name);
	put(writer, ">\n", 2);
}

/* Write the element NAME with content TEXT on one line. An empty or
   missing TEXT gives an empty element, as a tree without text would. */
static void
text_element(struct pain_writer *writer, int depth, const char *name,
    const char *text)
{
	indent(writer, depth);
	put(writer, "<", 1);
	put_string(writer, name);
	if (text == NULL || text[0] == '\0') {
		put(writer, "/>\n", 3);
		return;
	}
	put(writer, ">", 1);
	put_escaped(writer, text);
	put(writer, "</", 2);
	put_string(writer, name);
	put(writer, ">\n", 2);
}

static void
amount_element(struct pain_writer *writer, int depth, const char *name,
    int64_t fen)
{
	char buf[MONEY_BUFSIZE];

	text_element(writer, depth, name, money_format(fen, buf));
}

static void
count_element(struct pain_writer *writer, int depth, const char *name,
    size_t count)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%zu", count);
	text_element(writer, depth, name, buf);
}

/* Write Id/Othr/Id: an account number that is not an IBAN. */
static void
account_element(struct pain_writer *writer, int depth, const char *name,
    const char *number)
{
	start(writer, depth, name);
	start(writer, depth + 1, "Id");
	start(writer, depth + 2, "Othr");
	text_element(writer, depth + 3, "Id", number);
	end(writer, depth + 2, "Othr");
	end(writer, depth + 1, "Id");
	end(writer, depth, name);
}

/* Write an agent identified by its CNAPS code in the clearing system. */
static void
agent_element(struct pain_writer *writer, int depth, const char *name,
    const struct pain_account *account)
{
	start(writer, depth, name);
	start(writer, depth + 1, "FinInstnId");
	start(writer, depth + 2, "ClrSysMmbId");
	start(writer, depth + 3, "ClrSysId");
	text_element(writer, depth + 4,
	    writer->clearing_proprietary ? "Prtry" : "Cd",
	    writer->clearing_system);
	end(writer, depth + 3, "ClrSysId");
	text_element(writer, depth + 3, "MmbId", account->cnaps);
	end(writer, depth + 2, "ClrSysMmbId");
	if (account->bank_name != NULL && account->bank_name[0] != '\0')
		text_element(writer, depth + 2, "Nm", account->bank_name);
	end(writer, depth + 1, "FinInstnId");
	end(writer, depth, name);
}

static void
party_element(struct pain_writer *writer, int depth, const char *name,
    const char *holder)
{
	start(writer, depth, name);
	text_element(writer, depth + 1, "Nm", holder);
	end(writer, depth, name);
}

struct pain_writer *
pain001_writer_open(const struct pain_message *message, struct pain_sink sink)
{
	struct pain_writer *writer = xcalloc(1, sizeof *writer);
	char date[DATE_BUFSIZE], created[40];

	writer->version = message->version;
	writer->clearing_system = xstrdup(message->clearing_system);
	writer->clearing_proprietary = message->clearing_proprietary;
	writer->sink = sink;
	writer->buffer = xmalloc(PAIN_BUFFER_SIZE);
	writer->declared_count = message->ntransactions;
	writer->declared_sum = message->control_sum;

	put_string(writer, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	put_string(writer, "<Document xmlns=\"");
	put_string(writer, pain001_namespaces[message->version]);
	put_string(writer, "\">\n");
	start(writer, 1, "CstmrCdtTrfInitn");
	start(writer, 2, "GrpHdr");
	text_element(writer, 3, "MsgId", message->msg_id);
	/* Never the clock: the as-of date at midnight, China Standard Time. */
	snprintf(created, sizeof created, "%sT00:00:00+08:00",
	    date_format(message->creation_date, date));
	text_element(writer, 3, "CreDtTm", created);
	count_element(writer, 3, "NbOfTxs", message->ntransactions);
	amount_element(writer, 3, "CtrlSum", message->control_sum);
	party_element(writer, 3, "InitgPty", message->initiating_party);
	end(writer, 2, "GrpHdr");
	return writer;
}

/* End the open PmtInf, or die when its content differs from its
   declared count and sum. */
static void
end_payment_info(struct pain_writer *writer)
{
	if (!writer->in_payment_info)
		return;
	if (writer->info_count != writer->info_declared_count ||
	    writer->info_sum != writer->info_declared_sum)
		die(_("internal error: the counts or control sums of the payment file do not match its transactions"));
	end(writer, 2, "PmtInf");
	writer->in_payment_info = 0;
}

void
pain001_writer_payment_info(struct pain_writer *writer,
    const struct pain_payment_info *info)
{
	char date[DATE_BUFSIZE];

	end_payment_info(writer);
	writer->in_payment_info = 1;
	writer->info_declared_count = info->ntransactions;
	writer->info_declared_sum = info->control_sum;
	writer->info_count = 0;
	writer->info_sum = 0;

	start(writer, 2, "PmtInf");
	text_element(writer, 3, "PmtInfId", info->pmt_inf_id);
	text_element(writer, 3, "PmtMtd", "TRF");
	count_element(writer, 3, "NbOfTxs", info->ntransactions);
	amount_element(writer, 3, "CtrlSum", info->control_sum);
	/* Version 09 wraps the date in a date-or-date-time choice. */
	date_format(info->execution_date, date);
	if (writer->version == PAIN_001_001_09) {
		start(writer, 3, "ReqdExctnDt");
		text_element(writer, 4, "Dt", date);
		end(writer, 3, "ReqdExctnDt");
	} else {
		text_element(writer, 3, "ReqdExctnDt", date);
	}
	party_element(writer, 3, "Dbtr", info->debtor.holder);
	account_element(writer, 3, "DbtrAcct", info->debtor.number);
	agent_element(writer, 3, "DbtrAgt", &info->debtor);
}

void
pain001_writer_transaction(struct pain_writer *writer,
    const struct pain_transaction *tx)
{
	char buf[MONEY_BUFSIZE];

	if (!writer->in_payment_info)
		die(_("internal error: a transaction written outside a payment information block"));
	writer->info_count++;
	pain001_add_to_sum(&writer->info_sum, tx->amount);
	writer->count++;
	pain001_add_to_sum(&writer->sum, tx->amount);

	start(writer, 3, "CdtTrfTxInf");
	start(writer, 4, "PmtId");
	text_element(writer, 5, "EndToEndId", tx->end_to_end_id);
	end(writer, 4, "PmtId");
	start(writer, 4, "Amt");
	indent(writer, 5);
	put_string(writer, "<InstdAmt Ccy=\"CNY\">");
	put_string(writer, money_format(tx->amount, buf));
	put_string(writer, "</InstdAmt>\n");
	end(writer, 4, "Amt");
	agent_element(writer, 4, "CdtrAgt", &tx->creditor);
	party_element(writer, 4, "Cdtr", tx->creditor.holder);
	account_element(writer, 4, "CdtrAcct", tx->creditor.number);
	if (tx->remittance != NULL && tx->remittance[0] != '\0') {
		start(writer, 4, "RmtInf");
		text_element(writer, 5, "Ustrd", tx->remittance);
		end(writer, 4, "RmtInf");
	}
	end(writer, 3, "CdtTrfTxInf");
}

void
pain001_writer_close(struct pain_writer *writer)
{
	end_payment_info(writer);
	if (writer->count != writer->declared_count ||
	    writer->sum != writer->declared_sum)
		die(_("internal error: the counts or control sums of the payment file do not match its transactions"));
	end(writer, 1, "CstmrCdtTrfInitn");
	put_string(writer, "</Document>\n");
	flush(writer);
	free(writer->buffer);
	free(writer->clearing_system);
	free(writer);
}
