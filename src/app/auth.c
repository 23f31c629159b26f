#include "app/auth.h"

#include "app/choices.h"
#include "app/mfa.h"
#include "app/users.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/respond.h"
#include "core/secret.h"
#include "core/text.h"
#include "core/throttle.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The session cookie's name: over TLS (here or at a proxy) with the
 * __Host- prefix, which browsers accept only when Secure, for this host and
 * path / alone, so no subdomain or plain-HTTP page can plant one. */
static const char *cookie_name(void) { return respond_tls() ? "__Host-sid" : "sid"; }
/* last_seen is written at most this often, so reading pages costs no write */
#define TOUCH_INTERVAL_S 60

static int idle_s = 30 * 60;
static int absolute_s = 12 * 3600;
static int max_failures = 5;
static int window_s = 15 * 60;

void auth_configure(const struct config *cfg)
{
    idle_s = cfg->session_idle_min * 60;
    absolute_s = cfg->session_absolute_h * 3600;
    max_failures = cfg->login_max_failures;
    window_s = cfg->login_window_min * 60;
}

static struct db_sql SQL_SESSION = DB_SQL(
    "SELECT s.id, s.csrf_token, s.created_at, s.last_seen, u.id, u.email, u.name, u.role, u.active, "
    "u.must_change_password, u.mfa_secret IS NOT NULL FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = ?1");
static struct db_sql SQL_MUST_CHANGE = DB_SQL(
    "SELECT must_change_password, mfa_secret IS NOT NULL FROM users WHERE id = ?1");
static struct db_sql SQL_SESSION_TOUCH = DB_SQL("UPDATE sessions SET last_seen = ?2 WHERE id = ?1");
static struct db_sql SQL_SESSION_DELETE = DB_SQL("DELETE FROM sessions WHERE id = ?1");
static struct db_sql SQL_SESSION_DELETE_BY_HASH = DB_SQL("DELETE FROM sessions WHERE token_hash = ?1");
static struct db_sql SQL_SESSION_INSERT = DB_SQL(
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen, ip, agent) "
    "VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)");
static struct db_sql SQL_SESSIONS_OF = DB_SQL(
    "SELECT id, created_at, last_seen, ip, agent FROM sessions WHERE user_id = ?1 AND last_seen >= ?2 "
    "AND created_at >= ?3 ORDER BY last_seen DESC");
static struct db_sql SQL_SESSIONS_END_USER = DB_SQL("DELETE FROM sessions WHERE user_id = ?1 AND id != ?2");
static struct db_sql SQL_SESSIONS_EXPIRED = DB_SQL("DELETE FROM sessions WHERE last_seen < ?1 OR created_at < ?2");
static int64_t now_s(void) { return (int64_t)time(NULL); }
static void set_user(struct req *r, struct user *u);

/* Sets or clears the session cookie; a later call in the same request
 * replaces an earlier one (log-in after a stale cookie was cleared). */
static void cookie(struct req *r, const char *token, int max_age)
{
    char value[256];
    snprintf(value, sizeof value, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", cookie_name(), token,
             respond_tls() ? "; Secure" : "", max_age == 0 ? "; Max-Age=0" : "");
    for (int i = 0; i < r->ncookies; i++) {
        size_t n = strlen(cookie_name());
        if (!strncmp(r->set_cookie[i], cookie_name(), n) && r->set_cookie[i][n] == '=') {
            free(r->set_cookie[i]);
            r->set_cookie[i] = strdup(value);
            return;
        }
    }
    req_set_cookie(r, value);
}

static int delete_session(int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_SESSION_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return db_run(st);
}

/* Reads the session named by the cookie. An expired session, or one whose
 * account was disabled, is deleted and the cookie cleared. */
