#!/usr/bin/env bats
# pfe-portrait: department exports joined into portraits, rejects, encodings,
# derived fields and the 2011 SME size classes.

load test_helper
bats_require_minimum_version 1.5.0

P="$FIXTURES/pfe-portrait"

setup() {
	DATA="$BATS_TEST_TMPDIR/data"
	cp -R "$P/data" "$DATA"
	DEPTS="$DATA/departments"
}

# Run pfe-portrait on $DATA at the sample's as-of date, writing
# portraits.csv and rejects.csv under the test's temporary folder.
portrait() {
	run --separate-stderr pfe-portrait --dictionary "$DATA/dictionary.xml" \
	    --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/portraits.csv" \
	    --rejects "$BATS_TEST_TMPDIR/rejects.csv" "$@"
}

# Print column NAME of the portrait of enterprise USCC.
cell() {
	awk -F, -v name="$2" -v uscc="$1" '
	    NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i }
	    NR > 1 && $1 == uscc { print $c }' "$BATS_TEST_TMPDIR/portraits.csv"
}

@test "fixture portraits match the golden file" {
	portrait
	[ "$status" -eq 0 ]
	assert_same_file "$P/expected-portraits.csv" "$BATS_TEST_TMPDIR/portraits.csv"
	assert_same_file "$P/expected-rejects.csv" "$BATS_TEST_TMPDIR/rejects.csv"
	[ "$stderr" = "pfe-portrait: read 34 records, wrote 6 portraits, rejected 0, 1 exact duplicates, 4 rows outside 2021-2025, 0 names differing from the registry" ]
}

@test "output is the same under another zone and locale" {
	portrait
	[ "$status" -eq 0 ]
	cd "$BATS_TEST_TMPDIR"
	TZ=Asia/Shanghai LC_ALL=C run -0 pfe-portrait -q \
	    --dictionary data/dictionary.xml --as-of 2026-06-30 -o again.csv
	assert_same_file portraits.csv again.csv
}

@test "dates in three spellings read alike" {
	portrait
	[ "$status" -eq 0 ]
	[ "$(cell 91510107MA6A000231 established)" = 2021-06-01 ]
	[ "$(cell 91510100201906490X established)" = 2016-03-05 ]
	[ "$(cell 91512081MA6A000667 established)" = 2010-07-01 ]
	[ "$(cell 91510100201906490X above_scale)" = above-scale@2025-03-01 ]
}

@test "grouped, 万 and full-width amounts are read" {
	portrait
	[ "$status" -eq 0 ]
	[ "$(cell 91510107MA6A000231 revenue_2025)" = 1234.50 ]
	[ "$(cell 91510107MA6A000231 revenue_2024)" = 125000.00 ]
	[ "$(cell 91510107MA6A000231 revenue_2023)" = 123456.78 ]
	[ "$(cell 91510100201906490X revenue_2025)" = 20000000.00 ]
	# 注册资本 is written in 万元.
	[ "$(cell 91510107MA6A000231 registered_capital)" = 12005000.00 ]
	[ "$(cell 91512081MA6A000667 registered_capital)" = 1000000.00 ]
}

@test "codes, zones and abolished districts are mapped" {
	portrait
	[ "$status" -eq 0 ]
	[ "$(cell 91510107MA6A000231 status)" = active ]
	[ "$(cell 91510100201906490X status)" = active ]
	[ "$(cell 91510122MA6A0004XA status)" = cancelled ]
	[ "$(cell 91512081MA6A000667 status)" = revoked ]
	[ "$(cell 91510107MA6A000231 zone)" = hitech ]
	# The zone's full name is read through data/zones.csv.
	[ "$(cell 91510100201906490X zone)" = tianfu ]
	# 510122 双流县 is written as 510116 双流区.
	[ "$(cell 91510122MA6A0004XA district)" = 510116 ]
}

@test "lists are sorted with repeated recognitions kept" {
	portrait
	[ "$status" -eq 0 ]
	[ "$(cell 91510107MA6A000231 certs)" = "hightech@2022-11-28;hightech@2025-11-20;zjtx-national@2024-08-01" ]
	[ "$(cell 91512081MA6A000667 dishonesty)" = serious@2024-05-06 ]
	[ "$(cell 91510107MA6A000231 dishonesty)" = "" ]
}

