/* publicform: the token of a form anyone may send without logging in (a
 * pupil's sign-up, a company's offer), made and checked with the key the
 * site key file gives for forms (sitekey.h), now (formtoken.h says how a
 * token is built). One place for the key, so every public form's tokens
 * come from it and a copy of the database alone can make none. */
#ifndef CORE_PUBLICFORM_H
#define CORE_PUBLICFORM_H

#include "core/formtoken.h"

/* A new token for the form named purpose ("offer", "join:12"), good for
 * lifetime_s seconds from now, into out; "" when no site key is loaded. */
void publicform_token(const char *purpose, int lifetime_s, char out[FORMTOKEN_MAX]);

/* Checks token (untrusted, may be NULL) for purpose now: OK, EXPIRED, or
 * BAD (also when no site key is loaded). */
enum formtoken_result publicform_check(const char *purpose, const char *token, int lifetime_s);

#endif
