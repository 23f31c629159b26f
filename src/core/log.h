/* log: one line per event on standard error, with a UTC timestamp. */
#ifndef CORE_LOG_H
#define CORE_LOG_H

/* Printf-style; the line end is added. Thread-safe (one fprintf per line). */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Suppresses log_info lines (errors still print); for tests and tools. */
void log_set_quiet(int quiet);

#endif
