/*
 * access.h - who may do what. This is the one place where roles,
 * permissions and scopes are decided; the API layer asks it for every
 * route (access_role_allows) and the domain asks it for every record
 * (access_scope_*). Pure functions: thread-safe.
 */
#ifndef PAGALBA_DOMAIN_ACCESS_H
#define PAGALBA_DOMAIN_ACCESS_H

#include <stdint.h>

enum role {
	ROLE_NONE = 0,
	ROLE_ADMIN,
	ROLE_DIRECTOR,
	ROLE_HEAD,
	ROLE_SOCIAL_WORKER,
	ROLE_PARTNER,
	ROLE_AUDITOR,
	ROLE__COUNT
};

/* What a route needs. Record-level scope is checked separately. */
enum perm {
	PERM_PUBLIC = 0,     /* anyone, no session */
	PERM_SESSION,        /* any logged-in user */
	PERM_PERSON_READ,    /* registry: read persons (scoped) */
	PERM_PERSON_WRITE,   /* registry: create and edit persons (scoped) */
	PERM_PERSON_MERGE,   /* merge duplicate person records */
	PERM_PERSON_SHARE,   /* share a record with a partner institution */
	PERM_NOTE_SPECIAL,   /* read special-category notes */
	PERM_ORG_READ,       /* organisation: departments, staff, partners */
	PERM_ORG_WRITE,
	PERM_USER_ADMIN,     /* users and roles */
	PERM_AUDIT_READ,
	/* case work (issue 3) */
	PERM_CASE_READ,      /* cases, plans, deliveries (scoped like persons) */
	PERM_CASE_WRITE,     /* applications, assessments, plans, deliveries,
				notes, tasks */
	PERM_CASE_DECIDE,    /* decisions: assign, refuse, waiting list */
	PERM_CATALOGUE_WRITE,/* services, prices, dated parameters */
	PERM_BILLING_READ,   /* monthly billing statements */
	/* child welfare and inter-institutional work (issue 6) */
	PERM_CW_READ,        /* commission, meetings, orders (scoped) */
	PERM_CW_WRITE,       /* record meetings, orders, measures, plans */
	PERM_CW_REPORT,      /* executors: progress notes on their measures */
	PERM_STAFFDEV_READ,  /* intervisions, supervisions, trainings */
	PERM_STAFFDEV_WRITE,
	PERM_REPORT_READ,    /* statutory and management reports */
	/* home care (issue 5) */
	PERM_PLAN_WRITE,     /* workers' rosters and absences, visit plans */
	PERM__COUNT
};

/* The caller of a request, as the session says. */
struct principal {
	int64_t user_id;
	int64_t session_id;
	enum role role;
	int64_t department_id;  /* 0 = none */
	int64_t institution_id; /* partners: their institution */
	char username[64];
	char display_name[128];
	char csrf[48];
};

/* Scope of persons a principal may see. */
enum scope_kind {
	SCOPE_NONE,       /* no persons at all */
	SCOPE_ALL,        /* every person */
	SCOPE_DEPARTMENT, /* persons linked to department_id */
	SCOPE_SHARED,     /* persons shared with institution_id, unexpired */
};

int access_role_allows(enum role role, enum perm perm);
enum scope_kind access_person_scope(const struct principal *p);

const char *access_role_name(enum role role);  /* "social_worker" */
enum role access_role_parse(const char *s);    /* ROLE_NONE if unknown */
const char *access_perm_name(enum perm perm);

#endif
