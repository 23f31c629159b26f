#include "app/posts.h"

#include "app/auth.h"
#include "app/choices.h"
#include "app/companies.h"
#include "app/matchpool.h"
#include "app/occupations.h"
#include "app/places.h"
#include "app/placements.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/list.h"
#include "core/log.h"
#include "core/text.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the declaration ------------------------------------------------------
 * A post of a company for one recognised occupation. Town, Stadt/Kreis and
 * start year follow from the postal code (the company's when none is
 * given) and the start date; status moves only through posts_set_status
 * (and the offer review); places_filled is the placements' (with a signed
 * contract); offer_id says which public offer brought it. */
#define EXPIRED "t.expires_on IS NOT NULL AND t.expires_on < date('now', 'localtime')"

static const struct field_rule FIELDS[] = {
    { .name = "title", .type = V_TEXT, .required = true, .min = 1, .max = 200, .flags = F_LIST | F_EXPORT },
    { .name = "company_id", .type = V_ID, .required = true, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "company_name", .type = V_TEXT, .expr = "c.name", .flags = F_READONLY | F_LIST | F_EXPORT },
    { .name = "occupation_id", .type = V_ID, .required = true, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "occupation_name", .type = V_TEXT, .expr = "o.name", .flags = F_READONLY | F_LIST | F_EXPORT },
    { .name = "bodies", .type = V_TAGS, .choices = &CHOICES_BODY, .expr = "o.bodies", .flags = F_READONLY | F_LIST },
    { .name = "body", .type = V_ENUM, .choices = &CHOICES_BODY, .flags = F_READONLY | F_HIDDEN | F_FILTER,
      .filter = "t.occupation_id IN (SELECT id FROM occupations WHERE instr(',' || bodies || ',', ',' || ? || ',') > 0)" },
    { .name = "status", .type = V_ENUM, .choices = &CHOICES_POST_STATUS, .flags = F_STATE | F_LIST | F_FILTER | F_EXPORT },
    { .name = "places", .type = V_INT, .required = true, .min = 1, .max = 99, .flags = F_LIST | F_EXPORT },
    { .name = "places_filled", .type = V_INT, .flags = F_READONLY | F_EXPORT },
    { .name = "free_places", .type = V_INT, .min = 1, .max = 99, .expr = "t.places - t.places_filled",
      .flags = F_READONLY | F_LIST | F_FILTER | F_EXPORT, .filter = "t.places - t.places_filled >= ?" },
    { .name = "start_date", .type = V_DATE, .required = true, .flags = F_LIST | F_EXPORT },
    { .name = "start_year", .type = V_INT, .min = 2000, .max = 2200, .flags = F_DERIVED | F_LIST | F_FILTER | F_EXPORT },
    { .name = "min_certificate", .type = V_ENUM, .choices = &CHOICES_CERTIFICATE, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "languages", .type = V_LANGS, .max = 20, .link = "post_languages", .param = "language",
      .flags = F_FILTER | F_EXPORT },
    { .name = "postal_code", .type = V_TEXT, .check = places_check_plz, .flags = F_LIST | F_EXPORT },
    { .name = "city", .type = V_TEXT, .max = 100, .flags = F_DERIVED | F_LIST | F_FILTER | F_EXPORT },
    { .name = "area", .type = V_ENUM, .choices = &CHOICES_AREA, .flags = F_DERIVED | F_LIST | F_FILTER | F_EXPORT },
    { .name = "description", .type = V_TEXT, .max = 5000 },
    { .name = "part_time", .type = V_BOOL, .flags = F_EXPORT },
    { .name = "internship", .type = V_BOOL, .flags = F_EXPORT },
    { .name = "pay_1", .type = V_INT, .min = 0, .max = 10000, .flags = F_NULLABLE | F_EXPORT },
    { .name = "pay_2", .type = V_INT, .min = 0, .max = 10000, .flags = F_NULLABLE | F_EXPORT },
    { .name = "pay_3", .type = V_INT, .min = 0, .max = 10000, .flags = F_NULLABLE | F_EXPORT },
    { .name = "pay_4", .type = V_INT, .min = 0, .max = 10000, .flags = F_NULLABLE | F_EXPORT },
    { .name = "contact_id", .type = V_ID, .flags = F_NULLABLE },
    { .name = "contact_name", .type = V_TEXT, .expr = "cc.name", .flags = F_READONLY },
    { .name = "contact_phone", .type = V_PHONE, .expr = "cc.phone", .flags = F_READONLY },
    { .name = "contact_email", .type = V_TEXT, .expr = "cc.email", .flags = F_READONLY },
    { .name = "apply_until", .type = V_DATE, .flags = F_NULLABLE | F_EXPORT },
    { .name = "expires_on", .type = V_DATE, .flags = F_NULLABLE | F_EXPORT },
    { .name = "expired", .type = V_BOOL, .expr = EXPIRED, .flags = F_READONLY | F_LIST },
    { .name = "offer_id", .type = V_ID, .flags = F_DERIVED | F_NULLABLE },
    { .name = "opened_at", .type = V_TEXT, .flags = F_READONLY | F_TIME | F_EXPORT },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY | F_TIME },
    { .name = "updated_at", .type = V_TEXT, .flags = F_READONLY | F_EXPORT },
};

