/*
 * api_cw.c - /api/v1/commission/..., /api/v1/meetings/...,
 * /api/v1/staff-development/... and /api/v1/reports/...: JSON in and out
 * for child welfare work. The rules live in domain/cw_record.c,
 * cw_order.c and cw_report.c; who sees what in domain/cw_scope.c. Orders
 * and measures are in api_cw_orders.c.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "core/buf.h"
#include "app.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/cw_record.h"
#include "domain/cw_report.h"
#include "domain/cw_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void api_cw_actor(struct api_ctx *c, const char *entity, int64_t id,
		  struct audit_entry *who, struct cw_actor *a)
{
	api_audit_fill(c, who, "update", entity, id, NULL);
	a->p = &c->who;
	a->who = who;
	a->audit_key = audit_log_key(c->app->audit);
}

int api_cw_scope(struct api_ctx *c, struct db **db, struct cw_scope *s)
{
	int rc = api_db(c, db);
	if (!rc)
		rc = cw_scope_for(*db, &c->who, s);
	return rc;
}

void api_cw_audit(struct api_ctx *c, const char *action, const char *entity,
		  int64_t id, const char *reason, const struct cw_disclosures *d)
{
	api_audit_read(c, action, entity, id, reason && *reason ? reason : NULL);
	for (int i = 0; d && i < d->n; i++)
		api_audit_read(c, "read", "person", d->e[i].person_id,
			       d->e[i].reason[0] ? d->e[i].reason : NULL);
}

int api_cw_error(struct api_ctx *c, int rc, const struct field_errors *fe,
		 const char *not_found_key)
{
	if (rc == ERR_NOT_FOUND && (!fe || !fe->n))
		return api_fail(c, rc, not_found_key);
	if (fe && fe->n)
		return api_field_errors(c, fe, rc);
	return rc;
}

int api_cw_answer(struct api_ctx *c, int rc, json_t *doc, const char *entity,
		  int64_t id, const char *reason, const struct cw_disclosures *d,
		  int status, const char *not_found_key)
{
	if (rc)
		return api_cw_error(c, rc, NULL, not_found_key);
	api_cw_audit(c, "read", entity, id, reason, d);
	json_t *v = json_object_get(doc, "version");
	if (v)
		api_set_etag(c, json_integer_value(v));
	return api_ok(c, status, doc);
}

/* A whole-number query parameter in [min, max]; dflt when absent. */
static int query_int(struct api_ctx *c, const char *name, long min, long max, int dflt, int *out)
{
	const char *s = api_query(c, name);
	char *end;
	*out = dflt;
	if (!s)
		return 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < min || v > max)
		return api_field_error(c, name, "range");
	*out = (int)v;
	return 0;
}

int api_cw_days(struct api_ctx *c, int dflt, int *days)
{
	return query_int(c, "days", 0, 366, dflt, days);
}

int api_cw_year(struct api_ctx *c, int dflt, int *year)
{
	return query_int(c, "year", 2000, 2100, dflt, year);
}

static const char *not_found_key(enum cw_kind k)
{
	switch (k) {
	case CW_MEMBER: return "cw.member.not_found";
	case CW_MEETING: return "cw.meeting.not_found";
	case CW_QUESTION: return "cw.question.not_found";
	case CW_FOLLOWUP: return "cw.followup.not_found";
	case CW_STAFFDEV: return "cw.staffdev.not_found";
	case CW_FUNCTION: return "cw.function.not_found";
	default: return "not_found";
	}
}

/* Answers with record id of kind k as the caller sees it (and its ETag
 * when it has a version); audits the read. */
static int record_respond(struct api_ctx *c, enum cw_kind k, int64_t parent, int64_t id, int status)
{
	struct cw_scope s;
	struct cw_disclosures d = {0};
	char reason[CW_REASON_MAX];
	struct db *db;
	json_t *doc;
	int rc = api_cw_scope(c, &db, &s);
	if (rc)
		return rc;
	rc = cw_record_get(db, &s, k, parent, id, &d, &doc, reason, sizeof(reason));
	return api_cw_answer(c, rc, doc, cw_entity(k), id, reason, &d, status, not_found_key(k));
}

static int record_create(struct api_ctx *c, enum cw_kind k, int64_t parent)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct cw_actor a;
	struct db *db;
	int64_t id = 0;
	int rc = api_db(c, &db);
	if (rc)
		return rc;
	api_cw_actor(c, cw_entity(k), 0, &who, &a);
	rc = cw_record_create(db, &a, k, parent, c->body, &fe, &id);
	if (rc)
		return api_cw_error(c, rc, &fe, parent ? "cw.meeting.not_found" : "not_found");
	return record_respond(c, k, parent, id, 201);
}

