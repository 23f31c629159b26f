/* The yardsticks for `make bench`: the smallest libmicrohttpd server, set up
 * like azubimatch's (thread pool over epoll), answering a fixed body.
 *
 *   hello PORT THREADS                    answers "Hello, world!\n"
 *   hello PORT THREADS FILE CONTENT-TYPE  answers FILE's bytes, read once at
 *                                         start-up, with that Content-Type
 *
 * The second form is the ceiling for a page: MHD serving the very same bytes
 * from memory, with no work per request beyond HTTP itself. */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *data, size_t *size, void **ctx)
{
    (void)url;
    (void)method;
    (void)version;
    (void)data;
    (void)size;
    /* answer on the second call, as azubimatch does: answering on the first
     * makes MHD close the connection, which would measure TCP set-up */
    static int marker;
    if (!*ctx) {
        *ctx = &marker;
        return MHD_YES;
    }
    /* a page from memory: one response, made at start-up, queued every time
     * (MHD counts its references under a lock) */
    if (cls)
        return MHD_queue_response(c, MHD_HTTP_OK, cls);
    static const char body[] = "Hello, world!\n";
    struct MHD_Response *r = MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

/* The whole file in memory, or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 8081;
    unsigned threads = argc > 2 ? (unsigned)atoi(argv[2]) : 4;
    char *page = NULL;
    struct MHD_Response *resp = NULL;
    if (argc > 3) {
        size_t len = 0;
        page = slurp(argv[3], &len);
        if (!page) {
            fprintf(stderr, "hello: cannot read %s\n", argv[3]);
            return 1;
        }
        resp = MHD_create_response_from_buffer(len, page, MHD_RESPMEM_PERSISTENT);
        if (!resp || (argc > 4 && MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, argv[4]) != MHD_YES)) {
            fprintf(stderr, "hello: cannot make the response\n");
            return 1;
        }
    }
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)port, NULL,
                                            NULL, answer, resp, MHD_OPTION_THREAD_POOL_SIZE, threads,
                                            MHD_OPTION_CONNECTION_LIMIT, 1024u, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "hello: cannot listen on %d\n", port);
        return 1;
    }
    printf("listening on http://127.0.0.1:%d\n", port);
    fflush(stdout);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGINT);
    sigprocmask(SIG_BLOCK, &s, NULL);
    int sig;
    sigwait(&s, &sig);
    MHD_stop_daemon(d);
    if (resp)
        MHD_destroy_response(resp);
    free(page);
    return 0;
}
