/*
 * api_org.c - /api/v1/institutions (and their contacts), /departments,
 * /staff and /teams: JSON in and out for the organisation. The rules live
 * in domain/org.c; here the body's keys are checked, query parameters
 * read, and results mapped to statuses. Users are in api_users.c.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/err.h"
#include "domain/org.h"

#include <stdlib.h>
#include <string.h>

static const char *const not_found_keys[ORG__COUNT] = {
	"institution.not_found", "department.not_found", "staff.not_found",
	"team.not_found", "user.not_found",
};

static const char *const entity_names[ORG__COUNT] = {
	"institution", "department", "staff", "team", "user",
};

void api_org_actor(struct api_ctx *c, int kind, const char *action, int64_t id,
		   struct audit_entry *who, struct org_actor *a)
{
	api_audit_fill(c, who, action, (unsigned)kind < ORG__COUNT ? entity_names[kind] : "organisation",
		       id, NULL);
	a->audit_key = audit_log_key(c->app->audit);
	a->who = who;
	a->p = &c->who;
}

int api_org_error(struct api_ctx *c, int kind, int rc,
		  const struct field_errors *fe, const char *conflict_key)
{
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, (unsigned)kind < ORG__COUNT ? not_found_keys[kind] : NULL);
	if (rc == ERR_CONFLICT && conflict_key)
		return api_fail(c, rc, conflict_key);
	if (fe && fe->n)
		return api_field_errors(c, fe, rc);
	return rc;
}

int api_org_respond(struct api_ctx *c, int kind, int64_t id, int status)
{
	struct db *db;
	json_t *doc;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = org_get(db, (enum org_kind)kind, id, &doc);
	if (rc)
		return api_org_error(c, kind, rc, NULL, NULL);
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, status, doc);
}

int api_query_id(struct api_ctx *c, const char *name, int64_t *out)
{
	const char *s = api_query(c, name);
	*out = 0;
	if (!s)
		return 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v <= 0)
		return api_field_error(c, name, "range");
	*out = v;
	return 0;
}

int api_query_flag(struct api_ctx *c, const char *name, int *out)
{
	const char *s = api_query(c, name);
	*out = -1;
	if (!s)
		return 0;
	if (!strcmp(s, "true") || !strcmp(s, "1"))
		*out = 1;
	else if (!strcmp(s, "false") || !strcmp(s, "0"))
		*out = 0;
	else
		return api_field_error(c, name, "type.boolean");
	return 0;
}

/* POST of a new record of kind k. */
static int org_create_handler(struct api_ctx *c, enum org_kind k)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	int64_t id = 0;
	int rc = api_only_fields(c, org_fields(k, 1));
	if (rc) {
		/* Report the record's rules too, so a form shows every
		 * problem at once. */
		json_t *copy = json_deep_copy(c->body);
		org_normalise(k, copy, 1);
		org_check(k, copy, 1, &fe);
		json_decref(copy);
		return api_field_errors(c, &fe, rc);
	}
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, k, "create", 0, &who, &a);
	rc = org_create(db, &a, k, c->body, &fe, &id);
	if (rc)
		return api_org_error(c, k, rc, &fe, NULL);
	return api_org_respond(c, k, id, 201);
}

static int org_get_handler(struct api_ctx *c, enum org_kind k)
{
	return api_org_respond(c, k, c->params[0], 200);
}

/* PATCH of record params[0] of kind k, at the version in If-Match. */
static int org_update_handler(struct api_ctx *c, enum org_kind k)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	const char *conflict = NULL;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, org_fields(k, 0));
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, k, "update", c->params[0], &who, &a);
	rc = org_update(db, &a, k, c->params[0], expected, c->body, &fe, &conflict, &version);
	if (rc)
		return api_org_error(c, k, rc, &fe, conflict);
	return api_org_respond(c, k, c->params[0], 200);
}

/* ---- institutions ---- */

int api_institution_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int active;
	const char *kind = api_query(c, "kind");
	int rc = api_query_flag(c, "active", &active);
	if (kind && strcmp(kind, "centre") && strcmp(kind, "partner"))
		rc = api_field_error(c, "kind", "enum");
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = org_institution_list(db, kind, active, &rows);
	if (rc)
		return rc;
	return api_ok(c, 200, json_pack("{s:o,s:n}", "items", rows, "next_cursor"));
}

int api_institution_create(struct api_ctx *c)
{
	return org_create_handler(c, ORG_INSTITUTION);
}

int api_institution_get(struct api_ctx *c)
{
	return org_get_handler(c, ORG_INSTITUTION);
}

int api_institution_update(struct api_ctx *c)
{
	return org_update_handler(c, ORG_INSTITUTION);
}

int api_contact_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = org_contact_list(db, c->params[0], &rows);
	if (rc)
		return api_org_error(c, ORG_INSTITUTION, rc, NULL, NULL);
	return api_ok(c, 200, json_pack("{s:o,s:n}", "items", rows, "next_cursor"));
}

