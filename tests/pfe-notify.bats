#!/usr/bin/env bats
# pfe-notify: notices in Chinese from eligible matches, one SMS segment at
# most, the record of notices sent in the state folder, masking, and the
# file modes that keep contacts private.

bats_require_minimum_version 1.5.0

load test_helper

setup() {
	F="$FIXTURES/pfe-notify"
	cd "$BATS_TEST_TMPDIR" || exit 1
	cp "$F/contacts.csv" contacts.csv
}

# Run pfe-notify on the fixture policies with the state folder ./state.
notify() {
	pfe-notify -p "$F/policies.xml" -d "$F/dictionary.xml" \
	    -c contacts.csv --state state "$@"
}

E1=91510104MA6C00041N	# five eligible items, mobile and e-mail
E2=91510104MA6C000844	# one award unknown, mobile only
E3=91510104MA6C00121A	# e-mail only
E4=91510107MA6C00017H	# eligible, no contact

@test "help prints the usage on stdout" {
	run -0 pfe-notify --help
	assert_line --index 0 "usage: pfe-notify -p policies.xml -d dictionary.xml -c contacts.csv --state DIR"
}

@test "missing --state is a usage error" {
	run -2 --separate-stderr pfe-notify -p "$F/policies.xml" \
	    -d "$F/dictionary.xml" -c contacts.csv --as-of 2026-06-30
	[ "${stderr_lines[0]}" = "pfe-notify: missing option '--state': notices already sent are recorded there" ]
	[ ! -e state ]
}

@test "too long signature is a usage error" {
	run -2 --separate-stderr notify --as-of 2026-06-30 \
	    --signature 成都市经济和信息化局惠企 "$F/matches.csv"
	[ "${stderr_lines[0]}" = "pfe-notify: invalid --signature '成都市经济和信息化局惠企': expected 1 to 10 characters" ]
}

@test "outbox equals the golden file" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	assert_same_file "$F/outbox.expected" outbox.csv
}

@test "state records each notice" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	assert_same_file "$F/state.expected" state/notices-sent.csv
}

@test "summary counts every kind of row" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	[ "${stderr_lines[2]}" = "pfe-notify: read 11 matches (9 eligible), wrote 3 notices (2 sms, 1 mail), 0 already notified, 1 without a contact, rejected 1" ]
}

@test "sms notices fit in one segment" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	run -0 awk -F, '$3 == "sms" { print $5 }' outbox.csv
	[ "${#lines[@]}" -eq 2 ]
	for message in "${lines[@]}"; do
		# Every character of the fixture is in the BMP, so characters
		# and UTF-16 code units agree.
		length=$(printf '%s' "$message" | LC_ALL=C.UTF-8 wc -m)
		[ "$length" -le 70 ]
	done
}

@test "long sms lists the titles that fit" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	run -0 grep "^$E1," outbox.csv
	assert_output "$E1,张晓明,sms,19900001111,【惠企政策】贵单位符合5项惠企政策：成立三年以上企业奖励、研发费用奖励、营业收入首次突破1亿元奖励等，预计可获65万元。详见政策平台。,T-AGE;T-AWARD;T-FIRST;T-NEAR;T-NEW"
}

@test "unknown award makes the total a lower bound" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	run -0 grep "^$E2," outbox.csv
	assert_output --partial "，预计可获10万元以上。"
}

@test "mail lists every item with its award" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	run -0 grep "^$E3," outbox.csv
	assert_output "$E3,王芳芳,mail,wangfangfang@laozihao.example,【惠企政策】贵单位符合1项惠企政策：研发费用奖励（T-AWARD，金额待核定）。详见政策平台。,T-AWARD"
}

@test "only one address leaves per notice" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	run -0 grep "^$E1," outbox.csv
	refute_output --partial "zhangxiaoming@rongxin.example"
}

