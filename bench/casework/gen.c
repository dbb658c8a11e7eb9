/*
 * gen.c - casework-gen: fills a demo database (`pagalba demo --persons
 * 100000`) with case work for the benchmark: per person one active case
 * (and a second one, in another department, for every tenth person), an
 * assigning decision with a frozen payment, one or two decision services
 * with frozen prices, and N delivered-service rows spread evenly over the
 * 12 months 2025-11 .. 2026-10, in date order as real entry would make
 * them. About 1 row in 200 is voided and 1 in 300 corrected (the old row
 * points at the new one), so the billing query meets real chains.
 *
 *   casework-gen --db PATH --deliveries N [--seed S]
 *
 * Reproducible: the same seed and N give the same rows (ids included).
 * The demo's own few cases are kept (they have no deliveries).
 * Fast: one transaction, prepared statements reused, the deliveries'
 * secondary indexes dropped during the load and built once afterwards,
 * and for the load only journal_mode=OFF, synchronous=OFF,
 * foreign_keys=OFF, a 512 MiB page cache (the index sorts stay in memory)
 * and two sorter threads (a failed run leaves a broken file: the caller builds
 * into a temporary name and renames it when this exits 0). WAL mode is
 * restored at the end. SQLite only; the SQL is this tool's own, like
 * `pagalba demo`'s.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MONTHS 12
#define FIRST_YEAR 2025
#define FIRST_MONTH 11

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	/* splitmix64 */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(rng_next(r) % n);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "casework-gen: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "casework-gen: %s\n  in: %.200s\n", err ? err : "?", sql);
		exit(1);
	}
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		die(db, sql);
	return st;
}

static void step_done(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die(db, "insert");
	sqlite3_reset(st);
}

static int64_t scalar(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = prep(db, sql);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return v;
}

/* The services the benchmark uses: code, names, unit, limit per week
 * (hundredths, 0 = none), payment rule, price in cents, decided amount
 * per week, units of one delivery (min, max, hundredths). */
static const struct svc {
	const char *code, *lt, *en, *unit;
	int limit_week, price, amount, umin, umax;
	const char *rule;
} services[] = {
	{"bench_home_help", "Pagalba į namus", "Home help", "hour", 1000, 850, 800, 100, 300, "home_help"},
	{"bench_meals", "Maitinimo organizavimas", "Meals", "meal", 0, 320, 700, 100, 200, "general"},
	{"bench_day_care", "Dienos socialinė globa", "Day care", "day", 0, 2400, 500, 100, 100, "day_care"},
	{"bench_hygiene", "Asmens higienos paslaugos", "Hygiene services", "visit", 0, 500, 200, 100, 100, "general"},
};
#define N_SERVICES (sizeof(services) / sizeof(services[0]))

/* One decision service: what deliveries pick from. */
struct dsv {
	int64_t id, case_id, person_id, service_id;
	int svc;
};