static void load_session(struct req *r)
{
    const char *token = req_cookie(r, cookie_name());
    if (!token || strlen(token) != SECRET_TOKEN_HEX - 1)
        return;
    unsigned char digest[SECRET_DIGEST];
    secret_digest(token, digest);
    sqlite3_stmt *st = db_stmt(&SQL_SESSION);
    if (!st) {
        r->err = ERR_INTERNAL;
        return;
    }
    sqlite3_bind_blob(st, 1, digest, sizeof digest, SQLITE_STATIC);
    enum db_step found = db_step(st);
    if (found != DB_ROW) {
        sqlite3_reset(st);
        if (found == DB_ERROR)
            r->err = ERR_INTERNAL; /* not "logged out": the cookie stays */
        else
            cookie(r, "", 0);
        return;
    }
    int64_t sid = sqlite3_column_int64(st, 0);
    int64_t created = sqlite3_column_int64(st, 2), seen = sqlite3_column_int64(st, 3);
    int64_t now = now_s();
    bool active = sqlite3_column_int(st, 8) != 0;
    if (!active || now - seen > idle_s || now - created > absolute_s) {
        sqlite3_reset(st);
        delete_session(sid);
        cookie(r, "", 0);
        return;
    }
    struct user *u = calloc(1, sizeof *u);
    if (!u) {
        sqlite3_reset(st);
        return;
    }
    u->id = sqlite3_column_int64(st, 4);
    snprintf(u->email, sizeof u->email, "%s", db_text(st, 5));
    snprintf(u->name, sizeof u->name, "%s", db_text(st, 6));
    u->role = users_role_parse(db_text(st, 7));
    u->must_change_password = sqlite3_column_int(st, 9) != 0;
    u->mfa_enabled = sqlite3_column_int(st, 10) != 0;
    set_user(r, u);
    r->session_id = sid;
    snprintf(r->csrf_token, sizeof r->csrf_token, "%s", db_text(st, 1));
    sqlite3_reset(st);
    if (now - seen >= TOUCH_INTERVAL_S) {
        st = db_stmt(&SQL_SESSION_TOUCH);
        if (st) {
            sqlite3_bind_int64(st, 1, sid);
            sqlite3_bind_int64(st, 2, now);
            db_run(st);
        }
    }
}

/* Makes u (owned from now on; NULL: nobody) the request's user and actor. */
static void set_user(struct req *r, struct user *u)
{
    free(r->user);
    r->user = u;
    r->actor_id = u ? u->id : 0;
    r->actor = u ? u->email : NULL;
}

void auth_forget(struct req *r) { set_user(r, NULL); }

bool auth_may_write(const struct req *r) { return r->user && r->user->role >= ROLE_CASEWORKER; }

int auth_team_may(struct req *r, const json_t *rec, enum entity_action action)
{
    (void)rec;
    if (action != ACT_READ && !auth_may_write(r))
        return req_fail(r, ERR_FORBIDDEN);
    return 0;
}

void auth_layout(struct req *r, json_t *model)
{
    if (r->user) {
        json_t *app = json_object_get(model, "app");
        json_object_set_new(app, "user", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)r->user->id, "name",
                                                   r->user->name, "email", r->user->email));
        json_object_set_new(app, "is_admin", json_boolean(r->user->role == ROLE_ADMIN));
    }
    json_object_set_new(model, "can_write", json_boolean(auth_may_write(r)));
}

static bool changes_state(const char *m) { return strcmp(m, "GET") != 0; }

/* Sends the browser to the log-in page, remembering the page it asked for
 * (path and query, percent-encoded) to come back to afterwards. */
static void login_redirect(struct req *r)
{
    struct buf b = { 0 };
    buf_puts(&b, "/login?next=");
    const char *uri = r->raw_uri ? r->raw_uri : r->path;
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '/' ||
            *p == '-' || *p == '_' || *p == '.')
            buf_append(&b, p, 1);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    req_redirect(r, b.data ? b.data : "/login", NULL);
    buf_free(&b);
}

/* A cross-site POST to a route without a session token (the log-in form)
 * still has to come from our own pages when the browser says where from. */
static bool same_origin(struct req *r)
{
    const char *origin = req_header(r, "Origin");
    const char *host = req_header(r, "Host");
    if (!origin || !strcmp(origin, "null"))
        return origin == NULL;
    if (!host)
        return false;
    const char *p = strstr(origin, "://");
    return p && strcmp(p + 3, host) == 0;
}

