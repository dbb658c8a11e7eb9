#include "domain/homecare.h"

#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store_homecare.h"
#include "domain/case.h"
#include "domain/case_state.h"
#include "domain/org.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* ---- ISO weeks ---- */

/* The Monday of ISO week 1 of `year`: the week with 4 January in it. */
static int week1_monday(int year)
{
	int jan4 = year * 10000 + 104;
	return date_add_days(jan4, 1 - date_weekday(jan4));
}

int homecare_week_parse(const char *s, int *monday)
{
	int y, w;
	char tail;
	if (!s || strlen(s) != 8 || s[4] != '-' || s[5] != 'W')
		return ERR_INVALID;
	for (int i = 0; i < 8; i++)
		if (i != 4 && i != 5 && (s[i] < '0' || s[i] > '9'))
			return ERR_INVALID;
	if (sscanf(s, "%4d-W%2d%c", &y, &w, &tail) != 2 || y < 1900 || y > 9998 || w < 1)
		return ERR_INVALID;
	int first = week1_monday(y);
	int weeks = (int)((date_to_days(week1_monday(y + 1)) - date_to_days(first)) / 7);
	if (w > weeks)
		return ERR_INVALID;
	*monday = date_add_days(first, (w - 1) * 7);
	return 0;
}

void homecare_week_format(int date, char out[9])
{
	int thursday = date_add_days(date, 4 - date_weekday(date));
	int year = thursday / 10000;
	int week = (int)((date_to_days(thursday) - date_to_days(week1_monday(year))) / 7) + 1;
	/* year 1800..9999 and week 1..53: exactly 8 characters. */
	if (year < 1000 || year > 9999 || week < 1 || week > 53) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 9, "%04u-W%02u", (unsigned)year % 10000u, (unsigned)week % 100u);
}

/* ---- patterns ---- */

int homecare_pattern_visits(const struct homecare_pattern *p)
{
	if (p->weekdays)
		return __builtin_popcount(p->weekdays & 0x7fu);
	return p->visits_per_week;
}

unsigned homecare_spread_days(int n)
{
	/* Monday = bit 0. */
	static const unsigned spread[HOMECARE_MAX_VISITS_WEEK + 1] = {
		0x00, /* none */
		0x04, /* Wed */
		0x0a, /* Tue, Thu */
		0x15, /* Mon, Wed, Fri */
		0x1b, /* Mon, Tue, Thu, Fri */
		0x1f, /* Mon..Fri */
		0x3f, /* Mon..Sat */
		0x7f, /* every day */
	};
	return n >= 0 && n <= HOMECARE_MAX_VISITS_WEEK ? spread[n] : 0;
}

int homecare_pattern_check(const struct homecare_pattern *p,
			   const struct homecare_decided *d,
			   struct field_errors *fe)
{
	int n0 = fe->n;
	if (p->weekdays > 0x7f)
		fe_add(fe, "weekdays", "pattern.weekdays");
	if (!p->weekdays && (p->visits_per_week < 1 || p->visits_per_week > HOMECARE_MAX_VISITS_WEEK))
		fe_add(fe, "weekdays", "pattern.days_or_count");
	if (p->weekdays && p->visits_per_week)
		fe_add(fe, "visits_per_week", "pattern.days_or_count");
	if (p->window_start < 0 || p->window_start > 1440)
		fe_add(fe, "window_start", "time");
	if (p->window_end < 0 || p->window_end > 1440)
		fe_add(fe, "window_end", "time");
	if (p->duration < 5 || p->duration > HOMECARE_MAX_DURATION)
		fe_add(fe, "duration_min", "pattern.duration");
	else if (p->window_end - p->window_start < p->duration)
		fe_add(fe, "window_end", "pattern.window_short");
	if (p->valid_to && p->valid_to < p->valid_from)
		fe_add(fe, "valid_to", "date.order");
	if (d) {
		if (p->valid_from < d->start_on || (d->end_on && p->valid_from > d->end_on))
			fe_add(fe, "valid_from", "pattern.outside_decision");
		if (d->end_on && (!p->valid_to || p->valid_to > d->end_on))
			fe_add(fe, "valid_to", "pattern.outside_decision");
		int visits = homecare_pattern_visits(p);
		if (d->max_visits_week && visits > d->max_visits_week)
			fe_add(fe, p->weekdays ? "weekdays" : "visits_per_week", "pattern.too_many_visits");
		/* Hours decided a week: the visits may not need more. */
		if (d->unit && d->period && !strcmp(d->unit, "hour") && !strcmp(d->period, "week") &&
		    (int64_t)visits * p->duration * 100 > d->amount_x100 * 60)
			fe_add(fe, "duration_min", "pattern.over_decision");
		/* Visits decided a week: no more visits than that. */
		if (d->unit && d->period && !strcmp(d->unit, "visit") && !strcmp(d->period, "week") &&
		    (int64_t)visits * 100 > d->amount_x100)
			fe_add(fe, p->weekdays ? "weekdays" : "visits_per_week", "pattern.over_decision");
	}
	return fe->n > n0 ? ERR_INVALID : 0;
}

