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
    V_PLZ,       /* a German postal code: five digits */
    V_PHONE,     /* digits, spaces and + ( ) / - ., 5 to 30 characters */
    V_URL,       /* a web address; "example.de" becomes "https://example.de" */
    V_LANGS,     /* ISO 639-1 codes: JSON array, repeated fields or "de, tr" -> array */
    V_TAGS,      /* short labels: JSON array, repeated fields or "a, b" -> array */
    V_ID,        /* a positive integer id */
};

struct field_rule {
    const char *name;
    enum vtype type;
    bool required;
    long min, max;                 /* V_TEXT: characters; V_INT: value */
    const char *const *choices;    /* V_ENUM: NULL-terminated */
};

/* Checks r->fields against rules. On success returns 0 and *out is a new
 * object (caller owns) with every rule's name: the clean value, or null when
 * absent. On failure returns -1, leaves *out NULL, and has set a field
 * error per problem (r->err = ERR_INVALID). */
int validate_fields(struct req *r, const struct field_rule *rules, size_t n, json_t **out);

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
