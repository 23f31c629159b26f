-- 0008: a second factor for staff (TOTP, RFC 6238).
-- The account's secret once enrolled (NULL: no second factor) and the last
-- time step whose code was accepted: a code works once, never again.
ALTER TABLE users ADD COLUMN mfa_secret BLOB;
ALTER TABLE users ADD COLUMN mfa_last_step INTEGER NOT NULL DEFAULT 0;

-- A secret shown on /me/mfa and not yet confirmed with a code belongs to
-- the session that asked for it (another tab's page would replace it).
ALTER TABLE sessions ADD COLUMN mfa_pending BLOB;

-- One-time recovery codes, stored as digests; a used one keeps its row
-- (when it was used) until new codes replace them all.
CREATE TABLE mfa_recovery (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash BLOB NOT NULL,
    used_at INTEGER
);
CREATE INDEX mfa_recovery_user ON mfa_recovery(user_id, code_hash);

-- The step between a right password and the code, for the HTML log-in:
-- the page carries a token (stored as its digest) instead of the password.
-- A challenge ends after a few wrong codes, at the log-in, and when the
-- account's password, sessions or factor change.
CREATE TABLE login_challenges (
    token_hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX login_challenges_user ON login_challenges(user_id);
