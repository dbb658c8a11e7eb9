/*
 * api_auth.c - login, logout, the current session, password change.
 *
 * Password hashing runs deferred on the worker pool (API_DEFER), never on
 * an HTTP I/O thread. Failed logins are throttled per account and per
 * address, and an unknown user name costs the same hashing work as a
 * known one, so timing does not tell which names exist.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/date.h"
#include "core/err.h"
#include "core/text.h"
#include "domain/session.h"
#include "domain/throttle.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

struct login_state {
	char username[64];
	char password[PASSWORD_MAX_LEN + 1];
	char new_password[PASSWORD_MAX_LEN + 1];
	char hash[crypto_pwhash_STRBYTES];
	int64_t user_id; /* 0: unknown user, verify against a dummy hash */
	int disabled;
};

/* The audit entry of an account event: the named user, from here. */
static void auth_who(struct api_ctx *c, struct audit_entry *e, int64_t user_id,
		     const char *username)
{
	api_audit_fill(c, e, "", "user", user_id, NULL);
	e->user_id = user_id;
	utf8_copy(e->username, sizeof(e->username), username);
}

static void throttle_keys(struct api_ctx *c, const char *username, char *ku,
			  size_t nu, char *ki, size_t ni)
{
	snprintf(ku, nu, "u:%s", username);
	snprintf(ki, ni, "a:%s", c->client_ip ? c->client_ip : "");
}

static int login_finish(struct api_ctx *c)
{
	struct login_state *s = c->deferred_arg;
	char ku[96], ki[96];
	struct db *db;
	int rc;

	throttle_keys(c, s->username, ku, sizeof(ku), ki, sizeof(ki));
	int ok = password_verify(s->hash, s->password) == 0 && s->user_id && !s->disabled;
	sodium_memzero(s->password, sizeof(s->password));
	if (!ok) {
		int64_t now = time_now_ms();
		throttle_fail(c->app->throttle, ku, now);
		throttle_fail(c->app->throttle_addr, ki, now);
		struct audit_entry e;
		auth_who(c, &e, s->user_id, s->username);
		if (api_db(c, &db) == 0)
			session_login_failed(db, audit_log_key(c->app->audit), &e, s->user_id);
		return api_fail(c, ERR_UNAUTHORIZED, "login.failed");
	}
	throttle_clear(c->app->throttle, ku);
	rc = api_db(c, &db);
	if (rc)
		return rc;
	struct session_new sn;
	struct audit_entry e;
	auth_who(c, &e, s->user_id, s->username);
	rc = session_login(db, audit_log_key(c->app->audit), &e, s->user_id, time_now_ms(),
			   c->app->cfg.session_absolute_ms, &sn);
	if (rc)
		return rc;
	c->set_cookie[c->n_set_cookie++] = arena_printf(
		c->arena, "pagalba_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
		sn.token, (long long)(c->app->cfg.session_absolute_ms / 1000),
		c->app->cfg.secure_cookies ? "; Secure" : "");
	rc = session_lookup(db, sn.token, time_now_ms(), c->app->cfg.session_idle_ms, &c->who);
	sodium_memzero(sn.token, sizeof(sn.token));
	if (rc)
		return rc;
	c->authenticated = 1;
	return api_session_get(c);
}

int api_login(struct api_ctx *c)
{
	static const char *const fields[] = {"username", "password", NULL};
	const char *user = NULL, *pass = NULL;
	char ku[96], ki[96];
	int64_t retry = 0;
	struct db *db;
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "username", 1, 63, &user);
	rc |= api_str(c, "password", 1, PASSWORD_MAX_LEN, &pass);
	if (rc)
		return ERR_INVALID;
	throttle_keys(c, user, ku, sizeof(ku), ki, sizeof(ki));
	int64_t now = time_now_ms();
	if (throttle_check(c->app->throttle, ku, now, &retry) ||
	    throttle_check(c->app->throttle_addr, ki, now, &retry)) {
		c->retry_after = (int)(retry / 1000) + 1;
		return api_fail(c, ERR_RATE_LIMITED, "rate_limited");
	}
	struct login_state *s = arena_alloc(c->arena, sizeof(*s));
	if (!s)
		return ERR_NOMEM;
	snprintf(s->username, sizeof(s->username), "%s", user);
	snprintf(s->password, sizeof(s->password), "%s", pass);
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = user_find_for_login(db, user, &s->user_id, s->hash, sizeof(s->hash), &s->disabled);
	if (rc == ERR_NOT_FOUND) {
		/* Same work as for a real user: verify against a hash of a
		 * random password made at start-up. */
		s->user_id = 0;
		snprintf(s->hash, sizeof(s->hash), "%s", c->app->dummy_hash);
		rc = 0;
	}
	if (rc)
		return rc;
	api_release_db(c);
	c->deferred = login_finish;
	c->deferred_arg = s;
	return API_DEFER;
}

