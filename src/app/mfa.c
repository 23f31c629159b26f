#include "app/mfa.h"

#include "app/users.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/qr.h"
#include "core/throttle.h"
#include "core/totp.h"
#include "core/validate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHALLENGE_S 300      /* minutes enough to find the phone, not more */
#define CHALLENGE_GUESSES 3  /* wrong codes before a challenge ends (the password is asked again) */

static int required = MFA_NONE;
static char issuer[64] = "azubimatch";
static int max_failures = 5;
static int window_s = 15 * 60;

static struct db_sql SQL_ENABLED = DB_SQL("SELECT mfa_secret IS NOT NULL FROM users WHERE id = ?1");
static struct db_sql SQL_FACTOR = DB_SQL("SELECT mfa_secret, mfa_last_step FROM users WHERE id = ?1");
/* a step is used once: only a later one moves the mark */
static struct db_sql SQL_USE_STEP = DB_SQL("UPDATE users SET mfa_last_step = ?2 WHERE id = ?1 AND mfa_last_step < ?2");
static struct db_sql SQL_USE_RECOVERY = DB_SQL(
    "UPDATE mfa_recovery SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL");
static struct db_sql SQL_SET = DB_SQL("UPDATE users SET mfa_secret = ?2, mfa_last_step = ?3 WHERE id = ?1");
static struct db_sql SQL_RECOVERY_CLEAR = DB_SQL("DELETE FROM mfa_recovery WHERE user_id = ?1");
static struct db_sql SQL_RECOVERY_ADD = DB_SQL("INSERT INTO mfa_recovery (user_id, code_hash) VALUES (?1, ?2)");
static struct db_sql SQL_RECOVERY_LEFT = DB_SQL(
    "SELECT count(*) FROM mfa_recovery WHERE user_id = ?1 AND used_at IS NULL");
static struct db_sql SQL_PENDING_SET = DB_SQL("UPDATE sessions SET mfa_pending = ?2 WHERE id = ?1");
static struct db_sql SQL_PENDING_GET = DB_SQL("SELECT mfa_pending FROM sessions WHERE id = ?1");
static struct db_sql SQL_CHALLENGE_ADD = DB_SQL(
    "INSERT INTO login_challenges (token_hash, user_id, created_at) VALUES (?1, ?2, ?3)");
static struct db_sql SQL_CHALLENGE_PRUNE = DB_SQL("DELETE FROM login_challenges WHERE created_at < ?1");
static struct db_sql SQL_CHALLENGE_GET = DB_SQL(
    "SELECT user_id FROM login_challenges WHERE token_hash = ?1 AND created_at >= ?2 AND failures < ?3");
static struct db_sql SQL_CHALLENGE_FAILED = DB_SQL(
    "UPDATE login_challenges SET failures = failures + 1 WHERE token_hash = ?1");
static struct db_sql SQL_CHALLENGE_END = DB_SQL("DELETE FROM login_challenges WHERE token_hash = ?1");
static struct db_sql SQL_CHALLENGES_OF = DB_SQL("DELETE FROM login_challenges WHERE user_id = ?1");

void mfa_configure(const struct config *cfg)
{
    required = cfg->mfa_required;
    snprintf(issuer, sizeof issuer, "%s", cfg->mfa_issuer);
    max_failures = cfg->login_max_failures;
    window_s = cfg->login_window_min * 60;
}

bool mfa_required_for(enum role role)
{
    if (required == MFA_STAFF)
        return role >= ROLE_VIEWER;
    return required == MFA_ADMINS && role == ROLE_ADMIN;
}

static int64_t now_s(void) { return (int64_t)time(NULL); }

/* One number from a statement with the account's id as ?1; -1 on error. */
static int64_t count_of(struct db_sql *sql, int64_t user_id)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    int64_t v = 0;
    int rc = db_int64(st, &v);
    return rc < 0 ? -1 : rc == 1 ? 0 : v;
}

int mfa_enabled(int64_t user_id)
{
    int64_t v = count_of(&SQL_ENABLED, user_id);
    return v < 0 ? -1 : v > 0;
}

/* A secret blob of the expected size from column col into key: 0, 1 when
 * there is none. */
