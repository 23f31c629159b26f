/* router: literal paths, {id}, {token}, trailing *, 404 vs 405 with Allow,
 * HEAD on GET routes, captured parameters, first match wins. */
#include "suites.h"

#include "app/auth.h"
#include "core/router.h"

#include <string.h>

/* Our own table; handlers are never called by the router, so NULL will do.
 * Indexes are named so the tests can say which row they expect. */
enum {
    R_ROOT,
    R_PEOPLE_GET,
    R_PEOPLE_POST,
    R_PERSON_GET,
    R_PERSON_POST,
    R_PERSON_DELETE,
    R_DOC_GET,
    R_STATIC,
    R_NEW_LITERAL,   /* before R_NEW_TOKEN: the literal must win */
    R_NEW_TOKEN,
    R_DUP_FIRST,
    R_DUP_SECOND,
    R_LOGIN_POST,
    R_ONLY_PUT,
    R_COUNT
};

static const struct route table[R_COUNT] = {
    [R_ROOT] = { "GET", "/", NULL, ROLE_PUBLIC, 0, 0 },
    [R_PEOPLE_GET] = { "GET", "/people", NULL, ROLE_VIEWER, 0, 0 },
    [R_PEOPLE_POST] = { "POST", "/people", NULL, ROLE_CASEWORKER, 0, 0 },
    [R_PERSON_GET] = { "GET", "/people/{id}", NULL, ROLE_VIEWER, 0, 0 },
    [R_PERSON_POST] = { "POST", "/people/{id}", NULL, ROLE_CASEWORKER, 0, 0 },
    [R_PERSON_DELETE] = { "DELETE", "/people/{id}", NULL, ROLE_ADMIN, 0, 0 },
    [R_DOC_GET] = { "GET", "/people/{id}/docs/{token}", NULL, ROLE_VIEWER, 0, 0 },
    [R_STATIC] = { "GET", "/static/*", NULL, ROLE_PUBLIC, 0, 0 },
    [R_NEW_LITERAL] = { "GET", "/things/new", NULL, ROLE_PUBLIC, 0, 0 },
    [R_NEW_TOKEN] = { "GET", "/things/{token}", NULL, ROLE_PUBLIC, 0, 0 },
    [R_DUP_FIRST] = { "GET", "/dup", NULL, ROLE_PUBLIC, 0, 0 },
    [R_DUP_SECOND] = { "GET", "/dup", NULL, ROLE_ADMIN, 0, 0 },
    [R_LOGIN_POST] = { "POST", "/login", NULL, ROLE_PUBLIC, 0, ROUTE_NO_CSRF },
    [R_ONLY_PUT] = { "PUT", "/only-put", NULL, ROLE_ADMIN, 0, 0 },
};

static struct route_match m;

static enum router_result run(const char *method, const char *path)
{
    memset(&m, 0xAB, sizeof m);   /* garbage, so stale values cannot pass */
    return router_match(table, R_COUNT, method, path, &m);
}

static void expect_found(const char *method, const char *path, int row)
{
    enum router_result r = run(method, path);
    ck_assert_msg(r == ROUTER_FOUND, "%s %s: expected FOUND, got %d", method, path, (int)r);
    ck_assert_ptr_eq(m.route, &table[row]);
}

static void expect_not_found(const char *method, const char *path)
{
    enum router_result r = run(method, path);
    ck_assert_msg(r == ROUTER_NOT_FOUND, "%s %s: expected NOT_FOUND, got %d", method, path, (int)r);
    ck_assert_ptr_null(m.route);
}

static void expect_method(const char *method, const char *path, const char *allow)
{
    enum router_result r = run(method, path);
    ck_assert_msg(r == ROUTER_METHOD, "%s %s: expected METHOD, got %d", method, path, (int)r);
    ck_assert_ptr_null(m.route);
    ck_assert_str_eq(m.allow, allow);
}