int api_logout(struct api_ctx *c)
{
	struct db *db;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	struct audit_entry e;
	auth_who(c, &e, c->who.user_id, c->who.username);
	rc = session_logout(db, audit_log_key(c->app->audit), &e, c->who.user_id,
			    c->who.session_id);
	if (rc)
		return rc;
	c->set_cookie[c->n_set_cookie++] =
		"pagalba_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
	return api_ok(c, 200, json_pack("{s:b}", "ok", 1));
}

int api_session_get(struct api_ctx *c)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:s,s:I}",
			      "user_id", (json_int_t)c->who.user_id,
			      "username", c->who.username,
			      "display_name", c->who.display_name,
			      "role", access_role_name(c->who.role),
			      "department_id", c->who.department_id ? json_integer(c->who.department_id) : json_null(),
			      "institution_id", c->who.institution_id ? json_integer(c->who.institution_id) : json_null(),
			      "csrf_token", c->who.csrf,
			      "idle_timeout_s", (json_int_t)(c->app->cfg.session_idle_ms / 1000));
	json_t *perms = json_array();
	for (int p = PERM_PUBLIC + 1; p < PERM__COUNT; p++)
		if (access_role_allows(c->who.role, (enum perm)p))
			json_array_append_new(perms, json_string(access_perm_name((enum perm)p)));
	json_object_set_new(o, "permissions", perms);
	return api_ok(c, 200, o);
}

static int password_finish(struct api_ctx *c)
{
	struct login_state *s = c->deferred_arg;
	struct db *db;
	char newhash[crypto_pwhash_STRBYTES];
	int rc;
	if (password_verify(s->hash, s->password)) {
		sodium_memzero(s, sizeof(*s));
		return api_field_error(c, "current_password", "password.wrong");
	}
	rc = password_hash(s->new_password, c->app->cfg.fast_hash, newhash, sizeof(newhash));
	sodium_memzero(s, sizeof(*s));
	if (rc)
		return rc;
	rc = api_db(c, &db);
	if (rc)
		return rc;
	struct audit_entry e;
	auth_who(c, &e, c->who.user_id, c->who.username);
	rc = user_password_change(db, audit_log_key(c->app->audit), &e, c->who.user_id,
				  newhash, c->who.session_id);
	if (rc)
		return rc;
	return api_ok(c, 200, json_pack("{s:b}", "ok", 1));
}

int api_password_change(struct api_ctx *c)
{
	static const char *const fields[] = {"current_password", "new_password", NULL};
	const char *cur = NULL, *neu = NULL, *why = NULL;
	int64_t uid;
	int disabled;
	struct db *db;
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "current_password", 1, PASSWORD_MAX_LEN, &cur);
	rc |= api_str(c, "new_password", 1, PASSWORD_MAX_LEN, &neu);
	if (rc)
		return ERR_INVALID;
	if (password_check_policy(neu, &why))
		return api_field_error(c, "new_password", why);
	struct login_state *s = arena_alloc(c->arena, sizeof(*s));
	if (!s)
		return ERR_NOMEM;
	snprintf(s->password, sizeof(s->password), "%s", cur);
	snprintf(s->new_password, sizeof(s->new_password), "%s", neu);
	rc = api_db(c, &db);
	if (rc)
		return rc;
	rc = user_find_for_login(db, c->who.username, &uid, s->hash, sizeof(s->hash), &disabled);
	if (rc)
		return rc;
	api_release_db(c);
	c->deferred = password_finish;
	c->deferred_arg = s;
	return API_DEFER;
}
