/*
 * case.c - case work: scope, the application, the case page and list,
 * the need assessment, contract, events, waiting lists, documents and
 * incomes (see case.h). Decisions and their payment are in
 * case_decision.c. SQL is in db/store_case.c.
 */
#include "domain/case.h"
#include "core/date.h"
#include "core/err.h"
#include "core/text.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_case.h"
#include "db/store_parts.h"
#include "domain/case_internal.h"
#include "domain/catalogue.h"
#include "domain/org.h"
#include "domain/person.h"
#include "domain/person_parts.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pure rules ---- */

static int in_list(const char *s, const char *const *list)
{
	if (!s)
		return 0;
	for (; *list; list++)
		if (!strcmp(s, *list))
			return 1;
	return 0;
}

int case_channel_valid(const char *s)
{
	static const char *const v[] = {"in_person", "post", "email", "spis", "phone", "referral", NULL};
	return in_list(s, v);
}

int case_dependency_level_valid(const char *s)
{
	static const char *const v[] = {"none", "low", "moderate", "high", "very_high", NULL};
	return in_list(s, v);
}

int case_decision_kind_valid(const char *s)
{
	static const char *const v[] = {"assign", "refuse", "waiting_list", NULL};
	return in_list(s, v);
}

int case_period_valid(const char *s)
{
	static const char *const v[] = {"week", "month", "stay", NULL};
	return in_list(s, v);
}

static int document_kind_valid(const char *s)
{
	static const char *const v[] = {"application", "assessment", "decision", "contract",
		"income", "other", NULL};
	return in_list(s, v);
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && date_valid(y, 2, 29))
		return 29;
	return d[m - 1];
}

int case_add_months(int date, int months)
{
	int y = date / 10000, m = date / 100 % 100, d = date % 100;
	int idx = y * 12 + (m - 1) + months;
	y = idx / 12;
	m = idx % 12 + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	return y * 10000 + m * 100 + d;
}

int case_due_after(const struct param_table *t, const char *key, int from,
		   int *due)
{
	int64_t days;
	int rc = param_value_at(t, key, from, &days);
	if (rc)
		return rc;
	if (days < 0 || days > 3660)
		return ERR_INVALID;
	*due = date_add_days(from, (int)days);
	return 0;
}

int case_due_months_after(const struct param_table *t, const char *key,
			  int from, int *due)
{
	int64_t months;
	int rc = param_value_at(t, key, from, &months);
	if (rc)
		return rc;
	if (months < 1 || months > PARAM_MAX_MONTHS)
		return ERR_INVALID;
	*due = case_add_months(from, (int)months);
	return 0;
}

void case_income_months(int date, int months[3])
{
	int idx = (date / 10000) * 12 + (date / 100 % 100 - 1);
	for (int i = 0; i < 3; i++) {
		int k = idx - 3 + i;
		months[i] = (k / 12) * 100 + k % 12 + 1;
	}
}

int case_month_parse(const char *s, int *yyyymm)
{
	if (!s || strlen(s) != 7 || s[4] != '-')
		return ERR_INVALID;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return ERR_INVALID;
	int y = atoi(s), m = atoi(s + 5);
	if (y < 1900 || m < 1 || m > 12)
		return ERR_INVALID;
	*yyyymm = y * 100 + m;
	return 0;
}

void case_month_format(int yyyymm, char out[8])
{
	unsigned y = (unsigned)(yyyymm / 100) % 10000u, m = (unsigned)(yyyymm % 100) % 100u;
	snprintf(out, 8, "%04u-%02u", y, m);
}

int case_monthly_cost(int64_t amount_x100, const char *period,
		      int64_t price_cents, int64_t *cost)
{
	int64_t num, den;
	if (amount_x100 < 0 || price_cents < 0 || !case_period_valid(period))
		return ERR_INVALID;
	if (price_cents && amount_x100 > INT64_MAX / 52 / price_cents)
		return ERR_TOO_LARGE;
	if (!strcmp(period, "week")) {
		num = amount_x100 * price_cents * 52;
		den = 100 * 12;
	} else {
		num = amount_x100 * price_cents;
		den = 100;
	}
	int64_t c = (num + den / 2) / den;
	if (c > PAYMENT_MONEY_MAX)
		return ERR_TOO_LARGE;
	*cost = c;
	return 0;
}

int case_amount_within_limit(int64_t amount_x100, const char *period,
			     int64_t limit_x100, const char *limit_period)
{
	if (limit_x100 <= 0 || !limit_period || !*limit_period)
		return 1;
	/* A decided "stay" is compared like a month. */
	int weekly = period && !strcmp(period, "week");
	/* Amounts and limits are at most AMOUNT_X100_MAX (1e9): x 52 fits. */
	int64_t a = amount_x100, l = limit_x100;
	if (!strcmp(limit_period, "stay"))
		return a <= l;
	if (!strcmp(limit_period, "week"))
		return weekly ? a <= l : a * 12 <= l * 52;
	if (!strcmp(limit_period, "month"))
		return weekly ? a * 52 <= l * 12 : a <= l;
	if (!strcmp(limit_period, "day"))
		return weekly ? a <= l * 7 : a <= l * 31;
	if (!strcmp(limit_period, "year"))
		return weekly ? a * 52 <= l : a * 12 <= l;
	return 1;
}

/* ---- shared frame for writes (case_internal.h) ---- */