/* Sorts over the table's own columns (a page's ids are read first). */
static const struct entity_sort SORTS[] = {
    { .key = "created", .order = "t.id DESC", .indexed = true, .reverse = "t.id", .descending = true },
    { .key = "start", .order = "t.start_date, t.id", .indexed = true, .reverse = "t.start_date DESC, t.id DESC" },
    { .key = "title", .order = "t.title COLLATE NOCASE, t.id", .reverse = "t.title COLLATE NOCASE DESC, t.id DESC" },
};

static int post_check(struct req *r, json_t *in, const json_t *old);
static int post_derive(json_t *in, const json_t *old);
static int reindex(int64_t id);

/* Posts are the team's: every staff member reads them, caseworkers and
 * admins write and export them. Companies and occupations are LEFT JOINs:
 * they always exist (the references), and a count need not visit them. */
struct entity POST = {
    .type = "post",
    .table = "posts",
    .joins = "LEFT JOIN companies c ON c.id = t.company_id LEFT JOIN occupations o ON o.id = t.occupation_id "
             "LEFT JOIN company_contacts cc ON cc.id = t.contact_id",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = SORTS,
    .nsorts = sizeof SORTS / sizeof SORTS[0],
    .fts = "posts_fts",
    .versioned = true,
    .may = auth_team_may,
    .check = post_check,
    .derive = post_derive,
    .after_write = reindex,
};

static struct db_sql SQL_COMPANY_PLZ = DB_SQL("SELECT postal_code FROM companies WHERE id = ?1");
static struct db_sql SQL_CONTACT_OF = DB_SQL("SELECT count(*) FROM company_contacts WHERE id = ?1 AND company_id = ?2");
static struct db_sql SQL_CONTACTS = DB_SQL(
    "SELECT id, name FROM company_contacts WHERE company_id = ?1 ORDER BY name COLLATE NOCASE");
static struct db_sql SQL_OF_COMPANY = DB_SQL(
    "SELECT id FROM posts WHERE company_id = ?1 ORDER BY id DESC LIMIT 100");
/* the occupations posts name: one step into posts_occupation each */
static struct db_sql SQL_USED_OCCUPATIONS = DB_SQL(
    "SELECT o.id, o.name FROM occupations o WHERE EXISTS (SELECT 1 FROM posts p WHERE p.occupation_id = o.id) "
    "ORDER BY o.name");
static struct db_sql SQL_FTS_DELETE = DB_SQL("DELETE FROM posts_fts WHERE rowid = ?1");
static struct db_sql SQL_FTS_INSERT = DB_SQL("INSERT INTO posts_fts (rowid, text) VALUES (?1, ?2)");
static struct db_sql SQL_UNINDEXED = DB_SQL(
    "SELECT id FROM posts WHERE id NOT IN (SELECT rowid FROM posts_fts) ORDER BY id");
static struct db_sql SQL_COMPANY_POSTS = DB_SQL("SELECT id FROM posts WHERE company_id = ?1");
/* a contract takes a place (the last one fills an open post), a contract
 * undone gives it back (a filled post is open again); the status moves
 * with the count, and the version with both, so a form opened before is
 * refused (409) rather than writing an old status back */
static struct db_sql SQL_TAKE_PLACE = DB_SQL(
    "UPDATE posts SET places_filled = places_filled + 1, "
    "status = CASE WHEN status = 'open' AND places_filled + 1 >= places THEN 'filled' ELSE status END" VERSION_BUMP_SQL
    " WHERE id = ?1 AND places_filled < places RETURNING status");
static struct db_sql SQL_GIVE_PLACE = DB_SQL(
    "UPDATE posts SET places_filled = places_filled - 1, "
    "status = CASE WHEN status = 'filled' THEN 'open' ELSE status END" VERSION_BUMP_SQL
    " WHERE id = ?1 AND places_filled > 0 RETURNING status");
static struct db_sql SQL_STATUS_OF = DB_SQL("SELECT status FROM posts WHERE id = ?1");

/* ---- the area's own rules ------------------------------------------------- */

void posts_default_start(char out[11])
{
    char today[11];
    text_local_day(0, today);
    int year = atoi(today);
    snprintf(out, 11, "%04d-08-01", strcmp(today + 5, "08-01") <= 0 ? year : year + 1);
}

/* The values every post must have, for staff and the public form alike:
 * an occupation that exists and is still trained (when new or changed), a
 * start date not in the past (when new or changed), deadlines not in the
 * past (when new or changed), and not fewer places than are filled. */
