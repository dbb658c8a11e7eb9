/*
 * test_plan.c - unit tests for the route planner (src/plan).
 *
 * Everything here is deterministic: the solver runs on iteration limits,
 * never on the clock, and random instances come from a fixed seed.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plan.h"
#include "plan_rng.h"
#include "solomon.h"

/* A Solomon-format instance small enough to reason about: C101's depot and
 * its first 12 customers. */
static const char small_text[] =
	"C101-12\n"
	"\n"
	"VEHICLE\n"
	"NUMBER     CAPACITY\n"
	"  25         200\n"
	"\n"
	"CUSTOMER\n"
	"CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n"
	"\n"
	"    0       40       50        0          0       1236        0\r\n"
	"    1       45       68       10        912        967       90\n"
	"    2       45       70       30        825        870       90\n"
	"    3       42       66       10         65        146       90\n"
	"    4       42       68       10        727        782       90\n"
	"    5       42       65       10         15         67       90\n"
	"    6       40       69       20        621        702       90\n"
	"    7       40       66       20        170        225       90\n"
	"    8       38       68       20        255        324       90\n"
	"    9       38       70       10        534        605       90\n"
	"   10       35       66       10        357        410       90\n"
	"   11       35       69       10        448        505       90\n"
	"   12       25       85       20        652        721       90\n";

/* ---- Solomon reader ---------------------------------------------------- */

static void test_solomon_good(void **state)
{
	(void)state;
	struct solomon_instance in;
	int line = -1;
	assert_int_equal(solomon_parse(small_text, strlen(small_text), &in, &line), 0);
	assert_string_equal(in.name, "C101-12");
	assert_int_equal(in.n_vehicles, 25);
	assert_int_equal(in.capacity, 200);
	assert_int_equal(in.n_nodes, 13);
	assert_true(in.x[0] == 40 && in.y[0] == 50 && in.due[0] == 1236);
	assert_true(in.x[12] == 25 && in.y[12] == 85 && in.demand[12] == 20);
	assert_true(in.ready[3] == 65 && in.due[3] == 146 && in.service[3] == 90);

	struct solomon_problem sp;
	assert_int_equal(solomon_to_problem(&in, 0, &sp), 0);
	assert_int_equal(sp.pb.n_visits, 12);
	assert_int_equal(sp.pb.n_workers, 25);
	assert_int_equal(sp.pb.n_locs, 13);
	/* Euclidean, not rounded: depot to customer 1 is sqrt(25 + 324). */
	assert_true(fabs(sp.pb.travel[1] - sqrt(349.0)) < 1e-12);
	assert_int_equal(sp.pb.visits[0].loc, 1);
	assert_true(sp.pb.workers[3].shift_end == 1236 && sp.pb.workers[3].capacity == 200);
	solomon_problem_release(&sp);
	solomon_release(&in);
}

/* Replaces the first occurrence of `from` in small_text with `to` and
 * expects the parse to fail with `code` on `line`. */
static void expect_bad(const char *from, const char *to, int code, int want_line)
{
	char buf[4096];
	const char *at = strstr(small_text, from);
	assert_non_null(at);
	size_t pre = (size_t)(at - small_text);
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)pre, small_text, to, at + strlen(from));
	struct solomon_instance in;
	int line = -1;
	int rc = solomon_parse(buf, strlen(buf), &in, &line);
	if (rc != code || line != want_line)
		print_error("replacing '%s' by '%s': rc %d line %d\n", from, to, rc, line);
	assert_int_equal(rc, code);
	assert_int_equal(line, want_line);
	assert_null(in.x); /* released on error */
}

