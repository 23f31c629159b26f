#include "app/activities.h"
#include "app/matchpool.h"

#include "app/auth.h"
#include "app/candidates.h"
#include "app/choices.h"
#include "app/companies.h"
#include "app/partners.h"
#include "app/users.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/list.h"
#include "core/text.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SQL for "not done yet" and for the reader's calendar (local time, weeks
 * from Monday to Sunday: 'weekday 0' is the coming Sunday, or today). */
#define OPEN "t.follow_up IS NOT NULL AND t.follow_up_done_at IS NULL"
#define TODAY "date('now', 'localtime')"
#define END_OF_WEEK "date('now', 'localtime', 'weekday 0')"
#define END_OF_NEXT_WEEK "date('now', 'localtime', 'weekday 0', '+7 days')"
/* when an open follow-up falls due, as a word (CHOICES_DUE_WHEN) */
#define DUE_WHEN                                                                                                 \
    "CASE WHEN t.follow_up IS NULL OR t.follow_up_done_at IS NOT NULL THEN NULL "                                \
    "WHEN t.follow_up < " TODAY " THEN 'overdue' WHEN t.follow_up = " TODAY " THEN 'today' "                     \
    "WHEN t.follow_up <= " END_OF_WEEK " THEN 'this_week' WHEN t.follow_up <= " END_OF_NEXT_WEEK                 \
    " THEN 'next_week' ELSE 'later' END"

/* ---- the declaration ------------------------------------------------------
 * An activity with a company or with a pupil (candidate). Its owner and
 * caseworker_id (the author) are the area's, never taken from a request;
 * the follow-up belongs to the author unless it is handed to a colleague
 * (follow_up_user_id). */
static const struct field_rule FIELDS[] = {
    { .name = "kind", .type = V_ENUM, .required = true, .choices = &CHOICES_ACTIVITY_KIND, .flags = F_LIST },
    { .name = "date", .type = V_DATE, .required = true, .flags = F_LIST },
    { .name = "subject", .type = V_TEXT, .required = true, .min = 1, .max = 200, .flags = F_LIST },
    { .name = "notes", .type = V_TEXT, .max = 10000, .flags = F_LIST },
    { .name = "topics", .type = V_TAGS, .max = 5, .choices = &CHOICES_TOPIC, .flags = F_LIST },
    { .name = "referred_to", .type = V_ENUM, .choices = &CHOICES_REFERRAL, .flags = F_LIST | F_NULLABLE },
    /* the partner a referral went to, where one fits (partners.c) */
    { .name = "referred_partner_id", .type = V_ID, .flags = F_LIST | F_NULLABLE },
    { .name = "referred_partner_name", .type = V_TEXT, .expr = "rp.name", .flags = F_READONLY | F_LIST },
    { .name = "follow_up", .type = V_DATE, .flags = F_LIST },
    { .name = "follow_up_user_id", .type = V_ID, .flags = F_LIST | F_NULLABLE },
    { .name = "follow_up_done", .type = V_BOOL, .expr = "t.follow_up_done_at IS NOT NULL",
      .flags = F_READONLY | F_LIST },
    { .name = "due_when", .type = V_ENUM, .choices = &CHOICES_DUE_WHEN, .expr = DUE_WHEN,
      .flags = F_READONLY | F_LIST },
    { .name = "company_id", .type = V_ID, .flags = F_DERIVED | F_LIST | F_NULLABLE },
    { .name = "candidate_id", .type = V_ID, .flags = F_DERIVED | F_LIST | F_NULLABLE },
    { .name = "partner_id", .type = V_ID, .flags = F_DERIVED | F_LIST | F_NULLABLE },
    { .name = "caseworker_id", .type = V_ID, .flags = F_DERIVED },
    { .name = "caseworker_name", .type = V_TEXT, .expr = "u.name", .flags = F_READONLY | F_LIST },
    { .name = "follow_up_user_name", .type = V_TEXT, .expr = "f.name", .flags = F_READONLY | F_LIST },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY },
    { .name = "updated_at", .type = V_TEXT, .flags = F_READONLY },
};

#define ACTIVITY_JOINS                                                                                         \
    "LEFT JOIN users u ON u.id = t.caseworker_id LEFT JOIN users f ON f.id = t.follow_up_user_id "             \
    "LEFT JOIN partners rp ON rp.id = t.referred_partner_id"

static const struct entity_sort NEWEST_FIRST[] = { { .key = "date", .order = "t.date DESC, t.id DESC", .descending = true } };

static int company_activity_check(struct req *r, json_t *in, const json_t *old);
static int pupil_activity_check(struct req *r, json_t *in, const json_t *old);
static int partner_activity_check(struct req *r, json_t *in, const json_t *old);

/* Activities are the team's record of work with a company: every staff
 * member reads them, caseworkers and admins add, edit and delete them. */
static struct entity ACTIVITY = {
    .type = "activity",
    .table = "activities",
    .joins = ACTIVITY_JOINS,
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = NEWEST_FIRST,
    .nsorts = 1,
    .versioned = true,
    .may = auth_team_may,
    .check = company_activity_check,
};

/* The same records with a pupil: personal (a minor's counselling), so
 * every staff read of one is audited like the pupil's own record. */
static struct entity PUPIL_ACTIVITY = {
    .type = "activity",
    .table = "activities",
    .joins = ACTIVITY_JOINS,
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = NEWEST_FIRST,
    .nsorts = 1,
    .personal = true,
    .versioned = true,
    .may = auth_team_may,
    .check = pupil_activity_check,
};

/* The same records with a network partner: meetings, joint events; the
 * team's, not personal. */
