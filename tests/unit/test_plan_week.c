/*
 * test_plan_week.c - unit tests for travel times, the weighted objective,
 * travel modes, absences, the instance generator, week planning and
 * re-planning (src/plan).  Every plan here goes through plan_validate().
 *
 * Deterministic: iteration limits, fixed seeds.  The one time-limit test
 * only checks that the limit is kept.
 */
/* clock_gettime() and CLOCK_MONOTONIC are POSIX, not C17. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "plan.h"
#include "plan_gen.h"
#include "plan_rng.h"
#include "plan_travel.h"
#include "plan_week.h"

static void expect_valid(const struct plan_problem *pb, const struct plan_solution *sol)
{
	struct plan_violation where;
	int rc = plan_validate(pb, sol, &where);
	if (rc)
		print_error("invalid plan: %s (worker %d, visit %d)\n", plan_strerror(rc),
			    where.worker, where.visit);
	assert_int_equal(rc, 0);
}

static int worker_of(const struct plan_solution *sol, int v)
{
	for (int w = 0; w < sol->n_workers; w++)
		for (int k = sol->route_start[w]; k < sol->route_start[w + 1]; k++)
			if (sol->route_visits[k] == v)
				return w;
	return -1;
}

static enum plan_unplaced_reason reason_of(const struct plan_solution *sol, int v)
{
	for (int i = 0; i < sol->n_unplaced; i++)
		if (sol->unplaced[i] == v)
			return sol->reason[i];
	return PLAN_UNPLACED_NONE;
}

/* ---- travel ------------------------------------------------------------- */

static void test_travel(void **state)
{
	(void)state;
	struct plan_coord vilnius = {54.6872, 25.2797}, kaunas = {54.8985, 23.9036};
	/* Reference values from an independent computation (Python). */
	assert_true(fabs(plan_haversine_km(vilnius, kaunas) - 91.2922) < 1e-3);
	assert_true(fabs(plan_haversine_km(kaunas, (struct plan_coord){54.8985, 24.9036}) -
			 63.9396) < 1e-3);
	assert_true(plan_haversine_km(kaunas, kaunas) == 0);
	assert_true(fabs(plan_haversine_km(vilnius, kaunas) - plan_haversine_km(kaunas, vilnius)) <
		    1e-12);

	struct plan_travel_params tp;
	plan_travel_params_init(&tp);
	struct plan_coord c[3] = {kaunas, vilnius, {54.90, 23.95}};
	double travel[PLAN_MODE_COUNT * 9], km[9];
	assert_int_equal(plan_travel_matrices(c, 3, &tp, travel, km), 0);
	double d01 = 91.2922 * 1.3;
	assert_true(fabs(km[1] - d01) < 2e-3);
	assert_true(fabs(travel[1] - d01 / 30 * 60) < 1e-2);          /* car */
	assert_true(fabs(travel[9 + 1] - d01 / 4.5 * 60) < 1e-1);     /* on foot */
	assert_true(travel[0] == 0 && travel[9 + 4] == 0 && km[8] == 0);
	tp.detour = 2.0;
	tp.speed_kmh[PLAN_MODE_CAR] = 60;
	assert_int_equal(plan_travel_matrices(c, 3, &tp, travel, NULL), 0);
	assert_true(fabs(travel[1] - 91.2922 * 2) < 2e-3);

	/* A metric: the triangle inequality holds on random points, so the
	 * solver may rely on it. */
	struct plan_rng rng;
	plan_rng_init(&rng, 7);
	struct plan_coord r[20];
	double m[PLAN_MODE_COUNT * 400];
	for (int i = 0; i < 20; i++)
		r[i] = (struct plan_coord){54.85 + plan_rng_real(&rng) * 0.1,
					   23.85 + plan_rng_real(&rng) * 0.1};
	plan_travel_params_init(&tp);
	assert_int_equal(plan_travel_matrices(r, 20, &tp, m, NULL), 0);
	for (int a = 0; a < 20; a++)
		for (int b = 0; b < 20; b++)
			for (int k = 0; k < 20; k++)
				assert_true(m[a * 20 + k] + m[k * 20 + b] >= m[a * 20 + b] - 1e-9);

	/* Unusable coordinates and parameters are refused. */
	c[2] = (struct plan_coord){NAN, 23.9};
	assert_int_equal(plan_travel_matrices(c, 3, &tp, travel, km), PLAN_ERR_INVALID);
	c[2] = (struct plan_coord){0, 0};
	assert_false(plan_coord_valid(c[2]));
	assert_int_equal(plan_travel_matrices(c, 3, &tp, travel, km), PLAN_ERR_INVALID);
	c[2] = (struct plan_coord){91, 23.9};
	assert_int_equal(plan_travel_matrices(c, 3, &tp, travel, km), PLAN_ERR_INVALID);
	c[2] = kaunas;
	tp.detour = 0.5;
	assert_int_equal(plan_travel_matrices(c, 3, &tp, travel, km), PLAN_ERR_INVALID);
	plan_travel_params_init(&tp);
	tp.speed_kmh[PLAN_MODE_FOOT] = 0;
	assert_int_equal(plan_travel_matrices(c, 3, &tp, travel, km), PLAN_ERR_INVALID);
}

