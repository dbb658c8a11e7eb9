/*
 * fuzz_router.c - libFuzzer target for the router over the real route
 * table: arbitrary method and path (split at the first NUL or newline).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/err.h"
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct router r;
	struct router_match m;
	char buf[4096];
	if (size >= sizeof(buf))
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	char *path = strchr(buf, '\n');
	const char *method = "GET";
	if (path) {
		*path++ = '\0';
		method = buf;
	} else {
		path = buf;
	}
	if (router_init(&r, api_routes, api_routes_count))
		abort();
	int rc = router_match(&r, method, path, &m);
	if (rc == 0 && (!m.route || m.n_params < 0 || m.n_params > ROUTER_MAX_PARAMS))
		abort();
	if (rc != 0 && rc != ERR_NOT_FOUND && rc != ERR_UNSUPPORTED)
		abort();
	for (int i = 0; rc == 0 && i < m.n_params; i++)
		if (m.params[i] <= 0)
			abort();
	return 0;
}
