/*
 * api.c - request dispatch for the JSON API: route, authenticate, check
 * the permission and CSRF, run the handler, render errors. This is the one
 * place where access is enforced for routes (see domain/access.c for the
 * matrix) and where error codes become HTTP statuses.
 */
#include "api/api.h"
#include "app.h"
#include "core/date.h"
#include "core/err.h"
#include "core/log.h"
#include "core/text.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/session.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int api_status_for(int rc, const struct api_ctx *c)
{
	switch (rc) {
	case ERR_INVALID:
		return c->err_fields && json_object_size(c->err_fields) ? 422 : 400;
	case ERR_NOT_FOUND: return 404;
	case ERR_CONFLICT: return 409;
	case ERR_FORBIDDEN: return 403;
	case ERR_UNAUTHORIZED: return 401;
	case ERR_TOO_LARGE: return 413;
	case ERR_BUSY: return 503;
	case ERR_PRECONDITION:
		return c->err_key && !strcmp(c->err_key, "if_match.required") ? 428 : 412;
	case ERR_RATE_LIMITED: return 429;
	case ERR_UNSUPPORTED: return 405;
	default: return 500;
	}
}

static void api_render_error(struct api_ctx *c, int rc)
{
	const char *key = c->err_key ? c->err_key : err_name(rc);
	json_t *err = json_object();
	json_object_set_new(err, "code", json_string(key));
	json_object_set_new(err, "message", json_string(api_message(c->lang, key)));
	if (c->err_fields && json_object_size(c->err_fields)) {
		json_t *fields = json_object();
		const char *f;
		json_t *v;
		json_object_foreach(c->err_fields, f, v) {
			const char *k = json_string_value(v);
			json_t *one = json_object();
			json_object_set_new(one, "code", json_string(k));
			json_object_set_new(one, "message", json_string(api_message(c->lang, k)));
			json_object_set_new(fields, f, one);
		}
		json_object_set_new(err, "fields", fields);
	}
	json_t *body = json_object();
	json_object_set_new(body, "error", err);
	json_decref(c->resp);
	c->resp = body;
	c->resp_raw = NULL;
	c->status = api_status_for(rc, c);
	c->etag[0] = '\0';
	if (rc < 0 && c->status >= 500)
		log_error("api: %s %s -> %d (%s)", c->method,
			  c->route ? c->route->pattern : "?", c->status, key);
}

int api_fail(struct api_ctx *c, int rc, const char *key)
{
	c->err_key = key;
	return rc;
}

int api_field_error(struct api_ctx *c, const char *field, const char *key)
{
	if (!c->err_fields)
		c->err_fields = json_object();
	if (!json_object_get(c->err_fields, field))
		json_object_set_new(c->err_fields, field, json_string(key));
	if (!c->err_key)
		c->err_key = "invalid";
	return ERR_INVALID;
}

int api_ok(struct api_ctx *c, int status, json_t *obj)
{
	json_decref(c->resp);
	c->resp = obj;
	c->status = status;
	return obj ? 0 : ERR_NOMEM;
}

void api_set_etag(struct api_ctx *c, int64_t version)
{
	snprintf(c->etag, sizeof(c->etag), "\"v%lld\"", (long long)version);
}

int api_if_match(struct api_ctx *c, int64_t *version)
{
	const char *h = c->io.header(c->io.t, "If-Match");
	if (!h)
		return api_fail(c, ERR_PRECONDITION, "if_match.required");
	if (h[0] == 'W' && h[1] == '/')
		h += 2;
	if (h[0] != '"' || h[1] != 'v')
		return api_fail(c, ERR_PRECONDITION, "precondition_failed");
	char *end;
	long long v = strtoll(h + 2, &end, 10);
	if (*end != '"' || end[1] != '\0' || v <= 0)
		return api_fail(c, ERR_PRECONDITION, "precondition_failed");
	*version = v;
	return 0;
}

const char *api_query(struct api_ctx *c, const char *name)
{
	return c->io.query(c->io.t, name);
}

int api_page(struct api_ctx *c, int *limit, const char **cursor)
{
	const char *l = api_query(c, "limit");
	*limit = 50;
	if (l) {
		char *end;
		long v = strtol(l, &end, 10);
		if (*end || v < 1 || v > 200)
			return api_field_error(c, "limit", "range");
		*limit = (int)v;
	}
	*cursor = api_query(c, "cursor");
	if (*cursor && (strlen(*cursor) > 200 || !utf8_valid(*cursor, strlen(*cursor))))
		return api_fail(c, ERR_INVALID, "cursor");
	return 0;
}

