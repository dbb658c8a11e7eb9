/*
 * person_card.h - built person cards kept in memory.
 *
 * A person's card (GET /api/v1/persons/{id}, the full view) takes eight
 * queries and the JSON building; kept here as its JSON text, keyed by
 * the person's card version, it takes one indexed read of that number.
 * The version (person_card_versions) is kept by triggers (migration 0006)
 * on everything a card shows, including names it borrows from other rows,
 * so a write anywhere, by any process, makes the kept card unusable at
 * once: the cache never answers with an old card, it only saves work.
 *
 * Bounded by bytes (least recently used cards go first), sharded by id so
 * that threads rarely wait for each other. Thread-safe.
 */
#ifndef PAGALBA_DOMAIN_PERSON_CARD_H
#define PAGALBA_DOMAIN_PERSON_CARD_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct card_cache;

struct card_cache_stats {
	uint64_t hits, misses, evictions;
	size_t entries, bytes, max_bytes;
};

/* max_bytes 0 disables the cache: *out is NULL and every call below
 * accepts a NULL cache (a miss, or nothing). */
int card_cache_new(size_t max_bytes, struct card_cache **out);
void card_cache_free(struct card_cache *c);

/* A hit (1): the card of id at card_version, copied into the arena (NUL
 * terminated), and the row's version for the ETag. A miss (0) also drops
 * a kept card of another card_version. ERR_NOMEM when the arena is full. */
int card_cache_get(struct card_cache *c, int64_t id, int64_t card_version,
		   struct arena *a, const char **json, size_t *len,
		   int64_t *version);

/* Keeps a copy of the card (replacing the id's older one); a card larger
 * than a sixteenth of a shard is not kept. */
void card_cache_put(struct card_cache *c, int64_t id, int64_t card_version,
		    int64_t version, const char *json, size_t len);

void card_cache_stats(struct card_cache *c, struct card_cache_stats *out);

#endif
