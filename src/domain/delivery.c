/*
 * delivery.c - delivered services: the rules of delivery.h, the writes and
 * the case's month view. SQL is in db/store_delivery.c.
 */
#include "domain/delivery.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store_delivery.h"
#include "domain/case.h"
#include "domain/case_state.h"
#include "domain/person_parts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pure rules ---- */

int delivery_units_parse(const char *s, int64_t *x100)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, decimals = 0;
	if (!s || !*s)
		return ERR_INVALID;
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		whole = whole * 10 + (*s - '0');
		if (whole > DELIVERY_UNITS_MAX_X100 / 100)
			return ERR_INVALID;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, decimals++) {
			if (decimals == 2)
				return ERR_INVALID;
			frac = frac * 10 + (*s - '0');
		}
		if (decimals == 0)
			return ERR_INVALID;
	}
	if (*s || digits == 0)
		return ERR_INVALID;
	if (decimals == 1)
		frac *= 10;
	if (whole * 100 + frac > DELIVERY_UNITS_MAX_X100)
		return ERR_INVALID;
	*x100 = whole * 100 + frac;
	return 0;
}

int delivery_units_from_double(double v, int64_t *x100)
{
	if (!isfinite(v) || v < 0 || v > (double)DELIVERY_UNITS_MAX_X100 / 100)
		return ERR_INVALID;
	double h = v * 100.0, r = nearbyint(h);
	/* A double that prints as n.nn lies within a few ulps of it. */
	if (fabs(h - r) > 1e-6)
		return ERR_INVALID;
	*x100 = (int64_t)r;
	return 0;
}

void delivery_units_format(int64_t x100, char *out, size_t cap)
{
	const char *sign = x100 < 0 ? "-" : "";
	int64_t a = x100 < 0 ? -x100 : x100;
	snprintf(out, cap, "%s%lld.%02lld", sign, (long long)(a / 100), (long long)(a % 100));
}

int64_t delivery_unit_day_max_x100(const char *unit)
{
	/* What one person can receive of one service in one day: the hours
	 * of a day; a few visits, meals or kits; one day, night, month or
	 * case (a month or a case is recorded once, on one day). */
	static const struct {
		const char *unit;
		int64_t max;
	} caps[] = {
		{"hour", 2400}, {"visit", 1000}, {"day", 100}, {"night", 100},
		{"meal", 500},  {"kit", 1000},   {"month", 100}, {"case", 100},
	};
	for (size_t i = 0; unit && i < sizeof(caps) / sizeof(caps[0]); i++)
		if (!strcmp(unit, caps[i].unit))
			return caps[i].max;
	return 0;
}