static void check_text(struct field_errors *fe, const char *field,
		       const char *s, size_t max, int required, int multiline)
{
	if (!s) {
		if (required)
			fe_add(fe, field, "required");
		return;
	}
	const char *k = text_check(s, max, multiline);
	if (k)
		fe_add(fe, field, k);
}

void case_check_text(struct field_errors *fe, const char *field,
		     const char *s, size_t max, int required, int multiline)
{
	check_text(fe, field, s, max, required, multiline);
}

static int view_of_row(struct db *db, const struct principal *p,
		       const struct store_case_row *r, struct case_view *v)
{
	memset(v, 0, sizeof(*v));
	v->person_id = r->person_id;
	v->department_id = r->department_id;
	v->worker_user_id = r->worker_user_id;
	v->version = r->version;
	if (case_status_parse(r->status, &v->status))
		return ERR_INTERNAL;
	switch (access_person_scope(p)) {
	case SCOPE_ALL:
		v->full = 1;
		return 0;
	case SCOPE_DEPARTMENT:
		if (r->department_id != p->department_id)
			return ERR_NOT_FOUND;
		v->full = 1;
		return 0;
	case SCOPE_SHARED: {
		struct person_view pv;
		int rc = person_view_for(db, p, r->person_id, &pv);
		if (rc)
			return rc;
		if (!(pv.parts & SHARE_PART_CASES))
			return ERR_NOT_FOUND;
		snprintf(v->reason, sizeof(v->reason), "%s", pv.reason);
		return 0;
	}
	default:
		return ERR_NOT_FOUND;
	}
}

int case_view_for(struct db *db, const struct principal *p, int64_t case_id,
		  struct case_view *v)
{
	struct store_case_row r;
	int rc = store_case_row(db, case_id, &r);
	if (rc)
		return rc;
	return view_of_row(db, p, &r, v);
}

