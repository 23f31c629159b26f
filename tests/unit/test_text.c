/* text: UTF-8 well-formedness and control characters, and code point counts. */
#include "suites.h"

#include "core/text.h"

#include <string.h>

/* Literals are given with their length so embedded NULs count. */
#define VALID(lit) ck_assert_msg(text_valid(lit, sizeof(lit) - 1), "should be valid: %s", #lit)
#define INVALID(lit) ck_assert_msg(!text_valid(lit, sizeof(lit) - 1), "should be invalid: %s", #lit)

START_TEST(accepts_ascii)
{
    VALID("");
    VALID("Hello, World! 0123456789 ~`!@#$%^&*()_+-={}[]|\\:;\"'<>,.?/");
    VALID("tab\there");
    VALID("line\nfeed");
    VALID("carriage\r\nreturn");
    VALID(" ");
}
END_TEST

START_TEST(accepts_german_and_turkish_letters)
{
    VALID("\xc3\xa4\xc3\xb6\xc3\xbc\xc3\x84\xc3\x96\xc3\x9c\xc3\x9f");   /* äöüÄÖÜß */
    VALID("Stra\xc3\x9f" "e, M\xc3\xbcnchen");                          /* Straße, München */
    VALID("\xc4\xb1\xc4\xb0\xc5\x9f\xc5\x9e\xc4\x9f\xc4\x9e\xc3\xa7\xc3\x87"); /* ıİşŞğĞçÇ */
    VALID("I\xc4\xb1\xc4\xb0i");
    VALID("\xe2\x82\xac");               /* € (3 bytes) */
    VALID("\xc2\xa0");                   /* no-break space U+00A0, first after C1 */
    VALID("\xe1\xba\x9e");               /* ẞ */
}
END_TEST

START_TEST(accepts_four_byte_sequences)
{
    VALID("\xf0\x9f\x98\x80");           /* 😀 U+1F600 */
    VALID("ok \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd!"); /* 👍🏽 */
    VALID("\xf0\x90\x80\x80");           /* U+10000, smallest 4-byte */
    VALID("\xf4\x8f\xbf\xbf");           /* U+10FFFF, largest */
    VALID("\xed\x9f\xbf");               /* U+D7FF, just below surrogates */
    VALID("\xee\x80\x80");               /* U+E000, just above */
    VALID("\xef\xbf\xbd");               /* U+FFFD */
}
END_TEST

START_TEST(rejects_overlongs)
{
    INVALID("\xc0\x80");                 /* NUL as 2 bytes */
    INVALID("\xc1\xbf");                 /* U+007F as 2 bytes */
    INVALID("\xc0\xaf");                 /* '/' as 2 bytes */
    INVALID("\xe0\x80\x80");             /* NUL as 3 bytes */
    INVALID("\xe0\x9f\xbf");             /* U+07FF as 3 bytes */
    INVALID("\xf0\x80\x80\x80");         /* NUL as 4 bytes */
    INVALID("\xf0\x8f\xbf\xbf");         /* U+FFFF as 4 bytes */
}
END_TEST

START_TEST(rejects_surrogates)
{
    INVALID("\xed\xa0\x80");             /* U+D800 */
    INVALID("\xed\xbf\xbf");             /* U+DFFF */
    INVALID("\xed\xa0\xbd\xed\xb8\x80"); /* CESU-8 pair for U+1F600 */
}
END_TEST

START_TEST(rejects_above_max)
{
    INVALID("\xf4\x90\x80\x80");         /* U+110000 */
    INVALID("\xf5\x80\x80\x80");
    INVALID("\xf7\xbf\xbf\xbf");
    INVALID("\xf8\x88\x80\x80\x80");     /* old 5-byte form */
    INVALID("\xfc\x84\x80\x80\x80\x80"); /* old 6-byte form */
    INVALID("\xfe");
    INVALID("\xff");
}
END_TEST

