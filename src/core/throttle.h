/* throttle: counting attempts at something guessable (a log-in, one's own
 * password, a second-factor code, later the public forms) and deciding when
 * to refuse more for a while. Owns the login_attempts table: one row per
 * attempt under a key (an e-mail address, "password-change:<id>", ...), a
 * failure until its outcome says otherwise.
 *
 * Call the deciding functions and throttle_record in one transaction, so
 * parallel guesses each see the others; refused attempts are never
 * recorded, so waiting is always enough to be let in again. */
#ifndef CORE_THROTTLE_H
#define CORE_THROTTLE_H

#include "core/http.h"

#include <stdint.h>

/* Seconds until key may try again: 0 when fewer than max failures were
 * recorded under it in the last window_s seconds since its last success,
 * else until the max-th most recent of them leaves the window (at least 1).
 * -1 on a database error. */
int throttle_key_wait(const char *key, int max, int window_s, int64_t now);

/* How many failures key has in the last window_s seconds since its last
 * success; -1 on error. */
int64_t throttle_failures(const char *key, int window_s, int64_t now);

/* The same for an address: refused once failures under max different keys
 * came from ip in the window (someone trying many accounts). -1 on error. */
int throttle_address_wait(const char *ip, int max, int window_s, int64_t now);

/* 1 when key succeeded from ip since since (colleagues behind one office
 * address are spared the address's wait), 0 when not, -1 on error. */
int throttle_known_place(const char *key, const char *ip, int64_t since);

/* Records an attempt under key from ip at now, a failure until
 * throttle_succeeded or throttle_forget; its row id, or -1. */
int64_t throttle_record(const char *key, const char *ip, int64_t now);
/* The attempt proved right: the key's count starts afresh. 0 or -1. */
int throttle_succeeded(int64_t attempt_id);
/* The attempt was neither (a right password still waiting for its second
 * factor): it counts for nothing. 0 or -1. */
int throttle_forget(int64_t attempt_id);
/* Housekeeping: attempts before before go. 0 or -1. */
int throttle_prune(int64_t before);

/* The throttle's answer: 429, Retry-After, "try again in N minutes" (the
 * catalog's login_wait), on the page the form was on (view with model,
 * stolen). Returns -1 for the handler to return. */
int throttle_refuse(struct req *r, int retry_after, const char *view, json_t *model);

#endif
