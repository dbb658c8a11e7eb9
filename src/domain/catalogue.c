/*
 * catalogue.c - the service catalogue's and the dated parameters' rules.
 * SQL lives in db/store_catalogue.c; the API layer only checks the body's
 * keys, converts amounts and maps results to HTTP. See catalogue.h.
 */
#include "domain/catalogue.h"
#include "core/amount.h"
#include "core/date.h"
#include "core/err.h"
#include "core/text.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_catalogue.h"
#include "db/store_org.h"
#include "domain/audit.h"
#include "domain/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- enumerations ---- */

static const char *const kind_keys[CATALOGUE_KIND_COUNT_ + 1] = {
	"general", "social_supervision", "social_care", "preventive",
	"integrated_help", NULL};
static const char *const unit_keys[CATALOGUE_UNIT_COUNT_ + 1] = {
	"hour", "visit", "day", "night", "meal", "kit", "month", "case", NULL};
/* Index 0 is CATALOGUE_PERIOD_NONE, which has no key. */
static const char *const period_keys[CATALOGUE_PERIOD_COUNT_ + 1] = {
	NULL, "day", "week", "month", "year", "stay", NULL};
static const char *const rule_keys[PAYMENT_RULE_COUNT_ + 1] = {
	"free", "general", "social_supervision", "home_help", "day_care",
	"short_term_care", "long_term_care", "preventive", NULL};

_Static_assert(PAYMENT_RULE_COUNT_ == 8, "rule_keys must list every payment rule");

/* Index of s in keys[first..n-1], or -1. */
static int key_index(const char *const *keys, int first, int n, const char *s)
{
	for (int i = first; s && i < n; i++)
		if (keys[i] && !strcmp(keys[i], s))
			return i;
	return -1;
}

const char *catalogue_kind_key(enum catalogue_kind k)
{
	return (unsigned)k < CATALOGUE_KIND_COUNT_ ? kind_keys[k] : NULL;
}

const char *catalogue_unit_key(enum catalogue_unit u)
{
	return (unsigned)u < CATALOGUE_UNIT_COUNT_ ? unit_keys[u] : NULL;
}

const char *catalogue_period_key(enum catalogue_period p)
{
	return (unsigned)p < CATALOGUE_PERIOD_COUNT_ ? period_keys[p] : NULL;
}

int catalogue_kind_parse(const char *s, enum catalogue_kind *out)
{
	int i = key_index(kind_keys, 0, CATALOGUE_KIND_COUNT_, s);
	return i < 0 ? ERR_INVALID : (*out = (enum catalogue_kind)i, 0);
}

int catalogue_unit_parse(const char *s, enum catalogue_unit *out)
{
	int i = key_index(unit_keys, 0, CATALOGUE_UNIT_COUNT_, s);
	return i < 0 ? ERR_INVALID : (*out = (enum catalogue_unit)i, 0);
}

int catalogue_period_parse(const char *s, enum catalogue_period *out)
{
	int i = key_index(period_keys, 1, CATALOGUE_PERIOD_COUNT_, s);
	return i < 0 ? ERR_INVALID : (*out = (enum catalogue_period)i, 0);
}

