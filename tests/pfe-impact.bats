#!/usr/bin/env bats
# pfe-impact on the Chengdu sample: the sample policies against a copy in
# which fixtures/pfe-impact/keji.xml replaces keji.xml (CD-YF: lower R&D
# threshold, stricter growth, smaller budget; CD-GQ-FIRST: higher award;
# CD-YF-ZZ withdrawn; CD-YF-XQ new). Every number is checked against two
# pfe-match runs, one per version. A third version, with
# fixtures/pfe-impact/jinrong.xml in place of jinrong.xml (CD-SS-NEEQ: an
# award computed from revenue; CD-SS-BSE: expires the day before the
# as-of date), covers lower, unknown and expired awards.

bats_require_minimum_version 1.5.0

load test_helper

SAMPLE="$PFE_ROOT/samples/chengdu"
AS_OF=$(cat "$SAMPLE/as-of")

GAINER=91510106871054098A	# CD-YF: 72万元 of R&D, below the old 100万元
LOSER=91510106192960312D	# CD-YF: R&D growth 4 %, not above the new 5 %
UP=915101041016598162		# CD-GQ-FIRST: first recognition in 2025
FADING=91510104307402071Q	# CD-YF: growth 2.69 %, R&D far below both
NEEQ=91510107MAU9KQYD2K		# CD-SS-NEEQ: listed 2025, revenue 1.48亿元
BSE=915101057926158705		# CD-SS-BSE: listed 2025

# Run pfe-impact on the sample versions as of the sample's date.
impact() {
	pfe-impact --old "$W/old.xml" --new "$W/new.xml" \
	    -d "$SAMPLE/dictionary.xml" --as-of "$AS_OF" "$@"
}

