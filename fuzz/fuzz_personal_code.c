/*
 * fuzz_personal_code.c - libFuzzer target for personal_code_parse.
 *
 * Any bytes must parse without crashing; an accepted code must round-trip
 * through personal_code_make to the same eleven digits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "domain/personal_code.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct personal_code_info info;
	enum personal_code_error why;
	char code[12];
	int rc;

	rc = personal_code_parse((const char *)data, size, &info, &why);
	if ((rc == 0) != (why == PERSONAL_CODE_OK))
		abort();
	if (personal_code_error_key(why) == NULL)
		abort();
	(void)personal_code_parse_at((const char *)data, size, 20250101, NULL,
				     NULL);
	if (rc != 0)
		return 0;
	if (personal_code_make(info.sex, info.year, info.month, info.day,
			       (data[7] - '0') * 100 + (data[8] - '0') * 10 +
				       (data[9] - '0'),
			       code) != 0)
		abort();
	if (memcmp(code, data, 11) != 0)
		abort();
	return 0;
}
