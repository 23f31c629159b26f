/* matchpool: the whole pool of candidates and posts in the compact form the
 * scoring engine (src/match) reads, kept current with the database, and
 * the two rankings the match pages ask for.
 *
 * Kept current three ways:
 *   - writes of this process call a touch function (after_write hooks and
 *     handlers); the next ranking re-reads those records first, under the
 *     write lock, and does so again for two seconds (a touch inside a
 *     transaction may come before its commit);
 *   - at most every half second, a ranking compares a fingerprint of the
 *     tables (counts, highest ids, latest saves) with the pool's: a change
 *     by another process (seed, a second server) rebuilds the pool;
 *   - matchpool_touch_all() rebuilds it at the next ranking.
 * A rebuild reads everything outside the lock and swaps it in; readers
 * hold a read lock (writers preferred) only while ranking.
 *
 * Thread-safe. Uses the calling thread's database connection (db.h). */
#ifndef APP_MATCHPOOL_H
#define APP_MATCHPOOL_H

#include "match/match.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The weights and defaults rankings use (copied); before the first one. */
void matchpool_configure(const struct match_config *cfg);
/* The configuration in use (borrowed, static). */
const struct match_config *matchpool_config(void);

/* A record of this process changed (or was made, or deleted). */
void matchpool_touch_candidate(int64_t id);
void matchpool_touch_post(int64_t id);
/* Events, their attendance or internships changed: earlier contacts. */
void matchpool_touch_contacts(void);
/* Anything may have changed: rebuild at the next ranking. */
void matchpool_touch_all(void);

/* What a page asks of a ranking. city: the other side's town as typed
 * (borrowed; NULL for any); -1 for no min_score, max_km, cert. */
struct matchpool_query {
    int min_score, max_km, cert;
    const char *city;
    size_t offset, limit;
};

/* A row of a ranking: the other side's id and its score and reasons. */
struct matchpool_row {
    int64_t id;
    struct match_result result;
};

/* A ranking, copied out of the pool: the caller owns rows (free with
 * matchpool_answer_free). */
struct matchpool_answer {
    bool found;                 /* the subject is in the database */
    bool eligible;              /* it passes the hard filters */
    size_t total;               /* rows in the whole ranking */
    size_t n;
    struct matchpool_row *rows;
    char langs[64][3];          /* the codes of the language bits in the reasons */
};

/* Ranks candidates for a post, or posts for a candidate. 0 (found or
 * not: see out->found), or -1 on a database error (logged). */
int matchpool_rank_for_post(int64_t post_id, const struct matchpool_query *q, struct matchpool_answer *out);
int matchpool_rank_for_candidate(int64_t candidate_id, const struct matchpool_query *q, struct matchpool_answer *out);
void matchpool_answer_free(struct matchpool_answer *a);

/* Builds the pool now (the bench, and a server that wants it warm). 0 or
 * -1. Counts of candidates and posts in it, when not NULL. */
int matchpool_load(size_t *candidates, size_t *posts);

/* Ids of the pool's records (the bench picks from them): the i-th
 * candidate or post, or 0 past the end. */
int64_t matchpool_candidate_id(size_t i);
int64_t matchpool_post_id(size_t i);

#endif