static int month_last_day(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

int delivery_period_bounds(const char *period, int date, int *from, int *to)
{
	int y = date / 10000, m = date / 100 % 100, d = date % 100;
	if (!period || !date_valid(y, m, d))
		return ERR_INVALID;
	if (!strcmp(period, "day")) {
		*from = *to = date;
	} else if (!strcmp(period, "week")) {
		*from = date_add_days(date, 1 - date_weekday(date));
		*to = date_add_days(*from, 6);
	} else if (!strcmp(period, "month")) {
		*from = y * 10000 + m * 100 + 1;
		*to = y * 10000 + m * 100 + month_last_day(y, m);
	} else if (!strcmp(period, "year")) {
		*from = y * 10000 + 101;
		*to = y * 10000 + 1231;
	} else {
		return ERR_INVALID;
	}
	return 0;
}

int delivery_month_parse(const char *s, int *first, int *last)
{
	char buf[DATE_ISO_LEN];
	int d;
	if (!s || strlen(s) != 7 || s[4] != '-')
		return ERR_INVALID;
	snprintf(buf, sizeof(buf), "%s-01", s);
	if (date_parse(buf, &d))
		return ERR_INVALID;
	return delivery_period_bounds("month", d, first, last);
}

int delivery_date_within(const struct delivery_terms *t, int date)
{
	if (!t->start_on || date < t->start_on)
		return 0;
	if (t->end_on && date > t->end_on)
		return 0;
	if (t->ended_on && date > t->ended_on)
		return 0;
	return 1;
}

int delivery_check_quantity(const struct delivery_terms *t, int64_t units_x100,
			    const struct delivery_sums *s,
			    struct field_errors *fe, int *over_limit)
{
	int64_t day_max = delivery_unit_day_max_x100(t->unit);
	*over_limit = 0;
	if (units_x100 <= 0 || units_x100 > DELIVERY_UNITS_MAX_X100)
		return fe_add(fe, "units", "range");
	if (day_max && s->day_x100 > day_max)
		return fe_add(fe, "units", "delivery.units_per_day");
	if (t->limit_x100 > 0 && s->limit_x100 > t->limit_x100)
		return fe_add(fe, "units", "delivery.catalogue_limit");
	*over_limit = s->period_x100 > t->amount_x100;
	return 0;
}

/* ---- access ---- */

/*
 * Whether p may see (write = 0) or write (write = 1) case_id:
 * case_view_for decides; writing needs the full (staff) view.
 * ERR_NOT_FOUND when not, like a missing case. *reason is the partner's
 * audit reason ("" for staff) when reason_cap > 0.
 */
static int case_access(struct db *db, const struct principal *p,
		       int64_t case_id, int write, struct case_view *v,
		       char *reason, size_t reason_cap)
{
	int rc = case_view_for(db, p, case_id, v);
	if (rc)
		return rc;
	if (write && !v->full)
		return ERR_NOT_FOUND;
	if (reason && reason_cap)
		snprintf(reason, reason_cap, "%s", v->full ? "" : v->reason);
	return 0;
}

/* ---- writes ---- */

static int parse_opt_date(const char *s)
{
	int d = 0;
	return s && *s && !date_parse(s, &d) ? d : 0;
}

static void terms_from(const struct store_dservice *ds, struct delivery_terms *t)
{
	memset(t, 0, sizeof(*t));
	t->case_id = ds->case_id;
	t->decision_assigns = !strcmp(ds->decision_kind, "assign");
	t->start_on = parse_opt_date(ds->start_on);
	t->end_on = parse_opt_date(ds->end_on);
	t->ended_on = parse_opt_date(ds->ended_on);
	t->amount_x100 = ds->amount_x100;
	t->period = ds->period;
	t->unit = ds->unit;
	t->limit_x100 = ds->limit_x100;
	t->limit_period = ds->limit_x100 ? ds->limit_period : NULL;
}

/* The bounds of a period for the sums: a calendar period, or the whole
 * decision service for "stay". */
static void sum_bounds(const char *period, const struct delivery_terms *t,
		       int date, char *from, char *to)
{
	int f = 0, l = 0;
	if (delivery_period_bounds(period, date, &f, &l)) {
		f = t->start_on;
		l = t->end_on ? t->end_on : 99991231;
	}
	date_format(f, from);
	date_format(l, to);
}

/* Everything a new row (or a corrected one, `exclude` being the row it
 * replaces) must meet, in the caller's write transaction. Field errors
 * on fe; *ds and *over_limit for the insert. */
static int check_row(struct db *db, const struct delivery_input *in,
		     const struct case_view *cf, int64_t exclude,
		     int today, struct field_errors *fe,
		     struct store_dservice *ds, int *over_limit)
{
	struct delivery_terms t;
	struct delivery_sums s = {0};
	char date[DATE_ISO_LEN], from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	int rc = store_delivery_dservice(db, in->decision_service_id, ds);
	if (rc == ERR_NOT_FOUND || (!rc && ds->case_id != in->case_id))
		return fe_add(fe, "decision_service_id", "delivery.decision_service");
	if (rc)
		return rc;
	terms_from(ds, &t);
	if (!t.decision_assigns)
		return fe_add(fe, "decision_service_id", "delivery.no_decision");
	if (in->delivered_on > today)
		return fe_add(fe, "delivered_on", "date.future");
	if (!delivery_date_within(&t, in->delivered_on))
		return fe_add(fe, "delivered_on", "delivery.outside_decision");
	if (in->staff_id) {
		int active = 0;
		rc = store_delivery_staff_active(db, in->staff_id, &active);
		if (rc == ERR_NOT_FOUND || (!rc && !active))
			return fe_add(fe, "staff_id", "delivery.staff");
		if (rc)
			return rc;
	}
	if (in->units_x100 <= 0 || in->units_x100 > DELIVERY_UNITS_MAX_X100)
		return fe_add(fe, "units", "range");
	date_format(in->delivered_on, date);
	rc = store_delivery_sum_person(db, cf->person_id, ds->service_id, date, date, exclude, &s.day_x100);
	if (!rc) {
		sum_bounds(t.period, &t, in->delivered_on, from, to);
		rc = store_delivery_sum_dservice(db, in->decision_service_id, from, to, exclude,
						 &s.period_x100);
	}
	if (!rc && t.limit_x100) {
		sum_bounds(t.limit_period, &t, in->delivered_on, from, to);
		rc = store_delivery_sum_person(db, cf->person_id, ds->service_id, from, to, exclude,
					       &s.limit_x100);
	}
	if (rc)
		return rc;
	s.day_x100 += in->units_x100;
	s.period_x100 += in->units_x100;
	s.limit_x100 += in->units_x100;
	return delivery_check_quantity(&t, in->units_x100, &s, fe, over_limit);
}

static int note_check(const char *field, const char *s, size_t max, int required,
		      struct field_errors *fe)
{
	if (!s && !required)
		return 0;
	const char *k = text_check(s, max, 1);
	return k ? fe_add(fe, field, k) : 0;
}

static int audit_case(struct db *db, const struct delivery_actor *a,
		      int64_t case_id, const char *action, const char *reason)
{
	struct audit_entry e = *a->who;
	e.action = action;
	e.entity = "case";
	e.entity_id = case_id;
	if (reason)
		snprintf(e.reason, sizeof(e.reason), "%s", reason);
	return audit_append_tx(db, a->audit_key, &e, 1);
}

/* Inserts a checked row. */
static int insert_row(struct db *db, const struct delivery_actor *a,
		      const struct delivery_input *in,
		      const struct case_view *cf,
		      const struct store_dservice *ds, int over_limit,
		      const char *correction_reason, int64_t *id)
{
	char date[DATE_ISO_LEN], now[TIMESTAMP_ISO_LEN];
	struct store_delivery_row r = {0};
	date_format(in->delivered_on, date);
	time_format_iso(time_now_ms(), now);
	r.case_id = in->case_id;
	r.person_id = cf->person_id;
	r.decision_service_id = in->decision_service_id;
	r.service_id = ds->service_id;
	r.delivered_on = date;
	r.staff_id = in->staff_id;
	r.units_x100 = in->units_x100;
	r.over_limit = over_limit;
	r.note = in->note;
	r.correction_reason = correction_reason;
	r.created_by = a->p->user_id;
	r.created_at = now;
	return store_delivery_insert(db, &r, id);
}

/* The case of a new row: visible for writing and delivering. */
static int case_for_new_row(struct db *db, const struct delivery_actor *a,
			    int64_t case_id, struct case_view *cf)
{
	int rc = case_access(db, a->p, case_id, 1, cf, NULL, 0);
	if (rc)
		return rc;
	if (!case_status_delivers(cf->status))
		return ERR_CONFLICT;
	return store_delivery_lock_person(db, cf->person_id);
}

int delivery_create(struct db *db, const struct delivery_actor *a,
		    const struct delivery_input *in, int today,
		    struct field_errors *fe, const char **conflict_key,
		    struct delivery_outcome *out)
{
	struct case_view cf;
	struct store_dservice ds;
	int over = 0;
	int rc = note_check("note", in->note, DELIVERY_NOTE_MAX_CHARS, 0, fe);
	if (rc)
		return rc;
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = case_for_new_row(db, a, in->case_id, &cf);
	if (rc == ERR_CONFLICT)
		*conflict_key = "delivery.case_status";
	if (!rc)
		rc = check_row(db, in, &cf, 0, today, fe, &ds, &over);
	if (!rc)
		rc = insert_row(db, a, in, &cf, &ds, over, NULL, &out->id);
	if (!rc)
		rc = audit_case(db, a, in->case_id, "delivery.create", NULL);
	if (!rc)
		rc = db_tx_commit(db);
	if (rc) {
		db_tx_rollback(db);
		return rc;
	}
	out->over_limit = over;
	return 0;
}

int delivery_create_bulk(struct db *db, const struct delivery_actor *a,
			 struct delivery_item *items, size_t n, int today,
			 struct field_errors *fe)
{
	int failed = 0;
	if (n == 0)
		return fe_add(fe, "items", "delivery.bulk_empty");
	if (n > DELIVERY_BULK_MAX)
		return fe_add(fe, "items", "delivery.bulk_too_many");
	for (size_t i = 0; i < n; i++)
		failed |= note_check("note", items[i].in.note, DELIVERY_NOTE_MAX_CHARS, 0,
				     &items[i].fe) != 0;
	if (failed)
		return ERR_INVALID;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		struct delivery_item *it = &items[i];
		struct case_view cf;
		struct store_dservice ds;
		int over = 0;
		int r = case_for_new_row(db, a, it->in.case_id, &cf);
		if (r == ERR_NOT_FOUND) {
			r = fe_add(&it->fe, "case_id", "delivery.case_not_found");
		} else if (r == ERR_CONFLICT) {
			r = fe_add(&it->fe, "case_id", "delivery.case_status");
		} else if (!r) {
			r = check_row(db, &it->in, &cf, 0, today, &it->fe, &ds, &over);
		}
		/* Later items are still checked (every error shown at once);
		 * valid ones are inserted so that they count in later sums. */
		if (!r)
			r = insert_row(db, a, &it->in, &cf, &ds, over, NULL, &it->out.id);
		if (!r) {
			it->out.over_limit = over;
			/* One audit entry per case: the first item of it. */
			int seen = 0;
			for (size_t j = 0; j < i; j++)
				seen |= items[j].in.case_id == it->in.case_id;
			if (!seen)
				r = audit_case(db, a, it->in.case_id, "delivery.create", "bulk");
		}
		if (r == ERR_INVALID)
			failed = 1;
		else if (r)
			rc = r;
	}
	if (!rc && failed)
		rc = ERR_INVALID;
	if (!rc)
		rc = db_tx_commit(db);
	if (rc)
		db_tx_rollback(db);
	return rc;
}

