#include "core/publiclink.h"

#include "core/respond.h"
#include "core/secret.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static char public_url[PUBLICLINK_URL_MAX];

void publiclink_configure(const char *url)
{
    snprintf(public_url, sizeof public_url, "%s", url ? url : "");
    size_t n = strlen(public_url);
    while (n && public_url[n - 1] == '/')
        public_url[--n] = '\0';
}

/* The digest of a token as hex: what the database keeps and finds by. */
static void digest_hex(const char *token, char out[PUBLICLINK_DIGEST_HEX])
{
    unsigned char d[SECRET_DIGEST];
    secret_digest(token, d);
    sodium_bin2hex(out, PUBLICLINK_DIGEST_HEX, d, sizeof d);
}

void publiclink_new(char token[PUBLICLINK_TOKEN_MAX], char digest[PUBLICLINK_DIGEST_HEX])
{
    /* 192 random bits: short enough for a clear QR code and a mail line */
    unsigned char raw[24];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(token, PUBLICLINK_TOKEN_MAX, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    digest_hex(token, digest);
}

bool publiclink_digest(const char *token, char digest[PUBLICLINK_DIGEST_HEX])
{
    static const char url_safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    size_t n = token ? strlen(token) : 0;
    if (n == 0 || n >= PUBLICLINK_TOKEN_MAX || strspn(token, url_safe) != n)
        return false;
    digest_hex(token, digest);
    return true;
}

void publiclink_base(struct req *r, char *out, size_t n)
{
    if (public_url[0]) {
        snprintf(out, n, "%s", public_url);
        return;
    }
    const char *host = r ? req_header(r, "Host") : NULL;
    bool ok = host && *host && strlen(host) < 256 &&
              strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == strlen(host);
    snprintf(out, n, "%s://%s", respond_tls() ? "https" : "http", ok ? host : "localhost");
}

void publiclink_url(struct req *r, const char *path, const char *token, char *out, size_t n)
{
    char base[PUBLICLINK_URL_MAX];
    publiclink_base(r, base, sizeof base);
    snprintf(out, n, "%s%s%s", base, path, token);
}
