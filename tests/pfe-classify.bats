#!/usr/bin/env bats
# pfe-classify: review modes from the field dictionary, and what blocks
# full automation.

bats_require_minimum_version 1.5.0

load test_helper

DICT="$FIXTURES/pfe-policy/dictionary.xml"

setup() {
	pfe-policy -q -d "$DICT" -o "$BATS_TEST_TMPDIR/policies.xml" "$FIXTURES/pfe-classify/policies.xml"
}

# Print "id mode" for each row of the modes file $1.
modes_of() {
	sed '1d' "$1" | cut -d, -f1,3 | tr ',' ' '
}

@test "modes follow the authority of every field read" {
	run --separate-stderr -0 pfe-classify -d "$DICT" --modes "$BATS_TEST_TMPDIR/modes.csv" -o "$BATS_TEST_TMPDIR/out.xml" "$BATS_TEST_TMPDIR/policies.xml"
	assert_equal "$stderr" 'pfe-classify: read 4 items: 1 automatic, 2 semi-automatic, 1 manual'
	run -0 modes_of "$BATS_TEST_TMPDIR/modes.csv"
	assert_output 'M-AUTO automatic
M-MANUAL manual
M-SEMI semi-automatic
M-SEMI-AWARD semi-automatic'
}

@test "the modes file says what blocks automation, in Chinese" {
	pfe-classify -q -d "$DICT" --modes "$BATS_TEST_TMPDIR/modes.csv" -o /dev/null "$BATS_TEST_TMPDIR/policies.xml"
	assert_same_file "$FIXTURES/pfe-classify/modes.csv" "$BATS_TEST_TMPDIR/modes.csv"
}

@test "the annotated policies match the golden file and validate" {
	pfe-classify -q -d "$DICT" -o "$BATS_TEST_TMPDIR/out.xml" "$BATS_TEST_TMPDIR/policies.xml"
	assert_same_file "$FIXTURES/pfe-classify/classified.xml" "$BATS_TEST_TMPDIR/out.xml"
	run -0 xmllint --noout --schema "$PFE_ROOT/schemas/policy.xsd" "$BATS_TEST_TMPDIR/out.xml"
}

@test "classifying annotated policies again gives the same bytes" {
	pfe-classify -q -d "$DICT" -o "$BATS_TEST_TMPDIR/once.xml" "$BATS_TEST_TMPDIR/policies.xml"
	pfe-classify -q -d "$DICT" -o "$BATS_TEST_TMPDIR/twice.xml" "$BATS_TEST_TMPDIR/once.xml"
	cmp "$BATS_TEST_TMPDIR/once.xml" "$BATS_TEST_TMPDIR/twice.xml"
}

@test "a declared amount supplied by a department makes its items automatic" {
	sed 's|authority="declared" evidence="设备购置合同、发票及付款凭证"|authority="department" source="registry" column="设备投资额（元）"|' "$DICT" > "$BATS_TEST_TMPDIR/dict.xml"
	pfe-classify -q -d "$BATS_TEST_TMPDIR/dict.xml" --modes "$BATS_TEST_TMPDIR/modes.csv" -o /dev/null "$BATS_TEST_TMPDIR/policies.xml"
	run -0 modes_of "$BATS_TEST_TMPDIR/modes.csv"
	assert_output 'M-AUTO automatic
M-MANUAL manual
M-SEMI automatic
M-SEMI-AWARD automatic'
	run -0 grep '^M-MANUAL,' "$BATS_TEST_TMPDIR/modes.csv"
	assert_output 'M-MANUAL,重大项目奖励,manual,0,项目符合产业发展方向需审核人员判断：如能改为由部门数据判定的标准，可改为自动审核'
}

@test "a judgement turned into a declared value makes its item semi-automatic" {
	sed 's|<field id="project_fit" label="项目符合产业发展方向" type="flag"|& evidence="产业主管部门出具的项目意见"|; s|authority="judgement"|authority="declared"|' "$DICT" > "$BATS_TEST_TMPDIR/dict.xml"
	pfe-classify -q -d "$BATS_TEST_TMPDIR/dict.xml" --modes "$BATS_TEST_TMPDIR/modes.csv" -o /dev/null "$BATS_TEST_TMPDIR/policies.xml"
	run -0 grep '^M-MANUAL,' "$BATS_TEST_TMPDIR/modes.csv"
	assert_output 'M-MANUAL,重大项目奖励,semi-automatic,0,项目符合产业发展方向由企业申报，需核验产业主管部门出具的项目意见：如能从部门数据取得，可改为自动审核；技术改造设备投资额由企业申报，需核验设备购置合同、发票及付款凭证：如能从部门数据取得，可改为自动审核'
}

