/*
 * person_parts.c - rules for the parts of a person record (see
 * person_parts.h). SQL is in db/store_parts.c.
 */
#include "domain/person_parts.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_parts.h"
#include "domain/person.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pure rules ---- */

static const char *const relation_pairs[][2] = {
	{"parent", "child"},         {"child", "parent"},
	{"spouse", "spouse"},        {"partner", "partner"},
	{"sibling", "sibling"},      {"guardian", "ward"},
	{"ward", "guardian"},        {"grandparent", "grandchild"},
	{"grandchild", "grandparent"}, {"other", "other"},
};

const char *relation_inverse(const char *kind)
{
	if (!kind)
		return NULL;
	for (size_t i = 0; i < sizeof(relation_pairs) / sizeof(relation_pairs[0]); i++)
		if (!strcmp(kind, relation_pairs[i][0]))
			return relation_pairs[i][1];
	return NULL;
}

static int in_list(const char *s, const char *const *list)
{
	if (!s)
		return 0;
	for (; *list; list++)
		if (!strcmp(s, *list))
			return 1;
	return 0;
}

int address_kind_valid(const char *kind)
{
	static const char *const kinds[] = {"residence", "declared", "postal", "temporary", NULL};
	return in_list(kind, kinds);
}

int representative_kind_valid(const char *kind)
{
	static const char *const kinds[] = {"parent", "guardian", "curator", "authorised", "other", NULL};
	return in_list(kind, kinds);
}

int group_periods_overlap(int from_a, int to_a, int from_b, int to_b)
{
	/* Open ends reach forever; both ends are inclusive days. */
	int a_end = to_a ? to_a : 99991231;
	int b_end = to_b ? to_b : 99991231;
	return from_a <= b_end && from_b <= a_end;
}

int coordinate_to_e6(double degrees, double limit, int64_t *out)
{
	if (!isfinite(degrees) || degrees < -limit || degrees > limit)
		return ERR_INVALID;
	*out = (int64_t)llround(degrees * 1e6);
	return 0;
}

size_t text_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

const char *text_check(const char *s, size_t max_chars, int multiline)
{
	int blank = 1;
	if (!s)
		return "required";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			if (!multiline || !(*p == '\n' || *p == '\r' || *p == '\t'))
				return "invalid";
		} else if (*p != ' ') {
			blank = 0;
		}
	}
	if (blank)
		return "string.empty";
	if (text_chars(s) > max_chars)
		return "string.too_long";
	return NULL;
}

static void check_text(struct field_errors *fe, const char *field,
		       const char *s, size_t max, int required)
{
	if (!s) {
		if (required)
			fe_add(fe, field, "required");
		return;
	}
	const char *k = text_check(s, max, 0);
	if (k)
		fe_add(fe, field, k);
}

