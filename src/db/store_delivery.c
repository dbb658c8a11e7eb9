/*
 * store_delivery.c - SQL for delivered services and billing (see
 * store_delivery.h).
 */
#include "db/store_delivery.h"
#include "core/err.h"
#include "core/text.h"
#include "db/db.h"
#include "db/store.h"

#include <string.h>

static void copy_text(char *dst, size_t cap, const char *s)
{
	utf8_copy(dst, cap, s ? s : "");
}

int store_delivery_dservice(struct db *db, int64_t ds_id,
			    struct store_dservice *out)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT ds.case_id, ds.decision_id, ds.service_id, ds.amount_x100, s.limit_x100,"
			    " dc.kind, ds.period, s.unit, s.limit_period, ds.start_on, ds.end_on, ds.ended_on"
			    " FROM decision_services ds JOIN decisions dc ON dc.id = ds.decision_id"
			    " JOIN services s ON s.id = ds.service_id WHERE ds.id = $1",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, ds_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof(*out));
		out->case_id = db_col_int(st, 0);
		out->decision_id = db_col_int(st, 1);
		out->service_id = db_col_int(st, 2);
		out->amount_x100 = db_col_int(st, 3);
		out->limit_x100 = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
		copy_text(out->decision_kind, sizeof(out->decision_kind), db_col_text(st, 5));
		copy_text(out->period, sizeof(out->period), db_col_text(st, 6));
		copy_text(out->unit, sizeof(out->unit), db_col_text(st, 7));
		copy_text(out->limit_period, sizeof(out->limit_period), db_col_text(st, 8));
		copy_text(out->start_on, sizeof(out->start_on), db_col_text(st, 9));
		copy_text(out->end_on, sizeof(out->end_on), db_col_text(st, 10));
		copy_text(out->ended_on, sizeof(out->ended_on), db_col_text(st, 11));
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_delivery_lock_person(struct db *db, int64_t person_id)
{
	return store_exec_ints(db, "UPDATE persons SET version = version WHERE id = $1", 1,
			       person_id, 0, 0, NULL);
}

int store_delivery_staff_active(struct db *db, int64_t staff_id, int *active)
{
	int64_t v;
	int rc = store_int1(db, "SELECT active FROM staff WHERE id = $1", 1, staff_id, 0, &v);
	if (!rc)
		*active = v != 0;
	return rc;
}

/* Runs a bound "SELECT COALESCE(SUM(..), 0) ..." into *sum. */
static int sum_of(struct db_stmt *st, int64_t *sum)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*sum = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		*sum = 0;
	}
	db_stmt_done(st);
	return rc;
}

int store_delivery_sum_dservice(struct db *db, int64_t ds_id, const char *from,
				const char *to, int64_t exclude, int64_t *sum)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT COALESCE(SUM(units_x100), 0) FROM deliveries"
			    " WHERE decision_service_id = $1 AND delivered_on >= $2 AND delivered_on <= $3"
			    " AND replaced_by IS NULL AND voided_at IS NULL AND id <> $4",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, ds_id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	db_bind_int(st, 4, exclude);
	return sum_of(st, sum);
}

int store_delivery_sum_person(struct db *db, int64_t person_id,
			      int64_t service_id, const char *from,
			      const char *to, int64_t exclude, int64_t *sum)
{
	/* Through the person's cases, so that deliveries_case serves it. */
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT COALESCE(SUM(d.units_x100), 0) FROM cases c"
			    " JOIN deliveries d ON d.case_id = c.id AND d.delivered_on >= $3 AND d.delivered_on <= $4"
			    " WHERE c.person_id = $1 AND d.service_id = $2"
			    " AND d.replaced_by IS NULL AND d.voided_at IS NULL AND d.id <> $5",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, service_id);
	db_bind_text(st, 3, from);
	db_bind_text(st, 4, to);
	db_bind_int(st, 5, exclude);
	return sum_of(st, sum);
}

int store_delivery_insert(struct db *db, const struct store_delivery_row *r,
			  int64_t *id)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "INSERT INTO deliveries (case_id, person_id, decision_service_id, service_id,"
			    " delivered_on, staff_id, units_x100, over_limit, note, correction_reason,"
			    " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
			    " RETURNING id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, r->case_id);
	db_bind_int(st, 2, r->person_id);
	db_bind_int(st, 3, r->decision_service_id);
	db_bind_int(st, 4, r->service_id);
	db_bind_text(st, 5, r->delivered_on);
	store_bind_id_or_null(st, 6, r->staff_id);
	db_bind_int(st, 7, r->units_x100);
	db_bind_int(st, 8, r->over_limit);
	db_bind_text(st, 9, r->note);
	db_bind_text(st, 10, r->correction_reason);
	store_bind_id_or_null(st, 11, r->created_by);
	db_bind_text(st, 12, r->created_at);
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

