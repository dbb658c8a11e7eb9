/*
 * plan_validate.c - independent check of a plan_solution.
 *
 * Deliberately shares nothing with plan_solver.c: it walks each route
 * forward from the problem data alone, the way a dispatcher would check a
 * printed schedule, so that a bug in the solver's incremental bookkeeping
 * (forward/backward slacks, cached loads and costs) cannot hide itself.
 */
#include "plan.h"

#include <math.h>
#include <stdlib.h>

#define VALIDATE_EPS 1e-6

static int fail(struct plan_violation *where, int code, int worker, int visit)
{
	if (where) {
		where->worker = worker;
		where->visit = visit;
	}
	return code;
}

/* Travel time from a to b in worker w's mode. */
static double travel(const struct plan_problem *pb, int w, int a, int b)
{
	size_t L = (size_t)pb->n_locs;
	size_t m = (size_t)pb->workers[w].mode;
	return pb->travel[(m * L + (size_t)a) * L + (size_t)b];
}

static double cost(const struct plan_problem *pb, int w, int a, int b)
{
	if (!pb->cost)
		return travel(pb, w, a, b);
	return pb->cost[(size_t)a * (size_t)pb->n_locs + (size_t)b];
}

/*
 * Walks the gap between the stop the worker left at time `left` from
 * location `at` and the next place `to`: travel, and the break when this
 * is its gap.  The break may lie anywhere in the gap as long as the travel
 * still fits around it: it starts at or after `left`, inside its window,
 * and the next place is reached no earlier than both its end and
 * left + travel + break.  Returns the earliest arrival, or -1 on a broken
 * break rule.
 */
static double walk_gap(const struct plan_problem *pb, const struct plan_solution *sol, int w,
		       int gap, double left, int at, int to)
{
	const struct plan_worker *wk = &pb->workers[w];
	double arrive = left + travel(pb, w, at, to);
	if (wk->break_duration <= 0 || sol->break_after[w] != gap)
		return arrive;
	double bt = sol->break_time[w];
	if (!isfinite(bt) || bt < wk->break_start - VALIDATE_EPS ||
	    bt + wk->break_duration > wk->break_end + VALIDATE_EPS || bt < left - VALIDATE_EPS)
		return -1;
	arrive += wk->break_duration;
	return arrive > bt + wk->break_duration ? arrive : bt + wk->break_duration;
}

/* Checks one worker's route: skills, load, windows, the break, reported
 * start times and the shift end.  Adds the route's cost to *total. */
static int validate_route(const struct plan_problem *pb, const struct plan_solution *sol, int w,
			  double *total, struct plan_violation *where)
{
	const struct plan_worker *wk = &pb->workers[w];
	int from = sol->route_start[w], to = sol->route_start[w + 1];
	long long load = 0;
	double t = wk->shift_start;
	int at = wk->start_loc;
	double c = 0;

	if (from == to)
		return 0;
	if (wk->absent)
		return fail(where, PLAN_ERR_ABSENT, w, sol->route_visits[from]);
	if (wk->break_duration > 0 &&
	    (!sol->break_time || !sol->break_after || sol->break_after[w] < 0 ||
	     sol->break_after[w] > to - from))
		return fail(where, PLAN_ERR_BREAK, w, -1);
	for (int k = from; k < to; k++) {
		int v = sol->route_visits[k];
		const struct plan_visit *vi = &pb->visits[v];
		if (vi->loc < 0)
			return fail(where, PLAN_ERR_ABSENT, w, v);
		if ((vi->skills & ~wk->skills) != 0)
			return fail(where, PLAN_ERR_SKILL, w, v);
		load += vi->demand;
		if (wk->capacity >= 0 && load > wk->capacity)
			return fail(where, PLAN_ERR_CAPACITY, w, v);
		double arrive = walk_gap(pb, sol, w, k - from, t, at, vi->loc);
		if (arrive < 0)
			return fail(where, PLAN_ERR_BREAK, w, v);
		c += cost(pb, w, at, vi->loc);
		double start = arrive > vi->ready ? arrive : vi->ready;
		if (start > vi->due + VALIDATE_EPS)
			return fail(where, PLAN_ERR_WINDOW, w, v);
		if (sol->start_time) {
			/* A reported start may be later than the earliest one
			 * (waiting is allowed) but must be inside the window and
			 * reachable from the reported previous start. */
			double rep = sol->start_time[v];
			if (!isfinite(rep) || rep < start - VALIDATE_EPS ||
			    rep < vi->ready - VALIDATE_EPS || rep > vi->due + VALIDATE_EPS)
				return fail(where, PLAN_ERR_SCHEDULE, w, v);
			start = rep;
		}
		t = start + vi->service;
		at = vi->loc;
	}
	t = walk_gap(pb, sol, w, to - from, t, at, wk->end_loc);
	if (t < 0)
		return fail(where, PLAN_ERR_BREAK, w, -1);
	c += cost(pb, w, at, wk->end_loc);
	if (t > wk->shift_end + VALIDATE_EPS)
		return fail(where, PLAN_ERR_SHIFT_END, w, -1);
	*total += c;
	return 0;
}

