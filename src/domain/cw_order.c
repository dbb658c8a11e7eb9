/*
 * cw_order.c - the mayor's orders and the measures. See cw_order.h.
 */
#include "domain/cw_order.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_cw.h"
#include "domain/cw_rules.h"
#include "domain/person.h"
#include "domain/person_parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Field names of the measures array: error fields must outlive the call,
 * so they are static. */
enum { MF_TYPE, MF_FROM, MF_TO, MF_EXECUTORS, MF_MEASURE, MF__COUNT };
#define MF(i)                                                                       \
	{"measures[" #i "].type", "measures[" #i "].date_from", "measures[" #i "].date_to", \
	 "measures[" #i "].executor_ids", "measures[" #i "].measure_id"}
static const char *const mfield[CW_ORDER_MAX_MEASURES][MF__COUNT] = {
	MF(0), MF(1), MF(2), MF(3), MF(4), MF(5), MF(6), MF(7)};

static const char *jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static int jdate(const json_t *o, const char *k)
{
	int d = 0;
	const char *s = jstr(o, k);
	if (!s || date_parse(s, &d))
		return 0;
	return d;
}

int cw_order_params(struct db *db, struct param_table *t)
{
	struct param_table defaults;
	json_t *rows, *r;
	size_t i;
	param_table_init(&defaults);
	int rc = cw_params_defaults(&defaults);
	if (!rc)
		rc = store_cw_params(db, &rows);
	if (rc)
		return rc;
	/* The site's entries for a key replace the built-in defaults of
	 * that key altogether (params.h, and the params table's comment). */
	param_table_init(t);
	for (int k = 0; !rc && k < defaults.n; k++) {
		int site = 0;
		json_array_foreach(rows, i, r) site |= !strcmp(jstr(r, "key"), defaults.e[k].key);
		if (!site)
			rc = param_table_add(t, defaults.e[k].key, defaults.e[k].valid_from, defaults.e[k].value);
	}
	json_array_foreach(rows, i, r) {
		if (!rc)
			rc = param_table_add(t, jstr(r, "key"), jdate(r, "valid_from"), jint(r, "value"));
	}
	json_decref(rows);
	return rc;
}

static int64_t param_or(const struct param_table *t, const char *key, int date, int64_t dflt)
{
	int64_t v;
	return param_value_at(t, key, date, &v) ? dflt : v;
}

/* An id list (executor_ids, representative_ids): integers of rows of
 * table. Returns the count or a negative code after a field error. */
static int id_list(struct db *db, const json_t *arr, const char *table, int max,
		   const char *field, const char *missing, int required,
		   struct field_errors *fe, int64_t *out)
{
	size_t i;
	json_t *v;
	if (!arr || json_is_null(arr))
		return required ? fe_add(fe, field, "required") : 0;
	if (!json_is_array(arr))
		return fe_add(fe, field, "type.array");
	if (json_array_size(arr) == 0 && required)
		return fe_add(fe, field, "required");
	if (json_array_size(arr) > (size_t)max)
		return fe_add(fe, field, "cw.too_many");
	json_array_foreach(arr, i, v) {
		int yes = 0;
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return fe_add(fe, field, "type.integer");
		int rc = store_cw_exists(db, table, json_integer_value(v), &yes);
		if (rc)
			return rc;
		if (!yes)
			return fe_add(fe, field, missing);
		out[i] = json_integer_value(v);
	}
	return (int)json_array_size(arr);
}

/* The order's own fields (no database). */
static void order_fields_check(const json_t *b, struct field_errors *fe)
{
	static const char *const allowed[] = {"number", "order_date", "kind", "subject", "child_id",
		"special_educational_needs", "question_id", "note", "representative_ids", "measures", NULL};
	const char *k, *key;
	json_t *v;
	int d;
	json_object_foreach((json_t *)b, k, v) {
		int ok = 0;
		for (int i = 0; allowed[i]; i++)
			ok |= !strcmp(allowed[i], k);
		if (!ok)
			fe_add(fe, k, "unknown_field");
	}
	v = json_object_get(b, "number");
	if (!v || json_is_null(v))
		fe_add(fe, "number", "required");
	else if (!json_is_string(v))
		fe_add(fe, "number", "type.string");
	else if ((key = text_check(json_string_value(v), CW_NUMBER_MAX_CHARS, 0)))
		fe_add(fe, "number", key);
	if (!jstr(b, "order_date"))
		fe_add(fe, "order_date", json_object_get(b, "order_date") ? "date" : "required");
	else if (date_parse(jstr(b, "order_date"), &d))
		fe_add(fe, "order_date", "date");
	if (cw_kind_parse(jstr(b, "kind")) < 0)
		fe_add(fe, "kind", json_object_get(b, "kind") ? "enum" : "required");
	if (cw_subject_parse(jstr(b, "subject")) < 0)
		fe_add(fe, "subject", json_object_get(b, "subject") ? "enum" : "required");
	v = json_object_get(b, "child_id");
	if (!v)
		fe_add(fe, "child_id", "required");
	else if (!json_is_integer(v) || json_integer_value(v) < 1)
		fe_add(fe, "child_id", "type.integer");
	v = json_object_get(b, "special_educational_needs");
	if (v && !json_is_boolean(v))
		fe_add(fe, "special_educational_needs", "type.boolean");
	v = json_object_get(b, "question_id");
	if (v && !json_is_null(v) && (!json_is_integer(v) || json_integer_value(v) < 1))
		fe_add(fe, "question_id", "type.integer");
	v = json_object_get(b, "note");
	if (v && !json_is_null(v) && (!json_is_string(v) || text_check(json_string_value(v), CW_LONG_TEXT_MAX_CHARS, 1)))
		fe_add(fe, "note", "invalid");
	v = json_object_get(b, "measures");
	if (!v)
		fe_add(fe, "measures", "required");
	else if (!json_is_array(v))
		fe_add(fe, "measures", "type.array");
	else if (json_array_size(v) == 0)
		fe_add(fe, "measures", "required");
	else if (json_array_size(v) > CW_ORDER_MAX_MEASURES)
		fe_add(fe, "measures", "cw.too_many");
}

struct order_ctx {
	struct db *db;
	const struct cw_actor *a;
	const struct param_table *params;
	int64_t order_id, child_id;
	int order_date, birth, sen;
	enum cw_order_kind kind;
	enum cw_subject subject;
	const char *now;
	struct field_errors *fe;
};

static void limits_for(const struct order_ctx *o, struct cw_term_limits *lim)
{
	lim->birth = o->birth;
	lim->subject = o->subject;
	lim->sen = o->sen;
	lim->max_months = (int)param_or(o->params, PARAM_CW_MEASURE_MAX_MONTHS, o->order_date, 12);
	lim->age_limit = (int)param_or(o->params, PARAM_CW_AGE_LIMIT, o->order_date, 18);
	lim->age_limit_sen = (int)param_or(o->params, PARAM_CW_AGE_LIMIT_SEN, o->order_date, 21);
}

/* The type of measure i is active and of the order's subject. */
static int type_check(const struct order_ctx *o, const char *type, int i)
{
	char subject[40];
	if (!type)
		return fe_add(o->fe, mfield[i][MF_TYPE], "required");
	int rc = store_cw_measure_type(o->db, type, subject, sizeof(subject));
	if (rc == ERR_NOT_FOUND)
		return fe_add(o->fe, mfield[i][MF_TYPE], "enum");
	if (rc)
		return rc;
	if (strcmp(subject, cw_subject_name(o->subject)))
		return fe_add(o->fe, mfield[i][MF_TYPE], "cw.measure.type_subject");
	return 0;
}

static int executors_set(const struct order_ctx *o, int64_t measure_id, const int64_t *ids, int n)
{
	int rc = store_cw_executors_clear(o->db, measure_id);
	for (int k = 0; !rc && k < n; k++)
		rc = store_cw_executor_add(o->db, measure_id, ids[k]);
	return rc;
}

/* The existing measure an extend/change/cancel item names: running, of
 * the order's child and subject. */
static int measure_of_order(const struct order_ctx *o, const json_t *item, int i, json_t **m)
{
	char subject[40];
	json_t *v = json_object_get(item, "measure_id");
	if (!json_is_integer(v))
		return fe_add(o->fe, mfield[i][MF_MEASURE], v ? "type.integer" : "required");
	int rc = store_cw_get(o->db, STORE_CW_MEASURE, json_integer_value(v), m);
	if (rc == ERR_NOT_FOUND || (!rc && jint(*m, "child_id") != o->child_id)) {
		if (!rc)
			json_decref(*m);
		*m = NULL;
		return fe_add(o->fe, mfield[i][MF_MEASURE], "cw.measure.not_found");
	}
	if (rc)
		return rc;
	rc = store_cw_measure_type(o->db, jstr(*m, "type_code"), subject, sizeof(subject));
	if ((rc == 0 && strcmp(subject, cw_subject_name(o->subject))) || rc == ERR_NOT_FOUND)
		rc = fe_add(o->fe, mfield[i][MF_MEASURE], "cw.measure.type_subject");
	else if (!rc && strcmp(jstr(*m, "status"), "running"))
		rc = fe_add(o->fe, mfield[i][MF_MEASURE], "cw.measure.cancelled");
	if (rc) {
		json_decref(*m);
		*m = NULL;
	}
	return rc;
}

/* One item of the measures array, for the order's kind. */
static int order_item(struct order_ctx *o, const json_t *item, int i)
{
	struct cw_term_limits lim;
	int64_t ex[CW_ORDER_MAX_EXECUTORS];
	char from_s[DATE_ISO_LEN], to_s[DATE_ISO_LEN];
	json_t *m = NULL;
	int64_t mid = 0, changes = 0;
	int n_ex = 0, rc = 0;
	int from = jdate(item, "date_from"), to = jdate(item, "date_to");
	if (!json_is_object(item))
		return fe_add(o->fe, mfield[i][MF_MEASURE], "type.object");
	if (json_object_get(item, "date_from") && !from)
		fe_add(o->fe, mfield[i][MF_FROM], "date");
	if (json_object_get(item, "date_to") && !to)
		fe_add(o->fe, mfield[i][MF_TO], "date");
	limits_for(o, &lim);
	if (o->kind == CW_KIND_ASSIGN || o->kind == CW_KIND_CHANGE) {
		json_t *exv = json_object_get(item, "executor_ids");
		if (o->kind == CW_KIND_ASSIGN || exv) {
			n_ex = id_list(o->db, exv, "institutions", CW_ORDER_MAX_EXECUTORS,
				       mfield[i][MF_EXECUTORS], "institution.not_found", 1, o->fe, ex);
			if (n_ex < 0 && n_ex != ERR_INVALID)
				return n_ex;
		}
	}
	if (o->kind == CW_KIND_ASSIGN) {
		if ((rc = type_check(o, jstr(item, "type"), i)) && rc != ERR_INVALID)
			return rc;
		cw_term_check(from, to, &lim, mfield[i][MF_FROM], mfield[i][MF_TO], "child_id", o->fe);
		if (o->fe->n)
			return ERR_INVALID;
		json_t *rec = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s}", "order_id", (json_int_t)o->order_id,
					"child_id", (json_int_t)o->child_id, "type_code", jstr(item, "type"),
					"date_from", jstr(item, "date_from"), "date_to", jstr(item, "date_to"),
					"status", "running");
		if (!rec)
			return ERR_NOMEM;
		rc = store_cw_insert(o->db, STORE_CW_MEASURE, rec, o->now, &mid);
		json_decref(rec);
		if (!rc)
			rc = executors_set(o, mid, ex, n_ex);
		if (!rc)
			rc = store_cw_order_measure_add(o->db, o->order_id, mid, "assign",
							jstr(item, "date_from"), jstr(item, "date_to"));
		return rc;
	}
	if ((rc = measure_of_order(o, item, i, &m)))
		return rc;
	mid = jint(m, "id");
	json_t *rec = json_deep_copy(m);
	if (!rec) {
		json_decref(m);
		return ERR_NOMEM;
	}
	int cur_from = jdate(m, "date_from"), cur_to = jdate(m, "date_to");
	switch (o->kind) {
	case CW_KIND_EXTEND:
		if (!to)
			fe_add(o->fe, mfield[i][MF_TO], json_object_get(item, "date_to") ? "date" : "required");
		else if (to <= cur_to)
			fe_add(o->fe, mfield[i][MF_TO], "cw.measure.not_later");
		else
			cw_term_check(date_add_days(cur_to, 1), to, &lim, mfield[i][MF_FROM],
				      mfield[i][MF_TO], "child_id", o->fe);
		from = date_add_days(cur_to, 1);
		break;
	case CW_KIND_CHANGE:
		if (json_object_get(item, "type")) {
			rc = type_check(o, jstr(item, "type"), i);
			if (rc && rc != ERR_INVALID)
				goto out;
			if (!rc)
				json_object_set(rec, "type_code", json_object_get(item, "type"));
			rc = 0;
		}
		if (!from)
			from = cur_from;
		if (!to)
			to = cur_to;
		cw_term_check(from, to, &lim, mfield[i][MF_FROM], mfield[i][MF_TO], "child_id", o->fe);
		break;
	default: /* cancel: ends on the order's date at the latest */
		json_object_set_new(rec, "status", json_string("cancelled"));
		from = cur_from;
		to = o->order_date < cur_to ? (o->order_date < cur_from ? cur_from : o->order_date) : cur_to;
		break;
	}
	if (o->fe->n) {
		rc = ERR_INVALID;
		goto out;
	}
	date_format(from, from_s);
	date_format(to, to_s);
	if (o->kind == CW_KIND_CHANGE)
		json_object_set_new(rec, "date_from", json_string(from_s));
	json_object_set_new(rec, "date_to", json_string(to_s));
	rc = store_history_add(o->db, "cw_measure", mid, jint(m, "version"), o->a->p->user_id,
			       cw_kind_name(o->kind), m);
	if (!rc)
		rc = store_cw_update(o->db, STORE_CW_MEASURE, mid, jint(m, "version"), rec, o->now, &changes);
	if (!rc && changes != 1)
		rc = ERR_PRECONDITION;
	if (!rc && o->kind == CW_KIND_CHANGE && n_ex > 0)
		rc = executors_set(o, mid, ex, n_ex);
	if (!rc)
		rc = store_cw_order_measure_add(o->db, o->order_id, mid, cw_kind_name(o->kind), from_s, to_s);
	if (rc == ERR_CONFLICT)
		rc = fe_add(o->fe, mfield[i][MF_MEASURE], "cw.measure.twice");
