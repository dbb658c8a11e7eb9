/*
 * test_personal_code.c - unit tests for domain/personal_code.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/err.h"
#include "domain/personal_code.h"

/* Parses a NUL-terminated code; returns the error kind. */
static enum personal_code_error why_of(const char *s)
{
	enum personal_code_error why = (enum personal_code_error)-1;
	int rc = personal_code_parse(s, strlen(s), NULL, &why);
	assert_int_equal(rc, why == PERSONAL_CODE_OK ? 0 : ERR_INVALID);
	return why;
}

/* Returns s with its check digit replaced by the correct one. */
static const char *fix(char buf[12], const char *s)
{
	memcpy(buf, s, 11);
	buf[11] = 0;
	buf[10] = (char)('0' + personal_code_check_digit(buf));
	return buf;
}

static void test_worked_examples(void **state)
{
	struct personal_code_info info;
	enum personal_code_error why;
	(void)state;
	/* DOMAIN.md: first sum 109 (mod 11 = 10), second sum 169 -> 4. */
	assert_int_equal(personal_code_check_digit("3330924006"), 4);
	assert_int_equal(personal_code_parse("33309240064", 11, &info, &why),
			 0);
	assert_int_equal(why, PERSONAL_CODE_OK);
	assert_int_equal(info.sex, 1);
	assert_int_equal(info.year, 1933);
	assert_int_equal(info.month, 9);
	assert_int_equal(info.day, 24);
	/* DOMAIN.md: 4850320017 + 1 (first sum 78). */
	assert_int_equal(personal_code_check_digit("4850320017"), 1);
	assert_int_equal(personal_code_parse("48503200171", 11, &info, &why),
			 0);
	assert_int_equal(info.sex, 2);
	assert_int_equal(info.year, 1985);
	assert_int_equal(info.month, 3);
	assert_int_equal(info.day, 20);
}

static void test_check_digit_both_rounds_ten(void **state)
{
	/* Find a prefix where both sums are 10 mod 11: K must be 0. */
	char d[11];
	int found = 0;
	(void)state;
	for (int n = 0; n < 100000 && !found; n++) {
		static const int w1[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 1 };
		static const int w2[10] = { 3, 4, 5, 6, 7, 8, 9, 1, 2, 3 };
		int s1 = 0, s2 = 0;
		memcpy(d, "3800101", 7);
		d[7] = (char)('0' + n / 100 % 10);
		d[8] = (char)('0' + n / 10 % 10);
		d[9] = (char)('0' + n % 10);
		d[10] = 0;
		d[3] = (char)('0' + n / 1000 % 2);
		d[4] = (char)('1' + n / 2000 % 9);
		for (int i = 0; i < 10; i++) {
			s1 += (d[i] - '0') * w1[i];
			s2 += (d[i] - '0') * w2[i];
		}
		if (s1 % 11 == 10 && s2 % 11 == 10) {
			found = 1;
			assert_int_equal(personal_code_check_digit(d), 0);
		}
	}
	assert_true(found);
}

static void test_errors(void **state)
{
	enum personal_code_error why;
	char b[12];
	(void)state;
	assert_int_equal(why_of(""), PERSONAL_CODE_LENGTH);
	assert_int_equal(why_of("3330924006"), PERSONAL_CODE_LENGTH);
	assert_int_equal(why_of("333092400640"), PERSONAL_CODE_LENGTH);
	assert_int_equal(why_of("3330924006 "), PERSONAL_CODE_NOT_DIGITS);
	assert_int_equal(why_of("3330924O064"), PERSONAL_CODE_NOT_DIGITS);
	assert_int_equal(why_of("-3309240064"), PERSONAL_CODE_NOT_DIGITS);
	assert_int_equal(why_of(fix(b, "03309240060")), PERSONAL_CODE_CENTURY);
	assert_int_equal(why_of(fix(b, "73309240060")), PERSONAL_CODE_CENTURY);
	assert_int_equal(why_of(fix(b, "93309240060")), PERSONAL_CODE_CENTURY);
	assert_int_equal(why_of(fix(b, "33313240060")), PERSONAL_CODE_DATE);
	assert_int_equal(why_of(fix(b, "33309310060")), PERSONAL_CODE_DATE);
	assert_int_equal(why_of(fix(b, "33304310060")), PERSONAL_CODE_DATE);
	assert_int_equal(why_of(fix(b, "33301320060")), PERSONAL_CODE_DATE);
	assert_int_equal(why_of("33309240065"), PERSONAL_CODE_CHECKSUM);
	assert_int_equal(why_of("48503200170"), PERSONAL_CODE_CHECKSUM);
	/* NULL input and NULL why are allowed. */
	assert_int_equal(personal_code_parse(NULL, 0, NULL, &why), ERR_INVALID);
	assert_int_equal(why, PERSONAL_CODE_LENGTH);
	assert_int_equal(personal_code_parse("33309240065", 11, NULL, NULL),
			 ERR_INVALID);
	/* Length is the byte count given, not strlen. */
	assert_int_equal(personal_code_parse("33309240064xyz", 11, NULL, &why),
			 0);
}

