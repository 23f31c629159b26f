/* fuzz_namekey: namekey_append, namekey_same and namekey_resembles, the key
 * of a company name that the duplicate warning compares (src/app/namekey.c).
 *
 * For any bytes (NUL ends the string, as for the C callers):
 *   - the key is never longer than the name and holds no NUL;
 *   - it is words of [a-z0-9] and well-formed UTF-8 of other letters, with
 *     single spaces between them and none around them: no capital ASCII
 *     letter, no punctuation, nothing that is not UTF-8 even when the name
 *     is not;
 *   - no legal form is left as a word of its own ("gmbh", "kg", "ev", ...);
 *   - the key of a key is itself;
 *   - a key is the same company as itself and resembles itself, unless it is
 *     empty; sameness does not depend on which key comes first;
 *   - the name in ASCII capitals has the same key; so has the name with
 *     ä, ö, ü written out as ae, oe, ue, and with ß as ss.
 * The input is also split at its first line break into two names, which
 * are compared both ways. */
#include "app/namekey.h"
#include "core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *why, const char *in, const char *out)
{
    fprintf(stderr, "fuzz_namekey: %s\n  input:  \"", why);
    for (const unsigned char *p = (const unsigned char *)in; *p; p++)
        fprintf(stderr, *p >= 0x20 && *p < 0x7f && *p != '"' ? "%c" : "\\x%02x", *p);
    fprintf(stderr, "\"\n  output: \"");
    for (const unsigned char *p = (const unsigned char *)(out ? out : ""); *p; p++)
        fprintf(stderr, *p >= 0x20 && *p < 0x7f ? "%c" : "\\x%02x", *p);
    fprintf(stderr, "\"\n");
    abort();
}

/* The key of s as a new string. */
static char *key_of(const char *s)
{
    struct buf b = { 0 };
    namekey_append(&b, s);
    if (b.data && strlen(b.data) != b.len)
        fail("the key holds a NUL", s, b.data);
    char *k = b.data ? buf_steal(&b) : strdup("");
    if (!k)
        abort();
    return k;
}

/* Well-formed UTF-8 (no overlongs, surrogates, or values above U+10FFFF). */
static int utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3
                   : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
        if (!len || i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
        if ((c == 0xe0 && s[i + 1] < 0xa0) || (c == 0xed && s[i + 1] > 0x9f) || (c == 0xf0 && s[i + 1] < 0x90) ||
            (c == 0xf4 && s[i + 1] > 0x8f))
            return 0;
        i += len;
    }
    return 1;
}

/* The shape of a key: words, single spaces, only small ASCII letters and
 * digits besides other UTF-8, and no legal form as a word. */
static void check_shape(const char *in, const char *k)
{
    static const char *const forms[] = { "gmbh", "mbh", "ug", "haftungsbeschrankt", "kg", "ohg", "ag", "gbr", "ek",
                                         "ev", "inh", "co", "und", NULL };
    size_t n = strlen(k);
    if (n > strlen(in))
        fail("the key is longer than the name", in, k);
    if (!utf8_ok((const unsigned char *)k, n))
        fail("the key is not UTF-8", in, k);
    if (n && (k[0] == ' ' || k[n - 1] == ' '))
        fail("the key starts or ends with a space", in, k);
    for (const char *p = k; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' '))
            fail("the key holds an ASCII byte that is no small letter, digit or space", in, k);
        if (c == ' ' && p[1] == ' ')
            fail("the key holds two spaces in a row", in, k);
    }
    for (const char *p = k; *p;) {
        size_t w = strcspn(p, " ");
        for (size_t i = 0; forms[i]; i++)
            if (strlen(forms[i]) == w && !strncmp(p, forms[i], w))
                fail("a legal form is left in the key", in, k);
        p += w + (p[w] ? 1 : 0);
    }
}

/* s with every occurrence of from replaced by to (new string). */
static char *replace(const char *s, const char *from, const char *to)
{
    struct buf b = { 0 };
    size_t nf = strlen(from);
    for (const char *p = s; *p;) {
        if (!strncmp(p, from, nf)) {
            buf_puts(&b, to);
            p += nf;
        } else {
            buf_append(&b, p++, 1);
        }
    }
    char *r = b.data ? buf_steal(&b) : strdup("");
    if (!r)
        abort();
    return r;
}

/* The key of variant must be key: another spelling of the same name. */
static void check_variant(const char *in, const char *variant, const char *k, const char *why)
{
    char *kv = key_of(variant);
    if (strcmp(kv, k) != 0) {
        fprintf(stderr, "fuzz_namekey: variant key \"%s\"\n", kv);
        fail(why, in, k);
    }
    free(kv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = malloc(size + 1);
    if (!in)
        return 0;
    memcpy(in, data, size);
    in[size] = '\0';

    char *k = key_of(in);
    check_shape(in, k);
    char *kk = key_of(k);
    if (strcmp(k, kk) != 0)
        fail("the key of the key is not the key", in, kk);
    free(kk);
    if (namekey_same(k, k) != (*k != '\0') || namekey_resembles(k, k) != (*k != '\0'))
        fail("a key is not the same as itself (or an empty one is)", in, k);

    /* other spellings of the same name */
    char *upper = strdup(in);
    if (!upper)
        abort();
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    check_variant(in, upper, k, "the name in capitals has another key");
    free(upper);
    static const char *const spelled[][2] = { { "\xc3\xa4", "ae" }, { "\xc3\xb6", "oe" }, { "\xc3\xbc", "ue" },
                                              { "\xc3\x84", "Ae" }, { "\xc3\x9f", "ss" } };
    char *v = strdup(in);
    if (!v)
        abort();
    for (size_t i = 0; i < sizeof spelled / sizeof spelled[0]; i++) {
        char *next = replace(v, spelled[i][0], spelled[i][1]);
        free(v);
        v = next;
    }
    check_variant(in, v, k, "the name with umlauts written out has another key");
    free(v);

    /* two names: the input's first line and the rest */
    char *nl = strchr(in, '\n');
    if (nl) {
        *nl = '\0';
        char *a = key_of(in), *b = key_of(nl + 1);
        check_shape(in, a);
        check_shape(nl + 1, b);
        if (namekey_same(a, b) != namekey_same(b, a))
            fail("sameness depends on the order of the keys", a, b);
        if (namekey_same(a, b) && !namekey_resembles(a, b))
            fail("the same company does not resemble itself", a, b);
        free(a);
        free(b);
    }
    free(k);
    free(in);
    return 0;
}