int auth_gate_early(struct req *r)
{
    const struct route *rt = r->route;
    if ((rt->flags & ROUTE_NO_SESSION) && rt->role == ROLE_PUBLIC && !changes_state(r->method))
        return 0;
    load_session(r);
    if (r->err != ERR_NONE)
        return -1;
    /* someone who has yet to set up a required second factor is, on the
     * public pages, nobody in particular (no counts, no names) */
    if (rt->role == ROLE_PUBLIC && r->user && !r->user->mfa_enabled && mfa_required_for(r->user->role) &&
        rt->handler != auth_logout)
        set_user(r, NULL);
    if (rt->role > ROLE_PUBLIC) {
        if (!r->user) {
            if (r->want_json || changes_state(r->method))
                return req_fail(r, ERR_UNAUTHORIZED);
            login_redirect(r);
            return -1;
        }
        if ((int)r->user->role < rt->role)
            return req_fail(r, ERR_FORBIDDEN);
        /* a password an admin set is known to two, and a second factor
         * the configuration requires is not yet there: until that is put
         * right, only the pages for it (and logging out) */
        bool own = rt->handler == auth_me || rt->handler == auth_logout;
        if (r->user->must_change_password && !own && rt->handler != auth_change_password) {
            if (r->want_json || changes_state(r->method))
                return req_fail(r, ERR_PASSWORD_CHANGE);
            req_redirect(r, "/me?password=required", NULL);
            return -1;
        }
        if (!r->user->mfa_enabled && mfa_required_for(r->user->role) && !own &&
            rt->handler != auth_change_password && rt->handler != mfa_page && rt->handler != mfa_qr &&
            rt->handler != mfa_enable) {
            if (r->want_json || changes_state(r->method))
                return req_fail(r, ERR_MFA_REQUIRED);
            req_redirect(r, "/me/mfa?required=1", NULL);
            return -1;
        }
    }
    return 0;
}

int auth_gate(struct req *r)
{
    const struct route *rt = r->route;
    if (!r->early_gate_done && auth_gate_early(r) != 0)
        return -1;
    if (!changes_state(r->method))
        return 0;
    if (rt->flags & ROUTE_NO_CSRF)
        return same_origin(r) ? 0 : req_fail(r, ERR_CSRF);
    const char *sent = req_field(r, "csrf_token");
    if (!sent)
        sent = req_header(r, "X-CSRF-Token");
    if (!r->user || !sent || !secret_equal(sent, r->csrf_token))
        return req_fail(r, ERR_CSRF);
    return 0;
}

int auth_end_sessions(int64_t user_id, int64_t keep_id)
{
    sqlite3_stmt *st = db_stmt(&SQL_SESSIONS_END_USER);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, keep_id);
    /* half-done log-ins of the account end too */
    return db_run(st) == 0 ? mfa_challenges_end(user_id) : -1;
}

static json_t *login_model(struct req *r, const char *email, const char *next)
{
    req_title(r, req_t(r, "login_title"));
    return json_pack("{s:{s:s, s:s}}", "form", "email", email ? email : "",
                     "next", req_local_path(next));
}

int auth_login_form(struct req *r)
{
    const char *next = req_query(r, "next");
    if (r->user)
        return req_redirect(r, req_local_path(next), NULL);
    return req_page(r, "auth/login.tpl", login_model(r, NULL, next));
}

struct login_ctx {
    struct req *r;
    const char *email;
    const char *ip;
    bool password_ok;     /* the password (or, at the second step, the challenge) proved right */
    const char *otp;      /* the second factor's code as sent, or NULL */
    const char *challenge; /* the second step's token, or NULL */
    int64_t user_id;
    char token[SECRET_TOKEN_HEX];
    char csrf[SECRET_TOKEN_HEX];
    char step_token[SECRET_TOKEN_HEX]; /* a browser's challenge for the code's step, or "" */
    int64_t session_id;
    int64_t attempt_id;   /* the attempt on record, a failure until proven right */
    int64_t fails;        /* the account's failures in the window, this one included */
    int retry_after;      /* > 0: throttled, seconds to wait */
    /* set by login_tx, afresh on each run */
    bool success;         /* a session was made */
    bool otp_needed;      /* the password was right; the account has a second factor and no code came */
    bool otp_wrong;       /* the password was right, the code was not */
    bool used_recovery;   /* the code was a recovery code */
};

/* The decision, in the transaction that also records the attempt, so
 * parallel guesses each see the others: refused by the throttle (recorded
 * in the audit log only, never as a failure, so waiting is enough to get
 * in again), or let through with the attempt on record as a failure until
 * the password (and the code) prove right. The account is throttled after
 * max_failures failures since its last success; an address after failures
 * for four times that many accounts, except for accounts that logged in
 * from it in the last 30 days. */
static int decide_tx(void *arg)
{
    struct login_ctx *c = arg;
    int64_t now = now_s();
    int known = throttle_known_place(c->email, c->ip, now - 30 * 24 * 3600);
    int wait = throttle_key_wait(c->email, max_failures, window_s, now);
    int sprayed = known == 0 ? throttle_address_wait(c->ip, max_failures * 4, window_s, now) : 0;
    if (known < 0 || wait < 0 || sprayed < 0)
        return -1; /* cannot count: no attempt (fails closed) */
    c->retry_after = wait > sprayed ? wait : sprayed;
    if (c->retry_after > 0) {
        json_t *f = json_pack("[s]", "email");
        int rc = audit_write_as(c->r, 0, c->email, "login_throttled", "user", c->user_id, f);
        json_decref(f);
        return rc;
    }
    c->attempt_id = throttle_record(c->email, c->ip, now);
    if (c->attempt_id < 0)
        return -1;
    c->fails = throttle_failures(c->email, window_s, now);
    return c->fails < 0 ? -1 : 0;
}

