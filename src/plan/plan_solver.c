/*
 * plan_solver.c - ruin-and-recreate search for the VRPTW with
 * heterogeneous workers.
 *
 * The method is SISR (Christiaens & Vanden Berghe, "Slack Induction by
 * String Removals", Transportation Science 2020): remove a few strings of
 * consecutive visits from routes near a random seed visit, reinsert every
 * removed visit greedily at its cheapest feasible place while "blinking"
 * past a small share of positions, and accept by simulated annealing.
 * The hierarchical objective (placed visits, then workers, then cost) is
 * served by two phases, as in the paper:
 *
 *   1. Fleet phase.  Whenever the current solution places every visit, it
 *      is recorded and one route is dissolved; its visits wait in an
 *      unplaced pool.  Ruin-and-recreate then runs with the fleet capped,
 *      and a candidate is accepted when it leaves fewer visits out, or
 *      leaves out visits that have been out less often (absence counters),
 *      which rotates the hard visits through the pool until they fit.
 *      The phase ends at its share of the budget, at the capacity lower
 *      bound, or after a stretch without progress.
 *   2. Cost phase.  From the best complete solution, simulated annealing on
 *      cost with the fleet capped at its size.
 *
 * The budget is split between independent runs of both phases (default
 * two), keeping the best: with the fleet capped, a run can settle in a poor
 * basin, and a fresh start rarely settles in the same one.
 *
 * Time-window feasibility of an insertion is O(1): each route keeps, per
 * position, the earliest service start (forward) and the latest service
 * start that keeps the rest of the route feasible (backward).
 *
 * Nodes: visits are nodes 0..n-1; worker w's start is node n+2w, its end
 * node n+2w+1, with the shift as their window; a worker with a break has a
 * break node n+2W+w that stays in its route (an unused route is then
 * start, break, end) and moves relative to the visits as they are removed
 * and reinserted around it (see arc_tt for its timing).  Route w belongs
 * to worker w.
 *
 * With the weighted objective (home care) the fleet phase only gets every
 * visit placed, and a route's cost is its weighted sum (travel, assignment
 * penalties from s->pen, overtime, balance); insertion estimates the
 * balance growth from the route's work so far and acceptance uses the
 * exact sum.  A warm start (re-plan) replaces the greedy start.
 */
/* clock_gettime() and CLOCK_MONOTONIC are POSIX, not C17. */
#define _POSIX_C_SOURCE 200809L

#include "plan.h"
#include "plan_rng.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* SISR parameters (paper's values unless noted). */
#define SISR_AVG_REMOVED 10.0 /* c-bar: average customers removed */
#define SISR_MAX_STRING 10.0  /* L-max: maximum string length */
#define SISR_SPLIT_RATE 0.5
#define SISR_SPLIT_DEPTH 0.01
#define SISR_BLINK 0.01

/* Defaults measured on Solomon at 150,000 iterations per instance (about
 * 1 s here): starting at 10 average edges lets the search leave the basins
 * a capped fleet creates (C204 stayed 13% above best-known from 3 edges);
 * two runs beat one (0.87% against 1.10%), three add nothing. */
#define DEFAULT_RUNS 2
#define DEFAULT_TEMP_START 10.0
#define DEFAULT_TEMP_END 0.03

/* Triangle-inequality check is cubic in the number of locations; above
 * this size the solver simply does not rely on the inequality. */
#define TRIANGLE_CHECK_MAX_LOCS 400
#define NEIGHBOUR_MAX 256

struct route {
	int len;      /* nodes including start, end and break; base when unused */
	long long load;
	double cost;  /* objective of the route; 0 when unused */
	double dist;  /* travel cost alone; 0 when unused */
	double work;  /* service and travel minutes (weighted objective only) */
	int *node;
	double *est;  /* earliest service start per position */
	double *lst;  /* latest feasible service start per position */
};

struct state {
	struct route *routes;
	int *route_of; /* per visit; -1 when unplaced or inactive */
	int *pos_of;
	int *unplaced;
	int n_unplaced;
	int used;
	double cost;
};

struct solver {
	int n, w, nl;
	int brk0;        /* first break node: n + 2w (worker r's is brk0 + r) */
	const double *cc; /* cost of the first worker's mode, for neighbours */
	const double **ttm; /* per worker: its mode's travel matrix */
	const double **ccm; /* per worker: its cost matrix */
	int *base;       /* per worker: route length when unused (2, or 3 with a break) */
	double *bdue;    /* per worker: latest break start */
	int weighted;    /* PLAN_OBJECTIVE_WEIGHTED */
	double *pen;     /* n * w assignment penalties, or NULL */
	double w_travel, w_overtime, w_balance, fair; /* weighted objective */
	double *regular_end; /* per worker, 0 when none */
	int *scratch;    /* n + 3 nodes */
	const struct plan_solution *warm;
	int *loc;
	double *ready, *due, *svc;
	int *dem;
	int *cap;        /* per worker; INT_MAX when unlimited */
	int *wclass;     /* identical workers share a class */
	int n_class;
	unsigned char *compat; /* n * w: worker can take the visit alone */
	int triangle;    /* travel times obey the triangle inequality */

	int *active;     /* visits taking part in the search */
	int n_active;
	int *nbr;        /* n_active rows of n_nbr nearest active visits */
	int n_nbr;
	int *nbr_row;    /* visit -> row in nbr, -1 if inactive */
	double *depot_dist;

	struct plan_rng rng;
	struct state cur, work, best;
	struct state keep; /* best over independent runs */
	int max_routes;
	long *absence;

	/* per-iteration scratch */
	unsigned char *dirty;
	int *dirty_list;
	int n_dirty;
	int *removed;
	int n_removed;
	double *key;
	int *class_stamp;
	int stamp;
	long blink_gap; /* evaluated positions until the next blink */

	struct timespec t0;
	double limit;
	long max_iter;
	long iter;
};

static double solver_elapsed(const struct solver *s)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - s->t0.tv_sec) + (double)(t.tv_nsec - s->t0.tv_nsec) * 1e-9;
}

/* Matrix m's entry from node a to node b. */
static inline double mat_of(const struct solver *s, const double *m, int a, int b)
{
	return m[(size_t)s->loc[a] * (size_t)s->nl + (size_t)s->loc[b]];
}

/* Cost in the first worker's mode: only for ordering neighbours. */
static inline double cc_of(const struct solver *s, int a, int b)
{
	return mat_of(s, s->cc, a, b);
}

static inline int is_break(const struct solver *s, int node)
{
	return node >= s->brk0;
}

/*
 * Arcs of a route with a break node.  The break may start as soon as the
 * visit before it is over (at the client's place, on the way, or while
 * waiting at the next place) and must start by the latest break start,
 * s->bdue: the worker reaches the next place at
 *
 *     max(end of previous visit + travel, break_start) + break_duration.
 *
 * So the break node's time is max(previous end + travel to the next
 * place, break_start): the arc into the break carries the travel to the
 * node after it, the arc out of it is free, the break node has no due time
 * of its own, and instead the node before it must end by s->bdue.
 * arc_tt(i) is the travel time into position i.
 */
static inline double arc_in(const struct solver *s, const double *m, const int *nd, int i)
{
	int a = nd[i - 1], b = nd[i];
	if (is_break(s, b))
		b = nd[i + 1];
	else if (is_break(s, a))
		return 0;
	return mat_of(s, m, a, b);
}

static inline double arc_tt(const struct solver *s, int r, const int *nd, int i)
{
	return arc_in(s, s->ttm[r], nd, i);
}

static inline double arc_cc(const struct solver *s, int r, const int *nd, int i)
{
	return arc_in(s, s->ccm[r], nd, i);
}

static inline int route_empty(const struct solver *s, int r, const struct route *rt)
{
	return rt->len <= s->base[r];
}

/* ---- states ------------------------------------------------------------ */

static int state_alloc(struct state *st, int n, int w)
{
	/* route_of and pos_of cover every node, so that writing a break
	 * node's entry while shifting a route needs no test. */
	size_t nn = (size_t)n + 3 * (size_t)w + 1;
	memset(st, 0, sizeof(*st));
	st->routes = calloc((size_t)(w > 0 ? w : 1), sizeof(*st->routes));
	st->route_of = malloc(nn * sizeof(int));
	st->pos_of = malloc(nn * sizeof(int));
	st->unplaced = malloc((size_t)(n > 0 ? n : 1) * sizeof(int));
	if (!st->routes || !st->route_of || !st->pos_of || !st->unplaced)
		return PLAN_ERR_NOMEM;
	for (int r = 0; r < w; r++) {
		struct route *rt = &st->routes[r];
		rt->node = malloc((size_t)(n + 3) * sizeof(int));
		rt->est = malloc((size_t)(n + 3) * sizeof(double));
		rt->lst = malloc((size_t)(n + 3) * sizeof(double));
		if (!rt->node || !rt->est || !rt->lst)
			return PLAN_ERR_NOMEM;
	}
	return 0;
}

