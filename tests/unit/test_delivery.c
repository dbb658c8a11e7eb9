/* Unit tests of the delivered-service and billing rules (domain/delivery.c,
 * domain/billing.c): quantities, periods, limits, billing arithmetic and
 * CSV escaping. Pure functions, no database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "domain/billing.h"
#include "domain/delivery.h"

static const char *fe_key(const struct field_errors *fe, const char *field)
{
	for (int i = 0; i < fe->n; i++)
		if (!strcmp(fe->e[i].field, field))
			return fe->e[i].key;
	return NULL;
}

static void test_units_parse(void **state)
{
	int64_t x = -1;
	(void)state;
	assert_int_equal(delivery_units_parse("1", &x), 0);
	assert_int_equal(x, 100);
	assert_int_equal(delivery_units_parse("1.5", &x), 0);
	assert_int_equal(x, 150);
	assert_int_equal(delivery_units_parse("12.25", &x), 0);
	assert_int_equal(x, 1225);
	assert_int_equal(delivery_units_parse("0.01", &x), 0);
	assert_int_equal(x, 1);
	assert_int_equal(delivery_units_parse("0", &x), 0);
	assert_int_equal(x, 0);
	assert_int_equal(delivery_units_parse("10000", &x), 0);
	assert_int_equal(x, DELIVERY_UNITS_MAX_X100);
	x = 7;
	const char *bad[] = {"", "1.255", "1.", ".5", "-1", "+1", "1e2", "1,5", " 1",
			     "10000.01", "99999999999999999999", "1.5x", NULL};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(delivery_units_parse(bad[i], &x), ERR_INVALID);
	assert_int_equal(delivery_units_parse(NULL, &x), ERR_INVALID);
	assert_int_equal(x, 7);
}

static void test_units_double(void **state)
{
	int64_t x = 0;
	(void)state;
	assert_int_equal(delivery_units_from_double(1.15, &x), 0);
	assert_int_equal(x, 115);
	assert_int_equal(delivery_units_from_double(0.29, &x), 0);
	assert_int_equal(x, 29);
	assert_int_equal(delivery_units_from_double(2.0, &x), 0);
	assert_int_equal(x, 200);
	assert_int_equal(delivery_units_from_double(1.155, &x), ERR_INVALID);
	assert_int_equal(delivery_units_from_double(-1.0, &x), ERR_INVALID);
	assert_int_equal(delivery_units_from_double(1e9, &x), ERR_INVALID);
	char out[24];
	delivery_units_format(150, out, sizeof(out));
	assert_string_equal(out, "1.50");
	delivery_units_format(5, out, sizeof(out));
	assert_string_equal(out, "0.05");
	delivery_units_format(100000, out, sizeof(out));
	assert_string_equal(out, "1000.00");
}

static void test_week_boundaries(void **state)
{
	int f = 0, t = 0;
	(void)state;
	/* 2026-11-23 is a Monday. */
	assert_int_equal(delivery_period_bounds("week", 20261123, &f, &t), 0);
	assert_int_equal(f, 20261123);
	assert_int_equal(t, 20261129);
	/* A Sunday belongs to the week that began six days earlier. */
	assert_int_equal(delivery_period_bounds("week", 20261129, &f, &t), 0);
	assert_int_equal(f, 20261123);
	assert_int_equal(t, 20261129);
	/* Across a month and a year end: Thu 2026-01-01 is in the week of
	 * Mon 2025-12-29. */
	assert_int_equal(delivery_period_bounds("week", 20260101, &f, &t), 0);
	assert_int_equal(f, 20251229);
	assert_int_equal(t, 20260104);
	/* Leap day. */
	assert_int_equal(delivery_period_bounds("month", 20240229, &f, &t), 0);
	assert_int_equal(f, 20240201);
	assert_int_equal(t, 20240229);
	assert_int_equal(delivery_period_bounds("month", 20250210, &f, &t), 0);
	assert_int_equal(t, 20250228);
	assert_int_equal(delivery_period_bounds("year", 20260615, &f, &t), 0);
	assert_int_equal(f, 20260101);
	assert_int_equal(t, 20261231);
	assert_int_equal(delivery_period_bounds("day", 20260615, &f, &t), 0);
	assert_int_equal(f, 20260615);
	assert_int_equal(t, 20260615);
	assert_int_equal(delivery_period_bounds("stay", 20260615, &f, &t), ERR_INVALID);
	assert_int_equal(delivery_period_bounds("week", 20260230, &f, &t), ERR_INVALID);
	assert_int_equal(delivery_period_bounds(NULL, 20260101, &f, &t), ERR_INVALID);
}

