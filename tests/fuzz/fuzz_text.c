/* fuzz_text: text_valid and text_chars, checked against a reference written
 * from the Unicode standard's table of well-formed UTF-8 byte sequences
 * (Table 3-7), not from code point arithmetic like the code under test. */
#include "core/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the well-formed sequence at s[0..n), or 0 when ill-formed. */
static size_t ref_seq(const uint8_t *s, size_t n, uint32_t *cp)
{
    uint8_t b0 = s[0];
    if (b0 <= 0x7f) {
        *cp = b0;
        return 1;
    }
    uint8_t lo2 = 0x80, hi2 = 0xbf;
    size_t len;
    if (b0 >= 0xc2 && b0 <= 0xdf)
        len = 2;
    else if (b0 == 0xe0)
        len = 3, lo2 = 0xa0;
    else if ((b0 >= 0xe1 && b0 <= 0xec) || b0 == 0xee || b0 == 0xef)
        len = 3;
    else if (b0 == 0xed)
        len = 3, hi2 = 0x9f;
    else if (b0 == 0xf0)
        len = 4, lo2 = 0x90;
    else if (b0 >= 0xf1 && b0 <= 0xf3)
        len = 4;
    else if (b0 == 0xf4)
        len = 4, hi2 = 0x8f;
    else
        return 0;
    if (n < len || s[1] < lo2 || s[1] > hi2)
        return 0;
    for (size_t k = 2; k < len; k++)
        if (s[k] < 0x80 || s[k] > 0xbf)
            return 0;
    static const uint8_t mask[] = { 0, 0, 0x1f, 0x0f, 0x07 };
    uint32_t c = b0 & mask[len];
    for (size_t k = 1; k < len; k++)
        c = c << 6 | (s[k] & 0x3f);
    *cp = c;
    return len;
}

static int allowed_char(uint32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r')
        return 1;
    if (cp < 0x20 || cp == 0x7f)
        return 0;       /* C0 controls and DEL */
    if (cp >= 0x80 && cp <= 0x9f)
        return 0;       /* C1 controls */
    return 1;
}

/* Returns validity; *chars gets the code point count when valid. */
static int ref_valid(const uint8_t *s, size_t n, size_t *chars)
{
    size_t i = 0, count = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = ref_seq(s + i, n - i, &cp);
        if (!len || !allowed_char(cp))
            return 0;
        i += len;
        count++;
    }
    *chars = count;
    return 1;
}

static void dump_and_abort(const char *what, const uint8_t *data, size_t size)
{
    fprintf(stderr, "fuzz_text: %s for input of %zu bytes:", what, size);
    for (size_t i = 0; i < size && i < 64; i++)
        fprintf(stderr, " %02x", data[i]);
    fprintf(stderr, "\n");
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t ref_chars = 0;
    int want = ref_valid(data, size, &ref_chars);
    int got = text_valid(s, size);
    if (want != got)
        dump_and_abort(got ? "text_valid accepts ill-formed or control text"
                           : "text_valid rejects valid text", data, size);
    size_t chars = text_chars(s, size); /* defined for valid text, must not crash on any */
    if (chars > size)
        dump_and_abort("text_chars counts more characters than bytes", data, size);
    if (want && chars != ref_chars)
        dump_and_abort("text_chars miscounts valid text", data, size);
    /* the age of a birth date on a day (both any text): never a crash, and
     * on the day of birth 0 when the date is one */
    if (size >= 20 && memchr(data, 0, 20) == NULL) {
        char birth[11], day[11];
        memcpy(birth, data, 10);
        memcpy(day, data + 10, 10);
        birth[10] = day[10] = '\0';
        int age = text_age_on(birth, day);
        if (age < -1 || age > 10000)
            dump_and_abort("text_age_on out of range", data, size);
        int same = text_age_on(birth, birth);
        if (same != 0 && same != -1)
            dump_and_abort("text_age_on: not 0 on the day of birth", data, size);
    }
    /* every prefix is checked too: truncation at each byte boundary */
    if (size <= 16)
        for (size_t n = 0; n < size; n++) {
            size_t c;
            if (ref_valid(data, n, &c) != (int)text_valid(s, n))
                dump_and_abort("text_valid disagrees on a prefix", data, n);
        }
    return 0;
}
