#include "core/server.h"

#include "core/audit.h"
#include "core/body.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/respond.h"
#include "core/router.h"
#include "core/text.h"

#include <arpa/inet.h>
#include <assert.h>
#include <pthread.h>
#include <sys/socket.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

static const struct server_opts *opts;
static atomic_int in_flight;

static void request_end(struct MHD_Connection *conn, struct req *r, const char *how);
static void headers_arrived(struct MHD_Connection *conn);

/* A body larger than this many times the route's limit is not read to the
 * end: the connection is answered and closed at once. */
#define DRAIN_FACTOR 4

/* The status on_uri gives a request whose target it refuses (too many
 * arguments, or too long, for the connection's memory: see target_fits):
 * 414, "URI Too Long" -- the target is more than the server is willing to
 * interpret, and it is what MHD itself answers when a request line does not
 * fit at all; nothing is wrong with the request's syntax (400), and query
 * arguments are no header fields (431, which MHD would have sent). */
#define TARGET_REFUSED MHD_HTTP_URI_TOO_LONG

static bool method_has_body(const char *m)
{
    return !strcmp(m, "POST") || !strcmp(m, "PUT") || !strcmp(m, "PATCH") || !strcmp(m, "DELETE");
}

/* Prefers JSON only when the client lists it before (or without) HTML, so
 * browsers sending broad Accept headers get pages. */
static bool wants_json(const char *accept)
{
    if (!accept)
        return false;
    const char *j = strcasestr(accept, "application/json");
    if (!j)
        return false;
    const char *h = strcasestr(accept, "text/html");
    return !h || j < h;
}

struct cl_scan {
    int count;
    const char *first;
    bool conflict;
    bool chunked;            /* a Transfer-Encoding header was sent too */
};

static enum MHD_Result on_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    struct cl_scan *s = cls;
    if (strcasecmp(key, "Content-Length") == 0) {
        if (s->count++ && (!s->first || !value || strcmp(s->first, value) != 0))
            s->conflict = true;
        s->first = value;
    }
    if (strcasecmp(key, "Transfer-Encoding") == 0)
        s->chunked = true;
    return MHD_YES;
}

static enum MHD_Result on_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    bool *ok = cls;
    if (!text_valid(key, strlen(key)) || (value && !text_valid(value, strlen(value)))) {
        *ok = false;
        return MHD_NO;
    }
    return MHD_YES;
}

/* The decoded path must be printable text (no control characters: they
 * would forge access-log lines), and the raw target must not hide a NUL,
 * which MHD's decoding turns into an early end of the string. */
static bool target_ok(const char *path, const char *raw)
{
    if (path[0] != '/' || !text_valid(path, strlen(path)))
        return false;
    for (const char *p = path; *p; p++)
        if ((unsigned char)*p < 0x20)
            return false;
    return !raw || !strcasestr(raw, "%00");
}

/* The value of the pattern's first {id} segment, or 0: parameters are
 * captured in order, so count the captures before it. */
static int64_t first_id(const char *pattern, const struct route_match *m)
{
    const char *id = strstr(pattern, "{id}");
    if (!id)
        return 0;
    int index = 0;
    for (const char *p = pattern; p < id; p++)
        if (*p == '{')
            index++;
    return index < m->nparams ? strtoll(m->params[index], NULL, 10) : 0;
}

/* The first callback: everything that can be decided from the request line
 * and headers, before any body byte is read. */
