#!/usr/bin/env bats
# pfe-review: applications and free-of-application grants decided under
# the rules, reviewer worksheets read back, caps and budgets shared.

bats_require_minimum_version 1.5.0
load test_helper

F="$FIXTURES/pfe-review"

# Run pfe-review on the fixture policies and portraits at 2026-06-30.
review() {
	pfe-review -p "$F/policies.xml" -d "$F/dictionary.xml" \
	    --portraits "$F/portraits.csv" --as-of 2026-06-30 "$@"
}

# Print the value of COLUMN (by name) in the row of DECISION of FILE.
cell() {
	awk -v id="$2" -v name="$3" -F, '
	NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
	$1 == id { print $c }' "$1"
}

# Print the reasons of DECISION in FILE (the reasons cell may hold commas
# only inside quotes, which these fixtures never produce).
reasons() {
	cell "$1" "$2" reasons
}

@test "automatic decisions match the golden file" {
	run -0 review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_same_file "$F/automatic.decisions.csv" "$BATS_TEST_TMPDIR/d.csv"
}

@test "automatic approval gives the award and its reasons" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001 outcome)" approved
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001 award)" 500000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001 decided_by)" pfe-review
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001 decided_at)" 2026-06-30
}

@test "automatic decline names the failed condition" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0002 outcome)" declined
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0002 award)" 0.00
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0002)" '不符合条件：2025年营业收入 5000万元，要求 ≥ 1亿元'
}

@test "serious dishonesty declines" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0003 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0003)" '列入严重失信主体名单（列入日期 2025-03-01），不予支持'
}

@test "item out of force declines" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0005)" '政策事项在评估日 2026-06-30 不在有效期内（2023-01-01 至 2025-12-31）'
}

@test "unknown data leaves an automatic decision pending" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0004 outcome)" pending
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0004 award)" ''
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0004)" '以下条件的数据未知，待补充后重新审核：2025年营业收入'
}

@test "summary counts what was read and written" {
	run --separate-stderr -0 review -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$stderr" 'pfe-review: read 5 applications, 0 matches, 0 reviews; wrote 5 decisions (1 approved, 3 declined, 1 pending), 0 worksheet rows, 0 follow-ups; rejected 0'
}

@test "semi-automatic waits for a reviewer" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" pending
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 decided_by)" ''
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0101)" '其余条件已自动核验；待审核人核实申报值；如经核实，奖励测算：技术改造设备投资额 6000万元 × 8% = 480万元，封顶 250万元'
}

@test "semi-automatic failing a checkable condition needs no reviewer" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --worksheet "$BATS_TEST_TMPDIR/w.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0102 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0102)" '不符合条件：所属区县 510104，要求 为 510116'
	run -1 grep -c '^2026-0102,' "$BATS_TEST_TMPDIR/w.csv"
}

@test "worksheet matches the golden file" {
	review -q -o /dev/null --worksheet "$BATS_TEST_TMPDIR/w.csv" "$F/semi.xml" "$F/manual.xml"
	assert_same_file "$F/semi.worksheet.csv" "$BATS_TEST_TMPDIR/w.csv"
}

@test "worksheet starts with a byte-order mark" {
	review -q -o /dev/null --worksheet "$BATS_TEST_TMPDIR/w.csv" "$F/semi.xml"
	run -0 head -c 3 "$BATS_TEST_TMPDIR/w.csv"
	assert_output $'\xef\xbb\xbf'
}

@test "worksheet guards a cell that would start a formula" {
	sed 's/name="成都测丁装备制造有限公司"/name="=HYPERLINK(1)"/; s/智能装配线技术改造项目/+1 改造/' \
	    "$F/semi.xml" > "$BATS_TEST_TMPDIR/semi.xml"
	review -q -o /dev/null --worksheet "$BATS_TEST_TMPDIR/w.csv" "$BATS_TEST_TMPDIR/semi.xml"
	run -0 grep -c "^2026-0101,91510116MA6R000451,成都测丁装备制造有限公司,R-SEMI,技术改造设备投资补助,2501-510116-04-01-100101 '\?+1 改造," "$BATS_TEST_TMPDIR/w.csv"
	sed 's/2501-510116-04-01-100101/+2501/' "$F/semi.xml" > "$BATS_TEST_TMPDIR/semi2.xml"
	run -1 review -q -o /dev/null --worksheet "$BATS_TEST_TMPDIR/w2.csv" "$BATS_TEST_TMPDIR/semi2.xml"
}

@test "manual item asks about the whole application" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --worksheet "$BATS_TEST_TMPDIR/w.csv" "$F/manual.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0801 outcome)" pending
	run -0 cut -d, -f1,7,8,9 "$BATS_TEST_TMPDIR/w.csv"
	assert_line -n 1 '2026-0801,application,整体审核：重大产业化项目奖励,项目总投资 150000000.00元'
}

@test "manual item is approved after the reviewer agrees" {
	printf 'application,uscc,item,question,decision,reviewer,reviewed_at,note\n2026-0801,91510116MA6R000451,R-MAN,application,同意,张志强,2026-06-25 16:00,符合本市产业发展方向\n' > "$BATS_TEST_TMPDIR/r.csv"
	run -0 review -q -o "$BATS_TEST_TMPDIR/d.csv" --reviews "$BATS_TEST_TMPDIR/r.csv" "$F/manual.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0801 outcome)" approved
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0801 award)" 2000000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0801 decided_by)" 张志强
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0801 decided_at)" 2026-06-25T16:00:00+08:00
}

@test "manual item is declined when the reviewer disagrees" {
	printf 'application,uscc,item,question,decision,reviewer,reviewed_at,note\n2026-0801,91510116MA6R000451,R-MAN,application,不同意,张志强,2026-06-25 16:00,不属于重点产业链\n' > "$BATS_TEST_TMPDIR/r.csv"
	run -0 review -q -o "$BATS_TEST_TMPDIR/d.csv" --reviews "$BATS_TEST_TMPDIR/r.csv" "$F/manual.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0801 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0801)" '审核人张志强不同意：不属于重点产业链'
}

@test "semi-automatic is approved after a review row" {
	run -0 review -q -o "$BATS_TEST_TMPDIR/d.csv" --reviews "$F/reviews-semi.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" approved
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 computed)" 2500000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 award)" 2500000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 decided_by)" 王晓梅
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 decided_at)" 2026-06-20T10:30:00+08:00
}

@test "confirmed value replaces the declared one" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --reviews "$F/reviews-semi.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0103 award)" 880000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0103 decided_at)" 2026-06-21T09:05:00+08:00
}

@test "formula guard is removed when a review is read back" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --reviews "$F/reviews-semi.csv" "$F/semi.xml"
	run -0 reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0103
	assert_output --partial '核定为 11000000.00 元：-含运输安装费100万元'
}

@test "reviewer disagreement declines with the note" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --reviews "$F/reviews-semi.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0104 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0104)" '审核人李建国不确认申报的技术改造设备投资额 8000000.00 元：发票金额与合同不符'
}

@test "answered questions leave the worksheet" {
	review -q -o /dev/null --reviews "$F/reviews-semi.csv" --worksheet "$BATS_TEST_TMPDIR/w.csv" "$F/semi.xml" "$F/manual.xml"
	run -0 cut -d, -f1 "$BATS_TEST_TMPDIR/w.csv"
	assert_equal "${#lines[@]}" 2
	assert_line -n 1 2026-0801
}

