#include "core/i18n.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LANGS 16

static struct lang {
    char code[8];
    json_t *catalog;   /* owned; merged over the reference catalog */
} langs[MAX_LANGS];
static int nlangs;
static const struct lang *reference;
static unsigned generation;

unsigned i18n_generation(void) { return generation; }

void i18n_free(void)
{
    generation++;
    for (int i = 0; i < nlangs; i++)
        json_decref(langs[i].catalog);
    nlangs = 0;
    reference = NULL;
}

static int valid_code(const char *s, size_t n)
{
    if (n < 2 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Every value must be a string: a catalog that is not flat is a mistake
 * worth stopping for at start-up. */
static int check_flat(json_t *cat, const char *path, char *err, size_t errlen)
{
    const char *k;
    json_t *v;
    json_object_foreach(cat, k, v) {
        if (!json_is_string(v)) {
            snprintf(err, errlen, "%s: \"%s\" must be a string", path, k);
            return -1;
        }
    }
    return 0;
}

int i18n_load(const char *dir, const char *fallback, char *err, size_t errlen)
{
    i18n_free();
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "cannot open locales directory %s", dir);
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(d)) && nlangs < MAX_LANGS) {
        const char *dot = strrchr(e->d_name, '.');
        if (!dot || strcmp(dot, ".json") != 0 || !valid_code(e->d_name, (size_t)(dot - e->d_name)))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        json_error_t je;
        json_t *cat = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
        if (!json_is_object(cat)) {
            snprintf(err, errlen, "%s:%d: %s", path, je.line, cat ? "not an object" : je.text);
            json_decref(cat);
            closedir(d);
            i18n_free();
            return -1;
        }
        if (check_flat(cat, path, err, errlen) != 0) {
            json_decref(cat);
            closedir(d);
            i18n_free();
            return -1;
        }
        memcpy(langs[nlangs].code, e->d_name, (size_t)(dot - e->d_name));
        langs[nlangs].code[dot - e->d_name] = '\0';
        langs[nlangs].catalog = cat;
        nlangs++;
    }
    closedir(d);
    for (int i = 0; i < nlangs; i++)
        if (strcmp(langs[i].code, fallback) == 0)
            reference = &langs[i];
    if (!reference) {
        snprintf(err, errlen, "no catalog %s/%s.json for the default language", dir, fallback);
        i18n_free();
        return -1;
    }
    generation++;
    /* Fill gaps from the reference so lookups and templates need no second
     * step at request time. */
    for (int i = 0; i < nlangs; i++)
        if (&langs[i] != reference)
            json_object_update_missing(langs[i].catalog, reference->catalog);
    return 0;
}

static const struct lang *find(const char *code)
{
    for (int i = 0; i < nlangs; i++)
        if (strcmp(langs[i].code, code) == 0)
            return &langs[i];
    return NULL;
}

int i18n_count(void) { return nlangs; }

const char *i18n_code(int index) { return index >= 0 && index < nlangs ? langs[index].code : NULL; }

int i18n_index(const char *lang)
{
    const struct lang *l = lang ? find(lang) : NULL;
    if (!l)
        l = reference;
    return l ? (int)(l - langs) : 0;
}

int i18n_has(const char *lang) { return lang && find(lang) != NULL; }

json_t *i18n_catalog(const char *lang)
{
    const struct lang *l = lang ? find(lang) : NULL;
    if (!l)
        l = reference;
    return l ? l->catalog : NULL;
}

const char *i18n_get(const char *lang, const char *key)
{
    json_t *cat = i18n_catalog(lang);
    const char *s = cat ? json_string_value(json_object_get(cat, key)) : NULL;
    return s ? s : key;
}

/* Picks by the order and q-values of Accept-Language; only the primary
 * subtag counts ("tr-TR" means "tr"). */
const char *i18n_negotiate(const char *al)
{
    const char *best = reference ? reference->code : "de";
    double best_q = -1;
    if (!al)
        return best;
    const char *p = al;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        char tag[4] = "";
        size_t n = 0;
        while (isalpha((unsigned char)*p) && n < 3)
            tag[n++] = (char)tolower((unsigned char)*p++);
        tag[n] = '\0';
        double q = 1.0;
        while (*p && *p != ',') {
            if (*p == ';') {
                /* RFC 9110 allows white space around the ';' */
                const char *s = p + 1;
                while (*s == ' ' || *s == '\t')
                    s++;
                if ((s[0] == 'q' || s[0] == 'Q') && s[1] == '=') {
                    /* RFC 9110: 0 to 1 with at most three decimals; read
                     * by hand, so the C locale's decimal point cannot
                     * matter and nothing above 1 outranks a plain tag */
                    const char *v = s + 2;
                    q = *v == '1' ? 1.0 : 0.0;
                    if (*v == '0' || *v == '1') {
                        v++;
                        if (*v == '.') {
                            double scale = 0.1;
                            for (v++; *v >= '0' && *v <= '9' && scale > 0.0001; v++, scale /= 10)
                                if (q < 1.0)
                                    q += (*v - '0') * scale;
                        }
                    }
                    if (*v && *v != ',' && *v != ';' && *v != ' ' && *v != '\t')
                        q = 0; /* not a number: the tag is not wanted */
                    p = v;
                    continue;
                }
            }
            p++;
        }
        const struct lang *l = n ? find(tag) : NULL;
        if (l && q > best_q && q > 0) {
            best = l->code;
            best_q = q;
        }
    }
    return best;
}
