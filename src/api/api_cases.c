/*
 * api_cases.c - case work under /api/v1/cases, /api/v1/waiting-lists and
 * /api/v1/persons/{id}/incomes: JSON in and out. The rules live in
 * domain/case.c and domain/case_decision.c.
 *
 * Steps on a case (assessment, decision, contract, event) carry If-Match
 * with the case's version (the case page's ETag) and answer with the
 * whole case page and its new ETag, so a client never shows a stale
 * case. A step from the wrong state is 409 "case.transition"; a case the
 * caller may not see is 404, like a missing one.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/date.h"
#include "core/err.h"
#include "core/text.h"
#include "db/db.h"
#include "domain/case.h"
#include "domain/caseplan.h" /* caseplans: the case page parts */
#include "domain/payment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Byte caps for api_str, generous for multi-byte text; the domain counts
 * characters. */
#define TEXT_BYTES(chars) ((size_t)(chars) * 4)

static void case_actor_init(struct api_ctx *c, struct audit_entry *who,
			    struct case_actor *a, const char *entity)
{
	api_audit_fill(c, who, "update", entity, c->n_params ? c->params[0] : 0, NULL);
	a->p = &c->who;
	a->who = who;
	a->audit_key = audit_log_key(c->app->audit);
}

/* Maps a domain result to the error body. */
static int case_error(struct api_ctx *c, int rc, const struct field_errors *fe,
		      const char *not_found_key)
{
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, not_found_key);
	if (fe && fe->n)
		return api_field_errors(c, fe, rc);
	return rc;
}

/* Answers with the case page and its ETag. The page is audited as a read
 * after writes too: it discloses the whole case, not only what the step
 * wrote (whose own entry the step's transaction holds). */
static int case_respond(struct api_ctx *c, int64_t id, int status)
{
	struct db *db;
	struct case_view v;
	json_t *doc = NULL;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	/* One snapshot for the whole page. */
	int own_tx = !db_in_tx(db);
	if (own_tx && (rc = db_tx_begin(db, DB_TX_READ)))
		return rc;
	rc = case_get(db, &c->who, id, &doc, &v);
	/* caseplans: the current plan, open tasks and the notes count. */
	if (!rc && (rc = caseplan_case_parts(db, &c->who, id, doc)))
		json_decref(doc);
	if (own_tx)
		db_tx_rollback(db);
	if (rc)
		return case_error(c, rc, NULL, "case.not_found");
	/* Each decided amount also as the decimal number it was given as. */
	size_t i, j;
	json_t *dec, *ds;
	json_array_foreach(json_object_get(doc, "decisions"), i, dec) {
		json_array_foreach(json_object_get(dec, "services"), j, ds) {
			json_object_set_new(ds, "amount",
					    api_amount_json(json_integer_value(json_object_get(ds, "amount_x100"))));
		}
	}
	api_audit_read(c, "case.read", "case", id, v.full ? NULL : v.reason);
	api_audit_read(c, "case.read", "person", v.person_id, v.full ? NULL : v.reason);
	api_set_etag(c, v.version);
	return api_ok(c, status, doc);
}

/* The end of a step on a case: the error, or the case page. */
static int step_answer(struct api_ctx *c, int rc, const struct field_errors *fe, int status)
{
	if (rc)
		return case_error(c, rc, fe, "case.not_found");
	return case_respond(c, c->params[0], status);
}

/* ---- the application ---- */

static int read_id_list(struct api_ctx *c, const char *field, int64_t *out,
			size_t cap, size_t *n)
{
	json_t *v = json_object_get(c->body, field), *x;
	size_t i;
	*n = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return api_field_error(c, field, "type.array");
	if (json_array_size(v) > cap)
		return api_field_error(c, field, "case.services_too_many");
	json_array_foreach(v, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return api_field_error(c, field, "case.service_unknown");
		out[(*n)++] = json_integer_value(x);
	}
	return 0;
}

