/*
 * Load bank profiles, and count, cut and convert text the way a bank's
 * byte limits and encoding require (GB18030 through iconv).
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "bank_profile.h"
#include "err.h"
#include "pfe.h"
#include "xmlio.h"

/* A bank profile is a few kilobytes, so this limit only stops a wrong file. */
#define BANK_PROFILE_MAX_BYTES (1024u * 1024)

const char *
bank_encoding_name(enum bank_encoding encoding)
{
	return encoding == BANK_ENCODING_GB18030 ? "GB18030" : "UTF-8";
}

static enum bank_encoding
parse_encoding(const char *value)
{
	/* The schema allows only these two names, and absent means GB18030. */
	if (value != NULL && strcmp(value, "UTF-8") == 0)
		return BANK_ENCODING_UTF8;
	return BANK_ENCODING_GB18030;
}

/* Parse a byte-limit attribute the schema has already checked. */
static size_t
parse_limit(xmlNodePtr node, const char *name)
{
	const char *value = xml_attr(node, name);

	return value != NULL ? (size_t)strtoul(value, NULL, 10) : 0;
}

/* Split the whitespace-separated list TEXT into ACCOUNT's items. */
static void
parse_items(struct bank_debtor_account *account, const char *text)
{
	char *copy = xstrdup(text), *save = NULL, *word;

	for (word = strtok_r(copy, " \t\r\n", &save); word != NULL;
	    word = strtok_r(NULL, " \t\r\n", &save)) {
		account->items = xreallocarray(account->items,
		    account->nitems + 1, sizeof *account->items);
		account->items[account->nitems++] = xstrdup(word);
	}
	free(copy);
}

static void
parse_debtor_account(struct bank_profile *profile, xmlNodePtr node)
{
	struct bank_debtor_account *account;
	const char *items = xml_attr(node, "items");
	xmlNodePtr child;

	profile->accounts = xreallocarray(profile->accounts,
	    profile->naccounts + 1, sizeof *profile->accounts);
	account = &profile->accounts[profile->naccounts++];
	memset(account, 0, sizeof *account);
	account->id = xstrdup(xml_attr(node, "id"));
	if (items != NULL)
		parse_items(account, items);
	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child)) {
		if (xml_is(child, "name"))
			account->account.holder = xml_text(child);
		else if (xml_is(child, "account"))
			account->account.number = xml_text(child);
		else if (xml_is(child, "bank-name"))
			account->account.bank_name = xml_text(child);
		else if (xml_is(child, "cnaps"))
			account->account.cnaps = xml_text(child);
	}
}

static void
parse_purpose(struct bank_profile *profile, xmlNodePtr node)
{
	struct bank_purpose *purpose;
	const char *item = xml_attr(node, "item");

	profile->purposes = xreallocarray(profile->purposes,
	    profile->npurposes + 1, sizeof *profile->purposes);
	purpose = &profile->purposes[profile->npurposes++];
	purpose->item = item != NULL ? xstrdup(item) : NULL;
	purpose->text = xml_text(node);
}

static void
parse_profile(struct bank_profile *profile, xmlNodePtr root)
{
	xmlNodePtr node;
	char *text;

	for (node = xml_first_element(root); node != NULL;
	    node = xml_next_element(node)) {
		if (xml_is(node, "initiating-party")) {
			profile->initiating_party = xml_text(node);
		} else if (xml_is(node, "message-prefix")) {
			profile->message_prefix = xml_text(node);
		} else if (xml_is(node, "pain-version")) {
			text = xml_text(node);
			profile->version = strcmp(text, "001.001.09") == 0 ?
			    PAIN_001_001_09 : PAIN_001_001_03;
			free(text);
		} else if (xml_is(node, "execution-lag-days")) {
			text = xml_text(node);
			profile->execution_lag_days = (int)strtol(text, NULL,
			    10);
			free(text);
		} else if (xml_is(node, "clearing-system")) {
			const char *form = xml_attr(node, "form");

			free(profile->clearing_system);
			profile->clearing_system = xml_text(node);
			profile->clearing_proprietary = form != NULL &&
			    strcmp(form, "proprietary") == 0;
		} else if (xml_is(node, "debtor-account")) {
			parse_debtor_account(profile, node);
		} else if (xml_is(node, "limits")) {
			profile->limit_encoding =
			    parse_encoding(xml_attr(node, "encoding"));
			profile->name_bytes = parse_limit(node, "name-bytes");
			profile->purpose_bytes =
			    parse_limit(node, "purpose-bytes");
			profile->bank_name_bytes =
			    parse_limit(node, "bank-name-bytes");
		} else if (xml_is(node, "purpose")) {
			parse_purpose(profile, node);
		} else if (xml_is(node, "batch-csv")) {
			profile->csv_encoding =
			    parse_encoding(xml_attr(node, "encoding"));
		}
	}
}

