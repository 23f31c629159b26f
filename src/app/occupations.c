#include "app/occupations.h"

#include "app/auth.h"
#include "app/choices.h"
#include "core/db.h"
#include "core/fold.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the declaration ------------------------------------------------------
 * The recognised occupations are facts (migration 0003): only whether one
 * is still trained is written here. bodies is the stored list of codes
 * ("ihk,hwk"); body is a filter only (one of them). open_posts is counted
 * per row of a page from the index posts_occupation alone. */
#define OPEN_POSTS "(SELECT count(*) FROM posts p WHERE p.occupation_id = t.id AND p.status = 'open')"

static const struct field_rule FIELDS[] = {
    { .name = "name", .type = V_TEXT, .flags = F_READONLY | F_LIST | F_EXPORT },
    { .name = "duration_months", .type = V_INT, .flags = F_READONLY | F_LIST | F_EXPORT },
    { .name = "bodies", .type = V_TAGS, .choices = &CHOICES_BODY, .flags = F_READONLY | F_LIST | F_EXPORT },
    { .name = "body", .type = V_ENUM, .choices = &CHOICES_BODY, .flags = F_READONLY | F_HIDDEN | F_FILTER,
      .filter = "instr(',' || t.bodies || ',', ',' || ? || ',') > 0" },
    { .name = "legal_basis", .type = V_TEXT, .flags = F_READONLY | F_EXPORT },
    { .name = "regulation", .type = V_TEXT, .flags = F_READONLY | F_EXPORT },
    { .name = "year", .type = V_INT, .flags = F_READONLY | F_EXPORT },
    { .name = "active", .type = V_BOOL, .flags = F_LIST | F_FILTER | F_EXPORT },
    { .name = "open_posts", .type = V_INT, .expr = OPEN_POSTS, .flags = F_READONLY | F_LIST | F_EXPORT },
};

static const struct entity_sort SORTS[] = {
    { .key = "name", .order = "t.name COLLATE NOCASE, t.id", .reverse = "t.name COLLATE NOCASE DESC, t.id DESC" },
    { .key = "duration", .order = "t.duration_months, t.name COLLATE NOCASE, t.id",
      .reverse = "t.duration_months DESC, t.name COLLATE NOCASE DESC, t.id DESC" },
    { .key = "open_posts", .order = OPEN_POSTS " DESC, t.name COLLATE NOCASE, t.id",
      .reverse = OPEN_POSTS ", t.name COLLATE NOCASE DESC, t.id DESC", .descending = true },
};

static int occupation_may(struct req *r, const json_t *rec, enum entity_action action);
static int reindex(int64_t id);

/* Every staff member reads and exports them; admins mark them active or
 * not, and delete one no post names. */
struct entity OCCUPATION = {
    .type = "occupation",
    .table = "occupations",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = SORTS,
    .nsorts = sizeof SORTS / sizeof SORTS[0],
    .fts = "occupations_fts",
    .may = occupation_may,
    .after_write = reindex,
};

static struct db_sql SQL_IN_USE = DB_SQL("SELECT count(*) FROM posts WHERE occupation_id = ?1");
static struct db_sql SQL_SYNONYMS = DB_SQL("SELECT brief, words FROM search_synonyms ORDER BY id");
static struct db_sql SQL_UNINDEXED = DB_SQL(
    "SELECT id, name FROM occupations WHERE id NOT IN (SELECT rowid FROM occupations_fts) ORDER BY id");
static struct db_sql SQL_FTS_DELETE = DB_SQL("DELETE FROM occupations_fts WHERE rowid = ?1");
static struct db_sql SQL_FTS_INSERT = DB_SQL("INSERT INTO occupations_fts (rowid, text) VALUES (?1, ?2)");
static struct db_sql SQL_GET = DB_SQL("SELECT name, active FROM occupations WHERE id = ?1");
static struct db_sql SQL_ACTIVE_NAMES = DB_SQL("SELECT id, name FROM occupations WHERE active = 1 ORDER BY name");
static struct db_sql SQL_SEARCH = DB_SQL(
    "SELECT o.id, o.name FROM occupations_fts JOIN occupations o ON o.id = occupations_fts.rowid "
    "WHERE occupations_fts MATCH ?1 AND o.active = 1 ORDER BY occupations_fts.rank, o.name LIMIT 9");

/* ---- policy ----------------------------------------------------------------- */

/* An occupation a post names stays: a 409 that says why. */
static int occupation_may(struct req *r, const json_t *rec, enum entity_action action)
{
    if (action == ACT_READ || action == ACT_EXPORT)
        return 0;
    if (!r->user || r->user->role != ROLE_ADMIN)
        return req_fail(r, ERR_FORBIDDEN);
    if (action == ACT_DELETE && rec) {
        sqlite3_stmt *st = db_stmt(&SQL_IN_USE);
        int64_t n = -1;
        if (!st)
            return req_fail(r, ERR_INTERNAL);
        sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(rec, "id")));
        if (db_int64(st, &n) != 0)
            return req_fail(r, ERR_INTERNAL);
        if (n > 0) {
            r->err_detail = strdup(req_t(r, "occupations_in_use"));
            return req_fail(r, ERR_CONFLICT);
        }
    }
    return 0;
}

