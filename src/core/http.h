/* http: what a handler sees of a request and how it answers.
 *
 * Life of a request: server.c allocates a struct req on MHD's first callback,
 * router.c finds its route, body.c decodes the body into `fields`, the
 * session gate (auth.c) runs, the handler fills in a view model or an error,
 * respond.c turns that into HTML (ctemplate) or JSON, and the completion
 * callback logs the request and frees the struct req with everything it owns.
 *
 * Handlers return 0 when they set a result, or -1 after req_fail() (a -1
 * without an error set answers 500). */
#ifndef CORE_HTTP_H
#define CORE_HTTP_H

#include "core/buf.h"
#include "core/err.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Route flags */
#define ROUTE_NO_CSRF 1u     /* state change without the session token (log-in form, public forms with their own) */
#define ROUTE_NO_SESSION 2u  /* public files: the session is not even looked up */

struct req;
typedef int (*handler_fn)(struct req *r);

/* Where one row of a list goes: the JSON writer, a template dictionary or
 * a CSV line implement these; the row's source calls one per column. */
struct row_sink {
    void *cls;
    void (*text)(void *cls, const char *key, const char *s, size_t n);
    void (*integer)(void *cls, const char *key, long long v);
    void (*null)(void *cls, const char *key);
    void (*boolean)(void *cls, const char *key, bool v);
    /* a list stored joined by commas: "de,tr" */
    void (*list)(void *cls, const char *key, const char *joined, size_t n);
    /* one more item of the list key (pages: a list's items in words); may
     * be NULL where nothing is shown to people (JSON, CSV) */
    void (*item)(void *cls, const char *key, const char *s, size_t n);
};

/* A list the view reads row by row, straight from its source (entity.c
 * sets one up over a database statement): the rows are not copied into
 * the JSON model first. In the model they appear under `name`. */
struct req_rows {
    const char *name;                                   /* "items" */
    int (*step)(struct req_rows *rows);                 /* 1 a row, 0 the end, -1 an error */
    void (*emit)(struct req_rows *rows, const struct row_sink *sink, bool html);  /* the current row */
    void (*release)(struct req_rows *rows);             /* ends the read and frees rows */
};

/* One row of the route table (app/routes.c). Patterns are absolute paths
 * whose segments are literal, {id} (a positive integer), {token} (letters,
 * digits, '-' and '_') or, last, * (the rest of the path). */
struct route {
    const char *method;
    const char *pattern;
    handler_fn handler;
    int role;                /* the least role the application's gate asks for; 0: anyone */
    size_t body_limit;       /* bytes; 0 = the configured default */
    unsigned flags;
};

#define REQ_MAX_PARAMS 4
#define REQ_PARAM_MAX 256

/* The application's record of who is logged in (app/auth.h); the core
 * never looks inside. */
struct user;

struct req {
    /* --- set by the server, read by handlers --- */
    struct MHD_Connection *conn;   /* borrowed */
    const char *method;            /* borrowed from MHD; "GET" for HEAD */
    const char *path;              /* borrowed from MHD, percent-decoded, without query */
    const struct route *route;     /* borrowed from the route table */
    char params[REQ_MAX_PARAMS][REQ_PARAM_MAX];  /* values of {id}, {token} and the trailing star, in order */
    int nparams;
    int64_t id;                    /* the first {id}, or 0 */
    json_t *fields;                /* owned: body fields, always an object */
    bool want_json;                /* Accept asks for application/json */
    bool is_head;
    const char *lang;              /* static: negotiated catalog code */
    struct user *user;             /* owned by the application's gate (freed by server_opts.forget); NULL: nobody logged in */
    int64_t actor_id;              /* who acts, for the audit log: the user's id, or 0 */
    const char *actor;             /* borrowed: the user's e-mail for the audit log, or NULL */
    char csrf_token[65];           /* the session's token, "" when none */
    int64_t session_id;
    bool early_gate_done;          /* the server ran server_opts.gate_early on this request */

