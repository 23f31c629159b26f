-- 0006: companies in the area kit's shape. Tags and languages become rows
-- of their own tables (owner_id, pos, value), found through an index
-- instead of by scanning comma-separated text; the town filter gets an
-- index; the search index gets prefix indexes, so a one- or two-letter
-- search does not walk every term.
-- (Rowid tables on purpose: SQLite 3.40's integrity_check misreads NOT NULL
-- columns of STRICT WITHOUT ROWID tables as NULL.) The link tables' shape
-- is the area kit's: (owner_id, pos, value); see src/core/entity.h.

CREATE TABLE company_tags (
    owner_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    pos       INTEGER NOT NULL,
    value     TEXT NOT NULL COLLATE NOCASE CHECK (length(value) BETWEEN 1 AND 40),
    UNIQUE (owner_id, value)
) STRICT;
-- a record's items in their order, read from the index alone
CREATE INDEX company_tags_owner ON company_tags (owner_id, pos, value);
CREATE INDEX company_tags_value ON company_tags (value, owner_id);

CREATE TABLE company_languages (
    owner_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    pos       INTEGER NOT NULL,
    value     TEXT NOT NULL CHECK (length(value) = 2),   -- ISO 639-1
    UNIQUE (owner_id, value)
) STRICT;
CREATE INDEX company_languages_owner ON company_languages (owner_id, pos, value);
CREATE INDEX company_languages_value ON company_languages (value, owner_id);

-- the comma-separated text, item by item and in its order, into rows
WITH RECURSIVE split (owner_id, pos, rest, value) AS (
    SELECT id, -1, tags || ',', NULL FROM companies WHERE tags != ''
    UNION ALL
    SELECT owner_id, pos + 1, substr(rest, instr(rest, ',') + 1), trim(substr(rest, 1, instr(rest, ',') - 1))
    FROM split WHERE rest != ''
)
INSERT OR IGNORE INTO company_tags (owner_id, pos, value)
SELECT owner_id, pos, value FROM split WHERE value IS NOT NULL AND value != '' AND length(value) <= 40;

WITH RECURSIVE split (owner_id, pos, rest, value) AS (
    SELECT id, -1, languages || ',', NULL FROM companies WHERE languages != ''
    UNION ALL
    SELECT owner_id, pos + 1, substr(rest, instr(rest, ',') + 1), trim(substr(rest, 1, instr(rest, ',') - 1))
    FROM split WHERE rest != ''
)
INSERT OR IGNORE INTO company_languages (owner_id, pos, value)
SELECT owner_id, pos, value FROM split WHERE value IS NOT NULL AND length(value) = 2;

ALTER TABLE companies DROP COLUMN tags;
ALTER TABLE companies DROP COLUMN languages;

CREATE INDEX companies_city ON companies (city COLLATE NOCASE);

CREATE VIRTUAL TABLE companies_fts_new USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');
INSERT INTO companies_fts_new (rowid, text) SELECT rowid, text FROM companies_fts;
DROP TABLE companies_fts;
ALTER TABLE companies_fts_new RENAME TO companies_fts;