static int check_values(struct req *r, json_t *in, const json_t *old)
{
    json_t *occ = json_object_get(in, "occupation_id");
    if (json_is_integer(occ) && !json_equal(occ, json_object_get(old, "occupation_id"))) {
        char name[OCCUPATION_NAME_MAX];
        bool active = false;
        int found = occupations_get(json_integer_value(occ), name, sizeof name, &active);
        if (found < 0)
            return req_fail(r, ERR_INTERNAL);
        if (found > 0)
            req_field_error(r, "occupation_id", "posts_no_occupation");
        else if (!active)
            req_field_error(r, "occupation_id", "posts_occupation_inactive");
    }
    char today[11];
    text_local_day(0, today);
    static const struct {
        const char *field, *problem;
    } days[] = { { "start_date", "posts_start_past" }, { "apply_until", "posts_date_past" },
                 { "expires_on", "posts_date_past" } };
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        json_t *v = json_object_get(in, days[i].field);
        const char *day = json_string_value(v);
        if (day && strcmp(day, today) < 0 && !json_equal(v, json_object_get(old, days[i].field)))
            req_field_error(r, days[i].field, days[i].problem);
    }
    json_t *places = json_object_get(in, "places");
    if (old && json_is_integer(places) &&
        json_integer_value(places) < json_integer_value(json_object_get(old, "places_filled")))
        req_field_error(r, "places", "posts_places_below_filled");
    if (json_is_null(json_object_get(in, "min_certificate")))
        json_object_set_new(in, "min_certificate", json_string("none"));
    return r->err == ERR_NONE ? 0 : -1;
}

/* Staff's posts: a new one is open unless made pending, of a company that
 * exists (and stays that company's), with one of its contact persons. */
static int post_check(struct req *r, json_t *in, const json_t *old)
{
    if (!old) {
        const char *status = json_string_value(json_object_get(in, "status"));
        if (!status)
            json_object_set_new(in, "status", json_string("open"));
        else if (strcmp(status, "pending") != 0 && strcmp(status, "open") != 0)
            req_field_error(r, "status", "posts_status_new");
        json_object_set_new(in, "offer_id", json_null());
    } else {
        json_object_set(in, "offer_id", json_object_get(old, "offer_id"));
        if (!json_equal(json_object_get(in, "company_id"), json_object_get(old, "company_id")))
            req_field_error(r, "company_id", "posts_company_fixed");
    }
    int64_t company = json_integer_value(json_object_get(in, "company_id"));
    char name[COMPANY_NAME_MAX];
    int found = companies_name(company, name, sizeof name);
    if (found < 0)
        return req_fail(r, ERR_INTERNAL);
    if (found > 0)
        req_field_error(r, "company_id", "posts_no_company");
    json_t *contact = json_object_get(in, "contact_id");
    if (found == 0 && json_is_integer(contact)) {
        sqlite3_stmt *st = db_stmt(&SQL_CONTACT_OF);
        int64_t n = 0;
        if (!st)
            return req_fail(r, ERR_INTERNAL);
        sqlite3_bind_int64(st, 1, json_integer_value(contact));
        sqlite3_bind_int64(st, 2, company);
        if (db_int64(st, &n) != 0)
            return req_fail(r, ERR_INTERNAL);
        if (n == 0)
            req_field_error(r, "contact_id", "posts_bad_contact");
    }
    if (check_values(r, in, old) != 0 && r->err == ERR_INTERNAL)
        return -1;
    return r->err == ERR_NONE ? 0 : -1;
}

/* The start year from the start date; the postal code the company's when
 * none is given; town and Stadt/Kreis from the postal code. */
static int post_derive(json_t *in, const json_t *old)
{
    (void)old;
    const char *start = json_string_value(json_object_get(in, "start_date"));
    json_object_set_new(in, "start_year", json_integer(start ? atoi(start) : 0));
    const char *plz = json_string_value(json_object_get(in, "postal_code"));
    if (!plz || !*plz) {
        sqlite3_stmt *st = db_stmt(&SQL_COMPANY_PLZ);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(in, "company_id")));
        enum db_step rc = db_step(st);
        json_object_set_new(in, "postal_code", json_string(rc == DB_ROW ? db_text(st, 0) : ""));
        sqlite3_reset(st);
        if (rc == DB_ERROR)
            return -1;
        plz = json_string_value(json_object_get(in, "postal_code"));
    }
    struct place place;
    int rc = places_find(plz, &place);
    if (rc < 0)
        return -1;
    json_object_set_new(in, "city", json_string(rc == 0 ? place.name : ""));
    json_object_set_new(in, "area", json_string(rc == 0 ? place.area : ""));
    return 0;
}

/* ---- the search index ---------------------------------------------------------- */

/* A post's search entry from the stored record: title, occupation (with
 * the search words), company, town, postal code and description. */
