/*
 * store_cw.c - SQL for child welfare work. See store_cw.h.
 *
 * The tables written from records have one descriptor each: the table,
 * the writable columns (bound as $1..$n from the record, in this order),
 * the parent column for store_cw_children and whether the table is
 * versioned. The insert, update and read statements are composed from
 * the descriptor, so a column is named once; the composed text is the
 * same every time, so the connection's statement cache serves it.
 */
#include "db/store_cw.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SQL_MAX 1024
#define COLS_MAX 16

struct cw_table {
	const char *table;
	const char *const *cols; /* "name", "name:i" id/integer, "name:b" flag */
	const char *parent;      /* column for store_cw_children */
	int versioned;
};

static const char *const member_cols[] = {
	"person_name", "institution_id:i", "user_id:i", "commission_role",
	"date_from", "date_to", NULL};
static const char *const meeting_cols[] = {
	"kind", "meeting_date", "place", "topic", "organiser_institution_id:i",
	"minutes", "conclusions", "created_by:i", NULL};
static const char *const question_cols[] = {
	"meeting_id:i", "ordinal:i", "subject", "child_id:i", "household_id:i",
	"title", "description", "raised_by_institution_id:i", "raised_by_name",
	"proposal", "decision", NULL};
static const char *const followup_cols[] = {
	"meeting_id:i", "question_id:i", "task", "institution_id:i", "due_date",
	"done_on", NULL};
static const char *const measure_cols[] = {
	"order_id:i", "child_id:i", "type_code", "date_from", "date_to",
	"status", "evaluation", "evaluation_reasons", "evaluated_on",
	"evaluated_by:i", NULL};
static const char *const participant_cols[] = {
	"meeting_id:i", "institution_id:i", "member_id:i", "name", "present:b", NULL};
static const char *const order_cols[] = {
	"number", "order_date", "kind", "subject", "child_id:i",
	"special_educational_needs:b", "question_id:i", "note", "created_by:i", NULL};
static const char *const task_cols[] = {
	"measure_id:i", "task", "institution_id:i", "due_date", "created_by:i", NULL};
static const char *const note_cols[] = {
	"measure_id:i", "institution_id:i", "author_id:i", "body", NULL};
static const char *const staffdev_cols[] = {
	"kind", "event_date", "organiser", "topic", "hours_x100:i",
	"department_id:i", "created_by:i", NULL};
static const char *const plan_item_cols[] = {
	"year:i", "ordinal:i", "text", "due_date", "institution_id:i", NULL};
static const char *const function_cols[] = {
	"user_id:i", "function", "date_from", "date_to", NULL};

static const struct cw_table tables[STORE_CW__COUNT] = {
	[STORE_CW_MEMBER] = {"commission_members", member_cols, "institution_id", 1},
	[STORE_CW_MEETING] = {"cw_meetings", meeting_cols, "organiser_institution_id", 1},
	[STORE_CW_QUESTION] = {"cw_questions", question_cols, "meeting_id", 1},
	[STORE_CW_FOLLOWUP] = {"cw_followups", followup_cols, "meeting_id", 1},
	[STORE_CW_MEASURE] = {"cw_measures", measure_cols, "order_id", 1},
	[STORE_CW_PARTICIPANT] = {"cw_meeting_participants", participant_cols, "meeting_id", 0},
	[STORE_CW_ORDER] = {"cw_orders", order_cols, "child_id", 0},
	[STORE_CW_TASK] = {"cw_measure_tasks", task_cols, "measure_id", 0},
	[STORE_CW_NOTE] = {"cw_progress_notes", note_cols, "measure_id", 0},
	[STORE_CW_STAFFDEV] = {"staffdev_events", staffdev_cols, "department_id", 0},
	[STORE_CW_PLAN_ITEM] = {"commission_plan_items", plan_item_cols, "year", 0},
	[STORE_CW_FUNCTION] = {"cw_functions", function_cols, "user_id", 1},
};

static int rows_by_texts(struct db *db, const char *sql, const char *const *p,
			 int n, const char *const *names, json_t **out);

