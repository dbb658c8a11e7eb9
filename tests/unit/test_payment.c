/*
 * test_payment.c - unit tests for domain/params.c and domain/payment.c.
 *
 * Worked examples from DOMAIN.md section 4, computed by hand in the
 * comments. Unless a test says otherwise the decision date is 2025-03-01,
 * when VRP is EUR 221.00: 2 VRP = EUR 442.00, 3 VRP = EUR 663.00.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/err.h"
#include "core/text.h"
#include "domain/params.h"
#include "domain/payment.h"

#define D2025 20250301

static void defaults(struct param_table *t)
{
	assert_int_equal(param_table_defaults(t), 0);
}

static struct payment_input input(int date, enum payment_rule rule,
				  int64_t cost, int64_t i1, int64_t i2,
				  int64_t i3, int members)
{
	struct payment_input in;
	memset(&in, 0, sizeof(in));
	in.decision_date = date;
	in.rule = rule;
	in.service_cost = cost;
	in.n_incomes = 3;
	in.incomes[0] = i1;
	in.incomes[1] = i2;
	in.incomes[2] = i3;
	in.family_members = members;
	return in;
}

/* Computes a payment that must succeed; returns it in cents. */
static int64_t pay(const struct param_table *t, const struct payment_input *in,
		   struct payment_result *r)
{
	assert_int_equal(payment_compute(t, in, r), 0);
	assert_null(r->error_field);
	assert_true(r->payment >= 0);
	assert_true(r->payment <= in->service_cost);
	return r->payment;
}

/* The line with key, or NULL. */
static const struct payment_line *line_of(const struct payment_result *r,
					  const char *key)
{
	for (int i = 0; i < r->n_lines; i++)
		if (!strcmp(r->lines[i].key, key))
			return &r->lines[i];
	return NULL;
}

