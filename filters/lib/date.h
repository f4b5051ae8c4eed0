/* Calendar dates as days since 1970-01-01, proleptic Gregorian. */
#ifndef PFE_DATE_H
#define PFE_DATE_H

#include <stdint.h>

#define DATE_BUFSIZE 11

/*
 * Parse "2021-06-01", "2021/6/1" or "2021年6月1日" (full-width digits
 * too) into *DAYS. Returns 0, or -1 when S is not a valid date.
 */
int date_parse(const char *s, int32_t *days);

/* Return the day number of a valid Y-M-D. */
int32_t date_from_ymd(int year, int month, int day);

/* Split a day number into year, month, day. */
void date_to_ymd(int32_t days, int *year, int *month, int *day);

/* Format DAYS as "YYYY-MM-DD" into BUF; returns BUF. */
char *date_format(int32_t days, char buf[DATE_BUFSIZE]);

/* Whole years from FROM to TO (the age on TO of something dated FROM). */
int date_years_between(int32_t from, int32_t to);

/* Year of a day number. */
int date_year(int32_t days);

/*
 * Parse an --as-of option value (ISO date only) or die with a message
 * naming the option.
 */
int32_t date_parse_as_of(const char *s);

#endif
