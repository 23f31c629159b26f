#include "core/static.h"

#include "core/text.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[PATH_MAX];
static size_t root_len;
static bool dev_mode;

int static_configure(const char *dir, bool dev, char *err, size_t errlen)
{
    if (!realpath(dir, root)) {
        snprintf(err, errlen, "static directory %s: %s", dir, strerror(errno));
        return -1;
    }
    root_len = strlen(root);
    dev_mode = dev;
    return 0;
}

static const struct {
    const char *ext;
    const char *type;
} types[] = {
    { "css", "text/css; charset=utf-8" },
    { "js", "text/javascript; charset=utf-8" },
    { "svg", "image/svg+xml" },
    { "png", "image/png" },
    { "jpg", "image/jpeg" },
    { "ico", "image/x-icon" },
    { "woff2", "font/woff2" },
    { "txt", "text/plain; charset=utf-8" },
    { "json", "application/json" },
    { "webmanifest", "application/manifest+json" },
};

const char *static_mime_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot)
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcasecmp(dot + 1, types[i].ext) == 0)
                return types[i].type;
    return "application/octet-stream";
}

/* Refuses anything that could name a place outside the directory or a file
 * nobody meant to publish, before touching the file system. */
static bool safe_relative(const char *rel)
{
    size_t n = strlen(rel);
    if (n == 0 || rel[0] == '/' || !text_valid(rel, n) || strchr(rel, '\\'))
        return false;
    const char *seg = rel;
    for (;;) {
        if (seg[0] == '.' || seg[0] == '/' || seg[0] == '\0')
            return false; /* hidden, "..", "." or an empty segment */
        const char *slash = strchr(seg, '/');
        if (!slash)
            return true;
        seg = slash + 1;
    }
}

int static_serve(struct req *r)
{
    const char *rel = r->params[0];
    if (!root_len || !safe_relative(rel))
        return req_fail(r, ERR_NOT_FOUND);
    char path[PATH_MAX], real[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", root, rel) >= (int)sizeof path)
        return req_fail(r, ERR_NOT_FOUND);
    /* symlinks are resolved, then the result must still lie inside */
    if (!realpath(path, real) || strncmp(real, root, root_len) != 0 || real[root_len] != '/')
        return req_fail(r, ERR_NOT_FOUND);
    int fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return req_fail(r, ERR_NOT_FOUND);
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return req_fail(r, ERR_NOT_FOUND);
    }
    char etag[64];
    snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtime);
    const char *inm = req_header(r, "If-None-Match");
    struct MHD_Response *resp;
    if (inm && strcmp(inm, etag) == 0) {
        close(fd);
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        r->status = 304;
        r->sent_bytes = 0;
    } else {
        resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
        if (!resp) {
            close(fd);
            return req_fail(r, ERR_INTERNAL);
        }
        r->status = 200;
        r->sent_bytes = (size_t)st.st_size;
        MHD_add_response_header(resp, "Content-Type", static_mime_type(real));
    }
    MHD_add_response_header(resp, "ETag", etag);
    r->cache_control = dev_mode ? "no-cache" : "public, max-age=86400";
    r->raw = resp;
    return 0;
}
