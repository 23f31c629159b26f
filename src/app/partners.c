#include "app/partners.h"

#include "app/activities.h"
#include "app/auth.h"
#include "app/choices.h"
#include "app/places.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/text.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the declaration ------------------------------------------------------
 * A partner of the network, field by field; order: the CSV columns. */
static const struct field_rule FIELDS[] = {
    { .name = "name", .type = V_TEXT, .required = true, .min = 1, .max = 200, .flags = F_LIST | F_EXPORT },
    { .name = "kind", .type = V_ENUM, .choices = &CHOICES_PARTNER_KIND, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "status", .type = V_ENUM, .choices = &CHOICES_PARTNER_STATUS, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "street", .type = V_TEXT, .max = 200, .flags = F_EXPORT },
    { .name = "postal_code", .type = V_TEXT, .check = places_check_plz, .flags = F_LIST | F_EXPORT },
    { .name = "city", .type = V_TEXT, .max = 100, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "area", .type = V_ENUM, .choices = &CHOICES_AREA, .flags = F_DERIVED | F_LIST | F_FILTER | F_EXPORT },
    { .name = "phone", .type = V_PHONE, .flags = F_EXPORT },
    { .name = "email", .type = V_EMAIL, .flags = F_EXPORT },
    { .name = "website", .type = V_URL, .flags = F_EXPORT },
    { .name = "notes", .type = V_TEXT, .max = 10000 },
    /* the work with the partner at a glance: the day of its latest activity */
    { .name = "last_contact", .type = V_DATE,
      .expr = "(SELECT max(a.date) FROM activities a WHERE a.partner_id = t.id)", .flags = F_READONLY | F_LIST | F_EXPORT },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY },
    { .name = "updated_at", .type = V_TEXT, .flags = F_READONLY | F_EXPORT },
};
#define NFIELDS (sizeof FIELDS / sizeof FIELDS[0])

static const struct entity_sort SORTS[] = {
    { .key = "name", .order = "t.name COLLATE NOCASE, t.id", .indexed = true,
      .reverse = "t.name COLLATE NOCASE DESC, t.id DESC" },
    { .key = "updated", .order = "t.updated_at DESC, t.id DESC", .indexed = true, .reverse = "t.updated_at, t.id",
      .descending = true },
    { .key = "postal_code", .order = "t.postal_code, t.name COLLATE NOCASE, t.id",
      .reverse = "t.postal_code DESC, t.name COLLATE NOCASE DESC, t.id DESC" },
};

static const char *const LIKE[] = { "name", "city", "postal_code", NULL };

static int partner_check(struct req *r, json_t *in, const json_t *old);
static int partner_derive(json_t *in, const json_t *old);

/* Partners are shared by the team, like companies: every staff member
 * reads them, caseworkers and admins write, delete and export them. */
struct entity PARTNER = {
    .type = "partner",
    .table = "partners",
    .fields = FIELDS,
    .nfields = NFIELDS,
    .sorts = SORTS,
    .nsorts = sizeof SORTS / sizeof SORTS[0],
    .like = LIKE,
    .versioned = true,
    .may = auth_team_may,
    .check = partner_check,
    .derive = partner_derive,
};

static struct db_sql SQL_NAME = DB_SQL("SELECT name FROM partners WHERE id = ?1");
static struct db_sql SQL_KIND = DB_SQL("SELECT kind FROM partners WHERE id = ?1");
static struct db_sql SQL_ALL = DB_SQL("SELECT id, name, kind FROM partners ORDER BY name COLLATE NOCASE, id LIMIT 500");
static struct db_sql SQL_CONTACTS = DB_SQL(
    "SELECT id, name, role, phone, email FROM partner_contacts WHERE partner_id = ?1 ORDER BY name COLLATE NOCASE");
static struct db_sql SQL_CONTACT_INSERT = DB_SQL(
    "INSERT INTO partner_contacts (partner_id, name, role, phone, email) VALUES (?1, ?2, ?3, ?4, ?5)");
static struct db_sql SQL_CONTACT_DELETE = DB_SQL("DELETE FROM partner_contacts WHERE id = ?1 AND partner_id = ?2");
/* the referrals that went to this partner, from companies' and pupils'
 * timelines: only what the owner's page shows anyway (never a pupil's
 * name here: the partner's page is not a pupil's record) */
