/*
 * ISO 20022 payment messages: building a pain.001 credit-transfer
 * initiation (version 001.001.03 or 001.001.09) as a libxml2 tree.
 */
#ifndef PFE_PAIN_H
#define PFE_PAIN_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

/* Max35Text: the length of MsgId, PmtInfId and EndToEndId. */
#define PAIN_ID_MAX 35

enum pain_version {
	PAIN_001_001_03,
	PAIN_001_001_09
};

/* An account with its holder and bank: the debtor or a creditor. */
struct pain_account {
	const char *holder;	/* Dbtr/Nm or Cdtr/Nm */
	const char *number;	/* DbtrAcct or CdtrAcct /Id/Othr/Id */
	const char *bank_name;	/* FinInstnId/Nm, or NULL */
	const char *cnaps;	/* FinInstnId/ClrSysMmbId/MmbId: 12 digits */
};

/* One CdtTrfTxInf. */
struct pain_transaction {
	const char *end_to_end_id;
	int64_t amount;		/* fen, > 0, in CNY */
	struct pain_account creditor;
	const char *remittance;	/* RmtInf/Ustrd, or NULL */
};

/* One PmtInf: the payments from one debtor account on one date. */
struct pain_payment_info {
	const char *pmt_inf_id;
	int32_t execution_date;	/* ReqdExctnDt, days since 1970-01-01 */
	struct pain_account debtor;
	const struct pain_transaction *transactions;
	size_t ntransactions;
};

struct pain_message {
	enum pain_version version;
	const char *msg_id;
	int32_t creation_date;	/* CreDtTm is midnight of it at +08:00 */
	const char *initiating_party;
	const char *clearing_system;	/* ClrSysId value, e.g. CNAPS */
	int clearing_proprietary;	/* 1: ClrSysId/Prtry, 0: ClrSysId/Cd */
	const struct pain_payment_info *payment_infos;
	size_t npayment_infos;
};

/*
 * Build the pain.001 document for MESSAGE. NbOfTxs and CtrlSum of the
 * group header and of each PmtInf are computed here from the
 * transactions, so they always agree with them. Amounts are written as
 * yuan with two decimals.
 */
xmlDocPtr pain001_build(const struct pain_message *message);

/* Return the schema file (relative to pfe's schema folder) of VERSION. */
const char *pain001_schema(enum pain_version version);

/* Return the version's name as in a bank profile ("001.001.03"). */
const char *pain001_version_name(enum pain_version version);

#endif
