/*
 * fuzz_text.c - libFuzzer target for core/text.c.
 *
 * Arbitrary bytes go to utf8_valid; when they are valid UTF-8 (hence
 * NUL-free) they are also folded and collated, into exact-size and
 * deliberately small buffers, checking the documented output properties.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_ascii(const char *s, int n, int collate)
{
	for (int i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (collate ? (c < 0x21 || c > 0x7E)
			    : !((c >= 'a' && c <= 'z') ||
				(c >= '0' && c <= '9') || c == ' '))
			abort();
	}
	if (s[n] != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in, *out;
	size_t big;
	int n;

	if (size > 4096)
		return 0;
	if (!utf8_valid((const char *)data, size))
		return 0;
	in = malloc(size + 1);
	big = 4 * size + 4;
	out = malloc(big);
	if (in == NULL || out == NULL)
		goto out;
	memcpy(in, data, size);
	in[size] = 0;

	n = text_fold(in, out, big);
	if (n < 0 || (size_t)n > 2 * size)
		abort();
	check_ascii(out, n, 0);
	/* Every smaller cap must fail cleanly, the exact one succeed. */
	for (size_t cap = 0; cap <= (size_t)n + 1 && cap < 8; cap++) {
		char *small = malloc(cap ? cap : 1);
		int r;
		if (small == NULL)
			goto out;
		r = text_fold(in, small, cap);
		if (cap <= (size_t)n ? r != ERR_TOO_LARGE : r != n)
			abort();
		free(small);
	}

	n = text_collate_key(in, out, big);
	if (n < 2 || (size_t)n > 4 * size + 3)
		abort();
	check_ascii(out, n, 1);
	for (size_t cap = 0; cap <= (size_t)n + 1 && cap < 8; cap++) {
		char *small = malloc(cap ? cap : 1);
		int r;
		if (small == NULL)
			goto out;
		r = text_collate_key(in, small, cap);
		if (cap <= (size_t)n ? r != ERR_TOO_LARGE : r != n)
			abort();
		free(small);
	}
	if (text_collate_cmp(in, in) != 0)
		abort();
	(void)text_edit_distance_capped(in, size, "jonaitis", 8, 2);
out:
	free(in);
	free(out);
	return 0;
}