static int excepted(const struct homecare_exception *ex, size_t n_ex,
		    int64_t case_id, int date)
{
	for (size_t i = 0; i < n_ex; i++)
		if (ex[i].case_id == case_id && ex[i].date_from <= date && date <= ex[i].date_to)
			return 1;
	return 0;
}

int homecare_expand_week(const struct homecare_pattern *p, size_t n_patterns,
			 const struct homecare_exception *ex, size_t n_ex,
			 int monday, struct homecare_visit *out, size_t cap,
			 size_t *n)
{
	size_t k = 0;
	for (size_t i = 0; i < n_patterns; i++) {
		unsigned days = p[i].weekdays ? p[i].weekdays : homecare_spread_days(p[i].visits_per_week);
		for (int wd = 0; wd < 7; wd++) {
			if (!(days & (1u << wd)))
				continue;
			int date = date_add_days(monday, wd);
			if (date < p[i].valid_from || (p[i].valid_to && date > p[i].valid_to))
				continue;
			if (k < cap) {
				out[k] = (struct homecare_visit){
					.pattern_id = p[i].id,
					.case_id = p[i].case_id,
					.date = date,
					.window_start = p[i].window_start,
					.window_end = p[i].window_end,
					.duration = p[i].duration,
					.skipped = excepted(ex, n_ex, p[i].case_id, date),
				};
			}
			k++;
		}
	}
	*n = k;
	return k > cap ? ERR_TOO_LARGE : 0;
}

/* ---- rosters ---- */

#define DAY_FIELDS(i) \
	{"days." #i ".weekday", "days." #i ".start", "days." #i ".end", "days." #i ".break_from", "days." #i ".break_min"}
static const char *const day_fields[7][5] = {
	DAY_FIELDS(0), DAY_FIELDS(1), DAY_FIELDS(2), DAY_FIELDS(3),
	DAY_FIELDS(4), DAY_FIELDS(5), DAY_FIELDS(6),
};

int homecare_roster_check(const struct homecare_roster_day *d, size_t n,
			  struct field_errors *fe)
{
	int n0 = fe->n;
	unsigned seen = 0;
	if (n > 7)
		return fe_add(fe, "days", "roster.too_many");
	for (size_t i = 0; i < n; i++) {
		const char *const *f = day_fields[i];
		if (d[i].weekday < 1 || d[i].weekday > 7) {
			fe_add(fe, f[0], "range");
		} else if (seen & (1u << d[i].weekday)) {
			fe_add(fe, f[0], "roster.duplicate_day");
		} else {
			seen |= 1u << d[i].weekday;
		}
		if (d[i].start < 0 || d[i].start > 1440)
			fe_add(fe, f[1], "time");
		if (d[i].end < 0 || d[i].end > 1440)
			fe_add(fe, f[2], "time");
		else if (d[i].end <= d[i].start)
			fe_add(fe, f[2], "roster.end_before_start");
		if (d[i].break_min < 0 || d[i].break_min > 240) {
			fe_add(fe, f[4], "range");
		} else if (d[i].break_min > 0) {
			int from = d[i].break_from < 0 ? d[i].start : d[i].break_from;
			int to = d[i].break_from < 0 ? d[i].end : d[i].break_to;
			if (from < d[i].start || to > d[i].end || to - from < d[i].break_min)
				fe_add(fe, f[3], "roster.break_outside");
		}
	}
	return fe->n > n0 ? ERR_INVALID : 0;
}

int homecare_time_parse(const char *s, int *minutes)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return ERR_INVALID;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return ERR_INVALID;
	int h = (s[0] - '0') * 10 + (s[1] - '0');
	int m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m))
		return ERR_INVALID;
	*minutes = h * 60 + m;
	return 0;
}

