/*
 * store_caseplan.c - SQL for plans, tasks, case notes and the worklist
 * (see store_caseplan.h).
 */
#include "db/store_caseplan.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"

#include <stdio.h>
#include <string.h>

/* Steps a bound statement to its end: *changes (if wanted) for a write,
 * *id for "... RETURNING id" (ERR_DB if it returned nothing). */
static int step_write(struct db *db, struct db_stmt *st, int64_t *id,
		      int64_t *changes)
{
	int rc = db_step(st);
	if (rc == DB_ROW && id) {
		*id = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE && id) {
		rc = ERR_DB;
	}
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	if (changes)
		*changes = db_changes(db);
	return 0;
}

/* ---- facts ---- */

int store_caseplan_user(struct db *db, int64_t user_id,
			struct store_user_facts *out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT role, department_id, institution_id, disabled FROM users WHERE id = $1",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, user_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(out->role, sizeof(out->role), "%s", db_col_text(st, 0));
		out->department_id = db_col_int(st, 1);
		out->institution_id = db_col_int(st, 2);
		out->disabled = db_col_int(st, 3) != 0;
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_caseplan_staff_active(struct db *db, int64_t staff_id, int *active)
{
	int64_t a = 0;
	int rc = store_int1(db, "SELECT active FROM staff WHERE id = $1", 1, staff_id, 0, &a);
	if (!rc)
		*active = a != 0;
	return rc;
}

/* ---- plans ---- */

int store_plan_insert(struct db *db, int64_t case_id, const char *drawn_on,
		      const char *review_on, int64_t by, const char *now,
		      int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO plans (case_id, drawn_on, review_on, created_by, created_at, updated_at, version)"
			    " VALUES ($1, $2, $3, $4, $5, $5, 1) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_text(st, 2, drawn_on);
	db_bind_text(st, 3, review_on);
	store_bind_id_or_null(st, 4, by);
	db_bind_text(st, 5, now);
	return step_write(db, st, id, NULL);
}

int store_plan_goal_insert(struct db *db, int64_t plan_id, int64_t ordinal,
			   const char *goal, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "INSERT INTO plan_goals (plan_id, ordinal, goal) VALUES ($1, $2, $3) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, plan_id);
	db_bind_int(st, 2, ordinal);
	db_bind_text(st, 3, goal);
	return step_write(db, st, id, NULL);
}

static const char *const plan_cols[] = {"id:i", "case_id:i", "drawn_on", "review_on",
	"created_by:i", "created_at", "updated_at", "version:i", NULL};
#define PLAN_SELECT \
	"SELECT id, case_id, drawn_on, review_on, created_by, created_at, updated_at, version FROM plans"

int store_plan_get(struct db *db, int64_t plan_id, json_t **out)
{
	return store_row_by_int(db, PLAN_SELECT " WHERE id = $1", plan_id, plan_cols, out);
}

int store_plan_current_id(struct db *db, int64_t case_id, int64_t *id)
{
	return store_int1(db, "SELECT id FROM plans WHERE case_id = $1 ORDER BY id DESC LIMIT 1", 1,
			  case_id, 0, id);
}

int store_plans_of_case(struct db *db, int64_t case_id, int limit, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, PLAN_SELECT " WHERE case_id = $1 ORDER BY id DESC LIMIT $2", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, limit);
	return store_rows_json(st, plan_cols, out);
}

int store_plan_goals(struct db *db, int64_t plan_id, json_t **out)
{
	static const char *const cols[] = {"id:i", "ordinal:i", "goal", "achieved_on", NULL};
	return store_rows_by_int(db,
				 "SELECT id, ordinal, goal, achieved_on FROM plan_goals WHERE plan_id = $1"
				 " ORDER BY ordinal, id",
				 plan_id, cols, out);
}

static const char *const task_cols[] = {"id:i", "case_id:i", "plan_id:i", "goal_id:i", "title",
	"assignee_user_id:i", "assignee_name", "responsible_staff_id:i", "due_on", "done_on",
	"created_by:i", "created_at", "updated_at", "version:i", NULL};
