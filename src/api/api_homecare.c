/*
 * api_homecare.c - home care: a worker's roster, mobility and absences
 * (/api/v1/staff/{id}/roster, /mobility, /absences). The rules are in
 * domain/homecare.c.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/date.h"
#include "core/err.h"
#include "core/buf.h"
#include "domain/homecare.h"
#include "domain/org.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void actor_init(struct api_ctx *c, const char *action, int64_t id,
		       struct audit_entry *who, struct homecare_actor *a)
{
	api_audit_fill(c, who, action, "staff", id, NULL);
	a->p = &c->who;
	a->who = who;
	a->audit_key = audit_log_key(c->app->audit);
}

static int roster_respond(struct api_ctx *c, int64_t staff_id, int status)
{
	struct db *db;
	json_t *doc;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = homecare_roster_get(db, staff_id, date_today(), &doc);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "staff.not_found");
	if (rc)
		return rc;
	return api_ok(c, status, doc);
}

int api_roster_get(struct api_ctx *c)
{
	return roster_respond(c, c->params[0], 200);
}

/* One "HH:MM" time of a roster day: field days.<i>.<name>. */
static int day_time(struct api_ctx *c, json_t *day, size_t i, const char *name,
		    int required, int *out)
{
	char field[40];
	json_t *v = json_object_get(day, name);
	snprintf(field, sizeof(field), "days.%zu.%s", i, name);
	if (!v || json_is_null(v)) {
		if (required)
			return api_field_error(c, field, "required");
		*out = -1;
		return 0;
	}
	if (!json_is_string(v) || homecare_time_parse(json_string_value(v), out))
		return api_field_error(c, field, "time");
	return 0;
}

int api_roster_put(struct api_ctx *c)
{
	static const char *const fields[] = {"days", NULL};
	static const char *const day_keys[] = {"weekday", "start", "end", "break_from", "break_to", "break_min"};
	struct homecare_roster_day d[7];
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	size_t i, n = 0;
	json_t *day;
	int rc = api_only_fields(c, fields);
	json_t *days = json_object_get(c->body, "days");
	if (!days)
		return api_field_error(c, "days", "required");
	if (!json_is_array(days))
		return api_field_error(c, "days", "type.array");
	if (json_array_size(days) > 7)
		return api_field_error(c, "days", "roster.too_many");
	json_array_foreach(days, i, day) {
		char field[40];
		const char *k;
		json_t *v;
		if (!json_is_object(day)) {
			snprintf(field, sizeof(field), "days.%zu", i);
			rc |= api_field_error(c, field, "type.object");
			continue;
		}
		json_object_foreach(day, k, v) {
			int known = 0;
			for (size_t j = 0; j < sizeof(day_keys) / sizeof(day_keys[0]); j++)
				known |= !strcmp(k, day_keys[j]);
			if (!known) {
				snprintf(field, sizeof(field), "days.%zu.%s", i, k);
				rc |= api_field_error(c, field, "unknown_field");
			}
		}
		json_t *wd = json_object_get(day, "weekday"), *bm = json_object_get(day, "break_min");
		snprintf(field, sizeof(field), "days.%zu.weekday", i);
		if (!json_is_integer(wd) || json_integer_value(wd) < 1 || json_integer_value(wd) > 7)
			rc |= api_field_error(c, field, wd ? "range" : "required");
		d[n].weekday = json_is_integer(wd) ? (int)json_integer_value(wd) : 0;
		rc |= day_time(c, day, i, "start", 1, &d[n].start);
		rc |= day_time(c, day, i, "end", 1, &d[n].end);
		rc |= day_time(c, day, i, "break_from", 0, &d[n].break_from);
		rc |= day_time(c, day, i, "break_to", 0, &d[n].break_to);
		snprintf(field, sizeof(field), "days.%zu.break_min", i);
		d[n].break_min = 0;
		if (bm && !json_is_null(bm)) {
			if (!json_is_integer(bm) || json_integer_value(bm) < 0 || json_integer_value(bm) > 240)
				rc |= api_field_error(c, field, "range");
			else
				d[n].break_min = (int)json_integer_value(bm);
		}
		if ((d[n].break_from < 0) != (d[n].break_to < 0)) {
			snprintf(field, sizeof(field), "days.%zu.break_to", i);
			rc |= api_field_error(c, field, "roster.break_pair");
		}
		n++;
	}
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	actor_init(c, "roster.replace", c->params[0], &who, &a);
	rc = homecare_roster_put(db, &a, c->params[0], d, n, &fe);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "staff.not_found");
	if (rc)
		return api_field_errors(c, &fe, rc);
	return roster_respond(c, c->params[0], 200);
}

