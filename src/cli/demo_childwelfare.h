/*
 * demo_childwelfare.h - demo data for child welfare work, added by
 * `pagalba demo` after the persons.
 */
#ifndef PAGALBA_CLI_DEMO_CHILDWELFARE_H
#define PAGALBA_CLI_DEMO_CHILDWELFARE_H

struct db;

/*
 * Adds, in one transaction with its audit entry: a small Child Welfare
 * Commission (chair, secretary, police and school members), a plan item,
 * a meeting with a question about a child and its decision, a mayor's
 * order assigning two minimal care measures with executors (one ending
 * soon, for the coordinator's worklist), a plan task and a progress
 * note, and an intervision. Does nothing when the Commission already has
 * members (a --force run) or when the demo organisation or a child is
 * missing. Returns 0 or a negative code; prints what it added.
 */
int demo_childwelfare(struct db *db, const unsigned char *audit_key);

#endif
