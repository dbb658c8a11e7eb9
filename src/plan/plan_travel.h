/*
 * plan_travel.h - travel times from coordinates, for the planner.
 *
 * Straight-line (great-circle, haversine) distance times a detour factor
 * (roads are not straight; about 1.3 in a town) divided by the speed of
 * the worker's mode.  That is the default source of plan_problem.travel;
 * real road times from an OSRM-compatible table service fill the same
 * matrices in the product (src/domain/osrm.c, PAGALBA_OSRM_URL), which
 * falls back to these when the service cannot answer.
 *
 * Pure functions, no state; thread-safe.
 */
#ifndef PAGALBA_PLAN_TRAVEL_H
#define PAGALBA_PLAN_TRAVEL_H

#include "plan.h"

/* WGS 84 degrees. */
struct plan_coord {
	double lat;
	double lon;
};

struct plan_travel_params {
	double detour;                     /* >= 1 */
	double speed_kmh[PLAN_MODE_COUNT]; /* > 0, indexed by enum plan_mode */
};

/* Defaults for a Lithuanian town: detour 1.3, car 30 km/h door to door
 * (parking included), on foot 4.5 km/h. */
void plan_travel_params_init(struct plan_travel_params *p);

/* 1 when c is a usable position: finite, in range, and not (0, 0), which
 * geocoders return for "not found". */
int plan_coord_valid(struct plan_coord c);

/* Great-circle distance in kilometres (mean Earth radius 6371.0088 km). */
double plan_haversine_km(struct plan_coord a, struct plan_coord b);

/*
 * Fills travel (PLAN_MODE_COUNT matrices of n * n minutes, mode after
 * mode, the layout of plan_problem.travel with n_modes = PLAN_MODE_COUNT)
 * and, when km is not NULL, km (n * n road kilometres: haversine times the
 * detour).  The caller owns both buffers.  Returns PLAN_ERR_INVALID when n
 * < 0, a parameter is out of range or any coordinate is not valid: give
 * visits without coordinates loc = -1 instead of a made-up place.
 */
int plan_travel_matrices(const struct plan_coord *c, int n, const struct plan_travel_params *p,
			 double *travel, double *km);

#endif
