/*
 * store_parts.c - SQL for person parts, shares, record history and the
 * auditor's view of the audit log (see store_parts.h).
 */
#include "db/store_parts.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"

#include <stdio.h>
#include <string.h>

/* Runs a bound statement that returns no rows; *changes if wanted. */
static int exec_done(struct db *db, struct db_stmt *st, int64_t *changes)
{
	int rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	if (changes)
		*changes = db_changes(db);
	return 0;
}

/* Runs a bound "... RETURNING id" statement. */
static int exec_returning(struct db_stmt *st, int64_t *id)
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

static int exec_deleted_one(struct db *db, struct db_stmt *st)
{
	int64_t n = 0;
	int rc = exec_done(db, st, &n);
	return rc ? rc : n == 1 ? 0 : ERR_NOT_FOUND;
}

/* ---- the person row ---- */

int store_parts_person_bump(struct db *db, int64_t person_id,
			    int64_t expected, const char *now,
			    int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE persons SET version = version + 1, updated_at = $2"
			    " WHERE id = $1 AND merged_into IS NULL AND (version = $3 OR $3 = 0)",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, expected);
	return exec_done(db, st, changes);
}

int store_parts_person_state(struct db *db, int64_t person_id,
			     int64_t *version, int64_t *merged_into)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT version, merged_into FROM persons WHERE id = $1", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*version = db_col_int(st, 0);
		*merged_into = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

/* ---- addresses ---- */

static void bind_address(struct db_stmt *st, int first,
			 const struct store_address_row *r)
{
	db_bind_text(st, first + 0, r->kind);
	db_bind_text(st, first + 1, r->line);
	db_bind_text(st, first + 2, r->city);
	db_bind_text(st, first + 3, r->municipality);
	db_bind_text(st, first + 4, r->postal_code);
	if (r->has_coords) {
		db_bind_int(st, first + 5, r->lat_e6);
		db_bind_int(st, first + 6, r->lon_e6);
	} else {
		db_bind_null(st, first + 5);
		db_bind_null(st, first + 6);
	}
	db_bind_text(st, first + 7, r->valid_from);
	db_bind_text(st, first + 8, r->valid_to);
}

int store_address_insert(struct db *db, int64_t person_id,
			 const struct store_address_row *r, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO addresses (kind, line, city, municipality, postal_code, lat_e6, lon_e6,"
			    " valid_from, valid_to, person_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
			    " RETURNING id",
			    &st);
	if (rc)
		return rc;
	bind_address(st, 1, r);
	db_bind_int(st, 10, person_id);
	return exec_returning(st, id);
}

int store_address_get(struct db *db, int64_t person_id, int64_t aid,
		      json_t **out)
{
	static const char *const cols[] = {"id:i", "kind", "line", "city",
		"municipality", "postal_code", "lat:e6", "lon:e6", "valid_from",
		"valid_to", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, kind, line, city, municipality, postal_code, lat_e6, lon_e6, valid_from,"
			    " valid_to FROM addresses WHERE id = $1 AND person_id = $2",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, aid);
	db_bind_int(st, 2, person_id);
	return store_row_json(st, cols, out);
}

int store_address_update(struct db *db, int64_t person_id, int64_t aid,
			 const struct store_address_row *r)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE addresses SET kind = $1, line = $2, city = $3, municipality = $4,"
			    " postal_code = $5, lat_e6 = $6, lon_e6 = $7, valid_from = $8, valid_to = $9"
			    " WHERE id = $10 AND person_id = $11",
			    &st);
	if (rc)
		return rc;
	bind_address(st, 1, r);
	db_bind_int(st, 10, aid);
	db_bind_int(st, 11, person_id);
	return exec_deleted_one(db, st);
}

int store_address_delete(struct db *db, int64_t person_id, int64_t aid)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "DELETE FROM addresses WHERE id = $1 AND person_id = $2", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, aid);
	db_bind_int(st, 2, person_id);
	return exec_deleted_one(db, st);
}

/* ---- recipient groups ---- */

int store_recipient_groups(struct db *db, json_t **out)
{
	static const char *const cols[] = {"code", "name_lt", "name_en",
		"position:i", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT code, name_lt, name_en, position FROM recipient_groups ORDER BY position, code", &st);
	if (rc)
		return rc;
	return store_rows_json(st, cols, out);
}

int store_recipient_group_exists(struct db *db, const char *code)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT 1 FROM recipient_groups WHERE code = $1", &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, code);
	rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOT_FOUND : rc;
}

