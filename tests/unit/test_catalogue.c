/* Unit tests of the catalogue's pure rules (domain/catalogue.c), the
 * parameter override and key rules (domain/params.c) and unit amounts in
 * hundredths (core/amount.c). No database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "api/api.h"
#include "core/amount.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store_catalogue.h"
#include "domain/catalogue.h"
#include "domain/params.h"
#include "domain/payment.h"

static const char *fe_key(const struct field_errors *fe, const char *field)
{
	for (int i = 0; i < fe->n; i++)
		if (!strcmp(fe->e[i].field, field))
			return fe->e[i].key;
	return NULL;
}

/* ---- amounts ---- */

static void test_amount_parse(void **state)
{
	(void)state;
	int64_t v = -1;
	assert_int_equal(amount_x100_parse("10", &v), 0);
	assert_int_equal(v, 1000);
	assert_int_equal(amount_x100_parse("7.5", &v), 0);
	assert_int_equal(v, 750);
	assert_int_equal(amount_x100_parse("7,25", &v), 0);
	assert_int_equal(v, 725);
	assert_int_equal(amount_x100_parse("0.07", &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(amount_x100_parse("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(amount_x100_parse("10000000", &v), 0);
	assert_int_equal(v, AMOUNT_X100_MAX);
	v = 42;
	const char *bad[] = {"", ".5", "7.", "7.555", "-1", "+1", " 1", "1 ", "1e2", "abc",
		"10000000.01", "99999999999999999999", "1..2", "1.2.3", NULL};
	for (int i = 0; bad[i]; i++) {
		assert_int_equal(amount_x100_parse(bad[i], &v), ERR_INVALID);
		assert_int_equal(v, 42); /* untouched */
	}
	assert_int_equal(amount_x100_parse(NULL, &v), ERR_INVALID);
}

static void test_amount_from_double(void **state)
{
	(void)state;
	int64_t v = -1;
	assert_int_equal(amount_x100_from_double(10.0, &v), 0);
	assert_int_equal(v, 1000);
	assert_int_equal(amount_x100_from_double(7.5, &v), 0);
	assert_int_equal(v, 750);
	/* 0.07 and 0.29 are not exact in binary; they still are 7 and 29. */
	assert_int_equal(amount_x100_from_double(0.07, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(amount_x100_from_double(0.29, &v), 0);
	assert_int_equal(v, 29);
	assert_int_equal(amount_x100_from_double(1234567.89, &v), 0);
	assert_int_equal(v, 123456789);
	v = 42;
	assert_int_equal(amount_x100_from_double(7.555, &v), ERR_INVALID);
	assert_int_equal(amount_x100_from_double(0.001, &v), ERR_INVALID);
	assert_int_equal(amount_x100_from_double(-0.5, &v), ERR_INVALID);
	assert_int_equal(amount_x100_from_double(10000000.01, &v), ERR_INVALID);
	assert_int_equal(amount_x100_from_double(1.0 / 0.0, &v), ERR_INVALID);
	assert_int_equal(amount_x100_from_double(0.0 / 0.0, &v), ERR_INVALID);
	assert_int_equal(v, 42);
}

static void test_amount_format(void **state)
{
	(void)state;
	char buf[AMOUNT_TEXT_MAX];
	assert_int_equal(amount_x100_format(1000, '.', buf, sizeof(buf)), 2);
	assert_string_equal(buf, "10");
	assert_int_equal(amount_x100_format(750, '.', buf, sizeof(buf)), 3);
	assert_string_equal(buf, "7.5");
	amount_x100_format(725, ',', buf, sizeof(buf));
	assert_string_equal(buf, "7,25");
	amount_x100_format(7, '.', buf, sizeof(buf));
	assert_string_equal(buf, "0.07");
	amount_x100_format(-150, '.', buf, sizeof(buf));
	assert_string_equal(buf, "-1.5");
	amount_x100_format(AMOUNT_X100_MAX, '.', buf, sizeof(buf));
	assert_string_equal(buf, "10000000");
	assert_int_equal(amount_x100_format(123456789, '.', buf, 5), ERR_TOO_LARGE);
	assert_string_equal(buf, "");
	/* Every formatted amount parses back to itself. */
	for (int64_t x = 0; x < 100000; x += 37) {
		int64_t back;
		amount_x100_format(x, '.', buf, sizeof(buf));
		assert_int_equal(amount_x100_parse(buf, &back), 0);
		assert_int_equal(back, x);
	}
}

/* ---- parameters ---- */

static void test_param_set_replaces_same_date(void **state)
{
	(void)state;
	struct param_table t;
	int64_t v;
	int from;
	assert_int_equal(param_table_defaults(&t), 0);
	int n = t.n;
	/* Same key and date as a default: replaced, not added. */
	assert_int_equal(param_table_set(&t, PARAM_VRP, 20240101, 18000), 0);
	assert_int_equal(t.n, n);
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20240615, &v), 0);
	assert_int_equal(v, 18000);
	/* The other years keep their defaults. */
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20230615, &v), 0);
	assert_int_equal(v, 15700);
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20250615, &v), 0);
	assert_int_equal(v, 22100);
	/* A new date: added, in force from then on only. */
	assert_int_equal(param_table_set(&t, PARAM_VRP, 20260101, 23000), 0);
	assert_int_equal(t.n, n + 1);
	assert_int_equal(param_find_at(&t, PARAM_VRP, 20251231, &v, &from), 0);
	assert_int_equal(v, 22100);
	assert_int_equal(from, 20250101);
	assert_int_equal(param_find_at(&t, PARAM_VRP, 20260101, &v, &from), 0);
	assert_int_equal(v, 23000);
	assert_int_equal(from, 20260101);
	/* Bad input changes nothing. */
	assert_int_equal(param_table_set(&t, "Bad Key", 20260101, 1), ERR_INVALID);
	assert_int_equal(param_table_set(&t, PARAM_VRP, 20260230, 1), ERR_INVALID);
	assert_int_equal(param_table_set(&t, PARAM_VRP, 20260101, -1), ERR_INVALID);
	assert_int_equal(t.n, n + 1);
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20260101, &v), 0);
	assert_int_equal(v, 23000);
	/* param_table_add still refuses the same date. */
	assert_int_equal(param_table_add(&t, PARAM_VRP, 20260101, 1), ERR_CONFLICT);
}