int api_str(struct api_ctx *c, const char *field, int required, size_t max,
	    const char **out)
{
	json_t *v = c->body ? json_object_get(c->body, field) : NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return api_field_error(c, field, "required");
		if (v)
			*out = NULL;
		return 0;
	}
	if (!json_is_string(v))
		return api_field_error(c, field, "type.string");
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (strlen(s) != n) /* embedded NUL */
		return api_field_error(c, field, "body.utf8");
	if (n > max)
		return api_field_error(c, field, "string.too_long");
	if (required && n == 0)
		return api_field_error(c, field, "string.empty");
	*out = s;
	return 0;
}

int api_int(struct api_ctx *c, const char *field, int required, int64_t min,
	    int64_t max, int64_t *out)
{
	json_t *v = c->body ? json_object_get(c->body, field) : NULL;
	if (!v || json_is_null(v))
		return required ? api_field_error(c, field, "required") : 0;
	if (!json_is_integer(v))
		return api_field_error(c, field, "type.integer");
	json_int_t x = json_integer_value(v);
	if (x < min || x > max)
		return api_field_error(c, field, "range");
	*out = x;
	return 0;
}

int api_bool(struct api_ctx *c, const char *field, int required, int *out)
{
	json_t *v = c->body ? json_object_get(c->body, field) : NULL;
	if (!v || json_is_null(v))
		return required ? api_field_error(c, field, "required") : 0;
	if (!json_is_boolean(v))
		return api_field_error(c, field, "type.boolean");
	*out = json_is_true(v);
	return 0;
}

int api_date(struct api_ctx *c, const char *field, int required, int *out)
{
	json_t *v = c->body ? json_object_get(c->body, field) : NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return api_field_error(c, field, "required");
		if (v)
			*out = 0;
		return 0;
	}
	if (!json_is_string(v) || date_parse(json_string_value(v), out))
		return api_field_error(c, field, "date");
	return 0;
}

int api_note_read(struct api_ctx *c, size_t max_bytes, const char **body,
		  int *special)
{
	static const char *const fields[] = {"body", "special_category", NULL};
	*body = NULL;
	*special = 0;
	int rc = api_only_fields(c, fields);
	rc |= api_str(c, "body", 1, max_bytes, body);
	rc |= api_bool(c, "special_category", 0, special);
	return rc ? ERR_INVALID : 0;
}

int api_only_fields(struct api_ctx *c, const char *const *allowed)
{
	const char *k;
	json_t *v;
	int rc = 0;
	if (!c->body)
		return 0;
	json_object_foreach(c->body, k, v) {
		int ok = 0;
		for (const char *const *a = allowed; *a; a++)
			if (!strcmp(*a, k)) {
				ok = 1;
				break;
			}
		if (!ok) {
			/* k must stay the iterator's own key: name a separate
			 * variable for the reported field. */
			const char *field = k;
			if (strlen(k) > 64 || !utf8_valid(k, strlen(k)))
				field = "_";
			rc = api_field_error(c, field, "unknown_field");
		}
	}
	return rc;
}

void api_audit_fill(struct api_ctx *c, struct audit_entry *e, const char *action,
		    const char *entity, int64_t id, const char *reason)
{
	memset(e, 0, sizeof(*e));
	e->user_id = c->who.user_id;
	utf8_copy(e->username, sizeof(e->username), c->who.username);
	e->action = action;
	e->entity = entity;
	e->entity_id = id;
	utf8_copy(e->ip, sizeof(e->ip), c->client_ip);
	utf8_copy(e->reason, sizeof(e->reason), reason);
}

/* Room for one more read entry: the ctx's own, then a doubling copy in
 * the arena. NULL (and the request marked to fail closed) past
 * API_AUDIT_MAX or when the arena is full. */
static struct audit_entry *audit_slot(struct api_ctx *c)
{
	if (!c->audit || c->cap_audit <= 0) {
		c->audit = c->audit_inline;
		c->cap_audit = API_AUDIT_INLINE;
	}
	if (c->n_audit == c->cap_audit) {
		int cap = c->cap_audit * 2;
		struct audit_entry *more;
		if (cap > API_AUDIT_MAX)
			cap = API_AUDIT_MAX;
		more = c->n_audit < cap ? arena_alloc(c->arena, (size_t)cap * sizeof(*more)) : NULL;
		if (!more) {
			c->audit_overflow = 1;
			return NULL;
		}
		memcpy(more, c->audit, (size_t)c->n_audit * sizeof(*more));
		c->audit = more;
		c->cap_audit = cap;
	}
	return &c->audit[c->n_audit++];
}