@test "derived age, section and subsidies" {
	portrait
	[ "$status" -eq 0 ]
	[ "$(cell 91510107MA6A000231 age)" = 5 ]
	[ "$(cell 91512081MA6A000667 age)" = 15 ]
	# Established after the as-of date: the age is unknown.
	[ "$(cell 91510104MA6A00015T age)" = "" ]
	[ "$(cell 91510107MA6A000231 section)" = I ]
	[ "$(cell 91510107MA6A000231 subsidies_2024)" = 150000.00 ]
	[ "$(cell 91510107MA6A000231 subsidies_2025)" = 0.00 ]
	[ "$(cell 91510100201906490X subsidies_2025)" = 100000.00 ]
}

@test "growth is in basis points from the year before" {
	portrait
	[ "$status" -eq 0 ]
	# 2020 (before the window) 1000000.00, then 1500000.00 in 2021.
	[ "$(cell 91510100201906490X revenue_growth_2021)" = 5000 ]
	[ "$(cell 91510100201906490X revenue_growth_2022)" = -3333 ]
	[ "$(cell 91510100201906490X revenue_growth_2023)" = -10000 ]
	# From zero, growth is unknown.
	[ "$(cell 91510100201906490X revenue_growth_2024)" = "" ]
	[ "$(cell 91510100201906490X revenue_growth_2025)" = 526 ]
	# 2022 is unknown, so 2023's growth is too.
	[ "$(cell 91510107MA6A000231 revenue_growth_2023)" = "" ]
	[ "$(cell 91510107MA6A000231 revenue_growth_2024)" = 125 ]
}

@test "years outside the window are left out" {
	portrait
	[ "$status" -eq 0 ]
	run -1 grep -c '999.00\|888.00' "$BATS_TEST_TMPDIR/portraits.csv"
	[ "$output" = 0 ] || false
}

@test "size classes follow the 2011 thresholds" {
	run -0 pfe-portrait -q --dictionary "$P/sizes/dictionary.xml" \
	    --as-of 2026-06-30 -o "$BATS_TEST_TMPDIR/sizes.csv"
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { print $1 "," $c["industry"] "," $c["employees_2025"] "," \
	      $c["revenue_2025"] "," $c["total_assets_2025"] "," \
	      $c["size_class"] }' "$BATS_TEST_TMPDIR/sizes.csv" \
	    > "$BATS_TEST_TMPDIR/classes.csv"
	tail -n +2 "$P/sizes/expected.csv" > "$BATS_TEST_TMPDIR/expected.csv"
	assert_same_file "$BATS_TEST_TMPDIR/expected.csv" "$BATS_TEST_TMPDIR/classes.csv"
}

@test "wrong check character is rejected with its line" {
	printf '91510100201906490Y,坏代码有限公司,2020-01-01,存续,510104,,C3484,10,某\r\n' >> "$DEPTS/registry.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/registry.csv:9: invalid unified social credit code '91510100201906490Y': check character should be 'X'" ]
	run -0 grep '^departments/registry.csv,' "$BATS_TEST_TMPDIR/rejects.csv"
	[ "$output" = "departments/registry.csv,9,reject,统一社会信用代码'91510100201906490Y'无效：校验码应为'X',\"91510100201906490Y,坏代码有限公司,2020-01-01,存续,510104,,C3484,10,某\"" ]
}

@test "allow-listed code is accepted in a source" {
	printf '91510100201906490Y,旧代码有限公司,2010-01-01,存续,510104,,C3484,10,某\r\n' >> "$DEPTS/registry.csv"
	printf 'uscc,note\n91510100201906490Y,issued in 2015\n' > "$BATS_TEST_TMPDIR/allow.csv"
	portrait --uscc-allow "$BATS_TEST_TMPDIR/allow.csv"
	[ "$status" -eq 0 ]
	[ "$(cell 91510100201906490Y name)" = 旧代码有限公司 ]
}

@test "citizen ID number as a key is rejected" {
	printf '510104199003070015,2025,1.00,1\n' >> "$DEPTS/annual-reports.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/annual-reports.csv:5: invalid unified social credit code '510104199003070015': this is a citizen ID number, not a code of an enterprise" ]
}

