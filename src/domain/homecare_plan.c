/*
 * homecare_plan.c - planning a department's week of home visits with the
 * planner (src/plan): the week's visits and workers (homecare_week) become
 * one plan_problem a day, plan_week_solve assigns and orders them, and the
 * result is stored as a draft plan with its visits. See homecare.h.
 */
#include "domain/homecare.h"

#include "core/date.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_homecare.h"
#include "domain/case.h"
#include "domain/delivery.h"
#include "domain/org.h"
#include "domain/osrm.h"
#include "plan/plan.h"
#include "plan/plan_travel.h"
#include "plan/plan_week.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Stable keys of the planner's reasons, for storage and the API. */
const char *homecare_unplaced_key(int reason)
{
	switch (reason) {
	case PLAN_UNPLACED_NO_SKILL: return "no_skill";
	case PLAN_UNPLACED_WINDOW: return "window";
	case PLAN_UNPLACED_CAPACITY: return "capacity";
	case PLAN_UNPLACED_SEARCH_LIMIT: return "search_limit";
	case PLAN_UNPLACED_NO_LOCATION: return "no_location";
	case PLAN_UNPLACED_NO_WORKER: return "no_worker";
	default: return "unknown";
	}
}

static int jdate_of(const json_t *o, const char *k)
{
	int d = 0;
	const char *s = json_string_value(json_object_get(o, k));
	if (!s || date_parse(s, &d))
		return 0;
	return d;
}

static json_t *hhmm_json(int minutes)
{
	char t[6];
	homecare_time_format(minutes, t);
	return json_string(t);
}

static int minutes_of(const json_t *o, const char *k)
{
	int m = -1;
	const char *s = json_string_value(json_object_get(o, k));
	if (!s || homecare_time_parse(s, &m))
		return -1;
	return m;
}

static uint64_t skills_of(const json_t *arr)
{
	uint64_t set = 0;
	size_t i;
	const json_t *v;
	json_array_foreach(arr, i, v)
		set |= org_skill_bit(json_string_value(v));
	return set;
}

/* One day of the week as a planner problem, with what is needed to map
 * the answer back. */
struct plan_day {
	int date;
	struct plan_problem pb;
	struct plan_visit *visits;
	struct plan_worker *workers;
	struct plan_coord *coords;
	double *travel;
	int *preferred;          /* one slot per visit */
	const json_t **vrow;     /* the week's visit row of each visit */
};

static void plan_day_free(struct plan_day *d)
{
	free(d->visits);
	free(d->workers);
	free(d->coords);
	free(d->travel);
	free(d->preferred);
	free(d->vrow);
}

/* The office: where workers without a base of their own start, taken as
 * the mean position of the week's visits (there is no centre address
 * with coordinates to use instead). */
static struct plan_coord week_centre(const json_t *visits)
{
	struct plan_coord c = {0, 0};
	double n = 0;
	size_t i;
	const json_t *v;
	json_array_foreach(visits, i, v) {
		const json_t *a = json_object_get(v, "address");
		if (!json_is_object(a))
			continue;
		c.lat += json_number_value(json_object_get(a, "lat"));
		c.lon += json_number_value(json_object_get(a, "lon"));
		n++;
	}
	if (n > 0) {
		c.lat /= n;
		c.lon /= n;
	}
	return c;
}

/* Builds day `date` of the week document wk. Workers keep their order in
 * wk.workers on every day (absent on days they do not work). */
