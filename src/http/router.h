/*
 * router.h - maps "METHOD /path/{id}" to a route. Patterns are literal
 * segments and {name} segments, which match a positive decimal integer
 * (ids) and are handed back as int64. The table is built once at start-up
 * and read-only afterwards, so matching is thread-safe.
 */
#ifndef PAGALBA_HTTP_ROUTER_H
#define PAGALBA_HTTP_ROUTER_H

#include <stddef.h>
#include <stdint.h>

#define ROUTER_MAX_PARAMS 4
#define ROUTER_MAX_SEGMENTS 12

struct route {
	const char *method;  /* "GET", "POST", ... */
	const char *pattern; /* "/api/v1/persons/{id}" */
	void *handler;       /* opaque to the router */
	int perm;            /* opaque to the router: the permission needed */
	unsigned flags;      /* opaque to the router */
	const char *summary; /* for the OpenAPI document */
};

struct router_match {
	const struct route *route;
	int64_t params[ROUTER_MAX_PARAMS];
	int n_params;
};

struct router {
	const struct route *routes;
	size_t n_routes;
};

/* Takes a caller-owned table (usually static const). Validates every
 * pattern; ERR_INVALID names nothing but is a programming error. */
int router_init(struct router *r, const struct route *routes, size_t n);

/*
 * Matches a request path (no query string). Returns 0 with *m filled,
 * ERR_NOT_FOUND if no pattern matches the path, or ERR_UNSUPPORTED if the
 * path matches but not for this method (HTTP 405).
 */
int router_match(const struct router *r, const char *method, const char *path,
		 struct router_match *m);

#endif
