/*
 * caseplan.c - individual plans, tasks, case notes and the worklist (see
 * caseplan.h). SQL is in db/store_caseplan.c; case visibility is
 * case_view_for's (domain/case.h), reached only through plan_case_view.
 */
#include "domain/caseplan.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_caseplan.h"
#include "domain/case.h"
#include "domain/case_state.h"
#include "domain/person.h"
#include "domain/share.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pure rules ---- */

static void check_text(struct field_errors *fe, const char *field,
		       const char *s, size_t max)
{
	const char *k = text_check(s, max, 0);
	if (k)
		fe_add(fe, field, k);
}

int plan_validate(const struct plan_input *in, int today,
		  struct field_errors *fe)
{
	if (!in->drawn_on)
		fe_add(fe, "drawn_on", "required");
	else if (in->drawn_on > today)
		fe_add(fe, "drawn_on", "date.future");
	if (!in->review_on)
		fe_add(fe, "review_on", "required");
	else if (in->drawn_on && in->review_on <= in->drawn_on)
		fe_add(fe, "review_on", "plan.review_order");
	if (in->n_goals == 0)
		fe_add(fe, "goals", "plan.goals");
	else if (in->n_goals > PLAN_MAX_GOALS)
		fe_add(fe, "goals", "plan.too_many_goals");
	for (size_t i = 0; i < in->n_goals && i < PLAN_MAX_GOALS; i++)
		check_text(fe, "goals", in->goals[i], PLAN_GOAL_MAX_CHARS);
	if (in->n_tasks > PLAN_MAX_TASKS)
		fe_add(fe, "tasks", "plan.too_many_tasks");
	for (size_t i = 0; i < in->n_tasks && i < PLAN_MAX_TASKS; i++) {
		const struct task_input *t = &in->tasks[i];
		if (!t->title)
			fe_add(fe, "tasks", "plan.task_title");
		else
			check_text(fe, "tasks", t->title, TASK_TITLE_MAX_CHARS);
		if (t->goal_index != -1 && (t->goal_index < 0 || (size_t)t->goal_index >= in->n_goals))
			fe_add(fe, "tasks", "plan.goal_index");
		if (t->due_on && in->drawn_on && t->due_on < in->drawn_on)
			fe_add(fe, "tasks", "plan.task_due");
	}
	return fe->n ? ERR_INVALID : 0;
}

int plan_update_validate(const struct plan_update *in, int drawn_on,
			 size_t existing_goals, int today,
			 struct field_errors *fe)
{
	if (in->review_on && in->review_on <= drawn_on)
		fe_add(fe, "review_on", "plan.review_order");
	for (size_t i = 0; i < in->n_goals; i++) {
		int d = in->goals[i].achieved_on;
		if (in->goals[i].goal_id <= 0)
			fe_add(fe, "goals", "plan.goal_unknown");
		else if (d && d > today)
			fe_add(fe, "goals", "plan.achieved_future");
		else if (d && d < drawn_on)
			fe_add(fe, "goals", "plan.achieved_before");
	}
	if (existing_goals + in->n_add_goals > PLAN_MAX_GOALS)
		fe_add(fe, "add_goals", "plan.too_many_goals");
	for (size_t i = 0; i < in->n_add_goals && i < PLAN_MAX_GOALS; i++)
		check_text(fe, "add_goals", in->add_goals[i], PLAN_GOAL_MAX_CHARS);
	return fe->n ? ERR_INVALID : 0;
}

int task_validate(const struct task_input *in, int creating, int today,
		  struct field_errors *fe)
{
	unsigned set = creating ? ~0u : in->set;
	if (set & TASK_F_TITLE) {
		if (!in->title)
			fe_add(fe, "title", "required");
		else
			check_text(fe, "title", in->title, TASK_TITLE_MAX_CHARS);
	}
	if ((set & TASK_F_DONE) && in->done_on > today)
		fe_add(fe, "done_on", "date.future");
	return fe->n ? ERR_INVALID : 0;
}

int task_free_visible(const struct principal *p, int64_t created_by,
		      int64_t assignee, int64_t assignee_dept)
{
	if (p->user_id == created_by || (assignee && p->user_id == assignee))
		return 1;
	return p->role == ROLE_HEAD && assignee && assignee_dept && p->department_id == assignee_dept;
}

const char *worklist_kind_name(enum worklist_kind k)
{
	static const char *const names[WORKLIST__KIND_END] = {
		[WORKLIST_DECISION] = "decision",
		[WORKLIST_CONTRACT] = "contract",
		[WORKLIST_PLAN_REVIEW] = "plan_review",
		[WORKLIST_CASE_REVIEW] = "case_review",
		[WORKLIST_TASK] = "task",
	};
	return k >= WORKLIST_DECISION && k < WORKLIST__KIND_END ? names[k] : NULL;
}