/* Check what bank-profile.xsd cannot express, and die naming the problem. */
static void
check_profile(const struct bank_profile *profile)
{
	size_t i, j, k, l, defaults = 0;

	if (!profile->clearing_proprietary &&
	    strlen(profile->clearing_system) > 5)
		die_at(profile->path, 0,
		    _("clearing system code '%s' is longer than 5 characters: use form=\"proprietary\""),
		    profile->clearing_system);
	for (i = 0; i < profile->naccounts; i++) {
		const struct bank_debtor_account *a = &profile->accounts[i];

		for (k = 0; k < i; k++)
			if (strcmp(profile->accounts[k].account.number,
			    a->account.number) == 0)
				die_at(profile->path, 0,
				    _("debtor accounts '%s' and '%s' have the same account number '%s'"),
				    profile->accounts[k].id, a->id,
				    a->account.number);
		if (a->items == NULL && ++defaults > 1)
			die_at(profile->path, 0,
			    _("more than one debtor account without 'items': only one may pay the remaining items"));
		if (bank_text_bytes(a->account.holder,
		    profile->limit_encoding) > profile->name_bytes)
			die_at(profile->path, 0,
			    _("debtor account '%s': name '%s' is longer than name-bytes=%zu"),
			    a->id, a->account.holder, profile->name_bytes);
		for (j = 0; j < a->nitems; j++)
			for (k = i; k < profile->naccounts; k++)
				for (l = k == i ? j + 1 : 0;
				    l < profile->accounts[k].nitems; l++)
					if (strcmp(a->items[j],
					    profile->accounts[k].items[l]) == 0)
						die_at(profile->path, 0,
						    _("item '%s' is listed for more than one debtor account"),
						    a->items[j]);
	}
	defaults = 0;
	for (i = 0; i < profile->npurposes; i++)
		if (profile->purposes[i].item == NULL && ++defaults > 1)
			die_at(profile->path, 0,
			    _("more than one purpose without 'item': only one may serve the remaining items"));
}

