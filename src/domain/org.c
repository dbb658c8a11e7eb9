/*
 * org.c - the organisation's and user accounts' rules. SQL lives in
 * db/store_org.c; the API layer only checks the body's keys and maps
 * results to HTTP.
 *
 * Each kind of record is described by a table of fields (type, required,
 * length, allowed values, shape); one checker walks it, and the rules
 * between fields and against the database follow per kind.
 */
#include "domain/org.h"
#include "core/date.h"
#include "core/err.h"
#include "core/text.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_org.h"
#include "domain/session.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert((int)ORG_INSTITUTION == (int)STORE_ORG_INSTITUTION &&
		       (int)ORG_DEPARTMENT == (int)STORE_ORG_DEPARTMENT &&
		       (int)ORG_STAFF == (int)STORE_ORG_STAFF &&
		       (int)ORG_TEAM == (int)STORE_ORG_TEAM &&
		       (int)ORG_USER == (int)STORE_ORG_USER &&
		       (int)ORG__COUNT == (int)STORE_ORG__COUNT,
	       "org_kind and store_org_kind must agree");

#define NAME_MAX_BYTES 100
#define TITLE_MAX_BYTES 200

/* ---- allowed values ---- */

static const char *const institution_kinds[] = {"centre", "partner", NULL};
static const char *const partner_types[] = {
	"health", "red_cross", "family_child_welfare", "police", "probation",
	"prosecutor", "school", "education", "public_health", "care_home",
	"municipality", "child_rights", "disability_agency", "ngo", "other",
	NULL};
static const char *const staff_categories[] = {
	"social_worker", "senior_social_worker", "expert", NULL};
static const char *const skill_names[] = {
	"carer", "nurse", "nurse_assistant", "physiotherapist",
	"social_worker", "psychologist", "driver", NULL};
static const char *const team_kinds[] = {"team", "mobile", "integrated_help", NULL};
static const char *const role_names[] = {
	"admin", "director", "head", "social_worker", "partner", "auditor", NULL};

