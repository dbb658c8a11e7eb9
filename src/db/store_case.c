/*
 * store_case.c - SQL for case work (see store_case.h). Every list of the
 * case page reads by case_id through its own index, so the page costs a
 * handful of index lookups however many deliveries the database holds.
 */
#include "db/store_case.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bind_text_or_null(struct db_stmt *st, int idx, const char *s)
{
	if (s && *s)
		db_bind_text(st, idx, s);
	else
		db_bind_null(st, idx);
}

/* Steps an INSERT ... RETURNING id. */
static int step_id(struct db_stmt *st, int64_t *id)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		if (id)
			*id = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_DB;
	}
	db_stmt_done(st);
	return rc;
}

static int step_done(struct db_stmt *st)
{
	int rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* Steps to the one row a query returns: 0 with the row current (the
 * caller reads it, then calls db_stmt_done), or ERR_NOT_FOUND or an
 * error with the statement done. */
static int step_row(struct db_stmt *st)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		return 0;
	db_stmt_done(st);
	return rc == DB_DONE ? ERR_NOT_FOUND : rc;
}

static void copy_col(struct db_stmt *st, int col, char *out, size_t cap)
{
	const char *s = db_col_text(st, col);
	snprintf(out, cap, "%s", s ? s : "");
}

/* ---- cases ---- */

int store_case_row(struct db *db, int64_t id, struct store_case_row *out)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, person_id, department_id, worker_user_id, version, status,"
			    " decision_due, contract_due, review_due, closed_on, opened_on FROM cases WHERE id = $1",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	if ((rc = step_row(st)))
		return rc;
	memset(out, 0, sizeof(*out));
	out->id = db_col_int(st, 0);
	out->person_id = db_col_int(st, 1);
	out->department_id = db_col_int(st, 2);
	out->worker_user_id = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
	out->version = db_col_int(st, 4);
	copy_col(st, 5, out->status, sizeof(out->status));
	copy_col(st, 6, out->decision_due, sizeof(out->decision_due));
	copy_col(st, 7, out->contract_due, sizeof(out->contract_due));
	copy_col(st, 8, out->review_due, sizeof(out->review_due));
	copy_col(st, 9, out->closed_on, sizeof(out->closed_on));
	copy_col(st, 10, out->opened_on, sizeof(out->opened_on));
	db_stmt_done(st);
	return 0;
}

int store_case_insert(struct db *db, const struct store_case_new *r,
		      const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO cases (person_id, department_id, worker_user_id, status, decision_due,"
			    " opened_on, created_by, created_at, updated_at, version)"
			    " VALUES ($1, $2, $3, 'applied', $4, $5, $6, $7, $7, 1) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, r->person_id);
	db_bind_int(st, 2, r->department_id);
	store_bind_id_or_null(st, 3, r->worker_user_id);
	bind_text_or_null(st, 4, r->decision_due);
	db_bind_text(st, 5, r->opened_on);
	store_bind_id_or_null(st, 6, r->created_by);
	db_bind_text(st, 7, now);
	return step_id(st, id);
}

int store_case_bump(struct db *db, int64_t id, int64_t expected,
		    const char *now, int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE cases SET version = version + 1, updated_at = $1"
			    " WHERE id = $2 AND version = $3",
			    &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, expected);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	*changes = db_changes(db);
	return 0;
}

int store_case_set_state(struct db *db, const struct store_case_row *r)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE cases SET status = $1, decision_due = $2, contract_due = $3,"
			    " review_due = $4, closed_on = $5 WHERE id = $6",
			    &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, r->status);
	bind_text_or_null(st, 2, r->decision_due);
	bind_text_or_null(st, 3, r->contract_due);
	bind_text_or_null(st, 4, r->review_due);
	bind_text_or_null(st, 5, r->closed_on);
	db_bind_int(st, 6, r->id);
	return step_done(st);
}

/* ---- the case page ---- */