int catalogue_code_ok(const char *s)
{
	size_t n;
	if (!s)
		return 0;
	n = strlen(s);
	if (n < 1 || n > CATALOGUE_CODE_MAX)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* ---- the service record ---- */

enum field_type { FT_TEXT, FT_ENUM, FT_ID, FT_INT, FT_BOOL };

struct service_field {
	const char *name;   /* in the record */
	const char *api;    /* in the API and in field errors */
	enum field_type type;
	int required;
	size_t max;         /* FT_TEXT: bytes; FT_INT: largest value */
	const char *const *choices; /* FT_ENUM */
};

static const struct service_field service_fields[] = {
	{"code", "code", FT_TEXT, 1, CATALOGUE_CODE_MAX, NULL},
	{"name_lt", "name_lt", FT_TEXT, 1, CATALOGUE_NAME_MAX, NULL},
	{"name_en", "name_en", FT_TEXT, 1, CATALOGUE_NAME_MAX, NULL},
	{"kind", "kind", FT_ENUM, 1, 0, kind_keys},
	{"unit", "unit", FT_ENUM, 1, 0, unit_keys},
	{"limit_x100", "limit", FT_INT, 0, (size_t)AMOUNT_X100_MAX, NULL},
	{"limit_period", "limit_period", FT_ENUM, 0, 0, period_keys + 1},
	{"max_visits_week", "max_visits_week", FT_INT, 0, CATALOGUE_VISITS_MAX, NULL},
	{"department_id", "department_id", FT_ID, 0, 0, NULL},
	{"payment_rule", "payment_rule", FT_ENUM, 1, 0, rule_keys},
	{"description", "description", FT_TEXT, 0, CATALOGUE_DESC_MAX, NULL},
	{"active", "active", FT_BOOL, 1, 0, NULL},
	{NULL, NULL, FT_TEXT, 0, 0, NULL},
};

const char *const *catalogue_service_fields(void)
{
	static const char *const fields[] = {"code", "name_lt", "name_en", "kind", "unit",
		"limit", "limit_period", "max_visits_week", "department_id", "payment_rule",
		"description", "active", NULL};
	return fields;
}

void catalogue_service_normalise(json_t *rec, int creating)
{
	if (!json_is_object(rec))
		return;
	for (const struct service_field *f = service_fields; f->name; f++) {
		json_t *v = json_object_get(rec, f->name);
		if (!f->required && (f->type == FT_TEXT || f->type == FT_ENUM) &&
		    json_is_string(v) && json_string_length(v) == 0)
			json_object_set_new(rec, f->name, json_null());
	}
	if (creating) {
		json_t *v = json_object_get(rec, "active");
		if (!v || json_is_null(v))
			json_object_set_new(rec, "active", json_true());
	}
}

static int in_list(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

static int jnull(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return !v || json_is_null(v);
}

static const char *jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* 1 if s holds an ASCII control character; multiline text may hold line
 * breaks and tabs. */
static int has_control(const char *s, int multiline)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (multiline && (ch == '\n' || ch == '\r' || ch == '\t'))
			continue;
		if (ch < 0x20 || ch == 0x7f)
			return 1;
	}
	return 0;
}

static void check_text(const struct service_field *f, const json_t *v,
		       struct field_errors *fe)
{
	const char *s;
	size_t n;
	if (!json_is_string(v)) {
		fe_add(fe, f->api, "type.string");
		return;
	}
	s = json_string_value(v);
	n = json_string_length(v);
	if (strlen(s) != n)
		fe_add(fe, f->api, "body.utf8");
	else if (f->type == FT_ENUM && !in_list(f->choices, s))
		fe_add(fe, f->api, "enum");
	else if (f->required && blank(s))
		fe_add(fe, f->api, "string.empty");
	else if (f->type == FT_TEXT && n > f->max)
		fe_add(fe, f->api, "string.too_long");
	else if (has_control(s, !strcmp(f->name, "description")))
		fe_add(fe, f->api, "invalid");
	else if (!strcmp(f->name, "code") && !catalogue_code_ok(s))
		fe_add(fe, f->api, "service.code_format");
}

int catalogue_service_check(const json_t *rec, struct field_errors *fe)
{
	if (!json_is_object(rec))
		return fe_add(fe, "_", "type.object");
	for (const struct service_field *f = service_fields; f->name; f++) {
		json_t *v = json_object_get(rec, f->name);
		if (!v || json_is_null(v)) {
			if (f->required)
				fe_add(fe, f->api, "required");
			continue;
		}
		switch (f->type) {
		case FT_TEXT:
		case FT_ENUM:
			check_text(f, v, fe);
			break;
		case FT_ID:
		case FT_INT:
			if (!json_is_integer(v))
				fe_add(fe, f->api, "type.integer");
			else if (json_integer_value(v) < 1 ||
				 (f->type == FT_INT && json_integer_value(v) > (json_int_t)f->max))
				fe_add(fe, f->api, "range");
			break;
		case FT_BOOL:
			if (!json_is_boolean(v))
				fe_add(fe, f->api, "type.boolean");
			break;
		}
	}
	if (jnull(rec, "limit_x100") != jnull(rec, "limit_period"))
		fe_add(fe, jnull(rec, "limit_x100") ? "limit" : "limit_period",
		       "service.limit_pair");
	return fe->n ? ERR_INVALID : 0;
}

