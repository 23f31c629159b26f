#include "app/companies.h"

#include "app/activities.h"
#include "app/auth.h"
#include "app/choices.h"
#include "app/events.h"
#include "app/namekey.h"
#include "app/places.h"
#include "app/placements.h"
#include "app/posts.h"
#include "app/users.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/fold.h"
#include "core/list.h"
#include "core/log.h"
#include "core/text.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the declaration ------------------------------------------------------
 * The company record, field by field: its rules, and what the kit makes of
 * it (listed, filtered, exported). Order: the CSV export's columns. */
static const struct field_rule FIELDS[] = {
    { .name = "name", .type = V_TEXT, .required = true, .min = 1, .max = 200, .flags = F_LIST | F_EXPORT },
    { .name = "street", .type = V_TEXT, .max = 200, .flags = F_EXPORT },
    { .name = "postal_code", .type = V_TEXT, .check = places_check_plz, .flags = F_LIST | F_EXPORT },
    { .name = "city", .type = V_TEXT, .max = 100, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "area", .type = V_ENUM, .choices = &CHOICES_AREA, .flags = F_DERIVED | F_LIST | F_FILTER | F_EXPORT },
    { .name = "phone", .type = V_PHONE, .flags = F_EXPORT },
    { .name = "email", .type = V_EMAIL, .flags = F_EXPORT },
    { .name = "website", .type = V_URL, .flags = F_EXPORT },
    { .name = "industry", .type = V_TEXT, .max = 100, .flags = F_LIST | F_EXPORT },
    { .name = "chamber", .type = V_ENUM, .choices = &CHOICES_CHAMBER, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "owner_migration_background", .type = V_ENUM, .choices = &CHOICES_OWNER_BACKGROUND,
      .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "languages", .type = V_LANGS, .max = 20, .link = "company_languages", .param = "language",
      .choices = &CHOICES_LANGUAGE, .flags = F_FILTER | F_EXPORT },
    { .name = "training_status", .type = V_ENUM, .choices = &CHOICES_TRAINING_STATUS,
      .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "trainer_aptitude", .type = V_ENUM, .choices = &CHOICES_TRAINER_APTITUDE, .flags = F_EXPORT },
    { .name = "training_authorisation", .type = V_ENUM, .choices = &CHOICES_TRAINING_AUTHORISATION,
      .flags = F_EXPORT },
    { .name = "employees", .type = V_INT, .min = 0, .max = 1000000, .flags = F_EXPORT },
    { .name = "tags", .type = V_TAGS, .max = 20, .link = "company_tags", .param = "tag",
      .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "notes", .type = V_TEXT, .max = 10000 },
    { .name = "caseworker_id", .type = V_ID, .flags = F_LIST | F_FILTER },
    { .name = "caseworker_name", .type = V_TEXT, .expr = "u.name", .flags = F_READONLY | F_LIST | F_EXPORT },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY },
    { .name = "updated_at", .type = V_TEXT, .flags = F_READONLY | F_EXPORT },
    /* the name as the duplicate warning compares it (namekey.h), kept by
     * company_derive at every write; never shown */
    { .name = "name_key", .type = V_TEXT, .flags = F_DERIVED | F_HIDDEN },
    /* the work with the company at a glance: the day of its latest activity
     * and its earliest follow-up not yet done. Read per row of a page only
     * (the kit fetches a page's ids first), each along an index on
     * activities: (company_id, date), and for open follow-ups the partial
     * index of migration 0011. */
    { .name = "last_contact", .type = V_DATE, .expr = "(SELECT max(a.date) FROM activities a WHERE a.company_id = t.id)",
      .flags = F_READONLY | F_LIST | F_EXPORT },
    { .name = "next_follow_up", .type = V_DATE,
      .expr = "(SELECT min(a.follow_up) FROM activities a WHERE a.company_id = t.id AND a.follow_up IS NOT NULL "
              "AND a.follow_up_done_at IS NULL)",
      .flags = F_READONLY | F_LIST | F_EXPORT },
};

/* Sort orders offered on the list (and by its column headers, each also
 * reversed); the first is the default. */
#define STATUS_RANK                                                                                          \
    "CASE t.training_status WHEN 'training' THEN 0 WHEN 'authorised' THEN 1 WHEN 'in_progress' THEN 2 "     \
    "WHEN 'interested' THEN 3 ELSE 4 END"
static const struct entity_sort SORTS[] = {
    { .key = "name", .order = "t.name COLLATE NOCASE, t.id", .indexed = true,
      .reverse = "t.name COLLATE NOCASE DESC, t.id DESC" },
    { .key = "updated", .order = "t.updated_at DESC, t.id DESC", .indexed = true, .reverse = "t.updated_at, t.id",
      .descending = true },
    { .key = "created", .order = "t.id DESC", .indexed = true, .reverse = "t.id", .descending = true },
    { .key = "postal_code", .order = "t.postal_code, t.name COLLATE NOCASE, t.id",
      .reverse = "t.postal_code DESC, t.name COLLATE NOCASE DESC, t.id DESC" },
    { .key = "status", .order = STATUS_RANK ", t.name COLLATE NOCASE, t.id",
      .reverse = STATUS_RANK " DESC, t.name COLLATE NOCASE DESC, t.id DESC" },
};

