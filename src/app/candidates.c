#include "app/candidates.h"

#include "app/activities.h"
#include "app/auth.h"
#include "app/choices.h"
#include "app/events.h"
#include "app/matchpool.h"
#include "app/places.h"
#include "app/placements.h"
#include "app/schools.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/fold.h"
#include "core/text.h"
#include "core/validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* whole years of age today (local calendar), in SQL over t */
#define AGE_SQL                                                                                                  \
    "(CAST(strftime('%Y', 'now', 'localtime') AS INTEGER) - CAST(substr(t.birth_date, 1, 4) AS INTEGER) - "     \
    "(strftime('%m-%d', 'now', 'localtime') < substr(t.birth_date, 6, 5)))"

/* ---- the declaration ------------------------------------------------------
 * The least a caseworker needs to counsel and match a young person. Contact
 * data (email, phone, the parent's) is never listed and never shown to
 * viewers; migration background is optional and defaults to not stated. */
static const struct field_rule FIELDS[] = {
    { .name = "first_name", .type = V_TEXT, .required = true, .min = 1, .max = 100, .flags = F_LIST | F_EXPORT },
    { .name = "last_name", .type = V_TEXT, .required = true, .min = 1, .max = 100, .flags = F_LIST | F_EXPORT },
    { .name = "birth_date", .type = V_DATE, .required = true, .flags = F_LIST | F_EXPORT },
    { .name = "age", .type = V_INT, .expr = AGE_SQL, .flags = F_READONLY | F_LIST | F_EXPORT },
    /* the CSV export (F_EXPORT) leaves out contact data, gender and
     * migration background: the least a list that leaves the program needs */
    { .name = "gender", .type = V_ENUM, .choices = &CHOICES_GENDER, .flags = F_NULLABLE },
    { .name = "email", .type = V_EMAIL },
    { .name = "phone", .type = V_PHONE },
    { .name = "postal_code", .type = V_TEXT, .check = places_check_plz, .flags = F_LIST | F_EXPORT },
    { .name = "city", .type = V_TEXT, .max = 100, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "area", .type = V_ENUM, .choices = &CHOICES_AREA, .flags = F_DERIVED | F_LIST | F_FILTER | F_EXPORT },
    { .name = "school_id", .type = V_ID, .flags = F_NULLABLE | F_LIST | F_FILTER | F_EXPORT },
    { .name = "school_name", .type = V_TEXT, .expr = "s.name", .flags = F_READONLY | F_LIST | F_EXPORT },
    { .name = "link_id", .type = V_ID, .flags = F_DERIVED | F_NULLABLE },
    { .name = "certificate", .type = V_ENUM, .choices = &CHOICES_CERTIFICATE, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "expected_certificate", .type = V_ENUM, .choices = &CHOICES_CERTIFICATE,
      .flags = F_NULLABLE | F_EXPORT },
    { .name = "desired_occupations", .type = V_TAGS, .max = 3, .link = "candidate_occupations",
      .param = "occupation", .flags = F_FILTER | F_EXPORT },
    { .name = "languages", .type = V_LANGS, .max = 20, .link = "candidate_languages", .param = "language",
      .choices = &CHOICES_LANGUAGE, .flags = F_FILTER | F_EXPORT },
    { .name = "migration_background", .type = V_ENUM, .choices = &CHOICES_MIGRATION_BACKGROUND },
    { .name = "max_commute_km", .type = V_INT, .min = 0, .max = 500, .flags = F_NULLABLE | F_EXPORT },
    { .name = "available_from", .type = V_DATE, .flags = F_NULLABLE | F_EXPORT },
    /* asked never to be proposed to a company: kept in the pool, left out
     * of matching and of proposals */
    { .name = "match_opt_out", .type = V_BOOL, .flags = F_EXPORT },
    { .name = "status", .type = V_ENUM, .choices = &CHOICES_CANDIDATE_STATUS, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "parent_name", .type = V_TEXT, .max = 200 },
    { .name = "parent_email", .type = V_EMAIL },
    { .name = "parent_phone", .type = V_PHONE },
    { .name = "notes", .type = V_TEXT, .max = 10000 },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY },
    { .name = "updated_at", .type = V_TEXT, .flags = F_READONLY | F_EXPORT },
    /* folded first and last name: a second sign-up is recognised */
    { .name = "name_key", .type = V_TEXT, .flags = F_DERIVED | F_HIDDEN },
    /* filters only: at least / at most so many years old today */
    { .name = "age_min", .type = V_INT, .min = 0, .max = 99, .flags = F_READONLY | F_HIDDEN | F_FILTER,
      .filter = "t.birth_date <= date('now', 'localtime', '-' || ? || ' years')" },
    { .name = "age_max", .type = V_INT, .min = 0, .max = 99, .flags = F_READONLY | F_HIDDEN | F_FILTER,
      .filter = "t.birth_date > date('now', 'localtime', '-' || (? + 1) || ' years')" },
};