static int plan_day_build(struct plan_day *d, const json_t *wk, int date,
			  const struct plan_travel_params *tp, const char *osrm_url,
			  char *travel_note, size_t note_cap)
{
	const json_t *workers = json_object_get(wk, "workers"), *visits = json_object_get(wk, "visits");
	size_t nw = json_array_size(workers), nv = 0, i;
	const json_t *r;
	char ds[DATE_ISO_LEN];
	struct plan_coord centre = week_centre(visits);
	memset(d, 0, sizeof(*d));
	d->date = date;
	date_format(date, ds);
	json_array_foreach(visits, i, r)
		if (!json_is_true(json_object_get(r, "skipped")) &&
		    !strcmp(json_string_value(json_object_get(r, "date")), ds))
			nv++;
	size_t nl = nw + nv;
	d->visits = calloc(nv ? nv : 1, sizeof(*d->visits));
	d->workers = calloc(nw ? nw : 1, sizeof(*d->workers));
	d->coords = calloc(nl ? nl : 1, sizeof(*d->coords));
	d->preferred = calloc(nv ? nv : 1, sizeof(*d->preferred));
	d->vrow = calloc(nv ? nv : 1, sizeof(*d->vrow));
	d->travel = calloc(PLAN_MODE_COUNT * (nl ? nl * nl : 1), sizeof(*d->travel));
	if (!d->visits || !d->workers || !d->coords || !d->preferred || !d->vrow || !d->travel)
		return ERR_NOMEM;

	json_array_foreach(workers, i, r) {
		struct plan_worker *w = &d->workers[i];
		const json_t *base = json_object_get(r, "base"), *day = NULL, *x;
		size_t k;
		d->coords[i] = json_is_object(base)
			? (struct plan_coord){json_number_value(json_object_get(base, "lat")),
					      json_number_value(json_object_get(base, "lon"))}
			: centre;
		w->start_loc = w->end_loc = (int)i;
		w->capacity = -1;
		w->skills = skills_of(json_object_get(r, "skills"));
		w->mode = !strcmp(json_string_value(json_object_get(r, "mode")), "foot") ? PLAN_MODE_FOOT : PLAN_MODE_CAR;
		json_array_foreach(json_object_get(r, "days"), k, x)
			if (!strcmp(json_string_value(json_object_get(x, "date")), ds))
				day = x;
		if (!day) {
			w->absent = 1;
			continue;
		}
		w->shift_start = minutes_of(day, "start");
		w->shift_end = minutes_of(day, "end");
		w->regular_end = w->shift_end;
		int bmin = (int)json_integer_value(json_object_get(day, "break_min"));
		if (bmin > 0) {
			int bf = minutes_of(day, "break_from"), bt = minutes_of(day, "break_to");
			w->break_start = bf >= 0 ? bf : w->shift_start;
			w->break_end = bt >= 0 ? bt : w->shift_end;
			w->break_duration = bmin;
		}
	}
	size_t k = 0;
	json_array_foreach(visits, i, r) {
		if (json_is_true(json_object_get(r, "skipped")) ||
		    strcmp(json_string_value(json_object_get(r, "date")), ds))
			continue;
		struct plan_visit *v = &d->visits[k];
		const json_t *a = json_object_get(r, "address");
		int ws = minutes_of(r, "window_start"), we = minutes_of(r, "window_end");
		int dur = (int)json_integer_value(json_object_get(r, "duration_min"));
		d->vrow[k] = r;
		if (json_is_object(a)) {
			struct plan_coord c = {json_number_value(json_object_get(a, "lat")),
					       json_number_value(json_object_get(a, "lon"))};
			d->coords[nw + k] = plan_coord_valid(c) ? c : centre;
			v->loc = plan_coord_valid(c) ? (int)(nw + k) : -1;
		} else {
			d->coords[nw + k] = centre;
			v->loc = -1;
		}
		v->ready = ws;
		v->due = we - dur;
		v->service = dur;
		v->skills = skills_of(json_object_get(r, "skills"));
		json_int_t pref = json_integer_value(json_object_get(r, "preferred_staff_id"));
		size_t w;
		const json_t *wr;
		json_array_foreach(workers, w, wr)
			if (pref && json_integer_value(json_object_get(wr, "staff_id")) == pref) {
				d->preferred[k] = (int)w;
				v->preferred = &d->preferred[k];
				v->n_preferred = 1;
				v->continuity = 1;
			}
		k++;
	}
	/* Places nobody goes to (a worker without a base when no visit has
	 * coordinates) still need a valid position for the matrix. */
	for (size_t l = 0; l < nl; l++)
		if (!plan_coord_valid(d->coords[l]))
			d->coords[l] = (struct plan_coord){54.6872, 25.2797};
	int rc = plan_travel_matrices(d->coords, (int)nl, tp, d->travel, NULL);
	if (rc)
		return ERR_INVALID;
	/* Road times when a routing server is configured; on any failure the
	 * straight-line times stay and the plan says why. */
	if (osrm_url && *osrm_url && nl > 1 && !travel_note[0]) {
		static const char *const profile[PLAN_MODE_COUNT] = {"driving", "foot"};
		char err[200];
		for (int m = 0; m < PLAN_MODE_COUNT; m++) {
			size_t off = (size_t)m * nl * nl;
			double *copy = malloc(nl * nl * sizeof(double));
			if (!copy)
				return ERR_NOMEM;
			memcpy(copy, d->travel + off, nl * nl * sizeof(double));
			if (osrm_table(osrm_url, profile[m], d->coords, (int)nl, copy, err, sizeof(err))) {
				snprintf(travel_note, note_cap, "%s; straight-line times used", err);
				log_warn("homecare: %s", travel_note);
				free(copy);
				break;
			}
			memcpy(d->travel + off, copy, nl * nl * sizeof(double));
			free(copy);
		}
	}
	d->pb = (struct plan_problem){
		.n_locs = (int)nl,
		.travel = d->travel,
		.n_modes = PLAN_MODE_COUNT,
		.n_visits = (int)nv,
		.visits = d->visits,
		.n_workers = (int)nw,
		.workers = d->workers,
	};
	return 0;
}

