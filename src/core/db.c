#include "core/db.h"

#include "core/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STMT_SLOTS 256   /* per connection; power of two */

struct stmt_slot {
    const char *sql;     /* key: the address of the caller's static string */
    sqlite3_stmt *st;
};

#define TEXT_SLOTS 64      /* direct-mapped cache for run-time SQL */

struct text_slot {
    char *sql;           /* owned copy of the text */
    sqlite3_stmt *st;
};

struct conn {
    sqlite3 *db;
    struct stmt_slot slots[STMT_SLOTS];
    struct text_slot text_slots[TEXT_SLOTS];
    struct conn *next;   /* registry of all connections, for closing */
};

static char *db_path;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn *registry;
static _Thread_local struct conn *tls;

int db_init(const char *path)
{
    free(db_path);
    db_path = strdup(path);
    return db_path ? 0 : -1;
}

/* Pragmas every connection needs: durability (WAL + FULL), integrity
 * (foreign keys), erasure that leaves no trace (secure_delete), and patience
 * with concurrent writers. */
static const char PRAGMAS[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA secure_delete=ON;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA cache_size=-16000;";

static struct conn *open_conn(void)
{
    if (!db_path) {
        log_error("db: db_init was not called");
        return NULL;
    }
    struct conn *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    int rc = sqlite3_open_v2(db_path, &c->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        log_error("db: cannot open %s: %s", db_path, c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->db, 5000);
    sqlite3_extended_result_codes(c->db, 1);
    char *msg = NULL;
    if (sqlite3_exec(c->db, PRAGMAS, NULL, NULL, &msg) != SQLITE_OK) {
        log_error("db: %s: %s", db_path, msg ? msg : "pragma failed");
        sqlite3_free(msg);
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    pthread_mutex_lock(&registry_lock);
    c->next = registry;
    registry = c;
    pthread_mutex_unlock(&registry_lock);
    return c;
}

sqlite3 *db_conn(void)
{
    if (!tls)
        tls = open_conn();
    return tls ? tls->db : NULL;
}

void db_close_all(void)
{
    pthread_mutex_lock(&registry_lock);
    struct conn *c = registry;
    registry = NULL;
    pthread_mutex_unlock(&registry_lock);
    while (c) {
        struct conn *next = c->next;
        for (int i = 0; i < STMT_SLOTS; i++)
            sqlite3_finalize(c->slots[i].st);
        for (int i = 0; i < TEXT_SLOTS; i++) {
            sqlite3_finalize(c->text_slots[i].st);
            free(c->text_slots[i].sql);
        }
        if (sqlite3_close(c->db) != SQLITE_OK)
            log_error("db: close: %s", sqlite3_errmsg(c->db));
        free(c);
        c = next;
    }
    /* Threads that ended keep a dangling pointer only if they run again,
     * which they do not after shutdown; the caller's thread is reset. */
    tls = NULL;
}

sqlite3_stmt *db_stmt(const char *sql)
{
    if (!db_conn())
        return NULL;
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 40) & (STMT_SLOTS - 1);
    for (size_t probe = 0; probe < STMT_SLOTS; probe++, i = (i + 1) & (STMT_SLOTS - 1)) {
        struct stmt_slot *s = &tls->slots[i];
        if (s->sql == sql) {
            sqlite3_reset(s->st);
            sqlite3_clear_bindings(s->st);
            return s->st;
        }
        if (!s->sql) {
            if (sqlite3_prepare_v3(tls->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK) {
                log_error("db: prepare: %s in: %.120s", sqlite3_errmsg(tls->db), sql);
                s->st = NULL;
                return NULL;
            }
            s->sql = sql;
            return s->st;
        }
    }
    log_error("db: statement cache full");
    return NULL;
}

sqlite3_stmt *db_stmt_text(const char *sql)
{
    if (!db_conn())
        return NULL;
    /* FNV-1a over the text picks the one slot it may live in */
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    struct text_slot *s = &tls->text_slots[h % TEXT_SLOTS];
    if (s->sql && strcmp(s->sql, sql) == 0) {
        sqlite3_reset(s->st);
        sqlite3_clear_bindings(s->st);
        return s->st;
    }
    sqlite3_finalize(s->st);
    free(s->sql);
    s->st = NULL;
    s->sql = NULL;
    if (sqlite3_prepare_v3(tls->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK) {
        log_error("db: prepare: %s in: %.120s", sqlite3_errmsg(tls->db), sql);
        s->st = NULL;
        return NULL;
    }
    s->sql = strdup(sql);
    if (!s->sql) {
        sqlite3_finalize(s->st);
        s->st = NULL;
    }
    return s->st;
}

int db_exec(const char *sql)
{
    sqlite3 *db = db_conn();
    if (!db)
        return -1;
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        log_error("db: %s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static bool is_busy(int rc)
{
    rc &= 0xff;
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

int db_tx(int (*fn)(void *), void *arg)
{
    sqlite3 *db = db_conn();
    if (!db)
        return -1;
    for (int attempt = 0; attempt < 50; attempt++) {
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (is_busy(rc)) {
            struct timespec ts = { 0, 2000000L * (attempt + 1) };
            nanosleep(&ts, NULL);
            continue;
        }
        if (rc != SQLITE_OK) {
            log_error("db: begin: %s", sqlite3_errmsg(db));
            return -1;
        }
        int result = fn(arg);
        if (result != 0) {
            /* BEGIN IMMEDIATE holds the write lock, so fn cannot meet a
             * busy database: a failure is final. */
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return result;
        }
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        if (!is_busy(rc)) {
            log_error("db: commit: %s", sqlite3_errmsg(db));
            return -1;
        }
    }
    log_error("db: gave up after repeated busy database");
    return -1;
}

bool db_in_tx(void)
{
    return tls && !sqlite3_get_autocommit(tls->db);
}

bool db_rollback_stray(void)
{
    if (!db_in_tx())
        return false;
    sqlite3_exec(tls->db, "ROLLBACK", NULL, NULL, NULL);
    return true;
}

int db_query_int64(const char *sql, int64_t *out)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE)
            log_error("db: %s", sqlite3_errmsg(db_conn()));
        sqlite3_reset(st);
        return -1;
    }
    *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

const char *db_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}
