/* entity: the area kit. An area declares its record once, as a table of
 * fields (validate.h's struct field_rule with flags) and a struct entity,
 * and the kit does the generic work from the declaration:
 *
 *   - validation of bodies (validate_fields) and of list query strings;
 *   - the record's SQL (read, insert, update, delete, the rows of list
 *     fields kept in tables of their own) prepared once per connection;
 *   - the list query for exactly the filters in use, sort, bounded paging,
 *     the count, and rows read straight from SQLite into the view;
 *   - the form's values with <option> lists and labels per language;
 *   - the CSV export of the exported fields;
 *   - edits that load, check, merge, validate and write in one transaction,
 *     refuse stale whole-form edits (409) and audit the changed names;
 *   - the per-record policy hook and the audit of reads of personal records.
 *
 * The area's own file keeps only what is its own: derivations, domain
 * checks, duplicate rules, its pages. See companies.c for the worked
 * example and the README for how to declare a new area.
 *
 * Conventions of a declared table: `id INTEGER PRIMARY KEY`; read as `t`
 * (joins name other aliases); a versioned table has `updated_at`, which the
 * kit keeps strictly increasing, so it tells every save apart; a list field
 * (V_LANGS, V_TAGS) with `link` is kept as rows (owner_id, pos, value) of
 * that table, which has an index named "<table>_owner" on (owner_id, pos,
 * value) (records and lists read the items in order along it) and one on
 * (value, owner_id) for the filter. Errors: functions taking a request set its error (one
 * vocabulary, err.h) and return -1.
 *
 * Filters (F_FILTER) compare for equality (text without regard to case; a
 * list field: one of its items), or by the field's own .filter condition;
 * a field flagged F_READONLY | F_HIDDEN | F_FILTER with a .filter is a
 * filter only, never read or written. Lists with choices (V_TAGS) give
 * pages "<name>_labels" beside the values. */
#ifndef CORE_ENTITY_H
#define CORE_ENTITY_H

#include "core/buf.h"
#include "core/db.h"
#include "core/http.h"
#include "core/validate.h"

#define ENTITY_MAX_FIELDS 48
#define ENTITY_MAX_FILTERS 16
#define ENTITY_EXPORT_MAX 100000   /* rows in one CSV export */

enum entity_action { ACT_READ, ACT_WRITE, ACT_DELETE, ACT_EXPORT };

/* A list order offered as ?sort=key; order is SQL over the alias t.
 * indexed: an index gives this order (a wide search walks it; backwards
 * too, for reverse). reverse: the opposite order, offered as ?sort=-key
 * (a column header clicked again), or NULL. descending: order runs from
 * high to low (newest first), so a header says so to screen readers. */
struct entity_sort {
    const char *key;
    const char *order;
    bool indexed;
    const char *reverse;
    bool descending;
};

/* The SQL that moves a versioned record's updated_at forward at a save (at
 * least by a second, so two saves in one second still differ: it is the
 * record's version), for an area's own UPDATE of such a record beside the
 * kit's: ", updated_at = ...". */
#define VERSION_BUMP_SQL                                                                                        \
    ", updated_at = CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') > updated_at "                             \
    "THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ELSE strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+1 second') END"

/* A search with more matches than this walks the sort's index and probes
 * the matches instead of sorting them all. */
#define ENTITY_WIDE_SEARCH 300

struct entity_priv;

struct entity {
    const char *type;                    /* "company": audit object_type */
    const char *table;                   /* "companies", read as t */
    const char *joins;                   /* for fields with expr, or NULL */
    const struct field_rule *fields;
    size_t nfields;
    const struct entity_sort *sorts;     /* the first is the default */
    size_t nsorts;
    const char *fts;                     /* FTS5 table (rowid = id) for ?q=, or NULL */
    const char *const *like;             /* or: columns ?q= matches literally (LIKE), NULL-terminated */
    bool personal;                       /* every staff read of a record is audited */
    bool versioned;                      /* has updated_at: stale edits are refused */

    /* Policy: may the request's user do action with rec (NULL: a list, or a
     * new record)? Return 0, or set the error (ERR_FORBIDDEN, or
     * ERR_NOT_FOUND to hide that it exists) and return -1. NULL: the
     * route's least role decides alone. */
    int (*may)(struct req *r, const json_t *rec, enum entity_action action);
    /* Before a write from a request, inside its transaction: defaults and
     * domain checks (req_field_error). old is NULL when creating. 0 or -1. */
    int (*check)(struct req *r, json_t *in, const json_t *old);
    /* Before every write, also outside requests (seed data): what follows
     * from other fields, such as the town from the postal code. 0 or -1. */
    int (*derive)(json_t *in, const json_t *old);
    /* After every write, inside the transaction (the search index). 0 or -1. */
    int (*after_write)(int64_t id);

