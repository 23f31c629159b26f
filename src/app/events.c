#include "app/events.h"
#include "app/matchpool.h"

#include "app/auth.h"
#include "app/candidates.h"
#include "app/choices.h"
#include "app/schools.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/text.h"
#include "core/validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the declaration ------------------------------------------------------ */
static const struct field_rule FIELDS[] = {
    { .name = "title", .type = V_TEXT, .required = true, .min = 1, .max = 200, .flags = F_LIST | F_EXPORT },
    { .name = "date", .type = V_DATE, .required = true, .flags = F_LIST | F_EXPORT },
    { .name = "kind", .type = V_ENUM, .choices = &CHOICES_EVENT_KIND, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "location", .type = V_TEXT, .max = 200, .flags = F_LIST | F_EXPORT },
    { .name = "notes", .type = V_TEXT, .max = 10000 },
    { .name = "school_ids", .type = V_TAGS, .max = 50, .link = "event_schools", .param = "school",
      .flags = F_FILTER | F_EXPORT },
    { .name = "company_ids", .type = V_TAGS, .max = 100, .link = "event_companies", .param = "company",
      .flags = F_FILTER | F_EXPORT },
    { .name = "participants_count", .type = V_INT,
      .expr = "(SELECT count(*) FROM event_participants p WHERE p.event_id = t.id)", .flags = F_READONLY | F_LIST },
    { .name = "attended_count", .type = V_INT,
      .expr = "(SELECT count(*) FROM event_participants p WHERE p.event_id = t.id AND p.attended = 1)",
      .flags = F_READONLY | F_LIST },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY },
    { .name = "updated_at", .type = V_TEXT, .flags = F_READONLY },
};

static const struct entity_sort SORTS[] = {
    { .key = "date", .order = "t.date DESC, t.id DESC", .indexed = true, .reverse = "t.date, t.id",
      .descending = true },
    { .key = "title", .order = "t.title COLLATE NOCASE, t.id", .reverse = "t.title COLLATE NOCASE DESC, t.id DESC" },
};

static const char *const LIKE[] = { "title", "location", NULL };

static int event_check(struct req *r, json_t *in, const json_t *old);

/* Events are the team's: every staff member reads, caseworkers write. */
struct entity EVENT = {
    .type = "event",
    .table = "events",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = SORTS,
    .nsorts = sizeof SORTS / sizeof SORTS[0],
    .like = LIKE,
    .versioned = true,
    .may = auth_team_may,
    .check = event_check,
};

static struct db_sql SQL_SCHOOL_EXISTS = DB_SQL("SELECT count(*) FROM schools WHERE id = ?1");
static struct db_sql SQL_COMPANY_EXISTS = DB_SQL("SELECT count(*) FROM companies WHERE id = ?1");
static struct db_sql SQL_COMPANY_BY_NAME = DB_SQL(
    "SELECT id FROM companies WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1");
static struct db_sql SQL_COMPANY_NAME = DB_SQL("SELECT name FROM companies WHERE id = ?1");
static struct db_sql SQL_CANDIDATE_EXISTS = DB_SQL("SELECT count(*) FROM candidates WHERE id = ?1");
static struct db_sql SQL_PARTICIPANT = DB_SQL(
    "INSERT INTO event_participants (event_id, candidate_id, attended) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (event_id, candidate_id) DO UPDATE SET attended = excluded.attended");
static struct db_sql SQL_PARTICIPANTS = DB_SQL(
    "SELECT p.candidate_id, c.first_name, c.last_name, coalesce(s.name, ''), p.attended FROM event_participants p "
    "JOIN candidates c ON c.id = p.candidate_id LEFT JOIN schools s ON s.id = c.school_id WHERE p.event_id = ?1 "
    "ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE");
static struct db_sql SQL_NAMES_SCHOOLS = DB_SQL(
    "SELECT s.id, s.name FROM event_schools e JOIN schools s ON s.id = e.value WHERE e.owner_id = ?1 ORDER BY e.pos");
static struct db_sql SQL_NAMES_COMPANIES = DB_SQL(
    "SELECT c.id, c.name FROM event_companies e JOIN companies c ON c.id = e.value WHERE e.owner_id = ?1 "
    "ORDER BY e.pos");
static struct db_sql SQL_OF_SCHOOL = DB_SQL(
    "SELECT t.id, t.title, t.date, t.kind, NULL FROM event_schools e JOIN events t ON t.id = e.owner_id "
    "WHERE e.value = ?1 ORDER BY t.date DESC, t.id DESC LIMIT 200");
