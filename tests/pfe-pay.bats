#!/usr/bin/env bats
# pfe-pay: approved decisions to a pain.001 file, held payments and the
# payment ledger.

load test_helper
bats_require_minimum_version 1.5.0

F="$FIXTURES/pfe-pay"
PAIN03="$PFE_ROOT/schemas/iso20022/pain.001.001.03.xsd"
PAIN09="$PFE_ROOT/schemas/iso20022/pain.001.001.09.xsd"

# Run pfe-pay on the fixtures into $BATS_TEST_TMPDIR/out with state in
# $BATS_TEST_TMPDIR/state; extra arguments come first, then DECISIONS.
pay() {
	local decisions=$1
	shift
	mkdir -p "$BATS_TEST_TMPDIR/out"
	pfe-pay --profile "$F/bank-profile.xml" --accounts "$F/bank-accounts.csv" \
		--portraits "$F/portraits.csv" --state "$BATS_TEST_TMPDIR/state" \
		--as-of 2026-06-30 "$@" "$decisions"
}

# Print the one payment file in $BATS_TEST_TMPDIR/out.
payment_file() {
	ls "$BATS_TEST_TMPDIR"/out/*.xml
}

# Print the text of every element NAME selected by XPATH-like PATH of
# local names, one per line.
xml_values() {
	xmllint --xpath "$2" "$1" | sed 's/<[^>]*>/\n/g' | sed '/^$/d'
}

# Convert yuan with two decimals on stdin to a sum of fen (integers).
sum_fen() {
	awk '{ gsub(/\./, ""); s += $0 } END { printf "%d\n", s }'
}

@test "payment file matches the golden file" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	assert_same_file "$F/expected.xml" "$(payment_file)"
}

@test "payment file validates against pain.001.001.03" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	run -0 xmllint --noout --schema "$PAIN03" "$(payment_file)"
}

@test "payment file is named after its MsgId" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	file=$(payment_file)
	msg_id=$(xml_values "$file" "//*[local-name()='GrpHdr']/*[local-name()='MsgId']")
	assert_equal "$(basename "$file")" "$msg_id.xml"
}

@test "payment file starts with the exact declaration and no BOM" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	run -0 head -n 1 "$(payment_file)"
	assert_output '<?xml version="1.0" encoding="UTF-8"?>'
	run -0 sh -c "head -c 3 '$(payment_file)' | od -An -tx1"
	assert_output ' 3c 3f 78'
}

@test "group header counts and sums every transaction" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	file=$(payment_file)
	count=$(xml_values "$file" "count(//*[local-name()='CdtTrfTxInf'])")
	header_count=$(xml_values "$file" "//*[local-name()='GrpHdr']/*[local-name()='NbOfTxs']")
	assert_equal "$header_count" "$count"
	sum=$(xml_values "$file" "//*[local-name()='InstdAmt']" | sum_fen)
	header_sum=$(xml_values "$file" "//*[local-name()='GrpHdr']/*[local-name()='CtrlSum']" | sum_fen)
	assert_equal "$header_sum" "$sum"
	assert_equal "$sum" 153456789
}

@test "each PmtInf counts and sums its own transactions" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	file=$(payment_file)
	infos=$(xml_values "$file" "count(//*[local-name()='PmtInf'])")
	assert_equal "$infos" 2
	for i in $(seq 1 "$infos"); do
		base="//*[local-name()='PmtInf'][$i]"
		count=$(xml_values "$file" "count($base/*[local-name()='CdtTrfTxInf'])")
		assert_equal "$(xml_values "$file" "$base/*[local-name()='NbOfTxs']")" "$count"
		sum=$(xml_values "$file" "$base//*[local-name()='InstdAmt']" | sum_fen)
		assert_equal "$(xml_values "$file" "$base/*[local-name()='CtrlSum']" | sum_fen)" "$sum"
	done
}

@test "one PmtInf per debtor account" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	run -0 xml_values "$(payment_file)" "//*[local-name()='DbtrAcct']//*[local-name()='Id'][not(*)]"
	assert_equal "${#lines[@]}" 2
	assert_line -n 0 51050100880000990001
	assert_line -n 1 4402200009990000123
}

@test "creditor bank is its CNAPS code" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	run -0 xml_values "$(payment_file)" "(//*[local-name()='CdtrAgt'])[1]//*[local-name()='Cd']"
	assert_output CNAPS
	run -0 xml_values "$(payment_file)" "(//*[local-name()='CdtrAgt'])[1]//*[local-name()='MmbId']"
	assert_output 103651000103
}

@test "summary counts every decision" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	file=$(basename "$(payment_file)")
	assert_equal "${stderr_lines[-1]}" "pfe-pay: read 13 decisions: prepared 3 payments totalling 1534567.89 yuan in '$file', held 7, already in the ledger 0, not approved 2, rejected 1"
}

@test "held payments match the golden file" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--held "$BATS_TEST_TMPDIR/held.csv"
	assert_same_file "$F/expected-held.csv" "$BATS_TEST_TMPDIR/held.csv"
}

@test "held payment is named on stderr" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	assert_equal "${stderr_lines[1]}" "pfe-pay: $F/decisions.csv:5: payment for decision 'A-APP-2026-0004' held: bank-accounts.csv 中没有该企业的结算账户"
}

# One test per check: the decision's held row carries the reason.
held_reason() {
	pay "$F/decisions.csv" -q --out-dir "$BATS_TEST_TMPDIR/out" \
		--held "$BATS_TEST_TMPDIR/held.csv" || [ $? -eq 1 ]
	grep "^$1," "$BATS_TEST_TMPDIR/held.csv"
}

@test "held: account name differs from the registered name" {
	run -0 held_reason G-CD-XJR-91510112MA66XP060F
	assert_output 'G-CD-XJR-91510112MA66XP060F,91510112MA66XP060F,CD-XJR,500000.00,账户名称“成都龙泉汽车配件有限公司”与登记的企业名称“成都龙泉汽车零部件有限公司”不一致'
}

@test "held: no settlement account" {
	run -0 held_reason A-APP-2026-0004
	assert_output 'A-APP-2026-0004,91510114MA68XP089F,CD-SZ-GZ,300000.00,bank-accounts.csv 中没有该企业的结算账户'
}

@test "held: account number mangled by a spreadsheet" {
	run -0 held_reason G-CD-XSG-91510115MA69XP098E
	assert_output 'G-CD-XSG-91510115MA69XP098E,91510115MA69XP098E,CD-XSG,100000.00,账号“6.22848E+18”格式错误，应为8至32位数字'
}

@test "held: CNAPS code not 12 digits" {
	run -0 held_reason G-CD-XSG-91510113MA67XP07XB
	assert_output 'G-CD-XSG-91510113MA67XP07XB,91510113MA67XP07XB,CD-XSG,100000.00,开户行行号“10365100010”格式错误，应为12位数字'
}

@test "held: zero amount" {
	run -0 held_reason A-APP-2026-0005
	assert_output 'A-APP-2026-0005,91510104MA61XP015A,CD-SZ-ZD,0.00,金额必须大于零，实为0.00元'
}

@test "held: name over the byte limit" {
	run -0 held_reason G-CD-XSG-91510116MA6AXP1016
	assert_output 'G-CD-XSG-91510116MA6AXP1016,91510116MA6AXP1016,CD-XSG,100000.00,账户名称“成都双流临空经济示范区数字化智能制造装备研究与开发应用有限公司”为62字节（GB18030），超过银行限制60字节'
}

@test "held: purpose over the byte limit" {
	run -0 held_reason A-APP-2026-0006
	assert_output 'A-APP-2026-0006,91510117MA6BXP1105,CD-LONG,5000.00,用途“这是一个非常非常长的用途说明文字用来测试银行对用途字段的字节长度限制是否生效 A-APP-2026-0006”为92字节（GB18030），超过银行限制80字节'
}

@test "held: two different accounts for one enterprise" {
	cp "$F/bank-accounts.csv" "$BATS_TEST_TMPDIR/accounts.csv"
	echo '91510104MA61XP015A,成都蜀芯微电子有限公司,6222000000000009,另一家银行,313651000001' >> "$BATS_TEST_TMPDIR/accounts.csv"
	run --separate-stderr -1 pfe-pay --profile "$F/bank-profile.xml" \
		--accounts "$BATS_TEST_TMPDIR/accounts.csv" --portraits "$F/portraits.csv" \
		--state "$BATS_TEST_TMPDIR/state" --as-of 2026-06-30 \
		-o "$BATS_TEST_TMPDIR/pay.xml" --held "$BATS_TEST_TMPDIR/held.csv" \
		"$F/decisions-clean.csv"
	run -0 grep '^G-CD-XSG-91510104MA61XP015A,' "$BATS_TEST_TMPDIR/held.csv"
	assert_output 'G-CD-XSG-91510104MA61XP015A,91510104MA61XP015A,CD-XSG,100000.00,bank-accounts.csv 中该企业有多个不同的结算账户（第2行起），无法确定收款账户'
}

@test "GB18030 accounts file needs --encoding" {
	iconv -f UTF-8 -t GB18030 "$F/bank-accounts.csv" > "$BATS_TEST_TMPDIR/accounts.csv"
	run --separate-stderr -2 pfe-pay --profile "$F/bank-profile.xml" \
		--accounts "$BATS_TEST_TMPDIR/accounts.csv" --portraits "$F/portraits.csv" \
		--state "$BATS_TEST_TMPDIR/state" --as-of 2026-06-30 \
		-o "$BATS_TEST_TMPDIR/gb.xml" "$F/decisions-clean.csv"
	assert_equal "$stderr" "pfe-pay: $BATS_TEST_TMPDIR/accounts.csv:1: the file is not UTF-8 but looks like GB18030 (GBK), as Chinese spreadsheet programs save CSV: pass --encoding gb18030, or convert it with 'iconv -f GB18030 -t UTF-8'"
	[ ! -e "$BATS_TEST_TMPDIR/gb.xml" ] || fail "payment file was written"
}

@test "GB18030 accounts file gives the same payment file" {
	iconv -f UTF-8 -t GB18030 "$F/bank-accounts.csv" > "$BATS_TEST_TMPDIR/accounts.csv"
	run --separate-stderr -0 pfe-pay --profile "$F/bank-profile.xml" \
		--accounts "$BATS_TEST_TMPDIR/accounts.csv" --encoding gb18030 \
		--portraits "$F/portraits.csv" --state "$BATS_TEST_TMPDIR/state" \
		--as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/gb.xml" "$F/decisions-clean.csv"
	rm -r "$BATS_TEST_TMPDIR/state"
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/utf8.xml"
	assert_same_file "$BATS_TEST_TMPDIR/utf8.xml" "$BATS_TEST_TMPDIR/gb.xml"
}

@test "payment file goes to standard output by default" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv"
	assert_line -n 0 '<?xml version="1.0" encoding="UTF-8"?>'
	run -0 sh -c "tail -n 1 '$BATS_TEST_TMPDIR/state/ledger.csv' | cut -d, -f13"
	assert_equal "$output" -
}

@test "held: no debtor account for the item" {
	sed 's/<debtor-account id="industry-fund">/<debtor-account id="industry-fund" items="CD-XSG">/' "$F/bank-profile.xml" > "$BATS_TEST_TMPDIR/profile.xml"
	run --separate-stderr -1 pfe-pay -q --profile "$BATS_TEST_TMPDIR/profile.xml" \
		--accounts "$F/bank-accounts.csv" --portraits "$F/portraits.csv" \
		--state "$BATS_TEST_TMPDIR/state" --as-of 2026-06-30 \
		-o "$BATS_TEST_TMPDIR/p.xml" --held "$BATS_TEST_TMPDIR/held.csv" "$F/decisions-clean.csv"
	run -0 tail -n +2 "$BATS_TEST_TMPDIR/held.csv"
	assert_output 'A-APP-2026-0001,91510106MA63XP0338,CD-JSGZ,1234567.89,银行配置中没有支付项目“CD-JSGZ”的付款账户'
}

@test "malformed award goes to the rejects file" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--rejects "$BATS_TEST_TMPDIR/rejects.csv"
	run -0 cut -d, -f1-3 "$BATS_TEST_TMPDIR/rejects.csv"
	assert_line -n 1 "$F/decisions.csv,8,reject"
}

@test "ledger records every prepared payment" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	assert_same_file "$F/expected-ledger.csv" "$BATS_TEST_TMPDIR/state/ledger.csv"
}

@test "ledger holds the SHA-256 of the payment file" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	expected=$(sha256sum "$(payment_file)" | cut -d' ' -f1)
	run -0 sh -c "tail -n +2 '$BATS_TEST_TMPDIR/state/ledger.csv' | cut -d, -f14 | sort -u"
	assert_output "$expected"
}

@test "ledger holds the SHA-256 of the batch CSV" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--batch-csv "$BATS_TEST_TMPDIR/batch.csv"
	expected=$(sha256sum "$BATS_TEST_TMPDIR/batch.csv" | cut -d' ' -f1)
	run -0 head -n 1 "$BATS_TEST_TMPDIR/state/ledger.csv"
	assert_output 'msg_id,pmt_inf_id,end_to_end_id,decision,uscc,item,attempt,amount,account,state,as_of,actor,file,sha256,reason,batch_csv_sha256'
	run -0 sh -c "tail -n +2 '$BATS_TEST_TMPDIR/state/ledger.csv' | cut -d, -f16 | sort -u"
	assert_output "$expected"
}

@test "ledger begun without the batch CSV column keeps its 15 columns" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	cut -d, -f1-15 "$BATS_TEST_TMPDIR/state/ledger.csv" > "$BATS_TEST_TMPDIR/old.csv"
	cp "$BATS_TEST_TMPDIR/old.csv" "$BATS_TEST_TMPDIR/state/ledger.csv"
	sed 's/^A-APP-2026-0001,/A-APP-2026-0101,/' "$F/decisions-clean.csv" > "$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr -0 pay "$BATS_TEST_TMPDIR/d.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--batch-csv "$BATS_TEST_TMPDIR/batch.csv"
	[ -s "$BATS_TEST_TMPDIR/batch.csv" ] || fail "batch CSV was not written"
	run -0 awk -F, '{ print NF }' "$BATS_TEST_TMPDIR/state/ledger.csv"
	assert_output "15
15
15
15
15"
	run -0 head -c "$(stat -c %s "$BATS_TEST_TMPDIR/old.csv")" "$BATS_TEST_TMPDIR/state/ledger.csv"
	assert_output "$(cat "$BATS_TEST_TMPDIR/old.csv")"
}

@test "report lists what this run prepared" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--report "$BATS_TEST_TMPDIR/payments.csv"
	run -0 cut -d, -f3,8 "$BATS_TEST_TMPDIR/payments.csv"
	assert_output "end_to_end_id,amount
A-APP-2026-0001-1,1234567.89
G-CD-XSG-91510104MA61XP015A-1,100000.00
G-CD-GQ-FIRST-91510105MA62XP0249-1,200000.00"
}

@test "batch CSV in GB18030 matches the golden file" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--batch-csv "$BATS_TEST_TMPDIR/batch.csv"
	iconv -f GB18030 -t UTF-8 "$BATS_TEST_TMPDIR/batch.csv" > "$BATS_TEST_TMPDIR/batch-utf8.csv"
	assert_same_file "$F/expected-batch.csv" "$BATS_TEST_TMPDIR/batch-utf8.csv"
	run -1 iconv -f UTF-8 -t UTF-8 "$BATS_TEST_TMPDIR/batch.csv"
}

@test "batch CSV cuts a long bank name at a whole character" {
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--batch-csv "$BATS_TEST_TMPDIR/batch.csv"
	run -0 sh -c "iconv -f GB18030 -t UTF-8 '$BATS_TEST_TMPDIR/batch.csv' | grep ',102651000101,' | cut -d, -f4"
	assert_output '中国工商银行股份有限公司成都高'
}

@test "running again prepares nothing and writes no file" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	cp "$BATS_TEST_TMPDIR/state/ledger.csv" "$BATS_TEST_TMPDIR/ledger-before.csv"
	rm "$BATS_TEST_TMPDIR"/out/*.xml
	mkdir "$BATS_TEST_TMPDIR/out2"
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out2" \
		--report "$BATS_TEST_TMPDIR/payments.csv"
	assert_equal "${stderr_lines[0]}" 'pfe-pay: nothing to prepare: no payment file written'
	assert_equal "${stderr_lines[1]}" 'pfe-pay: read 3 decisions: prepared 0 payments, held 0, already in the ledger 3, not approved 0, rejected 0'
	run -0 ls -A "$BATS_TEST_TMPDIR/out2"
	assert_output ''
	run -0 ls -A "$BATS_TEST_TMPDIR/out"
	assert_output ''
	assert_same_file "$BATS_TEST_TMPDIR/ledger-before.csv" "$BATS_TEST_TMPDIR/state/ledger.csv"
	run -0 cat "$BATS_TEST_TMPDIR/payments.csv"
	assert_output 'msg_id,pmt_inf_id,end_to_end_id,decision,uscc,item,attempt,amount,account,file,sha256'
}

@test "run with nothing to prepare removes the old batch CSV" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--batch-csv "$BATS_TEST_TMPDIR/batch.csv"
	[ -s "$BATS_TEST_TMPDIR/batch.csv" ] || fail "batch CSV was not written"
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--batch-csv "$BATS_TEST_TMPDIR/batch.csv"
	assert_equal "${stderr_lines[0]}" "pfe-pay: nothing to prepare: no payment file written"
	assert_equal "${stderr_lines[1]}" "pfe-pay: removed the batch CSV '$BATS_TEST_TMPDIR/batch.csv' of an earlier run"
	[ ! -e "$BATS_TEST_TMPDIR/batch.csv" ] || fail "old batch CSV is still there"
}

@test "quiet run with nothing to prepare removes the old batch CSV" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--batch-csv "$BATS_TEST_TMPDIR/batch.csv"
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -q --out-dir "$BATS_TEST_TMPDIR/out" \
		--batch-csv "$BATS_TEST_TMPDIR/batch.csv"
	assert_equal "$stderr" ""
	[ ! -e "$BATS_TEST_TMPDIR/batch.csv" ] || fail "old batch CSV is still there"
}

@test "changed amount of a prepared decision is held" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/p.xml"
	sed 's/,1234567.89,1234567.89,/,1234567.89,1000000.00,/' "$F/decisions-clean.csv" > "$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr -1 pay "$BATS_TEST_TMPDIR/d.csv" -o "$BATS_TEST_TMPDIR/q.xml" \
		--held "$BATS_TEST_TMPDIR/held.csv"
	assert_equal "${stderr_lines[0]}" "pfe-pay: $BATS_TEST_TMPDIR/d.csv:2: decision 'A-APP-2026-0001' is already prepared in the ledger with amount 1234567.89: void that payment first to prepare the new amount"
	assert_equal "${stderr_lines[-1]}" "pfe-pay: read 3 decisions: prepared 0 payments, held 1, already in the ledger 2, not approved 0, rejected 0"
	[ ! -e "$BATS_TEST_TMPDIR/q.xml" ] || fail "payment file was written"
}

@test "changed amount of a sent decision is held for manual handling" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/p.xml"
	sed -n 2p "$BATS_TEST_TMPDIR/state/ledger.csv" |
		sed 's/,prepared,2026-06-30,pfe-pay,/,sent,2026-07-01,张出纳,/' \
		>> "$BATS_TEST_TMPDIR/state/ledger.csv"
	sed 's/,1234567.89,1234567.89,/,1234567.89,1000000.00,/' "$F/decisions-clean.csv" > "$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr -1 pay "$BATS_TEST_TMPDIR/d.csv" -o "$BATS_TEST_TMPDIR/q.xml" \
		--held "$BATS_TEST_TMPDIR/held.csv"
	assert_equal "${stderr_lines[0]}" "pfe-pay: $BATS_TEST_TMPDIR/d.csv:2: decision 'A-APP-2026-0001' is already sent in the ledger with amount 1234567.89, which can no longer be made void: settle the difference by hand"
	run -0 tail -n +2 "$BATS_TEST_TMPDIR/held.csv"
	assert_output 'A-APP-2026-0001,91510106MA63XP0338,CD-JSGZ,1000000.00,该决定已按金额1234567.89元制备（台账状态：已发送），与现金额不同，且该付款已无法作废：请人工处理差额'
}

@test "changed amount is held in the held file under -q" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/p.xml"
	sed 's/,1234567.89,1234567.89,/,1234567.89,1000000.00,/' "$F/decisions-clean.csv" > "$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr -1 pay "$BATS_TEST_TMPDIR/d.csv" -q -o "$BATS_TEST_TMPDIR/q.xml" \
		--held "$BATS_TEST_TMPDIR/held.csv"
	assert_equal "$stderr" ""
	run -0 tail -n +2 "$BATS_TEST_TMPDIR/held.csv"
	assert_output 'A-APP-2026-0001,91510106MA63XP0338,CD-JSGZ,1000000.00,该决定已按金额1234567.89元制备（台账状态：已制备），与现金额不同：请先作废该付款，再按新金额制备'
}

@test "second batch keeps the ledger's earlier rows byte for byte" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	cp "$BATS_TEST_TMPDIR/state/ledger.csv" "$BATS_TEST_TMPDIR/ledger-before.csv"
	run --separate-stderr -1 pay "$F/decisions.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	size=$(stat -c %s "$BATS_TEST_TMPDIR/ledger-before.csv")
	head -c "$size" "$BATS_TEST_TMPDIR/state/ledger.csv" > "$BATS_TEST_TMPDIR/prefix.csv"
	assert_same_file "$BATS_TEST_TMPDIR/ledger-before.csv" "$BATS_TEST_TMPDIR/prefix.csv"
	run -0 wc -l < "$BATS_TEST_TMPDIR/state/ledger.csv"
	assert_output 4
}

# Record in the ledger that the bank returned the payment of
# A-APP-2026-0001 (account 2290000000991003) with reason code AC04.
return_first_payment() {
	awk -F, -v OFS=, 'NR == 2 { $10 = "returned"; $11 = "2026-07-03";
		$12 = "pfe-reconcile"; $15 = "RJCT AC04 收款账户已销户"; print }' \
		"$BATS_TEST_TMPDIR/state/ledger.csv" > "$BATS_TEST_TMPDIR/returned-row.csv"
	cat "$BATS_TEST_TMPDIR/returned-row.csv" >> "$BATS_TEST_TMPDIR/state/ledger.csv"
}

@test "returned payment is prepared again after the account is corrected" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	return_first_payment
	rm "$BATS_TEST_TMPDIR"/out/*.xml
	sed 's/,2290000000991003,/,2290000000991004,/' "$F/bank-accounts.csv" > "$BATS_TEST_TMPDIR/accounts.csv"
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--accounts "$BATS_TEST_TMPDIR/accounts.csv" --report "$BATS_TEST_TMPDIR/payments.csv"
	run -0 cut -d, -f3,7,9 "$BATS_TEST_TMPDIR/payments.csv"
	assert_output 'end_to_end_id,attempt,account
A-APP-2026-0001-2,2,2290000000991004'
}

@test "returned payment to an unchanged account is held" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	return_first_payment
	cp "$BATS_TEST_TMPDIR/state/ledger.csv" "$BATS_TEST_TMPDIR/ledger-before.csv"
	rm "$BATS_TEST_TMPDIR"/out/*.xml
	run --separate-stderr -1 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR/out" \
		--held "$BATS_TEST_TMPDIR/held.csv"
	assert_equal "${stderr_lines[0]}" "pfe-pay: $F/decisions-clean.csv:2: payment for decision 'A-APP-2026-0001' held: 第1次付款被银行退回（RJCT AC04 收款账户已销户），收款账号“2290000000991003”仍与退回时相同：请先在 bank-accounts.csv 中更正收款账户"
	run -0 tail -n +2 "$BATS_TEST_TMPDIR/held.csv"
	assert_output 'A-APP-2026-0001,91510106MA63XP0338,CD-JSGZ,1234567.89,第1次付款被银行退回（RJCT AC04 收款账户已销户），收款账号“2290000000991003”仍与退回时相同：请先在 bank-accounts.csv 中更正收款账户'
	run -0 ls -A "$BATS_TEST_TMPDIR/out"
	assert_output ''
	assert_same_file "$BATS_TEST_TMPDIR/ledger-before.csv" "$BATS_TEST_TMPDIR/state/ledger.csv"
}

@test "same batch regenerates the same bytes" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/first.xml"
	rm -r "$BATS_TEST_TMPDIR/state"
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/second.xml"
	assert_same_file "$BATS_TEST_TMPDIR/first.xml" "$BATS_TEST_TMPDIR/second.xml"
}

@test "output does not depend on time zone or working folder" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/utc.xml"
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	cd "$BATS_TEST_TMPDIR/elsewhere"
	TZ=Pacific/Kiritimati run --separate-stderr -0 pfe-pay --profile "$F/bank-profile.xml" \
		--accounts "$F/bank-accounts.csv" --portraits "$F/portraits.csv" \
		--state state2 --as-of 2026-06-30 -o kiritimati.xml "$F/decisions-clean.csv"
	assert_same_file "$BATS_TEST_TMPDIR/utc.xml" kiritimati.xml
}

@test "amounts keep a decimal point under a decimal-comma locale" {
	command -v localedef >/dev/null || skip "localedef is not installed"
	mkdir "$BATS_TEST_TMPDIR/locale"
	localedef -i de_DE -f UTF-8 "$BATS_TEST_TMPDIR/locale/de_DE.UTF-8" 2>/dev/null ||
		skip "cannot generate the de_DE.UTF-8 locale"
	[ "$(LOCPATH="$BATS_TEST_TMPDIR/locale" LC_ALL=de_DE.UTF-8 locale decimal_point)" = , ] ||
		skip "the generated locale has no decimal comma"
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/c.xml"
	rm -r "$BATS_TEST_TMPDIR/state"
	LOCPATH="$BATS_TEST_TMPDIR/locale" LC_ALL=de_DE.UTF-8 \
		run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/de.xml"
	assert_same_file "$BATS_TEST_TMPDIR/c.xml" "$BATS_TEST_TMPDIR/de.xml"
	run -0 grep -c 'InstdAmt Ccy="CNY">1234567.89<' "$BATS_TEST_TMPDIR/de.xml"
	assert_output 1
}

@test "CreDtTm is the as-of date at +08:00" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/p.xml"
	run -0 xml_values "$BATS_TEST_TMPDIR/p.xml" "//*[local-name()='CreDtTm']"
	assert_output '2026-06-30T00:00:00+08:00'
}

@test "profile can ask for pain.001.001.09" {
	run --separate-stderr -0 pfe-pay --profile "$F/bank-profile-09.xml" \
		--accounts "$F/bank-accounts.csv" --portraits "$F/portraits.csv" \
		--state "$BATS_TEST_TMPDIR/state" --as-of 2026-06-30 \
		-o "$BATS_TEST_TMPDIR/p.xml" "$F/decisions-clean.csv"
	run -0 xmllint --noout --schema "$PAIN09" "$BATS_TEST_TMPDIR/p.xml"
	run -0 xml_values "$BATS_TEST_TMPDIR/p.xml" "(//*[local-name()='ReqdExctnDt'])[1]/*[local-name()='Dt']"
	assert_output 2026-07-01
}

@test "long decision id gets a hashed end-to-end id" {
	long=A-APPLICATION-2026-CHENGDU-JINNIU-000001
	sed "s/^A-APP-2026-0001,/$long,/" "$F/decisions-clean.csv" > "$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr -0 pay "$BATS_TEST_TMPDIR/d.csv" -o "$BATS_TEST_TMPDIR/p.xml"
	hash=$(printf '%s' "$long" | sha256sum | cut -c1-24)
	run -0 grep -c "<EndToEndId>D$hash-1</EndToEndId>" "$BATS_TEST_TMPDIR/p.xml"
	assert_output 1
}

@test "duplicate decision is fatal and writes nothing" {
	cp "$F/decisions-clean.csv" "$BATS_TEST_TMPDIR/d.csv"
	tail -n 1 "$F/decisions-clean.csv" >> "$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr -2 pay "$BATS_TEST_TMPDIR/d.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	assert_equal "$stderr" "pfe-pay: $BATS_TEST_TMPDIR/d.csv:5: duplicate decision 'G-CD-XSG-91510104MA61XP015A': already at $BATS_TEST_TMPDIR/d.csv:4; a decision is prepared at most once per batch"
	run -0 ls -A "$BATS_TEST_TMPDIR/out"
	assert_output ''
	[ ! -e "$BATS_TEST_TMPDIR/state/ledger.csv" ] || fail "ledger was written"
}

@test "schema failure is fatal and writes nothing" {
	# 1001 payments of almost ten trillion yuan: the CtrlSum needs 19
	# digits, more than the schema's 18.
	head -n 1 "$F/decisions-clean.csv" > "$BATS_TEST_TMPDIR/d.csv"
	for i in $(seq 1 1001); do
		echo "A-BIG-$i,BIG-$i,91510106MA63XP0338,CD-JSGZ,manual,approved,,9999999999999.99,,x,2026-06-30"
	done >> "$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr -2 pay "$BATS_TEST_TMPDIR/d.csv" --out-dir "$BATS_TEST_TMPDIR/out"
	# The file is checked as it is written, so the error names the line
	# of the group header's CtrlSum.
	assert_equal "${stderr_lines[0]}" "pfe-pay: TEST-20260630-fa51c18c5598.xml:8: Element '{urn:iso:std:iso:20022:tech:xsd:pain.001.001.03}CtrlSum': [facet 'totalDigits'] The value '10009999999999989.99' has more digits than are allowed ('18')."
	assert_equal "${stderr_lines[-1]}" "pfe-pay: payment file 'TEST-20260630-fa51c18c5598.xml' is not valid against iso20022/pain.001.001.03.xsd: nothing written"
	run -0 ls -A "$BATS_TEST_TMPDIR/out"
	assert_output ''
	[ ! -e "$BATS_TEST_TMPDIR/state/ledger.csv" ] || fail "ledger was written"
}

@test "invalid payment file on standard output writes nothing there" {
	# Standard output cannot be taken back: the file is checked whole
	# before its first byte is written.
	head -n 1 "$F/decisions-clean.csv" > "$BATS_TEST_TMPDIR/d.csv"
	for i in $(seq 1 1001); do
		echo "A-BIG-$i,BIG-$i,91510106MA63XP0338,CD-JSGZ,manual,approved,,9999999999999.99,,x,2026-06-30"
	done >> "$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr -2 pay "$BATS_TEST_TMPDIR/d.csv"
	assert_output ''
	assert_equal "${stderr_lines[-1]}" "pfe-pay: payment file '-' is not valid against iso20022/pain.001.001.03.xsd: nothing written"
	[ ! -e "$BATS_TEST_TMPDIR/state/ledger.csv" ] || fail "ledger was written"
}

@test "held file on standard output waits for a valid payment file" {
	head -n 1 "$F/decisions-clean.csv" > "$BATS_TEST_TMPDIR/d.csv"
	for i in $(seq 1 1001); do
		echo "A-BIG-$i,BIG-$i,91510106MA63XP0338,CD-JSGZ,manual,approved,,9999999999999.99,,x,2026-06-30"
	done >> "$BATS_TEST_TMPDIR/d.csv"
	echo "A-ZERO,ZERO,91510106MA63XP0338,CD-JSGZ,manual,approved,,0.00,,x,2026-06-30" >> "$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr -2 pay "$BATS_TEST_TMPDIR/d.csv" -q --held - --out-dir "$BATS_TEST_TMPDIR/out"
	assert_output ''
	run -0 ls -A "$BATS_TEST_TMPDIR/out"
	assert_output ''
}

@test "batch of several megabytes is the same in a file and on standard output" {
	# About 3 MB: more than the validator's ring of pieces holds at once.
	head -n 1 "$F/decisions-clean.csv" > "$BATS_TEST_TMPDIR/d.csv"
	for i in $(seq 1 3500); do
		echo "A-MANY-$i,MANY-$i,91510106MA63XP0338,CD-JSGZ,manual,approved,,$i.25,,x,2026-06-30"
	done >> "$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr -0 pay "$BATS_TEST_TMPDIR/d.csv" -o "$BATS_TEST_TMPDIR/file.xml"
	[ "$(stat -c %s "$BATS_TEST_TMPDIR/file.xml")" -gt 2000000 ] || fail "batch is too small"
	run -0 xmllint --noout --schema "$PAIN03" "$BATS_TEST_TMPDIR/file.xml"
	run -0 sh -c "sha256sum < '$BATS_TEST_TMPDIR/file.xml' | cut -d' ' -f1"
	digest=$output
	run -0 sh -c "tail -n 1 '$BATS_TEST_TMPDIR/state/ledger.csv' | cut -d, -f14"
	assert_equal "$output" "$digest"
	rm -r "$BATS_TEST_TMPDIR/state"
	pay "$BATS_TEST_TMPDIR/d.csv" -q > "$BATS_TEST_TMPDIR/stdout.xml"
	assert_same_file "$BATS_TEST_TMPDIR/file.xml" "$BATS_TEST_TMPDIR/stdout.xml"
}

@test "names with markup characters are escaped and validate" {
	sed 's/成都金牛精密机械有限公司/成都金牛<精密>机械\&有限公司/' "$F/bank-accounts.csv" > "$BATS_TEST_TMPDIR/accounts.csv"
	sed 's/成都金牛精密机械有限公司/成都金牛<精密>机械\&有限公司/' "$F/portraits.csv" > "$BATS_TEST_TMPDIR/portraits.csv"
	run --separate-stderr -0 pfe-pay -q --profile "$F/bank-profile.xml" \
		--accounts "$BATS_TEST_TMPDIR/accounts.csv" \
		--portraits "$BATS_TEST_TMPDIR/portraits.csv" \
		--state "$BATS_TEST_TMPDIR/state" --as-of 2026-06-30 \
		-o "$BATS_TEST_TMPDIR/p.xml" "$F/decisions-clean.csv"
	run -0 grep -c '<Nm>成都金牛&lt;精密&gt;机械&amp;有限公司</Nm>' "$BATS_TEST_TMPDIR/p.xml"
	assert_output 1
	run -0 xmllint --noout --schema "$PAIN03" "$BATS_TEST_TMPDIR/p.xml"
}

@test "control character in a name is fatal and writes nothing" {
	# No schema can say this; the parser that validates the file as it
	# is written refuses it.
	sed "s/成都金牛精密机械有限公司/成都金牛$(printf '\001')机械有限公司/" "$F/bank-accounts.csv" > "$BATS_TEST_TMPDIR/accounts.csv"
	sed "s/成都金牛精密机械有限公司/成都金牛$(printf '\001')机械有限公司/" "$F/portraits.csv" > "$BATS_TEST_TMPDIR/portraits.csv"
	mkdir "$BATS_TEST_TMPDIR/out"
	run --separate-stderr -2 pfe-pay --profile "$F/bank-profile.xml" \
		--accounts "$BATS_TEST_TMPDIR/accounts.csv" \
		--portraits "$BATS_TEST_TMPDIR/portraits.csv" \
		--state "$BATS_TEST_TMPDIR/state" --as-of 2026-06-30 \
		--out-dir "$BATS_TEST_TMPDIR/out" "$F/decisions-clean.csv"
	assert_equal "${stderr_lines[0]}" "pfe-pay: TEST-20260630-96304fd715ad.xml:59.19: PCDATA invalid Char value 1"
	assert_equal "${stderr_lines[-1]}" "pfe-pay: payment file 'TEST-20260630-96304fd715ad.xml' is not valid against iso20022/pain.001.001.03.xsd: nothing written"
	run -0 ls -A "$BATS_TEST_TMPDIR/out"
	assert_output ''
	[ ! -e "$BATS_TEST_TMPDIR/state/ledger.csv" ] || fail "ledger was written"
}

@test "overlapping run fails while the lock is held" {
	mkdir -p "$BATS_TEST_TMPDIR/state"
	run --separate-stderr -2 flock "$BATS_TEST_TMPDIR/state/lock" \
		pfe-pay --profile "$F/bank-profile.xml" --accounts "$F/bank-accounts.csv" \
		--portraits "$F/portraits.csv" --state "$BATS_TEST_TMPDIR/state" \
		--as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/p.xml" "$F/decisions-clean.csv"
	assert_equal "$stderr" "pfe-pay: state folder '$BATS_TEST_TMPDIR/state' is locked by another run: try again when that run has finished"
	[ ! -e "$BATS_TEST_TMPDIR/p.xml" ] || fail "payment file was written"
	[ ! -e "$BATS_TEST_TMPDIR/state/ledger.csv" ] || fail "ledger was written"
}

@test "run after the lock is released prepares the batch" {
	mkdir -p "$BATS_TEST_TMPDIR/state"
	run -0 flock "$BATS_TEST_TMPDIR/state/lock" true
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/p.xml"
	run -0 wc -l < "$BATS_TEST_TMPDIR/state/ledger.csv"
	assert_output 4
}

@test "malformed ledger is fatal" {
	mkdir -p "$BATS_TEST_TMPDIR/state"
	printf 'msg_id,decision\n' > "$BATS_TEST_TMPDIR/state/ledger.csv"
	run --separate-stderr -2 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "$stderr" "pfe-pay: $BATS_TEST_TMPDIR/state/ledger.csv:1: invalid ledger header: expected the columns of schemas/ledger.csv.md; restore the ledger from a backup"
}

@test "empty ledger is fatal and prepares nothing" {
	mkdir -p "$BATS_TEST_TMPDIR/state"
	: > "$BATS_TEST_TMPDIR/state/ledger.csv"
	run --separate-stderr -2 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "$stderr" "pfe-pay: ledger '$BATS_TEST_TMPDIR/state/ledger.csv' is empty: restore it from a backup (only a missing ledger starts a new state folder)"
	[ ! -e "$BATS_TEST_TMPDIR/p.xml" ] || fail "payment file was written"
	[ ! -s "$BATS_TEST_TMPDIR/state/ledger.csv" ] || fail "ledger was written"
}

@test "ledger without its header is fatal" {
	run --separate-stderr -0 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/p.xml"
	sed -i 1d "$BATS_TEST_TMPDIR/state/ledger.csv"
	cp "$BATS_TEST_TMPDIR/state/ledger.csv" "$BATS_TEST_TMPDIR/before.csv"
	run --separate-stderr -2 pay "$F/decisions-clean.csv" -o "$BATS_TEST_TMPDIR/q.xml"
	assert_equal "$stderr" "pfe-pay: $BATS_TEST_TMPDIR/state/ledger.csv:1: invalid ledger header: column 1 is 'TEST-20260630-96304fd715ad', expected 'msg_id'; restore the ledger from a backup"
	[ ! -e "$BATS_TEST_TMPDIR/q.xml" ] || fail "payment file was written"
	assert_same_file "$BATS_TEST_TMPDIR/before.csv" "$BATS_TEST_TMPDIR/state/ledger.csv"
}

@test "invalid bank profile is fatal" {
	sed 's/<cnaps>105651000018</<cnaps>10565100001</' "$F/bank-profile.xml" > "$BATS_TEST_TMPDIR/profile.xml"
	run --separate-stderr -2 pfe-pay --profile "$BATS_TEST_TMPDIR/profile.xml" \
		--accounts "$F/bank-accounts.csv" --portraits "$F/portraits.csv" \
		--state "$BATS_TEST_TMPDIR/state" --as-of 2026-06-30 "$F/decisions-clean.csv"
	assert_equal "${stderr_lines[-1]}" "pfe-pay: invalid bank profile '$BATS_TEST_TMPDIR/profile.xml': see the errors above"
}

@test "profile with one account number twice is fatal" {
	sed 's/<account>4402200009990000123</<account>51050100880000990001</' "$F/bank-profile.xml" > "$BATS_TEST_TMPDIR/profile.xml"
	run --separate-stderr -2 pfe-pay --profile "$BATS_TEST_TMPDIR/profile.xml" \
		--accounts "$F/bank-accounts.csv" --portraits "$F/portraits.csv" \
		--state "$BATS_TEST_TMPDIR/state" --as-of 2026-06-30 "$F/decisions-clean.csv"
	assert_equal "$stderr" "pfe-pay: $BATS_TEST_TMPDIR/profile.xml: debtor accounts 'industry-fund' and 'tech-fund' have the same account number '51050100880000990001'"
}

@test "profile listing one item under two accounts is fatal" {
	sed 's/<debtor-account id="industry-fund">/<debtor-account id="industry-fund" items="CD-GQ-RENEW">/' "$F/bank-profile.xml" > "$BATS_TEST_TMPDIR/profile.xml"
	run --separate-stderr -2 pfe-pay --profile "$BATS_TEST_TMPDIR/profile.xml" \
		--accounts "$F/bank-accounts.csv" --portraits "$F/portraits.csv" \
		--state "$BATS_TEST_TMPDIR/state" --as-of 2026-06-30 "$F/decisions-clean.csv"
	assert_equal "$stderr" "pfe-pay: $BATS_TEST_TMPDIR/profile.xml: item 'CD-GQ-RENEW' is listed for more than one debtor account"
}

@test "missing --state is a usage error" {
	run --separate-stderr -2 pfe-pay --profile "$F/bank-profile.xml" \
		--accounts "$F/bank-accounts.csv" --portraits "$F/portraits.csv" \
		--as-of 2026-06-30 "$F/decisions-clean.csv"
	assert_equal "${stderr_lines[0]}" 'pfe-pay: missing option --state'
}

@test "--out-dir and -o together are a usage error" {
	run --separate-stderr -2 pay "$F/decisions-clean.csv" --out-dir "$BATS_TEST_TMPDIR" -o x.xml
	assert_equal "${stderr_lines[0]}" 'pfe-pay: --out-dir and -o exclude each other'
}

@test "preparer name with an ideographic space is a usage error" {
	run --separate-stderr -2 pay "$F/decisions-clean.csv" --preparer '　王制单' -o "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr_lines[0]}" "pfe-pay: invalid --preparer '　王制单': remove the blanks before and after the name"
	[ ! -e "$BATS_TEST_TMPDIR/state/ledger.csv" ] || fail "ledger was written"
}

@test "preparer name with a trailing space is a usage error" {
	run --separate-stderr -2 pay "$F/decisions-clean.csv" --preparer '王制单 ' -o "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr_lines[0]}" "pfe-pay: invalid --preparer '王制单 ': remove the blanks before and after the name"
}

@test "empty preparer name is a usage error" {
	run --separate-stderr -2 pay "$F/decisions-clean.csv" --preparer '' -o "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr_lines[0]}" "pfe-pay: invalid --preparer '': expected a name"
}

@test "--help prints the usage on stdout" {
	run -0 pfe-pay --help
	assert_line -n 0 'usage: pfe-pay --profile file --accounts file --portraits file'
}

@test "sample bank profile is valid" {
	run -0 xmllint --noout --schema "$PFE_ROOT/schemas/bank-profile.xsd" \
		"$PFE_ROOT/samples/chengdu/bank-profile.xml"
}
