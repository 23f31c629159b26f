/* match: the scoring engine (src/match): each criterion and its
 * boundaries, score bounds, ties, hard filters, filters and paging. Pure
 * functions on compact records: no database. */
#include "suites.h"

#include "match/match.h"

#include <string.h>

static struct match_config cfg;

static void setup(void) { match_config_defaults(&cfg); }

/* A candidate who fits post() perfectly but for what a test changes:
 * first wish 7, abitur, at the map's origin, 25 km limit, available, no
 * languages besides German. */
static struct match_candidate cand(int64_t id)
{
    return (struct match_candidate){ .id = id, .wish = { 7, 0, 0 }, .available = MATCH_NO_DAY, .x = 0, .y = 0,
                                     .commute_km = 25, .town = 1, .cert = CERT_ABITUR,
                                     .expected = MATCH_CERT_UNKNOWN, .located = true, .eligible = true };
}

static struct match_post post(int64_t id)
{
    return (struct match_post){ .id = id, .company_id = 100, .occupation = 7, .start = match_day("2027-08-01"),
                                .x = 0, .y = 0, .town = 1, .min_cert = CERT_MITTLERE_REIFE, .located = true,
                                .eligible = true };
}

static struct match_result score(const struct match_candidate *c, const struct match_post *p,
                                 const struct match_contact *m)
{
    struct match_result r;
    match_score(&cfg, c, p, m, &r);
    return r;
}

START_TEST(defaults_add_up_to_100)
{
    int sum = 0;
    for (int k = 0; k < CRIT_COUNT; k++)
        sum += cfg.weight[k];
    ck_assert_int_eq(sum, 100);
}
END_TEST

START_TEST(occupation_and_its_rank)
{
    struct match_candidate c = cand(1);
    struct match_post p = post(1);
    struct match_result r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_OCCUPATION].points, 40);
    ck_assert_int_eq(r.reason[CRIT_OCCUPATION].detail, D_OCC_RANK);
    ck_assert_int_eq(r.reason[CRIT_OCCUPATION].value, 1);
    c.wish[0] = 3;
    c.wish[1] = 7;
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_OCCUPATION].points, 30);
    ck_assert_int_eq(r.reason[CRIT_OCCUPATION].value, 2);
    c.wish[1] = 4;
    c.wish[2] = 7;
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_OCCUPATION].points, 20);
    ck_assert_int_eq(r.reason[CRIT_OCCUPATION].value, 3);
    c.wish[2] = 0;
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_OCCUPATION].points, 0);
    ck_assert_int_eq(r.reason[CRIT_OCCUPATION].detail, D_OCC_NOT_WISHED);
}
END_TEST

START_TEST(certificate_gradual_and_exactly_at_minimum)
{
    struct match_candidate c = cand(1);
    struct match_post p = post(1);
    c.cert = CERT_MITTLERE_REIFE; /* exactly the minimum */
    struct match_result r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_CERTIFICATE].points, 20);
    ck_assert_int_eq(r.reason[CRIT_CERTIFICATE].detail, D_CERT_MET);
    c.cert = CERT_HAUPTSCHULE;
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_CERTIFICATE].points, 10);
    ck_assert_int_eq(r.reason[CRIT_CERTIFICATE].detail, D_CERT_BELOW);
    c.expected = CERT_MITTLERE_REIFE; /* the expected one reaches it: three quarters */
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_CERTIFICATE].points, 15);
    ck_assert_int_eq(r.reason[CRIT_CERTIFICATE].detail, D_CERT_EXPECTED);
    ck_assert_int_eq(r.reason[CRIT_CERTIFICATE].value, CERT_MITTLERE_REIFE);
    c.expected = MATCH_CERT_UNKNOWN;
    c.cert = CERT_NONE;
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_CERTIFICATE].points, 5);
    p.min_cert = CERT_ABITUR;
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_CERTIFICATE].points, 0);
}
END_TEST

