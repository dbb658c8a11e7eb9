/*
 * person.c - the registry's rules. SQL lives in db/store_person.c; what a
 * caller may see is decided here with domain/access.c.
 */
#include "domain/person.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/text.h"
#include "db/db.h"
#include "db/store.h"
#include "domain/person_card.h"
#include "domain/person_index.h"
#include "domain/personal_code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 100
#define SEARCH_MAX 50

static const char *const share_part_names[] = {
	"identity", "code", "contacts", "groups", "family", "cases", "notes",
};
#define N_SHARE_PARTS (sizeof(share_part_names) / sizeof(share_part_names[0]))

unsigned share_parts_parse(const char *csv)
{
	unsigned parts = 0;
	while (csv && *csv) {
		size_t n = strcspn(csv, ",");
		int found = 0;
		for (size_t i = 0; i < N_SHARE_PARTS; i++) {
			if (strlen(share_part_names[i]) == n &&
			    !strncmp(csv, share_part_names[i], n)) {
				parts |= 1u << i;
				found = 1;
			}
		}
		if (!found)
			return 0;
		csv += n;
		if (*csv == ',')
			csv++;
	}
	return parts;
}

const char *share_part_name(unsigned bit)
{
	for (size_t i = 0; i < N_SHARE_PARTS; i++)
		if (bit == 1u << i)
			return share_part_names[i];
	return NULL;
}

int person_view_for(struct db *db, const struct principal *p, int64_t id,
		    struct person_view *v)
{
	int64_t exists;
	int rc;
	memset(v, 0, sizeof(*v));
	switch (access_person_scope(p)) {
	case SCOPE_ALL:
		rc = store_int1(db, "SELECT id FROM persons WHERE id = $1", 1, id, 0, &exists);
		if (rc)
			return rc;
		v->visible = v->full = 1;
		return 0;
	case SCOPE_DEPARTMENT: {
		int yes = 0;
		rc = store_person_in_department(db, id, p->department_id, &yes);
		if (rc)
			return rc;
		if (!yes)
			return ERR_NOT_FOUND;
		v->visible = v->full = 1;
		return 0;
	}
	case SCOPE_SHARED: {
		char parts[256], today[DATE_ISO_LEN];
		date_format(date_today(), today);
		rc = store_person_share_parts(db, id, p->institution_id, today, parts,
					      sizeof(parts), v->reason, sizeof(v->reason));
		if (rc)
			return rc;
		v->parts = share_parts_parse(parts);
		if (!v->parts)
			return ERR_NOT_FOUND;
		v->visible = 1;
		return 0;
	}
	default:
		return ERR_NOT_FOUND;
	}
}

static void check_name(const char *field, const char *s, int required,
		       struct field_errors *fe)
{
	if (!s) {
		if (required)
			fe_add(fe, field, "required");
		return;
	}
	size_t n = strlen(s);
	int blank = 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			blank = 0;
	if (blank)
		fe_add(fe, field, "string.empty");
	else if (n > NAME_MAX_BYTES)
		fe_add(fe, field, "string.too_long");
	else if (text_has_control(s))
		fe_add(fe, field, "invalid");
}

int person_validate(const struct person_input *in, int creating, int today,
		    struct field_errors *fe)
{
	struct personal_code_info info;
	enum personal_code_error why;
	int code_ok = 0;

	check_name("given_names", in->set & PERSON_F_GIVEN ? in->given_names : NULL,
		   creating || (in->set & PERSON_F_GIVEN), fe);
	check_name("family_name", in->set & PERSON_F_FAMILY ? in->family_name : NULL,
		   creating || (in->set & PERSON_F_FAMILY), fe);

