#include "core/router.h"

#include <stdio.h>
#include <string.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_token_char(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

/* Compares one path against one pattern segment by segment, capturing
 * parameters. No allocation: both strings are walked in place. */
static bool match_pattern(const char *pat, const char *path, struct route_match *m)
{
    m->nparams = 0;
    if (*pat != '/' || *path != '/')
        return false;
    for (;;) {
        pat++;
        path++;
        const char *pend = strchr(pat, '/');
        size_t plen = pend ? (size_t)(pend - pat) : strlen(pat);
        const char *send = strchr(path, '/');
        size_t slen = send ? (size_t)(send - path) : strlen(path);

        if (plen == 1 && pat[0] == '*') {
            /* the rest of the path, which must not be empty */
            size_t rest = strlen(path);
            if (rest == 0 || rest >= REQ_PARAM_MAX || m->nparams == REQ_MAX_PARAMS)
                return false;
            memcpy(m->params[m->nparams++], path, rest + 1);
            return true;
        }
        if (plen >= 2 && pat[0] == '{') {
            bool digits = strncmp(pat, "{id}", plen) == 0 && plen == 4;
            if (slen == 0 || slen >= REQ_PARAM_MAX || m->nparams == REQ_MAX_PARAMS)
                return false;
            if (digits && (slen > 18 || path[0] == '0'))
                return false;
            for (size_t i = 0; i < slen; i++)
                if (digits ? !is_digit(path[i]) : !is_token_char(path[i]))
                    return false;
            memcpy(m->params[m->nparams], path, slen);
            m->params[m->nparams++][slen] = '\0';
        } else if (plen != slen || memcmp(pat, path, plen) != 0) {
            return false;
        }
        if (!pend || !send)
            return !pend && !send;
        pat = pend;
        path = send;
    }
}

static void allow_add(char *allow, size_t size, const char *method)
{
    if (strstr(allow, method))
        return;
    size_t len = strlen(allow);
    snprintf(allow + len, size - len, "%s%s", len ? ", " : "", method);
}

enum router_result router_match(const struct route *table, size_t n, const char *method, const char *path,
                                struct route_match *m)
{
    const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
    bool path_known = false;
    m->allow[0] = '\0';
    m->route = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!match_pattern(table[i].pattern, path, m))
            continue;
        if (strcmp(table[i].method, want) == 0) {
            m->route = &table[i];
            return ROUTER_FOUND;
        }
        path_known = true;
    }
    if (!path_known)
        return ROUTER_NOT_FOUND;
    /* second pass for Allow, now that we know the path exists */
    struct route_match scratch;
    for (size_t i = 0; i < n; i++) {
        if (!match_pattern(table[i].pattern, path, &scratch))
            continue;
        allow_add(m->allow, sizeof m->allow, table[i].method);
        if (strcmp(table[i].method, "GET") == 0)
            allow_add(m->allow, sizeof m->allow, "HEAD");
    }
    return ROUTER_METHOD;
}
