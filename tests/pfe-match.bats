#!/usr/bin/env bats
# pfe-match: three-valued matching, near misses, details, statistics,
# --as-of boundaries, rejects and the output contracts. The fixture
# policies and portraits are described in fixtures/pfe-match/policies.xml.

bats_require_minimum_version 1.5.0

load test_helper

setup() {
	F="$FIXTURES/pfe-match"
	cd "$BATS_TEST_TMPDIR" || exit 1
	HEADER=$(head -n 1 "$F/portraits.csv")
}

# Run pfe-match on the fixture policies as of 2026-06-30.
match() {
	pfe-match -p "$F/policies.xml" -d "$F/dictionary.xml" \
	    --as-of 2026-06-30 "$@"
}

# Write portraits.csv from the fixture header and the fixture rows whose
# USCCs are given, in the order given.
portraits_of() {
	echo "$HEADER" > portraits.csv
	for code in "$@"; do
		grep "^$code," "$F/portraits.csv" >> portraits.csv
	done
}

E1=91510104MA6C00041N	# every item it can get
E2=91510104MA6C000844	# no R&D expense, revenue above 1亿 since 2023
E3=91510104MA6C00121A	# no establishment date, no 2023 revenue
E4=91510107MA6C00017H	# on the dishonesty list, revenue 4000万
E5=91510107MA6C00025C	# cancelled
E6=91510107MA6C0005XR	# no 2024 and 2025 revenue
E7=91510116MA6C00068T	# the only one in 510116

@test "help prints the usage on stdout" {
	run -0 pfe-match --help
	assert_line --index 0 "usage: pfe-match -p policies.xml -d dictionary.xml --as-of DATE [-q] [-j N] [-o matches.csv]"
}

@test "invalid --jobs is a usage error" {
	local jobs
	for jobs in 0 -1 257 two 2x "" " 4" +4 1.5; do
		run -2 --separate-stderr pfe-match -p "$F/policies.xml" \
		    -d "$F/dictionary.xml" --as-of 2026-06-30 --jobs "$jobs" \
		    "$F/portraits.csv"
		assert_equal "${stderr_lines[0]}" "pfe-match: invalid --jobs '$jobs': expected a number of threads from 1 to 256"
		assert_equal "$output" ""
	done
}

@test "missing --as-of is a usage error" {
	run -2 --separate-stderr pfe-match -p "$F/policies.xml" \
	    -d "$F/dictionary.xml" "$F/portraits.csv"
	[ "${stderr_lines[0]}" = "pfe-match: missing option '--as-of': the evaluation date is never read from the clock" ]
	[ "${stderr_lines[1]}" = "Try 'pfe-match --help' for more information." ]
	[ -z "$output" ]
}

@test "invalid --as-of date is a usage error" {
	run -2 --separate-stderr pfe-match -p "$F/policies.xml" \
	    -d "$F/dictionary.xml" --as-of 2026-02-30 "$F/portraits.csv"
	[ "${stderr_lines[0]}" = "pfe-match: invalid --as-of date '2026-02-30': expected YYYY-MM-DD" ]
}

@test "unknown option is a usage error" {
	run -2 --separate-stderr pfe-match --colour
	[ "${stderr_lines[0]}" = "pfe-match: unknown option '--colour'" ]
}

@test "matches equal the golden file" {
	run -0 --separate-stderr match -q -o matches.csv "$F/portraits.csv"
	assert_same_file "$F/matches.expected" matches.csv
}

@test "details equal the golden file" {
	run -0 --separate-stderr match -q --details details.csv \
	    -o matches.csv "$F/portraits.csv"
	assert_same_file "$F/details.expected" details.csv
}

@test "standard input gives the same matches" {
	run -0 --separate-stderr match -q < "$F/portraits.csv"
	echo "$output" > matches.csv
	assert_same_file "$F/matches.expected" matches.csv
}

@test "summary counts read, written, rejected" {
	run -0 --separate-stderr match -o matches.csv "$F/portraits.csv"
	[ "${stderr_lines[1]}" = "pfe-match: read 7 portraits, wrote 36 matches, rejected 0" ]
}

@test "header without a needed column is fatal" {
	sed '1s/,revenue_2025,/,revenue_2026,/' "$F/portraits.csv" > portraits.csv
	run -2 --separate-stderr match -q portraits.csv
	[ "${stderr_lines[1]}" = "pfe-match: portraits.csv:1: no column 'revenue_2025' for field 'revenue': the portraits do not match the dictionary and as-of date" ]
	# Nothing reaches standard output, not even the header.
	[ -z "$output" ]
}