static int reindex(int64_t id)
{
    matchpool_touch_post(id);
    sqlite3_stmt *st = db_stmt(&SQL_FTS_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (db_run(st) != 0)
        return -1;
    json_t *p;
    int rc = entity_load(&POST, id, &p);
    if (rc != 0)
        return rc > 0 ? 0 : -1;
    struct buf text = { 0 };
    static const char *const fields[] = { "title", "occupation_name", "company_name", "city", "postal_code",
                                          "description" };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        occupations_index_text(&text, json_string_value(json_object_get(p, fields[i])));
    json_decref(p);
    rc = -1;
    if ((st = db_stmt(&SQL_FTS_INSERT))) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, text.data ? text.data : "", -1, SQLITE_STATIC);
        rc = db_run(st);
    }
    buf_free(&text);
    return rc;
}

/* Rewrites the entries of the posts the statement st (bound) names. */
static int reindex_ids(sqlite3_stmt *st, int *done)
{
    json_t *ids = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(ids, json_integer(sqlite3_column_int64(st, 0)));
    sqlite3_reset(st);
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id) {
        if (rc == DB_ERROR || reindex(json_integer_value(id)) != 0) {
            rc = DB_ERROR;
            break;
        }
        if (done)
            (*done)++;
    }
    json_decref(ids);
    return rc == DB_ERROR ? -1 : 0;
}

int posts_reindex_company(int64_t company_id)
{
    sqlite3_stmt *st = db_stmt(&SQL_COMPANY_POSTS);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, company_id);
    return reindex_ids(st, NULL);
}

/* The posts without a search entry get one (all of them when a migration
 * emptied the index); *arg counts them. */
static int fill_index_tx(void *arg)
{
    sqlite3_stmt *st = db_stmt(&SQL_UNINDEXED);
    return st ? reindex_ids(st, arg) : -1;
}

int posts_setup(void)
{
    int filled = 0;
    if (db_tx(fill_index_tx, &filled) != 0)
        return -1;
    if (filled)
        log_info("posts: %d search entries written", filled);
    return 0;
}

/* ---- the public offer form's posts ------------------------------------------ */

json_t *posts_validate_offered(struct req *r, json_t *fields)
{
    static const char *const offered[] = { "occupation_id", "title", "places", "start_date", "min_certificate",
                                           "description" };
    struct field_rule rules[sizeof offered / sizeof offered[0]];
    size_t n = 0;
    for (size_t i = 0; i < sizeof offered / sizeof offered[0]; i++)
        for (size_t k = 0; k < sizeof FIELDS / sizeof FIELDS[0]; k++)
            if (!strcmp(FIELDS[k].name, offered[i])) {
                rules[n] = FIELDS[k];
                /* a company may leave the title to the occupation: without
                 * one, the occupation's problem is the one to name */
                if (!strcmp(offered[i], "title"))
                    rules[n].required = false;
                n++;
            }
    /* the occupation's name is title enough */
    json_t *title = json_object_get(fields, "title");
    json_t *occ = json_object_get(fields, "occupation_id");
    json_t *given = json_deep_copy(fields);
    const char *typed = json_string_value(title);
    bool empty = !title || json_is_null(title) || (typed && strspn(typed, " \t\r\n") == strlen(typed));
    if (empty && occ) {
        char id_text[32];
        const char *s = json_string_value(occ);
        if (json_is_integer(occ))
            snprintf(id_text, sizeof id_text, "%lld", (long long)json_integer_value(occ)), s = id_text;
        char *end = NULL;
        long long id = s ? strtoll(s, &end, 10) : 0;
        char name[OCCUPATION_NAME_MAX];
        bool active;
        if (id > 0 && end && !*end && occupations_get(id, name, sizeof name, &active) == 0)
            json_object_set_new(given, "title", json_stringn(name, strnlen(name, 200 * 4)));
    }
    /* every field by its rule, and the domain's checks on those that
     * passed, so every problem is named at once */
    json_t *in = json_object();
    for (size_t k = 0; k < n; k++) {
        json_t *v = validate_value(r, &rules[k], json_object_get(given, rules[k].name));
        if (v)
            json_object_set_new(in, rules[k].name, v);
    }
    json_decref(given);
    enum err e = r->err;
    check_values(r, in, NULL);
    if (r->err == ERR_NONE && e == ERR_NONE)
        return in;
    if (r->err != ERR_INTERNAL)
        r->err = ERR_INVALID;
    json_decref(in);
    return NULL;
}

int posts_store(json_t *in, int64_t *id)
{
    *id = 0;
    return entity_store(&POST, in, NULL, id);
}

int posts_store_offered(json_t *in, int64_t company_id, int64_t contact_id, int64_t offer_id, int64_t *id)
{
    json_object_set_new(in, "company_id", json_integer(company_id));
    json_object_set_new(in, "contact_id", contact_id ? json_integer(contact_id) : json_null());
    json_object_set_new(in, "offer_id", json_integer(offer_id));
    json_object_set_new(in, "status", json_string("pending"));
    json_object_set_new(in, "postal_code", json_string(""));
    *id = 0;
    if (entity_store(&POST, in, NULL, id) != 0)
        return -1;
    json_t *names = entity_changed(&POST, NULL, in);
    int rc = audit_write_system("public offer form", "create", "post", *id, names);
    json_decref(names);
    return rc;
}