START_TEST(distance_against_commute_limit)
{
    struct match_candidate c = cand(1);
    struct match_post p = post(1);
    struct match_result r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].points, 20); /* at the door */
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].value, 0);
    p.x = 25; /* exactly at the limit: half */
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].detail, D_DIST_WITHIN);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].points, 10);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].value, 25);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].limit, 25);
    p.x = 25.5f; /* beyond it: nothing */
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].detail, D_DIST_BEYOND);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].points, 0);
    p.x = 3;
    p.y = 4; /* 5 km of 25: 1 - 0.5 * 5 / 25 = 0.9 */
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].value, 5);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].points, 18);
    c.commute_km = -1; /* no limit given: the default */
    cfg.default_commute_km = 4;
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].limit, 4);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].points, 0);
    c.commute_km = 0; /* a limit of 0: only the same place */
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].points, 0);
    p.x = p.y = 0;
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].points, 20);
}
END_TEST

START_TEST(distance_unknown_without_place)
{
    struct match_candidate c = cand(1);
    struct match_post p = post(1);
    c.located = false;
    struct match_result r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].detail, D_DIST_UNKNOWN);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].points, 0);
    ck_assert(r.score >= 0 && r.score <= 100);
    ck_assert(match_km(&c, &p) < 0);
    c.located = true;
    p.located = false;
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_DISTANCE].detail, D_DIST_UNKNOWN);
}
END_TEST

START_TEST(start_date_against_availability)
{
    struct match_candidate c = cand(1);
    struct match_post p = post(1);
    c.available = p.start; /* available on the very day */
    struct match_result r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_START].detail, D_START_READY);
    ck_assert_int_eq(r.reason[CRIT_START].points, 10);
    ck_assert_int_eq(r.reason[CRIT_START].day, p.start);
    c.available = match_day("2027-10-01"); /* two months late of three */
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_START].detail, D_START_LATE);
    ck_assert_int_eq(r.reason[CRIT_START].value, 61);
    ck_assert_int_eq(r.reason[CRIT_START].points, 3);
    c.available = match_day("2027-12-01");
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_START].points, 0);
    c.available = MATCH_NO_DAY;
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_START].points, 10);
}
END_TEST

START_TEST(languages_in_common)
{
    struct match_candidate c = cand(1);
    struct match_post p = post(1);
    struct match_result r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_LANGUAGES].points, 0);
    ck_assert_int_eq(r.reason[CRIT_LANGUAGES].detail, D_LANG_NONE);
    c.langs = 0x5; /* bits 0 and 2 */
    p.langs = 0x6; /* bits 1 and 2 */
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_LANGUAGES].points, 5);
    ck_assert_uint_eq(r.reason[CRIT_LANGUAGES].langs, 0x4);
}
END_TEST

START_TEST(earlier_contact)
{
    struct match_candidate c = cand(1);
    struct match_post p = post(1);
    struct match_contact list[] = {
        { .candidate_id = 1, .company_id = 100, .kind = CONTACT_EVENT, .day = match_day("2026-11-17") },
        { .candidate_id = 1, .company_id = 200, .kind = CONTACT_INTERNSHIP, .day = match_day("2026-10-01") },
        { .candidate_id = 1, .company_id = 100, .kind = CONTACT_EVENT, .day = match_day("2026-05-01") },
    };
    const struct match_contact *best = match_best_contact(list, 3, 100);
    ck_assert_ptr_eq(best, &list[0]); /* the latest event with this company */
    struct match_result r = score(&c, &p, best);
    ck_assert_int_eq(r.reason[CRIT_CONTACT].points, 5);
    ck_assert_int_eq(r.reason[CRIT_CONTACT].detail, D_CONTACT_EVENT);
    ck_assert_int_eq(r.reason[CRIT_CONTACT].day, match_day("2026-11-17"));
    list[2].kind = CONTACT_INTERNSHIP; /* an internship tells more */
    ck_assert_ptr_eq(match_best_contact(list, 3, 100), &list[2]);
    ck_assert_ptr_null(match_best_contact(list, 3, 300));
    r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_CONTACT].points, 0);
    ck_assert_int_eq(r.reason[CRIT_CONTACT].detail, D_CONTACT_NONE);
}
END_TEST

