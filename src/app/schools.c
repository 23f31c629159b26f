#include "app/schools.h"

#include "app/auth.h"
#include "app/candidates.h"
#include "app/choices.h"
#include "app/events.h"
#include "app/places.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/publiclink.h"
#include "core/qr.h"
#include "core/respond.h"
#include "core/sitekey.h"
#include "core/text.h"
#include "core/validate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEAL_CONTEXT "linkseal"

static char contact_name[CONFIG_LEGAL_MAX], contact_phone[CONFIG_LEGAL_MAX], contact_email[CONFIG_LEGAL_MAX];

void schools_configure(const struct config *cfg)
{
    snprintf(contact_name, sizeof contact_name, "%s", cfg->operator_name);
    snprintf(contact_phone, sizeof contact_phone, "%s", cfg->operator_phone);
    snprintf(contact_email, sizeof contact_email, "%s", cfg->operator_email);
}

/* ---- the declaration ------------------------------------------------------ */
static const struct field_rule FIELDS[] = {
    { .name = "name", .type = V_TEXT, .required = true, .min = 1, .max = 200, .flags = F_LIST | F_EXPORT },
    { .name = "kind", .type = V_ENUM, .choices = &CHOICES_SCHOOL_KIND, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "street", .type = V_TEXT, .max = 200, .flags = F_EXPORT },
    { .name = "postal_code", .type = V_TEXT, .check = places_check_plz, .flags = F_LIST | F_EXPORT },
    { .name = "city", .type = V_TEXT, .max = 100, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "area", .type = V_ENUM, .choices = &CHOICES_AREA, .flags = F_DERIVED | F_LIST | F_FILTER | F_EXPORT },
    { .name = "phone", .type = V_PHONE, .flags = F_EXPORT },
    { .name = "email", .type = V_EMAIL, .flags = F_EXPORT },
    { .name = "notes", .type = V_TEXT, .max = 10000 },
    { .name = "pupils", .type = V_INT, .expr = "(SELECT count(*) FROM candidates c WHERE c.school_id = t.id)",
      .flags = F_READONLY | F_LIST },
    { .name = "open_links", .type = V_INT,
      .expr = "(SELECT count(*) FROM signup_links l WHERE l.school_id = t.id AND l.closed_at IS NULL "
              "AND l.expires >= date('now', 'localtime'))",
      .flags = F_READONLY | F_LIST },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY },
    { .name = "updated_at", .type = V_TEXT, .flags = F_READONLY },
};

static const struct entity_sort SORTS[] = {
    { .key = "name", .order = "t.name COLLATE NOCASE, t.id", .indexed = true,
      .reverse = "t.name COLLATE NOCASE DESC, t.id DESC" },
    { .key = "postal_code", .order = "t.postal_code, t.name COLLATE NOCASE, t.id",
      .reverse = "t.postal_code DESC, t.name COLLATE NOCASE DESC, t.id DESC" },
};

static const char *const LIKE[] = { "name", "city", "postal_code", NULL };

static int school_check(struct req *r, json_t *in, const json_t *old);
static int school_derive(json_t *in, const json_t *old);

/* Schools are shared by the team, like companies. */
struct entity SCHOOL = {
    .type = "school",
    .table = "schools",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = SORTS,
    .nsorts = sizeof SORTS / sizeof SORTS[0],
    .like = LIKE,
    .versioned = true,
    .may = auth_team_may,
    .check = school_check,
    .derive = school_derive,
};

static struct db_sql SQL_NAME = DB_SQL("SELECT name FROM schools WHERE id = ?1");
static struct db_sql SQL_TEACHERS = DB_SQL(
    "SELECT id, name, class, subject, email, phone FROM school_teachers WHERE school_id = ?1 ORDER BY name COLLATE NOCASE");
