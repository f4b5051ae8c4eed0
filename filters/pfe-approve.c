/*
 * pfe-approve: the maker-checker step between pfe-pay and the bank.
 * Records in the payment ledger that an approver other than the preparer
 * approved a payment file by its SHA-256, that an approved file was sent,
 * or that a batch not yet sent is void.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "ledger.h"
#include "money.h"
#include "output.h"
#include "pfe.h"
#include "sha256.h"

enum approve_action {
	ACTION_APPROVE,
	ACTION_SEND,
	ACTION_VOID
};

struct options {
	enum approve_action action;
	const char *state;
	const char *as_of;
	const char *by;
	const char *sha256;
	const char *msg_id;
	const char *void_reason;
	const char *file;
	int quiet;
};

/*
 * The payments of one batch: a shallow copy of the last ledger row of
 * each, because appending rows may move the ledger's array (the strings
 * stay in place).
 */
struct batch {
	char *msg_id;
	struct ledger_entry *payments;
	size_t count;
	int64_t sum;		/* fen */
};

/*
 * Return the msg_id of the batch whose prepared rows carry SHA256, or
 * NULL when no row does. Dies when two batches share the digest, which
 * only a hand-edited ledger can cause.
 */
static const char *
find_batch_by_sha256(struct ledger *ledger, const char *sha256)
{
	const char *found = NULL;
	size_t i;

	for (i = 0; i < ledger_count(ledger); i++) {
		const struct ledger_entry *e = ledger_entry_at(ledger, i);

		if (e->state != LEDGER_PREPARED || strcmp(e->sha256, sha256) != 0)
			continue;
		if (found != NULL && strcmp(found, e->msg_id) != 0)
			die(_("batches '%s' and '%s' in '%s' have the same SHA-256 '%s': check the ledger by hand"),
			    found, e->msg_id, ledger_path(ledger), sha256);
		found = e->msg_id;
	}
	return found;
}

/*
 * Collect the current row of every payment of batch MSG_ID, in ledger
 * order. Dies when the ledger has no row for it.
 */
static void
load_batch(struct ledger *ledger, const char *msg_id, struct batch *batch)
{
	size_t i;

	memset(batch, 0, sizeof *batch);
	batch->msg_id = xstrdup(msg_id);
	batch->payments = xcalloc(ledger_count(ledger) + 1,
	    sizeof *batch->payments);
	for (i = 0; i < ledger_count(ledger); i++) {
		const struct ledger_entry *e = ledger_entry_at(ledger, i);
		const struct ledger_entry *last;

		/* pfe-pay never prepares an end-to-end id twice, so each
		   payment has one prepared row. */
		if (e->state != LEDGER_PREPARED || strcmp(e->msg_id, msg_id) != 0)
			continue;
		last = ledger_last_for_payment(ledger, e->end_to_end_id);
		batch->payments[batch->count++] = *last;
		batch->sum += last->amount;
	}
	if (batch->count == 0)
		die(_("batch '%s' is not in '%s'"), msg_id, ledger_path(ledger));
}

/* Die when AS_OF is before the latest ledger date of batch MSG_ID: the
   ledger's rows of a batch must not go back in time. */
static void
check_as_of(struct ledger *ledger, const char *msg_id, const char *as_of)
{
	const char *latest = ledger_batch_latest_date(ledger, msg_id);

	if (latest != NULL && strcmp(as_of, latest) < 0)
		die(_("as-of date %s is before %s, the latest date of batch '%s' in '%s': pass --as-of %s or later"),
		    as_of, latest, msg_id, ledger_path(ledger), latest);
}

/* Append a row for PAYMENT in STATE, copying what identifies it. */
static void
append_state(struct ledger *ledger, const struct ledger_entry *payment,
    enum ledger_state state, const struct options *opt, const char *reason)
{
	struct ledger_entry entry = *payment;

	entry.state = state;
	entry.as_of = (char *)opt->as_of;
	entry.actor = (char *)opt->by;
	entry.reason = (char *)(reason != NULL ? reason : "");
	ledger_append(ledger, &entry);
}

/* Return the SHA-256 of FILE in HEX, or die naming the file. */
static void
hash_file(const char *file, char hex[SHA256_HEX_SIZE])
{
	if (sha256_file_hex(file, hex) != 0)
		die_errno(_("cannot read payment file '%s'"), file);
}

static void
approve(struct ledger *ledger, const struct options *opt,
    struct batch *batch)
{
	const char *msg_id;
	char hex[SHA256_HEX_SIZE];
	size_t i;

