/* The one route table: every path the program answers, its handler, the
 * least role it needs and its body limit. Areas own their handlers and SQL;
 * they are wired here so the whole surface reads in one place. */
#include "app/routes.h"

#include "app/home.h"
#include "core/static.h"

const struct route app_routes[] = {
    { .method = "GET", .pattern = "/", .handler = home_page, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/healthz", .handler = home_health, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/about", .handler = home_about, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/static/*", .handler = static_serve, .role = ROLE_PUBLIC },
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];
