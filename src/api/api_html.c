/*
 * api_html.c - printable pages (day sheets, reports): escaping and the
 * text/html response. Pages are self-contained (inline style, no
 * scripts, nothing from other hosts) and every text in them is escaped.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "core/buf.h"
#include "core/err.h"

#include <string.h>

int api_html_text(struct buf *b, const char *s)
{
	int rc = 0;
	for (; s && *s; s++) {
		switch (*s) {
		case '&': rc |= buf_puts(b, "&amp;"); break;
		case '<': rc |= buf_puts(b, "&lt;"); break;
		case '>': rc |= buf_puts(b, "&gt;"); break;
		case '"': rc |= buf_puts(b, "&quot;"); break;
		case '\'': rc |= buf_puts(b, "&#39;"); break;
		default: rc |= buf_append(b, s, 1);
		}
	}
	return rc;
}

int api_html_begin(struct buf *b, enum api_lang lang, const char *title)
{
	int rc = buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>",
			    lang == API_LANG_EN ? "en" : "lt");
	rc |= api_html_text(b, title);
	rc |= buf_puts(b, "</title><style>body{font:12pt sans-serif;margin:1.5cm}"
			  "table{border-collapse:collapse;width:100%}"
			  "th,td{border:1px solid #444;padding:.3em .5em;text-align:left;vertical-align:top}"
			  "th{background:#eee}@media print{body{margin:0}}</style></head><body>");
	return rc;
}

int api_html_respond(struct api_ctx *c, struct buf *b, int failed)
{
	if (!failed)
		failed = buf_puts(b, "</body></html>\n");
	/* Past the buffer's cap the page is refused rather than sent cut. */
	if (failed) {
		buf_release(b);
		return api_fail(c, ERR_TOO_LARGE, "too_large");
	}
	char *body = arena_alloc(c->arena, b->len + 1);
	if (!body) {
		buf_release(b);
		return ERR_NOMEM;
	}
	memcpy(body, b->data, b->len);
	c->resp_raw = body;
	c->resp_raw_len = b->len;
	c->content_type = "text/html; charset=utf-8";
	c->status = 200;
	buf_release(b);
	return 0;
}