static void test_param_keys_and_units(void **state)
{
	(void)state;
	const char *k;
	int n = 0, vrp = 0;
	for (int i = 0; (k = param_key_at(i)) != NULL; i++) {
		n++;
		assert_true(param_key_known(k));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(param_key_at(j), k); /* each once */
		if (!strcmp(k, PARAM_VRP))
			vrp++;
	}
	assert_int_equal(vrp, 1);
	assert_int_equal(n, 17); /* 16 + case.review_months (branch cases) */
	assert_false(param_key_known("vrp2"));
	assert_false(param_key_known(NULL));
	assert_int_equal(param_key_unit(PARAM_VRP), PARAM_UNIT_CENTS);
	assert_int_equal(param_key_unit(PARAM_ASSET_NORM), PARAM_UNIT_CENTS);
	assert_int_equal(param_key_unit(PARAM_DECISION_DEADLINE), PARAM_UNIT_DAYS);
	assert_int_equal(param_key_unit(PARAM_HOME_HELP_SHARE), PARAM_UNIT_SHARE_BP);
	assert_int_equal(param_key_unit(PARAM_HOME_HELP_FLOOR), PARAM_UNIT_VRP_BP);
	assert_int_equal(param_key_unit(PARAM_DAYCARE_BAND1_LIMIT), PARAM_UNIT_VRP_BP);
	assert_int_equal(param_key_unit(PARAM_LONG_TERM_ASSET_SHARE), PARAM_UNIT_SHARE_BP);
	assert_string_equal(param_unit_key(PARAM_UNIT_SHARE_BP), "share_bp");
	assert_null(param_unit_key(PARAM_UNIT_COUNT_));
}