static void test_solomon_malformed(void **state)
{
	(void)state;
	expect_bad("VEHICLE", "VEHICLES", PLAN_ERR_PARSE, 3);
	expect_bad("  25         200", "  25", PLAN_ERR_PARSE, 5);
	expect_bad("  25         200", "  25  x200", PLAN_ERR_PARSE, 5);
	expect_bad("  25         200", "  0  200", PLAN_ERR_PARSE, 5);
	expect_bad("CUSTOMER\n", "CLIENT\n", PLAN_ERR_PARSE, 7);
	/* Row numbering must be consecutive from the depot. */
	expect_bad("    3       42", "    4       42", PLAN_ERR_PARSE, 13);
	/* Wrong field counts. */
	expect_bad("15         67       90", "15         67", PLAN_ERR_PARSE, 15);
	expect_bad("15         67       90", "15         67       90  1", PLAN_ERR_PARSE, 15);
	/* Non-finite, non-numeric and out-of-range values. */
	expect_bad("       42       65", "      nan       65", PLAN_ERR_PARSE, 15);
	expect_bad("       42       65", "      1e999     65", PLAN_ERR_PARSE, 15);
	expect_bad("       42       65", "      0x10      65", PLAN_ERR_PARSE, 15);
	expect_bad("65       10         15", "65       -1         15", PLAN_ERR_PARSE, 15);
	expect_bad("65       10         15", "65       99999999999 15", PLAN_ERR_PARSE, 15);
	/* Window closes before it opens; negative service. */
	expect_bad("15         67       90", "95         67       90", PLAN_ERR_PARSE, 15);
	expect_bad("15         67       90", "15         67      -90", PLAN_ERR_PARSE, 15);

	/* Truncated header, empty input, no rows. */
	struct solomon_instance in;
	int line = -1;
	assert_int_equal(solomon_parse("", 0, &in, &line), PLAN_ERR_PARSE);
	assert_int_equal(line, 0);
	assert_int_equal(solomon_parse(small_text, 20, &in, &line), PLAN_ERR_PARSE);
	const char *hdr_only = strstr(small_text, "\n    0 ");
	size_t hdr_len = (size_t)(hdr_only - small_text);
	assert_int_equal(solomon_parse(small_text, hdr_len, &in, &line), PLAN_ERR_PARSE);
	assert_int_equal(line, 0);

	/* A NUL byte inside a line, and an over-long line. */
	char buf[4096];
	memcpy(buf, small_text, sizeof(small_text));
	buf[2] = '\0';
	assert_int_equal(solomon_parse(buf, sizeof(small_text) - 1, &in, &line), PLAN_ERR_PARSE);
	assert_int_equal(line, 1);
	char *longl = malloc(SOLOMON_MAX_LINE + 10);
	assert_non_null(longl);
	memset(longl, 'A', SOLOMON_MAX_LINE + 9);
	longl[SOLOMON_MAX_LINE + 9] = '\n';
	assert_int_equal(solomon_parse(longl, SOLOMON_MAX_LINE + 10, &in, &line), PLAN_ERR_RANGE);
	assert_int_equal(line, 1);
	free(longl);

	assert_int_equal(solomon_read_file("/nonexistent/dir/X.txt", &in, &line), PLAN_ERR_IO);
}

/* ---- a hand-made problem for the validator ------------------------------ */

/* Four locations on a line: 0 depot, 1 at 10, 2 at 20, 3 at 30. */
static double line_travel[16];

struct fixture {
	struct plan_visit visits[3];
	struct plan_worker workers[2];
	struct plan_problem pb;
	int route_start[3];
	int route_visits[3];
	double start_time[3];
	int unplaced[3];
	enum plan_unplaced_reason reason[3];
	struct plan_solution sol;
};

