/* decode: the JSON body decoder, the field validators and search folding:
 * everything that turns client text into values. */
#include "suites.h"

#include "app/places.h"
#include "core/body.h"
#include "core/fold.h"
#include "core/validate.h"

#include <stdlib.h>
#include <string.h>

static enum err decode(const char *text, json_t **out, char *bad)
{
    char detail[256];
    return body_json_decode(text, strlen(text), out, bad, 64, detail, sizeof detail);
}

START_TEST(json_object_decodes)
{
    json_t *doc;
    char bad[64];
    body_configure(64 * 1024);
    ck_assert_int_eq(decode("{\"name\":\"B\xc3\xa4\x63kerei\",\"languages\":[\"de\",\"tr\"],\"n\":3}", &doc, bad),
                     ERR_NONE);
    ck_assert_str_eq(json_string_value(json_object_get(doc, "name")), "B\xc3\xa4\x63kerei");
    ck_assert_int_eq(json_array_size(json_object_get(doc, "languages")), 2);
    json_decref(doc);
}
END_TEST

START_TEST(json_refusals)
{
    json_t *doc = NULL;
    char bad[64];
    body_configure(16);
    ck_assert_int_eq(decode("[1,2]", &doc, bad), ERR_BAD_REQUEST);               /* not an object */
    ck_assert_int_eq(decode("{\"a\":", &doc, bad), ERR_BAD_REQUEST);             /* broken */
    ck_assert_int_eq(decode("{\"a\":1,\"a\":2}", &doc, bad), ERR_BAD_REQUEST);   /* duplicate key */
    ck_assert_int_eq(decode("{\"a\":\"\\u0001\"}", &doc, bad), ERR_BAD_REQUEST); /* control character */
    ck_assert_str_eq(bad, "a");
    ck_assert_int_eq(decode("{\"a\":\"\\u0000\"}", &doc, bad), ERR_BAD_REQUEST); /* NUL */
    ck_assert_int_eq(decode("{\"a\":\"\xff\"}", &doc, bad), ERR_BAD_REQUEST);    /* bad UTF-8 */
    ck_assert_int_eq(decode("{\"long\":\"12345678901234567\"}", &doc, bad), ERR_INVALID); /* over the cap */
    ck_assert_str_eq(bad, "long");
    ck_assert_int_eq(decode("{\"x\":[\"12345678901234567\"]}", &doc, bad), ERR_BAD_REQUEST); /* nested too */
    ck_assert_ptr_null(doc);
}
END_TEST

/* A request with just enough in it for validate_fields. */
static struct req *fake(const char *json)
{
    struct req *r = calloc(1, sizeof *r);
    r->fields = json_loads(json, 0, NULL);
    ck_assert_ptr_nonnull(r->fields);
    r->lang = "de";
    return r;
}

static void drop(struct req *r)
{
    json_decref(r->fields);
    json_decref(r->err_fields);
    free(r);
}

START_TEST(validate_clean_values)
{
    static const char *const values[] = { "red", "green", NULL };
    static struct choices colours = { .key = "colour", .values = values };
    const struct field_rule rules[] = {
        { .name = "name", .type = V_TEXT, .required = true, .min = 1, .max = 5 },
        { .name = "email", .type = V_EMAIL },
        { .name = "colour", .type = V_ENUM, .choices = &colours },
        { .name = "n", .type = V_INT, .min = 0, .max = 10 },
        { .name = "on", .type = V_BOOL },
        { .name = "day", .type = V_DATE },
        { .name = "plz", .type = V_TEXT, .check = places_check_plz },
        { .name = "langs", .type = V_LANGS },
        { .name = "tags", .type = V_TAGS },
        { .name = "web", .type = V_URL },
        { .name = "missing", .type = V_TEXT },
    };
    struct req *r = fake("{\"name\":\"  Ali \",\"email\":\"A@B.DE\",\"colour\":\"red\",\"n\":\"7\",\"on\":\"on\","
                         "\"day\":\"2028-02-29\",\"plz\":\"63065\",\"langs\":\"DE, tr ar\",\"tags\":[\"x\",\"y\",\"x\"],"
                         "\"web\":\"www.example.de\"}");
    json_t *out;
    ck_assert_int_eq(validate_fields(r, rules, sizeof rules / sizeof rules[0], &out), 0);
    ck_assert_str_eq(json_string_value(json_object_get(out, "name")), "Ali");
    ck_assert_str_eq(json_string_value(json_object_get(out, "email")), "a@b.de");
    ck_assert_int_eq(json_integer_value(json_object_get(out, "n")), 7);
    ck_assert(json_is_true(json_object_get(out, "on")));
    ck_assert_int_eq(json_array_size(json_object_get(out, "langs")), 3);
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(out, "langs"), 0)), "de");
    ck_assert_int_eq(json_array_size(json_object_get(out, "tags")), 2);
    ck_assert_str_eq(json_string_value(json_object_get(out, "web")), "https://www.example.de");
    ck_assert(json_is_null(json_object_get(out, "missing")));
    json_decref(out);
    drop(r);
}
END_TEST

