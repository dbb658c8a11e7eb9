/*
 * api_deliveries.c - delivered services and the monthly billing
 * statement: JSON (and CSV) in and out. The rules live in
 * domain/delivery.c and domain/billing.c.
 *
 *   POST /api/v1/cases/{id}/deliveries     one delivery
 *   POST /api/v1/deliveries/bulk           a worker's day, all or nothing
 *   GET  /api/v1/deliveries/{id}           one row with its status
 *   POST /api/v1/deliveries/{id}/correct   a corrected row replaces it
 *   POST /api/v1/deliveries/{id}/void      cancel it, with a reason
 *   GET  /api/v1/cases/{id}/deliveries     a month of a case, with totals
 *   GET  /api/v1/billing/persons/{id}      a person's statement (JSON/CSV)
 *   GET  /api/v1/billing                   every person's month (JSON/CSV)
 *
 * Units are decimals with at most two decimals, sent as a JSON number or
 * string (1.5 or "1.5") and answered as a string ("1.50") next to the
 * exact integer units_x100.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/billing.h"
#include "domain/delivery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_BYTES(chars) ((size_t)(chars) * 4)
/* The largest CSV answer: under the request arena's cap (16 MiB), which
 * holds it for sending. A bigger month asks for a department filter. */
#define BILLING_CSV_MAX (15u << 20)

static void delivery_actor_init(struct api_ctx *c, struct audit_entry *who,
				struct delivery_actor *a)
{
	api_audit_fill(c, who, "update", "case", 0, NULL);
	a->p = &c->who;
	a->who = who;
	a->audit_key = audit_log_key(c->app->audit);
}

/* Reads a quantity from obj[key] (number or decimal string). field is
 * the name the error is reported under. */
static int read_units(struct api_ctx *c, json_t *obj, const char *key,
		      const char *field, int64_t *out)
{
	json_t *v = obj ? json_object_get(obj, key) : NULL;
	int rc;
	if (!v || json_is_null(v))
		return api_field_error(c, field, "required");
	if (json_is_integer(v))
		rc = delivery_units_from_double((double)json_integer_value(v), out);
	else if (json_is_real(v))
		rc = delivery_units_from_double(json_real_value(v), out);
	else if (json_is_string(v))
		rc = delivery_units_parse(json_string_value(v), out);
	else
		return api_field_error(c, field, "type.number");
	if (rc)
		return api_field_error(c, field, "delivery.units");
	if (*out <= 0)
		return api_field_error(c, field, "range");
	return 0;
}

/* Answers a domain error: a conflict key, not found, or field errors
 * (prefix "items.N." for bulk items is the caller's). */
static int delivery_error(struct api_ctx *c, int rc, const struct field_errors *fe,
			  const char *conflict_key, const char *not_found_key)
{
	if (rc == ERR_CONFLICT && conflict_key)
		return api_fail(c, rc, conflict_key);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, not_found_key);
	if (fe->n)
		return api_field_errors(c, fe, rc);
	return rc;
}

/* The row just written, with the over-limit flag spelled out. */
static int delivery_respond(struct api_ctx *c, struct db *db,
			    const struct delivery_outcome *o)
{
	json_t *doc = NULL;
	int64_t case_id;
	int rc = delivery_get(db, &c->who, o->id, &doc, &case_id);
	if (rc)
		return rc;
	if (o->over_limit)
		json_object_set_new(doc, "warning",
				    json_pack("{s:s,s:s}", "code", "delivery.over_decided_amount",
					      "message", api_message(c->lang, "delivery.over_decided_amount")));
	return api_ok(c, 201, doc);
}

