/*
 * db_internal.h - what a backend implements. Only db*.c include this.
 */
#ifndef PAGALBA_DB_INTERNAL_H
#define PAGALBA_DB_INTERNAL_H

#include "db/db.h"

#include <pthread.h>

struct db_ops {
	const char *name;
	int (*open)(struct db_pool *pool, const char *url, struct db **out);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
	void (*finalize)(struct db_stmt *st);
	int (*bind_text)(struct db_stmt *st, int idx, const char *s, size_t n);
	int (*bind_int)(struct db_stmt *st, int idx, int64_t v);
	int (*bind_null)(struct db_stmt *st, int idx);
	int (*bind_blob)(struct db_stmt *st, int idx, const void *p, size_t n);
	int (*step)(struct db_stmt *st);
	const char *(*col_text)(struct db_stmt *st, int col);
	int64_t (*col_int)(struct db_stmt *st, int col);
	int (*col_is_null)(struct db_stmt *st, int col);
	const void *(*col_blob)(struct db_stmt *st, int col, size_t *n);
	int (*col_count)(struct db_stmt *st);
	void (*reset)(struct db_stmt *st);
	int64_t (*changes)(struct db *db);
	int (*backup)(struct db *db, const char *path);
	/* Makes the read log's tables visible on this connection (on) or
	 * not (off); NULL where they always are (PostgreSQL). */
	int (*attach_reads)(struct db *db, int on);
};

#define DB_STMT_CACHE_SLOTS 256

/* Every backend's connection struct begins with this. */
struct db {
	const struct db_ops *ops;
	struct db_pool *pool;
	int in_tx;
	int holds_write_lock;
	int relaxed; /* db_set_group_durability: commits skip the group sync */
	char errmsg[256];
	struct db_stmt *cache[DB_STMT_CACHE_SLOTS];
};

/* Every backend's statement struct begins with this. */
struct db_stmt {
	struct db *db;
	char *sql;     /* owned copy: the cache key */
	uint64_t hash; /* of sql */
	int in_use;
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* Migrations compiled into the binary (generated from migrations/). */
extern const struct db_migration db_migrations_sqlite[];
extern const size_t db_migrations_sqlite_count;
extern const struct db_migration db_migrations_postgresql[];
extern const size_t db_migrations_postgresql_count;

/* Records an error text for db_errmsg (truncated). */
void db_set_error(struct db *db, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The pool's process-wide write lock (SQLite only). */
pthread_mutex_t *db_pool_write_lock(struct db_pool *pool);

#endif
