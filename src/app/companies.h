/* companies: the caseworker's CRM of companies (Betriebe): records with
 * contact persons, search, filters, duplicates, CSV export. Activities and
 * follow-ups with companies are in activities.c. */
#ifndef APP_COMPANIES_H
#define APP_COMPANIES_H

#include "core/entity.h"
#include "core/http.h"

int companies_list(struct req *r);
int companies_export(struct req *r);
int companies_new_form(struct req *r);
int companies_create(struct req *r);
int companies_show(struct req *r);
int companies_edit_form(struct req *r);
int companies_update(struct req *r);
int companies_delete_form(struct req *r);
int companies_delete(struct req *r);
int companies_add_contact(struct req *r);
int companies_delete_contact(struct req *r);
/* /companies/{id}/contacts/{id}: edit (GET .../edit, POST), and the
 * question before removing one (GET .../delete). */
int companies_contact_edit_form(struct req *r);
int companies_update_contact(struct req *r);
int companies_contact_delete_form(struct req *r);

/* The declared company record (entity.h): the model every area follows. */
extern struct entity COMPANY;

/* Writes a clean company record (the kit's entity_store: town and area
 * from the postal code, list rows, search entry): inserts when *id is 0
 * and sets it. Call inside a transaction; the caller audits. 0 or -1. */
int companies_store(json_t *in, int64_t *id);
/* Adds a contact person (strings borrowed, NULL for empty). Same terms. */
int companies_store_contact(int64_t company_id, const char *name, const char *role, const char *phone,
                            const char *email, int64_t *id);

/* Gives every company without a name key (companies.name_key, see
 * namekey.h) its key, in one transaction: at start-up, after the
 * migrations, for rows written before the key existed. The number of
 * companies given a key, or -1 on a database error. */
int companies_fill_keys(void);

/* The company the duplicate warning would name first for a new company
 * called name at postal code plz (the same name in the same postal area,
 * else the nearest resemblance): 0 with *id, 0 when there is none; -1 on
 * a database error. A read of its own: not inside a write transaction. */
int companies_match(const char *name, const char *plz, int64_t *id);

/* The longest company name in bytes (200 characters of up to 4 bytes). */
#define COMPANY_NAME_MAX (200 * 4 + 1)

/* The company's name for other areas' pages, into buf (COMPANY_NAME_MAX
 * bytes hold any); 0 found, 1 not found, -1 error. */
int companies_name(int64_t id, char *buf, size_t n);

#endif
