#include "app/join.h"

#include "app/candidates.h"
#include "app/choices.h"
#include "app/places.h"
#include "app/schools.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/publicform.h"
#include "core/log.h"
#include "core/text.h"
#include "core/throttle.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FORM_LIFETIME (3 * 3600)   /* seconds a pupil has to fill the form in */
#define HONEYPOT "website"         /* a field people never see and bots fill in */
#define PARENT_AGE 16              /* under this age a parent's consent is needed */

static int max_per_hour = 60;

void join_configure(const struct config *cfg) { max_per_hour = cfg->join_max_per_hour; }

/* What a pupil types: the candidate's fields that a pupil knows, and the
 * consents. The least data: gender only if the pupil wants to say it
 * ("keine Angabe" chosen; the funder's figures count it in aggregate), no
 * notes. */
static const struct field_rule RULES[] = {
    { .name = "first_name", .type = V_TEXT, .required = true, .min = 1, .max = 100 },
    { .name = "last_name", .type = V_TEXT, .required = true, .min = 1, .max = 100 },
    { .name = "birth_date", .type = V_DATE, .required = true },
    { .name = "email", .type = V_EMAIL },
    { .name = "phone", .type = V_PHONE },
    { .name = "postal_code", .type = V_TEXT, .check = places_check_plz },
    { .name = "certificate", .type = V_ENUM, .choices = &CHOICES_CERTIFICATE },
    { .name = "expected_certificate", .type = V_ENUM, .choices = &CHOICES_CERTIFICATE },
    { .name = "desired_occupations", .type = V_TAGS, .max = 3 },
    { .name = "languages", .type = V_LANGS, .max = 20, .choices = &CHOICES_LANGUAGE },
    { .name = "available_from", .type = V_DATE },
    { .name = "migration_background", .type = V_ENUM, .choices = &CHOICES_MIGRATION_BACKGROUND },
    { .name = "gender", .type = V_ENUM, .choices = &CHOICES_GENDER },
    { .name = "privacy_consent", .type = V_BOOL },
    { .name = "parent_name", .type = V_TEXT, .max = 200 },
    { .name = "parent_email", .type = V_EMAIL },
    { .name = "parent_phone", .type = V_PHONE },
    { .name = "parental_consent", .type = V_BOOL },
};
#define NRULES (sizeof RULES / sizeof RULES[0])

/* The link of the path's token, or the kind page that says why not: 404
 * for a token no link has, 410 for a closed or expired link (whom to ask
 * instead). 0 with *l filled, or -1 with the answer set. */
static int open_link(struct req *r, struct signup_link *l)
{
    int rc = schools_link_by_token(r->params[0], l);
    if (rc < 0)
        return req_fail(r, ERR_INTERNAL);
    json_t *model = json_pack("{s:o}", "contact", schools_contact());
    if (rc > 0) {
        req_title(r, req_t(r, "join_unknown_title"));
        r->err_detail = strdup(req_t(r, "join_unknown_text"));
        req_page(r, "join/gone.tpl", model);
        return req_fail(r, ERR_NOT_FOUND);
    }
    char today[11];
    text_local_day(0, today);
    if (l->closed || strcmp(l->expires, today) < 0) {
        json_object_set_new(model, "school", json_pack("{s:s}", "name", l->school_name));
        json_object_set_new(model, "closed", json_true());
        req_title(r, req_t(r, "join_gone_title"));
        r->err_detail = strdup(req_t(r, "join_gone_text"));
        req_page(r, "join/gone.tpl", model);
        return req_fail(r, ERR_GONE);
    }
    json_decref(model);
    return 0;
}

/* The form's purpose for this link: a token is good for its own link only. */
static void purpose_of(const struct signup_link *l, char out[48])
{
    snprintf(out, 48, "join:%lld", (long long)l->id);
}

/* The form token for this link's form. */
static void make_token(const struct signup_link *l, char out[FORMTOKEN_MAX])
{
    char purpose[48];
    purpose_of(l, purpose);
    publicform_token(purpose, FORM_LIFETIME, out);
}

static enum formtoken_result check_token(const struct signup_link *l, const char *token)
{
    char purpose[48];
    purpose_of(l, purpose);
    return publicform_check(purpose, token, FORM_LIFETIME);
}

/* The page's model: the school, a fresh form token, the notice's version,
 * the choices, and what was typed (values, or NULL for an empty form). */
