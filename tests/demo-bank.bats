#!/usr/bin/env bats
# The demo's bank round trip on samples/chengdu: pipelines/pfe.mk prepares
# the payments, pipelines/bank.mk approves and sends them, the simulated
# bank (tests/mock-bank) answers with a pain.002 status report that
# returns the payments samples/chengdu/bank-returns.csv lists, and
# pfe-reconcile records the answer in the ledger.

load test_helper

AS_OF=$(cat "$PFE_ROOT/samples/chengdu/as-of")
RETURNS="$PFE_ROOT/samples/chengdu/bank-returns.csv"

# The sanitized build of the mock bank sits beside the programs under
# `make check`; the plain build lives in build/mock-bank/.
if [ -x "$PFE_BIN/pfe-mock-bank" ]; then
	MOCK_BANK="$PFE_BIN/pfe-mock-bank"
else
	MOCK_BANK="$PFE_ROOT/build/mock-bank/pfe-mock-bank"
fi

# Run pipelines/pfe.mk on data folder $1 into $2 (state in $2/state),
# making the targets that follow.
run_pfe() {
	local data=$1 out=$2
	shift 2
	make --no-print-directory -s -C "$PFE_ROOT" -f pipelines/pfe.mk \
		DATA="$data" OUT="$out" STATE="$out/state" AS_OF="$AS_OF" \
		BIN="$PFE_BIN" PUBLICITY_DAYS=0 OBJECTIONS= "$@"
}

# Run pipelines/bank.mk over the output folder $1.
run_bank() {
	make --no-print-directory -s -C "$PFE_ROOT" -f pipelines/bank.mk \
		DATA=samples/chengdu OUT="$1" STATE="$1/state" AS_OF="$AS_OF" \
		BIN="$PFE_BIN" PUBLICITY_DAYS=0 OBJECTIONS= MOCK_BANK="$MOCK_BANK"
}

# Print the result of the SQL query $2 over the ledger of output folder
# $1, loaded as table ledger; sqlite3 reads the CSV, quotes included.
ledger_query() {
	sqlite3 -batch :memory: -cmd ".import --csv \"$1/state/ledger.csv\" ledger" "$2"
}

# The current row of every payment: its last row in the ledger.
CURRENT="SELECT l.* FROM ledger AS l JOIN (SELECT end_to_end_id, max(rowid)
	AS last FROM ledger GROUP BY end_to_end_id) AS m ON l.rowid = m.last"

setup_file() {
	export BATS_NO_PARALLELIZE_WITHIN_FILE=true
	[ -x "$MOCK_BANK" ] || {
		echo "pfe-mock-bank is not built: include tests/mock-bank/mock-bank.mk in the Makefile" >&2
		return 1
	}
	export DEMO="$BATS_FILE_TMPDIR/demo"
	run_pfe samples/chengdu "$DEMO" "$DEMO/payments.csv" 2> /dev/null
	run_bank "$DEMO" 2> "$BATS_FILE_TMPDIR/bank.stderr"
}

@test "bank round trip settles every payment but the returned" {
	local prepared settled
	prepared=$(ledger_query "$DEMO" "SELECT count(*) FROM ledger WHERE state = 'prepared'")
	settled=$(ledger_query "$DEMO" "SELECT count(*) FROM ($CURRENT) WHERE state = 'settled'")
	[ "$prepared" -gt 100 ] || fail "only $prepared payments prepared"
	assert_equal "$settled" "$((prepared - 3))"
	run -0 ledger_query "$DEMO" "SELECT DISTINCT state FROM ($CURRENT) ORDER BY 1"
	assert_output "returned
settled"
}

@test "bank returns the listed payments with their reason codes" {
	run -0 ledger_query "$DEMO" "SELECT decision || ' ' || substr(reason, 1, 9)
		FROM ($CURRENT) WHERE state = 'returned' ORDER BY decision"
	assert_output "G-CD-GQ-FIRST-2026-91510107MAC0F8854X RJCT AC04
G-CD-WG-2026-91510106096520325U RJCT AC01
G-CD-WG-2026-91510112MAA5ADJT8X RJCT AC06"
}

@test "bank returns list names decisions of the sample's batch" {
	local decision
	while IFS=, read -r decision _; do
		[ "$decision" = decision ] && continue
		run -0 ledger_query "$DEMO" "SELECT count(*) FROM ledger
			WHERE decision = '$decision' AND state = 'prepared'"
		assert_output 1
	done < "$RETURNS"
}