/* ---- pages ------------------------------------------------------------------ */

/* Labels of the record's enums and lists, dates for people, and the
 * record's links (company, contact's phone), for the post's page. */
static void add_labels(struct req *r, json_t *p)
{
    static const struct {
        const char *field;
        struct choices *choices;
    } enums[] = { { "status", &CHOICES_POST_STATUS }, { "min_certificate", &CHOICES_CERTIFICATE },
                  { "area", &CHOICES_AREA } };
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
        const char *v = json_string_value(json_object_get(p, enums[i].field));
        if (!v || !*v)
            continue;
        char key[64];
        snprintf(key, sizeof key, "%s_label", enums[i].field);
        json_object_set_new(p, key, json_string(entity_label(enums[i].choices, r->lang, v)));
    }
    json_t *labels = json_array();
    size_t k;
    json_t *b;
    json_array_foreach(json_object_get(p, "bodies"), k, b)
        json_array_append_new(labels, json_string(entity_label(&CHOICES_BODY, r->lang, json_string_value(b))));
    json_object_set_new(p, "bodies_labels", labels);
    static const char *const days[] = { "start_date", "apply_until", "expires_on", "opened_at", "created_at" };
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        const char *v = json_string_value(json_object_get(p, days[i]));
        if (!v)
            continue;
        char local[64], key[64];
        req_date(r, v, local, sizeof local);
        snprintf(key, sizeof key, "%s_local", days[i]);
        json_object_set_new(p, key, json_string(local));
    }
    char tel[64];
    const char *phone = json_string_value(json_object_get(p, "contact_phone"));
    if (phone && text_tel_number(phone, tel, sizeof tel))
        json_object_set_new(p, "contact_tel", json_pack("{s:s, s:s}", "tel", tel, "text", phone));
    /* the pay per training year that is given, as a list */
    json_t *pay = json_array();
    for (int y = 1; y <= 4; y++) {
        char key[16];
        snprintf(key, sizeof key, "pay_%d", y);
        json_t *v = json_object_get(p, key);
        if (json_is_integer(v))
            json_array_append_new(pay, json_pack("{s:i, s:I}", "year", y, "euros", (json_int_t)json_integer_value(v)));
    }
    json_object_set_new(p, "pay", pay);
    const char *until = json_string_value(json_object_get(p, "apply_until"));
    json_object_set_new(p, "show_apply_until", json_boolean(until != NULL));
    const char *text = json_string_value(json_object_get(p, "description"));
    json_object_set_new(p, "show_description", json_boolean(text && *text));
    json_t *offer = json_object_get(p, "offer_id");
    json_object_set_new(p, "offer", json_is_integer(offer) ? json_pack("{s:O}", "id", offer) : json_null());
}

/* The status moves a post may make from where it is. */
static bool may_move(const char *from, const char *to)
{
    static const struct {
        const char *from, *to;
    } moves[] = { { "pending", "open" }, { "pending", "closed" }, { "open", "filled" },
                  { "open", "closed" },  { "filled", "open" },    { "closed", "open" } };
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        if (from && to && !strcmp(moves[i].from, from) && !strcmp(moves[i].to, to))
            return true;
    return false;
}

/* The buttons of a post's page: one per move the rules allow from its
 * status, each with the status the page saw (a stale page gets a 409). */
static json_t *moves_of(struct req *r, const char *from)
{
    json_t *list = json_array();
    for (int i = 0; CHOICES_POST_STATUS.values[i]; i++) {
        const char *to = CHOICES_POST_STATUS.values[i];
        if (!may_move(from, to))
            continue;
        char key[64];
        if (!strcmp(to, "open"))
            snprintf(key, sizeof key, "%s", !strcmp(from, "pending") ? "posts_move_publish" : "posts_move_reopen");
        else
            snprintf(key, sizeof key, "posts_move_to_%s", to);
        json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "to", to, "from", from, "label", req_t(r, key)));
    }
    return list;
}

/* The company's contact persons as <option>s, selected the one chosen;
 * NULL on error. */
static json_t *contact_options(int64_t company_id, int64_t selected)
{
    sqlite3_stmt *st = db_stmt(&SQL_CONTACTS);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, company_id);
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

static int64_t int_of(const json_t *v)
{
    if (json_is_integer(v))
        return json_integer_value(v);
    const char *s = json_string_value(v);
    return s ? strtoll(s, NULL, 10) : 0;
}

/* The post form, new (post NULL) or for an edit, with values (stored or
 * typed), the occupation as typed (or its name), suggestions when what
 * was typed named none, the company's contact persons, and the version
 * the form is based on. Steals values. */
