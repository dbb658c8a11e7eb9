/*
 * payment.c - the monthly payment for a social service and its
 * explanation. See payment.h and DOMAIN.md section 4, item 4.
 *
 * Explanation line keys and their args (money in cents, shares and VRP
 * multiples in basis points, dates yyyymmdd). They are stable: stored
 * decisions and their rendering depend on them.
 *   payment.rule                  rule, decision_date
 *   payment.service_cost          cost
 *   payment.free                  (none)
 *   payment.income_average        income1, income2, income3, average
 *   payment.income_per_person     average, members, per_person
 *   payment.vrp                   vrp, valid_from
 *   payment.free_threshold        vrp_multiple, vrp, threshold
 *   payment.below_threshold       per_person, threshold
 *   payment.at_or_above_threshold per_person, threshold, cost
 *   payment.share                 base, share_bp, amount
 *   payment.floor                 vrp_multiple, vrp, floor_per_person,
 *                                 members, floor_total
 *   payment.floor_cap             average, floor_total, cap
 *   payment.floor_cap_zero        average, floor_total
 *   payment.capped_by_floor       computed, cap, vrp_multiple
 *   payment.daycare_bands         limit1_vrp_multiple, limit2_vrp_multiple,
 *                                 limit1, limit2, band1_bp, band2_bp,
 *                                 band3_bp
 *   payment.daycare_band          per_person, band (1..3), share_bp
 *   payment.asset_norm            norm, valid_from
 *   payment.assets_excess         assets, norm, excess
 *   payment.assets_within_norm    assets, norm
 *   payment.assets_share          excess, share_bp, amount
 *   payment.target_compensation   amount
 *   payment.sum                   income_part, asset_part, compensation,
 *                                 total
 *   payment.capped_by_cost        computed, cost
 *   payment.total                 payment
 */
#include "domain/payment.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/err.h"

#define BP_WHOLE 10000 /* basis points in 100 % (or in 1 VRP) */
#define SHARE_BP_MAX BP_WHOLE            /* a share is at most 100 % */
#define VRP_MULTIPLE_BP_MAX (100 * BP_WHOLE) /* at most 100 VRP */

static const struct {
	const char *key;
	const char *lt;
	const char *en;
} rules[PAYMENT_RULE_COUNT_] = {
	[PAYMENT_RULE_FREE] = { "free", "nemokama paslauga", "free service" },
	[PAYMENT_RULE_GENERAL] = { "general", "bendroji socialinė paslauga",
				   "general social service" },
	[PAYMENT_RULE_SOCIAL_SUPERVISION] = { "social_supervision",
					      "socialinė priežiūra",
					      "social supervision" },
	[PAYMENT_RULE_HOME_HELP] = { "home_help", "pagalba į namus",
				     "home help" },
	[PAYMENT_RULE_DAY_CARE] = { "day_care", "dienos socialinė globa",
				    "day care" },
	[PAYMENT_RULE_SHORT_TERM_CARE] = { "short_term_care",
					   "trumpalaikė socialinė globa",
					   "short-term care" },
	[PAYMENT_RULE_LONG_TERM_CARE] = { "long_term_care",
					  "ilgalaikė socialinė globa",
					  "long-term care" },
	[PAYMENT_RULE_PREVENTIVE] = { "preventive",
				      "prevencinė socialinė paslauga",
				      "preventive social service" },
};

const char *payment_rule_key(enum payment_rule rule)
{
	if ((int)rule < 0 || rule >= PAYMENT_RULE_COUNT_)
		return NULL;
	return rules[rule].key;
}

int payment_rule_parse(const char *key, enum payment_rule *out)
{
	if (key == NULL)
		return ERR_INVALID;
	for (int i = 0; i < PAYMENT_RULE_COUNT_; i++) {
		if (!strcmp(rules[i].key, key)) {
			*out = (enum payment_rule)i;
			return 0;
		}
	}
	return ERR_INVALID;
}

/* ---- Arithmetic ------------------------------------------------------- */

/* a / b rounded half up; a >= 0, b > 0, 2a + b without overflow. */
static int64_t div_round(int64_t a, int64_t b)
{
	return (2 * a + b) / (2 * b);
}

/* bp basis points of amount, rounded half up to the cent. */
static int64_t share_of(int64_t amount, int64_t bp)
{
	return div_round(amount * bp, BP_WHOLE);
}