int api_contact_create(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	int64_t id = 0;
	json_t *rows;
	int rc = api_only_fields(c, org_contact_fields());
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, ORG__COUNT, "create", 0, &who, &a);
	rc = org_contact_add(db, &a, c->params[0], c->body, &fe, &id);
	if (rc)
		return api_org_error(c, ORG_INSTITUTION, rc, &fe, NULL);
	rc = org_contact_list(db, c->params[0], &rows);
	if (rc)
		return rc;
	/* The new contact, as the list shows it. */
	size_t i;
	json_t *r, *found = NULL;
	json_array_foreach(rows, i, r) {
		if (json_integer_value(json_object_get(r, "id")) == id)
			found = json_incref(r);
	}
	json_decref(rows);
	if (!found)
		return api_fail(c, ERR_NOT_FOUND, "contact.not_found");
	return api_ok(c, 201, found);
}

int api_contact_delete(struct api_ctx *c)
{
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, ORG__COUNT, "delete", c->params[1], &who, &a);
	rc = org_contact_delete(db, &a, c->params[0], c->params[1]);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "contact.not_found");
	if (rc)
		return rc;
	return api_ok(c, 200, json_pack("{s:b}", "ok", 1));
}

/* ---- departments ---- */

int api_department_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int active;
	int rc = api_query_flag(c, "active", &active);
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = org_department_list(db, active, &rows);
	if (rc)
		return rc;
	return api_ok(c, 200, json_pack("{s:o,s:n}", "items", rows, "next_cursor"));
}

int api_department_create(struct api_ctx *c)
{
	return org_create_handler(c, ORG_DEPARTMENT);
}

int api_department_get(struct api_ctx *c)
{
	return org_get_handler(c, ORG_DEPARTMENT);
}

int api_department_update(struct api_ctx *c)
{
	return org_update_handler(c, ORG_DEPARTMENT);
}

/* ---- staff ---- */

int api_staff_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	char *next = NULL;
	int limit, active;
	int64_t dept;
	const char *cursor;
	int rc = api_page(c, &limit, &cursor);
	rc |= api_query_id(c, "department_id", &dept);
	rc |= api_query_flag(c, "active", &active);
	if (rc)
		return ERR_INVALID;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = org_staff_list(db, dept, active, cursor, limit, &rows, &next);
	if (rc)
		return rc == ERR_INVALID ? api_fail(c, rc, "cursor") : rc;
	json_t *o = json_pack("{s:o,s:s?}", "items", rows, "next_cursor", next);
	free(next);
	return api_ok(c, 200, o);
}

int api_case_workers(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int64_t dept;
	int rc = api_query_id(c, "department_id", &dept);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	rc = org_case_workers(db, &c->who, dept, &rows);
	if (rc)
		return rc;
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

int api_staff_create(struct api_ctx *c)
{
	return org_create_handler(c, ORG_STAFF);
}

int api_staff_get(struct api_ctx *c)
{
	return org_get_handler(c, ORG_STAFF);
}

int api_staff_update(struct api_ctx *c)
{
	return org_update_handler(c, ORG_STAFF);
}

/* ---- teams ---- */

int api_team_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int64_t dept;
	int rc = api_query_id(c, "department_id", &dept);
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = org_team_list(db, dept, &rows);
	if (rc)
		return rc;
	return api_ok(c, 200, json_pack("{s:o,s:n}", "items", rows, "next_cursor"));
}

int api_team_create(struct api_ctx *c)
{
	return org_create_handler(c, ORG_TEAM);
}

int api_team_get(struct api_ctx *c)
{
	return org_get_handler(c, ORG_TEAM);
}

int api_team_update(struct api_ctx *c)
{
	return org_update_handler(c, ORG_TEAM);
}

#define TEAM_MAX_MEMBERS 200

int api_team_members_put(struct api_ctx *c)
{
	static const char *const fields[] = {"staff_ids", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	int64_t expected, version, ids[TEAM_MAX_MEMBERS];
	size_t n = 0, i;
	json_t *v;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, fields);
	if (rc)
		return rc;
	json_t *arr = json_object_get(c->body, "staff_ids");
	if (!arr || json_is_null(arr))
		return api_field_error(c, "staff_ids", "required");
	if (!json_is_array(arr))
		return api_field_error(c, "staff_ids", "type.array");
	if (json_array_size(arr) > TEAM_MAX_MEMBERS)
		return api_field_error(c, "staff_ids", "range");
	json_array_foreach(arr, i, v) {
		if (!json_is_integer(v))
			return api_field_error(c, "staff_ids", "type.integer");
		if (json_integer_value(v) < 1)
			return api_field_error(c, "staff_ids", "range");
		ids[n++] = json_integer_value(v);
	}
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, ORG_TEAM, "update", c->params[0], &who, &a);
	rc = org_team_set_members(db, &a, c->params[0], expected, ids, n, &fe, &version);
	if (rc)
		return api_org_error(c, ORG_TEAM, rc, &fe, NULL);
	return api_org_respond(c, ORG_TEAM, c->params[0], 200);
}