@test "reviews in GB18030 are read with --encoding" {
	iconv -f UTF-8 -t GB18030 "$F/reviews-semi.csv" > "$BATS_TEST_TMPDIR/r.csv"
	review -q -o "$BATS_TEST_TMPDIR/utf8.csv" --reviews "$F/reviews-semi.csv" "$F/semi.xml"
	run -0 review -q -o "$BATS_TEST_TMPDIR/gb.csv" --reviews "$BATS_TEST_TMPDIR/r.csv" --encoding gb18030 "$F/semi.xml"
	assert_same_file "$BATS_TEST_TMPDIR/utf8.csv" "$BATS_TEST_TMPDIR/gb.csv"
}

@test "reviews in GB18030 without --encoding are fatal" {
	iconv -f UTF-8 -t GB18030 "$F/reviews-semi.csv" > "$BATS_TEST_TMPDIR/r.csv"
	run -2 review -q -o "$BATS_TEST_TMPDIR/d.csv" --reviews "$BATS_TEST_TMPDIR/r.csv" "$F/semi.xml"
	[ ! -e "$BATS_TEST_TMPDIR/d.csv" ] || fail "decisions were written"
}

@test "mangled USCC in reviews is rejected with the fix" {
	run -1 review -q -o /dev/null --reviews "$F/reviews-bad.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$F/semi.xml" "$F/zero.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 "2,统一社会信用代码 '9.15101E+17' 被表格软件显示为科学计数法，应为 '915101047200000338'：请在表格中将该列设为文本格式，重新填入完整代码后保存"
	assert_line -n 2 "3,统一社会信用代码 '915101047200000000' 的末几位被表格软件改为 0（数字只保留 15 位有效位），应为 '915101047200000338'：请将该列设为文本格式，重新填入完整代码后保存"
}

@test "lost leading zero in reviews is rejected with the fix" {
	run -1 review -q -o /dev/null --reviews "$F/reviews-bad.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$F/semi.xml" "$F/zero.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 3 "4,申请编号 '117' 不存在：表格软件可能去掉了前导零，应为 '000117'；请将该列设为文本格式，重新填入编号后保存"
}

@test "review for an unasked question is rejected" {
	run -1 review -q -o /dev/null --reviews "$F/reviews-bad.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$F/semi.xml" "$F/zero.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 4 '5,审核工作表未就申请 2026-0102 的“equipment_investment”提问，该审核意见无从适用'
	assert_line -n 5 '6,审核工作表未就申请 2026-0101 的“project_fit”提问，该审核意见无从适用'
}

@test "review rows with bad cells are rejected" {
	run -1 review -q -o /dev/null --reviews "$F/reviews-bad.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$F/semi.xml" "$F/zero.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 6 "7,审核意见 '可以' 无效：应为“同意”或“不同意”"
	assert_line -n 7 "8,审核时间 '46195.65' 被表格软件转换成了数字：请将该列设为文本格式，按 2026-06-29 10:30 的形式重新填写"
	assert_line -n 8 '9,审核时间 2026-07-01T09:00:00+08:00 晚于评估日：该意见在评估日尚未作出'
	assert_line -n 9 '10,缺少审核人：每条审核意见须写明由谁作出'
	assert_equal "${#lines[@]}" 10
}

@test "rejected review rows warn on stderr without a rejects file" {
	run --separate-stderr -1 review -o /dev/null --reviews "$F/reviews-bad.csv" "$F/semi.xml" "$F/zero.xml"
	assert_equal "${stderr_lines[0]}" "pfe-review: $F/reviews-bad.csv:2: 统一社会信用代码 '9.15101E+17' 被表格软件显示为科学计数法，应为 '915101047200000338'：请在表格中将该列设为文本格式，重新填入完整代码后保存"
}

@test "a second answer to one question is rejected" {
	{ cat "$F/reviews-semi.csv"; echo '2026-0101,91510116MA6R000451,成都测丁装备制造有限公司,R-SEMI,equipment_investment,同意,,李建国,2026-06-21 10:30,'; } > "$BATS_TEST_TMPDIR/r.csv"
	run -1 review -q -o "$BATS_TEST_TMPDIR/d.csv" --reviews "$BATS_TEST_TMPDIR/r.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$F/semi.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '5,第2行已对申请 2026-0101 的问题 equipment_investment 作出审核意见，同一问题只能有一条'
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" approved
}

@test "an exact duplicate review row is listed, not rejected" {
	{ cat "$F/reviews-semi.csv"; tail -n 1 "$F/reviews-semi.csv"; } > "$BATS_TEST_TMPDIR/r.csv"
	run -0 review -q -o /dev/null --reviews "$BATS_TEST_TMPDIR/r.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$F/semi.xml"
	run -0 cut -d, -f2-4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '5,duplicate,与第4行重复'
}

@test "duplicate application is declined" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/duplicate.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0201 outcome)" pending
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0202 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0202)" '重复申请：与申请 2026-0201（同一企业、事项和项目，2026-05-12T10:00:00+08:00 提交）重复'
}

@test "a project funded before is declined" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --subsidies "$F/subsidies.csv" "$F/double-funding.xml"
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0301)" '项目 CZ2024-03-00000007 已于 2024 年度获“CD-JSGZ”财政资金 1200000.00 元支持，同一项目不重复支持'
}

@test "one project asked of two items is declined once" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --worksheet "$BATS_TEST_TMPDIR/w.csv" "$F/double-funding.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0302 outcome)" pending
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0303 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0303)" '项目 2501-510116-04-01-100302 已申请事项 R-MAN（申请 2026-0302），同一项目不重复支持'
	run -1 grep -c '^2026-0303,' "$BATS_TEST_TMPDIR/w.csv"
}

@test "first-come budget follows submission time" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/first-come.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0402 award)" 400000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0403 award)" 400000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0401 award)" 200000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0404 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0404)" '符合条件：登记状态 存续；2025年营业收入 1.8亿元 ≥ 1亿元；奖励测算：定额 40万元；本事项年度预算已用完'
}

@test "budget sum never exceeds the budget" {
	for f in first-come pro-rata rank; do
		review -q -o "$BATS_TEST_TMPDIR/$f.csv" "$F/$f.xml"
	done
	assert_equal "$(awk -F, 'NR > 1 { s += $8 * 100 } END { print s }' "$BATS_TEST_TMPDIR/first-come.csv")" 100000000
	assert_equal "$(awk -F, 'NR > 1 { s += $8 * 100 } END { print s }' "$BATS_TEST_TMPDIR/pro-rata.csv")" 20000
	assert_equal "$(awk -F, 'NR > 1 { s += $8 * 100 } END { print s }' "$BATS_TEST_TMPDIR/rank.csv")" 60000000
}

@test "pro-rata hands the remainder fen out in USCC order" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/pro-rata.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0503 award)" 66.67
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0502 award)" 66.67
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0501 award)" 66.66
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0501 computed)" 100.00
}

@test "pro-rata trace matches the golden file" {
	review -q -o /dev/null --trace "$BATS_TEST_TMPDIR/t.csv" "$F/pro-rata.xml"
	assert_same_file "$F/pro-rata.trace.csv" "$BATS_TEST_TMPDIR/t.csv"
}

