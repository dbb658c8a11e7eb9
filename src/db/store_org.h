/*
 * store_org.h - SQL for the organisation (institutions and their contacts,
 * departments, staff, teams) and for user accounts.
 *
 * Like db/store.h: functions run on the caller's connection, inside the
 * caller's transaction if any, and know no rules. Rows travel as jansson
 * objects: writes read the columns they need from a record object (text
 * as strings, ids as integers, flags as booleans, absent or null = SQL
 * NULL); reads return objects the caller owns (json_decref). No read ever
 * returns users.password_hash.
 *
 * Errors: ERR_NOT_FOUND for a missing row, ERR_CONFLICT for a unique or
 * foreign-key violation, other negative codes from db_step.
 */
#ifndef PAGALBA_DB_STORE_ORG_H
#define PAGALBA_DB_STORE_ORG_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

/* The versioned organisation tables. */
enum store_org_kind {
	STORE_ORG_INSTITUTION = 0,
	STORE_ORG_DEPARTMENT,
	STORE_ORG_STAFF,
	STORE_ORG_TEAM,
	STORE_ORG_USER,
	STORE_ORG__COUNT
};

/* Inserts a row from rec (its writable columns; see store_org.c) with
 * created_at = updated_at = now and version 1; *id is the new id. Users
 * are inserted with store_org_user_insert instead (ERR_INTERNAL here). */
int store_org_insert(struct db *db, enum store_org_kind k, const json_t *rec,
		     const char *now, int64_t *id);

/* Writes every writable column from rec if the row is at version
 * `expected`, bumping the version. *changes is 1, or 0 when the row is
 * absent or at another version. */
int store_org_update(struct db *db, enum store_org_kind k, int64_t id,
		     int64_t expected, const json_t *rec, const char *now,
		     int64_t *changes);

/* One row with id, created_at, updated_at and version (staff: skills as
 * the stored comma list; users: without the password hash). */
int store_org_get(struct db *db, enum store_org_kind k, int64_t id,
		  json_t **out);

/* A new user: rec's username, display_name, role, department_id,
 * institution_id, staff_id and disabled, with the password hash. */
int store_org_user_insert(struct db *db, const json_t *rec, const char *hash,
			  const char *now, int64_t *id);
/* Replaces a user's password hash and bumps the version. *changes as for
 * store_org_update (0: no such user). */
int store_org_user_set_password(struct db *db, int64_t id, const char *hash,
				const char *now, int64_t *changes);

/* Id of the row holding a unique value, or ERR_NOT_FOUND. */
int store_org_department_by_code(struct db *db, const char *code, int64_t *id);
int store_org_user_by_username(struct db *db, const char *username,
			       int64_t *id);
/* The oldest centre institution (the default owner of departments and
 * staff), or ERR_NOT_FOUND. */
int store_org_centre(struct db *db, int64_t *id);

/* Institutions, unordered; kind NULL = any, active -1 = any. */
int store_org_institutions(struct db *db, const char *kind, int active,
			   json_t **out);
/* Departments, unordered; active -1 = any. */
int store_org_departments(struct db *db, int active, json_t **out);
/* Teams, unordered; department_id 0 = any. */
int store_org_teams(struct db *db, int64_t department_id, json_t **out);

/* A page of staff in sort_key order after (after_key, after_id), each row
 * with its sort_key; department_id 0 = any, active -1 = any. */
int store_org_staff_page(struct db *db, int64_t department_id, int active,
			 const char *after_key, int64_t after_id, int limit,
			 json_t **out);
/* The sort key of a staff member (for a cursor). cap bytes at out. */
int store_org_staff_sort_key(struct db *db, int64_t id, char *out, size_t cap);

/* A page of users in username order after after_username ("" = from the
 * start); role NULL = any, department_id 0 = any, disabled -1 = any. */
int store_org_users_page(struct db *db, const char *role,
			 int64_t department_id, int disabled,
			 const char *after_username, int limit, json_t **out);
int store_org_username(struct db *db, int64_t id, char *out, size_t cap);
/* Active social workers and heads (id, display_name, role,
 * department_id) of a department, or of all departments (0). */
int store_org_case_workers(struct db *db, int64_t department_id, json_t **out);

/* Team membership: the members (short staff rows, in sort order) and a
 * replacement of the whole set. */
int store_org_team_members(struct db *db, int64_t team_id, json_t **out);
int store_org_team_set_members(struct db *db, int64_t team_id,
			       const int64_t *staff_ids, size_t n);

/* Contacts of an institution. */
int store_org_contacts(struct db *db, int64_t institution_id, json_t **out);
int store_org_contact_get(struct db *db, int64_t institution_id, int64_t id,
			  json_t **out);
int store_org_contact_insert(struct db *db, int64_t institution_id,
			     const json_t *rec, int64_t *id);
int store_org_contact_delete(struct db *db, int64_t institution_id,
			     int64_t id, int64_t *changes);

#endif
