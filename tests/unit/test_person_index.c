/*
 * test_person_index.c - unit tests for domain/person_index.c: exact,
 * prefix and typo search, ranking, scope, replace/remove, code prefix,
 * duplicates, and a randomized cross-check against a brute-force
 * reference implementation of the documented rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/err.h"
#include "core/text.h"
#include "domain/person_index.h"

static void put(struct person_index *ix, int64_t id, const char *given,
		const char *family, const char *code, int birth,
		int64_t dept)
{
	struct person_index_entry e = { id, given, family, code, birth,
					&dept, 1 };
	assert_int_equal(person_index_put(ix, &e), 0);
}

/* Searches and compares with the expected ids (terminated by 0). */
static void expect(struct person_index *ix, const char *q,
		   const int64_t *scope, size_t n_scope, const int64_t *want)
{
	int64_t got[64];
	size_t n = 99, nw = 0;
	assert_int_equal(person_index_search(ix, q, scope, n_scope, 64, got,
					     &n),
			 0);
	while (want[nw] != 0)
		nw++;
	if (n != nw) {
		fprintf(stderr, "query \"%s\": got", q);
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, " %lld", (long long)got[i]);
		fprintf(stderr, "\n");
	}
	assert_int_equal(n, nw);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
}

/* expect_ids(ix, query, id, id, ..., 0): ids are small ints. */
static void expect_ids(struct person_index *ix, const char *q, ...)
{
	int64_t want[64];
	size_t n = 0;
	va_list ap;
	va_start(ap, q);
	for (int v = va_arg(ap, int); v != 0; v = va_arg(ap, int))
		want[n++] = v;
	va_end(ap);
	want[n] = 0;
	expect(ix, q, NULL, 0, want);
}

#define EXPECT(...) expect_ids(__VA_ARGS__, 0)

static struct person_index *sample(void)
{
	struct person_index *ix = person_index_new();
	assert_non_null(ix);
	put(ix, 1, "Jonas", "Petraitis", "33309240064", 19330924, 10);
	put(ix, 2, "Ona", "Žilionytė", "48503200171", 19850320, 20);
	put(ix, 3, "Jonas", "Jonaitis", NULL, 19700101, 10);
	put(ix, 4, "Petras", "Jonaitis", "", 0, 20);
	put(ix, 5, "Jonė", "Kazlauskienė", NULL, 0, 30);
	put(ix, 6, "Petra", "Aaa", NULL, 0, 30);
	put(ix, 7, "Petrasas", "Zzz", NULL, 0, 30);
	put(ix, 8, "Marija-Ona", "Čiurlionytė", NULL, 0, 10);
	return ix;
}

static void test_exact_prefix_fuzzy(void **state)
{
	struct person_index *ix = sample();
	(void)state;
	assert_int_equal(person_index_count(ix), 8);
	EXPECT(ix, "zilinyte", 2);          /* typo, distance 1 */
	EXPECT(ix, "Žilionytė", 2);
	EXPECT(ix, "ZILIONYTE ona", 2);
	EXPECT(ix, "jonas", 3, 1);          /* exact, by family name */
	EXPECT(ix, "jon", 3, 4, 5, 1);      /* prefix, alphabetical */
	EXPECT(ix, "jonas jon", 3, 1);
	EXPECT(ix, "petraitis jonas", 1);
	EXPECT(ix, "ona", 8, 2);            /* hyphenated given names */
	EXPECT(ix, "marija", 8);
	EXPECT(ix, "ciurl", 8);             /* prefix across diacritics */
	EXPECT(ix, "xyz");
	EXPECT(ix, "   ");
	/* Non-last tokens shorter than 3 are not prefixes. */
	EXPECT(ix, "jo petraitis");
	EXPECT(ix, "jon petraitis", 1);
	/* Short tokens get no typo tolerance. */
	EXPECT(ix, "onb");
	person_index_free(ix);
}