static struct db_sql SQL_TEACHER_INSERT = DB_SQL(
    "INSERT INTO school_teachers (school_id, name, class, subject, email, phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
static struct db_sql SQL_TEACHER_DELETE = DB_SQL("DELETE FROM school_teachers WHERE id = ?1 AND school_id = ?2");
static struct db_sql SQL_LINKS = DB_SQL(
    "SELECT l.id, l.label, l.expires, l.closed_at, l.token_sealed, l.expires < date('now', 'localtime'), "
    "(SELECT count(DISTINCT k.candidate_id) FROM candidate_consents k WHERE k.link_id = l.id) "
    "FROM signup_links l WHERE l.school_id = ?1 ORDER BY l.closed_at IS NOT NULL, l.expires DESC, l.id DESC");
static struct db_sql SQL_LINK_ONE = DB_SQL(
    "SELECT l.label, l.token_sealed, s.name FROM signup_links l JOIN schools s ON s.id = l.school_id "
    "WHERE l.id = ?1 AND l.school_id = ?2");
static struct db_sql SQL_LINK_INSERT = DB_SQL(
    "INSERT INTO signup_links (school_id, label, expires, token_digest, token_sealed, created_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
static struct db_sql SQL_LINK_CLOSE = DB_SQL(
    "UPDATE signup_links SET closed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "WHERE id = ?1 AND school_id = ?2 AND closed_at IS NULL");
static struct db_sql SQL_LINK_EXISTS = DB_SQL("SELECT count(*) FROM signup_links WHERE id = ?1 AND school_id = ?2");
static struct db_sql SQL_LINK_IDS = DB_SQL("SELECT id FROM signup_links WHERE school_id = ?1 ORDER BY id");
static struct db_sql SQL_PUPIL_IDS = DB_SQL("SELECT id FROM candidates WHERE school_id = ?1 ORDER BY id");
static struct db_sql SQL_DELETE_COUNTS = DB_SQL(
    "SELECT (SELECT count(*) FROM signup_links WHERE school_id = ?1), "
    "(SELECT count(*) FROM signup_links WHERE school_id = ?1 AND closed_at IS NULL "
    "AND expires >= date('now', 'localtime')), "
    "(SELECT count(*) FROM candidates WHERE school_id = ?1), "
    "(SELECT count(*) FROM school_teachers WHERE school_id = ?1)");
static struct db_sql SQL_BY_DIGEST = DB_SQL(
    "SELECT l.id, l.school_id, s.name, l.label, l.expires, l.closed_at IS NOT NULL "
    "FROM signup_links l JOIN schools s ON s.id = l.school_id WHERE l.token_digest = ?1");

/* ---- the area's own rules ------------------------------------------------- */

/* A school without a kind is "other". */
static int school_check(struct req *r, json_t *in, const json_t *old)
{
    (void)r;
    (void)old;
    if (json_is_null(json_object_get(in, "kind")))
        json_object_set_new(in, "kind", json_string("other"));
    return 0;
}

/* Town and Stadt/Kreis from the postal code, as for companies. */
static int school_derive(json_t *in, const json_t *old)
{
    const char *plz = json_string_value(json_object_get(in, "postal_code"));
    json_t *city = json_object_get(in, "city");
    if (old && !json_equal(json_object_get(in, "postal_code"), json_object_get(old, "postal_code")) &&
        json_equal(city, json_object_get(old, "city")))
        json_object_set_new(in, "city", json_string(""));
    struct place place;
    int rc = places_find(plz, &place);
    if (rc < 0)
        return -1;
    const char *typed = json_string_value(json_object_get(in, "city"));
    if (rc == 0 && (!typed || !*typed))
        json_object_set_new(in, "city", json_string(place.name));
    json_object_set_new(in, "area", json_string(rc == 0 ? place.area : ""));
    return 0;
}

int schools_name(int64_t id, char *buf, size_t n)
{
    sqlite3_stmt *st = db_stmt(&SQL_NAME);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        snprintf(buf, n, "%s", db_text(st, 0));
    sqlite3_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

json_t *schools_contact(void)
{
    return json_pack("{s:s, s:s, s:s, s:b}", "name", contact_name, "phone", contact_phone, "email", contact_email,
                     "known", contact_name[0] || contact_phone[0] || contact_email[0]);
}

/* ---- tokens ---------------------------------------------------------------- */

void schools_join_url(struct req *r, const char *token, char *out, size_t n)
{
    publiclink_url(r, "/join/", token, out, n);
}

int schools_store_link(int64_t school_id, const char *label, const char *expires, int64_t created_by, int64_t *id,
                       char token[SCHOOLS_TOKEN_MAX])
{
    char digest[PUBLICLINK_DIGEST_HEX];
    publiclink_new(token, digest);
    char *sealed = sitekey_seal(SEAL_CONTEXT, token);
    sqlite3_stmt *st = sealed ? db_stmt(&SQL_LINK_INSERT) : NULL;
    if (!st) {
        free(sealed);
        return -1;
    }
    sqlite3_bind_int64(st, 1, school_id);
    sqlite3_bind_text(st, 2, label, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, expires, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, digest, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, sealed, -1, SQLITE_STATIC);
    if (created_by)
        sqlite3_bind_int64(st, 6, created_by);
    else
        sqlite3_bind_null(st, 6);
    int rc = db_run(st);
    free(sealed);
    if (rc != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_conn());
    return 0;
}

int schools_link_by_token(const char *token, struct signup_link *out)
{
    char digest[PUBLICLINK_DIGEST_HEX];
    if (!publiclink_digest(token, digest))
        return 1;
    sqlite3_stmt *st = db_stmt(&SQL_BY_DIGEST);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->school_id = sqlite3_column_int64(st, 1);
        snprintf(out->school_name, sizeof out->school_name, "%s", db_text(st, 2));
        snprintf(out->label, sizeof out->label, "%s", db_text(st, 3));
        snprintf(out->expires, sizeof out->expires, "%s", db_text(st, 4));
        out->closed = sqlite3_column_int(st, 5) != 0;
    }
    sqlite3_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

/* ---- the school's parts ------------------------------------------------------ */

/* The contact teachers; NULL on a database error. */
static json_t *teachers_json(int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_TEACHERS);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "id",
                                              (json_int_t)sqlite3_column_int64(st, 0), "name", db_text(st, 1),
                                              "class", db_text(st, 2), "subject", db_text(st, 3), "email",
                                              db_text(st, 4), "phone", db_text(st, 5), "school_id", (json_int_t)id));
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* One link as the outside sees it: id, label, expires, closed_at, token,
 * url, signups, and whether it still takes sign-ups. */
static json_t *link_json(struct req *r, sqlite3_stmt *st, int64_t school_id)
{
    int64_t id = sqlite3_column_int64(st, 0);
    char *token = sitekey_open(SEAL_CONTEXT, db_text(st, 4));
    char url[600] = "";
    if (token)
        schools_join_url(r, token, url, sizeof url);
    bool closed = sqlite3_column_type(st, 3) != SQLITE_NULL, expired = sqlite3_column_int(st, 5) != 0;
    json_t *l = json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:I, s:b}", "id", (json_int_t)id, "school_id",
                          (json_int_t)school_id, "label", db_text(st, 1), "expires", db_text(st, 2), "closed_at",
                          closed ? json_string(db_text(st, 3)) : json_null(), "token",
                          token ? json_string(token) : json_null(), "url", token ? json_string(url) : json_null(),
                          "signups", (json_int_t)sqlite3_column_int64(st, 6), "open", !closed && !expired);
    bool readable = token != NULL;
    free(token);
    if (!r->want_json) {
        char day[32];
        req_date(r, db_text(st, 2), day, sizeof day);
        json_object_set_new(l, "expires_local", json_string(day));
        json_object_set_new(l, "expired", json_boolean(expired && !closed));
        json_object_set_new(l, "closed", json_boolean(closed));
        json_object_set_new(l, "readable", json_boolean(readable));
    }
    return l;
}

