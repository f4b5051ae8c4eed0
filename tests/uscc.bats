#!/usr/bin/env bats
# Unified social credit codes (GB 32100-2015) through the predicate mode
# pfe-portrait --check-uscc: exit 0 valid, 1 invalid, 2 error.

load test_helper
bats_require_minimum_version 1.5.0

U="$FIXTURES/pfe-portrait/uscc"

@test "real registered codes pass" {
	run -0 pfe-portrait --check-uscc 91510100201906490X
	run -0 pfe-portrait --check-uscc 11510000MB1690541M
}

@test "all-digit enterprise code is no citizen ID" {
	run -0 pfe-portrait --check-uscc 915101213804033378
}

@test "code of a national authority passes" {
	run -0 pfe-portrait --check-uscc 11100000000013127D
}

@test "code issued under an abolished county passes" {
	# 510122 双流县 became 510116 双流区; 512081 简阳市 moved to 510185.
	run -0 pfe-portrait --check-uscc 91510122MA6A0004XA
	run -0 pfe-portrait --check-uscc 91512081MA6A000667
}

@test "wrong check character names the right one" {
	run -1 --separate-stderr pfe-portrait --check-uscc 91510100201906490Y
	[ "$stderr" = "pfe-portrait: invalid unified social credit code '91510100201906490Y': check character should be 'X'" ]
}

@test "wrong organization code check is found" {
	run -1 --separate-stderr pfe-portrait --check-uscc 91510100201906491X
	[ "$stderr" = "pfe-portrait: invalid unified social credit code '91510100201906491X': organization code check character should be '0'" ]
}

@test "short code is rejected" {
	run -1 --separate-stderr pfe-portrait --check-uscc 91510100201906490
	[ "$stderr" = "pfe-portrait: invalid unified social credit code '91510100201906490': expected 18 characters, got 17 bytes" ]
}

@test "letters I O S V Z are rejected" {
	local letter
	for letter in I O S V Z; do
		run -1 --separate-stderr pfe-portrait --check-uscc "9151010020190649${letter}X"
		[ "$stderr" = "pfe-portrait: invalid unified social credit code '9151010020190649${letter}X': character 17 is not a digit or an upper-case letter other than I, O, S, V, Z" ]
	done
}

@test "lower-case letter is rejected" {
	run -1 --separate-stderr pfe-portrait --check-uscc 91510100201906490x
	[ "$stderr" = "pfe-portrait: invalid unified social credit code '91510100201906490x': character 18 is not a digit or an upper-case letter other than I, O, S, V, Z" ]
}

@test "citizen ID number does not pass" {
	run -1 --separate-stderr pfe-portrait --check-uscc 510104199003070015
	[ "$stderr" = "pfe-portrait: invalid unified social credit code '510104199003070015': this is a citizen ID number, not a code of an enterprise" ]
}

@test "unknown registration authority is rejected" {
	run -1 --separate-stderr pfe-portrait --check-uscc B1510100201906490U
	[ "$stderr" = "pfe-portrait: invalid unified social credit code 'B1510100201906490U': 'B' is no registration authority" ]
}

@test "type outside the authority's types is rejected" {
	run -1 --separate-stderr pfe-portrait --check-uscc 94510100201906490X
	[ "$stderr" = "pfe-portrait: invalid unified social credit code '94510100201906490X': '4' is no organization type of registration authority '9'" ]
}

@test "unknown division is rejected" {
	run -1 --separate-stderr pfe-portrait --check-uscc 91519900201906490X
	[ "$stderr" = "pfe-portrait: invalid unified social credit code '91519900201906490X': unknown division code '519900'" ]
}

@test "development zone code is no division" {
	# 130171 is a statistics code of a development zone, not GB/T 2260.
	run -1 --separate-stderr pfe-portrait --check-uscc 91130171201906490X
	[ "${stderr}" = "pfe-portrait: invalid unified social credit code '91130171201906490X': unknown division code '130171'" ]
}

@test "allow-list accepts a listed code with a wrong check" {
	run -0 pfe-portrait --check-uscc --uscc-allow "$U/allow.csv" 91510100201906490Y
	run -1 pfe-portrait --check-uscc --uscc-allow "$U/allow.csv" 91510100201906491Y
}

@test "allow-list accepts no other failure" {
	run -1 --separate-stderr pfe-portrait --check-uscc --uscc-allow "$U/allow.csv" 91510100201906491X
	[ "$stderr" = "pfe-portrait: invalid unified social credit code '91510100201906491X': organization code check character should be '0'" ]
}

@test "allow-list entry that is valid is an error" {
	run -2 --separate-stderr pfe-portrait --check-uscc --uscc-allow "$U/allow-valid.csv" 91510100201906490X
	[ "$stderr" = "pfe-portrait: $U/allow-valid.csv:2: allow-listed code '91510100201906490X' is valid: remove it from the list" ]
}

@test "allow-list entry failing another rule is an error" {
	run -2 --separate-stderr pfe-portrait --check-uscc --uscc-allow "$U/allow-bad-division.csv" 91510100201906490X
	[ "$stderr" = "pfe-portrait: $U/allow-bad-division.csv:2: invalid unified social credit code '91519900201906490X': unknown division code '519900'; the allow-list accepts only codes whose final check character is wrong" ]
}

@test "codes on standard input are reported by line" {
	run -1 --separate-stderr pfe-portrait --check-uscc < <(printf '91510100201906490X\r\n91510100201906490Y\n11510000MB1690541M\n')
	[ "$stderr" = "pfe-portrait: standard input:2: invalid unified social credit code '91510100201906490Y': check character should be 'X'" ]
}

@test "quiet check prints nothing" {
	run -1 --separate-stderr pfe-portrait --check-uscc -q 91510100201906490Y
	[ "$stderr" = "" ]
	[ "$output" = "" ]
}