static struct db_sql SQL_OF_COMPANY = DB_SQL(
    "SELECT t.id, t.title, t.date, t.kind, NULL FROM event_companies e JOIN events t ON t.id = e.owner_id "
    "WHERE e.value = ?1 ORDER BY t.date DESC, t.id DESC LIMIT 200");
static struct db_sql SQL_OF_CANDIDATE = DB_SQL(
    "SELECT t.id, t.title, t.date, t.kind, p.attended FROM event_participants p JOIN events t ON t.id = p.event_id "
    "WHERE p.candidate_id = ?1 ORDER BY t.date DESC, t.id DESC LIMIT 200");
static struct db_sql SQL_PUPILS_OF_EVENT = DB_SQL(
    "SELECT c.id, c.first_name, c.last_name, coalesce(s.name, '') FROM candidates c "
    "JOIN event_schools e ON e.value = c.school_id LEFT JOIN schools s ON s.id = c.school_id "
    "WHERE e.owner_id = ?1 AND c.id NOT IN (SELECT candidate_id FROM event_participants WHERE event_id = ?1) "
    "ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE LIMIT 500");
static struct db_sql SQL_ALL_SCHOOLS = DB_SQL("SELECT id, name FROM schools ORDER BY name COLLATE NOCASE LIMIT 500");
static struct db_sql SQL_ALL_COMPANIES = DB_SQL(
    "SELECT name FROM companies ORDER BY name COLLATE NOCASE LIMIT 2000");

/* ---- the area's own rules ------------------------------------------------- */

/* 1 when the statement's count for id is not 0, 0 when it is, -1 error. */
static int exists(struct db_sql *sql, int64_t id)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int64_t n;
    return db_int64(st, &n) == 0 ? n > 0 : -1;
}

/* Each id of list (text) names a row sql counts; else the field's problem. */
static int check_ids(struct req *r, json_t *list, struct db_sql *sql, const char *field)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        const char *s = json_string_value(v);
        char *end = NULL;
        long long id = s ? strtoll(s, &end, 10) : 0;
        int ok = id > 0 && end && !*end ? exists(sql, id) : 0;
        if (ok < 0)
            return req_fail(r, ERR_INTERNAL);
        if (!ok) {
            req_field_error(r, field, "field_bad_value");
            return 0;
        }
    }
    return 0;
}

/* Kind "other" by default; schools and companies that exist. */
static int event_check(struct req *r, json_t *in, const json_t *old)
{
    (void)old;
    if (json_is_null(json_object_get(in, "kind")))
        json_object_set_new(in, "kind", json_string("other"));
    if (check_ids(r, json_object_get(in, "school_ids"), &SQL_SCHOOL_EXISTS, "school_ids") != 0 ||
        check_ids(r, json_object_get(in, "company_ids"), &SQL_COMPANY_EXISTS, "company_ids") != 0)
        return -1;
    return r->err == ERR_NONE ? 0 : -1;
}

/* JSON clients send ids as numbers, forms as text, and companies may be
 * typed by name (a <datalist>): all become ids as text in r->fields. 0,
 * or -1 with the field's problem set. */
static int normalise_ids(struct req *r, const char *field, struct db_sql *by_name)
{
    json_t *raw = json_object_get(r->fields, field);
    if (!raw || json_is_null(raw))
        return 0;
    json_t *items = json_is_array(raw) ? json_incref(raw) : json_pack("[O]", raw), *ids = json_array();
    bool bad = json_array_size(items) > 100;
    size_t i;
    json_t *v;
    json_array_foreach(items, i, v) {
        if (bad)
            break;
        char num[32];
        if (json_is_integer(v)) {
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
            json_array_append_new(ids, json_string(num));
            continue;
        }
        const char *s = json_string_value(v);
        if (!s) {
            bad = true;
            break;
        }
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            continue;
        if (strspn(s, "0123456789, ") == strlen(s)) {
            json_array_append_new(ids, json_string(s)); /* the kit splits "3, 7" */
            continue;
        }
        sqlite3_stmt *st = by_name ? db_stmt(by_name) : NULL;
        if (!st) {
            bad = true;
            break;
        }
        char name[512];
        snprintf(name, sizeof name, "%s", s);
        size_t n = strlen(name);
        while (n && isspace((unsigned char)name[n - 1]))
            name[--n] = '\0';
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        enum db_step rc = db_step(st);
        if (rc == DB_ROW) {
            snprintf(num, sizeof num, "%lld", (long long)sqlite3_column_int64(st, 0));
            json_array_append_new(ids, json_string(num));
        }
        sqlite3_reset(st);
        if (rc != DB_ROW)
            bad = true;
    }
    json_decref(items);
    if (bad) {
        json_decref(ids);
        req_field_error(r, field, "field_bad_value");
        return -1;
    }
    json_t *flat = json_array(); /* "3, 7" in one item: split here, so no item holds a comma */
    json_array_foreach(ids, i, v) {
        char copy[512];
        snprintf(copy, sizeof copy, "%s", json_string_value(v));
        for (char *save = NULL, *p = strtok_r(copy, ", ", &save); p; p = strtok_r(NULL, ", ", &save))
            json_array_append_new(flat, json_string(p));
    }
    json_decref(ids);
    json_object_set_new(r->fields, field, flat);
    return 0;
}

