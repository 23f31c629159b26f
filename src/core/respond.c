#include "core/respond.h"

#include "core/buf.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool tls_on;
static void (*app_layout)(struct req *r, json_t *model);

void respond_configure(bool tls, void (*layout)(struct req *r, json_t *model))
{
    tls_on = tls;
    app_layout = layout;
}
bool respond_tls(void) { return tls_on; }

static const char CSP[] = "default-src 'self'; object-src 'none'; base-uri 'none'; "
                          "frame-ancestors 'none'; form-action 'self'";

/* Headers on every response, whatever produced it. */
static void add_common_headers(struct req *r, struct MHD_Response *resp, bool negotiated)
{
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    if (tls_on)
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    const char *cc = r->cache_control;
    if (!cc)
        cc = (r->route && r->route->role != 0) || r->user ? "no-store" : "no-cache";
    MHD_add_response_header(resp, "Cache-Control", cc);
    if (negotiated)
        MHD_add_response_header(resp, "Vary", "Accept, Accept-Language, Cookie");
    for (int i = 0; i < r->ncookies; i++)
        MHD_add_response_header(resp, "Set-Cookie", r->set_cookie[i]);
    if (r->location)
        MHD_add_response_header(resp, "Location", r->location);
    if (r->retry_after > 0) {
        char secs[16];
        snprintf(secs, sizeof secs, "%d", r->retry_after);
        MHD_add_response_header(resp, "Retry-After", secs);
    }
    if (r->allow[0])
        MHD_add_response_header(resp, "Allow", r->allow);
    if (r->close_after)
        MHD_add_response_header(resp, "Connection", "close");
    if (r->lang)
        MHD_add_response_header(resp, "Content-Language", r->lang);
}

static struct MHD_Response *from_text(struct req *r, char *text, size_t len, const char *type)
{
    r->sent_bytes = len;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(text);
        return NULL;
    }
    MHD_add_response_header(resp, "Content-Type", type);
    return resp;
}

/* After an action the page says what happened: a redirect to
 * ...?done=<word> shows the catalog's "done_<word>" at the top of the
 * page, in an element with role="status" (the layout's "notice"), unless
 * the page set a notice of its own (one with an undo button). Words the
 * catalog does not know show nothing. */
static void add_notice(struct req *r, json_t *model)
{
    const char *done = req_query(r, "done");
    if (!done || json_object_get(model, "notice") || strlen(done) > 40 ||
        strspn(done, "abcdefghijklmnopqrstuvwxyz_") != strlen(done))
        return;
    char key[64];
    snprintf(key, sizeof key, "done_%s", done);
    const char *text = req_t(r, key);
    if (strcmp(text, key) != 0)
        json_object_set_new(model, "notice", json_pack("{s:s}", "text", text));
}

/* Where in the site the page is, for the navigation's aria-current: for
 * "/admin/users/7" the sections "at_admin" and "at_admin_users" as
 * {"aria": "true"} ("page" where the path is the section's own, as
 * "/admin/users"); "/" is "at_home". Only plain lowercase segments. */
static void add_location(json_t *app, const char *path)
{
    if (!path || !strcmp(path, "/") || !*path) {
        json_object_set_new(app, "at_home", json_pack("{s:s}", "aria", "page"));
        return;
    }
    char key[64] = "at";
    size_t len = 2;
    const char *p = path;
    for (int depth = 0; depth < 2 && *p == '/'; depth++) {
        const char *seg = ++p;
        while (*p >= 'a' && *p <= 'z')
            p++;
        size_t n = (size_t)(p - seg);
        if (n == 0 || (*p && *p != '/') || len + 1 + n >= sizeof key)
            return;
        key[len++] = '_';
        memcpy(key + len, seg, n);
        len += n;
        key[len] = '\0';
        bool whole = !*p || (p[0] == '/' && !p[1]);
        json_object_set_new(app, key, json_pack("{s:s}", "aria", whole ? "page" : "true"));
    }
}

