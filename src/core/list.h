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

static inline int list_offset(const struct list_params *lp) { return (lp->page - 1) * lp->per_page; }

/* Builds the list answer (steals items; NULL when the view reads them from
 * req_rows), plus for pages: "query" echoing q
 * and "pager": {"prev": {"href"}, "next": {"href"}, "pages", "page"} whose
 * links keep every other query parameter of the request. */
json_t *list_result(struct req *r, json_t *items, long long total, const struct list_params *lp);

#endif
