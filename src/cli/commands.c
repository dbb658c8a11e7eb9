/*
 * commands.c - serve, init, user, backup, audit.
 */
#include "api/api.h"
#include "app.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/person.h"
#include "domain/person_card.h"
#include "domain/person_index.h"
#include "domain/session.h"
#include "domain/throttle.h"
#include "http/assets.h"
#include "http/router.h"
#include "http/server.h"
#include "http/worker.h"

#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

int cli_open_db(struct app_config *cfg, unsigned pool_size, struct db_pool **out)
{
	struct db *db;
	int applied = 0;
	int rc = db_pool_open(cfg->db_url, pool_size, out);
	if (rc) {
		fprintf(stderr, "pagalba: cannot open the database (%s); check PAGALBA_DB\n", err_name(rc));
		return rc;
	}
	rc = db_pool_acquire(*out, &db);
	if (!rc) {
		rc = db_migrate(db, &applied);
		if (rc)
			fprintf(stderr, "pagalba: migration failed: %s\n", db_errmsg(db));
		db_pool_release(*out, db);
	}
	if (rc) {
		db_pool_free(*out);
		*out = NULL;
		return rc;
	}
	if (applied)
		log_info("database: applied %d migration(s)", applied);
	return 0;
}

/* The SQLite file of the configured database, or NULL for PostgreSQL. */
static const char *cli_sqlite_file(const struct app_config *cfg)
{
	if (!strncmp(cfg->db_url, "postgres", 8))
		return NULL;
	return !strncmp(cfg->db_url, "sqlite:", 7) ? cfg->db_url + 7 : cfg->db_url;
}

/* The audit key file: PAGALBA_AUDIT_KEY, or next to a SQLite file, or
 * pagalba.auditkey for PostgreSQL. */
static void cli_audit_key_path(const struct app_config *cfg, char *out, size_t cap)
{
	const char *file = cli_sqlite_file(cfg);
	if (cfg->audit_key_path)
		snprintf(out, cap, "%s", cfg->audit_key_path);
	else if (file)
		snprintf(out, cap, "%s.auditkey", file);
	else
		snprintf(out, cap, "pagalba.auditkey");
}

int cli_audit_key(struct app_config *cfg, int create, unsigned char *key)
{
	char path[1024];
	cli_audit_key_path(cfg, path, sizeof(path));
	int rc = audit_key_load(path, create, key);
	if (rc)
		fprintf(stderr, "pagalba: cannot %s the audit key file %s (%s)\n",
			create ? "read or create" : "read", path, err_name(rc));
	return rc;
}

/* Where the read records' spool lives (domain/audit_spool.h): next to a
 * SQLite file, or next to the audit key for PostgreSQL. */
static void cli_spool_path(const struct app_config *cfg, char *out, size_t cap)
{
	const char *file = cli_sqlite_file(cfg);
	char key[1024];
	if (file) {
		snprintf(out, cap, "%s.reads-spool", file);
	} else {
		cli_audit_key_path(cfg, key, sizeof(key));
		snprintf(out, cap, "%s.spool", key);
	}
}

