/* fuzz_forwarded: text_forwarded_for on X-Forwarded-For values. What it
 * accepts is one address that inet_pton parses and that is already in
 * canonical form (so logs and sessions only ever hold such text); what it
 * refuses leaves the buffer untouched. */
#include "core/text.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *xff = malloc(size + 1);
    if (!xff)
        abort();
    memcpy(xff, data, size);
    xff[size] = '\0';
    char ip[INET6_ADDRSTRLEN] = "unchanged";
    int rc = text_forwarded_for(xff, ip, sizeof ip);
    if (rc == -1) {
        if (strcmp(ip, "unchanged") != 0)
            abort();
    } else if (rc == 0) {
        unsigned char bin[sizeof(struct in6_addr)];
        char again[INET6_ADDRSTRLEN];
        int family = strchr(ip, ':') ? AF_INET6 : AF_INET;
        if (inet_pton(family, ip, bin) != 1 || !inet_ntop(family, bin, again, sizeof again) ||
            strcmp(again, ip) != 0 || strpbrk(ip, " ,\t\r\n")) {
            fprintf(stderr, "fuzz_forwarded: \"%s\" from \"%s\"\n", ip, xff);
            abort();
        }
    } else {
        abort();
    }
    free(xff);
    return 0;
}