static const struct entity_sort SORTS[] = {
    { .key = "name", .order = "t.last_name COLLATE NOCASE, t.first_name COLLATE NOCASE, t.id", .indexed = true,
      .reverse = "t.last_name COLLATE NOCASE DESC, t.first_name COLLATE NOCASE DESC, t.id DESC" },
    { .key = "updated", .order = "t.updated_at DESC, t.id DESC", .indexed = true, .reverse = "t.updated_at, t.id",
      .descending = true },
    { .key = "created", .order = "t.id DESC", .indexed = true, .reverse = "t.id", .descending = true },
    { .key = "age", .order = "t.birth_date DESC, t.id", .reverse = "t.birth_date, t.id" },
};

static int candidate_may(struct req *r, const json_t *rec, enum entity_action action);
static int candidate_check(struct req *r, json_t *in, const json_t *old);
static int candidate_derive(json_t *in, const json_t *old);
static int reindex(int64_t id);

/* Candidates are personal: every staff read is audited. */
struct entity CANDIDATE = {
    .type = "candidate",
    .table = "candidates",
    .joins = "LEFT JOIN schools s ON s.id = t.school_id",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = SORTS,
    .nsorts = sizeof SORTS / sizeof SORTS[0],
    .fts = "candidates_fts",
    .personal = true,
    .versioned = true,
    .may = candidate_may,
    .check = candidate_check,
    .derive = candidate_derive,
    .after_write = reindex,
};

static struct db_sql SQL_OCC_BY_ID = DB_SQL("SELECT id FROM occupations WHERE id = ?1 AND active = 1");
static struct db_sql SQL_OCC_BY_NAME = DB_SQL(
    "SELECT id FROM occupations WHERE active = 1 AND name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1");
static struct db_sql SQL_OCC_NAME = DB_SQL("SELECT name FROM occupations WHERE id = ?1");
static struct db_sql SQL_OCC_ALL = DB_SQL("SELECT id, name FROM occupations WHERE active = 1 ORDER BY name");
static struct db_sql SQL_SAME = DB_SQL(
    "SELECT id FROM candidates WHERE birth_date = ?1 AND name_key = ?2 ORDER BY id LIMIT 1");
static struct db_sql SQL_CONSENT = DB_SQL(
    "INSERT INTO candidate_consents (candidate_id, kind, text_version, channel, link_id, parental) "
    "VALUES (?1, 'privacy', ?2, ?3, ?4, ?5)");
static struct db_sql SQL_CONSENTS = DB_SQL(
    "SELECT kind, text_version, at, channel, link_id, parental FROM candidate_consents WHERE candidate_id = ?1 "
    "ORDER BY id");
static struct db_sql SQL_OF_SCHOOL = DB_SQL(
    "SELECT t.id, t.first_name, t.last_name, t.status, " AGE_SQL " FROM candidates t WHERE t.school_id = ?1 "
    "ORDER BY t.last_name COLLATE NOCASE, t.first_name COLLATE NOCASE LIMIT 500");
static struct db_sql SQL_BRIEF = DB_SQL(
    "SELECT t.first_name, t.last_name, " AGE_SQL ", coalesce(s.name, '') FROM candidates t "
    "LEFT JOIN schools s ON s.id = t.school_id WHERE t.id = ?1");
/* a contract makes the pupil placed; the last one undone makes them
 * active again (the version moves, so an open form cannot write the old
 * status back) */
static struct db_sql SQL_PLACED = DB_SQL("UPDATE candidates SET status = 'placed'" VERSION_BUMP_SQL
                                         " WHERE id = ?1 AND status <> 'placed'");
static struct db_sql SQL_UNPLACED = DB_SQL("UPDATE candidates SET status = 'active'" VERSION_BUMP_SQL
                                           " WHERE id = ?1 AND status = 'placed'");
