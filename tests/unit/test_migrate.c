/* migrate + db: schema versions on a temporary database file, the tables
 * and triggers the migrations make, per-connection pragmas, transactions and
 * the statement cache. Each test gets a fresh directory and database. */
#include "suites.h"

#include "core/db.h"
#include "core/log.h"
#include "core/migrate.h"
#include "tmp.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];
static char path[300];
static char err[512];

/* Removes the database files and their directory (what a failed test leaves
 * goes with the base directory, see tmp.h). */
static void cleanup(void)
{
    if (!dir[0])
        return;
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    for (size_t i = 0; i < 4; i++) {
        char p[320];
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        unlink(p);
    }
    rmdir(dir);
    dir[0] = '\0';
}

static void setup(void)
{
    log_set_quiet(1);
    tmp_dir(dir, sizeof dir, "db");
    snprintf(path, sizeof path, "%s/test.db", dir);
    ck_assert_int_eq(db_init(path), 0);
    err[0] = '\0';
}

static void teardown(void)
{
    db_close_all();
    cleanup();
}

static sqlite3 *conn(void)
{
    sqlite3 *db = db_conn();
    ck_assert_ptr_nonnull(db);
    return db;
}

static int64_t query_int(const char *sql)
{
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(conn(), sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void migrate_ok(void)
{
    int rc = migrate_run(err, sizeof err);
    ck_assert_msg(rc == 0, "migrate_run: %s", err);
}

START_TEST(latest_is_last_migration)
{
    ck_assert_int_gt(migrations_count, 0);
    ck_assert_int_eq(migrate_latest(), migrations[migrations_count - 1].version);
    for (int i = 0; i < migrations_count; i++) {
        /* rising, from 1; a number may be free for another branch's */
        ck_assert_int_gt(migrations[i].version, i ? migrations[i - 1].version : 0);
        ck_assert_int_eq(migrations[i].version, atoi(migrations[i].name));
        ck_assert_ptr_nonnull(migrations[i].name);
        ck_assert_ptr_nonnull(migrations[i].sql);
        ck_assert_int_gt(strlen(migrations[i].sql), 0);
    }
}
END_TEST

START_TEST(fresh_database_needs_migrating)
{
    ck_assert_int_eq(migrate_current(), 0);
    ck_assert_int_eq(migrate_check(err, sizeof err), -1);
    ck_assert_msg(strstr(err, "migrate") != NULL, "'%s' does not say to migrate", err);
}
END_TEST

START_TEST(run_brings_database_to_latest)
{
    migrate_ok();
    ck_assert_int_eq(migrate_current(), migrate_latest());
    ck_assert_int_eq(query_int("PRAGMA user_version"), migrate_latest());
    ck_assert_int_eq(migrate_check(err, sizeof err), 0);
    ck_assert(!db_in_tx());
}
END_TEST

START_TEST(run_twice_is_a_no_op)
{
    migrate_ok();
    int64_t meta = query_int("SELECT count(*) FROM meta");
    int64_t occupations = query_int("SELECT count(*) FROM occupations");
    int changes = sqlite3_total_changes(conn());
    migrate_ok();
    ck_assert_int_eq(sqlite3_total_changes(conn()), changes);
    ck_assert_int_eq(migrate_current(), migrate_latest());
    ck_assert_int_eq(query_int("SELECT count(*) FROM meta"), meta);
    ck_assert_int_eq(query_int("SELECT count(*) FROM occupations"), occupations);
    ck_assert_int_eq(migrate_check(err, sizeof err), 0);
}
END_TEST

START_TEST(newer_database_is_refused)
{
    migrate_ok();
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", migrate_latest() + 1);
    ck_assert_int_eq(db_exec(sql), 0);
    ck_assert_int_eq(migrate_run(err, sizeof err), -1);
    ck_assert_msg(strstr(err, "newer") != NULL, "migrate_run: '%s'", err);
    ck_assert_int_eq(migrate_current(), migrate_latest() + 1);
    err[0] = '\0';
    ck_assert_int_eq(migrate_check(err, sizeof err), -1);
    ck_assert_msg(strstr(err, "newer") != NULL, "migrate_check: '%s'", err);
}
END_TEST

START_TEST(newer_fresh_database_gets_no_tables)
{
    ck_assert_int_eq(db_exec("PRAGMA user_version=9999"), 0);
    ck_assert_int_eq(migrate_run(err, sizeof err), -1);
    ck_assert_msg(strstr(err, "newer") != NULL, "'%s'", err);
    ck_assert_int_eq(query_int("SELECT count(*) FROM sqlite_master"), 0);
}
END_TEST

START_TEST(tables_exist)
{
    static const char *const tables[] = { "meta", "users", "sessions", "audit_log", "occupations", "places" };
    migrate_ok();
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        sqlite3_stmt *st;
        ck_assert_int_eq(sqlite3_prepare_v2(conn(), "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?",
                                            -1, &st, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(st, 1, tables[i], -1, SQLITE_STATIC);
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        int n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        ck_assert_msg(n == 1, "table %s missing", tables[i]);
    }
    ck_assert_int_eq(query_int("SELECT count(*) FROM meta WHERE key='created_at'"), 1);
    ck_assert_int_gt(query_int("SELECT count(*) FROM occupations"), 0);
    ck_assert_int_gt(query_int("SELECT count(*) FROM places"), 0);
}
END_TEST

START_TEST(audit_log_refuses_update)
{
    migrate_ok();
    sqlite3 *db = conn();
    ck_assert_int_eq(sqlite3_exec(db, "INSERT INTO audit_log (action, object_type) VALUES ('view', 'person')", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    int rc = sqlite3_exec(db, "UPDATE audit_log SET action = 'edit'", NULL, NULL, NULL);
    ck_assert_int_ne(rc, SQLITE_OK);
    ck_assert_int_eq(rc & 0xff, SQLITE_CONSTRAINT);
    ck_assert_int_eq(query_int("SELECT count(*) FROM audit_log WHERE action = 'view'"), 1);
    /* an old row may not be changed either */
    ck_assert_int_eq(sqlite3_exec(db,
                                  "INSERT INTO audit_log (at, action, object_type) "
                                  "VALUES ('2000-01-01T00:00:00Z', 'old', 'person')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    ck_assert_int_ne(sqlite3_exec(db, "UPDATE audit_log SET object_type = 'x' WHERE action = 'old'", NULL, NULL, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(query_int("SELECT count(*) FROM audit_log WHERE object_type = 'x'"), 0);
}
END_TEST

START_TEST(audit_log_keeps_recent_rows)
{
    migrate_ok();
    sqlite3 *db = conn();
    ck_assert_int_eq(sqlite3_exec(db, "INSERT INTO audit_log (action, object_type) VALUES ('view', 'person')", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    int rc = sqlite3_exec(db, "DELETE FROM audit_log", NULL, NULL, NULL);
    ck_assert_int_ne(rc, SQLITE_OK);
    ck_assert_int_eq(rc & 0xff, SQLITE_CONSTRAINT);
    ck_assert_int_eq(query_int("SELECT count(*) FROM audit_log"), 1);
}
END_TEST

START_TEST(audit_log_lets_old_rows_go)
{
    migrate_ok();
    sqlite3 *db = conn();
    ck_assert_int_eq(sqlite3_exec(db,
                                  "INSERT INTO audit_log (at, action, object_type) "
                                  "VALUES ('2000-01-01T00:00:00Z', 'old', 'person')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "DELETE FROM audit_log WHERE action = 'old'", NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(query_int("SELECT count(*) FROM audit_log"), 0);
}
END_TEST

struct pragmas {
    char journal_mode[16];
    int foreign_keys, secure_delete, synchronous;
    int ok;
};

static void read_pragmas(sqlite3 *db, struct pragmas *p)
{
    sqlite3_stmt *st;
    memset(p, 0, sizeof *p);
    p->foreign_keys = p->secure_delete = p->synchronous = -1;
    if (!db || sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) != SQLITE_OK)
        return;
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(p->journal_mode, sizeof p->journal_mode, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    static const char *const q[] = { "PRAGMA foreign_keys", "PRAGMA secure_delete", "PRAGMA synchronous" };
    int *out[] = { &p->foreign_keys, &p->secure_delete, &p->synchronous };
    for (int i = 0; i < 3; i++) {
        if (sqlite3_prepare_v2(db, q[i], -1, &st, NULL) != SQLITE_OK)
            return;
        if (sqlite3_step(st) == SQLITE_ROW)
            *out[i] = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    p->ok = 1;
}

static void assert_pragmas(const struct pragmas *p, const char *who)
{
    ck_assert_msg(p->ok, "%s: could not read pragmas", who);
    ck_assert_msg(strcmp(p->journal_mode, "wal") == 0, "%s: journal_mode %s", who, p->journal_mode);
    ck_assert_msg(p->foreign_keys == 1, "%s: foreign_keys %d", who, p->foreign_keys);
    ck_assert_msg(p->secure_delete == 1, "%s: secure_delete %d", who, p->secure_delete);
    ck_assert_msg(p->synchronous == 2, "%s: synchronous %d (want 2, FULL)", who, p->synchronous);
}

static void *thread_pragmas(void *arg)
{
    struct pragmas *p = arg;
    sqlite3 *db = db_conn();
    read_pragmas(db, p);
    return db;   /* so the main thread can tell it is another connection */
}

START_TEST(pragmas_on_every_connection)
{
    struct pragmas mine;
    sqlite3 *db = conn();
    read_pragmas(db, &mine);
    assert_pragmas(&mine, "first connection");

    /* another thread gets its own connection with the same pragmas */
    struct pragmas theirs;
    pthread_t t;
    void *other = NULL;
    ck_assert_int_eq(pthread_create(&t, NULL, thread_pragmas, &theirs), 0);
    ck_assert_int_eq(pthread_join(t, &other), 0);
    ck_assert_ptr_nonnull(other);
    ck_assert_ptr_ne(other, db);
    assert_pragmas(&theirs, "second thread's connection");
    ck_assert_ptr_eq(db_conn(), db);   /* this thread keeps its own */
}
END_TEST

START_TEST(foreign_keys_are_enforced)
{
    migrate_ok();
    int rc = sqlite3_exec(conn(),
                          "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen) "
                          "VALUES (x'00', 12345, 't', 0, 0)",
                          NULL, NULL, NULL);
    ck_assert_int_eq(rc & 0xff, SQLITE_CONSTRAINT);
}
END_TEST

static int insert_and(void *arg)
{
    const int *v = arg;
    char sql[80];
    snprintf(sql, sizeof sql, "INSERT INTO t (x) VALUES (%d)", v[0]);
    if (db_exec(sql) != 0)
        return -2;
    ck_assert(db_in_tx());
    return v[1];
}

START_TEST(tx_commits_on_zero)
{
    ck_assert_int_eq(db_exec("CREATE TABLE t (x INTEGER)"), 0);
    int arg[2] = { 1, 0 };
    ck_assert_int_eq(db_tx(insert_and, arg), 0);
    ck_assert(!db_in_tx());
    ck_assert_int_eq(query_int("SELECT count(*) FROM t WHERE x = 1"), 1);
    /* still there for a new connection: really committed */
    db_close_all();
    ck_assert_int_eq(query_int("SELECT count(*) FROM t WHERE x = 1"), 1);
}
END_TEST

START_TEST(tx_rolls_back_on_minus_one)
{
    ck_assert_int_eq(db_exec("CREATE TABLE t (x INTEGER)"), 0);
    int arg[2] = { 2, -1 };
    ck_assert_int_eq(db_tx(insert_and, arg), -1);
    ck_assert(!db_in_tx());
    ck_assert_int_eq(query_int("SELECT count(*) FROM t WHERE x = 2"), 0);
    /* and a later transaction works as usual */
    int ok[2] = { 3, 0 };
    ck_assert_int_eq(db_tx(insert_and, ok), 0);
    ck_assert_int_eq(query_int("SELECT count(*) FROM t"), 1);
}
END_TEST

START_TEST(rollback_stray)
{
    ck_assert(!db_rollback_stray());
    ck_assert_int_eq(db_exec("CREATE TABLE t (x INTEGER)"), 0);
    ck_assert_int_eq(db_exec("BEGIN; INSERT INTO t VALUES (1)"), 0);
    ck_assert(db_in_tx());
    ck_assert(db_rollback_stray());
    ck_assert(!db_in_tx());
    ck_assert_int_eq(query_int("SELECT count(*) FROM t"), 0);
}
END_TEST

static struct db_sql SQL_ONE = DB_SQL("SELECT 1");
static struct db_sql SQL_ONE_AGAIN = DB_SQL("SELECT 1");   /* same text, another statement */
static struct db_sql SQL_SEVEN = DB_SQL("SELECT 7");

START_TEST(named_statements_are_prepared_once)
{
    sqlite3_stmt *a = db_stmt(&SQL_ONE);
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(db_step(a), DB_ROW);
    ck_assert_int_eq(sqlite3_column_int(a, 0), 1);
    /* the same name: the same statement, reset so it can run again */
    sqlite3_stmt *b = db_stmt(&SQL_ONE);
    ck_assert_ptr_eq(a, b);
    ck_assert_int_eq(db_step(b), DB_ROW);
    ck_assert_int_eq(sqlite3_column_int(b, 0), 1);
    /* another name is another statement, even with the same text */
    sqlite3_stmt *c = db_stmt(&SQL_ONE_AGAIN);
    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_ne(a, c);
    ck_assert_ptr_eq(db_stmt(&SQL_ONE_AGAIN), c);
    int64_t v = 0;
    ck_assert_int_eq(db_query_int64(&SQL_SEVEN, &v), 0);
    ck_assert_int_eq(v, 7);
    ck_assert_ptr_eq(db_stmt(&SQL_ONE), a);
}
END_TEST

/* The old cache had 256 slots and answered NULL when full: named
 * statements have no such limit. */
START_TEST(named_statements_have_no_fixed_limit)
{
    enum { N = 600 };
    static struct db_sql many[N];
    static char texts[N][32];
    for (int i = 0; i < N; i++) {
        snprintf(texts[i], sizeof texts[i], "SELECT %d", i);
        many[i].text = texts[i];
    }
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < N; i++) {
            sqlite3_stmt *st = db_stmt(&many[i]);
            ck_assert_msg(st != NULL, "statement %d has none", i);
            ck_assert_int_eq(db_step(st), DB_ROW);
            ck_assert_int_eq(sqlite3_column_int(st, 0), i);
            sqlite3_reset(st);
        }
}
END_TEST

START_TEST(stmt_clears_bindings)
{
    static struct db_sql SQL_ECHO = DB_SQL("SELECT ?");
    sqlite3_stmt *st = db_stmt(&SQL_ECHO);
    ck_assert_ptr_nonnull(st);
    sqlite3_bind_int(st, 1, 42);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(st, 0), 42);
    st = db_stmt(&SQL_ECHO);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_type(st, 0), SQLITE_NULL);
}
END_TEST

/* A read that fails half-way (here: an integer overflow on the third row)
 * says so: rows, then an error, never a quiet end. */
START_TEST(step_tells_an_error_from_the_end)
{
    static struct db_sql SQL_BREAKS = DB_SQL(
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) "
        "SELECT CASE WHEN x = 3 THEN abs(-9223372036854775807 - 1) ELSE x END FROM n");
    sqlite3_stmt *st = db_stmt(&SQL_BREAKS);
    ck_assert_ptr_nonnull(st);
    ck_assert_int_eq(db_step(st), DB_ROW);
    ck_assert_int_eq(db_step(st), DB_ROW);
    ck_assert_int_eq(db_step(st), DB_ERROR);
    sqlite3_reset(st);
    static struct db_sql SQL_TWO = DB_SQL("SELECT 1 UNION ALL SELECT 2");
    st = db_stmt(&SQL_TWO);
    ck_assert_int_eq(db_step(st), DB_ROW);
    ck_assert_int_eq(db_step(st), DB_ROW);
    ck_assert_int_eq(db_step(st), DB_DONE);
    int64_t v = -1;
    static struct db_sql SQL_NONE = DB_SQL("SELECT 1 WHERE 0");
    ck_assert_int_eq(db_query_int64(&SQL_NONE, &v), 1);
    ck_assert_int_eq(db_query_int64(&SQL_BREAKS, &v), 0);   /* the first row is fine */
}
END_TEST

Suite *migrate_suite(void)
{
    Suite *s = suite_create("migrate");
    TCase *m = tcase_create("migrations");
    tcase_add_unchecked_fixture(m, tmp_base_setup, tmp_base_teardown);
    tcase_add_checked_fixture(m, setup, teardown);
    /* every migration, under ASan and with synchronous=FULL, takes a moment */
    tcase_set_timeout(m, 120);
    tcase_add_test(m, latest_is_last_migration);
    tcase_add_test(m, fresh_database_needs_migrating);
    tcase_add_test(m, run_brings_database_to_latest);
    tcase_add_test(m, run_twice_is_a_no_op);
    tcase_add_test(m, newer_database_is_refused);
    tcase_add_test(m, newer_fresh_database_gets_no_tables);
    tcase_add_test(m, tables_exist);
    tcase_add_test(m, audit_log_refuses_update);
    tcase_add_test(m, audit_log_keeps_recent_rows);
    tcase_add_test(m, audit_log_lets_old_rows_go);
    tcase_add_test(m, foreign_keys_are_enforced);
    suite_add_tcase(s, m);

    TCase *d = tcase_create("db");
    tcase_add_unchecked_fixture(d, tmp_base_setup, tmp_base_teardown);
    tcase_add_checked_fixture(d, setup, teardown);
    tcase_set_timeout(d, 30);
    tcase_add_test(d, pragmas_on_every_connection);
    tcase_add_test(d, tx_commits_on_zero);
    tcase_add_test(d, tx_rolls_back_on_minus_one);
    tcase_add_test(d, rollback_stray);
    tcase_add_test(d, named_statements_are_prepared_once);
    tcase_add_test(d, named_statements_have_no_fixed_limit);
    tcase_add_test(d, step_tells_an_error_from_the_end);
    tcase_add_test(d, stmt_clears_bindings);
    suite_add_tcase(s, d);
    return s;
}
