/* join: the public sign-up of a pupil through a school's link
 * (/join/{token}): a short form for phones, with a form token, a honeypot
 * and a rate limit per address; under 16 a parent's consent. */
#ifndef APP_JOIN_H
#define APP_JOIN_H

#include "core/config.h"
#include "core/http.h"

void join_configure(const struct config *cfg);

int join_form(struct req *r);
int join_submit(struct req *r);
int join_thanks(struct req *r);

#endif
