/*
 * amount.c - unit amounts in hundredths. See amount.h.
 */
#include "core/amount.h"
#include "core/err.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>

int amount_x100_parse(const char *s, int64_t *out)
{
	int64_t whole = 0, frac = 0;
	int ndig = 0, nfrac = 0;

	if (s == NULL)
		return ERR_INVALID;
	for (; *s >= '0' && *s <= '9'; s++, ndig++) {
		whole = whole * 10 + (*s - '0');
		if (whole > AMOUNT_X100_MAX / 100)
			return ERR_INVALID;
	}
	if (ndig == 0)
		return ERR_INVALID;
	if (*s == '.' || *s == ',') {
		s++;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (++nfrac > 2)
				return ERR_INVALID;
			frac = frac * 10 + (*s - '0');
		}
		if (nfrac == 0)
			return ERR_INVALID;
		if (nfrac == 1)
			frac *= 10;
	}
	if (*s != '\0')
		return ERR_INVALID;
	if (whole * 100 + frac > AMOUNT_X100_MAX)
		return ERR_INVALID;
	*out = whole * 100 + frac;
	return 0;
}

int amount_x100_from_double(double v, int64_t *out)
{
	double x, r;

	if (!isfinite(v) || v < 0 || v > (double)AMOUNT_X100_MAX / 100.0)
		return ERR_INVALID;
	x = v * 100.0;
	r = nearbyint(x);
	/* A decimal with two places, parsed into a double and scaled, lands
	 * within a few ulps of an integer; anything further has more
	 * decimals. 1e-6 is far above that noise at AMOUNT_X100_MAX (about
	 * 1e-7) and far below the 0.001 of a third decimal. */
	if (fabs(x - r) > 1e-6)
		return ERR_INVALID;
	*out = (int64_t)r;
	return 0;
}

int amount_x100_format(int64_t x100, char sep, char *out, size_t cap)
{
	uint64_t a;
	int n;

	if (out == NULL)
		return ERR_INVALID;
	a = x100 < 0 ? (uint64_t)0 - (uint64_t)x100 : (uint64_t)x100;
	if (a % 100 == 0)
		n = snprintf(out, cap, "%s%" PRIu64, x100 < 0 ? "-" : "", a / 100);
	else if (a % 10 == 0)
		n = snprintf(out, cap, "%s%" PRIu64 "%c%" PRIu64, x100 < 0 ? "-" : "",
			     a / 100, sep, a % 100 / 10);
	else
		n = snprintf(out, cap, "%s%" PRIu64 "%c%02" PRIu64, x100 < 0 ? "-" : "",
			     a / 100, sep, a % 100);
	if (n < 0 || (size_t)n >= cap) {
		if (cap > 0)
			out[0] = '\0';
		return ERR_TOO_LARGE;
	}
	return n;
}
