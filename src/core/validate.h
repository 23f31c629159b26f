/* validate: declared field rules checked before a handler touches the data
 * (kcgi's kvalid, in spirit). The handler receives one clean object; every
 * problem is named per field in the request's language. */
#ifndef CORE_VALIDATE_H
#define CORE_VALIDATE_H

#include "core/http.h"

enum vtype {
    V_TEXT,      /* trimmed text, min..max characters */
    V_EMAIL,     /* an e-mail address, lowercased */
    V_ENUM,      /* one of choices */
    V_INT,       /* whole number in min..max */
    V_BOOL,      /* "1"/"true"/"on"/"yes" or "0"/"false"/"off"/"no"/absent; JSON true/false */
    V_PASSWORD,  /* a new password: 10 to 128 characters, not trimmed */
    V_SECRET,    /* a password as typed to prove it: not trimmed, at most max bytes */
    V_DATE,      /* YYYY-MM-DD, a real calendar date */
    V_PHONE,     /* digits, spaces and + ( ) / - ., 5 to 30 characters */
    V_URL,       /* a web address; "example.de" becomes "https://example.de" */
    V_LANGS,     /* ISO 639-1 codes: JSON array, repeated fields or "de, tr" -> array */
    V_TAGS,      /* short labels: JSON array, repeated fields or "a, b" -> array */
    V_ID,        /* a positive integer id */
};

/* A named set of values for V_ENUM fields: the one place they are listed.
 * The catalogs label each value under "<key>_<value>"; migrations repeat
 * the values in CHECK constraints, and a test checks that all three agree. */
struct choices {
    const char *key;               /* catalog prefix, e.g. "chamber" */
    const char *const *values;     /* NULL-terminated */
    const char **labels;           /* owned by entity.c: per language, per value; NULL until built */
    int labels_langs;              /* how many languages the table has rows for */
    unsigned labels_gen;           /* the catalogs' generation it was built from */
};

/* Field flags: what the area kit (entity.h) derives from a declared field. */
enum field_flag {
    F_LIST = 1u << 0,      /* a column of list rows (JSON items and table rows) */
    F_FILTER = 1u << 1,    /* a list filter ?<param>= (exact value; lists: one of the items) */
    F_EXPORT = 1u << 2,    /* a column of the CSV export */
    F_READONLY = 1u << 3,  /* read with the record, never taken from a request (ids, times, joins) */
    F_DERIVED = 1u << 4,   /* written by the area from other fields (town from postal code) */
    F_PERSONAL = 1u << 5,  /* personal data: the record's reads are audited (see entity.personal) */
    F_NULLABLE = 1u << 6,  /* stored NULL when empty (ids, numbers, optional dates) */
    F_JSON = 1u << 7,      /* a list stored as a JSON array of strings, not as comma-separated text */
    F_TIME = 1u << 8,      /* a UTC timestamp: pages also get "<name>_local" in the reader's zone and language */
    F_HIDDEN = 1u << 9,    /* written (with F_DERIVED) but never read into records, lists or exports: the area's
                              own column, such as a comparison key; with F_READONLY | F_FILTER and a .filter, a
                              filter only (a post's chamber, found through its occupation) */
    F_STATE = 1u << 10,    /* a state (a post's status, a placement's stage): given when the record is made, then
                              changed only by entity_set_state; an edit that sends another value is refused */
};

struct field_rule {
    const char *name;              /* JSON, form and column name */
    enum vtype type;
    bool required;
    long min, max;                 /* V_TEXT: characters; V_INT: value; lists: items */
    struct choices *choices;       /* V_ENUM */
    /* A further rule after the type's own: a message key, or NULL when the
     * (clean) value is fine. App rules such as the German postal code. */
    const char *(*check)(const char *value);
    /* --- for the area kit (entity.h); plain forms leave these zero --- */
    unsigned flags;                /* enum field_flag */
    const char *expr;              /* SQL for reading when not t.<name> (a joined column) */
    const char *link;              /* V_LANGS/V_TAGS: table of rows (owner_id, pos, value) */
    const char *param;             /* the filter's query name when not name ("tag" for tags) */
    /* F_FILTER: the list condition over t, with exactly one `?` for the
     * clean value, when it is not equality (lists: one of the items), e.g.
     * "t.places - t.places_filled >= ?"; static SQL written in the
     * declaration. */
    const char *filter;
};

/* True when value is one of the set's values. */
bool choices_has(const struct choices *c, const char *value);
/* The index of value in the set, or -1. */
int choices_index(const struct choices *c, const char *value);

/* Checks r->fields against rules. On success returns 0 and *out is a new
 * object (caller owns) with every rule's name: the clean value, or null when
 * absent. On failure returns -1, leaves *out NULL, and has set a field
 * error per problem (r->err = ERR_INVALID). */
int validate_fields(struct req *r, const struct field_rule *rules, size_t n, json_t **out);

/* Checks one value against one rule, as validate_fields does for each
 * field: the clean value (new reference), or NULL after req_field_error.
 * raw may be NULL (absent). For query parameters as well as bodies. */
json_t *validate_value(struct req *r, const struct field_rule *rule, json_t *raw);

/* The values a form shows, as text, for each rule's name only (never the
 * client's own keys): from a stored object or from what was typed; lists
 * joined with ", "; enums also as flags "<name>_<value>" for select boxes.
 * New reference. */
json_t *validate_form_values(json_t *src, const struct field_rule *rules, size_t n);

/* Lists (V_LANGS, V_TAGS) joined for storage: "de,tr". Caller frees. */
char *validate_join(const json_t *list);
/* And split back into a JSON array (new reference). */
json_t *validate_split(const char *stored);

/* Single checks, for use beyond forms. */
bool validate_lang(const char *code);
bool validate_email(const char *s);
bool validate_date(const char *s);

#endif