static struct entity PARTNER_ACTIVITY = {
    .type = "activity",
    .table = "activities",
    .joins = ACTIVITY_JOINS,
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = NEWEST_FIRST,
    .nsorts = 1,
    .versioned = true,
    .may = auth_team_may,
    .check = partner_activity_check,
};

/* What each kind of owner is, where its page is, and which kinds of
 * activity and fields it has: application training and internships are
 * a pupil's, counselling topics (authorisation, AEVO, funding...) a
 * company's. */
static const struct owner_kind {
    const char *type;            /* audit object_type and JSON "owner" */
    const char *column;          /* activities.<column> */
    const char *path;            /* "/companies/" */
    const struct entity *entity;
    const char *const *kinds;    /* the activity kinds offered, NULL-terminated */
    bool topics;
    /* the kinds of partner a referral of this owner may name */
    const char *const *referral_partners;
} OWNERS[] = {
    [OWNER_COMPANY] = { "company", "company_id", "/companies/", &ACTIVITY,
                        (const char *const[]){ "call", "visit", "email", "counselling", "event", "referral", NULL },
                        true,
                        (const char *const[]){ "chamber", "association", "migrant_organisation", "employment_agency",
                                               "jobcenter", "municipal", NULL } },
    [OWNER_CANDIDATE] = { "candidate", "candidate_id", "/candidates/", &PUPIL_ACTIVITY,
                          (const char *const[]){ "counselling", "application_training", "call", "email", "visit",
                                                 "internship", "event", "referral", NULL },
                          false,
                          (const char *const[]){ "employment_agency", "jobcenter", "vocational_school",
                                                 "migrant_organisation", "school_network", "municipal", NULL } },
    [OWNER_PARTNER] = { "partner", "partner_id", "/partners/", &PARTNER_ACTIVITY,
                        (const char *const[]){ "meeting", "joint_event", "call", "email", "visit", "event", NULL },
                        false, (const char *const[]){ NULL } },
};

/* A follow-up (Wiedervorlage) is an activity seen from its due date: the
 * same table, declared once more for its own list. */
static const struct field_rule FOLLOWUP_FIELDS[] = {
    { .name = "kind", .type = V_ENUM, .choices = &CHOICES_ACTIVITY_KIND, .flags = F_LIST | F_READONLY },
    { .name = "date", .type = V_DATE, .flags = F_LIST | F_READONLY },
    { .name = "subject", .type = V_TEXT, .flags = F_LIST | F_READONLY },
    { .name = "follow_up", .type = V_DATE, .flags = F_LIST | F_READONLY },
    { .name = "due_when", .type = V_ENUM, .choices = &CHOICES_DUE_WHEN, .expr = DUE_WHEN,
      .flags = F_LIST | F_READONLY },
    { .name = "company_id", .type = V_ID, .flags = F_LIST | F_READONLY | F_NULLABLE },
    { .name = "company_name", .type = V_TEXT, .expr = "c.name", .flags = F_LIST | F_READONLY },
    { .name = "candidate_id", .type = V_ID, .flags = F_LIST | F_READONLY | F_NULLABLE },
    { .name = "candidate_name", .type = V_TEXT, .expr = "p.first_name || ' ' || p.last_name",
      .flags = F_LIST | F_READONLY },
    { .name = "about_candidate", .type = V_BOOL, .expr = "t.candidate_id IS NOT NULL", .flags = F_LIST | F_READONLY },
    { .name = "partner_id", .type = V_ID, .flags = F_LIST | F_READONLY | F_NULLABLE },
    { .name = "partner_name", .type = V_TEXT, .expr = "pa.name", .flags = F_LIST | F_READONLY },
    { .name = "about_partner", .type = V_BOOL, .expr = "t.partner_id IS NOT NULL", .flags = F_LIST | F_READONLY },
    { .name = "follow_up_user_id", .type = V_ID, .flags = F_LIST | F_READONLY },
    { .name = "follow_up_user_name", .type = V_TEXT, .expr = "f.name", .flags = F_LIST | F_READONLY },
    { .name = "caseworker_id", .type = V_ID, .flags = F_READONLY },
    { .name = "company_caseworker_id", .type = V_ID, .expr = "c.caseworker_id", .flags = F_READONLY },
    { .name = "overdue", .type = V_BOOL, .expr = "t.follow_up < " TODAY, .flags = F_LIST | F_READONLY },
    { .name = "done", .type = V_BOOL, .expr = "t.follow_up_done_at IS NOT NULL", .flags = F_READONLY },
};

static const struct entity_sort DUE_FIRST[] = { { .key = "due", .order = "t.follow_up, t.id" } };

static int followup_may(struct req *r, const json_t *rec, enum entity_action action);

static struct entity FOLLOWUP = {
    .type = "activity",
    .table = "activities",
    .joins = "LEFT JOIN companies c ON c.id = t.company_id LEFT JOIN candidates p ON p.id = t.candidate_id "
             "LEFT JOIN partners pa ON pa.id = t.partner_id LEFT JOIN users f ON f.id = t.follow_up_user_id",
    .fields = FOLLOWUP_FIELDS,
    .nfields = sizeof FOLLOWUP_FIELDS / sizeof FOLLOWUP_FIELDS[0],
    .sorts = DUE_FIRST,
    .nsorts = 1,
    .may = followup_may,
};

struct entity *const activities_entities[] = { &ACTIVITY, &PUPIL_ACTIVITY, &PARTNER_ACTIVITY, &FOLLOWUP, NULL };

/* The ranges of the follow-up list (?when=), each a condition over t. */
static const struct {
    const char *when;
    const char *sql;
} RANGES[] = {
    { "due", OPEN " AND t.follow_up <= " TODAY },
    { "week", OPEN " AND t.follow_up <= " END_OF_WEEK },
    { "next_week", OPEN " AND t.follow_up > " END_OF_WEEK " AND t.follow_up <= " END_OF_NEXT_WEEK },
    { "all", OPEN },
};

