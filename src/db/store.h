/*
 * store.h - shared store helpers and the registry's SQL, one function per query
 * or small group of queries. Functions run on the caller's connection,
 * inside the caller's transaction if any, and know nothing of rules or
 * permissions: the domain decides, the store fetches and writes.
 *
 * Read models come back as jansson documents owned by the caller.
 */
#ifndef PAGALBA_DB_STORE_H
#define PAGALBA_DB_STORE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

/* Runs a single-row query "SELECT <one int> ..." with one int parameter
 * (or none when p1 is 0 and n_params is 0). Returns 0 and *out, or
 * ERR_NOT_FOUND when there is no row. */
int store_int1(struct db *db, const char *sql, int n_params, int64_t p1,
	       int64_t p2, int64_t *out);

/* The same for "SELECT <int>, <int> ... WHERE id = $1". */
int store_int2_by_id(struct db *db, const char *sql, int64_t id, int64_t *a,
		     int64_t *b);

/* Runs a statement with up to 3 int parameters; returns rows changed. */
int store_exec_ints(struct db *db, const char *sql, int n, int64_t a,
		    int64_t b, int64_t c, int64_t *changes);

struct db_stmt;

/* Builds a JSON array of objects from a prepared, bound statement. `names`
 * is a NULL-terminated list naming each column with an optional type
 * suffix: "id:i" integer, "flag:b" boolean, "lat:e6" micro-degrees as a
 * number, plain "name" text. SQL NULL becomes null. Steps the statement to
 * the end and always calls db_stmt_done. */
int store_rows_json(struct db_stmt *st, const char *const *names, json_t **out);
/* The same for one row: ERR_NOT_FOUND when there is none. */
int store_row_json(struct db_stmt *st, const char *const *names, json_t **out);

/* The commonest query shape: prepare `sql`, bind one integer as $1, and
 * return all rows (store_rows_by_int) or the one row (store_row_by_int). */
int store_rows_by_int(struct db *db, const char *sql, int64_t id,
		     const char *const *names, json_t **out);
int store_row_by_int(struct db *db, const char *sql, int64_t id,
		    const char *const *names, json_t **out);

/* Binds an optional reference: id, or NULL when id is 0. */
void store_bind_id_or_null(struct db_stmt *st, int idx, int64_t id);

/* Steps a prepared, bound "INSERT ... RETURNING id" and stores the id;
 * ERR_DB when no row came back. Always calls db_stmt_done. */
int store_step_id(struct db_stmt *st, int64_t *id);

/* Appends a snapshot of a record to record_history. */
int store_history_add(struct db *db, const char *entity, int64_t id,
		      int64_t version, int64_t by, const char *action,
		      json_t *snapshot);

/* ---- persons ---- */

struct store_person_row {
	const char *personal_code;
	const char *other_id_type;
	const char *other_id_number;
	int identified;
	const char *given_names;
	const char *family_name;
	const char *name_fold;
	const char *sort_key;
	const char *sex;
	const char *birth_date; /* "YYYY-MM-DD" or NULL */
	const char *phone;
	const char *email;
};

int store_person_insert(struct db *db, const struct store_person_row *r,
			int64_t created_by, const char *now, int64_t *id);
int store_person_update(struct db *db, int64_t id, int64_t expected_version,
			const struct store_person_row *r, const char *now,
			int64_t *changes);
/* The main row as a document (no linked records); NULL fields omitted
 * as null. ERR_NOT_FOUND if absent. */
int store_person_row(struct db *db, int64_t id, json_t **out);
/* The person's card version (person_card_versions, migration 0006): 0
 * when never changed since; says nothing about whether the id exists. */
int store_person_card_version(struct db *db, int64_t id, int64_t *out);
int store_person_code_owner(struct db *db, const char *code, int64_t *id);
int store_person_link_department(struct db *db, int64_t person_id,
				 int64_t dept_id, const char *since);

/* Visibility facts for the access decision. */
int store_person_in_department(struct db *db, int64_t person_id,
			       int64_t dept_id, int *yes);
/* The union of unexpired, unrevoked share parts for an institution, and
 * the purpose/legal basis of the newest one. parts 0 = none. */
int store_person_share_parts(struct db *db, int64_t person_id,
			     int64_t institution_id, const char *today,
			     char *parts_csv, size_t parts_cap, char *reason,
			     size_t reason_cap);

/* Linked records of a person, as arrays. */
int store_person_addresses(struct db *db, int64_t id, json_t **out);
int store_person_groups(struct db *db, int64_t id, json_t **out);
int store_person_relations(struct db *db, int64_t id, json_t **out);
int store_person_representatives(struct db *db, int64_t id, json_t **out);
int store_person_households(struct db *db, int64_t id, json_t **out);
int store_person_departments(struct db *db, int64_t id, json_t **out);

/* Short rows (id, names, birth date, sex, merged_into) for ids, in the
 * given order; ids not found are skipped. */
int store_person_summaries(struct db *db, const int64_t *ids, size_t n,
			   json_t **out);

/* A page in sort_key order after (after_key, after_id); dept_id 0 = all. */
int store_person_page(struct db *db, int64_t dept_id, const char *after_key,
		      int64_t after_id, int limit, json_t **out);

/* Moves every linked record of `from` to `into` and marks `from` merged. */
int store_person_merge(struct db *db, int64_t into, int64_t from,
		       const char *now);

/* Calls fn for every unmerged person with its departments. */
struct store_person_index_row {
	int64_t id;
	const char *given_names;
	const char *family_name;
	const char *code;
	int birth_date;
	const int64_t *dept_ids;
	size_t n_depts;
};
int store_person_each(struct db *db,
		      int (*fn)(void *arg, const struct store_person_index_row *r),
		      void *arg);

#endif