@test "pro-rata waits while a claim is pending" {
	sed 's/sharing="first-come"/sharing="pro-rata"/; s/<budget fen="400000000"/<budget fen="300000000"/' "$F/policies.xml" > "$BATS_TEST_TMPDIR/p.xml"
	head -2 "$F/reviews-semi.csv" > "$BATS_TEST_TMPDIR/r.csv"
	pfe-review -q -p "$BATS_TEST_TMPDIR/p.xml" -d "$F/dictionary.xml" --portraits "$F/portraits.csv" --as-of 2026-06-30 \
	    --reviews "$BATS_TEST_TMPDIR/r.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" pending
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 | sed 's/.*；//')" '申请总额超过年度预算，须按比例分配：待同批申请全部审核后确定'
}

@test "first-come budget is reserved for an earlier pending application" {
	sed 's/<budget fen="400000000"/<budget fen="300000000"/' "$F/policies.xml" > "$BATS_TEST_TMPDIR/p.xml"
	sed -n '1p;3p' "$F/reviews-semi.csv" > "$BATS_TEST_TMPDIR/r.csv"
	pfe-review -q -p "$BATS_TEST_TMPDIR/p.xml" -d "$F/dictionary.xml" --portraits "$F/portraits.csv" --as-of 2026-06-30 \
	    --reviews "$BATS_TEST_TMPDIR/r.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" pending
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0103 outcome)" pending
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0103 | sed 's/.*；//')" '年度预算余额已为在先的待审核申请预留，待其审核后确定'
}

@test "rank budget goes to the highest revenue first" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/rank.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0901 award)" 400000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0903 award)" 200000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0902 outcome)" declined
}

@test "per-enterprise cap spans two applications" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/cap.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0601 award)" 400000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0602 award)" 200000.00
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0602 | sed 's/.*；//')" '按本事项单个企业年度奖励上限 60万元 核减为 20万元'
}

@test "per-enterprise cap spans two runs" {
	mkdir "$BATS_TEST_TMPDIR/state"
	sed '/2026-0602/,/<\/application>/d' "$F/cap.xml" > "$BATS_TEST_TMPDIR/first.xml"
	sed '/2026-0601/,/<\/application>/d' "$F/cap.xml" > "$BATS_TEST_TMPDIR/second.xml"
	review -q --state "$BATS_TEST_TMPDIR/state" -o /dev/null "$BATS_TEST_TMPDIR/first.xml"
	review -q --state "$BATS_TEST_TMPDIR/state" -o "$BATS_TEST_TMPDIR/d.csv" "$BATS_TEST_TMPDIR/second.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0602 award)" 200000.00
}

@test "highest-award group keeps only the highest" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$F/group.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0702 award)" 500000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0701 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0701 | sed 's/.*；//')" '同一年度同组事项就高不重复：已按事项 R-G2（同组较高奖励）核定奖励'
}

@test "highest-award group tops up an earlier run" {
	mkdir "$BATS_TEST_TMPDIR/state"
	review -q --state "$BATS_TEST_TMPDIR/state" -o /dev/null "$F/group-low.xml"
	review -q --state "$BATS_TEST_TMPDIR/state" -o "$BATS_TEST_TMPDIR/d.csv" "$F/group-high.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0712 computed)" 500000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0712 award)" 300000.00
}

@test "free-of-application match becomes a grant" {
	run -0 review -q -o "$BATS_TEST_TMPDIR/d.csv" --matches "$F/matches.csv"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" G-R-FREE-2026-91510104MA6R000102 outcome)" approved
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" G-R-FREE-2026-91510104MA6R000102 application)" ''
	run -0 reasons "$BATS_TEST_TMPDIR/d.csv" G-R-FREE-2026-91510104MA6R000102
	assert_output --partial '免申即享：依据 matches.csv 第3行的匹配结果，无需申请'
	run -1 grep -c '^G-R-AUTO' "$BATS_TEST_TMPDIR/d.csv"
}

@test "free grant equals the decision on an application" {
	review -q -o "$BATS_TEST_TMPDIR/g.csv" --matches "$F/matches.csv"
	review -q -o "$BATS_TEST_TMPDIR/a.csv" "$F/free-application.xml"
	for column in uscc item mode outcome computed award decided_by decided_at; do
		assert_equal "$(cell "$BATS_TEST_TMPDIR/g.csv" G-R-FREE-2026-91510104MA6R000102 $column)" \
		    "$(cell "$BATS_TEST_TMPDIR/a.csv" A-2026-1001 $column)"
	done
}

@test "free match with unknown data is never granted" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --matches "$F/matches.csv" --follow-up "$BATS_TEST_TMPDIR/f.csv"
	run -1 grep -c 91510108MA6R000614 "$BATS_TEST_TMPDIR/d.csv"
	run -0 cut -d, -f1,4,5,6 "$BATS_TEST_TMPDIR/f.csv"
	assert_line -n 1 '91510108MA6R000614,unknown,以下条件的数据未知，待补充后重新判断：2025年营业收入,matches.csv:6'
	assert_equal "${#lines[@]}" 2
}

@test "free grant to a dishonest enterprise is declined" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --matches "$F/matches.csv"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" G-R-FREE-2026-91510107MA6R000375 outcome)" declined
}

@test "output is deterministic" {
	all=("$F/automatic.xml" "$F/semi.xml" "$F/manual.xml" "$F/first-come.xml" "$F/pro-rata.xml" "$F/rank.xml" "$F/cap.xml" "$F/group.xml")
	review -q --matches "$F/matches.csv" --reviews "$F/reviews-semi.csv" --trace "$BATS_TEST_TMPDIR/t1.csv" -o "$BATS_TEST_TMPDIR/one.csv" "${all[@]}"
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	cd "$BATS_TEST_TMPDIR/elsewhere"
	TZ=Asia/Shanghai LANG=zh_CN.UTF-8 review -q --matches "$F/matches.csv" --reviews "$F/reviews-semi.csv" --trace t2.csv -o two.csv \
	    "$F/rank.xml" "$F/group.xml" "$F/cap.xml" "$F/pro-rata.xml" "$F/first-come.xml" "$F/manual.xml" "$F/semi.xml" "$F/automatic.xml"
	assert_same_file "$BATS_TEST_TMPDIR/one.csv" two.csv
	assert_same_file "$BATS_TEST_TMPDIR/t1.csv" t2.csv
}

@test "state reproduces final decisions and appends them once" {
	mkdir "$BATS_TEST_TMPDIR/state"
	review -q --state "$BATS_TEST_TMPDIR/state" -o "$BATS_TEST_TMPDIR/one.csv" "$F/automatic.xml"
	review -q --state "$BATS_TEST_TMPDIR/state" -o "$BATS_TEST_TMPDIR/two.csv" "$F/automatic.xml"
	assert_same_file "$BATS_TEST_TMPDIR/one.csv" "$BATS_TEST_TMPDIR/two.csv"
	run -0 cut -d, -f1 "$BATS_TEST_TMPDIR/state/decisions.csv"
	assert_equal "${#lines[@]}" 5
	run -1 grep -c A-2026-0004 "$BATS_TEST_TMPDIR/state/decisions.csv"
}