void homecare_time_format(int minutes, char out[6])
{
	if (minutes < 0 || minutes > 1440)
		minutes = 0;
	snprintf(out, 6, "%02u:%02u", (unsigned)(minutes / 60) % 100u, (unsigned)(minutes % 60));
}

/* ---- database ---- */

int homecare_audit_tx(struct db *db, const struct homecare_actor *a,
		      const char *action, const char *entity, int64_t id)
{
	struct audit_entry e = *a->who;
	e.action = action;
	e.entity = entity;
	e.entity_id = id;
	return audit_append_tx(db, a->audit_key, &e, 1);
}

/* Inside the write transaction of a change to a staff member's planning
 * data: the time of the change, and 0 or ERR_NOT_FOUND when there is no
 * such staff member. */
static int staff_change_start(struct db *db, int64_t staff_id, char now[TIMESTAMP_ISO_LEN])
{
	time_format_iso(time_now_ms(), now);
	return store_homecare_staff_exists(db, staff_id);
}

int homecare_roster_get(struct db *db, int64_t staff_id, int from,
			json_t **out)
{
	json_t *days = NULL, *mob = NULL, *abs = NULL;
	int rc = store_homecare_staff_exists(db, staff_id);
	if (!rc)
		rc = store_homecare_roster(db, staff_id, &days);
	if (!rc)
		rc = store_homecare_mobility(db, staff_id, &mob);
	if (!rc)
		rc = store_homecare_absences(db, staff_id, from, &abs);
	if (rc) {
		json_decref(days);
		json_decref(mob);
		json_decref(abs);
		return rc;
	}
	*out = json_pack("{s:I,s:o,s:o,s:o}", "staff_id", (json_int_t)staff_id,
			 "days", days, "mobility", mob ? mob : json_null(),
			 "absences", abs);
	return *out ? 0 : ERR_NOMEM;
}

int homecare_roster_put(struct db *db, const struct homecare_actor *a,
			int64_t staff_id, const struct homecare_roster_day *d,
			size_t n, struct field_errors *fe)
{
	int rc = homecare_roster_check(d, n, fe);
	if (rc)
		return rc;
	if ((rc = db_tx_begin(db, DB_TX_WRITE)))
		return rc;
	rc = store_homecare_staff_exists(db, staff_id);
	if (!rc)
		rc = store_homecare_roster_replace(db, staff_id, d, n);
	if (!rc)
		rc = homecare_audit_tx(db, a, "roster.replace", "staff", staff_id);
	return db_tx_finish(db, rc);
}

int homecare_mobility_put(struct db *db, const struct homecare_actor *a,
			  int64_t staff_id, const char *mode, int has_base,
			  int64_t lat_e6, int64_t lon_e6, const char *label,
			  struct field_errors *fe)
{
	int n0 = fe->n;
	if (!mode || (strcmp(mode, "car") && strcmp(mode, "foot") && strcmp(mode, "public")))
		fe_add(fe, "mode", "enum");
	if (has_base && (lat_e6 < -90000000 || lat_e6 > 90000000))
		fe_add(fe, "base_lat", "coordinates");
	if (has_base && (lon_e6 < -180000000 || lon_e6 > 180000000))
		fe_add(fe, "base_lon", "coordinates");
	if (fe->n > n0)
		return ERR_INVALID;
	char now[TIMESTAMP_ISO_LEN];
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = staff_change_start(db, staff_id, now);
	if (!rc)
		rc = store_homecare_mobility_put(db, staff_id, mode, has_base, lat_e6, lon_e6, label, now);
	if (!rc)
		rc = homecare_audit_tx(db, a, "mobility.update", "staff", staff_id);
	return db_tx_finish(db, rc);
}

