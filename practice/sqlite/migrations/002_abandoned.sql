-- An attempt the candidate leaves unfinished is "abandoned": kept, listed
-- with its status, left out of statistics. A CHECK constraint cannot be
-- altered in place, so the table is rebuilt (SQLite's documented
-- procedure; the migration runs with foreign keys off, so the takes that
-- refer to attempts are untouched).

CREATE TABLE attempts_new (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	question_id TEXT    NOT NULL CHECK (question_id <> ''),
	level       TEXT    NOT NULL CHECK (level <> ''),
	mode        TEXT    NOT NULL CHECK (mode IN ('step', 'mock')),
	started_at  INTEGER NOT NULL,
	finished_at INTEGER,
	status      TEXT    NOT NULL DEFAULT 'in_progress'
	            CHECK (status IN ('in_progress', 'complete', 'abandoned', 'interrupted')),
	spoken_ms   INTEGER NOT NULL DEFAULT 0 CHECK (spoken_ms >= 0),
	verdict     TEXT    NOT NULL DEFAULT '' CHECK (verdict IN ('', 'short', 'on target', 'long')),
	rating      INTEGER CHECK (rating BETWEEN 1 AND 5),
	note        TEXT    NOT NULL DEFAULT ''
);

INSERT INTO attempts_new (id, question_id, level, mode, started_at, finished_at, status, spoken_ms, verdict, rating, note)
	SELECT id, question_id, level, mode, started_at, finished_at, status, spoken_ms, verdict, rating, note FROM attempts;

-- Carry the AUTOINCREMENT counter over, so the ID of an attempt deleted
-- before this migration (and its recordings folder's name) is never
-- handed out again.
DELETE FROM sqlite_sequence WHERE name = 'attempts_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'attempts_new', seq FROM sqlite_sequence WHERE name = 'attempts';

DROP TABLE attempts;
ALTER TABLE attempts_new RENAME TO attempts;

CREATE INDEX attempts_started ON attempts (started_at);
CREATE INDEX attempts_question_started ON attempts (question_id, started_at);
