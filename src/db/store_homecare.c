#include "db/store_homecare.h"

#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"
#include "domain/homecare.h"

#include <stdio.h>
#include <string.h>

int store_homecare_staff_exists(struct db *db, int64_t staff_id)
{
	int64_t one;
	return store_int1(db, "SELECT 1 FROM staff WHERE id = $1", 1, staff_id, 0, &one);
}

static json_t *time_or_null(struct db_stmt *st, int col)
{
	char t[6];
	if (db_col_is_null(st, col))
		return json_null();
	homecare_time_format((int)db_col_int(st, col), t);
	return json_string(t);
}

int store_homecare_roster(struct db *db, int64_t staff_id, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT weekday, start_min, end_min, break_from, break_to, break_min"
				" FROM staff_rosters WHERE staff_id = $1 ORDER BY weekday", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, staff_id);
	json_t *arr = json_array();
	while ((rc = db_step(st)) == DB_ROW) {
		json_array_append_new(arr, json_pack("{s:I,s:o,s:o,s:o,s:o,s:I}",
			"weekday", (json_int_t)db_col_int(st, 0),
			"start", time_or_null(st, 1), "end", time_or_null(st, 2),
			"break_from", time_or_null(st, 3), "break_to", time_or_null(st, 4),
			"break_min", (json_int_t)db_col_int(st, 5)));
	}
	db_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_homecare_mobility(struct db *db, int64_t staff_id, json_t **out)
{
	static const char *const cols[] = {"mode", "base_lat:e6", "base_lon:e6", "base_label", "version:i", NULL};
	int rc = store_row_by_int(db, "SELECT mode, base_lat, base_lon, base_label, version"
				      " FROM staff_mobility WHERE staff_id = $1", staff_id, cols, out);
	if (rc == ERR_NOT_FOUND) {
		*out = NULL;
		return 0;
	}
	return rc;
}

int store_homecare_absences(struct db *db, int64_t staff_id, int from,
			    json_t **out)
{
	static const char *const cols[] = {"id:i", "date_from", "date_to", "kind", NULL};
	struct db_stmt *st;
	char d[DATE_ISO_LEN];
	int rc = db_prepare(db, "SELECT id, date_from, date_to, kind FROM staff_absences"
				" WHERE staff_id = $1 AND date_to >= $2 ORDER BY date_from, id", &st);
	if (rc)
		return rc;
	date_format(from, d);
	db_bind_int(st, 1, staff_id);
	db_bind_text(st, 2, d);
	return store_rows_json(st, cols, out);
}

int store_homecare_roster_replace(struct db *db, int64_t staff_id,
				  const struct homecare_roster_day *d, size_t n)
{
	int64_t changes;
	int rc = store_exec_ints(db, "DELETE FROM staff_rosters WHERE staff_id = $1", 1, staff_id, 0, 0, &changes);
	for (size_t i = 0; !rc && i < n; i++) {
		struct db_stmt *st;
		rc = db_prepare(db, "INSERT INTO staff_rosters (staff_id, weekday, start_min, end_min, break_from, break_to, break_min)"
				    " VALUES ($1, $2, $3, $4, $5, $6, $7)", &st);
		if (rc)
			break;
		db_bind_int(st, 1, staff_id);
		db_bind_int(st, 2, d[i].weekday);
		db_bind_int(st, 3, d[i].start);
		db_bind_int(st, 4, d[i].end);
		if (d[i].break_from >= 0) {
			db_bind_int(st, 5, d[i].break_from);
			db_bind_int(st, 6, d[i].break_to);
		} else {
			db_bind_null(st, 5);
			db_bind_null(st, 6);
		}
		db_bind_int(st, 7, d[i].break_min);
		rc = db_step(st);
		db_stmt_done(st);
		rc = rc < 0 ? rc : 0;
	}
	return rc;
}

