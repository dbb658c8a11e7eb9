/*
 * api_users.c - /api/v1/users: user accounts for administrators.
 *
 * Passwords are checked against the policy at once, then hashed deferred
 * on the worker pool (API_DEFER), never on an HTTP I/O thread; the
 * plaintext is copied out of the body into request memory and wiped after
 * hashing. No answer ever carries a password hash.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/err.h"
#include "domain/org.h"
#include "domain/session.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct user_pw_state {
	char password[PASSWORD_MAX_LEN + 1];
	int64_t user_id; /* reset: the user; create: 0 */
};

int api_user_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	char *next = NULL;
	int limit, disabled;
	int64_t dept;
	const char *cursor;
	const char *role = api_query(c, "role");
	int rc = api_page(c, &limit, &cursor);
	rc |= api_query_id(c, "department_id", &dept);
	rc |= api_query_flag(c, "disabled", &disabled);
	if (role && access_role_parse(role) == ROLE_NONE)
		rc |= api_field_error(c, "role", "enum");
	if (rc)
		return ERR_INVALID;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = org_user_list(db, role, dept, disabled, cursor, limit, &rows, &next);
	if (rc)
		return rc == ERR_INVALID ? api_fail(c, rc, "cursor") : rc;
	json_t *o = json_pack("{s:o,s:s?}", "items", rows, "next_cursor", next);
	free(next);
	return api_ok(c, 200, o);
}

/* Copies and checks the "password" field into s. */
static int read_password(struct api_ctx *c, struct user_pw_state *s)
{
	const char *pw = NULL, *why = NULL;
	int rc = api_str(c, "password", 1, PASSWORD_MAX_LEN, &pw);
	if (rc)
		return rc;
	if (password_check_policy(pw, &why))
		return api_field_error(c, "password", why);
	snprintf(s->password, sizeof(s->password), "%s", pw);
	return 0;
}

/* Hashes s->password into hash and wipes the plaintext. */
static int hash_password(struct api_ctx *c, struct user_pw_state *s, char *hash,
			 size_t cap)
{
	int rc = password_hash(s->password, c->app->cfg.fast_hash, hash, cap);
	sodium_memzero(s->password, sizeof(s->password));
	return rc;
}

static int user_create_finish(struct api_ctx *c)
{
	struct user_pw_state *s = c->deferred_arg;
	struct field_errors fe = {0};
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	char hash[crypto_pwhash_STRBYTES];
	int64_t id = 0;
	int rc = hash_password(c, s, hash, sizeof(hash));
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, ORG_USER, "create", 0, &who, &a);
	rc = org_user_create(db, &a, c->body, hash, &fe, &id);
	sodium_memzero(hash, sizeof(hash));
	if (rc)
		return api_org_error(c, ORG_USER, rc, &fe, NULL);
	return api_org_respond(c, ORG_USER, id, 201);
}

int api_user_create(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct user_pw_state *s = arena_alloc(c->arena, sizeof(*s));
	if (!s)
		return ERR_NOMEM;
	memset(s, 0, sizeof(*s));
	int rc = api_only_fields(c, org_fields(ORG_USER, 1));
	rc |= read_password(c, s);
	/* The record's own rules are checked now, before the costly hash,
	 * and reported together with the password's. */
	json_t *copy = json_deep_copy(c->body);
	if (!copy)
		return ERR_NOMEM;
	json_object_del(copy, "password");
	org_normalise(ORG_USER, copy, 1);
	org_check(ORG_USER, copy, 1, &fe);
	json_decref(copy);
	if (rc || fe.n) {
		sodium_memzero(s->password, sizeof(s->password));
		return api_field_errors(c, &fe, ERR_INVALID);
	}
	/* The body goes on to the domain without the plaintext. */
	json_object_del(c->body, "password");
	api_release_db(c);
	c->deferred = user_create_finish;
	c->deferred_arg = s;
	return API_DEFER;
}

int api_user_get(struct api_ctx *c)
{
	return api_org_respond(c, ORG_USER, c->params[0], 200);
}

int api_user_update(struct api_ctx *c)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	const char *conflict = NULL;
	int64_t expected, version;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	rc = api_only_fields(c, org_fields(ORG_USER, 0));
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, ORG_USER, "update", c->params[0], &who, &a);
	rc = org_update(db, &a, ORG_USER, c->params[0], expected, c->body, &fe, &conflict,
			&version);
	if (rc)
		return api_org_error(c, ORG_USER, rc, &fe, conflict);
	return api_org_respond(c, ORG_USER, c->params[0], 200);
}

static int user_password_finish(struct api_ctx *c)
{
	struct user_pw_state *s = c->deferred_arg;
	struct audit_entry who;
	struct org_actor a;
	struct db *db;
	char hash[crypto_pwhash_STRBYTES];
	int rc = hash_password(c, s, hash, sizeof(hash));
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	api_org_actor(c, ORG_USER, "password_reset", s->user_id, &who, &a);
	rc = org_user_password_set(db, &a, s->user_id, hash);
	sodium_memzero(hash, sizeof(hash));
	if (rc)
		return api_org_error(c, ORG_USER, rc, NULL, NULL);
	return api_org_respond(c, ORG_USER, s->user_id, 200);
}

int api_user_password_reset(struct api_ctx *c)
{
	static const char *const fields[] = {"password", NULL};
	struct user_pw_state *s = arena_alloc(c->arena, sizeof(*s));
	if (!s)
		return ERR_NOMEM;
	memset(s, 0, sizeof(*s));
	int rc = api_only_fields(c, fields);
	rc |= read_password(c, s);
	if (rc) {
		sodium_memzero(s->password, sizeof(s->password));
		return ERR_INVALID;
	}
	s->user_id = c->params[0];
	/* An unknown user is answered before the costly hash. */
	struct db *db;
	json_t *doc;
	rc = api_db(c, &db);
	if (!rc)
		rc = org_get(db, ORG_USER, s->user_id, &doc);
	if (rc) {
		sodium_memzero(s->password, sizeof(s->password));
		return api_org_error(c, ORG_USER, rc, NULL, NULL);
	}
	json_decref(doc);
	api_release_db(c);
	c->deferred = user_password_finish;
	c->deferred_arg = s;
	return API_DEFER;
}
