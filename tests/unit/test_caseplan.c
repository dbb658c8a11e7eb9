/* Unit tests of the pure rules of plans, tasks and the worklist
 * (domain/caseplan.c): plan and task validation, the free-task
 * visibility rule, overdue and day counts, and the worklist order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "domain/caseplan.h"

/* The key reported for field, or NULL. */
static const char *fe_key(const struct field_errors *fe, const char *field)
{
	for (int i = 0; i < fe->n; i++)
		if (!strcmp(fe->e[i].field, field))
			return fe->e[i].key;
	return NULL;
}

static const char *const two_goals[] = {"Savarankiškai apsipirkti", "Lankyti dienos centrą"};

static struct plan_input plan_of(int drawn, int review)
{
	struct plan_input in;
	memset(&in, 0, sizeof(in));
	in.drawn_on = drawn;
	in.review_on = review;
	in.goals = two_goals;
	in.n_goals = 2;
	return in;
}

static struct task_input task_titled(const char *title, int goal_index, int due)
{
	struct task_input t;
	memset(&t, 0, sizeof(t));
	t.title = title;
	t.goal_index = goal_index;
	t.due_on = due;
	return t;
}

static void test_plan_valid(void **state)
{
	struct field_errors fe = {0};
	struct task_input tasks[2] = {task_titled("Aptarti su šeima", 0, 20261201),
				      task_titled("Skambutis", -1, 0)};
	struct plan_input in = plan_of(20261120, 20270520);
	in.tasks = tasks;
	in.n_tasks = 2;
	assert_int_equal(plan_validate(&in, 20261123, &fe), 0);
	assert_int_equal(fe.n, 0);
	/* Drawn today is fine; the review must come after the drawing. */
	in = plan_of(20261123, 20261124);
	assert_int_equal(plan_validate(&in, 20261123, &fe), 0);
}

static void test_plan_dates(void **state)
{
	struct field_errors fe = {0};
	struct plan_input in = plan_of(20261124, 20270101);
	assert_int_equal(plan_validate(&in, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "drawn_on"), "date.future");

	memset(&fe, 0, sizeof(fe));
	in = plan_of(20261120, 20261120);
	assert_int_equal(plan_validate(&in, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "review_on"), "plan.review_order");
	assert_null(fe_key(&fe, "drawn_on"));

	memset(&fe, 0, sizeof(fe));
	in = plan_of(0, 0);
	assert_int_equal(plan_validate(&in, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "drawn_on"), "required");
	assert_string_equal(fe_key(&fe, "review_on"), "required");
}

static void test_plan_goals_and_tasks(void **state)
{
	struct field_errors fe = {0};
	struct plan_input in = plan_of(20261120, 20270520);
	in.n_goals = 0;
	assert_int_equal(plan_validate(&in, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "goals"), "plan.goals");

	static const char *const blank[] = {"   "};
	memset(&fe, 0, sizeof(fe));
	in = plan_of(20261120, 20270520);
	in.goals = blank;
	in.n_goals = 1;
	assert_int_equal(plan_validate(&in, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "goals"), "string.empty");

	/* A task naming goal 2 of two goals (0-based) is out of range. */
	struct task_input bad_goal = task_titled("X", 2, 0);
	memset(&fe, 0, sizeof(fe));
	in = plan_of(20261120, 20270520);
	in.tasks = &bad_goal;
	in.n_tasks = 1;
	assert_int_equal(plan_validate(&in, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "tasks"), "plan.goal_index");

	/* Due before the plan was drawn. */
	struct task_input early = task_titled("X", 1, 20261119);
	memset(&fe, 0, sizeof(fe));
	in.tasks = &early;
	assert_int_equal(plan_validate(&in, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "tasks"), "plan.task_due");

	struct task_input untitled = task_titled(NULL, -1, 0);
	memset(&fe, 0, sizeof(fe));
	in.tasks = &untitled;
	assert_int_equal(plan_validate(&in, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "tasks"), "plan.task_title");

	static struct task_input many[PLAN_MAX_TASKS + 1];
	for (int i = 0; i <= PLAN_MAX_TASKS; i++)
		many[i] = task_titled("T", -1, 0);
	memset(&fe, 0, sizeof(fe));
	in.tasks = many;
	in.n_tasks = PLAN_MAX_TASKS + 1;
	assert_int_equal(plan_validate(&in, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "tasks"), "plan.too_many_tasks");
	in.n_tasks = PLAN_MAX_TASKS;
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(plan_validate(&in, 20261123, &fe), 0);
}

