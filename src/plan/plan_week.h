/*
 * plan_week.h - planning a week, re-planning a day, and plan figures.
 *
 * A week is a list of day problems (one plan_problem per day: the day's
 * visits, every worker with that day's hours, absences marked absent), so
 * each worker has one route per day.  Continuity of care across the week
 * comes from the visits' preferred workers.
 *
 * A re-plan takes a day's announced solution and the same day's problem
 * with the change (a worker now absent, say) and looks for a plan that
 * changes as little as possible: the announced routes are the starting
 * point, and every visit given to a worker other than the announced one
 * costs options.weights.change.
 *
 * Determinism: as plan_solve() (iteration limits give the same plan for
 * the same seed; a time limit alone stops where the clock says).
 * No global state; thread-safe on distinct outputs.
 */
#ifndef PAGALBA_PLAN_WEEK_H
#define PAGALBA_PLAN_WEEK_H

#include "plan.h"

/*
 * Plans n_days independent days with the weighted objective of opt (the
 * objective field is ignored).  The time limit and the iteration limit of
 * opt are for the whole week, shared equally; day d uses seed opt->seed +
 * d.  out must have n_days entries; each is initialised here and filled,
 * and the caller releases every one (also after an error: released ones
 * are safe).  Errors as plan_solve().
 */
int plan_week_solve(const struct plan_problem *days, int n_days, const struct plan_options *opt,
		    struct plan_solution *out);

/*
 * Re-plans one day.  pb is the day as it is now (same visits and workers,
 * in the same order, as when `announced` was made; absences updated;
 * pb->announced is ignored).  Fills out (caller releases).  Errors as
 * plan_solve(), and PLAN_ERR_INVALID when announced does not match pb.
 */
int plan_replan_day(const struct plan_problem *pb, const struct plan_solution *announced,
		    const struct plan_options *opt, struct plan_solution *out);

/* Figures of one solution, recomputed from the problem. */
struct plan_stats {
	int visits;             /* visits in the problem */
	int placed;
	int unplaced_by_reason[8]; /* indexed by enum plan_unplaced_reason */
	int workers_used;
	double travel;          /* total travel time of the routes, minutes */
	double service;         /* total service time placed, minutes */
	/* Continuity: placed visits that have preferred workers, and how
	 * many of them went to one of those. */
	int with_preference;
	int to_preferred;
	double overtime;        /* minutes back after regular_end, summed */
	double work_max;        /* busiest worker's service + travel, minutes */
	double work_min;        /* least busy used worker's */
};

/* Fills *st for sol, a solution of pb that plan_validate() accepts.
 * Returns 0 or PLAN_ERR_INVALID. */
int plan_stats_compute(const struct plan_problem *pb, const struct plan_solution *sol,
		       struct plan_stats *st);

/*
 * Compares a re-plan with the announced plan: *kept is the number of
 * visits announced with a worker that keep that worker and a start within
 * `slack` minutes of the announced one, *announced_n how many visits were
 * announced with a worker.  Returns 0 or PLAN_ERR_INVALID (different
 * shapes).
 */
int plan_compare(const struct plan_solution *announced, const struct plan_solution *now,
		 double slack, int *kept, int *announced_n);

#endif
