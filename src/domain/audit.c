#include "domain/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_parts.h"
#include "domain/audit_spool.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define AUDIT_HASH_HEX 65
#define AUDIT_QUEUE_MAX 16384
#define AUDIT_BATCH_MAX 2048
#define AUDIT_FLUSH_NS (100 * 1000000LL) /* 100 ms */

/* Feeds one field with its length, so that no two different rows can
 * produce the same byte stream. */
static void audit_feed(crypto_generichash_state *st, const char *s)
{
	unsigned char len[4];
	size_t n = s ? strlen(s) : 0;
	len[0] = (unsigned char)(n >> 24);
	len[1] = (unsigned char)(n >> 16);
	len[2] = (unsigned char)(n >> 8);
	len[3] = (unsigned char)n;
	crypto_generichash_update(st, len, 4);
	if (n)
		crypto_generichash_update(st, (const unsigned char *)s, n);
}

static void audit_hash(const unsigned char *key, const char *prev_hex,
		       int64_t seq, const char *ts, int64_t user_id,
		       const char *username, const char *action,
		       const char *entity, int64_t entity_id, const char *ip,
		       const char *reason, char out_hex[AUDIT_HASH_HEX])
{
	crypto_generichash_state st;
	unsigned char h[32];
	char num[3][24];
	snprintf(num[0], sizeof(num[0]), "%" PRId64, seq);
	snprintf(num[1], sizeof(num[1]), "%" PRId64, user_id);
	snprintf(num[2], sizeof(num[2]), "%" PRId64, entity_id);
	crypto_generichash_init(&st, key, AUDIT_KEY_BYTES, sizeof(h));
	audit_feed(&st, prev_hex);
	audit_feed(&st, num[0]);
	audit_feed(&st, ts);
	audit_feed(&st, num[1]);
	audit_feed(&st, username);
	audit_feed(&st, action);
	audit_feed(&st, entity);
	audit_feed(&st, num[2]);
	audit_feed(&st, ip);
	audit_feed(&st, reason);
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out_hex, AUDIT_HASH_HEX, h, sizeof(h));
}

/* The two chains: the write log, appended inside each write's own
 * transaction, and the read log, appended by the group-commit writer
 * (on SQLite in a file of its own; see db_reads_attach). */
struct audit_chain {
	const char *name; /* "write" or "read", as the API and verify say */
	const char *reserve;
	const char *insert;
	const char *set_head;
	const char *scan;
	const char *head;
};

static const struct audit_chain chain_writes = {
	"write",
	"UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash",
	"INSERT INTO audit_log (seq, ts, user_id, username, action, entity, entity_id, ip, reason, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	"UPDATE audit_head SET hash = $1 WHERE id = 1",
	"SELECT seq, ts, user_id, username, action, entity, entity_id, ip, reason, hash FROM audit_log ORDER BY seq",
	"SELECT seq, hash FROM audit_head WHERE id = 1",
};

static const struct audit_chain chain_reads = {
	"read",
	"UPDATE audit_reads_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash",
	"INSERT INTO audit_reads (seq, ts, user_id, username, action, entity, entity_id, ip, reason, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	"UPDATE audit_reads_head SET hash = $1 WHERE id = 1",
	"SELECT seq, ts, user_id, username, action, entity, entity_id, ip, reason, hash FROM audit_reads ORDER BY seq",
	"SELECT seq, hash FROM audit_reads_head WHERE id = 1",
};