static int normalise(struct req *r)
{
    int a = normalise_ids(r, "school_ids", NULL), b = normalise_ids(r, "company_ids", &SQL_COMPANY_BY_NAME);
    return a == 0 && b == 0 ? 0 : -1;
}

/* ---- pieces ------------------------------------------------------------------ */

/* Rows (id, name) of a statement bound to id; NULL on error. */
static json_t *id_names(struct db_sql *sql, int64_t id)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return NULL;
    if (id)
        sqlite3_bind_int64(st, 1, id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, json_pack("{s:I, s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0), "name",
                                              db_text(st, 1)));
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* The event's participants with their school and attendance; NULL on error. */
static json_t *participants_json(int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_PARTICIPANTS);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:b, s:I}", "candidate_id",
                                              (json_int_t)sqlite3_column_int64(st, 0), "first_name", db_text(st, 1),
                                              "last_name", db_text(st, 2), "school_name", db_text(st, 3), "attended",
                                              sqlite3_column_int(st, 4) != 0, "event_id", (json_int_t)id));
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

json_t *events_of(struct req *r, const char *of, int64_t id)
{
    struct db_sql *sql = !strcmp(of, "school") ? &SQL_OF_SCHOOL : !strcmp(of, "company") ? &SQL_OF_COMPANY
                                                                                        : &SQL_OF_CANDIDATE;
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *kind = db_text(st, 3);
        json_t *e = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0), "title",
                              db_text(st, 1), "date", db_text(st, 2), "kind", kind);
        if (sqlite3_column_type(st, 4) != SQLITE_NULL)
            json_object_set_new(e, "attended", json_boolean(sqlite3_column_int(st, 4)));
        if (!r->want_json) {
            char day[32];
            req_date(r, db_text(st, 2), day, sizeof day);
            json_object_set_new(e, "date_local", json_string(day));
            json_object_set_new(e, "kind_label", json_string(entity_label(&CHOICES_EVENT_KIND, r->lang, kind)));
        }
        json_array_append_new(list, e);
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

int events_store_participant(int64_t event_id, int64_t candidate_id, bool attended)
{
    sqlite3_stmt *st = db_stmt(&SQL_PARTICIPANT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, event_id);
    sqlite3_bind_int64(st, 2, candidate_id);
    sqlite3_bind_int(st, 3, attended);
    return db_run(st);
}

/* ---- list and forms ------------------------------------------------------------ */

int events_list(struct req *r)
{
    struct entity_query q;
    json_t *model;
    int rc = entity_query_read(r, &EVENT, &q) == 0 ? entity_list(r, &q, &model) : -1;
    entity_query_free(&q);
    if (rc != 0)
        return -1;
    req_title(r, req_t(r, "events_title"));
    return req_page(r, "events/list.tpl", model);
}