static void test_month_parse(void **state)
{
	int f = 0, l = 0;
	(void)state;
	assert_int_equal(delivery_month_parse("2026-02", &f, &l), 0);
	assert_int_equal(f, 20260201);
	assert_int_equal(l, 20260228);
	assert_int_equal(delivery_month_parse("2026-12", &f, &l), 0);
	assert_int_equal(l, 20261231);
	const char *bad[] = {"2026-13", "2026-1", "2026/02", "2026-02-01", "", "abcd-ef", NULL};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(delivery_month_parse(bad[i], &f, &l), ERR_INVALID);
}

static void test_date_within(void **state)
{
	struct delivery_terms t = {.start_on = 20260301, .end_on = 20260831};
	(void)state;
	assert_false(delivery_date_within(&t, 20260228));
	assert_true(delivery_date_within(&t, 20260301));
	assert_true(delivery_date_within(&t, 20260831));
	assert_false(delivery_date_within(&t, 20260901));
	/* Ended early: the day it ended is its last day. */
	t.ended_on = 20260615;
	assert_true(delivery_date_within(&t, 20260615));
	assert_false(delivery_date_within(&t, 20260616));
	/* Open-ended. */
	t.end_on = 0;
	t.ended_on = 0;
	assert_true(delivery_date_within(&t, 20991231));
	t.start_on = 0;
	assert_false(delivery_date_within(&t, 20260301));
}

static void test_quantity_limits(void **state)
{
	/* Home help: 10 h a week decided, catalogue limit 10 h a week. */
	struct delivery_terms t = {.amount_x100 = 800, .period = "week", .unit = "hour",
				   .limit_x100 = 1000, .limit_period = "week"};
	struct delivery_sums s = {.day_x100 = 300, .period_x100 = 800, .limit_x100 = 800};
	struct field_errors fe = {0};
	int over = -1;
	(void)state;
	/* Exactly the decided amount: not flagged. */
	assert_int_equal(delivery_check_quantity(&t, 300, &s, &fe, &over), 0);
	assert_int_equal(over, 0);
	/* One hundredth above the decided amount: flagged, allowed. */
	s.period_x100 = 801;
	s.limit_x100 = 801;
	assert_int_equal(delivery_check_quantity(&t, 300, &s, &fe, &over), 0);
	assert_int_equal(over, 1);
	assert_int_equal(fe.n, 0);
	/* Exactly the catalogue limit: allowed; above: refused. */
	s.limit_x100 = 1000;
	assert_int_equal(delivery_check_quantity(&t, 300, &s, &fe, &over), 0);
	s.limit_x100 = 1001;
	assert_int_equal(delivery_check_quantity(&t, 300, &s, &fe, &over), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "units"), "delivery.catalogue_limit");
	/* 24 hours a day at most. */
	memset(&fe, 0, sizeof(fe));
	s.limit_x100 = 500;
	s.day_x100 = 2400;
	assert_int_equal(delivery_check_quantity(&t, 300, &s, &fe, &over), 0);
	s.day_x100 = 2401;
	assert_int_equal(delivery_check_quantity(&t, 300, &s, &fe, &over), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "units"), "delivery.units_per_day");
	/* Zero units. */
	memset(&fe, 0, sizeof(fe));
	s.day_x100 = 0;
	assert_int_equal(delivery_check_quantity(&t, 0, &s, &fe, &over), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "units"), "range");
	/* No catalogue limit: any weekly sum passes (flagged). */
	memset(&fe, 0, sizeof(fe));
	t.limit_x100 = 0;
	s.day_x100 = 100;
	s.period_x100 = 100000;
	s.limit_x100 = 100000;
	assert_int_equal(delivery_check_quantity(&t, 100, &s, &fe, &over), 0);
	assert_int_equal(over, 1);
	/* One night a night. */
	t.unit = "night";
	s.day_x100 = 200;
	assert_int_equal(delivery_check_quantity(&t, 200, &s, &fe, &over), ERR_INVALID);
	assert_int_equal(delivery_unit_day_max_x100("hour"), 2400);
	assert_int_equal(delivery_unit_day_max_x100("litre"), 0);
}