static struct db_sql SQL_NAME = DB_SQL("SELECT first_name || ' ' || last_name FROM candidates WHERE id = ?1");
static struct db_sql SQL_FTS_DELETE = DB_SQL("DELETE FROM candidates_fts WHERE rowid = ?1");
static struct db_sql SQL_FTS_INSERT = DB_SQL("INSERT INTO candidates_fts (rowid, text) VALUES (?1, ?2)");

/* ---- the area's own rules ------------------------------------------------- */

/* Every staff member reads candidates (each read audited, contact data
 * hidden from viewers by the pages); caseworkers and admins write. */
static int candidate_may(struct req *r, const json_t *rec, enum entity_action action)
{
    (void)rec;
    if (!r->user)
        return req_fail(r, ERR_FORBIDDEN);
    if (action != ACT_READ && !auth_may_write(r))
        return req_fail(r, ERR_FORBIDDEN);
    return 0;
}

/* An occupation id, if it is one of an active occupation: 1 yes, 0 no, -1
 * error. */
static int occupation_active(int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_OCC_BY_ID);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    enum db_step rc = db_step(st);
    sqlite3_reset(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Defaults, and what only the area knows: the desired occupations are
 * active ones; the school exists; the link stays the one the pupil came
 * through. */
static int candidate_check(struct req *r, json_t *in, const json_t *old)
{
    if (json_is_null(json_object_get(in, "migration_background")))
        json_object_set_new(in, "migration_background", json_string("not_stated"));
    if (json_is_null(json_object_get(in, "certificate")))
        json_object_set_new(in, "certificate", json_string("none"));
    if (json_is_null(json_object_get(in, "status")))
        json_object_set_new(in, "status", json_string(old ? json_string_value(json_object_get(old, "status")) : "new"));
    json_t *link = old ? json_object_get(old, "link_id") : NULL;
    json_object_set_new(in, "link_id", link ? json_incref(link) : json_null());
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(in, "desired_occupations"), i, v) {
        const char *s = json_string_value(v);
        char *end = NULL;
        long long id = s ? strtoll(s, &end, 10) : 0;
        int ok = id > 0 && end && !*end ? occupation_active(id) : 0;
        if (ok < 0)
            return req_fail(r, ERR_INTERNAL);
        if (!ok) {
            req_field_error(r, "desired_occupations", "candidates_unknown_occupation");
            break;
        }
    }
    json_t *school = json_object_get(in, "school_id");
    if (json_is_integer(school)) {
        char name[8];
        int found = schools_name(json_integer_value(school), name, sizeof name);
        if (found < 0)
            return req_fail(r, ERR_INTERNAL);
        if (found > 0)
            req_field_error(r, "school_id", "field_bad_value");
    }
    return r->err == ERR_NONE ? 0 : -1;
}

/* The folded name a second sign-up is recognised by: first and last name,
 * case and accents aside, single spaces. New string. */
static char *name_key(const char *first, const char *last)
{
    struct buf b = { 0 }, out = { 0 };
    fold_append(&b, first ? first : "");
    buf_puts(&b, " ");
    fold_append(&b, last ? last : "");
    bool space = false;
    for (size_t i = 0; i < b.len; i++) {
        unsigned char c = (unsigned char)b.data[i];
        if (isspace(c) || c == '-' || c == '\'') {
            space = out.len > 0;
            continue;
        }
        if (space)
            buf_puts(&out, " ");
        space = false;
        buf_append(&out, &b.data[i], 1);
    }
    buf_free(&b);
    return out.data ? buf_steal(&out) : strdup("");
}

