/* azubimatch: the command line. Each command reads configuration the same
 * way (defaults < config.ini < AZUBIMATCH_* < flags), does one thing, and
 * reports failure as one line on standard error: exit 1 for errors, 2 for
 * usage. */
#include "app/auth.h"
#include "app/cli.h"
#include "app/home.h"
#include "app/join.h"
#include "app/placements.h"
#include "app/schools.h"
#include "app/jobs.h"
#include "app/matches.h"
#include "app/offers.h"
#include "app/choices.h"
#include "app/mfa.h"
#include "app/routes.h"
#include "core/entity.h"
#include "core/config.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/migrate.h"
#include "core/publiclink.h"
#include "core/secret.h"
#include "core/server.h"
#include "core/static.h"
#include "core/tmpl.h"
#include "core/totp.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char USAGE[] =
    "usage: azubimatch COMMAND [options]\n"
    "  serve     [--config FILE] [--db FILE] [--port N] [--bind ADDR]\n"
    "  migrate   [--config FILE] [--db FILE]\n"
    "  user add  --email E --name NAME --role admin|caseworker|viewer [--db FILE]\n"
    "            (password read from standard input, one line)\n"
    "  seed demo       [--db FILE]\n"
    "  seed synthetic  [--db FILE] [--companies N] [--candidates N] [--posts N] [--seed S]\n"
    "  backup FILE     [--db FILE]\n"
    "  retention       [--db FILE] [--dry-run]\n"
    "  check           [--db FILE]\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "azubimatch: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see 'azubimatch --help')\n");
    return 2;
}

static int fail(const char *msg)
{
    fprintf(stderr, "azubimatch: %s\n", msg);
    return 1;
}

/* Splits "--name value" and "--name=value" into the options table; flags
 * named in `boolean` take no value. Unknown options are usage errors. */
static int parse_options(int argc, char **argv, int first, const char *const *allowed, struct cli_args *a)
{
    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0) {
            if (a->npositional >= CLI_MAX_POSITIONAL)
                return usage_error("unexpected argument '%s'", arg);
            a->positional[a->npositional++] = arg;
            continue;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        bool known = false, is_bool = false;
        for (int k = 0; allowed[k]; k++) {
            const char *opt = allowed[k];
            bool b = opt[0] == '!';
            if (b)
                opt++;
            if (strlen(opt) == nlen && strncmp(opt, name, nlen) == 0) {
                known = true;
                is_bool = b;
            }
        }
        if (!known || a->nopts >= CLI_MAX_OPTS)
            return usage_error("unknown option '%s'", arg);
        const char *value;
        if (is_bool) {
            if (eq)
                return usage_error("option '%s' takes no value", arg);
            value = "true";
        } else if (eq) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return usage_error("option '%s' needs a value", arg);
        }
        snprintf(a->opts[a->nopts].name, sizeof a->opts[a->nopts].name, "%.*s", (int)nlen, name);
        a->opts[a->nopts].value = value;
        a->nopts++;
    }
    return 0;
}

/* Builds the configuration: defaults, then the ini file, the environment
 * and the flags that name settings (--db, --port, --bind). */
static int load_config(struct cli_args *a)
{
    char err[1024];
    config_defaults(&a->cfg);
    const char *path = cli_opt(a, "config");
    if (!path)
        path = getenv("AZUBIMATCH_CONFIG");
    if (config_load_file(&a->cfg, path ? path : "config.ini", path != NULL, err, sizeof err) != 0 ||
        config_load_env(&a->cfg, err, sizeof err) != 0)
        return fail(err);
    static const char *const setting_flags[] = { "db", "port", "bind" };
    for (size_t i = 0; i < sizeof setting_flags / sizeof setting_flags[0]; i++) {
        const char *v = cli_opt(a, setting_flags[i]);
        if (v && config_set(&a->cfg, setting_flags[i], v, err, sizeof err) != 0)
            return usage_error("%s", err);
    }
    if (config_check(&a->cfg, err, sizeof err) != 0)
        return fail(err);
    return 0;
}