out:
	json_decref(m);
	json_decref(rec);
	return rc;
}

int cw_order_create(struct db *db, const struct cw_actor *a, const json_t *body,
		    struct field_errors *fe, int64_t *id)
{
	char now[TIMESTAMP_ISO_LEN], birth[DATE_ISO_LEN + 4], reason[64];
	struct param_table *params = NULL;
	struct order_ctx o;
	struct person_view v;
	int64_t reps[CW_ORDER_MAX_REPRESENTATIVES], other;
	json_t *rec = NULL, *measures;
	size_t i;
	int n_reps, rc;
	if (!json_is_object(body))
		return fe_add(fe, "_", "type.object");
	order_fields_check(body, fe);
	if (fe->n)
		return ERR_INVALID;
	params = malloc(sizeof(*params));
	if (!params)
		return ERR_NOMEM;
	memset(&o, 0, sizeof(o));
	o.db = db;
	o.a = a;
	o.params = params;
	o.fe = fe;
	o.now = now;
	o.child_id = jint(body, "child_id");
	o.kind = (enum cw_order_kind)cw_kind_parse(jstr(body, "kind"));
	o.subject = (enum cw_subject)cw_subject_parse(jstr(body, "subject"));
	o.sen = json_is_true(json_object_get(body, "special_educational_needs"));
	date_parse(jstr(body, "order_date"), &o.order_date);
	time_format_iso(time_now_ms(), now);
	if ((rc = db_tx_begin(db, DB_TX_WRITE)))
		goto done;
	if ((rc = cw_order_params(db, params)))
		goto out;
	rc = person_view_for(db, a->p, o.child_id, &v);
	if (rc == ERR_NOT_FOUND || (!rc && !v.full)) {
		rc = fe_add(fe, "child_id", "person.not_found");
		goto out;
	}
	if (rc || (rc = store_cw_birth_date(db, o.child_id, birth, sizeof(birth))))
		goto out;
	if (birth[0] && date_parse(birth, &o.birth))
		o.birth = 0;
	rc = store_cw_order_by_number(db, jstr(body, "number"), &other);
	if (rc == 0) {
		fe_add(fe, "number", "cw.order.number_taken");
		rc = ERR_CONFLICT;
		goto out;
	}
	if (rc != ERR_NOT_FOUND)
		goto out;
	n_reps = id_list(db, json_object_get(body, "representative_ids"), "persons",
			 CW_ORDER_MAX_REPRESENTATIVES, "representative_ids", "person.not_found", 0, fe, reps);
	if (n_reps < 0 && n_reps != ERR_INVALID) {
		rc = n_reps;
		goto out;
	}
	/* The representatives, like the child, are persons the writer sees. */
	for (int k = 0; k < n_reps && !fe->n; k++) {
		rc = person_view_for(db, a->p, reps[k], &v);
		if (rc == ERR_NOT_FOUND || (!rc && !v.full))
			fe_add(fe, "representative_ids", "person.not_found");
		else if (rc)
			goto out;
		rc = 0;
	}
	if (json_is_integer(json_object_get(body, "question_id"))) {
		int yes = 0;
		if ((rc = store_cw_exists(db, "cw_questions", jint(body, "question_id"), &yes)))
			goto out;
		if (!yes)
			fe_add(fe, "question_id", "cw.question.not_found");
	}
	if (fe->n) {
		rc = ERR_INVALID;
		goto out;
	}
	rec = json_pack("{s:O,s:O,s:O,s:O,s:I,s:b,s:O?,s:O?,s:I}", "number", json_object_get(body, "number"),
			"order_date", json_object_get(body, "order_date"), "kind", json_object_get(body, "kind"),
			"subject", json_object_get(body, "subject"), "child_id", (json_int_t)o.child_id,
			"special_educational_needs", o.sen, "question_id", json_object_get(body, "question_id"),
			"note", json_object_get(body, "note"), "created_by", (json_int_t)a->p->user_id);
	if (!rec) {
		rc = ERR_NOMEM;
		goto out;
	}
	rc = store_cw_insert(db, STORE_CW_ORDER, rec, now, &o.order_id);
	if (rc == ERR_CONFLICT) {
		fe_add(fe, "number", "cw.order.number_taken");
		goto out;
	}
	for (int k = 0; !rc && k < n_reps; k++)
		rc = store_cw_representative_add(db, o.order_id, reps[k]);
	measures = json_object_get(body, "measures");
	for (i = 0; !rc && i < json_array_size(measures); i++) {
		int e = order_item(&o, json_array_get(measures, i), (int)i);
		if (e && e != ERR_INVALID)
			rc = e;
	}
	if (!rc && fe->n)
		rc = ERR_INVALID;
	snprintf(reason, sizeof(reason), "order %lld", (long long)o.order_id);
	if (!rc)
		rc = cw_audit(db, a, "create", "cw_order", o.order_id, o.child_id, reason);
	if (!rc)
		rc = db_tx_commit(db);
	if (!rc)
		*id = o.order_id;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
done:
	json_decref(rec);
	free(params);
	return rc;
}

