/*
 * pfe-notify: turn eligible matches into notices in Chinese for each
 * enterprise's contact, written to an outbox that an SMS or mail gateway
 * sends. The state folder records what was notified, so a later run
 * notifies only eligibilities that are new or whose award changed.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"
#include "date.h"
#include "dict.h"
#include "division.h"
#include "err.h"
#include "money.h"
#include "notify_contacts.h"
#include "output.h"
#include "pfe.h"
#include "policy.h"
#include "rejects.h"
#include "uscc.h"

/* One SMS segment carries 70 UTF-16 code units (UCS-2 coding), and a
   notice sent by SMS never needs a second segment. */
#define SMS_MAX_UNITS 70

/* Maximum signature length in UTF-16 code units, so that the shortest
   SMS form (count and total, no titles) still fits in one segment. */
#define SIGNATURE_MAX_UNITS 10

/* Sender name in 【】 at the start of every notice. */
#define DEFAULT_SIGNATURE "惠企政策"

#define STATE_FILE "notices-sent.csv"

static const char *const state_header[] = {
	"uscc", "item", "award", "notified_on", "channel"
};

static const char *const outbox_header[] = {
	"uscc", "contact", "channel", "address", "message", "items"
};

enum channel {
	CHANNEL_SMS,
	CHANNEL_MAIL
};

/* One item to notify to the enterprise of the current group. */
struct notice_item {
	size_t item;		/* index into the policy set */
	int award_known;
	int64_t award;		/* fen */
};

/* The previous state file, read in step with the matches. */
struct state_input {
	struct csv_reader *reader;	/* NULL: no earlier notices */
	struct csv_record *row;		/* current row, NULL at the end */
	char *last_uscc;		/* key of the row before, for the
					   order check */
	char *last_item;
};

struct notify_run {
	const struct policy_set *set;
	iconv_t to_gb18030;		/* (iconv_t)-1: write UTF-8 */
	FILE *row_stream;		/* GB18030: a row before conversion */
	char *row_text;
	size_t row_size;
	char *converted;		/* GB18030: conversion buffer */
	size_t converted_capacity;
	const struct notify_contacts *contacts;
	struct rejects *rejects;
	FILE *outbox;
	FILE *state_out;		/* the new state file */
	struct state_input state;
	const char *signature;
	char as_of[DATE_BUFSIZE];
	int mask;
	int quiet;

	char group_uscc[USCC_LEN + 1];	/* enterprise being collected */
	const struct notify_contact *group_contact;
	struct notice_item *items;
	size_t nitems;
	size_t items_capacity;

	char previous_uscc[USCC_LEN + 1];	/* key of the previous
						   match row */
	char *previous_item;
	long previous_line;

	char *message;			/* reusable message buffer */
	size_t message_capacity;

	unsigned long read;		/* match rows read */
	unsigned long eligible;		/* eligible rows */
	unsigned long unchanged;	/* already notified, same award */
	unsigned long no_contact;	/* eligible rows without a contact */
	unsigned long notices;		/* outbox rows */
	unsigned long sms;
	unsigned long mail;
};

/* Return the number of UTF-16 code units of UTF-8 string S: characters
   beyond the Basic Multilingual Plane take two. */
static size_t
utf16_units(const char *s)
{
	size_t units = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xC0) == 0x80)
			continue;
		units += c >= 0xF0 ? 2 : 1;
	}
	return units;
}

static void
message_reset(struct notify_run *run)
{
	if (run->message == NULL) {
		run->message_capacity = 256;
		run->message = xmalloc(run->message_capacity);
	}
	run->message[0] = '\0';
}

static void
message_add(struct notify_run *run, const char *text)
{
	size_t used = strlen(run->message), length = strlen(text);

	if (used + length + 1 > run->message_capacity) {
		while (used + length + 1 > run->message_capacity)
			run->message_capacity *= 2;
		run->message = xrealloc(run->message, run->message_capacity);
	}
	memcpy(run->message + used, text, length + 1);
}

/*
 * Write into the message buffer the notice for the current group with
 * the titles of its first SHOWN items. An SMS gives the total award; a
 * mail gives each item's id and award.
 */