static struct db_sql SQL_REFERRALS = DB_SQL(
    "SELECT count(*) FILTER (WHERE company_id IS NOT NULL AND candidate_id IS NULL), "
    "count(*) FILTER (WHERE candidate_id IS NOT NULL) FROM activities WHERE referred_partner_id = ?1");

/* ---- the area's own rules ------------------------------------------------- */

/* A partner without kind or status is "other", in "contact". */
static int partner_check(struct req *r, json_t *in, const json_t *old)
{
    (void)r;
    (void)old;
    if (json_is_null(json_object_get(in, "kind")))
        json_object_set_new(in, "kind", json_string("other"));
    if (json_is_null(json_object_get(in, "status")))
        json_object_set_new(in, "status", json_string("contact"));
    return 0;
}

/* Town and Stadt/Kreis from the postal code, as for companies. */
static int partner_derive(json_t *in, const json_t *old)
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

/* One text column of one partner into buf: 0, 1 none, -1 error. */
static int one_text(struct db_sql *sql, int64_t id, char *buf, size_t n)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        snprintf(buf, n, "%s", db_text(st, 0));
    sqlite3_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

int partners_name(int64_t id, char *buf, size_t n) { return one_text(&SQL_NAME, id, buf, n); }
int partners_kind(int64_t id, char *buf, size_t n) { return one_text(&SQL_KIND, id, buf, n); }

json_t *partners_options(struct req *r, const char *const *kinds, int64_t chosen)
{
    sqlite3_stmt *st = db_stmt(&SQL_ALL);
    if (!st)
        return NULL;
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *kind = db_text(st, 2);
        bool fits = false;
        for (const char *const *k = kinds; *k && !fits; k++)
            fits = !strcmp(*k, kind);
        if (!fits)
            continue;
        int64_t id = sqlite3_column_int64(st, 0);
        json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)id, "name", db_text(st, 1),
                                              "kind_label", entity_label(&CHOICES_PARTNER_KIND, r->lang, kind),
                                              "selected", id == chosen));
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

int partners_store(json_t *in, int64_t *id)
{
    if (json_is_null(json_object_get(in, "kind")) || !json_object_get(in, "kind"))
        json_object_set_new(in, "kind", json_string("other"));
    if (json_is_null(json_object_get(in, "status")) || !json_object_get(in, "status"))
        json_object_set_new(in, "status", json_string("contact"));
    return entity_store(&PARTNER, in, NULL, id);
}