static int company_check(struct req *r, json_t *in, const json_t *old);
static int company_derive(json_t *in, const json_t *old);
static int reindex(int64_t id);

/* Companies are shared by the team: every staff member reads every
 * company, caseworkers and admins write, delete and export them. */
struct entity COMPANY = {
    .type = "company",
    .table = "companies",
    .joins = "LEFT JOIN users u ON u.id = t.caseworker_id",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = SORTS,
    .nsorts = sizeof SORTS / sizeof SORTS[0],
    .fts = "companies_fts",
    .versioned = true,
    .may = auth_team_may,
    .check = company_check,
    .derive = company_derive,
    .after_write = reindex,
};

/* every company of a postal area (codes from ?1 to before ?2) with its key,
 * read from the index companies_near alone (0010) */
static struct db_sql SQL_NEAR = DB_SQL(
    "SELECT id, name_key FROM companies WHERE postal_code >= ?1 AND postal_code < ?2 AND id != ?3");
static struct db_sql SQL_NEAR_ROW = DB_SQL("SELECT name, postal_code, city FROM companies WHERE id = ?1");
static struct db_sql SQL_KEYLESS = DB_SQL(
    "SELECT id, name FROM companies WHERE name_key IS NULL AND id > ?1 ORDER BY id LIMIT 500");
static struct db_sql SQL_SET_KEY = DB_SQL("UPDATE companies SET name_key = ?2 WHERE id = ?1");
static struct db_sql SQL_NAME = DB_SQL("SELECT name FROM companies WHERE id = ?1");
static struct db_sql SQL_CONTACTS = DB_SQL(
    "SELECT id, name, role, phone, email FROM company_contacts WHERE company_id = ?1 ORDER BY name COLLATE NOCASE");
static struct db_sql SQL_CONTACT_INSERT = DB_SQL(
    "INSERT INTO company_contacts (company_id, name, role, phone, email) VALUES (?1, ?2, ?3, ?4, ?5)");
static struct db_sql SQL_CONTACT_DELETE = DB_SQL("DELETE FROM company_contacts WHERE id = ?1 AND company_id = ?2");
static struct db_sql SQL_CONTACT_GET = DB_SQL(
    "SELECT name, role, phone, email FROM company_contacts WHERE id = ?1 AND company_id = ?2");
static struct db_sql SQL_CONTACT_UPDATE = DB_SQL(
    "UPDATE company_contacts SET name = ?3, role = ?4, phone = ?5, email = ?6 WHERE id = ?1 AND company_id = ?2");
static struct db_sql SQL_CONTACT_NAMES = DB_SQL("SELECT group_concat(name, ' ') FROM company_contacts WHERE company_id = ?1");
static struct db_sql SQL_FTS_DELETE = DB_SQL("DELETE FROM companies_fts WHERE rowid = ?1");
static struct db_sql SQL_FTS_INSERT = DB_SQL("INSERT INTO companies_fts (rowid, text) VALUES (?1, ?2)");

/* ---- the area's own rules ------------------------------------------------- */

/* Defaults for enums left out, and the caseworker: the author by default,
 * else one who can own records. */
static int company_check(struct req *r, json_t *in, const json_t *old)
{
    (void)old;
    static const struct {
        const char *name, *value;
    } defaults[] = { { "chamber", "none" },          { "owner_migration_background", "unknown" },
                     { "training_status", "none" },  { "trainer_aptitude", "no" },
                     { "training_authorisation", "no" } };
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        if (json_is_null(json_object_get(in, defaults[i].name)))
            json_object_set_new(in, defaults[i].name, json_string(defaults[i].value));
    json_t *cw = json_object_get(in, "caseworker_id");
    if (json_is_null(cw) && !old && auth_may_write(r))
        json_object_set_new(in, "caseworker_id", json_integer(r->user->id));
    else if (json_is_integer(cw) && !json_equal(cw, json_object_get(old, "caseworker_id"))) {
        int owner = users_is_owner(json_integer_value(cw));
        if (owner < 0)
            return req_fail(r, ERR_INTERNAL);
        if (!owner)
            req_field_error(r, "caseworker_id", "companies_bad_caseworker");
    }
    return r->err == ERR_NONE ? 0 : -1;
}

/* Stadt, Kreis or region follows from the postal code, and so does the
 * town when none was typed, or when the code changed and the town was left
 * as it was; the name's key follows from the name at every write, so it is
 * never stale. */
