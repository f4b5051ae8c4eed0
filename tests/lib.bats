#!/usr/bin/env bats
# The shared library through its test driver: money, dates, CSV, atomic
# output and safe XML.

load test_helper

@test "money parses grouped, full-width and unit amounts" {
	run -0 libtest money-parse '1,234,567.00' 100
	assert_output 123456700
	run -0 libtest money-parse '12.5万' 100
	assert_output 12500000
	run -0 libtest money-parse '１２３' 100
	assert_output 12300
	run -0 libtest money-parse '1.23亿元' 100
	assert_output 12300000000
	run -0 libtest money-parse '3' 1000000
	assert_output 3000000
}

@test "money rejects sub-fen precision and bad grouping" {
	run -1 libtest money-parse '1.234' 100
	assert_output invalid
	run -1 libtest money-parse '1,23' 100
	assert_output invalid
	run -1 libtest money-parse '12a' 100
	assert_output invalid
	run -1 libtest money-parse '' 100
	assert_output invalid
	run -1 libtest money-parse '100000000000000.01' 100
	assert_output invalid
}

@test "money formats two decimals and human units exactly" {
	run -0 libtest money-format -123450
	assert_output -1234.50
	run -0 libtest money-format 5
	assert_output 0.05
	run -0 libtest money-human 12300000000
	assert_output 1.23亿元
	run -0 libtest money-human 12500000
	assert_output 12.5万元
	run -0 libtest money-human 123450
	assert_output 1234.50元
	run -0 libtest money-human 100
	assert_output 1元
}

@test "money scales with stated rounding" {
	run -0 libtest money-scale 333 1 2 1 down
	assert_output 166
	run -0 libtest money-scale 333 1 2 1 half-up
	assert_output 167
	run -0 libtest money-scale 1234567 5 100 100 down
	assert_output 61700
	run -0 libtest money-scale -333 1 2 1 half-up
	assert_output -167
	# 10^15 fen times 10^4 stays exact in 128 bits.
	run -0 libtest money-scale 1000000000000000 10000 10000 1 down
	assert_output 1000000000000000
}

@test "dates parse ISO, slash and Chinese forms alike" {
	run -0 libtest date-parse 2021-06-01
	assert_output '2021-06-01 18779'
	run -0 libtest date-parse 2021/6/1
	assert_output '2021-06-01 18779'
	run -0 libtest date-parse '2021年6月1日'
	assert_output '2021-06-01 18779'
	run -0 libtest date-parse '２０２１年６月１日'
	assert_output '2021-06-01 18779'
}

@test "dates reject impossible days" {
	run -1 libtest date-parse 2023-02-29
	run -1 libtest date-parse 2021-6-1
	run -1 libtest date-parse 2021-13-01
	run -0 libtest date-parse 2024-02-29
}

@test "plain ISO dates keep their limits" {
	# Dates of files between filters take a short path; its limits are
	# those of the general one.
	run -0 libtest date-parse 1900-01-01
	assert_output '1900-01-01 -25567'
	run -0 libtest date-parse 2200-12-31
	assert_output '2200-12-31 84370'
	run -1 libtest date-parse 1899-12-31
	run -1 libtest date-parse 2201-01-01
	run -1 libtest date-parse 2026-00-10
	run -1 libtest date-parse 2026-04-31
	run -1 libtest date-parse 2026-04-00
	run -1 libtest date-parse 2026-4-001
	run -1 libtest date-parse '2026-04-1 '
	run -1 libtest date-parse 2026x04-01
}

@test "years between count whole years" {
	run -0 libtest date-years 2020-07-01 2026-06-30
	assert_output 5
	run -0 libtest date-years 2020-06-30 2026-06-30
	assert_output 6
}

@test "csv reads the csv-spectrum suite" {
	local dir="$FIXTURES/lib/csv-spectrum" name
	for name in comma_in_quotes empty empty_crlf escaped_quotes json \
	    newlines newlines_crlf quotes_and_newlines simple simple_crlf utf8; do
		libtest csv "$dir/$name.csv" | sed 's/^[0-9]*://' > "$BATS_TEST_TMPDIR/$name"
		assert_same_file "$dir/$name.expected" "$BATS_TEST_TMPDIR/$name"
	done
}

