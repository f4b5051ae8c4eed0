# The pfe job with matching spread over shards: portraits.csv is split by
# USCC into SHARDS files, pfe-match runs on each shard (in parallel under
# `make -j`, or through GNU parallel), and pfe-merge joins the outputs in
# USCC order. Because each shard holds whole enterprises, matches.csv and
# match-details.csv equal a single run's byte for byte. The steps that need
# the global view (review, budgets, payments) run after the merge, through
# pipelines/pfe.mk.
#
#   make -j4 -f pipelines/shards.mk DATA=samples/chengdu OUT=out/sharded \
#        STATE=out/sharded/state AS_OF=2026-06-30 SHARDS=4
#
# Knobs (besides those of pipelines/pfe.mk: DATA, OUT, STATE, AS_OF, BIN,
# STRICT, V):
#   SHARDS  number of shards, 2 to 999 (default 3)
#   ENGINE  make: one make job per shard (default); parallel: GNU parallel
#           runs the shards, on this machine or, with SSHLOGIN, on others
#   SSHLOGIN  GNU parallel's --sshlogin list, e.g. "4/host1,4/host2,:"
#           (":" is this machine). The recipe names every file by its
#           absolute path, so each host needs pfe and OUT at the same paths,
#           for example through a shared folder. Hosts without one need
#           GNU parallel's --transferfile, --return and --cleanup, which
#           this recipe does not set up.
#   PARALLEL_FLAGS  more options for GNU parallel
#   MATCH_JOBS  evaluating threads of each pfe-match (default 1): the
#           shards already run side by side, so more threads per shard
#           only compete for the same processors
#
# The match statistics (match-stats.csv) are totals over all enterprises,
# so a sharded run does not write them. NOTE: a record pfe-match rejects is
# reported with its shard file and line, not those of portraits.csv, and
# the shard step counts status 1 (done, with rejects) as done even under
# STRICT=1.

DATA ?= $(error set DATA to a data folder, e.g. DATA=samples/chengdu)
OUT ?= out/$(notdir $(abspath $(DATA)))
STATE ?= $(OUT)/state
AS_OF ?= $(shell cat $(DATA)/as-of)
BIN ?= bin
SHARDS ?= 3
ENGINE ?= make
SSHLOGIN ?=
PARALLEL_FLAGS ?=
MATCH_JOBS ?= 1
CC ?= gcc

# pfe-split is built from bench/ against the library of the main build.
SPLIT = build/bench/pfe-split
SPLIT_CFLAGS = -std=c11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE \
	-Ifilters/lib $(shell pkg-config --cflags libxml-2.0)
SPLIT_LIBS = $(shell pkg-config --libs libxml-2.0) -lcsv -lnettle

ifeq ($(V),1)
Q =
else
Q = @
endif

SHARD_DIR = $(OUT)/shards
SHARD_IDS = $(shell seq 1 $(SHARDS))
PORTRAIT_SHARDS = $(SHARD_IDS:%=$(SHARD_DIR)/portraits.%.csv)
MATCH_SHARDS = $(SHARD_IDS:%=$(SHARD_DIR)/matches.%.csv)
DETAIL_SHARDS = $(SHARD_IDS:%=$(SHARD_DIR)/match-details.%.csv)
POLICIES = $(OUT)/policies-classified.xml
DICTIONARY = $(DATA)/dictionary.xml
PFE_MK = $(MAKE) --no-print-directory -f pipelines/pfe.mk DATA=$(DATA) \
	OUT=$(OUT) STATE=$(STATE) AS_OF=$(AS_OF) BIN=$(BIN)

.DELETE_ON_ERROR:
.PHONY: all merged
.SECONDARY: $(PORTRAIT_SHARDS) $(MATCH_SHARDS) $(DETAIL_SHARDS)

# Three phases, each a make of its own so every phase sees the files the
# one before wrote: policies and portraits; the shards; review, payments
# and the summary.
all:
	+$(Q)$(PFE_MK) $(OUT)/portraits.csv $(POLICIES)
	+$(Q)$(MAKE) --no-print-directory -f pipelines/shards.mk merged
	+$(Q)$(PFE_MK) summary

merged: $(OUT)/matches.csv $(OUT)/match-details.csv

$(SPLIT): bench/pfe-split.c build/libpfe.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(SPLIT_CFLAGS) $< build/libpfe.a $(SPLIT_LIBS) -o $@

build/libpfe.a:
	$(Q)$(MAKE) --no-print-directory build/libpfe.a

$(SHARD_DIR):
	$(Q)mkdir -p $@

$(PORTRAIT_SHARDS) &: $(OUT)/portraits.csv $(SPLIT) | $(SHARD_DIR)
	$(Q)$(SPLIT) -q -n $(SHARDS) -o $(SHARD_DIR)/portraits \
		$(OUT)/portraits.csv

ifeq ($(ENGINE),parallel)
# GNU parallel runs pfe-match once per shard number; --halt stops the
# others when one fails, and status 1 (done, with rejects) counts as done.
$(MATCH_SHARDS) $(DETAIL_SHARDS) &: $(PORTRAIT_SHARDS) $(POLICIES) $(BIN)/pfe-match
	$(Q)parallel --halt now,fail=1 $(if $(SSHLOGIN),--sshlogin $(SSHLOGIN)) \
		$(PARALLEL_FLAGS) \
		'$(abspath $(BIN))/pfe-match -q -j $(MATCH_JOBS) \
		-p $(abspath $(POLICIES)) \
		-d $(abspath $(DICTIONARY)) --as-of $(AS_OF) \
		--details $(abspath $(SHARD_DIR))/match-details.{}.csv \
		--rejects $(abspath $(SHARD_DIR))/rejects.{}.csv \
		-o $(abspath $(SHARD_DIR))/matches.{}.csv \
		$(abspath $(SHARD_DIR))/portraits.{}.csv || [ $$? -eq 1 ]' \
		::: $(SHARD_IDS)
else
# One job per shard; a pattern rule with two targets makes both at once.
$(SHARD_DIR)/matches.%.csv $(SHARD_DIR)/match-details.%.csv: $(SHARD_DIR)/portraits.%.csv $(POLICIES) $(BIN)/pfe-match
	$(Q)$(BIN)/pfe-match -q -j $(MATCH_JOBS) -p $(POLICIES) \
		-d $(DICTIONARY) --as-of $(AS_OF) \
		--details $(SHARD_DIR)/match-details.$*.csv \
		--rejects $(SHARD_DIR)/rejects.$*.csv \
		-o $(SHARD_DIR)/matches.$*.csv $< || [ $$? -eq 1 ]
endif

$(OUT)/matches.csv: $(MATCH_SHARDS) $(BIN)/pfe-merge
	$(Q)$(BIN)/pfe-merge -q -o $@ $(MATCH_SHARDS)

$(OUT)/match-details.csv: $(DETAIL_SHARDS) $(BIN)/pfe-merge
	$(Q)$(BIN)/pfe-merge -q -o $@ $(DETAIL_SHARDS)