int store_person_group_periods(struct db *db, int64_t person_id,
			       const char *code, json_t **out)
{
	static const char *const cols[] = {"id:i", "date_from", "date_to", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, date_from, date_to FROM person_groups"
			    " WHERE person_id = $1 AND group_code = $2 ORDER BY date_from, id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, code);
	return store_rows_json(st, cols, out);
}

int store_person_group_insert(struct db *db, int64_t person_id,
			      const char *code, const char *date_from,
			      const char *date_to, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO person_groups (person_id, group_code, date_from, date_to)"
			    " VALUES ($1, $2, $3, $4) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, code);
	db_bind_text(st, 3, date_from);
	db_bind_text(st, 4, date_to);
	return exec_returning(st, id);
}

int store_person_group_get(struct db *db, int64_t person_id, int64_t gid,
			   json_t **out)
{
	static const char *const cols[] = {"id:i", "code", "name_lt", "name_en",
		"date_from", "date_to", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT g.id, g.group_code, r.name_lt, r.name_en, g.date_from, g.date_to"
			    " FROM person_groups g JOIN recipient_groups r ON r.code = g.group_code"
			    " WHERE g.id = $1 AND g.person_id = $2",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, gid);
	db_bind_int(st, 2, person_id);
	return store_row_json(st, cols, out);
}

int store_person_group_set_end(struct db *db, int64_t person_id, int64_t gid,
			       const char *date_to)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "UPDATE person_groups SET date_to = $1 WHERE id = $2 AND person_id = $3", &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, date_to);
	db_bind_int(st, 2, gid);
	db_bind_int(st, 3, person_id);
	return exec_deleted_one(db, st);
}

/* ---- representatives ---- */

int store_representative_insert(struct db *db, int64_t person_id,
				int64_t representative_id, const char *kind,
				const char *document, const char *date_from,
				const char *date_to, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO representatives (person_id, representative_id, kind, document, date_from, date_to)"
			    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, representative_id);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, document);
	db_bind_text(st, 5, date_from);
	db_bind_text(st, 6, date_to);
	return exec_returning(st, id);
}

int store_representative_get(struct db *db, int64_t person_id, int64_t rid,
			     json_t **out)
{
	static const char *const cols[] = {"id:i", "kind", "person_id:i",
		"given_names", "family_name", "document", "date_from", "date_to",
		NULL};
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT r.id, r.kind, p.id, p.given_names, p.family_name, r.document, r.date_from,"
			    " r.date_to FROM representatives r JOIN persons p ON p.id = r.representative_id"
			    " WHERE r.id = $1 AND r.person_id = $2",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, rid);
	db_bind_int(st, 2, person_id);
	return store_row_json(st, cols, out);
}

int store_representative_delete(struct db *db, int64_t person_id, int64_t rid)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "DELETE FROM representatives WHERE id = $1 AND person_id = $2", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, rid);
	db_bind_int(st, 2, person_id);
	return exec_deleted_one(db, st);
}

/* ---- relations ---- */

int store_relation_insert(struct db *db, int64_t a, int64_t b,
			  const char *kind, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "INSERT INTO relations (person_id, related_id, kind) VALUES ($1, $2, $3) RETURNING id", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	db_bind_text(st, 3, kind);
	return exec_returning(st, id);
}

int store_relation_get(struct db *db, int64_t person_id, int64_t rid,
		       json_t **out)
{
	static const char *const cols[] = {"id:i", "person_id:i",
		"related_id:i", "kind", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT id, person_id, related_id, kind FROM relations WHERE id = $1 AND person_id = $2", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, rid);
	db_bind_int(st, 2, person_id);
	return store_row_json(st, cols, out);
}

int store_relation_delete(struct db *db, int64_t a, int64_t b,
			  const char *kind, int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "DELETE FROM relations WHERE person_id = $1 AND related_id = $2 AND kind = $3", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	db_bind_text(st, 3, kind);
	return exec_done(db, st, changes);
}

/* ---- households ---- */

int store_household_insert(struct db *db, const char *name, const char *now,
			   int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "INSERT INTO households (name, created_at, updated_at, version) VALUES ($1, $2, $2, 1) RETURNING id", &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, now);
	return exec_returning(st, id);
}

