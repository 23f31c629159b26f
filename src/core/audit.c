#include "core/audit.h"

#include "core/db.h"
#include "core/log.h"

#include <stdlib.h>
#include <string.h>

static struct db_sql SQL_INSERT = DB_SQL("INSERT INTO audit_log (user_id, user_email, action, object_type, object_id, fields, ip) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");

/* Field names as a JSON array text; values never enter the log. */
static char *field_names(const json_t *fields)
{
    if (!fields)
        return NULL;
    json_t *names = json_array();
    if (json_is_array(fields)) {
        size_t i;
        json_t *v;
        json_array_foreach(fields, i, v) if (json_is_string(v)) json_array_append(names, v);
    } else if (json_is_object(fields)) {
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)fields, k, v) json_array_append_new(names, json_string(k));
    }
    char *text = json_dumps(names, JSON_COMPACT);
    json_decref(names);
    return text;
}

static int insert(int64_t user_id, const char *email, const char *action, const char *type, int64_t object_id,
                  const json_t *fields, const char *ip)
{
    sqlite3_stmt *st = db_stmt(&SQL_INSERT);
    if (!st)
        return -1;
    char *names = field_names(fields);
    if (user_id)
        sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_text(st, 2, email, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, type, -1, SQLITE_STATIC);
    if (object_id)
        sqlite3_bind_int64(st, 5, object_id);
    sqlite3_bind_text(st, 6, names, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, ip && *ip ? ip : NULL, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    free(names);
    if (rc != SQLITE_DONE) {
        log_error("audit: %s", sqlite3_errmsg(db_conn()));
        return -1;
    }
    return 0;
}

int audit_write(struct req *r, const char *action, const char *object_type, int64_t object_id,
                const json_t *fields)
{
    char ip[64];
    req_client_ip(r, ip, sizeof ip);
    return insert(r->actor_id, r->actor, action, object_type,
                  object_id, fields, ip);
}

int audit_write_as(struct req *r, int64_t user_id, const char *email, const char *action, const char *object_type,
                   int64_t object_id, const json_t *fields)
{
    char ip[64];
    req_client_ip(r, ip, sizeof ip);
    return insert(user_id, email, action, object_type, object_id, fields, ip);
}

int audit_write_system(const char *actor, const char *action, const char *object_type, int64_t object_id,
                       const json_t *fields)
{
    return insert(0, actor, action, object_type, object_id, fields, NULL);
}

static struct db_sql SQL_SINCE = DB_SQL(
    "SELECT fields FROM audit_log WHERE object_type = ?1 AND object_id = ?2 AND action = 'update' "
    "AND at >= strftime('%Y-%m-%dT%H:%M:%SZ', ?3, '-1 second') ORDER BY id");

json_t *audit_fields_since(const char *object_type, int64_t object_id, const char *since)
{
    sqlite3_stmt *st = db_stmt(&SQL_SINCE);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, object_type, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, object_id);
    sqlite3_bind_text(st, 3, since, -1, SQLITE_STATIC);
    json_t *names = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *fields = json_loads(db_text(st, 0), 0, NULL);
        size_t i;
        json_t *name;
        json_array_foreach(fields, i, name) {
            bool seen = false;
            size_t k;
            json_t *have;
            json_array_foreach(names, k, have) seen |= json_equal(have, name);
            if (!seen && json_is_string(name))
                json_array_append(names, name);
        }
        json_decref(fields);
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(names);
        return NULL;
    }
    return names;
}
