/*
 * api_parts.c - the parts of a person record under /api/v1/persons/{id}/
 * (addresses, groups, representatives, relations, notes, history, shares),
 * /api/v1/households and /api/v1/recipient-groups: JSON in and out. The
 * rules live in domain/person_parts.c and domain/share.c.
 *
 * Part writes carry If-Match with the person's version (the card's ETag)
 * and answer with the person's new version as ETag: two workers editing
 * the same card cannot overwrite each other. Notes (append-only) and
 * shares (their own state) need no If-Match.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/err.h"
#include "domain/person.h"
#include "domain/person_parts.h"
#include "domain/share.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Byte caps for api_str, generous for multi-byte text; the domain counts
 * characters. */
#define TEXT_BYTES(chars) ((size_t)(chars) * 4)

static void parts_actor_init(struct api_ctx *c, struct audit_entry *who,
			     struct parts_actor *a)
{
	api_audit_fill(c, who, "update", "person", c->params[0], NULL);
	a->p = &c->who;
	a->who = who;
	a->audit_key = audit_log_key(c->app->audit);
}

/* Maps a domain result to the error body. */
static int parts_error(struct api_ctx *c, int rc, const struct field_errors *fe,
		       const char *not_found_key)
{
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, not_found_key);
	if (fe->n)
		return api_field_errors(c, fe, rc);
	return rc;
}

/* Answers a part write: the part (or {"deleted": id}) and the person's
 * new version as ETag. */
static int parts_respond(struct api_ctx *c, int status, json_t *doc,
			 int64_t version)
{
	api_set_etag(c, version);
	if (doc)
		json_object_set_new(doc, "person_version", json_integer(version));
	return api_ok(c, status, doc);
}

static int parts_deleted(struct api_ctx *c, int64_t id, int64_t version)
{
	return parts_respond(c, 200, json_pack("{s:I}", "deleted", (json_int_t)id), version);
}

/* A keyset cursor: a positive id, or NULL for the first page. */
static int parse_cursor(struct api_ctx *c, const char *cursor, int64_t *before)
{
	*before = 0;
	if (!cursor)
		return 0;
	char *end;
	long long v = strtoll(cursor, &end, 10);
	if (!*cursor || *end || v <= 0)
		return api_fail(c, ERR_INVALID, "cursor");
	*before = v;
	return 0;
}

/* Cuts a list fetched with limit + 1 rows to limit and builds the page
 * answer with the next cursor (the last id shown). */
static json_t *page_of(json_t *rows, int limit, const char *id_key)
{
	char next[32];
	const char *np = NULL;
	if (json_array_size(rows) > (size_t)limit) {
		json_array_remove(rows, (size_t)limit);
		json_t *last = json_array_get(rows, (size_t)limit - 1);
		snprintf(next, sizeof(next), "%lld",
			 (long long)json_integer_value(json_object_get(last, id_key)));
		np = next;
	}
	return json_pack("{s:o,s:s?}", "items", rows, "next_cursor", np);
}

/* ---- addresses ---- */

static const char *const address_fields[] = {"kind", "line", "city",
	"municipality", "postal_code", "lat", "lon", "valid_from", "valid_to",
	NULL};

static int read_coord(struct api_ctx *c, const char *field, double *out)
{
	json_t *v = json_object_get(c->body, field);
	if (!v || json_is_null(v))
		return api_field_error(c, field, "coordinates");
	if (!json_is_number(v))
		return api_field_error(c, field, "type.number");
	*out = json_number_value(v);
	return 0;
}

static int address_input_read(struct api_ctx *c, struct address_input *in)
{
	int rc = api_only_fields(c, address_fields);
	memset(in, 0, sizeof(*in));
#define HAS(k) (json_object_get(c->body, k) != NULL)
	if (HAS("kind")) {
		in->set |= ADDRESS_F_KIND;
		rc |= api_str(c, "kind", 1, 32, &in->kind);
	}
	if (HAS("line")) {
		in->set |= ADDRESS_F_LINE;
		rc |= api_str(c, "line", 1, TEXT_BYTES(ADDRESS_LINE_MAX_CHARS), &in->line);
	}
	if (HAS("city")) {
		in->set |= ADDRESS_F_CITY;
		rc |= api_str(c, "city", 1, TEXT_BYTES(ADDRESS_CITY_MAX_CHARS), &in->city);
	}
	if (HAS("municipality")) {
		in->set |= ADDRESS_F_MUNICIPALITY;
		rc |= api_str(c, "municipality", 0, TEXT_BYTES(ADDRESS_CITY_MAX_CHARS), &in->municipality);
	}
	if (HAS("postal_code")) {
		in->set |= ADDRESS_F_POSTAL;
		rc |= api_str(c, "postal_code", 0, 16, &in->postal_code);
	}
	if (HAS("lat") || HAS("lon")) {
		json_t *lat = json_object_get(c->body, "lat"), *lon = json_object_get(c->body, "lon");
		in->set |= ADDRESS_F_COORDS;
		/* Both or neither: null for both clears them. */
		if ((!lat || json_is_null(lat)) && (!lon || json_is_null(lon))) {
			in->has_coords = 0;
		} else {
			in->has_coords = 1;
			rc |= read_coord(c, "lat", &in->lat);
			rc |= read_coord(c, "lon", &in->lon);
		}
	}
	if (HAS("valid_from")) {
		in->set |= ADDRESS_F_FROM;
		rc |= api_date(c, "valid_from", 0, &in->valid_from);
	}
	if (HAS("valid_to")) {
		in->set |= ADDRESS_F_TO;
		rc |= api_date(c, "valid_to", 0, &in->valid_to);
	}
#undef HAS
	return rc ? ERR_INVALID : 0;
}

