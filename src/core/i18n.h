/* i18n: message catalogs, one flat JSON object per language in
 * locales/<lang>.json. German (de) is the reference catalog: every key
 * exists there; other languages fall back to it key by key. */
#ifndef CORE_I18N_H
#define CORE_I18N_H

#include <jansson.h>

/* Loads every <lang>.json in dir. `fallback` (e.g. "de") must be among them.
 * Returns 0, or -1 with a reason. */
int i18n_load(const char *dir, const char *fallback, char *err, size_t errlen);
void i18n_free(void);

/* The message for key in lang; falls back to the reference language and
 * then to the key itself, so a missing string shows, not crashes.
 * Borrowed, valid until i18n_free. */
const char *i18n_get(const char *lang, const char *key);

/* The catalog for lang with missing keys filled from the reference
 * (borrowed). NULL only before i18n_load. */
json_t *i18n_catalog(const char *lang);

/* The best language we have for an Accept-Language header value (may be
 * NULL); a static string such as "de". */
const char *i18n_negotiate(const char *accept_language);

/* The loaded languages, numbered 0..i18n_count()-1, for tables built per
 * language at start-up; i18n_index gives a code's number (the reference
 * language's for an unknown code). */
int i18n_count(void);
const char *i18n_code(int index);
int i18n_index(const char *lang);

/* Counts loads and frees of the catalogs: tables built from catalog
 * strings (entity.c's labels) are rebuilt when it moved on. */
unsigned i18n_generation(void);

/* True when we have a catalog for exactly this code. */
int i18n_has(const char *lang);

#endif
