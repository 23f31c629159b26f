#include "app/offers.h"

#include "app/auth.h"
#include "app/choices.h"
#include "app/companies.h"
#include "app/occupations.h"
#include "app/places.h"
#include "app/posts.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/publicform.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/sitekey.h"
#include "core/text.h"
#include "core/throttle.h"
#include "core/validate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the declaration ------------------------------------------------------
 * A submission as the company typed it. company_id, match_state, the
 * consent and the language are the form's (never a request's); status
 * moves pending -> approved | rejected once, by a caseworker's decision. */
static const struct field_rule FIELDS[] = {
    { .name = "name", .type = V_TEXT, .required = true, .min = 1, .max = 200, .flags = F_LIST },
    { .name = "street", .type = V_TEXT, .max = 200 },
    { .name = "postal_code", .type = V_TEXT, .required = true, .check = places_check_plz, .flags = F_LIST },
    { .name = "city", .type = V_TEXT, .max = 100, .flags = F_LIST },
    { .name = "phone", .type = V_PHONE, .required = true, .flags = F_LIST },
    { .name = "email", .type = V_EMAIL },
    { .name = "contact_name", .type = V_TEXT, .required = true, .min = 1, .max = 200 },
    { .name = "company_id", .type = V_ID, .flags = F_DERIVED | F_NULLABLE | F_LIST },
    { .name = "company_name", .type = V_TEXT, .expr = "c.name", .flags = F_READONLY | F_LIST },
    { .name = "match_state", .type = V_ENUM, .choices = &CHOICES_OFFER_MATCH, .flags = F_DERIVED | F_LIST | F_FILTER },
    { .name = "status", .type = V_ENUM, .choices = &CHOICES_OFFER_STATUS, .flags = F_STATE | F_DERIVED | F_LIST | F_FILTER },
    { .name = "posts_count", .type = V_INT, .expr = "(SELECT count(*) FROM posts p WHERE p.offer_id = t.id)",
      .flags = F_READONLY | F_LIST },
    { .name = "reject_reason", .type = V_TEXT, .flags = F_READONLY },
    { .name = "lang", .type = V_TEXT, .flags = F_DERIVED },
    { .name = "consent_version", .type = V_TEXT, .flags = F_DERIVED },
    { .name = "consent_at", .type = V_TEXT, .flags = F_DERIVED | F_TIME },
    { .name = "reviewed_by_name", .type = V_TEXT, .expr = "u.name", .flags = F_READONLY },
    { .name = "reviewed_at", .type = V_TEXT, .flags = F_READONLY | F_TIME },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY | F_TIME | F_LIST },
    { .name = "updated_at", .type = V_TEXT, .flags = F_READONLY },
};

static const struct entity_sort SORTS[] = {
    { .key = "created", .order = "t.id DESC", .indexed = true, .reverse = "t.id", .descending = true },
};

/* The team reviews them: everyone reads, caseworkers and admins decide. */
struct entity OFFER = {
    .type = "offer",
    .table = "offers",
    .joins = "LEFT JOIN companies c ON c.id = t.company_id LEFT JOIN users u ON u.id = t.reviewed_by",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = SORTS,
    .nsorts = 1,
    .versioned = true,
    .may = auth_team_may,
};

/* What a company types in the form: the declaration's own fields, and its
 * consent. */
static const struct field_rule CONSENT[] = { { .name = "privacy_consent", .type = V_BOOL } };

/* The fields of one post in the form, in the order the page shows them. */
static const char *const POST_KEYS[] = { "occupation_id", "occupation", "title", "places", "start_date",
                                         "min_certificate", "description" };
#define NPOST_KEYS (sizeof POST_KEYS / sizeof POST_KEYS[0])

static struct db_sql SQL_PENDING = DB_SQL("SELECT count(*) FROM offers WHERE status = 'pending'");
static struct db_sql SQL_POSTS_OF = DB_SQL("SELECT id FROM posts WHERE offer_id = ?1 ORDER BY id");
static struct db_sql SQL_PENDING_POSTS = DB_SQL(
    "SELECT id FROM posts WHERE offer_id = ?1 AND status = 'pending' ORDER BY id");
static struct db_sql SQL_REVIEWED = DB_SQL(
    "UPDATE offers SET reviewed_by = ?2, reviewed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), reject_reason = ?3 "
    "WHERE id = ?1");
static struct db_sql SQL_SET_COMPANY = DB_SQL("UPDATE offers SET company_id = ?2 WHERE id = ?1");
static struct db_sql SQL_CONTACT_NAMED = DB_SQL(
    "SELECT id FROM company_contacts WHERE company_id = ?1 AND name = ?2 COLLATE NOCASE LIMIT 1");
static struct db_sql SQL_OUTBOX = DB_SQL(
    "INSERT INTO mail_outbox (to_address, subject, body, object_type, object_id) VALUES (?1, ?2, ?3, 'offer', ?4)");
