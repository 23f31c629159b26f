-- 0010: the duplicate warning compares a new company with every company of
-- its postal area (the first three digits of the postal code) by a key of
-- the name: folded, without legal forms and punctuation (see
-- src/app/namekey.c). The program writes the key at every write of a
-- company; rows without one (NULL: those already here, and all of them
-- again if a later migration resets the key because its rules changed) get
-- theirs when the program starts, right after the migrations.
ALTER TABLE companies ADD COLUMN name_key TEXT;

-- What the check reads, in one index: the postal codes of an area are one
-- range of it, each with its key (and the id), so the check reads no table
-- rows and misses none. It starts with the postal code, so it replaces the
-- index on the postal code alone.
DROP INDEX companies_postal_code;
CREATE INDEX companies_near ON companies (postal_code, name_key);