/* The school's links, open ones first; NULL on a database error. */
static json_t *links_json(struct req *r, int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_LINKS);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, link_json(r, st, id));
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* ---- list ------------------------------------------------------------------------ */

int schools_list(struct req *r)
{
    struct entity_query q;
    json_t *model;
    int rc = entity_query_read(r, &SCHOOL, &q) == 0 ? entity_list(r, &q, &model) : -1;
    entity_query_free(&q);
    if (rc != 0)
        return -1;
    req_title(r, req_t(r, "schools_title"));
    return req_page(r, "schools/list.tpl", model);
}

/* ---- forms ----------------------------------------------------------------------- */

/* The school form (new or edit): values with their options; steals form. */
static int show_form(struct req *r, const json_t *school, json_t *form)
{
    json_t *model = json_pack("{s:o}", "form", form);
    if (school) {
        json_object_set_new(model, "school", json_pack("{s:O, s:O, s:O}", "id", json_object_get(school, "id"),
                                                       "name", json_object_get(school, "name"), "updated_at",
                                                       json_object_get(school, "updated_at")));
        req_title(r, json_string_value(json_object_get(school, "name")));
    } else {
        json_object_set_new(model, "school", json_null());
        req_title(r, req_t(r, "schools_new_title"));
    }
    return req_page(r, "schools/form.tpl", model);
}