static void
compose(struct notify_run *run, enum channel channel, size_t shown)
{
	char number[32], amount[MONEY_BUFSIZE];
	int64_t total = 0;
	size_t known = 0;

	for (size_t i = 0; i < run->nitems; i++)
		if (run->items[i].award_known) {
			total += run->items[i].award;
			known++;
		}

	message_reset(run);
	message_add(run, "【");
	message_add(run, run->signature);
	message_add(run, "】贵单位符合");
	snprintf(number, sizeof(number), "%zu", run->nitems);
	message_add(run, number);
	message_add(run, "项惠企政策");
	for (size_t i = 0; i < shown; i++) {
		const struct notice_item *notice = &run->items[i];
		const struct policy_item *item = &run->set->items[notice->item];

		message_add(run, i == 0 ? "：" : "、");
		message_add(run, item->title);
		if (channel != CHANNEL_MAIL)
			continue;
		message_add(run, "（");
		message_add(run, item->id);
		if (notice->award_known) {
			message_add(run, "，预计");
			message_add(run, money_format_human(notice->award,
			    amount));
		} else {
			message_add(run, "，金额待核定");
		}
		message_add(run, "）");
	}
	if (shown < run->nitems && shown > 0)
		message_add(run, "等");

	/* Unknown awards are left out of the total, so the total is a
	   lower bound when some are unknown. */
	if (known > 0) {
		message_add(run, "，预计可获");
		message_add(run, money_format_human(total, amount));
		if (known < run->nitems)
			message_add(run, "以上");
	}
	message_add(run, "。详见政策平台。");
}

/*
 * Compose the notice of the current group for CHANNEL. A mail lists
 * every item; an SMS lists as many titles, in item order, as fit in one
 * segment, then "等", down to none.
 */
static void
compose_notice(struct notify_run *run, enum channel channel)
{
	size_t shown = run->nitems;

	compose(run, channel, shown);
	while (channel == CHANNEL_SMS && shown > 0 &&
	    utf16_units(run->message) > SMS_MAX_UNITS)
		compose(run, channel, --shown);
}

static enum channel
contact_channel(const struct notify_contact *contact)
{
	return contact->mobile[0] != '\0' ? CHANNEL_SMS : CHANNEL_MAIL;
}

/*
 * Write one outbox row of N fields, guarded against formulas, in the
 * outbox's encoding. GB18030 encodes every Unicode character, so the
 * conversion fails only on invalid UTF-8 (a --signature typed in another
 * encoding), which is fatal.
 */
static void
write_outbox_row(struct notify_run *run, int flags, size_t n,
    const char *const *fields)
{
	char *in, *out;
	size_t in_left, out_left, length;

	if (run->to_gb18030 == (iconv_t)-1) {
		csv_write_row(run->outbox, flags, n, fields);
		return;
	}

	rewind(run->row_stream);
	csv_write_row(run->row_stream, flags, n, fields);
	length = (size_t)ftell(run->row_stream);
	if (fflush(run->row_stream) != 0)
		die(_("out of memory"));

	/* A GB18030 character takes at most 4 bytes, a UTF-8 one at least
	   1, so four times the input always fits. */
	if (4 * length + 1 > run->converted_capacity) {
		run->converted_capacity = 4 * length + 1;
		run->converted = xrealloc(run->converted,
		    run->converted_capacity);
	}
	in = run->row_text;
	in_left = length;
	out = run->converted;
	out_left = run->converted_capacity;
	iconv(run->to_gb18030, NULL, NULL, NULL, NULL);
	if (iconv(run->to_gb18030, &in, &in_left, &out, &out_left) ==
	    (size_t)-1)
		die_errno(_("cannot convert the outbox to GB18030"));
	fwrite(run->converted, 1, run->converted_capacity - out_left,
	    run->outbox);
}