@test "empty portraits file is fatal" {
	: > portraits.csv
	run -2 --separate-stderr match -q -o matches.csv portraits.csv
	[ "${stderr_lines[1]}" = "pfe-match: portraits.csv: missing header: the file is empty" ]
	[ ! -e matches.csv ]
}

# ---- three-valued evaluation: one test per construct giving unknown ----

@test "empty year cell is unknown" {
	run -0 --separate-stderr match -q --details details.csv "$F/portraits.csv"
	assert_line "$E6,T-NEAR,near-miss,automatic,100000.00,缺少数据：2025年营业收入 无数据（需 ≥ 5000万元）"
	run -0 grep "^$E6,T-NEAR,3," details.csv
	assert_output "$E6,T-NEAR,3,revenue,revenue_2025,2025年营业收入,,≥ 5000万元,unknown,国家税务总局成都市税务局"
}

@test "year outside the window is unknown" {
	run -0 --separate-stderr match -q --details details.csv "$F/portraits.csv"
	assert_line --regexp "^$E2,T-YEAR,near-miss,"
	run -0 grep "^$E2,T-YEAR,2," details.csv
	assert_output "$E2,T-YEAR,2,revenue,,2019年营业收入,,≥ 1元,unknown,国家税务总局成都市税务局"
}

@test "empty scalar field is unknown" {
	run -0 --separate-stderr match -q --details details.csv "$F/portraits.csv"
	assert_line "$E3,T-AGE,near-miss,automatic,100000.00,缺少数据：自成立日期起年限 无数据（需 ≥ 3年）"
	run -0 grep "^$E3,T-AGE,2," details.csv
	assert_output "$E3,T-AGE,2,established,established,自成立日期起年限,,≥ 3年,unknown,成都市市场监督管理局"
}

@test "undeclared value is unknown" {
	run -0 --separate-stderr match -q --details details.csv "$F/portraits.csv"
	assert_line "$E7,T-DECL,near-miss,semi-automatic,,缺少数据：技术改造设备投资额 无数据（需 ≥ 500万元）"
	run -0 grep "^$E7,T-DECL,2," details.csv
	assert_output "$E7,T-DECL,2,equipment_investment,equipment_investment,技术改造设备投资额,,≥ 500万元,unknown,企业申报"
}

@test "missing earlier year: first time unknown" {
	run -0 --separate-stderr match -q --details details.csv "$F/portraits.csv"
	assert_line --regexp "^$E3,T-FIRST,near-miss,automatic,200000.00,.*但2023年营业收入无数据"
	run -0 grep "^$E3,T-FIRST,2," details.csv
	assert_output --regexp ",unknown,国家税务总局成都市税务局$"
}

@test "first time not met after earlier year" {
	run -0 --separate-stderr match -q "$F/portraits.csv"
	assert_line --regexp "^$E2,T-FIRST,near-miss,.*未满足：2023年营业收入已达 1.5亿元"
	assert_line --regexp "^$E1,T-FIRST,eligible,automatic,200000.00,"
}

@test "missing award base: award empty" {
	run -0 --separate-stderr match -q --details details.csv "$F/portraits.csv"
	assert_line "$E2,T-AWARD,eligible,automatic,,登记状态 存续；2025年营业收入 3亿元 ≥ 1000万元"
	run -0 grep "^$E2,T-AWARD,award," details.csv
	assert_output "$E2,T-AWARD,award,rnd_expense,rnd_expense_2025,2025年研发费用,,奖励基数,unknown,国家税务总局成都市税务局"
}

@test "known award base: award computed" {
	run -0 --separate-stderr match -q "$F/portraits.csv"
	assert_line --regexp "^$E1,T-AWARD,eligible,automatic,200000.00,"
	assert_line --regexp "^$E4,T-AWARD,eligible,automatic,100000.00,"
}

# ---- near-miss rules on the top-level conditions ----

@test "one not met, rest met: near miss" {
	run -0 --separate-stderr match -q "$F/portraits.csv"
	assert_line "$E5,T-NEAR,near-miss,automatic,100000.00,未满足：登记状态 注销 不属于 存续"
}

