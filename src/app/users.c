#include "app/users.h"

#include "app/auth.h"
#include "app/choices.h"
#include "core/audit.h"
#include "core/entity.h"
#include "core/db.h"
#include "core/list.h"
#include "core/log.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct db_sql SQL_GET = DB_SQL(
    "SELECT id, email, name, role, active, password_hash, mfa_secret IS NOT NULL FROM users WHERE id = ?1");
static struct db_sql SQL_GET_BY_EMAIL = DB_SQL(
    "SELECT id, email, name, role, active, password_hash, mfa_secret IS NOT NULL FROM users WHERE email = ?1");
static struct db_sql SQL_INSERT = DB_SQL(
    "INSERT INTO users (email, name, role, password_hash, must_change_password) VALUES (?1, ?2, ?3, ?4, ?5)");
static struct db_sql SQL_SET_PASSWORD = DB_SQL(
    "UPDATE users SET password_hash = ?2, must_change_password = ?3, "
    "password_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
/* ---- the declaration: accounts as a list and a personal record ---- */
static const struct field_rule FIELDS[] = {
    { .name = "email", .type = V_EMAIL, .flags = F_READONLY | F_LIST },
    { .name = "name", .type = V_TEXT, .min = 1, .max = 200, .flags = F_LIST },
    { .name = "role", .type = V_ENUM, .choices = &CHOICES_ROLE, .flags = F_LIST },
    { .name = "active", .type = V_BOOL, .flags = F_LIST },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY },
};
static const struct entity_sort SORTS[] = { { .key = "name", .order = "t.active DESC, t.name COLLATE NOCASE, t.id" } };
static const char *const SEARCHED[] = { "email", "name", NULL };

/* Staff accounts are personal data of staff: only admins reach them (the
 * routes say so), and every read of one account is audited. */
struct entity USER = {
    .type = "user",
    .table = "users",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = SORTS,
    .nsorts = 1,
    .like = SEARCHED,
    .personal = true,
};

static struct db_sql SQL_UPDATE = DB_SQL("UPDATE users SET name = ?2, role = ?3, active = ?4 WHERE id = ?1");


enum role users_role_parse(const char *s)
{
    if (!s)
        return ROLE_PUBLIC;
    if (!strcmp(s, "admin"))
        return ROLE_ADMIN;
    if (!strcmp(s, "caseworker"))
        return ROLE_CASEWORKER;
    if (!strcmp(s, "viewer"))
        return ROLE_VIEWER;
    return ROLE_PUBLIC;
}

const char *users_role_name(enum role role)
{
    switch (role) {
    case ROLE_ADMIN:
        return "admin";
    case ROLE_CASEWORKER:
        return "caseworker";
    case ROLE_VIEWER:
        return "viewer";
    default:
        return "public";
    }
}

static void read_row(sqlite3_stmt *st, struct user_rec *u)
{
    u->id = sqlite3_column_int64(st, 0);
    snprintf(u->email, sizeof u->email, "%s", db_text(st, 1));
    snprintf(u->name, sizeof u->name, "%s", db_text(st, 2));
    u->role = users_role_parse(db_text(st, 3));
    u->active = sqlite3_column_int(st, 4) != 0;
    snprintf(u->hash, sizeof u->hash, "%s", db_text(st, 5));
    u->mfa_enabled = sqlite3_column_int(st, 6) != 0;
}

/* Runs a prepared one-row lookup: 0 found, 1 none, -1 error. */
static int fetch_one(sqlite3_stmt *st, struct user_rec *u)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_row(st, u);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? 1 : -1;
}

int users_get(int64_t id, struct user_rec *u)
{
    sqlite3_stmt *st = db_stmt(&SQL_GET);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return fetch_one(st, u);
}

int users_get_by_email(const char *email, struct user_rec *u)
{
    sqlite3_stmt *st = db_stmt(&SQL_GET_BY_EMAIL);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
    return fetch_one(st, u);
}

int users_insert(const char *email, const char *name, enum role role, const char *hash, bool must_change,
                 int64_t *id)
{
    sqlite3_stmt *st = db_stmt(&SQL_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, users_role_name(role), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, must_change);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        *id = sqlite3_last_insert_rowid(db_conn());
        return 0;
    }
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return 1;
    log_error("users: insert: %s", sqlite3_errmsg(db_conn()));
    return -1;
}

