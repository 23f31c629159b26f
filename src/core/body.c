#include "core/body.h"

#include "core/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { BODY_NONE, BODY_FORM, BODY_JSON, BODY_UNSUPPORTED };

#define MAX_FIELDS 512
#define MAX_KEY 64
/* A key given more often than this is refused (400 naming it): no form of
 * ours repeats a field more than a list field's few dozen items, and the
 * work per request stays bounded. */
#define MAX_REPEATS 100

static size_t field_limit = 64 * 1024;

void body_configure(size_t limit) { field_limit = limit; }

/* Form decoding keeps the value being assembled here between chunks. */
struct form_state {
    char key[MAX_KEY + 1];
    struct buf value;
    bool open;
};

static void set_bad(struct req *r, enum err e, const char *field)
{
    if (r->err != ERR_NONE)
        return;
    r->err = e;
    snprintf(r->bad_field, sizeof r->bad_field, "%.63s", field ? field : "");
}

/* Adds one decoded value, turning a repeated key into an array. */
static void add_field(struct req *r, const char *key, json_t *value)
{
    json_t *have = json_object_get(r->fields, key);
    if (!have) {
        if (json_object_size(r->fields) >= MAX_FIELDS) {
            json_decref(value);
            set_bad(r, ERR_BAD_REQUEST, key);
            return;
        }
        json_object_set_new(r->fields, key, value);
    } else if (json_is_array(have)) {
        if (json_array_size(have) >= MAX_REPEATS) {
            json_decref(value);
            set_bad(r, ERR_INVALID, key);
            return;
        }
        json_array_append_new(have, value);
    } else {
        json_t *arr = json_array();
        json_array_append(arr, have);
        json_array_append_new(arr, value);
        json_object_set_new(r->fields, key, arr);
    }
}

static void flush_form_value(struct req *r, struct form_state *st)
{
    if (!st->open)
        return;
    st->open = false;
    const char *v = st->value.data ? st->value.data : "";
    size_t n = st->value.len;
    if (!text_valid(v, n)) {
        set_bad(r, ERR_BAD_REQUEST, st->key);
    } else {
        json_t *s = json_stringn(v, n);
        if (!s)
            set_bad(r, ERR_BAD_REQUEST, st->key);
        else
            add_field(r, st->key, s);
    }
    buf_free(&st->value);
}

static enum MHD_Result on_form_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                     const char *content_type, const char *transfer_encoding, const char *data,
                                     uint64_t off, size_t size)
{
    (void)kind;
    (void)filename;
    (void)content_type;
    (void)transfer_encoding;
    struct req *r = cls;
    struct form_state *st = (struct form_state *)r->body.data;
    if (r->err != ERR_NONE)
        return MHD_NO;
    size_t klen = key ? strlen(key) : 0;
    if (klen == 0 || klen > MAX_KEY || !text_valid(key, klen)) {
        set_bad(r, ERR_BAD_REQUEST, "");
        return MHD_NO;
    }
    if (off == 0 || !st->open || strcmp(st->key, key) != 0) {
        flush_form_value(r, st);
        if (r->err != ERR_NONE)
            return MHD_NO;
        memcpy(st->key, key, klen + 1);
        st->open = true;
    }
    if (st->value.len + size > field_limit) {
        set_bad(r, ERR_INVALID, key);
        return MHD_NO;
    }
    if (size && buf_append(&st->value, data, size) != 0) {
        set_bad(r, ERR_INTERNAL, key);
        return MHD_NO;
    }
    return MHD_YES;
}

static bool type_is(const char *ct, const char *want)
{
    size_t n = strlen(want);
    return strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

void body_begin(struct req *r)
{
    r->fields = json_object();
    const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!ct) {
        r->body_kind = BODY_UNSUPPORTED;
    } else if (type_is(ct, "application/json")) {
        r->body_kind = BODY_JSON;
    } else if (type_is(ct, "application/x-www-form-urlencoded") || type_is(ct, "multipart/form-data")) {
        r->body_kind = BODY_FORM;
        /* the form state lives in the body buffer: one allocation, freed with it */
        struct form_state fresh = { 0 };
        if (buf_append(&r->body, &fresh, sizeof fresh) != 0) {
            set_bad(r, ERR_INTERNAL, NULL);
            return;
        }
        r->pp = MHD_create_post_processor(r->conn, 16 * 1024, on_form_field, r);
        if (!r->pp)
            set_bad(r, ERR_BAD_REQUEST, NULL); /* e.g. multipart without boundary */
    } else {
        r->body_kind = BODY_UNSUPPORTED;
    }
}