	/* The approver gives the digest they checked. A file given too
	   must still have it. */
	if (opt->file != NULL) {
		hash_file(opt->file, hex);
		if (strcmp(hex, opt->sha256) != 0)
			die(_("payment file '%s' has SHA-256 '%s', not '%s': it changed after it was checked"),
			    opt->file, hex, opt->sha256);
	}
	msg_id = find_batch_by_sha256(ledger, opt->sha256);
	if (msg_id == NULL)
		die(_("no payment file prepared in '%s' has SHA-256 '%s': check the digest, or prepare the file again"),
		    ledger_path(ledger), opt->sha256);
	load_batch(ledger, msg_id, batch);
	check_as_of(ledger, msg_id, opt->as_of);

	for (i = 0; i < batch->count; i++) {
		const struct ledger_entry *p = &batch->payments[i];

		if (p->state == LEDGER_APPROVED)
			die(_("batch '%s' is already approved by '%s'"),
			    msg_id, p->actor);
		if (p->state != LEDGER_PREPARED)
			die(_("payment '%s' of batch '%s' is %s: only a prepared batch can be approved"),
			    p->end_to_end_id, msg_id,
			    ledger_state_name(p->state));
		if (strcmp(p->actor, opt->by) == 0)
			die(_("'%s' prepared batch '%s' and cannot also approve it: another person must approve it"),
			    opt->by, msg_id);
	}
	for (i = 0; i < batch->count; i++)
		append_state(ledger, &batch->payments[i], LEDGER_APPROVED, opt,
		    NULL);
}

static void
send_batch(struct ledger *ledger, const struct options *opt, struct batch *batch)
{
	const char *msg_id;
	char hex[SHA256_HEX_SIZE];
	size_t i;

	hash_file(opt->file, hex);
	msg_id = find_batch_by_sha256(ledger, hex);
	if (msg_id == NULL)
		die(_("payment file '%s' (SHA-256 '%s') matches no batch in '%s': it changed after it was prepared, or was never prepared"),
		    opt->file, hex, ledger_path(ledger));
	load_batch(ledger, msg_id, batch);
	check_as_of(ledger, msg_id, opt->as_of);
	for (i = 0; i < batch->count; i++) {
		const struct ledger_entry *p = &batch->payments[i];

		if (p->state != LEDGER_APPROVED)
			die(_("payment '%s' of batch '%s' is %s, not approved: only an approved file can be sent"),
			    p->end_to_end_id, msg_id,
			    ledger_state_name(p->state));
	}
	for (i = 0; i < batch->count; i++)
		append_state(ledger, &batch->payments[i], LEDGER_SENT, opt,
		    NULL);
}

static void
void_batch(struct ledger *ledger, const struct options *opt,
    struct batch *batch)
{
	const char *msg_id = opt->msg_id;
	char hex[SHA256_HEX_SIZE];
	size_t i;

	if (opt->file != NULL) {
		hash_file(opt->file, hex);
		msg_id = find_batch_by_sha256(ledger, hex);
		if (msg_id == NULL)
			die(_("payment file '%s' (SHA-256 '%s') matches no batch in '%s': name the batch with --msg-id"),
			    opt->file, hex, ledger_path(ledger));
	}
	load_batch(ledger, msg_id, batch);
	check_as_of(ledger, msg_id, opt->as_of);
	for (i = 0; i < batch->count; i++) {
		const struct ledger_entry *p = &batch->payments[i];

		if (p->state != LEDGER_PREPARED && p->state != LEDGER_APPROVED)
			die(_("payment '%s' of batch '%s' is %s: only a batch not yet sent can be made void"),
			    p->end_to_end_id, batch->msg_id,
			    ledger_state_name(p->state));
	}
	for (i = 0; i < batch->count; i++)
		append_state(ledger, &batch->payments[i], LEDGER_VOID, opt,
		    opt->void_reason);
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s --state dir --as-of date --by name --sha256 hex [-q] [file.xml]\n"
	    "       %s --state dir --as-of date --by name --sent [-q] file.xml\n"
	    "       %s --state dir --as-of date --by name --void reason [-q]\n"
	    "           (file.xml | --msg-id id)\n"),
	    pfe_progname(), pfe_progname(), pfe_progname());
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nRecord in the payment ledger that a payment file was approved, sent or\n"
	    "made void. Approval names the file by its SHA-256 and must come from\n"
	    "someone other than its preparer; only an approved, unchanged file can be\n"
	    "marked sent.\n\n"
	    "  --state dir       state folder holding ledger.csv\n"
	    "  --as-of date      as-of date (YYYY-MM-DD) recorded in the ledger\n"
	    "  --by name         who approves, sends or voids\n"
	    "  --sha256 hex      approve the batch whose payment file has this SHA-256\n"
	    "  --sent            mark the approved batch of file.xml as sent\n"
	    "  --void reason     make a batch not yet sent void, giving the reason\n"
	    "  --msg-id id       the batch to make void, when its file is lost\n"
	    "  -q, --quiet       print no summary\n"
	    "  --help            print this help and exit\n"
	    "  --version         print the version and exit\n"), stdout);
}