/* How the browser names itself (User-Agent), as text for people: at most
 * 200 characters, cut at a character's boundary; "" when it is not text. */
static void browser_name(struct req *r, char *out, size_t n)
{
    const char *ua = req_header(r, "User-Agent");
    out[0] = '\0';
    if (!ua || !text_valid(ua, strlen(ua)))
        return;
    size_t len = 0, chars = 0;
    while (ua[len] && chars < 200 && len + 4 < n) {
        size_t step = 1;
        while ((ua[len + step] & 0xC0) == 0x80)
            step++;
        len += step;
        chars++;
    }
    memcpy(out, ua, len);
    out[len] = '\0';
}

/* A new session for the account: the old one this browser had ends (a
 * fresh token at every log-in), and expired sessions, challenges and old
 * attempts are swept, housekeeping that needs no schedule. */
static int new_session(struct login_ctx *c, int64_t now)
{
    sqlite3_stmt *st;
    const char *old = req_cookie(c->r, cookie_name());
    if (old) {
        unsigned char d[SECRET_DIGEST];
        secret_digest(old, d);
        st = db_stmt(&SQL_SESSION_DELETE_BY_HASH);
        if (!st)
            return -1;
        sqlite3_bind_blob(st, 1, d, sizeof d, SQLITE_TRANSIENT);
        if (db_run(st) != 0)
            return -1;
    }
    st = db_stmt(&SQL_SESSIONS_EXPIRED);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now - idle_s);
    sqlite3_bind_int64(st, 2, now - absolute_s);
    if (db_run(st) != 0 || throttle_prune(now - 90 * 24 * 3600) != 0)
        return -1;
    secret_token(c->token);
    secret_token(c->csrf);
    unsigned char digest[SECRET_DIGEST];
    secret_digest(c->token, digest);
    st = db_stmt(&SQL_SESSION_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_blob(st, 1, digest, sizeof digest, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, c->user_id);
    sqlite3_bind_text(st, 3, c->csrf, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now);
    char agent[801];
    browser_name(c->r, agent, sizeof agent);
    sqlite3_bind_text(st, 5, c->ip, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, agent, -1, SQLITE_STATIC);
    if (db_run(st) != 0)
        return -1;
    c->session_id = sqlite3_last_insert_rowid(db_conn());
    return 0;
}

/* After the password was checked: the second factor's code, if the account
 * has one and it was sent, is checked and used up here, with the session
 * made in the same transaction. A failure stays on record as it is (and in
 * the audit log); a success turns the attempt into one and starts a
 * session. */
static int login_tx(void *arg)
{
    struct login_ctx *c = arg;
    int64_t now = now_s();
    c->success = c->password_ok;
    c->otp_needed = c->otp_wrong = c->used_recovery = false;
    /* whether the account has a second factor is read here, in the
     * transaction that makes the session, so one turned on a moment ago
     * is never skipped */
    int factor = c->success ? mfa_enabled(c->user_id) : 0;
    if (factor < 0)
        return -1;
    if (factor && !c->otp) {
        /* a right password with no code yet: no guess, no session */
        c->success = false;
        c->otp_needed = true;
        json_t *f = json_pack("[s]", "otp");
        int rc = throttle_forget(c->attempt_id) != 0
                     ? -1 : audit_write_as(c->r, c->user_id, c->email, "login_otp_asked", "user", c->user_id, f);
        json_decref(f);
        return rc;
    }
    if (factor) {
        int rc = mfa_consume(c->user_id, c->otp, now, &c->used_recovery);
        if (rc < 0)
            return -1;
        c->success = rc == 0;
        c->otp_wrong = rc == 1;
    }
    if (!c->success) {
        json_t *f = json_pack("[s]", c->otp_wrong ? "otp" : "email");
        int rc = audit_write_as(c->r, 0, c->email, "login_failed", "user", c->user_id, f);
        json_decref(f);
        if (rc == 0 && c->otp_wrong && c->challenge)
            rc = mfa_challenge_failed(c->challenge);
        return rc;
    }
    if (throttle_succeeded(c->attempt_id) != 0 || (c->challenge && mfa_challenge_end(c->challenge) != 0) ||
        new_session(c, now) != 0)
        return -1;
    json_t *f = c->otp ? json_pack("[s]", c->used_recovery ? "recovery_code" : "otp") : NULL;
    int rc = audit_write_as(c->r, c->user_id, c->email, "login", "user", c->user_id, f);
    json_decref(f);
    return rc;
}

