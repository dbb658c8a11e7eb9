/*
 * db.c - the backend-independent half of the data-access layer: the
 * connection pool, the per-connection statement cache, transactions and
 * migrations. Backends (db_sqlite.c, db_pg.c) do the talking.
 */
#include "db/db_internal.h"
#include "core/err.h"
#include "core/log.h"
#include "core/date.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct db_pool {
	const struct db_ops *ops;
	enum db_kind kind;
	char *url;
	unsigned size;
	unsigned n_open;
	struct db **free_list; /* connections not in use */
	unsigned n_free;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_mutex_t write_lock; /* SQLite: one writer in the process */

	/* SQLite group commit (see db_group_sync). */
	pthread_mutex_t sync_mu;
	pthread_cond_t sync_cv;
	uint64_t commit_seq; /* write commits so far */
	uint64_t synced_seq; /* commits known to be on disk */
	int syncing;         /* a leader is in fdatasync */
	int wal_fd;          /* our own descriptor of DB-wal, or -1 */
	int reads_wal_fd;    /* and of DB.reads-wal (db_flush) */
};

static int db_url_kind(const char *url, const struct db_ops **ops,
		       enum db_kind *kind)
{
	if (!url || !*url)
		return ERR_INVALID;
	if (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11)) {
		*ops = &db_pg_ops;
		*kind = DB_KIND_POSTGRES;
		return 0;
	}
	if (strstr(url, "://"))
		return ERR_INVALID; /* some other scheme */
	*ops = &db_sqlite_ops;
	*kind = DB_KIND_SQLITE;
	return 0;
}

int db_pool_open(const char *url, unsigned size, struct db_pool **out)
{
	struct db_pool *p = calloc(1, sizeof(*p));
	struct db *first = NULL;
	int rc;
	if (!p)
		return ERR_NOMEM;
	rc = db_url_kind(url, &p->ops, &p->kind);
	if (rc)
		goto fail;
	p->size = size ? size : 1;
	p->url = strdup(url);
	p->free_list = calloc(p->size, sizeof(*p->free_list));
	if (!p->url || !p->free_list) {
		rc = ERR_NOMEM;
		goto fail;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	pthread_mutex_init(&p->write_lock, NULL);
	pthread_mutex_init(&p->sync_mu, NULL);
	pthread_cond_init(&p->sync_cv, NULL);
	p->wal_fd = -1;
	p->reads_wal_fd = -1;
	rc = p->ops->open(p, p->url, &first);
	if (rc)
		goto fail_locks;
	first->pool = p;
	p->n_open = 1;
	p->free_list[p->n_free++] = first;
	*out = p;
	return 0;
fail_locks:
	pthread_mutex_destroy(&p->sync_mu);
	pthread_cond_destroy(&p->sync_cv);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->write_lock);
fail:
	free(p->url);
	free(p->free_list);
	free(p);
	return rc;
}

static void db_close_conn(struct db *db)
{
	for (int i = 0; i < DB_STMT_CACHE_SLOTS; i++) {
		struct db_stmt *st = db->cache[i];
		if (st) {
			char *sql = st->sql;
			db->ops->finalize(st);
			free(sql);
		}
	}
	db->ops->close(db);
}

void db_pool_free(struct db_pool *p)
{
	if (!p)
		return;
	/* All connections must have been released by now. */
	for (unsigned i = 0; i < p->n_free; i++)
		db_close_conn(p->free_list[i]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->write_lock);
	pthread_mutex_destroy(&p->sync_mu);
	pthread_cond_destroy(&p->sync_cv);
	if (p->wal_fd >= 0)
		close(p->wal_fd);
	if (p->reads_wal_fd >= 0)
		close(p->reads_wal_fd);
	free(p->free_list);
	free(p->url);
	free(p);
}

enum db_kind db_pool_kind(const struct db_pool *p)
{
	return p->kind;
}

pthread_mutex_t *db_pool_write_lock(struct db_pool *p)
{
	return &p->write_lock;
}

int db_pool_acquire(struct db_pool *p, struct db **out)
{
	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (p->n_free) {
			*out = p->free_list[--p->n_free];
			pthread_mutex_unlock(&p->mu);
			return 0;
		}
		if (p->n_open < p->size) {
			p->n_open++; /* reserve the slot, open outside the lock */
			pthread_mutex_unlock(&p->mu);
			struct db *db = NULL;
			int rc = p->ops->open(p, p->url, &db);
			if (rc) {
				pthread_mutex_lock(&p->mu);
				p->n_open--;
				pthread_cond_signal(&p->cv);
				pthread_mutex_unlock(&p->mu);
				return rc;
			}
			db->pool = p;
			*out = db;
			return 0;
		}
		pthread_cond_wait(&p->cv, &p->mu);
	}
}

