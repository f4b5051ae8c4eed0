/*
 * pfe-gen: write a synthetic, seeded set of Chengdu department exports
 * (registry, tax, annual reports, social security, lists, subsidies, bank
 * accounts, contacts) for N made-up enterprises, one enterprise at a time.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "err.h"
#include "output.h"
#include "pfe.h"
#include "uscc.h"

#include "pfe-gen-tables.h"

/* Fiscal years per enterprise written to the per-year files. */
#define WINDOW_YEARS 5

/* Upper bound of --enterprises: every enterprise index below it maps to a
   distinct 8-digit organization code body. */
#define MAX_ENTERPRISES 100000000ULL

#define MAX_CERTS 16
#define MAX_SUBSIDIES 16
#define ROW_SIZE 2048

/* Money amounts below are in fen. */
#define YUAN INT64_C(100)
#define WAN (INT64_C(10000) * YUAN)
#define YI (INT64_C(10000) * WAN)

/* ---------------------------------------------------------------- */
/* Pseudo-random numbers: splitmix64, so every machine gives the same */
/* sequence for a seed whatever its C library.                         */

struct rng {
	uint64_t state;
};

static uint64_t
rng_next(struct rng *rng)
{
	uint64_t z;

	rng->state += UINT64_C(0x9E3779B97F4A7C15);
	z = rng->state;
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/*
 * Independent streams of one enterprise, one per generation step, so that
 * a change to one step leaves the values of every other step as they were.
 */
enum rng_stream {
	STREAM_OFFSETS,		/* per-run offsets, drawn once */
	STREAM_IDENTITY,
	STREAM_YEARS,
	STREAM_LISTS,
	STREAM_NAME,
	STREAM_CONTACT,
	STREAM_APPLICATIONS	/* last, so the others keep their seeds */
};

/* Seed STREAM of the enterprise at INDEX, independent of every other
   index and stream. */
static void
rng_seed(struct rng *rng, uint64_t seed, uint64_t index,
    enum rng_stream stream)
{
	struct rng mixer = { seed ^ ((uint64_t)stream *
	    UINT64_C(0xA0761D6478BD642F)) };

	rng->state = rng_next(&mixer) ^ (index * UINT64_C(0xD1B54A32D192ED03));
	rng_next(rng);
}

/* Return a number in [0, BOUND), for BOUND > 0. */
static uint64_t
rng_below(struct rng *rng, uint64_t bound)
{
	return (uint64_t)(((unsigned __int128)rng_next(rng) * bound) >> 64);
}

/* Return a number in [LOW, HIGH]. */
static int64_t
rng_range(struct rng *rng, int64_t low, int64_t high)
{
	return low + (int64_t)rng_below(rng, (uint64_t)(high - low + 1));
}

/* Return true with probability PER_MILLE / 1000. */
static bool
rng_chance(struct rng *rng, int per_mille)
{
	return rng_below(rng, 1000) < (uint64_t)per_mille;
}

/*
 * Return an approximately normal deviate in thousandths of a standard
 * deviation (Irwin-Hall sum of four uniforms, so within +-3464).
 */
static int64_t
rng_normal_milli(struct rng *rng)
{
	int64_t sum = 0;
	int k;

	for (k = 0; k < 4; k++)
		sum += (int64_t)rng_below(rng, 1000000);
	return (sum - 2000000) * 1000 / 577350;
}

/* Pick an index from integer weights that sum to TOTAL. */
static size_t
rng_weighted(struct rng *rng, const int *weights, size_t count, int total)
{
	int pick = (int)rng_below(rng, (uint64_t)total);
	size_t i;

	for (i = 0; i + 1 < count; i++) {
		if (pick < weights[i])
			return i;
		pick -= weights[i];
	}
	return count - 1;
}

/* ---------------------------------------------------------------- */
/* Integer arithmetic for log-normal amounts.                          */

/* 10^(k/20) * 10^6 for k = 0..20. */
static const int64_t pow10_twentieths[21] = {
	1000000, 1122018, 1258925, 1412538, 1584893, 1778279, 1995262,
	2238721, 2511886, 2818383, 3162278, 3548134, 3981072, 4466836,
	5011872, 5623413, 6309573, 7079458, 7943282, 8912509, 10000000
};

/*
 * Return 10^(CENTI / 100) rounded down, interpolating linearly between
 * twentieths of a decade. CENTI is in [0, 1500].
 */
static int64_t
pow10_centi(int64_t centi)
{
	int64_t decade = centi / 100, step = (centi % 100) / 5;
	int64_t rest = centi % 5, low, high, mantissa, value;

	low = pow10_twentieths[step];
	high = pow10_twentieths[step + 1];
	mantissa = low + (high - low) * rest / 5;
	value = mantissa;
	if (decade >= 6) {
		for (; decade > 6; decade--)
			value *= 10;
	} else {
		for (; decade < 6; decade++)
			value /= 10;
	}
	return value;
}

/* Return a log-normal amount: median 10^(MEDIAN/100), deviation SIGMA
   hundredths of a decade. */
static int64_t
rng_log_normal(struct rng *rng, int64_t median, int64_t sigma)
{
	int64_t centi = median + rng_normal_milli(rng) * sigma / 1000;

	if (centi < 0)
		centi = 0;
	if (centi > 1500)
		centi = 1500;
	return pow10_centi(centi);
}

/* Return AMOUNT * PER_MILLE / 1000, with the product in 128 bits so it
   cannot overflow. */
static int64_t
scale_per_mille(int64_t amount, int64_t per_mille)
{
	return (int64_t)((__int128)amount * per_mille / 1000);
}

/* ---------------------------------------------------------------- */
/* Dates as YYYYMMDD integers, so comparing them compares the dates.   */

static int
days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

static int
ymd(int year, int month, int day)
{
	return year * 10000 + month * 100 + day;
}

/* Return a date in YEAR with a month in [FIRST, LAST]. */
static int
rng_date_in(struct rng *rng, int year, int first, int last)
{
	int month = (int)rng_range(rng, first, last);

	return ymd(year, month, (int)rng_range(rng, 1,
	    days_in_month(year, month)));
}

/* ---------------------------------------------------------------- */
/* Kinds of industry.                                                  */

static enum sector
industry_sector(const struct industry_profile *industry)
{
	switch (industry->code[0]) {
	case 'B':
	case 'C':
	case 'D':
		return SECTOR_INDUSTRY;
	case 'I':
		return SECTOR_SOFTWARE;
	case 'F':
		return SECTOR_WHOLESALE;
	case 'E':
		return SECTOR_CONSTRUCTION;
	default:
		return SECTOR_OTHER;
	}
}

/* Whether the class belongs to the innovation-minded sections C, I, M. */
static bool
industry_innovative(const struct industry_profile *industry)
{
	return strchr("CIM", industry->code[0]) != NULL;
}

/* ---------------------------------------------------------------- */
/* One enterprise, generated whole and then written to every file.     */

struct cert {
	enum cert_kind kind;
	int date;		/* YYYYMMDD */
	char number[32];	/* 证书编号 */
};

struct subsidy {
	enum subsidy_kind kind;
	int year;
	int date;		/* 拨付日期, YYYYMMDD */
	int64_t amount;		/* fen */
};

struct year_data {
	bool tax_filed;		/* a tax.csv row exists */
	bool report_filed;	/* an annual-reports.csv row exists */
	bool insurance_filed;	/* a social-security.csv row exists */
	bool rnd_known;		/* the R&D cell is filled */
	int64_t revenue;	/* fen */
	int64_t tax_paid;
	int64_t rnd_expense;
	int64_t total_assets;
	int employees;
	int insured;
};

struct enterprise {
	char uscc[USCC_LEN + 1];
	char name[160];
	char legal_person[16];
	const struct district *district;
	const char *zone;	/* empty when outside a functional zone */
	const struct industry_profile *industry;
	enum tier tier;
	int established;	/* YYYYMMDD */
	enum status status;
	int last_active_year;	/* last year with data */
	int64_t registered_capital;	/* fen */
	struct year_data years[WINDOW_YEARS];
	int above_scale_date;	/* 0 when not on the register */
	struct cert certs[MAX_CERTS];
	int cert_count;
	int dishonesty_date;	/* 0 when not on the list */
	const struct dishonesty_reason *dishonesty;
	struct subsidy subsidies[MAX_SUBSIDIES];
	int subsidy_count;
	const struct bank *bank;
	char branch[96];
	char cnaps[13];
	char account[32];
	char contact[16];
	char mobile[12];
	char email[64];
};

struct generator {
	uint64_t seed;
	uint64_t enterprises;
	int last_year;		/* last fiscal year before the as-of date */
	int as_of;		/* YYYYMMDD */
	int32_t as_of_days;	/* the as-of date in days */
	uint64_t numeric_offset;	/* mixes the counter into org codes */
	uint64_t letter_offset;
	int district_total, industry_total, status_total, bank_total;
	int surname_total;
	int district_weights[DISTRICT_COUNT];
	int industry_weights[INDUSTRY_COUNT];
	int bank_weights[BANK_COUNT];
	int surname_weights[SURNAME_COUNT];
};

static int
sum_weights(const int *weights, size_t count)
{
	int total = 0;
	size_t i;

	for (i = 0; i < count; i++)
		total += weights[i];
	return total;
}

static void
generator_init(struct generator *gen, uint64_t seed, uint64_t enterprises,
    int32_t as_of_days)
{
	struct rng rng;
	int year, month, day;
	size_t i;

	memset(gen, 0, sizeof(*gen));
	gen->seed = seed;
	gen->enterprises = enterprises;
	date_to_ymd(as_of_days, &year, &month, &day);
	gen->as_of = ymd(year, month, day);
	gen->as_of_days = as_of_days;
	gen->last_year = year - 1;

	rng_seed(&rng, seed, 0, STREAM_OFFSETS);
	gen->numeric_offset = rng_below(&rng, MAX_ENTERPRISES);
	gen->letter_offset = rng_below(&rng, 887503681);	/* 31^6 */

	for (i = 0; i < DISTRICT_COUNT; i++)
		gen->district_weights[i] = districts[i].weight;
	for (i = 0; i < INDUSTRY_COUNT; i++)
		gen->industry_weights[i] = industries[i].weight;
	for (i = 0; i < BANK_COUNT; i++)
		gen->bank_weights[i] = banks[i].weight;
	for (i = 0; i < SURNAME_COUNT; i++)
		gen->surname_weights[i] = surnames[i].weight;
	gen->district_total = sum_weights(gen->district_weights,
	    DISTRICT_COUNT);
	gen->industry_total = sum_weights(gen->industry_weights,
	    INDUSTRY_COUNT);
	gen->status_total = sum_weights(status_weights, 4);
	gen->bank_total = sum_weights(gen->bank_weights, BANK_COUNT);
	gen->surname_total = sum_weights(gen->surname_weights, SURNAME_COUNT);
}

/* ---------------------------------------------------------------- */
/* Codes.                                                              */

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/*
 * Fill E->uscc: "91", the district code, an organization code body made
 * from INDEX by a bijection (so distinct indexes give distinct codes),
 * its GB 11714 check and the mod-31 check. Enterprises registered from
 * 2016 on get the "MA" bodies of the unified code era.
 */
static void
make_uscc(const struct generator *gen, uint64_t index, bool modern,
    struct enterprise *e)
{
	char *code = e->uscc;
	char org_check;
	int k;

	code[0] = '9';
	code[1] = '1';
	memcpy(code + 2, e->district->code, 6);
	if (modern) {
		/* The multiplier is not a multiple of 31, so this is a
		   bijection on [0, 31^6). */
		uint64_t body = (index * 545404223 + gen->letter_offset) %
		    887503681;

		code[8] = 'M';
		code[9] = 'A';
		for (k = 15; k >= 10; k--) {
			code[k] = uscc_alphabet[body % 31];
			body /= 31;
		}
	} else {
		/* The multiplier is coprime to 10^8, so this is a bijection
		   on [0, 10^8) too. */
		uint64_t body = (index * 73939133 + gen->numeric_offset) %
		    MAX_ENTERPRISES;

		for (k = 15; k >= 8; k--) {
			code[k] = (char)('0' + body % 10);
			body /= 10;
		}
	}
	org_check = uscc_org_check_char(code + 8);
	code[16] = org_check;
	code[17] = uscc_check_char(code);
	code[18] = '\0';
}

/* ---------------------------------------------------------------- */
/* Generation steps, each filling one part of the enterprise.          */

static void
make_person_name(const struct generator *gen, struct rng *rng, char *buf,
    size_t size, const char **surname_pinyin, const char **given_pinyin,
    const char **given2_pinyin)
{
	const struct surname *surname = &surnames[rng_weighted(rng,
	    gen->surname_weights, SURNAME_COUNT, gen->surname_total)];
	const struct hanzi *first = &given_chars[rng_below(rng,
	    GIVEN_CHAR_COUNT)];
	const struct hanzi *second = NULL;

	if (rng_chance(rng, 650))
		second = &given_chars[rng_below(rng, GIVEN_CHAR_COUNT)];
	snprintf(buf, size, "%s%s%s", surname->text, first->text,
	    second != NULL ? second->text : "");
	if (surname_pinyin != NULL) {
		*surname_pinyin = surname->pinyin;
		*given_pinyin = first->pinyin;
		*given2_pinyin = second != NULL ? second->pinyin : "";
	}
}

/* Return an establishment date, more often in recent years as more
   enterprises were founded then. */
static int
make_established(const struct generator *gen, struct rng *rng)
{
	int first = 1995, last = gen->last_year;
	int span = last - first + 1;
	int year;

	/* Weight of a year grows linearly from 1 to SPAN: pick the larger
	   of two uniform draws. */
	int a = (int)rng_below(rng, (uint64_t)span);
	int b = (int)rng_below(rng, (uint64_t)span);

	year = first + (a > b ? a : b);
	return rng_date_in(rng, year, 1, 12);
}

static void
make_identity(const struct generator *gen, struct rng *rng,
    struct enterprise *e)
{
	const struct district *d;
	int pick;

	e->district = d = &districts[rng_weighted(rng, gen->district_weights,
	    DISTRICT_COUNT, gen->district_total)];
	pick = (int)rng_below(rng, 1000);
	if (pick < d->hitech)
		e->zone = "成都高新区";
	else if (pick < d->hitech + d->tianfu)
		e->zone = "天府新区";
	else if (pick < d->hitech + d->tianfu + d->eastern)
		e->zone = "成都东部新区";
	else
		e->zone = "";

	e->industry = &industries[rng_weighted(rng, gen->industry_weights,
	    INDUSTRY_COUNT, gen->industry_total)];
	e->established = make_established(gen, rng);
	e->status = (enum status)rng_weighted(rng, status_weights, 4,
	    gen->status_total);
	e->last_active_year = gen->last_year;
	if (e->status == STATUS_CANCELLED || e->status == STATUS_REVOKED) {
		int from = e->established / 10000;

		if (from < gen->last_year - 5)
			from = gen->last_year - 5;
		e->last_active_year = (int)rng_range(rng, from,
		    gen->last_year);
	}
	make_person_name(gen, rng, e->legal_person, sizeof(e->legal_person),
	    NULL, NULL, NULL);
}

/*
 * Fill the per-year figures: revenue drawn for the last year of the
 * window from the tier's log-normal, earlier years derived backwards
 * through a yearly growth rate, and nothing before establishment or
 * after the enterprise stopped.
 */
static void
make_years(const struct generator *gen, struct rng *rng,
    struct enterprise *e, bool research)
{
	enum sector sector = industry_sector(e->industry);
	const struct tier_profile *profile;
	int tier_weights[TIER_COUNT];
	int64_t revenue, employees, trend, assets_ratio, tax_ratio;
	int64_t rnd_ratio;
	int first_year = gen->last_year - WINDOW_YEARS + 1;
	int established_year = e->established / 10000;
	int k;

	for (k = 0; k < TIER_COUNT; k++)
		tier_weights[k] = tier_profiles[sector][k].weight;
	e->tier = (enum tier)rng_weighted(rng, tier_weights, TIER_COUNT,
	    1000);
	/* A young enterprise is rarely large yet. */
	if (gen->last_year - established_year < 3 && e->tier > TIER_SMALL)
		e->tier = TIER_SMALL;
	profile = &tier_profiles[sector][e->tier];

	revenue = rng_log_normal(rng, profile->revenue_median,
	    profile->revenue_sigma) * YUAN + (int64_t)rng_below(rng, 100);
	employees = rng_range(rng, profile->employees_low,
	    profile->employees_high);
	trend = 60 + rng_normal_milli(rng) * 110 / 1000;
	assets_ratio = rng_range(rng, 500, 2200);
	if (sector == SECTOR_CONSTRUCTION)
		assets_ratio += 600;
	switch (sector) {
	case SECTOR_WHOLESALE:
		tax_ratio = rng_range(rng, 5, 20);
		break;
	case SECTOR_INDUSTRY:
		tax_ratio = rng_range(rng, 25, 70);
		break;
	default:
		tax_ratio = rng_range(rng, 20, 60);
		break;
	}
	rnd_ratio = research ? rng_range(rng, 25, 120) : 0;

	for (k = WINDOW_YEARS - 1; k >= 0; k--) {
		struct year_data *y = &e->years[k];
		int year = first_year + k;
		int64_t growth;

		memset(y, 0, sizeof(*y));
		if (year >= established_year && year <= e->last_active_year) {
			int64_t part = revenue;

			/* The founding year counts only its open months. */
			if (year == established_year)
				part = part * (13 - (e->established / 100) % 100)
				    / 12;
			y->revenue = part;
			y->tax_paid = scale_per_mille(part, tax_ratio +
			    rng_range(rng, -tax_ratio / 4, tax_ratio / 4));
			y->total_assets = scale_per_mille(part, assets_ratio +
			    rng_range(rng, -100, 100));
			y->employees = (int)employees;
			y->insured = (int)scale_per_mille(employees,
			    rng_range(rng, 750, 1000));
			if (rnd_ratio > 0) {
				y->rnd_expense = scale_per_mille(part,
				    rnd_ratio + rng_range(rng, -15, 15));
				y->rnd_known = true;
			}
			y->tax_filed = !rng_chance(rng, 25);
			y->report_filed = !rng_chance(rng, 50);
			y->insurance_filed = !rng_chance(rng, 60);
			if (e->status == STATUS_REVOKED &&
			    year > e->last_active_year - 2)
				y->report_filed = false;
		}

		/* Step one year back. */
		growth = trend + rng_normal_milli(rng) * 120 / 1000;
		if (growth < -400)
			growth = -400;
		revenue = revenue * 1000 / (1000 + growth);
		employees = employees * 1000 / (1000 + growth / 2);
		if (employees < 1)
			employees = 1;
	}

	switch (e->tier) {
	case TIER_MICRO:
		e->registered_capital = rng_range(rng, 10, 500) * WAN;
		break;
	case TIER_SMALL:
		e->registered_capital = rng_range(rng, 100, 3000) * WAN;
		break;
	case TIER_MEDIUM:
		e->registered_capital = rng_range(rng, 1000, 20000) * WAN;
		break;
	default:
		e->registered_capital = rng_range(rng, 5000, 200000) * WAN;
		break;
	}
}

static int64_t
year_revenue(const struct generator *gen, const struct enterprise *e,
    int year)
{
	int k = year - (gen->last_year - WINDOW_YEARS + 1);

	if (k < 0 || k >= WINDOW_YEARS)
		return -1;
	return e->years[k].revenue;
}

static void
add_subsidy(struct enterprise *e, enum subsidy_kind kind, int year,
    int64_t amount, struct rng *rng)
{
	struct subsidy *s;

	if (e->subsidy_count == MAX_SUBSIDIES)
		return;
	s = &e->subsidies[e->subsidy_count++];
	s->kind = kind;
	s->year = year;
	s->date = rng_date_in(rng, year, 3, 12);
	if (s->date < e->established)
		s->date = e->established;
	s->amount = amount;
}

/* Record a subsidy, in the year after EVENT_YEAR, for an event that an
   item of the sample rewards, when that year is already over. */
static void
maybe_subsidy(const struct generator *gen, struct rng *rng,
    struct enterprise *e, enum subsidy_kind kind, int event_year,
    int64_t amount)
{
	if (event_year + 1 > gen->last_year || event_year + 1 < 2019)
		return;
	if (rng_chance(rng, 800))
		add_subsidy(e, kind, event_year + 1, amount, rng);
}

/*
 * Add the above-scale register entry: an industrial enterprise enters in
 * the year its revenue first reaches 20 million yuan, unless it never
 * applies.
 */
static void
make_above_scale(const struct generator *gen, struct rng *rng,
    struct enterprise *e)
{
	int first_year = gen->last_year - WINDOW_YEARS + 1;
	int established_year = e->established / 10000;
	int year;

	if (industry_sector(e->industry) != SECTOR_INDUSTRY)
		return;
	for (year = first_year; year <= gen->last_year; year++) {
		int64_t revenue = year_revenue(gen, e, year);

		if (revenue >= 2000 * WAN)
			break;
	}
	if (year > gen->last_year || rng_chance(rng, 120))
		return;
	if (year == first_year && established_year < first_year) {
		/* Already above scale when the window opens. */
		int from = established_year + 1 < 2011 ? 2011 :
		    established_year + 1;

		year = from > first_year ? first_year :
		    (int)rng_range(rng, from, first_year);
	}
	e->above_scale_date = rng_date_in(rng, year, 1, 12);
	if (e->above_scale_date < e->established)
		e->above_scale_date = e->established;
	maybe_subsidy(gen, rng, e, SUBSIDY_XSG, year, 10 * WAN);
}

static struct cert *
add_cert(struct enterprise *e, enum cert_kind kind, int date)
{
	struct cert *c;

	if (e->cert_count == MAX_CERTS)
		return NULL;
	c = &e->certs[e->cert_count++];
	c->kind = kind;
	c->date = date;
	c->number[0] = '\0';
	return c;
}

/* Return a year in [FROM, TO], FROM <= TO, weighted toward recent years. */
static int
rng_recent_year(struct rng *rng, int from, int to)
{
	int span = to - from + 1;
	int a = (int)rng_below(rng, (uint64_t)span);
	int b = (int)rng_below(rng, (uint64_t)span);

	return from + (a > b ? a : b);
}

/* Add high-tech recognitions: a first one in some year, renewed every
   three years while the enterprise keeps qualifying. */
static void
make_hightech(const struct generator *gen, struct rng *rng,
    struct enterprise *e)
{
	int from = e->established / 10000 + 1;
	int year, count = 0;

	if (from < 2010)
		from = 2010;
	if (from > e->last_active_year)
		return;
	for (year = rng_recent_year(rng, from, e->last_active_year);
	    year <= e->last_active_year; year += 3) {
		struct cert *c = add_cert(e, CERT_HIGHTECH,
		    rng_date_in(rng, year, 10, 12));

		if (c == NULL)
			break;
		snprintf(c->number, sizeof(c->number), "GR%d51%06d", year,
		    (int)rng_range(rng, 1, 9999));
		maybe_subsidy(gen, rng, e, count == 0 ? SUBSIDY_GQ_FIRST :
		    SUBSIDY_GQ_RENEW, year, count == 0 ? 20 * WAN : 10 * WAN);
		count++;
		if (rng_chance(rng, 180))
			break;	/* lapsed */
	}
}

/* Add the 专精特新 ladder: city, then province, then the national "little
   giant". */
static void
make_zjtx(const struct generator *gen, struct rng *rng,
    struct enterprise *e)
{
	int from = e->established / 10000 + 2;
	int year;
	struct cert *c;

	if (from < 2018)
		from = 2018;
	if (from > e->last_active_year)
		return;
	year = rng_recent_year(rng, from, e->last_active_year);
	c = add_cert(e, CERT_ZJTX_CITY, rng_date_in(rng, year, 5, 11));
	if (c == NULL)
		return;
	snprintf(c->number, sizeof(c->number), "CDZJTX%d%04d", year,
	    (int)rng_range(rng, 1, 2999));
	maybe_subsidy(gen, rng, e, SUBSIDY_ZJTX_CITY, year, 10 * WAN);
	if (!rng_chance(rng, 500) || year + 1 > e->last_active_year)
		return;

	year = (int)rng_range(rng, year + 1, e->last_active_year);
	c = add_cert(e, CERT_ZJTX_PROVINCE, rng_date_in(rng, year, 6, 12));
	if (c == NULL)
		return;
	snprintf(c->number, sizeof(c->number), "SCZJTX%d%04d", year,
	    (int)rng_range(rng, 1, 1999));
	maybe_subsidy(gen, rng, e, SUBSIDY_ZJTX_PROVINCE, year, 20 * WAN);
	if (!rng_chance(rng, 450) || year + 1 > e->last_active_year)
		return;

	year = rng_recent_year(rng, year + 1, e->last_active_year);
	c = add_cert(e, CERT_ZJTX_NATIONAL, rng_date_in(rng, year, 6, 9));
	if (c == NULL)
		return;
	snprintf(c->number, sizeof(c->number), "XJR%d51%04d", year,
	    (int)rng_range(rng, 1, 999));
	maybe_subsidy(gen, rng, e, SUBSIDY_XJR, year, 50 * WAN);
}

static void
make_first_set(const struct generator *gen, struct rng *rng,
    struct enterprise *e)
{
	int from = e->established / 10000 + 2;
	int year;
	struct cert *c;

	if (from < 2018)
		from = 2018;
	if (from > e->last_active_year)
		return;
	year = (int)rng_range(rng, from, e->last_active_year);
	c = add_cert(e, CERT_FIRST_SET, rng_date_in(rng, year, 4, 12));
	if (c == NULL)
		return;
	snprintf(c->number, sizeof(c->number), "CHUAN-STT-%d-%03d", year,
	    (int)rng_range(rng, 1, 299));
	if (year + 1 <= gen->last_year && rng_chance(rng, 500))
		add_subsidy(e, SUBSIDY_STT, year + 1,
		    rng_range(rng, 50, 500) * WAN, rng);
}

/* Add a NEEQ listing, then perhaps a move up to the Beijing Stock
   Exchange, which opened on 2021-11-15. */
static void
make_listing(const struct generator *gen, struct rng *rng,
    struct enterprise *e)
{
	int from = e->established / 10000 + 3;
	int year, date;
	struct cert *c;

	if (from < 2013)
		from = 2013;
	if (from > e->last_active_year)
		return;
	year = rng_recent_year(rng, from, e->last_active_year);
	c = add_cert(e, CERT_NEEQ, rng_date_in(rng, year, 1, 12));
	if (c == NULL)
		return;
	snprintf(c->number, sizeof(c->number), "%d", (int)rng_range(rng,
	    830000, 874999));
	maybe_subsidy(gen, rng, e, SUBSIDY_SS_NEEQ, year, 50 * WAN);
	if (!rng_chance(rng, 250) || year + 1 > e->last_active_year)
		return;

	from = year + 1 < 2021 ? 2021 : year + 1;
	if (from > e->last_active_year)
		return;
	year = (int)rng_range(rng, from, e->last_active_year);
	date = rng_date_in(rng, year, 1, 12);
	if (date < 20211115)
		date = 20211115;
	c = add_cert(e, CERT_BSE, date);
	if (c == NULL)
		return;
	snprintf(c->number, sizeof(c->number), "92%04d", (int)rng_range(rng,
	    0, 9999));
	maybe_subsidy(gen, rng, e, SUBSIDY_SS_BSE, year, 200 * WAN);
}

/* Sort certifications by date so each enterprise's rows read in order. */
static void
sort_certs(struct enterprise *e)
{
	int i, j;

	for (i = 1; i < e->cert_count; i++)
		for (j = i; j > 0 && e->certs[j - 1].date > e->certs[j].date;
		    j--) {
			struct cert swap = e->certs[j];

			e->certs[j] = e->certs[j - 1];
			e->certs[j - 1] = swap;
		}
}

/* Add subsidies of items whose base the departments do not report, drawn
   at fixed rates among the enterprises each item is meant for. */
static void
make_other_subsidies(const struct generator *gen, struct rng *rng,
    struct enterprise *e)
{
	int first_year = gen->last_year - WINDOW_YEARS + 1;
	bool industrial = industry_sector(e->industry) == SECTOR_INDUSTRY;
	bool sme = e->tier != TIER_LARGE;
	int year;

	for (year = first_year; year <= gen->last_year; year++) {
		const struct year_data *y = &e->years[year - first_year];

		if (y->revenue == 0)
			continue;
		/* Revenue first past 1, 5 or 10亿元: rewarded the next year. */
		if (industrial && year > first_year && y[-1].revenue > 0) {
			static const int64_t thresholds[] = { 10 * YI, 5 * YI,
			    1 * YI };
			static const int64_t awards[] = { 100 * WAN, 50 * WAN,
			    20 * WAN };
			int t;

			for (t = 0; t < 3; t++)
				if (y->revenue >= thresholds[t] &&
				    y[-1].revenue < thresholds[t]) {
					maybe_subsidy(gen, rng, e, SUBSIDY_YSTP,
					    year, awards[t]);
					break;
				}
		}
		if (industrial && y->revenue >= 5000 * WAN &&
		    rng_chance(rng, 40))
			add_subsidy(e, SUBSIDY_JSGZ, year, rng_range(rng, 25,
			    800) * WAN, rng);
		if (industrial && sme && rng_chance(rng, 20))
			add_subsidy(e, SUBSIDY_SZ_ZD, year, rng_range(rng, 10,
			    40) * 1000 * YUAN, rng);
		if (sme && y->revenue >= 1000 * WAN && rng_chance(rng, 15))
			add_subsidy(e, SUBSIDY_SZ_GZ, year, rng_range(rng, 5,
			    100) * WAN, rng);
		/* R&D rewards follow the year the expense was reported. */
		if (year > first_year && y[-1].rnd_known &&
		    y[-1].rnd_expense >= 100 * WAN && rng_chance(rng, 150))
			add_subsidy(e, SUBSIDY_YF, year, scale_per_mille(
			    y[-1].rnd_expense, rng_range(rng, 5, 15)) / WAN * WAN,
			    rng);
	}
}

/* Add certifications, list entries and the subsidies they earned. */
static void
make_lists(const struct generator *gen, struct rng *rng,
    struct enterprise *e, bool hightech)
{
	const struct industry_profile *industry = e->industry;
	bool innovative = industry_innovative(industry);
	bool sme = e->tier != TIER_LARGE;

	make_above_scale(gen, rng, e);
	if (hightech)
		make_hightech(gen, rng, e);
	if (innovative && sme && e->tier != TIER_MICRO &&
	    rng_chance(rng, hightech ? 400 : 100))
		make_zjtx(gen, rng, e);
	if (industry->equipment && e->tier != TIER_MICRO &&
	    rng_chance(rng, 120))
		make_first_set(gen, rng, e);
	if (innovative && e->tier >= TIER_SMALL &&
	    rng_chance(rng, e->tier == TIER_SMALL ? 20 : 80))
		make_listing(gen, rng, e);
	sort_certs(e);
	make_other_subsidies(gen, rng, e);

	if (rng_chance(rng, 12)) {
		int from = e->established / 10000 + 1;
		int date;

		if (from < 2019)
			from = 2019;
		if (from > gen->as_of / 10000)
			from = gen->as_of / 10000;
		date = rng_date_in(rng, (int)rng_range(rng, from,
		    gen->as_of / 10000), 1, 12);
		if (date > gen->as_of)
			date = gen->as_of;
		if (date < e->established)
			date = e->established;
		e->dishonesty_date = date;
		e->dishonesty = &dishonesty_reasons[rng_below(rng,
		    DISHONESTY_REASON_COUNT)];
	}
}

/* Whether the enterprise has a certification of KIND. */
static bool
has_cert(const struct enterprise *e, enum cert_kind kind)
{
	int i;

	for (i = 0; i < e->cert_count; i++)
		if (e->certs[i].kind == kind)
			return true;
	return false;
}

/*
 * Fill E->name: 成都 + a brand unique among the first BRAND_COUNT indexes
 * + the industry word + the company form.
 */
static void
make_name(const struct generator *gen, uint64_t index, struct rng *rng,
    struct enterprise *e, const char **brand_pinyin1,
    const char **brand_pinyin2)
{
	uint64_t brand = (index * 2473 + gen->numeric_offset) % BRAND_COUNT;
	size_t first = brand / (BRAND_CHAR_COUNT - 1);
	size_t second = brand % (BRAND_CHAR_COUNT - 1);
	bool joint_stock;

	/* Skip the first character so the pair never repeats it. */
	if (second >= first)
		second++;
	joint_stock = has_cert(e, CERT_NEEQ) || has_cert(e, CERT_BSE) ||
	    (e->tier == TIER_LARGE && rng_chance(rng, 600)) ||
	    (e->tier == TIER_MEDIUM && rng_chance(rng, 150));
	snprintf(e->name, sizeof(e->name), "成都%s%s%s%s",
	    brand_chars[first].text, brand_chars[second].text,
	    e->industry->word, joint_stock ? "股份有限公司" : "有限公司");
	*brand_pinyin1 = brand_chars[first].pinyin;
	*brand_pinyin2 = brand_chars[second].pinyin;
}

/* Fill the settlement account at a branch in the enterprise's district.
   The CNAPS code is made up but fixed per bank and branch. */
static void
make_bank_account(const struct generator *gen, struct rng *rng,
    struct enterprise *e)
{
	const struct bank *bank = &banks[rng_weighted(rng, gen->bank_weights,
	    BANK_COUNT, gen->bank_total)];
	size_t district = (size_t)(e->district - districts);
	size_t bank_index = (size_t)(bank - banks);
	const char *branch;
	size_t length;
	int k;

	e->bank = bank;
	if (strcmp(e->zone, "成都高新区") == 0) {
		branch = "高新";
		district = DISTRICT_COUNT;
	} else if (strcmp(e->zone, "天府新区") == 0) {
		branch = "天府新区";
		district = DISTRICT_COUNT + 1;
	} else {
		branch = e->district->short_name;
	}
	snprintf(e->branch, sizeof(e->branch), "%s%s支行", bank->name, branch);
	snprintf(e->cnaps, sizeof(e->cnaps), "%s6510%05u", bank->code,
	    (unsigned)(10000 + district * 331 + bank_index * 17));

	length = strlen(bank->account_prefix);
	memcpy(e->account, bank->account_prefix, length);
	for (k = (int)length; k < bank->account_length; k++)
		e->account[k] = (char)('0' + rng_below(rng, 10));
	e->account[bank->account_length] = '\0';
}

/* Fill the contact person, with a mobile number in the made-up block
   199000xxxxx (unique for the first 100000 indexes) and an e-mail address
   under the reserved domain .example. */
static void
make_contact(const struct generator *gen, uint64_t index, struct rng *rng,
    struct enterprise *e, const char *brand1, const char *brand2)
{
	const char *surname, *given, *given2;

	make_person_name(gen, rng, e->contact, sizeof(e->contact), &surname,
	    &given, &given2);
	snprintf(e->mobile, sizeof(e->mobile), "199000%05u",
	    (unsigned)((index * 7919 + gen->numeric_offset) % 100000));
	snprintf(e->email, sizeof(e->email), "%s%s%s@%s%s.example", surname,
	    given, given2, brand1, brand2);
}

static void
generate_enterprise(const struct generator *gen, uint64_t index,
    struct enterprise *e)
{
	struct rng identity, years, lists, naming, contact;
	bool hightech, research;
	const char *brand1, *brand2;

	rng_seed(&identity, gen->seed, index, STREAM_IDENTITY);
	rng_seed(&years, gen->seed, index, STREAM_YEARS);
	rng_seed(&lists, gen->seed, index, STREAM_LISTS);
	rng_seed(&naming, gen->seed, index, STREAM_NAME);
	rng_seed(&contact, gen->seed, index, STREAM_CONTACT);
	e->cert_count = 0;
	e->subsidy_count = 0;
	e->above_scale_date = 0;
	e->dishonesty_date = 0;
	e->dishonesty = NULL;

	make_identity(gen, &identity, e);
	hightech = rng_chance(&identity, e->industry->hightech);
	research = hightech || (industry_innovative(e->industry) &&
	    rng_chance(&identity, 250));
	make_years(gen, &years, e, research);
	make_uscc(gen, index, e->established >= 20160101, e);
	make_lists(gen, &lists, e, hightech);
	make_name(gen, index, &naming, e, &brand1, &brand2);
	make_bank_account(gen, &contact, e);
	make_contact(gen, index, &contact, e, brand1, brand2);
}

/* ---------------------------------------------------------------- */
/* Writing rows.                                                       */

struct row {
	char text[ROW_SIZE];
	size_t length;
	int fields;		/* fields appended so far */
};

static void
row_start(struct row *row)
{
	row->length = 0;
	row->fields = 0;
}

static void
row_append(struct row *row, const char *s, size_t n)
{
	if (row->length + n + 2 > sizeof(row->text))
		die(_("internal error: row longer than %d bytes"), ROW_SIZE);
	memcpy(row->text + row->length, s, n);
	row->length += n;
}

/* Start a new field: a comma before every field but the first. */
static void
row_separator(struct row *row)
{
	if (row->fields++ > 0)
		row_append(row, ",", 1);
}

/* Append a text field as it is. No table above contains a comma, quote or
   line break, so no field needs quoting. */
static void
row_text(struct row *row, const char *s)
{
	row_separator(row);
	row_append(row, s, strlen(s));
}

static void
row_empty(struct row *row)
{
	row_text(row, "");
}

/* Append VALUE in decimal, padded with zeros to at least WIDTH digits.
   Formatting by hand keeps printf out of the inner loop. */
static void
row_digits(struct row *row, uint64_t value, int width)
{
	char buf[24];
	int n = 0;

	do {
		buf[sizeof(buf) - 1 - n++] = (char)('0' + value % 10);
		value /= 10;
	} while (value != 0 || n < width);
	row_append(row, buf + sizeof(buf) - n, (size_t)n);
}

static void
row_integer(struct row *row, int64_t value)
{
	row_separator(row);
	if (value < 0) {
		row_append(row, "-", 1);
		row_digits(row, (uint64_t)0 - (uint64_t)value, 1);
	} else {
		row_digits(row, (uint64_t)value, 1);
	}
}

/* Append an amount in fen as yuan with two decimals. */
static void
row_money(struct row *row, int64_t fen)
{
	uint64_t magnitude = fen < 0 ? (uint64_t)0 - (uint64_t)fen :
	    (uint64_t)fen;

	row_separator(row);
	if (fen < 0)
		row_append(row, "-", 1);
	row_digits(row, magnitude / 100, 1);
	row_append(row, ".", 1);
	row_digits(row, magnitude % 100, 2);
}

/* Append a YYYYMMDD date as YYYY-MM-DD. */
static void
row_date(struct row *row, int date)
{
	row_separator(row);
	row_digits(row, (uint64_t)(date / 10000), 4);
	row_append(row, "-", 1);
	row_digits(row, (uint64_t)(date / 100 % 100), 2);
	row_append(row, "-", 1);
	row_digits(row, (uint64_t)(date % 100), 2);
}

static void
row_write(struct row *row, FILE *stream)
{
	row->text[row->length++] = '\n';
	fwrite(row->text, 1, row->length, stream);
}

enum file_id {
	FILE_REGISTRY,
	FILE_TAX,
	FILE_ANNUAL_REPORTS,
	FILE_SOCIAL_SECURITY,
	FILE_ABOVE_SCALE,
	FILE_CERTIFICATIONS,
	FILE_DISHONESTY,
	FILE_SUBSIDIES,
	FILE_BANK_ACCOUNTS,
	FILE_CONTACTS,
	FILE_COUNT
};

struct department_file {
	const char *name;
	const char *header;
};

static const struct department_file department_files[FILE_COUNT] = {
	[FILE_REGISTRY] = { "registry.csv",
	    "统一社会信用代码,企业名称,成立日期,登记状态,所属区县代码,"
	    "所属功能区,国民经济行业代码,注册资本（万元）,法定代表人" },
	[FILE_TAX] = { "tax.csv",
	    "统一社会信用代码,纳税人名称,所属年度,营业收入（元）,"
	    "实缴税额（元）,研发费用（元）" },
	[FILE_ANNUAL_REPORTS] = { "annual-reports.csv",
	    "统一社会信用代码,报告年度,资产总额（元）,年末从业人数" },
	[FILE_SOCIAL_SECURITY] = { "social-security.csv",
	    "统一社会信用代码,单位名称,年度,参保人数" },
	[FILE_ABOVE_SCALE] = { "above-scale.csv",
	    "统一社会信用代码,企业名称,入库日期" },
	[FILE_CERTIFICATIONS] = { "certifications.csv",
	    "统一社会信用代码,企业名称,认定类型,认定日期,证书编号,认定部门" },
	[FILE_DISHONESTY] = { "dishonesty.csv",
	    "统一社会信用代码,主体名称,列入日期,列入部门,列入事由" },
	[FILE_SUBSIDIES] = { "subsidies.csv",
	    "统一社会信用代码,年度,项目编号,政策事项,项目名称,金额（元）,"
	    "拨付日期" },
	[FILE_BANK_ACCOUNTS] = { "bank-accounts.csv",
	    "统一社会信用代码,账户名称,账号,开户行名称,开户行行号" },
	[FILE_CONTACTS] = { "contacts.csv",
	    "统一社会信用代码,联系人,手机号码,电子邮箱" },
};

/* Size of each file's stdio buffer: large, so a big run needs few write
   calls (the default is one page). */
#define WRITE_BUFFER_SIZE (1 << 20)

struct writer {
	struct output *outputs[FILE_COUNT];
	FILE *streams[FILE_COUNT];
	char *buffers[FILE_COUNT];	/* outlive their streams */
	uint64_t rows[FILE_COUNT];
};

static void
write_registry(struct writer *w, const struct enterprise *e)
{
	struct row row;
	char capital[32];

	row_start(&row);
	row_text(&row, e->uscc);
	row_text(&row, e->name);
	row_date(&row, e->established);
	row_text(&row, status_names[e->status]);
	row_text(&row, e->district->code);
	row_text(&row, e->zone);
	row_text(&row, e->industry->code);
	snprintf(capital, sizeof(capital), "%" PRId64 ".00",
	    e->registered_capital / WAN);
	row_text(&row, capital);
	row_text(&row, e->legal_person);
	row_write(&row, w->streams[FILE_REGISTRY]);
	w->rows[FILE_REGISTRY]++;
}

static void
write_years(const struct generator *gen, struct writer *w,
    const struct enterprise *e)
{
	int first_year = gen->last_year - WINDOW_YEARS + 1;
	struct row row;
	int k;

	for (k = 0; k < WINDOW_YEARS; k++) {
		const struct year_data *y = &e->years[k];

		if (y->tax_filed) {
			row_start(&row);
			row_text(&row, e->uscc);
			row_text(&row, e->name);
			row_integer(&row, first_year + k);
			row_money(&row, y->revenue);
			row_money(&row, y->tax_paid);
			if (y->rnd_known)
				row_money(&row, y->rnd_expense);
			else
				row_empty(&row);
			row_write(&row, w->streams[FILE_TAX]);
			w->rows[FILE_TAX]++;
		}
		if (y->report_filed) {
			row_start(&row);
			row_text(&row, e->uscc);
			row_integer(&row, first_year + k);
			row_money(&row, y->total_assets);
			row_integer(&row, y->employees);
			row_write(&row, w->streams[FILE_ANNUAL_REPORTS]);
			w->rows[FILE_ANNUAL_REPORTS]++;
		}
		if (y->insurance_filed) {
			row_start(&row);
			row_text(&row, e->uscc);
			row_text(&row, e->name);
			row_integer(&row, first_year + k);
			row_integer(&row, y->insured);
			row_write(&row, w->streams[FILE_SOCIAL_SECURITY]);
			w->rows[FILE_SOCIAL_SECURITY]++;
		}
	}
}

static void
write_lists(struct writer *w, const struct enterprise *e, uint64_t index)
{
	struct row row;
	int k;

	if (e->above_scale_date != 0) {
		row_start(&row);
		row_text(&row, e->uscc);
		row_text(&row, e->name);
		row_date(&row, e->above_scale_date);
		row_write(&row, w->streams[FILE_ABOVE_SCALE]);
		w->rows[FILE_ABOVE_SCALE]++;
	}
	for (k = 0; k < e->cert_count; k++) {
		const struct cert *c = &e->certs[k];

		row_start(&row);
		row_text(&row, e->uscc);
		row_text(&row, e->name);
		row_text(&row, cert_types[c->kind].name);
		row_date(&row, c->date);
		row_text(&row, c->number);
		row_text(&row, cert_types[c->kind].authority);
		row_write(&row, w->streams[FILE_CERTIFICATIONS]);
		w->rows[FILE_CERTIFICATIONS]++;
	}
	if (e->dishonesty_date != 0) {
		row_start(&row);
		row_text(&row, e->uscc);
		row_text(&row, e->name);
		row_date(&row, e->dishonesty_date);
		row_text(&row, e->dishonesty->department);
		row_text(&row, e->dishonesty->reason);
		row_write(&row, w->streams[FILE_DISHONESTY]);
		w->rows[FILE_DISHONESTY]++;
	}
	for (k = 0; k < e->subsidy_count; k++) {
		const struct subsidy *s = &e->subsidies[k];
		char number[48], title[160];

		/* The index and the row's position make the number unique. */
		snprintf(number, sizeof(number), "CZ%d-%09" PRIu64 "-%02d",
		    s->year, index, k + 1);
		snprintf(title, sizeof(title), "%d年度%s", s->year,
		    subsidy_items[s->kind].title);
		row_start(&row);
		row_text(&row, e->uscc);
		row_integer(&row, s->year);
		row_text(&row, number);
		row_text(&row, subsidy_items[s->kind].id);
		row_text(&row, title);
		row_money(&row, s->amount);
		row_date(&row, s->date);
		row_write(&row, w->streams[FILE_SUBSIDIES]);
		w->rows[FILE_SUBSIDIES]++;
	}
}

static void
write_contacts(struct writer *w, const struct enterprise *e)
{
	struct row row;

	row_start(&row);
	row_text(&row, e->uscc);
	row_text(&row, e->name);
	row_text(&row, e->account);
	row_text(&row, e->branch);
	row_text(&row, e->cnaps);
	row_write(&row, w->streams[FILE_BANK_ACCOUNTS]);
	w->rows[FILE_BANK_ACCOUNTS]++;

	row_start(&row);
	row_text(&row, e->uscc);
	row_text(&row, e->contact);
	row_text(&row, e->mobile);
	row_text(&row, e->email);
	row_write(&row, w->streams[FILE_CONTACTS]);
	w->rows[FILE_CONTACTS]++;
}

static void
writer_open(struct writer *w, const char *folder)
{
	int k;

	if (mkdir(folder, 0777) != 0 && errno != EEXIST)
		die(_("cannot create folder '%s': %s"), folder,
		    strerror(errno));
	for (k = 0; k < FILE_COUNT; k++) {
		char *path = xasprintf("%s/%s", folder,
		    department_files[k].name);

		w->outputs[k] = output_open(path, 0644);
		w->streams[k] = output_stream(w->outputs[k]);
		w->buffers[k] = xmalloc(WRITE_BUFFER_SIZE);
		setvbuf(w->streams[k], w->buffers[k], _IOFBF,
		    WRITE_BUFFER_SIZE);
		w->rows[k] = 0;
		fprintf(w->streams[k], "%s\n", department_files[k].header);
		free(path);
	}
}

static void
writer_commit(struct writer *w)
{
	int k;

	for (k = 0; k < FILE_COUNT; k++) {
		output_commit(w->outputs[k]);
		free(w->buffers[k]);
	}
}


/* ---------------------------------------------------------------- */
/* Applications for the benchmark items that need one.                 */

/* Per-mille chance that an enterprise in the scope of at least one such
   item applies (items are pushed to the enterprises they concern, so
   most of them apply), and that an applicant applies for a second item.
   About 6 % of enterprises are in some item's scope, so about 5 % apply. */
#define APPLY_PER_MILLE 900
#define SECOND_ITEM_PER_MILLE 200

/* Applications per batch file. At about 500 bytes each a file is about
   5 MB, well under pfe-review's 64 MiB limit on an XML input. */
#define APPLICATIONS_PER_FILE 10000

/* Return whether E's industry class starts with one of the
   space-separated PREFIXES. An empty list matches every class. */
static bool
industry_in(const struct enterprise *e, const char *prefixes)
{
	const char *p = prefixes + strspn(prefixes, " ");

	if (*p == '\0')
		return true;
	while (*p != '\0') {
		size_t n = strcspn(p, " ");

		if (strncmp(e->industry->code, p, n) == 0)
			return true;
		p += n;
		p += strspn(p, " ");
	}
	return false;
}

/* Return the cluster of districts of gen-policies.py that D is in: 1 the
   central districts, 2 the inner suburbs, 3 the outer counties. */
static int
district_cluster(const struct district *d)
{
	if (strcmp(d->code, "510108") <= 0)
		return 1;
	if (strcmp(d->code, "510118") <= 0)
		return 2;
	return 3;
}

static bool
cert_in_year(const struct enterprise *e, int kind, int year)
{
	int i;

	for (i = 0; i < e->cert_count; i++)
		if ((int)e->certs[i].kind == kind &&
		    e->certs[i].date / 10000 == year)
			return true;
	return false;
}

/* Return whether E is in ITEM's scope, that is whether the enterprise's
   own records suggest that it may qualify. */
static bool
application_in_scope(const struct generator *gen, const struct enterprise *e,
    const struct application_item *item)
{
	const struct year_data *last = &e->years[WINDOW_YEARS - 1];
	const struct year_data *before = &e->years[WINDOW_YEARS - 2];

	if (e->status != STATUS_EXISTING && e->status != STATUS_OPERATING)
		return false;
	if (!industry_in(e, item->prefixes))
		return false;
	if (item->cluster != 0 &&
	    district_cluster(e->district) != item->cluster)
		return false;
	if (item->zone != NULL && strcmp(e->zone, item->zone) != 0)
		return false;
	if (item->cert >= 0 && !cert_in_year(e, item->cert, gen->last_year))
		return false;
	if (item->held >= 0 && !has_cert(e, (enum cert_kind)item->held))
		return false;
	if (item->sizes != SIZES_ANY && (item->sizes & SIZE_BIT(e->tier)) == 0)
		return false;
	if (item->above_scale && e->above_scale_date == 0)
		return false;
	if (last->revenue < (int64_t)item->revenue_wan * WAN)
		return false;
	/* Revenues reach 10^17 fen, so the products need 128 bits. */
	if (item->growth >= 0 && (before->revenue <= 0 ||
	    (__int128)(last->revenue - before->revenue) * 100 <
	    (__int128)item->growth * before->revenue))
		return false;
	if (item->young > 0 &&
	    e->established <= gen->as_of - item->young * 10000)
		return false;
	if (item->recognized && !has_cert(e, CERT_HIGHTECH) &&
	    !has_cert(e, CERT_ZJTX_CITY))
		return false;
	return true;
}

struct application_writer {
	const char *folder;
	struct output *output;	/* the open batch; NULL between batches */
	FILE *stream;
	int in_batch;		/* applications in the open batch */
	int batches;		/* batch files opened so far */
	uint64_t applications;	/* written in all */
	uint64_t applicants;	/* enterprises that applied */
};

static void
applications_open(struct application_writer *w, const char *folder)
{
	memset(w, 0, sizeof(*w));
	w->folder = folder;
	if (mkdir(folder, 0777) != 0 && errno != EEXIST)
		die(_("cannot create folder '%s': %s"), folder,
		    strerror(errno));
}

static void
applications_end_batch(struct application_writer *w)
{
	fputs("</applications>\n", w->stream);
	output_commit(w->output);
	w->output = NULL;
	w->stream = NULL;
	w->in_batch = 0;
}

/* Return the stream of the open batch file, opening the next one when
   none is open. A batch is opened only for an application, so that none
   is empty, as application.xsd requires. */
static FILE *
applications_stream(struct application_writer *w)
{
	char *path;

	if (w->output != NULL)
		return w->stream;
	path = xasprintf("%s/batch-%04d.xml", w->folder, ++w->batches);
	w->output = output_open(path, 0644);
	w->stream = output_stream(w->output);
	free(path);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- Applications for the benchmark items that need one, "
	    "written by pfe-gen.\n"
	    "     Enterprises, projects, file names and SHA-256 values are "
	    "made up. -->\n"
	    "<applications>\n", w->stream);
	return w->stream;
}

