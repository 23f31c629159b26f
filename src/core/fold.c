#include "core/fold.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Two-byte UTF-8 letters and what they fold to; the second column is the
 * German transliteration where one exists. */
static const struct {
    const char *utf8;
    const char *base;
    const char *german;
} letters[] = {
    { "ä", "a", "ae" }, { "Ä", "a", "ae" }, { "ö", "o", "oe" }, { "Ö", "o", "oe" }, { "ü", "u", "ue" },
    { "Ü", "u", "ue" }, { "ß", "ss", "ss" }, { "ı", "i", NULL }, { "İ", "i", NULL }, { "ş", "s", NULL },
    { "Ş", "s", NULL }, { "ğ", "g", NULL }, { "Ğ", "g", NULL }, { "ç", "c", NULL }, { "Ç", "c", NULL },
    { "é", "e", NULL }, { "É", "e", NULL }, { "è", "e", NULL }, { "È", "e", NULL }, { "ê", "e", NULL },
    { "ë", "e", NULL }, { "á", "a", NULL }, { "à", "a", NULL }, { "â", "a", NULL }, { "Â", "a", NULL },
    { "ã", "a", NULL }, { "å", "a", NULL }, { "ó", "o", NULL }, { "ò", "o", NULL }, { "ô", "o", NULL },
    { "õ", "o", NULL }, { "ø", "o", NULL }, { "í", "i", NULL }, { "ì", "i", NULL }, { "î", "i", NULL },
    { "Î", "i", NULL }, { "ï", "i", NULL }, { "ú", "u", NULL }, { "ù", "u", NULL }, { "û", "u", NULL },
    { "Û", "u", NULL }, { "ñ", "n", NULL }, { "ć", "c", NULL }, { "č", "c", NULL }, { "Č", "c", NULL },
    { "š", "s", NULL }, { "Š", "s", NULL }, { "ž", "z", NULL }, { "Ž", "z", NULL }, { "ł", "l", NULL },
    { "Ł", "l", NULL }, { "ś", "s", NULL }, { "ń", "n", NULL }, { "ę", "e", NULL }, { "ą", "a", NULL },
    { "ż", "z", NULL }, { "ź", "z", NULL }, { "ă", "a", NULL }, { "ț", "t", NULL }, { "ș", "s", NULL },
};

/* Folds one string; german selects the transliteration where there is one.
 * Returns whether any letter had a transliteration (so a second spelling
 * is worth indexing). */
static int fold_into(struct buf *out, const char *s, int german)
{
    int had_german = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p < 0x80) {
            char c = (char)*p;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            buf_append(out, &c, 1);
            p++;
            continue;
        }
        size_t len = (*p >= 0xf0) ? 4 : (*p >= 0xe0) ? 3 : (*p >= 0xc0) ? 2 : 1;
        const char *repl = NULL;
        for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++) {
            if (strlen(letters[i].utf8) == len && memcmp(letters[i].utf8, p, len) == 0) {
                repl = german && letters[i].german ? letters[i].german : letters[i].base;
                had_german |= letters[i].german != NULL && strcmp(letters[i].german, letters[i].base) != 0;
                break;
            }
        }
        if (repl)
            buf_puts(out, repl);
        else
            for (size_t i = 0; i < len && p[i]; i++)
                buf_append(out, p + i, 1);
        for (size_t i = 0; i < len && *p; i++)
            p++;
    }
    return had_german;
}

void fold_append(struct buf *out, const char *s) { fold_into(out, s, 0); }

void fold_index_append(struct buf *out, const char *s)
{
    if (fold_into(out, s, 0)) {
        buf_puts(out, " ");
        fold_into(out, s, 1);
    }
}

/* Bytes of a word for search: letters and digits, and every byte of a
 * multi-byte character (folded text keeps those). */
