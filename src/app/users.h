/* users: staff accounts (the users table) and their administration under
 * /admin/users. Password hashes are read here and never leave this file
 * and auth.c: users_json() has no hash in it. */
#ifndef APP_USERS_H
#define APP_USERS_H

#include "app/auth.h"
#include "core/entity.h"
#include "core/http.h"
#include "core/secret.h"

struct user_rec {
    int64_t id;
    char email[USER_EMAIL_MAX];
    char name[USER_NAME_MAX];
    enum role role;
    bool active;
    char hash[SECRET_HASH_MAX];
    bool mfa_enabled;   /* has a second factor */
};

/* Accounts, declared for the area kit (lists, the read audit). */
extern struct entity USER;

/* "admin", "caseworker", "viewer"; ROLE_PUBLIC for anything else. */
enum role users_role_parse(const char *s);
const char *users_role_name(enum role role);

/* 0 found, 1 no such user, -1 database error. */
int users_get(int64_t id, struct user_rec *u);
int users_get_by_email(const char *email, struct user_rec *u);

/* Creates an account; 0 with *id set, 1 when the e-mail is taken, -1 error.
 * Call inside a transaction. */
int users_insert(const char *email, const char *name, enum role role, const char *hash, bool must_change,
                 int64_t *id);
/* must_change: the owner has to change it at the next log-in (an admin set it). */
int users_set_password(int64_t id, const char *hash, bool must_change);

/* The public face of an account (new reference). */
json_t *users_json(const struct user_rec *u);

/* Handlers under /admin/users. */
int users_list(struct req *r);
int users_new_form(struct req *r);
int users_create(struct req *r);
int users_show(struct req *r);
int users_update(struct req *r);
int users_reset_password(struct req *r);
int users_end_sessions(struct req *r);

/* Active staff who can own records (caseworkers and admins) as
 * [{"id","name","selected"}], for select boxes (new reference); NULL on a
 * database error. */
json_t *users_owner_options(int64_t selected);
/* Every account, active or not, as [{"id","name" ("Name (e-mail)"),
 * "selected"}] (the audit log's filter); NULL on a database error. */
json_t *users_all_options(int64_t selected);
/* 1 when id is an active caseworker or admin, 0 when not, -1 on error. */
int users_is_owner(int64_t id);

#endif