static json_t *form_model(struct req *r, const struct signup_link *l, const json_t *values)
{
    char token[FORMTOKEN_MAX];
    make_token(l, token);
    json_t *model = json_pack("{s:{s:s}, s:s, s:s, s:i}", "school", "name", l->school_name, "csrf_token", token,
                              "notice_version", CANDIDATES_NOTICE_VERSION, "parent_age", PARENT_AGE);
    if (r->want_json)
        return model;
    /* the layout's csrf_token is the session's: the form's is its own */
    json_object_set_new(model, "form_token", json_string(token));
    json_t *empty = json_pack("{s:s, s:s}", "migration_background", "not_stated", "certificate", "none");
    json_t *form = entity_form_rules(r, RULES, NRULES, values ? values : empty);
    json_decref(empty);
    json_t *list = values ? json_object_get(values, "desired_occupations") : NULL;
    json_object_set_new(form, "desired_occupations_list", json_is_array(list) ? json_deep_copy(list)
                                                          : json_is_string(list) ? json_pack("[O]", list) : json_array());
    candidates_occupation_names(form);
    const char *gender = json_string_value(json_object_get(form, "gender"));
    json_object_set_new(form, "gender_none", json_boolean(!gender || !*gender));
    json_t *occ = candidates_occupation_options();
    json_object_set_new(model, "occupations", occ ? occ : json_array());
    json_object_set_new(model, "form", form);
    json_object_set_new(model, "contact", schools_contact());
    char path[REQ_PARAM_MAX + 16];
    snprintf(path, sizeof path, "/join/%s", r->params[0]);
    json_object_set_new(model, "action", json_string(path));
    return model;
}

/* GET /join/{token}: the form (JSON: its token and the school). */
int join_form(struct req *r)
{
    struct signup_link l;
    if (open_link(r, &l) != 0)
        return -1;
    r->cache_control = "no-store";
    req_title(r, req_t(r, "join_title"));
    return req_page(r, "join/form.tpl", form_model(r, &l, NULL));
}

struct attempt_ctx {
    char key[96], ip[64];
    int64_t now;
    int wait;
};

/* Counts this attempt from the address, unless it has tried too often. */
static int attempt_tx(void *arg)
{
    struct attempt_ctx *c = arg;
    c->wait = throttle_key_wait(c->key, max_per_hour, 3600, c->now);
    if (c->wait != 0)
        return c->wait < 0 ? -1 : 0;
    return throttle_record(c->key, c->ip, c->now) < 0 ? -1 : 0;
}

struct store_ctx {
    struct req *r;
    const struct signup_link *l;
    json_t *in;
    bool parental;
    int64_t id;
    bool again;
};

/* The sign-up in one transaction: a person already in the pool (the same
 * name and birth date) is recognised and only the new consent is added;
 * else a new candidate, status new, with school and link. */
static int store_tx(void *arg)
{
    struct store_ctx *c = arg;
    json_t *in = c->in;
    if (candidates_find_same(json_string_value(json_object_get(in, "first_name")),
                             json_string_value(json_object_get(in, "last_name")),
                             json_string_value(json_object_get(in, "birth_date")), &c->id) != 0)
        return -1;
    c->again = c->id != 0;
    if (!c->again) {
        json_object_set_new(in, "status", json_string("new"));
        json_object_set_new(in, "school_id", json_integer(c->l->school_id));
        json_object_set_new(in, "link_id", json_integer(c->l->id));
        if (entity_store(&CANDIDATE, in, NULL, &c->id) != 0)
            return -1;
        json_t *names = entity_changed(&CANDIDATE, NULL, in);
        int rc = audit_write(c->r, "create", "candidate", c->id, names);
        json_decref(names);
        if (rc != 0)
            return -1;
    }
    if (candidates_add_consent(c->id, "link", c->l->id, c->parental) != 0)
        return -1;
    json_t *names = json_pack("[s]", "consents");
    int rc = c->again ? audit_write(c->r, "update", "candidate", c->id, names) : 0;
    json_decref(names);
    return rc;
}

/* The form again with the problems beside the fields (400), nothing kept. */
static int form_again(struct req *r, const struct signup_link *l)
{
    enum err e = r->err;
    json_t *fields = r->err_fields ? json_incref(r->err_fields) : NULL;
    req_title(r, req_t(r, "join_title"));
    req_page(r, "join/form.tpl", form_model(r, l, r->fields));
    r->err = e == ERR_NONE ? ERR_INVALID : e;
    if (fields) {
        json_decref(r->err_fields);
        r->err_fields = fields;
    }
    return -1;
}

