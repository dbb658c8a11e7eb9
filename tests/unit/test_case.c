/*
 * test_case.c - the pure rules of case work (domain/case.h): monthly cost
 * of a decided amount, limits, deadline and month arithmetic, the
 * validation of applications, decisions and events, and document types.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/err.h"
#include "domain/case.h"
#include "domain/params.h"
#include "domain/payment.h"

static void monthly_cost_from_week_month_and_stay(void **state)
{
	(void)state;
	int64_t c;
	/* 10 h a week at 10.00: 100.00 x 52 / 12 = 433.333... -> 433.33. */
	assert_int_equal(case_monthly_cost(1000, "week", 1000, &c), 0);
	assert_int_equal(c, 43333);
	/* 7.5 h a week at 9.50: 71.25 x 52 / 12 = 308.75 exactly. */
	assert_int_equal(case_monthly_cost(750, "week", 950, &c), 0);
	assert_int_equal(c, 30875);
	/* Rounds half up: 1 h a week at 0.03 = 0.13 (0.13 exactly); 0.01 h
	 * at 0.05 = 0.0005 x 52 / 12 -> 0.00. */
	assert_int_equal(case_monthly_cost(100, "week", 3, &c), 0);
	assert_int_equal(c, 13);
	assert_int_equal(case_monthly_cost(1, "week", 5, &c), 0);
	assert_int_equal(c, 0);
	/* 3 h a week at 6.00: 18 x 52 / 12 = 78.00. */
	assert_int_equal(case_monthly_cost(300, "week", 600, &c), 0);
	assert_int_equal(c, 7800);
	/* Month and stay: amount x price, rounded once. */
	assert_int_equal(case_monthly_cost(2050, "month", 333, &c), 0);
	assert_int_equal(c, 6827); /* 20.5 x 3.33 = 68.265 -> 68.27 */
	assert_int_equal(case_monthly_cost(700, "stay", 1500, &c), 0);
	assert_int_equal(c, 10500);
	/* Bad input. */
	assert_int_equal(case_monthly_cost(100, "day", 100, &c), ERR_INVALID);
	assert_int_equal(case_monthly_cost(-1, "week", 100, &c), ERR_INVALID);
	assert_int_equal(case_monthly_cost(100, NULL, 100, &c), ERR_INVALID);
	assert_int_equal(case_monthly_cost(INT64_C(1000000000), "week", PAYMENT_MONEY_MAX, &c),
			 ERR_TOO_LARGE);
}

static void limits_compare_in_the_limits_period(void **state)
{
	(void)state;
	/* Home help: at most 10 h a week. */
	assert_true(case_amount_within_limit(1000, "week", 1000, "week"));
	assert_false(case_amount_within_limit(1001, "week", 1000, "week"));
	/* 43 h a month = 9.92 h a week: within; 44 h = 10.15: over. */
	assert_true(case_amount_within_limit(4300, "month", 1000, "week"));
	assert_false(case_amount_within_limit(4400, "month", 1000, "week"));
	/* A monthly limit against a weekly amount. */
	assert_true(case_amount_within_limit(1000, "week", 4334, "month"));
	assert_false(case_amount_within_limit(1000, "week", 4333, "month"));
	/* Day limits: 8 h a day = 56 a week, 248 a month. */
	assert_true(case_amount_within_limit(5600, "week", 800, "day"));
	assert_false(case_amount_within_limit(5601, "week", 800, "day"));
	assert_true(case_amount_within_limit(24800, "month", 800, "day"));
	/* Year: respite 720 h a year = 13.84 h a week. */
	assert_true(case_amount_within_limit(1384, "week", 72000, "year"));
	assert_false(case_amount_within_limit(1385, "week", 72000, "year"));
	assert_true(case_amount_within_limit(6000, "month", 72000, "year"));
	assert_false(case_amount_within_limit(6001, "month", 72000, "year"));
	/* Stay: overnight stays at most 7 nights. */
	assert_true(case_amount_within_limit(700, "stay", 700, "stay"));
	assert_false(case_amount_within_limit(800, "stay", 700, "stay"));
	/* No limit. */
	assert_true(case_amount_within_limit(99999900, "week", 0, NULL));
	assert_true(case_amount_within_limit(99999900, "week", 0, ""));
}