int partners_store_contact(int64_t partner_id, const char *name, const char *role, const char *phone,
                           const char *email, int64_t *id)
{
    sqlite3_stmt *st = db_stmt(&SQL_CONTACT_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, partner_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, role ? role : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, phone ? phone : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, email ? email : "", -1, SQLITE_TRANSIENT);
    if (db_run(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_conn());
    return 0;
}

/* ---- list and export -------------------------------------------------------- */

int partners_list(struct req *r)
{
    struct entity_query q;
    json_t *model;
    int rc = entity_query_read(r, &PARTNER, &q) == 0 ? entity_list(r, &q, &model) : -1;
    if (rc == 0 && !r->want_json) {
        /* the export takes the same filters, and only when there is something to export */
        entity_export_link(r, model, "/partners/export.csv", auth_may_write(r));
        req_title(r, req_t(r, "partners_title"));
    }
    entity_query_free(&q);
    return rc == 0 ? req_page(r, "partners/list.tpl", model) : -1;
}

/* The filtered list, every page, as CSV for Excel. */
int partners_export(struct req *r)
{
    struct entity_query q;
    int rc = entity_query_read(r, &PARTNER, &q) == 0 ? entity_export_csv(r, &q, "partner.csv") : -1;
    entity_query_free(&q);
    return rc;
}

/* ---- forms -------------------------------------------------------------------- */

/* The partner form: values (stored or typed) with their option lists and,
 * when editing, the version it was loaded at. Steals form. */
static int show_form(struct req *r, const json_t *partner, json_t *form)
{
    json_t *model = json_pack("{s:o}", "form", form);
    if (partner) {
        json_object_set_new(model, "partner", json_pack("{s:O, s:O, s:O}", "id", json_object_get(partner, "id"), "name",
                                                        json_object_get(partner, "name"), "updated_at",
                                                        json_object_get(partner, "updated_at")));
        req_title(r, json_string_value(json_object_get(partner, "name")));
    } else {
        json_object_set_new(model, "partner", json_null());
        req_title(r, req_t(r, "partners_new_title"));
    }
    enum err e = r->err;
    req_page(r, "partners/form.tpl", model);
    return e == ERR_NONE ? 0 : -1;
}

int partners_new_form(struct req *r)
{
    json_t *defaults = json_pack("{s:s, s:s}", "kind", "other", "status", "contact");
    json_t *form = entity_form(r, &PARTNER, defaults);
    json_decref(defaults);
    return show_form(r, NULL, form);
}

int partners_create(struct req *r)
{
    json_t *partner;
    if (entity_create(r, &PARTNER, &partner) != 0) {
        if (r->err == ERR_INVALID)
            show_form(r, NULL, entity_form(r, &PARTNER, r->fields));
        return -1;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/partners/%lld%s", (long long)json_integer_value(json_object_get(partner, "id")),
             r->want_json ? "" : "?done=partner_created");
    return req_created(r, loc, partner);
}

int partners_edit_form(struct req *r)
{
    json_t *p;
    if (entity_open(r, &PARTNER, ACT_WRITE, &p) != 0)
        return -1;
    int rc = show_form(r, p, entity_form(r, &PARTNER, p));
    json_decref(p);
    return rc;
}

/* Changes what was sent and keeps the rest; a stale whole-form save is a
 * 409 and the form shows what was typed over the record as it is now. */
int partners_update(struct req *r)
{
    json_t *partner, *current;
    if (entity_update(r, &PARTNER, &partner, &current) != 0) {
        if (current && (r->err == ERR_INVALID || r->err == ERR_CONFLICT)) {
            json_t *values = json_deep_copy(current);
            json_object_update(values, r->fields);
            json_object_set(values, "updated_at", json_object_get(current, "updated_at"));
            if (r->err == ERR_CONFLICT)
                r->err_extra = json_pack("{s:O}", "current", current);
            show_form(r, current, entity_form(r, &PARTNER, values));
            json_decref(values);
        }
        json_decref(current);
        return -1;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/partners/%lld?done=partner_saved", (long long)r->id);
    return req_redirect(r, loc, partner);
}

int partners_delete_form(struct req *r)
{
    json_t *p;
    if (entity_open(r, &PARTNER, ACT_DELETE, &p) != 0)
        return -1;
    req_title(r, json_string_value(json_object_get(p, "name")));
    return req_page(r, "partners/delete.tpl", p);
}

/* Deletes the partner with its contacts and activities (the schema's
 * cascade); referrals that named it keep their referred_to (set null). */
int partners_delete(struct req *r)
{
    if (entity_delete(r, &PARTNER) != 0)
        return -1;
    return req_redirect(r, "/partners?done=partner_deleted", json_pack("{s:I, s:b}", "id", (json_int_t)r->id, "deleted", 1));
}

/* ---- the partner page ------------------------------------------------------- */

/* The partner's contact persons; NULL on a database error. */
static json_t *contacts_json(int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_CONTACTS);
    if (!st)
        return NULL;
    json_t *list = json_array();
    sqlite3_bind_int64(st, 1, id);
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "id",
                                              (json_int_t)sqlite3_column_int64(st, 0), "name", db_text(st, 1), "role",
                                              db_text(st, 2), "phone", db_text(st, 3), "email", db_text(st, 4),
                                              "partner_id", (json_int_t)id));
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* How many referrals of companies and of pupils went to the partner:
 * {"companies","candidates"}; NULL on error. */
static json_t *referrals_json(int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_REFERRALS);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    json_t *out = NULL;
    if (db_step(st) == DB_ROW)
        out = json_pack("{s:I, s:I}", "companies", (json_int_t)sqlite3_column_int64(st, 0), "candidates",
                        (json_int_t)sqlite3_column_int64(st, 1));
    sqlite3_reset(st);
    return out;
}

/* The partner page: the record with its contacts, referrals received and
 * timeline, and for people the labels, links and the activity form.
 * Steals p. */
