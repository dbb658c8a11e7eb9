/*
 * api_caseplans.c - individual plans, tasks, case notes and the worklist:
 * JSON in and out. The rules live in domain/caseplan.c.
 *
 *   POST  /api/v1/cases/{id}/plans   {drawn_on, review_on, goals: [text],
 *         tasks: [{title, goal_index?, assignee_user_id?,
 *                  responsible_staff_id?, due_on?}]}        -> 201 plan
 *   GET   /api/v1/cases/{id}/plans   -> {items: [plan]} newest first
 *   GET   /api/v1/plans/{id}         -> plan (ETag)
 *   PATCH /api/v1/plans/{id}         If-Match; {review_on?, goals?:
 *         [{id, achieved_on}], add_goals?: [text]}          -> plan
 *   POST  /api/v1/tasks              {title, case_id?, plan_id?, goal_id?,
 *         assignee_user_id?, responsible_staff_id?, due_on?} -> 201 task
 *   GET   /api/v1/tasks              ?case_id|assignee_user_id, open,
 *         limit, cursor             -> {items: [task], next_cursor}
 *   GET   /api/v1/tasks/{id}         -> task (ETag)
 *   PATCH /api/v1/tasks/{id}         If-Match; {title?, assignee_user_id?,
 *         responsible_staff_id?, due_on?, done_on?}          -> task
 *   GET   /api/v1/cases/{id}/notes   ?limit, cursor -> {items, next_cursor}
 *   POST  /api/v1/cases/{id}/notes   {body, special_category?} -> 201 note
 *   GET   /api/v1/worklist           ?within_days, limit, department_id
 *         -> {today, within_days, items: [item], truncated}
 *
 * A plan: {id, case_id, drawn_on, review_on, created_by, created_at,
 * updated_at, version, current, goals: [{id, ordinal, goal,
 * achieved_on}], tasks: [task]}. A task: {id, case_id, plan_id, goal_id,
 * title, assignee_user_id, assignee_name, responsible_staff_id, due_on,
 * done_on, created_by, created_at, updated_at, version}. A note: {id,
 * case_id, created_at, author_id, author, special_category, body}. A
 * worklist item: {kind, title_key, due_on, overdue, days, case_id,
 * task_id, task_title, person_id, person_name}.
 *
 * Note bodies never reach the log: handlers log nothing, and errors name
 * fields and keys, never values.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/caseplan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Byte caps for api_str; the domain counts characters. */
#define TEXT_BYTES(chars) ((size_t)(chars) * 4)
#define WORKLIST_AUDIT_IDS 1024 /* more than the longest page */

static void actor_init(struct api_ctx *c, struct audit_entry *who,
		       struct parts_actor *a)
{
	api_audit_fill(c, who, "update", "case", 0, NULL);
	a->p = &c->who;
	a->who = who;
	a->audit_key = audit_log_key(c->app->audit);
}

/* Maps a domain result to the error body. */
static int caseplan_error(struct api_ctx *c, int rc,
			  const struct field_errors *fe,
			  const char *not_found_key)
{
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, not_found_key);
	if (fe->n)
		return api_field_errors(c, fe, rc);
	return rc;
}

static json_t *page(json_t *rows, int64_t next)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", (long long)next);
	return json_pack("{s:o,s:s?}", "items", rows, "next_cursor", next ? buf : NULL);
}

/* limit and a positive id cursor (query parameters). */
static int page_params(struct api_ctx *c, int *limit, int64_t *before)
{
	const char *cursor;
	int rc = api_page(c, limit, &cursor);
	if (!rc)
		rc = api_query_id(c, "cursor", before);
	return rc;
}

/* A date inside a nested object: 0 if absent or null; field error on
 * `field` if malformed. */
static int nested_date(struct api_ctx *c, json_t *o, const char *k,
		       const char *field, int *out)
{
	json_t *v = json_object_get(o, k);
	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || date_parse(json_string_value(v), out))
		return api_field_error(c, field, "date");
	return 0;
}