int worklist_overdue(int due_on, int today)
{
	return due_on && due_on < today;
}

int worklist_days(int due_on, int today)
{
	if (!due_on)
		return 0;
	return (int)(date_to_days(due_on) - date_to_days(today));
}

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

int worklist_compare(const struct worklist_item *a,
		     const struct worklist_item *b)
{
	/* Undated last; then the earliest date first, which puts overdue
	 * items before the rest and the most overdue at the top. */
	if (!a->due_on != !b->due_on)
		return a->due_on ? -1 : 1;
	if (a->due_on != b->due_on)
		return a->due_on < b->due_on ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	int c = cmp_i64(a->case_id, b->case_id);
	return c ? c : cmp_i64(a->task_id, b->task_id);
}

static int worklist_qsort_cmp(const void *a, const void *b)
{
	return worklist_compare(a, b);
}

void worklist_sort(struct worklist_item *items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof(*items), worklist_qsort_cmp);
}

/* ---- helpers ---- */

/* "YYYY-MM-DD" of d in buf, or NULL for 0. */
static const char *date_or_null(int d, char *buf)
{
	if (!d)
		return NULL;
	date_format(d, buf);
	return buf;
}

static int date_field(json_t *o, const char *k)
{
	int d = 0;
	const char *s = json_string_value(json_object_get(o, k));
	return s && !date_parse(s, &d) ? d : 0;
}

