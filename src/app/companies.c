#include "app/companies.h"

#include "app/users.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/fold.h"
#include "core/list.h"
#include "core/log.h"
#include "core/text.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const CHAMBERS[] = { "ihk", "hwk", "other", "none", NULL };
static const char *const BACKGROUNDS[] = { "yes", "no", "unknown", NULL };
static const char *const STATUSES[] = { "none", "interested", "in_progress", "authorised", "training", NULL };
static const char *const APTITUDES[] = { "yes", "no", "planned", NULL };
static const char *const AUTHORISATIONS[] = { "yes", "no", "applied", NULL };
static const char *const AREAS[] = { "stadt", "kreis", "region", NULL };

/* The record's fields, in the order of the form and of the CSV export. */
static const struct field_rule RULES[] = {
    { .name = "name", .type = V_TEXT, .required = true, .min = 1, .max = 200 },
    { .name = "street", .type = V_TEXT, .max = 200 },
    { .name = "postal_code", .type = V_PLZ },
    { .name = "city", .type = V_TEXT, .max = 100 },
    { .name = "phone", .type = V_PHONE },
    { .name = "email", .type = V_EMAIL },
    { .name = "website", .type = V_URL },
    { .name = "industry", .type = V_TEXT, .max = 100 },
    { .name = "chamber", .type = V_ENUM, .choices = CHAMBERS },
    { .name = "owner_migration_background", .type = V_ENUM, .choices = BACKGROUNDS },
    { .name = "languages", .type = V_LANGS, .max = 20 },
    { .name = "training_status", .type = V_ENUM, .choices = STATUSES },
    { .name = "trainer_aptitude", .type = V_ENUM, .choices = APTITUDES },
    { .name = "training_authorisation", .type = V_ENUM, .choices = AUTHORISATIONS },
    { .name = "employees", .type = V_INT, .min = 0, .max = 1000000 },
    { .name = "tags", .type = V_TAGS, .max = 20 },
    { .name = "notes", .type = V_TEXT, .max = 10000 },
    { .name = "caseworker_id", .type = V_ID },
};
#define NRULES (sizeof RULES / sizeof RULES[0])

#define COMPANY_COLS                                                                                              \
    "c.id, c.name, c.street, c.postal_code, c.city, c.phone, c.email, c.website, c.industry, c.chamber, "        \
    "c.owner_migration_background, c.languages, c.training_status, c.trainer_aptitude, "                         \
    "c.training_authorisation, c.employees, c.tags, c.notes, c.caseworker_id, u.name, c.created_at, "           \
    "c.updated_at, c.area "
#define COMPANY_FROM "FROM companies c LEFT JOIN users u ON u.id = c.caseworker_id "

static const char SQL_GET[] = "SELECT " COMPANY_COLS COMPANY_FROM "WHERE c.id = ?1";

/* Sort orders offered on the list; the key is the ?sort= value. */
static const struct sort {
    const char *key;
    const char *order;
} SORTS[] = {
    { "name", "c.name COLLATE NOCASE, c.id" },
    { "updated", "c.updated_at DESC, c.id DESC" },
    { "created", "c.id DESC" },
    { "postal_code", "c.postal_code, c.name COLLATE NOCASE, c.id" },
    { "status", "CASE c.training_status WHEN 'training' THEN 0 WHEN 'authorised' THEN 1 WHEN 'in_progress' "
                "THEN 2 WHEN 'interested' THEN 3 ELSE 4 END, c.name COLLATE NOCASE, c.id" },
};

static const char SQL_INSERT[] =
    "INSERT INTO companies (name, street, postal_code, city, phone, email, website, industry, chamber, "
    "owner_migration_background, languages, training_status, trainer_aptitude, training_authorisation, employees, "
    "tags, notes, caseworker_id, area) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
    "?16, ?17, ?18, ?19)";
static const char SQL_UPDATE[] =
    "UPDATE companies SET name = ?1, street = ?2, postal_code = ?3, city = ?4, phone = ?5, email = ?6, website = ?7, "
    "industry = ?8, chamber = ?9, owner_migration_background = ?10, languages = ?11, training_status = ?12, "
    "trainer_aptitude = ?13, training_authorisation = ?14, employees = ?15, tags = ?16, notes = ?17, "
    "caseworker_id = ?18, area = ?19, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?20";
static const char SQL_DELETE[] = "DELETE FROM companies WHERE id = ?1";
static const char SQL_FTS_DELETE[] = "DELETE FROM companies_fts WHERE rowid = ?1";
static const char SQL_FTS_INSERT[] = "INSERT INTO companies_fts (rowid, text) VALUES (?1, ?2)";
static const char SQL_PLACE[] = "SELECT place, area FROM places WHERE plz = ?1 ORDER BY place LIMIT 1";
static const char SQL_NEAR[] = "SELECT id, name, postal_code, city FROM companies WHERE substr(postal_code, 1, 3) = "
                               "substr(?1, 1, 3) AND postal_code != '' AND id != ?2 LIMIT 500";
static const char SQL_NAME[] = "SELECT name FROM companies WHERE id = ?1";
static const char SQL_CONTACTS[] =
    "SELECT id, name, role, phone, email FROM company_contacts WHERE company_id = ?1 ORDER BY name COLLATE NOCASE";
