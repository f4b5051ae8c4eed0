#!/usr/bin/env bats
# pfe-approve: maker-checker approval, sending and voiding of payment files.

load test_helper
bats_require_minimum_version 1.5.0

F="$FIXTURES/pfe-pay"

setup() {
	[ -x "$PFE_BIN/pfe-approve" ] ||
		skip "pfe-approve is not built: it needs 'approve' in PROGRAMS of the Makefile"
	STATE="$BATS_TEST_TMPDIR/state"
	FILE="$BATS_TEST_TMPDIR/p.xml"
	pfe-pay -q --profile "$F/bank-profile.xml" --accounts "$F/bank-accounts.csv" \
		--portraits "$F/portraits.csv" --state "$STATE" --as-of 2026-06-30 \
		--preparer 王制单 -o "$FILE" "$F/decisions-clean.csv"
	SHA=$(sha256sum "$FILE" | cut -d' ' -f1)
	MSG_ID=TEST-20260630-96304fd715ad
}

# Print the state, as-of date and actor of every ledger row after the
# header.
states() {
	tail -n +2 "$STATE/ledger.csv" | cut -d, -f3,10-12
}

approve() {
	pfe-approve --state "$STATE" --as-of 2026-07-01 "$@"
}

@test "approval by another person is recorded" {
	run --separate-stderr -0 approve --by 李复核 --sha256 "$SHA" "$FILE"
	assert_equal "$stderr" "pfe-approve: approved 3 payments totalling 1534567.89 yuan in batch '$MSG_ID' by '李复核'"
	run -0 states
	assert_line -n 3 'A-APP-2026-0001-1,approved,2026-07-01,李复核'
	assert_line -n 4 'G-CD-XSG-91510104MA61XP015A-1,approved,2026-07-01,李复核'
	assert_line -n 5 'G-CD-GQ-FIRST-91510105MA62XP0249-1,approved,2026-07-01,李复核'
	assert_equal "${#lines[@]}" 6
}

@test "approval rows keep the file's SHA-256" {
	run --separate-stderr -0 approve --by 李复核 --sha256 "$SHA"
	run -0 sh -c "tail -n 3 '$STATE/ledger.csv' | cut -d, -f14 | sort -u"
	assert_output "$SHA"
}

@test "preparer cannot approve their own batch" {
	run --separate-stderr -2 approve --by 王制单 --sha256 "$SHA" "$FILE"
	assert_equal "$stderr" "pfe-approve: '王制单' prepared batch '$MSG_ID' and cannot also approve it: another person must approve it"
	run -0 wc -l < "$STATE/ledger.csv"
	assert_output 4
}

@test "approval of an unknown digest fails" {
	other=$(printf x | sha256sum | cut -d' ' -f1)
	run --separate-stderr -2 approve --by 李复核 --sha256 "$other"
	assert_equal "$stderr" "pfe-approve: no payment file prepared in '$STATE/ledger.csv' has SHA-256 '$other': check the digest, or prepare the file again"
}

@test "approval fails when the file no longer has the digest" {
	sed -i 's/1234567.89/1234567.80/' "$FILE"
	changed=$(sha256sum "$FILE" | cut -d' ' -f1)
	run --separate-stderr -2 approve --by 李复核 --sha256 "$SHA" "$FILE"
	assert_equal "$stderr" "pfe-approve: payment file '$FILE' has SHA-256 '$changed', not '$SHA': it changed after it was checked"
}

@test "second approval fails" {
	run --separate-stderr -0 approve --by 李复核 --sha256 "$SHA"
	run --separate-stderr -2 approve --by 赵复核 --sha256 "$SHA"
	assert_equal "$stderr" "pfe-approve: batch '$MSG_ID' is already approved by '李复核'"
}

@test "unapproved file cannot be marked sent" {
	run --separate-stderr -2 approve --by 张出纳 --sent "$FILE"
	assert_equal "$stderr" "pfe-approve: payment 'A-APP-2026-0001-1' of batch '$MSG_ID' is prepared, not approved: only an approved file can be sent"
}

@test "approved file is marked sent" {
	run --separate-stderr -0 approve --by 李复核 --sha256 "$SHA"
	run --separate-stderr -0 approve --by 张出纳 --sent "$FILE"
	assert_equal "$stderr" "pfe-approve: marked 3 payments totalling 1534567.89 yuan in batch '$MSG_ID' as sent by '张出纳'"
	run -0 states
	assert_line -n 6 'A-APP-2026-0001-1,sent,2026-07-01,张出纳'
	assert_equal "${#lines[@]}" 9
}

@test "file changed after approval cannot be sent" {
	run --separate-stderr -0 approve --by 李复核 --sha256 "$SHA"
	sed -i 's/2290000000991003/2290000000991999/' "$FILE"
	changed=$(sha256sum "$FILE" | cut -d' ' -f1)
	run --separate-stderr -2 approve --by 张出纳 --sent "$FILE"
	assert_equal "$stderr" "pfe-approve: payment file '$FILE' (SHA-256 '$changed') matches no batch in '$STATE/ledger.csv': it changed after it was prepared, or was never prepared"
}

