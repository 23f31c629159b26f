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
 * Shared parts: a page includes templates/parts/<name>.tpl as {{>name}},
 * filled from the model's object of that name (tmpl.cc's kParts: the
 * pager). Message catalog strings are {{t_<key>}} everywhere. */
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

/* Rows a page shows in a loop, put straight from their source into the
 * template's dictionaries (no JSON between): for each row step() is
 * called, and fill() for the current one. The rows appear in the page as
 * the section {{#name}}, with {{#has_name}} / {{#no_name}} as for arrays;
 * the model's top-level true flags are visible in each row, as in arrays. */
struct tmpl_dict; /* one row's dictionary, valid during fill() */
/* Keys (and prefixes) are strings that live as long as the process, such
 * as declared field names: they are looked up by address. */
struct tmpl_rows {
    const char *name;
    int (*step)(void *cls);                       /* 1 a row, 0 the end, -1 an error: the render fails */
    void (*fill)(void *cls, struct tmpl_dict *d);
    void *cls;
};
void tmpl_dict_text(struct tmpl_dict *d, const char *key, const char *s, size_t n);
void tmpl_dict_int(struct tmpl_dict *d, const char *key, long long v);
/* Shows the section prefix+key ("no_", "has_" or ""). */
void tmpl_dict_show(struct tmpl_dict *d, const char *prefix, const char *key);
/* One item {{value}} of the list section key. */
void tmpl_dict_item(struct tmpl_dict *d, const char *key, const char *s, size_t n);

/* tmpl_render with rows for the page (rows may be NULL). */
int tmpl_render_rows(const char *page, json_t *model, json_t *strings, const struct tmpl_rows *rows, char **out,
                     size_t *outlen);

/* Renders a template alone (no layout): e-mails, fragments, tests. */
int tmpl_render_bare(const char *name, json_t *model, json_t *strings, char **out, size_t *outlen);

#ifdef __cplusplus
}
#endif

#endif
