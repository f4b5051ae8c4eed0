/* Money in integer fen: parsing, formatting and exact scaling. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

/* Decimal digits a parsed amount may carry; keeps every product within
   128 bits. */
#define MAX_DIGITS 24

/*
 * Copy S to OUT (of OUT_SIZE bytes) with full-width digits, point, comma
 * and minus replaced by their ASCII forms. Returns -1 when it does not
 * fit.
 */
static int
fold_full_width(const char *s, char *out, size_t out_size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p != '\0') {
		char c;

		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 &&
		    p[2] <= 0x99) {
			c = (char)('0' + (p[2] - 0x90));
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8E) {
			c = '.';
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) {
			c = ',';
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8D) {
			c = '-';
			p += 3;
		} else {
			c = (char)*p++;
		}
		if (n + 1 >= out_size)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

/* Strip a trailing unit word from S (in place); set *UNIT when found. */
static void
strip_unit(char *s, int64_t *unit)
{
	static const struct {
		const char *suffix;
		int64_t unit;
	} suffixes[] = {
		{ "万元", MONEY_WAN }, { "亿元", MONEY_YI },
		{ "万", MONEY_WAN }, { "亿", MONEY_YI }, { "元", MONEY_YUAN },
	};
	size_t len = strlen(s), i;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t n = strlen(suffixes[i].suffix);

		if (len >= n && strcmp(s + len - n, suffixes[i].suffix) == 0) {
			s[len - n] = '\0';
			*unit = suffixes[i].unit;
			return;
		}
	}
}

/* Return 1 when the digits and commas in S[0..len) group by threes. */
static int
grouping_ok(const char *s, size_t len)
{
	size_t i, run = 0;
	int seen_comma = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ',') {
			if (run == 0 || (seen_comma && run != 3) || run > 3)
				return 0;
			seen_comma = 1;
			run = 0;
		} else {
			run++;
		}
	}
	return !seen_comma || run == 3;
}

/*
 * Read S when it is a plain ASCII number, as almost every department
 * cell is: an optional sign, then at most 18 digits with an optional
 * point inside. Stores the digits as one integer in *MANTISSA and 10 to
 * the number of decimals in *SCALE. Returns 0, or -1 when S needs the
 * general parse (which may still accept it).
 */
static int
parse_plain(const char *s, int *negative, int64_t *mantissa, int64_t *scale)
{
	const char *p = s;
	int digits = 0, point = 0;

	*negative = 0;
	*mantissa = 0;
	*scale = 1;
	if (*p == '-' || *p == '+') {
		*negative = *p == '-';
		p++;
	}
	for (;; p++) {
		if (*p >= '0' && *p <= '9') {
			if (++digits > 18)
				return -1;
			*mantissa = *mantissa * 10 + (*p - '0');
			if (point)
				*scale *= 10;
		} else if (*p == '.' && !point && digits > 0) {
			point = 1;
		} else {
			break;
		}
	}
	/* A point needs digits on both sides. */
	if (*p != '\0' || digits == 0 || (point && *scale == 1))
		return -1;
	return 0;
}

/* Parse S as money_parse does, for any input. */
static int
parse_general(const char *s, int64_t unit, int64_t *fen)
{
	char buf[96];
	char *p;
	size_t int_len, digits = 0, frac_digits = 0;
	int negative = 0;
	__int128 mantissa = 0, scale = 1, value;

	if (fold_full_width(s, buf, sizeof(buf)) != 0)
		return -1;
	strip_unit(buf, &unit);
	p = buf;
	if (*p == '-' || *p == '+') {
		negative = *p == '-';
		p++;
	}

	int_len = strspn(p, "0123456789,");
	if (int_len == 0 || !grouping_ok(p, int_len))
		return -1;
	for (size_t i = 0; i < int_len; i++) {
		if (p[i] == ',')
			continue;
		if (++digits > MAX_DIGITS)
			return -1;
		mantissa = mantissa * 10 + (p[i] - '0');
	}
	p += int_len;
	if (*p == '.') {
		p++;
		frac_digits = strspn(p, "0123456789");
		if (frac_digits == 0 || digits + frac_digits > MAX_DIGITS)
			return -1;
		for (size_t i = 0; i < frac_digits; i++) {
			mantissa = mantissa * 10 + (p[i] - '0');
			scale *= 10;
		}
		p += frac_digits;
	}
	if (*p != '\0')
		return -1;

	/* mantissa / scale units, each UNIT fen: must be a whole fen. */
	value = mantissa * (__int128)unit;
	if (value % scale != 0)
		return -1;
	value /= scale;
	if (value > MONEY_MAX)
		return -1;
	*fen = negative ? -(int64_t)value : (int64_t)value;
	return 0;
}