int case_begin(struct db *db, const struct case_actor *a, int64_t case_id,
	       int64_t expected, struct store_case_row *row)
{
	struct case_view v;
	char now[TIMESTAMP_ISO_LEN];
	int64_t changes = 0;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_case_row(db, case_id, row);
	if (!rc)
		rc = view_of_row(db, a->p, row, &v);
	if (!rc && !v.full)
		rc = ERR_NOT_FOUND;
	if (rc)
		goto fail;
	time_format_iso(time_now_ms(), now);
	rc = store_case_bump(db, case_id, expected, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_PRECONDITION;
	/* Read again under the row lock the bump took. */
	if (!rc)
		rc = store_case_row(db, case_id, row);
	if (rc)
		goto fail;
	return 0;
fail:
	db_tx_rollback(db);
	return rc;
}

int case_transition(struct store_case_row *row, enum case_step step,
		    enum case_status *from, enum case_status *to,
		    struct field_errors *fe)
{
	int rc = case_status_parse(row->status, from);
	if (rc)
		return ERR_INTERNAL;
	rc = case_step_apply(*from, step, to);
	if (rc == ERR_CONFLICT)
		fe_add(fe, "status", "case.transition");
	if (!rc)
		snprintf(row->status, sizeof(row->status), "%s", case_status_name(*to));
	return rc;
}

int case_date_from(int date, const char *since, const char *field,
		   const char *key, struct field_errors *fe)
{
	int from = 0;
	if (since && *since && !date_parse(since, &from) && date < from)
		return fe_add(fe, field, key);
	return 0;
}

void case_date_set(char *out, int date)
{
	if (date)
		date_format(date, out);
	else
		out[0] = '\0';
}

int case_finish(struct db *db, const struct case_actor *a,
		const struct store_case_row *row, enum case_step step,
		enum case_status from, int on_date, const char *reason,
		const char *action)
{
	char now[TIMESTAMP_ISO_LEN], day[DATE_ISO_LEN];
	struct audit_entry e[2];
	time_format_iso(time_now_ms(), now);
	date_format(on_date, day);
	int rc = store_case_set_state(db, row);
	if (!rc)
		rc = store_case_event_add(db, row->id, case_step_name(step),
					  from == CASE__STATUS_COUNT ? NULL : case_status_name(from),
					  row->status, day, reason, a->p->user_id, now);
	if (rc)
		return rc;
	/* The case's entry and the person's, so the person's trail shows
	 * every step of their cases. */
	e[0] = *a->who;
	e[0].action = action;
	e[0].entity = "case";
	e[0].entity_id = row->id;
	e[1] = *a->who;
	e[1].action = action;
	e[1].entity = "person";
	e[1].entity_id = row->person_id;
	snprintf(e[1].reason, sizeof(e[1].reason), "case %lld", (long long)row->id);
	rc = audit_append_tx(db, a->audit_key, e, 2);
	if (!rc)
		rc = db_tx_commit(db);
	return rc;
}

int case_params(struct db *db, struct param_table **out)
{
	struct param_table *t = malloc(sizeof(*t));
	if (!t)
		return ERR_NOMEM;
	int rc = catalogue_params_load(db, t);
	if (rc) {
		free(t);
		return rc;
	}
	*out = t;
	return 0;
}

int case_due(const struct param_table *t, const char *key, int months, int from,
	     const char *field, struct field_errors *fe, int *due)
{
	int rc = months ? case_due_months_after(t, key, from, due) : case_due_after(t, key, from, due);
	if (rc == ERR_NOT_FOUND)
		rc = fe_add(fe, field, "case.params_missing");
	return rc;
}

/* ---- the application ---- */

int case_application_validate(const struct case_application_input *in,
			      int today, struct field_errors *fe)
{
	if (in->person_id <= 0)
		fe_add(fe, "person_id", "required");
	if (in->department_id <= 0)
		fe_add(fe, "department_id", "required");
	if (!in->received_on)
		fe_add(fe, "received_on", "required");
	else if (in->received_on > today)
		fe_add(fe, "received_on", "date.future");
	if (!in->channel)
		fe_add(fe, "channel", "required");
	else if (!case_channel_valid(in->channel))
		fe_add(fe, "channel", "enum");
	if (in->applicant_person_id && in->applicant_name)
		fe_add(fe, "applicant_name", "case.applicant_one");
	if (in->applicant_person_id && in->applicant_person_id == in->person_id)
		fe_add(fe, "applicant_person_id", "case.applicant_self");
	if (in->applicant_name) {
		check_text(fe, "applicant_name", in->applicant_name, CASE_NAME_MAX_CHARS, 1, 0);
		check_text(fe, "applicant_relation", in->applicant_relation, CASE_NAME_MAX_CHARS, 1, 0);
	} else if (in->applicant_relation) {
		if (!in->applicant_person_id)
			fe_add(fe, "applicant_relation", "case.applicant_relation");
		else
			check_text(fe, "applicant_relation", in->applicant_relation, CASE_NAME_MAX_CHARS, 1, 0);
	}
	check_text(fe, "notes", in->notes, CASE_TEXT_MAX_CHARS, 0, 1);
	if (in->n_services == 0)
		fe_add(fe, "service_ids", "case.services_required");
	else if (in->n_services > CASE_SERVICES_MAX)
		fe_add(fe, "service_ids", "case.services_too_many");
	for (size_t i = 0; i < in->n_services && i < CASE_SERVICES_MAX; i++) {
		if (in->service_ids[i] <= 0)
			fe_add(fe, "service_ids", "case.service_unknown");
		for (size_t j = 0; j < i; j++)
			if (in->service_ids[j] == in->service_ids[i])
				fe_add(fe, "service_ids", "case.service_duplicate");
	}
	return fe->n ? ERR_INVALID : 0;
}

/* A service the case work may use: present and active. */
int case_service_usable(struct db *db, int64_t id, const char *field,
			struct catalogue_service *svc, struct field_errors *fe)
{
	int rc = catalogue_service_read(db, id, svc);
	if (rc == ERR_NOT_FOUND)
		return fe_add(fe, field, "case.service_unknown");
	if (rc)
		return rc;
	if (!svc->active)
		return fe_add(fe, field, "case.service_inactive");
	return 0;
}

/* A user who may be named on a case: exists, enabled; for a worker, a
 * head or social worker of the case's department (dept 0: any role). */
static int user_usable(struct db *db, int64_t id, int64_t dept, const char *field,
		       struct field_errors *fe)
{
	json_t *u = NULL;
	int rc = org_get(db, ORG_USER, id, &u);
	if (rc == ERR_NOT_FOUND)
		return fe_add(fe, field, "user.not_found");
	if (rc)
		return rc;
	int ok = !json_is_true(json_object_get(u, "disabled"));
	if (ok && dept) {
		const char *role = json_string_value(json_object_get(u, "role"));
		ok = role && (!strcmp(role, "head") || !strcmp(role, "social_worker")) &&
		     json_integer_value(json_object_get(u, "department_id")) == dept;
	}
	if (ok && !dept) {
		const char *role = json_string_value(json_object_get(u, "role"));
		ok = role && strcmp(role, "partner") && strcmp(role, "auditor") && strcmp(role, "admin");
	}
	json_decref(u);
	return ok ? 0 : fe_add(fe, field, dept ? "case.worker" : "case.assessor");
}

/* A person the caller fully sees and not merged into another record. */
static int person_fully_visible(struct db *db, const struct principal *p,
				int64_t id, const char *field,
				struct field_errors *fe)
{
	struct person_view v;
	int64_t version, merged = 0;
	int rc = person_view_for(db, p, id, &v);
	if (rc == ERR_NOT_FOUND || (!rc && !v.full))
		return fe_add(fe, field, "person.not_found");
	if (!rc)
		rc = store_parts_person_state(db, id, &version, &merged);
	if (!rc && merged)
		return fe_add(fe, field, "person.merged");
	return rc;
}

int case_create(struct db *db, const struct case_actor *a,
		const struct case_application_input *in,
		struct field_errors *fe, int64_t *id)
{
	struct param_table *t = NULL;
	struct catalogue_service svc;
	struct store_case_new cn;
	struct store_application_new an;
	struct store_case_row row;
	json_t *dept = NULL;
	char due[DATE_ISO_LEN], received[DATE_ISO_LEN], today[DATE_ISO_LEN];
	char now[TIMESTAMP_ISO_LEN];
	int due_date = 0;
	int64_t app_id;
	int rc = case_application_validate(in, date_today(), fe);
	if (rc)
		return rc;
	if (access_person_scope(a->p) != SCOPE_DEPARTMENT && access_person_scope(a->p) != SCOPE_ALL)
		return ERR_NOT_FOUND;
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = person_fully_visible(db, a->p, in->person_id, "person_id", fe);
	if (rc && rc != ERR_INVALID)
		goto out;
	int r2 = org_get(db, ORG_DEPARTMENT, in->department_id, &dept);
	if (r2 == ERR_NOT_FOUND)
		fe_add(fe, "department_id", "department.not_found");
	else if (r2) {
		rc = r2;
		goto out;
	} else if (!json_is_true(json_object_get(dept, "active")))
		fe_add(fe, "department_id", "org.inactive");
	int64_t worker = in->worker_user_id;
	if (worker) {
		r2 = user_usable(db, worker, in->department_id, "worker_user_id", fe);
		if (r2 && r2 != ERR_INVALID) {
			rc = r2;
			goto out;
		}
	} else if (a->p->role == ROLE_SOCIAL_WORKER && a->p->department_id == in->department_id) {
		worker = a->p->user_id;
	}
	if (in->applicant_person_id) {
		r2 = person_fully_visible(db, a->p, in->applicant_person_id, "applicant_person_id", fe);
		if (r2 && r2 != ERR_INVALID) {
			rc = r2;
			goto out;
		}
	}
	for (size_t i = 0; i < in->n_services; i++) {
		r2 = case_service_usable(db, in->service_ids[i], "service_ids", &svc, fe);
		if (r2 && r2 != ERR_INVALID) {
			rc = r2;
			goto out;
		}
	}
	if (fe->n) {
		rc = ERR_INVALID;
		goto out;
	}
	rc = case_params(db, &t);
	if (!rc)
		rc = case_due(t, PARAM_DECISION_DEADLINE, 0, in->received_on, "received_on", fe, &due_date);
	if (rc)
		goto out;
	date_format(due_date, due);
	date_format(in->received_on, received);
	date_format(date_today(), today);
	time_format_iso(time_now_ms(), now);
	memset(&cn, 0, sizeof(cn));
	cn.person_id = in->person_id;
	cn.department_id = in->department_id;
	cn.worker_user_id = worker;
	cn.decision_due = due;
	cn.opened_on = received;
	cn.created_by = a->p->user_id;
	rc = store_case_insert(db, &cn, now, id);
	memset(&an, 0, sizeof(an));
	an.case_id = *id;
	an.applicant_person_id = in->applicant_person_id;
	an.applicant_name = in->applicant_name;
	an.applicant_relation = in->applicant_relation;
	an.received_on = received;
	an.channel = in->channel;
	an.notes = in->notes;
	an.created_by = a->p->user_id;
	if (!rc)
		rc = store_application_insert(db, &an, now, &app_id);
	for (size_t i = 0; !rc && i < in->n_services; i++)
		rc = store_application_service_add(db, app_id, in->service_ids[i]);
	/* The department's workers see the person from now on. */
	if (!rc)
		rc = store_person_link_department(db, in->person_id, in->department_id, today);
	if (!rc)
		rc = store_case_row(db, *id, &row);
	if (!rc)
		rc = case_finish(db, a, &row, CASE_STEP_APPLY, CASE__STATUS_COUNT, in->received_on,
				 NULL, "case.create");
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(dept);
	free(t);
	return rc;
}

/* ---- reads ---- */

/* Moves key `from` of src to key `to` of dst. */
static void move_key(json_t *src, json_t *dst, const char *from, const char *to)
{
	json_t *v = json_object_get(src, from);
	if (v) {
		json_object_set(dst, to, v);
		json_object_del(src, from);
	}
}

/* Parses the text of key k (frozen JSON) into a document in place. */
static void parse_json_key(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	if (!s)
		return;
	json_t *v = json_loads(s, 0, NULL);
	json_object_set_new(o, k, v ? v : json_null());
}

/* Nests rows of `children` whose parent_key equals a row's id under the
 * row as `as`, dropping parent_key from them. */
static void nest(json_t *rows, json_t *children, const char *parent_key,
		 const char *as)
{
	size_t i, j;
	json_t *row, *child;
	json_array_foreach(rows, i, row) {
		json_t *list = json_array();
		int64_t id = json_integer_value(json_object_get(row, "id"));
		json_array_foreach(children, j, child) {
			if (json_integer_value(json_object_get(child, parent_key)) == id) {
				json_t *c = json_copy(child);
				json_object_del(c, parent_key);
				json_array_append_new(list, c);
			}
		}
		json_object_set_new(row, as, list);
	}
}

static json_t *allowed_steps(enum case_status s)
{
	static const enum case_step steps[] = {CASE_STEP_ASSESS, CASE_STEP_DECIDE_ASSIGN,
		CASE_STEP_DECIDE_WAIT, CASE_STEP_DECIDE_REFUSE, CASE_STEP_AMEND,
		CASE_STEP_SIGN_CONTRACT, CASE_STEP_SUSPEND, CASE_STEP_RESUME, CASE_STEP_REVIEW,
		CASE_STEP_TERMINATE, CASE_STEP_REOPEN};
	json_t *list = json_array();
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		enum case_status to;
		if (!case_step_apply(s, steps[i], &to))
			json_array_append_new(list, json_string(case_step_name(steps[i])));
	}
	return list;
}

