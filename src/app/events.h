/* events: "School meets Business" speed-datings, company visits, fairs,
 * information evenings, with their schools, companies and participants
 * (pupils from the pool) and who attended. Attendance is an earlier
 * contact between a pupil and the event's companies (the view
 * candidate_company_contacts, for matching). */
#ifndef APP_EVENTS_H
#define APP_EVENTS_H

#include "core/entity.h"
#include "core/http.h"

int events_list(struct req *r);
int events_new_form(struct req *r);
int events_create(struct req *r);
int events_show(struct req *r);
int events_edit_form(struct req *r);
int events_update(struct req *r);
int events_add_participant(struct req *r);
int events_attendance(struct req *r);
int events_participant_remove_form(struct req *r);
int events_remove_participant(struct req *r);

extern struct entity EVENT;

/* The events of a school, company or candidate (of: "school", "company",
 * "candidate"), newest first, as [{"id","title","date","kind", ...}]
 * (a candidate's with "attended"); NULL on error. */
json_t *events_of(struct req *r, const char *of, int64_t id);

/* Adds or changes a participant (inside the caller's transaction; seed
 * data too). 0 or -1. */
int events_store_participant(int64_t event_id, int64_t candidate_id, bool attended);

/* How many events name the school: 0 with *n, or -1. */
int events_count_with_school(int64_t school_id, int64_t *n);

/* Before a school is deleted, inside the caller's transaction: every event
 * naming it forgets it (its school_ids written without it, the change
 * audited as the request's), so the events stay with their other schools,
 * companies and participants. *changed: how many. 0 or -1. */
int events_drop_school(struct req *r, int64_t school_id, int *changed);

#endif