/* The password was right and the account has a second factor: a browser
 * gets a challenge to carry to the code's step instead of the password. */
static int challenge_tx(void *arg)
{
    struct login_ctx *c = arg;
    c->step_token[0] = '\0';
    return c->r->want_json ? 0 : mfa_challenge_new(c->user_id, now_s(), c->step_token);
}

static const struct field_rule LOGIN_RULES[] = {
    { .name = "email", .type = V_TEXT, .required = true, .max = 254 },
    { .name = "password", .type = V_SECRET, .required = true, .max = 1024 },
};

/* The code's step of the log-in page: the challenge and where to go next. */
static json_t *otp_model(struct req *r, const char *challenge, const char *next)
{
    req_title(r, req_t(r, "login_title"));
    return json_pack("{s:{s:s, s:s}}", "form", "mfa_token", challenge, "next", req_local_path(next));
}

/* Answers "the code, please" (401 otp_required): JSON clients send it with
 * the password again; a browser gets the code's step (challenge). */
static int ask_for_code(struct req *r, const char *challenge, const char *next)
{
    r->cache_control = "no-store"; /* the page carries the challenge */
    r->err = ERR_OTP_REQUIRED;
    r->err_detail = strdup(req_t(r, "login_otp_needed"));
    req_page(r, "auth/login_otp.tpl", otp_model(r, challenge, next));
    return -1;
}

/* Everything after a successful log-in transaction: the cookie, the
 * request's user, and the answer (303 to next, or the user and the CSRF
 * token as JSON). */
static int logged_in(struct req *r, struct login_ctx *c, const struct user_rec *u, const char *next)
{
    struct user *me = calloc(1, sizeof *me);
    if (!me)
        return req_fail(r, ERR_INTERNAL);
    me->id = u->id;
    me->role = u->role;
    sqlite3_stmt *st = db_stmt(&SQL_MUST_CHANGE);
    if (!st) {
        free(me);
        return req_fail(r, ERR_INTERNAL);
    }
    sqlite3_bind_int64(st, 1, u->id);
    enum db_step found = db_step(st);
    if (found == DB_ROW) {
        me->must_change_password = sqlite3_column_int(st, 0) != 0;
        me->mfa_enabled = sqlite3_column_int(st, 1) != 0;
    }
    sqlite3_reset(st);
    if (found != DB_ROW) {
        free(me);
        return req_fail(r, ERR_INTERNAL);
    }
    cookie(r, c->token, -1); /* only now: every step that could fail is done */
    snprintf(me->email, sizeof me->email, "%s", u->email);
    snprintf(me->name, sizeof me->name, "%s", u->name);
    set_user(r, me);
    snprintf(r->csrf_token, sizeof r->csrf_token, "%s", c->csrf);
    r->session_id = c->session_id;
    json_t *model = json_pack("{s:o, s:s, s:b}", "user", users_json(u), "csrf_token", c->csrf,
                              "must_change_password", me->must_change_password);
    if (!model)
        return req_fail(r, ERR_INTERNAL); /* never an answer with parts silently missing */
    return req_redirect(r, req_local_path(next), model);
}

/* A failed try: a little slower each time before the limit, then the
 * form again with the error (e) and its message (msg_key). */
static int login_refused(struct req *r, struct login_ctx *c, enum err e, const char *msg_key, const char *view,
                         json_t *model)
{
    if (c->fails >= 2) {
        long ms = (c->fails < 4 ? (long)c->fails : 4L) * 250; /* a second at most */
        struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
    }
    r->err = e;
    r->err_detail = strdup(req_t(r, msg_key));
    if (e == ERR_OTP_REQUIRED) {
        /* a code came and was wrong: said beside the field, unlike a missing one */
        r->err_fields = json_pack("{s:s}", "otp", r->err_detail);
        r->cache_control = "no-store";
    }
    req_page(r, view, model);
    return -1;
}

/* The second step of a browser's log-in: the challenge from the first
 * (which stood for the right password) and the code. Throttled and
 * recorded like the first. */
