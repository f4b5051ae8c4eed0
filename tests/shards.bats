#!/usr/bin/env bats
# Sharded matching (pipelines/shards.mk): portraits split by USCC, matched
# per shard under make -j or GNU parallel, and merged, give the same
# matches.csv and match-details.csv as a single run, byte for byte.

load test_helper

AS_OF=$(cat "$PFE_ROOT/samples/chengdu/as-of")
SPLIT="$PFE_ROOT/build/bench/pfe-split"

# Run a pipeline Makefile on the Chengdu sample into OUT.
run_make() {
	local makefile=$1 out=$2
	shift 2
	make --no-print-directory -s -C "$PFE_ROOT" -f "$makefile" \
		DATA=samples/chengdu OUT="$out" STATE="$out/state" \
		AS_OF="$AS_OF" BIN="$PFE_BIN" "$@"
}

setup_file() {
	export BATS_NO_PARALLELIZE_WITHIN_FILE=true
	export SINGLE="$BATS_FILE_TMPDIR/single"
	run_make pipelines/pfe.mk "$SINGLE" > /dev/null 2>&1
	# Builds pfe-split for the tests below that call it directly.
	make --no-print-directory -s -C "$PFE_ROOT" -f pipelines/shards.mk \
		DATA=samples/chengdu build/bench/pfe-split
}

# Check that every shard of portraits has at least one enterprise.
assert_shards_not_empty() {
	local dir=$1 count=$2 shard
	for shard in $(seq 1 "$count"); do
		[ "$(wc -l < "$dir/portraits.$shard.csv")" -gt 1 ] ||
			fail "shard $shard has no enterprise"
	done
}

@test "make -j over 3 shards equals a single run" {
	local out="$BATS_TEST_TMPDIR/make"
	run -0 run_make pipelines/shards.mk "$out" -j3 SHARDS=3
	assert_shards_not_empty "$out/shards" 3
	assert_same_file "$SINGLE/matches.csv" "$out/matches.csv"
	assert_same_file "$SINGLE/match-details.csv" "$out/match-details.csv"
}

@test "thread counts give the same matches" {
	# 601 portraits make three batches of rows, evaluated out of order
	# by 1, 2 and 5 threads and written in order.
	local dir="$BATS_TEST_TMPDIR" allow="$PFE_ROOT/samples/chengdu/uscc-allow.csv"
	local jobs
	for jobs in 1 2 5; do
		run -0 pfe-match -q -j "$jobs" -p "$SINGLE/policies-classified.xml" \
			-d "$PFE_ROOT/samples/chengdu/dictionary.xml" --as-of "$AS_OF" \
			--details "$dir/details.$jobs.csv" --stats "$dir/stats.$jobs.csv" \
			--uscc-allow "$allow" -o "$dir/matches.$jobs.csv" \
			"$SINGLE/portraits.csv"
		assert_same_file "$SINGLE/matches.csv" "$dir/matches.$jobs.csv"
		assert_same_file "$SINGLE/match-details.csv" "$dir/details.$jobs.csv"
		assert_same_file "$SINGLE/match-stats.csv" "$dir/stats.$jobs.csv"
	done
}

@test "GNU parallel over 4 shards equals a single run" {
	if ! command -v parallel > /dev/null; then
		skip "GNU parallel is not installed"
	fi
	local out="$BATS_TEST_TMPDIR/parallel"
	run -0 run_make pipelines/shards.mk "$out" SHARDS=4 ENGINE=parallel
	assert_shards_not_empty "$out/shards" 4
	assert_same_file "$SINGLE/matches.csv" "$out/matches.csv"
	assert_same_file "$SINGLE/match-details.csv" "$out/match-details.csv"
}

@test "sharded run reviews and pays like a single run" {
	local out="$BATS_TEST_TMPDIR/review"
	run -0 run_make pipelines/shards.mk "$out" -j2 SHARDS=5
	assert_shards_not_empty "$out/shards" 5
	assert_same_file "$SINGLE/decisions.csv" "$out/decisions.csv"
	assert_same_file "$SINGLE/payments.csv" "$out/payments.csv"
}

@test "pfe-split keeps quoted fields and whole keys" {
	local prefix="$BATS_TEST_TMPDIR/part"
	run -0 "$SPLIT" -q -n 3 -o "$prefix" "$FIXTURES/shards/sorted.csv"
	# Shard k starts at record k * 7 / 3, but the second A2 record stays
	# with the first, so the second shard holds only A3.
	run -0 cat "$prefix.1.csv"
	assert_output $'uscc,note\nA1,one\nA2,"two, with comma"\nA2,second row of A2'
	run -0 cat "$prefix.2.csv"
	assert_output $'uscc,note\nA3,"three\nlines"'
	run -0 cat "$prefix.3.csv"
	assert_output $'uscc,note\nA4,four\nA5,"five ""quoted"""\nA6,six'
}

@test "pfe-split merged back equals its input" {
	local prefix="$BATS_TEST_TMPDIR/part"
	run -0 "$SPLIT" -q -n 4 -o "$prefix" "$FIXTURES/shards/sorted.csv"
	run -0 pfe-merge -q -o "$BATS_TEST_TMPDIR/merged.csv" \
		"$prefix".{1,2,3,4}.csv
	assert_same_file "$FIXTURES/shards/sorted.csv" \
		"$BATS_TEST_TMPDIR/merged.csv"
}

@test "pfe-split rejects standard input" {
	run -2 --separate-stderr "$SPLIT" -n 3 -o "$BATS_TEST_TMPDIR/x" -
	assert_equal "${stderr_lines[0]}" \
		"pfe-split: cannot split standard input: it is read twice, so name a file"
}

@test "pfe-split rejects a missing key column" {
	run -2 --separate-stderr "$SPLIT" -n 3 -k code \
		-o "$BATS_TEST_TMPDIR/x" "$FIXTURES/shards/sorted.csv"
	assert_equal "${stderr_lines[0]}" \
		"pfe-split: $FIXTURES/shards/sorted.csv:1: missing key column 'code'"
}
