/*
 * store_parts.h - SQL for the parts of a person record (addresses,
 * recipient groups, representatives, relations, households, notes), for
 * shares with partner institutions, for a person's record history and for
 * the auditor's view of the audit log.
 *
 * Like db/store.h: functions run on the caller's connection, inside the
 * caller's transaction if any, and know no rules; domain/person_parts.c
 * and domain/share.c decide. Reads return jansson documents the caller
 * owns (json_decref). Dates are "YYYY-MM-DD" text, NULL for none.
 *
 * Errors: ERR_NOT_FOUND for a missing row, ERR_CONFLICT for a unique or
 * foreign-key violation, other negative codes from db_step.
 */
#ifndef PAGALBA_DB_STORE_PARTS_H
#define PAGALBA_DB_STORE_PARTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

/* ---- the person row as the lock and version of its parts ---- */

/* Bumps persons.version (and updated_at) if the person is unmerged and at
 * `expected`; *changes is 1, or 0 otherwise. On PostgreSQL this also locks
 * the row until the transaction ends, which serialises writers of the
 * same person's parts. expected 0 bumps whatever the version is. */
int store_parts_person_bump(struct db *db, int64_t person_id,
			    int64_t expected, const char *now,
			    int64_t *changes);
/* The current version and merged_into (0 = not merged). */
int store_parts_person_state(struct db *db, int64_t person_id,
			     int64_t *version, int64_t *merged_into);

/* ---- addresses ---- */

struct store_address_row {
	const char *kind;
	const char *line;
	const char *city;
	const char *municipality;
	const char *postal_code;
	int has_coords;
	int64_t lat_e6, lon_e6;
	const char *valid_from;
	const char *valid_to;
};

int store_address_insert(struct db *db, int64_t person_id,
			 const struct store_address_row *r, int64_t *id);
/* The address aid of person_id (ERR_NOT_FOUND if it belongs to another). */
int store_address_get(struct db *db, int64_t person_id, int64_t aid,
		      json_t **out);
int store_address_update(struct db *db, int64_t person_id, int64_t aid,
			 const struct store_address_row *r);
int store_address_delete(struct db *db, int64_t person_id, int64_t aid);

/* ---- recipient groups ---- */

/* The enumeration in its defined order: code, name_lt, name_en, position. */
int store_recipient_groups(struct db *db, json_t **out);
/* 0 if the code exists, ERR_NOT_FOUND if not. */
int store_recipient_group_exists(struct db *db, const char *code);
/* The person's periods in group `code` (id, date_from, date_to). */
int store_person_group_periods(struct db *db, int64_t person_id,
			       const char *code, json_t **out);
int store_person_group_insert(struct db *db, int64_t person_id,
			      const char *code, const char *date_from,
			      const char *date_to, int64_t *id);
int store_person_group_get(struct db *db, int64_t person_id, int64_t gid,
			   json_t **out);
int store_person_group_set_end(struct db *db, int64_t person_id, int64_t gid,
			       const char *date_to);

/* ---- representatives ---- */

int store_representative_insert(struct db *db, int64_t person_id,
				int64_t representative_id, const char *kind,
				const char *document, const char *date_from,
				const char *date_to, int64_t *id);
int store_representative_get(struct db *db, int64_t person_id, int64_t rid,
			     json_t **out);
int store_representative_delete(struct db *db, int64_t person_id,
				int64_t rid);

/* ---- relations (stored in both directions) ---- */

/* Inserts (a, b, kind); ERR_CONFLICT if it exists. */
int store_relation_insert(struct db *db, int64_t a, int64_t b,
			  const char *kind, int64_t *id);
/* The row rid seen from person_id: id, person_id, related_id, kind. */
int store_relation_get(struct db *db, int64_t person_id, int64_t rid,
		       json_t **out);
/* Deletes (a, b, kind); *changes rows removed. */
int store_relation_delete(struct db *db, int64_t a, int64_t b,
			  const char *kind, int64_t *changes);

/* ---- households ---- */

int store_household_insert(struct db *db, const char *name, const char *now,
			   int64_t *id);
/* id, name, created_at, updated_at, version. */
int store_household_get(struct db *db, int64_t id, json_t **out);
/* Members with names: person_id, role, given_names, family_name,
 * birth_date, in the household's order (heads first, then by name). */
int store_household_members(struct db *db, int64_t id, json_t **out);
int store_household_member_add(struct db *db, int64_t id, int64_t person_id,
			       const char *role);
int store_household_members_clear(struct db *db, int64_t id);
/* Bumps the version if at `expected`; *changes 1 or 0. */
int store_household_bump(struct db *db, int64_t id, int64_t expected,
			 const char *now, int64_t *changes);

/* ---- notes (append-only: there is no update or delete) ---- */

int store_note_insert(struct db *db, int64_t person_id, int64_t author_id,
		      const char *now, int special, const char *body,
		      int64_t *id);
/* Newest first, ids below `before` (0 = from the newest), at most limit
 * rows: id, created_at, author_id, author, special_category, body.
 * with_special 0 leaves special-category notes out in the query itself. */
int store_notes_page(struct db *db, int64_t person_id, int with_special,
		     int64_t before, int limit, json_t **out);
int store_note_get(struct db *db, int64_t id, json_t **out);

/* ---- record history ---- */

/* Newest first, ids below `before` (0 = from the newest): id, version,
 * changed_at, changed_by, changed_by_name, action, data (text). */
int store_history_page(struct db *db, const char *entity, int64_t id,
		       int64_t before, int limit, json_t **out);

/* ---- shares ---- */

struct store_share_row {
	int64_t person_id;
	int64_t institution_id;
	const char *parts;       /* "identity,contacts" */
	const char *legal_basis;
	const char *purpose;
	const char *valid_until;
	int64_t created_by;
	const char *created_at;
};

/* kind ("centre"/"partner") and active of an institution. */
int store_institution_kind(struct db *db, int64_t id, char *kind,
			   size_t cap, int *active);
int store_share_insert(struct db *db, const struct store_share_row *r,
		       int64_t *id);
/* Shares of a person, newest first, with the institution's name. */
int store_shares_of_person(struct db *db, int64_t person_id, json_t **out);
int store_share_get(struct db *db, int64_t person_id, int64_t sid,
		    json_t **out);
/* Sets revoked_at/revoked_by if not yet revoked; *changes 1 or 0. */
int store_share_revoke(struct db *db, int64_t sid, int64_t by,
		       const char *now, int64_t *changes);

/* ---- the audit log, for the auditor ---- */

struct store_audit_filter {
	int64_t user_id;       /* 0 = any */
	const char *entity;    /* NULL = any */
	int64_t entity_id;     /* 0 = any */
	const char *action;    /* NULL = any */
	const char *ts_from;   /* inclusive ISO prefix, NULL = any */
	const char *ts_before; /* exclusive, NULL = any */
	int64_t before_seq;    /* keyset: seq < before_seq; 0 = newest */
	int limit;
	int reads;             /* the read log (audit_reads), else the write log */
};

/* Entries of one log matching f, newest first: seq, ts, user_id,
 * username, action, entity, entity_id, ip, reason. */
int store_audit_page(struct db *db, const struct store_audit_filter *f,
		     json_t **out);

#endif