int api_address_create(struct api_ctx *c)
{
	struct address_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	json_t *doc = NULL;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = address_input_read(c, &in);
	if (rc) {
		/* Report the address rules too, so a form shows every problem. */
		address_validate(&in, 1, &fe);
		return api_field_errors(c, &fe, rc);
	}
	if ((rc = api_db(c, &db)))
		return rc;
	parts_actor_init(c, &who, &a);
	rc = person_address_add(db, &a, c->params[0], expected, &in, &fe, &doc, &version);
	if (rc)
		return parts_error(c, rc, &fe, "person.not_found");
	return parts_respond(c, 201, doc, version);
}

int api_address_update(struct api_ctx *c)
{
	struct address_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	json_t *doc = NULL;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	if ((rc = address_input_read(c, &in)))
		return rc;
	if ((rc = api_db(c, &db)))
		return rc;
	parts_actor_init(c, &who, &a);
	rc = person_address_update(db, &a, c->params[0], c->params[1], expected, &in, &fe, &doc,
				   &version);
	if (rc)
		return parts_error(c, rc, &fe, "address.not_found");
	return parts_respond(c, 200, doc, version);
}

/* The three deletions of a part share one shape: If-Match on the person,
 * the domain call, and the answer with the person's new version. */
typedef int (*parts_delete_fn)(struct db *db, const struct parts_actor *a,
			       int64_t person_id, int64_t part_id, int64_t expected,
			       struct field_errors *fe, int64_t *version);

static int parts_delete(struct api_ctx *c, parts_delete_fn fn, const char *not_found)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	if ((rc = api_db(c, &db)))
		return rc;
	parts_actor_init(c, &who, &a);
	rc = fn(db, &a, c->params[0], c->params[1], expected, &fe, &version);
	if (rc)
		return parts_error(c, rc, &fe, not_found);
	return parts_deleted(c, c->params[1], version);
}

int api_address_delete(struct api_ctx *c)
{
	return parts_delete(c, person_address_delete, "address.not_found");
}

/* ---- recipient groups ---- */

int api_recipient_groups(struct api_ctx *c)
{
	struct db *db;
	json_t *list;
	int rc = api_db(c, &db);
	if (!rc)
		rc = recipient_groups_list(db, &list);
	if (rc)
		return rc;
	return api_ok(c, 200, json_pack("{s:o}", "items", list));
}

int api_group_create(struct api_ctx *c)
{
	static const char *const fields[] = {"group_code", "date_from", "date_to", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	json_t *doc = NULL;
	const char *code = NULL;
	int from = 0, to = 0;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, fields);
	rc |= api_str(c, "group_code", 1, 64, &code);
	rc |= api_date(c, "date_from", 1, &from);
	rc |= api_date(c, "date_to", 0, &to);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	parts_actor_init(c, &who, &a);
	rc = person_group_add(db, &a, c->params[0], expected, code, from, to, &fe, &doc, &version);
	if (rc)
		return parts_error(c, rc, &fe, "person.not_found");
	return parts_respond(c, 201, doc, version);
}

int api_group_update(struct api_ctx *c)
{
	static const char *const fields[] = {"date_to", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	json_t *doc = NULL;
	int to = 0;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, fields);
	rc |= api_date(c, "date_to", 1, &to);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	parts_actor_init(c, &who, &a);
	rc = person_group_end(db, &a, c->params[0], c->params[1], expected, to, &fe, &doc, &version);
	if (rc)
		return parts_error(c, rc, &fe, "group.not_found");
	return parts_respond(c, 200, doc, version);
}

/* ---- representatives ---- */

