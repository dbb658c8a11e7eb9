/*
 * store_person.c - SQL for the person registry.
 */
#include "core/err.h"
#include "core/text.h"
#include "db/db.h"
#include "db/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bind_row(struct db_stmt *st, int first, const struct store_person_row *r)
{
	db_bind_text(st, first + 0, r->personal_code);
	db_bind_text(st, first + 1, r->other_id_type);
	db_bind_text(st, first + 2, r->other_id_number);
	db_bind_int(st, first + 3, r->identified);
	db_bind_text(st, first + 4, r->given_names);
	db_bind_text(st, first + 5, r->family_name);
	db_bind_text(st, first + 6, r->name_fold);
	db_bind_text(st, first + 7, r->sort_key);
	db_bind_text(st, first + 8, r->sex);
	db_bind_text(st, first + 9, r->birth_date);
	db_bind_text(st, first + 10, r->phone);
	db_bind_text(st, first + 11, r->email);
}

int store_person_insert(struct db *db, const struct store_person_row *r,
			int64_t created_by, const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO persons (personal_code, other_id_type, other_id_number, identified,"
			    " given_names, family_name, name_fold, sort_key, sex, birth_date, phone, email,"
			    " created_by, created_at, updated_at, version)"
			    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, 1)"
			    " RETURNING id",
			    &st);
	if (rc)
		return rc;
	bind_row(st, 1, r);
	if (created_by)
		db_bind_int(st, 13, created_by);
	else
		db_bind_null(st, 13);
	db_bind_text(st, 14, now);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_DB;
	}
	db_stmt_done(st);
	return rc;
}

int store_person_update(struct db *db, int64_t id, int64_t expected_version,
			const struct store_person_row *r, const char *now,
			int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE persons SET personal_code = $1, other_id_type = $2, other_id_number = $3,"
			    " identified = $4, given_names = $5, family_name = $6, name_fold = $7, sort_key = $8,"
			    " sex = $9, birth_date = $10, phone = $11, email = $12, updated_at = $13,"
			    " version = version + 1"
			    " WHERE id = $14 AND version = $15 AND merged_into IS NULL",
			    &st);
	if (rc)
		return rc;
	bind_row(st, 1, r);
	db_bind_text(st, 13, now);
	db_bind_int(st, 14, id);
	db_bind_int(st, 15, expected_version);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	*changes = db_changes(db);
	return 0;
}

static const char *const person_cols[] = {
	"id:i", "personal_code", "other_id_type", "other_id_number",
	"identified:b", "given_names", "family_name", "sex", "birth_date",
	"phone", "email", "merged_into:i", "created_at", "updated_at",
	"version:i", NULL};

int store_person_row(struct db *db, int64_t id, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, personal_code, other_id_type, other_id_number, identified,"
			    " given_names, family_name, sex, birth_date, phone, email, merged_into,"
			    " created_at, updated_at, version FROM persons WHERE id = $1",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	return store_row_json(st, person_cols, out);
}

int store_person_card_version(struct db *db, int64_t id, int64_t *out)
{
	/* No row: never changed since migration 0006, version 0. */
	int rc = store_int1(db, "SELECT version FROM person_card_versions WHERE person_id = $1", 1, id, 0, out);
	if (rc == ERR_NOT_FOUND) {
		*out = 0;
		rc = 0;
	}
	return rc;
}

int store_person_code_owner(struct db *db, const char *code, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT id FROM persons WHERE personal_code = $1", &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, code);
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

int store_person_link_department(struct db *db, int64_t person_id,
				 int64_t dept_id, const char *since)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO person_departments (person_id, department_id, since) VALUES ($1, $2, $3)"
			    " ON CONFLICT (person_id, department_id) DO NOTHING",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, dept_id);
	db_bind_text(st, 3, since);
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int store_person_in_department(struct db *db, int64_t person_id,
			       int64_t dept_id, int *yes)
{
	int64_t one;
	int rc = store_int1(db, "SELECT 1 FROM person_departments WHERE person_id = $1 AND department_id = $2",
			    2, person_id, dept_id, &one);
	if (rc == ERR_NOT_FOUND) {
		*yes = 0;
		return 0;
	}
	*yes = rc == 0;
	return rc;
}

