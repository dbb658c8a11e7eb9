/*
 * fuzz_json_body.c - libFuzzer target for what the API does with a request
 * body: UTF-8 check, jansson parse with duplicate keys rejected, field
 * validation of a person body (api_person_input_read) and the registry's
 * rules (person_validate). Nothing may crash, leak or read out of bounds,
 * and every rejection must leave a message key.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/api_util.h"
#include "core/text.h"
#include "domain/person.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct api_ctx c;
	struct arena arena;
	struct person_input in;
	struct field_errors fe = {0};
	json_error_t jerr;

	if (size > 64 * 1024 || !utf8_valid((const char *)data, size))
		return 0;
	json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (!body)
		return 0;
	if (!json_is_object(body)) {
		json_decref(body);
		return 0;
	}
	memset(&c, 0, sizeof(c));
	arena_init(&arena, 1 << 20);
	c.arena = &arena;
	c.body = body;
	int rc = api_person_input_read(&c, &in);
	if (rc && !c.err_key)
		abort(); /* a rejection without a message */
	if (!rc)
		person_validate(&in, 1, 20261123, &fe);
	json_decref(c.err_fields);
	json_decref(body);
	arena_release(&arena);
	return 0;
}
