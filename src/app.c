#include "app.h"

#include <stdlib.h>
#include <string.h>

static int env_int(const char *name, int def)
{
	const char *s = getenv(name);
	if (!s || !*s)
		return def;
	char *end;
	long v = strtol(s, &end, 10);
	return *end ? def : (int)v;
}

void app_config_defaults(struct app_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->db_url = getenv("PAGALBA_DB") ? getenv("PAGALBA_DB") : "sqlite:pagalba.db";
	cfg->bind_addr = getenv("PAGALBA_BIND") ? getenv("PAGALBA_BIND") : "127.0.0.1";
	cfg->port = env_int("PAGALBA_PORT", 8080);
	cfg->threads = (unsigned)env_int("PAGALBA_THREADS", 4);
	cfg->audit_key_path = getenv("PAGALBA_AUDIT_KEY");
	cfg->osrm_url = getenv("PAGALBA_OSRM_URL") && *getenv("PAGALBA_OSRM_URL") ? getenv("PAGALBA_OSRM_URL") : NULL;
	cfg->web_dir = getenv("PAGALBA_WEB_DIR") ? getenv("PAGALBA_WEB_DIR") : PAGALBA_WEB_DIR_DEFAULT;
	cfg->session_idle_ms = (int64_t)env_int("PAGALBA_SESSION_IDLE_S", 1800) * 1000;
	cfg->session_absolute_ms = (int64_t)env_int("PAGALBA_SESSION_MAX_S", 12 * 3600) * 1000;
	cfg->max_body = (size_t)env_int("PAGALBA_MAX_BODY_KB", 1024) * 1024;
	cfg->secure_cookies = env_int("PAGALBA_SECURE_COOKIES", 0);
	cfg->hash_workers = env_int("PAGALBA_HASH_WORKERS", 2);
	cfg->fast_hash = env_int("PAGALBA_FAST_HASH", 0);
	cfg->trust_proxy = env_int("PAGALBA_TRUST_PROXY", 0);
	/* About 250,000 cards of ~1 KB: every person of a large centre. */
	int cards = env_int("PAGALBA_CARD_CACHE_MB", 256);
	cfg->card_cache_mb = cards > 0 ? (size_t)cards : 0;
	if (cfg->threads < 1)
		cfg->threads = 1;
	if (cfg->threads > 64)
		cfg->threads = 64;
	if (cfg->hash_workers < 1)
		cfg->hash_workers = 1;
}
