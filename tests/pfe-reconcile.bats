#!/usr/bin/env bats
# pfe-reconcile: pain.002 status reports against the payment ledger.

load test_helper
bats_require_minimum_version 1.5.0

F="$FIXTURES/pfe-pay"
R="$FIXTURES/pfe-reconcile"

# Prepare, approve and send the pfe-pay test batch, so the bank's
# reports can settle or return its payments.
setup() {
	[ -x "$PFE_BIN/pfe-reconcile" ] ||
		skip "pfe-reconcile is not built: it needs 'reconcile' in PROGRAMS of the Makefile"
	STATE="$BATS_TEST_TMPDIR/state"
	FILE="$BATS_TEST_TMPDIR/p.xml"
	pfe-pay -q --profile "$F/bank-profile.xml" --accounts "$F/bank-accounts.csv" \
		--portraits "$F/portraits.csv" --state "$STATE" --as-of 2026-06-30 \
		--preparer 王制单 -o "$FILE" "$F/decisions-clean.csv"
	SHA=$(sha256sum "$FILE" | cut -d' ' -f1)
	pfe-approve -q --state "$STATE" --as-of 2026-07-01 --by 李复核 --sha256 "$SHA"
	cd "$R"
}

send() {
	pfe-approve -q --state "$STATE" --as-of 2026-07-01 --by 张出纳 --sent "$FILE"
}

reconcile() {
	pfe-reconcile --state "$STATE" --as-of 2026-07-02 "$@"
}

# Print end-to-end id, state and reason of the ledger's last N rows.
last_rows() {
	tail -n "$1" "$STATE/ledger.csv" | cut -d, -f3,10,15
}

@test "status report settles and returns payments" {
	send
	run --separate-stderr -0 reconcile -o "$BATS_TEST_TMPDIR/r.csv" status-10.xml
	assert_same_file "$R/expected-reconcile.csv" "$BATS_TEST_TMPDIR/r.csv"
	assert_equal "$stderr" 'pfe-reconcile: read 1 status reports with 3 payments: settled 2, returned 1, in progress 0, unchanged 0, conflicts 0'
}

@test "ledger records the bank's reason code" {
	send
	run --separate-stderr -0 reconcile -o /dev/null status-10.xml
	run -0 last_rows 3
	assert_line -n 0 'A-APP-2026-0001-1,settled,ACSC'
	assert_line -n 1 'G-CD-XSG-91510104MA61XP015A-1,returned,RJCT AC04 收款账户已销户'
	assert_line -n 2 'G-CD-GQ-FIRST-91510105MA62XP0249-1,settled,ACSC'
}

@test "pain.002.001.03 report has the same effect" {
	send
	run --separate-stderr -0 reconcile -o /dev/null status-03.xml
	run -0 last_rows 3
	assert_line -n 0 'A-APP-2026-0001-1,settled,ACSC'
	assert_line -n 1 'G-CD-XSG-91510104MA61XP015A-1,returned,RJCT AC04 收款账户已销户'
}

@test "same report read again settles nothing twice" {
	send
	run --separate-stderr -0 reconcile -o /dev/null status-10.xml
	cp "$STATE/ledger.csv" "$BATS_TEST_TMPDIR/before.csv"
	run --separate-stderr -0 reconcile -o /dev/null status-10.xml status-03.xml
	assert_equal "$stderr" 'pfe-reconcile: read 2 status reports with 6 payments: settled 0, returned 0, in progress 0, unchanged 6, conflicts 0'
	assert_same_file "$BATS_TEST_TMPDIR/before.csv" "$STATE/ledger.csv"
}