static int company_derive(json_t *in, const json_t *old)
{
    struct buf key = { 0 };
    namekey_append(&key, json_string_value(json_object_get(in, "name")));
    json_object_set_new(in, "name_key", json_stringn(key.data ? key.data : "", key.len));
    buf_free(&key);
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

int companies_store(json_t *in, int64_t *id) { return entity_store(&COMPANY, in, NULL, id); }

int companies_name(int64_t id, char *buf, size_t n)
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

/* ---- the search index ------------------------------------------------------ */

/* The folded text the search index holds for a company: its names, place,
 * industry, tags and contact persons. */
static char *index_text(json_t *c, const char *contacts)
{
    struct buf b = { 0 };
    const char *fields[] = { "name", "city", "postal_code", "industry", "street" };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = json_string_value(json_object_get(c, fields[i]));
        fold_index_append(&b, v ? v : "");
        buf_puts(&b, " ");
    }
    size_t i;
    json_t *tag;
    json_array_foreach(json_object_get(c, "tags"), i, tag) {
        fold_index_append(&b, json_string_value(tag));
        buf_puts(&b, " ");
    }
    if (contacts)
        fold_index_append(&b, contacts);
    return buf_steal(&b);
}

/* Rewrites a company's row in the search index from the stored record
 * (the kit's after_write; also after a contact changes). */