/* Town and Stadt/Kreis from the postal code; the name's key. */
static int candidate_derive(json_t *in, const json_t *old)
{
    char *key = name_key(json_string_value(json_object_get(in, "first_name")),
                         json_string_value(json_object_get(in, "last_name")));
    json_object_set_new(in, "name_key", json_string(key ? key : ""));
    free(key);
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

/* The search text: names, place, school, folded (forgiving search). */
static int reindex(int64_t id)
{
    matchpool_touch_candidate(id);
    sqlite3_stmt *st = db_stmt(&SQL_FTS_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (db_run(st) != 0)
        return -1;
    json_t *c;
    int rc = entity_load(&CANDIDATE, id, &c);
    if (rc != 0)
        return rc > 0 ? 0 : -1;
    struct buf b = { 0 };
    static const char *const fields[] = { "first_name", "last_name", "city", "postal_code", "school_name" };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = json_string_value(json_object_get(c, fields[i]));
        fold_index_append(&b, v ? v : "");
        buf_puts(&b, " ");
    }
    json_decref(c);
    if (!(st = db_stmt(&SQL_FTS_INSERT))) {
        buf_free(&b);
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, b.data ? b.data : "", -1, SQLITE_TRANSIENT);
    rc = db_run(st);
    buf_free(&b);
    return rc;
}

int candidates_find_same(const char *first, const char *last, const char *birth, int64_t *id)
{
    *id = 0;
    char *key = name_key(first, last);
    sqlite3_stmt *st = key ? db_stmt(&SQL_SAME) : NULL;
    if (!st) {
        free(key);
        return -1;
    }
    sqlite3_bind_text(st, 1, birth, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    free(key);
    return rc == DB_ERROR ? -1 : 0;
}

int candidates_add_consent(int64_t candidate_id, const char *channel, int64_t link_id, bool parental)
{
    sqlite3_stmt *st = db_stmt(&SQL_CONSENT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, candidate_id);
    sqlite3_bind_text(st, 2, CANDIDATES_NOTICE_VERSION, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, channel, -1, SQLITE_STATIC);
    if (link_id > 0)
        sqlite3_bind_int64(st, 4, link_id);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_int(st, 5, parental);
    return db_run(st);
}

/* The person's consents, oldest first; NULL on error. */
static json_t *consents_json(struct req *r, int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_CONSENTS);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:o, s:b}", "kind", db_text(st, 0), "text_version", db_text(st, 1),
                              "at", db_text(st, 2), "channel", db_text(st, 3), "link_id",
                              sqlite3_column_type(st, 4) == SQLITE_NULL ? json_null()
                                                                        : json_integer(sqlite3_column_int64(st, 4)),
                              "parental", sqlite3_column_int(st, 5) != 0);
        if (!r->want_json) {
            char at[64];
            req_date(r, db_text(st, 2), at, sizeof at);
            json_object_set_new(c, "at_local", json_string(at));
        }
        json_array_append_new(list, c);
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* ---- desired occupations: typed names or ids ----------------------------------- */

/* One item typed or sent: an id, or an occupation's name. 1 with *id, 0
 * unknown, -1 error. */
static int resolve_one(const char *item, int64_t *id)
{
    char *end;
    long long n = strtoll(item, &end, 10);
    if (*item && !*end) {
        int ok = n > 0 ? occupation_active(n) : 0;
        if (ok == 1)
            *id = n;
        return ok;
    }
    sqlite3_stmt *st = db_stmt(&SQL_OCC_BY_NAME);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, item, -1, SQLITE_STATIC);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Leading and trailing white space off, into buf (n bytes). */
static const char *trim_into(const char *s, char *buf, size_t n)
{
    while (isspace((unsigned char)*s))
        s++;
    snprintf(buf, n, "%s", s);
    size_t len = strlen(buf);
    while (len && isspace((unsigned char)buf[len - 1]))
        buf[--len] = '\0';
    return buf;
}

