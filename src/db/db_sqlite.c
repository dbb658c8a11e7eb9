/*
 * db_sqlite.c - the SQLite backend. WAL, synchronous=NORMAL with a group
 * fdatasync after every write transaction (db.c: as durable as FULL, one
 * flush shared by concurrent writers), foreign keys on,
 * STRICT tables (in the migrations). Statements use $N in the shared SQL;
 * SQLite numbers $N parameters by first appearance, so we rewrite them to
 * ?N, which SQLite numbers by N.
 *
 * SQLite drops a connection's page cache (and memory map) whenever
 * another connection has committed to the file, which is why the read log
 * lives in a file of its own (see sqlite_attach_reads): the constant
 * stream of read records would otherwise empty every reader's cache
 * several times a millisecond.
 *
 * Reads can map the database file (PAGALBA_SQLITE_MMAP_MB, PRAGMA
 * mmap_size; default 0, off): a page already in the OS cache then costs a
 * memory access instead of a pread. Measured on 1M persons (bench/README):
 * the audited GET ran 9% faster with 1024 MiB mapped, but creating persons
 * at full speed ran at half the rate, since every connection unmaps and
 * faults the file in again after each other connection's commit. Worth it
 * only where writes are rare.
 */
#include "db/db_internal.h"
#include "core/err.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db_sqlite {
	struct db base;
	sqlite3 *conn;
	char *path;       /* the main database file */
	int reads_attached;
};

/* Set once, before the first connection: SQLite's own configuration. */
static long long sqlite_mmap_bytes = 0;