static int reindex(int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_FTS_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (db_run(st) != 0)
        return -1;
    json_t *c;
    int rc = entity_load(&COMPANY, id, &c);
    if (rc != 0)
        return rc > 0 ? 0 : -1;
    if (!(st = db_stmt(&SQL_CONTACT_NAMES))) {
        json_decref(c);
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
    char *contacts = NULL;
    enum db_step step = db_step(st);
    if (step == DB_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        contacts = strdup(db_text(st, 0));
    sqlite3_reset(st);
    char *text = step == DB_ERROR ? NULL : index_text(c, contacts);
    free(contacts);
    json_decref(c);
    if (!text || !(st = db_stmt(&SQL_FTS_INSERT))) {
        free(text);
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
    rc = db_run(st);
    free(text);
    /* its posts are found by its name and town too */
    return rc == 0 ? posts_reindex_company(id) : rc;
}

/* ---- list and export -------------------------------------------------------- */

int companies_list(struct req *r)
{
    struct entity_query q;
    json_t *model;
    int rc = entity_query_read(r, &COMPANY, &q) == 0 ? entity_list(r, &q, &model) : -1;
    if (rc == 0 && !r->want_json) {
        json_t *filter = json_object_get(model, "filter");
        int64_t cw = 0;
        for (int i = 0; i < q.nfilters; i++)
            if (!strcmp(q.filters[i].field->name, "caseworker_id"))
                cw = json_integer_value(q.filters[i].value);
        json_t *owners = users_owner_options(cw);
        if (!owners) {
            entity_query_free(&q);
            json_decref(model);
            return req_fail(r, ERR_INTERNAL);
        }
        json_object_set_new(filter, "caseworkers", owners);
        /* the export takes the same filters: the query as it was sent; and
         * only when there is something to export */
        entity_export_link(r, model, "/companies/export.csv", true);
        req_title(r, req_t(r, "companies_title"));
    }
    entity_query_free(&q);
    return rc == 0 ? req_page(r, "companies/list.tpl", model) : -1;
}

/* The filtered list, every page, as CSV for Excel. */
int companies_export(struct req *r)
{
    struct entity_query q;
    int rc = entity_query_read(r, &COMPANY, &q) == 0 ? entity_export_csv(r, &q, "betriebe.csv") : -1;
    entity_query_free(&q);
    return rc;
}

/* ---- forms -------------------------------------------------------------------- */

/* The company form: values (stored or typed) with their option lists, the
 * caseworkers to choose from and, when editing, the version the form was
 * loaded at (updated_at), so a stale save is refused. Steals form. */
static int show_form(struct req *r, json_t *company, json_t *form, int64_t caseworker)
{
    json_t *owners = users_owner_options(caseworker);
    if (!owners) {
        json_decref(form);
        return req_fail(r, ERR_INTERNAL);
    }
    json_t *model = json_pack("{s:o, s:o}", "form", form, "caseworkers", owners);
    if (company) {
        json_object_set(model, "company", company);
        /* the version the form is based on: a save from an older one is refused */
        json_object_set_new(model, "version", json_pack("{s:O}", "updated_at", json_object_get(company, "updated_at")));
        req_title(r, json_string_value(json_object_get(company, "name")));
    } else {
        json_object_set_new(model, "company", json_null());
        req_title(r, req_t(r, "companies_new_title"));
    }
    return req_page(r, "companies/form.tpl", model);
}

static int64_t caseworker_of(const json_t *values)
{
    json_t *cw = json_object_get(values, "caseworker_id");
    if (json_is_integer(cw))
        return json_integer_value(cw);
    const char *s = json_string_value(cw);
    return s ? strtoll(s, NULL, 10) : 0;
}

int companies_new_form(struct req *r)
{
    json_t *defaults = json_pack("{s:s, s:s, s:s, s:s, s:s}", "chamber", "none", "owner_migration_background",
                                 "unknown", "training_status", "interested", "trainer_aptitude", "no",
                                 "training_authorisation", "no");
    json_t *form = entity_form(r, &COMPANY, defaults);
    json_decref(defaults);
    return show_form(r, NULL, form, r->user->id);
}

/* ---- duplicates --------------------------------------------------------------- */

/* How many similar companies the warning lists. */
#define SIMILAR_SHOWN 5

/* The rows of the companies with these ids, in this order, as
 * [{"id","name","postal_code","city"}]; NULL on a database error. */
static json_t *similar_rows(const int64_t *ids, int n)
{
    json_t *found = json_array();
    for (int i = 0; i < n; i++) {
        sqlite3_stmt *st = db_stmt(&SQL_NEAR_ROW);
        if (!st) {
            json_decref(found);
            return NULL;
        }
        sqlite3_bind_int64(st, 1, ids[i]);
        enum db_step rc = db_step(st);
        if (rc == DB_ROW)
            json_array_append_new(found, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)ids[i], "name",
                                                   db_text(st, 0), "postal_code", db_text(st, 1), "city",
                                                   db_text(st, 2)));
        sqlite3_reset(st);
        if (rc == DB_ERROR) {
            json_decref(found);
            return NULL;
        }
    }
    return found;
}

/* Companies whose name resembles this one in the same postal area (the
 * first three digits): every company of the area is compared by its
 * stored key, read from one index, so none is missed however many there
 * are. The same name (the same words in any order) comes first, then
 * other resemblances; at most SIMILAR_SHOWN, as
 * [{"id","name","postal_code","city"}]; NULL on a database error. */
static json_t *find_similar(const char *name, const char *plz, int64_t self)
{
    if (!plz || strlen(plz) < 3 || plz[2] < '0' || plz[2] > '9')
        return json_array();
    /* the area's codes: from "630" up to (not including) "631" */
    char from[4] = { plz[0], plz[1], plz[2], '\0' }, to[4] = { plz[0], plz[1], (char)(plz[2] + 1), '\0' };
    struct buf key = { 0 };
    namekey_append(&key, name);
    if (!key.len) {
        buf_free(&key);
        return json_array(); /* only legal forms or punctuation: nothing to compare */
    }
    int64_t same[SIMILAR_SHOWN], near[SIMILAR_SHOWN];
    int nsame = 0, nnear = 0;
    json_t *found = NULL;
    sqlite3_stmt *st = db_read_begin() == 0 ? db_stmt(&SQL_NEAR) : NULL;
    if (st) {
        sqlite3_bind_text(st, 1, from, 3, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, to, 3, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, self);
        enum db_step rc = DB_DONE;
        /* the whole area, unless it already holds enough of the same name */
        while (nsame < SIMILAR_SHOWN && (rc = db_step(st)) == DB_ROW) {
            const char *other = db_text(st, 1);
            if (!namekey_resembles(key.data, other))
                continue;
            if (namekey_same(key.data, other))
                same[nsame++] = sqlite3_column_int64(st, 0);
            else if (nnear < SIMILAR_SHOWN)
                near[nnear++] = sqlite3_column_int64(st, 0);
        }
        sqlite3_reset(st);
        if (rc != DB_ERROR) {
            for (int i = 0; i < nnear && nsame < SIMILAR_SHOWN; i++)
                same[nsame++] = near[i];
            found = similar_rows(same, nsame);
        }
    }
    db_read_end();
    buf_free(&key);
    return found;
}

int companies_match(const char *name, const char *plz, int64_t *id)
{
    *id = 0;
    json_t *similar = find_similar(name, plz, 0);
    if (!similar)
        return -1;
    if (json_array_size(similar))
        *id = json_integer_value(json_object_get(json_array_get(similar, 0), "id"));
    json_decref(similar);
    return 0;
}

/* Keys for the companies that have none (rows from before migration
 * 0010, or whose key a later migration reset to NULL because the key's
 * rules changed), in batches of ids in order: a running read never sees
 * its own rows change. Inside the caller's transaction; *filled counts. */
static int fill_keys_tx(void *arg)
{
    int *filled = arg;
    int64_t after = 0;
    *filled = 0;
    for (;;) {
        int64_t ids[500];
        char *keys[500];
        int n = 0;
        sqlite3_stmt *st = db_stmt(&SQL_KEYLESS);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, after);
        enum db_step rc = DB_DONE;
        while (n < 500 && (rc = db_step(st)) == DB_ROW) {
            struct buf key = { 0 };
            namekey_append(&key, db_text(st, 1));
            ids[n] = sqlite3_column_int64(st, 0);
            keys[n++] = key.data ? buf_steal(&key) : strdup("");
        }
        sqlite3_reset(st);
        bool failed = rc == DB_ERROR;
        for (int i = 0; i < n; i++) {
            if (!failed) {
                st = keys[i] ? db_stmt(&SQL_SET_KEY) : NULL;
                if (st) {
                    sqlite3_bind_int64(st, 1, ids[i]);
                    sqlite3_bind_text(st, 2, keys[i], -1, SQLITE_STATIC);
                }
                failed = !st || db_run(st) != 0;
            }
            free(keys[i]);
        }
        if (failed)
            return -1;
        *filled += n;
        if (n < 500)
            return 0;
        after = ids[n - 1];
    }
}

