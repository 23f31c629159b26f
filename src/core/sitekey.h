/* sitekey: the site's own secret key, kept in a file beside the database
 * (never in it), from which keys for single purposes are derived: the
 * public forms' tokens (formtoken.h) and the sealing of sign-up link
 * tokens. A copy of the database alone then cannot make form tokens or
 * read link tokens; a backup restored without the key file keeps working,
 * except that links made before cannot be shown again (they still open:
 * they are found by digest). */
#ifndef CORE_SITEKEY_H
#define CORE_SITEKEY_H

#include <stddef.h>

#define SITEKEY_BYTES 32

/* Reads the key from path, or makes a new random one there (mode 0600)
 * when there is none. Call once at start-up, before threads. 0, or -1
 * with a reason in err. */
int sitekey_load(const char *path, char *err, size_t errlen);

/* The key for one purpose: context is exactly 8 characters
 * ("formtokn", "linkseal"). 0, or -1 when no key was loaded. */
int sitekey_derive(const char context[8], unsigned char out[SITEKEY_BYTES]);

/* Seals text (a token) with the key of context: nonce and ciphertext as
 * lowercase hex, a new string the caller frees; NULL without a key. */
char *sitekey_seal(const char context[8], const char *text);

/* Opens what sitekey_seal made: a new string the caller frees, or NULL
 * when it was sealed with another key or altered. */
char *sitekey_open(const char context[8], const char *sealed);

#endif
