/*
 * plan.h - route planning for the home-help mobile teams.
 *
 * The planner assigns visits (a client's home, a time window, a service
 * duration, required skills, a load) to workers (a start and an end
 * location, a shift, skills, an optional capacity) and orders each worker's
 * visits so that, in this order of importance:
 *
 *   1. as many visits as possible are placed,
 *   2. with PLAN_OBJECTIVE_FLEET: as few workers as possible are used, then
 *      the total travel cost is as small as possible (Solomon's
 *      hierarchical objective); with PLAN_OBJECTIVE_WEIGHTED: a weighted
 *      sum of travel, continuity of care, changes to an announced plan,
 *      overtime and unbalanced workload is as small as possible.
 *
 * This is the vehicle routing problem with time windows (VRPTW) with
 * heterogeneous workers, breaks and travel modes.  The same core is
 * measured on Solomon's benchmark (bench/vrptw), so the model is plain:
 * the caller supplies travel-time matrices between locations (one per
 * mode; plan_travel.h builds them from coordinates), everything else is
 * data.  plan_week.h plans weeks and re-plans days on top of it.
 *
 * Time model, used by the solver and checked by plan_validate():
 * a worker leaves its start location no earlier than shift_start; arriving
 * at a visit it may wait until the window opens; service must *start*
 * inside [ready, due]; the break (if any) lies between two stops, inside
 * its window, with the travel fitted around it; after the last visit the
 * worker must reach its end location no later than shift_end.  A worker
 * with no visits does not work, takes no break and costs nothing.
 *
 * Ownership: the library never keeps pointers into the caller's problem
 * after a call returns.  A plan_solution is caller-owned; plan_solve()
 * fills its arrays and plan_solution_release() frees them.
 *
 * Thread safety: there is no global state; distinct solver calls may run
 * in parallel on distinct outputs.  A single call is single-threaded.
 *
 * Determinism: with options.max_iterations set (and a generous time limit)
 * a given problem and seed always produce the same solution.  With only a
 * time limit the search follows the same path but stops wherever the clock
 * says, so results may differ slightly between runs and machines.
 */
#ifndef PAGALBA_PLAN_H
#define PAGALBA_PLAN_H

#include <stddef.h>
#include <stdint.h>

/*
 * Error codes.  Every function returns 0 or one of these negative values.
 * They will map onto the project-wide ERR_* table once core/ has one; the
 * validation codes (PLAN_ERR_DUPLICATE_VISIT and below) say exactly which
 * rule a solution breaks.
 */
enum plan_error {
	PLAN_OK = 0,
	PLAN_ERR_INVALID = -1,     /* bad argument or malformed problem */
	PLAN_ERR_NOMEM = -2,       /* allocation failed */
	PLAN_ERR_UNSUPPORTED = -3, /* feature modelled but not solved yet */
	PLAN_ERR_PARSE = -4,       /* input text is malformed (see line) */
	PLAN_ERR_IO = -5,          /* file could not be read */
	PLAN_ERR_RANGE = -6,       /* input exceeds a size cap */

	/* plan_validate(): the solution breaks a rule. */
	PLAN_ERR_BAD_INDEX = -20,       /* visit or worker index out of range */
	PLAN_ERR_DUPLICATE_VISIT = -21, /* visit placed twice (or placed and unplaced) */
	PLAN_ERR_MISSING_VISIT = -22,   /* visit neither placed nor reported unplaced */
	PLAN_ERR_SKILL = -23,           /* worker lacks a skill the visit requires */
	PLAN_ERR_CAPACITY = -24,        /* worker's load exceeds its capacity */
	PLAN_ERR_WINDOW = -25,          /* service cannot start by the visit's due time */
	PLAN_ERR_SHIFT_END = -26,       /* worker cannot reach its end location in time */
	PLAN_ERR_SCHEDULE = -27,        /* reported start time impossible */
	PLAN_ERR_COST_MISMATCH = -28,   /* reported cost or worker count is wrong */
	PLAN_ERR_BAD_REASON = -29,      /* unplaced visit without a valid reason */
	PLAN_ERR_BREAK = -30,           /* break missing, outside its window or overlapping */
	PLAN_ERR_ABSENT = -31           /* visit given to an absent worker or placed without location */
};

/* Returns a static English description of a plan_error code. */
const char *plan_strerror(int code);

/* Why a visit was not placed.  Never silently dropped: every visit of the
 * problem is either in a route or in the unplaced list with one of these. */