static int chain_append(struct db *db, const unsigned char *key,
			const struct audit_chain *c,
			const struct audit_entry *e, size_t n)
{
	struct db_stmt *st = NULL;
	char prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX], ts[TIMESTAMP_ISO_LEN];
	int64_t last;
	int rc;

	if (n == 0)
		return 0;
	/* Reserving the sequence numbers locks the head row (PostgreSQL) or
	 * runs under the file's write lock (SQLite): the chain is never
	 * forked by two writers. */
	rc = db_prepare(db, c->reserve, &st);
	if (rc)
		return rc;
	db_bind_int(st, 1, (int64_t)n);
	rc = db_step(st);
	if (rc != DB_ROW) {
		db_stmt_done(st);
		return rc < 0 ? rc : ERR_DB;
	}
	last = db_col_int(st, 0);
	snprintf(prev, sizeof(prev), "%s", db_col_text(st, 1));
	db_stmt_done(st);

	int64_t now = time_now_ms(), ts_of = -1;
	rc = db_prepare(db, c->insert, &st);
	if (rc)
		return rc;
	int64_t seq = last - (int64_t)n;
	for (size_t i = 0; i < n; i++) {
		seq++;
		int64_t t = e[i].ts_ms ? e[i].ts_ms : now;
		if (t != ts_of) { /* a batch shares most of its milliseconds */
			time_format_iso(t, ts);
			ts_of = t;
		}
		audit_hash(key, prev, seq, ts, e[i].user_id, e[i].username,
			   e[i].action, e[i].entity, e[i].entity_id, e[i].ip,
			   e[i].reason, hash);
		db_bind_int(st, 1, seq);
		db_bind_text(st, 2, ts);
		if (e[i].user_id)
			db_bind_int(st, 3, e[i].user_id);
		else
			db_bind_null(st, 3);
		db_bind_text(st, 4, e[i].username);
		db_bind_text(st, 5, e[i].action);
		db_bind_text(st, 6, e[i].entity);
		if (e[i].entity_id)
			db_bind_int(st, 7, e[i].entity_id);
		else
			db_bind_null(st, 7);
		db_bind_text(st, 8, e[i].ip);
		db_bind_text(st, 9, e[i].reason);
		db_bind_text(st, 10, hash);
		rc = db_step(st);
		db_stmt_done(st);
		if (rc < 0)
			return rc;
		memcpy(prev, hash, sizeof(prev));
	}
	rc = db_prepare(db, c->set_head, &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, prev);
	rc = db_step(st);
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int audit_append_tx(struct db *db, const unsigned char *key,
		    const struct audit_entry *e, size_t n)
{
	return chain_append(db, key, &chain_writes, e, n);
}

int audit_append_reads(struct db *db, const unsigned char *key,
		       const struct audit_entry *e, size_t n)
{
	return audit_append_reads_marked(db, key, e, n, 0);
}

int audit_append_reads_marked(struct db *db, const unsigned char *key,
			      const struct audit_entry *e, size_t n,
			      uint64_t spool_mark)
{
	int rc = db_tx_begin(db, DB_TX_LOG);
	if (rc)
		return rc;
	rc = chain_append(db, key, &chain_reads, e, n);
	if (!rc && spool_mark)
		rc = store_exec_ints(db, "UPDATE audit_reads_spool SET no = $1 WHERE id = 1",
				     1, (int64_t)spool_mark, 0, 0, NULL);
	if (rc) {
		db_tx_rollback(db);
		return rc;
	}
	return db_tx_commit(db);
}

/* The number of the last spooled record the read log holds. */
static int spool_mark_read(struct db *db, uint64_t *out)
{
	int64_t v = 0;
	int rc = store_int1(db, "SELECT no FROM audit_reads_spool WHERE id = 1", 0, 0, 0, &v);
	*out = (uint64_t)v;
	return rc;
}

#define AUDIT_PROBLEM(res, c, s, k)                                            \
	do {                                                                   \
		if ((res)->n_problems < 32) {                                  \
			(res)->problems[(res)->n_problems].log = (c)->name;    \
			(res)->problems[(res)->n_problems].seq = (s);          \
			(res)->problems[(res)->n_problems].kind = (k);         \
		}                                                              \
		(res)->n_problems++;                                           \
	} while (0)