static void test_unknown_month_day(void **state)
{
	struct personal_code_info info;
	char b[12];
	(void)state;
	/* Day 00 with a known month. */
	assert_int_equal(personal_code_parse(fix(b, "33309000060"), 11, &info,
					     NULL),
			 0);
	assert_int_equal(info.month, 9);
	assert_int_equal(info.day, 0);
	/* Month and day 00. */
	assert_int_equal(personal_code_parse(fix(b, "33300000060"), 11, &info,
					     NULL),
			 0);
	assert_int_equal(info.month, 0);
	assert_int_equal(info.day, 0);
	/* Month 00 with a known day is rejected. */
	assert_int_equal(why_of(fix(b, "33300150060")), PERSONAL_CODE_DATE);
}

static void test_leap_days(void **state)
{
	char b[12];
	(void)state;
	assert_int_equal(why_of(fix(b, "39602290060")), PERSONAL_CODE_OK);
	assert_int_equal(why_of(fix(b, "39702290060")), PERSONAL_CODE_DATE);
	assert_int_equal(why_of(fix(b, "50002290060")), PERSONAL_CODE_OK);
	assert_int_equal(why_of(fix(b, "10002290060")), PERSONAL_CODE_DATE);
	assert_int_equal(why_of(fix(b, "30002290060")), PERSONAL_CODE_DATE);
	assert_int_equal(why_of(fix(b, "52402290060")), PERSONAL_CODE_OK);
	assert_int_equal(why_of(fix(b, "52302290060")), PERSONAL_CODE_DATE);
	assert_int_equal(why_of(fix(b, "39702280060")), PERSONAL_CODE_OK);
	assert_int_equal(why_of(fix(b, "39602300060")), PERSONAL_CODE_DATE);
}

static void test_parse_at_future(void **state)
{
	struct personal_code_info info;
	enum personal_code_error why;
	char b[12];
	(void)state;
	fix(b, "52406150010"); /* 2024-06-15 */
	assert_int_equal(personal_code_parse(b, 11, &info, &why), 0);
	assert_int_equal(personal_code_parse_at(b, 11, 20240615, &info, &why),
			 0);
	assert_int_equal(personal_code_parse_at(b, 11, 20240614, &info, &why),
			 ERR_INVALID);
	assert_int_equal(why, PERSONAL_CODE_DATE);
	/* Unknown day: rejected only if the month is certainly later. */
	fix(b, "52406000010");
	assert_int_equal(personal_code_parse_at(b, 11, 20240601, NULL, &why),
			 0);
	assert_int_equal(personal_code_parse_at(b, 11, 20240531, NULL, &why),
			 ERR_INVALID);
	/* Other errors still come first. */
	assert_int_equal(personal_code_parse_at("52406150019", 11, 20990101,
						NULL, &why),
			 ERR_INVALID);
	assert_int_equal(why, PERSONAL_CODE_CHECKSUM);
	/* A nonsense "today" is rejected. */
	assert_int_equal(personal_code_parse_at("33309240064", 11, 20241301,
						NULL, &why),
			 ERR_INVALID);
	assert_int_equal(why, PERSONAL_CODE_DATE);
	assert_int_equal(personal_code_parse_at("33309240064", 11, 20250101,
						NULL, &why),
			 0);
}