/* A positive id inside a nested object, 0 if absent or null. */
static int nested_id(struct api_ctx *c, json_t *o, const char *k,
		     const char *field, int64_t *out)
{
	json_t *v = json_object_get(o, k);
	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return api_field_error(c, field, "type.integer");
	*out = json_integer_value(v);
	return 0;
}

/* The array `field` of the body with at most max elements ("too_many"
 * otherwise), and arena room for as many items of `size` bytes. *arr is
 * NULL when the field is absent or null. */
static int body_array(struct api_ctx *c, const char *field, size_t max,
		      const char *too_many, size_t size, json_t **arr,
		      void **room)
{
	*arr = json_object_get(c->body, field);
	*room = NULL;
	if (!*arr || json_is_null(*arr)) {
		*arr = NULL;
		return 0;
	}
	if (!json_is_array(*arr))
		return api_field_error(c, field, "type.array");
	if (json_array_size(*arr) > max)
		return api_field_error(c, field, too_many);
	*room = arena_alloc(c->arena, (json_array_size(*arr) + 1) * size);
	return *room ? 0 : ERR_NOMEM;
}

/* An array of texts from the body into the arena. */
static int read_texts(struct api_ctx *c, const char *field, size_t max_n,
		      size_t max_bytes, const char *const **out, size_t *n)
{
	json_t *arr, *v;
	const char **t;
	size_t i;
	*out = NULL;
	*n = 0;
	int rc = body_array(c, field, max_n, "plan.too_many_goals", sizeof(*t), &arr, (void **)&t);
	if (rc || !arr)
		return rc;
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
			return api_field_error(c, field, "type.string");
		if (json_string_length(v) > max_bytes)
			return api_field_error(c, field, "string.too_long");
		t[i] = json_string_value(v);
	}
	*out = t;
	*n = json_array_size(arr);
	return 0;
}

/* ---- plans ---- */

static int read_plan_tasks(struct api_ctx *c, struct task_input **out,
			   size_t *n)
{
	static const char *const keys[] = {"title", "goal_index", "assignee_user_id",
		"responsible_staff_id", "due_on", NULL};
	json_t *arr, *o;
	struct task_input *t;
	size_t i;
	*out = NULL;
	*n = 0;
	int rc = body_array(c, "tasks", PLAN_MAX_TASKS, "plan.too_many_tasks", sizeof(*t), &arr, (void **)&t);
	if (rc || !arr)
		return rc;
	json_array_foreach(arr, i, o) {
		const char *k;
		json_t *v;
		memset(&t[i], 0, sizeof(t[i]));
		t[i].goal_index = -1;
		if (!json_is_object(o))
			return api_field_error(c, "tasks", "type.object");
		json_object_foreach(o, k, v) {
			int known = 0;
			for (const char *const *a = keys; *a; a++)
				known |= !strcmp(*a, k);
			if (!known)
				return api_field_error(c, "tasks", "unknown_field");
		}
		v = json_object_get(o, "title");
		if (v && !json_is_null(v)) {
			if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
				return api_field_error(c, "tasks", "type.string");
			if (json_string_length(v) > TEXT_BYTES(TASK_TITLE_MAX_CHARS))
				return api_field_error(c, "tasks", "string.too_long");
			t[i].title = json_string_value(v);
		}
		v = json_object_get(o, "goal_index");
		if (v && !json_is_null(v)) {
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) >= PLAN_MAX_GOALS)
				return api_field_error(c, "tasks", "plan.goal_index");
			t[i].goal_index = (int)json_integer_value(v);
		}
		rc |= nested_id(c, o, "assignee_user_id", "tasks", &t[i].assignee_user_id);
		rc |= nested_id(c, o, "responsible_staff_id", "tasks", &t[i].responsible_staff_id);
		rc |= nested_date(c, o, "due_on", "tasks", &t[i].due_on);
	}
	*out = t;
	*n = json_array_size(arr);
	return rc ? ERR_INVALID : 0;
}

