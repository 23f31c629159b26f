/* err: the one error vocabulary. Each code maps to an HTTP status, a stable
 * machine name (the JSON `error.code`) and a message key in the catalogs. */
#ifndef CORE_ERR_H
#define CORE_ERR_H

enum err {
    ERR_NONE = 0,
    ERR_BAD_REQUEST,        /* 400 malformed request */
    ERR_INVALID,            /* 400 fields failed validation (see `fields`) */
    ERR_UNAUTHORIZED,       /* 401 not logged in */
    ERR_OTP_REQUIRED,       /* 401 the password was right: now the second factor's code */
    ERR_FORBIDDEN,          /* 403 role or object not allowed */
    ERR_CSRF,               /* 403 missing or wrong CSRF token */
    ERR_PASSWORD_CHANGE,    /* 403 the password an admin set must be changed first */
    ERR_MFA_REQUIRED,       /* 403 a second factor must be set up first */
    ERR_NOT_FOUND,          /* 404 */
    ERR_METHOD,             /* 405 with Allow */
    ERR_CONFLICT,           /* 409 */
    ERR_GONE,               /* 410 expired link */
    ERR_TOO_LARGE,          /* 413 body over the route's limit */
    ERR_URI_TOO_LONG,       /* 414 a target with more arguments or bytes than we read */
    ERR_UNSUPPORTED_MEDIA,  /* 415 body type not accepted */
    ERR_THROTTLED,          /* 429 */
    ERR_INTERNAL,           /* 500 our fault, logged */
    ERR_UNAVAILABLE,        /* 503 database not answering */
    ERR_COUNT
};

struct err_info {
    int status;
    const char *code;        /* JSON error.code */
    const char *msg_key;     /* key into the locales/<lang>.json catalogs */
};

/* Never NULL: unknown values map to ERR_INTERNAL. */
const struct err_info *err_info(enum err e);

#endif
