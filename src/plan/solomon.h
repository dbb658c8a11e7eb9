/*
 * solomon.h - reader for Solomon's VRPTW text format.
 *
 * Layout: a name line; "VEHICLE"; "NUMBER CAPACITY"; a line with the two
 * integers; "CUSTOMER"; a column header line; then one row per node with
 * seven numbers: number, x, y, demand, ready time, due date, service time.
 * Node 0 is the depot; numbers must run 0, 1, 2, ... .  Blank lines and
 * surrounding white space (including CR) are ignored.
 *
 * The reader treats its input as untrusted (it is fuzzed): it never reads
 * past len, caps line length and node count, rejects non-finite numbers,
 * and reports the first offending line.
 */
#ifndef PAGALBA_SOLOMON_H
#define PAGALBA_SOLOMON_H

#include <stddef.h>

#include "plan.h"

#define SOLOMON_MAX_NODES 100000
#define SOLOMON_MAX_LINE 1024
/* solomon_to_problem() builds a dense matrix; beyond this it refuses. */
#define SOLOMON_MAX_MATRIX_NODES 5000

struct solomon_instance {
	char name[64];
	int n_vehicles;
	int capacity;
	int n_nodes; /* depot plus customers */
	double *x, *y;
	int *demand;
	double *ready, *due, *service;
};

/*
 * Parses text[0..len) (need not be NUL-terminated) into *out, which the
 * caller then releases with solomon_release().  Returns 0, PLAN_ERR_PARSE
 * (with *err_line set to the 1-based line, 0 for end of input),
 * PLAN_ERR_RANGE (too many nodes or too long a line, *err_line set) or
 * PLAN_ERR_NOMEM.  On error *out is left released.  err_line may be NULL.
 */
int solomon_parse(const char *text, size_t len, struct solomon_instance *out, int *err_line);

/* Reads and parses a file; PLAN_ERR_IO if it cannot be read, otherwise as
 * solomon_parse().  Files above 64 MiB are refused with PLAN_ERR_RANGE. */
int solomon_read_file(const char *path, struct solomon_instance *out, int *err_line);

/* Frees the arrays and zeroes *inst.  NULL is a no-op. */
void solomon_release(struct solomon_instance *inst);

/*
 * A plan_problem built from an instance, owning its arrays: locations are
 * node numbers, travel = cost = Euclidean distance in double precision
 * (not rounded), n_workers identical workers at the depot with the depot's
 * window as shift and the instance's capacity, no skills.
 */
struct solomon_problem {
	struct plan_problem pb;
	double *travel;
	struct plan_visit *visits;
	struct plan_worker *workers;
};

/* Builds *out from inst with n_workers workers (<= 0: the instance's
 * vehicle count).  Returns 0, PLAN_ERR_INVALID, PLAN_ERR_RANGE (more than
 * SOLOMON_MAX_MATRIX_NODES nodes) or PLAN_ERR_NOMEM. */
int solomon_to_problem(const struct solomon_instance *inst, int n_workers,
		       struct solomon_problem *out);

/* Frees *sp's arrays and zeroes it.  NULL is a no-op. */
void solomon_problem_release(struct solomon_problem *sp);

#endif
