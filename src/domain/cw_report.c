/*
 * cw_report.c - the Commission's annual report and the staff-development
 * report. See cw_report.h.
 */
#include "domain/cw_report.h"
#include "core/date.h"
#include "core/err.h"
#include "db/store_cw.h"
#include "domain/cw_order.h"
#include "domain/cw_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_MAX_BYTES (4u << 20)

static void year_range(int year, char *from, char *to)
{
	date_format(year * 10000 + 101, from);
	date_format(year * 10000 + 1231, to);
}

static json_t *row2(const char *label, int64_t n)
{
	return json_pack("[s,I]", label, (json_int_t)n);
}

int cw_report_commission(struct db *db, int year, json_t **doc)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN], lt[512], en[512];
	struct cw_report_counts c;
	json_t *orders = NULL, *evals = NULL, *r, *rows, *ev;
	size_t i;
	memset(&c, 0, sizeof(c));
	year_range(year, from, to);
	int rc = store_cw_report_meetings(db, from, to, &c.meetings, &c.questions);
	if (!rc)
		rc = store_cw_report_orders(db, from, to, &orders);
	if (!rc)
		rc = store_cw_report_evaluations(db, from, to, &evals);
	if (!rc)
		rc = store_cw_report_measures(db, from, to, &c.measures_running, &c.measures_ended);
	if (rc)
		goto fail;
	json_array_foreach(orders, i, r) {
		int k = cw_kind_parse(json_string_value(json_object_get(r, "kind")));
		int s = cw_subject_parse(json_string_value(json_object_get(r, "subject")));
		if (!cw_report_add_order(&c, k, s)) {
			c.orders[k][s] += json_integer_value(json_object_get(r, "n")) - 1;
			c.orders_total += json_integer_value(json_object_get(r, "n")) - 1;
		}
	}
	json_array_foreach(evals, i, r) {
		int e = cw_evaluation_parse(json_string_value(json_object_get(r, "evaluation")));
		if (!cw_report_add_evaluation(&c, e))
			c.evaluations[e] += json_integer_value(json_object_get(r, "n")) - 1;
	}
	if (cw_report_summary(&c, 0, lt, sizeof(lt)) < 0 || cw_report_summary(&c, 1, en, sizeof(en)) < 0) {
		rc = ERR_INTERNAL;
		goto fail;
	}
	rows = json_pack("[[s,s],[s,I],[s,I]]", "Rodiklis", "Skaičius", "Posėdžiai",
			 (json_int_t)c.meetings, "Svarstyti klausimai", (json_int_t)c.questions);
	for (int k = 0; rows && k < CW_KIND__COUNT; k++)
		for (int s = 0; s < CW_SUBJECT__COUNT; s++) {
			char label[96];
			snprintf(label, sizeof(label), "Potvarkiai: %s / %s", cw_kind_name((enum cw_order_kind)k),
				 cw_subject_name((enum cw_subject)s));
			json_array_append_new(rows, row2(label, c.orders[k][s]));
		}
	ev = json_object();
	for (int e = 0; ev && rows && e < CW_EVAL__COUNT; e++) {
		char label[96];
		snprintf(label, sizeof(label), "Įvertinimas: %s", cw_evaluation_name((enum cw_evaluation)e));
		json_array_append_new(rows, row2(label, c.evaluations[e]));
		json_object_set_new(ev, cw_evaluation_name((enum cw_evaluation)e), json_integer(c.evaluations[e]));
	}
	if (rows) {
		json_array_append_new(rows, row2("Priemonės, vykdytos per metus", c.measures_running));
		json_array_append_new(rows, row2("Priemonės, pasibaigusios per metus", c.measures_ended));
	}
	*doc = json_pack("{s:i,s:s,s:s,s:I,s:I,s:o,s:I,s:I,s:I,s:o,s:o}", "year", year, "summary_lt", lt,
			 "summary_en", en, "meetings", (json_int_t)c.meetings, "questions",
			 (json_int_t)c.questions, "orders", orders, "orders_total", (json_int_t)c.orders_total,
			 "measures_running", (json_int_t)c.measures_running, "measures_ended",
			 (json_int_t)c.measures_ended, "evaluations", ev, "rows", rows);
	json_decref(evals);
	return *doc ? 0 : ERR_NOMEM;
fail:
	json_decref(orders);
	json_decref(evals);
	return rc;
}

/* Hours x100 as "12.5". */
static void hours_text(int64_t x100, char *out, size_t cap)
{
	if (x100 % 100)
		snprintf(out, cap, "%lld.%02lld", (long long)(x100 / 100), (long long)(x100 % 100));
	else
		snprintf(out, cap, "%lld", (long long)(x100 / 100));
}