/* Loads row id for a change: visible for writing, current, and its case
 * in a state that allows corrections. */
static int change_begin(struct db *db, const struct delivery_actor *a,
			int64_t id, struct store_delivery_row *old, char *buf,
			size_t cap, struct case_view *cf,
			const char **conflict_key)
{
	int current = 0;
	int rc = store_delivery_load(db, id, old, &current, buf, cap);
	if (!rc)
		rc = case_access(db, a->p, old->case_id, 1, cf, NULL, 0);
	if (!rc)
		rc = store_delivery_lock_person(db, cf->person_id);
	if (rc)
		return rc;
	if (!current) {
		*conflict_key = "delivery.not_latest";
		return ERR_CONFLICT;
	}
	if (!(cf->status == CASE_ACTIVE || cf->status == CASE_SUSPENDED ||
	      cf->status == CASE_TERMINATED)) {
		*conflict_key = "delivery.case_status";
		return ERR_CONFLICT;
	}
	return 0;
}

int delivery_correct(struct db *db, const struct delivery_actor *a,
		     int64_t id, const struct delivery_correction *in,
		     int today, struct field_errors *fe,
		     const char **conflict_key, struct delivery_outcome *out)
{
	struct store_delivery_row old;
	struct case_view cf;
	struct store_dservice ds;
	struct delivery_input row;
	char buf[8192];
	int64_t changes = 0;
	int over = 0;
	int rc = note_check("reason", in->reason, DELIVERY_REASON_MAX_CHARS, 1, fe);
	if (in->note_set)
		rc |= note_check("note", in->note, DELIVERY_NOTE_MAX_CHARS, 0, fe);
	if (rc)
		return ERR_INVALID;
	if ((rc = db_tx_begin(db, DB_TX_WRITE)))
		return rc;
	rc = change_begin(db, a, id, &old, buf, sizeof(buf), &cf, conflict_key);
	if (rc)
		goto out;
	memset(&row, 0, sizeof(row));
	row.case_id = old.case_id;
	row.decision_service_id = old.decision_service_id;
	row.staff_id = old.staff_id;
	row.units_x100 = in->units_x100;
	row.note = in->note_set ? in->note : old.note;
	if (in->delivered_on)
		row.delivered_on = in->delivered_on;
	else if ((rc = date_parse(old.delivered_on, &row.delivered_on)))
		goto out;
	/* The staff member of the old row may have left since: only a new
	 * date needs the staff member to be active now. */
	if (!in->delivered_on)
		row.staff_id = 0;
	rc = check_row(db, &row, &cf, id, today, fe, &ds, &over);
	row.staff_id = old.staff_id;
	if (!rc)
		rc = insert_row(db, a, &row, &cf, &ds, over, in->reason, &out->id);
	if (!rc)
		rc = store_delivery_mark_replaced(db, id, out->id, &changes);
	if (!rc && changes != 1) {
		*conflict_key = "delivery.not_latest";
		rc = ERR_CONFLICT;
	}
	if (!rc)
		rc = audit_case(db, a, old.case_id, "delivery.correct", in->reason);
	if (!rc)
		rc = db_tx_commit(db);
out:
	if (rc) {
		db_tx_rollback(db);
		return rc;
	}
	out->over_limit = over;
	return 0;
}