    struct entity_priv *priv;            /* the kit's: built by entity_init */
};

/* Builds each entity's SQL (NULL-terminated list; no database needed).
 * Call once at start-up before any other entity_ call. 0 or -1 (a
 * declaration the kit cannot use, logged). */
int entity_init(struct entity *const *all);

/* Builds the label tables of every choice set per loaded language; call
 * after i18n_load. Until then labels fall back to i18n_get. */
int entity_labels_init(struct choices *const *all);

/* The label of one value in lang (borrowed, never NULL). */
const char *entity_label(const struct choices *c, const char *lang, const char *value);
/* The same for a value that may lie outside the set (a language of the
 * whole ISO list, an action an older version recorded): the catalog's
 * "<key>_<value>" if it has one, else the value itself. Borrowed. */
const char *entity_item_label(const struct choices *c, const char *lang, const char *value);

/* ---- records ------------------------------------------------------------ */

/* The record id as JSON (new reference): every field, lists as arrays,
 * NULLs and empty enums as null. 0 found, 1 no such record, -1 error. */
int entity_load(const struct entity *e, int64_t id, json_t **out);

/* The records whose ids the statement st yields (bound by the caller;
 * reset here), in that order, at most max: a new array (a record gone
 * between the two reads is left out), or NULL on a database error. For a
 * page's short lists: a company's timeline, its posts, a feed. */
json_t *entity_load_ids(const struct entity *e, sqlite3_stmt *st, size_t max);
/* The rows the statement st yields (bound by the caller; reset here) as
 * a new array of what row(st, ctx) makes of each (a new reference; NULL
 * leaves the row out), or NULL on a database error. For a page's small
 * lists that are not records of an area: a history, links, answers. */
json_t *entity_rows(sqlite3_stmt *st, json_t *(*row)(sqlite3_stmt *st, void *ctx), void *ctx);

/* The record named by the path's {id} for action: loaded, allowed by the
 * policy and, for a personal record read by staff, audited. 0 with *out
 * (new reference), or -1 with the error set (404, 403, 500). */
int entity_open(struct req *r, const struct entity *e, enum entity_action action, json_t **out);

/* Inside a write's transaction: the record id as it is now, if the policy
 * allows action on it; for writes that hang on a record (a company's
 * contacts), so it cannot vanish or change hands between check and write.
 * 0 with *rec (caller owns), 1 with the error set (404, 403), or -1 on a
 * database error. */
int entity_allowed(struct req *r, const struct entity *e, int64_t id, enum entity_action action, json_t **rec);

/* Writes a record without request (seed data, other areas' writes): the
 * derive hook, the row, its list rows and after_write; inserts when *id is
 * 0 and sets it. Call inside a transaction. 0 or -1. */
int entity_store(const struct entity *e, json_t *in, const json_t *old, int64_t *id);

/* A new record from the request's fields: validated, checked by the policy
 * and the area, written and audited in one transaction. 0 with *out (the
 * stored record, new reference) or -1 with the error set; after a 400 the
 * caller shows the form again from r->fields. */
int entity_create(struct req *r, const struct entity *e, json_t **out);

/* Edits the record named by the path's {id} with the request's fields: in
 * one transaction it loads the record, asks the policy, refuses a stale
 * edit (the request carries an updated_at that is not the record's: 409)
 * and a change of a state field (F_STATE: 400 naming it),
 * lays the fields over the record, validates the whole, lets the area
 * check it, writes it when something changed and audits the changed names.
 * 0 with *out (the stored record), or -1 with the error set; after a 400
 * or 409, *current (when not NULL) is the record as it is now, for the
 * form shown again. Callers own both. */
int entity_update(struct req *r, const struct entity *e, json_t **out, json_t **current);

/* Deletes the record named by the path's {id} (policy ACT_DELETE), with its
 * search entry, audited. 0 or -1 with the error set. */
int entity_delete(struct req *r, const struct entity *e);

/* The same for the record id inside the caller's write transaction (a
 * decision that also removes a record). 0 deleted; 1 refused with the
 * error set (404, 403): roll back; -1 on a database error. */
int entity_delete_tx(struct req *r, const struct entity *e, int64_t id);

/* A state change as a conditional update, for the stages later areas move
 * through (a post's status, a placement's stage): field goes from `from`
 * to `to` only if it still is `from`, in one transaction with the policy
 * (ACT_WRITE) and the audit entry; someone who moved it first makes this a
 * 409, a record that is not there a 404. 0 or -1 with the error set. */