int case_get(struct db *db, const struct principal *p, int64_t id,
	     json_t **doc, struct case_view *view)
{
	json_t *c = NULL, *apps = NULL, *app_svcs = NULL, *assess = NULL, *dec = NULL;
	json_t *dec_svcs = NULL, *contracts = NULL, *events = NULL, *waiting = NULL;
	json_t *docs = NULL;
	const struct {
		int (*load)(struct db *, int64_t, json_t **);
		json_t **out;
	} lists[] = {
		{store_case_get, &c},
		{store_case_applications, &apps},
		{store_case_application_services, &app_svcs},
		{store_case_assessments, &assess},
		{store_case_decisions, &dec},
		{store_case_decision_services, &dec_svcs},
		{store_case_contracts, &contracts},
		{store_case_events, &events},
		{store_case_waiting, &waiting},
		{store_case_documents, &docs},
	};
	int rc = case_view_for(db, p, id, view);
	/* Partners do not see the documents: the last list. */
	size_t n = sizeof(lists) / sizeof(lists[0]) - (view->full ? 0 : 1);
	for (size_t k = 0; !rc && k < n; k++)
		rc = lists[k].load(db, id, lists[k].out);
	if (rc)
		goto out;

	json_t *person = json_object(), *dept = json_object(), *worker = json_object();
	move_key(c, person, "person_id", "id");
	move_key(c, person, "given_names", "given_names");
	move_key(c, person, "family_name", "family_name");
	move_key(c, person, "birth_date", "birth_date");
	move_key(c, dept, "department_id", "id");
	move_key(c, dept, "department_name_lt", "name_lt");
	move_key(c, dept, "department_name_en", "name_en");
	move_key(c, worker, "worker_user_id", "id");
	move_key(c, worker, "worker_name", "display_name");
	json_object_set_new(c, "person", person);
	json_object_set_new(c, "department", dept);
	if (json_is_null(json_object_get(worker, "id"))) {
		json_decref(worker);
		json_object_set_new(c, "worker", json_null());
	} else {
		json_object_set_new(c, "worker", worker);
	}

	size_t i;
	json_t *row;
	json_array_foreach(apps, i, row) {
		json_t *ap = json_object();
		move_key(row, ap, "applicant_person_id", "person_id");
		move_key(row, ap, "applicant_given_names", "given_names");
		move_key(row, ap, "applicant_family_name", "family_name");
		move_key(row, ap, "applicant_name", "name");
		move_key(row, ap, "applicant_relation", "relation");
		json_object_set_new(ap, "self", json_boolean(json_is_null(json_object_get(ap, "person_id")) &&
							     json_is_null(json_object_get(ap, "name"))));
		json_object_set_new(row, "applicant", ap);
	}
	nest(apps, app_svcs, "application_id", "services");
	json_array_foreach(dec, i, row) {
		parse_json_key(row, "payment_input");
		parse_json_key(row, "payment_result");
	}
	nest(dec, dec_svcs, "decision_id", "services");
	if (!view->full) {
		/* Partners see that an assessment was made, not its findings. */
		json_array_foreach(assess, i, row) {
			json_object_del(row, "findings");
		}
	}
	json_object_set_new(c, "applications", apps);
	json_object_set_new(c, "assessments", assess);
	json_object_set_new(c, "decisions", dec);
	json_object_set_new(c, "contracts", contracts);
	json_object_set_new(c, "events", events);
	json_object_set_new(c, "waiting", waiting);
	json_object_set_new(c, "documents", docs ? docs : json_array());
	json_object_set_new(c, "allowed_steps", view->full ? allowed_steps(view->status) : json_array());
	apps = assess = dec = contracts = events = waiting = docs = NULL;
	*doc = c;
	c = NULL;
out:
	json_decref(c);
	json_decref(apps);
	json_decref(app_svcs);
	json_decref(assess);
	json_decref(dec);
	json_decref(dec_svcs);
	json_decref(contracts);
	json_decref(events);
	json_decref(waiting);
	json_decref(docs);
	return rc;
}