int candidates_resolve_occupations(struct req *r)
{
    json_t *raw = json_object_get(r->fields, "desired_occupations");
    if (!raw || json_is_null(raw))
        return 0;
    json_t *items = json_array();
    if (json_is_array(raw)) {
        size_t i;
        json_t *v;
        json_array_foreach(raw, i, v) json_array_append(items, v);
    } else {
        json_array_append(items, raw);
    }
    json_t *ids = json_array();
    bool unknown = false, bad = json_array_size(items) > 20;
    size_t i;
    json_t *v;
    json_array_foreach(items, i, v) {
        if (bad)
            break;
        char text[512], num[32];
        const char *item;
        if (json_is_integer(v)) {
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
            item = num;
        } else if (json_is_string(v)) {
            item = trim_into(json_string_value(v), text, sizeof text);
        } else {
            bad = true;
            break;
        }
        if (!*item)
            continue; /* an input left empty */
        int64_t id = 0;
        int rc = resolve_one(item, &id);
        if (rc == 0 && !json_is_array(raw) && strchr(item, ',')) {
            /* "3, 7": ids in one string */
            char copy[512];
            snprintf(copy, sizeof copy, "%s", item);
            for (char *save = NULL, *p = strtok_r(copy, ",", &save); p && rc >= 0; p = strtok_r(NULL, ",", &save)) {
                char part[512];
                rc = resolve_one(trim_into(p, part, sizeof part), &id);
                if (rc == 1) {
                    snprintf(num, sizeof num, "%lld", (long long)id);
                    json_array_append_new(ids, json_string(num));
                } else if (rc == 0) {
                    unknown = true;
                }
            }
            if (rc >= 0)
                continue;
        }
        if (rc < 0) {
            json_decref(items);
            json_decref(ids);
            return req_fail(r, ERR_INTERNAL);
        }
        if (rc == 0) {
            unknown = true;
            continue;
        }
        snprintf(num, sizeof num, "%lld", (long long)id);
        bool dup = false;
        size_t k;
        json_t *have;
        json_array_foreach(ids, k, have) dup |= !strcmp(json_string_value(have), num);
        if (!dup)
            json_array_append_new(ids, json_string(num));
    }
    json_decref(items);
    if (bad || unknown || json_array_size(ids) > 3) {
        json_decref(ids);
        req_field_error(r, "desired_occupations",
                        bad || unknown ? "candidates_unknown_occupation" : "candidates_too_many_occupations");
        return -1;
    }
    json_object_set_new(r->fields, "desired_occupations", ids);
    return 0;
}

json_t *candidates_occupation_options(void)
{
    sqlite3_stmt *st = db_stmt(&SQL_OCC_ALL);
    if (!st)
        return NULL;
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

/* The name of an occupation id (text), or NULL (new string). */
static char *occupation_name(const char *id_text)
{
    char *end;
    long long id = id_text ? strtoll(id_text, &end, 10) : 0;
    if (id <= 0 || *end)
        return NULL;
    sqlite3_stmt *st = db_stmt(&SQL_OCC_NAME);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    char *name = db_step(st) == DB_ROW ? strdup(db_text(st, 0)) : NULL;
    sqlite3_reset(st);
    return name;
}

void candidates_occupation_names(json_t *form)
{
    /* three inputs, most wanted first: names for what was stored or typed */
    json_t *inputs = json_array();
    json_t *src = json_object_get(form, "desired_occupations_list");
    for (size_t i = 0; i < 3; i++) {
        json_t *v = json_array_get(src, i);
        char num[32];
        const char *text = json_string_value(v);
        if (json_is_integer(v)) {
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
            text = num;
        }
        char *name = text ? occupation_name(text) : NULL;
        json_array_append_new(inputs, json_pack("{s:i, s:s}", "n", (int)i + 1, "value",
                                                name ? name : text ? text : ""));
        free(name);
    }
    json_object_set_new(form, "occupation_inputs", inputs);
    json_object_del(form, "desired_occupations_list");
}

/* ---- pieces for other pages ------------------------------------------------------ */

json_t *candidates_of_school(struct req *r, int64_t school_id)
{
    sqlite3_stmt *st = db_stmt(&SQL_OF_SCHOOL);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, school_id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *status = db_text(st, 3);
        json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "id",
                                              (json_int_t)sqlite3_column_int64(st, 0), "first_name", db_text(st, 1),
                                              "last_name", db_text(st, 2), "age", (json_int_t)sqlite3_column_int64(st, 4),
                                              "status", status, "status_label",
                                              entity_label(&CHOICES_CANDIDATE_STATUS, r->lang, status)));
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

json_t *candidates_brief(struct req *r, int64_t id)
{
    (void)r;
    sqlite3_stmt *st = db_stmt(&SQL_BRIEF);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    json_t *c = NULL;
    if (db_step(st) == DB_ROW)
        c = json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)id, "first_name", db_text(st, 0), "last_name",
                      db_text(st, 1), "age", (json_int_t)sqlite3_column_int64(st, 2), "school_name", db_text(st, 3));
    sqlite3_reset(st);
    return c;
}

int candidates_name(int64_t id, char *buf, size_t n)
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

int candidates_set_placed(struct req *r, int64_t id, bool placed)
{
    sqlite3_stmt *st = db_stmt(placed ? &SQL_PLACED : &SQL_UNPLACED);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return 0;
    matchpool_touch_candidate(id);
    json_t *names = json_pack("[s]", "status");
    int rc = audit_write(r, "update", "candidate", id, names);
    json_decref(names);
    return rc;
}

