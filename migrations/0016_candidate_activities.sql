-- 0016: activities and follow-ups for pupils as for companies. An
-- activity now concerns a company, a candidate, or both (a call to a
-- company about a pupil); a new kind, application training
-- (Bewerbungstraining), and an internship (Praktikum), which counts as an
-- earlier contact between the pupil and the company for matching. SQLite
-- cannot change a CHECK or add a reference, so the table is built anew
-- with the same rows and ids.
--
-- And a pupil may ask to be left out of matching (never proposed to a
-- company) while staying in the pool: match_opt_out.
CREATE TABLE activities_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id        INTEGER REFERENCES companies (id) ON DELETE CASCADE,
    candidate_id      INTEGER REFERENCES candidates (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'counselling', 'event', 'referral',
                                                    'application_training', 'internship')),
    date              TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    subject           TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    notes             TEXT NOT NULL DEFAULT '',
    topics            TEXT NOT NULL DEFAULT '',   -- counselling topics, comma-separated
    referred_to       TEXT CHECK (referred_to IS NULL OR referred_to IN ('ihk', 'hwk', 'fb', 'oed', 'lw', 'hw', 'agentur', 'jobcenter')),
    caseworker_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    follow_up         TEXT CHECK (follow_up IS NULL OR follow_up GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    follow_up_done_at TEXT,
    follow_up_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,  -- whose follow-up it is
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (company_id IS NOT NULL OR candidate_id IS NOT NULL)
) STRICT;
INSERT INTO activities_new (id, company_id, kind, date, subject, notes, topics, referred_to, caseworker_id,
                            follow_up, follow_up_done_at, follow_up_user_id, created_at, updated_at)
    SELECT id, company_id, kind, date, subject, notes, topics, referred_to, caseworker_id, follow_up,
           follow_up_done_at, follow_up_user_id, created_at, updated_at
    FROM activities WHERE company_id IS NOT NULL;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_company ON activities (company_id, date);
CREATE INDEX activities_candidate ON activities (candidate_id, date);
CREATE INDEX activities_follow_up ON activities (follow_up_user_id, follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;
CREATE INDEX activities_open_follow_ups ON activities (follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;
CREATE INDEX activities_company_open_follow_up ON activities (company_id, follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;
CREATE INDEX activities_candidate_open_follow_up ON activities (candidate_id, follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;

-- Earlier contacts between a pupil and a company, for matching: an event
-- both took part in (the pupil attended), or an internship.
DROP VIEW candidate_company_contacts;
CREATE VIEW candidate_company_contacts AS
    SELECT p.candidate_id, c.value AS company_id, 'event' AS kind, e.id AS event_id, e.date
    FROM event_participants p
    JOIN events e ON e.id = p.event_id
    JOIN event_companies c ON c.owner_id = e.id
    WHERE p.attended = 1
    UNION ALL
    SELECT a.candidate_id, a.company_id, 'internship' AS kind, NULL AS event_id, a.date
    FROM activities a
    WHERE a.kind = 'internship' AND a.candidate_id IS NOT NULL AND a.company_id IS NOT NULL;

ALTER TABLE candidates ADD COLUMN match_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (match_opt_out IN (0, 1));