@test "near misses are not notified" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	run -1 grep -e "T-FIRST;" -e ",T-FIRST$" -e "^91510107MA6C00025C," \
	    <(grep -v "^$E1," outbox.csv)
}

@test "second run notifies nothing new" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o first.csv \
	    "$F/matches.csv"
	cp state/notices-sent.csv state-after-first.csv
	run -1 --separate-stderr notify --as-of 2026-07-01 -o second.csv \
	    "$F/matches.csv"
	[ "${stderr_lines[2]}" = "pfe-notify: read 11 matches (9 eligible), wrote 0 notices (0 sms, 0 mail), 8 already notified, 1 without a contact, rejected 1" ]
	run -0 cat second.csv
	assert_output $'\xef\xbb\xbfuscc,contact,channel,address,message,items'
	cmp state-after-first.csv state/notices-sent.csv
}

@test "changed award is notified again" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o first.csv \
	    "$F/matches.csv"
	sed "s/^$E2,T-AWARD,eligible,automatic,,/$E2,T-AWARD,eligible,automatic,30000.00,/" \
	    "$F/matches.csv" > matches.csv
	run -1 --separate-stderr notify --as-of 2026-07-01 -o second.csv \
	    matches.csv
	run -0 tail -n +2 second.csv
	assert_output "$E2,李华,sms,19900002222,【惠企政策】贵单位符合1项惠企政策：研发费用奖励，预计可获3万元。详见政策平台。,T-AWARD"
	run -0 grep "^$E2,T-AWARD," state/notices-sent.csv
	assert_output "$E2,T-AWARD,,2026-06-30,sms
$E2,T-AWARD,30000.00,2026-07-01,sms"
}

@test "new eligibility is notified alone" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o first.csv \
	    "$F/matches.csv"
	sed "s/^$E2,T-FIRST,near-miss,/$E2,T-FIRST,eligible,/" \
	    "$F/matches.csv" > matches.csv
	run -1 --separate-stderr notify --as-of 2026-07-01 -o second.csv \
	    matches.csv
	run -0 tail -n +2 second.csv
	assert_output "$E2,李华,sms,19900002222,【惠企政策】贵单位符合1项惠企政策：营业收入首次突破1亿元奖励，预计可获20万元。详见政策平台。,T-FIRST"
}

@test "enterprise without a contact is notified once it has one" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o first.csv \
	    "$F/matches.csv"
	run -1 grep "^$E4," first.csv
	echo "$E4,刘洋,19900005555," >> contacts.csv
	run -1 --separate-stderr notify --as-of 2026-07-01 -o second.csv \
	    "$F/matches.csv"
	run -0 tail -n +2 second.csv
	assert_output "$E4,刘洋,sms,19900005555,【惠企政策】贵单位符合1项惠企政策：成立三年以上企业奖励，预计可获10万元。详见政策平台。,T-AGE"
}

@test "outbox, state and lock are private files" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    --rejects rejects.csv "$F/matches.csv"
	[ "$(stat -c %a outbox.csv)" = 600 ]
	[ "$(stat -c %a state/notices-sent.csv)" = 600 ]
	[ "$(stat -c %a state/lock)" = 600 ]
	[ "$(stat -c %a state)" = 700 ]
	# The rejects file repeats contact rows, so it is private too.
	[ "$(stat -c %a rejects.csv)" = 600 ]
	run -0 grep -c 19900004444 rejects.csv
}

@test "private modes hold under a lax umask" {
	umask 000
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	[ "$(stat -c %a outbox.csv)" = 600 ]
	[ "$(stat -c %a state/notices-sent.csv)" = 600 ]
}

@test "masked outbox hides names and addresses" {
	run -1 --separate-stderr notify --as-of 2026-06-30 --mask \
	    -o outbox.csv "$F/matches.csv"
	assert_same_file "$F/outbox-masked.expected" outbox.csv
	[ "$(stat -c %a outbox.csv)" = 600 ]
}

