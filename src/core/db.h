/* db: the SQLite store. One connection per thread, opened on first use with
 * the project's pragmas; statements prepared once per connection and kept.
 *
 * SQL lives with the area that owns it, as a named statement:
 *
 *     static struct db_sql SQL_GET = DB_SQL("SELECT ... WHERE id = ?1");
 *
 * The first use anywhere gives the statement a number (its slot); every
 * connection keeps its prepared statements in an array indexed by that
 * number, which grows as needed, so there is no fixed limit and no lookup
 * by text or address. */
#ifndef CORE_DB_H
#define CORE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* Remembers the path for every later connection. Call once at start-up. */
int db_init(const char *path);

/* The calling thread's connection (borrowed; closed by db_close_all), opened
 * on first use. NULL when it cannot be opened (logged). */
sqlite3 *db_conn(void);

/* Closes every connection opened by any thread. Call after all threads that
 * used the store have stopped. */
void db_close_all(void);

/* A named statement: the SQL text and the slot it is given on first use. */
struct db_sql {
    const char *text;
    _Atomic unsigned slot;   /* 0 = not yet numbered */
};
#define DB_SQL(sql_text) { .text = (sql_text), .slot = 0 }

/* The statement prepared on this thread's connection, reset and with
 * bindings cleared, ready to bind (borrowed: do not finalize). `sql` must
 * have static storage. NULL on error (logged). */
sqlite3_stmt *db_stmt(struct db_sql *sql);

/* Steps a statement and says which of three things happened: a row, the
 * end, or an error (logged with the statement's text). A loop over rows
 * must tell the end from an error: `while ((rc = db_step(st)) == DB_ROW)`
 * and then `if (rc == DB_ERROR)`. */
enum db_step { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1 };
enum db_step db_step(sqlite3_stmt *st);

/* Runs a statement that returns no rows; resets it. 0 or -1 (logged). */
int db_run(sqlite3_stmt *st);

/* For SQL put together at run time (a list's active filters): a statement
 * for this text, prepared once per connection and kept in a small cache
 * keyed by the text itself; an entry may be replaced by another text, so
 * the statement is valid only until the next db_stmt_text call on this
 * thread (finish with one before asking for the next). NULL on error. */
sqlite3_stmt *db_stmt_text(const char *sql);

/* Runs fn(arg) inside BEGIN IMMEDIATE ... COMMIT, retrying the whole
 * transaction when SQLite reports the database busy. fn returns 0 to commit
 * or -1 to roll back. Returns fn's result, or -1 on a database error. */
int db_tx(int (*fn)(void *arg), void *arg);

/* A read transaction for reads that belong together (a list's count and
 * its rows see one snapshot, and take the database's locks once): begin,
 * read, end. Not inside db_tx. 0 or -1 (logged). */
int db_read_begin(void);
void db_read_end(void);

/* What the database looks like to this connection now, as two numbers
 * that change whenever any connection (this one or another, in this
 * process or not) commits a change; inside a read transaction, the
 * snapshot's. For remembering figures derived from it, exactly. 0 or -1. */
struct db_version {
    int64_t conn;      /* which connection: numbered as they open */
    int64_t data;      /* PRAGMA data_version: others' commits */
    int64_t changes;   /* this connection's own changes */
};
int db_version(struct db_version *v);

/* Runs SQL text without results (pragmas, migrations). 0 or -1 (logged). */
int db_exec(const char *sql);

/* True while the thread's connection has a transaction open. */
bool db_in_tx(void);

/* Rolls back a transaction that a request left open; returns true if one
 * was open (a bug in our code: the caller logs it). */
bool db_rollback_stray(void);

/* Convenience for the common single-value queries: the first column of
 * the first row. 0, 1 when there is no row, -1 on error. */
int db_query_int64(struct db_sql *sql, int64_t *out);
/* The same for a statement already bound; resets it. */
int db_int64(sqlite3_stmt *st, int64_t *out);

/* Column text as a C string ("" for NULL): borrowed until the next step. */
const char *db_text(sqlite3_stmt *st, int col);

#endif