static void test_billing_arithmetic(void **state)
{
	(void)state;
	/* 12.5 h x 8.00 = 100.00 */
	assert_int_equal(billing_line_cost(1250, 800), 10000);
	/* 0.33 h x 10.01 = 3.3033 -> 3.30 */
	assert_int_equal(billing_line_cost(33, 1001), 330);
	/* 0.5 x 0.05 = 0.025 -> 0.03 (half up) */
	assert_int_equal(billing_line_cost(50, 5), 3);
	/* 0.5 x 0.01 = 0.005 -> 0.01 */
	assert_int_equal(billing_line_cost(50, 1), 1);
	/* 0.49 x 0.01 = 0.0049 -> 0.00 */
	assert_int_equal(billing_line_cost(49, 1), 0);
	assert_int_equal(billing_line_cost(0, 1234), 0);
	/* Due: the lesser of cost and payment; nothing without a payment. */
	assert_int_equal(billing_due(10000, 1, 4500), 4500);
	assert_int_equal(billing_due(3000, 1, 4500), 3000);
	assert_int_equal(billing_due(4500, 1, 4500), 4500);
	assert_int_equal(billing_due(10000, 1, 0), 0);
	assert_int_equal(billing_due(10000, 0, 4500), 0);
	char out[24];
	billing_csv_money(123456, out, sizeof(out));
	assert_string_equal(out, "1234,56");
	billing_csv_money(5, out, sizeof(out));
	assert_string_equal(out, "0,05");
	billing_csv_money(-5, out, sizeof(out));
	assert_string_equal(out, "-0,05");
	billing_csv_units(1250, out, sizeof(out));
	assert_string_equal(out, "12,50");
}

static void csv_is(const char *in, int text, const char *want)
{
	struct buf b;
	buf_init(&b, 1024);
	assert_int_equal(billing_csv_field(&b, in, text), 0);
	assert_string_equal(b.len ? b.data : "", want);
	buf_release(&b);
}

static void test_csv_escaping(void **state)
{
	(void)state;
	csv_is("Žilionytė", 1, "Žilionytė");
	csv_is("a;b", 1, "\"a;b\"");
	csv_is("say \"hi\"", 1, "\"say \"\"hi\"\"\"");
	csv_is("\"", 1, "\"\"\"\"");
	csv_is("two\nlines", 1, "\"two\nlines\"");
	csv_is("=HYPERLINK(\"x\")", 1, "\"'=HYPERLINK(\"\"x\"\")\"");
	csv_is("=1+2", 1, "'=1+2");
	csv_is("+370", 1, "'+370");
	csv_is("-5", 1, "'-5");
	csv_is("@SUM(A1)", 1, "'@SUM(A1)");
	csv_is("=a;b", 1, "\"'=a;b\"");
	/* Numbers are never prefixed. */
	csv_is("-0,05", 0, "-0,05");
	csv_is("", 1, "");
	csv_is(NULL, 1, "");
	/* The cap holds. */
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(billing_csv_field(&b, "0123456789", 1), ERR_TOO_LARGE);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units_parse),
		cmocka_unit_test(test_units_double),
		cmocka_unit_test(test_week_boundaries),
		cmocka_unit_test(test_month_parse),
		cmocka_unit_test(test_date_within),
		cmocka_unit_test(test_quantity_limits),
		cmocka_unit_test(test_billing_arithmetic),
		cmocka_unit_test(test_csv_escaping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