/* The event form; values a stored record or what was typed. */
static int show_form(struct req *r, const json_t *event, const json_t *values)
{
    json_t *form = entity_form(r, &EVENT, values);
    json_t *schools = id_names(&SQL_ALL_SCHOOLS, 0);
    sqlite3_stmt *st = schools ? db_stmt(&SQL_ALL_COMPANIES) : NULL;
    if (!st) {
        json_decref(schools);
        json_decref(form);
        return req_fail(r, ERR_INTERNAL);
    }
    json_t *companies = json_array();
    while (db_step(st) == DB_ROW)
        json_array_append_new(companies, json_pack("{s:s}", "name", db_text(st, 0)));
    sqlite3_reset(st);
    /* ticks for the chosen schools; names for the chosen companies */
    json_t *chosen = json_object_get(values, "school_ids");
    size_t i, k;
    json_t *s, *c;
    json_array_foreach(schools, i, s) {
        bool on = false;
        char num[32];
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(json_object_get(s, "id")));
        json_array_foreach(chosen, k, c) on |= (json_is_string(c) && !strcmp(json_string_value(c), num)) ||
                                               (json_is_integer(c) && json_integer_value(c) == strtoll(num, NULL, 10));
        json_object_set_new(s, "selected", json_boolean(on));
    }
    json_t *inputs = json_array();
    json_t *typed = json_object_get(values, "company_ids");
    size_t ntyped = json_is_array(typed) ? json_array_size(typed) : 0;
    for (size_t n = 0; n < ntyped + 2 && n < 100; n++) {
        json_t *v = json_array_get(typed, n);
        const char *text = json_string_value(v);
        char name[256] = "";
        long long id = json_is_integer(v) ? json_integer_value(v) : text ? strtoll(text, NULL, 10) : 0;
        if (id > 0) {
            sqlite3_stmt *q = db_stmt(&SQL_COMPANY_NAME);
            if (q) {
                sqlite3_bind_int64(q, 1, id);
                if (db_step(q) == DB_ROW)
                    snprintf(name, sizeof name, "%s", db_text(q, 0));
                sqlite3_reset(q);
            }
        } else if (text) {
            snprintf(name, sizeof name, "%s", text);
        }
        json_array_append_new(inputs, json_pack("{s:i, s:s}", "n", (int)n + 1, "value", name));
    }
    json_t *model = json_pack("{s:o, s:o, s:o, s:o}", "form", form, "schools", schools, "companies", companies,
                              "company_inputs", inputs);
    if (event) {
        json_object_set_new(model, "event", json_pack("{s:O, s:O, s:O}", "id", json_object_get(event, "id"), "title",
                                                      json_object_get(event, "title"), "updated_at",
                                                      json_object_get(event, "updated_at")));
        req_title(r, json_string_value(json_object_get(event, "title")));
    } else {
        json_object_set_new(model, "event", json_null());
        req_title(r, req_t(r, "events_new_title"));
    }
    return req_page(r, "events/form.tpl", model);
}

int events_new_form(struct req *r)
{
    char day[11];
    text_local_day(14, day);
    json_t *defaults = json_pack("{s:s, s:s}", "kind", "school_meets_business", "date", day);
    int rc = show_form(r, NULL, defaults);
    json_decref(defaults);
    return rc;
}

/* Ids as numbers in JSON answers. */
static void ids_as_numbers(json_t *e)
{
    static const char *const lists[] = { "school_ids", "company_ids" };
    for (size_t k = 0; k < 2; k++) {
        json_t *ids = json_array();
        size_t i;
        json_t *v;
        json_array_foreach(json_object_get(e, lists[k]), i, v)
            json_array_append_new(ids, json_integer(strtoll(json_string_value(v), NULL, 10)));
        json_object_set_new(e, lists[k], ids);
    }
}

int events_create(struct req *r)
{
    json_t *e;
    if (normalise(r) != 0 || entity_create(r, &EVENT, &e) != 0) {
        if (r->err == ERR_INVALID) {
            enum err keep = r->err;
            show_form(r, NULL, r->fields);
            r->err = keep;
        }
        return -1;
    }
    ids_as_numbers(e);
    json_object_set_new(e, "participants", json_array());
    char loc[64];
    snprintf(loc, sizeof loc, "/events/%lld%s", (long long)json_integer_value(json_object_get(e, "id")),
             r->want_json ? "" : "?done=event_created");
    return req_created(r, loc, e);
}

int events_edit_form(struct req *r)
{
    json_t *e;
    if (entity_open(r, &EVENT, ACT_WRITE, &e) != 0)
        return -1;
    int rc = show_form(r, e, e);
    json_decref(e);
    return rc;
}

int events_update(struct req *r)
{
    matchpool_touch_contacts();
    json_t *e, *current = NULL;
    if (normalise(r) != 0) {
        if (r->err == ERR_INVALID && entity_open(r, &EVENT, ACT_WRITE, &e) == 0) {
            json_t *values = json_deep_copy(e);
            json_object_update(values, r->fields);
            json_t *fields = json_incref(r->err_fields);
            show_form(r, e, values);
            r->err = ERR_INVALID;
            json_decref(r->err_fields);
            r->err_fields = fields;
            json_decref(values);
            json_decref(e);
        }
        return -1;
    }
    if (entity_update(r, &EVENT, &e, &current) != 0) {
        if (current && (r->err == ERR_INVALID || r->err == ERR_CONFLICT)) {
            json_t *values = json_deep_copy(current);
            json_object_update(values, r->fields);
            enum err keep = r->err;
            show_form(r, current, values);
            r->err = keep;
            json_decref(values);
        }
        json_decref(current);
        return -1;
    }
    ids_as_numbers(e);
    char loc[64];
    snprintf(loc, sizeof loc, "/events/%lld?done=event_saved", (long long)r->id);
    return req_redirect(r, loc, e);
}

