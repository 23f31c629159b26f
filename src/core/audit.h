/* audit: the append-only record of who wrote what and who read whose
 * record. Writes go into the caller's transaction, so an audited change and
 * its audit entry commit or fail together. */
#ifndef CORE_AUDIT_H
#define CORE_AUDIT_H

#include "core/http.h"

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

/* The names of the fields written by updates of one object since a moment
 * (a UTC timestamp; a second earlier, since saves within a second share
 * it): what a colleague changed while a form was open. New array, or NULL
 * on a database error. */
json_t *audit_fields_since(const char *object_type, int64_t object_id, const char *since);

#endif
