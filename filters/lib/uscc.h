/*
 * Unified social credit codes (GB 32100-2015): 18 characters from a
 * 31-character set, the GB 11714 check of the organization code in
 * positions 9-17, the mod-31 check character at position 18, and a
 * registration-authority division code in positions 3-8.
 */
#ifndef PFE_USCC_H
#define PFE_USCC_H

#define USCC_LEN 18

enum uscc_status {
	USCC_VALID,
	USCC_BAD_LENGTH,	/* not 18 characters */
	USCC_BAD_CHARACTER,	/* outside the 31-character set (I O Z S V) */
	USCC_CITIZEN_ID,	/* looks like an 18-digit citizen ID number */
	USCC_BAD_ORG_CHECK,	/* GB 11714 check (position 17) wrong */
	USCC_BAD_CHECK,		/* mod-31 check (position 18) wrong */
	USCC_UNKNOWN_DIVISION	/* positions 3-8 name no known division */
};

struct uscc_result {
	enum uscc_status status;
	char expected;		/* the right check character, when the
				   status is a check failure */
	int position;		/* 1-based position of a bad character */
};

/*
 * Return the mod-31 check character (position 18) for the first 17
 * characters of a code, or 0 when one of them is outside the set.
 */
char uscc_check_char(const char *first17);

/*
 * Return the GB 11714 check character (0-9 or X) for the 8-character
 * organization code body, or 0 when a character is invalid.
 */
char uscc_org_check_char(const char *body8);

#endif