static struct db_sql SQL_OUTBOX_OF = DB_SQL(
    "SELECT to_address, subject, body, created_at, sent_at FROM mail_outbox WHERE object_type = 'offer' "
    "AND object_id = ?1 ORDER BY id");

static const struct config *cfg;

void offers_configure(const struct config *c) { cfg = c; }

static int max_per_hour(void) { return cfg ? cfg->offer_max_per_hour : 5; }
static int form_lifetime(void) { return (cfg ? cfg->offer_form_hours : 24) * 3600; }
static const char *default_lang(void) { return cfg && cfg->default_lang[0] ? cfg->default_lang : "de"; }

/* ---- storing a submission ------------------------------------------------ */

/* A string member, or "" (borrowed). */
static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

int offers_store(const json_t *company, const json_t *posts, const char *lang, int64_t match_id, int64_t *id)
{
    int64_t company_id = 0, contact_id = 0;
    char name[COMPANY_NAME_MAX];
    if (match_id) {
        int found = companies_name(match_id, name, sizeof name);
        if (found < 0)
            return -1;
        company_id = found == 0 ? match_id : 0;
    }
    if (!company_id) {
        /* a company of its own, interested in training, as it says itself */
        json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", str(company, "name"),
                              "street", str(company, "street"), "postal_code", str(company, "postal_code"), "city",
                              str(company, "city"), "phone", str(company, "phone"), "email", str(company, "email"),
                              "training_status", "interested", "chamber", "none", "owner_migration_background",
                              "unknown", "trainer_aptitude", "no", "training_authorisation", "no", "notes",
                              i18n_get(default_lang(), "offer_company_note"));
        int rc = companies_store(c, &company_id);
        if (rc == 0)
            rc = audit_write_system("public offer form", "create", "company", company_id, c);
        json_decref(c);
        if (rc != 0 ||
            companies_store_contact(company_id, str(company, "contact_name"),
                                    i18n_get(default_lang(), "offer_contact_role"), NULL, NULL, &contact_id) != 0 ||
            audit_write_system("public offer form", "create", "company_contact", contact_id, NULL) != 0)
            return -1;
    }
    /* the town as the company's record will have it, when none was typed */
    struct place place;
    const char *city = str(company, "city");
    int found = *city ? 1 : places_find(str(company, "postal_code"), &place);
    if (found < 0)
        return -1;
    if (found == 0)
        city = place.name;
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *offer = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "name",
                              str(company, "name"), "street", str(company, "street"), "postal_code",
                              str(company, "postal_code"), "city", city, "phone",
                              str(company, "phone"), "email", str(company, "email"), "contact_name",
                              str(company, "contact_name"), "company_id", (json_int_t)company_id, "match_state",
                              company_id == match_id ? "suggested" : "new", "status", "pending", "lang",
                              lang && i18n_has(lang) ? lang : default_lang(), "consent_version",
                              OFFER_PRIVACY_VERSION, "consent_at", now);
    *id = 0;
    int rc = entity_store(&OFFER, offer, NULL, id);
    if (rc == 0)
        rc = audit_write_system("public offer form", "create", "offer", *id, offer);
    json_decref(offer);
    size_t i;
    json_t *p;
    json_array_foreach(posts, i, p) {
        if (rc != 0)
            break;
        json_t *copy = json_deep_copy(p);
        int64_t post_id;
        rc = posts_store_offered(copy, company_id, contact_id, *id, &post_id);
        json_decref(copy);
    }
    return rc;
}

/* ---- the form -------------------------------------------------------------- */

/* The posts sent: a JSON array "posts" of objects, or each post's fields
 * repeated in form order (an array per field, or single values for one
 * post). *indexed when there may be more than one, so problems name the
 * post ("posts[1].title"). New array. */
static json_t *posts_sent(json_t *fields, bool *indexed)
{
    json_t *list = json_object_get(fields, "posts"), *out = json_array();
    if (json_is_array(list)) {
        *indexed = true;
        size_t i;
        json_t *p;
        json_array_foreach(list, i, p) {
            json_t *copy = json_object();
            for (size_t k = 0; k < NPOST_KEYS; k++) {
                json_t *v = json_object_get(p, POST_KEYS[k]);
                if (v && !json_is_array(v) && !json_is_object(v))
                    json_object_set(copy, POST_KEYS[k], v);
            }
            json_array_append_new(out, copy);
        }
        return out;
    }
    size_t n = 1;
    for (size_t k = 0; k < NPOST_KEYS; k++) {
        json_t *v = json_object_get(fields, POST_KEYS[k]);
        if (json_is_array(v) && json_array_size(v) > n)
            n = json_array_size(v);
    }
    *indexed = n > 1;
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_object();
        for (size_t k = 0; k < NPOST_KEYS; k++) {
            json_t *v = json_object_get(fields, POST_KEYS[k]);
            json_t *item = json_is_array(v) ? json_array_get(v, i) : i == 0 ? v : NULL;
            if (item && !json_is_array(item) && !json_is_object(item))
                json_object_set(p, POST_KEYS[k], item);
        }
        json_array_append_new(out, p);
    }
    return out;
}