int delivery_void(struct db *db, const struct delivery_actor *a, int64_t id,
		  const char *reason, struct field_errors *fe,
		  const char **conflict_key)
{
	struct store_delivery_row old;
	struct case_view cf;
	char buf[8192], now[TIMESTAMP_ISO_LEN];
	int64_t changes = 0;
	int rc = note_check("reason", reason, DELIVERY_REASON_MAX_CHARS, 1, fe);
	if (rc)
		return rc;
	if ((rc = db_tx_begin(db, DB_TX_WRITE)))
		return rc;
	rc = change_begin(db, a, id, &old, buf, sizeof(buf), &cf, conflict_key);
	time_format_iso(time_now_ms(), now);
	if (!rc)
		rc = store_delivery_mark_voided(db, id, now, reason, &changes);
	if (!rc && changes != 1) {
		*conflict_key = "delivery.not_latest";
		rc = ERR_CONFLICT;
	}
	if (!rc)
		rc = audit_case(db, a, old.case_id, "delivery.void", reason);
	if (!rc)
		rc = db_tx_commit(db);
	if (rc)
		db_tx_rollback(db);
	return rc;
}

/* ---- reads ---- */

/* Adds the API's derived fields to a row: units as a decimal string,
 * the status, and the row it replaced (replaces) when known. */