int users_set_password(int64_t id, const char *hash, bool must_change)
{
    sqlite3_stmt *st = db_stmt(&SQL_SET_PASSWORD);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, must_change);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

json_t *users_json(const struct user_rec *u)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:b, s:b}", "id", (json_int_t)u->id, "email", u->email, "name",
                     u->name, "role", users_role_name(u->role), "active", u->active, "mfa_enabled", u->mfa_enabled);
}

/* Adds role flags for the templates' select boxes (role_admin etc.). */
static json_t *with_role_flags(json_t *o, const char *role)
{
    char key[32];
    snprintf(key, sizeof key, "role_%s", role);
    json_object_set_new(o, key, json_true());
    return o;
}

int users_list(struct req *r)
{
    struct entity_query q;
    json_t *model = NULL;
    int rc = entity_query_read(r, &USER, &q) == 0 ? entity_list(r, &q, &model) : -1;
    entity_query_free(&q);
    if (rc != 0)
        return -1;
    json_object_del(model, "filter");
    req_title(r, req_t(r, "users_title"));
    return req_page(r, "admin/users.tpl", model);
}

/* The empty form for a new account; caseworker is the usual role. */
int users_new_form(struct req *r)
{
    req_title(r, req_t(r, "users_new_title"));
    json_t *form = json_pack("{s:s, s:s, s:b}", "email", "", "name", "", "role_caseworker", 1);
    return req_page(r, "admin/users_new.tpl",
                    json_pack("{s:o}", "form", form));
}

static const struct field_rule CREATE_RULES[] = {
    { .name = "email", .type = V_EMAIL, .required = true },
    { .name = "name", .type = V_TEXT, .required = true, .min = 1, .max = 200 },
    { .name = "role", .type = V_ENUM, .required = true, .choices = &CHOICES_ROLE },
    { .name = "password", .type = V_PASSWORD, .required = true },
};

struct create_ctx {
    struct req *r;
    json_t *in;
    const char *hash;
    int64_t id;
    int taken;
};

static int create_tx(void *arg)
{
    struct create_ctx *c = arg;
    json_t *in = c->in;
    /* a password an admin chose is changed by its owner at the next log-in */
    int rc = users_insert(json_string_value(json_object_get(in, "email")),
                          json_string_value(json_object_get(in, "name")),
                          users_role_parse(json_string_value(json_object_get(in, "role"))), c->hash, true, &c->id);
    if (rc == 1)
        c->taken = 1;
    if (rc != 0)
        return -1;
    json_t *fields = json_pack("[s,s,s,s]", "email", "name", "role", "password");
    rc = audit_write(c->r, "create", "user", c->id, fields);
    json_decref(fields);
    return rc;
}

/* Keeps what the admin typed (never the password) for the form shown again. */
static json_t *typed_values(struct req *r)
{
    json_t *form = json_object();
    const char *keys[] = { "email", "name" };
    for (size_t i = 0; i < 2; i++) {
        const char *v = req_field(r, keys[i]);
        json_object_set_new(form, keys[i], json_string(v ? v : ""));
    }
    const char *role = req_field(r, "role");
    if (users_role_parse(role) != ROLE_PUBLIC)
        with_role_flags(form, role);
    return form;
}