int store_household_get(struct db *db, int64_t id, json_t **out)
{
	static const char *const cols[] = {"id:i", "name", "created_at",
		"updated_at", "version:i", NULL};
	return store_row_by_int(db, "SELECT id, name, created_at, updated_at, version FROM households WHERE id = $1",
				id, cols, out);
}

int store_household_members(struct db *db, int64_t id, json_t **out)
{
	static const char *const cols[] = {"person_id:i", "role", "given_names",
		"family_name", "birth_date", NULL};
	return store_rows_by_int(db, "SELECT m.person_id, m.role, p.given_names, p.family_name, p.birth_date"
			    " FROM household_members m JOIN persons p ON p.id = m.person_id"
			    " WHERE m.household_id = $1 ORDER BY m.role, p.sort_key, p.id",
				id, cols, out);
}

int store_household_member_add(struct db *db, int64_t id, int64_t person_id,
			       const char *role)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "INSERT INTO household_members (household_id, person_id, role) VALUES ($1, $2, $3)", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, role);
	return exec_done(db, st, NULL);
}

int store_household_members_clear(struct db *db, int64_t id)
{
	return store_exec_ints(db, "DELETE FROM household_members WHERE household_id = $1", 1, id, 0, 0, NULL);
}

int store_household_bump(struct db *db, int64_t id, int64_t expected,
			 const char *now, int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "UPDATE households SET version = version + 1, updated_at = $2 WHERE id = $1 AND version = $3", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, expected);
	return exec_done(db, st, changes);
}

/* ---- notes ---- */

int store_note_insert(struct db *db, int64_t person_id, int64_t author_id,
		      const char *now, int special, const char *body,
		      int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO person_notes (person_id, author_id, created_at, special_category, body)"
			    " VALUES ($1, $2, $3, $4, $5) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, author_id);
	db_bind_text(st, 3, now);
	db_bind_int(st, 4, special ? 1 : 0);
	db_bind_text(st, 5, body);
	return exec_returning(st, id);
}

static const char *const note_cols[] = {"id:i", "created_at", "author_id:i",
	"author", "special_category:b", "body", NULL};

int store_notes_page(struct db *db, int64_t person_id, int with_special,
		     int64_t before, int limit, json_t **out)
{
	struct db_stmt *st;
	/* The filter is in the query, so a special note never reaches a
	 * caller who may not see it, not even in memory. */
	int rc = db_prepare(db,
			    "SELECT n.id, n.created_at, n.author_id, u.display_name, n.special_category, n.body"
			    " FROM person_notes n JOIN users u ON u.id = n.author_id"
			    " WHERE n.person_id = $1 AND (n.special_category = 0 OR n.special_category = $2)"
			    " AND (n.id < $3 OR $3 = 0) ORDER BY n.id DESC LIMIT $4",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, with_special ? 1 : 0);
	db_bind_int(st, 3, before);
	db_bind_int(st, 4, limit);
	return store_rows_json(st, note_cols, out);
}

int store_note_get(struct db *db, int64_t id, json_t **out)
{
	return store_row_by_int(db, "SELECT n.id, n.created_at, n.author_id, u.display_name, n.special_category, n.body"
			    " FROM person_notes n JOIN users u ON u.id = n.author_id WHERE n.id = $1",
				id, note_cols, out);
}

/* ---- record history ---- */

int store_history_page(struct db *db, const char *entity, int64_t id,
		       int64_t before, int limit, json_t **out)
{
	static const char *const cols[] = {"id:i", "version:i", "changed_at",
		"changed_by:i", "changed_by_name", "action", "data", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT h.id, h.version, h.changed_at, h.changed_by, u.display_name, h.action, h.data"
			    " FROM record_history h LEFT JOIN users u ON u.id = h.changed_by"
			    " WHERE h.entity = $1 AND h.entity_id = $2 AND (h.id < $3 OR $3 = 0)"
			    " ORDER BY h.id DESC LIMIT $4",
			    &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, entity);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, before);
	db_bind_int(st, 4, limit);
	return store_rows_json(st, cols, out);
}

/* ---- shares ---- */

