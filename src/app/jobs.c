#include "app/jobs.h"

#include "app/choices.h"
#include "app/places.h"
#include "core/buf.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/list.h"
#include "core/publiclink.h"
#include "core/respond.h"
#include "core/text.h"
#include "core/tmpl.h"
#include "core/validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What the public may see: open, and neither the listing's nor the
 * application's time over (days in the configured zone). */
#define PUBLIC                                                                                                     \
    "t.status = 'open' AND (t.expires_on IS NULL OR t.expires_on >= date('now', 'localtime')) AND "               \
    "(t.apply_until IS NULL OR t.apply_until >= date('now', 'localtime'))"

/* ---- the declaration ------------------------------------------------------
 * A post as the public sees it: the same table, declared once more with
 * only what a company published. Nothing here is written. */
static const struct field_rule FIELDS[] = {
    { .name = "title", .type = V_TEXT, .flags = F_READONLY | F_LIST },
    { .name = "occupation_id", .type = V_ID, .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "occupation_name", .type = V_TEXT, .expr = "o.name", .flags = F_READONLY | F_LIST },
    { .name = "duration_months", .type = V_INT, .expr = "o.duration_months", .flags = F_READONLY },
    { .name = "bodies", .type = V_TAGS, .choices = &CHOICES_BODY, .expr = "o.bodies", .flags = F_READONLY | F_LIST },
    { .name = "body", .type = V_ENUM, .choices = &CHOICES_BODY, .flags = F_READONLY | F_HIDDEN | F_FILTER,
      .filter = "t.occupation_id IN (SELECT id FROM occupations WHERE instr(',' || bodies || ',', ',' || ? || ',') > 0)" },
    { .name = "company_name", .type = V_TEXT, .expr = "c.name", .flags = F_READONLY | F_LIST },
    { .name = "places", .type = V_INT, .flags = F_READONLY },
    { .name = "free_places", .type = V_INT, .expr = "t.places - t.places_filled", .flags = F_READONLY | F_LIST },
    { .name = "start_date", .type = V_DATE, .flags = F_READONLY | F_LIST },
    { .name = "start_year", .type = V_INT, .min = 2000, .max = 2200, .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "min_certificate", .type = V_ENUM, .choices = &CHOICES_CERTIFICATE,
      .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "languages", .type = V_LANGS, .max = 20, .link = "post_languages", .param = "language",
      .flags = F_READONLY | F_FILTER },
    { .name = "postal_code", .type = V_TEXT, .flags = F_READONLY | F_LIST },
    { .name = "city", .type = V_TEXT, .max = 100, .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "area", .type = V_ENUM, .choices = &CHOICES_AREA, .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "description", .type = V_TEXT, .flags = F_READONLY },
    { .name = "part_time", .type = V_BOOL, .flags = F_READONLY | F_LIST },
    { .name = "internship", .type = V_BOOL, .flags = F_READONLY },
    { .name = "pay_1", .type = V_INT, .flags = F_READONLY },
    { .name = "pay_2", .type = V_INT, .flags = F_READONLY },
    { .name = "pay_3", .type = V_INT, .flags = F_READONLY },
    { .name = "pay_4", .type = V_INT, .flags = F_READONLY },
    { .name = "apply_until", .type = V_DATE, .flags = F_READONLY },
    { .name = "expires_on", .type = V_DATE, .flags = F_READONLY },
    { .name = "opened_at", .type = V_TEXT, .flags = F_READONLY | F_TIME | F_LIST },
    { .name = "updated_at", .type = V_TEXT, .flags = F_READONLY },
    { .name = "public", .type = V_BOOL, .expr = PUBLIC, .flags = F_READONLY },
};

static const struct entity_sort SORTS[] = {
    { .key = "newest", .order = "t.opened_at DESC, t.id DESC", .indexed = true, .reverse = "t.opened_at, t.id",
      .descending = true },
    { .key = "start", .order = "t.start_date, t.id", .indexed = true, .reverse = "t.start_date DESC, t.id DESC" },
};