static void fixture_init(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	for (int a = 0; a < 4; a++)
		for (int b = 0; b < 4; b++)
			line_travel[a * 4 + b] = 10.0 * fabs((double)(a - b));
	f->visits[0] = (struct plan_visit){.loc = 1, .ready = 0, .due = 50, .service = 5, .demand = 2};
	f->visits[1] = (struct plan_visit){.loc = 2, .ready = 30, .due = 40, .service = 5, .demand = 2,
					   .skills = 1};
	f->visits[2] = (struct plan_visit){.loc = 3, .ready = 0, .due = 100, .service = 0, .demand = 1};
	f->workers[0] = (struct plan_worker){.start_loc = 0, .end_loc = 0, .shift_start = 0,
					     .shift_end = 200, .capacity = 4, .skills = 1};
	f->workers[1] = (struct plan_worker){.start_loc = 0, .end_loc = 3, .shift_start = 0,
					     .shift_end = 200, .capacity = -1, .skills = 0};
	f->pb = (struct plan_problem){.n_locs = 4, .travel = line_travel, .n_visits = 3,
				      .visits = f->visits, .n_workers = 2, .workers = f->workers};
	/* Worker 0: 0 -> v0 (arrive 10) -> v1 (arrive 25, wait to 30) -> 0 at 55.
	 * Worker 1: 0 -> v2 (arrive 30) -> end at 3.  Cost 40 + 30. */
	f->route_start[0] = 0;
	f->route_start[1] = 2;
	f->route_start[2] = 3;
	f->route_visits[0] = 0;
	f->route_visits[1] = 1;
	f->route_visits[2] = 2;
	f->start_time[0] = 10;
	f->start_time[1] = 30;
	f->start_time[2] = 30;
	f->sol = (struct plan_solution){.n_workers = 2, .n_visits = 3, .route_start = f->route_start,
					.route_visits = f->route_visits, .start_time = f->start_time,
					.n_unplaced = 0, .unplaced = f->unplaced, .reason = f->reason,
					.n_used = 2, .cost = 70};
}

static int validate_fixture(struct fixture *f, struct plan_violation *where)
{
	return plan_validate(&f->pb, &f->sol, where);
}

static void test_validator(void **state)
{
	(void)state;
	struct fixture f;
	struct plan_violation where;

	fixture_init(&f);
	assert_int_equal(validate_fixture(&f, &where), 0);

	/* Waiting longer than needed is allowed ... */
	f.start_time[2] = 60;
	assert_int_equal(validate_fixture(&f, &where), 0);
	/* ... starting before arrival is not. */
	f.start_time[2] = 29;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_SCHEDULE);
	assert_int_equal(where.visit, 2);

	fixture_init(&f);
	f.route_visits[2] = 7;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_BAD_INDEX);

	fixture_init(&f);
	f.route_visits[2] = 0;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_DUPLICATE_VISIT);
	assert_int_equal(where.visit, 0);

	fixture_init(&f);
	f.route_start[2] = 2; /* visit 2 dropped silently */
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_MISSING_VISIT);
	assert_int_equal(where.visit, 2);

	/* Reported unplaced: fine with a reason, not without. */
	f.sol.n_unplaced = 1;
	f.unplaced[0] = 2;
	f.reason[0] = PLAN_UNPLACED_SEARCH_LIMIT;
	f.sol.n_used = 1;
	f.sol.cost = 40;
	assert_int_equal(validate_fixture(&f, &where), 0);
	f.reason[0] = PLAN_UNPLACED_NONE;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_BAD_REASON);

	fixture_init(&f);
	f.workers[0].skills = 0; /* visit 1 needs skill 1 */
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_SKILL);
	assert_int_equal(where.worker, 0);
	assert_int_equal(where.visit, 1);

	fixture_init(&f);
	f.workers[0].capacity = 3;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_CAPACITY);
	assert_int_equal(where.visit, 1);

	fixture_init(&f);
	f.visits[1].due = 24; /* arrives at 25 */
	f.start_time[1] = 24;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_WINDOW);
	assert_int_equal(where.visit, 1);

	fixture_init(&f);
	f.route_visits[0] = 1; /* v1 first: starts 30, then v0 at 45 */
	f.route_visits[1] = 0;
	f.start_time[0] = 45;
	assert_int_equal(validate_fixture(&f, &where), 0); /* cost still 20+10+10 */
	f.visits[0].due = 44;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_WINDOW);

	fixture_init(&f);
	f.workers[1].shift_end = 29; /* reaches its end at 30 */
	f.start_time[2] = 30;
	f.visits[2].due = 100;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_SHIFT_END);
	assert_int_equal(where.worker, 1);

	fixture_init(&f);
	f.sol.cost = 69;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_COST_MISMATCH);
	fixture_init(&f);
	f.sol.n_used = 1;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_COST_MISMATCH);
}

/* Worker 0 of the fixture with a break of 10 between 35 and 80, taken
 * after its two visits (v1 ends at 35; back at the depot at 65). */