/* ---- Formatting ------------------------------------------------------- */

/* Small formatted figures returned by value, so that several can appear
 * in one printf call: money(x, lang).s lives until the end of the full
 * expression (C11 6.2.4p8). */
struct fig {
	char s[PAYMENT_MONEY_TEXT_MAX];
};

int payment_format_money(int64_t cents, enum payment_lang lang, char *out,
			 size_t cap)
{
	char grouped[32], tmp[48];
	uint64_t mag, eur;
	unsigned ct;
	int neg = cents < 0, n = 0, len;
	char sep;

	if (out == NULL || (lang != PAYMENT_LANG_LT && lang != PAYMENT_LANG_EN))
		return ERR_INVALID;
	sep = lang == PAYMENT_LANG_LT ? ' ' : ',';
	mag = neg ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	eur = mag / 100;
	ct = (unsigned)(mag % 100);
	/* Digits of eur right to left, a separator after every third. */
	char rev[32];
	int digits = 0;
	do {
		if (digits > 0 && digits % 3 == 0)
			rev[n++] = sep;
		rev[n++] = (char)('0' + eur % 10);
		eur /= 10;
		digits++;
	} while (eur > 0);
	for (int i = 0; i < n; i++)
		grouped[i] = rev[n - 1 - i];
	grouped[n] = 0;
	if (lang == PAYMENT_LANG_LT)
		len = snprintf(tmp, sizeof(tmp), "%s%s,%02u \xe2\x82\xac",
			       neg ? "-" : "", grouped, ct);
	else
		len = snprintf(tmp, sizeof(tmp), "%s\xe2\x82\xac%s.%02u",
			       neg ? "-" : "", grouped, ct);
	if (len < 0 || (size_t)len + 1 > cap) {
		if (cap > 0)
			out[0] = 0;
		return ERR_TOO_LARGE;
	}
	memcpy(out, tmp, (size_t)len + 1);
	return len;
}

static struct fig money(int64_t cents, enum payment_lang lang)
{
	struct fig f = { { 0 } };
	if (payment_format_money(cents, lang, f.s, sizeof(f.s)) < 0)
		f.s[0] = 0; /* cannot happen: the buffer fits any int64 */
	return f;
}

/* v / 10^scale as a decimal with the given mark and no trailing zeros,
 * then suffix: (1550, 2, ',', " %") -> "15,5 %"; (20000, 4, '.', "") ->
 * "2". v >= 0, scale <= 4, suffix at most 2 bytes. */
static struct fig decimal(int64_t v, int scale, char mark,
			  const char *suffix)
{
	struct fig f = { { 0 } };
	int64_t unit = 1;
	char frac[8];
	int n;

	for (int i = 0; i < scale; i++)
		unit *= 10;
	n = snprintf(frac, sizeof(frac), "%0*lld", scale,
		     (long long)(v % unit));
	while (n > 0 && frac[n - 1] == '0')
		frac[--n] = 0;
	if (n == 0)
		snprintf(f.s, sizeof(f.s), "%lld%s", (long long)(v / unit),
			 suffix);
	else
		snprintf(f.s, sizeof(f.s), "%lld%c%s%s", (long long)(v / unit),
			 mark, frac, suffix);
	return f;
}

/* A share in basis points: "15,5 %" (lt) or "15.5%" (en). */
static struct fig pct(int64_t bp, enum payment_lang lang)
{
	return lang == PAYMENT_LANG_LT ? decimal(bp, 2, ',', " %")
				       : decimal(bp, 2, '.', "%");
}

/* A multiple of VRP in basis points of VRP: "2" or "2,5" (lt). */
static struct fig mult(int64_t bp, enum payment_lang lang)
{
	return decimal(bp, 4, lang == PAYMENT_LANG_LT ? ',' : '.', "");
}

static struct fig day(int yyyymmdd)
{
	struct fig f = { { 0 } };
	date_format(yyyymmdd, f.s);
	return f;
}

static struct fig count(int64_t v)
{
	struct fig f = { { 0 } };
	snprintf(f.s, sizeof(f.s), "%lld", (long long)v);
	return f;
}

#define LT PAYMENT_LANG_LT
#define EN PAYMENT_LANG_EN

/* ---- The explanation -------------------------------------------------- */