/* Degrees (a JSON number) to micro-degrees. */
static int coord(struct api_ctx *c, const char *field, int64_t *out)
{
	json_t *v = json_object_get(c->body, field);
	if (!json_is_number(v))
		return api_field_error(c, field, "coordinates");
	double x = json_number_value(v);
	if (!isfinite(x) || fabs(x) > 180.0)
		return api_field_error(c, field, "coordinates");
	*out = (int64_t)llround(x * 1e6);
	return 0;
}

int api_mobility_put(struct api_ctx *c)
{
	static const char *const fields[] = {"mode", "base_lat", "base_lon", "base_label", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	const char *mode = NULL, *label = NULL;
	int64_t lat = 0, lon = 0;
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "mode", 1, 16, &mode);
	rc |= api_str(c, "base_label", 0, 200, &label);
	json_t *la = json_object_get(c->body, "base_lat"), *lo = json_object_get(c->body, "base_lon");
	int has_base = (la && !json_is_null(la)) || (lo && !json_is_null(lo));
	if (has_base) {
		rc |= coord(c, "base_lat", &lat);
		rc |= coord(c, "base_lon", &lon);
	}
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	actor_init(c, "mobility.update", c->params[0], &who, &a);
	rc = homecare_mobility_put(db, &a, c->params[0], mode, has_base, lat, lon, label, &fe);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "staff.not_found");
	if (rc)
		return api_field_errors(c, &fe, rc);
	return roster_respond(c, c->params[0], 200);
}

int api_absence_create(struct api_ctx *c)
{
	static const char *const fields[] = {"date_from", "date_to", "kind", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	const char *kind = NULL;
	int from = 0, to = 0;
	int64_t id;
	int rc = api_only_fields(c, fields);
	rc |= api_date(c, "date_from", 1, &from);
	rc |= api_date(c, "date_to", 1, &to);
	rc |= api_str(c, "kind", 1, 16, &kind);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	actor_init(c, "absence.add", c->params[0], &who, &a);
	rc = homecare_absence_add(db, &a, c->params[0], from, to, kind, &fe, &id);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "staff.not_found");
	if (rc)
		return api_field_errors(c, &fe, rc);
	return roster_respond(c, c->params[0], 201);
}

int api_absence_delete(struct api_ctx *c)
{
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	actor_init(c, "absence.delete", c->params[0], &who, &a);
	rc = homecare_absence_delete(db, &a, c->params[0], c->params[1]);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "absence.not_found");
	if (rc)
		return rc;
	return roster_respond(c, c->params[0], 200);
}

/* ---- visit patterns ---- */

static int patterns_respond(struct api_ctx *c, int64_t case_id, int status)
{
	struct db *db;
	json_t *doc;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = homecare_case_patterns(db, &c->who, case_id, &doc);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "case.not_found");
	if (rc)
		return rc;
	if (status == 200)
		api_audit_read(c, "read", "case", case_id, NULL);
	return api_ok(c, status, doc);
}

int api_visit_patterns_get(struct api_ctx *c)
{
	return patterns_respond(c, c->params[0], 200);
}