void body_feed(struct req *r, const char *data, size_t n)
{
    if (r->received + n > r->body_limit || r->received + n < r->received) {
        r->body_too_large = true;
        /* keep counting (saturating), so the server knows how much it read */
        r->received = r->received + n < r->received ? SIZE_MAX : r->received + n;
        return;
    }
    r->received += n;
    if (r->err != ERR_NONE)
        return;
    switch (r->body_kind) {
    case BODY_UNSUPPORTED:
        if (n)
            set_bad(r, ERR_UNSUPPORTED_MEDIA, NULL);
        break;
    case BODY_FORM:
        if (MHD_post_process(r->pp, data, n) != MHD_YES)
            set_bad(r, ERR_BAD_REQUEST, NULL);
        break;
    case BODY_JSON:
        if (buf_append(&r->body, data, n) != 0)
            set_bad(r, ERR_INTERNAL, NULL);
        break;
    default:
        break;
    }
}

/* Checks every string in a JSON body, at any depth, by the same rules as a
 * form field. */
static bool json_text_ok(json_t *v)
{
    size_t i;
    const char *k;
    json_t *item;
    switch (json_typeof(v)) {
    case JSON_STRING:
        return json_string_length(v) <= field_limit && text_valid(json_string_value(v), json_string_length(v));
    case JSON_ARRAY:
        json_array_foreach(v, i, item) if (!json_text_ok(item)) return false;
        return true;
    case JSON_OBJECT:
        json_object_foreach(v, k, item) if (strlen(k) > MAX_KEY || !text_valid(k, strlen(k)) || !json_text_ok(item))
            return false;
        return true;
    default:
        return true;
    }
}

void body_end(struct req *r)
{
    if (r->body_too_large) {
        r->err = ERR_TOO_LARGE;
        return;
    }
    if (r->err != ERR_NONE)
        return;
    if (r->body_kind == BODY_FORM) {
        struct form_state *st = (struct form_state *)r->body.data;
        if (MHD_destroy_post_processor(r->pp) != MHD_YES)
            set_bad(r, ERR_BAD_REQUEST, NULL);
        r->pp = NULL;
        flush_form_value(r, st);
    } else if (r->body_kind == BODY_JSON && r->received > 0) {
        char detail[256] = "";
        json_t *doc = NULL;
        enum err e = body_json_decode(r->body.data, r->body.len, &doc, r->bad_field, sizeof r->bad_field, detail,
                                      sizeof detail);
        if (e != ERR_NONE) {
            r->err = e;
            if (detail[0]) {
                free(r->err_detail);
                r->err_detail = strdup(detail);
            }
            return;
        }
        json_decref(r->fields);
        r->fields = doc;
    }
}

enum err body_json_decode(const char *data, size_t len, json_t **out, char *bad_field, size_t bad_size,
                          char *detail, size_t detail_size)
{
    *out = NULL;
    bad_field[0] = '\0';
    detail[0] = '\0';
    json_error_t je;
    json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!json_is_object(doc)) {
        if (doc)
            snprintf(detail, detail_size, "JSON body must be an object");
        else
            snprintf(detail, detail_size, "JSON body: %s (line %d, column %d)", je.text, je.line, je.column);
        json_decref(doc);
        return ERR_BAD_REQUEST;
    }
    if (json_object_size(doc) > MAX_FIELDS) {
        json_decref(doc);
        return ERR_BAD_REQUEST;
    }
    const char *k;
    json_t *v;
    json_object_foreach(doc, k, v) {
        if (!json_text_ok(v) || strlen(k) > MAX_KEY || !text_valid(k, strlen(k))) {
            snprintf(bad_field, bad_size, "%.63s", k);
            enum err e = json_is_string(v) && json_string_length(v) > field_limit ? ERR_INVALID : ERR_BAD_REQUEST;
            json_decref(doc);
            return e;
        }
    }
    *out = doc;
    return ERR_NONE;
}

bool body_is_form(const struct req *r) { return r->body_kind == BODY_FORM; }

void body_free(struct req *r)
{
    if (r->pp) {
        MHD_destroy_post_processor(r->pp);
        r->pp = NULL;
    }
    if (r->body_kind == BODY_FORM && r->body.data) {
        struct form_state *st = (struct form_state *)r->body.data;
        buf_free(&st->value);
    }
    buf_free(&r->body);
}