static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void fold_fts_query(struct buf *out, const char *q)
{
    struct buf folded = { 0 };
    fold_append(&folded, q ? q : "");
    buf_puts(out, "");
    const unsigned char *p = (const unsigned char *)(folded.data ? folded.data : "");
    int words = 0;
    while (*p && words < 12) {
        while (*p && !is_word_byte(*p))
            p++;
        const unsigned char *start = p;
        while (*p && is_word_byte(*p))
            p++;
        size_t n = (size_t)(p - start);
        if (!n)
            continue;
        if (n > 64)
            n = 64;
        /* a cut inside a character backs off to its first byte */
        while (n && n < (size_t)(p - start) && (start[n] & 0xc0) == 0x80)
            n--;
        if (!n)
            continue;
        buf_printf(out, "%s\"%.*s\"*", words ? " " : "", (int)n, (const char *)start);
        words++;
    }
    buf_free(&folded);
}

/* Text as words only: folded, every run of other bytes one space, none at
 * either end, and without words of one letter (the endings of
 * "Medizinische/r Fachangestellte/r"): "Kfz-Mechatroniker/-in" -> "kfz
 * mechatroniker in". */
static void words_of(struct buf *out, const char *s)
{
    struct buf folded = { 0 };
    fold_append(&folded, s ? s : "");
    const unsigned char *p = (const unsigned char *)(folded.data ? folded.data : "");
    while (*p) {
        while (*p && !is_word_byte(*p))
            p++;
        const unsigned char *start = p;
        while (*p && is_word_byte(*p))
            p++;
        size_t n = (size_t)(p - start);
        if (n < 2)
            continue;
        if (out->len)
            buf_puts(out, " ");
        buf_append(out, start, n);
    }
    buf_free(&folded);
}

/* True when the words w (n bytes) are in the space-separated words of
 * added already, as whole words. */
static bool has_words(const struct buf *added, const char *w, size_t n)
{
    const char *hay = added->data ? added->data : "";
    for (const char *p = strstr(hay, w); p; p = strstr(p + 1, w)) {
        bool start = p == hay || p[-1] == ' ';
        bool end = p[n] == ' ' || p[n] == '\0';
        if (start && end && strncmp(p, w, n) == 0)
            return true;
    }
    return false;
}

/* Adds the n bytes at w to added as words, unless they are there. */
static void add_words(struct buf *added, const char *w, size_t n)
{
    if (!n)
        return;
    char *copy = strndup(w, n);
    if (!copy)
        return;
    if (!has_words(added, copy, n)) {
        buf_puts(added, " ");
        buf_append(added, copy, n);
    }
    free(copy);
}

void fold_synonyms_append(struct buf *out, const char *text, const struct fold_synonym *syn, size_t n)
{
    struct buf words = { 0 }, added = { 0 };
    words_of(&words, text);
    const char *t = words.data ? words.data : "";
    for (size_t i = 0; i < n && *t; i++) {
        struct buf long_form = { 0 }, brief = { 0 };
        words_of(&long_form, syn[i].words);
        words_of(&brief, syn[i].brief);
        if (!long_form.len || !brief.len) {
            buf_free(&long_form);
            buf_free(&brief);
            continue;
        }
        /* the words, from the start of a word; the last may run on */
        for (const char *p = strstr(t, long_form.data); p; p = strstr(p + 1, long_form.data)) {
            if (p != t && p[-1] != ' ')
                continue;
            add_words(&added, brief.data, brief.len);
            const char *rest = p + long_form.len, *end = rest;
            while (*end && *end != ' ')
                end++;
            add_words(&added, rest, (size_t)(end - rest));
        }
        /* the abbreviation as a word of its own */
        for (const char *p = strstr(t, brief.data); p; p = strstr(p + 1, brief.data)) {
            char after = p[brief.len];
            if ((p == t || p[-1] == ' ') && (after == ' ' || after == '\0'))
                add_words(&added, long_form.data, long_form.len);
        }
        buf_free(&long_form);
        buf_free(&brief);
    }
    if (added.len)
        buf_append(out, added.data, added.len);
    buf_free(&added);
    buf_free(&words);
}