static int postal_code_ok(const char *s)
{
	if (!strncmp(s, "LT-", 3))
		s += 3;
	if (strlen(s) != 5)
		return 0;
	for (int i = 0; i < 5; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int address_validate(const struct address_input *in, int creating,
		     struct field_errors *fe)
{
	unsigned set = creating ? ~0u : in->set;
	if (set & ADDRESS_F_KIND) {
		if (!in->kind)
			fe_add(fe, "kind", "required");
		else if (!address_kind_valid(in->kind))
			fe_add(fe, "kind", "enum");
	}
	if (set & ADDRESS_F_LINE)
		check_text(fe, "line", in->line, ADDRESS_LINE_MAX_CHARS, 1);
	if (set & ADDRESS_F_CITY)
		check_text(fe, "city", in->city, ADDRESS_CITY_MAX_CHARS, 1);
	if ((set & ADDRESS_F_MUNICIPALITY) && in->municipality)
		check_text(fe, "municipality", in->municipality, ADDRESS_CITY_MAX_CHARS, 0);
	if ((set & ADDRESS_F_POSTAL) && in->postal_code && !postal_code_ok(in->postal_code))
		fe_add(fe, "postal_code", "address.postal_code");
	if ((set & ADDRESS_F_COORDS) && in->has_coords) {
		int64_t e6;
		if (coordinate_to_e6(in->lat, 90.0, &e6))
			fe_add(fe, "lat", "coordinates");
		if (coordinate_to_e6(in->lon, 180.0, &e6))
			fe_add(fe, "lon", "coordinates");
	}
	if (in->valid_from && in->valid_to && in->valid_to < in->valid_from)
		fe_add(fe, "valid_to", "date.order");
	return fe->n ? ERR_INVALID : 0;
}

int household_validate(const char *name,
		       const struct household_member_input *m, size_t n,
		       struct field_errors *fe)
{
	size_t heads = 0;
	check_text(fe, "name", name, HOUSEHOLD_NAME_MAX_CHARS, 1);
	if (n == 0)
		fe_add(fe, "members", "household.members");
	else if (n > HOUSEHOLD_MAX_MEMBERS)
		fe_add(fe, "members", "household.too_many");
	for (size_t i = 0; i < n && i <= HOUSEHOLD_MAX_MEMBERS; i++) {
		if (m[i].person_id <= 0)
			fe_add(fe, "members", "household.members");
		if (!m[i].role || (strcmp(m[i].role, "head") && strcmp(m[i].role, "member")))
			fe_add(fe, "members", "household.role");
		else if (!strcmp(m[i].role, "head"))
			heads++;
		for (size_t j = 0; j < i; j++)
			if (m[j].person_id == m[i].person_id)
				fe_add(fe, "members", "household.duplicate");
	}
	if (heads > 1)
		fe_add(fe, "members", "household.heads");
	return fe->n ? ERR_INVALID : 0;
}

/* ---- the write frame ---- */

/* Begins a write of person_id's parts: the write transaction, the full
 * view, and the version check, which bumps the version at once (and, on
 * PostgreSQL, locks the row: writers of one person queue here, so the
 * checks that follow see every committed change). Rolls back on error. */
static int part_begin(struct db *db, const struct parts_actor *a,
		      int64_t person_id, int64_t expected,
		      struct field_errors *fe)
{
	struct person_view v;
	char now[TIMESTAMP_ISO_LEN];
	int64_t changes = 0, version, merged;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = person_view_for(db, a->p, person_id, &v);
	if (!rc && !v.full)
		rc = ERR_NOT_FOUND;
	if (rc)
		goto fail;
	time_format_iso(time_now_ms(), now);
	rc = store_parts_person_bump(db, person_id, expected, now, &changes);
	if (rc)
		goto fail;
	if (changes != 1) {
		rc = store_parts_person_state(db, person_id, &version, &merged);
		if (!rc && merged) {
			fe_add(fe, "id", "person.merged");
			rc = ERR_CONFLICT;
		} else if (!rc) {
			rc = ERR_PRECONDITION;
		}
		goto fail;
	}
	return 0;
fail:
	db_tx_rollback(db);
	return rc;
}

/* Another person touched by the write (the other side of a relation, a
 * representative, a household member): fully visible to the caller and
 * not merged; its version is bumped so its card's ETag changes too. */
static int part_touch_other(struct db *db, const struct parts_actor *a,
			    int64_t other, const char *field,
			    struct field_errors *fe)
{
	struct person_view v;
	char now[TIMESTAMP_ISO_LEN];
	int64_t changes = 0;
	int rc = person_view_for(db, a->p, other, &v);
	if (rc == ERR_NOT_FOUND || (!rc && !v.full)) {
		fe_add(fe, field, "person.not_found");
		return ERR_INVALID;
	}
	if (rc)
		return rc;
	time_format_iso(time_now_ms(), now);
	rc = store_parts_person_bump(db, other, 0, now, &changes);
	if (!rc && changes != 1) {
		fe_add(fe, field, "person.merged");
		rc = ERR_CONFLICT;
	}
	return rc;
}

/* Snapshot of a part before it changes, under the person's old version. */
static int part_snapshot(struct db *db, const struct parts_actor *a,
			 int64_t person_id, int64_t version, const char *action,
			 const char *part, json_t *row)
{
	json_t *data = json_pack("{s:s,s:O}", "part", part, "before", row);
	if (!data)
		return ERR_NOMEM;
	int rc = store_history_add(db, "person", person_id, version, a->p->user_id, action, data);
	json_decref(data);
	return rc;
}

/* Audits the write and commits. */
static int part_commit(struct db *db, const struct parts_actor *a,
		       int64_t person_id, const char *action)
{
	struct audit_entry e = *a->who;
	e.action = action;
	e.entity = "person";
	e.entity_id = person_id;
	int rc = audit_append_tx(db, a->audit_key, &e, 1);
	if (!rc)
		rc = db_tx_commit(db);
	return rc;
}

static void date_text(int d, char *buf, const char **out)
{
	if (d) {
		date_format(d, buf);
		*out = buf;
	} else {
		*out = NULL;
	}
}

static int date_of(json_t *o, const char *k)
{
	int d = 0;
	const char *s = json_string_value(json_object_get(o, k));
	return s && !date_parse(s, &d) ? d : 0;
}

/* ---- addresses ---- */

static int address_row_from(const struct address_input *in,
			    struct store_address_row *r, char *from, char *to)
{
	memset(r, 0, sizeof(*r));
	r->kind = in->kind;
	r->line = in->line;
	r->city = in->city;
	r->municipality = in->municipality;
	r->postal_code = in->postal_code;
	if (in->has_coords) {
		r->has_coords = 1;
		if (coordinate_to_e6(in->lat, 90.0, &r->lat_e6) ||
		    coordinate_to_e6(in->lon, 180.0, &r->lon_e6))
			return ERR_INVALID;
	}
	date_text(in->valid_from, from, &r->valid_from);
	date_text(in->valid_to, to, &r->valid_to);
	return 0;
}

int person_address_add(struct db *db, const struct parts_actor *a,
		       int64_t person_id, int64_t expected,
		       const struct address_input *in, struct field_errors *fe,
		       json_t **doc, int64_t *version)
{
	struct store_address_row r;
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	int64_t aid;
	int rc = address_validate(in, 1, fe);
	if (!rc)
		rc = address_row_from(in, &r, from, to);
	if (rc)
		return rc;
	rc = part_begin(db, a, person_id, expected, fe);
	if (rc)
		return rc;
	rc = store_address_insert(db, person_id, &r, &aid);
	if (!rc)
		rc = store_address_get(db, person_id, aid, doc);
	if (!rc)
		rc = part_commit(db, a, person_id, "address.add");
	if (rc) {
		db_tx_rollback(db);
		return rc;
	}
	*version = expected + 1;
	return 0;
}

int person_address_update(struct db *db, const struct parts_actor *a,
			  int64_t person_id, int64_t aid, int64_t expected,
			  const struct address_input *in,
			  struct field_errors *fe, json_t **doc,
			  int64_t *version)
{
	struct address_input m;
	struct store_address_row r;
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	json_t *cur = NULL;
	int rc = address_validate(in, 0, fe);
	if (rc)
		return rc;
	rc = part_begin(db, a, person_id, expected, fe);
	if (rc)
		return rc;
	rc = store_address_get(db, person_id, aid, &cur);
	if (rc)
		goto out;
	/* The address as it will be, checked whole (dates in order). */
	memset(&m, 0, sizeof(m));
#define KEEP(bit, field, key) \
	m.field = (in->set & (bit)) ? in->field : json_string_value(json_object_get(cur, key))
	KEEP(ADDRESS_F_KIND, kind, "kind");
	KEEP(ADDRESS_F_LINE, line, "line");
	KEEP(ADDRESS_F_CITY, city, "city");
	KEEP(ADDRESS_F_MUNICIPALITY, municipality, "municipality");
	KEEP(ADDRESS_F_POSTAL, postal_code, "postal_code");
#undef KEEP
	if (in->set & ADDRESS_F_COORDS) {
		m.has_coords = in->has_coords;
		m.lat = in->lat;
		m.lon = in->lon;
	} else if (json_is_number(json_object_get(cur, "lat"))) {
		m.has_coords = 1;
		m.lat = json_number_value(json_object_get(cur, "lat"));
		m.lon = json_number_value(json_object_get(cur, "lon"));
	}
	m.valid_from = (in->set & ADDRESS_F_FROM) ? in->valid_from : date_of(cur, "valid_from");
	m.valid_to = (in->set & ADDRESS_F_TO) ? in->valid_to : date_of(cur, "valid_to");
	rc = address_validate(&m, 1, fe);
	if (!rc)
		rc = address_row_from(&m, &r, from, to);
	if (!rc)
		rc = part_snapshot(db, a, person_id, expected, "address.update", "address", cur);
	if (!rc)
		rc = store_address_update(db, person_id, aid, &r);
	if (!rc)
		rc = store_address_get(db, person_id, aid, doc);
	if (!rc)
		rc = part_commit(db, a, person_id, "address.update");
	if (!rc)
		*version = expected + 1;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}

/* Deletes a part that has no other side: keep a snapshot, delete, bump
 * the person's version and audit, all in one transaction. */
static int part_delete_simple(struct db *db, const struct parts_actor *a,
			      int64_t person_id, int64_t part_id, int64_t expected,
			      struct field_errors *fe, int64_t *version,
			      int (*get)(struct db *, int64_t, int64_t, json_t **),
			      int (*del)(struct db *, int64_t, int64_t),
			      const char *action, const char *entity)
{
	json_t *cur = NULL;
	int rc = part_begin(db, a, person_id, expected, fe);
	if (rc)
		return rc;
	rc = get(db, person_id, part_id, &cur);
	if (!rc)
		rc = part_snapshot(db, a, person_id, expected, action, entity, cur);
	if (!rc)
		rc = del(db, person_id, part_id);
	if (!rc)
		rc = part_commit(db, a, person_id, action);
	if (!rc)
		*version = expected + 1;
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}

int person_address_delete(struct db *db, const struct parts_actor *a,
			  int64_t person_id, int64_t aid, int64_t expected,
			  struct field_errors *fe, int64_t *version)
{
	return part_delete_simple(db, a, person_id, aid, expected, fe, version,
				  store_address_get, store_address_delete,
				  "address.delete", "address");
}

/* ---- recipient groups ---- */

int recipient_groups_list(struct db *db, json_t **list)
{
	return store_recipient_groups(db, list);
}

/* Checks [from, to] of group `code` against the person's other periods of
 * the same group (skipping skip_id). ERR_CONFLICT on overlap. */
static int group_check_overlap(struct db *db, int64_t person_id,
			       const char *code, int64_t skip_id, int from,
			       int to, const char *field, struct field_errors *fe)
{
	json_t *periods = NULL, *row;
	size_t i;
	int rc = store_person_group_periods(db, person_id, code, &periods);
	if (rc)
		return rc;
	json_array_foreach(periods, i, row) {
		if (json_integer_value(json_object_get(row, "id")) == skip_id)
			continue;
		if (group_periods_overlap(from, to, date_of(row, "date_from"), date_of(row, "date_to"))) {
			fe_add(fe, field, "group.overlap");
			rc = ERR_CONFLICT;
			break;
		}
	}
	json_decref(periods);
	return rc;
}

int person_group_add(struct db *db, const struct parts_actor *a,
		     int64_t person_id, int64_t expected, const char *code,
		     int date_from, int date_to, struct field_errors *fe,
		     json_t **doc, int64_t *version)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	const char *to_p;
	int64_t gid;
	if (!date_from)
		fe_add(fe, "date_from", "required");
	if (date_from && date_to && date_to < date_from)
		fe_add(fe, "date_to", "date.order");
	if (fe->n)
		return ERR_INVALID;
	int rc = part_begin(db, a, person_id, expected, fe);
	if (rc)
		return rc;
	rc = store_recipient_group_exists(db, code);
	if (rc == ERR_NOT_FOUND) {
		fe_add(fe, "group_code", "group.unknown");
		rc = ERR_INVALID;
	}
	if (!rc)
		rc = group_check_overlap(db, person_id, code, 0, date_from, date_to, "date_from", fe);
	date_format(date_from, from);
	date_text(date_to, to, &to_p);
	if (!rc)
		rc = store_person_group_insert(db, person_id, code, from, to_p, &gid);
	if (!rc)
		rc = store_person_group_get(db, person_id, gid, doc);
	if (!rc)
		rc = part_commit(db, a, person_id, "group.add");
	if (!rc)
		*version = expected + 1;
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

int person_group_end(struct db *db, const struct parts_actor *a,
		     int64_t person_id, int64_t gid, int64_t expected,
		     int date_to, struct field_errors *fe, json_t **doc,
		     int64_t *version)
{
	char to[DATE_ISO_LEN];
	json_t *cur = NULL;
	if (!date_to)
		return fe_add(fe, "date_to", "required");
	int rc = part_begin(db, a, person_id, expected, fe);
	if (rc)
		return rc;
	rc = store_person_group_get(db, person_id, gid, &cur);
	if (rc)
		goto out;
	int from = date_of(cur, "date_from");
	if (date_to < from) {
		fe_add(fe, "date_to", "date.order");
		rc = ERR_INVALID;
		goto out;
	}
	rc = group_check_overlap(db, person_id, json_string_value(json_object_get(cur, "code")),
				 gid, from, date_to, "date_to", fe);
	date_format(date_to, to);
	if (!rc)
		rc = part_snapshot(db, a, person_id, expected, "group.end", "group", cur);
	if (!rc)
		rc = store_person_group_set_end(db, person_id, gid, to);
	if (!rc)
		rc = store_person_group_get(db, person_id, gid, doc);
	if (!rc)
		rc = part_commit(db, a, person_id, "group.end");
	if (!rc)
		*version = expected + 1;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}

/* ---- representatives ---- */

int person_representative_add(struct db *db, const struct parts_actor *a,
			       int64_t person_id, int64_t expected,
			       const struct representative_input *in,
			       struct field_errors *fe, json_t **doc,
			       int64_t *version)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	const char *from_p, *to_p;
	int64_t rid;
	if (!in->kind)
		fe_add(fe, "kind", "required");
	else if (!representative_kind_valid(in->kind))
		fe_add(fe, "kind", "enum");
	if (in->document)
		check_text(fe, "document", in->document, DOCUMENT_MAX_CHARS, 0);
	if (in->representative_id == person_id)
		fe_add(fe, "representative_id", "representative.self");
	if (in->date_from && in->date_to && in->date_to < in->date_from)
		fe_add(fe, "date_to", "date.order");
	if (fe->n)
		return ERR_INVALID;
	int rc = part_begin(db, a, person_id, expected, fe);
	if (rc)
		return rc;
	rc = part_touch_other(db, a, in->representative_id, "representative_id", fe);
	date_text(in->date_from, from, &from_p);
	date_text(in->date_to, to, &to_p);
	if (!rc)
		rc = store_representative_insert(db, person_id, in->representative_id, in->kind,
						 in->document, from_p, to_p, &rid);
	if (!rc)
		rc = store_representative_get(db, person_id, rid, doc);
	if (!rc)
		rc = part_commit(db, a, person_id, "representative.add");
	if (!rc)
		*version = expected + 1;
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

int person_representative_delete(struct db *db, const struct parts_actor *a,
				 int64_t person_id, int64_t rid,
				 int64_t expected, struct field_errors *fe,
				 int64_t *version)
{
	return part_delete_simple(db, a, person_id, rid, expected, fe, version,
				  store_representative_get, store_representative_delete,
				  "representative.delete", "representative");
}

/* ---- relations ---- */

int person_relation_add(struct db *db, const struct parts_actor *a,
			int64_t person_id, int64_t expected, int64_t related_id,
			const char *kind, struct field_errors *fe, json_t **doc,
			int64_t *version)
{
	const char *inverse = relation_inverse(kind);
	int64_t rid, back;
	if (!kind)
		fe_add(fe, "kind", "required");
	else if (!inverse)
		fe_add(fe, "kind", "enum");
	if (related_id == person_id)
		fe_add(fe, "related_id", "relation.self");
	if (fe->n)
		return ERR_INVALID;
	int rc = part_begin(db, a, person_id, expected, fe);
	if (rc)
		return rc;
	rc = part_touch_other(db, a, related_id, "related_id", fe);
	if (!rc)
		rc = store_relation_insert(db, person_id, related_id, kind, &rid);
	if (!rc)
		rc = store_relation_insert(db, related_id, person_id, inverse, &back);
	if (rc == ERR_CONFLICT)
		fe_add(fe, "kind", "relation.exists");
	if (!rc) {
		*doc = json_pack("{s:I,s:s,s:I,s:I}", "id", (json_int_t)rid, "kind", kind,
				 "person_id", (json_int_t)related_id, "reverse_id", (json_int_t)back);
		rc = *doc ? 0 : ERR_NOMEM;
	}
	if (!rc)
		rc = part_commit(db, a, person_id, "relation.add");
	if (!rc)
		*version = expected + 1;
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

int person_relation_delete(struct db *db, const struct parts_actor *a,
			   int64_t person_id, int64_t rid, int64_t expected,
			   struct field_errors *fe, int64_t *version)
{
	json_t *cur = NULL;
	int64_t n1 = 0, n2 = 0;
	int rc = part_begin(db, a, person_id, expected, fe);
	if (rc)
		return rc;
	rc = store_relation_get(db, person_id, rid, &cur);
	if (rc)
		goto out;
	int64_t other = json_integer_value(json_object_get(cur, "related_id"));
	const char *kind = json_string_value(json_object_get(cur, "kind"));
	/* The other side changes too: the caller must see it as well. */
	rc = part_touch_other(db, a, other, "related_id", fe);
	if (rc == ERR_INVALID)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = part_snapshot(db, a, person_id, expected, "relation.delete", "relation", cur);
	if (!rc)
		rc = store_relation_delete(db, person_id, other, kind, &n1);
	if (!rc)
		rc = store_relation_delete(db, other, person_id, relation_inverse(kind), &n2);
	if (!rc && n1 != 1)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = part_commit(db, a, person_id, "relation.delete");
	if (!rc)
		*version = expected + 1;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}

/* ---- households ---- */

/* Adds the members after checking each is fully visible; bumps them. */
static int household_put_members(struct db *db, const struct parts_actor *a,
				 int64_t id,
				 const struct household_member_input *m,
				 size_t n, struct field_errors *fe)
{
	for (size_t i = 0; i < n; i++) {
		int rc = part_touch_other(db, a, m[i].person_id, "members", fe);
		if (!rc)
			rc = store_household_member_add(db, id, m[i].person_id, m[i].role);
		if (rc)
			return rc;
	}
	return 0;
}

/* Audits the household write and one entry per member person, so each
 * person's trail shows it; commits. */
static int household_commit(struct db *db, const struct parts_actor *a,
			    int64_t id, const char *action,
			    const struct household_member_input *m, size_t n)
{
	struct audit_entry e[1 + HOUSEHOLD_MAX_MEMBERS];
	size_t k = 0;
	e[k] = *a->who;
	e[k].action = action;
	e[k].entity = "household";
	e[k++].entity_id = id;
	for (size_t i = 0; i < n && k < sizeof(e) / sizeof(e[0]); i++) {
		e[k] = *a->who;
		e[k].action = "household.member";
		e[k].entity = "person";
		snprintf(e[k].reason, sizeof(e[k].reason), "household %lld", (long long)id);
		e[k++].entity_id = m[i].person_id;
	}
	int rc = audit_append_tx(db, a->audit_key, e, k);
	if (!rc)
		rc = db_tx_commit(db);
	return rc;
}

int household_create(struct db *db, const struct parts_actor *a,
		     const char *name, const struct household_member_input *m,
		     size_t n, struct field_errors *fe, int64_t *id)
{
	char now[TIMESTAMP_ISO_LEN];
	int rc = household_validate(name, m, n, fe);
	if (rc)
		return rc;
	if (access_person_scope(a->p) != SCOPE_DEPARTMENT && access_person_scope(a->p) != SCOPE_ALL)
		return ERR_NOT_FOUND;
	time_format_iso(time_now_ms(), now);
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_household_insert(db, name, now, id);
	if (!rc)
		rc = household_put_members(db, a, *id, m, n, fe);
	if (!rc)
		rc = household_commit(db, a, *id, "create", m, n);
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

/* Splits members into what p may see and a count of the rest. */
static int household_visible(struct db *db, const struct principal *p,
			     json_t *members, size_t *visible, size_t *hidden)
{
	size_t i = 0;
	*visible = *hidden = 0;
	while (i < json_array_size(members)) {
		struct person_view v;
		json_t *row = json_array_get(members, i);
		int rc = person_view_for(db, p, json_integer_value(json_object_get(row, "person_id")), &v);
		if (rc && rc != ERR_NOT_FOUND)
			return rc;
		if (!rc && v.full) {
			(*visible)++;
			i++;
		} else {
			(*hidden)++;
			json_array_remove(members, i);
		}
	}
	return 0;
}

int household_get(struct db *db, const struct principal *p, int64_t id,
		  json_t **doc)
{
	json_t *h = NULL, *members = NULL;
	size_t visible, hidden;
	int rc = store_household_get(db, id, &h);
	if (!rc)
		rc = store_household_members(db, id, &members);
	if (!rc)
		rc = household_visible(db, p, members, &visible, &hidden);
	if (!rc && !visible)
		rc = ERR_NOT_FOUND;
	if (rc) {
		json_decref(h);
		json_decref(members);
		return rc;
	}
	json_object_set_new(h, "members", members);
	json_object_set_new(h, "hidden_members", json_integer((json_int_t)hidden));
	*doc = h;
	return 0;
}

int household_members_replace(struct db *db, const struct parts_actor *a,
			      int64_t id, int64_t expected,
			      const struct household_member_input *m, size_t n,
			      struct field_errors *fe, int64_t *version)
{
	json_t *h = NULL, *members = NULL, *snap = NULL;
	size_t visible = 0, hidden = 0;
	char now[TIMESTAMP_ISO_LEN];
	int64_t changes = 0;
	int rc = household_validate("-", m, n, fe);
	if (rc)
		return rc;
	time_format_iso(time_now_ms(), now);
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_household_get(db, id, &h);
	if (!rc)
		rc = store_household_members(db, id, &members);
	if (!rc)
		snap = json_pack("{s:O,s:O}", "household", h, "members", members);
	if (!rc)
		rc = household_visible(db, a->p, members, &visible, &hidden);
	if (rc)
		goto out;
	if (!visible) {
		rc = ERR_NOT_FOUND;
		goto out;
	}
	if (hidden) {
		/* Replacing would drop members the caller cannot see. */
		fe_add(fe, "members", "household.hidden_members");
		rc = ERR_CONFLICT;
		goto out;
	}
	rc = store_household_bump(db, id, expected, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_PRECONDITION;
	/* The members leaving change too: their versions are bumped. */
	size_t i;
	json_t *row;
	json_array_foreach(members, i, row) {
		if (!rc)
			rc = part_touch_other(db, a, json_integer_value(json_object_get(row, "person_id")),
					      "members", fe);
	}
	if (!rc)
		rc = store_history_add(db, "household", id, expected, a->p->user_id, "members.replace",
				       snap);
	if (!rc)
		rc = store_household_members_clear(db, id);
	if (!rc)
		rc = household_put_members(db, a, id, m, n, fe);
	if (!rc)
		rc = household_commit(db, a, id, "members.replace", m, n);
	if (!rc)
		*version = expected + 1;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(h);
	json_decref(members);
	json_decref(snap);
	return rc;
}

/* ---- notes ---- */

int person_note_add(struct db *db, const struct parts_actor *a,
		    int64_t person_id, const char *body, int special,
		    struct field_errors *fe, json_t **doc)
{
	struct person_view v;
	char now[TIMESTAMP_ISO_LEN];
	int64_t id;
	const char *k = text_check(body, NOTE_BODY_MAX_CHARS, 1);
	if (k)
		return fe_add(fe, "body", k);
	if (special && !access_role_allows(a->p->role, PERM_NOTE_SPECIAL))
		return ERR_FORBIDDEN;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = person_view_for(db, a->p, person_id, &v);
	if (!rc && !v.full)
		rc = ERR_NOT_FOUND;
	time_format_iso(time_now_ms(), now);
	if (!rc)
		rc = store_note_insert(db, person_id, a->p->user_id, now, special, body, &id);
	if (!rc)
		rc = store_note_get(db, id, doc);
	if (!rc)
		rc = part_commit(db, a, person_id, special ? "note.add_special" : "note.add");
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

int person_notes_list(struct db *db, const struct principal *p,
		      int64_t person_id, int64_t before, int limit,
		      json_t **list, int *partner_view, char *reason,
		      size_t reason_cap)
{
	struct person_view v;
	int rc = person_view_for(db, p, person_id, &v);
	if (rc)
		return rc;
	*partner_view = !v.full;
	snprintf(reason, reason_cap, "%s", v.full ? "" : v.reason);
	if (!v.full && !(v.parts & SHARE_PART_NOTES))
		return ERR_NOT_FOUND;
	/* Special-category notes: the full view and the permission, both. */
	int special = v.full && access_role_allows(p->role, PERM_NOTE_SPECIAL);
	return store_notes_page(db, person_id, special, before, limit, list);
}

/* ---- history ---- */

int person_history(struct db *db, const struct principal *p,
		   int64_t person_id, int64_t before, int limit,
		   json_t **list)
{
	struct person_view v;
	json_t *rows, *row;
	size_t i;
	int rc = person_view_for(db, p, person_id, &v);
	if (!rc && !v.full)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = store_history_page(db, "person", person_id, before, limit, &rows);
	if (rc)
		return rc;
	json_array_foreach(rows, i, row) {
		const char *s = json_string_value(json_object_get(row, "data"));
		json_t *data = s ? json_loads(s, 0, NULL) : NULL;
		json_object_set_new(row, "data", data ? data : json_null());
	}
	*list = rows;
	return 0;
}