/* ---- list ------------------------------------------------------------------------- */

/* The school choices for forms and filters: [{"id","name","selected"}]. */
static json_t *school_options(int64_t selected);

int candidates_list(struct req *r)
{
    struct entity_query q;
    json_t *model;
    int rc = entity_query_read(r, &CANDIDATE, &q) == 0 ? entity_list(r, &q, &model) : -1;
    int64_t school = 0;
    const char *occupation = NULL;
    for (int i = 0; rc == 0 && i < q.nfilters; i++) {
        if (!strcmp(q.filters[i].field->name, "school_id"))
            school = json_integer_value(q.filters[i].value);
        if (!strcmp(q.filters[i].field->name, "desired_occupations"))
            occupation = json_string_value(q.filters[i].value);
    }
    if (rc == 0 && !r->want_json) {
        json_t *filter = json_object_get(model, "filter");
        json_t *schools = school_options(school), *occs = candidates_occupation_options();
        if (!schools || !occs) {
            json_decref(schools);
            json_decref(occs);
            entity_query_free(&q);
            json_decref(model);
            return req_fail(r, ERR_INTERNAL);
        }
        size_t i;
        json_t *o;
        json_array_foreach(occs, i, o) {
            char num[32];
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(json_object_get(o, "id")));
            json_object_set_new(o, "selected", json_boolean(occupation && !strcmp(occupation, num)));
        }
        json_object_set_new(filter, "schools", schools);
        json_object_set_new(filter, "occupations", occs);
        entity_export_link(r, model, "/candidates/export.csv", auth_may_write(r));
        req_title(r, req_t(r, "candidates_title"));
    }
    entity_query_free(&q);
    return rc == 0 ? req_page(r, "candidates/list.tpl", model) : -1;
}

/* The filtered pool, every page, as CSV for caseworkers and admins
 * (candidate_may): audited with the filters' names; without contact
 * data, gender or migration background (see FIELDS). */
int candidates_export(struct req *r)
{
    struct entity_query q;
    int rc = entity_query_read(r, &CANDIDATE, &q) == 0 ? entity_export_csv(r, &q, "bewerberinnen.csv") : -1;
    entity_query_free(&q);
    return rc;
}

static struct db_sql SQL_SCHOOLS = DB_SQL("SELECT id, name FROM schools ORDER BY name COLLATE NOCASE LIMIT 1000");