@test "review already applied in an earlier run is no reject" {
	mkdir "$BATS_TEST_TMPDIR/state"
	review -q --state "$BATS_TEST_TMPDIR/state" --reviews "$F/reviews-semi.csv" -o /dev/null "$F/semi.xml"
	run -0 review -q --state "$BATS_TEST_TMPDIR/state" --reviews "$F/reviews-semi.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" -o /dev/null "$F/semi.xml"
	run -0 cat "$BATS_TEST_TMPDIR/rej.csv"
	assert_equal "${#lines[@]}" 1
}

@test "review after an earlier final decision is rejected" {
	mkdir "$BATS_TEST_TMPDIR/state"
	review -q --state "$BATS_TEST_TMPDIR/state" --reviews "$F/reviews-semi.csv" -o /dev/null "$F/semi.xml"
	# The same answer given again later, after the decision was final.
	sed 's/2026-06-20 10:30/2026-06-29 10:30/' "$F/reviews-semi.csv" > "$BATS_TEST_TMPDIR/later.csv"
	run -1 review -q --state "$BATS_TEST_TMPDIR/state" --reviews "$BATS_TEST_TMPDIR/later.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" -o /dev/null "$F/semi.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '2,申请 2026-0101 已于往期作出决定（approved），不再接受审核意见：如需更改，请通过更正文件提出'
}

@test "locked state folder is fatal" {
	mkdir "$BATS_TEST_TMPDIR/state"
	exec 9> "$BATS_TEST_TMPDIR/state/lock"
	flock -n 9
	run --separate-stderr -2 review -q --state "$BATS_TEST_TMPDIR/state" -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	exec 9>&-
	assert_equal "$stderr" "pfe-review: state folder '$BATS_TEST_TMPDIR/state' is locked by another run: try again when that run has finished"
	[ ! -e "$BATS_TEST_TMPDIR/d.csv" ] || fail "decisions were written"
}

@test "application after the as-of date is rejected" {
	sed 's/2026-05-10T09:00:00+08:00/2026-07-01T09:00:00+08:00/' "$F/automatic.xml" > "$BATS_TEST_TMPDIR/late.xml"
	run -1 review -q -o "$BATS_TEST_TMPDIR/d.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$BATS_TEST_TMPDIR/late.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '4,提交时间 2026-07-01T09:00:00+08:00 晚于评估日 2026-06-30'
}

@test "application with a bad USCC is rejected" {
	sed 's/91510104MA6R000102/91510104MA6R000103/' "$F/free-application.xml" > "$BATS_TEST_TMPDIR/bad.xml"
	run -1 review -q -o "$BATS_TEST_TMPDIR/d.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$BATS_TEST_TMPDIR/bad.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 "3,统一社会信用代码'91510104MA6R000103'无效：校验码应为'2'"
}

@test "application that breaks the schema is rejected" {
	sed 's/submitted="2026-05-20T09:00:00+08:00"/submitted="2026-05-20 09:00"/' "$F/free-application.xml" > "$BATS_TEST_TMPDIR/bad.xml"
	run --separate-stderr -1 review -q -o "$BATS_TEST_TMPDIR/d.csv" "$BATS_TEST_TMPDIR/bad.xml"
	run -0 cat "$BATS_TEST_TMPDIR/d.csv"
	assert_equal "${#lines[@]}" 1
}

@test "missing required material declines" {
	sed 's/ material="invoices"//' "$F/semi.xml" > "$BATS_TEST_TMPDIR/semi.xml"
	review -q -o "$BATS_TEST_TMPDIR/d.csv" "$BATS_TEST_TMPDIR/semi.xml"
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0101)" '缺少申报材料：设备购置发票'
}

@test "help prints the usage" {
	run -0 pfe-review --help
	assert_line -n 0 'usage: pfe-review -p policies.xml -d dictionary.xml --portraits portraits.csv'
}

@test "missing as-of date is a usage error" {
	run --separate-stderr -2 pfe-review -p "$F/policies.xml" -d "$F/dictionary.xml" --portraits "$F/portraits.csv" "$F/automatic.xml"
	assert_equal "${stderr_lines[0]}" "pfe-review: missing option '--as-of': the evaluation date is never read from the clock"
}

@test "first-come budget spans two runs" {
	mkdir "$BATS_TEST_TMPDIR/state"
	sed '/2026-0401/,/<\/application>/d; /2026-0404/,/<\/application>/d' "$F/first-come.xml" > "$BATS_TEST_TMPDIR/first.xml"
	sed '/2026-0402/,/<\/application>/d; /2026-0403/,/<\/application>/d' "$F/first-come.xml" > "$BATS_TEST_TMPDIR/second.xml"
	review -q --state "$BATS_TEST_TMPDIR/state" -o /dev/null "$BATS_TEST_TMPDIR/first.xml"
	review -q --state "$BATS_TEST_TMPDIR/state" --trace "$BATS_TEST_TMPDIR/t.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$BATS_TEST_TMPDIR/second.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0401 award)" 200000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0404 outcome)" declined
	run -0 sed -n 2p "$BATS_TEST_TMPDIR/t.csv"
	assert_output '1,,R-FC,,budget,,,200000.00,2026年度预算 1000000.00，往期已核定 800000.00，按申请先后分配'
}

@test "applications are read from standard input" {
	run -0 review -q < "$F/free-application.xml"
	assert_line -n 1 --partial 'A-2026-1001,2026-1001,91510104MA6R000102,R-FREE,automatic,approved,300000.00,300000.00,'
}

@test "a grant is not repeated after an earlier approval" {
	mkdir "$BATS_TEST_TMPDIR/state"
	review -q --state "$BATS_TEST_TMPDIR/state" -o /dev/null "$F/free-application.xml"
	review -q --state "$BATS_TEST_TMPDIR/state" -o "$BATS_TEST_TMPDIR/d.csv" --matches "$F/matches.csv"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" G-R-FREE-2026-91510104MA6R000102 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" G-R-FREE-2026-91510104MA6R000102)" '免申即享：依据 matches.csv 第3行的匹配结果，无需申请；已获本事项奖励（决定 A-2026-1001），不重复兑现'
}

# Write an R-SEMI application for 2026-0101 whose two files are filed under
# $BATS_TEST_TMPDIR/evidence, registered with the digests DIGEST1 DIGEST2.
evidence_application() {
	mkdir -p "$BATS_TEST_TMPDIR/evidence/2026-0101"
	printf 'invoice\n' > "$BATS_TEST_TMPDIR/evidence/2026-0101/invoice.pdf"
	printf 'contract\n' > "$BATS_TEST_TMPDIR/evidence/2026-0101/contract.pdf"
	cat > "$BATS_TEST_TMPDIR/app.xml" <<XML
<application id="2026-0101" item="R-SEMI" submitted="2026-05-11T10:00:00+08:00">
  <enterprise uscc="91510116MA6R000451" name="成都测丁装备制造有限公司"/>
  <project code="2501-510116-04-01-100101" name="智能装配线技术改造项目"/>
  <declared field="equipment_investment" value="60000000.00">
    <evidence material="invoices" file="${3:-invoice.pdf}" sha256="$1"/>
    <evidence file="contract.pdf" sha256="$2"/>
  </declared>
</application>
XML
}