int schools_new_form(struct req *r)
{
    json_t *defaults = json_pack("{s:s}", "kind", "other");
    json_t *form = entity_form(r, &SCHOOL, defaults);
    json_decref(defaults);
    return show_form(r, NULL, form);
}

int schools_create(struct req *r)
{
    json_t *school;
    if (entity_create(r, &SCHOOL, &school) != 0) {
        if (r->err == ERR_INVALID)
            show_form(r, NULL, entity_form(r, &SCHOOL, r->fields));
        return -1;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/schools/%lld%s", (long long)json_integer_value(json_object_get(school, "id")),
             r->want_json ? "" : "?done=school_created");
    return req_created(r, loc, school);
}

int schools_edit_form(struct req *r)
{
    json_t *s;
    if (entity_open(r, &SCHOOL, ACT_WRITE, &s) != 0)
        return -1;
    int rc = show_form(r, s, entity_form(r, &SCHOOL, s));
    json_decref(s);
    return rc;
}

int schools_update(struct req *r)
{
    json_t *s, *current = NULL;
    if (entity_update(r, &SCHOOL, &s, &current) != 0) {
        if (current && (r->err == ERR_INVALID || r->err == ERR_CONFLICT)) {
            json_t *values = json_deep_copy(current);
            json_object_update(values, r->fields);
            enum err e = r->err;
            show_form(r, current, entity_form(r, &SCHOOL, values));
            r->err = e;
            json_decref(values);
        }
        json_decref(current);
        return -1;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/schools/%lld?done=school_saved", (long long)r->id);
    return req_redirect(r, loc, s);
}

/* ---- the school's page -------------------------------------------------------------- */

/* The page (or JSON) of a school: its record, contact teachers, links with
 * their addresses, its pupils in the pool and its events. Steals s. */
static int show_page(struct req *r, json_t *s)
{
    json_t *teachers = teachers_json(r->id), *links = teachers ? links_json(r, r->id) : NULL;
    json_t *pupils = links ? candidates_of_school(r, r->id) : NULL;
    json_t *events = pupils ? events_of(r, "school", r->id) : NULL;
    if (!events) {
        json_decref(teachers);
        json_decref(links);
        json_decref(pupils);
        json_decref(s);
        return req_fail(r, ERR_INTERNAL);
    }
    json_object_set_new(s, "teachers", teachers);
    json_object_set_new(s, "links", links);
    json_object_set_new(s, "pupils", pupils);
    json_object_set_new(s, "events", events);
    if (!r->want_json) {
        const char *kind = json_string_value(json_object_get(s, "kind"));
        json_object_set_new(s, "kind_label", json_string(entity_label(&CHOICES_SCHOOL_KIND, r->lang, kind)));
        const char *area = json_string_value(json_object_get(s, "area"));
        if (area && *area)
            json_object_set_new(s, "area_label", json_string(entity_label(&CHOICES_AREA, r->lang, area)));
        char day[11];
        text_local_day(28, day);
        if (!json_object_get(s, "link_form"))
            json_object_set_new(s, "link_form", json_pack("{s:s, s:s}", "label", "", "expires", day));
        if (!json_object_get(s, "teacher_form"))
            json_object_set_new(s, "teacher_form", json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", "", "class", "",
                                                             "subject", "", "email", "", "phone", ""));
        char today[11];
        text_local_day(0, today);
        json_object_set_new(s, "today", json_string(today));
        req_title(r, json_string_value(json_object_get(s, "name")));
    }
    return req_page(r, "schools/show.tpl", s);
}

int schools_show(struct req *r)
{
    json_t *s;
    if (entity_open(r, &SCHOOL, ACT_READ, &s) != 0)
        return -1;
    return show_page(r, s);
}

