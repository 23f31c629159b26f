#include "app/activities.h"

#include "app/companies.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/list.h"
#include "core/text.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KINDS[] = { "call", "visit", "email", "counselling", "event", "referral", NULL };
static const char *const TOPICS[] = { "authorisation", "aevo", "funding", "recruiting", "contracts", NULL };
static const char *const CHAMBERS[] = { "ihk", "hwk", NULL };

static const struct field_rule RULES[] = {
    { .name = "kind", .type = V_ENUM, .required = true, .choices = KINDS },
    { .name = "date", .type = V_DATE, .required = true },
    { .name = "subject", .type = V_TEXT, .required = true, .min = 1, .max = 200 },
    { .name = "notes", .type = V_TEXT, .max = 10000 },
    { .name = "topics", .type = V_TAGS, .max = 5 },
    { .name = "referred_to", .type = V_ENUM, .choices = CHAMBERS },
    { .name = "follow_up", .type = V_DATE },
};

static const char SQL_INSERT[] =
    "INSERT INTO activities (company_id, kind, date, subject, notes, topics, referred_to, caseworker_id, follow_up) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_LIST[] =
    "SELECT a.id, a.kind, a.date, a.subject, a.notes, a.topics, a.referred_to, a.follow_up, a.follow_up_done_at, "
    "u.name, a.company_id FROM activities a LEFT JOIN users u ON u.id = a.caseworker_id WHERE a.company_id = ?1 "
    "ORDER BY a.date DESC, a.id DESC LIMIT ?2 OFFSET ?3";
static const char SQL_COUNT[] = "SELECT count(*) FROM activities WHERE company_id = ?1";
/* due: follow-up date today or earlier (overdue before today), not done;
 * ?1 NULL = everyone's (admins may look at all) */
static const char SQL_DUE[] =
    "SELECT a.id, a.kind, a.date, a.subject, a.follow_up, a.company_id, c.name, u.name "
    "FROM activities a JOIN companies c ON c.id = a.company_id LEFT JOIN users u ON u.id = a.caseworker_id "
    "WHERE a.follow_up IS NOT NULL AND a.follow_up_done_at IS NULL AND a.follow_up <= ?2 "
    "AND (?1 IS NULL OR a.caseworker_id = ?1) ORDER BY a.follow_up, a.id LIMIT ?3 OFFSET ?4";
static const char SQL_DUE_COUNT[] =
    "SELECT count(*) FROM activities a WHERE a.follow_up IS NOT NULL AND a.follow_up_done_at IS NULL "
    "AND a.follow_up <= ?2 AND (?1 IS NULL OR a.caseworker_id = ?1) AND a.company_id IS NOT NULL";
static const char SQL_DONE[] =
    "UPDATE activities SET follow_up_done_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "WHERE id = ?1 AND follow_up IS NOT NULL AND follow_up_done_at IS NULL";
static const char SQL_EXISTS[] = "SELECT caseworker_id FROM activities WHERE id = ?1";

static json_t *row_json(struct req *r, sqlite3_stmt *st)
{
    json_t *a = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0), "kind",
                          db_text(st, 1), "date", db_text(st, 2), "subject", db_text(st, 3), "notes",
                          db_text(st, 4));
    json_object_set_new(a, "topics", validate_split(db_text(st, 5)));
    json_object_set_new(a, "referred_to", sqlite3_column_type(st, 6) == SQLITE_NULL ? json_null()
                                                                                     : json_string(db_text(st, 6)));
    json_object_set_new(a, "follow_up", sqlite3_column_type(st, 7) == SQLITE_NULL ? json_null()
                                                                                   : json_string(db_text(st, 7)));
    json_object_set_new(a, "follow_up_done", json_boolean(sqlite3_column_type(st, 8) != SQLITE_NULL));
    json_object_set_new(a, "caseworker_name", json_string(db_text(st, 9)));
    json_object_set_new(a, "company_id", json_integer(sqlite3_column_int64(st, 10)));
    if (!r->want_json) {
        char key[64];
        snprintf(key, sizeof key, "kind_%s", db_text(st, 1));
        json_object_set_new(a, "kind_label", json_string(req_t(r, key)));
        char de[16];
        text_local_date(db_text(st, 2), de, sizeof de);
        json_object_set_new(a, "date_de", json_string(de));
    }
    return a;
}

