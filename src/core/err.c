#include "core/err.h"

const char *err_name(int rc)
{
	switch (rc) {
	case ERR_OK: return "ok";
	case ERR_INVALID: return "invalid";
	case ERR_NOT_FOUND: return "not_found";
	case ERR_CONFLICT: return "conflict";
	case ERR_FORBIDDEN: return "forbidden";
	case ERR_UNAUTHORIZED: return "unauthorized";
	case ERR_DB: return "storage";
	case ERR_NOMEM: return "no_memory";
	case ERR_TOO_LARGE: return "too_large";
	case ERR_BUSY: return "busy";
	case ERR_PRECONDITION: return "precondition_failed";
	case ERR_RATE_LIMITED: return "rate_limited";
	case ERR_IO: return "io";
	case ERR_UNSUPPORTED: return "unsupported";
	default: return "internal";
	}
}