static void test_plan_update(void **state)
{
	struct field_errors fe = {0};
	struct plan_goal_change g[3] = {{5, 20261122}, {6, 0}, {7, 20261123}};
	struct plan_update up = {.review_on = 20270101, .goals = g, .n_goals = 3};
	assert_int_equal(plan_update_validate(&up, 20261101, 2, 20261123, &fe), 0);

	g[0].achieved_on = 20261124; /* tomorrow */
	assert_int_equal(plan_update_validate(&up, 20261101, 2, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "goals"), "plan.achieved_future");

	memset(&fe, 0, sizeof(fe));
	g[0].achieved_on = 20261031; /* before the plan */
	assert_int_equal(plan_update_validate(&up, 20261101, 2, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "goals"), "plan.achieved_before");

	memset(&fe, 0, sizeof(fe));
	struct plan_update review = {.review_on = 20261101};
	assert_int_equal(plan_update_validate(&review, 20261101, 2, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "review_on"), "plan.review_order");

	static const char *const add[] = {"Naujas tikslas"};
	memset(&fe, 0, sizeof(fe));
	struct plan_update adding = {.add_goals = add, .n_add_goals = 1};
	assert_int_equal(plan_update_validate(&adding, 20261101, PLAN_MAX_GOALS - 1, 20261123, &fe), 0);
	assert_int_equal(plan_update_validate(&adding, 20261101, PLAN_MAX_GOALS, 20261123, &fe),
			 ERR_INVALID);
	assert_string_equal(fe_key(&fe, "add_goals"), "plan.too_many_goals");
}

static void test_task_validate(void **state)
{
	struct field_errors fe = {0};
	struct task_input t = task_titled("Aplankyti namuose", -1, 20261130);
	assert_int_equal(task_validate(&t, 1, 20261123, &fe), 0);
	t.title = NULL;
	assert_int_equal(task_validate(&t, 1, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "title"), "required");
	/* An update checks only what it carries. */
	memset(&fe, 0, sizeof(fe));
	t.set = TASK_F_DONE;
	t.done_on = 20261123;
	assert_int_equal(task_validate(&t, 0, 20261123, &fe), 0);
	t.done_on = 20261124;
	assert_int_equal(task_validate(&t, 0, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "done_on"), "date.future");
	memset(&fe, 0, sizeof(fe));
	t.set = TASK_F_TITLE;
	t.title = "a\x01";
	assert_int_equal(task_validate(&t, 0, 20261123, &fe), ERR_INVALID);
	assert_string_equal(fe_key(&fe, "title"), "invalid");
}

static void test_free_task_visibility(void **state)
{
	struct principal creator = {.user_id = 1, .role = ROLE_SOCIAL_WORKER, .department_id = 5};
	struct principal assignee = {.user_id = 2, .role = ROLE_SOCIAL_WORKER, .department_id = 5};
	struct principal head = {.user_id = 3, .role = ROLE_HEAD, .department_id = 5};
	struct principal other_head = {.user_id = 4, .role = ROLE_HEAD, .department_id = 6};
	struct principal colleague = {.user_id = 7, .role = ROLE_SOCIAL_WORKER, .department_id = 5};
	struct principal director = {.user_id = 8, .role = ROLE_DIRECTOR};
	assert_true(task_free_visible(&creator, 1, 2, 5));
	assert_true(task_free_visible(&assignee, 1, 2, 5));
	assert_true(task_free_visible(&head, 1, 2, 5));
	assert_false(task_free_visible(&other_head, 1, 2, 5));
	assert_false(task_free_visible(&colleague, 1, 2, 5));
	assert_false(task_free_visible(&director, 1, 2, 5));
	/* A head of no known department sees nothing of others. */
	assert_false(task_free_visible(&head, 1, 2, 0));
}

