#!/bin/sh
# Run the Bats suites given as arguments (default: tests/), print each
# failure, and end with the line "N passed, N failed[, N skipped]".
# Exits 1 when a test failed or Bats itself failed.
set -u

cd "$(dirname "$0")/.." || exit 2
[ $# -gt 0 ] || set -- tests
tap=$(mktemp) && errors=$(mktemp) || exit 2
trap 'rm -f "$tap" "$errors"' EXIT

jobs=
if command -v parallel >/dev/null 2>&1; then
	jobs="--jobs $(nproc 2>/dev/null || echo 2)"
fi

# shellcheck disable=SC2086
bats --tap $jobs "$@" > "$tap" 2> "$errors"
status=$?

awk '
/^ok / {
	if ($0 ~ /# [Ss][Kk][Ii][Pp]/) skipped++; else passed++
	collecting = 0; next
}
/^not ok / {
	if ($0 ~ /# TODO/) { skipped++; collecting = 0; next }
	failed++; print; collecting = 1; next
}
/^#/ { if (collecting) print; next }
END {
	line = sprintf("%d passed, %d failed", passed, failed)
	if (skipped > 0) line = line sprintf(", %d skipped", skipped)
	print line
	exit failed > 0
}' "$tap"
summary=$?

if [ "$status" -ne 0 ] && [ "$summary" -eq 0 ]; then
	# Bats failed without a failing test: a syntax error or no tests.
	cat "$errors" >&2
	echo "bats exited with status $status" >&2
	exit 1
fi
exit "$summary"