@test "bank approver differs from the preparer" {
	run -0 ledger_query "$DEMO" "SELECT DISTINCT state || ' ' || actor FROM ledger ORDER BY 1"
	assert_output "approved 演示复核员
prepared pfe-pay
returned pfe-reconcile
sent 演示出纳员
settled pfe-reconcile"
}

@test "bank status report validates against the official schema" {
	local reports=("$DEMO"/bank/status-*.xml)
	assert_equal "${#reports[@]}" 1
	run -0 xmllint --noout --schema "$PFE_ROOT/schemas/iso20022/pain.002.001.10.xsd" "${reports[0]}"
}

@test "bank status report echoes the payment file's totals" {
	local payment=("$DEMO"/payments/*.xml) report=("$DEMO"/bank/status-*.xml)
	local xpath_count="string(//*[local-name()='GrpHdr']/*[local-name()='NbOfTxs'])"
	local xpath_sum="string(//*[local-name()='GrpHdr']/*[local-name()='CtrlSum'])"
	local xpath_id="string(//*[local-name()='GrpHdr']/*[local-name()='MsgId'])"
	local group="//*[local-name()='OrgnlGrpInfAndSts']"
	assert_equal "$(xmllint --xpath "string($group/*[local-name()='OrgnlMsgId'])" "$report")" \
		"$(xmllint --xpath "$xpath_id" "$payment")"
	assert_equal "$(xmllint --xpath "string($group/*[local-name()='OrgnlNbOfTxs'])" "$report")" \
		"$(xmllint --xpath "$xpath_count" "$payment")"
	assert_equal "$(xmllint --xpath "string($group/*[local-name()='OrgnlCtrlSum'])" "$report")" \
		"$(xmllint --xpath "$xpath_sum" "$payment")"
	assert_equal "$(xmllint --xpath "string($group/*[local-name()='GrpSts'])" "$report")" PART
}

@test "bank status report says it is simulated" {
	local report=("$DEMO"/bank/status-*.xml)
	run -0 head -n 1 "$BATS_FILE_TMPDIR/bank.stderr"
	assert_output "pfe-mock-bank: simulated bank for demos and tests only: no bank received the payment file or wrote this status report"
	run -0 xmllint --xpath "string(//*[local-name()='InitgPty']/*[local-name()='Nm'])" "$report"
	assert_output "模拟银行（仅用于演示和测试，并非真实银行）"
	run -0 xmllint --xpath "string(//*[local-name()='GrpHdr']/*[local-name()='MsgId'])" "$report"
	assert_output --regexp '^SIMBANK-20260630-[0-9a-f]{12}$'
}

@test "bank reconciliation lists every payment once" {
	local prepared
	prepared=$(ledger_query "$DEMO" "SELECT count(*) FROM ledger WHERE state = 'prepared'")
	run -0 sqlite3 -batch :memory: -cmd ".import --csv \"$DEMO/reconcile.csv\" r" \
		"SELECT count(*), count(DISTINCT end_to_end_id), sum(after = 'settled'),
		 sum(after = 'returned') FROM r"
	assert_output "$prepared|$prepared|$((prepared - 3))|3"
}

@test "bank run again changes no byte of the ledger" {
	local before
	before=$(sha256sum < "$DEMO/state/ledger.csv")
	run_bank "$DEMO" 2> /dev/null
	assert_equal "$(sha256sum < "$DEMO/state/ledger.csv")" "$before"
	# Without the stamps and reports, the steps run again and find in the
	# ledger that there is nothing left to approve, send or settle.
	rm -rf "$DEMO/bank" "$DEMO/reconcile.csv"
	run_bank "$DEMO" 2> /dev/null
	assert_equal "$(sha256sum < "$DEMO/state/ledger.csv")" "$before"
	run -0 cat "$DEMO"/bank/*.approved
	assert_output "returned settled"
}

@test "bank status report is the same bytes on a second run" {
	local report=("$DEMO"/bank/status-*.xml) again="$BATS_TEST_TMPDIR/again.xml"
	run -0 "$MOCK_BANK" -q --as-of "$AS_OF" --returns "$RETURNS" -o "$again" "$DEMO"/payments/*.xml
	assert_same_file "$report" "$again"
}

@test "bank round trip is the same bytes in any locale" {
	local other="$BATS_TEST_TMPDIR/other" report=("$DEMO"/bank/status-*.xml)
	export TZ=Asia/Shanghai LANG=zh_CN.UTF-8 LC_ALL=de_DE.UTF-8
	run_pfe samples/chengdu "$other" "$other/payments.csv" 2> /dev/null
	run_bank "$other" 2> /dev/null
	assert_same_file "$DEMO/state/ledger.csv" "$other/state/ledger.csv"
	assert_same_file "${report[0]}" "$other/bank/${report[0]##*/}"
}