void api_audit_read(struct api_ctx *c, const char *action, const char *entity,
		    int64_t id, const char *reason)
{
	struct audit_entry *e = audit_slot(c);
	if (e)
		api_audit_fill(c, e, action, entity, id, reason);
}

void api_audit_read_ids(struct api_ctx *c, const char *action,
			const char *entity, const int64_t *ids, size_t n,
			const char *reason)
{
	/* One entry per person would make every list as costly to audit as
	 * its length; one entry naming them all keeps a search one row. */
	if (n == 1) {
		api_audit_read(c, action, entity, ids[0], reason);
		return;
	}
	size_t i = 0;
	while (i < n) {
		char text[AUDIT_REASON_MAX];
		int len = snprintf(text, sizeof(text), "%s%s,", reason ? reason : "", reason ? " " : "");
		/* As many ids as fit, each with its closing comma. */
		while (i < n && len > 0 && (size_t)len + 22 < sizeof(text))
			len += snprintf(text + len, sizeof(text) - (size_t)len, "%lld,", (long long)ids[i++]);
		api_audit_read(c, action, entity, 0, text);
	}
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void api_audit_read_rows(struct api_ctx *c, const char *action,
			 const char *entity, const json_t *rows,
			 const char *id_key, const char *reason)
{
	size_t i, n = 0, cap = json_array_size(rows);
	const json_t *row;
	int64_t *ids = cap ? arena_alloc(c->arena, cap * sizeof(*ids)) : NULL;
	if (cap && !ids) {
		c->audit_overflow = 1; /* cannot record: disclose nothing */
		return;
	}
	json_array_foreach(rows, i, row) {
		json_int_t id = json_integer_value(json_object_get(row, id_key));
		if (id > 0)
			ids[n++] = id;
	}
	/* Each person once (a plan lists a client on several days). */
	if (n > 1)
		qsort(ids, n, sizeof(*ids), cmp_id);
	size_t u = 0;
	for (i = 0; i < n; i++)
		if (!u || ids[u - 1] != ids[i])
			ids[u++] = ids[i];
	api_audit_read_ids(c, action, entity, ids, u, reason);
}

int api_db(struct api_ctx *c, struct db **out)
{
	if (!c->db) {
		int rc = db_pool_acquire(c->app->db, &c->db);
		if (rc)
			return rc;
	}
	*out = c->db;
	return 0;
}

void api_release_db(struct api_ctx *c)
{
	if (c->db) {
		if (db_in_tx(c->db))
			db_tx_rollback(c->db);
		db_pool_release(c->app->db, c->db);
		c->db = NULL;
	}
}

void api_ctx_release(struct api_ctx *c)
{
	api_release_db(c);
	json_decref(c->body);
	c->body = NULL;
	json_decref(c->resp);
	c->resp = NULL;
	json_decref(c->err_fields);
	c->err_fields = NULL;
}

static enum api_lang api_pick_lang(struct api_ctx *c)
{
	const char *h = c->io.header(c->io.t, "Accept-Language");
	if (h && (h[0] == 'e' || h[0] == 'E') && (h[1] == 'n' || h[1] == 'N'))
		return API_LANG_EN;
	return API_LANG_LT;
}

/* Finds a cookie value in the Cookie header (copied into out). */
static int api_cookie(struct api_ctx *c, const char *name, char *out, size_t cap)
{
	const char *h = c->io.header(c->io.t, "Cookie");
	size_t nlen = strlen(name);
	while (h && *h) {
		while (*h == ' ' || *h == ';')
			h++;
		if (!strncmp(h, name, nlen) && h[nlen] == '=') {
			h += nlen + 1;
			size_t n = strcspn(h, ";");
			if (n >= cap)
				return ERR_TOO_LARGE;
			memcpy(out, h, n);
			out[n] = '\0';
			return 0;
		}
		h = strchr(h, ';');
	}
	return ERR_NOT_FOUND;
}

static int api_authenticate(struct api_ctx *c, int *via_cookie)
{
	char token[128];
	const char *auth = c->io.header(c->io.t, "Authorization");
	*via_cookie = 0;
	if (auth && !strncmp(auth, "Bearer ", 7)) {
		snprintf(token, sizeof(token), "%s", auth + 7);
	} else if (api_cookie(c, "pagalba_session", token, sizeof(token)) == 0) {
		*via_cookie = 1;
	} else {
		return ERR_UNAUTHORIZED;
	}
	struct db *db;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	return session_lookup_cached(c->app->sessions, db, token, time_now_ms(),
				     c->app->cfg.session_idle_ms, &c->who);
}

/*
 * The end of every request, after its handler or its deferred part. The
 * read records of what the answer discloses go to the audit log's queue
 * before it leaves: when they cannot (the queue refuses them, or there are
 * more than can be kept), the answer becomes 503 and discloses nothing.
 * A failure is rolled back and rendered.
 */
static void api_finish(struct api_ctx *c, int rc)
{
	if (!rc && (c->route->flags & API_ENDS_SESSIONS))
		session_cache_forget_all(c->app->sessions); /* its change is committed */
	if (!rc && (c->audit_overflow ||
		    (c->n_audit > 0 &&
		     audit_log_submit(c->app->audit, c->audit, (size_t)c->n_audit)))) {
		c->content_type = NULL;
		c->content_disposition = NULL;
		c->n_set_cookie = 0;
		c->retry_after = 1;
		rc = api_fail(c, ERR_BUSY, "busy");
	}
	c->n_audit = 0;
	if (!rc)
		return;
	if (c->db && db_in_tx(c->db))
		db_tx_rollback(c->db);
	api_render_error(c, rc);
}

static int api_parse_body(struct api_ctx *c)
{
	if (c->body_len == 0) {
		c->body = json_object();
		return 0;
	}
	const char *ct = c->io.header(c->io.t, "Content-Type");
	if (!ct || strncmp(ct, "application/json", 16))
		return api_fail(c, ERR_INVALID, "body.content_type");
	if (!utf8_valid(c->body_raw, c->body_len))
		return api_fail(c, ERR_INVALID, "body.utf8");
	json_error_t jerr;
	c->body = json_loadb(c->body_raw, c->body_len,
			     JSON_REJECT_DUPLICATES, &jerr);
	if (!c->body)
		return api_fail(c, ERR_INVALID, "body.malformed");
	if (!json_is_object(c->body))
		return api_fail(c, ERR_INVALID, "body.not_object");
	return 0;
}

static int api_is_unsafe(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD") &&
	       strcmp(method, "OPTIONS");
}

int api_dispatch(struct api_ctx *c, const struct router *r)
{
	struct router_match m;
	int rc, via_cookie = 0;

	c->lang = api_pick_lang(c);
	rc = router_match(r, c->method, c->path, &m);
	if (rc == ERR_UNSUPPORTED) {
		c->err_key = "method_not_allowed";
		goto fail;
	}
	if (rc) {
		c->err_key = "route.not_found";
		goto fail;
	}
	c->route = m.route;
	memcpy(c->params, m.params, sizeof(c->params));
	c->n_params = m.n_params;

	if (c->route->perm != PERM_PUBLIC || c->route->flags & API_NO_CSRF) {
		rc = api_authenticate(c, &via_cookie);
		if (rc == 0)
			c->authenticated = 1;
		else if (rc != ERR_UNAUTHORIZED)
			goto fail;
		else if (c->route->perm != PERM_PUBLIC)
			goto fail;
	}
	if (!access_role_allows(c->who.role, (enum perm)c->route->perm)) {
		rc = ERR_FORBIDDEN;
		goto fail;
	}
	if (c->authenticated && via_cookie && api_is_unsafe(c->method) &&
	    !(c->route->flags & API_NO_CSRF)) {
		const char *t = c->io.header(c->io.t, "X-CSRF-Token");
		size_t n = strlen(c->who.csrf);
		if (!t || strlen(t) != n || sodium_memcmp(t, c->who.csrf, n)) {
			rc = api_fail(c, ERR_FORBIDDEN, "csrf");
			goto fail;
		}
	}
	if (api_is_unsafe(c->method) && !(c->route->flags & API_RAW_BODY)) {
		rc = api_parse_body(c);
		if (rc)
			goto fail;
	} else if (!strcmp(c->method, "GET") && !(c->route->flags & API_NO_SNAPSHOT)) {
		/* A read sees one snapshot, and SQLite takes its locks once
		 * per request instead of once per statement. */
		struct db *db;
		rc = api_db(c, &db);
		if (!rc)
			rc = db_tx_begin(db, DB_TX_READ);
		if (rc)
			goto fail;
	}
	rc = ((api_handler_fn)c->route->handler)(c);
	if (rc == API_DEFER)
		return API_DEFER;
	api_finish(c, rc);
	return 0;
fail:
	api_finish(c, rc ? rc : ERR_NOT_FOUND); /* a failed request disclosed nothing */
	return 0;
}

void api_run_deferred(struct api_ctx *c)
{
	api_finish(c, c->deferred(c));
}
