/*
 * store_homecare.h - the SQL of home care (domain/homecare.c): rosters,
 * mobility and absences of workers; visit patterns and exceptions of
 * cases. Runs on the caller's connection and transaction.
 */
#ifndef PAGALBA_DB_STORE_HOMECARE_H
#define PAGALBA_DB_STORE_HOMECARE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct homecare_roster_day;

/* 0, or ERR_NOT_FOUND when there is no such staff member. */
int store_homecare_staff_exists(struct db *db, int64_t staff_id);
/* [{weekday, start, end, break_from, break_to, break_min}] by weekday;
 * times as "HH:MM". */
int store_homecare_roster(struct db *db, int64_t staff_id, json_t **out);
/* {mode, base_lat, base_lon, base_label, version} or NULL when unset. */
int store_homecare_mobility(struct db *db, int64_t staff_id, json_t **out);
/* Absences ending on or after `from` (yyyymmdd), by date. */
int store_homecare_absences(struct db *db, int64_t staff_id, int from,
			    json_t **out);
int store_homecare_roster_replace(struct db *db, int64_t staff_id,
				  const struct homecare_roster_day *d, size_t n);
int store_homecare_mobility_put(struct db *db, int64_t staff_id,
				const char *mode, int has_base, int64_t lat_e6,
				int64_t lon_e6, const char *label,
				const char *now);
int store_homecare_absence_insert(struct db *db, int64_t staff_id, int from,
				  int to, const char *kind, int64_t by,
				  const char *now, int64_t *id);
/* ERR_NOT_FOUND when the absence is not that staff member's. */
int store_homecare_absence_delete(struct db *db, int64_t staff_id,
				  int64_t absence_id);

#endif

/* ---- visit patterns ---- */

struct homecare_pattern;
struct homecare_decided;

/* The decided service a pattern would follow, if it belongs to the case:
 * its unit (catalogue), period, amount, dates and the catalogue's visits
 * limit. ERR_NOT_FOUND when it is not that case's. The strings point
 * into buffers the caller gives (unit, period: 16 bytes each). */
int store_homecare_decided(struct db *db, int64_t case_id,
			   int64_t decision_service_id,
			   struct homecare_decided *d, char unit[16],
			   char period[16]);
/* A pattern row: its case and version (for If-Match). */
int store_homecare_pattern_case(struct db *db, int64_t pattern_id,
				int64_t *case_id, int64_t *version);
/* Writes a pattern: a new one (p->id 0, *id set) or the one with p->id at
 * version `expected` (ERR_PRECONDITION otherwise). skills is a comma
 * list; preferred 0 = none; notes may be NULL. */
int store_homecare_pattern_write(struct db *db,
				 const struct homecare_pattern *p,
				 const char *skills, int64_t preferred,
				 const char *notes, int64_t by, const char *now,
				 int64_t expected, int64_t *id);
/* Ends a pattern the day before `today`, or removes it when it starts
 * on or after today. */
int store_homecare_pattern_end(struct db *db, int64_t pattern_id, int today,
			       const char *now);
/* The case's patterns (current and future first) and its exceptions. */
int store_homecare_case_patterns(struct db *db, int64_t case_id,
				 json_t **patterns, json_t **exceptions);
int store_homecare_exception_insert(struct db *db, int64_t case_id, int from,
				    int to, const char *kind,
				    const char *note, int64_t by,
				    const char *now, int64_t *id);
int store_homecare_exception_delete(struct db *db, int64_t case_id,
				    int64_t exception_id);

/* ---- a week's visits (the planner's input) ---- */

/* Patterns in force some day from..to (yyyymmdd) on active cases of the
 * department, with the case's person and service: rows {id, case_id,
 * decision_service_id, weekdays, visits_per_week, window_start,
 * window_end, duration_min, skills, preferred_staff_id, valid_from,
 * valid_to, person_id, given_names, family_name, service_code}. */
int store_homecare_week_patterns(struct db *db, int64_t department_id,
				 int from, int to, json_t **out);
/* Exceptions overlapping from..to of the department's cases:
 * {case_id, date_from, date_to, kind}. */
int store_homecare_week_exceptions(struct db *db, int64_t department_id,
				   int from, int to, json_t **out);