/* The API names every known key and unit in both languages. */
static void test_param_messages(void **state)
{
	(void)state;
	char k[96];
	const char *key;
	for (int i = 0; (key = param_key_at(i)) != NULL; i++) {
		snprintf(k, sizeof(k), "param.key.%s", key);
		assert_string_not_equal(api_message(API_LANG_LT, k), "Klaida.");
		assert_string_not_equal(api_message(API_LANG_EN, k), "Error.");
	}
	for (int u = 0; u < PARAM_UNIT_COUNT_; u++) {
		snprintf(k, sizeof(k), "param.unit.%s", param_unit_key((enum param_unit)u));
		assert_string_not_equal(api_message(API_LANG_LT, k), "Klaida.");
		assert_string_not_equal(api_message(API_LANG_EN, k), "Error.");
	}
}

static void test_param_value_check(void **state)
{
	(void)state;
	assert_int_equal(param_value_check(PARAM_HOME_HELP_SHARE, 10000), 0);
	assert_int_equal(param_value_check(PARAM_HOME_HELP_SHARE, 10001), ERR_INVALID);
	assert_int_equal(param_value_check(PARAM_HOME_HELP_SHARE, 0), 0);
	assert_int_equal(param_value_check(PARAM_HOME_HELP_SHARE, -1), ERR_INVALID);
	assert_int_equal(param_value_check(PARAM_LONG_TERM_ASSET_SHARE, 10001), ERR_INVALID);
	assert_int_equal(param_value_check(PARAM_HOME_HELP_FLOOR, 30000), 0);
	assert_int_equal(param_value_check(PARAM_HOME_HELP_FLOOR, PARAM_MAX_VRP_BP + 1), ERR_INVALID);
	assert_int_equal(param_value_check(PARAM_DECISION_DEADLINE, 0), ERR_INVALID);
	assert_int_equal(param_value_check(PARAM_DECISION_DEADLINE, 1), 0);
	assert_int_equal(param_value_check(PARAM_DECISION_DEADLINE, PARAM_MAX_DAYS + 1), ERR_INVALID);
	assert_int_equal(param_value_check(PARAM_VRP, PARAM_MAX_CENTS), 0);
	assert_int_equal(param_value_check(PARAM_VRP, PARAM_MAX_CENTS + 1), ERR_INVALID);
	assert_int_equal(param_value_check("no.such_key_pct", 1), ERR_NOT_FOUND);
}

/* The load rule: defaults, then the site's rows on top. */
static void test_params_merge(void **state)
{
	(void)state;
	struct param_table t;
	int64_t v;
	json_error_t err;
	json_t *rows = json_loads(
		"[{\"key\":\"vrp\",\"valid_from\":\"2025-01-01\",\"value\":22000},"
		" {\"key\":\"vrp\",\"valid_from\":\"2026-01-01\",\"value\":24000},"
		" {\"key\":\"decision.deadline_days\",\"valid_from\":\"2024-07-01\",\"value\":15}]",
		0, &err);
	assert_non_null(rows);
	assert_int_equal(catalogue_params_merge(rows, &t), 0);
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20250301, &v), 0);
	assert_int_equal(v, 22000); /* the row replaced the 2025 default */
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20260301, &v), 0);
	assert_int_equal(v, 24000);
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20240301, &v), 0);
	assert_int_equal(v, 17600);
	assert_int_equal(param_value_at(&t, PARAM_DECISION_DEADLINE, 20240630, &v), 0);
	assert_int_equal(v, 20);
	assert_int_equal(param_value_at(&t, PARAM_DECISION_DEADLINE, 20240701, &v), 0);
	assert_int_equal(v, 15);
	/* Before the first default: nothing. */
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20211231, &v), ERR_NOT_FOUND);
	json_decref(rows);

	/* A malformed row is refused. */
	rows = json_loads("[{\"key\":\"vrp\",\"valid_from\":\"2025-13-01\",\"value\":1}]", 0, &err);
	assert_int_equal(catalogue_params_merge(rows, &t), ERR_INVALID);
	json_decref(rows);
	rows = json_loads("[{\"key\":\"vrp\",\"valid_from\":\"2025-01-01\",\"value\":\"1\"}]", 0, &err);
	assert_int_equal(catalogue_params_merge(rows, &t), ERR_INVALID);
	json_decref(rows);
	/* No rows: exactly the defaults. */
	struct param_table d;
	rows = json_array();
	assert_int_equal(catalogue_params_merge(rows, &t), 0);
	assert_int_equal(param_table_defaults(&d), 0);
	assert_int_equal(t.n, d.n);
	json_decref(rows);
}

