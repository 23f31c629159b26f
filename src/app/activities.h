/* activities: calls, visits, e-mails, counselling, event contacts and
 * referrals to the chambers, with a company; counselling, application
 * training, internships, calls with a pupil; and the follow-ups
 * (Wiedervorlagen) they set, due for each caseworker. */
#ifndef APP_ACTIVITIES_H
#define APP_ACTIVITIES_H

#include "core/entity.h"
#include "core/http.h"

/* Whose an activity is: a company's, a pupil's (candidate) or a network
 * partner's. */
enum activity_owner { OWNER_COMPANY, OWNER_CANDIDATE, OWNER_PARTNER };

/* /companies/{id}/activities and /candidates/{id}/activities: the
 * timeline as a list (GET), a new activity (POST). */
int activities_list(struct req *r);
int activities_create(struct req *r);
int activities_list_candidate(struct req *r);
int activities_create_candidate(struct req *r);
int activities_list_partner(struct req *r);
int activities_create_partner(struct req *r);
/* /activities/{id}: JSON, or on to its place on the company's page; edit
 * (GET .../edit, POST/PUT/PATCH), delete (GET .../delete asks first,
 * POST .../delete or DELETE). */
int activities_show(struct req *r);
int activities_edit_form(struct req *r);
int activities_update(struct req *r);
int activities_delete_form(struct req *r);
int activities_delete(struct req *r);

/* A company's or a pupil's activities for its page, newest first (the
 * latest 200), with labels and due words for people; new array or NULL on
 * error. */
json_t *activities_timeline(struct req *r, enum activity_owner o, int64_t id);
/* The new-activity form's values with option lists, the kinds the owner
 * has (src: what was typed, or NULL for an empty form dated today). New
 * reference. */
json_t *activities_form_model(struct req *r, enum activity_owner o, const json_t *src);

/* /followups: the list (?when=due|week|next_week|all, ?all=1); one
 * follow-up to move or hand over (GET/POST /followups/{id}); done, and
 * undone. */
int followups_list(struct req *r);
int followups_show(struct req *r);
int followups_move(struct req *r);
int followups_done(struct req *r);
int followups_reopen(struct req *r);

/* Stores a validated activity with a company, a pupil or a partner (kind,
 * date, subject, notes, topics array, referred_to, follow_up), for seed
 * data. Inside a transaction; the caller audits. 0 or -1. */
int activities_store(enum activity_owner o, int64_t owner_id, json_t *in, int64_t caseworker_id, int64_t *id);

/* The area's declared entities (activities, and follow-ups as a view of
 * them), for entity_init. NULL-terminated. */
extern struct entity *const activities_entities[];

/* The number of follow-ups due today or earlier that belong to the user;
 * -1 on error. */
long long followups_due_count(int64_t user_id);

#endif
