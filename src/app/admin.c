#include "app/admin.h"

#include "core/audit.h"
#include "core/text.h"
#include "core/validate.h"

#include <stdlib.h>
#include <string.h>

/* Parses an optional positive id filter; a bad one is a 400 naming it. */
static int64_t id_filter(struct req *r, const char *name)
{
    const char *v = req_query(r, name);
    if (!v || !*v)
        return 0;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end || n <= 0) {
        req_field_error(r, name, "field_bad_number");
        return 0;
    }
    return n;
}

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

static const char *text_filter(struct req *r, const char *name)
{
    const char *v = req_query(r, name);
    return v && *v ? v : NULL;
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* The audit log, newest first, filtered by user, action, object and period.
 * Reading it is itself not audited: it holds no personal data of clients. */
int admin_audit(struct req *r)
{
    struct list_params lp;
    list_params(r, &lp);
    struct audit_filter f = {
        .user_id = id_filter(r, "user_id"),
        .action = text_filter(r, "action"),
        .object_type = text_filter(r, "object_type"),
        .object_id = id_filter(r, "object_id"),
        .from = date_filter(r, "from"),
        .to = date_filter(r, "to"),
    };
    if (r->err != ERR_NONE)
        return -1;
    json_t *model = audit_query(r, &f, &lp);
    if (!model)
        return req_fail(r, ERR_INTERNAL);
    json_t *filter = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "user_id", or_empty(text_filter(r, "user_id")),
                               "action", or_empty(f.action), "object_type", or_empty(f.object_type), "object_id",
                               or_empty(text_filter(r, "object_id")), "from", or_empty(f.from), "to", or_empty(f.to));
    json_object_set_new(model, "filter", filter);
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(model, "items"), i, item) {
        char local[32];
        text_local_time(json_string_value(json_object_get(item, "at")), local, sizeof local);
        json_object_set_new(item, "at_local", json_string(local));
    }
    req_title(r, req_t(r, "audit_title"));
    return req_page(r, "admin/audit.tpl", model);
}
