#!/bin/sh
# Regenerate the Chengdu sample's department exports exactly as committed:
# pfe-gen with the fixed seed below, then the hand-made rows in bad-rows/
# appended to the file of the same name (README.md describes each).
#
#   sh samples/chengdu/departments.sh [OUTDIR]
#
# OUTDIR defaults to samples/chengdu/departments. PFE_GEN names the
# generator (default: pfe-gen on PATH). A GB18030 copy of the first rows
# of contacts.csv, for tests of the encoding path, goes to OUTDIR/../encodings
# only when OUTDIR is the default.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/departments}
gen=${PFE_GEN:-pfe-gen}

"$gen" -q --seed 2026 --enterprises 600 --as-of "$(cat "$here/as-of")" \
	-o "$out"

for rows in "$here"/bad-rows/*.csv; do
	cat "$rows" >>"$out/$(basename "$rows")"
done

if [ $# -eq 0 ]; then
	mkdir -p "$here/encodings"
	head -n 6 "$out/contacts.csv" |
		iconv -f UTF-8 -t GB18030 >"$here/encodings/contacts-gb18030.csv"
fi