static int read_key(sqlite3_stmt *st, int col, unsigned char key[TOTP_SECRET_BYTES])
{
    if (sqlite3_column_type(st, col) != SQLITE_BLOB || sqlite3_column_bytes(st, col) != TOTP_SECRET_BYTES)
        return 1;
    memcpy(key, sqlite3_column_blob(st, col), TOTP_SECRET_BYTES);
    return 0;
}

/* The step of a TOTP code, used up if it is later than the last one used:
 * 0 right, 1 wrong or used, -1 on error. */
static int use_step(int64_t user_id, const unsigned char *key, int64_t last, const char *digits, int64_t now)
{
    int64_t step = totp_match(key, TOTP_SECRET_BYTES, (time_t)now, digits);
    if (step <= last)
        return 1;
    sqlite3_stmt *st = db_stmt(&SQL_USE_STEP);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, step);
    if (db_run(st) != 0)
        return -1;
    return sqlite3_changes(db_conn()) == 1 ? 0 : 1;
}

/* An unused recovery code, used up: 0 right, 1 wrong or used, -1 error. */
static int use_recovery(int64_t user_id, const char *canonical, int64_t now)
{
    unsigned char d[SECRET_DIGEST];
    secret_digest(canonical, d);
    sqlite3_stmt *st = db_stmt(&SQL_USE_RECOVERY);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_blob(st, 2, d, sizeof d, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, now);
    if (db_run(st) != 0)
        return -1;
    return sqlite3_changes(db_conn()) == 1 ? 0 : 1;
}

int mfa_consume(int64_t user_id, const char *code, int64_t now, bool *recovery)
{
    *recovery = false;
    sqlite3_stmt *st = db_stmt(&SQL_FACTOR);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    enum db_step found = db_step(st);
    unsigned char key[TOTP_SECRET_BYTES];
    int has = found == DB_ROW ? read_key(st, 0, key) == 0 : 0;
    int64_t last = found == DB_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    if (found == DB_ERROR)
        return -1;
    if (!has)
        return 1; /* no second factor (reset meanwhile): no code is right */
    char digits[TOTP_DIGITS + 1], canonical[TOTP_RECOVERY_MAX];
    int rc = 1;
    if (totp_code_canonical(code, digits)) {
        rc = use_step(user_id, key, last, digits, now);
    } else if (totp_recovery_canonical(code, canonical)) {
        rc = use_recovery(user_id, canonical, now);
        *recovery = rc == 0;
    }
    sodium_memzero(key, sizeof key);
    return rc;
}

int mfa_challenge_new(int64_t user_id, int64_t now, char token[SECRET_TOKEN_HEX])
{
    sqlite3_stmt *st = db_stmt(&SQL_CHALLENGE_PRUNE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now - CHALLENGE_S);
    if (db_run(st) != 0)
        return -1;
    secret_token(token);
    unsigned char d[SECRET_DIGEST];
    secret_digest(token, d);
    if (!(st = db_stmt(&SQL_CHALLENGE_ADD)))
        return -1;
    sqlite3_bind_blob(st, 1, d, sizeof d, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, user_id);
    sqlite3_bind_int64(st, 3, now);
    return db_run(st);
}

int mfa_challenge_user(const char *token, int64_t now, int64_t *user_id)
{
    if (strlen(token) != SECRET_TOKEN_HEX - 1)
        return 1;
    unsigned char d[SECRET_DIGEST];
    secret_digest(token, d);
    sqlite3_stmt *st = db_stmt(&SQL_CHALLENGE_GET);
    if (!st)
        return -1;
    sqlite3_bind_blob(st, 1, d, sizeof d, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, now - CHALLENGE_S);
    sqlite3_bind_int(st, 3, CHALLENGE_GUESSES);
    return db_int64(st, user_id);
}

/* Runs a statement on one challenge's digest. */
static int on_challenge(struct db_sql *sql, const char *token)
{
    unsigned char d[SECRET_DIGEST];
    secret_digest(token, d);
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return -1;
    sqlite3_bind_blob(st, 1, d, sizeof d, SQLITE_TRANSIENT);
    return db_run(st);
}

int mfa_challenge_failed(const char *token) { return on_challenge(&SQL_CHALLENGE_FAILED, token); }

int mfa_challenges_end(int64_t user_id)
{
    sqlite3_stmt *st = db_stmt(&SQL_CHALLENGES_OF);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    return db_run(st);
}

int mfa_challenge_end(const char *token) { return on_challenge(&SQL_CHALLENGE_END, token); }

