/* secret: tokens, digests, constant-time comparison and argon2id hashes. */
#include "suites.h"

#include "core/publiclink.h"
#include "core/secret.h"

#include <string.h>

static void setup(void) { ck_assert_int_eq(secret_init(2, 19), 0); }

START_TEST(token_is_256_bits_of_hex)
{
    char a[SECRET_TOKEN_HEX], b[SECRET_TOKEN_HEX];
    secret_token(a);
    secret_token(b);
    ck_assert_uint_eq(strlen(a), 64);
    ck_assert_uint_eq(strspn(a, "0123456789abcdef"), 64);
    ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(digest_is_stable_and_distinct)
{
    unsigned char d1[SECRET_DIGEST], d2[SECRET_DIGEST], d3[SECRET_DIGEST];
    secret_digest("abc", d1);
    secret_digest("abc", d2);
    secret_digest("abd", d3);
    ck_assert_mem_eq(d1, d2, SECRET_DIGEST);
    ck_assert(memcmp(d1, d3, SECRET_DIGEST) != 0);
}
END_TEST

START_TEST(equal_compares_whole_strings)
{
    ck_assert(secret_equal("abcdef", "abcdef"));
    ck_assert(!secret_equal("abcdef", "abcdeg"));
    ck_assert(!secret_equal("abcdef", "abcde"));
    ck_assert(!secret_equal("", ""));   /* an empty token never matches */
}
END_TEST

START_TEST(password_length_in_characters)
{
    const char *why = NULL;
    ck_assert_int_eq(secret_password_ok("123456789", &why), -1);
    ck_assert_str_eq(why, "password_too_short");
    ck_assert_int_eq(secret_password_ok("1234567890", &why), 0);
    /* ten umlauts are twenty bytes but ten characters */
    ck_assert_int_eq(secret_password_ok("\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4",
                                        &why),
                     0);
    char long_pw[200];
    memset(long_pw, 'x', 128);
    long_pw[128] = '\0';
    ck_assert_int_eq(secret_password_ok(long_pw, &why), 0);
    long_pw[128] = 'x';
    long_pw[129] = '\0';
    ck_assert_int_eq(secret_password_ok(long_pw, &why), -1);
    ck_assert_str_eq(why, "password_too_long");
    ck_assert_int_eq(secret_password_ok("bad\x01password", &why), -1);
    ck_assert_str_eq(why, "field_bad_text");
}
END_TEST

START_TEST(hash_is_argon2id_and_verifies)
{
    char hash[SECRET_HASH_MAX];
    ck_assert_int_eq(secret_hash_password("richtig und lang", hash), 0);
    ck_assert_msg(strncmp(hash, "$argon2id$", 10) == 0, "not argon2id: %s", hash);
    ck_assert_msg(strstr(hash, "m=19456") != NULL && strstr(hash, "t=2") != NULL, "cost too low: %s", hash);
    ck_assert(secret_verify_password(hash, "richtig und lang"));
    ck_assert(!secret_verify_password(hash, "richtig und lang "));
    ck_assert(!secret_verify_password(hash, ""));
    /* an unknown account never verifies, whatever the password */
    ck_assert(!secret_verify_password(NULL, "richtig und lang"));
    ck_assert(!secret_verify_password("", "richtig und lang"));
}
END_TEST

START_TEST(same_password_hashes_differently)
{
    char a[SECRET_HASH_MAX], b[SECRET_HASH_MAX];
    ck_assert_int_eq(secret_hash_password("same password", a), 0);
    ck_assert_int_eq(secret_hash_password("same password", b), 0);
    ck_assert_str_ne(a, b);   /* salted */
}
END_TEST

/* Passwords on the shipped list of common ones are refused, whatever
 * their case; others of the same shape are not; the list is read whole. */
START_TEST(common_passwords_are_refused)
{
    char err[256];
    ck_assert_int_eq(secret_common_load("data/common-passwords.txt", err, sizeof err), 0);
    const char *why = NULL;
    ck_assert_int_eq(secret_password_ok("password123", &why), -1);
    ck_assert_str_eq(why, "password_common");
    ck_assert_int_eq(secret_password_ok("QWERTYUIOP", &why), -1);
    ck_assert_int_eq(secret_password_ok("1234567890", &why), -1);
    ck_assert(secret_is_common("123456"));   /* short ones are on it too */
    ck_assert(!secret_is_common("Bäckerei Yılmaz am Main"));
    why = NULL;
    ck_assert_int_eq(secret_password_ok("richtig-geheim-2026", &why), 0);
    ck_assert_int_eq(secret_common_load("/no/such/list.txt", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "/no/such/list.txt"));
}
END_TEST

/* publiclink: a link's token is 192 random bits, URL-safe; only its digest
 * is kept, and text that cannot be a token is refused before any look-up. */
START_TEST(public_link_tokens)
{
    char a[PUBLICLINK_TOKEN_MAX], b[PUBLICLINK_TOKEN_MAX], da[PUBLICLINK_DIGEST_HEX], db[PUBLICLINK_DIGEST_HEX],
        again[PUBLICLINK_DIGEST_HEX];
    publiclink_new(a, da);
    publiclink_new(b, db);
    ck_assert_uint_eq(strlen(a), 32); /* 24 bytes in base64url */
    ck_assert_uint_eq(strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"), 32);
    ck_assert_str_ne(a, b);
    ck_assert_str_ne(da, db);
    ck_assert_uint_eq(strlen(da), 64);
    ck_assert(strstr(da, a) == NULL);
    ck_assert(publiclink_digest(a, again));
    ck_assert_str_eq(again, da);
    ck_assert(!publiclink_digest(NULL, again));
    ck_assert(!publiclink_digest("", again));
    ck_assert(!publiclink_digest("abc/def", again));
    ck_assert(!publiclink_digest("<script>", again));
    char long_token[PUBLICLINK_TOKEN_MAX + 1];
    memset(long_token, 'a', sizeof long_token - 1);
    long_token[sizeof long_token - 1] = '\0';
    ck_assert(!publiclink_digest(long_token, again));
    /* the configured address, without its trailing slashes */
    char url[PUBLICLINK_URL_MAX];
    publiclink_configure("https://azubimatch.example.org//");
    publiclink_url(NULL, "/p/", "tok", url, sizeof url);
    ck_assert_str_eq(url, "https://azubimatch.example.org/p/tok");
    publiclink_configure("");
    publiclink_base(NULL, url, sizeof url);
    ck_assert_str_eq(url, "http://localhost");
}
END_TEST

Suite *secret_suite(void)
{
    Suite *s = suite_create("secret");
    TCase *tc = tcase_create("secret");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, token_is_256_bits_of_hex);
    tcase_add_test(tc, digest_is_stable_and_distinct);
    tcase_add_test(tc, equal_compares_whole_strings);
    tcase_add_test(tc, password_length_in_characters);
    tcase_add_test(tc, hash_is_argon2id_and_verifies);
    tcase_add_test(tc, same_password_hashes_differently);
    tcase_add_test(tc, common_passwords_are_refused);
    tcase_add_test(tc, public_link_tokens);
    suite_add_tcase(s, tc);
    return s;
}
