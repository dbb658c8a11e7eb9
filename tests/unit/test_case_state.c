/* Unit tests of the case state machine (domain/case_state.c): every
 * step from every state, written out from the diagram in case_state.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "domain/case_state.h"

/* "step from->to" for every allowed move; everything else is refused. */
static const char *const allowed[] = {
	"assess applied->assessed", "assess assessed->assessed",
	"assess waiting->waiting", "assess active->active",
	"assess suspended->suspended",
	"decide_assign assessed->decided_assign",
	"decide_assign waiting->decided_assign",
	"decide_wait assessed->waiting",
	"decide_refuse assessed->refused", "decide_refuse waiting->refused",
	"amend active->active", "amend suspended->suspended",
	"sign_contract decided_assign->active", "sign_contract active->active",
	"suspend active->suspended", "resume suspended->active",
	"review active->active", "review suspended->suspended",
	"terminate applied->terminated", "terminate assessed->terminated",
	"terminate waiting->terminated",
	"terminate decided_assign->terminated",
	"terminate active->terminated", "terminate suspended->terminated",
	"reopen refused->applied", "reopen terminated->applied",
	NULL,
};

static void every_step_from_every_state(void **state)
{
	(void)state;
	int n_allowed = 0;
	for (int step = 1; step < CASE__STEP_COUNT; step++) {
		for (int from = 0; from < CASE__STATUS_COUNT; from++) {
			enum case_status to = CASE__STATUS_COUNT;
			int rc = case_step_apply((enum case_status)from, (enum case_step)step, &to);
			char want_prefix[96];
			snprintf(want_prefix, sizeof want_prefix, "%s %s->",
				 case_step_name((enum case_step)step),
				 case_status_name((enum case_status)from));
			const char *want = NULL;
			for (int i = 0; allowed[i]; i++)
				if (!strncmp(allowed[i], want_prefix, strlen(want_prefix)))
					want = allowed[i] + strlen(want_prefix);
			if (!want) {
				if (rc != ERR_CONFLICT)
					fail_msg("%s should be refused", want_prefix);
				continue;
			}
			n_allowed++;
			if (rc != 0 || strcmp(case_status_name(to), want))
				fail_msg("%s gave rc %d to %s, want %s", want_prefix, rc,
					 rc ? "-" : case_status_name(to), want);
		}
	}
	int listed = 0;
	while (allowed[listed])
		listed++;
	assert_int_equal(n_allowed, listed);
}

static void apply_creates_and_bad_values_are_invalid(void **state)
{
	(void)state;
	enum case_status to;
	assert_int_equal(case_step_apply(CASE__STATUS_COUNT, CASE_STEP_APPLY, &to), 0);
	assert_int_equal(to, CASE_APPLIED);
	assert_int_equal(case_step_apply(CASE_APPLIED, CASE_STEP_APPLY, &to), ERR_CONFLICT);
	assert_int_equal(case_step_apply(CASE__STATUS_COUNT, CASE_STEP_ASSESS, &to), ERR_INVALID);
	assert_int_equal(case_step_apply(CASE_APPLIED, (enum case_step)99, &to), ERR_INVALID);
	assert_int_equal(case_step_apply((enum case_status)99, CASE_STEP_ASSESS, &to), ERR_INVALID);
}

static void names_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < CASE__STATUS_COUNT; s++) {
		enum case_status out;
		assert_int_equal(case_status_parse(case_status_name((enum case_status)s), &out), 0);
		assert_int_equal(out, s);
	}
	for (int s = 0; s < CASE__STEP_COUNT; s++) {
		enum case_step out;
		assert_int_equal(case_step_parse(case_step_name((enum case_step)s), &out), 0);
		assert_int_equal(out, s);
	}
	enum case_status st;
	assert_int_equal(case_status_parse("closed", &st), ERR_INVALID);
	assert_int_equal(case_status_parse(NULL, &st), ERR_INVALID);
	assert_null(case_status_name(CASE__STATUS_COUNT));
	assert_true(case_status_delivers(CASE_ACTIVE));
	assert_false(case_status_delivers(CASE_SUSPENDED));
	assert_true(case_status_closed(CASE_REFUSED));
	assert_true(case_status_closed(CASE_TERMINATED));
	assert_false(case_status_closed(CASE_WAITING));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_step_from_every_state),
		cmocka_unit_test(apply_creates_and_bad_values_are_invalid),
		cmocka_unit_test(names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
