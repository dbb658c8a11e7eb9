/*
 * demo_childwelfare.c - demo data for child welfare work. See
 * demo_childwelfare.h. Records go through the store's record writers, so
 * they have exactly the shape the API writes.
 */
#include "cli/demo_childwelfare.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store_cw.h"
#include "domain/audit.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

struct cw_demo {
	struct db *db;
	char now[TIMESTAMP_ISO_LEN];
	int today;
	int64_t centre, police, school, health, child, user_police;
};

/* A date `days` from today as text in out. */
static const char *day(const struct cw_demo *d, int days, char *out)
{
	date_format(date_add_days(d->today, days), out);
	return out;
}

/* Inserts rec (consumed) of kind k; *id may be NULL. */
static int put(struct cw_demo *d, enum store_cw_kind k, json_t *rec, int64_t *id)
{
	int64_t ignored;
	if (!rec)
		return ERR_NOMEM;
	int rc = store_cw_insert(d->db, k, rec, d->now, id ? id : &ignored);
	json_decref(rec);
	return rc;
}

static int members(struct cw_demo *d)
{
	char from[DATE_ISO_LEN];
	day(d, -300, from);
	int rc = put(d, STORE_CW_MEMBER, json_pack("{s:s,s:I,s:s,s:s}", "person_name", "Rasa Jankauskienė",
		     "institution_id", (json_int_t)d->centre, "commission_role", "chair", "date_from", from), NULL);
	if (!rc)
		rc = put(d, STORE_CW_MEMBER, json_pack("{s:s,s:I,s:s,s:s}", "person_name", "Ieva Kazlauskaitė",
			 "institution_id", (json_int_t)d->centre, "commission_role", "secretary", "date_from", from), NULL);
	if (!rc)
		rc = put(d, STORE_CW_MEMBER, json_pack("{s:s,s:I,s:s,s:s}", "person_name", "Tomas Urbonas",
			 "institution_id", (json_int_t)d->police, "commission_role", "member", "date_from", from), NULL);
	if (!rc)
		rc = put(d, STORE_CW_MEMBER, json_pack("{s:s,s:I,s:s,s:s}", "person_name", "Lina Stankevičienė",
			 "institution_id", (json_int_t)d->school, "commission_role", "member", "date_from", from), NULL);
	if (!rc)
		rc = put(d, STORE_CW_PLAN_ITEM, json_pack("{s:i,s:i,s:s,s:I}", "year", d->today / 10000, "ordinal", 1,
			 "text", "Mokyklos nelankančių vaikų situacijos aptarimas kas ketvirtį",
			 "institution_id", (json_int_t)d->school), NULL);
	return rc;
}

static int meeting(struct cw_demo *d, int64_t *question)
{
	char date[DATE_ISO_LEN], due[DATE_ISO_LEN];
	int64_t m;
	int rc = put(d, STORE_CW_MEETING, json_pack("{s:s,s:s,s:s,s:s}", "kind", "commission", "meeting_date",
		     day(d, -60, date), "place", "Savivaldybės posėdžių salė",
		     "minutes", "Posėdyje dalyvavo 4 komisijos nariai. Svarstytas 1 klausimas."), &m);
	const struct { int64_t inst; const char *name; } who[] = {
		{d->centre, "Rasa Jankauskienė"}, {d->centre, "Ieva Kazlauskaitė"},
		{d->police, "Tomas Urbonas"}, {d->school, "Lina Stankevičienė"},
	};
	for (size_t i = 0; !rc && i < sizeof(who) / sizeof(who[0]); i++)
		rc = put(d, STORE_CW_PARTICIPANT, json_pack("{s:I,s:I,s:s,s:b}", "meeting_id", (json_int_t)m,
			 "institution_id", (json_int_t)who[i].inst, "name", who[i].name, "present", 1), NULL);
	if (!rc)
		rc = put(d, STORE_CW_QUESTION, json_pack("{s:I,s:i,s:s,s:I,s:s,s:s,s:I,s:s,s:s,s:s}",
			 "meeting_id", (json_int_t)m, "ordinal", 1, "subject", "child", "child_id", (json_int_t)d->child,
			 "title", "Dėl mokinio mokyklos nelankymo", "description",
			 "Per pusmetį praleista daugiau kaip 100 pamokų be pateisinamos priežasties.",
			 "raised_by_institution_id", (json_int_t)d->school, "raised_by_name", "Socialinė pedagogė",
			 "proposal", "Siūlyti merui skirti minimalios priežiūros priemones",
			 "decision", "Pritarta vienbalsiai"), question);
	if (!rc)
		rc = put(d, STORE_CW_FOLLOWUP, json_pack("{s:I,s:I,s:s,s:I,s:s}", "meeting_id", (json_int_t)m,
			 "question_id", (json_int_t)*question, "task", "Kas mėnesį teikti lankomumo duomenis",
			 "institution_id", (json_int_t)d->school, "due_date", day(d, 30, due)), NULL);
	return rc;
}

