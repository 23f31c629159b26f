#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const MFA_REQUIRED_WORDS[] = { "none", "admins", "staff", NULL };

enum kind { K_STR, K_INT, K_BOOL, K_CHOICE };

/* One row per setting: the whole configuration surface in one place, used by
 * the ini reader, the environment and the flags alike. */
static const struct setting {
    const char *section;
    const char *key;
    enum kind kind;
    size_t offset;
    size_t size;       /* K_STR: buffer size */
    long min, max;     /* K_INT */
    const char *const *choices; /* K_CHOICE: the words allowed, NULL-terminated; stored as the index */
} settings[] = {
#define S(sec, k, f) { sec, k, K_STR, offsetof(struct config, f), sizeof(((struct config *)0)->f), 0, 0, NULL }
#define I(sec, k, f, lo, hi) { sec, k, K_INT, offsetof(struct config, f), 0, lo, hi, NULL }
#define B(sec, k, f) { sec, k, K_BOOL, offsetof(struct config, f), 0, 0, 1, NULL }
#define C(sec, k, f, list) { sec, k, K_CHOICE, offsetof(struct config, f), 0, 0, 0, list }
    S("server", "bind", bind),
    I("server", "port", port, 0, 65535),
    I("server", "threads", threads, 1, 256),
    I("server", "connection_timeout", conn_timeout_s, 1, 3600),
    I("server", "header_timeout", header_timeout_s, 1, 3600),
    I("server", "connection_limit", conn_limit, 1, 100000),
    I("server", "per_ip_connection_limit", per_ip_limit, 0, 100000),
    I("server", "connection_memory_kib", conn_memory_kib, 32, 65536),
    I("server", "body_limit_kib", body_limit_kib, 1, 1024 * 1024),
    I("server", "field_limit_kib", field_limit_kib, 1, 1024 * 1024),
    B("server", "dev", dev),
    B("server", "behind_tls_proxy", behind_tls_proxy),
    S("server", "trusted_proxy", trusted_proxy),
    S("server", "tls_cert", tls_cert),
    S("server", "tls_key", tls_key),
    S("paths", "db", db),
    S("paths", "templates", templates),
    S("paths", "static", static_dir),
    S("paths", "locales", locales),
    S("paths", "common_passwords", common_passwords),
    S("i18n", "default_lang", default_lang),
    S("i18n", "timezone", timezone),
    I("security", "session_idle_minutes", session_idle_min, 1, 24 * 60),
    I("security", "session_absolute_hours", session_absolute_h, 1, 24 * 7),
    I("security", "login_max_failures", login_max_failures, 1, 1000),
    I("security", "login_window_minutes", login_window_min, 1, 24 * 60),
    I("security", "password_ops", password_t, 2, 20),
    I("security", "password_mem_mib", password_mem_mib, 19, 4096),
    C("security", "mfa_required", mfa_required, MFA_REQUIRED_WORDS),
    S("security", "mfa_issuer", mfa_issuer),
    I("security", "join_max_per_hour", join_max_per_hour, 1, 100000),
    S("legal", "operator_name", operator_name),
    S("legal", "operator_address", operator_address),
    S("legal", "operator_representative", operator_representative),
    S("legal", "operator_phone", operator_phone),
    S("legal", "operator_email", operator_email),
    S("legal", "operator_register", operator_register),
    S("legal", "content_responsible", content_responsible),
    S("legal", "privacy_officer", privacy_officer),
    S("legal", "privacy_authority", privacy_authority),
    S("public", "public_url", public_url),
    S("public", "apply_name", apply_name),
    S("public", "apply_phone", apply_phone),
    S("public", "apply_email", apply_email),
    S("public", "apply_address", apply_address),
    S("public", "apply_hours", apply_hours),
    I("public", "offer_max_per_hour", offer_max_per_hour, 1, 1000),
    I("public", "offer_form_hours", offer_form_hours, 1, 24 * 7),
    I("matching", "weight_occupation", weight_occupation, 0, 100),
    I("matching", "weight_certificate", weight_certificate, 0, 100),
    I("matching", "weight_distance", weight_distance, 0, 100),
    I("matching", "weight_start", weight_start, 0, 100),
    I("matching", "weight_languages", weight_languages, 0, 100),
    I("matching", "weight_contact", weight_contact, 0, 100),
    I("matching", "default_commute_km", default_commute_km, 0, 500),
    I("matching", "late_months", late_months, 1, 24),
#undef C
#undef S
#undef I
#undef B
};

#define NSETTINGS (sizeof settings / sizeof settings[0])