enum plan_unplaced_reason {
	PLAN_UNPLACED_NONE = 0,
	/* No worker has every skill the visit requires. */
	PLAN_UNPLACED_NO_SKILL = 1,
	/* No skilled worker can reach it inside its window and still get back
	 * before the end of the shift, even if it were the only visit. */
	PLAN_UNPLACED_WINDOW = 2,
	/* Its load exceeds the capacity of every worker who could reach it. */
	PLAN_UNPLACED_CAPACITY = 3,
	/* Feasible on its own, but the search did not fit it alongside the
	 * other visits before its time or iteration limit ran out. */
	PLAN_UNPLACED_SEARCH_LIMIT = 4,
	/* The client's address has no usable coordinates (visit.loc == -1). */
	PLAN_UNPLACED_NO_LOCATION = 5,
	/* Workers with the skills exist but all of them are absent. */
	PLAN_UNPLACED_NO_WORKER = 6
};

/* Returns a static English description of a reason. */
const char *plan_reason_name(enum plan_unplaced_reason reason);

struct plan_visit {
	/* Row/column of the travel matrix, or -1 when the client's address
	 * has no usable coordinates: such a visit is reported unplaced with
	 * PLAN_UNPLACED_NO_LOCATION. */
	int loc;
	double ready;      /* earliest service start */
	double due;        /* latest service start */
	double service;    /* service duration, >= 0 */
	int demand;        /* load units, >= 0 */
	uint64_t skills;   /* required skills; must be a subset of the worker's */
	/*
	 * Continuity of care: the workers the client knows (indices into the
	 * problem's workers).  With the weighted objective, serving the visit
	 * by anyone else costs options.weights.continuity * continuity.
	 * NULL / 0 means no preference.
	 */
	const int *preferred;
	int n_preferred;
	double continuity; /* >= 0; 0 means 1 when n_preferred > 0 */
};

/* Travel modes.  A worker's mode picks its travel matrix (see
 * plan_problem.n_modes); plan_travel.h builds the matrices. */
enum plan_mode { PLAN_MODE_CAR = 0, PLAN_MODE_FOOT = 1, PLAN_MODE_COUNT = 2 };

struct plan_worker {
	int start_loc;      /* home base or office */
	int end_loc;
	double shift_start; /* may not leave start_loc earlier */
	double shift_end;   /* must be back at end_loc by then */
	int capacity;       /* < 0 means unlimited */
	uint64_t skills;
	/*
	 * Break: break_duration, starting no earlier than break_start and
	 * ending no later than break_end (e.g. 30 min between 11:30 and
	 * 13:30).  Hard for a worker who has at least one visit; never during
	 * a visit.  It falls between two stops (start, visits, end) with the
	 * travel between them fitted before, after or around it, so it may
	 * be taken while waiting for the next window to open: the next stop
	 * is reached at max(end of the previous + travel, break start) +
	 * break_duration.  The solution reports where (break_after) and when
	 * (break_time).  break_duration 0: no break.  The break window must
	 * lie inside the shift.
	 */
	double break_start;
	double break_end;
	double break_duration;
	int mode;           /* index of the travel matrix, 0 .. n_modes - 1 */
	/* Regular end of the working day: with the weighted objective each
	 * minute back after it costs options.weights.overtime.  0: none. */
	double regular_end;
	/* Absent (ill, on holiday, day off): takes no visit.  Keeps worker
	 * indices stable between a plan and its re-plan. */
	int absent;
};

struct plan_problem {
	int n_locs;
	/* n_modes matrices of n_locs * n_locs travel times, one after the
	 * other, row-major: travel[(m * n_locs + a) * n_locs + b] is the time
	 * from a to b in mode m.  Finite and >= 0; need not be symmetric.
	 * n_modes 0 means 1. */
	const double *travel;
	int n_modes;
	/* Optional cost matrix of one mode's shape (e.g. kilometres); NULL
	 * means cost equals the worker's travel time, as in Solomon's
	 * benchmark. */
	const double *cost;
	int n_visits;
	const struct plan_visit *visits;
	int n_workers;
	const struct plan_worker *workers;
	/* Optional announced plan for a re-plan: announced[v] is the worker
	 * the visit was announced with, or -1.  With the weighted objective
	 * each visit given to another worker costs options.weights.change.
	 * NULL: nothing announced. */
	const int *announced;
};

/*
 * What the search minimises after the number of unplaced visits.
 *
 * PLAN_OBJECTIVE_FLEET: fewest workers, then least cost (Solomon's
 * hierarchical objective; the weights are ignored).
 *
 * PLAN_OBJECTIVE_WEIGHTED: one weighted sum, in minutes of travel:
 *   travel   * travel cost
 * + continuity * visit.continuity, per visit served by a non-preferred worker
 * + change   per announced visit given to another worker
 * + overtime * minutes back after the worker's regular_end
 * + balance  * (work - fair share)^2 / 60 for each worker whose work
 *              (service + travel minutes) exceeds the fair share of the
 *              day's service among the available workers.
 */