int store_homecare_mobility_put(struct db *db, int64_t staff_id,
				const char *mode, int has_base, int64_t lat_e6,
				int64_t lon_e6, const char *label,
				const char *now)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "INSERT INTO staff_mobility (staff_id, mode, base_lat, base_lon, base_label, updated_at)"
				" VALUES ($1, $2, $3, $4, $5, $6)"
				" ON CONFLICT (staff_id) DO UPDATE SET mode = excluded.mode, base_lat = excluded.base_lat,"
				" base_lon = excluded.base_lon, base_label = excluded.base_label,"
				" updated_at = excluded.updated_at, version = staff_mobility.version + 1", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, staff_id);
	db_bind_text(st, 2, mode);
	if (has_base) {
		db_bind_int(st, 3, lat_e6);
		db_bind_int(st, 4, lon_e6);
	} else {
		db_bind_null(st, 3);
		db_bind_null(st, 4);
	}
	db_bind_text(st, 5, label);
	db_bind_text(st, 6, now);
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int store_homecare_absence_insert(struct db *db, int64_t staff_id, int from,
				  int to, const char *kind, int64_t by,
				  const char *now, int64_t *id)
{
	struct db_stmt *st;
	char f[DATE_ISO_LEN], t[DATE_ISO_LEN];
	int rc = db_prepare(db, "INSERT INTO staff_absences (staff_id, date_from, date_to, kind, created_by, created_at)"
				" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id", &st);
	if (rc)
		return rc;
	date_format(from, f);
	date_format(to, t);
	db_bind_int(st, 1, staff_id);
	db_bind_text(st, 2, f);
	db_bind_text(st, 3, t);
	db_bind_text(st, 4, kind);
	store_bind_id_or_null(st, 5, by);
	db_bind_text(st, 6, now);
	return store_step_id(st, id);
}

/* Deletes row id of its owner ("... WHERE id = $1 AND <owner> = $2");
 * ERR_NOT_FOUND when there is no such row. */
static int delete_owned(struct db *db, const char *sql, int64_t id, int64_t owner)
{
	int64_t changes = 0;
	int rc = store_exec_ints(db, sql, 2, id, owner, 0, &changes);
	if (!rc && changes != 1)
		rc = ERR_NOT_FOUND;
	return rc;
}

int store_homecare_absence_delete(struct db *db, int64_t staff_id,
				  int64_t absence_id)
{
	return delete_owned(db, "DELETE FROM staff_absences WHERE id = $1 AND staff_id = $2",
			    absence_id, staff_id);
}

/* ---- visit patterns ---- */

static int date_col(struct db_stmt *st, int col)
{
	int d = 0;
	const char *s = db_col_text(st, col);
	if (s && date_parse(s, &d))
		d = 0;
	return d;
}

