/* posts: apprenticeship posts (Ausbildungsplätze) of the companies, for
 * staff: made, edited, listed with filters and the forgiving search, moved
 * through their status (pending -> open -> filled | closed, and back to
 * open) and shown on their company's page. The public face of the open
 * ones is jobs.c; what companies send themselves is offers.c. */
#ifndef APP_POSTS_H
#define APP_POSTS_H

#include "core/entity.h"
#include "core/http.h"

#include <stdint.h>

extern struct entity POST;

int posts_list(struct req *r);
int posts_export(struct req *r);
/* GET /posts/new?company_id=N: the form for a post of that company. */
int posts_new_form(struct req *r);
int posts_create(struct req *r);
int posts_show(struct req *r);
int posts_edit_form(struct req *r);
int posts_update(struct req *r);
/* POST /posts/{id}/status with status (where to) and from (where the page
 * saw it; the current status when left out): a move the rules allow, as a
 * conditional update (409 when someone moved it first). */
int posts_set_status(struct req *r);

/* A company's posts for its page, newest first (the latest 100), with
 * labels for people; new array or NULL on error. */
json_t *posts_of_company(struct req *r, int64_t company_id);

/* At start-up, after the migrations and occupations_setup (one thread):
 * gives every post without a search entry its entry. 0 or -1. */
int posts_setup(void);

/* After a company's name or town changed (companies' after_write, in its
 * transaction): its posts' search entries anew. 0 or -1. */
int posts_reindex_company(int64_t company_id);

/* A post as a company types it in the public offer form: its fields
 * (occupation_id, title, places, start_date, min_certificate,
 * description) checked as for staff (the occupation exists and is still
 * trained, places 1 to 99, a start date not in the past) into a clean
 * record; the title is the occupation's name when none was typed. NULL
 * with the problems set on r (under the fields' own names), or on a
 * database error with ERR_INTERNAL. */
json_t *posts_validate_offered(struct req *r, json_t *fields);

/* Stores a clean offered post (posts_validate_offered) as pending, of
 * company_id (contact_id: its contact person, or 0), from offer_id, in the
 * caller's transaction; *id the new post's. Audited as the public form's
 * doing. 0 or -1. */
int posts_store_offered(json_t *in, int64_t company_id, int64_t contact_id, int64_t offer_id, int64_t *id);

/* Writes a clean post without a request (seed data): the kit's
 * entity_store (town, start year, search entry). Inside a transaction;
 * the caller audits. 0 or -1. */
int posts_store(json_t *in, int64_t *id);

/* The coming 1 August (when apprenticeships start) as "YYYY-08-01". */
void posts_default_start(char out[11]);

/* Inside the caller's transaction, for a placement's contract: takes one
 * of the post's free places (the last one fills an open post), or gives
 * one back (a filled post is open again); audited. 0, 1 when there is no
 * free place to take (or none taken to give back) or no such post, -1 on
 * error. */
int posts_take_place(struct req *r, int64_t post_id);
int posts_give_place(struct req *r, int64_t post_id);

#endif