static void begin_request(struct req *r, const char *url, const char *method)
{
    r->is_head = strcmp(method, "HEAD") == 0;
    r->method = r->is_head ? "GET" : method;
    r->path = url;
    r->want_json = wants_json(req_header(r, "Accept"));
    /* the language switch's cookie wins over the browser's wish; negotiate
     * maps either to the catalog's own (static) code */
    const char *cookie = req_cookie(r, "lang");
    r->lang = i18n_negotiate(i18n_has(cookie) ? cookie : req_header(r, "Accept-Language"));
    r->body_limit = (size_t)opts->cfg->body_limit_kib * 1024;

    bool args_ok = true;
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, on_arg, &args_ok);
    if (!target_ok(url, r->raw_uri) || !args_ok) {
        r->err = ERR_BAD_REQUEST;
    } else {
        struct route_match m;
        switch (router_match(opts->routes, opts->nroutes, method, url, &m)) {
        case ROUTER_FOUND:
            r->route = m.route;
            memcpy(r->params, m.params, sizeof r->params);
            r->nparams = m.nparams;
            r->id = first_id(m.route->pattern, &m);
            if (m.route->body_limit)
                r->body_limit = m.route->body_limit;
            break;
        case ROUTER_METHOD:
            r->err = ERR_METHOD;
            snprintf(r->allow, sizeof r->allow, "%s", m.allow);
            break;
        case ROUTER_NOT_FOUND:
            r->err = ERR_NOT_FOUND;
            break;
        }
    }

    struct cl_scan cl = { 0, NULL, false, false };
    MHD_get_connection_values(r->conn, MHD_HEADER_KIND, on_header, &cl);
    /* two lengths, or a length beside Transfer-Encoding: a proxy in front
     * may read the body otherwise than we do (request smuggling). Refused,
     * and the connection is closed after the answer. */
    if (cl.conflict || (cl.chunked && cl.first)) {
        r->err = ERR_BAD_REQUEST;
        r->close_after = true;
    }
    if (cl.first) {
        char *end;
        unsigned long long n = strtoull(cl.first, &end, 10);
        if (*end || end == cl.first)
            r->err = ERR_BAD_REQUEST;
        else if (n > r->body_limit)
            r->body_too_large = true;
    }
    body_begin(r);
    if (r->err == ERR_NONE && !method_has_body(r->method) && cl.first && strcmp(cl.first, "0") != 0)
        r->err = ERR_BAD_REQUEST; /* a GET with a body is a smuggling attempt or a broken client */
}

struct refusal {
    struct req *r;
    const char *action;
};

static int refusal_tx(void *arg)
{
    struct refusal *f = arg;
    char what[160];
    snprintf(what, sizeof what, "%s %s", f->r->method, f->r->route ? f->r->route->pattern : "-");
    json_t *names = json_pack("[s]", what);
    int rc = audit_write(f->r, f->action, "route", f->r->id, names);
    json_decref(names);
    return rc;
}

/* A refusal is a security event: every 403 (role, record policy, CSRF
 * token) goes into the audit log with the route it was for (its pattern,
 * never the values in the request). */
static void audit_refusal(struct req *r)
{
    if (r->err != ERR_FORBIDDEN && r->err != ERR_CSRF)
        return;
    if (r->rows) {
        r->rows->release(r->rows);
        r->rows = NULL;
    }
    db_rollback_stray();
    struct refusal f = { r, r->err == ERR_CSRF ? "csrf_refused" : "forbidden" };
    if (db_tx(refusal_tx, &f) != 0)
        log_error("audit: a refusal of %s %s could not be recorded", r->method, r->path);
}

/* Runs the gate and the handler and checks our own invariant: no request
 * leaves a transaction open. */
static void run_handler(struct req *r)
{
    if (r->err != ERR_NONE || !r->route)
        return;
    if (!db_conn()) {
        r->err = ERR_UNAVAILABLE;
        return;
    }
    if (opts->gate && opts->gate(r) != 0) {
        if (r->err == ERR_NONE && !r->location)
            r->err = ERR_INTERNAL;
        audit_refusal(r);
        return;
    }
    if (r->route->handler(r) != 0 && r->err == ERR_NONE)
        r->err = ERR_INTERNAL;
    audit_refusal(r);
    /* only a list the view has yet to read may hold its read transaction */
    if (!r->rows && db_rollback_stray()) {
        log_error("bug: %s %s left a transaction open; rolled back", r->method, r->route->pattern);
        assert(!"transaction left open");
    }
}

/* An error page answered without the route's gate having read the session
 * (no such path, a wrong method, a file that is not there) still shows
 * who is logged in: the early gate runs for a stand-in public GET route,
 * for which it only reads the session. The answer stays what it was. */
static void identify(struct req *r)
{
    static const struct route anyone = { .method = "GET", .pattern = "-", .role = 0 };
    if (r->err == ERR_NONE || r->want_json || r->user || !opts->gate_early || !db_conn())
        return;
    if (r->route && !(r->route->flags & ROUTE_NO_SESSION))
        return; /* its gate ran, and nobody is logged in */
    const struct route *route = r->route;
    enum err err = r->err;
    r->route = &anyone;
    r->err = ERR_NONE;
    opts->gate_early(r);
    r->route = route;
    r->err = err;
}