/* The body of a pattern into *in; field errors for what is malformed. */
static int pattern_read(struct api_ctx *c, struct homecare_pattern_input *in,
			char *skills, size_t skills_cap)
{
	static const char *const fields[] = {"decision_service_id", "weekdays", "visits_per_week",
		"window_start", "window_end", "duration_min", "skills", "preferred_staff_id",
		"valid_from", "valid_to", "notes", NULL};
	int64_t ds = 0, vpw = 0, dur = 0, pref = 0;
	const char *ws = NULL, *we = NULL;
	memset(in, 0, sizeof(*in));
	int rc = api_only_fields(c, fields);
	rc |= api_int(c, "decision_service_id", 1, 1, INT64_MAX, &ds);
	rc |= api_int(c, "visits_per_week", 0, 1, HOMECARE_MAX_VISITS_WEEK, &vpw);
	rc |= api_int(c, "duration_min", 1, 1, 24 * 60, &dur);
	rc |= api_int(c, "preferred_staff_id", 0, 1, INT64_MAX, &pref);
	rc |= api_str(c, "window_start", 1, 16, &ws);
	rc |= api_str(c, "window_end", 1, 16, &we);
	rc |= api_date(c, "valid_from", 1, &in->p.valid_from);
	rc |= api_date(c, "valid_to", 0, &in->p.valid_to);
	rc |= api_str(c, "notes", 0, 2000, &in->notes);
	if (ws && homecare_time_parse(ws, &in->p.window_start))
		rc |= api_field_error(c, "window_start", "time");
	if (we && homecare_time_parse(we, &in->p.window_end))
		rc |= api_field_error(c, "window_end", "time");
	json_t *days = json_object_get(c->body, "weekdays"), *d;
	size_t i;
	if (days && !json_is_null(days)) {
		if (!json_is_array(days)) {
			rc |= api_field_error(c, "weekdays", "type.array");
		} else {
			json_array_foreach(days, i, d) {
				if (!json_is_integer(d) || json_integer_value(d) < 1 || json_integer_value(d) > 7) {
					rc |= api_field_error(c, "weekdays", "pattern.weekdays");
					break;
				}
				in->p.weekdays |= 1u << (json_integer_value(d) - 1);
			}
		}
	}
	json_t *sk = json_object_get(c->body, "skills");
	skills[0] = '\0';
	if (sk && !json_is_null(sk) && org_skills_csv(sk, skills, skills_cap))
		rc |= api_field_error(c, "skills", "skills.unknown");
	in->p.decision_service_id = ds;
	in->p.visits_per_week = (int)vpw;
	in->p.duration = (int)dur;
	in->skills_csv = skills;
	in->preferred_staff_id = pref;
	return rc ? ERR_INVALID : 0;
}

static int pattern_write(struct api_ctx *c, int64_t case_id, int64_t pattern_id)
{
	struct homecare_pattern_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	const char *conflict = NULL;
	char skills[256];
	int64_t expected = 0, id = 0;
	int rc = 0;
	if (pattern_id && (rc = api_if_match(c, &expected)))
		return rc;
	if ((rc = pattern_read(c, &in, skills, sizeof(skills))))
		return rc;
	if ((rc = api_db(c, &db)))
		return rc;
	api_audit_fill(c, &who, "update", "case", case_id, NULL);
	a.p = &c->who;
	a.who = &who;
	a.audit_key = audit_log_key(c->app->audit);
	rc = homecare_pattern_save(db, &a, case_id, pattern_id, expected, &in, &fe, &conflict, &id);
	if (rc == ERR_NOT_FOUND && !fe.n)
		return api_fail(c, rc, pattern_id ? "pattern.not_found" : "case.not_found");
	if (rc == ERR_CONFLICT && conflict)
		return api_fail(c, rc, conflict);
	if (rc)
		return api_field_errors(c, &fe, rc);
	if (pattern_id && homecare_pattern_case(db, &c->who, pattern_id, &case_id))
		return api_fail(c, ERR_NOT_FOUND, "pattern.not_found");
	return patterns_respond(c, case_id, pattern_id ? 200 : 201);
}

int api_visit_pattern_create(struct api_ctx *c)
{
	return pattern_write(c, c->params[0], 0);
}

int api_visit_pattern_update(struct api_ctx *c)
{
	return pattern_write(c, 0, c->params[0]);
}

static void homecare_case_actor(struct api_ctx *c, const char *action, int64_t case_id,
				struct audit_entry *who, struct homecare_actor *a)
{
	api_audit_fill(c, who, action, "case", case_id, NULL);
	a->p = &c->who;
	a->who = who;
	a->audit_key = audit_log_key(c->app->audit);
}

int api_visit_pattern_end(struct api_ctx *c)
{
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	int64_t case_id;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	if (homecare_pattern_case(db, &c->who, c->params[0], &case_id))
		return api_fail(c, ERR_NOT_FOUND, "pattern.not_found");
	homecare_case_actor(c, "update", case_id, &who, &a);
	rc = homecare_pattern_end(db, &a, c->params[0]);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "pattern.not_found");
	if (rc)
		return rc;
	return patterns_respond(c, case_id, 200);
}