/* ---- contact teachers ---------------------------------------------------------------- */

static const struct field_rule TEACHER_RULES[] = {
    { .name = "name", .type = V_TEXT, .required = true, .min = 1, .max = 200 },
    { .name = "class", .type = V_TEXT, .max = 50 },
    { .name = "subject", .type = V_TEXT, .max = 100 },
    { .name = "email", .type = V_EMAIL },
    { .name = "phone", .type = V_PHONE },
};
#define NTEACHER (sizeof TEACHER_RULES / sizeof TEACHER_RULES[0])

struct child_ctx {
    struct req *r;
    json_t *in;
    int64_t id;
};

static int teacher_tx(void *arg)
{
    struct child_ctx *c = arg;
    json_t *school;
    int allowed = entity_allowed(c->r, &SCHOOL, c->r->id, ACT_WRITE, &school);
    if (allowed != 0)
        return allowed;
    json_decref(school);
    sqlite3_stmt *st = db_stmt(&SQL_TEACHER_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->r->id);
    static const char *const names[] = { "name", "class", "subject", "email", "phone" };
    for (int i = 0; i < 5; i++) {
        const char *v = json_string_value(json_object_get(c->in, names[i]));
        sqlite3_bind_text(st, 2 + i, v ? v : "", -1, SQLITE_TRANSIENT);
    }
    if (db_run(st) != 0)
        return -1;
    c->id = sqlite3_last_insert_rowid(db_conn());
    return audit_write(c->r, "create", "school_teacher", c->id, c->in);
}

/* POST /schools/{id}/teachers: a contact teacher. A refused form (400)
 * shows the school's page again with each problem at its field and what
 * was typed, as the link form does; JSON names the fields. */
int schools_add_teacher(struct req *r)
{
    json_t *in;
    if (validate_fields(r, TEACHER_RULES, NTEACHER, &in) != 0) {
        json_t *s;
        enum err e = r->err;
        json_t *fields = r->err_fields ? json_incref(r->err_fields) : NULL;
        if (entity_open(r, &SCHOOL, ACT_WRITE, &s) != 0) {
            json_decref(fields);
            return -1;
        }
        json_object_set_new(s, "teacher_form", validate_form_values(r->fields, TEACHER_RULES, NTEACHER));
        json_object_set_new(s, "teacher_problem", json_true());
        show_page(r, s);
        r->err = e;
        if (fields) {
            json_decref(r->err_fields);
            r->err_fields = fields;
        }
        return -1;
    }
    struct child_ctx c = { r, in, 0 };
    int rc = db_tx(teacher_tx, &c);
    json_decref(in);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/schools/%lld%s#teachers", (long long)r->id, r->want_json ? "" : "?done=teacher_added");
    return req_created(r, loc, json_pack("{s:I, s:I}", "id", (json_int_t)c.id, "school_id", (json_int_t)r->id));
}

static int teacher_delete_tx(void *arg)
{
    struct child_ctx *c = arg;
    json_t *school;
    int allowed = entity_allowed(c->r, &SCHOOL, c->r->id, ACT_WRITE, &school);
    if (allowed != 0)
        return allowed;
    json_decref(school);
    sqlite3_stmt *st = db_stmt(&SQL_TEACHER_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->id);
    sqlite3_bind_int64(st, 2, c->r->id);
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return req_fail(c->r, ERR_NOT_FOUND), 1;
    return audit_write(c->r, "delete", "school_teacher", c->id, NULL);
}

int schools_delete_teacher(struct req *r)
{
    struct child_ctx c = { r, NULL, strtoll(r->params[1], NULL, 10) };
    int rc = db_tx(teacher_delete_tx, &c);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/schools/%lld?done=teacher_removed#teachers", (long long)r->id);
    return req_redirect(r, loc, NULL);
}

/* ---- sign-up links -------------------------------------------------------------------- */

/* GET /schools/{id}/links: the links as JSON; people see them on the
 * school's page. */
