/* buf: appends, printf growth, steal and free. */
#include "suites.h"

#include "core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(starts_empty)
{
    struct buf b = { 0 };
    ck_assert_ptr_null(b.data);
    buf_free(&b);   /* freeing an unused buffer is fine */
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
}
END_TEST

START_TEST(append_bytes)
{
    struct buf b = { 0 };
    ck_assert_int_eq(buf_append(&b, "abc", 3), 0);
    ck_assert_uint_eq(b.len, 3);
    ck_assert_str_eq(b.data, "abc");
    ck_assert_int_eq(buf_append(&b, "x\0y", 3), 0);   /* bytes, not a string */
    ck_assert_uint_eq(b.len, 6);
    ck_assert_mem_eq(b.data, "abcx\0y", 7);            /* NUL after the content */
    ck_assert_int_eq(buf_append(&b, "", 0), 0);
    ck_assert_uint_eq(b.len, 6);
    ck_assert_uint_ge(b.cap, b.len + 1);
    buf_free(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(append_nothing_still_terminates)
{
    struct buf b = { 0 };
    ck_assert_int_eq(buf_append(&b, NULL, 0), 0);
    ck_assert_ptr_nonnull(b.data);
    ck_assert_str_eq(b.data, "");
    ck_assert_uint_eq(b.len, 0);
    buf_free(&b);
}
END_TEST

START_TEST(puts_and_printf)
{
    struct buf b = { 0 };
    ck_assert_int_eq(buf_puts(&b, "Hallo"), 0);
    ck_assert_int_eq(buf_printf(&b, ", %s! %d%%", "Welt", 42), 0);
    ck_assert_str_eq(b.data, "Hallo, Welt! 42%");
    ck_assert_uint_eq(b.len, strlen("Hallo, Welt! 42%"));
    ck_assert_int_eq(buf_printf(&b, "%s", ""), 0);
    ck_assert_uint_eq(b.len, strlen("Hallo, Welt! 42%"));
    buf_free(&b);
}
END_TEST

START_TEST(printf_grows_across_many_appends)
{
    struct buf b = { 0 };
    size_t expect_len = 0;
    for (int i = 0; i < 20000; i++) {
        char one[32];
        int n = snprintf(one, sizeof one, "%d,", i);
        ck_assert_int_eq(buf_printf(&b, "%d,", i), 0);
        expect_len += (size_t)n;
        ck_assert_uint_eq(b.len, expect_len);
    }
    ck_assert_uint_ge(b.cap, b.len + 1);
    ck_assert_uint_eq(strlen(b.data), b.len);
    /* read it back */
    const char *p = b.data;
    for (int i = 0; i < 20000; i++) {
        char *end;
        long v = strtol(p, &end, 10);
        ck_assert_int_eq(v, i);
        ck_assert_int_eq(*end, ',');
        p = end + 1;
    }
    ck_assert_int_eq(*p, '\0');
    buf_free(&b);
}
END_TEST

START_TEST(printf_larger_than_first_block)
{
    struct buf b = { 0 };
    char big[5000];
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(buf_printf(&b, "<%s>", big), 0);
    ck_assert_uint_eq(b.len, sizeof big - 1 + 2);
    ck_assert_int_eq(b.data[0], '<');
    ck_assert_int_eq(b.data[b.len - 1], '>');
    ck_assert_int_eq(b.data[b.len], '\0');
    ck_assert_int_eq(buf_append(&b, big, sizeof big - 1), 0);
    ck_assert_uint_eq(b.len, 2 * (sizeof big - 1) + 2);
    ck_assert_uint_eq(strlen(b.data), b.len);
    buf_free(&b);
}
END_TEST

/* A length that cannot fit in memory is "memory runs out": -1 and the buffer
 * as it was, with nothing read from p. (The size arithmetic must not wrap.) */
START_TEST(impossible_length_fails)
{
    struct buf b = { 0 };
    ck_assert_int_eq(buf_puts(&b, "abc"), 0);
    char *data = b.data;
    size_t cap = b.cap;
    ck_assert_int_eq(buf_append(&b, "x", SIZE_MAX - 1), -1);
    ck_assert_int_eq(buf_append(&b, "x", SIZE_MAX), -1);
    ck_assert_ptr_eq(b.data, data);
    ck_assert_uint_eq(b.len, 3);
    ck_assert_uint_eq(b.cap, cap);
    ck_assert_str_eq(b.data, "abc");
    buf_free(&b);
}
END_TEST

START_TEST(steal_hands_over_and_empties)
{
    struct buf b = { 0 };
    ck_assert_int_eq(buf_puts(&b, "owned by the caller"), 0);
    char *before = b.data;
    char *s = buf_steal(&b);
    ck_assert_ptr_eq(s, before);
    ck_assert_str_eq(s, "owned by the caller");
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(b.cap, 0);
    /* the buffer can be used again, independently */
    ck_assert_int_eq(buf_puts(&b, "again"), 0);
    ck_assert_ptr_ne(b.data, s);
    ck_assert_str_eq(b.data, "again");
    ck_assert_str_eq(s, "owned by the caller");
    free(s);
    buf_free(&b);
}
END_TEST

START_TEST(steal_empty_gives_empty_string)
{
    struct buf b = { 0 };
    char *s = buf_steal(&b);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

Suite *buf_suite(void)
{
    Suite *s = suite_create("buf");
    TCase *tc = tcase_create("buffer");
    tcase_add_test(tc, starts_empty);
    tcase_add_test(tc, append_bytes);
    tcase_add_test(tc, append_nothing_still_terminates);
    tcase_add_test(tc, puts_and_printf);
    tcase_add_test(tc, printf_grows_across_many_appends);
    tcase_add_test(tc, printf_larger_than_first_block);
    tcase_add_test(tc, impossible_length_fails);
    tcase_add_test(tc, steal_hands_over_and_empties);
    tcase_add_test(tc, steal_empty_gives_empty_string);
    suite_add_tcase(s, tc);
    return s;
}
