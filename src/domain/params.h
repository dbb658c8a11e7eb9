/*
 * params.h - dated, configurable parameters of the case-work rules.
 *
 * DOMAIN.md asks that every figure of the payment rules (Government
 * resolution 583), the VRP table and the case-work deadlines be a dated
 * parameter with a default, never a literal in code: VRP changes every
 * year, municipalities set their own day-care bands and asset norm, and a
 * decision taken in 2024 must be computed (and re-explained) with the
 * figures in force in 2024. A parameter is a key with any number of
 * entries {valid_from, value}; the value in force on a date is the one
 * with the latest valid_from on or before that date.
 *
 * Units are fixed by the key's suffix and documented with the defaults
 * below: money in euro cents, shares in basis points (1/100 of a percent:
 * 20 % = 2000; a key ending in "_pct" holds basis points, never whole
 * percent), multiples of VRP in basis points of VRP (2 VRP = 20000), days
 * as whole days.
 *
 * Owner: the caller owns the struct param_table (stack, arena or a field of
 * a longer-lived struct); nothing here allocates. The table is capped at
 * PARAM_TABLE_MAX entries. Reading functions are pure and may be called
 * from any number of threads at once on a table nobody is changing;
 * param_table_add is not thread-safe with respect to the same table.
 */
#ifndef PAGALBA_DOMAIN_PARAMS_H
#define PAGALBA_DOMAIN_PARAMS_H

#include <stdint.h>

#define PARAM_KEY_MAX 48    /* bytes, including the NUL */
#define PARAM_TABLE_MAX 128 /* entries */

/*
 * Keys of the parameters the domain reads, with their units. The defaults
 * loaded by param_table_defaults are listed in params.c next to their
 * source; figures marked UNCONFIRMED there are placeholders a municipality
 * is expected to review.
 */
#define PARAM_VRP "vrp"               /* cents per month */
#define PARAM_ASSET_NORM "asset_norm" /* cents */
#define PARAM_DECISION_DEADLINE "decision.deadline_days" /* days */
#define PARAM_CONTRACT_DEADLINE "contract.deadline_days" /* days */
#define PARAM_CASE_REVIEW_MONTHS "case.review_months"     /* months */
/* General services and social supervision: free below this income per
 * person (basis points of VRP). */
#define PARAM_GENERAL_FREE_BELOW "general.free_below_vrp_pct"
#define PARAM_SUPERVISION_FREE_BELOW "social_supervision.free_below_vrp_pct"
/* Home help: share of income (basis points) and the income that must
 * remain per person after paying (basis points of VRP). */
#define PARAM_HOME_HELP_SHARE "home_help.max_share_pct"
#define PARAM_HOME_HELP_FLOOR "home_help.floor_vrp_pct"
/* Day care: band limits (basis points of VRP: band 1 is below limit 1,
 * band 2 from limit 1 up to and including limit 2, band 3 above limit 2)
 * and the share of income of each band (basis points). */
#define PARAM_DAYCARE_BAND1_LIMIT "daycare.band1_limit_vrp_pct"
#define PARAM_DAYCARE_BAND2_LIMIT "daycare.band2_limit_vrp_pct"
#define PARAM_DAYCARE_BAND1 "daycare.band1_pct"
#define PARAM_DAYCARE_BAND2 "daycare.band2_pct"
#define PARAM_DAYCARE_BAND3 "daycare.band3_pct"
/* Short- and long-term care: share of income (basis points). */
#define PARAM_SHORT_TERM_SHARE "short_term_care.max_share_pct"
#define PARAM_LONG_TERM_SHARE "long_term_care.max_share_pct"
/* Long-term care: share of the asset value above the norm added to each
 * month's payment (basis points per month). */
#define PARAM_LONG_TERM_ASSET_SHARE "long_term_care.asset_pct_per_month"

struct param_entry {
	char key[PARAM_KEY_MAX];
	int valid_from; /* yyyymmdd */
	int64_t value;  /* >= 0; unit given by the key */
};

struct param_table {
	int n;
	struct param_entry e[PARAM_TABLE_MAX];
};

/* Empties the table. Never fails; does not allocate. */
void param_table_init(struct param_table *t);

