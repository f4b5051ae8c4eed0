#!/bin/sh
# Time the pfe pipeline and its two baselines on one benchmark data folder,
# check that pfe-match and SQLite select the same eligible enterprises, and
# print the figures. bench/bench.mk builds the data and the tools, then
# runs this script; see bench/RESULTS.md for what the figures mean.
#
# usage: bench/run.sh BENCH_DIR BIN TOOLS AS_OF [REVIEW]
#   BENCH_DIR  bench/out/N, holding data/ (written by bench.mk)
#   BIN        folder of the pfe programs
#   TOOLS      folder of measure and parse-floor
#   AS_OF      as-of date of the run
#   REVIEW     1 (default) runs the whole pipeline; 0 skips pfe-review and
#              pfe-pay, so the pipeline figures read "n/a"

set -eu

if [ $# -lt 4 ] || [ $# -gt 5 ]; then
	echo "usage: bench/run.sh BENCH_DIR BIN TOOLS AS_OF [REVIEW]" >&2
	exit 2
fi
dir=$1 bin=$2 tools=$3 as_of=$4 review=${5:-1}
data=$dir/data
run=$dir/run
dictionary=$data/dictionary.xml
times=$run/times.txt

rm -rf "$run"
mkdir -p "$run/rejects" "$run/payments" "$run/state"
: > "$times"

# Run one stage under measure and append its "NAME seconds=S
# max_rss_kib=K" line to the times file. The stage's standard output and
# error go to NAME.out and NAME.err in the run folder. Exit status 1
# (done, with rejects) counts as done, as in the pipeline.
stage() {
	name=$1
	shift
	status=0
	"$tools/measure" "$name" "$@" > "$run/$name.out" 2> "$run/$name.err" ||
	    status=$?
	grep "^$name seconds=" "$run/$name.err" >> "$times"
	if [ "$status" -gt 1 ]; then
		echo "bench: stage $name failed with status $status:" >&2
		cat "$run/$name.err" >&2
		exit 1
	fi
	echo "  $(grep "^$name seconds=" "$run/$name.err")" >&2
}

# The pipeline, from policy sources and department files to payments.
stage policy "$bin/pfe-policy" -q -d "$dictionary" -o "$run/policies.xml" \
	"$data"/policies/*.xml
stage classify "$bin/pfe-classify" -q -d "$dictionary" \
	--modes "$run/modes.csv" -o "$run/policies-classified.xml" \
	"$run/policies.xml"
stage portrait "$bin/pfe-portrait" -q --dictionary "$dictionary" \
	--data "$data" --as-of "$as_of" --rejects "$run/rejects/portraits.csv" \
	-o "$run/portraits.csv"
stage match "$bin/pfe-match" -q -p "$run/policies-classified.xml" \
	-d "$dictionary" --as-of "$as_of" \
	--rejects "$run/rejects/matches.csv" -o "$run/matches.csv" \
	"$run/portraits.csv"
if [ "$review" = 1 ]; then
	# The applications' batch files, when pfe-gen wrote any: a small N
	# may have none. pfe-review takes them as file arguments.
	set --
	for file in "$data"/applications/*.xml; do
		[ -e "$file" ] && set -- "$@" "$file"
	done
	stage review "$bin/pfe-review" -q -p "$run/policies-classified.xml" \
		-d "$dictionary" --portraits "$run/portraits.csv" \
		--matches "$run/matches.csv" --as-of "$as_of" \
		--worksheet "$run/worksheet.csv" --follow-up "$run/follow-up.csv" \
		--rejects "$run/rejects/review.csv" -o "$run/decisions.csv" "$@"
	# Decisions on applications have ids "A-" and the application id.
	awk -F, '$1 ~ /^A-/ { n++; outcome[$6]++ }
	END {
		printf "bench: %d applications: %d approved, %d declined, " \
		    "%d pending\n", n, outcome["approved"], \
		    outcome["declined"], outcome["pending"]
	}' "$run/decisions.csv" >&2
	stage pay "$bin/pfe-pay" -q --profile "$data/bank-profile.xml" \
		--accounts "$data/departments/bank-accounts.csv" \
		--portraits "$run/portraits.csv" --state "$run/state" --as-of "$as_of" \
		--out-dir "$run/payments" --held "$run/held-payments.csv" \
		--report "$run/payments.csv" "$run/decisions.csv"
fi

# The baselines, on the same files.
stage floor_departments "$tools/parse-floor" "$data"/departments/*.csv
stage floor_portraits "$tools/parse-floor" "$run/portraits.csv"
stage sqlite sh -c 'exec sqlite3 :memory: ".import --csv $1 raw" \
	".read bench/sql/load.sql" ".read bench/sql/items.sql" > "$2"' \
	sqlite "$run/portraits.csv" "$run/sqlite.csv"

# Both must select the same (item, uscc) pairs.
awk -F, 'NR > 1 && $3 == "eligible" { print $2 "," $1 }' \
	"$run/matches.csv" | LC_ALL=C sort > "$run/eligible-match.csv"
LC_ALL=C sort "$run/sqlite.csv" > "$run/eligible-sqlite.csv"
if ! cmp -s "$run/eligible-match.csv" "$run/eligible-sqlite.csv"; then
	echo "bench: pfe-match and SQLite disagree on these items:" >&2
	diff "$run/eligible-match.csv" "$run/eligible-sqlite.csv" |
	    sed -n 's/^[<>] \([^,]*\),.*/\1/p' | sort -u >&2
	exit 1
fi
pairs=$(wc -l < "$run/eligible-match.csv")
enterprises=$(($(wc -l < "$run/portraits.csv") - 1))
echo "bench: pfe-match and SQLite agree on $pairs eligible pairs" \
	"of $enterprises enterprises" >&2

# The figures, from the times file.
awk -v review="$review" '
{
	name = $1
	sub("seconds=", "", $2)
	sub("max_rss_kib=", "", $3)
	seconds[name] = $2
	rss[name] = $3
}
END {
	pipeline = seconds["policy"] + seconds["classify"] + \
	    seconds["portrait"] + seconds["match"] + seconds["review"] + \
	    seconds["pay"]
	printf "match_vs_parse_floor: %.2f\n", \
	    seconds["match"] / seconds["floor_portraits"]
	printf "sqlite_vs_match: %.2f\n", seconds["sqlite"] / seconds["match"]
	if (review == 1)
		printf "pipeline_vs_parse_floor: %.2f\n", \
		    pipeline / seconds["floor_departments"]
	else
		print "pipeline_vs_parse_floor: n/a"
	printf "match_peak_rss_mib: %.1f\n", rss["match"] / 1024
	printf "portrait_peak_rss_mib: %.1f\n", rss["portrait"] / 1024
	if (review == 1)
		printf "pipeline_seconds: %.2f\n", pipeline
	else
		print "pipeline_seconds: n/a"
}' "$times"