int api_visit_exception_create(struct api_ctx *c)
{
	static const char *const fields[] = {"date_from", "date_to", "kind", "note", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	const char *kind = NULL, *note = NULL;
	int from = 0, to = 0;
	int64_t id;
	int rc = api_only_fields(c, fields);
	rc |= api_date(c, "date_from", 1, &from);
	rc |= api_date(c, "date_to", 1, &to);
	rc |= api_str(c, "kind", 1, 16, &kind);
	rc |= api_str(c, "note", 0, 2000, &note);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	homecare_case_actor(c, "update", c->params[0], &who, &a);
	rc = homecare_exception_add(db, &a, c->params[0], from, to, kind, note, &fe, &id);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "case.not_found");
	if (rc == ERR_CONFLICT && !fe.n)
		return api_fail(c, rc, "pattern.case_closed");
	if (rc)
		return api_field_errors(c, &fe, rc);
	return patterns_respond(c, c->params[0], 201);
}

int api_visit_exception_delete(struct api_ctx *c)
{
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	homecare_case_actor(c, "update", c->params[0], &who, &a);
	rc = homecare_exception_delete(db, &a, c->params[0], c->params[1]);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "exception.not_found");
	if (rc)
		return rc;
	return patterns_respond(c, c->params[0], 200);
}

/* ---- a week's visits ---- */

int api_home_visits_week(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct db *db;
	json_t *doc;
	int64_t dept = 0, ids[HOMECARE_WEEK_MAX_PERSONS];
	size_t n_persons = 0;
	int monday = 0;
	const char *week = api_query(c, "week");
	int rc = api_query_id(c, "department_id", &dept);
	if (!week)
		rc |= api_field_error(c, "week", "required");
	else if (homecare_week_parse(week, &monday))
		rc |= api_field_error(c, "week", "week");
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	rc = homecare_week(db, &c->who, monday, dept, &fe, &doc, ids, HOMECARE_WEEK_MAX_PERSONS, &n_persons);
	if (rc)
		return api_field_errors(c, &fe, rc);
	if (n_persons > HOMECARE_WEEK_MAX_PERSONS) {
		json_decref(doc);
		return api_fail(c, ERR_TOO_LARGE, "too_large");
	}
	api_audit_read_ids(c, "home_visits.read", "person", ids, n_persons, NULL);
	return api_ok(c, 200, doc);
}

/* ---- visit plans ---- */

struct plan_request {
	int monday;
	int64_t department_id;
	double seconds;
	uint64_t seed;
};

static int plan_answer(struct api_ctx *c, int64_t plan_id, int status);

static int plan_run(struct api_ctx *c)
{
	struct plan_request *q = c->deferred_arg;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	int64_t id = 0;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	api_audit_fill(c, &who, "create", "visit_plan", 0, NULL);
	a.p = &c->who;
	a.who = &who;
	a.audit_key = audit_log_key(c->app->audit);
	rc = homecare_plan_make(db, &a, q->monday, q->department_id, q->seconds, q->seed, c->app->cfg.osrm_url, &fe, &id);
	if (rc)
		return api_field_errors(c, &fe, rc);
	return plan_answer(c, id, 201);
}

int api_visit_plan_create(struct api_ctx *c)
{
	static const char *const fields[] = {"week", "department_id", "time_limit_s", "seed", NULL};
	const char *week = NULL;
	int64_t dept = 0, secs = 10, seed = 1;
	struct plan_request *q = arena_alloc(c->arena, sizeof(*q));
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "week", 1, 16, &week);
	rc |= api_int(c, "department_id", 0, 1, INT64_MAX, &dept);
	rc |= api_int(c, "time_limit_s", 0, 1, (int64_t)HOMECARE_PLAN_MAX_SECONDS, &secs);
	rc |= api_int(c, "seed", 0, 0, INT64_MAX, &seed);
	if (!q)
		return ERR_NOMEM;
	if (week && homecare_week_parse(week, &q->monday))
		rc |= api_field_error(c, "week", "week");
	if (rc)
		return ERR_INVALID;
	q->department_id = dept;
	q->seconds = (double)secs;
	q->seed = (uint64_t)seed;
	c->deferred = plan_run;
	c->deferred_arg = q;
	c->deferred_long = 1;
	return API_DEFER;
}

