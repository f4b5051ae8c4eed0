#!/usr/bin/env bats
# pfe-mock-bank, the simulated bank of tests/mock-bank: pain.002.001.10
# status reports for pfe-pay's payment files, the returns list, and the
# round trip through pfe-approve and pfe-reconcile.

load test_helper

F="$FIXTURES/pfe-pay"
LABEL="pfe-mock-bank: simulated bank for demos and tests only: no bank received the payment file or wrote this status report"
SCHEMA="$PFE_ROOT/schemas/iso20022/pain.002.001.10.xsd"

if [ -x "$PFE_BIN/pfe-mock-bank" ]; then
	MOCK_BANK="$PFE_BIN/pfe-mock-bank"
else
	MOCK_BANK="$PFE_ROOT/build/mock-bank/pfe-mock-bank"
fi

# Print the text of the first element named $1 in file $2 (any namespace).
xml_value() {
	xmllint --xpath "string((//*[local-name()='$1'])[1])" "$2"
}

# Print the TxSts of end-to-end id $1 in status report $2.
tx_status() {
	xmllint --xpath "string(//*[local-name()='TxInfAndSts'][*[local-name()='OrgnlEndToEndId']='$1']/*[local-name()='TxSts'])" "$2"
}

# Prepare the pfe-pay test batch of three payments with the bank profile
# $1 into $2.xml, with its ledger in $2-state.
prepare() {
	pfe-pay -q --profile "$F/$1" --accounts "$F/bank-accounts.csv" \
		--portraits "$F/portraits.csv" --state "$2-state" --as-of 2026-06-30 \
		--preparer 王制单 -o "$2.xml" "$F/decisions-clean.csv"
}

setup_file() {
	[ -x "$MOCK_BANK" ] || {
		echo "pfe-mock-bank is not built: include tests/mock-bank/mock-bank.mk in the Makefile" >&2
		return 1
	}
	export PAY03="$BATS_FILE_TMPDIR/pay03" PAY09="$BATS_FILE_TMPDIR/pay09"
	prepare bank-profile.xml "$PAY03"
	prepare bank-profile-09.xml "$PAY09"
}

setup() {
	cd "$BATS_TEST_TMPDIR"
}

@test "mock bank help says it is simulated" {
	run -0 "$MOCK_BANK" --help
	assert_line -n 0 "usage: pfe-mock-bank --as-of date [-q] [--returns file] [-o file] [payment.xml]"
	assert_line "SIMULATED BANK, FOR DEMOS AND TESTS ONLY: nothing is sent to a bank."
}

@test "mock bank without --as-of is a usage error" {
	run --separate-stderr -2 "$MOCK_BANK" "$PAY03.xml"
	assert_equal "${stderr_lines[0]}" "pfe-mock-bank: missing option --as-of"
}

@test "mock bank settles a pain.001.001.03 file" {
	run --separate-stderr -0 "$MOCK_BANK" --as-of 2026-07-01 -o status.xml "$PAY03.xml"
	assert_equal "${stderr_lines[0]}" "$LABEL"
	assert_equal "${stderr_lines[1]}" "pfe-mock-bank: status report for message 'TEST-20260630-96304fd715ad' with 3 payments: settled 3 (1534567.89 yuan), returned 0 (0.00 yuan); 0 rows of the returns list matched no payment"
	run -0 xmllint --noout --schema "$SCHEMA" status.xml
	assert_equal "$(xml_value OrgnlMsgNmId status.xml)" pain.001.001.03
	assert_equal "$(xml_value GrpSts status.xml)" ACSC
	assert_equal "$(xml_value CreDtTm status.xml)" 2026-07-01T00:00:00+08:00
	assert_equal "$(tx_status A-APP-2026-0001-1 status.xml)" ACSC
}

@test "mock bank reads a pain.001.001.09 file" {
	run -0 "$MOCK_BANK" -q --as-of 2026-07-01 -o status.xml "$PAY09.xml"
	run -0 xmllint --noout --schema "$SCHEMA" status.xml
	assert_equal "$(xml_value OrgnlMsgNmId status.xml)" pain.001.001.09
	assert_equal "$(xml_value OrgnlNbOfTxs status.xml)" 3
	assert_equal "$(xml_value OrgnlCtrlSum status.xml)" 1534567.89
}

