/* Unit tests of the audit log: the keyed hash chains (writes and reads)
 * detect a changed, removed or inserted row and say which; the
 * group-commit writer keeps every submission, calls back once per
 * submission and never touches the main database file; the auditor's
 * pages merge both logs without repeats or gaps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/audit_spool.h"

struct fixture {
	char path[256];
	struct db_pool *pool;
	struct db *db;
	unsigned char key[AUDIT_KEY_BYTES];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int applied;
	snprintf(f->path, sizeof(f->path), "/tmp/pagalba-test-audit-%d.db", (int)getpid());
	unlink(f->path);
	char url[300];
	snprintf(url, sizeof(url), "sqlite:%s", f->path);
	if (db_pool_open(url, 4, &f->pool) || db_pool_acquire(f->pool, &f->db) ||
	    db_migrate(f->db, &applied))
		return -1;
	randombytes_buf(f->key, sizeof(f->key));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_pool_release(f->pool, f->db);
	db_pool_free(f->pool);
	char p[300];
	static const char *const suffix[] = {"", "-wal", "-shm", ".reads",
					     ".reads-wal", ".reads-shm", ".reads-spool"};
	for (size_t i = 0; i < sizeof(suffix) / sizeof(*suffix); i++) {
		snprintf(p, sizeof(p), "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	free(f);
	return 0;
}

static void append(struct fixture *f, int n)
{
	struct audit_entry e[16];
	memset(e, 0, sizeof(e));
	for (int i = 0; i < n; i++) {
		e[i].user_id = 1 + i;
		snprintf(e[i].username, sizeof(e[i].username), "user%d", i);
		e[i].action = "read";
		e[i].entity = "person";
		e[i].entity_id = 100 + i;
		snprintf(e[i].ip, sizeof(e[i].ip), "127.0.0.1");
	}
	assert_int_equal(db_tx_begin(f->db, DB_TX_WRITE), 0);
	assert_int_equal(audit_append_tx(f->db, f->key, e, (size_t)n), 0);
	assert_int_equal(db_tx_commit(f->db), 0);
}

static void intact_chain_verifies(void **state)
{
	struct fixture *f = *state;
	struct audit_verify_result r;
	append(f, 5);
	append(f, 3);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.rows, 8);
	assert_int_equal(r.last_seq, 8);
	assert_int_equal(r.n_problems, 0);
}

static void changed_row_is_named(void **state)
{
	struct fixture *f = *state;
	struct audit_verify_result r;
	append(f, 10);
	assert_int_equal(db_exec(f->db, "UPDATE audit_log SET username = 'someone' WHERE seq = 4"), 0);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.n_problems, 1);
	assert_int_equal(r.problems[0].seq, 4);
	assert_string_equal(r.problems[0].kind, "changed");
}

static void removed_rows_are_named(void **state)
{
	struct fixture *f = *state;
	struct audit_verify_result r;
	append(f, 10);
	assert_int_equal(db_exec(f->db, "DELETE FROM audit_log WHERE seq IN (6, 7)"), 0);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_true(r.n_problems >= 1);
	assert_int_equal(r.problems[0].seq, 6);
	assert_string_equal(r.problems[0].kind, "removed");
}

static void removed_tail_is_detected(void **state)
{
	struct fixture *f = *state;
	struct audit_verify_result r;
	append(f, 10);
	assert_int_equal(db_exec(f->db, "DELETE FROM audit_log WHERE seq >= 9"), 0);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.n_problems, 1);
	assert_string_equal(r.problems[0].kind, "removed");
}

static void inserted_row_is_named(void **state)
{
	struct fixture *f = *state;
	struct audit_verify_result r;
	append(f, 4);
	/* A forged row appended at the end, with a made-up hash, and the
	 * head moved to match: the chain link breaks at the forged row. */
	assert_int_equal(db_exec(f->db, "INSERT INTO audit_log (seq, ts, user_id, username, action, entity, entity_id, ip, reason, hash) VALUES (5, '2026-01-01T00:00:00.000Z', 1, 'x', 'read', 'person', 1, '', '', 'ff')"), 0);
	assert_int_equal(db_exec(f->db, "UPDATE audit_head SET seq = 5, hash = 'ff'"), 0);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.n_problems, 1);
	assert_int_equal(r.problems[0].seq, 5);
	assert_string_equal(r.problems[0].kind, "changed");
}