static int job_may(struct req *r, const json_t *rec, enum entity_action action);

/* Anyone reads; a post that is not public is not there (404). */
struct entity JOB = {
    .type = "job",
    .table = "posts",
    .joins = "LEFT JOIN companies c ON c.id = t.company_id LEFT JOIN occupations o ON o.id = t.occupation_id",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = SORTS,
    .nsorts = sizeof SORTS / sizeof SORTS[0],
    .fts = "posts_fts",
    .may = job_may,
};

static struct db_sql SQL_ORIGIN = DB_SQL("SELECT avg(lat), avg(lon) FROM places WHERE plz = ?1");
static struct db_sql SQL_CENTRES = DB_SQL("SELECT plz, avg(lat), avg(lon) FROM places GROUP BY plz");
/* the occupations with a public post: one step into posts_occupation
 * (occupation_id, status) each, never a walk over all posts */
static struct db_sql SQL_OCCUPATIONS = DB_SQL(
    "SELECT o.id, o.name FROM occupations o WHERE EXISTS (SELECT 1 FROM posts t WHERE t.occupation_id = o.id AND "
    PUBLIC ") ORDER BY o.name");
/* the start years offered: this one and the next three */
static struct db_sql SQL_YEARS = DB_SQL(
    "WITH RECURSIVE y(n) AS (SELECT CAST(strftime('%Y', 'now', 'localtime') AS INTEGER) UNION ALL "
    "SELECT n + 1 FROM y WHERE n < CAST(strftime('%Y', 'now', 'localtime') AS INTEGER) + 3) SELECT n FROM y");
static struct db_sql SQL_NEWEST = DB_SQL(
    "SELECT t.id FROM posts t WHERE " PUBLIC " ORDER BY t.opened_at DESC, t.id DESC LIMIT 50");

static const struct config *cfg;

void jobs_configure(const struct config *c) { cfg = c; }

/* The public reads only: a post that is not public is not there (404,
 * never 403: whether it exists is nobody's business). */
static int job_may(struct req *r, const json_t *rec, enum entity_action action)
{
    if (action != ACT_READ)
        return req_fail(r, ERR_FORBIDDEN);
    if (rec && !json_is_true(json_object_get(rec, "public")))
        return req_fail(r, ERR_NOT_FOUND);
    return 0;
}

/* A string member, or "" (borrowed). */
static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* ---- the service point and the site's address ------------------------------- */

/* The first of the settings that is set, else "". */
static const char *setting(const char *a, const char *b) { return a && *a ? a : b ? b : ""; }

/* How to apply: the service point's contact ([public] apply_*, else the
 * operator of [legal]); only what is set, with tel: and mailto: links. */
static json_t *apply_contact(struct req *r)
{
    const char *name = cfg ? setting(cfg->apply_name, cfg->operator_name) : "";
    json_t *a = json_pack("{s:s}", "name", *name ? name : req_t(r, "jobs_apply_default_name"));
    if (!cfg)
        return a;
    const char *phone = setting(cfg->apply_phone, cfg->operator_phone);
    char tel[64];
    if (*phone)
        json_object_set_new(a, "phone", text_tel_number(phone, tel, sizeof tel)
                                            ? json_pack("{s:s, s:s}", "text", phone, "tel", tel)
                                            : json_pack("{s:s}", "text", phone));
    const char *email = setting(cfg->apply_email, cfg->operator_email);
    if (*email)
        json_object_set_new(a, "email", json_pack("{s:s}", "address", email));
    const char *address = setting(cfg->apply_address, cfg->operator_address);
    if (*address)
        json_object_set_new(a, "address", json_pack("{s:s}", "text", address));
    if (cfg->apply_hours[0])
        json_object_set_new(a, "hours", json_pack("{s:s}", "text", cfg->apply_hours));
    return a;
}

/* The site as the public reaches it (publiclink.h). */
static void base_url(struct req *r, char *out, size_t n) { publiclink_base(r, out, n); }

/* ---- distance ---------------------------------------------------------------- */

