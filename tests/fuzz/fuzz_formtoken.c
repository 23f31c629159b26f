/* fuzz_formtoken: formtoken_check, the token of the public offer form
 * (untrusted text from anyone).
 *
 * For any bytes (NUL ends the string, as for the C caller):
 *   - the check answers BAD, EXPIRED or OK and never reads past the text;
 *   - OK only for a token that this key made for this form: the input is
 *     also checked under another key and another purpose, which must say
 *     BAD.
 * And for a token made from the input's first bytes as the clock:
 *   - it is OK at once and EXPIRED after its lifetime;
 *   - the same token with one byte of the input laid over it is BAD,
 *     unless that left it unchanged. */
#include "core/formtoken.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char KEY[FORMTOKEN_KEY], OTHER[FORMTOKEN_KEY];

static void setup(void)
{
    static int done;
    if (done)
        return;
    if (sodium_init() < 0)
        abort();
    memset(KEY, 0x5a, sizeof KEY);
    memset(OTHER, 0xa5, sizeof OTHER);
    done = 1;
}

static void fail(const char *why, const char *token)
{
    fprintf(stderr, "fuzz_formtoken: %s: \"%s\"\n", why, token);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    char *in = malloc(size + 1);
    memcpy(in, data, size);
    in[size] = '\0';
    int64_t now = 0;
    for (size_t i = 0; i < size && i < 4; i++)
        now = now * 256 + data[i];
    enum formtoken_result r = formtoken_check(KEY, "offer", in, now, 3600);
    if (r != FORMTOKEN_OK && r != FORMTOKEN_BAD && r != FORMTOKEN_EXPIRED)
        fail("an answer outside the three", in);
    if (formtoken_check(OTHER, "offer", in, now, 3600) == FORMTOKEN_OK ||
        formtoken_check(KEY, "join", in, now, 3600) == FORMTOKEN_OK)
        fail("a token of one key or form passes for another", in);

    char t[FORMTOKEN_MAX];
    formtoken_make(KEY, "offer", now, 3600, t);
    if (formtoken_check(KEY, "offer", t, now, 3600) != FORMTOKEN_OK)
        fail("a fresh token is not OK", t);
    if (formtoken_check(KEY, "offer", t, now + 3600, 3600) != FORMTOKEN_EXPIRED)
        fail("a token past its lifetime is not EXPIRED", t);
    if (size > 4) {
        size_t at = data[4] % strlen(t);
        char was = t[at];
        t[at] = size > 5 && data[5] ? (char)data[5] : 'x';
        if (t[at] != was && formtoken_check(KEY, "offer", t, now, 3600) != FORMTOKEN_BAD)
            fail("an altered token is not BAD", t);
    }
    free(in);
    return 0;
}