int api_representative_create(struct api_ctx *c)
{
	static const char *const fields[] = {"representative_id", "kind", "document",
		"date_from", "date_to", NULL};
	struct representative_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	json_t *doc = NULL;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	memset(&in, 0, sizeof(in));
	rc = api_only_fields(c, fields);
	rc |= api_int(c, "representative_id", 1, 1, INT64_MAX, &in.representative_id);
	rc |= api_str(c, "kind", 1, 32, &in.kind);
	rc |= api_str(c, "document", 0, TEXT_BYTES(DOCUMENT_MAX_CHARS), &in.document);
	rc |= api_date(c, "date_from", 0, &in.date_from);
	rc |= api_date(c, "date_to", 0, &in.date_to);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	parts_actor_init(c, &who, &a);
	rc = person_representative_add(db, &a, c->params[0], expected, &in, &fe, &doc, &version);
	if (rc)
		return parts_error(c, rc, &fe, "person.not_found");
	return parts_respond(c, 201, doc, version);
}

int api_representative_delete(struct api_ctx *c)
{
	return parts_delete(c, person_representative_delete, "representative.not_found");
}

/* ---- relations ---- */

int api_relation_create(struct api_ctx *c)
{
	static const char *const fields[] = {"related_id", "kind", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	json_t *doc = NULL;
	const char *kind = NULL;
	int64_t related = 0, expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, fields);
	rc |= api_int(c, "related_id", 1, 1, INT64_MAX, &related);
	rc |= api_str(c, "kind", 1, 32, &kind);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	parts_actor_init(c, &who, &a);
	rc = person_relation_add(db, &a, c->params[0], expected, related, kind, &fe, &doc, &version);
	if (rc)
		return parts_error(c, rc, &fe, "person.not_found");
	return parts_respond(c, 201, doc, version);
}

int api_relation_delete(struct api_ctx *c)
{
	return parts_delete(c, person_relation_delete, "relation.not_found");
}

/* ---- households ---- */

/* Reads body.members into m (at most cap + 1 entries, so that one too
 * many is reported by the domain). */
static int members_read(struct api_ctx *c, struct household_member_input *m,
			size_t cap, size_t *n)
{
	json_t *arr = json_object_get(c->body, "members"), *v;
	size_t i;
	*n = 0;
	if (!arr || json_is_null(arr))
		return api_field_error(c, "members", "required");
	if (!json_is_array(arr))
		return api_field_error(c, "members", "type.array");
	json_array_foreach(arr, i, v) {
		if (*n > cap)
			break;
		json_t *pid = json_object_get(v, "person_id"), *role = json_object_get(v, "role");
		if (!json_is_object(v) || json_object_size(v) > 2 ||
		    json_object_size(v) != (size_t)(pid != NULL) + (role != NULL))
			return api_field_error(c, "members", "household.members");
		if (!json_is_integer(pid))
			return api_field_error(c, "members", "household.members");
		if (role && !json_is_string(role))
			return api_field_error(c, "members", "household.role");
		m[*n].person_id = json_integer_value(pid);
		m[*n].role = role ? json_string_value(role) : "member";
		(*n)++;
	}
	return 0;
}

int api_household_create(struct api_ctx *c)
{
	static const char *const fields[] = {"name", "members", NULL};
	struct household_member_input m[HOUSEHOLD_MAX_MEMBERS + 1];
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	const char *name = NULL;
	size_t n = 0;
	int64_t id = 0;
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "name", 1, TEXT_BYTES(HOUSEHOLD_NAME_MAX_CHARS), &name);
	rc |= members_read(c, m, HOUSEHOLD_MAX_MEMBERS, &n);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	api_audit_fill(c, &who, "create", "household", 0, NULL);
	a.p = &c->who;
	a.who = &who;
	a.audit_key = audit_log_key(c->app->audit);
	rc = household_create(db, &a, name, m, n, &fe, &id);
	if (rc)
		return parts_error(c, rc, &fe, "household.not_found");
	json_t *doc;
	if ((rc = household_get(db, &c->who, id, &doc)))
		return rc;
	api_audit_read(c, "read", "household", id, NULL);
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, 201, doc);
}

int api_household_get(struct api_ctx *c)
{
	struct db *db;
	json_t *doc;
	int rc = api_db(c, &db);
	if (!rc)
		rc = household_get(db, &c->who, c->params[0], &doc);
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "household.not_found" : NULL);
	api_audit_read(c, "read", "household", c->params[0], NULL);
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, 200, doc);
}

int api_household_members_put(struct api_ctx *c)
{
	static const char *const fields[] = {"members", NULL};
	struct household_member_input m[HOUSEHOLD_MAX_MEMBERS + 1];
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	size_t n = 0;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, fields);
	rc |= members_read(c, m, HOUSEHOLD_MAX_MEMBERS, &n);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	api_audit_fill(c, &who, "update", "household", c->params[0], NULL);
	a.p = &c->who;
	a.who = &who;
	a.audit_key = audit_log_key(c->app->audit);
	rc = household_members_replace(db, &a, c->params[0], expected, m, n, &fe, &version);
	if (rc)
		return parts_error(c, rc, &fe, "household.not_found");
	json_t *doc;
	if ((rc = household_get(db, &c->who, c->params[0], &doc)))
		return rc;
	api_audit_read(c, "read", "household", c->params[0], NULL);
	api_set_etag(c, json_integer_value(json_object_get(doc, "version")));
	return api_ok(c, 200, doc);
}

