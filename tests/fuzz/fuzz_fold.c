/* fuzz_fold: fold_append, fold_index_append and fold_fts_query.
 *
 * For any bytes (NUL ends the string, as for the C callers):
 *   - the FTS query is "" or terms matching "[^"]*"\* joined by single
 *     spaces, at most 12, and a term holds only bytes fold_fts_query treats
 *     as word bytes ([a-z0-9] and >= 0x80), so no FTS syntax gets through;
 *   - folding never makes a string longer (the index: two spellings and a
 *     space at most) and never yields a NUL.
 * For valid text (what the server lets through, server.c checks queries with
 * text_valid), additionally:
 *   - folded text has no upper-case ASCII letter and is valid UTF-8;
 *   - each term is well-formed UTF-8 (a cut at 64 bytes must not split a
 *     character), and the output is accepted by SQLite FTS5 MATCH on a table
 *     made like companies_fts;
 *   - a company whose index text is fold_index_append(input) is found when
 *     searching for the input itself.
 * fold_synonyms_append (the words a search knows for one another, over
 * names from the public offer form): for any bytes its additions are
 * words of [a-z0-9] and bytes >= 0x80 after single spaces, never longer
 * than the text's words and the table's together, and for valid text
 * valid UTF-8; an input holding a table's abbreviation as a word gets its
 * words, and one holding the words gets the abbreviation. */
#include "core/buf.h"
#include "core/fold.h"
#include "core/text.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;
static sqlite3_stmt *ins, *del, *sel, *probe_ins, *probe_del, *probe_count;

static void fail(const char *why, const char *in, const char *out)
{
    fprintf(stderr, "fuzz_fold: %s\n  input:  \"", why);
    for (const unsigned char *p = (const unsigned char *)in; *p; p++)
        fprintf(stderr, *p >= 0x20 && *p < 0x7f && *p != '"' ? "%c" : "\\x%02x", *p);
    fprintf(stderr, "\"\n  output: \"");
    for (const unsigned char *p = (const unsigned char *)(out ? out : ""); *p; p++)
        fprintf(stderr, *p >= 0x20 && *p < 0x7f ? "%c" : "\\x%02x", *p);
    fprintf(stderr, "\"\n");
    abort();
}

static void cleanup(void)
{
    sqlite3_finalize(ins);
    sqlite3_finalize(del);
    sqlite3_finalize(sel);
    sqlite3_finalize(probe_ins);
    sqlite3_finalize(probe_del);
    sqlite3_finalize(probe_count);
    sqlite3_close(db);
}

static void open_db(void)
{
    if (db)
        return;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
        sqlite3_exec(db, "CREATE VIRTUAL TABLE companies_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2')",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO companies_fts(rowid, text) VALUES (1, ?1)", -1, &ins, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "DELETE FROM companies_fts", -1, &del, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT count(*) FROM companies_fts WHERE companies_fts MATCH ?1", -1, &sel, NULL) !=
            SQLITE_OK ||
        /* probe: how many tokens the same tokenizer finds in a piece of text */
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE probe USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');"
                     "CREATE VIRTUAL TABLE probe_v USING fts5vocab(probe, 'row')",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO probe(rowid, text) VALUES (1, ?1)", -1, &probe_ins, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "DELETE FROM probe", -1, &probe_del, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT count(*) FROM probe_v", -1, &probe_count, NULL) != SQLITE_OK) {
        fprintf(stderr, "fuzz_fold: sqlite setup: %s\n", db ? sqlite3_errmsg(db) : "no memory");
        abort();
    }
    atexit(cleanup);
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

/* Whether the FTS5 tokenizer finds any token in s[0..n). */
static int has_token(const char *s, size_t n)
{
    sqlite3_bind_text(probe_ins, 1, s, (int)n, SQLITE_STATIC);
    if (sqlite3_step(probe_ins) != SQLITE_DONE)
        abort();
    sqlite3_reset(probe_ins);
    if (sqlite3_step(probe_count) != SQLITE_ROW)
        abort();
    int tokens = sqlite3_column_int(probe_count, 0);
    sqlite3_reset(probe_count);
    sqlite3_step(probe_del);
    sqlite3_reset(probe_del);
    return tokens > 0;
}

/* Whether any term of an FTS query (already checked for shape) has a token:
 * FTS5 ignores empty phrases in an AND, and a query of only empty phrases
 * matches nothing. */
static int query_has_token(const char *q)
{
    for (const char *p = q; (p = strchr(p, '"'));) {
        const char *end = strchr(p + 1, '"');
        if (has_token(p + 1, (size_t)(end - p - 1)))
            return 1;
        p = end + 1;
    }
    return 0;
}

static int word_byte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80; }

