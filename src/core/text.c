#include "core/text.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

bool text_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                return false;
            i++;
            continue;
        }
        size_t len;
        uint32_t cp;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        /* C1 control characters */
        if (cp >= 0x80 && cp <= 0x9f)
            return false;
        i += len;
    }
    return true;
}

size_t text_chars(const char *str, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)str[i] & 0xc0) != 0x80)
            count++;
    return count;
}

void text_local_day(int offset, char out[11])
{
    time_t t = time(NULL) + (time_t)offset * 86400;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Only the proxy's own entry is believed; a lone address, nothing more, so
 * a client cannot smuggle text into logs through this header. */
int text_forwarded_for(const char *xff, char *buf, size_t n)
{
    const char *last = strrchr(xff, ',');
    last = last ? last + 1 : xff;
    while (*last == ' ' || *last == '\t')
        last++;
    char text[INET6_ADDRSTRLEN];
    size_t len = strcspn(last, " \t");
    if (len == 0 || len >= sizeof text || last[len + strspn(last + len, " \t")] != '\0')
        return -1; /* empty, too long, or more than one word */
    memcpy(text, last, len);
    text[len] = '\0';
    unsigned char bin[sizeof(struct in6_addr)];
    int family = strchr(text, ':') ? AF_INET6 : AF_INET;
    char out[INET6_ADDRSTRLEN];
    if (inet_pton(family, text, bin) != 1 || !inet_ntop(family, bin, out, sizeof out) || strlen(out) >= n)
        return -1;
    memcpy(buf, out, strlen(out) + 1);
    return 0;
}

/* Phones show as typed ("069 123 456"); a link must dial, so it keeps what
 * a tel: URI may carry: a leading + and the digits (RFC 3966 has no spaces). */
bool text_tel_number(const char *phone, char *out, size_t n)
{
    if (!phone || n < 2)
        return false;
    size_t len = 0, digits = 0;
    const char *p = phone + strspn(phone, " \t");
    if (*p == '+')
        out[len++] = *p++;
    for (; *p && len + 1 < n; p++)
        if (*p >= '0' && *p <= '9') {
            out[len++] = *p;
            digits++;
        }
    out[len] = '\0';
    return digits >= 3 && !*p;
}

/* Whole years from birth to day, both "YYYY-MM-DD" (checked only for
 * shape): a birthday counts from its day on; one on 29 February counts
 * from 1 March in other years. */
int text_age_on(const char *birth, const char *day)
{
    int by, bm, bd, y, m, d;
    if (!birth || !day || strlen(birth) != 10 || strlen(day) != 10 ||
        sscanf(birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 || sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    if (bm < 1 || bm > 12 || bd < 1 || bd > 31 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    int age = y - by;
    if (m < bm || (m == bm && d < bd))
        age--;
    return age < 0 ? -1 : age;
}
