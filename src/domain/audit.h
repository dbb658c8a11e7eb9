/*
 * audit.h - the audit log of every read and write of personal data.
 *
 * Entries form a keyed hash chain: hash(n) = BLAKE2b-256(key, hash(n-1) ||
 * fields(n)), with the key kept outside the database, so that a changed,
 * removed or inserted row is detected by audit_verify() and cannot be
 * papered over by recomputing hashes without the key.
 *
 * Two logs, each its own chain:
 * - the write log (audit_log): writes call audit_append_tx() inside their
 *   own write transaction, so the change and its audit entry commit
 *   together;
 * - the read log (audit_reads; on SQLite in its own file, DB.reads, so
 *   that appending to it does not empty the readers' page caches): a read
 *   submits its entries to the struct audit_log queue before its answer
 *   leaves (a full queue, or a writer that cannot write, refuses the read:
 *   no record, no data), and the writer thread commits the queue in
 *   groups, typically within a millisecond. The answer does not wait for
 *   that commit; the server's queue is also written to a spool file
 *   mapped into memory (audit_spool.h), so a killed server loses no
 *   record: the next start appends what the spool holds beyond the read
 *   log's mark. A power loss can take the last ~100 ms (the writer's
 *   commits are group-durable, db_set_group_durability; PostgreSQL: its
 *   WAL writer's delay) — never a write's record, which commits with the
 *   write, fully synced. A batch that fails stays queued
 *   and is retried; meanwhile new reads are refused.
 */
#ifndef PAGALBA_DOMAIN_AUDIT_H
#define PAGALBA_DOMAIN_AUDIT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_pool;

#define AUDIT_KEY_BYTES 32
#define AUDIT_REASON_MAX 512

struct audit_entry {
	int64_t user_id;       /* 0 = no user (failed login) */
	char username[64];
	const char *action;    /* static string: "read", "create", ... */
	const char *entity;    /* static string: "person", "user", ... */
	int64_t entity_id;     /* 0 = none */
	char ip[48];
	/* Why: the legal basis for partner reads. A read of a list names its
	 * persons here, ",12,345," (entity_id 0), so "who saw person 12" is
	 * one query (audit_page matches both). */
	char reason[AUDIT_REASON_MAX];
	/* When: set by audit_log_submit (the moment of the read); 0 means
	 * "now" to the append functions. */
	int64_t ts_ms;
};

struct audit_log;

/* Starts the writer thread with its own connection from the pool. The key
 * is copied. With a spool_path, every queued record is also written to
 * that spool (audit_spool.h), and what an earlier run left there is
 * appended first. The caller owns *out (audit_log_free joins the thread
 * after writing what is queued). */
int audit_log_new(struct db_pool *pool, const unsigned char *key,
		  const char *spool_path, struct audit_log **out);
void audit_log_free(struct audit_log *log);
/* Refuses new submissions (ERR_BUSY), writes what is queued and joins the
 * threads; the struct stays valid for late submitters until
 * audit_log_free. A second call is a no-op. */
void audit_log_stop(struct audit_log *log);

/* Queues n entries (copied), stamping each with the current time. ERR_BUSY
 * if the queue is full, the log is stopping or the writer's last attempt
 * failed (the caller must then not disclose what it read). Thread-safe. */
int audit_log_submit(struct audit_log *log, struct audit_entry *e, size_t n);

/* Waits until every entry submitted before the call is committed, so that
 * a query of the read log sees every read answered before it. ERR_BUSY
 * after timeout_ms. */
int audit_log_sync(struct audit_log *log, int timeout_ms);

struct audit_log_stats {
	uint64_t submitted, committed; /* read records since the start */
	size_t queued;                 /* waiting for the writer now */
	int failing;                   /* the writer's last attempt failed */
};
void audit_log_stats(struct audit_log *log, struct audit_log_stats *out);

/* The key, for callers that append inside their transaction. */
const unsigned char *audit_log_key(const struct audit_log *log);

/* Appends entries to the write log inside the caller's write
 * transaction. */
int audit_append_tx(struct db *db, const unsigned char *key,
		    const struct audit_entry *e, size_t n);
/* Appends entries to the read log in a transaction of their own (the
 * writer thread's; db must have the read log attached, db_reads_attach). */
int audit_append_reads(struct db *db, const unsigned char *key,
		       const struct audit_entry *e, size_t n);
/* The same, also setting the read log's spool mark (audit_spool.h) to
 * spool_mark, in the same transaction (0: leave it). */
int audit_append_reads_marked(struct db *db, const unsigned char *key,
			      const struct audit_entry *e, size_t n,
			      uint64_t spool_mark);

struct audit_problem {
	const char *log;  /* "write" or "read" */
	int64_t seq;
	const char *kind; /* "changed", "removed", "inserted", "head" */
};

struct audit_verify_result {
	int64_t rows, last_seq;           /* the write log */
	int64_t read_rows, read_last_seq; /* the read log */
	size_t n_problems;
	struct audit_problem problems[32]; /* the first 32 */
};

/* Recomputes both chains. Returns 0 whether or not problems were found
 * (see res), or a negative error if a log could not be read. */
int audit_verify(struct db *db, const unsigned char *key,
		 struct audit_verify_result *res);

/* What the auditor asks for (GET /api/v1/audit). */
struct audit_filter {
	int64_t user_id;       /* 0 = any */
	const char *entity;    /* NULL = any */
	int64_t entity_id;     /* 0 = any */
	const char *action;    /* NULL = any */
	const char *ts_from;   /* inclusive ISO timestamp, NULL = any */
	const char *ts_before; /* exclusive, NULL = any */
	/* Keyset, one bound per log: seq < bound; 0 = from the newest, -1 =
	 * nothing more from that log. */
	int64_t before_write, before_read;
	int limit;
};

/* Entries of both logs matching f, newest first (by time, then writes
 * before reads, then seq), each with "log": "write" or "read", as a JSON
 * array (caller owns). next_write and next_read are the bounds for the
 * following page. Not inside a transaction (it attaches the read log). */
int audit_page(struct db *db, const struct audit_filter *f, json_t **out,
	       int64_t *next_write, int64_t *next_read);

/* Loads the key from a file of 64 hex digits; with create, makes a new
 * random key (file mode 0600) when the file does not exist. */
int audit_key_load(const char *path, int create, unsigned char *key);

#endif
