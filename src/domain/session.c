#include "domain/session.h"
#include "core/err.h"
#include "core/date.h"
#include "db/db.h"
#include "db/store_org.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

int password_hash(const char *password, int fast, char *out, size_t cap)
{
	if (cap < crypto_pwhash_STRBYTES)
		return ERR_TOO_LARGE;
	unsigned long long ops = fast ? crypto_pwhash_OPSLIMIT_MIN
				      : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN
			  : crypto_pwhash_MEMLIMIT_INTERACTIVE;
	if (crypto_pwhash_str_alg(out, password, strlen(password), ops, mem,
				  crypto_pwhash_ALG_ARGON2ID13))
		return ERR_NOMEM;
	return 0;
}

int password_verify(const char *stored, const char *password)
{
	return crypto_pwhash_str_verify(stored, password, strlen(password)) == 0
		       ? 0
		       : ERR_UNAUTHORIZED;
}

int password_check_policy(const char *password, const char **why)
{
	size_t n = strlen(password);
	int classes = 0, lower = 0, upper = 0, digit = 0, other = 0;
	if (n < PASSWORD_MIN_LEN) {
		*why = "password.too_short";
		return ERR_INVALID;
	}
	if (n > PASSWORD_MAX_LEN) {
		*why = "password.too_long";
		return ERR_INVALID;
	}
	for (const unsigned char *p = (const unsigned char *)password; *p; p++) {
		if (*p >= 'a' && *p <= 'z')
			lower = 1;
		else if (*p >= 'A' && *p <= 'Z')
			upper = 1;
		else if (*p >= '0' && *p <= '9')
			digit = 1;
		else
			other = 1;
	}
	classes = lower + upper + digit + other;
	if (classes < 2) {
		*why = "password.too_simple";
		return ERR_INVALID;
	}
	return 0;
}

int user_find_for_login(struct db *db, const char *username, int64_t *user_id,
			char *hash, size_t hash_cap, int *disabled)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "SELECT id, password_hash, disabled FROM users WHERE username = $1", &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, username);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*user_id = db_col_int(st, 0);
		snprintf(hash, hash_cap, "%s", db_col_text(st, 1));
		*disabled = (int)db_col_int(st, 2);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOT_FOUND;
	}
	db_stmt_done(st);
	return rc;
}

static void session_token_hash(const char *token, char *out_hex, size_t cap)
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
			   strlen(token), NULL, 0);
	sodium_bin2hex(out_hex, cap, h, sizeof(h));
}

int session_create(struct db *db, int64_t user_id, int64_t now_ms,
		   int64_t absolute_ms, struct session_new *out)
{
	unsigned char raw[32];
	char hash[65];
	struct db_stmt *st;
	int rc;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out->token, sizeof(out->token), raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	randombytes_buf(raw, 24);
	sodium_bin2base64(out->csrf, sizeof(out->csrf), raw, 24,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	session_token_hash(out->token, hash, sizeof(hash));

	rc = db_prepare(db, "INSERT INTO sessions (token_hash, csrf_token, user_id, created_ms, last_seen_ms, expires_ms) VALUES ($1, $2, $3, $4, $4, $5) RETURNING id", &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, out->csrf);
	db_bind_int(st, 3, user_id);
	db_bind_int(st, 4, now_ms);
	db_bind_int(st, 5, now_ms + absolute_ms);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->session_id = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_DB;
	}
	db_stmt_done(st);
	return rc;
}

/* A tenth of the idle time, at most a minute: how stale last_seen may get
 * (precise enough for idle expiry; keeps most reads from being writes). */
static int64_t touch_after_ms(int64_t idle_ms)
{
	return idle_ms < 600000 ? idle_ms / 10 : 60000;
}

