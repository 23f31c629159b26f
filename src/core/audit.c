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
    return insert(r->logged_in ? r->user.id : 0, r->logged_in ? r->user.email : NULL, action, object_type,
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

/* One statement serves every filter combination: an absent filter is bound
 * as NULL and matches everything, so each statement is prepared once. */
#define AUDIT_WHERE                                                                                      \
    " FROM audit_log WHERE (?1 IS NULL OR user_id = ?1) AND (?2 IS NULL OR action = ?2)"                 \
    " AND (?3 IS NULL OR object_type = ?3) AND (?4 IS NULL OR object_id = ?4)"                           \
    " AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR at < date(?6, '+1 day'))"
static struct db_sql SQL_COUNT = DB_SQL("SELECT count(*)" AUDIT_WHERE);
static struct db_sql SQL_PAGE = DB_SQL("SELECT id, at, user_id, user_email, action, object_type, object_id, fields, ip"
                               AUDIT_WHERE " ORDER BY id DESC LIMIT ?7 OFFSET ?8");

static void bind_filter(sqlite3_stmt *st, const struct audit_filter *f)
{
    if (f->user_id)
        sqlite3_bind_int64(st, 1, f->user_id);
    sqlite3_bind_text(st, 2, f->action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, f->object_type, -1, SQLITE_STATIC);
    if (f->object_id)
        sqlite3_bind_int64(st, 4, f->object_id);
    sqlite3_bind_text(st, 5, f->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, f->to, -1, SQLITE_STATIC);
}

json_t *audit_query(struct req *r, const struct audit_filter *f, const struct list_params *lp)
{
    sqlite3_stmt *st = db_stmt(&SQL_COUNT);
    if (!st)
        return NULL;
    bind_filter(st, f);
    long long total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    st = db_stmt(&SQL_PAGE);
    if (!st)
        return NULL;
    bind_filter(st, f);
    sqlite3_bind_int(st, 7, lp->per_page);
    sqlite3_bind_int(st, 8, list_offset(lp));
    json_t *items = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        json_t *fields = NULL;
        if (sqlite3_column_type(st, 7) != SQLITE_NULL)
            fields = json_loads(db_text(st, 7), 0, NULL);
        json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0), "at",
                                db_text(st, 1), "user_email", db_text(st, 3), "action", db_text(st, 4),
                                "object_type", db_text(st, 5));
        json_object_set_new(row, "user_id",
                            sqlite3_column_type(st, 2) == SQLITE_NULL ? json_null()
                                                                       : json_integer(sqlite3_column_int64(st, 2)));
        json_object_set_new(row, "object_id",
                            sqlite3_column_type(st, 6) == SQLITE_NULL ? json_null()
                                                                       : json_integer(sqlite3_column_int64(st, 6)));
        json_object_set_new(row, "fields", fields ? fields : json_array());
        json_object_set_new(row, "ip", json_string(db_text(st, 8)));
        json_array_append_new(items, row);
    }
    sqlite3_reset(st);
    return list_result(r, items, total, lp);
}