/* A new, empty post for the form. */
static json_t *empty_post(void)
{
    char start[11];
    posts_default_start(start);
    return json_pack("{s:s, s:s, s:s}", "places", "1", "start_date", start, "min_certificate", "none");
}

/* One post's block of the form: its values as typed, its problems and
 * suggestions, and ids that tell it apart (p1-title, p2-title, ...).
 * Steals errors and suggestions (either may be NULL). */
static json_t *post_block(struct req *r, const json_t *p, size_t i, size_t n, json_t *errors, json_t *suggestions)
{
    char prefix[16], legend[96];
    snprintf(prefix, sizeof prefix, "p%zu", i + 1);
    snprintf(legend, sizeof legend, "%s %zu", req_t(r, "offer_post_legend"), i + 1);
    json_t *b = json_pack("{s:s, s:s, s:i, s:i, s:b}", "prefix", prefix, "legend", legend, "index", (int)i, "number",
                          (int)i + 1, "removable", n > 1);
    static const char *const texts[] = { "occupation", "title", "places", "start_date", "description" };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        json_t *v = json_object_get(p, texts[k]);
        char num[32];
        const char *s = json_string_value(v);
        if (json_is_integer(v))
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), s = num;
        json_object_set_new(b, texts[k], json_string(s ? s : ""));
    }
    const char *chosen = str(p, "min_certificate");
    json_t *opts = json_array();
    for (int v = 0; CHOICES_CERTIFICATE.values[v]; v++) {
        const char *value = CHOICES_CERTIFICATE.values[v];
        json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", value, "label",
                                              entity_label(&CHOICES_CERTIFICATE, r->lang, value), "selected",
                                              !strcmp(chosen, value) || (!*chosen && v == 0)));
    }
    json_object_set_new(b, "min_certificate_options", opts);
    json_object_set_new(b, "errors", errors ? errors : json_object());
    json_object_set_new(b, "suggestions", suggestions ? suggestions : json_array());
    return b;
}

/* The form's page model: the company's values as typed (src), the posts'
 * blocks, the occupations to choose from, a fresh token and the service
 * point's phone for questions. Steals blocks. */
static json_t *form_model(json_t *src, json_t *blocks)
{
    json_t *form = validate_form_values(src, FIELDS, 7);
    json_t *consent = json_object_get(src, "privacy_consent");
    const char *c = json_string_value(consent);
    json_object_set_new(form, "privacy_consent",
                        json_boolean(json_is_true(consent) || (c && (!strcmp(c, "1") || !strcmp(c, "on")))));
    char token[FORMTOKEN_MAX] = "";
    publicform_token("offer", form_lifetime(), token);
    json_t *names = occupations_names();
    json_t *m = json_pack("{s:o, s:o, s:o, s:s, s:b, s:i}", "form", form, "posts", blocks, "occupation_names",
                          names ? names : json_array(), "form_token", token, "can_add",
                          json_array_size(blocks) < OFFER_MAX_POSTS, "max_posts", OFFER_MAX_POSTS);
    if (cfg) {
        const char *phone = cfg->apply_phone[0] ? cfg->apply_phone : cfg->operator_phone;
        char tel[64];
        if (*phone && text_tel_number(phone, tel, sizeof tel))
            json_object_set_new(m, "help_phone", json_pack("{s:s, s:s}", "tel", tel, "text", phone));
    }
    return m;
}

/* The form with the posts as sent and no problems (the first view, and
 * the steps that only change the form). */
static int show_form(struct req *r, json_t *src, json_t *list)
{
    json_t *blocks = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(list, i, p) json_array_append_new(blocks, post_block(r, p, i, json_array_size(list), NULL, NULL));
    req_title(r, req_t(r, "offer_title"));
    return req_page(r, "offers/form.tpl", form_model(src, blocks));
}

int offers_form(struct req *r)
{
    json_t *src = json_object(), *list = json_array();
    json_array_append_new(list, empty_post());
    int rc = show_form(r, src, list);
    json_decref(src);
    json_decref(list);
    return rc;
}

int offers_sent(struct req *r)
{
    req_title(r, req_t(r, "offer_sent_title"));
    json_t *m = json_object();
    if (cfg) {
        const char *phone = cfg->apply_phone[0] ? cfg->apply_phone : cfg->operator_phone;
        char tel[64];
        if (*phone && text_tel_number(phone, tel, sizeof tel))
            json_object_set_new(m, "help_phone", json_pack("{s:s, s:s}", "tel", tel, "text", phone));
    }
    return req_page(r, "offers/sent.tpl", m);
}

/* The steps of the form that change only the form (no JavaScript needed):
 * add_post, remove_post=<n>, pick=<n>:<occupation id>. True when one was
 * asked for (the form is then shown again with list changed). */