static int chain_verify(struct db *db, const unsigned char *key,
			const struct audit_chain *c, int64_t *rows,
			int64_t *last_seq, struct audit_verify_result *res)
{
	struct db_stmt *st;
	char prev[AUDIT_HASH_HEX] =
		"0000000000000000000000000000000000000000000000000000000000000000";
	char hash[AUDIT_HASH_HEX];
	int64_t expect = 1;
	int rc;

	rc = db_prepare(db, c->scan, &st);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t seq = db_col_int(st, 0);
		const char *stored = db_col_text(st, 9);
		(*rows)++;
		if (seq > expect) {
			/* Rows expect..seq-1 are missing; the chain link from
			 * the row before them cannot be checked. */
			AUDIT_PROBLEM(res, c, expect, "removed");
		} else if (seq < expect) {
			AUDIT_PROBLEM(res, c, seq, "inserted");
		}
		audit_hash(key, prev, seq, db_col_text(st, 1), db_col_int(st, 2),
			   db_col_text(st, 3), db_col_text(st, 4),
			   db_col_text(st, 5), db_col_int(st, 6),
			   db_col_text(st, 7), db_col_text(st, 8), hash);
		if (!stored || strcmp(hash, stored)) {
			/* A removed row shows as a broken link at the next one,
			 * already reported; anything else is a change. */
			if (seq == expect)
				AUDIT_PROBLEM(res, c, seq, "changed");
		}
		snprintf(prev, sizeof(prev), "%s", stored ? stored : "");
		expect = seq + 1;
		*last_seq = seq;
	}
	db_stmt_done(st);
	if (rc < 0)
		return rc;

	rc = db_prepare(db, c->head, &st);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		if (db_col_int(st, 0) != *last_seq ||
		    strcmp(db_col_text(st, 1), prev))
			AUDIT_PROBLEM(res, c, db_col_int(st, 0), *last_seq < db_col_int(st, 0) ? "removed" : "head");
		rc = 0;
	} else if (rc == DB_DONE) {
		AUDIT_PROBLEM(res, c, 0, "head");
	}
	db_stmt_done(st);
	return rc < 0 ? rc : 0;
}
#undef AUDIT_PROBLEM

int audit_verify(struct db *db, const unsigned char *key,
		 struct audit_verify_result *res)
{
	memset(res, 0, sizeof(*res));
	int rc = chain_verify(db, key, &chain_writes, &res->rows,
			      &res->last_seq, res);
	if (rc)
		return rc;
	rc = db_reads_attach(db);
	if (rc)
		return rc;
	rc = chain_verify(db, key, &chain_reads, &res->read_rows,
			  &res->read_last_seq, res);
	int rc2 = db_reads_detach(db);
	return rc ? rc : rc2;
}

int audit_key_load(const char *path, int create, unsigned char *key)
{
	char hex[2 * AUDIT_KEY_BYTES + 2];
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT || !create)
			return ERR_IO;
		randombytes_buf(key, AUDIT_KEY_BYTES);
		sodium_bin2hex(hex, sizeof(hex), key, AUDIT_KEY_BYTES);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0)
			return ERR_IO;
		size_t len = strlen(hex);
		hex[len] = '\n';
		int ok = write(fd, hex, len + 1) == (ssize_t)(len + 1) && fsync(fd) == 0;
		close(fd);
		sodium_memzero(hex, sizeof(hex));
		return ok ? 0 : ERR_IO;
	}
	size_t n = fread(hex, 1, sizeof(hex) - 1, f);
	fclose(f);
	hex[n] = '\0';
	size_t bin_len = 0;
	int rc = sodium_hex2bin(key, AUDIT_KEY_BYTES, hex, n, " \n\r\t", &bin_len, NULL);
	sodium_memzero(hex, sizeof(hex));
	if (rc || bin_len != AUDIT_KEY_BYTES)
		return ERR_INVALID;
	return 0;
}

/* ---- the group-commit writer ---- */

/* How long the writer lets a group form before committing a small one:
 * nobody waits for the commit, so this costs no latency, and it turns a
 * commit per read into a commit per few dozen under load. */