START_TEST(rejects_truncated)
{
    INVALID("\xc3");
    INVALID("a\xc3");
    INVALID("\xe2\x82");
    INVALID("\xf0\x9f\x98");
    INVALID("\xf0\x9f");
    INVALID("\xc3" "a");                 /* lead byte then ASCII */
    INVALID("\xe2\x82" "a");
    INVALID("\xf0\x9f\x98" "a");
    /* a valid string cut short by n */
    const char *s = "\xc3\xa4";
    ck_assert(text_valid(s, 2));
    ck_assert(!text_valid(s, 1));
    const char *e = "x\xf0\x9f\x98\x80";
    ck_assert(text_valid(e, 5));
    ck_assert(!text_valid(e, 4));
    ck_assert(!text_valid(e, 3));
    ck_assert(!text_valid(e, 2));
    ck_assert(text_valid(e, 1));
}
END_TEST

START_TEST(rejects_stray_continuation_bytes)
{
    INVALID("\x80");
    INVALID("\xbf");
    INVALID("a\x80" "b");
    INVALID("\xc3\xa4\xa4");             /* ä plus one too many */
    INVALID("\xe2\x82\xac\x80");
}
END_TEST

START_TEST(rejects_c0_controls_and_del)
{
    INVALID("\0");
    INVALID("a\0b");
    for (int c = 0; c < 0x20; c++) {
        char s[3] = { 'a', (char)c, 'b' };
        bool ok = c == '\t' || c == '\n' || c == '\r';
        ck_assert_msg(text_valid(s, 3) == ok, "control 0x%02x: expected %s", c, ok ? "valid" : "invalid");
    }
    INVALID("\x7f");
    INVALID("abc\x7f");
    INVALID("\x1b[31m");                 /* ESC */
}
END_TEST

START_TEST(rejects_c1_controls)
{
    for (int c = 0x80; c <= 0x9f; c++) {
        char s[2] = { (char)0xc2, (char)c };
        ck_assert_msg(!text_valid(s, 2), "C1 control U+%04X accepted", c);
    }
    INVALID("ok\xc2\x85");               /* NEL */
}
END_TEST

START_TEST(counts_code_points)
{
    ck_assert_uint_eq(text_chars("", 0), 0);
    ck_assert_uint_eq(text_chars("abc", 3), 3);
    const char *gruesse = "Gr\xc3\xbc\xc3\x9f" "e";                 /* Grüße */
    ck_assert_uint_eq(text_chars(gruesse, strlen(gruesse)), 5);
    const char *tr = "\xc4\xb1\xc5\x9f\xc4\x9f\xc4\xb0";             /* ışğİ */
    ck_assert_uint_eq(text_chars(tr, strlen(tr)), 4);
    const char *mixed = "a\xe2\x82\xac\xf0\x9f\x98\x80z";            /* a€😀z */
    ck_assert_uint_eq(text_chars(mixed, strlen(mixed)), 4);
    ck_assert_uint_eq(text_chars(mixed, 4), 2);                       /* a€ */
    ck_assert_uint_eq(text_chars("a\tb\n", 4), 4);
}
END_TEST

START_TEST(forwarded_for_believes_only_the_last_entry)
{
    char ip[64] = "keep";
    ck_assert_int_eq(text_forwarded_for("203.0.113.7", ip, sizeof ip), 0);
    ck_assert_str_eq(ip, "203.0.113.7");
    ck_assert_int_eq(text_forwarded_for("10.0.0.1, 198.51.100.2 ", ip, sizeof ip), 0);
    ck_assert_str_eq(ip, "198.51.100.2");
    ck_assert_int_eq(text_forwarded_for("evil,2001:DB8:0::1", ip, sizeof ip), 0);
    ck_assert_str_eq(ip, "2001:db8::1");
    strcpy(ip, "keep");
    const char *bad[] = { "", " ", "203.0.113.7,", "203.0.113.7, evil", "1.2.3.4 5.6.7.8", "999.1.1.1",
                          "1.2.3", "203.0.113.7\r\nX: y", "::g", "fe80::1%eth0" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(text_forwarded_for(bad[i], ip, sizeof ip) == -1, "accepted: %s", bad[i]);
        ck_assert_str_eq(ip, "keep");
    }
    char tiny[8] = "keep";
    ck_assert_int_eq(text_forwarded_for("203.0.113.7", tiny, sizeof tiny), -1);
    ck_assert_str_eq(tiny, "keep");
}
END_TEST


