/* home: the start page, the health check, the about page and the legal
 * pages (Impressum, Datenschutz). */
#ifndef APP_HOME_H
#define APP_HOME_H

#include "core/config.h"
#include "core/http.h"

/* The settings the legal pages show ([legal] in config.ini); borrowed for
 * the server's lifetime. Logs a warning while the operator's name or
 * address is missing. Call before serving. */
void home_configure(const struct config *cfg);

int home_page(struct req *r);
int home_health(struct req *r);
int home_about(struct req *r);
int home_impressum(struct req *r);
int home_privacy(struct req *r);
int home_language(struct req *r);

#endif
