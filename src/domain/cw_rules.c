/*
 * cw_rules.c - pure rules of child welfare work. See cw_rules.h.
 */
#include "domain/cw_rules.h"

#include "core/date.h"
#include "core/err.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The defaults. DOMAIN.md section 5: measures "historically 1 month - 1
 * year, never past 18 (current durations unconfirmed)"; coordinated
 * services for a child 0-18, or to 21 with special educational needs.
 * Section 6: competence development hours per year, unconfirmed. */
static const struct {
	const char *key;
	int valid_from;
	int64_t value;
} defaults[] = {
	/* UNCONFIRMED: the longest term of one order, 12 months, is the
	 * historical rule; the current law may differ. A municipality
	 * enters the figure in force as a dated parameter. */
	{ PARAM_CW_MEASURE_MAX_MONTHS, 20220101, 12 },
	{ PARAM_CW_AGE_LIMIT, 20220101, 18 },
	{ PARAM_CW_AGE_LIMIT_SEN, 20220101, 21 },
	/* UNCONFIRMED: 16 hours a year of competence development for a
	 * social worker (order A1-92 as commonly restated); configurable. */
	{ PARAM_STAFFDEV_NORM, 20220101, 1600 },
};

int cw_params_defaults(struct param_table *t)
{
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		int rc = param_table_add(t, defaults[i].key, defaults[i].valid_from,
					 defaults[i].value);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static const char *const kind_names[CW_KIND__COUNT] = {
	"assign", "extend", "change", "cancel"};
static const char *const subject_names[CW_SUBJECT__COUNT] = {
	"minimal_care", "coordinated_services", "compulsory_education"};
static const char *const evaluation_names[CW_EVAL__COUNT] = {
	"carried_out", "partly", "not_carried_out"};

static int parse_in(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

const char *cw_kind_name(enum cw_order_kind k)
{
	return (unsigned)k < CW_KIND__COUNT ? kind_names[k] : "?";
}

int cw_kind_parse(const char *s)
{
	return parse_in(kind_names, CW_KIND__COUNT, s);
}

const char *cw_subject_name(enum cw_subject s)
{
	return (unsigned)s < CW_SUBJECT__COUNT ? subject_names[s] : "?";
}

int cw_subject_parse(const char *s)
{
	return parse_in(subject_names, CW_SUBJECT__COUNT, s);
}

const char *cw_evaluation_name(enum cw_evaluation e)
{
	return (unsigned)e < CW_EVAL__COUNT ? evaluation_names[e] : "?";
}

int cw_evaluation_parse(const char *s)
{
	return parse_in(evaluation_names, CW_EVAL__COUNT, s);
}

int cw_date_add_months(int date, int months)
{
	int y = date / 10000, m = date / 100 % 100, d = date % 100;
	if (!date_valid(y, m, d))
		return 0;
	int idx = y * 12 + (m - 1) + months;
	y = idx / 12;
	m = idx % 12 + 1;
	while (d > 28 && !date_valid(y, m, d))
		d--;
	return y * 10000 + m * 100 + d;
}

int cw_measure_last_day(int birth, enum cw_subject s, int sen, int age_limit,
			int age_limit_sen)
{
	int years = (s == CW_SUBJECT_COORDINATED && sen) ? age_limit_sen : age_limit;
	int bday = cw_date_add_months(birth, years * 12);
	return bday ? date_add_days(bday, -1) : 0;
}

int cw_term_last_day(int from, int max_months)
{
	int end = cw_date_add_months(from, max_months);
	return end ? date_add_days(end, -1) : 0;
}

int cw_term_check(int from, int to, const struct cw_term_limits *lim,
		  const char *from_field, const char *to_field,
		  const char *child_field, struct field_errors *fe)
{
	int n0 = fe->n;
	if (!from)
		fe_add(fe, from_field, "required");
	if (!to)
		fe_add(fe, to_field, "required");
	if (!from || !to)
		return ERR_INVALID;
	if (to < from)
		fe_add(fe, to_field, "date.order");
	else if (to > cw_term_last_day(from, lim->max_months))
		fe_add(fe, to_field, "cw.term.too_long");
	if (!lim->birth) {
		fe_add(fe, child_field, "cw.child.birth_date");
	} else {
		int last = cw_measure_last_day(lim->birth, lim->subject, lim->sen,
					       lim->age_limit, lim->age_limit_sen);
		if (from > last)
			fe_add(fe, from_field, "cw.term.age");
		if (to > last)
			fe_add(fe, to_field, "cw.term.age");
		if (from < lim->birth)
			fe_add(fe, from_field, "range");
	}
	return fe->n > n0 ? ERR_INVALID : 0;
}

int cw_report_add_order(struct cw_report_counts *c, int kind, int subject)
{
	if (kind < 0 || kind >= CW_KIND__COUNT || subject < 0 || subject >= CW_SUBJECT__COUNT)
		return ERR_INVALID;
	c->orders[kind][subject]++;
	c->orders_total++;
	return 0;
}

int cw_report_add_evaluation(struct cw_report_counts *c, int evaluation)
{
	if (evaluation < 0 || evaluation >= CW_EVAL__COUNT)
		return ERR_INVALID;
	c->evaluations[evaluation]++;
	return 0;
}

int cw_lt_plural(int64_t n)
{
	int64_t d = n % 10, h = n % 100;
	if (n < 0)
		return 2;
	if (d == 1 && h != 11)
		return 0;
	if (d >= 2 && d <= 9 && (h < 12 || h > 19))
		return 1;
	return 2;
}

/* Lithuanian noun forms (1, 2-9, 0/10-20) and the English ones (1, n). */
struct noun {
	const char *lt[3];
	const char *en[2];
};

static const struct noun meeting_noun = {{"posėdis", "posėdžiai", "posėdžių"},
					 {"meeting", "meetings"}};
static const struct noun question_noun = {{"klausimas", "klausimai", "klausimų"},
					  {"question", "questions"}};
static const struct noun order_noun = {{"potvarkis", "potvarkiai", "potvarkių"},
				       {"order", "orders"}};

/* "dėl ..." per kind and subject, Lithuanian and English. */
static const char *const about_lt[CW_KIND__COUNT][CW_SUBJECT__COUNT] = {
	{"dėl minimalios priežiūros priemonių skyrimo", "dėl koordinuotai teikiamų paslaugų skyrimo",
	 "dėl privalomo ugdymo skyrimo"},
	{"dėl minimalios priežiūros priemonių pratęsimo", "dėl koordinuotai teikiamų paslaugų pratęsimo",
	 "dėl privalomo ugdymo pratęsimo"},
	{"dėl minimalios priežiūros priemonių pakeitimo", "dėl koordinuotai teikiamų paslaugų pakeitimo",
	 "dėl privalomo ugdymo pakeitimo"},
	{"dėl minimalios priežiūros priemonių panaikinimo", "dėl koordinuotai teikiamų paslaugų panaikinimo",
	 "dėl privalomo ugdymo panaikinimo"},
};
static const char *const about_en[CW_KIND__COUNT][CW_SUBJECT__COUNT] = {
	{"assigning minimal care measures", "assigning coordinated services",
	 "assigning compulsory education"},
	{"extending minimal care measures", "extending coordinated services",
	 "extending compulsory education"},
	{"changing minimal care measures", "changing coordinated services",
	 "changing compulsory education"},
	{"cancelling minimal care measures", "cancelling coordinated services",
	 "cancelling compulsory education"},
};

static const char *noun_form(const struct noun *w, int64_t n, int lang)
{
	return lang ? w->en[n == 1 ? 0 : 1] : w->lt[cw_lt_plural(n)];
}

/* Appends to out at *len; ERR_TOO_LARGE when it does not fit. */
static int put(char *out, size_t cap, size_t *len, const char *sep,
	       int64_t n, const char *noun, const char *tail)
{
	int k = snprintf(out + *len, cap - *len, "%s%lld %s%s%s", sep, (long long)n, noun,
			 tail ? " " : "", tail ? tail : "");
	if (k < 0 || (size_t)k >= cap - *len)
		return ERR_TOO_LARGE;
	*len += (size_t)k;
	return 0;
}

int cw_report_summary(const struct cw_report_counts *c, int lang, char *out,
		      size_t cap)
{
	size_t len = 0;
	int rc;
	if (cap == 0)
		return ERR_TOO_LARGE;
	out[0] = '\0';
	rc = put(out, cap, &len, "", c->meetings, noun_form(&meeting_noun, c->meetings, lang), NULL);
	if (!rc)
		rc = put(out, cap, &len, ", ", c->questions,
			 noun_form(&question_noun, c->questions, lang), NULL);
	for (int k = 0; !rc && k < CW_KIND__COUNT; k++)
		for (int s = 0; !rc && s < CW_SUBJECT__COUNT; s++) {
			int64_t n = c->orders[k][s];
			char tail[128];
			if (!n)
				continue;
			snprintf(tail, sizeof(tail), "%s%s", lang ? "on " : "",
				 lang ? about_en[k][s] : about_lt[k][s]);
			rc = put(out, cap, &len, ", ", n, noun_form(&order_noun, n, lang), tail);
		}
	if (rc) {
		out[0] = '\0';
		return rc;
	}
	return (int)len;
}

int cw_staffdev_short(int64_t hours_x100, int64_t norm_x100)
{
	return hours_x100 < norm_x100;
}

int cw_hours_x100(double hours, int64_t *out)
{
	if (!isfinite(hours) || hours <= 0 || hours > 1000)
		return ERR_INVALID;
	double x = hours * 100.0;
	double r = round(x);
	if (fabs(x - r) > 1e-6)
		return ERR_INVALID;
	*out = (int64_t)r;
	return 0;
}