static void assert_args(const struct payment_line *l, int n, const int64_t *a)
{
	assert_non_null(l);
	assert_int_equal(l->nargs, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(l->args[i], a[i]);
}

#define ARGS(...) (int)(sizeof((int64_t[]){ __VA_ARGS__ }) / sizeof(int64_t)), \
		  (int64_t[]){ __VA_ARGS__ }

static void assert_bad(const struct param_table *t,
		       const struct payment_input *in, const char *field,
		       const char *key)
{
	struct payment_result r;
	assert_int_equal(payment_compute(t, in, &r), ERR_INVALID);
	assert_string_equal(r.error_field, field);
	assert_string_equal(r.error_key, key);
	assert_int_equal(r.payment, 0);
	assert_int_equal(r.n_lines, 0);
}

/* ---- params ------------------------------------------------------------ */

static void test_params_defaults(void **state)
{
	struct param_table t;
	int64_t v = -1;
	int from = 0;
	(void)state;
	defaults(&t);
	/* The VRP table, DOMAIN.md 4.5, and the days around each change. */
	assert_int_equal(param_value_at(&t, "vrp", 20211231, &v),
			 ERR_NOT_FOUND);
	assert_int_equal(v, -1);
	static const struct {
		int date;
		int64_t vrp;
		int from;
	} vrp[] = {
		{ 20220101, 12900, 20220101 }, { 20220315, 12900, 20220101 },
		{ 20220531, 12900, 20220101 }, { 20220601, 14700, 20220601 },
		{ 20221231, 14700, 20220601 }, { 20230101, 15700, 20230101 },
		{ 20231231, 15700, 20230101 }, { 20240101, 17600, 20240101 },
		{ 20241231, 17600, 20240101 }, { 20250101, 22100, 20250101 },
		{ 20301231, 22100, 20250101 },
	};
	for (size_t i = 0; i < sizeof(vrp) / sizeof(vrp[0]); i++) {
		assert_int_equal(param_find_at(&t, PARAM_VRP, vrp[i].date, &v,
					       &from),
				 0);
		assert_int_equal(v, vrp[i].vrp);
		assert_int_equal(from, vrp[i].from);
	}
	/* Deadlines and shares, DOMAIN.md 4.3 and 4.4. */
	assert_int_equal(param_value_at(&t, "decision.deadline_days", D2025,
					&v),
			 0);
	assert_int_equal(v, 20);
	assert_int_equal(param_value_at(&t, "contract.deadline_days", D2025,
					&v),
			 0);
	assert_int_equal(v, 7);
	assert_int_equal(param_value_at(&t, "home_help.max_share_pct", D2025,
					&v),
			 0);
	assert_int_equal(v, 2000);
	assert_int_equal(param_value_at(&t, "daycare.band1_pct", D2025, &v),
			 0);
	assert_int_equal(v, 1000);
	assert_int_equal(param_value_at(&t, PARAM_DAYCARE_BAND3, D2025, &v),
			 0);
	assert_int_equal(v, 2000);
	assert_int_equal(param_value_at(&t, PARAM_LONG_TERM_SHARE, D2025, &v),
			 0);
	assert_int_equal(v, 8000);
	/* The placeholder asset norm: EUR 20 000.00 (unconfirmed). */
	assert_int_equal(param_value_at(&t, "asset_norm", D2025, &v), 0);
	assert_int_equal(v, 2000000);
	/* Unknown key, bad arguments. */
	assert_int_equal(param_value_at(&t, "no.such_key", D2025, &v),
			 ERR_NOT_FOUND);
	assert_int_equal(param_value_at(&t, NULL, D2025, &v), ERR_INVALID);
	assert_int_equal(param_value_at(&t, "vrp", 20250230, &v), ERR_INVALID);
	assert_int_equal(param_value_at(&t, "vrp", 0, &v), ERR_INVALID);
}

static void test_params_add(void **state)
{
	struct param_table t;
	int64_t v;
	char long_key[PARAM_KEY_MAX + 1];
	(void)state;
	param_table_init(&t);
	/* Order of adding does not matter; the latest valid_from wins. */
	assert_int_equal(param_table_add(&t, "vrp", 20260101, 25000), 0);
	assert_int_equal(param_table_add(&t, "vrp", 20240101, 17600), 0);
	assert_int_equal(param_value_at(&t, "vrp", 20251231, &v), 0);
	assert_int_equal(v, 17600);
	assert_int_equal(param_value_at(&t, "vrp", 20260101, &v), 0);
	assert_int_equal(v, 25000);
	/* One entry per key and date: change by adding a later date. */
	assert_int_equal(param_table_add(&t, "vrp", 20260101, 26000),
			 ERR_CONFLICT);
	assert_int_equal(t.n, 2);
	/* Bad keys, dates, values. */
	memset(long_key, 'a', PARAM_KEY_MAX);
	long_key[PARAM_KEY_MAX] = 0;
	assert_int_equal(param_table_add(&t, long_key, 20260101, 1),
			 ERR_INVALID);
	long_key[PARAM_KEY_MAX - 1] = 0; /* 47 bytes: fits */
	assert_int_equal(param_table_add(&t, long_key, 20260101, 1), 0);
	assert_int_equal(param_table_add(&t, "", 20260101, 1), ERR_INVALID);
	assert_int_equal(param_table_add(&t, NULL, 20260101, 1), ERR_INVALID);
	assert_int_equal(param_table_add(&t, "VRP", 20260101, 1), ERR_INVALID);
	assert_int_equal(param_table_add(&t, "a b", 20260101, 1), ERR_INVALID);
	assert_int_equal(param_table_add(&t, "x", 20250229, 1), ERR_INVALID);
	assert_int_equal(param_table_add(&t, "x", 0, 1), ERR_INVALID);
	assert_int_equal(param_table_add(&t, "x", 20250101, -1), ERR_INVALID);
	assert_int_equal(t.n, 3);
	/* The cap. */
	for (int i = t.n; i < PARAM_TABLE_MAX; i++)
		assert_int_equal(param_table_add(&t, "fill", 19000101 + i * 10000, i),
				 0);
	assert_int_equal(param_table_add(&t, "one.more", 20250101, 1),
			 ERR_TOO_LARGE);
	assert_int_equal(t.n, PARAM_TABLE_MAX);
}

/* ---- free services ------------------------------------------------------ */

static void test_free_services(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in;
	(void)state;
	defaults(&t);

	/* Information, counselling, mediation, socio-cultural: free, and no
	 * income documents are needed (n_incomes 0). */
	memset(&in, 0, sizeof(in));
	in.decision_date = D2025;
	in.rule = PAYMENT_RULE_FREE;
	in.service_cost = 5000;
	in.family_members = 1;
	assert_int_equal(pay(&t, &in, &r), 0);
	assert_int_equal(r.n_lines, 4);
	assert_string_equal(r.lines[0].key, "payment.rule");
	assert_string_equal(r.lines[1].key, "payment.service_cost");
	assert_string_equal(r.lines[2].key, "payment.free");
	assert_string_equal(r.lines[3].key, "payment.total");
	assert_int_equal(r.vrp, 0);
	assert_string_equal(r.lines[2].text_en, "This service is free of charge");

	/* No parameter is needed, so even a date before our tables works. */
	in.decision_date = 20150101;
	assert_int_equal(pay(&t, &in, &r), 0);

	/* Preventive services: free whatever the income. */
	in = input(D2025, PAYMENT_RULE_PREVENTIVE, 20000, 500000, 500000,
		   500000, 1);
	assert_int_equal(pay(&t, &in, &r), 0);
	assert_non_null(line_of(&r, "payment.free"));
	assert_null(line_of(&r, "payment.income_average"));

	/* If incomes are given they must still be 3 and valid. */
	in.n_incomes = 2;
	assert_bad(&t, &in, "incomes", "range");
}

/* ---- general services and social supervision ----------------------------- */

static void test_general_threshold(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in;
	(void)state;
	defaults(&t);

	/* EUR 441.99 per person: below 2 VRP (442.00), free. */
	in = input(D2025, PAYMENT_RULE_GENERAL, 1500, 44199, 44199, 44199, 1);
	assert_int_equal(pay(&t, &in, &r), 0);
	assert_args(line_of(&r, "payment.free_threshold"),
		    ARGS(20000, 22100, 44200));
	assert_args(line_of(&r, "payment.below_threshold"),
		    ARGS(44199, 44200));
	assert_string_equal(line_of(&r, "payment.below_threshold")->text_lt,
			    "441,99 € < 442,00 €: paslauga nemokama");

	/* Exactly EUR 442.00: DOMAIN.md says free "when income is below
	 * 2 VRP"; 2 VRP is not below 2 VRP, so the service is paid: the
	 * service cost, EUR 15.00. */
	in = input(D2025, PAYMENT_RULE_GENERAL, 1500, 44200, 44200, 44200, 1);
	assert_int_equal(pay(&t, &in, &r), 1500);
	assert_null(line_of(&r, "payment.below_threshold"));
	assert_args(line_of(&r, "payment.at_or_above_threshold"),
		    ARGS(44200, 44200, 1500));

	/* Rounding of the average decides: (442.00 + 442.00 + 441.99) / 3 =
	 * 441.996... -> 442.00 (paid); (442.00 + 441.99 + 441.99) / 3 =
	 * 441.993... -> 441.99 (free). */
	in = input(D2025, PAYMENT_RULE_GENERAL, 1500, 44200, 44200, 44199, 1);
	assert_int_equal(pay(&t, &in, &r), 1500);
	assert_int_equal(r.income_average, 44200);
	in = input(D2025, PAYMENT_RULE_GENERAL, 1500, 44200, 44199, 44199, 1);
	assert_int_equal(pay(&t, &in, &r), 0);
	assert_int_equal(r.income_average, 44199);

	/* Social supervision: the same rule with its own parameter. */
	in = input(D2025, PAYMENT_RULE_SOCIAL_SUPERVISION, 2500, 44200, 44200,
		   44200, 1);
	assert_int_equal(pay(&t, &in, &r), 2500);
	in.incomes[0] = in.incomes[1] = in.incomes[2] = 44199;
	assert_int_equal(pay(&t, &in, &r), 0);
}

/* ---- home help ------------------------------------------------------------ */

static void test_home_help(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in;
	(void)state;
	defaults(&t);

	/* EUR 1 000.00: 20 % = 200.00; 1 000.00 - 442.00 = 558.00 may be
	 * paid, so the 20 % stands. Cost 300.00. */
	in = input(D2025, PAYMENT_RULE_HOME_HELP, 30000, 100000, 100000,
		   100000, 1);
	assert_int_equal(pay(&t, &in, &r), 20000);
	assert_args(line_of(&r, "payment.share"), ARGS(100000, 2000, 20000));
	assert_args(line_of(&r, "payment.floor"),
		    ARGS(20000, 22100, 44200, 1, 44200));
	assert_args(line_of(&r, "payment.floor_cap"),
		    ARGS(100000, 44200, 55800));
	assert_null(line_of(&r, "payment.capped_by_floor"));

	/* EUR 500.00: 20 % = 100.00, but only 500.00 - 442.00 = 58.00 may be
	 * paid so that 2 VRP remain: the floor caps the payment at 58.00. */
	in = input(D2025, PAYMENT_RULE_HOME_HELP, 30000, 50000, 50000, 50000,
		   1);
	assert_int_equal(pay(&t, &in, &r), 5800);
	assert_args(line_of(&r, "payment.capped_by_floor"),
		    ARGS(10000, 5800, 20000));
	assert_int_equal(r.income_average - r.payment, 44200);

	/* Where both limits meet: 0.2 x A = A - 442.00 at A = 552.50; the
	 * payment is 110.50 either way and no reduction line appears. */
	in = input(D2025, PAYMENT_RULE_HOME_HELP, 30000, 55250, 55250, 55250,
		   1);
	assert_int_equal(pay(&t, &in, &r), 11050);
	assert_null(line_of(&r, "payment.capped_by_floor"));

	/* EUR 400.00, below 2 VRP: nothing may be paid. */
	in = input(D2025, PAYMENT_RULE_HOME_HELP, 30000, 40000, 40000, 40000,
		   1);
	assert_int_equal(pay(&t, &in, &r), 0);
	assert_args(line_of(&r, "payment.floor_cap_zero"), ARGS(40000, 44200));
	assert_args(line_of(&r, "payment.capped_by_floor"),
		    ARGS(8000, 0, 20000));

	/* Exactly 2 VRP: still nothing (the floor leaves no room). */
	in = input(D2025, PAYMENT_RULE_HOME_HELP, 30000, 44200, 44200, 44200,
		   1);
	assert_int_equal(pay(&t, &in, &r), 0);

	/* The service cost caps: 20 % of 1 000.00 = 200.00 > cost 150.00. */
	in = input(D2025, PAYMENT_RULE_HOME_HELP, 15000, 100000, 100000,
		   100000, 1);
	assert_int_equal(pay(&t, &in, &r), 15000);
	assert_args(line_of(&r, "payment.capped_by_cost"), ARGS(20000, 15000));
}

/* ---- day care ------------------------------------------------------------- */

static void day_care(const struct param_table *t, int date, int64_t income,
		     int64_t band, int64_t bp, int64_t expect)
{
	struct payment_result r;
	struct payment_input in = input(date, PAYMENT_RULE_DAY_CARE, 50000,
					income, income, income, 1);
	assert_int_equal(pay(t, &in, &r), expect);
	assert_args(line_of(&r, "payment.daycare_band"),
		    ARGS(income, band, bp));
}

static void test_day_care_bands(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in;
	(void)state;
	defaults(&t);

	/* 2025: limits 442.00 and 663.00. Below 2 VRP: 10 %; from 2 VRP up
	 * to and including 3 VRP: 15 %; above 3 VRP: 20 %. */
	day_care(&t, D2025, 44199, 1, 1000, 4420);  /* 44.199 -> 44.20 */
	day_care(&t, D2025, 44200, 2, 1500, 6630);  /* 66.30 */
	day_care(&t, D2025, 66300, 2, 1500, 9945);  /* 99.45 */
	day_care(&t, D2025, 66301, 3, 2000, 13260); /* 132.602 -> 132.60 */
	/* Half a cent rounds up: 10 % of 441.95 = 44.195 -> 44.20;
	 * 10 % of 441.94 = 44.194 -> 44.19. */
	day_care(&t, D2025, 44195, 1, 1000, 4420);
	day_care(&t, D2025, 44194, 1, 1000, 4419);
	/* 2024 (VRP 176.00): limits 352.00 and 528.00. */
	day_care(&t, 20240601, 35199, 1, 1000, 3520);
	day_care(&t, 20240601, 35200, 2, 1500, 5280);
	day_care(&t, 20240601, 52800, 2, 1500, 7920);
	day_care(&t, 20240601, 52801, 3, 2000, 10560);

	in = input(D2025, PAYMENT_RULE_DAY_CARE, 50000, 44200, 44200, 44200, 1);
	assert_int_equal(pay(&t, &in, &r), 6630);
	assert_args(line_of(&r, "payment.daycare_bands"),
		    ARGS(20000, 30000, 44200, 66300, 1000, 1500, 2000));
	assert_string_equal(
		line_of(&r, "payment.daycare_bands")->text_lt,
		"Mokėjimo dydis pagal pajamas vienam asmeniui: 1) mažiau nei "
		"442,00 € (2 VRP) – 10 %; 2) nuo 442,00 € iki 663,00 € (3 VRP) "
		"imtinai – 15 %; 3) daugiau nei 663,00 € – 20 %");

	/* A municipality's own bands from 2025-06-01: 12,5 % in band 2. */
	assert_int_equal(param_table_add(&t, PARAM_DAYCARE_BAND2, 20250601,
					 1250),
			 0);
	day_care(&t, 20250531, 44200, 2, 1500, 6630);
	day_care(&t, 20250601, 44200, 2, 1250, 5525);
	in = input(20250601, PAYMENT_RULE_DAY_CARE, 50000, 44200, 44200, 44200,
		   1);
	assert_int_equal(pay(&t, &in, &r), 5525);
	assert_string_equal(line_of(&r, "payment.share")->text_lt,
			    "12,5 % pajamų: 12,5 % × 442,00 € = 55,25 €");
	assert_string_equal(line_of(&r, "payment.share")->text_en,
			    "12.5% of income: 12.5% × €442.00 = €55.25");
}

/* ---- families ------------------------------------------------------------- */

static void test_family_of_three(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in;
	(void)state;
	defaults(&t);

	/* Family income 1 500.00 a month, 3 members: 500.00 per person.
	 * Home help: 20 % x 1 500.00 = 300.00; 3 x 442.00 = 1 326.00 must
	 * remain, so at most 1 500.00 - 1 326.00 = 174.00 is paid, which
	 * leaves exactly 442.00 per person. */
	in = input(D2025, PAYMENT_RULE_HOME_HELP, 40000, 150000, 150000,
		   150000, 3);
	assert_int_equal(pay(&t, &in, &r), 17400);
	assert_int_equal(r.income_per_person, 50000);
	assert_int_equal(r.family_members, 3);
	assert_args(line_of(&r, "payment.income_per_person"),
		    ARGS(150000, 3, 50000));
	assert_args(line_of(&r, "payment.floor"),
		    ARGS(20000, 22100, 44200, 3, 132600));
	assert_args(line_of(&r, "payment.floor_cap"),
		    ARGS(150000, 132600, 17400));
	assert_int_equal((r.income_average - r.payment) / 3, 44200);
	assert_string_equal(line_of(&r, "payment.income_per_person")->text_lt,
			    "Pajamos vienam asmeniui: 1 500,00 € / 3 = 500,00 €");
	assert_string_equal(line_of(&r, "payment.income_per_person")->text_en,
			    "Income per person: €1,500.00 / 3 = €500.00");

	/* General service for the same family: 500.00 >= 442.00, paid. With
	 * 4 members (375.00 each) it is free. */
	in = input(D2025, PAYMENT_RULE_GENERAL, 1200, 150000, 150000, 150000,
		   3);
	assert_int_equal(pay(&t, &in, &r), 1200);
	in.family_members = 4;
	assert_int_equal(pay(&t, &in, &r), 0);
	assert_int_equal(r.income_per_person, 37500);

	/* Per person rounds half up from the shown average: (1 000.00 +
	 * 1 000.00 + 1 000.01) / 3 = 1 000.0033 -> 1 000.00; / 3 =
	 * 333.333 -> 333.33. */
	in = input(D2025, PAYMENT_RULE_GENERAL, 1200, 100000, 100000, 100001,
		   3);
	assert_int_equal(pay(&t, &in, &r), 0);
	assert_int_equal(r.income_average, 100000);
	assert_int_equal(r.income_per_person, 33333);
}

/* ---- care ------------------------------------------------------------------ */

static void test_long_term_care(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in;
	static const char *const order[] = {
		"payment.rule",	      "payment.service_cost",
		"payment.income_average", "payment.income_per_person",
		"payment.share",      "payment.asset_norm",
		"payment.assets_excess", "payment.assets_share",
		"payment.target_compensation", "payment.sum",
		"payment.total",
	};
	(void)state;
	defaults(&t);

	/* Income 600.00: 80 % = 480.00. Assets 30 000.00, norm 20 000.00
	 * (the placeholder default): 10 000.00 above, 1 % = 100.00 a month.
	 * Target compensation 117.00 counts in full. 480.00 + 100.00 +
	 * 117.00 = 697.00, under the cost of 1 500.00. */
	in = input(D2025, PAYMENT_RULE_LONG_TERM_CARE, 150000, 60000, 60000,
		   60000, 1);
	in.asset_value = 3000000;
	in.target_compensation = 11700;
	assert_int_equal(pay(&t, &in, &r), 69700);
	assert_int_equal(r.n_lines, (int)(sizeof(order) / sizeof(order[0])));
	for (int i = 0; i < r.n_lines; i++)
		assert_string_equal(r.lines[i].key, order[i]);
	assert_args(line_of(&r, "payment.share"), ARGS(60000, 8000, 48000));
	assert_args(line_of(&r, "payment.asset_norm"),
		    ARGS(2000000, 20220101));
	assert_args(line_of(&r, "payment.assets_excess"),
		    ARGS(3000000, 2000000, 1000000));
	assert_args(line_of(&r, "payment.assets_share"),
		    ARGS(1000000, 100, 10000));
	assert_args(line_of(&r, "payment.sum"),
		    ARGS(48000, 10000, 11700, 69700));
	assert_string_equal(line_of(&r, "payment.sum")->text_lt,
			    "Iš viso: 480,00 € + 100,00 € + 117,00 € = 697,00 €");
	assert_string_equal(line_of(&r, "payment.assets_excess")->text_en,
			    "Asset value above the norm: €30,000.00 − "
			    "€20,000.00 = €10,000.00");
	assert_int_equal(r.vrp, 0); /* care does not use VRP */

	/* The cost caps: 697.00 > 650.00. */
	in.service_cost = 65000;
	assert_int_equal(pay(&t, &in, &r), 65000);
	assert_args(line_of(&r, "payment.capped_by_cost"), ARGS(69700, 65000));

	/* Assets at the norm add nothing: 480.00 + 117.00 = 597.00. */
	in.service_cost = 150000;
	in.asset_value = 2000000;
	assert_int_equal(pay(&t, &in, &r), 59700);
	assert_args(line_of(&r, "payment.assets_within_norm"),
		    ARGS(2000000, 2000000));
	assert_null(line_of(&r, "payment.assets_share"));

	/* The municipality enters its own norm from 2025-06-01 (25 000.00):
	 * 5 000.00 above it, 1 % = 50.00: 480.00 + 50.00 + 117.00. */
	assert_int_equal(param_table_add(&t, PARAM_ASSET_NORM, 20250601,
					 2500000),
			 0);
	in.asset_value = 3000000;
	in.decision_date = 20250531;
	assert_int_equal(pay(&t, &in, &r), 69700);
	in.decision_date = 20250601;
	assert_int_equal(pay(&t, &in, &r), 64700);
	assert_args(line_of(&r, "payment.asset_norm"),
		    ARGS(2500000, 20250601));
}

static void test_short_term_care(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in;
	(void)state;
	defaults(&t);

	/* 80 % of 600.00 = 480.00; assets and target compensation are for
	 * long-term care only and are ignored here. */
	in = input(D2025, PAYMENT_RULE_SHORT_TERM_CARE, 100000, 60000, 60000,
		   60000, 1);
	in.asset_value = 3000000;
	in.target_compensation = 11700;
	assert_int_equal(pay(&t, &in, &r), 48000);
	assert_null(line_of(&r, "payment.asset_norm"));
	assert_null(line_of(&r, "payment.target_compensation"));
	/* 80 % of 612.34 = 489.872 -> 489.87. */
	in = input(D2025, PAYMENT_RULE_SHORT_TERM_CARE, 100000, 61234, 61234,
		   61234, 1);
	assert_int_equal(pay(&t, &in, &r), 48987);
}

/* ---- VRP by date --------------------------------------------------------- */

static void test_vrp_by_date(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in;
	(void)state;
	defaults(&t);

	/* 400.00 per person. 2024-12-31: VRP 176.00, 2 VRP = 352.00, paid.
	 * 2025-01-01: VRP 221.00, 2 VRP = 442.00, free. */
	in = input(20241231, PAYMENT_RULE_GENERAL, 1000, 40000, 40000, 40000,
		   1);
	assert_int_equal(pay(&t, &in, &r), 1000);
	assert_int_equal(r.vrp, 17600);
	assert_int_equal(r.vrp_valid_from, 20240101);
	in.decision_date = 20250101;
	assert_int_equal(pay(&t, &in, &r), 0);
	assert_int_equal(r.vrp, 22100);
	assert_int_equal(r.vrp_valid_from, 20250101);
	assert_string_equal(line_of(&r, "payment.vrp")->text_lt,
			    "VRP sprendimo dieną (galioja nuo 2025-01-01): "
			    "221,00 €");

	/* 2022 had two values: 129.00 from January, 147.00 from June. At
	 * 270.00 per person: 2022-03-15 and 2022-05-31 use 129.00 (2 VRP =
	 * 258.00: paid); 2022-06-01 uses 147.00 (294.00: free). */
	in = input(20220315, PAYMENT_RULE_GENERAL, 1000, 27000, 27000, 27000,
		   1);
	assert_int_equal(pay(&t, &in, &r), 1000);
	assert_int_equal(r.vrp, 12900);
	assert_int_equal(r.vrp_valid_from, 20220101);
	in.decision_date = 20220531;
	assert_int_equal(pay(&t, &in, &r), 1000);
	assert_int_equal(r.vrp, 12900);
	in.decision_date = 20220601;
	assert_int_equal(pay(&t, &in, &r), 0);
	assert_int_equal(r.vrp, 14700);
	assert_int_equal(r.vrp_valid_from, 20220601);

	/* Before the table: the figure is unknown, not guessed. */
	in.decision_date = 20211231;
	assert_int_equal(payment_compute(&t, &in, &r), ERR_NOT_FOUND);
	assert_string_equal(r.error_field, "decision_date");
	assert_string_equal(r.error_key, "not_found");
	assert_string_equal(r.error_param, "vrp");
	assert_int_equal(r.n_lines, 0);
}

/* ---- bad input ------------------------------------------------------------ */

static void test_bad_input(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in, good;
	(void)state;
	defaults(&t);
	good = input(D2025, PAYMENT_RULE_HOME_HELP, 30000, 60000, 60000,
		     60000, 1);
	assert_int_equal(pay(&t, &good, &r), 12000);

	in = good;
	in.n_incomes = 2; /* only 2 months */
	assert_bad(&t, &in, "incomes", "range");
	in.n_incomes = 0;
	assert_bad(&t, &in, "incomes", "range");
	in.n_incomes = 4;
	assert_bad(&t, &in, "incomes", "range");
	in = good;
	in.incomes[1] = -1; /* negative income */
	assert_bad(&t, &in, "incomes", "range");
	in = good;
	in.incomes[2] = PAYMENT_MONEY_MAX + 1;
	assert_bad(&t, &in, "incomes", "range");
	in = good;
	in.family_members = 0;
	assert_bad(&t, &in, "family_members", "range");
	in.family_members = PAYMENT_MEMBERS_MAX + 1;
	assert_bad(&t, &in, "family_members", "range");
	in = good;
	in.service_cost = -100;
	assert_bad(&t, &in, "service_cost", "range");
	in = good;
	in.decision_date = 20250229;
	assert_bad(&t, &in, "decision_date", "date");
	in = good;
	in.rule = (enum payment_rule)99;
	assert_bad(&t, &in, "rule", "enum");
	in = good;
	in.asset_value = -1;
	assert_bad(&t, &in, "asset_value", "range");
	in = good;
	in.target_compensation = -1;
	assert_bad(&t, &in, "target_compensation", "range");

	/* A misconfigured parameter (a share above 100 %) is refused. */
	assert_int_equal(param_table_add(&t, PARAM_HOME_HELP_SHARE, 20250201,
					 12000),
			 0);
	assert_bad(&t, &good, "params", "range");
	assert_int_equal(payment_compute(&t, &good, &r), ERR_INVALID);
	assert_string_equal(r.error_param, PARAM_HOME_HELP_SHARE);
}

/* ---- explanation ------------------------------------------------------- */

static void test_explanation_both_languages(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in;
	enum payment_rule all[] = {
		PAYMENT_RULE_FREE,	    PAYMENT_RULE_GENERAL,
		PAYMENT_RULE_SOCIAL_SUPERVISION, PAYMENT_RULE_HOME_HELP,
		PAYMENT_RULE_DAY_CARE,	    PAYMENT_RULE_SHORT_TERM_CARE,
		PAYMENT_RULE_LONG_TERM_CARE, PAYMENT_RULE_PREVENTIVE,
	};
	(void)state;
	defaults(&t);

	/* Home help at an average of 612.00: 20 % = 122.40; 612.00 - 442.00
	 * = 170.00 may be paid; the payment is 122.40. */
	in = input(D2025, PAYMENT_RULE_HOME_HELP, 30000, 60000, 61200, 62400,
		   1);
	assert_int_equal(pay(&t, &in, &r), 12240);
	assert_string_equal(r.lines[0].text_lt,
			    "Paslauga: pagalba į namus; sprendimo data "
			    "2025-03-01 (Vyriausybės nutarimas Nr. 583)");
	assert_string_equal(r.lines[0].text_en,
			    "Service: home help; decision date 2025-03-01 "
			    "(Government resolution 583)");
	assert_string_equal(line_of(&r, "payment.service_cost")->text_lt,
			    "Paslaugos kaina per mėnesį: 300,00 €");
	assert_string_equal(line_of(&r, "payment.income_average")->text_lt,
			    "Vidutinės pajamos per 3 mėn.: (600,00 € + "
			    "612,00 € + 624,00 €) / 3 = 612,00 €");
	assert_string_equal(line_of(&r, "payment.income_average")->text_en,
			    "Average income over 3 months: (€600.00 + €612.00 "
			    "+ €624.00) / 3 = €612.00");
	assert_args(line_of(&r, "payment.income_average"),
		    ARGS(60000, 61200, 62400, 61200));
	assert_string_equal(line_of(&r, "payment.share")->text_lt,
			    "20 % pajamų: 20 % × 612,00 € = 122,40 €");
	assert_string_equal(line_of(&r, "payment.share")->text_en,
			    "20% of income: 20% × €612.00 = €122.40");
	assert_string_equal(line_of(&r, "payment.floor")->text_en,
			    "At least 2 VRP must remain per person after paying "
			    "(2 × €221.00 = €442.00): 1 × €442.00 = €442.00");
	assert_string_equal(line_of(&r, "payment.floor_cap")->text_lt,
			    "Daugiausia galima mokėti: 612,00 € − 442,00 € = "
			    "170,00 €");
	assert_string_equal(r.lines[r.n_lines - 1].key, "payment.total");
	assert_string_equal(r.lines[r.n_lines - 1].text_lt,
			    "Mokėjimas per mėnesį: 122,40 €");
	assert_string_equal(r.lines[r.n_lines - 1].text_en,
			    "Monthly payment: €122.40");
	assert_args(&r.lines[r.n_lines - 1], ARGS(12240));

	/* Every rule: every line has a key and both texts, in valid UTF-8,
	 * different from each other; the last line is the total. */
	for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++) {
		in = input(D2025, all[k], 100000, 70000, 71000, 72000, 2);
		in.asset_value = 2500000;
		in.target_compensation = 5000;
		pay(&t, &in, &r);
		assert_true(r.n_lines >= 4);
		for (int i = 0; i < r.n_lines; i++) {
			const struct payment_line *l = &r.lines[i];
			assert_true(strncmp(l->key, "payment.", 8) == 0);
			assert_true(strlen(l->text_lt) > 0);
			assert_true(strlen(l->text_en) > 0);
			assert_true(utf8_valid(l->text_lt, strlen(l->text_lt)));
			assert_true(utf8_valid(l->text_en, strlen(l->text_en)));
			assert_string_not_equal(l->text_lt, l->text_en);
		}
		assert_string_equal(r.lines[r.n_lines - 1].key,
				    "payment.total");
		assert_int_equal(r.lines[r.n_lines - 1].args[0], r.payment);
	}
}