/* ---- services ---- */

static int check(const char *text, struct field_errors *fe)
{
	json_error_t err;
	json_t *rec = json_loads(text, 0, &err);
	assert_non_null(rec);
	catalogue_service_normalise(rec, 1);
	int rc = catalogue_service_check(rec, fe);
	json_decref(rec);
	return rc;
}

static void test_service_rules(void **state)
{
	(void)state;
	struct field_errors fe = {0};
	assert_int_equal(check("{\"code\":\"pagalba_namuose\",\"name_lt\":\"Pagalba į namus\","
			       "\"name_en\":\"Home help\",\"kind\":\"social_supervision\","
			       "\"unit\":\"hour\",\"limit_x100\":1000,\"limit_period\":\"week\","
			       "\"max_visits_week\":5,\"payment_rule\":\"home_help\","
			       "\"description\":\"\"}", &fe), 0);
	assert_int_equal(fe.n, 0);

	memset(&fe, 0, sizeof(fe));
	assert_int_equal(check("{\"code\":\"Bad-Code\",\"name_lt\":\" \",\"kind\":\"care\","
			       "\"unit\":\"km\",\"limit_x100\":1000,\"payment_rule\":\"cheap\","
			       "\"max_visits_week\":51,\"department_id\":0}", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "code"), "service.code_format");
	assert_string_equal(fe_key(&fe, "name_lt"), "string.empty");
	assert_string_equal(fe_key(&fe, "name_en"), "required");
	assert_string_equal(fe_key(&fe, "kind"), "enum");
	assert_string_equal(fe_key(&fe, "unit"), "enum");
	assert_string_equal(fe_key(&fe, "limit_period"), "service.limit_pair");
	assert_string_equal(fe_key(&fe, "payment_rule"), "enum");
	assert_string_equal(fe_key(&fe, "max_visits_week"), "range");
	assert_string_equal(fe_key(&fe, "department_id"), "range");

	memset(&fe, 0, sizeof(fe));
	assert_int_equal(check("{\"code\":\"x1\",\"name_lt\":\"a\",\"name_en\":\"b\",\"kind\":\"general\","
			       "\"unit\":\"case\",\"limit_period\":\"year\",\"payment_rule\":\"free\"}",
			       &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "limit"), "service.limit_pair");
	assert_int_equal(fe.n, 1);

	memset(&fe, 0, sizeof(fe));
	assert_int_equal(check("{\"code\":\"x1\",\"name_lt\":\"a\",\"name_en\":\"b\",\"kind\":\"general\","
			       "\"unit\":\"case\",\"limit_x100\":0,\"limit_period\":\"none\","
			       "\"payment_rule\":\"free\",\"active\":1}", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "limit"), "range");
	assert_string_equal(fe_key(&fe, "limit_period"), "enum");
	assert_string_equal(fe_key(&fe, "active"), "type.boolean");

	/* Descriptions may have several lines; names may not. */
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(check("{\"code\":\"x1\",\"name_lt\":\"a\\nb\",\"name_en\":\"b\",\"kind\":\"general\","
			       "\"unit\":\"case\",\"payment_rule\":\"free\","
			       "\"description\":\"Pirma eilutė.\\nAntra.\\u0001\"}", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "name_lt"), "invalid");
	assert_string_equal(fe_key(&fe, "description"), "invalid");
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(check("{\"code\":\"x1\",\"name_lt\":\"a\",\"name_en\":\"b\",\"kind\":\"general\","
			       "\"unit\":\"case\",\"payment_rule\":\"free\","
			       "\"description\":\"Pirma eilutė.\\r\\n\\tAntra.\"}", &fe), 0);

	assert_true(catalogue_code_ok("201"));
	assert_true(catalogue_code_ok("a"));
	assert_false(catalogue_code_ok(""));
	assert_false(catalogue_code_ok("ą"));
	assert_false(catalogue_code_ok("2 01"));
	assert_false(catalogue_code_ok(NULL));
}

