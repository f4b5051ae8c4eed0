/*
 * Enterprise contacts for notices (contacts.csv with the columns
 * 统一社会信用代码, 联系人, 手机号码, 电子邮箱): loaded into a hash table
 * keyed by USCC, checked, and masked for test outboxes. Contacts are
 * personal data, so only the values a notice needs are kept.
 */
#ifndef PFE_NOTIFY_CONTACTS_H
#define PFE_NOTIFY_CONTACTS_H

#include <stddef.h>

#include "rejects.h"
#include "uscc.h"

struct division_table;
struct uscc_allow;

struct notify_contact {
	char uscc[USCC_LEN + 1];
	char *name;		/* contact person, or "" */
	char *mobile;		/* 11-digit mainland mobile number, or "" */
	char *email;		/* e-mail address, or "" */
	long line;		/* line in the contacts file */
};

struct notify_contacts;

/*
 * Load the contacts at PATH. These rows are recorded in REJECTS: an
 * invalid USCC, mobile number or e-mail address, neither of the two, or
 * a USCC already given with other values. A row whose values equal an
 * earlier row's (mobile numbers compared without blanks, hyphens or a
 * +86 prefix) is recorded as a duplicate. Each is warned about on stderr unless
 * QUIET. Dies when the file lacks one of the four columns.
 */
struct notify_contacts *notify_contacts_load(const char *path,
    const struct division_table *divisions, const struct uscc_allow *allow,
    struct rejects *rejects, int quiet);
void notify_contacts_free(struct notify_contacts *contacts);

/* Return the contact of enterprise USCC, or NULL. */
const struct notify_contact *notify_contacts_find(
    const struct notify_contacts *contacts, const char *uscc);

/* Return the number of contacts loaded. */
size_t notify_contacts_count(const struct notify_contacts *contacts);

/*
 * Mask NAME for a test outbox: its first character, then one "*" per
 * further character ("张**"). Returns a newly allocated string.
 */
char *notify_mask_name(const char *name);

/* Mask a mobile number: the first 3 and last 4 digits kept
   ("199****8328"). Returns a newly allocated string. */
char *notify_mask_mobile(const char *mobile);

/* Mask an e-mail address: the first character of the local part, "***",
   then the domain ("z***@bode.example"). Returns a newly allocated
   string. */
char *notify_mask_email(const char *email);

#endif