int api_case_create(struct api_ctx *c)
{
	static const char *const fields[] = {"person_id", "department_id", "worker_user_id",
		"received_on", "channel", "service_ids", "applicant_person_id", "applicant_name",
		"applicant_relation", "notes", NULL};
	struct case_application_input in;
	int64_t services[CASE_SERVICES_MAX];
	struct field_errors fe = {0};
	struct audit_entry who;
	struct case_actor a;
	struct db *db;
	int64_t id;
	memset(&in, 0, sizeof(in));
	int rc = api_only_fields(c, fields);
	rc |= api_int(c, "person_id", 1, 1, INT64_MAX, &in.person_id);
	rc |= api_int(c, "department_id", 1, 1, INT64_MAX, &in.department_id);
	rc |= api_int(c, "worker_user_id", 0, 1, INT64_MAX, &in.worker_user_id);
	rc |= api_date(c, "received_on", 1, &in.received_on);
	rc |= api_str(c, "channel", 1, 32, &in.channel);
	rc |= read_id_list(c, "service_ids", services, CASE_SERVICES_MAX, &in.n_services);
	rc |= api_int(c, "applicant_person_id", 0, 1, INT64_MAX, &in.applicant_person_id);
	rc |= api_str(c, "applicant_name", 0, TEXT_BYTES(CASE_NAME_MAX_CHARS), &in.applicant_name);
	rc |= api_str(c, "applicant_relation", 0, TEXT_BYTES(CASE_NAME_MAX_CHARS), &in.applicant_relation);
	rc |= api_str(c, "notes", 0, TEXT_BYTES(CASE_TEXT_MAX_CHARS), &in.notes);
	in.service_ids = services;
	if (rc) {
		/* Report the application's rules too, so a form shows every
		 * problem at once. */
		case_application_validate(&in, date_today(), &fe);
		return api_field_errors(c, &fe, ERR_INVALID);
	}
	if ((rc = api_db(c, &db)))
		return rc;
	case_actor_init(c, &who, &a, "case");
	rc = case_create(db, &a, &in, &fe, &id);
	if (rc)
		return case_error(c, rc, &fe, "person.not_found");
	rc = case_respond(c, id, 201);
	if (rc == ERR_NOT_FOUND) {
		/* Registered for another department: the caller does not see
		 * the case itself, only that it exists now. */
		c->err_key = NULL;
		return api_ok(c, 201, json_pack("{s:I,s:s,s:I,s:b}", "id", (json_int_t)id, "status",
						 "applied", "department_id", (json_int_t)in.department_id,
						 "visible", 0));
	}
	return rc;
}

/* ---- reads ---- */

int api_case_get(struct api_ctx *c)
{
	return case_respond(c, c->params[0], 200);
}

int api_case_list(struct api_ctx *c)
{
	struct case_list_filter f;
	struct db *db;
	json_t *rows;
	const char *cursor;
	char reason[160], next[32];
	enum case_status st;
	memset(&f, 0, sizeof(f));
	int rc = api_page(c, &f.limit, &cursor);
	if (!rc)
		rc = api_query_id(c, "person_id", &f.person_id);
	if (!rc)
		rc = api_query_id(c, "department_id", &f.department_id);
	if (rc)
		return rc;
	f.status = api_query(c, "status");
	if (f.status && case_status_parse(f.status, &st))
		return api_field_error(c, "status", "enum");
	if (cursor) {
		char *end;
		long long v = strtoll(cursor, &end, 10);
		if (!*cursor || *end || v <= 0)
			return api_fail(c, ERR_INVALID, "cursor");
		f.before = v;
	}
	int limit = f.limit;
	f.limit = limit + 1;
	if ((rc = api_db(c, &db)))
		return rc;
	rc = case_list(db, &c->who, &f, &rows, reason, sizeof(reason));
	if (rc)
		return rc;
	const char *np = NULL;
	if (json_array_size(rows) > (size_t)limit) {
		json_array_remove(rows, (size_t)limit);
		json_t *last = json_array_get(rows, (size_t)limit - 1);
		snprintf(next, sizeof(next), "%lld",
			 (long long)json_integer_value(json_object_get(last, "id")));
		np = next;
	}
	api_audit_read(c, "case.list", f.person_id ? "person" : "case", f.person_id,
		       reason[0] ? reason : NULL);
	return api_ok(c, 200, json_pack("{s:o,s:s?}", "items", rows, "next_cursor", np));
}

/* ---- assessment ---- */

int api_case_assess(struct api_ctx *c)
{
	static const char *const fields[] = {"assessor_user_id", "assessed_on",
		"dependency_level", "findings", NULL};
	struct case_assessment_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct case_actor a;
	struct db *db;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	memset(&in, 0, sizeof(in));
	rc = api_only_fields(c, fields);
	rc |= api_int(c, "assessor_user_id", 0, 1, INT64_MAX, &in.assessor_user_id);
	rc |= api_date(c, "assessed_on", 1, &in.assessed_on);
	rc |= api_str(c, "dependency_level", 1, 32, &in.dependency_level);
	rc |= api_str(c, "findings", 1, TEXT_BYTES(CASE_FINDINGS_MAX_CHARS), &in.findings);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	case_actor_init(c, &who, &a, "case");
	rc = case_assess(db, &a, c->params[0], expected, &in, &fe, &version);
	return step_answer(c, rc, &fe, 201);
}

