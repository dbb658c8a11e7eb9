#include "http/router.h"
#include "core/err.h"

#include <string.h>

/* Matches one segment of a pattern against one of the path. A {param}
 * matches 1..18 digits without a leading zero. */
static int router_segment(const char *pat, size_t plen, const char *seg,
			  size_t slen, int64_t *param, int *is_param)
{
	*is_param = 0;
	if (plen >= 2 && pat[0] == '{' && pat[plen - 1] == '}') {
		*is_param = 1;
		if (slen == 0 || slen > 18 || seg[0] == '0')
			return 0;
		int64_t v = 0;
		for (size_t i = 0; i < slen; i++) {
			if (seg[i] < '0' || seg[i] > '9')
				return 0;
			v = v * 10 + (seg[i] - '0');
		}
		*param = v;
		return 1;
	}
	return plen == slen && !memcmp(pat, seg, slen);
}

static int router_path_matches(const char *pat, const char *path,
			       struct router_match *m)
{
	m->n_params = 0;
	while (*pat && *path) {
		if (*pat != '/' || *path != '/')
			return 0;
		pat++;
		path++;
		const char *pe = strchr(pat, '/');
		const char *se = strchr(path, '/');
		size_t plen = pe ? (size_t)(pe - pat) : strlen(pat);
		size_t slen = se ? (size_t)(se - path) : strlen(path);
		int64_t v = 0;
		int is_param;
		if (!router_segment(pat, plen, path, slen, &v, &is_param))
			return 0;
		if (is_param) {
			if (m->n_params >= ROUTER_MAX_PARAMS)
				return 0;
			m->params[m->n_params++] = v;
		}
		pat += plen;
		path += slen;
	}
	return *pat == '\0' && *path == '\0';
}

int router_init(struct router *r, const struct route *routes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = routes[i].pattern;
		int params = 0, segs = 0;
		if (!p || p[0] != '/' || !routes[i].method)
			return ERR_INVALID;
		for (; *p; p++) {
			if (*p == '/')
				segs++;
			if (*p == '{')
				params++;
		}
		if (params > ROUTER_MAX_PARAMS || segs > ROUTER_MAX_SEGMENTS)
			return ERR_INVALID;
	}
	r->routes = routes;
	r->n_routes = n;
	return 0;
}

int router_match(const struct router *r, const char *method, const char *path,
		 struct router_match *m)
{
	int path_seen = 0;
	if (!path || path[0] != '/' || strlen(path) > 1024)
		return ERR_NOT_FOUND;
	for (size_t i = 0; i < r->n_routes; i++) {
		const struct route *rt = &r->routes[i];
		if (!router_path_matches(rt->pattern, path, m))
			continue;
		if (strcmp(rt->method, method)) {
			path_seen = 1;
			continue;
		}
		m->route = rt;
		return 0;
	}
	m->route = NULL;
	return path_seen ? ERR_UNSUPPORTED : ERR_NOT_FOUND;
}
