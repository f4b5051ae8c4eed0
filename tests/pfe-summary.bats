#!/usr/bin/env bats
# pfe-summary: the counts a pipeline run prints.

load test_helper

@test "summary counts every stage of a run" {
	run -0 pfe-summary --out "$FIXTURES/pfe-summary/run"
	assert_line -n 0 "pfe summary of $FIXTURES/pfe-summary/run"
	assert_line -n 1 '  enterprises:  3'
	assert_line -n 2 '  policy items: 4 (automatic 2, semi-automatic 1, manual 1)'
	assert_line -n 3 '  matches:      3 eligible, 1 near misses; 2 enterprises eligible for at least one item (match rate 66.7%)'
	assert_line -n 4 '  notices:      1 enterprises in the outbox'
	assert_line -n 5 '  decisions:    2 approved (100005.50 yuan), 1 declined, 1 pending'
	assert_line -n 6 '  payments:     1 prepared in this run (100000.00 yuan), 1 held'
	assert_line -n 7 '  bank:         0 settled (0.00 yuan), 1 returned (100000.00 yuan)'
	assert_line -n 8 "  rejects:      2 rejected records, 1 exact duplicates (see $FIXTURES/pfe-summary/run/rejects/)"
	assert_line -n 9 '  control:      approved 2 (100005.50 yuan) = in the ledger 1 (100000.00 yuan) + returned 0 (0.00 yuan) + held 1 (5.50 yuan) + missing 0 (0.00 yuan)'
}

@test "summary fails when an approved award is missing" {
	cp -R "$FIXTURES/pfe-summary/run" "$BATS_TEST_TMPDIR/run"
	printf 'decision,reason\n' > "$BATS_TEST_TMPDIR/run/held-payments.csv"
	run --separate-stderr -2 pfe-summary --out "$BATS_TEST_TMPDIR/run"
	assert_equal "${stderr_lines[0]}" "pfe-summary: control totals: approved decision 'A-2' is neither in the ledger nor held"
	assert_equal "${stderr_lines[1]}" 'pfe-summary: control totals disagree: check the payment step'
	assert_line -n 9 '  control:      approved 2 (100005.50 yuan) = in the ledger 1 (100000.00 yuan) + returned 0 (0.00 yuan) + held 0 (0.00 yuan) + missing 1 (5.50 yuan)'
}

@test "summary fails when the ledger amount differs" {
	cp -R "$FIXTURES/pfe-summary/run" "$BATS_TEST_TMPDIR/run"
	sed -i 's/,2,100000.00,6223,/,2,99999.00,6223,/' "$BATS_TEST_TMPDIR/run/state/ledger.csv"
	run --separate-stderr -2 pfe-summary --out "$BATS_TEST_TMPDIR/run"
	assert_equal "${stderr_lines[0]}" "pfe-summary: control totals: decision 'A-1' is 100000.00 yuan in decisions.csv but 99999.00 yuan in the ledger"
}

@test "summary fails when the ledger pays an unapproved decision" {
	cp -R "$FIXTURES/pfe-summary/run" "$BATS_TEST_TMPDIR/run"
	printf 'M3,M3-1,A-3-1,A-3,91510100MA63333333,B,1,10.00,6224,prepared,2026-06-30,pfe-pay,M3.xml,00,\n' >> "$BATS_TEST_TMPDIR/run/state/ledger.csv"
	printf 'M4,M4-1,A-4-1,A-4,91510100MA63333333,C,1,10.00,6224,prepared,2026-06-30,pfe-pay,M4.xml,00,\n' >> "$BATS_TEST_TMPDIR/run/state/ledger.csv"
	printf 'M4,M4-1,A-4-1,A-4,91510100MA63333333,C,1,10.00,6224,void,2026-06-30,李四,M4.xml,00,\n' >> "$BATS_TEST_TMPDIR/run/state/ledger.csv"
	run --separate-stderr -2 pfe-summary --out "$BATS_TEST_TMPDIR/run"
	assert_equal "${stderr_lines[0]}" "pfe-summary: control totals: decision 'A-3' is in the ledger on its way to the bank but not approved in decisions.csv: make its batch void"
	assert_equal "${#stderr_lines[@]}" 2
}

@test "summary of a missing folder is an error" {
	run --separate-stderr -2 pfe-summary --out "$BATS_TEST_TMPDIR/none"
	assert_equal "$stderr" "pfe-summary: cannot read the output folder '$BATS_TEST_TMPDIR/none': No such file or directory"
}

