/* placements: a pupil proposed for a post by a caseworker (never by the
 * program: the match lists only order and explain), followed through its
 * stages to a signed contract and the start of training; each move a
 * conditional update kept in the placement's history with who, when and
 * why. A contract takes one of the post's places and makes the pupil
 * placed. The company answers a proposal through a link of its own
 * (/p/{token}) that shows an anonymised profile; what went to which
 * company is kept as a disclosure. */
#ifndef APP_PLACEMENTS_H
#define APP_PLACEMENTS_H

#include "core/config.h"
#include "core/entity.h"
#include "core/http.h"

/* The service point's contact for the company's page (copied). */
void placements_configure(const struct config *cfg);

/* /placements: the board (HTML, a column per stage) or the list (JSON,
 * filters candidate_id, post_id, company_id, stage, open); POST: a
 * proposal {candidate_id, post_id, note}. */
int placements_list(struct req *r);
int placements_create(struct req *r);
/* /placements/{id}: the placement with its history, links and answers;
 * POST {stage, note, from}: a move. */
int placements_show(struct req *r);
int placements_move(struct req *r);
/* POST /placements/{id}/note {note, updated_at}: the note for the company. */
int placements_note(struct req *r);
/* POST /placements/{id}/share: a link for the company (201 {url}). */
int placements_share(struct req *r);

/* /p/{token}: the company's page (GET) and its answer (POST {answer,
 * message}). */
int placements_answer_form(struct req *r);
int placements_answer(struct req *r);

/* A pupil's, a post's or a company's placements for its page ("candidate",
 * "post", "company"), newest first, with stage labels: a new array, or
 * NULL on error. */
json_t *placements_of(struct req *r, const char *owner, int64_t id);

/* The companies' answers the user has not seen yet, for the start page:
 * [{"placement_id","candidate_name","post_title","company_name","answer",
 * "answer_label","message","at_local"}]; NULL on error. */
json_t *placements_unseen_answers(struct req *r);

/* The open placement of the pupil for the post: its id, 0 when there is
 * none, -1 on error. (A match list offers a proposal only where there is
 * none.) */
int64_t placements_open_between(int64_t candidate_id, int64_t post_id);

/* Stores a placement for seed data (inside the caller's transaction; the
 * caller audits): through stages (NULL-terminated, the first "proposed"),
 * each a line of its history; it ends in the last one, which may not be a
 * contract or the start of training (those move a post's places). 0 with
 * *id, or -1. */
int placements_store(int64_t candidate_id, int64_t post_id, const char *const *stages, const char *note,
                     int64_t user_id, int64_t *id);

extern struct entity PLACEMENT;

#endif