/* Replaces "child_id" of o by a "child" reference. */
static int child_ref(struct db *db, const struct cw_scope *s, json_t *o,
		     struct cw_disclosures *d)
{
	json_t *ref;
	int rc = cw_scope_person(db, s, jint(o, "child_id"), d, &ref, NULL);
	if (rc)
		return rc;
	json_object_del(o, "child_id");
	json_object_set_new(o, "child", ref);
	return 0;
}

int cw_order_get(struct db *db, const struct cw_scope *s, int64_t id,
		 struct cw_disclosures *d, json_t **doc, char *reason, size_t cap)
{
	json_t *o = NULL, *ms = NULL, *reps = NULL, *r, *refs = json_array();
	size_t i;
	int rc = refs ? store_cw_get(db, STORE_CW_ORDER, id, &o) : ERR_NOMEM;
	if (!rc)
		rc = store_cw_order_measures(db, id, &ms);
	if (!rc)
		rc = cw_scope_order(db, s, jint(o, "child_id"), ms, reason, cap);
	if (!rc)
		rc = store_cw_representatives(db, id, &reps);
	json_array_foreach(reps, i, r) {
		json_t *ref;
		if (!rc && !(rc = cw_scope_person(db, s, jint(r, "person_id"), d, &ref, NULL)))
			json_array_append_new(refs, ref);
	}
	if (!rc)
		rc = child_ref(db, s, o, d);
	json_decref(reps);
	if (rc) {
		json_decref(o);
		json_decref(ms);
		json_decref(refs);
		return rc;
	}
	json_object_set_new(o, "measures", ms);
	json_object_set_new(o, "representatives", refs);
	*doc = o;
	return 0;
}

