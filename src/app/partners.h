/* partners: the service point's network (chambers, migrant organisations
 * and entrepreneurs' associations, schools' networks, vocational schools,
 * Agentur für Arbeit, Jobcenter, municipal offices) with contact persons,
 * a cooperation status and activities (meetings, joint events) on a
 * timeline as for companies; referrals of companies and pupils may name
 * the partner they went to. Shared by the team, not personal. */
#ifndef APP_PARTNERS_H
#define APP_PARTNERS_H

#include "core/entity.h"
#include "core/http.h"

int partners_list(struct req *r);
int partners_export(struct req *r);
int partners_new_form(struct req *r);
int partners_create(struct req *r);
int partners_show(struct req *r);
int partners_edit_form(struct req *r);
int partners_update(struct req *r);
int partners_delete_form(struct req *r);
int partners_delete(struct req *r);
/* POST /partners/{id}/contacts; POST /partners/{id}/contacts/{id}/delete */
int partners_add_contact(struct req *r);
int partners_delete_contact(struct req *r);

extern struct entity PARTNER;

/* A partner's name for other areas' pages, into buf (PARTNER_NAME_MAX
 * fits any): 0 found, 1 no such partner, -1 error. */
#define PARTNER_NAME_MAX (200 * 4 + 1)
int partners_name(int64_t id, char *buf, size_t n);

/* The kind of partner id into buf (32 bytes): 0 found, 1 none, -1 error. */
int partners_kind(int64_t id, char *buf, size_t n);

/* The partners whose kind is one of kinds (NULL-terminated), by name, as
 * [{"id","name","kind_label","selected"}] for a referral's <select>
 * (selected: the one with id `chosen`); NULL on error. */
json_t *partners_options(struct req *r, const char *const *kinds, int64_t chosen);

/* Writes a partner without request (demo data): derive and store inside
 * the caller's transaction. 0 or -1. */
int partners_store(json_t *in, int64_t *id);
int partners_store_contact(int64_t partner_id, const char *name, const char *role, const char *phone,
                           const char *email, int64_t *id);

/* The demo's network: a few partners of the region with contacts and
 * meetings, inside the caller's transaction (seed demo). 0 or -1. */
int partners_demo(int64_t caseworker_id);

#endif
