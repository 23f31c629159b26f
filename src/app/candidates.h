/* candidates: the pool of potential apprentices, most of them minors.
 * Personal records: every staff read is audited, viewers see no contact
 * data, consents are kept with their version, time and channel. Pupils
 * add themselves through a school's link (join.c). */
#ifndef APP_CANDIDATES_H
#define APP_CANDIDATES_H

#include "core/entity.h"
#include "core/http.h"

int candidates_list(struct req *r);
int candidates_new_form(struct req *r);
int candidates_create(struct req *r);
int candidates_show(struct req *r);
int candidates_edit_form(struct req *r);
int candidates_update(struct req *r);
/* GET /candidates/export.csv: the list for the current filter as CSV */
int candidates_export(struct req *r);

extern struct entity CANDIDATE;

/* The version of the privacy notice pupils agree to (shown on /join). */
#define CANDIDATES_NOTICE_VERSION "2026-01"

/* Turns the request's desired_occupations (ids or names typed, most wanted
 * first, as a JSON array, repeated form fields or one string) into ids of
 * active occupations, as strings in r->fields. 0, or -1 with the field's
 * problem set (unknown, more than three) or ERR_INTERNAL. */
int candidates_resolve_occupations(struct req *r);

/* Active occupations as [{"id","name"}] for a <datalist>; NULL on error. */
json_t *candidates_occupation_options(void);

/* The id of a candidate with the same first and last name (however
 * spelled in case and accents) and birth date: 0 with *id (0 when none),
 * -1 on error. Inside the caller's transaction. */
int candidates_find_same(const char *first, const char *last, const char *birth, int64_t *id);

/* Records a consent (inside the caller's transaction): channel "link"
 * (link_id > 0) or "staff"; parental when a parent agreed. 0 or -1. */
int candidates_add_consent(int64_t candidate_id, const char *channel, int64_t link_id, bool parental);

/* The school's pupils in the pool as [{"id","name","age","status"}] (no
 * contact data); NULL on error. */
json_t *candidates_of_school(struct req *r, int64_t school_id);

/* Names of candidates by id, for event pages: [{"id","name","age","school_name"}]. */
json_t *candidates_brief(struct req *r, int64_t id);

/* A candidate's first and last name for other areas' pages (a follow-up,
 * an activity), into buf (CANDIDATE_NAME_MAX fits any): 0 found, 1 no
 * such candidate, -1 error. */
#define CANDIDATE_NAME_MAX (2 * 100 * 4 + 2)
int candidates_name(int64_t id, char *buf, size_t n);

/* Inside the caller's transaction: a contract makes the pupil `placed`;
 * placed = false (the last contract undone) makes a placed pupil `active`
 * again. Audited when it changes something. 0 or -1. */
int candidates_set_placed(struct req *r, int64_t id, bool placed);

/* Form values for desired occupations shown again: ids to names. */
void candidates_occupation_names(json_t *form);

#endif
