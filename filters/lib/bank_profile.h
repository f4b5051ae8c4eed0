/*
 * Bank profiles (bank-profile.xml, schema bank-profile.xsd), and the
 * text rules a bank applies: byte limits counted in the bank's
 * encoding, text cut at whole characters, conversion to GB18030.
 */
#ifndef PFE_BANK_PROFILE_H
#define PFE_BANK_PROFILE_H

#include <stddef.h>

#include "pain.h"

enum bank_encoding {
	BANK_ENCODING_UTF8,
	BANK_ENCODING_GB18030
};

struct bank_debtor_account {
	char *id;		/* profile id, e.g. industry-fund */
	struct pain_account account;	/* holder, number, bank, CNAPS */
	char **items;		/* items it pays; NULL for the default */
	size_t nitems;
};

struct bank_purpose {
	char *item;		/* NULL for the default purpose */
	char *text;
};

struct bank_profile {
	char *path;
	char *initiating_party;
	char *message_prefix;	/* [A-Z][A-Z0-9]{0,7} */
	enum pain_version version;
	int execution_lag_days;
	char *clearing_system;	/* ClrSysId value, default CNAPS */
	int clearing_proprietary;
	struct bank_debtor_account *accounts;
	size_t naccounts;
	enum bank_encoding limit_encoding;
	size_t name_bytes;	/* creditor name limit */
	size_t purpose_bytes;	/* purpose limit */
	size_t bank_name_bytes;	/* creditor bank name: cut to this */
	struct bank_purpose *purposes;
	size_t npurposes;
	enum bank_encoding csv_encoding;
};

/*
 * Load PATH and validate it against bank-profile.xsd, then check what
 * the schema cannot: one default debtor account and purpose at most, no
 * item paid from two accounts, debtor names within the limits. Dies
 * naming the file (and the line, for schema errors) on any error.
 */
struct bank_profile *bank_profile_load(const char *path);
void bank_profile_free(struct bank_profile *profile);

/* Return the debtor account that pays ITEM, or NULL when none does. */
const struct bank_debtor_account *bank_profile_debtor(
    const struct bank_profile *profile, const char *item);

/* Return the purpose text for ITEM, or NULL when none is set. */
const char *bank_profile_purpose(const struct bank_profile *profile,
    const char *item);

/* Return the encoding's name ("GB18030"). */
const char *bank_encoding_name(enum bank_encoding encoding);

/* Return the length in bytes of the UTF-8 text S in ENCODING. */
size_t bank_text_bytes(const char *s, enum bank_encoding encoding);

/*
 * Return a newly allocated copy of the UTF-8 text S cut at a whole
 * character so that it takes at most MAX_BYTES in ENCODING.
 */
char *bank_text_cut(const char *s, enum bank_encoding encoding,
    size_t max_bytes);

/*
 * Convert the LEN bytes of UTF-8 at S to ENCODING into a newly allocated
 * buffer; sets *OUT_LEN. Dies when S is not valid UTF-8.
 */
char *bank_text_convert(const char *s, size_t len,
    enum bank_encoding encoding, size_t *out_len);

#endif