static void state_free(struct state *st, int w)
{
	if (st->routes) {
		for (int r = 0; r < w; r++) {
			free(st->routes[r].node);
			free(st->routes[r].est);
			free(st->routes[r].lst);
		}
	}
	free(st->routes);
	free(st->route_of);
	free(st->pos_of);
	free(st->unplaced);
	memset(st, 0, sizeof(*st));
}

/* The weighted objective of a route of worker r from its travel cost,
 * assignment penalties, work minutes and return time. */
static double route_objective(const struct solver *s, int r, double dist, double pen, double work,
			      double back)
{
	double cost = s->w_travel * dist + pen;
	double over = work - s->fair;
	if (over > 0)
		cost += s->w_balance * over * over / 60.0;
	if (s->regular_end[r] > 0 && back > s->regular_end[r])
		cost += s->w_overtime * (back - s->regular_end[r]);
	return cost;
}

/* Adds the arc into node b of worker r's route to the work minutes and
 * the assignment penalties (weighted objective). */
static inline void work_add(const struct solver *s, int r, int b, double tt, double *work,
			    double *pen)
{
	*work += tt;
	if (b < s->n) {
		*work += s->svc[b];
		if (s->pen)
			*pen += s->pen[(size_t)b * (size_t)s->w + (size_t)r];
	}
}

/* Recomputes route r's schedule, load and cost after its nodes changed. */
static void route_update(const struct solver *s, struct state *st, int r)
{
	struct route *rt = &st->routes[r];
	const int *nd = rt->node;
	int len = rt->len;
	double dist = 0, work = 0, pen = 0, cost;
	long long load = 0;
	/* Routes without a break (all of Solomon's) skip the break tests. */
	int brk = s->base[r] == 3;
	const double *tm = s->ttm[r], *cm = s->ccm[r];
	size_t L = (size_t)s->nl;

	rt->est[0] = s->ready[nd[0]];
	for (int i = 1; i < len; i++) {
		int a = nd[i - 1], b = nd[i];
		size_t cell = (size_t)s->loc[a] * L + (size_t)s->loc[b];
		double tt = brk ? arc_in(s, tm, nd, i) : tm[cell];
		double t = rt->est[i - 1] + s->svc[a] + tt;
		rt->est[i] = t > s->ready[b] ? t : s->ready[b];
		dist += brk ? arc_in(s, cm, nd, i) : cm[cell];
		load += s->dem[b];
		if (s->weighted)
			work_add(s, r, b, tt, &work, &pen);
	}
	rt->lst[len - 1] = s->due[nd[len - 1]];
	for (int i = len - 2; i >= 0; i--) {
		int a = nd[i];
		double tt = brk ? arc_in(s, tm, nd, i + 1)
				: tm[(size_t)s->loc[a] * L + (size_t)s->loc[nd[i + 1]]];
		double t = rt->lst[i + 1] - tt - s->svc[a];
		if (brk && is_break(s, nd[i + 1]) && s->bdue[r] - s->svc[a] < t)
			t = s->bdue[r] - s->svc[a];
		rt->lst[i] = t < s->due[a] ? t : s->due[a];
	}
	if (len <= s->base[r])
		dist = cost = 0;
	else if (!s->weighted)
		cost = dist;
	else
		cost = route_objective(s, r, dist, pen, work, rt->est[len - 1]);
	st->cost += cost - rt->cost;
	rt->cost = cost;
	rt->dist = dist;
	rt->work = len <= s->base[r] ? 0 : work;
	rt->load = load;
}

static void route_copy(struct route *dst, const struct route *src)
{
	dst->len = src->len;
	dst->load = src->load;
	dst->cost = src->cost;
	dst->dist = src->dist;
	dst->work = src->work;
	memcpy(dst->node, src->node, (size_t)src->len * sizeof(int));
	memcpy(dst->est, src->est, (size_t)src->len * sizeof(double));
	memcpy(dst->lst, src->lst, (size_t)src->len * sizeof(double));
}

/* Copies the listed routes (all when list is NULL) and the unplaced pool
 * from src to dst.  Every visit whose placement differs between the two
 * states is in a listed route of one of them or in one of the pools, so
 * fixing those keeps route_of/pos_of exact without touching the rest. */
static void state_copy(const struct solver *s, struct state *dst, const struct state *src,
		       const int *list, int count)
{
	int all = list == NULL;
	int m = all ? s->w : count;

	for (int i = 0; i < dst->n_unplaced; i++)
		dst->route_of[dst->unplaced[i]] = -1;
	/* Two passes: a visit may move between two listed routes, so all old
	 * placements must be cleared before any new one is written. */
	for (int k = 0; k < m; k++) {
		const struct route *rt = &dst->routes[all ? k : list[k]];
		for (int i = 1; i < rt->len - 1; i++)
			dst->route_of[rt->node[i]] = -1;
	}
	for (int k = 0; k < m; k++) {
		int r = all ? k : list[k];
		struct route *rt = &dst->routes[r];
		route_copy(rt, &src->routes[r]);
		for (int i = 1; i < rt->len - 1; i++) {
			dst->route_of[rt->node[i]] = r;
			dst->pos_of[rt->node[i]] = i;
		}
	}
	dst->n_unplaced = src->n_unplaced;
	memcpy(dst->unplaced, src->unplaced, (size_t)src->n_unplaced * sizeof(int));
	for (int i = 0; i < dst->n_unplaced; i++)
		dst->route_of[dst->unplaced[i]] = -1;
	dst->used = src->used;
	dst->cost = src->cost;
}

/* Rebuilds the cached sums from the routes to stop floating-point drift of
 * the incrementally maintained total. */
static void state_resum(const struct solver *s, struct state *st)
{
	double c = 0;
	int used = 0;
	for (int r = 0; r < s->w; r++) {
		c += st->routes[r].cost;
		used += !route_empty(s, r, &st->routes[r]);
	}
	st->cost = c;
	st->used = used;
}

/* Lexicographic: fewer unplaced, then fewer workers (fleet objective
 * only), then lower cost. */
static int state_better(const struct solver *s, const struct state *a, const struct state *b)
{
	if (a->n_unplaced != b->n_unplaced)
		return a->n_unplaced < b->n_unplaced;
	if (!s->weighted && a->used != b->used)
		return a->used < b->used;
	return a->cost < b->cost - 1e-9;
}

static void mark_dirty(struct solver *s, int r)
{
	if (!s->dirty[r]) {
		s->dirty[r] = 1;
		s->dirty_list[s->n_dirty++] = r;
	}
}

static void clear_dirty(struct solver *s)
{
	for (int i = 0; i < s->n_dirty; i++)
		s->dirty[s->dirty_list[i]] = 0;
	s->n_dirty = 0;
}

/* ---- ruin -------------------------------------------------------------- */

/* Removes positions [from, from + count) of route r, except the `keep`
 * nodes starting at offset keep_at within that range. */
static void route_cut(struct solver *s, struct state *st, int r, int from, int count, int keep_at,
		      int keep)
{
	struct route *rt = &st->routes[r];
	int out = from;
	for (int i = from; i < rt->len; i++) {
		int v = rt->node[i];
		int off = i - from;
		if (i < from + count && !(off >= keep_at && off < keep_at + keep) &&
		    !is_break(s, v)) {
			s->removed[s->n_removed++] = v;
			st->route_of[v] = -1;
			continue;
		}
		rt->node[out] = v;
		st->pos_of[v] = out;
		out++;
	}
	rt->len = out;
	mark_dirty(s, r);
}

/* Without the triangle inequality, cutting a visit out can make the rest
 * of the route later (the detour was a shortcut); a warm start can bring
 * an infeasible route too.  Drops the first visit that became late (the
 * visit before a late break or a late end) until the route is feasible
 * again. */
static void route_repair(struct solver *s, struct state *st, int r)
{
	struct route *rt = &st->routes[r];
	for (;;) {
		int bad = -1;
		for (int i = 1; i < rt->len; i++) {
			int v = rt->node[i];
			if (rt->est[i] > s->due[v] ||
			    (is_break(s, v) &&
			     rt->est[i - 1] + s->svc[rt->node[i - 1]] > s->bdue[r])) {
				bad = i;
				break;
			}
		}
		if (bad < 0)
			return;
		/* A late end or break: drop the visit before it, or else the
		 * one after a break (a break before every visit). */
		if (bad == rt->len - 1 || is_break(s, rt->node[bad]))
			bad--;
		if (bad >= 1 && is_break(s, rt->node[bad]))
			bad--;
		if (bad < 1) {
			bad = 1;
			while (bad < rt->len - 1 && is_break(s, rt->node[bad]))
				bad++;
			if (bad >= rt->len - 1)
				return; /* nothing left to drop */
		}
		route_cut(s, st, r, bad, 1, 0, 0);
		route_update(s, st, r);
	}
}