static const char SQL_CONTACT_INSERT[] =
    "INSERT INTO company_contacts (company_id, name, role, phone, email) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_CONTACT_DELETE[] = "DELETE FROM company_contacts WHERE id = ?1 AND company_id = ?2";
static const char SQL_CONTACT_NAMES[] = "SELECT group_concat(name, ' ') FROM company_contacts WHERE company_id = ?1";
static const char SQL_ACTIVITIES[] =
    "SELECT a.id, a.kind, a.date, a.subject, a.notes, a.topics, a.referred_to, a.follow_up, a.follow_up_done_at, "
    "u.name FROM activities a LEFT JOIN users u ON u.id = a.caseworker_id WHERE a.company_id = ?1 "
    "ORDER BY a.date DESC, a.id DESC LIMIT 200";

/* ---- reading ------------------------------------------------------------ */

static json_t *text_or_null(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? json_null() : json_string(db_text(st, col));
}

/* The columns of COMPANY_COLS, in order, with how each becomes JSON. */
enum col_kind { COL_INT, COL_TEXT, COL_LIST, COL_INT_OR_NULL, COL_TEXT_OR_NULL, COL_EMPTY_IS_NULL };
static const struct {
    const char *name;
    enum col_kind kind;
} COLUMNS[] = {
    { "id", COL_INT },
    { "name", COL_TEXT },
    { "street", COL_TEXT },
    { "postal_code", COL_TEXT },
    { "city", COL_TEXT },
    { "phone", COL_TEXT },
    { "email", COL_TEXT },
    { "website", COL_TEXT },
    { "industry", COL_TEXT },
    { "chamber", COL_TEXT },
    { "owner_migration_background", COL_TEXT },
    { "languages", COL_LIST },
    { "training_status", COL_TEXT },
    { "trainer_aptitude", COL_TEXT },
    { "training_authorisation", COL_TEXT },
    { "employees", COL_INT_OR_NULL },
    { "tags", COL_LIST },
    { "notes", COL_TEXT },
    { "caseworker_id", COL_INT_OR_NULL },
    { "caseworker_name", COL_TEXT_OR_NULL },
    { "created_at", COL_TEXT },
    { "updated_at", COL_TEXT },
    { "area", COL_EMPTY_IS_NULL },
};

/* One row of COMPANY_COLS as the contract's company object. Text from the
 * store was checked when it was written, so it is not checked again. */
static json_t *company_json(sqlite3_stmt *st)
{
    json_t *o = json_object();
    for (int i = 0; i < (int)(sizeof COLUMNS / sizeof COLUMNS[0]); i++) {
        bool null = sqlite3_column_type(st, i) == SQLITE_NULL;
        const char *text = db_text(st, i);
        size_t len = (size_t)sqlite3_column_bytes(st, i);
        json_t *v;
        switch (COLUMNS[i].kind) {
        case COL_INT:
            v = json_integer(sqlite3_column_int64(st, i));
            break;
        case COL_LIST:
            v = validate_split(text);
            break;
        case COL_INT_OR_NULL:
            v = null ? json_null() : json_integer(sqlite3_column_int64(st, i));
            break;
        case COL_TEXT_OR_NULL:
            v = null ? json_null() : json_stringn_nocheck(text, len);
            break;
        case COL_EMPTY_IS_NULL:
            v = len ? json_stringn_nocheck(text, len) : json_null();
            break;
        default:
            v = json_stringn_nocheck(text, len);
        }
        json_object_set_new_nocheck(o, COLUMNS[i].name, v);
    }
    return o;
}

/* The company or NULL; *err says why (ERR_NOT_FOUND or ERR_INTERNAL). */
static json_t *load(int64_t id, enum err *err)
{
    sqlite3_stmt *st = db_stmt(SQL_GET);
    if (!st) {
        *err = ERR_INTERNAL;
        return NULL;
    }
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    json_t *o = rc == SQLITE_ROW ? company_json(st) : NULL;
    sqlite3_reset(st);
    *err = o ? ERR_NONE : rc == SQLITE_DONE ? ERR_NOT_FOUND : ERR_INTERNAL;
    return o;
}

int companies_name(int64_t id, char *buf, size_t n)
{
    sqlite3_stmt *st = db_stmt(SQL_NAME);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(buf, n, "%s", db_text(st, 0));
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/* Labels for enum values in the page's language: "chamber_label" etc.
 * Only the HTML face. */
static void add_labels(struct req *r, json_t *o)
{
    static const char *const enums[] = { "chamber", "owner_migration_background", "training_status",
                                          "trainer_aptitude", "training_authorisation", "area" };
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
        const char *v = json_string_value(json_object_get(o, enums[i]));
        if (!v || !*v)
            continue;
        char key[96], label[96];
        snprintf(key, sizeof key, "%s_%s", enums[i], v);
        snprintf(label, sizeof label, "%s_label", enums[i]);
        json_object_set_new(o, label, json_string(req_t(r, key)));
    }
}

/* ---- list, search, export ---------------------------------------------- */

struct filter {
    char *fts;              /* owned; NULL = no search */
    bool none;              /* a search with nothing searchable in it: no results */
    const char *status, *chamber, *background, *city, *area, *tag;
    int64_t caseworker_id;
    const struct sort *sort;
};

static bool in_list(const char *v, const char *const *choices)
{
    for (; *choices; choices++)
        if (!strcmp(v, *choices))
            return true;
    return false;
}

