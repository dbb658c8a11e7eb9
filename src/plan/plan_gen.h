/*
 * plan_gen.h - reproducible, realistic home-care instances.
 *
 * A town of about Kaunas's size: clients clustered in neighbourhoods
 * around the centre (the office), workers with three skills (carer,
 * nurse, physiotherapist; nurses can also do carers' visits), some on
 * foot, some starting from home, 7:30-16:00 or 8:00-16:30 with a 30-minute
 * break between 11:30 and 13:30, one worker off each day; clients with
 * weekly patterns (daily, Mon/Wed/Fri, Tue/Thu, weekly), one to three
 * visits a day in morning (7:30-11), midday (11-14), afternoon (13:30-16:30)
 * or all-day windows, and one
 * or two preferred workers (continuity of care).  Times are minutes after
 * midnight; travel from plan_travel (haversine, detour 1.3).
 *
 * The same parameters and seed give the same week on every platform (the
 * planner's own generator, no libc rand()).  Optionally a few bad visits
 * per day (no coordinates, impossible window, a skill nobody has) to
 * exercise the per-visit reasons.
 */
#ifndef PAGALBA_PLAN_GEN_H
#define PAGALBA_PLAN_GEN_H

#include "plan.h"
#include "plan_travel.h"

enum plan_gen_skill {
	PLAN_SKILL_CARER = 1,
	PLAN_SKILL_NURSE = 2,
	PLAN_SKILL_PHYSIO = 4,
	PLAN_SKILL_UNKNOWN = 8 /* only the generated bad visits need it */
};

struct plan_gen_params {
	uint64_t seed;
	int n_days;          /* 1 .. 7, Monday first */
	int visits_per_day;  /* good visits per day */
	int n_workers;       /* >= 3 */
	struct plan_coord centre;
	double radius_km;
	int bad_visits;      /* 0 .. 3 extra bad visits per day */
};

/* Kaunas centre, 5 days, 400 visits, 30 workers, 6 km, no bad visits,
 * seed 1. */
void plan_gen_params_init(struct plan_gen_params *p);

struct plan_gen_day {
	struct plan_problem pb;   /* points into the arrays below */
	struct plan_coord *coord; /* pb.n_locs; loc 0 is the office */
	double *travel;           /* pb.travel */
	struct plan_visit *visits;
	int *client;              /* per visit: its client, -1 for bad ones */
	struct plan_worker *workers;
};

struct plan_gen_week {
	int n_days;
	struct plan_gen_day *days;
	int n_clients;
	int *preferred; /* 2 per client; the visits' preferred lists */
};

/* Generates a week into *out (owned by the caller: release it with
 * plan_gen_week_release()).  Returns 0, PLAN_ERR_INVALID (parameters out
 * of range) or PLAN_ERR_NOMEM; on error *out is released. */
int plan_gen_week(const struct plan_gen_params *p, struct plan_gen_week *out);

/* Frees everything of w and zeroes it; NULL is a no-op. */
void plan_gen_week_release(struct plan_gen_week *w);

#endif