@test "mock bank returns by decision id and end-to-end id" {
	printf 'decision,reason\nA-APP-2026-0001,AC04\nG-CD-GQ-FIRST-91510105MA62XP0249-1,AC01\n' > returns.csv
	run -0 "$MOCK_BANK" -q --as-of 2026-07-01 --returns returns.csv -o status.xml "$PAY03.xml"
	run -0 xmllint --noout --schema "$SCHEMA" status.xml
	assert_equal "$(tx_status A-APP-2026-0001-1 status.xml)" RJCT
	assert_equal "$(tx_status G-CD-XSG-91510104MA61XP015A-1 status.xml)" ACSC
	assert_equal "$(tx_status G-CD-GQ-FIRST-91510105MA62XP0249-1 status.xml)" RJCT
	assert_equal "$(xml_value GrpSts status.xml)" PART
	run -0 xmllint --xpath "string(//*[local-name()='TxInfAndSts'][*[local-name()='OrgnlEndToEndId']='A-APP-2026-0001-1']//*[local-name()='Cd'])" status.xml
	assert_output AC04
	run -0 xmllint --xpath "string(//*[local-name()='TxInfAndSts'][*[local-name()='OrgnlEndToEndId']='A-APP-2026-0001-1']//*[local-name()='AddtlInf'])" status.xml
	assert_output "模拟银行：收款账户已销户"
}

@test "mock bank returns only to the listed account" {
	printf 'decision,reason,account\nA-APP-2026-0001,AC04,9999999999\nG-CD-XSG-91510104MA61XP015A,AC04,\n' > returns.csv
	run --separate-stderr -0 "$MOCK_BANK" --as-of 2026-07-01 --returns returns.csv -o status.xml "$PAY03.xml"
	assert_equal "$(tx_status A-APP-2026-0001-1 status.xml)" ACSC
	assert_equal "$(tx_status G-CD-XSG-91510104MA61XP015A-1 status.xml)" RJCT
	assert_equal "${stderr_lines[1]}" "pfe-mock-bank: status report for message 'TEST-20260630-96304fd715ad' with 3 payments: settled 2 (1434567.89 yuan), returned 1 (100000.00 yuan); 1 rows of the returns list matched no payment"
}

@test "mock bank rejects a group whose control sum is wrong" {
	sed 's|<CtrlSum>1534567.89</CtrlSum>|<CtrlSum>1534567.90</CtrlSum>|' "$PAY03.xml" > pay.xml
	run -0 "$MOCK_BANK" -q --as-of 2026-07-01 -o status.xml pay.xml
	run -0 xmllint --noout --schema "$SCHEMA" status.xml
	assert_equal "$(xml_value GrpSts status.xml)" RJCT
	assert_equal "$(xml_value Cd status.xml)" AM10
	assert_equal "$(xml_value OrgnlCtrlSum status.xml)" 1534567.90
	run -0 xmllint --xpath "count(//*[local-name()='OrgnlPmtInfAndSts'])" status.xml
	assert_output 0
}

@test "mock bank rejects a PmtInf whose count is wrong" {
	sed '0,/<NbOfTxs>2<\/NbOfTxs>/s||<NbOfTxs>4</NbOfTxs>|' "$PAY03.xml" > pay.xml
	run -0 "$MOCK_BANK" -q --as-of 2026-07-01 -o status.xml pay.xml
	run -0 xmllint --noout --schema "$SCHEMA" status.xml
	assert_equal "$(xml_value GrpSts status.xml)" PART
	assert_equal "$(xml_value PmtInfSts status.xml)" RJCT
	assert_equal "$(xml_value Cd status.xml)" AM18
	run -0 xmllint --xpath "count(//*[local-name()='TxInfAndSts'])" status.xml
	assert_output 1
}

