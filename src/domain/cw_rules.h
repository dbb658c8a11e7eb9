/*
 * cw_rules.h - the pure rules of child welfare work (DOMAIN.md section 5):
 * the kinds and subjects of the mayor's orders, a measure's term and the
 * child's age limits, the dated parameters of these rules, the
 * evaluation results, the counting behind the Commission's annual report
 * and its Lithuanian wording, and staff-development hours against the
 * yearly norm.
 *
 * No database, no allocation: every function is pure and thread-safe.
 * Dates are yyyymmdd ints. Unit-tested in tests/unit/test_cw_rules.c.
 */
#ifndef PAGALBA_DOMAIN_CW_RULES_H
#define PAGALBA_DOMAIN_CW_RULES_H

#include "core/fielderr.h"
#include "domain/params.h"

#include <stddef.h>
#include <stdint.h>

/* Dated parameters (domain/params.h) of this area, with their defaults in
 * cw_rules.c (cw_params_defaults). */
#define PARAM_CW_MEASURE_MAX_MONTHS "cw.measure_max_months"   /* months */
#define PARAM_CW_AGE_LIMIT "cw.age_limit_years"               /* years */
#define PARAM_CW_AGE_LIMIT_SEN "cw.age_limit_sen_years"       /* years */
#define PARAM_STAFFDEV_NORM "staffdev.yearly_hours_norm_x100" /* hours x100 */

/* Adds this area's defaults to t (after param_table_defaults). Returns 0
 * or a param_table_add error. Not thread-safe for the same table. */
int cw_params_defaults(struct param_table *t);

enum cw_order_kind {
	CW_KIND_ASSIGN = 0,
	CW_KIND_EXTEND,
	CW_KIND_CHANGE,
	CW_KIND_CANCEL,
	CW_KIND__COUNT
};

enum cw_subject {
	CW_SUBJECT_MINIMAL_CARE = 0,
	CW_SUBJECT_COORDINATED,
	CW_SUBJECT_EDUCATION,
	CW_SUBJECT__COUNT
};

enum cw_evaluation {
	CW_EVAL_CARRIED_OUT = 0,
	CW_EVAL_PARTLY,
	CW_EVAL_NOT,
	CW_EVAL__COUNT
};

/* Names as stored and sent ("assign", "minimal_care", "carried_out");
 * parse returns -1 for an unknown or NULL name. */
const char *cw_kind_name(enum cw_order_kind k);
int cw_kind_parse(const char *s);
const char *cw_subject_name(enum cw_subject s);
int cw_subject_parse(const char *s);
const char *cw_evaluation_name(enum cw_evaluation e);
int cw_evaluation_parse(const char *s);

/* yyyymmdd plus months, the day clamped to the month's last day
 * (2025-01-31 + 1 month = 2025-02-28). 0 for an invalid date. */
int cw_date_add_months(int date, int months);

/* The last day a measure of subject s may run for a child born on birth:
 * the day before the birthday of age_limit years, or of age_limit_sen
 * years for coordinated services to a child with special educational
 * needs. 0 if birth is not a valid date. */
int cw_measure_last_day(int birth, enum cw_subject s, int sen, int age_limit,
			int age_limit_sen);

/* The last day of a term starting on from that is at most max_months
 * long (from + max_months - 1 day). */
int cw_term_last_day(int from, int max_months);

/* The limits a term is checked against. */
struct cw_term_limits {
	int birth;          /* the child's birth date; 0 = unknown */
	enum cw_subject subject;
	int sen;            /* special educational needs */
	int max_months;
	int age_limit;
	int age_limit_sen;
};

/*
 * Checks a measure term [from, to] (both inclusive). Field errors under
 * the names given: from_field "required"; to_field "required",
 * "date.order" (to before from), "cw.term.too_long" (longer than
 * max_months), "cw.term.age" (past the child's age limit; also when from
 * is); child_field "cw.child.birth_date" when the birth date is unknown,
 * so the age cannot be checked. Returns 0 or ERR_INVALID.
 */
int cw_term_check(int from, int to, const struct cw_term_limits *lim,
		  const char *from_field, const char *to_field,
		  const char *child_field, struct field_errors *fe);

/* ---- the Commission's annual report ---- */

struct cw_report_counts {
	int64_t meetings;
	int64_t questions;
	int64_t orders[CW_KIND__COUNT][CW_SUBJECT__COUNT];
	int64_t orders_total;
	int64_t evaluations[CW_EVAL__COUNT];
	int64_t measures_running; /* at the end of the year */
	int64_t measures_ended;   /* ended during the year */
};

/* Counts one order of kind k on subject s; unknown values are ignored
 * (returns ERR_INVALID). */
int cw_report_add_order(struct cw_report_counts *c, int kind, int subject);
/* Counts one measure's evaluation; -1 (none yet) is not counted. */
int cw_report_add_evaluation(struct cw_report_counts *c, int evaluation);

/* Lithuanian plural form of n: 0 for 1, 21, 31... (posėdis), 1 for 2-9,
 * 22-29... (posėdžiai), 2 for 0, 10-20, 30... (posėdžių). */
int cw_lt_plural(int64_t n);

/*
 * The report's summary sentence in Lithuanian (lang 0) or English (1):
 * "8 posėdžiai, 12 klausimų, 5 potvarkiai dėl minimalios priežiūros
 * priemonių skyrimo, ..." listing the non-zero order counts by kind and
 * subject. Writes at most cap bytes (always NUL-terminated); returns the
 * length, or ERR_TOO_LARGE when it did not fit.
 */
int cw_report_summary(const struct cw_report_counts *c, int lang, char *out,
		      size_t cap);

/* ---- staff development ---- */

/* 1 if a worker with hours_x100 in a year falls short of norm_x100. */
int cw_staffdev_short(int64_t hours_x100, int64_t norm_x100);

/* Hours as given by a client (a JSON number: 1.5) to hundredths:
 * 0 and *out, ERR_INVALID for a non-finite, negative, zero or absurd
 * (> 1000 h) value or more than two decimals. */
int cw_hours_x100(double hours, int64_t *out);

#endif
