#include "app/namekey.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What a code point becomes in a key: letters, nothing, or a break
 * between words. */
enum kind { K_LETTERS, K_NOTHING, K_BREAK };

/* U+00C0 to U+017F (Latin-1 letters and Latin Extended-A) as base letters,
 * lowercase; NULL for the two signs among them (× and ÷). */
static const char *const LATIN[] = {
    /* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
    /* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
    /* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    /* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    /* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    /* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    /* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    /* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    /* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    /* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Legal forms, their parts and filler words, as they look after the
 * letters are mapped (haftungsbeschränkt → haftungsbeschrankt); dotted
 * abbreviations also letter by letter ("e. K." is "e k" before single
 * letters are joined), so "A. e.K." keeps its "a". */
static const char *const NOISE[] = {
    "gmbh", "g m b h", "ggmbh", "mbh", "m b h", "gesellschaft mit beschrankter haftung",
    "ug", "u g", "haftungsbeschrankt", "unternehmergesellschaft",
    "kg", "k g", "kgaa", "kommanditgesellschaft", "ohg", "o h g", "offene handelsgesellschaft",
    "ag", "a g", "aktiengesellschaft", "gbr", "g b r", "gesellschaft burgerlichen rechts",
    "ek", "e k", "ekfm", "e kfm", "ekfr", "e kfr", "kfm", "kfr", "eingetragener kaufmann", "eingetragene kauffrau",
    "ev", "e v", "eingetragener verein", "partg", "partgmbb", "ltd", "limited",
    "inh", "inhaber", "inhaberin", "co", "und", "the", "der", "die", "das",
};

/* Decodes one well-formed UTF-8 character at s (no overlongs, surrogates
 * or values above U+10FFFF); its length, or 0 when s holds none. */
static size_t decode(const unsigned char *s, uint32_t *cp)
{
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3
               : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
    if (!len)
        return 0;
    uint32_t v = len == 1 ? c : len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80)
            return 0;
        v = v << 6 | (s[k] & 0x3f);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xd800 && v <= 0xdfff))) || (len == 4 && (v < 0x10000 || v > 0x10ffff)))
        return 0;
    *cp = v;
    return len;
}

/* Writes code point v as UTF-8 into out (at least 4 bytes); its length. */
static size_t encode(uint32_t v, char *out)
{
    if (v < 0x80)
        return out[0] = (char)v, 1;
    if (v < 0x800)
        return out[0] = (char)(0xc0 | v >> 6), out[1] = (char)(0x80 | (v & 0x3f)), 2;
    if (v < 0x10000)
        return out[0] = (char)(0xe0 | v >> 12), out[1] = (char)(0x80 | ((v >> 6) & 0x3f)),
               out[2] = (char)(0x80 | (v & 0x3f)), 3;
    return out[0] = (char)(0xf0 | v >> 18), out[1] = (char)(0x80 | ((v >> 12) & 0x3f)),
           out[2] = (char)(0x80 | ((v >> 6) & 0x3f)), out[3] = (char)(0x80 | (v & 0x3f)), 4;
}

/* What code point v becomes: letters into out (at least 4 bytes, with
 * their length in *n), nothing (marks, apostrophes) or a word break. */
static enum kind map(uint32_t v, char *out, size_t *n)
{
    char one = 0;
    const char *s = NULL;
    if ((v >= 'a' && v <= 'z') || (v >= '0' && v <= '9'))
        one = (char)v;
    else if (v >= 'A' && v <= 'Z')
        one = (char)(v - 'A' + 'a');
    else if (v == '\'' || v == '`' || v == 0xb4 || v == 0x2bb || v == 0x2bc || (v >= 0x2018 && v <= 0x201b))
        return K_NOTHING;                                /* apostrophes: "Mario's" is "Marios" */
    else if (v >= 0x300 && v <= 0x36f)
        return K_NOTHING;                                /* combining marks: i + U+0307 is "i" */
    else if (v < 0xc0 || (v >= 0x2000 && v <= 0x20cf) || v == 0x3000 || v == 0xfeff)
        return K_BREAK;                                  /* punctuation, spaces, signs, currencies */
    else if (v <= 0x17f) {
        if (!(s = LATIN[v - 0xc0]))
            return K_BREAK;                              /* × and ÷ */
    } else if (v >= 0x218 && v <= 0x21b)
        one = v < 0x21a ? 's' : 't';                     /* Romanian ș, ț */
    else if (v == 0x1a0 || v == 0x1a1)
        one = 'o';                                       /* Vietnamese ơ */
    else if (v == 0x1af || v == 0x1b0)
        one = 'u';                                       /* Vietnamese ư */
    else if (v >= 0x1ea0 && v <= 0x1ef9)                 /* Vietnamese letters with two marks */
        one = v <= 0x1eb7 ? 'a' : v <= 0x1ec7 ? 'e' : v <= 0x1ecb ? 'i' : v <= 0x1ee3 ? 'o' : v <= 0x1ef1 ? 'u' : 'y';
    else if (v == 0x1e9e)
        s = "ss";                                        /* capital ẞ */
    if (one) {
        out[0] = one;
        *n = 1;
        return K_LETTERS;
    }
    if (s) {
        *n = strlen(s);
        memcpy(out, s, *n);
        return K_LETTERS;
    }
    /* other scripts stay, their capitals made small where that is one step */
    if ((v >= 0x391 && v <= 0x3a9 && v != 0x3a2) || (v >= 0x410 && v <= 0x42f))
        v += 0x20;                                       /* Greek, Cyrillic */
    else if (v >= 0x400 && v <= 0x40f)
        v += 0x50;
    *n = encode(v, out);
    return K_LETTERS;
}

/* The name's words in their order with every character mapped, single
 * spaces between them. */
