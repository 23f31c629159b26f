/* list: the contract's paging for every collection: ?page=, ?per_page= (at
 * most 200), ?q=, and the answer {"items","total","page","per_page"}. */
#ifndef CORE_LIST_H
#define CORE_LIST_H

#include "core/http.h"

#define LIST_PER_PAGE_DEFAULT 50
#define LIST_PER_PAGE_MAX 200
/* Lists page down to this many rows and no deeper: past it a search or a
 * filter finds faster than paging, and no query walks an unbounded offset. */
#define LIST_MAX_OFFSET 10000

struct list_params {
    int page;            /* from 1 */
    int per_page;
    const char *q;       /* borrowed; NULL when empty */
};

/* Reads the paging parameters; a bad value, or a page past LIST_MAX_OFFSET
 * rows, is a 400 naming it (returns -1). */
int list_params(struct req *r, struct list_params *lp);

/* "?a=1&key=value": a link to this list with the request's parameters,
 * key set to value and page left out (back to page 1). Caller frees. */
char *list_href(struct req *r, const char *key, const char *value);

static inline int list_offset(const struct list_params *lp) { return (lp->page - 1) * lp->per_page; }

/* Builds the list answer (steals items; NULL when the view reads them from
 * req_rows), plus for pages: "query" echoing q and "pager": {"prev":
 * {"href"}, "next": {"href"}, "pages", "page", "multiple", "numbers": [{"page",
 * "href", "is_current"} or {"gap": true}], "past_end": false or {"href",
 * "page"} of the last page} whose links keep every other query parameter
 * of the request. Pages include it as {{>pager}} (templates/parts). */
json_t *list_result(struct req *r, json_t *items, long long total, const struct list_params *lp);

#endif