/* ---- decisions ---- */

/* An amount of units: a JSON number or a decimal string, at most two
 * decimals (api_amount_parse). */
static int read_amount(struct api_ctx *c, json_t *v, const char *field, int64_t *out)
{
	if (!v || json_is_null(v))
		return api_field_error(c, field, "required");
	if (api_amount_parse(v, out))
		return api_field_error(c, field, "case.amount");
	return 0;
}

static int read_obj_date(struct api_ctx *c, json_t *o, const char *key,
			 const char *field, int required, int *out)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return required ? api_field_error(c, field, "required") : 0;
	if (!json_is_string(v) || date_parse(json_string_value(v), out))
		return api_field_error(c, field, "date");
	return 0;
}

static int read_services(struct api_ctx *c, struct case_decision_input *in)
{
	static const char *const keys[] = {"service_id", "amount", "period", "visits_per_week",
		"start_on", "end_on", NULL};
	json_t *arr = json_object_get(c->body, "services"), *o;
	size_t i;
	int rc = 0;
	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr))
		return api_field_error(c, "services", "type.array");
	if (json_array_size(arr) > CASE_SERVICES_MAX)
		return api_field_error(c, "services", "case.services_too_many");
	json_array_foreach(arr, i, o) {
		struct case_decided_service *s = &in->services[i];
		const char *k;
		json_t *v;
		in->n_services = i + 1;
		if (!json_is_object(o)) {
			rc = api_field_error(c, case_service_field(i, CASE_SF_SERVICE), "type.object");
			continue;
		}
		json_object_foreach(o, k, v) {
			int ok = 0;
			for (const char *const *a = keys; *a; a++)
				ok |= !strcmp(*a, k);
			if (!ok)
				rc = api_field_error(c, "services", "unknown_field");
		}
		v = json_object_get(o, "service_id");
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			rc = api_field_error(c, case_service_field(i, CASE_SF_SERVICE),
					     v ? "type.integer" : "required");
		else
			s->service_id = json_integer_value(v);
		if (read_amount(c, json_object_get(o, "amount"), case_service_field(i, CASE_SF_AMOUNT),
				&s->amount_x100))
			rc = ERR_INVALID;
		v = json_object_get(o, "period");
		if (!json_is_string(v))
			rc = api_field_error(c, case_service_field(i, CASE_SF_PERIOD),
					     v ? "type.string" : "required");
		else
			s->period = json_string_value(v);
		v = json_object_get(o, "visits_per_week");
		if (v && !json_is_null(v)) {
			if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 50)
				rc = api_field_error(c, case_service_field(i, CASE_SF_VISITS), "range");
			else
				s->visits_per_week = json_integer_value(v);
		}
		if (read_obj_date(c, o, "start_on", case_service_field(i, CASE_SF_START), 1, &s->start_on))
			rc = ERR_INVALID;
		if (read_obj_date(c, o, "end_on", case_service_field(i, CASE_SF_END), 0, &s->end_on))
			rc = ERR_INVALID;
	}
	return rc;
}

static int read_money(struct api_ctx *c, json_t *o, const char *key, const char *field,
		      int required, int64_t *out)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return required ? api_field_error(c, field, "required") : 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > PAYMENT_MONEY_MAX)
		return api_field_error(c, field, "range");
	*out = json_integer_value(v);
	return 0;
}

static int read_income(struct api_ctx *c, struct case_income_override *inc)
{
	static const char *const keys[] = {"incomes", "family_members", "asset_value_cents",
		"target_compensation_cents", NULL};
	json_t *o = json_object_get(c->body, "income"), *v;
	const char *k;
	int rc = 0;
	if (!o || json_is_null(o))
		return 0;
	if (!json_is_object(o))
		return api_field_error(c, "income", "type.object");
	json_object_foreach(o, k, v) {
		int ok = 0;
		for (const char *const *a = keys; *a; a++)
			ok |= !strcmp(*a, k);
		if (!ok)
			rc = api_field_error(c, "income", "unknown_field");
	}
	inc->given = 1;
	inc->family_members = 1;
	v = json_object_get(o, "incomes");
	if (!json_is_array(v) || json_array_size(v) != 3) {
		rc = api_field_error(c, "income.incomes", "case.income_three");
	} else {
		for (size_t i = 0; i < 3; i++) {
			json_t *x = json_array_get(v, i);
			if (!json_is_integer(x) || json_integer_value(x) < 0 ||
			    json_integer_value(x) > PAYMENT_MONEY_MAX)
				rc = api_field_error(c, "income.incomes", "range");
			else
				inc->incomes[i] = json_integer_value(x);
		}
	}
	v = json_object_get(o, "family_members");
	if (v && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > PAYMENT_MEMBERS_MAX)
			rc = api_field_error(c, "income.family_members", "range");
		else
			inc->family_members = (int)json_integer_value(v);
	}
	rc |= read_money(c, o, "asset_value_cents", "income.asset_value_cents", 0, &inc->asset_value_cents);
	rc |= read_money(c, o, "target_compensation_cents", "income.target_compensation_cents", 0,
			 &inc->target_compensation_cents);
	return rc ? ERR_INVALID : 0;
}

