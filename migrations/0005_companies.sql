-- 0005: companies (Betriebe), their contact persons, activities with them,
-- and the search index over companies.

-- AUTOINCREMENT: an id is never given out again after a deletion, so old
-- links and the audit log's object ids keep meaning one company.
CREATE TABLE companies (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    name                        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    street                      TEXT NOT NULL DEFAULT '',
    postal_code                 TEXT NOT NULL DEFAULT '' CHECK (postal_code = '' OR (length(postal_code) = 5 AND postal_code NOT GLOB '*[^0-9]*')),
    city                        TEXT NOT NULL DEFAULT '',
    area                        TEXT NOT NULL DEFAULT '' CHECK (area IN ('', 'stadt', 'kreis', 'region')),  -- from the postal code
    phone                       TEXT NOT NULL DEFAULT '',
    email                       TEXT NOT NULL DEFAULT '',
    website                     TEXT NOT NULL DEFAULT '',
    industry                    TEXT NOT NULL DEFAULT '',
    chamber                     TEXT NOT NULL DEFAULT 'none' CHECK (chamber IN ('ihk', 'hwk', 'other', 'none')),
    owner_migration_background  TEXT NOT NULL DEFAULT 'unknown' CHECK (owner_migration_background IN ('yes', 'no', 'unknown')),
    languages                   TEXT NOT NULL DEFAULT '',   -- ISO 639-1 codes, comma-separated
    training_status             TEXT NOT NULL DEFAULT 'none' CHECK (training_status IN ('none', 'interested', 'in_progress', 'authorised', 'training')),
    trainer_aptitude            TEXT NOT NULL DEFAULT 'no' CHECK (trainer_aptitude IN ('yes', 'no', 'planned')),   -- AEVO
    training_authorisation      TEXT NOT NULL DEFAULT 'no' CHECK (training_authorisation IN ('yes', 'no', 'applied')),
    employees                   INTEGER CHECK (employees IS NULL OR employees BETWEEN 0 AND 1000000),
    tags                        TEXT NOT NULL DEFAULT '',   -- comma-separated
    notes                       TEXT NOT NULL DEFAULT '',
    caseworker_id               INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at                  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at                  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX companies_postal_code ON companies (postal_code);
CREATE INDEX companies_caseworker ON companies (caseworker_id);
CREATE INDEX companies_status ON companies (training_status);
CREATE INDEX companies_area ON companies (area);
CREATE INDEX companies_updated ON companies (updated_at);
CREATE INDEX companies_name ON companies (name COLLATE NOCASE);

CREATE TABLE company_contacts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role        TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX company_contacts_company ON company_contacts (company_id);

-- Calls, visits, e-mails, counselling, event contacts and referrals. Later
-- areas add candidate_id and partner_id columns (ALTER TABLE ADD COLUMN).
CREATE TABLE activities (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id        INTEGER REFERENCES companies (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'counselling', 'event', 'referral')),
    date              TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    subject           TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    notes             TEXT NOT NULL DEFAULT '',
    topics            TEXT NOT NULL DEFAULT '',   -- counselling topics, comma-separated
    referred_to       TEXT CHECK (referred_to IS NULL OR referred_to IN ('ihk', 'hwk')),
    caseworker_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    follow_up         TEXT CHECK (follow_up IS NULL OR follow_up GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    follow_up_done_at TEXT,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX activities_company ON activities (company_id, date);
CREATE INDEX activities_follow_up ON activities (caseworker_id, follow_up) WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;

-- Search over companies. The text is folded by the program (see
-- src/core/fold.c: case, umlauts, Turkish letters) before it is indexed, and
-- queries are folded the same way; rowid is the company id.
CREATE VIRTUAL TABLE companies_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