void db_pool_release(struct db_pool *p, struct db *db)
{
	if (!db)
		return;
	if (db->in_tx) {
		log_warn("db: connection returned inside a transaction; rolling back");
		db_tx_rollback(db);
	}
	pthread_mutex_lock(&p->mu);
	p->free_list[p->n_free++] = db;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

enum db_kind db_kind(const struct db *db)
{
	return db->ops == &db_pg_ops ? DB_KIND_POSTGRES : DB_KIND_SQLITE;
}

void db_set_error(struct db *db, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(db->errmsg, sizeof(db->errmsg), fmt, ap);
	va_end(ap);
}

const char *db_errmsg(struct db *db)
{
	return db->errmsg;
}

int db_exec(struct db *db, const char *sql)
{
	return db->ops->exec(db, sql);
}

static uint64_t db_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	uint64_t h = db_hash(sql);
	unsigned slot = (unsigned)(h % DB_STMT_CACHE_SLOTS);
	/* Linear probing over a few slots; a full neighbourhood evicts. */
	for (unsigned i = 0; i < 8; i++) {
		struct db_stmt *st = db->cache[(slot + i) % DB_STMT_CACHE_SLOTS];
		if (st && st->hash == h && !strcmp(st->sql, sql)) {
			if (st->in_use) {
				/* Same text prepared twice at once (nested
				 * use): look for another copy. */
				continue;
			}
			st->in_use = 1;
			*out = st;
			return 0;
		}
	}
	struct db_stmt *st = NULL;
	int rc = db->ops->prepare(db, sql, &st);
	if (rc)
		return rc;
	st->db = db;
	st->hash = h;
	st->sql = strdup(sql);
	if (!st->sql) {
		db->ops->finalize(st);
		return ERR_NOMEM;
	}
	st->in_use = 1;
	for (unsigned i = 0; i < 8; i++) {
		unsigned s = (slot + i) % DB_STMT_CACHE_SLOTS;
		if (!db->cache[s]) {
			db->cache[s] = st;
			*out = st;
			return 0;
		}
	}
	/* Evict a cached statement not in use from the neighbourhood. */
	for (unsigned i = 0; i < 8; i++) {
		unsigned s = (slot + i) % DB_STMT_CACHE_SLOTS;
		struct db_stmt *old = db->cache[s];
		if (!old->in_use) {
			char *osql = old->sql;
			db->ops->finalize(old);
			free(osql);
			db->cache[s] = st;
			*out = st;
			return 0;
		}
	}
	/* Everything nearby is busy: hand out an uncached statement, which
	 * db_stmt_done finalizes. hash 0 marks it. */
	st->hash = 0;
	*out = st;
	return 0;
}

int db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (!s)
		return st->db->ops->bind_null(st, idx);
	return st->db->ops->bind_text(st, idx, s, strlen(s));
}

int db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	return st->db->ops->bind_int(st, idx, v);
}

int db_bind_null(struct db_stmt *st, int idx)
{
	return st->db->ops->bind_null(st, idx);
}

int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
	return st->db->ops->bind_blob(st, idx, p, n);
}

int db_step(struct db_stmt *st)
{
	return st->db->ops->step(st);
}

const char *db_col_text(struct db_stmt *st, int col)
{
	return st->db->ops->col_text(st, col);
}

int64_t db_col_int(struct db_stmt *st, int col)
{
	return st->db->ops->col_int(st, col);
}

int db_col_is_null(struct db_stmt *st, int col)
{
	return st->db->ops->col_is_null(st, col);
}

const void *db_col_blob(struct db_stmt *st, int col, size_t *n)
{
	return st->db->ops->col_blob(st, col, n);
}

int db_col_count(struct db_stmt *st)
{
	return st->db->ops->col_count(st);
}

void db_stmt_done(struct db_stmt *st)
{
	if (!st)
		return;
	struct db *db = st->db;
	if (st->hash == 0 && st->sql) {
		/* uncached */
		char *sql = st->sql;
		db->ops->finalize(st);
		free(sql);
		return;
	}
	db->ops->reset(st);
	st->in_use = 0;
}

int64_t db_changes(struct db *db)
{
	return db->ops->changes(db);
}

/* Transaction control on every request: on SQLite a statement kept in
 * the connection's cache, so that BEGIN and COMMIT are not parsed each
 * time (sqlite3_exec prepares and finalizes on every call). */
