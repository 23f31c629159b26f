-- 0018: network partners (chambers, migrant organisations and
-- entrepreneurs' associations, schools' networks, vocational schools,
-- Agentur für Arbeit, Jobcenter, municipal offices) with their contact
-- persons; activities get a third owner, a partner (meetings, joint
-- events), and a referral may name the partner it went to.

CREATE TABLE partners (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind         TEXT NOT NULL DEFAULT 'other'
                 CHECK (kind IN ('chamber', 'migrant_organisation', 'association', 'school_network',
                                 'vocational_school', 'employment_agency', 'jobcenter', 'municipal', 'other')),
    status       TEXT NOT NULL DEFAULT 'contact' CHECK (status IN ('contact', 'agreement', 'active')),
    street       TEXT NOT NULL DEFAULT '',
    postal_code  TEXT NOT NULL DEFAULT '' CHECK (postal_code = '' OR (length(postal_code) = 5 AND postal_code NOT GLOB '*[^0-9]*')),
    city         TEXT NOT NULL DEFAULT '',
    area         TEXT NOT NULL DEFAULT '' CHECK (area IN ('', 'stadt', 'kreis', 'region')),  -- from the postal code
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    website      TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX partners_name ON partners (name COLLATE NOCASE);
CREATE INDEX partners_kind ON partners (kind);
CREATE INDEX partners_updated ON partners (updated_at);

CREATE TABLE partner_contacts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role        TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX partner_contacts_partner ON partner_contacts (partner_id);

-- Activities: a third owner (partner_id), two kinds for partners (meeting,
-- joint_event), and the partner a referral went to (referred_partner_id,
-- beside referred_to). SQLite cannot change a CHECK or add a reference,
-- so the table is built anew with the same rows and ids, as in 0016.
CREATE TABLE activities_new (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id          INTEGER REFERENCES companies (id) ON DELETE CASCADE,
    candidate_id        INTEGER REFERENCES candidates (id) ON DELETE CASCADE,
    partner_id          INTEGER REFERENCES partners (id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'counselling', 'event', 'referral',
                                                      'application_training', 'internship', 'meeting', 'joint_event')),
    date                TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    subject             TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    notes               TEXT NOT NULL DEFAULT '',
    topics              TEXT NOT NULL DEFAULT '',   -- counselling topics, comma-separated
    referred_to         TEXT CHECK (referred_to IS NULL OR referred_to IN ('ihk', 'hwk', 'fb', 'oed', 'lw', 'hw', 'agentur', 'jobcenter')),
    referred_partner_id INTEGER REFERENCES partners (id) ON DELETE SET NULL,
    caseworker_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    follow_up           TEXT CHECK (follow_up IS NULL OR follow_up GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    follow_up_done_at   TEXT,
    follow_up_user_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,  -- whose follow-up it is
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (company_id IS NOT NULL OR candidate_id IS NOT NULL OR partner_id IS NOT NULL)
) STRICT;
INSERT INTO activities_new (id, company_id, candidate_id, kind, date, subject, notes, topics, referred_to,
                            caseworker_id, follow_up, follow_up_done_at, follow_up_user_id, created_at, updated_at)
    SELECT id, company_id, candidate_id, kind, date, subject, notes, topics, referred_to, caseworker_id, follow_up,
           follow_up_done_at, follow_up_user_id, created_at, updated_at
    FROM activities;
-- the view reads activities: it goes before the table it reads, and comes
-- back below exactly as 0017 made it
DROP VIEW candidate_company_contacts;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_company ON activities (company_id, date);
CREATE INDEX activities_candidate ON activities (candidate_id, date);
CREATE INDEX activities_partner ON activities (partner_id, date);
CREATE INDEX activities_referred_partner ON activities (referred_partner_id);
CREATE INDEX activities_follow_up ON activities (follow_up_user_id, follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;
CREATE INDEX activities_open_follow_ups ON activities (follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;
CREATE INDEX activities_company_open_follow_up ON activities (company_id, follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;
CREATE INDEX activities_candidate_open_follow_up ON activities (candidate_id, follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;

-- earlier contacts for matching, as 0017 defines them
CREATE VIEW candidate_company_contacts AS
    SELECT p.candidate_id, c.value AS company_id, 'event' AS kind, e.id AS event_id, e.date
    FROM event_participants p
    JOIN events e ON e.id = p.event_id
    JOIN event_companies c ON c.owner_id = e.id
    WHERE p.attended = 1
    UNION ALL
    SELECT a.candidate_id, a.company_id, 'internship' AS kind, NULL AS event_id, a.date
    FROM activities a
    WHERE a.kind = 'internship' AND a.candidate_id IS NOT NULL AND a.company_id IS NOT NULL
    UNION ALL
    SELECT pl.candidate_id, po.company_id, 'internship' AS kind, NULL AS event_id, substr(s.at, 1, 10) AS date
    FROM placement_stages s
    JOIN placements pl ON pl.id = s.placement_id
    JOIN posts po ON po.id = pl.post_id
    WHERE s.stage = 'internship';
