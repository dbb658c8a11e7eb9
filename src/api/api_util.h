/*
 * api_util.h - helpers shared by the API handlers.
 */
#ifndef PAGALBA_API_UTIL_H
#define PAGALBA_API_UTIL_H

#include "api/api.h"
#include "core/fielderr.h"

struct buf;
/* api_html.c: printable pages. api_html_text appends s escaped;
 * api_html_begin writes the head with its title and style;
 * api_html_respond closes the page and sends it as text/html (or refuses
 * it when failed is set or the buffer overflowed), releasing b. Each
 * returns 0 or an error. */
int api_html_text(struct buf *b, const char *s);
int api_html_begin(struct buf *b, enum api_lang lang, const char *title);
int api_html_respond(struct api_ctx *c, struct buf *b, int failed);

/* Copies domain field errors into the response and returns rc (or
 * ERR_INVALID when rc is 0 but there are errors). */
int api_field_errors(struct api_ctx *c, const struct field_errors *fe, int rc);

/* Handlers, one per route (see api_routes.c). */
int api_system_stats(struct api_ctx *c);
int api_health(struct api_ctx *c);
int api_openapi(struct api_ctx *c);
int api_login(struct api_ctx *c);
int api_logout(struct api_ctx *c);
int api_session_get(struct api_ctx *c);
int api_password_change(struct api_ctx *c);

int api_person_create(struct api_ctx *c);
int api_person_get(struct api_ctx *c);
int api_person_update(struct api_ctx *c);
int api_person_list(struct api_ctx *c);
int api_person_search(struct api_ctx *c);
int api_person_duplicates(struct api_ctx *c);
int api_person_merge(struct api_ctx *c);

struct person_input;
/* Reads a person body into *in with field errors (also the fuzz entry). */
int api_person_input_read(struct api_ctx *c, struct person_input *in);

/* == person parts == */
/* api_parts.c: parts of a person record, households, notes, history,
 * shares; recipient groups. */
int api_address_create(struct api_ctx *c);
int api_address_update(struct api_ctx *c);
int api_address_delete(struct api_ctx *c);
int api_recipient_groups(struct api_ctx *c);
int api_group_create(struct api_ctx *c);
int api_group_update(struct api_ctx *c);
int api_representative_create(struct api_ctx *c);
int api_representative_delete(struct api_ctx *c);
int api_relation_create(struct api_ctx *c);
int api_relation_delete(struct api_ctx *c);
int api_household_create(struct api_ctx *c);
int api_household_get(struct api_ctx *c);
int api_household_members_put(struct api_ctx *c);
int api_note_list(struct api_ctx *c);
int api_note_create(struct api_ctx *c);
int api_person_history(struct api_ctx *c);
int api_share_list(struct api_ctx *c);
int api_share_create(struct api_ctx *c);
int api_share_revoke(struct api_ctx *c);
/* == end person parts == */

/* == organisation and users == */
struct org_actor;
struct field_errors;
/* Shared by api_org.c and api_users.c; kind is an enum org_kind. */
/* Fills the audit template and actor for a write by the caller. */
void api_org_actor(struct api_ctx *c, int kind, const char *action, int64_t id,
		   struct audit_entry *who, struct org_actor *a);
/* Maps a domain result to the error body: "<kind>.not_found", a conflict
 * key, or field errors. Returns rc. */
int api_org_error(struct api_ctx *c, int kind, int rc,
		  const struct field_errors *fe, const char *conflict_key);
/* Answers with record id of kind (and its ETag) and the given status. */
int api_org_respond(struct api_ctx *c, int kind, int64_t id, int status);
/* Optional query parameters: an id (0 when absent) and a flag true/false
 * (-1 when absent). Field error and ERR_INVALID when malformed. */
int api_query_id(struct api_ctx *c, const char *name, int64_t *out);
int api_query_flag(struct api_ctx *c, const char *name, int *out);