static void fixture_break(struct fixture *f, double *bt, int *ba)
{
	fixture_init(f);
	f->workers[0].break_start = 35;
	f->workers[0].break_end = 80;
	f->workers[0].break_duration = 10;
	bt[0] = 35;
	ba[0] = 2;
	bt[1] = -1;
	ba[1] = 0;
	f->sol.break_time = bt;
	f->sol.break_after = ba;
}

static void test_validator_breaks(void **state)
{
	(void)state;
	struct fixture f;
	struct plan_violation where;
	double bt[2];
	int ba[2];

	fixture_break(&f, bt, ba);
	assert_int_equal(validate_fixture(&f, &where), 0);
	/* Taken at the depot after the drive, or on the way. */
	bt[0] = 55;
	assert_int_equal(validate_fixture(&f, &where), 0);
	bt[0] = 45;
	assert_int_equal(validate_fixture(&f, &where), 0);
	/* Before the last visit ends (during it), or past its window. */
	bt[0] = 34;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_BREAK);
	assert_int_equal(where.worker, 0);
	bt[0] = 71;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_BREAK);
	/* A worker with visits must take it. */
	fixture_break(&f, bt, ba);
	f.sol.break_time = NULL;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_BREAK);
	fixture_break(&f, bt, ba);
	ba[0] = 3;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_BREAK);
	/* The break counts against the shift end ... */
	fixture_break(&f, bt, ba);
	f.workers[0].break_end = 60;
	f.workers[0].shift_end = 64;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_SHIFT_END);
	/* ... and against the next window: between v0 and v1 it pushes v1
	 * from 30 to 35 (v0 ends 15, break 15-25, drive 10). */
	fixture_break(&f, bt, ba);
	f.workers[0].break_start = 10;
	ba[0] = 1;
	bt[0] = 15;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_SCHEDULE);
	assert_int_equal(where.visit, 1);
	f.start_time[1] = 35;
	assert_int_equal(validate_fixture(&f, &where), 0);
	f.visits[1].due = 34;
	f.start_time[1] = 34;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_WINDOW);

	/* Absent workers take nothing; unknown places are never routed. */
	fixture_init(&f);
	f.workers[1].absent = 1;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_ABSENT);
	assert_int_equal(where.worker, 1);
	fixture_init(&f);
	f.visits[2].loc = -1;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_ABSENT);
	f.route_start[2] = 2;
	f.sol.n_unplaced = 1;
	f.unplaced[0] = 2;
	f.reason[0] = PLAN_UNPLACED_WINDOW;
	f.sol.n_used = 1;
	f.sol.cost = 40;
	assert_int_equal(validate_fixture(&f, &where), PLAN_ERR_BAD_REASON);
	f.reason[0] = PLAN_UNPLACED_NO_LOCATION;
	assert_int_equal(validate_fixture(&f, &where), 0);
}

/* ---- unplaceable visits and bad input ----------------------------------- */