struct calc {
	const struct param_table *params;
	const struct payment_input *in;
	struct payment_result *out;
	struct payment_line *line; /* the line being written */
};

/* Starts a line with key and args. ERR_INTERNAL when the result is full
 * (PAYMENT_LINES_MAX is sized for the longest rule: a bug otherwise). */
static int line_start(struct calc *c, const char *key, int nargs,
		      const int64_t *args)
{
	struct payment_result *r = c->out;
	struct payment_line *l;

	if (r->n_lines >= PAYMENT_LINES_MAX || nargs > PAYMENT_LINE_ARGS_MAX ||
	    strlen(key) >= sizeof(l->key))
		return ERR_INTERNAL;
	l = &r->lines[r->n_lines++];
	memset(l, 0, sizeof(*l));
	memcpy(l->key, key, strlen(key) + 1);
	l->nargs = nargs;
	for (int i = 0; i < nargs; i++)
		l->args[i] = args[i];
	c->line = l;
	return 0;
}

__attribute__((format(printf, 2, 3))) static int
text_put(char *dst, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(dst, PAYMENT_LINE_TEXT_MAX, fmt, ap);
	va_end(ap);
	return n < 0 || n >= PAYMENT_LINE_TEXT_MAX ? ERR_INTERNAL : 0;
}

/* The current line's texts. Each macro use is one statement that sets rc;
 * callers check rc once after both languages. */
#define TEXT_LT(...) text_put(c->line->text_lt, __VA_ARGS__)
#define TEXT_EN(...) text_put(c->line->text_en, __VA_ARGS__)
#define ARGS(...) (int)(sizeof((int64_t[]){ __VA_ARGS__ }) / sizeof(int64_t)), \
		  (int64_t[]){ __VA_ARGS__ }

/* Both texts of a line; returns the first error. */
static int both(int rc_lt, int rc_en)
{
	return rc_lt < 0 ? rc_lt : rc_en;
}

/* ---- Parameters --------------------------------------------------------- */

enum param_kind { PK_MONEY, PK_SHARE, PK_VRP_MULTIPLE };

static int param_get(struct calc *c, const char *key, enum param_kind kind,
		     int64_t *v, int *valid_from)
{
	int64_t max = kind == PK_MONEY   ? PAYMENT_MONEY_MAX
		      : kind == PK_SHARE ? SHARE_BP_MAX
					 : VRP_MULTIPLE_BP_MAX;
	int rc = param_find_at(c->params, key, c->in->decision_date, v,
			       valid_from);

	c->out->error_param = key; /* cleared on success by the caller */
	if (rc == ERR_NOT_FOUND) {
		c->out->error_field = "decision_date";
		c->out->error_key = "not_found";
		return rc;
	}
	if (rc < 0)
		return rc;
	if (*v < 0 || *v > max) {
		c->out->error_field = "params";
		c->out->error_key = "range";
		return ERR_INVALID;
	}
	c->out->error_param = NULL;
	return 0;
}

/* ---- Validation --------------------------------------------------------- */

static int money_ok(int64_t v)
{
	return v >= 0 && v <= PAYMENT_MONEY_MAX;
}

static int bad(struct payment_result *r, const char *field, const char *key)
{
	r->error_field = field;
	r->error_key = key;
	return ERR_INVALID;
}

static int is_free_rule(enum payment_rule rule)
{
	return rule == PAYMENT_RULE_FREE || rule == PAYMENT_RULE_PREVENTIVE;
}

static int input_check(const struct payment_input *in,
		       struct payment_result *r)
{
	int d = in->decision_date;

	if (!date_valid(d / 10000, d / 100 % 100, d % 100))
		return bad(r, "decision_date", "date");
	if ((int)in->rule < 0 || in->rule >= PAYMENT_RULE_COUNT_)
		return bad(r, "rule", "enum");
	if (!money_ok(in->service_cost))
		return bad(r, "service_cost", "range");
	if (in->n_incomes != PAYMENT_INCOME_MONTHS &&
	    !(in->n_incomes == 0 && is_free_rule(in->rule)))
		return bad(r, "incomes", "range");
	for (int i = 0; i < in->n_incomes; i++)
		if (!money_ok(in->incomes[i]))
			return bad(r, "incomes", "range");
	if (in->family_members < 1 || in->family_members > PAYMENT_MEMBERS_MAX)
		return bad(r, "family_members", "range");
	if (!money_ok(in->asset_value))
		return bad(r, "asset_value", "range");
	if (!money_ok(in->target_compensation))
		return bad(r, "target_compensation", "range");
	return 0;
}

