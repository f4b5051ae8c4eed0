#!/usr/bin/env bats
# The policy evaluator, through pfe-policy and pfe-match: every condition
# and award construct at its boundaries (exactly at a threshold, one fen
# under, a missing year, tier edges, a cap reached exactly).
#
# The fixture items (tests/fixtures/policy-eval/policies.xml) hold one
# condition each, so every portrait row appears in the matches (met:
# eligible; not met or unknown: near miss) and the details give the
# condition's own result. The rows of portraits.csv, by letter:
#   a  revenue 2025 exactly 1亿元, 2024 8000万 (growth exactly 25 %),
#      founded exactly three years before the as-of date, 50 employees,
#      entered the register and recognised on 2025-01-01
#   b  one fen under row a's amounts, 49 employees, dates 2024-12-31
#   c  revenue 2023 missing, high-tech in 2022 and on 2025-12-31
#   d  revenue 1亿 reached already in 2023, cancelled, dishonest
#   e  revenue 2025 missing, size class unknown
#   f  revenue 2025 exactly 5亿元;  g  one fen under 5亿元
#   h  revenue 0 in 2024;  j  nothing known but the code

bats_require_minimum_version 1.5.0

load test_helper

declare -gA ROW=(
	[a]=91510104MA77A47E09 [b]=91510105205822593X [c]=91510107MAT8URE2XD
	[d]=91510112MAMDJU2W94 [e]=91510114248257272F [f]=91510114MA4YEN5C4H
	[g]=91510115MAC2K2JKXX [h]=91510116945213929M [j]=91510185MAQ11CC0X9
)

setup_file() {
	local dict="$BATS_TEST_DIRNAME/fixtures/pfe-policy/dictionary.xml"
	local fixtures="$BATS_TEST_DIRNAME/fixtures/policy-eval"

	pfe-policy -q -d "$dict" -o "$BATS_FILE_TMPDIR/policies.xml" "$fixtures/policies.xml"
	pfe-match -p "$BATS_FILE_TMPDIR/policies.xml" -d "$dict" --as-of 2026-06-30 \
	    --details "$BATS_FILE_TMPDIR/details.csv" -o "$BATS_FILE_TMPDIR/matches.csv" \
	    "$fixtures/portraits.csv" 2> "$BATS_FILE_TMPDIR/stderr"
}

# Print the result of top-level condition 1 of item $2 for row $1.
result() {
	awk -F, -v u="${ROW[$1]}" -v i="$2" '$1 == u && $2 == i && $3 == "1" { print $9 }' "$BATS_FILE_TMPDIR/details.csv"
}

# Print "letter:result" for each row letter in $2 for item $1.
results() {
	local out="" l
	for l in $2; do
		out="$out $l:$(result "$l" "$1")"
	done
	echo "${out# }"
}

# Print the status, award and explanation of item $2 for row $1.
match() {
	awk -F, -v u="${ROW[$1]}" -v i="$2" '$1 == u && $2 == i { print $3 "," $5 "," $6 }' "$BATS_FILE_TMPDIR/matches.csv"
}

# Print "letter:award" for each row letter in $2 for item $1.
awards() {
	local out="" l
	for l in $2; do
		out="$out $l:$(match "$l" "$1" | cut -d, -f2)"
	done
	echo "${out# }"
}

@test "a comparison is met exactly at its threshold, not one fen under, unknown without data" {
	assert_equal "$(results E-RANGE 'a b e j')" 'a:met b:not-met e:unknown j:unknown'
}

@test "a range holds its lower bound and not its upper" {
	assert_equal "$(results E-BETWEEN 'a b c')" 'a:not-met b:met c:unknown'
	assert_equal "$(results E-INT 'a b')" 'a:met b:not-met'
}

@test "a named year reads that year's column" {
	assert_equal "$(results E-NAMED 'a h j')" 'a:met h:not-met j:unknown'
}

@test "first reaching a threshold needs every earlier year below it" {
	assert_equal "$(results E-REACH 'a b c d e f')" 'a:met b:not-met c:unknown d:not-met e:unknown f:not-met'
}

