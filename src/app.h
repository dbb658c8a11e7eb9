/*
 * app.h - the one struct that holds the running program's state. main()
 * builds it and passes it down; there are no other globals. Each member is
 * owned by the app and freed by app_release().
 */
#ifndef PAGALBA_APP_H
#define PAGALBA_APP_H

#include <stddef.h>
#include <stdint.h>

struct db_pool;
struct audit_log;
struct person_index;
struct card_cache;
struct session_cache;
struct throttle;
struct worker_pool;
struct router;
struct assets;

struct app_config {
	const char *db_url;      /* PAGALBA_DB */
	const char *bind_addr;   /* PAGALBA_BIND, default 127.0.0.1 */
	int port;                /* PAGALBA_PORT, default 8080 */
	unsigned threads;        /* HTTP worker threads */
	const char *audit_key_path; /* PAGALBA_AUDIT_KEY */
	const char *web_dir;     /* PAGALBA_WEB_DIR: built web UI */
	const char *osrm_url;    /* PAGALBA_OSRM_URL: road times for the planner, or NULL */
	int64_t session_idle_ms;     /* default 30 min */
	int64_t session_absolute_ms; /* default 12 h */
	size_t max_body;         /* request body cap */
	int secure_cookies;      /* PAGALBA_SECURE_COOKIES=1 behind TLS */
	int hash_workers;        /* argon2id threads */
	int fast_hash;           /* PAGALBA_FAST_HASH=1: tests only */
	int trust_proxy;         /* PAGALBA_TRUST_PROXY=1: use X-Real-IP */
	size_t card_cache_mb;    /* PAGALBA_CARD_CACHE_MB, default 256; 0 = off */
};

struct app {
	struct app_config cfg;
	struct db_pool *db;
	struct audit_log *audit;
	struct person_index *persons;
	struct card_cache *cards; /* built person cards (NULL: off) */
	struct session_cache *sessions; /* sessions kept for a second */
	struct throttle *throttle;      /* failed logins per account */
	struct throttle *throttle_addr; /* failed logins per client address */
	struct worker_pool *workers;
	/* Visit planning: one search at a time (each takes seconds), on a
	 * thread of its own so logins never wait behind it. */
	struct worker_pool *planners;
	const struct router *router;
	struct assets *assets;
	/* An argon2id hash of a random password: unknown user names are
	 * verified against it so that they cost the same as real ones. */
	char dummy_hash[128];
};

/* Fills cfg with defaults, then the PAGALBA_* environment. */
void app_config_defaults(struct app_config *cfg);

#endif
