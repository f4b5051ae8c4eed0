#!/usr/bin/env bats
# pfe-gen: seeded department CSV files and applications, and the Chengdu
# sample made with it.

bats_require_minimum_version 1.5.0
load test_helper

GEN_FIXTURES="$FIXTURES/pfe-gen"
SAMPLE="$PFE_ROOT/samples/chengdu"

# Print every code in column 1 of CSV file $1 (header skipped) whose GB
# 11714 check (position 17) or GB 32100 mod-31 check (position 18) is
# wrong. An independent implementation, so a bug in the product's check
# cannot hide itself.
bad_uscc_codes() {
	awk -F, '
	BEGIN {
		set = "0123456789ABCDEFGHJKLMNPQRTUWXY"
		org_set = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		split("1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28", weight, " ")
		split("3 7 9 10 5 8 4 2", org_weight, " ")
	}
	NR > 1 {
		code = $1
		if (length(code) != 18) { print code; next }
		sum = 0
		for (i = 1; i <= 8; i++)
			sum += (index(org_set, substr(code, 8 + i, 1)) - 1) * org_weight[i]
		k = 11 - sum % 11
		org_check = k == 10 ? "X" : (k == 11 ? "0" : "" k)
		sum = 0
		bad = 0
		for (i = 1; i <= 17; i++) {
			v = index(set, substr(code, i, 1)) - 1
			if (v < 0) bad = 1
			sum += v * weight[i]
		}
		check = substr(set, (31 - sum % 31) % 31 + 1, 1)
		if (bad || substr(code, 17, 1) != org_check || substr(code, 18, 1) != check)
			print code
	}' "$1"
}

# Print "FILE: HEADER" for every CSV file in folder $1.
headers_of() {
	local file
	for file in "$1"/*.csv; do
		printf '%s: %s\n' "$(basename "$file")" "$(head -n 1 "$file")"
	done
}

setup_file() {
	export DATA1="$BATS_FILE_TMPDIR/seed1"
	export APPS1="$BATS_FILE_TMPDIR/apps1"
	pfe-gen -q --seed 1 --enterprises 2000 --as-of 2026-06-30 -o "$DATA1"
	pfe-gen -q --seed 1 --enterprises 2000 --as-of 2026-06-30 \
		--applications "$APPS1"
}

# Print the id, item, uscc and submission time of every application in
# the batch files of folder $1, one line each.
application_lines() {
	sed -n 's/.*<application id="\([^"]*\)" item="\([^"]*\)" submitted="\([^"]*\)">.*/\1 \2 \3/p' "$1"/*.xml
}

@test "help prints usage and exits 0" {
	run -0 pfe-gen --help
	assert_line --index 0 "usage: pfe-gen [-q] [--seed N] --enterprises N --as-of DATE [-o DIR]"
}

@test "missing enterprise count is a usage error" {
	run -2 --separate-stderr pfe-gen --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/out"
	[ "${stderr_lines[0]}" = "pfe-gen: missing --enterprises" ]
}

@test "enterprise count out of range is a usage error" {
	run -2 --separate-stderr pfe-gen --enterprises 0 --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/out"
	[ "${stderr_lines[0]}" = "pfe-gen: invalid value '0' for --enterprises: expected a whole number from 1 to 100000000" ]
}

@test "negative seed is a usage error" {
	run -2 --separate-stderr pfe-gen --seed -1 --enterprises 5 --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/out"
	[ "${stderr_lines[0]}" = "pfe-gen: invalid value '-1' for --seed: expected a whole number from 0 to 18446744073709551615" ]
}

@test "invalid as-of date is a usage error" {
	run -2 --separate-stderr pfe-gen --enterprises 5 --as-of 2026-02-30 -o "$BATS_TEST_TMPDIR/out"
	[ "${stderr_lines[0]}" = "pfe-gen: invalid --as-of date '2026-02-30': expected YYYY-MM-DD" ]
	[ ! -e "$BATS_TEST_TMPDIR/out" ]
}

