/* routes: the one route table of the application. */
#ifndef APP_ROUTES_H
#define APP_ROUTES_H

#include "core/http.h"

extern const struct route app_routes[];
extern const size_t app_routes_count;

/* Builds the kit's SQL for every declared area (entity_init); call once at
 * start-up, before the first request or command touches an area. 0 or -1. */
int app_init(void);

#endif