/* ---- The rules ---------------------------------------------------------- */

static int explain_vrp(struct calc *c)
{
	struct payment_result *r = c->out;
	int rc = param_get(c, PARAM_VRP, PK_MONEY, &r->vrp, &r->vrp_valid_from);
	if (rc < 0)
		return rc;
	rc = line_start(c, "payment.vrp", ARGS(r->vrp, r->vrp_valid_from));
	if (rc < 0)
		return rc;
	return both(TEXT_LT("VRP sprendimo dieną (galioja nuo %s): %s",
			    day(r->vrp_valid_from).s, money(r->vrp, LT).s),
		    TEXT_EN("State-supported income (VRP) on the decision "
			    "date (in force since %s): %s",
			    day(r->vrp_valid_from).s, money(r->vrp, EN).s));
}

/* "X % of income: X % x base = amount" into *amount. */
static int explain_share(struct calc *c, int64_t base, int64_t bp,
			 int64_t *amount)
{
	int rc;

	*amount = share_of(base, bp);
	rc = line_start(c, "payment.share", ARGS(base, bp, *amount));
	if (rc < 0)
		return rc;
	return both(TEXT_LT("%s pajamų: %s × %s = %s", pct(bp, LT).s,
			    pct(bp, LT).s, money(base, LT).s,
			    money(*amount, LT).s),
		    TEXT_EN("%s of income: %s × %s = %s", pct(bp, EN).s,
			    pct(bp, EN).s, money(base, EN).s,
			    money(*amount, EN).s));
}

/* GENERAL and SOCIAL_SUPERVISION: free below the threshold, else the
 * service cost. */
static int rule_threshold(struct calc *c, const char *key, int64_t *computed)
{
	struct payment_result *r = c->out;
	int64_t bp, thr, pp = r->income_per_person, cost = r->service_cost;
	int rc;

	if ((rc = explain_vrp(c)) < 0 ||
	    (rc = param_get(c, key, PK_VRP_MULTIPLE, &bp, NULL)) < 0)
		return rc;
	thr = share_of(r->vrp, bp);
	rc = line_start(c, "payment.free_threshold", ARGS(bp, r->vrp, thr));
	if (rc < 0)
		return rc;
	rc = both(TEXT_LT("Nemokama, kai pajamos vienam asmeniui mažesnės "
			  "nei %s VRP: %s × %s = %s",
			  mult(bp, LT).s, mult(bp, LT).s, money(r->vrp, LT).s,
			  money(thr, LT).s),
		  TEXT_EN("Free when income per person is below %s VRP: "
			  "%s × %s = %s",
			  mult(bp, EN).s, mult(bp, EN).s, money(r->vrp, EN).s,
			  money(thr, EN).s));
	if (rc < 0)
		return rc;
	if (pp < thr) {
		*computed = 0;
		rc = line_start(c, "payment.below_threshold", ARGS(pp, thr));
		if (rc < 0)
			return rc;
		return both(TEXT_LT("%s < %s: paslauga nemokama",
				    money(pp, LT).s, money(thr, LT).s),
			    TEXT_EN("%s < %s: the service is free",
				    money(pp, EN).s, money(thr, EN).s));
	}
	*computed = cost;
	rc = line_start(c, "payment.at_or_above_threshold", ARGS(pp, thr, cost));
	if (rc < 0)
		return rc;
	return both(TEXT_LT("%s ≥ %s: mokama paslaugos kaina %s",
			    money(pp, LT).s, money(thr, LT).s,
			    money(cost, LT).s),
		    TEXT_EN("%s ≥ %s: the service cost %s is paid",
			    money(pp, EN).s, money(thr, EN).s,
			    money(cost, EN).s));
}

