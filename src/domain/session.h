/*
 * session.h - users' passwords and login sessions.
 *
 * Passwords are argon2id hashes (libsodium, interactive limits; a test-only
 * fast setting exists). Hashing costs ~80 ms and 64 MiB, so callers run it
 * on the worker pool, never on an I/O thread. Session tokens are 32 random
 * bytes; only their BLAKE2b hash is stored, so a stolen database does not
 * yield live sessions.
 */
#ifndef PAGALBA_DOMAIN_SESSION_H
#define PAGALBA_DOMAIN_SESSION_H

#include "domain/access.h"
#include "domain/audit.h"

#include <stddef.h>
#include <stdint.h>

struct db;

#define SESSION_TOKEN_LEN 44 /* base64url of 32 bytes, with NUL */
#define PASSWORD_MIN_LEN 10
#define PASSWORD_MAX_LEN 256

/* Hashes a password into out (crypto_pwhash_STRBYTES). fast=1 uses the
 * minimum cost (tests only). */
int password_hash(const char *password, int fast, char *out, size_t cap);
/* 0 if the password matches the stored hash, ERR_UNAUTHORIZED if not. */
int password_verify(const char *stored, const char *password);
/* ERR_INVALID with a message key in *why for a weak password. */
int password_check_policy(const char *password, const char **why);

struct session_new {
	char token[SESSION_TOKEN_LEN];
	char csrf[48];
	int64_t session_id;
};

/* Looks up a user by name for login: id, hash, disabled. */
int user_find_for_login(struct db *db, const char *username, int64_t *user_id,
			char *hash, size_t hash_cap, int *disabled);

/* Creates a session for user_id. */
int session_create(struct db *db, int64_t user_id, int64_t now_ms,
		   int64_t absolute_ms, struct session_new *out);
/*
 * Resolves a token to a principal. ERR_UNAUTHORIZED when unknown, revoked,
 * idle longer than idle_ms, past its absolute expiry, or the user is
 * disabled. Touches last_seen at most once a minute.
 */
int session_lookup(struct db *db, const char *token, int64_t now_ms,
		   int64_t idle_ms, struct principal *out);
int session_revoke(struct db *db, int64_t session_id);

/*
 * Sessions kept for a moment (ttl_ms, the server uses one second), so that
 * a busy client's requests do not each look theirs up: a kept session is
 * used while it is younger than ttl_ms, not expired, and its last_seen
 * needs no touch; otherwise session_lookup runs and the result is kept.
 * session_cache_forget_all drops every kept session at once: the API
 * calls it after each change that ends sessions or changes a user
 * (logout, password, role, disabling), so those take effect at once in
 * this server; a change made by another process (`pagalba user disable`)
 * takes effect within ttl_ms. ttl_ms <= 0: no cache (*out NULL; a NULL
 * cache always looks up). Thread-safe.
 */
#define SESSION_CACHE_TTL_MS 1000
struct session_cache;
int session_cache_new(int64_t ttl_ms, struct session_cache **out);
void session_cache_free(struct session_cache *c);
void session_cache_forget_all(struct session_cache *c);
int session_lookup_cached(struct session_cache *c, struct db *db,
			  const char *token, int64_t now_ms, int64_t idle_ms,
			  struct principal *out);
/* Stores a new password hash for user_id and ends every other session of
 * the user but keep_session (0 = end all). Call inside a write
 * transaction. ERR_NOT_FOUND for an unknown user. */
int user_password_set(struct db *db, int64_t user_id, const char *hash,
		      int64_t keep_session);

/* Revokes every session of a user (password change, disable). */
int session_revoke_user(struct db *db, int64_t user_id, int64_t except_id);

/*
 * The audited account events, each one write transaction holding the
 * change and its audit entry. `who` carries user, address and reason; the
 * action, entity and id are set here.
 */
/* A new session for user_id, audited as "login". */
int session_login(struct db *db, const unsigned char *audit_key,
		  const struct audit_entry *who, int64_t user_id, int64_t now_ms,
		  int64_t absolute_ms, struct session_new *out);
/* Ends session_id, audited as "logout". */
int session_logout(struct db *db, const unsigned char *audit_key,
		   const struct audit_entry *who, int64_t user_id,
		   int64_t session_id);
/* Records a failed login (user_id 0 for an unknown name). */
int session_login_failed(struct db *db, const unsigned char *audit_key,
			 const struct audit_entry *who, int64_t user_id);
/* Sets a new password hash, ends the user's other sessions, audited as
 * "password_change". */
int user_password_change(struct db *db, const unsigned char *audit_key,
			 const struct audit_entry *who, int64_t user_id,
			 const char *hash, int64_t keep_session);

#endif
