/* offers: what companies send themselves through the public offer form
 * (/offer, no log-in) and its review by caseworkers (/offers). A company
 * fills in its details and one or more posts, agrees to the privacy
 * notice and learns what happens next; the submission becomes pending
 * posts of a new company, or of a known one the duplicate rules find
 * (the caseworker confirms the match or makes a new company). Caseworkers
 * edit, approve (the posts open) or reject with a reason; the company's
 * message waits in the mail outbox until the program sends e-mail.
 *
 * The form is protected by a signed, time-limited token in a hidden field
 * (core/formtoken.h: nothing stored per visitor, works without cookies;
 * the gate also refuses a cross-site Origin), a honeypot field and a limit
 * of submissions per address and hour (core/throttle.h); nothing of a
 * refused submission is stored. */
#ifndef APP_OFFERS_H
#define APP_OFFERS_H

#include "core/config.h"
#include "core/entity.h"
#include "core/http.h"

#include <stdint.h>

extern struct entity OFFER;

/* The version of the privacy notice a company agrees to (stored with its
 * consent); change it whenever offer_privacy_text changes. */
#define OFFER_PRIVACY_VERSION "offer-2026-12"
/* The most posts one submission brings. */
#define OFFER_MAX_POSTS 10

/* Takes the limits and the service point's contact from the
 * configuration (borrowed for the server's life). */
void offers_configure(const struct config *cfg);

/* GET /offer: the form; POST /offer: a submission, or a step of the form
 * without JavaScript (another post, one less, an occupation picked from
 * the suggestions); GET /offer/sent: what happens next. */
int offers_form(struct req *r);
int offers_submit(struct req *r);
int offers_sent(struct req *r);

/* Staff: the review queue (?status=, pending by default; ?all=1 every
 * one), one submission, and the decisions on it: POST .../match
 * (action=same: the company found is the one; action=new: make a new
 * company of the details sent), .../approve, .../reject (reason, and
 * delete_company=1 to remove a company the submission made). */
int offers_list(struct req *r);
int offers_show(struct req *r);
int offers_match(struct req *r);
int offers_approve(struct req *r);
int offers_reject(struct req *r);

/* How many submissions wait for review (the start page); -1 on error. */
long long offers_pending_count(void);

/* Stores a submission as the form does, without a request (demo data):
 * company {name, street, postal_code, city, email, phone, contact_name},
 * posts [{occupation_id, title, places, start_date, min_certificate,
 * description}] (both borrowed, clean). In the caller's transaction;
 * *id the offer's. 0 or -1. */
int offers_store(const json_t *company, const json_t *posts, const char *lang, int64_t match_id, int64_t *id);

#endif