static const char *enum_param(struct req *r, const char *name, const char *const *choices)
{
    const char *v = req_query(r, name);
    if (!v || !*v)
        return NULL;
    if (!in_list(v, choices)) {
        req_field_error(r, name, "field_bad_choice");
        return NULL;
    }
    return v;
}

/* Reads the list's filters from the query; a bad value is a 400 naming it.
 * Free with filter_free. */
static int read_filter(struct req *r, const struct list_params *lp, struct filter *f)
{
    memset(f, 0, sizeof *f);
    if (lp->q) {
        struct buf b = { 0 };
        fold_fts_query(&b, lp->q);
        if (b.len)
            f->fts = buf_steal(&b);
        else
            f->none = true;
        buf_free(&b);
    }
    f->status = enum_param(r, "training_status", STATUSES);
    f->chamber = enum_param(r, "chamber", CHAMBERS);
    f->background = enum_param(r, "owner_migration_background", BACKGROUNDS);
    f->area = enum_param(r, "area", AREAS);
    const char *city = req_query(r, "city");
    f->city = city && *city ? city : NULL;
    const char *tag = req_query(r, "tag");
    f->tag = tag && *tag ? tag : NULL;
    const char *cw = req_query(r, "caseworker_id");
    if (cw && *cw) {
        char *end;
        long long v = strtoll(cw, &end, 10);
        if (*end || v <= 0)
            req_field_error(r, "caseworker_id", "field_bad_value");
        f->caseworker_id = v;
    }
    const char *sort = req_query(r, "sort");
    f->sort = &SORTS[0];
    if (sort && *sort) {
        f->sort = NULL;
        for (size_t i = 0; i < sizeof SORTS / sizeof SORTS[0]; i++)
            if (!strcmp(sort, SORTS[i].key))
                f->sort = &SORTS[i];
        if (!f->sort) {
            f->sort = &SORTS[0];
            req_field_error(r, "sort", "field_bad_choice");
        }
    }
    return r->err == ERR_NONE ? 0 : -1;
}

static void filter_free(struct filter *f) { free(f->fts); }

static void bind_filter(sqlite3_stmt *st, const struct filter *f)
{
    sqlite3_bind_text(st, 1, f->fts, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, f->status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, f->chamber, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, f->background, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, f->city, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, f->area, -1, SQLITE_STATIC);
    if (f->caseworker_id)
        sqlite3_bind_int64(st, 7, f->caseworker_id);
    sqlite3_bind_text(st, 8, f->tag, -1, SQLITE_STATIC);
}

/* The list's SQL for exactly the filters in use, so SQLite can use the
 * indexes (a search joins the FTS table). Parameters keep their numbers
 * whichever filters are present: ?1 search, ?2 status, ?3 chamber, ?4
 * background, ?5 town, ?6 area, ?7 caseworker, ?8 tag, ?9/?10 paging. */
static void build_query(struct buf *b, const struct filter *f, bool count)
{
    const struct {
        bool on;
        const char *sql;
    } conds[] = {
        { f->status != NULL, " AND c.training_status = ?2" },
        { f->chamber != NULL, " AND c.chamber = ?3" },
        { f->background != NULL, " AND c.owner_migration_background = ?4" },
        { f->city != NULL, " AND c.city = ?5 COLLATE NOCASE" },
        { f->area != NULL, " AND c.area = ?6" },
        { f->caseworker_id != 0, " AND c.caseworker_id = ?7" },
        { f->tag != NULL, " AND instr(',' || c.tags || ',', ',' || ?8 || ',') > 0" },
    };
    const size_t n = sizeof conds / sizeof conds[0];
    bool others = false;
    for (size_t i = 0; i < n; i++)
        others |= conds[i].on;
    if (count && !others) {
        /* counts SQLite answers without visiting every row */
        buf_puts(b, f->fts ? "SELECT count(*) FROM companies_fts WHERE companies_fts MATCH ?1"
                           : "SELECT count(*) FROM companies");
        return;
    }
    buf_puts(b, count ? "SELECT count(*) FROM companies c " : "SELECT " COMPANY_COLS COMPANY_FROM);
    if (f->fts)
        buf_puts(b, "JOIN companies_fts ON companies_fts.rowid = c.id WHERE companies_fts MATCH ?1");
    else
        buf_puts(b, "WHERE 1");
    for (size_t i = 0; i < n; i++)
        if (conds[i].on)
            buf_puts(b, conds[i].sql);
    if (!count)
        buf_printf(b, " ORDER BY %s LIMIT ?9 OFFSET ?10", f->sort->order);
}

static sqlite3_stmt *list_stmt(const struct filter *f, bool count)
{
    struct buf b = { 0 };
    build_query(&b, f, count);
    sqlite3_stmt *st = b.data ? db_stmt_text(b.data) : NULL;
    buf_free(&b);
    if (st)
        bind_filter(st, f);
    return st;
}

/* How many companies the filter finds; -1 on error. */
static long long count_rows(const struct filter *f)
{
    if (f->none)
        return 0;
    sqlite3_stmt *st = list_stmt(f, true);
    if (!st)
        return -1;
    long long total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return total;
}

