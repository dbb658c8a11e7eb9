/*
 * demo_cases.c - demo cases in every state (see demo_cases.h). Every
 * step goes through domain/case.h, so the demo holds only what the API
 * itself would have written.
 */
#include "cli/demo_cases.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"
#include "domain/case.h"

#include <stdio.h>
#include <string.h>

/* A case's story: its department and service, the state it ends in and
 * how many days ago its application came. Steps follow at fixed offsets
 * from the application: assessment +3 days, decision +8, contract +11,
 * suspension or termination +41 / +71. */
static const struct demo_case_spec {
	const char *dept;
	const char *service;
	const char *state;
	int age_days;
	int amount_x100;
	const char *period;
} specs[] = {
	{"family_support", "socialiniai_igudziai", "applied", 3, 0, NULL},
	{"family_support", "psichosocialine_pagalba", "applied", 26, 0, NULL},
	{"family_support", "socialiniai_igudziai", "assessed", 12, 0, NULL},
	{"family_support", "socialiniai_igudziai", "decided_assign", 14, 400, "week"},
	{"family_support", "psichosocialine_pagalba", "active", 120, 200, "week"},
	{"family_support", "psichosocialine_pagalba", "waiting", 40, 0, NULL},
	{"family_support", "socialiniai_igudziai", "refused", 60, 0, NULL},
	{"home_help", "pagalba_namuose", "active", 200, 800, "week"},
	{"home_help", "pagalba_namuose", "active", 90, 1000, "week"},
	{"home_help", "pagalba_namuose", "suspended", 150, 600, "week"},
	{"home_help", "pagalba_namuose", "terminated", 300, 400, "week"},
	{"home_help", "pagalba_namuose", "applied", 5, 0, NULL},
	{"elderly_care", "dienos_globa", "active", 100, 500, "week"},
	{"elderly_care", "dienos_globa", "waiting", 20, 0, NULL},
};

static int query_id(struct db *db, const char *sql, const char *text, int64_t *out)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	if (text)
		db_bind_text(st, 1, text);
	rc = db_step(st);
	*out = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* First row's id of an int query, 0 when there is none. */
static int first_id(struct db *db, const char *sql, int64_t p1, int64_t *out)
{
	int rc = store_int1(db, sql, 1, p1, 0, out);
	if (rc == ERR_NOT_FOUND) {
		*out = 0;
		rc = 0;
	}
	return rc;
}

static int min_date(int a, int b)
{
	return a < b ? a : b;
}