int store_person_share_parts(struct db *db, int64_t person_id,
			     int64_t institution_id, const char *today,
			     char *parts_csv, size_t parts_cap, char *reason,
			     size_t reason_cap)
{
	struct db_stmt *st;
	size_t len = 0;
	int rc = db_prepare(db,
			    "SELECT parts, purpose, legal_basis FROM shares"
			    " WHERE person_id = $1 AND institution_id = $2 AND revoked_at IS NULL"
			    " AND valid_until >= $3 ORDER BY id DESC",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, institution_id);
	db_bind_text(st, 3, today);
	parts_csv[0] = '\0';
	reason[0] = '\0';
	while ((rc = db_step(st)) == DB_ROW) {
		const char *p = db_col_text(st, 0);
		if (!reason[0]) {
			/* The legal basis must survive; the purpose is cut at a
			 * character boundary to make room. */
			const char *purpose = db_col_text(st, 1);
			const char *basis = db_col_text(st, 2);
			size_t room = reason_cap > strlen(basis) + 3 ? reason_cap - strlen(basis) - 3 : 0;
			int n = (int)utf8_cut(purpose, room);
			snprintf(reason, reason_cap, "%.*s; %s", n, purpose, basis);
		}
		int n = snprintf(parts_csv + len, parts_cap - len, "%s%s",
				 len ? "," : "", p);
		if (n < 0 || (size_t)n >= parts_cap - len)
			break;
		len += (size_t)n;
	}
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int store_person_addresses(struct db *db, int64_t id, json_t **out)
{
	static const char *const cols[] = {"id:i", "kind", "line", "city",
		"municipality", "postal_code", "lat:e6", "lon:e6", "valid_from",
		"valid_to", NULL};
	return store_rows_by_int(db, "SELECT id, kind, line, city, municipality, postal_code, lat_e6, lon_e6, valid_from, valid_to FROM addresses WHERE person_id = $1 ORDER BY id", id, cols, out);
}

int store_person_groups(struct db *db, int64_t id, json_t **out)
{
	static const char *const cols[] = {"id:i", "code", "name_lt", "name_en",
		"date_from", "date_to", NULL};
	return store_rows_by_int(db, "SELECT g.id, g.group_code, r.name_lt, r.name_en, g.date_from, g.date_to FROM person_groups g JOIN recipient_groups r ON r.code = g.group_code WHERE g.person_id = $1 ORDER BY g.date_from, g.id", id, cols, out);
}

int store_person_relations(struct db *db, int64_t id, json_t **out)
{
	static const char *const cols[] = {"id:i", "kind", "person_id:i",
		"given_names", "family_name", "birth_date", NULL};
	return store_rows_by_int(db, "SELECT r.id, r.kind, p.id, p.given_names, p.family_name, p.birth_date FROM relations r JOIN persons p ON p.id = r.related_id WHERE r.person_id = $1 ORDER BY p.sort_key, p.id", id, cols, out);
}

int store_person_representatives(struct db *db, int64_t id, json_t **out)
{
	static const char *const cols[] = {"id:i", "kind", "person_id:i",
		"given_names", "family_name", "document", "date_from", "date_to",
		NULL};
	return store_rows_by_int(db, "SELECT r.id, r.kind, p.id, p.given_names, p.family_name, r.document, r.date_from, r.date_to FROM representatives r JOIN persons p ON p.id = r.representative_id WHERE r.person_id = $1 ORDER BY r.id", id, cols, out);
}

int store_person_households(struct db *db, int64_t id, json_t **out)
{
	static const char *const cols[] = {"id:i", "name", "role", NULL};
	return store_rows_by_int(db, "SELECT h.id, h.name, m.role FROM household_members m JOIN households h ON h.id = m.household_id WHERE m.person_id = $1 ORDER BY h.id", id, cols, out);
}

int store_person_departments(struct db *db, int64_t id, json_t **out)
{
	static const char *const cols[] = {"id:i", "code", "name_lt", "name_en",
		"since", NULL};
	return store_rows_by_int(db, "SELECT d.id, d.code, d.name_lt, d.name_en, pd.since FROM person_departments pd JOIN departments d ON d.id = pd.department_id WHERE pd.person_id = $1 ORDER BY d.id", id, cols, out);
}

static const char *const summary_cols[] = {"id:i", "given_names",
	"family_name", "birth_date", "sex", "identified:b", NULL};

/* Up to STORE_SUMMARY_BATCH ids per query; unused slots bind 0, which is
 * never an id, so one statement text serves every page size. */
#define STORE_SUMMARY_BATCH 50

int store_person_summaries(struct db *db, const int64_t *ids, size_t n,
			   json_t **out)
{
	json_t *arr = json_array();
	json_t *found = json_object();
	int rc = 0;
	for (size_t base = 0; base < n && !rc; base += STORE_SUMMARY_BATCH) {
		struct db_stmt *st;
		json_t *rows = NULL;
		rc = db_prepare(db, "SELECT id, given_names, family_name, birth_date, sex, identified FROM persons"
				    " WHERE merged_into IS NULL AND id IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49, $50)", &st);
		if (rc)
			break;
		for (int i = 0; i < STORE_SUMMARY_BATCH; i++)
			db_bind_int(st, i + 1, base + (size_t)i < n ? ids[base + (size_t)i] : 0);
		rc = store_rows_json(st, summary_cols, &rows);
		if (rc)
			break;
		size_t k;
		json_t *row;
		json_array_foreach(rows, k, row) {
			char key[24];
			snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(json_object_get(row, "id")));
			json_object_set(found, key, row);
		}
		json_decref(rows);
	}
	/* Back into the caller's order (the search index's ranking). */
	for (size_t i = 0; i < n && !rc; i++) {
		char key[24];
		snprintf(key, sizeof(key), "%lld", (long long)ids[i]);
		json_t *row = json_object_get(found, key);
		if (row)
			json_array_append(arr, row);
	}
	json_decref(found);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_person_page(struct db *db, int64_t dept_id, const char *after_key,
		      int64_t after_id, int limit, json_t **out)
{
	struct db_stmt *st;
	int rc;
	static const char *const cols[] = {"id:i", "given_names", "family_name",
		"birth_date", "sex", "identified:b", "sort_key", NULL};
	if (dept_id) {
		rc = db_prepare(db,
				"SELECT p.id, p.given_names, p.family_name, p.birth_date, p.sex, p.identified, p.sort_key"
				" FROM persons p WHERE p.merged_into IS NULL"
				" AND EXISTS (SELECT 1 FROM person_departments pd WHERE pd.person_id = p.id AND pd.department_id = $4)"
				" AND (p.sort_key > $1 OR (p.sort_key = $1 AND p.id > $2))"
				" ORDER BY p.sort_key, p.id LIMIT $3",
				&st);
	} else {
		rc = db_prepare(db,
				"SELECT p.id, p.given_names, p.family_name, p.birth_date, p.sex, p.identified, p.sort_key"
				" FROM persons p WHERE p.merged_into IS NULL"
				" AND (p.sort_key > $1 OR (p.sort_key = $1 AND p.id > $2))"
				" ORDER BY p.sort_key, p.id LIMIT $3",
				&st);
	}
	if (rc)
		return rc;
	db_bind_text(st, 1, after_key ? after_key : "");
	db_bind_int(st, 2, after_id);
	db_bind_int(st, 3, limit);
	if (dept_id)
		db_bind_int(st, 4, dept_id);
	return store_rows_json(st, cols, out);
}

int store_person_merge(struct db *db, int64_t into, int64_t from, const char *now)
{
	static const char *const moves[] = {
		"UPDATE addresses SET person_id = $1 WHERE person_id = $2",
		"UPDATE person_groups SET person_id = $1 WHERE person_id = $2",
		"UPDATE representatives SET person_id = $1 WHERE person_id = $2",
		"UPDATE representatives SET representative_id = $1 WHERE representative_id = $2",
		"UPDATE person_notes SET person_id = $1 WHERE person_id = $2",
		"UPDATE shares SET person_id = $1 WHERE person_id = $2",
		/* Links that may already exist for `into` are copied then
		 * dropped, so the unique keys hold. */
		"INSERT INTO person_departments (person_id, department_id, since) SELECT $1, department_id, since FROM person_departments WHERE person_id = $2 ON CONFLICT (person_id, department_id) DO NOTHING",
		/* `from` keeps its department links: the merged record stays
		 * readable, as a pointer to `into`, to the same people. */
		"INSERT INTO household_members (household_id, person_id, role) SELECT household_id, $1, role FROM household_members WHERE person_id = $2 ON CONFLICT (household_id, person_id) DO NOTHING",
		"DELETE FROM household_members WHERE person_id = $2 AND $1 > 0",
		"INSERT INTO relations (person_id, related_id, kind) SELECT $1, related_id, kind FROM relations WHERE person_id = $2 AND related_id <> $1 ON CONFLICT (person_id, related_id, kind) DO NOTHING",
		"INSERT INTO relations (person_id, related_id, kind) SELECT person_id, $1, kind FROM relations WHERE related_id = $2 AND person_id <> $1 ON CONFLICT (person_id, related_id, kind) DO NOTHING",
		"DELETE FROM relations WHERE (person_id = $2 OR related_id = $2) AND $1 > 0",
	};
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		int rc = store_exec_ints(db, moves[i], 2, into, from, 0, NULL);
		if (rc)
			return rc;
	}
	struct db_stmt *st;
	int rc = db_prepare(db, "UPDATE persons SET merged_into = $1, personal_code = NULL, updated_at = $3, version = version + 1 WHERE id = $2", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, into);
	db_bind_int(st, 2, from);
	db_bind_text(st, 3, now);
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int store_person_each(struct db *db,
		      int (*fn)(void *arg, const struct store_person_index_row *r),
		      void *arg)
{
	struct db_stmt *st;
	int64_t depts[64];
	struct store_person_index_row row;
	int64_t cur = 0;
	char given[512], family[512], code[16];
	int rc = db_prepare(db,
			    "SELECT p.id, p.given_names, p.family_name, p.personal_code, p.birth_date, pd.department_id"
			    " FROM persons p LEFT JOIN person_departments pd ON pd.person_id = p.id"
			    " WHERE p.merged_into IS NULL ORDER BY p.id",
			    &st);
	if (rc)
		return rc;
	memset(&row, 0, sizeof(row));
	row.dept_ids = depts;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		if (id != cur) {
			if (cur) {
				rc = fn(arg, &row);
				if (rc)
					break;
			}
			cur = id;
			row.id = id;
			snprintf(given, sizeof(given), "%s", db_col_text(st, 1));
			snprintf(family, sizeof(family), "%s", db_col_text(st, 2));
			const char *c = db_col_text(st, 3);
			snprintf(code, sizeof(code), "%s", c ? c : "");
			row.given_names = given;
			row.family_name = family;
			row.code = code[0] ? code : NULL;
			const char *b = db_col_text(st, 4);
			row.birth_date = b && strlen(b) == 10
						 ? atoi(b) * 10000 + atoi(b + 5) * 100 + atoi(b + 8)
						 : 0;
			row.n_depts = 0;
		}
		if (!db_col_is_null(st, 5) && row.n_depts < 64)
			depts[row.n_depts++] = db_col_int(st, 5);
	}
	if (rc == DB_DONE && cur)
		rc = fn(arg, &row);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}