static int show_page(struct req *r, json_t *p)
{
    json_t *contacts = contacts_json(r->id);
    json_t *activities = contacts ? activities_timeline(r, OWNER_PARTNER, r->id) : NULL;
    json_t *referrals = activities ? referrals_json(r->id) : NULL;
    if (!referrals) {
        json_decref(contacts);
        json_decref(activities);
        json_decref(p);
        return req_fail(r, ERR_INTERNAL);
    }
    json_object_set_new(p, "contacts", contacts);
    json_object_set_new(p, "activities", activities);
    json_object_set_new(p, "referrals_received", referrals);
    if (!r->want_json) {
        static const struct {
            const char *field;
            const struct choices *choices;
        } enums[] = { { "kind", &CHOICES_PARTNER_KIND }, { "status", &CHOICES_PARTNER_STATUS }, { "area", &CHOICES_AREA } };
        for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
            const char *v = json_string_value(json_object_get(p, enums[i].field));
            char key[32];
            snprintf(key, sizeof key, "%s_label", enums[i].field);
            json_object_set_new(p, key, json_string(v ? entity_label(enums[i].choices, r->lang, v) : ""));
        }
        req_title(r, json_string_value(json_object_get(p, "name")));
        const char *web = json_string_value(json_object_get(p, "website"));
        if (web && *web)
            json_object_set_new(p, "website_link", json_pack("{s:s}", "url", web));
        const char *mail = json_string_value(json_object_get(p, "email"));
        if (mail && *mail)
            json_object_set_new(p, "email_link", json_pack("{s:s}", "address", mail));
        char tel[64];
        const char *phone = json_string_value(json_object_get(p, "phone"));
        if (phone && text_tel_number(phone, tel, sizeof tel))
            json_object_set_new(p, "phone_link", json_pack("{s:s, s:s}", "tel", tel, "text", phone));
        size_t k;
        json_t *person;
        json_array_foreach(contacts, k, person) {
            const char *number = json_string_value(json_object_get(person, "phone"));
            json_object_set_new(person, "contact_tel", number && text_tel_number(number, tel, sizeof tel)
                                                           ? json_pack("{s:s, s:s}", "tel", tel, "text", number)
                                                           : json_null());
            const char *m = json_string_value(json_object_get(person, "email"));
            if (m && *m)
                json_object_set_new(person, "email_link", json_pack("{s:s}", "address", m));
        }
        static const char *const facts[] = { "street", "postal_code", "notes" };
        for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
            const char *v = json_string_value(json_object_get(p, facts[i]));
            if (v && *v) {
                char key[32];
                snprintf(key, sizeof key, "show_%s", facts[i]);
                json_object_set_new(p, key, json_true());
            }
        }
        json_object_set_new(p, "timeline", json_pack("{s:O}", "activities", activities));
        if (!json_object_get(p, "contact_form"))
            json_object_set_new(p, "contact_form", json_null());
        if (!json_object_get(p, "activity_form"))
            json_object_set_new(p, "activity_form", activities_form_model(r, OWNER_PARTNER, NULL));
    }
    return req_page(r, "partners/show.tpl", p);
}

int partners_show(struct req *r)
{
    json_t *p;
    if (entity_open(r, &PARTNER, ACT_READ, &p) != 0)
        return -1;
    return show_page(r, p);
}

/* ---- contact persons -------------------------------------------------------- */

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

/* Inside the write: the partner is still there and may be written. */
static int contact_tx(void *arg)
{
    struct contact_ctx *c = arg;
    json_t *partner;
    int allowed = entity_allowed(c->r, &PARTNER, c->r->id, ACT_WRITE, &partner);
    if (allowed != 0)
        return allowed;
    json_decref(partner);
    if (partners_store_contact(c->r->id, json_string_value(json_object_get(c->in, "name")),
                               json_string_value(json_object_get(c->in, "role")),
                               json_string_value(json_object_get(c->in, "phone")),
                               json_string_value(json_object_get(c->in, "email")), &c->contact_id) != 0)
        return -1;
    return audit_write(c->r, "create", "partner_contact", c->contact_id, c->in);
}

/* POST /partners/{id}/contacts: a contact person; a refused form shows the
 * page again with what was typed. */
