#!/usr/bin/env bats
# pfe-merge: sorted shards back into one file, quoted fields intact.

load test_helper

@test "merge interleaves shards in key order" {
	run -0 pfe-merge -q "$FIXTURES/pfe-merge/shard1.csv" "$FIXTURES/pfe-merge/shard2.csv" "$FIXTURES/pfe-merge/shard3.csv"
	assert_line -n 0 'uscc,item,explanation'
	assert_line -n 1 '91510100MA6A000001,A,"营业收入 1亿元, 增长 5%"'
	assert_line -n 2 '91510101MA6D000004,C,x'
	assert_line -n 3 '91510104MA6B000002,B,"line one'
	assert_line -n 4 'line two"'
	assert_line -n 5 '91510105MA6C000003,A,plain'
	assert_line -n 6 '91510105MA6C000003,B,"say ""yes"""'
	assert_line -n 7 '91510199MA6E000005,A,y'
}

@test "merge of one file reproduces it byte for byte" {
	pfe-merge -q -o "$BATS_TEST_TMPDIR/out.csv" "$FIXTURES/pfe-merge/shard2.csv"
	assert_same_file "$FIXTURES/pfe-merge/shard2.csv" "$BATS_TEST_TMPDIR/out.csv"
}

@test "merge prints a count summary" {
	run --separate-stderr -0 pfe-merge -o "$BATS_TEST_TMPDIR/out.csv" "$FIXTURES/pfe-merge/shard1.csv" "$FIXTURES/pfe-merge/shard3.csv"
	assert_equal "$stderr" 'pfe-merge: read 2 files, wrote 4 records'
}

@test "merge rejects an unsorted input and writes nothing" {
	printf 'uscc,item,explanation\nB,1,x\nA,2,y\n' > "$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr -2 pfe-merge -o "$BATS_TEST_TMPDIR/out.csv" "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "$stderr" "pfe-merge: $BATS_TEST_TMPDIR/bad.csv:3: key 'A' sorts before 'B' on line 2: sort each input by its key column"
	[ ! -e "$BATS_TEST_TMPDIR/out.csv" ] || fail "out.csv was written"
}

@test "merge rejects shards with different headers" {
	printf 'uscc,item\nA,1\n' > "$BATS_TEST_TMPDIR/other.csv"
	run --separate-stderr -2 pfe-merge "$FIXTURES/pfe-merge/shard1.csv" "$BATS_TEST_TMPDIR/other.csv"
	assert_equal "$stderr" "pfe-merge: $BATS_TEST_TMPDIR/other.csv:1: header differs from the header of '$FIXTURES/pfe-merge/shard1.csv'"
}

@test "merge needs the key column" {
	run --separate-stderr -2 pfe-merge -k code "$FIXTURES/pfe-merge/shard1.csv"
	assert_equal "$stderr" "pfe-merge: $FIXTURES/pfe-merge/shard1.csv:1: missing key column 'code'"
}

@test "merge rejects a ragged record" {
	printf 'uscc,item\nA,1,extra\n' > "$BATS_TEST_TMPDIR/ragged.csv"
	run --separate-stderr -2 pfe-merge "$BATS_TEST_TMPDIR/ragged.csv"
	assert_equal "$stderr" "pfe-merge: $BATS_TEST_TMPDIR/ragged.csv:2: record has 3 fields, the header has 2"
}

@test "merge without files is a usage error" {
	run --separate-stderr -2 pfe-merge
	assert_equal "${stderr_lines[0]}" 'pfe-merge: missing input files'
}

@test "merge names an unknown option" {
	run --separate-stderr -2 pfe-merge --bogus x.csv
	assert_equal "${stderr_lines[0]}" "pfe-merge: unknown option '--bogus'"
	run --separate-stderr -2 pfe-merge -k
	assert_equal "${stderr_lines[0]}" "pfe-merge: option '-k' requires a value"
}

@test "merge advises iconv for a GB18030 shard" {
	printf 'uscc,item\n91510100MA6A000001,成都\n' | iconv -f UTF-8 -t GB18030 > "$BATS_TEST_TMPDIR/gbk.csv"
	run --separate-stderr -2 pfe-merge "$BATS_TEST_TMPDIR/gbk.csv"
	assert_equal "$stderr" "pfe-merge: $BATS_TEST_TMPDIR/gbk.csv:2: the file is not UTF-8 but looks like GB18030 (GBK), as Chinese spreadsheet programs save CSV: convert it with 'iconv -f GB18030 -t UTF-8'"
}
