/* activities: calls, visits, e-mails, counselling, event contacts and
 * referrals to the chambers, with a company; and the follow-ups
 * (Wiedervorlagen) they set, due for each caseworker. */
#ifndef APP_ACTIVITIES_H
#define APP_ACTIVITIES_H

#include "core/http.h"

int activities_list(struct req *r);
int activities_create(struct req *r);
int followups_list(struct req *r);
int followups_done(struct req *r);

/* The number of the user's follow-ups due today or earlier; -1 on error. */
long long followups_due_count(int64_t user_id);

#endif
