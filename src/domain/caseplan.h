/*
 * caseplan.h - the individual plan of a case (goals, tasks, review
 * date), tasks, case notes and the worklist (DOMAIN.md section 4, steps
 * 5 and 8). SQL lives in db/store_caseplan.c; whether a principal sees a
 * case is decided only by case_view_for (domain/case.h).
 *
 * Rules:
 * - A case has plans; the newest is the current one and supersedes the
 *   older, which are kept. Plans are drawn and changed only while the
 *   case is not closed (ERR_CONFLICT, "case.closed"), and only the
 *   current plan changes ("plan.superseded"). cases.plan_review_due
 *   follows the current plan's review_on, for the worklist.
 * - A task belongs to a case (and maybe a plan and one of its goals) or
 *   stands free. A case's task is seen by whoever sees the case; a free
 *   task by its creator, its assignee and the head of the assignee's
 *   department. The assignee of a case's task must be a social worker or
 *   head who sees the case; of a free task, one of the creator's
 *   department.
 * - Case notes are append-only (a correction is a new note). Special-
 *   category notes (health, disability, addiction: GDPR Art. 9) are
 *   written and read only with PERM_NOTE_SPECIAL and the full (staff)
 *   view; a partner reads ordinary notes only when the person's share
 *   includes notes, and never special ones (the person notes' rule).
 * - The worklist of a caller: what falls due within a horizon, overdue
 *   first (most overdue first), then by due date, then undated tasks.
 *
 * Writes run in one write transaction with their audit entry (entity
 * "case" and the case id, or "task" and the task id for a free task);
 * versioned rows (plans, tasks) take If-Match and leave a record_history
 * snapshot. Returned documents belong to the caller (json_decref). Field
 * errors go to *fe with message keys of api/api_messages.c. Thread-safe
 * given one connection per thread.
 */
#ifndef PAGALBA_DOMAIN_CASEPLAN_H
#define PAGALBA_DOMAIN_CASEPLAN_H

#include "core/fielderr.h"
#include "domain/access.h"
#include "domain/person_parts.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

#define PLAN_MAX_GOALS 30
#define PLAN_MAX_TASKS 50
#define PLAN_GOAL_MAX_CHARS 1000
#define PLANS_PER_CASE_MAX 100
#define TASK_TITLE_MAX_CHARS 300
#define CASE_NOTE_MAX_CHARS NOTE_BODY_MAX_CHARS
#define CASE_PAGE_OPEN_TASKS 50
#define WORKLIST_DEFAULT_DAYS 14
#define WORKLIST_MAX_DAYS 366

/* ---- pure rules (tests/unit/test_caseplan.c) ---- */

/* Which task fields a request carries (for updates). */
enum {
	TASK_F_TITLE = 1u << 0,
	TASK_F_ASSIGNEE = 1u << 1,
	TASK_F_STAFF = 1u << 2,
	TASK_F_DUE = 1u << 3,
	TASK_F_DONE = 1u << 4,
};

struct task_input {
	unsigned set;                  /* TASK_F_*: for updates */
	const char *title;
	int64_t case_id, plan_id, goal_id; /* creation only; 0 = none */
	int goal_index;                /* in a plan body: -1 = none */
	int64_t assignee_user_id;      /* 0 = none (creation: the creator) */
	int64_t responsible_staff_id;  /* 0 = none */
	int due_on, done_on;           /* yyyymmdd, 0 = none */
};

struct plan_input {
	int drawn_on, review_on;       /* yyyymmdd */
	const char *const *goals;
	size_t n_goals;
	const struct task_input *tasks;
	size_t n_tasks;
};

/* A change to the current plan. */
struct plan_goal_change {
	int64_t goal_id;
	int achieved_on;               /* 0 clears (not achieved after all) */
};
struct plan_update {
	int review_on;                 /* 0 = unchanged */
	const struct plan_goal_change *goals;
	size_t n_goals;
	const char *const *add_goals;
	size_t n_add_goals;
};

/* A whole plan: drawn_on not after today, review_on after drawn_on,
 * 1..PLAN_MAX_GOALS goals, at most PLAN_MAX_TASKS tasks whose
 * goal_index names a goal and which are not due before the plan. */
int plan_validate(const struct plan_input *in, int today,
		  struct field_errors *fe);
/* A change: review_on not before drawn_on, achievements not in the
 * future nor before the plan, added goals' texts, at most PLAN_MAX_GOALS
 * goals in all (existing_goals + added). */
int plan_update_validate(const struct plan_update *in, int drawn_on,
			 size_t existing_goals, int today,
			 struct field_errors *fe);
/* A task (creating: the title is required; else the fields in set):
 * title text, done_on not in the future. */
int task_validate(const struct task_input *in, int creating, int today,
		  struct field_errors *fe);
/* Whether p sees a free task (no case): its creator, its assignee, and
 * the head of the assignee's department (assignee_dept, 0 = none). */
int task_free_visible(const struct principal *p, int64_t created_by,
		      int64_t assignee, int64_t assignee_dept);

enum worklist_kind {
	WORKLIST_DECISION = 1,   /* decision due (applied, assessed, waiting) */
	WORKLIST_CONTRACT,       /* contract unsigned (decided_assign) */
	WORKLIST_PLAN_REVIEW,    /* the plan's review date */
	WORKLIST_CASE_REVIEW,    /* the case's review date */
	WORKLIST_TASK,           /* an open task assigned to the caller */
	WORKLIST__KIND_END
};