int companies_fill_keys(void)
{
    int filled = 0;
    return db_tx(fill_keys_tx, &filled) == 0 ? filled : -1;
}

/* A new company, unless it resembles one in the same postal area: then a
 * warning with links, and the form again with a box to confirm. */
int companies_create(struct req *r)
{
    json_t *in = NULL;
    static const struct field_rule CONFIRM[] = { { .name = "confirm_duplicate", .type = V_BOOL } };
    json_t *confirm = NULL;
    if (validate_fields(r, FIELDS, sizeof FIELDS / sizeof FIELDS[0], &in) != 0 ||
        validate_fields(r, CONFIRM, 1, &confirm) != 0) {
        json_decref(in);
        return show_form(r, NULL, entity_form(r, &COMPANY, r->fields), caseworker_of(r->fields)), -1;
    }
    if (!json_is_true(json_object_get(confirm, "confirm_duplicate"))) {
        json_t *similar = find_similar(json_string_value(json_object_get(in, "name")),
                                       json_string_value(json_object_get(in, "postal_code")), 0);
        if (!similar) {
            json_decref(in);
            json_decref(confirm);
            return req_fail(r, ERR_INTERNAL);
        }
        if (json_array_size(similar)) {
            json_decref(in);
            json_decref(confirm);
            r->err = ERR_CONFLICT;
            r->err_detail = strdup(req_t(r, "companies_duplicate_warning"));
            r->err_fields = json_pack("{s:s}", "name", req_t(r, "companies_duplicate_field"));
            r->err_extra = json_pack("{s:O}", "duplicates", similar);
            show_form(r, NULL, entity_form(r, &COMPANY, r->fields), caseworker_of(r->fields));
            json_object_set_new(r->model, "duplicates", similar);
            return -1;
        }
        json_decref(similar);
    }
    json_decref(in);
    json_decref(confirm);
    json_t *company;
    if (entity_create(r, &COMPANY, &company) != 0) {
        if (r->err == ERR_INVALID)
            show_form(r, NULL, entity_form(r, &COMPANY, r->fields), caseworker_of(r->fields));
        return -1;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/companies/%lld%s", (long long)json_integer_value(json_object_get(company, "id")),
             r->want_json ? "" : "?done=created");
    return req_created(r, loc, company);
}

/* ---- the company page ------------------------------------------------------- */

/* The company's contact persons; NULL on a database error. */
static json_t *contacts_json(int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_CONTACTS);
    if (!st)
        return NULL;
    json_t *list = json_array();
    sqlite3_bind_int64(st, 1, id);
    enum db_step rc = DB_DONE;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *c = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                              "name", db_text(st, 1), "role", db_text(st, 2), "phone", db_text(st, 3), "email",
                              db_text(st, 4), "company_id", (json_int_t)id);
        json_array_append_new(list, c);
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* Labels of the record's enums for the page, and its languages in words
 * ("languages_labels"). */
static void add_labels(struct req *r, json_t *c)
{
    json_t *names = json_array();
    size_t k;
    json_t *code;
    json_array_foreach(json_object_get(c, "languages"), k, code)
        json_array_append_new(names, json_string(entity_item_label(&CHOICES_LANGUAGE, r->lang, json_string_value(code))));
    json_object_set_new(c, "languages_labels", names);
    for (size_t i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++) {
        const struct field_rule *f = &FIELDS[i];
        const char *v = json_string_value(json_object_get(c, f->name));
        if (f->type != V_ENUM || !v)
            continue;
        char key[96];
        snprintf(key, sizeof key, "%s_label", f->name);
        json_object_set_new(c, key, json_string(entity_label(f->choices, r->lang, v)));
    }
}

/* The company page: the record with its contacts and timeline, and what
 * only the page needs (labels, links, which facts to show, today's date for
 * the activity form). Steals c. */