@test "unknown district code in its column is rejected" {
	printf '91510108MA6A00090D,无区县有限公司,2020-01-01,存续,510199,,C3484,10,某\r\n' >> "$DEPTS/registry.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/registry.csv:9: unknown division code '510199' in column '所属区县代码': expected a 6-digit GB/T 2260 code" ]
	run -1 grep -c 91510108MA6A00090D "$BATS_TEST_TMPDIR/portraits.csv"
	[ "$output" = 0 ] || false
}

@test "unknown industry code is rejected" {
	printf '91510108MA6A00090D,无行业有限公司,2020-01-01,存续,510108,,C9999,10,某\r\n' >> "$DEPTS/registry.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/registry.csv:9: unknown industry code 'C9999' in column '国民经济行业代码': expected a GB/T 4754-2017 class such as C3972" ]
}

@test "industry letter must match the class" {
	printf '91510108MA6A00090D,错门类有限公司,2020-01-01,存续,510108,,I3484,10,某\r\n' >> "$DEPTS/registry.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/registry.csv:9: unknown industry code 'I3484' in column '国民经济行业代码': expected a GB/T 4754-2017 class such as C3972" ]
}

@test "unknown status is rejected" {
	printf '91510108MA6A00090D,状态有限公司,2020-01-01,歇业,510108,,C3484,10,某\r\n' >> "$DEPTS/registry.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/registry.csv:9: unknown value '歇业' in column '登记状态': expected one of 存续、在业、注销、吊销" ]
}

@test "unparseable date is rejected" {
	printf '91510108MA6A00090D,日期有限公司,2020-02-30,存续,510108,,C3484,10,某\r\n' >> "$DEPTS/registry.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/registry.csv:9: invalid date '2020-02-30' in column '成立日期': expected 2021-06-01, 2021/6/1 or 2021年6月1日" ]
}

@test "unparseable number is rejected" {
	printf '91510107MA6A000231,成都测试甲软件有限公司,2022,12a,1.00,1.00\n' >> "$DEPTS/tax.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/tax.csv:13: invalid amount '12a' in column '营业收入（元）': expected a number such as 1234.50, 1,234.50 or 12.5万" ]
}

@test "negative revenue is rejected" {
	printf '91510107MA6A000231,成都测试甲软件有限公司,2022,-5.00,1.00,1.00\n' >> "$DEPTS/tax.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/tax.csv:13: negative amount '-5.00' in column '营业收入（元）'" ]
	[ "$(cell 91510107MA6A000231 revenue_2022)" = "" ]
}

@test "invalid year is rejected" {
	printf '91510107MA6A000231,成都测试甲软件有限公司,二〇二二,5.00,1.00,1.00\n' >> "$DEPTS/tax.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/tax.csv:13: invalid year '二〇二二' in column '所属年度': expected a year such as 2025" ]
}

@test "row for an enterprise missing from the registry is rejected" {
	printf '91510108MA6A00090D,不在名录,2025,5.00,1.00,1.00\n' >> "$DEPTS/tax.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/tax.csv:13: enterprise '91510108MA6A00090D' is not in the registry 'departments/registry.csv'" ]
	run -0 grep '^departments/tax.csv,' "$BATS_TEST_TMPDIR/rejects.csv"
	[ "$output" = "departments/tax.csv,13,reject,企业91510108MA6A00090D不在登记名录（departments/registry.csv）中,\"91510108MA6A00090D,不在名录,2025,5.00,1.00,1.00\"" ]
}

@test "unknown certification type is rejected" {
	printf '91510107MA6A000231,甲,瞪羚企业,2025-01-01,X1,某部门\n' >> "$DEPTS/certifications.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/certifications.csv:7: unknown value '瞪羚企业' in column '认定类型': expected one of 高新技术企业、成都市专精特新中小企业、四川省专精特新中小企业、国家级专精特新“小巨人”企业、首台（套）重大技术装备、新三板挂牌、北京证券交易所上市" ]
}

@test "list row without a date is rejected" {
	printf '91510107MA6A000231,甲,,某部门,某事由\n' >> "$DEPTS/dishonesty.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/dishonesty.csv:3: missing date in column '列入日期'" ]
}