@test "growth is compared exactly, and a zero base never grows" {
	assert_equal "$(results E-GROWTH 'a b e g h')" 'a:met b:not-met e:unknown g:not-met h:not-met'
	assert_equal "$(results E-GROWTH-GT 'a c')" 'a:not-met c:met'
}

@test "years since establishment count whole years to the as-of date" {
	assert_equal "$(results E-YEARS 'a b c')" 'a:met b:not-met c:unknown'
}

@test "a date compares as a date" {
	assert_equal "$(results E-DATE 'a d f c')" 'a:not-met d:met f:met c:unknown'
}

@test "district codes, codes and the size class are sets" {
	assert_equal "$(results E-IN 'a b c j')" 'a:met b:not-met c:met j:unknown'
	assert_equal "$(results E-CODE 'a d j')" 'a:met d:not-met j:unknown'
	assert_equal "$(results E-SIZE 'a b c e')" 'a:met b:met c:not-met e:unknown'
}

@test "industry codes match by prefix at any level" {
	assert_equal "$(results E-IND 'a b c d j')" 'a:met b:not-met c:met d:not-met j:unknown'
	assert_equal "$(results E-IND-SECTION 'a b c')" 'a:met b:met c:not-met'
}

@test "first entry into a register is judged by the earliest entry" {
	assert_equal "$(results E-ENTRY 'a b c d j')" 'a:met b:not-met c:not-met d:not-met j:not-met'
}

@test "a list entry counts only inside its period, edges included" {
	assert_equal "$(results E-HAS-YEAR 'a b c d')" 'a:met b:not-met c:met d:not-met'
	assert_equal "$(results E-HAS-BEFORE 'a b c')" 'a:not-met b:met c:met'
	assert_equal "$(results E-HAS-DATES 'a b c')" 'a:met b:met c:not-met'
}

@test "all, any and not follow three-valued logic" {
	assert_equal "$(results E-NOT 'a d j')" 'a:met d:not-met j:met'
	assert_equal "$(results E-ANY 'b e h')" 'b:met e:unknown h:not-met'
	assert_equal "$(results E-ALL 'a d e')" 'a:met d:not-met e:unknown'
	assert_equal "$(results E-NOT-UNKNOWN 'a b e')" 'a:not-met b:met e:unknown'
}

@test "one condition not met or unknown is a near miss, two not met is none" {
	assert_equal "$(match a E-TWO | cut -d, -f1)" eligible
	assert_equal "$(match d E-TWO | cut -d, -f1)" eligible
	assert_equal "$(match e E-TWO | cut -d, -f1)" near-miss
	assert_equal "$(match b E-TWO)" ''
	assert_equal "$(match h E-TWO)" ''
}

@test "whole-amount tiers pick the tier that holds the base, edges included" {
	assert_equal "$(awards W-WHOLE 'a b f g h e')" 'a:100000.00 b:10000.00 f:500000.00 g:100000.00 h:10000.00 e:'
}

@test "marginal tiers apply each rate to the part within the tier" {
	assert_equal "$(awards W-MARGINAL 'a b f g')" 'a:1000000.00 b:999999.99 f:9000000.00 g:8999999.99'
}

@test "a rate's cap is reached exactly and not passed" {
	assert_equal "$(awards W-RATE-CAP 'a b f')" 'a:1000000.00 b:999999.99 f:1000000.00'
	assert_equal "$(awards W-AWARD-CAP 'a h')" 'a:500000.00 h:10000.00'
}

@test "min takes the smaller part" {
	assert_equal "$(awards W-MIN 'a b f')" 'a:1000000.00 b:999999.99 f:1000000.00'
}

@test "awards round to fen, yuan or 万元, down or half-up" {
	assert_equal "$(awards W-ROUND-FEN 'a h')" 'a:33333333.33 h:333333.33'
	assert_equal "$(awards W-ROUND-YUAN 'a h')" 'a:66666667.00 h:666667.00'
	assert_equal "$(awards W-ROUND-WAN 'a h')" 'a:66660000.00 h:660000.00'
	assert_equal "$(awards W-HALF-WAN 'a b')" 'a:10000.00 b:0.00'
}

@test "an increment per percentage point counts whole points above the rate" {
	assert_equal "$(awards W-PER-POINT 'a b c h e')" 'a:50000.00 b:40000.00 c:100000.00 h:0.00 e:'
}

