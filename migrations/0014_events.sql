-- 0014: events ("School meets Business" speed-datings, company visits,
-- fairs, information evenings) with their schools, companies and
-- participants. Independent of other branches' migrations.

CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind        TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('school_meets_business', 'company_visit', 'fair', 'information_evening', 'other')),
    location    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX events_date ON events (date);

CREATE TABLE event_schools (
    owner_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    pos       INTEGER NOT NULL,
    value     INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    UNIQUE (owner_id, value)
) STRICT;
CREATE INDEX event_schools_owner ON event_schools (owner_id, pos, value);
CREATE INDEX event_schools_value ON event_schools (value, owner_id);

CREATE TABLE event_companies (
    owner_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    pos       INTEGER NOT NULL,
    value     INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    UNIQUE (owner_id, value)
) STRICT;
CREATE INDEX event_companies_owner ON event_companies (owner_id, pos, value);
CREATE INDEX event_companies_value ON event_companies (value, owner_id);

CREATE TABLE event_participants (
    event_id      INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    candidate_id  INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    attended      INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
    PRIMARY KEY (event_id, candidate_id)
) STRICT;
CREATE INDEX event_participants_candidate ON event_participants (candidate_id, event_id);

-- Earlier contact for matching: a pupil who attended an event met the
-- companies that took part in it.
CREATE VIEW candidate_company_contacts AS
    SELECT p.candidate_id, c.value AS company_id, e.id AS event_id, e.date
    FROM event_participants p
    JOIN events e ON e.id = p.event_id
    JOIN event_companies c ON c.owner_id = e.id
    WHERE p.attended = 1;
