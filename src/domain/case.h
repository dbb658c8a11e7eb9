/*
 * case.h - case work (DOMAIN.md section 4): a case from the application
 * through the need assessment, the decision with its frozen payment, the
 * contract, reviews, suspension, resumption, termination and reopening;
 * the waiting lists; case documents; persons' monthly incomes.
 *
 * States and steps are domain/case_state.h's: every step asks
 * case_step_apply first, so a step from the wrong state is refused in one
 * place (ERR_CONFLICT with the field error "status": "case.transition")
 * and changes nothing.
 *
 * Concurrency: a case has a version. Every step takes the version the
 * caller last saw (If-Match) and bumps it at once in its write
 * transaction (on PostgreSQL that locks the row, so two steps on one case
 * queue); a stale version is ERR_PRECONDITION. Each step appends a
 * case_events row (the case's own history: kind, from, to, date, reason,
 * who) and its audit entries (entity "case" and entity "person", so the
 * person's trail shows it) in the same transaction.
 *
 * Dated rules read their figures from the parameters in force on the
 * step's date (catalogue_params_load: the defaults of domain/params.c and
 * the site's own dated entries): the decision deadline
 * (decision.deadline_days after the application), the contract deadline
 * (contract.deadline_days after the decision), the review date
 * (case.review_months after the contract), and every figure of the
 * payment.
 *
 * Returned documents belong to the caller (json_decref). Field errors go
 * to *fe with message keys of api/api_messages.c. Thread-safe given one
 * connection per thread.
 */
#ifndef PAGALBA_DOMAIN_CASE_H
#define PAGALBA_DOMAIN_CASE_H

#include "core/fielderr.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/case_state.h"
#include "domain/params.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

#define CASE_TEXT_MAX_CHARS 2000     /* notes, reasons */
#define CASE_FINDINGS_MAX_CHARS 20000
#define CASE_NAME_MAX_CHARS 200      /* applicant name and relation */
#define CASE_NUMBER_MAX_CHARS 60     /* decision and contract numbers */
#define CASE_SERVICES_MAX 20         /* services in one application or decision */
#define CASE_INCOME_SOURCE_MAX_CHARS 60
#define CASE_DOCUMENT_MAX_BYTES (1024 * 1024)
#define CASE_FILENAME_MAX_CHARS 200

/* Who writes: the caller, its audit template (who/where; the action and
 * entity are set here) and the audit chain's key. */
struct case_actor {
	const struct principal *p;
	const struct audit_entry *who;
	const unsigned char *audit_key;
};

/*
 * What the caller may see of one case, and the case's scope and state.
 * This is the one place that decides whether a principal may see a case:
 *  - the director: every case;
 *  - a head or a social worker: the cases of their own department (the
 *    case's department_id, not the person's links: a person may have
 *    cases in several departments, each seen by its own department);
 *  - a partner-institution user: the cases of a person shared with their
 *    institution with the "cases" part, while the share is in force (read
 *    on every call, so a revocation applies at once); full = 0 and reason
 *    holds the share's purpose and legal basis for the audit entry;
 *  - anyone else, or a missing case: ERR_NOT_FOUND (never ERR_FORBIDDEN,
 *    so case ids do not leak).
 * Every read and every write of a case goes through it.
 */
struct case_view {
	int64_t person_id;
	int64_t department_id;
	int64_t worker_user_id; /* 0 = none */
	enum case_status status;
	int64_t version;
	int full;               /* staff scope (writes need it too) */
	char reason[160];       /* partner scope: purpose; legal basis */
};

int case_view_for(struct db *db, const struct principal *p, int64_t case_id,
		  struct case_view *v);

/* ---- pure rules (unit-tested in tests/unit/test_case.c) ---- */

/* The application channels: in_person, post, email, spis, phone,
 * referral. */
int case_channel_valid(const char *s);
/* Dependency levels of a need assessment: none, low, moderate, high,
 * very_high. They follow the idea of levels of the social-care need
 * methodology (order A1-428 of 2024); a fixed list for now, to be made
 * configurable with the methodology's own scale. */
int case_dependency_level_valid(const char *s);
/* Decision kinds (assign, refuse, waiting_list) and decided periods
 * (week, month, stay). */
int case_decision_kind_valid(const char *s);
int case_period_valid(const char *s);

/* date + n months (yyyymmdd), the day clamped to the month's last day
 * (31 January + 1 month = 28 or 29 February). */
int case_add_months(int date, int months);
/* The due date `days` after `from`, days read from t in force on from
 * (key e.g. PARAM_DECISION_DEADLINE). ERR_NOT_FOUND when no value is in
 * force then; ERR_INVALID for a bad date or a negative or absurd value
 * (more than 3660 days). */
int case_due_after(const struct param_table *t, const char *key, int from,
		   int *due);
/* The same for a parameter in months (PARAM_CASE_REVIEW_MONTHS), with
 * case_add_months; at most 120 months. */
int case_due_months_after(const struct param_table *t, const char *key,
			  int from, int *due);

/* The 3 calendar months before the month of `date`, oldest first, as
 * yyyymm: 2025-03-15 -> 202412, 202501, 202502. */