/* Answers with plan id (as the caller sees it) and its ETag. */
static int plan_respond(struct api_ctx *c, struct db *db, int64_t plan_id,
			int status)
{
	json_t *doc = NULL;
	int64_t case_id = 0;
	int rc = case_plan_get(db, &c->who, plan_id, &doc, &case_id);
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "plan.not_found" : NULL);
	if (!strcmp(c->method, "GET")) /* a write audited itself */
		api_audit_read(c, "plan.read", "case", case_id, NULL);
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, status, doc);
}

int api_case_plan_create(struct api_ctx *c)
{
	static const char *const fields[] = {"drawn_on", "review_on", "goals", "tasks", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct caseplan_input in;
	struct task_input *tasks = NULL;
	struct db *db;
	int64_t plan_id = 0;
	memset(&in, 0, sizeof(in));
	int rc = api_only_fields(c, fields);
	rc |= api_date(c, "drawn_on", 1, &in.drawn_on);
	rc |= api_date(c, "review_on", 1, &in.review_on);
	rc |= read_texts(c, "goals", PLAN_MAX_GOALS, TEXT_BYTES(PLAN_GOAL_MAX_CHARS), &in.goals, &in.n_goals);
	rc |= read_plan_tasks(c, &tasks, &in.n_tasks);
	in.tasks = tasks;
	if (!json_object_get(c->body, "goals"))
		rc |= api_field_error(c, "goals", "required");
	if (rc)
		return rc == ERR_NOMEM ? rc : ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	actor_init(c, &who, &a);
	rc = case_plan_create(db, &a, c->params[0], &in, &fe, &plan_id);
	if (rc)
		return caseplan_error(c, rc, &fe, "case.not_found");
	return plan_respond(c, db, plan_id, 201);
}

int api_case_plan_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int rc = api_db(c, &db);
	if (!rc)
		rc = case_plans_list(db, &c->who, c->params[0], &rows);
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "case.not_found" : NULL);
	api_audit_read(c, "plans.read", "case", c->params[0], NULL);
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

int api_plan_get(struct api_ctx *c)
{
	struct db *db;
	int rc = api_db(c, &db);
	return rc ? rc : plan_respond(c, db, c->params[0], 200);
}

static int read_goal_changes(struct api_ctx *c, struct caseplan_goal_change **out,
			     size_t *n)
{
	json_t *arr, *o;
	struct caseplan_goal_change *g;
	size_t i;
	*out = NULL;
	*n = 0;
	int rc = body_array(c, "goals", PLAN_MAX_GOALS, "plan.too_many_goals", sizeof(*g), &arr, (void **)&g);
	if (rc || !arr)
		return rc;
	json_array_foreach(arr, i, o) {
		if (!json_is_object(o) || json_object_size(o) != 2 || !json_object_get(o, "id") ||
		    !json_object_get(o, "achieved_on"))
			return api_field_error(c, "goals", "plan.goal_change");
		rc |= nested_id(c, o, "id", "goals", &g[i].goal_id);
		rc |= nested_date(c, o, "achieved_on", "goals", &g[i].achieved_on);
	}
	*out = g;
	*n = json_array_size(arr);
	return rc ? ERR_INVALID : 0;
}

