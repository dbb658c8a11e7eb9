/*
 * plan_gen.c - reproducible home-care instances (see plan_gen.h).
 */
#include "plan_gen.h"
#include "plan_rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GEN_MAX_CLIENTS 4000
#define GEN_NEIGHBOURHOODS 8
#define KM_PER_DEG_LAT 111.2

/* Times of day, minutes after midnight. */
#define T(h, m) ((h) * 60 + (m))

struct gen_client {
	struct plan_coord at;
	int skill;
	int days;     /* bit d: visited on day d */
	int per_day;  /* visits on such a day */
	int window;   /* for one visit a day: 0 morning, 1 midday, 2 afternoon, 3 all day */
	double service;
	int n_pref;
	double continuity;
};

void plan_gen_params_init(struct plan_gen_params *p)
{
	p->seed = 1;
	p->n_days = 5;
	p->visits_per_day = 400;
	p->n_workers = 30;
	p->centre = (struct plan_coord){54.8985, 23.9036};
	p->radius_km = 6.0;
	p->bad_visits = 0;
}

/* A point at (dx, dy) kilometres east and north of c. */
static struct plan_coord gen_offset(struct plan_coord c, double dx, double dy)
{
	double lat = c.lat + dy / KM_PER_DEG_LAT;
	double lon = c.lon + dx / (KM_PER_DEG_LAT * cos(c.lat * 3.14159265358979323846 / 180.0));
	return (struct plan_coord){lat, lon};
}

/* Uniform in a disc of radius r km around c. */
static struct plan_coord gen_disc(struct plan_rng *rng, struct plan_coord c, double r)
{
	double a = plan_rng_real(rng) * 2 * 3.14159265358979323846;
	double d = r * sqrt(plan_rng_real(rng));
	return gen_offset(c, d * cos(a), d * sin(a));
}

/* Normal with deviation s km around c (Box-Muller). */
static struct plan_coord gen_normal(struct plan_rng *rng, struct plan_coord c, double s)
{
	double u = 1.0 - plan_rng_real(rng), v = plan_rng_real(rng);
	double m = s * sqrt(-2 * log(u));
	return gen_offset(c, m * cos(2 * 3.14159265358979323846 * v),
			  m * sin(2 * 3.14159265358979323846 * v));
}

static double gen_pick(struct plan_rng *rng, const double *choices, int n)
{
	return choices[plan_rng_below(rng, n)];
}

static void gen_worker(const struct plan_gen_params *p, struct plan_rng *rng, int i,
		       struct plan_worker *wk, struct plan_coord *home, struct plan_coord *zone)
{
	int n = p->n_workers;
	int n_foot = n * 4 / 30, n_physio = n / 10 > 0 ? n / 10 : 1, n_nurse = n * 7 / 30;
	memset(wk, 0, sizeof(*wk));
	if (i >= n - n_physio)
		wk->skills = PLAN_SKILL_PHYSIO;
	else if (i >= n - n_physio - n_nurse)
		wk->skills = PLAN_SKILL_NURSE | PLAN_SKILL_CARER;
	else
		wk->skills = PLAN_SKILL_CARER;
	wk->mode = i < n_foot ? PLAN_MODE_FOOT : PLAN_MODE_CAR;
	wk->capacity = -1;
	int late = i % 3 == 1;
	wk->shift_start = late ? T(8, 0) : T(7, 30);
	wk->regular_end = late ? T(16, 30) : T(16, 0);
	wk->shift_end = wk->regular_end + 60; /* overtime allowed, at a cost */
	wk->break_start = T(11, 30);
	wk->break_end = T(13, 30);
	wk->break_duration = 30;
	/* Walkers work the centre; a third of the drivers start from home. */
	if (wk->mode == PLAN_MODE_FOOT) {
		*zone = gen_disc(rng, p->centre, p->radius_km * 0.25);
		*home = p->centre;
	} else {
		*zone = gen_disc(rng, p->centre, p->radius_km * 0.8);
		*home = plan_rng_below(rng, 3) == 0 ? gen_disc(rng, p->centre, p->radius_km)
						  : p->centre;
	}
}

