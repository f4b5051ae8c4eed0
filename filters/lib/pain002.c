/*
 * Read pain.002 payment status reports: validate version 001.001.10
 * against its schema, check the structure of version 001.001.03 here,
 * then extract the original ids, counts, sums and statuses.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "err.h"
#include "pain002.h"
#include "pfe.h"
#include "xmlio.h"


#define NS_PAIN002_03 "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"
#define NS_PAIN002_10 "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"

/* One element a sequence may hold: MIN to MAX times (-1: unbounded). */
struct child_rule {
	const char *name;
	int min;
	int max;
};

/*
 * The parts of the pain.002.001.03 message (CustomerPaymentStatusReportV03)
 * that pfe reads, element by element in the order of the message
 * definition. Subtrees pfe does not read (parties, charges, original
 * transaction references) are accepted without a check.
 * NOTE: these rules follow the published V03 message structure; no
 * pain.002.001.03 schema file was at hand to compare them with.
 */
static const struct child_rule rules_document[] = {
	{ "CstmrPmtStsRpt", 1, 1 }
};
static const struct child_rule rules_report[] = {
	{ "GrpHdr", 1, 1 },
	{ "OrgnlGrpInfAndSts", 1, 1 },
	{ "OrgnlPmtInfAndSts", 0, -1 }
};
static const struct child_rule rules_group_header[] = {
	{ "MsgId", 1, 1 },
	{ "CreDtTm", 1, 1 },
	{ "InitgPty", 0, 1 },
	{ "FwdgAgt", 0, 1 },
	{ "DbtrAgt", 0, 1 },
	{ "CdtrAgt", 0, 1 }
};
static const struct child_rule rules_original_group[] = {
	{ "OrgnlMsgId", 1, 1 },
	{ "OrgnlMsgNmId", 1, 1 },
	{ "OrgnlCreDtTm", 0, 1 },
	{ "OrgnlNbOfTxs", 0, 1 },
	{ "OrgnlCtrlSum", 0, 1 },
	{ "GrpSts", 0, 1 },
	{ "StsRsnInf", 0, -1 },
	{ "NbOfTxsPerSts", 0, -1 }
};
static const struct child_rule rules_original_payment_info[] = {
	{ "OrgnlPmtInfId", 1, 1 },
	{ "OrgnlNbOfTxs", 0, 1 },
	{ "OrgnlCtrlSum", 0, 1 },
	{ "PmtInfSts", 0, 1 },
	{ "StsRsnInf", 0, -1 },
	{ "NbOfTxsPerSts", 0, -1 },
	{ "TxInfAndSts", 0, -1 }
};
static const struct child_rule rules_transaction[] = {
	{ "StsId", 0, 1 },
	{ "OrgnlInstrId", 0, 1 },
	{ "OrgnlEndToEndId", 0, 1 },
	{ "TxSts", 0, 1 },
	{ "StsRsnInf", 0, -1 },
	{ "ChrgsInf", 0, -1 },
	{ "AccptncDtTm", 0, 1 },
	{ "AcctSvcrRef", 0, 1 },
	{ "ClrSysRef", 0, 1 },
	{ "OrgnlTxRef", 0, 1 }
};
static const struct child_rule rules_status_reason[] = {
	{ "Orgtr", 0, 1 },
	{ "Rsn", 0, 1 },
	{ "AddtlInf", 0, -1 }
};

/* TransactionGroupStatus3Code and TransactionIndividualStatus3Code. */
static const char *const group_statuses_03[] = {
	"ACCP", "ACSC", "ACSP", "ACTC", "ACWC", "PART", "PDNG", "RCVD", "RJCT",
	NULL
};
static const char *const transaction_statuses_03[] = {
	"ACCP", "ACSC", "ACSP", "ACTC", "ACWC", "PDNG", "RJCT", NULL
};

#define NRULES(rules) (sizeof rules / sizeof rules[0])

/* Die unless a rule between FROM and TO (exclusive) may be absent. */
static void
require_skipped_optional(const char *path, const xmlNode *parent,
    const struct child_rule *rules, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (rules[i].min > 0)
			die_at(path, xml_line(parent),
			    _("missing element '%s' in '%s'"), rules[i].name,
			    (const char *)parent->name);
}

/*
 * Check that the element children of PARENT follow RULES: known names
 * only, in order, each within its count. Dies naming the element.
 */
static void
check_sequence(const char *path, const xmlNode *parent,
    const struct child_rule *rules, size_t nrules)
{
	size_t position = 0, k;
	int count = 0;
	xmlNodePtr child;

	for (child = xml_first_element(parent); child != NULL;
	    child = xml_next_element(child)) {
		for (k = position; k < nrules; k++)
			if (xml_is(child, rules[k].name))
				break;
		if (k == nrules)
			die_at(path, xml_line(child),
			    _("unexpected element '%s' in '%s': unknown, repeated or out of order"),
			    (const char *)child->name,
			    (const char *)parent->name);
		if (k == position) {
			count++;
		} else {
			if (count < rules[position].min)
				require_skipped_optional(path, parent, rules,
				    position, position + 1);
			require_skipped_optional(path, parent, rules,
			    position + 1, k);
			position = k;
			count = 1;
		}
		if (rules[k].max >= 0 && count > rules[k].max)
			die_at(path, xml_line(child),
			    _("element '%s' appears more than %d times in '%s'"),
			    rules[k].name, rules[k].max,
			    (const char *)parent->name);
	}
	if (count < rules[position].min)
		require_skipped_optional(path, parent, rules, position,
		    position + 1);
	require_skipped_optional(path, parent, rules, position + 1, nrules);
}

