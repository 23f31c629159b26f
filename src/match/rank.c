/* rank: a whole side of the pool ordered for one record of the other, in
 * two passes and without sorting: scores are 0..100, so a count per score
 * gives every record its place (score high first, then id low first, as
 * the arrays are sorted by id), and only the page asked for is written. */
#include "match/match.h"
#include "match/pair.h"

#include <string.h>

#define EXCLUDED 255

/* Places the records of scratch (score or EXCLUDED per index) in rank
 * order and writes the page window. */
static void place(const uint8_t *scratch, size_t n, size_t offset, size_t capacity, struct match_page *page)
{
    size_t count[101] = { 0 }, next[101];
    for (size_t i = 0; i < n; i++)
        if (scratch[i] != EXCLUDED)
            count[scratch[i]]++;
    size_t pos = 0;
    for (int s = 100; s >= 0; s--) {
        next[s] = pos;
        pos += count[s];
    }
    page->total = pos;
    page->n = 0;
    size_t end = offset + capacity;
    if (offset >= pos || capacity == 0)
        return;
    page->n = (end < pos ? end : pos) - offset;
    for (size_t i = 0; i < n; i++) {
        uint8_t s = scratch[i];
        if (s == EXCLUDED)
            continue;
        size_t at = next[s]++;
        if (at >= offset && at < end) {
            page->index[at - offset] = (uint32_t)i;
            page->score[at - offset] = s;
        }
    }
}

/* The filters a page asked for, on a scored pair. */
static bool passes(const struct match_filter *f, int score, float km, int cert, uint16_t town)
{
    if (score < f->min_score)
        return false;
    if (f->max_km >= 0 && (km < 0 || km > (float)f->max_km))
        return false;
    if (f->cert >= 0 && cert != f->cert)
        return false;
    if (f->town_unknown || (f->town != MATCH_NO_TOWN && town != f->town))
        return false;
    return true;
}

void match_rank_candidates(const struct match_config *cfg, const struct match_post *p,
                           const struct match_candidate *cands, size_t n, const struct match_contact *met, size_t nmet,
                           const struct match_filter *f, size_t offset, size_t capacity, uint8_t *scratch,
                           struct match_page *page)
{
    if (!p->eligible) {
        place(scratch, 0, offset, capacity, page);
        return;
    }
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        const struct match_candidate *c = &cands[i];
        scratch[i] = EXCLUDED;
        if (!c->eligible)
            continue;
        const struct match_contact *contact = NULL;
        while (j < nmet && met[j].candidate_id < c->id)
            j++;
        if (j < nmet && met[j].candidate_id == c->id) {
            size_t k = j;
            while (k < nmet && met[k].candidate_id == c->id)
                k++;
            contact = match_best_contact(&met[j], k - j, p->company_id);
        }
        int s = pair_score(cfg, c, p, contact, NULL);
        if (passes(f, s, f->max_km >= 0 ? match_km(c, p) : 0, c->cert, c->town))
            scratch[i] = (uint8_t)s;
    }
    place(scratch, n, offset, capacity, page);
}

void match_rank_posts(const struct match_config *cfg, const struct match_candidate *c, const struct match_post *posts,
                      size_t n, const struct match_contact *mine, size_t nmine, const struct match_filter *f,
                      size_t offset, size_t capacity, uint8_t *scratch, struct match_page *page)
{
    if (!c->eligible) {
        place(scratch, 0, offset, capacity, page);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const struct match_post *p = &posts[i];
        scratch[i] = EXCLUDED;
        if (!p->eligible)
            continue;
        const struct match_contact *contact = nmine ? match_best_contact(mine, nmine, p->company_id) : NULL;
        int s = pair_score(cfg, c, p, contact, NULL);
        if (passes(f, s, f->max_km >= 0 ? match_km(c, p) : 0, p->min_cert, p->town))
            scratch[i] = (uint8_t)s;
    }
    place(scratch, n, offset, capacity, page);
}
