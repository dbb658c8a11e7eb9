/*
 * demo_catalogue.h - the service catalogue of DOMAIN.md section 3 for the
 * demo database, with demo prices.
 */
#ifndef PAGALBA_CLI_DEMO_CATALOGUE_H
#define PAGALBA_CLI_DEMO_CATALOGUE_H

struct db;

/*
 * Adds every service of DOMAIN.md section 3 (codes, Lithuanian and English
 * names, kind, unit, limits, payment rule, the providing demo department
 * found by its code) and its demo prices, inside the caller's write
 * transaction. A service whose code exists already is left as it is (a
 * --force run adds nothing twice). Each record passes
 * catalogue_service_check first, so the demo cannot hold what the API
 * would refuse. *added (unless NULL) receives the number of services
 * added. Returns 0 or a negative error code. Not thread-safe (a
 * command-line helper).
 */
int demo_catalogue_add(struct db *db, const char *now, int *added);

#endif