/* A plan as the API shows it, each person shown audited. */
static int plan_answer(struct api_ctx *c, int64_t plan_id, int status)
{
	struct db *db;
	json_t *doc;
	int rc = api_db(c, &db);
	if (!rc)
		rc = homecare_plan_get(db, &c->who, plan_id, &doc);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "plan.not_found");
	if (rc)
		return rc;
	api_audit_read_rows(c, "visit_plan.read", "person", json_object_get(doc, "visits"), "person_id", NULL);
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, status, doc);
}

int api_visit_plan_get(struct api_ctx *c)
{
	return plan_answer(c, c->params[0], 200);
}

int api_visit_plan_list(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct db *db;
	json_t *rows;
	int64_t dept = 0;
	int monday = 0;
	const char *week = api_query(c, "week");
	int rc = api_query_id(c, "department_id", &dept);
	if (week && homecare_week_parse(week, &monday))
		rc |= api_field_error(c, "week", "week");
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	if ((rc = homecare_plan_list(db, &c->who, dept, monday, &fe, &rows)))
		return api_field_errors(c, &fe, rc);
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

int api_visit_plan_announce(struct api_ctx *c)
{
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	int64_t expected;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	if ((rc = api_db(c, &db)))
		return rc;
	api_audit_fill(c, &who, "announce", "visit_plan", c->params[0], NULL);
	a.p = &c->who;
	a.who = &who;
	a.audit_key = audit_log_key(c->app->audit);
	rc = homecare_plan_announce(db, &a, c->params[0], expected);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "plan.not_found");
	if (rc == ERR_CONFLICT)
		return api_fail(c, rc, "plan.not_draft");
	if (rc)
		return rc;
	return plan_answer(c, c->params[0], 200);
}

static const char *jtext(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* The day sheet as a printable page: the worker, the date, and the visits
 * in order with when, who, where and how long. Every text is escaped;
 * the labels follow the request's language. */
static int day_sheet_html(struct api_ctx *c, const json_t *doc)
{
	struct buf b;
	const json_t *staff = json_object_get(doc, "staff"), *v;
	size_t i;
	enum api_lang l = c->lang;
	int err = 0;
	buf_init(&b, 1u << 20);
	err |= api_html_begin(&b, l, api_message(l, "daysheet.title"));
	err |= buf_puts(&b, "<h1>");
	err |= api_html_text(&b, api_message(l, "daysheet.title"));
	err |= buf_puts(&b, ": ");
	err |= api_html_text(&b, jtext(staff, "given_names"));
	err |= buf_puts(&b, " ");
	err |= api_html_text(&b, jtext(staff, "family_name"));
	err |= buf_puts(&b, "</h1><p>");
	err |= api_html_text(&b, jtext(doc, "date"));
	err |= buf_puts(&b, " &middot; ");
	err |= api_html_text(&b, jtext(staff, "position"));
	err |= buf_puts(&b, "</p><table><thead><tr>");
	static const char *const heads[] = {"daysheet.no", "daysheet.start", "daysheet.window", "daysheet.person",
		"daysheet.address", "daysheet.duration", "daysheet.done"};
	for (size_t k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
		err |= buf_puts(&b, "<th scope=\"col\">");
		err |= api_html_text(&b, api_message(l, heads[k]));
		err |= buf_puts(&b, "</th>");
	}
	err |= buf_puts(&b, "</tr></thead><tbody>");
	json_array_foreach(json_object_get(doc, "visits"), i, v) {
		const json_t *a = json_object_get(v, "address");
		err |= buf_printf(&b, "<tr><td>%lld</td><td>", (long long)json_integer_value(json_object_get(v, "seq")));
		err |= api_html_text(&b, jtext(v, "start"));
		err |= buf_puts(&b, "</td><td>");
		err |= api_html_text(&b, jtext(v, "window_start"));
		err |= buf_puts(&b, "&ndash;");
		err |= api_html_text(&b, jtext(v, "window_end"));
		err |= buf_puts(&b, "</td><td>");
		err |= api_html_text(&b, jtext(v, "given_names"));
		err |= buf_puts(&b, " ");
		err |= api_html_text(&b, jtext(v, "family_name"));
		err |= buf_puts(&b, "</td><td>");
		if (json_is_object(a)) {
			err |= api_html_text(&b, jtext(a, "line"));
			err |= buf_puts(&b, ", ");
			err |= api_html_text(&b, jtext(a, "city"));
		}
		err |= buf_printf(&b, "</td><td>%lld min</td><td>&#9744;</td></tr>",
			   (long long)json_integer_value(json_object_get(v, "duration_min")));
	}
	if (!json_array_size(json_object_get(doc, "visits"))) {
		err |= buf_puts(&b, "<tr><td colspan=\"7\">");
		err |= api_html_text(&b, api_message(l, "daysheet.none"));
		err |= buf_puts(&b, "</td></tr>");
	}
	err |= buf_puts(&b, "</tbody></table>");
	return api_html_respond(c, &b, err);
}

/* A worker's day from the announced plan: the visits in order with where
 * and when, for the printed sheet and the check-in screen. */
int api_day_sheet(struct api_ctx *c)
{
	struct db *db;
	json_t *doc;
	int date = 0;
	const char *ds = api_query(c, "date");
	if (!ds || date_parse(ds, &date))
		return api_field_error(c, "date", ds ? "date" : "required");
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = homecare_day_sheet(db, &c->who, c->params[0], date, &doc);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "staff.not_found");
	if (rc == ERR_CONFLICT)
		return api_fail(c, ERR_NOT_FOUND, "plan.none_announced");
	if (rc)
		return rc;
	api_audit_read_rows(c, "day_sheet.read", "person", json_object_get(doc, "visits"), "person_id", NULL);
	const char *format = api_query(c, "format");
	if (format && !strcmp(format, "html")) {
		rc = day_sheet_html(c, doc);
		json_decref(doc);
		return rc;
	}
	if (format && strcmp(format, "json"))
		return json_decref(doc), api_field_error(c, "format", "enum");
	return api_ok(c, 200, doc);
}