@test "two not met is not listed" {
	run -0 --separate-stderr match -q "$F/portraits.csv"
	assert_line --regexp "^$E4,T-AGE,"
	refute_line --regexp "^$E4,T-NEAR,"
}

@test "one unknown, rest met: near miss" {
	run -0 --separate-stderr match -q "$F/portraits.csv"
	assert_line --regexp "^$E3,T-AGE,near-miss,"
	assert_line --regexp "^$E6,T-FIRST,near-miss,"
}

@test "one not met, one unknown: not listed" {
	run -0 --separate-stderr match -q "$F/portraits.csv"
	assert_line --regexp "^$E1,T-AGE,eligible,"
	refute_line --regexp "^$E1,T-DECL,"
	refute_line --regexp "^$E1,T-YEAR,"
}

@test "composite condition has its own row" {
	run -0 --separate-stderr match -q --details details.csv "$F/portraits.csv"
	run -0 grep "^$E1,T-NEAR,2" details.csv
	assert_line --index 0 "$E1,T-NEAR,2,,,,,,met,"
	assert_line --index 1 "$E1,T-NEAR,2.1,dishonesty,dishonesty,严重失信主体名单,,严重失信主体,not-met,信用中国（四川）"
}

# ---- statistics ----

@test "statistics equal the hand count" {
	run -0 --separate-stderr match -q --stats stats.csv -o matches.csv \
	    "$F/portraits.csv"
	assert_same_file "$F/stats.expected" stats.csv
	# Counted by hand from the fixture: 6 of 7 enterprises have an
	# eligible item (all but the cancelled one).
	run -0 grep -x 'run,,match_rate,6/7' stats.csv
	run -0 grep -x 'run,,match_rate_percent,85.7' stats.csv
	run -0 grep -x 'run,,pairs_eligible,15' stats.csv
	run -0 grep -x 'run,,pairs_near_miss,21' stats.csv
	run -0 grep -x 'run,,award_estimated,1350000.00' stats.csv
	run -0 grep -x 'item,T-NEAR,budget_use_percent,100.0' stats.csv
	run -0 grep -x 'district,510107,match_rate_percent,66.7' stats.csv
}

@test "statistics recomputed with awk" {
	run -0 --separate-stderr match -q --stats stats.csv -o matches.csv \
	    "$F/portraits.csv"
	# The fixture has no quoted cells, so splitting at commas is exact;
	# columns 1-5 of matches.csv come before any quoted text.
	awk -F, '
	NR == FNR {
		if (FNR > 1) { district[$1] = $5; section[$1] = $16; read++ }
		next
	}
	FNR == 1 { next }
	$3 == "eligible" {
		pe++; item_e[$2]++; ok[$1] = 1
		d_pe[district[$1]]++; s_pe[section[$1]]++
		if ($5 != "") {
			split($5, yuan, "."); fen = yuan[1] * 100 + yuan[2]
			award += fen; item_award[$2] += fen
		} else item_unknown[$2]++
	}
	$3 == "near-miss" {
		pn++; item_n[$2]++
		d_pn[district[$1]]++; s_pn[section[$1]]++
	}
	function money(f) { return sprintf("%d.%02d", f / 100, f % 100) }
	function percent(a, b) {
		t = int((2000 * a + b) / (2 * b))
		return sprintf("%d.%d", t / 10, t % 10)
	}
	END {
		for (u in district) {
			d_n[district[u]]++; s_n[section[u]]++
			if (u in ok) { eligible++; d_ok[district[u]]++; s_ok[section[u]]++ }
		}
		print "run,,enterprises_read," read
		print "run,,enterprises_eligible," eligible
		print "run,,match_rate," eligible "/" read
		print "run,,match_rate_percent," percent(eligible, read)
		print "run,,pairs_eligible," pe
		print "run,,pairs_near_miss," pn
		print "run,,award_estimated," money(award)
		for (i in item_e) {
			print "item," i ",pairs_eligible," item_e[i]
			print "item," i ",award_estimated," money(item_award[i])
			print "item," i ",award_unknown," item_unknown[i] + 0
		}
		for (i in item_n) print "item," i ",pairs_near_miss," item_n[i]
		for (d in d_n) {
			print "district," d ",enterprises," d_n[d]
			print "district," d ",enterprises_eligible," d_ok[d] + 0
			print "district," d ",match_rate_percent," percent(d_ok[d], d_n[d])
			print "district," d ",pairs_eligible," d_pe[d] + 0
			print "district," d ",pairs_near_miss," d_pn[d] + 0
		}
		for (s in s_n) {
			print "section," s ",enterprises," s_n[s]
			print "section," s ",enterprises_eligible," s_ok[s] + 0
			print "section," s ",match_rate_percent," percent(s_ok[s], s_n[s])
			print "section," s ",pairs_eligible," s_pe[s] + 0
			print "section," s ",pairs_near_miss," s_pn[s] + 0
		}
	}' "$F/portraits.csv" matches.csv | LC_ALL=C sort > recomputed.csv
	[ "$(wc -l < recomputed.csv)" -gt 40 ]
	# Every recomputed number is in the statistics, with the same value.
	LC_ALL=C sort stats.csv > sorted.csv
	run -0 comm -23 recomputed.csv sorted.csv
	assert_output ""
}

