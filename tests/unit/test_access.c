/* Unit tests of the access rules, password policy and login throttling.
 * The expected matrix is written out here a second time, from the design
 * in ARCHITECTURE.md, so a change to domain/access.c must be deliberate. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/err.h"
#include "domain/access.h"
#include "domain/session.h"
#include "domain/throttle.h"

struct expect {
	enum role role;
	const char *allowed; /* perm names, space-separated */
};

static const struct expect design[] = {
	{ROLE_NONE, "public"},
	{ROLE_ADMIN, "public session org_read org_write user_admin catalogue_write"},
	{ROLE_DIRECTOR, "public session person_read person_merge note_special org_read audit_read"
			" case_read case_decide catalogue_write billing_read cw_read cw_write"
			" staffdev_read staffdev_write report_read plan_write"},
	{ROLE_HEAD, "public session person_read person_write person_merge person_share note_special org_read"
		    " case_read case_write case_decide billing_read cw_read cw_write cw_report"
		    " staffdev_read staffdev_write report_read plan_write"},
	{ROLE_SOCIAL_WORKER, "public session person_read person_write person_share note_special org_read"
			     " case_read case_write cw_read cw_write cw_report staffdev_read"},
	{ROLE_PARTNER, "public session person_read case_read cw_read cw_report"},
	{ROLE_AUDITOR, "public session audit_read"},
};

static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static void matrix_matches_the_design(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(design) / sizeof(design[0]); i++) {
		for (int p = 0; p < PERM__COUNT; p++) {
			int want = listed(design[i].allowed, access_perm_name((enum perm)p));
			int got = access_role_allows(design[i].role, (enum perm)p);
			if (want != got)
				fail_msg("role %s perm %s: want %d got %d",
					 access_role_name(design[i].role),
					 access_perm_name((enum perm)p), want, got);
		}
	}
	assert_false(access_role_allows((enum role)99, PERM_PUBLIC));
	assert_false(access_role_allows(ROLE_ADMIN, (enum perm)99));
}

static void scopes_follow_role_and_assignment(void **state)
{
	struct principal p;
	(void)state;
	memset(&p, 0, sizeof(p));
	p.role = ROLE_DIRECTOR;
	assert_int_equal(access_person_scope(&p), SCOPE_ALL);
	p.role = ROLE_SOCIAL_WORKER;
	assert_int_equal(access_person_scope(&p), SCOPE_NONE); /* no department */
	p.department_id = 3;
	assert_int_equal(access_person_scope(&p), SCOPE_DEPARTMENT);
	p.role = ROLE_HEAD;
	assert_int_equal(access_person_scope(&p), SCOPE_DEPARTMENT);
	p.role = ROLE_PARTNER;
	assert_int_equal(access_person_scope(&p), SCOPE_NONE);
	p.institution_id = 5;
	assert_int_equal(access_person_scope(&p), SCOPE_SHARED);
	p.role = ROLE_ADMIN;
	assert_int_equal(access_person_scope(&p), SCOPE_NONE);
	p.role = ROLE_AUDITOR;
	assert_int_equal(access_person_scope(&p), SCOPE_NONE);
}

static void role_names_round_trip(void **state)
{
	(void)state;
	for (int r = 1; r < ROLE__COUNT; r++)
		assert_int_equal(access_role_parse(access_role_name((enum role)r)), r);
	assert_int_equal(access_role_parse("root"), ROLE_NONE);
	assert_int_equal(access_role_parse(NULL), ROLE_NONE);
}

static void password_policy(void **state)
{
	const char *why = NULL;
	(void)state;
	assert_int_equal(password_check_policy("short1", &why), ERR_INVALID);
	assert_string_equal(why, "password.too_short");
	assert_int_equal(password_check_policy("onlylowercaseletters", &why), ERR_INVALID);
	assert_string_equal(why, "password.too_simple");
	assert_int_equal(password_check_policy("letters-and-dash", &why), 0);
	assert_int_equal(password_check_policy("Ilgas slaptažodis", &why), 0);
}

static void password_hash_verifies(void **state)
{
	char h[256];
	(void)state;
	assert_int_equal(password_hash("correct horse 1", 1, h, sizeof(h)), 0);
	assert_int_equal(password_verify(h, "correct horse 1"), 0);
	assert_int_equal(password_verify(h, "correct horse 2"), ERR_UNAUTHORIZED);
	assert_int_equal(password_hash("x", 1, h, 10), ERR_TOO_LARGE);
}

static void throttle_locks_after_failures_and_releases(void **state)
{
	struct throttle *t = throttle_new(3, 1000);
	int64_t retry = 0;
	(void)state;
	assert_non_null(t);
	assert_int_equal(throttle_check(t, "u:ona", 0, &retry), 0);
	throttle_fail(t, "u:ona", 10);
	throttle_fail(t, "u:ona", 20);
	assert_int_equal(throttle_check(t, "u:ona", 30, &retry), 0);
	throttle_fail(t, "u:ona", 30);
	assert_int_equal(throttle_check(t, "u:ona", 40, &retry), ERR_RATE_LIMITED);
	assert_int_equal(retry, 970);
	assert_int_equal(throttle_check(t, "u:jonas", 40, &retry), 0);
	assert_int_equal(throttle_check(t, "u:ona", 1011, &retry), 0);
	throttle_fail(t, "u:ona", 2000);
	throttle_clear(t, "u:ona");
	assert_int_equal(throttle_check(t, "u:ona", 2001, &retry), 0);
	/* Many keys: the table stays bounded and keeps working. */
	char key[32];
	for (int i = 0; i < 3 * THROTTLE_MAX_KEYS; i++) {
		snprintf(key, sizeof(key), "a:10.0.%d.%d", i / 256, i % 256);
		throttle_fail(t, key, 5000 + i);
	}
	throttle_fail(t, "u:petras", 9000);
	throttle_fail(t, "u:petras", 9001);
	throttle_fail(t, "u:petras", 9002);
	assert_int_equal(throttle_check(t, "u:petras", 9003, &retry), ERR_RATE_LIMITED);
	throttle_free(t);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matrix_matches_the_design),
		cmocka_unit_test(scopes_follow_role_and_assignment),
		cmocka_unit_test(role_names_round_trip),
		cmocka_unit_test(password_policy),
		cmocka_unit_test(password_hash_verifies),
		cmocka_unit_test(throttle_locks_after_failures_and_releases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