int homecare_absence_add(struct db *db, const struct homecare_actor *a,
			 int64_t staff_id, int from, int to, const char *kind,
			 struct field_errors *fe, int64_t *id)
{
	int n0 = fe->n;
	if (!kind || (strcmp(kind, "sick") && strcmp(kind, "holiday") && strcmp(kind, "training") &&
		      strcmp(kind, "other")))
		fe_add(fe, "kind", "enum");
	if (from && to && to < from)
		fe_add(fe, "date_to", "date.order");
	if (fe->n > n0)
		return ERR_INVALID;
	char now[TIMESTAMP_ISO_LEN];
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = staff_change_start(db, staff_id, now);
	if (!rc)
		rc = store_homecare_absence_insert(db, staff_id, from, to, kind, a->p->user_id, now, id);
	if (!rc)
		rc = homecare_audit_tx(db, a, "absence.add", "staff", staff_id);
	return db_tx_finish(db, rc);
}

int homecare_absence_delete(struct db *db, const struct homecare_actor *a,
			    int64_t staff_id, int64_t absence_id)
{
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_homecare_absence_delete(db, staff_id, absence_id);
	if (!rc)
		rc = homecare_audit_tx(db, a, "absence.delete", "staff", staff_id);
	return db_tx_finish(db, rc);
}

/* ---- visit patterns of a case ---- */

/* The case for a write: visible in full and not closed. */
static int case_for_write(struct db *db, const struct principal *p,
			  int64_t case_id, const char **conflict_key)
{
	struct case_view v;
	int rc = case_view_for(db, p, case_id, &v);
	if (rc)
		return rc;
	if (!v.full)
		return ERR_NOT_FOUND;
	if (case_status_closed(v.status)) {
		if (conflict_key)
			*conflict_key = "pattern.case_closed";
		return ERR_CONFLICT;
	}
	return 0;
}

static void pattern_present(json_t *row)
{
	json_t *days = json_array();
	int64_t mask = json_integer_value(json_object_get(row, "weekdays"));
	for (int d = 0; d < 7; d++)
		if (mask & (1 << d))
			json_array_append_new(days, json_integer(d + 1));
	json_object_set_new(row, "weekdays", days);
	char t[6];
	homecare_time_format((int)json_integer_value(json_object_get(row, "window_start")), t);
	json_object_set_new(row, "window_start", json_string(t));
	homecare_time_format((int)json_integer_value(json_object_get(row, "window_end")), t);
	json_object_set_new(row, "window_end", json_string(t));
	json_object_set_new(row, "skills", org_skills_array(json_string_value(json_object_get(row, "skills"))));
}

int homecare_case_patterns(struct db *db, const struct principal *p,
			   int64_t case_id, json_t **out)
{
	struct case_view v;
	json_t *pats, *exs, *row;
	size_t i;
	int rc = case_view_for(db, p, case_id, &v);
	if (rc)
		return rc;
	if ((rc = store_homecare_case_patterns(db, case_id, &pats, &exs)))
		return rc;
	json_array_foreach(pats, i, row)
		pattern_present(row);
	*out = json_pack("{s:I,s:o,s:o}", "case_id", (json_int_t)case_id, "patterns", pats, "exceptions", exs);
	return *out ? 0 : ERR_NOMEM;
}

int homecare_pattern_case(struct db *db, const struct principal *p,
			  int64_t pattern_id, int64_t *case_id)
{
	struct case_view v;
	int64_t version;
	int rc = store_homecare_pattern_case(db, pattern_id, case_id, &version);
	if (!rc)
		rc = case_view_for(db, p, *case_id, &v);
	return rc;
}