static int cmd_serve(struct cli_args *a)
{
    char err[1024];
    struct config *c = &a->cfg;
    int rc = cli_open_db(a, true);
    if (rc)
        return rc;
    /* Every page allocates and frees the same few hundred KiB (template
     * dictionaries, the rendered text). glibc would hand freed memory back
     * to the kernel after each request and fault it in again for the next;
     * keep it instead (bounded: peak memory stays far below the target). */
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    /* before any thread starts: the zone in which follow-ups fall due */
    setenv("TZ", c->timezone, 1);
    tzset();
    if (secret_init(c->password_t, c->password_mem_mib) != 0) {
        db_close_all();
        return fail("libsodium failed to start");
    }
    if (secret_common_load(c->common_passwords, err, sizeof err) != 0) {
        db_close_all();
        return fail(err);
    }
    if (totp_init() != 0) {
        db_close_all();
        return fail("liboath failed to start");
    }
    auth_configure(c);
    mfa_configure(c);
    home_configure(c);
    publiclink_configure(c->public_url);
    schools_configure(c);
    placements_configure(c);
    join_configure(c);
    offers_configure(c);
    jobs_configure(c);
    matches_configure(c);
    if (i18n_load(c->locales, c->default_lang, err, sizeof err) != 0 ||
        (entity_labels_init(app_choices) != 0 && snprintf(err, sizeof err, "out of memory for labels")) ||
        tmpl_init(c->templates, c->dev, err, sizeof err) != 0 ||
        static_configure(c->static_dir, c->dev, err, sizeof err) != 0) {
        db_close_all();
        i18n_free();
        return fail(err);
    }
    struct server_opts o = { .cfg = c, .routes = app_routes, .nroutes = app_routes_count, .gate_early = auth_gate_early,
                             .gate = auth_gate, .forget = auth_forget, .layout = auth_layout };
    rc = server_run(&o, err, sizeof err);
    db_close_all();
    i18n_free();
    return rc ? fail(err) : 0;
}

static int cmd_migrate(struct cli_args *a)
{
    int rc = cli_open_db(a, true);
    if (rc == 0)
        printf("database %s is at version %d\n", a->cfg.db, migrate_current());
    db_close_all();
    return rc;
}

struct command {
    const char *name;
    const char *sub;           /* second word, or NULL */
    int (*run)(struct cli_args *a);
    const char *const *options;
};

static const char *const OPT_SERVE[] = { "config", "db", "port", "bind", NULL };
static const char *const OPT_DB[] = { "config", "db", NULL };
static const char *const OPT_USER[] = { "config", "db", "email", "name", "role", NULL };
static const char *const OPT_SYNTH[] = { "config", "db", "companies", "candidates", "posts", "seed", NULL };
static const char *const OPT_RETENTION[] = { "config", "db", "!dry-run", NULL };

static const struct command commands[] = {
    { "serve", NULL, cmd_serve, OPT_SERVE },
    { "migrate", NULL, cmd_migrate, OPT_DB },
    { "user", "add", cli_user_add, OPT_USER },
    { "seed", "demo", cli_seed_demo, OPT_DB },
    { "seed", "synthetic", cli_seed_synthetic, OPT_SYNTH },
    { "backup", NULL, cli_backup, OPT_DB },
    { "retention", NULL, cli_retention, OPT_RETENTION },
    { "check", NULL, cli_check, OPT_DB },
};

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "no command given");
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        fputs(USAGE, stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const struct command *c = &commands[i];
        if (strcmp(argv[1], c->name) != 0)
            continue;
        if (c->sub && (argc < 3 || strcmp(argv[2], c->sub) != 0)) {
            bool other = false;
            for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
                if (k != i && !strcmp(commands[k].name, c->name) && argc >= 3 && commands[k].sub &&
                    !strcmp(argv[2], commands[k].sub))
                    other = true;
            if (other)
                continue;
            return usage_error("unknown '%s' command", c->name);
        }
        struct cli_args a;
        memset(&a, 0, sizeof a);
        int rc = parse_options(argc, argv, c->sub ? 3 : 2, c->options, &a);
        if (rc)
            return rc;
        rc = load_config(&a);
        if (rc)
            return rc;
        return c->run(&a);
    }
    return usage_error("unknown command '%s'", argv[1]);
}
