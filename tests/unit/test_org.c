/* Unit tests of the organisation's and user accounts' validation rules
 * (domain/org.c): pure functions, no database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/err.h"
#include "core/text.h"
#include "domain/org.h"

/* The key reported for field, or NULL. */
static const char *fe_key(const struct field_errors *fe, const char *field)
{
	for (int i = 0; i < fe->n; i++)
		if (!strcmp(fe->e[i].field, field))
			return fe->e[i].key;
	return NULL;
}

/* Checks a record built from JSON text as a new record of kind k. */
static int check_new(enum org_kind k, const char *text, struct field_errors *fe)
{
	json_error_t err;
	json_t *rec = json_loads(text, 0, &err);
	assert_non_null(rec);
	memset(fe, 0, sizeof(*fe));
	org_normalise(k, rec, 1);
	int rc = org_check(k, rec, 1, fe);
	json_decref(rec);
	return rc;
}

static void test_shapes(void **state)
{
	(void)state;
	assert_true(text_is_email("ona@centras.lt"));
	assert_false(text_is_email("ona@"));
	assert_false(text_is_email("@centras.lt"));
	assert_false(text_is_email("ona centras@x.lt"));
	assert_false(text_is_email("ona@@x.lt"));
	assert_false(text_is_email("ona@x."));
	assert_false(text_is_email(NULL));
	assert_true(text_is_phone("+370 612 34567"));
	assert_true(text_is_phone("(8 5) 212-3456"));
	assert_false(text_is_phone("1234"));
	assert_false(text_is_phone("call me"));
	assert_false(text_is_phone("370+612345"));
	assert_false(text_is_phone(NULL));
}

static void test_department_code(void **state)
{
	(void)state;
	assert_true(org_department_code_ok("family_support"));
	assert_true(org_department_code_ok("d7"));
	assert_true(org_department_code_ok("ab"));
	assert_false(org_department_code_ok("a"));
	assert_false(org_department_code_ok("Family"));
	assert_false(org_department_code_ok("home-help"));
	assert_false(org_department_code_ok("šeima"));
	char forty[41], forty1[42];
	memset(forty, 'a', 40);
	forty[40] = '\0';
	memset(forty1, 'a', 41);
	forty1[41] = '\0';
	assert_true(org_department_code_ok(forty));
	assert_false(org_department_code_ok(forty1));
	assert_false(org_department_code_ok(NULL));
}

static void test_username(void **state)
{
	(void)state;
	assert_true(org_username_ok("ona.p"));
	assert_true(org_username_ok("a_b-c"));
	assert_false(org_username_ok("ab"));
	assert_false(org_username_ok("Ona"));
	assert_false(org_username_ok("ona p"));
	assert_false(org_username_ok("onutė"));
	char n63[64], n64[65];
	memset(n63, 'x', 63);
	n63[63] = '\0';
	memset(n64, 'x', 64);
	n64[64] = '\0';
	assert_true(org_username_ok(n63));
	assert_false(org_username_ok(n64));
}

static void test_partner_types_and_skills(void **state)
{
	(void)state;
	static const char *const types[] = {"health", "red_cross", "family_child_welfare",
		"police", "probation", "prosecutor", "school", "education", "public_health",
		"care_home", "municipality", "child_rights", "disability_agency", "ngo",
		"other"};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		assert_true(org_partner_type_ok(types[i]));
	assert_false(org_partner_type_ok("church"));
	assert_false(org_partner_type_ok(NULL));
	assert_true(org_skill_ok("nurse_assistant"));
	assert_false(org_skill_ok("cook"));
}