int api_delivery_create(struct api_ctx *c)
{
	static const char *const fields[] = {"delivered_on", "decision_service_id",
		"staff_id", "units", "note", NULL};
	struct delivery_input in = {.case_id = c->params[0]};
	struct field_errors fe = {0};
	struct delivery_outcome out = {0};
	struct audit_entry who;
	struct delivery_actor a;
	const char *conflict = NULL;
	struct db *db;
	int rc = api_only_fields(c, fields);
	rc |= api_date(c, "delivered_on", 1, &in.delivered_on);
	rc |= api_int(c, "decision_service_id", 1, 1, INT64_MAX, &in.decision_service_id);
	rc |= api_int(c, "staff_id", 0, 1, INT64_MAX, &in.staff_id);
	rc |= read_units(c, c->body, "units", "units", &in.units_x100);
	rc |= api_str(c, "note", 0, TEXT_BYTES(DELIVERY_NOTE_MAX_CHARS), &in.note);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	delivery_actor_init(c, &who, &a);
	rc = delivery_create(db, &a, &in, date_today(), &fe, &conflict, &out);
	if (rc)
		return delivery_error(c, rc, &fe, conflict, "delivery.case_not_found");
	return delivery_respond(c, db, &out);
}

/* "items.<i>.<field>" into buf. */
static const char *item_field(char *buf, size_t cap, size_t i, const char *field)
{
	snprintf(buf, cap, "items.%zu.%s", i, field);
	return buf;
}

/* Reads item i of the bulk body; errors go under items.i.<field>. */
static int bulk_item_read(struct api_ctx *c, json_t *o, size_t i,
			  struct delivery_item *it)
{
	static const char *const fields[] = {"case_id", "decision_service_id",
		"units", "note", NULL};
	char f[64];
	const char *k;
	json_t *v;
	int rc = 0;
	if (!json_is_object(o))
		return api_field_error(c, item_field(f, sizeof(f), i, "_"), "type.object");
	json_object_foreach(o, k, v) {
		const char *const *a = fields;
		while (*a && strcmp(*a, k))
			a++;
		if (!*a)
			rc = api_field_error(c, item_field(f, sizeof(f), i, "_"), "unknown_field");
	}
	static const char *const ids[] = {"case_id", "decision_service_id"};
	int64_t *dst[] = {&it->in.case_id, &it->in.decision_service_id};
	for (int j = 0; j < 2; j++) {
		v = json_object_get(o, ids[j]);
		if (!v || json_is_null(v))
			rc = api_field_error(c, item_field(f, sizeof(f), i, ids[j]), "required");
		else if (!json_is_integer(v))
			rc = api_field_error(c, item_field(f, sizeof(f), i, ids[j]), "type.integer");
		else if (json_integer_value(v) <= 0)
			rc = api_field_error(c, item_field(f, sizeof(f), i, ids[j]), "range");
		else
			*dst[j] = json_integer_value(v);
	}
	rc |= read_units(c, o, "units", item_field(f, sizeof(f), i, "units"), &it->in.units_x100);
	v = json_object_get(o, "note");
	if (v && !json_is_null(v)) {
		if (!json_is_string(v))
			rc = api_field_error(c, item_field(f, sizeof(f), i, "note"), "type.string");
		else if (json_string_length(v) > TEXT_BYTES(DELIVERY_NOTE_MAX_CHARS) ||
			 strlen(json_string_value(v)) != json_string_length(v))
			rc = api_field_error(c, item_field(f, sizeof(f), i, "note"), "string.too_long");
		else
			it->in.note = json_string_value(v);
	}
	return rc ? ERR_INVALID : 0;
}

