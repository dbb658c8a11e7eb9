/*
 * cw_scope.c - who sees what of child welfare work. See cw_scope.h.
 */
#include "domain/cw_scope.h"
#include "core/date.h"
#include "core/err.h"
#include "db/store.h"
#include "db/store_cw.h"
#include "domain/person.h"

#include <stdio.h>
#include <string.h>

static int64_t jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

int cw_scope_for(struct db *db, const struct principal *p, struct cw_scope *s)
{
	char today[DATE_ISO_LEN];
	memset(s, 0, sizeof(*s));
	s->p = p;
	int rc;
	s->all_reason = "";
	date_format(date_today(), today);
	switch (p->role) {
	case ROLE_DIRECTOR:
	case ROLE_HEAD:
	case ROLE_SOCIAL_WORKER:
		s->all = 1;
		return store_cw_has_function(db, p->user_id, "coordinator", today, &s->coordinator);
	case ROLE_PARTNER:
		if (!p->institution_id)
			return ERR_FORBIDDEN;
		s->institution_id = p->institution_id;
		rc = store_cw_has_function(db, p->user_id, "coordinator", today, &s->coordinator);
		if (!rc && s->coordinator) {
			s->all = 1;
			s->all_reason = "interagency coordinator";
		}
		return rc ? rc : store_cw_is_member(db, p->user_id, today, &s->member);
	default:
		return ERR_FORBIDDEN;
	}
}

int cw_scope_meeting(struct db *db, const struct cw_scope *s, const json_t *m,
		     char *reason, size_t cap)
{
	int yes = 0;
	const char *kind = json_string_value(json_object_get(m, "kind"));
	snprintf(reason, cap, "%s", s->all_reason);
	if (s->all)
		return 0;
	if (s->member && kind && !strcmp(kind, "commission")) {
		snprintf(reason, cap, "%s", "commission member");
		return 0;
	}
	int rc = store_cw_is_participant(db, jint(m, "id"), s->institution_id, &yes);
	if (rc)
		return rc;
	if (!yes && jint(m, "organiser_institution_id") != s->institution_id)
		return ERR_NOT_FOUND;
	snprintf(reason, cap, "%s", "meeting participant");
	return 0;
}

/* Whether the caller may see the child's case work (measures, orders,
 * the details of questions): staff in scope, or a share with the "cases"
 * part. A share's purpose and legal basis become the reason. */
static int child_cases(struct db *db, const struct cw_scope *s, int64_t child,
		       char *reason, size_t cap)
{
	struct person_view v;
	int rc = person_view_for(db, s->p, child, &v);
	if (rc)
		return rc;
	if (!v.full && !(v.parts & SHARE_PART_CASES))
		return ERR_NOT_FOUND;
	snprintf(reason, cap, "%s", v.full ? "" : v.reason);
	return 0;
}

int cw_scope_measure(struct db *db, const struct cw_scope *s, const json_t *m,
		     int *executor, char *reason, size_t cap)
{
	int yes = 0;
	*executor = 0;
	snprintf(reason, cap, "%s", "");
	if (s->institution_id) {
		int rc = store_cw_is_executor(db, jint(m, "id"), s->institution_id, &yes);
		if (rc)
			return rc;
		if (yes) {
			*executor = 1;
			snprintf(reason, cap, "%s", "measure executor");
			return 0;
		}
	}
	snprintf(reason, cap, "%s", s->all_reason);
	if (s->all)
		return 0;
	return child_cases(db, s, jint(m, "child_id"), reason, cap);
}

int cw_scope_order(struct db *db, const struct cw_scope *s, int64_t child_id,
		   json_t *measures, char *reason, size_t cap)
{
	snprintf(reason, cap, "%s", s->all_reason);
	if (s->all)
		return 0;
	int rc = child_cases(db, s, child_id, reason, cap);
	if (rc != ERR_NOT_FOUND)
		return rc;
	/* Not shared: an executor sees the order with its own measures. */
	for (size_t i = json_array_size(measures); i-- > 0;) {
		int yes = 0;
		rc = store_cw_is_executor(db, jint(json_array_get(measures, i), "measure_id"),
					  s->institution_id, &yes);
		if (rc)
			return rc;
		if (!yes)
			json_array_remove(measures, i);
	}
	if (json_array_size(measures) == 0)
		return ERR_NOT_FOUND;
	snprintf(reason, cap, "%s", "measure executor");
	return 0;
}

int cw_scope_person(struct db *db, const struct cw_scope *s, int64_t id,
		    struct cw_disclosures *d, json_t **ref, int *cases)
{
	struct person_view v;
	json_t *row = NULL;
	int rc = person_view_for(db, s->p, id, &v);
	if (cases)
		*cases = rc == 0 && (v.full || (v.parts & SHARE_PART_CASES));
	if (rc == ERR_NOT_FOUND) {
		*ref = json_pack("{s:b}", "hidden", 1);
		return *ref ? 0 : ERR_NOMEM;
	}
	if (rc)
		return rc;
	if (!(v.full || (v.parts & SHARE_PART_IDENTITY)) || d->n >= CW_DISCLOSE_MAX) {
		*ref = json_pack("{s:I}", "id", (json_int_t)id);
		return *ref ? 0 : ERR_NOMEM;
	}
	rc = store_person_row(db, id, &row);
	if (rc)
		return rc;
	*ref = json_pack("{s:I,s:O,s:O,s:O}", "id", (json_int_t)id,
			 "given_names", json_object_get(row, "given_names"),
			 "family_name", json_object_get(row, "family_name"),
			 "birth_date", json_object_get(row, "birth_date"));
	json_decref(row);
	if (!*ref)
		return ERR_NOMEM;
	d->e[d->n].person_id = id;
	snprintf(d->e[d->n].reason, sizeof(d->e[d->n].reason), "%s", v.full ? "" : v.reason);
	d->n++;
	return 0;
}

int cw_scope_question(struct db *db, const struct cw_scope *s, json_t *q,
		      struct cw_disclosures *d)
{
	static const char *const details[] = {"description", "proposal", "decision",
		"household_id", NULL};
	const char *subject = json_string_value(json_object_get(q, "subject"));
	int shown = 1; /* the details */
	if (subject && !strcmp(subject, "child")) {
		json_t *ref;
		int rc = cw_scope_person(db, s, jint(q, "child_id"), d, &ref, &shown);
		if (rc)
			return rc;
		json_object_set_new(q, "child", ref);
	} else if (subject && !strcmp(subject, "family")) {
		shown = s->all;
	}
	json_object_del(q, "child_id");
	if (!shown)
		for (int i = 0; details[i]; i++)
			json_object_del(q, details[i]);
	json_object_set_new(q, "details_hidden", json_boolean(!shown));
	return 0;
}
