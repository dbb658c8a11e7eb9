#include "core/date.h"
#include "core/err.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int date_valid(int y, int m, int d)
{
	return y >= 1800 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return ERR_INVALID;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int date_parse(const char *s, int *out)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return ERR_INVALID;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return ERR_INVALID;
	if (!date_valid(y, m, d))
		return ERR_INVALID;
	*out = y * 10000 + m * 100 + d;
	return 0;
}

void date_format(int v, char *out)
{
	/* Formatted into a roomy buffer, then cut: the fields are in range
	 * for any valid date, and the cut keeps the output bounded anyway. */
	char tmp[48];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", (v / 10000) % 10000,
		 (v / 100) % 100, v % 100);
	memcpy(out, tmp, DATE_ISO_LEN - 1);
	out[DATE_ISO_LEN - 1] = '\0';
}

/* Howard Hinnant's days_from_civil. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int64_t date_to_days(int v)
{
	return days_from_civil(v / 10000, (unsigned)(v / 100 % 100),
			       (unsigned)(v % 100));
}

int date_from_days(int64_t z)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = (int64_t)yoe + era * 400;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	const unsigned d = doy - (153 * mp + 2) / 5 + 1;
	const unsigned m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	return (int)(y * 10000 + m * 100 + d);
}

int date_add_days(int v, int days)
{
	return date_from_days(date_to_days(v) + days);
}

int date_weekday(int v)
{
	int64_t d = date_to_days(v); /* 1970-01-01 was a Thursday (4) */
	int w = (int)((d % 7 + 7 + 3) % 7); /* 0 = Monday */
	return w + 1;
}

int date_today(void)
{
	return date_local_of(time_now_ms());
}

int date_local_of(int64_t unix_ms)
{
	time_t t = (time_t)(unix_ms / 1000);
	struct tm tm;
	localtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int64_t time_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t time_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void time_format_iso(int64_t ms, char *out)
{
	int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
	int milli = (int)(ms - secs * 1000);
	int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
	int rem = (int)(secs - days * 86400);
	int d = date_from_days(days);
	char tmp[96];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
		 d / 10000, d / 100 % 100, d % 100, rem / 3600, rem / 60 % 60,
		 rem % 60, milli);
	memcpy(out, tmp, TIMESTAMP_ISO_LEN - 1);
	out[TIMESTAMP_ISO_LEN - 1] = '\0';
}

int time_parse_iso(const char *s, int64_t *out)
{
	int date, hh, mm, ss = 0, ms = 0;
	if (!s || strlen(s) < 17 || s[10] != 'T')
		return ERR_INVALID;
	char dbuf[11];
	memcpy(dbuf, s, 10);
	dbuf[10] = '\0';
	if (date_parse(dbuf, &date))
		return ERR_INVALID;
	const char *p = s + 11;
	if (digits(p, 2, &hh) || p[2] != ':' || digits(p + 3, 2, &mm))
		return ERR_INVALID;
	p += 5;
	if (*p == ':') {
		if (digits(p + 1, 2, &ss))
			return ERR_INVALID;
		p += 3;
		if (*p == '.') {
			p++;
			int n = 0, frac = 0;
			while (*p >= '0' && *p <= '9') {
				if (n < 3)
					frac = frac * 10 + (*p - '0');
				n++;
				p++;
			}
			if (n == 0 || n > 9)
				return ERR_INVALID;
			for (int i = n; i < 3; i++)
				frac *= 10;
			ms = frac;
		}
	}
	if (hh > 23 || mm > 59 || ss > 59)
		return ERR_INVALID;
	int off = 0;
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh, om;
		if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) ||
		    oh > 23 || om > 59)
			return ERR_INVALID;
		off = (oh * 60 + om) * (*p == '+' ? 1 : -1);
		p += 6;
	} else {
		return ERR_INVALID;
	}
	if (*p)
		return ERR_INVALID;
	int64_t secs = date_to_days(date) * 86400 + hh * 3600 + mm * 60 + ss -
		       (int64_t)off * 60;
	*out = secs * 1000 + ms;
	return 0;
}