@test "summary counts a returned payment's latest attempt" {
	cp -R "$FIXTURES/pfe-summary/run" "$BATS_TEST_TMPDIR/run"
	head -n 3 "$FIXTURES/pfe-summary/run/state/ledger.csv" > "$BATS_TEST_TMPDIR/run/state/ledger.csv"
	run -0 pfe-summary --out "$BATS_TEST_TMPDIR/run" --state "$BATS_TEST_TMPDIR/run/state"
	assert_line -n 9 '  control:      approved 2 (100005.50 yuan) = in the ledger 0 (0.00 yuan) + returned 1 (100000.00 yuan) + held 1 (5.50 yuan) + missing 0 (0.00 yuan)'
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

@test "summary counts awards held in publicity as held" {
	cp -R "$FIXTURES/pfe-summary/run" "$BATS_TEST_TMPDIR/run"
	printf 'decision,reason\n' > "$BATS_TEST_TMPDIR/run/held-payments.csv"
	head -n 2 "$FIXTURES/pfe-summary/run/decisions.csv" > "$BATS_TEST_TMPDIR/run/cleared.csv"
	printf 'decision,uscc,item,status,reasons\nA-2,91510100MA62222222,D,publicity,公示期未满\n' > "$BATS_TEST_TMPDIR/run/publicity-held.csv"
	run -0 pfe-summary --out "$BATS_TEST_TMPDIR/run"
	assert_line '  publicity:    1 cleared for payment, 1 held (period not ended, objection)'
	assert_line '  control:      approved 2 (100005.50 yuan) = in the ledger 1 (100000.00 yuan) + returned 0 (0.00 yuan) + held 1 (5.50 yuan) + missing 0 (0.00 yuan)'
}

@test "summary fails on a settled award no longer approved" {
	cp -R "$FIXTURES/pfe-summary/run" "$BATS_TEST_TMPDIR/run"
	printf 'M5,M5-1,A-4-1,A-4,91510100MA63333333,C,1,10.00,6224,settled,2026-06-30,pfe-reconcile,M5.xml,00,\n' >> "$BATS_TEST_TMPDIR/run/state/ledger.csv"
	run --separate-stderr -2 pfe-summary --out "$BATS_TEST_TMPDIR/run"
	assert_equal "${stderr_lines[0]}" "pfe-summary: control totals: decision 'A-4' was settled but is not approved in decisions.csv, which records no money owed back: record the revocation with a correction"
}

@test "summary rejects an unknown outcome and a repeated decision" {
	cp -R "$FIXTURES/pfe-summary/run" "$BATS_TEST_TMPDIR/run"
	sed -i 's/,pending,/,PENDING,/' "$BATS_TEST_TMPDIR/run/decisions.csv"
	run --separate-stderr -2 pfe-summary --out "$BATS_TEST_TMPDIR/run"
	assert_equal "$stderr" "pfe-summary: $BATS_TEST_TMPDIR/run/decisions.csv:4: invalid outcome 'PENDING': expected approved, declined or pending"
	cp "$FIXTURES/pfe-summary/run/decisions.csv" "$BATS_TEST_TMPDIR/run/decisions.csv"
	sed -n 2p "$FIXTURES/pfe-summary/run/decisions.csv" >> "$BATS_TEST_TMPDIR/run/decisions.csv"
	run --separate-stderr -2 pfe-summary --out "$BATS_TEST_TMPDIR/run"
	assert_equal "$stderr" "pfe-summary: $BATS_TEST_TMPDIR/run/decisions.csv: duplicate decision id 'A-1'"
}

@test "summary shows the ledger's amount in the equation" {
	cp -R "$FIXTURES/pfe-summary/run" "$BATS_TEST_TMPDIR/run"
	sed -i 's/,2,100000.00,6223,/,2,99999.00,6223,/' "$BATS_TEST_TMPDIR/run/state/ledger.csv"
	run --separate-stderr -2 pfe-summary --out "$BATS_TEST_TMPDIR/run"
	assert_line '  control:      approved 2 (100005.50 yuan) = in the ledger 1 (99999.00 yuan) + returned 0 (0.00 yuan) + held 1 (5.50 yuan) + missing 0 (0.00 yuan)'
}