#define TASK_SELECT \
	"SELECT t.id, t.case_id, t.plan_id, t.goal_id, t.title, t.assignee_user_id, u.display_name," \
	" t.responsible_staff_id, t.due_on, t.done_on, t.created_by, t.created_at, t.updated_at," \
	" t.version FROM tasks t LEFT JOIN users u ON u.id = t.assignee_user_id"

int store_plan_tasks(struct db *db, int64_t plan_id, json_t **out)
{
	return store_rows_by_int(db, TASK_SELECT " WHERE t.plan_id = $1 ORDER BY t.id", plan_id,
				 task_cols, out);
}

int store_plan_goal_max_ordinal(struct db *db, int64_t plan_id, int64_t *n)
{
	return store_int1(db, "SELECT COALESCE(MAX(ordinal), 0) FROM plan_goals WHERE plan_id = $1", 1,
			  plan_id, 0, n);
}

int store_plan_update(struct db *db, int64_t plan_id, int64_t expected,
		      const char *review_on, const char *now, int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE plans SET review_on = COALESCE($3, review_on), updated_at = $4,"
			    " version = version + 1 WHERE id = $1 AND version = $2",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, plan_id);
	db_bind_int(st, 2, expected);
	db_bind_text(st, 3, review_on);
	db_bind_text(st, 4, now);
	return step_write(db, st, NULL, changes);
}

int store_plan_goal_set_achieved(struct db *db, int64_t plan_id,
				 int64_t goal_id, const char *achieved_on,
				 int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "UPDATE plan_goals SET achieved_on = $3 WHERE id = $2 AND plan_id = $1", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, plan_id);
	db_bind_int(st, 2, goal_id);
	db_bind_text(st, 3, achieved_on);
	return step_write(db, st, NULL, changes);
}

int store_plan_goal_plan(struct db *db, int64_t goal_id, int64_t *plan_id)
{
	return store_int1(db, "SELECT plan_id FROM plan_goals WHERE id = $1", 1, goal_id, 0, plan_id);
}

int store_case_set_plan_review_due(struct db *db, int64_t case_id,
				   const char *review_on)
{
	struct db_stmt *st;
	int64_t n = 0;
	int rc = db_prepare(db, "UPDATE cases SET plan_review_due = $2 WHERE id = $1", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_text(st, 2, review_on);
	rc = step_write(db, st, NULL, &n);
	return rc ? rc : n == 1 ? 0 : ERR_NOT_FOUND;
}

/* ---- tasks ---- */

int store_task_insert(struct db *db, const struct store_task_row *r,
		      int64_t by, const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO tasks (case_id, plan_id, goal_id, title, assignee_user_id,"
			    " responsible_staff_id, due_on, done_on, created_by, created_at, updated_at, version)"
			    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, 1) RETURNING id",
			    &st);
	if (rc)
		return rc;
	store_bind_id_or_null(st, 1, r->case_id);
	store_bind_id_or_null(st, 2, r->plan_id);
	store_bind_id_or_null(st, 3, r->goal_id);
	db_bind_text(st, 4, r->title);
	store_bind_id_or_null(st, 5, r->assignee_user_id);
	store_bind_id_or_null(st, 6, r->responsible_staff_id);
	db_bind_text(st, 7, r->due_on);
	db_bind_text(st, 8, r->done_on);
	store_bind_id_or_null(st, 9, by);
	db_bind_text(st, 10, now);
	return step_write(db, st, id, NULL);
}

int store_task_update(struct db *db, int64_t id, int64_t expected,
		      const struct store_task_row *r, const char *now,
		      int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE tasks SET title = $3, assignee_user_id = $4, responsible_staff_id = $5,"
			    " due_on = $6, done_on = $7, updated_at = $8, version = version + 1"
			    " WHERE id = $1 AND version = $2",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, expected);
	db_bind_text(st, 3, r->title);
	store_bind_id_or_null(st, 4, r->assignee_user_id);
	store_bind_id_or_null(st, 5, r->responsible_staff_id);
	db_bind_text(st, 6, r->due_on);
	db_bind_text(st, 7, r->done_on);
	db_bind_text(st, 8, now);
	return step_write(db, st, NULL, changes);
}