/* ---- enrolment ----------------------------------------------------------- */

/* The secret this session was shown and has not confirmed: 0, 1 none, -1
 * error. */
static int pending_key(int64_t session_id, unsigned char key[TOTP_SECRET_BYTES])
{
    sqlite3_stmt *st = db_stmt(&SQL_PENDING_GET);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, session_id);
    enum db_step found = db_step(st);
    int rc = found == DB_ROW ? read_key(st, 0, key) : found == DB_DONE ? 1 : -1;
    sqlite3_reset(st);
    return rc;
}

/* Stores (key) or clears (NULL) the session's unconfirmed secret. */
static int set_pending(int64_t session_id, const unsigned char *key)
{
    sqlite3_stmt *st = db_stmt(&SQL_PENDING_SET);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, session_id);
    if (key)
        sqlite3_bind_blob(st, 2, key, TOTP_SECRET_BYTES, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 2);
    return db_run(st);
}

/* Sets (key, with the step just used) or removes (NULL) the account's
 * second factor; its recovery codes go either way. */
static int set_factor(int64_t user_id, const unsigned char *key, int64_t step)
{
    sqlite3_stmt *st = db_stmt(&SQL_SET);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    if (key)
        sqlite3_bind_blob(st, 2, key, TOTP_SECRET_BYTES, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_int64(st, 3, step);
    if (db_run(st) != 0 || !(st = db_stmt(&SQL_RECOVERY_CLEAR)))
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    if (db_run(st) != 0)
        return -1;
    return mfa_challenges_end(user_id);
}

/* What /me/mfa shows for key: the state, the secret as base32 (also in
 * groups of four for typing) and as the otpauth address. NULL on error. */
static json_t *enrol_model(struct req *r, const unsigned char *key)
{
    int enabled = mfa_enabled(r->user->id);
    int64_t left = count_of(&SQL_RECOVERY_LEFT, r->user->id);
    char b32[TOTP_B32_MAX];
    if (enabled < 0 || left < 0 || totp_base32(key, TOTP_SECRET_BYTES, b32, sizeof b32) != 0)
        return NULL;
    char *uri = totp_uri(issuer, r->user->email, b32);
    if (!uri)
        return NULL;
    char groups[TOTP_B32_MAX * 2];
    size_t n = 0;
    for (size_t i = 0; b32[i]; i++) {
        if (i > 0 && i % 4 == 0)
            groups[n++] = ' ';
        groups[n++] = b32[i];
    }
    groups[n] = '\0';
    json_t *model = json_pack("{s:b, s:s, s:s, s:I, s:b, s:s}", "enabled", enabled, "secret", b32, "otpauth_uri",
                              uri, "recovery_codes_left", (json_int_t)left, "required",
                              mfa_required_for(r->user->role), "csrf_token", r->csrf_token);
    free(uri);
    if (model && !r->want_json) {
        json_object_set_new(model, "secret_groups", json_string(groups));
        json_object_set_new(model, "can_disable", json_boolean(enabled && !mfa_required_for(r->user->role)));
        if (req_query(r, "required"))
            json_object_set_new(model, "must_enrol", json_true());
        if (req_query(r, "disabled"))
            json_object_set_new(model, "disabled", json_true());
        req_title(r, req_t(r, "mfa_title"));
    }
    return model;
}

/* A new secret for this session, shown to be scanned; the factor changes
 * only when a code from it comes back (mfa_enable). */
int mfa_page(struct req *r)
{
    unsigned char key[TOTP_SECRET_BYTES];
    totp_new_secret(key);
    if (set_pending(r->session_id, key) != 0)
        return req_fail(r, ERR_INTERNAL);
    json_t *model = enrol_model(r, key);
    sodium_memzero(key, sizeof key);
    if (!model)
        return req_fail(r, ERR_INTERNAL);
    return req_page(r, "auth/mfa.tpl", model);
}

/* The QR code of the secret /me/mfa showed this session, as SVG. */
int mfa_qr(struct req *r)
{
    unsigned char key[TOTP_SECRET_BYTES];
    int rc = pending_key(r->session_id, key);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    char b32[TOTP_B32_MAX];
    int ok = totp_base32(key, sizeof key, b32, sizeof b32);
    sodium_memzero(key, sizeof key);
    char *uri = ok == 0 ? totp_uri(issuer, r->user->email, b32) : NULL;
    char *svg = uri ? qr_svg(uri) : NULL;
    free(uri);
    if (!svg)
        return req_fail(r, ERR_INTERNAL);
    return req_bytes(r, "image/svg+xml", svg, strlen(svg));
}

static const struct field_rule ENABLE_RULES[] = {
    { .name = "code", .type = V_TEXT, .required = true, .max = 32 },
    { .name = "current_code", .type = V_TEXT, .max = 64 },
};
static const struct field_rule DISABLE_RULES[] = {
    { .name = "disable_code", .type = V_TEXT, .required = true, .max = 64 },
};

/* Guesses at one's own codes (to replace or turn off the factor) are
 * throttled like log-ins, under the account's key for that action. */
struct guard {
    struct req *r;
    char key[48];
    char ip[64];
    const char *action;   /* audited when refused: "mfa_replace_throttled", ... */
    int64_t attempt_id;   /* 0: nothing was guessed */
    int retry_after;
};

static int guard_tx(void *arg)
{
    struct guard *g = arg;
    int64_t now = now_s();
    int wait = throttle_key_wait(g->key, max_failures, window_s, now);
    if (wait < 0)
        return -1;
    g->retry_after = wait;
    if (wait > 0) {
        json_t *f = json_pack("[s]", "mfa");
        int rc = audit_write(g->r, g->action, "user", g->r->user->id, f);
        json_decref(f);
        return rc;
    }
    g->attempt_id = throttle_record(g->key, g->ip, now);
    return g->attempt_id < 0 ? -1 : 0;
}

/* Decides and records a guess under "<what>:<id>"; 0 (see g->retry_after)
 * or -1. */
static int guard(struct req *r, struct guard *g, const char *what, const char *action)
{
    memset(g, 0, sizeof *g);
    g->r = r;
    g->action = action;
    snprintf(g->key, sizeof g->key, "%s:%lld", what, (long long)r->user->id);
    req_client_ip(r, g->ip, sizeof g->ip);
    return db_tx(guard_tx, g);
}

/* The enrolment page again (the same secret while one is pending, so the
 * scanned one stays good), with the request's error; status is the
 * request's. */
static int enrol_again(struct req *r)
{
    unsigned char key[TOTP_SECRET_BYTES];
    int rc = pending_key(r->session_id, key);
    if (rc > 0) {
        totp_new_secret(key);
        rc = set_pending(r->session_id, key) != 0 ? -1 : 0;
    }
    json_t *model = rc == 0 ? enrol_model(r, key) : NULL;
    sodium_memzero(key, sizeof key);
    if (!model)
        return req_fail(r, ERR_INTERNAL);
    req_page(r, "auth/mfa.tpl", model);
    return -1;
}

/* The form again with one field's problem. */
static int field_again(struct req *r, const char *field, const char *problem)
{
    req_field_error(r, field, problem);
    return enrol_again(r);
}

enum { CODE_OK = 0, CODE_NO_PENDING = 2 };

struct enable_ctx {
    struct req *r;
    const char *code;
    const char *current;   /* the factor in use, proven, when replacing one */
    int64_t attempt_id;
    bool replacing;
    const char *wrong;     /* after the run: the field whose code was wrong, or NULL */
    char recovery[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_MAX];
};

/* Confirms the session's new secret with a code from it and makes it the
 * account's factor, with ten new recovery codes (the old ones go) and the
 * account's other sessions ended. Replacing a factor first takes a code of
 * the one in use. A wrong code changes nothing but stays on record. */
static int enable_tx(void *arg)
{
    struct enable_ctx *c = arg;
    struct req *r = c->r;
    c->wrong = NULL;
    if (c->replacing) {
        bool recovery;
        int ok = mfa_consume(r->user->id, c->current, now_s(), &recovery);
        if (ok < 0)
            return -1;
        if (ok == 1)
            c->wrong = "current_code";
    }
    unsigned char key[TOTP_SECRET_BYTES];
    int64_t step = -1;
    if (!c->wrong) {
        int rc = pending_key(r->session_id, key);
        if (rc != 0)
            return rc < 0 ? -1 : CODE_NO_PENDING;
        char digits[TOTP_DIGITS + 1];
        step = totp_code_canonical(c->code, digits) ? totp_match(key, sizeof key, time(NULL), digits) : -1;
        if (step < 0)
            c->wrong = "code";
    }
    json_t *f = json_pack("[s]", "mfa");
    if (c->wrong) {
        sodium_memzero(key, sizeof key);
        int rc = audit_write(r, c->replacing ? "mfa_replace_failed" : "mfa_enable_failed", "user", r->user->id, f);
        json_decref(f);
        return rc;
    }
    int rc = set_factor(r->user->id, key, step);
    sodium_memzero(key, sizeof key);
    if (rc != 0 || set_pending(r->session_id, NULL) != 0 || auth_end_sessions(r->user->id, r->session_id) != 0 ||
        (c->attempt_id && throttle_succeeded(c->attempt_id) != 0)) {
        json_decref(f);
        return -1;
    }
    for (int i = 0; i < TOTP_RECOVERY_COUNT; i++) {
        totp_recovery_new(c->recovery[i]);
        unsigned char d[SECRET_DIGEST];
        secret_digest(c->recovery[i], d);
        sqlite3_stmt *st = db_stmt(&SQL_RECOVERY_ADD);
        if (!st) {
            json_decref(f);
            return -1;
        }
        sqlite3_bind_int64(st, 1, r->user->id);
        sqlite3_bind_blob(st, 2, d, sizeof d, SQLITE_TRANSIENT);
        if (db_run(st) != 0) {
            json_decref(f);
            return -1;
        }
    }
    rc = audit_write(r, c->replacing ? "mfa_replace" : "mfa_enable", "user", r->user->id, f);
    json_decref(f);
    return rc;
}

/* Turns the second factor on with a code from the secret just shown and
 * hands out the recovery codes, this once. An account that has one
 * already replaces it (a new phone) only with a code of the one in use:
 * a session left open elsewhere must not be enough to take the account
 * over. */
int mfa_enable(struct req *r)
{
    json_t *in;
    if (validate_fields(r, ENABLE_RULES, sizeof ENABLE_RULES / sizeof ENABLE_RULES[0], &in) != 0)
        return enrol_again(r);
    struct enable_ctx c = { .r = r, .code = json_string_value(json_object_get(in, "code")),
                            .current = json_string_value(json_object_get(in, "current_code")) };
    int enabled = mfa_enabled(r->user->id);
    if (enabled < 0) {
        json_decref(in);
        return req_fail(r, ERR_INTERNAL);
    }
    c.replacing = enabled;
    if (c.replacing) {
        if (!c.current || !*c.current) {
            json_decref(in);
            return field_again(r, "current_code", "field_required");
        }
        struct guard g;
        if (guard(r, &g, "mfa-replace", "mfa_replace_throttled") != 0) {
            json_decref(in);
            return req_fail(r, ERR_INTERNAL);
        }
        if (g.retry_after > 0) {
            json_decref(in);
            unsigned char key[TOTP_SECRET_BYTES];
            int rc = pending_key(r->session_id, key);
            json_t *model = rc == 0 ? enrol_model(r, key) : NULL;
            sodium_memzero(key, sizeof key);
            if (!model)
                return req_fail(r, ERR_INTERNAL);
            return throttle_refuse(r, g.retry_after, "auth/mfa.tpl", model);
        }
        c.attempt_id = g.attempt_id;
    }
    int rc = db_tx(enable_tx, &c);
    json_decref(in);
    if (rc == CODE_NO_PENDING)
        return field_again(r, "code", "mfa_no_pending");
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    if (c.wrong)
        return field_again(r, c.wrong, !strcmp(c.wrong, "code") ? "mfa_code_wrong" : "mfa_current_wrong");
    r->user->mfa_enabled = true;
    json_t *codes = json_array();
    for (int i = 0; i < TOTP_RECOVERY_COUNT; i++)
        json_array_append_new(codes, json_string(c.recovery[i]));
    sodium_memzero(c.recovery, sizeof c.recovery);
    if (!r->want_json)
        req_title(r, req_t(r, "mfa_title"));
    r->cache_control = "no-store";
    return req_page(r, "auth/mfa_codes.tpl", json_pack("{s:b, s:o}", "enabled", 1, "recovery_codes", codes));
}

struct disable_ctx {
    struct req *r;
    const char *code;
    int64_t attempt_id;
    bool wrong;         /* the code was wrong (the failure is on record) */
};

static int disable_tx(void *arg)
{
    struct disable_ctx *c = arg;
    struct req *r = c->r;
    bool recovery;
    int rc = mfa_consume(r->user->id, c->code, now_s(), &recovery);
    if (rc < 0)
        return -1;
    json_t *f = json_pack("[s]", "mfa");
    c->wrong = rc == 1;
    if (c->wrong) { /* committed: the failed try stays on record */
        rc = audit_write(r, "mfa_disable_failed", "user", r->user->id, f);
        json_decref(f);
        return rc;
    }
    if (set_factor(r->user->id, NULL, 0) != 0 || throttle_succeeded(c->attempt_id) != 0) {
        json_decref(f);
        return -1;
    }
    rc = audit_write(r, "mfa_disable", "user", r->user->id, f);
    json_decref(f);
    return rc;
}

/* Turns one's own second factor off, proving it with a current code (or a
 * recovery code); not where the configuration requires one. */
int mfa_disable(struct req *r)
{
    if (mfa_required_for(r->user->role)) {
        r->err_detail = strdup(req_t(r, "mfa_cannot_disable"));
        return req_fail(r, ERR_FORBIDDEN);
    }
    int enabled = mfa_enabled(r->user->id);
    if (enabled <= 0) {
        if (enabled == 0)
            r->err_detail = strdup(req_t(r, "mfa_not_enabled"));
        return req_fail(r, enabled == 0 ? ERR_CONFLICT : ERR_INTERNAL);
    }
    json_t *in;
    if (validate_fields(r, DISABLE_RULES, 1, &in) != 0)
        return enrol_again(r);
    struct disable_ctx c = { .r = r, .code = json_string_value(json_object_get(in, "disable_code")) };
    struct guard g;
    int rc = guard(r, &g, "mfa-disable", "mfa_disable_throttled");
    if (rc == 0 && g.retry_after > 0) {
        json_decref(in);
        unsigned char key[TOTP_SECRET_BYTES];
        totp_new_secret(key);
        json_t *model = set_pending(r->session_id, key) == 0 ? enrol_model(r, key) : NULL;
        sodium_memzero(key, sizeof key);
        if (!model)
            return req_fail(r, ERR_INTERNAL);
        return throttle_refuse(r, g.retry_after, "auth/mfa.tpl", model);
    }
    c.attempt_id = g.attempt_id;
    if (rc == 0)
        rc = db_tx(disable_tx, &c);
    json_decref(in);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    if (c.wrong)
        return field_again(r, "disable_code", "mfa_code_wrong");
    r->user->mfa_enabled = false;
    return req_redirect(r, "/me/mfa?disabled=1", json_pack("{s:b}", "enabled", 0));
}

struct reset_ctx {
    struct req *r;
    int64_t user_id;
};

static int reset_tx(void *arg)
{
    struct reset_ctx *c = arg;
    int enabled = mfa_enabled(c->user_id);
    if (enabled <= 0) /* reset meanwhile, or never set up */
        return enabled == 0 ? 1 : -1;
    if (set_factor(c->user_id, NULL, 0) != 0 || auth_end_sessions(c->user_id, 0) != 0)
        return -1;
    json_t *f = json_pack("[s,s]", "mfa", "sessions");
    int rc = audit_write(c->r, "mfa_reset", "user", c->user_id, f);
    json_decref(f);
    return rc;
}

/* An admin removes a colleague's second factor (a lost phone); their
 * sessions end. Not one's own: that would get round "cannot be turned
 * off" (one's own goes through /me/mfa/disable, with a code). */
int mfa_admin_reset(struct req *r)
{
    struct user_rec u;
    int rc = users_get(r->id, &u);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    if (u.id == r->user->id) {
        r->err_detail = strdup(req_t(r, "mfa_reset_self"));
        return req_fail(r, ERR_FORBIDDEN);
    }
    struct reset_ctx c = { r, u.id };
    rc = db_tx(reset_tx, &c);
    if (rc == 1) {
        r->err_detail = strdup(req_t(r, "mfa_not_enabled"));
        return req_fail(r, ERR_CONFLICT);
    }
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/admin/users/%lld?mfa=reset", (long long)u.id);
    return req_redirect(r, loc, json_pack("{s:I, s:b}", "id", (json_int_t)u.id, "mfa_enabled", 0));
}
