/* namekey: the key of a company name that the duplicate warning compares
 * (src/app/namekey.c): one company however its name is spelled (umlauts
 * or ae/oe/ue, ß or ss, Turkish i, legal forms, punctuation, word order),
 * and the rule for names that only resemble each other, with the issue's
 * examples. */
#include "suites.h"

#include "app/namekey.h"

#include <stdlib.h>
#include <string.h>

/* The key of name (caller frees). */
static char *key(const char *name)
{
    struct buf b = { 0 };
    namekey_append(&b, name);
    return b.data ? buf_steal(&b) : strdup("");
}

static void key_is(const char *name, const char *want)
{
    char *k = key(name);
    ck_assert_msg(strcmp(k, want) == 0, "key of \"%s\" is \"%s\", not \"%s\"", name, k, want);
    free(k);
}

/* Whether two names are the same company, or resemble each other, by
 * their keys. */
static bool same(const char *a, const char *b)
{
    char *ka = key(a), *kb = key(b);
    bool r = namekey_same(ka, kb);
    free(ka);
    free(kb);
    return r;
}

static bool resemble(const char *a, const char *b)
{
    char *ka = key(a), *kb = key(b);
    bool r = namekey_resembles(ka, kb) && namekey_resembles(kb, ka);
    ck_assert_msg(namekey_resembles(ka, kb) == namekey_resembles(kb, ka), "not symmetric: \"%s\" \"%s\"", a, b);
    free(ka);
    free(kb);
    return r;
}

/* The issue's example: every spelling of the bakery is one company. */
START_TEST(issue_spellings_are_one_company)
{
    static const char *const spellings[] = {
        "Bäckerei Yılmaz",
        "Baeckerei Yilmaz GmbH",
        "Yilmaz Bäckerei",
        "BÄCKEREI YILMAZ",
        "BAECKEREI YILMAZ e.K.",
        "Bäckerei Yılmaz GmbH & Co. KG",
        "Yılmaz Bäckerei UG (haftungsbeschränkt)",
        "Yılmaz Baeckerei UG (haftungsbeschraenkt)",
        "Backerei YİLMAZ",
        "Bäckerei Yi\xcc\x87lmaz",            /* i with a combining dot above */
        "Ba\xcc\x88" "ckerei Yilmaz",          /* ä as a and a combining diaeresis */
        "Bäckerei-Yılmaz e. K.",
        "Inh. Yılmaz, Bäckerei",
        "Bäckerei Yılmaz GbR",
        "Bäckerei Yılmaz OHG",
        "Bäckerei Yılmaz AG",
        "Bäckerei Yılmaz mbH",
        "Bäckerei Yılmaz G.m.b.H.",
        "Bäckerei Yılmaz e.V.",
    };
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        ck_assert_msg(same(spellings[0], spellings[i]), "\"%s\" is not \"%s\"", spellings[i], spellings[0]);
        ck_assert_msg(resemble(spellings[0], spellings[i]), "\"%s\" does not resemble \"%s\"", spellings[i],
                      spellings[0]);
    }
}
END_TEST

START_TEST(keys_of_letters)
{
    key_is("Bäckerei Yılmaz", "backerei yilmaz");
    key_is("Baeckerei Yilmaz GmbH", "backerei yilmaz");
    key_is("Müller", "muller");
    key_is("Mueller", "muller");
    key_is("MÜLLER", "muller");
    key_is("Schöne Straße", "schone strasse");
    key_is("Schoene Strasse", "schone strasse");
    key_is("STRASSE ẞ", "strasse ss");
    key_is("İstanbul Döner", "istanbul doner");
    key_is("ISTANBUL DÖNER", "istanbul doner");
    key_is("ıstanbul", "istanbul");
    key_is("Çiçek Şahin Doğan", "cicek sahin dogan");
    key_is("ÇİÇEK ŞAHİN DOĞAN", "cicek sahin dogan");
    key_is("Café Élysée", "cafe elysee");
    key_is("Łódź Żabka", "lodz zabka");
    key_is("Ștefan Țăranu", "stefan taranu");
    key_is("Nguyễn Phở", "nguyen pho");
    key_is("Æble Œuvre", "able ouvre");
    key_is("Петров ДОМ", "петров дом");        /* other scripts stay, made small */
}
END_TEST

