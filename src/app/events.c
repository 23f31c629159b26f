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
static struct db_sql SQL_CANDIDATE_EXISTS = DB_SQL("SELECT count(*) FROM candidates WHERE id = ?1");
static struct db_sql SQL_PARTICIPANT = DB_SQL(
    "INSERT INTO event_participants (event_id, candidate_id, attended) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (event_id, candidate_id) DO UPDATE SET attended = excluded.attended");
static struct db_sql SQL_PARTICIPANTS = DB_SQL(
    "SELECT p.candidate_id, c.first_name, c.last_name, coalesce(s.name, ''), p.attended FROM event_participants p "
    "JOIN candidates c ON c.id = p.candidate_id LEFT JOIN schools s ON s.id = c.school_id WHERE p.event_id = ?1 "
    "ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE");
static struct db_sql SQL_PARTICIPANT_ONE = DB_SQL(
    "SELECT c.first_name, c.last_name, p.attended, coalesce(s.name, '') FROM event_participants p "
    "JOIN candidates c ON c.id = p.candidate_id LEFT JOIN schools s ON s.id = c.school_id "
    "WHERE p.event_id = ?1 AND p.candidate_id = ?2");
static struct db_sql SQL_PARTICIPANT_DELETE = DB_SQL(
    "DELETE FROM event_participants WHERE event_id = ?1 AND candidate_id = ?2");
static struct db_sql SQL_WITH_SCHOOL = DB_SQL("SELECT owner_id FROM event_schools WHERE value = ?1 ORDER BY owner_id");
static struct db_sql SQL_COUNT_WITH_SCHOOL = DB_SQL("SELECT count(*) FROM event_schools WHERE value = ?1");
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
    "ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE LIMIT 300");

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

/* ---- choosing schools, companies and pupils by typing ---------------------------
 *
 * No option list holds every school, company or pupil (there may be tens of
 * thousands): a person types a name or a number into a text field, and the
 * server resolves it. A name that fits exactly one record is that record;
 * none or several is a 400 naming the field, with up to CHOOSE_MAX records
 * that may be meant, offered as buttons (no JavaScript needed). A value
 * shown back ends in "(Nr. 12)", which resolves to exactly that record. */

#define CHOOSE_MAX 10

struct chooser {
    const char *field;        /* "school_ids", "company_ids", "candidate_id" */
    struct db_sql *by_id;     /* (id, label, detail) of id ?1 */
    struct db_sql *by_name;   /* the same of every record named ?1 exactly */
    struct db_sql *like;      /* the same of records whose name contains ?1 (a LIKE pattern) */
};

static struct db_sql SQL_SCHOOL_ID = DB_SQL(
    "SELECT id, name, trim(postal_code || ' ' || city) FROM schools WHERE id = ?1");
static struct db_sql SQL_SCHOOL_NAMED = DB_SQL(
    "SELECT id, name, trim(postal_code || ' ' || city) FROM schools WHERE name = ?1 COLLATE NOCASE ORDER BY id "
    "LIMIT 10");
static struct db_sql SQL_SCHOOL_LIKE = DB_SQL(
    "SELECT id, name, trim(postal_code || ' ' || city) FROM schools WHERE name LIKE ?1 ESCAPE '\\' "
    "ORDER BY name COLLATE NOCASE, id LIMIT 10");
static struct db_sql SQL_COMPANY_ID = DB_SQL(
    "SELECT id, name, trim(postal_code || ' ' || city) FROM companies WHERE id = ?1");
static struct db_sql SQL_COMPANY_NAMED = DB_SQL(
    "SELECT id, name, trim(postal_code || ' ' || city) FROM companies WHERE name = ?1 COLLATE NOCASE ORDER BY id "
    "LIMIT 10");
static struct db_sql SQL_COMPANY_LIKE = DB_SQL(
    "SELECT id, name, trim(postal_code || ' ' || city) FROM companies WHERE name LIKE ?1 ESCAPE '\\' "
    "ORDER BY name COLLATE NOCASE, id LIMIT 10");
