/* Unit tests of the home-care rules (domain/homecare.c): ISO weeks,
 * visit patterns against the decision, expanding a week, rosters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/err.h"
#include "domain/homecare.h"

static int has(const struct field_errors *fe, const char *field, const char *key)
{
	for (int i = 0; i < fe->n; i++)
		if (!strcmp(fe->e[i].field, field) && !strcmp(fe->e[i].key, key))
			return 1;
	return 0;
}

static void iso_weeks(void **state)
{
	(void)state;
	int m;
	char w[9];
	assert_int_equal(homecare_week_parse("2026-W48", &m), 0);
	assert_int_equal(m, 20261123);
	assert_int_equal(homecare_week_parse("2026-W01", &m), 0);
	assert_int_equal(m, 20251229); /* week 1 holds 1 January 2026 (a Thursday) */
	assert_int_equal(homecare_week_parse("2026-W53", &m), 0); /* 2026 has 53 weeks */
	assert_int_equal(m, 20261228);
	assert_int_equal(homecare_week_parse("2025-W53", &m), ERR_INVALID);
	assert_int_equal(homecare_week_parse("2026-W00", &m), ERR_INVALID);
	assert_int_equal(homecare_week_parse("2026-48", &m), ERR_INVALID);
	assert_int_equal(homecare_week_parse("2026-W4x", &m), ERR_INVALID);
	assert_int_equal(homecare_week_parse(NULL, &m), ERR_INVALID);
	homecare_week_format(20261126, w);
	assert_string_equal(w, "2026-W48");
	homecare_week_format(20270101, w); /* a Friday: still week 53 of 2026 */
	assert_string_equal(w, "2026-W53");
	homecare_week_format(20251229, w);
	assert_string_equal(w, "2026-W01");
}

static const struct homecare_decided ten_hours = {
	.unit = "hour", .period = "week", .amount_x100 = 1000, .max_visits_week = 5,
	.start_on = 20260101, .end_on = 0,
};

static void pattern_rules(void **state)
{
	(void)state;
	struct field_errors fe = {0};
	/* Mon, Wed, Fri 08:00-11:00, 90 min: 4.5 h of 10. */
	struct homecare_pattern p = {.weekdays = 0x15, .window_start = 480, .window_end = 660,
				     .duration = 90, .valid_from = 20260105};
	assert_int_equal(homecare_pattern_visits(&p), 3);
	assert_int_equal(homecare_pattern_check(&p, &ten_hours, &fe), 0);
	/* 5 visits of 2 h = exactly 10 h: allowed; 5 of 2 h 5 min: not. */
	p.weekdays = 0x1f;
	p.window_end = 720;
	p.duration = 120;
	assert_int_equal(homecare_pattern_check(&p, &ten_hours, &fe), 0);
	p.duration = 125;
	assert_int_equal(homecare_pattern_check(&p, &ten_hours, &fe), ERR_INVALID);
	assert_true(has(&fe, "duration_min", "pattern.over_decision"));
	/* Six days breaks the catalogue's 5 visits a week. */
	memset(&fe, 0, sizeof(fe));
	p.weekdays = 0x3f;
	p.duration = 60;
	assert_int_equal(homecare_pattern_check(&p, &ten_hours, &fe), ERR_INVALID);
	assert_true(has(&fe, "weekdays", "pattern.too_many_visits"));
	/* Neither days nor a count; a window shorter than the visit; dates
	 * before the decision. */
	memset(&fe, 0, sizeof(fe));
	struct homecare_pattern q = {.window_start = 600, .window_end = 630, .duration = 60, .valid_from = 20251201};
	assert_int_equal(homecare_pattern_check(&q, &ten_hours, &fe), ERR_INVALID);
	assert_true(has(&fe, "weekdays", "pattern.days_or_count"));
	assert_true(has(&fe, "window_end", "pattern.window_short"));
	assert_true(has(&fe, "valid_from", "pattern.outside_decision"));
	/* A decision with an end: the pattern must end by then. */
	memset(&fe, 0, sizeof(fe));
	struct homecare_decided until = ten_hours;
	until.end_on = 20260630;
	struct homecare_pattern r = {.visits_per_week = 2, .window_start = 480, .window_end = 960,
				     .duration = 60, .valid_from = 20260105};
	assert_int_equal(homecare_pattern_check(&r, &until, &fe), ERR_INVALID);
	assert_true(has(&fe, "valid_to", "pattern.outside_decision"));
	r.valid_to = 20260630;
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(homecare_pattern_check(&r, &until, &fe), 0);
	/* Visits decided a week: the count is the limit. */
	struct homecare_decided visits = {.unit = "visit", .period = "week", .amount_x100 = 200, .start_on = 20260101};
	r.visits_per_week = 3;
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(homecare_pattern_check(&r, &visits, &fe), ERR_INVALID);
	assert_true(has(&fe, "visits_per_week", "pattern.over_decision"));
}

