/* The one route table: every path the program answers, its handler, the
 * least role it needs and its body limit. Areas own their handlers and SQL;
 * they are wired here so the whole surface reads in one place. */
#include "app/routes.h"

#include "app/admin.h"
#include "app/auth.h"
#include "app/home.h"
#include "app/users.h"
#include "core/static.h"

#define KIB 1024

const struct route app_routes[] = {
    /* public */
    { .method = "GET", .pattern = "/", .handler = home_page, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/healthz", .handler = home_health, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/about", .handler = home_about, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/static/*", .handler = static_serve, .role = ROLE_PUBLIC },

    /* log-in and one's own account */
    { .method = "GET", .pattern = "/login", .handler = auth_login_form, .role = ROLE_PUBLIC },
    { .method = "POST", .pattern = "/login", .handler = auth_login, .role = ROLE_PUBLIC, .body_limit = 8 * KIB,
      .flags = ROUTE_NO_CSRF },
    { .method = "POST", .pattern = "/logout", .handler = auth_logout, .role = ROLE_VIEWER, .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/me", .handler = auth_me, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/me/password", .handler = auth_change_password, .role = ROLE_VIEWER,
      .body_limit = 8 * KIB },

    /* administration */
    { .method = "GET", .pattern = "/admin/users", .handler = users_list, .role = ROLE_ADMIN },
    { .method = "GET", .pattern = "/admin/users/new", .handler = users_new_form, .role = ROLE_ADMIN },
    { .method = "POST", .pattern = "/admin/users", .handler = users_create, .role = ROLE_ADMIN, .body_limit = 8 * KIB },
    { .method = "GET", .pattern = "/admin/users/{id}", .handler = users_show, .role = ROLE_ADMIN },
    { .method = "POST", .pattern = "/admin/users/{id}", .handler = users_update, .role = ROLE_ADMIN,
      .body_limit = 8 * KIB },
    { .method = "PUT", .pattern = "/admin/users/{id}", .handler = users_update, .role = ROLE_ADMIN,
      .body_limit = 8 * KIB },
    { .method = "PATCH", .pattern = "/admin/users/{id}", .handler = users_update, .role = ROLE_ADMIN,
      .body_limit = 8 * KIB },
    { .method = "POST", .pattern = "/admin/users/{id}/password", .handler = users_reset_password,
      .role = ROLE_ADMIN, .body_limit = 8 * KIB },
    { .method = "GET", .pattern = "/admin/audit", .handler = admin_audit, .role = ROLE_ADMIN },
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];
