#include "core/db.h"

#include "core/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TEXT_SLOTS 64      /* direct-mapped cache for run-time SQL */

struct text_slot {
    char *sql;           /* owned copy of the text */
    sqlite3_stmt *st;
};

struct conn {
    sqlite3 *db;
    int64_t serial;         /* numbered as connections open, never reused */
    sqlite3_stmt **stmts;   /* owned: prepared named statements, by slot */
    unsigned nstmts;        /* length of stmts */
    struct text_slot text_slots[TEXT_SLOTS];
    struct conn *next;   /* registry of all connections, for closing */
};

static char *db_path;
static atomic_uint next_slot = 1;   /* slots handed out to named statements */
static atomic_llong next_serial = 1; /* numbers of connections */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn *registry;
static _Thread_local struct conn *tls;

int db_init(const char *path)
{
    /* SQLite counts every allocation under one process-wide mutex unless
     * told not to; four workers would queue on it. Only possible before
     * the library starts, so it is tried once and may fail harmlessly. */
    static bool configured;
    if (!configured) {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        configured = true;
    }
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
    c->serial = atomic_fetch_add(&next_serial, 1);
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
        for (unsigned i = 0; i < c->nstmts; i++)
            sqlite3_finalize(c->stmts[i]);
        free(c->stmts);
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

/* The statement's slot, handed out once for the whole process. */
static unsigned slot_of(struct db_sql *sql)
{
    unsigned slot = atomic_load(&sql->slot);
    if (slot)
        return slot;
    unsigned mine = atomic_fetch_add(&next_slot, 1);
    unsigned expected = 0;
    /* another thread may have numbered it first: then its number counts */
    return atomic_compare_exchange_strong(&sql->slot, &expected, mine) ? mine : expected;
}

sqlite3_stmt *db_stmt(struct db_sql *sql)
{
    if (!db_conn())
        return NULL;
    unsigned slot = slot_of(sql);
    if (slot >= tls->nstmts) {
        unsigned n = tls->nstmts ? tls->nstmts : 64;
        while (n <= slot)
            n *= 2;
        sqlite3_stmt **grown = realloc(tls->stmts, n * sizeof *grown);
        if (!grown) {
            log_error("db: out of memory for statements");
            return NULL;
        }
        memset(grown + tls->nstmts, 0, (n - tls->nstmts) * sizeof *grown);
        tls->stmts = grown;
        tls->nstmts = n;
    }
    sqlite3_stmt *st = tls->stmts[slot];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    if (sqlite3_prepare_v3(tls->db, sql->text, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        log_error("db: prepare: %s in: %.120s", sqlite3_errmsg(tls->db), sql->text);
        return NULL;
    }
    tls->stmts[slot] = st;
    return st;
}

enum db_step db_step(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    log_error("db: step: %s in: %.120s", sqlite3_errmsg(sqlite3_db_handle(st)), sqlite3_sql(st));
    return DB_ERROR;
}

int db_run(sqlite3_stmt *st)
{
    enum db_step rc = db_step(st);
    sqlite3_reset(st);
    return rc == DB_DONE ? 0 : -1;
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

/* Prepared once like any statement: a list page begins and ends a read
 * transaction every time, and parsing the words each time costs more than
 * the reading they frame. */
static struct db_sql SQL_BEGIN = DB_SQL("BEGIN DEFERRED");
static struct db_sql SQL_COMMIT = DB_SQL("COMMIT");

int db_read_begin(void)
{
    sqlite3 *db = db_conn();
    if (!db || !sqlite3_get_autocommit(db)) {
        log_error("db: a read transaction inside another transaction");
        return -1;
    }
    sqlite3_stmt *st = db_stmt(&SQL_BEGIN);
    return st ? db_run(st) : -1;
}

void db_read_end(void)
{
    if (!tls || sqlite3_get_autocommit(tls->db))
        return;
    /* a read transaction changed nothing: COMMIT only ends it */
    sqlite3_stmt *st = db_stmt(&SQL_COMMIT);
    if (!st || db_run(st) != 0)
        sqlite3_exec(tls->db, "ROLLBACK", NULL, NULL, NULL);
}

static struct db_sql SQL_DATA_VERSION = DB_SQL("PRAGMA data_version");

int db_version(struct db_version *v)
{
    sqlite3_stmt *st = db_stmt(&SQL_DATA_VERSION);
    if (!st || db_int64(st, &v->data) != 0)
        return -1;
    v->changes = sqlite3_total_changes64(tls->db);
    v->conn = tls->serial;
    return 0;
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

int db_int64(sqlite3_stmt *st, int64_t *out)
{
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

int db_query_int64(struct db_sql *sql, int64_t *out)
{
    sqlite3_stmt *st = db_stmt(sql);
    return st ? db_int64(st, out) : -1;
}

const char *db_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}