int store_case_get(struct db *db, int64_t id, json_t **out)
{
	static const char *const cols[] = {
		"id:i", "status", "version:i", "opened_on", "closed_on", "decision_due",
		"contract_due", "plan_review_due", "review_due", "created_at", "updated_at",
		"person_id:i", "given_names", "family_name", "birth_date",
		"department_id:i", "department_name_lt", "department_name_en",
		"worker_user_id:i", "worker_name", NULL};
	return store_row_by_int(db,
				"SELECT c.id, c.status, c.version, c.opened_on, c.closed_on, c.decision_due,"
				" c.contract_due, c.plan_review_due, c.review_due, c.created_at, c.updated_at,"
				" p.id, p.given_names, p.family_name, p.birth_date,"
				" d.id, d.name_lt, d.name_en, u.id, u.display_name"
				" FROM cases c JOIN persons p ON p.id = c.person_id"
				" JOIN departments d ON d.id = c.department_id"
				" LEFT JOIN users u ON u.id = c.worker_user_id WHERE c.id = $1",
				id, cols, out);
}

int store_case_applications(struct db *db, int64_t case_id, json_t **out)
{
	static const char *const cols[] = {
		"id:i", "received_on", "channel", "applicant_person_id:i", "applicant_name",
		"applicant_relation", "applicant_given_names", "applicant_family_name", "notes",
		"created_by:i", "created_at", NULL};
	return store_rows_by_int(db,
				 "SELECT a.id, a.received_on, a.channel, a.applicant_person_id, a.applicant_name,"
				 " a.applicant_relation, p.given_names, p.family_name, a.notes, a.created_by,"
				 " a.created_at FROM applications a"
				 " LEFT JOIN persons p ON p.id = a.applicant_person_id"
				 " WHERE a.case_id = $1 ORDER BY a.id",
				 case_id, cols, out);
}

int store_case_application_services(struct db *db, int64_t case_id,
				    json_t **out)
{
	static const char *const cols[] = {
		"application_id:i", "service_id:i", "code", "name_lt", "name_en", "unit", NULL};
	return store_rows_by_int(db,
				 "SELECT s2.application_id, s.id, s.code, s.name_lt, s.name_en, s.unit"
				 " FROM applications a JOIN application_services s2 ON s2.application_id = a.id"
				 " JOIN services s ON s.id = s2.service_id WHERE a.case_id = $1"
				 " ORDER BY s2.application_id, s.code",
				 case_id, cols, out);
}

int store_case_requested_services(struct db *db, int64_t case_id,
				  json_t **out)
{
	static const char *const cols[] = {"service_id:i", NULL};
	return store_rows_by_int(db,
				 "SELECT s2.service_id FROM application_services s2"
				 " WHERE s2.application_id = (SELECT MAX(id) FROM applications WHERE case_id = $1)"
				 " ORDER BY s2.service_id",
				 case_id, cols, out);
}

int store_case_assessments(struct db *db, int64_t case_id, json_t **out)
{
	static const char *const cols[] = {
		"id:i", "assessor_user_id:i", "assessor_name", "assessed_on", "dependency_level",
		"findings", "created_by:i", "created_at", NULL};
	return store_rows_by_int(db,
				 "SELECT a.id, a.assessor_user_id, u.display_name, a.assessed_on,"
				 " a.dependency_level, a.findings, a.created_by, a.created_at"
				 " FROM assessments a LEFT JOIN users u ON u.id = a.assessor_user_id"
				 " WHERE a.case_id = $1 ORDER BY a.id",
				 case_id, cols, out);
}

int store_case_decisions(struct db *db, int64_t case_id, json_t **out)
{
	static const char *const cols[] = {
		"id:i", "kind", "number", "decided_on", "reason", "payment_rule", "payment_cents:i",
		"payment_input", "payment_result", "decided_by:i", "decided_by_name", "created_at",
		NULL};
	return store_rows_by_int(db,
				 "SELECT d.id, d.kind, d.number, d.decided_on, d.reason, d.payment_rule,"
				 " d.payment_cents, d.payment_input, d.payment_result, d.decided_by,"
				 " u.display_name, d.created_at FROM decisions d"
				 " LEFT JOIN users u ON u.id = d.decided_by WHERE d.case_id = $1 ORDER BY d.id",
				 case_id, cols, out);
}