static void test_skills_csv(void **state)
{
	(void)state;
	char csv[128];
	json_t *a = json_pack("[s,s,s]", "driver", "carer", "driver");
	assert_int_equal(org_skills_csv(a, csv, sizeof(csv)), 0);
	assert_string_equal(csv, "carer,driver"); /* canonical order, no repeats */
	json_decref(a);
	a = json_pack("[s,s]", "carer", "cook");
	assert_int_equal(org_skills_csv(a, csv, sizeof(csv)), ERR_INVALID);
	json_decref(a);
	a = json_pack("[i]", 3);
	assert_int_equal(org_skills_csv(a, csv, sizeof(csv)), ERR_INVALID);
	json_decref(a);
	a = json_array();
	assert_int_equal(org_skills_csv(a, csv, sizeof(csv)), 0);
	assert_string_equal(csv, "");
	json_decref(a);
	a = json_pack("[s,s]", "carer", "physiotherapist");
	assert_int_equal(org_skills_csv(a, csv, 8), ERR_TOO_LARGE);
	json_decref(a);
	assert_int_equal(org_skills_csv(NULL, csv, sizeof(csv)), ERR_INVALID);

	json_t *arr = org_skills_array("carer,nurse");
	assert_int_equal(json_array_size(arr), 2);
	assert_string_equal(json_string_value(json_array_get(arr, 1)), "nurse");
	json_decref(arr);
	arr = org_skills_array("");
	assert_int_equal(json_array_size(arr), 0);
	json_decref(arr);
}

static void test_institution_rules(void **state)
{
	(void)state;
	struct field_errors fe;
	assert_int_equal(check_new(ORG_INSTITUTION, "{\"kind\":\"partner\",\"partner_type\":\"police\",\"name\":\"Policija\"}", &fe), 0);
	assert_int_equal(check_new(ORG_INSTITUTION, "{\"kind\":\"centre\",\"name\":\"Centras\",\"email\":\"\",\"phone\":null}", &fe), 0);
	assert_int_equal(check_new(ORG_INSTITUTION, "{\"kind\":\"partner\",\"name\":\"X\"}", &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "partner_type"), "required");
	check_new(ORG_INSTITUTION, "{\"kind\":\"centre\",\"partner_type\":\"police\",\"name\":\"X\"}", &fe);
	assert_string_equal(fe_key(&fe, "partner_type"), "institution.partner_type_centre");
	check_new(ORG_INSTITUTION, "{\"kind\":\"partner\",\"partner_type\":\"church\",\"name\":\"X\"}", &fe);
	assert_string_equal(fe_key(&fe, "partner_type"), "enum");
	check_new(ORG_INSTITUTION, "{\"kind\":\"bank\",\"name\":\"X\"}", &fe);
	assert_string_equal(fe_key(&fe, "kind"), "enum");
	check_new(ORG_INSTITUTION, "{\"kind\":\"centre\"}", &fe);
	assert_string_equal(fe_key(&fe, "name"), "required");
	check_new(ORG_INSTITUTION, "{\"kind\":\"centre\",\"name\":\"   \"}", &fe);
	assert_string_equal(fe_key(&fe, "name"), "string.empty");
	char big[320];
	snprintf(big, sizeof(big), "{\"kind\":\"centre\",\"name\":\"%0201d\"}", 0);
	check_new(ORG_INSTITUTION, big, &fe);
	assert_string_equal(fe_key(&fe, "name"), "string.too_long");
	check_new(ORG_INSTITUTION, "{\"kind\":\"centre\",\"name\":\"C\",\"email\":\"x@\",\"phone\":\"abc\",\"active\":\"no\"}", &fe);
	assert_string_equal(fe_key(&fe, "email"), "email");
	assert_string_equal(fe_key(&fe, "phone"), "phone");
	assert_string_equal(fe_key(&fe, "active"), "type.boolean");
	check_new(ORG_INSTITUTION, "{\"kind\":\"centre\",\"name\":\"a\\u0001b\"}", &fe);
	assert_string_equal(fe_key(&fe, "name"), "invalid");
	/* An update of an old partner without a type is not blocked. */
	json_t *rec = json_pack("{s:s,s:s,s:b}", "kind", "partner", "name", "Old", "active", 1);
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(org_check(ORG_INSTITUTION, rec, 0, &fe), 0);
	json_decref(rec);
}

