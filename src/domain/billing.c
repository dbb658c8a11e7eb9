/*
 * billing.c - the monthly billing statement (see billing.h).
 */
#include "domain/billing.h"
#include "core/date.h"
#include "domain/case.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store_delivery.h"
#include "domain/delivery.h"
#include "domain/person.h"

#include <stdio.h>
#include <string.h>

/* ---- pure rules ---- */

int64_t billing_line_cost(int64_t units_x100, int64_t price_cents)
{
	return (units_x100 * price_cents + 50) / 100;
}

int64_t billing_due(int64_t cost, int has_payment, int64_t payment)
{
	if (!has_payment)
		return 0;
	return cost < payment ? cost : payment;
}

int billing_csv_field(struct buf *b, const char *s, int text)
{
	int rc;
	if (!s || !*s)
		return 0;
	int quote = strpbrk(s, ";\"\r\n") != NULL;
	int neutralise = text && strchr("=+-@\t\r", s[0]) != NULL;
	if (quote && (rc = buf_puts(b, "\"")))
		return rc;
	if (neutralise && (rc = buf_puts(b, "'")))
		return rc;
	for (const char *p = s; *p; p++) {
		const char *q = strchr(p, '"');
		size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
		if ((rc = buf_append(b, p, n)))
			return rc;
		if (q && (rc = buf_puts(b, "\"")))
			return rc;
		p += n - 1;
	}
	return quote ? buf_puts(b, "\"") : 0;
}

static void decimal_comma(int64_t v, char *out, size_t cap)
{
	const char *sign = v < 0 ? "-" : "";
	int64_t a = v < 0 ? -v : v;
	snprintf(out, cap, "%s%lld,%02lld", sign, (long long)(a / 100), (long long)(a % 100));
}

void billing_csv_money(int64_t cents, char *out, size_t cap)
{
	decimal_comma(cents, out, cap);
}

void billing_csv_units(int64_t x100, char *out, size_t cap)
{
	decimal_comma(x100, out, cap);
}

/* ---- explanation lines ---- */

static const char *unit_label(const char *unit, enum payment_lang lang)
{
	static const char *const units[][3] = {
		{"hour", "val.", "h"},        {"visit", "apsilank.", "visits"},
		{"day", "d.", "days"},        {"night", "nakt.", "nights"},
		{"meal", "maitin.", "meals"}, {"kit", "rink.", "kits"},
		{"month", "mėn.", "months"},  {"case", "atv.", "cases"},
	};
	for (size_t i = 0; unit && i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(unit, units[i][0]))
			return units[i][lang == PAYMENT_LANG_LT ? 1 : 2];
	return unit ? unit : "";
}

static const char *rule_label(const char *rule, enum payment_lang lang)
{
	static const char *const rules[][3] = {
		{"free", "nemokamos paslaugos", "free services"},
		{"general", "bendrosios paslaugos", "general services"},
		{"social_supervision", "socialinė priežiūra", "social supervision"},
		{"home_help", "pagalba į namus", "home help"},
		{"day_care", "dienos socialinė globa", "day care"},
		{"short_term_care", "trumpalaikė socialinė globa", "short-term care"},
		{"long_term_care", "ilgalaikė socialinė globa", "long-term care"},
		{"preventive", "prevencinės paslaugos", "preventive services"},
		{"mixed", "kelios taisyklės (žr. sprendimą)", "several rules (see the decision)"},
	};
	for (size_t i = 0; rule && i < sizeof(rules) / sizeof(rules[0]); i++)
		if (!strcmp(rule, rules[i][0]))
			return rules[i][lang == PAYMENT_LANG_LT ? 1 : 2];
	return rule ? rule : "-";
}

static void money(int64_t cents, enum payment_lang lang, char *out)
{
	payment_format_money(cents, lang, out, PAYMENT_MONEY_TEXT_MAX);
}

static void units_text(int64_t x100, enum payment_lang lang, char *out, size_t cap)
{
	if (lang == PAYMENT_LANG_LT)
		decimal_comma(x100, out, cap);
	else
		delivery_units_format(x100, out, cap);
}

