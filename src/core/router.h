/* router: finds the route for a method and path in the route table. */
#ifndef CORE_ROUTER_H
#define CORE_ROUTER_H

#include "core/http.h"

enum router_result { ROUTER_FOUND, ROUTER_NOT_FOUND, ROUTER_METHOD };

struct route_match {
    const struct route *route;                   /* borrowed, when FOUND */
    char params[REQ_MAX_PARAMS][REQ_PARAM_MAX];  /* captured segments */
    int nparams;
    char allow[128];                             /* for ROUTER_METHOD: "GET, HEAD, POST" */
};

/* Matches method ("HEAD" matches GET routes) and path against table.
 * On ROUTER_METHOD, m->allow lists what the path does accept. */
enum router_result router_match(const struct route *table, size_t n, const char *method, const char *path,
                                struct route_match *m);

#endif
