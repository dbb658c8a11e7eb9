/*
 * case_internal.h - the write frame shared by case.c and case_decision.c.
 * Not for other modules: they use case.h.
 *
 * A step runs:
 *   case_begin       write transaction, the case visible with the full
 *                    view, version `expected` bumped (row locked on
 *                    PostgreSQL), *row read again under the lock;
 *   case_transition  the state machine: ERR_CONFLICT with the field
 *                    error "status": "case.transition", or row->status
 *                    set to the new state; then the step's date checked
 *                    against the case's opening (case_date_from);
 *   (the step's own rows; row's dues changed as the step says)
 *   case_finish      the case row written, the case_events row, the
 *                    audit entries (case and person), commit.
 * On any error the caller rolls back (db_in_tx).
 */
#ifndef PAGALBA_DOMAIN_CASE_INTERNAL_H
#define PAGALBA_DOMAIN_CASE_INTERNAL_H

#include "domain/case.h"

struct store_case_row;
struct catalogue_service;

int case_begin(struct db *db, const struct case_actor *a, int64_t case_id,
	       int64_t expected, struct store_case_row *row);
int case_transition(struct store_case_row *row, enum case_step step,
		    enum case_status *from, enum case_status *to,
		    struct field_errors *fe);
/* A step's date (yyyymmdd) may not be before `since` ("YYYY-MM-DD", e.g.
 * the case's opening): field error `key` on `field`, ERR_INVALID. */
int case_date_from(int date, const char *since, const char *field,
		   const char *key, struct field_errors *fe);
/* from CASE__STATUS_COUNT: no previous state (the application). */
int case_finish(struct db *db, const struct case_actor *a,
		const struct store_case_row *row, enum case_step step,
		enum case_status from, int on_date, const char *reason,
		const char *action);
/* The parameters in force (catalogue_params_load) in a malloc'd table
 * the caller frees. */
int case_params(struct db *db, struct param_table **out);
/* The due date `key` after `from` (days; months when `months`), with a
 * parameter not in force on `from` reported as the field error `field`:
 * "case.params_missing" (ERR_INVALID). */
int case_due(const struct param_table *t, const char *key, int months, int from,
	     const char *field, struct field_errors *fe, int *due);
/* Writes date (yyyymmdd; 0 = none, "") into a row's date field. */
void case_date_set(char *out, int date);
void case_check_text(struct field_errors *fe, const char *field,
		     const char *s, size_t max, int required, int multiline);
/* The service, present and active, or a field error on `field`
 * ("case.service_unknown", "case.service_inactive"). */
int case_service_usable(struct db *db, int64_t id, const char *field,
			struct catalogue_service *svc, struct field_errors *fe);

#endif