/* The stored form of visit vi of a day, not yet placed. */
static void planned_from(const struct plan_day *day, int vi, struct store_planned_visit *pv)
{
	const json_t *r = day->vrow[vi];
	*pv = (struct store_planned_visit){
		.date = day->date,
		.case_id = json_integer_value(json_object_get(r, "case_id")),
		.pattern_id = json_integer_value(json_object_get(r, "pattern_id")),
		.decision_service_id = json_integer_value(json_object_get(r, "decision_service_id")),
		.person_id = json_integer_value(json_object_get(json_object_get(r, "person"), "id")),
		.start_min = -1,
		.window_start = minutes_of(r, "window_start"),
		.window_end = minutes_of(r, "window_end"),
		.duration_min = (int)json_integer_value(json_object_get(r, "duration_min")),
	};
}

/* Writes a day's solution as the plan's visits of that date. */
static int store_day(struct db *db, int64_t plan_id, const struct plan_day *day,
		     const struct plan_solution *s, const json_t *workers)
{
	int rc = 0;
	for (int w = 0; !rc && w < s->n_workers; w++) {
		int64_t staff = json_integer_value(json_object_get(json_array_get(workers, (size_t)w), "staff_id"));
		for (int k = s->route_start[w]; !rc && k < s->route_start[w + 1]; k++) {
			int vi = s->route_visits[k];
			struct store_planned_visit pv;
			planned_from(day, vi, &pv);
			pv.staff_id = staff;
			pv.seq = k - s->route_start[w] + 1;
			pv.start_min = (int)llround(s->start_time[vi]);
			rc = store_homecare_planned_insert(db, plan_id, &pv);
		}
	}
	for (int k = 0; !rc && k < s->n_unplaced; k++) {
		struct store_planned_visit pv;
		planned_from(day, s->unplaced[k], &pv);
		pv.unplaced_reason = homecare_unplaced_key((int)s->reason[k]);
		rc = store_homecare_planned_insert(db, plan_id, &pv);
	}
	return rc;
}

/* Plans the week: builds the days, solves them, stores the draft. */
int homecare_plan_make(struct db *db, const struct homecare_actor *a,
		       int monday, int64_t department_id, double seconds,
		       uint64_t seed, const char *osrm_url,
		       struct field_errors *fe, int64_t *plan_id)
{
	char travel_note[240] = "";
	struct plan_day days[7];
	struct plan_solution sols[7];
	struct plan_problem pbs[7];
	struct plan_travel_params tp;
	struct plan_options opt;
	json_t *wk = NULL;
	int64_t ids[1];
	size_t n_persons;
	int rc, built = 0;