static bool form_step(struct req *r, json_t *list)
{
    if (req_field(r, "add_post")) {
        if (json_array_size(list) < OFFER_MAX_POSTS)
            json_array_append_new(list, empty_post());
        return true;
    }
    const char *remove = req_field(r, "remove_post");
    if (remove) {
        long n = strtol(remove, NULL, 10);
        if (n >= 1 && (size_t)n <= json_array_size(list) && json_array_size(list) > 1)
            json_array_remove(list, (size_t)n - 1);
        return true;
    }
    const char *pick = req_field(r, "pick");
    if (pick) {
        char *end;
        long n = strtol(pick, &end, 10);
        long long id = *end == ':' ? strtoll(end + 1, NULL, 10) : 0;
        char name[OCCUPATION_NAME_MAX];
        bool active;
        json_t *p = n >= 1 ? json_array_get(list, (size_t)n - 1) : NULL;
        if (p && id > 0 && occupations_get(id, name, sizeof name, &active) == 0 && active) {
            json_object_set_new(p, "occupation", json_string(name));
            json_object_del(p, "occupation_id");
        }
        return true;
    }
    return false;
}

/* One post checked as the form's: its occupation found from what was
 * typed (or the id sent), its fields by posts_validate_offered; problems
 * go to r under the post's names (indexed: "posts[i].field") and, for the
 * page, into *errors; suggestions into *suggestions. The clean post, or
 * NULL (with ERR_INTERNAL on a database error). */
static json_t *check_post(struct req *r, json_t *p, size_t i, bool indexed, json_t **errors, json_t **suggestions)
{
    *errors = json_object();
    *suggestions = NULL;
    struct req probe = { .lang = r->lang };
    json_t *fields = json_deep_copy(p);
    json_t *id = json_object_get(fields, "occupation_id");
    bool unknown = false;
    if (!id || json_is_null(id) || (json_is_string(id) && !*json_string_value(id))) {
        json_object_del(fields, "occupation_id");
        const char *typed = str(p, "occupation");
        int64_t found = 0;
        int rc = *typed ? occupations_resolve(typed, &found, suggestions) : 1;
        if (rc < 0) {
            json_decref(fields);
            req_fail(r, ERR_INTERNAL);
            return NULL;
        }
        if (rc == 0)
            json_object_set_new(fields, "occupation_id", json_integer(found));
        else
            unknown = *typed != '\0';
    }
    if (unknown) /* named first: what was typed is the problem, not a missing field */
        req_field_error(&probe, "occupation_id", "posts_occupation_unknown");
    json_t *in = posts_validate_offered(&probe, fields);
    json_decref(fields);
    if (probe.err == ERR_INTERNAL) {
        json_decref(in);
        json_decref(probe.err_fields);
        free(probe.err_detail);
        req_fail(r, ERR_INTERNAL);
        return NULL;
    }
    const char *field;
    json_t *msg;
    json_object_foreach(probe.err_fields, field, msg) {
        char name[96];
        if (indexed)
            snprintf(name, sizeof name, "posts[%zu].%s", i, field);
        else
            snprintf(name, sizeof name, "%s", field);
        if (!r->err_fields)
            r->err_fields = json_object();
        json_object_set(r->err_fields, name, msg);
        r->err = ERR_INVALID;
        json_object_set_new(*errors, field, json_pack("{s:O}", "message", msg));
    }
    json_decref(probe.err_fields);
    free(probe.err_detail);
    if (probe.err != ERR_NONE) {
        json_decref(in);
        return NULL;
    }
    return in;
}

struct submit {
    struct req *r;
    const json_t *company, *posts;
    int64_t match, offer_id, now;
    char key[96], ip[64];
    int wait;
};

/* The limit and the write in one transaction, so parallel submissions
 * from one address each see the others; a refused one writes nothing. */
static int submit_tx(void *arg)
{
    struct submit *s = arg;
    s->wait = throttle_key_wait(s->key, max_per_hour(), 3600, s->now);
    if (s->wait < 0)
        return -1;
    if (s->wait > 0)
        return 1;
    if (offers_store(s->company, s->posts, s->r->lang, s->match, &s->offer_id) != 0)
        return -1;
    /* the count by address is kept 90 days at most (the privacy page says so) */
    return throttle_record(s->key, s->ip, s->now) < 0 || throttle_prune(s->now - 90 * 24 * 3600) != 0 ? -1 : 0;
}

/* Answers like a stored submission, storing nothing: what a bot that
 * filled the honeypot sees, so it learns nothing. */
static int pretend_sent(struct req *r, size_t posts)
{
    return req_created(r, "/offer/sent", json_pack("{s:s, s:i}", "status", "pending", "posts", (int)posts));
}

