-- 0019: whose work it was, along indexes: the start page counts the
-- user's own activities and placements of the year (src/app/reports.c,
-- SQL_MINE) without a pass over the whole region's.
CREATE INDEX activities_caseworker ON activities (caseworker_id, date);
CREATE INDEX placements_caseworker ON placements (caseworker_id);