static void year_range(int year, char *from, char *to)
{
	date_format(year ? year * 10000 + 101 : 10101, from);
	date_format(year ? year * 10000 + 1231 : 99991231, to);
}

int cw_order_list(struct db *db, const struct cw_scope *s, int year,
		  json_t **list)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN], reason[CW_REASON_MAX];
	json_t *rows;
	year_range(year, from, to);
	int rc = store_cw_orders(db, from, to, &rows);
	for (size_t i = json_array_size(rows); !rc && i-- > 0;) {
		json_t *o = json_array_get(rows, i), *ms = NULL;
		rc = store_cw_order_measures(db, jint(o, "id"), &ms);
		if (!rc)
			rc = cw_scope_order(db, s, jint(o, "child_id"), ms, reason, sizeof(reason));
		json_decref(ms);
		if (rc == ERR_NOT_FOUND) {
			json_array_remove(rows, i);
			rc = 0;
		} else if (!rc && !s->all) {
			json_object_del(o, "child_id"); /* details through the order */
		}
	}
	if (rc) {
		json_decref(rows);
		return rc;
	}
	*list = rows;
	return 0;
}

/* A measure row the caller may see, or ERR_NOT_FOUND. */
static int measure_visible(struct db *db, const struct cw_scope *s, int64_t id,
			   json_t **m, int *executor, char *reason, size_t cap)
{
	int rc = store_cw_get(db, STORE_CW_MEASURE, id, m);
	if (rc)
		return rc;
	rc = cw_scope_measure(db, s, *m, executor, reason, cap);
	if (rc) {
		json_decref(*m);
		*m = NULL;
	}
	return rc;
}