void case_income_months(int date, int months[3]);
/* "YYYY-MM" <-> yyyymm. parse: 0 or ERR_INVALID (month 01..12, year
 * 1900..9999). format writes 8 bytes including the NUL. */
int case_month_parse(const char *s, int *yyyymm);
void case_month_format(int yyyymm, char out[8]);

/*
 * The monthly cost (cents) of amount_x100 units per period at
 * price_cents a unit:
 *   month: amount x price;
 *   week:  amount x price x 52 / 12 (a year's weeks spread over its
 *          months; 10 hours a week at 10.00 EUR = 433.33 EUR a month);
 *   stay:  amount x price (a stay is counted as one month's cost: the
 *          services decided per stay, overnight stays, last at most days).
 * One rounding at the end, half up to the cent. ERR_INVALID for an
 * unknown period or negative figures, ERR_TOO_LARGE beyond
 * PAYMENT_MONEY_MAX.
 */
int case_monthly_cost(int64_t amount_x100, const char *period,
		      int64_t price_cents, int64_t *cost);

/*
 * Whether amount_x100 units per period keep within the catalogue's limit
 * of limit_x100 units per limit_period (limit_x100 0 = no limit: 1).
 * Periods are compared by converting the decided amount to the limit's
 * period, never rounding in its favour: week -> month x 52/12, month ->
 * week x 12/52, day limits x 7 a week and x 31 a month, year limits x 52
 * weeks or x 12 months; a "stay" limit bounds any decided amount as is,
 * and a decided "stay" is compared like a month. 1 within, 0 over.
 */
int case_amount_within_limit(int64_t amount_x100, const char *period,
			     int64_t limit_x100, const char *limit_period);

/* ---- the application: creating a case ---- */

struct case_application_input {
	int64_t person_id;
	int64_t department_id;
	int64_t worker_user_id;      /* 0 = the caller if a social worker of
					the department, else none */
	int received_on;             /* yyyymmdd */
	const char *channel;
	/* The applicant: nobody named (the person themself), or another
	 * registered person, or a name with the relation to the person. */
	int64_t applicant_person_id;
	const char *applicant_name;
	const char *applicant_relation;
	const char *notes;
	const int64_t *service_ids;
	size_t n_services;
};

/* The rules that need no database. today: yyyymmdd. Pure. */
int case_application_validate(const struct case_application_input *in,
			      int today, struct field_errors *fe);

/*
 * Creates the case (status applied) for a person fully visible to the
 * caller, in an active department, with the requested services (each
 * existing and active), decision_due = received_on + the decision
 * deadline; links the person to the department (so its workers see
 * them); records the "apply" event and the audit entries. *id is the new
 * case's id.
 */
int case_create(struct db *db, const struct case_actor *a,
		const struct case_application_input *in,
		struct field_errors *fe, int64_t *id);

/* ---- reads ---- */

/*
 * The case page: the case with its person summary (names and birth
 * date, never the personal code), department, worker, applications with
 * the requested services, assessments, decisions (with the frozen
 * payment input and result as documents), decision services, contracts,
 * events, waiting-list entries and the document list (no data). Only
 * index lookups by case id: never a scan of deliveries. *view says how
 * it was seen (the audit reason for partners).
 */
int case_get(struct db *db, const struct principal *p, int64_t id,
	     json_t **doc, struct case_view *view);

struct case_list_filter {
	int64_t person_id;      /* 0 = any */
	int64_t department_id;  /* 0 = any (within the caller's scope) */
	const char *status;     /* NULL = any; else a case_status name */
	int64_t before;         /* keyset: ids below, 0 = from the newest */
	int limit;              /* rows to fetch */
};
/* Cases within the caller's scope, newest first. A partner must name a
 * person_id shared with the "cases" part (else an empty list). *reason
 * is the partner's audit reason ("" for staff). */
int case_list(struct db *db, const struct principal *p,
	      const struct case_list_filter *f, json_t **list, char *reason,
	      size_t reason_cap);

/* ---- steps (each takes the case version the caller saw) ---- */

struct case_assessment_input {
	int64_t assessor_user_id; /* 0 = the caller */
	int assessed_on;
	const char *dependency_level;
	const char *findings;
};
int case_assess(struct db *db, const struct case_actor *a, int64_t case_id,
		int64_t expected, const struct case_assessment_input *in,
		struct field_errors *fe, int64_t *version);

/* One service of an assigning decision. */
struct case_decided_service {
	int64_t service_id;
	int64_t amount_x100;
	const char *period;       /* week, month, stay */
	int64_t visits_per_week;  /* 0 = not said */
	int start_on;
	int end_on;               /* 0 = open */
};

/* Income given with the decision instead of the person's records. */
struct case_income_override {
	int given;
	int64_t incomes[3];       /* cents, the 3 months */
	int family_members;       /* 1.. */
	int64_t asset_value_cents;
	int64_t target_compensation_cents;
};