static int add_line(json_t *lines, const char *lt, const char *en)
{
	return json_array_append_new(lines, json_pack("{s:s,s:s}", "text_lt", lt, "text_en", en))
		       ? ERR_NOMEM
		       : 0;
}

#define LINE_MAX 400

static void explain_service(json_t *lines, json_t *l)
{
	char lt[LINE_MAX], en[LINE_MAX], u_lt[32], u_en[32];
	char p_lt[PAYMENT_MONEY_TEXT_MAX], p_en[PAYMENT_MONEY_TEXT_MAX];
	char c_lt[PAYMENT_MONEY_TEXT_MAX], c_en[PAYMENT_MONEY_TEXT_MAX];
	const char *unit = json_string_value(json_object_get(l, "unit"));
	int64_t units = json_integer_value(json_object_get(l, "units_x100"));
	int64_t price = json_integer_value(json_object_get(l, "price_cents"));
	int64_t cost = json_integer_value(json_object_get(l, "cost_cents"));
	units_text(units, PAYMENT_LANG_LT, u_lt, sizeof(u_lt));
	units_text(units, PAYMENT_LANG_EN, u_en, sizeof(u_en));
	money(price, PAYMENT_LANG_LT, p_lt);
	money(price, PAYMENT_LANG_EN, p_en);
	money(cost, PAYMENT_LANG_LT, c_lt);
	money(cost, PAYMENT_LANG_EN, c_en);
	snprintf(lt, sizeof(lt), "%s: %s %s × %s = %s",
		 json_string_value(json_object_get(l, "name_lt")), u_lt,
		 unit_label(unit, PAYMENT_LANG_LT), p_lt, c_lt);
	snprintf(en, sizeof(en), "%s: %s %s × %s = %s",
		 json_string_value(json_object_get(l, "name_en")), u_en,
		 unit_label(unit, PAYMENT_LANG_EN), p_en, c_en);
	add_line(lines, lt, en);
}

/* The explanation of a case's total, ceiling and amount due. */
static void explain_case(json_t *lines, int64_t cost, const json_t *dec,
			 int has_payment, int64_t ceiling, int64_t due)
{
	char lt[LINE_MAX], en[LINE_MAX];
	char a_lt[PAYMENT_MONEY_TEXT_MAX], a_en[PAYMENT_MONEY_TEXT_MAX];
	char b_lt[PAYMENT_MONEY_TEXT_MAX], b_en[PAYMENT_MONEY_TEXT_MAX];
	char d_lt[PAYMENT_MONEY_TEXT_MAX], d_en[PAYMENT_MONEY_TEXT_MAX];
	char num[64];
	money(cost, PAYMENT_LANG_LT, a_lt);
	money(cost, PAYMENT_LANG_EN, a_en);
	snprintf(lt, sizeof(lt), "Suteiktų paslaugų kaina iš viso: %s", a_lt);
	snprintf(en, sizeof(en), "Cost of the services delivered: %s", a_en);
	add_line(lines, lt, en);
	if (!dec || !has_payment) {
		add_line(lines,
			 dec ? "Galiojančiame sprendime mokestis nenustatytas: mokėti nereikia."
			     : "Šį mėnesį galiojančio sprendimo skirti paslaugas nėra: mokėti nereikia.",
			 dec ? "The decision in force sets no payment: nothing is due."
			     : "No assigning decision is in force this month: nothing is due.");
		return;
	}
	const char *number = json_string_value(json_object_get(dec, "number"));
	if (number)
		snprintf(num, sizeof(num), "%s", number);
	else
		snprintf(num, sizeof(num), "#%lld", (long long)json_integer_value(json_object_get(dec, "id")));
	const char *rule = json_string_value(json_object_get(dec, "payment_rule"));
	const char *on = json_string_value(json_object_get(dec, "decided_on"));
	money(ceiling, PAYMENT_LANG_LT, b_lt);
	money(ceiling, PAYMENT_LANG_EN, b_en);
	snprintf(lt, sizeof(lt), "Mėnesio mokestis pagal %s sprendimą Nr. %s (taisyklė: %s): %s",
		 on ? on : "", num, rule_label(rule, PAYMENT_LANG_LT), b_lt);
	snprintf(en, sizeof(en), "Monthly payment under decision No. %s of %s (rule: %s): %s",
		 num, on ? on : "", rule_label(rule, PAYMENT_LANG_EN), b_en);
	add_line(lines, lt, en);
	money(due, PAYMENT_LANG_LT, d_lt);
	money(due, PAYMENT_LANG_EN, d_en);
	snprintf(lt, sizeof(lt), "Mokėtina suma: mažesnė iš %s ir %s = %s", a_lt, b_lt, d_lt);
	snprintf(en, sizeof(en), "Amount due: the lesser of %s and %s = %s", a_en, b_en, d_en);
	add_line(lines, lt, en);
}