int api_institution_list(struct api_ctx *c);
int api_institution_create(struct api_ctx *c);
int api_institution_get(struct api_ctx *c);
int api_institution_update(struct api_ctx *c);
int api_contact_list(struct api_ctx *c);
int api_contact_create(struct api_ctx *c);
int api_contact_delete(struct api_ctx *c);
int api_department_list(struct api_ctx *c);
int api_department_create(struct api_ctx *c);
int api_department_get(struct api_ctx *c);
int api_department_update(struct api_ctx *c);
int api_staff_list(struct api_ctx *c);
int api_case_workers(struct api_ctx *c);
int api_staff_create(struct api_ctx *c);
int api_staff_get(struct api_ctx *c);
int api_staff_update(struct api_ctx *c);
int api_team_list(struct api_ctx *c);
int api_team_create(struct api_ctx *c);
int api_team_get(struct api_ctx *c);
int api_team_update(struct api_ctx *c);
int api_team_members_put(struct api_ctx *c);
int api_user_list(struct api_ctx *c);
int api_user_create(struct api_ctx *c);
int api_user_get(struct api_ctx *c);
int api_user_update(struct api_ctx *c);
int api_user_password_reset(struct api_ctx *c);
/* == end organisation and users == */

/* == audit == */
/* api_audit.c: the audit log for the auditor. */
int api_audit_list(struct api_ctx *c);
int api_audit_verify(struct api_ctx *c);
/* == end audit == */

/* == catalogue and parameters == */
/* Unit amounts (hours, visits, nights... : core/amount.h) in the API, for
 * every case-work area: a JSON number with at most two decimals (10, 7.5)
 * or the same as a string ("7.5", "7,5"), held as hundredths.
 * api_amount_parse: 0 and *out, or ERR_INVALID (not a number, negative,
 * more than two decimals, above AMOUNT_X100_MAX). api_amount reads body
 * field like api_int (field errors "required", "amount", "range" outside
 * min_x100..max_x100). api_amount_json: the number to send (an integer
 * when whole, else a real); caller owns it. (api_amount.c) */
int api_amount_parse(const json_t *v, int64_t *out);
int api_amount(struct api_ctx *c, const char *field, int required,
	       int64_t min_x100, int64_t max_x100, int64_t *out);
json_t *api_amount_json(int64_t x100);

/* api_catalogue.c: services with dated prices, and dated parameters. */
int api_service_list(struct api_ctx *c);
int api_service_get(struct api_ctx *c);
int api_service_create(struct api_ctx *c);
int api_service_update(struct api_ctx *c);
int api_price_list(struct api_ctx *c);
int api_price_create(struct api_ctx *c);
int api_param_list(struct api_ctx *c);
int api_param_create(struct api_ctx *c);
int api_param_delete(struct api_ctx *c);
/* == end catalogue and parameters == */

/* == cases == */
/* api_cases.c: cases, waiting lists, case documents, incomes. */
int api_case_list(struct api_ctx *c);
int api_case_create(struct api_ctx *c);
int api_case_get(struct api_ctx *c);
int api_case_assess(struct api_ctx *c);
int api_case_decide(struct api_ctx *c);
int api_case_contract(struct api_ctx *c);
int api_case_event(struct api_ctx *c);
int api_case_document_add(struct api_ctx *c);
int api_case_document_get(struct api_ctx *c);
int api_waiting_list(struct api_ctx *c);
int api_income_list(struct api_ctx *c);
int api_income_add(struct api_ctx *c);
/* plans, tasks, case notes, worklist */
int api_case_plan_list(struct api_ctx *c);
int api_case_plan_create(struct api_ctx *c);
int api_plan_get(struct api_ctx *c);
int api_plan_update(struct api_ctx *c);
int api_task_list(struct api_ctx *c);
int api_task_create(struct api_ctx *c);
int api_task_get(struct api_ctx *c);
int api_task_update(struct api_ctx *c);
int api_case_note_list(struct api_ctx *c);
int api_case_note_create(struct api_ctx *c);
int api_worklist(struct api_ctx *c);
/* == end cases == */

/* == deliveries and billing == */
/* api_deliveries.c: delivered services and the monthly billing statement. */
int api_delivery_create(struct api_ctx *c);
int api_delivery_bulk(struct api_ctx *c);
int api_delivery_get(struct api_ctx *c);
int api_delivery_correct(struct api_ctx *c);
int api_delivery_void(struct api_ctx *c);
int api_delivery_case_month(struct api_ctx *c);
int api_billing_person(struct api_ctx *c);
int api_billing_month(struct api_ctx *c);
/* == end deliveries and billing == */

/* == child welfare == */
/* api_cw.c, api_cw_orders.c: the Commission, meetings, orders, measures,
 * staff development and reports. Shared helpers: */
struct cw_actor;
struct cw_scope;
struct cw_disclosures;
/* Fills the audit template and actor for a write by the caller. */
void api_cw_actor(struct api_ctx *c, const char *entity, int64_t id,
		  struct audit_entry *who, struct cw_actor *a);
