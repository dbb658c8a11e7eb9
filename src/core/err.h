/*
 * err.h - the one table of error codes.
 *
 * Every function that can fail returns int: 0 on success or one of these
 * negative codes. The api layer maps them to HTTP statuses in one place
 * (api/api_error.c); nothing else invents its own codes.
 */
#ifndef PAGALBA_CORE_ERR_H
#define PAGALBA_CORE_ERR_H

enum {
	ERR_OK = 0,
	ERR_INVALID = -1,      /* bad input: the caller can fix it */
	ERR_NOT_FOUND = -2,    /* no such record, or not visible to the caller */
	ERR_CONFLICT = -3,     /* state or uniqueness conflict */
	ERR_FORBIDDEN = -4,    /* authenticated, but not allowed */
	ERR_UNAUTHORIZED = -5, /* no valid session or credentials */
	ERR_DB = -6,           /* storage failed */
	ERR_NOMEM = -7,        /* allocation failed */
	ERR_TOO_LARGE = -8,    /* a cap was exceeded */
	ERR_BUSY = -9,         /* transient: retry later */
	ERR_PRECONDITION = -10, /* If-Match did not match the current version */
	ERR_RATE_LIMITED = -11, /* too many attempts */
	ERR_IO = -12,          /* file or socket I/O failed */
	ERR_UNSUPPORTED = -13, /* not available in this configuration */
	ERR_INTERNAL = -14,    /* a bug: an invariant did not hold */
};

/* Returns a stable lowercase name for an error code ("invalid", ...).
 * Never NULL; unknown codes give "internal". Thread-safe. */
const char *err_name(int rc);

#endif
