/*
 * date.h - calendar dates and timestamps as the API speaks them (ISO 8601).
 *
 * Dates are ints yyyymmdd (20261123); 0 means "unknown". Timestamps are
 * int64 milliseconds since the Unix epoch, UTC; they are stored and sent as
 * "2026-11-23T09:30:38.123Z". "Today" is the local date in Europe/Vilnius
 * (main() sets TZ unless the environment already does).
 * All functions are pure or read only the clock: thread-safe.
 */
#ifndef PAGALBA_CORE_DATE_H
#define PAGALBA_CORE_DATE_H

#include <stdint.h>

#define DATE_ISO_LEN 11      /* "YYYY-MM-DD" + NUL */
#define TIMESTAMP_ISO_LEN 25 /* "YYYY-MM-DDTHH:MM:SS.mmmZ" + NUL */

/* 1 if y/m/d is a real calendar date (1800..9999), else 0. */
int date_valid(int y, int m, int d);

/* Parses exactly "YYYY-MM-DD" into yyyymmdd. ERR_INVALID otherwise. */
int date_parse(const char *s, int *out);

/* Writes "YYYY-MM-DD" (out must hold DATE_ISO_LEN bytes). */
void date_format(int yyyymmdd, char *out);

/* Days since 1970-01-01 for a valid date, and back. */
int64_t date_to_days(int yyyymmdd);
int date_from_days(int64_t days);
int date_add_days(int yyyymmdd, int days);
/* ISO weekday 1 (Monday) .. 7 (Sunday). */
int date_weekday(int yyyymmdd);

/* Local (Europe/Vilnius) date of now, and of a moment. */
int date_today(void);
int date_local_of(int64_t unix_ms);

int64_t time_now_ms(void);
/* Monotonic nanoseconds, for durations only. */
int64_t time_mono_ns(void);
/* Writes "YYYY-MM-DDTHH:MM:SS.mmmZ" (TIMESTAMP_ISO_LEN bytes). */
void time_format_iso(int64_t unix_ms, char *out);
/* Parses "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM)". ERR_INVALID if not. */
int time_parse_iso(const char *s, int64_t *unix_ms);

#endif