/* One measure of the order, with its executor and the order's record. */
static int measure(struct cw_demo *d, int64_t order, const char *type, int from_days, int to_days,
		   int64_t executor, int64_t *id)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	int rc = put(d, STORE_CW_MEASURE, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s}", "order_id", (json_int_t)order,
		     "child_id", (json_int_t)d->child, "type_code", type, "date_from", day(d, from_days, from),
		     "date_to", day(d, to_days, to), "status", "running"), id);
	if (!rc)
		rc = store_cw_executor_add(d->db, *id, executor);
	if (!rc)
		rc = store_cw_order_measure_add(d->db, order, *id, "assign", from, to);
	return rc;
}

static int order(struct cw_demo *d, int64_t question)
{
	char date[DATE_ISO_LEN], due[DATE_ISO_LEN];
	int64_t o, m1, m2;
	int rc = put(d, STORE_CW_ORDER, json_pack("{s:s,s:s,s:s,s:s,s:I,s:b,s:I}", "number", "A1-101",
		     "order_date", day(d, -50, date), "kind", "assign", "subject", "minimal_care",
		     "child_id", (json_int_t)d->child, "special_educational_needs", 0,
		     "question_id", (json_int_t)question), &o);
	if (!rc)
		rc = measure(d, o, "day_centre", -45, 120, d->centre, &m1);
	if (!rc)
		rc = measure(d, o, "specialist_consultation", -45, 20, d->health, &m2);
	if (!rc)
		rc = put(d, STORE_CW_TASK, json_pack("{s:I,s:s,s:I,s:s}", "measure_id", (json_int_t)m1,
			 "task", "Užtikrinti dienos centro lankymą 3 kartus per savaitę",
			 "institution_id", (json_int_t)d->centre, "due_date", day(d, 60, due)), NULL);
	return rc;
}

static int intervision(struct cw_demo *d)
{
	char date[DATE_ISO_LEN];
	json_t *staff = NULL, *s;
	size_t i;
	int64_t ev;
	int rc = store_cw_staff_first(d->db, 4, &staff);
	if (!rc)
		rc = put(d, STORE_CW_STAFFDEV, json_pack("{s:s,s:s,s:s,s:s,s:i}", "kind", "intervision",
			 "event_date", day(d, -20, date), "organiser", "Paramos šeimai skyrius",
			 "topic", "Sudėtingų atvejų aptarimas", "hours_x100", 300), &ev);
	json_array_foreach(staff, i, s) {
		if (!rc)
			rc = store_cw_staffdev_participant_add(d->db, ev,
							       json_integer_value(json_object_get(s, "id")), 300,
							       NULL);
	}
	json_decref(staff);
	return rc;
}

int demo_childwelfare(struct db *db, const unsigned char *audit_key)
{
	struct cw_demo d;
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	int64_t members_now = 0, question = 0;
	memset(&d, 0, sizeof(d));
	d.db = db;
	d.today = date_today();
	time_format_iso(time_now_ms(), d.now);
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_cw_member_count(db, &members_now);
	if (!rc && members_now)
		goto skip;
	if (!rc)
		rc = store_cw_institution_of_type(db, "centre", &d.centre);
	if (!rc)
		rc = store_cw_institution_of_type(db, "police", &d.police);
	if (!rc)
		rc = store_cw_institution_of_type(db, "school", &d.school);
	if (!rc)
		rc = store_cw_institution_of_type(db, "health", &d.health);
	/* A child of 8 to 15, so the measures run well before 18. */
	date_format(d.today - 150000, from);
	date_format(d.today - 80000, to);
	if (!rc)
		rc = store_cw_person_born(db, from, to, 0, &d.child);
	if (rc == ERR_NOT_FOUND)
		goto skip;
	if (!rc)
		rc = members(&d);
	if (!rc)
		rc = meeting(&d, &question);
	if (!rc)
		rc = order(&d, question);
	if (!rc)
		rc = intervision(&d);
	if (!rc) {
		struct audit_entry e;
		memset(&e, 0, sizeof(e));
		snprintf(e.username, sizeof(e.username), "cli");
		e.action = "demo_load";
		e.entity = "child_welfare";
		snprintf(e.ip, sizeof(e.ip), "local");
		snprintf(e.reason, sizeof(e.reason), "demo data: commission, meeting, order");
		rc = audit_append_tx(db, audit_key, &e, 1);
	}
	if (!rc)
		rc = db_tx_commit(db);
	if (!rc)
		printf("  child welfare: 4 commission members, 1 meeting, 1 order with 2 measures, 1 intervision\n");
	if (db_in_tx(db))
		db_tx_rollback(db);
	return rc;
skip:
	db_tx_rollback(db);
	return rc == ERR_NOT_FOUND ? 0 : rc;
}
