#include "core/validate.h"

#include "core/secret.h"
#include "core/text.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool validate_email(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 254)
        return false;
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@'))
        return false;
    const char *domain = at + 1;
    const char *dot = strrchr(domain, '.');
    if (!dot || dot == domain || dot[1] == '\0' || domain[0] == '.' || strstr(domain, ".."))
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == ';' ||
            *p == '(' || *p == ')' || *p == '[' || *p == ']' || *p == '\\')
            return false;
    return true;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool validate_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= days[m - 1] + (m == 2 && leap(y));
}

/* The field as text: strings as they are, JSON numbers and booleans in their
 * usual spelling, so a JSON client may send 3 or "3". Arrays are refused. */
static const char *as_text(json_t *v, char *scratch, size_t n)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(scratch, n, "%lld", (long long)json_integer_value(v));
        return scratch;
    }
    if (json_is_true(v))
        return "true";
    if (json_is_false(v))
        return "false";
    return NULL;
}

/* Leading and trailing white space removed, into a new string. */
static char *trimmed(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return strndup(s, n);
}

static json_t *check_one(struct req *r, const struct field_rule *f, json_t *raw)
{
    char scratch[32];
    if (f->type == V_BOOL && (!raw || json_is_null(raw)))
        return json_false();
    const char *text = raw ? as_text(raw, scratch, sizeof scratch) : NULL;
    if (raw && !json_is_null(raw) && !text) {
        req_field_error(r, f->name, "field_bad_value");
        return NULL;
    }
    char *t = text ? (f->type == V_PASSWORD ? strdup(text) : trimmed(text)) : NULL;
    if (!t || !*t) {
        free(t);
        if (f->required)
            req_field_error(r, f->name, "field_required");
        return json_null();
    }
    json_t *out = NULL;
    const char *why = NULL;
    switch (f->type) {
    case V_TEXT: {
        size_t chars = text_chars(t, strlen(t));
        if (!text_valid(t, strlen(t)))
            why = "field_bad_text";
        else if (f->min && chars < (size_t)f->min)
            why = "field_too_short";
        else if (f->max && chars > (size_t)f->max)
            why = "field_too_long";
        else
            out = json_string(t);
        break;
    }
    case V_EMAIL:
        for (char *p = t; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (validate_email(t))
            out = json_string(t);
        else
            why = "field_bad_email";
        break;
    case V_ENUM:
        for (const char *const *c = f->choices; c && *c; c++)
            if (strcmp(*c, t) == 0)
                out = json_string(t);
        if (!out)
            why = "field_bad_choice";
        break;
    case V_INT: {
        char *end;
        errno = 0;
        long long v = strtoll(t, &end, 10);
        if (errno || *end || end == t || v < f->min || v > f->max)
            why = "field_bad_number";
        else
            out = json_integer(v);
        break;
    }
    case V_BOOL:
        if (!strcmp(t, "1") || !strcmp(t, "true") || !strcmp(t, "on") || !strcmp(t, "yes"))
            out = json_true();
        else if (!strcmp(t, "0") || !strcmp(t, "false") || !strcmp(t, "off") || !strcmp(t, "no"))
            out = json_false();
        else
            why = "field_bad_value";
        break;
    case V_PASSWORD:
        if (secret_password_ok(t, &why) == 0)
            out = json_string(t);
        break;
    case V_DATE:
        if (validate_date(t))
            out = json_string(t);
        else
            why = "field_bad_date";
        break;
    }
    free(t);
    if (why)
        req_field_error(r, f->name, why);
    return out;
}

int validate_fields(struct req *r, const struct field_rule *rules, size_t n, json_t **out)
{
    *out = NULL;
    json_t *clean = json_object();
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        json_t *v = check_one(r, &rules[i], json_object_get(r->fields, rules[i].name));
        if (!v) {
            ok = false;
            continue;
        }
        json_object_set_new(clean, rules[i].name, v);
    }
    if (!ok || r->err == ERR_INVALID) {
        json_decref(clean);
        r->err = ERR_INVALID;
        return -1;
    }
    *out = clean;
    return 0;
}
