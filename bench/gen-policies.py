#!/usr/bin/env python3
"""Write the benchmark's synthetic policy set and its SQL twin.

From one table of templates modelled on samples/chengdu/policies, write
bench/policies/*.xml (130 items in the policy source format) and
bench/sql/items.sql (one SELECT per item returning the enterprises whose
portrait meets every condition), so the two cannot drift apart. The output
depends only on this file: run `python3 bench/gen-policies.py` from the top
of the repository after changing it, and commit what it writes.

The SQL is written for the benchmark's as-of date, 2026-06-30, so "last"
is fiscal year 2025. bench/sql/load.sql stores money as integer fen, so
every comparison below is exact.
"""

import os
import sys

AS_OF = "2026-06-30"
LAST = 2025
WINDOW = [2021, 2022, 2023, 2024, 2025]

YUAN = 100                  # fen
WAN = 10000 * YUAN
YI = 10000 * WAN

# Portrait field types the SQL needs: money columns hold fen.
MONEY = {"registered_capital", "revenue", "tax_paid", "rnd_expense",
         "total_assets", "subsidies"}
DECLARED = {"equipment_investment", "first_set_sales", "diagnosis_fee",
            "retrofit_investment", "project_fit"}

DISTRICTS = [
    ("510104", "锦江区"), ("510105", "青羊区"), ("510106", "金牛区"),
    ("510107", "武侯区"), ("510108", "成华区"), ("510112", "龙泉驿区"),
    ("510113", "青白江区"), ("510114", "新都区"), ("510115", "温江区"),
    ("510116", "双流区"), ("510117", "郫都区"), ("510118", "新津区"),
    ("510121", "金堂县"), ("510129", "大邑县"), ("510131", "蒲江县"),
    ("510181", "都江堰市"), ("510182", "彭州市"), ("510183", "邛崃市"),
    ("510184", "崇州市"), ("510185", "简阳市"),
]
DISTRICT_NAME = dict(DISTRICTS)

# Three clusters used by the items that a group of districts shares.
CLUSTERS = [
    ("中心城区", "510104 510105 510106 510107 510108"),
    ("近郊区", "510112 510113 510114 510115 510116 510117 510118"),
    ("远郊区（市）县", "510121 510129 510131 510181 510182 510183 510184 "
     "510185"),
]


def year_of(ref):
    """Resolve "last" or "last-N" for the SQL."""
    if ref == "last":
        return LAST
    if ref.startswith("last-"):
        return LAST - int(ref[5:])
    return int(ref)