static int show_form(struct req *r, const json_t *post, json_t *values, json_t *suggestions)
{
    int64_t company = int_of(json_object_get(values, "company_id"));
    char name[COMPANY_NAME_MAX];
    int found = companies_name(company, name, sizeof name);
    json_t *contacts = found == 0 ? contact_options(company, int_of(json_object_get(values, "contact_id"))) : NULL;
    json_t *names = occupations_names();
    if (found != 0 || !contacts || !names) {
        json_decref(contacts);
        json_decref(names);
        json_decref(values);
        json_decref(suggestions);
        /* a refused save keeps its own answer (the problems named) */
        if (r->err != ERR_NONE && found > 0)
            return -1;
        return req_fail(r, found > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    }
    json_t *form = entity_form(r, &POST, values);
    const char *typed = json_string_value(json_object_get(values, "occupation"));
    const char *stored = json_string_value(json_object_get(values, "occupation_name"));
    json_object_set_new(form, "occupation", json_string(typed ? typed : stored ? stored : ""));
    json_object_set_new(form, "company_id", json_integer(company));
    json_t *model = json_pack("{s:o, s:o, s:o, s:{s:I, s:s}}", "form", form, "occupation_names", names, "contacts",
                              contacts, "company", "id", (json_int_t)company, "name", name);
    json_object_set_new(model, "suggestions", suggestions ? suggestions : json_array());
    if (post) {
        json_object_set_new(model, "post", json_pack("{s:O, s:O}", "id", json_object_get(post, "id"), "title",
                                                     json_object_get(post, "title")));
        json_object_set_new(model, "version", json_pack("{s:O}", "updated_at", json_object_get(post, "updated_at")));
        req_title(r, json_string_value(json_object_get(post, "title")));
    } else {
        json_object_set_new(model, "post", json_null());
        req_title(r, req_t(r, "posts_new_title"));
    }
    json_decref(values);
    enum err e = r->err;
    req_page(r, "posts/form.tpl", model);
    return e == ERR_NONE ? 0 : -1;
}

/* After the rules refused a form: the domain's problems too (occupation,
 * dates, company), for the fields whose values passed their rules, so a
 * person sees every problem at once rather than one after the other. */
static void more_problems(struct req *r, const json_t *old)
{
    json_t *clean = json_object();
    static const char *const names[] = { "occupation_id", "start_date", "apply_until", "expires_on", "company_id" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (json_object_get(r->err_fields, names[i]))
            continue;
        for (size_t k = 0; k < sizeof FIELDS / sizeof FIELDS[0]; k++) {
            if (strcmp(FIELDS[k].name, names[i]) != 0)
                continue;
            struct req probe = { .lang = r->lang };
            json_t *v = validate_value(&probe, &FIELDS[k], json_object_get(r->fields, names[i]));
            if (v && probe.err == ERR_NONE)
                json_object_set_new(clean, names[i], v);
            else
                json_decref(v);
            json_decref(probe.err_fields);
        }
    }
    json_t *company = json_object_get(clean, "company_id");
    if (!old && json_is_integer(company)) {
        char name[COMPANY_NAME_MAX];
        if (companies_name(json_integer_value(company), name, sizeof name) == 1)
            req_field_error(r, "company_id", "posts_no_company");
    }
    enum err e = r->err;
    check_values(r, clean, old);
    if (r->err != ERR_INTERNAL)
        r->err = e;
    json_decref(clean);
}

/* occupation_id from what was typed in the occupation field, when no id
 * was chosen: 0 with r->fields completed; 1 when it names none (the
 * problem set, *suggestions the nearest), -1 on error. */
static int resolve_occupation(struct req *r, json_t **suggestions)
{
    *suggestions = NULL;
    json_t *id = json_object_get(r->fields, "occupation_id");
    if (id && !json_is_null(id) && !(json_is_string(id) && !*json_string_value(id)))
        return 0;
    const char *typed = req_field(r, "occupation");
    if (!typed)
        return 0; /* the rule says it is missing */
    int64_t found;
    int rc = occupations_resolve(typed, &found, suggestions);
    if (rc < 0)
        return req_fail(r, ERR_INTERNAL);
    if (rc == 0) {
        json_object_set_new(r->fields, "occupation_id", json_integer(found));
        /* a new post without a title is named after its occupation */
        const char *title = req_field(r, "title");
        char name[OCCUPATION_NAME_MAX];
        bool active;
        if (!r->id && (!title || !*title) && occupations_get(found, name, sizeof name, &active) == 0)
            json_object_set_new(r->fields, "title", json_stringn(name, strnlen(name, 200 * 4)));
        return 0;
    }
    req_field_error(r, "occupation_id", *typed ? "posts_occupation_unknown" : "field_required");
    return 1;
}

int posts_new_form(struct req *r)
{
    const char *company = req_query(r, "company_id");
    char *end = NULL;
    long long id = company ? strtoll(company, &end, 10) : 0;
    if (id <= 0 || !end || *end)
        return req_redirect(r, "/companies?done=post_choose_company", NULL);
    char start[11];
    posts_default_start(start);
    json_t *values = json_pack("{s:I, s:s, s:i, s:s, s:s}", "company_id", (json_int_t)id, "start_date", start,
                               "places", 1, "min_certificate", "none", "status", "open");
    return show_form(r, NULL, values, NULL);
}

int posts_create(struct req *r)
{
    json_t *suggestions = NULL, *post;
    int resolved = resolve_occupation(r, &suggestions);
    if (resolved < 0)
        return -1;
    if (resolved > 0 || entity_create(r, &POST, &post) != 0) {
        if (r->err == ERR_INVALID) {
            /* the rest of the form checked too, so every problem shows at once */
            json_t *in = NULL;
            if (resolved > 0 && validate_fields(r, FIELDS, sizeof FIELDS / sizeof FIELDS[0], &in) == 0 &&
                check_values(r, in, NULL) != 0 && r->err == ERR_INTERNAL) {
                json_decref(in);
                json_decref(suggestions);
                return -1;
            }
            json_decref(in);
            r->err = ERR_INVALID;
            more_problems(r, NULL);
            if (r->want_json) {
                json_decref(suggestions);
                return -1;
            }
            show_form(r, NULL, json_deep_copy(r->fields), suggestions);
            return -1;
        }
        json_decref(suggestions);
        return -1;
    }
    json_decref(suggestions);
    char loc[64];
    snprintf(loc, sizeof loc, "/posts/%lld%s", (long long)json_integer_value(json_object_get(post, "id")),
             r->want_json ? "" : "?done=post_created");
    return req_created(r, loc, post);
}

int posts_show(struct req *r)
{
    json_t *p;
    if (entity_open(r, &POST, ACT_READ, &p) != 0)
        return -1;
    if (r->want_json)
        return req_page(r, NULL, p);
    add_labels(r, p);
    const char *status = json_string_value(json_object_get(p, "status"));
    json_object_set_new(p, "moves", moves_of(r, status));
    bool public = status && !strcmp(status, "open") && !json_is_true(json_object_get(p, "expired"));
    json_object_set_new(p, "public", json_boolean(public));
    json_t *placements = placements_of(r, "post", r->id);
    json_object_set_new(p, "placement_list", json_pack("{s:o}", "items", placements ? placements : json_array()));
    req_title(r, json_string_value(json_object_get(p, "title")));
    return req_page(r, "posts/show.tpl", p);
}

int posts_edit_form(struct req *r)
{
    json_t *p;
    if (entity_open(r, &POST, ACT_WRITE, &p) != 0)
        return -1;
    int rc = show_form(r, p, json_incref(p), NULL);
    json_decref(p);
    return rc;
}

int posts_update(struct req *r)
{
    json_t *suggestions = NULL, *post, *current = NULL;
    int resolved = resolve_occupation(r, &suggestions);
    if (resolved < 0)
        return -1;
    if (resolved == 0 && entity_update(r, &POST, &post, &current) == 0) {
        json_decref(suggestions);
        char loc[64];
        snprintf(loc, sizeof loc, "/posts/%lld?done=post_saved", (long long)r->id);
        return req_redirect(r, loc, post);
    }
    if (resolved > 0) {
        /* the occupation named none: the form again with the record */
        enum err e = r->err;
        json_t *fields = r->err_fields;
        r->err_fields = NULL;
        r->err = ERR_NONE;
        int rc = entity_open(r, &POST, ACT_WRITE, &current);
        json_decref(r->err_fields);
        r->err_fields = fields;
        if (rc != 0) {
            json_decref(suggestions);
            return -1;
        }
        r->err = e;
    }
    if (current && r->err == ERR_INVALID)
        more_problems(r, current);
    if (current && r->want_json) {
        if (r->err == ERR_CONFLICT)
            r->err_extra = json_pack("{s:O}", "current", current);
        json_decref(suggestions);
        json_decref(current);
        return -1;
    }
    if (current && (r->err == ERR_INVALID || r->err == ERR_CONFLICT)) {
        json_t *values = json_deep_copy(current);
        json_object_update(values, r->fields);
        if (r->err == ERR_CONFLICT) {
            r->err_detail = strdup(req_t(r, "edit_conflict"));
            r->err_extra = json_pack("{s:O}", "current", current);
        }
        show_form(r, current, values, suggestions);
        json_decref(current);
        return -1;
    }
    json_decref(suggestions);
    json_decref(current);
    return -1;
}

int posts_set_status(struct req *r)
{
    static const struct field_rule RULES[] = {
        { .name = "status", .type = V_ENUM, .required = true, .choices = &CHOICES_POST_STATUS },
        { .name = "from", .type = V_ENUM, .choices = &CHOICES_POST_STATUS },
    };
    json_t *in;
    if (validate_fields(r, RULES, 2, &in) != 0)
        return -1;
    json_t *p;
    if (entity_open(r, &POST, ACT_WRITE, &p) != 0) {
        json_decref(in);
        return -1;
    }
    char from[16], to[16];
    const char *seen = json_string_value(json_object_get(in, "from"));
    snprintf(from, sizeof from, "%s", seen ? seen : json_string_value(json_object_get(p, "status")));
    snprintf(to, sizeof to, "%s", json_string_value(json_object_get(in, "status")));
    json_decref(in);
    json_decref(p);
    if (!may_move(from, to)) {
        req_field_error(r, "status", "posts_status_move");
        return -1;
    }
    if (entity_set_state(r, &POST, "status", from, to) != 0) {
        if (r->err == ERR_CONFLICT && !r->err_detail)
            r->err_detail = strdup(req_t(r, "posts_status_moved_meanwhile"));
        return -1;
    }
    matchpool_touch_post(r->id);
    char loc[80];
    snprintf(loc, sizeof loc, "/posts/%lld?done=post_%s", (long long)r->id, to);
    return req_redirect(r, loc, json_pack("{s:I, s:s}", "id", (json_int_t)r->id, "status", to));
}

/* Runs the place statement st on post_id and audits what changed: 0, 1
 * when it did not apply, -1 on error. */
static int move_place(struct req *r, struct db_sql *sql, int64_t post_id)
{
    sqlite3_stmt *st = db_stmt(&SQL_STATUS_OF);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, post_id);
    char was[16] = "";
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        snprintf(was, sizeof was, "%s", db_text(st, 0));
    sqlite3_reset(st);
    if (rc != DB_ROW)
        return rc == DB_DONE ? 1 : -1;
    if (!(st = db_stmt(sql)))
        return -1;
    sqlite3_bind_int64(st, 1, post_id);
    char now[16] = "";
    rc = db_step(st);
    if (rc == DB_ROW)
        snprintf(now, sizeof now, "%s", db_text(st, 0));
    sqlite3_reset(st);
    if (rc != DB_ROW)
        return rc == DB_DONE ? 1 : -1;
    matchpool_touch_post(post_id);
    json_t *names = strcmp(was, now) ? json_pack("[s,s]", "places_filled", "status") : json_pack("[s]", "places_filled");
    int done = audit_write(r, "update", "post", post_id, names);
    json_decref(names);
    return done;
}