	memset(days, 0, sizeof(days));
	for (int d = 0; d < 7; d++)
		plan_solution_init(&sols[d]);
	if (!(seconds > 0 && seconds <= HOMECARE_PLAN_MAX_SECONDS))
		return fe_add(fe, "time_limit_s", "range");
	/* The week is read in its own read transaction, the solve runs with
	 * no transaction open, the result is written in one write
	 * transaction. */
	rc = db_tx_begin(db, DB_TX_READ);
	if (!rc) {
		rc = homecare_week(db, a->p, monday, department_id, fe, &wk, ids, 0, &n_persons);
		db_tx_rollback(db);
	}
	if (rc)
		return rc;
	department_id = json_integer_value(json_object_get(wk, "department_id"));
	if (!department_id) {
		json_decref(wk);
		return fe_add(fe, "department_id", "department.scope");
	}
	plan_travel_params_init(&tp);
	for (; built < 7; built++) {
		rc = plan_day_build(&days[built], wk, date_add_days(monday, built), &tp, osrm_url,
				    travel_note, sizeof(travel_note));
		if (rc)
			goto out;
		pbs[built] = days[built].pb;
	}
	plan_options_init(&opt);
	opt.objective = PLAN_OBJECTIVE_WEIGHTED;
	opt.time_limit = seconds;
	opt.seed = seed;
	int64_t t0 = time_mono_ns();
	rc = plan_week_solve(pbs, 7, &opt, sols);
	int64_t solve_ms = (time_mono_ns() - t0) / 1000000;
	if (rc) {
		log_error("homecare: planning failed: %s", plan_strerror(rc));
		rc = rc == PLAN_ERR_NOMEM ? ERR_NOMEM : ERR_INTERNAL;
		goto out;
	}

