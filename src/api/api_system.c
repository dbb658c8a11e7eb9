/*
 * api_system.c - health, the OpenAPI document, shared handler helpers.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/person_card.h"

#include <string.h>

int api_field_errors(struct api_ctx *c, const struct field_errors *fe, int rc)
{
	for (int i = 0; i < fe->n; i++)
		api_field_error(c, fe->e[i].field, fe->e[i].key);
	if (rc == 0 && fe->n)
		rc = ERR_INVALID;
	if (rc == ERR_CONFLICT && fe->n)
		c->err_key = fe->e[0].key;
	return rc;
}

int api_health(struct api_ctx *c)
{
	struct db *db;
	int version = 0;
	int rc = api_db(c, &db);
	if (!rc)
		rc = db_schema_version(db, &version);
	if (rc) {
		c->retry_after = 5;
		return api_fail(c, ERR_BUSY, "storage");
	}
	return api_ok(c, 200, json_pack("{s:s,s:s,s:i,s:s}", "status", "ok",
					"database", db_kind(db) == DB_KIND_POSTGRES ? "postgresql" : "sqlite",
					"schema_version", version, "version", PAGALBA_VERSION));
}

/* Counters for whoever runs the server (and for bench/run.sh): how well
 * the kept cards serve, and whether the read log keeps up. */
int api_system_stats(struct api_ctx *c)
{
	struct card_cache_stats cs;
	struct audit_log_stats as;
	card_cache_stats(c->app->cards, &cs);
	audit_log_stats(c->app->audit, &as);
	return api_ok(c, 200, json_pack("{s:{s:b,s:I,s:I,s:I,s:I,s:I,s:I},s:{s:I,s:I,s:I,s:b}}",
		"cards", "enabled", c->app->cards != NULL,
		"hits", (json_int_t)cs.hits, "misses", (json_int_t)cs.misses,
		"evictions", (json_int_t)cs.evictions, "entries", (json_int_t)cs.entries,
		"bytes", (json_int_t)cs.bytes, "max_bytes", (json_int_t)cs.max_bytes,
		"read_log", "submitted", (json_int_t)as.submitted,
		"committed", (json_int_t)as.committed, "queued", (json_int_t)as.queued,
		"failing", as.failing != 0));
}

int api_openapi(struct api_ctx *c)
{
	json_t *doc = api_openapi_document();
	if (!doc)
		return ERR_NOMEM;
	c->content_type = "application/json; charset=utf-8";
	return api_ok(c, 200, doc);
}

/* Converts "/api/v1/persons/{id}" into an OpenAPI path item with its
 * parameters; the router's {name} syntax is already OpenAPI's. */
json_t *api_openapi_document(void)
{
	json_t *paths = json_object();
	for (size_t i = 0; i < api_routes_count; i++) {
		const struct route *r = &api_routes[i];
		json_t *item = json_object_get(paths, r->pattern);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, r->pattern, item);
		}
		json_t *op = json_object();
		json_object_set_new(op, "summary", json_string(r->summary ? r->summary : ""));
		json_object_set_new(op, "x-permission", json_string(access_perm_name((enum perm)r->perm)));
		json_t *params = json_array();
		const char *p = r->pattern;
		while ((p = strchr(p, '{'))) {
			const char *e = strchr(p, '}');
			json_array_append_new(params, json_pack("{s:s%,s:s,s:b,s:{s:s,s:s}}",
				"name", p + 1, (size_t)(e - p - 1), "in", "path", "required", 1,
				"schema", "type", "integer", "format", "int64"));
			p = e;
		}
		if (json_array_size(params))
			json_object_set_new(op, "parameters", params);
		else
			json_decref(params);
		if (!strcmp(r->method, "POST") || !strcmp(r->method, "PUT") || !strcmp(r->method, "PATCH"))
			json_object_set_new(op, "requestBody", json_pack("{s:{s:{s:{s:s}}}}",
				"content", "application/json", "schema", "type", "object"));
		json_object_set_new(op, "responses", json_pack("{s:{s:s},s:{s:s}}",
			"200", "description", "OK", "default", "description", "Error: {\"error\":{\"code\",\"message\",\"fields\"}}"));
		if (r->perm == PERM_PUBLIC)
			json_object_set_new(op, "security", json_array());
		char method[8];
		size_t n = strlen(r->method);
		for (size_t k = 0; k < n && k < 7; k++)
			method[k] = (char)(r->method[k] | 0x20);
		method[n < 7 ? n : 7] = '\0';
		json_object_set_new(item, method, op);
	}
	return json_pack("{s:s,s:{s:s,s:s,s:s},s:[{s:s}],s:o,s:{s:{s:{s:s,s:s,s:s}}},s:[{s:[]}]}",
		"openapi", "3.0.3",
		"info", "title", "Pagalba API", "version", PAGALBA_VERSION,
		"description", "Social services centre API. Errors: {\"error\":{\"code\",\"message\",\"fields\"}}. Updates need If-Match with the ETag; browser writes need X-CSRF-Token.",
		"servers", "url", "/",
		"paths", paths,
		"components", "securitySchemes", "session", "type", "apiKey", "in", "cookie", "name", "pagalba_session",
		"security", "session");
}