@test "masked run leaves the state unchanged" {
	run -1 --separate-stderr notify --as-of 2026-06-30 --mask \
	    -o outbox.csv "$F/matches.csv"
	[ ! -e state/notices-sent.csv ]
	run -1 --separate-stderr notify --as-of 2026-06-30 -o real.csv \
	    "$F/matches.csv"
	[ "$(wc -l < real.csv)" -eq 4 ]
}

@test "locked state folder is fatal" {
	mkdir state
	run -2 --separate-stderr flock state/lock pfe-notify \
	    -p "$F/policies.xml" -d "$F/dictionary.xml" -c contacts.csv \
	    --state state --as-of 2026-06-30 -o outbox.csv "$F/matches.csv"
	[ "${stderr_lines[0]}" = "pfe-notify: state folder 'state' is locked by another run: try again when that run has finished" ]
	[ ! -e outbox.csv ]
	[ ! -e state/notices-sent.csv ]
}

@test "failed run keeps the state" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o first.csv \
	    "$F/matches.csv"
	cp state/notices-sent.csv before.csv
	{ cat "$F/matches.csv"; echo "$E4,T-NEW,eligible,\"broken"; } \
	    > matches.csv
	run -2 --separate-stderr notify --as-of 2026-07-01 -o second.csv \
	    matches.csv
	[ ! -e second.csv ]
	cmp before.csv state/notices-sent.csv
	run -0 ls -A state
	assert_output "lock
notices-sent.csv"
}

@test "invalid mobile number is rejected" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    --rejects rejects.csv "$F/matches.csv"
	[ "${stderr_lines[0]}" = "pfe-notify: contacts.csv:4: invalid mobile number '199***0333': expected 11 digits starting with 1" ]
	[ "${stderr_lines[1]}" = "pfe-notify: contacts.csv:7: duplicate of line 6 skipped" ]
	run -0 cut -d, -f1-4 rejects.csv
	assert_output "file,line,kind,reason
contacts.csv,4,reject,手机号码'1990000333'无效：应为以1开头的11位数字
contacts.csv,7,duplicate,与第6行重复"
}

@test "contact without mobile or e-mail is rejected" {
	echo "$E4,刘洋,," >> contacts.csv
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	[ "${stderr_lines[2]}" = "pfe-notify: contacts.csv:8: missing contact for '$E4': neither a mobile number nor an e-mail address" ]
}

@test "unsorted matches are rejected" {
	{ head -n 1 "$F/matches.csv"; grep "^$E2," "$F/matches.csv";
	  grep "^$E1,T-AGE," "$F/matches.csv"; } > matches.csv
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    matches.csv
	[ "${stderr_lines[2]}" = "pfe-notify: matches.csv:5: matches not sorted by uscc and item: '$E1,T-AGE' comes after line 4" ]
	run -1 grep "^$E1," outbox.csv
}

@test "unknown item is rejected" {
	{ head -n 1 "$F/matches.csv"; echo "$E1,T-GONE,eligible,automatic,1.00,"; } \
	    > matches.csv
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    --rejects rejects.csv matches.csv
	run -0 grep "^matches.csv," rejects.csv
	assert_output --partial "matches.csv,2,reject,政策事项'T-GONE'不在政策文件中"
}

@test "output ignores TZ and LANG" {
	run -1 --separate-stderr notify --as-of 2026-06-30 --mask \
	    -o one.csv "$F/matches.csv"
	TZ=Asia/Shanghai LANG=zh_CN.UTF-8 run -1 --separate-stderr notify \
	    --as-of 2026-06-30 --mask -o two.csv "$F/matches.csv"
	cmp one.csv two.csv
}