/* ---- a hand-made day ------------------------------------------------------ */

/* Five places on a line 0, 10, 20, 30, 40 minutes by car from the office
 * (loc 0); on foot everything takes four times as long. */
struct line_day {
	double travel[2 * 25];
	struct plan_visit visits[4];
	struct plan_worker workers[2];
	int pref[2];
	struct plan_problem pb;
};

static void line_day_init(struct line_day *d)
{
	memset(d, 0, sizeof(*d));
	for (int a = 0; a < 5; a++)
		for (int b = 0; b < 5; b++) {
			d->travel[a * 5 + b] = 10.0 * abs(a - b);
			d->travel[25 + a * 5 + b] = 40.0 * abs(a - b);
		}
	for (int i = 0; i < 4; i++)
		d->visits[i] = (struct plan_visit){.loc = 1 + i, .ready = 0, .due = 400,
						   .service = 20, .skills = 1};
	for (int w = 0; w < 2; w++)
		d->workers[w] = (struct plan_worker){.shift_start = 0, .shift_end = 480,
						     .capacity = -1, .skills = 1};
	d->pb = (struct plan_problem){.n_locs = 5, .travel = d->travel, .n_modes = 2,
				      .n_visits = 4, .visits = d->visits, .n_workers = 2,
				      .workers = d->workers};
}

/* Options for a deterministic search of `iters` iterations. */
static void fleet_opts(struct plan_options *opt, long iters)
{
	plan_options_init(opt);
	opt->time_limit = 0;
	opt->max_iterations = iters;
}

static void weighted_opts(struct plan_options *opt, long iters)
{
	fleet_opts(opt, iters);
	opt->objective = PLAN_OBJECTIVE_WEIGHTED;
}

static void test_modes_and_breaks(void **state)
{
	(void)state;
	struct line_day d;
	struct plan_options opt;
	struct plan_solution sol;

	/* Worker 0 walks; the far visit (40 min by car, 160 on foot) has to
	 * start by 100, so only the driver can do it. */
	line_day_init(&d);
	d.workers[0].mode = PLAN_MODE_FOOT;
	d.visits[3].due = 100;
	fleet_opts(&opt, 500);
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), 0);
	expect_valid(&d.pb, &sol);
	assert_int_equal(sol.n_unplaced, 0);
	assert_int_equal(worker_of(&sol, 3), 1);
	plan_solution_release(&sol);

	/* A mode outside the matrices is bad input. */
	d.workers[0].mode = 2;
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), PLAN_ERR_INVALID);

	/* One driver, a break of 30 between 60 and 120 that must fall between
	 * two visits with windows around it: 0 -> v0 at 10 (to 30) ... v1 must
	 * start at 100 at the earliest.  The break is never inside a visit. */
	line_day_init(&d);
	d.pb.n_workers = 1;
	d.workers[0].break_start = 60;
	d.workers[0].break_end = 120;
	d.workers[0].break_duration = 30;
	d.visits[1].ready = 70;
	d.visits[1].due = 80;
	d.pb.n_visits = 2;
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), 0);
	expect_valid(&d.pb, &sol);
	assert_int_equal(sol.n_unplaced, 0);
	/* v1 is served 70-90, so the break is 60-90 before it or 90-120
	 * after it; either way not during a visit. */
	double bt = sol.break_time[0];
	assert_true(bt >= 60 && bt + 30 <= 120);
	for (int v = 0; v < 2; v++) {
		double s = sol.start_time[v], e = s + 20;
		assert_true(bt + 30 <= s + 1e-9 || bt >= e - 1e-9);
	}
	plan_solution_release(&sol);
}

