/* schools: the schools pupils come from, their contact teachers, and the
 * sign-up links (per class or campaign) they hand out: each with a token,
 * an expiry day, its address as text, QR code and printable flyer. */
#ifndef APP_SCHOOLS_H
#define APP_SCHOOLS_H

#include "core/config.h"
#include "core/entity.h"
#include "core/http.h"
#include "core/publiclink.h"

/* Remembers the public address and the service point's contact (for
 * links and flyers). Call once at start-up. */
void schools_configure(const struct config *cfg);

int schools_list(struct req *r);
int schools_new_form(struct req *r);
int schools_create(struct req *r);
int schools_show(struct req *r);
int schools_edit_form(struct req *r);
int schools_update(struct req *r);
int schools_add_teacher(struct req *r);
int schools_delete_teacher(struct req *r);
int schools_links(struct req *r);
int schools_add_link(struct req *r);
int schools_close_link(struct req *r);
int schools_link_qr(struct req *r);
int schools_link_flyer(struct req *r);
int schools_delete_form(struct req *r);
int schools_delete(struct req *r);

extern struct entity SCHOOL;

/* A sign-up link as the public form finds it by its token. */
struct signup_link {
    int64_t id, school_id;
    char school_name[256];
    char label[256];
    char expires[11];
    bool closed;
};
/* The link whose token is token (untrusted text): 0 found (*out filled),
 * 1 no such link, -1 database error. Outside transactions. */
int schools_link_by_token(const char *token, struct signup_link *out);

/* A new sign-up link of a school (inside the caller's transaction; seed
 * data): its id, and its token into token (SCHOOLS_TOKEN_MAX). 0 or -1. */
#define SCHOOLS_TOKEN_MAX PUBLICLINK_TOKEN_MAX
int schools_store_link(int64_t school_id, const char *label, const char *expires, int64_t created_by, int64_t *id,
                       char token[SCHOOLS_TOKEN_MAX]);

/* The public address of /join/<token> for r (the configured public_url,
 * else the request's own host), into out of size n. */
void schools_join_url(struct req *r, const char *token, char *out, size_t n);

/* The school's name into buf: 0 found, 1 none, -1 error. */
int schools_name(int64_t id, char *buf, size_t n);

/* The service point's contact for pupils' pages: {"name","phone","email"}
 * from [legal] (new reference). */
json_t *schools_contact(void);

#endif
