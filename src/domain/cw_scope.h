/*
 * cw_scope.h - who sees what of child welfare work. This is the one
 * place that decides it; every read in cw_record.c, cw_order.c and
 * cw_report.c asks here.
 *
 * The route permissions (PERM_CW_*, domain/access.c) say who may call a
 * route at all. Below that, records are scoped from data, not from new
 * user roles:
 *
 *  - Staff of the centre with PERM_CW_READ (director, head, social
 *    worker) see every meeting, order and measure. So does a partner
 *    user (the municipal administration's employee) who holds the
 *    interagency coordinator function today (a cw_functions row): the
 *    coordinator organises this work and keeps its worklist. Routes
 *    still decide what they may write (a partner writes nothing but
 *    progress notes), and persons' details still come only through
 *    person_view_for, as below.
 *  - A partner user who is a Commission member today (a
 *    commission_members row with their user id) sees every Commission
 *    meeting and its agenda; a partner whose institution takes part in a
 *    meeting sees that meeting. They see a meeting's follow-ups for their
 *    own institution, never the minutes.
 *  - A partner sees a measure (and its order) when their institution
 *    executes it, or when the child's case work is shared with their
 *    institution (a share with the "cases" part); an executor without
 *    such a share sees only its own measures of an order.
 *  - Persons' details (names, birth date) appear in these documents only
 *    as person_view_for allows: through the department for staff and
 *    through an active share with the identity part for partners. The
 *    details of a question about a child (description, proposal,
 *    decision) need the "cases" part too; without it a question keeps
 *    only its title and ordinal; family questions keep only their title
 *    for partners.
 *    Shares are read on every request, so a revoked share hides the
 *    child at once.
 *
 * Every disclosed person is returned to the caller in struct
 * cw_disclosures so the API audits it with the share's purpose and legal
 * basis as the reason; once the list is full, further persons appear
 * only as ids (no details without an audit record). In a list read
 * (cw_disclosures.list) staff's full views are covered by the list's
 * own audit entry, as in the registry's lists.
 *
 * Thread-safe given one connection per thread.
 */
#ifndef PAGALBA_DOMAIN_CW_SCOPE_H
#define PAGALBA_DOMAIN_CW_SCOPE_H

#include "domain/access.h"

#include <jansson.h>
#include <stdint.h>

struct db;

#define CW_REASON_MAX 160
/* Persons disclosed (named) per response, each audited as a read; more
 * are shown by id only. */
#define CW_DISCLOSE_MAX 256

struct cw_disclosures {
	/* A list read (informational: every person named is audited one
	 * by one, as in the registry's lists). */
	int list;
	int n;
	struct {
		int64_t person_id;
		char reason[CW_REASON_MAX]; /* "" for staff */
	} e[CW_DISCLOSE_MAX];
};

struct cw_scope {
	const struct principal *p;
	int all;                /* sees every record: staff or the coordinator */
	int coordinator;        /* holds the interagency coordinator function today */
	int member;             /* a Commission member today */
	int64_t institution_id; /* the partner's institution; 0 for staff */
	const char *all_reason; /* audit reason of reads through `all` */
};

/* Decides the caller's scope. ERR_FORBIDDEN for a role without any. */
int cw_scope_for(struct db *db, const struct principal *p, struct cw_scope *s);

/* Whether the caller may see meeting m (a row of cw_meetings): 0, or
 * ERR_NOT_FOUND. reason: why a partner sees it ("" for staff). */
int cw_scope_meeting(struct db *db, const struct cw_scope *s, const json_t *m,
		     char *reason, size_t cap);

/* Whether the caller may see measure m (a row of cw_measures): 0, or
 * ERR_NOT_FOUND. *executor is 1 when the caller's institution executes
 * it (partners may then add progress notes). */
int cw_scope_measure(struct db *db, const struct cw_scope *s, const json_t *m,
		     int *executor, char *reason, size_t cap);

/* Whether the caller may see an order of child_id, with these measures
 * (rows of store_cw_order_measures): all of them when the child's case
 * work is visible (staff, or a share with the "cases" part); else only
 * the measures the caller's institution executes, which are left in the
 * array (ERR_NOT_FOUND when none). */
int cw_scope_order(struct db *db, const struct cw_scope *s, int64_t child_id,
		   json_t *measures, char *reason, size_t cap);

/* A reference to person id as the caller may see it: {"id", "given_names",
 * "family_name", "birth_date"} when the identity is visible (and the
 * disclosure recorded in d), {"id"} when only the record is, or when d is
 * full; {"hidden": true} otherwise. *cases (may be NULL): 1 when the
 * person's case work is visible too (staff, or the "cases" part).
 * The caller owns *ref. */
int cw_scope_person(struct db *db, const struct cw_scope *s, int64_t id,
		    struct cw_disclosures *d, json_t **ref, int *cases);

/* Trims a question (a row of cw_questions, changed in place) to what the
 * caller may see and replaces child_id by a "child" reference. */
int cw_scope_question(struct db *db, const struct cw_scope *s, json_t *q,
		      struct cw_disclosures *d);

#endif