@test "void batch is prepared again with the next attempt" {
	run --separate-stderr -0 approve --by 张出纳 --void 账户信息待核实 --msg-id "$MSG_ID"
	assert_equal "$stderr" "pfe-approve: made 3 payments totalling 1534567.89 yuan in batch '$MSG_ID' void by '张出纳'"
	run -0 sh -c "tail -n 1 '$STATE/ledger.csv' | cut -d, -f10,15"
	assert_output 'void,账户信息待核实'
	run --separate-stderr -0 pfe-pay --profile "$F/bank-profile.xml" --accounts "$F/bank-accounts.csv" \
		--portraits "$F/portraits.csv" --state "$STATE" --as-of 2026-07-01 \
		-o "$BATS_TEST_TMPDIR/again.xml" --report "$BATS_TEST_TMPDIR/payments.csv" \
		"$F/decisions-clean.csv"
	run -0 cut -d, -f3 "$BATS_TEST_TMPDIR/payments.csv"
	assert_output 'end_to_end_id
A-APP-2026-0001-2
G-CD-XSG-91510104MA61XP015A-2
G-CD-GQ-FIRST-91510105MA62XP0249-2'
}

@test "sent batch cannot be made void" {
	run --separate-stderr -0 approve --by 李复核 --sha256 "$SHA"
	run --separate-stderr -0 approve --by 张出纳 --sent "$FILE"
	run --separate-stderr -2 approve --by 张出纳 --void 撤回 "$FILE"
	assert_equal "$stderr" "pfe-approve: payment 'A-APP-2026-0001-1' of batch '$MSG_ID' is sent: only a batch not yet sent can be made void"
}

@test "approval fails while the state is locked" {
	run --separate-stderr -2 flock "$STATE/lock" \
		pfe-approve --state "$STATE" --as-of 2026-07-01 --by 李复核 --sha256 "$SHA"
	assert_equal "$stderr" "pfe-approve: state folder '$STATE' is locked by another run: try again when that run has finished"
}

@test "two actions at once are a usage error" {
	run --separate-stderr -2 approve --by 李复核 --sha256 "$SHA" --sent "$FILE"
	assert_equal "${stderr_lines[0]}" 'pfe-approve: give exactly one of --sha256, --sent and --void'
}

@test "malformed digest is a usage error" {
	run --separate-stderr -2 approve --by 李复核 --sha256 ABC
	assert_equal "${stderr_lines[0]}" "pfe-approve: invalid --sha256 'ABC': expected 64 lower-case hex digits"
}

@test "empty ledger is fatal" {
	: > "$STATE/ledger.csv"
	run --separate-stderr -2 approve --by 李复核 --sha256 "$SHA"
	assert_equal "$stderr" "pfe-approve: ledger '$STATE/ledger.csv' is empty: restore it from a backup (only a missing ledger starts a new state folder)"
	[ ! -s "$STATE/ledger.csv" ] || fail "ledger was written"
}

@test "approver name with a trailing space is a usage error" {
	run --separate-stderr -2 approve --by '王制单 ' --sha256 "$SHA"
	assert_equal "${stderr_lines[0]}" "pfe-approve: invalid --by '王制单 ': remove the blanks before and after the name"
	run -0 wc -l < "$STATE/ledger.csv"
	assert_output 4
}

@test "approver name with an ideographic space is a usage error" {
	run --separate-stderr -2 approve --by '王制单　' --sha256 "$SHA"
	assert_equal "${stderr_lines[0]}" "pfe-approve: invalid --by '王制单　': remove the blanks before and after the name"
}

@test "approver name with a leading tab is a usage error" {
	run --separate-stderr -2 approve --by "$(printf '\t王制单')" --sha256 "$SHA"
	assert_equal "${stderr_lines[0]}" "pfe-approve: invalid --by '$(printf '\t王制单')': remove the blanks before and after the name"
}

@test "empty approver name is a usage error" {
	run --separate-stderr -2 approve --by '' --sha256 "$SHA"
	assert_equal "${stderr_lines[0]}" "pfe-approve: invalid --by '': expected a name"
}

@test "blank approver name is a usage error" {
	run --separate-stderr -2 approve --by '　' --sha256 "$SHA"
	assert_equal "${stderr_lines[0]}" "pfe-approve: invalid --by '　': remove the blanks before and after the name"
}

@test "as-of date before the batch's preparation is fatal" {
	run --separate-stderr -2 pfe-approve --state "$STATE" --as-of 2026-06-29 --by 李复核 --sha256 "$SHA"
	assert_equal "$stderr" "pfe-approve: as-of date 2026-06-29 is before 2026-06-30, the latest date of batch '$MSG_ID' in '$STATE/ledger.csv': pass --as-of 2026-06-30 or later"
	run -0 wc -l < "$STATE/ledger.csv"
	assert_output 4
}

@test "sending dated before the approval is fatal" {
	run --separate-stderr -0 pfe-approve --state "$STATE" --as-of 2026-07-02 --by 李复核 --sha256 "$SHA"
	run --separate-stderr -2 approve --by 张出纳 --sent "$FILE"
	assert_equal "$stderr" "pfe-approve: as-of date 2026-07-01 is before 2026-07-02, the latest date of batch '$MSG_ID' in '$STATE/ledger.csv': pass --as-of 2026-07-02 or later"
}

@test "approval on the preparation date is recorded" {
	run --separate-stderr -0 pfe-approve --state "$STATE" --as-of 2026-06-30 --by 李复核 --sha256 "$SHA"
	run -0 sh -c "tail -n 1 '$STATE/ledger.csv' | cut -d, -f10,11"
	assert_output 'approved,2026-06-30'
}