int homecare_pattern_save(struct db *db, const struct homecare_actor *a,
			  int64_t case_id, int64_t pattern_id,
			  int64_t expected,
			  const struct homecare_pattern_input *in,
			  struct field_errors *fe, const char **conflict_key,
			  int64_t *id)
{
	struct homecare_pattern pat = in->p;
	struct homecare_decided d;
	char unit[16], period[16], now[TIMESTAMP_ISO_LEN];
	int64_t cur_version = 0;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	if (pattern_id) {
		rc = store_homecare_pattern_case(db, pattern_id, &case_id, &cur_version);
		if (!rc && cur_version != expected)
			rc = ERR_PRECONDITION;
	}
	if (!rc)
		rc = case_for_write(db, a->p, case_id, conflict_key);
	if (!rc) {
		rc = store_homecare_decided(db, case_id, pat.decision_service_id, &d, unit, period);
		if (rc == ERR_NOT_FOUND)
			rc = fe_add(fe, "decision_service_id", "pattern.decision_service");
	}
	if (!rc && in->preferred_staff_id &&
	    store_homecare_staff_exists(db, in->preferred_staff_id) == ERR_NOT_FOUND)
		rc = fe_add(fe, "preferred_staff_id", "staff.not_found");
	if (!rc) {
		pat.id = pattern_id;
		pat.case_id = case_id;
		rc = homecare_pattern_check(&pat, &d, fe);
	}
	if (!rc) {
		time_format_iso(time_now_ms(), now);
		rc = store_homecare_pattern_write(db, &pat, in->skills_csv ? in->skills_csv : "",
						  in->preferred_staff_id, in->notes, a->p->user_id, now,
						  expected, id);
	}
	if (!rc)
		rc = homecare_audit_tx(db, a, pattern_id ? "visit_pattern.update" : "visit_pattern.create",
				    "case", case_id);
	return db_tx_finish(db, rc);
}

int homecare_pattern_end(struct db *db, const struct homecare_actor *a,
			 int64_t pattern_id)
{
	int64_t case_id, version;
	char now[TIMESTAMP_ISO_LEN];
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_homecare_pattern_case(db, pattern_id, &case_id, &version);
	if (!rc)
		rc = case_for_write(db, a->p, case_id, NULL);
	if (rc == ERR_CONFLICT)
		rc = 0; /* a closed case's patterns may still be ended */
	if (!rc) {
		time_format_iso(time_now_ms(), now);
		rc = store_homecare_pattern_end(db, pattern_id, date_today(), now);
	}
	if (!rc)
		rc = homecare_audit_tx(db, a, "visit_pattern.end", "case", case_id);
	return db_tx_finish(db, rc);
}

int homecare_exception_add(struct db *db, const struct homecare_actor *a,
			   int64_t case_id, int from, int to, const char *kind,
			   const char *note, struct field_errors *fe,
			   int64_t *id)
{
	char now[TIMESTAMP_ISO_LEN];
	int n0 = fe->n;
	if (!kind || (strcmp(kind, "hospital") && strcmp(kind, "holiday") && strcmp(kind, "other")))
		fe_add(fe, "kind", "enum");
	if (from && to && to < from)
		fe_add(fe, "date_to", "date.order");
	if (fe->n > n0)
		return ERR_INVALID;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = case_for_write(db, a->p, case_id, NULL);
	if (!rc) {
		time_format_iso(time_now_ms(), now);
		rc = store_homecare_exception_insert(db, case_id, from, to, kind, note, a->p->user_id, now, id);
	}
	if (!rc)
		rc = homecare_audit_tx(db, a, "visit_exception.add", "case", case_id);
	return db_tx_finish(db, rc);
}

int homecare_exception_delete(struct db *db, const struct homecare_actor *a,
			      int64_t case_id, int64_t exception_id)
{
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = case_for_write(db, a->p, case_id, NULL);
	if (rc == ERR_CONFLICT)
		rc = 0;
	if (!rc)
		rc = store_homecare_exception_delete(db, case_id, exception_id);
	if (!rc)
		rc = homecare_audit_tx(db, a, "visit_exception.delete", "case", case_id);
	return db_tx_finish(db, rc);
}

/* ---- a week's visits ---- */

static int jint(const json_t *o, const char *k)
{
	return (int)json_integer_value(json_object_get(o, k));
}

static int jdate(const json_t *o, const char *k)
{
	int d = 0;
	const char *s = json_string_value(json_object_get(o, k));
	if (s && date_parse(s, &d))
		d = 0;
	return d;
}

static json_t *hhmm(int minutes)
{
	char t[6];
	homecare_time_format(minutes, t);
	return json_string(t);
}

/* Adds id to the set of persons listed (kept in order, no duplicates). */
static void person_seen(int64_t id, int64_t *ids, size_t cap, size_t *n)
{
	for (size_t i = 0; i < *n && i < cap; i++)
		if (ids[i] == id)
			return;
	if (*n < cap)
		ids[*n] = id;
	(*n)++;
}

