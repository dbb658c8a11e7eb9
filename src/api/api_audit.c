/*
 * api_audit.c - the audit log for the auditor (PERM_AUDIT_READ):
 * GET /api/v1/audit (both logs, writes and reads, filtered and merged
 * newest first; the cursor "W.R" says where each log goes on) and
 * GET /api/v1/audit/verify (recomputes both hash chains).
 *
 * Reading the audit log is itself audited (entity "audit"), with the
 * filters as the reason, so the log shows whose trail an auditor looked
 * at. The query has no rules beyond the route's permission and the
 * filters' shapes, so the handler calls the store directly.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "app.h"
#include "core/date.h"
#include "core/err.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How long an auditor's query waits for the read records queued before
 * it (normally about a millisecond). */
#define AUDIT_SYNC_MS 5000

/* A text filter: at most 64 bytes of UTF-8. */
static int query_text(struct api_ctx *c, const char *name, const char **out)
{
	const char *s = api_query(c, name);
	*out = NULL;
	if (!s)
		return 0;
	if (!*s || strlen(s) > 64 || !utf8_valid(s, strlen(s)))
		return api_field_error(c, name, "invalid");
	*out = s;
	return 0;
}

/*
 * A time bound: "YYYY-MM-DD" (a whole day) or an ISO 8601 timestamp.
 * Written to out as the text to compare audit_log.ts with: `from` gives
 * the first instant included, `to` the first instant excluded (the day
 * after a date, the millisecond after a timestamp). Sets *ms for the
 * order check. Dates are UTC days, as audit_log.ts is UTC.
 */
static int query_time(struct api_ctx *c, const char *name, int is_to,
		      char *out, int64_t *ms, const char **ptr)
{
	const char *s = api_query(c, name);
	int d;
	*ptr = NULL;
	if (!s)
		return 0;
	if (!date_parse(s, &d)) {
		if (is_to)
			d = date_add_days(d, 1);
		date_format(d, out);
		*ms = date_to_days(d) * 86400000LL;
	} else if (strlen(s) < 40 && !time_parse_iso(s, ms)) {
		if (is_to)
			(*ms)++;
		time_format_iso(*ms, out);
	} else {
		return api_field_error(c, name, "date");
	}
	*ptr = out;
	return 0;
}

int api_audit_list(struct api_ctx *c)
{
	struct audit_filter f;
	char from[TIMESTAMP_ISO_LEN], to[TIMESTAMP_ISO_LEN], reason[160];
	int64_t from_ms = 0, to_ms = 0;
	const char *cursor;
	struct db *db;
	json_t *rows;
	int limit;
	memset(&f, 0, sizeof(f));
	int rc = api_page(c, &limit, &cursor);
	rc |= api_query_id(c, "user_id", &f.user_id);
	rc |= api_query_id(c, "entity_id", &f.entity_id);
	rc |= query_text(c, "entity", &f.entity);
	rc |= query_text(c, "action", &f.action);
	rc |= query_time(c, "from", 0, from, &from_ms, &f.ts_from);
	rc |= query_time(c, "to", 1, to, &to_ms, &f.ts_before);
	if (rc)
		return ERR_INVALID;
	if (f.ts_from && f.ts_before && to_ms <= from_ms)
		return api_field_error(c, "to", "date.order");
	if (cursor) {
		/* "W.R": where the write log and the read log go on (seq
		 * below each; -1 when that log has no more). */
		char *end, *end2 = NULL;
		long long w = strtoll(cursor, &end, 10);
		long long r = *end == '.' ? strtoll(end + 1, &end2, 10) : 0;
		if (!*cursor || *end != '.' || end2 == end + 1 || *end2 ||
		    w < -1 || w == 0 || r < -1 || r == 0)
			return api_fail(c, ERR_INVALID, "cursor");
		f.before_write = w;
		f.before_read = r;
	}
	f.limit = limit;
	/* Every read answered before this query is in the log it reads. */
	if (audit_log_sync(c->app->audit, AUDIT_SYNC_MS))
		return api_fail(c, ERR_BUSY, "busy");
	if ((rc = api_db(c, &db)))
		return rc;
	int64_t next_w, next_r;
	if ((rc = audit_page(db, &f, &rows, &next_w, &next_r)))
		return rc;
	char next[48];
	const char *np = NULL;
	if (json_array_size(rows) == (size_t)limit && (next_w != -1 || next_r != -1)) {
		snprintf(next, sizeof(next), "%lld.%lld", (long long)next_w, (long long)next_r);
		np = next;
	}
	snprintf(reason, sizeof(reason), "user_id=%lld entity=%s entity_id=%lld action=%s",
		 (long long)f.user_id, f.entity ? f.entity : "", (long long)f.entity_id,
		 f.action ? f.action : "");
	api_audit_read(c, "read", "audit", 0, reason);
	return api_ok(c, 200, json_pack("{s:o,s:s?}", "items", rows, "next_cursor", np));
}

int api_audit_verify(struct api_ctx *c)
{
	struct audit_verify_result res;
	struct db *db;
	int rc = audit_log_sync(c->app->audit, AUDIT_SYNC_MS) ? api_fail(c, ERR_BUSY, "busy") : 0;
	if (!rc)
		rc = api_db(c, &db);
	if (!rc)
		rc = audit_verify(db, audit_log_key(c->app->audit), &res);
	if (rc)
		return rc;
	json_t *problems = json_array();
	for (size_t i = 0; i < res.n_problems && i < 32; i++)
		json_array_append_new(problems, json_pack("{s:s,s:I,s:s}", "log", res.problems[i].log,
							  "seq", (json_int_t)res.problems[i].seq,
							  "kind", res.problems[i].kind));
	api_audit_read(c, "verify", "audit", 0, NULL);
	return api_ok(c, 200, json_pack("{s:I,s:I,s:I,s:I,s:b,s:I,s:o}", "rows", (json_int_t)res.rows,
					 "last_seq", (json_int_t)res.last_seq,
					 "read_rows", (json_int_t)res.read_rows,
					 "read_last_seq", (json_int_t)res.read_last_seq, "intact",
					 res.n_problems == 0, "problem_count",
					 (json_int_t)res.n_problems, "problems", problems));
}
