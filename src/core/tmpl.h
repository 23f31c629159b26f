/* tmpl: the C face of the ctemplate bridge (tmpl.cc, the one C++ file).
 *
 * A page is rendered inside templates/layout.tpl, which includes it as
 * {{>BODY}}. The view model (a JSON object) maps onto ctemplate like this:
 *   string / number      -> {{key}}            (auto-escaped by context)
 *   true                 -> {{#key}}...{{/key}} shown
 *   false / null / []    -> {{#no_key}}...{{/no_key}} shown
 *   object               -> {{#key}}...{{/key}} shown once with its members
 *   array of objects     -> {{#key}}...{{/key}} once per item, and {{#has_key}}
 *   array of scalars     -> {{#key}}{{value}}{{/key}}, and {{#has_key}}
 * The layout sees the model's members except arrays; the page sees all.
 * Message catalog strings are {{t_<key>}} everywhere. */
#ifndef CORE_TMPL_H
#define CORE_TMPL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Sets the template root. In production (!dev) loads every *.tpl under it
 * and freezes the cache; with dev, templates reload when their files change.
 * Returns 0, or -1 with a reason (a template that does not parse). */
int tmpl_init(const char *dir, bool dev, char *err, size_t errlen);

/* Renders page (a path under the root, e.g. "home/index.tpl") in the layout
 * with model (borrowed) and strings (the catalog, borrowed). On success *out
 * is a NUL-terminated buffer the caller frees with free(); on failure -1 and
 * nothing is allocated. Thread-safe. */
int tmpl_render(const char *page, json_t *model, json_t *strings, char **out, size_t *outlen);

/* Renders a template alone (no layout): e-mails, fragments, tests. */
int tmpl_render_bare(const char *name, json_t *model, json_t *strings, char **out, size_t *outlen);

#ifdef __cplusplus
}
#endif

#endif
