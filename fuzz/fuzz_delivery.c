/*
 * fuzz_delivery.c - libFuzzer target for the delivered-service parsers
 * (a quantity, a month) and the CSV field writer of billing.
 *
 * Any bytes must be handled without crashing; an accepted quantity must
 * round-trip through delivery_units_format; an accepted month must give
 * its first and last day in order; a CSV field must come out quoted
 * exactly when it holds a separator, a quote or a line break, with every
 * quote inside doubled.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "domain/billing.h"
#include "domain/delivery.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64], out[32];
	int64_t x = 0, y = 0;
	int first = 0, last = 0;
	size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1;
	memcpy(s, data, n);
	s[n] = '\0';

	if (delivery_units_parse(s, &x) == 0) {
		if (x < 0 || x > DELIVERY_UNITS_MAX_X100)
			abort();
		delivery_units_format(x, out, sizeof(out));
		if (delivery_units_parse(out, &y) != 0 || y != x)
			abort();
		if (delivery_units_from_double((double)x / 100.0, &y) != 0 || y != x)
			abort();
	}
	if (delivery_month_parse(s, &first, &last) == 0 && (first > last || first / 100 != last / 100))
		abort();

	/* The whole input as one CSV field. */
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct buf b;
	buf_init(&b, 4 * size + 16);
	if (billing_csv_field(&b, text, 1) == 0 && b.len) {
		int quoted = strpbrk(text, ";\"\r\n") != NULL;
		if (quoted != (b.data[0] == '"'))
			abort();
		if (quoted) {
			/* Inside the quotes, quotes come in pairs. */
			for (size_t i = 1; i + 1 < b.len; i++)
				if (b.data[i] == '"' && b.data[++i] != '"')
					abort();
		}
	}
	buf_release(&b);
	free(text);
	return 0;
}
