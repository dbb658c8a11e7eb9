/*
 * cw_record.h - the records of child welfare work that are written from
 * a form: Commission members and plan items, the interagency
 * coordinator function (who holds it, when), meetings (the Commission's
 * and other inter-institutional ones) with participants, agenda
 * questions and follow-ups, and staff-development events. Orders and
 * measures, which carry the legal rules, are in cw_order.h.
 *
 * Each kind is described by a table of fields (type, required, editable,
 * length, allowed values, referenced table); one checker walks it and
 * the rules between fields follow per kind. A create takes the body's
 * fields; an update takes only editable fields and is checked as the
 * whole record it will become, at the version the caller saw
 * (ERR_PRECONDITION otherwise), keeping the old row in record_history.
 * Every write runs in one transaction with its audit entry. Field errors
 * name the field and a message key (api/api_messages.c).
 *
 * Returned documents belong to the caller. Thread-safe given one
 * connection per thread.
 */
#ifndef PAGALBA_DOMAIN_CW_RECORD_H
#define PAGALBA_DOMAIN_CW_RECORD_H

#include "core/fielderr.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/cw_scope.h"

#include <jansson.h>
#include <stdint.h>

struct db;

#define CW_TEXT_MAX_CHARS 500
#define CW_LONG_TEXT_MAX_CHARS 20000
#define CW_MAX_PARTICIPANTS 40

/* The kinds written here (same values as enum store_cw_kind). */
enum cw_kind {
	CW_MEMBER = 0,
	CW_MEETING,
	CW_QUESTION,
	CW_FOLLOWUP,
	CW_STAFFDEV = 9,
	CW_PLAN_ITEM = 10,
	CW_FUNCTION = 11,
};

/* Who writes: the principal, the audit template and the chain's key. */
struct cw_actor {
	const struct principal *p;
	const struct audit_entry *who;
	const unsigned char *audit_key;
};

/* Appends the audit entry of a write (action on entity id) inside the
 * caller's transaction, and with person_id a second one on that person
 * (with reason), whose record the write concerns. */
int cw_audit(struct db *db, const struct cw_actor *a, const char *action,
	     const char *entity, int64_t id, int64_t person_id, const char *reason);

/* The audit entity name of a kind ("cw_meeting", ...). */
const char *cw_entity(enum cw_kind k);

/*
 * Checks body against the fields of kind k (pure): unknown fields
 * ("unknown_field"), or on update fields that cannot change; types,
 * required fields, texts, dates, enumerations; and the rules between
 * fields (a question about a child names the child; a period's end is
 * not before its start). Returns 0 or ERR_INVALID with fe.
 */
int cw_record_check(enum cw_kind k, const json_t *body, int creating,
		    struct field_errors *fe);

/*
 * Creates a record of kind k from body. parent_id: the meeting of a
 * question or follow-up, 0 otherwise. Meetings take "participants"
 * [{institution_id, member_id, name, present}] and staff events
 * "participants" [{staff_id, hours, certificate}] in the same
 * transaction. References must exist ("<table>.not_found" keys); a
 * question's child must be fully visible to the writer. *id on success.
 */
int cw_record_create(struct db *db, const struct cw_actor *a, enum cw_kind k,
		     int64_t parent_id, const json_t *body,
		     struct field_errors *fe, int64_t *id);

/* Applies the editable fields of patch to record id (child of parent_id
 * when the kind has a parent) at version expected. */
int cw_record_update(struct db *db, const struct cw_actor *a, enum cw_kind k,
		     int64_t parent_id, int64_t id, int64_t expected,
		     const json_t *patch, struct field_errors *fe);

/* Replaces the participants of meeting id ([{institution_id, member_id,
 * name, present}], as at creation) at version expected; the meeting's
 * version is bumped and the old list kept in record_history. */
int cw_meeting_participants_set(struct db *db, const struct cw_actor *a,
				int64_t id, int64_t expected,
				const json_t *participants,
				struct field_errors *fe);

/* One record as the caller may see it: a meeting with participants,
 * questions (trimmed by cw_scope_question) and follow-ups; others as
 * stored. ERR_NOT_FOUND when absent or invisible. reason: the partner's
 * reason for the audit record. */
int cw_record_get(struct db *db, const struct cw_scope *s, enum cw_kind k,
		  int64_t parent_id, int64_t id, struct cw_disclosures *d,
		  json_t **doc, char *reason, size_t cap);

/* Meetings of kind (NULL = any) in year (0 = all years) that the caller
 * may see, newest first. */
int cw_meeting_list(struct db *db, const struct cw_scope *s, const char *kind,
		    int year, json_t **list);
/* Follow-ups not yet done that are due within days from today (overdue
 * ones included): every one for staff and the coordinator, a partner's
 * own institution's otherwise. */
int cw_followups_due(struct db *db, const struct cw_scope *s, int days,
		     json_t **list);
/* Members active on date (0 = all), and the plan items of a year. */
int cw_member_list(struct db *db, int date, json_t **list);
int cw_plan_list(struct db *db, int year, json_t **list);
/* Every interagency coordinator function held or once held. */
int cw_function_list(struct db *db, json_t **list);
/* Staff-development events of a year with their participants. */
int cw_staffdev_list(struct db *db, int year, json_t **list);

#endif