@test "csv rejects a stray quote with file and line" {
	run --separate-stderr -2 libtest csv "$FIXTURES/lib/csv-spectrum/location_coordinates.csv"
	assert_equal "${stderr_lines[0]%%;*}" "libtest: $FIXTURES/lib/csv-spectrum/location_coordinates.csv:2: malformed CSV: a quote inside an unquoted field or after a closing quote"
}

@test "csv reports where a record starts" {
	printf 'a,b\r\n"x\ny",2\r\n\r\n3,4\n' > "$BATS_TEST_TMPDIR/t.csv"
	run -0 libtest csv "$BATS_TEST_TMPDIR/t.csv"
	assert_line -n 0 '1: [a] [b]'
	assert_line -n 1 '2: [x'
	assert_line -n 3 '5: [3] [4]'
}

@test "csv counts lines ended by a bare CR" {
	printf 'a,b\r1,2\r3,"x\ry"\r4,5' > "$BATS_TEST_TMPDIR/cr.csv"
	run -0 libtest csv "$BATS_TEST_TMPDIR/cr.csv"
	assert_line -n 0 '1: [a] [b]'
	assert_line -n 1 '2: [1] [2]'
	assert_line -n 3 '5: [4] [5]'
	assert_equal "${#lines[@]}" 4
}

@test "csv seeks back to a record and keeps its line" {
	printf 'h\n"one\ntwo"\nthree\r\nfour\n' > "$BATS_TEST_TMPDIR/s.csv"
	run -0 libtest csv-seek "$BATS_TEST_TMPDIR/s.csv"
	assert_line -n 2 '4: [three]'
	assert_line -n 3 '5: [four]'
	assert_line -n 6 '4: [three]'
	assert_line -n 7 '5: [four]'
}

@test "csv reads empty fields and blank lines" {
	# Empty fields, a blank line, a line of spaces, and no final line end.
	printf 'a,,b,\n,\n\n   \r\n"q",1\nlast,x' > "$BATS_TEST_TMPDIR/t.csv"
	run -0 libtest csv "$BATS_TEST_TMPDIR/t.csv"
	assert_line -n 0 '1: [a] [] [b] []'
	assert_line -n 1 '2: [] []'
	assert_line -n 2 '4: [   ]'
	assert_line -n 3 '5: [q] [1]'
	assert_line -n 4 '6: [last] [x]'
	assert_equal "${#lines[@]}" 5
}

@test "csv keeps spaces and skips a byte-order mark" {
	printf '\xef\xbb\xbfa,b\n1, 2 \n' > "$BATS_TEST_TMPDIR/t.csv"
	run -0 libtest csv "$BATS_TEST_TMPDIR/t.csv"
	assert_line -n 0 '1: [a] [b]'
	assert_line -n 1 '2: [1] [ 2 ]'
}

@test "csv detects GB18030 and converts it on request" {
	printf '名称,金额\n成都,1\n' | iconv -f UTF-8 -t GB18030 > "$BATS_TEST_TMPDIR/g.csv"
	run --separate-stderr -2 libtest csv "$BATS_TEST_TMPDIR/g.csv"
	assert_equal "$stderr" "libtest: $BATS_TEST_TMPDIR/g.csv:1: the file is not UTF-8 but looks like GB18030 (GBK), as Chinese spreadsheet programs save CSV: pass --encoding gb18030, or convert it with 'iconv -f GB18030 -t UTF-8'"
	run -0 libtest csv "$BATS_TEST_TMPDIR/g.csv" gb18030
	assert_line -n 1 '2: [成都] [1]'
}

