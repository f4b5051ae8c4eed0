#!/usr/bin/env bats
# Messages people read follow LANG: Chinese under zh_CN.UTF-8, English
# otherwise; files never change with the locale.

load test_helper

@test "an error is in Chinese under zh_CN" {
	LANG=zh_CN.UTF-8 run --separate-stderr -2 pfe-portrait --as-of 2026-13-01 \
		--dictionary "$PFE_ROOT/samples/chengdu/dictionary.xml"
	assert_equal "${stderr_lines[0]}" 'pfe-portrait: --as-of 日期“2026-13-01”无效：应为 YYYY-MM-DD'
	assert_equal "${stderr_lines[1]}" '请运行“pfe-portrait --help”了解更多信息。'
}

@test "the same error is in English under C.UTF-8" {
	run --separate-stderr -2 pfe-portrait --as-of 2026-13-01 \
		--dictionary "$PFE_ROOT/samples/chengdu/dictionary.xml"
	assert_equal "${stderr_lines[0]}" "pfe-portrait: invalid --as-of date '2026-13-01': expected YYYY-MM-DD"
}

@test "usage is in Chinese under zh_CN" {
	LANG=zh_CN.UTF-8 run -0 pfe-match --help
	assert_line -n 0 --regexp '^用法：pfe-match '
}

@test "every program's usage is translated" {
	local p
	for p in policy classify portrait match review publicity pay approve reconcile impact \
	    notify summary merge; do
		LANG=zh_CN.UTF-8 run -0 "pfe-$p" --help
		assert_line -n 0 --partial '用法：'
	done
}

@test "a file-reading error names the file in Chinese" {
	printf 'x\n' > "$BATS_TEST_TMPDIR/bad.csv"
	LANG=zh_CN.UTF-8 run --separate-stderr -2 pfe-merge "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "$stderr" "pfe-merge: $BATS_TEST_TMPDIR/bad.csv:1: 缺少键列“uscc”"
}

@test "file contents do not change with the locale" {
	LANG=zh_CN.UTF-8 pfe-merge -q -o "$BATS_TEST_TMPDIR/zh.csv" "$FIXTURES/pfe-merge/shard1.csv"
	LC_ALL=de_DE.UTF-8 pfe-merge -q -o "$BATS_TEST_TMPDIR/de.csv" "$FIXTURES/pfe-merge/shard1.csv"
	assert_same_file "$BATS_TEST_TMPDIR/zh.csv" "$BATS_TEST_TMPDIR/de.csv"
}