	/* Figures of the week. */
	struct plan_stats st;
	int visits = 0, placed = 0, with_pref = 0, to_pref = 0, by_reason[8] = {0};
	double travel = 0, overtime = 0;
	for (int d = 0; d < 7; d++) {
		if (plan_validate(&pbs[d], &sols[d], NULL) || plan_stats_compute(&pbs[d], &sols[d], &st)) {
			/* The planner's own promise broken: never store it. */
			log_error("homecare: the plan of day %d failed validation", d);
			rc = ERR_INTERNAL;
			goto out;
		}
		visits += st.visits;
		placed += st.placed;
		with_pref += st.with_preference;
		to_pref += st.to_preferred;
		travel += st.travel;
		overtime += st.overtime;
		for (int k = 0; k < 8; k++)
			by_reason[k] += st.unplaced_by_reason[k];
	}
	json_t *unplaced = json_object();
	for (int k = 1; k < 8; k++)
		if (by_reason[k])
			json_object_set_new(unplaced, homecare_unplaced_key(k), json_integer(by_reason[k]));
	json_t *stats = json_pack("{s:i,s:i,s:o,s:I,s:i,s:i,s:I,s:I,s:s,s:s?}", "visits", visits, "placed", placed,
				  "unplaced", unplaced, "travel_min", (json_int_t)llround(travel),
				  "with_preference", with_pref, "to_preferred", to_pref,
				  "overtime_min", (json_int_t)llround(overtime), "solve_ms", (json_int_t)solve_ms,
				  "travel_source", osrm_url && *osrm_url && !travel_note[0] ? "osrm" : "straight_line",
				  "travel_note", travel_note[0] ? travel_note : NULL);
	char *stats_text = json_dumps(stats, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(stats);
	if (!stats_text) {
		rc = ERR_NOMEM;
		goto out;
	}

	char now[TIMESTAMP_ISO_LEN];
	time_format_iso(time_now_ms(), now);
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (!rc)
		rc = store_homecare_plan_insert(db, department_id, json_string_value(json_object_get(wk, "week")),
						monday, (int64_t)seed, (int64_t)llround(seconds * 1000), solve_ms,
						stats_text, a->p->user_id, now, plan_id);
	free(stats_text);
	for (int d = 0; !rc && d < 7; d++)
		rc = store_day(db, *plan_id, &days[d], &sols[d], json_object_get(wk, "workers"));
	if (!rc)
		rc = homecare_audit_tx(db, a, "visit_plan.create", "department", department_id);
	rc = db_tx_finish(db, rc);
out:
	for (int d = 0; d < built && d < 7; d++)
		plan_day_free(&days[d]);
	if (built < 7)
		plan_day_free(&days[built]);
	for (int d = 0; d < 7; d++)
		plan_solution_release(&sols[d]);
	json_decref(wk);
	return rc;
}

/* ---- reading and announcing plans ---- */

static int dept_visible(const struct principal *p, int64_t dept)
{
	enum scope_kind k = access_person_scope(p);
	return k == SCOPE_ALL || (k == SCOPE_DEPARTMENT && dept == p->department_id);
}

static void visit_times(json_t *v)
{
	json_t *s = json_object_get(v, "start_min");
	json_object_set_new(v, "start", json_is_integer(s) ? hhmm_json((int)json_integer_value(s)) : json_null());
	json_object_set_new(v, "window_start", hhmm_json((int)json_integer_value(json_object_get(v, "window_start"))));
	json_object_set_new(v, "window_end", hhmm_json((int)json_integer_value(json_object_get(v, "window_end"))));
	json_object_del(v, "start_min");
}

int homecare_plan_get(struct db *db, const struct principal *p,
		      int64_t plan_id, json_t **out)
{
	json_t *row = NULL, *visits = NULL, *v;
	size_t i;
	int rc = store_homecare_plan_row(db, plan_id, &row);
	if (rc)
		return rc;
	if (!dept_visible(p, json_integer_value(json_object_get(row, "department_id")))) {
		json_decref(row);
		return ERR_NOT_FOUND;
	}
	rc = store_homecare_plan_visits(db, plan_id, 0, 0, &visits);
	if (rc) {
		json_decref(row);
		return rc;
	}
	json_t *stats = json_loads(json_string_value(json_object_get(row, "stats")), 0, NULL);
	json_object_set_new(row, "stats", stats ? stats : json_object());
	json_array_foreach(visits, i, v)
		visit_times(v);
	json_object_set_new(row, "visits", visits);
	*out = row;
	return 0;
}

int homecare_plan_list(struct db *db, const struct principal *p,
		       int64_t department_id, int monday,
		       struct field_errors *fe, json_t **out)
{
	switch (access_person_scope(p)) {
	case SCOPE_DEPARTMENT:
		if (department_id && department_id != p->department_id)
			return fe_add(fe, "department_id", "department.scope");
		department_id = p->department_id;
		break;
	case SCOPE_ALL:
		if (!department_id)
			return fe_add(fe, "department_id", "required");
		break;
	default:
		*out = json_array();
		return *out ? 0 : ERR_NOMEM;
	}
	return store_homecare_plans(db, department_id, monday, out);
}

int homecare_plan_announce(struct db *db, const struct homecare_actor *a,
			   int64_t plan_id, int64_t expected)
{
	json_t *row = NULL;
	char now[TIMESTAMP_ISO_LEN];
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_homecare_plan_row(db, plan_id, &row);
	if (!rc && !dept_visible(a->p, json_integer_value(json_object_get(row, "department_id"))))
		rc = ERR_NOT_FOUND;
	if (!rc && strcmp(json_string_value(json_object_get(row, "status")), "draft"))
		rc = ERR_CONFLICT;
	if (!rc) {
		time_format_iso(time_now_ms(), now);
		rc = store_homecare_plan_announce(db, plan_id, expected, now);
	}
	if (!rc)
		rc = homecare_audit_tx(db, a, "visit_plan.announce", "department",
				       json_integer_value(json_object_get(row, "department_id")));
	json_decref(row);
	return db_tx_finish(db, rc);
}

int homecare_day_sheet(struct db *db, const struct principal *p,
		       int64_t staff_id, int date, json_t **out)
{
	json_t *staff = NULL, *visits = NULL, *v;
	int64_t plan_id;
	size_t i;
	char ds[DATE_ISO_LEN];
	int rc = org_get(db, ORG_STAFF, staff_id, &staff);
	if (rc)
		return rc;
	if (!dept_visible(p, json_integer_value(json_object_get(staff, "department_id")))) {
		json_decref(staff);
		return ERR_NOT_FOUND;
	}
	rc = store_homecare_plan_announced(db, json_integer_value(json_object_get(staff, "department_id")), date, &plan_id);
	if (rc == ERR_NOT_FOUND)
		rc = ERR_CONFLICT;
	if (!rc)
		rc = store_homecare_plan_visits(db, plan_id, date, staff_id, &visits);
	if (rc) {
		json_decref(staff);
		return rc;
	}
	json_array_foreach(visits, i, v) {
		json_t *addrs = NULL, *best = NULL, *a;
		size_t k;
		visit_times(v);
		if (store_person_addresses(db, json_integer_value(json_object_get(v, "person_id")), &addrs) == 0) {
			json_array_foreach(addrs, k, a)
				if (!best || !strcmp(json_string_value(json_object_get(a, "kind")), "residence"))
					best = a;
			json_object_set(v, "address", best ? best : json_null());
			json_decref(addrs);
		}
	}
	date_format(date, ds);
	*out = json_pack("{s:s,s:I,s:{s:O,s:O,s:O,s:O},s:o}", "date", ds, "plan_id", (json_int_t)plan_id,
			 "staff", "id", json_object_get(staff, "id"), "given_names", json_object_get(staff, "given_names"),
			 "family_name", json_object_get(staff, "family_name"), "position", json_object_get(staff, "position"),
			 "visits", visits);
	json_decref(staff);
	return *out ? 0 : ERR_NOMEM;
}

/* ---- re-planning a day ---- */

int homecare_plan_replan(struct db *db, const struct homecare_actor *a,
			 int64_t plan_id, int64_t expected, int date,
			 const int64_t *absent, size_t n_absent, double seconds,
			 const char *osrm_url, struct field_errors *fe,
			 const char **conflict_key,
			 struct homecare_replan_result *res)
{
	struct plan_day day;
	struct plan_solution announced, now_sol;
	struct plan_travel_params tp;
	struct plan_options opt;
	json_t *row = NULL, *old = NULL, *wk = NULL;
	int64_t ids[1];
	size_t n_persons;
	int *route = NULL, *starts = NULL;
	int rc;

