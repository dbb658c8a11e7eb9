/*
 * delivery.h - delivered services (DOMAIN.md section 4, item 7): what a
 * worker actually gave a person, in the service's unit, checked against
 * the decision that assigned it. SQL lives in db/store_delivery.c; who may
 * see or write a case is case_view_for's decision (domain/case.h): staff
 * of the case's department (the director sees all, writes none: the
 * route needs PERM_CASE_WRITE), partners read through a share.
 *
 * Quantities are int64 hundredths of the unit (1.5 hours = 150), as in the
 * schema's *_x100 columns; dates are ints yyyymmdd.
 *
 * The rules of a delivery (delivery_check and the writes below):
 *  - The case's status delivers (case_status_delivers: active). A
 *    correction or a cancellation of an earlier row is also allowed while
 *    the case is suspended or terminated: it fixes what was given while the
 *    case was active, and the date rules below still hold.
 *  - The decision service belongs to the case and to an assigning
 *    decision, and the date lies within it: start_on <= date, and date <=
 *    end_on and date <= ended_on where those are set. ended_on is the last
 *    day of a service stopped early, as the case steps write it: an
 *    amending decision ends the running services the day before the new
 *    ones start, a termination on its own date (domain/case.c), so the
 *    day itself still delivers and no day falls between two decisions.
 *  - The date is not in the future, units > 0 with at most 2 decimals,
 *    and the units of the person's service on that day stay plausible for
 *    the unit (delivery_unit_day_max_x100: at most 24 hours a day, one
 *    day or night a day...).
 *  - The decided amount (decision_services.amount_x100 per period: an
 *    ISO week Monday to Sunday, a calendar month, or the whole stay): a
 *    delivery that takes the period's sum above it is stored with
 *    over_limit = 1 and the answer says so. It is allowed because the
 *    worker records what happened; the head sees the flag.
 *  - The catalogue's hard limit (services.limit_x100 per limit_period:
 *    day, ISO week, calendar month, calendar year, or the stay) counts
 *    every current delivery of that service to the person, across cases;
 *    a delivery above it is refused ("delivery.catalogue_limit" on units).
 * Sums count current rows only (neither replaced nor voided); a
 * correction does not count the row it replaces.
 *
 * History: a correction inserts the corrected row and points the old one
 * at it (replaced_by); a cancellation sets voided_at and voided_reason.
 * Only the latest row of a chain (neither replaced nor voided) can be
 * corrected or voided (ERR_CONFLICT, "delivery.not_latest").
 *
 * Concurrency: every write locks the person's row first
 * (store_delivery_lock_person), so on PostgreSQL two writers of one
 * person's deliveries queue and the limit sums of the second count the
 * first's rows (SQLite runs one writer at a time). A correction re-checks
 * under the lock that its row is still the latest.
 *
 * Every write runs in one write transaction with its audit entry (entity
 * "case", the case id; actions "delivery.create", "delivery.correct",
 * "delivery.void"); a bulk entry is one transaction for the whole day and
 * writes nothing if any item is wrong. Thread-safe given one connection
 * per thread; returned documents belong to the caller.
 */
#ifndef PAGALBA_DOMAIN_DELIVERY_H
#define PAGALBA_DOMAIN_DELIVERY_H

#include "core/fielderr.h"
#include "domain/access.h"
#include "domain/audit.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

#define DELIVERY_NOTE_MAX_CHARS 1000
#define DELIVERY_REASON_MAX_CHARS 500
#define DELIVERY_BULK_MAX 200
/* Largest quantity of one row: 10 000 units. */
#define DELIVERY_UNITS_MAX_X100 INT64_C(1000000)

/* ---- pure rules (unit-tested in tests/unit/test_delivery.c) ---- */

/* Parses a decimal quantity with at most two decimals ("1", "1.5",
 * "12.25") into hundredths. ERR_INVALID for anything else (signs,
 * exponents, three decimals, empty) or a value above
 * DELIVERY_UNITS_MAX_X100. 0 parses (the caller refuses it). */
int delivery_units_parse(const char *s, int64_t *x100);
/* The same for a JSON number: an integer, or a real that is a whole
 * number of hundredths (1.15 is accepted although binary doubles cannot
 * hold it exactly; 1.155 is refused). */
int delivery_units_from_double(double v, int64_t *x100);
/* Writes "12.50" (cap >= 24). */
void delivery_units_format(int64_t x100, char *out, size_t cap);

/* The most of `unit` ("hour", "visit", "day", "night", "meal", "kit",
 * "month", "case") one person can plausibly get of one service in one
 * day, in hundredths; 0 for an unknown unit. */
int64_t delivery_unit_day_max_x100(const char *unit);

/* The period containing date: "day", "week" (ISO, Monday to Sunday),
 * "month", "year". *from and *to inclusive. ERR_INVALID for another
 * period or an invalid date. ("stay" has no calendar bounds: the caller
 * uses the decision service's own dates.) */
int delivery_period_bounds(const char *period, int date, int *from, int *to);

/* The first and last day of month "YYYY-MM". ERR_INVALID otherwise. */
int delivery_month_parse(const char *s, int *first, int *last);