/* A phone number as typed becomes the number a tel: link dials: a leading
 * + and the digits; too few digits or too long for the buffer is no link. */
START_TEST(tel_number_keeps_plus_and_digits)
{
    char out[32];
    ck_assert(text_tel_number("069 123 456", out, sizeof out));
    ck_assert_str_eq(out, "069123456");
    ck_assert(text_tel_number(" +49 (069) 123 45-6", out, sizeof out));
    ck_assert_str_eq(out, "+49069123456");
    ck_assert(text_tel_number("0170 / 987.654", out, sizeof out));
    ck_assert_str_eq(out, "0170987654");
    ck_assert(!text_tel_number("--", out, sizeof out));
    ck_assert(!text_tel_number("12", out, sizeof out));
    ck_assert(!text_tel_number(NULL, out, sizeof out));
    char small[6];
    ck_assert(!text_tel_number("0123 456 789", small, sizeof small));
    ck_assert_uint_lt(strlen(small), sizeof small);
}
END_TEST

/* Age in whole years on a day: a birthday counts from its day on, 29
 * February from 1 March in other years; malformed dates and days before
 * the birth are -1. The rule the sign-up's "under 16" depends on. */
START_TEST(age_on_a_day)
{
    ck_assert_int_eq(text_age_on("2010-05-20", "2026-05-19"), 15);
    ck_assert_int_eq(text_age_on("2010-05-20", "2026-05-20"), 16);
    ck_assert_int_eq(text_age_on("2010-05-20", "2026-05-21"), 16);
    ck_assert_int_eq(text_age_on("2010-12-31", "2026-01-01"), 15);
    ck_assert_int_eq(text_age_on("2012-02-29", "2026-02-28"), 13);
    ck_assert_int_eq(text_age_on("2012-02-29", "2026-03-01"), 14);
    ck_assert_int_eq(text_age_on("2012-02-29", "2028-02-29"), 16);
    ck_assert_int_eq(text_age_on("2012-02-29", "2012-02-29"), 0);
    ck_assert_int_eq(text_age_on("2026-06-01", "2026-05-31"), -1);
    ck_assert_int_eq(text_age_on("2010-13-01", "2026-01-01"), -1);
    ck_assert_int_eq(text_age_on("2010-5-20", "2026-05-20"), -1);
    ck_assert_int_eq(text_age_on(NULL, "2026-05-20"), -1);
    ck_assert_int_eq(text_age_on("2010-05-20", ""), -1);
}
END_TEST

Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, accepts_ascii);
    tcase_add_test(tc, tel_number_keeps_plus_and_digits);
    tcase_add_test(tc, accepts_german_and_turkish_letters);
    tcase_add_test(tc, accepts_four_byte_sequences);
    tcase_add_test(tc, rejects_overlongs);
    tcase_add_test(tc, rejects_surrogates);
    tcase_add_test(tc, rejects_above_max);
    tcase_add_test(tc, rejects_truncated);
    tcase_add_test(tc, rejects_stray_continuation_bytes);
    tcase_add_test(tc, rejects_c0_controls_and_del);
    tcase_add_test(tc, rejects_c1_controls);
    tcase_add_test(tc, counts_code_points);
    tcase_add_test(tc, forwarded_for_believes_only_the_last_entry);
    tcase_add_test(tc, age_on_a_day);
    suite_add_tcase(s, tc);
    return s;
}