int offers_submit(struct req *r)
{
    bool indexed = false;
    json_t *list = posts_sent(r->fields, &indexed);
    if (json_array_size(list) > OFFER_MAX_POSTS) {
        json_decref(list);
        req_field_error(r, "posts", "offer_too_many_posts");
        return -1;
    }
    if (!r->want_json && form_step(r, list)) {
        int rc = show_form(r, r->fields, list);
        json_decref(list);
        return rc;
    }
    /* the token: made by this server for this form, and not too old */
    int64_t now = (int64_t)time(NULL);
    enum formtoken_result token = publicform_check("offer", req_field(r, "form_token"), form_lifetime());
    if (token != FORMTOKEN_OK) {
        r->err = ERR_CSRF;
        r->err_detail = strdup(req_t(r, token == FORMTOKEN_EXPIRED ? "offer_token_expired" : "offer_token_bad"));
        show_form(r, r->fields, list);
        json_decref(list);
        return -1;
    }
    /* the honeypot: a field people never see */
    const char *honey = req_field(r, "homepage");
    if (honey && *honey) {
        log_info("offers: a submission filled the honeypot; nothing stored");
        size_t n = json_array_size(list);
        json_decref(list);
        return pretend_sent(r, n);
    }
    /* the company, its consent and each post */
    json_t *company = NULL, *consent = NULL, *clean = json_array(), *blocks = json_array();
    validate_fields(r, FIELDS, 7, &company);
    if (validate_fields(r, CONSENT, 1, &consent) == 0 && !json_is_true(json_object_get(consent, "privacy_consent")))
        req_field_error(r, "privacy_consent", "offer_consent_needed");
    size_t i;
    json_t *p;
    json_array_foreach(list, i, p) {
        json_t *errors, *suggestions;
        json_t *in = check_post(r, p, i, indexed, &errors, &suggestions);
        if (r->err == ERR_INTERNAL) {
            json_decref(errors);
            json_decref(suggestions);
            json_decref(in);
            break;
        }
        json_array_append_new(blocks, post_block(r, p, i, json_array_size(list), errors, suggestions));
        if (in)
            json_array_append_new(clean, in);
    }
    json_decref(consent);
    if (r->err != ERR_NONE) {
        if (r->err == ERR_INVALID) {
            req_title(r, req_t(r, "offer_title"));
            req_page(r, "offers/form.tpl", form_model(r->fields, blocks));
            r->err = ERR_INVALID;
        } else {
            json_decref(blocks);
        }
        json_decref(company);
        json_decref(clean);
        json_decref(list);
        return -1;
    }
    /* a known company? (the caseworker confirms it) */
    struct submit s = { .r = r, .company = company, .posts = clean, .now = now };
    if (companies_match(str(company, "name"), str(company, "postal_code"), &s.match) != 0) {
        json_decref(company);
        json_decref(clean);
        json_decref(blocks);
        json_decref(list);
        return req_fail(r, ERR_INTERNAL);
    }
    req_client_ip(r, s.ip, sizeof s.ip);
    snprintf(s.key, sizeof s.key, "offer:%s", s.ip);
    int rc = db_tx(submit_tx, &s);
    size_t n = json_array_size(clean);
    json_decref(company);
    json_decref(clean);
    json_decref(list);
    if (rc == 1) {
        req_title(r, req_t(r, "offer_title"));
        return throttle_refuse(r, s.wait, "offers/form.tpl", form_model(r->fields, blocks));
    }
    json_decref(blocks);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    log_info("offers: offer %lld with %zu post(s) waits for review", (long long)s.offer_id, n);
    return req_created(r, "/offer/sent", json_pack("{s:s, s:i}", "status", "pending", "posts", (int)n));
}

/* ---- the review ------------------------------------------------------------ */

long long offers_pending_count(void)
{
    int64_t n;
    return db_query_int64(&SQL_PENDING, &n) == 0 ? n : -1;
}

int offers_list(struct req *r)
{
    struct entity_query q;
    json_t *model = NULL;
    int rc = entity_query_read(r, &OFFER, &q);
    const char *all = req_query(r, "all");
    bool everything = all && !strcmp(all, "1");
    const char *status = req_query(r, "status");
    if (rc == 0 && !everything && !(status && *status))
        entity_query_where(&q, "t.status = 'pending'", 0, NULL);
    if (rc == 0)
        rc = entity_list(r, &q, &model);
    entity_query_free(&q);
    if (rc != 0)
        return -1;
    if (!r->want_json) {
        json_object_set_new(model, "showing_all", json_boolean(everything));
        json_object_set_new(model, "showing_pending", json_boolean(!everything && !(status && *status)));
        req_title(r, req_t(r, "offers_title"));
    }
    return req_page(r, "offers/list.tpl", model);
}

