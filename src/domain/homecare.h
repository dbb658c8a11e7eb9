/*
 * homecare.h - home help and integrated help: how a decided service turns
 * into visits (visit patterns), when the workers work (rosters, absences),
 * and which visits a week needs (the planner's input).
 *
 * The pure rules come first (no database; tests/unit/test_homecare.c):
 * ISO weeks, pattern checks against the decision and the catalogue, and
 * expanding a week's patterns into dated visits with their windows. The
 * database functions after them follow domain/org.c: every write in its
 * own transaction with its audit entry, versioned rows behind If-Match.
 *
 * Times of day are minutes from midnight, local time; weekdays 1 = Monday
 * .. 7 = Sunday; a pattern's weekdays are a bitmask (bit 0 = Monday).
 */
#ifndef PAGALBA_DOMAIN_HOMECARE_H
#define PAGALBA_DOMAIN_HOMECARE_H

#include "core/fielderr.h"
#include "domain/access.h"
#include "domain/audit.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

#define HOMECARE_MAX_VISITS_WEEK 7
#define HOMECARE_MAX_DURATION 720 /* minutes */

/* ---- ISO weeks ---- */

/* "2026-W48" -> the Monday of that ISO week (yyyymmdd). 0 or
 * ERR_INVALID (week 01..53 that exists in that year). */
int homecare_week_parse(const char *s, int *monday);
/* The ISO week of a date as "YYYY-Www" (9 bytes with the NUL). */
void homecare_week_format(int date, char out[9]);

/* ---- patterns ---- */

struct homecare_pattern {
	int64_t id;
	int64_t case_id;
	int64_t decision_service_id;
	unsigned weekdays;     /* bitmask, 0 for a number of visits a week */
	int visits_per_week;   /* 1..7 when weekdays is 0, else 0 */
	int window_start;      /* minutes */
	int window_end;
	int duration;          /* minutes */
	int valid_from;        /* yyyymmdd */
	int valid_to;          /* yyyymmdd, 0 = open */
};

/* What a pattern is checked against: the decided amount and the
 * catalogue's limits for the service. */
struct homecare_decided {
	const char *unit;      /* catalogue unit: "hour", "visit"... */
	const char *period;    /* decided period: "week", "month", "stay" */
	int64_t amount_x100;   /* decided amount in hundredths of the unit */
	int max_visits_week;   /* catalogue limit, 0 = none */
	int start_on;          /* the decided service's dates, yyyymmdd */
	int end_on;            /* 0 = open */
};

/* Visits a week of a pattern: the weekdays set, or visits_per_week. */
int homecare_pattern_visits(const struct homecare_pattern *p);

/*
 * Checks one pattern alone and against the decision: weekdays or a number
 * of visits (not both, not neither), a window that fits the duration,
 * dates inside the decided service's, at most max_visits_week visits, and
 * for services decided in hours a week at most the decided hours. Field
 * errors name the body fields ("weekdays", "window_end", "duration_min",
 * "valid_from"...) with message keys "pattern.*". Returns 0 or
 * ERR_INVALID.
 */
int homecare_pattern_check(const struct homecare_pattern *p,
			   const struct homecare_decided *d,
			   struct field_errors *fe);

/* The days of the week a pattern with visits_per_week = n uses when the
 * plan may choose: spread over Monday..Friday first (1: Wednesday; 2:
 * Tuesday, Thursday; 3: Monday, Wednesday, Friday; 4: all but Wednesday;
 * 5: Monday..Friday), then Saturday and Sunday. A bitmask. */
unsigned homecare_spread_days(int n);

/* A date range with no visits of a case. */
struct homecare_exception {
	int64_t case_id;
	int date_from;
	int date_to;
};

/* One visit a week needs. skipped = 1 when an exception took it out (it
 * is reported, not planned). */
struct homecare_visit {
	int64_t pattern_id;
	int64_t case_id;
	int date;          /* yyyymmdd */
	int window_start;  /* minutes */
	int window_end;
	int duration;
	int skipped;
};