START_TEST(validate_names_every_problem)
{
    static const char *const values[] = { "red", NULL };
    static struct choices colours = { .key = "colour", .values = values };
    const struct field_rule rules[] = {
        { .name = "name", .type = V_TEXT, .required = true, .max = 3 },
        { .name = "email", .type = V_EMAIL },
        { .name = "colour", .type = V_ENUM, .choices = &colours },
        { .name = "n", .type = V_INT, .min = 0, .max = 10 },
        { .name = "day", .type = V_DATE },
        { .name = "plz", .type = V_TEXT, .check = places_check_plz },
        { .name = "langs", .type = V_LANGS },
        { .name = "web", .type = V_URL },
        { .name = "phone", .type = V_PHONE },
        { .name = "req", .type = V_TEXT, .required = true },
    };
    struct req *r = fake("{\"name\":\"long\",\"email\":\"a@b\",\"colour\":\"blue\",\"n\":11,\"day\":\"2027-02-29\","
                         "\"plz\":\"6306\",\"langs\":\"de,xx\",\"web\":\"javascript:alert(1)\",\"phone\":\"call me\"}");
    json_t *out;
    ck_assert_int_eq(validate_fields(r, rules, sizeof rules / sizeof rules[0], &out), -1);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(r->err, ERR_INVALID);
    const char *names[] = { "name", "email", "colour", "n", "day", "plz", "langs", "web", "phone", "req" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        ck_assert_msg(json_object_get(r->err_fields, names[i]) != NULL, "no problem named for %s", names[i]);
    drop(r);
}
END_TEST

static char *fts(const char *q)
{
    struct buf b = { 0 };
    fold_fts_query(&b, q);
    return buf_steal(&b);
}

START_TEST(fold_letters)
{
    struct buf b = { 0 };
    fold_append(&b, "M\xc3\xbcller Y\xc4\xb1lmaz \xc5\x9e" "ahin \xc4\xb0stanbul STRA\xc3\x9f" "E");
    ck_assert_str_eq(b.data, "muller yilmaz sahin istanbul strasse");
    buf_free(&b);
    fold_index_append(&b, "M\xc3\xbcller");
    ck_assert_str_eq(b.data, "muller mueller");
    buf_free(&b);
}
END_TEST

START_TEST(fts_query_is_inert)
{
    char *q = fts("B\xc3\xa4\x63k \"x\" OR y*");
    ck_assert_str_eq(q, "\"back\"* \"x\"* \"or\"* \"y\"*");
    free(q);
    q = fts("\"'*()^:-");
    ck_assert_str_eq(q, "");
    free(q);
    q = fts("NEAR(a b)");
    ck_assert_str_eq(q, "\"near\"* \"a\"* \"b\"*");
    free(q);
}
END_TEST

Suite *decode_suite(void)
{
    Suite *s = suite_create("decode");
    TCase *tc = tcase_create("decode");
    tcase_add_test(tc, json_object_decodes);
    tcase_add_test(tc, json_refusals);
    tcase_add_test(tc, validate_clean_values);
    tcase_add_test(tc, validate_names_every_problem);
    tcase_add_test(tc, fold_letters);
    tcase_add_test(tc, fts_query_is_inert);
    suite_add_tcase(s, tc);
    return s;
}