static void test_overdue_and_days(void **state)
{
	assert_true(worklist_overdue(20261122, 20261123));
	assert_false(worklist_overdue(20261123, 20261123)); /* due today */
	assert_false(worklist_overdue(20261124, 20261123));
	assert_false(worklist_overdue(0, 20261123));        /* undated */
	assert_int_equal(worklist_days(20261123, 20261123), 0);
	assert_int_equal(worklist_days(20261207, 20261123), 14);
	assert_int_equal(worklist_days(20261101, 20261123), -22);
	/* Across a month end, a year end and a leap day. */
	assert_int_equal(worklist_days(20270101, 20261231), 1);
	assert_int_equal(worklist_days(20280301, 20280228), 2);
	assert_int_equal(worklist_days(0, 20261123), 0);
	assert_string_equal(worklist_kind_name(WORKLIST_PLAN_REVIEW), "plan_review");
	assert_null(worklist_kind_name(WORKLIST__KIND_END));
	assert_null(worklist_kind_name((enum worklist_kind)0));
}

static void test_worklist_order(void **state)
{
	struct worklist_item it[] = {
		{WORKLIST_TASK, 0, 0, 40, 0},                 /* undated free task */
		{WORKLIST_PLAN_REVIEW, 20261201, 11, 0, 1},   /* in 8 days */
		{WORKLIST_DECISION, 20261101, 12, 0, 2},      /* 22 days over */
		{WORKLIST_TASK, 20261120, 12, 41, 3},         /* 3 days over */
		{WORKLIST_CONTRACT, 20261123, 13, 0, 4},      /* today */
		{WORKLIST_CASE_REVIEW, 20261120, 10, 0, 5},   /* 3 days over */
		{WORKLIST_TASK, 0, 10, 39, 6},                /* undated case task */
		{WORKLIST_DECISION, 20261120, 10, 0, 7},      /* 3 days over */
	};
	size_t n = sizeof(it) / sizeof(it[0]);
	worklist_sort(it, n);
	/* Most overdue first; equal dates by kind, then case and task;
	 * undated tasks last. */
	const size_t want[] = {2, 7, 5, 3, 4, 1, 0, 6};
	for (size_t i = 0; i < n; i++)
		assert_int_equal(it[i].index, want[i]);
	const int today = 20261123;
	int seen_not_overdue = 0;
	for (size_t i = 0; i < n; i++) {
		if (!worklist_overdue(it[i].due_on, today))
			seen_not_overdue = 1;
		else
			assert_false(seen_not_overdue); /* overdue items all come first */
	}
	for (size_t i = 1; i < n; i++)
		assert_true(worklist_compare(&it[i - 1], &it[i]) < 0);
	assert_int_equal(worklist_compare(&it[0], &it[0]), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_valid),
		cmocka_unit_test(test_plan_dates),
		cmocka_unit_test(test_plan_goals_and_tasks),
		cmocka_unit_test(test_plan_update),
		cmocka_unit_test(test_task_validate),
		cmocka_unit_test(test_free_task_visibility),
		cmocka_unit_test(test_overdue_and_days),
		cmocka_unit_test(test_worklist_order),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	printf("%d passed, %d failed\n", (int)(sizeof(tests) / sizeof(tests[0])) - failed, failed);
	return failed ? 1 : 0;
}
