/*
 * api_amount.c - unit amounts (hours, visits, nights...) in the API: a
 * JSON number with at most two decimals (10, 7.5, 0.25), or the same as a
 * string ("7.5" or "7,5"), stored as hundredths (core/amount.h). Shared by
 * every case-work area that takes or shows amounts. See api_util.h.
 */
#include "api/api.h"
#include "api/api_util.h"
#include "core/amount.h"
#include "core/err.h"

int api_amount_parse(const json_t *v, int64_t *out)
{
	if (json_is_integer(v)) {
		json_int_t x = json_integer_value(v);
		if (x < 0 || x > AMOUNT_X100_MAX / 100)
			return ERR_INVALID;
		*out = (int64_t)x * 100;
		return 0;
	}
	if (json_is_real(v))
		return amount_x100_from_double(json_real_value(v), out);
	if (json_is_string(v))
		return amount_x100_parse(json_string_value(v), out);
	return ERR_INVALID;
}

int api_amount(struct api_ctx *c, const char *field, int required,
	       int64_t min_x100, int64_t max_x100, int64_t *out)
{
	int64_t x;
	json_t *v = c->body ? json_object_get(c->body, field) : NULL;
	if (!v || json_is_null(v))
		return required ? api_field_error(c, field, "required") : 0;
	if (api_amount_parse(v, &x))
		return api_field_error(c, field, "amount");
	if (x < min_x100 || x > max_x100)
		return api_field_error(c, field, "range");
	*out = x;
	return 0;
}

json_t *api_amount_json(int64_t x100)
{
	if (x100 % 100 == 0)
		return json_integer(x100 / 100);
	return json_real((double)x100 / 100.0);
}
