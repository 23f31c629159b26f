-- 0015: apprenticeship posts (Ausbildungsplätze), what companies send
-- through the public offer form, the search over occupations and posts,
-- and the words that search knows for one another.

-- Abbreviations and the words they stand for, as people type them when
-- they search ("kfz" for Kraftfahrzeugmechatroniker/-in): data, not code.
-- Both columns folded as the program folds search text (lower case,
-- umlauts to their base letter: "buro", not "büro") and in words only;
-- words of one letter (the "r" of "Fachangestellte/r") are left out.
-- The program adds, to each occupation's and post's search text, the
-- abbreviation where the words are and the words where the abbreviation
-- is (src/core/fold.c, fold_synonyms_append). Whoever changes this table
-- empties occupations_fts and posts_fts in the same migration: the
-- program fills in at start-up what the search indexes lack.
CREATE TABLE search_synonyms (
    id     INTEGER PRIMARY KEY,
    brief  TEXT NOT NULL CHECK (length(brief) BETWEEN 2 AND 40 AND brief NOT GLOB '*[^a-z0-9]*'),
    words  TEXT NOT NULL CHECK (length(words) BETWEEN 2 AND 200 AND words NOT GLOB '*[^a-z0-9 ]*'),
    UNIQUE (brief, words)
) STRICT;
INSERT INTO search_synonyms (brief, words) VALUES
    ('kfz', 'kraftfahrzeug'),
    ('kfm', 'kaufmann'),
    ('kauffrau', 'kaufmann frau'),
    ('einzelhandelskaufmann', 'kaufmann frau im einzelhandel'),
    ('einzelhandelskauffrau', 'kaufmann frau im einzelhandel'),
    ('burokaufmann', 'kaufmann frau fur buromanagement'),
    ('buerokaufmann', 'kaufmann frau fur buromanagement'),
    ('burokauffrau', 'kaufmann frau fur buromanagement'),
    ('buerokauffrau', 'kaufmann frau fur buromanagement'),
    ('mfa', 'medizinische fachangestellte'),
    ('arzthelfer', 'medizinische fachangestellte'),
    ('arzthelferin', 'medizinische fachangestellte'),
    ('zfa', 'zahnmedizinische fachangestellte'),
    ('zahnarzthelfer', 'zahnmedizinische fachangestellte'),
    ('zahnarzthelferin', 'zahnmedizinische fachangestellte'),
    ('tfa', 'tiermedizinische fachangestellte'),
    ('shk', 'sanitar heizungs und klimatechnik'),
    ('fisi', 'fachinformatiker'),
    ('fiae', 'fachinformatiker'),
    ('informatiker', 'fachinformatiker'),
    ('lkw', 'berufskraftfahrer'),
    ('elektriker', 'elektroniker'),
    ('frisor', 'friseur'),
    ('frisoer', 'friseur');

-- The search over the recognised occupations (0003): their names folded,
-- with the synonyms above; rowid is the occupation's id. Filled by the
-- program at start-up (it folds the text), then kept at every write.
CREATE VIRTUAL TABLE occupations_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');

