#include "app/home.h"

#include "app/auth.h"
#include "app/activities.h"
#include "app/offers.h"
#include "app/placements.h"
#include "app/reports.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

static struct db_sql SQL_HEALTH = DB_SQL("SELECT count(*) FROM meta");

static const struct config *legal;

void home_configure(const struct config *cfg)
{
    legal = cfg;
    if (!cfg->operator_name[0] || !cfg->operator_address[0])
        log_info("warning: [legal] operator_name and operator_address are not both set in the configuration; "
                 "the Impressum (/impressum) names no operator until they are");
}

/* The legal settings as the pages' model: only those set, each under its
 * own name, so a page leaves out what is empty ({{#operator_name}}...). */
static json_t *legal_model(void)
{
    json_t *m = json_object();
    if (!legal)
        return m;
    const struct {
        const char *key, *value;
    } items[] = {
        { "operator_name", legal->operator_name },
        { "operator_address", legal->operator_address },
        { "operator_representative", legal->operator_representative },
        { "operator_phone", legal->operator_phone },
        { "operator_email", legal->operator_email },
        { "operator_register", legal->operator_register },
        { "content_responsible", legal->content_responsible },
        { "privacy_officer", legal->privacy_officer },
        { "privacy_authority", legal->privacy_authority },
    };
    bool contact = false;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        if (items[i].value[0]) {
            json_object_set_new(m, items[i].key, json_pack("{s:s}", "text", items[i].value));
            contact |= !strcmp(items[i].key, "operator_phone") || !strcmp(items[i].key, "operator_email");
        }
    /* the phone number dials, the address writes */
    char tel[64];
    json_t *phone = json_object_get(m, "operator_phone");
    if (phone)
        json_object_set_new(phone, "dial", text_tel_number(legal->operator_phone, tel, sizeof tel)
                                               ? json_pack("{s:s}", "tel", tel)
                                               : json_null());
    if (contact)
        json_object_set_new(m, "contact", json_true());
    if (!legal->operator_name[0] || !legal->operator_address[0])
        json_object_set_new(m, "incomplete", json_true());
    return m;
}

/* Answers only after the database answered a real query, so a monitor
 * learns about a broken store, not just a running process. */
int home_health(struct req *r)
{
    int64_t n;
    if (db_query_int64(&SQL_HEALTH, &n) != 0)
        return req_fail(r, ERR_UNAVAILABLE);
    r->cache_control = "no-store";
    return req_page(r, NULL, json_pack("{s:s}", "status", "ok"));
}

/* The start page: for staff the day's overview, for everyone else the ways
 * in (jobs, offering a post, log-in). */
int home_page(struct req *r)
{
    req_title(r, req_t(r, "home_title"));
    json_t *model = json_object();
    if (r->user) {
        long long due = followups_due_count(r->user->id);
        json_object_set_new(model, "followups_due", json_integer(due < 0 ? 0 : due));
        json_object_set_new(model, due > 0 ? "has_followups_due" : "no_followups_due", json_true());
        long long offers = offers_pending_count();
        json_object_set_new(model, "offers_pending", json_integer(offers < 0 ? 0 : offers));
        json_object_set_new(model, offers > 0 ? "has_offers_pending" : "no_offers_pending", json_true());
        json_t *answers = placements_unseen_answers(r);
        json_object_set_new(model, "answers", answers ? answers : json_array());
        json_object_set_new(model, "own_figures", r->user->role >= ROLE_CASEWORKER ? reports_own_figures(r) : NULL);
    }
    return req_page(r, "home/index.tpl", model);
}

/* Sources and licences of the reference data, as their licences ask. */
int home_about(struct req *r)
{
    req_title(r, req_t(r, "about_title"));
    json_t *model = json_object();
    return req_page(r, "home/about.tpl", model);
}

/* The Impressum (provider identification, § 5 DDG): who runs the site,
 * from the configuration, for anyone. */
int home_impressum(struct req *r)
{
    req_title(r, req_t(r, "impressum_title"));
    return req_page(r, "home/impressum.tpl", legal_model());
}

/* The privacy notice: who is responsible (configuration) and what this
 * program itself stores about visitors (the catalog's text), for anyone. */
int home_privacy(struct req *r)
{
    req_title(r, req_t(r, "privacy_title"));
    return req_page(r, "home/privacy.tpl", legal_model());
}

/* Switches the interface language: a cookie for a year, then back to the
 * page the person came from (same-site paths only). */
int home_language(struct req *r)
{
    const char *lang = r->params[0];
    if (!i18n_has(lang))
        return req_fail(r, ERR_NOT_FOUND);
    char cookie[320];
    snprintf(cookie, sizeof cookie, "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax", lang);
    req_set_cookie(r, cookie);
    return req_redirect(r, req_local_path(req_query(r, "next")), json_pack("{s:s}", "lang", lang));
}