static void deadlines_from_parameters(void **state)
{
	(void)state;
	struct param_table t;
	int due = 0;
	assert_int_equal(param_table_defaults(&t), 0);
	/* Decision within 20 days of the application. */
	assert_int_equal(case_due_after(&t, PARAM_DECISION_DEADLINE, 20250115, &due), 0);
	assert_int_equal(due, 20250204);
	/* Across a year end and a leap day. */
	assert_int_equal(case_due_after(&t, PARAM_DECISION_DEADLINE, 20231215, &due), 0);
	assert_int_equal(due, 20240104);
	assert_int_equal(case_due_after(&t, PARAM_CONTRACT_DEADLINE, 20240225, &due), 0);
	assert_int_equal(due, 20240303);
	/* Review 12 months after the contract. */
	assert_int_equal(case_due_months_after(&t, PARAM_CASE_REVIEW_MONTHS, 20240229, &due), 0);
	assert_int_equal(due, 20250228);
	/* A dated site entry takes over from its date only. */
	assert_int_equal(param_table_add(&t, PARAM_DECISION_DEADLINE, 20250301, 30), 0);
	assert_int_equal(case_due_after(&t, PARAM_DECISION_DEADLINE, 20250228, &due), 0);
	assert_int_equal(due, 20250320);
	assert_int_equal(case_due_after(&t, PARAM_DECISION_DEADLINE, 20250301, &due), 0);
	assert_int_equal(due, 20250331);
	/* The review interval is in months, 1..120. */
	assert_int_equal(param_key_unit(PARAM_CASE_REVIEW_MONTHS), PARAM_UNIT_MONTHS);
	assert_string_equal(param_unit_key(PARAM_UNIT_MONTHS), "months");
	assert_int_equal(param_value_check(PARAM_CASE_REVIEW_MONTHS, 0), ERR_INVALID);
	assert_int_equal(param_value_check(PARAM_CASE_REVIEW_MONTHS, 120), 0);
	assert_int_equal(param_value_check(PARAM_CASE_REVIEW_MONTHS, 121), ERR_INVALID);
	/* Before the first figure: no value in force. */
	assert_int_equal(case_due_after(&t, PARAM_DECISION_DEADLINE, 20211231, &due), ERR_NOT_FOUND);
}

static void months_arithmetic(void **state)
{
	(void)state;
	int m[3], v = 0;
	char s[8];
	assert_int_equal(case_add_months(20250131, 1), 20250228);
	assert_int_equal(case_add_months(20240131, 1), 20240229);
	assert_int_equal(case_add_months(20241130, 3), 20250228);
	assert_int_equal(case_add_months(20250515, 12), 20260515);
	case_income_months(20250315, m);
	assert_int_equal(m[0], 202412);
	assert_int_equal(m[1], 202501);
	assert_int_equal(m[2], 202502);
	case_income_months(20250101, m);
	assert_int_equal(m[0], 202410);
	assert_int_equal(m[2], 202412);
	assert_int_equal(case_month_parse("2025-03", &v), 0);
	assert_int_equal(v, 202503);
	case_month_format(202412, s);
	assert_string_equal(s, "2024-12");
	assert_int_equal(case_month_parse("2025-13", &v), ERR_INVALID);
	assert_int_equal(case_month_parse("2025-3", &v), ERR_INVALID);
	assert_int_equal(case_month_parse("2025/03", &v), ERR_INVALID);
	assert_int_equal(case_month_parse(NULL, &v), ERR_INVALID);
}

static int has_error(const struct field_errors *fe, const char *field, const char *key)
{
	for (int i = 0; i < fe->n; i++)
		if (!strcmp(fe->e[i].field, field) && !strcmp(fe->e[i].key, key))
			return 1;
	return 0;
}