static void test_enums_and_struct(void **state)
{
	(void)state;
	enum catalogue_kind k;
	enum catalogue_unit u;
	enum catalogue_period p;
	for (int i = 0; i < CATALOGUE_KIND_COUNT_; i++) {
		assert_int_equal(catalogue_kind_parse(catalogue_kind_key((enum catalogue_kind)i), &k), 0);
		assert_int_equal(k, i);
	}
	for (int i = 0; i < CATALOGUE_UNIT_COUNT_; i++) {
		assert_int_equal(catalogue_unit_parse(catalogue_unit_key((enum catalogue_unit)i), &u), 0);
		assert_int_equal(u, i);
	}
	for (int i = 1; i < CATALOGUE_PERIOD_COUNT_; i++) {
		assert_int_equal(catalogue_period_parse(catalogue_period_key((enum catalogue_period)i), &p), 0);
		assert_int_equal(p, i);
	}
	assert_null(catalogue_period_key(CATALOGUE_PERIOD_NONE));
	assert_int_equal(catalogue_period_parse(NULL, &p), ERR_INVALID);
	assert_int_equal(catalogue_unit_parse("km", &u), ERR_INVALID);

	/* Every payment rule is accepted by the service check. */
	for (int r = 0; r < PAYMENT_RULE_COUNT_; r++) {
		struct field_errors fe = {0};
		json_t *rec = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "code", "x", "name_lt", "a",
					"name_en", "b", "kind", "general", "unit", "hour",
					"payment_rule", payment_rule_key((enum payment_rule)r), "active", 1);
		assert_int_equal(catalogue_service_check(rec, &fe), 0);
		json_decref(rec);
	}

	struct catalogue_service s;
	json_error_t err;
	json_t *row = json_loads("{\"id\":7,\"code\":\"pagalba_namuose\",\"kind\":\"social_supervision\","
				 "\"unit\":\"hour\",\"limit_x100\":1000,\"limit_period\":\"week\","
				 "\"max_visits_week\":5,\"department_id\":4,\"payment_rule\":\"home_help\","
				 "\"active\":true,\"version\":3}", 0, &err);
	assert_int_equal(catalogue_service_from_json(row, &s), 0);
	assert_int_equal(s.id, 7);
	assert_string_equal(s.code, "pagalba_namuose");
	assert_int_equal(s.kind, CATALOGUE_KIND_SOCIAL_SUPERVISION);
	assert_int_equal(s.unit, CATALOGUE_UNIT_HOUR);
	assert_int_equal(s.limit_x100, 1000);
	assert_int_equal(s.limit_period, CATALOGUE_PERIOD_WEEK);
	assert_int_equal(s.max_visits_week, 5);
	assert_int_equal(s.department_id, 4);
	assert_int_equal(s.payment_rule, PAYMENT_RULE_HOME_HELP);
	assert_int_equal(s.active, 1);
	assert_int_equal(s.version, 3);
	json_object_set_new(row, "limit_period", json_null());
	assert_int_equal(catalogue_service_from_json(row, &s), ERR_INVALID);
	json_decref(row);
}

/* ---- against a real (SQLite) database ---- */

