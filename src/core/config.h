/* config: settings from defaults, config.ini (inih), AZUBIMATCH_* environment
 * variables and command-line flags, applied in that order so the later wins. */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_PATH_MAX 512
#define CONFIG_LEGAL_MAX 200

struct config {
    /* [server] */
    char bind[64];
    int port;
    int threads;
    int conn_timeout_s;
    int header_timeout_s;  /* to send a request's headers, and to begin the next one on a kept-alive connection */
    int conn_limit;
    int per_ip_limit;
    int conn_memory_kib;
    int body_limit_kib;    /* default per-route body limit */
    int field_limit_kib;   /* largest single form field */
    bool dev;              /* reload templates when changed */
    bool behind_tls_proxy; /* reached over TLS through a proxy that ends it: cookies as over TLS */
    char trusted_proxy[64]; /* the proxy's address whose X-Forwarded-For names the client; "" none */
    char tls_cert[CONFIG_PATH_MAX];
    char tls_key[CONFIG_PATH_MAX];
    /* [paths] */
    char db[CONFIG_PATH_MAX];
    char templates[CONFIG_PATH_MAX];
    char static_dir[CONFIG_PATH_MAX];
    char locales[CONFIG_PATH_MAX];
    char common_passwords[CONFIG_PATH_MAX];  /* the list new passwords must not be on */
    /* [i18n] */
    char default_lang[8];
    char timezone[64];      /* for dates that fall due, e.g. Europe/Berlin */
    /* [security] */
    int session_idle_min;
    int session_absolute_h;
    int login_max_failures;     /* failures in the window before 429 */
    int login_window_min;
    int password_t;             /* argon2id ops limit */
    int password_mem_mib;       /* argon2id memory limit */
    int mfa_required;           /* enum mfa_required: who must have a second factor */
    char mfa_issuer[64];        /* the name authenticator apps show for the codes */
    int join_max_per_hour;      /* sign-ups tried from one address in an hour before 429 */
    /* [legal]: who runs the site, for the public Impressum and Datenschutz
     * pages; each one line (inih reads at most 200 bytes a line) */
    char operator_name[CONFIG_LEGAL_MAX];
    char operator_address[CONFIG_LEGAL_MAX];
    char operator_representative[CONFIG_LEGAL_MAX];
    char operator_phone[CONFIG_LEGAL_MAX];
    char operator_email[CONFIG_LEGAL_MAX];
    char operator_register[CONFIG_LEGAL_MAX];
    char content_responsible[CONFIG_LEGAL_MAX];
    char privacy_officer[CONFIG_LEGAL_MAX];
    char privacy_authority[CONFIG_LEGAL_MAX];
    /* [public]: the public pages for companies and young people */
    char public_url[CONFIG_LEGAL_MAX];      /* how the public reaches the site (sign-up links and their QR
                                             * codes, the feed, job pages); "" from the request */
    char apply_name[CONFIG_LEGAL_MAX];      /* how to apply for a post: the service point's contact */
    char apply_phone[CONFIG_LEGAL_MAX];
    char apply_email[CONFIG_LEGAL_MAX];
    char apply_address[CONFIG_LEGAL_MAX];
    char apply_hours[CONFIG_LEGAL_MAX];
    int offer_max_per_hour;                 /* offers accepted from one address in an hour */
    int offer_form_hours;                   /* how long the offer form stays valid once shown */
    /* [matching]: the scoring engine's weights (points each criterion can
     * give, 0..100, at least one above 0) and defaults (src/match) */
    int weight_occupation;                  /* desired occupation and its rank */
    int weight_certificate;                 /* certificate against the post's minimum */
    int weight_distance;                    /* distance against the commute limit */
    int weight_start;                       /* start date against availability */
    int weight_languages;                   /* languages in common besides German */
    int weight_contact;                     /* earlier contact with the company */
    int default_commute_km;                 /* a candidate's limit when none is given */
    int late_months;                        /* a start this many months late gives no points */
};

/* Who must log in with a second factor (mfa_required = none|admins|staff). */
enum mfa_required { MFA_NONE, MFA_ADMINS, MFA_STAFF };

/* Fills in the documented defaults (the same as config.ini's comments). */
void config_defaults(struct config *c);

/* Reads an ini file. A missing file is fine when !required. Returns 0, or -1
 * with a one-line reason in err (size errlen). */
int config_load_file(struct config *c, const char *path, bool required, char *err, size_t errlen);

/* Applies AZUBIMATCH_<SECTIONLESS KEY> variables, e.g. AZUBIMATCH_DB,
 * AZUBIMATCH_PORT. Returns 0 or -1 with a reason. */
int config_load_env(struct config *c, char *err, size_t errlen);

/* Checks what no single setting can: the matching weights add up to more
 * than 0. Call after the last source was applied. 0, or -1 with a reason. */
int config_check(const struct config *c, char *err, size_t errlen);

/* Sets one key by its ini name ("port", "db", ...), as a flag or variable
 * would. Returns 0, or -1 with a reason for unknown keys or bad values. */
int config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen);

#endif
