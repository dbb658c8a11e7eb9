/*
 * person_parts.h - the parts of a person record: addresses, recipient
 * groups, representatives, relations, households, notes and the record's
 * history. SQL lives in db/store_parts.c; visibility is person_view_for's.
 *
 * Concurrency: parts have no version of their own. Every change to a
 * person's parts bumps persons.version in the same transaction, and the
 * caller passes the version it last saw (If-Match); a stale version is
 * ERR_PRECONDITION. So two workers editing the same card cannot overwrite
 * each other, and the card's ETag changes whenever any part changes.
 * Notes are the exception: append-only, they cannot overwrite anything
 * and need no version.
 *
 * Every write runs in one write transaction with its audit entry
 * (audit_append_tx) and, for updates and deletes, a record_history
 * snapshot of what was there (entity "person", the person's id and the
 * version before the change, action "<part>.<verb>").
 *
 * Returned documents belong to the caller (json_decref). Field errors go
 * to *fe with message keys of api/api_messages.c. All functions are
 * thread-safe given one connection per thread.
 */
#ifndef PAGALBA_DOMAIN_PERSON_PARTS_H
#define PAGALBA_DOMAIN_PERSON_PARTS_H

#include "core/fielderr.h"
#include "domain/access.h"
#include "domain/audit.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

#define ADDRESS_LINE_MAX_CHARS 200
#define ADDRESS_CITY_MAX_CHARS 100
#define NOTE_BODY_MAX_CHARS 20000
#define DOCUMENT_MAX_CHARS 200
#define HOUSEHOLD_NAME_MAX_CHARS 200
#define HOUSEHOLD_MAX_MEMBERS 30

/* Who writes: the caller, its audit template (who/where; the action and
 * entity are set here) and the audit chain's key. */
struct parts_actor {
	const struct principal *p;
	const struct audit_entry *who;
	const unsigned char *audit_key;
};

/* ---- pure rules (unit-tested in tests/unit/test_share.c) ---- */

/* The kind of the reverse row of a relation: "parent" -> "child",
 * "spouse" -> "spouse", ...; NULL for an unknown kind. */
const char *relation_inverse(const char *kind);
int address_kind_valid(const char *kind);
int representative_kind_valid(const char *kind);
/* Whether two date periods [from, to] overlap; to 0 = open-ended. Dates
 * are yyyymmdd ints, both ends inclusive. */
int group_periods_overlap(int from_a, int to_a, int from_b, int to_b);
/* Degrees to micro-degrees, if finite and within [-limit, limit]. */
int coordinate_to_e6(double degrees, double limit, int64_t *out);
/* Number of code points of a valid UTF-8 string. */
size_t text_chars(const char *s);
/* NULL if s is a fit text of at most max_chars code points (non-blank,
 * no control characters but, with multiline, newlines and tabs), else the
 * message key of what is wrong. */
const char *text_check(const char *s, size_t max_chars, int multiline);

/* ---- addresses ---- */

enum {
	ADDRESS_F_KIND = 1u << 0,
	ADDRESS_F_LINE = 1u << 1,
	ADDRESS_F_CITY = 1u << 2,
	ADDRESS_F_MUNICIPALITY = 1u << 3,
	ADDRESS_F_POSTAL = 1u << 4,
	ADDRESS_F_COORDS = 1u << 5,
	ADDRESS_F_FROM = 1u << 6,
	ADDRESS_F_TO = 1u << 7,
};

struct address_input {
	unsigned set;             /* ADDRESS_F_*: fields the request carries */
	const char *kind;         /* residence, declared, postal, temporary */
	const char *line;
	const char *city;
	const char *municipality; /* NULL clears */
	const char *postal_code;  /* "LT-12345" or "12345"; NULL clears */
	int has_coords;           /* 0 with ADDRESS_F_COORDS clears */
	double lat, lon;          /* degrees */
	int valid_from, valid_to; /* yyyymmdd, 0 = none */
};

/* Checks a whole address (creating) or the fields in set (not creating). */
int address_validate(const struct address_input *in, int creating,
		     struct field_errors *fe);

/* Adds, changes (the fields in set) or removes an address of person_id,
 * whose version must be `expected`. *doc is the address (NULL after a
 * delete), *version the person's new version. ERR_NOT_FOUND when the
 * person is not fully visible to the caller or the address is not theirs. */
int person_address_add(struct db *db, const struct parts_actor *a,
		       int64_t person_id, int64_t expected,
		       const struct address_input *in, struct field_errors *fe,
		       json_t **doc, int64_t *version);
int person_address_update(struct db *db, const struct parts_actor *a,
			  int64_t person_id, int64_t aid, int64_t expected,
			  const struct address_input *in,
			  struct field_errors *fe, json_t **doc,
			  int64_t *version);
