/*
 * ISO 20022 payment status reports (pain.002): reading version
 * 001.001.10, validated against its official schema, and version
 * 001.001.03, whose structure is checked here because no generic schema
 * for it is at hand.
 */
#ifndef PFE_PAIN002_H
#define PFE_PAIN002_H

#include <stddef.h>

enum pain002_version {
	PAIN_002_001_03,
	PAIN_002_001_10
};

/* One TxInfAndSts. */
struct pain002_transaction {
	char *end_to_end_id;	/* OrgnlEndToEndId */
	char *status;		/* TxSts, or NULL when not given */
	char *reason;		/* StsRsnInf: code and texts, or NULL */
	long line;
};

/* One OrgnlPmtInfAndSts. */
struct pain002_payment_info {
	char *pmt_inf_id;	/* OrgnlPmtInfId */
	char *count;		/* OrgnlNbOfTxs, or NULL */
	char *sum;		/* OrgnlCtrlSum, or NULL */
	char *status;		/* PmtInfSts, or NULL */
	char *reason;
	struct pain002_transaction *transactions;
	size_t ntransactions;
	long line;
};

struct pain002_report {
	char *path;
	enum pain002_version version;
	char *msg_id;		/* GrpHdr/MsgId of the report */
	char *original_msg_id;	/* OrgnlGrpInfAndSts/OrgnlMsgId */
	char *original_msg_name;	/* OrgnlMsgNmId, e.g. pain.001.001.03 */
	char *count;		/* OrgnlNbOfTxs, or NULL */
	char *sum;		/* OrgnlCtrlSum, or NULL */
	char *status;		/* GrpSts, or NULL */
	char *reason;
	struct pain002_payment_info *infos;
	size_t ninfos;
	long line;		/* line of OrgnlGrpInfAndSts */
};

/*
 * Read the status report at PATH. Version 001.001.10 must be valid
 * against schemas/iso20022/pain.002.001.10.xsd. Version 001.001.03 must
 * have the elements pfe reads, in the message's order, with status
 * codes from its code lists. Every TxInfAndSts must carry an
 * OrgnlEndToEndId. Dies naming the file and line on any error.
 */
struct pain002_report *pain002_read(const char *path);
void pain002_free(struct pain002_report *report);

#endif
