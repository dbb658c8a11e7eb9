/*
 * homecare-bench - the planner on a realistic home-care week.
 *
 * Generates a reproducible week (plan_gen: 400 visits a day in Kaunas,
 * 30 workers with three skills, windows, breaks, continuity preferences),
 * plans it (target: the whole week in 30 s), then makes one worker ill on
 * the first day and re-plans that day keeping as much of the announced
 * plan as possible (target: 2 s).  Every plan is checked by
 * plan_validate(); the figures printed are recomputed from the problem by
 * plan_stats_compute().
 */
/* clock_gettime() and CLOCK_MONOTONIC are POSIX, not C17. */
#define _POSIX_C_SOURCE 200809L

#include "plan.h"
#include "plan_gen.h"
#include "plan_rng.h"
#include "plan_week.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TARGET_WEEK_S 30.0
#define TARGET_REPLAN_S 2.0

static const char *day_name[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void usage(FILE *fp)
{
	fprintf(fp, "usage: homecare-bench [options]\n"
		    "  --seed N            instance and search seed (default 1)\n"
		    "  --days N            days in the week (default 5)\n"
		    "  --visits N          visits per day (default 400)\n"
		    "  --workers N         workers (default 30)\n"
		    "  --bad N             extra bad visits per day, 0-3 (default 3)\n"
		    "  --week-seconds S    search time for the whole week (default 24)\n"
		    "  --replan-seconds S  search time for the re-plan (default 1.5)\n"
		    "  --iterations N      also stop the week after N iterations in all\n"
		    "                      (the re-plan after N / days / 4): deterministic\n");
}

static int parse_args(int argc, char **argv, struct plan_gen_params *gp, double *week_s,
		      double *replan_s, long *iters)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(0);
		}
		if (!v) {
			usage(stderr);
			return -1;
		}
		i++;
		if (!strcmp(a, "--seed"))
			gp->seed = strtoull(v, NULL, 10);
		else if (!strcmp(a, "--days"))
			gp->n_days = atoi(v);
		else if (!strcmp(a, "--visits"))
			gp->visits_per_day = atoi(v);
		else if (!strcmp(a, "--workers"))
			gp->n_workers = atoi(v);
		else if (!strcmp(a, "--bad"))
			gp->bad_visits = atoi(v);
		else if (!strcmp(a, "--week-seconds"))
			*week_s = atof(v);
		else if (!strcmp(a, "--replan-seconds"))
			*replan_s = atof(v);
		else if (!strcmp(a, "--iterations"))
			*iters = atol(v);
		else {
			usage(stderr);
			return -1;
		}
	}
	return 0;
}

static void print_stats_header(void)
{
	printf("%-8s %6s %6s %8s %8s %8s %6s %7s %9s %8s %7s\n", "day", "visits", "placed",
	       "unplaced", "workers", "travel", "cont%", "overtime", "work max", "work min",
	       "sec");
}

static void print_stats(const char *name, const struct plan_stats *st, double sec)
{
	int unplaced = st->visits - st->placed;
	printf("%-8s %6d %6d %8d %8d %7.0fm %5.1f%% %7.0fm %8.0fm %7.0fm %7.2f\n", name, st->visits,
	       st->placed, unplaced, st->workers_used, st->travel,
	       st->with_preference ? 100.0 * st->to_preferred / st->with_preference : 100.0,
	       st->overtime, st->work_max, st->work_min, sec);
}

/* Prints the unplaced visits of sol, counted by reason. */
static void print_reasons(const char *name, const struct plan_stats *st)
{
	for (int r = 1; r < 8; r++)
		if (st->unplaced_by_reason[r] > 0)
			printf("  %s unplaced: %d x %s\n", name, st->unplaced_by_reason[r],
			       plan_reason_name((enum plan_unplaced_reason)r));
}