/* Write the outbox row of the current group, if it has items. */
static void
flush_group(struct notify_run *run)
{
	const struct notify_contact *contact = run->group_contact;
	enum channel channel;
	char *name, *address, *ids;
	const char *fields[6];
	size_t length = 0;

	if (run->nitems == 0 || contact == NULL) {
		run->nitems = 0;
		return;
	}
	channel = contact_channel(contact);
	compose_notice(run, channel);

	for (size_t i = 0; i < run->nitems; i++)
		length += strlen(run->set->items[run->items[i].item].id) + 1;
	ids = xmalloc(length + 1);
	ids[0] = '\0';
	for (size_t i = 0; i < run->nitems; i++) {
		if (i > 0)
			strcat(ids, ";");
		strcat(ids, run->set->items[run->items[i].item].id);
	}

	if (run->mask) {
		name = notify_mask_name(contact->name);
		address = channel == CHANNEL_SMS ?
		    notify_mask_mobile(contact->mobile) :
		    notify_mask_email(contact->email);
	} else {
		name = xstrdup(contact->name);
		address = xstrdup(channel == CHANNEL_SMS ? contact->mobile :
		    contact->email);
	}

	fields[0] = run->group_uscc;
	fields[1] = name;
	fields[2] = channel == CHANNEL_SMS ? "sms" : "mail";
	fields[3] = address;
	fields[4] = run->message;
	fields[5] = ids;
	write_outbox_row(run, CSV_WRITE_PEOPLE, 6, fields);
	run->notices++;
	if (channel == CHANNEL_SMS)
		run->sms++;
	else
		run->mail++;

	free(name);
	free(address);
	free(ids);
	run->nitems = 0;
}

/* Start collecting the notices of enterprise USCC. */
static void
start_group(struct notify_run *run, const char *uscc)
{
	flush_group(run);
	memcpy(run->group_uscc, uscc, USCC_LEN + 1);
	run->group_contact = notify_contacts_find(run->contacts, uscc);
}

/* Compare the key (USCC, item) of A with B's, in byte order. */
static int
compare_keys(const char *uscc_a, const char *item_a, const char *uscc_b,
    const char *item_b)
{
	int cmp = strcmp(uscc_a, uscc_b);

	return cmp != 0 ? cmp : strcmp(item_a, item_b);
}

/* Move to the next row of the previous state file, checking its shape
   and order; a damaged state file is fatal. */
static void
state_next(struct state_input *state)
{
	struct csv_record *row;
	const char *file;

	if (state->reader == NULL || !csv_reader_next(state->reader, &row)) {
		state->row = NULL;
		return;
	}
	file = csv_reader_name(state->reader);
	if (row->nfields != 5)
		die_at(file, row->line, _("damaged state file: %zu fields, "
		    "expected 5"), row->nfields);
	if (state->last_uscc != NULL &&
	    compare_keys(row->fields[0], row->fields[1], state->last_uscc,
	    state->last_item) < 0)
		die_at(file, row->line, _("damaged state file: not sorted by "
		    "uscc and item"));
	free(state->last_uscc);
	free(state->last_item);
	state->last_uscc = xstrdup(row->fields[0]);
	state->last_item = xstrdup(row->fields[1]);
	state->row = row;
}

/* Copy the current state row to the new state file and move on. */
static void
state_copy(struct notify_run *run)
{
	csv_write_row(run->state_out, CSV_WRITE_DATA, 5,
	    (const char *const *)run->state.row->fields);
	state_next(&run->state);
}

/* Open DIR/notices-sent.csv when it exists and check its header. */
static void
state_open(struct state_input *state, const char *path)
{
	struct csv_record *header;

	memset(state, 0, sizeof(*state));
	if (access(path, F_OK) != 0) {
		if (errno != ENOENT)
			die_errno(_("cannot open '%s'"), path);
		return;
	}
	state->reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	if (!csv_reader_next(state->reader, &header))
		die_at(path, 0, _("damaged state file: missing header"));
	for (size_t i = 0; i < 5; i++)
		if (header->nfields != 5 ||
		    strcmp(header->fields[i], state_header[i]) != 0)
			die_at(path, 1, _("damaged state file: header should "
			    "be '%s,%s,%s,%s,%s'"), state_header[0],
			    state_header[1], state_header[2], state_header[3],
			    state_header[4]);
	state_next(state);
}

/*
 * Handle one eligible match: copy the state rows that come before it,
 * and add it to the group's notices unless the state contains a notice of
 * the same item with the same award. A new notice is recorded in the
 * new state right away, after the earlier ones of the same key.
 */