static void test_department_rules(void **state)
{
	(void)state;
	struct field_errors fe;
	assert_int_equal(check_new(ORG_DEPARTMENT, "{\"code\":\"night_shelter\",\"name_lt\":\"Nakvynės namai\"}", &fe), 0);
	check_new(ORG_DEPARTMENT, "{\"code\":\"Night-Shelter\",\"name_lt\":\"N\"}", &fe);
	assert_string_equal(fe_key(&fe, "code"), "department.code_format");
	check_new(ORG_DEPARTMENT, "{\"code\":\"x\",\"name_lt\":\"N\"}", &fe);
	assert_string_equal(fe_key(&fe, "code"), "department.code_format");
	check_new(ORG_DEPARTMENT, "{\"name_lt\":\"N\",\"institution_id\":0}", &fe);
	assert_string_equal(fe_key(&fe, "code"), "required");
	assert_string_equal(fe_key(&fe, "institution_id"), "range");
	check_new(ORG_DEPARTMENT, "{\"code\":\"ok\"}", &fe);
	assert_string_equal(fe_key(&fe, "name_lt"), "required");
	/* name_en defaults to name_lt. */
	json_t *rec = json_pack("{s:s,s:s}", "code", "ab", "name_lt", "Bendruomenės skyrius");
	org_normalise(ORG_DEPARTMENT, rec, 1);
	assert_string_equal(json_string_value(json_object_get(rec, "name_en")), "Bendruomenės skyrius");
	assert_true(json_is_true(json_object_get(rec, "active")));
	json_decref(rec);
}

static void test_staff_rules(void **state)
{
	(void)state;
	struct field_errors fe;
	assert_int_equal(check_new(ORG_STAFF, "{\"given_names\":\"Ona\",\"family_name\":\"Žilinskienė\",\"position\":\"Socialinė darbuotoja\",\"category\":\"expert\",\"skills\":[\"social_worker\",\"driver\"]}", &fe), 0);
	check_new(ORG_STAFF, "{\"given_names\":\"Ona\",\"family_name\":\"Ž\",\"position\":\"P\",\"category\":\"boss\"}", &fe);
	assert_string_equal(fe_key(&fe, "category"), "enum");
	check_new(ORG_STAFF, "{\"given_names\":\"Ona\",\"family_name\":\"Ž\",\"position\":\"P\",\"skills\":[\"cook\"]}", &fe);
	assert_string_equal(fe_key(&fe, "skills"), "skills.unknown");
	check_new(ORG_STAFF, "{\"given_names\":\"Ona\",\"family_name\":\"Ž\",\"position\":\"P\",\"skills\":\"carer\"}", &fe);
	assert_string_equal(fe_key(&fe, "skills"), "type.array");
	check_new(ORG_STAFF, "{\"given_names\":\"Ona\",\"family_name\":\"Ž\"}", &fe);
	assert_string_equal(fe_key(&fe, "position"), "required");
	check_new(ORG_STAFF, "{\"given_names\":1,\"family_name\":\"Ž\",\"position\":\"P\",\"department_id\":\"3\"}", &fe);
	assert_string_equal(fe_key(&fe, "given_names"), "type.string");
	assert_string_equal(fe_key(&fe, "department_id"), "type.integer");
	/* category may be null (not a social worker). */
	assert_int_equal(check_new(ORG_STAFF, "{\"given_names\":\"Jonas\",\"family_name\":\"Vairuotojas\",\"position\":\"Vairuotojas\",\"category\":null}", &fe), 0);
}

static void test_team_rules(void **state)
{
	(void)state;
	struct field_errors fe;
	assert_int_equal(check_new(ORG_TEAM, "{\"department_id\":1,\"name\":\"Mobili komanda\",\"kind\":\"integrated_help\"}", &fe), 0);
	check_new(ORG_TEAM, "{\"name\":\"T\",\"kind\":\"squad\"}", &fe);
	assert_string_equal(fe_key(&fe, "department_id"), "required");
	assert_string_equal(fe_key(&fe, "kind"), "enum");
}