static void
applications_commit(struct application_writer *w)
{
	if (w->output != NULL)
		applications_end_batch(w);
}

/* Write 64 hexadecimal digits: the made-up SHA-256 of a handed-in file. */
static void
write_sha256(FILE *stream, struct rng *rng)
{
	int k;

	for (k = 0; k < 4; k++)
		fprintf(stream, "%016" PRIx64, rng_next(rng));
}

/* Write one <evidence> or <material> element. Table texts hold no
   character that XML must escape. */
static void
write_evidence(FILE *stream, struct rng *rng, const char *indent,
    const char *element, const char *material, const char *file)
{
	fprintf(stream, "%s<%s", indent, element);
	if (material != NULL)
		fprintf(stream, " material=\"%s\"", material);
	fprintf(stream, " file=\"%s\" sha256=\"", file);
	write_sha256(stream, rng);
	fputs("\"/>\n", stream);
}

/*
 * Write application K (0 or 1) of the enterprise E at INDEX for ITEM,
 * submitted on a day from 1 January of the as-of year to the as-of date,
 * in office hours, Beijing time.
 */
static void
write_application(const struct generator *gen, struct application_writer *w,
    const struct enterprise *e, uint64_t index, int k,
    const struct application_item *item, struct rng *rng)
{
	FILE *stream = applications_stream(w);
	int year = gen->as_of / 10000, month, day;
	int32_t first = date_from_ymd(year, 1, 1);
	int32_t submitted = first + (int32_t)rng_below(rng,
	    (uint64_t)(gen->as_of_days - first + 1));
	int seconds = 8 * 3600 + 1800 + (int)rng_below(rng, 34200);
	const struct declared_profile *profile = NULL;

	date_to_ymd(submitted, &year, &month, &day);
	fprintf(stream, "  <application id=\"SQ-%d-%09" PRIu64 "-%d\" "
	    "item=\"%s\" submitted=\"%04d-%02d-%02dT%02d:%02d:%02d+08:00\">\n",
	    gen->as_of / 10000, index, k + 1, item->id, year, month, day,
	    seconds / 3600, seconds / 60 % 60, seconds % 60);
	fprintf(stream, "    <enterprise uscc=\"%s\" name=\"%s\"/>\n", e->uscc,
	    e->name);
	if (item->declared != DECLARED_NONE)
		profile = &declared_profiles[item->declared];
	if (profile != NULL && profile->project != NULL)
		/* 项目代码: year and month, district, then the index and K
		   keep it unique within a run. */
		fprintf(stream, "    <project code=\"%02d%02d-%s-04-02-%09"
		    PRIu64 "%d\" name=\"%s%s\"/>\n", year % 100, month,
		    e->district->code, index, k + 1, e->industry->word,
		    profile->project);
	if (profile != NULL) {
		int64_t fen = rng_log_normal(rng, profile->median,
		    profile->sigma) * YUAN + (int64_t)rng_below(rng, 100);

		fprintf(stream, "    <declared field=\"%s\" value=\"%" PRId64
		    ".%02d\">\n", profile->field, fen / YUAN,
		    (int)(fen % YUAN));
		write_evidence(stream, rng, "      ", "evidence",
		    profile->material, profile->files[0]);
		write_evidence(stream, rng, "      ", "evidence",
		    profile->material, profile->files[1]);
		fputs("    </declared>\n", stream);
	}
	if (item->material != NULL)
		write_evidence(stream, rng, "    ", "material", item->material,
		    item->material_file);
	write_evidence(stream, rng, "    ", "material", "application",
	    "补助申请表.pdf");
	fputs("  </application>\n", stream);

	w->applications++;
	if (++w->in_batch == APPLICATIONS_PER_FILE)
		applications_end_batch(w);
}

