#include "core/publicform.h"

#include "core/sitekey.h"

#include <sodium.h>
#include <time.h>

#define FORMS_KEY "formtokn" /* the site key's context for form tokens */

void publicform_token(const char *purpose, int lifetime_s, char out[FORMTOKEN_MAX])
{
    unsigned char key[SITEKEY_BYTES];
    out[0] = '\0';
    if (sitekey_derive(FORMS_KEY, key) != 0)
        return;
    formtoken_make(key, purpose, (int64_t)time(NULL), lifetime_s, out);
    sodium_memzero(key, sizeof key);
}

enum formtoken_result publicform_check(const char *purpose, const char *token, int lifetime_s)
{
    unsigned char key[SITEKEY_BYTES];
    if (sitekey_derive(FORMS_KEY, key) != 0)
        return FORMTOKEN_BAD;
    enum formtoken_result rc = formtoken_check(key, purpose, token, (int64_t)time(NULL), lifetime_s);
    sodium_memzero(key, sizeof key);
    return rc;
}