/* ---- search words and the search index -------------------------------------- */

/* The search words, loaded once at start-up (one thread) and only read
 * afterwards; owned here for the life of the process. */
static struct fold_synonym *synonyms;
static size_t nsynonyms;

/* Reads the search words (search_synonyms) into memory once, at start-up:
 * every search entry written afterwards adds them. 0 or -1. */
static int load_synonyms(void)
{
    if (synonyms)
        return 0;
    sqlite3_stmt *st = db_stmt(&SQL_SYNONYMS);
    if (!st)
        return -1;
    size_t cap = 0, n = 0;
    struct fold_synonym *list = NULL;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            struct fold_synonym *grown = realloc(list, cap * sizeof *list);
            if (!grown) {
                rc = DB_ERROR;
                break;
            }
            list = grown;
        }
        list[n].brief = strdup(db_text(st, 0));
        list[n].words = strdup(db_text(st, 1));
        if (!list[n].brief || !list[n].words) {
            free((void *)list[n].brief);
            free((void *)list[n].words);
            rc = DB_ERROR;
            break;
        }
        n++;
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        for (size_t i = 0; i < n; i++) {
            free((void *)list[i].brief);
            free((void *)list[i].words);
        }
        free(list);
        return -1;
    }
    synonyms = list;
    nsynonyms = n;
    return 0;
}

void occupations_index_text(struct buf *b, const char *text)
{
    if (!text || !*text)
        return;
    if (b->len)
        buf_puts(b, " ");
    fold_index_append(b, text);
    fold_synonyms_append(b, text, synonyms, nsynonyms);
}

/* Writes one occupation's search entry. */
static int index_one(int64_t id, const char *name)
{
    struct buf text = { 0 };
    occupations_index_text(&text, name);
    sqlite3_stmt *st = db_stmt(&SQL_FTS_INSERT);
    int rc = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, text.data ? text.data : "", -1, SQLITE_STATIC);
        rc = db_run(st);
    }
    buf_free(&text);
    return rc;
}

/* The kit's after_write: the entry anew (the name never changes, but the
 * search words may have since the entry was written). */
static int reindex(int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_FTS_DELETE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (db_run(st) != 0)
        return -1;
    char name[OCCUPATION_NAME_MAX];
    bool active;
    int found = occupations_get(id, name, sizeof name, &active);
    return found == 0 ? index_one(id, name) : found > 0 ? 0 : -1;
}

/* Entries for the occupations that have none: all of them after 0012, and
 * again after a migration that changed the search words emptied the
 * index. In the caller's transaction. */
static int fill_index_tx(void *arg)
{
    int *filled = arg;
    *filled = 0;
    sqlite3_stmt *st = db_stmt(&SQL_UNINDEXED);
    if (!st)
        return -1;
    json_t *todo = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(todo, json_pack("[I,s]", (json_int_t)sqlite3_column_int64(st, 0), db_text(st, 1)));
    sqlite3_reset(st);
    size_t i;
    json_t *row;
    json_array_foreach(todo, i, row) {
        if (rc == DB_ERROR)
            break;
        if (index_one(json_integer_value(json_array_get(row, 0)), json_string_value(json_array_get(row, 1))) != 0)
            rc = DB_ERROR;
        else
            (*filled)++;
    }
    json_decref(todo);
    return rc == DB_ERROR ? -1 : 0;
}

int occupations_setup(void)
{
    int filled = 0;
    if (load_synonyms() != 0 || db_tx(fill_index_tx, &filled) != 0)
        return -1;
    if (filled)
        log_info("occupations: %d search entries written", filled);
    return 0;
}

/* ---- finding one ------------------------------------------------------------ */

int occupations_get(int64_t id, char *name, size_t n, bool *active)
{
    sqlite3_stmt *st = db_stmt(&SQL_GET);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW) {
        snprintf(name, n, "%s", db_text(st, 0));
        *active = sqlite3_column_int(st, 1) != 0;
    }
    sqlite3_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

/* A name as compared with what was typed: folded, letters and digits
 * only ("Kfz-Mechatroniker/-in" -> "kfzmechatronikerin"). */
