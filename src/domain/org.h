/*
 * org.h - the organisation (institutions and their contacts, departments,
 * staff, teams) and user accounts: validation rules, create, update, read.
 *
 * Records are jansson objects (our in-memory document type): a create
 * takes the new record's fields, an update takes only the fields that
 * change and is checked as the whole record it will become, so a rule
 * that spans fields (a partner's type, a role's department) cannot be
 * broken one field at a time. Field errors name the field and a message
 * key (api/api_messages.c).
 *
 * Every write runs in its own write transaction together with its audit
 * entry (audit_append_tx); every update keeps the previous row in
 * record_history and only applies to the version the caller saw
 * (ERR_PRECONDITION otherwise). Functions take the caller's connection
 * and are thread-safe in the sense that they share no state.
 */
#ifndef PAGALBA_DOMAIN_ORG_H
#define PAGALBA_DOMAIN_ORG_H

#include "core/fielderr.h"
#include "domain/access.h"
#include "domain/audit.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

/* The versioned kinds of record (same order as enum store_org_kind). */
enum org_kind {
	ORG_INSTITUTION = 0,
	ORG_DEPARTMENT,
	ORG_STAFF,
	ORG_TEAM,
	ORG_USER,
	ORG__COUNT
};

/* Who writes: the audit key, the audit entry template (user, address;
 * api_audit_fill) and the principal. All borrowed for the call. */
struct org_actor {
	const unsigned char *audit_key;
	const struct audit_entry *who;
	const struct principal *p;
};

/* ---- pure rules (no database; unit-tested in tests/unit/test_org.c) ---- */

/* The body fields a client may send to create (creating=1) or update a
 * record of kind k: a NULL-terminated static list. Users: create also
 * takes "password", which the caller hashes and removes first. */
const char *const *org_fields(enum org_kind k, int creating);
/* The body fields of an institution contact. */
const char *const *org_contact_fields(void);

/* Turns empty strings of optional text fields into null, and fills
 * defaults for a new record (active, kind, skills, name_en...). rec is
 * changed in place. */
void org_normalise(enum org_kind k, json_t *rec, int creating);

/*
 * Checks a whole record of kind k (after org_normalise): types, required
 * fields, lengths, enumerations, e-mail and phone shapes, department
 * codes, user names, skills, and the rules between fields (a partner has
 * a partner_type and a centre none; head and social_worker users need a
 * department, partner users an institution). `creating` adds the rules
 * only new records must meet. Returns 0, or ERR_INVALID with fe filled.
 */
int org_check(enum org_kind k, const json_t *rec, int creating,
	      struct field_errors *fe);
/* The same for an institution contact (name, role, phone, email). */
int org_contact_check(const json_t *rec, struct field_errors *fe);

/* Shapes: 1 if acceptable, else 0. NULL is never acceptable. */
int org_department_code_ok(const char *s); /* 2-40 of a-z 0-9 _ */
int org_username_ok(const char *s);        /* 3-63 of a-z 0-9 . - _ */
int org_partner_type_ok(const char *s);
int org_skill_ok(const char *s);

/* Skills between the API's array of names and the stored comma list.
 * org_skills_csv: 0, ERR_INVALID for a non-array, a non-string or an
 * unknown name, ERR_TOO_LARGE if cap is short. Duplicates are dropped and
 * the list is kept in the canonical order of the skill table.
 * org_skills_array: a new array (caller owns) from a stored list. */
int org_skills_csv(const json_t *arr, char *out, size_t cap);
/* The skill's bit in a set (1 << its index in the skill table); 0 for an
 * unknown name or NULL. For matching a visit's skills to a worker's. */
uint64_t org_skill_bit(const char *s);
json_t *org_skills_array(const char *csv);

/* ---- reads ---- */

/* One record as the API shows it (staff skills as an array; teams with
 * their members; institutions with their contacts; users never with the
 * password hash). ERR_NOT_FOUND if absent. Caller owns *doc. */
int org_get(struct db *db, enum org_kind k, int64_t id, json_t **doc);

