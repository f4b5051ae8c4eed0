/*
 * Working days under a holiday calendar: Monday to Friday are working
 * days, except the dates the calendar lists as holidays, and weekend
 * dates it lists as working days (the make-up days of Chinese public
 * holidays) are working days too.
 */
#ifndef PFE_WORKDAY_H
#define PFE_WORKDAY_H

#include <stdint.h>

struct workday_calendar;

/*
 * Load the calendar CSV at PATH: columns date (YYYY-MM-DD) and kind
 * (holiday or workday); other columns, such as a note, are ignored. Dies
 * with file and line on a missing column, an invalid date or kind, or a
 * date listed twice.
 */
struct workday_calendar *workday_calendar_load(const char *path);
void workday_calendar_free(struct workday_calendar *calendar);

/* Return 1 when DAY (days since 1970-01-01) is a working day. */
int workday_is_working(const struct workday_calendar *calendar, int32_t day);

/*
 * Store in *LAST the COUNT-th working day on or after START, or START - 1
 * when COUNT is below 1.
 * Returns 0, or -1 with the year in *MISSING_YEAR when the count reaches
 * a year that has no date in the calendar, so its holidays are unknown.
 */
int workday_last(const struct workday_calendar *calendar, int32_t start,
    int count, int32_t *last, int *missing_year);

#endif
