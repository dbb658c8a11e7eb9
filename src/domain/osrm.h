/*
 * osrm.h - road travel times from an OSRM-compatible routing server (the
 * `table` service), for the visit planner when PAGALBA_OSRM_URL names
 * one. Without it, or when it cannot answer, the planner uses straight
 * lines (plan_travel) and says so in the plan.
 *
 * The request is GET {url}/table/v1/{profile}/{lon,lat;...}?annotations=duration
 * (profile "driving" for cars, "foot" for walking); the answer's
 * `durations` (seconds, row-major, null for unroutable pairs) become
 * minutes. The server must allow tables of a day's size (osrm-routed
 * --max-table-size; a day is its workers plus its visits).
 *
 * Thread-safe: no shared state (libcurl's global init runs once).
 */
#ifndef PAGALBA_DOMAIN_OSRM_H
#define PAGALBA_DOMAIN_OSRM_H

#include <stddef.h>

struct plan_coord;

#define OSRM_MAX_LOCATIONS 2000
#define OSRM_TIMEOUT_MS 10000

/*
 * Fills minutes[n * n] with road travel times between the n places for
 * profile ("driving" or "foot"). Pairs the server cannot route keep the
 * value already in minutes[] (the caller's straight-line estimate).
 * Returns 0, or a negative error (ERR_IO unreachable or timed out,
 * ERR_INVALID for an answer that is not a table of n x n, ERR_TOO_LARGE
 * for n above OSRM_MAX_LOCATIONS) with a short English reason in err
 * (no coordinates in it: they are where clients live).
 */
int osrm_table(const char *base_url, const char *profile,
	       const struct plan_coord *c, int n, double *minutes, char *err,
	       size_t err_cap);

#endif
