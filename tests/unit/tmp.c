#include "tmp.h"

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char base[256];

void tmp_base_setup(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(base, sizeof base, "%s/azubimatch-unit-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(base)) {
        perror("unit tests: mkdtemp");
        abort();
    }
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void tmp_base_teardown(void)
{
    if (base[0])
        nftw(base, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    base[0] = '\0';
}

void tmp_dir(char *out, size_t n, const char *prefix)
{
    ck_assert_msg(base[0], "tmp_base_setup was not run for this test case");
    ck_assert_int_lt(snprintf(out, n, "%s/%s-XXXXXX", base, prefix), (int)n);
    ck_assert_ptr_nonnull(mkdtemp(out));
}

void tmp_file(char *out, size_t n, const char *prefix, const char *text)
{
    ck_assert_msg(base[0], "tmp_base_setup was not run for this test case");
    ck_assert_int_lt(snprintf(out, n, "%s/%s-XXXXXX", base, prefix), (int)n);
    int fd = mkstemp(out);
    ck_assert_int_ge(fd, 0);
    size_t len = strlen(text);
    ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
    ck_assert_int_eq(close(fd), 0);
}