static struct db_sql SQL_PUPIL_ID = DB_SQL(
    "SELECT c.id, c.last_name || ', ' || c.first_name, coalesce(s.name, '') FROM candidates c "
    "LEFT JOIN schools s ON s.id = c.school_id WHERE c.id = ?1");
static struct db_sql SQL_PUPIL_NAMED = DB_SQL(
    "SELECT c.id, c.last_name || ', ' || c.first_name, coalesce(s.name, '') FROM candidates c "
    "LEFT JOIN schools s ON s.id = c.school_id "
    "WHERE c.first_name || ' ' || c.last_name = ?1 COLLATE NOCASE "
    "OR c.last_name || ', ' || c.first_name = ?1 COLLATE NOCASE ORDER BY c.id LIMIT 10");
static struct db_sql SQL_PUPIL_LIKE = DB_SQL(
    "SELECT c.id, c.last_name || ', ' || c.first_name, coalesce(s.name, '') FROM candidates c "
    "LEFT JOIN schools s ON s.id = c.school_id "
    "WHERE c.first_name || ' ' || c.last_name LIKE ?1 ESCAPE '\\' "
    "OR c.last_name || ', ' || c.first_name LIKE ?1 ESCAPE '\\' "
    "ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id LIMIT 10");

static const struct chooser CHOOSE_SCHOOL = { "school_ids", &SQL_SCHOOL_ID, &SQL_SCHOOL_NAMED, &SQL_SCHOOL_LIKE };
static const struct chooser CHOOSE_COMPANY = { "company_ids", &SQL_COMPANY_ID, &SQL_COMPANY_NAMED,
                                               &SQL_COMPANY_LIKE };
static const struct chooser CHOOSE_PUPIL = { "candidate_id", &SQL_PUPIL_ID, &SQL_PUPIL_NAMED, &SQL_PUPIL_LIKE };

/* Rows (id, label, detail) of sql bound to the text or id: appended to
 * list as {"id","label","detail"}; the number of rows, or -1. */
static int choose_rows(struct db_sql *sql, const char *text, int64_t id, json_t *list)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return -1;
    if (text)
        sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 1, id);
    int n = 0;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_array_append_new(list, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                                              "label", db_text(st, 1), "detail", db_text(st, 2)));
        n++;
    }
    sqlite3_reset(st);
    return rc == DB_ERROR ? -1 : n;
}

/* The number a typed value names: all digits ("12"), or a name shown
 * back with its number at the end ("Bäckerei Yılmaz (Nr. 12)"); 0 when
 * none. */
static int64_t typed_number(const char *s)
{
    size_t n = strlen(s);
    if (n && strspn(s, "0123456789") == n)
        return n <= 18 ? strtoll(s, NULL, 10) : -1;
    if (n < 3 || s[n - 1] != ')')
        return 0;
    size_t end = n - 1, start = end;
    while (start > 0 && isdigit((unsigned char)s[start - 1]))
        start--;
    if (start == end || end - start > 18)
        return 0;
    for (size_t i = start; i-- > 0;) { /* "(" and a few letters before the digits */
        if (s[i] == '(')
            return strtoll(s + start, NULL, 10);
        if (s[i] == ')' || end - i > 40)
            return 0;
    }
    return 0;
}

/* Resolves one typed value (trimmed, not empty): 0 with *id, 1 with
 * *problem {"message","suggestions"} (new reference), -1 on error. */