START_TEST(literal_paths)
{
    expect_found("GET", "/", R_ROOT);
    ck_assert_int_eq(m.nparams, 0);
    expect_found("GET", "/people", R_PEOPLE_GET);
    ck_assert_int_eq(m.nparams, 0);
    expect_found("POST", "/people", R_PEOPLE_POST);
    expect_found("POST", "/login", R_LOGIN_POST);
    expect_found("PUT", "/only-put", R_ONLY_PUT);
    expect_not_found("GET", "/nowhere");
    expect_not_found("GET", "/peoplex");
    expect_not_found("GET", "/peopl");
    expect_not_found("GET", "/People");      /* case-sensitive */
    expect_not_found("GET", "/people/1/x");  /* longer than any pattern */
    expect_not_found("GET", "");
}
END_TEST

START_TEST(id_accepts_positive_integers)
{
    expect_found("GET", "/people/1", R_PERSON_GET);
    ck_assert_int_eq(m.nparams, 1);
    ck_assert_str_eq(m.params[0], "1");
    expect_found("GET", "/people/9", R_PERSON_GET);
    ck_assert_str_eq(m.params[0], "9");
    expect_found("GET", "/people/1234567890", R_PERSON_GET);
    ck_assert_str_eq(m.params[0], "1234567890");
    /* 18 digits: the longest accepted (any 18-digit number fits int64) */
    expect_found("GET", "/people/999999999999999999", R_PERSON_GET);
    ck_assert_str_eq(m.params[0], "999999999999999999");
}
END_TEST