/* The largest figures accepted still fit every explanation line (a line
 * that did not fit would be ERR_INTERNAL) and cannot overflow. */
static void test_extreme_figures(void **state)
{
	struct param_table t;
	struct payment_result r;
	struct payment_input in;
	static const char *const shares[] = {
		PARAM_HOME_HELP_SHARE, PARAM_DAYCARE_BAND1, PARAM_DAYCARE_BAND2,
		PARAM_DAYCARE_BAND3,   PARAM_SHORT_TERM_SHARE,
		PARAM_LONG_TERM_SHARE, PARAM_LONG_TERM_ASSET_SHARE,
	};
	static const char *const multiples[] = {
		PARAM_GENERAL_FREE_BELOW,  PARAM_SUPERVISION_FREE_BELOW,
		PARAM_HOME_HELP_FLOOR,	   PARAM_DAYCARE_BAND1_LIMIT,
		PARAM_DAYCARE_BAND2_LIMIT,
	};
	(void)state;
	defaults(&t);
	for (size_t i = 0; i < sizeof(shares) / sizeof(shares[0]); i++)
		assert_int_equal(param_table_add(&t, shares[i], 20250201, 9999),
				 0);
	for (size_t i = 0; i < sizeof(multiples) / sizeof(multiples[0]); i++)
		assert_int_equal(param_table_add(&t, multiples[i], 20250201,
						 999999),
				 0);
	assert_int_equal(param_table_add(&t, PARAM_VRP, 20250201,
					 PAYMENT_MONEY_MAX),
			 0);
	assert_int_equal(param_table_add(&t, PARAM_ASSET_NORM, 20250201, 1),
			 0);
	for (int k = 0; k < PAYMENT_RULE_COUNT_; k++) {
		in = input(D2025, (enum payment_rule)k, PAYMENT_MONEY_MAX,
			   PAYMENT_MONEY_MAX, PAYMENT_MONEY_MAX - 1,
			   PAYMENT_MONEY_MAX - 2, 1);
		in.asset_value = PAYMENT_MONEY_MAX;
		in.target_compensation = PAYMENT_MONEY_MAX;
		pay(&t, &in, &r);
		in.family_members = PAYMENT_MEMBERS_MAX;
		in.incomes[0] = in.incomes[1] = in.incomes[2] = 1;
		pay(&t, &in, &r);
	}
	/* Long-term care: 99.99 % of 999 999 999.99 + 99.99 % of the assets
	 * above the 0.01 norm + the compensation, capped at the cost. */
	in = input(D2025, PAYMENT_RULE_LONG_TERM_CARE, PAYMENT_MONEY_MAX,
		   PAYMENT_MONEY_MAX, PAYMENT_MONEY_MAX, PAYMENT_MONEY_MAX, 1);
	in.asset_value = PAYMENT_MONEY_MAX;
	in.target_compensation = PAYMENT_MONEY_MAX;
	assert_int_equal(pay(&t, &in, &r), PAYMENT_MONEY_MAX);
	assert_non_null(line_of(&r, "payment.capped_by_cost"));
}

