#include "core/migrate.h"

#include "core/db.h"
#include "core/log.h"

#include <stdio.h>

static struct db_sql SQL_USER_VERSION = DB_SQL("PRAGMA user_version");

int migrate_latest(void)
{
    return migrations_count ? migrations[migrations_count - 1].version : 0;
}

int migrate_current(void)
{
    int64_t v;
    if (db_query_int64(&SQL_USER_VERSION, &v) != 0)
        return -1;
    return (int)v;
}

struct step {
    const struct migration *m;
};

/* One migration: its SQL and the new user_version commit together, so a
 * killed process leaves the database at the old version or the new one. */
static int apply_one(void *arg)
{
    const struct migration *m = ((struct step *)arg)->m;
    if (db_exec(m->sql) != 0)
        return -1;
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", m->version);
    return db_exec(pragma);
}

int migrate_run(char *err, size_t errlen)
{
    int current = migrate_current();
    if (current < 0) {
        snprintf(err, errlen, "cannot read the database version");
        return -1;
    }
    if (current > migrate_latest()) {
        snprintf(err, errlen, "database is at version %d, newer than this program (%d); use a newer azubimatch",
                 current, migrate_latest());
        return -1;
    }
    for (int i = 0; i < migrations_count; i++) {
        if (migrations[i].version <= current)
            continue;
        struct step s = { &migrations[i] };
        if (db_tx(apply_one, &s) != 0) {
            snprintf(err, errlen, "migration %s failed; the database stays at version %d", migrations[i].name,
                     current);
            return -1;
        }
        current = migrations[i].version;
        log_info("migrate: applied %s", migrations[i].name);
    }
    return 0;
}

int migrate_check(char *err, size_t errlen)
{
    int current = migrate_current();
    if (current < 0) {
        snprintf(err, errlen, "cannot read the database version");
        return -1;
    }
    if (current > migrate_latest()) {
        snprintf(err, errlen, "database is at version %d, newer than this program (%d); use a newer azubimatch",
                 current, migrate_latest());
        return -1;
    }
    if (current < migrate_latest()) {
        snprintf(err, errlen, "database is at version %d, this program needs %d; run 'azubimatch migrate' first",
                 current, migrate_latest());
        return -1;
    }
    return 0;
}