/* Takes the connection and decides the caller's child-welfare scope. */
int api_cw_scope(struct api_ctx *c, struct db **db, struct cw_scope *s);
/* Audits a read of a record (with the partner's reason) and of every
 * person the response discloses. */
void api_cw_audit(struct api_ctx *c, const char *action, const char *entity,
		  int64_t id, const char *reason, const struct cw_disclosures *d);
/* Maps a domain result to the error body. */
int api_cw_error(struct api_ctx *c, int rc, const struct field_errors *fe,
		 const char *not_found_key);
/* Answers a read: the error for rc, or doc (with its ETag when it has a
 * version) after auditing the read and every disclosed person. */
int api_cw_answer(struct api_ctx *c, int rc, json_t *doc, const char *entity,
		  int64_t id, const char *reason, const struct cw_disclosures *d,
		  int status, const char *not_found_key);
/* The ?year= query parameter (2000..2100), dflt when absent. */
int api_cw_year(struct api_ctx *c, int dflt, int *year);

int api_cw_member_list(struct api_ctx *c);
int api_cw_member_create(struct api_ctx *c);
int api_cw_member_get(struct api_ctx *c);
int api_cw_member_update(struct api_ctx *c);
int api_cw_function_list(struct api_ctx *c);
int api_cw_function_create(struct api_ctx *c);
int api_cw_function_update(struct api_ctx *c);
int api_cw_plan_get(struct api_ctx *c);
int api_cw_plan_item_create(struct api_ctx *c);
int api_cw_measure_types(struct api_ctx *c);
int api_cw_meeting_list(struct api_ctx *c);
int api_cw_meeting_create(struct api_ctx *c);
int api_cw_followups_due(struct api_ctx *c);
/* The ?days= query parameter (0..366), dflt when absent. */
int api_cw_days(struct api_ctx *c, int dflt, int *days);
int api_cw_meeting_get(struct api_ctx *c);
int api_cw_meeting_update(struct api_ctx *c);
int api_cw_meeting_participants_put(struct api_ctx *c);
int api_cw_question_create(struct api_ctx *c);
int api_cw_question_update(struct api_ctx *c);
int api_cw_followup_create(struct api_ctx *c);
int api_cw_followup_update(struct api_ctx *c);
int api_cw_order_list(struct api_ctx *c);
int api_cw_order_create(struct api_ctx *c);
int api_cw_order_get(struct api_ctx *c);
int api_cw_measure_list(struct api_ctx *c);
int api_cw_measure_expiring(struct api_ctx *c);
int api_cw_measure_get(struct api_ctx *c);
int api_cw_measure_task_create(struct api_ctx *c);
int api_cw_measure_note_create(struct api_ctx *c);
int api_cw_measure_evaluate(struct api_ctx *c);
int api_staffdev_list(struct api_ctx *c);
int api_staffdev_create(struct api_ctx *c);
int api_staffdev_get(struct api_ctx *c);
int api_report_commission(struct api_ctx *c);
int api_report_staffdev(struct api_ctx *c);
/* == end child welfare == */

/* == home care == */
/* api_homecare.c: rosters, mobility and absences of workers. */
int api_roster_get(struct api_ctx *c);
int api_roster_put(struct api_ctx *c);
int api_mobility_put(struct api_ctx *c);
int api_absence_create(struct api_ctx *c);
int api_absence_delete(struct api_ctx *c);
int api_visit_patterns_get(struct api_ctx *c);
int api_visit_pattern_create(struct api_ctx *c);
int api_visit_pattern_update(struct api_ctx *c);
int api_visit_pattern_end(struct api_ctx *c);
int api_visit_exception_create(struct api_ctx *c);
int api_visit_exception_delete(struct api_ctx *c);
int api_home_visits_week(struct api_ctx *c);
int api_visit_plan_create(struct api_ctx *c);
int api_visit_plan_list(struct api_ctx *c);
int api_visit_plan_get(struct api_ctx *c);
int api_visit_plan_announce(struct api_ctx *c);
int api_day_sheet(struct api_ctx *c);
int api_visit_plan_replan(struct api_ctx *c);
int api_visit_check_in(struct api_ctx *c);
int api_visit_check_out(struct api_ctx *c);
int api_visit_missed(struct api_ctx *c);
/* == end home care == */

#endif