/* ---- the person's statement ---- */

/* Builds one case of the statement from its lines (already costed). */
static int case_statement(struct db *db, int64_t case_id, json_t *case_lines,
			  const char *last, json_t **out, int64_t *cost_out,
			  int64_t *due_out)
{
	json_t *dec = NULL, *lines = json_array(), *frozen = NULL;
	int64_t cost = 0, ceiling = 0;
	int has_payment = 0;
	size_t i;
	json_t *l;
	json_array_foreach(case_lines, i, l) {
		cost += json_integer_value(json_object_get(l, "cost_cents"));
		explain_service(lines, l);
	}
	int rc = store_billing_decision(db, case_id, last, &dec);
	if (rc == ERR_NOT_FOUND) {
		dec = NULL;
		rc = 0;
	}
	if (rc) {
		json_decref(lines);
		return rc;
	}
	if (dec) {
		json_t *pc = json_object_get(dec, "payment_cents");
		has_payment = json_is_integer(pc);
		ceiling = json_integer_value(pc);
		const char *pr = json_string_value(json_object_get(dec, "payment_result"));
		frozen = pr ? json_loads(pr, 0, NULL) : NULL;
		json_object_del(dec, "payment_result");
	}
	int64_t due = billing_due(cost, has_payment, ceiling);
	explain_case(lines, cost, dec, has_payment, ceiling, due);
	*out = json_pack("{s:I,s:o*,s:O,s:I,s:o,s:I,s:o*,s:o}", "case_id", (json_int_t)case_id,
			 "decision", dec ? dec : json_null(), "lines", case_lines,
			 "cost_cents", (json_int_t)cost,
			 "ceiling_cents", has_payment ? json_integer(ceiling) : json_null(),
			 "due_cents", (json_int_t)due,
			 "payment_explanation", frozen ? frozen : json_null(),
			 "explanation", lines);
	*cost_out = cost;
	*due_out = due;
	return *out ? 0 : ERR_NOMEM;
}

/* Whether the caller sees case_id fully (staff of its department, the
 * director): a head's statement leaves out other departments' cases. */
static int case_visible(struct db *db, const struct principal *p, int64_t case_id)
{
	struct case_view v;
	return case_view_for(db, p, case_id, &v) == 0 && v.full;
}