/* The result holds no pointer into the input or the table: it survives
 * both being freed (ASan would catch a read) and can be copied as bytes. */
static void test_result_self_contained(void **state)
{
	struct param_table *t = malloc(sizeof(*t));
	struct payment_input *in = malloc(sizeof(*in));
	struct payment_result r, copy;
	(void)state;
	assert_non_null(t);
	assert_non_null(in);
	defaults(t);
	*in = input(D2025, PAYMENT_RULE_LONG_TERM_CARE, 150000, 60000, 60000,
		    60000, 1);
	in->asset_value = 3000000;
	in->target_compensation = 11700;
	assert_int_equal(payment_compute(t, in, &r), 0);
	memset(in, 0x5a, sizeof(*in));
	memset(t, 0x5a, sizeof(*t));
	free(in);
	free(t);
	memcpy(&copy, &r, sizeof(r));
	assert_int_equal(copy.payment, 69700);
	assert_int_equal(copy.decision_date, D2025);
	assert_int_equal(copy.rule, PAYMENT_RULE_LONG_TERM_CARE);
	assert_int_equal(copy.service_cost, 150000);
	assert_int_equal(copy.income_average, 60000);
	assert_string_equal(copy.lines[copy.n_lines - 1].text_en,
			    "Monthly payment: €697.00");
}

