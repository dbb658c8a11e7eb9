/*
 * case_decision.c - decisions on a case (assign, refuse, waiting list,
 * amend) with the payment computed and frozen (see case.h, case_decide).
 *
 * The payment of an assigning decision is the sum over its services of
 * payment_compute (domain/payment.c) with the service's payment rule and
 * the monthly cost of the decided amount at the unit price in force on
 * the decision date. What went in (incomes, family members, assets,
 * target compensation, per service the amount, price and cost) and what
 * came out (per service the payment and every explanation line in
 * Lithuanian and English) are stored as JSON with the decision and never
 * recomputed: editing incomes or prices later changes no past decision.
 */
#include "domain/case.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "db/store_case.h"
#include "domain/case_internal.h"
#include "domain/catalogue.h"
#include "domain/payment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Field names of the services of a decision body, for field errors
 * (static: field errors keep pointers). */
#define SERVICE_FIELDS(i)                                                          \
	{"services[" #i "].service_id", "services[" #i "].amount", "services[" #i "].period", \
	 "services[" #i "].visits_per_week", "services[" #i "].start_on",              \
	 "services[" #i "].end_on"}
static const char *const service_fields[CASE_SERVICES_MAX][CASE_SF__COUNT] = {
	SERVICE_FIELDS(0), SERVICE_FIELDS(1), SERVICE_FIELDS(2), SERVICE_FIELDS(3),
	SERVICE_FIELDS(4), SERVICE_FIELDS(5), SERVICE_FIELDS(6), SERVICE_FIELDS(7),
	SERVICE_FIELDS(8), SERVICE_FIELDS(9), SERVICE_FIELDS(10), SERVICE_FIELDS(11),
	SERVICE_FIELDS(12), SERVICE_FIELDS(13), SERVICE_FIELDS(14), SERVICE_FIELDS(15),
	SERVICE_FIELDS(16), SERVICE_FIELDS(17), SERVICE_FIELDS(18), SERVICE_FIELDS(19),
};

const char *case_service_field(size_t i, enum case_service_field which)
{
	if (i >= CASE_SERVICES_MAX || (unsigned)which >= CASE_SF__COUNT)
		return "services";
	return service_fields[i][which];
}

int case_decision_validate(const struct case_decision_input *in,
			   struct field_errors *fe)
{
	int assign = in->kind && !strcmp(in->kind, "assign");
	if (!in->kind)
		fe_add(fe, "kind", "required");
	else if (!case_decision_kind_valid(in->kind))
		fe_add(fe, "kind", "enum");
	if (!in->decided_on)
		fe_add(fe, "decided_on", "required");
	else if (in->decided_on > date_today())
		fe_add(fe, "decided_on", "date.future");
	case_check_text(fe, "number", in->number, CASE_NUMBER_MAX_CHARS, 0, 0);
	case_check_text(fe, "reason", in->reason, CASE_TEXT_MAX_CHARS,
			in->kind && !strcmp(in->kind, "refuse"), 1);
	if (assign && in->n_services == 0)
		fe_add(fe, "services", "case.services_required");
	else if (in->n_services > CASE_SERVICES_MAX)
		fe_add(fe, "services", "case.services_too_many");
	else if (!assign && in->n_services)
		fe_add(fe, "services", "case.services_not_allowed");
	if (!assign && in->income.given)
		fe_add(fe, "income", "case.services_not_allowed");
	for (size_t i = 0; assign && i < in->n_services && i < CASE_SERVICES_MAX; i++) {
		const struct case_decided_service *s = &in->services[i];
		if (s->service_id <= 0)
			fe_add(fe, service_fields[i][CASE_SF_SERVICE], "required");
		for (size_t j = 0; j < i; j++)
			if (s->service_id > 0 && in->services[j].service_id == s->service_id)
				fe_add(fe, service_fields[i][CASE_SF_SERVICE], "case.service_duplicate");
		if (s->amount_x100 <= 0)
			fe_add(fe, service_fields[i][CASE_SF_AMOUNT], "case.amount");
		if (!s->period)
			fe_add(fe, service_fields[i][CASE_SF_PERIOD], "required");
		else if (!case_period_valid(s->period))
			fe_add(fe, service_fields[i][CASE_SF_PERIOD], "enum");
		if (s->visits_per_week < 0 || s->visits_per_week > 50)
			fe_add(fe, service_fields[i][CASE_SF_VISITS], "range");
		if (!s->start_on)
			fe_add(fe, service_fields[i][CASE_SF_START], "required");
		if (s->end_on && s->start_on && s->end_on < s->start_on)
			fe_add(fe, service_fields[i][CASE_SF_END], "date.order");
	}
	if (in->income.given) {
		for (int i = 0; i < 3; i++)
			if (in->income.incomes[i] < 0 || in->income.incomes[i] > PAYMENT_MONEY_MAX)
				fe_add(fe, "income.incomes", "range");
		if (in->income.family_members < 1 || in->income.family_members > PAYMENT_MEMBERS_MAX)
			fe_add(fe, "income.family_members", "range");
		if (in->income.asset_value_cents < 0 || in->income.asset_value_cents > PAYMENT_MONEY_MAX)
			fe_add(fe, "income.asset_value_cents", "range");
		if (in->income.target_compensation_cents < 0 ||
		    in->income.target_compensation_cents > PAYMENT_MONEY_MAX)
			fe_add(fe, "income.target_compensation_cents", "range");
	}
	return fe->n ? ERR_INVALID : 0;
}

static int rule_needs_income(enum payment_rule r)
{
	return r != PAYMENT_RULE_FREE && r != PAYMENT_RULE_PREVENTIVE;
}

/* The income the decision uses: given in the body, or the person's
 * records of the 3 months before the decision's month. *have is the
 * number of months found (3, or 0 when any is missing). */
struct decision_income {
	int given;
	int months[3];
	int have;
	int64_t incomes[3];
	int family_members;
	int64_t asset_value;
	int64_t target_compensation;
};

static int income_load(struct db *db, int64_t person_id,
		       const struct case_decision_input *in,
		       struct decision_income *di)
{
	memset(di, 0, sizeof(*di));
	case_income_months(in->decided_on, di->months);
	if (in->income.given) {
		di->given = 1;
		di->have = 3;
		memcpy(di->incomes, in->income.incomes, sizeof(di->incomes));
		di->family_members = in->income.family_members;
		di->asset_value = in->income.asset_value_cents;
		di->target_compensation = in->income.target_compensation_cents;
		return 0;
	}
	di->family_members = 1;
	int found_all = 1;
	for (int i = 0; i < 3; i++) {
		char m[8];
		int found = 0;
		case_month_format(di->months[i], m);
		int rc = store_income_month(db, person_id, m, &di->incomes[i], &found);
		if (rc)
			return rc;
		if (!found)
			found_all = 0;
	}
	di->have = found_all ? 3 : 0;
	return 0;
}

static json_t *income_input_json(const struct decision_income *di)
{
	json_t *months = json_array(), *inc = di->have ? json_array() : json_null();
	for (int i = 0; i < 3; i++) {
		char m[8];
		case_month_format(di->months[i], m);
		json_array_append_new(months, json_string(m));
		if (di->have)
			json_array_append_new(inc, json_integer(di->incomes[i]));
	}
	return json_pack("{s:s,s:o,s:o,s:i,s:I,s:I}", "source", di->given ? "given" : "records",
			 "months", months, "incomes_cents", inc, "family_members",
			 di->family_members, "asset_value_cents", (json_int_t)di->asset_value,
			 "target_compensation_cents", (json_int_t)di->target_compensation);
}

static json_t *result_json(int64_t service_id, const struct payment_result *r)
{
	json_t *lines = json_array();
	for (int i = 0; i < r->n_lines; i++) {
		const struct payment_line *l = &r->lines[i];
		json_t *args = json_array();
		for (int k = 0; k < l->nargs; k++)
			json_array_append_new(args, json_integer(l->args[k]));
		json_array_append_new(lines, json_pack("{s:s,s:o,s:s,s:s}", "key", l->key, "args", args,
						       "lt", l->text_lt, "en", l->text_en));
	}
	json_t *vrp_from = json_null();
	if (r->vrp_valid_from) {
		char d[DATE_ISO_LEN];
		date_format(r->vrp_valid_from, d);
		json_decref(vrp_from);
		vrp_from = json_string(d);
	}
	return json_pack("{s:I,s:s,s:I,s:I,s:I,s:I,s:i,s:I,s:o,s:o}", "service_id",
			 (json_int_t)service_id, "rule", payment_rule_key(r->rule), "payment_cents",
			 (json_int_t)r->payment, "service_cost_cents", (json_int_t)r->service_cost,
			 "income_average_cents", (json_int_t)r->income_average, "income_per_person_cents",
			 (json_int_t)r->income_per_person, "family_members", r->family_members,
			 "vrp_cents", (json_int_t)r->vrp, "vrp_valid_from", vrp_from, "lines", lines);
}

/* Everything an assigning decision works out before it writes. */
struct assign_plan {
	size_t n;
	int64_t price[CASE_SERVICES_MAX];
	int64_t total;
	const char *rule; /* the common rule, or "mixed" */
	char *input_json;
	char *result_json;
};

static void assign_plan_release(struct assign_plan *pl)
{
	free(pl->input_json);
	free(pl->result_json);
	pl->input_json = pl->result_json = NULL;
}

/* Checks each service against the catalogue, freezes its price, and
 * computes the payment. ERR_INVALID with fe for what the caller can fix. */
static int assign_prepare(struct db *db, const struct param_table *t,
			  int64_t person_id, const struct case_decision_input *in,
			  struct field_errors *fe, struct assign_plan *pl)
{
	struct decision_income di;
	struct payment_result *res = NULL;
	json_t *svc_in = json_array(), *svc_out = json_array(), *input = NULL, *result = NULL;
	char day[DATE_ISO_LEN];
	int rc = income_load(db, person_id, in, &di);
	if (rc)
		goto out;
	res = malloc(sizeof(*res));
	if (!res) {
		rc = ERR_NOMEM;
		goto out;
	}
	date_format(in->decided_on, day);
	memset(pl, 0, sizeof(*pl));
	pl->n = in->n_services;
	for (size_t i = 0; i < in->n_services; i++) {
		const struct case_decided_service *s = &in->services[i];
		struct catalogue_service svc;
		struct payment_input pin;
		int64_t cost = 0;
		rc = case_service_usable(db, s->service_id, service_fields[i][CASE_SF_SERVICE], &svc, fe);
		if (rc == ERR_INVALID)
			continue;
		if (rc)
			goto out;
		if (!case_amount_within_limit(s->amount_x100, s->period, svc.limit_x100,
					      catalogue_period_key(svc.limit_period)))
			fe_add(fe, service_fields[i][CASE_SF_AMOUNT], "case.over_limit");
		if (svc.max_visits_week && s->visits_per_week > svc.max_visits_week)
			fe_add(fe, service_fields[i][CASE_SF_VISITS], "case.over_visits");
		rc = catalogue_price_at(db, s->service_id, day, &pl->price[i]);
		if (rc == ERR_NOT_FOUND) {
			fe_add(fe, service_fields[i][CASE_SF_SERVICE], "case.no_price");
			rc = 0;
			continue;
		}
		if (rc)
			goto out;
		rc = case_monthly_cost(s->amount_x100, s->period, pl->price[i], &cost);
		if (rc) {
			fe_add(fe, service_fields[i][CASE_SF_AMOUNT], "range");
			rc = 0;
			continue;
		}
		if (rule_needs_income(svc.payment_rule) && di.have != 3) {
			fe_add(fe, "income", "case.income_missing");
			continue;
		}
		memset(&pin, 0, sizeof(pin));
		pin.decision_date = in->decided_on;
		pin.rule = svc.payment_rule;
		pin.service_cost = cost;
		pin.n_incomes = di.have;
		memcpy(pin.incomes, di.incomes, sizeof(pin.incomes));
		pin.family_members = di.family_members;
		pin.asset_value = di.asset_value;
		pin.target_compensation = di.target_compensation;
		rc = payment_compute(t, &pin, res);
		if (rc == ERR_NOT_FOUND) {
			fe_add(fe, "decided_on", "case.params_missing");
			rc = 0;
			continue;
		}
		if (rc == ERR_INVALID) {
			fe_add(fe, "income", res->error_key ? res->error_key : "invalid");
			rc = 0;
			continue;
		}
		if (rc)
			goto out;
		pl->total += res->payment;
		const char *rule = payment_rule_key(svc.payment_rule);
		if (!pl->rule)
			pl->rule = rule;
		else if (strcmp(pl->rule, rule))
			pl->rule = "mixed";
		json_array_append_new(svc_in, json_pack("{s:I,s:s,s:I,s:s,s:I,s:I}", "service_id",
						       (json_int_t)s->service_id, "payment_rule", rule,
						       "amount_x100", (json_int_t)s->amount_x100, "period",
						       s->period, "price_cents", (json_int_t)pl->price[i],
						       "service_cost_cents", (json_int_t)cost));
		json_array_append_new(svc_out, result_json(s->service_id, res));
	}
	if (fe->n) {
		rc = ERR_INVALID;
		goto out;
	}
	input = income_input_json(&di);
	if (input) {
		json_object_set_new(input, "decision_date", json_string(day));
		json_object_set(input, "services", svc_in);
	}
	result = json_pack("{s:I,s:O}", "payment_cents", (json_int_t)pl->total, "services", svc_out);
	if (!input || !result) {
		rc = ERR_NOMEM;
		goto out;
	}
	pl->input_json = json_dumps(input, JSON_COMPACT);
	pl->result_json = json_dumps(result, JSON_COMPACT);
	if (!pl->input_json || !pl->result_json)
		rc = ERR_NOMEM;
out:
	if (rc)
		assign_plan_release(pl);
	json_decref(svc_in);
	json_decref(svc_out);
	json_decref(input);
	json_decref(result);
	free(res);
	return rc;
}

static int decide_write_assign(struct db *db, int64_t case_id,
			       const struct case_decision_input *in,
			       const struct assign_plan *pl, int64_t decision_id,
			       int amend)
{
	char start[DATE_ISO_LEN], end[DATE_ISO_LEN];
	int rc = 0;
	if (amend) {
		/* The running services end the day before the earliest new
		 * start. */
		int first = in->services[0].start_on;
		for (size_t i = 1; i < in->n_services; i++)
			if (in->services[i].start_on < first)
				first = in->services[i].start_on;
		char day[DATE_ISO_LEN];
		date_format(date_add_days(first, -1), day);
		rc = store_decision_services_end(db, case_id, day, NULL);
	}
	for (size_t i = 0; !rc && i < in->n_services; i++) {
		const struct case_decided_service *s = &in->services[i];
		struct store_decision_service_new ds;
		int64_t id;
		memset(&ds, 0, sizeof(ds));
		date_format(s->start_on, start);
		if (s->end_on)
			date_format(s->end_on, end);
		ds.decision_id = decision_id;
		ds.case_id = case_id;
		ds.service_id = s->service_id;
		ds.amount_x100 = s->amount_x100;
		ds.period = s->period;
		ds.visits_per_week = s->visits_per_week;
		ds.start_on = start;
		ds.end_on = s->end_on ? end : NULL;
		ds.price_cents = pl->price[i];
		rc = store_decision_service_insert(db, &ds, &id);
	}
	return rc;
}

/* Puts each service of the case's newest application on its waiting
 * list from `day`. */
static int decide_write_waiting(struct db *db, int64_t case_id, int64_t person_id,
				const char *day)
{
	json_t *rows = NULL, *row;
	size_t i;
	char now[TIMESTAMP_ISO_LEN];
	time_format_iso(time_now_ms(), now);
	int rc = store_case_requested_services(db, case_id, &rows);
	json_array_foreach(rows, i, row) {
		if (!rc)
			rc = store_waiting_add(db, json_integer_value(json_object_get(row, "service_id")),
					       case_id, person_id, day, now);
	}
	json_decref(rows);
	return rc;
}

int case_decide(struct db *db, const struct case_actor *a, int64_t case_id,
		int64_t expected, const struct case_decision_input *in,
		struct field_errors *fe, int64_t *decision_id,
		int64_t *version)
{
	struct store_case_row row;
	struct param_table *t = NULL;
	struct assign_plan pl;
	struct store_decision_new dn;
	enum case_status from, to, cur;
	enum case_step step;
	char day[DATE_ISO_LEN], now[TIMESTAMP_ISO_LEN];
	int amend = 0, contract_due = 0;
	memset(&pl, 0, sizeof(pl));
	int rc = case_decision_validate(in, fe);
	if (rc)
		return rc;
	rc = case_params(db, &t);
	if (rc)
		return rc;
	rc = case_begin(db, a, case_id, expected, &row);
	if (rc) {
		free(t);
		return rc;
	}
	if (case_status_parse(row.status, &cur)) {
		rc = ERR_INTERNAL;
		goto out;
	}
	if (!strcmp(in->kind, "assign")) {
		amend = cur == CASE_ACTIVE || cur == CASE_SUSPENDED;
		step = amend ? CASE_STEP_AMEND : CASE_STEP_DECIDE_ASSIGN;
	} else if (!strcmp(in->kind, "refuse")) {
		step = CASE_STEP_DECIDE_REFUSE;
	} else {
		step = CASE_STEP_DECIDE_WAIT;
	}
	rc = case_transition(&row, step, &from, &to, fe);
	if (!rc)
		rc = case_date_from(in->decided_on, row.opened_on, "decided_on", "case.before_opened", fe);
	if (rc)
		goto out;
	date_format(in->decided_on, day);
	if (step == CASE_STEP_DECIDE_ASSIGN || step == CASE_STEP_AMEND) {
		rc = assign_prepare(db, t, row.person_id, in, fe, &pl);
		if (!rc)
			rc = case_due(t, PARAM_CONTRACT_DEADLINE, 0, in->decided_on, "decided_on", fe,
				      &contract_due);
		if (rc)
			goto out;
	}
	time_format_iso(time_now_ms(), now);
	memset(&dn, 0, sizeof(dn));
	dn.case_id = case_id;
	dn.kind = in->kind;
	dn.number = in->number;
	dn.decided_on = day;
	dn.reason = in->reason;
	dn.payment_cents = -1;
	dn.decided_by = a->p->user_id;
	if (pl.input_json) {
		dn.payment_rule = pl.rule;
		dn.payment_cents = pl.total;
		dn.payment_input = pl.input_json;
		dn.payment_result = pl.result_json;
	}
	rc = store_decision_insert(db, &dn, now, decision_id);
	if (rc)
		goto out;
	row.decision_due[0] = '\0';
	switch (step) {
	case CASE_STEP_DECIDE_ASSIGN:
	case CASE_STEP_AMEND:
		rc = decide_write_assign(db, case_id, in, &pl, *decision_id, amend);
		if (!rc && from == CASE_WAITING)
			rc = store_waiting_close(db, case_id, "assigned", day, NULL);
		case_date_set(row.contract_due, contract_due);
		break;
	case CASE_STEP_DECIDE_REFUSE:
		if (from == CASE_WAITING)
			rc = store_waiting_close(db, case_id, "removed", day, in->reason);
		snprintf(row.closed_on, sizeof(row.closed_on), "%s", day);
		break;
	default:
		rc = decide_write_waiting(db, case_id, row.person_id, day);
		break;
	}
	if (!rc)
		rc = case_finish(db, a, &row, step, from, in->decided_on, in->reason, "case.decide");
	if (!rc)
		*version = row.version;
out:
	if (db_in_tx(db))
		db_tx_rollback(db);
	assign_plan_release(&pl);
	free(t);
	return rc;
}