int person_address_delete(struct db *db, const struct parts_actor *a,
			  int64_t person_id, int64_t aid, int64_t expected,
			  struct field_errors *fe, int64_t *version);

/* ---- recipient groups ---- */

/* The enumeration (both languages), in its defined order. */
int recipient_groups_list(struct db *db, json_t **list);

/* Puts the person in group `code` from date_from (to date_to, 0 = open).
 * "group.unknown" for a code not in the enumeration, "group.overlap"
 * (ERR_CONFLICT) when a period of the same group overlaps. */
int person_group_add(struct db *db, const struct parts_actor *a,
		     int64_t person_id, int64_t expected, const char *code,
		     int date_from, int date_to, struct field_errors *fe,
		     json_t **doc, int64_t *version);
/* Ends (or moves the end of) membership gid at date_to. */
int person_group_end(struct db *db, const struct parts_actor *a,
		     int64_t person_id, int64_t gid, int64_t expected,
		     int date_to, struct field_errors *fe, json_t **doc,
		     int64_t *version);

/* ---- representatives ---- */

struct representative_input {
	int64_t representative_id;
	const char *kind;     /* parent, guardian, curator, authorised, other */
	const char *document; /* the act or power of attorney, or NULL */
	int date_from, date_to;
};

/* The representative must be a person the caller fully sees, not the
 * person themself ("representative.self"). */
int person_representative_add(struct db *db, const struct parts_actor *a,
			       int64_t person_id, int64_t expected,
			       const struct representative_input *in,
			       struct field_errors *fe, json_t **doc,
			       int64_t *version);
int person_representative_delete(struct db *db, const struct parts_actor *a,
				 int64_t person_id, int64_t rid,
				 int64_t expected, struct field_errors *fe,
				 int64_t *version);

/* ---- relations ---- */

/* Writes (person, related, kind) and (related, person, inverse kind), and
 * bumps both persons' versions. "relation.self", "relation.exists". */
int person_relation_add(struct db *db, const struct parts_actor *a,
			int64_t person_id, int64_t expected, int64_t related_id,
			const char *kind, struct field_errors *fe, json_t **doc,
			int64_t *version);
/* Removes relation rid of person_id and its reverse row. */
int person_relation_delete(struct db *db, const struct parts_actor *a,
			   int64_t person_id, int64_t rid, int64_t expected,
			   struct field_errors *fe, int64_t *version);

/* ---- households ---- */

struct household_member_input {
	int64_t person_id;
	const char *role; /* "head" or "member" */
};

/* Name and members: 1..HOUSEHOLD_MAX_MEMBERS distinct persons, at most one
 * head. Pure. */
int household_validate(const char *name,
		       const struct household_member_input *m, size_t n,
		       struct field_errors *fe);
/* Creates a household of persons the caller fully sees; every member's
 * version is bumped. */
int household_create(struct db *db, const struct parts_actor *a,
		     const char *name, const struct household_member_input *m,
		     size_t n, struct field_errors *fe, int64_t *id);
/* The household if the caller fully sees at least one member; members
 * outside the caller's scope are counted (hidden_members), not shown. */
int household_get(struct db *db, const struct principal *p, int64_t id,
		  json_t **doc);
/* Replaces the members, if the household is at version `expected` and
 * the caller sees every current and new member. */
int household_members_replace(struct db *db, const struct parts_actor *a,
			      int64_t id, int64_t expected,
			      const struct household_member_input *m, size_t n,
			      struct field_errors *fe, int64_t *version);

/* ---- notes ---- */

/*
 * Notes are append-only: a note is a record of what a worker wrote on a
 * day, so it is never edited or deleted; a correction is a new note that
 * says what it corrects. Special-category notes (GDPR Art. 9: health,
 * disability, addiction) are written and read only by roles with
 * PERM_NOTE_SPECIAL and only with the full view; partners never see them,
 * and see ordinary notes only when the "notes" part is shared.
 */
int person_note_add(struct db *db, const struct parts_actor *a,
		    int64_t person_id, const char *body, int special,
		    struct field_errors *fe, json_t **doc);
/* Notes newest first, ids below `before` (0 = newest), limit rows. *view
 * tells the caller which reason to audit the read with. */
int person_notes_list(struct db *db, const struct principal *p,
		      int64_t person_id, int64_t before, int limit,
		      json_t **list, int *partner_view, char *reason,
		      size_t reason_cap);

/* ---- history ---- */

/* record_history rows of the person, newest first (staff with the full
 * view only). `data` is the snapshot as a document. */
int person_history(struct db *db, const struct principal *p,
		   int64_t person_id, int64_t before, int limit,
		   json_t **list);

#endif
