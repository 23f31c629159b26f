#include "core/list.h"

#include <errno.h>
#include <stdio.h>
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

struct link_args {
    struct buf *b;
    const char *drop;   /* a parameter left out besides page, or NULL */
};

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    struct link_args *a = cls;
    if (!strcmp(key, "page") || (a->drop && !strcmp(key, a->drop)))
        return MHD_YES;
    buf_puts(a->b, a->b->len > 1 ? "&" : "");
    url_encode(a->b, key);
    buf_puts(a->b, "=");
    url_encode(a->b, value ? value : "");
    return MHD_YES;
}

/* "?a=1&b=2&key=value": the request's own parameters, without page and
 * with key set to value (copied); into b. */
static void link_into(struct req *r, struct buf *b, const char *key, const char *value)
{
    struct link_args a = { b, key };
    buf_puts(b, "?");
    if (r->conn)
        MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_arg, &a);
    buf_puts(b, b->len > 1 ? "&" : "");
    url_encode(b, key);
    buf_puts(b, "=");
    url_encode(b, value);
}

char *list_href(struct req *r, const char *key, const char *value)
{
    struct buf b = { 0 };
    link_into(r, &b, key, value);
    return buf_steal(&b);
}

/* {"href": "?a=1&b=2&page=N", "page": N}: the request's own parameters
 * with another page. */
static json_t *page_link(struct req *r, int page)
{
    struct buf b = { 0 };
    char num[16];
    snprintf(num, sizeof num, "%d", page);
    link_into(r, &b, "page", num);
    json_t *o = json_pack("{s:s, s:i}", "href", b.data ? b.data : "?", "page", page);
    buf_free(&b);
    return o;
}

/* One entry of page_numbers: a link to page p, marked when current. */
static void add_number(json_t *list, struct req *r, int p, int current)
{
    json_t *link = page_link(r, p);
    json_object_set_new(link, "is_current", json_boolean(p == current));
    json_array_append_new(list, link);
}

/* The page numbers a pager shows: the first and the last, and five around
 * the current one, with a gap ({"gap": true}) where pages are left out
 * (never a gap of one page: that page is shown instead); each {"page",
 * "href", "is_current"}. last: the last page paging reaches. */
static json_t *page_numbers(struct req *r, int current, int last)
{
    json_t *list = json_array();
    int at = current > last ? last : current;
    int lo = at - 2, hi = at + 2;
    if (lo < 1) {
        hi += 1 - lo;
        lo = 1;
    }
    if (hi > last) {
        lo -= hi - last;
        hi = last;
    }
    if (lo < 1)
        lo = 1;
    if (lo == 3)
        lo = 2;
    if (hi == last - 2)
        hi = last - 1;
    if (lo > 1)
        add_number(list, r, 1, current);
    if (lo > 2)
        json_array_append_new(list, json_pack("{s:b}", "gap", 1));
    for (int p = lo; p <= hi; p++)
        add_number(list, r, p, current);
    if (hi < last - 1)
        json_array_append_new(list, json_pack("{s:b}", "gap", 1));
    if (hi < last)
        add_number(list, r, last, current);
    return list;
}

json_t *list_result(struct req *r, json_t *items, long long total, const struct list_params *lp)
{
    json_t *o = json_pack("{s:I, s:i, s:i}", "total", (json_int_t)total, "page", lp->page, "per_page", lp->per_page);
    if (items)
        json_object_set_new(o, "items", items);
    long long pages = (total + lp->per_page - 1) / lp->per_page;
    if (pages < 1)
        pages = 1;
    /* the last page a link may name: paging stops at LIST_MAX_OFFSET rows */
    long long reachable = (LIST_MAX_OFFSET - 1) / lp->per_page + 1;
    int last = (int)(pages < reachable ? pages : reachable);
    json_t *pager = json_pack("{s:i, s:I}", "page", lp->page, "pages", (json_int_t)pages);
    if (pages > 1)
        json_object_set_new(pager, "multiple", json_true());
    if (lp->page > 1 && lp->page <= last)
        json_object_set_new(pager, "prev", page_link(r, lp->page - 1));
    if (lp->page < last)
        json_object_set_new(pager, "next", page_link(r, lp->page + 1));
    if (pages > 1)
        json_object_set_new(pager, "numbers", page_numbers(r, lp->page, last));
    /* a page past the end (a link kept from a longer list): the page says
     * so and leads to the last page there is */
    json_object_set_new(pager, "past_end", lp->page > last ? page_link(r, last) : json_false());
    json_object_set_new(o, "pager", pager);
    json_object_set_new(o, "query", json_string(lp->q ? lp->q : ""));
    return o;
}
