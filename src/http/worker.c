#include "http/worker.h"
#include "core/err.h"

#include <pthread.h>
#include <stdlib.h>

struct worker_job {
	worker_fn fn;
	void *arg;
};

struct worker_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t *threads;
	unsigned n_threads;
	struct worker_job *queue;
	size_t cap, head, count;
	int stopping;
};

static void *worker_main(void *arg)
{
	struct worker_pool *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->count && !p->stopping)
			pthread_cond_wait(&p->cv, &p->mu);
		if (!p->count) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		struct worker_job j = p->queue[p->head];
		p->head = (p->head + 1) % p->cap;
		p->count--;
		pthread_mutex_unlock(&p->mu);
		j.fn(j.arg);
	}
}

int worker_pool_new(unsigned threads, size_t queue_max, struct worker_pool **out)
{
	struct worker_pool *p = calloc(1, sizeof(*p));
	if (!p)
		return ERR_NOMEM;
	p->cap = queue_max ? queue_max : 1;
	p->queue = calloc(p->cap, sizeof(*p->queue));
	p->threads = calloc(threads ? threads : 1, sizeof(*p->threads));
	if (!p->queue || !p->threads) {
		free(p->queue);
		free(p->threads);
		free(p);
		return ERR_NOMEM;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	for (unsigned i = 0; i < (threads ? threads : 1); i++) {
		if (pthread_create(&p->threads[i], NULL, worker_main, p))
			break;
		p->n_threads++;
	}
	if (!p->n_threads) {
		worker_pool_free(p);
		return ERR_NOMEM;
	}
	*out = p;
	return 0;
}

void worker_pool_stop(struct worker_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stopping = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; i < p->n_threads; i++)
		pthread_join(p->threads[i], NULL);
	p->n_threads = 0;
}

void worker_pool_free(struct worker_pool *p)
{
	if (!p)
		return;
	worker_pool_stop(p);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p->queue);
	free(p->threads);
	free(p);
}

int worker_pool_submit(struct worker_pool *p, worker_fn fn, void *arg)
{
	pthread_mutex_lock(&p->mu);
	if (p->stopping || p->count == p->cap) {
		pthread_mutex_unlock(&p->mu);
		return ERR_BUSY;
	}
	p->queue[(p->head + p->count) % p->cap] = (struct worker_job){fn, arg};
	p->count++;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return 0;
}