static int lookup_hashed(struct db *db, const char *hash, int64_t now_ms,
			 int64_t idle_ms, struct principal *out,
			 int64_t *last_seen_out, int64_t *expires_out)
{
	struct db_stmt *st;
	int64_t last_seen = 0;
	int rc = db_prepare(db,
			"SELECT s.id, s.csrf_token, s.last_seen_ms, u.id, u.username, u.display_name, u.role,"
			" COALESCE(u.department_id, 0), COALESCE(u.institution_id, 0), s.expires_ms"
			" FROM sessions s JOIN users u ON u.id = s.user_id"
			" WHERE s.token_hash = $1 AND s.revoked = 0 AND u.disabled = 0"
			" AND s.expires_ms > $2 AND s.last_seen_ms > $3",
			&st);
	if (rc)
		return rc;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, now_ms);
	db_bind_int(st, 3, now_ms - idle_ms);
	rc = db_step(st);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof(*out));
		out->session_id = db_col_int(st, 0);
		snprintf(out->csrf, sizeof(out->csrf), "%s", db_col_text(st, 1));
		last_seen = db_col_int(st, 2);
		out->user_id = db_col_int(st, 3);
		snprintf(out->username, sizeof(out->username), "%s", db_col_text(st, 4));
		snprintf(out->display_name, sizeof(out->display_name), "%s", db_col_text(st, 5));
		out->role = access_role_parse(db_col_text(st, 6));
		out->department_id = db_col_int(st, 7);
		out->institution_id = db_col_int(st, 8);
		*expires_out = db_col_int(st, 9);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_UNAUTHORIZED;
	}
	db_stmt_done(st);
	if (rc)
		return rc;
	if (now_ms - last_seen > touch_after_ms(idle_ms)) {
		if (!db_prepare(db, "UPDATE sessions SET last_seen_ms = $1 WHERE id = $2", &st)) {
			db_bind_int(st, 1, now_ms);
			db_bind_int(st, 2, out->session_id);
			db_step(st);
			db_stmt_done(st);
		}
		last_seen = now_ms;
	}
	*last_seen_out = last_seen;
	return 0;
}

int session_lookup(struct db *db, const char *token, int64_t now_ms,
		   int64_t idle_ms, struct principal *out)
{
	return session_lookup_cached(NULL, db, token, now_ms, idle_ms, out);
}

/* ---- sessions kept for a moment ---- */

#define SC_SLOTS 1024 /* a power of two; direct-mapped by the token's hash */
#define SC_LOCKS 64

struct sc_slot {
	char hash[65]; /* "" = empty */
	uint64_t gen;
	int64_t fetched_ms, last_seen_ms, expires_ms;
	struct principal p;
};

struct session_cache {
	int64_t ttl_ms;
	_Atomic uint64_t gen;
	pthread_mutex_t locks[SC_LOCKS];
	struct sc_slot slots[SC_SLOTS];
};

int session_cache_new(int64_t ttl_ms, struct session_cache **out)
{
	*out = NULL;
	if (ttl_ms <= 0)
		return 0;
	struct session_cache *c = calloc(1, sizeof(*c));
	if (!c)
		return ERR_NOMEM;
	c->ttl_ms = ttl_ms;
	atomic_init(&c->gen, 1);
	for (int i = 0; i < SC_LOCKS; i++)
		pthread_mutex_init(&c->locks[i], NULL);
	*out = c;
	return 0;
}

void session_cache_free(struct session_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < SC_LOCKS; i++)
		pthread_mutex_destroy(&c->locks[i]);
	sodium_memzero(c, sizeof(*c));
	free(c);
}

void session_cache_forget_all(struct session_cache *c)
{
	if (c)
		atomic_fetch_add(&c->gen, 1);
}

int session_lookup_cached(struct session_cache *c, struct db *db,
			  const char *token, int64_t now_ms, int64_t idle_ms,
			  struct principal *out)
{
	char hash[65];
	int64_t last_seen, expires;
	if (!token || strlen(token) != SESSION_TOKEN_LEN - 1)
		return ERR_UNAUTHORIZED;
	session_token_hash(token, hash, sizeof(hash));
	if (!c)
		return lookup_hashed(db, hash, now_ms, idle_ms, out, &last_seen, &expires);
	unsigned idx = 0;
	for (int i = 0; i < 3; i++) /* the hash is lower-case hex */
		idx = idx << 4 | (unsigned)(hash[i] <= '9' ? hash[i] - '0' : hash[i] - 'a' + 10);
	idx &= SC_SLOTS - 1;
	struct sc_slot *s = &c->slots[idx];
	pthread_mutex_t *mu = &c->locks[idx % SC_LOCKS];
	uint64_t gen = atomic_load(&c->gen);
	int hit = 0;
	pthread_mutex_lock(mu);
	if (s->gen == gen && now_ms - s->fetched_ms < c->ttl_ms &&
	    now_ms >= s->fetched_ms && s->expires_ms > now_ms &&
	    now_ms - s->last_seen_ms <= touch_after_ms(idle_ms) &&
	    sodium_memcmp(s->hash, hash, 64) == 0) {
		*out = s->p;
		hit = 1;
	}
	pthread_mutex_unlock(mu);
	if (hit)
		return 0;
	int rc = lookup_hashed(db, hash, now_ms, idle_ms, out, &last_seen, &expires);
	if (rc)
		return rc;
	pthread_mutex_lock(mu);
	memcpy(s->hash, hash, sizeof(s->hash));
	s->gen = gen; /* as read before the query: a change since is not missed */
	s->fetched_ms = now_ms;
	s->last_seen_ms = last_seen;
	s->expires_ms = expires;
	s->p = *out;
	pthread_mutex_unlock(mu);
	return 0;
}

