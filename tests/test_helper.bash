# Shared set-up for every Bats suite: the programs under test come from
# $PFE_BIN (the sanitizer build under `make check`, else bin/), and the
# environment is fixed so results depend on nothing outside the test.

bats_require_minimum_version 1.5.0

load /usr/lib/bats/bats-support/load
load /usr/lib/bats/bats-assert/load

PFE_ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
export PFE_ROOT
PFE_BIN=${PFE_BIN:-$PFE_ROOT/bin}
export PATH="$PFE_BIN:$PATH"
export PFE_SCHEMAS="$PFE_ROOT/schemas"
export PFE_DATA="$PFE_ROOT/data"
export PFE_LOCALEDIR="$PFE_ROOT/locale"
FIXTURES="$BATS_TEST_DIRNAME/fixtures"

# English messages unless a test sets another language.
unset LC_ALL LANGUAGE LC_MESSAGES
export LANG=C.UTF-8
export TZ=UTC

# A sanitizer report must never look like one of pfe's exit statuses.
export ASAN_OPTIONS=detect_leaks=0:exitcode=86
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=87

# Compare FILE with the golden file EXPECTED, showing a diff on mismatch.
assert_same_file() {
	if ! diff -u "$1" "$2"; then
		fail "$2 differs from $1"
	fi
}
