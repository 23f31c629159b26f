/* occupations: the recognised occupations (Ausbildungsberufe, migration
 * 0003) for staff: listed and searched the forgiving way (umlauts, case,
 * and abbreviations: "kfz" finds Kraftfahrzeugmechatroniker/-in), with
 * their bodies, duration, legal basis and open posts; admins mark one as no
 * longer trained (never delete one in use). Also the search words
 * (search_synonyms) every search index of the program adds, and finding an
 * occupation by what a person typed, for the post forms. */
#ifndef APP_OCCUPATIONS_H
#define APP_OCCUPATIONS_H

#include "core/buf.h"
#include "core/entity.h"
#include "core/http.h"

#include <stdint.h>

extern struct entity OCCUPATION;

int occupations_list(struct req *r);
int occupations_export(struct req *r);
int occupations_show(struct req *r);
/* POST/PUT/PATCH /occupations/{id}: active (admins). */
int occupations_update(struct req *r);
/* POST /occupations/{id}/delete, DELETE /occupations/{id}: admins, and
 * only an occupation no post names (409 otherwise). */
int occupations_delete(struct req *r);

/* At start-up, after the migrations (one thread): loads the search words
 * and gives every occupation without one its search entry. 0 or -1. */
int occupations_setup(void);

/* Appends to a search index's text: text folded (both spellings of
 * umlauts) and what the search words add to it. */
void occupations_index_text(struct buf *b, const char *text);

/* The longest occupation name in bytes. */
#define OCCUPATION_NAME_MAX (300 * 4 + 1)

/* An occupation's name and whether it is still trained, into name (n
 * bytes); 0 found, 1 not found, -1 error. */
int occupations_get(int64_t id, char *name, size_t n, bool *active);

/* What a person typed in an occupation field: 0 with *id when it names
 * one active occupation (its name however spelled, or a search with one
 * active result); 1 when not, with *suggestions (new array of up to 8
 * {"id","name"}, maybe empty); -1 on error. */
int occupations_resolve(const char *typed, int64_t *id, json_t **suggestions);

/* The active occupations' names in order, for a <datalist>: new array of
 * {"name"}, or NULL on error. */
json_t *occupations_names(void);

#endif