int cw_measure_get(struct db *db, const struct cw_scope *s, int64_t id,
		   struct cw_disclosures *d, json_t **doc, char *reason,
		   size_t cap)
{
	json_t *m = NULL, *ex = NULL, *tasks = NULL, *notes = NULL, *orders = NULL;
	int executor = 0;
	int rc = measure_visible(db, s, id, &m, &executor, reason, cap);
	if (!rc)
		rc = store_cw_executors(db, id, &ex);
	if (!rc)
		rc = store_cw_children(db, STORE_CW_TASK, id, &tasks);
	if (!rc)
		rc = store_cw_children(db, STORE_CW_NOTE, id, &notes);
	if (!rc)
		rc = store_cw_measure_orders(db, id, &orders);
	if (!rc)
		rc = child_ref(db, s, m, d);
	if (rc) {
		json_decref(m);
		json_decref(ex);
		json_decref(tasks);
		json_decref(notes);
		json_decref(orders);
		return rc;
	}
	json_object_set_new(m, "executors", ex);
	json_object_set_new(m, "tasks", tasks);
	json_object_set_new(m, "progress_notes", notes);
	json_object_set_new(m, "orders", orders);
	json_object_set_new(m, "executor", json_boolean(executor));
	*doc = m;
	return 0;
}