/* Copies s into buf at *used; NULL stays NULL. */
static const char *buf_keep(char *buf, size_t cap, size_t *used, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	if (*used + n > cap)
		return NULL;
	memcpy(buf + *used, s, n);
	*used += n;
	return buf + *used - n;
}

int store_delivery_load(struct db *db, int64_t id,
			struct store_delivery_row *r, int *current,
			char *buf, size_t cap)
{
	struct db_stmt *st;
	size_t used = 0;
	int rc = db_prepare(db,
			    "SELECT case_id, person_id, decision_service_id, service_id, delivered_on,"
			    " staff_id, units_x100, over_limit, note,"
			    " CASE WHEN replaced_by IS NULL AND voided_at IS NULL THEN 1 ELSE 0 END"
			    " FROM deliveries WHERE id = $1",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		memset(r, 0, sizeof(*r));
		r->case_id = db_col_int(st, 0);
		r->person_id = db_col_int(st, 1);
		r->decision_service_id = db_col_int(st, 2);
		r->service_id = db_col_int(st, 3);
		r->delivered_on = buf_keep(buf, cap, &used, db_col_text(st, 4));
		r->staff_id = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
		r->units_x100 = db_col_int(st, 6);
		r->over_limit = (int)db_col_int(st, 7);
		r->note = buf_keep(buf, cap, &used, db_col_text(st, 8));
		*current = (int)db_col_int(st, 9);
		rc = r->delivered_on ? 0 : ERR_TOO_LARGE;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

int store_delivery_mark_replaced(struct db *db, int64_t id, int64_t by,
				 int64_t *changes)
{
	return store_exec_ints(db,
			       "UPDATE deliveries SET replaced_by = $2"
			       " WHERE id = $1 AND replaced_by IS NULL AND voided_at IS NULL",
			       2, id, by, 0, changes);
}

int store_delivery_mark_voided(struct db *db, int64_t id, const char *at,
			       const char *reason, int64_t *changes)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "UPDATE deliveries SET voided_at = $2, voided_reason = $3"
			    " WHERE id = $1 AND replaced_by IS NULL AND voided_at IS NULL",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, reason);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	*changes = db_changes(db);
	return 0;
}

/* The columns of a delivery as the API shows it. The previous row of a
 * correction chain (the one whose replaced_by is this row) is found by the
 * domain from the rows it lists. */
#define DELIVERY_COLS                                                          \
	"d.id, d.case_id, d.person_id, d.decision_service_id, d.service_id,"   \
	" s.code, s.unit, d.delivered_on, d.staff_id, d.units_x100,"           \
	" d.over_limit, d.note, d.replaced_by, d.voided_at, d.voided_reason,"  \
	" d.correction_reason, d.created_by, d.created_at"
static const char *const delivery_names[] = {"id:i", "case_id:i",
	"person_id:i", "decision_service_id:i", "service_id:i", "service_code",
	"unit", "delivered_on", "staff_id:i", "units_x100:i", "over_limit:b",
	"note", "replaced_by:i", "voided_at", "voided_reason",
	"correction_reason", "created_by:i", "created_at", NULL};

int store_delivery_doc(struct db *db, int64_t id, json_t **out)
{
	return store_row_by_int(db,
				"SELECT " DELIVERY_COLS " FROM deliveries d"
				" JOIN services s ON s.id = d.service_id WHERE d.id = $1",
				id, delivery_names, out);
}

int store_delivery_case_rows(struct db *db, int64_t case_id, const char *from,
			     const char *to, json_t **out)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT " DELIVERY_COLS " FROM deliveries d"
			    " JOIN services s ON s.id = d.service_id"
			    " WHERE d.case_id = $1 AND d.delivered_on >= $2 AND d.delivered_on <= $3"
			    " ORDER BY d.delivered_on, d.id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	return store_rows_json(st, delivery_names, out);
}

