/*
 * arena.h - a bump allocator for everything one request or one command
 * allocates. Nothing allocated from an arena is freed on its own; the whole
 * arena goes at once with arena_release(). The arena has a cap so that a
 * hostile request cannot make the server allocate without bound.
 *
 * Not thread-safe: an arena belongs to one request, served by one thread.
 */
#ifndef PAGALBA_CORE_ARENA_H
#define PAGALBA_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used_total; /* bytes handed out, for the cap */
	size_t cap;        /* 0 = no cap */
};

/* Prepares an empty arena; allocates nothing. cap 0 means unlimited. */
void arena_init(struct arena *a, size_t cap);

/* Wipes and frees every block. The arena can be used again afterwards. */
void arena_release(struct arena *a);

/* Returns n bytes aligned for any type, or NULL when out of memory or over
 * the cap. Memory is zeroed. */
void *arena_alloc(struct arena *a, size_t n);

/* Copies a NUL-terminated string (or the first n bytes) into the arena. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into the arena; NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