@test "an item's id plays no part in its mode" {
	sed 's/id="M-SEMI"/id="M-AUTO-2"/; s/id="M-AUTO"/id="M-SEMI-0"/' "$FIXTURES/pfe-classify/policies.xml" > "$BATS_TEST_TMPDIR/renamed.xml"
	pfe-policy -q -d "$DICT" -o "$BATS_TEST_TMPDIR/policies.xml" "$BATS_TEST_TMPDIR/renamed.xml"
	pfe-classify -q -d "$DICT" --modes "$BATS_TEST_TMPDIR/modes.csv" -o /dev/null "$BATS_TEST_TMPDIR/policies.xml"
	run -0 modes_of "$BATS_TEST_TMPDIR/modes.csv"
	assert_output 'M-AUTO-2 semi-automatic
M-MANUAL manual
M-SEMI-0 automatic
M-SEMI-AWARD semi-automatic'
}

@test "the Chengdu sample's items get the modes their data supports" {
	local sample="$PFE_ROOT/samples/chengdu"
	pfe-policy -q -d "$sample/dictionary.xml" -o "$BATS_TEST_TMPDIR/p.xml" "$sample"/policies/*.xml
	run --separate-stderr -0 pfe-classify -d "$sample/dictionary.xml" --modes "$BATS_TEST_TMPDIR/modes.csv" -o /dev/null "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "$stderr" 'pfe-classify: read 25 items: 19 automatic, 5 semi-automatic, 1 manual'
	run -0 grep -c ',semi-automatic,.*由企业申报' "$BATS_TEST_TMPDIR/modes.csv"
	assert_output 5
	run -0 grep '^CD-ZDXM,' "$BATS_TEST_TMPDIR/modes.csv"
	assert_output --partial ',manual,0,项目符合产业发展方向需审核人员判断'
}

@test "authored policies are refused: normalize them first" {
	run --separate-stderr -2 pfe-classify -d "$DICT" "$FIXTURES/pfe-classify/policies.xml"
	assert_equal "$stderr" "pfe-classify: $FIXTURES/pfe-classify/policies.xml:2: not canonical policies (namespace urn:pfe:policy:1): normalize the file with pfe-policy first"
}

@test "a field the dictionary lost is an error and nothing is written" {
	sed '/<field id="project_fit"/,/authority="judgement"\/>/d' "$DICT" > "$BATS_TEST_TMPDIR/dict.xml"
	run --separate-stderr -2 pfe-classify -d "$BATS_TEST_TMPDIR/dict.xml" --modes "$BATS_TEST_TMPDIR/modes.csv" -o "$BATS_TEST_TMPDIR/out.xml" "$BATS_TEST_TMPDIR/policies.xml"
	assert_equal "$stderr" "pfe-classify: $BATS_TEST_TMPDIR/policies.xml:25: item 'M-MANUAL': unknown field 'project_fit'
pfe-classify: 1 error in '$BATS_TEST_TMPDIR/policies.xml'"
	[ ! -e "$BATS_TEST_TMPDIR/out.xml" ] || fail "out.xml was written"
	[ ! -e "$BATS_TEST_TMPDIR/modes.csv" ] || fail "modes.csv was written"
}

@test "a missing dictionary option is a usage error" {
	run --separate-stderr -2 pfe-classify "$BATS_TEST_TMPDIR/policies.xml"
	assert_equal "$stderr" "pfe-classify: missing option -d (the field dictionary)
Try 'pfe-classify --help' for more information."
}

@test "help goes to standard output" {
	run -0 pfe-classify --help
	assert_line -n 0 'usage: pfe-classify -d dictionary [-q] [-o file] [--modes file] [policies.xml]'
}

@test "pfe-policy drops the modes again" {
	pfe-classify -q -d "$DICT" -o "$BATS_TEST_TMPDIR/classified.xml" "$BATS_TEST_TMPDIR/policies.xml"
	pfe-policy -q -d "$DICT" -o "$BATS_TEST_TMPDIR/again.xml" "$BATS_TEST_TMPDIR/classified.xml"
	cmp "$BATS_TEST_TMPDIR/policies.xml" "$BATS_TEST_TMPDIR/again.xml"
}