@test "mock bank report is the same bytes every run" {
	run -0 "$MOCK_BANK" -q --as-of 2026-07-01 -o first.xml "$PAY03.xml"
	TZ=Asia/Shanghai LC_ALL=de_DE.UTF-8 run --separate-stderr -0 "$MOCK_BANK" -q --as-of 2026-07-01 < "$PAY03.xml"
	printf '%s\n' "$output" > second.xml
	assert_same_file first.xml second.xml
	assert_equal "$(xml_value MsgId first.xml)" SIMBANK-20260701-"$(printf %s TEST-20260630-96304fd715ad | sha256sum | cut -c1-12)"
}

@test "mock bank rejects an invalid reason code" {
	printf 'decision,reason\nA-APP-2026-0001,ac04\n' > returns.csv
	run --separate-stderr -2 "$MOCK_BANK" --as-of 2026-07-01 --returns returns.csv -o status.xml "$PAY03.xml"
	assert_equal "${stderr_lines[1]}" "pfe-mock-bank: returns.csv:2: invalid reason code 'ac04': expected an ISO 20022 status reason code of 1 to 4 upper-case letters or digits, such as AC04"
	[ ! -e status.xml ] || fail "status.xml was written"
}

@test "mock bank rejects a decision listed twice" {
	printf 'decision,reason\nA-APP-2026-0001,AC04\nA-APP-2026-0001,AC01\n' > returns.csv
	run --separate-stderr -2 "$MOCK_BANK" --as-of 2026-07-01 --returns returns.csv "$PAY03.xml"
	assert_equal "${stderr_lines[1]}" "pfe-mock-bank: returns.csv:3: decision 'A-APP-2026-0001' is already listed on line 2"
}

@test "mock bank rejects a returns list without reason" {
	printf 'decision\nA-APP-2026-0001\n' > returns.csv
	run --separate-stderr -2 "$MOCK_BANK" --as-of 2026-07-01 --returns returns.csv "$PAY03.xml"
	assert_equal "${stderr_lines[1]}" "pfe-mock-bank: returns.csv:1: missing column 'reason'"
}

@test "mock bank rejects a file that is not pain.001" {
	run --separate-stderr -2 "$MOCK_BANK" --as-of 2026-07-01 -o status.xml \
		"$FIXTURES/pfe-reconcile/status-10.xml"
	assert_equal "${stderr_lines[1]}" "pfe-mock-bank: $FIXTURES/pfe-reconcile/status-10.xml:4: not a pain.001 payment file: expected a Document in namespace 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03' or 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09'"
	[ ! -e status.xml ] || fail "status.xml was written"
}

@test "mock bank rejects a payment file the schema rejects" {
	sed 's|<PmtMtd>TRF</PmtMtd>||' "$PAY03.xml" > pay.xml
	run --separate-stderr -2 "$MOCK_BANK" --as-of 2026-07-01 -o status.xml pay.xml
	assert_equal "${stderr_lines[-1]}" "pfe-mock-bank: payment file 'pay.xml' is not valid against 'iso20022/pain.001.001.03.xsd'"
	[ ! -e status.xml ] || fail "status.xml was written"
}

@test "mock bank report reconciles a pain.001.001.09 batch" {
	local state="$BATS_TEST_TMPDIR/state"
	cp -a "$PAY09-state" "$state"
	cp "$PAY09.xml" pay.xml
	printf 'decision,reason\nA-APP-2026-0001,AC04\n' > returns.csv
	run -0 pfe-approve -q --state "$state" --as-of 2026-07-01 --by 李复核 \
		--sha256 "$(sha256sum < pay.xml | cut -c1-64)"
	run -0 pfe-approve -q --state "$state" --as-of 2026-07-01 --by 张出纳 --sent pay.xml
	run -0 "$MOCK_BANK" -q --as-of 2026-07-02 --returns returns.csv -o status.xml pay.xml
	run -0 pfe-reconcile -q --state "$state" --as-of 2026-07-02 status.xml
	assert_line -n 1 "status.xml,TEST-20260630-96304fd715ad,TEST-20260630-96304fd715ad-1,A-APP-2026-0001-1,A-APP-2026-0001,1234567.89,RJCT,AC04 模拟银行：收款账户已销户,sent,returned"
	assert_line -n 2 --regexp ',ACSC,,sent,settled$'
	assert_line -n 3 --regexp ',ACSC,,sent,settled$'
}