static int record_update(struct api_ctx *c, enum cw_kind k, int64_t parent, int64_t id)
{
	struct field_errors fe = {0};
	struct audit_entry who;
	struct cw_actor a;
	struct db *db;
	int64_t expected;
	int rc = api_if_match(c, &expected);
	if (rc)
		return rc;
	if ((rc = api_db(c, &db)))
		return rc;
	api_cw_actor(c, cw_entity(k), id, &who, &a);
	rc = cw_record_update(db, &a, k, parent, id, expected, c->body, &fe);
	if (rc)
		return api_cw_error(c, rc, &fe, not_found_key(k));
	return record_respond(c, k, parent, id, 200);
}

/* ---- the Commission ---- */

int api_cw_member_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int date = 0;
	const char *s = api_query(c, "date");
	if (s && date_parse(s, &date))
		return api_field_error(c, "date", "date");
	int rc = api_db(c, &db);
	if (!rc)
		rc = cw_member_list(db, date, &rows);
	if (rc)
		return rc;
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

int api_cw_member_create(struct api_ctx *c)
{
	return record_create(c, CW_MEMBER, 0);
}

int api_cw_member_get(struct api_ctx *c)
{
	return record_respond(c, CW_MEMBER, 0, c->params[0], 200);
}

int api_cw_member_update(struct api_ctx *c)
{
	return record_update(c, CW_MEMBER, 0, c->params[0]);
}

/* Reads ?year= (this year by default) and runs fn for it. */
static int for_year(struct api_ctx *c, int (*fn)(struct db *, int, json_t **),
		    json_t **out, int *year)
{
	struct db *db;
	int rc = api_cw_year(c, date_today() / 10000, year);
	if (!rc)
		rc = api_db(c, &db);
	return rc ? rc : fn(db, *year, out);
}

int api_cw_plan_get(struct api_ctx *c)
{
	json_t *rows;
	int year;
	int rc = for_year(c, cw_plan_list, &rows, &year);
	return rc ? rc : api_ok(c, 200, json_pack("{s:i,s:o}", "year", year, "items", rows));
}

int api_cw_plan_item_create(struct api_ctx *c)
{
	return record_create(c, CW_PLAN_ITEM, 0);
}

