/*
 * server.h - the HTTP transport: libmicrohttpd with its internal thread
 * pool and epoll, request bodies capped, JSON API requests handed to the
 * api layer, the web UI served from memory.
 *
 * A request whose handler asked for deferred work (password hashing) or
 * produced audit entries of reads is suspended; it resumes when the worker
 * or the audit writer is done, so I/O threads never block on either.
 */
#ifndef PAGALBA_HTTP_SERVER_H
#define PAGALBA_HTTP_SERVER_H

struct app;
struct http_server;

/* Starts listening on cfg.bind_addr:cfg.port (0 = any free port). */
int http_server_start(struct app *app, struct http_server **out);
/* The port actually bound. */
int http_server_port(const struct http_server *s);
/* Stops accepting, finishes, frees. NULL is a no-op. */
void http_server_stop(struct http_server *s);

#endif
