# The whole pfe job over one data folder: policies, portraits, matches,
# review, payments. Every stage is a file target that also depends on its
# program, so a rebuilt filter re-runs its stage, and every intermediate
# file stays in OUT for auditors.
#
#   make -f pipelines/pfe.mk DATA=samples/chengdu OUT=out/demo \
#        STATE=out/demo/state AS_OF=2026-06-30
#
# Knobs:
#   DATA    data folder shaped like samples/chengdu (required)
#   OUT     output folder (default out/NAME-OF-DATA)
#   STATE   state folder: payment ledger, earlier decisions, notices sent;
#           never a make target, so no clean or failed run removes it
#   AS_OF   as-of date (default: the line in DATA/as-of)
#   BIN     folder holding the pfe programs (default bin)
#   STRICT  1: stop at the first stage that rejected records; otherwise
#           status 1 (done, with rejects) lets the pipeline go on
#   PUBLICITY_DAYS  length of a new publicity period in calendar days
#           (default 5); no payment is prepared before a decision's
#           period has ended. 0 sets no period (for demonstrations)
#   OBJECTIONS  objections received during publicity (default:
#           DATA/objections.csv when it exists; empty: none)
#   MATCH_JOBS  evaluating threads of pfe-match (default: empty, one per
#           online processor)
#   V       1: show the commands

DATA ?= $(error set DATA to a data folder, e.g. DATA=samples/chengdu)
OUT ?= out/$(notdir $(abspath $(DATA)))
STATE ?= $(OUT)/state
AS_OF ?= $(shell cat $(DATA)/as-of)
BIN ?= bin
STRICT ?= 0
PUBLICITY_DAYS ?= 5
OBJECTIONS ?= $(wildcard $(DATA)/objections.csv)
MATCH_JOBS ?=

ifeq ($(V),1)
Q =
else
Q = @
endif

.DELETE_ON_ERROR:
.PHONY: all summary FORCE
# Intermediates are kept for auditors; every one is named here.
.SECONDARY: $(OUT)/policies.xml $(OUT)/policies-classified.xml \
	$(OUT)/modes.csv $(OUT)/portraits.csv $(OUT)/matches.csv \
	$(OUT)/decisions.csv $(OUT)/cleared.csv $(OUT)/outbox.csv

all: summary