@test "evidence files matching their digests reach the worksheet" {
	evidence_application "$(printf 'invoice\n' | sha256sum | cut -c1-64)" "$(printf 'contract\n' | sha256sum | cut -c1-64)"
	review -q --evidence "$BATS_TEST_TMPDIR/evidence" --worksheet "$BATS_TEST_TMPDIR/w.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$BATS_TEST_TMPDIR/app.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" pending
	run -0 grep -c '与归档文件一致' "$BATS_TEST_TMPDIR/w.csv"
	assert_output 1
}

@test "evidence file with another digest declines" {
	evidence_application "$(printf 'invoice\n' | sha256sum | cut -c1-64)" "$(printf 'other\n' | sha256sum | cut -c1-64)"
	review -q --evidence "$BATS_TEST_TMPDIR/evidence" -o "$BATS_TEST_TMPDIR/d.csv" "$BATS_TEST_TMPDIR/app.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0101)" "材料文件 contract.pdf 的 SHA-256 为 $(printf 'contract\n' | sha256sum | cut -c1-64)，与申请时登记的 $(printf 'other\n' | sha256sum | cut -c1-64) 不一致"
}

@test "evidence file not filed leaves the decision pending" {
	evidence_application "$(printf 'invoice\n' | sha256sum | cut -c1-64)" "$(printf 'contract\n' | sha256sum | cut -c1-64)"
	rm "$BATS_TEST_TMPDIR/evidence/2026-0101/contract.pdf"
	review -q --evidence "$BATS_TEST_TMPDIR/evidence" --worksheet "$BATS_TEST_TMPDIR/w.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$BATS_TEST_TMPDIR/app.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" pending
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0101)" '材料文件 contract.pdf 尚未归档'
	run -0 cat "$BATS_TEST_TMPDIR/w.csv"
	assert_equal "${#lines[@]}" 1
}

@test "evidence file name with a path declines" {
	evidence_application "$(printf 'invoice\n' | sha256sum | cut -c1-64)" "$(printf 'contract\n' | sha256sum | cut -c1-64)" '../../etc/passwd'
	review -q --evidence "$BATS_TEST_TMPDIR/evidence" -o "$BATS_TEST_TMPDIR/d.csv" "$BATS_TEST_TMPDIR/app.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0101)" '材料文件名 ../../etc/passwd 无效：不能含路径'
}

@test "an application for a free item replaces its grant" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --matches "$F/matches.csv" --follow-up "$BATS_TEST_TMPDIR/f.csv" "$F/free-application.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-1001 outcome)" approved
	run -1 grep -c '^G-R-FREE-2026-91510104MA6R000102' "$BATS_TEST_TMPDIR/d.csv"
	run -0 grep '^91510104MA6R000102' "$BATS_TEST_TMPDIR/f.csv"
	assert_output '91510104MA6R000102,R-FREE,免申即享营业收入奖励,applied,企业已提交申请，按申请审核,matches.csv:3'
}

@test "version prints the program name" {
	run -0 pfe-review --version
	assert_output --partial 'pfe-review'
}

@test "state keeps earlier rows byte for byte" {
	mkdir "$BATS_TEST_TMPDIR/state"
	review -q --state "$BATS_TEST_TMPDIR/state" -o /dev/null "$F/group-low.xml"
	cp "$BATS_TEST_TMPDIR/state/decisions.csv" "$BATS_TEST_TMPDIR/before.csv"
	review -q --state "$BATS_TEST_TMPDIR/state" -o /dev/null "$F/cap.xml"
	run -0 cmp -n "$(wc -c < "$BATS_TEST_TMPDIR/before.csv")" "$BATS_TEST_TMPDIR/before.csv" "$BATS_TEST_TMPDIR/state/decisions.csv"
	run -0 cut -d, -f1 "$BATS_TEST_TMPDIR/state/decisions.csv"
	assert_equal "${lines[*]}" 'decision A-2026-0711 A-2026-0601 A-2026-0602'
}

@test "an award of an earlier year is no duplicate" {
	mkdir "$BATS_TEST_TMPDIR/state"
	printf '%s\n' 'decision,application,uscc,item,mode,outcome,computed,award,reasons,decided_by,decided_at,project' \
	    'A-2025-0001,2025-0001,91510104MA6R000102,R-AUTO,automatic,approved,500000.00,500000.00,,pfe-review,2025-06-30,' \
	    > "$BATS_TEST_TMPDIR/state/decisions.csv"
	review -q --state "$BATS_TEST_TMPDIR/state" -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001 outcome)" approved
}

@test "an award of the same year is a duplicate" {
	mkdir "$BATS_TEST_TMPDIR/state"
	printf '%s\n' 'decision,application,uscc,item,mode,outcome,computed,award,reasons,decided_by,decided_at,project' \
	    'A-2026-0000,2026-0000,91510104MA6R000102,R-AUTO,automatic,approved,500000.00,500000.00,,pfe-review,2026-03-31,' \
	    > "$BATS_TEST_TMPDIR/state/decisions.csv"
	review -q --state "$BATS_TEST_TMPDIR/state" -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001 outcome)" declined
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0001)" '重复申请：本年度同一企业和事项已获批（决定 A-2026-0000）'
}

@test "first-come grants share a budget in USCC order" {
	sed '/id="R-FREE"/,/<\/item>/ s|<valid from="2026-01-01"/>|&\n    <budget fen="50000000" sharing="first-come"/>|' "$F/policies.xml" > "$BATS_TEST_TMPDIR/p.xml"
	run -0 grep -c 'budget fen="50000000"' "$BATS_TEST_TMPDIR/p.xml"
	pfe-review -q -p "$BATS_TEST_TMPDIR/p.xml" -d "$F/dictionary.xml" --portraits "$F/portraits.csv" --as-of 2026-06-30 \
	    --matches "$F/matches.csv" -o "$BATS_TEST_TMPDIR/d.csv"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" G-R-FREE-2026-91510104MA6R000102 award)" 300000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" G-R-FREE-2026-91510112MA6R0007XL award)" 200000.00
}

# Decide the automatic fixture once into a fresh state folder.
decided_state() {
	mkdir "$BATS_TEST_TMPDIR/state"
	review -q --state "$BATS_TEST_TMPDIR/state" -o /dev/null "$F/automatic.xml"
}

# Write a corrections file with one row: DECISION AWARD.
correction() {
	printf '%s\n' 'decision,award,reason,corrected_by,corrected_at' \
	    "$1,$2,复核发现营业收入统计口径有误,赵敏,2026-06-28 10:00" > "$BATS_TEST_TMPDIR/corrections.csv"
}

# Record in the ledger that DECISION was paid 500000.00 and is now STATE.
ledger_row() {
	printf '%s\n' 'msg_id,pmt_inf_id,end_to_end_id,decision,uscc,item,attempt,amount,account,state,as_of,actor,file,sha256,reason' \
	    "M1,P1,$1-1,$1,91510104MA6R000102,R-AUTO,1,500000.00,6222000000000001,$2,2026-06-30,pfe-pay,M1.xml,$(printf x | sha256sum | cut -c1-64)," \
	    > "$BATS_TEST_TMPDIR/state/ledger.csv"
}

