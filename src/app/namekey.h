/* namekey: what tells company names apart, for the warning about a company
 * that may already be there. "Baeckerei Yilmaz GmbH", "BÄCKEREI YILMAZ" and
 * "Bäckerei Yılmaz e.K." are one company written three ways: the key of a
 * name forgets the ways (case, diacritics, German ae/oe/ue/ss, Turkish
 * dotted and dotless i, punctuation, legal forms) and keeps the words.
 * Pure functions over strings, no database: the stored key of a company
 * (companies.name_key) is made here. */
#ifndef APP_NAMEKEY_H
#define APP_NAMEKEY_H

#include "core/buf.h"

#include <stdbool.h>

/* Appends the key of name (UTF-8; other bytes count as separators) to out:
 * its words in their order, lowercase, single spaces between them and none
 * around, each letter with a diacritic as its base letter (ä, á, ą → a;
 * ı, İ, I → i; ß, ẞ → ss; æ → ae), combining marks and apostrophes
 * dropped, then ae/oe/ue as a/o/u (so "Baeckerei" = "Bäckerei" =
 * "Backerei"), runs of single letters joined ("e. K." → "ek", "A.B." →
 * "ab"), and legal forms and filler words dropped (GmbH, UG
 * (haftungsbeschränkt), GmbH & Co. KG, e.K., e.V., AG, GbR, OHG, Inh.,
 * und, der, ...). Letters of other scripts stay as they are. The key is
 * never longer than name, and the key of a key is itself. */
void namekey_append(struct buf *out, const char *name);

/* Whether two keys hold the same words, in any order ("backerei yilmaz"
 * and "yilmaz backerei"): the same company. */
bool namekey_same(const char *a, const char *b);

/* Whether two keys resemble each other: one starts with the other, every
 * word of the shorter is in the longer ("yilmaz" and "backerei yilmaz"),
 * or more than half of the words are shared, in any order. An empty key
 * resembles nothing. */
bool namekey_resembles(const char *a, const char *b);

#endif
