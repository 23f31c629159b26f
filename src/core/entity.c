/* entity.c: the area kit (see entity.h). */
#include "core/entity.h"

#include "core/audit.h"
#include "core/body.h"
#include "core/fold.h"
#include "core/i18n.h"
#include "core/list.h"
#include "core/log.h"
#include "core/text.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Which columns a statement reads, by field index (the id comes first). */
struct colset {
    int idx[ENTITY_MAX_FIELDS];
    int n;
    char *sql;                                   /* owned: "t.id, t.name, ..." */
};

struct entity_priv {
    struct db_sql get, insert, update, del, fts_del;
    struct db_sql link_del[ENTITY_MAX_FIELDS], link_ins[ENTITY_MAX_FIELDS];
    struct colset record, list, export;
    char *label_key[ENTITY_MAX_FIELDS];          /* owned: "<name>_label" for enums, "<name>_local" for dates */
    int stored[ENTITY_MAX_FIELDS];               /* field indexes written by INSERT/UPDATE */
    int nstored;
};

/* ---- declaration to SQL ---------------------------------------------------- */

/* updated_at moves forward at every save, at least by a second, so two
 * saves in one second still differ: it is the record's version. */
#define VERSION_BUMP VERSION_BUMP_SQL

static bool is_list(const struct field_rule *f) { return f->type == V_LANGS || f->type == V_TAGS; }

/* How a field is read: its joined expression, its rows, or its column. */
static void read_expr(struct buf *b, const struct field_rule *f)
{
    if (f->expr)
        buf_puts(b, f->expr);
    else if (f->link)
        /* the items in their order: walked along the table's index on
         * (owner_id, pos, value), which group_concat follows; cheaper than
         * sorting them in a subquery for every row */
        buf_printf(b, "(SELECT group_concat(value, ',') FROM %s INDEXED BY %s_owner WHERE owner_id = t.id)", f->link,
                   f->link);
    else
        buf_printf(b, "t.%s", f->name);
}

/* The columns a statement reads: the fields with a flag of want (every
 * field for 0), never a hidden one (the area's own column, written only). */
static void colset_build(const struct entity *e, struct colset *cs, unsigned want)
{
    struct buf b = { 0 };
    buf_puts(&b, "t.id");
    cs->n = 0;
    for (size_t i = 0; i < e->nfields; i++) {
        if ((want && !(e->fields[i].flags & want)) || (e->fields[i].flags & F_HIDDEN))
            continue;
        buf_puts(&b, ", ");
        read_expr(&b, &e->fields[i]);
        cs->idx[cs->n++] = (int)i;
    }
    cs->sql = buf_steal(&b);
}

static char *owned_sql(struct buf *b) { return buf_steal(b); }

/* True for a plain SQL name: [a-z_][a-z0-9_]*. SQLite cannot bind names,
 * only values, so names reach statement text; they come from the
 * declarations in the program, and this keeps anything else out. */
static bool sql_name(const char *s)
{
    if (!s || !*s || (*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* The table, link tables and stored columns of e are plain names (its
 * expressions and joins are SQL written in the declaration, on purpose). */
static bool names_plain(const struct entity *e)
{
    if (!sql_name(e->table))
        return false;
    for (size_t i = 0; i < e->nfields; i++) {
        const struct field_rule *f = &e->fields[i];
        if (!f->expr && !sql_name(f->name))
            return false;
        if (f->link && !sql_name(f->link))
            return false;
    }
    return true;
}

/* Builds each area's statements once from its declaration: every value in
 * them is a bound parameter, every name a checked plain name. */
int entity_init(struct entity *const *all)
{
    for (; *all; all++) {
        struct entity *e = *all;
        if (e->priv)
            continue;
        if (e->nfields > ENTITY_MAX_FIELDS) {
            log_error("entity %s: more than %d fields", e->type, ENTITY_MAX_FIELDS);
            return -1;
        }
        if (!names_plain(e)) {
            log_error("entity %s: a table or column name is not a plain SQL name", e->type);
            return -1;
        }
        struct entity_priv *p = calloc(1, sizeof *p);
        if (!p)
            return -1;
        colset_build(e, &p->record, 0);
        colset_build(e, &p->list, F_LIST);
        colset_build(e, &p->export, F_EXPORT);
        struct buf b = { 0 };
        buf_printf(&b, "SELECT %s FROM %s t %s WHERE t.id = ?1", p->record.sql, e->table, e->joins ? e->joins : "");
        p->get.text = owned_sql(&b);

        struct buf cols = { 0 }, vals = { 0 }, sets = { 0 };
        for (size_t i = 0; i < e->nfields; i++) {
            const struct field_rule *f = &e->fields[i];
            if ((f->flags & F_READONLY) || f->expr)
                continue;
            if (f->link) {
                buf_printf(&b, "DELETE FROM %s WHERE owner_id = ?1", f->link);
                p->link_del[i].text = owned_sql(&b);
                buf_printf(&b, "INSERT OR IGNORE INTO %s (owner_id, pos, value) VALUES (?1, ?2, ?3)", f->link);
                p->link_ins[i].text = owned_sql(&b);
                continue;
            }
            int n = ++p->nstored;
            p->stored[n - 1] = (int)i;
            buf_printf(&cols, "%s%s", n > 1 ? ", " : "", f->name);
            buf_printf(&vals, "%s?%d", n > 1 ? ", " : "", n);
            buf_printf(&sets, "%s%s = ?%d", n > 1 ? ", " : "", f->name, n);
        }
        /* the names of what pages get beside a value: an enum's label, a
         * date or moment for people, a phone number's tel: link */
        for (size_t i = 0; i < e->nfields; i++) {
            enum vtype t = e->fields[i].type;
            bool labelled_list = (t == V_LANGS || t == V_TAGS) && e->fields[i].choices;
            if (t == V_ENUM || t == V_DATE || t == V_PHONE || labelled_list || (e->fields[i].flags & F_TIME)) {
                buf_printf(&b, "%s_%s", e->fields[i].name,
                           t == V_ENUM ? "label" : t == V_PHONE ? "tel" : labelled_list ? "labels" : "local");
                p->label_key[i] = owned_sql(&b);
            }
        }
        buf_printf(&b, "INSERT INTO %s (%s) VALUES (%s)", e->table, cols.data ? cols.data : "",
                   vals.data ? vals.data : "");
        p->insert.text = owned_sql(&b);
        buf_printf(&b, "UPDATE %s SET %s%s WHERE id = ?%d", e->table, sets.data ? sets.data : "",
                   e->versioned ? VERSION_BUMP : "", p->nstored + 1);
        p->update.text = owned_sql(&b);
        buf_printf(&b, "DELETE FROM %s WHERE id = ?1", e->table);
        p->del.text = owned_sql(&b);
        if (e->fts) {
            buf_printf(&b, "DELETE FROM %s WHERE rowid = ?1", e->fts);
            p->fts_del.text = owned_sql(&b);
        }
        buf_free(&cols);
        buf_free(&vals);
        buf_free(&sets);
        buf_free(&b);
        e->priv = p;
    }
    return 0;
}

/* ---- labels ---------------------------------------------------------------- */

static pthread_mutex_t labels_lock = PTHREAD_MUTEX_INITIALIZER;

/* Builds one set's table: per loaded language (at least one row, for the
 * keys themselves before any catalog is loaded), per value. A label no
 * catalog has shows as its key, as i18n_get does; such keys are copied
 * into the same block, so one free() releases the table. Caller holds the
 * lock; the old table is freed (tables are built at start-up, before any
 * request reads them). */
static int build_labels(struct choices *c)
{
    int nl = i18n_count() > 0 ? i18n_count() : 1;
    int nv = 0;
    while (c->values[nv])
        nv++;
    size_t keys = 0;
    for (int v = 0; v < nv; v++)
        keys += strlen(c->key) + 1 + strlen(c->values[v]) + 1;
    size_t table = (size_t)(nl * nv + 1) * sizeof(char *);
    char *block = calloc(1, table + (size_t)nl * keys);
    if (!block)
        return -1;
    const char **labels = (const char **)(void *)block;
    char *spare = block + table;
    for (int l = 0; l < nl; l++)
        for (int v = 0; v < nv; v++) {
            char key[128];
            int n = snprintf(key, sizeof key, "%s_%s", c->key, c->values[v]);
            if (n < 0)
                n = 0;
            if (n >= (int)sizeof key)
                n = (int)sizeof key - 1; /* truncated key: copy what is there */
            const char *label = i18n_get(i18n_code(l), key);
            if (label == key) {
                /* i18n_get answered with the key, our local buffer: copy it */
                memcpy(spare, key, (size_t)n + 1);
                label = spare;
                spare += n + 1;
            }
            labels[l * nv + v] = label;
        }
    free((void *)c->labels);
    c->labels = labels;
    c->labels_langs = nl;
    c->labels_gen = i18n_generation();
    return 0;
}

int entity_labels_init(struct choices *const *all)
{
    int rc = 0;
    pthread_mutex_lock(&labels_lock);
    for (; *all && rc == 0; all++)
        rc = build_labels(*all);
    pthread_mutex_unlock(&labels_lock);
    return rc;
}

/* The label of the value with index v for the language with index lang. */
static const char *label_at(const struct choices *c, int lang, int v, const char *lang_code)
{
    (void)lang_code;
    if (v < 0)
        return "";
    if (!c->labels || c->labels_gen != i18n_generation()) {
        /* before entity_labels_init (commands, tests), or after the
         * catalogs were loaded again (tests; never while serving): built
         * on first use */
        pthread_mutex_lock(&labels_lock);
        if (!c->labels || c->labels_gen != i18n_generation())
            build_labels((struct choices *)c);
        pthread_mutex_unlock(&labels_lock);
        if (!c->labels)
            return c->values[v];
    }
    int nv = 0;
    while (c->values[nv])
        nv++;
    return c->labels[(lang >= 0 && lang < c->labels_langs ? lang : 0) * nv + v];
}

const char *entity_label(const struct choices *c, const char *lang, const char *value)
{
    return label_at(c, i18n_index(lang), choices_index(c, value), lang);
}

const char *entity_item_label(const struct choices *c, const char *lang, const char *value)
{
    if (!value)
        return "";
    int v = choices_index(c, value);
    if (v >= 0)
        return label_at(c, i18n_index(lang), v, lang);
    char key[128];
    if (snprintf(key, sizeof key, "%s_%s", c->key, value) >= (int)sizeof key)
        return value;
    const char *label = i18n_get(lang, key);
    return label == key ? value : label; /* i18n_get answers with the key when no catalog has it */
}

/* The <option> list of a field with choices: every value with its label,
 * selected when it is value (an enum) or one of chosen's items (a list);
 * a list's chosen items outside the choices (a language from the whole
 * ISO list) follow, selected, so a form never drops them. New array. */
static json_t *choice_options(struct req *r, const struct field_rule *f, const char *value, const json_t *chosen)
{
    json_t *opts = json_array();
    for (int v = 0; f->choices->values[v]; v++) {
        const char *option = f->choices->values[v];
        bool on = value && !strcmp(value, option);
        size_t k;
        json_t *item;
        json_array_foreach(chosen, k, item) if (json_is_string(item) && !strcmp(json_string_value(item), option))
            on = true;
        json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", option, "label",
                                              entity_label(f->choices, r->lang, option), "selected", on));
    }
    size_t k;
    json_t *item;
    json_array_foreach(chosen, k, item) {
        const char *extra = json_string_value(item);
        if (extra && !choices_has(f->choices, extra))
            json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", extra, "label",
                                                  entity_item_label(f->choices, r->lang, extra), "selected", 1));
    }
    return opts;
}