int catalogue_service_from_json(const json_t *rec, struct catalogue_service *out)
{
	struct catalogue_service s;
	const char *code = jstr(rec, "code");
	memset(&s, 0, sizeof(s));
	if (!code || strlen(code) > CATALOGUE_CODE_MAX ||
	    catalogue_kind_parse(jstr(rec, "kind"), &s.kind) ||
	    catalogue_unit_parse(jstr(rec, "unit"), &s.unit) ||
	    payment_rule_parse(jstr(rec, "payment_rule"), &s.payment_rule))
		return ERR_INVALID;
	if (!jnull(rec, "limit_period") &&
	    catalogue_period_parse(jstr(rec, "limit_period"), &s.limit_period))
		return ERR_INVALID;
	memcpy(s.code, code, strlen(code) + 1);
	s.id = json_integer_value(json_object_get(rec, "id"));
	s.limit_x100 = json_integer_value(json_object_get(rec, "limit_x100"));
	s.max_visits_week = (int)json_integer_value(json_object_get(rec, "max_visits_week"));
	s.department_id = json_integer_value(json_object_get(rec, "department_id"));
	s.active = json_is_true(json_object_get(rec, "active"));
	s.version = json_integer_value(json_object_get(rec, "version"));
	if ((s.limit_x100 > 0) != (s.limit_period != CATALOGUE_PERIOD_NONE))
		return ERR_INVALID;
	*out = s;
	return 0;
}

/* ---- parameters: defaults plus the site's rows ---- */

int catalogue_params_merge(const json_t *rows, struct param_table *out)
{
	size_t i;
	json_t *r;
	int rc = param_table_defaults(out);
	if (rc)
		return rc;
	json_array_foreach(rows, i, r) {
		int from;
		json_t *v = json_object_get(r, "value");
		if (!json_is_integer(v) || date_parse(jstr(r, "valid_from"), &from))
			return ERR_INVALID;
		rc = param_table_set(out, jstr(r, "key"), from, json_integer_value(v));
		if (rc)
			return rc;
	}
	return 0;
}

int catalogue_params_load(struct db *db, struct param_table *out)
{
	json_t *rows;
	int rc = store_params_list(db, &rows);
	if (rc)
		return rc;
	rc = catalogue_params_merge(rows, out);
	json_decref(rows);
	return rc;
}

/* The entries of key in the document being built, creating the key's
 * object (with its unit) on first use. */
static json_t *param_entries(json_t *keys, const char *key)
{
	json_t *k = json_object_get(keys, key);
	if (!k) {
		k = json_pack("{s:s,s:s,s:b,s:[]}", "key", key, "unit",
			      param_unit_key(param_key_unit(key)), "known",
			      param_key_known(key), "entries");
		if (!k)
			return NULL;
		json_object_set_new(keys, key, k);
	}
	return json_object_get(k, "entries");
}

static int cmp_entry(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(jstr(x, "valid_from"), jstr(y, "valid_from"));
	if (c)
		return c;
	/* The built-in entry of a date first, then the site's. */
	return strcmp(jstr(x, "source"), jstr(y, "source"));
}

static int sort_entries(json_t *arr)
{
	size_t n = json_array_size(arr);
	json_t *v[PARAM_TABLE_MAX * 2];
	if (n > sizeof(v) / sizeof(v[0]))
		return ERR_TOO_LARGE;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(arr, i));
	qsort(v, n, sizeof(v[0]), cmp_entry);
	json_array_clear(arr);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, v[i]);
	return 0;
}

int catalogue_params_list(struct db *db, int today, json_t **out)
{
	struct param_table defaults, table;
	json_t *rows = NULL, *keys = json_object(), *items = json_array(), *r;
	const char *key;
	size_t i;
	int rc = store_params_list(db, &rows);
	if (rc)
		goto out;
	if (!keys || !items) {
		rc = ERR_NOMEM;
		goto out;
	}
	rc = param_table_defaults(&defaults);
	if (!rc)
		rc = catalogue_params_merge(rows, &table);
	if (rc)
		goto out;
	/* Known keys first, in the order of the defaults. */
	for (int k = 0; (key = param_key_at(k)) != NULL; k++)
		if (!param_entries(keys, key)) {
			rc = ERR_NOMEM;
			goto out;
		}
	for (int k = 0; k < defaults.n; k++) {
		const struct param_entry *e = &defaults.e[k];
		char from[DATE_ISO_LEN];
		int replaced = 0;
		date_format(e->valid_from, from);
		json_array_foreach(rows, i, r)
			if (!strcmp(jstr(r, "key"), e->key) && !strcmp(jstr(r, "valid_from"), from))
				replaced = 1;
		json_array_append_new(param_entries(keys, e->key),
				      json_pack("{s:s,s:I,s:s,s:b}", "valid_from", from, "value",
						(json_int_t)e->value, "source", "built_in", "replaced",
						replaced));
	}
	json_array_foreach(rows, i, r) {
		json_t *entry = json_deep_copy(r);
		json_t *arr = param_entries(keys, jstr(r, "key"));
		if (!entry || !arr) {
			json_decref(entry);
			rc = ERR_NOMEM;
			goto out;
		}
		json_object_set_new(entry, "source", json_string("database"));
		json_array_append_new(arr, entry);
	}
	json_t *k;
	json_object_foreach(keys, key, k) {
		int64_t value;
		int from;
		rc = sort_entries(json_object_get(k, "entries"));
		if (rc)
			goto out;
		if (param_find_at(&table, key, today, &value, &from) == 0) {
			char d[DATE_ISO_LEN];
			date_format(from, d);
			json_object_set_new(k, "today", json_pack("{s:I,s:s}", "value",
								  (json_int_t)value, "valid_from", d));
		} else {
			json_object_set_new(k, "today", json_null());
		}
		json_array_append(items, k);
	}
	*out = items;
	items = NULL;
out:
	json_decref(rows);
	json_decref(keys);
	json_decref(items);
	return rc;
}