	memset(&day, 0, sizeof(day));
	memset(res, 0, sizeof(*res));
	plan_solution_init(&announced);
	plan_solution_init(&now_sol);
	if (!(seconds > 0 && seconds <= HOMECARE_PLAN_MAX_SECONDS))
		return fe_add(fe, "time_limit_s", "range");

	/* What the day is now, read in one snapshot. */
	rc = db_tx_begin(db, DB_TX_READ);
	if (rc)
		return rc;
	rc = store_homecare_plan_row(db, plan_id, &row);
	if (!rc && !dept_visible(a->p, json_integer_value(json_object_get(row, "department_id"))))
		rc = ERR_NOT_FOUND;
	int monday = row ? jdate_of(row, "monday") : 0;
	if (!rc && json_integer_value(json_object_get(row, "version")) != expected)
		rc = ERR_PRECONDITION;
	if (!rc && (strcmp(json_string_value(json_object_get(row, "status")), "withdrawn") == 0)) {
		*conflict_key = "plan.withdrawn";
		rc = ERR_CONFLICT;
	}
	if (!rc && (date < monday || date > date_add_days(monday, 6)))
		rc = fe_add(fe, "date", "plan.date_outside");
	if (!rc)
		rc = store_homecare_plan_visits(db, plan_id, date, 0, &old);
	if (!rc)
		rc = homecare_week(db, a->p, monday, json_integer_value(json_object_get(row, "department_id")),
				   fe, &wk, ids, 0, &n_persons);
	db_tx_rollback(db);
	if (rc)
		goto out;
	plan_travel_params_init(&tp);
	if ((rc = plan_day_build(&day, wk, date, &tp, osrm_url, res->travel_note, sizeof(res->travel_note))))
		goto out;

	/* The ill workers take nothing today. */
	const json_t *workers = json_object_get(wk, "workers");
	for (size_t i = 0; i < n_absent; i++) {
		int found = 0;
		for (int w = 0; w < day.pb.n_workers; w++)
			if (json_integer_value(json_object_get(json_array_get(workers, (size_t)w), "staff_id")) == absent[i]) {
				day.workers[w].absent = 1;
				found = 1;
			}
		if (!found) {
			rc = fe_add(fe, "absent_staff_ids", "staff.not_found");
			goto out;
		}
	}

	/* The announced day as the planner's starting solution: each stored
	 * visit matched to today's problem by its pattern. */
	int nv = day.pb.n_visits, nw = day.pb.n_workers;
	route = malloc((size_t)(nv > 0 ? nv : 1) * sizeof(int));
	starts = malloc((size_t)(nw + 1) * sizeof(int));
	double *start_time = malloc((size_t)(nv > 0 ? nv : 1) * sizeof(double));
	announced.start_time = start_time;
	if (!route || !starts || !start_time) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (int v = 0; v < nv; v++)
		start_time[v] = -1;
	int k = 0;
	for (int w = 0; w < nw; w++) {
		starts[w] = k;
		int64_t staff = json_integer_value(json_object_get(json_array_get(workers, (size_t)w), "staff_id"));
		size_t i;
		const json_t *o;
		json_array_foreach(old, i, o) { /* in seq order per worker */
			if (json_integer_value(json_object_get(o, "staff_id")) != staff)
				continue;
			int64_t pat = json_integer_value(json_object_get(o, "pattern_id"));
			for (int v = 0; v < nv; v++)
				if (json_integer_value(json_object_get(day.vrow[v], "pattern_id")) == pat && start_time[v] < 0) {
					route[k++] = v;
					start_time[v] = (double)json_integer_value(json_object_get(o, "start_min"));
					break;
				}
		}
	}
	starts[nw] = k;
	announced.n_workers = nw;
	announced.n_visits = nv;
	announced.route_start = starts;
	announced.route_visits = route;
	res->announced = k;