static void gen_client(struct plan_rng *rng, const struct plan_gen_params *p,
		       const struct plan_coord *hood, struct gen_client *c)
{
	static const double carer_min[] = {15, 15, 20, 25, 30, 30, 40};
	static const double nurse_min[] = {15, 15, 20, 20, 30};
	static const double physio_min[] = {30, 45};
	int all = (1 << p->n_days) - 1;
	int mwf = 0x15 & all, tt = 0x0a & all;
	int one = 1 << plan_rng_below(rng, p->n_days);
	int roll = plan_rng_below(rng, 100);

	memset(c, 0, sizeof(*c));
	c->at = plan_rng_below(rng, 5) == 0
			? gen_disc(rng, p->centre, p->radius_km)
			: gen_normal(rng, hood[plan_rng_below(rng, GEN_NEIGHBOURHOODS)], 0.6);
	int kind = plan_rng_below(rng, 100);
	if (kind < 75) {
		c->skill = PLAN_SKILL_CARER;
		c->days = roll < 45 ? all : roll < 75 ? mwf : roll < 90 ? tt : one;
		int k = plan_rng_below(rng, 100);
		c->per_day = k < 65 ? 1 : k < 93 ? 2 : 3;
		c->service = gen_pick(rng, carer_min, 7);
	} else if (kind < 93) {
		c->skill = PLAN_SKILL_NURSE;
		c->days = roll < 30 ? all : roll < 70 ? mwf : one;
		c->per_day = plan_rng_below(rng, 100) < 85 ? 1 : 2;
		c->service = gen_pick(rng, nurse_min, 5);
	} else {
		c->skill = PLAN_SKILL_PHYSIO;
		c->days = roll < 50 ? mwf : tt;
		c->per_day = 1;
		c->service = gen_pick(rng, physio_min, 2);
	}
	if (c->days == 0)
		c->days = one;
	int w = plan_rng_below(rng, 100);
	c->window = w < 30 ? 0 : w < 50 ? 1 : w < 70 ? 2 : 3;
	c->n_pref = plan_rng_below(rng, 2) == 0 ? 1 : 2;
	c->continuity = plan_rng_below(rng, 3) == 0 ? 3 : 1;
}

/* The window of visit k of n on a day for client c: morning, midday,
 * afternoon or all day for one visit; morning and afternoon for two; all
 * three for three. */
static void gen_window(const struct gen_client *c, int k, double *from, double *to)
{
	static const double win[4][2] = {
		{T(7, 30), T(11, 0)}, {T(11, 0), T(14, 0)}, {T(13, 30), T(16, 30)}, {T(8, 0), T(16, 0)}};
	int which = c->window;
	if (c->per_day == 2)
		which = k == 0 ? 0 : 2;
	else if (c->per_day == 3)
		which = k;
	*from = win[which][0];
	*to = win[which][1];
}

/* The client's preferred workers: the nearest zones among the workers
 * with the skill that are not yet full (a head of department spreads the
 * clients; `load` is each worker's weekly minutes so far and `fair` the
 * limit), or the nearest ones when all are full. */
static void gen_preferred(const struct plan_gen_params *p, const struct plan_worker *wk,
			  const struct plan_coord *zone, const struct gen_client *c, double *load,
			  double fair, int *out)
{
	out[0] = out[1] = -1;
	for (int pass = 0; pass < 2 && out[0] < 0; pass++) {
		double best[2] = {INFINITY, INFINITY};
		for (int w = 0; w < p->n_workers; w++) {
			if (!(wk[w].skills & (uint64_t)c->skill) || (pass == 0 && load[w] > fair))
				continue;
			double d = plan_haversine_km(zone[w], c->at);
			if (d < best[0]) {
				best[1] = best[0];
				out[1] = out[0];
				best[0] = d;
				out[0] = w;
			} else if (d < best[1]) {
				best[1] = d;
				out[1] = w;
			}
		}
	}
	if (out[0] >= 0) {
		int days = 0;
		for (int d = 0; d < p->n_days; d++)
			days += (c->days >> d) & 1;
		load[out[0]] += c->service * c->per_day * days;
	}
}