setup_file() {
	export W="$BATS_FILE_TMPDIR"
	local status=0

	mkdir "$W/new-sources"
	cp "$SAMPLE"/policies/*.xml "$W/new-sources/"
	cp "$FIXTURES/pfe-impact/keji.xml" "$W/new-sources/keji.xml"
	mkdir "$W/listing-sources"
	cp "$SAMPLE"/policies/*.xml "$W/listing-sources/"
	cp "$FIXTURES/pfe-impact/jinrong.xml" "$W/listing-sources/jinrong.xml"
	pfe-policy -q -d "$SAMPLE/dictionary.xml" -o "$W/old.xml" \
	    "$SAMPLE"/policies/*.xml
	pfe-policy -q -d "$SAMPLE/dictionary.xml" -o "$W/new.xml" \
	    "$W"/new-sources/*.xml
	pfe-policy -q -d "$SAMPLE/dictionary.xml" -o "$W/listing.xml" \
	    "$W"/listing-sources/*.xml
	# The sample's department files hold a few bad rows on purpose.
	pfe-portrait -q --dictionary "$SAMPLE/dictionary.xml" --data "$SAMPLE" \
	    --as-of "$AS_OF" --rejects "$W/portrait-rejects.csv" \
	    -o "$W/portraits.csv" || status=$?
	[ "$status" -eq 1 ]

	for version in old new; do
		pfe-match -q -p "$W/$version.xml" -d "$SAMPLE/dictionary.xml" \
		    --as-of "$AS_OF" -o "$W/matches-$version.csv" \
		    "$W/portraits.csv"
	done
	pfe-impact -q --old "$W/old.xml" --new "$W/new.xml" \
	    -d "$SAMPLE/dictionary.xml" --as-of "$AS_OF" \
	    --summary "$W/summary.csv" -o "$W/changes.csv" "$W/portraits.csv"
}

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
}

# Print "uscc,item,change" for every change the two match files imply:
# a pair missing from a match file is neither eligible nor a near miss.
changes_from_matches() {
	LC_ALL=C awk -F, '
	FNR == 1 { next }
	FILENAME == ARGV[1] { old[$1 "," $2] = $3; old_award[$1 "," $2] = $5 }
	FILENAME == ARGV[2] { new[$1 "," $2] = $3; new_award[$1 "," $2] = $5 }
	END {
		for (k in old) keys[k] = 1
		for (k in new) keys[k] = 1
		for (k in keys) {
			o = (k in old) ? old[k] : "other"
			n = (k in new) ? new[k] : "other"
			if (o != "eligible" && n == "eligible") c = "gains"
			else if (o == "eligible" && n != "eligible") c = "loses"
			else if (o == "eligible") {
				a = old_award[k]; b = new_award[k]
				if ((a == "") != (b == "")) c = "award-change"
				else if (a + 0 < b + 0) c = "award-up"
				else if (a + 0 > b + 0) c = "award-down"
				else continue
			} else if (o != n) c = "status-change"
			else continue
			print k "," c
		}
	}' "$1" "$2" | LC_ALL=C sort
}

# Print "item,eligible,near_miss,award" per item of a match file, the
# award summed in fen as integers.
totals_from_matches() {
	LC_ALL=C awk -F, '
	FNR == 1 { next }
	{
		items[$2] = 1
		if ($3 == "near-miss") { near[$2]++; next }
		eligible[$2]++
		if ($5 == "") next
		split($5, part, ".")
		fen[$2] += part[1] * 100 + part[2]
	}
	END {
		for (i in items)
			printf "%s,%d,%d,%d.%02d\n", i, eligible[i], near[i],
			    int(fen[i] / 100), fen[i] % 100
	}' "$1" | LC_ALL=C sort
}

# Print the same four columns of one version (old or new) from the
# summary, for the items with an eligible or near-miss enterprise.
totals_from_summary() {
	local e=7 n=9 a=11
	if [ "$1" = new ]; then e=8 n=10 a=12; fi
	LC_ALL=C awk -F, -v e=$e -v n=$n -v a=$a '
	FNR == 1 { next }
	$e + $n > 0 { print $1 "," $e "," $n "," $a }' "$W/summary.csv" |
	    LC_ALL=C sort
}

@test "help prints the usage on stdout" {
	run -0 pfe-impact --help
	assert_line --index 0 "usage: pfe-impact --old policies.xml --new policies.xml -d dictionary.xml --as-of DATE"
}

@test "missing --old is a usage error" {
	run -2 --separate-stderr pfe-impact --new "$W/new.xml" \
	    -d "$SAMPLE/dictionary.xml" --as-of "$AS_OF" "$W/portraits.csv"
	[ "${stderr_lines[0]}" = "pfe-impact: missing option '--old'" ]
	[ "${stderr_lines[1]}" = "Try 'pfe-impact --help' for more information." ]
	[ -z "$output" ]
}

@test "missing --as-of is a usage error" {
	run -2 --separate-stderr pfe-impact --old "$W/old.xml" \
	    --new "$W/new.xml" -d "$SAMPLE/dictionary.xml" "$W/portraits.csv"
	[ "${stderr_lines[0]}" = "pfe-impact: missing option '--as-of': the evaluation date is never read from the clock" ]
}

@test "summary on standard output is a usage error" {
	run -2 --separate-stderr impact --summary - "$W/portraits.csv"
	[ "${stderr_lines[0]}" = "pfe-impact: invalid value '-' for option '--summary': give a file name" ]
	[ -z "$output" ]
}

@test "summary line counts portraits, changes, gains, losses" {
	run -0 --separate-stderr impact -o changes.csv "$W/portraits.csv"
	local rows gains losses
	rows=$(($(wc -l < changes.csv) - 1))
	gains=$(grep -c ',gains,' changes.csv)
	losses=$(grep -c ',loses,' changes.csv)
	[ "$stderr" = "pfe-impact: read 601 portraits, wrote $rows changes ($gains gains, $losses losses), rejected 0" ]
}

@test "gaining enterprise row is exact" {
	run -0 grep "^$GAINER,CD-YF," "$W/changes.csv"
	assert_output "$GAINER,CD-YF,near-miss,eligible,36227.00,36227.00,gains,2025年研发费用 724550.96元 ≥ 50万元"
}

@test "losing enterprise row is exact" {
	run -0 grep "^$LOSER,CD-YF," "$W/changes.csv"
	assert_output "$LOSER,CD-YF,eligible,near-miss,1000000.00,1000000.00,loses,未满足：研发费用（2025年较2024年）增长率 4% ≤ 5%（27045854.07元 → 28129896.06元）"
}

@test "higher fixed award is award-up" {
	run -0 grep "^$UP,CD-GQ-FIRST," "$W/changes.csv"
	assert_output "$UP,CD-GQ-FIRST,eligible,eligible,200000.00,300000.00,award-up,估算奖励 20万元 → 30万元：定额 30万元"
}

@test "near miss that goes is status-change" {
	run -0 grep "^$FADING,CD-YF," "$W/changes.csv"
	assert_output "$FADING,CD-YF,near-miss,none,409.00,,status-change,未满足：2025年研发费用 8195.23元 < 50万元；未满足：研发费用（2025年较2024年）增长率 2.69% ≤ 5%（7980.12元 → 8195.23元）"
}

@test "lower computed award is award-down" {
	run -0 --separate-stderr pfe-impact -q --old "$W/old.xml" \
	    --new "$W/listing.xml" -d "$SAMPLE/dictionary.xml" \
	    --as-of "$AS_OF" "$W/portraits.csv"
	assert_line "$NEEQ,CD-SS-NEEQ,eligible,eligible,500000.00,296296.00,award-down,估算奖励 50万元 → 29.6296万元：2025年营业收入 148148000.97元 × 0.2% = 29.6296万元"
}

@test "expired item loses with its validity" {
	run -0 --separate-stderr pfe-impact -q --old "$W/old.xml" \
	    --new "$W/listing.xml" -d "$SAMPLE/dictionary.xml" \
	    --as-of "$AS_OF" "$W/portraits.csv"
	assert_line "$BSE,CD-SS-BSE,eligible,not-in-force,2000000.00,,loses,政策有效期2022-04-01至2026-06-29，评估日2026-06-30不在有效期内，未评估"
}

@test "award unknown in one version is award-change" {
	# The enterprise's 2025 revenue, which the new award reads, is
	# emptied; the listing conditions do not read it.
	local column
	column=$(head -n 1 "$W/portraits.csv" | tr , '\n' |
	    grep -nx revenue_2025 | cut -d: -f1)
	LC_ALL=C awk -F, -v OFS=, -v c="$column" -v code="$NEEQ" '
	    NR == 1 { print; next } $1 == code { $c = ""; print }' \
	    "$W/portraits.csv" > portraits.csv
	run -0 --separate-stderr pfe-impact -q --old "$W/old.xml" \
	    --new "$W/listing.xml" -d "$SAMPLE/dictionary.xml" \
	    --as-of "$AS_OF" portraits.csv
	assert_line "$NEEQ,CD-SS-NEEQ,eligible,eligible,500000.00,,award-change,估算奖励 50万元 → 无法估算：2025年营业收入 无数据"
}

@test "swapped versions swap gains and losses" {
	run -0 --separate-stderr pfe-impact -q --old "$W/new.xml" \
	    --new "$W/old.xml" -d "$SAMPLE/dictionary.xml" --as-of "$AS_OF" \
	    -o swapped.csv "$W/portraits.csv"
	LC_ALL=C awk -F, '$7 == "gains" { print $1 "," $2 ",loses" }
	    $7 == "loses" { print $1 "," $2 ",gains" }
	    $7 == "award-up" { print $1 "," $2 ",award-down" }' \
	    "$W/changes.csv" | LC_ALL=C sort > expected.csv
	LC_ALL=C awk -F, '$7 ~ /^(gains|loses|award-down)$/ {
	    print $1 "," $2 "," $7 }' swapped.csv | LC_ALL=C sort > actual.csv
	[ "$(wc -l < expected.csv)" -gt 60 ]
	assert_same_file expected.csv actual.csv
}

@test "withdrawn item is absent in the new version" {
	run -0 grep ',CD-YF-ZZ,eligible,' "$W/changes.csv"
	assert_line --index 0 --regexp '^[0-9A-Z]{18},CD-YF-ZZ,eligible,absent,[0-9]+\.[0-9]{2},,loses,新版本无此事项$'
}

@test "new item is absent in the old version" {
	run -0 grep -c ',CD-YF-XQ,absent,eligible,,50000.00,gains,' \
	    "$W/changes.csv"
	assert_output 53
}

@test "changes are sorted by uscc and item, one row per pair" {
	run -0 env LC_ALL=C awk -F, 'NR > 2 && $1 "," $2 <= key { print NR; exit 1 }
	    { key = $1 "," $2 }' "$W/changes.csv"
}

@test "changes equal what two pfe-match runs imply" {
	changes_from_matches "$W/matches-old.csv" "$W/matches-new.csv" \
	    > expected.csv
	tail -n +2 "$W/changes.csv" | cut -d, -f1,2,7 | LC_ALL=C sort \
	    > actual.csv
	[ "$(wc -l < expected.csv)" -gt 300 ]
	assert_same_file expected.csv actual.csv
}

@test "old totals per item equal pfe-match" {
	totals_from_matches "$W/matches-old.csv" > expected.csv
	totals_from_summary old > actual.csv
	assert_same_file expected.csv actual.csv
}

@test "new totals per item equal pfe-match" {
	totals_from_matches "$W/matches-new.csv" > expected.csv
	totals_from_summary new > actual.csv
	assert_same_file expected.csv actual.csv
}

@test "gaining and losing per item equal the change rows" {
	tail -n +2 "$W/changes.csv" | LC_ALL=C awk -F, '
	    $7 == "gains" { g[$2]++ } $7 == "loses" { l[$2]++ }
	    END { for (i in g) print i ",gaining," g[i]
		  for (i in l) print i ",losing," l[i] }' | LC_ALL=C sort \
	    > expected.csv
	LC_ALL=C awk -F, 'NR > 1 && $19 > 0 { print $1 ",gaining," $19 }
	    NR > 1 && $20 > 0 { print $1 ",losing," $20 }' "$W/summary.csv" |
	    LC_ALL=C sort > actual.csv
	assert_same_file expected.csv actual.csv
}

@test "budget use of CD-YF is exact in both versions" {
	run -0 grep '^CD-YF,' "$W/summary.csv"
	assert_output "CD-YF,企业研发投入后补助,1,1,1,1,26,31,513,506,8831085.00,6854831.00,100000000.00,80000000.00,883108500/10000000000,685483100/8000000000,8.8,8.6,9,4"
}

@test "item in neither version's force has no counts" {
	run -0 grep '^CD-ZBQY,' "$W/summary.csv"
	assert_output --regexp '^CD-ZBQY,[^,]*,1,1,0,0,0,0,0,0,0\.00,0\.00,,,,,,,0,0$'
}

@test "diff of the two match files shows the loser's change" {
	run -1 diff "$W/matches-old.csv" "$W/matches-new.csv"
	assert_line --regexp "^< $LOSER,CD-YF,eligible,automatic,1000000\.00,"
	assert_line --regexp "^> $LOSER,CD-YF,near-miss,automatic,1000000\.00,"
}

@test "match files are sorted by uscc and item, one row per pair" {
	for version in old new; do
		run -0 env LC_ALL=C awk -F, 'NR > 2 && $1 "," $2 <= key {
		    print NR; exit 1 } { key = $1 "," $2 }' \
		    "$W/matches-$version.csv"
	done
}

@test "same version twice gives no changes" {
	run -0 --separate-stderr pfe-impact -q --old "$W/old.xml" \
	    --new "$W/old.xml" -d "$SAMPLE/dictionary.xml" --as-of "$AS_OF" \
	    "$W/portraits.csv"
	assert_output "uscc,item,old_status,new_status,old_award,new_award,change,explanation"
}

@test "standard input gives the same changes" {
	run -0 --separate-stderr impact -q -o changes.csv < "$W/portraits.csv"
	assert_same_file "$W/changes.csv" changes.csv
}

@test "shards in two files give the same changes" {
	head -n 300 "$W/portraits.csv" > first.csv
	{ head -n 1 "$W/portraits.csv"; tail -n +301 "$W/portraits.csv"; } \
	    > second.csv
	run -0 --separate-stderr impact -q -o changes.csv first.csv second.csv
	assert_same_file "$W/changes.csv" changes.csv
}

@test "shards with different headers are fatal" {
	head -n 3 "$W/portraits.csv" > first.csv
	{ head -n 1 "$W/portraits.csv" | sed 's/^uscc,/uscc,extra,/'
	  sed -n 4p "$W/portraits.csv" | sed 's/,/,x,/'; } > second.csv
	run -2 --separate-stderr impact -q -o changes.csv first.csv second.csv
	[ "${stderr_lines[0]}" = "pfe-impact: second.csv:1: header differs from the header of 'first.csv': portraits of one run share one header" ]
	[ ! -e changes.csv ]
}

@test "output does not depend on locale or time zone" {
	LANG=zh_CN.UTF-8 TZ=Asia/Shanghai impact -q --summary summary.csv \
	    -o changes.csv "$W/portraits.csv"
	assert_same_file "$W/changes.csv" changes.csv
	assert_same_file "$W/summary.csv" summary.csv
}

@test "bad portrait rows are rejected with exit 1" {
	{
		head -n 4 "$W/portraits.csv"
		sed -n 4p "$W/portraits.csv"			# duplicate
		sed -n 3p "$W/portraits.csv"			# unsorted
		sed -n 5p "$W/portraits.csv" | sed 's/^9/X/'	# bad code
		echo "915101999999999999,too,few"		# field count
		sed -n 6p "$W/portraits.csv"
	} > portraits.csv
	run -1 --separate-stderr impact --rejects rejects.csv \
	    -o changes.csv portraits.csv
	[ "${stderr_lines[0]}" = "pfe-impact: portraits.csv:5: exact duplicate of line 4, skipped" ]
	assert_equal "$(cut -d, -f2,3 rejects.csv | tr '\n' ' ')" \
	    "line,kind 5,duplicate 6,reject 7,reject 8,reject "
	assert_equal "$(sed -n 3p rejects.csv | cut -d, -f4)" \
	    "未按统一社会信用代码排序：'$(sed -n 3p "$W/portraits.csv" | cut -d, -f1)'排在portraits.csv第4行的'$(sed -n 4p "$W/portraits.csv" | cut -d, -f1)'之前"
	assert_equal "$(sed -n 5p rejects.csv | cut -d, -f4)" "字段数为3，应为$(head -n 1 "$W/portraits.csv" | tr , '\n' | wc -l)"
	[ "${stderr_lines[4]}" = "pfe-impact: read 8 portraits, wrote $(($(wc -l < changes.csv) - 1)) changes ($(grep -c ',gains,' changes.csv) gains, $(grep -c ',loses,' changes.csv) losses), rejected 3" ]
}

@test "repeated code with other values is rejected" {
	{
		head -n 2 "$W/portraits.csv"
		sed -n 2p "$W/portraits.csv" | sed 's/,[^,]*$/,9/'
	} > portraits.csv
	run -1 --separate-stderr impact --rejects rejects.csv \
	    -o changes.csv portraits.csv
	local code
	code=$(sed -n 2p "$W/portraits.csv" | cut -d, -f1)
	[ "${stderr_lines[0]}" = "pfe-impact: portraits.csv:3: unified social credit code '$code' repeated with other values: first on line 2 of 'portraits.csv'" ]
	assert_equal "$(sed -n 2p rejects.csv | cut -d, -f2-4)" \
	    "3,reject,统一社会信用代码'$code'重复且数据不同：首次出现在portraits.csv第2行"
}

@test "fatal error leaves no output file" {
	run -2 --separate-stderr pfe-impact --old "$W/old.xml" \
	    --new missing.xml -d "$SAMPLE/dictionary.xml" --as-of "$AS_OF" \
	    -o changes.csv "$W/portraits.csv"
	[ ! -e changes.csv ]
	assert_equal "${stderr_lines[0]%%:*}" "pfe-impact"
}