static void
notify_eligible(struct notify_run *run, const char *uscc,
    const struct policy_item *item, size_t index, int award_known,
    int64_t award, const char *award_text)
{
	int notified = 0, same_award = 0;
	const char *fields[5];

	while (run->state.row != NULL &&
	    compare_keys(run->state.row->fields[0], run->state.row->fields[1],
	    uscc, item->id) < 0)
		state_copy(run);
	while (run->state.row != NULL &&
	    compare_keys(run->state.row->fields[0], run->state.row->fields[1],
	    uscc, item->id) == 0) {
		/* The last notice of the key decides. */
		notified = 1;
		same_award = strcmp(run->state.row->fields[2], award_text) == 0;
		state_copy(run);
	}

	if (notified && same_award) {
		run->unchanged++;
		return;
	}
	if (run->group_contact == NULL) {
		run->no_contact++;
		return;
	}

	if (run->nitems == run->items_capacity) {
		run->items_capacity = run->items_capacity ?
		    2 * run->items_capacity : 16;
		run->items = xreallocarray(run->items, run->items_capacity,
		    sizeof(*run->items));
	}
	run->items[run->nitems].item = index;
	run->items[run->nitems].award_known = award_known;
	run->items[run->nitems].award = award;
	run->nitems++;

	fields[0] = uscc;
	fields[1] = item->id;
	fields[2] = award_text;
	fields[3] = run->as_of;
	fields[4] = contact_channel(run->group_contact) == CHANNEL_SMS ?
	    "sms" : "mail";
	csv_write_row(run->state_out, CSV_WRITE_DATA, 5, fields);
}

static long
require_column(const struct csv_record *header, const char *file,
    const char *name)
{
	long column = csv_column(header, name);

	if (column < 0)
		die_at(file, header->line, _("missing column '%s' in the "
		    "matches header"), name);
	return column;
}

/* Read the matches of PATH ("-": standard input) and notify. */
static void
notify_file(struct notify_run *run, const char *path)
{
	struct csv_reader *reader;
	struct csv_record *row;
	long uscc_column, item_column, status_column, award_column;
	const char *file;

	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	file = csv_reader_name(reader);
	if (!csv_reader_next(reader, &row))
		die_at(file, 0, _("missing header: the file is empty"));
	uscc_column = require_column(row, file, "uscc");
	item_column = require_column(row, file, "item");
	status_column = require_column(row, file, "status");
	award_column = require_column(row, file, "award");

	while (csv_reader_next(reader, &row)) {
		const char *uscc, *item_id, *status, *award_text;
		char award_canonical[MONEY_BUFSIZE] = "";
		long index;
		int64_t award = 0;

		run->read++;
		if ((size_t)uscc_column >= row->nfields ||
		    (size_t)item_column >= row->nfields ||
		    (size_t)status_column >= row->nfields ||
		    (size_t)award_column >= row->nfields) {
			if (!run->quiet)
				warn_at(file, row->line, _("wrong number of "
				    "fields: %zu"), row->nfields);
			rejects_add(run->rejects, file, row, "字段数为%zu，少于表头",
			    row->nfields);
			continue;
		}
		uscc = row->fields[uscc_column];
		item_id = row->fields[item_column];
		status = row->fields[status_column];
		award_text = row->fields[award_column];

		if (strlen(uscc) != USCC_LEN) {
			if (!run->quiet)
				warn_at(file, row->line, _("invalid unified "
				    "social credit code '%s'"), uscc);
			rejects_add(run->rejects, file, row,
			    "统一社会信用代码'%s'无效", uscc);
			continue;
		}
		if (run->previous_item != NULL &&
		    compare_keys(uscc, item_id, run->previous_uscc,
		    run->previous_item) <= 0) {
			if (!run->quiet)
				warn_at(file, row->line, _("matches not sorted "
				    "by uscc and item: '%s,%s' comes after line "
				    "%ld"), uscc, item_id, run->previous_line);
			rejects_add(run->rejects, file, row,
			    "未按统一社会信用代码和政策事项排序：应排在第%ld行之前",
			    run->previous_line);
			continue;
		}
		index = policy_index(run->set, item_id);
		if (index < 0) {
			if (!run->quiet)
				warn_at(file, row->line, _("unknown item '%s': "
				    "not in the policies"), item_id);
			rejects_add(run->rejects, file, row,
			    "政策事项'%s'不在政策文件中", item_id);
			continue;
		}
		if (strcmp(status, "eligible") != 0 &&
		    strcmp(status, "near-miss") != 0) {
			if (!run->quiet)
				warn_at(file, row->line, _("invalid status "
				    "'%s': expected eligible or near-miss"),
				    status);
			rejects_add(run->rejects, file, row,
			    "状态'%s'无效：应为eligible或near-miss", status);
			continue;
		}
		if (award_text[0] != '\0' &&
		    money_parse(award_text, MONEY_YUAN, &award) != 0) {
			if (!run->quiet)
				warn_at(file, row->line, _("invalid award '%s': "
				    "expected yuan with two decimals"),
				    award_text);
			rejects_add(run->rejects, file, row,
			    "奖励金额'%s'无效：应为保留两位小数的元", award_text);
			continue;
		}

		memcpy(run->previous_uscc, uscc, USCC_LEN + 1);
		free(run->previous_item);
		run->previous_item = xstrdup(item_id);
		run->previous_line = row->line;
		if (strcmp(run->group_uscc, uscc) != 0)
			start_group(run, uscc);
		if (strcmp(status, "eligible") != 0)
			continue;

		run->eligible++;
		if (award_text[0] != '\0')
			money_format(award, award_canonical);
		notify_eligible(run, uscc, &run->set->items[index],
		    (size_t)index, award_text[0] != '\0', award,
		    award_canonical);
	}
	csv_reader_close(reader);
}

