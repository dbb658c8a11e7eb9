/*
 * store_catalogue.h - SQL for the service catalogue (services and their
 * dated prices) and for the site's dated parameters (params).
 *
 * Like db/store.h: functions run on the caller's connection, inside the
 * caller's transaction if any, and know no rules. Dates are TEXT
 * 'YYYY-MM-DD'; money integer cents; unit amounts hundredths (limit_x100).
 * Reads return jansson objects the caller owns (json_decref).
 *
 * Errors: ERR_NOT_FOUND for a missing row, ERR_CONFLICT for a unique or
 * foreign-key violation, other negative codes from db_step.
 */
#ifndef PAGALBA_DB_STORE_CATALOGUE_H
#define PAGALBA_DB_STORE_CATALOGUE_H

#include <jansson.h>
#include <stdint.h>

struct db;

/* ---- services ---- */

/* Inserts a service from rec's writable columns: code, name_lt, name_en,
 * kind, unit, limit_x100, limit_period, max_visits_week, department_id,
 * payment_rule, description (strings / integers / null) and active
 * (boolean), with created_at = updated_at = now and version 1. */
int store_service_insert(struct db *db, const json_t *rec, const char *now,
			 int64_t *id);
/* Writes every writable column from rec if the row is at version
 * `expected`, bumping the version. *changes is 1, or 0 when the row is
 * absent or at another version. */
int store_service_update(struct db *db, int64_t id, int64_t expected,
			 const json_t *rec, const char *now, int64_t *changes);
/* One service: id, the writable columns (active as a boolean), created_at,
 * updated_at, version. */
int store_service_get(struct db *db, int64_t id, json_t **out);
/* The id of the service with this code, or ERR_NOT_FOUND. */
int store_service_by_code(struct db *db, const char *code, int64_t *id);
/* Services ordered by code; kind NULL = any, active -1 = any,
 * department_id 0 = any. */
int store_service_list(struct db *db, const char *kind, int active,
		       int64_t department_id, json_t **out);

/* ---- prices ---- */

/* The price history of a service, oldest first: valid_from, price_cents,
 * created_by (user id or null), created_by_name, created_at. */
int store_service_prices(struct db *db, int64_t service_id, json_t **out);
/* The price in force on date: the row with the latest valid_from <= date.
 * *valid_from (DATE_ISO_LEN bytes, may be NULL) receives its date.
 * ERR_NOT_FOUND when there is none. */
int store_service_price_at(struct db *db, int64_t service_id,
			   const char *date, int64_t *cents, char *valid_from);
/* Adds a price; ERR_CONFLICT when the service already has one from that
 * date. created_by 0 = none (the demo loader). */
int store_service_price_insert(struct db *db, int64_t service_id,
			       const char *valid_from, int64_t cents,
			       int64_t created_by, const char *now);

/* ---- parameters ---- */

/* Every row ordered by key and valid_from: id, key, valid_from, value,
 * note, created_by, created_by_name, created_at. */
int store_params_list(struct db *db, json_t **out);
/* One row by id (the same columns). */
int store_param_get(struct db *db, int64_t id, json_t **out);
/* Adds a row; ERR_CONFLICT when key already has a row from valid_from. */
int store_param_insert(struct db *db, const char *key, const char *valid_from,
		       int64_t value, const char *note, int64_t created_by,
		       const char *now, int64_t *id);
/* Deletes row id; *changes 1 or 0. */
int store_param_delete(struct db *db, int64_t id, int64_t *changes);

#endif