static json_t *school_options(int64_t selected)
{
    sqlite3_stmt *st = db_stmt(&SQL_SCHOOLS);
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

/* ---- forms --------------------------------------------------------------------------- */

/* The candidate form; values are a stored record or what was typed. */
static int show_form(struct req *r, const json_t *cand, const json_t *values)
{
    json_t *form = entity_form(r, &CANDIDATE, values);
    json_t *list = json_object_get(values, "desired_occupations");
    json_object_set_new(form, "desired_occupations_list", json_is_array(list) ? json_deep_copy(list)
                                                          : list ? json_pack("[O]", list) : json_array());
    candidates_occupation_names(form);
    json_t *school = json_object_get(values, "school_id");
    int64_t sid = json_is_integer(school) ? json_integer_value(school)
                  : json_is_string(school) ? strtoll(json_string_value(school), NULL, 10) : 0;
    json_t *schools = school_options(sid), *occs = candidates_occupation_options();
    if (!schools || !occs) {
        json_decref(schools);
        json_decref(occs);
        json_decref(form);
        return req_fail(r, ERR_INTERNAL);
    }
    json_t *model = json_pack("{s:o, s:o, s:o}", "form", form, "schools", schools, "occupations", occs);
    if (cand) {
        json_object_set_new(model, "candidate", json_pack("{s:O, s:O, s:O, s:O}", "id", json_object_get(cand, "id"),
                                                          "first_name", json_object_get(cand, "first_name"), "last_name",
                                                          json_object_get(cand, "last_name"), "updated_at",
                                                          json_object_get(cand, "updated_at")));
        req_title(r, req_t(r, "candidates_edit_title"));
    } else {
        json_object_set_new(model, "candidate", json_null());
        req_title(r, req_t(r, "candidates_new_title"));
    }
    return req_page(r, "candidates/form.tpl", model);
}

int candidates_new_form(struct req *r)
{
    json_t *defaults = json_pack("{s:s, s:s, s:s}", "migration_background", "not_stated", "certificate", "none",
                                 "status", "new");
    int rc = show_form(r, NULL, defaults);
    json_decref(defaults);
    return rc;
}

static void occupations_as_ids(json_t *c);

struct consent_ctx {
    struct req *r;
    int64_t id;
};

static int staff_consent_tx(void *arg)
{
    struct consent_ctx *c = arg;
    if (candidates_add_consent(c->id, "staff", 0, false) != 0)
        return -1;
    json_t *names = json_pack("[s]", "consents");
    int rc = audit_write(c->r, "update", "candidate", c->id, names);
    json_decref(names);
    return rc;
}

/* A candidate added by a caseworker (in counselling); a consent given on
 * paper is recorded with channel "staff" when privacy_consent is ticked. */
int candidates_create(struct req *r)
{
    json_t *cand;
    if (candidates_resolve_occupations(r) != 0 || entity_create(r, &CANDIDATE, &cand) != 0) {
        if (r->err == ERR_INVALID) {
            enum err e = r->err;
            show_form(r, NULL, r->fields);
            r->err = e;
        }
        return -1;
    }
    int64_t id = json_integer_value(json_object_get(cand, "id"));
    static const struct field_rule CONSENT = { .name = "privacy_consent", .type = V_BOOL };
    json_t *given = validate_value(r, &CONSENT, json_object_get(r->fields, "privacy_consent"));
    if (json_is_true(given)) {
        struct consent_ctx c = { r, id };
        if (db_tx(staff_consent_tx, &c) != 0) {
            json_decref(given);
            json_decref(cand);
            return req_fail(r, ERR_INTERNAL);
        }
    }
    json_decref(given);
    json_decref(cand);
    if (entity_load(&CANDIDATE, id, &cand) != 0)
        return req_fail(r, ERR_INTERNAL);
    json_t *consents = consents_json(r, id);
    json_object_set_new(cand, "consents", consents ? consents : json_array());
    occupations_as_ids(cand);
    char loc[64];
    snprintf(loc, sizeof loc, "/candidates/%lld%s", (long long)id, r->want_json ? "" : "?done=candidate_created");
    return req_created(r, loc, cand);
}

/* What a viewer must not see: contact data of the person and the parent. */
static void hide_contact(struct req *r, json_t *c)
{
    if (auth_may_write(r)) {
        if (!r->want_json)
            json_object_set_new(c, "contact_hidden", json_false());
        return;
    }
    static const char *const hidden[] = { "email", "phone", "parent_name", "parent_email", "parent_phone" };
    for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
        json_object_del(c, hidden[i]);
    json_object_set_new(c, "contact_hidden", json_true());
}

/* Ids as numbers in JSON (the link table keeps text for the kit). */
static void occupations_as_ids(json_t *c)
{
    json_t *list = json_object_get(c, "desired_occupations"), *ids = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        const char *s = json_string_value(v);
        if (s)
            json_array_append_new(ids, json_integer(strtoll(s, NULL, 10)));
    }
    json_object_set_new(c, "desired_occupations", ids);
}