int api_delivery_bulk(struct api_ctx *c)
{
	static const char *const fields[] = {"delivered_on", "staff_id", "items", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct delivery_actor a;
	struct delivery_item *items;
	struct db *db;
	int date = 0;
	int64_t staff = 0;
	char f[64];
	int rc = api_only_fields(c, fields);
	rc |= api_date(c, "delivered_on", 1, &date);
	rc |= api_int(c, "staff_id", 1, 1, INT64_MAX, &staff);
	json_t *arr = json_object_get(c->body, "items");
	if (!arr || json_is_null(arr))
		return api_field_error(c, "items", "required");
	if (!json_is_array(arr))
		return api_field_error(c, "items", "type.array");
	size_t n = json_array_size(arr);
	if (n == 0)
		return api_field_error(c, "items", "delivery.bulk_empty");
	if (n > DELIVERY_BULK_MAX)
		return api_field_error(c, "items", "delivery.bulk_too_many");
	items = arena_alloc(c->arena, n * sizeof(*items));
	if (!items)
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		items[i].in.delivered_on = date;
		items[i].in.staff_id = staff;
		rc |= bulk_item_read(c, json_array_get(arr, i), i, &items[i]);
	}
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	delivery_actor_init(c, &who, &a);
	rc = delivery_create_bulk(db, &a, items, n, date_today(), &fe);
	if (rc == ERR_INVALID) {
		/* Every error under its item ("items.3.units"), even the
		 * day's date or staff member: it names the item it stopped. */
		for (size_t i = 0; i < n; i++)
			for (int j = 0; j < items[i].fe.n; j++)
				api_field_error(c, item_field(f, sizeof(f), i, items[i].fe.e[j].field),
						items[i].fe.e[j].key);
		return api_field_errors(c, &fe, rc);
	}
	if (rc)
		return rc;
	json_t *list = json_array();
	int over = 0;
	for (size_t i = 0; i < n; i++) {
		over += items[i].out.over_limit;
		json_array_append_new(list, json_pack("{s:I,s:I,s:b}", "id", (json_int_t)items[i].out.id,
						      "case_id", (json_int_t)items[i].in.case_id,
						      "over_limit", items[i].out.over_limit));
	}
	return api_ok(c, 201, json_pack("{s:o,s:i}", "items", list, "over_limit_count", over));
}

int api_delivery_get(struct api_ctx *c)
{
	struct db *db;
	json_t *doc = NULL;
	int64_t case_id = 0;
	int rc = api_db(c, &db);
	if (!rc)
		rc = delivery_get(db, &c->who, c->params[0], &doc, &case_id);
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "delivery.not_found" : NULL);
	api_audit_read(c, "delivery.read", "case", case_id, NULL);
	return api_ok(c, 200, doc);
}

int api_delivery_correct(struct api_ctx *c)
{
	static const char *const fields[] = {"units", "delivered_on", "note", "reason", NULL};
	struct delivery_correction in = {0};
	struct field_errors fe = {0};
	struct delivery_outcome out = {0};
	struct audit_entry who;
	struct delivery_actor a;
	const char *conflict = NULL;
	struct db *db;
	int rc = api_only_fields(c, fields);
	rc |= read_units(c, c->body, "units", "units", &in.units_x100);
	rc |= api_date(c, "delivered_on", 0, &in.delivered_on);
	if (json_object_get(c->body, "note")) {
		in.note_set = 1;
		rc |= api_str(c, "note", 0, TEXT_BYTES(DELIVERY_NOTE_MAX_CHARS), &in.note);
	}
	rc |= api_str(c, "reason", 1, TEXT_BYTES(DELIVERY_REASON_MAX_CHARS), &in.reason);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	delivery_actor_init(c, &who, &a);
	rc = delivery_correct(db, &a, c->params[0], &in, date_today(), &fe, &conflict, &out);
	if (rc)
		return delivery_error(c, rc, &fe, conflict, "delivery.not_found");
	return delivery_respond(c, db, &out);
}

int api_delivery_void(struct api_ctx *c)
{
	static const char *const fields[] = {"reason", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct delivery_actor a;
	const char *conflict = NULL, *reason = NULL;
	struct db *db;
	json_t *doc = NULL;
	int64_t case_id;
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "reason", 1, TEXT_BYTES(DELIVERY_REASON_MAX_CHARS), &reason);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	delivery_actor_init(c, &who, &a);
	rc = delivery_void(db, &a, c->params[0], reason, &fe, &conflict);
	if (!rc)
		rc = delivery_get(db, &c->who, c->params[0], &doc, &case_id);
	if (rc)
		return delivery_error(c, rc, &fe, conflict, "delivery.not_found");
	return api_ok(c, 200, doc);
}