static int in_list(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

int org_department_code_ok(const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (n < 2 || n > 40)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

int org_username_ok(const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (n < 3 || n > 63)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

int org_partner_type_ok(const char *s)
{
	return in_list(partner_types, s);
}

int org_skill_ok(const char *s)
{
	return in_list(skill_names, s);
}

uint64_t org_skill_bit(const char *s)
{
	for (size_t k = 0; s && skill_names[k]; k++)
		if (!strcmp(s, skill_names[k]))
			return UINT64_C(1) << k;
	return 0;
}

int org_skills_csv(const json_t *arr, char *out, size_t cap)
{
	unsigned bits = 0;
	size_t i, len = 0;
	json_t *v;
	if (!json_is_array(arr))
		return ERR_INVALID;
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		int found = 0;
		for (size_t k = 0; s && skill_names[k]; k++)
			if (!strcmp(s, skill_names[k])) {
				bits |= 1u << k;
				found = 1;
			}
		if (!found)
			return ERR_INVALID;
	}
	if (cap == 0)
		return ERR_TOO_LARGE;
	out[0] = '\0';
	for (size_t k = 0; skill_names[k]; k++) {
		if (!(bits & (1u << k)))
			continue;
		int n = snprintf(out + len, cap - len, "%s%s", len ? "," : "", skill_names[k]);
		if (n < 0 || (size_t)n >= cap - len)
			return ERR_TOO_LARGE;
		len += (size_t)n;
	}
	return 0;
}

json_t *org_skills_array(const char *csv)
{
	json_t *arr = json_array();
	while (arr && csv && *csv) {
		size_t n = strcspn(csv, ",");
		if (n)
			json_array_append_new(arr, json_stringn(csv, n));
		csv += n;
		if (*csv == ',')
			csv++;
	}
	return arr;
}

/* ---- field tables ---- */

enum field_type {
	FT_TEXT,  /* string */
	FT_ENUM,  /* string from choices */
	FT_ID,    /* integer >= 1 */
	FT_BOOL,
	FT_SKILLS /* array of skill names */
};

struct org_field {
	const char *name;
	enum field_type type;
	int required;
	size_t max;                /* bytes, text */
	const char *const *choices; /* FT_ENUM */
	int (*shape)(const char *); /* FT_TEXT: extra shape check */
	const char *shape_key;
};

static const struct org_field institution_fields[] = {
	{"kind", FT_ENUM, 1, 0, institution_kinds, NULL, NULL},
	{"partner_type", FT_ENUM, 0, 0, partner_types, NULL, NULL},
	{"name", FT_TEXT, 1, TITLE_MAX_BYTES, NULL, NULL, NULL},
	{"code", FT_TEXT, 0, 40, NULL, NULL, NULL},
	{"address", FT_TEXT, 0, 300, NULL, NULL, NULL},
	{"phone", FT_TEXT, 0, 24, NULL, text_is_phone, "phone"},
	{"email", FT_TEXT, 0, 254, NULL, text_is_email, "email"},
	{"active", FT_BOOL, 1, 0, NULL, NULL, NULL},
	{NULL, FT_TEXT, 0, 0, NULL, NULL, NULL},
};

static const struct org_field department_fields[] = {
	{"institution_id", FT_ID, 0, 0, NULL, NULL, NULL},
	{"code", FT_TEXT, 1, 200, NULL, org_department_code_ok, "department.code_format"},
	{"name_lt", FT_TEXT, 1, TITLE_MAX_BYTES, NULL, NULL, NULL},
	{"name_en", FT_TEXT, 1, TITLE_MAX_BYTES, NULL, NULL, NULL},
	{"active", FT_BOOL, 1, 0, NULL, NULL, NULL},
	{NULL, FT_TEXT, 0, 0, NULL, NULL, NULL},
};

static const struct org_field staff_fields[] = {
	{"institution_id", FT_ID, 0, 0, NULL, NULL, NULL},
	{"department_id", FT_ID, 0, 0, NULL, NULL, NULL},
	{"given_names", FT_TEXT, 1, NAME_MAX_BYTES, NULL, NULL, NULL},
	{"family_name", FT_TEXT, 1, NAME_MAX_BYTES, NULL, NULL, NULL},
	{"position", FT_TEXT, 1, TITLE_MAX_BYTES, NULL, NULL, NULL},
	{"category", FT_ENUM, 0, 0, staff_categories, NULL, NULL},
	{"skills", FT_SKILLS, 1, 0, NULL, NULL, NULL},
	{"email", FT_TEXT, 0, 254, NULL, text_is_email, "email"},
	{"phone", FT_TEXT, 0, 24, NULL, text_is_phone, "phone"},
	{"active", FT_BOOL, 1, 0, NULL, NULL, NULL},
	{NULL, FT_TEXT, 0, 0, NULL, NULL, NULL},
};

static const struct org_field team_fields[] = {
	{"department_id", FT_ID, 1, 0, NULL, NULL, NULL},
	{"name", FT_TEXT, 1, TITLE_MAX_BYTES, NULL, NULL, NULL},
	{"kind", FT_ENUM, 1, 0, team_kinds, NULL, NULL},
	{NULL, FT_TEXT, 0, 0, NULL, NULL, NULL},
};

static const struct org_field user_fields[] = {
	{"username", FT_TEXT, 1, 63, NULL, org_username_ok, "username.format"},
	{"display_name", FT_TEXT, 1, 128, NULL, NULL, NULL},
	{"role", FT_ENUM, 1, 0, role_names, NULL, NULL},
	{"department_id", FT_ID, 0, 0, NULL, NULL, NULL},
	{"institution_id", FT_ID, 0, 0, NULL, NULL, NULL},
	{"staff_id", FT_ID, 0, 0, NULL, NULL, NULL},
	{"disabled", FT_BOOL, 1, 0, NULL, NULL, NULL},
	{NULL, FT_TEXT, 0, 0, NULL, NULL, NULL},
};

static const struct org_field contact_fields[] = {
	{"name", FT_TEXT, 1, TITLE_MAX_BYTES, NULL, NULL, NULL},
	{"role", FT_TEXT, 0, 100, NULL, NULL, NULL},
	{"phone", FT_TEXT, 0, 24, NULL, text_is_phone, "phone"},
	{"email", FT_TEXT, 0, 254, NULL, text_is_email, "email"},
	{NULL, FT_TEXT, 0, 0, NULL, NULL, NULL},
};

static const struct org_field *const field_tables[ORG__COUNT] = {
	institution_fields, department_fields, staff_fields, team_fields, user_fields,
};

static const char *const entity_names[ORG__COUNT] = {
	"institution", "department", "staff", "team", "user",
};

const char *const *org_fields(enum org_kind k, int creating)
{
	static const char *const institution[] = {"kind", "partner_type", "name", "code",
		"address", "phone", "email", "active", NULL};
	static const char *const department[] = {"institution_id", "code", "name_lt",
		"name_en", "active", NULL};
	static const char *const staff[] = {"department_id", "given_names", "family_name",
		"position", "category", "skills", "email", "phone", "active", NULL};
	static const char *const team[] = {"department_id", "name", "kind", NULL};
	static const char *const user_new[] = {"username", "display_name", "role",
		"department_id", "institution_id", "staff_id", "password", NULL};
	static const char *const user_edit[] = {"display_name", "role", "department_id",
		"institution_id", "staff_id", "disabled", NULL};
	switch (k) {
	case ORG_INSTITUTION: return institution;
	case ORG_DEPARTMENT: return department;
	case ORG_STAFF: return staff;
	case ORG_TEAM: return team;
	case ORG_USER: return creating ? user_new : user_edit;
	default: {
		static const char *const none[] = {NULL};
		return none;
	}
	}
}

const char *const *org_contact_fields(void)
{
	static const char *const contact[] = {"name", "role", "phone", "email", NULL};
	return contact;
}

/* Empty optional text becomes null, so "clear the e-mail" is "" or null. */
static void normalise_fields(const struct org_field *f, json_t *rec)
{
	for (; f->name; f++) {
		json_t *v = json_object_get(rec, f->name);
		if (!f->required && (f->type == FT_TEXT || f->type == FT_ENUM) &&
		    json_is_string(v) && json_string_length(v) == 0)
			json_object_set_new(rec, f->name, json_null());
	}
}

static void set_default(json_t *rec, const char *k, json_t *v)
{
	json_t *cur = json_object_get(rec, k);
	if (!cur || json_is_null(cur))
		json_object_set_new(rec, k, v);
	else
		json_decref(v);
}

void org_normalise(enum org_kind k, json_t *rec, int creating)
{
	if ((unsigned)k >= ORG__COUNT || !json_is_object(rec))
		return;
	normalise_fields(field_tables[k], rec);
	if (!creating)
		return;
	switch (k) {
	case ORG_INSTITUTION:
	case ORG_DEPARTMENT:
	case ORG_STAFF:
		set_default(rec, "active", json_true());
		break;
	case ORG_TEAM:
		set_default(rec, "kind", json_string("team"));
		break;
	case ORG_USER:
		set_default(rec, "disabled", json_false());
		break;
	default:
		break;
	}
	if (k == ORG_STAFF)
		set_default(rec, "skills", json_array());
	if (k == ORG_DEPARTMENT && json_is_string(json_object_get(rec, "name_lt")))
		set_default(rec, "name_en", json_deep_copy(json_object_get(rec, "name_lt")));
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

static void check_fields(const struct org_field *f, const json_t *rec,
			 struct field_errors *fe)
{
	for (; f->name; f++) {
		json_t *v = json_object_get(rec, f->name);
		if (!v || json_is_null(v)) {
			if (f->required)
				fe_add(fe, f->name, "required");
			continue;
		}
		switch (f->type) {
		case FT_TEXT:
		case FT_ENUM: {
			if (!json_is_string(v)) {
				fe_add(fe, f->name, "type.string");
				break;
			}
			const char *s = json_string_value(v);
			size_t n = json_string_length(v);
			if (strlen(s) != n)
				fe_add(fe, f->name, "body.utf8");
			else if (f->type == FT_ENUM && !in_list(f->choices, s))
				fe_add(fe, f->name, "enum");
			else if (f->required && blank(s))
				fe_add(fe, f->name, "string.empty");
			else if (n > f->max && f->type == FT_TEXT)
				fe_add(fe, f->name, "string.too_long");
			else if (text_has_control(s))
				fe_add(fe, f->name, "invalid");
			else if (f->shape && !f->shape(s))
				fe_add(fe, f->name, f->shape_key);
			break;
		}
		case FT_ID:
			if (!json_is_integer(v))
				fe_add(fe, f->name, "type.integer");
			else if (json_integer_value(v) < 1)
				fe_add(fe, f->name, "range");
			break;
		case FT_BOOL:
			if (!json_is_boolean(v))
				fe_add(fe, f->name, "type.boolean");
			break;
		case FT_SKILLS: {
			char csv[256];
			size_t i;
			json_t *s;
			if (!json_is_array(v)) {
				fe_add(fe, f->name, "type.array");
				break;
			}
			json_array_foreach(v, i, s) {
				if (!json_is_string(s)) {
					fe_add(fe, f->name, "type.string");
					break;
				}
			}
			if (org_skills_csv(v, csv, sizeof(csv)))
				fe_add(fe, f->name, "skills.unknown");
			break;
		}
		}
	}
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

int org_check(enum org_kind k, const json_t *rec, int creating,
	      struct field_errors *fe)
{
	if ((unsigned)k >= ORG__COUNT)
		return ERR_INTERNAL;
	if (!json_is_object(rec))
		return fe_add(fe, "_", "type.object");
	check_fields(field_tables[k], rec, fe);
	if (k == ORG_INSTITUTION) {
		const char *kind = jstr(rec, "kind");
		if (kind && !strcmp(kind, "centre") && !jnull(rec, "partner_type"))
			fe_add(fe, "partner_type", "institution.partner_type_centre");
		if (creating && kind && !strcmp(kind, "partner") && jnull(rec, "partner_type"))
			fe_add(fe, "partner_type", "required");
	}
	if (k == ORG_USER) {
		const char *role = jstr(rec, "role");
		enum role r = access_role_parse(role);
		if ((r == ROLE_HEAD || r == ROLE_SOCIAL_WORKER) && jnull(rec, "department_id"))
			fe_add(fe, "department_id", "role.scope");
		if (r == ROLE_PARTNER && jnull(rec, "institution_id"))
			fe_add(fe, "institution_id", "role.scope");
		if (r == ROLE_PARTNER && !jnull(rec, "department_id"))
			fe_add(fe, "department_id", "user.partner_department");
	}
	return fe->n ? ERR_INVALID : 0;
}

int org_contact_check(const json_t *rec, struct field_errors *fe)
{
	if (!json_is_object(rec))
		return fe_add(fe, "_", "type.object");
	check_fields(contact_fields, rec, fe);
	return fe->n ? ERR_INVALID : 0;
}

/* ---- reads ---- */

static int cmp_by(const json_t *a, const json_t *b, const char *key)
{
	int c = text_collate_cmp(jstr(a, key), jstr(b, key));
	if (c)
		return c;
	json_int_t x = json_integer_value(json_object_get(a, "id"));
	json_int_t y = json_integer_value(json_object_get(b, "id"));
	return x < y ? -1 : x > y;
}

static int cmp_name(const void *a, const void *b)
{
	return cmp_by(*(json_t *const *)a, *(json_t *const *)b, "name");
}

static int cmp_name_lt(const void *a, const void *b)
{
	return cmp_by(*(json_t *const *)a, *(json_t *const *)b, "name_lt");
}

/* Sorts a JSON array of objects in place with cmp. */
static int sort_rows(json_t *arr, int (*cmp)(const void *, const void *))
{
	size_t n = json_array_size(arr);
	if (n < 2)
		return 0;
	json_t **v = malloc(n * sizeof(*v));
	if (!v)
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(arr, i));
	qsort(v, n, sizeof(*v), cmp);
	json_array_clear(arr);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, v[i]);
	free(v);
	return 0;
}

static void staff_present(json_t *row)
{
	json_object_set_new(row, "skills", org_skills_array(jstr(row, "skills")));
	json_object_del(row, "sort_key");
}

int org_get(struct db *db, enum org_kind k, int64_t id, json_t **doc)
{
	json_t *o, *arr = NULL;
	if ((unsigned)k >= ORG__COUNT)
		return ERR_INTERNAL;
	int rc = store_org_get(db, (enum store_org_kind)k, id, &o);
	if (rc)
		return rc;
	if (k == ORG_STAFF)
		staff_present(o);
	else if (k == ORG_TEAM && (rc = store_org_team_members(db, id, &arr)) == 0)
		json_object_set_new(o, "members", arr);
	else if (k == ORG_INSTITUTION && (rc = store_org_contacts(db, id, &arr)) == 0)
		json_object_set_new(o, "contacts", arr);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*doc = o;
	return 0;
}

int org_institution_list(struct db *db, const char *kind, int active,
			 json_t **list)
{
	int rc = store_org_institutions(db, kind, active, list);
	if (!rc && (rc = sort_rows(*list, cmp_name)) != 0)
		json_decref(*list);
	return rc;
}

int org_department_list(struct db *db, int active, json_t **list)
{
	int rc = store_org_departments(db, active, list);
	if (!rc && (rc = sort_rows(*list, cmp_name_lt)) != 0)
		json_decref(*list);
	return rc;
}

int org_team_list(struct db *db, int64_t department_id, json_t **list)
{
	int rc = store_org_teams(db, department_id, list);
	if (!rc && (rc = sort_rows(*list, cmp_name)) != 0)
		json_decref(*list);
	return rc;
}

int org_contact_list(struct db *db, int64_t institution_id, json_t **list)
{
	json_t *inst;
	int rc = store_org_get(db, STORE_ORG_INSTITUTION, institution_id, &inst);
	if (rc)
		return rc;
	json_decref(inst);
	return store_org_contacts(db, institution_id, list);
}

/* Parses a cursor: the id of the last row of the previous page. */
static int cursor_id(const char *cursor, int64_t *id)
{
	char *end;
	long long v = strtoll(cursor, &end, 10);
	if (!*cursor || *end || v <= 0)
		return ERR_INVALID;
	*id = v;
	return 0;
}

/* Cuts a page fetched with limit + 1 rows and names the next cursor. */
static int page_finish(json_t *rows, int limit, char **next)
{
	*next = NULL;
	if (json_array_size(rows) > (size_t)limit) {
		json_array_remove(rows, (size_t)limit);
		json_t *last = json_array_get(rows, (size_t)limit - 1);
		char buf[32];
		snprintf(buf, sizeof(buf), "%lld",
			 (long long)json_integer_value(json_object_get(last, "id")));
		*next = strdup(buf);
		if (!*next)
			return ERR_NOMEM;
	}
	return 0;
}

int org_staff_list(struct db *db, int64_t department_id, int active,
		   const char *cursor, int limit, json_t **list, char **next)
{
	char after_key[1024] = "";
	int64_t after_id = 0;
	json_t *rows;
	int rc;
	*next = NULL;
	if (cursor) {
		if (cursor_id(cursor, &after_id))
			return ERR_INVALID;
		rc = store_org_staff_sort_key(db, after_id, after_key, sizeof(after_key));
		if (rc)
			return rc == ERR_NOT_FOUND ? ERR_INVALID : rc;
	}
	rc = store_org_staff_page(db, department_id, active, after_key, after_id,
				  limit + 1, &rows);
	if (rc)
		return rc;
	rc = page_finish(rows, limit, next);
	if (rc) {
		json_decref(rows);
		return rc;
	}
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) staff_present(r);
	*list = rows;
	return 0;
}

int org_user_list(struct db *db, const char *role, int64_t department_id,
		  int disabled, const char *cursor, int limit, json_t **list,
		  char **next)
{
	char after[128] = "";
	int64_t after_id = 0;
	json_t *rows;
	int rc;
	*next = NULL;
	if (cursor) {
		if (cursor_id(cursor, &after_id))
			return ERR_INVALID;
		rc = store_org_username(db, after_id, after, sizeof(after));
		if (rc)
			return rc == ERR_NOT_FOUND ? ERR_INVALID : rc;
	}
	rc = store_org_users_page(db, role, department_id, disabled, after, limit + 1, &rows);
	if (rc)
		return rc;
	rc = page_finish(rows, limit, next);
	if (rc) {
		json_decref(rows);
		return rc;
	}
	*list = rows;
	return 0;
}

static int case_worker_cmp(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = text_collate_cmp(json_string_value(json_object_get(x, "display_name")),
				 json_string_value(json_object_get(y, "display_name")));
	if (c)
		return c;
	json_int_t i = json_integer_value(json_object_get(x, "id"));
	json_int_t j = json_integer_value(json_object_get(y, "id"));
	return (i > j) - (i < j);
}

int org_case_workers(struct db *db, const struct principal *p,
		     int64_t department_id, json_t **list)
{
	if (p->role == ROLE_HEAD || p->role == ROLE_SOCIAL_WORKER) {
		if (!p->department_id || (department_id && department_id != p->department_id))
			return ERR_FORBIDDEN;
		department_id = p->department_id;
	} else if (p->role != ROLE_DIRECTOR) {
		/* A partner reads shared cases but gives no case work. */
		*list = json_array();
		return *list ? 0 : ERR_NOMEM;
	}
	json_t *rows;
	int rc = store_org_case_workers(db, department_id, &rows);
	if (rc)
		return rc;
	size_t n = json_array_size(rows);
	json_t **v = n ? malloc(n * sizeof(*v)) : NULL;
	if (n && !v) {
		json_decref(rows);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(rows, i));
	qsort(v, n, sizeof(*v), case_worker_cmp);
	json_array_clear(rows);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(rows, v[i]);
	free(v);
	*list = rows;
	return 0;
}

/* ---- writes ---- */

static int org_audit(struct db *db, const struct org_actor *a,
		     const char *action, const char *entity, int64_t id)
{
	struct audit_entry e = *a->who;
	e.action = action;
	e.entity = entity;
	e.entity_id = id;
	return audit_append_tx(db, a->audit_key, &e, 1);
}

/* 1 if field k differs between the stored row and the new record. */
static int changed(const json_t *cur, const json_t *rec, const char *k)
{
	json_t *a = cur ? json_object_get(cur, k) : NULL;
	json_t *b = json_object_get(rec, k);
	if (!a || json_is_null(a))
		return b && !json_is_null(b);
	return !b || !json_equal(a, b);
}

/* Checks that a referenced record exists (field error "<kind>.not_found"
 * otherwise) and, with must_be_active, that it is active. *row (optional)
 * receives the record. */
static int ref_check(struct db *db, enum store_org_kind k, const json_t *rec,
		     const char *field, const char *missing_key,
		     int must_be_active, struct field_errors *fe, json_t **row)
{
	json_t *o;
	int rc = store_org_get(db, k, json_integer_value(json_object_get(rec, field)), &o);
	if (rc == ERR_NOT_FOUND)
		return fe_add(fe, field, missing_key);
	if (rc)
		return rc;
	if (must_be_active && json_is_false(json_object_get(o, "active"))) {
		json_decref(o);
		return fe_add(fe, field, "org.inactive");
	}
	if (row)
		*row = o;
	else
		json_decref(o);
	return 0;
}

/* The rules that need the database, per kind: references exist,
 * uniqueness, derived columns. cur is NULL when creating. Called inside
 * the write transaction; may set rec's derived fields. */
static int resolve_refs(struct db *db, const struct org_actor *a,
			enum org_kind k, int64_t id, const json_t *cur,
			json_t *rec, struct field_errors *fe,
			const char **conflict_key)
{
	int64_t other;
	json_t *row = NULL;
	int rc = 0;
	switch (k) {
	case ORG_INSTITUTION:
		break;
	case ORG_DEPARTMENT:
		if (jnull(rec, "institution_id")) {
			rc = store_org_centre(db, &other);
			if (rc == ERR_NOT_FOUND)
				return fe_add(fe, "institution_id", "required");
			if (rc)
				return rc;
			json_object_set_new(rec, "institution_id", json_integer(other));
		} else if (changed(cur, rec, "institution_id")) {
			rc = ref_check(db, STORE_ORG_INSTITUTION, rec, "institution_id",
				       "institution.not_found", 1, fe, &row);
			if (rc)
				return rc;
			if (strcmp(jstr(row, "kind"), "centre"))
				rc = fe_add(fe, "institution_id", "department.institution_centre");
			json_decref(row);
			if (rc)
				return rc;
		}
		if (changed(cur, rec, "code")) {
			rc = store_org_department_by_code(db, jstr(rec, "code"), &other);
			if (rc == 0 && other != id) {
				fe_add(fe, "code", "department.code_taken");
				return ERR_CONFLICT;
			}
			if (rc && rc != ERR_NOT_FOUND)
				return rc;
		}
		return 0;
	case ORG_STAFF: {
		char full[2 * NAME_MAX_BYTES + 8], key[8 * NAME_MAX_BYTES + 64], csv[256];
		if (!jnull(rec, "department_id") && changed(cur, rec, "department_id")) {
			rc = ref_check(db, STORE_ORG_DEPARTMENT, rec, "department_id",
				       "department.not_found", 1, fe, &row);
			if (rc)
				return rc;
			json_object_set(rec, "institution_id", json_object_get(row, "institution_id"));
			json_decref(row);
		}
		if (jnull(rec, "institution_id")) {
			rc = store_org_centre(db, &other);
			if (rc == ERR_NOT_FOUND)
				return fe_add(fe, "department_id", "required");
			if (rc)
				return rc;
			json_object_set_new(rec, "institution_id", json_integer(other));
		}
		snprintf(full, sizeof(full), "%s %s", jstr(rec, "family_name"), jstr(rec, "given_names"));
		if (text_collate_key(full, key, sizeof(key)) < 0)
			return fe_add(fe, "family_name", "invalid");
		json_object_set_new(rec, "sort_key", json_string(key));
		if (org_skills_csv(json_object_get(rec, "skills"), csv, sizeof(csv)))
			return fe_add(fe, "skills", "skills.unknown");
		json_object_set_new(rec, "skills", json_string(csv));
		return 0;
	}
	case ORG_TEAM:
		if (changed(cur, rec, "department_id"))
			return ref_check(db, STORE_ORG_DEPARTMENT, rec, "department_id",
					 "department.not_found", 1, fe, NULL);
		return 0;
	case ORG_USER: {
		enum role r = access_role_parse(jstr(rec, "role"));
		if (!cur) {
			rc = store_org_user_by_username(db, jstr(rec, "username"), &other);
			if (rc == 0) {
				fe_add(fe, "username", "username.taken");
				return ERR_CONFLICT;
			}
			if (rc != ERR_NOT_FOUND)
				return rc;
			rc = 0;
		}
		if (cur && id == a->p->user_id) {
			if (json_is_true(json_object_get(rec, "disabled"))) {
				*conflict_key = "user.self_disable";
				return ERR_CONFLICT;
			}
			if (changed(cur, rec, "role")) {
				*conflict_key = "user.self_role";
				return ERR_CONFLICT;
			}
		}
		if (!jnull(rec, "department_id") && changed(cur, rec, "department_id"))
			rc = ref_check(db, STORE_ORG_DEPARTMENT, rec, "department_id",
				       "department.not_found", 1, fe, NULL);
		if (rc)
			return rc;
		if (!jnull(rec, "staff_id") && changed(cur, rec, "staff_id"))
			rc = ref_check(db, STORE_ORG_STAFF, rec, "staff_id", "staff.not_found",
				       0, fe, NULL);
		if (rc)
			return rc;
		if (!jnull(rec, "institution_id") &&
		    (changed(cur, rec, "institution_id") || changed(cur, rec, "role"))) {
			rc = ref_check(db, STORE_ORG_INSTITUTION, rec, "institution_id",
				       "institution.not_found", 0, fe, &row);
			if (rc)
				return rc;
			if (r == ROLE_PARTNER && strcmp(jstr(row, "kind"), "partner"))
				rc = fe_add(fe, "institution_id", "user.institution_partner");
			json_decref(row);
		}
		return rc;
	}
	default:
		return ERR_INTERNAL;
	}
	return rc;
}

/* After a unique or foreign-key violation the database caught (a race
 * past resolve_refs), name the field when it is clear which one. */
static int conflict_fields(enum org_kind k, struct field_errors *fe)
{
	if (fe->n)
		return ERR_CONFLICT;
	if (k == ORG_DEPARTMENT)
		fe_add(fe, "code", "department.code_taken");
	else if (k == ORG_USER)
		fe_add(fe, "username", "username.taken");
	return ERR_CONFLICT;
}

/* Create (id 0) or update of a record; see org_create / org_update. */
static int org_write(struct db *db, const struct org_actor *a, enum org_kind k,
		     int64_t id, int64_t expected, const json_t *in,
		     const char *hash, struct field_errors *fe,
		     const char **conflict_key, int64_t *out)
{
	json_t *rec = NULL, *cur = NULL, *patch = NULL;
	char now[TIMESTAMP_ISO_LEN];
	const char *ckey = NULL;
	int creating = id == 0;
	int revoke = 0;
	int64_t changes = 0;
	int rc;

	if ((unsigned)k >= ORG__COUNT || !json_is_object(in))
		return ERR_INTERNAL;
	if (creating) {
		rec = json_deep_copy(in);
		if (!rec)
			return ERR_NOMEM;
		org_normalise(k, rec, 1);
		rc = org_check(k, rec, 1, fe);
		if (rc)
			goto out;
	}
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		goto out;
	if (!creating) {
		rc = store_org_get(db, (enum store_org_kind)k, id, &cur);
		if (rc)
			goto out;
		if (json_integer_value(json_object_get(cur, "version")) != expected) {
			rc = ERR_PRECONDITION;
			goto out;
		}
		rec = json_deep_copy(cur);
		patch = json_deep_copy(in);
		if (!rec || !patch) {
			rc = ERR_NOMEM;
			goto out;
		}
		if (k == ORG_STAFF)
			json_object_set_new(rec, "skills", org_skills_array(jstr(cur, "skills")));
		org_normalise(k, patch, 0);
		json_object_update(rec, patch);
		rc = org_check(k, rec, 0, fe);
		if (rc)
			goto out;
	}
	rc = resolve_refs(db, a, k, id, cur, rec, fe, &ckey);
	if (rc)
		goto out;
	if (fe->n) {
		rc = ERR_INVALID;
		goto out;
	}
	time_format_iso(time_now_ms(), now);
	if (creating) {
		rc = k == ORG_USER ? store_org_user_insert(db, rec, hash, now, &id)
				   : store_org_insert(db, (enum store_org_kind)k, rec, now, &id);
		if (rc)
			goto out;
		*out = id;
	} else {
		rc = store_history_add(db, entity_names[k], id, expected, a->p->user_id,
				       "update", cur);
		if (!rc)
			rc = store_org_update(db, (enum store_org_kind)k, id, expected, rec, now,
					      &changes);
		if (!rc && changes != 1)
			rc = ERR_PRECONDITION;
		if (rc)
			goto out;
		*out = expected + 1;
		if (k == ORG_USER)
			revoke = (json_is_true(json_object_get(rec, "disabled")) &&
				  changed(cur, rec, "disabled")) ||
				 changed(cur, rec, "role") || changed(cur, rec, "department_id") ||
				 changed(cur, rec, "institution_id");
	}
	if (revoke)
		rc = session_revoke_user(db, id, id == a->p->user_id ? a->p->session_id : 0);
	if (!rc)
		rc = org_audit(db, a, creating ? "create" : "update", entity_names[k], id);
	if (!rc)
		rc = db_tx_commit(db);
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	if (rc == ERR_CONFLICT) {
		if (ckey && conflict_key)
			*conflict_key = ckey;
		else
			conflict_fields(k, fe);
	}
	json_decref(rec);
	json_decref(cur);
	json_decref(patch);
	return rc;
}

int org_create(struct db *db, const struct org_actor *a, enum org_kind k,
	       const json_t *in, struct field_errors *fe, int64_t *id)
{
	if (k == ORG_USER)
		return ERR_INTERNAL;
	return org_write(db, a, k, 0, 0, in, NULL, fe, NULL, id);
}

int org_update(struct db *db, const struct org_actor *a, enum org_kind k,
	       int64_t id, int64_t expected, const json_t *patch,
	       struct field_errors *fe, const char **conflict_key,
	       int64_t *new_version)
{
	if (id <= 0)
		return ERR_NOT_FOUND;
	return org_write(db, a, k, id, expected, patch, NULL, fe, conflict_key, new_version);
}

int org_user_create(struct db *db, const struct org_actor *a,
		    const json_t *in, const char *password_hash,
		    struct field_errors *fe, int64_t *id)
{
	if (!password_hash)
		return ERR_INTERNAL;
	return org_write(db, a, ORG_USER, 0, 0, in, password_hash, fe, NULL, id);
}

int org_user_password_set(struct db *db, const struct org_actor *a,
			  int64_t id, const char *password_hash)
{
	json_t *cur = NULL;
	char now[TIMESTAMP_ISO_LEN];
	int64_t changes = 0;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_org_get(db, STORE_ORG_USER, id, &cur);
	if (rc)
		goto out;
	time_format_iso(time_now_ms(), now);
	rc = store_history_add(db, "user", id, json_integer_value(json_object_get(cur, "version")),
			       a->p->user_id, "password_reset", cur);
	if (!rc)
		rc = store_org_user_set_password(db, id, password_hash, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = session_revoke_user(db, id, id == a->p->user_id ? a->p->session_id : 0);
	if (!rc)
		rc = org_audit(db, a, "password_reset", "user", id);
	if (!rc)
		rc = db_tx_commit(db);
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}

int org_team_set_members(struct db *db, const struct org_actor *a,
			 int64_t id, int64_t expected, const int64_t *staff_ids,
			 size_t n, struct field_errors *fe, int64_t *new_version)
{
	json_t *cur = NULL, *members = NULL;
	char now[TIMESTAMP_ISO_LEN];
	int64_t changes = 0;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_org_get(db, STORE_ORG_TEAM, id, &cur);
	if (rc)
		goto out;
	if (json_integer_value(json_object_get(cur, "version")) != expected) {
		rc = ERR_PRECONDITION;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *s;
		rc = store_org_get(db, STORE_ORG_STAFF, staff_ids[i], &s);
		if (rc == ERR_NOT_FOUND) {
			rc = fe_add(fe, "staff_ids", "staff.not_found");
			goto out;
		}
		if (rc)
			goto out;
		json_decref(s);
	}
	/* The snapshot keeps who was in the team before. */
	rc = store_org_team_members(db, id, &members);
	if (rc)
		goto out;
	json_object_set_new(cur, "members", members);
	time_format_iso(time_now_ms(), now);
	rc = store_history_add(db, "team", id, expected, a->p->user_id, "update", cur);
	if (!rc)
		rc = store_org_team_set_members(db, id, staff_ids, n);
	if (!rc)
		rc = store_org_update(db, STORE_ORG_TEAM, id, expected, cur, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_PRECONDITION;
	if (!rc)
		rc = org_audit(db, a, "update", "team", id);
	if (!rc)
		rc = db_tx_commit(db);
	if (!rc)
		*new_version = expected + 1;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}

int org_contact_add(struct db *db, const struct org_actor *a,
		    int64_t institution_id, const json_t *in,
		    struct field_errors *fe, int64_t *id)
{
	json_t *rec = json_deep_copy(in), *inst = NULL;
	int rc;
	if (!rec)
		return ERR_NOMEM;
	normalise_fields(contact_fields, rec);
	rc = org_contact_check(rec, fe);
	if (rc)
		goto out;
	rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		goto out;
	rc = store_org_get(db, STORE_ORG_INSTITUTION, institution_id, &inst);
	if (!rc)
		rc = store_org_contact_insert(db, institution_id, rec, id);
	if (!rc)
		rc = org_audit(db, a, "create", "institution_contact", *id);
	if (!rc)
		rc = db_tx_commit(db);
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(rec);
	json_decref(inst);
	return rc;
}

int org_contact_delete(struct db *db, const struct org_actor *a,
		       int64_t institution_id, int64_t contact_id)
{
	json_t *cur = NULL;
	int64_t changes = 0;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	rc = store_org_contact_get(db, institution_id, contact_id, &cur);
	if (!rc)
		rc = store_history_add(db, "institution_contact", contact_id, 1, a->p->user_id,
				       "delete", cur);
	if (!rc)
		rc = store_org_contact_delete(db, institution_id, contact_id, &changes);
	if (!rc && changes != 1)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = org_audit(db, a, "delete", "institution_contact", contact_id);
	if (!rc)
		rc = db_tx_commit(db);
	if (db_in_tx(db))
		db_tx_rollback(db);
	json_decref(cur);
	return rc;
}

int org_department_find(struct db *db, const char *s, int64_t *id)
{
	if (!s || !*s)
		return ERR_NOT_FOUND;
	if (strspn(s, "0123456789") == strlen(s)) {
		int64_t one;
		*id = strtoll(s, NULL, 10);
		return store_int1(db, "SELECT 1 FROM departments WHERE id = $1", 1, *id, 0, &one);
	}
	return store_org_department_by_code(db, s, id);
}
