/* secret: passwords and tokens through libsodium. Nothing here touches the
 * database or HTTP; it is the small, testable core of the staff gate. */
#ifndef CORE_SECRET_H
#define CORE_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define SECRET_PASSWORD_MIN 10      /* characters */
#define SECRET_PASSWORD_MAX 128     /* characters */
#define SECRET_HASH_MAX 128         /* room for an argon2id string */
#define SECRET_TOKEN_HEX 65         /* 256-bit token as hex, plus NUL */
#define SECRET_DIGEST 32            /* bytes of a token hash */

/* Starts libsodium and sets the argon2id cost (ops passes, mem MiB; at least
 * 2 and 19). Returns 0 or -1. */
int secret_init(int ops, int mem_mib);

/* Loads the list of common passwords (one per line, lowercase; the file
 * named in config.ini) that secret_password_ok refuses. Call once at
 * start-up, before threads. 0, or -1 with a reason. */
int secret_common_load(const char *path, char *err, size_t errlen);

/* True when pw, lowercased, is on the list of common passwords. */
bool secret_is_common(const char *pw);

/* 0 when the password is acceptable: valid text of 10 to 128 characters,
 * not on the list of common passwords; otherwise -1 and *why is a message
 * key ("password_too_short", "password_too_long", "field_bad_text",
 * "password_common"). No composition rules. */
int secret_password_ok(const char *pw, const char **why);

/* Hashes pw with argon2id into out (size SECRET_HASH_MAX). 0 or -1. */
int secret_hash_password(const char *pw, char out[SECRET_HASH_MAX]);

/* True when pw matches the stored argon2id string. Takes about as long for
 * a NULL hash (unknown account) as for a real one. */
bool secret_verify_password(const char *stored, const char *pw);

/* A fresh random 256-bit token as 64 lowercase hex digits. */
void secret_token(char out[SECRET_TOKEN_HEX]);

/* The digest under which a token is stored (BLAKE2b-256). */
void secret_digest(const char *token, unsigned char out[SECRET_DIGEST]);

/* Constant-time comparison of two NUL-terminated strings. */
bool secret_equal(const char *a, const char *b);

#endif
