/*
 * payment.h - the monthly payment for a social service (Government
 * resolution 583, as restated in DOMAIN.md section 4, item 4), with an
 * explanation a social worker can check by hand.
 *
 * Income is the average of the last 3 months of the person's (or the
 * family's) income; income per person is that average divided by the
 * number of family members. Thresholds in VRP always compare income per
 * person; shares apply to the average income as given. The caller decides
 * whose income it passes: the family's for social supervision (home help),
 * the person's own (family_members = 1) for social care.
 *
 * Rules, with every figure read from a struct param_table on the decision
 * date (keys in params.h):
 *  - FREE (information, counselling, mediation and representation,
 *    socio-cultural services, crisis help) and PREVENTIVE: 0.
 *  - GENERAL (other general services) and SOCIAL_SUPERVISION (other than
 *    home help): 0 when income per person is below 2 VRP; at or above
 *    2 VRP ("below" is strict, so exactly 2 VRP pays) the service cost.
 *  - HOME_HELP: 20 % of income, reduced so that at least 2 VRP remain per
 *    family member: min(20 % x income, income - members x 2 VRP), never
 *    below 0 (so it is free below 2 VRP per person).
 *  - DAY_CARE: a share of income by band of income per person: below
 *    2 VRP 10 %, from 2 VRP up to and including 3 VRP 15 %, above 3 VRP
 *    20 %.
 *  - SHORT_TERM_CARE: 80 % of income.
 *  - LONG_TERM_CARE: 80 % of income, plus 1 % of the asset value above the
 *    asset norm, plus the target compensation (nursing/care) in full.
 * Every payment is then capped at the monthly service cost; it is never
 * negative. asset_value and target_compensation are ignored (and not
 * shown) for every rule but LONG_TERM_CARE.
 *
 * Arithmetic is in int64 euro cents. Each step rounds half up to the cent
 * (x.xx5 -> x.xx+0.01) and the next step uses the rounded figure that its
 * explanation line shows, so every line can be recomputed from the lines
 * above it with a pocket calculator: the average of 3 months, income per
 * person, each share and each VRP multiple are rounded separately.
 *
 * Everything here is pure: no allocation, no global state, thread-safe.
 */
#ifndef PAGALBA_DOMAIN_PAYMENT_H
#define PAGALBA_DOMAIN_PAYMENT_H

#include <stddef.h>
#include <stdint.h>

#include "domain/params.h"

#define PAYMENT_INCOME_MONTHS 3
#define PAYMENT_MEMBERS_MAX 50
/* Largest money amount accepted (cents): EUR 1 000 000 000.00. Keeps
 * every product in the arithmetic far below INT64_MAX. */
#define PAYMENT_MONEY_MAX INT64_C(100000000000)

#define PAYMENT_LINES_MAX 16
#define PAYMENT_LINE_ARGS_MAX 8
#define PAYMENT_LINE_KEY_MAX 40
#define PAYMENT_LINE_TEXT_MAX 320
/* Room for any int64 amount formatted, e.g. "-92 233 720 368 547 758,08 €"
 * (30 bytes: € is 3 bytes of UTF-8) plus the NUL. */
#define PAYMENT_MONEY_TEXT_MAX 32

/* The values appear in frozen explanations (payment.rule's first arg):
 * append new rules before PAYMENT_RULE_COUNT_, never renumber. */
enum payment_rule {
	PAYMENT_RULE_FREE = 0,
	PAYMENT_RULE_GENERAL,
	PAYMENT_RULE_SOCIAL_SUPERVISION,
	PAYMENT_RULE_HOME_HELP,
	PAYMENT_RULE_DAY_CARE,
	PAYMENT_RULE_SHORT_TERM_CARE,
	PAYMENT_RULE_LONG_TERM_CARE,
	PAYMENT_RULE_PREVENTIVE,
	PAYMENT_RULE_COUNT_ /* not a rule */
};

enum payment_lang { PAYMENT_LANG_LT = 0, PAYMENT_LANG_EN };

struct payment_input {
	int decision_date;      /* yyyymmdd: chooses the figures in force */
	enum payment_rule rule;
	int64_t service_cost;   /* cents per month (units x unit price) */
	/* The last 3 months' income, cents, each >= 0. Exactly 3 are
	 * required, except for FREE and PREVENTIVE, which take 0 or 3. */
	int n_incomes;
	int64_t incomes[PAYMENT_INCOME_MONTHS];
	int family_members;     /* 1..PAYMENT_MEMBERS_MAX; 1 = lives alone */
	int64_t asset_value;    /* cents, >= 0; LONG_TERM_CARE only */
	int64_t target_compensation; /* cents per month, >= 0; ditto */
};