static enum MHD_Result queue(struct req *r)
{
    struct MHD_Response *resp = respond_build(r);
    if (!resp)
        return MHD_NO;
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->sent_status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Answers a request whose target on_uri refused, before routing or any
 * other look at it, in the one error vocabulary (414, JSON or a page),
 * with our usual headers. Being answered before its body, if any, is read,
 * the connection is closed after it (MHD's rule for early answers). */
static enum MHD_Result refuse_target(struct req *r, const char *url, const char *method)
{
    r->is_head = strcmp(method, "HEAD") == 0;
    r->method = r->is_head ? "GET" : method;
    r->path = url;
    r->want_json = wants_json(req_header(r, "Accept"));
    r->lang = i18n_negotiate(req_header(r, "Accept-Language"));
    r->err = ERR_URI_TOO_LONG;
    return queue(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)cls;
    (void)version;
    struct req *r = *con_cls;
    if (!r)
        return MHD_NO; /* on_uri always allocates; out of memory */
    if (!r->started) {
        r->started = true;
        r->conn = conn;
        headers_arrived(conn);
        if (r->status == TARGET_REFUSED) {
            r->status = 0;
            return refuse_target(r, url, method);
        }
        begin_request(r, url, method);
        /* who asks, before a byte of the body is read: a request the route's
         * role refuses is answered now, its body never parsed */
        if (r->err == ERR_NONE && r->route && opts->gate_early && db_conn()) {
            r->early_gate_done = true;
            if (opts->gate_early(r) != 0) {
                if (r->err == ERR_NONE && !r->location)
                    r->err = ERR_INTERNAL;
                audit_refusal(r);
                return queue(r);
            }
        }
        if (r->body_too_large && r->received == 0 && !method_has_body(r->method))
            r->body_too_large = false;
        /* a declared body far over the limit: answer now, read none of it */
        if (r->body_too_large) {
            const char *cl = req_header(r, "Content-Length");
            if (cl && strtoull(cl, NULL, 10) > r->body_limit * DRAIN_FACTOR) {
                r->err = ERR_TOO_LARGE;
                return queue(r);
            }
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (r->sent_status)
            return MHD_YES; /* already answered; MHD drops the rest */
        body_feed(r, upload_data, n);
        /* past the limit: a body of unknown length (chunked) is not read
         * any further; a declared one up to a few times the limit is, so
         * the client reads the 413 rather than a reset */
        if (r->body_too_large &&
            (!req_header(r, "Content-Length") || r->received > r->body_limit * DRAIN_FACTOR)) {
            r->err = ERR_TOO_LARGE;
            return queue(r);
        }
        return MHD_YES;
    }
    if (r->sent_status)
        return MHD_YES;
    body_end(r);
    run_handler(r);
    identify(r);
    enum MHD_Result ret = queue(r);
    /* the answer is built: a list's read ends here at the latest */
    if (r->rows) {
        r->rows->release(r->rows);
        r->rows = NULL;
    }
    if (db_rollback_stray()) {
        log_error("bug: %s %s left a transaction open after its answer; rolled back", r->method,
                  r->route ? r->route->pattern : r->path);
        assert(!"transaction left open");
    }
    return ret;
}

/* Copies s for the log with control characters, spaces and backslashes
 * escaped, so no client can forge or split a log line. */
static void log_safe(char *out, size_t size, const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 5 < size; p++) {
        if (*p < 0x21 || *p == 0x7f || *p == '\\')
            n += (size_t)snprintf(out + n, size - n, "\\x%02x", *p);
        else
            out[n++] = (char)*p;
    }
    out[n] = '\0';
}

/* Who frees a request.
 *
 * The struct req is born in on_uri (MHD's first look at a request: the URI
 * log callback's return value becomes the request's context) and normally
 * dies in on_completed. But MHD calls the completion callback only on the
 * paths it knows about: in 0.9.75, when a request line's arguments do not
 * fit the connection's memory pool (about 2,000 of them with the default
 * 128 KiB; each costs MHD a 64-byte record), parse_initial_message_line
 * queues a 431, then overwrites the connection's state and drops the
 * request: no answer goes out, the connection sits until its timeout, and
 * it is then torn down on a path that never calls the completion callback.
 * A request whose context MHD forgets must not be forgotten by us, so
 * every live request is also recorded in its connection's state (one small
 * struct per connection, MHD_OPTION_NOTIFY_CONNECTION), and the
 * connection's close -- which MHD reports for every connection it accepted,
 * whatever happened to its requests -- frees whatever the completion
 * callback did not. on_completed and on_connection both go through
 * request_end, which forgets the request in its connection's state first,
 * so it is freed exactly once.
 *
 * That alone would still leave the client waiting for the timeout, so
 * on_uri also refuses, before MHD parses them, the targets whose arguments
 * could overflow the pool (see target_fits); those are answered 414 at once. */
struct conn_state {
    struct req *req; /* the request in progress, until request_end */
    /* --- the header deadline (see "Slow headers" below) --- */
    int fd;                        /* the connection's socket (MHD's) */
    _Atomic uint64_t waiting_since; /* µs: when it began waiting for a request's headers; 0 while they are in */
    struct conn_state *prev, *next; /* in the list of live connections, under conns_lock */
};

/* Slow headers. libmicrohttpd 0.9.75 times a connection out only when it
 * is idle, so a client that sends a request's header one byte at a time,
 * each a little before the idle timeout, holds the connection (and its
 * memory) for ever; enough of them hold every connection. So each
 * connection records when it began waiting for a request's headers (at
 * its start, and again after each answer while it is kept alive); once
 * MHD hands over the request the clock stops. A watchdog thread shuts down
 * the socket of a connection still waiting after header_timeout seconds;
 * MHD then sees it closed and cleans up as usual. MHD announces a
 * connection's end (MHD_CONNECTION_NOTIFY_CLOSED) before it closes the
 * socket, and the entry leaves the list under the same lock the watchdog
 * holds, so the watchdog never touches a socket number that was closed
 * and perhaps reused. */
static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn_state *conns; /* live connections, newest first */
static atomic_bool watchdog_stop;

static struct conn_state *conn_state_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

/* A request's headers are in: the header deadline stops for this
 * connection until its answer is out. */
static void headers_arrived(struct MHD_Connection *conn)
{
    struct conn_state *cs = conn_state_of(conn);
    if (cs)
        atomic_store(&cs->waiting_since, 0);
}

/* At most this many query arguments: more is no form of ours, and every
 * argument is looked up linearly. */
#define ARGS_MAX 1000
/* What MHD 0.9.75 spends of the connection's pool per argument: a struct
 * MHD_HTTP_Header (56 bytes) rounded up to the pool's 16-byte alignment. */
#define ARG_POOL_COST 64
/* MHD grows its read buffer before a read when less than this is left in
 * it (MHD_BUF_INC_SIZE). */
#define MHD_READ_INCREMENT 1024

/* Whether MHD can store this target's arguments without running out of
 * the connection's pool (see "Who frees a request" above). MHD 0.9.75 reads
 * into a buffer that starts at half the pool and grows before a read only
 * when less than MHD_READ_INCREMENT of it is left, that is only while a
 * request line longer than that is still coming in; the argument records
 * take the rest of the pool. So a target (with at most one argument per
 * '&', plus one: MHD stores every '&'-separated piece) that together with
 * its line end is shorter than half the pool less that increment, and
 * whose records need at most half the pool, always fits, whatever else the
 * client sent along with it. With the default 128 KiB: ARGS_MAX arguments
 * and targets of up to about 63 KiB (MHD would store about 2,000 short
 * arguments, and it answers 414 itself only for a request line that does
 * not fit the pool at all). */
static bool target_fits(const char *uri)
{
    const char *q = strchr(uri, '?');
    size_t args = 0;
    if (q)
        for (const char *p = q; *p; p++)
            args += *p == '&';
    args += q != NULL;
    size_t half_pool = (size_t)opts->cfg->conn_memory_kib * 1024 / 2;
    return args <= ARGS_MAX && args * ARG_POOL_COST <= half_pool &&
           strlen(uri) + strlen(" HTTP/1.1\r\n") + MHD_READ_INCREMENT <= half_pool;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    struct conn_state *cs = conn_state_of(conn);
    if (!cs)
        return NULL; /* no connection state (out of memory): on_request refuses */
    if (cs->req) {
        /* cannot happen (MHD reuses a connection only after completing its
         * request), but a request must never be dropped unfreed */
        log_error("bug: a request still recorded when the next one began");
        request_end(conn, cs->req, " (abandoned)");
    }
    struct req *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->start_us = http_now_us();
    if (uri && !target_fits(uri)) {
        /* MHD has found the '?' already and parses the arguments right
         * after this callback, from this very string in its own (writable)
         * read buffer: ending the query string here leaves it none to store,
         * so it cannot run out of memory and drop the request. The refused
         * target is not kept (it is not needed: no handler runs). */
        char *q = strchr((char *)uri, '?');
        if (q)
            q[1] = '\0';
        r->status = TARGET_REFUSED;
    } else {
        /* the target as sent: the query is needed to send a user back
         * after log-in */
        r->raw_uri = strndup(uri ? uri : "/", 2048);
    }
    cs->req = r;
    atomic_fetch_add(&in_flight, 1);
    return r;
}

/* Logs the access line and frees the request with everything it owns;
 * first forgets it in its connection's state. how: "" for a request
 * answered in full, else why not. */
static void request_end(struct MHD_Connection *conn, struct req *r, const char *how)
{
    struct conn_state *cs = conn ? conn_state_of(conn) : NULL;
    if (cs && cs->req == r)
        cs->req = NULL;
    uint64_t us = http_now_us() - r->start_us;
    char path[512];
    log_safe(path, sizeof path, r->path ? r->path : "-");
    /* no method when MHD gave up on the request before on_request (a
     * header section over the connection's memory, a dropped request) */
    const char *method = r->is_head ? "HEAD" : r->method ? r->method : "-";
    /* who asked: the client's address and the account (its id, or -) */
    char ip[64], user[24] = "-";
    req_client_ip(r, ip, sizeof ip);
    if (r->actor_id)
        snprintf(user, sizeof user, "%lld", (long long)r->actor_id);
    log_info("access %s %s %d %zu %lluus %s %s%s", method, path, r->sent_status, r->sent_bytes,
             (unsigned long long)us, ip[0] ? ip : "-", user, how);
    body_free(r);
    json_decref(r->fields);
    json_decref(r->model);
    if (opts->forget)
        opts->forget(r);
    if (r->rows)
        r->rows->release(r->rows);
    json_decref(r->err_fields);
    json_decref(r->err_extra);
    free(r->err_detail);
    free(r->location);
    free(r->raw_uri);
    free(r->title);
    for (int i = 0; i < r->ncookies; i++)
        free(r->set_cookie[i]);
    if (r->raw)
        MHD_destroy_response(r->raw);
    free(r);
    atomic_fetch_sub(&in_flight, 1);
}

/* The completion callback: where a request normally ends. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    struct conn_state *cs = conn_state_of(conn);
    if (cs)
        atomic_store(&cs->waiting_since, http_now_us()); /* kept alive: the next request's headers */
    struct req *r = *con_cls;
    if (!r)
        return;
    *con_cls = NULL;
    request_end(conn, r, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
}

/* A connection's start and end: its state is born and dies here, and a
 * request MHD never completed ends with it. */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        struct conn_state *cs = calloc(1, sizeof *cs);
        const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (cs && info) {
            cs->fd = info->connect_fd;
            atomic_store(&cs->waiting_since, http_now_us());
            pthread_mutex_lock(&conns_lock);
            cs->next = conns;
            if (conns)
                conns->prev = cs;
            conns = cs;
            pthread_mutex_unlock(&conns_lock);
        } else if (cs) {
            cs->fd = -1; /* not watched */
        }
        *socket_context = cs;
        return;
    }
    struct conn_state *cs = *socket_context;
    if (!cs)
        return;
    *socket_context = NULL;
    if (cs->fd >= 0) {
        pthread_mutex_lock(&conns_lock);
        if (cs->prev)
            cs->prev->next = cs->next;
        else
            conns = cs->next;
        if (cs->next)
            cs->next->prev = cs->prev;
        pthread_mutex_unlock(&conns_lock);
    }
    if (cs->req) {
        struct req *r = cs->req;
        cs->req = NULL;
        request_end(NULL, r, " (dropped by MHD)");
    }
    free(cs);
}

