/* totp: time-based one-time passwords (RFC 6238 over RFC 4226's HOTP, the
 * arithmetic done by liboath) and the one-time recovery codes that stand in
 * for a lost phone. Pure: no database, no HTTP; the second factor's state
 * lives with the accounts (app/mfa.c). */
#ifndef CORE_TOTP_H
#define CORE_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TOTP_SECRET_BYTES 20   /* 160 bits: RFC 4226's size for HMAC-SHA-1 */
#define TOTP_STEP_S 30         /* seconds a code is current */
#define TOTP_DIGITS 6          /* what every authenticator app shows */
#define TOTP_B32_MAX 64        /* base32 of a secret, no padding, plus NUL */
#define TOTP_RECOVERY_CHARS 24 /* 120 bits: stored as a plain digest, so more than ASVS's 112 */
#define TOTP_RECOVERY_MAX 30   /* "xxxx-xxxx-xxxx-xxxx-xxxx-xxxx" plus NUL */
#define TOTP_RECOVERY_COUNT 10 /* recovery codes handed out at enrolment */

/* The hash under the HMAC (RFC 6238 allows three; apps expect SHA-1). */
enum totp_hash { TOTP_SHA1, TOTP_SHA256, TOTP_SHA512 };

/* Starts liboath; once, before threads. 0 or -1. */
int totp_init(void);

/* A fresh random secret from libsodium's generator. */
void totp_new_secret(unsigned char out[TOTP_SECRET_BYTES]);

/* The secret as RFC 4648 base32 without padding, as people type it into
 * an app ("JBSWY3DP..."). 0, or -1 when out (of size n) is too small. */
int totp_base32(const unsigned char *secret, size_t len, char *out, size_t n);

/* The otpauth:// address an app reads from the QR code (Key Uri Format):
 * issuer and account percent-encoded. New string, or NULL. */
char *totp_uri(const char *issuer, const char *account, const char *secret_b32);

/* The code for time t with digits digits (6 to 8) into out (digits + 1
 * bytes). 0 or -1. For the tests and RFC 6238's vectors; log-ins use
 * totp_match. */
int totp_code(const unsigned char *secret, size_t len, time_t t, unsigned digits, enum totp_hash hash, char *out);

/* The time step (t / 30) whose 6-digit SHA-1 code is code, looking one step
 * either side of now for clocks that drift; -1 when none is. The caller
 * refuses a step at or before the last one used, so each code works once. */
int64_t totp_match(const unsigned char *secret, size_t len, time_t now, const char *code);

/* A new recovery code, six groups of four from 32 letters and digits that
 * cannot be mistaken for each other (120 bits). */
void totp_recovery_new(char out[TOTP_RECOVERY_MAX]);

/* A recovery code as typed (any case, with or without dashes and spaces,
 * 0/o and 1/l/i read alike) in its canonical form; false when it cannot be
 * one. */
bool totp_recovery_canonical(const char *in, char out[TOTP_RECOVERY_MAX]);

/* Six digits as typed ("123 456", "123-456") in canonical form; false when
 * it is not a code of TOTP_DIGITS digits. */
bool totp_code_canonical(const char *in, char out[TOTP_DIGITS + 1]);

#endif
