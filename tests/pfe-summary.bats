#!/usr/bin/env bats
# pfe-summary: the counts a pipeline run prints.

load test_helper

@test "summary counts every stage of a run" {
	run -0 pfe-summary --out "$FIXTURES/pfe-summary/run"
	assert_line -n 0 "pfe summary of $FIXTURES/pfe-summary/run"
	assert_line -n 1 '  enterprises:  3'
	assert_line -n 2 '  policy items: 4 (automatic 2, semi-automatic 1, manual 1)'
	assert_line -n 3 '  matches:      3 eligible, 1 near misses; 2 enterprises eligible for at least one item (match rate 66.7%)'
	assert_line -n 4 '  notices:      1 enterprises notified in this run'
	assert_line -n 5 '  decisions:    2 approved (100005.50 yuan), 1 declined, 1 pending'
	assert_line -n 6 '  payments:     1 prepared in this run (100000.00 yuan), 1 held'
	assert_line -n 7 "  rejects:      2 rejected records, 1 exact duplicates (see $FIXTURES/pfe-summary/run/rejects/)"
}

@test "summary of an empty folder prints zeros" {
	run -0 pfe-summary --out "$BATS_TEST_TMPDIR"
	assert_line -n 1 '  enterprises:  0'
	assert_line -n 3 '  matches:      0 eligible, 0 near misses; 0 enterprises eligible for at least one item (match rate -)'
}

@test "summary speaks Chinese under a Chinese locale" {
	LANG=zh_CN.UTF-8 run -0 pfe-summary --out "$FIXTURES/pfe-summary/run"
	assert_line -n 1 '  企业户数：3'
}

@test "summary names a file that lacks a column" {
	mkdir -p "$BATS_TEST_TMPDIR/o"
	printf 'uscc,item\nX,Y\n' > "$BATS_TEST_TMPDIR/o/matches.csv"
	run --separate-stderr -2 pfe-summary --out "$BATS_TEST_TMPDIR/o"
	assert_equal "$stderr" "pfe-summary: $BATS_TEST_TMPDIR/o/matches.csv:1: missing column 'status'"
}

@test "summary without --out is a usage error" {
	run --separate-stderr -2 pfe-summary
	assert_equal "${stderr_lines[0]}" 'pfe-summary: missing --out DIR'
	assert_equal "${stderr_lines[1]}" "Try 'pfe-summary --help' for more information."
}
