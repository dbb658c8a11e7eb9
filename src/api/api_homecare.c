/*
 * api_homecare.c - home care: a worker's roster, mobility and absences
 * (/api/v1/staff/{id}/roster, /mobility, /absences). The rules are in
 * domain/homecare.c.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/homecare.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void actor_init(struct api_ctx *c, const char *action, int64_t id,
		       struct audit_entry *who, struct homecare_actor *a)
{
	api_audit_fill(c, who, action, "staff", id, NULL);
	a->p = &c->who;
	a->who = who;
	a->audit_key = audit_log_key(c->app->audit);
}

static int roster_respond(struct api_ctx *c, int64_t staff_id, int status)
{
	struct db *db;
	json_t *doc;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = homecare_roster_get(db, staff_id, date_today(), &doc);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "staff.not_found");
	if (rc)
		return rc;
	return api_ok(c, status, doc);
}

int api_roster_get(struct api_ctx *c)
{
	return roster_respond(c, c->params[0], 200);
}

/* One "HH:MM" time of a roster day: field days.<i>.<name>. */
static int day_time(struct api_ctx *c, json_t *day, size_t i, const char *name,
		    int required, int *out)
{
	char field[40];
	json_t *v = json_object_get(day, name);
	snprintf(field, sizeof(field), "days.%zu.%s", i, name);
	if (!v || json_is_null(v)) {
		if (required)
			return api_field_error(c, field, "required");
		*out = -1;
		return 0;
	}
	if (!json_is_string(v) || homecare_time_parse(json_string_value(v), out))
		return api_field_error(c, field, "time");
	return 0;
}

int api_roster_put(struct api_ctx *c)
{
	static const char *const fields[] = {"days", NULL};
	static const char *const day_keys[] = {"weekday", "start", "end", "break_from", "break_to", "break_min"};
	struct homecare_roster_day d[7];
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	size_t i, n = 0;
	json_t *day;
	int rc = api_only_fields(c, fields);
	json_t *days = json_object_get(c->body, "days");
	if (!days)
		return api_field_error(c, "days", "required");
	if (!json_is_array(days))
		return api_field_error(c, "days", "type.array");
	if (json_array_size(days) > 7)
		return api_field_error(c, "days", "roster.too_many");
	json_array_foreach(days, i, day) {
		char field[40];
		const char *k;
		json_t *v;
		if (!json_is_object(day)) {
			snprintf(field, sizeof(field), "days.%zu", i);
			rc |= api_field_error(c, field, "type.object");
			continue;
		}
		json_object_foreach(day, k, v) {
			int known = 0;
			for (size_t j = 0; j < sizeof(day_keys) / sizeof(day_keys[0]); j++)
				known |= !strcmp(k, day_keys[j]);
			if (!known) {
				snprintf(field, sizeof(field), "days.%zu.%s", i, k);
				rc |= api_field_error(c, field, "unknown_field");
			}
		}
		json_t *wd = json_object_get(day, "weekday"), *bm = json_object_get(day, "break_min");
		snprintf(field, sizeof(field), "days.%zu.weekday", i);
		if (!json_is_integer(wd) || json_integer_value(wd) < 1 || json_integer_value(wd) > 7)
			rc |= api_field_error(c, field, wd ? "range" : "required");
		d[n].weekday = json_is_integer(wd) ? (int)json_integer_value(wd) : 0;
		rc |= day_time(c, day, i, "start", 1, &d[n].start);
		rc |= day_time(c, day, i, "end", 1, &d[n].end);
		rc |= day_time(c, day, i, "break_from", 0, &d[n].break_from);
		rc |= day_time(c, day, i, "break_to", 0, &d[n].break_to);
		snprintf(field, sizeof(field), "days.%zu.break_min", i);
		d[n].break_min = 0;
		if (bm && !json_is_null(bm)) {
			if (!json_is_integer(bm) || json_integer_value(bm) < 0 || json_integer_value(bm) > 240)
				rc |= api_field_error(c, field, "range");
			else
				d[n].break_min = (int)json_integer_value(bm);
		}
		if ((d[n].break_from < 0) != (d[n].break_to < 0)) {
			snprintf(field, sizeof(field), "days.%zu.break_to", i);
			rc |= api_field_error(c, field, "roster.break_pair");
		}
		n++;
	}
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	actor_init(c, "roster.replace", c->params[0], &who, &a);
	rc = homecare_roster_put(db, &a, c->params[0], d, n, &fe);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "staff.not_found");
	if (rc)
		return api_field_errors(c, &fe, rc);
	return roster_respond(c, c->params[0], 200);
}

/* Degrees (a JSON number) to micro-degrees. */
static int coord(struct api_ctx *c, const char *field, int64_t *out)
{
	json_t *v = json_object_get(c->body, field);
	if (!json_is_number(v))
		return api_field_error(c, field, "coordinates");
	double x = json_number_value(v);
	if (!isfinite(x) || fabs(x) > 180.0)
		return api_field_error(c, field, "coordinates");
	*out = (int64_t)llround(x * 1e6);
	return 0;
}

int api_mobility_put(struct api_ctx *c)
{
	static const char *const fields[] = {"mode", "base_lat", "base_lon", "base_label", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	const char *mode = NULL, *label = NULL;
	int64_t lat = 0, lon = 0;
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "mode", 1, 16, &mode);
	rc |= api_str(c, "base_label", 0, 200, &label);
	json_t *la = json_object_get(c->body, "base_lat"), *lo = json_object_get(c->body, "base_lon");
	int has_base = (la && !json_is_null(la)) || (lo && !json_is_null(lo));
	if (has_base) {
		rc |= coord(c, "base_lat", &lat);
		rc |= coord(c, "base_lon", &lon);
	}
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	actor_init(c, "mobility.update", c->params[0], &who, &a);
	rc = homecare_mobility_put(db, &a, c->params[0], mode, has_base, lat, lon, label, &fe);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "staff.not_found");
	if (rc)
		return api_field_errors(c, &fe, rc);
	return roster_respond(c, c->params[0], 200);
}

int api_absence_create(struct api_ctx *c)
{
	static const char *const fields[] = {"date_from", "date_to", "kind", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	const char *kind = NULL;
	int from = 0, to = 0;
	int64_t id;
	int rc = api_only_fields(c, fields);
	rc |= api_date(c, "date_from", 1, &from);
	rc |= api_date(c, "date_to", 1, &to);
	rc |= api_str(c, "kind", 1, 16, &kind);
	if (rc)
		return ERR_INVALID;
	if ((rc = api_db(c, &db)))
		return rc;
	actor_init(c, "absence.add", c->params[0], &who, &a);
	rc = homecare_absence_add(db, &a, c->params[0], from, to, kind, &fe, &id);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "staff.not_found");
	if (rc)
		return api_field_errors(c, &fe, rc);
	return roster_respond(c, c->params[0], 201);
}

int api_absence_delete(struct api_ctx *c)
{
	struct audit_entry who;
	struct homecare_actor a;
	struct db *db;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	actor_init(c, "absence.delete", c->params[0], &who, &a);
	rc = homecare_absence_delete(db, &a, c->params[0], c->params[1]);
	if (rc == ERR_NOT_FOUND)
		return api_fail(c, rc, "absence.not_found");
	if (rc)
		return rc;
	return roster_respond(c, c->params[0], 200);
}
