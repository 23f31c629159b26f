/* req.c: the helpers handlers use to read a request and set its answer. */
#include "core/http.h"

#include "core/i18n.h"
#include "core/text.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

uint64_t http_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

const char *req_query(struct req *r, const char *key)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *req_header(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_field(struct req *r, const char *name)
{
    return json_string_value(json_object_get(r->fields, name));
}

const char *req_local_path(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
        return "/";
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '\\')
            return "/";
    return next;
}

static char trusted_proxy[INET6_ADDRSTRLEN];

int req_trust_proxy(const char *addr)
{
    trusted_proxy[0] = '\0';
    if (!addr || !*addr)
        return 0;
    if (strchr(addr, ',') || text_forwarded_for(addr, trusted_proxy, sizeof trusted_proxy) != 0) {
        trusted_proxy[0] = '\0';
        return -1;
    }
    return 0;
}

/* Header iterator: the value of the last X-Forwarded-For line. A proxy may
 * append its own line after the client's instead of joining them; the list
 * they form together ends with the proxy's entry either way. */
static enum MHD_Result last_forwarded(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    if (value && strcasecmp(key, "X-Forwarded-For") == 0)
        *(const char **)cls = value;
    return MHD_YES;
}

const char *req_client_ip(struct req *r, char *buf, size_t n)
{
    buf[0] = '\0';
    if (!r->conn)
        return buf; /* work outside a connection (tests) */
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return buf;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, (socklen_t)n);
    if (trusted_proxy[0] && strcmp(buf, trusted_proxy) == 0) {
        const char *xff = NULL;
        MHD_get_connection_values(r->conn, MHD_HEADER_KIND, last_forwarded, &xff);
        if (xff)
            text_forwarded_for(xff, buf, n);
    }
    return buf;
}

static void set_model(struct req *r, json_t *model)
{
    json_decref(r->model);
    r->model = model;
}

static void set_location(struct req *r, const char *location)
{
    free(r->location);
    r->location = location ? strdup(location) : NULL;
}

int req_page(struct req *r, const char *view, json_t *model)
{
    r->view = view;
    set_model(r, model ? model : json_object());
    return 0;
}

int req_created(struct req *r, const char *location, json_t *model)
{
    r->status = 201;
    set_location(r, location);
    set_model(r, model ? model : json_object());
    return 0;
}

int req_redirect(struct req *r, const char *location, json_t *model)
{
    r->status = r->want_json ? 200 : 303;
    set_location(r, location);
    set_model(r, model ? model : json_object());
    return 0;
}

int req_bytes(struct req *r, const char *content_type, char *data, size_t len)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(data);
        return req_fail(r, ERR_INTERNAL);
    }
    MHD_add_response_header(resp, "Content-Type", content_type);
    r->status = 200;
    r->sent_bytes = len;
    r->raw = resp;
    return 0;
}

int req_fail(struct req *r, enum err e)
{
    r->err = e;
    return -1;
}

const char *req_t(struct req *r, const char *key) { return i18n_get(r->lang, key); }

void req_field_error(struct req *r, const char *field, const char *msg_key)
{
    r->err = ERR_INVALID;
    if (!r->err_fields)
        r->err_fields = json_object();
    if (!json_object_get(r->err_fields, field))
        json_object_set_new(r->err_fields, field, json_string(req_t(r, msg_key)));
}

void req_set_cookie(struct req *r, const char *value)
{
    if (r->ncookies < (int)(sizeof r->set_cookie / sizeof r->set_cookie[0]))
        r->set_cookie[r->ncookies++] = strdup(value);
}

void req_title(struct req *r, const char *title)
{
    free(r->title);
    r->title = title ? strdup(title) : NULL;
}

void req_rows(struct req *r, struct req_rows *rows)
{
    if (r->rows)
        r->rows->release(r->rows);
    r->rows = rows;
}

void req_date(struct req *r, const char *iso, char *out, size_t n)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    const char *end = iso ? strptime(iso, "%Y-%m-%d", &tm) : NULL;
    if (!end) {
        snprintf(out, n, "%s", iso ? iso : "");
        return;
    }
    const char *format = req_t(r, "format_date");
    if (*end == 'T') {
        end = strptime(end, "T%H:%M:%S", &tm);
        if (!end || (*end != 'Z' && *end != '\0')) {
            snprintf(out, n, "%s", iso);
            return;
        }
        time_t t = timegm(&tm);
        localtime_r(&t, &tm);
        format = req_t(r, "format_time");
    } else if (*end) {
        snprintf(out, n, "%s", iso);
        return;
    }
    if (!strftime(out, n, format, &tm))
        snprintf(out, n, "%s", iso);
}

void req_day_long(struct req *r, const char *iso, char *out, size_t n)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    const char *end = iso ? strptime(iso, "%Y-%m-%d", &tm) : NULL;
    if (!end || *end) {
        snprintf(out, n, "%s", iso ? iso : "");
        return;
    }
    tm.tm_hour = 12; /* mktime fills in the weekday; noon is safe from DST */
    tm.tm_isdst = -1;
    mktime(&tm);
    /* room for any int the compiler cannot rule out (the release build's
     * -O2 checks the snprintf sizes) */
    char wkey[24], mkey[24], day[12], year[12];
    snprintf(wkey, sizeof wkey, "weekday_%d", tm.tm_wday);
    snprintf(mkey, sizeof mkey, "month_%d", tm.tm_mon + 1);
    snprintf(day, sizeof day, "%d", tm.tm_mday);
    snprintf(year, sizeof year, "%d", tm.tm_year + 1900);
    /* "{weekday}, {day}. {month} {year}": the catalog orders the parts */
    const char *format = req_t(r, "format_day_long");
    size_t k = 0;
    for (const char *p = format; *p && k + 1 < n;) {
        const char *part = NULL;
        size_t skip = 0;
        if (!strncmp(p, "{weekday}", 9))
            part = req_t(r, wkey), skip = 9;
        else if (!strncmp(p, "{day}", 5))
            part = day, skip = 5;
        else if (!strncmp(p, "{month}", 7))
            part = req_t(r, mkey), skip = 7;
        else if (!strncmp(p, "{year}", 6))
            part = year, skip = 6;
        if (part) {
            k += (size_t)snprintf(out + k, n - k, "%s", part);
            if (k >= n)
                k = n - 1;
            p += skip;
        } else {
            out[k++] = *p++;
        }
    }
    out[k < n ? k : n - 1] = '\0';
}