@test "returned payment is prepared again after the account is corrected" {
	send
	run --separate-stderr -0 reconcile -o /dev/null status-10.xml
	sed 's/,4402200009990001001,/,4402200009990001002,/' "$F/bank-accounts.csv" > "$BATS_TEST_TMPDIR/accounts.csv"
	run --separate-stderr -0 pfe-pay --profile "$F/bank-profile.xml" --accounts "$BATS_TEST_TMPDIR/accounts.csv" \
		--portraits "$F/portraits.csv" --state "$STATE" --as-of 2026-07-03 \
		-o "$BATS_TEST_TMPDIR/again.xml" --report "$BATS_TEST_TMPDIR/payments.csv" \
		"$F/decisions-clean.csv"
	run -0 cut -d, -f3 "$BATS_TEST_TMPDIR/payments.csv"
	assert_output 'end_to_end_id
G-CD-XSG-91510104MA61XP015A-2'
}

@test "returned payment to the same account is held" {
	send
	run --separate-stderr -0 reconcile -o /dev/null status-10.xml
	run --separate-stderr -1 pfe-pay -q --profile "$F/bank-profile.xml" --accounts "$F/bank-accounts.csv" \
		--portraits "$F/portraits.csv" --state "$STATE" --as-of 2026-07-03 \
		-o "$BATS_TEST_TMPDIR/again.xml" --held "$BATS_TEST_TMPDIR/held.csv" \
		"$F/decisions-clean.csv"
	run -0 tail -n +2 "$BATS_TEST_TMPDIR/held.csv"
	assert_output 'G-CD-XSG-91510104MA61XP015A,91510104MA61XP015A,CD-XSG,100000.00,第1次付款被银行退回（RJCT AC04 收款账户已销户），收款账号“4402200009990001001”仍与退回时相同：请先在 bank-accounts.csv 中更正收款账户'
	[ ! -e "$BATS_TEST_TMPDIR/again.xml" ] || fail "payment file was written"
}

@test "later report cannot settle a returned payment" {
	send
	run --separate-stderr -0 reconcile -o /dev/null status-10.xml
	cp "$STATE/ledger.csv" "$BATS_TEST_TMPDIR/before.csv"
	run --separate-stderr -1 reconcile -o "$BATS_TEST_TMPDIR/r.csv" all-settled-10.xml
	assert_equal "${stderr_lines[0]}" "pfe-reconcile: all-settled-10.xml: payment 'G-CD-XSG-91510104MA61XP015A-1' is already returned in the ledger, but the bank reports 'ACSC': left unchanged, check with the bank"
	assert_same_file "$BATS_TEST_TMPDIR/before.csv" "$STATE/ledger.csv"
}

@test "group status applies to every payment" {
	send
	run --separate-stderr -0 reconcile -o /dev/null all-settled-10.xml
	run -0 sh -c "tail -n 3 '$STATE/ledger.csv' | cut -d, -f10 | sort -u"
	assert_output settled
}

@test "report on a batch not sent changes nothing" {
	cp "$STATE/ledger.csv" "$BATS_TEST_TMPDIR/before.csv"
	run --separate-stderr -1 reconcile -o /dev/null status-10.xml
	assert_equal "${stderr_lines[0]}" "pfe-reconcile: status-10.xml: payment 'A-APP-2026-0001-1' is approved in the ledger, not sent: record the sending with pfe-approve --sent, then reconcile again"
	assert_same_file "$BATS_TEST_TMPDIR/before.csv" "$STATE/ledger.csv"
}

@test "wrong original control sum is fatal" {
	send
	cp "$STATE/ledger.csv" "$BATS_TEST_TMPDIR/before.csv"
	run --separate-stderr -2 reconcile -o "$BATS_TEST_TMPDIR/r.csv" wrong-sum.xml
	assert_equal "$stderr" 'pfe-reconcile: wrong-sum.xml:10: original control sum 1534567.80 of '"'TEST-20260630-96304fd715ad'"' does not match the ledger'"'"'s 1534567.89: the report is for another version of the file'
	assert_same_file "$BATS_TEST_TMPDIR/before.csv" "$STATE/ledger.csv"
	[ ! -e "$BATS_TEST_TMPDIR/r.csv" ] || fail "output was written"
}

