/*
 * personal_code.c - validation and construction of Lithuanian personal
 * codes. See personal_code.h and DOMAIN.md section 2.
 */
#include "domain/personal_code.h"

#include "core/err.h"

static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Days in a month, 1..12. */
static int month_days(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* A date as personal codes allow it: month 0 only with day 0. */
static int date_ok(int year, int month, int day)
{
	if (month < 0 || month > 12 || day < 0)
		return 0;
	if (month == 0)
		return day == 0;
	return day <= month_days(year, month);
}

int personal_code_check_digit(const char digits10[10])
{
	static const int w1[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 1 };
	static const int w2[10] = { 3, 4, 5, 6, 7, 8, 9, 1, 2, 3 };
	int s1 = 0, s2 = 0;

	for (int i = 0; i < 10; i++) {
		int d = digits10[i] - '0';
		s1 += d * w1[i];
		s2 += d * w2[i];
	}
	if (s1 % 11 != 10)
		return s1 % 11;
	if (s2 % 11 != 10)
		return s2 % 11;
	return 0;
}

int personal_code_parse(const char *s, size_t len,
			struct personal_code_info *out,
			enum personal_code_error *why)
{
	enum personal_code_error w = PERSONAL_CODE_OK;
	int g, year, month, day;

	if (s == NULL || len != 11) {
		w = PERSONAL_CODE_LENGTH;
		goto out;
	}
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			w = PERSONAL_CODE_NOT_DIGITS;
			goto out;
		}
	}
	g = s[0] - '0';
	if (g < 1 || g > 6) {
		w = PERSONAL_CODE_CENTURY;
		goto out;
	}
	year = 1800 + 100 * ((g - 1) / 2) + (s[1] - '0') * 10 + (s[2] - '0');
	month = (s[3] - '0') * 10 + (s[4] - '0');
	day = (s[5] - '0') * 10 + (s[6] - '0');
	if (!date_ok(year, month, day)) {
		w = PERSONAL_CODE_DATE;
		goto out;
	}
	if (personal_code_check_digit(s) != s[10] - '0') {
		w = PERSONAL_CODE_CHECKSUM;
		goto out;
	}
	if (out != NULL) {
		out->sex = g % 2 == 1 ? 1 : 2;
		out->year = year;
		out->month = month;
		out->day = day;
	}
out:
	if (why != NULL)
		*why = w;
	return w == PERSONAL_CODE_OK ? 0 : ERR_INVALID;
}

int personal_code_parse_at(const char *s, size_t len, int today_yyyymmdd,
			   struct personal_code_info *out,
			   enum personal_code_error *why)
{
	struct personal_code_info info;
	int rc, ty = today_yyyymmdd / 10000, tm = today_yyyymmdd / 100 % 100,
		td = today_yyyymmdd % 100;

	rc = personal_code_parse(s, len, &info, why);
	if (rc != 0)
		return rc;
	if (today_yyyymmdd <= 0 || tm < 1 || td < 1 || !date_ok(ty, tm, td) ||
	    info.year * 10000 + info.month * 100 + info.day > today_yyyymmdd) {
		if (why != NULL)
			*why = PERSONAL_CODE_DATE;
		return ERR_INVALID;
	}
	if (out != NULL)
		*out = info;
	return 0;
}

const char *personal_code_error_key(enum personal_code_error why)
{
	switch (why) {
	case PERSONAL_CODE_OK:
		return "personal_code.ok";
	case PERSONAL_CODE_LENGTH:
		return "personal_code.length";
	case PERSONAL_CODE_NOT_DIGITS:
		return "personal_code.not_digits";
	case PERSONAL_CODE_CENTURY:
		return "personal_code.century";
	case PERSONAL_CODE_DATE:
		return "personal_code.date";
	case PERSONAL_CODE_CHECKSUM:
		return "personal_code.checksum";
	}
	return "personal_code.invalid";
}

int personal_code_make(int sex, int year, int month, int day, int serial,
		       char out[12])
{
	int g, yy;

	out[0] = 0;
	if ((sex != 1 && sex != 2) || year < 1800 || year > 2099 ||
	    serial < 0 || serial > 999 || !date_ok(year, month, day))
		return ERR_INVALID;
	g = 1 + 2 * ((year - 1800) / 100) + (sex - 1);
	yy = year % 100;
	out[0] = (char)('0' + g);
	out[1] = (char)('0' + yy / 10);
	out[2] = (char)('0' + yy % 10);
	out[3] = (char)('0' + month / 10);
	out[4] = (char)('0' + month % 10);
	out[5] = (char)('0' + day / 10);
	out[6] = (char)('0' + day % 10);
	out[7] = (char)('0' + serial / 100);
	out[8] = (char)('0' + serial / 10 % 10);
	out[9] = (char)('0' + serial % 10);
	out[10] = (char)('0' + personal_code_check_digit(out));
	out[11] = 0;
	return 0;
}