static int login_second_step(struct req *r, const char *challenge, const char *next)
{
    int64_t user_id = 0;
    int found = mfa_challenge_user(challenge, now_s(), &user_id);
    struct user_rec u;
    if (found == 0)
        found = users_get(user_id, &u);
    if (found < 0)
        return req_fail(r, ERR_INTERNAL);
    if (found > 0 || !u.active) {
        r->err = ERR_UNAUTHORIZED;
        r->err_detail = strdup(req_t(r, "login_otp_expired"));
        req_page(r, "auth/login.tpl", login_model(r, NULL, next));
        return -1;
    }
    const char *otp = req_field(r, "otp");
    if (!otp || !*otp)
        return ask_for_code(r, challenge, next);
    char ip[64];
    req_client_ip(r, ip, sizeof ip);
    struct login_ctx c = { .r = r, .email = u.email, .ip = ip, .user_id = u.id, .password_ok = true,
                           .otp = otp, .challenge = challenge };
    if (db_tx(decide_tx, &c) != 0)
        return req_fail(r, ERR_INTERNAL);
    if (c.retry_after > 0)
        return throttle_refuse(r, c.retry_after, "auth/login_otp.tpl", otp_model(r, challenge, next));
    if (db_tx(login_tx, &c) != 0)
        return req_fail(r, ERR_INTERNAL);
    if (!c.success)
        return login_refused(r, &c, ERR_OTP_REQUIRED, "login_otp_wrong", "auth/login_otp.tpl",
                             otp_model(r, challenge, next));
    return logged_in(r, &c, &u, next);
}

/* Throttled by account and by address (decide_tx), the answer saying how
 * long to wait; before the limit, each failure makes the next answer a
 * little slower. The message is the same whether or not the e-mail
 * exists. An account with a second factor needs its code too (otp), sent
 * with the password or, in a browser, on a second page. */
int auth_login(struct req *r)
{
    const char *next = req_field(r, "next");
    if (!next)
        next = req_query(r, "next");
    const char *challenge = req_field(r, "mfa_token");
    if (challenge)
        return login_second_step(r, challenge, next);
    json_t *in;
    if (validate_fields(r, LOGIN_RULES, 2, &in) != 0) {
        req_page(r, "auth/login.tpl", login_model(r, req_field(r, "email"), next));
        return -1;
    }
    char email[254 * 4 + 1]; /* the rule's 254 characters, never cut */
    snprintf(email, sizeof email, "%s", json_string_value(json_object_get(in, "email")));
    for (char *p = email; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (!validate_email(email)) {
        /* not an e-mail address: perhaps a password typed into the wrong
         * field. Throttled and recorded under a digest of it, never the
         * text itself. */
        unsigned char d[SECRET_DIGEST];
        secret_digest(email, d);
        int n = snprintf(email, sizeof email, "not-an-address:");
        for (int i = 0; i < 8; i++)
            n += snprintf(email + n, sizeof email - (size_t)n, "%02x", d[i]);
    }
    char ip[64];
    req_client_ip(r, ip, sizeof ip);
    struct login_ctx c = { .r = r, .email = email, .ip = ip };
    if (db_tx(decide_tx, &c) != 0) {
        json_decref(in);
        return req_fail(r, ERR_INTERNAL);
    }
    if (c.retry_after > 0) {
        json_decref(in);
        return throttle_refuse(r, c.retry_after, "auth/login.tpl", login_model(r, email, next));
    }
    struct user_rec u;
    int found = users_get_by_email(email, &u);
    if (found < 0) {
        json_decref(in);
        return req_fail(r, ERR_INTERNAL); /* the attempt stays on record; never a wrong-password answer */
    }
    const char *pw = json_string_value(json_object_get(in, "password"));
    c.password_ok = secret_verify_password(found == 0 && u.active ? u.hash : NULL, pw);
    json_decref(in);
    c.user_id = found == 0 ? u.id : 0;
    c.otp = req_field(r, "otp");
    if (c.otp && !*c.otp)
        c.otp = NULL;
    if (db_tx(login_tx, &c) != 0)
        return req_fail(r, ERR_INTERNAL);
    if (c.otp_needed) {
        if (db_tx(challenge_tx, &c) != 0)
            return req_fail(r, ERR_INTERNAL);
        return ask_for_code(r, c.step_token, next);
    }
    if (c.otp_wrong) {
        /* the password was right: the code's step again (the wrong code
         * stays on record as a failure) */
        if (db_tx(challenge_tx, &c) != 0)
            return req_fail(r, ERR_INTERNAL);
        return login_refused(r, &c, ERR_OTP_REQUIRED, "login_otp_wrong", "auth/login_otp.tpl",
                             otp_model(r, c.step_token, next));
    }
    if (!c.success)
        return login_refused(r, &c, ERR_UNAUTHORIZED, "login_failed", "auth/login.tpl",
                             login_model(r, email, next));
    return logged_in(r, &c, &u, next);
}

static int logout_tx(void *arg)
{
    struct req *r = arg;
    if (delete_session(r->session_id) != 0)
        return -1;
    return audit_write(r, "logout", "user", r->user->id, NULL);
}

int auth_logout(struct req *r)
{
    if (r->user && db_tx(logout_tx, r) != 0)
        return req_fail(r, ERR_INTERNAL);
    cookie(r, "", 0);
    set_user(r, NULL);
    r->csrf_token[0] = '\0';
    return req_redirect(r, "/login", NULL);
}

/* One's own account: the role as the code (JSON) and, for the page, in the
 * words the admin list uses for it. */
static json_t *me_model(struct req *r)
{
    req_title(r, req_t(r, "me_title"));
    const char *role = users_role_name(r->user->role);
    json_t *m = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)r->user->id, "email", r->user->email,
                          "name", r->user->name, "role", role, "csrf_token", r->csrf_token, "mfa_enabled",
                          r->user->mfa_enabled);
    if (m && !r->want_json)
        json_object_set_new(m, "role_label", json_string(entity_label(&CHOICES_ROLE, r->lang, role)));
    return m;
}