START_TEST(score_bounds_and_weights)
{
    struct match_candidate c = cand(1);
    struct match_post p = post(1);
    c.langs = p.langs = 1;
    struct match_contact m = { .candidate_id = 1, .company_id = 100, .kind = CONTACT_INTERNSHIP, .day = 1 };
    ck_assert_int_eq(score(&c, &p, &m).score, 100);
    /* nothing fits: 0 */
    c.wish[0] = 0;
    c.cert = CERT_NONE;
    p.min_cert = CERT_ABITUR;
    p.x = 500;
    c.available = p.start + 365;
    c.langs = 0;
    ck_assert_int_eq(score(&c, &p, NULL).score, 0);
    /* the score is 100 * points / weights, rounded: only occupation of 40 */
    c.wish[0] = 7;
    ck_assert_int_eq(score(&c, &p, NULL).score, 40);
    /* weights from config: occupation alone decides */
    memset(cfg.weight, 0, sizeof cfg.weight);
    cfg.weight[CRIT_OCCUPATION] = 3;
    ck_assert_int_eq(score(&c, &p, NULL).score, 100);
    c.wish[0] = 0;
    c.wish[1] = 7; /* 3 * 0.75 = 2.25 -> 2 points of 3 -> 67 */
    struct match_result r = score(&c, &p, NULL);
    ck_assert_int_eq(r.reason[CRIT_OCCUPATION].points, 2);
    ck_assert_int_eq(r.score, 67);
    for (int k = 0; k < CRIT_COUNT; k++)
        ck_assert(r.reason[k].points >= 0 && r.reason[k].points <= r.reason[k].weight);
}
END_TEST

/* Ranks cands for p; the page's ids into ids. Returns the total. */
static size_t rank_ids(const struct match_post *p, const struct match_candidate *cands, size_t n,
                       const struct match_filter *f, size_t offset, size_t cap, int64_t *ids)
{
    uint8_t scratch[64], scores[64];
    uint32_t index[64];
    struct match_page page = { .index = index, .score = scores };
    match_rank_candidates(&cfg, p, cands, n, NULL, 0, f, offset, cap, scratch, &page);
    for (size_t i = 0; i < page.n; i++)
        ids[i] = cands[index[i]].id;
    for (size_t i = page.n; i < cap; i++)
        ids[i] = 0;
    return page.total;
}

START_TEST(ranking_order_ties_by_id_and_hard_filters)
{
    struct match_candidate cs[6];
    for (int i = 0; i < 6; i++)
        cs[i] = cand(10 + i);
    cs[0].wish[0] = 0;          /* id 10: not wished: low */
    cs[2].eligible = false;     /* id 12: inactive or left out: never listed */
    cs[3].cert = CERT_NONE;     /* id 13: below: in the middle */
    /* ids 11, 14, 15 tie at the top: by id */
    struct match_post p = post(1);
    struct match_filter f;
    match_filter_none(&f);
    int64_t ids[6];
    ck_assert_uint_eq(rank_ids(&p, cs, 6, &f, 0, 6, ids), 5);
    int64_t want[] = { 11, 14, 15, 13, 10, 0 };
    for (int i = 0; i < 6; i++)
        ck_assert_int_eq(ids[i], want[i]);
    /* paging: the second page of two */
    ck_assert_uint_eq(rank_ids(&p, cs, 6, &f, 2, 2, ids), 5);
    ck_assert_int_eq(ids[0], 15);
    ck_assert_int_eq(ids[1], 13);
    ck_assert_uint_eq(rank_ids(&p, cs, 6, &f, 10, 2, ids), 5);
    ck_assert_int_eq(ids[0], 0);
    /* a post that is not open (or full) ranks nobody */
    p.eligible = false;
    ck_assert_uint_eq(rank_ids(&p, cs, 6, &f, 0, 6, ids), 0);
}
END_TEST

START_TEST(ranking_filters)
{
    struct match_candidate cs[4];
    for (int i = 0; i < 4; i++)
        cs[i] = cand(i + 1);
    cs[1].x = 30;             /* id 2: 30 km away */
    cs[2].town = 2;           /* id 3: another town */
    cs[3].cert = CERT_HAUPTSCHULE;
    cs[3].located = false;    /* id 4: no place */
    struct match_post p = post(1);
    struct match_filter f;
    int64_t ids[4];
    match_filter_none(&f);
    f.max_km = 10;
    ck_assert_uint_eq(rank_ids(&p, cs, 4, &f, 0, 4, ids), 2); /* 1 and 3; 2 too far, 4 unknown */
    match_filter_none(&f);
    f.town = 2;
    ck_assert_uint_eq(rank_ids(&p, cs, 4, &f, 0, 4, ids), 1);
    ck_assert_int_eq(ids[0], 3);
    match_filter_none(&f);
    f.town_unknown = true;
    ck_assert_uint_eq(rank_ids(&p, cs, 4, &f, 0, 4, ids), 0);
    match_filter_none(&f);
    f.cert = CERT_HAUPTSCHULE;
    ck_assert_uint_eq(rank_ids(&p, cs, 4, &f, 0, 4, ids), 1);
    ck_assert_int_eq(ids[0], 4);
    match_filter_none(&f);
    f.min_score = 100;
    ck_assert_uint_eq(rank_ids(&p, cs, 4, &f, 0, 4, ids), 0); /* nobody has languages or contact */
    f.min_score = 90;
    ck_assert_uint_eq(rank_ids(&p, cs, 4, &f, 0, 4, ids), 2); /* 1 and 3 at 90 */
}
END_TEST