static void row_decorate(json_t *row)
{
	char units[32];
	json_int_t x = json_integer_value(json_object_get(row, "units_x100"));
	delivery_units_format(x, units, sizeof(units));
	json_object_set_new(row, "units", json_string(units));
	const char *status = "current";
	if (!json_is_null(json_object_get(row, "voided_at")))
		status = "voided";
	else if (!json_is_null(json_object_get(row, "replaced_by")))
		status = "replaced";
	json_object_set_new(row, "status", json_string(status));
}

int delivery_get(struct db *db, const struct principal *p, int64_t id,
		 json_t **doc, int64_t *case_id)
{
	struct case_view cf;
	json_t *row = NULL;
	int rc = store_delivery_doc(db, id, &row);
	if (rc)
		return rc;
	*case_id = json_integer_value(json_object_get(row, "case_id"));
	rc = case_access(db, p, *case_id, 0, &cf, NULL, 0);
	if (rc) {
		json_decref(row);
		return rc;
	}
	row_decorate(row);
	*doc = row;
	return 0;
}

/* Per decision service: the month's current units, and for weekly
 * amounts each ISO week that overlaps the month. */
static json_t *dservice_totals(json_t *ds, json_t *rows, int first, int last)
{
	char units[32], wk[DATE_ISO_LEN];
	json_int_t id = json_integer_value(json_object_get(ds, "id"));
	json_int_t amount = json_integer_value(json_object_get(ds, "amount_x100"));
	const char *period = json_string_value(json_object_get(ds, "period"));
	int weekly = period && !strcmp(period, "week");
	int64_t month_sum = 0, n_over = 0;
	json_t *weeks = json_array();
	size_t i;
	json_t *r;
	int wfrom = 0, wto = 0;
	if (weekly)
		delivery_period_bounds("week", first, &wfrom, &wto);
	for (; weekly && wfrom <= last; wfrom = date_add_days(wfrom, 7)) {
		int64_t sum = 0;
		wto = date_add_days(wfrom, 6);
		json_array_foreach(rows, i, r) {
			int d = parse_opt_date(json_string_value(json_object_get(r, "delivered_on")));
			if (json_integer_value(json_object_get(r, "decision_service_id")) == id &&
			    !strcmp(json_string_value(json_object_get(r, "status")), "current") &&
			    d >= wfrom && d <= wto)
				sum += json_integer_value(json_object_get(r, "units_x100"));
		}
		date_format(wfrom, wk);
		delivery_units_format(sum, units, sizeof(units));
		json_array_append_new(weeks, json_pack("{s:s,s:I,s:s,s:b}", "week_from", wk,
						       "units_x100", (json_int_t)sum, "units", units,
						       "over", sum > amount));
	}
	json_array_foreach(rows, i, r) {
		int d = parse_opt_date(json_string_value(json_object_get(r, "delivered_on")));
		if (json_integer_value(json_object_get(r, "decision_service_id")) != id ||
		    d < first || d > last ||
		    strcmp(json_string_value(json_object_get(r, "status")), "current"))
			continue;
		month_sum += json_integer_value(json_object_get(r, "units_x100"));
		n_over += json_is_true(json_object_get(r, "over_limit"));
	}
	json_t *o = json_deep_copy(ds);
	delivery_units_format(amount, units, sizeof(units));
	json_object_set_new(o, "amount", json_string(units));
	delivery_units_format(month_sum, units, sizeof(units));
	json_object_set_new(o, "month_units_x100", json_integer(month_sum));
	json_object_set_new(o, "month_units", json_string(units));
	json_object_set_new(o, "rows_over_limit", json_integer(n_over));
	if (period && !strcmp(period, "month"))
		json_object_set_new(o, "month_over", json_boolean(month_sum > amount));
	if (weekly)
		json_object_set_new(o, "weeks", weeks);
	else
		json_decref(weeks);
	return o;
}