int case_list(struct db *db, const struct principal *p,
	      const struct case_list_filter *f, json_t **list, char *reason,
	      size_t reason_cap)
{
	struct store_case_filter sf;
	memset(&sf, 0, sizeof(sf));
	sf.person_id = f->person_id;
	sf.department_id = f->department_id;
	sf.status = f->status;
	sf.before = f->before;
	sf.limit = f->limit;
	reason[0] = '\0';
	switch (access_person_scope(p)) {
	case SCOPE_ALL:
		break;
	case SCOPE_DEPARTMENT:
		if (f->department_id && f->department_id != p->department_id)
			goto empty;
		sf.department_id = p->department_id;
		break;
	case SCOPE_SHARED: {
		struct person_view pv;
		if (!f->person_id)
			goto empty;
		int rc = person_view_for(db, p, f->person_id, &pv);
		if (rc == ERR_NOT_FOUND || (!rc && !(pv.parts & SHARE_PART_CASES)))
			goto empty;
		if (rc)
			return rc;
		snprintf(reason, reason_cap, "%s", pv.reason);
		break;
	}
	default:
		goto empty;
	}
	return store_case_page(db, &sf, list);
empty:
	*list = json_array();
	return *list ? 0 : ERR_NOMEM;
}

/* ---- assessment ---- */