int posts_take_place(struct req *r, int64_t post_id) { return move_place(r, &SQL_TAKE_PLACE, post_id); }
int posts_give_place(struct req *r, int64_t post_id) { return move_place(r, &SQL_GIVE_PLACE, post_id); }

json_t *posts_of_company(struct req *r, int64_t company_id)
{
    sqlite3_stmt *st = db_stmt(&SQL_OF_COMPANY);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, company_id);
    json_t *list = entity_load_ids(&POST, st, 100);
    size_t i;
    json_t *p;
    if (list && !r->want_json)
        json_array_foreach(list, i, p) add_labels(r, p);
    return list;
}

/* The occupations posts name, as filter <option>s; NULL on error. */
static json_t *used_occupations(int64_t selected)
{
    sqlite3_stmt *st = db_stmt(&SQL_USED_OCCUPATIONS);
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

int posts_list(struct req *r)
{
    struct entity_query q;
    json_t *model;
    int rc = entity_query_read(r, &POST, &q) == 0 ? entity_list(r, &q, &model) : -1;
    if (rc == 0 && !r->want_json) {
        int64_t occupation = 0, company = 0;
        for (int i = 0; i < q.nfilters; i++) {
            if (!strcmp(q.filters[i].field->name, "occupation_id"))
                occupation = json_integer_value(q.filters[i].value);
            if (!strcmp(q.filters[i].field->name, "company_id"))
                company = json_integer_value(q.filters[i].value);
        }
        json_t *options = used_occupations(occupation);
        char name[COMPANY_NAME_MAX];
        int found = company ? companies_name(company, name, sizeof name) : 1;
        if (!options || found < 0) {
            json_decref(options);
            json_decref(model);
            entity_query_free(&q);
            return req_fail(r, ERR_INTERNAL);
        }
        json_t *filter = json_object_get(model, "filter");
        json_object_set_new(filter, "occupations", options);
        if (found == 0) {
            char *without = list_href(r, "company_id", ""); /* an empty filter is none */
            json_object_set_new(filter, "company", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)company, "name",
                                                             name, "without", without ? without : "/posts"));
            free(without);
        }
        /* the export for those who may take it (caseworkers, admins) */
        entity_export_link(r, model, "/posts/export.csv", auth_may_write(r));
        req_title(r, req_t(r, "posts_title"));
    }
    entity_query_free(&q);
    return rc == 0 ? req_page(r, "posts/list.tpl", model) : -1;
}

int posts_export(struct req *r)
{
    struct entity_query q;
    int rc = entity_query_read(r, &POST, &q) == 0 ? entity_export_csv(r, &q, "ausbildungsplaetze.csv") : -1;
    entity_query_free(&q);
    return rc;
}