static int show_page(struct req *r, json_t *c)
{
    json_t *contacts = contacts_json(r->id), *activities = contacts ? activities_timeline(r, OWNER_COMPANY, r->id) : NULL;
    json_t *events = activities ? events_of(r, "company", r->id) : NULL;
    /* the page lists its posts (JSON clients ask /posts?company_id=) */
    json_t *posts = events ? (r->want_json ? json_array() : posts_of_company(r, r->id)) : NULL;
    if (!posts) {
        json_decref(events);
        json_decref(contacts);
        json_decref(activities);
        json_decref(c);
        return req_fail(r, ERR_INTERNAL);
    }
    json_object_set_new(c, "contacts", contacts);
    json_object_set_new(c, "activities", activities);
    json_object_set_new(c, "events", events);
    if (r->want_json)
        json_decref(posts);
    else
        json_object_set_new(c, "posts", posts);
    if (!r->want_json) {
        add_labels(r, c);
        req_title(r, json_string_value(json_object_get(c, "name")));
        /* links only where there is something to link to */
        const char *web = json_string_value(json_object_get(c, "website"));
        if (web && *web)
            json_object_set_new(c, "website_link", json_pack("{s:s}", "url", web));
        const char *mail = json_string_value(json_object_get(c, "email"));
        if (mail && *mail)
            json_object_set_new(c, "email_link", json_pack("{s:s}", "address", mail));
        /* phone numbers dial from a phone: tel: links, the company's and
         * each contact person's (named apart, so a contact without a
         * number never shows the company's) */
        char tel[64];
        const char *phone = json_string_value(json_object_get(c, "phone"));
        json_object_set_new(c, "phone_link",
                            phone && text_tel_number(phone, tel, sizeof tel)
                                ? json_pack("{s:s, s:s}", "tel", tel, "text", phone)
                                : json_null());
        size_t k;
        json_t *person;
        json_array_foreach(contacts, k, person) {
            const char *number = json_string_value(json_object_get(person, "phone"));
            json_object_set_new(person, "contact_tel",
                                number && text_tel_number(number, tel, sizeof tel)
                                    ? json_pack("{s:s, s:s}", "tel", tel, "text", number)
                                    : json_null());
            const char *mail = json_string_value(json_object_get(person, "email"));
            if (mail && *mail)
                json_object_set_new(person, "email_link", json_pack("{s:s}", "address", mail));
        }
        json_object_set_new(c, "timeline", json_pack("{s:O}", "activities", activities));
        json_t *placements = placements_of(r, "company", r->id);
        json_object_set_new(c, "placement_list", json_pack("{s:o}", "items", placements ? placements : json_array()));
        if (!json_object_get(c, "activity_form"))
            json_object_set_new(c, "activity_form", activities_form_model(r, OWNER_COMPANY, NULL));
        if (!json_object_get(c, "contact_form"))
            json_object_set_new(c, "contact_form", json_null());
        /* which facts to show: empty ones are left out of the page */
        static const char *const facts[] = { "street", "phone", "email", "website", "industry", "employees",
                                             "notes", "languages", "tags", "postal_code", "caseworker_name" };
        for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
            json_t *v = json_object_get(c, facts[i]);
            if ((json_is_string(v) && *json_string_value(v)) || json_is_integer(v) ||
                (json_is_array(v) && json_array_size(v))) {
                char key[64];
                snprintf(key, sizeof key, "show_%s", facts[i]);
                json_object_set_new(c, key, json_true());
            }
        }
    }
    return req_page(r, "companies/show.tpl", c);
}

int companies_show(struct req *r)
{
    json_t *c;
    if (entity_open(r, &COMPANY, ACT_READ, &c) != 0)
        return -1;
    return show_page(r, c);
}

int companies_edit_form(struct req *r)
{
    json_t *c;
    if (entity_open(r, &COMPANY, ACT_WRITE, &c) != 0)
        return -1;
    int rc = show_form(r, c, entity_form(r, &COMPANY, c), caseworker_of(c));
    json_decref(c);
    return rc;
}

/* What the edit form shows after a refused save: what the person typed,
 * laid over the record as it is now, and for a stale save (409) the
 * fields a colleague changed meanwhile (from the audit log) with their
 * current values; the form's version is the current one, so saving again
 * overwrites on purpose. */
static void show_refused_edit(struct req *r, json_t *current)
{
    json_t *values = json_deep_copy(current);
    json_object_update(values, r->fields);
    json_t *form = entity_form(r, &COMPANY, values);
    if (r->err != ERR_CONFLICT) {
        show_form(r, current, form, caseworker_of(values));
        json_decref(values);
        return;
    }
    const char *seen = json_string_value(json_object_get(r->fields, "updated_at"));
    json_t *names = seen ? audit_fields_since("company", r->id, seen) : json_array();
    json_t *changed = json_array();
    size_t i;
    json_t *name;
    json_array_foreach(names, i, name) {
        const char *field = json_string_value(name);
        json_t *v = json_object_get(current, field);
        char key[96], *joined = NULL, num[32] = "";
        snprintf(key, sizeof key, "field_%s", field);
        const char *text = json_string_value(v);
        if (json_is_array(v))
            text = joined = validate_join(v);
        else if (json_is_integer(v))
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), text = num;
        json_array_append_new(changed, json_pack("{s:s, s:s, s:s}", "name", field, "label", req_t(r, key),
                                                 "current", text ? text : ""));
        free(joined);
    }
    json_decref(names);
    r->err_detail = strdup(req_t(r, "edit_conflict"));
    r->err_extra = json_pack("{s:O}", "current", current);
    show_form(r, current, form, caseworker_of(values));
    json_object_set_new(r->model, "conflict", changed);
    json_decref(values);
}

