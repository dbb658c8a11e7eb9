#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static enum log_level log_min_level(void)
{
	/* Read every time: getenv is cheap, and this keeps the module free of
	 * mutable globals. Logging is not on any hot path. */
	const char *s = getenv("PAGALBA_LOG");
	if (!s)
		return LOG_INFO;
	if (!strcmp(s, "debug"))
		return LOG_DEBUG;
	if (!strcmp(s, "warn"))
		return LOG_WARN;
	if (!strcmp(s, "error"))
		return LOG_ERROR;
	return LOG_INFO;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *const names[] = {"debug", "info", "warn", "error"};
	if (level < log_min_level())
		return;
	char line[1024];
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	int n = snprintf(line, sizeof(line), "%04d-%02d-%02dT%02d:%02d:%02dZ %s ",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			 tm.tm_min, tm.tm_sec, names[level]);
	va_list ap;
	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof(line))
		vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", line);
}