int catalogue_param_get(struct db *db, int64_t id, json_t **out)
{
	int rc = store_param_get(db, id, out);
	if (rc)
		return rc;
	json_object_set_new(*out, "unit", json_string(param_unit_key(param_key_unit(jstr(*out, "key")))));
	json_object_set_new(*out, "source", json_string("database"));
	return 0;
}

/* ---- reads ---- */

int catalogue_service_read(struct db *db, int64_t id, struct catalogue_service *out)
{
	json_t *row;
	int rc = store_service_get(db, id, &row);
	if (rc)
		return rc;
	rc = catalogue_service_from_json(row, out);
	json_decref(row);
	return rc;
}

/* Sets o's "price_today" to the price in force today, or null. */
static int add_price_today(struct db *db, json_t *o)
{
	char today[DATE_ISO_LEN], from[DATE_ISO_LEN];
	int64_t cents;
	date_format(date_today(), today);
	int rc = store_service_price_at(db, json_integer_value(json_object_get(o, "id")), today,
					&cents, from);
	if (rc == ERR_NOT_FOUND) {
		json_object_set_new(o, "price_today", json_null());
		return 0;
	}
	if (rc)
		return rc;
	json_object_set_new(o, "price_today", json_pack("{s:s,s:I}", "valid_from", from,
							"price_cents", (json_int_t)cents));
	return 0;
}

int catalogue_service_find_code(struct db *db, const char *code, int64_t *id)
{
	if (!catalogue_code_ok(code))
		return ERR_NOT_FOUND;
	return store_service_by_code(db, code, id);
}

int catalogue_service_get(struct db *db, int64_t id, json_t **out)
{
	json_t *o, *prices;
	int rc = store_service_get(db, id, &o);
	if (rc)
		return rc;
	rc = store_service_prices(db, id, &prices);
	if (!rc) {
		json_object_set_new(o, "prices", prices);
		rc = add_price_today(db, o);
	}
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}

int catalogue_service_list(struct db *db, const char *kind, int active,
			   int64_t department_id, json_t **out)
{
	json_t *rows, *r;
	size_t i;
	int rc = store_service_list(db, kind, active, department_id, &rows);
	if (rc)
		return rc;
	json_array_foreach(rows, i, r) {
		rc = add_price_today(db, r);
		if (rc) {
			json_decref(rows);
			return rc;
		}
	}
	*out = rows;
	return 0;
}

int catalogue_prices(struct db *db, int64_t service_id, json_t **out)
{
	json_t *row;
	int rc = store_service_get(db, service_id, &row);
	if (rc)
		return rc;
	json_decref(row);
	return store_service_prices(db, service_id, out);
}

int catalogue_price_at(struct db *db, int64_t service_id, const char *date,
		       int64_t *cents)
{
	int d;
	if (date_parse(date, &d))
		return ERR_INVALID;
	return store_service_price_at(db, service_id, date, cents, NULL);
}

/* ---- writes ---- */

static int cat_audit(struct db *db, const struct org_actor *a, const char *action,
		     const char *entity, int64_t id)
{
	struct audit_entry e = *a->who;
	e.action = action;
	e.entity = entity;
	e.entity_id = id;
	return audit_append_tx(db, a->audit_key, &e, 1);
}

