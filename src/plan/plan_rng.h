/*
 * plan_rng.h - the solver's own pseudo-random generator.
 *
 * xoshiro256** (Blackman & Vigna) seeded through splitmix64.  The solver
 * does not use rand(): its sequence differs between C libraries, and its
 * hidden state is global, which would make results depend on whoever else
 * called it.  One struct plan_rng per search; no shared state.
 */
#ifndef PAGALBA_PLAN_RNG_H
#define PAGALBA_PLAN_RNG_H

#include <stdint.h>

struct plan_rng {
	uint64_t s[4];
};

static inline uint64_t plan_rng_splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline void plan_rng_init(struct plan_rng *r, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		r->s[i] = plan_rng_splitmix(&x);
}

static inline uint64_t plan_rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t plan_rng_next(struct plan_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = plan_rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = plan_rng_rotl(s[3], 45);
	return result;
}

/* Uniform in [0, 1). */
static inline double plan_rng_real(struct plan_rng *r)
{
	return (double)(plan_rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, n), n > 0.  Lemire's multiply-shift; the bias for
 * the small n used here is below 2^-32 and irrelevant to a heuristic. */
static inline int plan_rng_below(struct plan_rng *r, int n)
{
	return (int)(((plan_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

#endif
