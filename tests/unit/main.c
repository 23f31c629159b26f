/* The unit test runner: every suite in suites.h, in fork mode (each test in
 * its own child process, so a crash or a sanitizer report fails that test
 * alone and global state such as the i18n catalogs or the per-thread database
 * connection never leaks from one test into the next). CK_FORK=no in the
 * environment still switches to one process, e.g. for a debugger.
 * Exits non-zero when any test fails. */
#include "suites.h"

#include <stdlib.h>

int main(void)
{
    SRunner *sr = srunner_create(router_suite());
    srunner_add_suite(sr, text_suite());
    srunner_add_suite(sr, config_suite());
    srunner_add_suite(sr, migrate_suite());
    srunner_add_suite(sr, i18n_suite());
    srunner_add_suite(sr, buf_suite());
    srunner_add_suite(sr, err_suite());
    srunner_add_suite(sr, secret_suite());
    srunner_add_suite(sr, decode_suite());
    srunner_add_suite(sr, entity_suite());
    srunner_add_suite(sr, totp_suite());
    srunner_add_suite(sr, namekey_suite());
    srunner_add_suite(sr, public_suite());
    srunner_add_suite(sr, match_suite());
    srunner_add_suite(sr, svgchart_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
