/* routes: the one route table of the application. */
#ifndef APP_ROUTES_H
#define APP_ROUTES_H

#include "core/http.h"

extern const struct route app_routes[];
extern const size_t app_routes_count;

#endif