/* ?month=YYYY-MM: required, or the current month when `dflt`. */
static int read_month(struct api_ctx *c, int dflt, int *first, int *last)
{
	const char *m = api_query(c, "month");
	if (!m && dflt)
		return delivery_period_bounds("month", date_today(), first, last);
	if (!m)
		return api_field_error(c, "month", "required");
	if (delivery_month_parse(m, first, last))
		return api_field_error(c, "month", "delivery.month");
	return 0;
}

int api_delivery_case_month(struct api_ctx *c)
{
	struct db *db;
	json_t *doc = NULL;
	char reason[160] = "";
	int first, last;
	int rc = read_month(c, 1, &first, &last);
	if (!rc)
		rc = api_db(c, &db);
	if (!rc)
		rc = delivery_case_month(db, &c->who, c->params[0], first, last, &doc, reason,
					 sizeof(reason));
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "delivery.case_not_found" : c->err_key);
	api_audit_read(c, "deliveries.read", "case", c->params[0], reason[0] ? reason : NULL);
	return api_ok(c, 200, doc);
}

/* ---- billing ---- */

/* 1 for CSV (format=csv or Accept: text/csv), 0 for JSON, ERR_INVALID
 * for another format. */
static int want_csv(struct api_ctx *c)
{
	const char *f = api_query(c, "format");
	if (f) {
		if (!strcmp(f, "csv"))
			return 1;
		if (!strcmp(f, "json"))
			return 0;
		return api_field_error(c, "format", "enum");
	}
	const char *accept = c->io.header(c->io.t, "Accept");
	return accept && strstr(accept, "text/csv") ? 1 : 0;
}

static enum payment_lang billing_lang(const struct api_ctx *c)
{
	return c->lang == API_LANG_EN ? PAYMENT_LANG_EN : PAYMENT_LANG_LT;
}

/* Moves a CSV buffer into the arena as the response. */
static int csv_respond(struct api_ctx *c, struct buf *b, const char *filename)
{
	char *body = arena_alloc(c->arena, b->len + 1);
	if (!body) {
		buf_release(b);
		return api_fail(c, ERR_TOO_LARGE, "billing.too_large");
	}
	memcpy(body, b->data, b->len);
	c->resp_raw = body;
	c->resp_raw_len = b->len;
	c->content_type = "text/csv; charset=utf-8";
	c->content_disposition = arena_printf(c->arena, "attachment; filename=\"%s\"", filename);
	c->status = 200;
	buf_release(b);
	return 0;
}

int api_billing_person(struct api_ctx *c)
{
	struct db *db;
	json_t *doc = NULL;
	int first, last;
	int csv = want_csv(c);
	int rc = csv < 0 ? csv : read_month(c, 0, &first, &last);
	if (!rc)
		rc = api_db(c, &db);
	if (!rc)
		rc = billing_person(db, &c->who, c->params[0], first, last, &doc);
	if (rc)
		return api_fail(c, rc, rc == ERR_NOT_FOUND ? "person.not_found" : c->err_key);
	api_audit_read(c, "billing.read", "person", c->params[0], NULL);
	if (!csv)
		return api_ok(c, 200, doc);
	struct buf b;
	buf_init(&b, BILLING_CSV_MAX);
	rc = billing_person_csv(doc, billing_lang(c), &b);
	char name[80];
	snprintf(name, sizeof(name), "saskaita-%lld-%s.csv", (long long)c->params[0],
		 json_string_value(json_object_get(doc, "month")));
	json_decref(doc);
	if (rc) {
		buf_release(&b);
		return rc;
	}
	return csv_respond(c, &b, name);
}

