#include "db/store.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

int store_int1(struct db *db, const char *sql, int n_params, int64_t p1,
	       int64_t p2, int64_t *out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	if (n_params >= 1)
		db_bind_int(st, 1, p1);
	if (n_params >= 2)
		db_bind_int(st, 2, p2);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*out = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_exec_ints(struct db *db, const char *sql, int n, int64_t a,
		    int64_t b, int64_t c, int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	if (n >= 1)
		db_bind_int(st, 1, a);
	if (n >= 2)
		db_bind_int(st, 2, b);
	if (n >= 3)
		db_bind_int(st, 3, c);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	if (changes)
		*changes = db_changes(db);
	return 0;
}

static json_t *store_col_json(struct db_stmt *st, int i, const char *spec,
			      char *name, size_t cap)
{
	const char *colon = strchr(spec, ':');
	size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
	if (n >= cap)
		n = cap - 1;
	memcpy(name, spec, n);
	name[n] = '\0';
	if (db_col_is_null(st, i))
		return json_null();
	if (!colon)
		return json_string(db_col_text(st, i));
	if (!strcmp(colon, ":i"))
		return json_integer(db_col_int(st, i));
	if (!strcmp(colon, ":b"))
		return json_boolean(db_col_int(st, i) != 0);
	if (!strcmp(colon, ":e6"))
		return json_real((double)db_col_int(st, i) / 1e6);
	return json_string(db_col_text(st, i));
}

static json_t *store_row_obj(struct db_stmt *st, const char *const *names)
{
	json_t *o = json_object();
	char name[64];
	for (int i = 0; names[i]; i++) {
		json_t *v = store_col_json(st, i, names[i], name, sizeof(name));
		json_object_set_new(o, name, v);
	}
	return o;
}

int store_rows_json(struct db_stmt *st, const char *const *names, json_t **out)
{
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(arr, store_row_obj(st, names));
	db_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_row_json(struct db_stmt *st, const char *const *names, json_t **out)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*out = store_row_obj(st, names);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_rows_by_int(struct db *db, const char *sql, int64_t id,
		     const char *const *names, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	return store_rows_json(st, names, out);
}

int store_row_by_int(struct db *db, const char *sql, int64_t id,
		    const char *const *names, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	return store_row_json(st, names, out);
}

int store_history_add(struct db *db, const char *entity, int64_t id,
		      int64_t version, int64_t by, const char *action,
		      json_t *snapshot)
{
	struct db_stmt *st;
	char *data = json_dumps(snapshot, JSON_COMPACT | JSON_SORT_KEYS);
	if (!data)
		return ERR_NOMEM;
	int rc = db_prepare(db, "INSERT INTO record_history (entity, entity_id, version, changed_at, changed_by, action, data) VALUES ($1, $2, $3, $4, $5, $6, $7)", &st);
	if (rc) {
		free(data);
		return rc;
	}
	char now[32];
	time_format_iso(time_now_ms(), now);
	db_bind_text(st, 1, entity);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, version);
	db_bind_text(st, 4, now);
	if (by)
		db_bind_int(st, 5, by);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, action);
	db_bind_text(st, 7, data);
	rc = db_step(st);
	db_stmt_done(st);
	free(data);
	return rc < 0 ? rc : 0;
}

void store_bind_id_or_null(struct db_stmt *st, int idx, int64_t id)
{
	if (id > 0)
		db_bind_int(st, idx, id);
	else
		db_bind_null(st, idx);
}

int store_step_id(struct db_stmt *st, int64_t *id)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_DB;
	}
	db_stmt_done(st);
	return rc;
}

int store_int2_by_id(struct db *db, const char *sql, int64_t id, int64_t *a,
		     int64_t *b)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*a = db_col_int(st, 0);
		*b = db_col_int(st, 1);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}