DICTIONARY = $(DATA)/dictionary.xml
POLICY_SOURCES = $(sort $(wildcard $(DATA)/policies/*.xml))
DEPARTMENT_FILES = $(sort $(wildcard $(DATA)/departments/*.csv))
APPLICATIONS = $(sort $(wildcard $(DATA)/applications/*.xml))
REVIEWS = $(wildcard $(DATA)/reviews.csv)
CORRECTIONS = $(wildcard $(DATA)/corrections.csv)

# Run a filter. Status 1 means done with rejects: the stage counts as done
# (the rejects appear in the summary) unless STRICT=1. Status 2 stops.
run = status=0; $(1) || status=$$?; \
	if [ $$status -eq 1 ] && [ "$(STRICT)" != 1 ]; then \
		echo "pfe.mk: $(2): done with status 1: records were rejected or held (see $(OUT)/rejects/ and the held files)" >&2; \
		status=0; fi; exit $$status

$(OUT) $(OUT)/rejects $(OUT)/payments $(STATE):
	$(Q)mkdir -p $@

$(OUT)/policies.xml: $(POLICY_SOURCES) $(DICTIONARY) $(BIN)/pfe-policy | $(OUT)
	$(Q)$(call run,$(BIN)/pfe-policy -q -d $(DICTIONARY) -o $@ $(POLICY_SOURCES),policies)

$(OUT)/policies-classified.xml $(OUT)/modes.csv &: $(OUT)/policies.xml $(DICTIONARY) $(BIN)/pfe-classify
	$(Q)$(call run,$(BIN)/pfe-classify -q -d $(DICTIONARY) \
		--modes $(OUT)/modes.csv -o $(OUT)/policies-classified.xml \
		$(OUT)/policies.xml,classify)

$(OUT)/portraits.csv: $(DEPARTMENT_FILES) $(DICTIONARY) $(BIN)/pfe-portrait | $(OUT)/rejects
	$(Q)$(call run,$(BIN)/pfe-portrait -q --dictionary $(DICTIONARY) \
		--data $(DATA) --as-of $(AS_OF) \
		$(if $(wildcard $(DATA)/uscc-allow.csv),--uscc-allow $(DATA)/uscc-allow.csv) \
		--rejects $(OUT)/rejects/portraits.csv -o $@,portraits)

$(OUT)/matches.csv: $(OUT)/portraits.csv $(OUT)/policies-classified.xml $(DICTIONARY) $(BIN)/pfe-match | $(OUT)/rejects
	$(Q)$(call run,$(BIN)/pfe-match -q $(if $(MATCH_JOBS),-j $(MATCH_JOBS)) \
		-p $(OUT)/policies-classified.xml \
		-d $(DICTIONARY) --as-of $(AS_OF) \
		--details $(OUT)/match-details.csv --stats $(OUT)/match-stats.csv \
		$(if $(wildcard $(DATA)/uscc-allow.csv),--uscc-allow $(DATA)/uscc-allow.csv) \
		--rejects $(OUT)/rejects/matches.csv -o $@ $(OUT)/portraits.csv,match)

$(OUT)/decisions.csv: $(OUT)/matches.csv $(OUT)/portraits.csv $(OUT)/policies-classified.xml $(APPLICATIONS) $(REVIEWS) $(CORRECTIONS) $(BIN)/pfe-review | $(OUT)/rejects $(STATE)
	$(Q)$(call run,$(BIN)/pfe-review -q -p $(OUT)/policies-classified.xml \
		-d $(DICTIONARY) --portraits $(OUT)/portraits.csv \
		--matches $(OUT)/matches.csv --as-of $(AS_OF) --state $(STATE) \
		$(if $(REVIEWS),--reviews $(REVIEWS)) \
		$(if $(CORRECTIONS),--corrections $(CORRECTIONS)) \
		--worksheet $(OUT)/worksheet.csv --follow-up $(OUT)/follow-up.csv \
		--trace $(OUT)/review-trace.csv \
		--rejects $(OUT)/rejects/review.csv -o $@ $(APPLICATIONS),review)

# Publicity: the approved awards are published (publicity-list.csv, a
# file for people), each decision's period starts on the first run that
# lists it (recorded in STATE), and only the decisions whose period has
# ended without an unresolved or upheld objection go on to payment. It
# runs every time, because clearing depends on AS_OF and on STATE.
$(OUT)/cleared.csv: $(OUT)/decisions.csv $(OUT)/portraits.csv $(OUT)/policies-classified.xml $(OBJECTIONS) $(BIN)/pfe-publicity FORCE | $(OUT)/rejects $(STATE)
	$(Q)$(call run,$(BIN)/pfe-publicity -q --as-of $(AS_OF) \
		--portraits $(OUT)/portraits.csv \
		-p $(OUT)/policies-classified.xml -d $(DICTIONARY) \
		--days $(PUBLICITY_DAYS) --state $(STATE) \
		$(if $(OBJECTIONS),--objections $(OBJECTIONS)) \
		--list $(OUT)/publicity-list.csv --held $(OUT)/publicity-held.csv \
		--rejects $(OUT)/rejects/publicity.csv -o $@ $(OUT)/decisions.csv,publicity)

# The payment step reads and appends the ledger in STATE; its target is
# the list of what this run prepared and held, never the ledger itself.
# It runs every time, because the ledger can change between runs (a
# payment the bank returned may be prepared again), and pfe-pay prepares
# nothing twice.
$(OUT)/payments.csv: $(OUT)/cleared.csv $(OUT)/portraits.csv $(DATA)/bank-profile.xml $(BIN)/pfe-pay FORCE | $(OUT)/payments $(STATE)
	$(Q)$(call run,$(BIN)/pfe-pay -q --profile $(DATA)/bank-profile.xml \
		--accounts $(DATA)/departments/bank-accounts.csv \
		--portraits $(OUT)/portraits.csv --state $(STATE) --as-of $(AS_OF) \
		--out-dir $(OUT)/payments --held $(OUT)/held-payments.csv \
		--batch-csv $(OUT)/bank-batch.csv --rejects $(OUT)/rejects/pay.csv \
		--report $@ $(OUT)/cleared.csv,pay)

# Notices for enterprises newly eligible: an outbox for an SMS or mail
# gateway (mode 0600: it holds contacts); notices sent are recorded in
# STATE, so the next run notifies only what is new or changed. It runs
# after the payment step because both take the lock on STATE.
$(OUT)/outbox.csv: $(OUT)/matches.csv $(OUT)/policies-classified.xml $(DATA)/departments/contacts.csv $(BIN)/pfe-notify | $(OUT)/rejects $(STATE) $(OUT)/payments.csv
	$(Q)$(call run,$(BIN)/pfe-notify -q -p $(OUT)/policies-classified.xml \
		-d $(DICTIONARY) -c $(DATA)/departments/contacts.csv \
		--state $(STATE) --as-of $(AS_OF) \
		$(if $(wildcard $(DATA)/uscc-allow.csv),--uscc-allow $(DATA)/uscc-allow.csv) \
		--rejects $(OUT)/rejects/notify.csv -o $@ $(OUT)/matches.csv,notify)

FORCE:

# Optional: what changes for enterprises against an older version of the
# policies. OLD_POLICIES is a folder of policy sources (*.xml):
#   make -f pipelines/pfe.mk DATA=... OLD_POLICIES=old/policies impact
OLD_POLICIES ?=
OLD_POLICY_SOURCES = $(if $(OLD_POLICIES),$(sort $(wildcard $(OLD_POLICIES)/*.xml)))

.PHONY: impact
impact: $(OUT)/impact.csv

# The folder named last, so that naming another folder rebuilds the old
# policies even when its files are older.
$(OUT)/old-policies.folder: FORCE | $(OUT)
	$(Q)echo '$(abspath $(OLD_POLICIES))' > $@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

$(OUT)/old-policies.xml: $(OLD_POLICY_SOURCES) $(OUT)/old-policies.folder $(DICTIONARY) $(BIN)/pfe-policy | $(OUT)
	$(Q)$(if $(OLD_POLICY_SOURCES),,echo "pfe.mk: no policy sources (*.xml) in OLD_POLICIES='$(OLD_POLICIES)': set it to a folder of policy sources" >&2; exit 2;) \
	$(call run,$(BIN)/pfe-policy -q -d $(DICTIONARY) -o $@ $(OLD_POLICY_SOURCES),old policies)

$(OUT)/impact.csv $(OUT)/impact-summary.csv &: $(OUT)/old-policies.xml $(OUT)/policies-classified.xml $(OUT)/portraits.csv $(DICTIONARY) $(BIN)/pfe-impact | $(OUT)/rejects
	$(Q)$(call run,$(BIN)/pfe-impact -q --old $(OUT)/old-policies.xml \
		--new $(OUT)/policies-classified.xml -d $(DICTIONARY) --as-of $(AS_OF) \
		$(if $(wildcard $(DATA)/uscc-allow.csv),--uscc-allow $(DATA)/uscc-allow.csv) \
		--summary $(OUT)/impact-summary.csv \
		--rejects $(OUT)/rejects/impact.csv -o $(OUT)/impact.csv $(OUT)/portraits.csv,impact)

summary: $(OUT)/payments.csv $(OUT)/outbox.csv
	$(Q)$(BIN)/pfe-summary --out $(OUT) --state $(STATE)