/* The page query for the filter and window, bound and ready to step. */
static sqlite3_stmt *page_stmt(const struct filter *f, int limit, int offset)
{
    sqlite3_stmt *st = list_stmt(f, false);
    if (st) {
        sqlite3_bind_int(st, 9, f->none ? 0 : limit);
        sqlite3_bind_int(st, 10, offset);
    }
    return st;
}


/* What the filter form shows again, with the select flags set. */
static json_t *filter_model(struct req *r, const struct filter *f)
{
    json_t *m = json_object();
    const char *names[] = { "training_status", "chamber", "owner_migration_background", "area" };
    const char *values[] = { f->status, f->chamber, f->background, f->area };
    for (size_t i = 0; i < 4; i++) {
        if (!values[i])
            continue;
        char key[96];
        snprintf(key, sizeof key, "%s_%s", names[i], values[i]);
        json_object_set_new(m, key, json_true());
    }
    json_object_set_new(m, "city", json_string(f->city ? f->city : ""));
    json_object_set_new(m, "tag", json_string(f->tag ? f->tag : ""));
    char sort_key[64];
    snprintf(sort_key, sizeof sort_key, "sort_%s", f->sort->key);
    json_object_set_new(m, sort_key, json_true());
    json_object_set_new(m, "caseworkers", users_owner_options(f->caseworker_id));
    const char *q = req_query(r, "q");
    json_object_set_new(m, "q", json_string(q ? q : ""));
    return m;
}

int companies_list(struct req *r)
{
    struct list_params lp;
    struct filter f;
    list_params(r, &lp);
    if (read_filter(r, &lp, &f) != 0) {
        filter_free(&f);
        return -1;
    }
    long long total = count_rows(&f);
    sqlite3_stmt *st = total < 0 ? NULL : page_stmt(&f, lp.per_page, list_offset(&lp));
    if (!st) {
        filter_free(&f);
        return req_fail(r, ERR_INTERNAL);
    }
    json_t *items = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        json_t *c = company_json(st);
        if (!r->want_json)
            add_labels(r, c);
        json_array_append_new(items, c);
    }
    sqlite3_reset(st);
    json_t *model = list_result(r, items, total, &lp);
    if (!r->want_json) {
        json_object_set_new(model, "filter", filter_model(r, &f));
        /* the export takes the same filters: the query as it was sent */
        const char *qs = r->raw_uri ? strchr(r->raw_uri, '?') : NULL;
        char href[2100];
        snprintf(href, sizeof href, "/companies/export.csv%s", qs ? qs : "");
        json_object_set_new(model, "export_href", json_string(href));
        req_title(r, req_t(r, "companies_title"));
        if (req_query(r, "deleted"))
            json_object_set_new(model, "deleted", json_true());
    }
    filter_free(&f);
    return req_page(r, "companies/list.tpl", model);
}

/* A CSV cell for Excel: quoted when needed, and formulas neutralised (a
 * cell starting with = + - @ or a control character is given a leading '). */
static void csv_cell(struct buf *b, const char *v, bool last)
{
    bool formula = v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r';
    bool quote = formula || strpbrk(v, ";\"\n\r,") != NULL || v[0] == ' ';
    if (quote)
        buf_puts(b, "\"");
    if (formula)
        buf_puts(b, "'");
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            buf_puts(b, "\"\"");
        else
            buf_append(b, p, 1);
    }
    if (quote)
        buf_puts(b, "\"");
    buf_puts(b, last ? "\r\n" : ";");
}

/* The filtered list (no paging, at most 100,000 rows) as CSV: UTF-8 with
 * BOM and semicolons, as German Excel expects. */
int companies_export(struct req *r)
{
    struct list_params lp;
    struct filter f;
    list_params(r, &lp);
    if (read_filter(r, &lp, &f) != 0) {
        filter_free(&f);
        return -1;
    }
    sqlite3_stmt *st = page_stmt(&f, 100000, 0);
    if (!st) {
        filter_free(&f);
        return req_fail(r, ERR_INTERNAL);
    }
    static const char *const cols[] = { "id", "name", "street", "postal_code", "city", "area", "phone", "email",
                                        "website", "industry", "chamber", "owner_migration_background",
                                        "languages", "training_status", "trainer_aptitude",
                                        "training_authorisation", "employees", "tags", "caseworker_name",
                                        "updated_at" };
    const size_t ncols = sizeof cols / sizeof cols[0];
    struct buf b = { 0 };
    buf_puts(&b, "\xEF\xBB\xBF");
    for (size_t i = 0; i < ncols; i++) {
        char key[64];
        snprintf(key, sizeof key, "field_%s", cols[i]);
        csv_cell(&b, req_t(r, key), i + 1 == ncols);
    }
    long long rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        json_t *c = company_json(st);
        for (size_t i = 0; i < ncols; i++) {
            json_t *v = json_object_get(c, cols[i]);
            char num[32];
            char *joined = NULL;
            const char *text = "";
            if (json_is_string(v))
                text = json_string_value(v);
            else if (json_is_integer(v))
                snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), text = num;
            else if (json_is_array(v))
                text = joined = validate_join(v);
            csv_cell(&b, text, i + 1 == ncols);
            free(joined);
        }
        json_decref(c);
        rows++;
    }
    sqlite3_reset(st);
    filter_free(&f);
    audit_write(r, "export", "company", 0, NULL);
    size_t len = b.len;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf_steal(&b), MHD_RESPMEM_MUST_FREE);
    if (!resp)
        return req_fail(r, ERR_INTERNAL);
    MHD_add_response_header(resp, "Content-Type", "text/csv; charset=utf-8");
    MHD_add_response_header(resp, "Content-Disposition", "attachment; filename=\"betriebe.csv\"");
    r->raw = resp;
    r->sent_bytes = len;
    (void)rows;
    return 0;
}