static void words(struct buf *out, const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    bool gap = false;
    while (*p) {
        uint32_t v;
        size_t len = decode(p, &v);
        char letters[4];
        size_t n = 0;
        enum kind k = len ? map(v, letters, &n) : K_BREAK;
        p += len ? len : 1;
        if (k == K_BREAK) {
            gap = true;
            continue;
        }
        if (k == K_NOTHING)
            continue;
        if (gap && out->len)
            buf_append(out, " ", 1);
        gap = false;
        buf_append(out, letters, n);
    }
}

/* Length of the word at s (up to a space or the end). */
static size_t word_len(const char *s) { return strcspn(s, " "); }

/* Drops legal forms and filler words: s without every NOISE phrase that
 * stands as whole words. */
static void drop_noise(struct buf *out, const char *s)
{
    while (*s) {
        size_t skip = 0;
        for (size_t i = 0; i < sizeof NOISE / sizeof NOISE[0] && !skip; i++) {
            size_t n = strlen(NOISE[i]);
            if (!strncmp(s, NOISE[i], n) && (s[n] == ' ' || !s[n]))
                skip = n;
        }
        size_t n = skip ? skip : word_len(s);
        if (!skip) {
            if (out->len)
                buf_append(out, " ", 1);
            buf_append(out, s, n);
        }
        s += n;
        if (*s == ' ')
            s++;
    }
}

/* Joins runs of one-letter words: "a b bau" → "ab bau", so "A.B. Bau" and
 * "AB Bau" are one name. */
static void join_letters(struct buf *out, const char *s)
{
    bool prev_single = false;
    while (*s) {
        size_t n = word_len(s);
        if (out->len && !(prev_single && n == 1))
            buf_append(out, " ", 1);
        buf_append(out, s, n);
        prev_single = n == 1;
        s += n;
        if (*s == ' ')
            s++;
    }
}

/* German transliteration undone: "ae", "oe", "ue" become "a", "o", "u",
 * in place, so they match both "ä" (mapped to "a") and a plain "a". Every
 * "e" after them goes ("aee" → "a"), so one pass is all it takes and "äe"
 * and "aee" stay one spelling. */
static void join_digraphs(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        *w++ = *r;
        if (*r == 'a' || *r == 'o' || *r == 'u')
            while (r[1] == 'e')
                r++;
    }
    *w = '\0';
}

void namekey_append(struct buf *out, const char *name)
{
    struct buf key = { 0 };
    words(&key, name ? name : "");
    /* until nothing changes: each step either shortens the key or leaves
     * it alone, and a key that passes unchanged is its own key. Digraphs
     * first, so "ä" and "ae" are one letter before words are dropped or
     * joined. */
    for (;;) {
        struct buf before = { 0 }, dropped = { 0 }, joined = { 0 };
        if (key.len)
            buf_append(&before, key.data, key.len);
        if (before.data) {
            join_digraphs(before.data);
            before.len = strlen(before.data);
        }
        drop_noise(&dropped, before.data ? before.data : "");
        join_letters(&joined, dropped.data ? dropped.data : "");
        bool same = joined.len == key.len && (!key.len || !memcmp(joined.data, key.data, key.len));
        buf_free(&before);
        buf_free(&dropped);
        buf_free(&key);
        key = joined;
        if (same)
            break;
    }
    if (key.len)
        buf_append(out, key.data, key.len);
    buf_free(&key);
}

struct word {
    const char *p;
    size_t n;
};

static int word_cmp(const void *x, const void *y)
{
    const struct word *a = x, *b = y;
    int c = memcmp(a->p, b->p, a->n < b->n ? a->n : b->n);
    return c ? c : (a->n > b->n) - (a->n < b->n);
}

/* The words of key s in a new array sorted (caller frees), their number in
 * *n; NULL when there is no memory or no word. */
static struct word *sorted_words(const char *s, size_t *n)
{
    size_t count = 0;
    for (const char *p = s; *p; count++)
        p += word_len(p) + (p[word_len(p)] ? 1 : 0);
    *n = count;
    struct word *w = count ? malloc(count * sizeof *w) : NULL;
    if (!w)
        return NULL;
    size_t i = 0;
    for (const char *p = s; *p; i++) {
        w[i] = (struct word){ p, word_len(p) };
        p += w[i].n + (p[w[i].n] ? 1 : 0);
    }
    qsort(w, count, sizeof *w, word_cmp);
    return w;
}

bool namekey_same(const char *a, const char *b)
{
    size_t na, nb;
    struct word *wa = sorted_words(a, &na), *wb = sorted_words(b, &nb);
    bool same = wa && wb && na == nb;
    for (size_t i = 0; same && i < na; i++)
        same = word_cmp(&wa[i], &wb[i]) == 0;
    free(wa);
    free(wb);
    return same;
}

bool namekey_resembles(const char *a, const char *b)
{
    if (!*a || !*b)
        return false;
    size_t na = strlen(a), nb = strlen(b);
    if (!strncmp(a, b, na < nb ? na : nb))
        return true;
    int words_a = 0, words_b = 0, shared = 0;
    for (const char *p = a; *p;) {
        size_t w = word_len(p);
        words_a++;
        for (const char *q = b; *q;) {
            size_t v = word_len(q);
            if (v == w && !strncmp(p, q, w)) {
                shared++;
                break;
            }
            q += v + (q[v] ? 1 : 0);
        }
        p += w + (p[w] ? 1 : 0);
    }
    for (const char *q = b; *q; words_b++)
        q += word_len(q) + (q[word_len(q)] ? 1 : 0);
    int fewer = words_a < words_b ? words_a : words_b, more = words_a + words_b - fewer;
    return shared > 0 && (shared == fewer || 2 * shared > more);
}