static int gen_day(const struct plan_gen_params *p, struct plan_rng *rng, int d,
		   const struct gen_client *cl, int n_cl, const int *pref,
		   const struct plan_worker *wk, const struct plan_coord *home,
		   struct plan_gen_day *day)
{
	int nw = p->n_workers, cap = p->visits_per_day + p->bad_visits;
	int max_locs = 1 + nw + cap;
	int *loc_of = malloc((size_t)(n_cl > 0 ? n_cl : 1) * sizeof(int));
	day->coord = malloc((size_t)max_locs * sizeof(*day->coord));
	day->visits = calloc((size_t)cap, sizeof(*day->visits));
	day->client = malloc((size_t)cap * sizeof(int));
	day->workers = malloc((size_t)nw * sizeof(*day->workers));
	if (!loc_of || !day->coord || !day->visits || !day->client || !day->workers) {
		free(loc_of);
		return PLAN_ERR_NOMEM;
	}
	int nl = 0;
	day->coord[nl++] = p->centre;
	for (int w = 0; w < nw; w++) {
		day->workers[w] = wk[w];
		day->coord[nl] = home[w];
		day->workers[w].start_loc = day->workers[w].end_loc = nl++;
	}
	/* One worker is off each day. */
	day->workers[plan_rng_below(rng, nw)].absent = 1;

	int nv = 0;
	for (int c = 0; c < n_cl && nv < p->visits_per_day; c++) {
		loc_of[c] = -1;
		if (!(cl[c].days & (1 << d)) || nv + cl[c].per_day > p->visits_per_day)
			continue;
		loc_of[c] = nl;
		day->coord[nl++] = cl[c].at;
		for (int k = 0; k < cl[c].per_day; k++) {
			struct plan_visit *v = &day->visits[nv];
			double from, to;
			gen_window(&cl[c], k, &from, &to);
			v->loc = loc_of[c];
			v->service = cl[c].service;
			v->ready = from;
			v->due = to - v->service;
			v->skills = (uint64_t)cl[c].skill;
			v->preferred = &pref[2 * c];
			/* Fewer when fewer workers have the skill. */
			v->n_preferred = pref[2 * c] < 0 ? 0 : pref[2 * c + 1] < 0 ? 1 : cl[c].n_pref;
			v->continuity = cl[c].continuity;
			day->client[nv++] = c;
		}
	}
	free(loc_of);
	/* Bad input, if asked: no coordinates, a window that closes before
	 * it opens, a skill nobody has. */
	for (int b = 0; b < p->bad_visits; b++) {
		struct plan_visit *v = &day->visits[nv];
		v->loc = b == 0 ? -1 : 1 + nw;
		v->service = 30;
		v->ready = b == 1 ? T(15, 0) : T(8, 0);
		v->due = b == 1 ? T(13, 0) : T(15, 0);
		v->skills = b == 2 ? PLAN_SKILL_UNKNOWN : PLAN_SKILL_CARER;
		day->client[nv++] = -1;
	}

	struct plan_travel_params tp;
	plan_travel_params_init(&tp);
	day->travel = malloc((size_t)PLAN_MODE_COUNT * (size_t)nl * (size_t)nl * sizeof(double));
	if (!day->travel)
		return PLAN_ERR_NOMEM;
	int rc = plan_travel_matrices(day->coord, nl, &tp, day->travel, NULL);
	if (rc)
		return rc;
	day->pb = (struct plan_problem){.n_locs = nl, .travel = day->travel,
					.n_modes = PLAN_MODE_COUNT, .n_visits = nv,
					.visits = day->visits, .n_workers = nw,
					.workers = day->workers};
	return 0;
}

