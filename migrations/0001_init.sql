-- 0001: the installation itself.
-- A key/value table for facts about this database that are not domain data:
-- when it was created and by which program version. Every later migration
-- adds the tables of one area.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO meta (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
