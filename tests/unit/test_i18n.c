/* i18n: catalogs from a temporary directory, fallback to the reference
 * language, and Accept-Language negotiation. */
#include "suites.h"

#include "core/i18n.h"
#include "tmp.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];
static char err[512];

static void put(const char *name, const char *text)
{
    char p[320];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fputs(text, f) >= 0, 1);
    ck_assert_int_eq(fclose(f), 0);
}

/* Removes the test's directory and what it put there (what a failed test
 * leaves goes with the base directory, see tmp.h). */
static void cleanup(void)
{
    if (!dir[0])
        return;
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[600];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(dir);
    dir[0] = '\0';
}

static void setup(void)
{
    tmp_dir(dir, sizeof dir, "locales");
    err[0] = '\0';
}

static void teardown(void)
{
    i18n_free();
    cleanup();
}

/* The catalogs most tests use: de has a and b, en only a. */
static void load_two(void)
{
    put("de.json", "{\"a\": \"A auf Deutsch\", \"b\": \"B auf Deutsch\"}\n");
    put("en.json", "{\"a\": \"A in English\"}\n");
    put("notes.txt", "not a catalog\n");
    int rc = i18n_load(dir, "de", err, sizeof err);
    ck_assert_msg(rc == 0, "i18n_load: %s", err);
}

START_TEST(load_and_get)
{
    load_two();
    ck_assert_str_eq(i18n_get("de", "a"), "A auf Deutsch");
    ck_assert_str_eq(i18n_get("de", "b"), "B auf Deutsch");
    ck_assert_str_eq(i18n_get("en", "a"), "A in English");
    ck_assert(i18n_has("de"));
    ck_assert(i18n_has("en"));
    ck_assert(!i18n_has("fr"));
    ck_assert(!i18n_has("notes"));
    ck_assert(!i18n_has(NULL));
}
END_TEST

START_TEST(missing_key_falls_back_to_reference)
{
    load_two();
    ck_assert_str_eq(i18n_get("en", "b"), "B auf Deutsch");
    /* the merged catalog has it too (templates use it) */
    json_t *en = i18n_catalog("en");
    ck_assert_ptr_nonnull(en);
    ck_assert_str_eq(json_string_value(json_object_get(en, "a")), "A in English");
    ck_assert_str_eq(json_string_value(json_object_get(en, "b")), "B auf Deutsch");
    /* the reference is not changed by the merge */
    ck_assert_str_eq(i18n_get("de", "a"), "A auf Deutsch");
}
END_TEST

START_TEST(unknown_language_uses_reference)
{
    load_two();
    ck_assert_str_eq(i18n_get("fr", "a"), "A auf Deutsch");
    ck_assert_str_eq(i18n_get(NULL, "b"), "B auf Deutsch");
    ck_assert_ptr_eq(i18n_catalog("fr"), i18n_catalog("de"));
}
END_TEST

START_TEST(unknown_key_returns_key)
{
    load_two();
    ck_assert_str_eq(i18n_get("en", "no_such_key"), "no_such_key");
    ck_assert_str_eq(i18n_get("de", "no_such_key"), "no_such_key");
    ck_assert_str_eq(i18n_get("fr", "zz"), "zz");
}
END_TEST

START_TEST(negotiate)
{
    load_two();
    static const struct {
        const char *header, *want;
    } cases[] = {
        { "en-US,en;q=0.9,de;q=0.8", "en" },
        { "fr, de;q=0.5", "de" },
        { "de;q=0.1, en;q=0.9", "en" },
        { "en", "en" },
        { "de", "de" },
        { "de, en", "de" },               /* equal q: order decides */
        { "en, de", "en" },
        { "EN-gb", "en" },                /* case does not matter */
        { "fr;q=1.0, en;q=0.2", "en" },
        { "en;q=0", "de" },               /* q=0: not acceptable */
        { "tr-TR, fr", "de" },            /* nothing we have */
        { "*", "de" },
        { "", "de" },
        { "garbage;;;,,,==q", "de" },
        { ";q=0.9,,,;", "de" },
        { "english", "de" },              /* not the tag "en" */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = i18n_negotiate(cases[i].header);
        ck_assert_msg(got && strcmp(got, cases[i].want) == 0, "'%s': got %s, want %s", cases[i].header,
                      got ? got : "NULL", cases[i].want);
    }
    ck_assert_str_eq(i18n_negotiate(NULL), "de");
}
END_TEST

