/*
 * Money as an integer count of fen (0.01 yuan), never floating point,
 * never formatted through the locale; exact rates as fractions.
 */
#ifndef PFE_MONEY_H
#define PFE_MONEY_H

#include <stdint.h>
#include <stddef.h>

/* Largest amount pfe accepts: 10^15 fen (ten trillion yuan). */
#define MONEY_MAX INT64_C(1000000000000000)

/* Buffer size large enough for any formatted amount. */
#define MONEY_BUFSIZE 48

/* Units an author or a department may write amounts in, as fen per
   unit (too large for an enum, so plain constants). */
#define MONEY_FEN INT64_C(1)
#define MONEY_YUAN INT64_C(100)
#define MONEY_WAN INT64_C(1000000)		/* 万元 */
#define MONEY_YI INT64_C(10000000000)		/* 亿元 */

/*
 * Parse an amount in UNIT into *FEN. Accepts an optional sign, digits
 * with optional "," grouping, full-width digits, a decimal point, and a
 * trailing 元, 万 / 万元 or 亿 / 亿元 that overrides UNIT. Returns 0, or -1
 * when S is not an amount, has more precision than a fen, or exceeds
 * MONEY_MAX.
 */
int money_parse(const char *s, int64_t unit, int64_t *fen);

/* Buffer size large enough for any int64_t in decimal. */
#define INTEGER_BUFSIZE 21

/* Format N in decimal into BUF without printf or the locale; returns BUF.
   The amounts below use it, and so do counts and years elsewhere. */
char *integer_format(int64_t n, char buf[INTEGER_BUFSIZE]);

/* Format FEN as yuan with two decimals ("-1234.50") into BUF; returns BUF. */
char *money_format(int64_t fen, char buf[MONEY_BUFSIZE]);

/* Format FEN for people: "1.23亿元", "45万元", "1234.50元" (exact: more
   decimals are kept rather than rounded). Returns BUF. */
char *money_format_human(int64_t fen, char buf[MONEY_BUFSIZE]);

/* Rounding of a computed amount. */
enum money_rounding {
	ROUND_DOWN,		/* toward zero */
	ROUND_HALF_UP		/* half away from zero */
};

/*
 * Return FEN * NUM / DEN rounded to a multiple of STEP fen (1 fen, 100 for
 * yuan, 1000000 for 万元) by MODE. DEN > 0 and STEP > 0. The product is
 * computed in 128 bits, so it cannot overflow.
 */
int64_t money_scale(int64_t fen, int64_t num, int64_t den, int64_t step,
    enum money_rounding mode);

#endif