struct worklist_item {
	enum worklist_kind kind;
	int due_on;              /* yyyymmdd, 0 = undated (tasks only) */
	int64_t case_id, task_id;
	size_t index;            /* the caller's: where the item came from */
};

/* "decision", "contract", "plan_review", "case_review", "task"; NULL out
 * of range. */
const char *worklist_kind_name(enum worklist_kind k);
/* 1 when due_on is before today (an undated item is never overdue). */
int worklist_overdue(int due_on, int today);
/* Whole days from today to due_on: negative when overdue, 0 today or
 * undated. */
int worklist_days(int due_on, int today);
/* The worklist order: dated before undated; among dated, the earlier due
 * date first (so overdue items come first, the most overdue first); then
 * by kind, case and task, so the order is total. qsort-style. */
int worklist_compare(const struct worklist_item *a,
		     const struct worklist_item *b);
/* Sorts items in place in worklist_compare's order. */
void worklist_sort(struct worklist_item *items, size_t n);

/* ---- plans ---- */

/* Draws a new plan on case_id (it becomes the current one) with its goals
 * and tasks; *plan_id. ERR_NOT_FOUND when the caller lacks the full view
 * of the case, ERR_CONFLICT "case.closed". */
int case_plan_create(struct db *db, const struct parts_actor *a,
		     int64_t case_id, const struct plan_input *in,
		     struct field_errors *fe, int64_t *plan_id);
/* Changes the current plan plan_id at version `expected`: review date,
 * goals achieved, goals added. *version is the new version.
 * ERR_PRECONDITION when stale, ERR_CONFLICT "plan.superseded" for an
 * older plan, "case.closed". */
int case_plan_update(struct db *db, const struct parts_actor *a,
		     int64_t plan_id, int64_t expected,
		     const struct plan_update *in, struct field_errors *fe,
		     int64_t *version);
/* A plan with its goals and tasks and whether it is current, if p sees
 * its case. *case_id for auditing. */
int case_plan_get(struct db *db, const struct principal *p, int64_t plan_id,
		  json_t **doc, int64_t *case_id);
/* The plans of a case, newest first, each with goals and tasks. */
int case_plans_list(struct db *db, const struct principal *p,
		    int64_t case_id, json_t **list);

/* ---- tasks ---- */

/* Creates a task; *id. Field errors name the field ("case_id",
 * "plan_id", "goal_id", "assignee_user_id", "responsible_staff_id"). */
int task_create(struct db *db, const struct parts_actor *a,
		const struct task_input *in, struct field_errors *fe,
		int64_t *id);
/* Changes the fields in in->set of task id at version `expected`. */
int task_update(struct db *db, const struct parts_actor *a, int64_t id,
		int64_t expected, const struct task_input *in,
		struct field_errors *fe, int64_t *version);
/* The task if p sees it (ERR_NOT_FOUND otherwise). */
int task_get(struct db *db, const struct principal *p, int64_t id,
	     json_t **doc);

struct task_filter {
	int64_t case_id;          /* 0: by assignee */
	int64_t assignee_user_id; /* 0: the caller */
	int open_only;
	int64_t before;           /* keyset: ids below; 0 = newest */
	int limit;
};
/* Tasks newest first that p sees, of a case (ERR_NOT_FOUND if p does not
 * see it) or of an assignee. Reads limit + 1 rows: *next is the id to
 * continue below when there are more (0 at the end); hidden rows are
 * skipped, so a page may hold fewer than limit. */
int tasks_list(struct db *db, const struct principal *p,
	       const struct task_filter *f, json_t **list, int64_t *next);

/* ---- case notes ---- */

int case_note_add(struct db *db, const struct parts_actor *a,
		  int64_t case_id, const char *body, int special,
		  struct field_errors *fe, json_t **doc);
/* Notes newest first, ids below `before` (0 = newest), at most limit;
 * *next is the id to continue below (0 at the end). *person_id and, for
 * a partner, *reason (the share's purpose and basis) tell the caller how
 * to audit the read. */
int case_notes_list(struct db *db, const struct principal *p,
		    int64_t case_id, int64_t before, int limit, json_t **list,
		    int64_t *next, int64_t *person_id, char *reason,
		    size_t reason_cap);

/* ---- the worklist ---- */

struct worklist_query {
	int64_t department_id; /* director only: 0 = all departments */
	int within_days;       /* horizon: today + within_days */
	int limit;
};
/* The caller's worklist as {today, within_days, items: [...], truncated}
 * (see the item shape in api/api_caseplans.c). person_ids (cap entries)
 * receives the distinct persons listed, for the read's audit entry;
 * *n_persons counts them (all of them, even beyond cap). Field error
 * "department_id" when a non-director filters by another department. */
int worklist_for(struct db *db, const struct principal *p,
		 const struct worklist_query *q, int today,
		 struct field_errors *fe, json_t **doc, int64_t *person_ids,
		 size_t cap, size_t *n_persons);

/* ---- the case page ---- */

/* Adds to the case page `doc` of case_id, which p has been allowed to
 * see: "plan" (the current plan with goals and tasks, or null),
 * "open_tasks" (at most CASE_PAGE_OPEN_TASKS, by due date) and
 * "notes_count" (the notes p may read; no bodies). */
int caseplan_case_parts(struct db *db, const struct principal *p,
			int64_t case_id, json_t *doc);

#endif
