/*
 * store_case.h - SQL for case work: cases and their steps (applications,
 * assessments, decisions with their services, contracts, events), the
 * waiting lists, case documents and persons' monthly incomes.
 *
 * Like db/store.h: functions run on the caller's connection, inside the
 * caller's transaction if any, and know no rules; domain/case.c decides.
 * Reads return jansson documents the caller owns (json_decref). Dates are
 * "YYYY-MM-DD" text, NULL for none.
 *
 * Errors: ERR_NOT_FOUND for a missing row, ERR_CONFLICT for a unique or
 * foreign-key violation, other negative codes from db_step.
 */
#ifndef PAGALBA_DB_STORE_CASE_H
#define PAGALBA_DB_STORE_CASE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

#define STORE_DATE_LEN 11 /* "YYYY-MM-DD" and the NUL */

/* The row of a case that the rules read: scope, state and dues. */
struct store_case_row {
	int64_t id;
	int64_t person_id;
	int64_t department_id;
	int64_t worker_user_id; /* 0 = none */
	int64_t version;
	char status[24];
	/* "" for none. */
	char decision_due[STORE_DATE_LEN];
	char contract_due[STORE_DATE_LEN];
	char review_due[STORE_DATE_LEN];
	char closed_on[STORE_DATE_LEN];
	char opened_on[STORE_DATE_LEN]; /* read only */
};

int store_case_row(struct db *db, int64_t id, struct store_case_row *out);

struct store_case_new {
	int64_t person_id;
	int64_t department_id;
	int64_t worker_user_id; /* 0 = none */
	const char *decision_due;
	const char *opened_on;
	int64_t created_by;
};
int store_case_insert(struct db *db, const struct store_case_new *r,
		      const char *now, int64_t *id);

/* Bumps the version if it is `expected`; *changes 1 or 0. On PostgreSQL
 * this locks the row until the transaction ends. */
int store_case_bump(struct db *db, int64_t id, int64_t expected,
		    const char *now, int64_t *changes);
/* Writes status and the dues (r's strings; "" stores NULL). Leaves
 * plan_review_due alone: the plan's business. */
int store_case_set_state(struct db *db, const struct store_case_row *r);

/* ---- reads for the case page ---- */

/* The case with its person summary (names and birth date: no personal
 * code), department and worker names. */
int store_case_get(struct db *db, int64_t id, json_t **out);
/* Each of the case's lists, oldest first. */
int store_case_applications(struct db *db, int64_t case_id, json_t **out);
int store_case_application_services(struct db *db, int64_t case_id,
				    json_t **out);
int store_case_assessments(struct db *db, int64_t case_id, json_t **out);
/* payment_input and payment_result come back as text (JSON). */
int store_case_decisions(struct db *db, int64_t case_id, json_t **out);
int store_case_decision_services(struct db *db, int64_t case_id,
				 json_t **out);
int store_case_contracts(struct db *db, int64_t case_id, json_t **out);
int store_case_events(struct db *db, int64_t case_id, json_t **out);
int store_case_waiting(struct db *db, int64_t case_id, json_t **out);
int store_case_documents(struct db *db, int64_t case_id, json_t **out);

/* A page of cases, newest first, ids below `before` (0 = from the top);
 * each filter 0 / NULL = any. Rows carry the person's names. */
struct store_case_filter {
	int64_t person_id;
	int64_t department_id;
	const char *status;
	int64_t before;
	int limit;
};
int store_case_page(struct db *db, const struct store_case_filter *f,
		    json_t **out);

/* ---- steps ---- */

struct store_application_new {
	int64_t case_id;
	int64_t applicant_person_id; /* 0 = none */
	const char *applicant_name;
	const char *applicant_relation;
	const char *received_on;
	const char *channel;
	const char *notes;
	int64_t created_by;
};
int store_application_insert(struct db *db,
			     const struct store_application_new *r,
			     const char *now, int64_t *id);
int store_application_service_add(struct db *db, int64_t application_id,
				  int64_t service_id);
/* The services of the case's newest application. */
int store_case_requested_services(struct db *db, int64_t case_id,
				  json_t **out);