static void test_ranking(void **state)
{
	struct person_index *ix = sample();
	(void)state;
	/* Exact (Jonaitis Petras), then prefix (Zzz Petrasas), then typo
	 * (Aaa Petra, Petraitis? no: distance 3), although Aaa sorts first
	 * alphabetically. */
	EXPECT(ix, "petras", 4, 7, 6);
	/* Limit stops after the best results. */
	int64_t got[2];
	size_t n;
	assert_int_equal(person_index_search(ix, "petras", NULL, 0, 2, got,
					     &n),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(got[0], 4);
	assert_int_equal(got[1], 7);
	assert_int_equal(person_index_search(ix, "petras", NULL, 0, 0, NULL,
					     &n),
			 0);
	assert_int_equal(n, 0);
	person_index_free(ix);
}

static void test_scope(void **state)
{
	struct person_index *ix = sample();
	const int64_t s10[] = { 10 }, s20_30[] = { 20, 30 }, none[] = { 99 };
	const int64_t w10[] = { 3, 1, 0 }, w2030[] = { 4, 5, 0 },
		      wnone[] = { 0 };
	(void)state;
	expect(ix, "jon", s10, 1, w10);
	expect(ix, "jon", s20_30, 2, w2030);
	expect(ix, "jon", none, 1, wnone);
	expect(ix, "jon", s10, 0, wnone); /* empty scope sees nobody */
	/* A person in several departments. */
	int64_t depts[] = { 77, 20 };
	struct person_index_entry e = { 9, "Jonas", "Aukštaitis", NULL, 0,
					depts, 2 };
	assert_int_equal(person_index_put(ix, &e), 0);
	const int64_t s77[] = { 77 }, w77[] = { 9, 0 };
	expect(ix, "jonas", s77, 1, w77);
	person_index_free(ix);
}

static void test_replace_remove(void **state)
{
	struct person_index *ix = sample();
	(void)state;
	put(ix, 1, "Jonas", "Zabiela", "33309240064", 19330924, 10);
	assert_int_equal(person_index_count(ix), 8);
	EXPECT(ix, "petraitis");
	EXPECT(ix, "jonas", 3, 1); /* Jonaitis < Zabiela */
	EXPECT(ix, "zabiela", 1);
	assert_int_equal(person_index_remove(ix, 3), 0);
	assert_int_equal(person_index_remove(ix, 3), ERR_NOT_FOUND);
	assert_int_equal(person_index_count(ix), 7);
	EXPECT(ix, "jonas", 1);
	EXPECT(ix, "jonaitis", 4);
	/* Reinsert reuses the slot. */
	put(ix, 3, "Jonas", "Jonaitis", NULL, 0, 10);
	EXPECT(ix, "jonas", 3, 1);
	assert_true(person_index_memory(ix) > 0);
	person_index_free(ix);
	person_index_free(NULL);
}

static void test_put_errors(void **state)
{
	struct person_index *ix = person_index_new();
	struct person_index_entry e = { 0, "A", "B", NULL, 0, NULL, 0 };
	char longname[600];
	(void)state;
	assert_int_equal(person_index_put(ix, &e), ERR_INVALID); /* id 0 */
	e.id = 1;
	e.code = "1234";
	assert_int_equal(person_index_put(ix, &e), ERR_INVALID);
	e.code = "3330924006x";
	assert_int_equal(person_index_put(ix, &e), ERR_INVALID);
	e.code = NULL;
	e.family_name = "\xC3\x28";
	assert_int_equal(person_index_put(ix, &e), ERR_INVALID);
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	e.family_name = longname;
	assert_int_equal(person_index_put(ix, &e), ERR_TOO_LARGE);
	e.family_name = NULL;
	e.n_depts = 1;
	assert_int_equal(person_index_put(ix, &e), ERR_INVALID);
	e.n_depts = 0;
	e.given_names = NULL;
	assert_int_equal(person_index_put(ix, &e), 0); /* nameless */
	assert_int_equal(person_index_count(ix), 1);
	size_t n;
	int64_t out[4];
	assert_int_equal(person_index_search(ix, "\xFF", NULL, 0, 4, out, &n),
			 ERR_INVALID);
	assert_int_equal(person_index_search(NULL, "a", NULL, 0, 4, out, &n),
			 ERR_INVALID);
	person_index_free(ix);
}

static void test_code_prefix(void **state)
{
	struct person_index *ix = sample();
	const int64_t s20[] = { 20 }, w20[] = { 2, 0 };
	(void)state;
	put(ix, 10, "Zita", "Zitaitė", "33309240075", 0, 20);
	EXPECT(ix, "3", 1, 10);        /* by code */
	EXPECT(ix, "333092400", 1, 10);
	EXPECT(ix, "33309240064", 1);
	EXPECT(ix, "3330 9240 075", 10);
	EXPECT(ix, "4", 2);
	EXPECT(ix, "9");
	EXPECT(ix, "333092400640");    /* longer than a code */
	expect(ix, "48", s20, 1, w20);
	const int64_t s10[] = { 10 }, wn[] = { 0 };
	expect(ix, "48", s10, 1, wn);
	person_index_free(ix);
}

static void test_duplicates(void **state)
{
	struct person_index *ix = sample();
	int64_t ids[8];
	int scores[8];
	size_t n;
	(void)state;
	/* Same code. */
	struct person_index_entry c = { 0, "X", "Y", "33309240064", 0, NULL,
					0 };
	assert_int_equal(person_index_find_duplicates(ix, &c, 8, ids, scores,
						      &n),
			 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 1);
	assert_int_equal(scores[0], 100);
	/* The person itself is excluded. */
	c.id = 1;
	assert_int_equal(person_index_find_duplicates(ix, &c, 8, ids, scores,
						      &n),
			 0);
	assert_int_equal(n, 0);
	/* Same birth date, close names: 90 exact, lower with typos. */
	put(ix, 11, "Jonas", "Jonaitis", NULL, 19700101, 10);   /* 90 */
	put(ix, 12, "Jonaz", "Jonaitis", NULL, 19700101, 10);   /* 1 -> 83 */
	put(ix, 13, "Jonaz", "Jonajtys", NULL, 19700101, 10);   /* 3 -> 68 */
	put(ix, 14, "Jonas", "Jonaitis", NULL, 19700102, 10);   /* no */
	put(ix, 15, "Petras", "Jonaitis", NULL, 19700101, 10);  /* no */
	put(ix, 16, "Jonas", "Jonaitis", NULL, 0, 10);          /* 50 */
	struct person_index_entry d = { 3, "Jonas", "Jonaitis", NULL,
					19700101, NULL, 0 };
	assert_int_equal(person_index_find_duplicates(ix, &d, 8, ids, scores,
						      &n),
			 0);
	assert_int_equal(n, 4);
	assert_int_equal(ids[0], 11);
	assert_int_equal(scores[0], 90);
	assert_int_equal(ids[1], 12);
	assert_int_equal(scores[1], 83);
	assert_int_equal(ids[2], 13);
	assert_int_equal(scores[2], 68);
	assert_int_equal(ids[3], 16);
	assert_int_equal(scores[3], 50);
	/* Candidate with unknown birth date: exact names only. */
	d.birth_date = 0;
	d.id = 0;
	assert_int_equal(person_index_find_duplicates(ix, &d, 2, ids, scores,
						      &n),
			 0);
	assert_int_equal(n, 2); /* 3, 11, 14, 16 match; limit 2 */
	assert_int_equal(ids[0], 3);
	assert_int_equal(scores[0], 50);
	assert_int_equal(ids[1], 11);
	person_index_free(ix);
}

/* ------------------------------------------------------------------ */
/* Randomized cross-check against a brute-force reference.             */

struct ref_person {
	int64_t id;
	char given[64], family[64];
	char fgiven[64], ffamily[64];
	char key[256];
	char code[12];
	int64_t dept;
	int live;
};

static uint64_t rng_state = 0x1234567;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng_state >> 33) % n;
}

