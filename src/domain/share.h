/*
 * share.h - sharing a person's record with a partner institution
 * (DOMAIN.md §7): which parts, on which legal basis, for what purpose and
 * until when; and revoking it.
 *
 * A share is a disclosure of personal data: every share and revoke is
 * audited (action "share"/"revoke" on the person, reason "purpose; legal
 * basis") in the same transaction. The partner's reads go through
 * person_view_for, which reads the shares table on every request, so a
 * revocation takes effect at the partner's very next request: nothing
 * here or there may cache a share.
 *
 * Returned documents belong to the caller (json_decref). Thread-safe given
 * one connection per thread.
 */
#ifndef PAGALBA_DOMAIN_SHARE_H
#define PAGALBA_DOMAIN_SHARE_H

#include "core/fielderr.h"
#include "domain/person_parts.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

/* How far ahead a share may run: a disclosure is reviewed at least once a
 * year, and a longer one needs a new decision (and a new share). */
#define SHARE_VALID_MAX_YEARS 1
#define SHARE_PURPOSE_MAX_CHARS 500

/* The legal bases a share may rest on: a small fixed list (GDPR Art.
 * 6(1)(a) consent, 6(1)(c) legal obligation, 6(1)(e) public task, 9(2)(b)
 * social protection law for special categories, a court order, other). */
int share_legal_basis_valid(const char *basis);
/* NULL-terminated list of the bases, for documents and tests. */
const char *const *share_legal_bases(void);

/* The last day a share made on `today` may run to: the same day
 * SHARE_VALID_MAX_YEARS later (29 February -> 28 February). Pure. */
int share_valid_until_max(int today);

/* Parts from names ("identity", "contacts", ...): 0 and *parts, or
 * ERR_INVALID if the list is empty or names an unknown part. Pure. */
int share_parts_from_names(const char *const *names, size_t n,
			   unsigned *parts);
/* The canonical comma list of parts ("identity,contacts"). */
void share_parts_format(unsigned parts, char *out, size_t cap);

/* The audit reason: "purpose; legal_basis", the purpose shortened (at a
 * character boundary) so the legal basis always fits in cap. */
void share_reason(const char *purpose, const char *basis, char *out,
		  size_t cap);

struct share_input {
	int64_t institution_id;
	unsigned parts;          /* SHARE_PART_*; 0 = none or unknown */
	const char *legal_basis;
	const char *purpose;
	int valid_until;         /* yyyymmdd */
};

/* The rules that need no database: parts ("share.parts"), legal basis
 * ("enum"), purpose, valid_until not before today ("share.past") and at
 * most share_valid_until_max(today) ahead ("share.too_far"). Pure. */
int share_validate(const struct share_input *in, int today,
		   struct field_errors *fe);

/* Shares person_id (fully visible to the caller, else ERR_NOT_FOUND) with
 * a partner institution ("institution.not_found", "institution.not_partner",
 * "org.inactive" on institution_id). *doc is the new share. */
int share_create(struct db *db, const struct parts_actor *a,
		 int64_t person_id, const struct share_input *in,
		 struct field_errors *fe, json_t **doc);
/* The person's shares, newest first, with an "active" flag (staff with
 * the full view only). */
int share_list(struct db *db, const struct principal *p, int64_t person_id,
	       json_t **list);
/* Revokes share sid of person_id now; ERR_CONFLICT "share.revoked" when
 * it already is. *doc is the revoked share. */
int share_revoke(struct db *db, const struct parts_actor *a,
		 int64_t person_id, int64_t sid, struct field_errors *fe,
		 json_t **doc);

#endif
