/*
 * plan_travel.c - haversine travel times (see plan_travel.h).
 */
#include "plan_travel.h"

#include <math.h>
#include <stddef.h>

#define EARTH_RADIUS_KM 6371.0088
#define DEG_TO_RAD (3.14159265358979323846 / 180.0)

void plan_travel_params_init(struct plan_travel_params *p)
{
	p->detour = 1.3;
	p->speed_kmh[PLAN_MODE_CAR] = 30.0;
	p->speed_kmh[PLAN_MODE_FOOT] = 4.5;
}

int plan_coord_valid(struct plan_coord c)
{
	return isfinite(c.lat) && isfinite(c.lon) && c.lat >= -90 && c.lat <= 90 &&
	       c.lon >= -180 && c.lon <= 180 && !(c.lat == 0 && c.lon == 0);
}

double plan_haversine_km(struct plan_coord a, struct plan_coord b)
{
	double p1 = a.lat * DEG_TO_RAD, p2 = b.lat * DEG_TO_RAD;
	double dp = p2 - p1, dl = (b.lon - a.lon) * DEG_TO_RAD;
	double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
	if (h > 1)
		h = 1;
	return 2 * EARTH_RADIUS_KM * asin(sqrt(h));
}

int plan_travel_matrices(const struct plan_coord *c, int n, const struct plan_travel_params *p,
			 double *travel, double *km)
{
	if (n < 0 || !p || (n > 0 && (!c || !travel)) || !(p->detour >= 1) || !isfinite(p->detour))
		return PLAN_ERR_INVALID;
	for (int m = 0; m < PLAN_MODE_COUNT; m++)
		if (!(p->speed_kmh[m] > 0) || !isfinite(p->speed_kmh[m]))
			return PLAN_ERR_INVALID;
	for (int i = 0; i < n; i++)
		if (!plan_coord_valid(c[i]))
			return PLAN_ERR_INVALID;
	size_t N = (size_t)n;
	for (size_t a = 0; a < N; a++) {
		for (size_t b = 0; b < N; b++) {
			double d = a == b ? 0 : plan_haversine_km(c[a], c[b]) * p->detour;
			if (km)
				km[a * N + b] = d;
			for (int m = 0; m < PLAN_MODE_COUNT; m++)
				travel[((size_t)m * N + a) * N + b] = d / p->speed_kmh[m] * 60.0;
		}
	}
	return 0;
}