/*
 * One line of the explanation. key is stable (the list is in payment.c,
 * next to the code that writes it) and fixes what args mean; money args are
 * cents, shares and VRP multiples basis points, dates yyyymmdd. text_lt and
 * text_en are the rendered UTF-8 sentences, e.g.
 *   "Vidutinės pajamos per 3 mėn.: (600,00 € + 612,00 € + 624,00 €) / 3 =
 *    612,00 €" and "Average income over 3 months: (€600.00 + €612.00 +
 *    €624.00) / 3 = €612.00".
 */
struct payment_line {
	char key[PAYMENT_LINE_KEY_MAX];
	int nargs;
	int64_t args[PAYMENT_LINE_ARGS_MAX];
	char text_lt[PAYMENT_LINE_TEXT_MAX];
	char text_en[PAYMENT_LINE_TEXT_MAX];
};

/*
 * The outcome, self-contained: it holds no pointer into the input or the
 * parameter table, so it can be copied and frozen with the decision as it
 * is. The figures used are repeated as fields for storage and reports.
 */
struct payment_result {
	int64_t payment;           /* cents per month, 0..service_cost */
	int decision_date;
	enum payment_rule rule;
	int64_t service_cost;
	int64_t income_average;    /* 0 when no income was needed */
	int64_t income_per_person; /* 0 when no income was needed */
	int family_members;
	int64_t vrp;               /* 0 when the rule does not use VRP */
	int vrp_valid_from;        /* 0 when the rule does not use VRP */
	int n_lines;
	struct payment_line lines[PAYMENT_LINES_MAX];
	/* On ERR_INVALID: the input field ("incomes", "family_members", ...)
	 * and a message key of api/api_messages.c ("range", "date", "enum").
	 * On ERR_NOT_FOUND: "decision_date" and "not_found", and error_param
	 * names the parameter with no value in force on that date. When a
	 * parameter's value is out of range (a configuration error, e.g. a
	 * share above 100 %): ERR_INVALID with "params", "range" and
	 * error_param. Static strings (never pointers into the input or the
	 * table); NULL on success. */
	const char *error_field;
	const char *error_key;
	const char *error_param;
};

/*
 * Computes the monthly payment for in with the parameters of params in
 * force on in->decision_date, and writes the result and its explanation to
 * *out (caller-owned; fully overwritten).
 *
 * Returns 0; ERR_INVALID for bad input (out->error_field and
 * out->error_key say which field and why: a decision date that is not a
 * calendar date, an unknown rule, a money amount outside
 * 0..PAYMENT_MONEY_MAX, n_incomes other than 3 (or 0 for free rules),
 * family_members outside 1..PAYMENT_MEMBERS_MAX, or a parameter value out
 * of range); ERR_NOT_FOUND when a parameter the rule needs has no value in
 * force on the decision date (out->error_param); ERR_INTERNAL if an
 * explanation did not fit (a bug). On error out holds no payment and no
 * lines. Pure, thread-safe.
 */
int payment_compute(const struct param_table *params,
		    const struct payment_input *in, struct payment_result *out);

/*
 * Formats cents as money: Lithuanian "1 234,56 €" (space between groups
 * of thousands and before the sign) or English "€1,234.56"; negative
 * amounts get a leading "-". Writes at most cap bytes including the NUL
 * (PAYMENT_MONEY_TEXT_MAX suffices for every int64). Returns the length
 * without the NUL; ERR_TOO_LARGE if out is too small (out is then "" when cap > 0);
 * ERR_INVALID for an unknown lang or out NULL. Pure, thread-safe.
 */
int payment_format_money(int64_t cents, enum payment_lang lang, char *out,
			 size_t cap);

/*
 * Returns the stable key of a rule for storage and the API: "free",
 * "general", "social_supervision", "home_help", "day_care",
 * "short_term_care", "long_term_care", "preventive"; NULL for a value out
 * of range. The string is static. Thread-safe.
 */
const char *payment_rule_key(enum payment_rule rule);

/*
 * Parses a key of payment_rule_key into *out. Returns 0 or ERR_INVALID
 * (key NULL or unknown; *out untouched). Thread-safe.
 */
int payment_rule_parse(const char *key, enum payment_rule *out);

#endif
