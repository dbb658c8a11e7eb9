#include "db/store_homecare.h"

#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"
#include "domain/homecare.h"

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
	if (by)
		db_bind_int(st, 5, by);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, now);
	return store_step_id(st, id);
}

int store_homecare_absence_delete(struct db *db, int64_t staff_id,
				  int64_t absence_id)
{
	int64_t changes = 0;
	int rc = store_exec_ints(db, "DELETE FROM staff_absences WHERE id = $1 AND staff_id = $2", 2,
				 absence_id, staff_id, 0, &changes);
	if (!rc && changes != 1)
		rc = ERR_NOT_FOUND;
	return rc;
}
