/* config: defaults, config_set, ini files and AZUBIMATCH_* variables. */
#include "suites.h"

#include "core/config.h"
#include "tmp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static struct config c;
static char err[512];
static char tmp_path[256];

/* Every AZUBIMATCH_* variable goes, so the caller's environment cannot
 * change what the tests see. */
static void clear_env(void)
{
    for (;;) {
        char name[256] = "";
        for (char **e = environ; e && *e; e++) {
            if (strncmp(*e, "AZUBIMATCH_", 11) == 0) {
                size_t n = strcspn(*e, "=");
                if (n < sizeof name) {
                    memcpy(name, *e, n);
                    name[n] = '\0';
                }
                break;
            }
        }
        if (!name[0])
            return;
        unsetenv(name);
    }
}

static void setup(void)
{
    clear_env();
    config_defaults(&c);
    memset(err, 0, sizeof err);
    tmp_path[0] = '\0';
}

static void teardown(void)
{
    if (tmp_path[0])
        unlink(tmp_path);
    clear_env();
}

/* Writes text to a fresh temporary file; its name is in tmp_path. */
static const char *write_file(const char *text)
{
    tmp_file(tmp_path, sizeof tmp_path, "config", text);
    return tmp_path;
}

#define ASSERT_ERR_MENTIONS(word) \
    ck_assert_msg(strcasestr(err, word) != NULL, "error '%s' does not mention '%s'", err, word)

START_TEST(defaults)
{
    ck_assert_str_eq(c.bind, "127.0.0.1");
    ck_assert_int_eq(c.port, 8080);
    ck_assert_int_eq(c.threads, 4);
    ck_assert_int_eq(c.conn_timeout_s, 30);
    ck_assert_int_eq(c.conn_limit, 1024);
    ck_assert_int_eq(c.per_ip_limit, 128);
    ck_assert(!c.behind_tls_proxy);
    ck_assert_str_eq(c.common_passwords, "data/common-passwords.txt");
    ck_assert_int_eq(c.conn_memory_kib, 128);
    ck_assert_int_eq(c.body_limit_kib, 1024);
    ck_assert_int_eq(c.field_limit_kib, 64);
    ck_assert(!c.dev);
    ck_assert_str_eq(c.tls_cert, "");
    ck_assert_str_eq(c.tls_key, "");
    ck_assert_str_eq(c.db, "azubimatch.db");
    ck_assert_str_eq(c.templates, "templates");
    ck_assert_str_eq(c.static_dir, "static");
    ck_assert_str_eq(c.locales, "locales");
    ck_assert_str_eq(c.default_lang, "de");
    ck_assert_int_eq(c.session_idle_min, 30);
    ck_assert_int_eq(c.session_absolute_h, 12);
    ck_assert_int_eq(c.login_max_failures, 5);
    ck_assert_int_eq(c.login_window_min, 15);
    ck_assert_int_eq(c.password_t, 2);
    ck_assert_int_eq(c.password_mem_mib, 19);
}
END_TEST

/* A setting with a fixed set of words takes only those and says which. */
START_TEST(choice_settings_take_their_words)
{
    struct config c;
    char err[256];
    config_defaults(&c);
    ck_assert_int_eq(c.mfa_required, MFA_NONE);
    ck_assert_int_eq(config_set(&c, "mfa_required", "staff", err, sizeof err), 0);
    ck_assert_int_eq(c.mfa_required, MFA_STAFF);
    ck_assert_int_eq(config_set(&c, "mfa_required", "admins", err, sizeof err), 0);
    ck_assert_int_eq(c.mfa_required, MFA_ADMINS);
    ck_assert_int_eq(config_set(&c, "mfa_required", "everyone", err, sizeof err), -1);
    ck_assert_str_eq(err, "mfa_required: expected one of none, admins, staff; got 'everyone'");
    ck_assert_int_eq(c.mfa_required, MFA_ADMINS);
}
END_TEST

/* config.ini documents the defaults: loading it over them changes nothing.
 * The runner is started from the repository root (make test-unit). */
START_TEST(defaults_match_config_ini)
{
    if (access("config.ini", R_OK) != 0)
        ck_abort_msg("config.ini not found: run the tests from the repository root");
    struct config from_file;
    config_defaults(&from_file);
    ck_assert_int_eq(config_load_file(&from_file, "config.ini", true, err, sizeof err), 0);
    ck_assert_msg(memcmp(&c, &from_file, sizeof c) == 0, "config.ini differs from config_defaults()");
}
END_TEST