static void test_reasons(void **state)
{
	(void)state;
	struct fixture f;
	struct plan_visit v[6];
	struct plan_options opt;
	struct plan_solution sol;
	struct plan_violation where;

	fixture_init(&f);
	v[0] = (struct plan_visit){.loc = 1, .ready = 0, .due = 100, .service = 5, .skills = 4};
	v[1] = (struct plan_visit){.loc = 3, .ready = 0, .due = 5, .service = 5}; /* 30 away */
	v[2] = (struct plan_visit){.loc = 2, .ready = 0, .due = 100, .demand = 5, .skills = 1};
	/* Two visits that each fit alone but need the same worker at the same
	 * moment at different places: only one of them can be served. */
	v[3] = (struct plan_visit){.loc = 1, .ready = 50, .due = 50, .service = 10, .skills = 1};
	v[4] = (struct plan_visit){.loc = 3, .ready = 50, .due = 50, .service = 10, .skills = 1};
	v[5] = (struct plan_visit){.loc = 2, .ready = 0, .due = 100, .service = 1, .demand = 1};
	f.pb.visits = v;
	f.pb.n_visits = 6;

	plan_options_init(&opt);
	opt.time_limit = 0;
	opt.max_iterations = 300;
	assert_int_equal(plan_solve(&f.pb, &opt, &sol), 0);
	assert_int_equal(plan_validate(&f.pb, &sol, &where), 0);
	assert_int_equal(sol.n_unplaced, 4);
	enum plan_unplaced_reason got[6] = {0};
	for (int i = 0; i < sol.n_unplaced; i++)
		got[sol.unplaced[i]] = sol.reason[i];
	assert_int_equal(got[0], PLAN_UNPLACED_NO_SKILL);
	assert_int_equal(got[1], PLAN_UNPLACED_WINDOW);
	assert_int_equal(got[2], PLAN_UNPLACED_CAPACITY);
	assert_int_equal(got[3] + got[4], PLAN_UNPLACED_SEARCH_LIMIT);
	assert_int_equal(got[5], PLAN_UNPLACED_NONE);
	plan_solution_release(&sol);

	/* Bad input is refused, not crashed on. */
	v[0].loc = 9;
	assert_int_equal(plan_solve(&f.pb, &opt, &sol), PLAN_ERR_INVALID);
	v[0].loc = 1;
	v[0].service = NAN;
	assert_int_equal(plan_solve(&f.pb, &opt, &sol), PLAN_ERR_INVALID);
	v[0].service = 1;
	opt.max_iterations = 0;
	assert_int_equal(plan_solve(&f.pb, &opt, &sol), PLAN_ERR_INVALID);
	opt.max_iterations = 10;
	/* A break longer than its window, or outside the shift. */
	f.workers[0].break_duration = 30;
	f.workers[0].break_start = 20;
	f.workers[0].break_end = 40;
	assert_int_equal(plan_solve(&f.pb, &opt, &sol), PLAN_ERR_INVALID);
	f.workers[0].break_end = 250;
	assert_int_equal(plan_solve(&f.pb, &opt, &sol), PLAN_ERR_INVALID);
	f.workers[0].break_end = 60;
	assert_int_equal(plan_solve(&f.pb, &opt, &sol), 0);
	assert_int_equal(plan_validate(&f.pb, &sol, &where), 0);
	plan_solution_release(&sol);
	f.workers[0].break_duration = 0;
	assert_int_equal(plan_solve(&f.pb, &opt, &sol), 0);
	assert_int_equal(plan_validate(&f.pb, &sol, &where), 0);
	plan_solution_release(&sol);
	plan_solution_release(NULL);

	/* No workers at all: every feasible-looking visit is still reported. */
	f.pb.n_workers = 0;
	assert_int_equal(plan_solve(&f.pb, &opt, &sol), 0);
	assert_int_equal(sol.n_unplaced, 6);
	assert_int_equal(plan_validate(&f.pb, &sol, &where), 0);
	plan_solution_release(&sol);
}

/* ---- small Solomon instance --------------------------------------------- */

static void test_solve_small_solomon(void **state)
{
	(void)state;
	struct solomon_instance in;
	struct solomon_problem sp;
	struct plan_options opt;
	struct plan_solution a, b;
	struct plan_violation where;

	assert_int_equal(solomon_parse(small_text, strlen(small_text), &in, NULL), 0);
	assert_int_equal(solomon_to_problem(&in, 0, &sp), 0);
	plan_options_init(&opt);
	opt.time_limit = 0;
	opt.max_iterations = 4000;
	opt.seed = 7;
	assert_int_equal(plan_solve(&sp.pb, &opt, &a), 0);
	assert_int_equal(plan_validate(&sp.pb, &a, &where), 0);
	assert_int_equal(a.n_unplaced, 0);
	/* One vehicle cannot do it: customers 9, 6 and 12 (windows 534-605,
	 * 621-702, 652-721, 90 minutes of service each) cannot share one.
	 * Two suffice. */
	assert_int_equal(a.n_used, 2);

	/* Same seed, same iterations: the same solution. */
	assert_int_equal(plan_solve(&sp.pb, &opt, &b), 0);
	assert_int_equal(plan_validate(&sp.pb, &b, &where), 0);
	assert_int_equal(a.n_used, b.n_used);
	assert_true(a.cost == b.cost);
	assert_memory_equal(a.route_visits, b.route_visits, 12 * sizeof(int));
	plan_solution_release(&a);
	plan_solution_release(&b);
	solomon_problem_release(&sp);
	solomon_release(&in);
}

