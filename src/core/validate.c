#include "core/validate.h"

#include "core/buf.h"
#include "core/secret.h"
#include "core/text.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *trimmed(const char *s);

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

/* ISO 639-1, the two-letter language codes. */
static const char ISO639_1[] =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz "
    "ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik "
    "io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml "
    "mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd "
    "se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi "
    "vo wa wo xh yi yo za zh zu";

bool validate_lang(const char *code)
{
    if (strlen(code) != 2 || code[0] < 'a' || code[0] > 'z' || code[1] < 'a' || code[1] > 'z')
        return false;
    /* codes sit at every third byte; the last one has no space after it */
    for (size_t i = 0; i + 2 <= sizeof ISO639_1 - 1; i += 3)
        if (ISO639_1[i] == code[0] && ISO639_1[i + 1] == code[1])
            return true;
    return false;
}

char *validate_join(const json_t *list)
{
    struct buf b = { 0 };
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        if (i)
            buf_puts(&b, ",");
        buf_puts(&b, json_string_value(v));
    }
    return buf_steal(&b);
}

json_t *validate_split(const char *stored)
{
    json_t *arr = json_array();
    const char *p = stored ? stored : "";
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n)
            json_array_append_new(arr, json_stringn(p, n));
        p += n + (comma ? 1 : 0);
    }
    return arr;
}

static bool valid_phone(const char *s)
{
    size_t n = strlen(s), digits = 0;
    if (n < 5 || n > 30)
        return false;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (!strchr(" +()/-.", *p))
            return false;
    }
    return digits >= 5 && (s[0] == '+' || s[0] == '(' || isdigit((unsigned char)s[0]));
}

/* Accepts what people paste: with or without scheme; stores https:// when
 * none was given. Only http and https. */
static char *normal_url(const char *s)
{
    const char *host = s;
    bool scheme = false;
    if (!strncasecmp(s, "https://", 8)) {
        host = s + 8;
        scheme = true;
    } else if (!strncasecmp(s, "http://", 7)) {
        host = s + 7;
        scheme = true;
    } else if (strstr(s, "://")) {
        return NULL;
    }
    size_t n = strlen(s);
    if (n > 300 || !strchr(host, '.') || host[0] == '.' || host[0] == '/')
        return NULL;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\' || (unsigned char)*p >= 0x7f)
            return NULL;
    if (scheme)
        return strdup(s);
    char *out = malloc(n + 9);
    if (out)
        snprintf(out, n + 9, "https://%s", s);
    return out;
}

/* Collects a list field from a JSON array, repeated form fields (already an
 * array) or one string separated by commas, semicolons or spaces. Each item
 * is trimmed; empty items are dropped, duplicates kept once. Language
 * codes may also be separated by spaces. */