/* The posts a submission brought, with labels for people; NULL on error. */
static json_t *posts_of(struct req *r, int64_t offer_id)
{
    sqlite3_stmt *st = db_stmt(&SQL_POSTS_OF);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, offer_id);
    json_t *ids = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(ids, json_integer(sqlite3_column_int64(st, 0)));
    sqlite3_reset(st);
    json_t *list = rc == DB_ERROR ? NULL : json_array();
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id) {
        json_t *p;
        if (!list)
            break;
        int found = entity_load(&POST, json_integer_value(id), &p);
        if (found < 0) {
            json_decref(list);
            list = NULL;
        } else if (found == 0) {
            const char *status = str(p, "status");
            json_object_set_new(p, "status_label", json_string(entity_label(&CHOICES_POST_STATUS, r->lang, status)));
            char day[32];
            req_date(r, str(p, "start_date"), day, sizeof day);
            json_object_set_new(p, "start_date_local", json_string(day));
            json_array_append_new(list, p);
        }
    }
    json_decref(ids);
    return list;
}

/* The messages kept for the company; NULL on error. */
static json_t *messages_of(int64_t offer_id)
{
    sqlite3_stmt *st = db_stmt(&SQL_OUTBOX_OF);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, offer_id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:b}", "to", db_text(st, 0), "subject",
                                              db_text(st, 1), "body", db_text(st, 2), "created_at", db_text(st, 3),
                                              "sent", sqlite3_column_type(st, 4) != SQLITE_NULL));
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

int offers_show(struct req *r)
{
    json_t *o;
    if (entity_open(r, &OFFER, ACT_READ, &o) != 0)
        return -1;
    json_t *posts = posts_of(r, r->id), *messages = posts ? messages_of(r->id) : NULL;
    if (!messages) {
        json_decref(posts);
        json_decref(o);
        return req_fail(r, ERR_INTERNAL);
    }
    json_object_set_new(o, "posts", posts);
    json_object_set_new(o, "messages", messages);
    if (!r->want_json) {
        const char *status = str(o, "status"), *match = str(o, "match_state");
        json_object_set_new(o, "status_label", json_string(entity_label(&CHOICES_OFFER_STATUS, r->lang, status)));
        json_object_set_new(o, "match_label", json_string(entity_label(&CHOICES_OFFER_MATCH, r->lang, match)));
        bool pending = !strcmp(status, "pending");
        json_object_set_new(o, "pending", json_boolean(pending));
        json_object_set_new(o, "suggested", json_boolean(pending && !strcmp(match, "suggested")));
        json_object_set_new(o, "decidable", json_boolean(pending && strcmp(match, "suggested") != 0));
        json_object_set_new(o, "made_company", json_boolean(!strcmp(match, "new")));
        json_object_set_new(o, "rejected", json_boolean(!strcmp(status, "rejected")));
        json_object_set_new(o, "decided", json_boolean(json_is_string(json_object_get(o, "reviewed_at"))));
        char tel[64];
        json_object_set_new(o, "phone_link", text_tel_number(str(o, "phone"), tel, sizeof tel)
                                                 ? json_pack("{s:s, s:s}", "tel", tel, "text", str(o, "phone"))
                                                 : json_null());
        json_t *company = json_object_get(o, "company_id");
        json_object_set_new(o, "company", json_is_integer(company)
                                              ? json_pack("{s:O, s:s}", "id", company, "name", str(o, "company_name"))
                                              : json_null());
        static const char *const times[] = { "created_at", "consent_at", "reviewed_at" };
        for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
            char local[64], key[48];
            req_date(r, str(o, times[i]), local, sizeof local);
            snprintf(key, sizeof key, "%s_local", times[i]);
            json_object_set_new(o, key, json_string(local));
        }
        req_title(r, str(o, "name"));
    }
    return req_page(r, "offers/show.tpl", o);
}

/* A template of the catalog in lang with {name} ({contact}, {reason},
 * {service}) put in; new string. */
static char *fill_in(const char *lang, const char *key, const json_t *offer, const char *reason)
{
    const char *text = i18n_get(lang, key);
    const char *service = cfg && cfg->apply_name[0] ? cfg->apply_name
                          : cfg && cfg->operator_name[0] ? cfg->operator_name
                                                         : i18n_get(lang, "offer_mail_service");
    const struct {
        const char *mark, *value;
    } fills[] = { { "{name}", str(offer, "name") }, { "{contact}", str(offer, "contact_name") },
                  { "{reason}", reason ? reason : "" }, { "{service}", service } };
    struct buf b = { 0 };
    for (const char *p = text; *p;) {
        bool done = false;
        for (size_t i = 0; i < sizeof fills / sizeof fills[0] && !done; i++)
            if (!strncmp(p, fills[i].mark, strlen(fills[i].mark))) {
                buf_puts(&b, fills[i].value);
                p += strlen(fills[i].mark);
                done = true;
            }
        if (!done)
            buf_append(&b, p++, 1);
    }
    return b.data ? buf_steal(&b) : strdup("");
}

/* Keeps the message about a decision for the company, in its language,
 * until e-mail exists: when it gave an address. */