	if ((in->set & PERSON_F_CODE) && in->personal_code) {
		if (personal_code_parse_at(in->personal_code, strlen(in->personal_code),
					   today, &info, &why))
			fe_add(fe, "personal_code",
			       why == PERSONAL_CODE_DATE &&
					       !personal_code_parse(in->personal_code,
								    strlen(in->personal_code),
								    &info, &why)
				       ? "personal_code.future"
				       : personal_code_error_key(why));
		else
			code_ok = 1;
	}
	if ((in->set & PERSON_F_SEX) && in->sex && strcmp(in->sex, "M") && strcmp(in->sex, "F"))
		fe_add(fe, "sex", "enum");
	if ((in->set & PERSON_F_BIRTH) && in->birth_date && in->birth_date > today)
		fe_add(fe, "birth_date", "date.future");
	if (code_ok) {
		const char *code_sex = info.sex == 1 ? "M" : "F";
		if ((in->set & PERSON_F_SEX) && in->sex && strcmp(in->sex, code_sex))
			fe_add(fe, "sex", "personal_code.mismatch");
		if ((in->set & PERSON_F_BIRTH) && in->birth_date && info.month && info.day &&
		    in->birth_date != info.year * 10000 + info.month * 100 + info.day)
			fe_add(fe, "birth_date", "personal_code.mismatch");
	}
	if (in->set & PERSON_F_OTHER_ID) {
		if (!in->other_id_type != !in->other_id_number)
			fe_add(fe, in->other_id_type ? "other_id_number" : "other_id_type", "required");
		if (in->other_id_type && (strlen(in->other_id_type) > 40 || text_has_control(in->other_id_type)))
			fe_add(fe, "other_id_type", "string.too_long");
		if (in->other_id_number && (strlen(in->other_id_number) > 40 || text_has_control(in->other_id_number)))
			fe_add(fe, "other_id_number", "string.too_long");
	}
	if (creating) {
		int identified = (in->set & PERSON_F_IDENTIFIED) ? in->identified : 1;
		int has_code = (in->set & PERSON_F_CODE) && in->personal_code;
		int has_other = (in->set & PERSON_F_OTHER_ID) && in->other_id_number;
		if (identified && !has_code && !has_other)
			fe_add(fe, "personal_code", "person.identity");
	}
	if ((in->set & PERSON_F_EMAIL) && in->email && *in->email && !text_is_email(in->email))
		fe_add(fe, "email", "email");
	if ((in->set & PERSON_F_PHONE) && in->phone && *in->phone && !text_is_phone(in->phone))
		fe_add(fe, "phone", "phone");
	return fe->n ? ERR_INVALID : 0;
}

/* Row values derived from the input: folded name, sort key, sex and birth
 * date from the personal code where not given. Strings live in the
 * caller's buffers. */
struct person_derived {
	char fold[2 * NAME_MAX_BYTES + 8];
	char sort_key[8 * NAME_MAX_BYTES + 16];
	char birth[DATE_ISO_LEN];
	char sex[2];
};

static int person_derive(struct store_person_row *row, struct person_derived *d)
{
	char full[2 * NAME_MAX_BYTES + 8];
	snprintf(full, sizeof(full), "%s %s", row->family_name, row->given_names);
	if (text_fold(full, d->fold, sizeof(d->fold)) < 0 ||
	    text_collate_key(full, d->sort_key, sizeof(d->sort_key)) < 0)
		return ERR_INVALID;
	row->name_fold = d->fold;
	row->sort_key = d->sort_key;
	if (row->personal_code) {
		struct personal_code_info info;
		enum personal_code_error why;
		if (!personal_code_parse(row->personal_code, strlen(row->personal_code),
					 &info, &why)) {
			if (!row->sex) {
				d->sex[0] = info.sex == 1 ? 'M' : 'F';
				d->sex[1] = '\0';
				row->sex = d->sex;
			}
			if (!row->birth_date && info.month && info.day) {
				date_format(info.year * 10000 + info.month * 100 + info.day, d->birth);
				row->birth_date = d->birth;
			}
		}
	}
	return 0;
}