static void ruin_strings(struct solver *s, struct state *st)
{
	int placed = s->n_active - st->n_unplaced;
	if (st->used == 0 || placed == 0)
		return;
	double avg = (double)placed / st->used;
	double ls_max = avg < SISR_MAX_STRING ? avg : SISR_MAX_STRING;
	double ks_max = 4.0 * SISR_AVG_REMOVED / (1.0 + ls_max) - 1.0;
	int ks = (int)(1.0 + plan_rng_real(&s->rng) * ks_max);
	int seed = s->active[plan_rng_below(&s->rng, s->n_active)];
	const int *adj = &s->nbr[(size_t)s->nbr_row[seed] * (size_t)s->n_nbr];
	int done = 0;

	for (int k = 0; k < s->n_nbr && done < ks; k++) {
		int c = adj[k];
		int r = st->route_of[c];
		if (r < 0 || s->dirty[r])
			continue;
		struct route *rt = &st->routes[r];
		int mt = rt->len - 2;
		double lt_max = mt < ls_max ? mt : ls_max;
		int lt = (int)(1.0 + plan_rng_real(&s->rng) * lt_max);
		if (lt > mt)
			lt = mt;
		int ic = st->pos_of[c] - 1;
		if (lt == mt || plan_rng_real(&s->rng) < SISR_SPLIT_RATE) {
			int lo = ic - lt + 1 > 0 ? ic - lt + 1 : 0;
			int hi = ic < mt - lt ? ic : mt - lt;
			int st0 = lo + plan_rng_below(&s->rng, hi - lo + 1);
			route_cut(s, st, r, st0 + 1, lt, 0, 0);
		} else {
			int m = 1;
			while (lt + m < mt && plan_rng_real(&s->rng) > SISR_SPLIT_DEPTH)
				m++;
			int span = lt + m;
			int lo = ic - span + 1 > 0 ? ic - span + 1 : 0;
			int hi = ic < mt - span ? ic : mt - span;
			int st0 = lo + plan_rng_below(&s->rng, hi - lo + 1);
			int keep_at = plan_rng_below(&s->rng, lt + 1);
			route_cut(s, st, r, st0 + 1, span, keep_at, m);
		}
		done++;
	}
	for (int i = 0; i < s->n_dirty; i++) {
		int r = s->dirty_list[i];
		struct route *rt = &st->routes[r];
		route_update(s, st, r);
		if (!s->triangle)
			route_repair(s, st, r);
		if (route_empty(s, r, rt))
			st->used--;
	}
}

/* Dissolves the route that is cheapest to lose: the one with the fewest
 * visits (ties broken at random), whose visits join the unplaced pool. */
static void ruin_route(struct solver *s, struct state *st)
{
	int pick = -1, best_len = INT_MAX, ties = 0;
	for (int r = 0; r < s->w; r++) {
		int len = st->routes[r].len - s->base[r];
		if (len <= 0)
			continue;
		if (len < best_len) {
			best_len = len;
			pick = r;
			ties = 1;
		} else if (len == best_len && plan_rng_below(&s->rng, ++ties) == 0) {
			pick = r;
		}
	}
	if (pick < 0)
		return;
	struct route *rt = &st->routes[pick];
	int out = 1;
	for (int i = 1; i < rt->len - 1; i++) {
		int v = rt->node[i];
		if (is_break(s, v)) {
			rt->node[out++] = v;
			continue;
		}
		st->route_of[v] = -1;
		st->unplaced[st->n_unplaced++] = v;
	}
	rt->node[out++] = rt->node[rt->len - 1];
	rt->len = out;
	st->used--;
	route_update(s, st, pick);
}

/* ---- recreate ---------------------------------------------------------- */

/* Each position is skipped ("blinked") with probability SISR_BLINK.  One
 * geometric draw of the gap to the next blink replaces a random number per
 * position, which was a fifth of the insertion time. */
static void blink_draw(struct solver *s)
{
	double u = 1.0 - plan_rng_real(&s->rng); /* (0, 1] */
	s->blink_gap = 1 + (long)(log(u) / log(1.0 - SISR_BLINK));
}

/* Cheapest feasible insertion of visit u; returns the route or -1. */
static int insert_find(struct solver *s, const struct state *st, int u, int *best_pos)
{
	double best = DBL_MAX;
	int best_r = -1;
	const unsigned char *ok = &s->compat[(size_t)u * (size_t)s->w];
	double ready_u = s->ready[u], due_u = s->due[u], svc_u = s->svc[u];
	size_t L = (size_t)s->nl, lu = (size_t)s->loc[u];
	int dem_u = s->dem[u];

	s->stamp++;
	for (int r = 0; r < s->w; r++) {
		if (!ok[r])
			continue;
		const struct route *rt = &st->routes[r];
		if (rt->load + dem_u > (long long)s->cap[r])
			continue;
		int empty = route_empty(s, r, rt);
		if (empty) {
			if (st->used >= s->max_routes)
				continue;
			/* One empty worker of each kind is enough to try. */
			if (s->class_stamp[s->wclass[r]] == s->stamp)
				continue;
			s->class_stamp[s->wclass[r]] = s->stamp;
		}
		/* Weighted objective: the assignment penalty, and the growth of
		 * the balance term estimated from the route's work so far. */
		double extra = 0, over0 = 0;
		if (s->weighted) {
			if (s->pen)
				extra = s->pen[(size_t)u * (size_t)s->w + (size_t)r];
			over0 = rt->work - s->fair;
		}
		const int *nd = rt->node;
		int brk = s->base[r] == 3;
		/* Rows and columns of u in this worker's matrices, hoisted:
		 * the compiler cannot, as stores through best_pos might
		 * alias s->loc. */
		const double *tm = s->ttm[r], *cm = s->ccm[r];
		const double *tm_u = tm + lu * L, *cm_u = cm + lu * L;
		const int *loc = s->loc;
		for (int p = 1; p < rt->len; p++) {
			int a = nd[p - 1], b = nd[p];
			int x = a; /* where u is reached from */
			double arr;
			if (brk && is_break(s, a)) {
				/* Right after the break, which then moves to u's
				 * place: x -> (break) -> u -> b. */
				x = nd[p - 2];
				double tb = rt->est[p - 2] + s->svc[x] + tm[(size_t)loc[x] * L + lu];
				if (tb < s->ready[a])
					tb = s->ready[a];
				arr = tb + s->svc[a];
				if (arr > due_u)
					continue;
			} else {
				arr = rt->est[p - 1] + s->svc[a] + tm[(size_t)loc[a] * L + lu];
				if (arr > due_u) {
					/* With the triangle inequality every later
					 * position arrives even later. */
					if (s->triangle)
						break;
					continue;
				}
			}
			if (--s->blink_gap <= 0) {
				blink_draw(s);
				continue;
			}
			double t = arr > ready_u ? arr : ready_u;
			int c = b;
			if (brk && is_break(s, b)) {
				/* u is over before the break must start. */
				if (t + svc_u > s->bdue[r])
					continue;
				c = nd[p + 1];
			}
			if (t + svc_u + tm_u[loc[c]] > rt->lst[p])
				continue;
			/* Before a break, u hands it the travel to c; after it,
			 * the break moves from b's place to u's. */
			double d = cm[(size_t)loc[x] * L + lu] + cm_u[loc[c]];
			if (!empty)
				d -= cm[(size_t)loc[x] * L + (size_t)loc[c]];
			if (s->weighted) {
				/* Travel minutes stand in for the cost change in
				 * the work estimate. */
				double over = over0 + d + svc_u;
				d = s->w_travel * d + extra;
				if (over > 0)
					d += s->w_balance * over * over / 60.0;
				if (over0 > 0)
					d -= s->w_balance * over0 * over0 / 60.0;
			}
			if (d < best) {
				best = d;
				best_r = r;
				*best_pos = p;
			}
		}
	}
	return best_r;
}

static void insert_at(struct solver *s, struct state *st, int u, int r, int p)
{
	struct route *rt = &st->routes[r];
	if (route_empty(s, r, rt))
		st->used++;
	memmove(&rt->node[p + 1], &rt->node[p], (size_t)(rt->len - p) * sizeof(int));
	rt->node[p] = u;
	rt->len++;
	for (int i = p; i < rt->len - 1; i++)
		st->pos_of[rt->node[i]] = i;
	st->route_of[u] = r;
	route_update(s, st, r);
	mark_dirty(s, r);
}

/* Orders the removed visits by one of SISR's criteria (random, largest
 * demand, farthest from the depot, closest to it), plus earliest window
 * start and highest absence count, which help with time windows and with
 * the fleet phase respectively. */
