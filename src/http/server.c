#include "http/server.h"
#include "api/api.h"
#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"
#include "http/assets.h"
#include "http/worker.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define REQUEST_ARENA_CAP (16u << 20)

struct http_server {
	struct app *app;
	struct MHD_Daemon *daemon;
	int port;
};

enum req_state { REQ_READING, REQ_WAITING, REQ_DONE };

struct http_req {
	struct http_server *srv;
	struct MHD_Connection *conn;
	struct arena arena;
	struct buf body;
	int too_large;
	int is_api;
	atomic_int state;
	int suspended;
	struct api_ctx api;
	char ip[48];
};

static const char *req_header(void *t, const char *name)
{
	struct http_req *r = t;
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

static const char *req_query(void *t, const char *name)
{
	struct http_req *r = t;
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

static void req_client_ip(struct http_req *r)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	r->ip[0] = '\0';
	if (r->srv->app->cfg.trust_proxy) {
		const char *xr = req_header(r, "X-Real-IP");
		if (xr && strlen(xr) < sizeof(r->ip)) {
			strcpy(r->ip, xr);
			return;
		}
	}
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
				  r->ip, sizeof(r->ip));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
				  r->ip, sizeof(r->ip));
	}
}

static void add_security_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
}

static enum MHD_Result send_api_response(struct http_req *r)
{
	struct api_ctx *c = &r->api;
	struct MHD_Response *resp;
	if (c->resp_raw) {
		resp = MHD_create_response_from_buffer(c->resp_raw_len,
						       (void *)c->resp_raw,
						       MHD_RESPMEM_MUST_COPY);
	} else if (c->resp) {
		char *s = json_dumps(c->resp, JSON_COMPACT | JSON_REAL_PRECISION(15));
		if (!s)
			return MHD_NO;
		resp = MHD_create_response_from_buffer(strlen(s), s,
						       MHD_RESPMEM_MUST_FREE);
	} else {
		resp = MHD_create_response_from_buffer(0, (void *)"",
						       MHD_RESPMEM_PERSISTENT);
	}
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
				c->content_type ? c->content_type
						: "application/json; charset=utf-8");
	if (c->content_disposition)
		MHD_add_response_header(resp, "Content-Disposition", c->content_disposition);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (c->etag[0])
		MHD_add_response_header(resp, "ETag", c->etag);
	for (int i = 0; i < c->n_set_cookie; i++)
		MHD_add_response_header(resp, "Set-Cookie", c->set_cookie[i]);
	if (c->retry_after > 0) {
		char ra[16];
		snprintf(ra, sizeof(ra), "%d", c->retry_after);
		MHD_add_response_header(resp, "Retry-After", ra);
	}
	MHD_add_response_header(resp, "Content-Language", c->lang == API_LANG_EN ? "en" : "lt");
	add_security_headers(resp);
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)c->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result send_simple(struct MHD_Connection *conn, unsigned status,
				   const char *body)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	add_security_headers(resp);
	enum MHD_Result ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result send_static(struct http_req *r, const char *url)
{
	struct asset_hit hit;
	const char *ae = req_header(r, "Accept-Encoding");
	int gz = ae && strstr(ae, "gzip");
	if (!r->srv->app->assets || assets_find(r->srv->app->assets, url, gz, &hit))
		return send_simple(r->conn, 404, "{\"error\":{\"code\":\"route.not_found\",\"message\":\"Not found.\"}}");
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		hit.len, (void *)hit.data, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", hit.content_type);
	if (hit.gzip)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	MHD_add_response_header(resp, "Cache-Control",
				hit.immutable ? "public, max-age=31536000, immutable" : "no-cache");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
	add_security_headers(resp);
	enum MHD_Result ret = MHD_queue_response(r->conn, 200, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void req_resume(struct http_req *r)
{
	atomic_store(&r->state, REQ_DONE);
	MHD_resume_connection(r->conn);
}

/* Called once the handler (or its deferred part) has finished. Either
 * queues the response now (not suspended), or arranges to resume. Returns
 * the MHD result for the current access-handler call. */
static enum MHD_Result req_after_handler(struct http_req *r)
{
	api_release_db(&r->api);
	if (r->suspended) {
		req_resume(r);
		return MHD_YES;
	}
	atomic_store(&r->state, REQ_DONE);
	return send_api_response(r);
}

static void req_deferred_job(void *arg)
{
	struct http_req *r = arg;
	api_run_deferred(&r->api);
	req_after_handler(r);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn,
				 const char *url, const char *method,
				 const char *version, const char *upload_data,
				 size_t *upload_data_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct http_req *r = *con_cls;
	(void)version;

	if (!r) {
		/* Headers only: answer on a later call, which keeps the
		 * connection alive (see STYLE.md). */
		r = calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		r->srv = srv;
		r->conn = conn;
		arena_init(&r->arena, REQUEST_ARENA_CAP);
		buf_init(&r->body, srv->app->cfg.max_body);
		atomic_init(&r->state, REQ_READING);
		*con_cls = r;
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!r->too_large &&
		    buf_append(&r->body, upload_data, *upload_data_size))
			r->too_large = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	int state = atomic_load(&r->state);
	if (state == REQ_DONE)
		return send_api_response(r);
	if (state == REQ_WAITING)
		return MHD_YES;

	if (strncmp(url, "/api/", 5)) {
		if (strcmp(method, "GET") && strcmp(method, "HEAD"))
			return send_simple(conn, 405, "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"Method not allowed.\"}}");
		atomic_store(&r->state, REQ_DONE);
		r->is_api = 0;
		return send_static(r, url);
	}
	r->is_api = 1;
	req_client_ip(r);
	struct api_ctx *c = &r->api;
	c->app = srv->app;
	c->arena = &r->arena;
	c->io = (struct api_transport){req_header, req_query, r};
	c->method = method;
	c->path = url;
	c->client_ip = r->ip;
	c->body_raw = r->body.data ? r->body.data : "";
	c->body_len = r->body.len;
	if (r->too_large) {
		c->status = 413;
		c->resp = json_pack("{s:{s:s,s:s}}", "error", "code", "too_large",
				    "message", api_message(API_LANG_LT, "too_large"));
		atomic_store(&r->state, REQ_DONE);
		return send_api_response(r);
	}
	int rc = api_dispatch(c, srv->app->router);
	if (rc == API_DEFER) {
		atomic_store(&r->state, REQ_WAITING);
		MHD_suspend_connection(conn);
		r->suspended = 1;
		struct worker_pool *pool = c->deferred_long && srv->app->planners ? srv->app->planners : srv->app->workers;
		if (worker_pool_submit(pool, req_deferred_job, r)) {
			api_fail(c, ERR_BUSY, "busy");
			json_decref(c->resp);
			c->resp = json_pack("{s:{s:s,s:s}}", "error", "code", "busy",
					    "message", api_message(c->lang, "busy"));
			c->status = 503;
			c->retry_after = 1;
			req_resume(r);
		}
		return MHD_YES;
	}
	return req_after_handler(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_req *r = *con_cls;
	(void)cls;
	(void)conn;
	(void)toe;
	if (!r)
		return;
	api_ctx_release(&r->api);
	buf_release(&r->body);
	arena_release(&r->arena);
	free(r);
	*con_cls = NULL;
}

int http_server_start(struct app *app, struct http_server **out)
{
	struct http_server *s = calloc(1, sizeof(*s));
	struct sockaddr_in addr;
	if (!s)
		return ERR_NOMEM;
	s->app = app;
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)app->cfg.port);
	if (inet_pton(AF_INET, app->cfg.bind_addr, &addr.sin_addr) != 1) {
		free(s);
		return ERR_INVALID;
	}
	s->daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			MHD_ALLOW_SUSPEND_RESUME,
		(uint16_t)app->cfg.port, NULL, NULL, on_access, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)app->cfg.threads,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)512,
		MHD_OPTION_END);
	if (!s->daemon) {
		free(s);
		return ERR_IO;
	}
	const union MHD_DaemonInfo *di =
		MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : app->cfg.port;
	*out = s;
	return 0;
}

int http_server_port(const struct http_server *s)
{
	return s->port;
}

void http_server_stop(struct http_server *s)
{
	if (!s)
		return;
	MHD_stop_daemon(s->daemon);
	free(s);
}
