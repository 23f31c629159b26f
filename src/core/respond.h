/* respond: turns a handled request into an MHD response: the view model
 * rendered in the layout, the model as JSON, a redirect, or an error in the
 * one vocabulary — with the security headers every response carries. */
#ifndef CORE_RESPOND_H
#define CORE_RESPOND_H

#include "core/http.h"

/* tls (the client reaches us over TLS, here or at a proxy): add
 * Strict-Transport-Security and mark cookies Secure. layout adds
 * what the application's layout needs to a page's model (who is logged
 * in, what they may do); may be NULL. */
void respond_configure(bool tls, void (*layout)(struct req *r, json_t *model));
bool respond_tls(void);

/* Builds the response (caller queues and destroys it) and sets
 * r->sent_status and r->sent_bytes. Never NULL unless memory is out. */
struct MHD_Response *respond_build(struct req *r);

#endif