/* Kilometres between two points on the earth (haversine). */
static double km_between(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * 6371.0 * asin(sqrt(h));
}

/* The postal codes whose centre lies within km of plz's, as a JSON array
 * text (caller frees): 0; 1 when plz is not a code of the region; -1 on
 * error. */
static int codes_near(const char *plz, long km, char **out)
{
    *out = NULL;
    sqlite3_stmt *st = db_stmt(&SQL_ORIGIN);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, plz, -1, SQLITE_STATIC);
    enum db_step rc = db_step(st);
    bool known = rc == DB_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
    double lat = known ? sqlite3_column_double(st, 0) : 0, lon = known ? sqlite3_column_double(st, 1) : 0;
    sqlite3_reset(st);
    if (rc == DB_ERROR)
        return -1;
    if (!known)
        return 1;
    if (!(st = db_stmt(&SQL_CENTRES)))
        return -1;
    struct buf b = { 0 };
    buf_puts(&b, "[");
    while ((rc = db_step(st)) == DB_ROW)
        if (km_between(lat, lon, sqlite3_column_double(st, 1), sqlite3_column_double(st, 2)) <= (double)km)
            buf_printf(&b, "%s\"%s\"", b.len > 1 ? "," : "", db_text(st, 0));
    sqlite3_reset(st);
    buf_puts(&b, "]");
    if (rc == DB_ERROR) {
        buf_free(&b);
        return -1;
    }
    *out = buf_steal(&b);
    return 0;
}

/* ---- pages ----------------------------------------------------------------------- */

/* Options of a select with the id chosen. NULL on error. */
static json_t *options(struct db_sql *sql, int64_t chosen, bool named)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return NULL;
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t v = sqlite3_column_int64(st, 0);
        char num[24];
        snprintf(num, sizeof num, "%lld", (long long)v);
        json_array_append_new(list, json_pack("{s:I, s:s, s:b}", "value", (json_int_t)v, "label",
                                              named ? db_text(st, 1) : num, "selected", v == chosen));
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

int jobs_list(struct req *r)
{
    static const struct field_rule NEAR[] = {
        { .name = "plz", .type = V_TEXT, .check = places_check_plz },
        { .name = "km", .type = V_INT, .min = 1, .max = 100 },
    };
    struct entity_query q;
    json_t *model = NULL, *near = NULL, *in = NULL;
    /* the distance from a postal code: the codes around it, as one list */
    json_t *sent = r->fields;
    r->fields = json_pack("{s:s?, s:s?}", "plz", req_query(r, "plz"), "km", req_query(r, "km"));
    int bad = validate_fields(r, NEAR, 2, &in);
    json_decref(r->fields);
    r->fields = sent;
    int rc = entity_query_read(r, &JOB, &q);
    char plz_buf[8] = "";
    const char *plz = NULL;
    if (json_is_string(json_object_get(in, "plz"))) {
        snprintf(plz_buf, sizeof plz_buf, "%s", json_string_value(json_object_get(in, "plz")));
        plz = plz_buf;
    }
    long km = json_is_integer(json_object_get(in, "km")) ? (long)json_integer_value(json_object_get(in, "km")) : 10;
    if (bad == 0 && plz) {
        char *codes = NULL;
        int found = codes_near(plz, km, &codes);
        if (found < 0) {
            entity_query_free(&q);
            json_decref(in);
            return req_fail(r, ERR_INTERNAL);
        }
        if (found > 0)
            req_field_error(r, "plz", "jobs_unknown_plz");
        else
            entity_query_where(&q, "t.postal_code IN (SELECT value FROM json_each(?))", 0, codes);
        free(codes);
        near = json_pack("{s:s, s:i}", "plz", plz, "km", (int)km);
    }
    entity_query_where(&q, PUBLIC, 0, NULL);
    if (rc == 0 && bad == 0 && r->err == ERR_NONE)
        rc = entity_list(r, &q, &model);
    else
        rc = -1;
    int64_t occupation = 0, year = 0;
    for (int i = 0; i < q.nfilters; i++) {
        if (!strcmp(q.filters[i].field->name, "occupation_id"))
            occupation = json_integer_value(q.filters[i].value);
        if (!strcmp(q.filters[i].field->name, "start_year"))
            year = json_integer_value(q.filters[i].value);
    }
    entity_query_free(&q);
    json_decref(in);
    if (rc != 0) {
        json_decref(near);
        return -1;
    }
    if (near)
        json_object_set_new(model, "near", near);
    if (!r->want_json) {
        json_t *occupations = options(&SQL_OCCUPATIONS, occupation, true), *years = options(&SQL_YEARS, year, false);
        if (!occupations || !years) {
            json_decref(occupations);
            json_decref(years);
            json_decref(model);
            return req_fail(r, ERR_INTERNAL);
        }
        json_t *filter = json_object_get(model, "filter");
        json_object_set_new(filter, "occupations", occupations);
        json_object_set_new(filter, "years", years);
        json_object_set_new(filter, "plz", json_string(plz ? plz : (req_query(r, "plz") ? req_query(r, "plz") : "")));
        json_t *kms = json_array();
        static const int choices[] = { 5, 10, 20, 50 };
        for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
            json_array_append_new(kms, json_pack("{s:i, s:b}", "value", choices[i], "selected", choices[i] == km));
        json_object_set_new(filter, "km_options", kms);
        req_title(r, req_t(r, "jobs_title"));
    }
    return req_page(r, "jobs/list.tpl", model);
}