/*
 * Write the applications of the enterprise E at INDEX: an enterprise in
 * the scope of some items applies for one of them, sometimes for two,
 * at fixed chances drawn from its own stream.
 */
static void
make_applications(const struct generator *gen, struct application_writer *w,
    const struct enterprise *e, uint64_t index)
{
	size_t scope[APPLICATION_ITEM_COUNT], n = 0, i, first, second;
	struct rng rng;

	for (i = 0; i < APPLICATION_ITEM_COUNT; i++)
		if (application_in_scope(gen, e, &application_items[i]))
			scope[n++] = i;
	rng_seed(&rng, gen->seed, index, STREAM_APPLICATIONS);
	if (n == 0 || !rng_chance(&rng, APPLY_PER_MILLE))
		return;
	first = (size_t)rng_below(&rng, n);
	write_application(gen, w, e, index, 0,
	    &application_items[scope[first]], &rng);
	if (n > 1 && rng_chance(&rng, SECOND_ITEM_PER_MILLE)) {
		second = (size_t)rng_below(&rng, n - 1);
		if (second >= first)
			second++;
		write_application(gen, w, e, index, 1,
		    &application_items[scope[second]], &rng);
	}
	w->applicants++;
}

/* ---------------------------------------------------------------- */

/* Parse an unsigned decimal option value in [MIN, MAX] or exit with a
   usage error naming the option. */