static void sqlite_global_init(void)
{
	/* Memory statistics take a global mutex on every allocation, which
	 * the worker threads then queue on; nothing here reads them. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	const char *mb = getenv("PAGALBA_SQLITE_MMAP_MB");
	if (mb && *mb) {
		char *end;
		long long v = strtoll(mb, &end, 10);
		if (!*end && v >= 0 && v <= (1LL << 20))
			sqlite_mmap_bytes = v << 20;
	}
}

struct db_sqlite_stmt {
	struct db_stmt base;
	sqlite3_stmt *stmt;
};

static int sqlite_map_error(struct db *db, int rc)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	db_set_error(db, "sqlite %d: %s", rc, sqlite3_errmsg(d->conn));
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		switch (rc) {
		case SQLITE_CONSTRAINT_UNIQUE:
		case SQLITE_CONSTRAINT_PRIMARYKEY:
		case SQLITE_CONSTRAINT_FOREIGNKEY:
			return ERR_CONFLICT;
		default:
			return ERR_INVALID;
		}
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ERR_BUSY;
	case SQLITE_NOMEM:
		return ERR_NOMEM;
	case SQLITE_TOOBIG:
		return ERR_TOO_LARGE;
	default:
		return ERR_DB;
	}
}

static int sqlite_open(struct db_pool *pool, const char *url, struct db **out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	(void)pool;
	pthread_once(&once, sqlite_global_init);
	const char *path = !strncmp(url, "sqlite:", 7) ? url + 7 : url;
	struct db_sqlite *d = calloc(1, sizeof(*d));
	if (!d)
		return ERR_NOMEM;
	d->path = strdup(path);
	if (!d->path) {
		free(d);
		return ERR_NOMEM;
	}
	d->base.ops = &db_sqlite_ops;
	int rc = sqlite3_open_v2(path, &d->conn,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
					 SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		if (d->conn)
			sqlite3_close(d->conn);
		free(d->path);
		free(d);
		return ERR_DB;
	}
	sqlite3_extended_result_codes(d->conn, 1);
	sqlite3_busy_timeout(d->conn, 10000);
	rc = sqlite3_exec(d->conn,
			  "PRAGMA journal_mode=WAL;"
			  "PRAGMA synchronous=NORMAL;"
			  "PRAGMA foreign_keys=ON;"
			  "PRAGMA cache_size=-65536;"
			  "PRAGMA temp_store=MEMORY;",
			  NULL, NULL, NULL);
	if (rc == SQLITE_OK && sqlite_mmap_bytes > 0) {
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA main.mmap_size=%lld", sqlite_mmap_bytes);
		rc = sqlite3_exec(d->conn, sql, NULL, NULL, NULL);
	}
	if (rc != SQLITE_OK) {
		sqlite3_close(d->conn);
		free(d->path);
		free(d);
		return ERR_DB;
	}
	*out = &d->base;
	return 0;
}

static void sqlite_close(struct db *db)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	sqlite3_close(d->conn);
	free(d->path);
	free(d);
}

/*
 * The read log: audit_reads and audit_reads_head in DB.reads, attached as
 * "reads" by the connections that need it (the audit writer and flusher,
 * the auditor's queries, verify, backup) and by no other. Only the audit
 * writer writes there, in transactions of that file alone, so those
 * commits never touch the main file: readers keep their page caches. The
 * tables are made here rather than by a migration, which runs on the main
 * file only; their PostgreSQL twins come from a migration.
 */
static const char SQL_READS_SCHEMA[] =
	"PRAGMA reads.journal_mode=WAL;"
	"PRAGMA reads.synchronous=NORMAL;"
	/* Its own page cache (an attached file gets the 2 MiB default):
	 * the indexes' leaves that appends touch stay in memory. */
	"PRAGMA reads.cache_size=-32768;"
	"CREATE TABLE IF NOT EXISTS reads.audit_reads ("
	" seq INTEGER PRIMARY KEY, ts TEXT NOT NULL, user_id INTEGER,"
	" username TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL,"
	" entity_id INTEGER, ip TEXT NOT NULL, reason TEXT NOT NULL,"
	" hash TEXT NOT NULL) STRICT;"
	/* No (entity, entity_id) index: see migrations/postgresql/0007. */
	"DROP INDEX IF EXISTS reads.audit_reads_entity;"
	"CREATE INDEX IF NOT EXISTS reads.audit_reads_user ON audit_reads(user_id, seq);"
	"CREATE TABLE IF NOT EXISTS reads.audit_reads_head ("
	" id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL,"
	" hash TEXT NOT NULL) STRICT;"
	"INSERT OR IGNORE INTO reads.audit_reads_head (id, seq, hash) VALUES (1, 0,"
	" '0000000000000000000000000000000000000000000000000000000000000000');"
	/* The last spooled record the log holds (domain/audit_spool.h). */
	"CREATE TABLE IF NOT EXISTS reads.audit_reads_spool ("
	" id INTEGER PRIMARY KEY CHECK (id = 1), no INTEGER NOT NULL) STRICT;"
	"INSERT OR IGNORE INTO reads.audit_reads_spool (id, no) VALUES (1, 0);";

static int sqlite_attach_reads(struct db *db, int on)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	int rc;
	if (!on == !d->reads_attached)
		return 0;
	if (!on) {
		rc = sqlite3_exec(d->conn, "DETACH DATABASE reads", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return sqlite_map_error(db, rc);
		d->reads_attached = 0;
		return 0;
	}
	sqlite3_stmt *st;
	rc = sqlite3_prepare_v2(d->conn, "ATTACH DATABASE ?1 AS reads", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sqlite_map_error(db, rc);
	size_t n = strlen(d->path);
	char *file = malloc(n + 7);
	if (!file) {
		sqlite3_finalize(st);
		return ERR_NOMEM;
	}
	if (!strcmp(d->path, ":memory:") || n == 0)
		memcpy(file, d->path, n + 1);
	else
		snprintf(file, n + 7, "%s.reads", d->path);
	sqlite3_bind_text(st, 1, file, -1, SQLITE_TRANSIENT);
	free(file);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlite_map_error(db, rc);
	d->reads_attached = 1;
	rc = sqlite3_exec(d->conn, SQL_READS_SCHEMA, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int err = sqlite_map_error(db, rc);
		sqlite3_exec(d->conn, "DETACH DATABASE reads", NULL, NULL, NULL);
		d->reads_attached = 0;
		return err;
	}
	return 0;
}

static int sqlite_exec(struct db *db, const char *sql)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	int rc = sqlite3_exec(d->conn, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : sqlite_map_error(db, rc);
}

/* Rewrites $N to ?N outside quotes. The output is never longer. */
static char *sqlite_rewrite_params(const char *sql)
{
	size_t n = strlen(sql);
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	char quote = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = sql[i];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '-' && sql[i + 1] == '-') {
			/* A comment may hold a quote: copy it untouched. */
			size_t e = i + strcspn(sql + i, "\n");
			memcpy(out + i, sql + i, e - i);
			i = e - 1;
			continue;
		} else if (c == '/' && sql[i + 1] == '*') {
			const char *end = strstr(sql + i + 2, "*/");
			size_t e = end ? (size_t)(end - sql) + 2 : n;
			memcpy(out + i, sql + i, e - i);
			i = e - 1;
			continue;
		} else if (c == '\'' || c == '"') {
			quote = c;
		} else if (c == '$' && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
			c = '?';
		}
		out[i] = c;
	}
	return out;
}

