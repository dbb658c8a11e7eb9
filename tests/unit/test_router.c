/* Unit tests of http/router. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/err.h"
#include "http/router.h"

static const struct route routes[] = {
	{"GET", "/api/v1/persons", NULL, 0, 0, NULL},
	{"POST", "/api/v1/persons", NULL, 0, 0, NULL},
	{"POST", "/api/v1/persons/search", NULL, 0, 0, NULL},
	{"GET", "/api/v1/persons/{id}", NULL, 0, 0, NULL},
	{"DELETE", "/api/v1/persons/{id}/addresses/{aid}", NULL, 0, 0, NULL},
};

static void matches_literals_and_params(void **state)
{
	struct router r;
	struct router_match m;
	(void)state;
	assert_int_equal(router_init(&r, routes, 5), 0);
	assert_int_equal(router_match(&r, "GET", "/api/v1/persons", &m), 0);
	assert_ptr_equal(m.route, &routes[0]);
	assert_int_equal(router_match(&r, "POST", "/api/v1/persons/search", &m), 0);
	assert_ptr_equal(m.route, &routes[2]);
	assert_int_equal(router_match(&r, "GET", "/api/v1/persons/42", &m), 0);
	assert_ptr_equal(m.route, &routes[3]);
	assert_int_equal(m.n_params, 1);
	assert_int_equal(m.params[0], 42);
	assert_int_equal(router_match(&r, "DELETE", "/api/v1/persons/7/addresses/9", &m), 0);
	assert_int_equal(m.n_params, 2);
	assert_int_equal(m.params[0], 7);
	assert_int_equal(m.params[1], 9);
}

static void distinguishes_404_and_405(void **state)
{
	struct router r;
	struct router_match m;
	(void)state;
	router_init(&r, routes, 5);
	assert_int_equal(router_match(&r, "PUT", "/api/v1/persons", &m), ERR_UNSUPPORTED);
	assert_int_equal(router_match(&r, "GET", "/api/v1/nothing", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(&r, "GET", "/api/v1/persons/", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(&r, "GET", "/api/v1/persons/search/x", &m), ERR_NOT_FOUND);
}

static void rejects_bad_ids(void **state)
{
	struct router r;
	struct router_match m;
	(void)state;
	router_init(&r, routes, 5);
	assert_int_equal(router_match(&r, "GET", "/api/v1/persons/0", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(&r, "GET", "/api/v1/persons/012", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(&r, "GET", "/api/v1/persons/-1", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(&r, "GET", "/api/v1/persons/1e3", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(&r, "GET", "/api/v1/persons/1234567890123456789", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(&r, "GET", "/api/v1/persons/123456789012345678", &m), 0);
	assert_int_equal(router_match(&r, "GET", "", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(&r, "GET", "api/v1/persons", &m), ERR_NOT_FOUND);
	char longpath[2048];
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	assert_int_equal(router_match(&r, "GET", longpath, &m), ERR_NOT_FOUND);
}

static void init_rejects_bad_patterns(void **state)
{
	struct router r;
	static const struct route bad[] = {{"GET", "no-slash", NULL, 0, 0, NULL}};
	static const struct route many[] = {{"GET", "/{a}/{b}/{c}/{d}/{e}", NULL, 0, 0, NULL}};
	(void)state;
	assert_int_equal(router_init(&r, bad, 1), ERR_INVALID);
	assert_int_equal(router_init(&r, many, 1), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matches_literals_and_params),
		cmocka_unit_test(distinguishes_404_and_405),
		cmocka_unit_test(rejects_bad_ids),
		cmocka_unit_test(init_rejects_bad_patterns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
