/* public: the pure parts behind the public pages. The words a search knows
 * for one another (fold_synonyms_append: "kfz" finds
 * Kraftfahrzeugmechatroniker/-in) and the token of the public offer form
 * (formtoken: made, checked, expired, altered, for another form). */
#include "suites.h"

#include "core/buf.h"
#include "core/fold.h"
#include "core/formtoken.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const struct fold_synonym SYN[] = {
    { "kfz", "kraftfahrzeug" },
    { "shk", "sanitar heizungs und klimatechnik" },
    { "mfa", "medizinische fachangestellte" },
};
#define NSYN (sizeof SYN / sizeof SYN[0])

/* What the synonyms add to text, as a string (without the leading space). */
static char *added(const char *text)
{
    struct buf b = { 0 };
    fold_synonyms_append(&b, text, SYN, NSYN);
    static char out[512];
    snprintf(out, sizeof out, "%s", b.data ? b.data + (b.data[0] == ' ') : "");
    buf_free(&b);
    return out;
}

/* The words at the start of a word bring the abbreviation, and a word that
 * runs on brings its rest: "kfz mechatroniker" finds the long name. */
START_TEST(long_words_bring_the_abbreviation)
{
    ck_assert_str_eq(added("Kraftfahrzeugmechatroniker/-in"), "kfz mechatroniker");
    ck_assert_str_eq(added("Kraftfahrzeug"), "kfz");
    ck_assert_str_eq(added("Anlagenmechaniker/-in für Sanitär-, Heizungs- und Klimatechnik"), "shk");
    ck_assert_str_eq(added("Medizinische/r Fachangestellte/r"), "mfa");
}
END_TEST

/* The abbreviation as a word of its own brings the words; inside another
 * word it brings nothing, and the words inside another word neither. */
START_TEST(abbreviation_brings_the_words)
{
    ck_assert_str_eq(added("Kfz-Mechatroniker"), "kraftfahrzeug");
    ck_assert_str_eq(added("Werkstatt (KFZ)"), "kraftfahrzeug");
    ck_assert_str_eq(added("kfzteile"), "");
    ck_assert_str_eq(added("Berufskraftfahrer/-in"), "");
    ck_assert_str_eq(added("Unterkraftfahrzeug"), "");
    ck_assert_str_eq(added(""), "");
    ck_assert_str_eq(added(NULL), "");
}
END_TEST

/* Each addition once, whatever how often the text has it. */
START_TEST(each_addition_once)
{
    ck_assert_str_eq(added("Kfz kfz KFZ Kraftfahrzeug"), "kfz kraftfahrzeug");
    ck_assert_str_eq(added("Kraftfahrzeugmechatroniker Kraftfahrzeugmechatroniker"), "kfz mechatroniker");
}
END_TEST

/* What is added is words only: no FTS syntax comes through, whatever the
 * text holds. */