int store_case_decision_services(struct db *db, int64_t case_id,
				 json_t **out)
{
	static const char *const cols[] = {
		"id:i", "decision_id:i", "service_id:i", "code", "name_lt", "name_en", "unit",
		"amount_x100:i", "period", "visits_per_week:i", "start_on", "end_on", "ended_on",
		"price_cents:i", NULL};
	return store_rows_by_int(db,
				 "SELECT ds.id, ds.decision_id, s.id, s.code, s.name_lt, s.name_en, s.unit,"
				 " ds.amount_x100, ds.period, ds.visits_per_week, ds.start_on, ds.end_on,"
				 " ds.ended_on, ds.price_cents FROM decision_services ds"
				 " JOIN services s ON s.id = ds.service_id WHERE ds.case_id = $1 ORDER BY ds.id",
				 case_id, cols, out);
}

int store_case_contracts(struct db *db, int64_t case_id, json_t **out)
{
	static const char *const cols[] = {
		"id:i", "decision_id:i", "number", "signed_on", "payment_cents:i", "created_by:i",
		"created_at", "version:i", NULL};
	return store_rows_by_int(db,
				 "SELECT id, decision_id, number, signed_on, payment_cents, created_by, created_at,"
				 " version FROM contracts WHERE case_id = $1 ORDER BY id",
				 case_id, cols, out);
}

int store_case_events(struct db *db, int64_t case_id, json_t **out)
{
	static const char *const cols[] = {
		"id:i", "kind", "from_status", "to_status", "on_date", "reason", "by_user_id:i",
		"by_name", "created_at", NULL};
	return store_rows_by_int(db,
				 "SELECT e.id, e.kind, e.from_status, e.to_status, e.on_date, e.reason,"
				 " e.by_user_id, u.display_name, e.created_at FROM case_events e"
				 " LEFT JOIN users u ON u.id = e.by_user_id WHERE e.case_id = $1 ORDER BY e.id",
				 case_id, cols, out);
}

int store_case_waiting(struct db *db, int64_t case_id, json_t **out)
{
	static const char *const cols[] = {
		"id:i", "service_id:i", "code", "name_lt", "name_en", "since", "status", "ended_on",
		"reason", "position:i", NULL};
	/* The position counts the rows still waiting for the same service
	 * ahead of this one (since, id): an index range per entry. */
	return store_rows_by_int(db,
				 "SELECT w.id, s.id, s.code, s.name_lt, s.name_en, w.since, w.status, w.ended_on,"
				 " w.reason, CASE WHEN w.status = 'waiting' THEN"
				 " (SELECT COUNT(*) FROM waiting_list o WHERE o.service_id = w.service_id"
				 " AND o.status = 'waiting' AND (o.since < w.since OR (o.since = w.since"
				 " AND o.id <= w.id))) ELSE NULL END"
				 " FROM waiting_list w JOIN services s ON s.id = w.service_id"
				 " WHERE w.case_id = $1 ORDER BY w.id",
				 case_id, cols, out);
}

int store_case_documents(struct db *db, int64_t case_id, json_t **out)
{
	static const char *const cols[] = {
		"id:i", "kind", "filename", "content_type", "size_bytes:i", "sha256",
		"uploaded_by:i", "uploaded_at", NULL};
	return store_rows_by_int(db,
				 "SELECT id, kind, filename, content_type, size_bytes, sha256, uploaded_by,"
				 " uploaded_at FROM case_documents WHERE case_id = $1 ORDER BY id",
				 case_id, cols, out);
}

/* The list's select list and its filters; the first condition picks the
 * index: by person (cases_person), by department (cases_department), or
 * none (the newest cases by id, for the director). */