@test "summary line counts enterprises and rows" {
	run -0 --separate-stderr pfe-gen --seed 3 --enterprises 10 --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/out"
	rows=$(cat "$BATS_TEST_TMPDIR"/out/*.csv | wc -l)
	[ "$stderr" = "pfe-gen: 10 enterprises, $((rows - 10)) rows written to $BATS_TEST_TMPDIR/out" ]
}

@test "same seed gives the same bytes" {
	run -0 pfe-gen -q --seed 1 --enterprises 2000 --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/again"
	run -0 diff -r "$DATA1" "$BATS_TEST_TMPDIR/again"
}

@test "output ignores locale, zone and folder" {
	cd "$BATS_TEST_TMPDIR"
	LANG=zh_CN.UTF-8 TZ=Asia/Shanghai run -0 pfe-gen -q --seed 1 --enterprises 2000 --as-of 2026-06-30 -o elsewhere
	run -0 diff -r "$DATA1" elsewhere
}

@test "different seed gives different files" {
	run -0 pfe-gen -q --seed 2 --enterprises 2000 --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/seed2"
	for file in registry.csv tax.csv contacts.csv; do
		run -1 cmp -s "$DATA1/$file" "$BATS_TEST_TMPDIR/seed2/$file"
	done
}

@test "headers are the departments' exact columns" {
	headers_of "$DATA1" > "$BATS_TEST_TMPDIR/headers.txt"
	assert_same_file "$GEN_FIXTURES/headers.txt" "$BATS_TEST_TMPDIR/headers.txt"
}

@test "one registry row per enterprise" {
	for file in registry.csv bank-accounts.csv contacts.csv; do
		run -0 wc -l < "$DATA1/$file"
		[ "$output" -eq 2001 ]
		run -0 sh -c "tail -n +2 '$DATA1/$file' | cut -d, -f1 | sort -u | wc -l"
		[ "$output" -eq 2000 ]
	done
}

@test "one per-year row per year" {
	for spec in tax.csv:3 annual-reports.csv:2 social-security.csv:3; do
		file=${spec%%:*} column=${spec##*:}
		run -0 sh -c "tail -n +2 '$DATA1/$file' | cut -d, -f1,$column | sort | uniq -d | wc -l"
		[ "$output" -eq 0 ]
		run -0 sh -c "tail -n +2 '$DATA1/$file' | cut -d, -f$column | sort -u | tr '\n' ' '"
		[ "$output" = "2021 2022 2023 2024 2025 " ]
	done
}

@test "as-of date moves the window of fiscal years" {
	run -0 pfe-gen -q --enterprises 50 --as-of 2024-03-01 -o "$BATS_TEST_TMPDIR/early"
	run -0 sh -c "tail -n +2 '$BATS_TEST_TMPDIR/early/tax.csv' | cut -d, -f3 | sort -u | tr '\n' ' '"
	[ "$output" = "2019 2020 2021 2022 2023 " ]
}

@test "no rows before establishment" {
	run -0 awk -F, 'FNR == 1 { next }
		FILENAME ~ /registry/ { founded[$1] = substr($3, 1, 4); next }
		$3 < founded[$1] { print }' "$DATA1/registry.csv" "$DATA1/tax.csv"
	[ -z "$output" ]
}

@test "every file names registered codes" {
	cut -d, -f1 "$DATA1/registry.csv" | sort -u > "$BATS_TEST_TMPDIR/registry"
	for file in "$DATA1"/*.csv; do
		run -0 sh -c "cut -d, -f1 '$file' | sort -u | comm -23 - '$BATS_TEST_TMPDIR/registry'"
		[ -z "$output" ]
	done
}

@test "every code's check characters are right" {
	run -0 bad_uscc_codes "$DATA1/registry.csv"
	[ -z "$output" ]
}

@test "every code is registered in its district" {
	run -0 awk -F, 'NR > 1 && substr($1, 3, 6) != $5' "$DATA1/registry.csv"
	[ -z "$output" ]
}

@test "every district is one of Chengdu's 20" {
	tail -n +2 "$DATA1/registry.csv" | cut -d, -f5 | sort -u > "$BATS_TEST_TMPDIR/districts"
	assert_same_file "$GEN_FIXTURES/chengdu-districts.txt" "$BATS_TEST_TMPDIR/districts"
}

@test "every industry is a GB/T 4754-2017 class" {
	# industries.csv has CRLF line ends.
	run -0 awk -F, 'FILENAME ~ /industries/ { sub(/\r$/, ""); if ($2 == "class") class[$5 $1] = 1; next }
		FNR > 1 && !($7 in class) { print $7 }' "$PFE_DATA/industries.csv" "$DATA1/registry.csv"
	[ -z "$output" ]
}

@test "every table class is real" {
	grep -o '^	{ "[A-Z][0-9][0-9][0-9][0-9]"' "$PFE_ROOT/bench/pfe-gen-tables.h" | tr -d '\t{ "' > "$BATS_TEST_TMPDIR/classes"
	run -0 wc -l < "$BATS_TEST_TMPDIR/classes"
	[ "$output" -gt 50 ]
	run -0 awk -F, 'FILENAME ~ /industries/ { sub(/\r$/, ""); if ($2 == "class") class[$5 $1] = 1; next }
		!($1 in class) { print $1 }' "$PFE_DATA/industries.csv" "$BATS_TEST_TMPDIR/classes"
	[ -z "$output" ]
}

@test "every bank code has 12 digits in Chengdu" {
	run -0 awk -F, 'NR > 1 && $5 !~ /^[0-9][0-9][0-9]6510[0-9][0-9][0-9][0-9][0-9]$/' "$DATA1/bank-accounts.csv"
	[ -z "$output" ]
}

@test "money cells have two decimals" {
	run -0 awk -F, 'FNR > 1 && ($4 !~ /^-?[0-9]+\.[0-9][0-9]$/ || $5 !~ /^[0-9]+\.[0-9][0-9]$/ || $6 !~ /^([0-9]+\.[0-9][0-9])?$/)' "$DATA1/tax.csv"
	[ -z "$output" ]
}

@test "some events fall in the last year" {
	for type in 高新技术企业 国家级专精特新 首台 新三板挂牌; do
		run -0 grep -c ",$type[^,]*,2025-" "$DATA1/certifications.csv"
		[ "$output" -gt 0 ]
	done
	run -0 grep -c ',2025-' "$DATA1/above-scale.csv"
	[ "$output" -gt 0 ]
}

@test "sample departments are what the script writes" {
	run -0 env PFE_GEN="$(command -v pfe-gen)" sh "$SAMPLE/departments.sh" "$BATS_TEST_TMPDIR/sample"
	run -0 diff -r "$SAMPLE/departments" "$BATS_TEST_TMPDIR/sample"
}

@test "sample registry has 603 enterprises" {
	run -0 wc -l < "$SAMPLE/departments/registry.csv"
	[ "$output" -eq 604 ]
}

@test "sample has one wrong check character" {
	run -0 bad_uscc_codes "$SAMPLE/departments/registry.csv"
	[ "$output" = "91510107MA6CK3T27K" ]
}

@test "sample has one unknown district" {
	run -0 awk -F, 'NR == FNR { known[$1] = 1; next }
		FNR > 1 && !($5 in known) { print $1, $5 }' "$GEN_FIXTURES/chengdu-districts.txt" "$SAMPLE/departments/registry.csv"
	[ "$output" = "91510100MA6DWB4N8N 510199" ]
}

@test "sample tax has one duplicate" {
	run -0 sh -c "sort '$SAMPLE/departments/tax.csv' | uniq -d"
	[ "$output" = "91510106775475204E,成都翔云石化贸易有限公司,2024,8148279.17,122224.18," ]
}

@test "sample tax has one negative revenue" {
	run -0 awk -F, 'FNR > 1 && $4 ~ /^-/ { print $1, $3 }' "$SAMPLE/departments/tax.csv"
	[ "$output" = "915101165148665306 2023" ]
}

@test "sample tax has one unregistered code" {
	cut -d, -f1 "$SAMPLE/departments/registry.csv" | sort -u > "$BATS_TEST_TMPDIR/registry"
	run -0 sh -c "tail -n +2 '$SAMPLE/departments/tax.csv' | cut -d, -f1 | sort -u | comm -23 - '$BATS_TEST_TMPDIR/registry'"
	[ "$output" = "91510108MA6AUE5R1K" ]
}

@test "sample as-of date is 2026-06-30" {
	run -0 cat "$SAMPLE/as-of"
	[ "$output" = "2026-06-30" ]
}

@test "small run is the start of a large run" {
	run -0 pfe-gen -q --seed 1 --enterprises 10 --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/small"
	head -n 11 "$DATA1/registry.csv" > "$BATS_TEST_TMPDIR/start.csv"
	assert_same_file "$BATS_TEST_TMPDIR/start.csv" "$BATS_TEST_TMPDIR/small/registry.csv"
}

@test "version prints the program name" {
	run -0 pfe-gen --version
	assert_output --regexp '^pfe-gen \(pfe\) '
}

@test "output path that is a file is an error" {
	touch "$BATS_TEST_TMPDIR/plain"
	run -2 --separate-stderr pfe-gen --enterprises 5 --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/plain"
	[ "${stderr_lines[0]}" = "pfe-gen: cannot create a temporary file for '$BATS_TEST_TMPDIR/plain/registry.csv': Not a directory" ]
}

@test "as-of year before 2001 is a usage error" {
	run -2 --separate-stderr pfe-gen --enterprises 5 --as-of 1999-12-31 -o "$BATS_TEST_TMPDIR/out"
	[ "${stderr_lines[0]}" = "pfe-gen: invalid value '1999-12-31' for --as-of: expected a date from 2001 to 2100" ]
}

@test "operand is a usage error" {
	run -2 --separate-stderr pfe-gen --enterprises 5 --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/out" extra
	[ "${stderr_lines[0]}" = "pfe-gen: unexpected argument 'extra'" ]
}

@test "sample's other files have valid codes" {
	for file in tax.csv certifications.csv annual-reports.csv bank-accounts.csv contacts.csv; do
		run -0 bad_uscc_codes "$SAMPLE/departments/$file"
		[ -z "$output" ]
	done
}

@test "early as-of dates give dates in range" {
	for as_of in 2005-06-30 2016-02-29 2021-03-01; do
		run -0 pfe-gen -q --seed 9 --enterprises 3000 --as-of "$as_of" -o "$BATS_TEST_TMPDIR/$as_of"
		run -0 awk -F, -v as_of="$as_of" '
			FNR == 1 { next }
			FILENAME ~ /certifications/ { date = $4 }
			FILENAME ~ /above-scale/ { date = $3 }
			FILENAME ~ /dishonesty/ { date = $3 }
			FILENAME ~ /subsidies/ { date = $7 }
			date !~ /^(199[5-9]|20[0-9][0-9])-[01][0-9]-[0-3][0-9]$/ || date > as_of { print FILENAME ": " $0 }' \
			"$BATS_TEST_TMPDIR/$as_of"/certifications.csv "$BATS_TEST_TMPDIR/$as_of"/above-scale.csv \
			"$BATS_TEST_TMPDIR/$as_of"/dishonesty.csv "$BATS_TEST_TMPDIR/$as_of"/subsidies.csv
		[ -z "$output" ]
	done
}

@test "missing output folders is a usage error" {
	run -2 --separate-stderr pfe-gen --enterprises 5 --as-of 2026-06-30
	[ "${stderr_lines[0]}" = "pfe-gen: missing -o DIR or --applications DIR" ]
}

@test "applications alone write no department file" {
	[ -z "$(find "$APPS1" -name '*.csv')" ]
	run -0 ls "$APPS1"
	[ "$output" = "batch-0001.xml" ]
}

@test "applications leave the department files as they are" {
	run -0 pfe-gen -q --seed 1 --enterprises 2000 --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/both" --applications "$BATS_TEST_TMPDIR/both-apps"
	run -0 diff -r "$DATA1" "$BATS_TEST_TMPDIR/both"
	run -0 diff -r "$APPS1" "$BATS_TEST_TMPDIR/both-apps"
}

@test "same seed gives the same applications in any locale and zone" {
	cd "$BATS_TEST_TMPDIR"
	LANG=zh_CN.UTF-8 TZ=Asia/Shanghai run -0 pfe-gen -q --seed 1 --enterprises 2000 --as-of 2026-06-30 --applications again
	run -0 diff -r "$APPS1" again
}

@test "different seed gives different applications" {
	run -0 pfe-gen -q --seed 2 --enterprises 2000 --as-of 2026-06-30 --applications "$BATS_TEST_TMPDIR/seed2"
	run -1 cmp -s "$APPS1/batch-0001.xml" "$BATS_TEST_TMPDIR/seed2/batch-0001.xml"
}

@test "summary line counts applications and applicants" {
	run -0 --separate-stderr pfe-gen --seed 1 --enterprises 2000 --as-of 2026-06-30 --applications "$BATS_TEST_TMPDIR/apps"
	applications=$(application_lines "$APPS1" | wc -l)
	applicants=$(grep -ho 'uscc="[^"]*"' "$APPS1"/*.xml | sort -u | wc -l)
	[ "$stderr" = "pfe-gen: $applications applications of $applicants of 2000 enterprises written to $BATS_TEST_TMPDIR/apps" ]
}

@test "about one enterprise in twenty applies" {
	grep -ho 'uscc="[^"]*"' "$APPS1"/*.xml | sort -u > "$BATS_TEST_TMPDIR/applicants"
	run -0 wc -l < "$BATS_TEST_TMPDIR/applicants"
	# 5 % of 2000 is 100; the bounds only catch a scope gone wrong.
	[ "$output" -ge 60 ] && [ "$output" -le 160 ]
}

@test "applications are valid against application.xsd" {
	run -0 xmllint --noout --schema "$PFE_ROOT/schemas/application.xsd" "$APPS1"/*.xml
}

@test "application ids are unique and submitted by the as-of date" {
	application_lines "$APPS1" > "$BATS_TEST_TMPDIR/lines"
	run -0 sh -c "cut -d' ' -f1 '$BATS_TEST_TMPDIR/lines' | sort | uniq -d"
	[ -z "$output" ]
	run -0 awk '$3 < "2026-01-01T" || $3 > "2026-06-30T23:59:59+08:00"' "$BATS_TEST_TMPDIR/lines"
	[ -z "$output" ]
}

@test "applications name only items that need one" {
	grep -h '<item id=' "$PFE_ROOT"/bench/policies/*.xml | grep -v free-of-application |
		sed 's/.*id="\([^"]*\)".*/\1/' | sort > "$BATS_TEST_TMPDIR/items"
	application_lines "$APPS1" | cut -d' ' -f2 | sort -u > "$BATS_TEST_TMPDIR/applied"
	run -0 comm -13 "$BATS_TEST_TMPDIR/items" "$BATS_TEST_TMPDIR/applied"
	[ -z "$output" ]
}

@test "every item that needs an application is in pfe-gen's table" {
	grep -h '<item id=' "$PFE_ROOT"/bench/policies/*.xml | grep -v free-of-application |
		sed 's/.*id="\([^"]*\)".*/\1/' | sort > "$BATS_TEST_TMPDIR/items"
	grep -o '^	{ "BX-[^"]*"' "$PFE_ROOT/bench/pfe-gen-tables.h" | tr -d '\t{ "' | sort > "$BATS_TEST_TMPDIR/table"
	assert_same_file "$BATS_TEST_TMPDIR/items" "$BATS_TEST_TMPDIR/table"
}

@test "applications go through pfe-review without rejects" {
	dictionary="$PFE_ROOT/samples/chengdu/dictionary.xml"
	mkdir "$BATS_TEST_TMPDIR/data"
	cp -R "$DATA1" "$BATS_TEST_TMPDIR/data/departments"
	pfe-policy -q -d "$dictionary" -o "$BATS_TEST_TMPDIR/policies.xml" "$PFE_ROOT"/bench/policies/*.xml
	pfe-classify -q -d "$dictionary" -o "$BATS_TEST_TMPDIR/classified.xml" "$BATS_TEST_TMPDIR/policies.xml"
	pfe-portrait -q --dictionary "$dictionary" --data "$BATS_TEST_TMPDIR/data" --as-of 2026-06-30 \
		-o "$BATS_TEST_TMPDIR/portraits.csv"
	run -0 --separate-stderr pfe-review -p "$BATS_TEST_TMPDIR/classified.xml" -d "$dictionary" \
		--portraits "$BATS_TEST_TMPDIR/portraits.csv" --as-of 2026-06-30 \
		--worksheet "$BATS_TEST_TMPDIR/worksheet.csv" --rejects "$BATS_TEST_TMPDIR/rejects.csv" \
		-o "$BATS_TEST_TMPDIR/decisions.csv" "$APPS1"/*.xml
	applications=$(application_lines "$APPS1" | wc -l)
	assert_regex "$stderr" "^pfe-review: read $applications applications, .* rejected 0\$"
	run -0 wc -l < "$BATS_TEST_TMPDIR/rejects.csv"
	[ "$output" -eq 1 ]
	# Every outcome occurs: automatic items approved or declined at
	# once, declared values and judgements pending for a reviewer.
	for outcome in approved declined pending; do
		run -0 grep -c ",$outcome," "$BATS_TEST_TMPDIR/decisions.csv"
		[ "$output" -gt 0 ]
	done
}
