/*
 * Enterprise size classes under the 2011 SME standard
 * (工信部联企业〔2011〕300号《中小企业划型标准规定》), per sector.
 */
#include <string.h>

#include "portrait.h"

/* The measures a sector's thresholds use. */
enum size_measure {
	MEASURE_NONE,
	MEASURE_EMPLOYEES,	/* 从业人员, persons */
	MEASURE_REVENUE,	/* 营业收入, 万元 */
	MEASURE_ASSETS		/* 资产总额, 万元 */
};

/*
 * One sector: the GB/T 4754 codes it covers (prefixes of "C3972", tried
 * longest first), its two measures, and for large, medium and small the
 * minimum of each. An enterprise is in a class when it reaches both
 * minimums; below small it is micro.
 * NOTE: the standard names GB/T 4754-2011 sectors. Here 591 装卸搬运 goes
 * with transport and the rest of 59 with warehousing, as in the 2011
 * edition. This mapping to 2017 codes was not checked against the
 * statistics bureau's own 2017 mapping.
 */
struct size_sector {
	const char *prefixes;	/* space-separated code prefixes */
	enum size_measure first;
	enum size_measure second;	/* MEASURE_NONE: one measure only */
	long large[2];
	long medium[2];
	long small[2];
};

static const struct size_sector size_sectors[] = {
	/* 农、林、牧、渔业: revenue only. */
	{ "A", MEASURE_REVENUE, MEASURE_NONE,
	    { 20000, 0 }, { 500, 0 }, { 50, 0 } },
	/* 工业: mining, manufacturing, utilities. */
	{ "B C D", MEASURE_EMPLOYEES, MEASURE_REVENUE,
	    { 1000, 40000 }, { 300, 2000 }, { 20, 300 } },
	/* 建筑业. */
	{ "E", MEASURE_REVENUE, MEASURE_ASSETS,
	    { 80000, 80000 }, { 6000, 5000 }, { 300, 300 } },
	/* 批发业. */
	{ "F51", MEASURE_EMPLOYEES, MEASURE_REVENUE,
	    { 200, 40000 }, { 20, 5000 }, { 5, 1000 } },
	/* 零售业. */
	{ "F52", MEASURE_EMPLOYEES, MEASURE_REVENUE,
	    { 300, 20000 }, { 50, 500 }, { 10, 100 } },
	/* 交通运输业 (without warehousing and post). */
	{ "G53 G54 G55 G56 G57 G58 G591", MEASURE_EMPLOYEES, MEASURE_REVENUE,
	    { 1000, 30000 }, { 300, 3000 }, { 20, 200 } },
	/* 仓储业. */
	{ "G59", MEASURE_EMPLOYEES, MEASURE_REVENUE,
	    { 200, 30000 }, { 100, 1000 }, { 20, 100 } },
	/* 邮政业. */
	{ "G60", MEASURE_EMPLOYEES, MEASURE_REVENUE,
	    { 1000, 30000 }, { 300, 2000 }, { 20, 100 } },
	/* 住宿业 and 餐饮业. */
	{ "H61 H62", MEASURE_EMPLOYEES, MEASURE_REVENUE,
	    { 300, 10000 }, { 100, 2000 }, { 10, 100 } },
	/* 信息传输业. */
	{ "I63 I64", MEASURE_EMPLOYEES, MEASURE_REVENUE,
	    { 2000, 100000 }, { 100, 1000 }, { 10, 100 } },
	/* 软件和信息技术服务业. */
	{ "I65", MEASURE_EMPLOYEES, MEASURE_REVENUE,
	    { 300, 10000 }, { 100, 1000 }, { 10, 50 } },
	/* 金融业 has a standard of its own: no class here. */
	{ "J", MEASURE_NONE, MEASURE_NONE, { 0, 0 }, { 0, 0 }, { 0, 0 } },
	/* 房地产开发经营. */
	{ "K7010", MEASURE_REVENUE, MEASURE_ASSETS,
	    { 200000, 10000 }, { 1000, 5000 }, { 100, 2000 } },
	/* 物业管理. */
	{ "K7020", MEASURE_EMPLOYEES, MEASURE_REVENUE,
	    { 1000, 5000 }, { 300, 1000 }, { 100, 500 } },
	/* 租赁和商务服务业. */
	{ "L", MEASURE_EMPLOYEES, MEASURE_ASSETS,
	    { 300, 120000 }, { 100, 8000 }, { 10, 100 } },
	/* Public administration and international organizations are not
	   enterprises. */
	{ "S T", MEASURE_NONE, MEASURE_NONE, { 0, 0 }, { 0, 0 }, { 0, 0 } },
};