static struct db_sql SQL_DONE = DB_SQL(
    "UPDATE activities SET follow_up_done_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "WHERE id = ?1 AND follow_up IS NOT NULL AND follow_up_done_at IS NULL");
static struct db_sql SQL_REOPEN = DB_SQL(
    "UPDATE activities SET follow_up_done_at = NULL WHERE id = ?1 AND follow_up_done_at IS NOT NULL");
static struct db_sql SQL_MOVE = DB_SQL(
    "UPDATE activities SET follow_up = ?2, follow_up_user_id = ?3 WHERE id = ?1 AND follow_up IS NOT NULL "
    "AND follow_up_done_at IS NULL");
static struct db_sql SQL_DUE_COUNT = DB_SQL("SELECT count(*) FROM activities t WHERE " OPEN " AND t.follow_up <= "
                                            TODAY " AND t.follow_up_user_id = ?1");
/* a company's page shows its own activities, never a pupil's (an
 * internship names the company, but it is the pupil's record) */
static struct db_sql SQL_TIMELINE_COMPANY = DB_SQL("SELECT t.id FROM activities t WHERE t.company_id = ?1 "
                                                   "AND t.candidate_id IS NULL ORDER BY t.date DESC, t.id DESC LIMIT 200");
static struct db_sql SQL_TIMELINE_CANDIDATE = DB_SQL("SELECT t.id FROM activities t WHERE t.candidate_id = ?1 "
                                                     "ORDER BY t.date DESC, t.id DESC LIMIT 200");
static struct db_sql SQL_TIMELINE_PARTNER = DB_SQL("SELECT t.id FROM activities t WHERE t.partner_id = ?1 "
                                                   "ORDER BY t.date DESC, t.id DESC LIMIT 200");
/* whose an activity is, as enum activity_owner */
static struct db_sql SQL_OWNER = DB_SQL("SELECT CASE WHEN partner_id IS NOT NULL THEN 2 WHEN candidate_id IS NOT NULL "
                                        "THEN 1 ELSE 0 END FROM activities WHERE id = ?1");

/* ---- the area's own rules ------------------------------------------------- */

/* The name of the owner o (its page's title), into buf (OWNER_NAME_MAX):
 * 0 found, 1 no such record, -1 error. */
#define MAX2(a, b) ((a) > (b) ? (a) : (b))
#define OWNER_NAME_MAX MAX2(MAX2(COMPANY_NAME_MAX, CANDIDATE_NAME_MAX), PARTNER_NAME_MAX)
static int owner_name(enum activity_owner o, int64_t id, char *buf, size_t n)
{
    return o == OWNER_COMPANY ? companies_name(id, buf, n)
         : o == OWNER_CANDIDATE ? candidates_name(id, buf, n) : partners_name(id, buf, n);
}

static bool in_list(const char *const *list, const char *v)
{
    for (const char *const *k = list; v && *k; k++)
        if (!strcmp(*k, v))
            return true;
    return false;
}

/* A referral's partner: only on a referral, a partner that exists and
 * whose kind fits the owner (a pupil is not referred to a chamber). */
static int check_referred_partner(struct req *r, json_t *in, enum activity_owner o, const char *kind)
{
    json_t *rp = json_object_get(in, "referred_partner_id");
    if (!json_is_integer(rp))
        return 0;
    if (!kind || strcmp(kind, "referral") != 0) {
        req_field_error(r, "referred_partner_id", "activities_partner_only_referral");
        return 0;
    }
    char pkind[32];
    int found = partners_kind(json_integer_value(rp), pkind, sizeof pkind);
    if (found < 0)
        return req_fail(r, ERR_INTERNAL);
    if (found > 0 || !in_list(OWNERS[o].referral_partners, pkind))
        req_field_error(r, "referred_partner_id", "field_bad_value");
    return 0;
}

static bool kind_offered(enum activity_owner o, const char *kind) { return in_list(OWNERS[o].kinds, kind); }

/* What the rules cannot say: the kind is one the owner has, a referral
 * names where to, a follow-up is not before the activity and belongs to
 * someone who can own records (the author unless handed over); the owner
 * is the path's (or, for an edit, stays the one it was), the author is
 * who wrote it first. */
static int activity_check(struct req *r, json_t *in, const json_t *old, enum activity_owner o)
{
    const char *kind = json_string_value(json_object_get(in, "kind"));
    if (kind && !kind_offered(o, kind))
        req_field_error(r, "kind", "field_bad_value");
    if (kind && !strcmp(kind, "referral") && json_is_null(json_object_get(in, "referred_to")) &&
        !json_is_integer(json_object_get(in, "referred_partner_id")))
        req_field_error(r, "referred_to", "activities_referral_needs_body");
    if (check_referred_partner(r, in, o, kind) != 0)
        return -1;
    if (!OWNERS[o].topics && json_array_size(json_object_get(in, "topics")) > 0)
        req_field_error(r, "topics", "field_bad_value");
    const char *date = json_string_value(json_object_get(in, "date"));
    const char *fu = json_string_value(json_object_get(in, "follow_up"));
    if (date && fu && strcmp(fu, date) < 0)
        req_field_error(r, "follow_up", "activities_follow_up_before");
    json_t *who = json_object_get(in, "follow_up_user_id");
    if (!fu) {
        json_object_set_new(in, "follow_up_user_id", json_null());
    } else if (json_is_integer(who)) {
        int owner = users_is_owner(json_integer_value(who));
        if (owner < 0)
            return req_fail(r, ERR_INTERNAL);
        if (!owner)
            req_field_error(r, "follow_up_user_id", "field_bad_value");
    } else {
        json_t *was = old ? json_object_get(old, "follow_up_user_id") : NULL;
        json_object_set_new(in, "follow_up_user_id",
                            json_is_integer(was) ? json_incref(was) : json_integer(r->user->id));
    }
    if (r->err != ERR_NONE)
        return -1;
    /* inside the write: the owner may have been deleted since the page
     * was opened, which is a 404, not a failed foreign key */
    const char *column = OWNERS[o].column;
    int64_t id = old ? json_integer_value(json_object_get(old, column)) : r->id;
    char name[OWNER_NAME_MAX];
    int found = owner_name(o, id, name, sizeof name);
    if (found != 0)
        return req_fail(r, found > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    json_object_set_new(in, column, json_integer(id));
    json_t *company = old ? json_object_get(old, "company_id") : NULL;
    if (o == OWNER_CANDIDATE)
        json_object_set_new(in, "company_id", company ? json_incref(company) : json_null());
    else
        json_object_set_new(in, "candidate_id", json_null());
    if (o == OWNER_PARTNER)
        json_object_set_new(in, "company_id", json_null());
    else
        json_object_set_new(in, "partner_id", json_null());
    json_t *author = old ? json_object_get(old, "caseworker_id") : NULL;
    json_object_set_new(in, "caseworker_id", old ? json_incref(author ? author : json_null())
                                                 : json_integer(r->user->id));
    return 0;
}

static int company_activity_check(struct req *r, json_t *in, const json_t *old)
{
    return activity_check(r, in, old, OWNER_COMPANY);
}

static int pupil_activity_check(struct req *r, json_t *in, const json_t *old)
{
    return activity_check(r, in, old, OWNER_CANDIDATE);
}

static int partner_activity_check(struct req *r, json_t *in, const json_t *old)
{
    return activity_check(r, in, old, OWNER_PARTNER);
}

/* Follow-ups: a viewer sees only their own. Moving, handing over or
 * marking one done (ACT_WRITE) is for the person it belongs to, for the
 * caseworker in charge of the company (who keeps the company's matters in
 * hand when a colleague is away), and for admins. */
static int followup_may(struct req *r, const json_t *rec, enum entity_action action)
{
    if (action == ACT_READ)
        return 0;
    if (r->user->role == ROLE_ADMIN)
        return 0;
    if (r->user->role < ROLE_CASEWORKER)
        return req_fail(r, ERR_FORBIDDEN);
    json_t *own = json_object_get(rec, "follow_up_user_id"), *company = json_object_get(rec, "company_caseworker_id");
    if ((json_is_integer(own) && json_integer_value(own) == r->user->id) ||
        (json_is_integer(company) && json_integer_value(company) == r->user->id))
        return 0;
    r->err_detail = strdup(req_t(r, "followups_not_yours"));
    return req_fail(r, ERR_FORBIDDEN);
}

/* ---- activities ------------------------------------------------------------ */

/* What a person reads of an activity beside its values: the labels of its
 * kind, topics and referral, its date, and its follow-up with when it is
 * due in words ("überfällig"), not only in colour. */
static void add_labels(struct req *r, json_t *a)
{
    const char *kind = json_string_value(json_object_get(a, "kind"));
    json_object_set_new(a, "kind_label", json_string(entity_label(&CHOICES_ACTIVITY_KIND, r->lang, kind)));
    json_t *labels = json_array();
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(a, "topics"), i, t)
        json_array_append_new(labels, json_string(entity_label(&CHOICES_TOPIC, r->lang, json_string_value(t))));
    json_object_set_new(a, "topic_labels", labels);
    const char *to = json_string_value(json_object_get(a, "referred_to"));
    const char *partner = json_string_value(json_object_get(a, "referred_partner_name"));
    if (to || partner) {
        json_t *ref = json_pack("{s:s}", "label", to ? entity_label(&CHOICES_REFERRAL, r->lang, to) : "");
        if (partner && *partner)
            json_object_set_new(ref, "partner", json_pack("{s:s, s:O}", "name", partner, "id",
                                                          json_object_get(a, "referred_partner_id")));
        json_object_set_new(a, "referral", ref);
    }
    char day[32];
    req_date(r, json_string_value(json_object_get(a, "date")), day, sizeof day);
    json_object_set_new(a, "date_local", json_string(day));
    json_t *fu = json_object_get(a, "follow_up");
    if (json_is_string(fu)) {
        req_date(r, json_string_value(fu), day, sizeof day);
        const char *when = json_string_value(json_object_get(a, "due_when"));
        json_t *info = json_pack("{s:s, s:O, s:b}", "date", day, "done", json_object_get(a, "follow_up_done"),
                                 "overdue", when && !strcmp(when, "overdue"));
        if (when)
            json_object_set_new(info, "when", json_pack("{s:s}", "label", entity_label(&CHOICES_DUE_WHEN, r->lang, when)));
        const char *who = json_string_value(json_object_get(a, "follow_up_user_name"));
        if (who)
            json_object_set_new(info, "user", json_pack("{s:s}", "name", who));
        json_object_set_new(a, "follow_up_info", info);
    }
}

json_t *activities_timeline(struct req *r, enum activity_owner o, int64_t id)
{
    sqlite3_stmt *st = db_stmt(o == OWNER_COMPANY     ? &SQL_TIMELINE_COMPANY
                               : o == OWNER_CANDIDATE ? &SQL_TIMELINE_CANDIDATE
                                                      : &SQL_TIMELINE_PARTNER);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    json_t *list = entity_load_ids(OWNERS[o].entity, st, 200);
    size_t i;
    json_t *a;
    if (list && !r->want_json)
        json_array_foreach(list, i, a) add_labels(r, a);
    return list;
}

json_t *activities_form_model(struct req *r, enum activity_owner o, const json_t *src)
{
    json_t *empty = src ? NULL : json_object();
    json_t *form = entity_form(r, OWNERS[o].entity, src ? src : empty);
    json_decref(empty);
    if (!src) {
        char day[11];
        text_local_day(0, day);
        json_object_set_new(form, "date", json_string(day));
    }
    /* only the kinds (and topics) this owner has, in the owner's order */
    json_t *offered = json_array(), *all = json_object_get(form, "kind_options");
    for (const char *const *k = OWNERS[o].kinds; *k; k++) {
        size_t i;
        json_t *opt;
        json_array_foreach(all, i, opt)
            if (!strcmp(json_string_value(json_object_get(opt, "value")), *k))
                json_array_append(offered, opt);
    }
    json_object_set_new(form, "kind_options", offered);
    if (!OWNERS[o].topics)
        json_object_del(form, "topics_options");
    json_t *who = src ? json_object_get(src, "follow_up_user_id") : NULL;
    const char *typed = json_string_value(who);
    int64_t chosen = json_is_integer(who) ? json_integer_value(who) : typed ? strtoll(typed, NULL, 10) : r->user->id;
    json_t *owners = users_owner_options(chosen);
    json_object_set_new(form, "follow_up_user_options", owners ? owners : json_array());
    /* a referral may name a partner of a fitting kind, where there is one */
    json_t *rp = src ? json_object_get(src, "referred_partner_id") : NULL;
    const char *rp_typed = json_string_value(rp);
    int64_t rp_chosen = json_is_integer(rp) ? json_integer_value(rp) : rp_typed ? strtoll(rp_typed, NULL, 10) : 0;
    json_t *partners = OWNERS[o].referral_partners[0] ? partners_options(r, OWNERS[o].referral_partners, rp_chosen)
                                                      : NULL;
    json_object_set_new(form, "referred_partner_options", partners ? partners : json_array());
    if (!OWNERS[o].referral_partners[0]) {
        json_object_del(form, "referred_to_options");
        json_object_set_new(form, "referral_offered", json_false());
    } else {
        json_object_set_new(form, "referral_offered", json_true());
    }
    return form;
}

/* {"type","id","name","href"} of an activity's owner, for the pages'
 * way back (new reference). */
static json_t *owner_json(enum activity_owner o, int64_t id, const char *name)
{
    char href[64];
    snprintf(href, sizeof href, "%s%lld", OWNERS[o].path, (long long)id);
    return json_pack("{s:s, s:I, s:s, s:s}", "type", OWNERS[o].type, "id", (json_int_t)id, "name", name, "href", href);
}

/* An owner's activities as a timeline, newest first; a pupil's are
 * personal, so reading them is audited as a read of the pupil. */
static int list_of(struct req *r, enum activity_owner o)
{
    char name[OWNER_NAME_MAX];
    int rc = owner_name(o, r->id, name, sizeof name);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    if (o == OWNER_CANDIDATE) {
        json_t *what = json_pack("[s]", "activities");
        rc = audit_write(r, "read", "candidate", r->id, what);
        json_decref(what);
        if (rc != 0)
            return req_fail(r, ERR_INTERNAL);
    }
    struct entity_query q;
    json_t *model = NULL;
    rc = entity_query_read(r, OWNERS[o].entity, &q);
    entity_query_where(&q, o == OWNER_COMPANY     ? "t.company_id = ? AND t.candidate_id IS NULL"
                           : o == OWNER_CANDIDATE ? "t.candidate_id = ?"
                                                  : "t.partner_id = ?",
                       r->id, NULL);
    if (rc == 0)
        rc = entity_list(r, &q, &model);
    entity_query_free(&q);
    if (rc != 0)
        return -1;
    json_object_set_new(model, OWNERS[o].type, json_pack("{s:I, s:s}", "id", (json_int_t)r->id, "name", name));
    if (!r->want_json)
        json_object_set_new(model, "owner", owner_json(o, r->id, name));
    json_object_del(model, "filter");
    req_title(r, name);
    return req_page(r, "activities/list.tpl", model);
}

int activities_list(struct req *r) { return list_of(r, OWNER_COMPANY); }
int activities_list_candidate(struct req *r) { return list_of(r, OWNER_CANDIDATE); }
int activities_list_partner(struct req *r) { return list_of(r, OWNER_PARTNER); }

int activities_store(enum activity_owner o, int64_t owner_id, json_t *in, int64_t caseworker_id, int64_t *id)
{
    json_object_set_new(in, "company_id", o == OWNER_COMPANY ? json_integer(owner_id) : json_null());
    json_object_set_new(in, "candidate_id", o == OWNER_CANDIDATE ? json_integer(owner_id) : json_null());
    json_object_set_new(in, "partner_id", o == OWNER_PARTNER ? json_integer(owner_id) : json_null());
    json_object_set_new(in, "caseworker_id", caseworker_id ? json_integer(caseworker_id) : json_null());
    if (json_is_string(json_object_get(in, "follow_up")) && !json_is_integer(json_object_get(in, "follow_up_user_id")))
        json_object_set_new(in, "follow_up_user_id", caseworker_id ? json_integer(caseworker_id) : json_null());
    *id = 0;
    return entity_store(OWNERS[o].entity, in, NULL, id);
}

/* The activity form again with what was typed and its problems; for an
 * edit (id > 0) with the version the save was made against. */
static int form_again(struct req *r, enum activity_owner o, int64_t owner, int64_t id, const json_t *values,
                      const char *version)
{
    char name[OWNER_NAME_MAX];
    if (owner_name(o, owner, name, sizeof name) != 0)
        name[0] = '\0';
    req_title(r, name);
    json_t *model = json_pack("{s:o, s:o}", "owner", owner_json(o, owner, name), "activity_form",
                              activities_form_model(r, o, values));
    if (id > 0) {
        char action[64];
        snprintf(action, sizeof action, "/activities/%lld", (long long)id);
        json_object_set_new(model, "edit", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "action", action,
                                                     "updated_at", version ? version : ""));
    } else {
        json_object_set_new(model, "edit", json_null());
    }
    req_page(r, "activities/form.tpl", model);
    return -1;
}