int plan_validate(const struct plan_problem *pb, const struct plan_solution *sol,
		  struct plan_violation *where)
{
	int rc = 0;
	unsigned char *seen = NULL;
	double total = 0;
	int used = 0;

	if (where) {
		where->worker = -1;
		where->visit = -1;
	}
	if (!pb || !sol || plan_problem_check(pb) != 0)
		return PLAN_ERR_INVALID;
	if (sol->n_workers != pb->n_workers || sol->n_visits != pb->n_visits ||
	    !sol->route_start || sol->n_unplaced < 0 || sol->n_unplaced > pb->n_visits ||
	    (sol->n_unplaced > 0 && (!sol->unplaced || !sol->reason)))
		return PLAN_ERR_INVALID;
	if (sol->route_start[0] != 0)
		return fail(where, PLAN_ERR_BAD_INDEX, 0, -1);
	for (int w = 0; w < pb->n_workers; w++) {
		int a = sol->route_start[w], b = sol->route_start[w + 1];
		if (b < a || b > pb->n_visits)
			return fail(where, PLAN_ERR_BAD_INDEX, w, -1);
	}
	if (sol->route_start[pb->n_workers] > 0 && !sol->route_visits)
		return PLAN_ERR_INVALID;

	seen = calloc((size_t)(pb->n_visits > 0 ? pb->n_visits : 1), 1);
	if (!seen)
		return PLAN_ERR_NOMEM;

	/* Structure first: every index valid, every visit exactly once. */
	for (int w = 0; w < pb->n_workers; w++) {
		for (int k = sol->route_start[w]; k < sol->route_start[w + 1]; k++) {
			int v = sol->route_visits[k];
			if (v < 0 || v >= pb->n_visits) {
				rc = fail(where, PLAN_ERR_BAD_INDEX, w, v);
				goto out;
			}
			if (seen[v]) {
				rc = fail(where, PLAN_ERR_DUPLICATE_VISIT, w, v);
				goto out;
			}
			seen[v] = 1;
		}
	}
	for (int i = 0; i < sol->n_unplaced; i++) {
		int v = sol->unplaced[i];
		if (v < 0 || v >= pb->n_visits) {
			rc = fail(where, PLAN_ERR_BAD_INDEX, -1, v);
			goto out;
		}
		if (seen[v]) {
			rc = fail(where, PLAN_ERR_DUPLICATE_VISIT, -1, v);
			goto out;
		}
		if (sol->reason[i] < PLAN_UNPLACED_NO_SKILL ||
		    sol->reason[i] > PLAN_UNPLACED_NO_WORKER ||
		    (pb->visits[v].loc < 0 && sol->reason[i] != PLAN_UNPLACED_NO_LOCATION)) {
			rc = fail(where, PLAN_ERR_BAD_REASON, -1, v);
			goto out;
		}
		seen[v] = 1;
	}
	for (int v = 0; v < pb->n_visits; v++) {
		if (!seen[v]) {
			rc = fail(where, PLAN_ERR_MISSING_VISIT, -1, v);
			goto out;
		}
	}

	for (int w = 0; w < pb->n_workers; w++) {
		rc = validate_route(pb, sol, w, &total, where);
		if (rc)
			goto out;
		used += sol->route_start[w + 1] > sol->route_start[w];
	}
	if (used != sol->n_used ||
	    fabs(total - sol->cost) > VALIDATE_EPS * (1.0 + fabs(total)))
		rc = fail(where, PLAN_ERR_COST_MISMATCH, -1, -1);
out:
	free(seen);
	return rc;
}