int billing_person(struct db *db, const struct principal *p,
		   int64_t person_id, int first, int last, json_t **doc)
{
	struct person_view v;
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN], month[DATE_ISO_LEN], units[32];
	json_t *rows = NULL, *cases = NULL, *group = NULL;
	int64_t total_cost = 0, total_due = 0, cur_case = 0;
	size_t i;
	json_t *l;
	int rc = person_view_for(db, p, person_id, &v);
	if (!rc && !v.full)
		rc = ERR_NOT_FOUND;
	if (rc)
		return rc;
	date_format(first, from);
	date_format(last, to);
	rc = store_billing_person_lines(db, person_id, from, to, &rows);
	if (rc)
		return rc;
	cases = json_array();
	/* Rows come in case order: cost each line, close a case when the
	 * next one starts. */
	for (i = 0; i <= json_array_size(rows) && !rc; i++) {
		l = json_array_get(rows, i);
		int64_t cid = l ? json_integer_value(json_object_get(l, "case_id")) : 0;
		if (group && cid != cur_case) {
			json_t *one = NULL;
			int64_t c = 0, d = 0;
			rc = case_statement(db, cur_case, group, to, &one, &c, &d);
			json_decref(group);
			group = NULL;
			if (rc)
				break;
			json_array_append_new(cases, one);
			total_cost += c;
			total_due += d;
		}
		if (!l)
			break;
		if (!case_visible(db, p, cid))
			continue;
		if (!group) {
			group = json_array();
			cur_case = cid;
		}
		int64_t u = json_integer_value(json_object_get(l, "units_x100"));
		int64_t price = json_integer_value(json_object_get(l, "price_cents"));
		delivery_units_format(u, units, sizeof(units));
		json_object_set_new(l, "units", json_string(units));
		json_object_set_new(l, "cost_cents", json_integer(billing_line_cost(u, price)));
		json_object_del(l, "case_id");
		json_array_append(group, l);
	}
	json_decref(group);
	json_decref(rows);
	if (rc) {
		json_decref(cases);
		return rc;
	}
	snprintf(month, sizeof(month), "%s", from);
	month[7] = '\0';
	*doc = json_pack("{s:I,s:s,s:o,s:I,s:I}", "person_id", (json_int_t)person_id,
			 "month", month, "cases", cases, "cost_cents", (json_int_t)total_cost,
			 "due_cents", (json_int_t)total_due);
	return *doc ? 0 : ERR_NOMEM;
}

static int csv_end_row(struct buf *b)
{
	return buf_puts(b, "\r\n");
}

/* Appends fields separated by ';' and ends the row; `text` marks which
 * are text (bit i for field i). */
static int csv_row(struct buf *b, unsigned text, int n, const char *const *f)
{
	int rc = 0;
	for (int i = 0; i < n && !rc; i++) {
		if (i)
			rc = buf_puts(b, ";");
		if (!rc)
			rc = billing_csv_field(b, f[i], (text >> i) & 1u);
	}
	return rc ? rc : csv_end_row(b);
}

int billing_person_csv(const json_t *doc, enum payment_lang lang,
		       struct buf *out)
{
	static const char *const head_lt[] = {"Mėnuo", "Asmens ID", "Bylos ID",
		"Paslaugos kodas", "Paslauga", "Vienetas", "Kiekis",
		"Vieneto kaina", "Kaina", "Mėnesio mokestis", "Mokėti"};
	static const char *const head_en[] = {"Month", "Person ID", "Case ID",
		"Service code", "Service", "Unit", "Units", "Unit price", "Cost",
		"Monthly payment", "Due"};
	const unsigned text = 1u << 3 | 1u << 4 | 1u << 5;
	const int lt = lang == PAYMENT_LANG_LT;
	char pid[24], cid[24], units[24], price[24], cost[24], ceil[24], due[24];
	const char *month = json_string_value(json_object_get(doc, "month"));
	size_t i, j;
	json_t *c, *l;
	int rc = buf_puts(out, "\xef\xbb\xbf");
	if (!rc)
		rc = csv_row(out, 0x7ff, 11, lt ? head_lt : head_en);
	snprintf(pid, sizeof(pid), "%lld", (long long)json_integer_value(json_object_get(doc, "person_id")));
	json_array_foreach(json_object_get(doc, "cases"), i, c) {
		snprintf(cid, sizeof(cid), "%lld", (long long)json_integer_value(json_object_get(c, "case_id")));
		json_array_foreach(json_object_get(c, "lines"), j, l) {
			billing_csv_units(json_integer_value(json_object_get(l, "units_x100")), units, sizeof(units));
			billing_csv_money(json_integer_value(json_object_get(l, "price_cents")), price, sizeof(price));
			billing_csv_money(json_integer_value(json_object_get(l, "cost_cents")), cost, sizeof(cost));
			const char *f[] = {month, pid, cid,
				json_string_value(json_object_get(l, "service_code")),
				json_string_value(json_object_get(l, lt ? "name_lt" : "name_en")),
				unit_label(json_string_value(json_object_get(l, "unit")), lang),
				units, price, cost, NULL, NULL};
			if (!rc)
				rc = csv_row(out, text, 11, f);
		}
		json_t *ce = json_object_get(c, "ceiling_cents");
		billing_csv_money(json_integer_value(json_object_get(c, "cost_cents")), cost, sizeof(cost));
		billing_csv_money(json_integer_value(ce), ceil, sizeof(ceil));
		billing_csv_money(json_integer_value(json_object_get(c, "due_cents")), due, sizeof(due));
		const char *f[] = {month, pid, cid, NULL, lt ? "Iš viso" : "Total", NULL, NULL,
			NULL, cost, json_is_integer(ce) ? ceil : NULL, due};
		if (!rc)
			rc = csv_row(out, text, 11, f);
	}
	return rc;
}

