#!/usr/bin/env bats
# pfe-publicity: the masked publicity list, periods kept in the state
# folder, objections, and the decisions cleared for pfe-pay.

load test_helper

setup() {
	# NOTE: until the Makefile's PROGRAMS lists publicity, `make check`
	# builds no pfe-publicity; the suite then shows as skipped.
	command -v pfe-publicity > /dev/null ||
	    skip 'pfe-publicity is not built: add publicity to PROGRAMS'
	cp "$FIXTURES"/pfe-publicity/*.csv "$BATS_TEST_TMPDIR"/
	cd "$BATS_TEST_TMPDIR"
}

# Publish the fixture decisions on 2026-06-30 with a 5-day period.
publish() {
	run -0 pfe-publicity -q --as-of 2026-06-30 --portraits portraits.csv \
	    --state state --list list.csv -o /dev/null decisions.csv
}

@test "help goes to standard output" {
	run -0 pfe-publicity --help
	assert_line -n 0 'usage: pfe-publicity --as-of DATE --portraits FILE [-q] [-p FILE -d FILE]'
}

@test "missing as-of date is a usage error" {
	run --separate-stderr -2 pfe-publicity --portraits portraits.csv decisions.csv
	assert_equal "${stderr_lines[0]}" "pfe-publicity: missing option '--as-of': the date is never read from the clock"
}

@test "days out of range is a usage error" {
	run --separate-stderr -2 pfe-publicity --as-of 2026-06-30 --days 366 --portraits portraits.csv decisions.csv
	assert_equal "${stderr_lines[0]}" "pfe-publicity: invalid --days '366': expected a whole number of days from 0 to 365"
}

@test "list rows are exact, titled and masked" {
	pfe-policy -q -d "$PFE_ROOT/samples/chengdu/dictionary.xml" \
	    "$PFE_ROOT"/samples/chengdu/policies/*.xml > policies.xml
	run -0 pfe-publicity -q --as-of 2026-06-30 --portraits portraits.csv \
	    -p policies.xml -d "$PFE_ROOT/samples/chengdu/dictionary.xml" \
	    --state state --list list.csv -o /dev/null decisions.csv
	assert_same_file expected-list.csv list.csv
}

@test "list starts with a byte-order mark and public columns" {
	publish
	run -0 head -c 3 list.csv
	assert_equal "$(printf '%s' "$output" | od -An -tx1 | tr -d ' ')" 'efbbbf'
	run -0 sed -n 1p list.csv
	assert_output $'\xef\xbb\xbf决定编号,企业名称,统一社会信用代码,政策事项,事项名称,奖励金额（元）,公示开始日期,公示截止日期'
}

@test "individual business name is masked" {
	publish
	run -0 grep '^G-CD-XSG-2026-92510104MA6CQ00193,' list.csv
	assert_output --partial ',成**********,'
	refute_output --partial '王记'
}

@test "name of four characters or fewer is masked" {
	publish
	run -0 grep '^A-SQ-2026-0104,' list.csv
	assert_output --partial ',李**,'
}

@test "name that starts a formula is guarded" {
	publish
	run -0 grep '^A-SQ-2026-0105,' list.csv
	assert_output --partial ",'=1+1成都算式科技有限公司,"
}

@test "declined, pending and zero awards are not listed" {
	publish
	run -1 grep -E 'A-SQ-2026-0102|A-SQ-2026-0103|G-CD-YF-2026' list.csv
}

@test "period not ended is not cleared" {
	publish
	run -0 pfe-publicity -q --as-of 2026-07-02 --portraits portraits.csv \
	    --state state --held held.csv -o cleared.csv decisions.csv
	run -0 wc -l < cleared.csv
	assert_output '1'
	run -0 grep -c ',publicity,2026-07-04,公示期至2026-07-04，尚未结束$' held.csv
	assert_output '5'
}

@test "last day of the period is not cleared" {
	publish
	run -0 pfe-publicity -q --as-of 2026-07-04 --portraits portraits.csv \
	    --state state --held held.csv -o cleared.csv decisions.csv
	run -0 wc -l < cleared.csv
	assert_output '1'
	run -0 grep -c ',publicity,2026-07-04,' held.csv
	assert_output '5'
}

@test "period that ended the day before is cleared" {
	publish
	run -0 pfe-publicity -q --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --held held.csv -o cleared.csv decisions.csv
	assert_same_file expected-cleared.csv cleared.csv
	run -0 wc -l < held.csv
	assert_output '1'
}

@test "rerun does not restart the period" {
	publish
	cp state/publicity.csv first.csv
	run -0 pfe-publicity -q --as-of 2026-07-03 --portraits portraits.csv \
	    --state state --list list-again.csv -o /dev/null decisions.csv
	assert_same_file first.csv state/publicity.csv
	run -0 grep -c ',2026-06-30,2026-07-04$' list-again.csv
	assert_output '5'
	run -0 pfe-publicity -q --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --list list-later.csv -o cleared.csv decisions.csv
	assert_same_file expected-cleared.csv cleared.csv
}

@test "period starts only when a list is written" {
	run -0 pfe-publicity -q --as-of 2026-06-30 --portraits portraits.csv \
	    --state state --held held.csv -o cleared.csv decisions.csv
	[ ! -e state/publicity.csv ] || fail "a period started without a list"
	run -0 grep -c ',unpublished,,尚未公示：本次运行未生成公示名单$' held.csv
	assert_output '5'
}

@test "changed award restarts the period" {
	publish
	sed 's/^A-SQ-2026-0104,\(.*\),40000.00,40000.00,/A-SQ-2026-0104,\1,40000.00,30000.00,/' decisions.csv > changed.csv
	run -0 pfe-publicity -q --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --list list.csv --held held.csv -o cleared.csv changed.csv
	run -0 grep '^A-SQ-2026-0104,' held.csv
	assert_output 'A-SQ-2026-0104,91510106MA6CQ0027X,CD-SZ-ZD,30000.00,publicity,2026-07-09,公示期至2026-07-09，尚未结束'
	run -0 tail -n 1 state/publicity.csv
	assert_output 'A-SQ-2026-0104,91510106MA6CQ0027X,CD-SZ-ZD,30000.00,2026-07-05,2026-07-09,'
}

@test "objections hold, clear and block" {
	publish
	run -0 pfe-publicity -q --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --objections objections.csv --held held.csv \
	    -o cleared.csv decisions.csv
	assert_same_file expected-cleared-objections.csv cleared.csv
	assert_same_file expected-held-objections.csv held.csv
}

@test "Chinese resolutions read as upheld and dismissed" {
	publish
	sed -e 's/,dismissed$/,不成立/' -e 's/,upheld$/,成立/' objections.csv > objections-zh.csv
	run -0 pfe-publicity -q --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --objections objections-zh.csv --held held.csv \
	    -o cleared.csv decisions.csv
	assert_same_file expected-cleared-objections.csv cleared.csv
	assert_same_file expected-held-objections.csv held.csv
}

@test "upheld objection blocks for good" {
	publish
	run -0 pfe-publicity -q --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --objections objections.csv -o /dev/null decisions.csv
	run -0 pfe-publicity -q --as-of 2026-07-20 --portraits portraits.csv \
	    --state state --held held.csv -o cleared.csv decisions.csv
	run -1 grep '^A-SQ-2026-0105,' cleared.csv
	run -0 grep '^A-SQ-2026-0105,' held.csv
	assert_output 'A-SQ-2026-0105,91510107MA6CQ00357,CD-SZ-GZ,1000000.00,blocked,2026-07-04,异议经核实成立（2026-07-03记录于公示状态），不予拨付'
}

@test "objection by enterprise and item finds its decision" {
	publish
	printf 'uscc,item,received,objector,reason,resolution\n91510104MA61XP015A,CD-JSGZ,2026-07-01,张伟,理由,\n' > by-item.csv
	run -0 pfe-publicity -q --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --objections by-item.csv --held held.csv -o /dev/null decisions.csv
	run -0 cut -d, -f1,5 held.csv
	assert_output $'decision,status\nA-SQ-2026-0101,objection'
}

@test "bad objections are rejected with line numbers" {
	publish
	run --separate-stderr -1 pfe-publicity --as-of 2026-07-08 --portraits portraits.csv \
	    --state state --objections objections-bad.csv --rejects rejects.csv \
	    -o /dev/null decisions.csv
	assert_equal "${stderr_lines[0]}" "pfe-publicity: objections-bad.csv:2: unknown decision 'A-SQ-2026-9999': not an approved award in the decisions read"
	assert_equal "${stderr_lines[1]}" "pfe-publicity: objections-bad.csv:3: objection received on '2026-07-05', outside the publicity period 2026-06-30 to 2026-07-04"
	assert_same_file expected-objection-rejects.csv rejects.csv
}

@test "objector is masked in rejects" {
	publish
	run -1 pfe-publicity -q --as-of 2026-07-08 --portraits portraits.csv \
	    --state state --objections objections-bad.csv --rejects rejects.csv \
	    -o /dev/null decisions.csv
	run -1 grep -E '赵六|孙七|周八|冯九|吴九|郑十|钱一|陈二' rejects.csv
}

@test "bad decisions are rejected with line numbers" {
	run --separate-stderr -1 pfe-publicity --as-of 2026-06-30 --portraits portraits.csv \
	    --rejects rejects.csv -o cleared.csv decisions-bad.csv
	assert_equal "${stderr_lines[0]}" "pfe-publicity: decisions-bad.csv:2: invalid award '30000.5': expected yuan with two decimals"
	assert_same_file expected-decision-rejects.csv rejects.csv
}

@test "days 0 clears on the first run" {
	run -0 pfe-publicity -q --days 0 --as-of 2026-06-30 --portraits portraits.csv \
	    --state state --list list.csv -o cleared.csv decisions.csv
	assert_same_file expected-cleared.csv cleared.csv
	run -0 grep -c ',2026-06-30,$' list.csv
	assert_output '5'
}

@test "output is the same under another time zone and locale" {
	publish
	cp -r state state-copy
	run -0 pfe-publicity -q --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --objections objections.csv --list list-a.csv \
	    --held held-a.csv -o cleared-a.csv decisions.csv
	TZ=Asia/Shanghai LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 run -0 pfe-publicity -q \
	    --as-of 2026-07-05 --portraits portraits.csv --state state-copy \
	    --objections objections.csv --list list-b.csv --held held-b.csv \
	    -o cleared-b.csv decisions.csv
	assert_same_file list-a.csv list-b.csv
	assert_same_file held-a.csv held-b.csv
	assert_same_file cleared-a.csv cleared-b.csv
	assert_same_file state/publicity.csv state-copy/publicity.csv
}

@test "failed run leaves every output untouched" {
	publish
	printf 'old\n' > list.csv
	printf 'old\n' > cleared.csv
	run --separate-stderr -2 pfe-publicity --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --list list.csv --held missing/held.csv -o cleared.csv decisions.csv
	assert_equal "${stderr_lines[0]%%:*}" 'pfe-publicity'
	assert_equal "$(cat list.csv)" 'old'
	assert_equal "$(cat cleared.csv)" 'old'
	run -0 find . -name '.*.??????'
	assert_output ''
}

@test "files are created with mode 0644" {
	umask 022
	publish
	run -0 pfe-publicity -q --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --held held.csv -o cleared.csv decisions.csv
	run -0 stat -c '%a %n' list.csv cleared.csv held.csv state/publicity.csv
	assert_output $'644 list.csv\n644 cleared.csv\n644 held.csv\n644 state/publicity.csv'
}

@test "locked state folder stops the run" {
	mkdir state
	run --separate-stderr -2 flock state/lock pfe-publicity --as-of 2026-06-30 \
	    --portraits portraits.csv --state state --list list.csv -o /dev/null decisions.csv
	assert_equal "${stderr_lines[0]}" "pfe-publicity: state folder 'state' is locked by another run: try again when that run has finished"
	[ ! -e list.csv ] || fail "list.csv was written"
}

@test "summary counts every decision" {
	publish
	run --separate-stderr -0 pfe-publicity --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --objections objections.csv -o /dev/null decisions.csv
	assert_equal "$stderr" 'pfe-publicity: read 8 decisions and 3 objections: 5 published, 3 cleared, 1 held, 1 blocked, 3 not approved or without award, rejected 0'
}

@test "objection naming another enterprise is rejected" {
	publish
	printf 'decision,uscc,item,received,objector,reason,resolution\nA-SQ-2026-0101,91510105MA62XP0249,,2026-07-01,张伟,理由,\n' > mismatch.csv
	run --separate-stderr -1 pfe-publicity --as-of 2026-07-05 --portraits portraits.csv \
	    --state state --objections mismatch.csv --rejects rejects.csv -o cleared.csv decisions.csv
	assert_equal "${stderr_lines[0]}" "pfe-publicity: mismatch.csv:2: decision 'A-SQ-2026-0101' is not for enterprise '91510105MA62XP0249' and item '' as the objection states"
	assert_same_file expected-cleared.csv cleared.csv
}

@test "decisions are read from standard input" {
	run -0 pfe-publicity -q --days 0 --as-of 2026-06-30 --portraits portraits.csv \
	    --list list.csv -o cleared.csv < decisions.csv
	assert_same_file expected-cleared.csv cleared.csv
}

@test "working days skip weekends and holidays" {
	run -0 pfe-publicity -q --working-days 5 --calendar calendar.csv \
	    --as-of 2026-09-30 --portraits portraits.csv --state state \
	    --list list.csv -o /dev/null decisions.csv
	run -0 grep -c ',2026-09-30,2026-10-12$' list.csv
	assert_output '5'
	run -0 pfe-publicity -q --as-of 2026-10-12 --portraits portraits.csv \
	    --state state -o cleared.csv decisions.csv
	run -0 wc -l < cleared.csv
	assert_output '1'
	run -0 pfe-publicity -q --as-of 2026-10-13 --portraits portraits.csv \
	    --state state -o cleared.csv decisions.csv
	assert_same_file expected-cleared.csv cleared.csv
}

@test "working days past the calendar stop the run" {
	run --separate-stderr -2 pfe-publicity --working-days 5 --calendar calendar.csv \
	    --as-of 2026-12-28 --portraits portraits.csv --state state \
	    --list list.csv -o /dev/null decisions.csv
	assert_equal "${stderr_lines[0]}" "pfe-publicity: holiday calendar 'calendar.csv' has no dates in 2027: add that year's holidays and make-up working days"
	[ ! -e list.csv ] || fail "list.csv was written"
	[ ! -e state/publicity.csv ] || fail "the state was written"
}

@test "working days need a calendar" {
	run --separate-stderr -2 pfe-publicity --working-days 5 --as-of 2026-06-30 \
	    --portraits portraits.csv decisions.csv
	assert_equal "${stderr_lines[0]}" "pfe-publicity: missing option '--calendar': working days need the public holidays"
}

@test "calendar listing a date twice is an error" {
	printf '2026-10-03,workday,重复\n' >> calendar.csv
	run --separate-stderr -2 pfe-publicity --working-days 5 --calendar calendar.csv \
	    --as-of 2026-09-30 --portraits portraits.csv decisions.csv
	assert_equal "${stderr_lines[0]}" "pfe-publicity: calendar.csv:10: date '2026-10-03' is listed twice, first on line 4"
}

@test "pfe-pay reads cleared decisions unchanged" {
	local pay="$FIXTURES/pfe-pay" run_in
	run -0 pfe-publicity -q --days 0 --as-of 2026-06-30 --portraits "$pay/portraits.csv" \
	    --list list.csv -o cleared.csv "$pay/decisions-clean.csv"
	for run_in in direct cleared; do
		local input="$pay/decisions-clean.csv"
		[ "$run_in" = direct ] || input=cleared.csv
		mkdir -p "$run_in/payments"
		run -0 pfe-pay -q --profile "$pay/bank-profile.xml" \
		    --accounts "$pay/bank-accounts.csv" --portraits "$pay/portraits.csv" \
		    --state "$run_in/state" --as-of 2026-06-30 \
		    --out-dir "$run_in/payments" --report "$run_in/report.csv" "$input"
	done
	run -0 ls direct/payments
	assert_output --regexp '^[A-Z]+-20260630-[0-9a-f]{12}\.xml$'
	run -0 diff -r direct/payments cleared/payments
	assert_same_file direct/report.csv cleared/report.csv
}
