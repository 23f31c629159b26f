/* tmp: one scratch directory per test case, for the files tests write.
 *
 * In fork mode a failed assertion ends the test's process at once (Check
 * calls _exit), so a checked teardown never runs. The base directory is made
 * and removed with everything in it by an unchecked fixture, which runs in the
 * runner's own process around the whole test case, failed tests or not:
 *
 *     tcase_add_unchecked_fixture(tc, tmp_base_setup, tmp_base_teardown);
 */
#ifndef TESTS_UNIT_TMP_H
#define TESTS_UNIT_TMP_H

#include <stddef.h>

void tmp_base_setup(void);
void tmp_base_teardown(void);

/* A new, empty directory under the base; its path into out (size n). */
void tmp_dir(char *out, size_t n, const char *prefix);

/* A new, empty file under the base holding text; its path into out. */
void tmp_file(char *out, size_t n, const char *prefix, const char *text);

#endif