static json_t *collect_list(json_t *raw, const char *seps, size_t cap, bool *bad)
{
    json_t *out = json_array();
    json_t *parts = json_is_array(raw) ? json_incref(raw) : json_pack("[O]", raw);
    size_t i;
    json_t *v;
    /* more items than the field takes is refused before any work on them,
     * so the duplicate check below never sees more than cap items */
    if (json_array_size(parts) > cap) {
        *bad = true;
        json_decref(parts);
        return out;
    }
    json_array_foreach(parts, i, v) {
        if (json_array_size(out) > cap) {
            *bad = true;
            break;
        }
        if (!json_is_string(v)) {
            *bad = true;
            break;
        }
        const char *p = json_string_value(v);
        while (*p && !*bad) {
            if (json_array_size(out) > cap) {
                *bad = true; /* "a, b, c, ..." with more than the field takes */
                break;
            }
            size_t n = strcspn(p, json_is_array(raw) && json_array_size(raw) > 1 ? "" : seps);
            char *item = strndup(p, n);
            char *t = item ? trimmed(item) : NULL;
            if (t && *t) {
                bool dup = false;
                size_t k;
                json_t *have;
                json_array_foreach(out, k, have) dup |= !strcmp(json_string_value(have), t);
                if (!dup)
                    json_array_append_new(out, json_string(t));
            }
            free(t);
            free(item);
            p += n;
            if (*p)
                p++;
        }
    }
    json_decref(parts);
    return out;
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

bool choices_has(const struct choices *c, const char *value) { return choices_index(c, value) >= 0; }

int choices_index(const struct choices *c, const char *value)
{
    if (!c || !value)
        return -1;
    for (int i = 0; c->values[i]; i++)
        if (!strcmp(c->values[i], value))
            return i;
    return -1;
}

json_t *validate_value(struct req *r, const struct field_rule *f, json_t *raw)
{
    char scratch[32];
    if (f->type == V_BOOL && (!raw || json_is_null(raw)))
        return json_false();
    if (f->type == V_LANGS || f->type == V_TAGS) {
        if (!raw || json_is_null(raw)) {
            if (f->required)
                req_field_error(r, f->name, "field_required");
            return json_array();
        }
        bool bad = false;
        size_t cap = f->max ? (size_t)f->max : 20;
        json_t *list = collect_list(raw, f->type == V_LANGS ? ",; \t" : ",;", cap, &bad);
        size_t i;
        json_t *v;
        json_array_foreach(list, i, v) {
            const char *item = json_string_value(v);
            if (f->type == V_LANGS) {
                char code[3] = { 0 };
                if (strlen(item) == 2) {
                    code[0] = (char)tolower((unsigned char)item[0]);
                    code[1] = (char)tolower((unsigned char)item[1]);
                }
                if (!validate_lang(code))
                    bad = true;
                else
                    json_array_set_new(list, i, json_string(code));
            } else if (!text_valid(item, strlen(item)) || text_chars(item, strlen(item)) > 40 || strchr(item, ',')) {
                bad = true;
            } else if (f->choices && !choices_has(f->choices, item)) {
                json_decref(list);
                req_field_error(r, f->name, "field_bad_choice");
                return NULL;
            }
        }
        if (json_array_size(list) > (f->max ? (size_t)f->max : 20))
            bad = true;
        if (bad || (f->required && json_array_size(list) == 0)) {
            json_decref(list);
            req_field_error(r, f->name, bad ? (f->type == V_LANGS ? "field_bad_langs" : "field_bad_tags") : "field_required");
            return NULL;
        }
        return list;
    }
    const char *text = raw ? as_text(raw, scratch, sizeof scratch) : NULL;
    if (raw && !json_is_null(raw) && !text) {
        req_field_error(r, f->name, "field_bad_value");
        return NULL;
    }
    char *t = text ? (f->type == V_PASSWORD || f->type == V_SECRET ? strdup(text) : trimmed(text)) : NULL;
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
        if (choices_has(f->choices, t))
            out = json_string(t);
        else
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
    case V_SECRET:
        if (f->max && strlen(t) > (size_t)f->max)
            why = "field_too_long";
        else
            out = json_string(t);
        break;
    case V_DATE:
        if (validate_date(t))
            out = json_string(t);
        else
            why = "field_bad_date";
        break;
    case V_PHONE:
        if (valid_phone(t))
            out = json_string(t);
        else
            why = "field_bad_phone";
        break;
    case V_URL: {
        char *u = normal_url(t);
        if (u)
            out = json_string(u);
        else
            why = "field_bad_url";
        free(u);
        break;
    }
    case V_ID: {
        char *end;
        errno = 0;
        long long v = strtoll(t, &end, 10);
        if (errno || *end || end == t || v <= 0)
            why = "field_bad_value";
        else
            out = json_integer(v);
        break;
    }
    case V_LANGS:
    case V_TAGS:
        break;
    }
    if (out && f->check && json_is_string(out) && (why = f->check(json_string_value(out)))) {
        json_decref(out);
        out = NULL;
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
        if (rules[i].flags & (F_READONLY | F_DERIVED))
            continue;
        json_t *v = validate_value(r, &rules[i], json_object_get(r->fields, rules[i].name));
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

json_t *validate_form_values(json_t *src, const struct field_rule *rules, size_t n)
{
    json_t *form = json_object();
    for (size_t i = 0; i < n; i++) {
        const char *name = rules[i].name;
        json_t *v = json_object_get(src, name);
        char num[32];
        const char *text = "";
        char *joined = NULL;
        if (json_is_string(v)) {
            text = json_string_value(v);
        } else if (json_is_integer(v)) {
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
            text = num;
        } else if (json_is_array(v)) {
            struct buf b = { 0 };
            size_t k;
            json_t *item;
            json_array_foreach(v, k, item) if (json_is_string(item))
                buf_printf(&b, "%s%s", b.len ? ", " : "", json_string_value(item));
            text = joined = buf_steal(&b);
        }
        json_object_set_new(form, name, json_string(text));
        if (rules[i].type == V_ENUM && *text && strlen(text) < 64) {
            char key[128];
            snprintf(key, sizeof key, "%s_%s", name, text);
            /* only values the rule knows, so no client text becomes a name */
            if (choices_has(rules[i].choices, text))
                json_object_set_new(form, key, json_true());
        }
        free(joined);
    }
    return form;
}