/* Addresses with coordinates in force during from..to of the persons with
 * active cases in the department: {person_id, kind, line, city, lat,
 * lon}, the preferred kind first (temporary, residence, declared,
 * postal). */
int store_homecare_week_addresses(struct db *db, int64_t department_id,
				  int from, int to, json_t **out);
/* Active cases of the department with a decided home service (unit hour
 * or visit) running during from..to and no pattern in force then:
 * {case_id, person_id, given_names, family_name, service_code}. */
int store_homecare_week_unpatterned(struct db *db, int64_t department_id,
				    int from, int to, json_t **out);
/* Active staff of the department with their roster and mobility:
 * {staff_id, given_names, family_name, skills, weekday, start_min,
 * end_min, break_from, break_to, break_min, mode, base_lat, base_lon},
 * one row per roster day (staff without a roster: one row, weekday
 * null); and their absences overlapping from..to. */
int store_homecare_week_staff(struct db *db, int64_t department_id,
			      json_t **rows);
int store_homecare_week_absences(struct db *db, int64_t department_id,
				 int from, int to, json_t **out);

/* ---- plans ---- */

struct store_planned_visit {
	int date;               /* yyyymmdd */
	int64_t case_id, pattern_id, decision_service_id, person_id;
	int64_t staff_id;       /* 0 = unplaced */
	int seq;                /* order in the worker's day, from 1 */
	int start_min;          /* -1 when unplaced */
	int window_start, window_end, duration_min;
	const char *unplaced_reason; /* NULL when placed */
};

int store_homecare_plan_insert(struct db *db, int64_t department_id,
			       const char *week, int monday, int64_t seed,
			       int64_t time_limit_ms, int64_t solve_ms,
			       const char *stats_json, int64_t by,
			       const char *now, int64_t *id);
int store_homecare_planned_insert(struct db *db, int64_t plan_id,
				  const struct store_planned_visit *v);
/* The plan row: {id, department_id, week, monday, status, seed,
 * time_limit_ms, solve_ms, stats (JSON text), created_by, created_at,
 * announced_at, version}. */
int store_homecare_plan_row(struct db *db, int64_t plan_id, json_t **out);
/* Its visits in date, worker, order: {id, visit_date, case_id,
 * pattern_id, decision_service_id, person_id, given_names, family_name,
 * staff_id, seq, start_min, window_start, window_end, duration_min,
 * unplaced_reason, status, check_in_at, check_out_at, delivery_id,
 * version}; date 0 = every day, staff_id 0 = every worker. */
int store_homecare_plan_visits(struct db *db, int64_t plan_id, int date,
			       int64_t staff_id, json_t **out);
/* Plans of a department, newest first: {id, week, monday, status,
 * created_at, announced_at, version}. */
int store_homecare_plans(struct db *db, int64_t department_id, int monday,
			 json_t **out);
/* Announces plan_id at version `expected` (ERR_PRECONDITION otherwise)
 * and withdraws the department's other announced plan of that week. */
int store_homecare_plan_announce(struct db *db, int64_t plan_id,
				 int64_t expected, const char *now);
/* The announced plan covering a date for a department, or ERR_NOT_FOUND. */
int store_homecare_plan_announced(struct db *db, int64_t department_id,
				  int date, int64_t *plan_id);
/* Removes a plan's visits of one date (before a re-plan writes them
 * again) and bumps the plan's version; *n_started counts the visits of
 * that date already checked in or done (then nothing is removed). */
int store_homecare_plan_day_clear(struct db *db, int64_t plan_id, int date,
				  const char *now, int64_t *n_started);

/* ---- visits on the day ---- */

/* One planned visit with its plan's department and status and the
 * decided service's unit: {id, plan_id, department_id, plan_status,
 * visit_date, case_id, decision_service_id, staff_id, status,
 * check_in_at, check_out_at, delivery_id, duration_min, unit, version}. */
int store_homecare_visit(struct db *db, int64_t id, json_t **out);
/* Moves a visit at version `expected` to status, setting the column
 * given (check_in_at or check_out_at: at; NULL for none), the delivery
 * (0 = keep) and the note (NULL = keep). ERR_PRECONDITION when stale. */
int store_homecare_visit_set(struct db *db, int64_t id, int64_t expected,
			     const char *status, const char *column,
			     const char *at, int64_t delivery_id,
			     const char *note);
