/*
 * store_delivery.h - SQL for delivered services and the monthly billing
 * statement (see domain/delivery.h and domain/billing.h). Functions run on
 * the caller's connection, inside the caller's transaction, and know
 * nothing of rules or permissions. Dates are "YYYY-MM-DD" text.
 */
#ifndef PAGALBA_DB_STORE_DELIVERY_H
#define PAGALBA_DB_STORE_DELIVERY_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

/* A decision service with its decision's kind and its service's unit and
 * catalogue limit. Dates "" when NULL; limit_x100 0 when none. */
struct store_dservice {
	int64_t case_id;
	int64_t decision_id;
	int64_t service_id;
	int64_t amount_x100;
	int64_t limit_x100;
	char decision_kind[16];
	char period[8];
	char unit[8];
	char limit_period[8];
	char start_on[11], end_on[11], ended_on[11];
};
int store_delivery_dservice(struct db *db, int64_t ds_id,
			    struct store_dservice *out);

/* Locks the person's row until the transaction ends (a no-op update: on
 * PostgreSQL it takes the row lock, so that two writers of one person's
 * deliveries queue and each sees the other's rows in its limit sums;
 * SQLite runs one writer at a time anyway). The same SQL on both. */
int store_delivery_lock_person(struct db *db, int64_t person_id);

/* 0 and *active (0/1), or ERR_NOT_FOUND when there is no such staff. */
int store_delivery_staff_active(struct db *db, int64_t staff_id, int *active);

/* Sums of current rows (neither replaced nor voided), leaving out row
 * `exclude` (0 = none), dates inclusive: of one decision service, and of
 * one service to one person across the person's cases. */
int store_delivery_sum_dservice(struct db *db, int64_t ds_id, const char *from,
				const char *to, int64_t exclude, int64_t *sum);
int store_delivery_sum_person(struct db *db, int64_t person_id,
			      int64_t service_id, const char *from,
			      const char *to, int64_t exclude, int64_t *sum);

struct store_delivery_row {
	int64_t case_id;
	int64_t person_id;
	int64_t decision_service_id;
	int64_t service_id;
	const char *delivered_on;
	int64_t staff_id; /* 0 = NULL */
	int64_t units_x100;
	int over_limit;
	const char *note;
	const char *correction_reason;
	int64_t created_by;
	const char *created_at;
};
int store_delivery_insert(struct db *db, const struct store_delivery_row *r,
			  int64_t *id);

/* The row of delivery id for a correction: every field of r (strings
 * copied into buf), and whether it is current. */
int store_delivery_load(struct db *db, int64_t id,
			struct store_delivery_row *r, int *current,
			char *buf, size_t cap);

/* Marks current row id as replaced by `by` / voided. *changes 0 when it
 * was no longer current (a concurrent correction won). */
int store_delivery_mark_replaced(struct db *db, int64_t id, int64_t by,
				 int64_t *changes);
int store_delivery_mark_voided(struct db *db, int64_t id, const char *at,
			       const char *reason, int64_t *changes);

/* One row as a document (see store_delivery.c for the columns). */
int store_delivery_doc(struct db *db, int64_t id, json_t **out);
/* The rows of a case between two dates, in date and id order. */
int store_delivery_case_rows(struct db *db, int64_t case_id, const char *from,
			     const char *to, json_t **out);
/* The decision services of a case with their service (code, names,
 * unit) and decision (kind, decided_on), in id order. */
int store_delivery_case_dservices(struct db *db, int64_t case_id,
				  json_t **out);

/* ---- billing ---- */

/* A person's service lines of a month: per case and decision service with
 * current deliveries between from and to, the units and the frozen price,
 * with the service's code, names and unit; in case and id order. */
int store_billing_person_lines(struct db *db, int64_t person_id,
			       const char *from, const char *to, json_t **out);

/* The assigning decision of a case in force on `on` (the latest decided
 * on or before it): id, number, decided_on, payment_rule, payment_cents
 * (null if none), payment_result (text). ERR_NOT_FOUND if none. */
int store_billing_decision(struct db *db, int64_t case_id, const char *on,
			   json_t **out);

/* One group of the month's aggregate: a case's current units of one
 * decision service, the frozen price, and the payment of the case's
 * decision in force at the end of the month (has_payment 0 when there is
 * none). Strings are valid during the callback only. */
struct store_billing_group {
	int64_t person_id;
	int64_t case_id;
	int64_t units_x100;
	int64_t price_cents;
	int has_payment;
	int64_t payment_cents;
	const char *family_name;
	const char *given_names;
};

/*
 * Streams the month's billing groups in (person, case) order from ONE
 * aggregate query over the deliveries of [from, to] (index
 * deliveries_month), joined with each case's decision in force on `to`;
 * department_id 0 = every department. Calls fn for each group; a nonzero
 * return from fn stops and is returned.
 */
int store_billing_month_each(struct db *db, const char *from, const char *to,
			     int64_t department_id,
			     int (*fn)(void *arg, const struct store_billing_group *g),
			     void *arg);

#endif