enum plan_objective { PLAN_OBJECTIVE_FLEET = 0, PLAN_OBJECTIVE_WEIGHTED = 1 };

struct plan_weights {
	double travel;
	double continuity;
	double change;
	double overtime;
	double balance;
};

struct plan_solution;

struct plan_options {
	double time_limit;    /* wall-clock seconds; <= 0 means no limit */
	long max_iterations;  /* ruin-and-recreate steps; <= 0 means no limit */
	uint64_t seed;
	/* Share of each run's budget spent first on reducing the number of workers
	 * (0..1).  The rest goes to reducing cost with the fleet fixed.  With
	 * the weighted objective the first phase only places visits. */
	double fleet_share;
	/* The fleet phase also ends when this share of the budget passes
	 * without removing a worker (0: default). */
	double fleet_stall;
	/* Annealing temperatures of the cost phase, as multiples of the
	 * average edge cost of the starting solution (so independent of the
	 * cost unit); 0 picks the tuned defaults. */
	double temp_start;
	double temp_end;
	/* Independent searches sharing the budget, best kept (0: default 2). */
	int runs;
	enum plan_objective objective;
	struct plan_weights weights;
	/* Optional starting solution for the same problem (e.g. the announced
	 * plan in a re-plan): its routes are kept where still feasible and
	 * the rest is inserted; every run starts from it.  Not owned. */
	const struct plan_solution *warm;
};

/* Fills in the defaults: 1 s, no iteration limit, seed 1, fleet_share 0.5,
 * default temperatures, the fleet objective, and default weights for the
 * weighted one (travel 1, continuity 20, change 30, overtime 2,
 * balance 0.5).
 * At least one of time_limit or max_iterations must be positive. */
void plan_options_init(struct plan_options *opt);

struct plan_solution {
	int n_workers;
	int n_visits;
	/* Routes in compressed form: worker w visits
	 * route_visits[route_start[w] .. route_start[w + 1] - 1] in order.
	 * route_start has n_workers + 1 entries. */
	int *route_start;
	int *route_visits;
	/* Service start time of each placed visit, indexed by visit; earliest
	 * feasible schedule.  Unplaced visits have -1. */
	double *start_time;
	/* Per worker: when the break starts and after how many of the route's
	 * visits; -1 and 0 for a worker without a break or without visits. */
	double *break_time;
	int *break_after;
	/* Unplaced visits and why, n_unplaced entries each. */
	int n_unplaced;
	int *unplaced;
	enum plan_unplaced_reason *reason;

	int n_used;        /* workers with at least one visit */
	double cost;       /* total travel cost of the used workers */
	double objective;  /* what the search minimised (cost for FLEET) */
	long iterations;   /* search statistics */
	double seconds;
};

/* Zeroes a solution so that plan_solution_release() is safe on it. */
void plan_solution_init(struct plan_solution *sol);

/* Frees the arrays of a solution and zeroes it.  NULL is a no-op. */
void plan_solution_release(struct plan_solution *sol);

/*
 * Checks that a problem is well formed: sizes >= 0, locations in range,
 * all numbers finite, travel times, service times and demands >= 0.
 * Returns 0 or PLAN_ERR_INVALID.  An empty window or an impossible shift is
 * not an error: the affected visit is reported unplaced instead.
 */
int plan_problem_check(const struct plan_problem *pb);

/*
 * Solves pb.  On success returns 0 and fills *out (which must have been
 * initialised or released); the caller releases it.  Every visit ends up
 * either in a route or in out->unplaced with a reason.  Errors:
 * PLAN_ERR_INVALID (bad problem or options), PLAN_ERR_NOMEM.  On error *out is left released.
 */
int plan_solve(const struct plan_problem *pb, const struct plan_options *opt,
	       struct plan_solution *out);

/* Where plan_validate() found a problem; -1 when not applicable. */
struct plan_violation {
	int worker;
	int visit;
};

/*
 * Independent validator: recomputes, from the problem alone, every arrival
 * time, window, shift end, load and skill of sol, checks that each visit
 * appears exactly once (routed or unplaced with a reason), that reported
 * start times are achievable, and that sol->cost and sol->n_used are right.
 * It shares no code with the solver.  Returns 0 when the solution is valid,
 * otherwise the first violation's PLAN_ERR_* code, and fills *where (may be
 * NULL).  Tolerance for times and cost: 1e-6 (relative for cost).
 */
int plan_validate(const struct plan_problem *pb, const struct plan_solution *sol,
		  struct plan_violation *where);

#endif
