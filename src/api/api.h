/*
 * api.h - the JSON API layer: one struct api_ctx per request, handlers of
 * the form `int handler(struct api_ctx *c)`, and helpers to read the body,
 * report field errors and build responses.
 *
 * A handler returns 0 after setting c->status and c->resp (a jansson
 * object the ctx owns), or a negative error code from core/err.h after
 * (optionally) naming the message key and field errors. The dispatcher
 * (api_dispatch) maps codes to HTTP statuses in one table and renders the
 * error body {"error":{"code","message","fields"}} in the caller's
 * language. Handlers never see HTTP or SQL details.
 */
#ifndef PAGALBA_API_API_H
#define PAGALBA_API_API_H

#include "core/arena.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "http/router.h"

#include <jansson.h>
#include <stdint.h>

struct app;
struct db;

enum api_lang { API_LANG_LT = 0, API_LANG_EN = 1 };

/* Audit entries of reads kept in the ctx itself; more grow in the
 * request's arena, up to API_AUDIT_MAX (the audit writer's batch). */
#define API_AUDIT_INLINE 2
#define API_AUDIT_MAX 2048

/* Route flags (struct route.flags). */
#define API_NO_CSRF 0x1u   /* login: no session yet */
#define API_RAW_BODY 0x2u  /* do not parse the body as JSON */
/* A GET without the request-wide read transaction: the audit log's
 * routes attach the read log (SQLite), which cannot happen inside one. */
#define API_NO_SNAPSHOT 0x4u
/* Ends sessions or changes a user (logout, passwords, roles, disabling):
 * on success the kept sessions are dropped (session_cache_forget_all). */
#define API_ENDS_SESSIONS 0x8u

/* What the transport gives the API: header and query lookups. */
struct api_transport {
	const char *(*header)(void *t, const char *name);
	const char *(*query)(void *t, const char *name);
	void *t;
};

struct api_ctx {
	struct app *app;
	struct arena *arena;
	struct api_transport io;
	const char *method;
	const char *path;
	const char *client_ip;
	enum api_lang lang;

	/* Request body: raw bytes and, for JSON routes, the parsed object. */
	const char *body_raw;
	size_t body_len;
	json_t *body;

	const struct route *route;
	int64_t params[ROUTER_MAX_PARAMS];
	int n_params;

	/* Who is calling; role ROLE_NONE when there is no valid session. */
	struct principal who;
	int authenticated;

	/* Database connection, taken on first use (api_db). */
	struct db *db;

	/* Response. */
	int status;
	json_t *resp;          /* owned; NULL for an empty body */
	const char *resp_raw;  /* arena: a non-JSON body (CSV) */
	size_t resp_raw_len;
	const char *content_type;
	const char *content_disposition;
	char etag[40];         /* "\"v3\"" style; empty for none */
	const char *set_cookie[3];
	int n_set_cookie;
	int retry_after;       /* seconds, for 429/503 */

	/* Error details for the error body. */
	const char *err_key;   /* message key; default from the code */
	json_t *err_fields;    /* field -> message key */

	/* Audit entries of reads, queued for the audit writer before the
	 * response leaves (see audit.h). Writes record theirs in their own
	 * transaction. */
	struct audit_entry audit_inline[API_AUDIT_INLINE];
	struct audit_entry *audit; /* audit_inline, or a larger arena copy */
	int n_audit;
	int cap_audit;
	int audit_overflow;        /* more than API_AUDIT_MAX: fail closed */

	/* Work to run off the I/O threads (password hashing). The handler
	 * sets it and returns API_DEFER; a worker runs it later. */
	int (*deferred)(struct api_ctx *c);
	void *deferred_arg;
	int deferred_long; /* seconds of work: the planner pool, not hashing */
};

#define API_DEFER 1

typedef int (*api_handler_fn)(struct api_ctx *c);

/* The route table (api_routes.c) and its size. */
extern const struct route api_routes[];
extern const size_t api_routes_count;

/*
 * Runs a request: matches the route, authenticates, checks the permission
 * and CSRF, runs the handler, and renders errors. Returns API_DEFER when
 * the handler asked for deferred work (call api_run_deferred on a worker
 * thread, then api_finish), else 0 with the response in c.
 */
int api_dispatch(struct api_ctx *c, const struct router *r);
void api_run_deferred(struct api_ctx *c);
/* Releases the db connection and everything the ctx owns but the arena. */
void api_ctx_release(struct api_ctx *c);

/* Takes the request's connection from the pool (once). */
int api_db(struct api_ctx *c, struct db **out);
/* Gives it back early (before waiting for the audit writer). */
void api_release_db(struct api_ctx *c);

/* Sets a field error (message key, e.g. "required"). Returns ERR_INVALID
 * so handlers can `return api_field_error(c, "birth_date", "date");`. */
int api_field_error(struct api_ctx *c, const char *field, const char *key);
int api_fail(struct api_ctx *c, int rc, const char *key);

/* Sets a 200/201 JSON response (steals obj). */
int api_ok(struct api_ctx *c, int status, json_t *obj);
void api_set_etag(struct api_ctx *c, int64_t version);
/* Parses If-Match: 0 and *version, ERR_PRECONDITION if missing (428) or
 * malformed. */
int api_if_match(struct api_ctx *c, int64_t *version);

/* Query parameters. */
const char *api_query(struct api_ctx *c, const char *name);
/* Pagination: limit (1..200, default 50) and opaque cursor. */
int api_page(struct api_ctx *c, int *limit, const char **cursor);

/* Body field access with field errors: each returns 0, or ERR_INVALID
 * after recording a field error. `required` makes a missing field an
 * error; an absent optional field leaves *out untouched. Strings are
 * checked for UTF-8 and length (max bytes). */
int api_str(struct api_ctx *c, const char *field, int required, size_t max,
	    const char **out);
int api_int(struct api_ctx *c, const char *field, int required, int64_t min,
	    int64_t max, int64_t *out);
int api_bool(struct api_ctx *c, const char *field, int required, int *out);
int api_date(struct api_ctx *c, const char *field, int required, int *out);
/* Rejects body keys not in the NULL-terminated list. */
int api_only_fields(struct api_ctx *c, const char *const *allowed);
/* A new note's body {body, special_category}, the body at most
 * max_bytes: for a person's and a case's notes alike. */
int api_note_read(struct api_ctx *c, size_t max_bytes, const char **body,
		  int *special);

/* Records an audit entry for a read of personal data. A request may
 * record up to API_AUDIT_MAX entries (one per person a list discloses);
 * beyond that the request fails closed (503) rather than disclose
 * unaudited data. */
void api_audit_read(struct api_ctx *c, const char *action, const char *entity,
		    int64_t id, const char *reason);
/* One entry per id: a list that shows n persons records n reads. */
void api_audit_read_ids(struct api_ctx *c, const char *action,
			const char *entity, const int64_t *ids, size_t n,
			const char *reason);
/* The same for the rows of a JSON array, by each row's integer id_key
 * (rows without one are skipped). */
void api_audit_read_rows(struct api_ctx *c, const char *action,
			 const char *entity, const json_t *rows,
			 const char *id_key, const char *reason);
/* Fills an audit entry with who/where for a write's own transaction. */
void api_audit_fill(struct api_ctx *c, struct audit_entry *e, const char *action,
		    const char *entity, int64_t id, const char *reason);

/* Translated message for a key in the request's language. */
const char *api_message(enum api_lang lang, const char *key);

/* The OpenAPI document (api_openapi.c). */
json_t *api_openapi_document(void);

#endif
