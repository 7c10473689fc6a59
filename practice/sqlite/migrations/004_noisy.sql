-- A take whose recording was too noisy to trust the sound-based figures
-- (the pace above all) says so, so History never shows a pace it could
-- not measure. Earlier takes were not judged and read as not noisy.
ALTER TABLE takes ADD COLUMN noisy INTEGER NOT NULL DEFAULT 0 CHECK (noisy IN (0, 1));