@test "correction before payment supersedes the decision" {
	decided_state
	correction A-2026-0001 300000.00
	run -0 review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	run -1 grep -c '^A-2026-0001,' "$BATS_TEST_TMPDIR/d.csv"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C1 outcome)" approved
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C1 award)" 300000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C1 supersedes)" A-2026-0001
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C1 decided_by)" 赵敏
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C1)" '更正决定 A-2026-0001：复核发现营业收入统计口径有误；奖励由 500000.00 元更正为 300000.00 元'
	run -0 grep -c '^A-2026-0001' "$BATS_TEST_TMPDIR/state/decisions.csv"
	assert_output 2
}

@test "correction with an empty ledger is fatal" {
	decided_state
	correction A-2026-0001 300000.00
	: > "$BATS_TEST_TMPDIR/state/ledger.csv"
	run --separate-stderr -2 review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$stderr" "pfe-review: ledger '$BATS_TEST_TMPDIR/state/ledger.csv' is empty: restore it from a backup (only a missing ledger starts a new state folder)"
}

@test "correction is kept by later runs" {
	decided_state
	correction A-2026-0001 300000.00
	review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" -o "$BATS_TEST_TMPDIR/one.csv" "$F/automatic.xml"
	review -q --state "$BATS_TEST_TMPDIR/state" -o "$BATS_TEST_TMPDIR/two.csv" "$F/automatic.xml"
	assert_same_file "$BATS_TEST_TMPDIR/one.csv" "$BATS_TEST_TMPDIR/two.csv"
}

@test "revocation after payment records money owed" {
	decided_state
	ledger_row A-2026-0001 settled
	correction A-2026-0001 0
	run -0 review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C1 outcome)" declined
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C1 award)" 0.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C1 owed)" 500000.00
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C1)" '撤销决定 A-2026-0001：复核发现营业收入统计口径有误；已拨付 500000.00 元，应退回 500000.00 元'
}

@test "partial correction after payment is rejected" {
	decided_state
	ledger_row A-2026-0001 settled
	correction A-2026-0001 300000.00
	run -1 review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '2,决定 A-2026-0001 已拨付 500000.00 元：已拨付的奖励只能整体撤销（更正金额填 0），应退回的款项另行追缴'
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001 award)" 500000.00
}

@test "correction of a payment in progress is rejected" {
	decided_state
	ledger_row A-2026-0001 prepared
	correction A-2026-0001 0
	run -1 review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" -o /dev/null "$F/automatic.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '2,决定 A-2026-0001 的付款正在办理（prepared）：请先作废该付款，再更正决定'
}

@test "correction of an unknown decision is rejected" {
	decided_state
	correction A-2026-9999 0
	run -1 review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" -o /dev/null "$F/automatic.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '2,决定 A-2026-9999 不在状态目录中：只能更正已作出的决定'
}

@test "correction of a superseded decision is rejected" {
	decided_state
	correction A-2026-0001 300000.00
	review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" -o /dev/null "$F/automatic.xml"
	run -1 review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" -o /dev/null "$F/automatic.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '2,决定 A-2026-0001 已由 A-2026-0001-C1 更正：请更正 A-2026-0001-C1'
}

@test "second correction continues the chain" {
	decided_state
	correction A-2026-0001 300000.00
	review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" -o /dev/null "$F/automatic.xml"
	correction A-2026-0001-C1 0
	review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$F/automatic.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C2 outcome)" declined
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0001-C2 supersedes)" A-2026-0001-C1
	run -1 grep -c '^A-2026-0001-C1,' "$BATS_TEST_TMPDIR/d.csv"
}

@test "correction above the cap is rejected" {
	mkdir "$BATS_TEST_TMPDIR/state"
	review -q --state "$BATS_TEST_TMPDIR/state" -o /dev/null "$F/cap.xml"
	correction A-2026-0602 400000.00
	run -1 review -q --state "$BATS_TEST_TMPDIR/state" --corrections "$BATS_TEST_TMPDIR/corrections.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" -o /dev/null "$F/cap.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '2,更正后金额超出本事项单个企业年度上限，尚可核定 20万元'
}

@test "corrections need a state folder" {
	correction A-2026-0001 0
	run --separate-stderr -2 review -q --corrections "$BATS_TEST_TMPDIR/corrections.csv" "$F/automatic.xml"
	assert_equal "${stderr_lines[0]}" "pfe-review: option '--corrections' needs '--state': only decisions in the state folder can be corrected"
}

@test "worksheet in GB18030 has the same text" {
	review -q -o /dev/null --worksheet "$BATS_TEST_TMPDIR/utf8.csv" "$F/semi.xml" "$F/manual.xml"
	review -q -o /dev/null --worksheet "$BATS_TEST_TMPDIR/gb.csv" --output-encoding gb18030 "$F/semi.xml" "$F/manual.xml"
	run -0 head -c 3 "$BATS_TEST_TMPDIR/gb.csv"
	assert_output 'app'
	iconv -f GB18030 -t UTF-8 "$BATS_TEST_TMPDIR/gb.csv" > "$BATS_TEST_TMPDIR/back.csv"
	tail -c +4 "$BATS_TEST_TMPDIR/utf8.csv" > "$BATS_TEST_TMPDIR/nobom.csv"
	assert_same_file "$BATS_TEST_TMPDIR/nobom.csv" "$BATS_TEST_TMPDIR/back.csv"
}

@test "GB18030 worksheet filled and read back decides" {
	review -q -o /dev/null --worksheet "$BATS_TEST_TMPDIR/gb.csv" --output-encoding gb18030 "$F/manual.xml"
	iconv -f GB18030 -t UTF-8 "$BATS_TEST_TMPDIR/gb.csv" |
	    sed '2s/,,,,,$/,同意,,张志强,2026-06-25 16:00,/' |
	    iconv -f UTF-8 -t GB18030 > "$BATS_TEST_TMPDIR/filled.csv"
	run -0 review -q -o "$BATS_TEST_TMPDIR/d.csv" --reviews "$BATS_TEST_TMPDIR/filled.csv" --encoding gb18030 "$F/manual.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0801 outcome)" approved
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0801 decided_by)" 张志强
}

@test "reservation for a pending application is capped" {
	sed '/id="R-SEMI"/,/<\/item>/ s|<budget fen="400000000" sharing="first-come"/>|<budget fen="300000000" sharing="first-come"/>\n    <enterprise-cap fen="100000000"/>|' "$F/policies.xml" > "$BATS_TEST_TMPDIR/p.xml"
	run -0 grep -c '<enterprise-cap fen="100000000"/>' "$BATS_TEST_TMPDIR/p.xml"
	sed -n '1p;3p' "$F/reviews-semi.csv" > "$BATS_TEST_TMPDIR/r.csv"
	pfe-review -q -p "$BATS_TEST_TMPDIR/p.xml" -d "$F/dictionary.xml" --portraits "$F/portraits.csv" --as-of 2026-06-30 \
	    --reviews "$BATS_TEST_TMPDIR/r.csv" --trace "$BATS_TEST_TMPDIR/t.csv" -o "$BATS_TEST_TMPDIR/d.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" pending
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0103 outcome)" approved
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0103 award)" 880000.00
	run -0 grep -c '^[0-9]*,A-2026-0101,R-SEMI,91510116MA6R000451,reserve,,1000000.00,' "$BATS_TEST_TMPDIR/t.csv"
}

