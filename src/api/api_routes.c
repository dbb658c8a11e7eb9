/*
 * api_routes.c - every API route, the permission it needs, and its
 * handler. The OpenAPI document is generated from this table, and the
 * access-matrix test walks it, so a route cannot be added without being
 * described and tested for access.
 */
#include "api/api.h"
#include "api/api_util.h"

#define R(m, p, h, perm, flags, summary) {m, p, (void *)h, perm, flags, summary}

const struct route api_routes[] = {
	R("GET", "/api/v1/health", api_health, PERM_PUBLIC, 0, "Liveness and database check"),
	R("GET", "/api/v1/openapi.json", api_openapi, PERM_PUBLIC, 0, "This document"),
	R("POST", "/api/v1/session", api_login, PERM_PUBLIC, API_NO_CSRF, "Log in (username, password); sets the session cookie"),
	R("GET", "/api/v1/session", api_session_get, PERM_SESSION, 0, "The current user, role and CSRF token"),
	R("DELETE", "/api/v1/session", api_logout, PERM_SESSION, 0, "Log out"),
	R("POST", "/api/v1/session/password", api_password_change, PERM_SESSION, 0, "Change own password"),

	R("GET", "/api/v1/persons", api_person_list, PERM_PERSON_READ, 0, "Persons in Lithuanian alphabetical order (limit, cursor)"),
	R("POST", "/api/v1/persons", api_person_create, PERM_PERSON_WRITE, 0, "Register a person"),
	R("POST", "/api/v1/persons/search", api_person_search, PERM_PERSON_READ, 0, "Search by name or personal-code prefix (query in the body)"),
	R("POST", "/api/v1/persons/duplicates", api_person_duplicates, PERM_PERSON_WRITE, 0, "Likely duplicates of a person being registered"),
	R("GET", "/api/v1/persons/{id}", api_person_get, PERM_PERSON_READ, 0, "The person card"),
	R("PATCH", "/api/v1/persons/{id}", api_person_update, PERM_PERSON_WRITE, 0, "Update a person (If-Match)"),
	R("POST", "/api/v1/persons/{id}/merge", api_person_merge, PERM_PERSON_MERGE, 0, "Merge another record (merge_id) into this one"),

	/* == person parts: addresses, groups, family, notes, shares == */
	/* == end person parts == */

	/* == organisation and users == */
	/* == end organisation and users == */

	/* == audit == */
	/* == end audit == */
};

const size_t api_routes_count = sizeof(api_routes) / sizeof(api_routes[0]);