/* Return the first child element of NODE named NAME, or NULL. */
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

/* Return the text of NODE's child NAME, or NULL when there is none. */
static char *
child_text(const xmlNode *node, const char *name)
{
	xmlNodePtr child = child_named(node, name);

	return child != NULL ? xml_text(child) : NULL;
}

static int
in_list(const char *value, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(value, *list) == 0)
			return 1;
	return 0;
}

/* Die unless the status in NODE is one of the version 03 CODES. */
static void
check_status_03(const char *path, const xmlNode *node,
    const char *const *codes)
{
	char *status = xml_text(node);

	if (!in_list(status, codes))
		die_at(path, xml_line(node),
		    _("invalid status '%s' in '%s': not a pain.002.001.03 status code"),
		    status, (const char *)node->name);
	free(status);
}

/* Check one StsRsnInf of a version 03 report. */
static void
check_status_reason_03(const char *path, const xmlNode *node)
{
	xmlNodePtr reason, choice;
	char *code;

	check_sequence(path, node, rules_status_reason,
	    NRULES(rules_status_reason));
	reason = child_named(node, "Rsn");
	if (reason == NULL)
		return;
	choice = xml_first_element(reason);
	if (choice == NULL || (!xml_is(choice, "Cd") && !xml_is(choice, "Prtry"))
	    || xml_next_element(choice) != NULL)
		die_at(path, xml_line(reason),
		    _("invalid element 'Rsn': expected one 'Cd' or 'Prtry'"));
	code = xml_text(choice);
	if (code[0] == '\0' || strlen(code) > (xml_is(choice, "Cd") ? 4 : 35))
		die_at(path, xml_line(choice),
		    _("invalid reason code '%s': expected 1 to 4 characters in 'Cd', 35 in 'Prtry'"),
		    code);
	free(code);
}

static void
check_reasons_03(const char *path, const xmlNode *node)
{
	xmlNodePtr child;

	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child))
		if (xml_is(child, "StsRsnInf"))
			check_status_reason_03(path, child);
}

/* Check the structure of a pain.002.001.03 document below ROOT. */
static void
check_structure_03(const char *path, const xmlNode *root)
{
	xmlNodePtr report, group, info, tx, node;

	check_sequence(path, root, rules_document, NRULES(rules_document));
	report = child_named(root, "CstmrPmtStsRpt");
	check_sequence(path, report, rules_report, NRULES(rules_report));
	check_sequence(path, child_named(report, "GrpHdr"),
	    rules_group_header, NRULES(rules_group_header));
	group = child_named(report, "OrgnlGrpInfAndSts");
	check_sequence(path, group, rules_original_group,
	    NRULES(rules_original_group));
	if ((node = child_named(group, "GrpSts")) != NULL)
		check_status_03(path, node, group_statuses_03);
	check_reasons_03(path, group);

	for (info = xml_first_element(report); info != NULL;
	    info = xml_next_element(info)) {
		if (!xml_is(info, "OrgnlPmtInfAndSts"))
			continue;
		check_sequence(path, info, rules_original_payment_info,
		    NRULES(rules_original_payment_info));
		if ((node = child_named(info, "PmtInfSts")) != NULL)
			check_status_03(path, node, group_statuses_03);
		check_reasons_03(path, info);
		for (tx = xml_first_element(info); tx != NULL;
		    tx = xml_next_element(tx)) {
			if (!xml_is(tx, "TxInfAndSts"))
				continue;
			check_sequence(path, tx, rules_transaction,
			    NRULES(rules_transaction));
			if ((node = child_named(tx, "TxSts")) != NULL)
				check_status_03(path, node,
				    transaction_statuses_03);
			check_reasons_03(path, tx);
		}
	}
}

/*
 * Return the StsRsnInf children of NODE as one text: each reason code
 * followed by its additional texts, reasons joined by "; ". NULL when
 * there is none.
 */
static char *
collect_reasons(const xmlNode *node)
{
	char *text = NULL, *joined, *part;
	xmlNodePtr reason, child;

	for (reason = xml_first_element(node); reason != NULL;
	    reason = xml_next_element(reason)) {
		if (!xml_is(reason, "StsRsnInf"))
			continue;
		part = NULL;
		for (child = xml_first_element(reason); child != NULL;
		    child = xml_next_element(child)) {
			char *value;

			if (xml_is(child, "Rsn"))
				value = xml_text(xml_first_element(child));
			else if (xml_is(child, "AddtlInf"))
				value = xml_text(child);
			else
				continue;
			joined = part == NULL ? xstrdup(value) :
			    xasprintf("%s %s", part, value);
			free(part);
			free(value);
			part = joined;
		}
		if (part == NULL)
			continue;
		joined = text == NULL ? xstrdup(part) :
		    xasprintf("%s; %s", text, part);
		free(text);
		free(part);
		text = joined;
	}
	return text;
}