    /* --- the answer, set by handlers through the helpers below --- */
    int status;                    /* 0 = 200 */
    const char *view;              /* template path; static string */
    json_t *model;                 /* owned */
    char *location;                /* owned: Location for 201/303 */
    enum err err;
    json_t *err_fields;            /* owned: {"field": "message"} */
    char *err_detail;              /* owned: replaces the standard message */
    json_t *err_extra;             /* owned: more members for the error object */
    struct MHD_Response *raw;      /* owned until queued: a ready response (files) */
    char *set_cookie[4];           /* owned Set-Cookie values */
    int ncookies;
    const char *cache_control;     /* static; default depends on the route */
    char *title;                   /* owned: the page title, HTML face only */
    struct req_rows *rows;         /* owned (release): the list's rows, read while rendering */

    int retry_after;               /* seconds, for 429 */
    bool close_after;              /* end the connection after the answer (a request we cannot trust the framing of) */

    /* --- server internals --- */
    char *raw_uri;                 /* owned: the request target as sent, with query */
    bool started;
    struct buf body;               /* JSON body bytes */
    struct MHD_PostProcessor *pp;
    int body_kind;
    size_t body_limit;
    size_t received;
    bool body_too_large;
    char bad_field[64];
    char allow[128];               /* for 405 */
    uint64_t start_us;
    size_t sent_bytes;
    int sent_status;
};

/* --- reading the request (all borrowed, valid for the request) --- */
const char *req_query(struct req *r, const char *key);
const char *req_header(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);
/* A body field as a string, or NULL when absent or not a string. */
const char *req_field(struct req *r, const char *name);
/* A place to send the client back to, as given (next=...), if it is a path
 * on this site: "/x", never "//host", "/\\host", a scheme, or anything
 * with a control character or a backslash (browsers drop or turn those
 * into slashes, which makes "/\t/evil.example" another host). Otherwise
 * "/". Borrowed from next or static. */
const char *req_local_path(const char *next);
/* The client's address as text ("127.0.0.1"); into buf of size n. When the
 * connection comes from the trusted proxy (req_trust_proxy), the last
 * address that proxy appended to X-Forwarded-For, if it is one. */
const char *req_client_ip(struct req *r, char *buf, size_t n);
/* The address of a reverse proxy whose X-Forwarded-For is believed; "" or
 * NULL for none. Kept in canonical form, so "::0:1" matches "::1". Set once
 * at start-up, before requests are served. 0, or -1 when addr is not an
 * IPv4 or IPv6 address (nothing trusted then). */
int req_trust_proxy(const char *addr);

/* --- answering --- */
/* Renders view with model (stolen) — the JSON face is the model itself. */
int req_page(struct req *r, const char *view, json_t *model);
/* A new object at location: JSON 201 + Location + model, HTML 303 there. */
int req_created(struct req *r, const char *location, json_t *model);
/* Done, go on to location: HTML 303, JSON 200 with model (or {}). */
int req_redirect(struct req *r, const char *location, json_t *model);
/* Answers 200 with len bytes of data (owned from now on, freed with free)
 * of the given Content-Type (a static string): images and files a handler
 * made. 0, or -1 with ERR_INTERNAL. */
int req_bytes(struct req *r, const char *content_type, char *data, size_t len);
/* Fails with e; returns -1 so a handler can `return req_fail(r, ERR_X);`. */
int req_fail(struct req *r, enum err e);
/* Names a field's problem (message key from the catalog, translated here)
 * and marks the request ERR_INVALID. Call as often as needed, then return -1. */
void req_field_error(struct req *r, const char *field, const char *msg_key);
/* Gives the request a list to read while rendering (owned from now on). */
void req_rows(struct req *r, struct req_rows *rows);
/* Sets the page's title (copied); pages only, never part of the JSON. */
void req_title(struct req *r, const char *title);
/* Adds a Set-Cookie header value (copied). */
void req_set_cookie(struct req *r, const char *value);
/* A date "2026-11-25" or a UTC timestamp "2026-11-25T08:00:00Z" for
 * people, in the request's language: the catalog's format_date or
 * format_time (strftime; times in the configured time zone). Into out;
 * anything unparsable is copied as it is. */
void req_date(struct req *r, const char *iso, char *out, size_t n);

/* A day "2026-12-01" written out for people, as the catalog's
 * format_day_long puts it ("Dienstag, 1. Dezember 2026"); into out.
 * Anything unparsable is copied as it is. */
void req_day_long(struct req *r, const char *iso, char *out, size_t n);

/* A translated message in the request's language (borrowed). */
const char *req_t(struct req *r, const char *key);

/* A monotonic clock in microseconds, for the access log and benchmarks. */
uint64_t http_now_us(void);

#endif