/* What the layout needs beyond the page's own model: the title, language
 * ("app"), and at the top, where templates find it from inside any loop,
 * the CSRF token for forms; then the application's part (who is logged in,
 * what they may do). Only in the HTML face. */
static void add_app_info(struct req *r, json_t *model)
{
    if (r->title)
        json_object_set_new(model, "title", json_string(r->title));
    json_t *app = json_pack("{s:s, s:b}", "lang", r->lang ? r->lang : "de", "logged_in", r->user != NULL);
    add_location(app, r->path);
    json_object_set_new(model, "app", app);
    /* for links back to this page (language switch); the template escapes it */
    json_object_set_new(model, "request_path", json_string(r->path ? r->path : "/"));
    json_object_set_new(model, "csrf_token", json_string(r->csrf_token));
    add_notice(r, model);
    if (app_layout)
        app_layout(r, model);
}

/* ---- a list's rows into a page: a sink writing template dictionaries ---- */

static void dict_text(void *cls, const char *key, const char *s, size_t n) { tmpl_dict_text(cls, key, s, n); }
static void dict_int(void *cls, const char *key, long long v) { tmpl_dict_int(cls, key, v); }
static void dict_null(void *cls, const char *key) { tmpl_dict_show(cls, "no_", key); }
static void dict_bool(void *cls, const char *key, bool v) { tmpl_dict_show(cls, v ? "" : "no_", key); }
static void dict_list(void *cls, const char *key, const char *s, size_t n)
{
    size_t items = 0;
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && s[k] != ',')
            k++;
        if (k > i) {
            tmpl_dict_item(cls, key, s + i, k - i);
            items++;
        }
        i = k + 1;
    }
    tmpl_dict_show(cls, items ? "has_" : "no_", key);
}

static void dict_item(void *cls, const char *key, const char *s, size_t n) { tmpl_dict_item(cls, key, s, n); }

static int rows_step(void *cls)
{
    struct req_rows *rows = cls;
    return rows->step(rows);
}

static void rows_fill(void *cls, struct tmpl_dict *d)
{
    struct req_rows *rows = cls;
    const struct row_sink sink = { d, dict_text, dict_int, dict_null, dict_bool, dict_list, dict_item };
    rows->emit(rows, &sink, true);
}

static struct MHD_Response *render_html(struct req *r, const char *view, json_t *model)
{
    add_app_info(r, model);
    char *html;
    size_t len;
    struct tmpl_rows rows = { r->rows ? r->rows->name : NULL, rows_step, rows_fill, r->rows };
    int rc = tmpl_render_rows(view, model, i18n_catalog(r->lang), r->rows ? &rows : NULL, &html, &len);
    if (r->rows) {
        r->rows->release(r->rows); /* the read ends with the render */
        r->rows = NULL;
    }
    if (rc != 0) {
        log_error("render: template %s failed", view);
        return NULL;
    }
    return from_text(r, html, len, "text/html; charset=utf-8");
}

/* ---- a list's rows as JSON text: a sink writing members ---- */

struct json_row {
    struct buf *b;
    bool first;
};

/* Appends n bytes the buffer has room for (json_reserve made it). */
static inline void put(struct buf *b, const char *s, size_t n)
{
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

/* Room for n more bytes and the NUL; false when memory runs out. */
static bool json_reserve(struct buf *b, size_t n)
{
    if (b->len + n + 1 <= b->cap)
        return true;
    size_t len = b->len;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < len + n + 1)
        cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown)
        return false;
    b->data = grown;
    b->cap = cap;
    return true;
}

/* A JSON string; the text is valid UTF-8 (checked when it was stored), so
 * only quotes, backslashes and control characters need escaping. */
