#include "app/activities.h"

#include "app/auth.h"
#include "app/choices.h"
#include "app/companies.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/list.h"
#include "core/text.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the declaration ------------------------------------------------------
 * An activity with a company. company_id and caseworker_id are the area's
 * (from the path and the author), never taken from a request. */
static const struct field_rule FIELDS[] = {
    { .name = "kind", .type = V_ENUM, .required = true, .choices = &CHOICES_ACTIVITY_KIND, .flags = F_LIST },
    { .name = "date", .type = V_DATE, .required = true, .flags = F_LIST },
    { .name = "subject", .type = V_TEXT, .required = true, .min = 1, .max = 200, .flags = F_LIST },
    { .name = "notes", .type = V_TEXT, .max = 10000, .flags = F_LIST },
    { .name = "topics", .type = V_TAGS, .max = 5, .choices = &CHOICES_TOPIC, .flags = F_LIST },
    { .name = "referred_to", .type = V_ENUM, .choices = &CHOICES_REFERRAL, .flags = F_LIST | F_NULLABLE },
    { .name = "follow_up", .type = V_DATE, .flags = F_LIST },
    { .name = "follow_up_done", .type = V_BOOL, .expr = "t.follow_up_done_at IS NOT NULL",
      .flags = F_READONLY | F_LIST },
    { .name = "company_id", .type = V_ID, .flags = F_DERIVED | F_LIST },
    { .name = "caseworker_id", .type = V_ID, .flags = F_DERIVED },
    { .name = "caseworker_name", .type = V_TEXT, .expr = "u.name", .flags = F_READONLY | F_LIST },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY },
};

static const struct entity_sort NEWEST_FIRST[] = { { .key = "date", .order = "t.date DESC, t.id DESC", .descending = true } };

static int activity_check(struct req *r, json_t *in, const json_t *old);

/* Activities are the team's record of work with a company: every staff
 * member reads them, caseworkers and admins add them. */
static struct entity ACTIVITY = {
    .type = "activity",
    .table = "activities",
    .joins = "LEFT JOIN users u ON u.id = t.caseworker_id",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = NEWEST_FIRST,
    .nsorts = 1,
    .may = auth_team_may,
    .check = activity_check,
};

/* A follow-up (Wiedervorlage) is an activity seen from its due date: the
 * same table, declared once more for its own list. */
static const struct field_rule FOLLOWUP_FIELDS[] = {
    { .name = "kind", .type = V_ENUM, .choices = &CHOICES_ACTIVITY_KIND, .flags = F_LIST | F_READONLY },
    { .name = "date", .type = V_DATE, .flags = F_LIST | F_READONLY },
    { .name = "subject", .type = V_TEXT, .flags = F_LIST | F_READONLY },
    { .name = "follow_up", .type = V_DATE, .flags = F_LIST | F_READONLY },
    { .name = "company_id", .type = V_ID, .flags = F_LIST | F_READONLY },
    { .name = "company_name", .type = V_TEXT, .expr = "c.name", .flags = F_LIST | F_READONLY },
    { .name = "caseworker_id", .type = V_ID, .flags = F_LIST | F_READONLY },
    { .name = "caseworker_name", .type = V_TEXT, .expr = "u.name", .flags = F_LIST | F_READONLY },
    { .name = "company_caseworker_id", .type = V_ID, .expr = "c.caseworker_id", .flags = F_READONLY },
    { .name = "overdue", .type = V_BOOL, .expr = "t.follow_up < date('now', 'localtime')",
      .flags = F_LIST | F_READONLY },
    { .name = "done", .type = V_BOOL, .expr = "t.follow_up_done_at IS NOT NULL", .flags = F_READONLY },
};

static const struct entity_sort DUE_FIRST[] = { { .key = "due", .order = "t.follow_up, t.id" } };

static int followup_may(struct req *r, const json_t *rec, enum entity_action action);

static struct entity FOLLOWUP = {
    .type = "activity",
    .table = "activities",
    .joins = "JOIN companies c ON c.id = t.company_id LEFT JOIN users u ON u.id = t.caseworker_id",
    .fields = FOLLOWUP_FIELDS,
    .nfields = sizeof FOLLOWUP_FIELDS / sizeof FOLLOWUP_FIELDS[0],
    .sorts = DUE_FIRST,
    .nsorts = 1,
    .may = followup_may,
};