/*
 * Adds the entry {key, valid_from, value}: key 1..PARAM_KEY_MAX-1 bytes of
 * [a-z0-9._], valid_from a real calendar date yyyymmdd, value >= 0. The
 * key is copied. Returns 0; ERR_INVALID for a bad key, date or value;
 * ERR_CONFLICT if the key already has an entry from that same date (change
 * a figure by adding a later-dated entry, so past decisions keep theirs);
 * ERR_TOO_LARGE when the table holds PARAM_TABLE_MAX entries. The table is
 * unchanged on error. Not thread-safe for the same table.
 */
int param_table_add(struct param_table *t, const char *key, int valid_from,
		    int64_t value);

/*
 * Empties t and loads the defaults of DOMAIN.md section 4, items 3 to 5
 * (see params.c for each figure and its status). Every default is valid from
 * 2022-01-01, the first date of the VRP table we hold: lookups for earlier
 * dates give ERR_NOT_FOUND rather than a figure we never checked. Returns
 * 0, or a param_table_add error (a bug: the defaults fit). Not thread-safe
 * for the same table.
 */
int param_table_defaults(struct param_table *t);

/*
 * Stores in *out the value of key in force on date (yyyymmdd): the entry
 * with the latest valid_from <= date. Returns 0; ERR_NOT_FOUND if the key
 * has no entry on or before date; ERR_INVALID if key is NULL or date is
 * not a real calendar date. *out is untouched on error. Pure, thread-safe.
 */
int param_value_at(const struct param_table *t, const char *key, int date,
		   int64_t *out);

/*
 * Like param_value_at, and also stores in *valid_from (may be NULL) the
 * date from which that value is in force, so an explanation can say which
 * figure was used. Pure, thread-safe.
 */
int param_find_at(const struct param_table *t, const char *key, int date,
		  int64_t *out, int *valid_from);

/*
 * Sets the entry {key, valid_from} to value: replaces the value of the
 * entry with the same key and date if there is one (a site's own figure
 * replacing a built-in default), else adds it like param_table_add.
 * Returns 0, ERR_INVALID or ERR_TOO_LARGE as param_table_add; the table
 * is unchanged on error. Not thread-safe for the same table.
 */
int param_table_set(struct param_table *t, const char *key, int valid_from,
		    int64_t value);

/* The unit of a parameter, fixed by its key's suffix (see above). */
enum param_unit {
	PARAM_UNIT_CENTS = 0, /* no suffix: money, euro cents */
	PARAM_UNIT_SHARE_BP,  /* "_pct", "_pct_per_month": basis points,
				 at most 10000 (100 %) */
	PARAM_UNIT_VRP_BP,    /* "_vrp_pct": basis points of VRP */
	PARAM_UNIT_DAYS,      /* "_days": whole days */
	PARAM_UNIT_MONTHS,    /* "_months": whole months, 1..PARAM_MAX_MONTHS */
	PARAM_UNIT_COUNT_
};

/* Largest value accepted per unit: PARAM_MAX_SHARE_BP is 100 %;
 * PARAM_MAX_VRP_BP 100 VRP; PARAM_MAX_DAYS ten years; PARAM_MAX_CENTS
 * EUR 1 000 000 000.00 (payment.h's PAYMENT_MONEY_MAX). */
#define PARAM_MAX_SHARE_BP 10000
#define PARAM_MAX_VRP_BP 1000000
#define PARAM_MAX_DAYS 3650
#define PARAM_MAX_MONTHS 120
#define PARAM_MAX_CENTS INT64_C(100000000000)

/* The unit of key by its suffix (any key; unknown keys included). */
enum param_unit param_key_unit(const char *key);
/* "cents", "share_bp", "vrp_bp", "days"; NULL out of range. Static. */
const char *param_unit_key(enum param_unit unit);

/*
 * The keys the domain knows, i.e. the keys of the built-in defaults, in
 * the order of the defaults table, each once: param_key_at(0), (1), ...
 * until NULL. A site may only add entries for these keys. Static strings;
 * pure, thread-safe.
 */
const char *param_key_at(int i);
/* 1 if key is one of them, else 0 (NULL: 0). */
int param_key_known(const char *key);

/*
 * Checks an entry a site wants to add: ERR_NOT_FOUND for a key the
 * domain does not know, ERR_INVALID for a value out of its unit's range
 * (0..PARAM_MAX_* ; days at least 1), else 0. Pure, thread-safe.
 */
int param_value_check(const char *key, int64_t value);

#endif
