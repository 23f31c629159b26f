/* jobs: the public job board (/jobs): the open posts, reviewed, whose
 * listing and application time have not ended; nothing else, and of them
 * only what a company published (never staff data: no contact person,
 * caseworker, notes or review). Searchable by occupation, town or
 * distance from a postal code, start year and body; each post's page says
 * how to apply through the service point (config.ini [public]) and
 * carries schema.org JobPosting data for search engines; /jobs.atom is
 * a feed of the newly opened ones. Phone first. */
#ifndef APP_JOBS_H
#define APP_JOBS_H

#include "core/config.h"
#include "core/entity.h"
#include "core/http.h"

extern struct entity JOB;

/* Takes the public address and the service point's contact from the
 * configuration (borrowed for the server's life). */
void jobs_configure(const struct config *cfg);

int jobs_list(struct req *r);
int jobs_show(struct req *r);
int jobs_feed(struct req *r);

#endif