/* ---- the event's page ------------------------------------------------------------ */

/* The event with its schools, companies and participants; for people also
 * the pupils of its schools to add. view: the page's template. */
static int event_page(struct req *r, const char *view)
{
    json_t *e;
    if (entity_open(r, &EVENT, ACT_READ, &e) != 0)
        return -1;
    json_t *schools = id_names(&SQL_NAMES_SCHOOLS, r->id), *companies = schools ? id_names(&SQL_NAMES_COMPANIES, r->id) : NULL;
    json_t *people = companies ? participants_json(r->id) : NULL;
    if (!people) {
        json_decref(schools);
        json_decref(companies);
        json_decref(people);
        json_decref(e);
        return req_fail(r, ERR_INTERNAL);
    }
    ids_as_numbers(e);
    json_object_set_new(e, "participants", people);
    if (r->want_json) {
        json_object_set_new(e, "schools", schools);
        json_object_set_new(e, "companies", companies);
        return req_page(r, NULL, e);
    }
    json_object_set_new(e, "school_list", schools);
    json_object_set_new(e, "company_list", companies);
    /* the pupils to add: with their school for telling apart */
    sqlite3_stmt *st = db_stmt(&SQL_PUPILS_OF_EVENT);
    json_t *candidates = json_array();
    if (st) {
        sqlite3_bind_int64(st, 1, r->id);
        while (db_step(st) == DB_ROW)
            json_array_append_new(candidates, json_pack("{s:I, s:s, s:s, s:s}", "id",
                                                        (json_int_t)sqlite3_column_int64(st, 0), "first_name",
                                                        db_text(st, 1), "last_name", db_text(st, 2), "school_name",
                                                        db_text(st, 3)));
        sqlite3_reset(st);
    }
    json_object_set_new(e, "candidates", candidates);
    const char *kind = json_string_value(json_object_get(e, "kind"));
    json_object_set_new(e, "kind_label", json_string(entity_label(&CHOICES_EVENT_KIND, r->lang, kind)));
    char day[96];
    req_day_long(r, json_string_value(json_object_get(e, "date")), day, sizeof day);
    json_object_set_new(e, "date_local", json_string(day));
    req_title(r, json_string_value(json_object_get(e, "title")));
    return req_page(r, view, e);
}

int events_show(struct req *r) { return event_page(r, "events/show.tpl"); }

/* The attendance list to print: participants with a box to tick and room
 * to sign. */
int events_attendance(struct req *r) { return event_page(r, "events/attendance.tpl"); }

static const struct field_rule PARTICIPANT_RULES[] = {
    { .name = "candidate_id", .type = V_ID, .required = true },
    { .name = "attended", .type = V_BOOL },
};

struct participant_ctx {
    struct req *r;
    int64_t candidate;
    bool attended;
};

static int participant_tx(void *arg)
{
    struct participant_ctx *c = arg;
    json_t *e;
    int allowed = entity_allowed(c->r, &EVENT, c->r->id, ACT_WRITE, &e);
    if (allowed != 0)
        return allowed;
    json_decref(e);
    int there = exists(&SQL_CANDIDATE_EXISTS, c->candidate);
    if (there < 0)
        return -1;
    if (!there) {
        req_field_error(c->r, "candidate_id", "field_bad_value");
        return 1;
    }
    if (events_store_participant(c->r->id, c->candidate, c->attended) != 0)
        return -1;
    json_t *names = json_pack("[s,s]", "candidate_id", "attended");
    int rc = audit_write(c->r, "update", "event", c->r->id, names);
    json_decref(names);
    return rc;
}

/* POST /events/{id}/participants {candidate_id, attended}: a pupil takes
 * part (again: their attendance changes). */
int events_add_participant(struct req *r)
{
    json_t *in;
    if (validate_fields(r, PARTICIPANT_RULES, 2, &in) != 0)
        return -1;
    struct participant_ctx c = { r, json_integer_value(json_object_get(in, "candidate_id")),
                                 json_is_true(json_object_get(in, "attended")) };
    json_decref(in);
    int rc = db_tx(participant_tx, &c);
    matchpool_touch_contacts();
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/events/%lld%s#participants", (long long)r->id,
             r->want_json ? "" : "?done=participant_saved");
    return req_created(r, loc, json_pack("{s:I, s:I, s:b}", "event_id", (json_int_t)r->id, "candidate_id",
                                         (json_int_t)c.candidate, "attended", c.attended));
}