int cw_measure_list(struct db *db, const struct cw_scope *s, int ending_days,
		    struct cw_disclosures *d, json_t **list)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN], reason[CW_REASON_MAX];
	json_t *rows;
	int rc, executor;
	if (ending_days >= 0) {
		date_format(date_today(), from);
		date_format(date_add_days(date_today(), ending_days), to);
		rc = store_cw_measures_ending(db, from, to, &rows);
	} else {
		rc = store_cw_measures(db, 0, &rows);
	}
	if (rc)
		return rc;
	for (size_t i = json_array_size(rows); !rc && i-- > 0;) {
		json_t *m = json_array_get(rows, i);
		rc = cw_scope_measure(db, s, m, &executor, reason, sizeof(reason));
		if (rc == ERR_NOT_FOUND) {
			json_array_remove(rows, i);
			rc = 0;
		}
	}
	for (size_t i = 0; !rc && i < json_array_size(rows); i++)
		rc = child_ref(db, s, json_array_get(rows, i), d);
	if (rc) {
		json_decref(rows);
		return rc;
	}
	*list = rows;
	return 0;
}

/* Text field of a body: 0, or a field error. */
static int body_text(const json_t *b, const char *field, size_t max, int multiline,
		     struct field_errors *fe)
{
	json_t *v = json_object_get(b, field);
	const char *k;
	if (!v || json_is_null(v))
		return fe_add(fe, field, "required");
	if (!json_is_string(v))
		return fe_add(fe, field, "type.string");
	if ((k = text_check(json_string_value(v), max, multiline)))
		return fe_add(fe, field, k);
	return 0;
}

