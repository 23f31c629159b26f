-- 0013: the pool of candidates (potential apprentices, most of them
-- minors): their record, desired occupations (ids, most wanted first),
-- languages, consents, and the search index. Independent of other
-- branches' migrations: its own tables; occupations (0003), schools and
-- signup_links (0012) are only referred to.

CREATE TABLE candidates (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    first_name            TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
    last_name             TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
    birth_date            TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    gender                TEXT CHECK (gender IS NULL OR gender IN ('female', 'male', 'diverse')),
    email                 TEXT NOT NULL DEFAULT '',
    phone                 TEXT NOT NULL DEFAULT '',
    postal_code           TEXT NOT NULL DEFAULT '' CHECK (postal_code = '' OR (length(postal_code) = 5 AND postal_code NOT GLOB '*[^0-9]*')),
    city                  TEXT NOT NULL DEFAULT '',
    area                  TEXT NOT NULL DEFAULT '' CHECK (area IN ('', 'stadt', 'kreis', 'region')),
    school_id             INTEGER REFERENCES schools (id) ON DELETE SET NULL,
    link_id               INTEGER REFERENCES signup_links (id) ON DELETE SET NULL,
    certificate           TEXT NOT NULL DEFAULT 'none' CHECK (certificate IN ('none', 'hauptschule', 'mittlere_reife', 'fachhochschulreife', 'abitur')),
    expected_certificate  TEXT CHECK (expected_certificate IS NULL OR expected_certificate IN ('none', 'hauptschule', 'mittlere_reife', 'fachhochschulreife', 'abitur')),
    migration_background  TEXT NOT NULL DEFAULT 'not_stated' CHECK (migration_background IN ('yes', 'no', 'not_stated')),
    max_commute_km        INTEGER CHECK (max_commute_km IS NULL OR max_commute_km BETWEEN 0 AND 500),
    available_from        TEXT CHECK (available_from IS NULL OR available_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status                TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'active', 'placed', 'inactive')),
    parent_name           TEXT NOT NULL DEFAULT '',
    parent_email          TEXT NOT NULL DEFAULT '',
    parent_phone          TEXT NOT NULL DEFAULT '',
    notes                 TEXT NOT NULL DEFAULT '',
    name_key              TEXT NOT NULL DEFAULT '',   -- folded first and last name: a second sign-up is recognised
    created_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX candidates_same_person ON candidates (birth_date, name_key);
CREATE INDEX candidates_name ON candidates (last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX candidates_school ON candidates (school_id);
CREATE INDEX candidates_link ON candidates (link_id);
CREATE INDEX candidates_status ON candidates (status);
CREATE INDEX candidates_updated ON candidates (updated_at);

-- desired occupations, most wanted first (pos 0..2); the area kit's shape
CREATE TABLE candidate_occupations (
    owner_id  INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    pos       INTEGER NOT NULL,
    value     INTEGER NOT NULL REFERENCES occupations (id),
    UNIQUE (owner_id, value)
) STRICT;
CREATE INDEX candidate_occupations_owner ON candidate_occupations (owner_id, pos, value);
CREATE INDEX candidate_occupations_value ON candidate_occupations (value, owner_id);

CREATE TABLE candidate_languages (
    owner_id  INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    pos       INTEGER NOT NULL,
    value     TEXT NOT NULL CHECK (length(value) = 2),   -- ISO 639-1
    UNIQUE (owner_id, value)
) STRICT;
CREATE INDEX candidate_languages_owner ON candidate_languages (owner_id, pos, value);
CREATE INDEX candidate_languages_value ON candidate_languages (value, owner_id);

-- What a person agreed to, when, through which channel (a school's link,
-- or recorded by staff), with which version of the notice, and whether a
-- parent agreed (under 16). Kept with the person, erased with them.
CREATE TABLE candidate_consents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id  INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('privacy')),
    text_version  TEXT NOT NULL,
    at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    channel       TEXT NOT NULL CHECK (channel IN ('link', 'staff')),
    link_id       INTEGER REFERENCES signup_links (id) ON DELETE SET NULL,
    parental      INTEGER NOT NULL DEFAULT 0 CHECK (parental IN (0, 1))
) STRICT;
CREATE INDEX candidate_consents_candidate ON candidate_consents (candidate_id);
CREATE INDEX candidate_consents_link ON candidate_consents (link_id);

CREATE VIRTUAL TABLE candidates_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