struct entity *const activities_entities[] = { &ACTIVITY, &FOLLOWUP, NULL };

/* due: a follow-up date today or earlier (local time), not done */
#define DUE "t.follow_up IS NOT NULL AND t.follow_up_done_at IS NULL AND t.follow_up <= date('now', 'localtime')"

static struct db_sql SQL_DONE = DB_SQL(
    "UPDATE activities SET follow_up_done_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "WHERE id = ?1 AND follow_up IS NOT NULL AND follow_up_done_at IS NULL");
static struct db_sql SQL_DUE_COUNT = DB_SQL("SELECT count(*) FROM activities t WHERE " DUE
                                            " AND t.caseworker_id = ?1 AND t.company_id IS NOT NULL");

/* ---- the area's own rules ------------------------------------------------- */

/* What the rules cannot say: a referral names its chamber, a follow-up is
 * not before the activity; the company is the path's, the author the
 * caseworker. */
static int activity_check(struct req *r, json_t *in, const json_t *old)
{
    (void)old;
    const char *kind = json_string_value(json_object_get(in, "kind"));
    if (kind && !strcmp(kind, "referral") && json_is_null(json_object_get(in, "referred_to")))
        req_field_error(r, "referred_to", "activities_referral_needs_chamber");
    const char *date = json_string_value(json_object_get(in, "date"));
    const char *fu = json_string_value(json_object_get(in, "follow_up"));
    if (date && fu && strcmp(fu, date) < 0)
        req_field_error(r, "follow_up", "activities_follow_up_before");
    if (r->err != ERR_NONE)
        return -1;
    /* inside the write: the company may have been deleted since the page
     * was opened, which is a 404, not a failed foreign key */
    char name[COMPANY_NAME_MAX];
    int found = companies_name(r->id, name, sizeof name);
    if (found != 0)
        return req_fail(r, found > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    json_object_set_new(in, "company_id", json_integer(r->id));
    json_object_set_new(in, "caseworker_id", json_integer(r->user->id));
    return 0;
}

/* Follow-ups: a viewer sees only their own. Marking one done (ACT_WRITE)
 * is for the caseworker it belongs to, for the caseworker in charge of the
 * company (who keeps the company's matters in hand when a colleague is
 * away), and for admins. */
static int followup_may(struct req *r, const json_t *rec, enum entity_action action)
{
    if (action == ACT_READ)
        return 0;
    if (r->user->role == ROLE_ADMIN)
        return 0;
    if (r->user->role < ROLE_CASEWORKER)
        return req_fail(r, ERR_FORBIDDEN);
    json_t *own = json_object_get(rec, "caseworker_id"), *company = json_object_get(rec, "company_caseworker_id");
    if ((json_is_integer(own) && json_integer_value(own) == r->user->id) ||
        (json_is_integer(company) && json_integer_value(company) == r->user->id))
        return 0;
    r->err_detail = strdup(req_t(r, "followups_not_yours"));
    return req_fail(r, ERR_FORBIDDEN);
}

/* ---- activities ------------------------------------------------------------ */

/* A company's activities as a timeline, newest first. */
int activities_list(struct req *r)
{
    char name[COMPANY_NAME_MAX];
    int rc = companies_name(r->id, name, sizeof name);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    struct entity_query q;
    json_t *model = NULL;
    rc = entity_query_read(r, &ACTIVITY, &q);
    entity_query_where(&q, "t.company_id = ?", r->id, NULL);
    if (rc == 0)
        rc = entity_list(r, &q, &model);
    entity_query_free(&q);
    if (rc != 0)
        return -1;
    json_object_set_new(model, "company", json_pack("{s:I, s:s}", "id", (json_int_t)r->id, "name", name));
    json_object_del(model, "filter");
    req_title(r, name);
    return req_page(r, "companies/activities.tpl", model);
}

int activities_store(int64_t company_id, json_t *in, int64_t caseworker_id, int64_t *id)
{
    json_object_set_new(in, "company_id", json_integer(company_id));
    json_object_set_new(in, "caseworker_id", caseworker_id ? json_integer(caseworker_id) : json_null());
    *id = 0;
    return entity_store(&ACTIVITY, in, NULL, id);
}

int activities_create(struct req *r)
{
    char name[COMPANY_NAME_MAX];
    int rc = companies_name(r->id, name, sizeof name);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    json_t *activity;
    if (entity_create(r, &ACTIVITY, &activity) != 0) {
        if (r->err != ERR_INVALID)
            return -1;
        /* the company page shows the form again with the problems */
        req_title(r, name);
        json_t *model = json_pack("{s:{s:I, s:s}, s:o}", "company", "id", (json_int_t)r->id, "name", name, "form",
                                  entity_form(r, &ACTIVITY, r->fields));
        return req_page(r, "companies/activity_form.tpl", model), -1;
    }
    json_t *answer = json_pack("{s:O, s:O}", "id", json_object_get(activity, "id"), "company_id",
                               json_object_get(activity, "company_id"));
    json_decref(activity);
    char loc[64];
    snprintf(loc, sizeof loc, "/companies/%lld#activities", (long long)r->id);
    return req_created(r, loc, answer);
}

/* ---- follow-ups ------------------------------------------------------------- */

long long followups_due_count(int64_t user_id)
{
    sqlite3_stmt *st = db_stmt(&SQL_DUE_COUNT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    int64_t n;
    return db_int64(st, &n) == 0 ? n : -1;
}

/* The user's due and overdue follow-ups, oldest first; ?all=1 shows the
 * whole team's to caseworkers and admins (a viewer sees only their own). */
int followups_list(struct req *r)
{
    const char *all = req_query(r, "all");
    bool everyone = all && !strcmp(all, "1");
    if (everyone && r->user->role < ROLE_CASEWORKER)
        return req_fail(r, ERR_FORBIDDEN);
    struct entity_query q;
    json_t *model = NULL;
    int rc = entity_query_read(r, &FOLLOWUP, &q);
    entity_query_where(&q, DUE, 0, NULL);
    if (!everyone)
        entity_query_where(&q, "t.caseworker_id = ?", r->user->id, NULL);
    if (rc == 0)
        rc = entity_list(r, &q, &model);
    entity_query_free(&q);
    if (rc != 0)
        return -1;
    char day[11];
    text_local_day(0, day);
    char local[64];
    req_date(r, day, local, sizeof local);
    json_object_set_new(model, "today", json_string(local));
    json_object_set_new(model, "all", json_boolean(everyone));
    json_object_set_new(model, "may_see_all", json_boolean(r->user->role >= ROLE_CASEWORKER));
    json_object_del(model, "filter");
    req_title(r, req_t(r, "followups_title"));
    return req_page(r, "followups/list.tpl", model);
}

static int done_tx(void *arg)
{
    struct req *r = arg;
    json_t *rec;
    int found = entity_load(&FOLLOWUP, r->id, &rec);
    if (found != 0)
        return found > 0 ? (req_fail(r, ERR_NOT_FOUND), 1) : -1;
    bool open = json_is_string(json_object_get(rec, "follow_up")) && !json_is_true(json_object_get(rec, "done"));
    int allowed = followup_may(r, rec, ACT_WRITE);
    json_decref(rec);
    if (allowed != 0)
        return 1;
    if (!open)
        return req_fail(r, ERR_CONFLICT), 1;
    /* conditional: only a follow-up still open is closed */
    sqlite3_stmt *st = db_stmt(&SQL_DONE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r->id);
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return req_fail(r, ERR_CONFLICT), 1;
    json_t *f = json_pack("[s]", "follow_up_done_at");
    int rc = audit_write(r, "update", "activity", r->id, f);
    json_decref(f);
    return rc;
}

/* Marks a follow-up done with one click; done twice is a 409. */
int followups_done(struct req *r)
{
    int rc = db_tx(done_tx, r);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    const char *back = req_field(r, "back");
    return req_redirect(r, back && !strcmp(back, "company") ? "/companies" : "/followups",
                        json_pack("{s:I, s:b}", "id", (json_int_t)r->id, "done", 1));
}
