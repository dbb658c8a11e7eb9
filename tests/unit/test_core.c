/* Unit tests of core/: arena, buf, date. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"

static void arena_allocates_aligned_zeroed_memory(void **state)
{
	struct arena a;
	(void)state;
	arena_init(&a, 0);
	for (int i = 1; i < 2000; i++) {
		unsigned char *p = arena_alloc(&a, (size_t)i);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		for (int k = 0; k < i; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xab, (size_t)i);
	}
	char *s = arena_printf(&a, "%s-%d", "x", 42);
	assert_string_equal(s, "x-42");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_null(arena_strdup(&a, NULL));
	arena_release(&a);
}

static void arena_respects_its_cap(void **state)
{
	struct arena a;
	(void)state;
	arena_init(&a, 1000);
	assert_non_null(arena_alloc(&a, 900));
	assert_null(arena_alloc(&a, 200));
	assert_non_null(arena_alloc(&a, 50));
	arena_release(&a);
}

static void buf_grows_up_to_max_and_not_beyond(void **state)
{
	struct buf b;
	(void)state;
	buf_init(&b, 10);
	assert_int_equal(buf_puts(&b, "hello"), 0);
	assert_int_equal(buf_printf(&b, "%d", 12345), 0);
	assert_string_equal(b.data, "hello12345");
	assert_int_equal(buf_puts(&b, "x"), ERR_TOO_LARGE);
	assert_string_equal(b.data, "hello12345"); /* unchanged */
	assert_int_equal(buf_printf(&b, "%s", "y"), ERR_TOO_LARGE);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	size_t n;
	char *p = buf_detach(&b, &n);
	assert_int_equal(n, 0);
	free(p);
	buf_release(&b);
}

static void date_parse_accepts_only_real_dates(void **state)
{
	int d;
	(void)state;
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(d, 20240229);
	assert_int_equal(date_parse("2023-02-29", &d), ERR_INVALID);
	assert_int_equal(date_parse("2026-13-01", &d), ERR_INVALID);
	assert_int_equal(date_parse("2026-1-01", &d), ERR_INVALID);
	assert_int_equal(date_parse("2026-01-01T00", &d), ERR_INVALID);
	assert_int_equal(date_parse("", &d), ERR_INVALID);
	assert_int_equal(date_parse(NULL, &d), ERR_INVALID);
	assert_int_equal(date_parse("1900-02-29", &d), ERR_INVALID);
	assert_int_equal(date_parse("2000-02-29", &d), 0);
}

static void date_arithmetic_round_trips(void **state)
{
	(void)state;
	assert_int_equal(date_to_days(19700101), 0);
	assert_int_equal(date_from_days(0), 19700101);
	assert_int_equal(date_add_days(20261231, 1), 20270101);
	assert_int_equal(date_add_days(20240301, -1), 20240229);
	assert_int_equal(date_weekday(20261123), 1); /* a Monday */
	assert_int_equal(date_weekday(20261129), 7);
	for (int64_t d = -50000; d < 50000; d += 37)
		assert_int_equal(date_to_days(date_from_days(d)), d);
	char s[DATE_ISO_LEN];
	date_format(20260305, s);
	assert_string_equal(s, "2026-03-05");
}

static void timestamps_parse_and_format(void **state)
{
	int64_t ms;
	char s[TIMESTAMP_ISO_LEN];
	(void)state;
	assert_int_equal(time_parse_iso("2026-11-23T09:30:38.123Z", &ms), 0);
	time_format_iso(ms, s);
	assert_string_equal(s, "2026-11-23T09:30:38.123Z");
	assert_int_equal(time_parse_iso("2026-11-23T11:30:38+02:00", &ms), 0);
	time_format_iso(ms, s);
	assert_string_equal(s, "2026-11-23T09:30:38.000Z");
	assert_int_equal(time_parse_iso("2026-11-23T09:30", &ms), ERR_INVALID);
	assert_int_equal(time_parse_iso("2026-11-23T25:00Z", &ms), ERR_INVALID);
	assert_int_equal(time_parse_iso("2026-11-23 09:30Z", &ms), ERR_INVALID);
	time_format_iso(0, s);
	assert_string_equal(s, "1970-01-01T00:00:00.000Z");
}

static void err_names_are_stable(void **state)
{
	(void)state;
	assert_string_equal(err_name(ERR_INVALID), "invalid");
	assert_string_equal(err_name(ERR_NOT_FOUND), "not_found");
	assert_string_equal(err_name(-999), "internal");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_allocates_aligned_zeroed_memory),
		cmocka_unit_test(arena_respects_its_cap),
		cmocka_unit_test(buf_grows_up_to_max_and_not_beyond),
		cmocka_unit_test(date_parse_accepts_only_real_dates),
		cmocka_unit_test(date_arithmetic_round_trips),
		cmocka_unit_test(timestamps_parse_and_format),
		cmocka_unit_test(err_names_are_stable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