int api_plan_update(struct api_ctx *c)
{
	static const char *const fields[] = {"review_on", "goals", "add_goals", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct caseplan_update in;
	struct caseplan_goal_change *goals = NULL;
	struct db *db;
	int64_t expected, version = 0;
	memset(&in, 0, sizeof(in));
	int rc = api_only_fields(c, fields);
	rc |= api_date(c, "review_on", 0, &in.review_on);
	if (json_is_null(json_object_get(c->body, "review_on")))
		rc |= api_field_error(c, "review_on", "required");
	rc |= read_goal_changes(c, &goals, &in.n_goals);
	in.goals = goals;
	rc |= read_texts(c, "add_goals", PLAN_MAX_GOALS, TEXT_BYTES(PLAN_GOAL_MAX_CHARS), &in.add_goals,
			 &in.n_add_goals);
	if (rc)
		return rc == ERR_NOMEM ? rc : ERR_INVALID;
	if ((rc = api_if_match(c, &expected)) || (rc = api_db(c, &db)))
		return rc;
	actor_init(c, &who, &a);
	rc = case_plan_update(db, &a, c->params[0], expected, &in, &fe, &version);
	if (rc)
		return caseplan_error(c, rc, &fe, "plan.not_found");
	return plan_respond(c, db, c->params[0], 200);
}

/* ---- tasks ---- */

static int task_respond(struct api_ctx *c, struct db *db, int64_t id,
			int status)
{
	json_t *doc = NULL;
	int rc = task_get(db, &c->who, id, &doc);
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "task.not_found" : NULL);
	int64_t case_id = json_integer_value(json_object_get(doc, "case_id"));
	if (!strcmp(c->method, "GET")) /* a write audited itself */
		api_audit_read(c, "task.read", case_id ? "case" : "task", case_id ? case_id : id, NULL);
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, status, doc);
}

/* The task fields of a body; set says which ones it carries. */
static int task_input_read(struct api_ctx *c, int creating, struct task_input *in)
{
	static const char *const create_fields[] = {"title", "case_id", "plan_id", "goal_id",
		"assignee_user_id", "responsible_staff_id", "due_on", NULL};
	static const char *const update_fields[] = {"title", "assignee_user_id",
		"responsible_staff_id", "due_on", "done_on", NULL};
	memset(in, 0, sizeof(*in));
	in->goal_index = -1;
	int rc = api_only_fields(c, creating ? create_fields : update_fields);
#define HAS(k) (json_object_get(c->body, k) != NULL)
	if (HAS("title") || creating) {
		in->set |= TASK_F_TITLE;
		rc |= api_str(c, "title", 1, TEXT_BYTES(TASK_TITLE_MAX_CHARS), &in->title);
	}
	if (HAS("assignee_user_id")) {
		in->set |= TASK_F_ASSIGNEE;
		rc |= api_int(c, "assignee_user_id", 0, 1, INT64_MAX, &in->assignee_user_id);
	}
	if (HAS("responsible_staff_id")) {
		in->set |= TASK_F_STAFF;
		rc |= api_int(c, "responsible_staff_id", 0, 1, INT64_MAX, &in->responsible_staff_id);
	}
	if (HAS("due_on")) {
		in->set |= TASK_F_DUE;
		rc |= api_date(c, "due_on", 0, &in->due_on);
	}
	if (HAS("done_on")) {
		in->set |= TASK_F_DONE;
		rc |= api_date(c, "done_on", 0, &in->done_on);
	}
#undef HAS
	if (creating) {
		rc |= api_int(c, "case_id", 0, 1, INT64_MAX, &in->case_id);
		rc |= api_int(c, "plan_id", 0, 1, INT64_MAX, &in->plan_id);
		rc |= api_int(c, "goal_id", 0, 1, INT64_MAX, &in->goal_id);
	}
	return rc ? ERR_INVALID : 0;
}

int api_task_create(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct task_input in;
	struct db *db;
	int64_t id = 0;
	int rc = task_input_read(c, 1, &in);
	if (rc)
		return rc;
	if ((rc = api_db(c, &db)))
		return rc;
	actor_init(c, &who, &a);
	rc = task_create(db, &a, &in, &fe, &id);
	if (rc)
		return caseplan_error(c, rc, &fe, "task.not_found");
	return task_respond(c, db, id, 201);
}

int api_task_get(struct api_ctx *c)
{
	struct db *db;
	int rc = api_db(c, &db);
	return rc ? rc : task_respond(c, db, c->params[0], 200);
}

