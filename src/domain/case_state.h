/*
 * case_state.h - the states of a case and the steps that move it
 * (DOMAIN.md section 4). One table decides which step is allowed from
 * which state and where it leads; every write of a case step asks it
 * first, so a transition from the wrong state is refused in one place
 * with one error (ERR_CONFLICT, message key "case.transition").
 *
 *   applied --assess--> assessed --decide_assign--> decided_assign
 *                                --decide_wait----> waiting --decide_assign--> decided_assign
 *                                --decide_refuse--> refused      (also from waiting)
 *   decided_assign --sign_contract--> active --suspend--> suspended --resume--> active
 *   active/suspended --review--> (same state)
 *   active/suspended --amend (a new assigning decision)--> (same state)
 *   any open state --terminate--> terminated
 *   refused/terminated --reopen--> applied
 *
 * Pure: no allocation, no state; thread-safe.
 */
#ifndef PAGALBA_DOMAIN_CASE_STATE_H
#define PAGALBA_DOMAIN_CASE_STATE_H

/* Stored as text (cases.status): see case_status_name. Never renumber. */
enum case_status {
	CASE_APPLIED = 0,
	CASE_ASSESSED,
	CASE_WAITING,
	CASE_DECIDED_ASSIGN,
	CASE_REFUSED,
	CASE_ACTIVE,
	CASE_SUSPENDED,
	CASE_TERMINATED,
	CASE__STATUS_COUNT
};

/* Stored as text (case_events.kind): see case_step_name. */
enum case_step {
	CASE_STEP_APPLY = 0,   /* creates the case */
	CASE_STEP_ASSESS,
	CASE_STEP_DECIDE_ASSIGN,
	CASE_STEP_DECIDE_WAIT,
	CASE_STEP_DECIDE_REFUSE,
	CASE_STEP_AMEND,       /* a new assigning decision on a running case */
	CASE_STEP_SIGN_CONTRACT,
	CASE_STEP_SUSPEND,
	CASE_STEP_RESUME,
	CASE_STEP_REVIEW,
	CASE_STEP_TERMINATE,
	CASE_STEP_REOPEN,
	CASE__STEP_COUNT
};

/*
 * The state after `step` from `from`: 0 and *to, or ERR_CONFLICT when the
 * step is not allowed from that state, ERR_INVALID for a value out of
 * range. CASE_STEP_APPLY is allowed only "from" CASE__STATUS_COUNT (no
 * case yet) and leads to CASE_APPLIED.
 */
int case_step_apply(enum case_status from, enum case_step step,
		    enum case_status *to);

/* 1 when deliveries may be recorded in this state (active, and
 * suspended for corrections of earlier dates is the caller's business:
 * only CASE_ACTIVE returns 1). */
int case_status_delivers(enum case_status s);
/* 1 for refused and terminated. */
int case_status_closed(enum case_status s);

/* Names for storage and the API ("applied", "decide_assign"...); NULL
 * out of range. Parsers return 0 or ERR_INVALID. */
const char *case_status_name(enum case_status s);
int case_status_parse(const char *s, enum case_status *out);
const char *case_step_name(enum case_step s);
int case_step_parse(const char *s, enum case_step *out);

#endif
