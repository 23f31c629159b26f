/* admin: the audit log page for admins (accounts are in users.c). */
#ifndef APP_ADMIN_H
#define APP_ADMIN_H

#include "core/entity.h"
#include "core/http.h"

/* The audit log, declared for the kit's list. */
extern struct entity AUDIT_ENTRY;

int admin_audit(struct req *r);

#endif
