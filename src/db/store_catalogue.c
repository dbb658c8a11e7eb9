/*
 * store_catalogue.c - SQL for services, their prices and the dated
 * parameters. See store_catalogue.h.
 */
#include "db/store_catalogue.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"

#include <stdio.h>
#include <string.h>

/* The writable columns, bound in this order from a record: text columns
 * as text, ":i" integers (null allowed), ":b" a boolean flag. The insert
 * and update statements below list them in the same order. */
static const char *const service_cols[] = {
	"code", "name_lt", "name_en", "kind", "unit", "limit_x100:i",
	"limit_period", "max_visits_week:i", "department_id:i",
	"payment_rule", "description", "active:b", NULL};
#define SERVICE_NCOLS 12

static const char *const service_get_cols[] = {
	"id:i", "code", "name_lt", "name_en", "kind", "unit", "limit_x100:i",
	"limit_period", "max_visits_week:i", "department_id:i",
	"payment_rule", "description", "active:b", "created_at",
	"updated_at", "version:i", NULL};

#define SERVICE_SELECT                                                        \
	"SELECT id, code, name_lt, name_en, kind, unit, limit_x100,"          \
	" limit_period, max_visits_week, department_id, payment_rule,"        \
	" description, active, created_at, updated_at, version FROM services"

/* Steps an INSERT ... RETURNING id. */
static int step_returning_id(struct db_stmt *st, int64_t *id)
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

/* Binds service_cols from rec as $1..$SERVICE_NCOLS. */
static void bind_service(struct db_stmt *st, const json_t *rec)
{
	for (int i = 0; service_cols[i]; i++) {
		char name[32];
		const char *col = service_cols[i];
		const char *colon = strchr(col, ':');
		size_t n = colon ? (size_t)(colon - col) : strlen(col);
		memcpy(name, col, n);
		name[n] = '\0';
		json_t *v = json_object_get(rec, name);
		if (!v || json_is_null(v))
			db_bind_null(st, i + 1);
		else if (json_is_boolean(v))
			db_bind_int(st, i + 1, json_is_true(v));
		else if (json_is_integer(v))
			db_bind_int(st, i + 1, json_integer_value(v));
		else
			db_bind_text(st, i + 1, json_string_value(v));
	}
}

int store_service_insert(struct db *db, const json_t *rec, const char *now,
			 int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO services (code, name_lt, name_en, kind, unit, limit_x100,"
			    " limit_period, max_visits_week, department_id, payment_rule, description,"
			    " active, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6,"
			    " $7, $8, $9, $10, $11, $12, $13, $13, 1) RETURNING id",
			    &st);
	if (rc)
		return rc;
	bind_service(st, rec);
	db_bind_text(st, SERVICE_NCOLS + 1, now);
	return step_returning_id(st, id);
}

int store_service_update(struct db *db, int64_t id, int64_t expected,
			 const json_t *rec, const char *now, int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE services SET code = $1, name_lt = $2, name_en = $3, kind = $4,"
			    " unit = $5, limit_x100 = $6, limit_period = $7, max_visits_week = $8,"
			    " department_id = $9, payment_rule = $10, description = $11, active = $12,"
			    " updated_at = $13, version = version + 1 WHERE id = $14 AND version = $15",
			    &st);
	if (rc)
		return rc;
	bind_service(st, rec);
	db_bind_text(st, SERVICE_NCOLS + 1, now);
	db_bind_int(st, SERVICE_NCOLS + 2, id);
	db_bind_int(st, SERVICE_NCOLS + 3, expected);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	*changes = db_changes(db);
	return 0;
}

int store_service_get(struct db *db, int64_t id, json_t **out)
{
	return store_row_by_int(db, SERVICE_SELECT " WHERE id = $1", id, service_get_cols, out);
}

int store_service_by_code(struct db *db, const char *code, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT id FROM services WHERE code = $1", &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, code);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_service_list(struct db *db, const char *kind, int active,
		       int64_t department_id, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    SERVICE_SELECT " WHERE (kind = $1 OR $1 = '') AND (active = $2 OR $2 < 0)"
			    " AND (department_id = $3 OR $3 = 0) ORDER BY code",
			    &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, kind ? kind : "");
	db_bind_int(st, 2, active);
	db_bind_int(st, 3, department_id);
	return store_rows_json(st, service_get_cols, out);
}

int store_service_prices(struct db *db, int64_t service_id, json_t **out)
{
	static const char *const cols[] = {"valid_from", "price_cents:i", "created_by:i",
		"created_by_name", "created_at", NULL};
	return store_rows_by_int(db,
				 "SELECT p.valid_from, p.price_cents, p.created_by, u.display_name,"
				 " p.created_at FROM service_prices p LEFT JOIN users u ON u.id = p.created_by"
				 " WHERE p.service_id = $1 ORDER BY p.valid_from",
				 service_id, cols, out);
}

int store_service_price_at(struct db *db, int64_t service_id,
			   const char *date, int64_t *cents, char *valid_from)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT price_cents, valid_from FROM service_prices WHERE service_id = $1"
			    " AND valid_from <= $2 ORDER BY valid_from DESC LIMIT 1",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, service_id);
	db_bind_text(st, 2, date);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*cents = db_col_int(st, 0);
		if (valid_from)
			snprintf(valid_from, DATE_ISO_LEN, "%s", db_col_text(st, 1));
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_service_price_insert(struct db *db, int64_t service_id,
			       const char *valid_from, int64_t cents,
			       int64_t created_by, const char *now)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO service_prices (service_id, valid_from, price_cents, created_by,"
			    " created_at) VALUES ($1, $2, $3, $4, $5)",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, service_id);
	db_bind_text(st, 2, valid_from);
	db_bind_int(st, 3, cents);
	store_bind_id_or_null(st, 4, created_by);
	db_bind_text(st, 5, now);
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

static const char *const param_cols[] = {"id:i", "key", "valid_from", "value:i", "note",
	"created_by:i", "created_by_name", "created_at", NULL};

#define PARAM_SELECT                                                           \
	"SELECT p.id, p.key, p.valid_from, p.value, p.note, p.created_by,"    \
	" u.display_name, p.created_at FROM params p"                         \
	" LEFT JOIN users u ON u.id = p.created_by"

int store_params_list(struct db *db, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, PARAM_SELECT " ORDER BY p.key, p.valid_from", &st);
	if (rc)
		return rc;
	return store_rows_json(st, param_cols, out);
}

int store_param_get(struct db *db, int64_t id, json_t **out)
{
	return store_row_by_int(db, PARAM_SELECT " WHERE p.id = $1", id, param_cols, out);
}

int store_param_insert(struct db *db, const char *key, const char *valid_from,
		       int64_t value, const char *note, int64_t created_by,
		       const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO params (key, valid_from, value, note, created_by, created_at)"
			    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, valid_from);
	db_bind_int(st, 3, value);
	db_bind_text(st, 4, note); /* NULL binds NULL */
	store_bind_id_or_null(st, 5, created_by);
	db_bind_text(st, 6, now);
	return step_returning_id(st, id);
}

int store_param_delete(struct db *db, int64_t id, int64_t *changes)
{
	return store_exec_ints(db, "DELETE FROM params WHERE id = $1", 1, id, 0, 0, changes);
}