static int changed(const json_t *cur, const json_t *rec, const char *k)
{
	json_t *x = cur ? json_object_get(cur, k) : NULL;
	json_t *y = json_object_get(rec, k);
	if (!x || json_is_null(x))
		return y && !json_is_null(y);
	return !y || !json_equal(x, y);
}

/* The rules against the database, inside the write transaction: the code
 * is free, the department exists (and is active when newly chosen). */
static int service_refs(struct db *db, int64_t id, const json_t *cur,
			const json_t *rec, struct field_errors *fe)
{
	int64_t other;
	int rc;
	if (changed(cur, rec, "code")) {
		rc = store_service_by_code(db, jstr(rec, "code"), &other);
		if (rc == 0 && other != id) {
			fe_add(fe, "code", "service.code_taken");
			return ERR_CONFLICT;
		}
		if (rc && rc != ERR_NOT_FOUND)
			return rc;
	}
	if (!jnull(rec, "department_id") && changed(cur, rec, "department_id")) {
		json_t *d;
		rc = store_org_get(db, STORE_ORG_DEPARTMENT,
				   json_integer_value(json_object_get(rec, "department_id")), &d);
		if (rc == ERR_NOT_FOUND)
			return fe_add(fe, "department_id", "department.not_found");
		if (rc)
			return rc;
		if (json_is_false(json_object_get(d, "active")))
			rc = fe_add(fe, "department_id", "org.inactive");
		json_decref(d);
		if (rc)
			return rc;
	}
	return 0;
}

/* Create (id 0) or update of a service. */
static int service_write(struct db *db, const struct org_actor *a, int64_t id,
			 int64_t expected, const json_t *in, struct field_errors *fe,
			 int64_t *out)
{
	json_t *rec = NULL, *cur = NULL, *patch = NULL;
	char now[TIMESTAMP_ISO_LEN];
	int creating = id == 0;
	int64_t changes = 0;
	int rc;

	if (!json_is_object(in))
		return ERR_INTERNAL;
	if (creating) {
		rec = json_deep_copy(in);
		if (!rec)
			return ERR_NOMEM;
		catalogue_service_normalise(rec, 1);
		rc = catalogue_service_check(rec, fe);
		if (rc)
			goto out;
	}
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		goto out;
	if (!creating) {
		rc = store_service_get(db, id, &cur);
		if (rc)
			goto out;
		if (json_integer_value(json_object_get(cur, "version")) != expected) {
			rc = ERR_PRECONDITION;
			goto out;
		}
		rec = json_deep_copy(cur);
		patch = json_deep_copy(in);
		if (!rec || !patch) {
			rc = ERR_NOMEM;
			goto out;
		}
		catalogue_service_normalise(patch, 0);
		json_object_update(rec, patch);
		rc = catalogue_service_check(rec, fe);
		if (rc)
			goto out;
	}
	rc = service_refs(db, id, cur, rec, fe);
	if (rc)
		goto out;
	time_format_iso(time_now_ms(), now);
	if (creating) {
		rc = store_service_insert(db, rec, now, &id);
		if (rc)
			goto out;
		*out = id;
	} else {
		rc = store_history_add(db, "service", id, expected, a->p->user_id, "update", cur);
		if (!rc)
			rc = store_service_update(db, id, expected, rec, now, &changes);
		if (!rc && changes != 1)
			rc = ERR_PRECONDITION;
		if (rc)
			goto out;
		*out = expected + 1;
	}
	rc = cat_audit(db, a, creating ? "create" : "update", "service", id);
	if (!rc)
		rc = db_tx_commit(db);
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	/* A unique violation the database caught (a race past service_refs). */
	if (rc == ERR_CONFLICT && !fe->n)
		fe_add(fe, "code", "service.code_taken");
	json_decref(rec);
	json_decref(cur);
	json_decref(patch);
	return rc;
}

int catalogue_service_create(struct db *db, const struct org_actor *a,
			     const json_t *in, struct field_errors *fe, int64_t *id)
{
	return service_write(db, a, 0, 0, in, fe, id);
}

int catalogue_service_update(struct db *db, const struct org_actor *a,
			     int64_t id, int64_t expected, const json_t *patch,
			     struct field_errors *fe, int64_t *new_version)
{
	if (id <= 0)
		return ERR_NOT_FOUND;
	return service_write(db, a, id, expected, patch, fe, new_version);
}