void config_defaults(struct config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->bind, sizeof c->bind, "127.0.0.1");
    c->port = 8080;
    c->threads = 4;
    c->conn_timeout_s = 30;
    c->header_timeout_s = 15;
    c->conn_limit = 1024;
    c->per_ip_limit = 128;
    c->conn_memory_kib = 128;
    c->body_limit_kib = 1024;
    c->field_limit_kib = 64;
    c->dev = false;
    snprintf(c->db, sizeof c->db, "azubimatch.db");
    snprintf(c->templates, sizeof c->templates, "templates");
    snprintf(c->static_dir, sizeof c->static_dir, "static");
    snprintf(c->locales, sizeof c->locales, "locales");
    snprintf(c->common_passwords, sizeof c->common_passwords, "data/common-passwords.txt");
    snprintf(c->default_lang, sizeof c->default_lang, "de");
    snprintf(c->timezone, sizeof c->timezone, "Europe/Berlin");
    c->session_idle_min = 30;
    c->session_absolute_h = 12;
    c->login_max_failures = 5;
    c->login_window_min = 15;
    c->password_t = 2;
    c->password_mem_mib = 19;
    c->mfa_required = MFA_NONE;
    snprintf(c->mfa_issuer, sizeof c->mfa_issuer, "azubimatch");
    c->join_max_per_hour = 60;
    c->offer_max_per_hour = 5;
    c->offer_form_hours = 24;
    c->weight_occupation = 40;
    c->weight_certificate = 20;
    c->weight_distance = 20;
    c->weight_start = 10;
    c->weight_languages = 5;
    c->weight_contact = 5;
    c->default_commute_km = 25;
    c->late_months = 3;
}

/* The weights are each in range (the table says so); together they must
 * give the score something to divide by. */
int config_check(const struct config *c, char *err, size_t errlen)
{
    if (c->weight_occupation + c->weight_certificate + c->weight_distance + c->weight_start + c->weight_languages +
            c->weight_contact <= 0) {
        snprintf(err, errlen, "[matching]: at least one weight must be above 0");
        return -1;
    }
    return 0;
}

static const struct setting *find(const char *section, const char *key)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if ((!section || strcmp(settings[i].section, section) == 0) && strcmp(settings[i].key, key) == 0)
            return &settings[i];
    return NULL;
}

static int parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on") || !strcmp(v, "1"))
        *out = true;
    else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off") || !strcmp(v, "0"))
        *out = false;
    else
        return -1;
    return 0;
}

/* Stores one value after checking it fits the setting's type and range. */
static int apply(struct config *c, const struct setting *s, const char *value, char *err, size_t errlen)
{
    char *base = (char *)c + s->offset;
    switch (s->kind) {
    case K_STR:
        if (strlen(value) >= s->size) {
            snprintf(err, errlen, "%s: value too long", s->key);
            return -1;
        }
        memcpy(base, value, strlen(value) + 1);
        return 0;
    case K_INT: {
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno || end == value || *end || v < s->min || v > s->max) {
            snprintf(err, errlen, "%s: expected a whole number from %ld to %ld, got '%s'", s->key, s->min,
                     s->max, value);
            return -1;
        }
        *(int *)base = (int)v;
        return 0;
    }
    case K_BOOL:
        if (parse_bool(value, (bool *)base) != 0) {
            snprintf(err, errlen, "%s: expected true or false, got '%s'", s->key, value);
            return -1;
        }
        return 0;
    case K_CHOICE:
        for (int i = 0; s->choices[i]; i++) {
            if (!strcmp(value, s->choices[i])) {
                *(int *)base = i;
                return 0;
            }
        }
        snprintf(err, errlen, "%s: expected one of", s->key);
        for (int i = 0; s->choices[i]; i++) {
            size_t n = strlen(err);
            snprintf(err + n, errlen - n, "%s %s", i ? "," : "", s->choices[i]);
        }
        size_t n = strlen(err);
        snprintf(err + n, errlen - n, "; got '%s'", value);
        return -1;
    }
    return -1;
}

int config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen)
{
    const struct setting *s = find(NULL, key);
    if (!s) {
        snprintf(err, errlen, "unknown setting '%s'", key);
        return -1;
    }
    return apply(c, s, value, err, errlen);
}

struct ini_ctx {
    struct config *c;
    char *err;
    size_t errlen;
    int failed;
};

static int on_ini(void *user, const char *section, const char *key, const char *value)
{
    struct ini_ctx *x = user;
    if (x->failed)
        return 0;
    const struct setting *s = find(section, key);
    if (!s) {
        snprintf(x->err, x->errlen, "unknown setting [%s] %s", section, key);
        x->failed = 1;
        return 0;
    }
    if (apply(x->c, s, value, x->err, x->errlen) != 0) {
        x->failed = 1;
        return 0;
    }
    return 1;
}

int config_load_file(struct config *c, const char *path, bool required, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (!required && errno == ENOENT)
            return 0;
        snprintf(err, errlen, "cannot read config %s: %s", path, strerror(errno));
        return -1;
    }
    char inner[256] = "";
    struct ini_ctx x = { c, inner, sizeof inner, 0 };
    int rc = ini_parse_file(f, on_ini, &x);
    fclose(f);
    if (rc != 0 || x.failed) {
        if (rc > 0 && !x.failed)
            snprintf(err, errlen, "%s:%d: syntax error", path, rc);
        else
            snprintf(err, errlen, "%s:%d: %s", path, rc, inner);
        return -1;
    }
    return 0;
}

int config_load_env(struct config *c, char *err, size_t errlen)
{
    for (size_t i = 0; i < NSETTINGS; i++) {
        char name[80] = "AZUBIMATCH_";
        size_t n = strlen(name);
        for (const char *k = settings[i].key; *k && n + 1 < sizeof name; k++)
            name[n++] = (char)toupper((unsigned char)*k);
        name[n] = '\0';
        const char *v = getenv(name);
        if (v && apply(c, &settings[i], v, err, errlen) != 0)
            return -1;
    }
    return 0;
}
