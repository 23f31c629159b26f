#include "core/list.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int parse_int(const char *s, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

int list_params(struct req *r, struct list_params *lp)
{
    lp->page = 1;
    lp->per_page = LIST_PER_PAGE_DEFAULT;
    const char *p = req_query(r, "page");
    const char *pp = req_query(r, "per_page");
    const char *q = req_query(r, "q");
    if (p && *p && parse_int(p, 1, 1000000, &lp->page) != 0)
        req_field_error(r, "page", "field_bad_number");
    if (pp && *pp && parse_int(pp, 1, LIST_PER_PAGE_MAX, &lp->per_page) != 0)
        req_field_error(r, "per_page", "field_bad_per_page");
    lp->q = q && *q ? q : NULL;
    if (r->err == ERR_NONE && (long)(lp->page - 1) * lp->per_page >= LIST_MAX_OFFSET)
        req_field_error(r, "page", "field_page_too_deep");
    return r->err == ERR_NONE ? 0 : -1;
}

static void url_encode(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
            *p == '_' || *p == '.' || *p == '~')
            buf_append(b, p, 1);
        else
            buf_printf(b, "%%%02X", *p);
    }
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    struct buf *b = cls;
    if (!strcmp(key, "page"))
        return MHD_YES;
    buf_puts(b, b->len > 1 ? "&" : "");
    url_encode(b, key);
    buf_puts(b, "=");
    url_encode(b, value ? value : "");
    return MHD_YES;
}

/* "?a=1&b=2&page=N": the request's own parameters with another page. */
static json_t *page_link(struct req *r, int page)
{
    struct buf b = { 0 };
    buf_puts(&b, "?");
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_arg, &b);
    buf_printf(&b, "%spage=%d", b.len > 1 ? "&" : "", page);
    json_t *o = json_pack("{s:s, s:i}", "href", b.data, "page", page);
    buf_free(&b);
    return o;
}

json_t *list_result(struct req *r, json_t *items, long long total, const struct list_params *lp)
{
    json_t *o = json_pack("{s:I, s:i, s:i}", "total", (json_int_t)total, "page", lp->page, "per_page", lp->per_page);
    if (items)
        json_object_set_new(o, "items", items);
    long long pages = (total + lp->per_page - 1) / lp->per_page;
    json_t *pager = json_pack("{s:i, s:I}", "page", lp->page, "pages", (json_int_t)(pages ? pages : 1));
    if (pages > 1)
        json_object_set_new(pager, "multiple", json_true());
    if (lp->page > 1)
        json_object_set_new(pager, "prev", page_link(r, lp->page - 1));
    if ((long long)lp->page * lp->per_page < total && (long long)lp->page * lp->per_page < LIST_MAX_OFFSET)
        json_object_set_new(pager, "next", page_link(r, lp->page + 1));
    json_object_set_new(o, "pager", pager);
    json_object_set_new(o, "query", json_string(lp->q ? lp->q : ""));
    return o;
}
