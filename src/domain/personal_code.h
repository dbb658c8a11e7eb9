/*
 * personal_code.h - the Lithuanian personal code (asmens kodas).
 *
 * Eleven digits G YYMMDD NNN K: G gives sex and century (1/2 man/woman born
 * in the 1800s, 3/4 in the 1900s, 5/6 in the 2000s), YYMMDD the birth date
 * (month or day may be 00 for some older people), NNN a serial, K the check
 * digit (DOMAIN.md section 2).
 *
 * All functions are pure and thread-safe.
 */
#ifndef PAGALBA_DOMAIN_PERSONAL_CODE_H
#define PAGALBA_DOMAIN_PERSONAL_CODE_H

#include <stddef.h>

enum personal_code_error {
	PERSONAL_CODE_OK = 0,
	PERSONAL_CODE_LENGTH,     /* not exactly 11 characters */
	PERSONAL_CODE_NOT_DIGITS, /* a character is not 0-9 */
	PERSONAL_CODE_CENTURY,    /* first digit not 1..6 */
	PERSONAL_CODE_DATE,       /* no such date (or, with _at, future) */
	PERSONAL_CODE_CHECKSUM,   /* check digit does not match */
};

struct personal_code_info {
	int sex;   /* 1 male, 2 female */
	int year;  /* 1800..2099 */
	int month; /* 1..12, 0 = unknown */
	int day;   /* 1..31, 0 = unknown */
};

/*
 * Parses and validates the len bytes at s (not NUL-terminated; no spaces
 * or other characters are tolerated). Checks, in this order: length 11,
 * all digits, G in 1..6, a real calendar date, the check digit. Month 00 is
 * accepted only with day 00; day 00 is accepted with any month; 29
 * February only in leap years. The future is not checked (see
 * personal_code_parse_at).
 *
 * Returns 0 and fills *out (may be NULL), or ERR_INVALID. *why (may be
 * NULL) receives PERSONAL_CODE_OK or the first rule that failed. s may be
 * NULL only with len 0. Thread-safe.
 */
int personal_code_parse(const char *s, size_t len,
			struct personal_code_info *out,
			enum personal_code_error *why);

/*
 * Like personal_code_parse, but also rejects birth dates after
 * today_yyyymmdd (e.g. 20250131) with PERSONAL_CODE_DATE. An unknown day
 * or month compares as the earliest possible date in that month or year,
 * so a code is rejected only if it is certainly in the future. Returns 0
 * or ERR_INVALID; today_yyyymmdd must be a plausible date, else
 * ERR_INVALID with PERSONAL_CODE_DATE. Thread-safe.
 */
int personal_code_parse_at(const char *s, size_t len, int today_yyyymmdd,
			   struct personal_code_info *out,
			   enum personal_code_error *why);

/*
 * Returns the check digit 0..9 for the first ten digits of a code (ASCII
 * '0'..'9'; the caller guarantees they are digits). Thread-safe.
 */
int personal_code_check_digit(const char digits10[10]);

/*
 * Returns a stable machine key for the API's field errors:
 * "personal_code.ok", "personal_code.length", "personal_code.not_digits",
 * "personal_code.century", "personal_code.date",
 * "personal_code.checksum"; unknown values give "personal_code.invalid".
 * Never NULL; the string is static. Thread-safe.
 */
const char *personal_code_error_key(enum personal_code_error why);

/*
 * Builds a valid code into out (11 digits and a NUL) for sex 1 (male) or
 * 2 (female), year 1800..2099, month 0..12 and day 0..31 forming a date
 * personal_code_parse accepts, serial 0..999. Returns 0 or ERR_INVALID
 * (out is then set to ""). Thread-safe.
 */
int personal_code_make(int sex, int year, int month, int day, int serial,
		       char out[12]);

#endif
