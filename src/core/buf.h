/*
 * buf.h - a growable byte buffer with a hard maximum (after curl's dynbuf).
 * Every append either fits under the maximum or fails with ERR_TOO_LARGE and
 * leaves the buffer as it was. The data is always NUL-terminated.
 *
 * Owner: whoever called buf_init; buf_release frees the memory.
 * Not thread-safe.
 */
#ifndef PAGALBA_CORE_BUF_H
#define PAGALBA_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hands the data to the caller (free() it) and resets the buffer. */
char *buf_detach(struct buf *b, size_t *len);

#endif
