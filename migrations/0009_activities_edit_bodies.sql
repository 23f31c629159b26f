-- 0009: activities can be edited (a version to refuse stale edits); a
-- follow-up belongs to someone who can be another than the activity's
-- author (it is handed over when a colleague is away); and a referral names any body that looks after vocational training, or the
-- employment agency or job centre: IHK, Handwerkskammer, the freie Berufe'
-- chambers, öffentlicher Dienst, Landwirtschaft, Hauswirtschaft, Agentur
-- für Arbeit, Jobcenter. SQLite cannot change a CHECK, so the table is
-- built anew with the same rows and ids.
CREATE TABLE activities_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id        INTEGER REFERENCES companies (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'counselling', 'event', 'referral')),
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
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
INSERT INTO activities_new (id, company_id, kind, date, subject, notes, topics, referred_to, caseworker_id,
                            follow_up, follow_up_done_at, follow_up_user_id, created_at, updated_at)
    SELECT id, company_id, kind, date, subject, notes, topics, referred_to, caseworker_id, follow_up,
           follow_up_done_at, CASE WHEN follow_up IS NOT NULL THEN caseworker_id END, created_at, created_at
    FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_company ON activities (company_id, date);
CREATE INDEX activities_follow_up ON activities (follow_up_user_id, follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;
CREATE INDEX activities_open_follow_ups ON activities (follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;