int store_cw_versioned(enum store_cw_kind k)
{
	return (unsigned)k < STORE_CW__COUNT && tables[k].versioned;
}

/* The column's name without its type suffix, into out. */
static const char *col_name(const char *spec, char *out, size_t cap)
{
	const char *colon = strchr(spec, ':');
	size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, spec, n);
	out[n] = '\0';
	return out;
}

/* Appends text to a composed statement. The statements are short and
 * fixed by the descriptors, so running out of room is a bug. */
static int sql_str(char *sql, size_t *len, const char *s)
{
	size_t n = strlen(s);
	if (n >= SQL_MAX - *len)
		return ERR_INTERNAL;
	memcpy(sql + *len, s, n + 1);
	*len += n;
	return 0;
}

/* Appends each string up to a NULL. */
static int sql_cat(char *sql, size_t *len, ...)
{
	va_list ap;
	const char *p;
	int rc = 0;
	va_start(ap, len);
	while (!rc && (p = va_arg(ap, const char *)) != NULL)
		rc = sql_str(sql, len, p);
	va_end(ap);
	return rc;
}

/* Appends the parameter "$n". */
static int sql_param(char *sql, size_t *len, int n)
{
	char p[16];
	snprintf(p, sizeof(p), "$%d", n);
	return sql_str(sql, len, p);
}

/* The descriptor's columns as "c1, c2, " (with_params 0), "$1, $2, "
 * (1) or "c1 = $1, c2 = $2, " (2). */
static int sql_cols(char *sql, size_t *len, const struct cw_table *t,
		    int with_params)
{
	char name[64];
	int rc = 0;
	for (int i = 0; !rc && t->cols[i]; i++) {
		if (with_params != 1)
			rc = sql_str(sql, len, col_name(t->cols[i], name, sizeof(name)));
		if (!rc && with_params == 2)
			rc = sql_str(sql, len, " = ");
		if (!rc && with_params)
			rc = sql_param(sql, len, i + 1);
		if (!rc)
			rc = sql_str(sql, len, ", ");
	}
	return rc;
}

/* The names for store_row_json: id, the columns, created_at (updated_at,
 * version). */
static void read_names(const struct cw_table *t, const char **names)
{
	int n = 0;
	names[n++] = "id:i";
	for (int i = 0; t->cols[i] && n < COLS_MAX; i++)
		names[n++] = t->cols[i];
	names[n++] = "created_at";
	if (t->versioned) {
		names[n++] = "updated_at";
		names[n++] = "version:i";
	}
	names[n] = NULL;
}

/* "SELECT id, c1, ..., created_at[, updated_at, version] FROM t". */
static int sql_select(char *sql, size_t *len, const struct cw_table *t)
{
	int rc = sql_str(sql, len, "SELECT id, ");
	if (!rc)
		rc = sql_cols(sql, len, t, 0);
	if (!rc)
		rc = sql_cat(sql, len, t->versioned ? "created_at, updated_at, version" : "created_at",
			     " FROM ", t->table, NULL);
	return rc;
}

static void bind_cols(struct db_stmt *st, const json_t *rec, const char *const *cols)
{
	for (int i = 0; cols[i]; i++) {
		char name[64];
		json_t *v = json_object_get(rec, col_name(cols[i], name, sizeof(name)));
		if (!v || json_is_null(v))
			db_bind_null(st, i + 1);
		else if (json_is_boolean(v))
			db_bind_int(st, i + 1, json_is_true(v));
		else if (json_is_integer(v))
			db_bind_int(st, i + 1, json_integer_value(v));
		else
			db_bind_text(st, i + 1, json_string_value(v));
	}
}

static int ncols(const struct cw_table *t)
{
	int n = 0;
	while (t->cols[n])
		n++;
	return n;
}

/* Prepares sql and binds its parameters from the arguments: types has one
 * letter per parameter, 'i' an int64_t, 't' a text (NULL binds NULL). */
static int prepare_args(struct db *db, struct db_stmt **st, const char *sql,
			const char *types, ...)
{
	va_list ap;
	int rc = db_prepare(db, sql, st);
	if (rc)
		return rc;
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 'i')
			db_bind_int(*st, i + 1, va_arg(ap, int64_t));
		else
			db_bind_text(*st, i + 1, va_arg(ap, const char *));
	}
	va_end(ap);
	return 0;
}