static int keep_message(const json_t *offer, const char *what, const char *reason)
{
    const char *to = str(offer, "email");
    if (!*to)
        return 0;
    const char *lang = str(offer, "lang");
    char subject_key[64], body_key[64];
    snprintf(subject_key, sizeof subject_key, "offer_mail_%s_subject", what);
    snprintf(body_key, sizeof body_key, "offer_mail_%s_body", what);
    char *subject = fill_in(*lang ? lang : default_lang(), subject_key, offer, reason);
    char *body = fill_in(*lang ? lang : default_lang(), body_key, offer, reason);
    sqlite3_stmt *st = db_stmt(&SQL_OUTBOX);
    int rc = -1;
    if (st && subject && body) {
        sqlite3_bind_text(st, 1, to, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, subject, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, json_integer_value(json_object_get(offer, "id")));
        rc = db_run(st);
    }
    free(subject);
    free(body);
    return rc;
}

struct decision {
    struct req *r;
    const char *what;          /* "approved", "rejected", "same", "new" */
    const char *reason;        /* borrowed: the request's */
    bool delete_company;
};

/* Moves every pending post of the offer to `to` (open, closed). */
static int move_posts(struct req *r, int64_t offer_id, const char *to)
{
    sqlite3_stmt *st = db_stmt(&SQL_PENDING_POSTS);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, offer_id);
    json_t *ids = json_array();
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW)
        json_array_append_new(ids, json_integer(sqlite3_column_int64(st, 0)));
    sqlite3_reset(st);
    int rc = step == DB_ERROR ? -1 : 0;
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id) {
        if (rc != 0)
            break;
        rc = entity_set_state_tx(r, &POST, json_integer_value(id), "status", "pending", to);
    }
    json_decref(ids);
    return rc;
}

/* Records who decided, when, and why (a rejection). */
static int reviewed(struct req *r, const char *reason)
{
    sqlite3_stmt *st = db_stmt(&SQL_REVIEWED);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int64(st, 2, r->user->id);
    sqlite3_bind_text(st, 3, reason ? reason : "", -1, SQLITE_STATIC);
    return db_run(st);
}

/* Approve or reject in one transaction: the offer's status (a conditional
 * update: decided twice is a 409), its pending posts open or closed, who
 * decided, the message kept, and for a rejection the company the offer
 * made removed when asked. */
static int decide_tx(void *arg)
{
    struct decision *d = arg;
    struct req *r = d->r;
    json_t *offer;
    int rc = entity_allowed(r, &OFFER, r->id, ACT_WRITE, &offer);
    if (rc != 0)
        return rc;
    bool approve = !strcmp(d->what, "approved");
    const char *match = str(offer, "match_state");
    if (approve && !strcmp(match, "suggested") && !strcmp(str(offer, "status"), "pending")) {
        json_decref(offer);
        r->err_detail = strdup(req_t(r, "offers_confirm_match_first"));
        return req_fail(r, ERR_CONFLICT), 1;
    }
    rc = entity_set_state_tx(r, &OFFER, r->id, "status", "pending", d->what);
    if (rc == 0)
        rc = reviewed(r, approve ? NULL : d->reason);
    if (rc == 0)
        rc = move_posts(r, r->id, approve ? "open" : "closed");
    if (rc == 0)
        rc = keep_message(offer, approve ? "approved" : "rejected", d->reason);
    json_t *company = json_object_get(offer, "company_id");
    if (rc == 0 && !approve && d->delete_company && !strcmp(match, "new") && json_is_integer(company))
        rc = entity_delete_tx(r, &COMPANY, json_integer_value(company));
    json_decref(offer);
    return rc;
}

/* Runs a decision's transaction and answers with the offer's page (and
 * its notice). */
static int decide(struct req *r, struct decision *d)
{
    int rc = db_tx(decide_tx, d);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/offers/%lld?done=offer_%s", (long long)r->id, d->what);
    return req_redirect(r, loc, json_pack("{s:I, s:s}", "id", (json_int_t)r->id, "status", d->what));
}

int offers_approve(struct req *r)
{
    struct decision d = { r, "approved", NULL, false };
    return decide(r, &d);
}

int offers_reject(struct req *r)
{
    static const struct field_rule RULES[] = {
        { .name = "reject_reason", .type = V_TEXT, .required = true, .min = 1, .max = 1000 },
        { .name = "delete_company", .type = V_BOOL },
    };
    json_t *in;
    if (validate_fields(r, RULES, 2, &in) != 0) {
        if (r->want_json)
            return -1;
        /* the offer's page again, the reason's problem beside its field */
        enum err e = r->err;
        json_t *fields = r->err_fields;
        r->err_fields = NULL;
        r->err = ERR_NONE;
        int rc = offers_show(r);
        if (rc == 0) {
            json_decref(r->err_fields);
            r->err_fields = fields;
            r->err = e;
        } else {
            json_decref(fields);
        }
        return -1;
    }
    struct decision d = { r, "rejected", json_string_value(json_object_get(in, "reject_reason")),
                          json_is_true(json_object_get(in, "delete_company")) };
    int rc = decide(r, &d);
    json_decref(in);
    return rc;
}

