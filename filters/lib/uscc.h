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
	USCC_UNKNOWN_DIVISION,	/* positions 3-8 name no known division */
	USCC_BAD_AUTHORITY,	/* position 1 is no registration authority */
	USCC_BAD_TYPE		/* position 2 is no organization type of
				   the authority at position 1 */
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

struct division_table;

/*
 * Check S as a unified social credit code and store the first failure in
 * *RESULT. The rules run in this order: length, character set, citizen ID
 * number, registration authority (position 1), organization type
 * (position 2), division (positions 3-8), GB 11714 check (position 17),
 * mod-31 check (position 18). A division may be current or abolished, at
 * province, city or county level, or 100000 for national authorities.
 * Because the mod-31 check comes last, USCC_BAD_CHECK means every other
 * rule passed.
 */
void uscc_validate(const char *s, const struct division_table *divisions,
    struct uscc_result *result);

/*
 * Return the reason S is invalid as a newly allocated message for
 * standard error, for example "invalid unified social credit code
 * '...': check character should be 'X'" (through gettext).
 */
char *uscc_message(const char *s, const struct uscc_result *result);

/* Return the same reason in Chinese for files (never translated). */
char *uscc_reason(const char *s, const struct uscc_result *result);

/*
 * The allow-list: real codes issued before 2016 that fail only the
 * mod-31 check. A CSV file with the columns uscc and note.
 */
struct uscc_allow;

/*
 * Load the allow-list at PATH. Dies with file:line when a listed code
 * fails any rule other than the mod-31 check, or passes every rule
 * (a valid code needs no entry).
 */
struct uscc_allow *uscc_allow_load(const char *path,
    const struct division_table *divisions);

/* Return 1 when CODE is listed; ALLOW may be NULL (an empty list). */
int uscc_allow_has(const struct uscc_allow *allow, const char *code);
void uscc_allow_free(struct uscc_allow *allow);

#endif
