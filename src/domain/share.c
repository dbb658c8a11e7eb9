/*
 * share.c - rules for sharing records with partner institutions (see
 * share.h). SQL is in db/store_parts.c.
 */
#include "domain/share.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_parts.h"
#include "domain/person.h"

#include <stdio.h>
#include <string.h>

static const char *const legal_bases[] = {
	"consent", "art6_1c", "art6_1e", "art9_2b", "court_order", "other", NULL,
};

const char *const *share_legal_bases(void)
{
	return legal_bases;
}

int share_legal_basis_valid(const char *basis)
{
	if (!basis)
		return 0;
	for (const char *const *b = legal_bases; *b; b++)
		if (!strcmp(*b, basis))
			return 1;
	return 0;
}

int share_valid_until_max(int today)
{
	int y = today / 10000 + SHARE_VALID_MAX_YEARS, m = today / 100 % 100, d = today % 100;
	if (!date_valid(y, m, d))
		d = 28; /* 29 February in a year without one */
	return y * 10000 + m * 100 + d;
}

int share_parts_from_names(const char *const *names, size_t n,
			   unsigned *parts)
{
	unsigned all = 0;
	if (n == 0)
		return ERR_INVALID;
	for (size_t i = 0; i < n; i++) {
		/* share_parts_parse reads a comma list: a name with a comma
		 * in it would smuggle in two parts. */
		if (!names[i] || !*names[i] || strchr(names[i], ','))
			return ERR_INVALID;
		unsigned bit = share_parts_parse(names[i]);
		if (!bit)
			return ERR_INVALID;
		all |= bit;
	}
	*parts = all;
	return 0;
}

void share_parts_format(unsigned parts, char *out, size_t cap)
{
	size_t len = 0;
	if (cap)
		out[0] = '\0';
	for (unsigned b = 1; b && b <= SHARE_PART_NOTES; b <<= 1) {
		if (!(parts & b))
			continue;
		int n = snprintf(out + len, cap - len, "%s%s", len ? "," : "", share_part_name(b));
		if (n < 0 || (size_t)n >= cap - len)
			return;
		len += (size_t)n;
	}
}

void share_reason(const char *purpose, const char *basis, char *out,
		  size_t cap)
{
	size_t tail = strlen(basis) + 2; /* "; " + basis */
	size_t room = cap > tail + 1 ? cap - tail - 1 : 0;
	size_t n = strlen(purpose);
	if (n > room) {
		n = room;
		while (n > 0 && ((unsigned char)purpose[n] & 0xC0) == 0x80)
			n--; /* do not cut a character in two */
	}
	snprintf(out, cap, "%.*s; %s", (int)n, purpose, basis);
}

int share_validate(const struct share_input *in, int today,
		   struct field_errors *fe)
{
	if (in->institution_id <= 0)
		fe_add(fe, "institution_id", "required");
	if (!in->parts)
		fe_add(fe, "parts", "share.parts");
	if (!in->legal_basis)
		fe_add(fe, "legal_basis", "required");
	else if (!share_legal_basis_valid(in->legal_basis))
		fe_add(fe, "legal_basis", "enum");
	const char *k = text_check(in->purpose, SHARE_PURPOSE_MAX_CHARS, 1);
	if (k)
		fe_add(fe, "purpose", k);
	if (!in->valid_until)
		fe_add(fe, "valid_until", "required");
	else if (in->valid_until < today)
		fe_add(fe, "valid_until", "share.past");
	else if (in->valid_until > share_valid_until_max(today))
		fe_add(fe, "valid_until", "share.too_far");
	return fe->n ? ERR_INVALID : 0;
}

/* The caller must see the whole record to share or revoke any of it. */
static int share_person_check(struct db *db, const struct principal *p,
			      int64_t person_id, struct field_errors *fe,
			      int64_t *version)
{
	struct person_view v;
	int64_t merged;
	int rc = person_view_for(db, p, person_id, &v);
	if (!rc && !v.full)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = store_parts_person_state(db, person_id, version, &merged);
	if (!rc && merged) {
		fe_add(fe, "id", "person.merged");
		rc = ERR_CONFLICT;
	}
	return rc;
}

static int share_audit_commit(struct db *db, const struct parts_actor *a,
			      int64_t person_id, const char *action,
			      json_t *share)
{
	struct audit_entry e = *a->who;
	e.action = action;
	e.entity = "person";
	e.entity_id = person_id;
	share_reason(json_string_value(json_object_get(share, "purpose")),
		     json_string_value(json_object_get(share, "legal_basis")), e.reason,
		     sizeof(e.reason));
	int rc = audit_append_tx(db, a->audit_key, &e, 1);
	if (!rc)
		rc = db_tx_commit(db);
	return rc;
}