struct replan_request {
	int64_t expected;
	int date;
	int64_t absent[64];
	size_t n_absent;
	double seconds;
};

static int replan_run(struct api_ctx *c)
{
	struct replan_request *q = c->deferred_arg;
	struct homecare_replan_result res;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	const char *conflict = NULL;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	api_audit_fill(c, &who, "replan", "visit_plan", c->params[0], NULL);
	a.p = &c->who;
	a.who = &who;
	a.audit_key = audit_log_key(c->app->audit);
	rc = homecare_plan_replan(db, &a, c->params[0], q->expected, q->date, q->absent, q->n_absent,
				  q->seconds, c->app->cfg.osrm_url, &fe, &conflict, &res);
	if (rc == ERR_NOT_FOUND && !fe.n)
		return api_fail(c, rc, "plan.not_found");
	if (rc == ERR_CONFLICT && conflict)
		return api_fail(c, rc, conflict);
	if (rc)
		return api_field_errors(c, &fe, rc);
	rc = plan_answer(c, c->params[0], 200);
	if (!rc && c->resp)
		json_object_set_new(c->resp, "replan", json_pack("{s:i,s:i,s:i,s:i,s:f,s:I,s:s?}",
			"announced", res.announced, "kept", res.kept, "placed", res.placed, "unplaced", res.unplaced,
			"kept_pct", res.announced ? 100.0 * res.kept / res.announced : 100.0,
			"solve_ms", (json_int_t)res.solve_ms,
			"travel_note", res.travel_note[0] ? res.travel_note : NULL));
	return rc;
}

