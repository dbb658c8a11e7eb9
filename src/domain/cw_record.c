/*
 * cw_record.c - Commission members, plan items, meetings with their
 * participants, questions and follow-ups, staff-development events. See
 * cw_record.h. SQL is in db/store_cw.c; visibility in cw_scope.c.
 */
#include "domain/cw_record.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_cw.h"
#include "domain/cw_rules.h"
#include "domain/person.h"
#include "domain/person_parts.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

_Static_assert((int)CW_MEMBER == (int)STORE_CW_MEMBER && (int)CW_MEETING == (int)STORE_CW_MEETING &&
		       (int)CW_QUESTION == (int)STORE_CW_QUESTION &&
		       (int)CW_FOLLOWUP == (int)STORE_CW_FOLLOWUP &&
		       (int)CW_STAFFDEV == (int)STORE_CW_STAFFDEV &&
		       (int)CW_PLAN_ITEM == (int)STORE_CW_PLAN_ITEM &&
		       (int)CW_FUNCTION == (int)STORE_CW_FUNCTION,
	       "cw_kind and store_cw_kind must agree");

enum ftype {
	F_TEXT,      /* one line, max_chars */
	F_LONG,      /* multiline, CW_LONG_TEXT_MAX_CHARS */
	F_DATE,      /* 'YYYY-MM-DD' */
	F_ID,        /* integer >= 1, row of ref must exist */
	F_ENUM,      /* string from choices */
	F_BOOL,
	F_YEAR,      /* 2000..2100 */
	F_HOURS,     /* a positive number of hours, stored as hours_x100 */
	F_ARRAY,     /* checked by the kind's own rules */
};

struct field {
	const char *name;
	enum ftype type;
	int required;
	int editable;
	const char *const *choices; /* F_ENUM */
	const char *ref;            /* F_ID: table */
};

static const char *const commission_roles[] = {"chair", "deputy_chair", "secretary", "member", NULL};
static const char *const meeting_kinds[] = {"commission", "interagency", NULL};
static const char *const subjects[] = {"child", "family", "general", NULL};
static const char *const functions[] = {"coordinator", NULL};
static const char *const staffdev_kinds[] = {"intervision", "supervision", "training", NULL};