static void test_weighted_objective(void **state)
{
	(void)state;
	struct line_day d;
	struct plan_options opt;
	struct plan_solution sol;

	/* Continuity: both workers identical; the client of visit 0 knows
	 * worker 1.  The fleet objective is free to use worker 0; the
	 * weighted one gives it to worker 1. */
	line_day_init(&d);
	d.pb.n_visits = 1;
	d.pref[0] = 1;
	d.visits[0].preferred = d.pref;
	d.visits[0].n_preferred = 1;
	weighted_opts(&opt, 300);
	opt.weights.balance = 0; /* so that objective = cost + continuity */
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), 0);
	expect_valid(&d.pb, &sol);
	assert_int_equal(worker_of(&sol, 0), 1);
	assert_true(fabs(sol.objective - sol.cost) < 1e-9); /* no penalty paid */
	plan_solution_release(&sol);
	/* Worker 1 off: worker 0 serves it and the penalty is paid. */
	d.workers[1].absent = 1;
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), 0);
	expect_valid(&d.pb, &sol);
	assert_int_equal(worker_of(&sol, 0), 0);
	assert_true(fabs(sol.objective - sol.cost - opt.weights.continuity) < 1e-9);
	plan_solution_release(&sol);
	/* Both off: reported, with the reason. */
	d.workers[0].absent = 1;
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), 0);
	expect_valid(&d.pb, &sol);
	assert_int_equal(reason_of(&sol, 0), PLAN_UNPLACED_NO_WORKER);
	plan_solution_release(&sol);

	/* Overtime and balance: four visits of 20 minutes.  One worker alone
	 * drives least (80 minutes) and the fleet objective does that; with
	 * worker 0's regular day ending at 120 the weighted objective shares
	 * them out instead. */
	line_day_init(&d);
	d.workers[0].regular_end = 120;
	d.workers[1].regular_end = 120;
	fleet_opts(&opt, 500);
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), 0);
	expect_valid(&d.pb, &sol);
	assert_int_equal(sol.n_used, 1);
	assert_true(fabs(sol.cost - 80) < 1e-9);
	plan_solution_release(&sol);
	weighted_opts(&opt, 500);
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), 0);
	expect_valid(&d.pb, &sol);
	assert_int_equal(sol.n_used, 2);
	struct plan_stats st;
	assert_int_equal(plan_stats_compute(&d.pb, &sol, &st), 0);
	assert_true(st.overtime < 1e-9);
	assert_int_equal(st.placed, 4);
	plan_solution_release(&sol);
}

/* ---- bad input: a reason for every visit ------------------------------- */

