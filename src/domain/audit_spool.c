#include "domain/audit_spool.h"
#include "core/err.h"
#include "core/log.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SPOOL_MAC_BYTES 16

struct spool_slot {
	_Atomic uint64_t no; /* 0 = empty; written last */
	int64_t ts_ms, user_id, entity_id;
	char username[64];
	char action[32];
	char entity[32];
	char ip[48];
	char reason[AUDIT_REASON_MAX];
	unsigned char mac[SPOOL_MAC_BYTES];
};

struct audit_spool {
	int fd;
	size_t slots;
	struct spool_slot *map;
	unsigned char key[AUDIT_KEY_BYTES];
};

static void slot_mac(const struct audit_spool *s, uint64_t no,
		     const struct spool_slot *sl, unsigned char *out)
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, s->key, AUDIT_KEY_BYTES, SPOOL_MAC_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)&no, sizeof(no));
	/* Everything between the number and the MAC. */
	const unsigned char *from = (const unsigned char *)&sl->ts_ms;
	crypto_generichash_update(&st, from, (size_t)((const unsigned char *)sl->mac - from));
	crypto_generichash_final(&st, out, SPOOL_MAC_BYTES);
}

int audit_spool_open(const char *path, const unsigned char *key,
		     size_t slots, struct audit_spool **out)
{
	struct audit_spool *s = calloc(1, sizeof(*s));
	if (!s)
		return ERR_NOMEM;
	size_t size = slots * sizeof(struct spool_slot);
	s->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	struct stat stt;
	if (s->fd < 0 || fstat(s->fd, &stt) ||
	    ((size_t)stt.st_size != size && ftruncate(s->fd, (off_t)size))) {
		log_error("audit: cannot open the read records' spool (%s)", strerror(errno));
		if (s->fd >= 0)
			close(s->fd);
		free(s);
		return ERR_IO;
	}
	s->map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd, 0);
	if (s->map == MAP_FAILED) {
		log_error("audit: cannot map the read records' spool (%s)", strerror(errno));
		close(s->fd);
		free(s);
		return ERR_IO;
	}
	s->slots = slots;
	memcpy(s->key, key, AUDIT_KEY_BYTES);
	*out = s;
	return 0;
}

void audit_spool_close(struct audit_spool *s)
{
	if (!s)
		return;
	munmap(s->map, s->slots * sizeof(struct spool_slot));
	close(s->fd);
	sodium_memzero(s->key, sizeof(s->key));
	free(s);
}

static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strnlen(src, cap - 1) : 0;
	memcpy(dst, src ? src : "", n);
	memset(dst + n, 0, cap - n);
}

void audit_spool_put(struct audit_spool *s, uint64_t no,
		     const struct audit_entry *e)
{
	struct spool_slot *sl = &s->map[no % s->slots];
	atomic_store_explicit(&sl->no, 0, memory_order_relaxed);
	sl->ts_ms = e->ts_ms;
	sl->user_id = e->user_id;
	sl->entity_id = e->entity_id;
	copy_str(sl->username, sizeof(sl->username), e->username);
	copy_str(sl->action, sizeof(sl->action), e->action);
	copy_str(sl->entity, sizeof(sl->entity), e->entity);
	copy_str(sl->ip, sizeof(sl->ip), e->ip);
	copy_str(sl->reason, sizeof(sl->reason), e->reason);
	slot_mac(s, no, sl, sl->mac);
	atomic_store_explicit(&sl->no, no, memory_order_release);
}

void audit_spool_clear(struct audit_spool *s)
{
	memset(s->map, 0, s->slots * sizeof(struct spool_slot));
	msync(s->map, s->slots * sizeof(struct spool_slot), MS_SYNC);
}

static int by_no(const void *a, const void *b)
{
	uint64_t x = ((const struct audit_spooled *)a)->no;
	uint64_t y = ((const struct audit_spooled *)b)->no;
	return (x > y) - (x < y);
}

int audit_spool_pending(struct audit_spool *s, uint64_t mark,
			struct audit_spooled **out, size_t *n)
{
	size_t count = 0;
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < s->slots; i++)
		if (atomic_load(&s->map[i].no) > mark)
			count++;
	if (!count)
		return 0;
	struct audit_spooled *r = calloc(count, sizeof(*r));
	if (!r)
		return ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < s->slots && k < count; i++) {
		const struct spool_slot *sl = &s->map[i];
		uint64_t no = atomic_load(&sl->no);
		unsigned char mac[SPOOL_MAC_BYTES];
		if (no <= mark || no % s->slots != i)
			continue;
		slot_mac(s, no, sl, mac);
		if (sodium_memcmp(mac, sl->mac, SPOOL_MAC_BYTES))
			continue; /* torn or not ours: never replayed */
		struct audit_spooled *x = &r[k++];
		x->no = no;
		copy_str(x->action, sizeof(x->action), sl->action);
		copy_str(x->entity, sizeof(x->entity), sl->entity);
		x->e.ts_ms = sl->ts_ms;
		x->e.user_id = sl->user_id;
		x->e.entity_id = sl->entity_id;
		copy_str(x->e.username, sizeof(x->e.username), sl->username);
		copy_str(x->e.ip, sizeof(x->e.ip), sl->ip);
		copy_str(x->e.reason, sizeof(x->e.reason), sl->reason);
	}
	qsort(r, k, sizeof(*r), by_no);
	for (size_t i = 0; i < k; i++) { /* after the sort: pointers stay put */
		r[i].e.action = r[i].action;
		r[i].e.entity = r[i].entity;
	}
	*out = r;
	*n = k;
	return 0;
}
