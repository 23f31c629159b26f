#include "app/admin.h"

#include "core/entity.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the declaration: the audit log as a list ------------------------------
 * Entries are written by core/audit.c inside the writes they record; here
 * they are only read, so every field is read-only. */
static const struct field_rule FIELDS[] = {
    { .name = "at", .type = V_TEXT, .flags = F_READONLY | F_LIST | F_TIME },
    { .name = "user_id", .type = V_ID, .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "user_email", .type = V_TEXT, .flags = F_READONLY | F_LIST },
    { .name = "action", .type = V_TEXT, .max = 40, .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "object_type", .type = V_TEXT, .max = 40, .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "object_id", .type = V_ID, .flags = F_READONLY | F_LIST | F_FILTER },
    { .name = "fields", .type = V_TAGS, .flags = F_READONLY | F_LIST | F_JSON },
    { .name = "ip", .type = V_TEXT, .flags = F_READONLY | F_LIST },
};
static const struct entity_sort NEWEST_FIRST[] = { { .key = "newest", .order = "t.id DESC", .indexed = true, .descending = true } };

/* Only admins read the log (the route says so). Reading it is itself not
 * audited: it holds no personal data of clients. */
struct entity AUDIT_ENTRY = {
    .type = "audit_entry",
    .table = "audit_log",
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
    }
    req_title(r, req_t(r, "audit_title"));
    return req_page(r, "admin/audit.tpl", model);
}
