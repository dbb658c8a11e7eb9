/*
 * billing.h - the monthly billing statement (issue 3): what a person owes
 * for the services delivered in a calendar month, with an explanation in
 * Lithuanian and English. SQL lives in db/store_delivery.c.
 *
 * The rule, per case and month (all amounts int64 euro cents):
 *  1. Units delivered: per decision service, the sum of the month's
 *     current deliveries (neither replaced nor voided), in hundredths.
 *  2. Cost of a service line = units x the unit price frozen with the
 *     decision (decision_services.price_cents), rounded half up to the
 *     cent once per line: billing_line_cost. A case's cost is the sum of
 *     its lines.
 *  3. The ceiling is the monthly payment frozen with the case's decision
 *     in force in that month: the latest assigning decision decided on or
 *     before the month's last day (decisions.payment_cents, with the rule
 *     payment_rule and the explanation payment_result, never recomputed).
 *     Deliveries under an earlier decision of the same case keep their
 *     own frozen prices but share this one ceiling: the payment is a
 *     monthly amount, owed once per case and month.
 *  4. Amount due = min(cost, ceiling): a person never pays more than the
 *     services actually delivered cost, nor more than the monthly payment
 *     the decision set (resolution 583 caps the payment at the service
 *     cost; the decision fixes it for a full month of service). A case
 *     with no decision in force, or whose decision has no payment, owes 0
 *     and its explanation says so. billing_due.
 *  5. A person's total is the sum over their cases: every case for the
 *     director, the cases of their own department for a head (the same
 *     scope as case_view_for, and as the department filter of the
 *     month's list).
 *
 * CSV export: UTF-8 with a byte-order mark, fields separated by ';', lines
 * ended by CRLF, money and units with a decimal comma and no currency
 * sign ("1234,56"). Lithuanian Excel uses ',' as the decimal separator
 * and therefore ';' as the list separator, and without the BOM it reads
 * the file in the ANSI code page and garbles ą, č, ę, ė, į, š, ų, ū, ž.
 * A field is quoted when it holds ';', '"', CR or LF ('"' doubled); a text
 * field starting with '=', '+', '-', '@', TAB or CR gets a leading "'"
 * so that a spreadsheet never runs it as a formula (CSV injection).
 *
 * Thread-safe given one connection per thread; documents belong to the
 * caller.
 */
#ifndef PAGALBA_DOMAIN_BILLING_H
#define PAGALBA_DOMAIN_BILLING_H

#include "core/buf.h"
#include "domain/access.h"
#include "domain/payment.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

/* ---- pure rules (unit-tested in tests/unit/test_delivery.c) ---- */

/* units_x100 x price_cents / 100, rounded half up; both >= 0. */
int64_t billing_line_cost(int64_t units_x100, int64_t price_cents);
/* min(cost, payment) when has_payment, else 0. */
int64_t billing_due(int64_t cost, int has_payment, int64_t payment);

/* Appends s as one CSV field (quoted / neutralised as above; text 0 for
 * numbers, which are never prefixed). NULL appends an empty field. */
int billing_csv_field(struct buf *b, const char *s, int text);
/* Writes cents as "1234,56" ("-0,05" for negatives); cap >= 24. */
void billing_csv_money(int64_t cents, char *out, size_t cap);
/* Writes hundredths as "12,5" style decimal comma "12,50"; cap >= 24. */
void billing_csv_units(int64_t x100, char *out, size_t cap);

/* ---- statements ---- */

/*
 * The statement of person_id for the month [first, last] (yyyymmdd):
 *   {person_id, month, cases: [{case_id, decision: {...}|null,
 *    lines: [{decision_service_id, service_code, name_lt, name_en, unit,
 *    units_x100, units, price_cents, cost_cents}], cost_cents,
 *    ceiling_cents|null, due_cents, payment_explanation (the frozen one),
 *    explanation: [{text_lt, text_en}]}], cost_cents, due_cents}
 * ERR_NOT_FOUND when the caller does not fully see the person.
 */
int billing_person(struct db *db, const struct principal *p,
		   int64_t person_id, int first, int last, json_t **doc);

/* A statement as CSV (see above) in lang: header, one row per service
 * line, one total row per case. */
int billing_person_csv(const json_t *doc, enum payment_lang lang,
		       struct buf *out);

/* One person's month, as billing_month_each reports it. Strings are
 * valid during the callback only. */
struct billing_person_total {
	int64_t person_id;
	const char *family_name;
	const char *given_names;
	int cases;
	int64_t cost_cents;
	int64_t due_cents;
};

/*
 * Every person's totals for the month [first, last], in person id order,
 * from one streaming aggregate query: fn is called once per person with
 * deliveries in the month. department_id 0 = all departments (the
 * director); a head's statement is always their own department's, and
 * asking for another is ERR_FORBIDDEN. *n_persons and the grand totals
 * on success.
 */
struct billing_month_totals {
	int64_t department_id; /* the scope applied; 0 = every department */
	int64_t persons;
	int64_t cost_cents;
	int64_t due_cents;
};
int billing_month_each(struct db *db, const struct principal *p, int first,
		       int last, int64_t department_id,
		       int (*fn)(void *arg, const struct billing_person_total *t),
		       void *arg, struct billing_month_totals *totals);

#endif