/* ---- every person's month ---- */

struct month_acc {
	int (*fn)(void *arg, const struct billing_person_total *t);
	void *arg;
	struct billing_month_totals *totals;
	struct billing_person_total cur;
	char family[256], given[256];
	int64_t case_id, case_cost;
	int case_has_payment;
	int64_t case_payment;
};

static void acc_close_case(struct month_acc *m)
{
	if (!m->case_id)
		return;
	m->cur.cost_cents += m->case_cost;
	m->cur.due_cents += billing_due(m->case_cost, m->case_has_payment, m->case_payment);
	m->cur.cases++;
	m->case_id = 0;
	m->case_cost = 0;
}

static int acc_close_person(struct month_acc *m)
{
	acc_close_case(m);
	if (!m->cur.person_id)
		return 0;
	m->totals->persons++;
	m->totals->cost_cents += m->cur.cost_cents;
	m->totals->due_cents += m->cur.due_cents;
	int rc = m->fn(m->arg, &m->cur);
	memset(&m->cur, 0, sizeof(m->cur));
	return rc;
}

static int acc_group(void *arg, const struct store_billing_group *g)
{
	struct month_acc *m = arg;
	int rc = 0;
	if (g->person_id != m->cur.person_id) {
		rc = acc_close_person(m);
		m->cur.person_id = g->person_id;
		snprintf(m->family, sizeof(m->family), "%s", g->family_name ? g->family_name : "");
		snprintf(m->given, sizeof(m->given), "%s", g->given_names ? g->given_names : "");
		m->cur.family_name = m->family;
		m->cur.given_names = m->given;
	}
	if (g->case_id != m->case_id) {
		acc_close_case(m);
		m->case_id = g->case_id;
		m->case_has_payment = g->has_payment;
		m->case_payment = g->payment_cents;
	}
	m->case_cost += billing_line_cost(g->units_x100, g->price_cents);
	return rc;
}

int billing_month_each(struct db *db, const struct principal *p, int first,
		       int last, int64_t department_id,
		       int (*fn)(void *arg, const struct billing_person_total *t),
		       void *arg, struct billing_month_totals *totals)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	struct month_acc m = {.fn = fn, .arg = arg, .totals = totals};
	switch (access_person_scope(p)) {
	case SCOPE_ALL:
		break;
	case SCOPE_DEPARTMENT:
		if (department_id && department_id != p->department_id)
			return ERR_FORBIDDEN;
		department_id = p->department_id;
		break;
	default:
		return ERR_FORBIDDEN;
	}
	memset(totals, 0, sizeof(*totals));
	totals->department_id = department_id;
	date_format(first, from);
	date_format(last, to);
	int rc = store_billing_month_each(db, from, to, department_id, acc_group, &m);
	if (!rc)
		rc = acc_close_person(&m);
	return rc;
}