@test "statistics go to standard error with --stats -" {
	run -0 --separate-stderr match -q --stats - -o matches.csv \
	    "$F/portraits.csv"
	[ "${stderr_lines[1]}" = "scope,key,measure,value" ]
	[ "${stderr_lines[2]}" = "run,,enterprises_read,7" ]
}

@test "header-only input gives an empty rate" {
	portraits_of
	run -0 --separate-stderr match -q --stats stats.csv portraits.csv
	assert_output "uscc,item,status,mode,award,explanation"
	run -0 grep -x 'run,,match_rate,0/0' stats.csv
	run -0 grep -x 'run,,match_rate_percent,' stats.csv
}

# ---- --as-of boundaries ----

@test "item expired the day before is skipped" {
	run -0 --separate-stderr match --stats stats.csv "$F/portraits.csv"
	[ "${stderr_lines[0]}" = "pfe-match: item 'T-OLD' is not in force on 2026-06-30: valid from 2023-07-01 to 2026-06-29; not evaluated" ]
	refute_line --regexp ",T-OLD,"
	run -0 grep -x 'item,T-OLD,in_force,0' stats.csv
	run -0 grep -x 'item,T-OLD,valid_until,2026-06-29' stats.csv
	run -0 grep -x 'run,,items_in_force,7' stats.csv
}

@test "item starting on as-of is evaluated" {
	run -0 --separate-stderr match -q --stats stats.csv "$F/portraits.csv"
	assert_line "$E1,T-NEW,eligible,automatic,50000.00,登记状态 存续；认定与资质：高新技术企业（2025-10-01）"
	run -0 grep -x 'item,T-NEW,in_force,1' stats.csv
}

@test "day before swaps old and new items" {
	run -0 --separate-stderr pfe-match -p "$F/policies.xml" \
	    -d "$F/dictionary.xml" --as-of 2026-06-29 "$F/portraits.csv"
	[ "${stderr_lines[0]}" = "pfe-match: item 'T-NEW' is not in force on 2026-06-29: valid from 2026-06-30; not evaluated" ]
	assert_line "$E1,T-OLD,eligible,automatic,10000.00,登记状态 存续"
	refute_line --regexp ",T-NEW,"
}

@test "not-in-force warning survives -q" {
	run -0 --separate-stderr match -q "$F/portraits.csv"
	[ "${#stderr_lines[@]}" -eq 1 ]
	[ "${stderr_lines[0]}" = "pfe-match: item 'T-OLD' is not in force on 2026-06-30: valid from 2023-07-01 to 2026-06-29; not evaluated" ]
}

# ---- determinism and atomic output ----

@test "output ignores TZ, LANG and folder" {
	run -0 --separate-stderr match -q --details d1.csv --stats s1.csv \
	    -o m1.csv "$F/portraits.csv"
	mkdir elsewhere
	cd elsewhere
	TZ=Asia/Shanghai LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 run -0 \
	    --separate-stderr match -q --details ../d2.csv --stats ../s2.csv \
	    -o ../m2.csv "$F/portraits.csv"
	cd ..
	TZ=America/New_York LANG=C run -0 --separate-stderr match -q \
	    --details d3.csv --stats s3.csv -o m3.csv "$F/portraits.csv"
	cmp m1.csv m2.csv
	cmp m1.csv m3.csv
	cmp d1.csv d2.csv
	cmp d1.csv d3.csv
	cmp s1.csv s2.csv
	cmp s1.csv s3.csv
}