static int only(const json_t *b, const char *const *allowed, struct field_errors *fe)
{
	const char *k;
	json_t *v;
	if (!json_is_object(b))
		return fe_add(fe, "_", "type.object");
	json_object_foreach((json_t *)b, k, v) {
		int ok = 0;
		for (int i = 0; allowed[i]; i++)
			ok |= !strcmp(allowed[i], k);
		if (!ok)
			fe_add(fe, k, "unknown_field");
	}
	return fe->n ? ERR_INVALID : 0;
}

/* Begins a write on a measure the caller may see. */
static int measure_begin(struct db *db, const struct cw_actor *a, int64_t id, json_t **m,
			 int *executor)
{
	struct cw_scope s;
	char reason[CW_REASON_MAX];
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = cw_scope_for(db, a->p, &s);
	if (!rc)
		rc = measure_visible(db, &s, id, m, executor, reason, sizeof(reason));
	if (rc)
		db_tx_rollback(db);
	return rc;
}

/* Ends a write on measure id begun by measure_begin: inserts rec of kind
 * k unless rc is already an error, audits and commits. rec is consumed. */
static int measure_commit(struct db *db, const struct cw_actor *a, const char *action,
			  int64_t id, enum store_cw_kind k, json_t *rec, int64_t *new_id, int rc)
{
	char now[TIMESTAMP_ISO_LEN];
	time_format_iso(time_now_ms(), now);
	if (!rc && k != STORE_CW__COUNT)
		rc = rec ? store_cw_insert(db, k, rec, now, new_id) : ERR_NOMEM;
	json_decref(rec);
	if (!rc)
		rc = cw_audit(db, a, action, "cw_measure", id, 0, NULL);
	if (!rc)
		rc = db_tx_commit(db);
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

int cw_measure_task_add(struct db *db, const struct cw_actor *a, int64_t id,
			const json_t *body, struct field_errors *fe,
			int64_t *task_id)
{
	static const char *const allowed[] = {"task", "institution_id", "due_date", NULL};
	json_t *m = NULL, *rec;
	int executor, yes = 0, d;
	int rc = only(body, allowed, fe);
	body_text(body, "task", CW_TEXT_MAX_CHARS, 0, fe);
	if (!json_is_integer(json_object_get(body, "institution_id")))
		fe_add(fe, "institution_id", json_object_get(body, "institution_id") ? "type.integer" : "required");
	if (!jstr(body, "due_date") || date_parse(jstr(body, "due_date"), &d))
		fe_add(fe, "due_date", json_object_get(body, "due_date") ? "date" : "required");
	if (fe->n)
		return ERR_INVALID;
	if ((rc = measure_begin(db, a, id, &m, &executor)))
		return rc;
	json_decref(m);
	rc = store_cw_exists(db, "institutions", jint(body, "institution_id"), &yes);
	if (!rc && !yes)
		rc = fe_add(fe, "institution_id", "institution.not_found");
	rec = json_pack("{s:I,s:O,s:O,s:O,s:I}", "measure_id", (json_int_t)id, "task",
			json_object_get(body, "task"), "institution_id", json_object_get(body, "institution_id"),
			"due_date", json_object_get(body, "due_date"), "created_by", (json_int_t)a->p->user_id);
	return measure_commit(db, a, "task.create", id, STORE_CW_TASK, rec, task_id, rc);
}

int cw_measure_note_add(struct db *db, const struct cw_actor *a, int64_t id,
			const json_t *body, struct field_errors *fe,
			int64_t *note_id)
{
	static const char *const allowed[] = {"body", NULL};
	json_t *m = NULL, *rec;
	int executor = 0;
	int rc = only(body, allowed, fe);
	body_text(body, "body", CW_LONG_TEXT_MAX_CHARS, 1, fe);
	if (fe->n)
		return ERR_INVALID;
	if ((rc = measure_begin(db, a, id, &m, &executor)))
		return rc;
	json_decref(m);
	if (a->p->role == ROLE_PARTNER && !executor)
		rc = ERR_FORBIDDEN;
	rec = json_pack("{s:I,s:O,s:I}", "measure_id", (json_int_t)id, "body",
			json_object_get(body, "body"), "author_id", (json_int_t)a->p->user_id);
	if (rec && a->p->institution_id)
		json_object_set_new(rec, "institution_id", json_integer(a->p->institution_id));
	return measure_commit(db, a, "note.create", id, STORE_CW_NOTE, rec, note_id, rc);
}

int cw_measure_evaluate(struct db *db, const struct cw_actor *a, int64_t id,
			int64_t expected, const json_t *body,
			struct field_errors *fe)
{
	static const char *const allowed[] = {"result", "reasons", NULL};
	char now[TIMESTAMP_ISO_LEN], today[DATE_ISO_LEN];
	json_t *m = NULL, *rec = NULL;
	int64_t changes = 0;
	int executor;
	int rc = only(body, allowed, fe);
	int result = cw_evaluation_parse(jstr(body, "result"));
	if (result < 0)
		fe_add(fe, "result", json_object_get(body, "result") ? "enum" : "required");
	if (result != CW_EVAL_CARRIED_OUT || json_object_get(body, "reasons"))
		body_text(body, "reasons", CW_LONG_TEXT_MAX_CHARS, 1, fe);
	if (fe->n)
		return ERR_INVALID;
	if ((rc = measure_begin(db, a, id, &m, &executor)))
		return rc;
	date_format(date_today(), today);
	time_format_iso(time_now_ms(), now);
	if (jint(m, "version") != expected)
		rc = ERR_PRECONDITION;
	else if (!strcmp(jstr(m, "status"), "running") && strcmp(jstr(m, "date_to"), today) >= 0)
		rc = fe_add(fe, "result", "cw.measure.not_ended");
	if (!rc && !(rec = json_deep_copy(m)))
		rc = ERR_NOMEM;
	if (!rc) {
		json_object_set_new(rec, "evaluation", json_string(cw_evaluation_name(result)));
		json_object_set(rec, "evaluation_reasons", json_object_get(body, "reasons"));
		json_object_set_new(rec, "evaluated_on", json_string(today));
		json_object_set_new(rec, "evaluated_by", json_integer(a->p->user_id));
		rc = store_history_add(db, "cw_measure", id, expected, a->p->user_id, "evaluate", m);
	}
	if (!rc)
		rc = store_cw_update(db, STORE_CW_MEASURE, id, expected, rec, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_PRECONDITION;
	json_decref(m);
	json_decref(rec);
	return measure_commit(db, a, "evaluate", id, STORE_CW__COUNT, NULL, NULL, rc);
}

int cw_measure_types(struct db *db, json_t **list)
{
	return store_cw_measure_types(db, list);
}