static void application_validation(void **state)
{
	(void)state;
	int64_t svc[] = {3, 5};
	int64_t dup[] = {3, 3};
	struct case_application_input in;
	struct field_errors fe = {0};
	memset(&in, 0, sizeof(in));
	in.person_id = 1;
	in.department_id = 2;
	in.received_on = 20250110;
	in.channel = "in_person";
	in.service_ids = svc;
	in.n_services = 2;
	assert_int_equal(case_application_validate(&in, 20250110, &fe), 0);
	assert_int_equal(fe.n, 0);

	in.received_on = 20250111;
	in.channel = "fax";
	in.n_services = 0;
	assert_int_equal(case_application_validate(&in, 20250110, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "received_on", "date.future"));
	assert_true(has_error(&fe, "channel", "enum"));
	assert_true(has_error(&fe, "service_ids", "case.services_required"));

	memset(&fe, 0, sizeof(fe));
	in.received_on = 20250105;
	in.channel = "post";
	in.service_ids = dup;
	in.n_services = 2;
	in.applicant_person_id = 9;
	in.applicant_name = "Ona";
	assert_int_equal(case_application_validate(&in, 20250110, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "service_ids", "case.service_duplicate"));
	assert_true(has_error(&fe, "applicant_name", "case.applicant_one"));

	/* A named applicant needs the relation. */
	memset(&fe, 0, sizeof(fe));
	in.service_ids = svc;
	in.applicant_person_id = 0;
	in.applicant_name = "Ona Petraitienė";
	in.applicant_relation = NULL;
	assert_int_equal(case_application_validate(&in, 20250110, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "applicant_relation", "required"));
	memset(&fe, 0, sizeof(fe));
	in.applicant_relation = "dukra";
	assert_int_equal(case_application_validate(&in, 20250110, &fe), 0);

	/* The person cannot be their own other applicant. */
	memset(&fe, 0, sizeof(fe));
	in.applicant_name = NULL;
	in.applicant_relation = NULL;
	in.applicant_person_id = 1;
	assert_int_equal(case_application_validate(&in, 20250110, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "applicant_person_id", "case.applicant_self"));
}

static void decision_validation(void **state)
{
	(void)state;
	static struct case_decision_input in;
	struct field_errors fe = {0};
	int today = date_today();
	memset(&in, 0, sizeof(in));
	in.kind = "refuse";
	in.decided_on = today;
	assert_int_equal(case_decision_validate(&in, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "reason", "required"));

	memset(&fe, 0, sizeof(fe));
	in.kind = "assign";
	in.reason = NULL;
	assert_int_equal(case_decision_validate(&in, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "services", "case.services_required"));

	memset(&fe, 0, sizeof(fe));
	in.n_services = 2;
	in.services[0] = (struct case_decided_service){4, 1000, "week", 5, 20250201, 0};
	in.services[1] = (struct case_decided_service){4, 0, "fortnight", 0, 20250201, 20250101};
	assert_int_equal(case_decision_validate(&in, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "services[1].service_id", "case.service_duplicate"));
	assert_true(has_error(&fe, "services[1].amount", "case.amount"));
	assert_true(has_error(&fe, "services[1].period", "enum"));
	assert_true(has_error(&fe, "services[1].end_on", "date.order"));
	assert_false(has_error(&fe, "services[0].amount", "case.amount"));

	memset(&fe, 0, sizeof(fe));
	in.n_services = 1;
	in.income.given = 1;
	in.income.family_members = 0;
	assert_int_equal(case_decision_validate(&in, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "income.family_members", "range"));
	in.income.family_members = 2;
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(case_decision_validate(&in, &fe), 0);

	/* Waiting list: no services of its own (the application's). */
	memset(&fe, 0, sizeof(fe));
	in.kind = "waiting_list";
	in.income.given = 0;
	assert_int_equal(case_decision_validate(&in, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "services", "case.services_not_allowed"));

	memset(&fe, 0, sizeof(fe));
	in.kind = "assign";
	in.decided_on = date_add_days(today, 1);
	assert_int_equal(case_decision_validate(&in, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "decided_on", "date.future"));
	assert_string_equal(case_service_field(3, CASE_SF_START), "services[3].start_on");
	assert_string_equal(case_service_field(99, CASE_SF_START), "services");
}