int store_homecare_decided(struct db *db, int64_t case_id,
			   int64_t decision_service_id,
			   struct homecare_decided *d, char unit[16],
			   char period[16])
{
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT s.unit, ds.period, ds.amount_x100, s.max_visits_week, ds.start_on,"
				" COALESCE(ds.ended_on, ds.end_on)"
				" FROM decision_services ds JOIN services s ON s.id = ds.service_id"
				" WHERE ds.id = $1 AND ds.case_id = $2", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, decision_service_id);
	db_bind_int(st, 2, case_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(unit, 16, "%s", db_col_text(st, 0));
		snprintf(period, 16, "%s", db_col_text(st, 1));
		*d = (struct homecare_decided){
			.unit = unit,
			.period = period,
			.amount_x100 = db_col_int(st, 2),
			.max_visits_week = db_col_is_null(st, 3) ? 0 : (int)db_col_int(st, 3),
			.start_on = date_col(st, 4),
			.end_on = date_col(st, 5),
		};
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_homecare_pattern_case(struct db *db, int64_t pattern_id,
				int64_t *case_id, int64_t *version)
{
	return store_int2_by_id(db, "SELECT case_id, version FROM visit_patterns WHERE id = $1",
				pattern_id, case_id, version);
}

static void bind_date_or_null(struct db_stmt *st, int idx, int date)
{
	char d[DATE_ISO_LEN];
	if (!date) {
		db_bind_null(st, idx);
		return;
	}
	date_format(date, d);
	db_bind_text(st, idx, d);
}

int store_homecare_pattern_write(struct db *db,
				 const struct homecare_pattern *p,
				 const char *skills, int64_t preferred,
				 const char *notes, int64_t by, const char *now,
				 int64_t expected, int64_t *id)
{
	struct db_stmt *st;
	int rc = p->id
		? db_prepare(db, "UPDATE visit_patterns SET decision_service_id = $2, weekdays = $3, visits_per_week = $4,"
				 " window_start = $5, window_end = $6, duration_min = $7, skills = $8,"
				 " preferred_staff_id = $9, valid_from = $10, valid_to = $11, notes = $12,"
				 " updated_at = $13, version = version + 1 WHERE id = $1 AND version = $14", &st)
		: db_prepare(db, "INSERT INTO visit_patterns (case_id, decision_service_id, weekdays, visits_per_week,"
				 " window_start, window_end, duration_min, skills, preferred_staff_id, valid_from,"
				 " valid_to, notes, created_at, updated_at, created_by)"
				 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING id", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, p->id ? p->id : p->case_id);
	db_bind_int(st, 2, p->decision_service_id);
	db_bind_int(st, 3, p->weekdays);
	store_bind_id_or_null(st, 4, p->visits_per_week);
	db_bind_int(st, 5, p->window_start);
	db_bind_int(st, 6, p->window_end);
	db_bind_int(st, 7, p->duration);
	db_bind_text(st, 8, skills);
	store_bind_id_or_null(st, 9, preferred);
	bind_date_or_null(st, 10, p->valid_from);
	bind_date_or_null(st, 11, p->valid_to);
	db_bind_text(st, 12, notes);
	db_bind_text(st, 13, now);
	if (p->id) {
		db_bind_int(st, 14, expected);
		rc = db_step(st);
		db_stmt_done(st);
		if (rc < 0)
			return rc;
		if (db_changes(db) != 1)
			return ERR_PRECONDITION;
		*id = p->id;
		return 0;
	}
	store_bind_id_or_null(st, 14, by);
	return store_step_id(st, id);
}

int store_homecare_pattern_end(struct db *db, int64_t pattern_id, int today,
			       const char *now)
{
	struct db_stmt *st;
	char t[DATE_ISO_LEN], y[DATE_ISO_LEN];
	date_format(today, t);
	date_format(date_add_days(today, -1), y);
	int rc = db_prepare(db, "DELETE FROM visit_patterns WHERE id = $1 AND valid_from >= $2", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, pattern_id);
	db_bind_text(st, 2, t);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0 || db_changes(db) == 1)
		return rc < 0 ? rc : 0;
	rc = db_prepare(db, "UPDATE visit_patterns SET valid_to = $2, updated_at = $3, version = version + 1"
			    " WHERE id = $1 AND (valid_to IS NULL OR valid_to > $2)", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, pattern_id);
	db_bind_text(st, 2, y);
	db_bind_text(st, 3, now);
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int store_homecare_case_patterns(struct db *db, int64_t case_id,
				 json_t **patterns, json_t **exceptions)
{
	static const char *const pcols[] = {"id:i", "decision_service_id:i", "service_id:i", "service_code",
		"service_name_lt", "service_name_en", "weekdays:i", "visits_per_week:i", "window_start:i",
		"window_end:i", "duration_min:i", "skills", "preferred_staff_id:i", "valid_from", "valid_to",
		"notes", "version:i", NULL};
	static const char *const ecols[] = {"id:i", "date_from", "date_to", "kind", "note", NULL};
	int rc = store_rows_by_int(db,
		"SELECT p.id, p.decision_service_id, s.id, s.code, s.name_lt, s.name_en, p.weekdays, p.visits_per_week,"
		" p.window_start, p.window_end, p.duration_min, p.skills, p.preferred_staff_id, p.valid_from,"
		" p.valid_to, p.notes, p.version"
		" FROM visit_patterns p JOIN decision_services ds ON ds.id = p.decision_service_id"
		" JOIN services s ON s.id = ds.service_id WHERE p.case_id = $1"
		" ORDER BY p.valid_from DESC, p.id DESC", case_id, pcols, patterns);
	if (rc)
		return rc;
	rc = store_rows_by_int(db, "SELECT id, date_from, date_to, kind, note FROM visit_exceptions"
				   " WHERE case_id = $1 ORDER BY date_from DESC, id DESC", case_id, ecols, exceptions);
	if (rc) {
		json_decref(*patterns);
		*patterns = NULL;
	}
	return rc;
}

int store_homecare_exception_insert(struct db *db, int64_t case_id, int from,
				    int to, const char *kind,
				    const char *note, int64_t by,
				    const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "INSERT INTO visit_exceptions (case_id, date_from, date_to, kind, note, created_by, created_at)"
				" VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	bind_date_or_null(st, 2, from);
	bind_date_or_null(st, 3, to);
	db_bind_text(st, 4, kind);
	db_bind_text(st, 5, note);
	store_bind_id_or_null(st, 6, by);
	db_bind_text(st, 7, now);
	return store_step_id(st, id);
}

int store_homecare_exception_delete(struct db *db, int64_t case_id,
				    int64_t exception_id)
{
	return delete_owned(db, "DELETE FROM visit_exceptions WHERE id = $1 AND case_id = $2",
			    exception_id, case_id);
}

/* ---- a week's visits ---- */

/* Prepares sql and binds $1 = department, $2 = from, $3 = to (dates). */
static int week_query(struct db *db, const char *sql, int64_t department_id,
		      int from, int to, const char *const *cols, json_t **out)
{
	struct db_stmt *st;
	char f[DATE_ISO_LEN], t[DATE_ISO_LEN];
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	date_format(from, f);
	date_format(to, t);
	db_bind_int(st, 1, department_id);
	db_bind_text(st, 2, f);
	db_bind_text(st, 3, t);
	return store_rows_json(st, cols, out);
}

int store_homecare_week_patterns(struct db *db, int64_t department_id,
				 int from, int to, json_t **out)
{
	static const char *const cols[] = {"id:i", "case_id:i", "decision_service_id:i", "weekdays:i",
		"visits_per_week:i", "window_start:i", "window_end:i", "duration_min:i", "skills",
		"preferred_staff_id:i", "valid_from", "valid_to", "person_id:i", "given_names",
		"family_name", "service_code", NULL};
	return week_query(db,
		"SELECT p.id, p.case_id, p.decision_service_id, p.weekdays, p.visits_per_week, p.window_start,"
		" p.window_end, p.duration_min, p.skills, p.preferred_staff_id, p.valid_from, p.valid_to,"
		" c.person_id, pe.given_names, pe.family_name, s.code"
		" FROM visit_patterns p JOIN cases c ON c.id = p.case_id JOIN persons pe ON pe.id = c.person_id"
		" JOIN decision_services ds ON ds.id = p.decision_service_id JOIN services s ON s.id = ds.service_id"
		" WHERE c.department_id = $1 AND c.status = 'active' AND p.valid_from <= $3"
		" AND (p.valid_to IS NULL OR p.valid_to >= $2) AND ds.ended_on IS NULL"
		" ORDER BY pe.sort_key, p.case_id, p.id", department_id, from, to, cols, out);
}

int store_homecare_week_exceptions(struct db *db, int64_t department_id,
				   int from, int to, json_t **out)
{
	static const char *const cols[] = {"case_id:i", "date_from", "date_to", "kind", NULL};
	return week_query(db,
		"SELECT e.case_id, e.date_from, e.date_to, e.kind FROM visit_exceptions e"
		" JOIN cases c ON c.id = e.case_id"
		" WHERE c.department_id = $1 AND c.status = 'active' AND e.date_from <= $3 AND e.date_to >= $2"
		" ORDER BY e.case_id, e.date_from", department_id, from, to, cols, out);
}

int store_homecare_week_addresses(struct db *db, int64_t department_id,
				  int from, int to, json_t **out)
{
	static const char *const cols[] = {"person_id:i", "kind", "line", "city", "lat:e6", "lon:e6", NULL};
	return week_query(db,
		"SELECT a.person_id, a.kind, a.line, a.city, a.lat_e6, a.lon_e6 FROM addresses a"
		" WHERE a.lat_e6 IS NOT NULL AND (a.valid_from IS NULL OR a.valid_from <= $3)"
		" AND (a.valid_to IS NULL OR a.valid_to >= $2)"
		" AND a.person_id IN (SELECT c.person_id FROM cases c WHERE c.department_id = $1 AND c.status = 'active')"
		" ORDER BY a.person_id, CASE a.kind WHEN 'temporary' THEN 0 WHEN 'residence' THEN 1"
		" WHEN 'declared' THEN 2 ELSE 3 END, a.id", department_id, from, to, cols, out);
}

int store_homecare_week_unpatterned(struct db *db, int64_t department_id,
				    int from, int to, json_t **out)
{
	static const char *const cols[] = {"case_id:i", "person_id:i", "given_names", "family_name",
		"service_code", NULL};
	return week_query(db,
		"SELECT c.id, c.person_id, pe.given_names, pe.family_name, s.code"
		" FROM cases c JOIN persons pe ON pe.id = c.person_id"
		" JOIN decision_services ds ON ds.case_id = c.id JOIN services s ON s.id = ds.service_id"
		" WHERE c.department_id = $1 AND c.status = 'active' AND s.unit IN ('hour', 'visit')"
		" AND ds.ended_on IS NULL AND ds.start_on <= $3 AND (ds.end_on IS NULL OR ds.end_on >= $2)"
		" AND NOT EXISTS (SELECT 1 FROM visit_patterns p WHERE p.decision_service_id = ds.id"
		" AND p.valid_from <= $3 AND (p.valid_to IS NULL OR p.valid_to >= $2))"
		" ORDER BY pe.sort_key, c.id", department_id, from, to, cols, out);
}

int store_homecare_week_staff(struct db *db, int64_t department_id,
			      json_t **rows)
{
	static const char *const cols[] = {"staff_id:i", "given_names", "family_name", "skills",
		"weekday:i", "start_min:i", "end_min:i", "break_from:i", "break_to:i", "break_min:i",
		"mode", "base_lat:e6", "base_lon:e6", NULL};
	return store_rows_by_int(db,
		"SELECT st.id, st.given_names, st.family_name, st.skills, r.weekday, r.start_min, r.end_min,"
		" r.break_from, r.break_to, r.break_min, m.mode, m.base_lat, m.base_lon"
		" FROM staff st LEFT JOIN staff_rosters r ON r.staff_id = st.id"
		" LEFT JOIN staff_mobility m ON m.staff_id = st.id"
		" WHERE st.department_id = $1 AND st.active = 1 ORDER BY st.sort_key, st.id, r.weekday",
		department_id, cols, rows);
}

int store_homecare_week_absences(struct db *db, int64_t department_id,
				 int from, int to, json_t **out)
{
	static const char *const cols[] = {"staff_id:i", "date_from", "date_to", "kind", NULL};
	return week_query(db,
		"SELECT a.staff_id, a.date_from, a.date_to, a.kind FROM staff_absences a"
		" JOIN staff st ON st.id = a.staff_id"
		" WHERE st.department_id = $1 AND a.date_from <= $3 AND a.date_to >= $2"
		" ORDER BY a.staff_id, a.date_from", department_id, from, to, cols, out);
}

/* ---- plans ---- */

int store_homecare_plan_insert(struct db *db, int64_t department_id,
			       const char *week, int monday, int64_t seed,
			       int64_t time_limit_ms, int64_t solve_ms,
			       const char *stats_json, int64_t by,
			       const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "INSERT INTO visit_plans (department_id, week, monday, status, seed, time_limit_ms,"
				" solve_ms, stats, created_by, created_at, updated_at)"
				" VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $9) RETURNING id", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, department_id);
	db_bind_text(st, 2, week);
	bind_date_or_null(st, 3, monday);
	db_bind_int(st, 4, seed);
	db_bind_int(st, 5, time_limit_ms);
	db_bind_int(st, 6, solve_ms);
	db_bind_text(st, 7, stats_json);
	store_bind_id_or_null(st, 8, by);
	db_bind_text(st, 9, now);
	return store_step_id(st, id);
}

int store_homecare_planned_insert(struct db *db, int64_t plan_id,
				  const struct store_planned_visit *v)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "INSERT INTO planned_visits (plan_id, visit_date, case_id, pattern_id,"
				" decision_service_id, person_id, staff_id, seq, start_min, window_start, window_end,"
				" duration_min, unplaced_reason, status)"
				" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, plan_id);
	bind_date_or_null(st, 2, v->date);
	db_bind_int(st, 3, v->case_id);
	db_bind_int(st, 4, v->pattern_id);
	db_bind_int(st, 5, v->decision_service_id);
	db_bind_int(st, 6, v->person_id);
	if (v->staff_id) {
		db_bind_int(st, 7, v->staff_id);
		db_bind_int(st, 8, v->seq);
		db_bind_int(st, 9, v->start_min);
	} else {
		db_bind_null(st, 7);
		db_bind_null(st, 8);
		db_bind_null(st, 9);
	}
	db_bind_int(st, 10, v->window_start);
	db_bind_int(st, 11, v->window_end);
	db_bind_int(st, 12, v->duration_min);
	db_bind_text(st, 13, v->unplaced_reason);
	db_bind_text(st, 14, v->staff_id ? "planned" : "unplaced");
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int store_homecare_plan_row(struct db *db, int64_t plan_id, json_t **out)
{
	static const char *const cols[] = {"id:i", "department_id:i", "week", "monday", "status", "seed:i",
		"time_limit_ms:i", "solve_ms:i", "stats", "created_by:i", "created_at", "announced_at",
		"version:i", NULL};
	return store_row_by_int(db, "SELECT id, department_id, week, monday, status, seed, time_limit_ms, solve_ms,"
				    " stats, created_by, created_at, announced_at, version FROM visit_plans WHERE id = $1",
				plan_id, cols, out);
}

int store_homecare_plan_visits(struct db *db, int64_t plan_id, int date,
			       int64_t staff_id, json_t **out)
{
	static const char *const cols[] = {"id:i", "visit_date", "case_id:i", "pattern_id:i",
		"decision_service_id:i", "person_id:i", "given_names", "family_name", "staff_id:i", "seq:i",
		"start_min:i", "window_start:i", "window_end:i", "duration_min:i", "unplaced_reason", "status",
		"check_in_at", "check_out_at", "delivery_id:i", "version:i", NULL};
	struct db_stmt *st;
	char d[DATE_ISO_LEN];
	int rc = db_prepare(db,
		"SELECT v.id, v.visit_date, v.case_id, v.pattern_id, v.decision_service_id, v.person_id,"
		" p.given_names, p.family_name, v.staff_id, v.seq, v.start_min, v.window_start, v.window_end,"
		" v.duration_min, v.unplaced_reason, v.status, v.check_in_at, v.check_out_at, v.delivery_id, v.version"
		" FROM planned_visits v JOIN persons p ON p.id = v.person_id"
		" WHERE v.plan_id = $1 AND ($2 = '' OR v.visit_date = $2) AND ($3 = 0 OR v.staff_id = $3)"
		" ORDER BY v.visit_date, v.staff_id, v.seq, v.id", &st);
	if (rc)
		return rc;
	if (date)
		date_format(date, d);
	else
		d[0] = '\0';
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, d);
	db_bind_int(st, 3, staff_id);
	return store_rows_json(st, cols, out);
}

