-- 0002: staff accounts, sessions, log-in attempts and the audit log.

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
    name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role                TEXT NOT NULL CHECK (role IN ('admin', 'caseworker', 'viewer')),
    password_hash       TEXT NOT NULL,          -- argon2id string from libsodium
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    password_changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- Only a hash of the session token is kept: a copy of the database does not
-- let anyone in. Times are Unix seconds, compared against the timeouts.
CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    token_hash  BLOB NOT NULL UNIQUE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

-- Every log-in attempt, for throttling by account and by address.
CREATE TABLE login_attempts (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    email    TEXT NOT NULL,
    ip       TEXT NOT NULL,
    success  INTEGER NOT NULL CHECK (success IN (0, 1))
) STRICT;
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- Who did what to which object, and who read which person's record. Field
-- names only, never values: the log itself holds no personal data beyond the
-- staff member's identity. Append-only: no update, no delete within two years.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    user_id      INTEGER,
    user_email   TEXT,
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    INTEGER,
    fields       TEXT,
    ip           TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
CREATE INDEX audit_log_user ON audit_log (user_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-730 days')
BEGIN
    SELECT RAISE(ABORT, 'audit entries are kept for two years');
END;
