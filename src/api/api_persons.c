/*
 * api_persons.c - /api/v1/persons: JSON in and out for the registry.
 * Personal codes travel only in bodies (search is a POST), never in URLs.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/person.h"

#include <stdlib.h>
#include <string.h>

static const char *const person_fields[] = {
	"personal_code", "other_id_type", "other_id_number", "identified",
	"given_names", "family_name", "sex", "birth_date", "phone", "email",
	"department_id", NULL};

/* Reads the body into a person_input; `set` records what was present. */
int api_person_input_read(struct api_ctx *c, struct person_input *in)
{
	int rc = api_only_fields(c, person_fields);
	memset(in, 0, sizeof(*in));
#define HAS(k) (json_object_get(c->body, k) != NULL)
	if (HAS("personal_code")) {
		in->set |= PERSON_F_CODE;
		rc |= api_str(c, "personal_code", 0, 32, &in->personal_code);
	}
	if (HAS("other_id_type") || HAS("other_id_number")) {
		in->set |= PERSON_F_OTHER_ID;
		rc |= api_str(c, "other_id_type", 0, 64, &in->other_id_type);
		rc |= api_str(c, "other_id_number", 0, 64, &in->other_id_number);
	}
	if (HAS("identified")) {
		in->set |= PERSON_F_IDENTIFIED;
		rc |= api_bool(c, "identified", 1, &in->identified);
	}
	if (HAS("given_names")) {
		in->set |= PERSON_F_GIVEN;
		rc |= api_str(c, "given_names", 0, 400, &in->given_names);
	}
	if (HAS("family_name")) {
		in->set |= PERSON_F_FAMILY;
		rc |= api_str(c, "family_name", 0, 400, &in->family_name);
	}
	if (HAS("sex")) {
		in->set |= PERSON_F_SEX;
		rc |= api_str(c, "sex", 0, 1, &in->sex);
	}
	if (HAS("birth_date")) {
		in->set |= PERSON_F_BIRTH;
		rc |= api_date(c, "birth_date", 0, &in->birth_date);
	}
	if (HAS("phone")) {
		in->set |= PERSON_F_PHONE;
		rc |= api_str(c, "phone", 0, 64, &in->phone);
	}
	if (HAS("email")) {
		in->set |= PERSON_F_EMAIL;
		rc |= api_str(c, "email", 0, 254, &in->email);
	}
	if (HAS("department_id")) {
		in->set |= PERSON_F_DEPT;
		rc |= api_int(c, "department_id", 0, 1, INT64_MAX, &in->department_id);
	}
#undef HAS
	return rc ? ERR_INVALID : 0;
}

int api_person_create(struct api_ctx *c)
{
	struct person_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct db *db;
	int64_t id = 0;
	int rc = api_person_input_read(c, &in);
	if (rc) {
		/* Report the registry's rules too, so the form shows every
		 * problem at once rather than one round trip per field. */
		person_validate(&in, 1, date_today(), &fe);
		return api_field_errors(c, &fe, rc);
	}
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_audit_fill(c, &who, "create", "person", 0, NULL);
	rc = person_create(db, c->app->persons, audit_log_key(c->app->audit), &who,
			   &c->who, &in, &fe, &id);
	if (rc)
		return api_field_errors(c, &fe, rc);
	json_t *doc;
	rc = person_get_created(db, id, &doc);
	if (rc)
		return rc;
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, 201, doc);
}