static void spread_days(void **state)
{
	(void)state;
	assert_int_equal(homecare_spread_days(1), 0x04);
	assert_int_equal(homecare_spread_days(3), 0x15);
	for (int n = 0; n <= 7; n++)
		assert_int_equal(__builtin_popcount(homecare_spread_days(n)), n);
	assert_int_equal(homecare_spread_days(8), 0);
	assert_int_equal(homecare_spread_days(-1), 0);
}

static void expand_a_week(void **state)
{
	(void)state;
	struct homecare_pattern p[2] = {
		/* Mon/Wed/Fri, from Wednesday of this week. */
		{.id = 1, .case_id = 10, .weekdays = 0x15, .window_start = 480, .window_end = 660,
		 .duration = 90, .valid_from = 20261125},
		/* twice a week (Tue, Thu), ends Tuesday. */
		{.id = 2, .case_id = 20, .visits_per_week = 2, .window_start = 600, .window_end = 900,
		 .duration = 60, .valid_from = 20260101, .valid_to = 20261124},
	};
	/* Case 10 is in hospital on Friday. */
	struct homecare_exception ex = {.case_id = 10, .date_from = 20261127, .date_to = 20261201};
	struct homecare_visit v[8];
	size_t n;
	assert_int_equal(homecare_expand_week(p, 2, &ex, 1, 20261123, v, 8, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].date, 20261125);
	assert_int_equal(v[0].skipped, 0);
	assert_int_equal(v[1].date, 20261127);
	assert_int_equal(v[1].skipped, 1);
	assert_int_equal(v[2].pattern_id, 2);
	assert_int_equal(v[2].date, 20261124);
	assert_int_equal(v[2].window_start, 600);
	assert_int_equal(v[2].duration, 60);
	/* Too small a buffer: counted, not overrun. */
	assert_int_equal(homecare_expand_week(p, 2, &ex, 1, 20261123, v, 2, &n), ERR_TOO_LARGE);
	assert_int_equal(n, 3);
}

static void rosters(void **state)
{
	(void)state;
	struct field_errors fe = {0};
	struct homecare_roster_day d[3] = {
		{.weekday = 1, .start = 480, .end = 990, .break_from = 690, .break_to = 810, .break_min = 30},
		{.weekday = 2, .start = 480, .end = 990, .break_from = -1, .break_to = -1, .break_min = 30},
		{.weekday = 3, .start = 480, .end = 720, .break_from = -1, .break_to = -1, .break_min = 0},
	};
	assert_int_equal(homecare_roster_check(d, 3, &fe), 0);
	d[2].weekday = 2;
	d[1].break_from = 960;
	d[1].break_to = 1000;
	assert_int_equal(homecare_roster_check(d, 3, &fe), ERR_INVALID);
	assert_true(has(&fe, "days.2.weekday", "roster.duplicate_day"));
	assert_true(has(&fe, "days.1.break_from", "roster.break_outside"));
	memset(&fe, 0, sizeof(fe));
	d[0].end = 400;
	assert_int_equal(homecare_roster_check(d, 1, &fe), ERR_INVALID);
	assert_true(has(&fe, "days.0.end", "roster.end_before_start"));

	int m;
	char t[6];
	assert_int_equal(homecare_time_parse("08:30", &m), 0);
	assert_int_equal(m, 510);
	assert_int_equal(homecare_time_parse("24:00", &m), 0);
	assert_int_equal(m, 1440);
	assert_int_equal(homecare_time_parse("24:01", &m), ERR_INVALID);
	assert_int_equal(homecare_time_parse("8:30", &m), ERR_INVALID);
	assert_int_equal(homecare_time_parse("08:60", &m), ERR_INVALID);
	homecare_time_format(510, t);
	assert_string_equal(t, "08:30");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(iso_weeks),
		cmocka_unit_test(pattern_rules),
		cmocka_unit_test(spread_days),
		cmocka_unit_test(expand_a_week),
		cmocka_unit_test(rosters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