@test "failed run leaves no output file" {
	portraits_of "$E1" "$E2"
	printf '%s\n' "$E3,\"unterminated" >> portraits.csv
	mkdir out
	run -2 --separate-stderr match -q --details out/details.csv \
	    --stats out/stats.csv -o out/matches.csv portraits.csv
	[ "${stderr_lines[1]}" = "pfe-match: portraits.csv:4: malformed CSV: a quoted field is not closed before the end of the file" ]
	# Neither the outputs nor their temporary files are left behind.
	run -0 ls -A out
	assert_output ""
}

@test "failed run keeps the previous output file" {
	echo old > matches.csv
	run -2 --separate-stderr match -q -o matches.csv missing.csv
	[ "$(cat matches.csv)" = "old" ]
}

@test "FIFO output is written in place" {
	mkfifo matches.fifo
	cat matches.fifo > copy.csv &
	run -0 --separate-stderr match -q -o matches.fifo "$F/portraits.csv"
	wait
	[ -p matches.fifo ]
	assert_same_file "$F/matches.expected" copy.csv
}

@test "folder as output fails before writing" {
	mkdir matches.csv out
	run -2 --separate-stderr match -q --details out/details.csv \
	    -o matches.csv "$F/portraits.csv"
	assert_equal "${stderr_lines[1]}" "pfe-match: cannot write 'matches.csv': Is a directory"
	run -0 ls -A out
	assert_output ""
}

@test "terminated run leaves no temporary file" {
	# Reading a FIFO that nobody writes blocks after the outputs exist.
	mkdir out
	mkfifo portraits.fifo
	pfe-match -q -p "$F/policies.xml" -d "$F/dictionary.xml" \
	    --as-of 2026-06-30 --details out/details.csv -o out/matches.csv \
	    portraits.fifo 2> /dev/null &
	local pid=$! tries=0
	until [ "$(ls -A out | wc -l)" -eq 2 ] || [ "$tries" -ge 100 ]; do
		sleep 0.1
		tries=$((tries + 1))
	done
	run -0 ls -A out
	assert_equal "${#lines[@]}" 2
	kill -TERM "$pid"
	local status=0
	wait "$pid" || status=$?
	assert_equal "$status" 143
	run -0 ls -A out
	assert_output ""
}

@test "full device for one output commits none" {
	[ -w /dev/full ] || skip "no /dev/full"
	portraits_of "$E2" "$E1"
	mkdir out
	run -2 --separate-stderr match -q --rejects out/rejects.csv \
	    --stats out/stats.csv --details /dev/full -o out/matches.csv \
	    portraits.csv
	assert_equal "${stderr_lines[1]}" "pfe-match: cannot write '/dev/full': No space left on device"
	run -0 ls -A out
	assert_output ""
}

@test "closed standard error stays out of the output" {
	match -o matches.csv "$F/portraits.csv" 2>&-
	assert_same_file "$F/matches.expected" matches.csv
}

@test "fatal error keeps earlier matches on standard output" {
	portraits_of "$E1" "$E2"
	match -q -o expected.csv portraits.csv
	printf '%s\n' "$E3,\"unterminated" >> portraits.csv
	local jobs
	for jobs in 1 2 4; do
		run -2 --separate-stderr match -q -j "$jobs" portraits.csv
		assert_equal "$output" "$(cat expected.csv)"
	done
}

# ---- rejects ----

@test "rejects from standard input ignore the locale" {
	portraits_of "$E2" "$E1"
	LANG=C.UTF-8 run -1 --separate-stderr match -q --rejects c.csv \
	    -o /dev/null < portraits.csv
	LANG=zh_CN.UTF-8 run -1 --separate-stderr match -q --rejects zh.csv \
	    -o /dev/null < portraits.csv
	assert_same_file c.csv zh.csv
	run -0 cut -d, -f1,2 c.csv
	assert_line -n 1 "-,3"
}

@test "out-of-order row is rejected with its line" {
	portraits_of "$E1" "$E3" "$E2" "$E4"
	run -1 --separate-stderr match --rejects rejects.csv portraits.csv
	[ "${stderr_lines[1]}" = "pfe-match: portraits.csv:4: portraits not sorted by unified social credit code: '$E2' comes before '$E3' on line 3 of 'portraits.csv'" ]
	[ "${stderr_lines[2]}" = "pfe-match: read 4 portraits, wrote 14 matches, rejected 1" ]
	run -0 cut -d, -f1-4 rejects.csv
	assert_output "file,line,kind,reason
portraits.csv,4,reject,未按统一社会信用代码排序：'$E2'应排在portraits.csv第3行的'$E3'之前"
}