static int check(const struct plan_problem *pb, const struct plan_solution *sol, const char *what)
{
	struct plan_violation where;
	int rc = plan_validate(pb, sol, &where);
	if (rc)
		fprintf(stderr, "homecare-bench: %s INVALID: %s (worker %d, visit %d)\n", what,
			plan_strerror(rc), where.worker, where.visit);
	return rc;
}

int main(int argc, char **argv)
{
	struct plan_gen_params gp;
	struct plan_gen_week wk;
	double week_s = 24, replan_s = 1.5;
	long iters = 0;
	int failures = 0;

	plan_gen_params_init(&gp);
	gp.bad_visits = 3;
	if (parse_args(argc, argv, &gp, &week_s, &replan_s, &iters))
		return 2;
	double t0 = now_s();
	int rc = plan_gen_week(&gp, &wk);
	if (rc) {
		fprintf(stderr, "homecare-bench: generator: %s\n", plan_strerror(rc));
		return 1;
	}
	double t_gen = now_s() - t0;
	int total_visits = 0;
	for (int d = 0; d < wk.n_days; d++)
		total_visits += wk.days[d].pb.n_visits;
	printf("home-care week: seed %llu, %d days, %d visits (%d bad per day), %d clients, "
	       "%d workers; generated in %.2f s\n",
	       (unsigned long long)gp.seed, gp.n_days, total_visits, gp.bad_visits, wk.n_clients,
	       gp.n_workers, t_gen);

	/* ---- the week ---- */
	struct plan_options opt;
	plan_options_init(&opt);
	opt.objective = PLAN_OBJECTIVE_WEIGHTED;
	opt.time_limit = week_s;
	opt.max_iterations = iters;
	opt.seed = gp.seed;
	opt.runs = 1;
	struct plan_solution *sol = calloc((size_t)wk.n_days, sizeof(*sol));
	struct plan_problem *days = calloc((size_t)wk.n_days, sizeof(*days));
	if (!sol || !days) {
		fprintf(stderr, "homecare-bench: out of memory\n");
		return 1;
	}
	for (int d = 0; d < wk.n_days; d++)
		days[d] = wk.days[d].pb;
	t0 = now_s();
	rc = plan_week_solve(days, wk.n_days, &opt, sol);
	double t_week = now_s() - t0;
	if (rc) {
		fprintf(stderr, "homecare-bench: week: %s\n", plan_strerror(rc));
		return 1;
	}
	printf("\n== week plan (search budget %.1f s, %s) ==\n", week_s,
	       iters > 0 ? "iteration limit" : "time limit");
	print_stats_header();
	struct plan_stats sum;
	memset(&sum, 0, sizeof(sum));
	long week_iter = 0;
	for (int d = 0; d < wk.n_days; d++) {
		struct plan_stats st;
		failures += check(&days[d], &sol[d], day_name[d]) != 0;
		plan_stats_compute(&days[d], &sol[d], &st);
		print_stats(day_name[d], &st, sol[d].seconds);
		sum.visits += st.visits;
		sum.placed += st.placed;
		sum.travel += st.travel;
		sum.with_preference += st.with_preference;
		sum.to_preferred += st.to_preferred;
		sum.overtime += st.overtime;
		for (int r = 0; r < 8; r++)
			sum.unplaced_by_reason[r] += st.unplaced_by_reason[r];
		week_iter += sol[d].iterations;
	}
	printf("%-8s %6d %6d %8d %8s %7.0fm %5.1f%% %7.0fm\n", "week", sum.visits, sum.placed,
	       sum.visits - sum.placed, "", sum.travel,
	       sum.with_preference ? 100.0 * sum.to_preferred / sum.with_preference : 100.0,
	       sum.overtime);
	print_reasons("week", &sum);
	printf("week: %.2f s wall, %ld iterations, all days valid: %s\n", t_week, week_iter,
	       failures ? "NO" : "yes");

	/* ---- one worker falls ill on the first day ---- */
	const struct plan_problem *mon = &days[0];
	int ill = -1, most = 0;
	for (int w = 0; w < mon->n_workers; w++) {
		int k = sol[0].route_start[w + 1] - sol[0].route_start[w];
		if (k > most) {
			most = k;
			ill = w;
		}
	}
	struct plan_worker *workers = malloc((size_t)mon->n_workers * sizeof(*workers));
	if (!workers || ill < 0) {
		fprintf(stderr, "homecare-bench: nobody to make ill\n");
		return 1;
	}
	memcpy(workers, mon->workers, (size_t)mon->n_workers * sizeof(*workers));
	workers[ill].absent = 1;
	struct plan_problem sick = *mon;
	sick.workers = workers;
	struct plan_options ro = opt;
	ro.time_limit = replan_s;
	ro.max_iterations = iters > 0 ? iters / wk.n_days / 4 : 0;
	ro.seed = gp.seed + 100;
	struct plan_solution re;
	t0 = now_s();
	rc = plan_replan_day(&sick, &sol[0], &ro, &re);
	double t_re = now_s() - t0;
	if (rc) {
		fprintf(stderr, "homecare-bench: re-plan: %s\n", plan_strerror(rc));
		return 1;
	}
	int bad_re = check(&sick, &re, "re-plan") != 0;
	failures += bad_re;
	int kept = 0, kept_time = 0, announced = 0;
	plan_compare(&sol[0], &re, 1e18, &kept, &announced);
	plan_compare(&sol[0], &re, 30, &kept_time, &announced);
	struct plan_stats before, after;
	plan_stats_compute(mon, &sol[0], &before);
	plan_stats_compute(&sick, &re, &after);
	printf("\n== re-plan of %s: worker %d (%d visits) falls ill (budget %.1f s) ==\n",
	       day_name[0], ill, most, replan_s);
	print_stats_header();
	print_stats("announced", &before, sol[0].seconds);
	print_stats("re-plan", &after, t_re);
	print_reasons("re-plan", &after);
	int moved = 0;
	for (int k = sol[0].route_start[ill]; k < sol[0].route_start[ill + 1]; k++)
		moved += re.start_time[sol[0].route_visits[k]] >= 0;
	printf("kept unchanged: %d of %d announced visits (%.1f%%) keep their worker; "
	       "%d (%.1f%%) also start within 30 min; the ill worker's visits placed "
	       "elsewhere: %d of %d\n",
	       kept, announced, announced ? 100.0 * kept / announced : 100.0, kept_time,
	       announced ? 100.0 * kept_time / announced : 100.0, moved, most);
	printf("re-plan: %.2f s wall, %ld iterations, valid: %s\n", t_re, re.iterations,
	       bad_re ? "NO" : "yes");

	printf("\n%-34s %-10s %-12s %s\n", "target", "limit", "measured", "verdict");
	char buf[32];
	snprintf(buf, sizeof(buf), "%.2f s", t_week);
	printf("%-34s %-10s %-12s %s\n", "week planned (search + setup)", "<= 30 s", buf,
	       t_week <= TARGET_WEEK_S && !failures ? "PASS" : "MISS");
	snprintf(buf, sizeof(buf), "%.2f s", t_re);
	printf("%-34s %-10s %-12s %s\n", "one-worker-ill re-plan of a day", "<= 2 s", buf,
	       t_re <= TARGET_REPLAN_S && !bad_re ? "PASS" : "MISS");
	printf("%-34s %-10s %-12s %s\n", "every plan valid (plan_validate)", "all",
	       failures ? "no" : "yes", failures ? "MISS" : "PASS");

	plan_solution_release(&re);
	for (int d = 0; d < wk.n_days; d++)
		plan_solution_release(&sol[d]);
	free(sol);
	free(days);
	free(workers);
	plan_gen_week_release(&wk);
	return failures ? 1 : 0;
}