static void json_str(struct buf *b, const char *s, size_t n)
{
    if (!json_reserve(b, n + 2))
        return;
    b->data[b->len++] = '"';
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        char esc[8];
        int k = c == '"' || c == '\\' ? snprintf(esc, sizeof esc, "\\%c", c)
                : c == '\n'           ? snprintf(esc, sizeof esc, "\\n")
                : c == '\r'           ? snprintf(esc, sizeof esc, "\\r")
                : c == '\t'           ? snprintf(esc, sizeof esc, "\\t")
                                      : snprintf(esc, sizeof esc, "\\u%04x", c);
        if (!json_reserve(b, (i - from) + (size_t)k + (n - i) + 2))
            return;
        put(b, s + from, i - from);
        put(b, esc, (size_t)k);
        from = i + 1;
    }
    put(b, s + from, n - from);
    b->data[b->len++] = '"';
    b->data[b->len] = '\0';
}

/* ,"key": (or without the comma for a row's first member) */
static void json_key(struct json_row *j, const char *key)
{
    size_t n = strlen(key);
    if (!json_reserve(j->b, n + 4))
        return;
    if (!j->first)
        j->b->data[j->b->len++] = ',';
    j->b->data[j->b->len++] = '"';
    put(j->b, key, n);
    put(j->b, "\":", 2);
    j->b->data[j->b->len] = '\0';
    j->first = false;
}

static void json_text(void *cls, const char *key, const char *s, size_t n)
{
    json_key(cls, key);
    json_str(((struct json_row *)cls)->b, s, n);
}

/* A number as JSON: digits written by hand, as every row has a few and
 * printf's machinery costs more than the rest of the cell. */
static void json_int(void *cls, const char *key, long long v)
{
    json_key(cls, key);
    char digits[24];
    size_t n = sizeof digits;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        digits[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        digits[--n] = '-';
    struct buf *b = ((struct json_row *)cls)->b;
    if (json_reserve(b, sizeof digits - n)) {
        put(b, digits + n, sizeof digits - n);
        b->data[b->len] = '\0';
    }
}

static void json_nul(void *cls, const char *key)
{
    json_key(cls, key);
    buf_puts(((struct json_row *)cls)->b, "null");
}

static void json_bool(void *cls, const char *key, bool v)
{
    json_key(cls, key);
    buf_puts(((struct json_row *)cls)->b, v ? "true" : "false");
}

static void json_list(void *cls, const char *key, const char *s, size_t n)
{
    struct json_row *j = cls;
    json_key(j, key);
    buf_puts(j->b, "[");
    bool first = true;
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && s[k] != ',')
            k++;
        if (k > i) {
            if (!first)
                buf_puts(j->b, ",");
            json_str(j->b, s + i, k - i);
            first = false;
        }
        i = k + 1;
    }
    buf_puts(j->b, "]");
}

/* The model as JSON; a list's rows go first, as "items", written straight
 * from the database. An error while reading them fails the whole answer. */
static struct MHD_Response *render_json(struct req *r, json_t *model)
{
    char *text = json_dumps(model, JSON_COMPACT);
    if (!text)
        return NULL;
    if (!r->rows)
        return from_text(r, text, strlen(text), "application/json; charset=utf-8");
    struct req_rows *rows = r->rows;
    r->rows = NULL;
    struct buf b = { 0 };
    buf_printf(&b, "{\"%s\":[", rows->name);
    struct json_row j = { &b, true };
    const struct row_sink sink = { &j, json_text, json_int, json_nul, json_bool, json_list, NULL };
    int rc;
    bool first = true;
    while ((rc = rows->step(rows)) == 1) {
        buf_puts(&b, first ? "{" : ",{");
        j.first = true;
        rows->emit(rows, &sink, false);
        buf_puts(&b, "}");
        first = false;
    }
    rows->release(rows);
    /* the rest of the model: its members after the rows */
    buf_puts(&b, "]");
    buf_puts(&b, strlen(text) > 2 ? "," : "");
    buf_puts(&b, text + 1);
    free(text);
    if (rc < 0) {
        buf_free(&b);
        return NULL;
    }
    size_t len = b.len;
    return from_text(r, buf_steal(&b), len, "application/json; charset=utf-8");
}