int api_task_update(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct task_input in;
	struct db *db;
	int64_t expected, version = 0;
	int rc = task_input_read(c, 0, &in);
	if (rc)
		return rc;
	if ((rc = api_if_match(c, &expected)) || (rc = api_db(c, &db)))
		return rc;
	actor_init(c, &who, &a);
	rc = task_update(db, &a, c->params[0], expected, &in, &fe, &version);
	if (rc)
		return caseplan_error(c, rc, &fe, "task.not_found");
	return task_respond(c, db, c->params[0], 200);
}

int api_task_list(struct api_ctx *c)
{
	struct task_filter f;
	struct db *db;
	json_t *rows;
	int64_t next = 0;
	int open = -1;
	memset(&f, 0, sizeof(f));
	int rc = page_params(c, &f.limit, &f.before);
	rc |= api_query_id(c, "case_id", &f.case_id);
	rc |= api_query_id(c, "assignee_user_id", &f.assignee_user_id);
	rc |= api_query_flag(c, "open", &open);
	if (rc)
		return ERR_INVALID;
	f.open_only = open == 1;
	if ((rc = api_db(c, &db)))
		return rc;
	rc = tasks_list(db, &c->who, &f, &rows, &next);
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "case.not_found" : NULL);
	if (f.case_id)
		api_audit_read(c, "tasks.read", "case", f.case_id, NULL);
	else
		api_audit_read(c, "tasks.read", "task", 0, NULL);
	return api_ok(c, 200, page(rows, next));
}

/* ---- case notes ---- */

int api_case_note_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	char reason[160];
	int limit;
	int64_t before = 0, next = 0, person_id = 0;
	int rc = page_params(c, &limit, &before);
	if (!rc)
		rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = case_notes_list(db, &c->who, c->params[0], before, limit, &rows, &next, &person_id, reason,
			     sizeof(reason));
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "case.not_found" : NULL);
	api_audit_read(c, "notes.read", "case", c->params[0], reason[0] ? reason : NULL);
	return api_ok(c, 200, page(rows, next));
}

int api_case_note_create(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	json_t *doc = NULL;
	const char *body;
	int special;
	int rc = api_note_read(c, TEXT_BYTES(CASE_NOTE_MAX_CHARS), &body, &special);
	if (rc)
		return rc;
	if ((rc = api_db(c, &db)))
		return rc;
	actor_init(c, &who, &a);
	rc = case_note_add(db, &a, c->params[0], body, special, &fe, &doc);
	if (rc)
		return caseplan_error(c, rc, &fe, "case.not_found");
	return api_ok(c, 201, doc);
}

/* ---- the worklist ---- */

int api_worklist(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct worklist_query q = {0};
	struct db *db;
	json_t *doc = NULL;
	int64_t ids[WORKLIST_AUDIT_IDS], days = WORKLIST_DEFAULT_DAYS;
	size_t n_persons = 0;
	const char *cursor;
	int rc = api_page(c, &q.limit, &cursor);
	rc |= api_query_id(c, "department_id", &q.department_id);
	const char *w = api_query(c, "within_days");
	if (w) {
		char *end;
		days = strtoll(w, &end, 10);
		if (!*w || *end || days < 0 || days > WORKLIST_MAX_DAYS)
			rc |= api_field_error(c, "within_days", "range");
	}
	if (rc)
		return ERR_INVALID;
	q.within_days = (int)days;
	if ((rc = api_db(c, &db)))
		return rc;
	rc = worklist_for(db, &c->who, &q, date_today(), &fe, &doc, ids, WORKLIST_AUDIT_IDS, &n_persons);
	if (rc)
		return caseplan_error(c, rc, &fe, NULL);
	/* One audit entry per person listed. */
	if (n_persons > WORKLIST_AUDIT_IDS) {
		json_decref(doc);
		return api_fail(c, ERR_INTERNAL, NULL); /* the limit keeps it below */
	}
	api_audit_read_ids(c, "worklist.read", "person", ids, n_persons, NULL);
	return api_ok(c, 200, doc);
}