@test "a fixed award is known even when a condition is unknown" {
	assert_equal "$(match e W-FIXED)" 'near-miss,100000.00,缺少数据：2025年营业收入 无数据（需 ≥ 0元）'
}

@test "explanations give the values used, in Chinese" {
	assert_equal "$(match a E-RANGE)" 'eligible,10000.00,2025年营业收入 1亿元 ≥ 1亿元'
	assert_equal "$(match b E-RANGE)" 'near-miss,10000.00,未满足：2025年营业收入 99999999.99元 < 1亿元'
	assert_equal "$(match e E-RANGE)" 'near-miss,10000.00,缺少数据：2025年营业收入 无数据（需 ≥ 1亿元）'
	assert_equal "$(match d E-REACH)" 'near-miss,10000.00,未满足：2023年营业收入已达 1.1亿元 ≥ 1亿元，2025年并非首次达到'
	assert_equal "$(match c E-REACH)" 'near-miss,10000.00,缺少数据：2025年营业收入 1.2亿元 ≥ 1亿元，但2023年营业收入无数据，无法判断是否首次达到'
	assert_equal "$(match a E-ENTRY)" 'eligible,10000.00,规模以上工业企业名录：2025-01-01首次列入规模以上工业企业'
	assert_equal "$(match d E-NOT)" 'near-miss,10000.00,未满足：属于排除情形：严重失信主体名单：严重失信主体（2024-05-01）'
}

@test "an item outside its validity period is reported and never evaluated" {
	run -0 cat "$BATS_FILE_TMPDIR/stderr"
	assert_line -n 0 "pfe-match: item 'E-EXPIRED' is not in force on 2026-06-30: valid from 2024-01-01 to 2025-12-31; not evaluated"
	assert_line -n 1 "pfe-match: item 'E-FUTURE' is not in force on 2026-06-30: valid from 2026-07-01; not evaluated"
	run -1 grep -E ',E-(EXPIRED|FUTURE),' "$BATS_FILE_TMPDIR/matches.csv"
}

@test "first reach in a named year past the window is unknown" {
	cat > "$BATS_TEST_TMPDIR/p.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<policies xmlns="urn:pfe:policy-source:1">
  <item id="E-LATER">
    <title>E-LATER</title>
    <department>测试局</department>
    <document number="测试〔2025〕1号"/>
    <valid from="2025-01-01"/>
    <conditions>
      <first-reach field="revenue" year="2030" value="1亿元"/>
    </conditions>
    <award><fixed amount="1万元"/></award>
  </item>
</policies>
XML
	local dict="$FIXTURES/pfe-policy/dictionary.xml"
	pfe-policy -q -d "$dict" -o "$BATS_TEST_TMPDIR/c.xml" "$BATS_TEST_TMPDIR/p.xml"
	run -0 pfe-match -q -p "$BATS_TEST_TMPDIR/c.xml" -d "$dict" --as-of 2026-06-30 "$FIXTURES/policy-eval/portraits.csv"
	assert_line "${ROW[b]},E-LATER,near-miss,automatic,10000.00,缺少数据：2030年营业收入 无数据（需首次 ≥ 1亿元）"
	assert_line "${ROW[a]},E-LATER,near-miss,automatic,10000.00,未满足：2025年营业收入已达 1亿元 ≥ 1亿元，2030年并非首次达到"
}

@test "portraits without a column an item reads are an error" {
	cut -d, -f1-9,11- "$FIXTURES/policy-eval/portraits.csv" > "$BATS_TEST_TMPDIR/portraits.csv"
	run --separate-stderr -2 pfe-match -q -p "$BATS_FILE_TMPDIR/policies.xml" -d "$FIXTURES/pfe-policy/dictionary.xml" --as-of 2026-06-30 "$BATS_TEST_TMPDIR/portraits.csv"
	assert_equal "${stderr##*$'\n'}" "pfe-match: $BATS_TEST_TMPDIR/portraits.csv:1: no column 'revenue_2025' for field 'revenue': the portraits do not match the dictionary and as-of date"
}