struct case_decision_input {
	const char *kind;         /* assign, refuse, waiting_list */
	int amend;                /* a new assigning decision on a running case */
	const char *number;
	int decided_on;
	const char *reason;       /* required for refuse */
	struct case_decided_service services[CASE_SERVICES_MAX];
	size_t n_services;
	struct case_income_override income;
};

/* The field of services[i] a field error names ("services[2].amount");
 * static strings ("services" beyond CASE_SERVICES_MAX). */
enum case_service_field {
	CASE_SF_SERVICE = 0, /* service_id */
	CASE_SF_AMOUNT,
	CASE_SF_PERIOD,
	CASE_SF_VISITS,
	CASE_SF_START,
	CASE_SF_END,
	CASE_SF__COUNT
};
const char *case_service_field(size_t i, enum case_service_field which);

/* The rules that need no database. Pure. */
int case_decision_validate(const struct case_decision_input *in,
			   struct field_errors *fe);

/*
 * Records a decision. assign: every service within its catalogue limit
 * ("case.over_limit" on services[i].amount), the unit price in force on
 * decided_on frozen, the payment computed per service (payment_compute
 * with the service's rule and its monthly cost) and summed, the input and
 * the result with its explanation frozen as JSON; income from the 3
 * calendar months before the decision's month (person_incomes) unless
 * given in the input; a month missing for a rule that needs income is
 * the field error "income" ("case.income_missing") and nothing is
 * written. Sets contract_due. From waiting, the case's waiting entries
 * become "assigned". amend: on an active or suspended case, the running
 * decision services end the day before the new start. waiting_list: each
 * requested service goes on its waiting list from decided_on. refuse:
 * with a reason. *decision_id is the new decision.
 */
int case_decide(struct db *db, const struct case_actor *a, int64_t case_id,
		int64_t expected, const struct case_decision_input *in,
		struct field_errors *fe, int64_t *decision_id,
		int64_t *version);

struct case_contract_input {
	const char *number;
	int signed_on;
};
/* Signs the contract of the newest assigning decision, with its frozen
 * payment: the case becomes active, contract_due is cleared, review_due
 * = signed_on + case.review_months. */
int case_sign_contract(struct db *db, const struct case_actor *a,
		       int64_t case_id, int64_t expected,
		       const struct case_contract_input *in,
		       struct field_errors *fe, int64_t *contract_id,
		       int64_t *version);

struct case_event_input {
	const char *kind;   /* review, suspend, resume, terminate, reopen */
	int on_date;
	const char *reason; /* required for suspend and terminate */
	int next_review;    /* review: the next review date (0 = + the
			       case.review_months parameter) */
};
int case_event_validate(const struct case_event_input *in,
			struct field_errors *fe);
/* Review (review_due moves on), suspend, resume, terminate (the decision
 * services end on on_date, waiting entries are removed, closed_on set),
 * reopen (back to applied, closed_on cleared, a new decision deadline
 * from on_date). */
int case_event(struct db *db, const struct case_actor *a, int64_t case_id,
	       int64_t expected, const struct case_event_input *in,
	       struct field_errors *fe, int64_t *version);

/* ---- waiting lists ---- */

/* Entries waiting for service_id (0 = all services), with positions per
 * service (1, 2, ... by since, id over every department), keeping the
 * rows of the caller's scope: the director all, heads and workers their
 * department's cases; others none. */
int case_waiting_list(struct db *db, const struct principal *p,
		      int64_t service_id, json_t **list);

/* ---- documents ---- */

/* The content type of data by its magic bytes, or NULL when it is none
 * of: application/pdf, image/jpeg, image/png,
 * application/vnd.oasis.opendocument.text (odt),
 * application/vnd.openxmlformats-officedocument.wordprocessingml.document
 * (docx), text/plain (valid UTF-8 without NUL or other control bytes but
 * tab, CR, LF). Pure. */
const char *case_document_type(const void *data, size_t n);

struct case_document_input {
	const char *kind;     /* application, contract, assessment, other */
	const char *filename;
	const void *data;
	size_t size;
};
int case_document_add(struct db *db, const struct case_actor *a,
		      int64_t case_id, const struct case_document_input *in,
		      struct field_errors *fe, json_t **doc);
/* The document's data (malloc'd, caller frees) and metadata. */
int case_document_get(struct db *db, const struct principal *p,
		      int64_t case_id, int64_t doc_id, json_t **meta,
		      void **data, size_t *size, struct case_view *view);

/* ---- incomes ---- */

struct income_input {
	int month;            /* yyyymm */
	int64_t amount_cents;
	const char *source;   /* e.g. "sodra", "declaration" */
};
/* Records (or replaces, for the same month and source) a month's income
 * of a person fully visible to the caller. Past decisions keep the
 * figures they froze. */
int person_income_add(struct db *db, const struct case_actor *a,
		      int64_t person_id, const struct income_input *in,
		      struct field_errors *fe, json_t **list);
/* The person's incomes, newest month first: staff with the full view,
 * partners with the "cases" part (reason set). */
int person_incomes_list(struct db *db, const struct principal *p,
			int64_t person_id, json_t **list, char *reason,
			size_t reason_cap);

#endif