static void wrong_key_fails_everything(void **state)
{
	struct fixture *f = *state;
	struct audit_verify_result r;
	unsigned char other[AUDIT_KEY_BYTES];
	append(f, 3);
	randombytes_buf(other, sizeof(other));
	assert_int_equal(audit_verify(f->db, other, &r), 0);
	assert_true(r.n_problems >= 3);
}

struct submitter {
	struct audit_log *log;
};

static void *submit_many(void *arg)
{
	struct submitter *s = arg;
	struct audit_entry e[2];
	memset(e, 0, sizeof(e));
	e[0].action = e[1].action = "read";
	e[0].entity = e[1].entity = "person";
	for (int i = 0; i < 250; i++) {
		e[0].entity_id = i;
		while (audit_log_submit(s->log, e, 2) == ERR_BUSY)
			usleep(100);
	}
	return NULL;
}

static void group_commit_keeps_every_submission(void **state)
{
	struct fixture *f = *state;
	struct audit_log *log;
	struct submitter s;
	pthread_t th[4];
	struct audit_verify_result r;

	assert_int_equal(audit_log_new(f->pool, f->key, NULL, &log), 0);
	s.log = log;
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, submit_many, &s);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	audit_log_free(log); /* drains the queue */
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.read_rows, 2000);
	assert_int_equal(r.read_last_seq, 2000);
	assert_int_equal(r.rows, 0);
	assert_int_equal(r.n_problems, 0);
}

/* A read record of a person's card. */
static struct audit_entry person_read(int64_t user_id, int64_t person_id)
{
	struct audit_entry e;
	memset(&e, 0, sizeof(e));
	e.user_id = user_id;
	e.action = "read";
	e.entity = "person";
	e.entity_id = person_id;
	return e;
}

/* What an auditor's query relies on: after audit_log_sync every entry
 * submitted before it is committed, with the server still running; and
 * each entry carries the time it was submitted, not the commit's. */
static void sync_waits_for_the_queued_entries(void **state)
{
	struct fixture *f = *state;
	struct audit_log *log;
	struct audit_entry e;
	struct audit_verify_result r;
	assert_int_equal(audit_log_new(f->pool, f->key, NULL, &log), 0);
	for (int i = 1; i <= 300; i++) {
		e = person_read(0, i);
		assert_int_equal(audit_log_submit(log, &e, 1), 0);
		assert_true(e.ts_ms > 0); /* stamped on submission */
	}
	assert_int_equal(audit_log_sync(log, 5000), 0);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.read_rows, 300);
	assert_int_equal(r.n_problems, 0);
	/* Stopped: refused, so the caller discloses nothing. */
	audit_log_stop(log);
	assert_int_equal(audit_log_submit(log, &e, 1), ERR_BUSY);
	audit_log_free(log);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.read_rows, 300);
}

/* What a killed server leaves: records in the spool beyond the read log's
 * mark. The next audit_log_new appends them once, in order, with their
 * own times, and none the log already holds; a torn slot is skipped; the
 * numbering goes on after them; a clean stop empties the spool. */
