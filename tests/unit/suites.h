/* suites: one Check suite per area of src/, each built by a function in its
 * own tests/unit/test_<area>.c and run together by main.c. */
#ifndef TESTS_UNIT_SUITES_H
#define TESTS_UNIT_SUITES_H

#include <check.h>

Suite *router_suite(void);
Suite *text_suite(void);
Suite *config_suite(void);
Suite *migrate_suite(void);
Suite *i18n_suite(void);
Suite *buf_suite(void);
Suite *err_suite(void);
Suite *secret_suite(void);
Suite *decode_suite(void);
Suite *entity_suite(void);
Suite *totp_suite(void);
Suite *namekey_suite(void);
Suite *public_suite(void);
Suite *match_suite(void);
Suite *svgchart_suite(void);

#endif
