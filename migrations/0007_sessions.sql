-- 0007: where a session was started from, so a person can tell their
-- sessions apart on /me/sessions (address and browser, as the browser
-- named itself; cut to 200 characters).
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN agent TEXT NOT NULL DEFAULT '';