int catalogue_price_add(struct db *db, const struct org_actor *a,
			int64_t service_id, int valid_from, int64_t cents,
			struct field_errors *fe)
{
	char from[DATE_ISO_LEN], now[TIMESTAMP_ISO_LEN], had[DATE_ISO_LEN];
	json_t *row = NULL;
	int64_t old;
	int rc;
	if (!date_valid(valid_from / 10000, valid_from / 100 % 100, valid_from % 100))
		return fe_add(fe, "valid_from", "date");
	if (cents < 0 || cents > PAYMENT_MONEY_MAX)
		return fe_add(fe, "price_cents", "range");
	date_format(valid_from, from);
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_service_get(db, service_id, &row);
	if (rc)
		goto out;
	rc = store_service_price_at(db, service_id, from, &old, had);
	if (rc == 0 && !strcmp(had, from)) {
		fe_add(fe, "valid_from", "price.date_taken");
		rc = ERR_CONFLICT;
		goto out;
	}
	if (rc && rc != ERR_NOT_FOUND)
		goto out;
	time_format_iso(time_now_ms(), now);
	rc = store_service_price_insert(db, service_id, from, cents, a->p->user_id, now);
	if (!rc)
		rc = cat_audit(db, a, "create", "service_price", service_id);
	if (!rc)
		rc = db_tx_commit(db);
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	if (rc == ERR_CONFLICT && !fe->n)
		fe_add(fe, "valid_from", "price.date_taken");
	json_decref(row);
	return rc;
}

/* The message key for a value out of its unit's range. */
static const char *range_key(const char *key)
{
	switch (param_key_unit(key)) {
	case PARAM_UNIT_SHARE_BP: return "param.value_share";
	case PARAM_UNIT_VRP_BP: return "param.value_vrp";
	case PARAM_UNIT_DAYS: return "param.value_days";
	case PARAM_UNIT_MONTHS: return "param.value_months";
	default: return "param.value_cents";
	}
}

int catalogue_param_add(struct db *db, const struct org_actor *a,
			const char *key, int valid_from, int64_t value,
			const char *note, struct field_errors *fe, int64_t *id)
{
	char from[DATE_ISO_LEN], now[TIMESTAMP_ISO_LEN];
	json_t *rows = NULL, *r;
	size_t i;
	int rc = param_value_check(key, value);
	if (rc == ERR_NOT_FOUND)
		fe_add(fe, "key", "param.unknown");
	else if (rc)
		fe_add(fe, "value", range_key(key));
	if (!date_valid(valid_from / 10000, valid_from / 100 % 100, valid_from % 100))
		fe_add(fe, "valid_from", "date");
	if (note && (strlen(note) > CATALOGUE_NOTE_MAX || text_has_control(note)))
		fe_add(fe, "note", strlen(note) > CATALOGUE_NOTE_MAX ? "string.too_long" : "invalid");
	if (fe->n)
		return ERR_INVALID;
	date_format(valid_from, from);
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_params_list(db, &rows);
	if (rc)
		goto out;
	json_array_foreach(rows, i, r)
		if (!strcmp(jstr(r, "key"), key) && !strcmp(jstr(r, "valid_from"), from)) {
			fe_add(fe, "valid_from", "param.date_taken");
			rc = ERR_CONFLICT;
			goto out;
		}
	time_format_iso(time_now_ms(), now);
	rc = store_param_insert(db, key, from, value, note, a->p->user_id, now, id);
	if (!rc)
		rc = cat_audit(db, a, "create", "param", *id);
	if (!rc)
		rc = db_tx_commit(db);
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	if (rc == ERR_CONFLICT && !fe->n)
		fe_add(fe, "valid_from", "param.date_taken");
	json_decref(rows);
	return rc;
}

int catalogue_param_delete(struct db *db, const struct org_actor *a,
			   int64_t id, int today)
{
	json_t *cur = NULL;
	int64_t changes = 0;
	int from;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_param_get(db, id, &cur);
	if (rc)
		goto out;
	if (date_parse(jstr(cur, "valid_from"), &from) || from <= today) {
		rc = ERR_CONFLICT;
		goto out;
	}
	rc = store_history_add(db, "param", id, 1, a->p->user_id, "delete", cur);
	if (!rc)
		rc = store_param_delete(db, id, &changes);
	if (!rc && changes != 1)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = cat_audit(db, a, "delete", "param", id);
	if (!rc)
		rc = db_tx_commit(db);
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}