static int choose_one(struct req *r, const struct chooser *c, const char *typed, int64_t *id, json_t **problem)
{
    json_t *found = json_array();
    const char *msg;
    int64_t num = typed_number(typed);
    int rc;
    if (num != 0) {
        rc = num > 0 ? choose_rows(c->by_id, NULL, num, found) : 0;
        msg = "events_choose_unknown_number";
    } else {
        rc = choose_rows(c->by_name, typed, 0, found);
        msg = rc > 1 ? "events_choose_several" : "events_choose_none";
    }
    if (rc == 1) {
        *id = json_integer_value(json_object_get(json_array_get(found, 0), "id"));
        json_decref(found);
        return 0;
    }
    if (rc < 0) {
        json_decref(found);
        return -1;
    }
    if (rc == 0 && num == 0) { /* nothing of that name: what contains it */
        struct buf b = { 0 };
        buf_puts(&b, "%");
        for (const char *p = typed; *p; p++) {
            if (*p == '%' || *p == '_' || *p == '\\')
                buf_puts(&b, "\\");
            buf_append(&b, p, 1);
        }
        buf_puts(&b, "%");
        rc = choose_rows(c->like, b.data, 0, found);
        buf_free(&b);
        if (rc < 0) {
            json_decref(found);
            return -1;
        }
    }
    *problem = json_pack("{s:s, s:s, s:o}", "message", req_t(r, msg), "key", msg, "suggestions", found);
    return 1;
}

/* The catalog key of a problem choose_one made (a static string, so it
 * outlives the problem). */
static const char *key_of(const json_t *problem)
{
    static const char *const keys[] = { "events_choose_several", "events_choose_none", "events_choose_unknown_number" };
    const char *k = json_string_value(json_object_get(problem, "key"));
    for (size_t i = 0; k && i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(k, keys[i]))
            return keys[i];
    return "field_bad_value";
}

/* A value shown back in a field: the record's name with its number. */
static json_t *shown_value(struct req *r, const struct chooser *c, int64_t id)
{
    json_t *found = json_array();
    char text[600];
    if (choose_rows(c->by_id, NULL, id, found) == 1)
        snprintf(text, sizeof text, "%s (%s %lld)",
                 json_string_value(json_object_get(json_array_get(found, 0), "label")), req_t(r, "events_number"),
                 (long long)id);
    else
        snprintf(text, sizeof text, "%lld", (long long)id);
    json_decref(found);
    return json_string(text);
}

/* JSON clients send ids as numbers, forms names or numbers as text: each
 * item of r->fields[c->field] becomes an id as text. A name that fits no
 * or several records: the field's problem, and problems[field][n] tells
 * the form which of its inputs and what may be meant; r->fields keeps
 * what was typed. 0, or -1 with the error set. */
static int normalise_ids(struct req *r, const struct chooser *c, json_t *problems)
{
    json_t *raw = json_object_get(r->fields, c->field);
    if (!raw || json_is_null(raw))
        return 0;
    json_t *items = json_is_array(raw) ? json_incref(raw) : json_pack("[O]", raw), *ids = json_array();
    json_t *mine = json_object();
    int rc = json_array_size(items) > 100 ? 1 : 0;
    const char *first = NULL;
    size_t i;
    json_t *v;
    json_array_foreach(items, i, v) {
        if (rc != 0)
            break;
        char num[32];
        if (json_is_integer(v)) {
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
            json_array_append_new(ids, json_string(num));
            continue;
        }
        const char *s = json_string_value(v);
        if (!s) {
            rc = 1;
            break;
        }
        char typed[512];
        while (isspace((unsigned char)*s))
            s++;
        snprintf(typed, sizeof typed, "%s", s);
        size_t n = strlen(typed);
        while (n && isspace((unsigned char)typed[n - 1]))
            typed[--n] = '\0';
        if (!n)
            continue;
        if (strspn(typed, "0123456789, ") == n && strchr(typed, ',')) { /* "3, 7" from JSON or a script */
            char copy[512];
            memcpy(copy, typed, n + 1);
            for (char *save = NULL, *p = strtok_r(copy, ", ", &save); p; p = strtok_r(NULL, ", ", &save))
                json_array_append_new(ids, json_string(p));
            continue;
        }
        int64_t id = 0;
        json_t *problem = NULL;
        int one = choose_one(r, c, typed, &id, &problem);
        if (one < 0) {
            rc = -1;
            break;
        }
        if (one > 0) {
            char key[32];
            snprintf(key, sizeof key, "%zu", i);
            if (!first)
                first = key_of(problem);
            json_object_set_new(mine, key, problem);
            continue;
        }
        snprintf(num, sizeof num, "%lld", (long long)id);
        json_array_append_new(ids, json_string(num));
    }
    json_decref(items);
    if (rc == 0 && json_object_size(mine) == 0) {
        json_decref(mine);
        json_object_set_new(r->fields, c->field, ids);
        return 0;
    }
    json_decref(ids);
    if (rc < 0) {
        json_decref(mine);
        return req_fail(r, ERR_INTERNAL);
    }
    if (rc > 0) {
        json_decref(mine);
        req_field_error(r, c->field, "field_bad_value");
        return -1;
    }
    /* the first input's problem names the field */
    json_object_set_new(problems, c->field, mine);
    req_field_error(r, c->field, first ? first : "field_bad_value");
    return -1;
}

