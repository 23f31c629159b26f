/* driver: a main() for the fuzz harnesses when libFuzzer is not available
 * (gcc). Link it with one harness; do not link it into a -fsanitize=fuzzer
 * build, which brings its own main.
 *
 *   fuzz_X [FILE|DIR]...
 *
 * Runs every file given (directories: every regular file inside, recursively)
 * through LLVMFuzzerTestOneInput, then deterministic random mutations of
 * those inputs (bit flips, byte insert/delete, splices, repeats and
 * interesting byte sequences), each at most FUZZ_MAX_LEN bytes, until
 * FUZZ_ITERATIONS (default 20000) mutations ran or FUZZ_SECONDS (default 10)
 * passed. FUZZ_SEED (default 1) seeds the generator, so a run repeats.
 *
 * Every input is passed in a heap block of exactly its size, so ASan catches
 * a read one past the end. When an input crashes (sanitizer report or
 * abort), it is written to FUZZ_CRASH_DIR (default .) as crash-NAME-<hash>
 * for replay: `fuzz_X crash-NAME-...`. The exit status is non-zero only
 * through such a crash. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FUZZ_MAX_LEN 4096
#define POOL_MAX 512

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Present under ASan/UBSan; NULL in a plain build. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

struct input {
    uint8_t *data;
    size_t len;
};

static struct input pool[POOL_MAX];
static size_t npool;
static size_t nseeds;   /* pool[0..nseeds) came from files and are never replaced */
static const char *name = "fuzz";

/* gcc's UBSan runtime does not call the death callback: have it abort, so
 * the SIGABRT handler saves the input (UBSAN_OPTIONS can still override). */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void) { return "abort_on_error=1"; }

/* The input being run, for the crash handler. */
static const uint8_t *volatile cur_data;
static volatile size_t cur_len;
static char crash_path[1024];

/* --- crash capture (async-signal-safe: open/write/close only) ------------- */

static void save_current(void)
{
    if (!cur_data || !crash_path[0])
        return;
    int fd = open(crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    size_t off = 0;
    while (off < cur_len) {
        ssize_t w = write(fd, cur_data + off, cur_len - off);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    close(fd);
    static const char msg[] = "\nfuzz: crashing input saved to ";
    if (write(2, msg, sizeof msg - 1) < 0 || write(2, crash_path, strlen(crash_path)) < 0 || write(2, "\n", 1) < 0)
        return;
}

static void on_abort(int sig)
{
    save_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* FNV-1a, for the crash file name. */
static uint64_t hash(const uint8_t *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

static void run_one(const uint8_t *data, size_t len)
{
    /* an exact-size heap copy, so overreads are caught */
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy) {
        fprintf(stderr, "fuzz %s: out of memory\n", name);
        exit(0);
    }
    if (len)
        memcpy(copy, data, len);
    const char *dir = getenv("FUZZ_CRASH_DIR");
    snprintf(crash_path, sizeof crash_path, "%s/crash-%s-%016llx", dir && *dir ? dir : ".", name,
             (unsigned long long)hash(copy, len));
    cur_len = len;
    cur_data = copy;
    LLVMFuzzerTestOneInput(copy, len);
    cur_data = NULL;
    free(copy);
}

/* --- corpus ---------------------------------------------------------------- */

static void pool_add(uint8_t *data, size_t len)
{
    if (npool < POOL_MAX) {
        pool[npool].data = data;
        pool[npool].len = len;
        npool++;
    } else {
        free(data);
    }
}

static void load_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "fuzz %s: cannot read %s: %s\n", name, path, strerror(errno));
        return;
    }
    uint8_t *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            uint8_t *grown = realloc(data, cap);
            if (!grown)
                break;
            data = grown;
        }
        size_t got = fread(data + len, 1, cap - len, f);
        if (got == 0)
            break;
        len += got;
    }
    fclose(f);
    run_one(data ? data : (const uint8_t *)"", len);
    if (len > FUZZ_MAX_LEN)
        len = FUZZ_MAX_LEN;
    if (!data)
        data = malloc(1);
    pool_add(data, len);
}