int case_assess(struct db *db, const struct case_actor *a, int64_t case_id,
		int64_t expected, const struct case_assessment_input *in,
		struct field_errors *fe, int64_t *version)
{
	struct store_case_row row;
	struct store_assessment_new an;
	enum case_status from, to;
	char day[DATE_ISO_LEN], now[TIMESTAMP_ISO_LEN];
	int64_t aid;
	if (!in->assessed_on)
		fe_add(fe, "assessed_on", "required");
	else if (in->assessed_on > date_today())
		fe_add(fe, "assessed_on", "date.future");
	if (!in->dependency_level)
		fe_add(fe, "dependency_level", "required");
	else if (!case_dependency_level_valid(in->dependency_level))
		fe_add(fe, "dependency_level", "enum");
	check_text(fe, "findings", in->findings, CASE_FINDINGS_MAX_CHARS, 1, 1);
	if (fe->n)
		return ERR_INVALID;
	int rc = case_begin(db, a, case_id, expected, &row);
	if (rc)
		return rc;
	rc = case_transition(&row, CASE_STEP_ASSESS, &from, &to, fe);
	if (!rc)
		rc = case_date_from(in->assessed_on, row.opened_on, "assessed_on", "case.before_opened", fe);
	int64_t assessor = in->assessor_user_id ? in->assessor_user_id : a->p->user_id;
	if (!rc && in->assessor_user_id)
		rc = user_usable(db, assessor, 0, "assessor_user_id", fe);
	if (rc)
		goto out;
	date_format(in->assessed_on, day);
	time_format_iso(time_now_ms(), now);
	memset(&an, 0, sizeof(an));
	an.case_id = case_id;
	an.assessor_user_id = assessor;
	an.assessed_on = day;
	an.dependency_level = in->dependency_level;
	an.findings = in->findings;
	an.created_by = a->p->user_id;
	rc = store_assessment_insert(db, &an, now, &aid);
	if (!rc)
		rc = case_finish(db, a, &row, CASE_STEP_ASSESS, from, in->assessed_on, NULL,
				 "case.assess");
	if (!rc)
		*version = row.version;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

/* ---- contract ---- */

int case_sign_contract(struct db *db, const struct case_actor *a,
		       int64_t case_id, int64_t expected,
		       const struct case_contract_input *in,
		       struct field_errors *fe, int64_t *contract_id,
		       int64_t *version)
{
	struct store_case_row row;
	struct store_contract_new cn;
	struct param_table *t = NULL;
	enum case_status from, to;
	char day[DATE_ISO_LEN], now[TIMESTAMP_ISO_LEN];
	int64_t decision_id = 0, payment = 0;
	char decided[STORE_DATE_LEN];
	int review = 0;
	if (!in->signed_on)
		fe_add(fe, "signed_on", "required");
	else if (in->signed_on > date_today())
		fe_add(fe, "signed_on", "date.future");
	check_text(fe, "number", in->number, CASE_NUMBER_MAX_CHARS, 0, 0);
	if (fe->n)
		return ERR_INVALID;
	int rc = case_begin(db, a, case_id, expected, &row);
	if (rc)
		return rc;
	rc = case_transition(&row, CASE_STEP_SIGN_CONTRACT, &from, &to, fe);
	/* An active case signs again only after an amending decision. */
	if (!rc && from == CASE_ACTIVE && !row.contract_due[0]) {
		fe_add(fe, "status", "case.transition");
		rc = ERR_CONFLICT;
	}
	if (!rc) {
		rc = store_case_last_assign(db, case_id, &decision_id, &payment, decided);
		if (rc == ERR_NOT_FOUND) {
			fe_add(fe, "status", "case.transition");
			rc = ERR_CONFLICT;
		}
	}
	if (!rc)
		rc = case_date_from(in->signed_on, decided, "signed_on", "case.before_decision", fe);
	if (!rc)
		rc = case_params(db, &t);
	if (!rc)
		rc = case_due(t, PARAM_CASE_REVIEW_MONTHS, 1, in->signed_on, "signed_on", fe, &review);
	if (rc)
		goto out;
	date_format(in->signed_on, day);
	time_format_iso(time_now_ms(), now);
	memset(&cn, 0, sizeof(cn));
	cn.case_id = case_id;
	cn.decision_id = decision_id;
	cn.number = in->number;
	cn.signed_on = day;
	cn.payment_cents = payment;
	cn.created_by = a->p->user_id;
	rc = store_contract_insert(db, &cn, now, contract_id);
	row.contract_due[0] = '\0';
	case_date_set(row.review_due, review);
	if (!rc)
		rc = case_finish(db, a, &row, CASE_STEP_SIGN_CONTRACT, from, in->signed_on, NULL,
				 "case.contract");
	if (!rc)
		*version = row.version;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	free(t);
	return rc;
}

/* ---- events ---- */

static int event_step(const char *kind, enum case_step *step)
{
	static const struct {
		const char *kind;
		enum case_step step;
	} map[] = {
		{"review", CASE_STEP_REVIEW},
		{"suspend", CASE_STEP_SUSPEND},
		{"resume", CASE_STEP_RESUME},
		{"terminate", CASE_STEP_TERMINATE},
		{"reopen", CASE_STEP_REOPEN},
	};
	for (size_t i = 0; kind && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(kind, map[i].kind)) {
			*step = map[i].step;
			return 0;
		}
	return ERR_INVALID;
}

int case_event_validate(const struct case_event_input *in,
			struct field_errors *fe)
{
	enum case_step step = CASE_STEP_REVIEW;
	if (!in->kind)
		fe_add(fe, "kind", "required");
	else if (event_step(in->kind, &step))
		fe_add(fe, "kind", "enum");
	if (!in->on_date)
		fe_add(fe, "on_date", "required");
	else if (in->on_date > date_today())
		fe_add(fe, "on_date", "date.future");
	int need_reason = in->kind && (!strcmp(in->kind, "suspend") || !strcmp(in->kind, "terminate"));
	check_text(fe, "reason", in->reason, CASE_TEXT_MAX_CHARS, need_reason, 1);
	if (in->next_review) {
		if (!in->kind || strcmp(in->kind, "review"))
			fe_add(fe, "next_review", "case.next_review_only");
		else if (in->on_date && in->next_review <= in->on_date)
			fe_add(fe, "next_review", "date.order");
	}
	return fe->n ? ERR_INVALID : 0;
}

int case_event(struct db *db, const struct case_actor *a, int64_t case_id,
	       int64_t expected, const struct case_event_input *in,
	       struct field_errors *fe, int64_t *version)
{
	struct store_case_row row;
	struct param_table *t = NULL;
	enum case_status from, to;
	enum case_step step = CASE_STEP_REVIEW;
	char day[DATE_ISO_LEN];
	int rc = case_event_validate(in, fe);
	if (rc)
		return rc;
	event_step(in->kind, &step);
	rc = case_begin(db, a, case_id, expected, &row);
	if (rc)
		return rc;
	rc = case_transition(&row, step, &from, &to, fe);
	if (!rc)
		rc = case_date_from(in->on_date, row.opened_on, "on_date", "case.before_opened", fe);
	if (!rc && (step == CASE_STEP_REVIEW || step == CASE_STEP_REOPEN))
		rc = case_params(db, &t);
	if (rc)
		goto out;
	date_format(in->on_date, day);
	switch (step) {
	case CASE_STEP_REVIEW: {
		int next = in->next_review;
		if (!next)
			rc = case_due(t, PARAM_CASE_REVIEW_MONTHS, 1, in->on_date, "on_date", fe, &next);
		case_date_set(row.review_due, next);
		break;
	}
	case CASE_STEP_TERMINATE:
		rc = store_decision_services_end(db, case_id, day, NULL);
		if (!rc)
			rc = store_waiting_close(db, case_id, "removed", day, in->reason);
		row.decision_due[0] = row.contract_due[0] = row.review_due[0] = '\0';
		snprintf(row.closed_on, sizeof(row.closed_on), "%s", day);
		break;
	case CASE_STEP_REOPEN: {
		int due = 0;
		rc = case_due(t, PARAM_DECISION_DEADLINE, 0, in->on_date, "on_date", fe, &due);
		case_date_set(row.decision_due, due);
		row.contract_due[0] = row.review_due[0] = row.closed_on[0] = '\0';
		break;
	}
	default:
		break;
	}
	if (!rc)
		rc = case_finish(db, a, &row, step, from, in->on_date, in->reason, "case.event");
	if (!rc)
		*version = row.version;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	free(t);
	return rc;
}

/* ---- waiting lists ---- */

int case_waiting_list(struct db *db, const struct principal *p,
		      int64_t service_id, json_t **list)
{
	json_t *rows = NULL, *out;
	enum scope_kind scope = access_person_scope(p);
	int64_t current = 0, pos = 0;
	size_t i;
	json_t *row;
	if (scope != SCOPE_ALL && scope != SCOPE_DEPARTMENT) {
		*list = json_array();
		return *list ? 0 : ERR_NOMEM;
	}
	int rc = store_waiting_list(db, service_id, &rows);
	if (rc)
		return rc;
	out = json_array();
	/* Positions count every department's entries: the queue is the
	 * service's, whoever may see which of its rows. */
	json_array_foreach(rows, i, row) {
		int64_t s = json_integer_value(json_object_get(row, "service_id"));
		if (s != current) {
			current = s;
			pos = 0;
		}
		pos++;
		if (scope == SCOPE_DEPARTMENT &&
		    json_integer_value(json_object_get(row, "department_id")) != p->department_id)
			continue;
		json_object_set_new(row, "position", json_integer(pos));
		json_array_append(out, row);
	}
	json_decref(rows);
	*list = out;
	return 0;
}

/* ---- documents ---- */

static int has_bytes(const unsigned char *d, size_t n, size_t at, const char *s, size_t len)
{
	return n >= at + len && !memcmp(d + at, s, len);
}

static int contains(const unsigned char *d, size_t n, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i + len <= n; i++)
		if (d[i] == (unsigned char)s[0] && !memcmp(d + i, s, len))
			return 1;
	return 0;
}