/* ---- rows to JSON and to sinks --------------------------------------------- */

/* One column as the record's JSON value. Text in the store was checked
 * when it was written, so it is not checked again. */
static json_t *value_json(const struct field_rule *f, sqlite3_stmt *st, int col)
{
    bool null = sqlite3_column_type(st, col) == SQLITE_NULL;
    switch (f->type) {
    case V_INT:
    case V_ID:
        return null ? json_null() : json_integer(sqlite3_column_int64(st, col));
    case V_BOOL:
        return json_boolean(!null && sqlite3_column_int(st, col));
    case V_LANGS:
    case V_TAGS:
        if (f->flags & F_JSON) {
            json_t *list = null ? NULL : json_loads(db_text(st, col), 0, NULL);
            if (json_is_array(list))
                return list;
            json_decref(list);
            return json_array();
        }
        return validate_split(db_text(st, col));
    default:
        break;
    }
    if (null)
        return json_null();
    size_t n = (size_t)sqlite3_column_bytes(st, col);
    if (f->type == V_ENUM && n == 0)
        return json_null();
    return json_stringn_nocheck(db_text(st, col), n);
}

static json_t *record_json(const struct entity *e, sqlite3_stmt *st)
{
    const struct colset *cs = &e->priv->record;
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "id", json_integer(sqlite3_column_int64(st, 0)));
    for (int j = 0; j < cs->n; j++) {
        const struct field_rule *f = &e->fields[cs->idx[j]];
        json_object_set_new_nocheck(o, f->name, value_json(f, st, j + 1));
    }
    return o;
}

/* One item of a list field with choices, in words, into "<name>_labels". */
static void emit_item_label(const struct entity *e, int fi, const struct row_sink *s, const char *item,
                            const char *lang_code)
{
    const char *label = entity_item_label(e->fields[fi].choices, lang_code, item);
    s->item(s->cls, e->priv->label_key[fi], label, strlen(label));
}

/* One column into a sink; for pages, enums bring their label along (and
 * lists with choices each item's). */