static void spooled_records_survive_a_kill(void **state)
{
	struct fixture *f = *state;
	char spool[300];
	struct audit_spool *sp;
	struct audit_log *log;
	struct audit_verify_result r;
	struct audit_entry e = person_read(3, 0);
	snprintf(spool, sizeof(spool), "%s.reads-spool", f->path);
	snprintf(e.username, sizeof(e.username), "socdarb");

	/* A run that queued 5 records and died before writing them: 1-5
	 * are in the spool; 6 was being written when it died (torn). */
	assert_int_equal(audit_spool_open(spool, f->key, 16384, &sp), 0);
	for (int i = 1; i <= 6; i++) {
		e.entity_id = 100 + i;
		e.ts_ms = 1700000000000LL + i;
		audit_spool_put(sp, (uint64_t)i, &e);
	}
	audit_spool_close(sp);
	FILE *fp = fopen(spool, "r+b");
	assert_non_null(fp);
	struct audit_spooled *pend;
	size_t n;
	assert_int_equal(audit_spool_open(spool, f->key, 16384, &sp), 0);
	assert_int_equal(audit_spool_pending(sp, 0, &pend, &n), 0);
	assert_int_equal(n, 6);
	free(pend);
	audit_spool_close(sp);
	/* Tear slot 6: one byte in its middle changes. */
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	long slot = ftell(fp) / 16384;
	assert_int_equal(fseek(fp, 6 * slot + slot / 2, SEEK_SET), 0);
	fputc('#', fp);
	fclose(fp);
	/* And it had committed 1-3, with their mark, before it died. */
	struct audit_entry done[3];
	for (int i = 0; i < 3; i++) {
		done[i] = e;
		done[i].entity_id = 101 + i;
		done[i].ts_ms = 1700000000000LL + 1 + i;
	}
	assert_int_equal(db_reads_attach(f->db), 0);
	assert_int_equal(audit_append_reads_marked(f->db, f->key, done, 3, 3), 0);
	assert_int_equal(db_reads_detach(f->db), 0);

	/* The next start appends 4 and 5 only. */
	assert_int_equal(audit_log_new(f->pool, f->key, spool, &log), 0);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.read_rows, 5);
	assert_int_equal(r.n_problems, 0);
	/* This run goes on numbering from there and commits with a mark. */
	e.entity_id = 200;
	assert_int_equal(audit_log_submit(log, &e, 1), 0);
	assert_int_equal(audit_log_sync(log, 5000), 0);
	audit_log_free(log);
	/* A clean stop emptied the spool; a second start replays nothing. */
	assert_int_equal(audit_spool_open(spool, f->key, 16384, &sp), 0);
	assert_int_equal(audit_spool_pending(sp, 0, &pend, &n), 0);
	assert_int_equal(n, 0);
	audit_spool_close(sp);
	assert_int_equal(audit_log_new(f->pool, f->key, spool, &log), 0);
	audit_log_free(log);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.read_rows, 6);
	assert_int_equal(r.n_problems, 0);

	/* The replayed records kept their order. */
	struct db_stmt *st;
	assert_int_equal(db_reads_attach(f->db), 0);
	assert_int_equal(db_prepare(f->db, "SELECT entity_id, ts FROM audit_reads ORDER BY seq", &st), 0);
	for (int i = 1; i <= 5; i++) {
		assert_int_equal(db_step(st), DB_ROW);
		assert_int_equal(db_col_int(st, 0), 100 + i);
	}
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 200);
	db_stmt_done(st);
	assert_int_equal(db_reads_detach(f->db), 0);
}

static int64_t data_version(struct db *db)
{
	struct db_stmt *st;
	assert_int_equal(db_prepare(db, "PRAGMA main.data_version", &st), 0);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t v = db_col_int(st, 0);
	db_stmt_done(st);
	return v;
}

/* The point of the read log's own file: a reader's view of the main file
 * does not change (so SQLite keeps its page cache and mapping) while
 * reads are being recorded, and does change on a write. */
static void read_records_leave_the_main_file_alone(void **state)
{
	struct fixture *f = *state;
	struct audit_log *log;
	struct audit_entry e = person_read(0, 7);
	struct audit_verify_result r;

	int64_t before = data_version(f->db);
	assert_int_equal(audit_log_new(f->pool, f->key, NULL, &log), 0);
	for (int i = 0; i < 50; i++)
		assert_int_equal(audit_log_submit(log, &e, 1), 0);
	audit_log_free(log);
	assert_int_equal(data_version(f->db), before);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.read_rows, 50);

	struct db *other;
	assert_int_equal(db_pool_acquire(f->pool, &other), 0);
	int64_t seen = data_version(other);
	append(f, 1); /* a write's record goes with the write, in the main file */
	assert_true(data_version(other) != seen);
	db_pool_release(f->pool, other);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.rows, 1);
	assert_int_equal(r.n_problems, 0);
}

static void append_reads(struct fixture *f, int n)
{
	struct audit_entry e[16];
	memset(e, 0, sizeof(e));
	for (int i = 0; i < n; i++) {
		e[i].user_id = 1;
		e[i].action = "read";
		e[i].entity = "person";
		e[i].entity_id = 200 + i;
	}
	assert_int_equal(db_reads_attach(f->db), 0);
	assert_int_equal(audit_append_reads(f->db, f->key, e, (size_t)n), 0);
	assert_int_equal(db_reads_detach(f->db), 0);
}