/*
 * The visits of the ISO week starting on monday for the patterns given,
 * in pattern order then date order: a visit on each day of the pattern's
 * days (homecare_spread_days for a number a week) that lies within the
 * pattern's dates; a day inside one of the case's exceptions gives a
 * visit with skipped = 1. Writes at most cap visits and the number there
 * would be into *n (so a caller can size a second call). Returns 0, or
 * ERR_TOO_LARGE when cap was short.
 */
int homecare_expand_week(const struct homecare_pattern *p, size_t n_patterns,
			 const struct homecare_exception *ex, size_t n_ex,
			 int monday, struct homecare_visit *out, size_t cap,
			 size_t *n);

/* ---- rosters ---- */

struct homecare_roster_day {
	int weekday;     /* 1..7 */
	int start;       /* minutes */
	int end;
	int break_from;  /* -1 = no break window */
	int break_to;
	int break_min;   /* 0 = no break */
};

/* Checks a week's roster (at most one row a weekday; start < end; a break
 * inside the working hours and its window long enough). Field errors as
 * "days.<i>.<field>". Returns 0 or ERR_INVALID. */
int homecare_roster_check(const struct homecare_roster_day *d, size_t n,
			  struct field_errors *fe);

/* Minutes "HH:MM" <-> minutes from midnight (00:00..24:00). parse: 0 or
 * ERR_INVALID. */
int homecare_time_parse(const char *s, int *minutes);
void homecare_time_format(int minutes, char out[6]);

/* ---- database ---- */

struct homecare_actor {
	const struct principal *p;
	const struct audit_entry *who;
	const unsigned char *audit_key;
};

/* A worker's roster, mobility and absences from `from` on:
 * {"staff_id", "days":[{weekday,start,end,break_from,break_to,break_min}],
 *  "mobility":{mode, base_lat, base_lon, base_label, version}|null,
 *  "absences":[{id,date_from,date_to,kind}]}. ERR_NOT_FOUND if there is
 * no such staff member. */
int homecare_roster_get(struct db *db, int64_t staff_id, int from,
			json_t **out);
/* Replaces the week's roster of a staff member (the days given; days not
 * given are days off). Audited as "roster.replace" of "staff". */
int homecare_roster_put(struct db *db, const struct homecare_actor *a,
			int64_t staff_id, const struct homecare_roster_day *d,
			size_t n, struct field_errors *fe);
/* Sets how the worker travels and where the day starts: mode car, foot
 * or public; base coordinates both or neither (micro-degrees). */
int homecare_mobility_put(struct db *db, const struct homecare_actor *a,
			  int64_t staff_id, const char *mode, int has_base,
			  int64_t lat_e6, int64_t lon_e6, const char *label,
			  struct field_errors *fe);
/* Adds an absence (kind sick, holiday, training, other; from <= to) or
 * removes one. */
int homecare_absence_add(struct db *db, const struct homecare_actor *a,
			 int64_t staff_id, int from, int to, const char *kind,
			 struct field_errors *fe, int64_t *id);
int homecare_absence_delete(struct db *db, const struct homecare_actor *a,
			    int64_t staff_id, int64_t absence_id);

/* ---- a week's visits ---- */

#define HOMECARE_WEEK_MAX_VISITS 20000
#define HOMECARE_WEEK_MAX_PERSONS 2000

/*
 * What the week starting on monday needs of the department's home care:
 * every visit its active cases' patterns ask for (skipped ones marked),
 * each with the person, the service, the window, the skills, the
 * preferred worker and the address it happens at; the department's
 * workers with their working days that week (absences taken out); and
 * the problems a head must solve before planning: a person without an
 * address with coordinates, a decided home service without a pattern, a
 * visit needing skills no worker has. Heads and social workers see their
 * own department (department_id 0 or theirs); the director names one;
 * anyone else gets an empty week. The persons listed are written to
 * person_ids (up to cap; *n_persons counts them all) for the audit.
 * ERR_INVALID with a field error for a director's missing department or
 * another department; ERR_TOO_LARGE beyond HOMECARE_WEEK_MAX_VISITS.
 */