static void load_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "fuzz %s: %s: %s\n", name, path, strerror(errno));
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        load_file(path);
        return;
    }
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort); /* sorted: runs repeat */
    if (n < 0) {
        fprintf(stderr, "fuzz %s: cannot list %s: %s\n", name, path, strerror(errno));
        return;
    }
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.') {
            char sub[4096];
            snprintf(sub, sizeof sub, "%s/%s", path, names[i]->d_name);
            load_path(sub);
        }
        free(names[i]);
    }
    free(names);
}

/* --- mutation -------------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static size_t below(size_t n) { return n ? (size_t)(rnd() % n) : 0; }

/* Byte sequences that tend to matter to text, JSON, URL, ini and HTTP
 * header decoders. */
static const struct {
    const char *s;
    size_t n;
} interesting[] = {
#define X(lit) { lit, sizeof(lit) - 1 }
    X("\xff"), X("\xfe"), X("\x00"), X("\x7f"), X("\x80"), X("\xc0\x80"), X("\xc1\xbf"), X("\xc2\x80"),
    X("\xc2\x9f"), X("\xc2\xa0"), X("\xc3"), X("\xc3\xa4"), X("\xc3\x9f"), X("\xc4\xb1"), X("\xc4\xb0"),
    X("\xc5\x9f"), X("\xe0\x80\x80"), X("\xe0\xa0\x80"), X("\xed\xa0\x80"), X("\xed\xbf\xbf"),
    X("\xef\xbb\xbf"), X("\xef\xbf\xbf"), X("\xf0\x80\x80\x80"), X("\xf0\x9f\x98\x80"), X("\xf4\x8f\xbf\xbf"),
    X("\xf4\x90\x80\x80"), X("\xf8\x88\x80\x80\x80"), X("%00"), X("%2f"), X("%ff"), X("%"), X("\\u0000"),
    X("\\ud800"), X("\\udc00\\ud800"), X("\\u00e4"), X("\""), X("\\"), X("'"), X("{"), X("}"), X("["), X("]"),
    X(":"), X(","), X("{}"), X("[]"), X("null"), X("true"), X("1e999"), X("-0"), X("9223372036854775808"),
    X("/"), X("//"), X("/."), X("/.."), X("*"), X("?"), X("#"), X("{id}"), X("0"), X("007"),
    X("99999999999999999999"), X("-"), X("_"), X(";q="), X(";q=0"), X(";q=1.0"), X("; q=nan"), X(";q=inf"),
    X("de"), X("en"), X("tr"), X("de-DE"), X("en-GB"), X("\t"), X("\r\n"), X("\n"), X(" "), X("="), X(";"),
    X("[server]"), X("[paths]\n"), X("port = "), X("db = "), X("bind = "), X("dev = true"), X("OR"), X("NEAR"),
    X("AND"), X("NOT"), X("^"), X("(("), X("))"),
#undef X
};
#define NINTERESTING (sizeof interesting / sizeof interesting[0])

/* Each helper keeps len <= FUZZ_MAX_LEN; buf has room for FUZZ_MAX_LEN. */
static void insert_bytes(uint8_t *buf, size_t *len, size_t at, const void *p, size_t n)
{
    if (*len + n > FUZZ_MAX_LEN)
        n = FUZZ_MAX_LEN - *len;
    if (!n)
        return;
    memmove(buf + at + n, buf + at, *len - at);
    memcpy(buf + at, p, n);
    *len += n;
}