/* Changes what was sent and keeps the rest (a JSON PATCH of one field and
 * the whole HTML form go the same way), all in one transaction. */
int companies_update(struct req *r)
{
    json_t *company, *current;
    if (entity_update(r, &COMPANY, &company, &current) != 0) {
        if (current && (r->err == ERR_INVALID || r->err == ERR_CONFLICT))
            show_refused_edit(r, current);
        json_decref(current);
        return -1;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/companies/%lld?done=saved", (long long)r->id);
    return req_redirect(r, loc, company);
}

int companies_delete_form(struct req *r)
{
    json_t *c;
    if (entity_open(r, &COMPANY, ACT_DELETE, &c) != 0)
        return -1;
    req_title(r, json_string_value(json_object_get(c, "name")));
    return req_page(r, "companies/delete.tpl", c);
}

/* Deletes the company with its contacts and activities (the confirmation
 * page asked first). */
int companies_delete(struct req *r)
{
    if (entity_delete(r, &COMPANY) != 0)
        return -1;
    return req_redirect(r, "/companies?done=deleted", json_pack("{s:I, s:b}", "id", (json_int_t)r->id, "deleted", 1));
}

/* ---- contact persons -------------------------------------------------------- */

int companies_store_contact(int64_t company_id, const char *name, const char *role, const char *phone,
                            const char *email, int64_t *id)
{
    sqlite3_stmt *st = db_stmt(&SQL_CONTACT_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, company_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, role ? role : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, phone ? phone : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, email ? email : "", -1, SQLITE_STATIC);
    if (db_run(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_conn());
    return reindex(company_id);
}

static const struct field_rule CONTACT_RULES[] = {
    { .name = "name", .type = V_TEXT, .required = true, .min = 1, .max = 200 },
    { .name = "role", .type = V_TEXT, .max = 100 },
    { .name = "phone", .type = V_PHONE },
    { .name = "email", .type = V_EMAIL },
};

struct contact_ctx {
    struct req *r;
    json_t *in;
    int64_t contact_id;
};

static int contact_tx(void *arg)
{
    struct contact_ctx *c = arg;
    json_t *in = c->in, *company;
    int allowed = entity_allowed(c->r, &COMPANY, c->r->id, ACT_WRITE, &company);
    if (allowed != 0)
        return allowed;
    json_decref(company);
    if (companies_store_contact(c->r->id, json_string_value(json_object_get(in, "name")),
                                json_string_value(json_object_get(in, "role")),
                                json_string_value(json_object_get(in, "phone")),
                                json_string_value(json_object_get(in, "email")), &c->contact_id) != 0)
        return -1;
    return audit_write(c->r, "create", "company_contact", c->contact_id, c->in);
}

int companies_add_contact(struct req *r)
{
    json_t *company;
    if (entity_open(r, &COMPANY, ACT_WRITE, &company) != 0)
        return -1;
    json_t *in;
    if (validate_fields(r, CONTACT_RULES, 4, &in) != 0) {
        json_object_set_new(company, "contact_form", validate_form_values(r->fields, CONTACT_RULES, 4));
        show_page(r, company);
        return -1;
    }
    json_decref(company);
    struct contact_ctx c = { r, in, 0 };
    int rc = db_tx(contact_tx, &c);
    json_decref(in);
    if (rc == 1)
        return -1; /* the company went or changed hands meanwhile: 404 or 403 set */
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/companies/%lld%s#contacts", (long long)r->id,
             r->want_json ? "" : "?done=contact_added");
    return req_created(r, loc, json_pack("{s:I, s:I}", "id", (json_int_t)c.contact_id, "company_id",
                                         (json_int_t)r->id));
}

/* One contact person of the path's company: 0 with *out {"id","name",
 * "role","phone","email","company_id"}, 1 when the company has no such
 * contact, -1 on error. */
static int contact_get(int64_t company_id, int64_t contact_id, json_t **out)
{
    sqlite3_stmt *st = db_stmt(&SQL_CONTACT_GET);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, contact_id);
    sqlite3_bind_int64(st, 2, company_id);
    enum db_step found = db_step(st);
    if (found == DB_ROW)
        *out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)contact_id, "name", db_text(st, 0),
                         "role", db_text(st, 1), "phone", db_text(st, 2), "email", db_text(st, 3), "company_id",
                         (json_int_t)company_id);
    sqlite3_reset(st);
    if (found == DB_ROW && !*out)
        return -1;
    return found == DB_ROW ? 0 : found == DB_DONE ? 1 : -1;
}