/* A company's activities as a timeline, newest first. */
int activities_list(struct req *r)
{
    char name[256];
    int rc = companies_name(r->id, name, sizeof name);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    struct list_params lp;
    if (list_params(r, &lp) != 0)
        return -1;
    sqlite3_stmt *st = db_stmt(SQL_COUNT);
    if (!st)
        return req_fail(r, ERR_INTERNAL);
    sqlite3_bind_int64(st, 1, r->id);
    long long total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (!(st = db_stmt(SQL_LIST)))
        return req_fail(r, ERR_INTERNAL);
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int(st, 2, lp.per_page);
    sqlite3_bind_int(st, 3, list_offset(&lp));
    json_t *items = json_array();
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(items, row_json(r, st));
    sqlite3_reset(st);
    json_t *model = list_result(r, items, total, &lp);
    json_object_set_new(model, "company", json_pack("{s:I, s:s}", "id", (json_int_t)r->id, "name", name));
    req_title(r, name);
    return req_page(r, "companies/activities.tpl", model);
}

struct create_ctx {
    struct req *r;
    json_t *in;
    int64_t id;
};

int activities_store(int64_t company_id, json_t *in, int64_t caseworker_id, int64_t *id)
{
    sqlite3_stmt *st = db_stmt(SQL_INSERT);
    if (!st)
        return -1;
    char *topics = validate_join(json_object_get(in, "topics"));
    sqlite3_bind_int64(st, 1, company_id);
    const char *names[] = { "kind", "date", "subject", "notes" };
    for (int i = 0; i < 4; i++) {
        const char *v = json_string_value(json_object_get(in, names[i]));
        sqlite3_bind_text(st, i + 2, v ? v : "", -1, SQLITE_STATIC);
    }
    sqlite3_bind_text(st, 6, topics ? topics : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, json_string_value(json_object_get(in, "referred_to")), -1, SQLITE_STATIC);
    if (caseworker_id)
        sqlite3_bind_int64(st, 8, caseworker_id);
    sqlite3_bind_text(st, 9, json_string_value(json_object_get(in, "follow_up")), -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    free(topics);
    if (rc != SQLITE_DONE)
        return -1;
    *id = sqlite3_last_insert_rowid(db_conn());
    return 0;
}

static int create_tx(void *arg)
{
    struct create_ctx *c = arg;
    if (activities_store(c->r->id, c->in, c->r->user.id, &c->id) != 0)
        return -1;
    return audit_write(c->r, "create", "activity", c->id, c->in);
}

/* Checks what the rules cannot: topics from the list, a referral names its
 * chamber, a follow-up not before the activity. */
static void check_consistency(struct req *r, json_t *in)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(in, "topics"), i, t) {
        bool known = false;
        for (const char *const *k = TOPICS; *k; k++)
            known |= !strcmp(*k, json_string_value(t));
        if (!known)
            req_field_error(r, "topics", "field_bad_choice");
    }
    const char *kind = json_string_value(json_object_get(in, "kind"));
    if (kind && !strcmp(kind, "referral") && json_is_null(json_object_get(in, "referred_to")))
        req_field_error(r, "referred_to", "activities_referral_needs_chamber");
    const char *date = json_string_value(json_object_get(in, "date"));
    const char *fu = json_string_value(json_object_get(in, "follow_up"));
    if (date && fu && strcmp(fu, date) < 0)
        req_field_error(r, "follow_up", "activities_follow_up_before");
}