static void compact(struct buf *out, const char *s)
{
    struct buf folded = { 0 };
    fold_append(&folded, s);
    for (size_t i = 0; i < folded.len; i++) {
        unsigned char c = (unsigned char)folded.data[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            buf_append(out, &folded.data[i], 1);
    }
    buf_free(&folded);
}

int occupations_resolve(const char *typed, int64_t *id, json_t **suggestions)
{
    *id = 0;
    *suggestions = NULL;
    struct buf want = { 0 };
    compact(&want, typed ? typed : "");
    if (!want.len) {
        *suggestions = json_array();
        return 1;
    }
    /* the name itself, however spelled */
    sqlite3_stmt *st = db_stmt(&SQL_ACTIVE_NAMES);
    enum db_step rc = st ? DB_DONE : DB_ERROR;
    while (st && (rc = db_step(st)) == DB_ROW) {
        struct buf have = { 0 };
        compact(&have, db_text(st, 1));
        bool same = have.len == want.len && memcmp(have.data, want.data, want.len) == 0;
        buf_free(&have);
        if (same) {
            *id = sqlite3_column_int64(st, 0);
            break;
        }
    }
    if (st)
        sqlite3_reset(st);
    buf_free(&want);
    if (rc == DB_ERROR)
        return -1;
    if (*id)
        return 0;
    /* else the search: one result is the one meant, more are suggestions */
    struct buf q = { 0 };
    fold_fts_query(&q, typed);
    json_t *found = json_array();
    if (q.len && (st = db_stmt(&SQL_SEARCH))) {
        sqlite3_bind_text(st, 1, q.data, -1, SQLITE_STATIC);
        while ((rc = db_step(st)) == DB_ROW)
            json_array_append_new(found, json_pack("{s:I, s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                                                   "name", db_text(st, 1)));
        sqlite3_reset(st);
    } else if (q.len) {
        rc = DB_ERROR;
    }
    buf_free(&q);
    if (rc == DB_ERROR) {
        json_decref(found);
        return -1;
    }
    if (json_array_size(found) == 1) {
        *id = json_integer_value(json_object_get(json_array_get(found, 0), "id"));
        json_decref(found);
        return 0;
    }
    if (json_array_size(found) > 8)
        json_array_remove(found, 8);
    *suggestions = found;
    return 1;
}

json_t *occupations_names(void)
{
    sqlite3_stmt *st = db_stmt(&SQL_ACTIVE_NAMES);
    if (!st)
        return NULL;
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, json_pack("{s:s}", "name", db_text(st, 1)));
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* ---- pages -------------------------------------------------------------------- */

int occupations_list(struct req *r)
{
    struct entity_query q;
    json_t *model;
    int rc = entity_query_read(r, &OCCUPATION, &q) == 0 ? entity_list(r, &q, &model) : -1;
    entity_query_free(&q);
    if (rc != 0)
        return -1;
    if (!r->want_json) {
        /* the filter's choice (the filter form's "active" is its count) */
        const char *active = req_query(r, "active");
        if (active && (!strcmp(active, "1") || !strcmp(active, "0")))
            json_object_set_new(json_object_get(model, "filter"), active[0] == '1' ? "active_1" : "active_0",
                                json_true());
        entity_export_link(r, model, "/occupations/export.csv", true);
        req_title(r, req_t(r, "occupations_title"));
    }
    return req_page(r, "occupations/list.tpl", model);
}

int occupations_export(struct req *r)
{
    struct entity_query q;
    int rc = entity_query_read(r, &OCCUPATION, &q) == 0 ? entity_export_csv(r, &q, "ausbildungsberufe.csv") : -1;
    entity_query_free(&q);
    return rc;
}

int occupations_show(struct req *r)
{
    json_t *o;
    if (entity_open(r, &OCCUPATION, ACT_READ, &o) != 0)
        return -1;
    if (r->want_json)
        return req_page(r, NULL, o);
    json_t *labels = json_array();
    size_t i;
    json_t *b;
    json_array_foreach(json_object_get(o, "bodies"), i, b)
        json_array_append_new(labels, json_string(entity_label(&CHOICES_BODY, r->lang, json_string_value(b))));
    json_object_set_new(o, "body_labels", labels);
    sqlite3_stmt *st = db_stmt(&SQL_IN_USE);
    int64_t used = 0;
    if (!st) {
        json_decref(o);
        return req_fail(r, ERR_INTERNAL);
    }
    sqlite3_bind_int64(st, 1, r->id);
    if (db_int64(st, &used) != 0) {
        json_decref(o);
        return req_fail(r, ERR_INTERNAL);
    }
    json_object_set_new(o, "posts_total", json_integer(used));
    json_object_set_new(o, "is_admin", json_boolean(r->user && r->user->role == ROLE_ADMIN));
    json_object_set_new(o, "deletable", json_boolean(used == 0));
    req_title(r, json_string_value(json_object_get(o, "name")));
    return req_page(r, "occupations/show.tpl", o);
}

int occupations_update(struct req *r)
{
    json_t *o, *current = NULL;
    if (entity_update(r, &OCCUPATION, &o, &current) != 0) {
        json_decref(current);
        return -1;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/occupations/%lld?done=occupation_saved", (long long)r->id);
    return req_redirect(r, loc, o);
}

int occupations_delete(struct req *r)
{
    if (entity_delete(r, &OCCUPATION) != 0)
        return -1;
    return req_redirect(r, "/occupations?done=occupation_deleted",
                        json_pack("{s:I, s:b}", "id", (json_int_t)r->id, "deleted", 1));
}