/* ---- property test: solver vs exhaustive search ------------------------- */

#define PT_MAX_VISITS 7
#define PT_WORKERS 2

struct tiny {
	int n;
	int nl;
	int breaks; /* give workers breaks */
	double travel[(PT_MAX_VISITS + 4) * (PT_MAX_VISITS + 4)];
	struct plan_visit visits[PT_MAX_VISITS];
	struct plan_worker workers[PT_WORKERS];
	struct plan_problem pb;
};

static void tiny_random(struct tiny *t, struct plan_rng *rng, int breaks)
{
	memset(t, 0, sizeof(*t));
	t->breaks = breaks;
	t->n = 1 + plan_rng_below(rng, PT_MAX_VISITS);
	t->nl = t->n + 4;
	int nl = t->nl;
	if (plan_rng_below(rng, 2) == 0) {
		double x[PT_MAX_VISITS + 4], y[PT_MAX_VISITS + 4];
		for (int i = 0; i < nl; i++) {
			x[i] = plan_rng_below(rng, 50);
			y[i] = plan_rng_below(rng, 50);
		}
		for (int a = 0; a < nl; a++)
			for (int b = 0; b < nl; b++)
				t->travel[a * nl + b] = hypot(x[a] - x[b], y[a] - y[b]);
	} else {
		/* Asymmetric and without the triangle inequality. */
		for (int a = 0; a < nl; a++)
			for (int b = 0; b < nl; b++)
				t->travel[a * nl + b] = a == b ? 0 : 1 + plan_rng_below(rng, 40);
	}
	for (int i = 0; i < t->n; i++) {
		struct plan_visit *v = &t->visits[i];
		v->loc = 4 + i;
		v->ready = plan_rng_below(rng, 120);
		v->due = v->ready + plan_rng_below(rng, 80);
		v->service = plan_rng_below(rng, 15);
		v->demand = plan_rng_below(rng, 4);
		v->skills = plan_rng_below(rng, 4) == 0 ? 1 + (uint64_t)plan_rng_below(rng, 3) : 0;
	}
	for (int w = 0; w < PT_WORKERS; w++) {
		struct plan_worker *wk = &t->workers[w];
		wk->start_loc = plan_rng_below(rng, 4);
		wk->end_loc = plan_rng_below(rng, 3) == 0 ? plan_rng_below(rng, 4) : wk->start_loc;
		wk->shift_start = plan_rng_below(rng, 40);
		wk->shift_end = wk->shift_start + 80 + plan_rng_below(rng, 160);
		wk->capacity = plan_rng_below(rng, 3) == 0 ? -1 : 2 + plan_rng_below(rng, 8);
		wk->skills = (uint64_t)plan_rng_below(rng, 4);
		/* Half the workers take a break whose window lies in the shift. */
		if (t->breaks && plan_rng_below(rng, 2) == 0) {
			wk->break_duration = 5 + plan_rng_below(rng, 20);
			wk->break_start = wk->shift_start + plan_rng_below(rng, 60);
			wk->break_end = wk->break_start + wk->break_duration + plan_rng_below(rng, 40);
			if (wk->break_end > wk->shift_end)
				wk->break_duration = wk->break_start = wk->break_end = 0;
		}
	}
	t->pb = (struct plan_problem){.n_locs = nl, .travel = t->travel, .n_visits = t->n,
				     .visits = t->visits, .n_workers = PT_WORKERS,
				     .workers = t->workers};
}

/* Own feasibility walk for the brute force (not the validator's code),
 * with the break, if any, in the gap before stop `brk` (0 .. len, len
 * meaning before reaching the end location), started as early as the
 * window and the previous stop allow. */
