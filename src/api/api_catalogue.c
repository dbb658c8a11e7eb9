/*
 * api_catalogue.c - /api/v1/services (the catalogue and its dated prices)
 * and /api/v1/params (the dated parameters): JSON in and out. The rules
 * live in domain/catalogue.c and domain/params.c; here the body's keys
 * are checked, amounts converted (the API's "limit" is the stored
 * limit_x100), query parameters read, and results mapped to statuses.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/catalogue.h"
#include "domain/org.h"

#include <stdio.h>
#include <string.h>

/* ---- presentation ---- */

/* The stored limit_x100 becomes the API's decimal "limit". */
static void service_present(json_t *o)
{
	json_t *v = json_object_get(o, "limit_x100");
	json_object_set_new(o, "limit", json_is_integer(v) ? api_amount_json(json_integer_value(v))
							   : json_null());
	json_object_del(o, "limit_x100");
}

static int service_error(struct api_ctx *c, int rc, const struct field_errors *fe)
{
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "service.not_found");
	if (fe && fe->n)
		return api_field_errors(c, fe, rc);
	return rc;
}

static int service_respond(struct api_ctx *c, int64_t id, int status)
{
	struct db *db;
	json_t *doc;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = catalogue_service_get(db, id, &doc);
	if (rc)
		return service_error(c, rc, NULL);
	service_present(doc);
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, status, doc);
}

/* A copy of the body as the domain takes it: "limit" (a decimal amount)
 * becomes "limit_x100". NULL after a field error or without memory. */
static json_t *service_body(struct api_ctx *c, int *rc)
{
	json_t *rec = json_deep_copy(c->body);
	json_t *v = json_object_get(c->body, "limit");
	int64_t x100 = 0;
	*rc = 0;
	if (!rec) {
		*rc = ERR_NOMEM;
		return NULL;
	}
	if (v) {
		if (!json_is_null(v)) {
			*rc = api_amount(c, "limit", 0, 1, INT64_MAX, &x100);
			if (*rc) {
				json_decref(rec);
				return NULL;
			}
		}
		json_object_set_new(rec, "limit_x100", json_is_null(v) ? json_null()
								       : json_integer(x100));
		json_object_del(rec, "limit");
	}
	return rec;
}

/* ---- services ---- */

int api_service_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows, *r;
	int active;
	int64_t dept;
	size_t i;
	enum catalogue_kind k;
	const char *kind = api_query(c, "kind");
	int rc = api_query_flag(c, "active", &active);
	rc |= api_query_id(c, "department_id", &dept);
	if (kind && catalogue_kind_parse(kind, &k))
		rc = api_field_error(c, "kind", "enum");
	if (rc)
		return ERR_INVALID;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = catalogue_service_list(db, kind, active, dept, &rows);
	if (rc)
		return rc;
	json_array_foreach(rows, i, r) service_present(r);
	return api_ok(c, 200, json_pack("{s:o,s:n}", "items", rows, "next_cursor"));
}

int api_service_get(struct api_ctx *c)
{
	return service_respond(c, c->params[0], 200);
}

int api_service_create(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	int64_t id = 0;
	int rc = api_only_fields(c, catalogue_service_fields());
	json_t *rec = rc ? NULL : service_body(c, &rc);
	if (rc) {
		/* Report the record's rules too, so a form shows every
		 * problem at once. */
		json_t *copy = json_deep_copy(c->body);
		json_object_del(copy, "limit");
		catalogue_service_normalise(copy, 1);
		catalogue_service_check(copy, &fe);
		json_decref(copy);
		return api_field_errors(c, &fe, rc);
	}
	rc = api_db(c, &db);
	if (!rc) {
		api_org_actor(c, ORG__COUNT, "create", 0, &who, &a);
		rc = catalogue_service_create(db, &a, rec, &fe, &id);
	}
	json_decref(rec);
	if (rc)
		return service_error(c, rc, &fe);
	return service_respond(c, id, 201);
}