int entity_set_state(struct req *r, const struct entity *e, const char *field, const char *from, const char *to);

/* The same inside the caller's write transaction, for the record id: when
 * one decision moves several records (an offer approved opens its posts),
 * all move or none. 0 moved; 1 refused with the error set (404, 403, 409,
 * or 400 for a value the field does not know): roll back; -1 on a
 * database error. */
int entity_set_state_tx(struct req *r, const struct entity *e, int64_t id, const char *field, const char *from,
                        const char *to);

/* Names of the fields whose values differ between a and b (new array);
 * an absent value, null, "" and [] are all "empty". */
json_t *entity_changed(const struct entity *e, const json_t *a, const json_t *b);

/* ---- lists -------------------------------------------------------------- */

/* A list request, checked: filters, search, sort, paging. */
struct entity_query {
    const struct entity *e;
    int page, per_page;
    const char *q;                           /* borrowed; NULL when none */
    char *match;                             /* owned: the FTS query; NULL without search */
    char *like;                              /* owned: the LIKE pattern; NULL without search */
    bool nothing;                            /* a search with nothing searchable: no rows */
    const struct entity_sort *sort;
    bool reverse;                            /* ?sort=-key: sort's reverse order */
    int nfilters;
    struct {
        const struct field_rule *field;
        json_t *value;                       /* owned: the clean value */
    } filters[ENTITY_MAX_FILTERS];
    int nextra;                              /* the area's own conditions (entity_query_where) */
    struct {
        const char *sql;                     /* static SQL over t with at most one `?` */
        bool text;                           /* the `?` takes text (a copy: arg_text, owned) or a number */
        char *arg_text;
        int64_t arg;
    } extra[4];
};

/* Adds the area's own condition (static SQL over t with at most one `?`,
 * bound to arg or, when text is not NULL, to a copy of text): a company's
 * activities, a period, the postal codes within a distance (a JSON array
 * for json_each). */
void entity_query_where(struct entity_query *q, const char *sql, int64_t arg, const char *text);

/* Reads ?q=, ?sort=, ?page=, ?per_page= and the entity's filters from the
 * query string, validated like body fields (400 naming each problem; a page
 * deeper than LIST_MAX_OFFSET rows too). 0 or -1. Free with
 * entity_query_free, also after -1. */
int entity_query_read(struct req *r, const struct entity *e, struct entity_query *q);
void entity_query_free(struct entity_query *q);

/* The SQL of a list page in its general shape (the page's ids first, then
 * their columns; count = false) or of its count, for exactly the filters in
 * use, into b. Exposed for tests. */
void entity_query_sql(const struct entity_query *q, bool count, struct buf *b);

/* A page of the list: the model {"total","page","per_page","pager",...}
 * (list_result) whose "items" are read from the database while the view
 * renders (req_rows), and for pages "filter": the filter form's values
 * with <option> lists, "sort_options" and "active" ({"count"} of the
 * filters and searches in use, or false), and per sort "sort_<key>":
 * {"href", "is_current", "direction", "ascending"} for sortable column
 * headers (the link sorts by that key, or reverses it when it is the
 * current order; direction, "ascending" or "descending" for aria-sort,
 * on the current one). 0 with *model (new reference) or -1 with the error
 * set. */
int entity_list(struct req *r, const struct entity_query *q, json_t **model);

/* Every row of the list (up to ENTITY_EXPORT_MAX) as CSV for Excel: UTF-8
 * with BOM, semicolons, headers in the request's language, formulas
 * neutralised; policy ACT_EXPORT, audited with the names of the filters
 * used. Sets the request's raw answer. 0 or -1 with the error set. */
int entity_export_csv(struct req *r, const struct entity_query *q, const char *filename);

/* The list page's link to its CSV export, for those who may take it
 * (may): sets model's "export" {"href": path and the query string as it
 * was sent, so the export takes the same filters} when the list has rows.
 * path: "/companies/export.csv". */
void entity_export_link(struct req *r, json_t *model, const char *path, bool may);
/* One CSV cell (Excel-safe) and its separator (';' or CRLF when last). */
void entity_csv_cell(struct buf *b, const char *v, size_t n, bool last);

/* ---- forms -------------------------------------------------------------- */

/* The values a form shows for the entity's writable fields: text for
 * inputs, and for enums "<name>_options": [{"value","label","selected"}]
 * in the request's language. src: a stored record or what was typed.
 * New reference. */
json_t *entity_form(struct req *r, const struct entity *e, const json_t *src);

/* The same for any list of rules (forms that are not an entity's). */
json_t *entity_form_rules(struct req *r, const struct field_rule *rules, size_t n, const json_t *src);

#endif
