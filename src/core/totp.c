#include "core/totp.h"

#include "core/buf.h"

#include <liboath/oath.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Crockford's base32 alphabet: no i, l, o or u, so a code read aloud or
 * copied from paper cannot be mistyped into another one. */
static const char RECOVERY_ALPHABET[] = "0123456789abcdefghjkmnpqrstvwxyz";

int totp_init(void) { return oath_init() == OATH_OK ? 0 : -1; }

void totp_new_secret(unsigned char out[TOTP_SECRET_BYTES]) { randombytes_buf(out, TOTP_SECRET_BYTES); }

int totp_base32(const unsigned char *secret, size_t len, char *out, size_t n)
{
    char *enc = NULL;
    size_t enclen = 0;
    if (oath_base32_encode((const char *)secret, len, &enc, &enclen) != OATH_OK)
        return -1;
    while (enclen > 0 && enc[enclen - 1] == '=')
        enclen--; /* apps want it without padding */
    int rc = -1;
    if (enclen < n) {
        memcpy(out, enc, enclen);
        out[enclen] = '\0';
        rc = 0;
    }
    free(enc);
    return rc;
}

/* Appends s percent-encoded, every byte but RFC 3986's unreserved ones. */
static void put_escaped(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
            *p == '.' || *p == '_' || *p == '~')
            buf_append(b, p, 1);
        else
            buf_printf(b, "%%%02X", *p);
    }
}

char *totp_uri(const char *issuer, const char *account, const char *secret_b32)
{
    struct buf b = { 0 };
    buf_puts(&b, "otpauth://totp/");
    put_escaped(&b, issuer);
    buf_puts(&b, ":");
    put_escaped(&b, account);
    buf_printf(&b, "?secret=%s&issuer=", secret_b32);
    put_escaped(&b, issuer);
    buf_printf(&b, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP_S);
    return buf_steal(&b);
}

int totp_code(const unsigned char *secret, size_t len, time_t t, unsigned digits, enum totp_hash hash, char *out)
{
    int flags = hash == TOTP_SHA256 ? OATH_TOTP_HMAC_SHA256 : hash == TOTP_SHA512 ? OATH_TOTP_HMAC_SHA512 : 0;
    if (digits < 6 || digits > 8)
        return -1;
    return oath_totp_generate2((const char *)secret, len, t, TOTP_STEP_S, 0, digits, flags, out) == OATH_OK ? 0 : -1;
}

int64_t totp_match(const unsigned char *secret, size_t len, time_t now, const char *code)
{
    if (strlen(code) != TOTP_DIGITS)
        return -1;
    int pos = 0;
    uint64_t counter = 0;
    int rc = oath_totp_validate3((const char *)secret, len, now, TOTP_STEP_S, 0, 1, &pos, &counter, code);
    if (rc < 0 || counter > INT64_MAX)
        return -1;
    return (int64_t)counter;
}

void totp_recovery_new(char out[TOTP_RECOVERY_MAX])
{
    int n = 0;
    for (int i = 0; i < TOTP_RECOVERY_CHARS; i++) {
        if (i > 0 && i % 4 == 0)
            out[n++] = '-';
        out[n++] = RECOVERY_ALPHABET[randombytes_uniform(32)];
    }
    out[n] = '\0';
}

bool totp_recovery_canonical(const char *in, char out[TOTP_RECOVERY_MAX])
{
    int n = 0, digits = 0;
    for (const char *p = in; *p; p++) {
        char c = *p;
        if (c == '-' || c == ' ')
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c == 'o')
            c = '0';
        else if (c == 'i' || c == 'l')
            c = '1';
        if (!c || !strchr(RECOVERY_ALPHABET, c) || digits == TOTP_RECOVERY_CHARS)
            return false;
        if (digits > 0 && digits % 4 == 0)
            out[n++] = '-';
        out[n++] = c;
        digits++;
    }
    out[n] = '\0';
    return digits == TOTP_RECOVERY_CHARS;
}

bool totp_code_canonical(const char *in, char out[TOTP_DIGITS + 1])
{
    int n = 0;
    for (const char *p = in; *p; p++) {
        if (*p == ' ' || *p == '-')
            continue;
        if (*p < '0' || *p > '9' || n == TOTP_DIGITS)
            return false;
        out[n++] = *p;
    }
    out[n] = '\0';
    return n == TOTP_DIGITS;
}
