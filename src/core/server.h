/* server: libmicrohttpd set up as design.md says (thread pool over epoll,
 * limits from config), one struct req per request, graceful shutdown. */
#ifndef CORE_SERVER_H
#define CORE_SERVER_H

#include "core/config.h"
#include "core/http.h"

struct server_opts {
    const struct config *cfg;      /* borrowed for the server's lifetime */
    const struct route *routes;    /* the route table (borrowed) */
    size_t nroutes;
    /* Runs as soon as the request line and headers are in, before any body
     * byte is read or parsed: who asks and whether their role may use the
     * route. Returns 0 to go on, -1 after setting an error or a redirect on
     * r (answered at once; the body is never read). May be NULL. */
    int (*gate_early)(struct req *r);
    /* Runs before every handler, with the body decoded: the CSRF token (and
     * all of the early gate's work if there was none). Same returns. */
    int (*gate)(struct req *r);
    /* Frees what the gate attached to the request (r->user); after the
     * answer is sent. May be NULL. */
    void (*forget)(struct req *r);
    /* Adds the application's part of a page's layout model (respond.h). */
    void (*layout)(struct req *r, json_t *model);
};

/* Starts serving, prints "listening on http://ADDR:PORT" on standard output
 * once connections are accepted, then blocks until SIGTERM or SIGINT, stops
 * accepting, lets requests in flight finish and returns 0 (-1 with a reason
 * when it cannot start). */
int server_run(const struct server_opts *opts, char *err, size_t errlen);

#endif
