#include "domain/throttle.h"
#include "core/err.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct throttle_slot {
	char key[96];
	int failures;
	int64_t window_start;
};

struct throttle {
	pthread_mutex_t mu;
	int max_failures;
	int64_t window_ms;
	struct throttle_slot slots[THROTTLE_MAX_KEYS];
};

struct throttle *throttle_new(int max_failures, int64_t window_ms)
{
	struct throttle *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	pthread_mutex_init(&t->mu, NULL);
	t->max_failures = max_failures;
	t->window_ms = window_ms;
	return t;
}

void throttle_free(struct throttle *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->mu);
	free(t);
}

static uint64_t throttle_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Open addressing over 16 slots; when all are taken, the slot with the
 * oldest window is reused. Caller holds the lock. */
static struct throttle_slot *throttle_slot(struct throttle *t, const char *key,
					   int create)
{
	size_t base = (size_t)(throttle_hash(key) % THROTTLE_MAX_KEYS);
	struct throttle_slot *victim = NULL;
	for (size_t i = 0; i < 16; i++) {
		struct throttle_slot *s = &t->slots[(base + i) % THROTTLE_MAX_KEYS];
		if (s->key[0] && !strncmp(s->key, key, sizeof(s->key) - 1))
			return s;
		if (!victim || !s->key[0] ||
		    (victim->key[0] && s->window_start < victim->window_start))
			victim = s;
	}
	if (!create)
		return NULL;
	memset(victim, 0, sizeof(*victim));
	strncpy(victim->key, key, sizeof(victim->key) - 1);
	return victim;
}

int throttle_check(struct throttle *t, const char *key, int64_t now_ms,
		   int64_t *retry_ms)
{
	int rc = 0;
	pthread_mutex_lock(&t->mu);
	struct throttle_slot *s = throttle_slot(t, key, 0);
	if (s && s->failures >= t->max_failures) {
		int64_t until = s->window_start + t->window_ms;
		if (now_ms < until) {
			*retry_ms = until - now_ms;
			rc = ERR_RATE_LIMITED;
		} else {
			s->failures = 0;
		}
	}
	pthread_mutex_unlock(&t->mu);
	return rc;
}

void throttle_fail(struct throttle *t, const char *key, int64_t now_ms)
{
	pthread_mutex_lock(&t->mu);
	struct throttle_slot *s = throttle_slot(t, key, 1);
	if (s->failures == 0 || now_ms - s->window_start > t->window_ms) {
		s->failures = 0;
		s->window_start = now_ms;
	}
	s->failures++;
	pthread_mutex_unlock(&t->mu);
}

void throttle_clear(struct throttle *t, const char *key)
{
	pthread_mutex_lock(&t->mu);
	struct throttle_slot *s = throttle_slot(t, key, 0);
	if (s)
		memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&t->mu);
}