int api_cw_function_list(struct api_ctx *c)
{
	struct db *db;
	json_t *rows;
	int rc = api_db(c, &db);
	if (rc || (rc = cw_function_list(db, &rows)))
		return rc;
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

int api_cw_function_create(struct api_ctx *c)
{
	return record_create(c, CW_FUNCTION, 0);
}

int api_cw_function_update(struct api_ctx *c)
{
	return record_update(c, CW_FUNCTION, 0, c->params[0]);
}

/* ---- meetings ---- */

int api_cw_meeting_list(struct api_ctx *c)
{
	struct cw_scope s;
	struct db *db;
	json_t *rows;
	int year;
	const char *kind = api_query(c, "kind");
	int rc = api_cw_year(c, 0, &year);
	if (kind && strcmp(kind, "commission") && strcmp(kind, "interagency"))
		rc = api_field_error(c, "kind", "enum");
	if (rc)
		return rc;
	if ((rc = api_cw_scope(c, &db, &s)) || (rc = cw_meeting_list(db, &s, kind, year, &rows)))
		return rc;
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

int api_cw_followups_due(struct api_ctx *c)
{
	struct cw_scope s;
	struct db *db;
	json_t *rows;
	int days;
	int rc = api_cw_days(c, 14, &days);
	if (rc || (rc = api_cw_scope(c, &db, &s)) || (rc = cw_followups_due(db, &s, days, &rows)))
		return rc;
	return api_ok(c, 200, json_pack("{s:o}", "items", rows));
}

int api_cw_meeting_create(struct api_ctx *c)
{
	return record_create(c, CW_MEETING, 0);
}

int api_cw_meeting_get(struct api_ctx *c)
{
	return record_respond(c, CW_MEETING, 0, c->params[0], 200);
}

int api_cw_meeting_update(struct api_ctx *c)
{
	return record_update(c, CW_MEETING, 0, c->params[0]);
}

int api_cw_meeting_participants_put(struct api_ctx *c)
{
	static const char *const fields[] = {"participants", NULL};
	struct field_errors fe = {0};
	struct audit_entry who;
	struct cw_actor a;
	struct db *db;
	int64_t expected;
	int rc = api_if_match(c, &expected);
	if (rc || (rc = api_only_fields(c, fields)) || (rc = api_db(c, &db)))
		return rc;
	api_cw_actor(c, cw_entity(CW_MEETING), c->params[0], &who, &a);
	rc = cw_meeting_participants_set(db, &a, c->params[0], expected,
					 json_object_get(c->body, "participants"), &fe);
	if (rc)
		return api_cw_error(c, rc, &fe, not_found_key(CW_MEETING));
	return record_respond(c, CW_MEETING, 0, c->params[0], 200);
}

int api_cw_question_create(struct api_ctx *c)
{
	return record_create(c, CW_QUESTION, c->params[0]);
}

int api_cw_question_update(struct api_ctx *c)
{
	return record_update(c, CW_QUESTION, c->params[0], c->params[1]);
}

int api_cw_followup_create(struct api_ctx *c)
{
	return record_create(c, CW_FOLLOWUP, c->params[0]);
}

int api_cw_followup_update(struct api_ctx *c)
{
	return record_update(c, CW_FOLLOWUP, c->params[0], c->params[1]);
}

/* ---- staff development ---- */

int api_staffdev_list(struct api_ctx *c)
{
	json_t *rows;
	int year;
	int rc = for_year(c, cw_staffdev_list, &rows, &year);
	return rc ? rc : api_ok(c, 200, json_pack("{s:i,s:o}", "year", year, "items", rows));
}

int api_staffdev_create(struct api_ctx *c)
{
	return record_create(c, CW_STAFFDEV, 0);
}

int api_staffdev_get(struct api_ctx *c)
{
	return record_respond(c, CW_STAFFDEV, 0, c->params[0], 200);
}

/* ---- reports ---- */

/* A report as a printable page: its title, its summary sentence in the
 * request's language, and its table (the first row is the heading). */
static int report_html(struct api_ctx *c, json_t *doc, const char *title_key, int year)
{
	struct buf b;
	char title[200];
	const json_t *row, *cell;
	size_t i, k;
	int err = 0;
	snprintf(title, sizeof(title), "%s %d", api_message(c->lang, title_key), year);
	buf_init(&b, 4u << 20);
	err |= api_html_begin(&b, c->lang, title);
	err |= buf_puts(&b, "<h1>");
	err |= api_html_text(&b, title);
	err |= buf_puts(&b, "</h1>");
	const char *summary = json_string_value(json_object_get(doc, c->lang == API_LANG_EN ? "summary_en" : "summary_lt"));
	if (summary) {
		err |= buf_puts(&b, "<p>");
		err |= api_html_text(&b, summary);
		err |= buf_puts(&b, "</p>");
	}
	err |= buf_puts(&b, "<table>");
	json_array_foreach(json_object_get(doc, "rows"), i, row) {
		err |= buf_puts(&b, i ? "<tr>" : "<thead><tr>");
		json_array_foreach(row, k, cell) {
			char num[32];
			const char *text = json_is_string(cell) ? json_string_value(cell) : num;
			if (!json_is_string(cell))
				snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(cell));
			err |= buf_puts(&b, i ? "<td>" : "<th scope=\"col\">");
			err |= api_html_text(&b, text);
			err |= buf_puts(&b, i ? "</td>" : "</th>");
		}
		err |= buf_puts(&b, i ? "</tr>" : "</tr></thead><tbody>");
	}
	err |= buf_puts(&b, "</tbody></table>");
	json_decref(doc);
	return api_html_respond(c, &b, err);
}

/* Answers a report as JSON, its rows as CSV with ?format=csv, or a
 * printable page with ?format=html. */
static int report_respond(struct api_ctx *c, json_t *doc, const char *name, int year)
{
	const char *fmt = api_query(c, "format");
	if (!fmt || !strcmp(fmt, "json"))
		return api_ok(c, 200, doc);
	if (!strcmp(fmt, "html"))
		return report_html(c, doc, strcmp(name, "komisijos-ataskaita") ? "report.staffdev_title"
									 : "report.commission_title", year);
	if (strcmp(fmt, "csv")) {
		json_decref(doc);
		return api_field_error(c, "format", "enum");
	}
	char *csv;
	size_t len;
	int rc = cw_report_csv(json_object_get(doc, "rows"), &csv, &len);
	json_decref(doc);
	if (rc)
		return rc;
	char *copy = arena_alloc(c->arena, len + 1);
	char *disp = arena_alloc(c->arena, 96);
	if (!copy || !disp) {
		free(csv);
		return ERR_NOMEM;
	}
	memcpy(copy, csv, len + 1);
	free(csv);
	snprintf(disp, 96, "attachment; filename=\"%s-%d.csv\"", name, year);
	c->status = 200;
	c->resp_raw = copy;
	c->resp_raw_len = len;
	c->content_type = "text/csv; charset=utf-8";
	c->content_disposition = disp;
	return 0;
}

int api_report_commission(struct api_ctx *c)
{
	json_t *doc;
	int year;
	int rc = for_year(c, cw_report_commission, &doc, &year);
	return rc ? rc : report_respond(c, doc, "komisijos-ataskaita", year);
}

int api_report_staffdev(struct api_ctx *c)
{
	json_t *doc;
	int year;
	int rc = for_year(c, cw_report_staffdev, &doc, &year);
	return rc ? rc : report_respond(c, doc, "kvalifikacijos-tobulinimas", year);
}