START_TEST(set_int_in_range)
{
    ck_assert_int_eq(config_set(&c, "port", "8081", err, sizeof err), 0);
    ck_assert_int_eq(c.port, 8081);
    ck_assert_int_eq(config_set(&c, "port", "0", err, sizeof err), 0);
    ck_assert_int_eq(c.port, 0);
    ck_assert_int_eq(config_set(&c, "port", "65535", err, sizeof err), 0);
    ck_assert_int_eq(c.port, 65535);
    ck_assert_int_eq(config_set(&c, "threads", "1", err, sizeof err), 0);
    ck_assert_int_eq(c.threads, 1);
    ck_assert_int_eq(config_set(&c, "threads", "256", err, sizeof err), 0);
    ck_assert_int_eq(c.threads, 256);
    ck_assert_int_eq(config_set(&c, "password_mem_mib", "64", err, sizeof err), 0);
    ck_assert_int_eq(c.password_mem_mib, 64);
    ck_assert_int_eq(config_set(&c, "session_idle_minutes", "45", err, sizeof err), 0);
    ck_assert_int_eq(c.session_idle_min, 45);
}
END_TEST

START_TEST(set_int_rejects_bad_values)
{
    static const struct {
        const char *key, *value;
    } bad[] = {
        { "port", "65536" },   { "port", "-1" },       { "port", "abc" },
        { "port", "" },        { "port", "80x" },      { "port", "8.5" },
        { "port", "99999999999999999999999" },         { "threads", "0" },
        { "threads", "257" },  { "password_ops", "1" }, { "password_mem_mib", "18" },
        { "connection_memory_kib", "31" },             { "session_absolute_hours", "169" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        config_defaults(&c);
        struct config before;
        memcpy(&before, &c, sizeof c);   /* padding too, for memcmp */
        err[0] = '\0';
        ck_assert_msg(config_set(&c, bad[i].key, bad[i].value, err, sizeof err) == -1, "%s=%s accepted",
                      bad[i].key, bad[i].value);
        ASSERT_ERR_MENTIONS(bad[i].key);
        ck_assert_msg(memcmp(&before, &c, sizeof c) == 0, "%s=%s changed the config", bad[i].key,
                      bad[i].value);
    }
}
END_TEST

START_TEST(set_bool)
{
    static const char *const yes[] = { "true", "yes", "on", "1" };
    static const char *const no[] = { "false", "no", "off", "0" };
    for (size_t i = 0; i < 4; i++) {
        c.dev = false;
        ck_assert_int_eq(config_set(&c, "dev", yes[i], err, sizeof err), 0);
        ck_assert_msg(c.dev, "dev=%s is not true", yes[i]);
        ck_assert_int_eq(config_set(&c, "dev", no[i], err, sizeof err), 0);
        ck_assert_msg(!c.dev, "dev=%s is not false", no[i]);
    }
    static const char *const bad[] = { "maybe", "", "2", "truee" };
    for (size_t i = 0; i < 4; i++) {
        c.dev = true;
        err[0] = '\0';
        ck_assert_msg(config_set(&c, "dev", bad[i], err, sizeof err) == -1, "dev=%s accepted", bad[i]);
        ASSERT_ERR_MENTIONS("dev");
        ck_assert(c.dev);
    }
}
END_TEST

START_TEST(set_string)
{
    ck_assert_int_eq(config_set(&c, "db", "/var/lib/azubimatch/data.db", err, sizeof err), 0);
    ck_assert_str_eq(c.db, "/var/lib/azubimatch/data.db");
    ck_assert_int_eq(config_set(&c, "bind", "0.0.0.0", err, sizeof err), 0);
    ck_assert_str_eq(c.bind, "0.0.0.0");
    ck_assert_int_eq(config_set(&c, "static", "/srv/static", err, sizeof err), 0);
    ck_assert_str_eq(c.static_dir, "/srv/static");
    ck_assert_int_eq(config_set(&c, "tls_cert", "", err, sizeof err), 0);
    ck_assert_str_eq(c.tls_cert, "");
    /* default_lang holds 7 characters */
    ck_assert_int_eq(config_set(&c, "default_lang", "abcdefg", err, sizeof err), 0);
    ck_assert_str_eq(c.default_lang, "abcdefg");
    err[0] = '\0';
    ck_assert_int_eq(config_set(&c, "default_lang", "abcdefgh", err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("default_lang");
    ck_assert_str_eq(c.default_lang, "abcdefg");

    char longpath[CONFIG_PATH_MAX + 10];
    memset(longpath, 'p', sizeof longpath - 1);
    longpath[sizeof longpath - 1] = '\0';
    err[0] = '\0';
    ck_assert_int_eq(config_set(&c, "db", longpath, err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("db");
    ck_assert_str_eq(c.db, "/var/lib/azubimatch/data.db");
}
END_TEST

START_TEST(set_unknown_key)
{
    struct config before;
    memcpy(&before, &c, sizeof c);
    ck_assert_int_eq(config_set(&c, "no_such_setting", "1", err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("no_such_setting");
    ck_assert(memcmp(&before, &c, sizeof c) == 0);
}
END_TEST

START_TEST(load_valid_file)
{
    const char *p = write_file("; a comment\n"
                               "[server]\n"
                               "port = 9090\n"
                               "dev = yes\n"
                               "bind = 0.0.0.0\n"
                               "\n"
                               "[paths]\n"
                               "db = /tmp/some.db\n"
                               "static = public\n"
                               "[i18n]\n"
                               "default_lang = en\n"
                               "[security]\n"
                               "login_max_failures = 7\n");
    ck_assert_int_eq(config_load_file(&c, p, true, err, sizeof err), 0);
    ck_assert_int_eq(c.port, 9090);
    ck_assert(c.dev);
    ck_assert_str_eq(c.bind, "0.0.0.0");
    ck_assert_str_eq(c.db, "/tmp/some.db");
    ck_assert_str_eq(c.static_dir, "public");
    ck_assert_str_eq(c.default_lang, "en");
    ck_assert_int_eq(c.login_max_failures, 7);
    /* untouched settings keep their defaults */
    ck_assert_int_eq(c.threads, 4);
    ck_assert_str_eq(c.templates, "templates");
}
END_TEST

START_TEST(load_file_unknown_key)
{
    const char *p = write_file("[server]\nport = 9090\nbogus_key = 1\n");
    ck_assert_int_eq(config_load_file(&c, p, true, err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("bogus_key");
}
END_TEST

START_TEST(load_file_key_in_wrong_section)
{
    const char *p = write_file("[paths]\nport = 9090\n");
    ck_assert_int_eq(config_load_file(&c, p, true, err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("port");
}
END_TEST

START_TEST(load_file_bad_value)
{
    const char *p = write_file("[server]\nthreads = 2\nport = http\n");
    ck_assert_int_eq(config_load_file(&c, p, true, err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("port");
    ck_assert_int_eq(c.port, 8080);
}
END_TEST

START_TEST(load_file_syntax_error)
{
    const char *p = write_file("[server\nport = 9090\n");
    ck_assert_int_eq(config_load_file(&c, p, true, err, sizeof err), -1);
    ck_assert_str_ne(err, "");
}
END_TEST

START_TEST(load_missing_optional_file)
{
    struct config before;
    memcpy(&before, &c, sizeof c);
    ck_assert_int_eq(config_load_file(&c, "/nonexistent-dir/azubimatch-no-such.ini", false, err, sizeof err), 0);
    ck_assert(memcmp(&before, &c, sizeof c) == 0);
}
END_TEST

START_TEST(load_missing_required_file)
{
    ck_assert_int_eq(config_load_file(&c, "/nonexistent-dir/azubimatch-no-such.ini", true, err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("azubimatch-no-such.ini");
}
END_TEST

START_TEST(env_overrides)
{
    ck_assert_int_eq(setenv("AZUBIMATCH_PORT", "9100", 1), 0);
    ck_assert_int_eq(setenv("AZUBIMATCH_DB", "/tmp/env.db", 1), 0);
    ck_assert_int_eq(setenv("AZUBIMATCH_DEV", "true", 1), 0);
    ck_assert_int_eq(config_load_env(&c, err, sizeof err), 0);
    ck_assert_int_eq(c.port, 9100);
    ck_assert_str_eq(c.db, "/tmp/env.db");
    ck_assert(c.dev);
    ck_assert_int_eq(c.threads, 4);

    unsetenv("AZUBIMATCH_PORT");
    unsetenv("AZUBIMATCH_DB");
    unsetenv("AZUBIMATCH_DEV");
    config_defaults(&c);
    ck_assert_int_eq(config_load_env(&c, err, sizeof err), 0);
    ck_assert_int_eq(c.port, 8080);
    ck_assert_str_eq(c.db, "azubimatch.db");
    ck_assert(!c.dev);
}
END_TEST

START_TEST(env_bad_value)
{
    ck_assert_int_eq(setenv("AZUBIMATCH_PORT", "eighty", 1), 0);
    ck_assert_int_eq(config_load_env(&c, err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("port");
    unsetenv("AZUBIMATCH_PORT");

    ck_assert_int_eq(setenv("AZUBIMATCH_DEV", "perhaps", 1), 0);
    err[0] = '\0';
    ck_assert_int_eq(config_load_env(&c, err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("dev");
}
END_TEST

/* [matching]: the weights and defaults, each checked against its range,
 * and together: not all 0. */
START_TEST(matching_section)
{
    ck_assert_int_eq(c.weight_occupation, 40);
    ck_assert_int_eq(c.weight_certificate + c.weight_distance + c.weight_start + c.weight_languages +
                         c.weight_contact + c.weight_occupation,
                     100);
    ck_assert_int_eq(c.default_commute_km, 25);
    ck_assert_int_eq(config_check(&c, err, sizeof err), 0);
    const char *path = write_file("[matching]\nweight_occupation = 60\nweight_contact = 0\ndefault_commute_km = 15\n"
                                  "late_months = 6\n");
    ck_assert_msg(config_load_file(&c, path, true, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(c.weight_occupation, 60);
    ck_assert_int_eq(c.weight_contact, 0);
    ck_assert_int_eq(c.default_commute_km, 15);
    ck_assert_int_eq(c.late_months, 6);
    ck_assert_int_eq(config_set(&c, "weight_distance", "101", err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("weight_distance");
    ck_assert_int_eq(config_set(&c, "weight_distance", "-1", err, sizeof err), -1);
    ck_assert_int_eq(config_set(&c, "late_months", "0", err, sizeof err), -1);
    ck_assert_int_eq(config_set(&c, "default_commute_km", "501", err, sizeof err), -1);
    ck_assert_int_eq(setenv("AZUBIMATCH_WEIGHT_START", "7", 1), 0);
    ck_assert_int_eq(config_load_env(&c, err, sizeof err), 0);
    ck_assert_int_eq(c.weight_start, 7);
    unsetenv("AZUBIMATCH_WEIGHT_START");
    static const char *const names[] = { "weight_occupation", "weight_certificate", "weight_distance",
                                         "weight_start", "weight_languages", "weight_contact" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        ck_assert_int_eq(config_set(&c, names[i], "0", err, sizeof err), 0);
    ck_assert_int_eq(config_check(&c, err, sizeof err), -1);
    ASSERT_ERR_MENTIONS("weight");
    ck_assert_int_eq(config_set(&c, "weight_languages", "1", err, sizeof err), 0);
    ck_assert_int_eq(config_check(&c, err, sizeof err), 0);
}
END_TEST

Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("settings");
    tcase_add_unchecked_fixture(tc, tmp_base_setup, tmp_base_teardown);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, defaults);
    tcase_add_test(tc, defaults_match_config_ini);
    tcase_add_test(tc, choice_settings_take_their_words);
    tcase_add_test(tc, set_int_in_range);
    tcase_add_test(tc, set_int_rejects_bad_values);
    tcase_add_test(tc, set_bool);
    tcase_add_test(tc, set_string);
    tcase_add_test(tc, set_unknown_key);
    tcase_add_test(tc, load_valid_file);
    tcase_add_test(tc, load_file_unknown_key);
    tcase_add_test(tc, load_file_key_in_wrong_section);
    tcase_add_test(tc, load_file_bad_value);
    tcase_add_test(tc, load_file_syntax_error);
    tcase_add_test(tc, load_missing_optional_file);
    tcase_add_test(tc, load_missing_required_file);
    tcase_add_test(tc, env_overrides);
    tcase_add_test(tc, env_bad_value);
    tcase_add_test(tc, matching_section);
    suite_add_tcase(s, tc);
    return s;
}