int
money_parse(const char *s, int64_t unit, int64_t *fen)
{
	int negative;
	int64_t mantissa, scale;
	__int128 value;

	if (parse_plain(s, &negative, &mantissa, &scale) != 0)
		return parse_general(s, unit, fen);
	/* mantissa / scale units, each UNIT fen: must be a whole fen. Units
	   and scales are powers of ten, so the division is usually exact
	   and done on the unit alone. */
	if (unit % scale == 0) {
		value = (__int128)mantissa * (unit / scale);
	} else {
		value = (__int128)mantissa * unit;
		if (value % scale != 0)
			return -1;
		value /= scale;
	}
	if (value > MONEY_MAX)
		return -1;
	*fen = negative ? -(int64_t)value : (int64_t)value;
	return 0;
}

char *
integer_format(int64_t n, char buf[INTEGER_BUFSIZE])
{
	uint64_t magnitude = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
	char digits[INTEGER_BUFSIZE];
	size_t at = sizeof(digits);

	digits[--at] = '\0';
	do {
		digits[--at] = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude > 0);
	if (n < 0)
		digits[--at] = '-';
	memcpy(buf, digits + at, sizeof(digits) - at);
	return buf;
}

/* Write SIGN, WHOLE in decimal, then NDEC decimals of DECIMALS (a string
   of digits, possibly longer) and WORD into BUF. These formatters run for
   every amount pfe-match explains, so they avoid snprintf. */
static void
put_amount(char *buf, const char *sign, unsigned long long whole,
    const char *decimals, size_t ndec, const char *word)
{
	size_t at = 0;

	while (*sign != '\0')
		buf[at++] = *sign++;
	/* WHOLE is at most 2^63 / 100, so it fits an int64_t. */
	integer_format((int64_t)whole, buf + at);
	at += strlen(buf + at);
	if (ndec > 0) {
		buf[at++] = '.';
		memcpy(buf + at, decimals, ndec);
		at += ndec;
	}
	/* WORD is "", "元", "万元" or "亿元": the whole fits in 48 bytes. */
	strcpy(buf + at, word);
}

char *
money_format(int64_t fen, char buf[MONEY_BUFSIZE])
{
	unsigned long long magnitude = fen < 0 ?
	    0ULL - (unsigned long long)fen : (unsigned long long)fen;
	char cents[2];

	cents[0] = (char)('0' + magnitude % 100 / 10);
	cents[1] = (char)('0' + magnitude % 10);
	put_amount(buf, fen < 0 ? "-" : "", magnitude / 100, cents, 2, "");
	return buf;
}

/* Write MAGNITUDE / UNIT with the fewest decimals that keep it exact. */
static void
format_scaled(char *buf, const char *sign, unsigned long long magnitude,
    unsigned long long unit, const char *word)
{
	unsigned long long rest = magnitude % unit;
	char decimals[12];
	size_t n = 0;

	/* UNIT is a power of ten, so REST has log10(UNIT) decimal places. */
	for (unsigned long long u = unit / 10; u > 0 && rest > 0; u /= 10) {
		decimals[n++] = (char)('0' + rest / u);
		rest %= u;
	}
	put_amount(buf, sign, magnitude / unit, decimals, n, word);
}

char *
money_format_human(int64_t fen, char buf[MONEY_BUFSIZE])
{
	unsigned long long magnitude = fen < 0 ?
	    0ULL - (unsigned long long)fen : (unsigned long long)fen;
	const char *sign = fen < 0 ? "-" : "";

	/* Use 亿元 or 万元 when the amount reaches the unit and shows exactly
	   with at most four decimals, else yuan. */
	if (magnitude >= (unsigned long long)MONEY_YI &&
	    magnitude % ((unsigned long long)MONEY_YI / 10000) == 0)
		format_scaled(buf, sign, magnitude, MONEY_YI, "亿元");
	else if (magnitude >= (unsigned long long)MONEY_WAN &&
	    magnitude % ((unsigned long long)MONEY_WAN / 10000) == 0)
		format_scaled(buf, sign, magnitude, MONEY_WAN, "万元");
	else if (magnitude % 100 == 0)
		format_scaled(buf, sign, magnitude, MONEY_YUAN, "元");
	else {
		money_format(fen, buf);
		strcat(buf, "元");
	}
	return buf;
}

int64_t
money_scale(int64_t fen, int64_t num, int64_t den, int64_t step,
    enum money_rounding mode)
{
	__int128 q = (__int128)fen * num;
	__int128 d = (__int128)den * step;
	__int128 magnitude = q < 0 ? -q : q;
	__int128 units;

	if (mode == ROUND_HALF_UP)
		units = (2 * magnitude + d) / (2 * d);
	else
		units = magnitude / d;
	units *= step;
	return (int64_t)(q < 0 ? -units : units);
}
