#include "core/throttle.h"

#include "core/buf.h"
#include "core/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct db_sql SQL_ATTEMPT = DB_SQL("INSERT INTO login_attempts (at, email, ip, success) VALUES (?1, ?2, ?3, 0)");
/* failures since the key's last success, within the window (the last
 * success by id: several attempts fall into one second) */
static struct db_sql SQL_FAILS_KEY = DB_SQL(
    "SELECT count(*) FROM login_attempts WHERE email = ?1 AND success = 0 AND at > ?2 AND id > "
    "coalesce((SELECT max(id) FROM login_attempts WHERE email = ?1 AND success = 1), 0)");
/* the wait ends when the max-th most recent of those leaves the window
 * (?3 = max - 1) */
static struct db_sql SQL_FAILS_KEY_NTH = DB_SQL(
    "SELECT at FROM login_attempts WHERE email = ?1 AND success = 0 AND at > ?2 AND id > "
    "coalesce((SELECT max(id) FROM login_attempts WHERE email = ?1 AND success = 1), 0) "
    "ORDER BY at DESC LIMIT 1 OFFSET ?3");
/* how many keys failed from an address in the window */
static struct db_sql SQL_SPRAY = DB_SQL(
    "SELECT count(DISTINCT email) FROM login_attempts WHERE ip = ?1 AND success = 0 AND at > ?2");
/* and when that number drops below the limit (?3 = limit - 1) */
static struct db_sql SQL_SPRAY_NTH = DB_SQL(
    "SELECT last FROM (SELECT max(at) AS last FROM login_attempts WHERE ip = ?1 AND success = 0 AND at > ?2 "
    "GROUP BY email) ORDER BY last DESC LIMIT 1 OFFSET ?3");
static struct db_sql SQL_KNOWN_PLACE = DB_SQL(
    "SELECT count(*) FROM login_attempts WHERE email = ?1 AND ip = ?2 AND success = 1 AND at > ?3");
static struct db_sql SQL_SUCCEEDED = DB_SQL("UPDATE login_attempts SET success = 1 WHERE id = ?1");
static struct db_sql SQL_FORGET = DB_SQL("DELETE FROM login_attempts WHERE id = ?1");
static struct db_sql SQL_PRUNE = DB_SQL("DELETE FROM login_attempts WHERE at < ?1");

/* A number from a one-value query on (text, text or number, number); -1 on
 * error, 0 for no row. */
static int64_t query_n(struct db_sql *sql, const char *a, const char *b, int64_t n2, int64_t n3)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 2, n2);
    sqlite3_bind_int64(st, 3, b ? n2 : n3);
    int64_t v;
    int rc = db_int64(st, &v);
    return rc == 0 ? v : rc == 1 ? 0 : -1;
}

/* Seconds to wait when count reached max: until the max-th most recent
 * failure (nth) leaves the window. */
static int wait_for(struct db_sql *nth_sql, const char *key, int max, int window_s, int64_t now)
{
    int64_t since = now - window_s;
    int64_t nth = query_n(nth_sql, key, NULL, since, max - 1);
    if (nth < 0)
        return -1;
    int64_t until = nth + window_s;
    return until > now ? (int)(until - now) : 1;
}

int64_t throttle_failures(const char *key, int window_s, int64_t now)
{
    return query_n(&SQL_FAILS_KEY, key, NULL, now - window_s, 0);
}

int throttle_key_wait(const char *key, int max, int window_s, int64_t now)
{
    int64_t fails = throttle_failures(key, window_s, now);
    if (fails < 0)
        return -1;
    return fails < max ? 0 : wait_for(&SQL_FAILS_KEY_NTH, key, max, window_s, now);
}

int throttle_address_wait(const char *ip, int max, int window_s, int64_t now)
{
    int64_t keys = query_n(&SQL_SPRAY, ip, NULL, now - window_s, 0);
    if (keys < 0)
        return -1;
    return keys < max ? 0 : wait_for(&SQL_SPRAY_NTH, ip, max, window_s, now);
}

int throttle_known_place(const char *key, const char *ip, int64_t since)
{
    int64_t n = query_n(&SQL_KNOWN_PLACE, key, ip, since, 0);
    return n < 0 ? -1 : n > 0;
}

int64_t throttle_record(const char *key, const char *ip, int64_t now)
{
    sqlite3_stmt *st = db_stmt(&SQL_ATTEMPT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, ip, -1, SQLITE_STATIC);
    if (db_run(st) != 0)
        return -1;
    return sqlite3_last_insert_rowid(db_conn());
}

/* Runs a statement on one attempt's id. */
static int on_attempt(struct db_sql *sql, int64_t id)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return db_run(st);
}

int throttle_succeeded(int64_t attempt_id) { return on_attempt(&SQL_SUCCEEDED, attempt_id); }
int throttle_forget(int64_t attempt_id) { return on_attempt(&SQL_FORGET, attempt_id); }
int throttle_prune(int64_t before) { return on_attempt(&SQL_PRUNE, before); }

/* "Try again in N minutes", N rounded up (new string for err_detail). */
static char *wait_message(struct req *r, int seconds)
{
    char minutes[16];
    snprintf(minutes, sizeof minutes, "%d", (seconds + 59) / 60);
    const char *text = req_t(r, "login_wait");
    const char *at = strstr(text, "{minutes}");
    struct buf b = { 0 };
    if (at) {
        buf_append(&b, text, (size_t)(at - text));
        buf_puts(&b, minutes);
        buf_puts(&b, at + strlen("{minutes}"));
    } else {
        buf_puts(&b, text);
    }
    return buf_steal(&b);
}

int throttle_refuse(struct req *r, int retry_after, const char *view, json_t *model)
{
    r->retry_after = retry_after;
    r->err = ERR_THROTTLED;
    r->err_detail = wait_message(r, retry_after);
    req_page(r, view, model);
    return -1;
}