static void recreate_sort(struct solver *s, int use_absence)
{
	int m = s->n_removed;
	int *v = s->removed;
	for (int i = m - 1; i > 0; i--) {
		int j = plan_rng_below(&s->rng, i + 1);
		int t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
	int pick = plan_rng_below(&s->rng, use_absence ? 14 : 13);
	if (pick < 4)
		return; /* random */
	for (int i = 0; i < m; i++) {
		int u = v[i];
		double k;
		if (pick < 8)
			k = -(double)s->dem[u];
		else if (pick < 10)
			k = -s->depot_dist[u];
		else if (pick < 11)
			k = s->depot_dist[u];
		else if (pick < 13)
			k = s->ready[u];
		else
			k = -(double)s->absence[u];
		s->key[u] = k;
	}
	for (int i = 1; i < m; i++) {
		int u = v[i];
		double k = s->key[u];
		int j = i - 1;
		while (j >= 0 && s->key[v[j]] > k) {
			v[j + 1] = v[j];
			j--;
		}
		v[j + 1] = u;
	}
}

static void recreate(struct solver *s, struct state *st, int use_absence)
{
	/* The pool joins the visits just removed: every step retries them. */
	for (int i = 0; i < st->n_unplaced; i++)
		s->removed[s->n_removed++] = st->unplaced[i];
	st->n_unplaced = 0;
	recreate_sort(s, use_absence);
	for (int i = 0; i < s->n_removed; i++) {
		int u = s->removed[i], p = 0;
		int r = insert_find(s, st, u, &p);
		if (r >= 0)
			insert_at(s, st, u, r, p);
		else
			st->unplaced[st->n_unplaced++] = u;
	}
	s->n_removed = 0;
}

/* ---- heterogeneous workers ---------------------------------------------- */

/* Cost (the search's objective) of worker q driving route rt's visits in
 * the same order, or -1 when q cannot (skills, capacity, windows, shift,
 * break).  Worker r's break becomes q's; a route without a break cannot go
 * to a worker who needs one. */
static double route_cost_with(const struct solver *s, const struct route *rt, int r, int q)
{
	int *nd = s->scratch, len = 0;
	int has_r = s->base[r] == 3, has_q = s->base[q] == 3;
	if (has_q && !has_r)
		return -1;
	nd[len++] = s->n + 2 * q;
	for (int i = 1; i < rt->len - 1; i++) {
		int v = rt->node[i];
		if (is_break(s, v)) {
			if (has_q)
				nd[len++] = s->brk0 + q;
			continue;
		}
		if (!s->compat[(size_t)v * (size_t)s->w + (size_t)q])
			return -1;
		nd[len++] = v;
	}
	nd[len++] = s->n + 2 * q + 1;

	double t = s->ready[nd[0]], c = 0, work = 0, pen = 0;
	long long load = 0;
	for (int i = 1; i < len; i++) {
		int a = nd[i - 1], b = nd[i];
		double tt = arc_tt(s, q, nd, i);
		if (is_break(s, b) && t + s->svc[a] > s->bdue[q])
			return -1;
		t += s->svc[a] + tt;
		if (t < s->ready[b])
			t = s->ready[b];
		if (t > s->due[b])
			return -1;
		c += arc_cc(s, q, nd, i);
		load += s->dem[b];
		if (s->weighted)
			work_add(s, q, b, tt, &work, &pen);
	}
	if (load > s->cap[q])
		return -1;
	return s->weighted ? route_objective(s, q, c, pen, work, t) : c;
}

/* Hands route a's visits to worker b and b's to worker a. */
static void route_swap_workers(struct solver *s, struct state *st, int a, int b)
{
	struct route tmp = st->routes[a];
	st->routes[a] = st->routes[b];
	st->routes[b] = tmp;
	int ids[2] = {a, b};
	for (int k = 0; k < 2; k++) {
		struct route *rt = &st->routes[ids[k]];
		rt->node[0] = s->n + 2 * ids[k];
		rt->node[rt->len - 1] = s->n + 2 * ids[k] + 1;
		/* Each worker keeps its own break (route_cost_with() allowed the
		 * swap only where that works); one without drops the other's. */
		int out = 1, seen = 0;
		for (int i = 1; i < rt->len; i++) {
			int v = rt->node[i];
			if (is_break(s, v)) {
				seen = 1;
				if (s->base[ids[k]] == 3)
					rt->node[out++] = s->brk0 + ids[k];
				continue;
			}
			/* An empty route of a worker without a break gets one. */
			if (i == rt->len - 1 && !seen && s->base[ids[k]] == 3)
				rt->node[out++] = s->brk0 + ids[k];
			rt->node[out++] = v;
		}
		rt->len = out;
		/* The cached cost moved with the arrays; recharge it here. */
		st->cost -= rt->cost;
		rt->cost = 0;
		route_update(s, st, ids[k]);
		for (int i = 1; i < rt->len - 1; i++) {
			st->route_of[rt->node[i]] = ids[k];
			st->pos_of[rt->node[i]] = i;
		}
		mark_dirty(s, ids[k]);
	}
}

/* Greedy insertion never moves a whole route to a different kind of
 * worker (it would have to pass through worse solutions), so after each
 * step the touched routes try every other kind of worker, idle or busy. */
static void improve_workers(struct solver *s, struct state *st)
{
	int m = s->n_dirty;
	for (int k = 0; k < m; k++) {
		int r = s->dirty_list[k];
		if (route_empty(s, r, &st->routes[r]))
			continue;
		for (int q = 0; q < s->w; q++) {
			if (s->wclass[q] == s->wclass[r])
				continue;
			const struct route *rr = &st->routes[r], *rq = &st->routes[q];
			double c1 = route_cost_with(s, rr, r, q);
			if (c1 < 0)
				continue;
			double c2 = !route_empty(s, q, rq) ? route_cost_with(s, rq, q, r) : 0;
			if (c2 < 0)
				continue;
			if (c1 + c2 < rr->cost + rq->cost - 1e-9)
				route_swap_workers(s, st, r, q);
		}
	}
}

/* ---- search ------------------------------------------------------------ */

static int search_should_stop(struct solver *s, double phase_end_time, long phase_end_iter)
{
	if (phase_end_iter > 0 && s->iter >= phase_end_iter)
		return 1;
	if (s->limit > 0 && (s->iter & 15) == 0 && solver_elapsed(s) >= phase_end_time)
		return 1;
	return 0;
}

static long absence_sum(const struct solver *s, const struct state *st)
{
	long sum = 0;
	for (int i = 0; i < st->n_unplaced; i++)
		sum += s->absence[st->unplaced[i]];
	return sum;
}

static void commit_or_rollback(struct solver *s, int accept)
{
	if (accept)
		state_copy(s, &s->cur, &s->work, s->dirty_list, s->n_dirty);
	else
		state_copy(s, &s->work, &s->cur, s->dirty_list, s->n_dirty);
	clear_dirty(s);
}

static int fleet_lower_bound(const struct solver *s)
{
	/* Identical capacities are the common case (Solomon); otherwise the
	 * bound is just 1 and the phase runs on time alone. */
	long total = 0;
	for (int i = 0; i < s->n_active; i++)
		total += s->dem[s->active[i]];
	int cap = s->cap[0];
	for (int r = 1; r < s->w; r++)
		if (s->cap[r] != cap)
			return s->n_active > 0;
	if (cap == INT_MAX || cap <= 0)
		return s->n_active > 0;
	return (int)((total + cap - 1) / cap);
}

/*
 * Runs until the fleet reaches its lower bound, the phase's budget ends,
 * or nothing improves for `stall` seconds (or stall_iter iterations).
 *
 * A solution counts as complete when it leaves at most `level` visits out.
 * The level starts at 0; if some visits cannot all be placed (only known
 * when the search stalls), the level rises to the fewest ever left out and
 * the fleet is then minimised at that level, so that a workload too big
 * for the workers still gets the fewest workers for the most visits.
 */
static void phase_fleet(struct solver *s, double end_time, long end_iter, double stall,
			long stall_iter)
{
	int lb = fleet_lower_bound(s);
	int level = 0;
	double last_time = s->limit > 0 ? solver_elapsed(s) : 0;
	long last_iter = s->iter;

	for (;;) {
		if (s->cur.n_unplaced <= level) {
			if (state_better(s, &s->cur, &s->best))
				state_copy(s, &s->best, &s->cur, NULL, 0);
			/* The weighted objective does not count workers: the
			 * phase only gets every visit placed. */
			if (s->weighted || s->cur.used <= (level == 0 ? lb : 1))
				return;
			last_iter = s->iter;
			if (s->limit > 0)
				last_time = solver_elapsed(s);
			ruin_route(s, &s->cur);
			s->max_routes = s->cur.used;
			state_copy(s, &s->work, &s->cur, NULL, 0);
		}
		if (search_should_stop(s, end_time, end_iter))
			return;
		int stalled = (stall_iter > 0 && s->iter - last_iter > stall_iter) ||
			      (s->limit > 0 && stall > 0 && (s->iter & 15) == 0 &&
			       solver_elapsed(s) - last_time > stall);
		if (stalled) {
			if (level >= s->best.n_unplaced)
				return;
			level = s->best.n_unplaced;
			state_copy(s, &s->cur, &s->best, NULL, 0);
			state_copy(s, &s->work, &s->best, NULL, 0);
			s->max_routes = s->cur.used;
			continue;
		}
		s->iter++;
		ruin_strings(s, &s->work);
		recreate(s, &s->work, 1);
		state_resum(s, &s->work);
		long a_work = absence_sum(s, &s->work), a_cur = absence_sum(s, &s->cur);
		int accept = s->work.n_unplaced < s->cur.n_unplaced || a_work < a_cur ||
			     (a_work == a_cur && s->work.n_unplaced == s->cur.n_unplaced &&
			      s->work.cost < s->cur.cost);
		commit_or_rollback(s, accept);
		for (int i = 0; i < s->cur.n_unplaced; i++)
			s->absence[s->cur.unplaced[i]]++;
		if (s->cur.n_unplaced < s->best.n_unplaced) {
			state_copy(s, &s->best, &s->cur, NULL, 0);
			last_iter = s->iter;
			if (s->limit > 0)
				last_time = solver_elapsed(s);
		}
	}
}

static void phase_cost(struct solver *s, double start_time, double end_time, long end_iter,
		       double temp_start, double temp_end)
{
	long start_iter = s->iter;
	/* Temperatures relative to the average edge so that the schedule does
	 * not depend on the unit of the cost matrix. */
	int placed = s->n_active - s->cur.n_unplaced;
	double edge = placed > 0 ? s->cur.cost / (placed + s->cur.used) : 1.0;
	double t_hi = temp_start * edge, t_lo = temp_end * edge;
	double temp = t_hi;

	for (;;) {
		if (search_should_stop(s, end_time, end_iter))
			return;
		if ((s->iter & 15) == 0) {
			double f;
			if (end_iter > 0)
				f = (double)(s->iter - start_iter) / (double)(end_iter - start_iter);
			else
				f = (solver_elapsed(s) - start_time) / (end_time - start_time);
			if (f < 0)
				f = 0;
			if (f > 1)
				f = 1;
			temp = t_hi * pow(t_lo / t_hi, f);
		}
		s->iter++;
		ruin_strings(s, &s->work);
		recreate(s, &s->work, 0);
		if (s->n_class > 1)
			improve_workers(s, &s->work);
		int accept;
		if (s->work.n_unplaced != s->cur.n_unplaced)
			accept = s->work.n_unplaced < s->cur.n_unplaced;
		else if (!s->weighted && s->work.used != s->cur.used)
			accept = s->work.used < s->cur.used;
		else
			accept = s->work.cost < s->cur.cost - temp * log(1.0 - plan_rng_real(&s->rng));
		commit_or_rollback(s, accept);
		if (accept && state_better(s, &s->cur, &s->best)) {
			state_resum(s, &s->cur);
			state_copy(s, &s->best, &s->cur, NULL, 0);
		}
	}
}

/* ---- setup ------------------------------------------------------------- */

/* Shortest travel times from (or, reversed, to) one location over any
 * chain of locations: dense Dijkstra, O(L^2).  Used only to screen visits,
 * so that a matrix without the triangle inequality, where going through
 * another client can be faster than going direct, never makes the screen
 * reject a visit that some route could serve. */
static void shortest_times(const double *m, int nl, int src, int reverse, double *dist,
			   unsigned char *done)
{
	size_t L = (size_t)nl;
	for (size_t i = 0; i < L; i++) {
		dist[i] = INFINITY;
		done[i] = 0;
	}
	dist[src] = 0;
	for (size_t k = 0; k < L; k++) {
		size_t u = L;
		for (size_t i = 0; i < L; i++)
			if (!done[i] && (u == L || dist[i] < dist[u]))
				u = i;
		if (u == L || isinf(dist[u]))
			break;
		done[u] = 1;
		for (size_t v = 0; v < L; v++) {
			double d = dist[u] + (reverse ? m[v * L + u] : m[u * L + v]);
			if (d < dist[v])
				dist[v] = d;
		}
	}
}

/* Can worker w serve visit v if it had nothing else to do?  `from` and
 * `to` are shortest times from its start and to its end location: lower
 * bounds, so a "no" here is certain.  With a break, other visits can
 * change where it falls, so the test relaxes its place too. */
static int visit_fits_alone(const struct plan_problem *pb, int v, int w, const double *from,
			    const double *to)
{
	const struct plan_visit *vi = &pb->visits[v];
	const struct plan_worker *wk = &pb->workers[w];
	if (!(vi->ready <= vi->due))
		return 0;
	double arrive = wk->shift_start + from[vi->loc];
	double t = arrive < vi->ready ? vi->ready : arrive;
	if (wk->break_duration <= 0) {
		if (t > vi->due)
			return 0;
		return t + vi->service + to[vi->loc] <= wk->shift_end;
	}
	/* With a break, before or after the visit.  Other visits decide
	 * where the break falls, so both cases are relaxations: before, the
	 * break may be taken anywhere once its window opens (the window lies
	 * in the shift), and the travel must still fit. */
	double b_due = wk->break_end - wk->break_duration;
	double t1 = wk->break_start + wk->break_duration;
	if (t1 < arrive + wk->break_duration)
		t1 = arrive + wk->break_duration;
	if (t1 < vi->ready)
		t1 = vi->ready;
	if (t1 <= vi->due && t1 + vi->service + to[vi->loc] <= wk->shift_end)
		return 1;
	double b;
	/* After the visit: the break starts once the visit is over (the
	 * route may bring the worker past other clients first), and it and
	 * the way back both fit in the shift.  A relaxation, so a "no" is
	 * certain. */
	if (t > vi->due)
		return 0;
	double over = t + vi->service;
	b = over < wk->break_start ? wk->break_start : over;
	return b <= b_due && b + wk->break_duration <= wk->shift_end &&
	       over + to[vi->loc] + wk->break_duration <= wk->shift_end;
}

static int worker_same(const struct plan_worker *a, const struct plan_worker *b)
{
	return a->start_loc == b->start_loc && a->end_loc == b->end_loc &&
	       a->shift_start == b->shift_start && a->shift_end == b->shift_end &&
	       a->capacity == b->capacity && a->skills == b->skills &&
	       a->break_start == b->break_start && a->break_end == b->break_end &&
	       a->break_duration == b->break_duration && a->mode == b->mode &&
	       a->regular_end == b->regular_end && a->absent == b->absent;
}

static void solver_free(struct solver *s)
{
	free(s->loc);
	free(s->ready);
	free(s->due);
	free(s->svc);
	free(s->dem);
	free(s->cap);
	free(s->wclass);
	free(s->compat);
	free(s->active);
	free(s->nbr);
	free(s->nbr_row);
	free(s->depot_dist);
	free(s->absence);
	free(s->dirty);
	free(s->dirty_list);
	free(s->removed);
	free(s->key);
	free(s->class_stamp);
	free(s->ttm);
	free(s->ccm);
	free(s->base);
	free(s->bdue);
	free(s->pen);
	free(s->regular_end);
	free(s->scratch);
	state_free(&s->cur, s->w);
	state_free(&s->work, s->w);
	state_free(&s->best, s->w);
	state_free(&s->keep, s->w);
}

struct keyed {
	double key;
	int id;
};

static int keyed_cmp(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

/* Sorts the row of neighbours of one visit by round-trip cost (ties by
 * index, so the order is the same on every C library). */
static void sort_neighbours(const struct solver *s, int u, int *row, int count,
			    struct keyed *buf)
{
	for (int i = 0; i < count; i++) {
		buf[i].key = cc_of(s, u, row[i]) + cc_of(s, row[i], u);
		buf[i].id = row[i];
	}
	qsort(buf, (size_t)count, sizeof(*buf), keyed_cmp);
	for (int i = 0; i < count; i++)
		row[i] = buf[i].id;
}

/* The matrix of mode m. */
static const double *mode_matrix(const struct plan_problem *pb, int m)
{
	return pb->travel + (size_t)m * (size_t)pb->n_locs * (size_t)pb->n_locs;
}

static int solver_setup(struct solver *s, const struct plan_problem *pb,
			const struct plan_options *opt, enum plan_unplaced_reason *why)
{
	int n = pb->n_visits, w = pb->n_workers, nn = n + 3 * w;
	s->n = n;
	s->w = w;
	s->nl = pb->n_locs;
	s->brk0 = n + 2 * w;
	s->cc = pb->cost ? pb->cost : mode_matrix(pb, w > 0 ? pb->workers[0].mode : 0);
	s->weighted = opt->objective == PLAN_OBJECTIVE_WEIGHTED;
	s->warm = opt->warm;

	s->loc = malloc((size_t)nn * sizeof(int));
	s->ready = malloc((size_t)nn * sizeof(double));
	s->due = malloc((size_t)nn * sizeof(double));
	s->svc = malloc((size_t)nn * sizeof(double));
	s->dem = malloc((size_t)nn * sizeof(int));
	s->cap = malloc((size_t)(w > 0 ? w : 1) * sizeof(int));
	s->wclass = malloc((size_t)(w > 0 ? w : 1) * sizeof(int));
	s->class_stamp = calloc((size_t)(w > 0 ? w : 1), sizeof(int));
	s->ttm = malloc((size_t)(w > 0 ? w : 1) * sizeof(*s->ttm));
	s->ccm = malloc((size_t)(w > 0 ? w : 1) * sizeof(*s->ccm));
	s->base = malloc((size_t)(w > 0 ? w : 1) * sizeof(int));
	s->bdue = malloc((size_t)(w > 0 ? w : 1) * sizeof(double));
	s->regular_end = calloc((size_t)(w > 0 ? w : 1), sizeof(double));
	s->scratch = malloc((size_t)(n + 3) * sizeof(int));
	s->compat = calloc((size_t)(n > 0 ? n : 1) * (size_t)(w > 0 ? w : 1), 1);
	s->active = malloc((size_t)(n > 0 ? n : 1) * sizeof(int));
	s->nbr_row = malloc((size_t)(n > 0 ? n : 1) * sizeof(int));
	s->depot_dist = calloc((size_t)(n > 0 ? n : 1), sizeof(double));
	s->absence = calloc((size_t)(n > 0 ? n : 1), sizeof(long));
	s->dirty = calloc((size_t)(w > 0 ? w : 1), 1);
	s->dirty_list = malloc((size_t)(w > 0 ? w : 1) * sizeof(int));
	s->removed = malloc((size_t)(n > 0 ? n : 1) * sizeof(int));
	s->key = malloc((size_t)(n > 0 ? n : 1) * sizeof(double));
	if (!s->loc || !s->ready || !s->due || !s->svc || !s->dem || !s->cap || !s->wclass ||
	    !s->class_stamp || !s->ttm || !s->ccm || !s->base || !s->bdue || !s->regular_end || !s->scratch ||
	    !s->compat || !s->active || !s->nbr_row || !s->depot_dist || !s->absence ||
	    !s->dirty || !s->dirty_list || !s->removed || !s->key)
		return PLAN_ERR_NOMEM;

	for (int i = 0; i < n; i++) {
		const struct plan_visit *v = &pb->visits[i];
		s->loc[i] = v->loc >= 0 ? v->loc : 0; /* never routed when -1 */
		s->ready[i] = v->ready;
		s->due[i] = v->due;
		s->svc[i] = v->service;
		s->dem[i] = v->demand;
	}
	for (int r = 0; r < w; r++) {
		const struct plan_worker *wk = &pb->workers[r];
		for (int k = 0; k < 2; k++) {
			int id = n + 2 * r + k;
			s->loc[id] = k == 0 ? wk->start_loc : wk->end_loc;
			s->ready[id] = wk->shift_start;
			s->due[id] = wk->shift_end;
			s->svc[id] = 0;
			s->dem[id] = 0;
		}
		/* The break node: its place is the next node's (arc_tt). */
		int b = s->brk0 + r;
		s->loc[b] = wk->end_loc;
		s->ready[b] = wk->break_start;
		s->due[b] = wk->shift_end;
		s->bdue[r] = wk->break_end - wk->break_duration;
		s->svc[b] = wk->break_duration;
		s->dem[b] = 0;
		s->base[r] = wk->break_duration > 0 ? 3 : 2;
		s->ttm[r] = mode_matrix(pb, wk->mode);
		s->ccm[r] = pb->cost ? pb->cost : s->ttm[r];
		s->regular_end[r] = s->weighted ? wk->regular_end : 0;
		s->cap[r] = wk->capacity < 0 ? INT_MAX : wk->capacity;
		s->wclass[r] = r;
		for (int q = 0; q < r; q++) {
			if (worker_same(wk, &pb->workers[q])) {
				s->wclass[r] = s->wclass[q];
				break;
			}
		}
	}

	/* Assignment penalties: continuity of care and announced workers.
	 * They make otherwise identical workers different. */
	int any_pen = 0;
	if (s->weighted) {
		for (int i = 0; i < n && !any_pen; i++)
			any_pen = pb->visits[i].n_preferred > 0 || (pb->announced && pb->announced[i] >= 0);
	}
	if (any_pen) {
		s->pen = calloc((size_t)(n > 0 ? n : 1) * (size_t)(w > 0 ? w : 1), sizeof(double));
		if (!s->pen)
			return PLAN_ERR_NOMEM;
		for (int i = 0; i < n; i++) {
			const struct plan_visit *v = &pb->visits[i];
			double *row = &s->pen[(size_t)i * (size_t)w];
			if (v->n_preferred > 0) {
				double c = opt->weights.continuity * (v->continuity > 0 ? v->continuity : 1);
				for (int r = 0; r < w; r++)
					row[r] = c;
				for (int k = 0; k < v->n_preferred; k++)
					row[v->preferred[k]] = 0;
			}
			if (pb->announced && pb->announced[i] >= 0) {
				for (int r = 0; r < w; r++)
					if (r != pb->announced[i])
						row[r] += opt->weights.change;
			}
		}
		for (int r = 0; r < w; r++)
			s->wclass[r] = r;
	}
	if (s->weighted) {
		s->w_travel = opt->weights.travel;
		s->w_overtime = opt->weights.overtime;
		s->w_balance = opt->weights.balance;
	}

	s->n_class = 0;
	for (int r = 0; r < w; r++)
		s->n_class += s->wclass[r] == r;

	/* Screen each visit on its own so that impossible ones are reported
	 * with the most specific reason and never enter the search. */
	unsigned char *flags = calloc((size_t)(n > 0 ? n : 1), 1);
	size_t nl = (size_t)(s->nl > 0 ? s->nl : 1);
	double *from = malloc(nl * sizeof(double));
	double *to = malloc(nl * sizeof(double));
	unsigned char *done = malloc(nl);
	if (!flags || !from || !to || !done) {
		free(flags);
		free(from);
		free(to);
		free(done);
		return PLAN_ERR_NOMEM;
	}
	enum { SKILLED = 1, PRESENT = 2, TIMELY = 4, FITS = 8 };
	for (int r = 0; r < w; r++) {
		const struct plan_worker *wk = &pb->workers[r];
		/* Workers usually share depots and modes: recompute only on a
		 * change. */
		const struct plan_worker *pw = r > 0 ? &pb->workers[r - 1] : NULL;
		if (!pw || wk->start_loc != pw->start_loc || wk->mode != pw->mode)
			shortest_times(s->ttm[r], s->nl, wk->start_loc, 0, from, done);
		if (!pw || wk->end_loc != pw->end_loc || wk->mode != pw->mode)
			shortest_times(s->ttm[r], s->nl, wk->end_loc, 1, to, done);
		for (int i = 0; i < n; i++) {
			const struct plan_visit *v = &pb->visits[i];
			if (v->loc < 0 || (v->skills & ~wk->skills) != 0)
				continue;
			flags[i] |= SKILLED;
			if (wk->absent)
				continue;
			flags[i] |= PRESENT;
			if (!visit_fits_alone(pb, i, r, from, to))
				continue;
			flags[i] |= TIMELY;
			if (v->demand > s->cap[r])
				continue;
			flags[i] |= FITS;
			s->compat[(size_t)i * (size_t)w + (size_t)r] = 1;
		}
	}
	free(from);
	free(to);
	free(done);
	s->n_active = 0;
	double service = 0;
	for (int i = 0; i < n; i++) {
		/* Faults of the visit's own data first, then of the workers. */
		const struct plan_visit *vi = &pb->visits[i];
		why[i] = vi->loc < 0		 ? PLAN_UNPLACED_NO_LOCATION
			 : !(vi->ready <= vi->due) ? PLAN_UNPLACED_WINDOW
			 : !(flags[i] & SKILLED) ? PLAN_UNPLACED_NO_SKILL
			 : !(flags[i] & PRESENT) ? PLAN_UNPLACED_NO_WORKER
			 : !(flags[i] & TIMELY)	 ? PLAN_UNPLACED_WINDOW
			 : !(flags[i] & FITS)	 ? PLAN_UNPLACED_CAPACITY
						 : PLAN_UNPLACED_NONE;
		s->nbr_row[i] = -1;
		if (flags[i] & FITS) {
			s->nbr_row[i] = s->n_active;
			s->active[s->n_active++] = i;
			service += s->svc[i];
		}
		double dd = DBL_MAX;
		for (int r = 0; r < w; r++) {
			double d = cc_of(s, n + 2 * r, i);
			if (d < dd)
				dd = d;
		}
		s->depot_dist[i] = w > 0 ? dd : 0;
	}
	free(flags);

	/* Fair share of work for the balance term: the service to be done
	 * spread over the workers present. */
	int present = 0;
	for (int r = 0; r < w; r++)
		present += !pb->workers[r].absent;
	s->fair = present > 0 ? service / present : 0;

	s->triangle = 0;
	if (s->nl <= TRIANGLE_CHECK_MAX_LOCS) {
		int ok = 1;
		int modes = pb->n_modes > 1 ? pb->n_modes : 1;
		size_t L = (size_t)s->nl;
		for (int m = 0; m < modes && ok; m++) {
			const double *t = mode_matrix(pb, m);
			for (size_t a = 0; a < L && ok; a++)
				for (size_t b = 0; b < L && ok; b++)
					for (size_t c = 0; c < L; c++)
						if (t[a * L + c] + t[c * L + b] < t[a * L + b] - 1e-9) {
							ok = 0;
							break;
						}
		}
		s->triangle = ok;
	}

	s->n_nbr = s->n_active < NEIGHBOUR_MAX ? s->n_active : NEIGHBOUR_MAX;
	if (s->n_active > 0) {
		s->nbr = malloc((size_t)s->n_active * (size_t)s->n_nbr * sizeof(int));
		int *row = malloc((size_t)s->n_active * sizeof(int));
		struct keyed *kb = malloc((size_t)s->n_active * sizeof(*kb));
		if (!s->nbr || !row || !kb) {
			free(row);
			free(kb);
			return PLAN_ERR_NOMEM;
		}
		for (int i = 0; i < s->n_active; i++) {
			int u = s->active[i];
			memcpy(row, s->active, (size_t)s->n_active * sizeof(int));
			sort_neighbours(s, u, row, s->n_active, kb);
			/* The seed itself comes first: its own string is cut. */
			int *dst = &s->nbr[(size_t)i * (size_t)s->n_nbr];
			dst[0] = u;
			int k = 1;
			for (int j = 0; j < s->n_active && k < s->n_nbr; j++)
				if (row[j] != u)
					dst[k++] = row[j];
		}
		free(row);
		free(kb);
	}

	int rc = state_alloc(&s->cur, n, w);
	if (rc == 0)
		rc = state_alloc(&s->work, n, w);
	if (rc == 0)
		rc = state_alloc(&s->best, n, w);
	if (rc == 0)
		rc = state_alloc(&s->keep, n, w);
	return rc;
}

/* Empties every route of st and its pool. */
static void state_reset(struct solver *s, struct state *st)
{
	for (int i = 0; i < s->n; i++)
		st->route_of[i] = -1;
	for (int r = 0; r < s->w; r++) {
		struct route *rt = &st->routes[r];
		rt->len = 0;
		rt->node[rt->len++] = s->n + 2 * r;
		if (s->base[r] == 3)
			rt->node[rt->len++] = s->brk0 + r;
		rt->node[rt->len++] = s->n + 2 * r + 1;
		rt->cost = 0;
		route_update(s, st, r);
	}
	st->n_unplaced = 0;
	st->cost = 0;
	st->used = 0;
}

/* Builds st's routes from the warm solution: each worker's visits in the
 * announced order with its break where it was, dropping what is no longer
 * possible (absent worker, lost skill, late).  Visits not kept go to
 * s->removed for the greedy insertion. */
static void state_warm(struct solver *s, struct state *st, const struct plan_solution *warm)
{
	unsigned char *kept = (unsigned char *)s->key; /* n bytes of scratch */
	memset(kept, 0, (size_t)s->n);
	if (warm->n_workers == s->w && warm->n_visits == s->n && warm->route_start) {
		for (int r = 0; r < s->w; r++) {
			struct route *rt = &st->routes[r];
			int len = 0, k0 = warm->route_start[r], k1 = warm->route_start[r + 1];
			int brk = warm->break_after ? warm->break_after[r] : 0;
			rt->node[len++] = s->n + 2 * r;
			for (int k = k0; k < k1; k++) {
				int v = warm->route_visits[k];
				if (s->base[r] == 3 && k - k0 == brk)
					rt->node[len++] = s->brk0 + r;
				if (v < 0 || v >= s->n || kept[v] ||
				    !s->compat[(size_t)v * (size_t)s->w + (size_t)r])
					continue;
				kept[v] = 1;
				rt->node[len++] = v;
			}
			if (s->base[r] == 3 && brk >= k1 - k0)
				rt->node[len++] = s->brk0 + r;
			rt->node[len++] = s->n + 2 * r + 1;
			rt->len = len;
			for (int i = 1; i < len - 1; i++) {
				st->route_of[rt->node[i]] = r;
				st->pos_of[rt->node[i]] = i;
			}
			route_update(s, st, r);
			route_repair(s, st, r);
			/* route_repair() put the dropped visits in s->removed. */
			for (int i = 0; i < s->n_removed; i++)
				kept[s->removed[i]] = 0;
			s->n_removed = 0;
			st->used += !route_empty(s, r, rt);
		}
	}
	for (int i = 0; i < s->n_active; i++)
		if (!kept[s->active[i]])
			s->removed[s->n_removed++] = s->active[i];
	clear_dirty(s);
}

/*
 * One independent search from scratch between times t0 and t1 (seconds
 * since the start; ignored without a time limit) and iterations i0 and i1
 * (ignored without an iteration limit): greedy start, fleet phase, cost
 * phase.  Leaves its result in s->best.
 */
static void search_run(struct solver *s, const struct plan_options *opt, double t0, double t1,
		       long i0, long i1)
{
	state_reset(s, &s->cur);
	memset(s->absence, 0, (size_t)(s->n > 0 ? s->n : 1) * sizeof(long));
	s->max_routes = s->w;
	if (s->warm) {
		state_warm(s, &s->cur, s->warm);
	} else {
		for (int i = 0; i < s->n_active; i++)
			s->removed[s->n_removed++] = s->active[i];
	}
	recreate(s, &s->cur, 0);
	clear_dirty(s);
	state_resum(s, &s->cur);
	state_copy(s, &s->work, &s->cur, NULL, 0);
	state_copy(s, &s->best, &s->cur, NULL, 0);
	if (s->n_active == 0 || s->w == 0)
		return;

	double share = opt->fleet_share;
	double stall = opt->fleet_stall > 0 ? opt->fleet_stall : 0.2;
	long fleet_iter = 0, stall_iter = 0;
	if (s->max_iter > 0) {
		fleet_iter = i0 + (long)((double)(i1 - i0) * share);
		if (fleet_iter <= i0)
			fleet_iter = i0 + 1;
		stall_iter = (long)((double)(i1 - i0) * stall);
	}
	phase_fleet(s, t0 + (t1 - t0) * share, fleet_iter, (t1 - t0) * stall, stall_iter);

	state_copy(s, &s->cur, &s->best, NULL, 0);
	state_copy(s, &s->work, &s->best, NULL, 0);
	s->max_routes = s->best.used > 0 ? s->best.used : 1;
	if (s->best.n_unplaced > 0 || s->weighted)
		s->max_routes = s->w;
	double start = s->limit > 0 ? solver_elapsed(s) : 0;
	phase_cost(s, start, t1, i1, opt->temp_start > 0 ? opt->temp_start : DEFAULT_TEMP_START,
		   opt->temp_end > 0 ? opt->temp_end : DEFAULT_TEMP_END);
}

/* ---- public ------------------------------------------------------------ */

void plan_options_init(struct plan_options *opt)
{
	opt->time_limit = 1.0;
	opt->max_iterations = 0;
	opt->seed = 1;
	opt->fleet_share = 0.5;
	opt->temp_start = 0;
	opt->temp_end = 0;
	opt->fleet_stall = 0;
	opt->runs = 0;
	opt->objective = PLAN_OBJECTIVE_FLEET;
	opt->weights.travel = 1;
	opt->weights.continuity = 20;
	opt->weights.change = 30;
	opt->weights.overtime = 2;
	opt->weights.balance = 0.5;
	opt->warm = NULL;
}

void plan_solution_init(struct plan_solution *sol)
{
	memset(sol, 0, sizeof(*sol));
}

void plan_solution_release(struct plan_solution *sol)
{
	if (!sol)
		return;
	free(sol->route_start);
	free(sol->route_visits);
	free(sol->start_time);
	free(sol->break_time);
	free(sol->break_after);
	free(sol->unplaced);
	free(sol->reason);
	memset(sol, 0, sizeof(*sol));
}

static int finite_nonneg(double x)
{
	return isfinite(x) && x >= 0;
}

int plan_problem_check(const struct plan_problem *pb)
{
	if (!pb || pb->n_locs < 0 || pb->n_visits < 0 || pb->n_workers < 0)
		return PLAN_ERR_INVALID;
	int modes = pb->n_modes > 1 ? pb->n_modes : 1;
	if (pb->n_modes < 0 || pb->n_modes > 16)
		return PLAN_ERR_INVALID;
	if ((pb->n_locs > 0 && !pb->travel) || (pb->n_visits > 0 && !pb->visits) ||
	    (pb->n_workers > 0 && !pb->workers))
		return PLAN_ERR_INVALID;
	if (pb->n_locs > 0 && (size_t)pb->n_locs > SIZE_MAX / sizeof(double) / (size_t)pb->n_locs)
		return PLAN_ERR_INVALID;
	size_t cells = (size_t)pb->n_locs * (size_t)pb->n_locs;
	if (cells > SIZE_MAX / sizeof(double) / (size_t)modes)
		return PLAN_ERR_INVALID;
	for (size_t i = 0; i < cells * (size_t)modes; i++)
		if (!finite_nonneg(pb->travel[i]))
			return PLAN_ERR_INVALID;
	for (size_t i = 0; pb->cost && i < cells; i++)
		if (!finite_nonneg(pb->cost[i]))
			return PLAN_ERR_INVALID;
	/* An unknown place (-1) is allowed: the visit is reported unplaced. */
	for (int i = 0; i < pb->n_visits; i++) {
		const struct plan_visit *v = &pb->visits[i];
		if (v->loc < -1 || v->loc >= pb->n_locs || !isfinite(v->ready) ||
		    !isfinite(v->due) || !finite_nonneg(v->service) || v->demand < 0 ||
		    !finite_nonneg(v->continuity) || v->n_preferred < 0 ||
		    (v->n_preferred > 0 && !v->preferred))
			return PLAN_ERR_INVALID;
		for (int k = 0; k < v->n_preferred; k++)
			if (v->preferred[k] < 0 || v->preferred[k] >= pb->n_workers)
				return PLAN_ERR_INVALID;
		if (pb->announced && (pb->announced[i] < -1 || pb->announced[i] >= pb->n_workers))
			return PLAN_ERR_INVALID;
	}
	for (int r = 0; r < pb->n_workers; r++) {
		const struct plan_worker *wk = &pb->workers[r];
		if (wk->start_loc < 0 || wk->start_loc >= pb->n_locs || wk->end_loc < 0 ||
		    wk->end_loc >= pb->n_locs || !isfinite(wk->shift_start) ||
		    !isfinite(wk->shift_end) || !isfinite(wk->break_start) ||
		    !isfinite(wk->break_end) || !finite_nonneg(wk->break_duration) ||
		    !isfinite(wk->regular_end) || wk->mode < 0 || wk->mode >= modes)
			return PLAN_ERR_INVALID;
		/* A break fits its window, and the window the shift. */
		if (wk->break_duration > 0 &&
		    (wk->break_end - wk->break_start < wk->break_duration ||
		     wk->break_start < wk->shift_start || wk->break_end > wk->shift_end))
			return PLAN_ERR_INVALID;
	}
	return 0;
}

static int solution_fill(const struct solver *s, const struct state *st,
			 const enum plan_unplaced_reason *why, struct plan_solution *out)
{
	int n = s->n, w = s->w;
	out->n_workers = w;
	out->n_visits = n;
	out->route_start = malloc((size_t)(w + 1) * sizeof(int));
	out->route_visits = malloc((size_t)(n > 0 ? n : 1) * sizeof(int));
	out->start_time = malloc((size_t)(n > 0 ? n : 1) * sizeof(double));
	out->unplaced = malloc((size_t)(n > 0 ? n : 1) * sizeof(int));
	out->reason = malloc((size_t)(n > 0 ? n : 1) * sizeof(*out->reason));
	out->break_time = malloc((size_t)(w > 0 ? w : 1) * sizeof(double));
	out->break_after = malloc((size_t)(w > 0 ? w : 1) * sizeof(int));
	if (!out->route_start || !out->route_visits || !out->start_time || !out->unplaced ||
	    !out->reason || !out->break_time || !out->break_after)
		return PLAN_ERR_NOMEM;
	for (int i = 0; i < n; i++)
		out->start_time[i] = -1;
	int k = 0;
	double cost = 0, objective = 0;
	out->n_used = 0;
	for (int r = 0; r < w; r++) {
		const struct route *rt = &st->routes[r];
		out->route_start[r] = k;
		out->break_time[r] = -1;
		out->break_after[r] = 0;
		if (route_empty(s, r, rt))
			continue;
		for (int i = 1; i < rt->len - 1; i++) {
			if (is_break(s, rt->node[i])) {
				/* It starts when the visit before is over. */
				double over = rt->est[i - 1] + s->svc[rt->node[i - 1]];
				out->break_time[r] = over > s->ready[rt->node[i]] ? over : s->ready[rt->node[i]];
				out->break_after[r] = k - out->route_start[r];
				continue;
			}
			out->route_visits[k++] = rt->node[i];
			out->start_time[rt->node[i]] = rt->est[i];
		}
		out->n_used++;
		cost += rt->dist;
		objective += rt->cost;
	}
	out->route_start[w] = k;
	out->cost = cost;
	out->objective = objective;
	out->n_unplaced = 0;
	for (int i = 0; i < n; i++) {
		if (why[i] != PLAN_UNPLACED_NONE) {
			out->unplaced[out->n_unplaced] = i;
			out->reason[out->n_unplaced++] = why[i];
		}
	}
	for (int i = 0; i < st->n_unplaced; i++) {
		out->unplaced[out->n_unplaced] = st->unplaced[i];
		out->reason[out->n_unplaced++] = PLAN_UNPLACED_SEARCH_LIMIT;
	}
	return 0;
}

int plan_solve(const struct plan_problem *pb, const struct plan_options *opt,
	       struct plan_solution *out)
{
	struct solver s;
	enum plan_unplaced_reason *why = NULL;
	int rc;

	if (!out)
		return PLAN_ERR_INVALID;
	plan_solution_init(out);
	if (!opt || (opt->time_limit <= 0 && opt->max_iterations <= 0) ||
	    !(opt->fleet_share >= 0 && opt->fleet_share <= 1) || !(opt->temp_start >= 0) || !(opt->fleet_stall >= 0) || opt->runs < 0 ||
	    !(opt->temp_end >= 0))
		return PLAN_ERR_INVALID;
	const struct plan_weights *wt = &opt->weights;
	if ((opt->objective != PLAN_OBJECTIVE_FLEET && opt->objective != PLAN_OBJECTIVE_WEIGHTED) ||
	    !finite_nonneg(wt->travel) || !finite_nonneg(wt->continuity) ||
	    !finite_nonneg(wt->change) || !finite_nonneg(wt->overtime) ||
	    !finite_nonneg(wt->balance))
		return PLAN_ERR_INVALID;
	rc = plan_problem_check(pb);
	if (rc)
		return rc;
	memset(&s, 0, sizeof(s));
	clock_gettime(CLOCK_MONOTONIC, &s.t0);
	s.limit = opt->time_limit;
	s.max_iter = opt->max_iterations;
	plan_rng_init(&s.rng, opt->seed);
	blink_draw(&s);
	why = calloc((size_t)(pb->n_visits > 0 ? pb->n_visits : 1), sizeof(*why));
	if (!why) {
		rc = PLAN_ERR_NOMEM;
		goto out;
	}
	rc = solver_setup(&s, pb, opt, why);
	if (rc)
		goto out;

	/* Independent runs: with the fleet capped, one run can settle in a
	 * poor basin (C205, RC202 once stayed 8-16% above best-known for the
	 * whole budget); a second start from scratch rarely does the same. */
	int runs = opt->runs > 0 ? opt->runs : DEFAULT_RUNS;
	double total = s.limit > 0 ? s.limit : 0;
	for (int k = 0; k < runs; k++) {
		long i0 = s.max_iter * k / runs, i1 = s.max_iter * (k + 1) / runs;
		search_run(&s, opt, total * k / runs, total * (k + 1) / runs, i0, i1);
		if (k == 0 || state_better(&s, &s.best, &s.keep))
			state_copy(&s, &s.keep, &s.best, NULL, 0);
	}

	rc = solution_fill(&s, &s.keep, why, out);
	out->iterations = s.iter;
	out->seconds = solver_elapsed(&s);
out:
	if (rc)
		plan_solution_release(out);
	free(why);
	solver_free(&s);
	return rc;
}

const char *plan_strerror(int code)
{
	switch (code) {
	case PLAN_OK: return "ok";
	case PLAN_ERR_INVALID: return "invalid argument or problem";
	case PLAN_ERR_NOMEM: return "out of memory";
	case PLAN_ERR_UNSUPPORTED: return "feature not supported yet";
	case PLAN_ERR_PARSE: return "malformed input";
	case PLAN_ERR_IO: return "input could not be read";
	case PLAN_ERR_RANGE: return "input exceeds a size limit";
	case PLAN_ERR_BAD_INDEX: return "visit or worker index out of range";
	case PLAN_ERR_DUPLICATE_VISIT: return "visit placed more than once";
	case PLAN_ERR_MISSING_VISIT: return "visit neither placed nor reported unplaced";
	case PLAN_ERR_SKILL: return "worker lacks a required skill";
	case PLAN_ERR_CAPACITY: return "worker capacity exceeded";
	case PLAN_ERR_WINDOW: return "service starts after the visit's due time";
	case PLAN_ERR_SHIFT_END: return "worker back after the end of the shift";
	case PLAN_ERR_SCHEDULE: return "reported start time is impossible";
	case PLAN_ERR_COST_MISMATCH: return "reported cost or worker count is wrong";
	case PLAN_ERR_BAD_REASON: return "unplaced visit without a valid reason";
	case PLAN_ERR_BREAK: return "break missing, outside its window or overlapping";
	case PLAN_ERR_ABSENT: return "visit given to an absent worker or without a location";
	default: return "unknown error";
	}
}

const char *plan_reason_name(enum plan_unplaced_reason reason)
{
	switch (reason) {
	case PLAN_UNPLACED_NONE: return "placed";
	case PLAN_UNPLACED_NO_SKILL: return "no worker has the required skills";
	case PLAN_UNPLACED_WINDOW: return "time window cannot be reached";
	case PLAN_UNPLACED_CAPACITY: return "load exceeds every worker's capacity";
	case PLAN_UNPLACED_SEARCH_LIMIT: return "not fitted before the search limit";
	case PLAN_UNPLACED_NO_LOCATION: return "address has no usable coordinates";
	case PLAN_UNPLACED_NO_WORKER: return "every worker with the skills is absent";
	default: return "unknown reason";
	}
}
