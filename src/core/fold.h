/* fold: text folded for search, so that people find names the way they type
 * them: case-insensitive, and forgiving of German and Turkish letters
 * ("muller" finds Müller, "yilmaz" finds Yılmaz, "bäck" finds Bäckerei). */
#ifndef CORE_FOLD_H
#define CORE_FOLD_H

#include "core/buf.h"

/* Appends s folded: lowercase, letters with diacritics to their base letter
 * (ä→a, ı→i, ş→s, ß→ss, ...). Anything else passes through. */
void fold_append(struct buf *out, const char *s);

/* Appends s folded as above and, when the German spelling with "ae", "oe",
 * "ue" differs, that spelling too, so "Mueller" and "Muller" both find
 * Müller. For search indexes. */
void fold_index_append(struct buf *out, const char *s);

/* Turns free text typed by a user into a safe FTS5 MATCH expression: every
 * word folded, quoted and made a prefix ("bäck mül" → "back"* "mul"*).
 * Writes "" when nothing searchable remains. Never produces FTS syntax from
 * the input itself. */
void fold_fts_query(struct buf *out, const char *q);

/* An abbreviation and the words it stands for, as people search them:
 * "kfz" for "kraftfahrzeug", "shk" for "sanitar heizungs und klimatechnik".
 * Both folded (fold_append) and in words only (letters and digits
 * separated by single spaces). The table is the caller's (the
 * application keeps it as data). */
struct fold_synonym {
    const char *brief;
    const char *words;
};

/* Appends to a search index's text what the abbreviations add to text
 * (any text; folded and cut into words here), each addition after a
 * space and once only:
 *   - where text has the words, beginning at the start of a word, the
 *     abbreviation; and when the last word runs on ("kraftfahrzeug" in
 *     "kraftfahrzeugmechatroniker"), the rest of it as a word of its own,
 *     so "kfz mechatroniker" finds Kraftfahrzeugmechatroniker;
 *   - where text has the abbreviation as a word of its own, the words.
 * Never produces FTS syntax: only [a-z0-9] and bytes >= 0x80 from the
 * folded text or the table, and spaces. */
void fold_synonyms_append(struct buf *out, const char *text, const struct fold_synonym *syn, size_t n);

#endif
