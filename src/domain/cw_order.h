/*
 * cw_order.h - the mayor's orders (potvarkiai) and the measures they
 * assign, extend, change or cancel: minimal care measures, coordinated
 * services and compulsory education (DOMAIN.md section 5); the measures'
 * executors, implementation plans (tasks), progress notes from
 * executors, evaluations, and the expiry worklist.
 *
 * An order is a legal document and is never edited: a later order
 * extends, changes or cancels what an earlier one assigned, and
 * cw_order_measures records what each order did to which measure.
 * Terms and ages are checked by cw_rules.c with the dated parameters in
 * force on the order's date (cw_order_params). Every write runs in one
 * transaction with its audit entries (the order, and the child as a
 * person whose record it concerns). Visibility is cw_scope.c's.
 *
 * Returned documents belong to the caller. Thread-safe given one
 * connection per thread.
 */
#ifndef PAGALBA_DOMAIN_CW_ORDER_H
#define PAGALBA_DOMAIN_CW_ORDER_H

#include "core/fielderr.h"
#include "domain/cw_record.h"
#include "domain/cw_scope.h"
#include "domain/params.h"

#include <jansson.h>
#include <stdint.h>

struct db;

#define CW_ORDER_MAX_MEASURES 8
#define CW_ORDER_MAX_REPRESENTATIVES 4
#define CW_ORDER_MAX_EXECUTORS 6
#define CW_NUMBER_MAX_CHARS 50

/* This area's dated parameters: the site's entries from the params
 * table (keys "cw." and "staffdev."), and the built-in defaults
 * (cw_params_defaults) for keys the site has no entry for. ERR_INVALID
 * if a stored entry is malformed or t overflows (ERR_TOO_LARGE). */
int cw_order_params(struct db *db, struct param_table *t);

/*
 * Records an order from body: number (required, unique:
 * ERR_CONFLICT "cw.order.number_taken"), order_date, kind, subject,
 * child_id (fully visible to the writer), special_educational_needs,
 * question_id, note, representative_ids, and measures:
 *   assign: [{type, date_from, date_to, executor_ids}]
 *   extend: [{measure_id, date_to}]
 *   change: [{measure_id, type, date_from, date_to, executor_ids}]
 *           (absent fields keep their value)
 *   cancel: [{measure_id}]
 * Field errors name "measures[i].field". *id on success.
 */
int cw_order_create(struct db *db, const struct cw_actor *a, const json_t *body,
		    struct field_errors *fe, int64_t *id);

/* An order with its child, representatives and what it did to which
 * measures, as the caller may see it. */
int cw_order_get(struct db *db, const struct cw_scope *s, int64_t id,
		 struct cw_disclosures *d, json_t **doc, char *reason, size_t cap);
/* Orders of a year (0 = all) the caller may see, newest first. */
int cw_order_list(struct db *db, const struct cw_scope *s, int year,
		  json_t **list);

/* A measure with its child, executors, plan, notes and orders. */
int cw_measure_get(struct db *db, const struct cw_scope *s, int64_t id,
		   struct cw_disclosures *d, json_t **doc, char *reason,
		   size_t cap);
/* Measures the caller may see; ending_days >= 0: only running ones
 * ending within that many days from today (the coordinator's expiry
 * worklist), soonest first. Children as references (d). */
int cw_measure_list(struct db *db, const struct cw_scope *s, int ending_days,
		    struct cw_disclosures *d, json_t **list);

/* Adds a plan task {task, institution_id, due_date} to measure id. */
int cw_measure_task_add(struct db *db, const struct cw_actor *a, int64_t id,
			const json_t *body, struct field_errors *fe,
			int64_t *task_id);
/* Adds a progress note {body}: staff, or a partner whose institution
 * executes the measure (ERR_FORBIDDEN for another partner who sees it). */
int cw_measure_note_add(struct db *db, const struct cw_actor *a, int64_t id,
			const json_t *body, struct field_errors *fe,
			int64_t *note_id);
/* Records the evaluation {result, reasons} of a measure whose term has
 * ended or that was cancelled ("cw.measure.not_ended"), at version
 * expected. reasons are required unless carried out. */
int cw_measure_evaluate(struct db *db, const struct cw_actor *a, int64_t id,
			int64_t expected, const json_t *body,
			struct field_errors *fe);

/* The configurable list of measure types, in order. */
int cw_measure_types(struct db *db, json_t **list);

#endif
