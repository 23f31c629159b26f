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

#define CHALLENGE_S 300 /* minutes enough to find the phone, not more */

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
    "SELECT user_id FROM login_challenges WHERE token_hash = ?1 AND created_at >= ?2");
static struct db_sql SQL_CHALLENGE_END = DB_SQL("DELETE FROM login_challenges WHERE token_hash = ?1");

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
    return db_int64(st, user_id);
}

int mfa_challenge_end(const char *token)
{
    unsigned char d[SECRET_DIGEST];
    secret_digest(token, d);
    sqlite3_stmt *st = db_stmt(&SQL_CHALLENGE_END);
    if (!st)
        return -1;
    sqlite3_bind_blob(st, 1, d, sizeof d, SQLITE_TRANSIENT);
    return db_run(st);
}

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
    return db_run(st);
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

static const struct field_rule CODE_RULES[] = {
    { .name = "code", .type = V_TEXT, .required = true, .max = 32 },
};

enum { CODE_OK = 0, CODE_NO_PENDING = 2, CODE_WRONG = 3 };

struct enable_ctx {
    struct req *r;
    const char *code;
    char recovery[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_MAX];
};

/* Confirms the session's new secret with a code from it and makes it the
 * account's factor, with ten new recovery codes (the old ones go). */
static int enable_tx(void *arg)
{
    struct enable_ctx *c = arg;
    struct req *r = c->r;
    unsigned char key[TOTP_SECRET_BYTES];
    int rc = pending_key(r->session_id, key);
    if (rc != 0)
        return rc < 0 ? -1 : CODE_NO_PENDING;
    char digits[TOTP_DIGITS + 1];
    int64_t step = totp_code_canonical(c->code, digits) ? totp_match(key, sizeof key, time(NULL), digits) : -1;
    if (step < 0) {
        sodium_memzero(key, sizeof key);
        return CODE_WRONG;
    }
    rc = set_factor(r->user->id, key, step);
    sodium_memzero(key, sizeof key);
    if (rc != 0 || set_pending(r->session_id, NULL) != 0)
        return -1;
    for (int i = 0; i < TOTP_RECOVERY_COUNT; i++) {
        totp_recovery_new(c->recovery[i]);
        unsigned char d[SECRET_DIGEST];
        secret_digest(c->recovery[i], d);
        sqlite3_stmt *st = db_stmt(&SQL_RECOVERY_ADD);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, r->user->id);
        sqlite3_bind_blob(st, 2, d, sizeof d, SQLITE_TRANSIENT);
        if (db_run(st) != 0)
            return -1;
    }
    json_t *f = json_pack("[s]", "mfa");
    rc = audit_write(r, "mfa_enable", "user", r->user->id, f);
    json_decref(f);
    return rc;
}

/* The enrolment page again with the code's problem, showing the same
 * secret (a new one would make the scanned one useless). */
static int enrol_again(struct req *r, const char *problem)
{
    req_field_error(r, "code", problem);
    unsigned char key[TOTP_SECRET_BYTES];
    int rc = pending_key(r->session_id, key);
    if (rc > 0) {
        totp_new_secret(key);
        if (set_pending(r->session_id, key) != 0)
            rc = -1;
        else
            rc = 0;
    }
    json_t *model = rc == 0 ? enrol_model(r, key) : NULL;
    sodium_memzero(key, sizeof key);
    if (!model)
        return req_fail(r, ERR_INTERNAL);
    req_page(r, "auth/mfa.tpl", model);
    return -1;
}

/* Turns the second factor on with a code from the secret just shown and
 * hands out the recovery codes, this once. */
int mfa_enable(struct req *r)
{
    json_t *in;
    if (validate_fields(r, CODE_RULES, 1, &in) != 0)
        return enrol_again(r, "field_required");
    struct enable_ctx c = { .r = r, .code = json_string_value(json_object_get(in, "code")) };
    int rc = db_tx(enable_tx, &c);
    json_decref(in);
    if (rc == CODE_NO_PENDING)
        return enrol_again(r, "mfa_no_pending");
    if (rc == CODE_WRONG)
        return enrol_again(r, "mfa_code_wrong");
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    r->user->mfa_enabled = true;
    json_t *codes = json_array();
    for (int i = 0; i < TOTP_RECOVERY_COUNT; i++)
        json_array_append_new(codes, json_string(c.recovery[i]));
    sodium_memzero(c.recovery, sizeof c.recovery);
    if (!r->want_json)
        req_title(r, req_t(r, "mfa_title"));
    return req_page(r, "auth/mfa_codes.tpl", json_pack("{s:b, s:o}", "enabled", 1, "recovery_codes", codes));
}

struct disable_ctx {
    struct req *r;
    const char *code;
    char key[48];       /* the attempts' key: "mfa-disable:<id>" */
    char ip[64];
    int64_t attempt_id;
    int retry_after;
    bool wrong;         /* the code was wrong (the failure is on record) */
};

/* Guessing codes to turn the factor off is throttled like a log-in. */
static int disable_decide_tx(void *arg)
{
    struct disable_ctx *c = arg;
    int64_t now = now_s();
    int wait = throttle_key_wait(c->key, max_failures, window_s, now);
    if (wait < 0)
        return -1;
    c->retry_after = wait;
    if (wait > 0)
        return 0;
    c->attempt_id = throttle_record(c->key, c->ip, now);
    return c->attempt_id < 0 ? -1 : 0;
}

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
    json_t *in;
    if (validate_fields(r, CODE_RULES, 1, &in) != 0)
        return enrol_again(r, "field_required");
    struct disable_ctx c = { .r = r, .code = json_string_value(json_object_get(in, "code")) };
    snprintf(c.key, sizeof c.key, "mfa-disable:%lld", (long long)r->user->id);
    req_client_ip(r, c.ip, sizeof c.ip);
    int rc = db_tx(disable_decide_tx, &c);
    if (rc == 0 && c.retry_after > 0) {
        json_decref(in);
        unsigned char key[TOTP_SECRET_BYTES];
        totp_new_secret(key);
        json_t *model = set_pending(r->session_id, key) == 0 ? enrol_model(r, key) : NULL;
        sodium_memzero(key, sizeof key);
        if (!model)
            return req_fail(r, ERR_INTERNAL);
        return throttle_refuse(r, c.retry_after, "auth/mfa.tpl", model);
    }
    if (rc == 0)
        rc = db_tx(disable_tx, &c);
    json_decref(in);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    if (c.wrong)
        return enrol_again(r, "mfa_code_wrong");
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
    bool self = c->user_id == c->r->user->id;
    if (set_factor(c->user_id, NULL, 0) != 0 || auth_end_sessions(c->user_id, self ? c->r->session_id : 0) != 0)
        return -1;
    json_t *f = json_pack("[s,s]", "mfa", "sessions");
    int rc = audit_write(c->r, "mfa_reset", "user", c->user_id, f);
    json_decref(f);
    return rc;
}

int mfa_admin_reset(struct req *r)
{
    struct user_rec u;
    int rc = users_get(r->id, &u);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    struct reset_ctx c = { r, u.id };
    if (db_tx(reset_tx, &c) != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/admin/users/%lld?mfa=reset", (long long)u.id);
    return req_redirect(r, loc, json_pack("{s:I, s:b}", "id", (json_int_t)u.id, "mfa_enabled", 0));
}
