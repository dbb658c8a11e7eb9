/*
 * store_cw.h - SQL for child welfare work: commission members, meetings
 * with participants, questions and follow-ups, orders, measures with
 * executors, tasks and progress notes, staff development, and the
 * queries behind the reports.
 *
 * Like db/store.h: functions run on the caller's connection, inside the
 * caller's transaction if any, and know no rules. Records travel as
 * jansson objects whose keys are the column names (text as strings,
 * dates as 'YYYY-MM-DD' strings, ids as integers, flags as booleans,
 * absent or null = SQL NULL); reads return objects the caller owns.
 *
 * Errors: ERR_NOT_FOUND for a missing row, ERR_CONFLICT for a unique or
 * foreign-key violation, other negative codes from db_step.
 */
#ifndef PAGALBA_DB_STORE_CW_H
#define PAGALBA_DB_STORE_CW_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;

/* The tables written from records. Versioned ones have updated_at and
 * version; the others are append-only (created_at only). */
enum store_cw_kind {
	STORE_CW_MEMBER = 0,   /* versioned */
	STORE_CW_MEETING,      /* versioned */
	STORE_CW_QUESTION,     /* versioned */
	STORE_CW_FOLLOWUP,     /* versioned */
	STORE_CW_MEASURE,      /* versioned */
	STORE_CW_PARTICIPANT,
	STORE_CW_ORDER,
	STORE_CW_TASK,
	STORE_CW_NOTE,
	STORE_CW_STAFFDEV,
	STORE_CW_PLAN_ITEM,
	STORE_CW_FUNCTION,     /* versioned */
	STORE_CW__COUNT
};

/* 1 if kind k has updated_at and version. */
int store_cw_versioned(enum store_cw_kind k);

/* Inserts rec's columns of kind k with created_at (and updated_at) now;
 * *id is the new id (tables keyed by id only). */
int store_cw_insert(struct db *db, enum store_cw_kind k, const json_t *rec,
		    const char *now, int64_t *id);
/* Writes every column of a versioned kind from rec if row id is at
 * version expected, bumping the version; *changes 1 or 0. */
int store_cw_update(struct db *db, enum store_cw_kind k, int64_t id,
		    int64_t expected, const json_t *rec, const char *now,
		    int64_t *changes);
/* One row with id, its columns and created_at (updated_at, version). */
int store_cw_get(struct db *db, enum store_cw_kind k, int64_t id,
		 json_t **out);
/* The rows of kind k whose parent column (meeting_id, measure_id, event
 * id...) is parent_id, in id order. */
int store_cw_children(struct db *db, enum store_cw_kind k, int64_t parent_id,
		      json_t **out);

/* 1 in *yes when table (one of a fixed list: "institutions", "users",
 * "persons", "households", "departments", "staff", "commission_members",
 * "cw_questions") has row id. ERR_INVALID for another table. */
int store_cw_exists(struct db *db, const char *table, int64_t id, int *yes);
/* The subject of an active measure type, ERR_NOT_FOUND if none. */
int store_cw_measure_type(struct db *db, const char *code, char *subject,
			  size_t cap);
/* The measure types in their order. */
int store_cw_measure_types(struct db *db, json_t **out);
/* The birth date of a person ('YYYY-MM-DD' or "" when unknown). */
int store_cw_birth_date(struct db *db, int64_t person_id, char *out,
			size_t cap);
/* The id of the order with this number, ERR_NOT_FOUND if none. */
int store_cw_order_by_number(struct db *db, const char *number, int64_t *id);
/* The next ordinal for a question of a meeting. */
int store_cw_next_ordinal(struct db *db, int64_t meeting_id, int64_t *out);

/* Removes every participant of a meeting. */
int store_cw_participants_clear(struct db *db, int64_t meeting_id);
/* The next ordinal for an item of a year's plan. */
int store_cw_next_plan_ordinal(struct db *db, int64_t year, int64_t *out);
/* Staff-development events dated in [from, to], newest first. */
int store_cw_staffdev_events(struct db *db, const char *from, const char *to,
			     json_t **out);

/* Pairs: executors of a measure, representatives of an order, measures
 * of an order (what the order did), participants of a staff event. */
int store_cw_executor_add(struct db *db, int64_t measure_id, int64_t inst);
int store_cw_executors_clear(struct db *db, int64_t measure_id);
int store_cw_executors(struct db *db, int64_t measure_id, json_t **out);
int store_cw_is_executor(struct db *db, int64_t measure_id, int64_t inst,
			 int *yes);