int delivery_case_month(struct db *db, const struct principal *p,
			int64_t case_id, int first, int last, json_t **doc,
			char *reason, size_t reason_cap)
{
	struct case_view cf;
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN], mf[DATE_ISO_LEN];
	json_t *rows = NULL, *dss = NULL, *month_rows = NULL, *totals = NULL;
	int wfirst, wlast, tmp;
	size_t i;
	json_t *r;
	int rc = case_access(db, p, case_id, 0, &cf, reason, reason_cap);
	if (rc)
		return rc;
	/* Whole ISO weeks around the month, for weekly totals. */
	if (delivery_period_bounds("week", first, &wfirst, &tmp) ||
	    delivery_period_bounds("week", last, &tmp, &wlast))
		return ERR_INVALID;
	date_format(wfirst, from);
	date_format(wlast, to);
	rc = store_delivery_case_rows(db, case_id, from, to, &rows);
	if (!rc)
		rc = store_delivery_case_dservices(db, case_id, &dss);
	if (rc)
		goto out;
	month_rows = json_array();
	totals = json_array();
	json_array_foreach(rows, i, r) {
		row_decorate(r);
		int d = parse_opt_date(json_string_value(json_object_get(r, "delivered_on")));
		if (d >= first && d <= last)
			json_array_append(month_rows, r);
	}
	/* Show the chain both ways: the row a correction replaced. */
	json_array_foreach(month_rows, i, r) {
		json_t *by = json_object_get(r, "replaced_by");
		size_t j;
		json_t *n;
		json_array_foreach(month_rows, j, n)
			if (json_is_integer(by) &&
			    json_integer_value(json_object_get(n, "id")) == json_integer_value(by))
				json_object_set_new(n, "replaces", json_integer(json_integer_value(json_object_get(r, "id"))));
	}
	json_array_foreach(dss, i, r)
		json_array_append_new(totals, dservice_totals(r, rows, first, last));
	date_format(first, mf);
	mf[7] = '\0';
	*doc = json_pack("{s:I,s:I,s:s,s:s,s:O,s:O}", "case_id", (json_int_t)case_id,
			 "person_id", (json_int_t)cf.person_id, "status", case_status_name(cf.status), "month", mf,
			 "deliveries", month_rows, "totals", totals);
	rc = *doc ? 0 : ERR_NOMEM;
out:
	json_decref(rows);
	json_decref(dss);
	json_decref(month_rows);
	json_decref(totals);
	return rc;
}
