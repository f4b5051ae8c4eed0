/*
 * Build ISO 20022 pain.001 credit-transfer initiations with libxml2's
 * tree API, in the element order of the official schemas.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "date.h"
#include "err.h"
#include "money.h"
#include "pain.h"
#include "pfe.h"

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

/* Add an element NAME with text TEXT (escaped by libxml2) under PARENT. */
static xmlNodePtr
add_text(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr node = xmlNewChild(parent, NULL, BAD_CAST name, NULL);

	if (node == NULL)
		die(_("out of memory"));
	if (text != NULL)
		xmlNodeAddContent(node, BAD_CAST text);
	return node;
}

static xmlNodePtr
add_element(xmlNodePtr parent, const char *name)
{
	return add_text(parent, name, NULL);
}

static void
add_amount(xmlNodePtr parent, const char *name, int64_t fen)
{
	char buf[MONEY_BUFSIZE];

	add_text(parent, name, money_format(fen, buf));
}

static void
add_count(xmlNodePtr parent, const char *name, size_t count)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%zu", count);
	add_text(parent, name, buf);
}

/* Add Id/Othr/Id: an account number that is not an IBAN. */
static void
add_account(xmlNodePtr parent, const char *name, const char *number)
{
	xmlNodePtr account = add_element(parent, name);
	xmlNodePtr id = add_element(account, "Id");
	xmlNodePtr other = add_element(id, "Othr");

	add_text(other, "Id", number);
}

/* Add an agent identified by its CNAPS code in the clearing system. */
static void
add_agent(xmlNodePtr parent, const char *name,
    const struct pain_message *message, const struct pain_account *account)
{
	xmlNodePtr agent = add_element(parent, name);
	xmlNodePtr institution = add_element(agent, "FinInstnId");
	xmlNodePtr member = add_element(institution, "ClrSysMmbId");
	xmlNodePtr system = add_element(member, "ClrSysId");

	add_text(system, message->clearing_proprietary ? "Prtry" : "Cd",
	    message->clearing_system);
	add_text(member, "MmbId", account->cnaps);
	if (account->bank_name != NULL && account->bank_name[0] != '\0')
		add_text(institution, "Nm", account->bank_name);
}

static void
add_party(xmlNodePtr parent, const char *name, const char *holder)
{
	xmlNodePtr party = add_element(parent, name);

	add_text(party, "Nm", holder);
}

static void
add_transaction(xmlNodePtr parent, const struct pain_message *message,
    const struct pain_transaction *tx)
{
	xmlNodePtr node = add_element(parent, "CdtTrfTxInf");
	xmlNodePtr id = add_element(node, "PmtId");
	xmlNodePtr amount = add_element(node, "Amt");
	xmlNodePtr instructed;
	char buf[MONEY_BUFSIZE];

	add_text(id, "EndToEndId", tx->end_to_end_id);
	instructed = add_text(amount, "InstdAmt", money_format(tx->amount, buf));
	xmlNewProp(instructed, BAD_CAST "Ccy", BAD_CAST "CNY");
	add_agent(node, "CdtrAgt", message, &tx->creditor);
	add_party(node, "Cdtr", tx->creditor.holder);
	add_account(node, "CdtrAcct", tx->creditor.number);
	if (tx->remittance != NULL && tx->remittance[0] != '\0') {
		xmlNodePtr remittance = add_element(node, "RmtInf");

		add_text(remittance, "Ustrd", tx->remittance);
	}
}

/* Add FEN to *SUM or die: a batch total must fit in 64 bits. */
static void
add_to_sum(int64_t *sum, int64_t fen)
{
	if (__builtin_add_overflow(*sum, fen, sum))
		die(_("the control sum of the payment file overflows: split the batch"));
}

static void
add_payment_info(xmlNodePtr parent, const struct pain_message *message,
    const struct pain_payment_info *info)
{
	xmlNodePtr node = add_element(parent, "PmtInf");
	xmlNodePtr date_parent;
	char date[DATE_BUFSIZE];
	int64_t sum = 0;
	size_t i;

	for (i = 0; i < info->ntransactions; i++)
		add_to_sum(&sum, info->transactions[i].amount);

	add_text(node, "PmtInfId", info->pmt_inf_id);
	add_text(node, "PmtMtd", "TRF");
	add_count(node, "NbOfTxs", info->ntransactions);
	add_amount(node, "CtrlSum", sum);
	/* Version 09 wraps the date in a date-or-date-time choice. */
	date_format(info->execution_date, date);
	if (message->version == PAIN_001_001_09) {
		date_parent = add_element(node, "ReqdExctnDt");
		add_text(date_parent, "Dt", date);
	} else {
		add_text(node, "ReqdExctnDt", date);
	}
	add_party(node, "Dbtr", info->debtor.holder);
	add_account(node, "DbtrAcct", info->debtor.number);
	add_agent(node, "DbtrAgt", message, &info->debtor);
	for (i = 0; i < info->ntransactions; i++)
		add_transaction(node, message, &info->transactions[i]);
}

xmlDocPtr
pain001_build(const struct pain_message *message)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root, body, header;
	xmlNsPtr ns;
	char date[DATE_BUFSIZE], created[40];
	int64_t sum = 0;
	size_t count = 0, i, j;

	if (doc == NULL)
		die(_("out of memory"));
	root = xmlNewNode(NULL, BAD_CAST "Document");
	ns = xmlNewNs(root, BAD_CAST pain001_namespaces[message->version],
	    NULL);
	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	body = add_element(root, "CstmrCdtTrfInitn");

	for (i = 0; i < message->npayment_infos; i++) {
		const struct pain_payment_info *info =
		    &message->payment_infos[i];

		count += info->ntransactions;
		for (j = 0; j < info->ntransactions; j++)
			add_to_sum(&sum, info->transactions[j].amount);
	}

	header = add_element(body, "GrpHdr");
	add_text(header, "MsgId", message->msg_id);
	/* Never the clock: the as-of date at midnight, China Standard Time. */
	snprintf(created, sizeof created, "%sT00:00:00+08:00",
	    date_format(message->creation_date, date));
	add_text(header, "CreDtTm", created);
	add_count(header, "NbOfTxs", count);
	add_amount(header, "CtrlSum", sum);
	add_party(header, "InitgPty", message->initiating_party);

	for (i = 0; i < message->npayment_infos; i++)
		add_payment_info(body, message, &message->payment_infos[i]);
	return doc;
}