/* ---- formatting and keys --------------------------------------------------- */

static void money_is(int64_t cents, const char *lt, const char *en)
{
	char out[PAYMENT_MONEY_TEXT_MAX];
	assert_int_equal(payment_format_money(cents, PAYMENT_LANG_LT, out,
					      sizeof(out)),
			 (int)strlen(lt));
	assert_string_equal(out, lt);
	assert_int_equal(payment_format_money(cents, PAYMENT_LANG_EN, out,
					      sizeof(out)),
			 (int)strlen(en));
	assert_string_equal(out, en);
}

static void test_money_format(void **state)
{
	char out[PAYMENT_MONEY_TEXT_MAX];
	(void)state;
	money_is(0, "0,00 €", "€0.00");
	money_is(5, "0,05 €", "€0.05");
	money_is(100, "1,00 €", "€1.00");
	money_is(61200, "612,00 €", "€612.00");
	money_is(99999, "999,99 €", "€999.99");
	money_is(100000, "1 000,00 €", "€1,000.00");
	money_is(123456, "1 234,56 €", "€1,234.56");
	money_is(123456789, "1 234 567,89 €", "€1,234,567.89");
	money_is(-123456, "-1 234,56 €", "-€1,234.56");
	money_is(INT64_MAX, "92 233 720 368 547 758,07 €",
		 "€92,233,720,368,547,758.07");
	money_is(INT64_MIN, "-92 233 720 368 547 758,08 €",
		 "-€92,233,720,368,547,758.08");
	/* "1 234,56 €" is 12 bytes (€ is 3): 13 with the NUL. */
	assert_int_equal(payment_format_money(123456, PAYMENT_LANG_LT, out, 12),
			 ERR_TOO_LARGE);
	assert_string_equal(out, "");
	assert_int_equal(payment_format_money(123456, PAYMENT_LANG_LT, out, 13),
			 12);
	assert_int_equal(payment_format_money(1, (enum payment_lang)7, out,
					      sizeof(out)),
			 ERR_INVALID);
	assert_int_equal(payment_format_money(1, PAYMENT_LANG_EN, NULL, 10),
			 ERR_INVALID);
}