@test "notices follow from pfe-match output" {
	M="$FIXTURES/pfe-match"
	pfe-match -q -p "$M/policies.xml" -d "$M/dictionary.xml" \
	    --as-of 2026-06-30 "$M/portraits.csv" 2>/dev/null > matches.csv
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    matches.csv
	[ "${stderr_lines[2]}" = "pfe-notify: read 36 matches (15 eligible), wrote 4 notices (3 sms, 1 mail), 0 already notified, 3 without a contact, rejected 1" ]
	run -0 grep "^91510116MA6C00068T," outbox.csv
	assert_output "91510116MA6C00068T,陈静,sms,19900004444,【惠企政策】贵单位符合2项惠企政策：成立三年以上企业奖励、研发费用奖励，预计可获10万元以上。详见政策平台。,T-AGE;T-AWARD"
}

@test "mobile numbers are normalized" {
	grep -v "^$E2," "$F/contacts.csv" > contacts.csv
	echo "$E2,李华,+86 199-0000-2222," >> contacts.csv
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	run -0 grep "^$E2," outbox.csv
	assert_output --regexp "^$E2,李华,sms,19900002222,"
}

@test "cell starting a formula is guarded" {
	grep -v "^$E3," "$F/contacts.csv" > contacts.csv
	echo "$E3,\"=HYPERLINK(\"\"x\"\")\",,wangfangfang@laozihao.example" \
	    >> contacts.csv
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	run -0 grep "^$E3," outbox.csv
	assert_output --regexp "^$E3,\"'=HYPERLINK\(\"\"x\"\"\)\",mail,"
}

@test "signature starts every notice" {
	run -1 --separate-stderr notify --as-of 2026-06-30 \
	    --signature 成都经信 -o outbox.csv "$F/matches.csv"
	run -0 awk -F, 'NR > 1 && index($5, "【成都经信】贵单位") != 1' outbox.csv
	assert_output ""
	run -0 grep -c "【成都经信】" outbox.csv
	assert_output 3
}

@test "gb18030 outbox converts back to the same text" {
	run -1 --separate-stderr notify --as-of 2026-06-30 --mask \
	    --encoding gb18030 -o outbox.csv "$F/matches.csv"
	iconv -f GB18030 -t UTF-8 outbox.csv > back.csv
	tail -c +4 "$F/outbox-masked.expected" > expected.csv
	assert_same_file expected.csv back.csv
	# No byte-order mark, and not UTF-8.
	[ "$(head -c 4 outbox.csv)" = "uscc" ]
	run -1 iconv -f UTF-8 -t UTF-8 outbox.csv
}

@test "unknown encoding is a usage error" {
	run -2 --separate-stderr notify --as-of 2026-06-30 --encoding gbk \
	    "$F/matches.csv"
	[ "${stderr_lines[0]}" = "pfe-notify: invalid --encoding 'gbk': expected utf-8 or gb18030" ]
}

@test "damaged state file is fatal" {
	mkdir state
	printf 'uscc,item,award\n' > state/notices-sent.csv
	run -2 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	[ "${stderr_lines[2]}" = "pfe-notify: state/notices-sent.csv:1: damaged state file: header should be 'uscc,item,award,notified_on,channel'" ]
	[ ! -e outbox.csv ]
	[ "$(cat state/notices-sent.csv)" = "uscc,item,award" ]
}

@test "unsorted state file is fatal" {
	mkdir state
	{ echo uscc,item,award,notified_on,channel
	  echo "$E2,T-AGE,100000.00,2026-06-01,sms"
	  echo "$E1,T-AGE,100000.00,2026-06-01,sms"; } > state/notices-sent.csv
	run -2 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    "$F/matches.csv"
	[ "${stderr_lines[2]}" = "pfe-notify: state/notices-sent.csv:3: damaged state file: not sorted by uscc and item" ]
}

@test "matches on standard input give the same outbox" {
	run -1 --separate-stderr notify --as-of 2026-06-30 -o outbox.csv \
	    < "$F/matches.csv"
	assert_same_file "$F/outbox.expected" outbox.csv
}
