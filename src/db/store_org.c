/*
 * store_org.c - SQL for the organisation and user accounts.
 *
 * Each versioned table has one descriptor: the writable columns (bound in
 * this order as $1..$n from a record object), then fixed statements for
 * insert, update and read. The column lists and statements are kept side
 * by side so that a column added to one is added to the others.
 */
#include "db/store_org.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"

#include <stdio.h>
#include <string.h>

struct org_table {
	/* Writable columns: "name" text, "name:i" integer id, "name:b"
	 * flag. Insert binds them as $1..$n and now as $n+1; update binds
	 * them as $1..$n, now $n+1, id $n+2, expected version $n+3. */
	const char *const *cols;
	const char *insert_sql;
	const char *update_sql;
	const char *get_sql; /* $1 = id */
	const char *const *get_cols;
};

static const char *const institution_cols[] = {
	"kind", "partner_type", "name", "code", "address", "phone", "email",
	"active:b", NULL};
static const char *const institution_get_cols[] = {
	"id:i", "kind", "partner_type", "name", "code", "address", "phone",
	"email", "active:b", "created_at", "updated_at", "version:i", NULL};

static const char *const department_cols[] = {
	"institution_id:i", "code", "name_lt", "name_en", "active:b", NULL};
static const char *const department_get_cols[] = {
	"id:i", "institution_id:i", "code", "name_lt", "name_en", "active:b",
	"created_at", "updated_at", "version:i", NULL};

static const char *const staff_cols[] = {
	"institution_id:i", "department_id:i", "given_names", "family_name",
	"sort_key", "position", "category", "skills", "email", "phone",
	"active:b", NULL};
static const char *const staff_get_cols[] = {
	"id:i", "institution_id:i", "department_id:i", "given_names",
	"family_name", "position", "category", "skills", "email", "phone",
	"active:b", "created_at", "updated_at", "version:i", NULL};

static const char *const team_cols[] = {"department_id:i", "name", "kind", NULL};
static const char *const team_get_cols[] = {
	"id:i", "department_id:i", "name", "kind", "created_at", "updated_at",
	"version:i", NULL};

static const char *const user_cols[] = {
	"display_name", "role", "department_id:i", "institution_id:i",
	"staff_id:i", "disabled:b", NULL};
static const char *const user_get_cols[] = {
	"id:i", "username", "display_name", "role", "department_id:i",
	"institution_id:i", "staff_id:i", "disabled:b", "password_changed_at",
	"created_at", "updated_at", "version:i", NULL};

static const struct org_table tables[STORE_ORG__COUNT] = {
	[STORE_ORG_INSTITUTION] = {
		institution_cols,
		"INSERT INTO institutions (kind, partner_type, name, code, address, phone, email, active,"
		" created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 1)"
		" RETURNING id",
		"UPDATE institutions SET kind = $1, partner_type = $2, name = $3, code = $4, address = $5,"
		" phone = $6, email = $7, active = $8, updated_at = $9, version = version + 1"
		" WHERE id = $10 AND version = $11",
		"SELECT id, kind, partner_type, name, code, address, phone, email, active, created_at,"
		" updated_at, version FROM institutions WHERE id = $1",
		institution_get_cols,
	},
	[STORE_ORG_DEPARTMENT] = {
		department_cols,
		"INSERT INTO departments (institution_id, code, name_lt, name_en, active, created_at,"
		" updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $6, 1) RETURNING id",
		"UPDATE departments SET institution_id = $1, code = $2, name_lt = $3, name_en = $4,"
		" active = $5, updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8",
		"SELECT id, institution_id, code, name_lt, name_en, active, created_at, updated_at, version"
		" FROM departments WHERE id = $1",
		department_get_cols,
	},
	[STORE_ORG_STAFF] = {
		staff_cols,
		"INSERT INTO staff (institution_id, department_id, given_names, family_name, sort_key,"
		" position, category, skills, email, phone, active, created_at, updated_at, version)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, 1) RETURNING id",
		"UPDATE staff SET institution_id = $1, department_id = $2, given_names = $3,"
		" family_name = $4, sort_key = $5, position = $6, category = $7, skills = $8, email = $9,"
		" phone = $10, active = $11, updated_at = $12, version = version + 1"
		" WHERE id = $13 AND version = $14",
		"SELECT id, institution_id, department_id, given_names, family_name, position, category,"
		" skills, email, phone, active, created_at, updated_at, version FROM staff WHERE id = $1",
		staff_get_cols,
	},
	[STORE_ORG_TEAM] = {
		team_cols,
		"INSERT INTO teams (department_id, name, kind, created_at, updated_at, version)"
		" VALUES ($1, $2, $3, $4, $4, 1) RETURNING id",
		"UPDATE teams SET department_id = $1, name = $2, kind = $3, updated_at = $4,"
		" version = version + 1 WHERE id = $5 AND version = $6",
		"SELECT id, department_id, name, kind, created_at, updated_at, version FROM teams"
		" WHERE id = $1",
		team_get_cols,
	},
	[STORE_ORG_USER] = {
		user_cols,
		NULL, /* store_org_user_insert: the hash is not in the record */
		"UPDATE users SET display_name = $1, role = $2, department_id = $3, institution_id = $4,"
		" staff_id = $5, disabled = $6, updated_at = $7, version = version + 1"
		" WHERE id = $8 AND version = $9",
		"SELECT id, username, display_name, role, department_id, institution_id, staff_id,"
		" disabled, password_changed_at, created_at, updated_at, version FROM users WHERE id = $1",
		user_get_cols,
	},
};