int cw_report_staffdev(struct db *db, int year, json_t **doc)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN], h[32];
	struct param_table *t = malloc(sizeof(*t));
	json_t *staff = NULL, *r, *workers, *shortl, *depts, *rows;
	int64_t norm = 0;
	size_t i;
	int rc = t ? cw_order_params(db, t) : ERR_NOMEM;
	if (!rc)
		rc = param_value_at(t, PARAM_STAFFDEV_NORM, year * 10000 + 1231, &norm);
	free(t);
	year_range(year, from, to);
	if (!rc)
		rc = store_cw_staffdev_hours(db, from, to, &staff);
	if (rc)
		return rc;
	workers = json_array();
	shortl = json_array();
	depts = json_object();
	hours_text(norm, h, sizeof(h));
	rows = json_pack("[[s,s,s,s]]", "Darbuotojas", "Skyrius", "Valandos", "Trūksta iki normos");
	json_array_foreach(staff, i, r) {
		char name[256], hs[32], miss[32];
		int64_t x = json_integer_value(json_object_get(r, "hours_x100"));
		const char *dept = json_string_value(json_object_get(r, "department"));
		int sh = cw_staffdev_short(x, norm);
		snprintf(name, sizeof(name), "%s %s", json_string_value(json_object_get(r, "given_names")),
			 json_string_value(json_object_get(r, "family_name")));
		hours_text(x, hs, sizeof(hs));
		hours_text(sh ? norm - x : 0, miss, sizeof(miss));
		json_t *w = json_pack("{s:O,s:s,s:O,s:O,s:s,s:I,s:b}", "staff_id", json_object_get(r, "staff_id"),
				      "name", name, "department_id", json_object_get(r, "department_id"),
				      "department", json_object_get(r, "department"), "hours", hs,
				      "hours_x100", (json_int_t)x, "short", sh);
		if (sh)
			json_array_append(shortl, w);
		json_array_append_new(workers, w);
		json_t *dv = json_object_get(depts, dept ? dept : "");
		json_object_set_new(depts, dept ? dept : "", json_integer(json_integer_value(dv) + x));
		json_array_append_new(rows, json_pack("[s,s,s,s]", name, dept ? dept : "", hs, miss));
	}
	json_decref(staff);
	json_t *dl = json_array();
	const char *k;
	json_t *v;
	json_object_foreach(depts, k, v) {
		char ds[32];
		hours_text(json_integer_value(v), ds, sizeof(ds));
		json_array_append_new(dl, json_pack("{s:s,s:s,s:O}", "department", k, "hours", ds,
						   "hours_x100", v));
	}
	json_decref(depts);
	*doc = json_pack("{s:i,s:s,s:I,s:o,s:o,s:o,s:o}", "year", year, "norm_hours", h, "norm_hours_x100",
			 (json_int_t)norm, "workers", workers, "short", shortl, "departments", dl, "rows", rows);
	return *doc ? 0 : ERR_NOMEM;
}

/* Appends n bytes to a growing buffer capped at CSV_MAX_BYTES. */
static int csv_put(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > CSV_MAX_BYTES)
		return ERR_TOO_LARGE;
	if (*len + n + 1 > *cap) {
		size_t nc = (*cap ? *cap * 2 : 4096);
		while (nc < *len + n + 1)
			nc *= 2;
		char *nb = realloc(*buf, nc);
		if (!nb)
			return ERR_NOMEM;
		*buf = nb;
		*cap = nc;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}

static int csv_field(char **buf, size_t *len, size_t *cap, const json_t *v)
{
	char num[32];
	const char *s = num;
	if (json_is_integer(v))
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
	else
		s = json_is_string(v) ? json_string_value(v) : "";
	if (!strpbrk(s, ";\"\r\n"))
		return csv_put(buf, len, cap, s, strlen(s));
	int rc = csv_put(buf, len, cap, "\"", 1);
	for (; !rc && *s; s++)
		rc = *s == '"' ? csv_put(buf, len, cap, "\"\"", 2) : csv_put(buf, len, cap, s, 1);
	return rc ? rc : csv_put(buf, len, cap, "\"", 1);
}

int cw_report_csv(const json_t *rows, char **out, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0, i, j;
	json_t *row, *v;
	*len = 0;
	int rc = csv_put(&buf, len, &cap, "\xEF\xBB\xBF", 3);
	json_array_foreach(rows, i, row) {
		json_array_foreach(row, j, v) {
			if (!rc && j)
				rc = csv_put(&buf, len, &cap, ";", 1);
			if (!rc)
				rc = csv_field(&buf, len, &cap, v);
		}
		if (!rc)
			rc = csv_put(&buf, len, &cap, "\r\n", 2);
	}
	if (rc) {
		free(buf);
		return rc;
	}
	*out = buf;
	return 0;
}
