/*
 * person_index.c - in-memory person search index. See person_index.h.
 *
 * Layout. Persons live in a dense array of slots (reused through a free
 * list); an open-addressing map takes ids to slots. Every distinct folded
 * name token is stored once in a dictionary with a posting list of the
 * slots that carry it. Posting lists are kept in the persons' alphabetical
 * order (collation key of "family given", then id), so a search walks them
 * in result order and stops as soon as it has `limit` results of the best
 * rank: a search for "jonas" touches `limit` entries, not 25,000.
 *
 * Prefix matches use the dictionary sorted by token string (a binary
 * search gives the range of tokens with a prefix). Typo matches use a
 * deletion neighbourhood (SymSpell): for every token we store hashes of
 * the strings obtained by deleting up to 1 (tokens up to 5 bytes) or 2
 * characters; a query token's own deletions are looked up and candidates
 * verified with the real edit distance. Edit distance d with adjacent
 * transpositions implies a common string reachable with at most d
 * deletions on each side, so no match is missed.
 *
 * Lazy sorting. Puts append to the posting lists, the dictionary order and
 * the code and birth-date orders; a list is sorted (tail sorted, then
 * merged) the first time a reader needs it. Readers hold the shared lock,
 * so the sort is serialised by fix_mu and published through the atomic
 * `sorted` count: contents are read only after seeing sorted == n.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* pthread_rwlock_t under -std=c17 */
#endif

#include "domain/person_index.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/text.h"

#define MAX_QUERY_TOKENS 8
#define MAX_FUZZY_LEN 32
#define EMPTY UINT32_MAX
#define TOMB (UINT32_MAX - 1)

/* A vector of uint32 sorted lazily: [0, sorted) is in order. */
struct pvec {
	uint32_t *v;
	uint32_t n, cap;
	atomic_uint sorted;
};

struct slot {
	int64_t id;
	uint64_t sort_prefix; /* first 8 key bytes, big-endian */
	char *blob; /* depts, token ids, family\0 given\0 key\0 */
	uint32_t blob_size;
	uint32_t n_depts;
	uint16_t n_toks;
	bool live;
	bool has_code;
	int32_t birth;
	char code[11];
};

struct token {
	char *s;
	uint32_t hash;
	uint32_t len;
	uint32_t pos; /* position in tok_order once that is sorted */
	struct pvec post;
};

struct id_ent {
	int64_t id;
	uint32_t slot; /* EMPTY, TOMB or a slot */
};

struct del_ent {
	uint64_t h;
	uint32_t tok; /* EMPTY = free */
};

struct person_index {
	pthread_rwlock_t lock;
	pthread_mutex_t fix_mu;

	struct slot *slots;
	uint32_t nslots, slots_cap;
	uint32_t *free_slots;
	uint32_t nfree;

	struct id_ent *idmap;
	size_t idmap_cap, idmap_used, count;

	struct token *toks;
	uint32_t ntoks, toks_cap;
	uint32_t *tokmap; /* token id or EMPTY */
	size_t tokmap_cap;
	struct pvec tok_order;

	struct del_ent *del;
	size_t del_cap, del_used;

	struct pvec by_code;
	struct pvec by_birth;