/* ---- forms -------------------------------------------------------------- */

/* The company form's values (see validate_form_values). */
static json_t *form_model(json_t *src) { return validate_form_values(src, RULES, NRULES); }

static int show_form(struct req *r, const char *view, json_t *company, json_t *form, int64_t caseworker)
{
    json_t *model = json_pack("{s:o, s:o}", "form", form, "caseworkers", users_owner_options(caseworker));
    if (company) {
        json_object_set(model, "company", company);
        req_title(r, json_string_value(json_object_get(company, "name")));
    } else {
        json_object_set_new(model, "company", json_null());
        req_title(r, req_t(r, "companies_new_title"));
    }
    return req_page(r, view, model);
}

int companies_new_form(struct req *r)
{
    json_t *defaults = json_pack("{s:s, s:s, s:s, s:s, s:s}", "chamber", "none", "owner_migration_background",
                                 "unknown", "training_status", "interested", "trainer_aptitude", "no",
                                 "training_authorisation", "no");
    json_t *form = form_model(defaults);
    json_decref(defaults);
    return show_form(r, "companies/form.tpl", NULL, form, r->user.id);
}

/* ---- writing ------------------------------------------------------------ */

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

/* Rewrites a company's row in the search index from the stored record. */
static int reindex(int64_t id)
{
    sqlite3_stmt *st = db_stmt(SQL_FTS_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_DONE) {
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    enum err e;
    json_t *c = load(id, &e);
    if (!c)
        return e == ERR_NOT_FOUND ? 0 : -1;
    char *contacts = NULL;
    st = db_stmt(SQL_CONTACT_NAMES);
    if (!st) {
        json_decref(c);
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        contacts = strdup(db_text(st, 0));
    sqlite3_reset(st);
    char *text = index_text(c, contacts);
    free(contacts);
    json_decref(c);
    st = db_stmt(SQL_FTS_INSERT);
    if (!st) {
        free(text);
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    free(text);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Binds the clean record to INSERT or UPDATE (same parameter numbers). */
static void bind_record(sqlite3_stmt *st, json_t *in, char **lists)
{
    for (size_t i = 0; i < NRULES; i++) {
        json_t *v = json_object_get(in, RULES[i].name);
        int col = (int)i + 1;
        if (json_is_array(v)) {
            lists[i] = validate_join(v);
            sqlite3_bind_text(st, col, lists[i], -1, SQLITE_STATIC);
        } else if (json_is_integer(v)) {
            sqlite3_bind_int64(st, col, json_integer_value(v));
        } else if (json_is_string(v)) {
            sqlite3_bind_text(st, col, json_string_value(v), -1, SQLITE_STATIC);
        } else if (RULES[i].type == V_INT || RULES[i].type == V_ID) {
            sqlite3_bind_null(st, col);
        } else {
            sqlite3_bind_text(st, col, "", 0, SQLITE_STATIC);
        }
    }
}

struct write_ctx {
    struct req *r;
    json_t *in;
    int64_t id;       /* 0 for a new company */
    json_t *changed;  /* field names, for the audit log */
};

int companies_store(json_t *in, int64_t *id)
{
    /* Stadt, Kreis or region follows from the postal code, and so does the
     * town when none was typed */
    const char *plz = json_string_value(json_object_get(in, "postal_code"));
    const char *city = json_string_value(json_object_get(in, "city"));
    char area[16] = "";
    if (plz && *plz) {
        sqlite3_stmt *place = db_stmt(SQL_PLACE);
        if (!place)
            return -1;
        sqlite3_bind_text(place, 1, plz, -1, SQLITE_STATIC);
        if (sqlite3_step(place) == SQLITE_ROW) {
            if (!city || !*city)
                json_object_set_new(in, "city", json_string(db_text(place, 0)));
            snprintf(area, sizeof area, "%s", db_text(place, 1));
        }
        sqlite3_reset(place);
    }
    sqlite3_stmt *st = db_stmt(*id ? SQL_UPDATE : SQL_INSERT);
    if (!st)
        return -1;
    char *lists[NRULES] = { 0 };
    bind_record(st, in, lists);
    sqlite3_bind_text(st, (int)NRULES + 1, area, -1, SQLITE_TRANSIENT);
    if (*id)
        sqlite3_bind_int64(st, (int)NRULES + 2, *id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    for (size_t i = 0; i < NRULES; i++)
        free(lists[i]);
    if (rc != SQLITE_DONE) {
        log_error("companies: write: %s", sqlite3_errmsg(db_conn()));
        return -1;
    }
    if (!*id)
        *id = sqlite3_last_insert_rowid(db_conn());
    return reindex(*id);
}

int companies_store_contact(int64_t company_id, const char *name, const char *role, const char *phone,
                            const char *email, int64_t *id)
{
    sqlite3_stmt *st = db_stmt(SQL_CONTACT_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, company_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, role ? role : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, phone ? phone : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, email ? email : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return -1;
    *id = sqlite3_last_insert_rowid(db_conn());
    return reindex(company_id);
}

static int write_tx(void *arg)
{
    struct write_ctx *c = arg;
    bool created = c->id == 0;
    if (companies_store(c->in, &c->id) != 0)
        return -1;
    return audit_write(c->r, created ? "create" : "update", "company", c->id, c->changed);
}

/* Fills in what the record derives before it is stored: the caseworker
 * (the author by default) and defaults for enums left out (the town is
 * companies_store's). Checks the caseworker is one. */
static int complete(struct req *r, json_t *in)
{
    static const struct {
        const char *name, *value;
    } defaults[] = { { "chamber", "none" },          { "owner_migration_background", "unknown" },
                     { "training_status", "none" },  { "trainer_aptitude", "no" },
                     { "training_authorisation", "no" } };
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        if (json_is_null(json_object_get(in, defaults[i].name)))
            json_object_set_new(in, defaults[i].name, json_string(defaults[i].value));
    json_t *cw = json_object_get(in, "caseworker_id");
    if (json_is_null(cw) && r->user.role >= ROLE_CASEWORKER)
        json_object_set_new(in, "caseworker_id", json_integer(r->user.id));
    else if (json_is_integer(cw) && !users_is_owner(json_integer_value(cw)))
        req_field_error(r, "caseworker_id", "companies_bad_caseworker");
    return r->err == ERR_NONE ? 0 : -1;
}

/* A name reduced to what tells companies apart: folded, without legal forms
 * and punctuation. */
static void name_key(const char *name, char *out, size_t n)
{
    static const char *const noise[] = { "gmbh", "mbh", "ug", "haftungsbeschrankt", "ek", "e", "k", "kg", "ohg",
                                         "ag", "co", "und", "gbr", "inh", "inhaber", "kfm", "the", "der", "die",
                                         "das", NULL };
    struct buf folded = { 0 };
    fold_append(&folded, name);
    size_t len = 0;
    out[0] = '\0';
    const char *p = folded.data ? folded.data : "";
    while (*p) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80))
            p++;
        const char *s = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80)
            p++;
        size_t w = (size_t)(p - s);
        if (!w)
            continue;
        bool skip = false;
        for (const char *const *x = noise; *x; x++)
            skip |= strlen(*x) == w && !strncmp(*x, s, w);
        if (skip || len + w + 2 >= n)
            continue;
        if (len)
            out[len++] = ' ';
        memcpy(out + len, s, w);
        len += w;
        out[len] = '\0';
    }
    buf_free(&folded);
}

/* Two names resemble each other when one key starts with the other, when
 * every word of the shorter one is in the longer ("Yılmaz" and "Bäckerei
 * Yılmaz"), or when most words are shared, in any order. */
static bool resembles(const char *a, const char *b)
{
    if (!*a || !*b)
        return false;
    size_t na = strlen(a), nb = strlen(b);
    if (!strncmp(a, b, na < nb ? na : nb))
        return true;
    int words_a = 0, words_b = 0, shared = 0;
    for (const char *p = a; *p;) {
        size_t w = strcspn(p, " ");
        words_a++;
        for (const char *q = b; *q;) {
            size_t v = strcspn(q, " ");
            if (v == w && !strncmp(p, q, w)) {
                shared++;
                break;
            }
            q += v + (q[v] ? 1 : 0);
        }
        p += w + (p[w] ? 1 : 0);
    }
    for (const char *q = b; *q; words_b++)
        q += strcspn(q, " ") + (q[strcspn(q, " ")] ? 1 : 0);
    int fewer = words_a < words_b ? words_a : words_b, more = words_a + words_b - fewer;
    return shared > 0 && (shared == fewer || 2 * shared > more);
}

/* Companies whose name resembles this one in the same postal area (the
 * first three digits), as [{"id","name","postal_code","city"}]. */
static json_t *find_similar(const char *name, const char *plz, int64_t self)
{
    json_t *found = json_array();
    if (!plz || !*plz)
        return found;
    char key[256], other[256];
    name_key(name, key, sizeof key);
    sqlite3_stmt *st = db_stmt(SQL_NEAR);
    if (!st)
        return found;
    sqlite3_bind_text(st, 1, plz, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, self);
    while (sqlite3_step(st) == SQLITE_ROW && json_array_size(found) < 5) {
        name_key(db_text(st, 1), other, sizeof other);
        if (resembles(key, other))
            json_array_append_new(found, json_pack("{s:I, s:s, s:s, s:s}", "id",
                                                   (json_int_t)sqlite3_column_int64(st, 0), "name", db_text(st, 1),
                                                   "postal_code", db_text(st, 2), "city", db_text(st, 3)));
    }
    sqlite3_reset(st);
    return found;
}

int companies_create(struct req *r)
{
    json_t *in;
    if (validate_fields(r, RULES, NRULES, &in) != 0 || complete(r, in) != 0) {
        json_decref(in);
        return show_form(r, "companies/form.tpl", NULL, form_model(r->fields), r->user.id), -1;
    }
    static const struct field_rule CONFIRM[] = { { .name = "confirm_duplicate", .type = V_BOOL } };
    json_t *confirm_in = NULL;
    bool confirmed = validate_fields(r, CONFIRM, 1, &confirm_in) == 0 &&
                     json_is_true(json_object_get(confirm_in, "confirm_duplicate"));
    json_decref(confirm_in);
    if (r->err != ERR_NONE) {
        json_decref(in);
        return show_form(r, "companies/form.tpl", NULL, form_model(r->fields), r->user.id), -1;
    }
    if (!confirmed) {
        json_t *similar = find_similar(json_string_value(json_object_get(in, "name")),
                                       json_string_value(json_object_get(in, "postal_code")), 0);
        if (json_array_size(similar)) {
            json_decref(in);
            r->err = ERR_CONFLICT;
            r->err_detail = strdup(req_t(r, "companies_duplicate_warning"));
            r->err_fields = json_pack("{s:s}", "name", req_t(r, "companies_duplicate_field"));
            r->err_extra = json_pack("{s:O}", "duplicates", similar);
            show_form(r, "companies/form.tpl", NULL, form_model(r->fields), r->user.id);
            json_object_set_new(r->model, "duplicates", similar);
            return -1;
        }
        json_decref(similar);
    }
    struct write_ctx c = { r, in, 0, json_array() };
    for (size_t i = 0; i < NRULES; i++)
        if (!json_is_null(json_object_get(in, RULES[i].name)))
            json_array_append_new(c.changed, json_string(RULES[i].name));
    int rc = db_tx(write_tx, &c);
    json_decref(c.changed);
    json_decref(in);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    enum err e;
    json_t *company = load(c.id, &e);
    if (!company)
        return req_fail(r, e);
    char loc[64];
    snprintf(loc, sizeof loc, "/companies/%lld", (long long)c.id);
    return req_created(r, loc, company);
}

static json_t *contacts_json(int64_t id)
{
    json_t *list = json_array();
    sqlite3_stmt *st = db_stmt(SQL_CONTACTS);
    if (!st)
        return list;
    sqlite3_bind_int64(st, 1, id);
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "id",
                                              (json_int_t)sqlite3_column_int64(st, 0), "name", db_text(st, 1),
                                              "role", db_text(st, 2), "phone", db_text(st, 3), "email",
                                              db_text(st, 4), "company_id", (json_int_t)id));
    sqlite3_reset(st);
    return list;
}