static const struct field member_fields[] = {
	{"person_name", F_TEXT, 1, 1, NULL, NULL},
	{"institution_id", F_ID, 1, 1, NULL, "institutions"},
	{"user_id", F_ID, 0, 1, NULL, "users"},
	{"commission_role", F_ENUM, 1, 1, commission_roles, NULL},
	{"date_from", F_DATE, 1, 1, NULL, NULL},
	{"date_to", F_DATE, 0, 1, NULL, NULL},
	{NULL, F_TEXT, 0, 0, NULL, NULL},
};
static const struct field meeting_fields[] = {
	{"kind", F_ENUM, 1, 0, meeting_kinds, NULL},
	{"meeting_date", F_DATE, 1, 1, NULL, NULL},
	{"place", F_TEXT, 0, 1, NULL, NULL},
	{"topic", F_TEXT, 0, 1, NULL, NULL},
	{"organiser_institution_id", F_ID, 0, 1, NULL, "institutions"},
	{"minutes", F_LONG, 0, 1, NULL, NULL},
	{"conclusions", F_LONG, 0, 1, NULL, NULL},
	{"participants", F_ARRAY, 0, 0, NULL, NULL},
	{NULL, F_TEXT, 0, 0, NULL, NULL},
};
static const struct field question_fields[] = {
	{"subject", F_ENUM, 1, 0, subjects, NULL},
	{"child_id", F_ID, 0, 0, NULL, "persons"},
	{"household_id", F_ID, 0, 0, NULL, "households"},
	{"title", F_TEXT, 1, 1, NULL, NULL},
	{"description", F_LONG, 0, 1, NULL, NULL},
	{"raised_by_institution_id", F_ID, 0, 1, NULL, "institutions"},
	{"raised_by_name", F_TEXT, 0, 1, NULL, NULL},
	{"proposal", F_LONG, 0, 1, NULL, NULL},
	{"decision", F_LONG, 0, 1, NULL, NULL},
	{NULL, F_TEXT, 0, 0, NULL, NULL},
};
static const struct field followup_fields[] = {
	{"question_id", F_ID, 0, 0, NULL, "cw_questions"},
	{"task", F_TEXT, 1, 1, NULL, NULL},
	{"institution_id", F_ID, 1, 1, NULL, "institutions"},
	{"due_date", F_DATE, 1, 1, NULL, NULL},
	{"done_on", F_DATE, 0, 1, NULL, NULL},
	{NULL, F_TEXT, 0, 0, NULL, NULL},
};
static const struct field staffdev_fields[] = {
	{"kind", F_ENUM, 1, 0, staffdev_kinds, NULL},
	{"event_date", F_DATE, 1, 0, NULL, NULL},
	{"organiser", F_TEXT, 1, 0, NULL, NULL},
	{"topic", F_TEXT, 1, 0, NULL, NULL},
	{"hours", F_HOURS, 1, 0, NULL, NULL},
	{"department_id", F_ID, 0, 0, NULL, "departments"},
	{"participants", F_ARRAY, 1, 0, NULL, NULL},
	{NULL, F_TEXT, 0, 0, NULL, NULL},
};
static const struct field plan_item_fields[] = {
	{"year", F_YEAR, 1, 0, NULL, NULL},
	{"text", F_LONG, 1, 0, NULL, NULL},
	{"due_date", F_DATE, 0, 0, NULL, NULL},
	{"institution_id", F_ID, 0, 0, NULL, "institutions"},
	{NULL, F_TEXT, 0, 0, NULL, NULL},
};

static const struct field function_fields[] = {
	{"user_id", F_ID, 1, 0, NULL, "users"},
	{"function", F_ENUM, 1, 0, functions, NULL},
	{"date_from", F_DATE, 1, 1, NULL, NULL},
	{"date_to", F_DATE, 0, 1, NULL, NULL},
	{NULL, F_TEXT, 0, 0, NULL, NULL},
};

static const struct field *fields_of(enum cw_kind k)
{
	switch (k) {
	case CW_MEMBER: return member_fields;
	case CW_MEETING: return meeting_fields;
	case CW_QUESTION: return question_fields;
	case CW_FOLLOWUP: return followup_fields;
	case CW_STAFFDEV: return staffdev_fields;
	case CW_PLAN_ITEM: return plan_item_fields;
	case CW_FUNCTION: return function_fields;
	default: return NULL;
	}
}

const char *cw_entity(enum cw_kind k)
{
	switch (k) {
	case CW_MEMBER: return "commission_member";
	case CW_MEETING: return "cw_meeting";
	case CW_QUESTION: return "cw_question";
	case CW_FOLLOWUP: return "cw_followup";
	case CW_STAFFDEV: return "staffdev_event";
	case CW_PLAN_ITEM: return "commission_plan_item";
	case CW_FUNCTION: return "cw_function";
	default: return "cw";
	}
}

/* The message key for a missing row of a referenced table. */
static const char *missing_key(const char *table)
{
	if (!strcmp(table, "institutions")) return "institution.not_found";
	if (!strcmp(table, "users")) return "user.not_found";
	if (!strcmp(table, "persons")) return "person.not_found";
	if (!strcmp(table, "households")) return "household.not_found";
	if (!strcmp(table, "departments")) return "department.not_found";
	if (!strcmp(table, "staff")) return "staff.not_found";
	return "cw.question.not_found";
}

