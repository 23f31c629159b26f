/* err: statuses and machine names of the error vocabulary. */
#include "suites.h"

#include "core/err.h"

#include <string.h>

static const struct {
    enum err e;
    int status;
} expected[] = {
    { ERR_BAD_REQUEST, 400 }, { ERR_INVALID, 400 },    { ERR_UNAUTHORIZED, 401 }, { ERR_OTP_REQUIRED, 401 },
    { ERR_MFA_REQUIRED, 403 },
    { ERR_FORBIDDEN, 403 },   { ERR_CSRF, 403 },       { ERR_PASSWORD_CHANGE, 403 }, { ERR_NOT_FOUND, 404 },
    { ERR_METHOD, 405 },      { ERR_CONFLICT, 409 },   { ERR_GONE, 410 },
    { ERR_TOO_LARGE, 413 },   { ERR_URI_TOO_LONG, 414 }, { ERR_UNSUPPORTED_MEDIA, 415 }, { ERR_THROTTLED, 429 },
    { ERR_INTERNAL, 500 },    { ERR_UNAVAILABLE, 503 },
};
#define NEXPECTED (sizeof expected / sizeof expected[0])

START_TEST(every_code_is_listed_here)
{
    /* a new code must be added to this test (and its status checked) */
    ck_assert_int_eq(ERR_COUNT - 1, (int)NEXPECTED);
}
END_TEST

START_TEST(statuses)
{
    for (size_t i = 0; i < NEXPECTED; i++) {
        const struct err_info *info = err_info(expected[i].e);
        ck_assert_ptr_nonnull(info);
        ck_assert_msg(info->status == expected[i].status, "error %d: status %d, want %d", (int)expected[i].e,
                      info->status, expected[i].status);
    }
}
END_TEST

START_TEST(code_names_are_unique)
{
    for (size_t i = 0; i < NEXPECTED; i++) {
        const struct err_info *a = err_info(expected[i].e);
        ck_assert_msg(a->code && a->code[0], "error %d has no code name", (int)expected[i].e);
        ck_assert_msg(a->msg_key && a->msg_key[0], "error %d has no message key", (int)expected[i].e);
        for (size_t j = i + 1; j < NEXPECTED; j++) {
            const struct err_info *b = err_info(expected[j].e);
            ck_assert_msg(strcmp(a->code, b->code) != 0, "errors %d and %d share the code name %s",
                          (int)expected[i].e, (int)expected[j].e, a->code);
        }
    }
}
END_TEST

START_TEST(out_of_range_is_internal)
{
    const struct err_info *internal = err_info(ERR_INTERNAL);
    ck_assert_int_eq(internal->status, 500);
    const enum err odd[] = { ERR_COUNT, (enum err)(ERR_COUNT + 1), (enum err)1000, (enum err)-1 };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        const struct err_info *info = err_info(odd[i]);
        ck_assert_ptr_nonnull(info);
        ck_assert_int_eq(info->status, 500);
        ck_assert_str_eq(info->code, internal->code);
    }
}
END_TEST

Suite *err_suite(void)
{
    Suite *s = suite_create("err");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, every_code_is_listed_here);
    tcase_add_test(tc, statuses);
    tcase_add_test(tc, code_names_are_unique);
    tcase_add_test(tc, out_of_range_is_internal);
    suite_add_tcase(s, tc);
    return s;
}