	size_t mem_strings; /* blobs and token strings */
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static uint64_t mix64(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ull;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
	return x ^ (x >> 31);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xCBF29CE484222325ull ^ n;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001B3ull;
	return mix64(h);
}

static int64_t *slot_depts(const struct slot *s)
{
	return (int64_t *)(void *)s->blob;
}

static uint32_t *slot_toks(const struct slot *s)
{
	return (uint32_t *)(void *)(s->blob + 8 * (size_t)s->n_depts);
}

static const char *slot_family(const struct slot *s)
{
	return (const char *)(slot_toks(s) + s->n_toks);
}

static const char *slot_given(const struct slot *s)
{
	const char *f = slot_family(s);
	return f + strlen(f) + 1;
}

static const char *slot_key(const struct slot *s)
{
	const char *g = slot_given(s);
	return g + strlen(g) + 1;
}

static int grow(void **p, uint32_t *cap, uint32_t need, size_t elem)
{
	uint32_t nc;
	void *np;

	if (need <= *cap)
		return 0;
	nc = *cap ? *cap : 4;
	while (nc < need) {
		if (nc > UINT32_MAX / 2)
			return ERR_TOO_LARGE;
		nc *= 2;
	}
	np = realloc(*p, (size_t)nc * elem);
	if (np == NULL)
		return ERR_NOMEM;
	*p = np;
	*cap = nc;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Orders                                                              */

typedef int (*cmp_fn)(const struct person_index *, uint32_t, uint32_t);

static int cmp_slot(const struct person_index *ix, uint32_t a, uint32_t b)
{
	const struct slot *sa = &ix->slots[a], *sb = &ix->slots[b];
	int r;

	if (sa->sort_prefix != sb->sort_prefix)
		return sa->sort_prefix < sb->sort_prefix ? -1 : 1;
	r = strcmp(slot_key(sa), slot_key(sb));
	if (r != 0)
		return r;
	return (sa->id > sb->id) - (sa->id < sb->id);
}

static int cmp_tok(const struct person_index *ix, uint32_t a, uint32_t b)
{
	return strcmp(ix->toks[a].s, ix->toks[b].s);
}

static int cmp_code(const struct person_index *ix, uint32_t a, uint32_t b)
{
	int r = memcmp(ix->slots[a].code, ix->slots[b].code, 11);
	if (r != 0)
		return r;
	return (a > b) - (a < b);
}

static int cmp_birth(const struct person_index *ix, uint32_t a, uint32_t b)
{
	int32_t x = ix->slots[a].birth, y = ix->slots[b].birth;
	if (x != y)
		return x < y ? -1 : 1;
	return (a > b) - (a < b);
}

static void merge(const struct person_index *ix, cmp_fn cmp,
		  const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
		  uint32_t *out)
{
	size_t i = 0, j = 0, k = 0;
	while (i < na && j < nb)
		out[k++] = cmp(ix, b[j], a[i]) < 0 ? b[j++] : a[i++];
	while (i < na)
		out[k++] = a[i++];
	while (j < nb)
		out[k++] = b[j++];
}

/* Sorts a[0..n) using tmp[0..n). */
static void msort(const struct person_index *ix, cmp_fn cmp, uint32_t *a,
		  uint32_t *tmp, size_t n)
{
	size_t h = n / 2;

	if (n < 16) {
		for (size_t i = 1; i < n; i++) {
			uint32_t x = a[i];
			size_t j = i;
			while (j > 0 && cmp(ix, x, a[j - 1]) < 0) {
				a[j] = a[j - 1];
				j--;
			}
			a[j] = x;
		}
		return;
	}
	msort(ix, cmp, a, tmp, h);
	msort(ix, cmp, a + h, tmp, n - h);
	merge(ix, cmp, a, h, a + h, n - h, tmp);
	memcpy(a, tmp, n * sizeof *a);
}

static int pvec_fix(struct person_index *ix, struct pvec *v, cmp_fn cmp)
{
	uint32_t n = v->n;
	uint32_t s = atomic_load_explicit(&v->sorted, memory_order_relaxed);
	uint32_t *tmp;

	if (s == n)
		return 0;
	tmp = malloc((size_t)n * sizeof *tmp);
	if (tmp == NULL)
		return ERR_NOMEM;
	msort(ix, cmp, v->v + s, tmp, n - s);
	if (s > 0) {
		merge(ix, cmp, v->v, s, v->v + s, n - s, tmp);
		memcpy(v->v, tmp, (size_t)n * sizeof *tmp);
	}
	free(tmp);
	if (v == &ix->tok_order)
		for (uint32_t i = 0; i < n; i++)
			ix->toks[v->v[i]].pos = i;
	atomic_store_explicit(&v->sorted, n, memory_order_release);
	return 0;
}

/* Makes v sorted; callable under the shared lock. */
static int pvec_ensure(struct person_index *ix, struct pvec *v, cmp_fn cmp)
{
	int rc;

	if (atomic_load_explicit(&v->sorted, memory_order_acquire) == v->n)
		return 0;
	pthread_mutex_lock(&ix->fix_mu);
	rc = pvec_fix(ix, v, cmp);
	pthread_mutex_unlock(&ix->fix_mu);
	return rc;
}

static int pvec_reserve(struct pvec *v, uint32_t extra)
{
	if (v->n > UINT32_MAX - extra)
		return ERR_TOO_LARGE;
	return grow((void **)&v->v, &v->cap, v->n + extra, sizeof *v->v);
}

/* Appends (capacity reserved beforehand). Write lock held. */
static void pvec_push(struct pvec *v, uint32_t x)
{
	v->v[v->n++] = x;
}

/* Removes x. Write lock held. */
static void pvec_remove(struct person_index *ix, struct pvec *v, cmp_fn cmp,
			uint32_t x)
{
	uint32_t s = atomic_load_explicit(&v->sorted, memory_order_relaxed);
	uint32_t lo = 0, hi = s, at = UINT32_MAX;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = cmp(ix, v->v[mid], x);
		if (c == 0) {
			at = mid;
			break;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (at == UINT32_MAX) {
		for (uint32_t i = s; i < v->n; i++) {
			if (v->v[i] == x) {
				at = i;
				break;
			}
		}
	}
	if (at == UINT32_MAX)
		return;
	memmove(v->v + at, v->v + at + 1,
		(size_t)(v->n - at - 1) * sizeof *v->v);
	v->n--;
	if (at < s)
		atomic_store_explicit(&v->sorted, s - 1, memory_order_relaxed);
}

/* ------------------------------------------------------------------ */
/* Id map                                                              */

static size_t idmap_find(const struct person_index *ix, int64_t id)
{
	size_t mask = ix->idmap_cap - 1;
	size_t i = (size_t)mix64((uint64_t)id) & mask;

	for (;;) {
		const struct id_ent *e = &ix->idmap[i];
		if (e->slot == EMPTY)
			return SIZE_MAX;
		if (e->slot != TOMB && e->id == id)
			return i;
		i = (i + 1) & mask;
	}
}

/* Inserts; returns 1 if an empty (not tombstone) entry was used. */
static int idmap_insert_raw(struct id_ent *map, size_t cap, int64_t id,
			    uint32_t slot)
{
	size_t mask = cap - 1;
	size_t i = (size_t)mix64((uint64_t)id) & mask;
	int was_empty;

	while (map[i].slot != EMPTY && map[i].slot != TOMB)
		i = (i + 1) & mask;
	was_empty = map[i].slot == EMPTY;
	map[i].id = id;
	map[i].slot = slot;
	return was_empty;
}

/* Makes room for one more id. */
static int idmap_reserve(struct person_index *ix)
{
	size_t ncap = ix->idmap_cap;
	struct id_ent *nm;

	if ((ix->idmap_used + 1) * 10 < ix->idmap_cap * 7)
		return 0;
	if ((ix->count + 1) * 10 >= ncap * 4)
		ncap *= 2;
	nm = malloc(ncap * sizeof *nm);
	if (nm == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < ncap; i++)
		nm[i].slot = EMPTY;
	for (size_t i = 0; i < ix->idmap_cap; i++)
		if (ix->idmap[i].slot != EMPTY && ix->idmap[i].slot != TOMB)
			idmap_insert_raw(nm, ncap, ix->idmap[i].id,
					 ix->idmap[i].slot);
	free(ix->idmap);
	ix->idmap = nm;
	ix->idmap_cap = ncap;
	ix->idmap_used = ix->count;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Token dictionary and deletion neighbourhood                         */

static uint32_t tok_lookup(const struct person_index *ix, const char *s,
			   size_t len)
{
	uint32_t h = (uint32_t)hash_bytes(s, len);
	size_t mask = ix->tokmap_cap - 1, i = h & mask;

	for (;;) {
		uint32_t t = ix->tokmap[i];
		if (t == EMPTY)
			return EMPTY;
		if (ix->toks[t].hash == h && ix->toks[t].len == len &&
		    memcmp(ix->toks[t].s, s, len) == 0)
			return t;
		i = (i + 1) & mask;
	}
}

static void tokmap_insert_raw(uint32_t *map, size_t cap, uint32_t h,
			      uint32_t t)
{
	size_t mask = cap - 1, i = h & mask;
	while (map[i] != EMPTY)
		i = (i + 1) & mask;
	map[i] = t;
}

static int del_reserve(struct person_index *ix, size_t extra)
{
	size_t ncap = ix->del_cap;
	struct del_ent *nd;

	while ((ix->del_used + extra) * 2 >= ncap)
		ncap *= 2;
	if (ncap == ix->del_cap)
		return 0;
	nd = malloc(ncap * sizeof *nd);
	if (nd == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < ncap; i++)
		nd[i].tok = EMPTY;
	for (size_t i = 0; i < ix->del_cap; i++) {
		if (ix->del[i].tok != EMPTY) {
			size_t j = ix->del[i].h & (ncap - 1);
			while (nd[j].tok != EMPTY)
				j = (j + 1) & (ncap - 1);
			nd[j] = ix->del[i];
		}
	}
	free(ix->del);
	ix->del = nd;
	ix->del_cap = ncap;
	return 0;
}

static void del_insert(struct person_index *ix, uint64_t h, uint32_t tok)
{
	size_t mask = ix->del_cap - 1, i = h & mask;

	while (ix->del[i].tok != EMPTY) {
		if (ix->del[i].h == h && ix->del[i].tok == tok)
			return;
		i = (i + 1) & mask;
	}
	ix->del[i].h = h;
	ix->del[i].tok = tok;
	ix->del_used++;
}

/* Calls fn for every string made from s[0..len) by deleting up to maxdel
 * characters whose length stays >= 3. */
typedef void (*variant_fn)(void *ctx, uint64_t h);

static void for_each_variant(const char *s, size_t len, int maxdel,
			     variant_fn fn, void *ctx)
{
	char buf[MAX_FUZZY_LEN];

	if (len < 3 || len > MAX_FUZZY_LEN)
		return;
	fn(ctx, hash_bytes(s, len));
	if (maxdel < 1 || len < 4)
		return;
	for (size_t i = 0; i < len; i++) {
		memcpy(buf, s, i);
		memcpy(buf + i, s + i + 1, len - i - 1);
		fn(ctx, hash_bytes(buf, len - 1));
		if (maxdel < 2 || len < 5)
			continue;
		for (size_t j = i; j < len - 1; j++) {
			char b2[MAX_FUZZY_LEN];
			memcpy(b2, buf, j);
			memcpy(b2 + j, buf + j + 1, len - 2 - j);
			fn(ctx, hash_bytes(b2, len - 2));
		}
	}
}

static size_t variant_count(size_t len, int maxdel)
{
	if (len < 3 || len > MAX_FUZZY_LEN)
		return 0;
	return 1 + (maxdel >= 1 ? len : 0) +
	       (maxdel >= 2 ? len * (len - 1) / 2 : 0);
}

/* How many deletions a dictionary token needs stored: queries of 8+
 * characters allow distance 2 and can only reach tokens of 6+. */
static int dict_maxdel(size_t len)
{
	return len <= 5 ? 1 : 2;
}

struct del_add_ctx {
	struct person_index *ix;
	uint32_t tok;
};

static void del_add_cb(void *ctx, uint64_t h)
{
	struct del_add_ctx *c = ctx;
	del_insert(c->ix, h, c->tok);
}

/* Returns the token id for s, creating it. Write lock held. */
static int tok_get(struct person_index *ix, const char *s, size_t len,
		   uint32_t *out)
{
	uint32_t t = tok_lookup(ix, s, len);
	struct token *tk;
	int rc;

	if (t != EMPTY) {
		*out = t;
		return 0;
	}
	/* Grow the map, the token array, the order and the deletions first,
	 * so that nothing below can fail half-way. */
	if ((size_t)(ix->ntoks + 1) * 2 >= ix->tokmap_cap) {
		size_t ncap = ix->tokmap_cap * 2;
		uint32_t *nm = malloc(ncap * sizeof *nm);
		if (nm == NULL)
			return ERR_NOMEM;
		for (size_t i = 0; i < ncap; i++)
			nm[i] = EMPTY;
		for (uint32_t i = 0; i < ix->ntoks; i++)
			tokmap_insert_raw(nm, ncap, ix->toks[i].hash, i);
		free(ix->tokmap);
		ix->tokmap = nm;
		ix->tokmap_cap = ncap;
	}
	rc = grow((void **)&ix->toks, &ix->toks_cap, ix->ntoks + 1,
		  sizeof *ix->toks);
	if (rc == 0)
		rc = pvec_reserve(&ix->tok_order, 1);
	if (rc == 0)
		rc = del_reserve(ix, variant_count(len, dict_maxdel(len)));
	if (rc != 0)
		return rc;
	t = ix->ntoks;
	tk = &ix->toks[t];
	memset(tk, 0, sizeof *tk);
	tk->s = malloc(len + 1);
	if (tk->s == NULL)
		return ERR_NOMEM;
	memcpy(tk->s, s, len);
	tk->s[len] = 0;
	tk->len = (uint32_t)len;
	tk->hash = (uint32_t)hash_bytes(s, len);
	atomic_init(&tk->post.sorted, 0);
	ix->ntoks++;
	ix->mem_strings += len + 1;
	tokmap_insert_raw(ix->tokmap, ix->tokmap_cap, tk->hash, t);
	pvec_push(&ix->tok_order, t);
	{
		struct del_add_ctx c = { ix, t };
		for_each_variant(s, len, dict_maxdel(len), del_add_cb, &c);
	}
	*out = t;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Lifecycle                                                           */

struct person_index *person_index_new(void)
{
	struct person_index *ix = calloc(1, sizeof *ix);

	if (ix == NULL)
		return NULL;
	if (pthread_rwlock_init(&ix->lock, NULL) != 0)
		goto fail_lock;
	if (pthread_mutex_init(&ix->fix_mu, NULL) != 0)
		goto fail_mu;
	ix->idmap_cap = 64;
	ix->tokmap_cap = 64;
	ix->del_cap = 256;
	ix->idmap = malloc(ix->idmap_cap * sizeof *ix->idmap);
	ix->tokmap = malloc(ix->tokmap_cap * sizeof *ix->tokmap);
	ix->del = malloc(ix->del_cap * sizeof *ix->del);
	if (ix->idmap == NULL || ix->tokmap == NULL || ix->del == NULL)
		goto fail_all;
	for (size_t i = 0; i < ix->idmap_cap; i++)
		ix->idmap[i].slot = EMPTY;
	for (size_t i = 0; i < ix->tokmap_cap; i++)
		ix->tokmap[i] = EMPTY;
	for (size_t i = 0; i < ix->del_cap; i++)
		ix->del[i].tok = EMPTY;
	atomic_init(&ix->tok_order.sorted, 0);
	atomic_init(&ix->by_code.sorted, 0);
	atomic_init(&ix->by_birth.sorted, 0);
	return ix;
fail_all:
	free(ix->idmap);
	free(ix->tokmap);
	free(ix->del);
	pthread_mutex_destroy(&ix->fix_mu);
fail_mu:
	pthread_rwlock_destroy(&ix->lock);
fail_lock:
	free(ix);
	return NULL;
}

void person_index_free(struct person_index *ix)
{
	if (ix == NULL)
		return;
	for (uint32_t i = 0; i < ix->nslots; i++)
		free(ix->slots[i].blob);
	for (uint32_t i = 0; i < ix->ntoks; i++) {
		free(ix->toks[i].s);
		free(ix->toks[i].post.v);
	}
	free(ix->slots);
	free(ix->free_slots);
	free(ix->idmap);
	free(ix->toks);
	free(ix->tokmap);
	free(ix->tok_order.v);
	free(ix->del);
	free(ix->by_code.v);
	free(ix->by_birth.v);
	pthread_mutex_destroy(&ix->fix_mu);
	pthread_rwlock_destroy(&ix->lock);
	free(ix);
}

/* ------------------------------------------------------------------ */
/* Put and remove                                                      */

/* Splits folded text at spaces into distinct tokens; returns the count or
 * ERR_TOO_LARGE. starts/lens index into s. */
static int split_tokens(const char *s, size_t *starts, size_t *lens,
			int n, int max)
{
	size_t i = 0;

	while (s[i]) {
		size_t b = i, l;
		int dup = 0;
		while (s[i] && s[i] != ' ')
			i++;
		l = i - b;
		if (s[i] == ' ')
			i++;
		if (l == 0)
			continue;
		for (int k = 0; k < n && !dup; k++)
			dup = lens[k] == l && memcmp(s + starts[k], s + b, l) == 0;
		if (dup)
			continue;
		if (n >= max)
			return ERR_TOO_LARGE;
		starts[n] = b;
		lens[n] = l;
		n++;
	}
	return n;
}

static void remove_slot(struct person_index *ix, uint32_t si)
{
	struct slot *s = &ix->slots[si];
	const uint32_t *toks = slot_toks(s);
	size_t at = idmap_find(ix, s->id);

	for (uint16_t k = 0; k < s->n_toks; k++)
		pvec_remove(ix, &ix->toks[toks[k]].post, cmp_slot, si);
	if (s->has_code)
		pvec_remove(ix, &ix->by_code, cmp_code, si);
	if (s->birth != 0)
		pvec_remove(ix, &ix->by_birth, cmp_birth, si);
	if (at != SIZE_MAX)
		ix->idmap[at].slot = TOMB;
	ix->count--;
	ix->mem_strings -= s->blob_size;
	free(s->blob);
	s->blob = NULL;
	s->live = false;
	ix->free_slots[ix->nfree++] = si;
}

int person_index_put(struct person_index *ix,
		     const struct person_index_entry *e)
{
	char fam[PERSON_INDEX_MAX_NAME + 1], giv[PERSON_INDEX_MAX_NAME + 1];
	char both[2 * PERSON_INDEX_MAX_NAME + 2];
	size_t starts[PERSON_INDEX_MAX_TOKENS], lens[PERSON_INDEX_MAX_TOKENS];
	uint32_t tids[PERSON_INDEX_MAX_TOKENS];
	const char *fraw, *graw;
	char *raw = NULL, *key = NULL, *blob = NULL;
	size_t rawlen, keycap, blobsize, at;
	int flen, glen, klen, ntok, rc;
	bool has_code = false, locked = false;
	uint32_t si;
	struct slot *s;

	if (ix == NULL || e == NULL || e->id == 0 || e->birth_date < 0 ||
	    (e->dept_ids == NULL && e->n_depts > 0))
		return ERR_INVALID;
	if (e->n_depts > PERSON_INDEX_MAX_DEPTS)
		return ERR_TOO_LARGE;
	if (e->code != NULL && e->code[0] != 0) {
		if (strlen(e->code) != 11)
			return ERR_INVALID;
		for (int i = 0; i < 11; i++)
			if (e->code[i] < '0' || e->code[i] > '9')
				return ERR_INVALID;
		has_code = true;
	}
	fraw = e->family_name ? e->family_name : "";
	graw = e->given_names ? e->given_names : "";
	flen = text_fold(fraw, fam, sizeof fam);
	if (flen < 0)
		return flen;
	glen = text_fold(graw, giv, sizeof giv);
	if (glen < 0)
		return glen;
	memcpy(both, fam, (size_t)flen);
	both[flen] = ' ';
	memcpy(both + flen + 1, giv, (size_t)glen + 1);
	ntok = split_tokens(both, starts, lens, 0, PERSON_INDEX_MAX_TOKENS);
	if (ntok < 0)
		return ntok;

	/* Collation key of "family given" orders results. */
	rawlen = strlen(fraw) + 1 + strlen(graw);
	raw = malloc(rawlen + 1);
	keycap = 4 * rawlen + 4;
	key = malloc(keycap);
	if (raw == NULL || key == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	memcpy(raw, fraw, strlen(fraw));
	raw[strlen(fraw)] = ' ';
	memcpy(raw + strlen(fraw) + 1, graw, strlen(graw) + 1);
	klen = text_collate_key(raw, key, keycap);
	if (klen < 0) {
		rc = klen;
		goto out;
	}
	blobsize = 8 * e->n_depts + 4 * (size_t)ntok + (size_t)flen + 1 +
		   (size_t)glen + 1 + (size_t)klen + 1;
	blob = malloc(blobsize);
	if (blob == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	{
		char *p = blob + 8 * e->n_depts + 4 * (size_t)ntok;
		if (e->n_depts > 0)
			memcpy(blob, e->dept_ids, 8 * e->n_depts);
		memcpy(p, fam, (size_t)flen + 1);
		p += flen + 1;
		memcpy(p, giv, (size_t)glen + 1);
		p += glen + 1;
		memcpy(p, key, (size_t)klen + 1);
	}

	pthread_rwlock_wrlock(&ix->lock);
	locked = true;
	for (int k = 0; k < ntok; k++) {
		rc = tok_get(ix, both + starts[k], lens[k], &tids[k]);
		if (rc != 0)
			goto out;
	}
	for (int k = 0; k < ntok; k++) {
		rc = pvec_reserve(&ix->toks[tids[k]].post, 1);
		if (rc != 0)
			goto out;
	}
	rc = pvec_reserve(&ix->by_code, 1);
	if (rc == 0)
		rc = pvec_reserve(&ix->by_birth, 1);
	if (rc == 0)
		rc = idmap_reserve(ix);
	if (rc == 0)
		rc = grow((void **)&ix->slots, &ix->slots_cap, ix->nslots + 1,
			  sizeof *ix->slots);
	if (rc == 0) {
		/* free_slots always has room for every slot. */
		void *nf = realloc(ix->free_slots,
				   (size_t)ix->slots_cap * sizeof(uint32_t));
		if (nf == NULL)
			rc = ERR_NOMEM;
		else
			ix->free_slots = nf;
	}
	if (rc != 0)
		goto out;

	/* Nothing below can fail. */
	at = idmap_find(ix, e->id);
	if (at != SIZE_MAX)
		remove_slot(ix, ix->idmap[at].slot);
	si = ix->nfree > 0 ? ix->free_slots[--ix->nfree] : ix->nslots++;
	s = &ix->slots[si];
	memset(s, 0, sizeof *s);
	s->id = e->id;
	s->blob = blob;
	s->blob_size = (uint32_t)blobsize;
	s->n_depts = (uint32_t)e->n_depts;
	s->n_toks = (uint16_t)ntok;
	s->live = true;
	s->has_code = has_code;
	s->birth = e->birth_date;
	if (has_code)
		memcpy(s->code, e->code, 11);
	for (int k = 0; k < 8; k++)
		s->sort_prefix = (s->sort_prefix << 8) |
				 (k < klen ? (unsigned char)key[k] : 0);
	memcpy(slot_toks(s), tids, 4 * (size_t)ntok);
	blob = NULL;
	for (int k = 0; k < ntok; k++)
		pvec_push(&ix->toks[tids[k]].post, si);
	if (has_code)
		pvec_push(&ix->by_code, si);
	if (s->birth != 0)
		pvec_push(&ix->by_birth, si);
	if (idmap_insert_raw(ix->idmap, ix->idmap_cap, e->id, si))
		ix->idmap_used++;
	ix->count++;
	ix->mem_strings += blobsize;
	rc = 0;
out:
	if (locked)
		pthread_rwlock_unlock(&ix->lock);
	free(blob);
	free(raw);
	free(key);
	return rc;
}

int person_index_remove(struct person_index *ix, int64_t id)
{
	size_t at;
	int rc = ERR_NOT_FOUND;

	if (ix == NULL)
		return ERR_INVALID;
	pthread_rwlock_wrlock(&ix->lock);
	at = idmap_find(ix, id);
	if (at != SIZE_MAX) {
		remove_slot(ix, ix->idmap[at].slot);
		rc = 0;
	}
	pthread_rwlock_unlock(&ix->lock);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Search                                                              */

enum { CLASS_EXACT, CLASS_PREFIX, CLASS_FUZZY, CLASS_NONE };

struct qtok {
	const char *s;
	size_t len;
	uint32_t exact;     /* token id or EMPTY */
	bool prefix_ok;
	uint32_t lo, hi;    /* tok_order positions with this prefix */
	uint32_t *fuzzy;    /* sorted token ids within the typo distance */
	size_t nfuzzy;
};

static size_t fuzzy_threshold(size_t len)
{
	if (len < 4 || len > MAX_FUZZY_LEN)
		return 0;
	return len <= 7 ? 1 : 2;
}

static int in_scope(const struct slot *s, const int64_t *scope,
		    size_t n_scope)
{
	const int64_t *d = slot_depts(s);

	if (scope == NULL)
		return 1;
	for (uint32_t i = 0; i < s->n_depts; i++)
		for (size_t j = 0; j < n_scope; j++)
			if (d[i] == scope[j])
				return 1;
	return 0;
}

static int tok_class(const struct person_index *ix, const struct qtok *q,
		     uint32_t t)
{
	size_t lo = 0, hi = q->nfuzzy;

	if (t == q->exact)
		return CLASS_EXACT;
	if (q->prefix_ok && ix->toks[t].pos >= q->lo && ix->toks[t].pos < q->hi)
		return CLASS_PREFIX;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (q->fuzzy[mid] == t)
			return CLASS_FUZZY;
		if (q->fuzzy[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return CLASS_NONE;
}

/* The rank of a person for the query: the worst class any query token
 * needs, CLASS_NONE if some token matches nothing. */
static int person_rank(const struct person_index *ix, const struct slot *s,
		       const struct qtok *q, size_t nq)
{
	const uint32_t *toks = slot_toks(s);
	int rank = CLASS_EXACT;

	for (size_t j = 0; j < nq; j++) {
		int best = CLASS_NONE;
		for (uint16_t k = 0; k < s->n_toks && best > CLASS_EXACT; k++) {
			int c = tok_class(ix, &q[j], toks[k]);
			if (c < best)
				best = c;
		}
		if (best > rank)
			rank = best;
		if (rank == CLASS_NONE)
			break;
	}
	return rank;
}

/* In the sorted dictionary: the first position whose token compares >= the
 * prefix s[0..len) (after_prefix false), or the first that compares greater
 * and does not start with it (after_prefix true). */
static uint32_t tok_bound(const struct person_index *ix, const char *s,
			  size_t len, bool after_prefix)
{
	uint32_t lo = 0, hi = ix->tok_order.n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *t = ix->toks[ix->tok_order.v[mid]].s;
		int c = strncmp(t, s, len);
		if (c < 0 || (after_prefix && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct fuzzy_ctx {
	const struct person_index *ix;
	uint32_t *cand;
	size_t n, cap;
	int nomem;
};

static void fuzzy_cb(void *vctx, uint64_t h)
{
	struct fuzzy_ctx *c = vctx;
	const struct person_index *ix = c->ix;
	size_t mask = ix->del_cap - 1, i = h & mask;

	for (; ix->del[i].tok != EMPTY; i = (i + 1) & mask) {
		if (ix->del[i].h != h)
			continue;
		if (c->n == c->cap) {
			size_t nc = c->cap ? 2 * c->cap : 64;
			uint32_t *np = realloc(c->cand, nc * sizeof *np);
			if (np == NULL) {
				c->nomem = 1;
				return;
			}
			c->cand = np;
			c->cap = nc;
		}
		c->cand[c->n++] = ix->del[i].tok;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Fills q->fuzzy with the verified typo matches of q. */
static int find_fuzzy(const struct person_index *ix, struct qtok *q)
{
	struct fuzzy_ctx c = { ix, NULL, 0, 0, 0 };
	size_t t = fuzzy_threshold(q->len), w = 0;
	uint32_t prev = EMPTY;

	if (t == 0)
		return 0;
	for_each_variant(q->s, q->len, (int)t, fuzzy_cb, &c);
	if (c.nomem) {
		free(c.cand);
		return ERR_NOMEM;
	}
	if (c.n > 0)
		qsort(c.cand, c.n, sizeof *c.cand, cmp_u32);
	for (size_t i = 0; i < c.n; i++) {
		uint32_t tid = c.cand[i];
		const struct token *tk;
		size_t d;
		if (i > 0 && prev == tid)
			continue;
		prev = tid;
		tk = &ix->toks[tid];
		d = text_edit_distance_capped(q->s, q->len, tk->s, tk->len, t);
		if (d >= 1 && d <= t)
			c.cand[w++] = tid;
	}
	q->fuzzy = c.cand;
	q->nfuzzy = w;
	return 0;
}

/* The posting lists a query token contributes at class <= r. */
static size_t qtok_lists(const struct person_index *ix, const struct qtok *q,
			 int r, struct pvec **lists, size_t max)
{
	size_t n = 0;

	if (q->exact != EMPTY) {
		if (lists != NULL && n < max)
			lists[n] = &ix->toks[q->exact].post;
		n++;
	}
	if (r >= CLASS_PREFIX && q->prefix_ok) {
		for (uint32_t p = q->lo; p < q->hi; p++) {
			uint32_t t = ix->tok_order.v[p];
			if (t == q->exact)
				continue;
			if (lists != NULL && n < max)
				lists[n] = &ix->toks[t].post;
			n++;
		}
	}
	if (r >= CLASS_FUZZY) {
		for (size_t i = 0; i < q->nfuzzy; i++) {
			if (q->fuzzy[i] == q->exact)
				continue;
			if (q->prefix_ok && ix->toks[q->fuzzy[i]].pos >= q->lo &&
			    ix->toks[q->fuzzy[i]].pos < q->hi)
				continue;
			if (lists != NULL && n < max)
				lists[n] = &ix->toks[q->fuzzy[i]].post;
			n++;
		}
	}
	return n;
}

static size_t qtok_cost(const struct person_index *ix, const struct qtok *q,
			int r, size_t *nlists)
{
	size_t cost = 0, n = 0;

	if (q->exact != EMPTY) {
		cost += ix->toks[q->exact].post.n;
		n++;
	}
	if (r >= CLASS_PREFIX && q->prefix_ok) {
		for (uint32_t p = q->lo; p < q->hi; p++) {
			uint32_t t = ix->tok_order.v[p];
			if (t != q->exact) {
				cost += ix->toks[t].post.n;
				n++;
			}
		}
	}
	if (r >= CLASS_FUZZY) {
		for (size_t i = 0; i < q->nfuzzy; i++) {
			cost += ix->toks[q->fuzzy[i]].post.n;
			n++;
		}
	}
	*nlists = n;
	return cost;
}

struct heap_ent {
	uint32_t slot;
	uint32_t list;
	uint32_t pos;
};

static void heap_down(const struct person_index *ix, struct heap_ent *h,
		      size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < n && cmp_slot(ix, h[l].slot, h[m].slot) < 0)
			m = l;
		if (l + 1 < n && cmp_slot(ix, h[l + 1].slot, h[m].slot) < 0)
			m = l + 1;
		if (m == i)
			return;
		struct heap_ent t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* Emits persons of rank exactly r in alphabetical order, walking the
 * driver token's lists merged. */
static int search_level(struct person_index *ix, const struct qtok *q,
			size_t nq, int r, const int64_t *scope, size_t n_scope,
			size_t limit, int64_t *out, size_t *n_out)
{
	size_t best = SIZE_MAX, dj = 0, nl = 0, hn = 0;
	struct pvec **lists = NULL;
	struct heap_ent *heap = NULL;
	uint32_t last = EMPTY;
	int rc = 0;

	for (size_t j = 0; j < nq; j++) {
		size_t n, cost = qtok_cost(ix, &q[j], r, &n);
		if (n == 0)
			return 0; /* nobody can reach this rank */
		if (cost < best) {
			best = cost;
			dj = j;
		}
	}
	if (best == 0)
		return 0;
	nl = qtok_lists(ix, &q[dj], r, NULL, 0);
	lists = malloc(nl * sizeof *lists);
	heap = malloc(nl * sizeof *heap);
	if (lists == NULL || heap == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	(void)qtok_lists(ix, &q[dj], r, lists, nl);
	for (size_t i = 0; i < nl; i++) {
		rc = pvec_ensure(ix, lists[i], cmp_slot);
		if (rc != 0)
			goto out;
		if (lists[i]->n > 0) {
			heap[hn].slot = lists[i]->v[0];
			heap[hn].list = (uint32_t)i;
			heap[hn].pos = 0;
			hn++;
		}
	}
	for (size_t i = hn / 2; i-- > 0;)
		heap_down(ix, heap, hn, i);
	while (hn > 0 && *n_out < limit) {
		uint32_t si = heap[0].slot;
		struct pvec *l = lists[heap[0].list];

		if (++heap[0].pos < l->n) {
			heap[0].slot = l->v[heap[0].pos];
		} else {
			heap[0] = heap[--hn];
		}
		heap_down(ix, heap, hn, 0);
		if (si == last)
			continue;
		last = si;
		if (!in_scope(&ix->slots[si], scope, n_scope))
			continue;
		if (person_rank(ix, &ix->slots[si], q, nq) != r)
			continue;
		out[(*n_out)++] = ix->slots[si].id;
	}
out:
	free(lists);
	free(heap);
	return rc;
}

static int search_code(struct person_index *ix, const char *digits,
		       size_t nd, const int64_t *scope, size_t n_scope,
		       size_t limit, int64_t *out, size_t *n_out)
{
	struct pvec *v = &ix->by_code;
	uint32_t lo = 0, hi;
	int rc;

	if (nd > 11)
		return 0;
	rc = pvec_ensure(ix, v, cmp_code);
	if (rc != 0)
		return rc;
	hi = v->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (memcmp(ix->slots[v->v[mid]].code, digits, nd) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (uint32_t i = lo; i < v->n && *n_out < limit; i++) {
		const struct slot *s = &ix->slots[v->v[i]];
		if (memcmp(s->code, digits, nd) != 0)
			break;
		if (in_scope(s, scope, n_scope))
			out[(*n_out)++] = s->id;
	}
	return 0;
}

int person_index_search(struct person_index *ix, const char *query,
			const int64_t *scope_depts, size_t n_scope,
			size_t limit, int64_t *out_ids, size_t *n_out)
{
	char fq[256], digits[256];
	struct qtok q[MAX_QUERY_TOKENS];
	size_t nq = 0, nd = 0, i = 0;
	int qlen, rc = 0;
	bool only_digits = true;

	if (n_out != NULL)
		*n_out = 0;
	if (ix == NULL || query == NULL || n_out == NULL ||
	    (out_ids == NULL && limit > 0))
		return ERR_INVALID;
	qlen = text_fold(query, fq, sizeof fq);
	if (qlen < 0)
		return qlen;
	for (int k = 0; k < qlen; k++) {
		if (fq[k] >= '0' && fq[k] <= '9')
			digits[nd++] = fq[k];
		else if (fq[k] != ' ')
			only_digits = false;
	}
	if (qlen == 0 || limit == 0)
		return 0;
	memset(q, 0, sizeof q);
	while (fq[i] && nq < MAX_QUERY_TOKENS) {
		size_t b = i;
		while (fq[i] && fq[i] != ' ')
			i++;
		q[nq].s = fq + b;
		q[nq].len = i - b;
		nq++;
		if (fq[i] == ' ')
			i++;
	}

	pthread_rwlock_rdlock(&ix->lock);
	if (only_digits) {
		rc = search_code(ix, digits, nd, scope_depts, n_scope, limit,
				 out_ids, n_out);
		goto out;
	}
	rc = pvec_ensure(ix, &ix->tok_order, cmp_tok);
	if (rc != 0)
		goto out;
	for (size_t j = 0; j < nq; j++) {
		q[j].exact = tok_lookup(ix, q[j].s, q[j].len);
		q[j].prefix_ok = j == nq - 1 || q[j].len >= 3;
		if (q[j].prefix_ok) {
			q[j].lo = tok_bound(ix, q[j].s, q[j].len, false);
			q[j].hi = tok_bound(ix, q[j].s, q[j].len, true);
		}
		rc = find_fuzzy(ix, &q[j]);
		if (rc != 0)
			goto out;
	}
	for (int r = CLASS_EXACT; r <= CLASS_FUZZY && *n_out < limit; r++) {
		rc = search_level(ix, q, nq, r, scope_depts, n_scope, limit,
				  out_ids, n_out);
		if (rc != 0)
			goto out;
	}
out:
	pthread_rwlock_unlock(&ix->lock);
	for (size_t j = 0; j < nq; j++)
		free(q[j].fuzzy);
	if (rc != 0)
		*n_out = 0;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Duplicates                                                          */

struct dup {
	int64_t id;
	int score;
};

struct dup_set {
	struct dup *d;
	size_t n, cap;
};

static int dup_add(struct dup_set *ds, int64_t id, int score)
{
	for (size_t i = 0; i < ds->n; i++) {
		if (ds->d[i].id == id) {
			if (score > ds->d[i].score)
				ds->d[i].score = score;
			return 0;
		}
	}
	if (ds->n == ds->cap) {
		size_t nc = ds->cap ? 2 * ds->cap : 16;
		struct dup *nd = realloc(ds->d, nc * sizeof *nd);
		if (nd == NULL)
			return ERR_NOMEM;
		ds->d = nd;
		ds->cap = nc;
	}
	ds->d[ds->n].id = id;
	ds->d[ds->n].score = score;
	ds->n++;
	return 0;
}

static int cmp_dup(const void *a, const void *b)
{
	const struct dup *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	return (x->id > y->id) - (x->id < y->id);
}

/* Smallest edit distance between any token of a and any of b (both
 * folded, space-separated), capped. */
static size_t min_token_distance(const char *a, const char *b, size_t cap)
{
	size_t best = cap + 1;

	for (const char *p = a; *p;) {
		size_t pl = strcspn(p, " ");
		for (const char *r = b; *r;) {
			size_t rl = strcspn(r, " ");
			size_t d = text_edit_distance_capped(p, pl, r, rl, cap);
			if (d < best)
				best = d;
			r += rl;
			r += *r == ' ';
		}
		p += pl;
		p += *p == ' ';
	}
	return best;
}

int person_index_find_duplicates(struct person_index *ix,
				 const struct person_index_entry *c,
				 size_t limit, int64_t *out_ids,
				 int *out_scores, size_t *n_out)
{
	char fam[PERSON_INDEX_MAX_NAME + 1], giv[PERSON_INDEX_MAX_NAME + 1];
	struct dup_set ds = { NULL, 0, 0 };
	int flen, glen, rc = 0;
	bool code = false;

	if (n_out != NULL)
		*n_out = 0;
	if (ix == NULL || c == NULL || n_out == NULL ||
	    (limit > 0 && (out_ids == NULL || out_scores == NULL)))
		return ERR_INVALID;
	flen = text_fold(c->family_name ? c->family_name : "", fam, sizeof fam);
	if (flen < 0)
		return flen;
	glen = text_fold(c->given_names ? c->given_names : "", giv, sizeof giv);
	if (glen < 0)
		return glen;
	if (c->code != NULL && strlen(c->code) == 11)
		code = true;

	pthread_rwlock_rdlock(&ix->lock);
	if (code) {
		struct pvec *v = &ix->by_code;
		uint32_t lo = 0, hi;
		rc = pvec_ensure(ix, v, cmp_code);
		if (rc != 0)
			goto out;
		hi = v->n;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (memcmp(ix->slots[v->v[mid]].code, c->code, 11) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (uint32_t i = lo; i < v->n; i++) {
			const struct slot *s = &ix->slots[v->v[i]];
			if (memcmp(s->code, c->code, 11) != 0)
				break;
			if (s->id != c->id || c->id == 0)
				if ((rc = dup_add(&ds, s->id, 100)) != 0)
					goto out;
		}
	}
	if (c->birth_date > 0 && flen > 0 && glen > 0) {
		struct pvec *v = &ix->by_birth;
		uint32_t lo = 0, hi;
		rc = pvec_ensure(ix, v, cmp_birth);
		if (rc != 0)
			goto out;
		hi = v->n;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (ix->slots[v->v[mid]].birth < c->birth_date)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (uint32_t i = lo; i < v->n; i++) {
			const struct slot *s = &ix->slots[v->v[i]];
			const char *sf = slot_family(s);
			size_t df, dg;
			if (s->birth != c->birth_date)
				break;
			if (c->id != 0 && s->id == c->id)
				continue;
			df = text_edit_distance_capped(fam, (size_t)flen, sf,
						       strlen(sf), 2);
			if (df > 2)
				continue;
			dg = min_token_distance(giv, slot_given(s), 2);
			if (dg > 2)
				continue;
			rc = dup_add(&ds, s->id, 90 - (int)(df + dg) * 30 / 4);
			if (rc != 0)
				goto out;
		}
	}
	if (flen > 0 && glen > 0) {
		/* Same names, birth date unknown on either side: walk the
		 * posting list of the first family-name token. */
		size_t l0 = strcspn(fam, " ");
		uint32_t t = tok_lookup(ix, fam, l0);
		if (t != EMPTY) {
			struct pvec *v = &ix->toks[t].post;
			rc = pvec_ensure(ix, v, cmp_slot);
			if (rc != 0)
				goto out;
			for (uint32_t i = 0; i < v->n; i++) {
				const struct slot *s = &ix->slots[v->v[i]];
				if (c->id != 0 && s->id == c->id)
					continue;
				if (c->birth_date != 0 && s->birth != 0)
					continue;
				if (strcmp(slot_family(s), fam) != 0 ||
				    strcmp(slot_given(s), giv) != 0)
					continue;
				if ((rc = dup_add(&ds, s->id, 50)) != 0)
					goto out;
			}
		}
	}
out:
	pthread_rwlock_unlock(&ix->lock);
	if (rc == 0) {
		if (ds.n > 0)
			qsort(ds.d, ds.n, sizeof *ds.d, cmp_dup);
		for (size_t i = 0; i < ds.n && i < limit; i++) {
			out_ids[i] = ds.d[i].id;
			out_scores[i] = ds.d[i].score;
			(*n_out)++;
		}
	}
	free(ds.d);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Statistics                                                          */

size_t person_index_count(struct person_index *ix)
{
	size_t n;

	if (ix == NULL)
		return 0;
	pthread_rwlock_rdlock(&ix->lock);
	n = ix->count;
	pthread_rwlock_unlock(&ix->lock);
	return n;
}

size_t person_index_memory(struct person_index *ix)
{
	size_t m;
	/* glibc malloc adds about 16 bytes per allocation. */
	const size_t overhead = 16;

	if (ix == NULL)
		return 0;
	pthread_rwlock_rdlock(&ix->lock);
	m = sizeof *ix + ix->mem_strings +
	    (size_t)(ix->nslots + ix->ntoks) * overhead * 2 +
	    (size_t)ix->slots_cap * (sizeof(struct slot) + sizeof(uint32_t)) +
	    ix->idmap_cap * sizeof(struct id_ent) +
	    (size_t)ix->toks_cap * sizeof(struct token) +
	    ix->tokmap_cap * sizeof(uint32_t) +
	    ix->del_cap * sizeof(struct del_ent) +
	    ((size_t)ix->tok_order.cap + ix->by_code.cap + ix->by_birth.cap) *
		    sizeof(uint32_t);
	for (uint32_t i = 0; i < ix->ntoks; i++)
		m += (size_t)ix->toks[i].post.cap * sizeof(uint32_t);
	pthread_rwlock_unlock(&ix->lock);
	return m;
}

int person_index_prepare(struct person_index *ix)
{
	int rc;

	if (ix == NULL)
		return ERR_INVALID;
	pthread_rwlock_rdlock(&ix->lock);
	rc = pvec_ensure(ix, &ix->tok_order, cmp_tok);
	if (rc == 0)
		rc = pvec_ensure(ix, &ix->by_code, cmp_code);
	if (rc == 0)
		rc = pvec_ensure(ix, &ix->by_birth, cmp_birth);
	for (uint32_t i = 0; i < ix->ntoks && rc == 0; i++)
		rc = pvec_ensure(ix, &ix->toks[i].post, cmp_slot);
	pthread_rwlock_unlock(&ix->lock);
	return rc;
}