static void emit_value(const struct entity *e, int fi, sqlite3_stmt *st, int col, const struct row_sink *s,
                       bool html, int lang, const char *lang_code)
{
    const struct field_rule *f = &e->fields[fi];
    if (sqlite3_column_type(st, col) == SQLITE_NULL && !is_list(f) && f->type != V_BOOL) {
        s->null(s->cls, f->name);
        return;
    }
    const char *text = db_text(st, col);
    size_t n = (size_t)sqlite3_column_bytes(st, col);
    switch (f->type) {
    case V_INT:
    case V_ID:
        s->integer(s->cls, f->name, sqlite3_column_int64(st, col));
        return;
    case V_BOOL:
        s->boolean(s->cls, f->name, sqlite3_column_int(st, col) != 0);
        return;
    case V_LANGS:
    case V_TAGS:
        if (f->flags & F_JSON) {
            /* a JSON array of names (the audit log's): joined for the sink */
            json_t *list = json_loadb(text, n, 0, NULL);
            struct buf b = { 0 };
            size_t k;
            json_t *item;
            json_array_foreach(list, k, item) if (json_is_string(item)) {
                buf_puts(&b, b.len ? "," : "");
                buf_puts(&b, json_string_value(item));
                if (html && f->choices && s->item) /* each item in words: "<name>_labels" */
                    emit_item_label(e, fi, s, json_string_value(item), lang_code);
            }
            s->list(s->cls, f->name, b.data ? b.data : "", b.len);
            buf_free(&b);
            json_decref(list);
            return;
        }
        s->list(s->cls, f->name, text, n);
        if (html && f->choices && s->item) {
            char item[64];
            for (size_t i = 0; i < n;) {
                size_t k = i;
                while (k < n && text[k] != ',')
                    k++;
                if (k > i && k - i < sizeof item) {
                    memcpy(item, text + i, k - i);
                    item[k - i] = '\0';
                    emit_item_label(e, fi, s, item, lang_code);
                }
                i = k + 1;
            }
        }
        return;
    case V_ENUM:
        if (n == 0) {
            s->null(s->cls, f->name);
            return;
        }
        s->text(s->cls, f->name, text, n);
        if (html && f->choices) {
            int v = choices_index(f->choices, text);
            const char *label = v >= 0 ? label_at(f->choices, lang, v, lang_code)
                                       : entity_item_label(f->choices, lang_code, text);
            s->text(s->cls, e->priv->label_key[fi], label, strlen(label));
        }
        return;
    case V_DATE:
        s->text(s->cls, f->name, text, n);
        if (html) {
            /* the date for people, in the page's language */
            char local[64];
            struct tm tm = { 0 };
            if (strptime(text, "%Y-%m-%d", &tm) && strftime(local, sizeof local, i18n_get(lang_code, "format_date"), &tm))
                s->text(s->cls, e->priv->label_key[fi], local, strlen(local));
        }
        return;
    case V_PHONE:
        s->text(s->cls, f->name, text, n);
        if (html) {
            /* pages link a number, so a phone dials it */
            char tel[64];
            if (text_tel_number(text, tel, sizeof tel))
                s->text(s->cls, e->priv->label_key[fi], tel, strlen(tel));
        }
        return;
    default:
        s->text(s->cls, f->name, text, n);
        if (html && (f->flags & F_TIME)) {
            /* the moment in the configured zone, in the page's language */
            char local[64];
            struct tm tm = { 0 };
            const char *end = strptime(text, "%Y-%m-%dT%H:%M:%S", &tm);
            if (end && (*end == 'Z' || !*end)) {
                time_t t = timegm(&tm);
                localtime_r(&t, &tm);
                if (strftime(local, sizeof local, i18n_get(lang_code, "format_time"), &tm))
                    s->text(s->cls, e->priv->label_key[fi], local, strlen(local));
            }
        }
    }
}

static void emit_row(const struct entity *e, const struct colset *cs, sqlite3_stmt *st, const struct row_sink *s,
                     bool html, int lang, const char *lang_code)
{
    s->integer(s->cls, "id", sqlite3_column_int64(st, 0));
    for (int j = 0; j < cs->n; j++)
        emit_value(e, cs->idx[j], st, j + 1, s, html, lang, lang_code);
}

json_t *entity_rows(sqlite3_stmt *st, json_t *(*row)(sqlite3_stmt *st, void *ctx), void *ctx)
{
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *item = row(st, ctx);
        if (item)
            json_array_append_new(list, item);
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* ---- records ----------------------------------------------------------------- */

int entity_load(const struct entity *e, int64_t id, json_t **out)
{
    *out = NULL;
    sqlite3_stmt *st = db_stmt(&e->priv->get);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        *out = record_json(e, st);
    sqlite3_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

static bool is_personal(const struct entity *e)
{
    if (e->personal)
        return true;
    for (size_t i = 0; i < e->nfields; i++)
        if (e->fields[i].flags & F_PERSONAL)
            return true;
    return false;
}

struct read_audit {
    struct req *r;
    const struct entity *e;
};

static int read_audit_tx(void *arg)
{
    struct read_audit *a = arg;
    return audit_write(a->r, "read", a->e->type, a->r->id, NULL);
}

json_t *entity_load_ids(const struct entity *e, sqlite3_stmt *st, size_t max)
{
    int64_t *ids = malloc((max ? max : 1) * sizeof *ids);
    if (!ids) {
        sqlite3_reset(st);
        return NULL;
    }
    size_t n = 0;
    enum db_step rc = DB_DONE;
    while (n < max && (rc = db_step(st)) == DB_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    json_t *list = rc == DB_ERROR ? NULL : json_array();
    for (size_t i = 0; list && i < n; i++) {
        json_t *rec;
        int found = entity_load(e, ids[i], &rec);
        if (found < 0) {
            json_decref(list);
            list = NULL;
        } else if (found == 0) {
            json_array_append_new(list, rec);
        }
    }
    free(ids);
    return list;
}

int entity_open(struct req *r, const struct entity *e, enum entity_action action, json_t **out)
{
    int rc = entity_load(e, r->id, out);
    if (rc != 0)
        return req_fail(r, rc > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
    if (e->may && e->may(r, *out, action) != 0) {
        json_decref(*out);
        *out = NULL;
        if (r->err == ERR_NONE)
            r->err = ERR_FORBIDDEN;
        return -1;
    }
    if (action == ACT_READ && r->actor_id && is_personal(e)) {
        struct read_audit a = { r, e };
        if (db_tx(read_audit_tx, &a) != 0) {
            json_decref(*out);
            *out = NULL;
            return req_fail(r, ERR_INTERNAL); /* no read without its record */
        }
    }
    return 0;
}

/* Binds a clean value to parameter col: lists joined, numbers as numbers,
 * and an absent value as NULL where the column allows it, else as "". */
static void bind_value(sqlite3_stmt *st, int col, const struct field_rule *f, json_t *v, char **joined)
{
    if (json_is_array(v)) {
        *joined = validate_join(v);
        sqlite3_bind_text(st, col, *joined, -1, SQLITE_STATIC);
    } else if (json_is_integer(v)) {
        sqlite3_bind_int64(st, col, json_integer_value(v));
    } else if (json_is_boolean(v)) {
        sqlite3_bind_int(st, col, json_is_true(v));
    } else if (json_is_string(v)) {
        sqlite3_bind_text(st, col, json_string_value(v), -1, SQLITE_STATIC);
    } else if (f->type == V_INT || f->type == V_ID || f->type == V_DATE || (f->flags & F_NULLABLE)) {
        sqlite3_bind_null(st, col);
    } else if (f->type == V_BOOL) {
        sqlite3_bind_int(st, col, 0);
    } else {
        sqlite3_bind_text(st, col, "", 0, SQLITE_STATIC);
    }
}

/* Rewrites the rows of a list field: its items in their order. */
static int write_links(const struct entity *e, int fi, int64_t id, json_t *list)
{
    sqlite3_stmt *st = db_stmt(&e->priv->link_del[fi]);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (db_run(st) != 0)
        return -1;
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item) {
        if (!json_is_string(item) || !(st = db_stmt(&e->priv->link_ins[fi])))
            return -1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, json_string_value(item), -1, SQLITE_STATIC);
        if (db_run(st) != 0)
            return -1;
    }
    return 0;
}

int entity_store(const struct entity *e, json_t *in, const json_t *old, int64_t *id)
{
    struct entity_priv *p = e->priv;
    if (e->derive && e->derive(in, old) != 0)
        return -1;
    sqlite3_stmt *st = db_stmt(*id ? &p->update : &p->insert);
    if (!st)
        return -1;
    char *joined[ENTITY_MAX_FIELDS] = { 0 };
    for (int k = 0; k < p->nstored; k++) {
        const struct field_rule *f = &e->fields[p->stored[k]];
        bind_value(st, k + 1, f, json_object_get(in, f->name), &joined[k]);
    }
    if (*id)
        sqlite3_bind_int64(st, p->nstored + 1, *id);
    int rc = db_run(st);
    for (int k = 0; k < p->nstored; k++)
        free(joined[k]);
    if (rc != 0)
        return -1;
    if (!*id)
        *id = sqlite3_last_insert_rowid(db_conn());
    for (size_t i = 0; i < e->nfields; i++) {
        const struct field_rule *f = &e->fields[i];
        json_t *list = json_object_get(in, f->name);
        if (f->link && !(f->flags & F_READONLY) && json_is_array(list) && write_links(e, (int)i, *id, list) != 0)
            return -1;
    }
    return e->after_write ? e->after_write(*id) : 0;
}

static bool empty(const json_t *v)
{
    return !v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)) ||
           (json_is_array(v) && json_array_size(v) == 0);
}