/* For the timeline: labels of kind and topics, and the follow-up as a
 * section that shows only when there is one. */
static void activity_labels(struct req *r, json_t *a)
{
    char key[64];
    snprintf(key, sizeof key, "kind_%s", json_string_value(json_object_get(a, "kind")));
    json_object_set_new(a, "kind_label", json_string(req_t(r, key)));
    json_t *labels = json_array();
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(a, "topics"), i, t) {
        snprintf(key, sizeof key, "topic_%s", json_string_value(t));
        json_array_append_new(labels, json_string(req_t(r, key)));
    }
    json_object_set_new(a, "topic_labels", labels);
    char de[16];
    text_local_date(json_string_value(json_object_get(a, "date")), de, sizeof de);
    json_object_set_new(a, "date_de", json_string(de));
    json_t *fu = json_object_get(a, "follow_up");
    if (json_is_string(fu)) {
        text_local_date(json_string_value(fu), de, sizeof de);
        json_object_set_new(a, "follow_up_info", json_pack("{s:s, s:O}", "date", de, "done",
                                                           json_object_get(a, "follow_up_done")));
    }
}

static json_t *activities_json(struct req *r, int64_t id)
{
    json_t *list = json_array();
    sqlite3_stmt *st = db_stmt(SQL_ACTIVITIES);
    if (!st)
        return list;
    sqlite3_bind_int64(st, 1, id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        json_t *a = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0), "kind",
                              db_text(st, 1), "date", db_text(st, 2), "subject", db_text(st, 3), "notes",
                              db_text(st, 4));
        json_object_set_new(a, "topics", validate_split(db_text(st, 5)));
        json_object_set_new(a, "referred_to", text_or_null(st, 6));
        json_object_set_new(a, "follow_up", text_or_null(st, 7));
        json_object_set_new(a, "follow_up_done", json_boolean(sqlite3_column_type(st, 8) != SQLITE_NULL));
        json_object_set_new(a, "caseworker_name", text_or_null(st, 9));
        json_object_set_new(a, "company_id", json_integer(id));
        if (!r->want_json)
            activity_labels(r, a);
        json_array_append_new(list, a);
    }
    sqlite3_reset(st);
    return list;
}