enum long_only_option {
	OPT_STATE = 256,
	OPT_AS_OF,
	OPT_BY,
	OPT_SHA256,
	OPT_SENT,
	OPT_VOID,
	OPT_MSG_ID,
	OPT_HELP,
	OPT_VERSION
};

int
main(int argc, char *argv[])
{
	static const struct option long_options[] = {
		{ "state", required_argument, NULL, OPT_STATE },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "by", required_argument, NULL, OPT_BY },
		{ "sha256", required_argument, NULL, OPT_SHA256 },
		{ "sent", no_argument, NULL, OPT_SENT },
		{ "void", required_argument, NULL, OPT_VOID },
		{ "msg-id", required_argument, NULL, OPT_MSG_ID },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const done[] = {
		N_("%s: approved %zu payments totalling %s yuan in batch '%s' by '%s'\n"),
		N_("%s: marked %zu payments totalling %s yuan in batch '%s' as sent by '%s'\n"),
		N_("%s: made %zu payments totalling %s yuan in batch '%s' void by '%s'\n")
	};
	struct options opt;
	struct ledger *ledger;
	struct batch batch;
	char buf[MONEY_BUFSIZE];
	int sent = 0, c;

	pfe_init("pfe-approve");

	memset(&opt, 0, sizeof opt);
	while ((c = getopt_long(argc, argv, "q", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_STATE:
			opt.state = optarg;
			break;
		case OPT_AS_OF:
			date_parse_as_of(optarg);
			opt.as_of = optarg;
			break;
		case OPT_BY:
			opt.by = optarg;
			break;
		case OPT_SHA256:
			opt.sha256 = optarg;
			break;
		case OPT_SENT:
			sent = 1;
			break;
		case OPT_VOID:
			opt.void_reason = optarg;
			break;
		case OPT_MSG_ID:
			opt.msg_id = optarg;
			break;
		case 'q':
			opt.quiet = 1;
			break;
		case OPT_HELP:
			help();
			return PFE_EXIT_OK;
		case OPT_VERSION:
			pfe_print_version();
			break;
		default:
			usage(stderr);
			return PFE_EXIT_FATAL;
		}
	}
	if (optind < argc)
		opt.file = argv[optind++];
	if (optind < argc)
		usage_error(_("unexpected argument '%s': give one payment file"),
		    argv[optind]);

	if (opt.state == NULL)
		usage_error(_("missing option --state"));
	if (opt.as_of == NULL)
		usage_error(_("missing option --as-of"));
	if (opt.by == NULL)
		usage_error(_("missing option --by: name who acts"));
	if (opt.by[0] == '\0')
		usage_error(_("invalid --by '': expected a name"));
	/* The preparer check compares names exactly, so "王五 " must not
	   pass for another person than "王五". */
	if (ledger_actor_has_edge_blank(opt.by))
		usage_error(_("invalid --by '%s': remove the blanks before and after the name"),
		    opt.by);
	if (sent + (opt.void_reason != NULL) + (opt.sha256 != NULL) != 1)
		usage_error(_("give exactly one of --sha256, --sent and --void"));
	if (opt.sha256 != NULL) {
		opt.action = ACTION_APPROVE;
		if (!sha256_is_hex(opt.sha256))
			usage_error(_("invalid --sha256 '%s': expected 64 lower-case hex digits"),
			    opt.sha256);
	} else if (sent) {
		opt.action = ACTION_SEND;
		if (opt.file == NULL)
			usage_error(_("--sent needs the payment file"));
	} else {
		opt.action = ACTION_VOID;
		if (opt.void_reason[0] == '\0')
			usage_error(_("invalid --void '': give the reason"));
		if ((opt.file == NULL) == (opt.msg_id == NULL))
			usage_error(_("--void needs either the payment file or --msg-id"));
	}
	if (opt.msg_id != NULL && opt.action != ACTION_VOID)
		usage_error(_("--msg-id goes with --void only"));

	ledger = ledger_open(opt.state);
	if (opt.action == ACTION_APPROVE)
		approve(ledger, &opt, &batch);
	else if (opt.action == ACTION_SEND)
		send_batch(ledger, &opt, &batch);
	else
		void_batch(ledger, &opt, &batch);
	ledger_commit(ledger);

	if (!opt.quiet)
		fprintf(stderr, _(done[opt.action]), pfe_progname(),
		    batch.count, money_format(batch.sum, buf), batch.msg_id,
		    opt.by);
	ledger_close(ledger);
	free(batch.payments);
	free(batch.msg_id);
	output_close_stdout();
	return PFE_EXIT_OK;
}
