#!/usr/bin/env bats
# pfe-policy: authored policies checked against the schema and the field
# dictionary, and written in the canonical form.

bats_require_minimum_version 1.5.0

load test_helper

DICT="$FIXTURES/pfe-policy/dictionary.xml"

# Write $BATS_TEST_TMPDIR/p.xml: one item X-1 whose elements after
# <valid> are $1 (line 8 onwards), and whose validity is $2.
item_file() {
	cat > "$BATS_TEST_TMPDIR/p.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<policies xmlns="urn:pfe:policy-source:1">
  <item id="X-1">
    <title>测试事项</title>
    <department>测试局</department>
    <document number="测试〔2025〕1号"/>
    <valid ${2:-from=\"2025-01-01\"}/>
$1
  </item>
</policies>
EOF
}

# Normalize $1 (conditions) with a fixed award and print the canonical
# <conditions> body.
conditions_of() {
	item_file "    <conditions>
$1
    </conditions>
    <award><fixed amount=\"1万元\"/></award>"
	pfe-policy -q -d "$DICT" "$BATS_TEST_TMPDIR/p.xml" |
	    sed -n '/<conditions>/,/<\/conditions>/p' | sed '1d;$d'
}

# Normalize $1 (an award) and print the canonical <award> element.
award_of() {
	item_file "    <conditions>
      <at-least field=\"revenue\" year=\"last\" value=\"0\"/>
    </conditions>
$1"
	pfe-policy -q -d "$DICT" "$BATS_TEST_TMPDIR/p.xml" |
	    sed -n '/<award/,/<\/award>/p'
}

@test "authored policies normalize to the canonical golden file" {
	run --separate-stderr -0 pfe-policy -d "$DICT" "$FIXTURES/pfe-policy/good.xml"
	assert_equal "$stderr" 'pfe-policy: read 1 file: wrote 2 items'
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.xml"
	assert_same_file "$FIXTURES/pfe-policy/good.canonical.xml" "$BATS_TEST_TMPDIR/out.xml"
}

@test "normalizing canonical output again changes nothing" {
	pfe-policy -q -d "$DICT" -o "$BATS_TEST_TMPDIR/once.xml" "$FIXTURES/pfe-policy/good.xml"
	pfe-policy -q -d "$DICT" -o "$BATS_TEST_TMPDIR/twice.xml" "$BATS_TEST_TMPDIR/once.xml"
	cmp "$BATS_TEST_TMPDIR/once.xml" "$BATS_TEST_TMPDIR/twice.xml"
}

@test "canonical output validates against policy.xsd" {
	pfe-policy -q -d "$DICT" -o "$BATS_TEST_TMPDIR/out.xml" "$FIXTURES/pfe-policy/good.xml"
	run -0 xmllint --noout --schema "$PFE_ROOT/schemas/policy.xsd" "$BATS_TEST_TMPDIR/out.xml"
}

@test "the Chengdu sample's policies normalize, validate and are stable" {
	local sample="$PFE_ROOT/samples/chengdu"
	run --separate-stderr -0 pfe-policy -d "$sample/dictionary.xml" -o "$BATS_TEST_TMPDIR/p.xml" "$sample"/policies/*.xml
	assert_equal "$stderr" 'pfe-policy: read 4 files: wrote 25 items'
	run -0 xmllint --noout --schema "$PFE_ROOT/schemas/policy-source.xsd" "$sample"/policies/*.xml
	run -0 xmllint --noout --schema "$PFE_ROOT/schemas/policy.xsd" "$BATS_TEST_TMPDIR/p.xml"
	pfe-policy -q -d "$sample/dictionary.xml" -o "$BATS_TEST_TMPDIR/again.xml" "$BATS_TEST_TMPDIR/p.xml"
	cmp "$BATS_TEST_TMPDIR/p.xml" "$BATS_TEST_TMPDIR/again.xml"
}

@test "policies read from standard input give the same output" {
	pfe-policy -q -d "$DICT" < "$FIXTURES/pfe-policy/good.xml" > "$BATS_TEST_TMPDIR/out.xml"
	assert_same_file "$FIXTURES/pfe-policy/good.canonical.xml" "$BATS_TEST_TMPDIR/out.xml"
}

@test "items from several files come out sorted by id" {
	sed 's/id="T-1"/id="A-9"/; s/id="T-2"/id="Z-0"/' "$FIXTURES/pfe-policy/good.xml" > "$BATS_TEST_TMPDIR/other.xml"
	run -0 pfe-policy -q -d "$DICT" "$FIXTURES/pfe-policy/good.xml" "$BATS_TEST_TMPDIR/other.xml"
	run -0 grep -o 'item id="[^"]*"' <<< "$output"
	assert_output $'item id="A-9"\nitem id="T-1"\nitem id="T-2"\nitem id="Z-0"'
}

@test "amounts in 元, 万元 and 亿元 become fen" {
	run -0 conditions_of '      <at-least field="revenue" year="last" value="1亿元"/>
      <at-least field="revenue" year="last" value="1.5" unit="万元"/>
      <at-least field="revenue" year="last" value="2" unit="亿元"/>
      <at-least field="revenue" year="last" value="1,234.56元"/>
      <at-least field="revenue" year="last" value="0.01元"/>
      <at-least field="revenue" year="last" value="3万元" unit="亿元"/>
      <at-least field="registered_capital" value="500万"/>'
	assert_output '      <range field="revenue" year="last" ge="10000000000"/>
      <range field="revenue" year="last" ge="1500000"/>
      <range field="revenue" year="last" ge="20000000000"/>
      <range field="revenue" year="last" ge="123456"/>
      <range field="revenue" year="last" ge="1"/>
      <range field="revenue" year="last" ge="3000000"/>
      <range field="registered_capital" ge="500000000"/>'
}

@test "an amount finer than a fen is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0.001元"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': invalid amount '0.001元' in 'value': expected a number of 元, 万元 or 亿元 to the fen"
}

@test "comparisons become ranges with ge, gt, le and lt" {
	run -0 conditions_of '      <more-than field="employees" year="last" value="10"/>
      <at-most field="employees" year="last" value="99人"/>
      <less-than field="employees" year="last-1" value="5" unit="人"/>
      <equals field="employees" year="2024" value="20"/>
      <between field="revenue" year="last" min="500万元" below="5000万元"/>
      <between field="revenue" year="last" above="1" max="2" unit="亿元"/>
      <less-than field="established" value="2020-01-01"/>
      <years-since field="established" min="3年" below="10"/>'
	assert_output '      <range field="employees" year="last" gt="10"/>
      <range field="employees" year="last" le="99"/>
      <range field="employees" year="last-1" lt="5"/>
      <range field="employees" year="2024" ge="20" le="20"/>
      <range field="revenue" year="last" ge="500000000" lt="5000000000"/>
      <range field="revenue" year="last" gt="10000000000" le="20000000000"/>
      <range field="established" lt="2020-01-01"/>
      <years-since field="established" ge="3" lt="10"/>'
}

@test "rates in percent become exact basis points or fractions" {
	run -0 conditions_of '      <growth field="revenue" min="12.5%"/>
      <growth field="revenue" from="2023" to="2025" above="-5%"/>
      <growth field="revenue" min="1/3"/>
      <growth field="revenue" min="0.001%"/>
      <growth field="revenue" min="50/100"/>'
	assert_output '      <growth field="revenue" from="last-1" to="last" ge="1250bp"/>
      <growth field="revenue" from="2023" to="2025" gt="-500bp"/>
      <growth field="revenue" from="last-1" to="last" ge="1/3"/>
      <growth field="revenue" from="last-1" to="last" ge="1/100000"/>
      <growth field="revenue" from="last-1" to="last" ge="5000bp"/>'
}

@test "sets are sorted and lose repeats, district and size class find their fields" {
	run -0 conditions_of '      <district in="510107 510104 510107"/>
      <size-class in="small micro"/>
      <industry prefixes="I65 C C397 C3972"/>
      <one-of field="status" values="active"/>
      <first-entry field="above_scale" code="above-scale"/>
      <has field="certs" code="hightech" before="last"/>
      <has field="certs" code="first-set" from="2024-01-01"/>
      <not><has field="dishonesty" code="serious"/></not>'
	assert_output '      <in field="district" values="510104 510107"/>
      <in field="size_class" values="micro small"/>
      <industry field="industry" prefixes="C C397 C3972 I65"/>
      <in field="status" values="active"/>
      <first-entry field="above_scale" code="above-scale" year="last"/>
      <has field="certs" code="hightech" before="last"/>
      <has field="certs" code="first-set" from="2024-01-01"/>
      <not>
        <has field="dishonesty" code="serious"/>
      </not>'
}

@test "awards: rounding, caps, tiers and per-point increments" {
	run -0 award_of '    <award round="元" rounding="half-up" cap="100万元">
      <tiers field="revenue" year="last" kind="marginal" unit="万元" cap="90">
        <tier from="0" to="500"><rate rate="5%"/></tier>
        <tier from="500"><rate rate="8%" cap="50万元"/></tier>
      </tiers>
    </award>'
	assert_output '    <award round="yuan" rounding="half-up" cap="100000000">
      <tiers field="revenue" year="last" kind="marginal" cap="90000000">
        <tier from="0" to="500000000">
          <rate rate="500bp"/>
        </tier>
        <tier from="500000000">
          <rate rate="800bp" cap="50000000"/>
        </tier>
      </tiers>
    </award>'
	run -0 award_of '    <award round="万元">
      <per-point field="revenue" above="10%" amount="1万元" cap="30万元"/>
    </award>'
	assert_output '    <award round="wan" rounding="down">
      <per-point field="revenue" from="last-1" to="last" above="1000bp" fen="1000000" cap="30000000"/>
    </award>'
}

@test "an unknown field is an error naming file, line and item" {
	item_file '    <conditions>
      <at-least field="revenu" year="last" value="1亿元"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" -o "$BATS_TEST_TMPDIR/out.xml" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "$stderr" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': unknown field 'revenu'
pfe-policy: 1 error: nothing written"
	[ ! -e "$BATS_TEST_TMPDIR/out.xml" ] || fail "out.xml was written"
}

@test "a money unit on a head count is an error" {
	item_file '    <conditions>
      <at-least field="employees" year="last" value="50万元"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': unit '万元' does not fit field 'employees' (integer, 人)"
}

@test "a head-count unit on an amount is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="50" unit="人"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': unit '人' does not fit field 'revenue' (money, 元)"
}

@test "a tier table with a gap is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award>
      <tiers field="revenue" year="last" kind="whole" unit="万元">
        <tier from="500" to="5000"><fixed amount="10万元"/></tier>
        <tier from="6000"><fixed amount="20万元"/></tier>
      </tiers>
    </award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:12: item 'X-1': tier table of 'revenue' has a gap from 5000万元 to 6000万元"
}

@test "a tier table with overlapping tiers is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award>
      <tiers field="revenue" year="last" kind="whole" unit="万元">
        <tier from="500" to="5000"><fixed amount="10万元"/></tier>
        <tier from="4000"><fixed amount="20万元"/></tier>
      </tiers>
    </award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:12: item 'X-1': tier table of 'revenue' has overlapping tiers: the tier from 4000万元 starts inside the tier from 500万元"
}

@test "an open tier before the last is an overlap" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award>
      <tiers field="revenue" year="last" kind="whole" unit="万元">
        <tier from="500"><fixed amount="10万元"/></tier>
        <tier from="5000"><fixed amount="20万元"/></tier>
      </tiers>
    </award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:12: item 'X-1': tier table of 'revenue' has overlapping tiers: the tier from 5000万元 starts inside the tier from 500万元"
}

@test "a cap below a fixed award is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award cap="5万元"><fixed amount="10万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:11: item 'X-1': cap 5万元 is below the fixed award 10万元"
}

@test "a tier table's cap below one of its fixed awards is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award>
      <tiers field="revenue" year="last" kind="whole" cap="15万元">
        <tier from="0" to="1亿元"><fixed amount="10万元"/></tier>
        <tier from="1亿元"><fixed amount="20万元"/></tier>
      </tiers>
    </award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:12: item 'X-1': cap 15万元 is below the fixed award 20万元"
}

@test "a cap equal to the fixed award is accepted" {
	item_file '    <enterprise-cap amount="10万元"/>
    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award cap="10万元"><fixed amount="10万元"/></award>'
	run -0 pfe-policy -q -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_line '    <enterprise-cap fen="10000000"/>'
	assert_line '    <award round="fen" rounding="down" cap="10000000">'
}

@test "an enterprise cap below the fixed award is an error" {
	item_file '    <enterprise-cap amount="5万元"/>
    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award><fixed amount="10万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:3: item 'X-1': enterprise cap 5万元 is below the fixed award 10万元"
}

@test "a validity period that ends before it starts is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award><fixed amount="1万元"/></award>' 'from="2025-01-01" until="2024-12-31"'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:7: item 'X-1': validity period ends 2024-12-31 before it starts 2025-01-01"
}

@test "duplicate item ids across files are an error" {
	run --separate-stderr -2 pfe-policy -d "$DICT" "$FIXTURES/pfe-policy/good.xml" "$FIXTURES/pfe-policy/good.canonical.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $FIXTURES/pfe-policy/good.canonical.xml:3: item 'T-1': duplicate item id (first at $FIXTURES/pfe-policy/good.xml:37)"
}

@test "a per-year field without a year is an error" {
	item_file '    <conditions>
      <at-least field="revenue" value="1亿元"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': field 'revenue' has one value per year: give a year (last, last-1 or a year such as 2024)"
}

@test "an unknown code is an error" {
	item_file '    <conditions>
      <has field="certs" code="hi-tech"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': unknown code 'hi-tech' for field 'certs'"
}

@test "a rate without a percent sign is an error" {
	item_file '    <conditions>
      <growth field="revenue" min="8"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': invalid rate '8' in 'min': expected a percentage such as 8% or a fraction such as 1/3"
}

@test "an element the schema does not know is an error" {
	item_file '    <conditions>
      <established-before/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%. Expected is*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: Element '{urn:pfe:policy-source:1}established-before': This element is not expected"
	assert_equal "${stderr##*$'\n'}" 'pfe-policy: 1 error: nothing written'
}

@test "a file without the policies namespace is an error" {
	printf '<?xml version="1.0"?>\n<policies/>\n' > "$BATS_TEST_TMPDIR/p.xml"
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:2: not a policies file: expected <policies xmlns=\"urn:pfe:policy-source:1\">"
}

@test "a missing dictionary option is a usage error" {
	run --separate-stderr -2 pfe-policy "$FIXTURES/pfe-policy/good.xml"
	assert_equal "$stderr" "pfe-policy: missing option -d (the field dictionary)
Try 'pfe-policy --help' for more information."
}

@test "help goes to standard output" {
	run -0 pfe-policy --help
	assert_line -n 0 'usage: pfe-policy -d dictionary [-q] [-o file] [file ...]'
}

@test "check mode exits 0 for valid files and writes nothing" {
	run --separate-stderr -0 pfe-policy --check -d "$DICT" "$FIXTURES/pfe-policy/good.xml"
	assert_equal "$output" ''
	assert_equal "$stderr" 'pfe-policy: files checked: 1, items: 2, errors: 0'
}

@test "check mode exits 1 for an invalid file" {
	item_file '    <conditions>
      <at-least field="revenu" year="last" value="1亿元"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -1 pfe-policy --check -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "$stderr" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': unknown field 'revenu'
pfe-policy: files checked: 1, items: 0, errors: 1"
}

@test "check mode exits 2 for a file that cannot be opened" {
	run --separate-stderr -2 pfe-policy --check -d "$DICT" "$BATS_TEST_TMPDIR/missing.xml" "$FIXTURES/pfe-policy/good.xml"
	assert_equal "$stderr" "pfe-policy: cannot open '$BATS_TEST_TMPDIR/missing.xml': No such file or directory
pfe-policy: files checked: 2, items: 2, errors: 1"
}

@test "check mode exits 1 for an empty file" {
	: > "$BATS_TEST_TMPDIR/p.xml"
	run --separate-stderr -1 pfe-policy --check -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml: file is empty: expected <policies xmlns=\"urn:pfe:policy-source:1\">"
}

@test "an empty file is an error naming the file" {
	: > "$BATS_TEST_TMPDIR/p.xml"
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "$stderr" "pfe-policy: $BATS_TEST_TMPDIR/p.xml: file is empty: expected <policies xmlns=\"urn:pfe:policy-source:1\">
pfe-policy: 1 error: nothing written"
}

@test "empty standard input is an error naming it" {
	run --separate-stderr -2 pfe-policy -d "$DICT" < /dev/null
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: standard input: file is empty: expected <policies xmlns=\"urn:pfe:policy-source:1\">"
}

@test "a file without a root element is an error naming the file" {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<!-- no items yet -->\n' > "$BATS_TEST_TMPDIR/p.xml"
	run --separate-stderr -1 pfe-policy --check -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:3.1: Start tag expected, '<' not found"
}

@test "a validity end past 2200 names the supported years" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award><fixed amount="1万元"/></award>' 'from="2025-01-01" until="9999-12-31"'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:7: item 'X-1': date '9999-12-31' in 'until' is outside the years 1900 to 2200 that pfe supports: leave out 'until' for a period without an end"
}

@test "a list period date past 2200 names the supported years" {
	item_file '    <conditions>
      <has field="certs" code="hightech" from="2024-01-01" until="9999-12-31"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': date '9999-12-31' in 'until' is outside the years 1900 to 2200 that pfe supports: leave out 'until' for a period without an end"
}

@test "a compared date before 1900 names the supported years" {
	item_file '    <conditions>
      <at-least field="established" value="1850-01-01"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': date '1850-01-01' in 'value' is outside the years 1900 to 2200 that pfe supports"
}

@test "an invalid list period end is named, not its start" {
	item_file '    <conditions>
      <has field="certs" code="hightech" from="2024-01-01" until="2024-12-31Z"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': invalid date '2024-12-31Z' in 'until': expected YYYY-MM-DD"
}

@test "an amount without a unit is an error saying what to write" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="100"/>
    </conditions>
    <award><fixed amount="1万元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "$stderr" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:9: item 'X-1': amount '100' in 'value' has no unit: write 100元, 100万元 or 100亿元, or give the element unit=\"万元\"
pfe-policy: 1 error: nothing written"
}

@test "an award amount without a unit is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award><fixed amount="20"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:11: item 'X-1': amount '20' in 'amount' has no unit: write 20元, 20万元 or 20亿元, or give the element unit=\"万元\""
}

@test "a zero amount needs no unit" {
	run -0 conditions_of '      <at-least field="revenue" year="last" value="0"/>
      <at-least field="revenue" year="last" value="0.00"/>'
	assert_output '      <range field="revenue" year="last" ge="0"/>
      <range field="revenue" year="last" ge="0"/>'
}

@test "an award rate over 100 % is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award><rate field="revenue" year="last" rate="150%"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:11: item 'X-1': award rate 150% is more than 100% of its base: if that is meant, mark the <rate> deliberate=\"true\""
}

@test "an award rate of exactly 100 % is accepted" {
	run -0 award_of '    <award><rate field="revenue" year="last" rate="100%"/></award>'
	assert_output '    <award round="fen" rounding="down">
      <rate field="revenue" year="last" rate="10000bp"/>
    </award>'
}

@test "a deliberate award rate over 100 % is accepted" {
	run -0 award_of '    <award><rate field="revenue" year="last" rate="150%" deliberate="true"/></award>'
	assert_output '    <award round="fen" rounding="down">
      <rate field="revenue" year="last" rate="15000bp"/>
    </award>'
}

@test "a tier rate over 100 % is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award>
      <tiers field="revenue" year="last" kind="marginal" unit="万元">
        <tier from="0" to="500"><rate rate="5%"/></tier>
        <tier from="500"><rate rate="101%"/></tier>
      </tiers>
    </award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:14: item 'X-1': award rate 101% is more than 100% of its base: if that is meant, mark the <rate> deliberate=\"true\""
}

@test "a fixed award of zero is an error" {
	item_file '    <conditions>
      <at-least field="revenue" year="last" value="0"/>
    </conditions>
    <award><fixed amount="0元"/></award>'
	run --separate-stderr -2 pfe-policy -d "$DICT" "$BATS_TEST_TMPDIR/p.xml"
	assert_equal "${stderr%%$'\n'*}" "pfe-policy: $BATS_TEST_TMPDIR/p.xml:11: item 'X-1': fixed award of 0元 gives nothing: if that is meant, mark the <fixed> deliberate=\"true\""
}

@test "a deliberate zero tier is accepted" {
	run -0 award_of '    <award>
      <tiers field="revenue" year="last" kind="whole" unit="万元">
        <tier from="0" to="500"><fixed amount="0" deliberate="true"/></tier>
        <tier from="500"><fixed amount="10万元"/></tier>
      </tiers>
    </award>'
	assert_output '    <award round="fen" rounding="down">
      <tiers field="revenue" year="last" kind="whole">
        <tier from="0" to="500000000">
          <fixed fen="0"/>
        </tier>
        <tier from="500000000">
          <fixed fen="10000000"/>
        </tier>
      </tiers>
    </award>'
}
