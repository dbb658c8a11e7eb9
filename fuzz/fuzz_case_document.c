/*
 * fuzz_case_document.c - libFuzzer target for the case work's parsers of
 * outside input (domain/case.h): the document type sniffed from an
 * uploaded file's bytes, and months "YYYY-MM".
 *
 * Checks the documented properties: a type is one of the allowed ones,
 * "text/plain" only for valid UTF-8 without control bytes but tab, CR,
 * LF; a parsed month formats back to the same text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "domain/case.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const allowed[] = {
		"application/pdf", "image/jpeg", "image/png",
		"application/vnd.oasis.opendocument.text",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"text/plain", NULL};
	if (size > CASE_DOCUMENT_MAX_BYTES)
		return 0;
	const char *type = case_document_type(data, size);
	if (type) {
		int ok = 0;
		for (const char *const *a = allowed; *a; a++)
			ok |= !strcmp(*a, type);
		if (!ok || size == 0)
			abort();
		if (!strcmp(type, "text/plain")) {
			if (!utf8_valid((const char *)data, size))
				abort();
			for (size_t i = 0; i < size; i++)
				if ((data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r') ||
				    data[i] == 0x7f)
					abort();
		}
	}
	if (size < 16) {
		char s[17], back[8];
		int m;
		memcpy(s, data, size);
		s[size] = '\0';
		if (!case_month_parse(s, &m)) {
			case_month_format(m, back);
			if (strcmp(s, back))
				abort();
		}
	}
	return 0;
}