/* Binds the columns named by cols from rec as $first, $first+1, ... and
 * returns the number bound. */
static int bind_record(struct db_stmt *st, int first, const json_t *rec,
		       const char *const *cols)
{
	int i;
	for (i = 0; cols[i]; i++) {
		char name[64];
		const char *colon = strchr(cols[i], ':');
		size_t n = colon ? (size_t)(colon - cols[i]) : strlen(cols[i]);
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, cols[i], n);
		name[n] = '\0';
		json_t *v = json_object_get(rec, name);
		int idx = first + i;
		if (!v || json_is_null(v))
			db_bind_null(st, idx);
		else if (colon && !strcmp(colon, ":b"))
			db_bind_int(st, idx, json_is_true(v) || (json_is_integer(v) && json_integer_value(v)));
		else if (json_is_integer(v))
			db_bind_int(st, idx, json_integer_value(v));
		else if (json_is_boolean(v))
			db_bind_int(st, idx, json_is_true(v));
		else
			db_bind_text(st, idx, json_string_value(v));
	}
	return i;
}

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

/* Steps a write and reports the rows it changed. */
static int step_changes(struct db *db, struct db_stmt *st, int64_t *changes)
{
	int rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	*changes = db_changes(db);
	return 0;
}

int store_org_insert(struct db *db, enum store_org_kind k, const json_t *rec,
		     const char *now, int64_t *id)
{
	struct db_stmt *st;
	if ((unsigned)k >= STORE_ORG__COUNT || !tables[k].insert_sql)
		return ERR_INTERNAL;
	int rc = db_prepare(db, tables[k].insert_sql, &st);
	if (rc)
		return rc;
	int n = bind_record(st, 1, rec, tables[k].cols);
	db_bind_text(st, n + 1, now);
	return step_returning_id(st, id);
}

int store_org_update(struct db *db, enum store_org_kind k, int64_t id,
		     int64_t expected, const json_t *rec, const char *now,
		     int64_t *changes)
{
	struct db_stmt *st;
	if ((unsigned)k >= STORE_ORG__COUNT)
		return ERR_INTERNAL;
	int rc = db_prepare(db, tables[k].update_sql, &st);
	if (rc)
		return rc;
	int n = bind_record(st, 1, rec, tables[k].cols);
	db_bind_text(st, n + 1, now);
	db_bind_int(st, n + 2, id);
	db_bind_int(st, n + 3, expected);
	return step_changes(db, st, changes);
}