int session_revoke(struct db *db, int64_t session_id)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "UPDATE sessions SET revoked = 1 WHERE id = $1", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, session_id);
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int session_revoke_user(struct db *db, int64_t user_id, int64_t except_id)
{
	struct db_stmt *st;
	int rc = db_prepare(db, "UPDATE sessions SET revoked = 1 WHERE user_id = $1 AND id <> $2", &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, except_id);
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int user_password_set(struct db *db, int64_t user_id, const char *hash,
		      int64_t keep_session)
{
	char now[TIMESTAMP_ISO_LEN];
	int64_t changes = 0;
	time_format_iso(time_now_ms(), now);
	int rc = store_org_user_set_password(db, user_id, hash, now, &changes);
	if (!rc && changes != 1)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = session_revoke_user(db, user_id, keep_session);
	return rc;
}

/* Runs the account event's change (change may be NULL: audit only) and
 * its audit entry in one write transaction. */
static int session_event(struct db *db, const unsigned char *audit_key,
			 const struct audit_entry *who, const char *action,
			 int64_t user_id, int (*change)(struct db *, void *),
			 void *arg)
{
	struct audit_entry e = *who;
	e.action = action;
	e.entity = "user";
	e.entity_id = user_id;
	int rc = db_tx_begin(db, DB_TX_WRITE);
	if (rc)
		return rc;
	if (change)
		rc = change(db, arg);
	if (!rc)
		rc = audit_append_tx(db, audit_key, &e, 1);
	if (rc) {
		db_tx_rollback(db);
		return rc;
	}
	return db_tx_commit(db);
}

struct login_args {
	int64_t user_id, now_ms, absolute_ms;
	struct session_new *out;
};

static int login_change(struct db *db, void *arg)
{
	struct login_args *a = arg;
	return session_create(db, a->user_id, a->now_ms, a->absolute_ms, a->out);
}

int session_login(struct db *db, const unsigned char *audit_key,
		  const struct audit_entry *who, int64_t user_id, int64_t now_ms,
		  int64_t absolute_ms, struct session_new *out)
{
	struct login_args a = {user_id, now_ms, absolute_ms, out};
	return session_event(db, audit_key, who, "login", user_id, login_change, &a);
}

static int logout_change(struct db *db, void *arg)
{
	return session_revoke(db, *(const int64_t *)arg);
}

int session_logout(struct db *db, const unsigned char *audit_key,
		   const struct audit_entry *who, int64_t user_id,
		   int64_t session_id)
{
	return session_event(db, audit_key, who, "logout", user_id, logout_change, &session_id);
}

int session_login_failed(struct db *db, const unsigned char *audit_key,
			 const struct audit_entry *who, int64_t user_id)
{
	return session_event(db, audit_key, who, "login_failed", user_id, NULL, NULL);
}

struct password_args {
	int64_t user_id, keep_session;
	const char *hash;
};

static int password_change(struct db *db, void *arg)
{
	struct password_args *a = arg;
	return user_password_set(db, a->user_id, a->hash, a->keep_session);
}

int user_password_change(struct db *db, const unsigned char *audit_key,
			 const struct audit_entry *who, int64_t user_id,
			 const char *hash, int64_t keep_session)
{
	struct password_args a = {user_id, keep_session, hash};
	return session_event(db, audit_key, who, "password_change", user_id, password_change, &a);
}