static void days_of_span(int *dates, int *n)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = FIRST_YEAR, m = FIRST_MONTH;
	*n = 0;
	for (int k = 0; k < MONTHS; k++) {
		int last = mdays[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 || y % 400 == 0));
		for (int d = 1; d <= last; d++)
			dates[(*n)++] = y * 10000 + m * 100 + d;
		if (++m == 13) {
			m = 1;
			y++;
		}
	}
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	long long n_rows = -1;
	uint64_t seed = 7;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			path = argv[i + 1];
		else if (!strcmp(argv[i], "--deliveries"))
			n_rows = atoll(argv[i + 1]);
		else if (!strcmp(argv[i], "--seed"))
			seed = strtoull(argv[i + 1], NULL, 10);
	}
	if (!path || n_rows < 0) {
		fprintf(stderr, "usage: casework-gen --db PATH --deliveries N [--seed S]\n");
		return 2;
	}
	struct rng r = {seed * 0x2545f4914f6cdd1dull + 1};
	sqlite3 *db;
	double t0 = now_s();
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(db, "open");
	/* The demo's own few cases stay; the generated ones come on top. */
	if (scalar(db, "SELECT COUNT(*) FROM deliveries"))
		die(NULL, "the database already has deliveries (start from a fresh demo)");
	exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;"
		 " PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY; PRAGMA threads=2;");
	exec(db, "BEGIN");
	/* The deliveries' secondary indexes as the migrations define them,
	 * dropped for the load and built again from the same SQL. */
	char *index_sql[8];
	int n_index = 0;
	sqlite3_stmt *ix = prep(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
				    " AND tbl_name = 'deliveries' AND sql IS NOT NULL");
	while (sqlite3_step(ix) == SQLITE_ROW && n_index < 8) {
		char drop[128];
		index_sql[n_index++] = strdup((const char *)sqlite3_column_text(ix, 1));
		snprintf(drop, sizeof(drop), "DROP INDEX \"%s\"", (const char *)sqlite3_column_text(ix, 0));
		sqlite3_reset(ix);
		exec(db, drop);
	}
	sqlite3_finalize(ix);

	/* Services and their prices. */
	int64_t svc_id[N_SERVICES];
	sqlite3_stmt *ins_svc = prep(db,
		"INSERT INTO services (code, name_lt, name_en, kind, unit, limit_x100, limit_period,"
		" payment_rule, created_at, updated_at) VALUES (?1, ?2, ?3, 'social_supervision', ?4,"
		" ?5, ?6, ?7, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')"
		" ON CONFLICT (code) DO NOTHING");
	sqlite3_stmt *get_svc = prep(db, "SELECT id FROM services WHERE code = ?1");
	sqlite3_stmt *ins_price = prep(db,
		"INSERT INTO service_prices (service_id, valid_from, price_cents, created_at)"
		" VALUES (?1, '2025-01-01', ?2, '2025-01-01T00:00:00.000Z') ON CONFLICT DO NOTHING");
	for (size_t i = 0; i < N_SERVICES; i++) {
		const struct svc *s = &services[i];
		sqlite3_bind_text(ins_svc, 1, s->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_svc, 2, s->lt, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_svc, 3, s->en, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_svc, 4, s->unit, -1, SQLITE_STATIC);
		if (s->limit_week) {
			sqlite3_bind_int(ins_svc, 5, s->limit_week);
			sqlite3_bind_text(ins_svc, 6, "week", -1, SQLITE_STATIC);
		} else {
			sqlite3_bind_null(ins_svc, 5);
			sqlite3_bind_null(ins_svc, 6);
		}
		sqlite3_bind_text(ins_svc, 7, s->rule, -1, SQLITE_STATIC);
		step_done(db, ins_svc);
		sqlite3_bind_text(get_svc, 1, s->code, -1, SQLITE_STATIC);
		if (sqlite3_step(get_svc) != SQLITE_ROW)
			die(db, "service id");
		svc_id[i] = sqlite3_column_int64(get_svc, 0);
		sqlite3_reset(get_svc);
		sqlite3_bind_int64(ins_price, 1, svc_id[i]);
		sqlite3_bind_int(ins_price, 2, s->price);
		step_done(db, ins_price);
	}

	/* Persons with their first department, in id order. */
	int64_t n_persons = scalar(db, "SELECT COUNT(*) FROM persons WHERE merged_into IS NULL");
	int64_t n_depts = scalar(db, "SELECT COUNT(*) FROM departments");
	int64_t min_dept = scalar(db, "SELECT MIN(id) FROM departments");
	int64_t director = scalar(db, "SELECT id FROM users WHERE role = 'director' ORDER BY id LIMIT 1");
	int64_t n_staff = scalar(db, "SELECT COUNT(*) FROM staff");
	int64_t min_staff = scalar(db, "SELECT MIN(id) FROM staff");
	if (n_persons == 0 || n_depts == 0 || n_staff == 0)
		die(NULL, "no persons, departments or staff: run `pagalba demo` first");
	struct dsv *ds = malloc(sizeof(*ds) * (size_t)n_persons * 4);
	size_t n_ds = 0;
	if (!ds)
		die(NULL, "out of memory");

	sqlite3_stmt *persons = prep(db,
		"SELECT p.id, (SELECT MIN(department_id) FROM person_departments pd WHERE pd.person_id = p.id)"
		" FROM persons p WHERE p.merged_into IS NULL ORDER BY p.id");
	sqlite3_stmt *ins_case = prep(db,
		"INSERT INTO cases (person_id, department_id, status, opened_on, created_by, created_at,"
		" updated_at) VALUES (?1, ?2, 'active', ?3, ?4, ?5, ?5) RETURNING id");
	sqlite3_stmt *ins_dec = prep(db,
		"INSERT INTO decisions (case_id, kind, number, decided_on, payment_rule, payment_cents,"
		" payment_result, decided_by, created_at) VALUES (?1, 'assign', ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		" RETURNING id");
	sqlite3_stmt *ins_ds = prep(db,
		"INSERT INTO decision_services (decision_id, case_id, service_id, amount_x100, period,"
		" start_on, end_on, price_cents) VALUES (?1, ?2, ?3, ?4, 'week', '2025-10-01', NULL, ?5)"
		" RETURNING id");
	int64_t n_cases = 0; /* generated ones */
	while (sqlite3_step(persons) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(persons, 0);
		int64_t dept = sqlite3_column_type(persons, 1) == SQLITE_NULL
				       ? min_dept + rng_below(&r, (uint32_t)n_depts)
				       : sqlite3_column_int64(persons, 1);
		int cases_here = rng_below(&r, 10) == 0 ? 2 : 1;
		for (int k = 0; k < cases_here; k++) {
			int64_t case_dept = k == 0 ? dept : min_dept + (dept - min_dept + 1) % n_depts;
			char num[32], result[160];
			sqlite3_bind_int64(ins_case, 1, pid);
			sqlite3_bind_int64(ins_case, 2, case_dept);
			sqlite3_bind_text(ins_case, 3, "2025-09-15", -1, SQLITE_STATIC);
			sqlite3_bind_int64(ins_case, 4, director);
			sqlite3_bind_text(ins_case, 5, "2025-09-15T08:00:00.000Z", -1, SQLITE_STATIC);
			if (sqlite3_step(ins_case) != SQLITE_ROW)
				die(db, "case");
			int64_t cid = sqlite3_column_int64(ins_case, 0);
			sqlite3_reset(ins_case);
			n_cases++;
			/* The first service decides the payment rule. */
			int s0 = (int)rng_below(&r, N_SERVICES);
			int two = rng_below(&r, 2);
			int s1 = (s0 + 1 + (int)rng_below(&r, N_SERVICES - 1)) % (int)N_SERVICES;
			int64_t pay = (int64_t)rng_below(&r, 16) * 1000; /* 0 .. 150 EUR */
			snprintf(num, sizeof(num), "SP-%lld", (long long)cid);
			snprintf(result, sizeof(result),
				 "{\"payment\":%lld,\"rule\":\"%s\",\"lines\":[]}", (long long)pay,
				 services[s0].rule);
			sqlite3_bind_int64(ins_dec, 1, cid);
			sqlite3_bind_text(ins_dec, 2, num, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins_dec, 3, "2025-09-30", -1, SQLITE_STATIC);
			sqlite3_bind_text(ins_dec, 4, services[s0].rule, -1, SQLITE_STATIC);
			sqlite3_bind_int64(ins_dec, 5, pay);
			sqlite3_bind_text(ins_dec, 6, result, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(ins_dec, 7, director);
			sqlite3_bind_text(ins_dec, 8, "2025-09-30T08:00:00.000Z", -1, SQLITE_STATIC);
			if (sqlite3_step(ins_dec) != SQLITE_ROW)
				die(db, "decision");
			int64_t did = sqlite3_column_int64(ins_dec, 0);
			sqlite3_reset(ins_dec);
			for (int j = 0; j <= two; j++) {
				int s = j ? s1 : s0;
				sqlite3_bind_int64(ins_ds, 1, did);
				sqlite3_bind_int64(ins_ds, 2, cid);
				sqlite3_bind_int64(ins_ds, 3, svc_id[s]);
				sqlite3_bind_int(ins_ds, 4, services[s].amount);
				sqlite3_bind_int(ins_ds, 5, services[s].price);
				if (sqlite3_step(ins_ds) != SQLITE_ROW)
					die(db, "decision service");
				ds[n_ds] = (struct dsv){sqlite3_column_int64(ins_ds, 0), cid, pid, svc_id[s], s};
				n_ds++;
				sqlite3_reset(ins_ds);
			}
		}
	}
	sqlite3_finalize(persons);
	double t1 = now_s();

	/* Deliveries, day by day, explicit ids so that a corrected row can
	 * point at its successor as it is written. */
	int dates[400], n_days;
	days_of_span(dates, &n_days);
	int64_t next_id = scalar(db, "SELECT COALESCE(MAX(id), 0) FROM deliveries") + 1;
	sqlite3_stmt *ins = prep(db,
		"INSERT INTO deliveries (id, case_id, person_id, decision_service_id, service_id,"
		" delivered_on, staff_id, units_x100, over_limit, note, replaced_by, voided_at,"
		" voided_reason, correction_reason, created_by, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, ?10, ?11, ?12, ?13, ?14, ?15)");
	long long written = 0, voided = 0, corrected = 0;
	for (int d = 0; d < n_days; d++) {
		char date[16], created[40];
		snprintf(date, sizeof(date), "%04d-%02d-%02d", dates[d] / 10000, dates[d] / 100 % 100,
			 dates[d] % 100);
		snprintf(created, sizeof(created), "%sT15:00:00.000Z", date);
		/* An even share of the rows per day (the remainder early). */
		long long today = n_rows / n_days + (d < n_rows % n_days ? 1 : 0);
		for (long long k = 0; k < today; k++) {
			struct dsv *v = &ds[rng_below(&r, (uint32_t)n_ds)];
			const struct svc *s = &services[v->svc];
			int units = s->umin + (s->umax > s->umin ? (int)rng_below(&r, (uint32_t)(s->umax - s->umin) / 25 + 1) * 25 : 0);
			uint32_t fate = rng_below(&r, 600);
			/* fate 0..2: voided (1 in 200); 3..4: corrected (1 in
			 * 300), the correction being the next row and counted
			 * in today's share. */
			int correct = fate >= 3 && fate <= 4 && k + 1 < today;
			sqlite3_bind_int64(ins, 1, next_id);
			sqlite3_bind_int64(ins, 2, v->case_id);
			sqlite3_bind_int64(ins, 3, v->person_id);
			sqlite3_bind_int64(ins, 4, v->id);
			sqlite3_bind_int64(ins, 5, v->service_id);
			sqlite3_bind_text(ins, 6, date, 10, SQLITE_STATIC);
			sqlite3_bind_int64(ins, 7, min_staff + (int64_t)rng_below(&r, (uint32_t)n_staff));
			sqlite3_bind_int(ins, 8, units);
			sqlite3_bind_int(ins, 9, rng_below(&r, 100) == 0);
			if (correct)
				sqlite3_bind_int64(ins, 10, next_id + 1);
			else
				sqlite3_bind_null(ins, 10);
			if (fate < 3) {
				sqlite3_bind_text(ins, 11, created, -1, SQLITE_STATIC);
				sqlite3_bind_text(ins, 12, "Įvesta per klaidą", -1, SQLITE_STATIC);
				voided++;
			} else {
				sqlite3_bind_null(ins, 11);
				sqlite3_bind_null(ins, 12);
			}
			sqlite3_bind_null(ins, 13);
			sqlite3_bind_int64(ins, 14, director);
			sqlite3_bind_text(ins, 15, created, -1, SQLITE_STATIC);
			step_done(db, ins);
			next_id++;
			written++;
			if (correct) {
				sqlite3_bind_int64(ins, 1, next_id);
				sqlite3_bind_int(ins, 8, units > 100 ? units - 25 : units);
				sqlite3_bind_null(ins, 10);
				sqlite3_bind_text(ins, 13, "Pataisytas kiekis", -1, SQLITE_STATIC);
				step_done(db, ins);
				next_id++;
				written++;
				corrected++;
				k++;
			}
		}
	}
	sqlite3_finalize(ins);
	double t2 = now_s();
	for (int i = 0; i < n_index; i++) {
		exec(db, index_sql[i]);
		free(index_sql[i]);
	}
	double t3 = now_s();
	sqlite3_finalize(ins_svc);
	sqlite3_finalize(get_svc);
	sqlite3_finalize(ins_price);
	sqlite3_finalize(ins_case);
	sqlite3_finalize(ins_dec);
	sqlite3_finalize(ins_ds);
	exec(db, "COMMIT");
	exec(db, "PRAGMA journal_mode=WAL;");
	double t4 = now_s();
	free(ds);
	sqlite3_close(db);
	printf("casework-gen: %lld persons, %lld cases, %zu decision services, %lld deliveries"
	       " (%lld voided, %lld corrected) over %d days\n",
	       (long long)n_persons, (long long)n_cases, n_ds, written, voided, corrected, n_days);
	printf("casework-gen: cases %.1f s, deliveries %.1f s (%.0f rows/s), indexes %.1f s,"
	       " wal %.1f s, total %.1f s\n",
	       t1 - t0, t2 - t1, written / (t2 - t1 > 0 ? t2 - t1 : 1), t3 - t2, t4 - t3, t4 - t0);
	return 0;
}