START_TEST(keys_of_punctuation_and_forms)
{
    key_is("Mario's Pizza", "marios pizza");
    key_is("Mario’s Pizza", "marios pizza");
    key_is("Marios Pizza", "marios pizza");
    key_is("  Al-Amin  &  Söhne!! ", "al amin sohne");
    key_is("A.B. Transporte", "ab transporte");
    key_is("A B Transporte", "ab transporte");
    key_is("AB Transporte", "ab transporte");
    key_is("A. Yılmaz e.K.", "a yilmaz");
    key_is("Müller e.Kfm.", "muller");
    key_is("Müller eingetragener Kaufmann", "muller");
    key_is("Holz Gesellschaft mit beschränkter Haftung", "holz");
    key_is("Bau GmbH & Co. KG", "bau");
    key_is("Bau GmbH&Co.KG", "bau");
    key_is("Die Bau KGaA", "bau");
    key_is("Kaufhaus der Stadt", "kaufhaus stadt");
    key_is("Colonia Company", "colonia company");  /* "co" only as a whole word */
    key_is("GmbH", "");
    key_is("", "");
    key_is("–…«»", "");
}
END_TEST

/* The key of a key is itself, and never longer than the name. */
START_TEST(key_is_stable)
{
    static const char *const names[] = { "Bäckerei Yılmaz GmbH & Co. KG", "A gmbh B", "a e k x",
                                         "Kaee", "ae oe ue", "Æ", "Y. e.K. Ltd", "i\xcc\x87\xcc\x87" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *k = key(names[i]), *kk = key(k);
        ck_assert_msg(strcmp(k, kk) == 0, "key of \"%s\" is \"%s\", its key \"%s\"", names[i], k, kk);
        ck_assert_uint_le(strlen(k), strlen(names[i]));
        free(k);
        free(kk);
    }
}
END_TEST

/* Bytes that are not UTF-8 break words and never reach the key. */
START_TEST(key_of_broken_text)
{
    key_is("Bau\xff" "haus", "bau haus");
    key_is("M\xc3", "m");
    key_is("\xed\xa0\x80" "x", "x");          /* a surrogate */
    key_is("\xc0\xaf" "x", "x");              /* an overlong "/" */
}
END_TEST

/* The rule for near matches is the one before keys were exact: a prefix,
 * every word of the shorter name, or more than half of all words. */
START_TEST(resemblance_rule)
{
    ck_assert(resemble("Yilmaz Bäckerei", "Bäckerei Yılmaz GmbH"));
    ck_assert(resemble("Yılmaz", "Bäckerei Yılmaz"));                   /* every word of the shorter */
    ck_assert(resemble("Autohaus Dem", "Autohaus Demirci"));             /* a prefix */
    ck_assert(resemble("Bäckerei Yılmaz 1", "Bäckerei Yılmaz 2"));       /* two of three words */
    ck_assert(!resemble("Schreinerei Okonkwo", "Bäckerei Yılmaz"));
    ck_assert(!resemble("Bäcker Yilmaz", "Bäckerei Yilmaz"));            /* one word of two: not near enough */
    ck_assert(!resemble("Yilmaz Transporte", "Bäckerei Yilmaz"));
    ck_assert(!resemble("GmbH", "Bäckerei GmbH"));                       /* an empty key resembles nothing */
    ck_assert(!namekey_resembles("", ""));
    ck_assert(!same("Bäcker Yilmaz", "Bäckerei Yilmaz"));
    ck_assert(!same("Bäckerei Yılmaz", "Bäckerei Yılmaz Yılmaz"));       /* words counted, not only sets */
    ck_assert(same("Kaya Demir Bau", "Bau Demir Kaya"));
    ck_assert(!namekey_same("", ""));
}
END_TEST

Suite *namekey_suite(void)
{
    Suite *s = suite_create("namekey");
    TCase *tc = tcase_create("namekey");
    tcase_add_test(tc, issue_spellings_are_one_company);
    tcase_add_test(tc, keys_of_letters);
    tcase_add_test(tc, keys_of_punctuation_and_forms);
    tcase_add_test(tc, key_is_stable);
    tcase_add_test(tc, key_of_broken_text);
    tcase_add_test(tc, resemblance_rule);
    suite_add_tcase(s, tc);
    return s;
}