@test "a year outside the portraits' window reads as unknown" {
	sed 's|<at-least field="revenue" year="last" value="1亿元"/>|<at-least field="revenue" year="last-5" value="1亿元"/>|' "$FIXTURES/policy-eval/policies.xml" > "$BATS_TEST_TMPDIR/p.xml"
	pfe-policy -q -d "$FIXTURES/pfe-policy/dictionary.xml" -o "$BATS_TEST_TMPDIR/c.xml" "$BATS_TEST_TMPDIR/p.xml"
	run -0 pfe-match -q -p "$BATS_TEST_TMPDIR/c.xml" -d "$FIXTURES/pfe-policy/dictionary.xml" --as-of 2026-06-30 "$FIXTURES/policy-eval/portraits.csv"
	assert_line "${ROW[a]},E-RANGE,near-miss,automatic,10000.00,缺少数据：2020年营业收入 无数据（需 ≥ 1亿元）"
}

# Write $BATS_TEST_TMPDIR/c.xml: canonical policies of the authored
# items given as $1 (each <item> with its conditions and a 1万元 award).
later_policies() {
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n<policies xmlns="urn:pfe:policy-source:1">\n'
		printf '%s\n' "$1"
		printf '</policies>\n'
	} > "$BATS_TEST_TMPDIR/p.xml"
	pfe-policy -q -d "$FIXTURES/pfe-policy/dictionary.xml" -o "$BATS_TEST_TMPDIR/c.xml" "$BATS_TEST_TMPDIR/p.xml"
}

# Print an authored item $1 whose conditions are $2.
later_item() {
	printf '  <item id="%s"><title>%s</title><department>测试局</department><document number="测试〔2025〕1号"/><valid from="2025-01-01"/><conditions>%s</conditions><award><fixed amount="1万元"/></award></item>\n' "$1" "$1" "$2"
}

@test "list entries dated after the as-of date are ignored" {
	later_policies "$(later_item L-NOT '<not><has field="dishonesty" code="serious"/></not>')
$(later_item L-ENTRY '<first-entry field="certs" code="hightech" year="last"/>')
$(later_item L-FROM '<has field="certs" code="hightech" from="2025-01-01"/>')
$(later_item L-YEAR '<has field="certs" code="hightech" year="2026"/>')
$(later_item L-ANY '<has field="certs" code="hightech"/>')"
	# Row a: listed and recognised after the as-of date; row b: on it.
	awk -F, -v OFS=, -v a="${ROW[a]}" -v b="${ROW[b]}" '
	    NR == 1 { print; next }
	    $1 == a { $18 = "hightech@2026-07-01"; $19 = "serious@2026-12-01"; print }
	    $1 == b { $18 = "hightech@2026-06-30"; $19 = "serious@2026-06-30"; print }' \
	    "$FIXTURES/policy-eval/portraits.csv" > "$BATS_TEST_TMPDIR/portraits.csv"
	run -0 pfe-match -q -p "$BATS_TEST_TMPDIR/c.xml" -d "$FIXTURES/pfe-policy/dictionary.xml" --as-of 2026-06-30 "$BATS_TEST_TMPDIR/portraits.csv"
	assert_line "${ROW[a]},L-NOT,eligible,automatic,10000.00,严重失信主体名单：无严重失信主体记录"
	assert_line "${ROW[a]},L-ENTRY,near-miss,automatic,10000.00,未满足：认定与资质：未列入高新技术企业"
	assert_line "${ROW[a]},L-FROM,near-miss,automatic,10000.00,未满足：认定与资质：无2025-01-01以后高新技术企业记录"
	assert_line "${ROW[a]},L-YEAR,near-miss,automatic,10000.00,未满足：认定与资质：无2026年高新技术企业记录"
	assert_line "${ROW[a]},L-ANY,near-miss,automatic,10000.00,未满足：认定与资质：无高新技术企业记录"
	assert_line "${ROW[b]},L-NOT,near-miss,automatic,10000.00,未满足：属于排除情形：严重失信主体名单：严重失信主体（2026-06-30）"
	assert_line "${ROW[b]},L-FROM,eligible,automatic,10000.00,认定与资质：高新技术企业（2026-06-30）"
	assert_line "${ROW[b]},L-YEAR,eligible,automatic,10000.00,认定与资质：高新技术企业（2026-06-30）"
}

