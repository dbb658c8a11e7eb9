/*
 * plan.c - `pagalba plan`: plan a department's week of home visits from
 * the command line (the same planning as POST /api/v1/visit-plans), as
 * the system rather than a user: the plan is stored as a draft and
 * printed as JSON. Announcing it stays a head's decision in the UI.
 */
#include "app.h"
#include "cli/cli.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/homecare.h"
#include "domain/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"Usage: pagalba [--db URL] plan --week YYYY-Www --department CODE|ID\n"
	"                            [--seconds N] [--seed N]\n"
	"Plans the department's home visits of the ISO week (e.g. 2026-W48) from\n"
	"the active cases' visit patterns and the workers' rosters and absences;\n"
	"stores the plan as a draft and prints it as JSON (figures, every visit\n"
	"placed or unplaced with the reason). --seconds: search time for the\n"
	"whole week (default 10, at most 120); --seed: for a reproducible plan.\n";

int cli_plan(struct app_config *cfg, int argc, char **argv)
{
	const char *week = NULL, *dept_s = NULL;
	double seconds = 10;
	unsigned long long seed = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--week") && i + 1 < argc) {
			week = argv[++i];
		} else if (!strcmp(argv[i], "--department") && i + 1 < argc) {
			dept_s = argv[++i];
		} else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
			seconds = strtod(argv[++i], NULL);
		} else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			seed = strtoull(argv[++i], NULL, 10);
		} else {
			fprintf(stderr, "pagalba plan: unknown option %s\n\n%s", argv[i], usage);
			return 2;
		}
	}
	int monday;
	if (!week || !dept_s || homecare_week_parse(week, &monday)) {
		fputs(usage, stderr);
		return 2;
	}
	if (!(seconds > 0 && seconds <= HOMECARE_PLAN_MAX_SECONDS)) {
		fprintf(stderr, "pagalba plan: --seconds must be more than 0 and at most %.0f\n", HOMECARE_PLAN_MAX_SECONDS);
		return 2;
	}
	unsigned char key[AUDIT_KEY_BYTES];
	struct db_pool *pool;
	struct db *db;
	if (cli_audit_key(cfg, 0, key) || cli_open_db(cfg, 1, &pool))
		return 1;
	int rc = db_pool_acquire(pool, &db);
	int64_t dept = 0, plan_id = 0;
	if (!rc)
		rc = org_department_find(db, dept_s, &dept);
	if (rc == ERR_NOT_FOUND) {
		fprintf(stderr, "pagalba plan: no department '%s'\n", dept_s);
		goto out;
	}
	/* The system plans with the director's reach, audited as "cli". */
	struct principal p = {.role = ROLE_DIRECTOR};
	snprintf(p.username, sizeof(p.username), "cli");
	struct audit_entry who = {.action = "create", .entity = "visit_plan"};
	snprintf(who.username, sizeof(who.username), "cli");
	snprintf(who.ip, sizeof(who.ip), "local");
	struct homecare_actor a = {.p = &p, .who = &who, .audit_key = key};
	struct field_errors fe = {0};
	if (!rc)
		rc = homecare_plan_make(db, &a, monday, dept, seconds, (uint64_t)seed, cfg->osrm_url, &fe, &plan_id);
	if (rc) {
		fprintf(stderr, "pagalba plan: planning failed (%s)", err_name(rc));
		for (int i = 0; i < fe.n; i++)
			fprintf(stderr, "%s %s: %s", i ? "," : ":", fe.e[i].field, fe.e[i].key);
		fputc('\n', stderr);
		goto out;
	}
	json_t *doc = NULL;
	rc = db_tx_begin(db, DB_TX_READ);
	if (!rc)
		rc = homecare_plan_get(db, &p, plan_id, &doc);
	db_tx_rollback(db);
	if (!rc) {
		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
		fputc('\n', stdout);
		json_decref(doc);
	}
out:
	if (db)
		db_pool_release(pool, db);
	db_pool_free(pool);
	return rc ? 1 : 0;
}
