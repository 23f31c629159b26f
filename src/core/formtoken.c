#include "core/formtoken.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define NONCE 16
#define PURPOSE_MAX 64

/* The signature of (purpose, ends, nonce hex): the purpose first, with its
 * length, so no token for one form is valid for another. */
static void sign(const unsigned char key[FORMTOKEN_KEY], const char *purpose, const char *ends, size_t ends_len,
                 const char *nonce_hex, unsigned char mac[crypto_auth_BYTES])
{
    crypto_auth_hmacsha512256_state st;
    crypto_auth_hmacsha512256_init(&st, key, FORMTOKEN_KEY);
    size_t plen = strnlen(purpose, PURPOSE_MAX);
    unsigned char len = (unsigned char)plen;
    crypto_auth_hmacsha512256_update(&st, &len, 1);
    crypto_auth_hmacsha512256_update(&st, (const unsigned char *)purpose, plen);
    crypto_auth_hmacsha512256_update(&st, (const unsigned char *)"|", 1);
    crypto_auth_hmacsha512256_update(&st, (const unsigned char *)ends, ends_len);
    crypto_auth_hmacsha512256_update(&st, (const unsigned char *)"|", 1);
    crypto_auth_hmacsha512256_update(&st, (const unsigned char *)nonce_hex, NONCE * 2);
    crypto_auth_hmacsha512256_final(&st, mac);
}

void formtoken_make(const unsigned char key[FORMTOKEN_KEY], const char *purpose, int64_t now, int lifetime_s,
                    char out[FORMTOKEN_MAX])
{
    unsigned char nonce[NONCE], mac[crypto_auth_BYTES];
    char ends[24], nonce_hex[NONCE * 2 + 1], mac_hex[crypto_auth_BYTES * 2 + 1];
    int n = snprintf(ends, sizeof ends, "%lld", (long long)(now + (lifetime_s > 0 ? lifetime_s : 0)));
    randombytes_buf(nonce, sizeof nonce);
    sodium_bin2hex(nonce_hex, sizeof nonce_hex, nonce, sizeof nonce);
    sign(key, purpose, ends, (size_t)n, nonce_hex, mac);
    sodium_bin2hex(mac_hex, sizeof mac_hex, mac, sizeof mac);
    snprintf(out, FORMTOKEN_MAX, "%s.%s.%s", ends, nonce_hex, mac_hex);
    sodium_memzero(mac, sizeof mac);
}

/* n lowercase hex digits at s. */
static bool hex_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

enum formtoken_result formtoken_check(const unsigned char key[FORMTOKEN_KEY], const char *purpose, const char *token,
                                      int64_t now, int lifetime_s)
{
    if (!token)
        return FORMTOKEN_BAD;
    /* the shape first: 1 to 19 digits, a dot, the nonce, a dot, the mac */
    size_t len = strnlen(token, FORMTOKEN_MAX);
    if (len >= FORMTOKEN_MAX)
        return FORMTOKEN_BAD;
    size_t digits = strspn(token, "0123456789");
    if (digits == 0 || digits > 19 || token[digits] != '.' ||
        len != digits + 1 + NONCE * 2 + 1 + crypto_auth_BYTES * 2)
        return FORMTOKEN_BAD;
    const char *nonce_hex = token + digits + 1, *mac_hex = nonce_hex + NONCE * 2 + 1;
    if (mac_hex[-1] != '.' || !hex_digits(nonce_hex, NONCE * 2) || !hex_digits(mac_hex, crypto_auth_BYTES * 2))
        return FORMTOKEN_BAD;
    unsigned char mac[crypto_auth_BYTES], want[crypto_auth_BYTES];
    if (sodium_hex2bin(mac, sizeof mac, mac_hex, crypto_auth_BYTES * 2, NULL, NULL, NULL) != 0)
        return FORMTOKEN_BAD;
    sign(key, purpose, token, digits, nonce_hex, want);
    bool genuine = sodium_memcmp(mac, want, sizeof mac) == 0;
    sodium_memzero(want, sizeof want);
    if (!genuine)
        return FORMTOKEN_BAD;
    /* signed by us: now its time (19 digits may not fit: such a token
     * claims a time no token of ours does) */
    if (digits == 19 && strncmp(token, "9223372036854775807", 19) > 0)
        return FORMTOKEN_BAD;
    int64_t ends = 0;
    for (size_t i = 0; i < digits; i++)
        ends = ends * 10 + (token[i] - '0');
    if (ends > now + (int64_t)(lifetime_s > 0 ? lifetime_s : 0) + 60)
        return FORMTOKEN_BAD;
    return ends > now ? FORMTOKEN_OK : FORMTOKEN_EXPIRED;
}
