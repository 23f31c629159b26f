#include "app/home.h"

#include "app/auth.h"
#include "app/activities.h"
#include "core/db.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

static struct db_sql SQL_HEALTH = DB_SQL("SELECT count(*) FROM meta");

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