/* The offer's posts given to company with contact (each rewritten
 * through the kit: its town, version and search follow), audited. */
static int give_posts(struct req *r, int64_t company, int64_t contact)
{
    json_t *posts = posts_of(r, r->id);
    if (!posts)
        return -1;
    int rc = 0;
    size_t i;
    json_t *p;
    json_array_foreach(posts, i, p) {
        if (rc != 0)
            break;
        json_t *old = json_deep_copy(p);
        json_object_set_new(p, "company_id", json_integer(company));
        json_object_set_new(p, "contact_id", contact ? json_integer(contact) : json_null());
        if (!json_equal(json_object_get(old, "company_id"), json_object_get(p, "company_id")))
            json_object_set_new(p, "postal_code", json_string("")); /* the new company's */
        json_t *names = entity_changed(&POST, old, p);
        int64_t id = json_integer_value(json_object_get(p, "id"));
        if (json_array_size(names)) {
            rc = entity_store(&POST, p, old, &id);
            if (rc == 0)
                rc = audit_write(r, "update", "post", id, names);
        }
        json_decref(names);
        json_decref(old);
    }
    json_decref(posts);
    return rc;
}

/* The match: the company found is the one (the contact person named in
 * the offer added to it unless it has one of that name), or it is another:
 * a new company of the details sent. Either way the posts go to that
 * company with that contact person, and the offer's match is settled
 * (conditional: once). */
static int match_tx(void *arg)
{
    struct decision *d = arg;
    struct req *r = d->r;
    json_t *offer;
    int rc = entity_allowed(r, &OFFER, r->id, ACT_WRITE, &offer);
    if (rc != 0)
        return rc;
    bool same = !strcmp(d->what, "same");
    rc = entity_set_state_tx(r, &OFFER, r->id, "match_state", "suggested", same ? "confirmed" : "new");
    int64_t company = json_integer_value(json_object_get(offer, "company_id"));
    int64_t contact = 0;
    if (rc == 0 && same) {
        sqlite3_stmt *st = db_stmt(&SQL_CONTACT_NAMED);
        enum db_step step = DB_ERROR;
        if (st) {
            sqlite3_bind_int64(st, 1, company);
            sqlite3_bind_text(st, 2, str(offer, "contact_name"), -1, SQLITE_STATIC);
            step = db_step(st);
            if (step == DB_ROW)
                contact = sqlite3_column_int64(st, 0);
            sqlite3_reset(st);
        }
        if (step == DB_ERROR)
            rc = -1;
        else if (step == DB_DONE)
            rc = companies_store_contact(company, str(offer, "contact_name"),
                                         i18n_get(default_lang(), "offer_contact_role"), NULL, NULL, &contact) ||
                         audit_write(r, "create", "company_contact", contact, NULL)
                     ? -1
                     : 0;
    } else if (rc == 0) {
        json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "name",
                              str(offer, "name"), "street", str(offer, "street"), "postal_code",
                              str(offer, "postal_code"), "city", str(offer, "city"), "phone", str(offer, "phone"),
                              "email", str(offer, "email"), "training_status", "interested", "chamber", "none",
                              "owner_migration_background", "unknown", "trainer_aptitude", "no",
                              "training_authorisation", "no", "caseworker_id", (json_int_t)r->user->id, "notes",
                              i18n_get(default_lang(), "offer_company_note"));
        company = 0;
        rc = companies_store(c, &company) || audit_write(r, "create", "company", company, c) ||
                     companies_store_contact(company, str(offer, "contact_name"),
                                             i18n_get(default_lang(), "offer_contact_role"), NULL, NULL, &contact) ||
                     audit_write(r, "create", "company_contact", contact, NULL)
                 ? -1
                 : 0;
        json_decref(c);
        sqlite3_stmt *st = rc == 0 ? db_stmt(&SQL_SET_COMPANY) : NULL;
        if (rc == 0 && !st)
            rc = -1;
        if (st) {
            sqlite3_bind_int64(st, 1, r->id);
            sqlite3_bind_int64(st, 2, company);
            rc = db_run(st);
        }
    }
    if (rc == 0)
        rc = give_posts(r, company, contact);
    json_decref(offer);
    return rc;
}

int offers_match(struct req *r)
{
    const char *action = req_field(r, "action");
    if (!action || (strcmp(action, "same") != 0 && strcmp(action, "new") != 0)) {
        req_field_error(r, "action", "field_bad_choice");
        return -1;
    }
    struct decision d = { r, action, NULL, false };
    int rc = db_tx(match_tx, &d);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/offers/%lld?done=offer_match_%s", (long long)r->id, action);
    return req_redirect(r, loc, json_pack("{s:I, s:s}", "id", (json_int_t)r->id, "match", action));
}
