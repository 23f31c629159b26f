#include "app/admin.h"

#include "app/choices.h"
#include "app/users.h"
#include "core/entity.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The page of an entry's object by its kind (NULL: none, as for a route
 * or a contact person, who is shown on the company's page). */
#define OBJECT_HREF                                                                                             \
    "CASE WHEN t.object_id IS NULL OR t.object_id = 0 THEN NULL "                                               \
    "WHEN t.object_type = 'company' THEN '/companies/' || t.object_id "                                         \
    "WHEN t.object_type = 'activity' THEN '/activities/' || t.object_id "                                       \
    "WHEN t.object_type = 'user' THEN '/admin/users/' || t.object_id "                                          \
    "WHEN t.object_type = 'post' THEN '/posts/' || t.object_id "                                                \
    "WHEN t.object_type = 'occupation' THEN '/occupations/' || t.object_id "                                    \
    "WHEN t.object_type = 'offer' THEN '/offers/' || t.object_id "                                              \
    "WHEN t.object_type = 'candidate' THEN '/candidates/' || t.object_id "                                      \
    "WHEN t.object_type = 'school' THEN '/schools/' || t.object_id "                                            \
    "WHEN t.object_type = 'event' THEN '/events/' || t.object_id END"

/* ---- the declaration: the audit log as a list ------------------------------
 * Entries are written by core/audit.c inside the writes they record; here
 * they are only read, so every field is read-only. */
static const struct field_rule FIELDS[] = {
    { .name = "at", .type = V_TEXT, .flags = F_READONLY | F_LIST | F_TIME },
    { .name = "user_id", .type = V_ID, .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "user_email", .type = V_TEXT, .flags = F_READONLY | F_LIST },
    /* for people: the account's name, and whether there is one to link to */
    { .name = "user_name", .type = V_TEXT, .expr = "u.name", .flags = F_READONLY | F_LIST },
    { .name = "user_known", .type = V_BOOL, .expr = "u.id IS NOT NULL", .flags = F_READONLY | F_LIST },
    { .name = "action", .type = V_ENUM, .choices = &CHOICES_AUDIT_ACTION, .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "object_type", .type = V_ENUM, .choices = &CHOICES_AUDIT_OBJECT,
      .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "object_id", .type = V_ID, .flags = F_READONLY | F_LIST | F_FILTER },
    /* the page of the object, where it has one (and still exists or not:
     * a deleted company's link answers 404, which says so) */
    { .name = "object_href", .type = V_TEXT, .expr = OBJECT_HREF, .flags = F_READONLY | F_LIST },
    { .name = "object_linked", .type = V_BOOL, .expr = "(" OBJECT_HREF ") IS NOT NULL", .flags = F_READONLY | F_LIST },
    { .name = "fields", .type = V_TAGS, .choices = &CHOICES_FIELD_NAME, .flags = F_READONLY | F_LIST | F_JSON },
    { .name = "ip", .type = V_TEXT, .flags = F_READONLY | F_LIST },
};
static const struct entity_sort NEWEST_FIRST[] = { { .key = "newest", .order = "t.id DESC", .indexed = true, .descending = true } };

/* Only admins read the log (the route says so). Reading it is itself not
 * audited: it holds no personal data of clients. */
struct entity AUDIT_ENTRY = {
    .type = "audit_entry",
    .table = "audit_log",
    .joins = "LEFT JOIN users u ON u.id = t.user_id",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = NEWEST_FIRST,
    .nsorts = 1,
};

/* A date filter of the period (?from=, ?to=, both inclusive); a bad one is
 * a 400 naming it. */
static const char *date_filter(struct req *r, const char *name)
{
    const char *v = req_query(r, name);
    if (!v || !*v)
        return NULL;
    if (!validate_date(v)) {
        req_field_error(r, name, "field_bad_date");
        return NULL;
    }
    return v;
}

/* The audit log, newest first, filtered by user, action, object and period. */
int admin_audit(struct req *r)
{
    struct entity_query q;
    json_t *model = NULL;
    int rc = entity_query_read(r, &AUDIT_ENTRY, &q);
    const char *from = date_filter(r, "from"), *to = date_filter(r, "to");
    if (from)
        entity_query_where(&q, "t.at >= ?", 0, from);
    if (to)
        entity_query_where(&q, "t.at < date(?, '+1 day')", 0, to);
    if (rc == 0 && r->err == ERR_NONE)
        rc = entity_list(r, &q, &model);
    else
        rc = -1;
    entity_query_free(&q);
    if (rc != 0)
        return -1;
    if (!r->want_json) {
        json_t *filter = json_object_get(model, "filter");
        json_object_set_new(filter, "from", json_string(from ? from : ""));
        json_object_set_new(filter, "to", json_string(to ? to : ""));
        /* whose entries: chosen by name from every account */
        const char *who = req_query(r, "user_id");
        json_t *accounts = users_all_options(who ? strtoll(who, NULL, 10) : 0);
        if (!accounts) {
            json_decref(model);
            return req_fail(r, ERR_INTERNAL);
        }
        json_object_set_new(filter, "user_options", accounts);
    }
    req_title(r, req_t(r, "audit_title"));
    return req_page(r, "admin/audit.tpl", model);
}