struct month_out {
	json_t *list; /* JSON: one object per person */
	struct buf *csv;
	const char *month;
	int rc;
};

static int month_row(void *arg, const struct billing_person_total *t)
{
	struct month_out *o = arg;
	if (o->list) {
		json_t *row = json_pack("{s:I,s:s,s:s,s:i,s:I,s:I}", "person_id", (json_int_t)t->person_id,
					"family_name", t->family_name, "given_names", t->given_names,
					"cases", t->cases, "cost_cents", (json_int_t)t->cost_cents,
					"due_cents", (json_int_t)t->due_cents);
		return row && !json_array_append_new(o->list, row) ? 0 : ERR_NOMEM;
	}
	char pid[24], n[16], cost[24], due[24];
	snprintf(pid, sizeof(pid), "%lld", (long long)t->person_id);
	snprintf(n, sizeof(n), "%d", t->cases);
	billing_csv_money(t->cost_cents, cost, sizeof(cost));
	billing_csv_money(t->due_cents, due, sizeof(due));
	int rc = 0;
	const char *f[] = {o->month, pid, t->family_name, t->given_names, n, cost, due};
	for (int i = 0; i < 7 && !rc; i++) {
		if (i)
			rc = buf_puts(o->csv, ";");
		if (!rc)
			rc = billing_csv_field(o->csv, f[i], i == 2 || i == 3);
	}
	return rc ? rc : buf_puts(o->csv, "\r\n");
}

int api_billing_month(struct api_ctx *c)
{
	static const char *const head_lt = "Mėnuo;Asmens ID;Pavardė;Vardai;Bylos;Kaina;Mokėti\r\n";
	static const char *const head_en = "Month;Person ID;Family name;Given names;Cases;Cost;Due\r\n";
	struct billing_month_totals tot;
	struct month_out o = {0};
	struct buf b;
	struct db *db;
	char month[16], reason[64];
	int first, last;
	int64_t dept = 0;
	int csv = want_csv(c);
	int rc = csv < 0 ? csv : read_month(c, 0, &first, &last);
	if (!rc)
		rc = api_query_id(c, "department_id", &dept);
	if (!rc)
		rc = api_db(c, &db);
	if (rc)
		return rc;
	snprintf(month, sizeof(month), "%04d-%02d", first / 10000, first / 100 % 100);
	o.month = month;
	if (csv) {
		buf_init(&b, BILLING_CSV_MAX);
		o.csv = &b;
		rc = buf_puts(&b, "\xef\xbb\xbf");
		if (!rc)
			rc = buf_puts(&b, c->lang == API_LANG_EN ? head_en : head_lt);
	} else {
		o.list = json_array();
	}
	if (!rc)
		rc = billing_month_each(db, &c->who, first, last, dept, month_row, &o, &tot);
	if (rc) {
		if (csv)
			buf_release(&b);
		json_decref(o.list);
		if (rc == ERR_TOO_LARGE)
			return api_fail(c, rc, "billing.too_large");
		return api_fail(c, rc, rc == ERR_FORBIDDEN ? "billing.department" : NULL);
	}
	snprintf(reason, sizeof(reason), "month=%s department=%lld", month,
		 (long long)tot.department_id);
	api_audit_read(c, "billing.read", "billing", tot.department_id, reason);
	if (csv) {
		char name[64];
		snprintf(name, sizeof(name), "saskaitos-%s.csv", month);
		return csv_respond(c, &b, name);
	}
	return api_ok(c, 200, json_pack("{s:s,s:I,s:I,s:I,s:I,s:o}", "month", month,
					"department_id", (json_int_t)tot.department_id,
					"persons", (json_int_t)tot.persons, "cost_cents",
					(json_int_t)tot.cost_cents, "due_cents",
					(json_int_t)tot.due_cents, "items", o.list));
}
