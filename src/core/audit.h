/* audit: the append-only record of who wrote what and who read whose
 * record. Writes go into the caller's transaction, so an audited change and
 * its audit entry commit or fail together. */
#ifndef CORE_AUDIT_H
#define CORE_AUDIT_H

#include "core/http.h"
#include "core/list.h"

/* Records an action by the request's user. fields: names of the fields
 * written (borrowed; an array of strings, the keys of an object, or NULL).
 * Returns 0 or -1. */
int audit_write(struct req *r, const char *action, const char *object_type, int64_t object_id,
                const json_t *fields);

/* Records an action on behalf of a user who is not (yet) the request's
 * user: log-in attempts. user_id 0 when the account is unknown. */
int audit_write_as(struct req *r, int64_t user_id, const char *email, const char *action, const char *object_type,
                   int64_t object_id, const json_t *fields);

/* The same for work outside a request (command line, scheduled jobs). */
int audit_write_system(const char *actor, const char *action, const char *object_type, int64_t object_id,
                       const json_t *fields);

struct audit_filter {
    int64_t user_id;            /* 0 = any */
    const char *action;         /* NULL = any */
    const char *object_type;    /* NULL = any */
    int64_t object_id;          /* 0 = any */
    const char *from, *to;      /* dates, inclusive; NULL = open */
};

/* A page of entries, newest first, as a list_result. NULL on error. */
json_t *audit_query(struct req *r, const struct audit_filter *f, const struct list_params *lp);

#endif
