/* fuzz_json_body: body_json_decode, the decoder of JSON request bodies.
 * Must never crash; ERR_NONE means an object (every string valid text within
 * the field limit, every key at most 64 bytes); any error leaves *out NULL
 * and both message buffers NUL-terminated. The field limit changes with the
 * input's length so both the "too long" and the "fits" paths run. */
#include "core/body.h"
#include "core/text.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t limit;

static void check_strings(json_t *v, int depth)
{
    size_t i;
    const char *k;
    json_t *item;
    switch (json_typeof(v)) {
    case JSON_STRING:
        if (json_string_length(v) > limit || !text_valid(json_string_value(v), json_string_length(v)))
            abort();
        break;
    case JSON_ARRAY:
        json_array_foreach(v, i, item) check_strings(item, depth + 1);
        break;
    case JSON_OBJECT:
        json_object_foreach(v, k, item) {
            if (strlen(k) > 64 || !text_valid(k, strlen(k)))
                abort();
            check_strings(item, depth + 1);
        }
        break;
    default:
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t limits[] = { 8, 64, 1024, 64 * 1024 };
    limit = limits[size % 4];
    body_configure(limit);

    json_t *out = (json_t *)data; /* must be reset to NULL on error */
    char bad[64], detail[256];
    memset(bad, 'x', sizeof bad);
    memset(detail, 'x', sizeof detail);
    enum err e = body_json_decode((const char *)data, size, &out, bad, sizeof bad, detail, sizeof detail);
    if (!memchr(bad, '\0', sizeof bad) || !memchr(detail, '\0', sizeof detail))
        abort();
    if (e == ERR_NONE) {
        if (!json_is_object(out) || bad[0] || detail[0])
            abort();
        check_strings(out, 0);
        /* the result must survive a round trip, as the handlers will use it */
        char *dump = json_dumps(out, JSON_COMPACT);
        if (!dump)
            abort();
        free(dump);
        json_decref(out);
    } else {
        if (out != NULL)
            abort();
        if (e != ERR_BAD_REQUEST && e != ERR_INVALID)
            abort();
    }
    return 0;
}
