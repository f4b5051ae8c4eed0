#!/usr/bin/env bats
# The whole pipeline on samples/chengdu, end to end: every output is
# there, the payment file is valid and balanced, a second run prepares
# nothing twice, and the bytes depend on no time zone or locale.

load test_helper

AS_OF=$(cat "$PFE_ROOT/samples/chengdu/as-of")

# Run the pipeline into OUT with its state in OUT/state.
run_pipeline() {
	make --no-print-directory -s -C "$PFE_ROOT" -f pipelines/pfe.mk \
		DATA=samples/chengdu OUT="$1" STATE="$1/state" AS_OF="$AS_OF" \
		BIN="$PFE_BIN" PUBLICITY_DAYS=0 OBJECTIONS=
}

setup_file() {
	# The tests share one run and change it in order.
	export BATS_NO_PARALLELIZE_WITHIN_FILE=true
	export DEMO="$BATS_FILE_TMPDIR/demo"
	run_pipeline "$DEMO" > "$BATS_FILE_TMPDIR/summary.txt"
}

@test "demo writes every stage's output" {
	local f
	for f in policies.xml policies-classified.xml modes.csv portraits.csv \
	    matches.csv match-details.csv match-stats.csv decisions.csv \
	    payments.csv outbox.csv state/ledger.csv state/notices-sent.csv \
	    rejects/portraits.csv; do
		[ -s "$DEMO/$f" ] || fail "missing or empty: $f"
	done
}

@test "demo summary counts the run" {
	run -0 cat "$BATS_FILE_TMPDIR/summary.txt"
	assert_line -n 0 "pfe summary of $DEMO"
	assert_line --regexp '^  enterprises:  [0-9]{3,}$'
	assert_line --regexp '^  matches:      [1-9][0-9]* eligible'
	assert_line --regexp '^  decisions:    [1-9][0-9]* approved'
	assert_line --regexp '^  payments:     [1-9][0-9]* prepared in this run'
	assert_line --regexp '^  control:      .* \+ missing 0 \(0\.00 yuan\)$'
}

@test "demo payment file validates against the official schema" {
	local files=("$DEMO"/payments/*.xml)
	[ "${#files[@]}" -eq 1 ] || fail "expected one payment file, got ${#files[@]}"
	run -0 xmllint --noout --schema "$PFE_ROOT/schemas/iso20022/pain.001.001.03.xsd" "${files[0]}"
}

@test "demo payment control totals agree with the transactions" {
	local f=("$DEMO"/payments/*.xml)
	local count sum txs total
	count=$(xmllint --xpath "string(//*[local-name()='GrpHdr']/*[local-name()='NbOfTxs'])" "$f")
	sum=$(xmllint --xpath "string(//*[local-name()='GrpHdr']/*[local-name()='CtrlSum'])" "$f")
	txs=$(xmllint --xpath "count(//*[local-name()='CdtTrfTxInf'])" "$f")
	total=$(xmllint --xpath "//*[local-name()='InstdAmt']/text()" "$f" |
		awk '{ split($0, p, "."); fen += p[1] * 100 + p[2] } END { printf "%d.%02d", fen / 100, fen % 100 }')
	assert_equal "$count" "$txs"
	assert_equal "$sum" "$total"
}

@test "demo rejects the deliberately bad sample rows" {
	run -0 cat "$DEMO/rejects/portraits.csv"
	assert_output --partial 'registry.csv'
	assert_output --partial 'tax.csv'
	assert_output --partial 'duplicate'
}

@test "demo run again prepares nothing twice" {
	local before after
	before=$(sha256sum "$DEMO/state/ledger.csv")
	# Removing the step's target makes make run pfe-pay again.
	rm -f "$DEMO/payments.csv"
	run_pipeline "$DEMO" > /dev/null
	after=$(sha256sum "$DEMO/state/ledger.csv")
	assert_equal "$after" "$before"
	run -0 ls "$DEMO/payments"
	assert_equal "${#lines[@]}" 1
}

@test "demo deleting payment files prepares nothing twice" {
	local before
	before=$(sha256sum < "$DEMO/state/ledger.csv")
	rm -rf "$DEMO/payments" "$DEMO/payments.csv"
	run_pipeline "$DEMO" > /dev/null
	assert_equal "$(sha256sum < "$DEMO/state/ledger.csv")" "$before"
	run -0 find "$DEMO/payments" -name '*.xml'
	assert_output ''
}

@test "demo output is the same bytes in any time zone and locale" {
	local other="$BATS_FILE_TMPDIR/other"
	TZ=Asia/Shanghai LANG=zh_CN.UTF-8 LC_ALL=de_DE.UTF-8 run_pipeline "$other" > /dev/null
	run -0 diff -r -x summary.txt "$BATS_FILE_TMPDIR/fresh" "$other"
}

setup() {
	# A fresh run beside the one the other tests modify, for comparison.
	if [ "$BATS_TEST_DESCRIPTION" = "demo output is the same bytes in any time zone and locale" ]; then
		run_pipeline "$BATS_FILE_TMPDIR/fresh" > /dev/null
	fi
}

@test "demo outbox of contacts is private to its owner" {
	run -0 stat -c %a "$DEMO/outbox.csv"
	assert_output 600
}

@test "demo summary is in Chinese under a Chinese locale" {
	LANG=zh_CN.UTF-8 run -0 "$PFE_BIN/pfe-summary" --out "$DEMO"
	assert_line -n 0 "pfe 运行汇总：$DEMO"
}
