/* body: decodes request bodies (urlencoded and multipart through MHD's post
 * processor, JSON through Jansson) into one field map, r->fields: an object
 * whose values are strings, or arrays of strings for repeated form keys; a
 * JSON body keeps its own value types. Every string is checked to be valid
 * text (text_valid) and within the field limit. Problems set r->err; the
 * rest of the body is then read and dropped. */
#ifndef CORE_BODY_H
#define CORE_BODY_H

#include "core/http.h"

/* Sets the per-field cap in bytes for all later requests. */
void body_configure(size_t field_limit);

/* Looks at Content-Type and prepares the decoder. */
void body_begin(struct req *r);
/* Feeds the next chunk (counted against r->body_limit). */
void body_feed(struct req *r, const char *data, size_t n);
/* Completes decoding after the last chunk. */
void body_end(struct req *r);
/* The JSON decoder on its own (pure, for tests and fuzzing): a JSON object
 * whose every string is valid text within the field limit. ERR_NONE with
 * *out set (caller owns), or the error with the offending top-level key in
 * bad_field and a parser message in detail (both "" when none). */
enum err body_json_decode(const char *data, size_t len, json_t **out, char *bad_field, size_t bad_size,
                          char *detail, size_t detail_size);

/* True when the body came as an HTML form (urlencoded or multipart), where
 * an unticked checkbox is simply left out. */
bool body_is_form(const struct req *r);

/* Frees decoder state (fields are freed with the request). */
void body_free(struct req *r);

#endif
