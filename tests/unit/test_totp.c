/* totp: RFC 6238's test vectors, the ±1 step window, base32 and the
 * otpauth address, recovery codes as people type them; and qr_svg. */
#include "suites.h"

#include "core/qr.h"
#include "core/totp.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static void setup(void)
{
    ck_assert_int_ge(sodium_init(), 0);
    ck_assert_int_eq(totp_init(), 0);
}

/* RFC 6238, appendix B: 8-digit codes for six times and three hashes, the
 * keys being the ASCII digits repeated to the hash's size. */
static const time_t VECTOR_TIMES[6] = { 59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000 };
static const char *const VECTOR_SHA1[6] = { "94287082", "07081804", "14050471", "89005924", "69279037", "65353130" };
static const char *const VECTOR_SHA256[6] = { "46119246", "68084774", "67062674", "91819424", "90698825",
                                              "77737706" };
static const char *const VECTOR_SHA512[6] = { "90693936", "25091201", "99943326", "93441116", "38618901",
                                              "47863826" };

static void check_vectors(enum totp_hash hash, size_t keylen, const char *const *want)
{
    unsigned char key[64];
    for (size_t i = 0; i < keylen; i++)
        key[i] = (unsigned char)('0' + (i + 1) % 10);
    for (int i = 0; i < 6; i++) {
        char code[9];
        ck_assert_int_eq(totp_code(key, keylen, VECTOR_TIMES[i], 8, hash, code), 0);
        ck_assert_str_eq(code, want[i]);
    }
}

START_TEST(rfc6238_sha1) { check_vectors(TOTP_SHA1, 20, VECTOR_SHA1); }
END_TEST
START_TEST(rfc6238_sha256) { check_vectors(TOTP_SHA256, 32, VECTOR_SHA256); }
END_TEST
START_TEST(rfc6238_sha512) { check_vectors(TOTP_SHA512, 64, VECTOR_SHA512); }
END_TEST

/* The six-digit code of a step matches within one step either side and
 * names the step it belongs to; two steps away it does not. */
START_TEST(match_window_is_one_step)
{
    unsigned char key[TOTP_SECRET_BYTES];
    totp_new_secret(key);
    time_t now = 1700000000; /* step 56666666, 20 s into it */
    char code[9];
    ck_assert_int_eq(totp_code(key, sizeof key, now, 6, TOTP_SHA1, code), 0);
    ck_assert_int_eq(totp_match(key, sizeof key, now, code), now / 30);
    ck_assert_int_eq(totp_match(key, sizeof key, now + 30, code), now / 30);
    ck_assert_int_eq(totp_match(key, sizeof key, now - 30, code), now / 30);
    ck_assert_int_eq(totp_match(key, sizeof key, now + 60, code), -1);
    ck_assert_int_eq(totp_match(key, sizeof key, now - 60, code), -1);
    ck_assert_int_eq(totp_match(key, sizeof key, now, "12345"), -1);
    ck_assert_int_eq(totp_match(key, sizeof key, now, ""), -1);
}
END_TEST

START_TEST(base32_and_uri)
{
    const unsigned char hello[] = "Hello!\xde\xad\xbe\xef";
    char b32[TOTP_B32_MAX];
    ck_assert_int_eq(totp_base32(hello, 10, b32, sizeof b32), 0);
    ck_assert_str_eq(b32, "JBSWY3DPEHPK3PXP"); /* the Key Uri Format's own example */
    char small[8];
    ck_assert_int_eq(totp_base32(hello, 10, small, sizeof small), -1);
    char *uri = totp_uri("KAUSA Offenbach", "anna.öz@example.org", b32);
    ck_assert_str_eq(uri, "otpauth://totp/KAUSA%20Offenbach:anna.%C3%B6z%40example.org?secret=JBSWY3DPEHPK3PXP"
                          "&issuer=KAUSA%20Offenbach&algorithm=SHA1&digits=6&period=30");
    free(uri);
}
END_TEST

START_TEST(codes_as_typed)
{
    char c[TOTP_DIGITS + 1];
    ck_assert(totp_code_canonical("123 456", c));
    ck_assert_str_eq(c, "123456");
    ck_assert(totp_code_canonical("123-456", c));
    ck_assert(!totp_code_canonical("12345", c));
    ck_assert(!totp_code_canonical("1234567", c));
    ck_assert(!totp_code_canonical("12a456", c));
    ck_assert(!totp_code_canonical("", c));

    char r[TOTP_RECOVERY_MAX], back[TOTP_RECOVERY_MAX];
    for (int i = 0; i < 50; i++) {
        totp_recovery_new(r);
        ck_assert_uint_eq(strlen(r), 29);
        ck_assert(r[4] == '-' && r[9] == '-' && r[14] == '-' && r[19] == '-' && r[24] == '-');
        ck_assert(totp_recovery_canonical(r, back));
        ck_assert_str_eq(r, back);
    }
    ck_assert(totp_recovery_canonical("AB12 CD34 EF56 GH78 JK90 MN12", back));
    ck_assert_str_eq(back, "ab12-cd34-ef56-gh78-jk90-mn12");
    ck_assert(totp_recovery_canonical("oOiL-abcd-efgh-0000-1111-2222", back)); /* read alike: 0 0 1 1 */
    ck_assert_str_eq(back, "0011-abcd-efgh-0000-1111-2222");
    ck_assert(!totp_recovery_canonical("ab12-cd34-ef56-gh78-jk90-mn1", back));
    ck_assert(!totp_recovery_canonical("ab12-cd34-ef56-gh78-jk90-mn123", back));
    ck_assert(!totp_recovery_canonical("ab12-cd34-ef56-gh78-jk90-mn1u", back)); /* u is not in the alphabet */
    ck_assert(!totp_recovery_canonical("ab12-cd34-ef56-gh78-jk90-mn1\xc3\xa4", back));
}
END_TEST

START_TEST(qr_is_svg)
{
    char *svg = qr_svg("otpauth://totp/KAUSA:a%40b.de?secret=JBSWY3DPEHPK3PXP");
    ck_assert_ptr_nonnull(svg);
    ck_assert(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ", 52) == 0);
    ck_assert_ptr_nonnull(strstr(svg, "<path fill=\"#000\" d=\"M"));
    ck_assert(strcmp(svg + strlen(svg) - 6, "</svg>") == 0);
    free(svg);
}
END_TEST

Suite *totp_suite(void)
{
    Suite *s = suite_create("totp");
    TCase *tc = tcase_create("totp");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, rfc6238_sha1);
    tcase_add_test(tc, rfc6238_sha256);
    tcase_add_test(tc, rfc6238_sha512);
    tcase_add_test(tc, match_window_is_one_step);
    tcase_add_test(tc, base32_and_uri);
    tcase_add_test(tc, codes_as_typed);
    tcase_add_test(tc, qr_is_svg);
    suite_add_tcase(s, tc);
    return s;
}