static int in_list(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

static const char *jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int jnull(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return !v || json_is_null(v);
}

static int jdate(const json_t *o, const char *k)
{
	int d = 0;
	if (jnull(o, k) || date_parse(jstr(o, k), &d))
		return 0;
	return d;
}

static void check_value(const struct field *f, const json_t *v,
			struct field_errors *fe)
{
	const char *key = NULL;
	int d;
	switch (f->type) {
	case F_TEXT:
	case F_LONG:
		if (!json_is_string(v))
			key = "type.string";
		else if (strlen(json_string_value(v)) != json_string_length(v))
			key = "body.utf8";
		else
			key = text_check(json_string_value(v),
					 f->type == F_TEXT ? CW_TEXT_MAX_CHARS : CW_LONG_TEXT_MAX_CHARS,
					 f->type == F_LONG);
		break;
	case F_DATE:
		if (!json_is_string(v) || date_parse(json_string_value(v), &d))
			key = "date";
		break;
	case F_ID:
		if (!json_is_integer(v))
			key = "type.integer";
		else if (json_integer_value(v) < 1)
			key = "range";
		break;
	case F_YEAR:
		if (!json_is_integer(v))
			key = "type.integer";
		else if (json_integer_value(v) < 2000 || json_integer_value(v) > 2100)
			key = "range";
		break;
	case F_ENUM:
		if (!json_is_string(v))
			key = "type.string";
		else if (!in_list(f->choices, json_string_value(v)))
			key = "enum";
		break;
	case F_BOOL:
		if (!json_is_boolean(v))
			key = "type.boolean";
		break;
	case F_HOURS: {
		int64_t x;
		if (!json_is_number(v))
			key = "type.number";
		else if (cw_hours_x100(json_number_value(v), &x))
			key = "range";
		break;
	}
	case F_ARRAY:
		if (!json_is_array(v))
			key = "type.array";
		break;
	}
	if (key)
		fe_add(fe, f->name, key);
}

static const struct field *field_named(const struct field *f, const char *name)
{
	for (; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

/* The rules between fields of a whole record. */
static void check_between(enum cw_kind k, const json_t *rec, struct field_errors *fe)
{
	const char *period_from = k == CW_MEMBER || k == CW_FUNCTION ? "date_from" : NULL;
	if (period_from && jdate(rec, "date_from") && jdate(rec, "date_to") &&
	    jdate(rec, "date_to") < jdate(rec, "date_from"))
		fe_add(fe, "date_to", "date.order");
	if (k == CW_QUESTION) {
		const char *s = jstr(rec, "subject");
		int child = s && !strcmp(s, "child"), family = s && !strcmp(s, "family");
		if (child && jnull(rec, "child_id"))
			fe_add(fe, "child_id", "required");
		if (!child && !jnull(rec, "child_id"))
			fe_add(fe, "child_id", "cw.question.subject");
		if (family && jnull(rec, "household_id"))
			fe_add(fe, "household_id", "required");
		if (!family && !jnull(rec, "household_id"))
			fe_add(fe, "household_id", "cw.question.subject");
	}
}

int cw_record_check(enum cw_kind k, const json_t *body, int creating,
		    struct field_errors *fe)
{
	const struct field *fields = fields_of(k);
	const char *name;
	json_t *v;
	if (!fields)
		return ERR_INTERNAL;
	if (!json_is_object(body))
		return fe_add(fe, "_", "type.object");
	json_object_foreach((json_t *)body, name, v) {
		const struct field *f = field_named(fields, name);
		if (!f || (!creating && !f->editable))
			fe_add(fe, name, "unknown_field");
	}
	for (const struct field *f = fields; f->name; f++) {
		v = json_object_get(body, f->name);
		if (!v || json_is_null(v)) {
			if (f->required && creating)
				fe_add(fe, f->name, "required");
			else if (f->required && v)
				fe_add(fe, f->name, "required");
			continue;
		}
		check_value(f, v, fe);
	}
	if (!fe->n)
		check_between(k, body, fe);
	return fe->n ? ERR_INVALID : 0;
}

/* References of rec to other tables exist. */
static int check_refs(struct db *db, enum cw_kind k, const json_t *rec,
		      struct field_errors *fe)
{
	for (const struct field *f = fields_of(k); f->name; f++) {
		int yes = 0;
		if (f->type != F_ID || jnull(rec, f->name))
			continue;
		int rc = store_cw_exists(db, f->ref, json_integer_value(json_object_get(rec, f->name)), &yes);
		if (rc)
			return rc;
		if (!yes)
			fe_add(fe, f->name, missing_key(f->ref));
	}
	return fe->n ? ERR_INVALID : 0;
}

/* The stored record from a body: its fields but arrays; hours become
 * hours_x100. */
static json_t *record_from(enum cw_kind k, const json_t *body)
{
	json_t *rec = json_object();
	for (const struct field *f = fields_of(k); rec && f->name; f++) {
		json_t *v = json_object_get(body, f->name);
		if (!v || f->type == F_ARRAY)
			continue;
		if (f->type == F_HOURS) {
			int64_t x = 0;
			cw_hours_x100(json_number_value(v), &x);
			json_object_set_new(rec, "hours_x100", json_integer(x));
		} else {
			json_object_set(rec, f->name, v);
		}
	}
	return rec;
}

int cw_audit(struct db *db, const struct cw_actor *a, const char *action,
	     const char *entity, int64_t id, int64_t person_id, const char *reason)
{
	struct audit_entry e[2];
	e[0] = *a->who;
	e[0].action = action;
	e[0].entity = entity;
	e[0].entity_id = id;
	e[1] = e[0];
	e[1].entity = "person";
	e[1].entity_id = person_id;
	snprintf(e[1].reason, sizeof(e[1].reason), "%s", reason ? reason : "");
	return audit_append_tx(db, a->audit_key, e, person_id ? 2 : 1);
}

/* Meeting participants: [{institution_id, member_id, name, present}]. */
static int meeting_participants(struct db *db, int64_t meeting_id, const json_t *arr,
				const char *now, struct field_errors *fe)
{
	size_t i;
	json_t *p;
	if (!arr)
		return 0;
	if (json_array_size(arr) > CW_MAX_PARTICIPANTS)
		return fe_add(fe, "participants", "cw.too_many");
	json_array_foreach(arr, i, p) {
		json_t *rec;
		int64_t id;
		int yes = 1, rc = 0;
		const char *name = jstr(p, "name");
		json_t *inst = json_object_get(p, "institution_id"), *mem = json_object_get(p, "member_id");
		json_t *present = json_object_get(p, "present");
		if (!json_is_object(p) || !name || text_check(name, CW_TEXT_MAX_CHARS, 0) ||
		    (inst && !json_is_null(inst) && !json_is_integer(inst)) ||
		    (mem && !json_is_null(mem) && !json_is_integer(mem)) ||
		    (present && !json_is_boolean(present)))
			return fe_add(fe, "participants", "cw.participants");
		if (json_is_integer(inst) && (rc = store_cw_exists(db, "institutions", json_integer_value(inst), &yes)))
			return rc;
		if (yes && json_is_integer(mem) &&
		    (rc = store_cw_exists(db, "commission_members", json_integer_value(mem), &yes)))
			return rc;
		if (!yes)
			return fe_add(fe, "participants", "cw.participants");
		rec = json_pack("{s:I,s:O?,s:O?,s:s,s:b}", "meeting_id", (json_int_t)meeting_id,
				"institution_id", inst, "member_id", mem, "name", name,
				"present", present ? json_is_true(present) : 1);
		if (!rec)
			return ERR_NOMEM;
		rc = store_cw_insert(db, STORE_CW_PARTICIPANT, rec, now, &id);
		json_decref(rec);
		if (rc)
			return rc;
	}
	return 0;
}

/* Staff-event participants: [{staff_id, hours, certificate}]; hours
 * default to the event's. */
static int staffdev_participants(struct db *db, int64_t event_id, const json_t *arr,
				 int64_t hours_x100, struct field_errors *fe)
{
	size_t i;
	json_t *p;
	if (json_array_size(arr) == 0)
		return fe_add(fe, "participants", "required");
	if (json_array_size(arr) > CW_MAX_PARTICIPANTS)
		return fe_add(fe, "participants", "cw.too_many");
	json_array_foreach(arr, i, p) {
		int64_t h = hours_x100;
		int yes = 0, rc;
		json_t *sid = json_object_get(p, "staff_id"), *hv = json_object_get(p, "hours");
		const char *cert = jstr(p, "certificate");
		if (!json_is_integer(sid) || (hv && !json_is_null(hv) &&
		    (!json_is_number(hv) || cw_hours_x100(json_number_value(hv), &h))) ||
		    (cert && text_check(cert, CW_TEXT_MAX_CHARS, 0)))
			return fe_add(fe, "participants", "cw.participants");
		rc = store_cw_exists(db, "staff", json_integer_value(sid), &yes);
		if (rc)
			return rc;
		if (!yes)
			return fe_add(fe, "participants", "staff.not_found");
		rc = store_cw_staffdev_participant_add(db, event_id, json_integer_value(sid), h, cert);
		if (rc == ERR_CONFLICT)
			return fe_add(fe, "participants", "cw.participants");
		if (rc)
			return rc;
	}
	return 0;
}

/* A question's child must be fully visible to the writer, and its
 * family a household the writer sees (household_get: at least one member
 * in the writer's scope); a follow-up's question must be on the same
 * meeting. */
static int check_links(struct db *db, const struct cw_actor *a, enum cw_kind k,
		       int64_t parent_id, const json_t *rec, struct field_errors *fe)
{
	if (k == CW_QUESTION && !jnull(rec, "child_id")) {
		struct person_view v;
		int rc = person_view_for(db, a->p, json_integer_value(json_object_get(rec, "child_id")), &v);
		if (rc == ERR_NOT_FOUND || (!rc && !v.full))
			return fe_add(fe, "child_id", "person.not_found");
		return rc;
	}
	if (k == CW_QUESTION && !jnull(rec, "household_id")) {
		json_t *h = NULL;
		int rc = household_get(db, a->p, json_integer_value(json_object_get(rec, "household_id")), &h);
		json_decref(h);
		return rc == ERR_NOT_FOUND ? fe_add(fe, "household_id", "household.not_found") : rc;
	}
	if (k == CW_FOLLOWUP && !jnull(rec, "question_id")) {
		json_t *q;
		int rc = store_cw_get(db, STORE_CW_QUESTION, json_integer_value(json_object_get(rec, "question_id")), &q);
		if (rc)
			return rc == ERR_NOT_FOUND ? fe_add(fe, "question_id", "cw.question.not_found") : rc;
		if (json_integer_value(json_object_get(q, "meeting_id")) != parent_id)
			fe_add(fe, "question_id", "cw.question.not_found");
		json_decref(q);
	}
	return fe->n ? ERR_INVALID : 0;
}

/* The parent (a meeting) of a question or follow-up exists. */
static int parent_check(struct db *db, enum cw_kind k, int64_t parent_id)
{
	json_t *m;
	if (k != CW_QUESTION && k != CW_FOLLOWUP)
		return 0;
	int rc = store_cw_get(db, STORE_CW_MEETING, parent_id, &m);
	if (!rc)
		json_decref(m);
	return rc;
}

int cw_record_create(struct db *db, const struct cw_actor *a, enum cw_kind k,
		     int64_t parent_id, const json_t *body,
		     struct field_errors *fe, int64_t *id)
{
	char now[TIMESTAMP_ISO_LEN];
	json_t *rec = NULL;
	int rc = cw_record_check(k, body, 1, fe);
	if (rc)
		return rc;
	if ((rc = db_tx_begin(db, DB_TX_WRITE)))
		return rc;
	if ((rc = parent_check(db, k, parent_id)))
		goto out;
	rec = record_from(k, body);
	if (!rec) {
		rc = ERR_NOMEM;
		goto out;
	}
	if ((rc = check_refs(db, k, rec, fe)) || (rc = check_links(db, a, k, parent_id, rec, fe)))
		goto out;
	if (k == CW_QUESTION || k == CW_FOLLOWUP)
		json_object_set_new(rec, "meeting_id", json_integer(parent_id));
	if (k == CW_MEETING || k == CW_STAFFDEV)
		json_object_set_new(rec, "created_by", json_integer(a->p->user_id));
	if (k == CW_QUESTION) {
		int64_t ord;
		if ((rc = store_cw_next_ordinal(db, parent_id, &ord)))
			goto out;
		json_object_set_new(rec, "ordinal", json_integer(ord));
	}
	if (k == CW_PLAN_ITEM) {
		int64_t ord;
		rc = store_cw_next_plan_ordinal(db, json_integer_value(json_object_get(rec, "year")), &ord);
		if (rc)
			goto out;
		json_object_set_new(rec, "ordinal", json_integer(ord));
	}
	time_format_iso(time_now_ms(), now);
	if ((rc = store_cw_insert(db, (enum store_cw_kind)k, rec, now, id)))
		goto out;
	if (k == CW_MEETING)
		rc = meeting_participants(db, *id, json_object_get(body, "participants"), now, fe);
	if (k == CW_STAFFDEV)
		rc = staffdev_participants(db, *id, json_object_get(body, "participants"),
					   json_integer_value(json_object_get(rec, "hours_x100")), fe);
	if (!rc && fe->n)
		rc = ERR_INVALID;
	if (!rc)
		rc = cw_audit(db, a, "create", cw_entity(k), *id, 0, NULL);
	if (!rc)
		rc = db_tx_commit(db);
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(rec);
	return rc;
}

/* Reads record id of kind k and checks it belongs to parent_id. */
static int get_child(struct db *db, enum cw_kind k, int64_t parent_id, int64_t id, json_t **out)
{
	int rc = store_cw_get(db, (enum store_cw_kind)k, id, out);
	if (rc)
		return rc;
	if ((k == CW_QUESTION || k == CW_FOLLOWUP) &&
	    json_integer_value(json_object_get(*out, "meeting_id")) != parent_id) {
		json_decref(*out);
		*out = NULL;
		return ERR_NOT_FOUND;
	}
	return 0;
}

/* Ends a write of versioned record id in the caller's transaction: keeps
 * cur (the row before) in record_history, writes rec at version expected
 * (ERR_PRECONDITION if it moved on), audits and commits. */
static int versioned_write(struct db *db, const struct cw_actor *a, enum cw_kind k, int64_t id,
			   int64_t expected, json_t *cur, const json_t *rec, const char *action)
{
	char now[TIMESTAMP_ISO_LEN];
	int64_t changes = 0;
	time_format_iso(time_now_ms(), now);
	int rc = store_history_add(db, cw_entity(k), id, expected, a->p->user_id, action, cur);
	if (!rc)
		rc = store_cw_update(db, (enum store_cw_kind)k, id, expected, rec, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_PRECONDITION;
	if (!rc)
		rc = cw_audit(db, a, action, cw_entity(k), id, 0, NULL);
	if (!rc)
		rc = db_tx_commit(db);
	return rc;
}

int cw_record_update(struct db *db, const struct cw_actor *a, enum cw_kind k,
		     int64_t parent_id, int64_t id, int64_t expected,
		     const json_t *patch, struct field_errors *fe)
{
	json_t *cur = NULL, *rec = NULL;
	const char *name;
	json_t *v;
	if (!store_cw_versioned((enum store_cw_kind)k))
		return ERR_INTERNAL;
	int rc = cw_record_check(k, patch, 0, fe);
	if (rc)
		return rc;
	if ((rc = db_tx_begin(db, DB_TX_WRITE)))
		return rc;
	if ((rc = get_child(db, k, parent_id, id, &cur)))
		goto out;
	if (json_integer_value(json_object_get(cur, "version")) != expected) {
		rc = ERR_PRECONDITION;
		goto out;
	}
	rec = json_deep_copy(cur);
	if (!rec) {
		rc = ERR_NOMEM;
		goto out;
	}
	json_object_foreach((json_t *)patch, name, v) json_object_set(rec, name, v);
	check_between(k, rec, fe);
	if (fe->n) {
		rc = ERR_INVALID;
		goto out;
	}
	if ((rc = check_refs(db, k, rec, fe)))
		goto out;
	rc = versioned_write(db, a, k, id, expected, cur, rec, "update");
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	json_decref(rec);
	return rc;
}

int cw_meeting_participants_set(struct db *db, const struct cw_actor *a,
				int64_t id, int64_t expected,
				const json_t *participants,
				struct field_errors *fe)
{
	char now[TIMESTAMP_ISO_LEN];
	json_t *cur = NULL, *old = NULL;
	if (!json_is_array(participants))
		return fe_add(fe, "participants", participants ? "type.array" : "required");
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	if ((rc = store_cw_get(db, STORE_CW_MEETING, id, &cur)))
		goto out;
	if (json_integer_value(json_object_get(cur, "version")) != expected) {
		rc = ERR_PRECONDITION;
		goto out;
	}
	time_format_iso(time_now_ms(), now);
	rc = store_cw_children(db, STORE_CW_PARTICIPANT, id, &old);
	if (!rc) /* the snapshot keeps the list being replaced */
		json_object_set_new(cur, "participants", old);
	if (!rc)
		rc = store_cw_participants_clear(db, id);
	if (!rc)
		rc = meeting_participants(db, id, participants, now, fe);
	if (!rc)
		rc = versioned_write(db, a, CW_MEETING, id, expected, cur, cur, "participants.replace");
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}

/* A meeting with its participants, questions and follow-ups, trimmed. */
static int meeting_doc(struct db *db, const struct cw_scope *s, json_t *m,
		       struct cw_disclosures *d)
{
	json_t *parts = NULL, *qs = NULL, *fus = NULL, *q;
	size_t i;
	int64_t id = json_integer_value(json_object_get(m, "id"));
	int rc = store_cw_children(db, STORE_CW_PARTICIPANT, id, &parts);
	if (!rc)
		rc = store_cw_children(db, STORE_CW_QUESTION, id, &qs);
	if (!rc)
		rc = store_cw_children(db, STORE_CW_FOLLOWUP, id, &fus);
	json_array_foreach(qs, i, q) {
		if (!rc)
			rc = cw_scope_question(db, s, q, d);
	}
	if (!rc && !s->all) {
		/* Partners: never the minutes; follow-ups of their own
		 * institution only. */
		json_object_del(m, "minutes");
		json_object_del(m, "conclusions");
		for (i = json_array_size(fus); i-- > 0;)
			if (json_integer_value(json_object_get(json_array_get(fus, i), "institution_id")) !=
			    s->institution_id)
				json_array_remove(fus, i);
	}
	if (rc) {
		json_decref(parts);
		json_decref(qs);
		json_decref(fus);
		return rc;
	}
	json_object_set_new(m, "participants", parts);
	json_object_set_new(m, "questions", qs);
	json_object_set_new(m, "follow_ups", fus);
	return 0;
}

int cw_record_get(struct db *db, const struct cw_scope *s, enum cw_kind k,
		  int64_t parent_id, int64_t id, struct cw_disclosures *d,
		  json_t **doc, char *reason, size_t cap)
{
	json_t *o = NULL, *m = NULL;
	int rc;
	snprintf(reason, cap, "%s", "");
	if (k == CW_QUESTION || k == CW_FOLLOWUP) {
		rc = store_cw_get(db, STORE_CW_MEETING, parent_id, &m);
		if (!rc)
			rc = cw_scope_meeting(db, s, m, reason, cap);
		json_decref(m);
		if (!rc)
			rc = get_child(db, k, parent_id, id, &o);
		if (!rc && k == CW_QUESTION)
			rc = cw_scope_question(db, s, o, d);
		if (!rc && k == CW_FOLLOWUP && !s->all &&
		    json_integer_value(json_object_get(o, "institution_id")) != s->institution_id)
			rc = ERR_NOT_FOUND;
	} else {
		rc = store_cw_get(db, (enum store_cw_kind)k, id, &o);
		if (!rc && k == CW_MEETING && !(rc = cw_scope_meeting(db, s, o, reason, cap)))
			rc = meeting_doc(db, s, o, d);
		if (!rc && k == CW_STAFFDEV) {
			json_t *ps;
			if (!(rc = store_cw_staffdev_participants(db, id, &ps)))
				json_object_set_new(o, "participants", ps);
		}
	}
	if (rc) {
		json_decref(o);
		return rc;
	}
	*doc = o;
	return 0;
}

/* The first and last day of a year as text, or the widest range. */
static void year_range(int year, char *from, char *to)
{
	if (year) {
		date_format(year * 10000 + 101, from);
		date_format(year * 10000 + 1231, to);
	} else {
		snprintf(from, DATE_ISO_LEN, "%s", "0000-01-01");
		snprintf(to, DATE_ISO_LEN, "%s", "9999-12-31");
	}
}

int cw_meeting_list(struct db *db, const struct cw_scope *s, const char *kind,
		    int year, json_t **list)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN], reason[CW_REASON_MAX];
	json_t *rows;
	year_range(year, from, to);
	int rc = store_cw_meetings(db, kind ? kind : "", from, to, &rows);
	if (rc)
		return rc;
	for (size_t i = json_array_size(rows); !rc && i-- > 0;) {
		rc = cw_scope_meeting(db, s, json_array_get(rows, i), reason, sizeof(reason));
		if (rc == ERR_NOT_FOUND) {
			json_array_remove(rows, i);
			rc = 0;
		}
	}
	if (rc) {
		json_decref(rows);
		return rc;
	}
	*list = rows;
	return 0;
}

int cw_followups_due(struct db *db, const struct cw_scope *s, int days,
		     json_t **list)
{
	char to[DATE_ISO_LEN];
	date_format(date_add_days(date_today(), days), to);
	return store_cw_followups_due(db, to, s->all ? 0 : s->institution_id, list);
}

int cw_function_list(struct db *db, json_t **list)
{
	return store_cw_functions(db, list);
}

int cw_member_list(struct db *db, int date, json_t **list)
{
	char d[DATE_ISO_LEN] = "";
	if (date)
		date_format(date, d);
	return store_cw_members(db, d, list);
}

int cw_plan_list(struct db *db, int year, json_t **list)
{
	return store_cw_children(db, STORE_CW_PLAN_ITEM, year, list);
}

int cw_staffdev_list(struct db *db, int year, json_t **list)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	json_t *rows = NULL, *r;
	size_t i;
	year_range(year, from, to);
	int rc = store_cw_staffdev_events(db, from, to, &rows);
	if (rc)
		return rc;
	json_array_foreach(rows, i, r) {
		json_t *ps;
		if (!rc && !(rc = store_cw_staffdev_participants(db, json_integer_value(json_object_get(r, "id")), &ps)))
			json_object_set_new(r, "participants", ps);
	}
	if (rc) {
		json_decref(rows);
		return rc;
	}
	*list = rows;
	return 0;
}