/* POST /join/{token}: checks the form token, the honeypot and the rate
 * limit, then the fields (under 16: a parent and their consent); a
 * refused submission leaves nothing stored. */
int join_submit(struct req *r)
{
    struct signup_link l;
    if (open_link(r, &l) != 0)
        return -1;
    r->cache_control = "no-store";
    struct attempt_ctx a = { .now = (int64_t)time(NULL) };
    req_client_ip(r, a.ip, sizeof a.ip);
    snprintf(a.key, sizeof a.key, "join:%s", a.ip);
    if (db_tx(attempt_tx, &a) != 0)
        return req_fail(r, ERR_INTERNAL);
    if (a.wait > 0) {
        req_title(r, req_t(r, "join_title"));
        return throttle_refuse(r, a.wait, "join/form.tpl", form_model(r, &l, r->fields));
    }
    const char *token = req_field(r, "csrf_token");
    if (!token)
        token = req_header(r, "X-CSRF-Token");
    enum formtoken_result ft = check_token(&l, token);
    if (ft == FORMTOKEN_BAD)
        return req_fail(r, ERR_CSRF);
    if (ft == FORMTOKEN_EXPIRED) {
        r->err_detail = strdup(req_t(r, "join_form_expired"));
        r->err = ERR_INVALID;
        return form_again(r, &l);
    }
    const char *pot = req_field(r, HONEYPOT);
    if (pot && *pot) {
        log_info("join: honeypot filled in from %s; nothing stored", a.ip);
        return req_fail(r, ERR_BAD_REQUEST);
    }
    /* occupations typed by name become ids; every problem is named at once */
    if (candidates_resolve_occupations(r) != 0 && r->err != ERR_INVALID)
        return -1;
    json_t *in = NULL;
    if (validate_fields(r, RULES, NRULES, &in) != 0)
        in = NULL;
    bool parental = false;
    if (in) {
        if (!json_is_true(json_object_get(in, "privacy_consent")))
            req_field_error(r, "privacy_consent", "join_privacy_needed");
        const char *email = json_string_value(json_object_get(in, "email"));
        const char *phone = json_string_value(json_object_get(in, "phone"));
        if (!email && !phone)
            req_field_error(r, "email", "join_contact_needed");
        char today[11];
        text_local_day(0, today);
        int age = text_age_on(json_string_value(json_object_get(in, "birth_date")), today);
        if (age < 0)
            req_field_error(r, "birth_date", "join_birth_future");
        else if (age < PARENT_AGE) {
            if (!json_is_string(json_object_get(in, "parent_name")))
                req_field_error(r, "parent_name", "join_parent_needed");
            if (!json_is_string(json_object_get(in, "parent_email")) && !json_is_string(json_object_get(in, "parent_phone")))
                req_field_error(r, "parent_email", "join_parent_contact_needed");
            if (!json_is_true(json_object_get(in, "parental_consent")))
                req_field_error(r, "parental_consent", "join_parental_consent_needed");
            parental = json_is_true(json_object_get(in, "parental_consent"));
        } else {
            /* 16 or older: no parent's data kept */
            json_object_set_new(in, "parent_name", json_null());
            json_object_set_new(in, "parent_email", json_null());
            json_object_set_new(in, "parent_phone", json_null());
        }
    }
    if (!in || r->err != ERR_NONE) {
        json_decref(in);
        return form_again(r, &l);
    }
    if (json_is_null(json_object_get(in, "migration_background")))
        json_object_set_new(in, "migration_background", json_string("not_stated"));
    if (json_is_null(json_object_get(in, "certificate")))
        json_object_set_new(in, "certificate", json_string("none"));
    json_object_del(in, "privacy_consent");
    json_object_del(in, "parental_consent");
    struct store_ctx c = { .r = r, .l = &l, .in = in, .parental = parental };
    int rc = db_tx(store_tx, &c);
    json_decref(in);
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[REQ_PARAM_MAX + 16];
    snprintf(loc, sizeof loc, "/join/%s/thanks", r->params[0]);
    return req_created(r, loc, json_pack("{s:b, s:s}", "received", 1, "status", "new"));
}

/* GET /join/{token}/thanks: what happens next, and whom to ask. */
int join_thanks(struct req *r)
{
    struct signup_link l;
    int rc = schools_link_by_token(r->params[0], &l);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    req_title(r, req_t(r, "join_thanks_title"));
    return req_page(r, "join/thanks.tpl", json_pack("{s:{s:s}, s:o}", "school", "name", l.school_name, "contact",
                                                   schools_contact()));
}