int auth_me(struct req *r)
{
    json_t *model = me_model(r);
    if (!model)
        return req_fail(r, ERR_INTERNAL);
    const char *done = req_query(r, "password");
    if (done && !strcmp(done, "changed"))
        json_object_set_new(model, "password_changed", json_true());
    if (r->user->must_change_password)
        json_object_set_new(model, "must_change_password", json_true());
    return req_page(r, "auth/me.tpl", model);
}

static const struct field_rule PASSWORD_RULES[] = {
    { .name = "current_password", .type = V_SECRET, .required = true, .max = 1024 },
    { .name = "new_password", .type = V_PASSWORD, .required = true },
};

struct pw_ctx {
    struct req *r;
    const char *hash;
    char key[48];        /* the attempts' key: "password-change:<id>" */
    char ip[64];
    int64_t attempt_id;  /* on record as a failure until the password proves right */
    int retry_after;     /* > 0: throttled */
};

/* Guessing one's own current password is throttled like a log-in: after
 * login_max_failures wrong ones in the window, 429 until the oldest leaves
 * it. The attempt is recorded (under the account's own key) in the same
 * transaction as the decision, so parallel guesses see each other. */
static int pw_decide_tx(void *arg)
{
    struct pw_ctx *c = arg;
    int64_t now = now_s();
    int wait = throttle_key_wait(c->key, max_failures, window_s, now);
    if (wait < 0)
        return -1;
    c->retry_after = wait;
    if (wait > 0) {
        json_t *f = json_pack("[s]", "current_password");
        int rc = audit_write(c->r, "password_change_throttled", "user", c->r->user->id, f);
        json_decref(f);
        return rc;
    }
    c->attempt_id = throttle_record(c->key, c->ip, now);
    return c->attempt_id < 0 ? -1 : 0;
}

static int password_tx(void *arg)
{
    struct pw_ctx *c = arg;
    if (users_set_password(c->r->user->id, c->hash, false) != 0 ||
        auth_end_sessions(c->r->user->id, c->r->session_id) != 0 || throttle_succeeded(c->attempt_id) != 0)
        return -1;
    json_t *f = json_pack("[s]", "password");
    int rc = audit_write(c->r, "change_password", "user", c->r->user->id, f);
    json_decref(f);
    return rc;
}

static int password_failed_tx(void *arg)
{
    struct req *r = arg;
    json_t *f = json_pack("[s]", "current_password");
    int rc = audit_write(r, "password_change_failed", "user", r->user->id, f);
    json_decref(f);
    return rc;
}

/* A user changes their own password, proving they know the current one;
 * their other sessions end, this one stays. */