static void changed_read_row_is_named(void **state)
{
	struct fixture *f = *state;
	struct audit_verify_result r;
	append(f, 3);
	append_reads(f, 6);
	assert_int_equal(db_reads_attach(f->db), 0);
	assert_int_equal(db_exec(f->db, "UPDATE audit_reads SET entity_id = 1 WHERE seq = 2"), 0);
	assert_int_equal(db_exec(f->db, "DELETE FROM audit_reads WHERE seq = 5"), 0);
	assert_int_equal(db_reads_detach(f->db), 0);
	assert_int_equal(audit_verify(f->db, f->key, &r), 0);
	assert_int_equal(r.rows, 3);
	assert_int_equal(r.read_rows, 5);
	assert_int_equal(r.n_problems, 2);
	assert_string_equal(r.problems[0].log, "read");
	assert_int_equal(r.problems[0].seq, 2);
	assert_string_equal(r.problems[0].kind, "changed");
	assert_string_equal(r.problems[1].log, "read");
	assert_int_equal(r.problems[1].seq, 5);
	assert_string_equal(r.problems[1].kind, "removed");
}

/* Pages of 3 over 5 writes and 7 reads, interleaved in time: every entry
 * once, newest first, each log in descending seq. */
static void pages_merge_both_logs(void **state)
{
	struct fixture *f = *state;
	for (int round = 0; round < 5; round++) {
		append(f, 1);
		append_reads(f, round < 2 ? 3 : 1);
		usleep(2000); /* distinct timestamps (ms) between rounds */
	}
	struct audit_filter flt;
	memset(&flt, 0, sizeof(flt));
	flt.limit = 3;
	int seen_w = 0, seen_r = 0, pages = 0;
	int64_t last_w = INT64_MAX, last_r = INT64_MAX;
	char last_ts[64] = "9999";
	for (;;) {
		json_t *rows;
		int64_t nw, nr;
		assert_int_equal(audit_page(f->db, &flt, &rows, &nw, &nr), 0);
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) {
			const char *ts = json_string_value(json_object_get(row, "ts"));
			int64_t seq = json_integer_value(json_object_get(row, "seq"));
			assert_true(strcmp(ts, last_ts) <= 0);
			snprintf(last_ts, sizeof(last_ts), "%s", ts);
			if (!strcmp(json_string_value(json_object_get(row, "log")), "write")) {
				assert_true(seq < last_w);
				last_w = seq;
				seen_w++;
			} else {
				assert_true(seq < last_r);
				last_r = seq;
				seen_r++;
			}
		}
		size_t n = json_array_size(rows);
		json_decref(rows);
		pages++;
		assert_true(pages < 10);
		if (n < 3 || (nw == -1 && nr == -1))
			break;
		flt.before_write = nw;
		flt.before_read = nr;
	}
	assert_int_equal(seen_w, 5);
	assert_int_equal(seen_r, 9);
	assert_int_equal(last_w, 1);
	assert_int_equal(last_r, 1);
}

static void key_file_is_created_and_read_back(void **state)
{
	unsigned char k1[AUDIT_KEY_BYTES], k2[AUDIT_KEY_BYTES];
	char path[128];
	(void)state;
	snprintf(path, sizeof(path), "/tmp/pagalba-test-key-%d", (int)getpid());
	unlink(path);
	assert_int_equal(audit_key_load(path, 0, k1), ERR_IO);
	assert_int_equal(audit_key_load(path, 1, k1), 0);
	assert_int_equal(audit_key_load(path, 0, k2), 0);
	assert_memory_equal(k1, k2, sizeof(k1));
	FILE *fp = fopen(path, "w");
	fputs("not hex\n", fp);
	fclose(fp);
	assert_int_equal(audit_key_load(path, 0, k2), ERR_INVALID);
	unlink(path);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(intact_chain_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(changed_row_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(removed_rows_are_named, setup, teardown),
		cmocka_unit_test_setup_teardown(removed_tail_is_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(inserted_row_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_key_fails_everything, setup, teardown),
		cmocka_unit_test_setup_teardown(group_commit_keeps_every_submission, setup, teardown),
		cmocka_unit_test_setup_teardown(sync_waits_for_the_queued_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(spooled_records_survive_a_kill, setup, teardown),
		cmocka_unit_test_setup_teardown(read_records_leave_the_main_file_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(changed_read_row_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(pages_merge_both_logs, setup, teardown),
		cmocka_unit_test(key_file_is_created_and_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