@test "the same application twice is listed as a duplicate" {
	cp "$F/free-application.xml" "$BATS_TEST_TMPDIR/again.xml"
	run -0 review -q -o "$BATS_TEST_TMPDIR/d.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$F/free-application.xml" "$BATS_TEST_TMPDIR/again.xml"
	run -0 cut -d, -f2-4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '3,duplicate,与第3行重复'
	run -0 grep -c '^A-2026-1001,' "$BATS_TEST_TMPDIR/d.csv"
	assert_output 1
}

@test "a reused application id is rejected" {
	sed 's/2026-05-20T09:00:00+08:00/2026-05-21T09:00:00+08:00/' "$F/free-application.xml" > "$BATS_TEST_TMPDIR/again.xml"
	run -1 review -q -o /dev/null --rejects "$BATS_TEST_TMPDIR/rej.csv" "$F/free-application.xml" "$BATS_TEST_TMPDIR/again.xml"
	run -0 cut -d, -f2-4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 "3,reject,申请编号 2026-1001 已在 $F/free-application.xml 第3行使用"
}

@test "lost zero is found for a rejected application too" {
	sed 's/2026-05-11T11:00:00+08:00/2026-07-11T11:00:00+08:00/' "$F/zero.xml" > "$BATS_TEST_TMPDIR/late.xml"
	printf 'application,uscc,item,question,decision,reviewer,reviewed_at\n117,91510116MA6R00053U,R-SEMI,equipment_investment,同意,王晓梅,2026-06-22 15:10\n' > "$BATS_TEST_TMPDIR/r.csv"
	run -1 review -q -o /dev/null --reviews "$BATS_TEST_TMPDIR/r.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$BATS_TEST_TMPDIR/late.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 2 "2,申请编号 '117' 不存在：表格软件可能去掉了前导零，应为 '000117'；请将该列设为文本格式，重新填入编号后保存"
}

@test "confirmed value below the threshold declines" {
	printf 'application,uscc,item,question,decision,value,reviewer,reviewed_at\n2026-0103,91510116MA6R00053U,R-SEMI,equipment_investment,同意,4000000.00,王晓梅,2026-06-21 09:05\n' > "$BATS_TEST_TMPDIR/r.csv"
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --reviews "$BATS_TEST_TMPDIR/r.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0103 outcome)" declined
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0103 decided_by)" 王晓梅
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-0103)" '审核人王晓梅将技术改造设备投资额由申报的 12000000.00 元核定为 4000000.00 元；不符合条件：技术改造设备投资额 400万元，要求 ≥ 500万元'
}

@test "exact duplicate match row is listed, not rejected" {
	{ cat "$F/matches.csv"; tail -n 1 "$F/matches.csv"; } > "$BATS_TEST_TMPDIR/m.csv"
	run -0 review -q -o "$BATS_TEST_TMPDIR/d.csv" --matches "$BATS_TEST_TMPDIR/m.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv"
	run -0 cut -d, -f2-4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '8,duplicate,与第7行重复'
	assert_equal "${#lines[@]}" 2
}

@test "unsorted match row is rejected" {
	{ sed -n '1,3p;5p' "$F/matches.csv"; sed -n '4p;6,7p' "$F/matches.csv"; } > "$BATS_TEST_TMPDIR/m.csv"
	run -1 review -q -o "$BATS_TEST_TMPDIR/d.csv" --matches "$BATS_TEST_TMPDIR/m.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '5,未按统一社会信用代码和政策事项排序：应排在第4行之前'
	assert_equal "${#lines[@]}" 2
}

@test "second match row for one enterprise and item is rejected" {
	{ cat "$F/matches.csv"; sed -n '7s/300000.00/400000.00/p' "$F/matches.csv"; } > "$BATS_TEST_TMPDIR/m.csv"
	run -1 review -q -o "$BATS_TEST_TMPDIR/d.csv" --matches "$BATS_TEST_TMPDIR/m.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '8,企业 91510112MA6R0007XL 与政策事项 R-FREE 已在第7行匹配，同一企业和事项只能有一行'
	assert_equal "${#lines[@]}" 2
}

@test "application from an unregistered enterprise is declined" {
	sed 's/91510104MA6R000102/91510104MA6R00096W/' "$F/free-application.xml" > "$BATS_TEST_TMPDIR/a.xml"
	run -0 review -q -o "$BATS_TEST_TMPDIR/d.csv" --worksheet "$BATS_TEST_TMPDIR/w.csv" "$BATS_TEST_TMPDIR/a.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-1001 outcome)" declined
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-1001 award)" 0.00
	assert_equal "$(reasons "$BATS_TEST_TMPDIR/d.csv" A-2026-1001)" '企业 91510104MA6R00096W 不在市场监管部门的企业登记名录中（企业画像中没有该企业），不予支持'
}

@test "review before the submission is rejected" {
	printf 'application,uscc,item,question,decision,reviewer,reviewed_at\n2026-0101,91510116MA6R000451,R-SEMI,equipment_investment,同意,王晓梅,2026-05-10 10:30\n' > "$BATS_TEST_TMPDIR/r.csv"
	run -1 review -q -o "$BATS_TEST_TMPDIR/d.csv" --worksheet "$BATS_TEST_TMPDIR/w.csv" --reviews "$BATS_TEST_TMPDIR/r.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" pending
	run -0 grep -c '^2026-0101,' "$BATS_TEST_TMPDIR/w.csv"
	assert_output 1
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '2,审核时间 2026-05-10T10:30:00+08:00 早于申请 2026-0101 的提交时间 2026-05-11T10:00:00+08:00：审核意见不能在提交之前作出'
	assert_equal "${#lines[@]}" 2
}

@test "conflicting answers leave the question open" {
	{ cat "$F/reviews-semi.csv"; echo '2026-0101,91510116MA6R000451,成都测丁装备制造有限公司,R-SEMI,equipment_investment,不同意,,李建国,2026-06-21 10:30,'; echo '2026-0101,91510116MA6R000451,成都测丁装备制造有限公司,R-SEMI,equipment_investment,同意,,张伟,2026-06-22 10:30,'; } > "$BATS_TEST_TMPDIR/r.csv"
	run -1 review -q -o "$BATS_TEST_TMPDIR/d.csv" --worksheet "$BATS_TEST_TMPDIR/w.csv" --reviews "$BATS_TEST_TMPDIR/r.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" "$F/semi.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0101 outcome)" pending
	run -0 grep -c '^2026-0101,.*,equipment_investment,' "$BATS_TEST_TMPDIR/w.csv"
	assert_output 1
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '2,第2行与第5行对申请 2026-0101 的问题 equipment_investment 作出了不一致的审核意见（同意、不同意），均不采用：该问题须重新审核'
	assert_line -n 2 '5,第2行与第5行对申请 2026-0101 的问题 equipment_investment 作出了不一致的审核意见（同意、不同意），均不采用：该问题须重新审核'
	assert_line -n 3 '6,申请 2026-0101 的问题 equipment_investment 自第2行起已有不一致的审核意见，本行也不采用：该问题须重新审核'
	assert_equal "${#lines[@]}" 4
}