static int db_tx_exec(struct db *db, const char *sql)
{
	struct db_stmt *st;
	if (db_kind(db) != DB_KIND_SQLITE)
		return db_exec(db, sql);
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int db_tx_begin(struct db *db, enum db_tx_mode mode)
{
	int rc;
	if (db->in_tx)
		return ERR_INTERNAL;
	if (db_kind(db) == DB_KIND_SQLITE && mode == DB_TX_WRITE) {
		/* IMMEDIATE locks every attached file: writers of data keep
		 * the read log out (it is attached only where needed). */
		pthread_mutex_lock(db_pool_write_lock(db->pool));
		db->holds_write_lock = 1;
		rc = db_tx_exec(db, "BEGIN IMMEDIATE");
	} else {
		rc = db_tx_exec(db, "BEGIN");
	}
	if (rc) {
		if (db->holds_write_lock) {
			db->holds_write_lock = 0;
			pthread_mutex_unlock(db_pool_write_lock(db->pool));
		}
		return rc;
	}
	db->in_tx = 1;
	return 0;
}

static void db_tx_end(struct db *db)
{
	db->in_tx = 0;
	if (db->holds_write_lock) {
		db->holds_write_lock = 0;
		pthread_mutex_unlock(db_pool_write_lock(db->pool));
	}
}

/*
 * Group commit for SQLite. Connections run with synchronous=NORMAL, so a
 * COMMIT writes the transaction to the WAL without waiting for the disk;
 * the committing thread then waits here until an fdatasync of the WAL
 * that began after its COMMIT has finished. One thread (the leader)
 * syncs for everyone who committed before it started; the others wait
 * for it. Many concurrent writers thus share one disk flush, and every
 * acknowledged write is on disk exactly as with synchronous=FULL
 * (fdatasync on our own descriptor flushes the file, whoever wrote it).
 */
/* A WAL file's descriptor, opened once (sync_mu held): the main file's
 * (suffix "-wal") or the read log's (".reads-wal"). */
static int wal_fd_locked(struct db_pool *p, int *fdp, const char *suffix)
{
	if (*fdp < 0) {
		const char *path = !strncmp(p->url, "sqlite:", 7) ? p->url + 7 : p->url;
		char wal[4096];
		snprintf(wal, sizeof(wal), "%s%s", path, suffix);
		*fdp = open(wal, O_RDONLY | O_CLOEXEC);
	}
	return *fdp;
}

static int db_group_sync(struct db_pool *p, uint64_t seq)
{
	int rc = 0;
	pthread_mutex_lock(&p->sync_mu);
	while (p->synced_seq < seq) {
		if (p->syncing) {
			pthread_cond_wait(&p->sync_cv, &p->sync_mu);
			continue;
		}
		p->syncing = 1;
		uint64_t target = p->commit_seq;
		int fd = wal_fd_locked(p, &p->wal_fd, "-wal");
		pthread_mutex_unlock(&p->sync_mu);
		int ok = fd >= 0 && fdatasync(fd) == 0;
		pthread_mutex_lock(&p->sync_mu);
		p->syncing = 0;
		if (ok) {
			if (target > p->synced_seq)
				p->synced_seq = target;
		} else {
			rc = ERR_IO;
			log_error("db: cannot flush the WAL; the last write may not be durable");
			pthread_cond_broadcast(&p->sync_cv);
			break;
		}
		pthread_cond_broadcast(&p->sync_cv);
	}
	pthread_mutex_unlock(&p->sync_mu);
	return rc;
}

int db_tx_commit(struct db *db)
{
	if (!db->in_tx)
		return ERR_INTERNAL;
	int group = db->holds_write_lock && !db->relaxed;
	uint64_t seq = 0;
	int rc = db_tx_exec(db, "COMMIT");
	if (rc) {
		db_tx_exec(db, "ROLLBACK");
	} else if (group) {
		pthread_mutex_lock(&db->pool->sync_mu);
		seq = ++db->pool->commit_seq;
		pthread_mutex_unlock(&db->pool->sync_mu);
	}
	db_tx_end(db);
	if (!rc && group)
		rc = db_group_sync(db->pool, seq);
	return rc;
}

int db_tx_rollback(struct db *db)
{
	if (!db->in_tx)
		return 0;
	int rc = db_tx_exec(db, "ROLLBACK");
	db_tx_end(db);
	return rc;
}

int db_tx_finish(struct db *db, int rc)
{
	if (rc) {
		db_tx_rollback(db);
		return rc;
	}
	return db_tx_commit(db);
}

int db_in_tx(const struct db *db)
{
	return db->in_tx;
}

static const char SQL_MIGRATIONS_TABLE[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version BIGINT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" applied_at TEXT NOT NULL)";

int db_schema_version(struct db *db, int *version)
{
	struct db_stmt *st;
	int rc = db_exec(db, SQL_MIGRATIONS_TABLE);
	if (rc)
		return rc;
	rc = db_prepare(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &st);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*version = (int)db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		*version = 0;
	}
	db_stmt_done(st);
	return rc;
}

int db_migrate(struct db *db, int *applied)
{
	const struct db_migration *list;
	size_t n;
	int version, rc;
	char now[32];

	if (db_kind(db) == DB_KIND_POSTGRES) {
		list = db_migrations_postgresql;
		n = db_migrations_postgresql_count;
	} else {
		list = db_migrations_sqlite;
		n = db_migrations_sqlite_count;
	}
	*applied = 0;
	rc = db_schema_version(db, &version);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (list[i].version <= version)
			continue;
		rc = db_tx_begin(db, DB_TX_WRITE);
		if (rc)
			return rc;
		rc = db_exec(db, list[i].sql);
		if (rc) {
			log_error("db: migration %d (%s) failed: %s", list[i].version,
				  list[i].name, db_errmsg(db));
			db_tx_rollback(db);
			return rc;
		}
		struct db_stmt *st;
		rc = db_prepare(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", &st);
		if (!rc) {
			time_format_iso(time_now_ms(), now);
			db_bind_int(st, 1, list[i].version);
			db_bind_text(st, 2, list[i].name);
			db_bind_text(st, 3, now);
			rc = db_step(st);
			db_stmt_done(st);
		}
		if (rc) {
			db_tx_rollback(db);
			return rc;
		}
		rc = db_tx_commit(db);
		if (rc)
			return rc;
		(*applied)++;
	}
	return 0;
}

int db_set_group_durability(struct db *db)
{
	db->relaxed = 1;
	/* SQLite connections already commit without a flush each; only the
	 * group sync after COMMIT (skipped for relaxed connections) makes
	 * ordinary writes durable. The relaxed connection never checkpoints
	 * in a commit either: its owner checkpoints between commits
	 * (db_checkpoint). */
	return db_kind(db) == DB_KIND_POSTGRES ? db_exec(db, "SET synchronous_commit = off")
					       : db_exec(db, "PRAGMA wal_autocheckpoint = 0");
}

int db_set_full_durability(struct db *db)
{
	db->relaxed = 0;
	return db_kind(db) == DB_KIND_POSTGRES ? db_exec(db, "SET synchronous_commit = on")
					       : db_exec(db, "PRAGMA wal_autocheckpoint = 1000");
}

int db_flush(struct db *db)
{
	if (db_kind(db) == DB_KIND_POSTGRES)
		return 0; /* the WAL writer flushes asynchronous commits */
	/* Group-durable commits write the read log (DB.reads): syncing its
	 * WAL makes them durable. No checkpoint here; see db_checkpoint. A
	 * read log not written yet has no WAL: nothing to flush. */
	struct db_pool *p = db->pool;
	pthread_mutex_lock(&p->sync_mu);
	int fd = wal_fd_locked(p, &p->reads_wal_fd, ".reads-wal");
	int open_errno = errno;
	pthread_mutex_unlock(&p->sync_mu);
	if (fd < 0) {
		if (open_errno == ENOENT)
			return 0;
		log_error("db: cannot open the read log's WAL");
		return ERR_IO;
	}
	if (fdatasync(fd)) {
		log_error("db: cannot flush the read log's WAL");
		return ERR_IO;
	}
	return 0;
}

int db_checkpoint(struct db *db)
{
	if (db_kind(db) == DB_KIND_POSTGRES)
		return 0;
	return db_exec(db, "PRAGMA reads.wal_checkpoint(PASSIVE)");
}

static int db_reads_switch(struct db *db, int on)
{
	int rc = db->in_tx ? ERR_INTERNAL
		 : db->ops->attach_reads ? db->ops->attach_reads(db, on) : 0;
	if (rc == ERR_INTERNAL)
		db_set_error(db, "inside a transaction");
	if (rc)
		log_error("db: cannot %s the read log: %s", on ? "attach" : "detach",
			  db_errmsg(db));
	return rc;
}

int db_reads_attach(struct db *db)
{
	return db_reads_switch(db, 1);
}

int db_reads_detach(struct db *db)
{
	return db_reads_switch(db, 0);
}

int db_backup(struct db *db, const char *path)
{
	return db->ops->backup(db, path);
}