int store_task_get(struct db *db, int64_t id, json_t **out)
{
	return store_row_by_int(db, TASK_SELECT " WHERE t.id = $1", id, task_cols, out);
}

int store_tasks_page(struct db *db, int64_t case_id, int64_t assignee_user_id,
		     int open_only, int64_t before, int limit, json_t **out)
{
	struct db_stmt *st;
	/* Two texts, so each reads its own index (tasks_case, tasks_assignee). */
	int rc = db_prepare(db, case_id
			    ? TASK_SELECT " WHERE t.case_id = $1 AND ($2 = 0 OR t.done_on IS NULL)"
				" AND ($3 = 0 OR t.id < $3) ORDER BY t.id DESC LIMIT $4"
			    : TASK_SELECT " WHERE t.assignee_user_id = $1 AND ($2 = 0 OR t.done_on IS NULL)"
				" AND ($3 = 0 OR t.id < $3) ORDER BY t.id DESC LIMIT $4",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id ? case_id : assignee_user_id);
	db_bind_int(st, 2, open_only ? 1 : 0);
	db_bind_int(st, 3, before);
	db_bind_int(st, 4, limit);
	return store_rows_json(st, task_cols, out);
}

int store_tasks_open_of_case(struct db *db, int64_t case_id, int limit,
			     json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, TASK_SELECT " WHERE t.case_id = $1 AND t.done_on IS NULL"
				" ORDER BY CASE WHEN t.due_on IS NULL THEN 1 ELSE 0 END, t.due_on, t.id LIMIT $2",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, limit);
	return store_rows_json(st, task_cols, out);
}

/* ---- case notes ---- */

int store_case_note_insert(struct db *db, int64_t case_id, int64_t author_id,
			   const char *now, int special, const char *body,
			   int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO case_notes (case_id, author_id, created_at, special_category, body)"
			    " VALUES ($1, $2, $3, $4, $5) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, author_id);
	db_bind_text(st, 3, now);
	db_bind_int(st, 4, special ? 1 : 0);
	db_bind_text(st, 5, body);
	return step_write(db, st, id, NULL);
}

static const char *const case_note_cols[] = {"id:i", "case_id:i", "created_at", "author_id:i",
	"author", "special_category:b", "body", NULL};
#define CASE_NOTE_SELECT \
	"SELECT n.id, n.case_id, n.created_at, n.author_id, u.display_name, n.special_category, n.body" \
	" FROM case_notes n JOIN users u ON u.id = n.author_id"

int store_case_note_get(struct db *db, int64_t id, json_t **out)
{
	return store_row_by_int(db, CASE_NOTE_SELECT " WHERE n.id = $1", id, case_note_cols, out);
}

int store_case_notes_page(struct db *db, int64_t case_id, int with_special,
			  int64_t before, int limit, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, CASE_NOTE_SELECT
			    " WHERE n.case_id = $1 AND (n.special_category = 0 OR n.special_category = $2)"
			    " AND (n.id < $3 OR $3 = 0) ORDER BY n.id DESC LIMIT $4",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, with_special ? 1 : 0);
	db_bind_int(st, 3, before);
	db_bind_int(st, 4, limit);
	return store_rows_json(st, case_note_cols, out);
}

int store_case_notes_count(struct db *db, int64_t case_id, int with_special,
			   int64_t *n)
{
	return store_int1(db,
			  "SELECT COUNT(*) FROM case_notes WHERE case_id = $1"
			  " AND (special_category = 0 OR special_category = $2)",
			  2, case_id, with_special ? 1 : 0, n);
}

/* ---- the worklist ---- */

int store_caseplan_case_services(struct db *db, int64_t case_id, json_t **out)
{
	static const char *const cols[] = {"code", "name_lt", "name_en", NULL};
	return store_rows_by_int(db,
				 "SELECT s.code, s.name_lt, s.name_en FROM services s WHERE s.id IN ("
				 "SELECT x.service_id FROM applications a"
				 " JOIN application_services x ON x.application_id = a.id WHERE a.case_id = $1"
				 " UNION SELECT d.service_id FROM decision_services d WHERE d.case_id = $1)"
				 " ORDER BY s.code",
				 case_id, cols, out);
}

