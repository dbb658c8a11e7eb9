/*
 * test_cw_rules.c - the pure rules of child welfare work: month
 * arithmetic, age limits, term checks, the annual report's counting and
 * wording, staff-development hours.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "domain/cw_report.h"
#include "domain/cw_rules.h"
#include "domain/params.h"

static const char *fe_key(const struct field_errors *fe, const char *field)
{
	for (int i = 0; i < fe->n; i++)
		if (!strcmp(fe->e[i].field, field))
			return fe->e[i].key;
	return NULL;
}

static void test_add_months(void **state)
{
	(void)state;
	assert_int_equal(cw_date_add_months(20250131, 1), 20250228);
	assert_int_equal(cw_date_add_months(20240131, 1), 20240229);
	assert_int_equal(cw_date_add_months(20250115, 12), 20260115);
	assert_int_equal(cw_date_add_months(20251215, 1), 20260115);
	assert_int_equal(cw_date_add_months(20080229, 18 * 12), 20260228);
	assert_int_equal(cw_date_add_months(20250230, 1), 0);
	assert_int_equal(cw_term_last_day(20250101, 12), 20251231);
	assert_int_equal(cw_term_last_day(20250301, 1), 20250331);
}

static void test_age_limits(void **state)
{
	(void)state;
	/* Never past the day before the 18th birthday. */
	assert_int_equal(cw_measure_last_day(20080601, CW_SUBJECT_MINIMAL_CARE, 0, 18, 21), 20260531);
	assert_int_equal(cw_measure_last_day(20080601, CW_SUBJECT_MINIMAL_CARE, 1, 18, 21), 20260531);
	assert_int_equal(cw_measure_last_day(20080601, CW_SUBJECT_EDUCATION, 1, 18, 21), 20260531);
	/* Coordinated services: to 21 only with special educational needs. */
	assert_int_equal(cw_measure_last_day(20080601, CW_SUBJECT_COORDINATED, 0, 18, 21), 20260531);
	assert_int_equal(cw_measure_last_day(20080601, CW_SUBJECT_COORDINATED, 1, 18, 21), 20290531);
	/* Born on 29 February: the birthday in a common year is 28 Feb. */
	assert_int_equal(cw_measure_last_day(20080229, CW_SUBJECT_MINIMAL_CARE, 0, 18, 21), 20260227);
	assert_int_equal(cw_measure_last_day(0, CW_SUBJECT_MINIMAL_CARE, 0, 18, 21), 0);
}

static struct cw_term_limits limits(int birth, enum cw_subject s, int sen)
{
	struct cw_term_limits l = {birth, s, sen, 12, 18, 21};
	return l;
}

static void test_term_check(void **state)
{
	(void)state;
	struct field_errors fe = {0};
	struct cw_term_limits l = limits(20150315, CW_SUBJECT_MINIMAL_CARE, 0);
	assert_int_equal(cw_term_check(20250220, 20250630, &l, "from", "to", "child", &fe), 0);
	assert_int_equal(fe.n, 0);
	/* Exactly 12 months is allowed, a day more is not. */
	assert_int_equal(cw_term_check(20250101, 20251231, &l, "from", "to", "child", &fe), 0);
	assert_int_equal(cw_term_check(20250101, 20260101, &l, "from", "to", "child", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "to"), "cw.term.too_long");
	memset(&fe, 0, sizeof(fe));
	l.max_months = 6; /* a municipality's own dated figure */
	assert_int_equal(cw_term_check(20250101, 20250801, &l, "from", "to", "child", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "to"), "cw.term.too_long");
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(cw_term_check(20250301, 20250201, &l, "from", "to", "child", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "to"), "date.order");
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(cw_term_check(0, 20250201, &l, "from", "to", "child", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "from"), "required");
}

