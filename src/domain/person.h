/*
 * person.h - the registry of persons: validation, scope, create, update,
 * read, search, duplicates and merge. Every function that reads or writes
 * personal data records it in the audit log: writes in their own
 * transaction, reads by filling the caller's audit entry list.
 *
 * Read models are jansson documents (our in-memory document type), built
 * by the store (db/store_person.c) and trimmed here to what the caller may
 * see. The caller owns returned documents (json_decref).
 */
#ifndef PAGALBA_DOMAIN_PERSON_H
#define PAGALBA_DOMAIN_PERSON_H

#include "core/fielderr.h"
#include "domain/access.h"
#include "domain/audit.h"

#include <jansson.h>
#include <stdint.h>

struct arena;
struct card_cache;
struct db;
struct person_index;

/* Bits of struct person_input.set: which fields the request carries. */
enum {
	PERSON_F_CODE = 1u << 0,
	PERSON_F_OTHER_ID = 1u << 1,
	PERSON_F_IDENTIFIED = 1u << 2,
	PERSON_F_GIVEN = 1u << 3,
	PERSON_F_FAMILY = 1u << 4,
	PERSON_F_SEX = 1u << 5,
	PERSON_F_BIRTH = 1u << 6,
	PERSON_F_PHONE = 1u << 7,
	PERSON_F_EMAIL = 1u << 8,
	PERSON_F_DEPT = 1u << 9,
};

struct person_input {
	unsigned set;
	const char *personal_code;
	const char *other_id_type;
	const char *other_id_number;
	int identified;
	const char *given_names;
	const char *family_name;
	const char *sex; /* "M", "F" or NULL */
	int birth_date;  /* yyyymmdd, 0 unknown */
	const char *phone;
	const char *email;
	int64_t department_id;
};

/* Parts of a record that can be shared with a partner institution. */
enum {
	SHARE_PART_IDENTITY = 1u << 0, /* names, birth date, sex */
	SHARE_PART_CODE = 1u << 1,     /* personal code, documents */
	SHARE_PART_CONTACTS = 1u << 2, /* addresses, phone, e-mail */
	SHARE_PART_GROUPS = 1u << 3,
	SHARE_PART_FAMILY = 1u << 4,   /* relations, households, representatives */
	SHARE_PART_CASES = 1u << 5,
	SHARE_PART_NOTES = 1u << 6,    /* non-special notes only */
};
unsigned share_parts_parse(const char *csv); /* 0 if any name is unknown */
const char *share_part_name(unsigned bit);

/* What the caller may see of one person. */
struct person_view {
	int visible;
	int full;         /* staff scope: everything */
	unsigned parts;   /* partner scope: SHARE_PART_* */
	char reason[160]; /* partner scope: purpose and legal basis */
};

/* Decides visibility of person id for p (ERR_NOT_FOUND when invisible or
 * absent: the caller cannot tell which). */
int person_view_for(struct db *db, const struct principal *p, int64_t id,
		    struct person_view *v);

/* Validates input against the rules: personal code (check digit, date),
 * sex and birth date agreeing with the code, identity given or the person
 * marked unidentified, names, e-mail and phone shapes. `creating` demands
 * the fields a new record needs. */
int person_validate(const struct person_input *in, int creating, int today,
		    struct field_errors *fe);

/* Creates a person in the caller's department (heads/workers) or the one
 * named (director). Audited as "create". Updates the search index. */
int person_create(struct db *db, struct person_index *ix,
		  const unsigned char *audit_key, const struct audit_entry *who,
		  const struct principal *p, const struct person_input *in,
		  struct field_errors *fe, int64_t *id);

/* Updates the fields in in->set if the record is still at version
 * `expected` (ERR_PRECONDITION otherwise). Keeps the old record in
 * record_history. */
int person_update(struct db *db, struct person_index *ix,
		  const unsigned char *audit_key, const struct audit_entry *who,
		  const struct principal *p, int64_t id, int64_t expected,
		  const struct person_input *in, struct field_errors *fe,
		  int64_t *new_version);

/* person_view_for, without a query when p sees every person. */
int person_view(struct db *db, const struct principal *p, int64_t id,
		struct person_view *view);

/* The person card, trimmed to the view. */
int person_get(struct db *db, const struct principal *p, int64_t id,
	       json_t **doc, struct person_view *view);
/* The card for a view already decided (person_view). */
int person_card_build(struct db *db, int64_t id, const struct person_view *view,
		      json_t **doc);

/* The full card (for a view->full caller) as compact JSON text in the
 * arena, and the row's version for the ETag: from the card cache when it
 * holds the person's current card_version, otherwise built and kept
 * there (cards may be NULL: always built). ERR_NOT_FOUND: no such id. */
int person_card_json(struct db *db, struct card_cache *cards, int64_t id,
		     struct arena *a, const char **json, size_t *len,
		     int64_t *version);

/* The card of a person the caller has just created: the same shape as
 * person_get, but linked lists are known to be empty and not queried. */
int person_get_created(struct db *db, int64_t id, json_t **doc);

/* Search by name or personal-code prefix within the caller's scope. */
int person_search(struct db *db, struct person_index *ix,
		  const struct principal *p, const char *query, int limit,
		  json_t **list);

/* A page of persons in Lithuanian alphabetical order. cursor may be NULL;
 * *next is an arena-free malloc'd string or NULL at the end. */
int person_list(struct db *db, const struct principal *p, const char *cursor,
		int limit, json_t **list, char **next);

/* Likely duplicates of the input among persons the caller may see. */
int person_duplicates(struct db *db, struct person_index *ix,
		      const struct principal *p, const struct person_input *in,
		      int64_t exclude_id, json_t **list);

/* Merges `from` into `into`: moves every linked record, fills empty fields
 * of `into` from `from`, marks `from` merged, keeps both snapshots. */
int person_merge(struct db *db, struct person_index *ix,
		 const unsigned char *audit_key, const struct audit_entry *who,
		 const struct principal *p, int64_t into, int64_t from,
		 struct field_errors *fe);

/* Loads every person into the index (start-up). */
int person_index_load(struct db *db, struct person_index *ix, size_t *count);

#endif