/* The labels, dates and links of a job for people and for its schema.org
 * data (the values a search engine reads: ISO dates, the page's address,
 * a description even when the company wrote none). */
static void job_page_model(struct req *r, json_t *j)
{
    const char *cert = str(j, "min_certificate");
    json_object_set_new(j, "min_certificate_label", json_string(entity_label(&CHOICES_CERTIFICATE, r->lang, cert)));
    json_object_set_new(j, "needs_certificate", json_boolean(*cert && strcmp(cert, "none") != 0));
    json_object_set_new(j, "area_label", json_string(entity_label(&CHOICES_AREA, r->lang, str(j, "area"))));
    json_t *labels = json_array();
    size_t k;
    json_t *b;
    json_array_foreach(json_object_get(j, "bodies"), k, b)
        json_array_append_new(labels, json_string(entity_label(&CHOICES_BODY, r->lang, json_string_value(b))));
    json_object_set_new(j, "bodies_labels", labels);
    char day[64];
    static const char *const days[] = { "start_date", "apply_until", "expires_on", "opened_at" };
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        const char *v = json_string_value(json_object_get(j, days[i]));
        char key[48];
        snprintf(key, sizeof key, "show_%s", days[i]);
        json_object_set_new(j, key, json_boolean(v != NULL));
        if (!v)
            continue;
        req_date(r, v, day, sizeof day);
        snprintf(key, sizeof key, "%s_local", days[i]);
        json_object_set_new(j, key, json_string(day));
    }
    json_t *pay = json_array();
    for (int y = 1; y <= 4; y++) {
        char key[16];
        snprintf(key, sizeof key, "pay_%d", y);
        json_t *v = json_object_get(j, key);
        if (json_is_integer(v))
            json_array_append_new(pay, json_pack("{s:i, s:I}", "year", y, "euros", (json_int_t)json_integer_value(v)));
    }
    json_object_set_new(j, "pay", pay);
    const char *text = str(j, "description");
    json_object_set_new(j, "show_description", json_boolean(*text));
    /* schema.org JobPosting */
    char base[256], url[320], ld[1200];
    base_url(r, base, sizeof base);
    snprintf(url, sizeof url, "%s/jobs/%lld", base, (long long)json_integer_value(json_object_get(j, "id")));
    json_object_set_new(j, "url", json_string(url));
    if (*text)
        snprintf(ld, sizeof ld, "%s", text);
    else
        snprintf(ld, sizeof ld, "%s: %s, %s %s. %s %s.", str(j, "occupation_name"), str(j, "company_name"),
                 str(j, "postal_code"), str(j, "city"), req_t(r, "field_start_date"), json_string_value(
                     json_object_get(j, "start_date_local")) ? json_string_value(json_object_get(j, "start_date_local"))
                                                             : "");
    json_object_set_new(j, "ld_description", json_string(ld));
    char posted[11] = "";
    snprintf(posted, sizeof posted, "%s", str(j, "opened_at"));
    json_object_set_new(j, "date_posted", json_string(posted));
    /* valid through the earlier of the listing's and the application's end */
    const char *until = json_string_value(json_object_get(j, "apply_until"));
    const char *ends = json_string_value(json_object_get(j, "expires_on"));
    const char *valid = until && (!ends || strcmp(until, ends) < 0) ? until : ends;
    json_object_set_new(j, "valid_through", valid ? json_pack("{s:s}", "date", valid) : json_null());
    json_t *first = json_array_get(pay, 0);
    json_object_set_new(j, "salary", first && json_integer_value(json_object_get(first, "year")) == 1
                                         ? json_pack("{s:O}", "euros", json_object_get(first, "euros"))
                                         : json_null());
}