static void test_bad_input_reasons(void **state)
{
	(void)state;
	struct line_day d;
	struct plan_options opt;
	struct plan_solution sol;

	line_day_init(&d);
	d.visits[0].loc = -1;             /* no coordinates */
	d.visits[1].ready = 300;          /* window closes before it opens */
	d.visits[1].due = 200;
	d.visits[2].skills = 8;           /* nobody has the skill */
	d.workers[1].skills = 3;
	d.workers[1].absent = 1;
	d.visits[3].skills = 2;           /* only the absent worker has it */
	weighted_opts(&opt, 200);
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), 0);
	expect_valid(&d.pb, &sol);
	assert_int_equal(sol.n_unplaced, 4);
	assert_int_equal(reason_of(&sol, 0), PLAN_UNPLACED_NO_LOCATION);
	assert_int_equal(reason_of(&sol, 1), PLAN_UNPLACED_WINDOW);
	assert_int_equal(reason_of(&sol, 2), PLAN_UNPLACED_NO_SKILL);
	assert_int_equal(reason_of(&sol, 3), PLAN_UNPLACED_NO_WORKER);
	for (int i = 0; i < sol.n_unplaced; i++)
		assert_string_not_equal(plan_reason_name(sol.reason[i]), "unknown reason");
	plan_solution_release(&sol);

	/* Still refused outright: a place outside the matrix, a preferred
	 * worker or announced worker who does not exist. */
	d.visits[0].loc = 5;
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), PLAN_ERR_INVALID);
	d.visits[0].loc = 1;
	d.pref[0] = 2;
	d.visits[0].preferred = d.pref;
	d.visits[0].n_preferred = 1;
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), PLAN_ERR_INVALID);
	d.visits[0].n_preferred = 0;
	opt.weights.continuity = -1;
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), PLAN_ERR_INVALID);
	opt.weights.continuity = 20;
	opt.objective = (enum plan_objective)7;
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), PLAN_ERR_INVALID);
	opt.objective = PLAN_OBJECTIVE_WEIGHTED;
	int ann[4] = {-1, -1, -1, 7};
	d.pb.announced = ann;
	assert_int_equal(plan_solve(&d.pb, &opt, &sol), PLAN_ERR_INVALID);
}

/* ---- every feature at once on random small days --------------------------- */

#define RF_VISITS 12
#define RF_WORKERS 3
#define RF_LOCS (RF_VISITS + RF_WORKERS)

struct rf_day {
	double travel[2 * RF_LOCS * RF_LOCS];
	struct plan_visit visits[RF_VISITS];
	struct plan_worker workers[RF_WORKERS];
	int pref[RF_VISITS];
	struct plan_problem pb;
};

static void rf_random(struct rf_day *d, struct plan_rng *rng)
{
	memset(d, 0, sizeof(*d));
	double x[RF_LOCS], y[RF_LOCS];
	for (int i = 0; i < RF_LOCS; i++) {
		x[i] = plan_rng_below(rng, 60);
		y[i] = plan_rng_below(rng, 60);
	}
	for (int a = 0; a < RF_LOCS; a++)
		for (int b = 0; b < RF_LOCS; b++) {
			double e = hypot(x[a] - x[b], y[a] - y[b]);
			d->travel[a * RF_LOCS + b] = e;
			d->travel[RF_LOCS * RF_LOCS + a * RF_LOCS + b] = 3 * e;
		}
	int n = 1 + plan_rng_below(rng, RF_VISITS);
	for (int i = 0; i < n; i++) {
		struct plan_visit *v = &d->visits[i];
		v->loc = plan_rng_below(rng, 10) == 0 ? -1 : RF_WORKERS + i;
		v->ready = plan_rng_below(rng, 300);
		v->due = v->ready + plan_rng_below(rng, 120) - (plan_rng_below(rng, 10) == 0 ? 130 : 0);
		v->service = 5 + plan_rng_below(rng, 30);
		v->skills = (uint64_t)plan_rng_below(rng, 3);
		if (plan_rng_below(rng, 2)) {
			d->pref[i] = plan_rng_below(rng, RF_WORKERS);
			v->preferred = &d->pref[i];
			v->n_preferred = 1;
			v->continuity = 1 + plan_rng_below(rng, 3);
		}
	}
	for (int w = 0; w < RF_WORKERS; w++) {
		struct plan_worker *k = &d->workers[w];
		k->start_loc = w;
		k->end_loc = plan_rng_below(rng, 2) ? w : 0;
		k->shift_start = plan_rng_below(rng, 60);
		k->shift_end = k->shift_start + 200 + plan_rng_below(rng, 200);
		k->capacity = -1;
		k->skills = (uint64_t)plan_rng_below(rng, 4);
		k->mode = plan_rng_below(rng, 2);
		k->absent = plan_rng_below(rng, 6) == 0;
		k->regular_end = plan_rng_below(rng, 2) ? k->shift_end - 60 : 0;
		if (plan_rng_below(rng, 3)) {
			k->break_duration = 15 + plan_rng_below(rng, 30);
			k->break_start = k->shift_start + 60 + plan_rng_below(rng, 60);
			k->break_end = k->break_start + k->break_duration + plan_rng_below(rng, 90);
			if (k->break_end > k->shift_end)
				k->break_duration = k->break_start = k->break_end = 0;
		}
	}
	d->pb = (struct plan_problem){.n_locs = RF_LOCS, .travel = d->travel, .n_modes = 2,
				      .n_visits = n, .visits = d->visits, .n_workers = RF_WORKERS,
				      .workers = d->workers};
}