json_t *entity_changed(const struct entity *e, const json_t *a, const json_t *b)
{
    json_t *names = json_array();
    for (size_t i = 0; i < e->nfields; i++) {
        const struct field_rule *f = &e->fields[i];
        if (f->flags & (F_READONLY | F_DERIVED))
            continue; /* derived values follow from the others: not a change of their own */
        json_t *x = json_object_get(a, f->name), *y = json_object_get(b, f->name);
        if (!(json_equal(x, y) || (empty(x) && empty(y))))
            json_array_append_new(names, json_string(f->name));
    }
    return names;
}

struct write_ctx {
    struct req *r;
    const struct entity *e;
    int64_t id;
    json_t *current;   /* update: the record as stored when the edit began */
};

/* A client error inside a write: roll back, and say it is not ours. */
#define REFUSED 1

/* Load and policy in the caller's write transaction (see entity.h): what a
 * check outside it saw may have changed by the time the write runs. */
int entity_allowed(struct req *r, const struct entity *e, int64_t id, enum entity_action action, json_t **rec)
{
    int found = entity_load(e, id, rec);
    if (found != 0)
        return found > 0 ? (req_fail(r, ERR_NOT_FOUND), REFUSED) : -1;
    if (e->may && e->may(r, *rec, action) != 0) {
        json_decref(*rec);
        *rec = NULL;
        if (r->err == ERR_NONE)
            r->err = ERR_FORBIDDEN;
        return REFUSED;
    }
    return 0;
}

/* Validates fields (the request's, or merged over old) and lets the area
 * check them; the clean record or NULL with the problems set. */
static json_t *clean_record(struct req *r, const struct entity *e, json_t *fields, const json_t *old)
{
    json_t *sent = r->fields, *in = NULL;
    r->fields = fields;
    int bad = validate_fields(r, e->fields, e->nfields, &in);
    r->fields = sent;
    if (bad == 0 && e->check && e->check(r, in, old) != 0) {
        json_decref(in);
        in = NULL;
    }
    return in;
}

static int create_tx(void *arg)
{
    struct write_ctx *c = arg;
    json_t *in = clean_record(c->r, c->e, c->r->fields, NULL);
    if (!in)
        return c->r->err == ERR_INTERNAL ? -1 : REFUSED;
    c->id = 0;
    if (entity_store(c->e, in, NULL, &c->id) != 0) {
        json_decref(in);
        return -1;
    }
    json_t *names = entity_changed(c->e, NULL, in);
    int rc = audit_write(c->r, "create", c->e->type, c->id, names);
    json_decref(names);
    json_decref(in);
    return rc;
}

/* After a write transaction: the stored record as the answer. */
static int finish_write(struct req *r, const struct entity *e, int rc, int64_t id, json_t **out)
{
    if (rc == REFUSED)
        return -1;
    if (rc != 0)
        return req_fail(r, r->err != ERR_NONE ? r->err : ERR_INTERNAL);
    int found = entity_load(e, id, out);
    return found == 0 ? 0 : req_fail(r, found > 0 ? ERR_NOT_FOUND : ERR_INTERNAL);
}

int entity_create(struct req *r, const struct entity *e, json_t **out)
{
    *out = NULL;
    if (e->may && e->may(r, NULL, ACT_WRITE) != 0)
        return r->err == ERR_NONE ? req_fail(r, ERR_FORBIDDEN) : -1;
    struct write_ctx c = { r, e, 0, NULL };
    int rc = db_tx(create_tx, &c);
    return finish_write(r, e, rc, c.id, out);
}

static int update_tx(void *arg)
{
    struct write_ctx *c = arg;
    struct req *r = c->r;
    json_decref(c->current);
    c->current = NULL;
    int allowed = entity_allowed(r, c->e, c->id, ACT_WRITE, &c->current);
    if (allowed != 0)
        return allowed;
    json_t *seen = json_object_get(r->fields, "updated_at");
    if (c->e->versioned && seen && !json_is_null(seen)) {
        if (!json_is_string(seen)) {
            req_field_error(r, "updated_at", "field_bad_value");
            return REFUSED;
        }
        if (strcmp(json_string_value(seen), json_string_value(json_object_get(c->current, "updated_at"))) != 0) {
            req_fail(r, ERR_CONFLICT);
            return REFUSED;
        }
    }
    /* a state moves only through entity_set_state: an edit keeps it */
    for (size_t i = 0; i < c->e->nfields; i++) {
        const struct field_rule *f = &c->e->fields[i];
        json_t *sent = (f->flags & F_STATE) ? json_object_get(r->fields, f->name) : NULL;
        if (!sent || json_is_null(sent))
            continue;
        const char *now = json_string_value(json_object_get(c->current, f->name));
        if (!json_is_string(sent) || !now || strcmp(json_string_value(sent), now) != 0)
            req_field_error(r, f->name, "field_state_by_action");
    }
    if (r->err != ERR_NONE)
        return REFUSED;
    json_t *merged = json_deep_copy(c->current);
    json_object_update(merged, r->fields);
    /* a whole HTML form (it carries the version it was opened at) sends a
     * ticked box and leaves an unticked one out: absent is false there,
     * while a small form or a JSON PATCH changes only what it sends */
    if (body_is_form(r) && json_is_string(seen))
        for (size_t i = 0; i < c->e->nfields; i++) {
            const struct field_rule *f = &c->e->fields[i];
            if (f->type == V_BOOL && !(f->flags & (F_READONLY | F_DERIVED)) && !json_object_get(r->fields, f->name))
                json_object_set_new(merged, f->name, json_false());
        }
    json_t *in = clean_record(r, c->e, merged, c->current);
    json_decref(merged);
    if (!in)
        return r->err == ERR_INTERNAL ? -1 : REFUSED;
    json_t *names = entity_changed(c->e, c->current, in);
    int rc = 0;
    if (json_array_size(names)) {
        int64_t id = c->id;
        rc = entity_store(c->e, in, c->current, &id);
        if (rc == 0)
            rc = audit_write(r, "update", c->e->type, c->id, names);
    }
    json_decref(names);
    json_decref(in);
    return rc;
}

int entity_update(struct req *r, const struct entity *e, json_t **out, json_t **current)
{
    *out = NULL;
    if (current)
        *current = NULL;
    struct write_ctx c = { r, e, r->id, NULL };
    int rc = db_tx(update_tx, &c);
    if (rc == REFUSED && current && c.current) {
        *current = c.current;
        c.current = NULL;
    }
    json_decref(c.current);
    return finish_write(r, e, rc, r->id, out);
}

struct state_ctx {
    struct req *r;
    const struct entity *e;
    int64_t id;
    const char *field, *from, *to;
};

/* A declared, stored enum field of e that to is a value of: 0; else the
 * error set (400 for a value it does not know, 500 for a field that is no
 * state) and -1. */
static int state_field(struct req *r, const struct entity *e, const char *field, const char *to)
{
    const struct field_rule *f = NULL;
    for (size_t i = 0; i < e->nfields; i++)
        if (!strcmp(e->fields[i].name, field))
            f = &e->fields[i];
    if (!f || f->type != V_ENUM || (f->flags & F_READONLY) || f->expr) {
        log_error("entity %s: %s is not a state field", e->type, field);
        return req_fail(r, ERR_INTERNAL);
    }
    if (!choices_has(f->choices, to)) {
        req_field_error(r, field, "field_bad_choice");
        return -1;
    }
    return 0;
}

