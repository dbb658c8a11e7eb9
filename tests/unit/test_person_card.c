/* The card cache: keyed by card_version, bounded by bytes, least
 * recently used first out, safe under threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/person_card.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int get(struct card_cache *c, int64_t id, int64_t cv, char *out,
	       size_t cap, int64_t *version)
{
	struct arena a;
	const char *json = NULL;
	size_t len = 0;
	arena_init(&a, 0);
	int rc = card_cache_get(c, id, cv, &a, &json, &len, version);
	if (rc == 1) {
		assert_true(len < cap);
		memcpy(out, json, len);
		out[len] = '\0';
		assert_int_equal(json[len], '\0');
	}
	arena_release(&a);
	return rc;
}

static void hit_only_at_the_same_card_version(void **state)
{
	(void)state;
	struct card_cache *c;
	char buf[64];
	int64_t v = 0;
	assert_int_equal(card_cache_new(1 << 20, &c), 0);
	assert_int_equal(get(c, 7, 1, buf, sizeof(buf), &v), 0);
	card_cache_put(c, 7, 1, 3, "{\"id\":7}", 8);
	assert_int_equal(get(c, 7, 1, buf, sizeof(buf), &v), 1);
	assert_string_equal(buf, "{\"id\":7}");
	assert_int_equal(v, 3);
	/* Changed since: a miss, and the old card is gone for good. */
	assert_int_equal(get(c, 7, 2, buf, sizeof(buf), &v), 0);
	assert_int_equal(get(c, 7, 1, buf, sizeof(buf), &v), 0);
	card_cache_put(c, 7, 2, 4, "{\"id\":7,\"x\":1}", 14);
	card_cache_put(c, 7, 2, 4, "{\"id\":7,\"x\":2}", 14); /* replaces */
	assert_int_equal(get(c, 7, 2, buf, sizeof(buf), &v), 1);
	assert_string_equal(buf, "{\"id\":7,\"x\":2}");
	struct card_cache_stats s;
	card_cache_stats(c, &s);
	assert_int_equal(s.entries, 1);
	assert_int_equal(s.hits, 2);
	assert_int_equal(s.misses, 3);
	card_cache_free(c);
}

static void bounded_by_bytes_oldest_out_first(void **state)
{
	(void)state;
	struct card_cache *c;
	char card[1000], buf[1100];
	int64_t v;
	memset(card, 'x', sizeof(card));
	/* 64 shards of 64 KiB: 61 cards of 1,000 bytes (and overhead) each. */
	assert_int_equal(card_cache_new(4 << 20, &c), 0);
	for (int64_t id = 1; id <= 5000; id++) {
		card_cache_put(c, id, 1, 1, card, sizeof(card));
		if (id % 2 == 0) /* keep reading the first ten */
			for (int64_t k = 1; k <= 10; k++)
				get(c, k, 1, buf, sizeof(buf), &v);
	}
	struct card_cache_stats s;
	card_cache_stats(c, &s);
	assert_true(s.bytes <= s.max_bytes);
	assert_true(s.entries > 3000 && s.entries <= 3904);
	assert_true(s.evictions >= 5000 - 3904);
	for (int64_t k = 1; k <= 10; k++)
		assert_int_equal(get(c, k, 1, buf, sizeof(buf), &v), 1);
	assert_int_equal(get(c, 11, 1, buf, sizeof(buf), &v), 0);
	/* Too big for a shard's sixteenth: not kept at all. */
	static char big[4096];
	card_cache_put(c, 9999999, 1, 1, big, sizeof(big));
	assert_int_equal(get(c, 9999999, 1, buf, sizeof(buf), &v), 0);
	card_cache_free(c);
}

static void off_when_sized_zero(void **state)
{
	(void)state;
	struct card_cache *c = (void *)1;
	char buf[16];
	int64_t v;
	assert_int_equal(card_cache_new(0, &c), 0);
	assert_null(c);
	card_cache_put(c, 1, 1, 1, "{}", 2);
	assert_int_equal(get(c, 1, 1, buf, sizeof(buf), &v), 0);
	card_cache_free(c);
}

static void *hammer(void *arg)
{
	struct card_cache *c = arg;
	char card[64], buf[128];
	for (int i = 0; i < 20000; i++) {
		int64_t id = i % 300, cv = i % 3, v;
		int n = snprintf(card, sizeof(card), "{\"id\":%lld,\"cv\":%lld}",
				 (long long)id, (long long)cv);
		if (get(c, id, cv, buf, sizeof(buf), &v) == 1) {
			/* Whatever is returned belongs to this key. */
			assert_string_equal(buf, card);
			assert_int_equal(v, cv + 10);
		} else {
			card_cache_put(c, id, cv, cv + 10, card, (size_t)n);
		}
	}
	return NULL;
}

static void threads_never_see_another_key(void **state)
{
	(void)state;
	struct card_cache *c;
	pthread_t th[4];
	assert_int_equal(card_cache_new(256 << 10, &c), 0);
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, hammer, c);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	struct card_cache_stats s;
	card_cache_stats(c, &s);
	assert_true(s.hits > 0);
	assert_true(s.bytes <= s.max_bytes);
	card_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hit_only_at_the_same_card_version),
		cmocka_unit_test(bounded_by_bytes_oldest_out_first),
		cmocka_unit_test(off_when_sized_zero),
		cmocka_unit_test(threads_never_see_another_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
