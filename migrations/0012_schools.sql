-- 0012: schools, their contact teachers, and the sign-up links they hand
-- out to their pupils (per class or campaign). Independent of other
-- branches' migrations: only its own tables.

CREATE TABLE schools (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind         TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('hauptschule', 'realschule', 'gesamtschule', 'gymnasium', 'foerderschule', 'berufliche_schule', 'other')),
    street       TEXT NOT NULL DEFAULT '',
    postal_code  TEXT NOT NULL DEFAULT '' CHECK (postal_code = '' OR (length(postal_code) = 5 AND postal_code NOT GLOB '*[^0-9]*')),
    city         TEXT NOT NULL DEFAULT '',
    area         TEXT NOT NULL DEFAULT '' CHECK (area IN ('', 'stadt', 'kreis', 'region')),  -- from the postal code
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX schools_name ON schools (name COLLATE NOCASE);
CREATE INDEX schools_area ON schools (area);

-- contact teachers: a teacher with the class and subject they teach
CREATE TABLE school_teachers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    school_id   INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    class       TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX school_teachers_school ON school_teachers (school_id);

-- A sign-up link: /join/<token>. The token (256 random bits) is never
-- stored as it is: token_digest (BLAKE2b-256, hex) finds the link when a
-- pupil opens it; token_sealed is the token encrypted with the site key
-- (a file beside the database, never in it), so staff can show the link's
-- address and QR code again while a copy of the database alone opens no
-- link.
CREATE TABLE signup_links (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    school_id     INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    label         TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    expires       TEXT NOT NULL CHECK (expires GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    token_digest  TEXT NOT NULL UNIQUE,
    token_sealed  TEXT NOT NULL,
    closed_at     TEXT,
    created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX signup_links_school ON signup_links (school_id);
