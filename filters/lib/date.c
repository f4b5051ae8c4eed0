/* Calendar dates as day numbers (days since 1970-01-01). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "pfe.h"

static int
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int32_t
date_from_ymd(int year, int month, int day)
{
	/* Count from 0000-03-01 so the leap day ends each 4-year cycle. */
	int y = month <= 2 ? year - 1 : year;
	int era = (y >= 0 ? y : y - 399) / 400;
	int year_of_era = y - era * 400;
	int month_from_march = (month + 9) % 12;
	int day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
	int day_of_era = year_of_era * 365 + year_of_era / 4 -
	    year_of_era / 100 + day_of_year;

	return (int32_t)(era * 146097 + day_of_era - 719468);
}

void
date_to_ymd(int32_t days, int *year, int *month, int *day)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int day_of_era = z - era * 146097;
	int year_of_era = (day_of_era - day_of_era / 1460 +
	    day_of_era / 36524 - day_of_era / 146096) / 365;
	int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 -
	    year_of_era / 100);
	int month_from_march = (5 * day_of_year + 2) / 153;

	*day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
	*month = month_from_march < 10 ? month_from_march + 3 :
	    month_from_march - 9;
	*year = year_of_era + era * 400 + (*month <= 2);
}

/* Copy S into OUT with full-width digits folded to ASCII. */
static int
fold_digits(const char *s, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p != '\0') {
		if (n + 4 >= size)
			return -1;
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 &&
		    p[2] <= 0x99) {
			out[n++] = (char)('0' + (p[2] - 0x90));
			p += 3;
		} else {
			out[n++] = (char)*p++;
		}
	}
	out[n] = '\0';
	return 0;
}

/* Parse 1 to MAX_LEN digits at *P into *VALUE and advance *P. */
static int
take_number(const char **p, size_t max_len, int *value)
{
	size_t n = strspn(*p, "0123456789");

	if (n == 0 || n > max_len)
		return -1;
	*value = 0;
	for (size_t i = 0; i < n; i++)
		*value = *value * 10 + ((*p)[i] - '0');
	*p += n;
	return 0;
}

/* Consume SEP at *P. */
static int
take(const char **p, const char *sep)
{
	size_t n = strlen(sep);

	if (strncmp(*p, sep, n) != 0)
		return -1;
	*p += n;
	return 0;
}

/* Set *DAYS to YEAR-MONTH-DAY when it is a date pfe accepts; returns 0,
   or -1 when it is not. */
static int
ymd_days(int year, int month, int day, int32_t *days)
{
	if (year < 1900 || year > 2200 || month < 1 || month > 12 ||
	    day < 1 || day > days_in_month(year, month))
		return -1;
	*days = date_from_ymd(year, month, day);
	return 0;
}

int
date_parse(const char *s, int32_t *days)
{
	char buf[64];
	const char *p = buf;
	int year, month, day;
	const char *sep1, *sep2, *end;

	/* Plain ASCII YYYY-MM-DD, the form of files between filters, skips
	   the folding of full-width digits. */
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
	    strspn(s, "0123456789") == 4 && strspn(s + 5, "0123456789") == 2 &&
	    strspn(s + 8, "0123456789") == 2)
		return ymd_days((s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0'),
		    (s[5] - '0') * 10 + (s[6] - '0'),
		    (s[8] - '0') * 10 + (s[9] - '0'), days);

	if (fold_digits(s, buf, sizeof(buf)) != 0)
		return -1;
	if (take_number(&p, 4, &year) != 0 || p - buf != 4)
		return -1;
	if (*p == '-') {
		sep1 = "-", sep2 = "-", end = "";
	} else if (*p == '/') {
		sep1 = "/", sep2 = "/", end = "";
	} else {
		sep1 = "年", sep2 = "月", end = "日";
	}
	if (take(&p, sep1) != 0 || take_number(&p, 2, &month) != 0 ||
	    take(&p, sep2) != 0 || take_number(&p, 2, &day) != 0 ||
	    take(&p, end) != 0 || *p != '\0')
		return -1;
	/* ISO dates keep two-digit months and days. */
	if (strcmp(sep1, "-") == 0 && strlen(buf) != 10)
		return -1;
	return ymd_days(year, month, day, days);
}

char *
date_format(int32_t days, char buf[DATE_BUFSIZE])
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		/* Outside four digits: no valid input date gets here. */
		snprintf(buf, DATE_BUFSIZE, "%04d-%02d-%02d", y, m, d);
		return buf;
	}
	/* Digit by digit: pfe-match formats a date for many pairs. */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

int
date_year(int32_t days)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	return y;
}

int
date_years_between(int32_t from, int32_t to)
{
	int fy, fm, fd, ty, tm, td, years;

	date_to_ymd(from, &fy, &fm, &fd);
	date_to_ymd(to, &ty, &tm, &td);
	years = ty - fy;
	if (tm < fm || (tm == fm && td < fd))
		years--;
	return years;
}

int32_t
date_parse_as_of(const char *s)
{
	int32_t days;

	if (strlen(s) != 10 || date_parse(s, &days) != 0)
		usage_error(_("invalid --as-of date '%s': expected YYYY-MM-DD"),
		    s);
	return days;
}