static int parse_date_field(const char *s)
{
	int v = 0;
	return s && !date_parse(s, &v) ? v : 0;
}

static int index_put_person(struct db *db, struct person_index *ix, int64_t id,
			    const struct store_person_row *row)
{
	json_t *depts = NULL;
	int64_t ids[64];
	size_t n = 0;
	int rc = store_person_departments(db, id, &depts);
	if (rc)
		return rc;
	size_t i;
	json_t *d;
	json_array_foreach(depts, i, d) {
		if (n < 64)
			ids[n++] = json_integer_value(json_object_get(d, "id"));
	}
	json_decref(depts);
	struct person_index_entry e = {
		.id = id,
		.given_names = row->given_names,
		.family_name = row->family_name,
		.code = row->personal_code,
		.birth_date = parse_date_field(row->birth_date),
		.dept_ids = ids,
		.n_depts = n,
	};
	return person_index_put(ix, &e);
}

static int audit_one(struct db *db, const unsigned char *key,
		     const struct audit_entry *who, const char *action, int64_t id)
{
	struct audit_entry e = *who;
	e.action = action;
	e.entity = "person";
	e.entity_id = id;
	return audit_append_tx(db, key, &e, 1);
}

int person_create(struct db *db, struct person_index *ix,
		  const unsigned char *audit_key, const struct audit_entry *who,
		  const struct principal *p, const struct person_input *in,
		  struct field_errors *fe, int64_t *id)
{
	struct store_person_row row;
	struct person_derived d;
	char now[TIMESTAMP_ISO_LEN], today[DATE_ISO_LEN], birth[DATE_ISO_LEN];
	int64_t dept = p->department_id, owner;
	int rc;

	rc = person_validate(in, 1, date_today(), fe);
	if (rc)
		return rc;
	if (access_person_scope(p) != SCOPE_DEPARTMENT)
		return ERR_FORBIDDEN;
	if ((in->set & PERSON_F_DEPT) && in->department_id && in->department_id != dept)
		return fe_add(fe, "department_id", "department.scope");

	memset(&row, 0, sizeof(row));
	row.personal_code = (in->set & PERSON_F_CODE) ? in->personal_code : NULL;
	row.other_id_type = (in->set & PERSON_F_OTHER_ID) ? in->other_id_type : NULL;
	row.other_id_number = (in->set & PERSON_F_OTHER_ID) ? in->other_id_number : NULL;
	row.identified = (in->set & PERSON_F_IDENTIFIED) ? in->identified : 1;
	row.given_names = in->given_names;
	row.family_name = in->family_name;
	row.sex = (in->set & PERSON_F_SEX) ? in->sex : NULL;
	if ((in->set & PERSON_F_BIRTH) && in->birth_date) {
		date_format(in->birth_date, birth);
		row.birth_date = birth;
	}
	row.phone = (in->set & PERSON_F_PHONE) && in->phone && *in->phone ? in->phone : NULL;
	row.email = (in->set & PERSON_F_EMAIL) && in->email && *in->email ? in->email : NULL;
	rc = person_derive(&row, &d);
	if (rc)
		return fe_add(fe, "family_name", "invalid");

	time_format_iso(time_now_ms(), now);
	date_format(date_today(), today);
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	if (row.personal_code) {
		rc = store_person_code_owner(db, row.personal_code, &owner);
		if (rc == 0) {
			db_tx_rollback(db);
			fe_add(fe, "personal_code", "personal_code.taken");
			return ERR_CONFLICT;
		}
		if (rc != ERR_NOT_FOUND)
			goto fail;
	}
	rc = store_person_insert(db, &row, p->user_id, now, id);
	if (!rc)
		rc = store_person_link_department(db, *id, dept, today);
	if (!rc)
		rc = audit_one(db, audit_key, who, "create", *id);
	if (rc)
		goto fail;
	rc = db_tx_commit(db);
	if (rc)
		return rc;
	if (ix)
		index_put_person(db, ix, *id, &row);
	return 0;
fail:
	db_tx_rollback(db);
	if (rc == ERR_CONFLICT && row.personal_code) {
		fe_add(fe, "personal_code", "personal_code.taken");
	}
	return rc;
}

