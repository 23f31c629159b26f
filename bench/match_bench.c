/* match_bench: the matching engine in-process, without HTTP: loads the
 * pool from a database (build/bench/match_bench DB [N]) and times N random
 * posts ranked against every candidate and N random candidates against
 * every post (a first page of 50 rows with reasons, as the pages ask),
 * printing the median and the 99th percentile in milliseconds. */
#include "app/matchpool.h"
#include "core/db.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Prints the median and p99 of n timings (sorted here). */
static void report(const char *label, double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, by_value);
    int p99 = (int)(0.99 * (n - 1) + 0.5);
    printf("%-44s median %7.2f ms   p99 %7.2f ms   (%d runs)\n", label, t[n / 2], t[p99], n);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: match_bench DB [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 200;
    if (runs < 1)
        runs = 200;
    log_set_quiet(1);
    if (db_init(argv[1]) != 0 || !db_conn()) {
        fprintf(stderr, "match_bench: cannot open %s\n", argv[1]);
        return 1;
    }
    size_t ncand, npost;
    double t0 = now_ms();
    if (matchpool_load(&ncand, &npost) != 0 || !ncand || !npost) {
        fprintf(stderr, "match_bench: no pool (candidates and posts?)\n");
        return 1;
    }
    printf("pool: %zu candidates, %zu posts, loaded in %.0f ms\n", ncand, npost, now_ms() - t0);
    double *t = malloc((size_t)runs * sizeof *t);
    if (!t)
        return 1;
    unsigned s = 7;
    struct matchpool_query q = { .min_score = -1, .max_km = -1, .cert = -1, .limit = 50 };
    size_t listed = 0;
    for (int i = 0; i < runs; i++) {
        s = s * 1103515245u + 12345u;
        int64_t id = matchpool_post_id((s >> 8) % npost);
        struct matchpool_answer a;
        double start = now_ms();
        if (matchpool_rank_for_post(id, &q, &a) != 0)
            return 1;
        t[i] = now_ms() - start;
        listed += a.total;
        matchpool_answer_free(&a);
    }
    report("one post against all candidates", t, runs);
    printf("  (%zu candidates ranked per post on average)\n", listed / (size_t)runs);
    listed = 0;
    for (int i = 0; i < runs; i++) {
        s = s * 1103515245u + 12345u;
        int64_t id = matchpool_candidate_id((s >> 8) % ncand);
        struct matchpool_answer a;
        double start = now_ms();
        if (matchpool_rank_for_candidate(id, &q, &a) != 0)
            return 1;
        t[i] = now_ms() - start;
        listed += a.total;
        matchpool_answer_free(&a);
    }
    report("one candidate against all posts", t, runs);
    printf("  (%zu posts ranked per candidate on average)\n", listed / (size_t)runs);
    free(t);
    db_close_all();
    return 0;
}