/* Random days with breaks, modes, absences, unknown places, impossible
 * windows, preferences and overtime, under both objectives, then a
 * re-plan with one more worker absent: every plan is valid and accounts
 * for every visit (plan_validate checks both), and a visit is reported
 * with the screen's reason exactly when no worker could take it. */
static void test_random_features(void **state)
{
	(void)state;
	struct plan_rng rng;
	static struct rf_day d;
	/* RF_SEED and RF_ROUNDS widen the search when hunting a bug. */
	const char *env_seed = getenv("RF_SEED"), *env_rounds = getenv("RF_ROUNDS");
	int rounds = env_rounds ? atoi(env_rounds) : 150;
	plan_rng_init(&rng, env_seed ? strtoull(env_seed, NULL, 10) : 20261123);
	for (int round = 0; round < rounds; round++) {
		rf_random(&d, &rng);
		struct plan_options opt;
		struct plan_solution sol, re;
		fleet_opts(&opt, 400);
		opt.seed = (uint64_t)round;
		if (round % 2)
			opt.objective = PLAN_OBJECTIVE_WEIGHTED;
		assert_int_equal(plan_solve(&d.pb, &opt, &sol), 0);
		expect_valid(&d.pb, &sol);
		for (int i = 0; i < sol.n_unplaced; i++) {
			const struct plan_visit *v = &d.visits[sol.unplaced[i]];
			if (v->loc < 0)
				assert_int_equal(sol.reason[i], PLAN_UNPLACED_NO_LOCATION);
			else if (v->due < v->ready)
				assert_int_equal(sol.reason[i], PLAN_UNPLACED_WINDOW);
		}
		int ill = plan_rng_below(&rng, RF_WORKERS);
		d.workers[ill].absent = 1;
		assert_int_equal(plan_replan_day(&d.pb, &sol, &opt, &re), 0);
		expect_valid(&d.pb, &re);
		assert_int_equal(re.route_start[ill + 1], re.route_start[ill]);
		plan_solution_release(&re);
		plan_solution_release(&sol);
	}
}

/* ---- generator, week, re-plan ---------------------------------------------- */

static void small_params(struct plan_gen_params *gp)
{
	plan_gen_params_init(gp);
	gp->seed = 42;
	gp->n_days = 2;
	gp->visits_per_day = 60;
	gp->n_workers = 8;
	gp->bad_visits = 3;
}