#define AUDIT_LINGER_NS (1000 * 1000L)
#define AUDIT_BATCH_GOOD 256          /* commit at once from this size */
#define AUDIT_RETRY_MAX_MS 1000
#define AUDIT_STOP_ATTEMPTS 5         /* while stopping, then give up */
#define AUDIT_CHECKPOINT_NS (1000 * 1000000LL)

struct audit_log {
	struct db_pool *pool;
	unsigned char key[AUDIT_KEY_BYTES];
	pthread_t thread;
	pthread_t flusher;
	pthread_mutex_t mu;
	pthread_cond_t cv;        /* entries queued while the writer idles */
	pthread_cond_t flush_cv;  /* the flusher's tick; stopping */
	pthread_cond_t synced_cv; /* committed moved on */
	struct audit_entry *queue; /* ring buffer */
	size_t head, count;
	uint64_t submitted, committed; /* entries since the start */
	struct audit_spool *spool;     /* NULL: records live in memory only */
	uint64_t spool_base; /* spool number of this run's first record, minus 1 */
	int writer_idle; /* waiting on cv: a submission must signal */
	int gave_up;     /* stopped with records unwritten (still spooled) */
	int failing;     /* the last attempt failed: refuse new reads */
	int stopping;
	int stopped; /* audit_log_stop has run (or is running) */
	int has_flusher;
};

/* CLOCK_REALTIME now + ns: a deadline for pthread_cond_timedwait. */
static struct timespec deadline_in(int64_t ns)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	ns += t.tv_nsec;
	t.tv_sec += (time_t)(ns / 1000000000);
	t.tv_nsec = (long)(ns % 1000000000);
	return t;
}