@test "row with a missing field is rejected" {
	printf '91510107MA6A000231,2022,1.00\n' >> "$DEPTS/annual-reports.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/annual-reports.csv:5: record has 3 fields, but the header has 4" ]
}

@test "exact duplicate is listed but is not an error" {
	portrait
	[ "$status" -eq 0 ]
	run -0 grep -c ',duplicate,与第2行重复,' "$BATS_TEST_TMPDIR/rejects.csv"
	[ "$output" = 1 ] || false
}

@test "conflicting yearly rows keep the first" {
	printf '91510107MA6A000231,成都测试甲软件有限公司,2025,9999.00,100.00,\n' >> "$DEPTS/tax.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/tax.csv:13: conflicting record for '91510107MA6A000231' in 2025: it differs from line 2, which is used" ]
	[ "$(cell 91510107MA6A000231 revenue_2025)" = 1234.50 ]
}

@test "conflicting registry rows keep the first" {
	printf '91510107MA6A000231,另一个名称,2021-06-01,存续,510107,,I6513,1,王一\r\n' >> "$DEPTS/registry.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/registry.csv:9: conflicting record for '91510107MA6A000231': it differs from line 2, which is used" ]
	[ "$(cell 91510107MA6A000231 name)" = 成都测试甲软件有限公司 ]
}

