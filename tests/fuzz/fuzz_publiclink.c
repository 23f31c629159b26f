/* fuzz_publiclink: publiclink_digest, which reads the token of a company's
 * answer link or a pupil's sign-up link from the path (untrusted text
 * from anyone).
 *
 * For any bytes (NUL ends the string, as for the C caller):
 *   - a token is taken only when it is 1 to 63 URL-safe characters; then
 *     its digest is 64 lowercase hex characters, and the same each time;
 *   - two texts that differ never share a digest (for the input and the
 *     input with one byte changed);
 * And every token publiclink_new makes is taken, with the digest it gave. */
#include "core/publiclink.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* publiclink's base address asks the server these; not fuzzed here */
bool respond_tls(void);
bool respond_tls(void) { return false; }
const char *req_header(struct req *r, const char *name)
{
    (void)r;
    (void)name;
    return NULL;
}

static const char SAFE[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

static void fail(const char *why, const char *token)
{
    fprintf(stderr, "fuzz_publiclink: %s: \"%s\"\n", why, token);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        if (sodium_init() < 0)
            abort();
        ready = 1;
    }
    char *in = malloc(size + 1);
    memcpy(in, data, size);
    in[size] = '\0';
    size_t n = strlen(in);
    char d1[PUBLICLINK_DIGEST_HEX], d2[PUBLICLINK_DIGEST_HEX];
    bool taken = publiclink_digest(in, d1);
    bool should = n > 0 && n < PUBLICLINK_TOKEN_MAX && strspn(in, SAFE) == n;
    if (taken != should)
        fail(taken ? "a text that cannot be a token was taken" : "a possible token was refused", in);
    if (taken) {
        if (strlen(d1) != 64 || strspn(d1, "0123456789abcdef") != 64)
            fail("a digest that is not 64 hex characters", d1);
        if (!publiclink_digest(in, d2) || strcmp(d1, d2) != 0)
            fail("the digest of one token changed", in);
        if (n > 1) {
            char was = in[n / 2];
            in[n / 2] = was == 'a' ? 'b' : 'a';
            if (publiclink_digest(in, d2) && strcmp(d1, d2) == 0)
                fail("two tokens share a digest", in);
            in[n / 2] = was;
        }
    }
    char token[PUBLICLINK_TOKEN_MAX];
    publiclink_new(token, d1);
    if (!publiclink_digest(token, d2) || strcmp(d1, d2) != 0)
        fail("a token made here is not taken with its digest", token);
    free(in);
    return 0;
}
