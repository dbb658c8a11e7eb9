/*
 * db.h - the one data-access interface. Nothing above this layer knows
 * whether the database is SQLite or PostgreSQL.
 *
 * SQL text is shared by both backends: parameters are written $1, $2, ...
 * (the SQLite backend rewrites them to ?1, ?2), values are INTEGER/BIGINT
 * and TEXT (dates "YYYY-MM-DD", timestamps ISO 8601 UTC, booleans 0/1,
 * money in cents), and only portable SQL is used (see ARCHITECTURE.md).
 *
 * Connections: a struct db is one connection used by one thread at a time.
 * Servers take connections from a struct db_pool; a command-line tool uses
 * a pool of one. Prepared statements are cached per connection by SQL
 * text, so preparing the same text again is cheap.
 *
 * Typical use:
 *
 *     struct db_stmt *st;
 *     int rc = db_prepare(db, "SELECT name FROM t WHERE id = $1", &st);
 *     if (rc) return rc;
 *     db_bind_int(st, 1, id);
 *     while ((rc = db_step(st)) == DB_ROW)
 *             use(db_col_text(st, 0));
 *     db_stmt_done(st);   // always: resets it for the next user
 *     return rc;          // DB_DONE (0) or a negative error
 */
#ifndef PAGALBA_DB_DB_H
#define PAGALBA_DB_DB_H

#include <stddef.h>
#include <stdint.h>

#define DB_DONE 0
#define DB_ROW 1

enum db_kind { DB_KIND_SQLITE, DB_KIND_POSTGRES };
/* DB_TX_LOG: a transaction that writes the read log and nothing else
 * (the audit writer's): no process lock, and on SQLite a plain BEGIN, so
 * that it locks the read log's file only. */
enum db_tx_mode { DB_TX_READ, DB_TX_WRITE, DB_TX_LOG };

struct db;
struct db_stmt;
struct db_pool;

/* One migration: a whole script applied in one transaction. */
struct db_migration {
	int version;
	const char *name;
	const char *sql;
};

/*
 * Opens a pool of up to `size` connections to `url`: "sqlite:PATH",
 * a bare path (SQLite), or "postgresql://..." / "postgres://..." (libpq).
 * Connections open lazily on first acquire; the first one is opened here
 * so that a wrong URL fails at once. ERR_INVALID for a bad URL, ERR_DB if
 * the database cannot be opened. The caller owns *out (db_pool_free).
 */
int db_pool_open(const char *url, unsigned size, struct db_pool **out);
void db_pool_free(struct db_pool *pool);
enum db_kind db_pool_kind(const struct db_pool *pool);

/* Takes a connection, waiting while all are in use. Thread-safe. */
int db_pool_acquire(struct db_pool *pool, struct db **out);
/* Gives it back; an open transaction is rolled back first. Thread-safe. */
void db_pool_release(struct db_pool *pool, struct db *db);

enum db_kind db_kind(const struct db *db);

/* Runs a script of one or more statements without parameters. */
int db_exec(struct db *db, const char *sql);

/*
 * Prepares (or takes from the cache) a statement for `sql`. The statement
 * belongs to the connection; the caller must call db_stmt_done() when it
 * has read what it needs, before preparing the same text again.
 */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out);

/* Binds parameter $idx (1-based). Text NULL binds SQL NULL. Values are
 * copied. */
int db_bind_text(struct db_stmt *st, int idx, const char *s);
int db_bind_int(struct db_stmt *st, int idx, int64_t v);
int db_bind_null(struct db_stmt *st, int idx);
int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n);

/* Runs or advances: DB_ROW, DB_DONE, or a negative error (ERR_CONFLICT for
 * a unique or foreign-key violation, ERR_INVALID for a check or not-null
 * violation, ERR_BUSY for a transient lock/serialisation failure, ERR_DB
 * otherwise). */
int db_step(struct db_stmt *st);

/* Column accessors for the current row (0-based). Text is NULL for SQL
 * NULL and stays valid until the next db_step or db_stmt_done. */
const char *db_col_text(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
int db_col_is_null(struct db_stmt *st, int col);
const void *db_col_blob(struct db_stmt *st, int col, size_t *n);
int db_col_count(struct db_stmt *st);

/* Resets the statement and clears its bindings. NULL is a no-op. */
void db_stmt_done(struct db_stmt *st);

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t db_changes(struct db *db);

/*
 * Transactions. After any error inside a transaction, roll back: SQLite
 * undoes only the failed statement, PostgreSQL aborts the whole
 * transaction, and callers must not depend on either.
 *
 * On PostgreSQL, writers are not serialised by the pool: check-then-insert
 * code relies on unique constraints (ERR_CONFLICT), and the audit chain
 * serialises itself on the audit_head row lock.
 *
 * DB_TX_WRITE on SQLite takes the pool's write lock (one
 * writer at a time inside the process, so writers queue on a mutex instead
 * of spinning on SQLITE_BUSY) and begins IMMEDIATE. Commit makes the
 * change durable (synchronous=FULL on SQLite, fsync'd WAL on PostgreSQL).
 */
int db_tx_begin(struct db *db, enum db_tx_mode mode);
int db_tx_commit(struct db *db);
int db_tx_rollback(struct db *db);
/* Ends the transaction by the outcome of the work in it: commits when rc
 * is 0 (returning the commit's result), rolls back and returns rc
 * otherwise. */
int db_tx_finish(struct db *db, int rc);
int db_in_tx(const struct db *db);

/*
 * Group durability, for the audit writer's connection only: commits are
 * written (SQLite: to the WAL; PostgreSQL: to the WAL buffers) but not
 * flushed one by one, so they survive a crash of this process at once
 * and a power loss after the next db_flush (SQLite) or the WAL writer's
 * next flush (PostgreSQL, within 3 x wal_writer_delay).
 */
int db_set_group_durability(struct db *db);
/* Back to the default: every write commit durable before it returns. */
int db_set_full_durability(struct db *db);
/* Flushes what group-durable commits wrote (SQLite: an fdatasync of the
 * read log's WAL; its owner checkpoints, see db_checkpoint). */
int db_flush(struct db *db);
/* Copies the read log's WAL into its file as far as readers allow (SQLite:
 * a passive checkpoint of the attached DB.reads; PostgreSQL: nothing). For
 * the audit writer, whose group-durable commits never checkpoint on their
 * own: run by the only writer between its commits, the checkpoint catches
 * up, and SQLite then starts the WAL over instead of growing it. */
int db_checkpoint(struct db *db);

/*
 * The read log (audit_reads, audit_reads_head). On SQLite it is a file of
 * its own, DB.reads, so that appending read records never invalidates the
 * page caches of the connections reading the data; a connection sees its
 * tables only between db_reads_attach and db_reads_detach (the first
 * attach creates them). On PostgreSQL they are ordinary tables and both
 * calls do nothing. Not inside a transaction.
 */
int db_reads_attach(struct db *db);
int db_reads_detach(struct db *db);

/* Applies every migration newer than the database's version, each in its
 * own transaction, recorded in schema_migrations. *applied counts them. */
int db_migrate(struct db *db, int *applied);
/* The highest applied migration version, 0 for an empty database. */
int db_schema_version(struct db *db, int *version);

/* Online backup of a SQLite database to `path`. ERR_UNSUPPORTED on
 * PostgreSQL (use pg_dump). */
int db_backup(struct db *db, const char *path);

/* The last error text, for the operator's log only. It never contains row
 * values (PostgreSQL's DETAIL is dropped for that reason). */
const char *db_errmsg(struct db *db);

#endif
