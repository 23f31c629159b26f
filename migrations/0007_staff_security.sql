-- 0007: staff security. Where a session was started from, so a person can
-- tell their sessions apart on /me/sessions (address and browser, as the
-- browser named itself; cut to 200 characters).
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN agent TEXT NOT NULL DEFAULT '';

-- A password an admin set (a new account, a reset) is known to two
-- people: its owner changes it at the next log-in before doing anything.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
    CHECK (must_change_password IN (0, 1));