static void mutate_once(uint8_t *buf, size_t *len)
{
    size_t at = below(*len + 1);
    switch (below(12)) {
    case 0: /* flip a bit */
        if (*len)
            buf[below(*len)] ^= (uint8_t)(1u << below(8));
        break;
    case 1: /* set a random byte */
        if (*len)
            buf[below(*len)] = (uint8_t)rnd();
        break;
    case 2: { /* insert a random byte */
        uint8_t b = (uint8_t)rnd();
        insert_bytes(buf, len, at, &b, 1);
        break;
    }
    case 3: { /* delete a range */
        if (!*len)
            break;
        size_t from = below(*len);
        size_t n = 1 + below(below(2) ? 4 : *len - from);
        if (n > *len - from)
            n = *len - from;
        memmove(buf + from, buf + from + n, *len - from - n);
        *len -= n;
        break;
    }
    case 4:
    case 5: { /* insert an interesting sequence */
        size_t k = below(NINTERESTING);
        insert_bytes(buf, len, at, interesting[k].s, interesting[k].n);
        break;
    }
    case 6: { /* overwrite with an interesting sequence */
        size_t k = below(NINTERESTING);
        size_t n = interesting[k].n;
        if (at + n <= *len)
            memcpy(buf + at, interesting[k].s, n);
        else
            insert_bytes(buf, len, at, interesting[k].s, n);
        break;
    }
    case 7: { /* a long repeat of one byte or a short chunk */
        uint8_t chunk[8];
        size_t clen = 1 + below(below(2) ? 1 : 8);
        for (size_t i = 0; i < clen; i++)
            chunk[i] = *len && below(2) ? buf[below(*len)] : (uint8_t)"aZ0/%{\"\xc3\xa4 "[below(11)];
        size_t times = 1 + below(below(4) ? 80 : 1200);
        for (size_t t = 0; t < times && *len < FUZZ_MAX_LEN; t++)
            insert_bytes(buf, len, at, chunk, clen);
        break;
    }
    case 8: { /* splice in a piece of another input */
        const struct input *o = &pool[below(npool)];
        if (!o->len)
            break;
        size_t from = below(o->len);
        size_t n = 1 + below(o->len - from);
        insert_bytes(buf, len, at, o->data + from, n);
        break;
    }
    case 9: /* cut the tail */
        *len = at;
        break;
    case 10: { /* duplicate a range in place */
        if (!*len)
            break;
        size_t from = below(*len);
        size_t n = 1 + below(*len - from);
        uint8_t tmp[FUZZ_MAX_LEN];
        memcpy(tmp, buf + from, n);
        insert_bytes(buf, len, at, tmp, n);
        break;
    }
    default: { /* an ASCII number, often at a boundary */
        static const char *nums[] = { "0", "1", "-1", "65535", "65536", "2147483647", "2147483648",
                                      "-2147483649", "4294967296", "18446744073709551616", "0x10", "1e3", " 7" };
        const char *s = nums[below(sizeof nums / sizeof nums[0])];
        insert_bytes(buf, len, at, s, strlen(s));
        break;
    }
    }
}

static unsigned long env_ul(const char *var, unsigned long dflt)
{
    const char *v = getenv(var);
    if (!v || !*v)
        return dflt;
    char *end;
    unsigned long n = strtoul(v, &end, 10);
    return *end ? dflt : n;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *slash = strrchr(argv[0], '/');
    name = slash ? slash + 1 : argv[0];
    if (strncmp(name, "fuzz_", 5) == 0)
        name += 5;

    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(save_current);
    signal(SIGABRT, on_abort); /* assertion failures in a harness */

    unsigned long iterations = env_ul("FUZZ_ITERATIONS", 20000);
    unsigned long seconds = env_ul("FUZZ_SECONDS", 10);
    unsigned long seed = env_ul("FUZZ_SEED", 1);
    rng_state = seed;
    double start = now_s();

    size_t runs = 0;
    for (int i = 1; i < argc; i++)
        load_path(argv[i]);
    runs = npool;
    nseeds = npool;
    if (npool == 0)
        pool_add(calloc(1, 1), 0);

    static uint8_t buf[FUZZ_MAX_LEN];
    for (unsigned long it = 0; it < iterations; it++) {
        if ((it & 63) == 0 && now_s() - start >= (double)seconds)
            break;
        const struct input *base = &pool[below(npool)];
        size_t len = base->len;
        memcpy(buf, base->data, len);
        size_t rounds = 1 + below(below(3) ? 3 : 12);
        for (size_t r = 0; r < rounds; r++)
            mutate_once(buf, &len);
        run_one(buf, len);
        runs++;
        /* keep some mutants, so mutations stack over time */
        if (below(8) == 0) {
            uint8_t *keep = malloc(len ? len : 1);
            if (keep) {
                memcpy(keep, buf, len);
                if (npool < POOL_MAX) {
                    pool_add(keep, len);
                } else if (npool > nseeds) {
                    size_t victim = nseeds + below(npool - nseeds);
                    free(pool[victim].data);
                    pool[victim].data = keep;
                    pool[victim].len = len;
                } else {
                    free(keep);
                }
            }
        }
    }
    for (size_t i = 0; i < npool; i++)
        free(pool[i].data);
    printf("fuzz %s: %zu inputs, OK (seed %lu, %.1f s)\n", name, runs, seed, now_s() - start);
    return 0;
}