static void test_rule_keys(void **state)
{
	enum payment_rule rule;
	(void)state;
	for (int i = 0; i < PAYMENT_RULE_COUNT_; i++) {
		const char *key = payment_rule_key((enum payment_rule)i);
		assert_non_null(key);
		assert_int_equal(payment_rule_parse(key, &rule), 0);
		assert_int_equal(rule, i);
	}
	assert_string_equal(payment_rule_key(PAYMENT_RULE_HOME_HELP),
			    "home_help");
	assert_string_equal(payment_rule_key(PAYMENT_RULE_LONG_TERM_CARE),
			    "long_term_care");
	assert_null(payment_rule_key(PAYMENT_RULE_COUNT_));
	assert_null(payment_rule_key((enum payment_rule)-1));
	rule = PAYMENT_RULE_GENERAL;
	assert_int_equal(payment_rule_parse("nursing", &rule), ERR_INVALID);
	assert_int_equal(payment_rule_parse(NULL, &rule), ERR_INVALID);
	assert_int_equal(rule, PAYMENT_RULE_GENERAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_params_defaults),
		cmocka_unit_test(test_params_add),
		cmocka_unit_test(test_free_services),
		cmocka_unit_test(test_general_threshold),
		cmocka_unit_test(test_home_help),
		cmocka_unit_test(test_day_care_bands),
		cmocka_unit_test(test_family_of_three),
		cmocka_unit_test(test_long_term_care),
		cmocka_unit_test(test_short_term_care),
		cmocka_unit_test(test_vrp_by_date),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_explanation_both_languages),
		cmocka_unit_test(test_extreme_figures),
		cmocka_unit_test(test_result_self_contained),
		cmocka_unit_test(test_money_format),
		cmocka_unit_test(test_rule_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