@test "report for an unknown message is fatal" {
	send
	run --separate-stderr -2 reconcile unknown-message.xml
	assert_equal "$stderr" "pfe-reconcile: unknown-message.xml:10: status report answers message 'TEST-20260630-000000000000', which is not in '$STATE/ledger.csv'"
}

@test "end-to-end id under the wrong PmtInf is fatal" {
	send
	run --separate-stderr -2 reconcile wrong-pmtinf.xml
	assert_equal "$stderr" "pfe-reconcile: wrong-pmtinf.xml:22: end-to-end id 'G-CD-GQ-FIRST-91510105MA62XP0249-1' is not a payment of 'TEST-20260630-96304fd715ad-1' in message 'TEST-20260630-96304fd715ad'"
}

@test "pain.002.001.03 elements out of order are fatal" {
	send
	run --separate-stderr -2 reconcile out-of-order-03.xml
	assert_equal "$stderr" "pfe-reconcile: out-of-order-03.xml:24: unexpected element 'OrgnlEndToEndId' in 'TxInfAndSts': unknown, repeated or out of order"
}

@test "pain.002.001.03 unknown status code is fatal" {
	send
	run --separate-stderr -2 reconcile bad-status-03.xml
	assert_equal "$stderr" "pfe-reconcile: bad-status-03.xml:24: invalid status 'ACCC' in 'TxSts': not a pain.002.001.03 status code"
}

@test "pain.002.001.10 report invalid against the schema is fatal" {
	send
	sed 's|<TxSts>ACSC</TxSts>|<TxSts>ACSCX</TxSts>|' status-10.xml > "$BATS_TEST_TMPDIR/bad.xml"
	run --separate-stderr -2 reconcile "$BATS_TEST_TMPDIR/bad.xml"
	assert_equal "${stderr_lines[-1]}" "pfe-reconcile: invalid status report '$BATS_TEST_TMPDIR/bad.xml': see the errors above"
}

@test "reconcile fails while the state is locked" {
	send
	run --separate-stderr -2 flock "$STATE/lock" \
		pfe-reconcile --state "$STATE" --as-of 2026-07-02 status-10.xml
	assert_equal "$stderr" "pfe-reconcile: state folder '$STATE' is locked by another run: try again when that run has finished"
}

@test "missing report is a usage error" {
	run --separate-stderr -2 reconcile
	assert_equal "${stderr_lines[0]}" 'pfe-reconcile: missing status report: name at least one pain.002 file'
}

@test "empty ledger is fatal" {
	send
	: > "$STATE/ledger.csv"
	run --separate-stderr -2 reconcile -o "$BATS_TEST_TMPDIR/r.csv" status-10.xml
	assert_equal "$stderr" "pfe-reconcile: ledger '$STATE/ledger.csv' is empty: restore it from a backup (only a missing ledger starts a new state folder)"
	[ ! -e "$BATS_TEST_TMPDIR/r.csv" ] || fail "output was written"
}

@test "as-of date before the sending is fatal" {
	send
	cp "$STATE/ledger.csv" "$BATS_TEST_TMPDIR/before.csv"
	run --separate-stderr -2 pfe-reconcile --state "$STATE" --as-of 2026-06-30 \
		-o "$BATS_TEST_TMPDIR/r.csv" status-10.xml
	assert_equal "$stderr" "pfe-reconcile: status-10.xml:10: as-of date 2026-06-30 is before 2026-07-01, the latest date of batch 'TEST-20260630-96304fd715ad' in '$STATE/ledger.csv': pass --as-of 2026-07-01 or later"
	assert_same_file "$BATS_TEST_TMPDIR/before.csv" "$STATE/ledger.csv"
	[ ! -e "$BATS_TEST_TMPDIR/r.csv" ] || fail "output was written"
}