/* HOME_HELP: a share of income, reduced so that the floor remains. */
static int rule_home_help(struct calc *c, int64_t *computed)
{
	struct payment_result *r = c->out;
	int64_t bp, floor_bp, floor_pp, floor_total, cap, share;
	int64_t avg = r->income_average, m = r->family_members;
	int rc;

	if ((rc = explain_vrp(c)) < 0 ||
	    (rc = param_get(c, PARAM_HOME_HELP_SHARE, PK_SHARE, &bp, NULL)) <
		    0 ||
	    (rc = param_get(c, PARAM_HOME_HELP_FLOOR, PK_VRP_MULTIPLE,
			    &floor_bp, NULL)) < 0 ||
	    (rc = explain_share(c, avg, bp, &share)) < 0)
		return rc;

	floor_pp = share_of(r->vrp, floor_bp);
	floor_total = floor_pp * m;
	rc = line_start(c, "payment.floor",
			ARGS(floor_bp, r->vrp, floor_pp, m, floor_total));
	if (rc < 0)
		return rc;
	rc = both(TEXT_LT("Po mokėjimo kiekvienam asmeniui turi likti ne "
			  "mažiau kaip %s VRP (%s × %s = %s): %s × %s = %s",
			  mult(floor_bp, LT).s, mult(floor_bp, LT).s,
			  money(r->vrp, LT).s, money(floor_pp, LT).s,
			  count(m).s, money(floor_pp, LT).s,
			  money(floor_total, LT).s),
		  TEXT_EN("At least %s VRP must remain per person after "
			  "paying (%s × %s = %s): %s × %s = %s",
			  mult(floor_bp, EN).s, mult(floor_bp, EN).s,
			  money(r->vrp, EN).s, money(floor_pp, EN).s,
			  count(m).s, money(floor_pp, EN).s,
			  money(floor_total, EN).s));
	if (rc < 0)
		return rc;

	if (avg <= floor_total) {
		cap = 0;
		rc = line_start(c, "payment.floor_cap_zero",
				ARGS(avg, floor_total));
		if (rc < 0)
			return rc;
		rc = both(TEXT_LT("Pajamos %s neviršija %s: daugiausia "
				  "galima mokėti 0,00 €",
				  money(avg, LT).s, money(floor_total, LT).s),
			  TEXT_EN("Income %s does not exceed %s: at most "
				  "€0.00 can be paid",
				  money(avg, EN).s, money(floor_total, EN).s));
	} else {
		cap = avg - floor_total;
		rc = line_start(c, "payment.floor_cap",
				ARGS(avg, floor_total, cap));
		if (rc < 0)
			return rc;
		rc = both(TEXT_LT("Daugiausia galima mokėti: %s − %s = %s",
				  money(avg, LT).s, money(floor_total, LT).s,
				  money(cap, LT).s),
			  TEXT_EN("Largest payment that leaves the floor: "
				  "%s − %s = %s",
				  money(avg, EN).s, money(floor_total, EN).s,
				  money(cap, EN).s));
	}
	if (rc < 0)
		return rc;

	*computed = share;
	if (share <= cap)
		return 0;
	*computed = cap;
	rc = line_start(c, "payment.capped_by_floor",
			ARGS(share, cap, floor_bp));
	if (rc < 0)
		return rc;
	return both(TEXT_LT("Mokėjimas mažinamas nuo %s iki %s, kad "
			    "kiekvienam asmeniui liktų %s VRP",
			    money(share, LT).s, money(cap, LT).s,
			    mult(floor_bp, LT).s),
		    TEXT_EN("The payment is reduced from %s to %s so that "
			    "%s VRP remain per person",
			    money(share, EN).s, money(cap, EN).s,
			    mult(floor_bp, EN).s));
}