/* RFC 9110 12.4.2: weight = OWS ";" OWS "q=" qvalue, so a space after the
 * semicolon is allowed and the q-value still counts. */
START_TEST(negotiate_q_after_whitespace)
{
    load_two();
    ck_assert_str_eq(i18n_negotiate("de; q=0.1, en; q=0.9"), "en");
    ck_assert_str_eq(i18n_negotiate("en ;q=0.1, de ;q=0.9"), "de");
    ck_assert_str_eq(i18n_negotiate("en; q=0"), "de");
}
END_TEST

START_TEST(non_string_value_fails)
{
    put("de.json", "{\"a\": \"A\", \"b\": 1}\n");
    ck_assert_int_eq(i18n_load(dir, "de", err, sizeof err), -1);
    ck_assert_str_ne(err, "");
    ck_assert_ptr_null(i18n_catalog("de"));
}
END_TEST

START_TEST(nested_value_fails)
{
    put("de.json", "{\"a\": \"A\", \"b\": \"B\"}\n");
    put("en.json", "{\"a\": {\"nested\": \"x\"}}\n");
    ck_assert_int_eq(i18n_load(dir, "de", err, sizeof err), -1);
    ck_assert_msg(strstr(err, "en.json") != NULL, "error '%s' does not name the file", err);
}
END_TEST

START_TEST(malformed_json_fails)
{
    put("de.json", "{\"a\": \"A\",\n");
    ck_assert_int_eq(i18n_load(dir, "de", err, sizeof err), -1);
    ck_assert_str_ne(err, "");
    put("de.json", "[\"a\"]\n");   /* not an object */
    err[0] = '\0';
    ck_assert_int_eq(i18n_load(dir, "de", err, sizeof err), -1);
    ck_assert_str_ne(err, "");
}
END_TEST

START_TEST(missing_default_catalog_fails)
{
    put("en.json", "{\"a\": \"A in English\"}\n");
    ck_assert_int_eq(i18n_load(dir, "de", err, sizeof err), -1);
    ck_assert_str_ne(err, "");
    ck_assert_ptr_null(i18n_catalog("en"));
    ck_assert(!i18n_has("en"));
}
END_TEST

START_TEST(missing_directory_fails)
{
    char missing[300];
    snprintf(missing, sizeof missing, "%s/nope", dir);
    ck_assert_int_eq(i18n_load(missing, "de", err, sizeof err), -1);
    ck_assert_str_ne(err, "");
}
END_TEST

START_TEST(reload_replaces_catalogs)
{
    load_two();
    put("de.json", "{\"a\": \"neu\", \"b\": \"B\"}\n");
    char en[320];
    snprintf(en, sizeof en, "%s/en.json", dir);
    ck_assert_int_eq(unlink(en), 0);
    put("tr.json", "{\"a\": \"T\\u00fcrk\\u00e7e\"}\n");
    ck_assert_int_eq(i18n_load(dir, "de", err, sizeof err), 0);
    ck_assert_str_eq(i18n_get("de", "a"), "neu");
    ck_assert(!i18n_has("en"));
    ck_assert(i18n_has("tr"));
    ck_assert_str_eq(i18n_get("tr", "a"), "T\xc3\xbcrk\xc3\xa7" "e");
    ck_assert_str_eq(i18n_negotiate("tr-TR,tr;q=0.9,en;q=0.8"), "tr");
}
END_TEST

Suite *i18n_suite(void)
{
    Suite *s = suite_create("i18n");
    TCase *tc = tcase_create("catalogs");
    tcase_add_unchecked_fixture(tc, tmp_base_setup, tmp_base_teardown);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, load_and_get);
    tcase_add_test(tc, missing_key_falls_back_to_reference);
    tcase_add_test(tc, unknown_language_uses_reference);
    tcase_add_test(tc, unknown_key_returns_key);
    tcase_add_test(tc, negotiate);
    tcase_add_test(tc, negotiate_q_after_whitespace);
    tcase_add_test(tc, non_string_value_fails);
    tcase_add_test(tc, nested_value_fails);
    tcase_add_test(tc, malformed_json_fails);
    tcase_add_test(tc, missing_default_catalog_fails);
    tcase_add_test(tc, missing_directory_fails);
    tcase_add_test(tc, reload_replaces_catalogs);
    suite_add_tcase(s, tc);
    return s;
}
