#include "app/cli.h"

#include "app/routes.h"

#include "app/companies.h"
#include "app/demo.h"
#include "app/occupations.h"
#include "app/offers.h"
#include "app/posts.h"
#include "app/users.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/sitekey.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/secret.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/migrate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fail(const char *fmt, const char *arg)
{
    fprintf(stderr, "azubimatch: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return 1;
}

const char *cli_opt(const struct cli_args *a, const char *name)
{
    const char *v = NULL;
    for (int i = 0; i < a->nopts; i++)
        if (strcmp(a->opts[i].name, name) == 0)
            v = a->opts[i].value;
    return v;
}

/* Opens the database and brings it to this program's schema. */
int cli_open_db(struct cli_args *a, bool migrate)
{
    char err[1024];
    if (app_init() != 0)
        return fail("%s", "the declared areas do not build (see the log)");
    if (db_init(a->cfg.db) != 0 || !db_conn()) {
        snprintf(err, sizeof err, "cannot open database %s", a->cfg.db);
        return fail("%s", err);
    }
    if (migrate ? migrate_run(err, sizeof err) : migrate_check(err, sizeof err))
        return fail("%s", err);
    /* the site key lives beside the database, never in it (sitekey.h) */
    char keypath[CONFIG_PATH_MAX + 8];
    snprintf(keypath, sizeof keypath, "%s.key", a->cfg.db);
    if (sitekey_load(keypath, err, sizeof err) != 0)
        return fail("%s", err);
    /* keys a migration left empty: before anything reads them */
    int filled = migrate ? companies_fill_keys() : 0;
    if (filled < 0)
        return fail("%s", "cannot give the companies their name keys (see the log)");
    if (filled > 0)
        log_info("companies: %d name keys filled in", filled);
    /* the search words, and search entries a migration left out */
    if (migrate && (occupations_setup() != 0 || posts_setup() != 0))
        return fail("%s", "cannot write the search entries of occupations and posts (see the log)");
    return 0;
}

/* A consistent copy of the live database through SQLite's online backup,
 * written beside the target and renamed into place, so a crash never leaves
 * a half backup under the final name. */
int cli_backup(struct cli_args *a)
{
    if (a->npositional != 1) {
        fprintf(stderr, "azubimatch: backup needs exactly one FILE\n");
        return 2;
    }
    const char *target = a->positional[0];
    if (access(target, F_OK) == 0)
        return fail("%s exists; choose a new file name", target);
    int rc = cli_open_db(a, false);
    if (rc)
        return rc;
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.partial", target);
    unlink(tmp);
    sqlite3 *dst = NULL;
    if (sqlite3_open(tmp, &dst) != SQLITE_OK) {
        sqlite3_close(dst);
        db_close_all();
        return fail("cannot create %s", tmp);
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", db_conn(), "main");
    int step = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    sqlite3_backup_finish(b);
    int ok = step == SQLITE_DONE && sqlite3_errcode(dst) == SQLITE_OK;
    if (ok)
        ok = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(dst);
    db_close_all();
    if (!ok || rename(tmp, target) != 0) {
        unlink(tmp);
        return fail("backup to %s failed", target);
    }
    printf("backup written to %s\n", target);
    return 0;
}

struct check_ctx {
    int problems;
};

static int print_row(void *arg, int n, char **vals, char **names)
{
    (void)names;
    struct check_ctx *c = arg;
    if (n == 1 && vals[0] && strcmp(vals[0], "ok") == 0)
        return 0;
    c->problems++;
    fprintf(stderr, "azubimatch: check:");
    for (int i = 0; i < n; i++)
        fprintf(stderr, " %s", vals[i] ? vals[i] : "NULL");
    fputc('\n', stderr);
    return 0;
}

/* Integrity, foreign keys and schema version: what an operator runs after
 * restoring a backup or before an upgrade. */
int cli_check(struct cli_args *a)
{
    int rc = cli_open_db(a, false);
    if (rc)
        return rc;
    struct check_ctx c = { 0 };
    sqlite3 *db = db_conn();
    if (sqlite3_exec(db, "PRAGMA integrity_check", print_row, &c, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA foreign_key_check", print_row, &c, NULL) != SQLITE_OK)
        c.problems++;
    db_close_all();
    if (c.problems)
        return fail("%s: problems found", a->cfg.db);
    printf("database %s is sound (version %d)\n", a->cfg.db, migrate_latest());
    return 0;
}

struct new_user {
    const char *email, *name;
    enum role role;
    char hash[SECRET_HASH_MAX];
    int64_t id;
    int taken;
};

static int add_user_tx(void *arg)
{
    struct new_user *u = arg;
    int rc = users_insert(u->email, u->name, u->role, u->hash, false, &u->id);
    if (rc == 1)
        u->taken = 1;
    if (rc != 0)
        return -1;
    json_t *f = json_pack("[s,s,s,s]", "email", "name", "role", "password");
    rc = audit_write_system("command line", "create", "user", u->id, f);
    json_decref(f);
    return rc;
}

/* Checks and stores one account; shared by `user add` and `seed demo`.
 * Returns 0, 1 when the e-mail is taken, or -1 after printing why. */
static int add_user(struct cli_args *a, const char *email, const char *name, const char *role, const char *pw)
{
    const char *why;
    char lower[256];
    snprintf(lower, sizeof lower, "%s", email ? email : "");
    for (char *p = lower; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (!validate_email(lower))
        return -fail("user add: '%s' is not an e-mail address", email ? email : "");
    if (!name || !*name || strlen(name) > 200 || !text_valid(name, strlen(name)))
        return -fail("%s", "user add: --name must be 1 to 200 characters of text");
    if (users_role_parse(role) == ROLE_PUBLIC)
        return -fail("%s", "user add: --role must be admin, caseworker or viewer");
    if (secret_password_ok(pw, &why) != 0)
        return -fail("user add: the password %s", why && !strcmp(why, "password_too_long") ? "may have at most 128 characters" : why && !strcmp(why, "password_too_short") ? "needs at least 10 characters" : why && !strcmp(why, "password_common") ? "is one of the most common passwords; choose another" : "must be valid text");
    (void)a;
    struct new_user u = { lower, name, users_role_parse(role), "", 0, 0 };
    if (secret_hash_password(pw, u.hash) != 0)
        return -fail("%s", "user add: hashing the password failed");
    if (db_tx(add_user_tx, &u) != 0) {
        if (u.taken)
            return 1;
        return -fail("%s", "user add: could not store the account");
    }
    return 0;
}

/* `user add`: the password comes from standard input, one line, so it
 * never shows in the process list or the shell history. */
int cli_user_add(struct cli_args *a)
{
    const char *email = cli_opt(a, "email"), *name = cli_opt(a, "name"), *role = cli_opt(a, "role");
    if (!email || !name || !role) {
        fprintf(stderr, "azubimatch: user add needs --email, --name and --role\n");
        return 2;
    }
    char line[1024];
    if (!fgets(line, sizeof line, stdin))
        return fail("%s", "user add: no password on standard input");
    line[strcspn(line, "\r\n")] = '\0';
    if (secret_init(a->cfg.password_t, a->cfg.password_mem_mib) != 0)
        return fail("%s", "libsodium failed to start");
    char err[1024];
    if (secret_common_load(a->cfg.common_passwords, err, sizeof err) != 0)
        return fail("%s", err);
    int rc = cli_open_db(a, true);
    if (rc)
        return rc;
    rc = add_user(a, email, name, role, line);
    sodium_memzero(line, sizeof line);
    db_close_all();
    if (rc == 1)
        return fail("user add: an account for %s exists already", email);
    if (rc < 0)
        return 1;
    printf("account %s (%s) created\n", email, role);
    return 0;
}

/* The demo accounts `make run` prints; their passwords are public, so they
 * belong in demo databases only. */
static const struct {
    const char *email, *name, *role, *password;
} DEMO_USERS[] = {
    { "admin@azubimatch.example", "Aylin Demir", "admin", "demo-admin-2026" },
    { "beratung@azubimatch.example", "Jonas Weber", "caseworker", "demo-beratung-2026" },
    { "lesen@azubimatch.example", "Mira Schulz", "viewer", "demo-lesen-2026" },
};

int cli_seed_demo(struct cli_args *a)
{
    if (secret_init(a->cfg.password_t, a->cfg.password_mem_mib) != 0)
        return fail("%s", "libsodium failed to start");
    int rc = cli_open_db(a, true);
    if (rc)
        return rc;
    int created = 0;
    for (size_t i = 0; i < sizeof DEMO_USERS / sizeof DEMO_USERS[0]; i++) {
        rc = add_user(a, DEMO_USERS[i].email, DEMO_USERS[i].name, DEMO_USERS[i].role, DEMO_USERS[i].password);
        if (rc < 0) {
            db_close_all();
            return 1;
        }
        created += rc == 0;
    }
    /* the demo's offers carry texts of the catalogs (a company's note) */
    char err[512];
    if (i18n_load(a->cfg.locales, a->cfg.default_lang, err, sizeof err) != 0) {
        db_close_all();
        return fail("%s", err);
    }
    struct user_rec owner;
    int companies = users_get_by_email(DEMO_USERS[1].email, &owner) == 0 ? demo_load(owner.id) : 0;
    i18n_free();
    db_close_all();
    if (companies < 0)
        return fail("%s", "seed demo: could not load the demo companies");
    created += companies;
    printf(created ? "demo data loaded into %s\n" : "demo data already in %s\n", a->cfg.db);
    printf("demo logins (e-mail / password / role):\n");
    for (size_t i = 0; i < sizeof DEMO_USERS / sizeof DEMO_USERS[0]; i++)
        printf("  %-30s %-20s %s\n", DEMO_USERS[i].email, DEMO_USERS[i].password, DEMO_USERS[i].role);
    return 0;
}

/* Reads a non-negative count option (default def); -1 when malformed. */
static long count_opt(const struct cli_args *a, const char *name, long def, long max)
{
    const char *v = cli_opt(a, name);
    if (!v)
        return def;
    char *end;
    long n = strtol(v, &end, 10);
    return (*end || end == v || n < 0 || n > max) ? -1 : n;
}

/* A synthetic region for `make bench`: companies, posts over them,
 * candidates, and a year of work with them (activities, placements). */
int cli_seed_synthetic(struct cli_args *a)
{
    long companies = count_opt(a, "companies", 20000, 1000000);
    long candidates = count_opt(a, "candidates", 0, 10000000);
    long posts = count_opt(a, "posts", 0, 10000000);
    long seed = count_opt(a, "seed", 1, 0x7fffffff);
    if (companies < 0 || candidates < 0 || posts < 0 || seed < 0) {
        fprintf(stderr, "azubimatch: seed synthetic: counts and --seed must be whole numbers >= 0\n");
        return 2;
    }
    int rc = cli_open_db(a, true);
    if (rc)
        return rc;
    int made = demo_synthetic_companies((int)companies, (unsigned)seed);
    int made_posts = made < 0 ? 0 : demo_synthetic_posts((int)posts, (unsigned)seed);
    int pupils = made < 0 || made_posts < 0 ? 0 : demo_synthetic_candidates((int)candidates, (unsigned)seed);
    int activities = 0, placements = 0;
    int work = made < 0 || made_posts < 0 || pupils < 0
                   ? 0
                   : demo_synthetic_work(made, pupils, (unsigned)seed, &activities, &placements);
    db_close_all();
    if (made < 0)
        return fail("%s", "seed synthetic: could not store the companies");
    if (made_posts < 0)
        return fail("%s", "seed synthetic: could not store the posts (are there companies to give them to?)");
    if (pupils < 0)
        return fail("%s", "seed synthetic: could not store the candidates");
    if (work < 0)
        return fail("%s", "seed synthetic: could not store the activities and placements");
    printf("synthetic data: %d companies, %d posts and %d candidates in %s\n", made, made_posts, pupils, a->cfg.db);
    printf("with %d activities and %d placements\n", activities, placements);
    return 0;
}

int cli_retention(struct cli_args *a)
{
    (void)a;
    return fail("%s", "retention: not available in this build");
}