int homecare_week(struct db *db, const struct principal *p, int monday,
		  int64_t department_id, struct field_errors *fe,
		  json_t **out, int64_t *person_ids, size_t cap,
		  size_t *n_persons);

/* ---- planning a week ---- */

#define HOMECARE_PLAN_MAX_SECONDS 120.0

/*
 * Plans the week starting on monday for the department (scope as
 * homecare_week) with the planner (src/plan): one problem a day, the
 * department's workers on every day (absent where they do not work),
 * travel times from coordinates (straight line x detour / speed of the
 * worker's mode; workers without a base start from the mean position of
 * the week's visits; road times from an OSRM-compatible server when
 * osrm_url is set, falling back to straight lines with the reason in the
 * plan's figures), the weighted objective (travel, continuity with
 * the preferred worker, overtime, balance), `seconds` of search for the
 * whole week, deterministic for the seed. Every day's answer is checked
 * by the independent validator before it is stored. Stores a draft plan
 * with every visit placed (worker, order, start) or unplaced with the
 * planner's reason, and its figures; *plan_id. Runs no transaction while
 * it searches (call it off the I/O threads).
 */
int homecare_plan_make(struct db *db, const struct homecare_actor *a,
		       int monday, int64_t department_id, double seconds,
		       uint64_t seed, const char *osrm_url,
		       struct field_errors *fe, int64_t *plan_id);
/* A plan the caller may see (the director any; heads and social workers
 * their department's; else ERR_NOT_FOUND): the row with its figures and
 * every visit (date, person, worker, seq, start "HH:MM" or null, window,
 * duration, unplaced_reason, status). */
int homecare_plan_get(struct db *db, const struct principal *p,
		      int64_t plan_id, json_t **out);
/* Plans of a department (scope as homecare_week; monday 0 = any week),
 * newest first. */
int homecare_plan_list(struct db *db, const struct principal *p,
		       int64_t department_id, int monday,
		       struct field_errors *fe, json_t **out);
/* Announces a draft at version `expected` (ERR_CONFLICT when it is not a
 * draft, ERR_PRECONDITION when stale); the week's earlier announced plan
 * is withdrawn. */
int homecare_plan_announce(struct db *db, const struct homecare_actor *a,
			   int64_t plan_id, int64_t expected);
/* A worker's visits on a date from the department's announced plan, in
 * order, with the address: {date, plan_id, staff:{...}, visits:[...]}.
 * ERR_NOT_FOUND for a worker the caller may not see, ERR_CONFLICT when
 * no plan is announced for that date. */
int homecare_day_sheet(struct db *db, const struct principal *p,
		       int64_t staff_id, int date, json_t **out);
/* What a re-plan kept: visits announced with a worker, and how many of
 * them keep that worker and a start within HOMECARE_REPLAN_SLACK_MIN. */
#define HOMECARE_REPLAN_SLACK_MIN 30
struct homecare_replan_result {
	int announced;
	int kept;
	int placed;
	int unplaced;
	int64_t solve_ms;
	char travel_note[240]; /* why straight lines were used, or "" */
};

/*
 * Re-plans one date of a plan (draft or announced, at version `expected`)
 * after workers fall ill: the staff in absent[] take no visits that day,
 * the rest of the announced day is the starting point and every visit
 * moved to another worker costs the planner's change weight, so as little
 * as possible changes. Refused (ERR_CONFLICT, *conflict_key) when a visit
 * of that date is already checked in or done, or the date is outside the
 * plan's week. The day's old visits go to record_history. Validated like
 * a plan before it is stored.
 */
int homecare_plan_replan(struct db *db, const struct homecare_actor *a,
			 int64_t plan_id, int64_t expected, int date,
			 const int64_t *absent, size_t n_absent, double seconds,
			 const char *osrm_url, struct field_errors *fe,
			 const char **conflict_key,
			 struct homecare_replan_result *res);
/* ---- visits on the day ---- */