static void event_validation(void **state)
{
	(void)state;
	struct case_event_input in = {"suspend", 20250101, NULL, 0};
	struct field_errors fe = {0};
	assert_int_equal(case_event_validate(&in, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "reason", "required"));
	memset(&fe, 0, sizeof(fe));
	in.kind = "resume";
	assert_int_equal(case_event_validate(&in, &fe), 0);
	in.kind = "review";
	in.next_review = 20250101;
	assert_int_equal(case_event_validate(&in, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "next_review", "date.order"));
	memset(&fe, 0, sizeof(fe));
	in.kind = "resume";
	in.next_review = 20260101;
	assert_int_equal(case_event_validate(&in, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "next_review", "case.next_review_only"));
	memset(&fe, 0, sizeof(fe));
	in.kind = "close";
	in.next_review = 0;
	assert_int_equal(case_event_validate(&in, &fe), ERR_INVALID);
	assert_true(has_error(&fe, "kind", "enum"));
}

static void enumerations(void **state)
{
	(void)state;
	assert_true(case_channel_valid("spis"));
	assert_false(case_channel_valid("fax"));
	assert_true(case_dependency_level_valid("very_high"));
	assert_false(case_dependency_level_valid("extreme"));
	assert_false(case_dependency_level_valid(NULL));
	assert_true(case_decision_kind_valid("waiting_list"));
	assert_false(case_decision_kind_valid("amend"));
	assert_true(case_period_valid("stay"));
	assert_false(case_period_valid("day"));
}

static void document_types_by_magic_bytes(void **state)
{
	(void)state;
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
	static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10};
	static const unsigned char exe[] = {'M', 'Z', 0x90, 0};
	char odt[128];
	memset(odt, 0, sizeof(odt));
	memcpy(odt, "PK\x03\x04", 4);
	memcpy(odt + 30, "mimetype", 8);
	memcpy(odt + 38, "application/vnd.oasis.opendocument.text", 39);
	const char docx[] = "PK\x03\x04....[Content_Types].xml....word/document.xml";
	const char zip[] = "PK\x03\x04....other.txt";
	assert_string_equal(case_document_type("%PDF-1.7\n", 9), "application/pdf");
	assert_string_equal(case_document_type(png, sizeof(png)), "image/png");
	assert_string_equal(case_document_type(jpeg, sizeof(jpeg)), "image/jpeg");
	assert_string_equal(case_document_type(odt, sizeof(odt)),
			    "application/vnd.oasis.opendocument.text");
	assert_string_equal(case_document_type(docx, sizeof(docx) - 1),
			    "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	assert_null(case_document_type(zip, sizeof(zip) - 1));
	assert_string_equal(case_document_type("Prašymas\r\n\tįrašas", strlen("Prašymas\r\n\tįrašas")),
			    "text/plain");
	assert_null(case_document_type(exe, sizeof(exe)));
	assert_null(case_document_type("a\x01z", 3));
	assert_null(case_document_type("\xff\xfe", 2));
	assert_null(case_document_type("", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(monthly_cost_from_week_month_and_stay),
		cmocka_unit_test(limits_compare_in_the_limits_period),
		cmocka_unit_test(deadlines_from_parameters),
		cmocka_unit_test(months_arithmetic),
		cmocka_unit_test(application_validation),
		cmocka_unit_test(decision_validation),
		cmocka_unit_test(event_validation),
		cmocka_unit_test(enumerations),
		cmocka_unit_test(document_types_by_magic_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
