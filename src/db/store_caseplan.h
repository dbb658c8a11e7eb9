/*
 * store_caseplan.h - SQL for individual plans (plans, plan_goals), tasks,
 * case notes and the worklist.
 *
 * Like db/store.h: functions run on the caller's connection, inside the
 * caller's transaction if any, and know no rules; domain/caseplan.c
 * decides who may see and change what. Reads return jansson documents the
 * caller owns (json_decref). Dates are "YYYY-MM-DD" text, NULL for none;
 * ids 0 mean none and are stored as NULL.
 *
 * Errors: ERR_NOT_FOUND for a missing row, ERR_CONFLICT for a unique or
 * foreign-key violation, other negative codes from db_step.
 */
#ifndef PAGALBA_DB_STORE_CASEPLAN_H
#define PAGALBA_DB_STORE_CASEPLAN_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

/* ---- facts the rules need ---- */

/* A user's role name, department, and whether the account is disabled. */
struct store_user_facts {
	char role[24];
	int64_t department_id; /* 0 = none */
	int64_t institution_id;
	int disabled;
};
int store_caseplan_user(struct db *db, int64_t user_id,
			struct store_user_facts *out);
/* Whether staff member id exists and is active (*active 0/1). */
int store_caseplan_staff_active(struct db *db, int64_t staff_id, int *active);

/* ---- plans ---- */

int store_plan_insert(struct db *db, int64_t case_id, const char *drawn_on,
		      const char *review_on, int64_t by, const char *now,
		      int64_t *id);
int store_plan_goal_insert(struct db *db, int64_t plan_id, int64_t ordinal,
			   const char *goal, int64_t *id);
/* The plan row: id, case_id, drawn_on, review_on, created_by, created_at,
 * updated_at, version. */
int store_plan_get(struct db *db, int64_t plan_id, json_t **out);
/* The newest plan of a case (the current one); ERR_NOT_FOUND if none. */
int store_plan_current_id(struct db *db, int64_t case_id, int64_t *id);
/* Plans of a case, newest first, at most limit. */
int store_plans_of_case(struct db *db, int64_t case_id, int limit,
			json_t **out);
/* Goals of a plan in their order; tasks of a plan, oldest first. */
int store_plan_goals(struct db *db, int64_t plan_id, json_t **out);
int store_plan_tasks(struct db *db, int64_t plan_id, json_t **out);
/* The highest goal ordinal of a plan (0 without goals). */
int store_plan_goal_max_ordinal(struct db *db, int64_t plan_id, int64_t *n);
/* Sets review_on (NULL keeps it) and bumps the version if the plan is at
 * `expected`; *changes 1 or 0. */
int store_plan_update(struct db *db, int64_t plan_id, int64_t expected,
		      const char *review_on, const char *now, int64_t *changes);
/* Sets achieved_on (NULL clears) of goal_id of plan_id; *changes 1 or 0. */
int store_plan_goal_set_achieved(struct db *db, int64_t plan_id,
				 int64_t goal_id, const char *achieved_on,
				 int64_t *changes);
/* The plan a goal belongs to. */
int store_plan_goal_plan(struct db *db, int64_t goal_id, int64_t *plan_id);
/* cases.plan_review_due := review_on (the worklist's date). */
int store_case_set_plan_review_due(struct db *db, int64_t case_id,
				   const char *review_on);

/* ---- tasks ---- */

struct store_task_row {
	int64_t case_id, plan_id, goal_id; /* 0 = none */
	const char *title;
	int64_t assignee_user_id, responsible_staff_id; /* 0 = none */
	const char *due_on, *done_on;               /* NULL = none */
};

int store_task_insert(struct db *db, const struct store_task_row *r,
		      int64_t by, const char *now, int64_t *id);
/* Replaces title, assignee, responsible, due_on and done_on if the task
 * is at `expected`, bumping the version; *changes 1 or 0. */
int store_task_update(struct db *db, int64_t id, int64_t expected,
		      const struct store_task_row *r, const char *now,
		      int64_t *changes);
/* The task with the assignee's name: id, case_id, plan_id, goal_id,
 * title, assignee_user_id, assignee_name, responsible_staff_id, due_on,
 * done_on, created_by, created_at, updated_at, version. */
int store_task_get(struct db *db, int64_t id, json_t **out);

/* Tasks newest first (id below before, 0 = newest): of case_id when it
 * is not 0, else of assignee_user_id; open_only leaves out done ones. */
int store_tasks_page(struct db *db, int64_t case_id, int64_t assignee_user_id,
		     int open_only, int64_t before, int limit, json_t **out);
/* Open tasks of a case by due date (undated last), at most limit. */
int store_tasks_open_of_case(struct db *db, int64_t case_id, int limit,
			     json_t **out);

/* ---- case notes ---- */

int store_case_note_insert(struct db *db, int64_t case_id, int64_t author_id,
			   const char *now, int special, const char *body,
			   int64_t *id);
int store_case_note_get(struct db *db, int64_t id, json_t **out);
/* Notes newest first; special-category ones only with with_special (the
 * filter is in the query, so they never reach a caller who may not see
 * them). */
int store_case_notes_page(struct db *db, int64_t case_id, int with_special,
			  int64_t before, int limit, json_t **out);
int store_case_notes_count(struct db *db, int64_t case_id, int with_special,
			   int64_t *n);

/* ---- the worklist ---- */

/* The services a case is about (applied for or decided), by code: code,
 * name_lt, name_en. */
int store_caseplan_case_services(struct db *db, int64_t case_id, json_t **out);

enum store_worklist_scope {
	STORE_WORKLIST_WORKER,     /* cases with worker_user_id = scope_id */
	STORE_WORKLIST_DEPARTMENT, /* cases of department scope_id */
	STORE_WORKLIST_ALL,        /* every case */
	STORE_WORKLIST_TASKS_ONLY, /* no cases, only the caller's tasks */
};

/*
 * What falls due on or before `horizon` ("YYYY-MM-DD"): cases of the
 * scope with a decision, contract, plan review or case review due (each
 * only in the states where it applies), and open tasks of user_id that
 * are due by the horizon or undated. Rows by due date (undated last),
 * then kind, case and task, at most limit: kind:i (enum worklist_kind of
 * domain/caseplan.h, 1..5), due_on, case_id:i, task_id:i, task_title,
 * person_id:i, given_names, family_name.
 */
int store_worklist(struct db *db, enum store_worklist_scope scope,
		   int64_t scope_id, int64_t user_id, const char *horizon,
		   int limit, json_t **out);

#endif
