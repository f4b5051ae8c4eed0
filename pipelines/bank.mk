# The demo's steps after pfe-pay, against a SIMULATED bank: every payment
# file prepared and not yet approved is approved by APPROVER, marked sent
# by SENDER, answered by the mock bank (tests/mock-bank, for demos and
# tests only) with a pain.002 status report, and reconciled into the
# ledger. Run it after pipelines/pfe.mk with the same knobs:
#
#   make -f pipelines/bank.mk DATA=samples/chengdu OUT=out/demo \
#        STATE=out/demo/state AS_OF=2026-06-30
#
# Every stage is a file target that also depends on its program. The
# ledger in STATE is never a target: each step first reads the batch's
# states there and acts only when the batch is in the state the step
# expects, so a second run, or a run after OUT/bank was deleted, appends
# nothing to the ledger.
#
# Knobs:
#   DATA      data folder shaped like samples/chengdu (required); its
#             bank-returns.csv, when present, lists what the bank returns
#   OUT       output folder of pfe.mk (default out/NAME-OF-DATA)
#   STATE     state folder holding ledger.csv (default OUT/state)
#   AS_OF     as-of date of the approvals, the sending, the status report
#             and the reconciliation (default: the line in DATA/as-of)
#   BIN       folder holding the pfe programs (default bin)
#   MOCK_BANK the simulated bank (default build/mock-bank/pfe-mock-bank)
#   RETURNS   the simulated bank's returns list (default
#             DATA/bank-returns.csv when it exists; empty: none returned)
#   APPROVER  who approves (default 演示复核员, a made-up demo approver;
#             must differ from the preparer pfe-pay records, pfe-pay)
#   SENDER    who marks the files sent (default 演示出纳员)
#   STRICT    1: stop when pfe-reconcile reports conflicts (status 1)
#   V         1: show the commands
#
# Needs sqlite3 (a Debian package that `make deps` installs) to read
# the ledger's CSV.

DATA ?= $(error set DATA to a data folder, e.g. DATA=samples/chengdu)
OUT ?= out/$(notdir $(abspath $(DATA)))
STATE ?= $(OUT)/state
AS_OF ?= $(shell cat $(DATA)/as-of)
BIN ?= bin
MOCK_BANK ?= build/mock-bank/pfe-mock-bank
RETURNS ?= $(wildcard $(DATA)/bank-returns.csv)
APPROVER ?= 演示复核员
SENDER ?= 演示出纳员
STRICT ?= 0

# pfe's programs find the schemas in ../schemas beside their folder. The
# mock bank is built under build/, where there are none, so it gets the
# schema folder from the environment.
PFE_SCHEMAS ?= $(abspath schemas)
export PFE_SCHEMAS

ifeq ($(V),1)
Q =
else
Q = @
endif

LEDGER = $(STATE)/ledger.csv

ifeq ($(shell command -v sqlite3),)
$(error bank.mk needs sqlite3 to read the ledger: run make deps)
endif

# Print the distinct current states (the state of each payment's last
# row) of the payments prepared into batch $(1), sorted, on one line;
# sqlite3 reads the ledger's CSV, quoted fields included, and exits
# non-zero when it cannot.
batch_states = sqlite3 -batch :memory: \
	-cmd '.import --csv "$(LEDGER)" ledger' \
	"SELECT group_concat(state, ' ') FROM (SELECT DISTINCT l.state \
	 FROM ledger AS l \
	 JOIN (SELECT end_to_end_id, max(rowid) AS last FROM ledger \
	       GROUP BY end_to_end_id) AS m ON l.rowid = m.last \
	 WHERE l.end_to_end_id IN (SELECT end_to_end_id FROM ledger \
	       WHERE msg_id = '$(1)' AND state = 'prepared') \
	 ORDER BY 1);"

# Batches in the ledger that are not wholly void: the only ones a bank
# may ever see. Read when make starts; no step here makes a batch void.
LEDGER_BATCHES := $(if $(wildcard $(LEDGER)),$(shell sqlite3 -batch :memory: \
	-cmd '.import --csv "$(LEDGER)" ledger' \
	"SELECT DISTINCT p.msg_id FROM ledger AS p \
	 JOIN (SELECT end_to_end_id, max(rowid) AS last FROM ledger \
	       GROUP BY end_to_end_id) AS m ON p.end_to_end_id = m.end_to_end_id \
	 JOIN ledger AS l ON l.rowid = m.last \
	 WHERE p.state = 'prepared' AND l.state <> 'void' ORDER BY 1;"))

