/* cli: the commands other than serve and migrate, and what they share with
 * main.c (parsed options, opening the database). */
#ifndef APP_CLI_H
#define APP_CLI_H

#include "core/config.h"
#include "core/http.h"

#define CLI_MAX_OPTS 16
#define CLI_MAX_POSITIONAL 4

struct cli_args {
    struct config cfg;
    struct {
        char name[32];
        const char *value;   /* borrowed from argv */
    } opts[CLI_MAX_OPTS];
    int nopts;
    const char *positional[CLI_MAX_POSITIONAL];  /* borrowed from argv */
    int npositional;
};

/* The last value given for --name, or NULL. */
const char *cli_opt(const struct cli_args *a, const char *name);
/* Opens the database; migrate: bring it up to date, else require it is.
 * Returns 0 or the exit status after printing the reason. */
int cli_open_db(struct cli_args *a, bool migrate);

/* Each returns the process exit status. */
int cli_user_add(struct cli_args *a);
int cli_seed_demo(struct cli_args *a);
int cli_seed_synthetic(struct cli_args *a);
int cli_backup(struct cli_args *a);
int cli_retention(struct cli_args *a);
int cli_check(struct cli_args *a);


#endif