int store_org_get(struct db *db, enum store_org_kind k, int64_t id,
		  json_t **out)
{
	struct db_stmt *st;
	if ((unsigned)k >= STORE_ORG__COUNT)
		return ERR_INTERNAL;
	int rc = db_prepare(db, tables[k].get_sql, &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	return store_row_json(st, tables[k].get_cols, out);
}

int store_org_user_insert(struct db *db, const json_t *rec, const char *hash,
			  const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO users (display_name, role, department_id, institution_id, staff_id,"
			    " disabled, username, password_hash, password_changed_at, created_at, updated_at,"
			    " version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9, 1) RETURNING id",
			    &st);
	if (rc)
		return rc;
	int n = bind_record(st, 1, rec, user_cols);
	db_bind_text(st, n + 1, json_string_value(json_object_get(rec, "username")));
	db_bind_text(st, n + 2, hash);
	db_bind_text(st, n + 3, now);
	return step_returning_id(st, id);
}

int store_org_user_set_password(struct db *db, int64_t id, const char *hash,
				const char *now, int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2,"
			    " version = version + 1 WHERE id = $3",
			    &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, id);
	return step_changes(db, st, changes);
}

/* The id of the row where a text column equals value. */
static int id_by_text(struct db *db, const char *sql, const char *value,
		      int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, value);
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

int store_org_department_by_code(struct db *db, const char *code, int64_t *id)
{
	return id_by_text(db, "SELECT id FROM departments WHERE code = $1", code, id);
}

int store_org_user_by_username(struct db *db, const char *username,
			       int64_t *id)
{
	return id_by_text(db, "SELECT id FROM users WHERE username = $1", username, id);
}

int store_org_centre(struct db *db, int64_t *id)
{
	return store_int1(db, "SELECT id FROM institutions WHERE kind = 'centre' ORDER BY id LIMIT 1",
			  0, 0, 0, id);
}

int store_org_institutions(struct db *db, const char *kind, int active,
			   json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, kind, partner_type, name, code, address, phone, email, active,"
			    " created_at, updated_at, version FROM institutions"
			    " WHERE (kind = $1 OR $1 = '') AND (active = $2 OR $2 < 0) ORDER BY id",
			    &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, kind ? kind : "");
	db_bind_int(st, 2, active);
	return store_rows_json(st, institution_get_cols, out);
}

int store_org_departments(struct db *db, int active, json_t **out)
{
	return store_rows_by_int(db, "SELECT id, institution_id, code, name_lt, name_en, active, created_at, updated_at,"
			    " version FROM departments WHERE (active = $1 OR $1 < 0) ORDER BY id",
				active, department_get_cols, out);
}

int store_org_teams(struct db *db, int64_t department_id, json_t **out)
{
	return store_rows_by_int(db, "SELECT id, department_id, name, kind, created_at, updated_at, version FROM teams"
			    " WHERE (department_id = $1 OR $1 = 0) ORDER BY id",
				department_id, team_get_cols, out);
}

int store_org_staff_page(struct db *db, int64_t department_id, int active,
			 const char *after_key, int64_t after_id, int limit,
			 json_t **out)
{
	static const char *const cols[] = {
		"id:i", "institution_id:i", "department_id:i", "given_names",
		"family_name", "position", "category", "skills", "email", "phone",
		"active:b", "version:i", "sort_key", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, institution_id, department_id, given_names, family_name, position,"
			    " category, skills, email, phone, active, version, sort_key FROM staff"
			    " WHERE (department_id = $1 OR $1 = 0) AND (active = $2 OR $2 < 0)"
			    " AND (sort_key > $3 OR (sort_key = $3 AND id > $4))"
			    " ORDER BY sort_key, id LIMIT $5",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, department_id);
	db_bind_int(st, 2, active);
	db_bind_text(st, 3, after_key ? after_key : "");
	db_bind_int(st, 4, after_id);
	db_bind_int(st, 5, limit);
	return store_rows_json(st, cols, out);
}

/* Copies one text column of one row into out. */
static int text_by_id(struct db *db, const char *sql, int64_t id, char *out,
		      size_t cap)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		const char *s = db_col_text(st, 0);
		int n = snprintf(out, cap, "%s", s ? s : "");
		rc = n < 0 || (size_t)n >= cap ? ERR_TOO_LARGE : 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_org_staff_sort_key(struct db *db, int64_t id, char *out, size_t cap)
{
	return text_by_id(db, "SELECT sort_key FROM staff WHERE id = $1", id, out, cap);
}