int schools_links(struct req *r)
{
    json_t *s;
    if (entity_open(r, &SCHOOL, ACT_READ, &s) != 0)
        return -1;
    json_decref(s);
    if (!r->want_json) {
        char loc[64];
        snprintf(loc, sizeof loc, "/schools/%lld#links", (long long)r->id);
        return req_redirect(r, loc, NULL);
    }
    json_t *links = links_json(r, r->id);
    if (!links)
        return req_fail(r, ERR_INTERNAL);
    return req_page(r, NULL, json_pack("{s:o, s:I}", "items", links, "total", (json_int_t)json_array_size(links)));
}

static const struct field_rule LINK_RULES[] = {
    { .name = "label", .type = V_TEXT, .required = true, .min = 1, .max = 200 },
    { .name = "expires", .type = V_DATE, .required = true },
};

struct link_ctx {
    struct req *r;
    json_t *in;
    int64_t id;
    char token[SCHOOLS_TOKEN_MAX];
};

static int link_tx(void *arg)
{
    struct link_ctx *c = arg;
    json_t *school;
    int allowed = entity_allowed(c->r, &SCHOOL, c->r->id, ACT_WRITE, &school);
    if (allowed != 0)
        return allowed;
    json_decref(school);
    if (schools_store_link(c->r->id, json_string_value(json_object_get(c->in, "label")),
                           json_string_value(json_object_get(c->in, "expires")), c->r->user ? c->r->actor_id : 0,
                           &c->id, c->token) != 0)
        return -1;
    json_t *names = json_pack("[s,s]", "label", "expires");
    int rc = audit_write(c->r, "create", "signup_link", c->id, names);
    json_decref(names);
    return rc;
}

/* A link form refused: the school's page with the problems beside the
 * fields and what was typed. */
static int link_form_again(struct req *r)
{
    enum err e = r->err;
    json_t *fields = r->err_fields ? json_incref(r->err_fields) : NULL;
    json_t *s;
    if (entity_open(r, &SCHOOL, ACT_WRITE, &s) != 0) {
        json_decref(fields);
        return -1;
    }
    json_object_set_new(s, "link_form", validate_form_values(r->fields, LINK_RULES, 2));
    json_object_set_new(s, "link_problem", json_true());
    show_page(r, s);
    r->err = e;
    json_decref(r->err_fields);
    r->err_fields = fields;
    return -1;
}

/* POST /schools/{id}/links {label, expires}: a new link (201 with id,
 * token and url); the expiry day is today or later. */
int schools_add_link(struct req *r)
{
    json_t *in;
    if (validate_fields(r, LINK_RULES, 2, &in) != 0)
        return link_form_again(r);
    char today[11];
    text_local_day(0, today);
    if (strcmp(json_string_value(json_object_get(in, "expires")), today) < 0) {
        json_decref(in);
        req_field_error(r, "expires", "schools_link_expires_past");
        return link_form_again(r);
    }
    struct link_ctx c = { .r = r, .in = in };
    int rc = db_tx(link_tx, &c);
    if (rc != 0) {
        json_decref(in);
        return rc == 1 ? -1 : req_fail(r, ERR_INTERNAL);
    }
    char url[600];
    schools_join_url(r, c.token, url, sizeof url);
    json_t *answer = json_pack("{s:I, s:I, s:O, s:O, s:s, s:s, s:n, s:i}", "id", (json_int_t)c.id, "school_id",
                               (json_int_t)r->id, "label", json_object_get(in, "label"), "expires",
                               json_object_get(in, "expires"), "token", c.token, "url", url, "closed_at", "signups", 0);
    json_decref(in);
    sodium_memzero(c.token, sizeof c.token);
    char loc[96];
    snprintf(loc, sizeof loc, "/schools/%lld%s#link-%lld", (long long)r->id, r->want_json ? "" : "?done=link_created",
             (long long)c.id);
    return req_created(r, loc, answer);
}

struct close_ctx {
    struct req *r;
    int64_t link;
};

static int close_tx(void *arg)
{
    struct close_ctx *c = arg;
    json_t *school;
    int allowed = entity_allowed(c->r, &SCHOOL, c->r->id, ACT_WRITE, &school);
    if (allowed != 0)
        return allowed;
    json_decref(school);
    sqlite3_stmt *st = db_stmt(&SQL_LINK_EXISTS);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->link);
    sqlite3_bind_int64(st, 2, c->r->id);
    int64_t n;
    if (db_int64(st, &n) != 0)
        return -1;
    if (n == 0)
        return req_fail(c->r, ERR_NOT_FOUND), 1;
    if (!(st = db_stmt(&SQL_LINK_CLOSE)))
        return -1;
    sqlite3_bind_int64(st, 1, c->link);
    sqlite3_bind_int64(st, 2, c->r->id);
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return req_fail(c->r, ERR_CONFLICT), 1; /* closed already */
    json_t *names = json_pack("[s]", "closed_at");
    int rc = audit_write(c->r, "update", "signup_link", c->link, names);
    json_decref(names);
    return rc;
}

