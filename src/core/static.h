/* static: serves files below the configured static directory, and nothing
 * outside it: no "..", no hidden files, no symlink that leads out. */
#ifndef CORE_STATIC_H
#define CORE_STATIC_H

#include "core/http.h"

/* Resolves the directory once. dev: tell browsers to revalidate. */
int static_configure(const char *dir, bool dev, char *err, size_t errlen);

/* Handler for GET /static/ *: the path rest is r->params[0]. */
int static_serve(struct req *r);

/* MIME type for a file name by its extension (static string). */
const char *static_mime_type(const char *name);

#endif