int api_service_update(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, catalogue_service_fields());
	if (rc)
		return rc;
	json_t *patch = service_body(c, &rc);
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (!rc) {
		api_org_actor(c, ORG__COUNT, "update", c->params[0], &who, &a);
		rc = catalogue_service_update(db, &a, c->params[0], expected, patch, &fe, &version);
	}
	json_decref(patch);
	if (rc)
		return service_error(c, rc, &fe);
	return service_respond(c, c->params[0], 200);
}

/* ---- prices ---- */

int api_price_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = catalogue_prices(db, c->params[0], &rows);
	if (rc)
		return service_error(c, rc, NULL);
	return api_ok(c, 200, json_pack("{s:o,s:n}", "items", rows, "next_cursor"));
}

int api_price_create(struct api_ctx *c)
{
	static const char *const fields[] = {"valid_from", "price_cents", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	int valid_from = 0;
	int64_t cents = 0;
	int rc = api_only_fields(c, fields);
	rc |= api_date(c, "valid_from", 1, &valid_from);
	rc |= api_int(c, "price_cents", 1, 0, PAYMENT_MONEY_MAX, &cents);
	if (rc)
		return ERR_INVALID;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, ORG__COUNT, "create", c->params[0], &who, &a);
	rc = catalogue_price_add(db, &a, c->params[0], valid_from, cents, &fe);
	if (rc)
		return service_error(c, rc, &fe);
	return service_respond(c, c->params[0], 201);
}

/* ---- parameters ---- */

/* Adds the translated name of the key and description of its unit. */
static void param_present(struct api_ctx *c, json_t *o)
{
	char k[96];
	const char *key = json_string_value(json_object_get(o, "key"));
	const char *unit = json_string_value(json_object_get(o, "unit"));
	snprintf(k, sizeof(k), "param.unit.%s", unit ? unit : "");
	json_object_set_new(o, "unit_description", json_string(api_message(c->lang, k)));
	if (key && param_key_known(key)) {
		snprintf(k, sizeof(k), "param.key.%s", key);
		json_object_set_new(o, "name", json_string(api_message(c->lang, k)));
	} else {
		json_object_set_new(o, "name", json_null());
	}
}

int api_param_list(struct api_ctx *c)
{
	struct db *db;
	json_t *items, *r;
	char today[DATE_ISO_LEN];
	size_t i;
	int d = date_today();
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = catalogue_params_list(db, d, &items);
	if (rc)
		return rc;
	json_array_foreach(items, i, r) param_present(c, r);
	date_format(d, today);
	return api_ok(c, 200, json_pack("{s:o,s:s}", "items", items, "today", today));
}

int api_param_create(struct api_ctx *c)
{
	static const char *const fields[] = {"key", "valid_from", "value", "note", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	const char *key = NULL, *note = NULL;
	int valid_from = 0;
	int64_t value = 0, id = 0;
	json_t *doc;
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "key", 1, PARAM_KEY_MAX, &key);
	rc |= api_date(c, "valid_from", 1, &valid_from);
	rc |= api_int(c, "value", 1, 0, INT64_MAX, &value);
	rc |= api_str(c, "note", 0, CATALOGUE_NOTE_MAX * 4, &note);
	if (rc)
		return ERR_INVALID;
	if (note && !*note)
		note = NULL;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, ORG__COUNT, "create", 0, &who, &a);
	rc = catalogue_param_add(db, &a, key, valid_from, value, note, &fe, &id);
	if (rc)
		return fe.n ? api_field_errors(c, &fe, rc) : rc;
	rc = catalogue_param_get(db, id, &doc);
	if (rc)
		return rc;
	param_present(c, doc);
	return api_ok(c, 201, doc);
}

int api_param_delete(struct api_ctx *c)
{
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, ORG__COUNT, "delete", c->params[0], &who, &a);
	rc = catalogue_param_delete(db, &a, c->params[0], date_today());
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "param.not_found");
	if (rc == ERR_CONFLICT)
		return api_fail(c, rc, "param.past");
	if (rc)
		return rc;
	return api_ok(c, 200, json_pack("{s:b}", "ok", 1));
}