int store_org_users_page(struct db *db, const char *role,
			 int64_t department_id, int disabled,
			 const char *after_username, int limit, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, username, display_name, role, department_id, institution_id, staff_id,"
			    " disabled, password_changed_at, created_at, updated_at, version FROM users"
			    " WHERE (role = $1 OR $1 = '') AND (department_id = $2 OR $2 = 0)"
			    " AND (disabled = $3 OR $3 < 0) AND username > $4"
			    " ORDER BY username LIMIT $5",
			    &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, role ? role : "");
	db_bind_int(st, 2, department_id);
	db_bind_int(st, 3, disabled);
	db_bind_text(st, 4, after_username ? after_username : "");
	db_bind_int(st, 5, limit);
	return store_rows_json(st, user_get_cols, out);
}

int store_org_case_workers(struct db *db, int64_t department_id, json_t **out)
{
	static const char *const cols[] = {"id:i", "display_name", "role",
		"department_id:i", NULL};
	return store_rows_by_int(db, "SELECT id, display_name, role, department_id FROM users"
				 " WHERE disabled = 0 AND role IN ('social_worker', 'head')"
				 " AND department_id IS NOT NULL AND (department_id = $1 OR $1 = 0)"
				 " ORDER BY id",
				 department_id, cols, out);
}

int store_org_username(struct db *db, int64_t id, char *out, size_t cap)
{
	return text_by_id(db, "SELECT username FROM users WHERE id = $1", id, out, cap);
}

int store_org_team_members(struct db *db, int64_t team_id, json_t **out)
{
	static const char *const cols[] = {"id:i", "given_names", "family_name",
		"position", "department_id:i", "active:b", NULL};
	return store_rows_by_int(db, "SELECT s.id, s.given_names, s.family_name, s.position, s.department_id, s.active"
			    " FROM team_members m JOIN staff s ON s.id = m.staff_id WHERE m.team_id = $1"
			    " ORDER BY s.sort_key, s.id",
				team_id, cols, out);
}

int store_org_team_set_members(struct db *db, int64_t team_id,
			       const int64_t *staff_ids, size_t n)
{
	int rc = store_exec_ints(db, "DELETE FROM team_members WHERE team_id = $1", 1,
				 team_id, 0, 0, NULL);
	for (size_t i = 0; !rc && i < n; i++)
		rc = store_exec_ints(db,
				     "INSERT INTO team_members (team_id, staff_id) VALUES ($1, $2)"
				     " ON CONFLICT (team_id, staff_id) DO NOTHING",
				     2, team_id, staff_ids[i], 0, NULL);
	return rc;
}

static const char *const contact_cols[] = {"name", "role", "phone", "email", NULL};
static const char *const contact_get_cols[] = {"id:i", "institution_id:i", "name",
	"role", "phone", "email", NULL};

int store_org_contacts(struct db *db, int64_t institution_id, json_t **out)
{
	return store_rows_by_int(db, "SELECT id, institution_id, name, role, phone, email FROM institution_contacts"
			    " WHERE institution_id = $1 ORDER BY id",
				institution_id, contact_get_cols, out);
}

int store_org_contact_get(struct db *db, int64_t institution_id, int64_t id,
			  json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, institution_id, name, role, phone, email FROM institution_contacts"
			    " WHERE id = $1 AND institution_id = $2",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, institution_id);
	return store_row_json(st, contact_get_cols, out);
}

int store_org_contact_insert(struct db *db, int64_t institution_id,
			     const json_t *rec, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO institution_contacts (name, role, phone, email, institution_id)"
			    " VALUES ($1, $2, $3, $4, $5) RETURNING id",
			    &st);
	if (rc)
		return rc;
	int n = bind_record(st, 1, rec, contact_cols);
	db_bind_int(st, n + 1, institution_id);
	return step_returning_id(st, id);
}

int store_org_contact_delete(struct db *db, int64_t institution_id,
			     int64_t id, int64_t *changes)
{
	return store_exec_ints(db,
			       "DELETE FROM institution_contacts WHERE id = $1 AND institution_id = $2",
			       2, id, institution_id, 0, changes);
}
