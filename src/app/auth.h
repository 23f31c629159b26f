/* auth: log-in, sessions, CSRF and the gate every request passes. Owns the
 * sessions and login_attempts tables. */
#ifndef APP_AUTH_H
#define APP_AUTH_H

#include "core/config.h"
#include "core/http.h"

/* Takes the timeouts and throttling limits from the configuration. */
void auth_configure(const struct config *cfg);

/* The gate (server_opts.gate): loads the session from the cookie, enforces
 * timeouts, the route's role and the CSRF token on state changes. */
int auth_gate(struct req *r);

/* Ends every session of a user (disabled account, new password); keep_id
 * names one to keep, or 0. Call inside a transaction. */
int auth_end_sessions(int64_t user_id, int64_t keep_id);

int auth_login_form(struct req *r);
int auth_login(struct req *r);
int auth_logout(struct req *r);
int auth_me(struct req *r);
int auth_change_password(struct req *r);

#endif