#define CASE_PAGE_SELECT                                                             \
	"SELECT c.id, c.status, c.version, c.opened_on, c.closed_on, c.decision_due,"  \
	" c.contract_due, c.review_due, p.id, p.given_names, p.family_name,"          \
	" c.department_id, c.worker_user_id"                                           \
	" FROM cases c JOIN persons p ON p.id = c.person_id WHERE "
#define CASE_PAGE_REST                                                               \
	" AND (c.status = $3 OR $3 = '') AND (c.id < $4 OR $4 = 0)"                     \
	" ORDER BY c.id DESC LIMIT $5"

int store_case_page(struct db *db, const struct store_case_filter *f,
		    json_t **out)
{
	static const char *const cols[] = {
		"id:i", "status", "version:i", "opened_on", "closed_on", "decision_due",
		"contract_due", "review_due", "person_id:i", "given_names", "family_name",
		"department_id:i", "worker_user_id:i", NULL};
	const char *sql =
		f->person_id ? CASE_PAGE_SELECT "c.person_id = $1 AND (c.department_id = $2 OR $2 = 0)"
				   CASE_PAGE_REST
		: f->department_id ? CASE_PAGE_SELECT "c.department_id = $2 AND (c.person_id = $1 OR $1 = 0)"
					 CASE_PAGE_REST
				   : CASE_PAGE_SELECT "(c.person_id = $1 OR $1 = 0) AND (c.department_id = $2 OR $2 = 0)"
					 CASE_PAGE_REST;
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, f->person_id);
	db_bind_int(st, 2, f->department_id);
	db_bind_text(st, 3, f->status ? f->status : "");
	db_bind_int(st, 4, f->before);
	db_bind_int(st, 5, f->limit);
	return store_rows_json(st, cols, out);
}

/* ---- steps ---- */

int store_application_insert(struct db *db,
			     const struct store_application_new *r,
			     const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO applications (case_id, applicant_person_id, applicant_name,"
			    " applicant_relation, received_on, channel, notes, created_by, created_at)"
			    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, r->case_id);
	store_bind_id_or_null(st, 2, r->applicant_person_id);
	bind_text_or_null(st, 3, r->applicant_name);
	bind_text_or_null(st, 4, r->applicant_relation);
	db_bind_text(st, 5, r->received_on);
	db_bind_text(st, 6, r->channel);
	bind_text_or_null(st, 7, r->notes);
	store_bind_id_or_null(st, 8, r->created_by);
	db_bind_text(st, 9, now);
	return step_id(st, id);
}

int store_application_service_add(struct db *db, int64_t application_id,
				  int64_t service_id)
{
	return store_exec_ints(db,
			       "INSERT INTO application_services (application_id, service_id) VALUES ($1, $2)",
			       2, application_id, service_id, 0, NULL);
}

int store_case_event_add(struct db *db, int64_t case_id, const char *kind,
			 const char *from, const char *to, const char *on_date,
			 const char *reason, int64_t by, const char *now)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO case_events (case_id, kind, from_status, to_status, on_date, reason,"
			    " by_user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_text(st, 2, kind);
	bind_text_or_null(st, 3, from);
	db_bind_text(st, 4, to);
	db_bind_text(st, 5, on_date);
	bind_text_or_null(st, 6, reason);
	store_bind_id_or_null(st, 7, by);
	db_bind_text(st, 8, now);
	return step_id(st, NULL);
}