int activities_create(struct req *r)
{
    char name[256];
    int rc = companies_name(r->id, name, sizeof name);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    json_t *in;
    if (validate_fields(r, RULES, sizeof RULES / sizeof RULES[0], &in) == 0)
        check_consistency(r, in);
    if (r->err != ERR_NONE) {
        json_decref(in);
        char loc[64];
        snprintf(loc, sizeof loc, "/companies/%lld", (long long)r->id);
        /* the company page shows the form again with the problems */
        req_title(r, name);
        json_t *model = json_pack("{s:{s:I, s:s}, s:o}", "company", "id", (json_int_t)r->id, "name", name, "form",
                                  validate_form_values(r->fields, RULES, sizeof RULES / sizeof RULES[0]));
        return req_page(r, "companies/activity_form.tpl", model), -1;
    }
    struct create_ctx c = { r, in, 0 };
    rc = db_tx(create_tx, &c);
    json_decref(in);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/companies/%lld#activities", (long long)r->id);
    return req_created(r, loc, json_pack("{s:I, s:I}", "id", (json_int_t)c.id, "company_id", (json_int_t)r->id));
}

long long followups_due_count(int64_t user_id)
{
    char day[11];
    text_local_day(0, day);
    sqlite3_stmt *st = db_stmt(SQL_DUE_COUNT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

/* The caseworker's due and overdue follow-ups, oldest first; ?all=1 shows
 * everyone's. */
int followups_list(struct req *r)
{
    struct list_params lp;
    if (list_params(r, &lp) != 0)
        return -1;
    const char *all = req_query(r, "all");
    bool everyone = all && !strcmp(all, "1");
    char day[11];
    text_local_day(0, day);
    sqlite3_stmt *st = db_stmt(SQL_DUE_COUNT);
    if (!st)
        return req_fail(r, ERR_INTERNAL);
    if (!everyone)
        sqlite3_bind_int64(st, 1, r->user.id);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    long long total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (!(st = db_stmt(SQL_DUE)))
        return req_fail(r, ERR_INTERNAL);
    if (!everyone)
        sqlite3_bind_int64(st, 1, r->user.id);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, lp.per_page);
    sqlite3_bind_int(st, 4, list_offset(&lp));
    json_t *items = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *fu = db_text(st, 4);
        json_t *f = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:b}", "id",
                              (json_int_t)sqlite3_column_int64(st, 0), "kind", db_text(st, 1), "date",
                              db_text(st, 2), "subject", db_text(st, 3), "follow_up", fu, "company_id",
                              (json_int_t)sqlite3_column_int64(st, 5), "company_name", db_text(st, 6),
                              "caseworker_name", db_text(st, 7), "overdue", strcmp(fu, day) < 0);
        char de[16];
        text_local_date(fu, de, sizeof de);
        json_object_set_new(f, "follow_up_de", json_string(de));
        text_local_date(db_text(st, 2), de, sizeof de);
        json_object_set_new(f, "date_de", json_string(de));
        json_array_append_new(items, f);
    }
    sqlite3_reset(st);
    json_t *model = list_result(r, items, total, &lp);
    json_object_set_new(model, "today", json_string(day));
    json_object_set_new(model, "all", json_boolean(everyone));
    req_title(r, req_t(r, "followups_title"));
    return req_page(r, "followups/list.tpl", model);
}

static int done_tx(void *arg)
{
    struct req *r = arg;
    sqlite3_stmt *st = db_stmt(SQL_DONE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r->id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return 1;
    json_t *f = json_pack("[s]", "follow_up_done_at");
    rc = audit_write(r, "update", "activity", r->id, f);
    json_decref(f);
    return rc;
}

/* Marks a follow-up done with one click; done twice is a 409. */
int followups_done(struct req *r)
{
    sqlite3_stmt *st = db_stmt(SQL_EXISTS);
    if (!st)
        return req_fail(r, ERR_INTERNAL);
    sqlite3_bind_int64(st, 1, r->id);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    if (!found)
        return req_fail(r, ERR_NOT_FOUND);
    int rc = db_tx(done_tx, r);
    if (rc == 1)
        return req_fail(r, ERR_CONFLICT);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    const char *back = req_field(r, "back");
    return req_redirect(r, back && !strcmp(back, "company") ? "/companies" : "/followups",
                        json_pack("{s:I, s:b}", "id", (json_int_t)r->id, "done", 1));
}
