/* formtoken: the token of a form anyone may send without logging in (the
 * public offer form), the synchroniser token for visitors who have no
 * session. The server makes one when it shows the form and checks it when
 * the form comes back: it says until when it is good and carries a random
 * nonce, signed with the server's key (HMAC-SHA-512-256, libsodium's
 * crypto_auth) together with the form it is for. So the server keeps
 * nothing per visitor (a flood of page views stores nothing), a token
 * cannot be made, prolonged or moved to another form elsewhere, and it
 * works without cookies. Pure: the key and the clock are arguments.
 *
 * Text: "<ends>.<nonce>.<mac>", ends in Unix seconds (decimal), nonce 16
 * random bytes and mac 32 bytes, both as lowercase hex. */
#ifndef CORE_FORMTOKEN_H
#define CORE_FORMTOKEN_H

#include <stddef.h>
#include <stdint.h>

#define FORMTOKEN_KEY 32     /* bytes of the server's key */
#define FORMTOKEN_MAX 128    /* room for a token and its NUL */

enum formtoken_result {
    FORMTOKEN_OK = 0,
    FORMTOKEN_BAD = -1,      /* not one of ours, altered, or for another form */
    FORMTOKEN_EXPIRED = 1,   /* ours, but its time is over: show the form again */
};

/* A new token for the form named purpose ("offer"), good from now for
 * lifetime_s seconds, into out. */
void formtoken_make(const unsigned char key[FORMTOKEN_KEY], const char *purpose, int64_t now, int lifetime_s,
                    char out[FORMTOKEN_MAX]);

/* Checks token (untrusted text, may be NULL) for purpose at now: OK, BAD
 * or EXPIRED. A token that claims to end further ahead than lifetime_s
 * (and a minute) is BAD: no key this program uses made it. Constant time
 * in the signature. */
enum formtoken_result formtoken_check(const unsigned char key[FORMTOKEN_KEY], const char *purpose, const char *token,
                                      int64_t now, int lifetime_s);

#endif