/* The watchdog (see "Slow headers"): twice a second, shuts down the socket
 * of every connection that has waited longer than the header timeout for
 * a request's headers. arg: the timeout in µs. */
static void *watchdog(void *arg)
{
    uint64_t limit = *(const uint64_t *)arg;
    while (!atomic_load(&watchdog_stop)) {
        struct timespec ts = { 0, 500 * 1000 * 1000 };
        nanosleep(&ts, NULL);
        uint64_t now = http_now_us();
        pthread_mutex_lock(&conns_lock);
        for (struct conn_state *cs = conns; cs; cs = cs->next) {
            uint64_t since = atomic_load(&cs->waiting_since);
            if (since && now - since > limit) {
                shutdown(cs->fd, SHUT_RDWR);
                atomic_store(&cs->waiting_since, 0); /* once is enough */
                log_info("server: a connection sent no complete request within the header timeout; closed");
            }
        }
        pthread_mutex_unlock(&conns_lock);
    }
    return NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    log_info("mhd: %s", line);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = { 0 };
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    return buf_steal(&b);
}

int server_run(const struct server_opts *o, char *err, size_t errlen)
{
    opts = o;
    const struct config *cfg = o->cfg;
    body_configure((size_t)cfg->field_limit_kib * 1024);

    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, cfg->bind, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)cfg->port);
    } else if (inet_pton(AF_INET6, cfg->bind, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)cfg->port);
        flags |= MHD_USE_IPv6;
    } else {
        snprintf(err, errlen, "bind: '%s' is not an IP address", cfg->bind);
        return -1;
    }

    if (req_trust_proxy(cfg->trusted_proxy) != 0) {
        snprintf(err, errlen, "trusted_proxy: '%s' is not an IP address", cfg->trusted_proxy);
        return -1;
    }

    char *cert = NULL, *key = NULL;
    bool tls = cfg->tls_cert[0] && cfg->tls_key[0];
    if (tls) {
        cert = read_file(cfg->tls_cert);
        key = read_file(cfg->tls_key);
        if (!cert || !key || !*cert || !*key) {
            snprintf(err, errlen, "cannot read tls_cert %s or tls_key %s", cfg->tls_cert, cfg->tls_key);
            free(cert);
            free(key);
            return -1;
        }
        flags |= MHD_USE_TLS;
    }
    respond_configure(tls || cfg->behind_tls_proxy, o->layout);

    /* Signals are taken by sigwait below; every MHD thread inherits the mask. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_OptionItem tls_opts[] = {
        { tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, cert },
        { tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, key },
        { MHD_OPTION_END, 0, NULL },
    };
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)cfg->conn_timeout_s, MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->conn_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->per_ip_limit, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)cfg->conn_memory_kib * 1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
        MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_END);
    if (!d) {
        snprintf(err, errlen, "cannot listen on %s:%d (in use, or not allowed)", cfg->bind, cfg->port);
        free(cert);
        free(key);
        return -1;
    }
    static uint64_t header_limit_us;
    header_limit_us = (uint64_t)cfg->header_timeout_s * 1000000u;
    pthread_t dog;
    atomic_store(&watchdog_stop, false);
    if (pthread_create(&dog, NULL, watchdog, &header_limit_us) != 0) {
        MHD_stop_daemon(d);
        snprintf(err, errlen, "cannot start the connection watchdog");
        free(cert);
        free(key);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    int port = info ? info->port : cfg->port;
    if (strchr(cfg->bind, ':'))
        printf("listening on http%s://[%s]:%d\n", tls ? "s" : "", cfg->bind, port);
    else
        printf("listening on http%s://%s:%d\n", tls ? "s" : "", cfg->bind, port);
    fflush(stdout);

    int sig = 0;
    while (sigwait(&sigs, &sig) != 0)
        ;
    log_info("server: signal %d, finishing requests in flight", sig);
    MHD_quiesce_daemon(d);
    /* up to 10 s for requests that are being handled now */
    for (int i = 0; i < 1000 && atomic_load(&in_flight) > 0; i++) {
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    atomic_store(&watchdog_stop, true);
    pthread_join(dog, NULL);
    MHD_stop_daemon(d);
    free(cert);
    free(key);
    log_info("server: stopped");
    return 0;
}