/* A new activity with the owner named by the path. */
static int create_for(struct req *r, enum activity_owner o)
{
    matchpool_touch_contacts();
    char name[OWNER_NAME_MAX];
    int rc = owner_name(o, r->id, name, sizeof name);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    json_t *activity;
    if (entity_create(r, OWNERS[o].entity, &activity) != 0) {
        if (r->err != ERR_INVALID)
            return -1;
        return form_again(r, o, r->id, 0, r->fields, NULL); /* everything typed, ticked and chosen stays */
    }
    json_t *answer = json_pack("{s:O, s:O}", "id", json_object_get(activity, "id"), OWNERS[o].column,
                               json_object_get(activity, OWNERS[o].column));
    json_decref(activity);
    char loc[96];
    snprintf(loc, sizeof loc, "%s%lld%s#activities", OWNERS[o].path, (long long)r->id,
             r->want_json ? "" : "?done=activity_added");
    return req_created(r, loc, answer);
}

int activities_create(struct req *r) { return create_for(r, OWNER_COMPANY); }
int activities_create_candidate(struct req *r) { return create_for(r, OWNER_CANDIDATE); }
int activities_create_partner(struct req *r) { return create_for(r, OWNER_PARTNER); }

/* Whose the activity named by the path is, so it is read and written as
 * that owner's (a pupil's is personal): 0 with *o, or -1 with the error
 * set (404 when there is no such activity). */