START_TEST(posts_for_a_candidate)
{
    struct match_post ps[3] = { post(5), post(6), post(7) };
    ps[0].occupation = 9;       /* not wished */
    ps[1].eligible = false;     /* filled */
    ps[2].company_id = 300;
    struct match_contact mine[] = { { .candidate_id = 1, .company_id = 300, .kind = CONTACT_EVENT, .day = 1 } };
    struct match_candidate c = cand(1);
    struct match_filter f;
    match_filter_none(&f);
    uint8_t scratch[3], scores[3];
    uint32_t index[3];
    struct match_page page = { .index = index, .score = scores };
    match_rank_posts(&cfg, &c, ps, 3, mine, 1, &f, 0, 3, scratch, &page);
    ck_assert_uint_eq(page.total, 2);
    ck_assert_int_eq(ps[index[0]].id, 7); /* wished and met */
    ck_assert_int_eq(scores[0], 95);
    ck_assert_int_eq(ps[index[1]].id, 5);
    c.eligible = false;
    match_rank_posts(&cfg, &c, ps, 3, mine, 1, &f, 0, 3, scratch, &page);
    ck_assert_uint_eq(page.total, 0);
}
END_TEST

START_TEST(days_certificates_and_map)
{
    ck_assert_int_eq(match_day("1970-01-01"), 0);
    ck_assert_int_eq(match_day("2027-08-01") - match_day("2027-07-01"), 31);
    ck_assert_int_eq(match_day(""), MATCH_NO_DAY);
    ck_assert_int_eq(match_day(NULL), MATCH_NO_DAY);
    ck_assert_int_eq(match_day("2027-13-01"), MATCH_NO_DAY);
    ck_assert_int_eq(match_day("2027-08-01x"), MATCH_NO_DAY);
    char iso[11];
    match_day_iso(match_day("2028-02-29"), iso);
    ck_assert_str_eq(iso, "2028-02-29");
    match_day_iso(MATCH_NO_DAY, iso);
    ck_assert_str_eq(iso, "");
    ck_assert_int_eq(match_cert_of("mittlere_reife"), CERT_MITTLERE_REIFE);
    ck_assert_int_eq(match_cert_of("abitur"), CERT_ABITUR);
    ck_assert_int_eq(match_cert_of("master"), -1);
    ck_assert_int_eq(match_cert_of(NULL), -1);
    /* Offenbach to Frankfurt: about 7.4 km as the crow flies (great circle) */
    struct match_candidate c = cand(1);
    struct match_post p = post(1);
    match_project(50.1055, 8.7668, &c.x, &c.y);
    match_project(50.1070, 8.6632, &p.x, &p.y);
    float km = match_km(&c, &p);
    ck_assert_msg(km > 7.0f && km < 7.8f, "%f km", (double)km);
}
END_TEST

Suite *match_suite(void)
{
    Suite *s = suite_create("match");
    TCase *tc = tcase_create("engine");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, defaults_add_up_to_100);
    tcase_add_test(tc, occupation_and_its_rank);
    tcase_add_test(tc, certificate_gradual_and_exactly_at_minimum);
    tcase_add_test(tc, distance_against_commute_limit);
    tcase_add_test(tc, distance_unknown_without_place);
    tcase_add_test(tc, start_date_against_availability);
    tcase_add_test(tc, languages_in_common);
    tcase_add_test(tc, earlier_contact);
    tcase_add_test(tc, score_bounds_and_weights);
    tcase_add_test(tc, ranking_order_ties_by_id_and_hard_filters);
    tcase_add_test(tc, ranking_filters);
    tcase_add_test(tc, posts_for_a_candidate);
    tcase_add_test(tc, days_certificates_and_map);
    suite_add_tcase(s, tc);
    return s;
}
