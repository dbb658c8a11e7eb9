/*
 * api_routes.c - every API route, the permission it needs, and its
 * handler. The OpenAPI document is generated from this table, and the
 * access-matrix test walks it, so a route cannot be added without being
 * described and tested for access.
 */
#include "api/api.h"
#include "api/api_util.h"

#define R(m, p, h, perm, flags, summary) {m, p, (void *)h, perm, flags, summary}

const struct route api_routes[] = {
	R("GET", "/api/v1/health", api_health, PERM_PUBLIC, 0, "Liveness and database check"),
	R("GET", "/api/v1/openapi.json", api_openapi, PERM_PUBLIC, 0, "This document"),
	R("POST", "/api/v1/session", api_login, PERM_PUBLIC, API_NO_CSRF, "Log in (username, password); sets the session cookie"),
	R("GET", "/api/v1/session", api_session_get, PERM_SESSION, 0, "The current user, role and CSRF token"),
	R("DELETE", "/api/v1/session", api_logout, PERM_SESSION, 0, "Log out"),
	R("POST", "/api/v1/session/password", api_password_change, PERM_SESSION, 0, "Change own password"),

	R("GET", "/api/v1/persons", api_person_list, PERM_PERSON_READ, 0, "Persons in Lithuanian alphabetical order (limit, cursor)"),
	R("POST", "/api/v1/persons", api_person_create, PERM_PERSON_WRITE, 0, "Register a person"),
	R("POST", "/api/v1/persons/search", api_person_search, PERM_PERSON_READ, 0, "Search by name or personal-code prefix (query in the body)"),
	R("POST", "/api/v1/persons/duplicates", api_person_duplicates, PERM_PERSON_WRITE, 0, "Likely duplicates of a person being registered"),
	R("GET", "/api/v1/persons/{id}", api_person_get, PERM_PERSON_READ, 0, "The person card"),
	R("PATCH", "/api/v1/persons/{id}", api_person_update, PERM_PERSON_WRITE, 0, "Update a person (If-Match)"),
	R("POST", "/api/v1/persons/{id}/merge", api_person_merge, PERM_PERSON_MERGE, 0, "Merge another record (merge_id) into this one"),

	/* == person parts: addresses, groups, family, notes, shares == */
	R("POST", "/api/v1/persons/{id}/addresses", api_address_create, PERM_PERSON_WRITE, 0, "Add an address (If-Match: the person's version)"),
	R("PATCH", "/api/v1/persons/{id}/addresses/{aid}", api_address_update, PERM_PERSON_WRITE, 0, "Change an address (If-Match: the person's version)"),
	R("DELETE", "/api/v1/persons/{id}/addresses/{aid}", api_address_delete, PERM_PERSON_WRITE, 0, "Remove an address (If-Match: the person's version)"),
	R("GET", "/api/v1/recipient-groups", api_recipient_groups, PERM_SESSION, 0, "The recipient groups, in Lithuanian and English"),
	R("POST", "/api/v1/persons/{id}/groups", api_group_create, PERM_PERSON_WRITE, 0, "Put the person in a recipient group from a date (If-Match)"),
	R("PATCH", "/api/v1/persons/{id}/groups/{gid}", api_group_update, PERM_PERSON_WRITE, 0, "End a group membership (date_to; If-Match)"),
	R("POST", "/api/v1/persons/{id}/representatives", api_representative_create, PERM_PERSON_WRITE, 0, "Add a legal representative (If-Match)"),
	R("DELETE", "/api/v1/persons/{id}/representatives/{rid}", api_representative_delete, PERM_PERSON_WRITE, 0, "Remove a representative (If-Match)"),
	R("POST", "/api/v1/persons/{id}/relations", api_relation_create, PERM_PERSON_WRITE, 0, "Relate two persons, both directions (If-Match)"),
	R("DELETE", "/api/v1/persons/{id}/relations/{rid}", api_relation_delete, PERM_PERSON_WRITE, 0, "Remove a relation, both directions (If-Match)"),
	R("POST", "/api/v1/households", api_household_create, PERM_PERSON_WRITE, 0, "Create a household (name, members)"),
	R("GET", "/api/v1/households/{hid}", api_household_get, PERM_PERSON_READ, 0, "A household with the members the caller may see"),
	R("PUT", "/api/v1/households/{hid}/members", api_household_members_put, PERM_PERSON_WRITE, 0, "Replace a household's members (If-Match)"),
	R("GET", "/api/v1/persons/{id}/notes", api_note_list, PERM_PERSON_READ, 0, "Notes, newest first (limit, cursor); special-category ones only to those allowed"),
	R("POST", "/api/v1/persons/{id}/notes", api_note_create, PERM_PERSON_WRITE, 0, "Add a note (append-only: a correction is a new note)"),
	R("GET", "/api/v1/persons/{id}/history", api_person_history, PERM_PERSON_READ, 0, "Earlier versions of the record and its parts, newest first (limit, cursor)"),
	R("GET", "/api/v1/persons/{id}/shares", api_share_list, PERM_PERSON_READ, 0, "Shares of the record with partner institutions"),
	R("POST", "/api/v1/persons/{id}/shares", api_share_create, PERM_PERSON_SHARE, 0, "Share parts of the record with a partner institution"),
	R("POST", "/api/v1/persons/{id}/shares/{sid}/revoke", api_share_revoke, PERM_PERSON_SHARE, 0, "Revoke a share, effective at once"),
	/* == end person parts == */

	/* == organisation and users == */
	R("GET", "/api/v1/institutions", api_institution_list, PERM_ORG_READ, 0, "Institutions in alphabetical order (kind=centre|partner, active)"),
	R("POST", "/api/v1/institutions", api_institution_create, PERM_ORG_WRITE, 0, "Add an institution (the centre or a partner)"),
	R("GET", "/api/v1/institutions/{id}", api_institution_get, PERM_ORG_READ, 0, "An institution with its contacts"),
	R("PATCH", "/api/v1/institutions/{id}", api_institution_update, PERM_ORG_WRITE, 0, "Update or deactivate an institution (If-Match)"),
	R("GET", "/api/v1/institutions/{id}/contacts", api_contact_list, PERM_ORG_READ, 0, "Contact people of an institution"),
	R("POST", "/api/v1/institutions/{id}/contacts", api_contact_create, PERM_ORG_WRITE, 0, "Add a contact person"),
	R("DELETE", "/api/v1/institutions/{id}/contacts/{cid}", api_contact_delete, PERM_ORG_WRITE, 0, "Remove a contact person"),
	R("GET", "/api/v1/departments", api_department_list, PERM_ORG_READ, 0, "Departments in alphabetical order (active)"),
	R("POST", "/api/v1/departments", api_department_create, PERM_ORG_WRITE, 0, "Add a department (unique code)"),
	R("GET", "/api/v1/departments/{id}", api_department_get, PERM_ORG_READ, 0, "A department"),
	R("PATCH", "/api/v1/departments/{id}", api_department_update, PERM_ORG_WRITE, 0, "Update or deactivate a department (If-Match)"),
	R("GET", "/api/v1/staff", api_staff_list, PERM_ORG_READ, 0, "Staff in Lithuanian alphabetical order (department_id, active, limit, cursor)"),
	R("POST", "/api/v1/staff", api_staff_create, PERM_ORG_WRITE, 0, "Add a staff member"),
	R("GET", "/api/v1/staff/{id}", api_staff_get, PERM_ORG_READ, 0, "A staff member"),
	R("PATCH", "/api/v1/staff/{id}", api_staff_update, PERM_ORG_WRITE, 0, "Update a staff member (If-Match)"),
	R("GET", "/api/v1/teams", api_team_list, PERM_ORG_READ, 0, "Teams (department_id)"),
	R("POST", "/api/v1/teams", api_team_create, PERM_ORG_WRITE, 0, "Add a team"),
	R("GET", "/api/v1/teams/{id}", api_team_get, PERM_ORG_READ, 0, "A team with its members"),
	R("PATCH", "/api/v1/teams/{id}", api_team_update, PERM_ORG_WRITE, 0, "Update a team (If-Match)"),
	R("PUT", "/api/v1/teams/{id}/members", api_team_members_put, PERM_ORG_WRITE, 0, "Replace a team's members (staff_ids; If-Match)"),
	R("GET", "/api/v1/users", api_user_list, PERM_USER_ADMIN, 0, "User accounts by user name (role, department_id, disabled, limit, cursor)"),
	R("POST", "/api/v1/users", api_user_create, PERM_USER_ADMIN, 0, "Create a user account with a first password"),
	R("GET", "/api/v1/users/{id}", api_user_get, PERM_USER_ADMIN, 0, "A user account"),
	R("PATCH", "/api/v1/users/{id}", api_user_update, PERM_USER_ADMIN, 0, "Change role, scope, name or disable (If-Match); ends the user's sessions"),
	R("POST", "/api/v1/users/{id}/password", api_user_password_reset, PERM_USER_ADMIN, 0, "Set a new password (administrator reset); ends the user's sessions"),
	/* == end organisation and users == */

	/* == audit == */
	R("GET", "/api/v1/audit", api_audit_list, PERM_AUDIT_READ, 0, "Audit log, newest first (user_id, entity, entity_id, action, from, to, limit, cursor)"),
	R("GET", "/api/v1/audit/verify", api_audit_verify, PERM_AUDIT_READ, 0, "Recompute the audit log's hash chain"),
	/* == end audit == */
	/* == catalogue and parameters == */
	R("GET", "/api/v1/services", api_service_list, PERM_SESSION, 0, "The service catalogue by code, each with its price today (kind, active, department_id)"),
	R("POST", "/api/v1/services", api_service_create, PERM_CATALOGUE_WRITE, 0, "Add a service (unique code; limit as a decimal amount with limit_period)"),
	R("GET", "/api/v1/services/{id}", api_service_get, PERM_SESSION, 0, "A service with its price history and the price in force today"),
	R("PATCH", "/api/v1/services/{id}", api_service_update, PERM_CATALOGUE_WRITE, 0, "Update or deactivate a service (If-Match)"),
	R("GET", "/api/v1/services/{id}/prices", api_price_list, PERM_SESSION, 0, "A service's prices per unit (cents), oldest first"),
	R("POST", "/api/v1/services/{id}/prices", api_price_create, PERM_CATALOGUE_WRITE, 0, "Add a price from a date (valid_from, price_cents); prices are never edited"),
	R("GET", "/api/v1/params", api_param_list, PERM_SESSION, 0, "Dated parameters: every key with its built-in and site entries and the value in force today"),
	R("POST", "/api/v1/params", api_param_create, PERM_CATALOGUE_WRITE, 0, "Add a dated entry for a known parameter (key, valid_from, value, note)"),
	R("DELETE", "/api/v1/params/{id}", api_param_delete, PERM_CATALOGUE_WRITE, 0, "Delete a site entry dated in the future (a past one may have been used)"),
	/* == end catalogue and parameters == */
	/* == cases == */
	R("GET", "/api/v1/cases", api_case_list, PERM_CASE_READ, 0, "Cases in the caller's scope, newest first (person_id, department_id, status, limit, cursor)"),
	R("POST", "/api/v1/cases", api_case_create, PERM_CASE_WRITE, 0, "Register an application: opens a case (status applied) with its decision deadline"),
	R("GET", "/api/v1/cases/{id}", api_case_get, PERM_CASE_READ, 0, "The case page: application, assessments, decisions with the frozen payment, contracts, events, waiting list, documents"),
	R("POST", "/api/v1/cases/{id}/assessments", api_case_assess, PERM_CASE_WRITE, 0, "Record a need assessment (If-Match: the case's version)"),
	R("POST", "/api/v1/cases/{id}/decisions", api_case_decide, PERM_CASE_DECIDE, 0, "Decide: assign (or amend a running case), refuse or waiting_list; the payment is computed and frozen (If-Match)"),
	R("POST", "/api/v1/cases/{id}/contract", api_case_contract, PERM_CASE_WRITE, 0, "Sign the contract of the assigning decision: the case becomes active (If-Match)"),
	R("POST", "/api/v1/cases/{id}/events", api_case_event, PERM_CASE_WRITE, 0, "Review, suspend, resume, terminate or reopen a case (If-Match)"),
	R("POST", "/api/v1/cases/{id}/documents", api_case_document_add, PERM_CASE_WRITE, API_RAW_BODY, "Attach a document: the file as the raw body (pdf, jpeg, png, odt, docx, txt; 1 MiB), X-Filename and X-Document-Kind headers (or filename and kind in the query)"),
	R("GET", "/api/v1/cases/{id}/documents/{did}", api_case_document_get, PERM_CASE_READ, 0, "Download a case document"),
	R("GET", "/api/v1/waiting-lists", api_waiting_list, PERM_CASE_READ, 0, "Waiting lists with positions (service_id), the caller's department's entries"),
	R("GET", "/api/v1/persons/{id}/incomes", api_income_list, PERM_CASE_READ, 0, "A person's monthly incomes, newest first"),
	R("POST", "/api/v1/persons/{id}/incomes", api_income_add, PERM_CASE_WRITE, 0, "Record a month's income (month YYYY-MM, amount_cents, source); the same month and source replaces it"),
	/* plans, tasks, case notes, worklist */
	R("GET", "/api/v1/cases/{id}/plans", api_case_plan_list, PERM_CASE_READ, 0, "Individual plans of a case, newest (current) first, with goals and tasks"),
	R("POST", "/api/v1/cases/{id}/plans", api_case_plan_create, PERM_CASE_WRITE, 0, "Draw a new individual plan (drawn_on, review_on, goals, tasks); it supersedes the previous"),
	R("GET", "/api/v1/plans/{id}", api_plan_get, PERM_CASE_READ, 0, "An individual plan with goals and tasks"),
	R("PATCH", "/api/v1/plans/{id}", api_plan_update, PERM_CASE_WRITE, 0, "Change the current plan: review_on, goals achieved, add_goals (If-Match)"),
	R("GET", "/api/v1/tasks", api_task_list, PERM_CASE_READ, 0, "Tasks newest first (case_id or assignee_user_id, open, limit, cursor)"),
	R("POST", "/api/v1/tasks", api_task_create, PERM_CASE_WRITE, 0, "Add a task of a case, plan or goal, or a free one"),
	R("GET", "/api/v1/tasks/{id}", api_task_get, PERM_CASE_READ, 0, "A task"),
	R("PATCH", "/api/v1/tasks/{id}", api_task_update, PERM_CASE_WRITE, 0, "Change a task: title, assignee, responsible, due_on, done_on (If-Match)"),
	R("GET", "/api/v1/cases/{id}/notes", api_case_note_list, PERM_CASE_READ, 0, "Case notes, newest first (limit, cursor); special-category ones only to those allowed"),
	R("POST", "/api/v1/cases/{id}/notes", api_case_note_create, PERM_CASE_WRITE, 0, "Add a case note (append-only: a correction is a new note)"),
	R("GET", "/api/v1/worklist", api_worklist, PERM_CASE_READ, 0, "What falls due for the caller, overdue first (within_days, limit, department_id for the director)"),
	/* == end cases == */
	/* == deliveries and billing == */
	R("POST", "/api/v1/cases/{id}/deliveries", api_delivery_create, PERM_CASE_WRITE, 0, "Record a delivered service (delivered_on, decision_service_id, staff_id, units, note); over the decided amount it is flagged, over the catalogue limit refused"),
	R("GET", "/api/v1/cases/{id}/deliveries", api_delivery_case_month, PERM_CASE_READ, 0, "A month of a case's deliveries (month=YYYY-MM) with corrections marked and totals against the decided amounts"),
	R("POST", "/api/v1/deliveries/bulk", api_delivery_bulk, PERM_CASE_WRITE, 0, "A worker's day (delivered_on, staff_id, items: case_id, decision_service_id, units, note), all or nothing"),
	R("GET", "/api/v1/deliveries/{id}", api_delivery_get, PERM_CASE_READ, 0, "One delivery with its status (current, replaced, voided)"),
	R("POST", "/api/v1/deliveries/{id}/correct", api_delivery_correct, PERM_CASE_WRITE, 0, "Correct the latest row of a delivery (units, delivered_on, note, reason): a new row replaces it"),
	R("POST", "/api/v1/deliveries/{id}/void", api_delivery_void, PERM_CASE_WRITE, 0, "Cancel the latest row of a delivery (reason)"),
	R("GET", "/api/v1/billing/persons/{id}", api_billing_person, PERM_BILLING_READ, 0, "A person's monthly billing statement (month=YYYY-MM; format=csv or Accept: text/csv)"),
	R("GET", "/api/v1/billing", api_billing_month, PERM_BILLING_READ, 0, "Every person's billing totals for a month (month, department_id, format=csv)"),
	/* == end deliveries and billing == */
	/* == child welfare == */
	/* == end child welfare == */
};

const size_t api_routes_count = sizeof(api_routes) / sizeof(api_routes[0]);