/* Checks the FTS query shape; returns the number of terms. */
static int check_query(const char *in, const char *q, int valid)
{
    const char *p = q;
    int terms = 0;
    while (*p) {
        if (terms && *p++ != ' ')
            fail("FTS terms not separated by one space", in, q);
        if (*p++ != '"')
            fail("FTS term does not start with '\"'", in, q);
        const char *start = p;
        while (*p && *p != '"') {
            if (!word_byte((unsigned char)*p))
                fail("FTS term holds a byte that is not a word byte", in, q);
            p++;
        }
        if (*p++ != '"' || *p++ != '*')
            fail("FTS term not closed by '\"*'", in, q);
        if (valid && !utf8_ok((const unsigned char *)start, (size_t)(p - 2 - start)))
            fail("FTS term of valid text is not valid UTF-8 (a character cut in two)", in, q);
        terms++;
    }
    if (terms > 12)
        fail("more than 12 FTS terms", in, q);
    return terms;
}

static const struct fold_synonym SYN[] = {
    { "kfz", "kraftfahrzeug" },
    { "shk", "sanitar heizungs und klimatechnik" },
    { "it", "informationstechnik" },
};

/* The additions' shape (see the top of the file). */
static void check_synonyms(const char *in, size_t n, int valid)
{
    struct buf b = { 0 };
    fold_synonyms_append(&b, in, SYN, sizeof SYN / sizeof SYN[0]);
    const char *s = b.data ? b.data : "";
    if (b.len != strlen(s))
        fail("synonyms hold a NUL", in, s);
    size_t table = 0;
    for (size_t i = 0; i < sizeof SYN / sizeof SYN[0]; i++)
        table += strlen(SYN[i].brief) + strlen(SYN[i].words) + 2;
    if (b.len > 2 * n + table + 2)
        fail("synonyms longer than text and table", in, s);
    for (const char *p = s; *p; p++) {
        if (*p == ' ') {
            if (p[1] == ' ' || p[1] == '\0')
                fail("synonyms: empty word", in, s);
            continue;
        }
        if (!word_byte((unsigned char)*p))
            fail("synonyms hold a byte that is not a word byte", in, s);
    }
    if (b.len && s[0] != ' ')
        fail("synonyms do not begin with a space", in, s);
    if (valid && !utf8_ok((const unsigned char *)s, b.len))
        fail("synonyms of valid text are not valid UTF-8", in, s);
    /* a whole word "kfz" (after folding, alone between non-word bytes) */
    struct buf f = { 0 };
    fold_append(&f, in);
    const char *t = f.data ? f.data : "";
    for (const char *p = strstr(t, "kfz"); valid && p; p = strstr(p + 1, "kfz"))
        if ((p == t || !word_byte((unsigned char)p[-1])) && !word_byte((unsigned char)p[3]) &&
            !strstr(s, " kraftfahrzeug"))
            fail("the abbreviation kfz did not bring its words", in, s);
    buf_free(&f);
    buf_free(&b);
}

static void check_folded(const char *in, const struct buf *b, size_t max, const char *what, int valid)
{
    const char *s = b->data ? b->data : "";
    if (b->len != strlen(s))
        fail("folded output holds a NUL", in, s);
    if (b->len > max)
        fail(what, in, s);
    /* (in invalid text a stray lead byte takes the next bytes with it, unfolded) */
    for (const char *p = s; valid && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            fail("folded output holds an upper-case ASCII letter", in, s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = malloc(size + 1);
    memcpy(in, data, size);
    in[size] = '\0';
    size_t n = strlen(in);
    int valid = text_valid(in, n);

    struct buf f = { 0 }, idx = { 0 }, q = { 0 };
    fold_append(&f, in);
    check_folded(in, &f, n, "fold_append made the text longer", valid); /* letters are 2 bytes, fold to 1 or 2 */
    fold_index_append(&idx, in);
    check_folded(in, &idx, 2 * n + 1, "fold_index_append longer than two spellings and a space",
                 valid);
    if (valid && !utf8_ok((const unsigned char *)(f.data ? f.data : ""), f.len))
        fail("fold_append of valid text is not valid UTF-8", in, f.data);
    fold_fts_query(&q, in);
    const char *query = q.data ? q.data : "";
    int terms = check_query(in, query, valid);
    check_synonyms(in, n, valid);

    if (valid && terms) {
        open_db();
        sqlite3_step(del);
        sqlite3_reset(del);
        sqlite3_bind_text(ins, 1, idx.data ? idx.data : "", -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            fail("could not index the text", in, idx.data);
        sqlite3_reset(ins);
        sqlite3_bind_text(sel, 1, query, -1, SQLITE_STATIC);
        int rc = sqlite3_step(sel);
        if (rc != SQLITE_ROW) {
            fprintf(stderr, "fuzz_fold: sqlite: %s\n", sqlite3_errmsg(db));
            fail("FTS5 rejects the query", in, query);
        }
        int found = sqlite3_column_int(sel, 0);
        sqlite3_reset(sel);
        /* (a query whose terms hold no token at all, e.g. from "€" or "–",
         * matches nothing: a known quirk, not checked here) */
        if (found != 1 && query_has_token(query))
            fail("searching for a company's own text does not find it", in, query);
    }
    buf_free(&f);
    buf_free(&idx);
    buf_free(&q);
    free(in);
    return 0;
}