int store_institution_kind(struct db *db, int64_t id, char *kind,
			   size_t cap, int *active)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT kind, active FROM institutions WHERE id = $1", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(kind, cap, "%s", db_col_text(st, 0));
		*active = db_col_int(st, 1) != 0;
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_share_insert(struct db *db, const struct store_share_row *r,
		       int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO shares (person_id, institution_id, parts, legal_basis, purpose, valid_until,"
			    " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, r->person_id);
	db_bind_int(st, 2, r->institution_id);
	db_bind_text(st, 3, r->parts);
	db_bind_text(st, 4, r->legal_basis);
	db_bind_text(st, 5, r->purpose);
	db_bind_text(st, 6, r->valid_until);
	db_bind_int(st, 7, r->created_by);
	db_bind_text(st, 8, r->created_at);
	return exec_returning(st, id);
}

static const char *const share_cols[] = {"id:i", "person_id:i",
	"institution_id:i", "institution_name", "parts", "legal_basis",
	"purpose", "valid_until", "created_by:i", "created_at", "revoked_at",
	"revoked_by:i", NULL};

#define SHARE_SELECT                                                            \
	"SELECT s.id, s.person_id, s.institution_id, i.name, s.parts, s.legal_basis, s.purpose," \
	" s.valid_until, s.created_by, s.created_at, s.revoked_at, s.revoked_by"  \
	" FROM shares s JOIN institutions i ON i.id = s.institution_id"

int store_shares_of_person(struct db *db, int64_t person_id, json_t **out)
{
	return store_rows_by_int(db, SHARE_SELECT " WHERE s.person_id = $1 ORDER BY s.id DESC",
				person_id, share_cols, out);
}

int store_share_get(struct db *db, int64_t person_id, int64_t sid,
		    json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, SHARE_SELECT " WHERE s.id = $1 AND s.person_id = $2", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, sid);
	db_bind_int(st, 2, person_id);
	return store_row_json(st, share_cols, out);
}

int store_share_revoke(struct db *db, int64_t sid, int64_t by,
		       const char *now, int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "UPDATE shares SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, sid);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, by);
	return exec_done(db, st, changes);
}

/* ---- the audit log ---- */

int store_audit_page(struct db *db, const struct store_audit_filter *f,
		     json_t **out)
{
	static const char *const cols[] = {"seq:i", "ts", "user_id:i",
		"username", "action", "entity", "entity_id:i", "ip", "reason",
		NULL};
	char sql[768];
	int n = 0, len;
	struct db_stmt *st;
	/* Only the filters given become conditions, each with its own
	 * parameter, so every $N is referenced and typed by its column on
	 * PostgreSQL. At most 2^8 texts, each cached once per connection. */
	len = snprintf(sql, sizeof(sql),
		       "SELECT seq, ts, user_id, username, action, entity, entity_id, ip, reason"
		       " FROM %s WHERE 1 = 1", f->reads ? "audit_reads" : "audit_log");
#define COND(on, text)                                                          \
	do {                                                                    \
		if (on)                                                         \
			len += snprintf(sql + len, sizeof(sql) - (size_t)len,  \
					" AND " text " $%d", ++n);              \
	} while (0)
	COND(f->user_id, "user_id =");
	COND(f->entity, "entity =");
	/* A record read on its own, or named in a list's entry. */
	if (f->entity_id) {
		len += snprintf(sql + len, sizeof(sql) - (size_t)len,
				" AND (entity_id = $%d OR (entity_id IS NULL AND reason LIKE $%d))", n + 1, n + 2);
		n += 2;
	}
	COND(f->action, "action =");
	COND(f->ts_from, "ts >=");
	COND(f->ts_before, "ts <");
	COND(f->before_seq, "seq <");
#undef COND
	len += snprintf(sql + len, sizeof(sql) - (size_t)len, " ORDER BY seq DESC LIMIT $%d", ++n);
	if (len <= 0 || (size_t)len >= sizeof(sql))
		return ERR_INTERNAL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	n = 0;
	if (f->user_id)
		db_bind_int(st, ++n, f->user_id);
	if (f->entity)
		db_bind_text(st, ++n, f->entity);
	char like[32];
	if (f->entity_id) {
		db_bind_int(st, ++n, f->entity_id);
		snprintf(like, sizeof(like), "%%,%lld,%%", (long long)f->entity_id);
		db_bind_text(st, ++n, like);
	}
	if (f->action)
		db_bind_text(st, ++n, f->action);
	if (f->ts_from)
		db_bind_text(st, ++n, f->ts_from);
	if (f->ts_before)
		db_bind_text(st, ++n, f->ts_before);
	if (f->before_seq)
		db_bind_int(st, ++n, f->before_seq);
	db_bind_int(st, ++n, f->limit);
	return store_rows_json(st, cols, out);
}