int auth_change_password(struct req *r)
{
    json_t *in;
    if (validate_fields(r, PASSWORD_RULES, 2, &in) != 0) {
        req_page(r, "auth/me.tpl", me_model(r));
        return -1;
    }
    /* the same text twice is refused before any guess is counted: comparing
     * two strings the client sent reveals nothing, and the old password
     * again is no change, above all after an administrator set it */
    if (strcmp(json_string_value(json_object_get(in, "current_password")),
               json_string_value(json_object_get(in, "new_password"))) == 0) {
        json_decref(in);
        req_field_error(r, "new_password", "password_same");
        req_page(r, "auth/me.tpl", me_model(r));
        return -1;
    }
    struct pw_ctx c = { .r = r };
    snprintf(c.key, sizeof c.key, "password-change:%lld", (long long)r->user->id);
    req_client_ip(r, c.ip, sizeof c.ip);
    if (db_tx(pw_decide_tx, &c) != 0) {
        json_decref(in);
        return req_fail(r, ERR_INTERNAL);
    }
    if (c.retry_after > 0) {
        json_decref(in);
        return throttle_refuse(r, c.retry_after, "auth/me.tpl", me_model(r));
    }
    struct user_rec u;
    if (users_get(r->user->id, &u) != 0) {
        json_decref(in);
        return req_fail(r, ERR_INTERNAL);
    }
    if (!secret_verify_password(u.hash, json_string_value(json_object_get(in, "current_password")))) {
        json_decref(in);
        /* a wrong guess at one's own password is on record like a failed log-in */
        if (db_tx(password_failed_tx, r) != 0)
            return req_fail(r, ERR_INTERNAL);
        req_field_error(r, "current_password", "password_wrong");
        req_page(r, "auth/me.tpl", me_model(r));
        return -1;
    }
    char hash[SECRET_HASH_MAX];
    int rc = secret_hash_password(json_string_value(json_object_get(in, "new_password")), hash);
    json_decref(in);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    c.hash = hash;
    if (db_tx(password_tx, &c) != 0)
        return req_fail(r, ERR_INTERNAL);
    return req_redirect(r, "/me?password=changed", NULL);
}

/* ---- one's sessions ------------------------------------------------------- */

/* The active sessions of user_id as [{"id","created_at","last_seen","ip",
 * "agent","current"}], newest use first; NULL on a database error. */
json_t *auth_sessions_of(int64_t user_id, int64_t current)
{
    sqlite3_stmt *st = db_stmt(&SQL_SESSIONS_OF);
    if (!st)
        return NULL;
    int64_t now = now_s();
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, now - idle_s);
    sqlite3_bind_int64(st, 3, now - absolute_s);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        char created[32], seen[32];
        time_t t = (time_t)sqlite3_column_int64(st, 1);
        struct tm tm;
        strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
        t = (time_t)sqlite3_column_int64(st, 2);
        strftime(seen, sizeof seen, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
        int64_t id = sqlite3_column_int64(st, 0);
        json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)id, "created_at", created,
                                "last_seen", seen, "ip", db_text(st, 3), "agent", db_text(st, 4), "current",
                                id == current);
        if (!row) {
            rc = DB_ERROR;
            break;
        }
        json_array_append_new(list, row);
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* One's active sessions: where and when they started, when last used. */
int auth_sessions(struct req *r)
{
    json_t *items = auth_sessions_of(r->user->id, r->session_id);
    if (!items)
        return req_fail(r, ERR_INTERNAL);
    if (!r->want_json) {
        size_t i;
        json_t *row;
        json_array_foreach(items, i, row) {
            char local[64];
            req_date(r, json_string_value(json_object_get(row, "created_at")), local, sizeof local);
            json_object_set_new(row, "created_local", json_string(local));
            req_date(r, json_string_value(json_object_get(row, "last_seen")), local, sizeof local);
            json_object_set_new(row, "last_seen_local", json_string(local));
        }
        req_title(r, req_t(r, "sessions_title"));
    }
    json_t *model = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items));
    if (req_query(r, "ended"))
        json_object_set_new(model, "ended", json_true());
    return req_page(r, "auth/sessions.tpl", model);
}

struct end_ctx {
    struct req *r;
    int64_t user_id, keep;
};

static int end_tx(void *arg)
{
    struct end_ctx *c = arg;
    if (auth_end_sessions(c->user_id, c->keep) != 0)
        return -1;
    json_t *f = json_pack("[s]", "sessions");
    int rc = audit_write(c->r, "end_sessions", "user", c->user_id, f);
    json_decref(f);
    return rc;
}

/* Ends one's other sessions (a browser left logged in elsewhere); this
 * one stays. */
int auth_end_other_sessions(struct req *r)
{
    struct end_ctx c = { r, r->user->id, r->session_id };
    if (db_tx(end_tx, &c) != 0)
        return req_fail(r, ERR_INTERNAL);
    return req_redirect(r, "/me/sessions?ended=1", json_pack("{s:b}", "ended", 1));
}

int auth_end_all_sessions(struct req *r, int64_t user_id)
{
    struct end_ctx c = { r, user_id, 0 };
    return db_tx(end_tx, &c) == 0 ? 0 : req_fail(r, ERR_INTERNAL);
}