@test "the same list evaluated at a later as-of date counts the entry" {
	later_policies "$(later_item L-NOT '<not><has field="dishonesty" code="serious"/></not>')"
	awk -F, -v OFS=, -v a="${ROW[a]}" 'NR == 1 { print; next } $1 == a { $19 = "serious@2026-12-01"; print }' \
	    "$FIXTURES/policy-eval/portraits.csv" > "$BATS_TEST_TMPDIR/portraits.csv"
	run -0 pfe-match -q -p "$BATS_TEST_TMPDIR/c.xml" -d "$FIXTURES/pfe-policy/dictionary.xml" --as-of 2026-12-01 "$BATS_TEST_TMPDIR/portraits.csv"
	assert_line "${ROW[a]},L-NOT,near-miss,automatic,10000.00,未满足：属于排除情形：严重失信主体名单：严重失信主体（2026-12-01）"
}

@test "a near miss explains only the condition not met" {
	later_policies "$(later_item N-FIRST '<first-entry field="certs" code="hightech" year="last"/><not><has field="dishonesty" code="serious"/></not>')
$(later_item N-UNKNOWN '<at-least field="revenue" year="last" value="1亿元"/><not><has field="dishonesty" code="serious"/></not>')"
	run -0 pfe-match -q -p "$BATS_TEST_TMPDIR/c.xml" -d "$FIXTURES/pfe-policy/dictionary.xml" --as-of 2026-06-30 "$FIXTURES/policy-eval/portraits.csv"
	assert_line "${ROW[b]},N-FIRST,near-miss,automatic,10000.00,未满足：认定与资质：2024-12-31首次列入高新技术企业，不在2025年"
	assert_line "${ROW[e]},N-UNKNOWN,near-miss,automatic,10000.00,缺少数据：2025年营业收入 无数据（需 ≥ 1亿元）"
	assert_line "${ROW[a]},N-UNKNOWN,eligible,automatic,10000.00,2025年营业收入 1亿元 ≥ 1亿元；严重失信主体名单：无严重失信主体记录"
}

@test "negations inside negations explain the decisive values" {
	later_policies "$(later_item N-NOT-NOT '<not><not><has field="dishonesty" code="serious"/></not></not>')
$(later_item N-NOT-3 '<not><not><not><has field="dishonesty" code="serious"/></not></not></not>')
$(later_item N-NOT-ALL '<not><all><at-least field="revenue" year="last" value="1亿元"/><one-of field="status" values="active"/></all></not>')
$(later_item N-ANY-NOT '<any><not><has field="dishonesty" code="serious"/></not><at-least field="revenue" year="last" value="2亿元"/></any>')"
	run -0 pfe-match -q -p "$BATS_TEST_TMPDIR/c.xml" -d "$FIXTURES/pfe-policy/dictionary.xml" --as-of 2026-06-30 "$FIXTURES/policy-eval/portraits.csv"
	assert_line "${ROW[d]},N-NOT-NOT,eligible,automatic,10000.00,严重失信主体名单：严重失信主体（2024-05-01）"
	assert_line "${ROW[a]},N-NOT-NOT,near-miss,automatic,10000.00,未满足：严重失信主体名单：无严重失信主体记录"
	assert_line "${ROW[d]},N-NOT-3,near-miss,automatic,10000.00,未满足：属于排除情形：严重失信主体名单：严重失信主体（2024-05-01）"
	assert_line "${ROW[a]},N-NOT-3,eligible,automatic,10000.00,严重失信主体名单：无严重失信主体记录"
	assert_line "${ROW[a]},N-NOT-ALL,near-miss,automatic,10000.00,未满足：属于排除情形：2025年营业收入 1亿元 ≥ 1亿元，且登记状态 存续"
	assert_line "${ROW[b]},N-NOT-ALL,eligible,automatic,10000.00,2025年营业收入 99999999.99元 < 1亿元"
	assert_line "${ROW[a]},N-ANY-NOT,eligible,automatic,10000.00,严重失信主体名单：无严重失信主体记录"
	assert_line "${ROW[d]},N-ANY-NOT,near-miss,automatic,10000.00,未满足：属于排除情形：严重失信主体名单：严重失信主体（2024-05-01），且2025年营业收入 1.5亿元 < 2亿元"
}
