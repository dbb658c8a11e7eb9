/*
 * amount.h - quantities of service units (hours, visits, nights, meals...)
 * as the case work stores them: int64 hundredths of a unit ("x100":
 * 1.5 hours = 150), so limits, decisions and deliveries add up exactly.
 * Outside, an amount is a decimal number with at most two decimals
 * ("10", "7.5", "0.25"; a decimal comma is accepted too: "7,5").
 *
 * Money is not an amount: it is int64 euro cents (payment.h formats it).
 * Pure functions, no allocation: thread-safe.
 */
#ifndef PAGALBA_CORE_AMOUNT_H
#define PAGALBA_CORE_AMOUNT_H

#include <stddef.h>
#include <stdint.h>

/* The largest amount accepted: 10 000 000.00 units. Far beyond any real
 * limit or delivery, and small enough that a double holds every value
 * with room to spare (see amount_x100_from_double). */
#define AMOUNT_X100_MAX INT64_C(1000000000)
/* Room for the longest formatted amount ("10000000.00") and the NUL. */
#define AMOUNT_TEXT_MAX 16

/*
 * Parses text: digits, optionally a '.' or ',' and one or two more
 * digits; no sign, spaces or exponent. Stores hundredths in *out.
 * Returns 0, or ERR_INVALID (NULL, empty, malformed, more than two
 * decimals, above AMOUNT_X100_MAX; *out untouched).
 */
int amount_x100_parse(const char *s, int64_t *out);

/*
 * Converts a number as a JSON parser gives it (e.g. 7.5 or 10.0) to
 * hundredths, accepting it only if it has at most two decimals (within
 * floating-point noise: 0.07 is 7) and lies in 0..AMOUNT_X100_MAX.
 * Returns 0 or ERR_INVALID (NaN, infinite, negative, too many decimals,
 * too large; *out untouched).
 */
int amount_x100_from_double(double v, int64_t *out);

/*
 * Formats hundredths the short way: no trailing zeros and no decimal
 * separator for whole amounts ("10", "7.5", "7.25"; with sep ',' "7,5").
 * Negative amounts get a leading '-'. Writes at most cap bytes including
 * the NUL (AMOUNT_TEXT_MAX suffices up to AMOUNT_X100_MAX). Returns the
 * length, or ERR_TOO_LARGE (out "" when cap > 0) / ERR_INVALID (out NULL).
 */
int amount_x100_format(int64_t x100, char sep, char *out, size_t cap);

#endif