/* Take the run lock on DIR/lock without waiting, or die. Returns the
   descriptor, which holds the lock until the program exits. */
static int
lock_state(const char *dir)
{
	char *path = xasprintf("%s/lock", dir);
	int fd;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		die_errno(_("cannot create state folder '%s'"), dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		die_errno(_("cannot open lock file '%s'"), path);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			die(_("state folder '%s' is locked by another run: try "
			    "again when that run has finished"), dir);
		die_errno(_("cannot lock '%s'"), path);
	}
	free(path);
	return fd;
}

/* Check the --signature value: plain text that leaves room in one SMS. */
static void
check_signature(const char *signature)
{
	size_t units = utf16_units(signature);

	if (units == 0 || units > SIGNATURE_MAX_UNITS)
		usage_error(_("invalid --signature '%s': expected 1 to %d "
		    "characters"), signature, SIGNATURE_MAX_UNITS);
	for (const char *s = signature; *s != '\0'; s++)
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			usage_error(_("invalid --signature '%s': control "
			    "characters are not allowed"), signature);
}

static void
usage(FILE *out)
{
	fprintf(out, _("usage: %s -p policies.xml -d dictionary.xml "
	    "-c contacts.csv --state DIR\n"
	    "       --as-of DATE [-q] [--mask] [--signature TEXT] "
	    "[--rejects FILE]\n"
	    "       [--uscc-allow FILE] [--encoding utf-8 | gb18030] "
	    "[-o outbox.csv]\n"
	    "       [matches.csv ...]\n"),
	    pfe_progname());
	fputs(_("\n"
	    "Write a notice in Chinese for each enterprise with eligible "
	    "matches not yet\n"
	    "notified (or whose award changed) to an outbox for an SMS or "
	    "mail gateway,\n"
	    "and record the notices in DIR/notices-sent.csv.\n"
	    "\n"
	    "  -p, --policies FILE    canonical policies (item titles)\n"
	    "  -d, --dictionary FILE  field dictionary of the policies\n"), out);
	/* The Chinese column names and the default signature stay out of
	   the message ids, so that the catalog's ids are plain ASCII. */
	fprintf(out, _("  -c, --contacts FILE    contacts export with the "
	    "columns\n"
	    "                         %s\n"), "统一社会信用代码, 联系人, 手机号码, 电子邮箱");
	fputs(_("      --state DIR        state folder: notices sent, lock\n"
	    "      --as-of DATE       date recorded with each notice, "
	    "YYYY-MM-DD\n"
	    "  -o, --output FILE      write the outbox to FILE (default: "
	    "standard output)\n"
	    "      --mask             mask names, numbers and addresses, and "
	    "leave the state\n"
	    "                         unchanged (an outbox for testing)\n"),
	    out);
	fprintf(out, _("      --signature TEXT   sender name at the start of "
	    "each notice, 1 to %d\n"
	    "                         characters (default: %s)\n"),
	    SIGNATURE_MAX_UNITS, DEFAULT_SIGNATURE);
	fputs(_("      --encoding ENC     outbox encoding: utf-8 (with a "
	    "byte-order mark,\n"
	    "                         the default) or gb18030\n"
	    "      --rejects FILE     write rejected matches and contacts to "
	    "FILE\n"
	    "      --uscc-allow FILE  accept the codes listed in FILE that "
	    "fail only the\n"
	    "                         mod-31 check\n"
	    "  -q, --quiet            print no summary and no reject "
	    "warnings\n"
	    "      --help             print this help and exit\n"
	    "      --version          print the version and exit\n"), out);
}