/* POST /schools/{id}/links/{link_id}/close: the link's token answers 410
 * from now on (closing twice is a 409). */
int schools_close_link(struct req *r)
{
    struct close_ctx c = { r, strtoll(r->params[1], NULL, 10) };
    int rc = db_tx(close_tx, &c);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/schools/%lld?done=link_closed#links", (long long)r->id);
    return req_redirect(r, loc, json_pack("{s:I, s:b}", "id", (json_int_t)c.link, "closed", 1));
}

/* The link of the path ({id}, {link_id}) with its token and URL: 0 with
 * *out {"label","school_name","token","url"}, or -1 with the error set. */
static int link_of_path(struct req *r, json_t **out)
{
    sqlite3_stmt *st = db_stmt(&SQL_LINK_ONE);
    if (!st)
        return req_fail(r, ERR_INTERNAL);
    sqlite3_bind_int64(st, 1, strtoll(r->params[1], NULL, 10));
    sqlite3_bind_int64(st, 2, r->id);
    enum db_step rc = db_step(st);
    char *token = NULL;
    if (rc == DB_ROW) {
        token = sitekey_open(SEAL_CONTEXT, db_text(st, 1));
        *out = json_pack("{s:s, s:s}", "label", db_text(st, 0), "school_name", db_text(st, 2));
    }
    sqlite3_reset(st);
    if (rc != DB_ROW)
        return req_fail(r, rc == DB_DONE ? ERR_NOT_FOUND : ERR_INTERNAL);
    if (!token) {
        /* sealed under another site key (a database restored without its
         * key file): the link still opens, but cannot be shown again */
        json_decref(*out);
        r->err_detail = strdup(req_t(r, "schools_link_unreadable"));
        return req_fail(r, ERR_NOT_FOUND);
    }
    char url[600];
    schools_join_url(r, token, url, sizeof url);
    json_object_set_new(*out, "token", json_string(token));
    json_object_set_new(*out, "url", json_string(url));
    free(token);
    return 0;
}

/* The link's address as a QR code (SVG). */
int schools_link_qr(struct req *r)
{
    json_t *l;
    if (link_of_path(r, &l) != 0)
        return -1;
    char *svg = qr_svg(json_string_value(json_object_get(l, "url")));
    json_decref(l);
    if (!svg)
        return req_fail(r, ERR_INTERNAL);
    return req_bytes(r, "image/svg+xml", svg, strlen(svg));
}

/* A printable A4 flyer for the link: the QR code, a few plain words for
 * pupils, the address to type, and whom to ask. */
int schools_link_flyer(struct req *r)
{
    json_t *l;
    if (link_of_path(r, &l) != 0)
        return -1;
    json_object_set_new(l, "school_id", json_integer(r->id));
    json_object_set_new(l, "link_id", json_integer(strtoll(r->params[1], NULL, 10)));
    json_object_set_new(l, "contact", schools_contact());
    req_title(r, req_t(r, "flyer_title"));
    return req_page(r, "schools/flyer.tpl", l);
}

/* ---- deleting a school ------------------------------------------------------------ */

/* GET /schools/{id}/delete: asks first, and says what goes with the
 * school: its links (deleted: their addresses and QR codes then answer
 * "not found"), its contact teachers; what stays: its pupils (without a
 * school) and its events (without it). */