static int tiny_route_walk(const struct tiny *t, int w, const int *seq, int len, int brk,
			   double *cost)
{
	const struct plan_worker *wk = &t->workers[w];
	double time = wk->shift_start, c = 0;
	int at = wk->start_loc, load = 0;
	for (int i = 0; i <= len; i++) {
		int to = i < len ? t->visits[seq[i]].loc : wk->end_loc;
		double d = t->travel[at * t->nl + to];
		c += d;
		if (wk->break_duration > 0 && i == brk) {
			double b = fmax(time, wk->break_start);
			if (b + wk->break_duration > wk->break_end)
				return 0;
			/* Drive before, after or around the break. */
			time = fmax(time + d, b) + wk->break_duration;
		} else {
			time += d;
		}
		if (i == len)
			break;
		const struct plan_visit *v = &t->visits[seq[i]];
		if (v->skills & ~wk->skills)
			return 0;
		load += v->demand;
		if (wk->capacity >= 0 && load > wk->capacity)
			return 0;
		time = fmax(time, v->ready);
		if (time > v->due)
			return 0;
		time += v->service;
		at = v->loc;
	}
	if (time > wk->shift_end)
		return 0;
	*cost = c;
	return 1;
}

static int tiny_route_cost(const struct tiny *t, int w, const int *seq, int len, double *cost)
{
	int last = t->workers[w].break_duration > 0 ? len : 0;
	for (int brk = 0; brk <= last; brk++)
		if (tiny_route_walk(t, w, seq, len, brk, cost))
			return 1;
	return 0;
}

/* Best cost of serving exactly `mask` with worker w over all orders;
 * INFINITY when no order is feasible. */
static double tiny_best_route(const struct tiny *t, int w, int mask)
{
	int items[PT_MAX_VISITS], k = 0;
	for (int i = 0; i < t->n; i++)
		if (mask & (1 << i))
			items[k++] = i;
	if (k == 0)
		return 0;
	/* Heap's algorithm over all permutations. */
	int c[PT_MAX_VISITS] = {0};
	double best = INFINITY, cost;
	if (tiny_route_cost(t, w, items, k, &cost))
		best = cost;
	int i = 0;
	while (i < k) {
		if (c[i] < i) {
			int j = (i % 2 == 0) ? 0 : c[i];
			int tmp = items[j];
			items[j] = items[i];
			items[i] = tmp;
			if (tiny_route_cost(t, w, items, k, &cost) && cost < best)
				best = cost;
			c[i]++;
			i = 0;
		} else {
			c[i] = 0;
			i++;
		}
	}
	return best;
}

struct tiny_opt {
	int unplaced, used;
	double cost;
};

static struct tiny_opt tiny_exhaustive(const struct tiny *t)
{
	int full = 1 << t->n;
	double best_route[PT_WORKERS][1 << PT_MAX_VISITS];
	for (int w = 0; w < PT_WORKERS; w++)
		for (int m = 0; m < full; m++)
			best_route[w][m] = tiny_best_route(t, w, m);
	struct tiny_opt best = {t->n + 1, 0, 0};
	for (int m0 = 0; m0 < full; m0++) {
		if (isinf(best_route[0][m0]))
			continue;
		int rest = (full - 1) & ~m0;
		/* Enumerate subsets m1 of rest, including the empty one. */
		for (int m1 = rest;; m1 = (m1 - 1) & rest) {
			if (!isinf(best_route[1][m1])) {
				struct tiny_opt o;
				o.unplaced = t->n - __builtin_popcount((unsigned)(m0 | m1));
				o.used = (m0 != 0) + (m1 != 0);
				o.cost = best_route[0][m0] + best_route[1][m1];
				if (o.unplaced < best.unplaced ||
				    (o.unplaced == best.unplaced &&
				     (o.used < best.used ||
				      (o.used == best.used && o.cost < best.cost))))
					best = o;
			}
			if (m1 == 0)
				break;
		}
	}
	return best;
}