static const char *const GIVEN[] = {
	"Jonas", "Petras", "Ona", "Marija", "Antanas", "Rūta", "Jonė",
	"Jūratė", "Ąžuolas", "Eglė", "Vytautas", "Kazys", "Aldona",
	"Danutė", "Algirdas", "Birutė", "Žydrūnas", "Šarūnas", "Ieva",
	"Mindaugas", "Jonas Petras", "Marija-Ona",
};
static const char *const FAMILY[] = {
	"Jonaitis", "Jonaitytė", "Jonaitienė", "Petraitis", "Petrauskas",
	"Kazlauskas", "Kazlauskienė", "Žilionytė", "Žilinskas", "Čiurlionis",
	"Šimkus", "Šimkutė", "Stankevičius", "Vasiliauskas", "Butkus",
	"Butkutė", "Paulauskas", "Urbonas", "Urbonienė", "Navickas",
	"Sutkus", "Zujus", "Cvirka", "Adomaitis",
};

static void ref_fold_tokens(const char *s, char toks[][64], int *n)
{
	char buf[128];
	char *p = buf;
	assert_true(text_fold(s, buf, sizeof buf) >= 0);
	while (*p) {
		size_t l = strcspn(p, " ");
		memcpy(toks[*n], p, l);
		toks[*n][l] = 0;
		(*n)++;
		p += l;
		p += *p == ' ';
	}
}

