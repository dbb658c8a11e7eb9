/*
 * vrptw-bench - runs the planner on Solomon's 56 VRPTW instances and
 * compares with the best-known hierarchical results (vehicles first, then
 * distance) from best_known.csv in the data directory.
 *
 * Every solution is checked by plan_validate() and its distance recomputed
 * there, so a figure printed here is a figure of a valid solution.
 */
/* clock_gettime() and CLOCK_MONOTONIC are POSIX, not C17. */
#define _POSIX_C_SOURCE 200809L

#include "plan.h"
#include "solomon.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef VRPTW_SOURCE_ROOT
#define VRPTW_SOURCE_ROOT "."
#endif

#define MAX_INSTANCES 256

struct known {
	char name[32];
	int vehicles;
	double distance;
};

struct bench {
	char dir[4096];
	double seconds;
	uint64_t seed;
	const char *only;
	long iterations;
	int runs;
	double fleet_share, fleet_stall, temp_start, temp_end;
	struct known known[MAX_INSTANCES];
	int n_known;
};

static void usage(FILE *fp)
{
	fprintf(fp, "usage: vrptw-bench [--dir DIR] [--seconds S] [--only C101,R201] [--seed N]\n"
		    "  --dir      Solomon data directory (default: " VRPTW_SOURCE_ROOT
		    "/../shared/data/solomon)\n"
		    "  --seconds  time limit per instance (default 1)\n"
		    "  --only     comma-separated instance names\n"
		    "  --seed     random seed (default 1)\n"
		    "  --iterations N    also stop after N iterations (deterministic)\n"
		    "  --runs N          independent searches per instance (default 2)\n"
		    "  --fleet-share F   budget share of the fleet phase (default 0.5)\n"
		    "  --fleet-stall F   end it after F of the budget without progress\n"
		    "  --temp T0,T1      annealing temperatures per average edge\n");
}