int store_homecare_plans(struct db *db, int64_t department_id, int monday,
			 json_t **out)
{
	static const char *const cols[] = {"id:i", "week", "monday", "status", "created_at", "announced_at",
		"version:i", NULL};
	struct db_stmt *st;
	char d[DATE_ISO_LEN];
	int rc = db_prepare(db, "SELECT id, week, monday, status, created_at, announced_at, version FROM visit_plans"
				" WHERE department_id = $1 AND ($2 = '' OR monday = $2) ORDER BY monday DESC, id DESC", &st);
	if (rc)
		return rc;
	if (monday)
		date_format(monday, d);
	else
		d[0] = '\0';
	db_bind_int(st, 1, department_id);
	db_bind_text(st, 2, d);
	return store_rows_json(st, cols, out);
}

int store_homecare_plan_announce(struct db *db, int64_t plan_id,
				 int64_t expected, const char *now)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "UPDATE visit_plans SET status = 'withdrawn', updated_at = $2, version = version + 1"
				" WHERE status = 'announced' AND id <> $1 AND (department_id, monday) ="
				" (SELECT department_id, monday FROM visit_plans WHERE id = $1)", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, now);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	rc = db_prepare(db, "UPDATE visit_plans SET status = 'announced', announced_at = $2, updated_at = $2,"
			    " version = version + 1 WHERE id = $1 AND version = $3", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, expected);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	return db_changes(db) == 1 ? 0 : ERR_PRECONDITION;
}