/* DAY_CARE: a share of income chosen by band of income per person. */
static int rule_day_care(struct calc *c, int64_t *computed)
{
	struct payment_result *r = c->out;
	int64_t l1bp, l2bp, b[3], lim1, lim2, band, pp = r->income_per_person;
	int rc;

	if ((rc = explain_vrp(c)) < 0 ||
	    (rc = param_get(c, PARAM_DAYCARE_BAND1_LIMIT, PK_VRP_MULTIPLE,
			    &l1bp, NULL)) < 0 ||
	    (rc = param_get(c, PARAM_DAYCARE_BAND2_LIMIT, PK_VRP_MULTIPLE,
			    &l2bp, NULL)) < 0 ||
	    (rc = param_get(c, PARAM_DAYCARE_BAND1, PK_SHARE, &b[0], NULL)) <
		    0 ||
	    (rc = param_get(c, PARAM_DAYCARE_BAND2, PK_SHARE, &b[1], NULL)) <
		    0 ||
	    (rc = param_get(c, PARAM_DAYCARE_BAND3, PK_SHARE, &b[2], NULL)) < 0)
		return rc;
	if (l2bp < l1bp) {
		r->error_field = "params";
		r->error_key = "range";
		r->error_param = PARAM_DAYCARE_BAND2_LIMIT;
		return ERR_INVALID;
	}
	lim1 = share_of(r->vrp, l1bp);
	lim2 = share_of(r->vrp, l2bp);
	rc = line_start(c, "payment.daycare_bands",
			ARGS(l1bp, l2bp, lim1, lim2, b[0], b[1], b[2]));
	if (rc < 0)
		return rc;
	rc = both(TEXT_LT("Mokėjimo dydis pagal pajamas vienam asmeniui: "
			  "1) mažiau nei %s (%s VRP) – %s; 2) nuo %s iki %s "
			  "(%s VRP) imtinai – %s; 3) daugiau nei %s – %s",
			  money(lim1, LT).s, mult(l1bp, LT).s, pct(b[0], LT).s,
			  money(lim1, LT).s, money(lim2, LT).s,
			  mult(l2bp, LT).s, pct(b[1], LT).s,
			  money(lim2, LT).s, pct(b[2], LT).s),
		  TEXT_EN("Share by income per person: 1) below %s (%s VRP) "
			  "– %s; 2) from %s up to and including %s (%s VRP) "
			  "– %s; 3) above %s – %s",
			  money(lim1, EN).s, mult(l1bp, EN).s, pct(b[0], EN).s,
			  money(lim1, EN).s, money(lim2, EN).s,
			  mult(l2bp, EN).s, pct(b[1], EN).s,
			  money(lim2, EN).s, pct(b[2], EN).s));
	if (rc < 0)
		return rc;
	band = pp < lim1 ? 1 : pp <= lim2 ? 2 : 3;
	rc = line_start(c, "payment.daycare_band", ARGS(pp, band, b[band - 1]));
	if (rc < 0)
		return rc;
	rc = both(TEXT_LT("Pajamos vienam asmeniui %s: %s grupė, mokama %s "
			  "pajamų",
			  money(pp, LT).s, count(band).s, pct(b[band - 1], LT).s),
		  TEXT_EN("Income per person %s: band %s, %s of income is "
			  "paid",
			  money(pp, EN).s, count(band).s,
			  pct(b[band - 1], EN).s));
	if (rc < 0)
		return rc;
	return explain_share(c, r->income_average, b[band - 1], computed);
}

/* LONG_TERM_CARE: share of income + share of assets above the norm +
 * target compensation. */