static int load_known(struct bench *b)
{
	char path[4200];
	char line[256];
	snprintf(path, sizeof(path), "%s/best_known.csv", b->dir);
	FILE *fp = fopen(path, "r");
	if (!fp) {
		fprintf(stderr, "vrptw-bench: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), fp) && b->n_known < MAX_INSTANCES) {
		struct known *k = &b->known[b->n_known];
		char *c1 = strchr(line, ',');
		if (!c1 || (size_t)(c1 - line) >= sizeof(k->name))
			continue;
		memcpy(k->name, line, (size_t)(c1 - line));
		k->name[c1 - line] = '\0';
		char *end;
		long v = strtol(c1 + 1, &end, 10);
		if (end == c1 + 1 || *end != ',')
			continue; /* header */
		k->vehicles = (int)v;
		k->distance = strtod(end + 1, NULL);
		b->n_known++;
	}
	fclose(fp);
	return b->n_known > 0 ? 0 : -1;
}

static int selected(const struct bench *b, const char *name)
{
	if (!b->only)
		return 1;
	size_t n = strlen(name);
	const char *p = b->only;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && strncmp(p, name, n) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	static struct bench b;
	snprintf(b.dir, sizeof(b.dir), "%s/../shared/data/solomon", VRPTW_SOURCE_ROOT);
	b.seconds = 1.0;
	b.seed = 1;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (i + 1 >= argc) {
			usage(stderr);
			return 2;
		}
		const char *v = argv[++i];
		if (strcmp(a, "--dir") == 0) {
			snprintf(b.dir, sizeof(b.dir), "%s", v);
		} else if (strcmp(a, "--seconds") == 0) {
			b.seconds = strtod(v, NULL);
			if (!(b.seconds > 0)) {
				fprintf(stderr, "vrptw-bench: --seconds must be positive\n");
				return 2;
			}
		} else if (strcmp(a, "--only") == 0) {
			b.only = v;
		} else if (strcmp(a, "--iterations") == 0) {
			/* Load-independent budget for tuning; --seconds still caps. */
			b.iterations = strtol(v, NULL, 10);
		} else if (strcmp(a, "--runs") == 0) {
			b.runs = atoi(v);
		} else if (strcmp(a, "--fleet-share") == 0) {
			b.fleet_share = strtod(v, NULL);
		} else if (strcmp(a, "--fleet-stall") == 0) {
			b.fleet_stall = strtod(v, NULL);
		} else if (strcmp(a, "--temp") == 0) {
			/* "START,END" in multiples of the average edge. */
			char *end;
			b.temp_start = strtod(v, &end);
			b.temp_end = *end == ',' ? strtod(end + 1, NULL) : 0;
		} else if (strcmp(a, "--seed") == 0) {
			b.seed = strtoull(v, NULL, 10);
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (load_known(&b))
		return 1;

	printf("%-7s %4s %10s %4s %10s %7s %7s %9s\n", "name", "veh", "distance", "bkv", "bkd",
	       "gap%", "sec", "iter");
	int count = 0, at_bkv = 0, below_bkv = 0, failures = 0;
	double gap_all = 0, gap_bkv = 0, t_total = 0;
	for (int i = 0; i < b.n_known; i++) {
		const struct known *k = &b.known[i];
		if (!selected(&b, k->name))
			continue;
		char path[4200];
		struct solomon_instance inst;
		struct solomon_problem sp;
		struct plan_solution sol;
		struct plan_options opt;
		struct plan_violation where;
		int line = 0;

		snprintf(path, sizeof(path), "%s/%s.txt", b.dir, k->name);
		int rc = solomon_read_file(path, &inst, &line);
		if (rc) {
			fprintf(stderr, "%s: %s (line %d)\n", path, plan_strerror(rc), line);
			failures++;
			continue;
		}
		rc = solomon_to_problem(&inst, 0, &sp);
		solomon_release(&inst);
		if (rc) {
			fprintf(stderr, "%s: %s\n", k->name, plan_strerror(rc));
			failures++;
			continue;
		}
		plan_options_init(&opt);
		opt.time_limit = b.seconds;
		opt.seed = b.seed;
		if (b.fleet_share > 0)
			opt.fleet_share = b.fleet_share;
		opt.fleet_stall = b.fleet_stall;
		opt.max_iterations = b.iterations;
		opt.runs = b.runs;
		opt.temp_start = b.temp_start;
		opt.temp_end = b.temp_end;
		double t0 = now();
		rc = plan_solve(&sp.pb, &opt, &sol);
		double dt = now() - t0;
		if (rc) {
			fprintf(stderr, "%s: solve: %s\n", k->name, plan_strerror(rc));
			solomon_problem_release(&sp);
			failures++;
			continue;
		}
		rc = plan_validate(&sp.pb, &sol, &where);
		if (rc || sol.n_unplaced > 0) {
			fprintf(stderr, "%s: INVALID: %s (worker %d, visit %d), %d unplaced\n",
				k->name, plan_strerror(rc), where.worker, where.visit,
				sol.n_unplaced);
			failures++;
		}
		double gap = 100.0 * (sol.cost - k->distance) / k->distance;
		printf("%-7s %4d %10.2f %4d %10.2f %7.2f %7.2f %9ld\n", k->name, sol.n_used, sol.cost,
		       k->vehicles, k->distance, gap, dt, sol.iterations);
		fflush(stdout);
		count++;
		gap_all += gap;
		t_total += dt;
		if (sol.n_used == k->vehicles) {
			at_bkv++;
			gap_bkv += gap;
		} else if (sol.n_used < k->vehicles) {
			below_bkv++;
		}
		plan_solution_release(&sol);
		solomon_problem_release(&sp);
	}
	if (count == 0) {
		fprintf(stderr, "vrptw-bench: no instance run\n");
		return 1;
	}
	printf("instances: %d  at best-known vehicles: %d/%d  below: %d  failures: %d\n", count,
	       at_bkv, count, below_bkv, failures);
	printf("average gap: %.2f%% (all)  %.2f%% (at best-known vehicles)\n", gap_all / count,
	       at_bkv ? gap_bkv / at_bkv : 0.0);
	printf("total time: %.1f s  (%.1f s per instance, seed %llu)\n", t_total, b.seconds,
	       (unsigned long long)b.seed);
	return failures ? 1 : 0;
}