int cli_serve(struct app_config *cfg, int argc, char **argv)
{
	const char *port_file = NULL;
	struct app app;
	struct router router;
	struct http_server *srv = NULL;
	unsigned char key[AUDIT_KEY_BYTES];
	char spool[1100];
	sigset_t sigs;
	int rc, sig;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			puts("Usage: pagalba serve [--port N] [--bind ADDR] [--port-file PATH]\n"
			     "Serves the API under /api/v1 and the web UI. Applies pending\n"
			     "migrations first. Stops cleanly on SIGINT or SIGTERM.");
			return 0;
		} else if (!strcmp(argv[i], "--port") && i + 1 < argc) {
			cfg->port = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--bind") && i + 1 < argc) {
			cfg->bind_addr = argv[++i];
		} else if (!strcmp(argv[i], "--port-file") && i + 1 < argc) {
			port_file = argv[++i];
		} else {
			fprintf(stderr, "pagalba serve: unknown option %s\n", argv[i]);
			return 2;
		}
	}

	/* Signals are taken by sigwait below; block them before any thread
	 * starts so every thread inherits the mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	memset(&app, 0, sizeof(app));
	app.cfg = *cfg;
	rc = cli_open_db(&app.cfg, app.cfg.threads + (unsigned)app.cfg.hash_workers + 4, &app.db);
	if (rc)
		return 1;
	rc = cli_audit_key(&app.cfg, 1, key);
	if (rc)
		goto out;
	cli_spool_path(&app.cfg, spool, sizeof(spool));
	rc = password_hash("unknown-user-dummy", app.cfg.fast_hash, app.dummy_hash, sizeof(app.dummy_hash));
	if (rc)
		goto out;
	app.persons = person_index_new();
	rc = card_cache_new(app.cfg.card_cache_mb << 20, &app.cards);
	if (!rc)
		rc = session_cache_new(SESSION_CACHE_TTL_MS, &app.sessions);
	if (rc)
		goto out;
	/* Five wrong passwords lock an account for 15 minutes; an address
	 * (an office behind one NAT) gets more room before it is slowed. */
	app.throttle = throttle_new(5, 15 * 60 * 1000);
	app.throttle_addr = throttle_new(50, 15 * 60 * 1000);
	if (!app.persons || !app.throttle || !app.throttle_addr) {
		rc = ERR_NOMEM;
		goto out;
	}
	{
		struct db *db;
		size_t n = 0;
		int64_t t0 = time_mono_ns();
		rc = db_pool_acquire(app.db, &db);
		if (!rc) {
			rc = person_index_load(db, app.persons, &n);
			db_pool_release(app.db, db);
		}
		if (rc)
			goto out;
		log_info("search index: %zu persons in %.1f s, ~%zu MiB", n,
			 (double)(time_mono_ns() - t0) / 1e9,
			 person_index_memory(app.persons) >> 20);
	}
	rc = worker_pool_new((unsigned)app.cfg.hash_workers, 64, &app.workers);
	if (!rc)
		rc = worker_pool_new(1, 2, &app.planners);
	if (!rc)
		rc = assets_load(app.cfg.web_dir, &app.assets);
	if (!rc)
		rc = router_init(&router, api_routes, api_routes_count);
	if (!rc)
		rc = audit_log_new(app.db, key, spool, &app.audit);
	sodium_memzero(key, sizeof(key));
	if (rc)
		goto out;
	app.router = &router;
	rc = http_server_start(&app, &srv);
	if (rc) {
		fprintf(stderr, "pagalba: cannot listen on %s:%d\n", app.cfg.bind_addr, app.cfg.port);
		goto out;
	}
	if (port_file) {
		FILE *f = fopen(port_file, "w");
		if (f) {
			fprintf(f, "%d\n", http_server_port(srv));
			fclose(f);
		}
	}
	printf("Pagalba is serving on http://%s:%d/\n", app.cfg.bind_addr, http_server_port(srv));
	fflush(stdout);
	sigwait(&sigs, &sig);
	log_info("signal %d: stopping", sig);
out:
	/* Finish in-flight work first: deferred jobs resume the requests
	 * that wait on them, so that no suspended request outlives the HTTP
	 * server. Then the server stops, and only then the audit writer,
	 * which writes every read record queued until the last answer. */
	worker_pool_stop(app.workers);
	worker_pool_stop(app.planners);
	http_server_stop(srv);
	audit_log_stop(app.audit);
	if (app.cards) {
		struct card_cache_stats cs;
		card_cache_stats(app.cards, &cs);
		log_info("card cache: %llu hits, %llu misses, %llu evicted, %zu cards in %zu of %zu MiB",
			 (unsigned long long)cs.hits, (unsigned long long)cs.misses,
			 (unsigned long long)cs.evictions, cs.entries, cs.bytes >> 20,
			 cs.max_bytes >> 20);
	}
	card_cache_free(app.cards);
	session_cache_free(app.sessions);
	audit_log_free(app.audit);
	worker_pool_free(app.workers);
	worker_pool_free(app.planners);
	assets_free(app.assets);
	throttle_free(app.throttle);
	throttle_free(app.throttle_addr);
	person_index_free(app.persons);
	db_pool_free(app.db);
	return rc ? 1 : 0;
}