static void test_term_age(void **state)
{
	(void)state;
	struct field_errors fe = {0};
	struct cw_term_limits l = limits(20080601, CW_SUBJECT_MINIMAL_CARE, 0);
	/* Up to the day before the 18th birthday, not a day more. */
	assert_int_equal(cw_term_check(20260101, 20260531, &l, "from", "to", "child", &fe), 0);
	assert_int_equal(cw_term_check(20260101, 20260601, &l, "from", "to", "child", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "to"), "cw.term.age");
	assert_null(fe_key(&fe, "from"));
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(cw_term_check(20260701, 20260801, &l, "from", "to", "child", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "from"), "cw.term.age");
	/* Coordinated services with special educational needs: to 21. */
	memset(&fe, 0, sizeof(fe));
	l = limits(20080601, CW_SUBJECT_COORDINATED, 1);
	assert_int_equal(cw_term_check(20260301, 20260930, &l, "from", "to", "child", &fe), 0);
	l.sen = 0;
	assert_int_equal(cw_term_check(20260301, 20260930, &l, "from", "to", "child", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "to"), "cw.term.age");
	/* Unknown birth date: the age cannot be checked. */
	memset(&fe, 0, sizeof(fe));
	l = limits(0, CW_SUBJECT_MINIMAL_CARE, 0);
	assert_int_equal(cw_term_check(20260301, 20260930, &l, "from", "to", "child", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "child"), "cw.child.birth_date");
	/* Before the child was born. */
	memset(&fe, 0, sizeof(fe));
	l = limits(20250601, CW_SUBJECT_MINIMAL_CARE, 0);
	assert_int_equal(cw_term_check(20250101, 20250930, &l, "from", "to", "child", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "from"), "range");
}

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(cw_kind_parse("extend"), CW_KIND_EXTEND);
	assert_int_equal(cw_kind_parse("prolong"), -1);
	assert_int_equal(cw_kind_parse(NULL), -1);
	assert_int_equal(cw_subject_parse("compulsory_education"), CW_SUBJECT_EDUCATION);
	assert_int_equal(cw_evaluation_parse("partly"), CW_EVAL_PARTLY);
	assert_string_equal(cw_kind_name(CW_KIND_CANCEL), "cancel");
	assert_string_equal(cw_subject_name(CW_SUBJECT_COORDINATED), "coordinated_services");
}

static void test_lt_plural(void **state)
{
	(void)state;
	int64_t one[] = {1, 21, 31, 101, 121};
	int64_t few[] = {2, 9, 22, 29, 102};
	int64_t many[] = {0, 10, 11, 12, 19, 20, 30, 111, 112};
	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		assert_int_equal(cw_lt_plural(one[i]), 0);
	for (size_t i = 0; i < sizeof(few) / sizeof(few[0]); i++)
		assert_int_equal(cw_lt_plural(few[i]), 1);
	for (size_t i = 0; i < sizeof(many) / sizeof(many[0]); i++)
		assert_int_equal(cw_lt_plural(many[i]), 2);
}

/* The example of DOMAIN.md: 8 meetings, 12 questions, 5 orders on minimal
 * care measures, 4 on extending coordinated services, 3 on compulsory
 * education. */
