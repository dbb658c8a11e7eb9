/*
 * api_cw_orders.c - /api/v1/orders/... and /api/v1/measures/...: the
 * mayor's orders and the measures they assign, with plans, progress
 * notes, evaluations and the expiry worklist. Rules in
 * domain/cw_order.c; visibility in domain/cw_scope.c.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/err.h"
#include "domain/cw_order.h"

#include <stdlib.h>
#include <string.h>

int api_cw_order_list(struct api_ctx *c)
{
	struct cw_scope s;
	struct db *db;
	json_t *rows;
	int year;
	int rc = api_cw_year(c, 0, &year);
	if (rc || (rc = api_cw_scope(c, &db, &s)) || (rc = cw_order_list(db, &s, year, &rows)))
		return rc;
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

typedef int (*cw_get_fn)(struct db *db, const struct cw_scope *s, int64_t id,
			struct cw_disclosures *d, json_t **doc, char *reason, size_t cap);

/* Answers with record id read by get as the caller may see it. */
static int get_respond(struct api_ctx *c, cw_get_fn get, const char *entity, int64_t id,
		       int status, const char *not_found_key)
{
	struct cw_scope s;
	struct cw_disclosures d = {0};
	char reason[CW_REASON_MAX];
	struct db *db;
	json_t *doc = NULL;
	int rc = api_cw_scope(c, &db, &s);
	if (rc)
		return rc;
	rc = get(db, &s, id, &d, &doc, reason, sizeof(reason));
	return api_cw_answer(c, rc, doc, entity, id, reason, &d, status, not_found_key);
}

static int order_respond(struct api_ctx *c, int64_t id, int status)
{
	return get_respond(c, cw_order_get, "cw_order", id, status, "cw.order.not_found");
}

static int measure_respond(struct api_ctx *c, int64_t id, int status)
{
	return get_respond(c, cw_measure_get, "cw_measure", id, status, "cw.measure.not_found");
}

int api_cw_order_create(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct cw_actor a;
	struct db *db;
	int64_t id = 0;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	api_cw_actor(c, "cw_order", 0, &who, &a);
	rc = cw_order_create(db, &a, c->body, &fe, &id);
	if (rc)
		return api_cw_error(c, rc, &fe, "not_found");
	return order_respond(c, id, 201);
}

int api_cw_order_get(struct api_ctx *c)
{
	return order_respond(c, c->params[0], 200);
}

static int measure_list(struct api_ctx *c, int days)
{
	struct cw_scope s;
	struct cw_disclosures d = {.list = 1};
	struct db *db;
	json_t *rows;
	int rc = api_cw_scope(c, &db, &s);
	if (rc || (rc = cw_measure_list(db, &s, days, &d, &rows)))
		return rc;
	api_cw_audit(c, "list", "cw_measure", 0, s.all ? s.all_reason : "measures shared or executed", &d);
	return api_ok(c, 200, json_pack("{s:o,s:b}", "items", rows, "coordinator", s.coordinator));
}

int api_cw_measure_list(struct api_ctx *c)
{
	return measure_list(c, -1);
}

int api_cw_measure_expiring(struct api_ctx *c)
{
	int days;
	int rc = api_cw_days(c, 30, &days);
	return rc ? rc : measure_list(c, days);
}

int api_cw_measure_get(struct api_ctx *c)
{
	return measure_respond(c, c->params[0], 200);
}

typedef int (*measure_add_fn)(struct db *db, const struct cw_actor *a, int64_t id,
			      const json_t *body, struct field_errors *fe, int64_t *out);

static int measure_add(struct api_ctx *c, measure_add_fn fn)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct cw_actor a;
	struct db *db;
	int64_t out = 0;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	api_cw_actor(c, "cw_measure", c->params[0], &who, &a);
	rc = fn(db, &a, c->params[0], c->body, &fe, &out);
	if (rc)
		return api_cw_error(c, rc, &fe, "cw.measure.not_found");
	return measure_respond(c, c->params[0], 201);
}

int api_cw_measure_task_create(struct api_ctx *c)
{
	return measure_add(c, cw_measure_task_add);
}

int api_cw_measure_note_create(struct api_ctx *c)
{
	return measure_add(c, cw_measure_note_add);
}

int api_cw_measure_evaluate(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct cw_actor a;
	struct db *db;
	int64_t expected;
	int rc = api_if_match(c, &expected);
	if (rc || (rc = api_db(c, &db)))
		return rc;
	api_cw_actor(c, "cw_measure", c->params[0], &who, &a);
	rc = cw_measure_evaluate(db, &a, c->params[0], expected, c->body, &fe);
	if (rc)
		return api_cw_error(c, rc, &fe, "cw.measure.not_found");
	return measure_respond(c, c->params[0], 200);
}

int api_cw_measure_types(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int rc = api_db(c, &db);
	if (rc || (rc = cw_measure_types(db, &rows)))
		return rc;
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}
