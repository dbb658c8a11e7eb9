/*
 * log.h - operational logging to stderr, one line per event.
 *
 * Rule: never log personal data (names, personal codes, addresses, note
 * text, request bodies). Log ids, routes, codes and timings. Thread-safe
 * (one fprintf per line).
 */
#ifndef PAGALBA_CORE_LOG_H
#define PAGALBA_CORE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* The minimum level is read once from PAGALBA_LOG (debug|info|warn|error). */
void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