int store_assessment_insert(struct db *db,
			    const struct store_assessment_new *r,
			    const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO assessments (case_id, assessor_user_id, assessed_on, dependency_level,"
			    " findings, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, r->case_id);
	store_bind_id_or_null(st, 2, r->assessor_user_id);
	db_bind_text(st, 3, r->assessed_on);
	db_bind_text(st, 4, r->dependency_level);
	db_bind_text(st, 5, r->findings);
	store_bind_id_or_null(st, 6, r->created_by);
	db_bind_text(st, 7, now);
	return step_id(st, id);
}

int store_decision_insert(struct db *db, const struct store_decision_new *r,
			  const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO decisions (case_id, kind, number, decided_on, reason, payment_rule,"
			    " payment_cents, payment_input, payment_result, decided_by, created_at)"
			    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, r->case_id);
	db_bind_text(st, 2, r->kind);
	bind_text_or_null(st, 3, r->number);
	db_bind_text(st, 4, r->decided_on);
	bind_text_or_null(st, 5, r->reason);
	bind_text_or_null(st, 6, r->payment_rule);
	if (r->payment_cents >= 0)
		db_bind_int(st, 7, r->payment_cents);
	else
		db_bind_null(st, 7);
	bind_text_or_null(st, 8, r->payment_input);
	bind_text_or_null(st, 9, r->payment_result);
	store_bind_id_or_null(st, 10, r->decided_by);
	db_bind_text(st, 11, now);
	return step_id(st, id);
}

int store_decision_service_insert(struct db *db,
				  const struct store_decision_service_new *r,
				  int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO decision_services (decision_id, case_id, service_id, amount_x100,"
			    " period, visits_per_week, start_on, end_on, price_cents)"
			    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, r->decision_id);
	db_bind_int(st, 2, r->case_id);
	db_bind_int(st, 3, r->service_id);
	db_bind_int(st, 4, r->amount_x100);
	db_bind_text(st, 5, r->period);
	store_bind_id_or_null(st, 6, r->visits_per_week);
	db_bind_text(st, 7, r->start_on);
	bind_text_or_null(st, 8, r->end_on);
	db_bind_int(st, 9, r->price_cents);
	return step_id(st, id);
}

int store_decision_services_end(struct db *db, int64_t case_id,
				const char *day, int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE decision_services SET ended_on = $2 WHERE case_id = $1"
			    " AND ended_on IS NULL AND (end_on IS NULL OR end_on >= $2)",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_text(st, 2, day);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	if (changes)
		*changes = db_changes(db);
	return 0;
}

int store_case_last_assign(struct db *db, int64_t case_id,
			   int64_t *decision_id, int64_t *payment_cents,
			   char decided_on[STORE_DATE_LEN])
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, payment_cents, decided_on FROM decisions WHERE case_id = $1 AND kind = 'assign'"
			    " ORDER BY id DESC LIMIT 1",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	if ((rc = step_row(st)))
		return rc;
	*decision_id = db_col_int(st, 0);
	*payment_cents = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
	copy_col(st, 2, decided_on, STORE_DATE_LEN);
	db_stmt_done(st);
	return 0;
}

int store_contract_insert(struct db *db, const struct store_contract_new *r,
			  const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO contracts (case_id, decision_id, number, signed_on, payment_cents,"
			    " created_by, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)"
			    " RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, r->case_id);
	db_bind_int(st, 2, r->decision_id);
	bind_text_or_null(st, 3, r->number);
	db_bind_text(st, 4, r->signed_on);
	db_bind_int(st, 5, r->payment_cents);
	store_bind_id_or_null(st, 6, r->created_by);
	db_bind_text(st, 7, now);
	return step_id(st, id);
}

/* ---- waiting lists ---- */

int store_waiting_add(struct db *db, int64_t service_id, int64_t case_id,
		      int64_t person_id, const char *since, const char *now)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO waiting_list (service_id, case_id, person_id, since, status, created_at)"
			    " VALUES ($1, $2, $3, $4, 'waiting', $5) RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, service_id);
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, person_id);
	db_bind_text(st, 4, since);
	db_bind_text(st, 5, now);
	return step_id(st, NULL);
}

int store_waiting_close(struct db *db, int64_t case_id, const char *status,
			const char *ended_on, const char *reason)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE waiting_list SET status = $2, ended_on = $3, reason = $4"
			    " WHERE case_id = $1 AND status = 'waiting'",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, ended_on);
	bind_text_or_null(st, 4, reason);
	return step_done(st);
}