/* Prints a failing instance and the solver's answer, for hunting bugs. */
static void tiny_dump(const struct tiny *t, const struct plan_solution *sol)
{
	for (int i = 0; i < t->n; i++) {
		const struct plan_visit *v = &t->visits[i];
		print_error("visit %d: loc %d [%g, %g] service %g demand %d skills %llu\n", i,
			    v->loc, v->ready, v->due, v->service, v->demand,
			    (unsigned long long)v->skills);
	}
	for (int a = 0; a < t->nl; a++) {
		print_error("travel %d:", a);
		for (int b = 0; b < t->nl; b++)
			print_error(" %g", t->travel[a * t->nl + b]);
		print_error("\n");
	}
	for (int w = 0; w < PT_WORKERS; w++) {
		const struct plan_worker *k = &t->workers[w];
		print_error("worker %d: %d->%d [%g, %g] cap %d skills %llu break %g in [%g, %g]\n",
			    w, k->start_loc, k->end_loc, k->shift_start, k->shift_end, k->capacity,
			    (unsigned long long)k->skills, k->break_duration, k->break_start,
			    k->break_end);
		print_error("  route:");
		for (int i = sol->route_start[w]; i < sol->route_start[w + 1]; i++)
			print_error(" %d@%g", sol->route_visits[i], sol->start_time[sol->route_visits[i]]);
		print_error("  break %g after %d\n", sol->break_time ? sol->break_time[w] : -1,
			    sol->break_after ? sol->break_after[w] : -1);
	}
}

static void test_property_exhaustive(void **state)
{
	(void)state;
	struct plan_rng rng;
	static struct tiny t;
	/* PT_SEED and PT_ROUNDS widen the search when hunting a bug by hand;
	 * the defaults keep the suite fast and fixed.  The solver is a
	 * heuristic: over 8,000 rounds (seeds 1-4) it missed the optimum once,
	 * by 2 cost units, on an instance where which visit to leave out
	 * decides the cost.  Every miss so far that was not of that kind was
	 * a real bug (see the git log).  Every other round gives workers
	 * breaks; over 4,000 rounds (seeds 1-4, 2,000 iterations) the solver
	 * then missed the optimum three times, twice by cost (gone at 20,000
	 * iterations) and once on a matrix without the triangle inequality
	 * where a visit fits a route only together with another one, which
	 * one-at-a-time insertion cannot find. */
	const char *env_seed = getenv("PT_SEED"), *env_rounds = getenv("PT_ROUNDS");
	int rounds = env_rounds ? atoi(env_rounds) : 300;
	plan_rng_init(&rng, env_seed ? strtoull(env_seed, NULL, 10) : 20261123);
	int nontrivial = 0;
	for (int round = 0; round < rounds; round++) {
		/* Every other round with breaks. */
		tiny_random(&t, &rng, round % 2);
		struct tiny_opt want = tiny_exhaustive(&t);
		struct plan_options opt;
		struct plan_solution sol;
		struct plan_violation where;
		plan_options_init(&opt);
		opt.time_limit = 0;
		opt.max_iterations = getenv("PT_ITER") ? atol(getenv("PT_ITER")) : 2000;
		opt.seed = (uint64_t)round;
		assert_int_equal(plan_solve(&t.pb, &opt, &sol), 0);
		int rc = plan_validate(&t.pb, &sol, &where);
		if (rc || sol.n_unplaced != want.unplaced || sol.n_used != want.used ||
		    fabs(sol.cost - want.cost) > 1e-6)
			tiny_dump(&t, &sol);
		if (rc || sol.n_unplaced != want.unplaced || sol.n_used != want.used ||
		    fabs(sol.cost - want.cost) > 1e-6)
			print_error("round %d (n=%d): solver %d/%d/%.4f, exhaustive %d/%d/%.4f, "
				    "validate %d\n",
				    round, t.n, sol.n_unplaced, sol.n_used, sol.cost, want.unplaced,
				    want.used, want.cost, rc);
		assert_int_equal(rc, 0);
		assert_int_equal(sol.n_unplaced, want.unplaced);
		assert_int_equal(sol.n_used, want.used);
		assert_true(fabs(sol.cost - want.cost) <= 1e-6);
		nontrivial += want.used == 2 || want.unplaced > 0;
		plan_solution_release(&sol);
	}
	/* The generator must produce hard cases, not only one-route ones. */
	assert_true(nontrivial >= rounds / 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_solomon_good),
		cmocka_unit_test(test_solomon_malformed),
		cmocka_unit_test(test_validator),
		cmocka_unit_test(test_validator_breaks),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_solve_small_solomon),
		cmocka_unit_test(test_property_exhaustive),
	};
	return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