/* Steps a statement to its end; 0 or the error. */
static int step_done(struct db_stmt *st)
{
	int rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* Steps a one-integer query: *out, or ERR_NOT_FOUND without a row. */
static int step_int(struct db_stmt *st, int64_t *out)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*out = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_cw_insert(struct db *db, enum store_cw_kind k, const json_t *rec,
		    const char *now, int64_t *id)
{
	char sql[SQL_MAX], pnow[16];
	size_t len = 0;
	struct db_stmt *st;
	if ((unsigned)k >= STORE_CW__COUNT)
		return ERR_INTERNAL;
	const struct cw_table *t = &tables[k];
	int n = ncols(t), v = t->versioned;
	snprintf(pnow, sizeof(pnow), "$%d", n + 1);
	int rc = sql_cat(sql, &len, "INSERT INTO ", t->table, " (", NULL);
	if (!rc)
		rc = sql_cols(sql, &len, t, 0);
	if (!rc)
		rc = sql_cat(sql, &len, v ? "created_at, updated_at, version" : "created_at", ") VALUES (", NULL);
	if (!rc)
		rc = sql_cols(sql, &len, t, 1);
	if (!rc)
		rc = sql_cat(sql, &len, pnow, v ? ", " : "", v ? pnow : "", v ? ", 1" : "", ") RETURNING id", NULL);
	if (rc || (rc = db_prepare(db, sql, &st)))
		return rc;
	bind_cols(st, rec, t->cols);
	db_bind_text(st, n + 1, now);
	rc = step_int(st, id);
	return rc == ERR_NOT_FOUND ? ERR_DB : rc;
}

int store_cw_update(struct db *db, enum store_cw_kind k, int64_t id,
		    int64_t expected, const json_t *rec, const char *now,
		    int64_t *changes)
{
	char sql[SQL_MAX], p1[16], p2[16], p3[16];
	size_t len = 0;
	struct db_stmt *st;
	if (!store_cw_versioned(k))
		return ERR_INTERNAL;
	const struct cw_table *t = &tables[k];
	int n = ncols(t);
	snprintf(p1, sizeof(p1), "$%d", n + 1);
	snprintf(p2, sizeof(p2), "$%d", n + 2);
	snprintf(p3, sizeof(p3), "$%d", n + 3);
	int rc = sql_cat(sql, &len, "UPDATE ", t->table, " SET ", NULL);
	if (!rc)
		rc = sql_cols(sql, &len, t, 2);
	if (!rc)
		rc = sql_cat(sql, &len, "updated_at = ", p1, ", version = version + 1 WHERE id = ", p2,
			     " AND version = ", p3, NULL);
	if (rc || (rc = db_prepare(db, sql, &st)))
		return rc;
	bind_cols(st, rec, t->cols);
	db_bind_text(st, n + 1, now);
	db_bind_int(st, n + 2, id);
	db_bind_int(st, n + 3, expected);
	rc = step_done(st);
	if (!rc)
		*changes = db_changes(db);
	return rc;
}

int store_cw_get(struct db *db, enum store_cw_kind k, int64_t id,
		 json_t **out)
{
	char sql[SQL_MAX];
	const char *names[COLS_MAX + 5];
	size_t len = 0;
	if ((unsigned)k >= STORE_CW__COUNT)
		return ERR_INTERNAL;
	int rc = sql_select(sql, &len, &tables[k]);
	if (!rc)
		rc = sql_str(sql, &len, " WHERE id = $1");
	if (rc)
		return rc;
	read_names(&tables[k], names);
	return store_row_by_int(db, sql, id, names, out);
}

int store_cw_children(struct db *db, enum store_cw_kind k, int64_t parent_id,
		      json_t **out)
{
	char sql[SQL_MAX];
	const char *names[COLS_MAX + 5];
	size_t len = 0;
	if ((unsigned)k >= STORE_CW__COUNT)
		return ERR_INTERNAL;
	int rc = sql_select(sql, &len, &tables[k]);
	if (!rc)
		rc = sql_cat(sql, &len, " WHERE ", tables[k].parent, " = $1 ORDER BY id", NULL);
	if (rc)
		return rc;
	read_names(&tables[k], names);
	return store_rows_by_int(db, sql, parent_id, names, out);
}

int store_cw_exists(struct db *db, const char *table, int64_t id, int *yes)
{
	static const char *const allowed[] = {
		"institutions", "users", "persons", "households", "departments",
		"staff", "commission_members", "cw_questions", NULL};
	char sql[128];
	int64_t found;
	int ok = 0;
	for (int i = 0; allowed[i]; i++)
		if (!strcmp(allowed[i], table))
			ok = 1;
	if (!ok)
		return ERR_INVALID;
	snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE id = $1", table);
	int rc = store_int1(db, sql, 1, id, 0, &found);
	*yes = rc == 0;
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

/* One text column of the single row a one-parameter query finds. */
static int text1(struct db *db, const char *sql, const char *p1, int64_t i1,
		 char *out, size_t cap)
{
	struct db_stmt *st;
	int rc = p1 ? prepare_args(db, &st, sql, "t", p1) : prepare_args(db, &st, sql, "i", i1);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		const char *s = db_col_text(st, 0);
		snprintf(out, cap, "%s", s ? s : "");
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_cw_measure_type(struct db *db, const char *code, char *subject,
			  size_t cap)
{
	return text1(db, "SELECT subject FROM cw_measure_types WHERE code = $1 AND active = 1",
		     code, 0, subject, cap);
}

int store_cw_measure_types(struct db *db, json_t **out)
{
	static const char *const names[] = {"code", "subject", "name_lt", "name_en",
		"active:b", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT code, subject, name_lt, name_en, active FROM cw_measure_types"
			    " ORDER BY position", &st);
	if (rc)
		return rc;
	return store_rows_json(st, names, out);
}

int store_cw_birth_date(struct db *db, int64_t person_id, char *out,
			size_t cap)
{
	return text1(db, "SELECT birth_date FROM persons WHERE id = $1", NULL, person_id, out, cap);
}

int store_cw_order_by_number(struct db *db, const char *number, int64_t *id)
{
	struct db_stmt *st;
	int rc = prepare_args(db, &st, "SELECT id FROM cw_orders WHERE number = $1", "t", number);
	return rc ? rc : step_int(st, id);
}

int store_cw_next_ordinal(struct db *db, int64_t meeting_id, int64_t *out)
{
	return store_int1(db, "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM cw_questions WHERE meeting_id = $1",
			  1, meeting_id, 0, out);
}

int store_cw_participants_clear(struct db *db, int64_t meeting_id)
{
	int64_t changes;
	return store_exec_ints(db, "DELETE FROM cw_meeting_participants WHERE meeting_id = $1", 1,
			       meeting_id, 0, 0, &changes);
}

int store_cw_next_plan_ordinal(struct db *db, int64_t year, int64_t *out)
{
	return store_int1(db, "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM commission_plan_items WHERE year = $1",
			  1, year, 0, out);
}

int store_cw_staffdev_events(struct db *db, const char *from, const char *to,
			     json_t **out)
{
	static const char *const names[] = {"id:i", "kind", "event_date", "organiser", "topic",
		"hours_x100:i", "department_id:i", NULL};
	const char *p[] = {from, to};
	return rows_by_texts(db, "SELECT id, kind, event_date, organiser, topic, hours_x100, department_id"
			     " FROM staffdev_events WHERE event_date >= $1 AND event_date <= $2"
			     " ORDER BY event_date DESC, id DESC", p, 2, names, out);
}

int store_cw_executor_add(struct db *db, int64_t measure_id, int64_t inst)
{
	int64_t changes;
	return store_exec_ints(db, "INSERT INTO cw_measure_executors (measure_id, institution_id)"
			       " VALUES ($1, $2) ON CONFLICT DO NOTHING", 2, measure_id, inst, 0,
			       &changes);
}

int store_cw_executors_clear(struct db *db, int64_t measure_id)
{
	int64_t changes;
	return store_exec_ints(db, "DELETE FROM cw_measure_executors WHERE measure_id = $1", 1,
			       measure_id, 0, 0, &changes);
}

int store_cw_executors(struct db *db, int64_t measure_id, json_t **out)
{
	static const char *const names[] = {"id:i", "name", "partner_type", NULL};
	return store_rows_by_int(db, "SELECT i.id, i.name, i.partner_type FROM cw_measure_executors e"
				 " JOIN institutions i ON i.id = e.institution_id WHERE e.measure_id = $1"
				 " ORDER BY i.id", measure_id, names, out);
}

int store_cw_is_executor(struct db *db, int64_t measure_id, int64_t inst,
			 int *yes)
{
	int64_t one;
	int rc = store_int1(db, "SELECT 1 FROM cw_measure_executors WHERE measure_id = $1"
			    " AND institution_id = $2", 2, measure_id, inst, &one);
	*yes = rc == 0;
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

int store_cw_representative_add(struct db *db, int64_t order_id,
				int64_t person_id)
{
	int64_t changes;
	return store_exec_ints(db, "INSERT INTO cw_order_representatives (order_id, person_id)"
			       " VALUES ($1, $2) ON CONFLICT DO NOTHING", 2, order_id, person_id, 0,
			       &changes);
}

int store_cw_representatives(struct db *db, int64_t order_id, json_t **out)
{
	static const char *const names[] = {"person_id:i", NULL};
	return store_rows_by_int(db, "SELECT person_id FROM cw_order_representatives WHERE order_id = $1"
				 " ORDER BY person_id", order_id, names, out);
}

int store_cw_order_measure_add(struct db *db, int64_t order_id,
			       int64_t measure_id, const char *action,
			       const char *from, const char *to)
{
	struct db_stmt *st;
	int rc = prepare_args(db, &st, "INSERT INTO cw_order_measures (order_id, measure_id, action,"
			      " date_from, date_to) VALUES ($1, $2, $3, $4, $5)", "iittt",
			      order_id, measure_id, action, from, to);
	return rc ? rc : step_done(st);
}

int store_cw_order_measures(struct db *db, int64_t order_id, json_t **out)
{
	static const char *const names[] = {"measure_id:i", "action", "date_from", "date_to",
		"type_code", NULL};
	return store_rows_by_int(db, "SELECT om.measure_id, om.action, om.date_from, om.date_to, m.type_code"
				 " FROM cw_order_measures om JOIN cw_measures m ON m.id = om.measure_id"
				 " WHERE om.order_id = $1 ORDER BY om.measure_id", order_id, names, out);
}

int store_cw_measure_orders(struct db *db, int64_t measure_id, json_t **out)
{
	static const char *const names[] = {"order_id:i", "number", "order_date", "action",
		"date_from", "date_to", NULL};
	return store_rows_by_int(db, "SELECT om.order_id, o.number, o.order_date, om.action, om.date_from,"
				 " om.date_to FROM cw_order_measures om JOIN cw_orders o ON o.id = om.order_id"
				 " WHERE om.measure_id = $1 ORDER BY o.order_date, o.id", measure_id, names, out);
}

int store_cw_staffdev_participant_add(struct db *db, int64_t event_id,
				      int64_t staff_id, int64_t hours_x100,
				      const char *certificate)
{
	struct db_stmt *st;
	int rc = prepare_args(db, &st, "INSERT INTO staffdev_participants (event_id, staff_id,"
			      " hours_x100, certificate) VALUES ($1, $2, $3, $4)", "iiit",
			      event_id, staff_id, hours_x100, certificate);
	return rc ? rc : step_done(st);
}

int store_cw_staffdev_participants(struct db *db, int64_t event_id,
				   json_t **out)
{
	static const char *const names[] = {"staff_id:i", "given_names", "family_name",
		"hours_x100:i", "certificate", NULL};
	return store_rows_by_int(db, "SELECT p.staff_id, s.given_names, s.family_name, p.hours_x100,"
				 " p.certificate FROM staffdev_participants p JOIN staff s ON s.id = p.staff_id"
				 " WHERE p.event_id = $1 ORDER BY s.sort_key, s.id", event_id, names, out);
}

int store_cw_is_member(struct db *db, int64_t user_id, const char *date,
		       int *yes)
{
	struct db_stmt *st;
	int64_t one;
	int rc = prepare_args(db, &st, "SELECT 1 FROM commission_members WHERE user_id = $1"
			      " AND date_from <= $2 AND (date_to IS NULL OR date_to >= $2)", "it",
			      user_id, date);
	if (!rc)
		rc = step_int(st, &one);
	*yes = rc == 0;
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

int store_cw_has_function(struct db *db, int64_t user_id, const char *function,
			  const char *date, int *yes)
{
	struct db_stmt *st;
	int64_t one;
	int rc = prepare_args(db, &st, "SELECT 1 FROM cw_functions WHERE user_id = $1 AND function = $2"
			      " AND date_from <= $3 AND (date_to IS NULL OR date_to >= $3)", "itt",
			      user_id, function, date);
	if (!rc)
		rc = step_int(st, &one);
	*yes = rc == 0;
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

int store_cw_functions(struct db *db, json_t **out)
{
	static const char *const names[] = {"id:i", "user_id:i", "display_name", "function", "date_from",
		"date_to", "version:i", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT f.id, f.user_id, u.display_name, f.function, f.date_from, f.date_to,"
			    " f.version FROM cw_functions f JOIN users u ON u.id = f.user_id ORDER BY f.id", &st);
	return rc ? rc : store_rows_json(st, names, out);
}

int store_cw_is_participant(struct db *db, int64_t meeting_id, int64_t inst,
			    int *yes)
{
	int64_t one;
	int rc = store_int1(db, "SELECT 1 FROM cw_meeting_participants WHERE meeting_id = $1"
			    " AND institution_id = $2 LIMIT 1", 2, meeting_id, inst, &one);
	*yes = rc == 0;
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

/* Runs sql with text parameters p[0..n-1] and returns its rows. */
static int rows_by_texts(struct db *db, const char *sql, const char *const *p,
			 int n, const char *const *names, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++)
		db_bind_text(st, i + 1, p[i]);
	return store_rows_json(st, names, out);
}

int store_cw_meetings(struct db *db, const char *kind, const char *from,
		      const char *to, json_t **out)
{
	static const char *const names[] = {"id:i", "kind", "meeting_date", "place", "topic",
		"organiser_institution_id:i", "questions:i", "version:i", NULL};
	const char *p[] = {kind, from, to};
	return rows_by_texts(db, "SELECT m.id, m.kind, m.meeting_date, m.place, m.topic,"
			     " m.organiser_institution_id, (SELECT COUNT(*) FROM cw_questions q"
			     " WHERE q.meeting_id = m.id), m.version FROM cw_meetings m"
			     " WHERE (m.kind = $1 OR $1 = '') AND m.meeting_date >= $2 AND m.meeting_date <= $3"
			     " ORDER BY m.meeting_date DESC, m.id DESC", p, 3, names, out);
}

int store_cw_members(struct db *db, const char *date, json_t **out)
{
	static const char *const names[] = {"id:i", "person_name", "institution_id:i",
		"institution", "user_id:i", "commission_role", "date_from", "date_to",
		"version:i", NULL};
	const char *p[] = {date};
	return rows_by_texts(db, "SELECT m.id, m.person_name, m.institution_id, i.name, m.user_id,"
			     " m.commission_role, m.date_from, m.date_to, m.version"
			     " FROM commission_members m JOIN institutions i ON i.id = m.institution_id"
			     " WHERE $1 = '' OR (m.date_from <= $1 AND (m.date_to IS NULL OR m.date_to >= $1))"
			     " ORDER BY m.id", p, 1, names, out);
}

int store_cw_followups_due(struct db *db, const char *to, int64_t inst,
			   json_t **out)
{
	static const char *const names[] = {"id:i", "meeting_id:i", "meeting_date", "meeting_kind",
		"question_id:i", "task", "institution_id:i", "institution", "due_date", "version:i", NULL};
	struct db_stmt *st;
	int rc = prepare_args(db, &st, "SELECT f.id, f.meeting_id, m.meeting_date, m.kind, f.question_id, f.task,"
			      " f.institution_id, i.name, f.due_date, f.version FROM cw_followups f"
			      " JOIN cw_meetings m ON m.id = f.meeting_id JOIN institutions i ON i.id = f.institution_id"
			      " WHERE f.done_on IS NULL AND f.due_date <= $1 AND ($2 = 0 OR f.institution_id = $2)"
			      " ORDER BY f.due_date, f.id", "ti", to, inst);
	return rc ? rc : store_rows_json(st, names, out);
}

int store_cw_orders(struct db *db, const char *from, const char *to,
		    json_t **out)
{
	static const char *const names[] = {"id:i", "number", "order_date", "kind", "subject",
		"child_id:i", "special_educational_needs:b", "question_id:i", NULL};
	const char *p[] = {from, to};
	return rows_by_texts(db, "SELECT id, number, order_date, kind, subject, child_id,"
			     " special_educational_needs, question_id FROM cw_orders"
			     " WHERE order_date >= $1 AND order_date <= $2 ORDER BY order_date DESC, id DESC",
			     p, 2, names, out);
}

static const char *const measure_list_names[] = {"id:i", "order_id:i", "number", "child_id:i",
	"type_code", "date_from", "date_to", "status", "evaluation", "version:i", NULL};

int store_cw_measures_ending(struct db *db, const char *from, const char *to,
			     json_t **out)
{
	const char *p[] = {from, to};
	return rows_by_texts(db, "SELECT m.id, m.order_id, o.number, m.child_id, m.type_code, m.date_from,"
			     " m.date_to, m.status, m.evaluation, m.version FROM cw_measures m"
			     " JOIN cw_orders o ON o.id = m.order_id WHERE m.status = 'running'"
			     " AND m.date_to >= $1 AND m.date_to <= $2 ORDER BY m.date_to, m.id",
			     p, 2, measure_list_names, out);
}

int store_cw_measures(struct db *db, int64_t inst, json_t **out)
{
	return store_rows_by_int(db, "SELECT m.id, m.order_id, o.number, m.child_id, m.type_code, m.date_from,"
				 " m.date_to, m.status, m.evaluation, m.version FROM cw_measures m"
				 " JOIN cw_orders o ON o.id = m.order_id WHERE $1 = 0 OR EXISTS (SELECT 1"
				 " FROM cw_measure_executors e WHERE e.measure_id = m.id AND e.institution_id = $1)"
				 " ORDER BY m.id DESC", inst, measure_list_names, out);
}

/* The single integer a query with two text parameters gives. */
static int int_by_texts(struct db *db, const char *sql, const char *a,
			const char *b, int64_t *out)
{
	struct db_stmt *st;
	int rc = prepare_args(db, &st, sql, "tt", a, b);
	return rc ? rc : step_int(st, out);
}

int store_cw_report_meetings(struct db *db, const char *from, const char *to,
			     int64_t *meetings, int64_t *questions)
{
	int rc = int_by_texts(db, "SELECT COUNT(*) FROM cw_meetings WHERE kind = 'commission'"
			      " AND meeting_date >= $1 AND meeting_date <= $2", from, to, meetings);
	if (!rc)
		rc = int_by_texts(db, "SELECT COUNT(*) FROM cw_questions q JOIN cw_meetings m"
				  " ON m.id = q.meeting_id WHERE m.kind = 'commission'"
				  " AND m.meeting_date >= $1 AND m.meeting_date <= $2", from, to, questions);
	return rc;
}

int store_cw_report_orders(struct db *db, const char *from, const char *to,
			   json_t **out)
{
	static const char *const names[] = {"kind", "subject", "n:i", NULL};
	const char *p[] = {from, to};
	return rows_by_texts(db, "SELECT kind, subject, COUNT(*) FROM cw_orders WHERE order_date >= $1"
			     " AND order_date <= $2 GROUP BY kind, subject ORDER BY kind, subject",
			     p, 2, names, out);
}

int store_cw_report_evaluations(struct db *db, const char *from,
				const char *to, json_t **out)
{
	static const char *const names[] = {"evaluation", "n:i", NULL};
	const char *p[] = {from, to};
	return rows_by_texts(db, "SELECT evaluation, COUNT(*) FROM cw_measures WHERE evaluation IS NOT NULL"
			     " AND evaluated_on >= $1 AND evaluated_on <= $2 GROUP BY evaluation"
			     " ORDER BY evaluation", p, 2, names, out);
}

int store_cw_report_measures(struct db *db, const char *from, const char *to,
			     int64_t *running, int64_t *ended)
{
	int rc = int_by_texts(db, "SELECT COUNT(*) FROM cw_measures WHERE date_from <= $2"
			      " AND date_to >= $1", from, to, running);
	if (!rc)
		rc = int_by_texts(db, "SELECT COUNT(*) FROM cw_measures m WHERE (m.status = 'running'"
				  " AND m.date_to >= $1 AND m.date_to <= $2) OR EXISTS (SELECT 1"
				  " FROM cw_order_measures om JOIN cw_orders o ON o.id = om.order_id"
				  " WHERE om.measure_id = m.id AND om.action = 'cancel'"
				  " AND o.order_date >= $1 AND o.order_date <= $2)", from, to, ended);
	return rc;
}

int store_cw_staffdev_hours(struct db *db, const char *from, const char *to,
			    json_t **out)
{
	static const char *const names[] = {"staff_id:i", "given_names", "family_name",
		"department_id:i", "department", "hours_x100:i", NULL};
	const char *p[] = {from, to};
	return rows_by_texts(db, "SELECT s.id, s.given_names, s.family_name, s.department_id, d.name_lt,"
			     " COALESCE((SELECT SUM(p.hours_x100) FROM staffdev_participants p"
			     " JOIN staffdev_events e ON e.id = p.event_id WHERE p.staff_id = s.id"
			     " AND e.event_date >= $1 AND e.event_date <= $2), 0)"
			     " FROM staff s LEFT JOIN departments d ON d.id = s.department_id"
			     " WHERE s.active = 1 ORDER BY s.sort_key, s.id", p, 2, names, out);
}

int store_cw_institution_of_type(struct db *db, const char *type, int64_t *id)
{
	struct db_stmt *st;
	int rc = prepare_args(db, &st, "SELECT id FROM institutions WHERE active = 1 AND"
			      " ((kind = 'centre' AND $1 = 'centre') OR partner_type = $1) ORDER BY id LIMIT 1",
			      "t", type);
	return rc ? rc : step_int(st, id);
}

int store_cw_person_born(struct db *db, const char *from, const char *to,
			 int64_t skip, int64_t *id)
{
	struct db_stmt *st;
	int rc = prepare_args(db, &st, "SELECT p.id FROM persons p WHERE p.merged_into IS NULL"
			      " AND p.birth_date >= $1 AND p.birth_date <= $2 AND EXISTS (SELECT 1"
			      " FROM person_departments pd WHERE pd.person_id = p.id)"
			      " ORDER BY p.id LIMIT 1 OFFSET $3", "tti", from, to, skip);
	return rc ? rc : step_int(st, id);
}

int store_cw_staff_first(struct db *db, int64_t n, json_t **out)
{
	static const char *const names[] = {"id:i", NULL};
	return store_rows_by_int(db, "SELECT id FROM staff WHERE active = 1 ORDER BY id LIMIT $1", n,
				 names, out);
}

int store_cw_member_count(struct db *db, int64_t *n)
{
	return store_int1(db, "SELECT COUNT(*) FROM commission_members", 0, 0, 0, n);
}

int store_cw_params(struct db *db, json_t **out)
{
	static const char *const names[] = {"key", "valid_from", "value:i", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT key, valid_from, value FROM params WHERE key LIKE 'cw.%'"
			    " OR key LIKE 'staffdev.%' ORDER BY key, valid_from", &st);
	if (rc)
		return rc;
	return store_rows_json(st, names, out);
}