static int rule_long_term(struct calc *c, int64_t *computed)
{
	struct payment_result *r = c->out;
	int64_t bp, asset_bp, norm, part_income, part_assets = 0;
	int64_t assets = c->in->asset_value, tc = c->in->target_compensation;
	int norm_from, rc;

	if ((rc = param_get(c, PARAM_LONG_TERM_SHARE, PK_SHARE, &bp, NULL)) <
		    0 ||
	    (rc = param_get(c, PARAM_LONG_TERM_ASSET_SHARE, PK_SHARE,
			    &asset_bp, NULL)) < 0 ||
	    (rc = param_get(c, PARAM_ASSET_NORM, PK_MONEY, &norm,
			    &norm_from)) < 0 ||
	    (rc = explain_share(c, r->income_average, bp, &part_income)) < 0)
		return rc;

	rc = line_start(c, "payment.asset_norm", ARGS(norm, norm_from));
	if (rc < 0)
		return rc;
	rc = both(TEXT_LT("Turto vertės normatyvas (galioja nuo %s): %s",
			  day(norm_from).s, money(norm, LT).s),
		  TEXT_EN("Asset value norm (in force since %s): %s",
			  day(norm_from).s, money(norm, EN).s));
	if (rc < 0)
		return rc;

	if (assets <= norm) {
		rc = line_start(c, "payment.assets_within_norm",
				ARGS(assets, norm));
		if (rc < 0)
			return rc;
		rc = both(TEXT_LT("Turto vertė %s neviršija normatyvo %s: "
				  "už turtą nemokama",
				  money(assets, LT).s, money(norm, LT).s),
			  TEXT_EN("Asset value %s does not exceed the norm "
				  "%s: nothing is added for assets",
				  money(assets, EN).s, money(norm, EN).s));
	} else {
		int64_t excess = assets - norm;
		rc = line_start(c, "payment.assets_excess",
				ARGS(assets, norm, excess));
		if (rc < 0)
			return rc;
		rc = both(TEXT_LT("Turto vertė virš normatyvo: %s − %s = %s",
				  money(assets, LT).s, money(norm, LT).s,
				  money(excess, LT).s),
			  TEXT_EN("Asset value above the norm: %s − %s = %s",
				  money(assets, EN).s, money(norm, EN).s,
				  money(excess, EN).s));
		if (rc < 0)
			return rc;
		part_assets = share_of(excess, asset_bp);
		rc = line_start(c, "payment.assets_share",
				ARGS(excess, asset_bp, part_assets));
		if (rc < 0)
			return rc;
		rc = both(TEXT_LT("%s turto vertės virš normatyvo per mėnesį: "
				  "%s × %s = %s",
				  pct(asset_bp, LT).s, pct(asset_bp, LT).s,
				  money(excess, LT).s, money(part_assets, LT).s),
			  TEXT_EN("%s of the asset value above the norm per "
				  "month: %s × %s = %s",
				  pct(asset_bp, EN).s, pct(asset_bp, EN).s,
				  money(excess, EN).s,
				  money(part_assets, EN).s));
	}
	if (rc < 0)
		return rc;

	rc = line_start(c, "payment.target_compensation", ARGS(tc));
	if (rc < 0)
		return rc;
	rc = both(TEXT_LT("Tikslinė kompensacija (įskaičiuojama visa): %s",
			  money(tc, LT).s),
		  TEXT_EN("Target compensation (counted in full): %s",
			  money(tc, EN).s));
	if (rc < 0)
		return rc;

	*computed = part_income + part_assets + tc;
	rc = line_start(c, "payment.sum",
			ARGS(part_income, part_assets, tc, *computed));
	if (rc < 0)
		return rc;
	return both(TEXT_LT("Iš viso: %s + %s + %s = %s",
			    money(part_income, LT).s, money(part_assets, LT).s,
			    money(tc, LT).s, money(*computed, LT).s),
		    TEXT_EN("Total: %s + %s + %s = %s",
			    money(part_income, EN).s, money(part_assets, EN).s,
			    money(tc, EN).s, money(*computed, EN).s));
}

/* The lines every computation starts with: rule, date and cost. */
static int explain_head(struct calc *c)
{
	struct payment_result *r = c->out;
	int rc;

	rc = line_start(c, "payment.rule", ARGS(r->rule, r->decision_date));
	if (rc < 0)
		return rc;
	rc = both(TEXT_LT("Paslauga: %s; sprendimo data %s (Vyriausybės "
			  "nutarimas Nr. 583)",
			  rules[r->rule].lt, day(r->decision_date).s),
		  TEXT_EN("Service: %s; decision date %s (Government "
			  "resolution 583)",
			  rules[r->rule].en, day(r->decision_date).s));
	if (rc < 0)
		return rc;
	rc = line_start(c, "payment.service_cost", ARGS(r->service_cost));
	if (rc < 0)
		return rc;
	return both(TEXT_LT("Paslaugos kaina per mėnesį: %s",
			    money(r->service_cost, LT).s),
		    TEXT_EN("Monthly service cost: %s",
			    money(r->service_cost, EN).s));
}

/* Average of the 3 months, then per person; both rounded half up. */
static int explain_income(struct calc *c)
{
	struct payment_result *r = c->out;
	const int64_t *i = c->in->incomes;
	int64_t sum = i[0] + i[1] + i[2], m = r->family_members;
	int rc;

	r->income_average = div_round(sum, PAYMENT_INCOME_MONTHS);
	r->income_per_person = div_round(r->income_average, m);
	rc = line_start(c, "payment.income_average",
			ARGS(i[0], i[1], i[2], r->income_average));
	if (rc < 0)
		return rc;
	rc = both(TEXT_LT("Vidutinės pajamos per 3 mėn.: (%s + %s + %s) / 3 "
			  "= %s",
			  money(i[0], LT).s, money(i[1], LT).s,
			  money(i[2], LT).s, money(r->income_average, LT).s),
		  TEXT_EN("Average income over 3 months: (%s + %s + %s) / 3 "
			  "= %s",
			  money(i[0], EN).s, money(i[1], EN).s,
			  money(i[2], EN).s, money(r->income_average, EN).s));
	if (rc < 0)
		return rc;
	rc = line_start(c, "payment.income_per_person",
			ARGS(r->income_average, m, r->income_per_person));
	if (rc < 0)
		return rc;
	return both(TEXT_LT("Pajamos vienam asmeniui: %s / %s = %s",
			    money(r->income_average, LT).s, count(m).s,
			    money(r->income_per_person, LT).s),
		    TEXT_EN("Income per person: %s / %s = %s",
			    money(r->income_average, EN).s, count(m).s,
			    money(r->income_per_person, EN).s));
}