	plan_options_init(&opt);
	opt.objective = PLAN_OBJECTIVE_WEIGHTED;
	opt.time_limit = seconds;
	opt.seed = (uint64_t)json_integer_value(json_object_get(row, "seed"));
	int64_t t0 = time_mono_ns();
	rc = plan_replan_day(&day.pb, &announced, &opt, &now_sol);
	res->solve_ms = (time_mono_ns() - t0) / 1000000;
	if (rc) {
		log_error("homecare: re-planning failed: %s", plan_strerror(rc));
		rc = rc == PLAN_ERR_NOMEM ? ERR_NOMEM : ERR_INTERNAL;
		goto out;
	}
	if (plan_validate(&day.pb, &now_sol, NULL)) {
		log_error("homecare: the re-plan failed validation");
		rc = ERR_INTERNAL;
		goto out;
	}
	int kept = 0, ann = 0;
	plan_compare(&announced, &now_sol, HOMECARE_REPLAN_SLACK_MIN, &kept, &ann);
	res->kept = kept;
	res->announced = ann;
	res->unplaced = now_sol.n_unplaced;
	res->placed = nv - now_sol.n_unplaced;

	char now[TIMESTAMP_ISO_LEN];
	int64_t started = 0;
	time_format_iso(time_now_ms(), now);
	if ((rc = db_tx_begin(db, DB_TX_WRITE)))
		goto out;
	rc = store_history_add(db, "visit_plan", plan_id, expected, a->p->user_id, "replan", old);
	if (!rc)
		rc = store_homecare_plan_day_clear(db, plan_id, date, now, &started);
	if (!rc && started) {
		*conflict_key = "plan.day_started";
		rc = ERR_CONFLICT;
	}
	if (!rc)
		rc = store_day(db, plan_id, &day, &now_sol, workers);
	if (!rc)
		rc = homecare_audit_tx(db, a, "visit_plan.replan", "department",
				       json_integer_value(json_object_get(row, "department_id")));
	rc = db_tx_finish(db, rc);
out:
	/* announced borrows route, starts and start_time: freed here. */
	free(route);
	free(starts);
	free(announced.start_time);
	plan_solution_release(&now_sol);
	plan_day_free(&day);
	json_decref(row);
	json_decref(old);
	json_decref(wk);
	return rc;
}

/* ---- visits on the day ---- */

int64_t homecare_units_by_clock(int64_t in_ms, int64_t out_ms)
{
	int64_t minutes = (out_ms - in_ms) / 60000;
	int64_t quarters = (minutes + 7) / 15; /* nearest quarter hour */
	if (quarters < 1)
		quarters = 1;
	return quarters * 25;
}

/* The visit for a write on the day: visible (its department and the
 * case), of an announced plan. The caller's transaction is open. */
static int visit_for_write(struct db *db, const struct homecare_actor *a, int64_t id,
			   int64_t expected, json_t **row, const char **conflict_key)
{
	struct case_view cv;
	int rc = store_homecare_visit(db, id, row);
	if (rc)
		return rc;
	if (!dept_visible(a->p, json_integer_value(json_object_get(*row, "department_id"))) ||
	    case_view_for(db, a->p, json_integer_value(json_object_get(*row, "case_id")), &cv) || !cv.full)
		return ERR_NOT_FOUND;
	if (json_integer_value(json_object_get(*row, "version")) != expected)
		return ERR_PRECONDITION;
	if (strcmp(json_string_value(json_object_get(*row, "plan_status")), "announced")) {
		*conflict_key = "visit.not_announced";
		return ERR_CONFLICT;
	}
	return 0;
}

static int visit_state_is(const json_t *row, const char *status, const char **conflict_key)
{
	if (strcmp(json_string_value(json_object_get(row, "status")), status)) {
		*conflict_key = "visit.state";
		return ERR_CONFLICT;
	}
	return 0;
}

static int visit_finish(struct db *db, const struct homecare_actor *a, json_t *row,
			const char *action, int rc)
{
	if (!rc)
		rc = homecare_audit_tx(db, a, action, "case", json_integer_value(json_object_get(row, "case_id")));
	json_decref(row);
	return db_tx_finish(db, rc);
}

int homecare_visit_check_in(struct db *db, const struct homecare_actor *a,
			    int64_t id, int64_t expected, int64_t at_ms,
			    const char **conflict_key)
{
	json_t *row = NULL;
	char at[TIMESTAMP_ISO_LEN];
	if (!at_ms)
		at_ms = time_now_ms();
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = visit_for_write(db, a, id, expected, &row, conflict_key);
	if (!rc)
		rc = visit_state_is(row, "planned", conflict_key);
	if (!rc && date_local_of(at_ms) != jdate_of(row, "visit_date")) {
		*conflict_key = "visit.other_day";
		rc = ERR_CONFLICT;
	}
	if (!rc) {
		time_format_iso(at_ms, at);
		rc = store_homecare_visit_set(db, id, expected, "checked_in", "check_in_at", at, 0, NULL);
	}
	return visit_finish(db, a, row, "visit.check_in", rc);
}

int homecare_visit_check_out(struct db *db, const struct homecare_actor *a,
			     int64_t id, int64_t expected, int64_t at_ms,
			     int64_t units_x100, const char *note,
			     struct field_errors *fe, const char **conflict_key,
			     int64_t *delivery_id)
{
	json_t *row = NULL;
	char at[TIMESTAMP_ISO_LEN];
	int64_t in_ms = 0;
	if (!at_ms)
		at_ms = time_now_ms();
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = visit_for_write(db, a, id, expected, &row, conflict_key);
	if (!rc)
		rc = visit_state_is(row, "checked_in", conflict_key);
	if (!rc && (time_parse_iso(json_string_value(json_object_get(row, "check_in_at")), &in_ms) || at_ms <= in_ms)) {
		*conflict_key = "visit.before_check_in";
		rc = ERR_CONFLICT;
	}
	if (!rc) {
		if (!units_x100)
			units_x100 = !strcmp(json_string_value(json_object_get(row, "unit")), "hour")
				? homecare_units_by_clock(in_ms, at_ms) : 100;
		struct delivery_actor da = {.p = a->p, .who = a->who, .audit_key = a->audit_key};
		struct delivery_input in = {
			.case_id = json_integer_value(json_object_get(row, "case_id")),
			.decision_service_id = json_integer_value(json_object_get(row, "decision_service_id")),
			.delivered_on = jdate_of(row, "visit_date"),
			.staff_id = json_integer_value(json_object_get(row, "staff_id")),
			.units_x100 = units_x100,
			.note = note,
		};
		struct delivery_outcome out;
		rc = delivery_create_tx(db, &da, &in, date_today(), fe, conflict_key, &out);
		if (!rc) {
			*delivery_id = out.id;
			time_format_iso(at_ms, at);
			rc = store_homecare_visit_set(db, id, expected, "done", "check_out_at", at, out.id, note);
		}
	}
	return visit_finish(db, a, row, "visit.check_out", rc);
}

int homecare_visit_missed(struct db *db, const struct homecare_actor *a,
			  int64_t id, int64_t expected, const char *note,
			  const char **conflict_key)
{
	json_t *row = NULL;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = visit_for_write(db, a, id, expected, &row, conflict_key);
	if (!rc)
		rc = visit_state_is(row, "planned", conflict_key);
	if (!rc)
		rc = store_homecare_visit_set(db, id, expected, "missed", NULL, NULL, 0, note);
	return visit_finish(db, a, row, "visit.missed", rc);
}

int homecare_visit_get(struct db *db, const struct principal *p, int64_t id,
		       json_t **out)
{
	json_t *row = NULL;
	struct case_view cv;
	int rc = store_homecare_visit(db, id, &row);
	if (rc)
		return rc;
	if (!dept_visible(p, json_integer_value(json_object_get(row, "department_id"))) ||
	    case_view_for(db, p, json_integer_value(json_object_get(row, "case_id")), &cv)) {
		json_decref(row);
		return ERR_NOT_FOUND;
	}
	*out = row;
	return 0;
}
