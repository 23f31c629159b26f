/* admin: the audit log page for admins (accounts are in users.c). */
#ifndef APP_ADMIN_H
#define APP_ADMIN_H

#include "core/http.h"

int admin_audit(struct req *r);

#endif