@test "returned payment is prepared again after its account is corrected" {
	local copy="$BATS_TEST_TMPDIR/demo" data="$BATS_TEST_TMPDIR/data"
	local decision=G-CD-GQ-FIRST-2026-91510107MAC0F8854X
	local uscc=91510107MAC0F8854X old_account=128984751918857
	local new_account=128984751918866 first second
	cp -a "$DEMO" "$copy"
	cp -a "$PFE_ROOT/samples/chengdu" "$data"
	sed -i "s/^$uscc,\\([^,]*\\),$old_account,/$uscc,\\1,$new_account,/" \
		"$data/departments/bank-accounts.csv"
	run -0 grep -c ",$new_account," "$data/departments/bank-accounts.csv"
	assert_output 1

	rm -f "$copy/payments.csv"
	run_pfe "$data" "$copy" "$copy/payments.csv" 2> /dev/null
	run -0 sqlite3 -batch :memory: -cmd ".import --csv \"$copy/payments.csv\" p" \
		"SELECT attempt, account FROM p WHERE decision = '$decision'"
	assert_output "2|$new_account"
	first=$(ledger_query "$copy" "SELECT end_to_end_id FROM ledger WHERE decision = '$decision' AND attempt = '1' AND state = 'prepared'")
	second=$(ledger_query "$copy" "SELECT end_to_end_id FROM ledger WHERE decision = '$decision' AND attempt = '2' AND state = 'prepared'")
	[ -n "$first" ] || fail "no first attempt of $decision"
	[ -n "$second" ] || fail "no second attempt of $decision"
	[ "$first" != "$second" ] || fail "attempt 2 kept the end-to-end id $first"

	run_bank "$copy" 2> /dev/null
	run_bank "$copy" 2> /dev/null
	run -0 ledger_query "$copy" "SELECT attempt || ' ' || state FROM ($CURRENT)
		WHERE decision = '$decision' ORDER BY attempt"
	assert_output "1 returned
2 settled"
	run -0 ledger_query "$copy" "SELECT count(*) FROM ledger
		WHERE decision = '$decision' AND state = 'settled'"
	assert_output 1
}

@test "returned payment to an unchanged account is held" {
	local copy="$BATS_TEST_TMPDIR/demo" decision=G-CD-WG-2026-91510106096520325U
	cp -a "$DEMO" "$copy"
	rm -f "$copy/payments.csv"
	# Same data: the account the bank returned to is unchanged, so every
	# returned decision is held with the bank's reason, not sent again.
	run_pfe samples/chengdu "$copy" "$copy/payments.csv" 2> /dev/null
	run -0 ledger_query "$copy" "SELECT attempt || ' ' || state FROM ($CURRENT)
		WHERE decision = '$decision' ORDER BY attempt"
	assert_output "1 returned"
	run -0 grep -c '请先在 bank-accounts.csv 中更正收款账户' "$copy/held-payments.csv"
	assert_output 3
	run -0 grep -F "$decision" "$copy/held-payments.csv"
	assert_output --partial 'AC01'
}

@test "bank stops at a payment file changed after preparation" {
	local fresh="$BATS_TEST_TMPDIR/fresh" before
	run_pfe samples/chengdu "$fresh" "$fresh/payments.csv" 2> /dev/null
	before=$(sha256sum < "$fresh/state/ledger.csv")
	# A digit added to the first amount: still valid, but not the approved bytes.
	sed -i '0,/<InstdAmt Ccy="CNY">\([0-9]*\)\.00</s//<InstdAmt Ccy="CNY">\11.00</' "$fresh"/payments/*.xml
	run --separate-stderr -2 run_bank "$fresh"
	assert_equal "${stderr_lines[0]%% has SHA-256*}" \
		"pfe-approve: no payment file prepared in '$fresh/state/ledger.csv'"
	assert_equal "$(sha256sum < "$fresh/state/ledger.csv")" "$before"
	run -0 find "$fresh/bank" -name 'status-*'
	assert_output ''
}