static uint64_t
parse_count(const char *option, const char *value, uint64_t min,
    uint64_t max)
{
	char *end;
	unsigned long long number;

	errno = 0;
	if (value[0] < '0' || value[0] > '9')
		usage_error(_("invalid value '%s' for %s: expected a whole "
		    "number from %" PRIu64 " to %" PRIu64), value, option, min,
		    max);
	number = strtoull(value, &end, 10);
	if (errno != 0 || *end != '\0' || number < min || number > max)
		usage_error(_("invalid value '%s' for %s: expected a whole "
		    "number from %" PRIu64 " to %" PRIu64), value, option, min,
		    max);
	return (uint64_t)number;
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s [-q] [--seed N] --enterprises N "
	    "--as-of DATE [-o DIR]\n"
	    "           [--applications DIR]\n"), pfe_progname());
	fputs(_("Write synthetic department exports for N made-up enterprises "
	    "into DIR,\n"
	    "and with --applications some of their applications.\n"
	    "\n"
	    "  --seed N         seed of the generator (default 1); the same "
	    "seed gives\n"
	    "                   the same bytes on every machine\n"
	    "  --enterprises N  number of enterprises, 1 to 100000000\n"
	    "  --as-of DATE     as-of date (YYYY-MM-DD); the year before it "
	    "is the last\n"
	    "                   fiscal year of the five written\n"
	    "  -o, --output DIR folder for the ten CSV files (created if "
	    "missing)\n"
	    "  --applications DIR\n"
	    "                   folder for applications of some enterprises "
	    "for the\n"
	    "                   benchmark items that need one "
	    "(batch-NNNN.xml files)\n"
	    "  -q, --quiet      no summary on standard error\n"
	    "      --help       show this help and exit\n"
	    "      --version    show the version and exit\n"), stream);
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "enterprises", required_argument, NULL, 'n' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "output", required_argument, NULL, 'o' },
		{ "applications", required_argument, NULL, 'A' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct generator gen;
	struct writer writer;
	struct application_writer applications;
	struct enterprise *e;
	const char *as_of = NULL, *folder = NULL, *applications_folder = NULL;
	uint64_t seed = 1, count = 0, index, total = 0;
	bool quiet = false;
	int32_t as_of_days;
	int opt, k;

	pfe_init("pfe-gen");

	while ((opt = getopt_long(argc, argv, "o:q", options, NULL)) != -1) {
		switch (opt) {
		case 's':
			seed = parse_count("--seed", optarg, 0, UINT64_MAX);
			break;
		case 'n':
			count = parse_count("--enterprises", optarg, 1,
			    MAX_ENTERPRISES);
			break;
		case 'a':
			as_of = optarg;
			break;
		case 'o':
			folder = optarg;
			break;
		case 'A':
			applications_folder = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			usage(stdout);
			output_close_stdout();
			return PFE_EXIT_OK;
		case 'V':
			pfe_print_version();
			break;
		default:
			usage_error(_("invalid option"));
		}
	}

	if (optind < argc)
		usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (count == 0)
		usage_error(_("missing --enterprises"));
	if (as_of == NULL)
		usage_error(_("missing --as-of"));
	if (folder == NULL && applications_folder == NULL)
		usage_error(_("missing -o DIR or --applications DIR"));
	as_of_days = date_parse_as_of(as_of);

	generator_init(&gen, seed, count, as_of_days);
	if (gen.last_year < 2000 || gen.last_year > 2099)
		usage_error(_("invalid value '%s' for --as-of: expected a date "
		    "from 2001 to 2100"), as_of);
	if (folder != NULL)
		writer_open(&writer, folder);
	if (applications_folder != NULL)
		applications_open(&applications, applications_folder);

	e = xmalloc(sizeof(*e));
	for (index = 0; index < count; index++) {
		generate_enterprise(&gen, index, e);
		if (folder != NULL) {
			write_registry(&writer, e);
			write_years(&gen, &writer, e);
			write_lists(&writer, e, index);
			write_contacts(&writer, e);
		}
		if (applications_folder != NULL)
			make_applications(&gen, &applications, e, index);
	}
	free(e);

	if (folder != NULL) {
		writer_commit(&writer);
		for (k = 0; k < FILE_COUNT; k++)
			total += writer.rows[k];
		if (!quiet)
			fprintf(stderr, _("%s: %" PRIu64 " enterprises, %"
			    PRIu64 " rows written to %s\n"), pfe_progname(),
			    count, total, folder);
	}
	if (applications_folder != NULL) {
		applications_commit(&applications);
		if (!quiet)
			fprintf(stderr, _("%s: %" PRIu64 " applications of %"
			    PRIu64 " of %" PRIu64 " enterprises written to "
			    "%s\n"), pfe_progname(), applications.applications,
			    applications.applicants, count,
			    applications_folder);
	}
	output_close_stdout();
	return PFE_EXIT_OK;
}