static int sqlite_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	char *text = sqlite_rewrite_params(sql);
	if (!text)
		return ERR_NOMEM;
	struct db_sqlite_stmt *s = calloc(1, sizeof(*s));
	if (!s) {
		free(text);
		return ERR_NOMEM;
	}
	int rc = sqlite3_prepare_v3(d->conn, text, -1, SQLITE_PREPARE_PERSISTENT,
				    &s->stmt, NULL);
	free(text);
	if (rc != SQLITE_OK) {
		free(s);
		return sqlite_map_error(db, rc);
	}
	*out = &s->base;
	return 0;
}

static void sqlite_finalize(struct db_stmt *st)
{
	struct db_sqlite_stmt *s = (struct db_sqlite_stmt *)st;
	sqlite3_finalize(s->stmt);
	free(s);
}

static sqlite3_stmt *S(struct db_stmt *st)
{
	return ((struct db_sqlite_stmt *)st)->stmt;
}

static int sqlite_bind_rc(struct db_stmt *st, int rc)
{
	return rc == SQLITE_OK ? 0 : sqlite_map_error(st->db, rc);
}

static int sqlite_bind_text(struct db_stmt *st, int idx, const char *s, size_t n)
{
	return sqlite_bind_rc(st, sqlite3_bind_text64(S(st), idx, s, n,
						      SQLITE_TRANSIENT, SQLITE_UTF8));
}

static int sqlite_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	return sqlite_bind_rc(st, sqlite3_bind_int64(S(st), idx, v));
}

static int sqlite_bind_null(struct db_stmt *st, int idx)
{
	return sqlite_bind_rc(st, sqlite3_bind_null(S(st), idx));
}

static int sqlite_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
	return sqlite_bind_rc(st, sqlite3_bind_blob64(S(st), idx, p ? p : "", n,
						      SQLITE_TRANSIENT));
}

static int sqlite_step(struct db_stmt *st)
{
	int rc = sqlite3_step(S(st));
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return sqlite_map_error(st->db, rc);
}

static const char *sqlite_col_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(S(st), col);
}

static int64_t sqlite_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(S(st), col);
}

static int sqlite_col_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(S(st), col) == SQLITE_NULL;
}

static const void *sqlite_col_blob(struct db_stmt *st, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(S(st), col);
	*n = (size_t)sqlite3_column_bytes(S(st), col);
	return p;
}

static int sqlite_col_count(struct db_stmt *st)
{
	return sqlite3_column_count(S(st));
}

static void sqlite_reset(struct db_stmt *st)
{
	sqlite3_reset(S(st));
	sqlite3_clear_bindings(S(st));
}

static int64_t sqlite_changes(struct db *db)
{
	return sqlite3_changes64(((struct db_sqlite *)db)->conn);
}

static int sqlite_backup_one(struct db *db, const char *schema, const char *path)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	sqlite3 *dest;
	int rc = sqlite3_open(path, &dest);
	if (rc != SQLITE_OK) {
		sqlite3_close(dest);
		return ERR_IO;
	}
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", d->conn, schema);
	if (!b) {
		sqlite3_close(dest);
		return ERR_DB;
	}
	/* Copy in steps so writers are not blocked for the whole copy. */
	do {
		rc = sqlite3_backup_step(b, 1024);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	int ok = rc == SQLITE_DONE;
	if (ok)
		ok = sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", NULL, NULL,
				  NULL) == SQLITE_OK;
	sqlite3_close(dest);
	return ok ? 0 : ERR_DB;
}

/* DEST and DEST.reads: the data and the read log, each consistent in
 * itself. */
static int sqlite_backup(struct db *db, const char *path)
{
	int rc = sqlite_backup_one(db, "main", path);
	if (rc)
		return rc;
	rc = sqlite_attach_reads(db, 1);
	if (rc)
		return rc;
	size_t n = strlen(path);
	char *reads = malloc(n + 7);
	if (!reads)
		return ERR_NOMEM;
	snprintf(reads, n + 7, "%s.reads", path);
	rc = sqlite_backup_one(db, "reads", reads);
	free(reads);
	return rc;
}

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.open = sqlite_open,
	.close = sqlite_close,
	.exec = sqlite_exec,
	.prepare = sqlite_prepare,
	.finalize = sqlite_finalize,
	.bind_text = sqlite_bind_text,
	.bind_int = sqlite_bind_int,
	.bind_null = sqlite_bind_null,
	.bind_blob = sqlite_bind_blob,
	.step = sqlite_step,
	.col_text = sqlite_col_text,
	.col_int = sqlite_col_int,
	.col_is_null = sqlite_col_is_null,
	.col_blob = sqlite_col_blob,
	.col_count = sqlite_col_count,
	.reset = sqlite_reset,
	.changes = sqlite_changes,
	.backup = sqlite_backup,
	.attach_reads = sqlite_attach_reads,
};