/* Schools and companies of the event form, typed: see normalise_ids.
 * problems (borrowed) collects what each input's problem is. */
static int normalise(struct req *r, json_t *problems)
{
    int a = normalise_ids(r, &CHOOSE_SCHOOL, problems);
    if (r->err == ERR_INTERNAL)
        return -1;
    int b = normalise_ids(r, &CHOOSE_COMPANY, problems);
    if (r->err == ERR_INVALID && json_object_size(problems) && !r->err_extra) {
        /* JSON clients: what each field's values may have meant */
        json_t *suggest = json_object();
        const char *field;
        json_t *byinput;
        json_object_foreach(problems, field, byinput) {
            json_t *all = json_array();
            const char *k;
            json_t *p;
            json_object_foreach(byinput, k, p) json_array_extend(all, json_object_get(p, "suggestions"));
            json_object_set_new(suggest, field, all);
        }
        r->err_extra = json_pack("{s:o}", "suggestions", suggest);
    }
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

/* A suggestion as a button says: "name · place (Nr. 12)" into
 * out["text"]. */
static void suggestion_text(struct req *r, const json_t *s, json_t *out)
{
    const char *detail = json_string_value(json_object_get(s, "detail"));
    char text[700];
    snprintf(text, sizeof text, "%s%s%s (%s %lld)", json_string_value(json_object_get(s, "label")),
             detail && *detail ? " · " : "", detail ? detail : "", req_t(r, "events_number"),
             (long long)json_integer_value(json_object_get(s, "id")));
    json_object_set_new(out, "text", json_string(text));
}

/* The text inputs of a chosen list (school_ids, company_ids): one per
 * value (a record shown as "name (Nr. id)", text as typed) and two empty
 * ones, each with its problem and suggestions (pick buttons "field:n:id")
 * from problems (borrowed, may be NULL). New array. */
static json_t *chosen_inputs(struct req *r, const struct chooser *c, const json_t *values, const json_t *problems,
                             size_t cap)
{
    json_t *typed = json_object_get(values, c->field), *mine = json_object_get(problems, c->field);
    json_t *one = typed && !json_is_array(typed) && !json_is_null(typed) ? json_pack("[O]", typed) : NULL;
    if (one)
        typed = one;
    size_t ntyped = json_is_array(typed) ? json_array_size(typed) : 0;
    json_t *inputs = json_array();
    for (size_t n = 0; n < ntyped + 2 && n < cap; n++) {
        json_t *v = json_array_get(typed, n), *value;
        const char *text = json_string_value(v);
        long long id = json_is_integer(v) ? json_integer_value(v) : 0;
        if (text && *text && strspn(text, "0123456789") == strlen(text) && strlen(text) <= 18)
            id = strtoll(text, NULL, 10);
        value = id > 0 ? shown_value(r, c, id) : json_string(text ? text : "");
        char key[32];
        snprintf(key, sizeof key, "%zu", n);
        json_t *problem = json_object_get(mine, key);
        json_t *in = json_pack("{s:s, s:i, s:o, s:s}", "field", c->field, "n", (int)n + 1, "value", value, "message",
                               problem ? json_string_value(json_object_get(problem, "message")) : "");
        json_object_set_new(in, "problem", json_boolean(problem != NULL));
        if (problem) {
            json_t *sugg = json_array();
            size_t k;
            json_t *s;
            json_array_foreach(json_object_get(problem, "suggestions"), k, s) {
                char pick[96];
                snprintf(pick, sizeof pick, "%s:%zu:%lld", c->field, n,
                         (long long)json_integer_value(json_object_get(s, "id")));
                json_array_append_new(sugg, json_pack("{s:O, s:s, s:s}", "id", json_object_get(s, "id"), "text",
                                                      "", "pick", pick));
                suggestion_text(r, s, json_array_get(sugg, json_array_size(sugg) - 1));
            }
            json_object_set_new(in, "suggestions", sugg);
        }
        json_array_append_new(inputs, in);
    }
    json_decref(one);
    return inputs;
}

/* The event form; values a stored record or what was typed; problems
 * (borrowed, may be NULL): what each typed school or company left open. */
static int show_form(struct req *r, const json_t *event, const json_t *values, const json_t *problems)
{
    json_t *form = entity_form(r, &EVENT, values);
    json_t *model = json_pack("{s:o, s:o, s:o}", "form", form, "school_inputs",
                              chosen_inputs(r, &CHOOSE_SCHOOL, values, problems, 50), "company_inputs",
                              chosen_inputs(r, &CHOOSE_COMPANY, values, problems, 100));
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

/* A suggestion button pressed ("pick": "field:n:id"): the n-th input of
 * that list takes the record's number, and the form comes back (200,
 * nothing saved) with everything else as typed. 1 when the request was
 * such a pick (answered), 0 when not. */
static int picked(struct req *r, const json_t *event)
{
    const char *pick = json_string_value(json_object_get(r->fields, "pick"));
    if (!pick || r->want_json)
        return 0;
    char field[16];
    unsigned n;
    long long id;
    if (sscanf(pick, "%15[a-z_]:%u:%lld", field, &n, &id) != 3 || n >= 100 || id <= 0 ||
        (strcmp(field, "school_ids") && strcmp(field, "company_ids"))) {
        req_fail(r, ERR_INVALID);
        return 1;
    }
    json_t *raw = json_object_get(r->fields, field);
    json_t *list = json_is_array(raw) ? json_deep_copy(raw) : raw && !json_is_null(raw) ? json_pack("[O]", raw)
                                                                                        : json_array();
    while (json_array_size(list) <= n)
        json_array_append_new(list, json_string(""));
    char num[32];
    snprintf(num, sizeof num, "%lld", id);
    json_array_set_new(list, n, json_string(num));
    json_object_set_new(r->fields, field, list);
    json_object_del(r->fields, "pick");
    json_t *values = event ? json_deep_copy(event) : json_object();
    json_object_update(values, r->fields);
    show_form(r, event, values, NULL);
    json_decref(values);
    return 1;
}

int events_new_form(struct req *r)
{
    char day[11];
    text_local_day(14, day);
    json_t *defaults = json_pack("{s:s, s:s}", "kind", "school_meets_business", "date", day);
    int rc = show_form(r, NULL, defaults, NULL);
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

/* POST /events: a new event. Schools and companies come as ids (JSON) or
 * typed names or numbers (the form); a refused form comes back with what
 * was typed, each problem at its input, and what may have been meant. */
int events_create(struct req *r)
{
    if (picked(r, NULL))
        return r->err == ERR_NONE ? 0 : -1;
    json_t *e, *problems = json_object();
    if (normalise(r, problems) != 0 || entity_create(r, &EVENT, &e) != 0) {
        if (r->err == ERR_INVALID) {
            enum err keep = r->err;
            show_form(r, NULL, r->fields, problems);
            r->err = keep;
        }
        json_decref(problems);
        return -1;
    }
    json_decref(problems);
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
    int rc = show_form(r, e, e, NULL);
    json_decref(e);
    return rc;
}

/* POST/PUT/PATCH /events/{id}: the event edited, as events_create; a
 * stale form is a 409 with the form again. */
int events_update(struct req *r)
{
    matchpool_touch_contacts();
    json_t *e, *current = NULL, *problems = json_object();
    if (!r->want_json && json_object_get(r->fields, "pick")) {
        int rc = entity_open(r, &EVENT, ACT_WRITE, &e);
        if (rc == 0) {
            picked(r, e);
            json_decref(e);
        }
        json_decref(problems);
        return r->err == ERR_NONE ? 0 : -1;
    }
    if (normalise(r, problems) != 0) {
        if (r->err == ERR_INVALID) {
            json_t *fields = json_incref(r->err_fields);
            if (entity_open(r, &EVENT, ACT_WRITE, &e) == 0) {
                json_t *values = json_deep_copy(e);
                json_object_update(values, r->fields);
                show_form(r, e, values, problems);
                r->err = ERR_INVALID;
                json_decref(r->err_fields);
                r->err_fields = fields;
                fields = NULL;
                json_decref(values);
                json_decref(e);
            }
            json_decref(fields);
        }
        json_decref(problems);
        return -1;
    }
    json_decref(problems);
    if (entity_update(r, &EVENT, &e, &current) != 0) {
        if (current && (r->err == ERR_INVALID || r->err == ERR_CONFLICT)) {
            json_t *values = json_deep_copy(current);
            json_object_update(values, r->fields);
            enum err keep = r->err;
            show_form(r, current, values, NULL);
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
 * the pupils of its schools to suggest when adding one. view: the page's
 * template; extra (stolen, may be NULL): members for the page (a refused
 * participant form). */
static int event_page_with(struct req *r, const char *view, json_t *extra)
{
    json_t *e;
    if (entity_open(r, &EVENT, ACT_READ, &e) != 0) {
        json_decref(extra);
        return -1;
    }
    if (extra && !r->want_json)
        json_object_update(e, extra);
    json_decref(extra);
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
    /* suggestions while typing (a <datalist>): pupils of its schools, each
     * with its number, so the choice is exact; any pupil can be typed */
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
    if (!json_object_get(e, "participant_form"))
        json_object_set_new(e, "participant_form", json_pack("{s:s, s:b}", "candidate", "", "attended", 0));
    const char *kind = json_string_value(json_object_get(e, "kind"));
    json_object_set_new(e, "kind_label", json_string(entity_label(&CHOICES_EVENT_KIND, r->lang, kind)));
    char day[96];
    req_day_long(r, json_string_value(json_object_get(e, "date")), day, sizeof day);
    json_object_set_new(e, "date_local", json_string(day));
    req_title(r, json_string_value(json_object_get(e, "title")));
    return req_page(r, view, e);
}

static int event_page(struct req *r, const char *view) { return event_page_with(r, view, NULL); }

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

/* A refused participant form: the event's page again with what was
 * typed, the problem at the field and, for a name that fits no or several
 * pupils, the pupils that may be meant as buttons. problem (stolen) or
 * NULL. Keeps the request's error. */
static int participant_again(struct req *r, const char *typed, json_t *problem)
{
    enum err keep = r->err;
    json_t *fields = r->err_fields ? json_incref(r->err_fields) : NULL;
    json_t *att = json_object_get(r->fields, "attended");
    bool attended = json_is_true(att) || (json_is_string(att) && !strcmp(json_string_value(att), "1"));
    json_t *form = json_pack("{s:s, s:b}", "candidate", typed ? typed : "", "attended", attended);
    if (problem) {
        json_t *list = json_object_get(problem, "suggestions");
        size_t i;
        json_t *s;
        json_array_foreach(list, i, s) suggestion_text(r, s, s);
        json_object_set(form, "suggestions", list);
        json_decref(problem);
    }
    event_page_with(r, "events/show.tpl", json_pack("{s:o, s:b}", "participant_form", form, "participant_problem", 1));
    if (r->err == ERR_INTERNAL || r->err == ERR_NOT_FOUND || r->err == ERR_FORBIDDEN) {
        json_decref(fields);
        return -1;
    }
    r->err = keep;
    json_decref(r->err_fields);
    r->err_fields = fields;
    return -1;
}

/* POST /events/{id}/participants {candidate_id, attended}: a pupil takes
 * part (again: their attendance changes). The form may instead send
 * `candidate`, a name ("Yılmaz, Elif" or "Elif Yılmaz") or number typed,
 * resolved here: none or several pupils of that name is a 400 naming
 * `candidate`, with those that may be meant. */
int events_add_participant(struct req *r)
{
    json_t *id_given = json_object_get(r->fields, "candidate_id");
    const char *typed = json_string_value(json_object_get(r->fields, "candidate"));
    bool no_id = !id_given || json_is_null(id_given) ||
                 (json_is_string(id_given) && strspn(json_string_value(id_given), " ") == strlen(json_string_value(id_given)));
    char text[512] = "";
    if (typed) {
        while (isspace((unsigned char)*typed))
            typed++;
        snprintf(text, sizeof text, "%s", typed);
        size_t n = strlen(text);
        while (n && isspace((unsigned char)text[n - 1]))
            text[--n] = '\0';
    }
    if (no_id && text[0]) {
        int64_t id = 0;
        json_t *problem = NULL;
        int one = choose_one(r, &CHOOSE_PUPIL, text, &id, &problem);
        if (one < 0)
            return req_fail(r, ERR_INTERNAL);
        if (one > 0) {
            req_field_error(r, "candidate", key_of(problem));
            if (r->want_json) {
                json_decref(problem);
                return -1;
            }
            return participant_again(r, text, problem);
        }
        json_object_set_new(r->fields, "candidate_id", json_integer(id));
    }
    json_t *in;
    if (validate_fields(r, PARTICIPANT_RULES, 2, &in) != 0)
        return r->want_json ? -1 : participant_again(r, text, NULL);
    struct participant_ctx c = { r, json_integer_value(json_object_get(in, "candidate_id")),
                                 json_is_true(json_object_get(in, "attended")) };
    json_decref(in);
    int rc = db_tx(participant_tx, &c);
    matchpool_touch_contacts();
    if (rc == 1)
        return r->err == ERR_INVALID && !r->want_json ? participant_again(r, text, NULL) : -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/events/%lld%s#participants", (long long)r->id,
             r->want_json ? "" : "?done=participant_saved");
    return req_created(r, loc, json_pack("{s:I, s:I, s:b}", "event_id", (json_int_t)r->id, "candidate_id",
                                         (json_int_t)c.candidate, "attended", c.attended));
}

/* ---- removing a participant ---------------------------------------------------- */

/* The participant of the path (/events/{id}/participants/{candidate_id}):
 * 0 with *out {"candidate_id","first_name","last_name","attended",
 * "school_name"} (caller owns), 1 not a participant, -1 error. */
static int participant_get(int64_t event_id, int64_t candidate_id, json_t **out)
{
    sqlite3_stmt *st = db_stmt(&SQL_PARTICIPANT_ONE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, event_id);
    sqlite3_bind_int64(st, 2, candidate_id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        *out = json_pack("{s:I, s:s, s:s, s:b, s:s}", "candidate_id", (json_int_t)candidate_id, "first_name",
                         db_text(st, 0), "last_name", db_text(st, 1), "attended", sqlite3_column_int(st, 2) != 0,
                         "school_name", db_text(st, 3));
    sqlite3_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

/* GET /events/{id}/participants/{candidate_id}/remove: asks before a
 * participant is taken off the event, as the app's other removals do. */
int events_participant_remove_form(struct req *r)
{
    json_t *e, *p;
    if (entity_open(r, &EVENT, ACT_WRITE, &e) != 0)
        return -1;
    int rc = participant_get(r->id, strtoll(r->params[1], NULL, 10), &p);
    if (rc != 0) {
        json_decref(e);
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    }
    json_object_set_new(p, "event_id", json_integer(r->id));
    json_object_set(p, "event_title", json_object_get(e, "title"));
    json_decref(e);
    req_title(r, req_t(r, "events_remove_participant_title"));
    return req_page(r, "events/participant_remove.tpl", p);
}

struct remove_ctx {
    struct req *r;
    int64_t candidate;
};

/* In one transaction: the event may be written, the pupil takes part,
 * the row goes, the audit says the event's participants changed. */
static int remove_tx(void *arg)
{
    struct remove_ctx *c = arg;
    json_t *e;
    int allowed = entity_allowed(c->r, &EVENT, c->r->id, ACT_WRITE, &e);
    if (allowed != 0)
        return allowed;
    json_decref(e);
    sqlite3_stmt *st = db_stmt(&SQL_PARTICIPANT_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->r->id);
    sqlite3_bind_int64(st, 2, c->candidate);
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return req_fail(c->r, ERR_NOT_FOUND), 1;
    json_t *names = json_pack("[s]", "participants");
    int rc = audit_write(c->r, "update", "event", c->r->id, names);
    json_decref(names);
    return rc;
}

/* POST /events/{id}/participants/{candidate_id}/remove (and DELETE
 * /events/{id}/participants/{candidate_id}): the pupil no longer takes
 * part; they stay in the pool. Unknown event or not a participant: 404. */
int events_remove_participant(struct req *r)
{
    struct remove_ctx c = { r, strtoll(r->params[1], NULL, 10) };
    int rc = db_tx(remove_tx, &c);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/events/%lld?done=participant_removed#participants", (long long)r->id);
    return req_redirect(r, loc, json_pack("{s:I, s:I, s:b}", "event_id", (json_int_t)r->id, "candidate_id",
                                          (json_int_t)c.candidate, "removed", 1));
}

/* ---- a school deleted ------------------------------------------------------------ */

int events_count_with_school(int64_t school_id, int64_t *n)
{
    sqlite3_stmt *st = db_stmt(&SQL_COUNT_WITH_SCHOOL);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, school_id);
    return db_int64(st, n);
}

/* The ids a statement bound to id yields, as a JSON array of integers
 * (read whole before anything changes what it walks); NULL on error. */
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

int events_drop_school(struct req *r, int64_t school_id, int *changed)
{
    *changed = 0;
    json_t *ids = ids_of(&SQL_WITH_SCHOOL, school_id);
    if (!ids)
        return -1;
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)school_id);
    json_t *names = json_pack("[s]", "school_ids");
    int rc = 0;
    size_t i;
    json_t *idv;
    json_array_foreach(ids, i, idv) {
        int64_t id = json_integer_value(idv);
        json_t *e;
        int found = entity_load(&EVENT, id, &e);
        if (found != 0) {
            rc = found < 0 ? -1 : 0;
            if (rc != 0)
                break;
            continue;
        }
        json_t *old = json_deep_copy(e), *kept = json_array();
        size_t k;
        json_t *v;
        json_array_foreach(json_object_get(e, "school_ids"), k, v) {
            bool same = json_is_string(v) ? !strcmp(json_string_value(v), num)
                                          : json_is_integer(v) && json_integer_value(v) == school_id;
            if (!same)
                json_array_append(kept, v);
        }
        json_object_set_new(e, "school_ids", kept);
        rc = entity_store(&EVENT, e, old, &id) != 0 || audit_write(r, "update", "event", id, names) != 0 ? -1 : 0;
        json_decref(old);
        json_decref(e);
        if (rc != 0)
            break;
        ++*changed;
    }
    json_decref(names);
    json_decref(ids);
    return rc;
}