enum {
	OPTION_STATE = 256,
	OPTION_AS_OF,
	OPTION_MASK,
	OPTION_SIGNATURE,
	OPTION_REJECTS,
	OPTION_USCC_ALLOW,
	OPTION_ENCODING,
	OPTION_HELP,
	OPTION_VERSION
};

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "policies", required_argument, NULL, 'p' },
		{ "dictionary", required_argument, NULL, 'd' },
		{ "contacts", required_argument, NULL, 'c' },
		{ "state", required_argument, NULL, OPTION_STATE },
		{ "as-of", required_argument, NULL, OPTION_AS_OF },
		{ "output", required_argument, NULL, 'o' },
		{ "mask", no_argument, NULL, OPTION_MASK },
		{ "signature", required_argument, NULL, OPTION_SIGNATURE },
		{ "rejects", required_argument, NULL, OPTION_REJECTS },
		{ "uscc-allow", required_argument, NULL, OPTION_USCC_ALLOW },
		{ "encoding", required_argument, NULL, OPTION_ENCODING },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPTION_HELP },
		{ "version", no_argument, NULL, OPTION_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *policies_path = NULL, *dictionary_path = NULL;
	const char *contacts_path = NULL, *state_dir = NULL;
	const char *as_of_text = NULL, *output_path = NULL;
	const char *rejects_path = NULL, *allow_path = NULL;
	const char *encoding = "utf-8";
	struct output *outbox_out, *state_out;
	struct division_table *divisions;
	struct uscc_allow *allow = NULL;
	struct notify_contacts *contacts;
	struct dictionary *dict;
	struct policy_set *set;
	struct notify_run run;
	char *state_path;
	unsigned long rejected;
	int option, lock_fd;

	pfe_init("pfe-notify");
	/* GB18030 input is converted with iconv: no --encoding here. */
	csv_set_encoding_option(0);
	memset(&run, 0, sizeof(run));
	run.signature = DEFAULT_SIGNATURE;

	/* Report bad options here, named as in every other message. */
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":p:d:c:o:q", options,
	    NULL)) != -1) {
		switch (option) {
		case 'p':
			policies_path = optarg;
			break;
		case 'd':
			dictionary_path = optarg;
			break;
		case 'c':
			contacts_path = optarg;
			break;
		case OPTION_STATE:
			state_dir = optarg;
			break;
		case OPTION_AS_OF:
			as_of_text = optarg;
			break;
		case 'o':
			output_path = optarg;
			break;
		case OPTION_MASK:
			run.mask = 1;
			break;
		case OPTION_SIGNATURE:
			run.signature = optarg;
			break;
		case OPTION_REJECTS:
			rejects_path = optarg;
			break;
		case OPTION_USCC_ALLOW:
			allow_path = optarg;
			break;
		case OPTION_ENCODING:
			encoding = optarg;
			break;
		case 'q':
			run.quiet = 1;
			break;
		case OPTION_HELP:
			usage(stdout);
			output_close_stdout();
			return PFE_EXIT_OK;
		case OPTION_VERSION:
			pfe_print_version();
			break;
		default:
			usage_option_error(option, argv, optind, optopt);
		}
	}
	argc -= optind;
	argv += optind;

	if (policies_path == NULL)
		usage_error(_("missing option '--policies'"));
	if (dictionary_path == NULL)
		usage_error(_("missing option '--dictionary'"));
	if (contacts_path == NULL)
		usage_error(_("missing option '--contacts'"));
	if (state_dir == NULL)
		usage_error(_("missing option '--state': notices already sent "
		    "are recorded there"));
	if (as_of_text == NULL)
		usage_error(_("missing option '--as-of': the date is never "
		    "read from the clock"));
	date_format(date_parse_as_of(as_of_text), run.as_of);
	check_signature(run.signature);
	run.to_gb18030 = (iconv_t)-1;
	if (strcmp(encoding, "gb18030") == 0) {
		run.to_gb18030 = iconv_open("GB18030", "UTF-8");
		if (run.to_gb18030 == (iconv_t)-1)
			die_errno(_("cannot convert to GB18030"));
		run.row_stream = open_memstream(&run.row_text,
		    &run.row_size);
		if (run.row_stream == NULL)
			die(_("out of memory"));
	} else if (strcmp(encoding, "utf-8") != 0) {
		usage_error(_("invalid --encoding '%s': expected utf-8 or "
		    "gb18030"), encoding);
	}

	/* Every file this run creates may hold personal data (the rejects
	   file repeats contact rows), so none is readable by others. */
	umask(077);
	lock_fd = lock_state(state_dir);
	divisions = division_table_load(NULL);
	if (allow_path != NULL)
		allow = uscc_allow_load(allow_path, divisions);
	dict = dict_load(dictionary_path);
	set = policy_load(policies_path, NULL, dict);
	run.set = set;
	run.rejects = rejects_open(rejects_path);
	/* Warnings are printed here in English through gettext; the
	   rejects module keeps only the Chinese reasons for the file. */
	rejects_set_quiet(run.rejects, 1);
	contacts = notify_contacts_load(contacts_path, divisions, allow,
	    run.rejects, run.quiet);
	run.contacts = contacts;

	/* Contacts are personal data: the outbox is readable by its owner
	   only, and so is the state, which names who was notified. */
	outbox_out = output_open(output_path, 0600);
	run.outbox = output_stream(outbox_out);
	if (run.to_gb18030 == (iconv_t)-1)
		fputs("\xEF\xBB\xBF", run.outbox);
	write_outbox_row(&run, CSV_WRITE_DATA, 6, outbox_header);
	state_path = xasprintf("%s/%s", state_dir, STATE_FILE);
	state_open(&run.state, state_path);
	state_out = output_open(state_path, 0600);
	run.state_out = output_stream(state_out);
	csv_write_row(run.state_out, CSV_WRITE_DATA, 5, state_header);

	if (argc == 0)
		notify_file(&run, "-");
	for (int i = 0; i < argc; i++)
		notify_file(&run, argv[i]);
	flush_group(&run);
	while (run.state.row != NULL)
		state_copy(&run);

	rejected = rejects_count(run.rejects);
	if (!run.quiet)
		warn_msg(_("read %lu matches (%lu eligible), wrote %lu notices "
		    "(%lu sms, %lu mail), %lu already notified, %lu without "
		    "a contact, rejected %lu"), run.read, run.eligible,
		    run.notices, run.sms, run.mail, run.unchanged,
		    run.no_contact, rejected);

	/* The outbox is committed before the state: should the state fail,
	   the next run repeats a notice rather than losing one. A masked
	   outbox is for testing, so it records nothing. */
	/* Nothing is put in place unless every output was written. */
	output_flush_all();
	rejects_close(run.rejects);
	output_commit(outbox_out);
	if (run.mask)
		output_discard(state_out);
	else
		output_commit(state_out);
	output_close_stdout();

	if (run.state.reader != NULL)
		csv_reader_close(run.state.reader);
	free(run.state.last_uscc);
	free(run.state.last_item);
	free(state_path);
	if (run.to_gb18030 != (iconv_t)-1) {
		iconv_close(run.to_gb18030);
		fclose(run.row_stream);
		free(run.row_text);
		free(run.converted);
	}
	free(run.items);
	free(run.message);
	free(run.previous_item);
	notify_contacts_free(contacts);
	policy_free(set);
	dict_free(dict);
	uscc_allow_free(allow);
	division_table_free(divisions);
	close(lock_fd);
	return rejected > 0 ? PFE_EXIT_REJECTS : PFE_EXIT_OK;
}
