-- Each attempt's recordings live in a folder named by something that does
-- not come from the ID counter, which restarts when a database is lost or
-- restored from a backup: a new attempt must never land in an old one's
-- folder. Existing attempts keep the folder they have, named by their ID.
ALTER TABLE attempts ADD COLUMN folder TEXT NOT NULL DEFAULT '';
UPDATE attempts SET folder = CAST(id AS TEXT);
CREATE UNIQUE INDEX attempts_folder ON attempts (folder);
