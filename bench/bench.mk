# The pfe benchmark: `make -f bench/bench.mk N=100000` (or `make bench`
# from the top Makefile) writes the data for N enterprises (department
# files and applications) once into bench/out/N/, then times the pipeline
# and its baselines with bench/run.sh and prints the figures.
# bench/RESULTS.md records the runs.
#
# Knobs:
#   N      number of enterprises (default 100000)
#   SEED   seed of pfe-gen (default 1)
#   AS_OF  as-of date (default 2026-06-30; bench/sql/*.sql assume it)
#   BIN    folder of the pfe programs (default bin, built by `make`)
#   REVIEW 1 (default): time the whole pipeline; 0: skip pfe-review and
#          pfe-pay, for sizes where they take too long (the pipeline
#          figures then read "n/a")
#   CC     compiler for the two measuring tools

N ?= 100000
SEED ?= 1
AS_OF ?= 2026-06-30
BIN ?= bin
REVIEW ?= 1
CC ?= gcc

BENCH_DIR = bench/out/$(N)
DATA = $(BENCH_DIR)/data
TOOLS = build/bench
TOOL_CFLAGS = -std=c11 -O2 -Wall -Wextra -Werror

# The Chengdu sample supplies what pfe-gen does not write.
SAMPLE = samples/chengdu
POLICIES = $(sort $(wildcard bench/policies/*.xml))

.DELETE_ON_ERROR:
.PHONY: bench
.DEFAULT_GOAL := bench

bench: $(DATA)/departments/contacts.csv $(DATA)/applications \
		$(DATA)/dictionary.xml \
		$(DATA)/bank-profile.xml $(DATA)/policies \
		$(TOOLS)/measure $(TOOLS)/parse-floor
	@echo "bench: $(N) enterprises, $(words $(POLICIES)) policy files," \
		"as of $(AS_OF)" >&2
	@sh bench/run.sh $(BENCH_DIR) $(BIN) $(TOOLS) $(AS_OF) $(REVIEW)

$(TOOLS) $(DATA):
	@mkdir -p $@

$(TOOLS)/measure: bench/measure.c | $(TOOLS)
	$(CC) $(TOOL_CFLAGS) $< -o $@

$(TOOLS)/parse-floor: bench/parse-floor.c | $(TOOLS)
	$(CC) $(TOOL_CFLAGS) $< -o $@ -lcsv

# pfe-gen renames its files into place at the end, contacts.csv last, so
# that file stands for the whole folder.
$(DATA)/departments/contacts.csv: $(BIN)/pfe-gen | $(DATA)
	$(BIN)/pfe-gen --seed $(SEED) --enterprises $(N) --as-of $(AS_OF) \
		-o $(DATA)/departments

# Applications of some enterprises for the items that need one, from the
# same seed, in batch files of at most 10000; written apart from the
# department files so that adding them leaves those files as they are.
$(DATA)/applications: $(BIN)/pfe-gen | $(DATA)
	rm -rf $@ $@.new
	mkdir $@.new
	$(BIN)/pfe-gen --seed $(SEED) --enterprises $(N) --as-of $(AS_OF) \
		--applications $@.new
	mv $@.new $@

$(DATA)/dictionary.xml: $(SAMPLE)/dictionary.xml | $(DATA)
	cp $< $@

$(DATA)/bank-profile.xml: $(SAMPLE)/bank-profile.xml | $(DATA)
	cp $< $@

$(DATA)/policies: $(POLICIES) | $(DATA)
	rm -rf $@ $@.new
	mkdir $@.new
	cp $(POLICIES) $@.new/
	mv $@.new $@
