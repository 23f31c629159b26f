/* pair: the scoring of one candidate and one post, shared by match_score
 * (with reasons) and the rankings (score only), so both always agree.
 * Internal to src/match. */
#ifndef MATCH_PAIR_H
#define MATCH_PAIR_H

#include "match/match.h"

#include <math.h>

#define DAYS_PER_MONTH 30.4375

/* Points for fraction of weight w, rounded to whole points. */
static inline int pair_points(int w, double fraction)
{
    if (fraction <= 0)
        return 0;
    if (fraction >= 1)
        return w;
    return (int)(w * fraction + 0.5); /* lround for a positive value, without a call into libm */
}

/* The points of one pair and, when out is not NULL, the reasons. Returns
 * the score 0..100. Branches only on small integers; one sqrt. */
static inline int pair_score(const struct match_config *cfg, const struct match_candidate *c,
                             const struct match_post *p, const struct match_contact *contact,
                             struct match_result *out)
{
    int pts[CRIT_COUNT], det[CRIT_COUNT], val[CRIT_COUNT] = { 0 }, lim = 0;
    int32_t day_start = MATCH_NO_DAY, day_contact = MATCH_NO_DAY;
    const int *w = cfg->weight;

    /* desired occupation and its rank: 1st all, 2nd three quarters, 3rd half */
    det[CRIT_OCCUPATION] = D_OCC_NOT_WISHED;
    pts[CRIT_OCCUPATION] = 0;
    for (int k = 0; k < MATCH_MAX_WISHES; k++)
        if (c->wish[k] && c->wish[k] == p->occupation) {
            static const double by_rank[MATCH_MAX_WISHES] = { 1.0, 0.75, 0.5 };
            pts[CRIT_OCCUPATION] = pair_points(w[CRIT_OCCUPATION], by_rank[k]);
            det[CRIT_OCCUPATION] = D_OCC_RANK;
            val[CRIT_OCCUPATION] = k + 1;
            break;
        }

    /* certificate against the minimum: met all; the expected one meets it
     * three quarters; one level below half, two a quarter */
    if (c->cert >= p->min_cert) {
        pts[CRIT_CERTIFICATE] = w[CRIT_CERTIFICATE];
        det[CRIT_CERTIFICATE] = D_CERT_MET;
        val[CRIT_CERTIFICATE] = c->cert;
    } else if (c->expected != MATCH_CERT_UNKNOWN && c->expected >= p->min_cert) {
        pts[CRIT_CERTIFICATE] = pair_points(w[CRIT_CERTIFICATE], 0.75);
        det[CRIT_CERTIFICATE] = D_CERT_EXPECTED;
        val[CRIT_CERTIFICATE] = c->expected;
    } else {
        int below = p->min_cert - c->cert;
        pts[CRIT_CERTIFICATE] = pair_points(w[CRIT_CERTIFICATE], below == 1 ? 0.5 : below == 2 ? 0.25 : 0);
        det[CRIT_CERTIFICATE] = D_CERT_BELOW;
        val[CRIT_CERTIFICATE] = c->cert;
    }

    /* distance against the commute limit: at the door all, at the limit
     * half, beyond it nothing */
    lim = c->commute_km >= 0 ? c->commute_km : cfg->default_commute_km;
    if (!c->located || !p->located) {
        pts[CRIT_DISTANCE] = 0;
        det[CRIT_DISTANCE] = D_DIST_UNKNOWN;
    } else {
        float dx = c->x - p->x, dy = c->y - p->y;
        float km = sqrtf(dx * dx + dy * dy);
        if (out) /* the rankings never word it: no rounding call in their loop */
            val[CRIT_DISTANCE] = (int)(km + 0.5f);
        if (km <= (float)lim) {
            pts[CRIT_DISTANCE] = pair_points(w[CRIT_DISTANCE], lim > 0 ? 1.0 - 0.5 * km / lim : 1.0);
            det[CRIT_DISTANCE] = D_DIST_WITHIN;
        } else {
            pts[CRIT_DISTANCE] = 0;
            det[CRIT_DISTANCE] = D_DIST_BEYOND;
        }
    }

    /* start date against availability: ready by the start all, then less
     * for every day later, nothing at late_months */
    if (p->start == MATCH_NO_DAY) {
        pts[CRIT_START] = w[CRIT_START];
        det[CRIT_START] = D_START_UNKNOWN;
    } else if (c->available == MATCH_NO_DAY || c->available <= p->start) {
        pts[CRIT_START] = w[CRIT_START];
        det[CRIT_START] = D_START_READY;
        day_start = c->available;
    } else {
        int late = c->available - p->start;
        double span = cfg->late_months * DAYS_PER_MONTH;
        pts[CRIT_START] = pair_points(w[CRIT_START], span > 0 ? 1.0 - late / span : 0);
        det[CRIT_START] = D_START_LATE;
        val[CRIT_START] = late;
        day_start = c->available;
    }

    /* languages in common (German aside: everyone's at work) */
    uint64_t common = c->langs & p->langs;
    pts[CRIT_LANGUAGES] = common ? w[CRIT_LANGUAGES] : 0;
    det[CRIT_LANGUAGES] = common ? D_LANG_COMMON : D_LANG_NONE;

    /* an earlier contact with the company: an internship or an event */
    if (contact && contact->kind != CONTACT_NONE) {
        pts[CRIT_CONTACT] = w[CRIT_CONTACT];
        det[CRIT_CONTACT] = contact->kind == CONTACT_INTERNSHIP ? D_CONTACT_INTERNSHIP : D_CONTACT_EVENT;
        day_contact = contact->day;
    } else {
        pts[CRIT_CONTACT] = 0;
        det[CRIT_CONTACT] = D_CONTACT_NONE;
    }

    int sum = 0, sumw = 0;
    for (int k = 0; k < CRIT_COUNT; k++) {
        sum += pts[k];
        sumw += w[k];
    }
    int score = sumw > 0 ? (int)((200 * sum + sumw) / (2 * sumw)) : 0; /* round half up, in integers */
    if (out) {
        out->score = score;
        for (int k = 0; k < CRIT_COUNT; k++) {
            out->reason[k] = (struct match_reason){ .points = pts[k], .weight = w[k], .detail = det[k],
                                                    .value = val[k], .day = MATCH_NO_DAY };
        }
        out->reason[CRIT_DISTANCE].limit = lim;
        out->reason[CRIT_LANGUAGES].langs = common;
        out->reason[CRIT_START].day = day_start;
        out->reason[CRIT_CONTACT].day = day_contact;
    }
    return score;
}

#endif