int schools_delete_form(struct req *r)
{
    json_t *s;
    if (entity_open(r, &SCHOOL, ACT_DELETE, &s) != 0)
        return -1;
    sqlite3_stmt *st = db_stmt(&SQL_DELETE_COUNTS);
    int64_t events = 0;
    enum db_step rc = DB_ERROR;
    if (st) {
        sqlite3_bind_int64(st, 1, r->id);
        if ((rc = db_step(st)) == DB_ROW)
            json_object_set_new(s, "counts", json_pack("{s:I, s:I, s:I, s:I}", "links",
                                                       (json_int_t)sqlite3_column_int64(st, 0), "open_links",
                                                       (json_int_t)sqlite3_column_int64(st, 1), "pupils",
                                                       (json_int_t)sqlite3_column_int64(st, 2), "teachers",
                                                       (json_int_t)sqlite3_column_int64(st, 3)));
        sqlite3_reset(st);
    }
    if (rc != DB_ROW || events_count_with_school(r->id, &events) != 0) {
        json_decref(s);
        return req_fail(r, ERR_INTERNAL);
    }
    json_object_set_new(json_object_get(s, "counts"), "events", json_integer(events));
    req_title(r, req_t(r, "schools_delete_title"));
    return req_page(r, "schools/delete.tpl", s);
}

/* The ids a statement bound to id yields, as a JSON array of integers,
 * read whole before the delete changes what it walks; NULL on error. */
static json_t *ids_of(struct db_sql *sql, int64_t id)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    json_t *ids = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(ids, json_integer(sqlite3_column_int64(st, 0)));
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(ids);
        return NULL;
    }
    return ids;
}

struct delete_ctx {
    struct req *r;
    int links, pupils, events;
};

/* The pupils of a deleted school stay in the pool: the schema set their
 * school (and a link of it) to NULL; each record is written again through
 * the kit, so its search text loses the school's name and its version
 * moves on (an edit form opened before is stale), and audited. */
static int release_pupils(struct req *r, json_t *ids)
{
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        int64_t id = json_integer_value(v);
        json_t *rec;
        int found = entity_load(&CANDIDATE, id, &rec);
        if (found < 0)
            return -1;
        if (found > 0)
            continue;
        json_t *old = json_deep_copy(rec), *names = json_pack("[s]", "school_id");
        int rc = entity_store(&CANDIDATE, rec, old, &id) != 0 || audit_write(r, "update", "candidate", id, names) != 0
                     ? -1
                     : 0;
        json_decref(names);
        json_decref(old);
        json_decref(rec);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* One transaction: the policy, the events forget the school, the school
 * goes (its teachers and links with it, by the schema's ON DELETE
 * CASCADE; its pupils' school_id and link_id become NULL), each link's
 * deletion and each pupil's change audited. */
static int delete_tx(void *arg)
{
    struct delete_ctx *c = arg;
    struct req *r = c->r;
    json_t *school;
    int allowed = entity_allowed(r, &SCHOOL, r->id, ACT_DELETE, &school);
    if (allowed != 0)
        return allowed;
    json_decref(school);
    json_t *links = ids_of(&SQL_LINK_IDS, r->id), *pupils = links ? ids_of(&SQL_PUPIL_IDS, r->id) : NULL;
    int rc = pupils ? events_drop_school(r, r->id, &c->events) : -1;
    if (rc == 0)
        rc = entity_delete_tx(r, &SCHOOL, r->id);
    size_t i;
    json_t *v;
    if (rc == 0)
        json_array_foreach(links, i, v) if (rc == 0) rc = audit_write(r, "delete", "signup_link",
                                                                       json_integer_value(v), NULL);
    if (rc == 0)
        rc = release_pupils(r, pupils);
    c->links = (int)json_array_size(links);
    c->pupils = (int)json_array_size(pupils);
    json_decref(links);
    json_decref(pupils);
    return rc;
}

/* POST /schools/{id}/delete (or DELETE /schools/{id}): the school is
 * deleted after the confirmation page. Its sign-up links are deleted with
 * it, so their tokens answer 404 like any unknown token (not 410: no
 * school is left to name on a "closed" page); pupils stay in the pool
 * without a school; events stay without it. */
int schools_delete(struct req *r)
{
    struct delete_ctx c = { .r = r };
    int rc = db_tx(delete_tx, &c);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    return req_redirect(r, "/schools?done=school_deleted",
                        json_pack("{s:I, s:b, s:i, s:i, s:i}", "id", (json_int_t)r->id, "deleted", 1,
                                  "links_deleted", c.links, "pupils_released", c.pupils, "events_changed", c.events));
}