/* Caps at the service cost and writes the last line. */
static int explain_total(struct calc *c, int64_t computed)
{
	struct payment_result *r = c->out;
	int rc;

	r->payment = computed;
	if (computed > r->service_cost) {
		r->payment = r->service_cost;
		rc = line_start(c, "payment.capped_by_cost",
				ARGS(computed, r->service_cost));
		if (rc < 0)
			return rc;
		rc = both(TEXT_LT("Apskaičiuota suma %s viršija paslaugos "
				  "kainą, todėl mokama %s",
				  money(computed, LT).s,
				  money(r->service_cost, LT).s),
			  TEXT_EN("The computed %s exceeds the service cost, "
				  "so %s is paid",
				  money(computed, EN).s,
				  money(r->service_cost, EN).s));
		if (rc < 0)
			return rc;
	}
	rc = line_start(c, "payment.total", ARGS(r->payment));
	if (rc < 0)
		return rc;
	return both(TEXT_LT("Mokėjimas per mėnesį: %s", money(r->payment, LT).s),
		    TEXT_EN("Monthly payment: %s", money(r->payment, EN).s));
}

int payment_compute(const struct param_table *params,
		    const struct payment_input *in, struct payment_result *out)
{
	struct calc c = { .params = params, .in = in, .out = out };
	int64_t computed = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = input_check(in, out);
	if (rc < 0)
		goto out;
	out->decision_date = in->decision_date;
	out->rule = in->rule;
	out->service_cost = in->service_cost;
	out->family_members = in->family_members;

	rc = explain_head(&c);
	if (rc < 0)
		goto out;
	if (is_free_rule(in->rule)) {
		rc = line_start(&c, "payment.free", 0, NULL);
		if (rc < 0)
			goto out;
		rc = both(text_put(c.line->text_lt,
				   "Ši paslauga teikiama nemokamai"),
			  text_put(c.line->text_en,
				   "This service is free of charge"));
		if (rc < 0)
			goto out;
		rc = explain_total(&c, 0);
		goto out;
	}

	rc = explain_income(&c);
	if (rc < 0)
		goto out;
	switch (in->rule) {
	case PAYMENT_RULE_GENERAL:
		rc = rule_threshold(&c, PARAM_GENERAL_FREE_BELOW, &computed);
		break;
	case PAYMENT_RULE_SOCIAL_SUPERVISION:
		rc = rule_threshold(&c, PARAM_SUPERVISION_FREE_BELOW,
				    &computed);
		break;
	case PAYMENT_RULE_HOME_HELP:
		rc = rule_home_help(&c, &computed);
		break;
	case PAYMENT_RULE_DAY_CARE:
		rc = rule_day_care(&c, &computed);
		break;
	case PAYMENT_RULE_SHORT_TERM_CARE: {
		int64_t bp;
		rc = param_get(&c, PARAM_SHORT_TERM_SHARE, PK_SHARE, &bp, NULL);
		if (rc == 0)
			rc = explain_share(&c, out->income_average, bp,
					   &computed);
		break;
	}
	case PAYMENT_RULE_LONG_TERM_CARE:
		rc = rule_long_term(&c, &computed);
		break;
	default:
		rc = ERR_INTERNAL; /* free rules were handled above */
		break;
	}
	if (rc < 0)
		goto out;
	rc = explain_total(&c, computed);
out:
	if (rc < 0) {
		/* Keep only the reason: no half-built payment or lines. */
		const char *f = out->error_field, *k = out->error_key,
			   *p = out->error_param;
		memset(out, 0, sizeof(*out));
		out->error_field = f;
		out->error_key = k;
		out->error_param = p;
		if (rc == ERR_INTERNAL && f == NULL)
			out->error_key = "internal";
	}
	return rc;
}
