#include "domain/person_card.h"
#include "core/arena.h"
#include "core/err.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CARD_SHARDS 64 /* a power of two */
#define CARD_MIN_BUCKETS 64
/* What an entry costs beyond its text: the struct and malloc's header. */
#define CARD_OVERHEAD (sizeof(struct card_entry) + 16)

struct card_entry {
	struct card_entry *hnext;      /* bucket chain */
	struct card_entry *prev, *next; /* recency list, newest first */
	int64_t id, card_version, version;
	size_t len;
	char json[];
};

struct card_shard {
	pthread_mutex_t mu;
	struct card_entry **buckets;
	size_t n_buckets, entries, bytes;
	struct card_entry *newest, *oldest;
	uint64_t hits, misses, evictions;
	char pad[64]; /* keeps neighbouring shards' locks off one cache line */
};

struct card_cache {
	size_t max_bytes, shard_max;
	struct card_shard shards[CARD_SHARDS];
};

static uint64_t card_hash(int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
	return h ^ (h >> 29);
}

static struct card_shard *shard_of(struct card_cache *c, int64_t id)
{
	return &c->shards[card_hash(id) >> 58 & (CARD_SHARDS - 1)];
}

static struct card_entry **bucket_of(struct card_shard *s, int64_t id)
{
	return &s->buckets[card_hash(id) & (s->n_buckets - 1)];
}

int card_cache_new(size_t max_bytes, struct card_cache **out)
{
	*out = NULL;
	if (max_bytes == 0)
		return 0;
	struct card_cache *c = calloc(1, sizeof(*c));
	if (!c)
		return ERR_NOMEM;
	c->max_bytes = max_bytes;
	c->shard_max = max_bytes / CARD_SHARDS;
	for (int i = 0; i < CARD_SHARDS; i++) {
		struct card_shard *s = &c->shards[i];
		pthread_mutex_init(&s->mu, NULL);
		s->n_buckets = CARD_MIN_BUCKETS;
		s->buckets = calloc(s->n_buckets, sizeof(*s->buckets));
		if (!s->buckets) {
			card_cache_free(c);
			return ERR_NOMEM;
		}
	}
	*out = c;
	return 0;
}

void card_cache_free(struct card_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < CARD_SHARDS; i++) {
		struct card_shard *s = &c->shards[i];
		for (struct card_entry *e = s->newest, *next; e; e = next) {
			next = e->next;
			free(e);
		}
		free(s->buckets);
		pthread_mutex_destroy(&s->mu);
	}
	free(c);
}

static void list_unlink(struct card_shard *s, struct card_entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		s->newest = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		s->oldest = e->prev;
	e->prev = e->next = NULL;
}

static void list_push_newest(struct card_shard *s, struct card_entry *e)
{
	e->prev = NULL;
	e->next = s->newest;
	if (s->newest)
		s->newest->prev = e;
	s->newest = e;
	if (!s->oldest)
		s->oldest = e;
}

static void entry_remove(struct card_shard *s, struct card_entry *e)
{
	struct card_entry **pp = bucket_of(s, e->id);
	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	list_unlink(s, e);
	s->entries--;
	s->bytes -= CARD_OVERHEAD + e->len;
	free(e);
}

static struct card_entry *entry_find(struct card_shard *s, int64_t id)
{
	for (struct card_entry *e = *bucket_of(s, id); e; e = e->hnext)
		if (e->id == id)
			return e;
	return NULL;
}

/* Doubles the bucket array when chains would grow past one entry on
 * average; stays as it is when memory is short (chains just get longer). */
static void shard_grow(struct card_shard *s)
{
	if (s->entries < s->n_buckets)
		return;
	size_t n = s->n_buckets * 2;
	struct card_entry **b = calloc(n, sizeof(*b));
	if (!b)
		return;
	for (size_t i = 0; i < s->n_buckets; i++) {
		for (struct card_entry *e = s->buckets[i], *next; e; e = next) {
			next = e->hnext;
			struct card_entry **pp = &b[card_hash(e->id) & (n - 1)];
			e->hnext = *pp;
			*pp = e;
		}
	}
	free(s->buckets);
	s->buckets = b;
	s->n_buckets = n;
}

int card_cache_get(struct card_cache *c, int64_t id, int64_t card_version,
		   struct arena *a, const char **json, size_t *len,
		   int64_t *version)
{
	if (!c)
		return 0;
	struct card_shard *s = shard_of(c, id);
	int rc = 0;
	pthread_mutex_lock(&s->mu);
	struct card_entry *e = entry_find(s, id);
	if (e && e->card_version != card_version) {
		entry_remove(s, e); /* changed since: never useful again */
		e = NULL;
	}
	if (e) {
		char *copy = arena_alloc(a, e->len + 1);
		if (!copy) {
			rc = ERR_NOMEM;
		} else {
			memcpy(copy, e->json, e->len);
			*json = copy;
			*len = e->len;
			*version = e->version;
			list_unlink(s, e);
			list_push_newest(s, e);
			s->hits++;
			rc = 1;
		}
	} else {
		s->misses++;
	}
	pthread_mutex_unlock(&s->mu);
	return rc;
}

void card_cache_put(struct card_cache *c, int64_t id, int64_t card_version,
		    int64_t version, const char *json, size_t len)
{
	if (!c || CARD_OVERHEAD + len > c->shard_max / 16)
		return;
	struct card_entry *n = malloc(sizeof(*n) + len);
	if (!n)
		return;
	n->id = id;
	n->card_version = card_version;
	n->version = version;
	n->len = len;
	memcpy(n->json, json, len);
	struct card_shard *s = shard_of(c, id);
	pthread_mutex_lock(&s->mu);
	struct card_entry *old = entry_find(s, id);
	if (old)
		entry_remove(s, old);
	while (s->oldest && s->bytes + CARD_OVERHEAD + len > c->shard_max) {
		entry_remove(s, s->oldest);
		s->evictions++;
	}
	struct card_entry **pp = bucket_of(s, id);
	n->hnext = *pp;
	*pp = n;
	list_push_newest(s, n);
	s->entries++;
	s->bytes += CARD_OVERHEAD + len;
	shard_grow(s);
	pthread_mutex_unlock(&s->mu);
}

void card_cache_stats(struct card_cache *c, struct card_cache_stats *out)
{
	memset(out, 0, sizeof(*out));
	if (!c)
		return;
	out->max_bytes = c->max_bytes;
	for (int i = 0; i < CARD_SHARDS; i++) {
		struct card_shard *s = &c->shards[i];
		pthread_mutex_lock(&s->mu);
		out->hits += s->hits;
		out->misses += s->misses;
		out->evictions += s->evictions;
		out->entries += s->entries;
		out->bytes += s->bytes;
		pthread_mutex_unlock(&s->mu);
	}
}