int users_create(struct req *r)
{
    json_t *in;
    req_title(r, req_t(r, "users_new_title"));
    if (validate_fields(r, CREATE_RULES, sizeof CREATE_RULES / sizeof CREATE_RULES[0], &in) != 0) {
        req_page(r, "admin/users_new.tpl",
                 json_pack("{s:o}", "form", typed_values(r)));
        return -1;
    }
    char hash[SECRET_HASH_MAX];
    if (secret_hash_password(json_string_value(json_object_get(in, "password")), hash) != 0) {
        json_decref(in);
        return req_fail(r, ERR_INTERNAL);
    }
    struct create_ctx c = { r, in, hash, 0, 0 };
    int rc = db_tx(create_tx, &c);
    json_decref(in);
    if (rc != 0) {
        if (!c.taken)
            return req_fail(r, ERR_INTERNAL);
        req_field_error(r, "email", "users_email_taken");
        r->err = ERR_CONFLICT;
        req_page(r, "admin/users_new.tpl",
                 json_pack("{s:o}", "form", typed_values(r)));
        return -1;
    }
    struct user_rec u;
    if (users_get(c.id, &u) != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/admin/users/%lld", (long long)c.id);
    return req_created(r, loc, users_json(&u));
}

static int show(struct req *r, const struct user_rec *u, json_t *form)
{
    json_t *model = users_json(u);
    if (!model) {
        json_decref(form);
        return req_fail(r, ERR_INTERNAL); /* never a page with the account silently missing */
    }
    if (r->want_json) {
        json_decref(form);
        return req_page(r, "admin/user.tpl", model);
    }
    req_title(r, u->name);
    json_object_set_new(model, "is_self", json_boolean(u->id == r->user->id));
    const char *sessions = req_query(r, "sessions");
    if (sessions && !strcmp(sessions, "ended"))
        json_object_set_new(model, "sessions_ended", json_true());
    const char *mfa = req_query(r, "mfa");
    if (mfa && !strcmp(mfa, "reset"))
        json_object_set_new(model, "mfa_was_reset", json_true());
    if (!form) {
        form = json_pack("{s:s, s:b}", "name", u->name, "active", u->active);
        with_role_flags(form, users_role_name(u->role));
    }
    json_object_set_new(model, "form", form);
    return req_page(r, "admin/user.tpl", model);
}

/* The account named by the path's {id}; on failure the request's error is
 * set (404 or 500) and -1 returned. */
static int load_path_user(struct req *r, struct user_rec *u)
{
    int rc = users_get(r->id, u);
    if (rc == 0)
        return 0;
    return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
}

int users_show(struct req *r)
{
    json_t *rec;
    if (entity_open(r, &USER, ACT_READ, &rec) != 0)
        return -1;
    json_decref(rec);
    struct user_rec u;
    if (load_path_user(r, &u) != 0)
        return -1;
    return show(r, &u, NULL);
}

struct update_ctx {
    struct req *r;
    json_t *in;          /* the validated fields; borrowed */
    bool active_given;   /* whether "active" was sent at all */
    struct user_rec u;   /* the account as it is in the transaction */
    json_t *changed;     /* names of the fields that change; owned */
    const char *refused; /* the field refused as a change to oneself, or NULL */
};

/* Load, compare and write in one transaction, so an admin's save never puts
 * back what another admin changed a moment before: only fields that differ
 * from the stored account are written. Returns 1 when the account does not
 * exist, 2 when the change would lock the admin out of their own account. */
static int update_tx(void *arg)
{
    struct update_ctx *c = arg;
    json_array_clear(c->changed); /* db_tx may run this again after a busy commit */
    int rc = users_get(c->r->id, &c->u);
    if (rc != 0)
        return rc;
    const char *name = c->u.name;
    enum role role = c->u.role;
    bool active = c->u.active;
    json_t *v = json_object_get(c->in, "name");
    if (json_is_string(v) && strcmp(json_string_value(v), name) != 0) {
        name = json_string_value(v);
        json_array_append_new(c->changed, json_string("name"));
    }
    v = json_object_get(c->in, "role");
    if (json_is_string(v) && users_role_parse(json_string_value(v)) != role) {
        role = users_role_parse(json_string_value(v));
        json_array_append_new(c->changed, json_string("role"));
    }
    if (c->active_given && json_is_true(json_object_get(c->in, "active")) != active) {
        active = !active;
        json_array_append_new(c->changed, json_string("active"));
    }
    if (c->u.id == c->r->user->id && (role != c->u.role || !active)) {
        c->refused = role != c->u.role ? "role" : "active";
        return 2;
    }
    if (json_array_size(c->changed) == 0)
        return 0;
    sqlite3_stmt *st = db_stmt(&SQL_UPDATE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->u.id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, users_role_name(role), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, active);
    if (db_run(st) != 0)
        return -1;
    if (!active && auth_end_sessions(c->u.id, 0) != 0)
        return -1;
    return audit_write(c->r, "update", "user", c->u.id, c->changed);
}

static const struct field_rule UPDATE_RULES[] = {
    { .name = "name", .type = V_TEXT, .min = 1, .max = 200 },
    { .name = "role", .type = V_ENUM, .choices = &CHOICES_ROLE },
    { .name = "active", .type = V_BOOL },
};

/* Name, role and whether the account may log in. Fields left out keep their
 * value (PATCH semantics for JSON; the HTML form sends all of them). An
 * admin cannot lock themself out: no demoting or disabling one's own
 * account. */
int users_update(struct req *r)
{
    struct user_rec u;
    if (load_path_user(r, &u) != 0)
        return -1;
    json_t *in;
    if (validate_fields(r, UPDATE_RULES, sizeof UPDATE_RULES / sizeof UPDATE_RULES[0], &in) != 0) {
        show(r, &u, typed_values(r));
        return -1;
    }
    /* a form sends "active" only when ticked; JSON may leave it out */
    struct update_ctx c = { .r = r, .in = in, .changed = json_array(),
                            .active_given = json_object_get(r->fields, "active") != NULL || !r->want_json };
    int rc = c.changed ? db_tx(update_tx, &c) : -1;
    json_decref(c.changed);
    json_decref(in);
    if (rc == 1)
        return req_fail(r, ERR_NOT_FOUND);
    if (rc == 2) {
        req_field_error(r, c.refused, "users_not_self");
        r->err = ERR_CONFLICT;
        r->err_detail = strdup(req_t(r, "users_not_self"));
        show(r, &c.u, typed_values(r));
        return -1;
    }
    if (rc != 0 || users_get(c.u.id, &u) != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/admin/users/%lld", (long long)u.id);
    return req_redirect(r, loc, users_json(&u));
}

struct password_ctx {
    struct req *r;
    int64_t id;
    const char *hash;
};

static int password_tx(void *arg)
{
    struct password_ctx *c = arg;
    if (users_set_password(c->id, c->hash, true) != 0 || auth_end_sessions(c->id, 0) != 0)
        return -1;
    json_t *fields = json_pack("[s]", "password");
    int rc = audit_write(c->r, "reset_password", "user", c->id, fields);
    json_decref(fields);
    return rc;
}

static const struct field_rule PASSWORD_RULES[] = {
    { .name = "password", .type = V_PASSWORD, .required = true },
};

/* An admin sets a new password for someone who lost theirs; the person's
 * sessions end so the old password's holder is out. */
int users_reset_password(struct req *r)
{
    struct user_rec u;
    if (load_path_user(r, &u) != 0)
        return -1;
    int rc;
    json_t *in;
    if (validate_fields(r, PASSWORD_RULES, 1, &in) != 0) {
        show(r, &u, NULL);
        return -1;
    }
    char hash[SECRET_HASH_MAX];
    rc = secret_hash_password(json_string_value(json_object_get(in, "password")), hash);
    json_decref(in);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    struct password_ctx c = { r, u.id, hash };
    if (db_tx(password_tx, &c) != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/admin/users/%lld?password=reset", (long long)u.id);
    return req_redirect(r, loc, users_json(&u));
}

static struct db_sql SQL_OWNERS = DB_SQL("SELECT id, name FROM users WHERE active = 1 AND role IN ('caseworker', 'admin') ORDER BY name COLLATE NOCASE");
static struct db_sql SQL_IS_OWNER = DB_SQL("SELECT count(*) FROM users WHERE id = ?1 AND active = 1 AND role IN ('caseworker', 'admin')");

static struct db_sql SQL_ALL = DB_SQL("SELECT id, name || ' (' || email || ')' FROM users ORDER BY name COLLATE NOCASE");

/* [{"id","name","selected"}] from a two-column (id, name) statement. */
static json_t *options_of(struct db_sql *sql, int64_t selected)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return NULL;
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        json_array_append_new(list, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)id, "name", db_text(st, 1),
                                              "selected", id == selected));
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

json_t *users_owner_options(int64_t selected) { return options_of(&SQL_OWNERS, selected); }

json_t *users_all_options(int64_t selected) { return options_of(&SQL_ALL, selected); }

int users_is_owner(int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_IS_OWNER);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int64_t n;
    return db_int64(st, &n) == 0 ? n > 0 : -1;
}

/* An admin ends every session of an account (a lost laptop, a person who
 * left): they must log in again. */
int users_end_sessions(struct req *r)
{
    struct user_rec u;
    if (load_path_user(r, &u) != 0)
        return -1;
    if (auth_end_all_sessions(r, u.id) != 0)
        return -1;
    char loc[64];
    snprintf(loc, sizeof loc, "/admin/users/%lld?sessions=ended", (long long)u.id);
    return req_redirect(r, loc, json_pack("{s:I, s:b}", "id", (json_int_t)u.id, "sessions_ended", 1));
}
