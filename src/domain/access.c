#include "domain/access.h"

#include <string.h>

/*
 * The matrix. Rows are roles, columns permissions. Reasons:
 * - The administrator runs the system (users, organisation) but does not
 *   read clients' personal data: least privilege.
 * - The director sees everything and may merge, but registering clients
 *   is the social workers' and heads' job.
 * - A partner-institution user reads only what was shared with their
 *   institution (scope SHARED), and writes nothing.
 * - The auditor reads the audit log and nothing else.
 * - Case work: social workers and heads write cases; heads and the
 *   director decide (assign, refuse, waiting list) and read billing; the
 *   administrator and the director keep the catalogue and the dated
 *   parameters. A partner reads a case only through a share of the
 *   "cases" part.
 * - Child welfare: partners (police, schools...) read what their
 *   institution takes part in and report on measures they execute.
 * - Home care: heads and the director keep workers' rosters and
 *   absences and make the visit plans; visit patterns are case data
 *   (case_write).
 */
#define PERMS(pub, ses, pr, pw, pm, ps, ns, or, ow, ua, ar, cr, cw, cd, kw, br, wr, ww, wp, dr, dw, rr, pl) \
	{pub, ses, pr, pw, pm, ps, ns, or, ow, ua, ar, cr, cw, cd, kw, br, wr, ww, wp, dr, dw, rr, pl}
static const unsigned char matrix[ROLE__COUNT][PERM__COUNT] = {
	/*                           PUB SES PR PW PM PS NS OR OW UA AR CR CW CD KW BR WR WW WP DR DW RR PL */
	[ROLE_NONE] = PERMS(         1,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
	[ROLE_ADMIN] = PERMS(        1,  1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
	[ROLE_DIRECTOR] = PERMS(     1,  1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1),
	[ROLE_HEAD] = PERMS(         1,  1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1),
	[ROLE_SOCIAL_WORKER] = PERMS(1,  1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0),
	[ROLE_PARTNER] = PERMS(      1,  1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0),
	[ROLE_AUDITOR] = PERMS(      1,  1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
};

int access_role_allows(enum role role, enum perm perm)
{
	if ((unsigned)role >= ROLE__COUNT || (unsigned)perm >= PERM__COUNT)
		return 0;
	return matrix[role][perm];
}

enum scope_kind access_person_scope(const struct principal *p)
{
	switch (p->role) {
	case ROLE_DIRECTOR:
		return SCOPE_ALL;
	case ROLE_HEAD:
	case ROLE_SOCIAL_WORKER:
		return p->department_id ? SCOPE_DEPARTMENT : SCOPE_NONE;
	case ROLE_PARTNER:
		return p->institution_id ? SCOPE_SHARED : SCOPE_NONE;
	default:
		return SCOPE_NONE;
	}
}

static const char *const role_names[ROLE__COUNT] = {
	[ROLE_NONE] = "none",
	[ROLE_ADMIN] = "admin",
	[ROLE_DIRECTOR] = "director",
	[ROLE_HEAD] = "head",
	[ROLE_SOCIAL_WORKER] = "social_worker",
	[ROLE_PARTNER] = "partner",
	[ROLE_AUDITOR] = "auditor",
};

const char *access_role_name(enum role role)
{
	return (unsigned)role < ROLE__COUNT ? role_names[role] : "none";
}

enum role access_role_parse(const char *s)
{
	if (!s)
		return ROLE_NONE;
	for (int i = 1; i < ROLE__COUNT; i++)
		if (!strcmp(s, role_names[i]))
			return (enum role)i;
	return ROLE_NONE;
}

const char *access_perm_name(enum perm perm)
{
	static const char *const names[PERM__COUNT] = {
		"public", "session", "person_read", "person_write",
		"person_merge", "person_share", "note_special", "org_read",
		"org_write", "user_admin", "audit_read", "case_read",
		"case_write", "case_decide", "catalogue_write", "billing_read",
		"cw_read", "cw_write", "cw_report", "staffdev_read",
		"staffdev_write", "report_read", "plan_write",
	};
	return (unsigned)perm < PERM__COUNT ? names[perm] : "?";
}
