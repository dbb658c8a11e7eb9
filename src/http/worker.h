/*
 * worker.h - a small fixed pool of threads for work that must not run on
 * the HTTP I/O threads (password hashing). The queue is bounded: when it
 * is full, worker_pool_submit says ERR_BUSY and the caller answers 503,
 * which bounds the memory that argon2id can take at once.
 */
#ifndef PAGALBA_HTTP_WORKER_H
#define PAGALBA_HTTP_WORKER_H

#include <stddef.h>

struct worker_pool;

typedef void (*worker_fn)(void *arg);

int worker_pool_new(unsigned threads, size_t queue_max, struct worker_pool **out);
/* Refuses new work (submit says ERR_BUSY), runs what is queued and joins
 * the threads; the struct stays valid for late submitters until
 * worker_pool_free. NULL and a second call are no-ops. */
void worker_pool_stop(struct worker_pool *p);
/* Stops (if not yet stopped) and frees. NULL is a no-op. */
void worker_pool_free(struct worker_pool *p);
int worker_pool_submit(struct worker_pool *p, worker_fn fn, void *arg);

#endif