/* The page of one contact person (edit form, or the question before
 * removing one), with the company's name; form: what was typed, or NULL
 * for the stored values. */
static int contact_page(struct req *r, const char *view, const char *title_key, json_t *form)
{
    json_t *company;
    if (entity_open(r, &COMPANY, ACT_WRITE, &company) != 0) {
        json_decref(form);
        return -1;
    }
    json_t *contact = NULL;
    int rc = contact_get(r->id, strtoll(r->params[1], NULL, 10), &contact);
    if (rc != 0) {
        json_decref(company);
        json_decref(form);
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    }
    json_object_set_new(contact, "company_name", json_incref(json_object_get(company, "name")));
    json_decref(company);
    json_object_set_new(contact, "form", form ? form : validate_form_values(contact, CONTACT_RULES, 4));
    req_title(r, req_t(r, title_key));
    enum err e = r->err;
    req_page(r, view, contact);
    return e == ERR_NONE ? 0 : -1;
}

int companies_contact_edit_form(struct req *r)
{
    return contact_page(r, "companies/contact_form.tpl", "companies_edit_contact", NULL);
}

int companies_contact_delete_form(struct req *r)
{
    return contact_page(r, "companies/contact_delete.tpl", "companies_remove_contact_title", NULL);
}

static int contact_update_tx(void *arg)
{
    struct contact_ctx *c = arg;
    json_t *company, *old = NULL;
    int allowed = entity_allowed(c->r, &COMPANY, c->r->id, ACT_WRITE, &company);
    if (allowed != 0)
        return allowed;
    json_decref(company);
    int rc = contact_get(c->r->id, c->contact_id, &old);
    if (rc != 0)
        return rc > 0 ? (req_fail(c->r, ERR_NOT_FOUND), 1) : -1;
    json_t *changed = json_array();
    static const char *const names[] = { "name", "role", "phone", "email" };
    for (size_t i = 0; i < 4; i++) {
        const char *was = json_string_value(json_object_get(old, names[i]));
        const char *now = json_string_value(json_object_get(c->in, names[i]));
        if (strcmp(was ? was : "", now ? now : "") != 0)
            json_array_append_new(changed, json_string(names[i]));
    }
    json_decref(old);
    if (json_array_size(changed) == 0) {
        json_decref(changed);
        return 0; /* nothing to write, nothing to audit */
    }
    sqlite3_stmt *st = db_stmt(&SQL_CONTACT_UPDATE);
    if (!st) {
        json_decref(changed);
        return -1;
    }
    sqlite3_bind_int64(st, 1, c->contact_id);
    sqlite3_bind_int64(st, 2, c->r->id);
    for (int i = 0; i < 4; i++) {
        const char *v = json_string_value(json_object_get(c->in, names[i]));
        sqlite3_bind_text(st, 3 + i, v ? v : "", -1, SQLITE_TRANSIENT);
    }
    rc = db_run(st) != 0 || reindex(c->r->id) != 0 ? -1
                                                   : audit_write(c->r, "update", "company_contact", c->contact_id, changed);
    json_decref(changed);
    return rc;
}

/* Saves a contact person's changes (only what changed is audited). */
int companies_update_contact(struct req *r)
{
    json_t *in;
    if (validate_fields(r, CONTACT_RULES, 4, &in) != 0) {
        contact_page(r, "companies/contact_form.tpl", "companies_edit_contact",
                     validate_form_values(r->fields, CONTACT_RULES, 4));
        return -1;
    }
    struct contact_ctx c = { r, in, strtoll(r->params[1], NULL, 10) };
    int rc = db_tx(contact_update_tx, &c);
    json_decref(in);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/companies/%lld?done=contact_saved#contacts", (long long)r->id);
    return req_redirect(r, loc, json_pack("{s:I, s:I}", "id", (json_int_t)c.contact_id, "company_id",
                                          (json_int_t)r->id));
}

static int contact_delete_tx(void *arg)
{
    struct contact_ctx *c = arg;
    sqlite3_stmt *st = db_stmt(&SQL_CONTACT_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->contact_id);
    sqlite3_bind_int64(st, 2, c->r->id);
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return 1; /* not this company's contact */
    if (reindex(c->r->id) != 0)
        return -1;
    return audit_write(c->r, "delete", "company_contact", c->contact_id, NULL);
}

int companies_delete_contact(struct req *r)
{
    json_t *company;
    if (entity_open(r, &COMPANY, ACT_WRITE, &company) != 0)
        return -1;
    json_decref(company);
    struct contact_ctx c = { r, NULL, strtoll(r->params[1], NULL, 10) };
    int rc = db_tx(contact_delete_tx, &c);
    if (rc == 1)
        return req_fail(r, ERR_NOT_FOUND);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/companies/%lld?done=contact_removed#contacts", (long long)r->id);
    return req_redirect(r, loc, NULL);
}