/* The error body: the same object for both faces; HTML adds a list of the
 * field problems for the page. */
static struct MHD_Response *build_error(struct req *r)
{
    const struct err_info *ei = err_info(r->err);
    r->sent_status = ei->status;
    if (r->rows) { /* an error answer shows no list */
        r->rows->release(r->rows);
        r->rows = NULL;
    }
    if (r->bad_field[0] && !r->err_fields) {
        r->err_fields = json_object();
        json_object_set_new(r->err_fields, r->bad_field,
                            json_string(req_t(r, r->err == ERR_INVALID ? "field_too_long" : "field_bad_text")));
    } else if (r->err == ERR_INVALID && !r->err_fields) {
        r->err_fields = json_object();
    }
    const char *message = r->err_detail ? r->err_detail : req_t(r, ei->msg_key);
    json_t *error = json_pack("{s:s, s:s}", "code", ei->code, "message", message);
    if (r->err_fields)
        json_object_set(error, "fields", r->err_fields);
    if (r->err_extra)
        json_object_update(error, r->err_extra);
    json_t *model = json_pack("{s:o}", "error", error);
    struct MHD_Response *resp;
    if (r->want_json) {
        resp = render_json(r, model);
    } else if (r->view && r->model) {
        /* the handler's own page (a form shown again with what was typed),
         * with the problems beside the fields */
        json_object_set(r->model, "error", error);
        json_t *errors = json_object();
        const char *field;
        json_t *msg;
        if (r->err_fields)
            json_object_foreach(r->err_fields, field, msg) json_object_set_new(errors, field,
                                                                                json_pack("{s:O}", "message", msg));
        json_object_set_new(r->model, "errors", errors);
        resp = render_html(r, r->view, r->model);
    } else {
        json_t *list = json_array();
        const char *k;
        json_t *v;
        if (r->err_fields)
            json_object_foreach(r->err_fields, k, v) json_array_append_new(
                list, json_pack("{s:s, s:O}", "field", k, "message", v));
        json_object_set_new(model, "problems", list);
        json_object_set_new(model, "status", json_integer(ei->status));
        if (!r->title)
            json_object_set_new(model, "title", json_string(req_t(r, ei->msg_key)));
        resp = render_html(r, "errors/error.tpl", model);
    }
    json_decref(model);
    return resp;
}

static struct MHD_Response *fallback_500(struct req *r)
{
    static const char text[] = "<!DOCTYPE html><title>500</title><p>Interner Fehler / Internal error</p>";
    r->sent_status = 500;
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(sizeof text - 1, (void *)text, MHD_RESPMEM_PERSISTENT);
    if (resp)
        MHD_add_response_header(resp, "Content-Type", "text/html; charset=utf-8");
    return resp;
}

struct MHD_Response *respond_build(struct req *r)
{
    struct MHD_Response *resp = NULL;
    bool negotiated = !(r->err == ERR_NONE && r->raw);
    if (!negotiated) {
        resp = r->raw;
        r->raw = NULL;
        r->sent_status = r->status ? r->status : 200;
    } else if (r->err == ERR_NONE) {
        int status = r->status ? r->status : 200;
        if (!r->model)
            r->model = json_object();
        if (r->want_json) {
            resp = render_json(r, r->model);
        } else if (r->location && (status == 201 || status == 303)) {
            status = 303;
            resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        } else if (r->view) {
            resp = render_html(r, r->view, r->model);
        } else {
            resp = render_json(r, r->model); /* a route without a page: JSON only */
        }
        r->sent_status = status;
        if (!resp)
            r->err = ERR_INTERNAL;
    }
    if (!resp && r->err != ERR_NONE) {
        if (r->err == ERR_INTERNAL)
            log_error("internal error on %s %s", r->method, r->path);
        free(r->location);
        r->location = NULL;
        resp = build_error(r);
    }
    if (!resp)
        resp = fallback_500(r);
    if (resp)
        add_common_headers(r, resp, negotiated);
    return resp;
}