START_TEST(additions_are_words_only)
{
    const char *nasty = "\"kfz\"* OR NEAR(kraftfahrzeug^ \"x\") kfz:";
    const char *out = added(nasty);
    for (const char *p = out; *p; p++)
        ck_assert_msg((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == ' ' || (unsigned char)*p >= 0x80,
                      "byte %02x in %s", (unsigned char)*p, out);
    ck_assert_str_eq(out, "kfz kraftfahrzeug");
}
END_TEST

static unsigned char KEY[FORMTOKEN_KEY], OTHER[FORMTOKEN_KEY];

static void keys(void)
{
    ck_assert_int_ge(sodium_init(), 0);
    memset(KEY, 7, sizeof KEY);
    memset(OTHER, 8, sizeof OTHER);
}

/* A token is good for its form until it ends, then expired; made by
 * another key, for another form or from the far future it is bad. */
START_TEST(token_lives_for_its_form)
{
    char t[FORMTOKEN_MAX];
    formtoken_make(KEY, "offer", 1000, 3600, t);
    ck_assert_int_eq(formtoken_check(KEY, "offer", t, 1000, 3600), FORMTOKEN_OK);
    ck_assert_int_eq(formtoken_check(KEY, "offer", t, 4599, 3600), FORMTOKEN_OK);
    ck_assert_int_eq(formtoken_check(KEY, "offer", t, 4600, 3600), FORMTOKEN_EXPIRED);
    ck_assert_int_eq(formtoken_check(KEY, "offers", t, 1000, 3600), FORMTOKEN_BAD);
    ck_assert_int_eq(formtoken_check(KEY, "join", t, 1000, 3600), FORMTOKEN_BAD);
    ck_assert_int_eq(formtoken_check(OTHER, "offer", t, 1000, 3600), FORMTOKEN_BAD);
    /* a lifetime shortened since: the token claims more than it may */
    ck_assert_int_eq(formtoken_check(KEY, "offer", t, 1000, 60), FORMTOKEN_BAD);
    char u[FORMTOKEN_MAX];
    formtoken_make(KEY, "offer", 1000, 3600, u);
    ck_assert_str_ne(t, u); /* a fresh nonce each time */
}
END_TEST

/* Any change to a token makes it bad: a later end, another nonce, a
 * changed signature, missing or extra bytes, upper-case hex, nothing. */
START_TEST(altered_tokens_are_bad)
{
    char t[FORMTOKEN_MAX], x[FORMTOKEN_MAX + 8];
    formtoken_make(KEY, "offer", 1000, 3600, t);
    size_t n = strlen(t);
    for (size_t i = 0; i < n; i++) {
        memcpy(x, t, n + 1);
        if (x[i] == '.')
            continue;
        x[i] = x[i] == '1' ? '2' : '1';
        ck_assert_msg(formtoken_check(KEY, "offer", x, 1000, 3600) == FORMTOKEN_BAD, "changed at %zu: %s", i, x);
    }
    memcpy(x, t, n + 1);
    x[n - 1] = '\0';
    ck_assert_int_eq(formtoken_check(KEY, "offer", x, 1000, 3600), FORMTOKEN_BAD);
    snprintf(x, sizeof x, "%s0", t);
    ck_assert_int_eq(formtoken_check(KEY, "offer", x, 1000, 3600), FORMTOKEN_BAD);
    snprintf(x, sizeof x, "0%s", t);   /* the same time with a leading zero: another text, another signature */
    ck_assert_int_eq(formtoken_check(KEY, "offer", x, 1000, 3600), FORMTOKEN_BAD);
    memcpy(x, t, n + 1);
    for (char *p = x; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
    ck_assert_int_eq(formtoken_check(KEY, "offer", x, 1000, 3600), FORMTOKEN_BAD);
    ck_assert_int_eq(formtoken_check(KEY, "offer", NULL, 1000, 3600), FORMTOKEN_BAD);
    ck_assert_int_eq(formtoken_check(KEY, "offer", "", 1000, 3600), FORMTOKEN_BAD);
    ck_assert_int_eq(formtoken_check(KEY, "offer", "99999999999999999999.a.b", 1000, 3600), FORMTOKEN_BAD);
}
END_TEST

Suite *public_suite(void)
{
    Suite *s = suite_create("public");
    TCase *syn = tcase_create("synonyms");
    tcase_add_test(syn, long_words_bring_the_abbreviation);
    tcase_add_test(syn, abbreviation_brings_the_words);
    tcase_add_test(syn, each_addition_once);
    tcase_add_test(syn, additions_are_words_only);
    suite_add_tcase(s, syn);
    TCase *tok = tcase_create("formtoken");
    tcase_add_checked_fixture(tok, keys, NULL);
    tcase_add_test(tok, token_lives_for_its_form);
    tcase_add_test(tok, altered_tokens_are_bad);
    suite_add_tcase(s, tok);
    return s;
}
