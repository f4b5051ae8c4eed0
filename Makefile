# pfe: build the filters into bin/, run the demo pipeline, run the tests.
#
# Knobs (override on the command line, e.g. `make V=1 CFLAGS=-O0`):
#   CC, CFLAGS, LDFLAGS  compiler and its flags (pfe adds its own)
#   V=1                  show the commands
#   PREFIX               where `make install` puts bin/, share/ and man/
#   TESTS                Bats files to run (default: all of tests/)

CC ?= gcc
CFLAGS ?= -O2 -g
LDFLAGS ?=
PREFIX ?= /usr/local
VERSION = 0.1.0
TESTS ?= tests

# One list of programs drives the whole build: filters/pfe-NAME.c is
# built into bin/pfe-NAME.
PROGRAMS = policy classify portrait match review publicity pay approve reconcile notify summary merge impact

BINARIES = $(PROGRAMS:%=bin/pfe-%)
LIB_SOURCES = $(sort $(wildcard filters/lib/*.c))
LIB_HEADERS = $(wildcard filters/lib/*.h)
LIB_OBJECTS = $(LIB_SOURCES:filters/lib/%.c=build/obj/lib/%.o)
ASAN_BINARIES = $(PROGRAMS:%=build/asan/bin/pfe-%)
ASAN_LIB_OBJECTS = $(LIB_SOURCES:filters/lib/%.c=build/asan/obj/lib/%.o)

XML2_CFLAGS := $(shell pkg-config --cflags libxml-2.0 2>/dev/null)
XML2_LIBS := $(shell pkg-config --libs libxml-2.0 2>/dev/null)
# libcsv-dev ships no pkg-config file, so it is linked directly.
PFE_CFLAGS = -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -Ifilters/lib \
	-pthread $(XML2_CFLAGS) -DPFE_VERSION='"$(VERSION)"' \
	-DPFE_SHAREDIR='"$(PREFIX)/share/pfe"' \
	-DPFE_LOCALEDIR='"$(PREFIX)/share/locale"'
PFE_LIBS = $(XML2_LIBS) -lcsv -lnettle -pthread
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer

# Message catalogs: po/LANG.po compiled to locale/LANG/LC_MESSAGES/pfe.mo,
# which the programs find beside bin/.
LINGUAS = zh_CN
CATALOGS = $(LINGUAS:%=locale/%/LC_MESSAGES/pfe.mo)

ifeq ($(V),1)
Q =
say = @:
else
Q = @
say = @printf '  %-8s %s\n'
endif

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
# Objects are intermediate in the pattern chains; keep them so a second
# make rebuilds nothing.
.SECONDARY: $(PROGRAMS:%=build/obj/pfe-%.o) $(PROGRAMS:%=build/asan/obj/pfe-%.o)
.PHONY: all deps demo check asan bench clean install pot update-po FORCE

all: $(BINARIES) bin/pfe-gen $(CATALOGS)

# Rebuild everything when the compiler or flags change.
build/flags: FORCE | build
	@echo '$(CC) $(CFLAGS) $(PFE_CFLAGS) $(LDFLAGS) $(PFE_LIBS)' > $@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv -f $@.new $@

build build/obj/lib build/asan/obj/lib build/asan/bin bin:
	@mkdir -p $@

build/obj/lib/%.o: filters/lib/%.c $(LIB_HEADERS) build/flags | build/obj/lib
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS) $(PFE_CFLAGS) -c $< -o $@

build/obj/pfe-%.o: filters/pfe-%.c $(LIB_HEADERS) build/flags | build/obj/lib
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS) $(PFE_CFLAGS) -c $< -o $@

build/libpfe.a: $(LIB_OBJECTS)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

bin/pfe-%: build/obj/pfe-%.o build/libpfe.a | bin
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) $< build/libpfe.a $(PFE_LIBS) -o $@

# The same programs built with AddressSanitizer and UndefinedBehavior-
# Sanitizer; `make check` runs the tests against them.
asan: $(ASAN_BINARIES) build/asan/bin/pfe-gen build/asan/bin/pfe-mock-bank

build/asan/obj/lib/%.o: filters/lib/%.c $(LIB_HEADERS) build/flags | build/asan/obj/lib
	$(say) CC-ASAN $<
	$(Q)$(CC) $(ASAN_FLAGS) $(PFE_CFLAGS) -c $< -o $@

build/asan/obj/pfe-%.o: filters/pfe-%.c $(LIB_HEADERS) build/flags | build/asan/obj/lib
	$(say) CC-ASAN $<
	$(Q)$(CC) $(ASAN_FLAGS) $(PFE_CFLAGS) -c $< -o $@

build/asan/libpfe.a: $(ASAN_LIB_OBJECTS)
	$(Q)rm -f $@ && ar rcs $@ $^

build/asan/bin/pfe-%: build/asan/obj/pfe-%.o build/asan/libpfe.a | build/asan/bin
	$(say) LD-ASAN $@
	$(Q)$(CC) $(ASAN_FLAGS) $(LDFLAGS) $< build/asan/libpfe.a $(PFE_LIBS) -o $@

# Translations.
po/pfe.pot: $(LIB_SOURCES) $(PROGRAMS:%=filters/pfe-%.c) bench/pfe-gen.c bench/pfe-split.c
	$(say) XGETTEXT $@
	$(Q)xgettext --from-code=UTF-8 -k_ -kN_ -c'TRANSLATORS:' \
		--package-name=pfe --package-version=$(VERSION) \
		--no-location --sort-output -o $@ $^

pot: po/pfe.pot

# Merge new messages into every catalog; translate the empty ones after.
update-po: po/pfe.pot
	$(Q)for l in $(LINGUAS); do msgmerge --quiet --update --no-fuzzy-matching \
		--backup=none po/$$l.po po/pfe.pot; done

locale/%/LC_MESSAGES/pfe.mo: po/%.po
	@mkdir -p $(@D)
	$(say) MSGFMT $@
	$(Q)msgfmt --check -o $@ $<

# Debian packages the build, the demo and the tests need.
deps:
	@sh pipelines/deps.sh

AS_OF_DEMO = $(shell cat samples/chengdu/as-of 2>/dev/null)

# The demo: the pipeline up to prepared payments and notices, then the
# bank's side (approval, sending, a simulated bank's status report,
# reconciliation), then the summary. The demo publishes the awards with
# a publicity period of 0 days, so they clear at once and reach payment
# in one run; a real programme keeps the default of 5 days.
DEMO_KNOBS = PUBLICITY_DAYS=0 OBJECTIONS=

demo: deps all build/mock-bank/pfe-mock-bank
	$(Q)$(MAKE) --no-print-directory -f pipelines/pfe.mk \
		DATA=samples/chengdu OUT=out/demo STATE=out/demo/state \
		AS_OF=$(AS_OF_DEMO) BIN=bin $(DEMO_KNOBS) \
		out/demo/payments.csv out/demo/outbox.csv
	$(Q)$(MAKE) --no-print-directory -f pipelines/bank.mk \
		DATA=samples/chengdu OUT=out/demo STATE=out/demo/state \
		AS_OF=$(AS_OF_DEMO) BIN=bin MOCK_BANK=build/mock-bank/pfe-mock-bank
	$(Q)bin/pfe-summary --out out/demo

# The library's test driver, plain and sanitized, for tests/lib.bats.
build/asan/bin/libtest: tests/lib/libtest.c build/asan/libpfe.a | build/asan/bin
	$(say) LD-ASAN $@
	$(Q)$(CC) $(ASAN_FLAGS) $(PFE_CFLAGS) $< build/asan/libpfe.a $(PFE_LIBS) -o $@

bin/libtest: tests/lib/libtest.c build/libpfe.a | bin
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(PFE_CFLAGS) $< build/libpfe.a $(PFE_LIBS) -o $@

check: deps all asan build/asan/bin/libtest bin/libtest build/mock-bank/pfe-mock-bank
	@PFE_BIN=$(CURDIR)/build/asan/bin sh tests/run.sh $(TESTS)

# The seeded generator of department files (samples and benchmarks).
include bench/gen.mk
# The simulated bank that answers the demo's payment files.
include tests/mock-bank/mock-bank.mk

# The benchmark: N enterprises (default 100000); see bench/RESULTS.md.
# It is never part of make check.
bench: deps all
	$(Q)$(MAKE) --no-print-directory -f bench/bench.mk

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/pfe \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BINARIES) $(DESTDIR)$(PREFIX)/bin
	cp -R schemas data $(DESTDIR)$(PREFIX)/share/pfe
	install -m 644 doc/*.1 $(DESTDIR)$(PREFIX)/share/man/man1
	for l in $(LINGUAS); do \
		install -D -m 644 locale/$$l/LC_MESSAGES/pfe.mo \
		$(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/pfe.mo; done

clean:
	rm -rf build locale out $(BINARIES)