static int state_tx(void *arg)
{
    struct state_ctx *c = arg;
    struct req *r = c->r;
    json_t *rec;
    int rc = entity_allowed(r, c->e, c->id, ACT_WRITE, &rec);
    if (rc != 0)
        return rc;
    json_decref(rec);
    /* the condition is in the statement: no read-then-write window */
    struct buf b = { 0 };
    buf_printf(&b, "UPDATE %s SET %s = ?1%s WHERE id = ?2 AND %s = ?3", c->e->table, c->field,
               c->e->versioned ? VERSION_BUMP : "", c->field);
    sqlite3_stmt *st = b.data ? db_stmt_text(b.data) : NULL;
    buf_free(&b);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, c->to, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->id);
    sqlite3_bind_text(st, 3, c->from, -1, SQLITE_STATIC);
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0) {
        req_fail(r, ERR_CONFLICT);
        return REFUSED;
    }
    json_t *names = json_pack("[s]", c->field);
    rc = audit_write(r, "update", c->e->type, c->id, names);
    json_decref(names);
    return rc;
}

int entity_set_state_tx(struct req *r, const struct entity *e, int64_t id, const char *field, const char *from,
                        const char *to)
{
    if (state_field(r, e, field, to) != 0)
        return r->err == ERR_INTERNAL ? -1 : REFUSED;
    struct state_ctx c = { r, e, id, field, from, to };
    return state_tx(&c);
}

int entity_set_state(struct req *r, const struct entity *e, const char *field, const char *from, const char *to)
{
    if (state_field(r, e, field, to) != 0)
        return -1;
    struct state_ctx c = { r, e, r->id, field, from, to };
    int rc = db_tx(state_tx, &c);
    if (rc == REFUSED)
        return -1;
    return rc == 0 ? 0 : req_fail(r, r->err != ERR_NONE ? r->err : ERR_INTERNAL);
}

static int delete_tx(void *arg)
{
    struct write_ctx *c = arg;
    struct req *r = c->r;
    json_t *rec;
    int allowed = entity_allowed(r, c->e, c->id, ACT_DELETE, &rec);
    if (allowed != 0)
        return allowed;
    json_decref(rec);
    sqlite3_stmt *st;
    if (c->e->fts) {
        if (!(st = db_stmt(&c->e->priv->fts_del)))
            return -1;
        sqlite3_bind_int64(st, 1, c->id);
        if (db_run(st) != 0)
            return -1;
    }
    if (!(st = db_stmt(&c->e->priv->del)))
        return -1;
    sqlite3_bind_int64(st, 1, c->id);
    if (db_run(st) != 0)
        return -1;
    return audit_write(r, "delete", c->e->type, c->id, NULL);
}

int entity_delete_tx(struct req *r, const struct entity *e, int64_t id)
{
    struct write_ctx c = { r, e, id, NULL };
    return delete_tx(&c);
}

int entity_delete(struct req *r, const struct entity *e)
{
    struct write_ctx c = { r, e, r->id, NULL };
    int rc = db_tx(delete_tx, &c);
    if (rc == REFUSED)
        return -1;
    return rc == 0 ? 0 : req_fail(r, ERR_INTERNAL);
}

/* ---- lists --------------------------------------------------------------------- */

static const char *filter_param(const struct field_rule *f) { return f->param ? f->param : f->name; }

/* A filter's value checked like a body field; list fields filter by one
 * item, so their value is checked as one item. */
static json_t *filter_value(struct req *r, const struct field_rule *f, const char *raw)
{
    json_t *in = json_string(raw);
    json_t *v = NULL;
    if (f->type == V_LANGS || f->type == V_TAGS) {
        struct field_rule one = *f;
        one.name = filter_param(f);
        json_t *list = validate_value(r, &one, in);
        if (list && json_array_size(list) == 1)
            v = json_incref(json_array_get(list, 0));
        else if (list)
            req_field_error(r, one.name, f->type == V_LANGS ? "field_bad_langs" : "field_bad_tags");
        json_decref(list);
    } else {
        struct field_rule one = *f;
        one.name = filter_param(f);
        one.required = false;
        one.check = f->check;
        v = validate_value(r, &one, in);
        if (json_is_null(v)) {
            json_decref(v);
            v = NULL;
        }
    }
    json_decref(in);
    return v;
}

int entity_query_read(struct req *r, const struct entity *e, struct entity_query *q)
{
    memset(q, 0, sizeof *q);
    q->e = e;
    struct list_params lp;
    list_params(r, &lp);
    q->page = lp.page;
    q->per_page = lp.per_page;
    q->q = lp.q;
    if (q->q && e->like) {
        /* the text as typed, matched literally: % and _ are escaped */
        struct buf b = { 0 };
        buf_puts(&b, "%");
        for (const char *c = q->q; *c; c++) {
            if (*c == '%' || *c == '_' || *c == '\\')
                buf_puts(&b, "\\");
            buf_append(&b, c, 1);
        }
        buf_puts(&b, "%");
        q->like = buf_steal(&b);
    }
    if (q->q && e->fts) {
        struct buf b = { 0 };
        fold_fts_query(&b, q->q);
        if (b.len)
            q->match = buf_steal(&b);
        else
            q->nothing = true;
        buf_free(&b);
    }
    for (size_t i = 0; i < e->nfields && q->nfilters < ENTITY_MAX_FILTERS; i++) {
        const struct field_rule *f = &e->fields[i];
        if (!(f->flags & F_FILTER))
            continue;
        const char *raw = req_query(r, filter_param(f));
        if (!raw || !*raw)
            continue;
        json_t *v = filter_value(r, f, raw);
        if (!v)
            continue;
        q->filters[q->nfilters].field = f;
        q->filters[q->nfilters].value = v;
        q->nfilters++;
    }
    q->sort = e->nsorts ? &e->sorts[0] : NULL;
    const char *sort = req_query(r, "sort");
    if (sort && *sort) {
        /* "-key": the key's reverse order, where it has one */
        bool reverse = sort[0] == '-', known = false;
        for (size_t i = 0; i < e->nsorts; i++)
            if (!strcmp(sort + reverse, e->sorts[i].key) && (!reverse || e->sorts[i].reverse)) {
                q->sort = &e->sorts[i];
                q->reverse = reverse;
                known = true;
            }
        if (!known)
            req_field_error(r, "sort", "field_bad_choice");
    }
    return r->err == ERR_NONE ? 0 : -1;
}

void entity_query_where(struct entity_query *q, const char *sql, int64_t arg, const char *text)
{
    if (q->nextra >= (int)(sizeof q->extra / sizeof q->extra[0])) {
        log_error("entity %s: too many conditions", q->e ? q->e->type : "?");
        q->nothing = true; /* never more rows than asked for */
        return;
    }
    q->extra[q->nextra].sql = sql;
    q->extra[q->nextra].arg = arg;
    q->extra[q->nextra].text = text != NULL;
    q->extra[q->nextra].arg_text = text ? strdup(text) : NULL;
    if (text && !q->extra[q->nextra].arg_text)
        q->nothing = true; /* out of memory: no rows rather than too many */
    q->nextra++;
}

void entity_query_free(struct entity_query *q)
{
    free(q->match);
    q->match = NULL;
    free(q->like);
    q->like = NULL;
    for (int i = 0; i < q->nfilters; i++)
        json_decref(q->filters[i].value);
    q->nfilters = 0;
    for (int i = 0; i < q->nextra; i++) {
        free(q->extra[i].arg_text);
        q->extra[i].arg_text = NULL;
    }
    q->nextra = 0;
}