def money_text(fen):
    """Write an amount the way the sample's documents state it."""
    if fen % YI == 0:
        return "%d亿元" % (fen // YI)
    if fen % WAN == 0:
        return "%d万元" % (fen // WAN)
    return "%d元" % (fen // YUAN)


def sql_list(values):
    return ", ".join("'%s'" % v for v in values.split())


# ---- Conditions: each writes its XML element and its SQL predicate. ----

class Compare:
    """at-least, at-most: VALUE is fen for money fields, else a count."""

    def __init__(self, tag, field, value, year=None, unit=""):
        self.tag, self.field, self.value = tag, field, value
        self.year, self.unit = year, unit

    def xml(self):
        year = ' year="%s"' % self.year if self.year else ""
        if self.field in MONEY or self.field in DECLARED:
            value = money_text(self.value)
        else:
            value = "%d%s" % (self.value, self.unit)
        return '<%s field="%s"%s value="%s"/>' % (self.tag, self.field,
                                                  year, value)

    def sql(self):
        if self.field in DECLARED:
            return "NULL /* %s: declared by the enterprise */" % self.field
        op = {"at-least": ">=", "at-most": "<=", "more-than": ">",
              "less-than": "<"}[self.tag]
        column = self.field
        if self.year:
            column = "%s_%d" % (self.field, year_of(self.year))
        return "p.%s %s %d" % (column, op, self.value)


class Between:
    """A count or amount in [LOW, HIGH) in one year."""

    def __init__(self, field, year, low, high):
        self.field, self.year, self.low, self.high = field, year, low, high

    def xml(self):
        if self.field in MONEY:
            low, high = money_text(self.low), money_text(self.high)
        else:
            low, high = "%d" % self.low, "%d" % self.high
        return '<between field="%s" year="%s" min="%s" below="%s"/>' % (
            self.field, self.year, low, high)

    def sql(self):
        column = "p.%s_%d" % (self.field, year_of(self.year))
        return "%s >= %d AND %s < %d" % (column, self.low, column,
                                         self.high)


class OneOf:
    def __init__(self, field, values):
        self.field, self.values = field, values

    def xml(self):
        return '<one-of field="%s" values="%s"/>' % (self.field, self.values)

    def sql(self):
        if self.field in DECLARED:
            return "NULL /* %s: a reviewer's judgement */" % self.field
        return "p.%s IN (%s)" % (self.field, sql_list(self.values))


class District:
    def __init__(self, codes):
        self.codes = codes

    def xml(self):
        return '<district in="%s"/>' % self.codes

    def sql(self):
        return "p.district IN (%s)" % sql_list(self.codes)


class SizeClass:
    def __init__(self, classes):
        self.classes = classes

    def xml(self):
        return '<size-class in="%s"/>' % self.classes

    def sql(self):
        return "p.size_class IN (%s)" % sql_list(self.classes)


class Industry:
    def __init__(self, prefixes):
        self.prefixes = prefixes

    def xml(self):
        return '<industry prefixes="%s"/>' % self.prefixes

    def sql(self):
        tests = ["p.industry LIKE '%s%%'" % prefix
                 for prefix in self.prefixes.split()]
        return tests[0] if len(tests) == 1 else "(%s)" % " OR ".join(tests)


class Has:
    """A list entry of CODE dated in YEAR, before YEAR, or at any time."""

    def __init__(self, field, code, year=None, before=None):
        self.field, self.code, self.year, self.before = (field, code, year,
                                                         before)

    def xml(self):
        period = ""
        if self.year:
            period = ' year="%s"' % self.year
        elif self.before:
            period = ' before="%s"' % self.before
        return '<has field="%s" code="%s"%s/>' % (self.field, self.code,
                                                 period)

    def sql(self):
        test = ("EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc "
                "AND e.field = '%s' AND e.code = '%s'" % (self.field,
                                                          self.code))
        if self.year:
            test += " AND e.date BETWEEN '%d-01-01' AND '%d-12-31'" % (
                year_of(self.year), year_of(self.year))
        elif self.before:
            test += " AND e.date < '%d-01-01'" % year_of(self.before)
        return test + ")"


class NotHas(Has):
    def xml(self):
        return "<not>%s</not>" % Has.xml(self)

    def sql(self):
        return "NOT " + Has.sql(self)


class FirstEntry:
    def __init__(self, field, code, year="last"):
        self.field, self.code, self.year = field, code, year

    def xml(self):
        return '<first-entry field="%s" code="%s" year="%s"/>' % (
            self.field, self.code, self.year)

    def sql(self):
        return ("(SELECT min(e.date) FROM entries AS e WHERE e.uscc = "
                "p.uscc AND e.field = '%s' AND e.code = '%s') BETWEEN "
                "'%d-01-01' AND '%d-12-31'" % (self.field, self.code,
                                               year_of(self.year),
                                               year_of(self.year)))


class Growth:
    """(to - from) / from at least PERCENT, or above it when STRICT."""

    def __init__(self, field, percent, strict=False):
        self.field, self.percent, self.strict = field, percent, strict

    def xml(self):
        bound = "above" if self.strict else "min"
        return '<growth field="%s" %s="%d%%"/>' % (self.field, bound,
                                                  self.percent)

    def sql(self):
        old = "p.%s_%d" % (self.field, LAST - 1)
        new = "p.%s_%d" % (self.field, LAST)
        op = ">" if self.strict else ">="
        return "%s > 0 AND (%s - %s) * 100 %s %d * %s" % (
            old, new, old, op, self.percent, old)


class FirstReach:
    def __init__(self, field, value):
        self.field, self.value = field, value

    def xml(self):
        return '<first-reach field="%s" value="%s"/>' % (
            self.field, money_text(self.value))

    def sql(self):
        tests = ["p.%s_%d >= %d" % (self.field, LAST, self.value)]
        tests += ["p.%s_%d < %d" % (self.field, year, self.value)
                  for year in WINDOW[:-1]]
        return "(%s)" % " AND ".join(tests)


class YearsSince:
    def __init__(self, minimum=None, below=None):
        self.minimum, self.below = minimum, below

    def xml(self):
        bounds = ""
        if self.minimum is not None:
            bounds += ' min="%d"' % self.minimum
        if self.below is not None:
            bounds += ' below="%d"' % self.below
        return '<years-since field="established"%s/>' % bounds

    def sql(self):
        # Whole years from the date of establishment to the as-of date.
        tests = []
        if self.minimum is not None:
            tests.append("p.established <= date('%s', '-%d years')" % (
                AS_OF, self.minimum))
        if self.below is not None:
            tests.append("p.established > date('%s', '-%d years')" % (
                AS_OF, self.below))
        return " AND ".join(tests)


class AnyOf:
    def __init__(self, *parts):
        self.parts = parts

    def xml(self):
        return "<any>%s</any>" % "".join(part.xml() for part in self.parts)

    def sql(self):
        return "(%s)" % " OR ".join("(%s)" % part.sql()
                                    for part in self.parts)


ACTIVE = OneOf("status", "active")
HONEST = NotHas("dishonesty", "serious")


# ---- Items. ----

class Item:
    def __init__(self, id, title, department, document, conditions, award,
                 free=False, valid_from="2024-01-01", budget=None,
                 group=None, materials=(), comment=None):
        self.id, self.title, self.department = id, title, department
        self.document, self.conditions, self.award = (document, conditions,
                                                      award)
        self.free, self.valid_from, self.budget = free, valid_from, budget
        self.group, self.materials, self.comment = group, materials, comment

    def xml(self):
        lines = []
        if self.comment:
            lines.append("  <!-- %s -->" % self.comment)
        free = ' free-of-application="true"' if self.free else ""
        lines.append('  <item id="%s"%s>' % (self.id, free))
        lines.append("    <title>%s</title>" % self.title)
        lines.append("    <department>%s</department>" % self.department)
        lines.append('    <document number="%s"/>' % self.document)
        lines.append('    <valid from="%s" until="2026-12-31"/>' %
                     self.valid_from)
        if self.budget:
            lines.append('    <budget amount="%s" sharing="pro-rata" '
                         'remainder="largest"/>' % money_text(self.budget))
        if self.group:
            lines.append('    <highest-only group="%s"/>' % self.group)
        lines.append("    <conditions>")
        for condition in self.conditions:
            lines.append("      %s" % condition.xml())
        lines.append("    </conditions>")
        lines.append("    <award>%s</award>" % self.award)
        if self.materials:
            lines.append("    <materials>")
            for material_id, proves, text in self.materials:
                attribute = ' proves="%s"' % proves if proves else ""
                lines.append('      <material id="%s"%s>%s</material>' % (
                    material_id, attribute, text))
            lines.append("    </materials>")
        lines.append("  </item>")
        return "\n".join(lines)

    def sql(self):
        where = "\n  AND ".join("(%s)" % c.sql() for c in self.conditions)
        return ("-- %s %s\nSELECT '%s', p.uscc FROM portraits AS p\n"
                "WHERE %s;\n" % (self.id, self.title, self.id, where))


def fixed(fen):
    return '<fixed amount="%s"/>' % money_text(fen)


def district_items():
    """区县配套 awards: every district tops up the city's awards for new
    above-scale enterprises, and the ten districts with the most
    technology enterprises do so for first high-tech recognitions. An
    enterprise that meets one district's item is a near miss of every
    other district's, so only rare events get a district item. The rare event (first entry in the last fiscal year) is
    paired with the revenue or R&D it implies, so that an enterprise far
    from the event fails two conditions and is not a near miss."""
    items = []
    for number, (code, name) in enumerate(DISTRICTS):
        award = (5 + 5 * (number % 3)) * WAN
        items.append(Item(
            "BX-XSG-%s" % code, "%s新升规工业企业配套奖励" % name,
            "%s经济和信息化主管部门" % name,
            "%s府发〔2024〕%d号" % (name[:2], 11 + number),
            [District(code), FirstEntry("above_scale", "above-scale"),
             Compare("at-least", "revenue", 2000 * WAN, "last"),
             Industry("C"), HONEST],
            fixed(award), free=True, group="xsg-%s" % code))
    for number, (code, name) in enumerate(DISTRICTS[:11]):
        if code == "510113":
            continue
        items.append(Item(
            "BX-GQ-%s" % code, "%s首次认定高新技术企业配套奖励" % name,
            "%s科技主管部门" % name,
            "%s科发〔2024〕%d号" % (name[:2], 3 + number),
            [District(code), FirstEntry("certs", "hightech"),
             NotHas("certs", "hightech", before="last"),
             Compare("at-least", "rnd_expense", 50 * WAN, "last"),
             HONEST],
            fixed((10 + 5 * (number % 2)) * WAN), free=True))
    return items


# Head-count bands for job-keeping subsidies: the insured head count and
# the year-end head count must both fall in the band, so an enterprise of
# another size fails both conditions.
JOB_BANDS = [(3, 10, 5000), (10, 20, 10000), (20, 50, 20000),
             (50, 100, 30000), (100, 300, 50000), (300, 1000, 100000),
             (1000, 3000, 150000), (3000, 20000, 200000)]


def job_items():
    items = []
    for number, (low, high, award) in enumerate(JOB_BANDS):
        items.append(Item(
            "BX-WG-%03d" % low, "稳岗就业补贴（参保%d至%d人）" % (low, high - 1),
            "成都市人力资源和社会保障局",
            "成人社发〔2025〕%d号" % (4 + number),
            [Between("insured", "last", low, high),
             Between("employees", "last", low, high + high // 2),
             Compare("at-least", "insured", low, "last-1", "人"),
             ACTIVE, HONEST],
            fixed(award * YUAN), free=True, budget=5000 * WAN))
    return items


# Tax contribution thresholds in 万元: tax paid in both of the last two
# years, so an enterprise far below fails two conditions. The thresholds
# nest, and the highest-only group keeps one award per enterprise.
TAX_THRESHOLDS = [50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000,
                  20000, 50000]


# Head-count thresholds for the job-scale awards: insured employees in
# both of the last two years, nested like the tax thresholds.
JOB_SCALE = [100, 200, 300, 500, 1000, 2000, 3000, 5000, 8000, 10000]


def job_scale_items():
    items = []
    for number, low in enumerate(JOB_SCALE):
        items.append(Item(
            "BX-JY-%05d" % low, "稳定就业规模奖励（连续两年参保%d人以上）" % low,
            "成都市人力资源和社会保障局",
            "成人社发〔2025〕%d号" % (20 + number),
            [Compare("at-least", "insured", low, "last", "人"),
             Compare("at-least", "insured", low, "last-1", "人"),
             ACTIVE, HONEST],
            fixed(min(low * 200, 50 * WAN // YUAN) * YUAN), free=True,
            group="job-scale"))
    return items


def tax_items():
    items = []
    for number, low in enumerate(TAX_THRESHOLDS):
        items.append(Item(
            "BX-NS-%05d" % low, "纳税贡献奖励（连续两年实缴税额%s以上）" %
            money_text(low * WAN), "成都市财政局",
            "成财发〔2025〕%d号" % (20 + number),
            [Compare("at-least", "tax_paid", low * WAN, "last"),
             Compare("at-least", "tax_paid", low * WAN, "last-1"),
             ACTIVE, HONEST],
            '<min><rate field="tax_paid" year="last" rate="1%%"/>'
            '<fixed amount="%s"/></min>' % money_text(
                max(low * WAN // 10, 1 * WAN)),
            free=True, group="tax"))
    return items


# Industry chains: (id, name, prefixes, revenue floor in 万元).
CHAINS = [
    ("DZ", "电子信息", "C39", 2000),
    ("SW", "生物医药", "C27 C358", 1000),
    ("QC", "汽车及航空航天", "C36 C37", 3000),
    ("ZB", "装备制造", "C34 C35 C40", 2000),
    ("RJ", "软件和信息服务", "I65", 1000),
    ("HL", "互联网和大数据", "I64", 500),
    ("KF", "研发和检测服务", "M73 M74", 500),
    ("SP", "食品饮料", "C13 C14 C15", 2000),
    ("CL", "新材料", "C26 C29 C30 C31 C33", 2000),
    ("SM", "现代商贸", "F51 F52", 5000),
]


def chain_items():
    items = []
    for number, (chain, name, prefixes, floor) in enumerate(CHAINS):
        # High-growth awards: revenue and total assets both past the
        # floor, revenue up by 30 % and tax paid by 20 %. The
        # chains split the enterprises, so an enterprise of one chain that
        # meets the rest is a near miss of every other chain's item, so the
        # growth required is high and few enterprises meet it.
        items.append(Item(
            "BX-ZZ-%s" % chain, "%s产业营业收入增长奖励" % name,
            "成都市经济和信息化局",
            "成经信发〔2025〕%d号" % (30 + number),
            [Industry(prefixes),
             Compare("at-least", "revenue", floor * WAN, "last"),
             Compare("at-least", "total_assets", floor * WAN // 2, "last"),
             Growth("revenue", 30), Growth("tax_paid", 20),
             ACTIVE, HONEST],
            '<per-point field="revenue" above="30%%" amount="%s" cap="%s"/>'
            % (money_text(2 * WAN), money_text(50 * WAN)),
            free=number % 2 == 0, group="growth"))
    return items


# R&D thresholds in 万元 for the R&D post-subsidies. They nest, like the
# tax thresholds, rather than split the enterprises by industry, so that
# an enterprise of one industry is not a near miss of every other's item.
RND_THRESHOLDS = [30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000]


def rnd_items():
    """R&D post-subsidies for high-tech enterprises: R&D past the threshold
    in the last year, half of it the year before, and growing."""
    items = []
    for number, low in enumerate(RND_THRESHOLDS):
        items.append(Item(
            "BX-YF-%04d" % low, "高新技术企业研发投入后补助（研发费用%s以上）" %
            money_text(low * WAN), "成都市科学技术局",
            "成科字〔2025〕%d号" % (10 + number),
            [Compare("at-least", "rnd_expense", low * WAN, "last"),
             Compare("at-least", "rnd_expense", low * WAN // 2, "last-1"),
             Growth("rnd_expense", 0, strict=True),
             Has("certs", "hightech"), HONEST],
            '<tiers field="rnd_expense" year="last" kind="marginal" '
            'unit="万元" cap="100"><tier from="0" to="500"><rate rate="5%"/>'
            '</tier><tier from="500"><rate rate="8%"/></tier></tiers>',
            free=True, budget=5000 * WAN, group="rnd"))
    return items


def first_reach_items():
    """Awards for revenue first past a threshold. The two revenue
    comparisons restate the first reach, so that an enterprise far below
    the threshold, or past it the year before, fails two conditions and
    is not a near miss."""
    items = []
    for number, (label, fen, award) in enumerate([
            ("5000万元", 5000 * WAN, 10 * WAN), ("1亿元", YI, 20 * WAN),
            ("2亿元", 2 * YI, 30 * WAN), ("3亿元", 3 * YI, 40 * WAN),
            ("5亿元", 5 * YI, 50 * WAN), ("10亿元", 10 * YI, 100 * WAN),
            ("20亿元", 20 * YI, 150 * WAN), ("50亿元", 50 * YI, 200 * WAN)]):
        items.append(Item(
            "BX-TP-%03d" % (fen // (1000 * WAN)),
            "营业收入首次突破%s奖励" % label, "成都市经济和信息化局",
            "成办发〔2024〕%d号" % (41 + number),
            [FirstReach("revenue", fen),
             Compare("at-least", "revenue", fen, "last"),
             Compare("less-than", "revenue", fen, "last-1"),
             Compare("at-least", "total_assets", fen // 4, "last"),
             ACTIVE, HONEST],
            fixed(award), free=True, group="growth"))
    return items


def recognition_items():
    """专精特新 and listing awards shared by clusters of districts."""
    items = []
    # Each level requires the level below it, as the ladder does, so an
    # enterprise outside the ladder fails two conditions.
    levels = [("zjtx-city", "hightech", "成都市专精特新中小企业", 5),
              ("zjtx-province", "zjtx-city", "四川省专精特新中小企业", 10),
              ("zjtx-national", "zjtx-province",
               "国家级专精特新“小巨人”企业", 30)]
    for level, (code, below, name, award) in enumerate(levels):
        for cluster, (area, codes) in enumerate(CLUSTERS):
            items.append(Item(
                "BX-ZJTX-%d-%d" % (level + 1, cluster + 1),
                "%s%s认定奖励" % (area, name), "%s经济和信息化主管部门" % area,
                "成经信发〔2025〕%d号" % (50 + 3 * level + cluster),
                [District(codes), Has("certs", code, "last"),
                 Has("certs", below),
                 SizeClass("medium small micro"),
                 Compare("at-least", "revenue", 500 * WAN, "last"),
                 HONEST],
                fixed(award * WAN), free=level == 2, group="zjtx"))
    for code, below, name, award in [("neeq", None, "新三板挂牌", 30),
                                     ("bse", "neeq", "北京证券交易所上市",
                                      100)]:
        for cluster, (area, codes) in enumerate(CLUSTERS):
            items.append(Item(
                "BX-SS-%s-%d" % (code.upper(), cluster + 1),
                "%s%s企业奖励" % (area, name), "%s金融工作部门" % area,
                "成金发〔2025〕%d号" % (6 + cluster),
                [District(codes), Has("certs", code, "last"),
                 Has("certs", below) if below else
                 AnyOf(Has("certs", "hightech"), Has("certs", "zjtx-city")),
                 Compare("at-least", "revenue", 5000 * WAN, "last"),
                 Compare("at-least", "total_assets", 2500 * WAN, "last"),
                 HONEST],
                fixed(award * WAN), group="listing",
                materials=[("notice", None, "挂牌或上市公告")]))
    return items


def declared_items():
    """Semi-automatic items: a value the enterprise declares decides them,
    so pfe-match reports every enterprise meeting the rest as a near miss
    with the declared value unknown. Their scopes are kept narrow."""
    items = []
    for number, (chain, name, prefixes, floor) in enumerate(CHAINS[:8]):
        if chain in ("RJ", "HL", "KF"):
            continue
        items.append(Item(
            "BX-JG-%s" % chain, "%s企业技术改造设备投资补助" % name,
            "成都市经济和信息化局",
            "成经信发〔2025〕%d号" % (70 + number),
            [Industry(prefixes), Has("above_scale", "above-scale"),
             Compare("at-least", "revenue", 10 * floor * WAN, "last"),
             Compare("at-least", "equipment_investment", 500 * WAN),
             ACTIVE, HONEST],
            '<tiers field="equipment_investment" kind="whole" unit="万元">'
            '<tier from="500" to="5000"><rate rate="5%" cap="250" '
            'unit="万元"/></tier><tier from="5000"><rate rate="8%" '
            'cap="800" unit="万元"/></tier></tiers>',
            materials=[("invoices", "equipment_investment",
                        "设备购置合同、发票及付款凭证")]))
    for cluster, (area, codes) in enumerate(CLUSTERS):
        items.append(Item(
            "BX-SZ-%d" % (cluster + 1), "%s中小企业数字化改造补助" % area,
            "%s经济和信息化主管部门" % area,
            "成经信办〔2025〕%d号" % (42 + cluster),
            [District(codes), Industry("C39 C34 C35"),
             SizeClass("medium"),
             Compare("at-least", "revenue", 1 * YI, "last"),
             Compare("at-least", "retrofit_investment", 100 * WAN)],
            '<rate field="retrofit_investment" rate="50%" cap="100万元"/>',
            materials=[("contract", "retrofit_investment",
                        "改造项目合同、发票及验收报告")]))
    for number, prefixes in enumerate(["C34 C35", "C36 C37", "C38 C39",
                                       "C40"]):
        items.append(Item(
            "BX-STT-%d" % (number + 1), "首台（套）重大技术装备推广奖励（%s）"
            % prefixes.replace(" ", "、"), "成都市经济和信息化局",
            "成经信发〔2025〕%d号" % (80 + number),
            [Industry(prefixes), Has("certs", "first-set", "last"),
             Compare("more-than", "first_set_sales", 0)],
            '<rate field="first_set_sales" rate="10%" cap="500万元"/>',
            materials=[("sales", "first_set_sales", "产品销售合同及发票")]))
    for number, prefixes in enumerate(["C39", "C37"]):
        items.append(Item(
            "BX-ZDXM-%d" % (number + 1), "重大工业项目投产奖励（%s）" %
            prefixes, "成都市经济和信息化局",
            "成府发〔2025〕%d号" % (12 + number),
            [OneOf("project_fit", "1"), Industry(prefixes),
             Compare("at-least", "revenue", 10 * YI, "last"),
             Compare("at-least", "equipment_investment", YI)],
            fixed(200 * WAN)))
    return items


def zone_items():
    """Functional zones: leading makers, young growers, large employers."""
    items = []
    zones = [("hitech", "成都高新区", "C39 I65"), ("tianfu", "天府新区",
                                                   "I65 M73"),
             ("eastern", "成都东部新区", "C37 C38 C39")]
    for number, (zone, name, prefixes) in enumerate(zones):
        items.append(Item(
            "BX-YQ-%s" % zone, "%s重点产业企业发展奖励" % name,
            "%s管理委员会" % name, "成%s管发〔2025〕%d号" % (name[2:4],
                                                        7 + number),
            [OneOf("zone", zone), Industry(prefixes),
             Compare("at-least", "revenue", 5000 * WAN, "last"),
             Compare("at-least", "insured", 20, "last", "人"),
             YearsSince(minimum=1), HONEST],
            fixed(30 * WAN)))
        items.append(Item(
            "BX-CZ-%s" % zone, "%s高成长初创企业奖励" % name,
            "%s管理委员会" % name, "成%s管发〔2025〕%d号" % (name[2:4],
                                                        17 + number),
            [OneOf("zone", zone), YearsSince(below=5),
             Compare("at-least", "revenue", 500 * WAN, "last"),
             Growth("revenue", 20),
             AnyOf(Has("certs", "hightech"), Has("certs", "zjtx-city")),
             HONEST],
            fixed(20 * WAN), group="growth"))
    for number, (floor, employees) in enumerate([(4, 300), (10, 500),
                                                 (20, 1000), (50, 2000)]):
        items.append(Item(
            "BX-LT-%03d" % floor, "工业龙头企业规模发展奖励（营业收入%d亿元以上）"
            % floor, "成都市经济和信息化局",
            "成经信发〔2025〕%d号" % (3 + number),
            [Industry("C"), SizeClass("large medium"),
             Compare("at-least", "employees", employees, "last", "人"),
             Compare("at-least", "revenue", floor * YI, "last"),
             Growth("revenue", 5), HONEST],
            fixed((25 * (number + 1)) * WAN), group="growth"))
    return items


# Steady growth: (id, revenue floor in 万元).
SECTORS = [("1000", 1000), ("5000", 5000), ("20000", 20000)]


def sector_items():
    """Steady-growth awards at three nested revenue floors: revenue and
    total assets both past the floor, revenue grown."""
    items = []
    for number, (name, floor) in enumerate(SECTORS):
        items.append(Item(
            "BX-WZ-%s" % name, "企业稳增长奖励（营业收入%s以上）" %
            money_text(floor * WAN),
            "成都市发展和改革委员会", "成发改发〔2025〕%d号" % (8 + number),
            [Compare("at-least", "revenue", floor * WAN, "last"),
             Compare("at-least", "total_assets", floor * WAN, "last"),
             Growth("revenue", 0, strict=True), ACTIVE, HONEST],
            '<tiers field="revenue" year="last" kind="whole" unit="亿元">'
            '<tier from="0" to="1"><fixed amount="5万元"/></tier>'
            '<tier from="1" to="10"><fixed amount="10万元"/></tier>'
            '<tier from="10"><fixed amount="20万元"/></tier></tiers>',
            free=True, group="growth"))
    return items


FAMILIES = [
    ("district.xml", "区县配套奖励：新升规工业企业与首次认定高新技术企业",
     district_items),
    ("jobs.xml", "稳岗就业补贴，按参保人数分档", job_items),
    ("tax.xml", "纳税贡献奖励，按实缴税额分档", tax_items),
    ("job-scale.xml", "稳定就业规模奖励，按参保人数分档", job_scale_items),
    ("chains.xml", "产业链营收高增长奖励", chain_items),
    ("rnd.xml", "高新技术企业研发投入后补助，按研发费用分档", rnd_items),
    ("growth.xml", "营业收入首次突破奖励", first_reach_items),
    ("recognition.xml", "专精特新与挂牌上市奖励，分片区", recognition_items),
    ("declared.xml", "按企业申报值计算的技术改造、数字化、首台套和重大项目",
     declared_items),
    ("zones.xml", "功能区与龙头企业奖励", zone_items),
    ("sectors.xml", "稳增长奖励，按营业收入分档", sector_items),
]

# Portrait columns for the dictionary of samples/chengdu and the as-of
# date above, in file order, with how load.sql stores them.
PER_YEAR = [("revenue", "money"), ("tax_paid", "money"),
            ("rnd_expense", "money"), ("total_assets", "money"),
            ("employees", "integer"), ("insured", "integer")]
LISTS = ["above_scale", "certs", "dishonesty"]


def portrait_columns():
    columns = [("uscc", "text"), ("name", "text"), ("established", "text"),
               ("status", "text"), ("district", "text"), ("zone", "text"),
               ("industry", "text"), ("registered_capital", "money")]
    for field, kind in PER_YEAR:
        columns += [("%s_%d" % (field, year), kind) for year in WINDOW]
    columns += [(field, "list") for field in LISTS]
    columns += [("age", "integer"), ("section", "text"),
                ("size_class", "text")]
    columns += [("subsidies_%d" % year, "money") for year in WINDOW]
    return columns


def load_sql():
    """Return the script that turns the imported text table raw into
    typed tables: money in integer fen, empty cells as NULL, and one row
    of entries per CODE@DATE of a list cell."""
    expressions = []
    for name, kind in portrait_columns():
        cell = "NULLIF(%s, '')" % name
        if kind == "money":
            cell = "CAST(round(%s * 100) AS INTEGER)" % cell
        elif kind == "integer":
            cell = "CAST(%s AS INTEGER)" % cell
        expressions.append("  %s AS %s" % (cell, name))
    lists = "\n  UNION ALL ".join(
        "SELECT uscc, '%s' AS field, %s || ';' AS cell FROM raw "
        "WHERE %s <> ''" % (
            field, field, field) for field in LISTS)
    return """-- Load portraits.csv, imported as text into the table raw, into typed
-- tables for items.sql. Written by bench/gen-policies.py.
CREATE TABLE portraits AS SELECT
%s
FROM raw;
CREATE UNIQUE INDEX portraits_uscc ON portraits (uscc);

-- List cells ("hightech@2022-11-28;neeq@2025-03-01") split into rows.
CREATE TABLE entries (uscc TEXT, field TEXT, code TEXT, date TEXT);
WITH RECURSIVE split (uscc, field, rest, entry) AS (
  SELECT uscc, field, cell, NULL FROM (
  %s)
  UNION ALL
  SELECT uscc, field, substr(rest, instr(rest, ';') + 1),
    substr(rest, 1, instr(rest, ';') - 1)
  FROM split WHERE rest <> ''
)
INSERT INTO entries
SELECT uscc, field, substr(entry, 1, instr(entry, '@') - 1),
  substr(entry, instr(entry, '@') + 1)
FROM split WHERE entry IS NOT NULL;
CREATE INDEX entries_key ON entries (uscc, field, code, date);
DROP TABLE raw;
""" % (",\n".join(expressions), lists)


XML_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!--
  Benchmark policy items: %s.
  Written by bench/gen-policies.py; edit that file, not this one. Modelled
  on samples/chengdu/policies; every department, document number and
  amount is made up.
-->
<policies xmlns="urn:pfe:policy-source:1">
"""


def main():
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    policy_dir = os.path.join(top, "bench", "policies")
    sql_dir = os.path.join(top, "bench", "sql")
    os.makedirs(policy_dir, exist_ok=True)
    os.makedirs(sql_dir, exist_ok=True)
    queries = []
    ids = set()
    for file_name, description, family in FAMILIES:
        items = family()
        with open(os.path.join(policy_dir, file_name), "w",
                  encoding="utf-8", newline="\n") as out:
            out.write(XML_HEADER % description)
            for item in items:
                if item.id in ids:
                    sys.exit("gen-policies: duplicate item id " + item.id)
                ids.add(item.id)
                out.write("\n" + item.xml() + "\n")
                queries.append(item.sql())
            out.write("</policies>\n")
    with open(os.path.join(sql_dir, "items.sql"), "w", encoding="utf-8",
              newline="\n") as out:
        out.write("-- One query per benchmark policy item: the enterprises "
                  "whose portrait meets\n-- every condition, as (item, "
                  "uscc) rows. Written by bench/gen-policies.py\n-- for "
                  "the as-of date %s; load.sql creates the tables.\n"
                  "-- A NULL condition is a value the enterprise declares: "
                  "unknown here,\n-- so the item selects no enterprise, as "
                  "in pfe-match.\n.mode list\n.separator , \"\\n\"\n.headers off\n\n" % AS_OF)
        out.write("\n".join(queries))
    with open(os.path.join(sql_dir, "load.sql"), "w", encoding="utf-8",
              newline="\n") as out:
        out.write(load_sql())
    print("gen-policies: %d items" % len(ids), file=sys.stderr)


if __name__ == "__main__":
    main()
