/*
 * assets.h - the built web UI, loaded into memory at start-up from a
 * directory (web/dist) and served by the same binary. Paths that are not
 * files fall back to /index.html so the single-page app can route itself.
 * Immutable after load: thread-safe to read.
 */
#ifndef PAGALBA_HTTP_ASSETS_H
#define PAGALBA_HTTP_ASSETS_H

#include <stddef.h>

struct asset {
	const char *path; /* "/index.html" */
	size_t len;
	const char *data;
};

struct assets;

/* Loads every file under dir (at most 64 MiB in all). A missing dir gives
 * an empty set (the API still works). */
int assets_load(const char *dir, struct assets **out);
void assets_free(struct assets *a);

struct asset_hit {
	const char *data;
	size_t len;
	const char *content_type;
	int gzip;      /* data is gzip-compressed */
	int immutable; /* hashed file name: cache for a year */
};

/* Finds path (or its .gz when accept_gzip), falling back to index.html for
 * paths without a dot. ERR_NOT_FOUND otherwise. */
int assets_find(const struct assets *a, const char *path, int accept_gzip,
		struct asset_hit *hit);

#endif