int store_waiting_list(struct db *db, int64_t service_id, json_t **out)
{
	static const char *const cols[] = {
		"id:i", "service_id:i", "code", "name_lt", "name_en", "since", "case_id:i",
		"department_id:i", "person_id:i", "given_names", "family_name", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT w.id, s.id, s.code, s.name_lt, s.name_en, w.since, w.case_id,"
			    " c.department_id, p.id, p.given_names, p.family_name"
			    " FROM waiting_list w JOIN services s ON s.id = w.service_id"
			    " JOIN cases c ON c.id = w.case_id JOIN persons p ON p.id = w.person_id"
			    " WHERE w.status = 'waiting' AND (w.service_id = $1 OR $1 = 0)"
			    " ORDER BY s.code, w.service_id, w.since, w.id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, service_id);
	return store_rows_json(st, cols, out);
}

/* ---- documents ---- */

int store_document_insert(struct db *db, const struct store_document_new *r,
			  const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO case_documents (case_id, kind, filename, content_type, size_bytes,"
			    " sha256, data, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
			    " RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, r->case_id);
	db_bind_text(st, 2, r->kind);
	db_bind_text(st, 3, r->filename);
	db_bind_text(st, 4, r->content_type);
	db_bind_int(st, 5, (int64_t)r->size);
	db_bind_text(st, 6, r->sha256);
	db_bind_blob(st, 7, r->data, r->size);
	store_bind_id_or_null(st, 8, r->uploaded_by);
	db_bind_text(st, 9, now);
	return step_id(st, id);
}

int store_document_get(struct db *db, int64_t case_id, int64_t id,
		       json_t **meta, void **data, size_t *size)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, kind, filename, content_type, size_bytes, sha256, data"
			    " FROM case_documents WHERE id = $1 AND case_id = $2",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, case_id);
	if ((rc = step_row(st)))
		return rc;
	size_t n = 0;
	const void *p = db_col_blob(st, 6, &n);
	*data = malloc(n ? n : 1);
	*meta = json_pack("{s:I,s:s,s:s,s:s,s:I,s:s}", "id", (json_int_t)db_col_int(st, 0),
			  "kind", db_col_text(st, 1), "filename", db_col_text(st, 2),
			  "content_type", db_col_text(st, 3), "size_bytes",
			  (json_int_t)db_col_int(st, 4), "sha256", db_col_text(st, 5));
	if (!*data || !*meta) {
		free(*data);
		json_decref(*meta);
		*data = NULL;
		*meta = NULL;
		rc = ERR_NOMEM;
	} else {
		if (n)
			memcpy(*data, p, n);
		*size = n;
	}
	db_stmt_done(st);
	return rc;
}

/* ---- incomes ---- */

int store_income_upsert(struct db *db, int64_t person_id, const char *month,
			int64_t amount_cents, const char *source, int64_t by,
			const char *now, int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO person_incomes (person_id, month, amount_cents, source, created_by,"
			    " created_at) VALUES ($1, $2, $3, $4, $5, $6)"
			    " ON CONFLICT (person_id, month, source) DO UPDATE SET amount_cents = $3,"
			    " created_by = $5, created_at = $6 RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, month);
	db_bind_int(st, 3, amount_cents);
	db_bind_text(st, 4, source);
	store_bind_id_or_null(st, 5, by);
	db_bind_text(st, 6, now);
	return step_id(st, id);
}

int store_person_incomes(struct db *db, int64_t person_id, json_t **out)
{
	static const char *const cols[] = {
		"id:i", "month", "amount_cents:i", "source", "created_by:i", "created_at", NULL};
	return store_rows_by_int(db,
				 "SELECT id, month, amount_cents, source, created_by, created_at"
				 " FROM person_incomes WHERE person_id = $1 ORDER BY month DESC, source",
				 person_id, cols, out);
}

int store_income_month(struct db *db, int64_t person_id, const char *month,
		       int64_t *sum, int *found)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT COUNT(*), COALESCE(SUM(amount_cents), 0) FROM person_incomes"
			    " WHERE person_id = $1 AND month = $2",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, month);
	if ((rc = step_row(st)))
		return rc == ERR_NOT_FOUND ? ERR_DB : rc;
	*found = db_col_int(st, 0) > 0;
	*sum = db_col_int(st, 1);
	db_stmt_done(st);
	return 0;
}
