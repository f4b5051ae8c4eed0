/* Contacts for pfe-notify: loading, checking, lookup by USCC, masking. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "division.h"
#include "err.h"
#include "notify_contacts.h"
#include "pfe.h"

/* Column names of contacts.csv, as the registry exports them. */
#define COLUMN_USCC "统一社会信用代码"
#define COLUMN_NAME "联系人"
#define COLUMN_MOBILE "手机号码"
#define COLUMN_EMAIL "电子邮箱"

/* Open addressing with linear probing; the table is at most half full. */
struct notify_contacts {
	struct notify_contact *slots;	/* uscc[0] == '\0': empty */
	size_t capacity;		/* a power of two */
	size_t count;
};

static uint64_t
hash_uscc(const char *uscc)
{
	uint64_t hash = UINT64_C(14695981039346656037);	/* FNV-1a */

	for (size_t i = 0; i < USCC_LEN && uscc[i] != '\0'; i++) {
		hash ^= (unsigned char)uscc[i];
		hash *= UINT64_C(1099511628211);
	}
	return hash;
}

/* Return the slot holding USCC, or the empty slot where it belongs. */
static struct notify_contact *
find_slot(struct notify_contact *slots, size_t capacity, const char *uscc)
{
	size_t i = (size_t)hash_uscc(uscc) & (capacity - 1);

	while (slots[i].uscc[0] != '\0' && strcmp(slots[i].uscc, uscc) != 0)
		i = (i + 1) & (capacity - 1);
	return &slots[i];
}

static void
grow(struct notify_contacts *contacts)
{
	size_t capacity = contacts->capacity ? contacts->capacity * 2 : 1024;
	struct notify_contact *slots = xcalloc(capacity, sizeof(*slots));

	for (size_t i = 0; i < contacts->capacity; i++) {
		struct notify_contact *old = &contacts->slots[i];

		if (old->uscc[0] != '\0')
			*find_slot(slots, capacity, old->uscc) = *old;
	}
	free(contacts->slots);
	contacts->slots = slots;
	contacts->capacity = capacity;
}

/*
 * Normalize the mobile number S in place as exports write it: drop
 * blanks and hyphens ("199-0000-1111") and a country code written as
 * "+86" or "0086" before eleven digits.
 */
static void
normalize_mobile(char *s)
{
	char *out = s;

	for (const char *in = s; *in != '\0'; in++)
		if (*in != ' ' && *in != '-')
			*out++ = *in;
	*out = '\0';
	if (strncmp(s, "+86", 3) == 0 && strlen(s) == 14)
		memmove(s, s + 3, 12);
	else if (strncmp(s, "0086", 4) == 0 && strlen(s) == 15)
		memmove(s, s + 4, 12);
}