/* ---- notes ---- */

int api_note_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	const char *cursor;
	char reason[160];
	int limit, partner = 0;
	int64_t before;
	int rc = api_page(c, &limit, &cursor);
	if (!rc)
		rc = parse_cursor(c, cursor, &before);
	if (!rc)
		rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = person_notes_list(db, &c->who, c->params[0], before, limit + 1, &rows, &partner,
			       reason, sizeof(reason));
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "person.not_found" : NULL);
	api_audit_read(c, "notes.read", "person", c->params[0], partner ? reason : NULL);
	return api_ok(c, 200, page_of(rows, limit, "id"));
}

int api_note_create(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	json_t *doc = NULL;
	const char *body;
	int special;
	int rc = api_note_read(c, TEXT_BYTES(NOTE_BODY_MAX_CHARS), &body, &special);
	if (rc)
		return rc;
	if ((rc = api_db(c, &db)))
		return rc;
	parts_actor_init(c, &who, &a);
	rc = person_note_add(db, &a, c->params[0], body, special, &fe, &doc);
	if (rc)
		return parts_error(c, rc, &fe, "person.not_found");
	return api_ok(c, 201, doc);
}

/* ---- history ---- */

int api_person_history(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	const char *cursor;
	int limit;
	int64_t before;
	int rc = api_page(c, &limit, &cursor);
	if (!rc)
		rc = parse_cursor(c, cursor, &before);
	if (!rc)
		rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = person_history(db, &c->who, c->params[0], before, limit + 1, &rows);
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "person.not_found" : NULL);
	api_audit_read(c, "history.read", "person", c->params[0], NULL);
	return api_ok(c, 200, page_of(rows, limit, "id"));
}

/* ---- shares ---- */

int api_share_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int rc = api_db(c, &db);
	if (!rc)
		rc = share_list(db, &c->who, c->params[0], &rows);
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "person.not_found" : NULL);
	api_audit_read(c, "shares.read", "person", c->params[0], NULL);
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

/* body.parts: a non-empty array of known part names. */
static int share_parts_read(struct api_ctx *c, unsigned *parts)
{
	const char *names[16];
	json_t *arr = json_object_get(c->body, "parts"), *v;
	size_t i, n = 0;
	*parts = 0;
	if (!arr || json_is_null(arr))
		return api_field_error(c, "parts", "share.parts");
	if (!json_is_array(arr))
		return api_field_error(c, "parts", "type.array");
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v) || n >= sizeof(names) / sizeof(names[0]))
			return api_field_error(c, "parts", "share.parts");
		names[n++] = json_string_value(v);
	}
	if (share_parts_from_names(names, n, parts))
		return api_field_error(c, "parts", "share.parts");
	return 0;
}

int api_share_create(struct api_ctx *c)
{
	static const char *const fields[] = {"institution_id", "parts", "legal_basis",
		"purpose", "valid_until", NULL};
	struct share_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	json_t *doc = NULL;
	memset(&in, 0, sizeof(in));
	int rc = api_only_fields(c, fields);
	rc |= api_int(c, "institution_id", 1, 1, INT64_MAX, &in.institution_id);
	rc |= share_parts_read(c, &in.parts);
	rc |= api_str(c, "legal_basis", 1, 32, &in.legal_basis);
	rc |= api_str(c, "purpose", 1, TEXT_BYTES(SHARE_PURPOSE_MAX_CHARS), &in.purpose);
	rc |= api_date(c, "valid_until", 1, &in.valid_until);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	parts_actor_init(c, &who, &a);
	rc = share_create(db, &a, c->params[0], &in, &fe, &doc);
	if (rc)
		return parts_error(c, rc, &fe, "person.not_found");
	return api_ok(c, 201, doc);
}

int api_share_revoke(struct api_ctx *c)
{
	static const char *const fields[] = {NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct parts_actor a;
	struct db *db;
	json_t *doc = NULL;
	int rc = api_only_fields(c, fields);
	if (rc)
		return rc;
	if ((rc = api_db(c, &db)))
		return rc;
	parts_actor_init(c, &who, &a);
	rc = share_revoke(db, &a, c->params[0], c->params[1], &fe, &doc);
	if (rc == ERR_CONFLICT && !fe.n)
		return api_fail(c, rc, "share.revoked");
	if (rc)
		return parts_error(c, rc, &fe, "share.not_found");
	return api_ok(c, 200, doc);
}