/* Q_PAGE: a page's ids first, then their columns (deep pages, searches,
 * orders no index gives); Q_PAGE_WIDE: the same for a search with many
 * matches, walking the order's index; Q_PAGE_FIRST: the first page in an
 * index's order, read straight (nothing to skip, nothing to sort). */
enum query_kind { Q_PAGE, Q_PAGE_WIDE, Q_PAGE_FIRST, Q_COUNT, Q_EXPORT };

/* True when the joins may drop rows (an inner JOIN): then the count needs
 * them too; LEFT JOINs never change how many rows there are. */
static bool inner_joins(const struct entity *e)
{
    for (const char *p = e->joins ? strstr(e->joins, "JOIN") : NULL; p; p = strstr(p + 4, "JOIN"))
        if (p - e->joins < 5 || strncmp(p - 5, "LEFT ", 5) != 0)
            return true;
    return false;
}

/* The FROM side and the conditions of a list query over t: the search,
 * the area's own conditions and the filters. A wide search (many matches,
 * an order an index gives) walks that index and probes the matches; a
 * narrow one fetches the matches (the search runs once, its rowids drive
 * the table's) and sorts them. Never a join on the search table: with a
 * condition an index serves (a post's status), SQLite would walk that
 * index and run the search again for every row it passes. */
static void query_where(const struct entity_query *q, enum query_kind kind, struct buf *b)
{
    const struct entity *e = q->e;
    if (q->match && kind == Q_PAGE_WIDE)
        buf_printf(b, " WHERE +t.id IN (SELECT rowid FROM %s WHERE %s MATCH ?)", e->fts, e->fts);
    else if (q->match)
        buf_printf(b, " WHERE t.id IN (SELECT rowid FROM %s WHERE %s MATCH ?)", e->fts, e->fts);
    else
        buf_puts(b, " WHERE 1");
    if (q->like) {
        buf_puts(b, " AND (0");
        for (const char *const *c = e->like; *c; c++)
            buf_printf(b, " OR t.%s LIKE ? ESCAPE '\\'", *c);
        buf_puts(b, ")");
    }
    for (int i = 0; i < q->nextra; i++)
        buf_printf(b, " AND (%s)", q->extra[i].sql);
    for (int i = 0; i < q->nfilters; i++) {
        const struct field_rule *f = q->filters[i].field;
        if (f->filter)
            buf_printf(b, " AND (%s)", f->filter);
        else if (f->link)
            buf_printf(b, " AND t.id IN (SELECT owner_id FROM %s WHERE value = ?)", f->link);
        else if (f->type == V_TEXT)
            buf_printf(b, " AND t.%s = ? COLLATE NOCASE", f->name);
        else
            buf_printf(b, " AND t.%s = ?", f->name);
    }
}

/* The ORDER BY of the query's sort, in the direction asked for. */
static const char *sort_order(const struct entity_query *q)
{
    return q->reverse && q->sort->reverse ? q->sort->reverse : q->sort->order;
}

static void query_sql(const struct entity_query *q, enum query_kind kind, struct buf *b)
{
    const struct entity *e = q->e;
    bool conds = q->nfilters > 0 || q->nextra || q->like || inner_joins(e);
    bool joins = inner_joins(e);
    switch (kind) {
    case Q_COUNT:
        if (!conds) {
            /* counts SQLite answers without visiting the table's rows */
            if (q->match)
                buf_printf(b, "SELECT count(*) FROM %s WHERE %s MATCH ?", e->fts, e->fts);
            else
                buf_printf(b, "SELECT count(*) FROM %s", e->table);
            return;
        }
        buf_printf(b, "SELECT count(*) FROM %s t%s%s", e->table, joins ? " " : "", joins ? e->joins : "");
        query_where(q, kind, b);
        return;
    case Q_EXPORT:
    case Q_PAGE_FIRST:
        buf_printf(b, "SELECT %s FROM %s t %s", kind == Q_EXPORT ? e->priv->export.sql : e->priv->list.sql, e->table,
                   e->joins ? e->joins : "");
        query_where(q, kind, b);
        if (q->sort)
            buf_printf(b, " ORDER BY %s", sort_order(q));
        buf_puts(b, " LIMIT ? OFFSET ?");
        return;
    case Q_PAGE:
    case Q_PAGE_WIDE:
        /* the page's ids first, from the sort's index where there is one,
         * then only their rows' columns: a deep page or a wide search does
         * not fetch every row it passes */
        buf_printf(b, "SELECT %s FROM (SELECT t.id FROM %s t%s%s", e->priv->list.sql, e->table, joins ? " " : "",
                   joins ? e->joins : "");
        query_where(q, kind, b);
        if (q->sort)
            buf_printf(b, " ORDER BY %s", sort_order(q));
        buf_printf(b, " LIMIT ? OFFSET ?) AS page JOIN %s t ON t.id = page.id%s%s", e->table, e->joins ? " " : "",
                   e->joins ? e->joins : "");
        if (q->sort)
            buf_printf(b, " ORDER BY %s", sort_order(q));
        return;
    }
}

void entity_query_sql(const struct entity_query *q, bool count, struct buf *b)
{
    query_sql(q, count ? Q_COUNT : Q_PAGE, b);
}

/* Binds in the order query_sql wrote the placeholders; copies, because the
 * rows are read after the handler freed its query. */