static int ref_class(const char *q, size_t ql, int last, const char *t)
{
	size_t tl = strlen(t), thr;
	if (ql == tl && memcmp(q, t, ql) == 0)
		return 0;
	if ((last || ql >= 3) && tl >= ql && memcmp(q, t, ql) == 0)
		return 1;
	thr = ql >= 4 && ql <= 7 ? 1 : ql >= 8 && ql <= 32 ? 2 : 0;
	if (thr > 0 && text_edit_distance_capped(q, ql, t, tl, thr) <= thr)
		return 2;
	return 3;
}

struct ref_hit {
	int rank;
	const struct ref_person *p;
};

static int cmp_hit(const void *a, const void *b)
{
	const struct ref_hit *x = a, *y = b;
	int r;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	r = strcmp(x->p->key, y->p->key);
	if (r != 0)
		return r;
	return (x->p->id > y->p->id) - (x->p->id < y->p->id);
}

static size_t ref_search(const struct ref_person *ps, size_t np,
			 const char *query, const int64_t *scope,
			 size_t n_scope, size_t limit, int64_t *out)
{
	char qt[16][64];
	int nq = 0;
	struct ref_hit *hits = malloc(np * sizeof *hits);
	size_t nh = 0, n = 0;
	assert_non_null(hits);
	ref_fold_tokens(query, qt, &nq);
	for (size_t i = 0; i < np; i++) {
		const struct ref_person *p = &ps[i];
		char pt[32][64];
		int npt = 0, rank = 0, ok = 1;
		if (!p->live)
			continue;
		if (scope != NULL) {
			ok = 0;
			for (size_t k = 0; k < n_scope; k++)
				ok |= scope[k] == p->dept;
			if (!ok)
				continue;
		}
		ref_fold_tokens(p->family, pt, &npt);
		ref_fold_tokens(p->given, pt, &npt);
		for (int j = 0; j < nq && ok; j++) {
			int best = 3;
			for (int k = 0; k < npt; k++) {
				int c = ref_class(qt[j], strlen(qt[j]),
						  j == nq - 1, pt[k]);
				if (c < best)
					best = c;
			}
			if (best == 3)
				ok = 0;
			if (best > rank)
				rank = best;
		}
		if (ok && nq > 0) {
			hits[nh].rank = rank;
			hits[nh].p = p;
			nh++;
		}
	}
	qsort(hits, nh, sizeof *hits, cmp_hit);
	for (; n < nh && n < limit; n++)
		out[n] = hits[n].p->id;
	free(hits);
	return n;
}

static void mutate(char *s)
{
	size_t l = strlen(s);
	uint32_t op = rnd(4), i;
	if (l < 2)
		return;
	i = rnd((uint32_t)l - 1);
	switch (op) {
	case 0: /* substitute */
		s[i] = (char)('a' + rnd(26));
		break;
	case 1: /* delete */
		memmove(s + i, s + i + 1, l - i);
		break;
	case 2: /* transpose */
	{
		char t = s[i];
		s[i] = s[i + 1];
		s[i + 1] = t;
		break;
	}
	default: /* insert */
		memmove(s + i + 1, s + i, l - i + 1);
		s[i] = (char)('a' + rnd(26));
		break;
	}
}

