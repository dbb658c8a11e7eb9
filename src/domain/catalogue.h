/*
 * catalogue.h - the service catalogue (DOMAIN.md section 3) with dated
 * prices, and the site's dated parameters on top of the built-in defaults
 * of params.c.
 *
 * A service has a code (the national catalogue's, e.g. "201", or a stable
 * local one, e.g. "pagalba_namuose"), names in Lithuanian and English, a
 * kind, a unit, an optional limit (limit_x100 hundredths of a unit per
 * limit_period), an optional number of visits per week, the department
 * that provides it and the payment rule (payment.h) that prices it for
 * the person. Prices are per unit, in cents, each valid from a date; a
 * price is never changed in place: a new price is a new dated row, so the
 * figures a past decision used stay as they were.
 *
 * Parameters: the built-in defaults (params.c) plus the rows of the
 * params table; a row with the same key and date as a default replaces
 * that default. Only keys the domain knows are accepted, each value is
 * checked against its unit, and only entries dated in the future may be
 * deleted (a past one may have been used by a decision).
 *
 * Records are jansson objects like in org.h (limits as "limit_x100"
 * integers); field errors name the API's field ("limit" for limit_x100)
 * and a message key of api/api_messages.c. Every write runs in its own
 * transaction with its audit entry; service updates keep the previous row
 * in record_history and apply only to the version the caller saw.
 * Functions take the caller's connection and share no state: thread-safe.
 */
#ifndef PAGALBA_DOMAIN_CATALOGUE_H
#define PAGALBA_DOMAIN_CATALOGUE_H

#include "core/fielderr.h"
#include "domain/params.h"
#include "domain/payment.h"

#include <jansson.h>
#include <stdint.h>

struct db;
struct org_actor;

#define CATALOGUE_CODE_MAX 40     /* bytes */
#define CATALOGUE_NAME_MAX 200    /* bytes */
#define CATALOGUE_DESC_MAX 2000   /* bytes */
#define CATALOGUE_VISITS_MAX 50   /* max_visits_week */
#define CATALOGUE_NOTE_MAX 500    /* bytes of a parameter entry's note */

/* Kinds of service (DOMAIN.md section 3); keys as stored: "general",
 * "social_supervision", "social_care", "preventive", "integrated_help". */
enum catalogue_kind {
	CATALOGUE_KIND_GENERAL = 0,
	CATALOGUE_KIND_SOCIAL_SUPERVISION,
	CATALOGUE_KIND_SOCIAL_CARE,
	CATALOGUE_KIND_PREVENTIVE,
	CATALOGUE_KIND_INTEGRATED_HELP,
	CATALOGUE_KIND_COUNT_
};

/* Units: "hour", "visit", "day", "night", "meal", "kit", "month", "case". */
enum catalogue_unit {
	CATALOGUE_UNIT_HOUR = 0,
	CATALOGUE_UNIT_VISIT,
	CATALOGUE_UNIT_DAY,
	CATALOGUE_UNIT_NIGHT,
	CATALOGUE_UNIT_MEAL,
	CATALOGUE_UNIT_KIT,
	CATALOGUE_UNIT_MONTH,
	CATALOGUE_UNIT_CASE,
	CATALOGUE_UNIT_COUNT_
};

/* The period of a limit: none, "day", "week", "month", "year", "stay"
 * (one stay, i.e. one decision's period). */
enum catalogue_period {
	CATALOGUE_PERIOD_NONE = 0,
	CATALOGUE_PERIOD_DAY,
	CATALOGUE_PERIOD_WEEK,
	CATALOGUE_PERIOD_MONTH,
	CATALOGUE_PERIOD_YEAR,
	CATALOGUE_PERIOD_STAY,
	CATALOGUE_PERIOD_COUNT_
};

/* Keys of the enumerations (static strings; NULL out of range; the
 * period NONE has key NULL) and parsing (0, or ERR_INVALID with *out
 * untouched). Thread-safe. */
const char *catalogue_kind_key(enum catalogue_kind k);
int catalogue_kind_parse(const char *s, enum catalogue_kind *out);
const char *catalogue_unit_key(enum catalogue_unit u);
int catalogue_unit_parse(const char *s, enum catalogue_unit *out);
const char *catalogue_period_key(enum catalogue_period p);
int catalogue_period_parse(const char *s, enum catalogue_period *out);

/* One service as C values, for the rules of other areas (decisions,
 * deliveries, billing). */
struct catalogue_service {
	int64_t id;
	char code[CATALOGUE_CODE_MAX + 1];
	enum catalogue_kind kind;
	enum catalogue_unit unit;
	int64_t limit_x100;                 /* 0 = no limit */
	enum catalogue_period limit_period; /* NONE when no limit */
	int max_visits_week;                /* 0 = no limit */
	int64_t department_id;              /* 0 = none */
	enum payment_rule payment_rule;
	int active;
	int64_t version;
};

/* ---- pure rules (tests/unit/test_catalogue.c) ---- */

/* A service code: 1-40 of a-z 0-9 _ (national codes are digits). */
int catalogue_code_ok(const char *s);

/* The body fields of a service (create and update take the same). */
const char *const *catalogue_service_fields(void);

/* Turns empty optional strings into null and, when creating, fills
 * active = true. rec is changed in place. */
void catalogue_service_normalise(json_t *rec, int creating);