int jobs_show(struct req *r)
{
    json_t *j;
    if (entity_open(r, &JOB, ACT_READ, &j) != 0)
        return -1;
    json_object_set_new(j, "apply", apply_contact(r));
    if (!r->want_json) {
        job_page_model(r, j);
        req_title(r, str(j, "title"));
    }
    return req_page(r, "jobs/show.tpl", j);
}

int jobs_feed(struct req *r)
{
    sqlite3_stmt *st = db_stmt(&SQL_NEWEST);
    if (!st)
        return req_fail(r, ERR_INTERNAL);
    json_t *jobs = entity_load_ids(&JOB, st, 50);
    if (!jobs)
        return req_fail(r, ERR_INTERNAL);
    char base[256];
    base_url(r, base, sizeof base);
    json_t *entries = json_array();
    const char *updated = NULL;
    size_t i;
    json_t *j;
    json_array_foreach(jobs, i, j) {
        char url[320], day[64], summary[1200];
        snprintf(url, sizeof url, "%s/jobs/%lld", base, (long long)json_integer_value(json_object_get(j, "id")));
        req_date(r, str(j, "start_date"), day, sizeof day);
        snprintf(summary, sizeof summary, "%s · %s · %s %s · %s %s", str(j, "occupation_name"), str(j, "company_name"),
                 str(j, "postal_code"), str(j, "city"), req_t(r, "field_start_date"), day);
        json_array_append_new(entries, json_pack("{s:s, s:s, s:s, s:s, s:s}", "url", url, "title", str(j, "title"),
                                                 "published", str(j, "opened_at"), "updated", str(j, "updated_at"),
                                                 "summary", summary));
        if (!updated || strcmp(str(j, "updated_at"), updated) > 0)
            updated = json_string_value(json_object_get(json_array_get(entries, json_array_size(entries) - 1),
                                                        "updated"));
    }
    json_decref(jobs);
    char self[320], alternate[320], now[32];
    snprintf(self, sizeof self, "%s/jobs.atom", base);
    snprintf(alternate, sizeof alternate, "%s/jobs", base);
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *author = apply_contact(r);
    json_t *model = json_pack("{s:s, s:s, s:s, s:s, s:s, s:O, s:o}", "lang", r->lang ? r->lang : "de", "feed_id", self,
                              "self", self, "alternate", alternate, "updated", updated ? updated : now, "author",
                              json_object_get(author, "name"), "entries", entries);
    json_decref(author);
    char *xml = NULL;
    size_t len = 0;
    int done = tmpl_render_bare("jobs/feed.tpl", model, i18n_catalog(r->lang), &xml, &len);
    json_decref(model);
    if (done != 0)
        return req_fail(r, ERR_INTERNAL);
    return req_bytes(r, "application/atom+xml; charset=utf-8", xml, len);
}
