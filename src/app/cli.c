#include "app/cli.h"

#include "core/db.h"
#include "core/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fail(const char *fmt, const char *arg)
{
    fprintf(stderr, "azubimatch: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return 1;
}

/* A consistent copy of the live database through SQLite's online backup,
 * written beside the target and renamed into place, so a crash never leaves
 * a half backup under the final name. */
int cli_backup(struct cli_args *a)
{
    if (a->npositional != 1) {
        fprintf(stderr, "azubimatch: backup needs exactly one FILE\n");
        return 2;
    }
    const char *target = a->positional[0];
    if (access(target, F_OK) == 0)
        return fail("%s exists; choose a new file name", target);
    int rc = cli_open_db(a, false);
    if (rc)
        return rc;
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.partial", target);
    unlink(tmp);
    sqlite3 *dst = NULL;
    if (sqlite3_open(tmp, &dst) != SQLITE_OK) {
        sqlite3_close(dst);
        db_close_all();
        return fail("cannot create %s", tmp);
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", db_conn(), "main");
    int step = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    sqlite3_backup_finish(b);
    int ok = step == SQLITE_DONE && sqlite3_errcode(dst) == SQLITE_OK;
    if (ok)
        ok = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(dst);
    db_close_all();
    if (!ok || rename(tmp, target) != 0) {
        unlink(tmp);
        return fail("backup to %s failed", target);
    }
    printf("backup written to %s\n", target);
    return 0;
}

struct check_ctx {
    int problems;
};

static int print_row(void *arg, int n, char **vals, char **names)
{
    (void)names;
    struct check_ctx *c = arg;
    if (n == 1 && vals[0] && strcmp(vals[0], "ok") == 0)
        return 0;
    c->problems++;
    fprintf(stderr, "azubimatch: check:");
    for (int i = 0; i < n; i++)
        fprintf(stderr, " %s", vals[i] ? vals[i] : "NULL");
    fputc('\n', stderr);
    return 0;
}

/* Integrity, foreign keys and schema version: what an operator runs after
 * restoring a backup or before an upgrade. */
int cli_check(struct cli_args *a)
{
    int rc = cli_open_db(a, false);
    if (rc)
        return rc;
    struct check_ctx c = { 0 };
    sqlite3 *db = db_conn();
    if (sqlite3_exec(db, "PRAGMA integrity_check", print_row, &c, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA foreign_key_check", print_row, &c, NULL) != SQLITE_OK)
        c.problems++;
    db_close_all();
    if (c.problems)
        return fail("%s: problems found", a->cfg.db);
    printf("database %s is sound (version %d)\n", a->cfg.db, migrate_latest());
    return 0;
}

int cli_user_add(struct cli_args *a)
{
    (void)a;
    return fail("%s", "user add: not available in this build");
}

int cli_seed_demo(struct cli_args *a)
{
    (void)a;
    return fail("%s", "seed demo: not available in this build");
}

int cli_seed_synthetic(struct cli_args *a)
{
    (void)a;
    return fail("%s", "seed synthetic: not available in this build");
}

int cli_retention(struct cli_args *a)
{
    (void)a;
    return fail("%s", "retention: not available in this build");
}

int (*cli_gate(void))(struct req *r) { return NULL; }