static void test_with_database(void **state)
{
	(void)state;
	char path[128], url[160];
	struct db_pool *pool;
	struct db *db;
	struct param_table t;
	struct catalogue_service s;
	int64_t v, id, pid, cents = -1;
	int applied;
	snprintf(path, sizeof(path), "/tmp/t_catalogue_%ld.sqlite", (long)getpid());
	unlink(path);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(db_pool_open(url, 1, &pool), 0);
	assert_int_equal(db_pool_acquire(pool, &db), 0);
	assert_int_equal(db_migrate(db, &applied), 0);

	/* Parameters: the defaults, then the site's rows on top. */
	assert_int_equal(catalogue_params_load(db, &t), 0);
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20250601, &v), 0);
	assert_int_equal(v, 22100);
	assert_int_equal(store_param_insert(db, PARAM_VRP, "2025-01-01", 21900, NULL, 0,
					    "2026-01-01T00:00:00.000Z", &pid), 0);
	assert_int_equal(store_param_insert(db, PARAM_VRP, "2026-01-01", 23000, "naujas", 0,
					    "2026-01-01T00:00:00.000Z", &pid), 0);
	assert_int_equal(store_param_insert(db, PARAM_VRP, "2026-01-01", 1, NULL, 0,
					    "2026-01-01T00:00:00.000Z", &pid), ERR_CONFLICT);
	assert_int_equal(catalogue_params_load(db, &t), 0);
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20250601, &v), 0);
	assert_int_equal(v, 21900);
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20260601, &v), 0);
	assert_int_equal(v, 23000);
	assert_int_equal(param_value_at(&t, PARAM_VRP, 20240601, &v), 0);
	assert_int_equal(v, 17600);

	/* A service, its C view and the price in force on a date. */
	json_error_t err;
	json_t *rec = json_loads("{\"code\":\"pagalba_namuose\",\"name_lt\":\"Pagalba į namus\","
				 "\"name_en\":\"Home help\",\"kind\":\"social_supervision\","
				 "\"unit\":\"hour\",\"limit_x100\":1000,\"limit_period\":\"week\","
				 "\"max_visits_week\":5,\"payment_rule\":\"home_help\",\"active\":true}",
				 0, &err);
	assert_int_equal(store_service_insert(db, rec, "2024-01-01T00:00:00.000Z", &id), 0);
	json_decref(rec);
	assert_int_equal(catalogue_service_read(db, id, &s), 0);
	assert_string_equal(s.code, "pagalba_namuose");
	assert_int_equal(s.limit_x100, 1000);
	assert_int_equal(s.limit_period, CATALOGUE_PERIOD_WEEK);
	assert_int_equal(s.payment_rule, PAYMENT_RULE_HOME_HELP);
	assert_int_equal(s.department_id, 0);
	assert_int_equal(catalogue_service_read(db, id + 1, &s), ERR_NOT_FOUND);
	int64_t found = 0;
	assert_int_equal(catalogue_service_find_code(db, "pagalba_namuose", &found), 0);
	assert_int_equal(found, id);
	assert_int_equal(catalogue_service_find_code(db, "nera", &found), ERR_NOT_FOUND);

	assert_int_equal(catalogue_price_at(db, id, "2024-06-01", &cents), ERR_NOT_FOUND);
	assert_int_equal(store_service_price_insert(db, id, "2024-01-01", 950, 0, "x"), 0);
	assert_int_equal(store_service_price_insert(db, id, "2025-01-01", 1050, 0, "x"), 0);
	assert_int_equal(store_service_price_insert(db, id, "2025-01-01", 1, 0, "x"), ERR_CONFLICT);
	assert_int_equal(catalogue_price_at(db, id, "2023-12-31", &cents), ERR_NOT_FOUND);
	assert_int_equal(catalogue_price_at(db, id, "2024-01-01", &cents), 0);
	assert_int_equal(cents, 950);
	assert_int_equal(catalogue_price_at(db, id, "2024-12-31", &cents), 0);
	assert_int_equal(cents, 950);
	assert_int_equal(catalogue_price_at(db, id, "2025-01-01", &cents), 0);
	assert_int_equal(cents, 1050);
	assert_int_equal(catalogue_price_at(db, id, "2031-05-05", &cents), 0);
	assert_int_equal(cents, 1050);
	assert_int_equal(catalogue_price_at(db, id, "2025-02-30", &cents), ERR_INVALID);
	assert_int_equal(catalogue_price_at(db, id, "2025-1-01", &cents), ERR_INVALID);
	assert_int_equal(catalogue_price_at(db, id + 1, "2025-01-01", &cents), ERR_NOT_FOUND);

	db_pool_release(pool, db);
	db_pool_free(pool);
	char p[200];
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amount_parse),
		cmocka_unit_test(test_amount_from_double),
		cmocka_unit_test(test_amount_format),
		cmocka_unit_test(test_param_set_replaces_same_date),
		cmocka_unit_test(test_param_keys_and_units),
		cmocka_unit_test(test_param_value_check),
		cmocka_unit_test(test_param_messages),
		cmocka_unit_test(test_params_merge),
		cmocka_unit_test(test_service_rules),
		cmocka_unit_test(test_enums_and_struct),
		cmocka_unit_test(test_with_database),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	printf("%d passed, %d failed\n", (int)(sizeof(tests) / sizeof(tests[0])) - failed, failed);
	return failed ? 1 : 0;
}