static const char *jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

int person_update(struct db *db, struct person_index *ix,
		  const unsigned char *audit_key, const struct audit_entry *who,
		  const struct principal *p, int64_t id, int64_t expected,
		  const struct person_input *in, struct field_errors *fe,
		  int64_t *new_version)
{
	struct person_view v;
	struct store_person_row row;
	struct person_derived d;
	struct person_input merged;
	json_t *cur = NULL;
	char now[TIMESTAMP_ISO_LEN], birth[DATE_ISO_LEN];
	int64_t changes = 0, owner;
	int rc;

	rc = person_validate(in, 0, date_today(), fe);
	if (rc)
		return rc;
	if (in->set & PERSON_F_DEPT)
		return fe_add(fe, "department_id", "unknown_field");
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = person_view_for(db, p, id, &v);
	if (!rc && !v.full)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = store_person_row(db, id, &cur);
	if (rc)
		goto out;
	if (!json_is_null(json_object_get(cur, "merged_into"))) {
		rc = ERR_CONFLICT;
		fe_add(fe, "id", "person.merged");
		goto out;
	}
	if (json_integer_value(json_object_get(cur, "version")) != expected) {
		rc = ERR_PRECONDITION;
		goto out;
	}

	memset(&row, 0, sizeof(row));
	row.personal_code = in->set & PERSON_F_CODE ? in->personal_code : jstr(cur, "personal_code");
	row.other_id_type = in->set & PERSON_F_OTHER_ID ? in->other_id_type : jstr(cur, "other_id_type");
	row.other_id_number = in->set & PERSON_F_OTHER_ID ? in->other_id_number : jstr(cur, "other_id_number");
	row.identified = in->set & PERSON_F_IDENTIFIED ? in->identified
						      : json_is_true(json_object_get(cur, "identified"));
	row.given_names = in->set & PERSON_F_GIVEN ? in->given_names : jstr(cur, "given_names");
	row.family_name = in->set & PERSON_F_FAMILY ? in->family_name : jstr(cur, "family_name");
	row.sex = in->set & PERSON_F_SEX ? in->sex : jstr(cur, "sex");
	if (in->set & PERSON_F_BIRTH) {
		if (in->birth_date) {
			date_format(in->birth_date, birth);
			row.birth_date = birth;
		}
	} else {
		row.birth_date = jstr(cur, "birth_date");
	}
	row.phone = in->set & PERSON_F_PHONE ? (in->phone && *in->phone ? in->phone : NULL) : jstr(cur, "phone");
	row.email = in->set & PERSON_F_EMAIL ? (in->email && *in->email ? in->email : NULL) : jstr(cur, "email");

	/* Re-validate the record as it will be, so a change of code cannot
	 * leave sex or birth date contradicting it. */
	memset(&merged, 0, sizeof(merged));
	merged.set = PERSON_F_CODE | PERSON_F_OTHER_ID | PERSON_F_IDENTIFIED |
		     PERSON_F_GIVEN | PERSON_F_FAMILY | PERSON_F_SEX | PERSON_F_BIRTH;
	merged.personal_code = row.personal_code;
	merged.other_id_type = row.other_id_type;
	merged.other_id_number = row.other_id_number;
	merged.identified = row.identified;
	merged.given_names = row.given_names;
	merged.family_name = row.family_name;
	merged.sex = row.sex;
	merged.birth_date = parse_date_field(row.birth_date);
	rc = person_validate(&merged, 1, date_today(), fe);
	if (rc)
		goto out;
	rc = person_derive(&row, &d);
	if (rc)
		goto out;
	if (row.personal_code) {
		rc = store_person_code_owner(db, row.personal_code, &owner);
		if (rc == 0 && owner != id) {
			fe_add(fe, "personal_code", "personal_code.taken");
			rc = ERR_CONFLICT;
			goto out;
		}
		if (rc != 0 && rc != ERR_NOT_FOUND)
			goto out;
	}
	time_format_iso(time_now_ms(), now);
	rc = store_history_add(db, "person", id, expected, p->user_id, "update", cur);
	if (!rc)
		rc = store_person_update(db, id, expected, &row, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_PRECONDITION;
	if (!rc)
		rc = audit_one(db, audit_key, who, "update", id);
	if (rc)
		goto out;
	rc = db_tx_commit(db);
	if (rc)
		goto out;
	*new_version = expected + 1;
	if (ix)
		index_put_person(db, ix, id, &row);
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}

static void drop_keys(json_t *o, const char *const *keys)
{
	for (; *keys; keys++)
		json_object_del(o, *keys);
}

int person_view(struct db *db, const struct principal *p, int64_t id,
		struct person_view *view)
{
	if (access_person_scope(p) == SCOPE_ALL) {
		/* Everything is visible: reading the row is the existence
		 * check, one statement fewer on the hottest read. */
		memset(view, 0, sizeof(*view));
		view->visible = view->full = 1;
		return 0;
	}
	return person_view_for(db, p, id, view);
}

int person_get(struct db *db, const struct principal *p, int64_t id,
	       json_t **doc, struct person_view *view)
{
	int rc = person_view(db, p, id, view);
	return rc ? rc : person_card_build(db, id, view, doc);
}

int person_card_build(struct db *db, int64_t id, const struct person_view *view,
		      json_t **doc)
{
	json_t *o = NULL, *arr;
	int rc = store_person_row(db, id, &o);
	if (rc)
		return rc;
	unsigned parts = view->full ? ~0u : view->parts;
	if (!(parts & SHARE_PART_IDENTITY)) {
		static const char *const k[] = {"given_names", "family_name", "sex", "birth_date", NULL};
		drop_keys(o, k);
	}
	if (!(parts & SHARE_PART_CODE)) {
		static const char *const k[] = {"personal_code", "other_id_type", "other_id_number", NULL};
		drop_keys(o, k);
	}
	if (!(parts & SHARE_PART_CONTACTS)) {
		static const char *const k[] = {"phone", "email", NULL};
		drop_keys(o, k);
	} else if ((rc = store_person_addresses(db, id, &arr)) == 0) {
		json_object_set_new(o, "addresses", arr);
	}
	if (!rc && (parts & SHARE_PART_GROUPS) && (rc = store_person_groups(db, id, &arr)) == 0)
		json_object_set_new(o, "groups", arr);
	if (!rc && (parts & SHARE_PART_FAMILY)) {
		if ((rc = store_person_relations(db, id, &arr)) == 0)
			json_object_set_new(o, "relations", arr);
		if (!rc && (rc = store_person_representatives(db, id, &arr)) == 0)
			json_object_set_new(o, "representatives", arr);
		if (!rc && (rc = store_person_households(db, id, &arr)) == 0)
			json_object_set_new(o, "households", arr);
	}
	if (!rc && view->full && (rc = store_person_departments(db, id, &arr)) == 0)
		json_object_set_new(o, "departments", arr);
	if (!view->full) {
		static const char *const k[] = {"created_at", "updated_at", NULL};
		drop_keys(o, k);
		json_t *sp = json_array();
		for (unsigned b = 1; b && b <= SHARE_PART_NOTES; b <<= 1)
			if (parts & b)
				json_array_append_new(sp, json_string(share_part_name(b)));
		json_object_set_new(o, "shared_parts", sp);
	}
	if (rc) {
		json_decref(o);
		return rc;
	}
	*doc = o;
	return 0;
}

int person_card_json(struct db *db, struct card_cache *cards, int64_t id,
		     struct arena *a, const char **json, size_t *len,
		     int64_t *version)
{
	int64_t card_version;
	int rc = store_person_card_version(db, id, &card_version);
	if (rc)
		return rc;
	rc = card_cache_get(cards, id, card_version, a, json, len, version);
	if (rc)
		return rc < 0 ? rc : 0;
	/* Built in the same read transaction as card_version was read, so the
	 * text kept matches its key (or is newer, and then simply missed). */
	static const struct person_view full = {.visible = 1, .full = 1};
	json_t *doc;
	if ((rc = person_card_build(db, id, &full, &doc)))
		return rc;
	*version = json_integer_value(json_object_get(doc, "version"));
	char *text = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(doc);
	if (!text)
		return ERR_NOMEM;
	size_t n = strlen(text);
	char *copy = arena_strndup(a, text, n);
	if (copy)
		card_cache_put(cards, id, card_version, *version, text, n);
	free(text);
	if (!copy)
		return ERR_NOMEM;
	*json = copy;
	*len = n;
	return 0;
}

int person_get_created(struct db *db, int64_t id, json_t **doc)
{
	json_t *o = NULL, *depts = NULL;
	int rc = store_person_row(db, id, &o);
	if (!rc)
		rc = store_person_departments(db, id, &depts);
	if (rc) {
		json_decref(o);
		return rc;
	}
	static const char *const empty[] = {"addresses", "groups", "relations",
					    "representatives", "households", NULL};
	for (const char *const *k = empty; *k; k++)
		json_object_set_new(o, *k, json_array());
	json_object_set_new(o, "departments", depts);
	*doc = o;
	return 0;
}

/* Partners search only among persons shared with them: few rows, so the
 * folded names are matched here rather than through the index. */
static int person_search_shared(struct db *db, const struct principal *p,
				const char *query, int limit, json_t **list)
{
	char q[256], today[DATE_ISO_LEN];
	struct db_stmt *st;
	int64_t ids[SEARCH_MAX];
	size_t n = 0;
	if (text_fold(query, q, sizeof(q)) < 0)
		return ERR_INVALID;
	date_format(date_today(), today);
	int rc = db_prepare(db,
			    "SELECT DISTINCT p.id, p.name_fold, p.sort_key, s.parts FROM persons p JOIN shares s ON s.person_id = p.id"
			    " WHERE s.institution_id = $1 AND s.revoked_at IS NULL AND s.valid_until >= $2"
			    " AND p.merged_into IS NULL ORDER BY p.sort_key, p.id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, p->institution_id);
	db_bind_text(st, 2, today);
	/* Only shares that include the identity may be found by name: a
	 * partner sees no names it was not given. */
	while ((rc = db_step(st)) == DB_ROW && n < (size_t)limit) {
		int64_t id = db_col_int(st, 0);
		if (!(share_parts_parse(db_col_text(st, 3)) & SHARE_PART_IDENTITY) ||
		    !strstr(db_col_text(st, 1), q) || (n && ids[n - 1] == id))
			continue;
		ids[n++] = id;
	}
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	return store_person_summaries(db, ids, n, list);
}

int person_search(struct db *db, struct person_index *ix,
		  const struct principal *p, const char *query, int limit,
		  json_t **list)
{
	int64_t ids[SEARCH_MAX];
	size_t n = 0;
	int rc;
	if (limit < 1 || limit > SEARCH_MAX)
		limit = 20;
	switch (access_person_scope(p)) {
	case SCOPE_ALL:
		rc = person_index_search(ix, query, NULL, 0, (size_t)limit, ids, &n);
		break;
	case SCOPE_DEPARTMENT:
		rc = person_index_search(ix, query, &p->department_id, 1, (size_t)limit, ids, &n);
		break;
	case SCOPE_SHARED:
		return person_search_shared(db, p, query, limit, list);
	default:
		rc = 0;
		break;
	}
	if (rc)
		return rc;
	/* One snapshot, and SQLite takes its locks once for the answer. */
	int own_tx = !db_in_tx(db) && db_tx_begin(db, DB_TX_READ) == 0;
	rc = store_person_summaries(db, ids, n, list);
	if (own_tx)
		db_tx_rollback(db);
	return rc;
}

int person_list(struct db *db, const struct principal *p, const char *cursor,
		int limit, json_t **list, char **next)
{
	json_t *rows = NULL;
	char after_key[1024] = "";
	int64_t after_id = 0, dept = 0;
	int rc;
	*next = NULL;
	enum scope_kind scope = access_person_scope(p);
	if (scope == SCOPE_DEPARTMENT)
		dept = p->department_id;
	else if (scope != SCOPE_ALL)
		return person_search_shared(db, p, "", limit, list);
	if (cursor) {
		/* The cursor is the last id seen; its sort key is looked up,
		 * so no name ever travels in a URL. */
		char *end;
		long long v = strtoll(cursor, &end, 10);
		struct db_stmt *st;
		if (*end || v <= 0)
			return ERR_INVALID;
		after_id = v;
		rc = db_prepare(db, "SELECT sort_key FROM persons WHERE id = $1", &st);
		if (rc)
			return rc;
		db_bind_int(st, 1, after_id);
		rc = db_step(st);
		if (rc == DB_ROW)
			snprintf(after_key, sizeof(after_key), "%s", db_col_text(st, 0));
		db_stmt_done(st);
		if (rc != DB_ROW)
			return rc < 0 ? rc : ERR_INVALID;
	}
	rc = store_person_page(db, dept, after_key, after_id, limit + 1, &rows);
	if (rc)
		return rc;
	if (json_array_size(rows) > (size_t)limit) {
		json_array_remove(rows, (size_t)limit);
		json_t *last = json_array_get(rows, (size_t)limit - 1);
		char buf[32];
		snprintf(buf, sizeof(buf), "%lld",
			 (long long)json_integer_value(json_object_get(last, "id")));
		*next = strdup(buf);
	}
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) json_object_del(r, "sort_key");
	*list = rows;
	return 0;
}

int person_duplicates(struct db *db, struct person_index *ix,
		      const struct principal *p, const struct person_input *in,
		      int64_t exclude_id, json_t **list)
{
	int64_t ids[20], visible[20];
	int scores[20], vscores[20];
	size_t n = 0, nv = 0, hidden = 0;
	struct personal_code_info info;
	enum personal_code_error why;
	int birth = (in->set & PERSON_F_BIRTH) ? in->birth_date : 0;
	const char *code = (in->set & PERSON_F_CODE) ? in->personal_code : NULL;
	if (code && personal_code_parse(code, strlen(code), &info, &why))
		code = NULL;
	else if (code && !birth && info.month && info.day)
		birth = info.year * 10000 + info.month * 100 + info.day;
	struct person_index_entry e = {
		.id = exclude_id,
		.given_names = in->given_names,
		.family_name = in->family_name,
		.code = code,
		.birth_date = birth,
	};
	int rc = person_index_find_duplicates(ix, &e, 20, ids, scores, &n);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct person_view v;
		rc = person_view_for(db, p, ids[i], &v);
		if (rc == ERR_NOT_FOUND || (!rc && !v.full)) {
			hidden++;
			continue;
		}
		if (rc)
			return rc;
		visible[nv] = ids[i];
		vscores[nv++] = scores[i];
	}
	json_t *rows;
	rc = store_person_summaries(db, visible, nv, &rows);
	if (rc)
		return rc;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		for (size_t k = 0; k < nv; k++)
			if (visible[k] == json_integer_value(json_object_get(r, "id")))
				json_object_set_new(r, "score", json_integer(vscores[k]));
	}
	/* Matches outside the caller's scope are counted, not shown: the
	 * worker learns to ask a head, and nothing else leaks. */
	*list = json_pack("{s:o,s:I}", "candidates", rows, "hidden_matches", (json_int_t)hidden);
	return *list ? 0 : ERR_NOMEM;
}