static void test_error_keys(void **state)
{
	(void)state;
	assert_string_equal(personal_code_error_key(PERSONAL_CODE_OK),
			    "personal_code.ok");
	assert_string_equal(personal_code_error_key(PERSONAL_CODE_LENGTH),
			    "personal_code.length");
	assert_string_equal(personal_code_error_key(PERSONAL_CODE_NOT_DIGITS),
			    "personal_code.not_digits");
	assert_string_equal(personal_code_error_key(PERSONAL_CODE_CENTURY),
			    "personal_code.century");
	assert_string_equal(personal_code_error_key(PERSONAL_CODE_DATE),
			    "personal_code.date");
	assert_string_equal(personal_code_error_key(PERSONAL_CODE_CHECKSUM),
			    "personal_code.checksum");
	assert_string_equal(
		personal_code_error_key((enum personal_code_error)99),
		"personal_code.invalid");
}

static void test_make_round_trip(void **state)
{
	static const int years[] = { 1800, 1899, 1900, 1933, 1999,
				     2000, 2024, 2099 };
	char code[12];
	struct personal_code_info info;
	enum personal_code_error why;
	int seen_g[7] = { 0 };
	(void)state;
	for (size_t y = 0; y < sizeof years / sizeof *years; y++) {
		for (int sex = 1; sex <= 2; sex++) {
			for (int serial = 0; serial <= 999; serial += 37) {
				int month = 1 + serial % 12;
				int day = 1 + serial % 28;
				if (serial % 5 == 0)
					day = 0;
				if (serial % 7 == 0)
					month = day = 0;
				assert_int_equal(
					personal_code_make(sex, years[y], month,
							   day, serial, code),
					0);
				assert_int_equal(strlen(code), 11);
				assert_int_equal(
					personal_code_parse(code, 11, &info,
							    &why),
					0);
				assert_int_equal(info.sex, sex);
				assert_int_equal(info.year, years[y]);
				assert_int_equal(info.month, month);
				assert_int_equal(info.day, day);
				seen_g[code[0] - '0'] = 1;
			}
		}
	}
	for (int g = 1; g <= 6; g++)
		assert_true(seen_g[g]);
	assert_int_equal(personal_code_make(1, 1933, 9, 24, 6, code), 0);
	assert_string_equal(code, "33309240064");
	assert_int_equal(personal_code_make(2, 1985, 3, 20, 17, code), 0);
	assert_string_equal(code, "48503200171");
	assert_int_equal(personal_code_make(1, 2024, 2, 29, 0, code), 0);
}

static void test_make_rejects(void **state)
{
	char code[12];
	(void)state;
	assert_int_equal(personal_code_make(0, 1990, 1, 1, 1, code),
			 ERR_INVALID);
	assert_string_equal(code, "");
	assert_int_equal(personal_code_make(3, 1990, 1, 1, 1, code),
			 ERR_INVALID);
	assert_int_equal(personal_code_make(1, 1799, 1, 1, 1, code),
			 ERR_INVALID);
	assert_int_equal(personal_code_make(1, 2100, 1, 1, 1, code),
			 ERR_INVALID);
	assert_int_equal(personal_code_make(1, 1990, 13, 1, 1, code),
			 ERR_INVALID);
	assert_int_equal(personal_code_make(1, 1990, 0, 5, 1, code),
			 ERR_INVALID);
	assert_int_equal(personal_code_make(1, 2023, 2, 29, 1, code),
			 ERR_INVALID);
	assert_int_equal(personal_code_make(1, 1990, 1, 32, 1, code),
			 ERR_INVALID);
	assert_int_equal(personal_code_make(1, 1990, 1, -1, 1, code),
			 ERR_INVALID);
	assert_int_equal(personal_code_make(1, 1990, 1, 1, 1000, code),
			 ERR_INVALID);
	assert_int_equal(personal_code_make(1, 1990, 1, 1, -1, code),
			 ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_examples),
		cmocka_unit_test(test_check_digit_both_rounds_ten),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_unknown_month_day),
		cmocka_unit_test(test_leap_days),
		cmocka_unit_test(test_parse_at_future),
		cmocka_unit_test(test_error_keys),
		cmocka_unit_test(test_make_round_trip),
		cmocka_unit_test(test_make_rejects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
