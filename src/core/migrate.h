/* migrate: the schema, as numbered SQL files compiled into the binary
 * (build/gen/migrations.c, made by tools/embed.c from migrations/). The
 * database's PRAGMA user_version is the number of the last one applied. */
#ifndef CORE_MIGRATE_H
#define CORE_MIGRATE_H

#include <stddef.h>

struct migration {
    int version;
    const char *name;
    const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

/* The version this binary brings: the highest migration number. */
int migrate_latest(void);

/* The database's current version, or -1 on error. */
int migrate_current(void);

/* Applies every migration newer than the database, each in its own
 * transaction. Refuses (-1, with a reason) a database newer than the binary. */
int migrate_run(char *err, size_t errlen);

/* 0 when the database is exactly at migrate_latest(); otherwise -1 with a
 * reason telling the operator what to do. */
int migrate_check(char *err, size_t errlen);

#endif
