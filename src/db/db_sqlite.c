/*
 * db_sqlite.c - the SQLite backend. WAL, synchronous=NORMAL with a group
 * fdatasync after every write transaction (db.c: as durable as FULL, one
 * flush shared by concurrent writers), foreign keys on,
 * STRICT tables (in the migrations). Statements use $N in the shared SQL;
 * SQLite numbers $N parameters by first appearance, so we rewrite them to
 * ?N, which SQLite numbers by N.
 */
#include "db/db_internal.h"
#include "core/err.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct db_sqlite {
	struct db base;
	sqlite3 *conn;
};

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
	(void)pool;
	const char *path = !strncmp(url, "sqlite:", 7) ? url + 7 : url;
	struct db_sqlite *d = calloc(1, sizeof(*d));
	if (!d)
		return ERR_NOMEM;
	d->base.ops = &db_sqlite_ops;
	int rc = sqlite3_open_v2(path, &d->conn,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
					 SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		if (d->conn)
			sqlite3_close(d->conn);
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
	if (rc != SQLITE_OK) {
		sqlite3_close(d->conn);
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
	free(d);
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

static int sqlite_backup(struct db *db, const char *path)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	sqlite3 *dest;
	int rc = sqlite3_open(path, &dest);
	if (rc != SQLITE_OK) {
		sqlite3_close(dest);
		return ERR_IO;
	}
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", d->conn, "main");
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
};