/* Plays one case's story up to its state. */
static int demo_case(struct db *db, const struct case_actor *a,
		     const struct demo_case_spec *s, int64_t person, int64_t dept,
		     int64_t worker, int64_t service)
{
	struct field_errors fe = {0};
	int today = date_today();
	int received = date_add_days(today, -s->age_days);
	int64_t id, v = 1, did, cid;
	struct case_application_input app = {0};
	app.person_id = person;
	app.department_id = dept;
	app.worker_user_id = worker;
	app.received_on = received;
	app.channel = s->age_days % 2 ? "in_person" : "email";
	app.service_ids = &service;
	app.n_services = 1;
	int rc = case_create(db, a, &app, &fe, &id);
	if (rc || !strcmp(s->state, "applied"))
		return rc;
	struct case_assessment_input as = {0, min_date(date_add_days(received, 3), today),
		s->age_days > 50 ? "high" : "moderate",
		"Vertinta namuose: reikia pagalbos kasdienėje veikloje ir buityje."};
	if ((rc = case_assess(db, a, id, v, &as, &fe, &v)) || !strcmp(s->state, "assessed"))
		return rc;

	/* Three months of income before the decision's month. */
	int decided = min_date(date_add_days(received, 8), today);
	int months[3];
	case_income_months(decided, months);
	for (int i = 0; i < 3; i++) {
		struct income_input in = {months[i], 40000 + (person % 9) * 12000 + i * 500, "sodra"};
		json_t *list = NULL;
		rc = person_income_add(db, a, person, &in, &fe, &list);
		json_decref(list);
		if (rc)
			return rc;
	}

	static struct case_decision_input d;
	memset(&d, 0, sizeof(d));
	d.decided_on = decided;
	d.number = "SP-DEMO";
	if (!strcmp(s->state, "waiting")) {
		d.kind = "waiting_list";
		return case_decide(db, a, id, v, &d, &fe, &did, &v);
	}
	if (!strcmp(s->state, "refused")) {
		d.kind = "refuse";
		d.reason = "Pajamos ir poreikis neatitinka paslaugos skyrimo sąlygų.";
		return case_decide(db, a, id, v, &d, &fe, &did, &v);
	}
	d.kind = "assign";
	d.n_services = 1;
	d.services[0].service_id = service;
	d.services[0].amount_x100 = s->amount_x100;
	d.services[0].period = s->period;
	d.services[0].start_on = min_date(date_add_days(decided, 2), today);
	if ((rc = case_decide(db, a, id, v, &d, &fe, &did, &v)) || !strcmp(s->state, "decided_assign"))
		return rc;
	struct case_contract_input ct = {"S-DEMO", date_add_days(decided, 3)};
	if ((rc = case_sign_contract(db, a, id, v, &ct, &fe, &cid, &v)) || !strcmp(s->state, "active"))
		return rc;
	struct case_event_input ev = {0};
	if (!strcmp(s->state, "suspended")) {
		ev.kind = "suspend";
		ev.on_date = date_add_days(received, 41);
		ev.reason = "Gydosi ligoninėje.";
	} else {
		ev.kind = "terminate";
		ev.on_date = date_add_days(received, 71);
		ev.reason = "Persikėlė gyventi pas artimuosius.";
	}
	return case_event(db, a, id, v, &ev, &fe, &v);
}

int demo_cases_add(struct db *db, const unsigned char *audit_key, int *added)
{
	struct principal p;
	struct audit_entry who;
	struct case_actor a;
	int64_t director = 0;
	int rc = first_id(db, "SELECT id FROM users WHERE role = 'director' AND disabled = 0 AND id > $1"
			  " ORDER BY id LIMIT 1",
			  0, &director);
	if (rc)
		return rc;
	memset(&p, 0, sizeof(p));
	p.user_id = director;
	p.role = ROLE_DIRECTOR;
	snprintf(p.username, sizeof(p.username), "demo");
	memset(&who, 0, sizeof(who));
	who.user_id = director;
	snprintf(who.username, sizeof(who.username), "demo");
	snprintf(who.ip, sizeof(who.ip), "local");
	snprintf(who.reason, sizeof(who.reason), "demo data");
	a.p = &p;
	a.who = &who;
	a.audit_key = audit_key;
	*added = 0;
	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		int64_t dept = 0, service = 0, person = 0, worker = 0;
		rc = query_id(db, "SELECT id FROM departments WHERE code = $1", specs[i].dept, &dept);
		if (!rc)
			rc = query_id(db, "SELECT id FROM services WHERE code = $1", specs[i].service, &service);
		/* The department's first person with no case yet, and its
		 * social worker (or head). */
		if (!rc && dept)
			rc = first_id(db,
				      "SELECT pd.person_id FROM person_departments pd"
				      " JOIN persons p ON p.id = pd.person_id WHERE pd.department_id = $1"
				      " AND p.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM cases c"
				      " WHERE c.person_id = pd.person_id) ORDER BY pd.person_id LIMIT 1",
				      dept, &person);
		if (!rc && dept)
			rc = first_id(db,
				      "SELECT id FROM users WHERE department_id = $1 AND disabled = 0"
				      " AND role IN ('social_worker', 'head') ORDER BY role DESC, id LIMIT 1",
				      dept, &worker);
		if (rc)
			return rc;
		if (!dept || !service || !person)
			continue;
		rc = demo_case(db, &a, &specs[i], person, dept, worker, service);
		if (rc) {
			fprintf(stderr, "pagalba demo: case %zu (%s, %s) failed: %s\n", i, specs[i].dept,
				specs[i].state, err_name(rc));
			return rc;
		}
		(*added)++;
	}
	return 0;
}