/* The company page: the record with its contacts and timeline, and what
 * only the page needs (labels, links, which facts to show, today's date for
 * the activity form). Steals c. */
static int show_page(struct req *r, json_t *c)
{
    json_object_set_new(c, "contacts", contacts_json(r->id));
    json_object_set_new(c, "activities", activities_json(r, r->id));
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
        char day[11];
        text_local_day(0, day);
        json_object_set_new(c, "today", json_string(day));
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
        if (req_query(r, "saved"))
            json_object_set_new(c, "saved", json_true());
    }
    return req_page(r, "companies/show.tpl", c);
}

int companies_show(struct req *r)
{
    enum err e;
    json_t *c = load(r->id, &e);
    if (!c)
        return req_fail(r, e);
    return show_page(r, c);
}

int companies_edit_form(struct req *r)
{
    enum err e;
    json_t *c = load(r->id, &e);
    if (!c)
        return req_fail(r, e);
    json_t *cw = json_object_get(c, "caseworker_id");
    int rc = show_form(r, "companies/form.tpl", c, form_model(c), json_is_integer(cw) ? json_integer_value(cw) : 0);
    json_decref(c);
    return rc;
}

/* Changes what was sent and keeps the rest: the stored record is the base,
 * the request's fields lie on top, and the whole is validated again. So a
 * JSON PATCH of one field and the full HTML form go the same way. */