@test "name differing from the registry is reported" {
	printf '91510107MA6A000231,成都测试甲科技有限公司,2022,5.00,1.00,1.00\n' >> "$DEPTS/tax.csv"
	portrait
	[ "$status" -eq 0 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/tax.csv:13: name '成都测试甲科技有限公司' differs from '成都测试甲软件有限公司' in the registry" ]
	[ "${stderr##*$'\n'}" = "pfe-portrait: read 35 records, wrote 6 portraits, rejected 0, 1 exact duplicates, 4 rows outside 2021-2025, 1 names differing from the registry" ]
	[ "$(cell 91510107MA6A000231 revenue_2022)" = 5.00 ]
}

@test "every source row lands in portraits or rejects" {
	printf '91510107MA6A000231,2022,1.00\n' >> "$DEPTS/annual-reports.csv"
	printf '91510108MA6A00090D,不在名录,2025,5.00,1.00,1.00\n' >> "$DEPTS/tax.csv"
	portrait
	[ "$status" -eq 1 ]
	[ "${stderr##*$'\n'}" = "pfe-portrait: read 36 records, wrote 6 portraits, rejected 2, 1 exact duplicates, 4 rows outside 2021-2025, 0 names differing from the registry" ]
	run -0 wc -l < "$BATS_TEST_TMPDIR/rejects.csv"
	[ "$output" = 4 ] || false
}

@test "row order within sources does not matter" {
	local f
	for f in tax annual-reports social-security certifications subsidies; do
		{ head -n 1 "$P/data/departments/$f.csv"
		  tail -n +2 "$P/data/departments/$f.csv" | tac; } > "$DEPTS/$f.csv"
	done
	portrait
	[ "$status" -eq 0 ]
	assert_same_file "$P/expected-portraits.csv" "$BATS_TEST_TMPDIR/portraits.csv"
}

@test "multi-line record is read again" {
	portrait
	[ "$status" -eq 0 ]
	run -0 grep -c '^91510104MA6A00015T,"成都测试戊贸易有限公司,""总部""",2026-08-01,' "$BATS_TEST_TMPDIR/portraits.csv"
	[ "$output" = 1 ] || false
}

@test "sources sorted by code read alike" {
	local f
	# A stable sort keeps each enterprise's rows in their order.
	for f in tax annual-reports social-security subsidies; do
		{ head -n 1 "$P/data/departments/$f.csv"
		  tail -n +2 "$P/data/departments/$f.csv" |
		      LC_ALL=C sort -s -t, -k1,1; } > "$DEPTS/$f.csv"
	done
	portrait
	[ "$status" -eq 0 ]
	assert_same_file "$P/expected-portraits.csv" "$BATS_TEST_TMPDIR/portraits.csv"
}

@test "blank lines inside a run of rows keep the lines" {
	# Lines 4 and 5 of tax.csv are one run; a blank line 5 splits them.
	awk 'NR == 5 { print "" } { print }' "$P/data/departments/tax.csv" > "$DEPTS/tax.csv"
	printf '\n91510107MA6A000231,成都测试甲软件有限公司,2023,1.00,1.00,1.00\n' >> "$DEPTS/tax.csv"
	portrait
	[ "$status" -eq 1 ]
	run -0 grep '^departments/tax.csv,' "$BATS_TEST_TMPDIR/rejects.csv"
	[ "$output" = "departments/tax.csv,15,reject,与第6行冲突：同一企业同一年度已有不同的记录，采用第6行,\"91510107MA6A000231,成都测试甲软件有限公司,2023,1.00,1.00,1.00\"" ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: departments/tax.csv:15: conflicting record for '91510107MA6A000231' in 2023: it differs from line 6, which is used" ]
}

@test "bare CR line ends read alike" {
	tr '\n' '\r' < "$P/data/departments/social-security.csv" > "$DEPTS/social-security.csv"
	portrait
	[ "$status" -eq 0 ]
	assert_same_file "$P/expected-portraits.csv" "$BATS_TEST_TMPDIR/portraits.csv"
}

@test "rejects of a bare CR file keep their lines" {
	printf '91510107MA6A000231,成都测试甲软件有限公司,2024,-1\n' >> "$DEPTS/social-security.csv"
	tr '\n' '\r' < "$DEPTS/social-security.csv" > "$DEPTS/cr.csv"
	mv "$DEPTS/cr.csv" "$DEPTS/social-security.csv"
	portrait
	[ "$status" -eq 1 ]
	run -0 grep '^departments/social-security.csv,' "$BATS_TEST_TMPDIR/rejects.csv"
	# A bare CR ends a line, so the appended record keeps its own line.
	[ "$output" = "departments/social-security.csv,5,reject,参保人数'-1'为负数,\"91510107MA6A000231,成都测试甲软件有限公司,2024,-1\"" ]
}

@test "GB18030 input is rejected with advice" {
	iconv -f UTF-8 -t GB18030 "$P/data/departments/tax.csv" > "$DEPTS/tax.csv"
	portrait
	[ "$status" -eq 2 ]
	[ "$stderr" = "pfe-portrait: departments/tax.csv:1: the file is not UTF-8 but looks like GB18030 (GBK), as Chinese spreadsheet programs save CSV: pass --encoding gb18030, or convert it with 'iconv -f GB18030 -t UTF-8'" ]
	[ ! -e "$BATS_TEST_TMPDIR/portraits.csv" ]
}

@test "GB18030 input is converted when asked" {
	local f
	for f in "$DEPTS"/*.csv; do
		# The registry has a byte-order mark, which iconv carries over
		# as U+FEFF; GB18030 exports carry none.
		tail -c +1 "$f" | sed '1s/^\xef\xbb\xbf//' | iconv -f UTF-8 -t GB18030 > "$f.gb"
		mv "$f.gb" "$f"
	done
	run -0 file -b --mime-encoding "$DEPTS/tax.csv"
	[ "$output" != utf-8 ]
	portrait --encoding gb18030
	[ "$status" -eq 0 ]
	assert_same_file "$P/expected-portraits.csv" "$BATS_TEST_TMPDIR/portraits.csv"
}

@test "source encoding in the dictionary wins" {
	iconv -f UTF-8 -t GB18030 "$P/data/departments/tax.csv" > "$DEPTS/tax.csv"
	sed -i 's/year="所属年度" kind="yearly"/year="所属年度" kind="yearly" encoding="gb18030"/' "$DATA/dictionary.xml"
	portrait
	[ "$status" -eq 0 ]
	assert_same_file "$P/expected-portraits.csv" "$BATS_TEST_TMPDIR/portraits.csv"
}

@test "file with and without a byte-order mark read alike" {
	sed -i '1s/^\xef\xbb\xbf//' "$DEPTS/registry.csv"
	portrait
	[ "$status" -eq 0 ]
	assert_same_file "$P/expected-portraits.csv" "$BATS_TEST_TMPDIR/portraits.csv"
}

@test "missing column is fatal and writes nothing" {
	sed -i '1s/营业收入（元）/营业收入/' "$DEPTS/tax.csv"
	portrait
	[ "$status" -eq 2 ]
	[ "$stderr" = "pfe-portrait: departments/tax.csv:1: missing column '营业收入（元）', which field 'revenue' of $DATA/dictionary.xml names" ]
	[ ! -e "$BATS_TEST_TMPDIR/portraits.csv" ]
	[ ! -e "$BATS_TEST_TMPDIR/rejects.csv" ]
}

@test "renamed column is a dictionary change" {
	sed -i '1s/营业收入（元）/营业收入/' "$DEPTS/tax.csv"
	sed -i 's/column="营业收入（元）"/column="营业收入"/' "$DATA/dictionary.xml"
	portrait
	[ "$status" -eq 0 ]
	assert_same_file "$P/expected-portraits.csv" "$BATS_TEST_TMPDIR/portraits.csv"
}

@test "invalid dictionary is fatal" {
	sed -i 's/window="5"/window="0"/' "$DATA/dictionary.xml"
	portrait
	[ "$status" -eq 2 ]
	[ "${stderr##*$'\n'}" = "pfe-portrait: invalid field dictionary '$DATA/dictionary.xml'" ]
}

@test "per-year field from a list source is refused" {
	sed -i 's/source="tax" column="营业收入（元）"/source="certifications" column="营业收入（元）"/' "$DATA/dictionary.xml"
	portrait
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: $DATA/dictionary.xml:62: field 'revenue' of type 'money' cannot come from source 'certifications' of kind list or rows" ]
}

@test "dictionary naming an unknown source is invalid" {
	sed -i 's/source="tax" column="实缴税额（元）"/source="taxes" column="实缴税额（元）"/' "$DATA/dictionary.xml"
	portrait
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "pfe-portrait: $DATA/dictionary.xml:65: Element 'field': No match found for key-sequence ['taxes'] of keyref 'field-source'." ]
}

@test "source file outside the data folder is invalid" {
	sed -i 's|file="departments/tax.csv"|file="../tax.csv"|' "$DATA/dictionary.xml"
	portrait
	[ "$status" -eq 2 ]
	[ "${stderr##*$'\n'}" = "pfe-portrait: invalid field dictionary '$DATA/dictionary.xml'" ]
}

@test "list field needs a date column" {
	sed -i 's/date-column="认定日期"//' "$DATA/dictionary.xml"
	portrait
	[ "$status" -eq 2 ]
	[ "$stderr" = "pfe-portrait: $DATA/dictionary.xml:85: list field 'certs' has no date-column" ]
}

@test "list field without a column needs one code" {
	sed -i 's|<code id="serious" label="严重失信主体"/>|&<code id="other" label="其他"/>|' "$DATA/dictionary.xml"
	portrait
	[ "$status" -eq 2 ]
	[ "$stderr" = "pfe-portrait: $DATA/dictionary.xml:95: list field 'dishonesty' has no column, so it needs exactly one code" ]
}

@test "yearly source needs a year column" {
	sed -i 's/year="报告年度" kind="yearly"/kind="yearly"/' "$DATA/dictionary.xml"
	portrait
	[ "$status" -eq 2 ]
	[ "$stderr" = "pfe-portrait: $DATA/dictionary.xml:16: source 'annual_reports' of kind yearly or rows has no year column" ]
}

@test "missing --as-of is a usage error" {
	run -2 --separate-stderr pfe-portrait --dictionary "$DATA/dictionary.xml"
	[ "${stderr%%$'\n'*}" = "pfe-portrait: missing option --as-of" ]
}

@test "invalid encoding is a usage error" {
	run -2 --separate-stderr pfe-portrait --dictionary "$DATA/dictionary.xml" --as-of 2026-06-30 --encoding latin1
	[ "${stderr%%$'\n'*}" = "pfe-portrait: invalid encoding 'latin1': expected utf-8 or gb18030" ]
}

@test "help goes to standard output" {
	run -0 --separate-stderr pfe-portrait --help
	[ "${lines[0]}" = "usage: pfe-portrait --dictionary FILE --as-of DATE [--data DIR] [-o FILE]" ]
	[ "$stderr" = "" ]
}

@test "version is printed" {
	run -0 pfe-portrait --version
	[[ "$output" == "pfe-portrait (pfe) "* ]]
}
