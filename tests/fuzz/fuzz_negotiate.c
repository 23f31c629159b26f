/* fuzz_negotiate: i18n_negotiate on Accept-Language header values, with
 * catalogs de (the reference) and en loaded once from a temporary
 * directory. The answer is always "de" or "en", and a static string. */
#include "core/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char de_path[96], en_path[96];

static void cleanup(void)
{
    i18n_free();
    unlink(de_path);
    unlink(en_path);
    rmdir(dir);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

static void setup(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/fuzz_i18n.XXXXXX", tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    snprintf(de_path, sizeof de_path, "%s/de.json", dir);
    snprintf(en_path, sizeof en_path, "%s/en.json", dir);
    write_file(de_path, "{\"app_name\": \"azubimatch\", \"greeting\": \"Guten Tag\", \"umlaut\": \"Gr\xc3\xbc\xc3\x9f" "e\"}\n");
    write_file(en_path, "{\"app_name\": \"azubimatch\", \"greeting\": \"Good day\"}\n");
    char err[256] = "";
    if (i18n_load(dir, "de", err, sizeof err) != 0) {
        fprintf(stderr, "fuzz_negotiate: i18n_load: %s\n", err);
        abort();
    }
    atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size == 0) {
        const char *l = i18n_negotiate(NULL);
        if (!l || strcmp(l, "de") != 0)
            abort();
        return 0;
    }
    char *al = malloc(size + 1);
    memcpy(al, data, size);
    al[size] = '\0';
    const char *l = i18n_negotiate(al);
    if (!l || (strcmp(l, "de") != 0 && strcmp(l, "en") != 0)) {
        fprintf(stderr, "fuzz_negotiate: \"%s\" for \"%s\"\n", l ? l : "(null)", al);
        abort();
    }
    if (!i18n_has(l))
        abort();
    free(al);
    return 0;
}