int share_create(struct db *db, const struct parts_actor *a,
		 int64_t person_id, const struct share_input *in,
		 struct field_errors *fe, json_t **doc)
{
	struct store_share_row r;
	char parts[128], until[DATE_ISO_LEN], now[TIMESTAMP_ISO_LEN], kind[16];
	int active = 0;
	int64_t sid, version;
	int rc = share_validate(in, date_today(), fe);
	if (rc)
		return rc;
	share_parts_format(in->parts, parts, sizeof(parts));
	date_format(in->valid_until, until);
	time_format_iso(time_now_ms(), now);
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = share_person_check(db, a->p, person_id, fe, &version);
	if (!rc) {
		rc = store_institution_kind(db, in->institution_id, kind, sizeof(kind), &active);
		if (rc == ERR_NOT_FOUND) {
			fe_add(fe, "institution_id", "institution.not_found");
			rc = ERR_INVALID;
		} else if (!rc && strcmp(kind, "partner")) {
			fe_add(fe, "institution_id", "institution.not_partner");
			rc = ERR_INVALID;
		} else if (!rc && !active) {
			fe_add(fe, "institution_id", "org.inactive");
			rc = ERR_INVALID;
		}
	}
	if (!rc) {
		memset(&r, 0, sizeof(r));
		r.person_id = person_id;
		r.institution_id = in->institution_id;
		r.parts = parts;
		r.legal_basis = in->legal_basis;
		r.purpose = in->purpose;
		r.valid_until = until;
		r.created_by = a->p->user_id;
		r.created_at = now;
		rc = store_share_insert(db, &r, &sid);
	}
	if (!rc)
		rc = store_share_get(db, person_id, sid, doc);
	if (!rc) {
		json_object_set_new(*doc, "active", json_true());
		rc = share_audit_commit(db, a, person_id, "share", *doc);
		if (rc) {
			json_decref(*doc);
			*doc = NULL;
		}
	}
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

/* Whether a share row is in force today: unrevoked and unexpired. */
static int share_row_active(json_t *row, const char *today)
{
	const char *until = json_string_value(json_object_get(row, "valid_until"));
	return json_is_null(json_object_get(row, "revoked_at")) && until && strcmp(until, today) >= 0;
}

int share_list(struct db *db, const struct principal *p, int64_t person_id,
	       json_t **list)
{
	struct person_view v;
	char today[DATE_ISO_LEN];
	json_t *rows, *row;
	size_t i;
	int rc = person_view_for(db, p, person_id, &v);
	if (!rc && !v.full)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = store_shares_of_person(db, person_id, &rows);
	if (rc)
		return rc;
	date_format(date_today(), today);
	json_array_foreach(rows, i, row)
		json_object_set_new(row, "active", json_boolean(share_row_active(row, today)));
	*list = rows;
	return 0;
}

int share_revoke(struct db *db, const struct parts_actor *a,
		 int64_t person_id, int64_t sid, struct field_errors *fe,
		 json_t **doc)
{
	json_t *cur = NULL;
	char now[TIMESTAMP_ISO_LEN];
	int64_t changes = 0, version = 0;
	time_format_iso(time_now_ms(), now);
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = share_person_check(db, a->p, person_id, fe, &version);
	if (!rc)
		rc = store_share_get(db, person_id, sid, &cur);
	if (rc)
		goto out;
	if (!json_is_null(json_object_get(cur, "revoked_at"))) {
		rc = ERR_CONFLICT;
		goto out;
	}
	json_t *snap = json_pack("{s:s,s:O}", "part", "share", "before", cur);
	/* Under the person, so the card's history shows the disclosure's
	 * end; shares are not person parts, so the version stays. */
	rc = snap ? store_history_add(db, "person", person_id, version, a->p->user_id, "share.revoke", snap)
		  : ERR_NOMEM;
	json_decref(snap);
	if (!rc)
		rc = store_share_revoke(db, sid, a->p->user_id, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_CONFLICT; /* revoked meanwhile */
	if (!rc)
		rc = store_share_get(db, person_id, sid, doc);
	if (!rc) {
		json_object_set_new(*doc, "active", json_false());
		rc = share_audit_commit(db, a, person_id, "revoke", *doc);
		if (rc) {
			json_decref(*doc);
			*doc = NULL;
		}
	}
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}