static void test_user_rules(void **state)
{
	(void)state;
	struct field_errors fe;
	assert_int_equal(check_new(ORG_USER, "{\"username\":\"ona.p\",\"display_name\":\"Ona P\",\"role\":\"head\",\"department_id\":2}", &fe), 0);
	assert_int_equal(check_new(ORG_USER, "{\"username\":\"dir\",\"display_name\":\"D\",\"role\":\"director\"}", &fe), 0);
	check_new(ORG_USER, "{\"username\":\"ona.p\",\"display_name\":\"Ona\",\"role\":\"social_worker\"}", &fe);
	assert_string_equal(fe_key(&fe, "department_id"), "role.scope");
	check_new(ORG_USER, "{\"username\":\"mokykla\",\"display_name\":\"M\",\"role\":\"partner\"}", &fe);
	assert_string_equal(fe_key(&fe, "institution_id"), "role.scope");
	check_new(ORG_USER, "{\"username\":\"mokykla\",\"display_name\":\"M\",\"role\":\"partner\",\"institution_id\":3,\"department_id\":1}", &fe);
	assert_string_equal(fe_key(&fe, "department_id"), "user.partner_department");
	check_new(ORG_USER, "{\"username\":\"Ona\",\"display_name\":\"O\",\"role\":\"king\"}", &fe);
	assert_string_equal(fe_key(&fe, "username"), "username.format");
	assert_string_equal(fe_key(&fe, "role"), "enum");
	check_new(ORG_USER, "{\"username\":\"ab\",\"role\":\"admin\"}", &fe);
	assert_string_equal(fe_key(&fe, "username"), "username.format");
	assert_string_equal(fe_key(&fe, "display_name"), "required");
	json_t *rec = json_pack("{s:s}", "username", "x");
	org_normalise(ORG_USER, rec, 1);
	assert_true(json_is_false(json_object_get(rec, "disabled")));
	json_decref(rec);
}

static void test_contact_rules(void **state)
{
	(void)state;
	struct field_errors fe = {0};
	json_t *rec = json_pack("{s:s,s:s,s:s}", "name", "Rasa", "role", "socialinė pedagogė", "email", "rasa@mokykla.lt");
	assert_int_equal(org_contact_check(rec, &fe), 0);
	json_decref(rec);
	rec = json_pack("{s:s,s:s}", "role", "x", "phone", "12");
	assert_int_equal(org_contact_check(rec, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "name"), "required");
	assert_string_equal(fe_key(&fe, "phone"), "phone");
	json_decref(rec);
}

static void test_field_lists(void **state)
{
	(void)state;
	const char *const *f = org_fields(ORG_USER, 1);
	int has_pw = 0, has_disabled = 0;
	for (; *f; f++) {
		has_pw |= !strcmp(*f, "password");
		has_disabled |= !strcmp(*f, "disabled");
	}
	assert_true(has_pw);
	assert_false(has_disabled);
	for (f = org_fields(ORG_USER, 0); *f; f++) {
		assert_string_not_equal(*f, "password");
		assert_string_not_equal(*f, "username");
	}
	for (f = org_fields(ORG_STAFF, 0); *f; f++)
		assert_string_not_equal(*f, "sort_key");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_department_code),
		cmocka_unit_test(test_username),
		cmocka_unit_test(test_partner_types_and_skills),
		cmocka_unit_test(test_skills_csv),
		cmocka_unit_test(test_institution_rules),
		cmocka_unit_test(test_department_rules),
		cmocka_unit_test(test_staff_rules),
		cmocka_unit_test(test_team_rules),
		cmocka_unit_test(test_user_rules),
		cmocka_unit_test(test_contact_rules),
		cmocka_unit_test(test_field_lists),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	printf("%d passed, %d failed\n", (int)(sizeof(tests) / sizeof(tests[0])) - failed, failed);
	return failed ? 1 : 0;
}