int plan_gen_week(const struct plan_gen_params *p, struct plan_gen_week *out)
{
	struct plan_rng rng;
	struct gen_client *cl = NULL;
	struct plan_worker *wk = NULL;
	struct plan_coord *home = NULL, *zone = NULL;
	int rc = 0;

	if (!out)
		return PLAN_ERR_INVALID;
	memset(out, 0, sizeof(*out));
	if (!p || p->n_days < 1 || p->n_days > 7 || p->visits_per_day < 0 ||
	    p->visits_per_day > 5000 || p->n_workers < 3 || p->n_workers > 1000 ||
	    !plan_coord_valid(p->centre) || !(p->radius_km > 0 && p->radius_km <= 100) ||
	    p->bad_visits < 0 || p->bad_visits > 3)
		return PLAN_ERR_INVALID;
	plan_rng_init(&rng, p->seed);

	cl = malloc(GEN_MAX_CLIENTS * sizeof(*cl));
	wk = malloc((size_t)p->n_workers * sizeof(*wk));
	home = malloc((size_t)p->n_workers * sizeof(*home));
	zone = malloc((size_t)p->n_workers * sizeof(*zone));
	out->preferred = malloc(2 * GEN_MAX_CLIENTS * sizeof(int));
	out->days = calloc((size_t)p->n_days, sizeof(*out->days));
	if (!cl || !wk || !home || !zone || !out->preferred || !out->days) {
		rc = PLAN_ERR_NOMEM;
		goto out;
	}
	out->n_days = p->n_days;
	for (int w = 0; w < p->n_workers; w++)
		gen_worker(p, &rng, w, &wk[w], &home[w], &zone[w]);
	struct plan_coord hood[GEN_NEIGHBOURHOODS];
	for (int h = 0; h < GEN_NEIGHBOURHOODS; h++)
		hood[h] = gen_disc(&rng, p->centre, p->radius_km * 0.7);

	/* Clients until every day has its visits (or the cap). */
	int need = p->visits_per_day * p->n_days, have = 0, n = 0;
	int *count = calloc((size_t)p->n_days, sizeof(int));
	double *load = calloc((size_t)p->n_workers, sizeof(double));
	/* A worker's fair week: the visits' minutes (about 25 each) spread
	 * over the workers, with a margin. */
	double fair = 1.15 * 25.0 * p->visits_per_day * p->n_days / p->n_workers;
	if (!count || !load) {
		free(count);
		free(load);
		rc = PLAN_ERR_NOMEM;
		goto out;
	}
	while (n < GEN_MAX_CLIENTS && have < need) {
		gen_client(&rng, p, hood, &cl[n]);
		gen_preferred(p, wk, zone, &cl[n], load, fair, &out->preferred[2 * n]);
		for (int d = 0; d < p->n_days; d++) {
			if (!(cl[n].days & (1 << d)))
				continue;
			int add = count[d] + cl[n].per_day <= p->visits_per_day ? cl[n].per_day : 0;
			count[d] += add;
			have += add;
		}
		n++;
	}
	free(count);
	free(load);
	out->n_clients = n;
	for (int d = 0; d < p->n_days && rc == 0; d++)
		rc = gen_day(p, &rng, d, cl, n, out->preferred, wk, home, &out->days[d]);
out:
	free(cl);
	free(wk);
	free(home);
	free(zone);
	if (rc)
		plan_gen_week_release(out);
	return rc;
}

void plan_gen_week_release(struct plan_gen_week *w)
{
	if (!w)
		return;
	for (int d = 0; w->days && d < w->n_days; d++) {
		free(w->days[d].coord);
		free(w->days[d].travel);
		free(w->days[d].visits);
		free(w->days[d].client);
		free(w->days[d].workers);
	}
	free(w->days);
	free(w->preferred);
	memset(w, 0, sizeof(*w));
}
