/*
 * store_homecare.h - the SQL of home care (domain/homecare.c): rosters,
 * mobility and absences of workers; visit patterns and exceptions of
 * cases. Runs on the caller's connection and transaction.
 */
#ifndef PAGALBA_DB_STORE_HOMECARE_H
#define PAGALBA_DB_STORE_HOMECARE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct homecare_roster_day;

/* 0, or ERR_NOT_FOUND when there is no such staff member. */
int store_homecare_staff_exists(struct db *db, int64_t staff_id);
/* [{weekday, start, end, break_from, break_to, break_min}] by weekday;
 * times as "HH:MM". */
int store_homecare_roster(struct db *db, int64_t staff_id, json_t **out);
/* {mode, base_lat, base_lon, base_label, version} or NULL when unset. */
int store_homecare_mobility(struct db *db, int64_t staff_id, json_t **out);
/* Absences ending on or after `from` (yyyymmdd), by date. */
int store_homecare_absences(struct db *db, int64_t staff_id, int from,
			    json_t **out);
int store_homecare_roster_replace(struct db *db, int64_t staff_id,
				  const struct homecare_roster_day *d, size_t n);
int store_homecare_mobility_put(struct db *db, int64_t staff_id,
				const char *mode, int has_base, int64_t lat_e6,
				int64_t lon_e6, const char *label,
				const char *now);
int store_homecare_absence_insert(struct db *db, int64_t staff_id, int from,
				  int to, const char *kind, int64_t by,
				  const char *now, int64_t *id);
/* ERR_NOT_FOUND when the absence is not that staff member's. */
int store_homecare_absence_delete(struct db *db, int64_t staff_id,
				  int64_t absence_id);

#endif
