/*
 * throttle.h - login throttling per account and per client address.
 * In memory (a restart forgets, which is acceptable: the limits are about
 * slowing guessing, and a restart is rare and visible). Bounded: at most
 * THROTTLE_MAX_KEYS keys; the stalest are forgotten first. Thread-safe.
 */
#ifndef PAGALBA_DOMAIN_THROTTLE_H
#define PAGALBA_DOMAIN_THROTTLE_H

#include <stdint.h>

#define THROTTLE_MAX_KEYS 8192

struct throttle;

struct throttle *throttle_new(int max_failures, int64_t window_ms);
void throttle_free(struct throttle *t);

/* 0 if key may try now; ERR_RATE_LIMITED with *retry_ms otherwise. */
int throttle_check(struct throttle *t, const char *key, int64_t now_ms,
		   int64_t *retry_ms);
void throttle_fail(struct throttle *t, const char *key, int64_t now_ms);
void throttle_clear(struct throttle *t, const char *key);

#endif