static void query_bind(const struct entity_query *q, sqlite3_stmt *st, enum query_kind kind)
{
    int n = 0;
    bool conds = q->nfilters > 0 || q->nextra || q->like || inner_joins(q->e);
    if (q->match)
        sqlite3_bind_text(st, ++n, q->match, -1, SQLITE_TRANSIENT);
    if (kind == Q_COUNT && !conds)
        return;
    for (const char *const *c = q->like ? q->e->like : NULL; c && *c; c++)
        sqlite3_bind_text(st, ++n, q->like, -1, SQLITE_TRANSIENT);
    for (int i = 0; i < q->nextra; i++) {
        if (!strchr(q->extra[i].sql, '?'))
            continue;
        if (q->extra[i].text)
            sqlite3_bind_text(st, ++n, q->extra[i].arg_text ? q->extra[i].arg_text : "", -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_int64(st, ++n, q->extra[i].arg);
    }
    for (int i = 0; i < q->nfilters; i++) {
        json_t *v = q->filters[i].value;
        if (json_is_integer(v))
            sqlite3_bind_int64(st, ++n, json_integer_value(v));
        else if (json_is_boolean(v))
            sqlite3_bind_int(st, ++n, json_is_true(v));
        else
            sqlite3_bind_text(st, ++n, json_string_value(v), -1, SQLITE_TRANSIENT);
    }
    if (kind == Q_COUNT)
        return;
    if (kind == Q_EXPORT) {
        sqlite3_bind_int(st, ++n, ENTITY_EXPORT_MAX);
        sqlite3_bind_int(st, ++n, 0);
    } else {
        sqlite3_bind_int(st, ++n, q->nothing ? 0 : q->per_page);
        sqlite3_bind_int(st, ++n, (q->page - 1) * q->per_page);
    }
}

/* The statement for the query, bound; valid until the next db_stmt_text. */
static sqlite3_stmt *query_stmt(const struct entity_query *q, enum query_kind kind)
{
    struct buf b = { 0 };
    query_sql(q, kind, &b);
    sqlite3_stmt *st = b.data ? db_stmt_text(b.data) : NULL;
    buf_free(&b);
    if (st)
        query_bind(q, st, kind);
    return st;
}

/* The counts of lists, remembered per thread with the database version
 * they were counted at: a list shown again before anything changed
 * counts its thousands of rows no more (the unfiltered list, the job
 * board's open posts). Exact: any commit, by anyone, changes the version;
 * the key is the count's statement with its values, and the local day,
 * as a list's conditions may hold "today" (the job board's). */
#define COUNTS_KEPT 16
struct counts {
    struct {
        char *key;              /* owned */
        struct db_version at;
        int64_t total;
    } kept[COUNTS_KEPT];
    unsigned next;
};
static pthread_key_t counts_key;
static pthread_once_t counts_once = PTHREAD_ONCE_INIT;

/* A thread's counts go with the thread. */
static void counts_free(void *p)
{
    struct counts *c = p;
    for (size_t i = 0; i < COUNTS_KEPT; i++)
        free(c->kept[i].key);
    free(c);
}

static void counts_init(void) { pthread_key_create(&counts_key, counts_free); }

/* This thread's counts (made at first use), or NULL without memory. */
static struct counts *my_counts(void)
{
    pthread_once(&counts_once, counts_init);
    struct counts *c = pthread_getspecific(counts_key);
    if (!c && (c = calloc(1, sizeof *c)) && pthread_setspecific(counts_key, c) != 0) {
        free(c);
        c = NULL;
    }
    return c;
}

/* The count of the list q, inside the read transaction. 0 or -1. */
static int list_count(const struct entity_query *q, int64_t *total)
{
    sqlite3_stmt *st = query_stmt(q, Q_COUNT);
    if (!st)
        return -1;
    struct db_version now;
    char *key = NULL;
    if (db_version(&now) == 0) {
        char *sql = sqlite3_expanded_sql(st), day[11];
        text_local_day(0, day);
        if (sql && asprintf(&key, "%s\n%s", day, sql) < 0)
            key = NULL;
        sqlite3_free(sql);
    }
    struct counts *c = key ? my_counts() : NULL;
    for (size_t i = 0; c && i < COUNTS_KEPT; i++)
        if (c->kept[i].key && !strcmp(c->kept[i].key, key) && c->kept[i].at.conn == now.conn &&
            c->kept[i].at.data == now.data && c->kept[i].at.changes == now.changes) {
            free(key);
            *total = c->kept[i].total;
            return 0;
        }
    if (db_int64(st, total) != 0) {
        free(key);
        return -1;
    }
    if (c) {
        unsigned slot = c->next++ % COUNTS_KEPT;
        free(c->kept[slot].key);
        c->kept[slot].key = key;
        c->kept[slot].at = now;
        c->kept[slot].total = *total;
    } else {
        free(key);
    }
    return 0;
}

/* The query shape for a page of a list with total rows. */
static enum query_kind page_kind(const struct entity_query *q, int64_t total)
{
    bool indexed = q->sort && q->sort->indexed;
    if (q->match)
        return indexed && total > ENTITY_WIDE_SEARCH ? Q_PAGE_WIDE : Q_PAGE;
    return indexed && q->page == 1 ? Q_PAGE_FIRST : Q_PAGE;
}

/* The rows of a page, read while the view renders, inside the read
 * transaction entity_list began (released: ended). */
struct list_rows {
    struct req_rows base;
    const struct entity *e;
    sqlite3_stmt *st;           /* borrowed from the connection's cache */
    int lang;
    const char *lang_code;
};

static int rows_step(struct req_rows *rows)
{
    struct list_rows *lr = (struct list_rows *)rows;
    enum db_step rc = db_step(lr->st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static void rows_emit(struct req_rows *rows, const struct row_sink *sink, bool html)
{
    struct list_rows *lr = (struct list_rows *)rows;
    emit_row(lr->e, &lr->e->priv->list, lr->st, sink, html, lr->lang, lr->lang_code);
}

static void rows_release(struct req_rows *rows)
{
    struct list_rows *lr = (struct list_rows *)rows;
    sqlite3_reset(lr->st);
    db_read_end();
    free(lr);
}

/* The filter form of a list page: the values as sent and <option> lists. */
static json_t *filter_model(struct req *r, const struct entity_query *q)
{
    const struct entity *e = q->e;
    json_t *m = json_object();
    json_object_set_new(m, "q", json_string(q->q ? q->q : ""));
    for (size_t i = 0; i < e->nfields; i++) {
        const struct field_rule *f = &e->fields[i];
        if (!(f->flags & F_FILTER))
            continue;
        const char *value = NULL;
        char num[32];
        for (int k = 0; k < q->nfilters; k++)
            if (q->filters[k].field == f) {
                json_t *v = q->filters[k].value;
                value = json_string_value(v);
                if (json_is_integer(v))
                    snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), value = num;
                else if (json_is_boolean(v))
                    value = json_is_true(v) ? "1" : "0";
            }
        if (f->choices && (f->type == V_ENUM || f->type == V_LANGS || f->type == V_TAGS)) {
            char key[96];
            snprintf(key, sizeof key, "%s_options", filter_param(f));
            json_object_set_new(m, key, choice_options(r, f, value, NULL));
        } else {
            json_object_set_new(m, filter_param(f), json_string(value ? value : ""));
        }
    }
    json_t *sorts = json_array();
    for (size_t i = 0; i < e->nsorts; i++) {
        const struct entity_sort *s = &e->sorts[i];
        char key[96];
        snprintf(key, sizeof key, "sort_%s", s->key);
        json_array_append_new(sorts, json_pack("{s:s, s:s, s:b}", "value", s->key, "label", req_t(r, key),
                                               "selected", q->sort == s && !q->reverse));
        if (q->sort == s && q->reverse) {
            /* the reverse order a header chose, so the form keeps it */
            char value[96], label[256];
            snprintf(value, sizeof value, "-%s", s->key);
            snprintf(label, sizeof label, "%s %s", req_t(r, key), req_t(r, "sort_reversed"));
            json_array_append_new(sorts, json_pack("{s:s, s:s, s:b}", "value", value, "label", label, "selected", 1));
        }
    }
    json_object_set_new(m, "sort_options", sorts);
    int active = q->nfilters + (q->q ? 1 : 0);
    json_object_set_new(m, "active", active ? json_pack("{s:i}", "count", active) : json_false());
    return m;
}

/* Per sort, the link of a sortable column header: this order, or when it
 * is the current one its reverse (where there is one); and for the current
 * one its direction, for aria-sort. The links keep the other parameters
 * and start again at page 1. */
static void sort_headers(struct req *r, const struct entity_query *q, json_t *model)
{
    const struct entity *e = q->e;
    for (size_t i = 0; i < e->nsorts; i++) {
        const struct entity_sort *s = &e->sorts[i];
        bool current = q->sort == s;
        char value[96], key[96];
        snprintf(value, sizeof value, "%s%s", current && !q->reverse && s->reverse ? "-" : "", s->key);
        snprintf(key, sizeof key, "sort_%s", s->key);
        char *href = list_href(r, "sort", value);
        json_t *h = json_pack("{s:s, s:b}", "href", href ? href : "?", "is_current", current);
        free(href);
        if (current) {
            bool descending = s->descending != q->reverse;
            json_object_set_new(h, "direction", json_string(descending ? "descending" : "ascending"));
            json_object_set_new(h, "ascending", json_boolean(!descending));
        }
        json_object_set_new(model, key, h);
    }
}

int entity_list(struct req *r, const struct entity_query *q, json_t **model)
{
    *model = NULL;
    const struct entity *e = q->e;
    if (e->may && e->may(r, NULL, ACT_READ) != 0)
        return r->err == ERR_NONE ? req_fail(r, ERR_FORBIDDEN) : -1;
    /* the count and the rows from one snapshot, so the total always fits
     * the pages; the rows own the read until the view has read them */
    if (db_read_begin() != 0)
        return req_fail(r, ERR_INTERNAL);
    int64_t total = 0;
    sqlite3_stmt *st = NULL;
    if (!q->nothing) {
        st = list_count(q, &total) == 0 ? query_stmt(q, page_kind(q, total)) : NULL;
    } else {
        st = query_stmt(q, page_kind(q, 0));
    }
    struct list_rows *rows = st ? calloc(1, sizeof *rows) : NULL;
    if (!rows) {
        if (st)
            sqlite3_reset(st);
        db_read_end();
        return req_fail(r, ERR_INTERNAL);
    }
    rows->base = (struct req_rows){ .name = "items", .step = rows_step, .emit = rows_emit, .release = rows_release };
    rows->e = e;
    rows->st = st;
    rows->lang = i18n_index(r->lang);
    rows->lang_code = r->lang;
    req_rows(r, &rows->base);
    struct list_params lp = { q->page, q->per_page, q->q };
    *model = list_result(r, NULL, total, &lp);
    if (!r->want_json) {
        json_object_set_new(*model, "filter", filter_model(r, q));
        sort_headers(r, q, *model);
    }
    return 0;
}

void entity_export_link(struct req *r, json_t *model, const char *path, bool may)
{
    if (!may || json_integer_value(json_object_get(model, "total")) <= 0)
        return;
    const char *qs = r->raw_uri ? strchr(r->raw_uri, '?') : NULL;
    struct buf href = { 0 };
    buf_puts(&href, path);
    buf_puts(&href, qs ? qs : "");
    json_object_set_new(model, "export", json_pack("{s:s}", "href", href.data ? href.data : path));
    buf_free(&href);
}

/* ---- CSV ------------------------------------------------------------------------ */

void entity_csv_cell(struct buf *b, const char *v, size_t n, bool last)
{
    bool formula = n && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
    bool quote = formula || (n && v[0] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = v[i] == ';' || v[i] == '"' || v[i] == '\n' || v[i] == '\r' || v[i] == ',';
    if (quote)
        buf_puts(b, "\"");
    if (formula)
        buf_puts(b, "'");
    size_t from = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] == '"') {
            buf_append(b, v + from, i - from + 1);
            buf_puts(b, "\"");
            from = i + 1;
        }
    buf_append(b, v + from, n - from);
    if (quote)
        buf_puts(b, "\"");
    buf_puts(b, last ? "\r\n" : ";");
}

struct csv_line {
    struct buf *b;
    int col, ncols;
};

static void csv_text(void *cls, const char *key, const char *s, size_t n)
{
    (void)key;
    struct csv_line *l = cls;
    l->col++;
    entity_csv_cell(l->b, s, n, l->col == l->ncols);
}

static void csv_int(void *cls, const char *key, long long v)
{
    char num[32];
    int n = snprintf(num, sizeof num, "%lld", v);
    csv_text(cls, key, num, (size_t)n);
}

static void csv_null(void *cls, const char *key) { csv_text(cls, key, "", 0); }

static void csv_bool(void *cls, const char *key, bool v) { csv_text(cls, key, v ? "1" : "0", 1); }

int entity_export_csv(struct req *r, const struct entity_query *q, const char *filename)
{
    const struct entity *e = q->e;
    if (e->may && e->may(r, NULL, ACT_EXPORT) != 0)
        return r->err == ERR_NONE ? req_fail(r, ERR_FORBIDDEN) : -1;
    const struct colset *cs = &e->priv->export;
    struct buf b = { 0 };
    buf_puts(&b, "\xEF\xBB\xBF");
    struct csv_line line = { &b, 0, cs->n + 1 };
    const char *id_label = req_t(r, "field_id");
    csv_text(&line, "id", id_label, strlen(id_label));
    for (int j = 0; j < cs->n; j++) {
        char key[96];
        snprintf(key, sizeof key, "field_%s", e->fields[cs->idx[j]].name);
        const char *label = req_t(r, key);
        csv_text(&line, key, label, strlen(label));
    }
    sqlite3_stmt *st = q->nothing ? NULL : query_stmt(q, Q_EXPORT);
    if (!q->nothing && !st) {
        buf_free(&b);
        return req_fail(r, ERR_INTERNAL);
    }
    const struct row_sink sink = { &line, csv_text, csv_int, csv_null, csv_bool, csv_text, NULL };
    enum db_step rc = DB_DONE;
    while (st && (rc = db_step(st)) == DB_ROW) {
        line.col = 0;
        emit_row(e, cs, st, &sink, false, 0, r->lang);
    }
    if (st)
        sqlite3_reset(st);
    /* the audit names the filters used, so a reader knows what left */
    json_t *used = json_array();
    if (q->q)
        json_array_append_new(used, json_string("q"));
    for (int i = 0; i < q->nfilters; i++)
        json_array_append_new(used, json_string(filter_param(q->filters[i].field)));
    int audited = rc == DB_ERROR ? -1 : audit_write(r, "export", e->type, 0, used);
    json_decref(used);
    if (rc == DB_ERROR || audited != 0) {
        buf_free(&b); /* never a cut-off export */
        return req_fail(r, ERR_INTERNAL);
    }
    size_t len = b.len;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf_steal(&b), MHD_RESPMEM_MUST_FREE);
    if (!resp)
        return req_fail(r, ERR_INTERNAL);
    char disposition[160];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", filename);
    MHD_add_response_header(resp, "Content-Type", "text/csv; charset=utf-8");
    MHD_add_response_header(resp, "Content-Disposition", disposition);
    r->raw = resp;
    r->sent_bytes = len;
    return 0;
}

