/*
 * plan_week.c - week planning, day re-planning and plan figures
 * (see plan_week.h).
 */
#include "plan_week.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Annealing temperatures of a re-plan, in average edges (plan_options):
 * much cooler than a fresh plan's, which wanders far from its start. */
#define REPLAN_TEMP_START 0.3
#define REPLAN_TEMP_END 0.01

int plan_week_solve(const struct plan_problem *days, int n_days, const struct plan_options *opt,
		    struct plan_solution *out)
{
	if (!out || n_days < 0)
		return PLAN_ERR_INVALID;
	for (int d = 0; d < n_days; d++)
		plan_solution_init(&out[d]);
	if ((n_days > 0 && !days) || !opt)
		return PLAN_ERR_INVALID;
	for (int d = 0; d < n_days; d++) {
		struct plan_options o = *opt;
		o.objective = PLAN_OBJECTIVE_WEIGHTED;
		o.time_limit = opt->time_limit / n_days;
		o.max_iterations = opt->max_iterations / n_days;
		if (opt->max_iterations > 0 && o.max_iterations < 1)
			o.max_iterations = 1;
		o.seed = opt->seed + (uint64_t)d;
		o.warm = NULL;
		int rc = plan_solve(&days[d], &o, &out[d]);
		if (rc)
			return rc;
	}
	return 0;
}

int plan_replan_day(const struct plan_problem *pb, const struct plan_solution *announced,
		    const struct plan_options *opt, struct plan_solution *out)
{
	int rc;
	int *who = NULL;

	if (!out)
		return PLAN_ERR_INVALID;
	plan_solution_init(out);
	if (!pb || !announced || !opt || announced->n_visits != pb->n_visits ||
	    announced->n_workers != pb->n_workers || !announced->route_start ||
	    pb->n_visits < 0 || pb->n_workers < 0)
		return PLAN_ERR_INVALID;
	who = malloc((size_t)(pb->n_visits > 0 ? pb->n_visits : 1) * sizeof(int));
	if (!who)
		return PLAN_ERR_NOMEM;
	for (int v = 0; v < pb->n_visits; v++)
		who[v] = -1;
	for (int w = 0; w < pb->n_workers; w++) {
		for (int k = announced->route_start[w]; k < announced->route_start[w + 1]; k++) {
			int v = announced->route_visits[k];
			if (v < 0 || v >= pb->n_visits || k >= pb->n_visits) {
				rc = PLAN_ERR_INVALID;
				goto out;
			}
			who[v] = w;
		}
	}
	struct plan_problem day = *pb;
	day.announced = who;
	struct plan_options o = *opt;
	o.objective = PLAN_OBJECTIVE_WEIGHTED;
	o.warm = announced;
	/* Stay near the announced plan: a cool search from it, one run. */
	if (o.temp_start <= 0)
		o.temp_start = REPLAN_TEMP_START;
	if (o.temp_end <= 0)
		o.temp_end = REPLAN_TEMP_END;
	if (o.runs <= 0)
		o.runs = 1;
	rc = plan_solve(&day, &o, out);
out:
	free(who);
	return rc;
}

/* Travel time from a to b for worker w (its mode's matrix). */
static double stats_travel(const struct plan_problem *pb, int w, int a, int b)
{
	size_t L = (size_t)pb->n_locs, m = (size_t)pb->workers[w].mode;
	return pb->travel[(m * L + (size_t)a) * L + (size_t)b];
}

int plan_stats_compute(const struct plan_problem *pb, const struct plan_solution *sol,
		       struct plan_stats *st)
{
	if (!pb || !sol || !st || sol->n_workers != pb->n_workers || sol->n_visits != pb->n_visits)
		return PLAN_ERR_INVALID;
	memset(st, 0, sizeof(*st));
	st->visits = pb->n_visits;
	st->work_min = INFINITY;
	for (int i = 0; i < sol->n_unplaced; i++) {
		int r = (int)sol->reason[i];
		if (r >= 0 && r < 8)
			st->unplaced_by_reason[r]++;
	}
	for (int w = 0; w < pb->n_workers; w++) {
		const struct plan_worker *wk = &pb->workers[w];
		int from = sol->route_start[w], to = sol->route_start[w + 1];
		if (from == to)
			continue;
		st->workers_used++;
		int at = wk->start_loc;
		double work = 0, left = 0;
		for (int k = from; k < to; k++) {
			int v = sol->route_visits[k];
			const struct plan_visit *vi = &pb->visits[v];
			double t = stats_travel(pb, w, at, vi->loc);
			st->travel += t;
			st->service += vi->service;
			work += t + vi->service;
			st->placed++;
			if (vi->n_preferred > 0) {
				st->with_preference++;
				for (int j = 0; j < vi->n_preferred; j++) {
					if (vi->preferred[j] == w) {
						st->to_preferred++;
						break;
					}
				}
			}
			at = vi->loc;
			left = sol->start_time ? sol->start_time[v] + vi->service : 0;
		}
		double back = stats_travel(pb, w, at, wk->end_loc);
		st->travel += back;
		work += back;
		/* Back at the end location, after the break if it is last. */
		double end = left + back;
		if (wk->break_duration > 0 && sol->break_after && sol->break_time &&
		    sol->break_after[w] == to - from)
			end = fmax(end, sol->break_time[w]) + wk->break_duration;
		if (sol->start_time && wk->regular_end > 0 && end > wk->regular_end)
			st->overtime += end - wk->regular_end;
		if (work > st->work_max)
			st->work_max = work;
		if (work < st->work_min)
			st->work_min = work;
	}
	if (st->workers_used == 0)
		st->work_min = 0;
	return 0;
}

int plan_compare(const struct plan_solution *announced, const struct plan_solution *now,
		 double slack, int *kept, int *announced_n)
{
	if (!announced || !now || !kept || !announced_n ||
	    announced->n_visits != now->n_visits || announced->n_workers != now->n_workers)
		return PLAN_ERR_INVALID;
	int n = now->n_visits, w = now->n_workers;
	int *was = malloc((size_t)(n > 0 ? n : 1) * sizeof(int));
	if (!was)
		return PLAN_ERR_NOMEM;
	for (int v = 0; v < n; v++)
		was[v] = -1;
	*announced_n = 0;
	*kept = 0;
	for (int r = 0; r < w; r++) {
		for (int k = announced->route_start[r]; k < announced->route_start[r + 1]; k++) {
			was[announced->route_visits[k]] = r;
			(*announced_n)++;
		}
	}
	for (int r = 0; r < w; r++) {
		for (int k = now->route_start[r]; k < now->route_start[r + 1]; k++) {
			int v = now->route_visits[k];
			if (was[v] != r)
				continue;
			if (announced->start_time && now->start_time &&
			    fabs(announced->start_time[v] - now->start_time[v]) > slack)
				continue;
			(*kept)++;
		}
	}
	free(was);
	return 0;
}