/* Lists in Lithuanian alphabetical order of the name. kind NULL / active
 * -1 / department_id 0 = no filter. Caller owns *list. */
int org_institution_list(struct db *db, const char *kind, int active,
			 json_t **list);
int org_department_list(struct db *db, int active, json_t **list);
int org_team_list(struct db *db, int64_t department_id, json_t **list);

/* Pages: cursor NULL for the first; *next is a malloc'd cursor (free) or
 * NULL after the last page. ERR_INVALID for a cursor that names no row. */
int org_staff_list(struct db *db, int64_t department_id, int active,
		   const char *cursor, int limit, json_t **list, char **next);
int org_user_list(struct db *db, const char *role, int64_t department_id,
		  int disabled, const char *cursor, int limit, json_t **list,
		  char **next);

int org_contact_list(struct db *db, int64_t institution_id, json_t **list);

/* Who can be given case work (worker, assessor, task assignee): the
 * active social workers and heads of a department, in Lithuanian order of
 * their names. The director may ask for any department (0: all); a head
 * or social worker for their own (0: their own; another department is
 * ERR_FORBIDDEN); anyone else gets an empty list. */
int org_case_workers(struct db *db, const struct principal *p,
		     int64_t department_id, json_t **list);

/* A department by its code or, when s is all digits, its id.
 * ERR_NOT_FOUND if there is none. */
int org_department_find(struct db *db, const char *s, int64_t *id);

/* ---- writes ---- */

/* Creates a record of kind k (not ORG_USER: see org_user_create) from in
 * (not changed). ERR_INVALID / ERR_CONFLICT come with field errors (a
 * department code taken, a department or institution that does not
 * exist). Audited as "create". */
int org_create(struct db *db, const struct org_actor *a, enum org_kind k,
	       const json_t *in, struct field_errors *fe, int64_t *id);

/* Applies the fields in patch to record id if it is still at version
 * `expected`: ERR_NOT_FOUND, ERR_PRECONDITION, ERR_INVALID or
 * ERR_CONFLICT (with fe). For users, ERR_CONFLICT with *conflict_key
 * "user.self_disable" / "user.self_role" when an administrator would lock
 * themselves out; disabling a user or changing their role or scope ends
 * their sessions. Audited as "update". *new_version on success. */
int org_update(struct db *db, const struct org_actor *a, enum org_kind k,
	       int64_t id, int64_t expected, const json_t *patch,
	       struct field_errors *fe, const char **conflict_key,
	       int64_t *new_version);

/* Creates a user from in (username, display_name, role, department_id,
 * institution_id, staff_id; no password) with an already computed
 * password hash. User name taken: ERR_CONFLICT with a field error. */
int org_user_create(struct db *db, const struct org_actor *a,
		    const json_t *in, const char *password_hash,
		    struct field_errors *fe, int64_t *id);

/* Sets a user's password hash (administrator reset) and ends the user's
 * sessions, except the caller's own when they reset their own.
 * Audited as "password_reset". ERR_NOT_FOUND if there is no such user. */
int org_user_password_set(struct db *db, const struct org_actor *a,
			  int64_t id, const char *password_hash);

/* Replaces the members of team id (staff ids, duplicates allowed and
 * dropped) at version `expected`: ERR_INVALID with a field error when a
 * staff member does not exist. Bumps the team's version. */
int org_team_set_members(struct db *db, const struct org_actor *a,
			 int64_t id, int64_t expected, const int64_t *staff_ids,
			 size_t n, struct field_errors *fe, int64_t *new_version);

/* Adds a contact to an institution / removes one (kept in
 * record_history). Audited as "create" / "delete" of
 * "institution_contact". */
int org_contact_add(struct db *db, const struct org_actor *a,
		    int64_t institution_id, const json_t *in,
		    struct field_errors *fe, int64_t *id);
int org_contact_delete(struct db *db, const struct org_actor *a,
		       int64_t institution_id, int64_t contact_id);

#endif
