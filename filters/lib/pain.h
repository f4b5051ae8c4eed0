/*
 * ISO 20022 payment messages: writing a pain.001 credit-transfer
 * initiation (version 001.001.03 or 001.001.09) as a stream of bytes.
 */
#ifndef PFE_PAIN_H
#define PFE_PAIN_H

#include <stddef.h>
#include <stdint.h>

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
	size_t ntransactions;	/* NbOfTxs: transactions that follow */
	int64_t control_sum;	/* CtrlSum, fen: the sum of their amounts */
};

/* The group header of a message and what it declares of the whole. */
struct pain_message {
	enum pain_version version;
	const char *msg_id;
	int32_t creation_date;	/* CreDtTm is midnight of it at +08:00 */
	const char *initiating_party;
	const char *clearing_system;	/* ClrSysId value, e.g. CNAPS */
	int clearing_proprietary;	/* 1: ClrSysId/Prtry, 0: ClrSysId/Cd */
	size_t ntransactions;	/* NbOfTxs of the whole message */
	int64_t control_sum;	/* CtrlSum of the whole message, fen */
};

/* The destination of a writer's bytes, in document order. */
struct pain_sink {
	void (*write)(void *context, const char *data, size_t len);
	void *context;
};

struct pain_writer;

/*
 * Start writing the pain.001 document of MESSAGE to SINK: the XML
 * declaration and the group header. The document is written as it goes,
 * indented like libxml2's formatted output, and is never held whole.
 */
struct pain_writer *pain001_writer_open(const struct pain_message *message,
    struct pain_sink sink);

/* Start the PmtInf INFO, ending the one before it. */
void pain001_writer_payment_info(struct pain_writer *writer,
    const struct pain_payment_info *info);

/* Write one CdtTrfTxInf into the current PmtInf. Amounts are written as
   yuan with two decimals. */
void pain001_writer_transaction(struct pain_writer *writer,
    const struct pain_transaction *tx);

/*
 * End the document, pass the last bytes to the sink and free WRITER.
 * Dies when the transactions written do not add up to the counts and
 * control sums declared in the message and its PmtInf elements, so a
 * file never states totals that disagree with its content.
 */
void pain001_writer_close(struct pain_writer *writer);

/* Add FEN to *SUM, or die: a control sum must fit in 64 bits. */
void pain001_add_to_sum(int64_t *sum, int64_t fen);

/* Return the schema file (relative to pfe's schema folder) of VERSION. */
const char *pain001_schema(enum pain_version version);

/* Return the version's name as in a bank profile ("001.001.03"). */
const char *pain001_version_name(enum pain_version version);

#endif