@test "malformed application file is rejected at its error" {
	sed 's|<enterprise uscc="91510104MA6R000102" name="成都测甲电子有限公司"/>|<enterprise uscc="91510104MA6R000102" name="成都测甲电子有限公司">|' "$F/free-application.xml" > "$BATS_TEST_TMPDIR/bad.xml"
	run -1 review -q -o /dev/null --rejects "$BATS_TEST_TMPDIR/rej.csv" "$BATS_TEST_TMPDIR/bad.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '5,不是格式正确的 XML：第5行第17列：Opening and ending tag mismatch: enterprise line 4 and application'
	assert_equal "${#lines[@]}" 2
}

@test "external entity in an application is rejected at its line" {
	sed '2a <!DOCTYPE application [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>' "$F/free-application.xml" |
	    sed 's|name="成都测甲电子有限公司"|name="\&xxe;"|' > "$BATS_TEST_TMPDIR/xxe.xml"
	run -0 grep -c '&xxe;' "$BATS_TEST_TMPDIR/xxe.xml"
	run -1 review -q -o /dev/null --rejects "$BATS_TEST_TMPDIR/rej.csv" "$BATS_TEST_TMPDIR/xxe.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 "7,不是格式正确的 XML：第7行第54列：Attribute references external entity 'xxe'"
	assert_equal "${#lines[@]}" 2
}

@test "document type declaration is rejected at its line" {
	sed '2a <!DOCTYPE application>' "$F/free-application.xml" > "$BATS_TEST_TMPDIR/dt.xml"
	run -1 review -q -o /dev/null --rejects "$BATS_TEST_TMPDIR/rej.csv" "$BATS_TEST_TMPDIR/dt.xml"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 '3,第3行第1列有文档类型声明（<!DOCTYPE>）：申请文件不接受文档类型声明和实体定义'
	assert_equal "${#lines[@]}" 2
}

@test "group top-up subtracts an earlier award once" {
	mkdir "$BATS_TEST_TMPDIR/state"
	sed 's|\(<enterprise [^>]*/>\)|\1<project code="PRJ-0" name="早先项目"/>|' "$F/group-low.xml" > "$BATS_TEST_TMPDIR/low.xml"
	review -q --state "$BATS_TEST_TMPDIR/state" -o /dev/null "$BATS_TEST_TMPDIR/low.xml"
	run -0 grep -c '^A-2026-0711,.*,approved,' "$BATS_TEST_TMPDIR/state/decisions.csv"
	sed 's/91510112MA6R0007XL/91510104MA6R000102/; s/成都测辛汽车零部件有限公司/成都测甲电子有限公司/' "$F/group.xml" |
	    awk '/<enterprise /{ n++; sub("/>", "/><project code=\"PRJ-" n "\" name=\"本次项目\"/>") } 1' > "$BATS_TEST_TMPDIR/two.xml"
	review -q --state "$BATS_TEST_TMPDIR/state" -o "$BATS_TEST_TMPDIR/d.csv" "$BATS_TEST_TMPDIR/two.xml"
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0701 outcome)" declined
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0702 computed)" 500000.00
	assert_equal "$(cell "$BATS_TEST_TMPDIR/d.csv" A-2026-0702 award)" 300000.00
}

# Write to p.xml and m.csv a copy of R-FREE as item R-FREE-2026-9, whose
# grant ids begin with those of R-FREE's, with a match row for each of
# R-FREE's.
nested_item() {
	awk '/<item id="R-FREE"/ { copy = 1 }
	copy { text = text $0 "\n" }
	{ print }
	copy && /<\/item>/ { copy = 0; gsub(/id="R-FREE"/, "id=\"R-FREE-2026-9\"", text); printf "%s", text }' \
	    "$F/policies.xml" > "$BATS_TEST_TMPDIR/p.xml"
	awk -F, 'NR > 1 && $2 == "R-FREE" { print; sub(/,R-FREE,/, ",R-FREE-2026-9,") } 1' \
	    "$F/matches.csv" | awk '!seen[$0]++' > "$BATS_TEST_TMPDIR/m.csv"
}

@test "grants are written in id order when one item's ids begin another's" {
	nested_item
	run -0 grep -c 'id="R-FREE-2026-9"' "$BATS_TEST_TMPDIR/p.xml"
	pfe-review -q -p "$BATS_TEST_TMPDIR/p.xml" -d "$F/dictionary.xml" --portraits "$F/portraits.csv" --as-of 2026-06-30 \
	    --matches "$BATS_TEST_TMPDIR/m.csv" -o "$BATS_TEST_TMPDIR/d.csv"
	run -0 cut -d, -f1 "$BATS_TEST_TMPDIR/d.csv"
	assert_line -n 1 G-R-FREE-2026-9-2026-91510104MA6R000102
	assert_line -n 4 G-R-FREE-2026-91510104MA6R000102
	assert_equal "${#lines[@]}" 7
	tail -n +2 "$BATS_TEST_TMPDIR/d.csv" | cut -d, -f1 | LC_ALL=C sort -c
	run -0 reasons "$BATS_TEST_TMPDIR/d.csv" G-R-FREE-2026-9-2026-91510107MA6R000375
	assert_output --partial '依据 m.csv 第8行的匹配结果'
	run -0 reasons "$BATS_TEST_TMPDIR/d.csv" G-R-FREE-2026-91510107MA6R000375
	assert_output --partial '依据 m.csv 第7行的匹配结果'
}

@test "portrait row out of USCC order is rejected" {
	{ sed -n '1,2p;4p' "$F/portraits.csv"; sed -n '3p;5,$p' "$F/portraits.csv"; } > "$BATS_TEST_TMPDIR/portraits.csv"
	run -1 pfe-review -q -p "$F/policies.xml" -d "$F/dictionary.xml" --portraits "$BATS_TEST_TMPDIR/portraits.csv" \
	    --as-of 2026-06-30 --matches "$F/matches.csv" --rejects "$BATS_TEST_TMPDIR/rej.csv" -o "$BATS_TEST_TMPDIR/d.csv"
	run -0 cut -d, -f2,4 "$BATS_TEST_TMPDIR/rej.csv"
	assert_line -n 1 "4,未按统一社会信用代码排序：'91510104MA6R000102'排在第3行的'91510104MA6R00029Y'之前"
	assert_equal "${#lines[@]}" 2
	# Without its portrait, the enterprise's grant waits for data.
	run -1 grep -c '^G-R-FREE-2026-91510104MA6R000102,' "$BATS_TEST_TMPDIR/d.csv"
}

@test "follow-up list in GB18030 is the UTF-8 list converted" {
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --matches "$F/matches.csv" --follow-up "$BATS_TEST_TMPDIR/utf8.csv"
	review -q -o "$BATS_TEST_TMPDIR/d.csv" --matches "$F/matches.csv" --follow-up "$BATS_TEST_TMPDIR/gb.csv" \
	    --output-encoding gb18030
	tail -c +4 "$BATS_TEST_TMPDIR/utf8.csv" | iconv -f UTF-8 -t GB18030 > "$BATS_TEST_TMPDIR/expected.csv"
	cmp "$BATS_TEST_TMPDIR/expected.csv" "$BATS_TEST_TMPDIR/gb.csv"
}
