/* home: the start page, the health check and the about page. */
#ifndef APP_HOME_H
#define APP_HOME_H

#include "core/http.h"

int home_page(struct req *r);
int home_health(struct req *r);
int home_about(struct req *r);
int home_language(struct req *r);

#endif