static int64_t int_field(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* Cuts rows read with limit + 1 to limit; *next is the last id kept
 * when there were more, else 0. */
static void page_cut(json_t *rows, int limit, int64_t *next)
{
	*next = 0;
	if (json_array_size(rows) > (size_t)limit) {
		json_array_remove(rows, (size_t)limit);
		*next = int_field(json_array_get(rows, (size_t)limit - 1), "id");
	}
}

/* What the plan code needs to know of a case for a principal. */
struct plan_case {
	int full;           /* the staff view: may write */
	unsigned parts;     /* partners: the person's shared parts */
	char reason[160];   /* partners: the share's purpose and basis */
	int64_t person_id;
	int64_t department_id;
	enum case_status status;
};

/*
 * The one door to case visibility: case_view_for decides whether p sees
 * the case and with which view. A partner's shared parts of the person
 * (for notes) come from person_view_for, the registry's one rule.
 */
static int plan_case_view(struct db *db, const struct principal *p,
			  int64_t case_id, struct plan_case *out)
{
	struct case_view v;
	struct person_view pv;
	memset(out, 0, sizeof(*out));
	int rc = case_view_for(db, p, case_id, &v);
	if (!rc && !v.full)
		rc = person_view_for(db, p, v.person_id, &pv);
	if (rc)
		return rc;
	out->full = v.full;
	out->parts = v.full ? 0 : pv.parts;
	snprintf(out->reason, sizeof(out->reason), "%s", v.reason);
	out->person_id = v.person_id;
	out->department_id = v.department_id;
	out->status = v.status;
	return 0;
}

/* A case the caller is about to change: fully visible (else
 * ERR_NOT_FOUND) and not closed (ERR_CONFLICT, "case.closed"). */
static int case_for_write(struct db *db, const struct principal *p,
			  int64_t case_id, struct field_errors *fe,
			  struct plan_case *cv)
{
	int rc = plan_case_view(db, p, case_id, cv);
	if (!rc && !cv->full)
		rc = ERR_NOT_FOUND;
	if (!rc && case_status_closed(cv->status)) {
		fe_add(fe, "case_id", "case.closed");
		rc = ERR_CONFLICT;
	}
	return rc;
}

/* Audits the write and commits. */
static int caseplan_commit(struct db *db, const struct parts_actor *a,
			   const char *entity, int64_t id, const char *action)
{
	struct audit_entry e = *a->who;
	e.action = action;
	e.entity = entity;
	e.entity_id = id;
	int rc = audit_append_tx(db, a->audit_key, &e, 1);
	if (!rc)
		rc = db_tx_commit(db);
	return rc;
}

/*
 * The assignee of a task: an enabled social worker or head who fully sees
 * the case (case tasks), or one of the creator's department (free
 * tasks). The creator may always take their own task.
 */
static int assignee_check(struct db *db, const struct principal *p,
			  int64_t case_id, int64_t assignee, const char *field,
			  struct field_errors *fe)
{
	struct store_user_facts u;
	struct principal q;
	struct plan_case cv;
	if (assignee == p->user_id)
		return 0;
	int rc = store_caseplan_user(db, assignee, &u);
	if (rc == ERR_NOT_FOUND)
		return fe_add(fe, field, "task.assignee");
	if (rc)
		return rc;
	memset(&q, 0, sizeof(q));
	q.user_id = assignee;
	q.role = access_role_parse(u.role);
	q.department_id = u.department_id;
	q.institution_id = u.institution_id;
	if (u.disabled || !access_role_allows(q.role, PERM_CASE_WRITE))
		return fe_add(fe, field, "task.assignee");
	if (!case_id)
		return q.department_id == p->department_id ? 0
							   : fe_add(fe, field, "task.assignee_department");
	rc = plan_case_view(db, &q, case_id, &cv);
	if (rc == ERR_NOT_FOUND || (!rc && !cv.full))
		return fe_add(fe, field, "task.assignee_case");
	return rc;
}

static int staff_check(struct db *db, int64_t staff_id, const char *field,
		       struct field_errors *fe)
{
	int active = 0;
	int rc = store_caseplan_staff_active(db, staff_id, &active);
	if (rc == ERR_NOT_FOUND || (!rc && !active))
		return fe_add(fe, field, "task.staff");
	return rc;
}

/* The people of a new task: assignee (default: the creator) and the
 * responsible staff member. */
static int task_people_check(struct db *db, const struct principal *p,
			     int64_t case_id, const struct task_input *t,
			     const char *assignee_field, const char *staff_field,
			     struct field_errors *fe)
{
	int rc = 0;
	if (t->assignee_user_id)
		rc = assignee_check(db, p, case_id, t->assignee_user_id, assignee_field, fe);
	if (rc && rc != ERR_INVALID)
		return rc;
	if (t->responsible_staff_id)
		rc = staff_check(db, t->responsible_staff_id, staff_field, fe);
	if (rc && rc != ERR_INVALID)
		return rc;
	return fe->n ? ERR_INVALID : 0;
}

static void task_row_from(const struct task_input *t, struct store_task_row *r,
			  char *due, char *done)
{
	memset(r, 0, sizeof(*r));
	r->case_id = t->case_id;
	r->plan_id = t->plan_id;
	r->goal_id = t->goal_id;
	r->title = t->title;
	r->assignee_user_id = t->assignee_user_id;
	r->responsible_staff_id = t->responsible_staff_id;
	r->due_on = date_or_null(t->due_on, due);
	r->done_on = date_or_null(t->done_on, done);
}

/* ---- plans ---- */

int case_plan_create(struct db *db, const struct parts_actor *a,
		     int64_t case_id, const struct plan_input *in,
		     struct field_errors *fe, int64_t *plan_id)
{
	char now[TIMESTAMP_ISO_LEN], drawn[DATE_ISO_LEN], review[DATE_ISO_LEN];
	char due[DATE_ISO_LEN], done[DATE_ISO_LEN];
	int64_t goal_ids[PLAN_MAX_GOALS], id;
	struct plan_case cv;
	int rc = plan_validate(in, date_today(), fe);
	if (rc)
		return rc;
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = case_for_write(db, a->p, case_id, fe, &cv);
	for (size_t i = 0; !rc && i < in->n_tasks; i++)
		rc = task_people_check(db, a->p, case_id, &in->tasks[i], "tasks", "tasks", fe);
	time_format_iso(time_now_ms(), now);
	date_format(in->drawn_on, drawn);
	date_format(in->review_on, review);
	if (!rc)
		rc = store_plan_insert(db, case_id, drawn, review, a->p->user_id, now, plan_id);
	for (size_t i = 0; !rc && i < in->n_goals; i++)
		rc = store_plan_goal_insert(db, *plan_id, (int64_t)i + 1, in->goals[i], &goal_ids[i]);
	for (size_t i = 0; !rc && i < in->n_tasks; i++) {
		struct task_input t = in->tasks[i];
		struct store_task_row r;
		t.case_id = case_id;
		t.plan_id = *plan_id;
		t.goal_id = t.goal_index >= 0 ? goal_ids[t.goal_index] : 0;
		if (!t.assignee_user_id)
			t.assignee_user_id = a->p->user_id;
		task_row_from(&t, &r, due, done);
		rc = store_task_insert(db, &r, a->p->user_id, now, &id);
	}
	if (!rc)
		rc = store_case_set_plan_review_due(db, case_id, review);
	if (!rc)
		rc = caseplan_commit(db, a, "case", case_id, "plan.create");
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

/* The plan row with its goals, tasks and whether it is current. */
static int plan_document(struct db *db, json_t *plan, int current)
{
	json_t *goals = NULL, *tasks = NULL;
	int64_t id = int_field(plan, "id");
	int rc = store_plan_goals(db, id, &goals);
	if (!rc)
		rc = store_plan_tasks(db, id, &tasks);
	if (rc) {
		json_decref(goals);
		return rc;
	}
	json_object_set_new(plan, "current", json_boolean(current));
	json_object_set_new(plan, "goals", goals);
	json_object_set_new(plan, "tasks", tasks);
	return 0;
}

int case_plan_update(struct db *db, const struct parts_actor *a,
		     int64_t plan_id, int64_t expected,
		     const struct plan_update *in, struct field_errors *fe,
		     int64_t *version)
{
	char now[TIMESTAMP_ISO_LEN], review[DATE_ISO_LEN], achieved[DATE_ISO_LEN];
	json_t *plan = NULL, *snap = NULL;
	struct plan_case cv;
	int64_t case_id = 0, current = 0, changes = 0, ordinal = 0, gid;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_plan_get(db, plan_id, &plan);
	if (!rc)
		case_id = int_field(plan, "case_id");
	if (!rc)
		rc = case_for_write(db, a->p, case_id, fe, &cv);
	if (!rc)
		rc = store_plan_current_id(db, case_id, &current);
	if (!rc && current != plan_id) {
		fe_add(fe, "plan_id", "plan.superseded");
		rc = ERR_CONFLICT;
	}
	if (!rc)
		rc = plan_document(db, plan, 1);
	if (!rc)
		rc = plan_update_validate(in, date_field(plan, "drawn_on"),
					  json_array_size(json_object_get(plan, "goals")), date_today(), fe);
	if (rc)
		goto out;
	time_format_iso(time_now_ms(), now);
	snap = json_pack("{s:O}", "plan", plan);
	rc = snap ? store_history_add(db, "plan", plan_id, expected, a->p->user_id, "plan.update", snap)
		  : ERR_NOMEM;
	if (!rc)
		rc = store_plan_update(db, plan_id, expected, date_or_null(in->review_on, review), now,
				       &changes);
	if (!rc && changes != 1)
		rc = ERR_PRECONDITION;
	for (size_t i = 0; !rc && i < in->n_goals; i++) {
		rc = store_plan_goal_set_achieved(db, plan_id, in->goals[i].goal_id,
						  date_or_null(in->goals[i].achieved_on, achieved), &changes);
		if (!rc && changes != 1)
			rc = fe_add(fe, "goals", "plan.goal_unknown");
	}
	if (!rc && in->n_add_goals)
		rc = store_plan_goal_max_ordinal(db, plan_id, &ordinal);
	for (size_t i = 0; !rc && i < in->n_add_goals; i++)
		rc = store_plan_goal_insert(db, plan_id, ordinal + 1 + (int64_t)i, in->add_goals[i], &gid);
	if (!rc && in->review_on)
		rc = store_case_set_plan_review_due(db, case_id, review);
	if (!rc)
		rc = caseplan_commit(db, a, "case", case_id, "plan.update");
	if (!rc)
		*version = expected + 1;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(plan);
	json_decref(snap);
	return rc;
}

int case_plan_get(struct db *db, const struct principal *p, int64_t plan_id,
		  json_t **doc, int64_t *case_id)
{
	struct plan_case cv;
	json_t *plan = NULL;
	int64_t current = 0;
	int rc = store_plan_get(db, plan_id, &plan);
	if (!rc)
		*case_id = int_field(plan, "case_id");
	if (!rc)
		rc = plan_case_view(db, p, *case_id, &cv);
	if (!rc)
		rc = store_plan_current_id(db, *case_id, &current);
	if (!rc)
		rc = plan_document(db, plan, current == plan_id);
	if (rc) {
		json_decref(plan);
		return rc;
	}
	*doc = plan;
	return 0;
}

int case_plans_list(struct db *db, const struct principal *p,
		    int64_t case_id, json_t **list)
{
	struct plan_case cv;
	json_t *plans = NULL, *plan;
	size_t i;
	int rc = plan_case_view(db, p, case_id, &cv);
	if (!rc)
		rc = store_plans_of_case(db, case_id, PLANS_PER_CASE_MAX, &plans);
	json_array_foreach(plans, i, plan) {
		if (!rc)
			rc = plan_document(db, plan, i == 0);
	}
	if (rc) {
		json_decref(plans);
		return rc;
	}
	*list = plans;
	return 0;
}

/* ---- tasks ---- */

/* Fills in the plan and case of a new task from its goal or plan, and
 * checks they agree with what the request says. */
static int task_link(struct db *db, struct task_input *t,
		     struct field_errors *fe)
{
	json_t *plan = NULL;
	int64_t goal_plan = 0;
	int rc = 0;
	if (t->goal_id) {
		rc = store_plan_goal_plan(db, t->goal_id, &goal_plan);
		if (rc == ERR_NOT_FOUND || (!rc && t->plan_id && t->plan_id != goal_plan))
			return fe_add(fe, "goal_id", "task.goal");
		if (rc)
			return rc;
		t->plan_id = goal_plan;
	}
	if (t->plan_id) {
		rc = store_plan_get(db, t->plan_id, &plan);
		if (rc == ERR_NOT_FOUND)
			return fe_add(fe, "plan_id", "task.plan");
		if (rc)
			return rc;
		int64_t c = int_field(plan, "case_id");
		json_decref(plan);
		if (t->case_id && t->case_id != c)
			return fe_add(fe, "plan_id", "task.plan_case");
		t->case_id = c;
	}
	return 0;
}

int task_create(struct db *db, const struct parts_actor *a,
		const struct task_input *in, struct field_errors *fe,
		int64_t *id)
{
	char now[TIMESTAMP_ISO_LEN], due[DATE_ISO_LEN], done[DATE_ISO_LEN];
	struct task_input t = *in;
	struct store_task_row r;
	struct plan_case cv;
	int rc = task_validate(in, 1, date_today(), fe);
	if (rc)
		return rc;
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = task_link(db, &t, fe);
	if (!rc && t.case_id) {
		rc = case_for_write(db, a->p, t.case_id, fe, &cv);
		if (rc == ERR_NOT_FOUND)
			rc = fe_add(fe, t.plan_id ? "plan_id" : "case_id", t.plan_id ? "task.plan" : "case.not_found");
	}
	if (!rc)
		rc = task_people_check(db, a->p, t.case_id, &t, "assignee_user_id", "responsible_staff_id", fe);
	if (!t.assignee_user_id)
		t.assignee_user_id = a->p->user_id;
	time_format_iso(time_now_ms(), now);
	task_row_from(&t, &r, due, done);
	if (!rc)
		rc = store_task_insert(db, &r, a->p->user_id, now, id);
	if (!rc)
		rc = t.case_id ? caseplan_commit(db, a, "case", t.case_id, "task.create")
			       : caseplan_commit(db, a, "task", *id, "task.create");
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

/* Whether p sees task row `task` (full: whether p may change it). */
static int task_visible(struct db *db, const struct principal *p, json_t *task,
			int *full)
{
	struct plan_case cv;
	struct store_user_facts u;
	int64_t case_id = int_field(task, "case_id");
	int64_t assignee = int_field(task, "assignee_user_id");
	if (case_id) {
		int rc = plan_case_view(db, p, case_id, &cv);
		if (!rc)
			*full = cv.full;
		return rc;
	}
	u.department_id = 0;
	if (assignee && p->role == ROLE_HEAD) {
		int rc = store_caseplan_user(db, assignee, &u);
		if (rc && rc != ERR_NOT_FOUND)
			return rc;
	}
	*full = 1;
	return task_free_visible(p, int_field(task, "created_by"), assignee, u.department_id)
		       ? 0
		       : ERR_NOT_FOUND;
}

int task_get(struct db *db, const struct principal *p, int64_t id,
	     json_t **doc)
{
	json_t *task = NULL;
	int full = 0;
	int rc = store_task_get(db, id, &task);
	if (!rc)
		rc = task_visible(db, p, task, &full);
	if (rc) {
		json_decref(task);
		return rc;
	}
	*doc = task;
	return 0;
}

int task_update(struct db *db, const struct parts_actor *a, int64_t id,
		int64_t expected, const struct task_input *in,
		struct field_errors *fe, int64_t *version)
{
	char now[TIMESTAMP_ISO_LEN], due[DATE_ISO_LEN], done[DATE_ISO_LEN];
	struct task_input t;
	struct store_task_row r;
	json_t *cur = NULL, *snap = NULL;
	int64_t changes = 0;
	int full = 0;
	int rc = task_validate(in, 0, date_today(), fe);
	if (rc)
		return rc;
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_task_get(db, id, &cur);
	if (!rc)
		rc = task_visible(db, a->p, cur, &full);
	if (!rc && !full)
		rc = ERR_NOT_FOUND;
	if (rc)
		goto out;
	/* The task as it will be. */
	memset(&t, 0, sizeof(t));
	t.case_id = int_field(cur, "case_id");
	t.plan_id = int_field(cur, "plan_id");
	t.goal_id = int_field(cur, "goal_id");
	t.title = (in->set & TASK_F_TITLE) ? in->title : json_string_value(json_object_get(cur, "title"));
	t.assignee_user_id = (in->set & TASK_F_ASSIGNEE) ? in->assignee_user_id
							: int_field(cur, "assignee_user_id");
	t.responsible_staff_id = (in->set & TASK_F_STAFF) ? in->responsible_staff_id
							 : int_field(cur, "responsible_staff_id");
	t.due_on = (in->set & TASK_F_DUE) ? in->due_on : date_field(cur, "due_on");
	t.done_on = (in->set & TASK_F_DONE) ? in->done_on : date_field(cur, "done_on");
	{
		/* Only the people the request changes are checked again. */
		struct task_input people = {0};
		if ((in->set & TASK_F_ASSIGNEE) && t.assignee_user_id != int_field(cur, "assignee_user_id"))
			people.assignee_user_id = t.assignee_user_id;
		if ((in->set & TASK_F_STAFF) && t.responsible_staff_id != int_field(cur, "responsible_staff_id"))
			people.responsible_staff_id = t.responsible_staff_id;
		rc = task_people_check(db, a->p, t.case_id, &people, "assignee_user_id",
				       "responsible_staff_id", fe);
	}
	if (rc)
		goto out;
	time_format_iso(time_now_ms(), now);
	task_row_from(&t, &r, due, done);
	snap = json_pack("{s:O}", "task", cur);
	rc = snap ? store_history_add(db, "task", id, expected, a->p->user_id, "task.update", snap)
		  : ERR_NOMEM;
	if (!rc)
		rc = store_task_update(db, id, expected, &r, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_PRECONDITION;
	if (!rc)
		rc = t.case_id ? caseplan_commit(db, a, "case", t.case_id, "task.update")
			       : caseplan_commit(db, a, "task", id, "task.update");
	if (!rc)
		*version = expected + 1;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	json_decref(snap);
	return rc;
}

/* Remembers visibility per case while filtering a list, and (for the
 * worklist) the case's services. */
struct seen_cases {
	size_t n;
	struct {
		int64_t case_id;
		int visible;
		json_t *services; /* owned; NULL until read */
	} c[256]; /* more than a worklist page can name */
};

static void seen_cases_release(struct seen_cases *s)
{
	for (size_t i = 0; i < s->n; i++)
		json_decref(s->c[i].services);
	s->n = 0;
}

/* The services of a case already seen (read once per request), or NULL
 * if it was not remembered. A new reference. */
static int seen_case_services(struct db *db, struct seen_cases *s,
			      int64_t case_id, json_t **out)
{
	*out = NULL;
	for (size_t i = 0; i < s->n; i++)
		if (s->c[i].case_id == case_id) {
			if (!s->c[i].services) {
				int rc = store_caseplan_case_services(db, case_id, &s->c[i].services);
				if (rc)
					return rc;
			}
			*out = json_incref(s->c[i].services);
			return 0;
		}
	return 0;
}

static int seen_case_visible(struct db *db, const struct principal *p,
			     struct seen_cases *s, int64_t case_id, int *visible)
{
	struct plan_case cv;
	for (size_t i = 0; i < s->n; i++)
		if (s->c[i].case_id == case_id) {
			*visible = s->c[i].visible;
			return 0;
		}
	int rc = plan_case_view(db, p, case_id, &cv);
	if (rc && rc != ERR_NOT_FOUND)
		return rc;
	*visible = rc == 0;
	if (s->n < sizeof(s->c) / sizeof(s->c[0])) {
		s->c[s->n].case_id = case_id;
		s->c[s->n].services = NULL;
		s->c[s->n++].visible = *visible;
	}
	return 0;
}

int tasks_list(struct db *db, const struct principal *p,
	       const struct task_filter *f, json_t **list, int64_t *next)
{
	struct seen_cases seen = {0};
	struct store_user_facts u = {0};
	struct plan_case cv;
	json_t *rows = NULL;
	int64_t assignee = f->assignee_user_id ? f->assignee_user_id : p->user_id;
	int rc = 0;
	*next = 0;
	if (f->case_id)
		rc = plan_case_view(db, p, f->case_id, &cv);
	else if (p->role == ROLE_HEAD && assignee != p->user_id)
		rc = store_caseplan_user(db, assignee, &u);
	if (rc == ERR_NOT_FOUND && !f->case_id)
		rc = 0; /* an unknown assignee simply has no tasks */
	if (!rc)
		rc = store_tasks_page(db, f->case_id, assignee, f->open_only, f->before, f->limit + 1, &rows);
	if (rc)
		return rc;
	page_cut(rows, f->limit, next);
	/* A case's listing is filtered by the case already; an assignee's by
	 * each task's own case, or the free-task rule. */
	for (size_t i = 0; !f->case_id && !rc && i < json_array_size(rows);) {
		json_t *row = json_array_get(rows, i);
		int64_t case_id = int_field(row, "case_id");
		int visible = 0;
		if (case_id)
			rc = seen_case_visible(db, p, &seen, case_id, &visible);
		else
			visible = task_free_visible(p, int_field(row, "created_by"), assignee, u.department_id);
		if (!rc && !visible)
			json_array_remove(rows, i);
		else
			i++;
	}
	if (rc) {
		json_decref(rows);
		return rc;
	}
	*list = rows;
	return 0;
}

/* ---- case notes ---- */

int case_note_add(struct db *db, const struct parts_actor *a,
		  int64_t case_id, const char *body, int special,
		  struct field_errors *fe, json_t **doc)
{
	char now[TIMESTAMP_ISO_LEN];
	struct plan_case cv;
	int64_t id;
	const char *k = text_check(body, CASE_NOTE_MAX_CHARS, 1);
	if (k)
		return fe_add(fe, "body", k);
	if (special && !access_role_allows(a->p->role, PERM_NOTE_SPECIAL))
		return ERR_FORBIDDEN;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = plan_case_view(db, a->p, case_id, &cv);
	if (!rc && !cv.full)
		rc = ERR_NOT_FOUND;
	time_format_iso(time_now_ms(), now);
	if (!rc)
		rc = store_case_note_insert(db, case_id, a->p->user_id, now, special, body, &id);
	if (!rc)
		rc = store_case_note_get(db, id, doc);
	if (!rc)
		rc = caseplan_commit(db, a, "case", case_id, special ? "note.add_special" : "note.add");
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

/* Whether p reads a case's notes at all, and special ones. */
static int notes_access(const struct principal *p, const struct plan_case *cv,
			int *special)
{
	if (!cv->full && !(cv->parts & SHARE_PART_NOTES))
		return ERR_NOT_FOUND;
	*special = cv->full && access_role_allows(p->role, PERM_NOTE_SPECIAL);
	return 0;
}

int case_notes_list(struct db *db, const struct principal *p,
		    int64_t case_id, int64_t before, int limit, json_t **list,
		    int64_t *next, int64_t *person_id, char *reason,
		    size_t reason_cap)
{
	struct plan_case cv;
	int special = 0;
	int rc = plan_case_view(db, p, case_id, &cv);
	if (!rc)
		rc = notes_access(p, &cv, &special);
	if (rc)
		return rc;
	*person_id = cv.person_id;
	snprintf(reason, reason_cap, "%s", cv.full ? "" : cv.reason);
	rc = store_case_notes_page(db, case_id, special, before, limit + 1, list);
	if (!rc)
		page_cut(*list, limit, next);
	return rc;
}

/* ---- the worklist ---- */

static int worklist_scope(const struct principal *p, int64_t department_id,
			  struct field_errors *fe,
			  enum store_worklist_scope *scope, int64_t *scope_id)
{
	*scope_id = 0;
	switch (p->role) {
	case ROLE_DIRECTOR:
		*scope = department_id ? STORE_WORKLIST_DEPARTMENT : STORE_WORKLIST_ALL;
		*scope_id = department_id;
		return 0;
	case ROLE_HEAD:
		*scope = p->department_id ? STORE_WORKLIST_DEPARTMENT : STORE_WORKLIST_TASKS_ONLY;
		*scope_id = p->department_id;
		break;
	case ROLE_SOCIAL_WORKER:
		*scope = STORE_WORKLIST_WORKER;
		*scope_id = p->user_id;
		break;
	default:
		*scope = STORE_WORKLIST_TASKS_ONLY;
		break;
	}
	/* Only the director chooses a department; others may name their own. */
	if (department_id && department_id != p->department_id)
		return fe_add(fe, "department_id", "worklist.department");
	return 0;
}

/* Adds id to the distinct persons listed. */
static void persons_add(int64_t *ids, size_t cap, size_t *n, int64_t id)
{
	for (size_t i = 0; i < *n && i < cap; i++)
		if (ids[i] == id)
			return;
	if (*n < cap)
		ids[*n] = id;
	(*n)++;
}

/* One worklist row as the API shows it, with the case's services
 * (stolen; NULL for none). */
static json_t *worklist_item_doc(json_t *row, int today, json_t *services)
{
	char key[32];
	enum worklist_kind kind = (enum worklist_kind)int_field(row, "kind");
	int due = date_field(row, "due_on");
	int64_t person = int_field(row, "person_id");
	int64_t task = int_field(row, "task_id");
	int64_t case_id = int_field(row, "case_id");
	char name[512];
	snprintf(key, sizeof(key), "worklist.%s", worklist_kind_name(kind));
	if (person) {
		const char *g = json_string_value(json_object_get(row, "given_names"));
		const char *f = json_string_value(json_object_get(row, "family_name"));
		snprintf(name, sizeof(name), "%s %s", g ? g : "", f ? f : "");
	}
	int days = worklist_days(due, today);
	return json_pack("{s:s,s:s,s:o,s:b,s:i,s:o,s:o,s:O,s:o,s:o,s:o}",
			 "kind", worklist_kind_name(kind), "title_key", key,
			 "due_on", due ? json_incref(json_object_get(row, "due_on")) : json_null(),
			 "overdue", worklist_overdue(due, today), "days", days < 0 ? -days : days,
			 "case_id", case_id ? json_integer(case_id) : json_null(),
			 "task_id", task ? json_integer(task) : json_null(),
			 "task_title", json_object_get(row, "task_title"),
			 "person_id", person ? json_integer(person) : json_null(),
			 "person_name", person ? json_string(name) : json_null(),
			 "services", services ? services : json_array());
}

int worklist_for(struct db *db, const struct principal *p,
		 const struct worklist_query *q, int today,
		 struct field_errors *fe, json_t **doc, int64_t *person_ids,
		 size_t cap, size_t *n_persons)
{
	char horizon[DATE_ISO_LEN], today_s[DATE_ISO_LEN];
	enum store_worklist_scope scope;
	struct seen_cases seen = {0};
	struct worklist_item *items = NULL;
	json_t *rows = NULL, *out = NULL;
	int64_t scope_id;
	size_t n = 0;
	int truncated = 0;
	*n_persons = 0;
	int rc = worklist_scope(p, q->department_id, fe, &scope, &scope_id);
	if (rc)
		return rc;
	date_format(date_add_days(today, q->within_days), horizon);
	date_format(today, today_s);
	rc = store_worklist(db, scope, scope_id, p->user_id, horizon, q->limit + 1, &rows);
	if (rc)
		return rc;
	if (json_array_size(rows) > (size_t)q->limit) {
		json_array_remove(rows, (size_t)q->limit);
		truncated = 1;
	}
	items = calloc(json_array_size(rows) + 1, sizeof(*items));
	out = json_array();
	if (!items || !out) {
		rc = ERR_NOMEM;
		goto done;
	}
	/* Every listed case passes case_view_for: the scope chose whose
	 * work it is, visibility stays the one rule's. */
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *row = json_array_get(rows, i);
		int64_t case_id = int_field(row, "case_id");
		int visible = 1;
		if (case_id)
			rc = seen_case_visible(db, p, &seen, case_id, &visible);
		if (rc)
			goto done;
		if (!visible)
			continue;
		items[n].kind = (enum worklist_kind)int_field(row, "kind");
		items[n].due_on = date_field(row, "due_on");
		items[n].case_id = case_id;
		items[n].task_id = int_field(row, "task_id");
		items[n].index = json_array_size(out);
		json_array_append(out, row);
		n++;
	}
	/* The store's order is the rule's; sort by the rule so that both
	 * agree even where SQL collation might differ. */
	worklist_sort(items, n);
	json_t *sorted = json_array();
	for (size_t i = 0; !rc && sorted && i < n; i++) {
		json_t *row = json_array_get(out, items[i].index), *services = NULL;
		int64_t person = int_field(row, "person_id");
		if (person)
			persons_add(person_ids, cap, n_persons, person);
		if (items[i].case_id)
			rc = seen_case_services(db, &seen, items[i].case_id, &services);
		if (!rc)
			json_array_append_new(sorted, worklist_item_doc(row, today, services));
	}
	if (rc) {
		json_decref(sorted);
		goto done;
	}
	*doc = json_pack("{s:s,s:i,s:o,s:b}", "today", today_s, "within_days", q->within_days,
			 "items", sorted, "truncated", truncated);
	rc = *doc ? 0 : ERR_NOMEM;
done:
	seen_cases_release(&seen);
	free(items);
	json_decref(rows);
	json_decref(out);
	return rc;
}

/* ---- the case page ---- */

int caseplan_case_parts(struct db *db, const struct principal *p,
			int64_t case_id, json_t *doc)
{
	struct plan_case cv;
	json_t *plan = NULL, *tasks = NULL;
	int64_t plan_id = 0, notes = 0;
	int special = 0;
	int rc = plan_case_view(db, p, case_id, &cv);
	if (rc)
		return rc;
	rc = store_plan_current_id(db, case_id, &plan_id);
	if (!rc)
		rc = store_plan_get(db, plan_id, &plan);
	if (!rc)
		rc = plan_document(db, plan, 1);
	if (rc == ERR_NOT_FOUND)
		rc = 0; /* no plan yet */
	if (!rc)
		rc = store_tasks_open_of_case(db, case_id, CASE_PAGE_OPEN_TASKS, &tasks);
	if (!rc && !notes_access(p, &cv, &special))
		rc = store_case_notes_count(db, case_id, special, &notes);
	if (rc) {
		json_decref(plan);
		json_decref(tasks);
		return rc;
	}
	json_object_set_new(doc, "plan", plan ? plan : json_null());
	json_object_set_new(doc, "open_tasks", tasks);
	json_object_set_new(doc, "notes_count", json_integer(notes));
	return 0;
}
