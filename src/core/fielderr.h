/*
 * fielderr.h - field-level validation errors collected by the domain and
 * rendered by the api layer: a field name and a message key (see
 * api/api_messages.c). Capped; the first error per field wins.
 */
#ifndef PAGALBA_CORE_FIELDERR_H
#define PAGALBA_CORE_FIELDERR_H

#include <string.h>

#define FIELD_ERRORS_MAX 24

struct field_errors {
	int n;
	struct {
		const char *field; /* static or arena string */
		const char *key;   /* static message key */
	} e[FIELD_ERRORS_MAX];
};

/* Adds an error; returns ERR_INVALID (-1) for `return fe_add(...)`. */
static inline int fe_add(struct field_errors *fe, const char *field, const char *key)
{
	for (int i = 0; i < fe->n; i++)
		if (!strcmp(fe->e[i].field, field))
			return -1;
	if (fe->n < FIELD_ERRORS_MAX) {
		fe->e[fe->n].field = field;
		fe->e[fe->n].key = key;
		fe->n++;
	}
	return -1;
}

#endif