struct bank_profile *
bank_profile_load(const char *path)
{
	struct bank_profile *profile = xcalloc(1, sizeof *profile);
	xmlDocPtr doc;

	doc = xml_read(path, NULL, BANK_PROFILE_MAX_BYTES);
	if (doc == NULL)
		die(_("cannot load bank profile '%s'"), path);
	if (xml_validate(doc, path, "bank-profile.xsd") != 0)
		die(_("invalid bank profile '%s': see the errors above"), path);
	profile->path = xstrdup(path);
	profile->clearing_system = xstrdup("CNAPS");
	profile->limit_encoding = BANK_ENCODING_GB18030;
	profile->csv_encoding = BANK_ENCODING_GB18030;
	parse_profile(profile, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	check_profile(profile);
	return profile;
}

void
bank_profile_free(struct bank_profile *profile)
{
	size_t i, j;

	if (profile == NULL)
		return;
	for (i = 0; i < profile->naccounts; i++) {
		struct bank_debtor_account *a = &profile->accounts[i];

		free(a->id);
		free((char *)a->account.holder);
		free((char *)a->account.number);
		free((char *)a->account.bank_name);
		free((char *)a->account.cnaps);
		for (j = 0; j < a->nitems; j++)
			free(a->items[j]);
		free(a->items);
	}
	free(profile->accounts);
	for (i = 0; i < profile->npurposes; i++) {
		free(profile->purposes[i].item);
		free(profile->purposes[i].text);
	}
	free(profile->purposes);
	free(profile->initiating_party);
	free(profile->message_prefix);
	free(profile->clearing_system);
	free(profile->path);
	free(profile);
}

const struct bank_debtor_account *
bank_profile_debtor(const struct bank_profile *profile, const char *item)
{
	const struct bank_debtor_account *fallback = NULL;
	size_t i, j;

	for (i = 0; i < profile->naccounts; i++) {
		const struct bank_debtor_account *a = &profile->accounts[i];

		if (a->items == NULL)
			fallback = a;
		for (j = 0; j < a->nitems; j++)
			if (strcmp(a->items[j], item) == 0)
				return a;
	}
	return fallback;
}

const char *
bank_profile_purpose(const struct bank_profile *profile, const char *item)
{
	const char *fallback = NULL;
	size_t i;

	for (i = 0; i < profile->npurposes; i++) {
		if (profile->purposes[i].item == NULL)
			fallback = profile->purposes[i].text;
		else if (strcmp(profile->purposes[i].item, item) == 0)
			return profile->purposes[i].text;
	}
	return fallback;
}

/* Return the length of the UTF-8 sequence starting with byte C (1-4). */
static size_t
utf8_sequence_length(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		return 2;
	if ((c & 0xf0) == 0xe0)
		return 3;
	if ((c & 0xf8) == 0xf0)
		return 4;
	return 1;
}

/*
 * Return the UTF-8 to GB18030 converter, opened on first use and kept
 * for the life of the program: opening one costs far more than
 * converting a name, and names are measured once per payment.
 */
static iconv_t
gb18030_converter(void)
{
	static iconv_t cd = (iconv_t)-1;

	if (cd == (iconv_t)-1) {
		cd = iconv_open("GB18030", "UTF-8");
		if (cd == (iconv_t)-1)
			die_errno(_("cannot convert text to GB18030"));
	}
	return cd;
}

char *
bank_text_convert(const char *s, size_t len, enum bank_encoding encoding,
    size_t *out_len)
{
	iconv_t cd;
	char *in = (char *)s, *out, *buffer;
	size_t in_left = len, cap = 4 * len + 4, out_left = cap;

	buffer = xmalloc(cap);
	if (encoding == BANK_ENCODING_UTF8) {
		memcpy(buffer, s, len);
		*out_len = len;
		return buffer;
	}
	cd = gb18030_converter();
	/* Start from the initial state: an earlier call may have failed
	   halfway. */
	iconv(cd, NULL, NULL, NULL, NULL);
	out = buffer;
	/* GB18030 takes at most 4 bytes per character, UTF-8 at least 1. */
	if (iconv(cd, &in, &in_left, &out, &out_left) == (size_t)-1)
		die(_("cannot convert text to GB18030 at byte %zu: %s"),
		    len - in_left, strerror(errno));
	*out_len = cap - out_left;
	return buffer;
}

/* Return the bytes the UTF-8 character of LEN bytes at S takes in
   ENCODING. */
static size_t
character_bytes(const char *s, size_t len, enum bank_encoding encoding)
{
	size_t n;
	char *converted;

	if (encoding == BANK_ENCODING_UTF8)
		return len;
	converted = bank_text_convert(s, len, encoding, &n);
	free(converted);
	return n;
}

size_t
bank_text_bytes(const char *s, enum bank_encoding encoding)
{
	size_t n;
	char *converted;

	if (encoding == BANK_ENCODING_UTF8)
		return strlen(s);
	converted = bank_text_convert(s, strlen(s), encoding, &n);
	free(converted);
	return n;
}

char *
bank_text_cut(const char *s, enum bank_encoding encoding, size_t max_bytes)
{
	size_t pos = 0, used = 0, len = strlen(s);

	/* Most texts fit whole: measure them in one conversion. */
	if (bank_text_bytes(s, encoding) <= max_bytes)
		return xstrndup(s, len);
	while (pos < len) {
		size_t step = utf8_sequence_length((unsigned char)s[pos]);
		size_t bytes;

		if (pos + step > len)
			step = len - pos;
		bytes = character_bytes(s + pos, step, encoding);
		if (used + bytes > max_bytes)
			break;
		used += bytes;
		pos += step;
	}
	return xstrndup(s, pos);
}