static void test_generator(void **state)
{
	(void)state;
	struct plan_gen_params gp;
	struct plan_gen_week a, b;
	small_params(&gp);
	assert_int_equal(plan_gen_week(&gp, &a), 0);
	assert_int_equal(plan_gen_week(&gp, &b), 0);
	assert_int_equal(a.n_days, 2);
	for (int d = 0; d < 2; d++) {
		const struct plan_problem *pa = &a.days[d].pb, *pb = &b.days[d].pb;
		/* Same seed, same week. */
		assert_int_equal(pa->n_visits, 63);
		assert_int_equal(pa->n_visits, pb->n_visits);
		assert_int_equal(pa->n_locs, pb->n_locs);
		assert_memory_equal(pa->travel, pb->travel,
				    2 * (size_t)pa->n_locs * (size_t)pa->n_locs * sizeof(double));
		int absent = 0;
		for (int w = 0; w < pa->n_workers; w++)
			absent += pa->workers[w].absent;
		assert_int_equal(absent, 1);
		assert_int_equal(plan_problem_check(pa), 0);
		for (int v = 0; v < pa->n_visits; v++) {
			const struct plan_visit *x = &pa->visits[v], *y = &pb->visits[v];
			assert_true(x->loc == y->loc && x->ready == y->ready && x->due == y->due &&
				    x->service == y->service && x->skills == y->skills);
			/* Every coordinate within the town. */
			if (x->loc >= 0)
				assert_true(plan_haversine_km(a.days[d].coord[x->loc], gp.centre) < 15);
		}
	}
	plan_gen_week_release(&b);
	/* Another seed, another week. */
	gp.seed = 43;
	assert_int_equal(plan_gen_week(&gp, &b), 0);
	assert_true(b.days[0].pb.n_locs != a.days[0].pb.n_locs ||
		    memcmp(b.days[0].coord, a.days[0].coord,
			   (size_t)a.days[0].pb.n_locs * sizeof(struct plan_coord)) != 0);
	plan_gen_week_release(&b);
	plan_gen_week_release(&a);
	plan_gen_week_release(NULL);
	gp.n_days = 8;
	assert_int_equal(plan_gen_week(&gp, &a), PLAN_ERR_INVALID);
}

static void same_routes(const struct plan_solution *x, const struct plan_solution *y)
{
	assert_int_equal(x->n_unplaced, y->n_unplaced);
	assert_memory_equal(x->route_start, y->route_start, (size_t)(x->n_workers + 1) * sizeof(int));
	assert_memory_equal(x->route_visits, y->route_visits,
			    (size_t)x->route_start[x->n_workers] * sizeof(int));
	assert_true(x->objective == y->objective);
}