int api_case_decide(struct api_ctx *c)
{
	static const char *const fields[] = {"kind", "number", "decided_on", "reason", "services",
		"income", NULL};
	struct case_decision_input *in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct case_actor a;
	struct db *db;
	int64_t expected, version, decision_id;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	in = arena_alloc(c->arena, sizeof(*in));
	if (!in)
		return ERR_NOMEM;
	memset(in, 0, sizeof(*in));
	rc = api_only_fields(c, fields);
	rc |= api_str(c, "kind", 1, 32, &in->kind);
	rc |= api_str(c, "number", 0, TEXT_BYTES(CASE_NUMBER_MAX_CHARS), &in->number);
	rc |= api_date(c, "decided_on", 1, &in->decided_on);
	rc |= api_str(c, "reason", 0, TEXT_BYTES(CASE_TEXT_MAX_CHARS), &in->reason);
	rc |= read_services(c, in);
	rc |= read_income(c, &in->income);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	case_actor_init(c, &who, &a, "case");
	rc = case_decide(db, &a, c->params[0], expected, in, &fe, &decision_id, &version);
	return step_answer(c, rc, &fe, 201);
}

/* ---- contract and events ---- */

int api_case_contract(struct api_ctx *c)
{
	static const char *const fields[] = {"number", "signed_on", NULL};
	struct case_contract_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct case_actor a;
	struct db *db;
	int64_t expected, version, contract_id;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	memset(&in, 0, sizeof(in));
	rc = api_only_fields(c, fields);
	rc |= api_str(c, "number", 0, TEXT_BYTES(CASE_NUMBER_MAX_CHARS), &in.number);
	rc |= api_date(c, "signed_on", 1, &in.signed_on);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	case_actor_init(c, &who, &a, "case");
	rc = case_sign_contract(db, &a, c->params[0], expected, &in, &fe, &contract_id, &version);
	return step_answer(c, rc, &fe, 201);
}

int api_case_event(struct api_ctx *c)
{
	static const char *const fields[] = {"kind", "on_date", "reason", "next_review", NULL};
	struct case_event_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct case_actor a;
	struct db *db;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	memset(&in, 0, sizeof(in));
	rc = api_only_fields(c, fields);
	rc |= api_str(c, "kind", 1, 32, &in.kind);
	rc |= api_date(c, "on_date", 1, &in.on_date);
	rc |= api_str(c, "reason", 0, TEXT_BYTES(CASE_TEXT_MAX_CHARS), &in.reason);
	rc |= api_date(c, "next_review", 0, &in.next_review);
	if (rc) {
		case_event_validate(&in, &fe);
		return api_field_errors(c, &fe, ERR_INVALID);
	}
	if ((rc = api_db(c, &db)))
		return rc;
	case_actor_init(c, &who, &a, "case");
	rc = case_event(db, &a, c->params[0], expected, &in, &fe, &version);
	return step_answer(c, rc, &fe, 200);
}

/* ---- waiting lists ---- */

int api_waiting_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int64_t service_id;
	int rc = api_query_id(c, "service_id", &service_id);
	if (!rc)
		rc = api_db(c, &db);
	if (!rc)
		rc = case_waiting_list(db, &c->who, service_id, &rows);
	if (rc)
		return rc;
	api_audit_read(c, "waiting.list", "service", service_id, NULL);
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

/* ---- documents ---- */

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Percent-decodes s (a header value may carry UTF-8 only so) into the
 * arena; NULL if malformed or not UTF-8. */