int store_case_event_add(struct db *db, int64_t case_id, const char *kind,
			 const char *from, const char *to, const char *on_date,
			 const char *reason, int64_t by, const char *now);

struct store_assessment_new {
	int64_t case_id;
	int64_t assessor_user_id;
	const char *assessed_on;
	const char *dependency_level;
	const char *findings;
	int64_t created_by;
};
int store_assessment_insert(struct db *db,
			    const struct store_assessment_new *r,
			    const char *now, int64_t *id);

struct store_decision_new {
	int64_t case_id;
	const char *kind;
	const char *number;
	const char *decided_on;
	const char *reason;
	const char *payment_rule;  /* NULL for none */
	int64_t payment_cents;     /* < 0 stores NULL */
	const char *payment_input; /* JSON text or NULL */
	const char *payment_result;
	int64_t decided_by;
};
int store_decision_insert(struct db *db, const struct store_decision_new *r,
			  const char *now, int64_t *id);

struct store_decision_service_new {
	int64_t decision_id;
	int64_t case_id;
	int64_t service_id;
	int64_t amount_x100;
	const char *period;
	int64_t visits_per_week; /* 0 stores NULL */
	const char *start_on;
	const char *end_on;      /* NULL = open */
	int64_t price_cents;
};
int store_decision_service_insert(struct db *db,
				  const struct store_decision_service_new *r,
				  int64_t *id);
/* Ends the case's decision services still running on `day` (no
 * ended_on, end_on NULL or on/after day): ended_on = day. *changes. */
int store_decision_services_end(struct db *db, int64_t case_id,
				const char *day, int64_t *changes);

/* The newest assigning decision of the case: id, payment and date. */
int store_case_last_assign(struct db *db, int64_t case_id,
			   int64_t *decision_id, int64_t *payment_cents,
			   char decided_on[STORE_DATE_LEN]);

struct store_contract_new {
	int64_t case_id;
	int64_t decision_id;
	const char *number;
	const char *signed_on;
	int64_t payment_cents;
	int64_t created_by;
};
int store_contract_insert(struct db *db, const struct store_contract_new *r,
			  const char *now, int64_t *id);

/* ---- waiting lists ---- */

int store_waiting_add(struct db *db, int64_t service_id, int64_t case_id,
		      int64_t person_id, const char *since, const char *now);
/* Closes the case's entries still waiting: status ("assigned" or
 * "removed"), ended_on and reason. */
int store_waiting_close(struct db *db, int64_t case_id, const char *status,
			const char *ended_on, const char *reason);
/* The entries waiting for service_id (0 = every service), in order of
 * (service, since, id), with the person's names and the case's
 * department; department_id 0 = every department. Positions are counted
 * by the caller over all departments' rows of a service. */
int store_waiting_list(struct db *db, int64_t service_id, json_t **out);

/* ---- documents ---- */

struct store_document_new {
	int64_t case_id;
	const char *kind;
	const char *filename;
	const char *content_type;
	const char *sha256;
	const void *data;
	size_t size;
	int64_t uploaded_by;
};
int store_document_insert(struct db *db, const struct store_document_new *r,
			  const char *now, int64_t *id);
/* The document's data, copied into *data (malloc'd, caller frees), and
 * its metadata. */
int store_document_get(struct db *db, int64_t case_id, int64_t id,
		       json_t **meta, void **data, size_t *size);

/* ---- incomes ---- */

/* Records the person's income of month from source; a second record of
 * the same (month, source) replaces the amount (ON CONFLICT DO UPDATE). */
int store_income_upsert(struct db *db, int64_t person_id, const char *month,
			int64_t amount_cents, const char *source, int64_t by,
			const char *now, int64_t *id);
/* The person's incomes, newest month first. */
int store_person_incomes(struct db *db, int64_t person_id, json_t **out);
/* The sum of the person's incomes of `month` ('YYYY-MM'); *found 0 when
 * no row exists for that month. */
int store_income_month(struct db *db, int64_t person_id, const char *month,
		       int64_t *sum, int *found);

#endif
