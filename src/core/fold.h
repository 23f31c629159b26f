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

#endif