/*
 * Checks a whole service record (after normalising): types, required
 * fields, lengths, enumerations, the code's shape, limit_x100 (1 ..
 * AMOUNT_X100_MAX) and limit_period both given or both null,
 * max_visits_week 1..CATALOGUE_VISITS_MAX. Returns 0, or ERR_INVALID with
 * fe filled (limit_x100 reported as "limit").
 */
int catalogue_service_check(const json_t *rec, struct field_errors *fe);

/* Converts a checked record (as store_service_get returns) to *out.
 * ERR_INVALID if a stored value is not one the domain knows. */
int catalogue_service_from_json(const json_t *rec, struct catalogue_service *out);

/*
 * Loads into *out the built-in defaults (param_table_defaults) and then
 * the given site rows (objects with "key", "valid_from" 'YYYY-MM-DD' and
 * "value"): a row replaces the default of the same key and date, or is
 * added. Rows with unknown keys are loaded too (a newer build may have
 * written them); a malformed row is ERR_INVALID. ERR_TOO_LARGE when the
 * table is full. Pure.
 */
int catalogue_params_merge(const json_t *rows, struct param_table *out);

/* ---- reads ---- */

/* The service id as C values. ERR_NOT_FOUND if absent. */
int catalogue_service_read(struct db *db, int64_t id,
			   struct catalogue_service *out);

/* The id of the service with this code (e.g. "pagalba_namuose" in demo
 * data of other areas). ERR_NOT_FOUND if there is none. */
int catalogue_service_find_code(struct db *db, const char *code, int64_t *id);

/* The service id as a document: its columns, "prices" (the history, oldest
 * first) and "price_today" ({valid_from, price_cents} in force on today's
 * date, or null). ERR_NOT_FOUND if absent. Caller owns *out. */
int catalogue_service_get(struct db *db, int64_t id, json_t **out);

/* Services by code; kind NULL / active -1 / department_id 0 = any.
 * Each with "price_today" as above. Caller owns *out. */
int catalogue_service_list(struct db *db, const char *kind, int active,
			   int64_t department_id, json_t **out);

/* The price history of service id (ERR_NOT_FOUND if no such service). */
int catalogue_prices(struct db *db, int64_t service_id, json_t **out);

/*
 * The price per unit (cents) of service_id in force on date
 * ("YYYY-MM-DD"): the one with the latest valid_from on or before it.
 * ERR_INVALID for a malformed date; ERR_NOT_FOUND when the service has
 * no price on that date (or does not exist).
 */
int catalogue_price_at(struct db *db, int64_t service_id, const char *date,
		       int64_t *cents);

/* The parameters in force for every calculation: defaults plus the
 * database's rows (see catalogue_params_merge). */
int catalogue_params_load(struct db *db, struct param_table *out);

/*
 * Every known key (and any unknown key the database holds) with its unit,
 * its entries oldest first (built-in ones marked "source":"built_in" and
 * "replaced": true when a database row has the same date; database ones
 * with id, note, created_by, created_by_name, created_at) and the value in
 * force on `today` (yyyymmdd) with its date, or null. Caller owns *out.
 */
int catalogue_params_list(struct db *db, int today, json_t **out);

/* One site entry by id (as in catalogue_params_list, with "key" and
 * "unit"). ERR_NOT_FOUND if absent. Caller owns *out. */
int catalogue_param_get(struct db *db, int64_t id, json_t **out);

/* ---- writes ---- */

/* Creates a service from in (not changed): ERR_INVALID with fe, or
 * ERR_CONFLICT with fe ("code" taken). Audited as "create" "service". */
int catalogue_service_create(struct db *db, const struct org_actor *a,
			     const json_t *in, struct field_errors *fe,
			     int64_t *id);

/* Applies patch to service id at version `expected`: ERR_NOT_FOUND,
 * ERR_PRECONDITION, ERR_INVALID / ERR_CONFLICT with fe. The old row goes
 * to record_history. Audited as "update". *new_version on success. */
int catalogue_service_update(struct db *db, const struct org_actor *a,
			     int64_t id, int64_t expected, const json_t *patch,
			     struct field_errors *fe, int64_t *new_version);

/* Adds the price cents (0..PAYMENT_MONEY_MAX) valid from valid_from
 * (yyyymmdd) to service id. ERR_NOT_FOUND (no service), ERR_INVALID with
 * fe, ERR_CONFLICT with fe (a price from that date exists). Audited as
 * "create" "service_price" with the service's id. */
int catalogue_price_add(struct db *db, const struct org_actor *a,
			int64_t service_id, int valid_from, int64_t cents,
			struct field_errors *fe);

/* Adds a site entry {key, valid_from (yyyymmdd), value, note (may be
 * NULL)}. ERR_INVALID with fe (unknown key, value out of its unit's
 * range, note too long), ERR_CONFLICT with fe (an entry of that key and
 * date exists). Audited as "create" "param". */
int catalogue_param_add(struct db *db, const struct org_actor *a,
			const char *key, int valid_from, int64_t value,
			const char *note, struct field_errors *fe, int64_t *id);

/* Deletes site entry id if it is dated after today (yyyymmdd):
 * ERR_NOT_FOUND, or ERR_CONFLICT when it is in force already or was.
 * Kept in record_history; audited as "delete" "param". */
int catalogue_param_delete(struct db *db, const struct org_actor *a,
			   int64_t id, int today);

#endif