int person_merge(struct db *db, struct person_index *ix,
		 const unsigned char *audit_key, const struct audit_entry *who,
		 const struct principal *p, int64_t into, int64_t from,
		 struct field_errors *fe)
{
	struct person_view v1, v2;
	json_t *a = NULL, *b = NULL;
	char now[TIMESTAMP_ISO_LEN];
	int rc;

	if (into == from)
		return fe_add(fe, "merge_id", "person.same");
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = person_view_for(db, p, into, &v1);
	if (!rc)
		rc = person_view_for(db, p, from, &v2);
	if (!rc && (!v1.full || !v2.full))
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = store_person_row(db, into, &a);
	if (!rc)
		rc = store_person_row(db, from, &b);
	if (rc)
		goto out;
	if (!json_is_null(json_object_get(a, "merged_into")) ||
	    !json_is_null(json_object_get(b, "merged_into"))) {
		fe_add(fe, "merge_id", "person.merged");
		rc = ERR_CONFLICT;
		goto out;
	}
	time_format_iso(time_now_ms(), now);
	rc = store_history_add(db, "person", into, json_integer_value(json_object_get(a, "version")),
			       p->user_id, "merge", a);
	if (!rc)
		rc = store_history_add(db, "person", from, json_integer_value(json_object_get(b, "version")),
				       p->user_id, "merged", b);
	if (!rc)
		rc = store_person_merge(db, into, from, now);
	if (rc)
		goto out;
	/* Fill what the kept record lacks from the merged one. */
	struct store_person_row row;
	struct person_derived d;
	memset(&row, 0, sizeof(row));
#define PICK(k) (jstr(a, k) ? jstr(a, k) : jstr(b, k))
	row.personal_code = PICK("personal_code");
	row.other_id_type = jstr(a, "other_id_number") ? jstr(a, "other_id_type") : jstr(b, "other_id_type");
	row.other_id_number = PICK("other_id_number");
	row.identified = json_is_true(json_object_get(a, "identified")) ||
			 json_is_true(json_object_get(b, "identified"));
	row.given_names = jstr(a, "given_names");
	row.family_name = jstr(a, "family_name");
	row.sex = PICK("sex");
	row.birth_date = PICK("birth_date");
	row.phone = PICK("phone");
	row.email = PICK("email");
#undef PICK
	int64_t changes = 0;
	rc = person_derive(&row, &d);
	if (!rc)
		rc = store_person_update(db, into, json_integer_value(json_object_get(a, "version")),
					 &row, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_CONFLICT;
	if (!rc)
		rc = audit_one(db, audit_key, who, "merge", into);
	if (!rc)
		rc = audit_one(db, audit_key, who, "merged", from);
	if (!rc)
		rc = db_tx_commit(db);
	if (!rc && ix) {
		person_index_remove(ix, from);
		index_put_person(db, ix, into, &row);
	}
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(a);
	json_decref(b);
	return rc;
}

static int index_load_one(void *arg, const struct store_person_index_row *r)
{
	struct person_index_entry e = {
		.id = r->id,
		.given_names = r->given_names,
		.family_name = r->family_name,
		.code = r->code,
		.birth_date = r->birth_date,
		.dept_ids = r->dept_ids,
		.n_depts = r->n_depts,
	};
	int rc = person_index_put(arg, &e);
	return rc == ERR_INVALID || rc == ERR_TOO_LARGE ? 0 : rc;
}

int person_index_load(struct db *db, struct person_index *ix, size_t *count)
{
	int rc = store_person_each(db, index_load_one, ix);
	if (rc)
		return rc;
	rc = person_index_prepare(ix);
	*count = person_index_count(ix);
	return rc;
}