const char *case_document_type(const void *data, size_t n)
{
	const unsigned char *d = data;
	if (!d || n == 0)
		return NULL;
	if (has_bytes(d, n, 0, "%PDF-", 5))
		return "application/pdf";
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "image/jpeg";
	if (has_bytes(d, n, 0, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (has_bytes(d, n, 0, "PK\x03\x04", 4)) {
		/* OpenDocument: the first entry is "mimetype", stored, with
		 * the type as its content. */
		if (has_bytes(d, n, 30, "mimetype", 8) &&
		    has_bytes(d, n, 38, "application/vnd.oasis.opendocument.text", 39))
			return "application/vnd.oasis.opendocument.text";
		/* OOXML: [Content_Types].xml and a word/ part. */
		if (contains(d, n, "[Content_Types].xml") && contains(d, n, "word/"))
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
		return NULL;
	}
	if (!utf8_valid(data, n))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r') || d[i] == 0x7f)
			return NULL;
	return "text/plain";
}

int case_document_add(struct db *db, const struct case_actor *a,
		      int64_t case_id, const struct case_document_input *in,
		      struct field_errors *fe, json_t **doc)
{
	struct store_case_row row;
	struct case_view v;
	struct store_document_new dn;
	unsigned char hash[crypto_hash_sha256_BYTES];
	char hex[crypto_hash_sha256_BYTES * 2 + 1], now[TIMESTAMP_ISO_LEN];
	const char *type = NULL;
	int64_t id;
	void *data = NULL;
	size_t size = 0;
	if (!in->kind)
		fe_add(fe, "kind", "required");
	else if (!document_kind_valid(in->kind))
		fe_add(fe, "kind", "enum");
	check_text(fe, "filename", in->filename, CASE_FILENAME_MAX_CHARS, 1, 0);
	if (in->filename && (strchr(in->filename, '/') || strchr(in->filename, '\\') ||
			     strchr(in->filename, '"')))
		fe_add(fe, "filename", "case.filename");
	if (in->size == 0)
		fe_add(fe, "file", "case.file_empty");
	else if (in->size > CASE_DOCUMENT_MAX_BYTES)
		fe_add(fe, "file", "case.file_too_large");
	else if (!(type = case_document_type(in->data, in->size)))
		fe_add(fe, "file", "case.file_type");
	if (fe->n)
		return ERR_INVALID;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_case_row(db, case_id, &row);
	if (!rc)
		rc = view_of_row(db, a->p, &row, &v);
	if (!rc && !v.full)
		rc = ERR_NOT_FOUND;
	if (rc)
		goto out;
	crypto_hash_sha256(hash, in->data, in->size);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	time_format_iso(time_now_ms(), now);
	memset(&dn, 0, sizeof(dn));
	dn.case_id = case_id;
	dn.kind = in->kind;
	dn.filename = in->filename;
	dn.content_type = type;
	dn.sha256 = hex;
	dn.data = in->data;
	dn.size = in->size;
	dn.uploaded_by = a->p->user_id;
	rc = store_document_insert(db, &dn, now, &id);
	if (!rc) {
		struct audit_entry e[2];
		e[0] = *a->who;
		e[0].action = "case.document.add";
		e[0].entity = "case";
		e[0].entity_id = case_id;
		snprintf(e[0].reason, sizeof(e[0].reason), "document %lld", (long long)id);
		e[1] = e[0];
		e[1].entity = "person";
		e[1].entity_id = row.person_id;
		snprintf(e[1].reason, sizeof(e[1].reason), "case %lld document %lld",
			 (long long)case_id, (long long)id);
		rc = audit_append_tx(db, a->audit_key, e, 2);
	}
	if (!rc)
		rc = db_tx_commit(db);
	if (!rc) {
		json_t *meta = NULL;
		rc = store_document_get(db, case_id, id, &meta, &data, &size);
		if (!rc) {
			json_object_set_new(meta, "uploaded_at", json_string(now));
			*doc = meta;
		}
	}
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	free(data);
	return rc;
}

int case_document_get(struct db *db, const struct principal *p,
		      int64_t case_id, int64_t doc_id, json_t **meta,
		      void **data, size_t *size, struct case_view *view)
{
	int rc = case_view_for(db, p, case_id, view);
	if (!rc && !view->full)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = store_document_get(db, case_id, doc_id, meta, data, size);
	return rc;
}

/* ---- incomes ---- */

int person_income_add(struct db *db, const struct case_actor *a,
		      int64_t person_id, const struct income_input *in,
		      struct field_errors *fe, json_t **list)
{
	char month[8], now[TIMESTAMP_ISO_LEN];
	int64_t id;
	if (!in->month)
		fe_add(fe, "month", "required");
	else if (in->month > date_today() / 100)
		fe_add(fe, "month", "date.future");
	if (in->amount_cents < 0 || in->amount_cents > PAYMENT_MONEY_MAX)
		fe_add(fe, "amount_cents", "range");
	check_text(fe, "source", in->source, CASE_INCOME_SOURCE_MAX_CHARS, 1, 0);
	if (fe->n)
		return ERR_INVALID;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	struct person_view v;
	rc = person_view_for(db, a->p, person_id, &v);
	if (!rc && !v.full)
		rc = ERR_NOT_FOUND;
	if (rc)
		goto out;
	case_month_format(in->month, month);
	time_format_iso(time_now_ms(), now);
	rc = store_income_upsert(db, person_id, month, in->amount_cents, in->source,
				 a->p->user_id, now, &id);
	if (!rc) {
		struct audit_entry e = *a->who;
		e.action = "income.add";
		e.entity = "person";
		e.entity_id = person_id;
		snprintf(e.reason, sizeof(e.reason), "income %lld", (long long)id);
		rc = audit_append_tx(db, a->audit_key, &e, 1);
	}
	if (!rc)
		rc = db_tx_commit(db);
	if (!rc)
		rc = store_person_incomes(db, person_id, list);
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
}

int person_incomes_list(struct db *db, const struct principal *p,
			int64_t person_id, json_t **list, char *reason,
			size_t reason_cap)
{
	struct person_view v;
	int rc = person_view_for(db, p, person_id, &v);
	if (rc)
		return rc;
	if (!v.full && !(v.parts & SHARE_PART_CASES))
		return ERR_NOT_FOUND;
	snprintf(reason, reason_cap, "%s", v.full ? "" : v.reason);
	return store_person_incomes(db, person_id, list);
}
