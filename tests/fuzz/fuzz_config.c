/* fuzz_config: the ini reader (config_load_file, through inih) and
 * config_set. The input is written to one temporary file that is rewritten
 * per input. The result is 0 or -1 with a one-line reason; after either,
 * every setting is still within its documented range and every string
 * NUL-terminated. config_set gets the input split at the first '=' (or
 * NUL), and once more with a known key chosen by the first byte. */
#include "core/config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[96];
static int fd = -1;

static void cleanup(void)
{
    if (fd >= 0)
        close(fd);
    unlink(path);
}

static void setup(void)
{
    if (fd >= 0)
        return;
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/fuzz_config.XXXXXX", tmp && *tmp && strlen(tmp) < 60 ? tmp : "/tmp");
    fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        abort();
    }
    atexit(cleanup);
}

#define STR_OK(field) (memchr(c->field, '\0', sizeof c->field) != NULL)
#define IN(field, lo, hi) (c->field >= (lo) && c->field <= (hi))

static void check(const struct config *c, int rc, const char *err, const char *what)
{
    if (rc != 0 && rc != -1) {
        fprintf(stderr, "fuzz_config: %s returned %d\n", what, rc);
        abort();
    }
    if (rc == -1 && (!memchr(err, '\0', 256) || !err[0])) {
        fprintf(stderr, "fuzz_config: %s failed without a reason\n", what);
        abort();
    }
    int ok = STR_OK(bind) && STR_OK(tls_cert) && STR_OK(tls_key) && STR_OK(db) && STR_OK(templates) &&
             STR_OK(static_dir) && STR_OK(locales) && STR_OK(default_lang) && STR_OK(timezone) &&
             IN(port, 0, 65535) && IN(threads, 1, 256) && IN(conn_timeout_s, 1, 3600) &&
             IN(conn_limit, 1, 100000) && IN(per_ip_limit, 0, 100000) && IN(conn_memory_kib, 32, 65536) &&
             IN(body_limit_kib, 1, 1024 * 1024) && IN(field_limit_kib, 1, 1024 * 1024) &&
             IN(session_idle_min, 1, 24 * 60) && IN(session_absolute_h, 1, 24 * 7) &&
             IN(login_max_failures, 1, 1000) && IN(login_window_min, 1, 24 * 60) && IN(password_t, 2, 20) &&
             IN(password_mem_mib, 19, 4096) && (c->dev == false || c->dev == true);
    if (!ok) {
        fprintf(stderr, "fuzz_config: a setting out of range or unterminated after %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    struct config c;
    char err[256];

    /* the ini file */
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size) {
        perror("fuzz_config: write");
        abort();
    }
    config_defaults(&c);
    err[0] = '\0';
    int rc = config_load_file(&c, path, true, err, sizeof err);
    check(&c, rc, err, "config_load_file");

    /* config_set: key=value from the input */
    char *copy = malloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    char *eq = strchr(copy, '=');
    const char *key = copy, *value = "";
    if (eq) {
        *eq = '\0';
        value = eq + 1;
    }
    config_defaults(&c);
    err[0] = '\0';
    rc = config_set(&c, key, value, err, sizeof err);
    check(&c, rc, err, "config_set");

    /* config_set: a known key, the rest of the input as value */
    static const char *keys[] = { "bind", "port", "threads", "connection_timeout", "per_ip_connection_limit",
                                  "connection_memory_kib", "body_limit_kib", "field_limit_kib", "dev", "tls_cert",
                                  "db", "locales", "default_lang", "timezone", "session_idle_minutes",
                                  "password_ops", "password_mem_mib" };
    if (size) {
        memcpy(copy, data + 1, size - 1);
        copy[size - 1] = '\0';
        config_defaults(&c);
        err[0] = '\0';
        rc = config_set(&c, keys[data[0] % (sizeof keys / sizeof keys[0])], copy, err, sizeof err);
        check(&c, rc, err, "config_set");
    }
    free(copy);
    return 0;
}