int partners_add_contact(struct req *r)
{
    json_t *in;
    if (validate_fields(r, CONTACT_RULES, 4, &in) != 0) {
        json_t *p;
        enum err e = r->err;
        json_t *fields = r->err_fields ? json_incref(r->err_fields) : NULL;
        if (entity_open(r, &PARTNER, ACT_WRITE, &p) != 0) {
            json_decref(fields);
            return -1;
        }
        json_object_set_new(p, "contact_form", validate_form_values(r->fields, CONTACT_RULES, 4));
        show_page(r, p);
        r->err = e;
        if (fields) {
            json_decref(r->err_fields);
            r->err_fields = fields;
        }
        return -1;
    }
    struct contact_ctx c = { r, in, 0 };
    int rc = db_tx(contact_tx, &c);
    json_decref(in);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/partners/%lld%s#contacts", (long long)r->id, r->want_json ? "" : "?done=contact_added");
    return req_created(r, loc, json_pack("{s:I, s:I}", "id", (json_int_t)c.contact_id, "partner_id", (json_int_t)r->id));
}

static int contact_delete_tx(void *arg)
{
    struct contact_ctx *c = arg;
    json_t *partner;
    int allowed = entity_allowed(c->r, &PARTNER, c->r->id, ACT_WRITE, &partner);
    if (allowed != 0)
        return allowed;
    json_decref(partner);
    sqlite3_stmt *st = db_stmt(&SQL_CONTACT_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->contact_id);
    sqlite3_bind_int64(st, 2, c->r->id);
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return req_fail(c->r, ERR_NOT_FOUND), 1;
    return audit_write(c->r, "delete", "partner_contact", c->contact_id, NULL);
}

int partners_delete_contact(struct req *r)
{
    struct contact_ctx c = { r, NULL, strtoll(r->params[1], NULL, 10) };
    int rc = db_tx(contact_delete_tx, &c);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[96];
    snprintf(loc, sizeof loc, "/partners/%lld?done=contact_removed#contacts", (long long)r->id);
    return req_redirect(r, loc, NULL);
}

/* ---- demo data ---------------------------------------------------------------- */

int partners_demo(int64_t caseworker_id)
{
    static const struct {
        const char *name, *kind, *status, *plz, *contact, *role, *meeting;
        int days_ago;
    } DEMO[] = {
        { "IHK Offenbach am Main", "chamber", "active", "63065", "Frau Schneider", "Ausbildungsberatung",
          "Abstimmung Eintragung neuer Ausbildungsbetriebe", 12 },
        { "Handwerkskammer Frankfurt-Rhein-Main", "chamber", "agreement", "60311", "Herr Becker",
          "Lehrstellenbörse", "Kooperationsvereinbarung besprochen", 40 },
        { "Türkisch-Deutscher Unternehmerverein Offenbach", "association", "active", "63067", "Herr Aydın",
          "Vorstand", "Unternehmerfrühstück gemeinsam geplant", 5 },
        { "Agentur für Arbeit Offenbach", "employment_agency", "active", "63069", "Frau Nowak", "Berufsberatung",
          "Fallbesprechung Übergang Schule-Beruf", 20 },
        { "Jobcenter MainArbeit", "jobcenter", "contact", "63065", "Herr Rossi", "Arbeitgeberservice", NULL, 0 },
        { "Berufliche Schulen Dietzenbach", "vocational_school", "agreement", "63128", "Frau Weber",
          "Abteilungsleitung", NULL, 0 },
    };
    for (size_t i = 0; i < sizeof DEMO / sizeof DEMO[0]; i++) {
        json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "name", DEMO[i].name, "kind", DEMO[i].kind, "status",
                               DEMO[i].status, "postal_code", DEMO[i].plz);
        int64_t id = 0, contact;
        int rc = partners_store(in, &id);
        if (rc == 0)
            rc = audit_write_system("demo data", "create", "partner", id, in);
        json_decref(in);
        if (rc != 0 || partners_store_contact(id, DEMO[i].contact, DEMO[i].role, NULL, NULL, &contact) != 0)
            return -1;
        if (!DEMO[i].meeting)
            continue;
        char day[11];
        text_local_day(-DEMO[i].days_ago, day);
        json_t *a = json_pack("{s:s, s:s, s:s}", "kind", "meeting", "date", day, "subject", DEMO[i].meeting);
        int64_t act;
        rc = activities_store(OWNER_PARTNER, id, a, caseworker_id, &act);
        json_decref(a);
        if (rc != 0)
            return -1;
    }
    return 0;
}