int cli_init(struct app_config *cfg, int argc, char **argv)
{
	struct db_pool *pool;
	unsigned char key[AUDIT_KEY_BYTES];
	if (wants_help(argc, argv)) {
		puts("Usage: pagalba [--db URL] init\n"
		     "Creates the database if needed and applies pending migrations;\n"
		     "creates the audit key file if missing.");
		return 0;
	}
	if (cli_open_db(cfg, 1, &pool))
		return 1;
	int rc = cli_audit_key(cfg, 1, key);
	sodium_memzero(key, sizeof(key));
	db_pool_free(pool);
	if (rc)
		return 1;
	puts("Database ready.");
	return 0;
}

int cli_backup(struct app_config *cfg, int argc, char **argv)
{
	struct db_pool *pool;
	struct db *db;
	if (argc != 2 || wants_help(argc, argv)) {
		puts("Usage: pagalba [--db URL] backup DEST.db\n"
		     "Online backup of a SQLite database (the server may keep running):\n"
		     "DEST.db gets the data and the audit log of writes, DEST.db.reads the\n"
		     "read log.\n"
		     "Keep the audit key file (DB.auditkey) with your backups, apart from them.\n"
		     "For PostgreSQL use: pg_dump -Fc -f pagalba.dump \"$PAGALBA_DB\"");
		return wants_help(argc, argv) ? 0 : 2;
	}
	char reads[4096];
	snprintf(reads, sizeof(reads), "%s.reads", argv[1]);
	if (access(argv[1], F_OK) == 0 || access(reads, F_OK) == 0) {
		fprintf(stderr, "pagalba backup: %s or %s exists; not overwriting\n", argv[1], reads);
		return 1;
	}
	if (cli_open_db(cfg, 1, &pool))
		return 1;
	int rc = db_pool_acquire(pool, &db);
	if (!rc) {
		rc = db_backup(db, argv[1]);
		db_pool_release(pool, db);
	}
	db_pool_free(pool);
	if (rc == ERR_UNSUPPORTED) {
		fprintf(stderr, "pagalba backup: this is PostgreSQL; use: pg_dump -Fc -f pagalba.dump \"$PAGALBA_DB\"\n");
		return 1;
	}
	if (rc) {
		fprintf(stderr, "pagalba backup: failed (%s)\n", err_name(rc));
		return 1;
	}
	printf("Backup written to %s and %s.reads\n", argv[1], argv[1]);
	return 0;
}

int cli_audit(struct app_config *cfg, int argc, char **argv)
{
	struct db_pool *pool;
	struct db *db;
	unsigned char key[AUDIT_KEY_BYTES];
	struct audit_verify_result res;
	if (argc != 2 || strcmp(argv[1], "verify")) {
		puts("Usage: pagalba [--db URL] audit verify\n"
		     "Recomputes the keyed hash chains of the audit log (writes) and the\n"
		     "read log (reads; on SQLite the file DB.reads) and reports every\n"
		     "changed, removed or inserted entry. Exit status 0 if intact, 3 if not.");
		return wants_help(argc, argv) ? 0 : 2;
	}
	if (cli_open_db(cfg, 1, &pool))
		return 1;
	if (cli_audit_key(cfg, 0, key)) {
		db_pool_free(pool);
		return 1;
	}
	int rc = db_pool_acquire(pool, &db);
	if (!rc) {
		rc = audit_verify(db, key, &res);
		db_pool_release(pool, db);
	}
	sodium_memzero(key, sizeof(key));
	db_pool_free(pool);
	if (rc) {
		fprintf(stderr, "pagalba audit: cannot read the log (%s)\n", err_name(rc));
		return 1;
	}
	if (!res.n_problems) {
		printf("Audit log intact. Entries of writes: %lld (last %lld); of reads: %lld (last %lld).\n",
		       (long long)res.rows, (long long)res.last_seq,
		       (long long)res.read_rows, (long long)res.read_last_seq);
		return 0;
	}
	printf("Audit log NOT intact: %zu problem(s) in %lld write and %lld read entries.\n",
	       res.n_problems, (long long)res.rows, (long long)res.read_rows);
	for (size_t i = 0; i < res.n_problems && i < 32; i++)
		printf("  %s entry %lld: %s\n", res.problems[i].log,
		       (long long)res.problems[i].seq, res.problems[i].kind);
	return 3;
}