int store_homecare_plan_announced(struct db *db, int64_t department_id,
				  int date, int64_t *plan_id)
{
	struct db_stmt *st;
	char d[DATE_ISO_LEN], m[DATE_ISO_LEN];
	date_format(date, d);
	date_format(date_add_days(date, -6), m);
	int rc = db_prepare(db, "SELECT id FROM visit_plans WHERE department_id = $1 AND status = 'announced'"
				" AND monday <= $2 AND monday >= $3 ORDER BY monday DESC, id DESC", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, department_id);
	db_bind_text(st, 2, d);
	db_bind_text(st, 3, m);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*plan_id = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_homecare_plan_day_clear(struct db *db, int64_t plan_id, int date,
				  const char *now, int64_t *n_started)
{
	struct db_stmt *st;
	char d[DATE_ISO_LEN];
	date_format(date, d);
	int rc = db_prepare(db, "SELECT COUNT(*) FROM planned_visits WHERE plan_id = $1 AND visit_date = $2"
				" AND status IN ('checked_in', 'done')", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, d);
	rc = db_step(st);
	*n_started = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	if (*n_started)
		return 0;
	rc = db_prepare(db, "DELETE FROM planned_visits WHERE plan_id = $1 AND visit_date = $2", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, d);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	rc = db_prepare(db, "UPDATE visit_plans SET version = version + 1, updated_at = $2 WHERE id = $1", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, now);
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* ---- visits on the day ---- */

int store_homecare_visit(struct db *db, int64_t id, json_t **out)
{
	static const char *const cols[] = {"id:i", "plan_id:i", "department_id:i", "plan_status", "visit_date",
		"case_id:i", "decision_service_id:i", "staff_id:i", "status", "check_in_at", "check_out_at",
		"delivery_id:i", "duration_min:i", "unit", "version:i", NULL};
	return store_row_by_int(db,
		"SELECT v.id, v.plan_id, p.department_id, p.status, v.visit_date, v.case_id, v.decision_service_id,"
		" v.staff_id, v.status, v.check_in_at, v.check_out_at, v.delivery_id, v.duration_min, s.unit, v.version"
		" FROM planned_visits v JOIN visit_plans p ON p.id = v.plan_id"
		" JOIN decision_services ds ON ds.id = v.decision_service_id JOIN services s ON s.id = ds.service_id"
		" WHERE v.id = $1", id, cols, out);
}

int store_homecare_visit_set(struct db *db, int64_t id, int64_t expected,
			     const char *status, const char *column,
			     const char *at, int64_t delivery_id,
			     const char *note)
{
	/* Two fixed texts, so each is prepared once per connection. */
	const char *sql = column && !strcmp(column, "check_in_at")
		? "UPDATE planned_visits SET status = $3, check_in_at = $4,"
		  " delivery_id = COALESCE($5, delivery_id), note = COALESCE($6, note), version = version + 1"
		  " WHERE id = $1 AND version = $2"
		: "UPDATE planned_visits SET status = $3, check_out_at = COALESCE($4, check_out_at),"
		  " delivery_id = COALESCE($5, delivery_id), note = COALESCE($6, note), version = version + 1"
		  " WHERE id = $1 AND version = $2";
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, expected);
	db_bind_text(st, 3, status);
	db_bind_text(st, 4, at);
	store_bind_id_or_null(st, 5, delivery_id);
	db_bind_text(st, 6, note);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	return db_changes(db) == 1 ? 0 : ERR_PRECONDITION;
}