static int owner_of(struct req *r, enum activity_owner *o)
{
    sqlite3_stmt *st = db_stmt(&SQL_OWNER);
    if (!st)
        return req_fail(r, ERR_INTERNAL);
    sqlite3_bind_int64(st, 1, r->id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        *o = (enum activity_owner)sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return rc == DB_ROW ? 0 : req_fail(r, rc == DB_DONE ? ERR_NOT_FOUND : ERR_INTERNAL);
}

/* The activity named by the path for action, as its owner's: 0 with *a
 * (new reference) and *o, or -1 with the error set. */
static int open_activity(struct req *r, enum entity_action action, json_t **a, enum activity_owner *o)
{
    return owner_of(r, o) == 0 ? entity_open(r, OWNERS[*o].entity, action, a) : -1;
}

static int64_t owner_id(const json_t *a, enum activity_owner o)
{
    return json_integer_value(json_object_get(a, OWNERS[o].column));
}

/* One activity: JSON, or for people its place on its owner's timeline. */
int activities_show(struct req *r)
{
    json_t *a;
    enum activity_owner o;
    if (open_activity(r, ACT_READ, &a, &o) != 0)
        return -1;
    if (r->want_json)
        return req_page(r, NULL, a);
    char loc[96];
    snprintf(loc, sizeof loc, "%s%lld#activity-%lld", OWNERS[o].path, (long long)owner_id(a, o), (long long)r->id);
    json_decref(a);
    return req_redirect(r, loc, NULL);
}

int activities_edit_form(struct req *r)
{
    json_t *a;
    enum activity_owner o;
    if (open_activity(r, ACT_WRITE, &a, &o) != 0)
        return -1;
    form_again(r, o, owner_id(a, o), r->id, a, json_string_value(json_object_get(a, "updated_at")));
    json_decref(a);
    return 0;
}

/* Saves an edited activity (only what changed, audited); a save against
 * an older version than the stored one is refused (409) and the form
 * shows what was typed again. */
int activities_update(struct req *r)
{
    matchpool_touch_contacts();
    json_t *a, *current = NULL;
    enum activity_owner o;
    if (owner_of(r, &o) != 0)
        return -1;
    if (entity_update(r, OWNERS[o].entity, &a, &current) != 0) {
        if (!current || (r->err != ERR_INVALID && r->err != ERR_CONFLICT)) {
            json_decref(current);
            return -1;
        }
        json_t *values = json_deep_copy(current);
        json_object_update(values, r->fields);
        form_again(r, o, owner_id(current, o), r->id, values, json_string_value(json_object_get(current, "updated_at")));
        json_decref(values);
        json_decref(current);
        return -1;
    }
    char loc[96];
    snprintf(loc, sizeof loc, "%s%lld?done=activity_saved#activity-%lld", OWNERS[o].path, (long long)owner_id(a, o),
             (long long)r->id);
    return req_redirect(r, loc, a);
}

/* Asks before an activity is deleted. */
int activities_delete_form(struct req *r)
{
    json_t *a;
    enum activity_owner o;
    if (open_activity(r, ACT_DELETE, &a, &o) != 0)
        return -1;
    add_labels(r, a);
    char href[64];
    snprintf(href, sizeof href, "%s%lld", OWNERS[o].path, (long long)owner_id(a, o));
    json_object_set_new(a, "owner_href", json_string(href));
    req_title(r, req_t(r, "activities_delete_title"));
    return req_page(r, "activities/delete.tpl", a);
}

int activities_delete(struct req *r)
{
    matchpool_touch_contacts();
    json_t *a;
    enum activity_owner o;
    if (open_activity(r, ACT_DELETE, &a, &o) != 0)
        return -1;
    int64_t owner = owner_id(a, o);
    json_decref(a);
    if (entity_delete(r, OWNERS[o].entity) != 0)
        return -1;
    char loc[96];
    snprintf(loc, sizeof loc, "%s%lld?done=activity_deleted#activities", OWNERS[o].path, (long long)owner);
    return req_redirect(r, loc, json_pack("{s:I, s:b}", "id", (json_int_t)r->id, "deleted", 1));
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

/* The follow-ups of the user, due first: ?when= due (today and overdue,
 * the default), week (until Sunday), next_week, or all open ones; ?all=1
 * shows the whole team's to caseworkers and admins (a viewer sees only
 * their own). After one was marked done, the page offers to undo it. */
int followups_list(struct req *r)
{
    const char *all = req_query(r, "all");
    bool everyone = all && !strcmp(all, "1");
    if (everyone && r->user->role < ROLE_CASEWORKER)
        return req_fail(r, ERR_FORBIDDEN);
    const char *when = req_query(r, "when");
    size_t range = 0;
    if (when) {
        while (range < sizeof RANGES / sizeof RANGES[0] && strcmp(RANGES[range].when, when) != 0)
            range++;
        if (range == sizeof RANGES / sizeof RANGES[0]) {
            req_field_error(r, "when", "field_bad_value");
            return -1;
        }
    }
    struct entity_query q;
    json_t *model = NULL;
    int rc = entity_query_read(r, &FOLLOWUP, &q);
    entity_query_where(&q, RANGES[range].sql, 0, NULL);
    if (!everyone)
        entity_query_where(&q, "t.follow_up_user_id = ?", r->user->id, NULL);
    if (rc == 0)
        rc = entity_list(r, &q, &model);
    entity_query_free(&q);
    if (rc != 0)
        return -1;
    json_object_set_new(model, "when", json_string(RANGES[range].when));
    json_object_set_new(model, "all", json_boolean(everyone));
    if (!r->want_json) {
        char day[11], local[96];
        text_local_day(0, day);
        req_day_long(r, day, local, sizeof local);
        json_object_set_new(model, "today", json_string(local));
        json_object_set_new(model, "may_see_all", json_boolean(r->user->role >= ROLE_CASEWORKER));
        json_t *tabs = json_array();
        for (size_t i = 0; i < sizeof RANGES / sizeof RANGES[0]; i++) {
            char href[64], key[48];
            snprintf(href, sizeof href, "/followups?when=%s%s", RANGES[i].when, everyone ? "&all=1" : "");
            snprintf(key, sizeof key, "followups_when_%s", RANGES[i].when);
            json_array_append_new(tabs, json_pack("{s:s, s:s, s:b}", "href", href, "label", req_t(r, key),
                                                  "current", i == range));
        }
        json_object_set_new(model, "ranges", tabs);
        const char *done = req_query(r, "done"), *id = req_query(r, "id");
        long long undo = id ? strtoll(id, NULL, 10) : 0;
        if (done && !strcmp(done, "followup_done") && undo > 0 && r->user->role >= ROLE_CASEWORKER) {
            char action[64];
            snprintf(action, sizeof action, "/followups/%lld/reopen", undo);
            json_object_set_new(model, "notice", json_pack("{s:s, s:{s:s, s:s}}", "text", req_t(r, "done_followup_done"),
                                                           "undo", "action", action, "label",
                                                           req_t(r, "followups_undo")));
        }
        req_title(r, req_t(r, "followups_title"));
    }
    json_object_del(model, "filter");
    return req_page(r, "followups/list.tpl", model);
}

/* A follow-up for a write: loaded and allowed inside the transaction. 0
 * with *rec, 1 with the error set, -1 on a database error. */
static int followup_for_write(struct req *r, json_t **rec)
{
    int found = entity_load(&FOLLOWUP, r->id, rec);
    if (found != 0)
        return found > 0 ? (req_fail(r, ERR_NOT_FOUND), 1) : -1;
    if (followup_may(r, *rec, ACT_WRITE) != 0) {
        json_decref(*rec);
        return 1;
    }
    return 0;
}

/* Runs a conditional one-row statement on the follow-up (st bound) and
 * audits fields; a follow-up no longer in the state it needs is a 409. */
static int followup_write(struct req *r, sqlite3_stmt *st, const char *field, const char *field2)
{
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return req_fail(r, ERR_CONFLICT), 1;
    json_t *f = field2 ? json_pack("[s,s]", field, field2) : json_pack("[s]", field);
    int rc = audit_write(r, "update", "activity", r->id, f);
    json_decref(f);
    return rc;
}

struct done_ctx {
    struct req *r;
    bool reopen;
    int64_t company_id, candidate_id, partner_id;
};

static int done_tx(void *arg)
{
    struct done_ctx *c = arg;
    json_t *rec;
    int rc = followup_for_write(c->r, &rec);
    if (rc != 0)
        return rc;
    c->company_id = json_integer_value(json_object_get(rec, "company_id"));
    c->candidate_id = json_integer_value(json_object_get(rec, "candidate_id"));
    c->partner_id = json_integer_value(json_object_get(rec, "partner_id"));
    json_decref(rec);
    sqlite3_stmt *st = db_stmt(c->reopen ? &SQL_REOPEN : &SQL_DONE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->r->id);
    return followup_write(c->r, st, "follow_up_done_at", NULL);
}

/* Marks a follow-up done with one click (done twice is a 409); the page
 * then says so and offers to undo it. */
int followups_done(struct req *r)
{
    struct done_ctx c = { r, false, 0, 0, 0 };
    int rc = db_tx(done_tx, &c);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    const char *back = req_field(r, "back");
    char loc[96];
    if (back && !strcmp(back, "company") && c.partner_id > 0)
        snprintf(loc, sizeof loc, "/partners/%lld?done=followup_done#activity-%lld", (long long)c.partner_id,
                 (long long)r->id);
    else if (back && !strcmp(back, "company") && c.candidate_id > 0)
        snprintf(loc, sizeof loc, "/candidates/%lld?done=followup_done#activity-%lld", (long long)c.candidate_id,
                 (long long)r->id);
    else if (back && !strcmp(back, "company"))
        snprintf(loc, sizeof loc, "/companies/%lld?done=followup_done#activity-%lld", (long long)c.company_id,
                 (long long)r->id);
    else
        snprintf(loc, sizeof loc, "/followups?done=followup_done&id=%lld", (long long)r->id);
    return req_redirect(r, loc, json_pack("{s:I, s:b}", "id", (json_int_t)r->id, "done", 1));
}

/* Undoes "done": the follow-up is open again (a click on the wrong row). */
int followups_reopen(struct req *r)
{
    struct done_ctx c = { r, true, 0, 0, 0 };
    int rc = db_tx(done_tx, &c);
    if (rc == 1)
        return -1;
    if (rc != 0)
        return req_fail(r, ERR_INTERNAL);
    return req_redirect(r, "/followups?done=followup_reopened", json_pack("{s:I, s:b}", "id", (json_int_t)r->id,
                                                                          "done", 0));
}

static const struct field_rule MOVE_RULES[] = {
    { .name = "follow_up", .type = V_DATE, .required = true },
    { .name = "follow_up_user_id", .type = V_ID },
};

struct move_ctx {
    struct req *r;
    json_t *in;
};

/* Moves the follow-up to another day and/or hands it to a colleague who
 * can own records; not before the activity's own date. */
static int move_tx(void *arg)
{
    struct move_ctx *c = arg;
    struct req *r = c->r;
    json_t *rec;
    int rc = followup_for_write(r, &rec);
    if (rc != 0)
        return rc;
    const char *day = json_string_value(json_object_get(c->in, "follow_up"));
    const char *was = json_string_value(json_object_get(rec, "date"));
    char date[16]; /* copied: rec goes before the comparison */
    snprintf(date, sizeof date, "%s", was ? was : "");
    json_t *who = json_object_get(c->in, "follow_up_user_id");
    int64_t user = json_is_integer(who) ? json_integer_value(who) : json_integer_value(json_object_get(rec, "follow_up_user_id"));
    bool open = !json_is_true(json_object_get(rec, "done"));
    json_decref(rec);
    if (!open)
        return req_fail(r, ERR_CONFLICT), 1;
    if (strcmp(day, date) < 0)
        req_field_error(r, "follow_up", "activities_follow_up_before");
    int owner = users_is_owner(user);
    if (owner < 0)
        return -1;
    if (!owner)
        req_field_error(r, "follow_up_user_id", "field_bad_value");
    if (r->err != ERR_NONE)
        return 1;
    sqlite3_stmt *st = db_stmt(&SQL_MOVE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, user);
    return followup_write(r, st, "follow_up", "follow_up_user_id");
}

/* The page to move or hand over one follow-up (what was typed, with its
 * problems, after a refused save). */
static int move_page(struct req *r, json_t *rec, const json_t *typed)
{
    if (typed) {
        json_t *v = json_object_get(typed, "follow_up");
        if (json_is_string(v))
            json_object_set(rec, "follow_up", v);
    }
    json_t *who = typed ? json_object_get(typed, "follow_up_user_id") : NULL;
    int64_t chosen = json_is_string(who) ? strtoll(json_string_value(who), NULL, 10)
                                         : json_integer_value(json_object_get(rec, "follow_up_user_id"));
    json_t *owners = users_owner_options(chosen);
    if (!owners) {
        json_decref(rec);
        return req_fail(r, ERR_INTERNAL);
    }
    json_object_set_new(rec, "owners", owners);
    char day[32];
    req_date(r, json_string_value(json_object_get(rec, "date")), day, sizeof day);
    json_object_set_new(rec, "date_local", json_string(day));
    req_title(r, req_t(r, "followups_move_title"));
    req_page(r, "followups/move.tpl", rec);
    return r->err == ERR_NONE ? 0 : -1;
}

/* GET /followups/{id}: the follow-up, and for people the form to move or
 * hand it over. */
int followups_show(struct req *r)
{
    json_t *rec;
    if (entity_open(r, &FOLLOWUP, ACT_READ, &rec) != 0)
        return -1;
    if (!json_is_string(json_object_get(rec, "follow_up"))) {
        json_decref(rec);
        return req_fail(r, ERR_NOT_FOUND); /* an activity without a follow-up */
    }
    if (r->want_json)
        return req_page(r, NULL, rec);
    if (followup_may(r, rec, ACT_WRITE) != 0) {
        json_decref(rec);
        return -1;
    }
    return move_page(r, rec, NULL);
}

/* POST /followups/{id} with follow_up (a day) and follow_up_user_id. */
int followups_move(struct req *r)
{
    json_t *in;
    if (validate_fields(r, MOVE_RULES, sizeof MOVE_RULES / sizeof MOVE_RULES[0], &in) == 0) {
        struct move_ctx c = { r, in };
        int rc = db_tx(move_tx, &c);
        json_decref(in);
        if (rc == 0)
            return req_redirect(r, "/followups?done=followup_moved", json_pack("{s:I}", "id", (json_int_t)r->id));
        if (rc != 1)
            return req_fail(r, ERR_INTERNAL);
        if (r->err != ERR_INVALID)
            return -1;
    }
    json_t *rec;
    enum err e = r->err;
    if (entity_load(&FOLLOWUP, r->id, &rec) != 0)
        return -1;
    move_page(r, rec, r->fields);
    r->err = e;
    return -1;
}
