/* mfa: the second factor for staff (TOTP codes from an authenticator app,
 * and one-time recovery codes). Owns the users table's mfa_* columns, the
 * sessions' mfa_pending, mfa_recovery and login_challenges. The log-in
 * itself (app/auth.c) asks here whether a code is needed and right. */
#ifndef APP_MFA_H
#define APP_MFA_H

#include "app/auth.h"
#include "core/config.h"
#include "core/http.h"
#include "core/secret.h"

#include <stdbool.h>
#include <stdint.h>

/* Takes who must have a second factor and the issuer name. */
void mfa_configure(const struct config *cfg);

/* Must someone with this role log in with a second factor? */
bool mfa_required_for(enum role role);

/* 1 when the account has a second factor, 0 when not, -1 on error. */
int mfa_enabled(int64_t user_id);

/* Checks code, a current TOTP code or an unused recovery code, for the
 * account and uses it up, so it never works again: 0 right (*recovery
 * says which kind), 1 wrong or used, -1 on error. Inside a write
 * transaction, so two requests with one code cannot both pass. */
int mfa_consume(int64_t user_id, const char *code, int64_t now, bool *recovery);

/* The step between password and code on the log-in page: a new challenge
 * for the account into token (stored as its digest; expired ones go).
 * Inside a transaction. 0 or -1. */
int mfa_challenge_new(int64_t user_id, int64_t now, char token[SECRET_TOKEN_HEX]);
/* The account a challenge was made for, if it is younger than five
 * minutes: 0 found, 1 unknown or expired, -1 on error. */
int mfa_challenge_user(const char *token, int64_t now, int64_t *user_id);
/* The challenge is used up (the log-in succeeded). 0 or -1. */
int mfa_challenge_end(const char *token);
/* A wrong code came with the challenge; after a few it ends. 0 or -1. */
int mfa_challenge_failed(const char *token);
/* Every challenge of the account ends (its password, sessions or factor
 * changed). Inside a transaction. 0 or -1. */
int mfa_challenges_end(int64_t user_id);

/* /me/mfa: GET shows a new secret (QR code, base32, otpauth address) and
 * the factor's state; POST with code turns it on and hands out recovery
 * codes once. */
int mfa_page(struct req *r);
int mfa_qr(struct req *r);
int mfa_enable(struct req *r);
/* POST /me/mfa/disable with a current code: off again, unless required. */
int mfa_disable(struct req *r);
/* POST /admin/users/{id}/mfa/reset: an admin removes a colleague's second
 * factor (a lost phone); their sessions end. Audited. */
int mfa_admin_reset(struct req *r);

#endif
