/* fuzz_router: router_match against a small fixed table covering every
 * segment kind (literal, {id}, {token}, trailing *). The first byte picks the
 * method, the rest is the path. Invariants: FOUND names a route of the asked
 * method (GET for HEAD) whose pattern the path really has, with one captured,
 * non-empty, NUL-terminated parameter per placeholder ({id}: digits, no
 * leading zero, at most 18; {token}: [A-Za-z0-9_-]); METHOD lists an Allow. */
#include "app/auth.h"
#include "core/router.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int h(struct req *r) { (void)r; return 0; }

static const struct route table[] = {
    { "GET", "/", h, ROLE_PUBLIC, 0, 0 },
    { "GET", "/companies", h, ROLE_VIEWER, 0, 0 },
    { "POST", "/companies", h, ROLE_CASEWORKER, 0, 0 },
    { "GET", "/companies/new", h, ROLE_CASEWORKER, 0, 0 },
    { "GET", "/companies/{id}", h, ROLE_VIEWER, 0, 0 },
    { "POST", "/companies/{id}", h, ROLE_CASEWORKER, 0, 0 },
    { "GET", "/companies/{id}/activities", h, ROLE_VIEWER, 0, 0 },
    { "POST", "/companies/{id}/activities/{id}/delete", h, ROLE_CASEWORKER, 0, 0 },
    { "GET", "/invite/{token}", h, ROLE_PUBLIC, 0, ROUTE_NO_CSRF },
    { "POST", "/invite/{token}", h, ROLE_PUBLIC, 0, ROUTE_NO_CSRF },
    { "GET", "/static/*", h, ROLE_PUBLIC, 0, 0 },
    { "PUT", "/a/{id}/{token}/{id}/*", h, ROLE_ADMIN, 0, 0 },          /* REQ_MAX_PARAMS captures */
    { "DELETE", "/b/{id}/{id}/{id}/{id}/{id}", h, ROLE_ADMIN, 0, 0 },  /* one too many: never FOUND */
    { "GET", "/{token}/x", h, ROLE_PUBLIC, 0, 0 },
};
#define NROUTES (sizeof table / sizeof table[0])

static const char *methods[] = { "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "" };

static void fail(const char *why, const char *method, const char *path)
{
    fprintf(stderr, "fuzz_router: %s (method \"%s\", path \"%s\")\n", why, method, path);
    abort();
}

static int param_ok(const char *p, int id)
{
    size_t n = strlen(p);
    if (n == 0)
        return 0;
    if (id && (n > 18 || p[0] == '0'))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        int digit = c >= '0' && c <= '9';
        int tok = digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
        if (id ? !digit : !tok)
            return 0;
    }
    return 1;
}

/* Re-walks pattern against path using the captures, so FOUND is confirmed
 * by a second, independent reading. */
static void check_found(const struct route *rt, const char *method, const char *path, const struct route_match *m)
{
    if (m->nparams < 0 || m->nparams > REQ_MAX_PARAMS)
        fail("nparams out of range", method, path);
    for (int i = 0; i < m->nparams; i++)
        if (!memchr(m->params[i], '\0', REQ_PARAM_MAX) || m->params[i][0] == '\0')
            fail("parameter not NUL-terminated or empty", method, path);
    const char *pat = rt->pattern;
    const char *p = path;
    int k = 0;
    while (*pat) {
        if (*pat != '/' || *p != '/')
            fail("FOUND but path does not follow pattern", method, path);
        pat++, p++;
        size_t plen = strcspn(pat, "/");
        size_t slen = strcspn(p, "/");
        if (plen == 1 && pat[0] == '*') {
            if (k >= m->nparams || strcmp(m->params[k], p) != 0)
                fail("trailing * capture differs from the rest of the path", method, path);
            k++;
            p += strlen(p);
            pat++;
            break;
        }
        if (pat[0] == '{') {
            int id = plen == 4 && memcmp(pat, "{id}", 4) == 0;
            if (k >= m->nparams || strlen(m->params[k]) != slen || memcmp(m->params[k], p, slen) != 0)
                fail("capture differs from the path segment", method, path);
            if (!param_ok(m->params[k], id))
                fail(id ? "{id} capture is not a positive integer" : "{token} capture has a bad character",
                     method, path);
            k++;
        } else if (plen != slen || memcmp(pat, p, plen) != 0) {
            fail("literal segment differs", method, path);
        }
        pat += plen;
        p += slen;
    }
    if (*p || *pat)
        fail("FOUND with path and pattern of different length", method, path);
    if (k != m->nparams)
        fail("nparams differs from the number of placeholders", method, path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *method = methods[data[0] % (sizeof methods / sizeof methods[0])];
    char *path = malloc(size);
    memcpy(path, data + 1, size - 1);
    path[size - 1] = '\0';

    struct route_match m;
    memset(&m, 0xa5, sizeof m); /* garbage in, so nothing relies on a zeroed struct */
    enum router_result r = router_match(table, NROUTES, method, path, &m);
    const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
    switch (r) {
    case ROUTER_FOUND:
        if (!m.route || m.route < table || m.route >= table + NROUTES)
            fail("FOUND without a route of the table", method, path);
        if (strcmp(m.route->method, want) != 0)
            fail("FOUND a route of another method", method, path);
        if (m.route == &table[12])
            fail("FOUND a route with more placeholders than REQ_MAX_PARAMS", method, path);
        check_found(m.route, method, path, &m);
        break;
    case ROUTER_METHOD:
        if (!memchr(m.allow, '\0', sizeof m.allow) || !m.allow[0])
            fail("METHOD without an Allow list", method, path);
        for (const char *a = m.allow; *a;) { /* "GET, HEAD, POST": want must not be listed */
            size_t n = strcspn(a, ",");
            if (n == strlen(want) && memcmp(a, want, n) == 0)
                fail("METHOD although Allow lists the method", method, path);
            a += n;
            a += strspn(a, ", ");
        }
        break;
    case ROUTER_NOT_FOUND:
        break;
    default:
        fail("unknown result", method, path);
    }
    free(path);
    return 0;
}