static json_t *person_of(const json_t *row)
{
	return json_pack("{s:O,s:O,s:O}", "id", json_object_get(row, "person_id"),
			 "given_names", json_object_get(row, "given_names"),
			 "family_name", json_object_get(row, "family_name"));
}

/* The address a person is visited at: the first row of theirs (the store
 * orders by preferred kind), or NULL. */
static const json_t *address_of(const json_t *addresses, json_int_t person_id)
{
	size_t i;
	const json_t *a;
	json_array_foreach(addresses, i, a)
		if (json_integer_value(json_object_get(a, "person_id")) == person_id)
			return a;
	return NULL;
}

/* The week's workers: one entry per staff member, the roster's days that
 * are not inside an absence, and the union of their skills (*all). */
static json_t *week_workers(const json_t *rows, const json_t *absences, int monday,
			    uint64_t *skill_sets, size_t cap, size_t *n_sets)
{
	json_t *workers = json_array(), *cur = NULL;
	json_int_t cur_id = 0;
	size_t i;
	const json_t *r;
	*n_sets = 0;
	json_array_foreach(rows, i, r) {
		json_int_t id = json_integer_value(json_object_get(r, "staff_id"));
		if (!cur || id != cur_id) {
			json_t *base = json_is_null(json_object_get(r, "base_lat")) || !json_object_get(r, "base_lat")
				? json_null()
				: json_pack("{s:O,s:O}", "lat", json_object_get(r, "base_lat"), "lon", json_object_get(r, "base_lon"));
			json_t *abs = json_array();
			size_t k;
			const json_t *a;
			json_array_foreach(absences, k, a)
				if (json_integer_value(json_object_get(a, "staff_id")) == id)
					json_array_append_new(abs, json_pack("{s:O,s:O,s:O}", "date_from", json_object_get(a, "date_from"),
									     "date_to", json_object_get(a, "date_to"), "kind", json_object_get(a, "kind")));
			const char *mode = json_string_value(json_object_get(r, "mode"));
			cur = json_pack("{s:I,s:O,s:O,s:o,s:s,s:o,s:o,s:[]}", "staff_id", id,
					"given_names", json_object_get(r, "given_names"),
					"family_name", json_object_get(r, "family_name"),
					"skills", org_skills_array(json_string_value(json_object_get(r, "skills"))),
					"mode", mode ? mode : "car", "base", base, "absent", abs, "days");
			json_array_append_new(workers, cur);
			cur_id = id;
		}
		if (json_is_null(json_object_get(r, "weekday")) || !json_object_get(r, "weekday"))
			continue;
		int date = date_add_days(monday, jint(r, "weekday") - 1);
		int absent = 0;
		size_t k;
		const json_t *a;
		json_array_foreach(absences, k, a)
			if (json_integer_value(json_object_get(a, "staff_id")) == id &&
			    jdate(a, "date_from") <= date && date <= jdate(a, "date_to"))
				absent = 1;
		if (absent)
			continue;
		char d[DATE_ISO_LEN];
		date_format(date, d);
		json_t *brk = json_is_null(json_object_get(r, "break_from"))
			? json_null() : hhmm(jint(r, "break_from"));
		json_t *brk_to = json_is_null(json_object_get(r, "break_to"))
			? json_null() : hhmm(jint(r, "break_to"));
		json_array_append_new(json_object_get(cur, "days"),
			json_pack("{s:s,s:o,s:o,s:o,s:o,s:i}", "date", d, "start", hhmm(jint(r, "start_min")),
				  "end", hhmm(jint(r, "end_min")), "break_from", brk, "break_to", brk_to,
				  "break_min", jint(r, "break_min")));
	}
	/* Skill sets of the workers who work some day this week. */
	json_array_foreach(workers, i, r) {
		if (!json_array_size(json_object_get(r, "days")) || *n_sets >= cap)
			continue;
		uint64_t set = 0;
		size_t k;
		const json_t *sk;
		json_array_foreach(json_object_get(r, "skills"), k, sk)
			set |= org_skill_bit(json_string_value(sk));
		skill_sets[(*n_sets)++] = set;
	}
	return workers;
}

static uint64_t skills_bits(const char *csv)
{
	uint64_t set = 0;
	json_t *arr = org_skills_array(csv);
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		set |= org_skill_bit(json_string_value(v));
	json_decref(arr);
	return set;
}