@test "csv rejects NUL bytes and invalid UTF-8" {
	printf 'a,b\n1,\0002\n' > "$BATS_TEST_TMPDIR/nul.csv"
	run --separate-stderr -2 libtest csv "$BATS_TEST_TMPDIR/nul.csv"
	assert_equal "$stderr" "libtest: $BATS_TEST_TMPDIR/nul.csv:2: NUL byte in the input: the file is binary or UTF-16, not CSV"
	printf 'a,b\n1,\xff\n' > "$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr -2 libtest csv "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "$stderr" "libtest: $BATS_TEST_TMPDIR/bad.csv:2: invalid UTF-8 at byte 3 of the line"
}

@test "csv rejects an unclosed quote at the record's line" {
	printf 'a,b\n1,"x\n\n' > "$BATS_TEST_TMPDIR/t.csv"
	run --separate-stderr -2 libtest csv "$BATS_TEST_TMPDIR/t.csv"
	assert_equal "$stderr" "libtest: $BATS_TEST_TMPDIR/t.csv:2: malformed CSV: a quoted field is not closed before the end of the file"
}

@test "csv guards formula starts for people and unguards them" {
	printf 'a,b\n=SUM(A1),"-1,2"\n@x,ok\n' > "$BATS_TEST_TMPDIR/t.csv"
	run -0 libtest csv-write people "$BATS_TEST_TMPDIR/t.csv"
	assert_line -n 1 "'=SUM(A1),\"'-1,2\""
	assert_line -n 2 "'@x,ok"
	libtest csv-write people "$BATS_TEST_TMPDIR/t.csv" > "$BATS_TEST_TMPDIR/g.csv"
	run -0 libtest csv-write unguard "$BATS_TEST_TMPDIR/g.csv"
	assert_line -n 1 '=SUM(A1),"-1,2"'
	assert_line -n 2 '@x,ok'
}

@test "atomic output leaves no file when the run fails" {
	cd "$BATS_TEST_TMPDIR"
	run -2 libtest atomic out.txt fail
	[ ! -e out.txt ] || fail "out.txt exists"
	run -0 ls -A
	assert_output ''
	run -0 libtest atomic out.txt ok
	run -0 cat out.txt
	assert_output partial
}

@test "xml refuses a DTD and external entities" {
	cat > "$BATS_TEST_TMPDIR/x.xml" <<-'XML'
	<?xml version="1.0"?>
	<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>
	<r>&e;</r>
	XML
	run --separate-stderr -1 libtest xml "$BATS_TEST_TMPDIR/x.xml"
	assert_equal "${stderr_lines[-1]}" "libtest: $BATS_TEST_TMPDIR/x.xml:2: document type declarations are not accepted: remove the <!DOCTYPE>"
	refute_output --partial root:
}

@test "xml refuses gzip input and oversized files" {
	printf '<r>%s</r>' "$(head -c 5000 /dev/zero | tr '\0' a)" > "$BATS_TEST_TMPDIR/big.xml"
	run --separate-stderr -1 libtest xml "$BATS_TEST_TMPDIR/big.xml"
	assert_equal "$stderr" "libtest: '$BATS_TEST_TMPDIR/big.xml' is larger than the limit of 4096 bytes"
	printf '<r/>' | gzip > "$BATS_TEST_TMPDIR/r.xml"
	run --separate-stderr -1 libtest xml "$BATS_TEST_TMPDIR/r.xml"
	assert_equal "${stderr_lines[0]%%:*}" "libtest"
	assert_equal "$output" ""
}

@test "xml names schema errors with program, file and line" {
	printf '<?xml version="1.0"?>\n<dictionary xmlns="urn:pfe:dictionary:1" window="x"/>\n' > "$BATS_TEST_TMPDIR/d.xml"
	run --separate-stderr -1 libtest xml "$BATS_TEST_TMPDIR/d.xml" dictionary.xsd
	assert_equal "${stderr_lines[0]%%: Element*}" "libtest: $BATS_TEST_TMPDIR/d.xml:2"
}

@test "atomic output through a symlink replaces its target" {
	cd "$BATS_TEST_TMPDIR"
	printf 'old\n' > real.txt
	ln -s real.txt link.txt
	run -0 libtest atomic link.txt ok
	[ -L link.txt ] || fail "link.txt is no longer a symbolic link"
	run -0 cat real.txt
	assert_output partial
}