int store_cw_representative_add(struct db *db, int64_t order_id,
				int64_t person_id);
int store_cw_representatives(struct db *db, int64_t order_id, json_t **out);
int store_cw_order_measure_add(struct db *db, int64_t order_id,
			       int64_t measure_id, const char *action,
			       const char *from, const char *to);
int store_cw_order_measures(struct db *db, int64_t order_id, json_t **out);
/* The orders that acted on a measure, oldest first. */
int store_cw_measure_orders(struct db *db, int64_t measure_id, json_t **out);
int store_cw_staffdev_participant_add(struct db *db, int64_t event_id,
				      int64_t staff_id, int64_t hours_x100,
				      const char *certificate);
int store_cw_staffdev_participants(struct db *db, int64_t event_id,
				   json_t **out);

/* ---- facts for visibility (domain/cw_scope.c) ---- */

/* 1 if user_id is a commission member on date (from <= date <= to). */
int store_cw_is_member(struct db *db, int64_t user_id, const char *date,
		       int *yes);
/* 1 if user_id holds function ("coordinator") on date. */
int store_cw_has_function(struct db *db, int64_t user_id, const char *function,
			  const char *date, int *yes);
/* Every function held or once held, with the user's display name. */
int store_cw_functions(struct db *db, json_t **out);
/* 1 if institution inst takes part in meeting id. */
int store_cw_is_participant(struct db *db, int64_t meeting_id, int64_t inst,
			    int *yes);

/* ---- lists ---- */

/* Meetings of kind ("" = any) with dates in [from, to], newest first. */
int store_cw_meetings(struct db *db, const char *kind, const char *from,
		      const char *to, json_t **out);
/* Commission members, active on date ("" = all), by name. */
int store_cw_members(struct db *db, const char *date, json_t **out);
/* Follow-ups not done with a due date up to `to`, soonest first, for
 * institution inst (0 = all), with the meeting's date and kind. */
int store_cw_followups_due(struct db *db, const char *to, int64_t inst,
			   json_t **out);
/* Orders dated in [from, to], newest first. */
int store_cw_orders(struct db *db, const char *from, const char *to,
		    json_t **out);
/* Running measures whose date_to is in [from, to], soonest first. */
int store_cw_measures_ending(struct db *db, const char *from, const char *to,
			     json_t **out);
/* Measures executed by institution inst (0 = any), newest first. */
int store_cw_measures(struct db *db, int64_t inst, json_t **out);

/* ---- reports ---- */

/* Counts for the year [from, to]: meetings of the Commission, questions
 * on them; orders by kind and subject (rows {kind, subject, n});
 * measures by evaluation (rows {evaluation, n}); measures in force at
 * some time in the year, and those that ran out or were cancelled in it. */
int store_cw_report_meetings(struct db *db, const char *from, const char *to,
			     int64_t *meetings, int64_t *questions);
int store_cw_report_orders(struct db *db, const char *from, const char *to,
			   json_t **out);
int store_cw_report_evaluations(struct db *db, const char *from,
				const char *to, json_t **out);
int store_cw_report_measures(struct db *db, const char *from, const char *to,
			     int64_t *running, int64_t *ended);
/* Staff-development hours per active staff member in [from, to]: rows
 * {staff_id, given_names, family_name, department_id, department,
 * hours_x100}, staff with no hours included (0). */
int store_cw_staffdev_hours(struct db *db, const char *from, const char *to,
			    json_t **out);

/* ---- demo data (cli/demo_childwelfare.c) ---- */

/* The first institution of a partner type, or the centre for "centre";
 * ERR_NOT_FOUND if none. */
int store_cw_institution_of_type(struct db *db, const char *type, int64_t *id);
/* A person linked to a department and born in [from, to], or
 * ERR_NOT_FOUND; skip: how many such persons to pass over. */
int store_cw_person_born(struct db *db, const char *from, const char *to,
			 int64_t skip, int64_t *id);
/* The first n active staff members of the centre, by id (rows {id}). */
int store_cw_staff_first(struct db *db, int64_t n, json_t **out);
/* How many commission members there are. */
int store_cw_member_count(struct db *db, int64_t *n);

/* Dated parameters of this area from the params table (keys starting
 * "cw." or "staffdev."): rows {key, valid_from, value}. */
int store_cw_params(struct db *db, json_t **out);

#endif
