/*
 * demo_cases.h - a few demo cases in every state of the case lifecycle,
 * so the web UI and the worklist have something to show.
 */
#ifndef PAGALBA_CLI_DEMO_CASES_H
#define PAGALBA_CLI_DEMO_CASES_H

struct db;

/*
 * Adds demo cases (applied, overdue, assessed, decided, active,
 * suspended, waiting, refused, terminated) for persons already linked to
 * the family-support, home-help and elderly-care departments, with three
 * months of income each, through the case domain (domain/case.h): every
 * step is the real one, with its events, frozen payment and audit
 * entries (written as the director's account, or none). Dates are
 * relative to today. Each step commits on its own; call it outside a
 * transaction. Departments or services missing (a site's own
 * organisation) are skipped. *added receives the number of cases.
 * Returns 0 or a negative error code. Not thread-safe.
 */
int demo_cases_add(struct db *db, const unsigned char *audit_key, int *added);

#endif