/* ---- forms ---------------------------------------------------------------------- */

json_t *entity_form_rules(struct req *r, const struct field_rule *rules, size_t n, const json_t *src)
{
    /* only what a person may type: read-only and derived fields stay out */
    struct field_rule writable[ENTITY_MAX_FIELDS] = { 0 };
    size_t nw = 0;
    for (size_t i = 0; i < n && nw < ENTITY_MAX_FIELDS; i++)
        if (!(rules[i].flags & (F_READONLY | F_DERIVED)))
            writable[nw++] = rules[i];
    json_t *form = validate_form_values((json_t *)src, writable, nw);
    for (size_t i = 0; i < nw; i++) {
        const struct field_rule *f = &writable[i];
        if (f->type == V_BOOL) {
            /* ticked as the validator reads it: 1, true, on, yes */
            json_t *v = json_object_get(src, f->name);
            const char *t = json_string_value(v);
            bool on = json_is_true(v) || (json_is_integer(v) && json_integer_value(v) == 1) ||
                      (t && (!strcmp(t, "1") || !strcmp(t, "on") || !strcmp(t, "true") || !strcmp(t, "yes")));
            json_object_set_new(form, f->name, json_boolean(on));
        }
        if ((f->type != V_ENUM && f->type != V_TAGS && f->type != V_LANGS) || !f->choices)
            continue;
        /* chosen: the form's one value, or for a list each item sent (an
         * array of ticked boxes, or "a, b" as stored text) */
        const char *value = f->type == V_ENUM ? json_string_value(json_object_get(form, f->name)) : NULL;
        json_t *chosen = f->type != V_ENUM ? json_object_get(src, f->name) : NULL;
        json_t *split = json_is_string(chosen) ? validate_split(json_string_value(chosen)) : NULL;
        if (split)
            chosen = split;
        char key[96];
        snprintf(key, sizeof key, "%s_options", f->name);
        json_object_set_new(form, key, choice_options(r, f, value, chosen));
        json_decref(split);
    }
    return form;
}

json_t *entity_form(struct req *r, const struct entity *e, const json_t *src)
{
    return entity_form_rules(r, e->fields, e->nfields, src);
}