static void test_random_cross_check(void **state)
{
	enum { N = 2000, QUERIES = 1500 };
	struct ref_person *ps = calloc(N, sizeof *ps);
	struct person_index *ix = person_index_new();
	int64_t *got = malloc(N * sizeof *got), *want = malloc(N * sizeof *want);
	(void)state;
	assert_non_null(ps);
	assert_non_null(ix);
	for (size_t i = 0; i < N; i++) {
		struct ref_person *p = &ps[i];
		char raw[160];
		p->id = (int64_t)i + 1;
		snprintf(p->given, sizeof p->given, "%s",
			 GIVEN[rnd(sizeof GIVEN / sizeof *GIVEN)]);
		snprintf(p->family, sizeof p->family, "%s",
			 FAMILY[rnd(sizeof FAMILY / sizeof *FAMILY)]);
		if (rnd(10) == 0) /* some random made-up names */
			for (int k = 0; k < 6; k++)
				p->family[k] = (char)('a' + rnd(26));
		snprintf(p->code, sizeof p->code, "%u%010u", 1 + rnd(6),
			 rnd(1000000000));
		p->dept = 1 + rnd(5);
		p->live = 1;
		snprintf(raw, sizeof raw, "%s %s", p->family, p->given);
		assert_true(text_collate_key(raw, p->key, sizeof p->key) > 0);
		struct person_index_entry e = { p->id, p->given, p->family,
						p->code, 0, &p->dept, 1 };
		assert_int_equal(person_index_put(ix, &e), 0);
	}
	/* Some removals and replacements. */
	for (int k = 0; k < 100; k++) {
		struct ref_person *p = &ps[rnd(N)];
		if (p->live) {
			assert_int_equal(person_index_remove(ix, p->id), 0);
			p->live = 0;
		}
	}
	size_t live = 0;
	for (size_t i = 0; i < N; i++)
		live += (size_t)ps[i].live;
	assert_int_equal(person_index_count(ix), live);
	size_t nonempty = 0;
	for (int q = 0; q < QUERIES; q++) {
		const struct ref_person *p = &ps[rnd(N)];
		char query[160], tok[64];
		char ft[8][64];
		int nft = 0;
		int64_t scope[2];
		size_t n_scope = 0, limit = rnd(3) == 0 ? N : 1 + rnd(30);
		size_t ng, nw;
		const int64_t *sc = NULL;

		ref_fold_tokens(p->family, ft, &nft);
		ref_fold_tokens(p->given, ft, &nft);
		snprintf(tok, sizeof tok, "%s", ft[rnd((uint32_t)nft)]);
		switch (rnd(5)) {
		case 0: /* full token */
			snprintf(query, sizeof query, "%s", tok);
			break;
		case 1: /* prefix */
			tok[1 + rnd((uint32_t)strlen(tok))] = 0;
			snprintf(query, sizeof query, "%s", tok);
			break;
		case 2: /* typo */
			mutate(tok);
			snprintf(query, sizeof query, "%s", tok);
			break;
		case 3: /* two tokens, second a prefix */
			snprintf(query, sizeof query, "%s %.*s", ft[0],
				 (int)(1 + rnd(4)), ft[nft - 1]);
			break;
		default: /* given + family with a typo */
			mutate(tok);
			snprintf(query, sizeof query, "%s %s", ft[0], tok);
			break;
		}
		if (rnd(3) == 0) {
			scope[0] = 1 + rnd(5);
			scope[1] = 1 + rnd(5);
			n_scope = 1 + rnd(2);
			sc = scope;
		}
		assert_int_equal(person_index_search(ix, query, sc, n_scope,
						     limit, got, &ng),
				 0);
		nw = ref_search(ps, N, query, sc, n_scope, limit, want);
		if (ng != nw || memcmp(got, want, ng * sizeof *got) != 0) {
			fprintf(stderr, "query \"%s\" limit %zu: got %zu want %zu\n",
				query, limit, ng, nw);
			for (size_t i = 0; i < ng && i < 10; i++)
				fprintf(stderr, "  got %lld want %lld\n",
					(long long)got[i],
					i < nw ? (long long)want[i] : -1LL);
		}
		assert_int_equal(ng, nw);
		assert_memory_equal(got, want, ng * sizeof *got);
		nonempty += ng > 0;
	}
	/* The cross-check must exercise real results. */
	assert_true(nonempty > QUERIES / 2);
	free(got);
	free(want);
	free(ps);
	person_index_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_prefix_fuzzy),
		cmocka_unit_test(test_ranking),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_replace_remove),
		cmocka_unit_test(test_put_errors),
		cmocka_unit_test(test_code_prefix),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_random_cross_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
