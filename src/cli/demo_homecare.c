/* demo_homecare.c - see demo_homecare.h. */
#include "cli/demo_homecare.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/homecare.h"

#include <stdio.h>
#include <string.h>

/* Utena, where the demo centre is. */
#define DEMO_BASE_LAT_E6 55497600
#define DEMO_BASE_LON_E6 25599400

static int ids_of(struct db *db, const char *sql, int64_t *out, int cap, int *n)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	*n = 0;
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW)
		if (*n < cap)
			out[(*n)++] = db_col_int(st, 0);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int demo_homecare(struct db *db, const unsigned char *audit_key, int *patterns)
{
	struct principal p = {.role = ROLE_DIRECTOR};
	struct audit_entry who = {0};
	int64_t carers[64], nurses[64], cases[512];
	int n_carers, n_nurses, n_cases, rc;
	*patterns = 0;
	snprintf(p.username, sizeof(p.username), "demo");
	snprintf(who.username, sizeof(who.username), "demo");
	snprintf(who.ip, sizeof(who.ip), "local");
	snprintf(who.reason, sizeof(who.reason), "demo data");
	struct homecare_actor a = {.p = &p, .who = &who, .audit_key = audit_key};
	rc = ids_of(db, "SELECT s.id FROM staff s JOIN departments d ON d.id = s.department_id"
			" WHERE d.code = 'home_help' AND s.active = 1 AND s.skills LIKE '%carer%' ORDER BY s.id",
		    carers, 64, &n_carers);
	if (!rc)
		rc = ids_of(db, "SELECT s.id FROM staff s JOIN departments d ON d.id = s.department_id"
				" WHERE d.code = 'home_help' AND s.active = 1 AND s.skills LIKE '%nurse%'"
				" AND s.skills NOT LIKE '%carer%' ORDER BY s.id",
			    nurses, 64, &n_nurses);
	if (rc)
		return rc;
	struct homecare_roster_day week[5];
	for (int d = 0; d < 5; d++)
		week[d] = (struct homecare_roster_day){d + 1, 480, 990, 690, 810, 30};
	for (int i = 0; !rc && i < n_carers + n_nurses; i++) {
		int64_t id = i < n_carers ? carers[i] : nurses[i - n_carers];
		struct field_errors fe = {0};
		rc = homecare_roster_put(db, &a, id, week, 5, &fe);
		if (!rc)
			rc = homecare_mobility_put(db, &a, id, i % 4 == 3 ? "foot" : "car", 1,
						   DEMO_BASE_LAT_E6 + (i % 5) * 2000, DEMO_BASE_LON_E6 - (i % 3) * 3000,
						   "Centras", &fe);
	}
	if (rc || !n_carers)
		return rc;

	/* Active home-help cases with a decided weekly amount and no pattern:
	 * the case, the decided service, its hours a week and start. */
	struct db_stmt *st;
	rc = db_prepare(db, "SELECT c.id FROM cases c JOIN departments d ON d.id = c.department_id"
			    " WHERE d.code = 'home_help' AND c.status = 'active'"
			    " AND NOT EXISTS (SELECT 1 FROM visit_patterns p WHERE p.case_id = c.id) ORDER BY c.id", &st);
	if (rc)
		return rc;
	n_cases = 0;
	while ((rc = db_step(st)) == DB_ROW)
		if (n_cases < 512)
			cases[n_cases++] = db_col_int(st, 0);
	db_stmt_done(st);
	if (rc < 0)
		return rc;
	for (int i = 0; i < n_cases; i++) {
		int64_t ds = 0, amount = 0;
		char start[DATE_ISO_LEN] = "";
		rc = db_prepare(db, "SELECT ds.id, ds.amount_x100, ds.start_on FROM decision_services ds"
				    " WHERE ds.case_id = $1 AND ds.ended_on IS NULL AND ds.period = 'week'"
				    " ORDER BY ds.id DESC", &st);
		if (rc)
			return rc;
		db_bind_int(st, 1, cases[i]);
		if ((rc = db_step(st)) == DB_ROW) {
			ds = db_col_int(st, 0);
			amount = db_col_int(st, 1);
			snprintf(start, sizeof(start), "%s", db_col_text(st, 2));
		}
		db_stmt_done(st);
		if (rc < 0)
			return rc;
		if (!ds)
			continue;
		/* The decided hours over up to 5 visits, in whole quarter hours. */
		int minutes = (int)(amount * 60 / 100);
		int visits = minutes >= 600 ? 5 : minutes >= 360 ? 3 : 2;
		int duration = minutes / visits / 15 * 15;
		if (duration > 180)
			duration = 180;
		struct homecare_pattern_input in = {
			.p = {
				.decision_service_id = ds,
				.visits_per_week = visits == 5 ? 0 : visits,
				.weekdays = visits == 5 ? 0x1f : 0,
				.window_start = i % 2 ? 720 : 480,
				.window_end = i % 2 ? 990 : 720,
				.duration = duration,
			},
			.skills_csv = "carer",
			.preferred_staff_id = carers[i % n_carers],
			.notes = NULL,
		};
		if (date_parse(start, &in.p.valid_from))
			continue;
		struct field_errors fe = {0};
		const char *conflict = NULL;
		int64_t id;
		rc = homecare_pattern_save(db, &a, cases[i], 0, 0, &in, &fe, &conflict, &id);
		if (rc) {
			fprintf(stderr, "pagalba demo: visit pattern of case %lld: %s%s%s\n", (long long)cases[i],
				err_name(rc), fe.n ? " " : "", fe.n ? fe.e[0].key : "");
			return rc;
		}
		(*patterns)++;
	}
	return 0;
}
