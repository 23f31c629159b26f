/* activities: calls, visits, e-mails, counselling, event contacts and
 * referrals to the chambers, with a company; and the follow-ups
 * (Wiedervorlagen) they set, due for each caseworker. */
#ifndef APP_ACTIVITIES_H
#define APP_ACTIVITIES_H

#include "core/entity.h"
#include "core/http.h"

int activities_list(struct req *r);
int activities_create(struct req *r);
int followups_list(struct req *r);
int followups_done(struct req *r);

/* Stores a validated activity with a company (kind, date, subject, notes,
 * topics array, referred_to, follow_up). Inside a transaction; the caller
 * audits. 0 or -1. */
int activities_store(int64_t company_id, json_t *in, int64_t caseworker_id, int64_t *id);

/* The area's declared entities (activities, and follow-ups as a view of
 * them), for entity_init. NULL-terminated. */
extern struct entity *const activities_entities[];

/* The number of the user's follow-ups due today or earlier; -1 on error. */
long long followups_due_count(int64_t user_id);

#endif
