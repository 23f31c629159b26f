/* match: the scoring engine. Pure C: no HTTP, no SQL, no JSON, no
 * allocation in the scoring itself. It orders and explains; it never
 * decides (GDPR Art. 22): a caseworker proposes.
 *
 * It works on compact records the pool (app/matchpool.c) keeps in memory:
 * ids, small integers, occupation ids, languages as a bit set (the pool
 * numbers the codes), places as kilometres on a flat map around Offenbach,
 * days as day numbers. A pair gets points per criterion, each in
 * [0, its weight]; the score is round(100 * sum(points) / sum(weights)).
 * Ranking is by score, high first, then by id, low first (stable and the
 * same on every run). */
#ifndef MATCH_MATCH_H
#define MATCH_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* School certificates, ordered as in design.md. */
enum match_cert { CERT_NONE, CERT_HAUPTSCHULE, CERT_MITTLERE_REIFE, CERT_FHR, CERT_ABITUR, CERT_COUNT };
#define MATCH_CERT_UNKNOWN 255 /* no expected certificate given */
#define MATCH_NO_DAY INT32_MIN /* no date given */
#define MATCH_MAX_WISHES 3
#define MATCH_NO_TOWN 0xffff

/* The criteria, in the order reasons are listed. */
enum match_criterion { CRIT_OCCUPATION, CRIT_CERTIFICATE, CRIT_DISTANCE, CRIT_START, CRIT_LANGUAGES, CRIT_CONTACT,
                       CRIT_COUNT };

/* Weights and defaults ([matching] in config.ini). */
struct match_config {
    int weight[CRIT_COUNT];  /* each 0..100, at least one above 0 */
    int default_commute_km;  /* when a candidate gave no limit */
    int late_months;         /* a start this many months after the post's gives 0 points */
};

/* A candidate as the engine sees it. */
struct match_candidate {
    int64_t id;
    int32_t wish[MATCH_MAX_WISHES]; /* desired occupation ids, most wanted first; 0 = none */
    int32_t available;              /* day number, or MATCH_NO_DAY (available now) */
    float x, y;                     /* km east and north of the map's origin */
    uint64_t langs;                 /* languages besides German, as the pool numbers them */
    int16_t commute_km;             /* -1: not given (the default applies) */
    uint16_t town;                  /* the pool's number of the town, or MATCH_NO_TOWN */
    uint8_t cert, expected;         /* enum match_cert; expected may be MATCH_CERT_UNKNOWN */
    bool located;                   /* x, y known */
    bool eligible;                  /* new or active, not left out of matching */
};

/* A post as the engine sees it. */
struct match_post {
    int64_t id;
    int64_t company_id;
    int32_t occupation;
    int32_t start;                  /* day number, or MATCH_NO_DAY */
    float x, y;
    uint64_t langs;
    uint16_t town;
    uint8_t min_cert;
    bool located;
    bool eligible;                  /* open with free places */
};

/* An earlier contact of a candidate with a company. */
enum match_contact_kind { CONTACT_NONE, CONTACT_EVENT, CONTACT_INTERNSHIP };
struct match_contact {
    int64_t candidate_id;
    int64_t company_id;
    int32_t day;
    uint8_t kind;                   /* enum match_contact_kind */
};

/* Why a criterion gave what it gave: the facts a page words. */
struct match_reason {
    int points;                     /* 0..weight */
    int weight;
    int detail;                     /* which case, per criterion (enum match_detail) */
    int value;                      /* occupation: rank 1..3; distance: km (rounded); start: days late;
                                     * certificate: the level that counted */
    int limit;                      /* distance: the commute limit in km */
    int32_t day;                    /* start: the candidate's availability; contact: its day; or MATCH_NO_DAY */
    uint64_t langs;                 /* languages in common */
};

/* The cases a reason's detail names. */
enum match_detail {
    D_OCC_RANK, D_OCC_NOT_WISHED,
    D_CERT_MET, D_CERT_EXPECTED, D_CERT_BELOW,
    D_DIST_WITHIN, D_DIST_BEYOND, D_DIST_UNKNOWN,
    D_START_READY, D_START_LATE, D_START_UNKNOWN,
    D_LANG_COMMON, D_LANG_NONE,
    D_CONTACT_EVENT, D_CONTACT_INTERNSHIP, D_CONTACT_NONE,
};

struct match_result {
    int score;                      /* 0..100 */
    struct match_reason reason[CRIT_COUNT];
};

/* Filters of a ranking; -1 (or MATCH_NO_TOWN) for none. */
struct match_filter {
    int min_score;
    int max_km;
    int cert;                       /* the other side's certificate (candidates) or minimum (posts) */
    uint16_t town;                  /* the other side's town; MATCH_NO_TOWN: any */
    bool town_unknown;              /* a town was asked for that no record has: nothing matches */
};
void match_filter_none(struct match_filter *f);

/* The documented defaults (the same as config.ini's). */
void match_config_defaults(struct match_config *cfg);

/* Scores one pair. contact: the best earlier contact of the candidate with
 * the post's company, or NULL. All borrowed. */
void match_score(const struct match_config *cfg, const struct match_candidate *c, const struct match_post *p,
                 const struct match_contact *contact, struct match_result *out);

/* The straight-line distance of a pair in km, or -1 when either is not
 * located. */
float match_km(const struct match_candidate *c, const struct match_post *p);

/* A page of a ranking: which records (indexes into the array ranked), in
 * order, and how many passed the hard filters and the filters in all. */
struct match_page {
    size_t total;
    size_t n;                       /* rows on this page (at most the capacity given) */
    uint32_t *index;                /* caller's array of capacity rows */
    uint8_t *score;                 /* caller's array of capacity rows */
};

/* Ranks every eligible candidate of cands (n of them, sorted by id) for the
 * post p and fills the page [offset, offset + capacity) in rank order.
 * met: the contacts with p's company, sorted by candidate id (nmet of
 * them; several per candidate allowed). scratch: n bytes of the caller's.
 * A post that is not eligible ranks nobody. */
void match_rank_candidates(const struct match_config *cfg, const struct match_post *p,
                           const struct match_candidate *cands, size_t n, const struct match_contact *met, size_t nmet,
                           const struct match_filter *f, size_t offset, size_t capacity, uint8_t *scratch,
                           struct match_page *page);

/* The same the other way: every eligible post of posts (n, sorted by id)
 * for the candidate c, whose contacts (any companies) are mine. */
void match_rank_posts(const struct match_config *cfg, const struct match_candidate *c, const struct match_post *posts,
                      size_t n, const struct match_contact *mine, size_t nmine, const struct match_filter *f,
                      size_t offset, size_t capacity, uint8_t *scratch, struct match_page *page);

/* Of the contacts given, the best one with company (an internship before
 * an event, then the latest), or NULL. Borrowed from the array. */
const struct match_contact *match_best_contact(const struct match_contact *list, size_t n, int64_t company_id);

/* Day numbers (days since 1970-01-01) of "YYYY-MM-DD": MATCH_NO_DAY for
 * NULL, "" or anything malformed; and back, into out (11 bytes). */
int32_t match_day(const char *iso);
void match_day_iso(int32_t day, char out[11]);

/* A certificate word ("mittlere_reife") as enum match_cert, or -1. */
int match_cert_of(const char *word);

/* Latitude and longitude to the engine's flat map (km around Offenbach). */
void match_project(double lat, double lon, float *x, float *y);

#endif
