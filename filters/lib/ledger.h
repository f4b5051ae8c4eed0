/*
 * The payment ledger (STATE/ledger.csv, see schemas/ledger.csv.md): an
 * append-only CSV with one row per state change of one payment, guarded
 * by an exclusive lock on STATE/lock for the whole run.
 */
#ifndef PFE_LEDGER_H
#define PFE_LEDGER_H

#include <stddef.h>
#include <stdint.h>

/* Largest attempt number: end-to-end ids reserve 3 digits for it. */
#define LEDGER_MAX_ATTEMPT 999

enum ledger_state {
	LEDGER_PREPARED,	/* written into a payment file by pfe-pay */
	LEDGER_APPROVED,	/* an approver recorded the file's SHA-256 */
	LEDGER_SENT,		/* handed to the bank */
	LEDGER_SETTLED,		/* the bank reported it executed */
	LEDGER_RETURNED,	/* the bank reported it rejected or returned */
	LEDGER_VOID		/* withdrawn before the bank executed it */
};

/* One ledger row. Strings are owned by the ledger. */
struct ledger_entry {
	char *msg_id;		/* GrpHdr/MsgId of the payment file */
	char *pmt_inf_id;	/* PmtInf/PmtInfId */
	char *end_to_end_id;	/* CdtTrfTxInf/PmtId/EndToEndId */
	char *decision;		/* the decision id the payment carries out */
	char *uscc;		/* the creditor enterprise */
	char *item;		/* the policy item */
	int attempt;		/* 1, then one more after each return */
	int64_t amount;		/* fen */
	char *account;		/* the creditor account number */
	enum ledger_state state;
	char *as_of;		/* as-of date of the run that wrote the row */
	char *actor;		/* who acted: preparer, approver, pfe-reconcile */
	char *file;		/* payment file name */
	char *sha256;		/* SHA-256 of the payment file, hex */
	char *reason;		/* bank reason code or note, may be "" */
	char *batch_csv_sha256;	/* SHA-256 of the batch CSV written with
				   the payment file, hex, or "" */
	long line;		/* line in ledger.csv, 0 for a new row */
};

struct ledger;

/*
 * Open the ledger in the state folder DIR: create DIR when missing, take
 * an exclusive lock on DIR/lock without waiting, and load DIR/ledger.csv
 * when it exists. Dies with a message naming the state folder when
 * another run has the lock, and with file and line when the ledger is
 * malformed.
 */
struct ledger *ledger_open(const char *dir);

/* Return the path of ledger.csv (for messages). */
const char *ledger_path(const struct ledger *ledger);

/* Return the number of rows, old and appended, and row I of them. */
size_t ledger_count(const struct ledger *ledger);
const struct ledger_entry *ledger_entry_at(const struct ledger *ledger,
    size_t i);

/*
 * Return the last row for DECISION (its current state, of its latest
 * attempt), or NULL when the ledger has no row for it.
 */
const struct ledger_entry *ledger_last_for_decision(struct ledger *ledger,
    const char *decision);

/* Return the last row for the payment END_TO_END_ID, or NULL. */
const struct ledger_entry *ledger_last_for_payment(struct ledger *ledger,
    const char *end_to_end_id);

/* Return the highest attempt number recorded for DECISION, 0 if none. */
int ledger_last_attempt(struct ledger *ledger, const char *decision);

/*
 * Return the latest as-of date (YYYY-MM-DD) of the rows of batch MSG_ID,
 * or NULL when the ledger has no row for it. A later run on the batch
 * must not record an earlier date.
 */
const char *ledger_batch_latest_date(const struct ledger *ledger,
    const char *msg_id);

/*
 * Return 1 when STATE keeps a decision from being prepared again:
 * prepared, approved, sent or settled. Returned and void do not.
 */
int ledger_state_blocks(enum ledger_state state);

/* Append a copy of ENTRY (its line is ignored); kept in memory until
   ledger_commit. */
void ledger_append(struct ledger *ledger, const struct ledger_entry *entry);

/*
 * Write the old rows byte for byte plus the appended ones to a temporary
 * file, fsync it, rename it over ledger.csv and fsync the folder. Does
 * nothing when no row was appended. Dies on any write error, leaving the
 * old ledger in place.
 */
void ledger_commit(struct ledger *ledger);

/*
 * Like ledger_commit, with COUNT more rows after the appended ones: ROW
 * fills in row I (0 to COUNT - 1) when it is written, so a batch of any
 * size is written without a copy of each row in memory. Those rows are
 * not added to the ledger's lookups.
 */
void ledger_commit_rows(struct ledger *ledger, size_t count,
    void (*row)(void *context, size_t i, struct ledger_entry *entry),
    void *context);

/* Release the lock and free the ledger (uncommitted rows are lost). */
void ledger_close(struct ledger *ledger);

/*
 * Return 1 when NAME starts or ends with a blank: an ASCII space or tab,
 * a no-break space (U+00A0) or an ideographic space (U+3000). Actors are
 * compared byte for byte, so "王五 " would otherwise pass for someone
 * other than "王五".
 */
int ledger_actor_has_edge_blank(const char *name);

/* Return the name of STATE as written in the ledger ("prepared"). */
const char *ledger_state_name(enum ledger_state state);

/* Parse a state name into *STATE. Returns 0, or -1 for an unknown name. */
int ledger_state_parse(const char *name, enum ledger_state *state);

#endif