static void sleep_ns(long ns)
{
	struct timespec t = {ns / 1000000000L, ns % 1000000000L};
	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

/* The writer's connection, with the read log attached; NULL on failure. */
static struct db *writer_db(struct audit_log *log)
{
	struct db *db;
	if (db_pool_acquire(log->pool, &db))
		return NULL;
	if (db_reads_attach(db) || db_set_group_durability(db)) {
		db_reads_detach(db);
		db_pool_release(log->pool, db);
		return NULL;
	}
	return db;
}

static void writer_db_release(struct audit_log *log, struct db *db)
{
	if (!db)
		return;
	db_flush(db);
	db_set_full_durability(db);
	db_reads_detach(db);
	db_pool_release(log->pool, db);
}

static void *audit_thread(void *arg)
{
	struct audit_log *log = arg;
	struct audit_entry *batch = malloc(AUDIT_BATCH_MAX * sizeof(*batch));
	struct db *db = NULL;
	int64_t checkpointed = time_mono_ns();
	unsigned retry_ms = 0, attempts_stopping = 0;

	pthread_mutex_lock(&log->mu);
	for (;;) {
		while (log->count == 0 && !log->stopping) {
			log->writer_idle = 1;
			pthread_cond_wait(&log->cv, &log->mu);
			log->writer_idle = 0;
		}
		if (log->count == 0)
			break; /* stopping, and everything is written */
		if (log->count < AUDIT_BATCH_GOOD && !log->stopping && !retry_ms) {
			pthread_mutex_unlock(&log->mu);
			sleep_ns(AUDIT_LINGER_NS);
			pthread_mutex_lock(&log->mu);
		}
		size_t n = log->count < AUDIT_BATCH_MAX ? log->count : AUDIT_BATCH_MAX;
		for (size_t i = 0; i < n; i++)
			batch[i] = log->queue[(log->head + i) % AUDIT_QUEUE_MAX];
		pthread_mutex_unlock(&log->mu);

		int rc = batch ? 0 : ERR_NOMEM;
		if (!rc && !db && !(db = writer_db(log)))
			rc = ERR_DB;
		if (!rc)
			rc = audit_append_reads_marked(db, log->key, batch, n,
						       log->spool ? log->spool_base + log->committed + n : 0);
		if (!rc && time_mono_ns() - checkpointed >= AUDIT_CHECKPOINT_NS) {
			/* The only writer of the read log checkpoints it between
			 * its own commits, so the checkpoint catches up and the
			 * WAL starts over instead of growing. */
			db_checkpoint(db);
			checkpointed = time_mono_ns();
		}

		pthread_mutex_lock(&log->mu);
		if (!rc) {
			log->head = (log->head + n) % AUDIT_QUEUE_MAX;
			log->count -= n;
			log->committed += n;
			log->failing = 0;
			retry_ms = 0;
			pthread_cond_broadcast(&log->synced_cv);
			continue;
		}
		/* Keep the entries (their reads were answered) and retry;
		 * meanwhile submissions are refused. */
		if (!log->failing)
			log_error("audit: writing %zu read records failed (%s); refusing reads until it works",
				  n, err_name(rc));
		log->failing = 1;
		if (log->stopping && ++attempts_stopping >= AUDIT_STOP_ATTEMPTS) {
			log_error("audit: giving up on %zu read records at shutdown", log->count);
			log->gave_up = 1;
			log->committed += log->count; /* still spooled: replayed at the next start */
			log->count = 0;
			pthread_cond_broadcast(&log->synced_cv);
			break;
		}
		pthread_mutex_unlock(&log->mu);
		if (db) { /* a fresh connection for the next attempt */
			db_reads_detach(db);
			db_pool_release(log->pool, db);
			db = NULL;
		}
		retry_ms = retry_ms ? retry_ms * 2 : 10;
		if (retry_ms > AUDIT_RETRY_MAX_MS)
			retry_ms = AUDIT_RETRY_MAX_MS;
		sleep_ns((long)retry_ms * 1000000L);
		pthread_mutex_lock(&log->mu);
	}
	pthread_mutex_unlock(&log->mu);
	writer_db_release(log, db);
	free(batch);
	return NULL;
}

/* Bounds what a power loss could take of the group-durable read records:
 * flushes at least every AUDIT_FLUSH_NS, on its own thread and connection
 * so that the writer never waits for the disk. */
static void *audit_flusher(void *arg)
{
	struct audit_log *log = arg;
	struct db *db = NULL;
	pthread_mutex_lock(&log->mu);
	while (!log->stopping) {
		struct timespec until = deadline_in(AUDIT_FLUSH_NS);
		pthread_cond_timedwait(&log->flush_cv, &log->mu, &until);
		if (log->stopping)
			break;
		pthread_mutex_unlock(&log->mu);
		if (!db && db_pool_acquire(log->pool, &db) == 0 &&
		    db_reads_attach(db) != 0) {
			db_pool_release(log->pool, db);
			db = NULL;
		}
		if (db)
			db_flush(db);
		pthread_mutex_lock(&log->mu);
	}
	pthread_mutex_unlock(&log->mu);
	if (db) {
		db_reads_detach(db);
		db_pool_release(log->pool, db);
	}
	return NULL;
}

/* Appends what a killed server left in the spool (records numbered above
 * the read log's mark), and sets the numbering to go on from there. */
static int spool_recover(struct audit_log *log)
{
	struct db *db;
	struct audit_spooled *rec = NULL;
	size_t n = 0;
	uint64_t mark = 0;
	int rc = db_pool_acquire(log->pool, &db);
	if (rc)
		return rc;
	rc = db_reads_attach(db);
	if (!rc)
		rc = spool_mark_read(db, &mark);
	if (!rc)
		rc = audit_spool_pending(log->spool, mark, &rec, &n);
	struct audit_entry *es = n ? malloc(n * sizeof(*es)) : NULL;
	if (!rc && n && !es)
		rc = ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		es[i] = rec[i].e;
	for (size_t i = 0; !rc && i < n; i += AUDIT_BATCH_MAX) {
		size_t k = n - i < AUDIT_BATCH_MAX ? n - i : AUDIT_BATCH_MAX;
		rc = audit_append_reads_marked(db, log->key, es + i, k, rec[i + k - 1].no);
	}
	if (!rc && n)
		log_warn("audit: %zu read records from the spool appended (the server had stopped without writing them)", n);
	log->spool_base = n ? rec[n - 1].no : mark;
	free(es);
	free(rec);
	db_reads_detach(db);
	db_pool_release(log->pool, db);
	return rc;
}

int audit_log_new(struct db_pool *pool, const unsigned char *key,
		  const char *spool_path, struct audit_log **out)
{
	struct audit_log *log = calloc(1, sizeof(*log));
	if (!log)
		return ERR_NOMEM;
	log->queue = calloc(AUDIT_QUEUE_MAX, sizeof(*log->queue));
	if (!log->queue) {
		free(log);
		return ERR_NOMEM;
	}
	log->pool = pool;
	memcpy(log->key, key, AUDIT_KEY_BYTES);
	if (spool_path) {
		int rc = audit_spool_open(spool_path, key, AUDIT_QUEUE_MAX, &log->spool);
		if (!rc)
			rc = spool_recover(log);
		if (rc) {
			log_error("audit: the read records' spool could not be recovered: %s", err_name(rc));
			audit_spool_close(log->spool);
			free(log->queue);
			free(log);
			return rc;
		}
	}
	pthread_mutex_init(&log->mu, NULL);
	pthread_cond_init(&log->cv, NULL);
	pthread_cond_init(&log->flush_cv, NULL);
	pthread_cond_init(&log->synced_cv, NULL);
	if (pthread_create(&log->thread, NULL, audit_thread, log)) {
		audit_spool_close(log->spool);
		free(log->queue);
		free(log);
		return ERR_NOMEM;
	}
	if (pthread_create(&log->flusher, NULL, audit_flusher, log)) {
		audit_log_free(log);
		return ERR_NOMEM;
	}
	log->has_flusher = 1;
	*out = log;
	return 0;
}

void audit_log_stop(struct audit_log *log)
{
	if (!log)
		return;
	pthread_mutex_lock(&log->mu);
	int already = log->stopped;
	log->stopping = 1;
	log->stopped = 1;
	pthread_cond_signal(&log->cv);
	pthread_cond_signal(&log->flush_cv);
	pthread_mutex_unlock(&log->mu);
	if (already)
		return;
	pthread_join(log->thread, NULL);
	if (log->has_flusher)
		pthread_join(log->flusher, NULL);
	if (log->spool && !log->gave_up)
		audit_spool_clear(log->spool); /* the read log holds them all */
}

void audit_log_free(struct audit_log *log)
{
	if (!log)
		return;
	audit_log_stop(log);
	pthread_cond_destroy(&log->synced_cv);
	pthread_cond_destroy(&log->flush_cv);
	pthread_mutex_destroy(&log->mu);
	pthread_cond_destroy(&log->cv);
	sodium_memzero(log->key, sizeof(log->key));
	audit_spool_close(log->spool);
	free(log->queue);
	free(log);
}

const unsigned char *audit_log_key(const struct audit_log *log)
{
	return log->key;
}

int audit_log_submit(struct audit_log *log, struct audit_entry *e, size_t n)
{
	if (n == 0 || n > AUDIT_BATCH_MAX)
		return ERR_INVALID;
	pthread_mutex_lock(&log->mu);
	if (log->stopping || log->failing || log->count + n > AUDIT_QUEUE_MAX) {
		pthread_mutex_unlock(&log->mu);
		return ERR_BUSY;
	}
	/* Stamped under the lock: the chain's order is the order of time. */
	int64_t now = time_now_ms();
	for (size_t i = 0; i < n; i++) {
		e[i].ts_ms = now;
		if (log->spool)
			audit_spool_put(log->spool, log->spool_base + log->submitted + i + 1, &e[i]);
		log->queue[(log->head + log->count) % AUDIT_QUEUE_MAX] = e[i];
		log->count++;
	}
	log->submitted += n;
	if (log->writer_idle)
		pthread_cond_signal(&log->cv);
	pthread_mutex_unlock(&log->mu);
	return 0;
}

void audit_log_stats(struct audit_log *log, struct audit_log_stats *out)
{
	pthread_mutex_lock(&log->mu);
	out->submitted = log->submitted;
	out->committed = log->committed;
	out->queued = log->count;
	out->failing = log->failing;
	pthread_mutex_unlock(&log->mu);
}

int audit_log_sync(struct audit_log *log, int timeout_ms)
{
	struct timespec until = deadline_in((int64_t)timeout_ms * 1000000);
	int rc = 0;
	pthread_mutex_lock(&log->mu);
	uint64_t target = log->submitted;
	while (log->committed < target && !rc)
		if (pthread_cond_timedwait(&log->synced_cv, &log->mu, &until) == ETIMEDOUT)
			rc = log->committed < target ? ERR_BUSY : 0;
	pthread_mutex_unlock(&log->mu);
	return rc;
}

static int audit_page_one(struct db *db, const struct audit_filter *f,
			  int reads, int64_t before, json_t **out)
{
	if (before < 0) {
		*out = json_array();
		return *out ? 0 : ERR_NOMEM;
	}
	struct store_audit_filter sf = {
		.user_id = f->user_id,
		.entity = f->entity,
		.entity_id = f->entity_id,
		.action = f->action,
		.ts_from = f->ts_from,
		.ts_before = f->ts_before,
		.before_seq = before,
		.limit = f->limit,
		.reads = reads,
	};
	return store_audit_page(db, &sf, out);
}

/* Where the next page of one log starts: below the last row shown; if
 * none was shown, where this page started (on the first page, just above
 * the newest row fetched, so that later rows do not slip in); -1 once
 * the log has no more rows. */
static int64_t audit_next_bound(json_t *rows, size_t shown, int64_t before,
				int limit)
{
	size_t n = json_array_size(rows);
	if (shown == n && n < (size_t)limit)
		return -1;
	if (shown > 0)
		return json_integer_value(json_object_get(json_array_get(rows, shown - 1), "seq"));
	if (before != 0)
		return before;
	return n ? json_integer_value(json_object_get(json_array_get(rows, 0), "seq")) + 1 : -1;
}

int audit_page(struct db *db, const struct audit_filter *f, json_t **out,
	       int64_t *next_write, int64_t *next_read)
{
	json_t *w = NULL, *r = NULL, *page;
	int rc = audit_page_one(db, f, 0, f->before_write, &w);
	if (rc)
		return rc;
	rc = db_reads_attach(db);
	if (!rc) {
		rc = audit_page_one(db, f, 1, f->before_read, &r);
		int rc2 = db_reads_detach(db);
		if (!rc)
			rc = rc2;
	}
	if (rc) {
		json_decref(w);
		json_decref(r);
		return rc;
	}
	page = json_array();
	size_t i = 0, j = 0, nw = json_array_size(w), nr = json_array_size(r);
	while (page && json_array_size(page) < (size_t)f->limit && (i < nw || j < nr)) {
		json_t *a = i < nw ? json_array_get(w, i) : NULL;
		json_t *b = j < nr ? json_array_get(r, j) : NULL;
		/* Newest first; at the same instant, writes first. */
		int take_w = a && (!b || strcmp(json_string_value(json_object_get(a, "ts")),
						json_string_value(json_object_get(b, "ts"))) >= 0);
		json_t *row = take_w ? a : b;
		json_object_set_new(row, "log", json_string(take_w ? "write" : "read"));
		json_array_append(page, row);
		if (take_w)
			i++;
		else
			j++;
	}
	if (!page) {
		json_decref(w);
		json_decref(r);
		return ERR_NOMEM;
	}
	*next_write = audit_next_bound(w, i, f->before_write, f->limit);
	*next_read = audit_next_bound(r, j, f->before_read, f->limit);
	json_decref(w);
	json_decref(r);
	*out = page;
	return 0;
}