/* 其他未列明行业: employees only. */
static const struct size_sector size_other = {
	"", MEASURE_EMPLOYEES, MEASURE_NONE,
	{ 300, 0 }, { 100, 0 }, { 10, 0 }
};

/* Return the length of the longest prefix in PREFIXES that starts
   INDUSTRY, or 0. */
static size_t
longest_prefix(const char *prefixes, const char *industry)
{
	size_t best = 0, len;
	const char *p = prefixes;

	while (*p != '\0') {
		len = strcspn(p, " ");
		if (len > best && strncmp(p, industry, len) == 0)
			best = len;
		p += len;
		while (*p == ' ')
			p++;
	}
	return best;
}

static const struct size_sector *
find_sector(const char *industry)
{
	const struct size_sector *best = &size_other;
	size_t i, best_len = 0, len;

	for (i = 0; i < sizeof(size_sectors) / sizeof(size_sectors[0]); i++) {
		len = longest_prefix(size_sectors[i].prefixes, industry);
		if (len > best_len) {
			best_len = len;
			best = &size_sectors[i];
		}
	}
	return best;
}

/* Return the value of MEASURE (persons, or fen), or -1 when it is
   unknown. */
static int64_t
measure_value(enum size_measure measure, long employees, int64_t revenue,
    int64_t total_assets)
{
	switch (measure) {
	case MEASURE_EMPLOYEES:
		return employees;
	case MEASURE_REVENUE:
		return revenue < 0 ? -1 : revenue;
	case MEASURE_ASSETS:
		return total_assets < 0 ? -1 : total_assets;
	case MEASURE_NONE:
		break;
	}
	return -1;
}

/* Return 1 when VALUE reaches MINIMUM of MEASURE; money is compared in
   fen so that 2000万 is reached by exactly 2000万. */
static int
reaches(enum size_measure measure, int64_t value, long minimum)
{
	if (measure == MEASURE_NONE)
		return 1;
	if (measure == MEASURE_EMPLOYEES)
		return value >= minimum;
	return value >= (int64_t)minimum * INT64_C(1000000);
}

static int
reaches_both(const struct size_sector *sector, int64_t first,
    int64_t second, const long minimum[2])
{
	return reaches(sector->first, first, minimum[0]) &&
	    reaches(sector->second, second, minimum[1]);
}

const char *
portrait_size_class(const char *industry, long employees, int64_t revenue,
    int64_t total_assets)
{
	const struct size_sector *sector;
	int64_t first, second = 0;

	if (industry == NULL || industry[0] == '\0')
		return "";
	sector = find_sector(industry);
	if (sector->first == MEASURE_NONE)
		return "";
	first = measure_value(sector->first, employees, revenue,
	    total_assets);
	if (first < 0)
		return "";
	if (sector->second != MEASURE_NONE) {
		second = measure_value(sector->second, employees, revenue,
		    total_assets);
		if (second < 0)
			return "";
	}
	if (reaches_both(sector, first, second, sector->large))
		return "large";
	if (reaches_both(sector, first, second, sector->medium))
		return "medium";
	if (reaches_both(sector, first, second, sector->small))
		return "small";
	return "micro";
}