static void test_week_and_replan(void **state)
{
	(void)state;
	struct plan_gen_params gp;
	struct plan_gen_week wk;
	small_params(&gp);
	assert_int_equal(plan_gen_week(&gp, &wk), 0);
	struct plan_problem days[2] = {wk.days[0].pb, wk.days[1].pb};
	struct plan_solution s1[2], s2[2];
	struct plan_options opt;
	weighted_opts(&opt, 6000);
	opt.seed = 3;
	assert_int_equal(plan_week_solve(days, 2, &opt, s1), 0);
	assert_int_equal(plan_week_solve(days, 2, &opt, s2), 0);
	for (int d = 0; d < 2; d++) {
		expect_valid(&days[d], &s1[d]);
		same_routes(&s1[d], &s2[d]); /* deterministic for a seed */
		/* The three bad visits, each with its reason; the rest placed. */
		struct plan_stats st;
		assert_int_equal(plan_stats_compute(&days[d], &s1[d], &st), 0);
		assert_int_equal(st.unplaced_by_reason[PLAN_UNPLACED_NO_LOCATION], 1);
		assert_int_equal(st.unplaced_by_reason[PLAN_UNPLACED_WINDOW], 1);
		assert_int_equal(st.unplaced_by_reason[PLAN_UNPLACED_NO_SKILL], 1);
		assert_int_equal(st.placed + 3, st.visits);
		assert_true(st.with_preference > 0 && st.to_preferred <= st.with_preference);
		plan_solution_release(&s2[d]);
	}

	/* The busiest worker of day 0 falls ill. */
	int ill = 0;
	for (int w = 1; w < days[0].n_workers; w++)
		if (s1[0].route_start[w + 1] - s1[0].route_start[w] >
		    s1[0].route_start[ill + 1] - s1[0].route_start[ill])
			ill = w;
	int ill_n = s1[0].route_start[ill + 1] - s1[0].route_start[ill];
	assert_true(ill_n > 0);
	struct plan_worker workers[8];
	memcpy(workers, days[0].workers, sizeof(workers));
	workers[ill].absent = 1;
	struct plan_problem sick = days[0];
	sick.workers = workers;

	struct plan_solution re, re2, fresh;
	weighted_opts(&opt, 1500);
	opt.seed = 9;
	assert_int_equal(plan_replan_day(&sick, &s1[0], &opt, &re), 0);
	assert_int_equal(plan_replan_day(&sick, &s1[0], &opt, &re2), 0);
	expect_valid(&sick, &re);
	same_routes(&re, &re2);
	plan_solution_release(&re2);
	assert_int_equal(re.route_start[ill + 1] - re.route_start[ill], 0);
	/* Much of the announced plan stays: more than a plan from scratch
	 * with the same effort keeps, and most of what the ill worker did
	 * not have. */
	assert_int_equal(plan_solve(&sick, &opt, &fresh), 0);
	expect_valid(&sick, &fresh);
	int kept, kept_fresh, announced;
	assert_int_equal(plan_compare(&s1[0], &re, 1e18, &kept, &announced), 0);
	assert_int_equal(plan_compare(&s1[0], &fresh, 1e18, &kept_fresh, &announced), 0);
	assert_true(kept > kept_fresh);
	assert_true(kept >= (announced - ill_n) * 8 / 10);
	/* With nobody ill, a re-plan keeps almost everything. */
	struct plan_solution same;
	assert_int_equal(plan_replan_day(&days[0], &s1[0], &opt, &same), 0);
	expect_valid(&days[0], &same);
	assert_int_equal(plan_compare(&s1[0], &same, 1e18, &kept, &announced), 0);
	assert_true(kept >= announced * 95 / 100);

	/* A re-plan against a plan of another shape is refused. */
	struct plan_solution odd = s1[0];
	odd.n_workers = 7;
	assert_int_equal(plan_replan_day(&sick, &odd, &opt, &re2), PLAN_ERR_INVALID);

	plan_solution_release(&same);
	plan_solution_release(&fresh);
	plan_solution_release(&re);
	plan_solution_release(&re2);
	for (int d = 0; d < 2; d++)
		plan_solution_release(&s1[d]);
	plan_gen_week_release(&wk);
}

static double wall(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void test_time_limit(void **state)
{
	(void)state;
	struct plan_gen_params gp;
	struct plan_gen_week wk;
	small_params(&gp);
	gp.n_days = 1;
	gp.visits_per_day = 120;
	gp.n_workers = 10;
	assert_int_equal(plan_gen_week(&gp, &wk), 0);
	struct plan_options opt;
	plan_options_init(&opt);
	opt.objective = PLAN_OBJECTIVE_WEIGHTED;
	opt.time_limit = 0.3;
	struct plan_solution sol;
	double t0 = wall();
	assert_int_equal(plan_week_solve(&wk.days[0].pb, 1, &opt, &sol), 0);
	double took = wall() - t0;
	expect_valid(&wk.days[0].pb, &sol);
	/* The limit, plus set-up and one last iteration (sanitizer builds are
	 * several times slower). */
	assert_true(took < 0.3 + 1.0);
	assert_true(sol.iterations > 0);
	plan_solution_release(&sol);
	plan_gen_week_release(&wk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_travel),
		cmocka_unit_test(test_modes_and_breaks),
		cmocka_unit_test(test_weighted_objective),
		cmocka_unit_test(test_bad_input_reasons),
		cmocka_unit_test(test_random_features),
		cmocka_unit_test(test_generator),
		cmocka_unit_test(test_week_and_replan),
		cmocka_unit_test(test_time_limit),
	};
	return cmocka_run_group_tests_name("plan_week", tests, NULL, NULL);
}