static const char *percent_decode(struct api_ctx *c, const char *s)
{
	size_t n = strlen(s), k = 0;
	char *out = arena_alloc(c->arena, n + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (i + 2 >= n)
				return NULL;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	if (strlen(out) != k || !utf8_valid(out, k))
		return NULL;
	return out;
}

/* A parameter from the header (percent-encoded UTF-8) or the query. */
static int doc_param(struct api_ctx *c, const char *header, const char *query,
		     const char **out)
{
	const char *h = c->io.header(c->io.t, header);
	*out = NULL;
	if (h) {
		if (strlen(h) > 1000 || !(*out = percent_decode(c, h)))
			return api_field_error(c, query, "invalid");
		return 0;
	}
	const char *q = api_query(c, query);
	if (q) {
		if (strlen(q) > 1000 || !utf8_valid(q, strlen(q)))
			return api_field_error(c, query, "invalid");
		*out = q;
	}
	return 0;
}

int api_case_document_add(struct api_ctx *c)
{
	struct case_document_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct case_actor a;
	struct db *db;
	json_t *doc = NULL;
	memset(&in, 0, sizeof(in));
	int rc = doc_param(c, "X-Filename", "filename", &in.filename);
	rc |= doc_param(c, "X-Document-Kind", "kind", &in.kind);
	if (rc)
		return ERR_INVALID;
	in.data = c->body_raw;
	in.size = c->body_len;
	if ((rc = api_db(c, &db)))
		return rc;
	case_actor_init(c, &who, &a, "case");
	rc = case_document_add(db, &a, c->params[0], &in, &fe, &doc);
	if (rc)
		return case_error(c, rc, &fe, "case.not_found");
	return api_ok(c, 201, doc);
}

/* Content-Disposition with the file name as RFC 5987 UTF-8. */
static const char *disposition(struct api_ctx *c, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(name);
	char *enc = arena_alloc(c->arena, n * 3 + 1), *p = enc;
	if (!enc)
		return "attachment";
	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == '.' || *s == '-' || *s == '_') {
			*p++ = (char)*s;
		} else {
			*p++ = '%';
			*p++ = hex[*s >> 4];
			*p++ = hex[*s & 15];
		}
	}
	*p = '\0';
	return arena_printf(c->arena, "attachment; filename*=UTF-8''%s", enc);
}

int api_case_document_get(struct api_ctx *c)
{
	struct db *db;
	struct case_view v;
	json_t *meta = NULL;
	void *data = NULL;
	size_t size = 0;
	int rc = api_db(c, &db);
	if (!rc)
		rc = case_document_get(db, &c->who, c->params[0], c->params[1], &meta, &data, &size, &v);
	if (rc)
		return case_error(c, rc, NULL, "case.document_not_found");
	char *copy = arena_alloc(c->arena, size ? size : 1);
	if (!copy) {
		free(data);
		json_decref(meta);
		return ERR_NOMEM;
	}
	memcpy(copy, data, size);
	free(data);
	c->content_type = arena_strdup(c->arena, json_string_value(json_object_get(meta, "content_type")));
	c->content_disposition = disposition(c, json_string_value(json_object_get(meta, "filename")));
	json_decref(meta);
	api_audit_read(c, "case.document.read", "case", c->params[0], NULL);
	api_audit_read(c, "case.document.read", "person", v.person_id, NULL);
	c->resp_raw = copy;
	c->resp_raw_len = size;
	c->status = 200;
	return 0;
}

/* ---- incomes ---- */

int api_income_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	char reason[160];
	int rc = api_db(c, &db);
	if (!rc)
		rc = person_incomes_list(db, &c->who, c->params[0], &rows, reason, sizeof(reason));
	if (rc)
		return case_error(c, rc, NULL, "person.not_found");
	api_audit_read(c, "incomes.read", "person", c->params[0], reason[0] ? reason : NULL);
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

int api_income_add(struct api_ctx *c)
{
	static const char *const fields[] = {"month", "amount_cents", "source", NULL};
	struct income_input in;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct case_actor a;
	struct db *db;
	json_t *rows = NULL;
	const char *month = NULL;
	memset(&in, 0, sizeof(in));
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "month", 1, 16, &month);
	rc |= api_int(c, "amount_cents", 1, 0, PAYMENT_MONEY_MAX, &in.amount_cents);
	rc |= api_str(c, "source", 1, TEXT_BYTES(CASE_INCOME_SOURCE_MAX_CHARS), &in.source);
	if (month && case_month_parse(month, &in.month))
		rc = api_field_error(c, "month", "case.month");
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	case_actor_init(c, &who, &a, "person");
	rc = person_income_add(db, &a, c->params[0], &in, &fe, &rows);
	if (rc)
		return case_error(c, rc, &fe, "person.not_found");
	api_audit_read(c, "incomes.read", "person", c->params[0], NULL);
	return api_ok(c, 201, json_pack("{s:o}", "items", rows));
}
