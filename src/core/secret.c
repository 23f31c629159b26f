#include "core/secret.h"

#include "core/buf.h"
#include "core/text.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long ops_limit = 2;
static size_t mem_limit = 19u << 20;
/* A real hash made at start-up, verified against when the account is
 * unknown so that timing does not tell whether an e-mail exists. */
static char dummy_hash[SECRET_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void) { secret_hash_password("not a password of anyone", dummy_hash); }

int secret_init(int ops, int mem_mib)
{
    if (sodium_init() < 0)
        return -1;
    ops_limit = (unsigned long long)(ops < 2 ? 2 : ops);
    mem_limit = (size_t)(mem_mib < 19 ? 19 : mem_mib) << 20;
    return 0;
}

int secret_password_ok(const char *pw, const char **why)
{
    size_t n = pw ? strlen(pw) : 0;
    if (!pw || !text_valid(pw, n)) {
        *why = "field_bad_text";
        return -1;
    }
    size_t chars = text_chars(pw, n);
    if (chars < SECRET_PASSWORD_MIN) {
        *why = "password_too_short";
        return -1;
    }
    if (chars > SECRET_PASSWORD_MAX) {
        *why = "password_too_long";
        return -1;
    }
    if (secret_is_common(pw)) {
        *why = "password_common";
        return -1;
    }
    return 0;
}

/* The common passwords, sorted for bsearch; owned for the process. */
static char *common_text;
static char **common;
static size_t ncommon;

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int secret_common_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read the list of common passwords %s", path);
        return -1;
    }
    struct buf b = { 0 };
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    char *text = buf_steal(&b);
    size_t lines = 0;
    for (char *p = text; p && *p; p++)
        lines += *p == '\n';
    char **list = text ? calloc(lines + 1, sizeof *list) : NULL;
    if (!list) {
        free(text);
        snprintf(err, errlen, "out of memory for %s", path);
        return -1;
    }
    size_t count = 0;
    for (char *p = text, *line; (line = strsep(&p, "\n"));) {
        line[strcspn(line, "\r")] = '\0';
        if (*line && count <= lines)
            list[count++] = line;
    }
    qsort(list, count, sizeof *list, compare_str);
    free(common);
    free(common_text);
    common_text = text;
    common = list;
    ncommon = count;
    return 0;
}

bool secret_is_common(const char *pw)
{
    if (!ncommon || !pw)
        return false;
    char lower[SECRET_PASSWORD_MAX * 4 + 1];
    size_t n = strlen(pw);
    if (n >= sizeof lower)
        return false;
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)(pw[i] >= 'A' && pw[i] <= 'Z' ? pw[i] - 'A' + 'a' : pw[i]);
    const char *key = lower;
    return bsearch(&key, common, ncommon, sizeof *common, compare_str) != NULL;
}

int secret_hash_password(const char *pw, char out[SECRET_HASH_MAX])
{
    _Static_assert(SECRET_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
    return crypto_pwhash_str_alg(out, pw, strlen(pw), ops_limit, mem_limit, crypto_pwhash_ALG_ARGON2ID13) == 0
               ? 0
               : -1;
}

bool secret_verify_password(const char *stored, const char *pw)
{
    if (!pw)
        pw = "";
    if (!stored || !*stored) {
        pthread_once(&dummy_once, make_dummy);
        /* the result is meaningless; only the time spent matters */
        if (crypto_pwhash_str_verify(dummy_hash, pw, strlen(pw)) == 0)
            return false;
        return false;
    }
    return crypto_pwhash_str_verify(stored, pw, strlen(pw)) == 0;
}

void secret_token(char out[SECRET_TOKEN_HEX])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, SECRET_TOKEN_HEX, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

void secret_digest(const char *token, unsigned char out[SECRET_DIGEST])
{
    crypto_generichash(out, SECRET_DIGEST, (const unsigned char *)token, strlen(token), NULL, 0);
}

bool secret_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na != nb || na == 0)
        return false;
    return sodium_memcmp(a, b, na) == 0;
}