@test "rows after a reject are matched" {
	portraits_of "$E1" "$E3" "$E2" "$E4"
	run -1 --separate-stderr match -q portraits.csv
	assert_line --regexp "^$E4,T-AGE,eligible,"
	refute_line --regexp "^$E2,"
}

@test "exact duplicate is listed as duplicate" {
	portraits_of "$E1" "$E2" "$E2" "$E3"
	run -0 --separate-stderr match -q --rejects rejects.csv \
	    --stats stats.csv portraits.csv
	run -0 cut -d, -f1-4 rejects.csv
	assert_output "file,line,kind,reason
portraits.csv,4,duplicate,与第3行重复"
	run -0 grep -x 'run,,rows_duplicate,1' stats.csv
	run -0 grep -x 'run,,enterprises_read,3' stats.csv
}

@test "same code with other values is rejected" {
	portraits_of "$E1" "$E2"
	grep "^$E2," "$F/portraits.csv" | sed 's/锦江云算/锦江云计算/' \
	    >> portraits.csv
	run -1 --separate-stderr match --rejects rejects.csv \
	    --stats stats.csv portraits.csv
	[ "${stderr_lines[1]}" = "pfe-match: portraits.csv:4: duplicate unified social credit code '$E2': already on line 3 of 'portraits.csv'" ]
	run -0 grep -x 'run,,rows_rejected,1' stats.csv
}

@test "invalid check character is rejected" {
	portraits_of "$E1"
	grep "^$E2," "$F/portraits.csv" | sed "s/^$E2/91510104MA6C000845/" \
	    >> portraits.csv
	run -1 --separate-stderr match --rejects rejects.csv portraits.csv
	[ "${stderr_lines[1]}" = "pfe-match: portraits.csv:3: invalid unified social credit code '91510104MA6C000845': check character should be '4'" ]
	run -0 cut -d, -f1-3 rejects.csv
	assert_line --index 1 "portraits.csv,3,reject"
}

@test "allow-listed code passes the check" {
	portraits_of "$E1"
	grep "^$E2," "$F/portraits.csv" | sed "s/^$E2/91510104MA6C000845/" \
	    >> portraits.csv
	printf 'uscc,note\n91510104MA6C000845,test code issued before 2016\n' \
	    > allow.csv
	run -0 --separate-stderr match -q --uscc-allow allow.csv portraits.csv
	assert_line --regexp "^91510104MA6C000845,T-AGE,eligible,"
}

@test "wrong number of fields is rejected" {
	portraits_of "$E1"
	echo "$E2,锦江云算软件有限公司,2022-08-01" >> portraits.csv
	run -1 --separate-stderr match --rejects rejects.csv portraits.csv
	[ "${stderr_lines[1]}" = "pfe-match: portraits.csv:3: wrong number of fields: 3, expected 16" ]
	run -0 cut -d, -f1-4 rejects.csv
	assert_line --index 1 "portraits.csv,3,reject,字段数为3，应为16"
}

# ---- shards ----

@test "shards give the same matches as one file" {
	head -n 4 "$F/portraits.csv" > shard-1.csv
	{ echo "$HEADER"; tail -n +5 "$F/portraits.csv"; } > shard-2.csv
	run -0 --separate-stderr match -q -o matches.csv shard-1.csv shard-2.csv
	assert_same_file "$F/matches.expected" matches.csv
}

@test "shards out of order are rejected" {
	{ echo "$HEADER"; tail -n +5 "$F/portraits.csv"; } > shard-2.csv
	head -n 4 "$F/portraits.csv" > shard-1.csv
	run -1 --separate-stderr match -q shard-2.csv shard-1.csv
	assert_line --regexp "^$E4,"
	refute_line --regexp "^$E1,"
}

@test "shards with different headers are fatal" {
	head -n 2 "$F/portraits.csv" > shard-1.csv
	{ echo "$HEADER" | sed 's/,section$/,sector/'; tail -n 1 "$F/portraits.csv"; } \
	    > shard-2.csv
	run -2 --separate-stderr match -q -o matches.csv shard-1.csv shard-2.csv
	[ "${stderr_lines[1]}" = "pfe-match: shard-2.csv:1: header differs from the header of 'shard-1.csv': portraits of one run share one header" ]
	[ ! -e matches.csv ]
}