/* Return 1 when S is a mainland China mobile number: 11 digits from 1. */
static int
valid_mobile(const char *s)
{
	if (strlen(s) != 11 || s[0] != '1')
		return 0;
	for (size_t i = 0; i < 11; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/*
 * Return 1 when S looks like an e-mail address a gateway can send to:
 * one "@" between a non-empty local part and a domain with a dot inside
 * it, and no blank, comma, quote or control character.
 */
static int
valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	const char *dot;

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return 0;
	dot = strchr(at + 1, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == ',' || *s == '"' ||
		    *s == ';' || *s == '<' || *s == '>' || *s == 0x7f)
			return 0;
	return 1;
}

/* Return the cell of ROW in COLUMN, "" when the row is too short. */
static const char *
cell(const struct csv_record *row, long column)
{
	return (size_t)column < row->nfields ? row->fields[column] : "";
}

static long
require_column(const struct csv_record *header, const char *file,
    const char *name)
{
	long column = csv_column(header, name);

	if (column < 0)
		die_at(file, header->line, _("missing column '%s' in the "
		    "contacts header"), name);
	return column;
}

/*
 * Check one contacts row; MOBILE is the normalized form of MOBILE_CELL.
 * Returns NULL when the row can be used. Otherwise it warns (unless
 * QUIET) and returns the Chinese reason, newly allocated.
 */
static char *
check_row(const char *file, const struct csv_record *row, const char *uscc,
    const char *mobile, const char *mobile_cell, const char *email,
    const struct division_table *divisions, const struct uscc_allow *allow,
    int quiet)
{
	struct uscc_result result;

	uscc_validate(uscc, divisions, &result);
	if (result.status != USCC_VALID &&
	    !(result.status == USCC_BAD_CHECK && uscc_allow_has(allow, uscc))) {
		if (!quiet) {
			char *message = uscc_message(uscc, &result);

			warn_at(file, row->line, "%s", message);
			free(message);
		}
		return uscc_reason(uscc, &result);
	}
	/* Standard error often ends up in logs and cron mail, so the
	   warnings show numbers and addresses masked; the rejects file,
	   private to its owner, keeps them whole. */
	if (mobile[0] != '\0' && !valid_mobile(mobile)) {
		if (!quiet) {
			char *masked = notify_mask_mobile(mobile_cell);

			warn_at(file, row->line, _("invalid mobile number "
			    "'%s': expected 11 digits starting with 1"),
			    masked);
			free(masked);
		}
		return xasprintf("手机号码'%s'无效：应为以1开头的11位数字",
		    mobile_cell);
	}
	if (email[0] != '\0' && !valid_email(email)) {
		if (!quiet) {
			char *masked = notify_mask_email(email);

			warn_at(file, row->line, _("invalid e-mail address "
			    "'%s'"), masked);
			free(masked);
		}
		return xasprintf("电子邮箱'%s'无效", email);
	}
	if (mobile[0] == '\0' && email[0] == '\0') {
		if (!quiet)
			warn_at(file, row->line, _("missing contact for '%s': "
			    "neither a mobile number nor an e-mail address"),
			    uscc);
		return xasprintf("缺少联系方式：手机号码和电子邮箱均为空");
	}
	return NULL;
}

struct notify_contacts *
notify_contacts_load(const char *path, const struct division_table *divisions,
    const struct uscc_allow *allow, struct rejects *rejects, int quiet)
{
	struct notify_contacts *contacts = xcalloc(1, sizeof(*contacts));
	struct csv_reader *reader;
	struct csv_record *row;
	long uscc_column, name_column, mobile_column, email_column;
	const char *file;

	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	file = csv_reader_name(reader);
	if (!csv_reader_next(reader, &row))
		die_at(file, 0, _("missing header: the file is empty"));
	uscc_column = require_column(row, file, COLUMN_USCC);
	name_column = require_column(row, file, COLUMN_NAME);
	mobile_column = require_column(row, file, COLUMN_MOBILE);
	email_column = require_column(row, file, COLUMN_EMAIL);
	grow(contacts);

	while (csv_reader_next(reader, &row)) {
		const char *uscc = cell(row, uscc_column);
		const char *name = cell(row, name_column);
		const char *email = cell(row, email_column);
		struct notify_contact *slot;
		char *mobile, *reason;

		/* The record itself stays as read, for the rejects file. */
		mobile = xstrdup(cell(row, mobile_column));
		normalize_mobile(mobile);

		reason = check_row(file, row, uscc, mobile,
		    cell(row, mobile_column), email, divisions, allow, quiet);
		if (reason != NULL) {
			rejects_add(rejects, file, row, "%s", reason);
			free(reason);
			free(mobile);
			continue;
		}

		slot = find_slot(contacts->slots, contacts->capacity, uscc);
		if (slot->uscc[0] != '\0') {
			if (strcmp(slot->name, name) == 0 &&
			    strcmp(slot->mobile, mobile) == 0 &&
			    strcmp(slot->email, email) == 0) {
				if (!quiet)
					warn_at(file, row->line, _("duplicate "
					    "of line %ld skipped"), slot->line);
				rejects_duplicate(rejects, file, row,
				    slot->line);
				free(mobile);
				continue;
			}
			if (!quiet)
				warn_at(file, row->line, _("duplicate contact "
				    "for '%s': the one on line %ld is used"),
				    uscc, slot->line);
			rejects_add(rejects, file, row,
			    "统一社会信用代码'%s'重复：使用第%ld行的联系人", uscc,
			    slot->line);
			free(mobile);
			continue;
		}

		memcpy(slot->uscc, uscc, USCC_LEN + 1);
		slot->name = xstrdup(name);
		slot->mobile = mobile;
		slot->email = xstrdup(email);
		slot->line = row->line;
		contacts->count++;
		if (2 * contacts->count > contacts->capacity)
			grow(contacts);
	}
	csv_reader_close(reader);
	return contacts;
}

void
notify_contacts_free(struct notify_contacts *contacts)
{
	if (contacts == NULL)
		return;
	for (size_t i = 0; i < contacts->capacity; i++) {
		struct notify_contact *slot = &contacts->slots[i];

		if (slot->uscc[0] == '\0')
			continue;
		free(slot->name);
		free(slot->mobile);
		free(slot->email);
	}
	free(contacts->slots);
	free(contacts);
}

const struct notify_contact *
notify_contacts_find(const struct notify_contacts *contacts, const char *uscc)
{
	struct notify_contact *slot;

	if (strlen(uscc) != USCC_LEN)
		return NULL;
	slot = find_slot(contacts->slots, contacts->capacity, uscc);
	return slot->uscc[0] == '\0' ? NULL : slot;
}

size_t
notify_contacts_count(const struct notify_contacts *contacts)
{
	return contacts->count;
}

/* Return the byte length of the UTF-8 character starting at S (1 for a
   stray byte, so a malformed string is still walked to its end). */
static size_t
utf8_char_length(const char *s)
{
	unsigned char c = (unsigned char)*s;

	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	if (c >= 0xC0)
		return 2;
	return 1;
}

char *
notify_mask_name(const char *name)
{
	size_t length = strlen(name), first;
	char *masked = xmalloc(length + 1);
	size_t at;

	if (length == 0) {
		masked[0] = '\0';
		return masked;
	}
	first = utf8_char_length(name);
	if (first > length)
		first = length;
	memcpy(masked, name, first);
	at = first;
	for (const char *s = name + first; *s != '\0';) {
		size_t step = utf8_char_length(s);

		masked[at++] = '*';
		while (step-- > 0 && *s != '\0')
			s++;
	}
	masked[at] = '\0';
	return masked;
}

char *
notify_mask_mobile(const char *mobile)
{
	char *masked = xstrdup(mobile);
	size_t length = strlen(masked);

	for (size_t i = 3; i + 4 < length; i++)
		masked[i] = '*';
	if (length <= 7)
		memset(masked, '*', length);
	return masked;
}

char *
notify_mask_email(const char *email)
{
	const char *at = strchr(email, '@');

	if (at == NULL || at == email)
		return xstrdup("***");
	return xasprintf("%.*s***%s", (int)utf8_char_length(email), email, at);
}
