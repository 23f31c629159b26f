#include "core/sitekey.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned char master[crypto_kdf_KEYBYTES];
static bool loaded;

/* A new key is written to a temporary name and linked into place, so two
 * processes starting at once agree on one key and none reads half a file. */
static int make_key(const char *path, char *err, size_t errlen)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    unsigned char k[crypto_kdf_KEYBYTES];
    crypto_kdf_keygen(k);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create key file %s: %s", tmp, strerror(errno));
        return -1;
    }
    bool ok = write(fd, k, sizeof k) == (ssize_t)sizeof k && fsync(fd) == 0;
    close(fd);
    sodium_memzero(k, sizeof k);
    int rc = ok ? link(tmp, path) : -1;
    if (rc != 0 && ok && errno != EEXIST) {
        snprintf(err, errlen, "cannot create key file %s: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    unlink(tmp);
    if (!ok) {
        snprintf(err, errlen, "cannot write key file %s", path);
        return -1;
    }
    return 0;
}

int sitekey_load(const char *path, char *err, size_t errlen)
{
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium failed to start");
        return -1;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0 && errno == ENOENT) {
        if (make_key(path, err, errlen) != 0)
            return -1;
        fd = open(path, O_RDONLY);
    }
    if (fd < 0) {
        snprintf(err, errlen, "cannot read key file %s: %s", path, strerror(errno));
        return -1;
    }
    ssize_t n = read(fd, master, sizeof master);
    close(fd);
    if (n != (ssize_t)sizeof master) {
        snprintf(err, errlen, "key file %s is not a key of %zu bytes", path, sizeof master);
        return -1;
    }
    loaded = true;
    return 0;
}

int sitekey_derive(const char context[8], unsigned char out[SITEKEY_BYTES])
{
    if (!loaded)
        return -1;
    return crypto_kdf_derive_from_key(out, SITEKEY_BYTES, 1, context, master) == 0 ? 0 : -1;
}

char *sitekey_seal(const char context[8], const char *text)
{
    unsigned char key[SITEKEY_BYTES];
    if (sitekey_derive(context, key) != 0)
        return NULL;
    size_t n = strlen(text), clen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
    unsigned char *c = malloc(clen);
    char *hex = malloc(clen * 2 + 1);
    if (c && hex) {
        randombytes_buf(c, crypto_secretbox_NONCEBYTES);
        crypto_secretbox_easy(c + crypto_secretbox_NONCEBYTES, (const unsigned char *)text, n, c, key);
        sodium_bin2hex(hex, clen * 2 + 1, c, clen);
    } else {
        free(hex);
        hex = NULL;
    }
    free(c);
    sodium_memzero(key, sizeof key);
    return hex;
}

char *sitekey_open(const char context[8], const char *sealed)
{
    unsigned char key[SITEKEY_BYTES];
    if (!sealed || sitekey_derive(context, key) != 0)
        return NULL;
    size_t hexlen = strlen(sealed), clen = hexlen / 2;
    unsigned char *c = malloc(clen + 1);
    char *out = NULL;
    size_t got = 0;
    if (c && sodium_hex2bin(c, clen, sealed, hexlen, NULL, &got, NULL) == 0 &&
        got > crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        size_t n = got - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
        out = malloc(n + 1);
        if (out && crypto_secretbox_open_easy((unsigned char *)out, c + crypto_secretbox_NONCEBYTES,
                                              got - crypto_secretbox_NONCEBYTES, c, key) == 0) {
            out[n] = '\0';
        } else {
            free(out);
            out = NULL;
        }
    }
    free(c);
    sodium_memzero(key, sizeof key);
    return out;
}
