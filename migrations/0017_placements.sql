-- 0017: placements (Vermittlungen): a pupil proposed for a post, followed
-- through its stages to a signed contract; each move kept with who, when
-- and why. The company answers a proposal through a link of its own
-- (placement_shares) that shows an anonymised profile; what went to which
-- company, and when, is kept as a disclosure (GDPR Art. 15: the pupil's
-- export names it).

-- stage moves are conditional updates (... WHERE stage = ?); `counted` is
-- 1 while the placement holds one of its post's places (a contract, or the
-- training started), so posts.places_filled is the sum of it and a move
-- into or out of those stages changes the count exactly once.
CREATE TABLE placements (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id   INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    post_id        INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    stage          TEXT NOT NULL DEFAULT 'proposed'
                   CHECK (stage IN ('proposed', 'applied', 'interview', 'internship', 'contract', 'started', 'rejected', 'withdrawn', 'dropped')),
    note           TEXT NOT NULL DEFAULT '',   -- the caseworker's words for the company (shown on its link)
    counted        INTEGER NOT NULL DEFAULT 0 CHECK (counted IN (0, 1)),
    caseworker_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
-- one open placement of a pupil for a post: a second is refused (409)
CREATE UNIQUE INDEX placements_open ON placements (candidate_id, post_id)
    WHERE stage NOT IN ('rejected', 'withdrawn', 'dropped');
CREATE INDEX placements_candidate ON placements (candidate_id, stage);
CREATE INDEX placements_post ON placements (post_id, stage);
CREATE INDEX placements_stage ON placements (stage, updated_at);

-- what the matching pool compares to notice another process's changes
-- (src/app/matchpool.c): posts' saves along an index, not a pass over all
CREATE INDEX posts_updated ON posts (updated_at);

-- every stage a placement was in, from its proposal on
CREATE TABLE placement_stages (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    placement_id  INTEGER NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
    stage         TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,   -- NULL: the company, through its link
    at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX placement_stages_placement ON placement_stages (placement_id, id);

-- the company's link to a proposal: found by the digest of its token
-- (never stored), good until expires_at, answered once; the answer waits
-- on the start page of the caseworker until seen_at
CREATE TABLE placement_shares (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    placement_id  INTEGER NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
    token_digest  TEXT NOT NULL UNIQUE,
    expires_at    TEXT NOT NULL,
    answer        TEXT CHECK (answer IS NULL OR answer IN ('interview', 'decline')),
    message       TEXT NOT NULL DEFAULT '',
    answered_at   TEXT,
    seen_at       TEXT,
    created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX placement_shares_placement ON placement_shares (placement_id);
CREATE INDEX placement_shares_unseen ON placement_shares (created_by, answered_at)
    WHERE answered_at IS NOT NULL AND seen_at IS NULL;

-- which of a pupil's data went to which company, when, and why (field
-- names only, never values); erased with the pupil
CREATE TABLE disclosures (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id  INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    company_id    INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    company_name  TEXT NOT NULL,   -- kept: the company may be deleted later, the disclosure stays true
    placement_id  INTEGER REFERENCES placements (id) ON DELETE SET NULL,
    fields        TEXT NOT NULL,
    user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX disclosures_candidate ON disclosures (candidate_id, at);

-- earlier contacts for matching: events attended (0014), internships
-- recorded as activities (0016), and placements that reached an
-- internship or beyond (the pupil worked there for a while)
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
    WHERE a.kind = 'internship' AND a.candidate_id IS NOT NULL AND a.company_id IS NOT NULL
    UNION ALL
    SELECT pl.candidate_id, po.company_id, 'internship' AS kind, NULL AS event_id, substr(s.at, 1, 10) AS date
    FROM placement_stages s
    JOIN placements pl ON pl.id = s.placement_id
    JOIN posts po ON po.id = pl.post_id
    WHERE s.stage = 'internship';