/*
 * One text per scope; SCOPE is the case filter of each branch. The states
 * in which each obligation applies follow domain/case_state.h: a
 * decision is due while the case is applied, assessed or waiting; a
 * contract while decided_assign; a plan review while the case is not
 * closed; a case review while it runs (active or suspended).
 *
 * Each case branch reads its due-date index in date order and stops after
 * $4 rows (its own ORDER BY and LIMIT), so a list costs about as many
 * row reads as it shows, however many cases fall due: the outer query
 * merges at most 6 x $4 rows.
 */
#define WORKLIST_BRANCH(KIND, COL, STATES, SCOPE, ALIAS) \
	"SELECT * FROM (SELECT " KIND " AS kind, c." COL " AS due_on, c.id AS case_id, 0 AS task_id," \
	" CAST(NULL AS TEXT) AS task_title, c.person_id AS person_id FROM cases c" \
	" WHERE c." COL " <= $2 AND c.status " STATES " AND " SCOPE \
	" ORDER BY c." COL " LIMIT $4) " ALIAS
/* The caller's open tasks, dated (by tasks_assignee in date order) and
 * undated, each at most $4. */
#define WORKLIST_TASKS(WHERE_ORDER, ALIAS) \
	"SELECT * FROM (SELECT 5 AS kind, t.due_on AS due_on, t.case_id AS case_id, t.id AS task_id," \
	" t.title AS task_title, c.person_id AS person_id FROM tasks t LEFT JOIN cases c ON c.id = t.case_id" \
	" WHERE t.assignee_user_id = $3 AND t.done_on IS NULL AND " WHERE_ORDER " LIMIT $4) " ALIAS
#define WORKLIST_SQL(SCOPE) \
	"SELECT w.kind, w.due_on, w.case_id, w.task_id, w.task_title, p.id, p.given_names, p.family_name" \
	" FROM (" \
	WORKLIST_BRANCH("1", "decision_due", "IN ('applied', 'assessed', 'waiting')", SCOPE, "b1") \
	" UNION ALL " \
	WORKLIST_BRANCH("2", "contract_due", "= 'decided_assign'", SCOPE, "b2") \
	" UNION ALL " \
	WORKLIST_BRANCH("3", "plan_review_due", "NOT IN ('refused', 'terminated')", SCOPE, "b3") \
	" UNION ALL " \
	WORKLIST_BRANCH("4", "review_due", "IN ('active', 'suspended')", SCOPE, "b4") \
	" UNION ALL " WORKLIST_TASKS("t.due_on <= $2 ORDER BY t.due_on", "b5") \
	" UNION ALL " WORKLIST_TASKS("t.due_on IS NULL ORDER BY t.id", "b6") \
	") w LEFT JOIN persons p ON p.id = w.person_id" \
	" ORDER BY CASE WHEN w.due_on IS NULL THEN 1 ELSE 0 END, w.due_on, w.kind, w.case_id, w.task_id" \
	" LIMIT $4"

int store_worklist(struct db *db, enum store_worklist_scope scope,
		   int64_t scope_id, int64_t user_id, const char *horizon,
		   int limit, json_t **out)
{
	static const char *const cols[] = {"kind:i", "due_on", "case_id:i", "task_id:i",
		"task_title", "person_id:i", "given_names", "family_name", NULL};
	const char *sql;
	struct db_stmt *st;
	switch (scope) {
	case STORE_WORKLIST_WORKER:
		sql = WORKLIST_SQL("c.worker_user_id = $1");
		break;
	case STORE_WORKLIST_DEPARTMENT:
		sql = WORKLIST_SQL("c.department_id = $1");
		break;
	case STORE_WORKLIST_ALL:
		sql = WORKLIST_SQL("$1 = 0");
		scope_id = 0;
		break;
	default:
		sql = WORKLIST_SQL("$1 = 1");
		scope_id = 0;
		break;
	}
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, scope_id);
	db_bind_text(st, 2, horizon);
	db_bind_int(st, 3, user_id);
	db_bind_int(st, 4, limit);
	return store_rows_json(st, cols, out);
}