/*
 * A worker arrives (check-in) and leaves (check-out) a planned visit of an
 * announced plan, on the visit's date (local time of `at_ms`; 0 = now).
 * The check-out records the delivered service in the same transaction
 * (delivery_create_tx: the case must still be active and the decision
 * valid that day): units_x100 given, or for services counted in hours the
 * time between check-in and check-out rounded to the quarter hour (at
 * least a quarter), and one unit otherwise. A visit nobody could make is
 * marked missed instead (no delivery). Versioned (If-Match). Refusals:
 * ERR_CONFLICT with *conflict_key "visit.not_announced", "visit.state",
 * "visit.other_day", "visit.before_check_in", or the delivery's own.
 */
int homecare_visit_check_in(struct db *db, const struct homecare_actor *a,
			    int64_t id, int64_t expected, int64_t at_ms,
			    const char **conflict_key);
int homecare_visit_check_out(struct db *db, const struct homecare_actor *a,
			     int64_t id, int64_t expected, int64_t at_ms,
			     int64_t units_x100, const char *note,
			     struct field_errors *fe, const char **conflict_key,
			     int64_t *delivery_id);
int homecare_visit_missed(struct db *db, const struct homecare_actor *a,
			  int64_t id, int64_t expected, const char *note,
			  const char **conflict_key);
/* One planned visit as the API shows it, if the caller may see it. */
int homecare_visit_get(struct db *db, const struct principal *p, int64_t id,
		       json_t **out);
/* Units of a visit by the clock: quarter hours between check-in and
 * check-out (x100: 1.25 h = 125), at least 25; pure. */
int64_t homecare_units_by_clock(int64_t in_ms, int64_t out_ms);
/* Stable key of a planner's unplaced reason ("no_skill", "window",
 * "capacity", "search_limit", "no_location", "no_worker"). */
const char *homecare_unplaced_key(int reason);
/* Appends the audit entry of a home-care write inside its transaction. */
int homecare_audit_tx(struct db *db, const struct homecare_actor *a,
		      const char *action, const char *entity, int64_t id);

/* ---- visit patterns of a case (scope: case_view_for) ---- */

/* A pattern as the API writes it. skills_csv is org_skills_csv's form;
 * preferred_staff_id 0 = none; notes may be NULL. */
struct homecare_pattern_input {
	struct homecare_pattern p; /* id and case_id are set by the call */
	const char *skills_csv;
	int64_t preferred_staff_id;
	const char *notes;
};

/* {"patterns":[...], "exceptions":[...]} of a case the caller may see
 * (ERR_NOT_FOUND otherwise). Patterns carry weekdays as an array of 1..7,
 * times as "HH:MM", skills as an array. */
int homecare_case_patterns(struct db *db, const struct principal *p,
			   int64_t case_id, json_t **out);
/* Adds a pattern to a case (pattern_id 0) or changes one at version
 * `expected`. The case must be visible in full to the caller and not
 * closed (ERR_CONFLICT "pattern.case_closed" via *conflict_key); the decided
 * service must be the case's (field decision_service_id); the rules of
 * homecare_pattern_check apply; the preferred worker must exist. */
int homecare_pattern_save(struct db *db, const struct homecare_actor *a,
			  int64_t case_id, int64_t pattern_id,
			  int64_t expected,
			  const struct homecare_pattern_input *in,
			  struct field_errors *fe, const char **conflict_key,
			  int64_t *id);
/* The case a pattern belongs to (for the API's routes by pattern id),
 * if the caller may see it. */
int homecare_pattern_case(struct db *db, const struct principal *p,
			  int64_t pattern_id, int64_t *case_id);
/* Ends a pattern: removed when it has not started yet, else it ends
 * yesterday (past plans keep what they were based on). */
int homecare_pattern_end(struct db *db, const struct homecare_actor *a,
			 int64_t pattern_id);
/* Exceptions: no visits of the case from..to (kind hospital, holiday,
 * other). */
int homecare_exception_add(struct db *db, const struct homecare_actor *a,
			   int64_t case_id, int from, int to, const char *kind,
			   const char *note, struct field_errors *fe,
			   int64_t *id);
int homecare_exception_delete(struct db *db, const struct homecare_actor *a,
			      int64_t case_id, int64_t exception_id);

#endif