int store_delivery_case_dservices(struct db *db, int64_t case_id,
				  json_t **out)
{
	static const char *const names[] = {"id:i", "decision_id:i",
		"decision_kind", "decided_on", "service_id:i", "service_code",
		"name_lt", "name_en", "unit", "amount_x100:i", "period",
		"start_on", "end_on", "ended_on", "price_cents:i", NULL};
	return store_rows_by_int(db,
				 "SELECT ds.id, ds.decision_id, dc.kind, dc.decided_on, ds.service_id, s.code,"
				 " s.name_lt, s.name_en, s.unit, ds.amount_x100, ds.period, ds.start_on,"
				 " ds.end_on, ds.ended_on, ds.price_cents"
				 " FROM decision_services ds JOIN decisions dc ON dc.id = ds.decision_id"
				 " JOIN services s ON s.id = ds.service_id WHERE ds.case_id = $1 ORDER BY ds.id",
				 case_id, names, out);
}

/* ---- billing ---- */

int store_billing_person_lines(struct db *db, int64_t person_id,
			       const char *from, const char *to, json_t **out)
{
	static const char *const names[] = {"case_id:i",
		"decision_service_id:i", "decision_id:i", "service_id:i",
		"service_code", "name_lt", "name_en", "unit", "price_cents:i",
		"units_x100:i", "deliveries:i", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT a.case_id, a.decision_service_id, ds.decision_id, ds.service_id, s.code,"
			    " s.name_lt, s.name_en, s.unit, ds.price_cents, a.units, a.n"
			    " FROM (SELECT d.case_id, d.decision_service_id, SUM(d.units_x100) AS units,"
			    " COUNT(*) AS n FROM cases c JOIN deliveries d ON d.case_id = c.id"
			    " AND d.delivered_on >= $2 AND d.delivered_on <= $3"
			    " WHERE c.person_id = $1 AND d.replaced_by IS NULL AND d.voided_at IS NULL"
			    " GROUP BY d.case_id, d.decision_service_id) a"
			    " JOIN decision_services ds ON ds.id = a.decision_service_id"
			    " JOIN services s ON s.id = ds.service_id"
			    " ORDER BY a.case_id, a.decision_service_id",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	return store_rows_json(st, names, out);
}

int store_billing_decision(struct db *db, int64_t case_id, const char *on,
			   json_t **out)
{
	static const char *const names[] = {"id:i", "number", "decided_on",
		"payment_rule", "payment_cents:i", "payment_result", NULL};
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT id, number, decided_on, payment_rule, payment_cents, payment_result"
			    " FROM decisions WHERE case_id = $1 AND kind = 'assign' AND decided_on <= $2"
			    " ORDER BY decided_on DESC, id DESC LIMIT 1",
			    &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, case_id);
	db_bind_text(st, 2, on);
	return store_row_json(st, names, out);
}

int store_billing_month_each(struct db *db, const char *from, const char *to,
			     int64_t department_id,
			     int (*fn)(void *arg, const struct store_billing_group *g),
			     void *arg)
{
	/* One pass over the month's rows (deliveries_month), grouped per
	 * decision service; the decision in force is looked up once per
	 * group, and the names once per group through the primary key. */
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT a.person_id, a.case_id, a.units, ds.price_cents,"
			    " (SELECT dc.payment_cents FROM decisions dc WHERE dc.case_id = a.case_id"
			    " AND dc.kind = 'assign' AND dc.decided_on <= $2"
			    " ORDER BY dc.decided_on DESC, dc.id DESC LIMIT 1),"
			    " p.family_name, p.given_names"
			    " FROM (SELECT d.person_id, d.case_id, d.decision_service_id, SUM(d.units_x100) AS units"
			    " FROM deliveries d WHERE d.delivered_on >= $1 AND d.delivered_on <= $2"
			    " AND d.replaced_by IS NULL AND d.voided_at IS NULL"
			    " AND ($3 = 0 OR d.case_id IN (SELECT c.id FROM cases c WHERE c.department_id = $3))"
			    " GROUP BY d.person_id, d.case_id, d.decision_service_id) a"
			    " JOIN decision_services ds ON ds.id = a.decision_service_id"
			    " JOIN persons p ON p.id = a.person_id"
			    " ORDER BY a.person_id, a.case_id",
			    &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_int(st, 3, department_id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct store_billing_group g = {
			.person_id = db_col_int(st, 0),
			.case_id = db_col_int(st, 1),
			.units_x100 = db_col_int(st, 2),
			.price_cents = db_col_int(st, 3),
			.has_payment = !db_col_is_null(st, 4),
			.payment_cents = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4),
			.family_name = db_col_text(st, 5),
			.given_names = db_col_text(st, 6),
		};
		rc = fn(arg, &g);
		if (rc)
			break;
	}
	db_stmt_done(st);
	return rc;
}
