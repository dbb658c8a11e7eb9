/*
 * api_util.h - helpers shared by the API handlers.
 */
#ifndef PAGALBA_API_UTIL_H
#define PAGALBA_API_UTIL_H

#include "api/api.h"
#include "core/fielderr.h"

/* Copies domain field errors into the response and returns rc (or
 * ERR_INVALID when rc is 0 but there are errors). */
int api_field_errors(struct api_ctx *c, const struct field_errors *fe, int rc);

/* Handlers, one per route (see api_routes.c). */
int api_health(struct api_ctx *c);
int api_openapi(struct api_ctx *c);
int api_login(struct api_ctx *c);
int api_logout(struct api_ctx *c);
int api_session_get(struct api_ctx *c);
int api_password_change(struct api_ctx *c);

int api_person_create(struct api_ctx *c);
int api_person_get(struct api_ctx *c);
int api_person_update(struct api_ctx *c);
int api_person_list(struct api_ctx *c);
int api_person_search(struct api_ctx *c);
int api_person_duplicates(struct api_ctx *c);
int api_person_merge(struct api_ctx *c);

struct person_input;
/* Reads a person body into *in with field errors (also the fuzz entry). */
int api_person_input_read(struct api_ctx *c, struct person_input *in);

/* == person parts == */
/* == end person parts == */

/* == organisation and users == */
/* == end organisation and users == */

/* == audit == */
/* == end audit == */

#endif