static void
read_transaction(const char *path, const xmlNode *node,
    struct pain002_transaction *tx)
{
	tx->line = xml_line(node);
	tx->end_to_end_id = child_text(node, "OrgnlEndToEndId");
	if (tx->end_to_end_id == NULL)
		die_at(path, tx->line,
		    _("missing element 'OrgnlEndToEndId' in 'TxInfAndSts': pfe matches transactions by end-to-end id"));
	tx->status = child_text(node, "TxSts");
	tx->reason = collect_reasons(node);
}

static void
read_payment_info(const char *path, const xmlNode *node,
    struct pain002_payment_info *info)
{
	xmlNodePtr child;

	info->line = xml_line(node);
	info->pmt_inf_id = child_text(node, "OrgnlPmtInfId");
	info->count = child_text(node, "OrgnlNbOfTxs");
	info->sum = child_text(node, "OrgnlCtrlSum");
	info->status = child_text(node, "PmtInfSts");
	info->reason = collect_reasons(node);
	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child)) {
		if (!xml_is(child, "TxInfAndSts"))
			continue;
		info->transactions = xreallocarray(info->transactions,
		    info->ntransactions + 1, sizeof *info->transactions);
		memset(&info->transactions[info->ntransactions], 0,
		    sizeof *info->transactions);
		read_transaction(path, child,
		    &info->transactions[info->ntransactions++]);
	}
}

struct pain002_report *
pain002_read(const char *path)
{
	struct pain002_report *report;
	xmlDocPtr doc;
	xmlNodePtr root, body, group, child;
	const char *ns;

	doc = xml_read(path, NULL, XML_MAX_INPUT);
	if (doc == NULL)
		die(_("cannot read status report '%s'"), path);
	root = xmlDocGetRootElement(doc);
	ns = root != NULL && root->ns != NULL ? (const char *)root->ns->href :
	    "";
	report = xcalloc(1, sizeof *report);
	report->path = xstrdup(path);
	if (xml_is(root, "Document") && strcmp(ns, NS_PAIN002_10) == 0) {
		report->version = PAIN_002_001_10;
		if (xml_validate(doc, path, "iso20022/pain.002.001.10.xsd") != 0)
			die(_("invalid status report '%s': see the errors above"),
			    path);
	} else if (xml_is(root, "Document") && strcmp(ns, NS_PAIN002_03) == 0) {
		report->version = PAIN_002_001_03;
		check_structure_03(path, root);
	} else {
		die_at(path, xml_line(root),
		    _("unsupported document '%s' in namespace '%s': expected a pain.002.001.03 or pain.002.001.10 status report"),
		    root != NULL ? (const char *)root->name : "", ns);
	}

	body = child_named(root, "CstmrPmtStsRpt");
	report->msg_id = child_text(child_named(body, "GrpHdr"), "MsgId");
	group = child_named(body, "OrgnlGrpInfAndSts");
	report->line = xml_line(group);
	report->original_msg_id = child_text(group, "OrgnlMsgId");
	report->original_msg_name = child_text(group, "OrgnlMsgNmId");
	report->count = child_text(group, "OrgnlNbOfTxs");
	report->sum = child_text(group, "OrgnlCtrlSum");
	report->status = child_text(group, "GrpSts");
	report->reason = collect_reasons(group);
	for (child = xml_first_element(body); child != NULL;
	    child = xml_next_element(child)) {
		if (!xml_is(child, "OrgnlPmtInfAndSts"))
			continue;
		report->infos = xreallocarray(report->infos, report->ninfos + 1,
		    sizeof *report->infos);
		memset(&report->infos[report->ninfos], 0,
		    sizeof *report->infos);
		read_payment_info(path, child, &report->infos[report->ninfos++]);
	}
	xmlFreeDoc(doc);
	return report;
}

void
pain002_free(struct pain002_report *report)
{
	size_t i, j;

	if (report == NULL)
		return;
	for (i = 0; i < report->ninfos; i++) {
		struct pain002_payment_info *info = &report->infos[i];

		for (j = 0; j < info->ntransactions; j++) {
			free(info->transactions[j].end_to_end_id);
			free(info->transactions[j].status);
			free(info->transactions[j].reason);
		}
		free(info->transactions);
		free(info->pmt_inf_id);
		free(info->count);
		free(info->sum);
		free(info->status);
		free(info->reason);
	}
	free(report->infos);
	free(report->path);
	free(report->msg_id);
	free(report->original_msg_id);
	free(report->original_msg_name);
	free(report->count);
	free(report->sum);
	free(report->status);
	free(report->reason);
	free(report);
}