PAYMENT_FILES = $(sort $(wildcard $(OUT)/payments/*.xml))
FILE_BATCHES = $(basename $(notdir $(PAYMENT_FILES)))
BATCHES = $(filter $(LEDGER_BATCHES),$(FILE_BATCHES))
UNKNOWN_FILES = $(filter-out $(LEDGER_BATCHES),$(FILE_BATCHES))

APPROVALS = $(BATCHES:%=$(OUT)/bank/%.approved)
SENDINGS = $(BATCHES:%=$(OUT)/bank/%.sent)
STATUS_REPORTS = $(BATCHES:%=$(OUT)/bank/status-%.xml)

.DELETE_ON_ERROR:
.PHONY: all
# Every step but the bank's takes the state folder's lock without
# waiting, so two steps at once under make -j would fail: run in order.
.NOTPARALLEL:
# The stamps record each batch's states after its step; kept, so that a
# second run has nothing to do.
.SECONDARY: $(APPROVALS) $(SENDINGS)

all: $(if $(BATCHES),$(OUT)/reconcile.csv)
	$(Q):
	$(Q)$(if $(UNKNOWN_FILES),echo "bank.mk: skipped payment files that are void or not in $(LEDGER): $(UNKNOWN_FILES)" >&2)
	$(Q)$(if $(BATCHES),,echo "bank.mk: no payment file in $(OUT)/payments to approve" >&2)

# Status 1 from pfe-reconcile means some payments were conflicts, left
# unchanged; the step counts as done (with a message) unless STRICT=1.
run = status=0; $(1) || status=$$?; \
	if [ $$status -eq 1 ] && [ "$(STRICT)" != 1 ]; then \
		echo "bank.mk: $(2): done, with conflicts (see $@)" >&2; \
		status=0; fi; exit $$status

$(OUT)/bank:
	$(Q)mkdir -p $@

# The approver checks the file's SHA-256 and approves that digest.
$(OUT)/bank/%.approved: $(OUT)/payments/%.xml $(BIN)/pfe-approve | $(OUT)/bank
	$(Q)states=$$($(call batch_states,$*)) || exit 2; \
	if [ "$$states" = prepared ]; then \
		digest=$$(sha256sum < $< | cut -c1-64) && \
		$(BIN)/pfe-approve -q --state $(STATE) --as-of $(AS_OF) \
			--by '$(APPROVER)' --sha256 "$$digest" $< || exit 2; \
	fi
	$(Q)$(call batch_states,$*) > $@

$(OUT)/bank/%.sent: $(OUT)/bank/%.approved $(OUT)/payments/%.xml $(BIN)/pfe-approve
	$(Q)states=$$($(call batch_states,$*)) || exit 2; \
	if [ "$$states" = approved ]; then \
		$(BIN)/pfe-approve -q --state $(STATE) --as-of $(AS_OF) \
			--by '$(SENDER)' --sent $(OUT)/payments/$*.xml || exit 2; \
	fi
	$(Q)$(call batch_states,$*) > $@

# The simulated bank answers only a batch that was sent.
$(OUT)/bank/status-%.xml: $(OUT)/bank/%.sent $(OUT)/payments/%.xml $(RETURNS) $(MOCK_BANK)
	$(Q)states=$$($(call batch_states,$*)) || exit 2; \
	case " $$states " in "  "|*" prepared "*|*" approved "*|*" void "*) \
		echo "bank.mk: batch $* is $$states, not sent: the simulated bank has nothing to answer" >&2; \
		exit 2;; esac
	$(Q)$(MOCK_BANK) -q --as-of $(AS_OF) $(if $(RETURNS),--returns $(RETURNS)) \
		-o $@ $(OUT)/payments/$*.xml

# Every status report, old and new: reading one again changes nothing in
# the ledger, and the output lists every payment the bank answered.
$(OUT)/reconcile.csv: $(STATUS_REPORTS) $(BIN)/pfe-reconcile
	$(Q)$(call run,$(BIN)/pfe-reconcile -q --state $(STATE) --as-of $(AS_OF) \
		-o $@ $(STATUS_REPORTS),reconcile)
