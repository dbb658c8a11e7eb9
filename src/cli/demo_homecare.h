/*
 * demo_homecare.h - the home-help department's planning data for the
 * demo: workers' rosters and travel, and visit patterns for its active
 * cases, so `pagalba plan` and the planning screens have a week to plan.
 */
#ifndef PAGALBA_CLI_DEMO_HOMECARE_H
#define PAGALBA_CLI_DEMO_HOMECARE_H

struct db;

/*
 * Gives the home-help carers and nurses a Monday-to-Friday roster (08:00
 * to 16:30, a 30-minute break between 11:30 and 13:30) and a car, and
 * every active home-help case without a visit pattern one that fits its
 * decision (the decided hours a week over up to five visits, mornings or
 * afternoons, a carer, the same preferred carer for continuity). Written
 * through domain/homecare.h as the director's account. *patterns receives
 * how many patterns were added. Returns 0 or a negative error code.
 */
int demo_homecare(struct db *db, const unsigned char *audit_key, int *patterns);

#endif
