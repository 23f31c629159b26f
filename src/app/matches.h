/* matches: the ranked lists of the matching engine as pages, both ways:
 * candidates for a post (/posts/{id}/matches) and posts for a candidate
 * (/candidates/{id}/matches). Every row with its score and reasons in the
 * reader's language; paged and filtered (min_score, city, certificate,
 * max_km). The pages order and explain; a caseworker decides and proposes
 * (GDPR Art. 22). Each request is audited as a read of candidates' data. */
#ifndef APP_MATCHES_H
#define APP_MATCHES_H

#include "core/config.h"
#include "core/http.h"

/* Takes the [matching] weights and defaults; call once at start-up. */
void matches_configure(const struct config *cfg);

int matches_for_post(struct req *r);
int matches_for_candidate(struct req *r);

#endif
