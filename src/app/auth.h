/* auth: log-in, sessions, CSRF and the gate every request passes. Owns the
 * sessions and login_attempts tables. */
#ifndef APP_AUTH_H
#define APP_AUTH_H

#include "core/config.h"
#include "core/entity.h"
#include "core/http.h"

#include <stdint.h>

/* Staff roles, each allowed what the one before is (routes name the least
 * one they need; 0, ROLE_PUBLIC, lets anyone in). */
enum role {
    ROLE_PUBLIC = 0,   /* no log-in needed */
    ROLE_VIEWER,       /* logged in, may read */
    ROLE_CASEWORKER,   /* may write */
    ROLE_ADMIN         /* may administer */
};

/* Sizes that hold the longest value the rules let in, in bytes: an e-mail
 * address has at most 254 bytes, a name 200 characters of up to 4 bytes.
 * (A shorter buffer would cut a name in the middle of a character.) */
#define USER_EMAIL_MAX (254 + 1)
#define USER_NAME_MAX (200 * 4 + 1)

/* Who is logged in: the request's r->user, set by the gate (owned by it,
 * freed by auth_forget). */
struct user {
    int64_t id;
    char email[USER_EMAIL_MAX];
    char name[USER_NAME_MAX];
    enum role role;
    bool must_change_password;  /* an admin set it: nothing else until it is changed */
    bool mfa_enabled;           /* has a second factor (required ones: nothing else until set up) */
};

/* May this request's user change records (caseworkers and admins)? */
bool auth_may_write(const struct req *r);

/* The policy (entity.h's may) of records the whole team shares: every
 * staff member reads them; caseworkers and admins write, delete and export
 * them. 0, or -1 with ERR_FORBIDDEN. */
int auth_team_may(struct req *r, const json_t *rec, enum entity_action action);

/* Takes the timeouts and throttling limits from the configuration. */
void auth_configure(const struct config *cfg);

/* The early gate (server_opts.gate_early), before any body is read: loads
 * the session from the cookie, enforces timeouts, the route's role and a
 * password change an admin asked for. */
int auth_gate_early(struct req *r);
/* The gate (server_opts.gate), with the body: the CSRF token on state
 * changes (and the early gate's work when it did not run). */
int auth_gate(struct req *r);

/* server_opts.forget: frees the request's user. */
void auth_forget(struct req *r);

/* server_opts.layout: who is logged in and what they may do, for the
 * layout and every page ("app.user", "app.is_admin", top-level
 * "can_write"). */
void auth_layout(struct req *r, json_t *model);

/* Ends every session of a user (disabled account, new password); keep_id
 * names one to keep, or 0. Call inside a transaction. */
int auth_end_sessions(int64_t user_id, int64_t keep_id);

int auth_login_form(struct req *r);
int auth_login(struct req *r);
int auth_logout(struct req *r);
int auth_me(struct req *r);
int auth_change_password(struct req *r);

/* /me/sessions: GET lists one's active sessions, POST ends the others. */
int auth_sessions(struct req *r);
int auth_end_other_sessions(struct req *r);
/* Every session of user_id ends now (an admin's doing), audited. 0 or -1
 * with the error set. */
int auth_end_all_sessions(struct req *r, int64_t user_id);
/* The active sessions of user_id (current: the id to flag), new array or
 * NULL on a database error. */
json_t *auth_sessions_of(int64_t user_id, int64_t current);

#endif