int api_visit_plan_replan(struct api_ctx *c)
{
	static const char *const fields[] = {"date", "absent_staff_ids", "time_limit_s", NULL};
	struct replan_request *q = arena_alloc(c->arena, sizeof(*q));
	int64_t secs = 2;
	if (!q)
		return ERR_NOMEM;
	memset(q, 0, sizeof(*q));
	int rc = api_if_match(c, &q->expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, fields);
	rc |= api_date(c, "date", 1, &q->date);
	rc |= api_int(c, "time_limit_s", 0, 1, (int64_t)HOMECARE_PLAN_MAX_SECONDS, &secs);
	json_t *ids = json_object_get(c->body, "absent_staff_ids"), *v;
	size_t i;
	if (!json_is_array(ids) || json_array_size(ids) == 0) {
		rc |= api_field_error(c, "absent_staff_ids", ids ? "type.array" : "required");
	} else if (json_array_size(ids) > 64) {
		rc |= api_field_error(c, "absent_staff_ids", "range");
	} else {
		json_array_foreach(ids, i, v) {
			if (!json_is_integer(v) || json_integer_value(v) <= 0) {
				rc |= api_field_error(c, "absent_staff_ids", "type.integer");
				break;
			}
			q->absent[q->n_absent++] = json_integer_value(v);
		}
	}
	if (rc)
		return ERR_INVALID;
	q->seconds = (double)secs;
	c->deferred = replan_run;
	c->deferred_arg = q;
	c->deferred_long = 1;
	return API_DEFER;
}

/* ---- visits on the day ---- */

static void visit_actor(struct api_ctx *c, const char *action, struct audit_entry *who,
			struct homecare_actor *a)
{
	api_audit_fill(c, who, action, "planned_visit", c->params[0], NULL);
	a->p = &c->who;
	a->who = who;
	a->audit_key = audit_log_key(c->app->audit);
}

/* Optional "at" (ISO 8601 timestamp) of a check-in or check-out. */
static int read_at(struct api_ctx *c, int64_t *at_ms)
{
	const char *at = NULL;
	*at_ms = 0;
	int rc = api_str(c, "at", 0, 40, &at);
	if (!rc && at && time_parse_iso(at, at_ms))
		rc = api_field_error(c, "at", "timestamp");
	return rc;
}

static int visit_error(struct api_ctx *c, int rc, const struct field_errors *fe, const char *conflict)
{
	if (rc == ERR_NOT_FOUND && (!fe || !fe->n))
		return api_fail(c, rc, "visit.not_found");
	if (rc == ERR_CONFLICT && conflict)
		return api_fail(c, rc, conflict);
	if (fe && fe->n)
		return api_field_errors(c, fe, rc);
	return rc;
}

static int visit_answer(struct api_ctx *c, int64_t delivery_id)
{
	struct db *db;
	json_t *row;
	int rc = api_db(c, &db);
	if (!rc)
		rc = homecare_visit_get(db, &c->who, c->params[0], &row);
	if (rc)
		return visit_error(c, rc, NULL, NULL);
	if (delivery_id)
		json_object_set_new(row, "delivery_id", json_integer(delivery_id));
	api_set_etag(c, json_integer_value(json_object_get(row, "version")));
	return api_ok(c, 200, row);
}

int api_visit_check_in(struct api_ctx *c)
{
	static const char *const fields[] = {"at", NULL};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	const char *conflict = NULL;
	int64_t expected, at;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, fields);
	rc |= read_at(c, &at);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	visit_actor(c, "check_in", &who, &a);
	rc = homecare_visit_check_in(db, &a, c->params[0], expected, at, &conflict);
	if (rc)
		return visit_error(c, rc, NULL, conflict);
	return visit_answer(c, 0);
}

int api_visit_check_out(struct api_ctx *c)
{
	static const char *const fields[] = {"at", "units", "note", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	const char *conflict = NULL, *note = NULL;
	int64_t expected, at, units = 0, delivery_id = 0;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, fields);
	rc |= read_at(c, &at);
	rc |= api_amount(c, "units", 0, 1, 2400, &units);
	rc |= api_str(c, "note", 0, 2000, &note);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	visit_actor(c, "check_out", &who, &a);
	rc = homecare_visit_check_out(db, &a, c->params[0], expected, at, units, note, &fe, &conflict, &delivery_id);
	if (rc)
		return visit_error(c, rc, &fe, conflict);
	return visit_answer(c, delivery_id);
}

int api_visit_missed(struct api_ctx *c)
{
	static const char *const fields[] = {"note", NULL};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	const char *conflict = NULL, *note = NULL;
	int64_t expected;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, fields);
	rc |= api_str(c, "note", 1, 2000, &note);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	visit_actor(c, "missed", &who, &a);
	rc = homecare_visit_missed(db, &a, c->params[0], expected, note, &conflict);
	if (rc)
		return visit_error(c, rc, NULL, conflict);
	return visit_answer(c, 0);
}