int homecare_week(struct db *db, const struct principal *p, int monday,
		  int64_t department_id, struct field_errors *fe,
		  json_t **out, int64_t *person_ids, size_t cap,
		  size_t *n_persons)
{
	int sunday = date_add_days(monday, 6);
	char wk[9], mon[DATE_ISO_LEN], sun[DATE_ISO_LEN];
	json_t *pats = NULL, *exs = NULL, *addrs = NULL, *unpat = NULL, *staff = NULL, *abs = NULL;
	struct homecare_pattern *pv = NULL;
	struct homecare_exception *ev = NULL;
	struct homecare_visit *vv = NULL;
	int rc = 0;
	*n_persons = 0;
	homecare_week_format(monday, wk);
	date_format(monday, mon);
	date_format(sunday, sun);

	switch (access_person_scope(p)) {
	case SCOPE_ALL:
		if (!department_id)
			return fe_add(fe, "department_id", "required");
		break;
	case SCOPE_DEPARTMENT:
		if (department_id && department_id != p->department_id)
			return fe_add(fe, "department_id", "department.scope");
		department_id = p->department_id;
		break;
	default:
		*out = json_pack("{s:s,s:s,s:s,s:n,s:[],s:[],s:[]}", "week", wk, "monday", mon, "sunday", sun,
				 "department_id", "visits", "workers", "problems");
		return *out ? 0 : ERR_NOMEM;
	}

	rc = store_homecare_week_patterns(db, department_id, monday, sunday, &pats);
	if (!rc)
		rc = store_homecare_week_exceptions(db, department_id, monday, sunday, &exs);
	if (!rc)
		rc = store_homecare_week_addresses(db, department_id, monday, sunday, &addrs);
	if (!rc)
		rc = store_homecare_week_unpatterned(db, department_id, monday, sunday, &unpat);
	if (!rc)
		rc = store_homecare_week_staff(db, department_id, &staff);
	if (!rc)
		rc = store_homecare_week_absences(db, department_id, monday, sunday, &abs);
	if (rc)
		goto out;

	size_t np = json_array_size(pats), ne = json_array_size(exs), nv = 0, i;
	const json_t *r;
	pv = calloc(np ? np : 1, sizeof(*pv));
	ev = calloc(ne ? ne : 1, sizeof(*ev));
	if (!pv || !ev) {
		rc = ERR_NOMEM;
		goto out;
	}
	json_array_foreach(pats, i, r) {
		pv[i] = (struct homecare_pattern){
			.id = json_integer_value(json_object_get(r, "id")),
			.case_id = json_integer_value(json_object_get(r, "case_id")),
			.decision_service_id = json_integer_value(json_object_get(r, "decision_service_id")),
			.weekdays = (unsigned)jint(r, "weekdays"),
			.visits_per_week = jint(r, "visits_per_week"),
			.window_start = jint(r, "window_start"),
			.window_end = jint(r, "window_end"),
			.duration = jint(r, "duration_min"),
			.valid_from = jdate(r, "valid_from"),
			.valid_to = jdate(r, "valid_to"),
		};
	}
	json_array_foreach(exs, i, r)
		ev[i] = (struct homecare_exception){
			.case_id = json_integer_value(json_object_get(r, "case_id")),
			.date_from = jdate(r, "date_from"),
			.date_to = jdate(r, "date_to"),
		};
	rc = homecare_expand_week(pv, np, ev, ne, monday, NULL, 0, &nv);
	if (rc == ERR_TOO_LARGE && nv <= HOMECARE_WEEK_MAX_VISITS) {
		vv = calloc(nv ? nv : 1, sizeof(*vv));
		rc = vv ? homecare_expand_week(pv, np, ev, ne, monday, vv, nv, &nv) : ERR_NOMEM;
	} else if (!rc) {
		vv = calloc(1, sizeof(*vv));
	}
	if (rc)
		goto out;

	uint64_t sets[512];
	size_t n_sets;
	json_t *workers = week_workers(staff, abs, monday, sets, 512, &n_sets);
	json_t *visits = json_array(), *problems = json_array();
	int64_t minutes = 0, skipped = 0;
	int64_t last_missing = 0;
	size_t j = 0;
	for (size_t k = 0; k < nv; k++) {
		/* The pattern row of this visit: visits come in pattern order. */
		while (j + 1 < np && pv[j].id != vv[k].pattern_id)
			j++;
		const json_t *pr = json_array_get(pats, j);
		json_int_t person = json_integer_value(json_object_get(pr, "person_id"));
		const json_t *addr = address_of(addrs, person);
		char d[DATE_ISO_LEN];
		date_format(vv[k].date, d);
		person_seen(person, person_ids, cap, n_persons);
		json_t *pref = json_object_get(pr, "preferred_staff_id");
		json_array_append_new(visits, json_pack("{s:s,s:I,s:I,s:O,s:o,s:O,s:o,s:o,s:i,s:o,s:O,s:o,s:b}",
			"date", d, "case_id", (json_int_t)vv[k].case_id, "pattern_id", (json_int_t)vv[k].pattern_id,
			"decision_service_id", json_object_get(pr, "decision_service_id"),
			"person", person_of(pr), "service_code", json_object_get(pr, "service_code"),
			"window_start", hhmm(vv[k].window_start), "window_end", hhmm(vv[k].window_end),
			"duration_min", vv[k].duration,
			"skills", org_skills_array(json_string_value(json_object_get(pr, "skills"))),
			"preferred_staff_id", pref ? pref : json_null(),
			"address", addr ? json_pack("{s:O,s:O,s:O,s:O}", "line", json_object_get(addr, "line"),
						    "city", json_object_get(addr, "city"), "lat", json_object_get(addr, "lat"),
						    "lon", json_object_get(addr, "lon"))
				       : json_null(),
			"skipped", vv[k].skipped));
		if (vv[k].skipped) {
			skipped++;
			continue;
		}
		minutes += vv[k].duration;
		if (!addr && last_missing != person) {
			last_missing = person;
			json_array_append_new(problems, json_pack("{s:s,s:I,s:o,s:O}", "kind", "no_coordinates",
				"case_id", (json_int_t)vv[k].case_id, "person", person_of(pr),
				"service_code", json_object_get(pr, "service_code")));
		}
		uint64_t need = skills_bits(json_string_value(json_object_get(pr, "skills")));
		int able = 0;
		for (size_t s = 0; s < n_sets && !able; s++)
			able = (sets[s] & need) == need;
		if (!able)
			json_array_append_new(problems, json_pack("{s:s,s:I,s:o,s:O,s:s}", "kind", "no_skilled_worker",
				"case_id", (json_int_t)vv[k].case_id, "person", person_of(pr),
				"service_code", json_object_get(pr, "service_code"), "date", d));
	}
	json_array_foreach(unpat, i, r) {
		person_seen(json_integer_value(json_object_get(r, "person_id")), person_ids, cap, n_persons);
		json_array_append_new(problems, json_pack("{s:s,s:O,s:o,s:O}", "kind", "no_pattern",
			"case_id", json_object_get(r, "case_id"), "person", person_of(r),
			"service_code", json_object_get(r, "service_code")));
	}
	int64_t worker_minutes = 0;
	json_array_foreach(workers, i, r) {
		size_t k;
		const json_t *day;
		json_array_foreach(json_object_get(r, "days"), k, day) {
			int s0, e0;
			homecare_time_parse(json_string_value(json_object_get(day, "start")), &s0);
			homecare_time_parse(json_string_value(json_object_get(day, "end")), &e0);
			worker_minutes += e0 - s0 - jint(day, "break_min");
		}
	}
	*out = json_pack("{s:s,s:s,s:s,s:I,s:o,s:o,s:o,s:{s:I,s:I,s:I,s:I}}",
			 "week", wk, "monday", mon, "sunday", sun, "department_id", (json_int_t)department_id,
			 "visits", visits, "workers", workers, "problems", problems,
			 "totals", "visits", (json_int_t)(nv - (size_t)skipped), "skipped", (json_int_t)skipped,
			 "visit_minutes", (json_int_t)minutes, "worker_minutes", (json_int_t)worker_minutes);
	rc = *out ? 0 : ERR_NOMEM;
out:
	free(pv);
	free(ev);
	free(vv);
	json_decref(pats);
	json_decref(exs);
	json_decref(addrs);
	json_decref(unpat);
	json_decref(staff);
	json_decref(abs);
	return rc;
}