int api_person_get(struct api_ctx *c)
{
	struct db *db;
	json_t *doc = NULL;
	struct person_view v;
	const char *json = NULL;
	size_t len = 0;
	int64_t version = 0;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = person_view(db, &c->who, c->params[0], &v);
	/* Staff who see everything of the person get the card's text, kept
	 * ready between changes (domain/person_card.h); a trimmed view is
	 * built each time. */
	if (!rc && v.full)
		rc = person_card_json(db, c->app->cards, c->params[0], c->arena,
				      &json, &len, &version);
	else if (!rc)
		rc = person_card_build(db, c->params[0], &v, &doc);
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "person.not_found" : NULL);
	api_audit_read(c, "read", "person", c->params[0], v.full ? NULL : v.reason);
	if (!doc) {
		api_set_etag(c, version);
		c->resp_raw = json;
		c->resp_raw_len = len;
		c->status = 200;
		return 0;
	}
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, 200, doc);
}

int api_person_update(struct api_ctx *c)
{
	struct person_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct db *db;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_person_input_read(c, &in);
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_audit_fill(c, &who, "update", "person", c->params[0], NULL);
	rc = person_update(db, c->app->persons, audit_log_key(c->app->audit), &who,
			   &c->who, c->params[0], expected, &in, &fe, &version);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "person.not_found");
	if (rc)
		return api_field_errors(c, &fe, rc);
	json_t *doc;
	struct person_view v;
	rc = person_get(db, &c->who, c->params[0], &doc, &v);
	if (rc)
		return rc;
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, 200, doc);
}

int api_person_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	char *next = NULL;
	int limit;
	const char *cursor;
	int rc = api_page(c, &limit, &cursor);
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = person_list(db, &c->who, cursor, limit, &rows, &next);
	if (rc)
		return rc == ERR_INVALID ? api_fail(c, rc, "cursor") : rc;
	api_audit_read_rows(c, "list", "person", rows, "id", NULL);
	json_t *o = json_pack("{s:o,s:s?}", "items", rows, "next_cursor", next);
	free(next);
	return api_ok(c, 200, o);
}

int api_person_search(struct api_ctx *c)
{
	static const char *const fields[] = {"query", "limit", NULL};
	const char *q = NULL;
	int64_t limit = 20;
	struct db *db;
	json_t *rows;
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "query", 1, 200, &q);
	rc |= api_int(c, "limit", 0, 1, 50, &limit);
	if (rc)
		return ERR_INVALID;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = person_search(db, c->app->persons, &c->who, q, (int)limit, &rows);
	if (rc)
		return rc == ERR_INVALID || rc == ERR_TOO_LARGE
			       ? api_field_error(c, "query", "invalid")
			       : rc;
	api_audit_read_rows(c, "search", "person", rows, "id", NULL);
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

int api_person_duplicates(struct api_ctx *c)
{
	struct person_input in;
	struct db *db;
	json_t *out;
	int64_t exclude = 0;
	json_t *ex = json_object_get(c->body, "exclude_id");
	if (ex) {
		if (!json_is_integer(ex))
			return api_field_error(c, "exclude_id", "type.integer");
		exclude = json_integer_value(ex);
		json_object_del(c->body, "exclude_id");
	}
	int rc = api_person_input_read(c, &in);
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = person_duplicates(db, c->app->persons, &c->who, &in, exclude, &out);
	if (rc)
		return rc;
	api_audit_read_rows(c, "duplicates", "person", json_object_get(out, "candidates"), "id", NULL);
	return api_ok(c, 200, out);
}

int api_person_merge(struct api_ctx *c)
{
	static const char *const fields[] = {"merge_id", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct db *db;
	int64_t from = 0;
	int rc = api_only_fields(c, fields);
	rc |= api_int(c, "merge_id", 1, 1, INT64_MAX, &from);
	if (rc)
		return ERR_INVALID;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_audit_fill(c, &who, "merge", "person", c->params[0], NULL);
	rc = person_merge(db, c->app->persons, audit_log_key(c->app->audit), &who,
			  &c->who, c->params[0], from, &fe);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "person.not_found");
	if (rc)
		return api_field_errors(c, &fe, rc);
	json_t *doc;
	struct person_view v;
	rc = person_get(db, &c->who, c->params[0], &doc, &v);
	if (rc)
		return rc;
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, 200, doc);
}