-- What a company sent through the public offer form (/offer), as it was
-- typed, until a caseworker has decided: the company's details (its
-- contact person's name only: the least personal data), the consent to
-- the privacy notice (which text, when), and the company its posts hang
-- on: a new one, or one the duplicate rules found (match_state
-- 'suggested' until a caseworker confirms it or makes a new company).
CREATE TABLE offers (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    street           TEXT NOT NULL DEFAULT '',
    postal_code      TEXT NOT NULL CHECK (length(postal_code) = 5 AND postal_code NOT GLOB '*[^0-9]*'),
    city             TEXT NOT NULL DEFAULT '',
    email            TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    contact_name     TEXT NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
    company_id       INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    match_state      TEXT NOT NULL DEFAULT 'new' CHECK (match_state IN ('new', 'suggested', 'confirmed')),
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reject_reason    TEXT NOT NULL DEFAULT '',
    lang             TEXT NOT NULL DEFAULT 'de' CHECK (length(lang) = 2),
    consent_version  TEXT NOT NULL CHECK (consent_version <> ''),
    consent_at       TEXT NOT NULL,
    reviewed_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at      TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
-- the review queue (pending first) and the start page's count
CREATE INDEX offers_status ON offers (status);
CREATE INDEX offers_company ON offers (company_id);

-- Apprenticeship posts. status moves only pending -> open -> filled or
-- closed (and back to open), each move a conditional update. Town,
-- Stadt/Kreis and the start year follow from the postal code and the start
-- date (kept by the program); places_filled counts the placements with a
-- signed contract (kept by the placements when they come), so free places
-- are places - places_filled. opened_at: when it was first published (the
-- job board's datePosted and the feed's order). An occupation in use is
-- never deleted (the reference restricts it).
CREATE TABLE posts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id       INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    occupation_id    INTEGER NOT NULL REFERENCES occupations (id),
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    places           INTEGER NOT NULL CHECK (places BETWEEN 1 AND 99),
    places_filled    INTEGER NOT NULL DEFAULT 0 CHECK (places_filled >= 0),
    start_date       TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    start_year       INTEGER NOT NULL,
    min_certificate  TEXT NOT NULL DEFAULT 'none'
                     CHECK (min_certificate IN ('none', 'hauptschule', 'mittlere_reife', 'fachhochschulreife', 'abitur')),
    postal_code      TEXT NOT NULL DEFAULT '' CHECK (postal_code = '' OR (length(postal_code) = 5 AND postal_code NOT GLOB '*[^0-9]*')),
    city             TEXT NOT NULL DEFAULT '',
    area             TEXT NOT NULL DEFAULT '' CHECK (area IN ('', 'stadt', 'kreis', 'region')),
    description      TEXT NOT NULL DEFAULT '',
    part_time        INTEGER NOT NULL DEFAULT 0 CHECK (part_time IN (0, 1)),
    internship       INTEGER NOT NULL DEFAULT 0 CHECK (internship IN (0, 1)),
    pay_1            INTEGER CHECK (pay_1 IS NULL OR pay_1 BETWEEN 0 AND 10000),   -- euros a month, per training year
    pay_2            INTEGER CHECK (pay_2 IS NULL OR pay_2 BETWEEN 0 AND 10000),
    pay_3            INTEGER CHECK (pay_3 IS NULL OR pay_3 BETWEEN 0 AND 10000),
    pay_4            INTEGER CHECK (pay_4 IS NULL OR pay_4 BETWEEN 0 AND 10000),
    contact_id       INTEGER REFERENCES company_contacts (id) ON DELETE SET NULL,
    apply_until      TEXT CHECK (apply_until IS NULL OR apply_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    expires_on       TEXT CHECK (expires_on IS NULL OR expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'open', 'filled', 'closed')),
    offer_id         INTEGER REFERENCES offers (id) ON DELETE SET NULL,
    opened_at        TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (places_filled <= places)
) STRICT;
-- lists: by status (newest first along the rowid), a company's and an
-- occupation's posts (with the open ones counted per occupation from the
-- index alone), the job board newest first, the filters a person uses
CREATE INDEX posts_status ON posts (status);
CREATE INDEX posts_company ON posts (company_id, status);
CREATE INDEX posts_occupation ON posts (occupation_id, status);
CREATE INDEX posts_opened ON posts (status, opened_at);
-- what the job board counts (open, listing and application time not over)
-- from the index alone
CREATE INDEX posts_public ON posts (status, expires_on, apply_until);
CREATE INDEX posts_start ON posts (start_date);
CREATE INDEX posts_start_year ON posts (start_year);
CREATE INDEX posts_area ON posts (area);
CREATE INDEX posts_city ON posts (city COLLATE NOCASE);
CREATE INDEX posts_postal_code ON posts (postal_code);
CREATE INDEX posts_offer ON posts (offer_id);
CREATE INDEX posts_contact ON posts (contact_id);

-- the languages spoken at the workplace (the area kit's list rows)
CREATE TABLE post_languages (
    owner_id  INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    pos       INTEGER NOT NULL,
    value     TEXT NOT NULL CHECK (length(value) = 2),   -- ISO 639-1
    UNIQUE (owner_id, value)
) STRICT;
CREATE INDEX post_languages_owner ON post_languages (owner_id, pos, value);
CREATE INDEX post_languages_value ON post_languages (value, owner_id);

-- first published: when a post becomes open for the first time
CREATE TRIGGER posts_opened_insert AFTER INSERT ON posts
WHEN NEW.status = 'open' AND NEW.opened_at IS NULL
BEGIN
    UPDATE posts SET opened_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER posts_opened_update AFTER UPDATE OF status ON posts
WHEN NEW.status = 'open' AND NEW.opened_at IS NULL
BEGIN
    UPDATE posts SET opened_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;

-- The search over posts: title, occupation, company, town and description,
-- folded, with the synonyms; rowid is the post's id.
CREATE VIRTUAL TABLE posts_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');
-- a post that goes, also with its company (ON DELETE CASCADE), takes its
-- search entry along, so a search never counts posts that are no more
CREATE TRIGGER posts_fts_gone AFTER DELETE ON posts
BEGIN
    DELETE FROM posts_fts WHERE rowid = OLD.id;
END;

-- Messages to companies, kept until the program sends e-mail (a later
-- issue): the result of an offer's review, written in the company's
-- language when the caseworker decides.
CREATE TABLE mail_outbox (
    id           INTEGER PRIMARY KEY,
    to_address   TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    INTEGER,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    sent_at      TEXT
) STRICT;
CREATE INDEX mail_outbox_object ON mail_outbox (object_type, object_id);