START_TEST(id_rejects_non_positive_or_malformed)
{
    static const char *const bad[] = {
        "/people/0",                    /* zero */
        "/people/00",
        "/people/01",                   /* leading zero */
        "/people/007",
        "/people/abc",                  /* letters */
        "/people/12a",
        "/people/a12",
        "/people/1e5",
        "/people/-1",                   /* sign */
        "/people/+1",
        "/people/1.0",
        "/people/ 1",
        "/people/1234567890123456789",  /* 19 digits */
        "/people/99999999999999999999", /* 20 digits */
        "/people/",                     /* empty */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_not_found("GET", bad[i]);
    /* an empty {id} in the middle of a path */
    expect_not_found("GET", "/people//docs/x");
}
END_TEST

START_TEST(token_segments)
{
    expect_found("GET", "/people/42/docs/aZ09-_x", R_DOC_GET);
    ck_assert_int_eq(m.nparams, 2);
    ck_assert_str_eq(m.params[0], "42");
    ck_assert_str_eq(m.params[1], "aZ09-_x");
    expect_found("GET", "/things/abc-DEF_123", R_NEW_TOKEN);
    ck_assert_int_eq(m.nparams, 1);
    ck_assert_str_eq(m.params[0], "abc-DEF_123");
    /* only letters, digits, '-' and '_' */
    expect_not_found("GET", "/things/a.b");
    expect_not_found("GET", "/things/a b");
    expect_not_found("GET", "/things/a%2Fb");
    expect_not_found("GET", "/things/\xc3\xa4");   /* ä */
    expect_not_found("GET", "/people/42/docs/");   /* empty token */
    expect_not_found("GET", "/people/0/docs/x");   /* the {id} still has to be valid */
}
END_TEST

START_TEST(overlong_segment_is_not_captured)
{
    /* longer than a parameter slot: no match, and no overflow (ASan watches) */
    char path[600] = "/things/";
    memset(path + strlen(path), 'x', 400);
    path[8 + 400] = '\0';
    expect_not_found("GET", path);
    char spath[600] = "/static/";
    memset(spath + strlen(spath), 'y', 400);
    spath[8 + 400] = '\0';
    expect_not_found("GET", spath);
}
END_TEST

START_TEST(star_takes_the_non_empty_rest)
{
    expect_found("GET", "/static/app.css", R_STATIC);
    ck_assert_int_eq(m.nparams, 1);
    ck_assert_str_eq(m.params[0], "app.css");
    expect_found("GET", "/static/img/logo.svg", R_STATIC);
    ck_assert_int_eq(m.nparams, 1);
    ck_assert_str_eq(m.params[0], "img/logo.svg");
    expect_found("GET", "/static/a/", R_STATIC);
    ck_assert_str_eq(m.params[0], "a/");
    expect_not_found("GET", "/static/");   /* empty rest */
    expect_not_found("GET", "/static");
    expect_not_found("GET", "/staticx/a");
}
END_TEST

START_TEST(trailing_slash_does_not_match)
{
    expect_not_found("GET", "/people/");
    expect_not_found("GET", "/people/5/");
    expect_not_found("GET", "/login/");
    expect_not_found("POST", "/login/");
    expect_not_found("GET", "/things/new/");
    expect_not_found("GET", "//");
}
END_TEST

START_TEST(wrong_method_is_405_with_allow)
{
    expect_method("PUT", "/people", "GET, HEAD, POST");
    expect_method("DELETE", "/people", "GET, HEAD, POST");
    expect_method("PATCH", "/people/7", "GET, HEAD, POST, DELETE");
    expect_method("GET", "/login", "POST");
    expect_method("GET", "/only-put", "PUT");
    expect_method("POST", "/", "GET, HEAD");
    expect_method("POST", "/static/x.js", "GET, HEAD");
    /* the same method on two rows is listed once */
    expect_method("POST", "/dup", "GET, HEAD");
}
END_TEST

START_TEST(unknown_path_is_404_not_405)
{
    expect_not_found("PUT", "/nowhere");
    expect_not_found("DELETE", "/people/0");   /* {id} invalid: the path does not exist */
    expect_not_found("POST", "/static/");
}
END_TEST

START_TEST(head_matches_get_routes)
{
    expect_found("HEAD", "/", R_ROOT);
    expect_found("HEAD", "/people", R_PEOPLE_GET);
    expect_found("HEAD", "/people/12", R_PERSON_GET);
    ck_assert_int_eq(m.nparams, 1);
    ck_assert_str_eq(m.params[0], "12");
    expect_found("HEAD", "/static/a.css", R_STATIC);
    /* HEAD on a path without GET: 405, and HEAD is not offered */
    expect_method("HEAD", "/login", "POST");
    expect_method("HEAD", "/only-put", "PUT");
    expect_not_found("HEAD", "/nowhere");
}
END_TEST

START_TEST(method_found_after_other_rows_match_path)
{
    expect_found("POST", "/people/5", R_PERSON_POST);
    ck_assert_int_eq(m.nparams, 1);
    ck_assert_str_eq(m.params[0], "5");
    expect_found("DELETE", "/people/5", R_PERSON_DELETE);
    ck_assert_int_eq(m.nparams, 1);
    ck_assert_str_eq(m.params[0], "5");
}
END_TEST

START_TEST(first_matching_route_wins)
{
    expect_found("GET", "/things/new", R_NEW_LITERAL);
    ck_assert_int_eq(m.nparams, 0);
    expect_found("GET", "/things/old", R_NEW_TOKEN);
    expect_found("GET", "/dup", R_DUP_FIRST);
    expect_found("HEAD", "/dup", R_DUP_FIRST);
}
END_TEST

START_TEST(empty_table)
{
    memset(&m, 0, sizeof m);
    ck_assert_int_eq(router_match(table, 0, "GET", "/", &m), ROUTER_NOT_FOUND);
    ck_assert_ptr_null(m.route);
}
END_TEST

Suite *router_suite(void)
{
    Suite *s = suite_create("router");
    TCase *tc = tcase_create("match");
    tcase_add_test(tc, literal_paths);
    tcase_add_test(tc, id_accepts_positive_integers);
    tcase_add_test(tc, id_rejects_non_positive_or_malformed);
    tcase_add_test(tc, token_segments);
    tcase_add_test(tc, overlong_segment_is_not_captured);
    tcase_add_test(tc, star_takes_the_non_empty_rest);
    tcase_add_test(tc, trailing_slash_does_not_match);
    tcase_add_test(tc, wrong_method_is_405_with_allow);
    tcase_add_test(tc, unknown_path_is_404_not_405);
    tcase_add_test(tc, head_matches_get_routes);
    tcase_add_test(tc, method_found_after_other_rows_match_path);
    tcase_add_test(tc, first_matching_route_wins);
    tcase_add_test(tc, empty_table);
    suite_add_tcase(s, tc);
    return s;
}