int companies_update(struct req *r)
{
    enum err e;
    json_t *old = load(r->id, &e);
    if (!old)
        return req_fail(r, e);
    json_t *merged = json_deep_copy(old);
    json_object_update(merged, r->fields);
    /* a new postal code with the old town: the town will follow the code */
    json_t *plz = json_object_get(merged, "postal_code"), *city = json_object_get(merged, "city");
    bool town_follows =
        !json_equal(plz, json_object_get(old, "postal_code")) && json_equal(city, json_object_get(old, "city"));
    json_t *sent = r->fields;
    r->fields = merged;
    json_t *in;
    int bad = validate_fields(r, RULES, NRULES, &in) != 0 || complete(r, in) != 0;
    r->fields = sent;
    if (bad) {
        json_t *cw = json_object_get(old, "caseworker_id");
        show_form(r, "companies/form.tpl", old, form_model(merged),
                  json_is_integer(cw) ? json_integer_value(cw) : 0);
        json_decref(merged);
        json_decref(old);
        json_decref(in);
        return -1;
    }
    json_decref(merged);
    if (town_follows)
        json_object_set_new(in, "city", json_string(""));
    struct write_ctx c = { r, in, r->id, json_array() };
    for (size_t i = 0; i < NRULES; i++) {
        json_t *a = json_object_get(old, RULES[i].name), *b = json_object_get(in, RULES[i].name);
        bool same = json_equal(a, b) || ((!a || json_is_null(a) || (json_is_string(a) && !*json_string_value(a))) &&
                                         (!b || json_is_null(b)));
        if (!same)
            json_array_append_new(c.changed, json_string(RULES[i].name));
    }
    json_decref(old);
    int rc = json_array_size(c.changed) ? db_tx(write_tx, &c) : 0;
    json_decref(c.changed);
    json_decref(in);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    json_t *company = load(r->id, &e);
    if (!company)
        return req_fail(r, e);
    char loc[64];
    snprintf(loc, sizeof loc, "/companies/%lld?saved=1", (long long)r->id);
    return req_redirect(r, loc, company);
}

int companies_delete_form(struct req *r)
{
    enum err e;
    json_t *c = load(r->id, &e);
    if (!c)
        return req_fail(r, e);
    req_title(r, json_string_value(json_object_get(c, "name")));
    return req_page(r, "companies/delete.tpl", c);
}

struct delete_ctx {
    struct req *r;
    int64_t id;
};

static int delete_tx(void *arg)
{
    struct delete_ctx *c = arg;
    sqlite3_stmt *st = db_stmt(SQL_FTS_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE || !(st = db_stmt(SQL_DELETE)))
        return -1;
    sqlite3_bind_int64(st, 1, c->id);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return -1;
    return audit_write(c->r, "delete", "company", c->id, NULL);
}

/* Deletes the company with its contacts and activities (the confirmation
 * page asked first). */
int companies_delete(struct req *r)
{
    char name[256];
    int rc = companies_name(r->id, name, sizeof name);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    struct delete_ctx c = { r, r->id };
    if (db_tx(delete_tx, &c) != 0)
        return req_fail(r, ERR_INTERNAL);
    return req_redirect(r, "/companies?deleted=1", json_pack("{s:I, s:b}", "id", (json_int_t)r->id, "deleted", 1));
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
    json_t *in = c->in;
    if (companies_store_contact(c->r->id, json_string_value(json_object_get(in, "name")),
                                json_string_value(json_object_get(in, "role")),
                                json_string_value(json_object_get(in, "phone")),
                                json_string_value(json_object_get(in, "email")), &c->contact_id) != 0)
        return -1;
    return audit_write(c->r, "create", "company_contact", c->contact_id, c->in);
}

int companies_add_contact(struct req *r)
{
    enum err e;
    json_t *company = load(r->id, &e);
    if (!company)
        return req_fail(r, e);
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
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/companies/%lld#contacts", (long long)r->id);
    return req_created(r, loc, json_pack("{s:I, s:I}", "id", (json_int_t)c.contact_id, "company_id",
                                         (json_int_t)r->id));
}

static int contact_delete_tx(void *arg)
{
    struct contact_ctx *c = arg;
    sqlite3_stmt *st = db_stmt(SQL_CONTACT_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->contact_id);
    sqlite3_bind_int64(st, 2, c->r->id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return 1; /* not this company's contact */
    if (reindex(c->r->id) != 0)
        return -1;
    return audit_write(c->r, "delete", "company_contact", c->contact_id, NULL);
}

int companies_delete_contact(struct req *r)
{
    struct contact_ctx c = { r, NULL, strtoll(r->params[1], NULL, 10) };
    int rc = db_tx(contact_delete_tx, &c);
    if (rc == 1)
        return req_fail(r, ERR_NOT_FOUND);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/companies/%lld#contacts", (long long)r->id);
    return req_redirect(r, loc, NULL);
}
