#include "app/places.h"

#include "core/db.h"

#include <stdio.h>
#include <string.h>

static struct db_sql SQL_PLACE = DB_SQL("SELECT place, area FROM places WHERE plz = ?1 ORDER BY place LIMIT 1");

const char *places_check_plz(const char *value)
{
    return strlen(value) == 5 && strspn(value, "0123456789") == 5 ? NULL : "field_bad_plz";
}

int places_find(const char *plz, struct place *out)
{
    if (!plz || !*plz)
        return 1;
    sqlite3_stmt *st = db_stmt(&SQL_PLACE);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, plz, -1, SQLITE_STATIC);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW) {
        snprintf(out->name, sizeof out->name, "%s", db_text(st, 0));
        snprintf(out->area, sizeof out->area, "%s", db_text(st, 1));
    }
    sqlite3_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}