static void test_report_counting(void **state)
{
	(void)state;
	struct cw_report_counts c;
	char out[512];
	memset(&c, 0, sizeof(c));
	c.meetings = 8;
	c.questions = 12;
	for (int i = 0; i < 5; i++)
		assert_int_equal(cw_report_add_order(&c, CW_KIND_ASSIGN, CW_SUBJECT_MINIMAL_CARE), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(cw_report_add_order(&c, CW_KIND_EXTEND, CW_SUBJECT_COORDINATED), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(cw_report_add_order(&c, CW_KIND_ASSIGN, CW_SUBJECT_EDUCATION), 0);
	assert_int_equal(cw_report_add_order(&c, 7, 0), ERR_INVALID);
	assert_int_equal(cw_report_add_order(&c, 0, -1), ERR_INVALID);
	assert_int_equal(c.orders_total, 12);
	assert_int_equal(c.orders[CW_KIND_ASSIGN][CW_SUBJECT_MINIMAL_CARE], 5);
	assert_int_equal(cw_report_add_evaluation(&c, CW_EVAL_NOT), 0);
	assert_int_equal(cw_report_add_evaluation(&c, -1), ERR_INVALID);
	assert_int_equal(c.evaluations[CW_EVAL_NOT], 1);

	assert_true(cw_report_summary(&c, 0, out, sizeof(out)) > 0);
	assert_string_equal(out, "8 posėdžiai, 12 klausimų, "
				 "5 potvarkiai dėl minimalios priežiūros priemonių skyrimo, "
				 "3 potvarkiai dėl privalomo ugdymo skyrimo, "
				 "4 potvarkiai dėl koordinuotai teikiamų paslaugų pratęsimo");
	assert_true(cw_report_summary(&c, 1, out, sizeof(out)) > 0);
	assert_string_equal(out, "8 meetings, 12 questions, 5 orders on assigning minimal care measures, "
				 "3 orders on assigning compulsory education, "
				 "4 orders on extending coordinated services");
	memset(&c, 0, sizeof(c));
	c.meetings = 1;
	c.questions = 21;
	assert_true(cw_report_summary(&c, 0, out, sizeof(out)) > 0);
	assert_string_equal(out, "1 posėdis, 21 klausimas");
	assert_int_equal(cw_report_summary(&c, 0, out, 8), ERR_TOO_LARGE);
	assert_string_equal(out, "");
}

static void test_hours(void **state)
{
	(void)state;
	int64_t x = 0;
	assert_int_equal(cw_hours_x100(2.5, &x), 0);
	assert_int_equal(x, 250);
	assert_int_equal(cw_hours_x100(16, &x), 0);
	assert_int_equal(x, 1600);
	assert_int_equal(cw_hours_x100(0.01, &x), 0);
	assert_int_equal(x, 1);
	assert_int_equal(cw_hours_x100(0.001, &x), ERR_INVALID);
	assert_int_equal(cw_hours_x100(0, &x), ERR_INVALID);
	assert_int_equal(cw_hours_x100(-1, &x), ERR_INVALID);
	assert_int_equal(cw_hours_x100(1001, &x), ERR_INVALID);
	assert_true(cw_staffdev_short(1599, 1600));
	assert_false(cw_staffdev_short(1600, 1600));
}

static void test_params(void **state)
{
	(void)state;
	struct param_table t;
	int64_t v;
	assert_int_equal(param_table_defaults(&t), 0);
	assert_int_equal(cw_params_defaults(&t), 0);
	assert_int_equal(param_value_at(&t, PARAM_CW_MEASURE_MAX_MONTHS, 20260101, &v), 0);
	assert_int_equal(v, 12);
	assert_int_equal(param_value_at(&t, PARAM_CW_AGE_LIMIT_SEN, 20260101, &v), 0);
	assert_int_equal(v, 21);
	assert_int_equal(param_value_at(&t, PARAM_STAFFDEV_NORM, 20260101, &v), 0);
	assert_int_equal(v, 1600);
	/* A later-dated figure applies from its date only. */
	assert_int_equal(param_table_add(&t, PARAM_CW_MEASURE_MAX_MONTHS, 20270101, 6), 0);
	assert_int_equal(param_value_at(&t, PARAM_CW_MEASURE_MAX_MONTHS, 20261231, &v), 0);
	assert_int_equal(v, 12);
	assert_int_equal(param_value_at(&t, PARAM_CW_MEASURE_MAX_MONTHS, 20270101, &v), 0);
	assert_int_equal(v, 6);
}

/* CSV for Lithuanian Excel: BOM, ';', quotes only where needed. */
static void test_csv(void **state)
{
	(void)state;
	char *out = NULL;
	size_t len = 0;
	json_t *rows = json_pack("[[s,s,i],[s,s,s]]", "A;B", "x\"y", 3, "Žiūrėta", "eilutė\nkita", "");
	assert_non_null(rows);
	assert_int_equal(cw_report_csv(rows, &out, &len), 0);
	const char *want = "\xEF\xBB\xBF\"A;B\";\"x\"\"y\";3\r\nŽiūrėta;\"eilutė\nkita\";\r\n";
	assert_int_equal(len, strlen(want));
	assert_memory_equal(out, want, len);
	free(out);
	json_decref(rows);
	rows = json_array();
	assert_int_equal(cw_report_csv(rows, &out, &len), 0);
	assert_int_equal(len, 3);
	free(out);
	json_decref(rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_age_limits),
		cmocka_unit_test(test_term_check),
		cmocka_unit_test(test_term_age),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_lt_plural),
		cmocka_unit_test(test_report_counting),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_csv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