int candidates_show(struct req *r)
{
    json_t *c;
    if (entity_open(r, &CANDIDATE, ACT_READ, &c) != 0)
        return -1;
    json_t *consents = consents_json(r, r->id), *events = consents ? events_of(r, "candidate", r->id) : NULL;
    json_t *activities = events ? activities_timeline(r, OWNER_CANDIDATE, r->id) : NULL;
    if (!activities) {
        json_decref(events);
        json_decref(consents);
        json_decref(c);
        return req_fail(r, ERR_INTERNAL);
    }
    hide_contact(r, c);
    json_t *occ = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(c, "desired_occupations"), i, v) {
        char *name = occupation_name(json_string_value(v));
        json_array_append_new(occ, json_pack("{s:I, s:s, s:i}", "id", (json_int_t)strtoll(json_string_value(v), NULL, 10),
                                             "name", name ? name : json_string_value(v), "rank", (int)i + 1));
        free(name);
    }
    occupations_as_ids(c);
    json_object_set_new(c, "consents", consents);
    json_object_set_new(c, "events", events);
    json_object_set_new(c, "activities", activities);
    if (r->want_json) {
        json_decref(occ);
        return req_page(r, NULL, c);
    }
    json_object_set_new(c, "occupations", occ);
    json_t *langs = json_array();
    json_array_foreach(json_object_get(c, "languages"), i, v)
        json_array_append_new(langs, json_string(entity_item_label(&CHOICES_LANGUAGE, r->lang, json_string_value(v))));
    json_object_set_new(c, "languages_labels", langs);
    for (size_t k = 0; k < sizeof FIELDS / sizeof FIELDS[0]; k++) {
        const struct field_rule *f = &FIELDS[k];
        const char *val = json_string_value(json_object_get(c, f->name));
        if (f->type != V_ENUM || !val)
            continue;
        char key[96];
        snprintf(key, sizeof key, "%s_label", f->name);
        json_object_set_new(c, key, json_string(entity_label(f->choices, r->lang, val)));
    }
    char day[32];
    req_date(r, json_string_value(json_object_get(c, "birth_date")), day, sizeof day);
    json_object_set_new(c, "birth_date_local", json_string(day));
    const char *from = json_string_value(json_object_get(c, "available_from"));
    if (from) {
        req_date(r, from, day, sizeof day);
        json_object_set_new(c, "available_from_local", json_string(day));
    }
    char tel[64];
    const char *phone = json_string_value(json_object_get(c, "phone"));
    if (phone && *phone && text_tel_number(phone, tel, sizeof tel))
        json_object_set_new(c, "phone_link", json_pack("{s:s, s:s}", "tel", tel, "text", phone));
    const char *pphone = json_string_value(json_object_get(c, "parent_phone"));
    if (pphone && *pphone && text_tel_number(pphone, tel, sizeof tel))
        json_object_set_new(c, "parent_phone_link", json_pack("{s:s, s:s}", "tel", tel, "text", pphone));
    /* which optional facts the page shows (a section needs a flag) */
    static const char *const facts[] = { "gender", "expected_certificate", "available_from", "max_commute_km",
                                         "school_id" };
    for (size_t k = 0; k < sizeof facts / sizeof facts[0]; k++) {
        json_t *v = json_object_get(c, facts[k]);
        char key[64];
        snprintf(key, sizeof key, "show_%s", facts[k]);
        json_object_set_new(c, key, json_boolean(v && !json_is_null(v) && !(json_is_string(v) && !*json_string_value(v))));
    }
    json_t *cs;
    json_array_foreach(consents, i, cs) json_object_set_new(cs, "via_link", json_boolean(json_is_integer(json_object_get(cs, "link_id"))));
    json_object_set_new(c, "timeline", json_pack("{s:O}", "activities", activities));
    json_t *placements = placements_of(r, "candidate", r->id);
    json_object_set_new(c, "placement_list", json_pack("{s:o}", "items", placements ? placements : json_array()));
    json_object_set_new(c, "activity_form", activities_form_model(r, OWNER_CANDIDATE, NULL));
    req_title(r, req_t(r, "candidates_show_title"));
    return req_page(r, "candidates/show.tpl", c);
}

int candidates_edit_form(struct req *r)
{
    json_t *c;
    if (entity_open(r, &CANDIDATE, ACT_WRITE, &c) != 0)
        return -1;
    int rc = show_form(r, c, c);
    json_decref(c);
    return rc;
}

int candidates_update(struct req *r)
{
    json_t *c, *current = NULL;
    if (candidates_resolve_occupations(r) != 0) {
        enum err e = r->err;
        json_t *fields = r->err_fields ? json_incref(r->err_fields) : NULL;
        if (e == ERR_INVALID && entity_open(r, &CANDIDATE, ACT_WRITE, &c) == 0) {
            json_t *values = json_deep_copy(c);
            json_object_update(values, r->fields);
            show_form(r, c, values);
            json_decref(values);
            json_decref(c);
            r->err = e;
            json_decref(r->err_fields);
            r->err_fields = fields;
        } else {
            json_decref(fields);
        }
        return -1;
    }
    if (entity_update(r, &CANDIDATE, &c, &current) != 0) {
        if (current && (r->err == ERR_INVALID || r->err == ERR_CONFLICT)) {
            json_t *values = json_deep_copy(current);
            json_object_update(values, r->fields);
            enum err e = r->err;
            show_form(r, current, values);
            r->err = e;
            json_decref(values);
        }
        json_decref(current);
        return -1;
    }
    occupations_as_ids(c);
    char loc[64];
    snprintf(loc, sizeof loc, "/candidates/%lld?done=candidate_saved", (long long)r->id);
    return req_redirect(r, loc, c);
}
