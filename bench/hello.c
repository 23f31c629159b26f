/* The yardstick for `make bench`: the smallest libmicrohttpd server, set up
 * like azubimatch's (thread pool over epoll), answering a fixed body. */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *data, size_t *size, void **ctx)
{
    (void)cls;
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
    static const char body[] = "Hello, world!\n";
    struct MHD_Response *r = MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 8081;
    unsigned threads = argc > 2 ? (unsigned)atoi(argv[2]) : 4;
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)port, NULL,
                                            NULL, answer, NULL, MHD_OPTION_THREAD_POOL_SIZE, threads,
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
    return 0;
}
