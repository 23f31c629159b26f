/* text: small, pure string checks shared by the decoders and validators. */
#ifndef CORE_TEXT_H
#define CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF) and holds no control characters other than
 * tab, line feed and carriage return. */
bool text_valid(const char *s, size_t n);

/* Number of code points in well-formed UTF-8. */
size_t text_chars(const char *s, size_t n);

/* The local date offset days from today, as "2026-11-25" (out: 11 bytes);
 * local means the time zone set at start-up (config [i18n] timezone). */
void text_local_day(int offset, char out[11]);

/* The client's address from an X-Forwarded-For value: its last entry (the
 * one the trusted proxy appended; earlier ones came from the client), if
 * that is one IPv4 or IPv6 address, written in canonical form into buf of
 * size n (INET6_ADDRSTRLEN is enough). Returns 0, or -1 leaving buf alone. */
int text_forwarded_for(const char *xff, char *buf, size_t n);

/* A phone number as typed, as the number of a tel: link ("+4969123456")
 * into out of size n: a leading + and the digits, nothing else. False when
 * it has fewer than three digits or does not fit (then it is no link). */
bool text_tel_number(const char *phone, char *out, size_t n);

/* Whole years of age on day of someone born on birth (both "YYYY-MM-DD"),
 * or -1 when either is malformed or day is before birth. Pure. */
int text_age_on(const char *birth, const char *day);

#endif