/* What a decision service allows, as the rules above need it. */
struct delivery_terms {
	int64_t case_id;       /* the decision service's case */
	int decision_assigns;  /* its decision is an assigning one */
	int start_on, end_on, ended_on; /* yyyymmdd; 0 = open */
	int64_t amount_x100;   /* decided amount per period */
	const char *period;    /* "week", "month", "stay" */
	const char *unit;      /* the service's unit */
	int64_t limit_x100;    /* catalogue limit; 0 = none */
	const char *limit_period; /* "day", "week", "month", "year", "stay" */
};

/* 1 if date lies within the decision service's dates, else 0. */
int delivery_date_within(const struct delivery_terms *t, int date);

/* The sums the limit rules compare, each including the new quantity. */
struct delivery_sums {
	int64_t day_x100;     /* the person's service on that day */
	int64_t period_x100;  /* the decision service in its decided period */
	int64_t limit_x100;   /* the person's service in the catalogue period */
};

/* Applies the quantity rules: field errors on "units" ("range",
 * "delivery.units_per_day", "delivery.catalogue_limit"); *over_limit 1
 * when the decided amount is exceeded. Returns 0 or ERR_INVALID. */
int delivery_check_quantity(const struct delivery_terms *t, int64_t units_x100,
			    const struct delivery_sums *s,
			    struct field_errors *fe, int *over_limit);

/* ---- writes ---- */

struct delivery_actor {
	const struct principal *p;
	const struct audit_entry *who; /* user and address; action set here */
	const unsigned char *audit_key;
};

/* One delivery to record. Strings are borrowed for the call. */
struct delivery_input {
	int64_t case_id;
	int64_t decision_service_id;
	int delivered_on;       /* yyyymmdd */
	int64_t staff_id;       /* 0 = none given */
	int64_t units_x100;
	const char *note;       /* NULL = none */
};

/* What a recorded row looks like to its writer. */
struct delivery_outcome {
	int64_t id;
	int over_limit;
};

/*
 * Records one delivery after the rules above, with today's date `today`
 * (the future limit). Returns 0 and *out; ERR_NOT_FOUND when the case
 * does not exist or the caller may not write it; ERR_CONFLICT with the
 * key *conflict_key ("delivery.case_status") when the case is not
 * active; ERR_INVALID with field errors. Nothing is written on error.
 */
int delivery_create(struct db *db, const struct delivery_actor *a,
		    const struct delivery_input *in, int today,
		    struct field_errors *fe, const char **conflict_key,
		    struct delivery_outcome *out);

/* One item of a bulk entry; fe and out are the item's own. */
struct delivery_item {
	struct delivery_input in;
	struct field_errors fe;
	struct delivery_outcome out;
};

/*
 * Records a worker's day: every item with the same date and staff
 * member, in one transaction, each checked as delivery_create does with
 * the items before it counted in the sums. All or nothing: ERR_INVALID
 * when any item is wrong (each item's fe says why; a case that is not
 * active or not visible is an error on "case_id"), and then nothing is
 * written. One audit entry per case touched.
 */
int delivery_create_bulk(struct db *db, const struct delivery_actor *a,
			 struct delivery_item *items, size_t n, int today,
			 struct field_errors *fe);

struct delivery_correction {
	int64_t units_x100;
	int delivered_on;       /* 0 = keep the old date */
	int note_set;           /* 0 = keep the old note */
	const char *note;
	const char *reason;     /* required */
};

/*
 * Replaces delivery id by a corrected row (same case, decision service,
 * staff member). ERR_NOT_FOUND (invisible or absent), ERR_CONFLICT with
 * *conflict_key "delivery.not_latest" (already replaced or voided) or
 * "delivery.case_status" (case not active, suspended or terminated),
 * ERR_INVALID with field errors. *out is the new row.
 */
int delivery_correct(struct db *db, const struct delivery_actor *a,
		     int64_t id, const struct delivery_correction *in,
		     int today, struct field_errors *fe,
		     const char **conflict_key, struct delivery_outcome *out);

/* Voids delivery id with a reason; errors as delivery_correct. */
int delivery_void(struct db *db, const struct delivery_actor *a, int64_t id,
		  const char *reason, struct field_errors *fe,
		  const char **conflict_key);

/* ---- reads ---- */

/* One delivery row as the API shows it (status "current", "replaced" or
 * "voided"), if the caller may see its case; ERR_NOT_FOUND otherwise. */
int delivery_get(struct db *db, const struct principal *p, int64_t id,
		 json_t **doc, int64_t *case_id);

/*
 * The deliveries of case_id in the month [first, last]: every row, with
 * corrections and cancellations marked, in date order, and per decision
 * service of the case the month's current units against the decided
 * amount (per ISO week for weekly amounts: weeks that overlap the month,
 * counted whole). ERR_NOT_FOUND when the caller may not see the case.
 * *reason is set for partner reads (the share's purpose and basis).
 */
int delivery_case_month(struct db *db, const struct principal *p,
			int64_t case_id, int first, int last, json_t **doc,
			char *reason, size_t reason_cap);

#endif
