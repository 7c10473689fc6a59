-- Attempts, their takes, stories and imported question packs.
-- Times are integer Unix milliseconds (UTC); durations are integer
-- milliseconds. CHECKs keep a bug elsewhere from storing nonsense.

CREATE TABLE attempts (
	-- AUTOINCREMENT so a deleted attempt's ID, and so its recordings
	-- folder name, is never handed out again.
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	question_id TEXT    NOT NULL CHECK (question_id <> ''),
	level       TEXT    NOT NULL CHECK (level <> ''),
	mode        TEXT    NOT NULL CHECK (mode IN ('step', 'mock')),
	started_at  INTEGER NOT NULL,
	finished_at INTEGER,
	status      TEXT    NOT NULL DEFAULT 'in_progress'
	            CHECK (status IN ('in_progress', 'complete', 'interrupted')),
	spoken_ms   INTEGER NOT NULL DEFAULT 0 CHECK (spoken_ms >= 0),
	verdict     TEXT    NOT NULL DEFAULT '' CHECK (verdict IN ('', 'short', 'on target', 'long')),
	rating      INTEGER CHECK (rating BETWEEN 1 AND 5),
	note        TEXT    NOT NULL DEFAULT ''
);

-- Newest-first history, with or without a question filter; the level and
-- mode filters are cheap enough as a scan of the started_at index.
CREATE INDEX attempts_started ON attempts (started_at);
CREATE INDEX attempts_question_started ON attempts (question_id, started_at);

CREATE TABLE takes (
	id              INTEGER PRIMARY KEY,
	attempt_id      INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
	step            TEXT    NOT NULL
	                CHECK (step IN ('situation', 'task', 'action', 'result', 'reflection', 'followup')),
	counted         INTEGER NOT NULL DEFAULT 0 CHECK (counted IN (0, 1)),
	created_at      INTEGER NOT NULL,
	wav             TEXT    NOT NULL CHECK (wav <> ''),
	clip_start_ms   INTEGER NOT NULL CHECK (clip_start_ms >= 0),
	clip_end_ms     INTEGER NOT NULL CHECK (clip_end_ms >= clip_start_ms),
	duration_ms     INTEGER NOT NULL CHECK (duration_ms >= 0),
	speech_start_ms INTEGER NOT NULL CHECK (speech_start_ms >= 0),
	speech_end_ms   INTEGER NOT NULL CHECK (speech_end_ms >= 0),
	spoken_ms       INTEGER NOT NULL CHECK (spoken_ms >= 0),
	voiced_ms       INTEGER NOT NULL CHECK (voiced_ms >= 0),
	pauses          INTEGER NOT NULL CHECK (pauses >= 0),
	longest_pause_ms INTEGER NOT NULL CHECK (longest_pause_ms >= 0),
	syllables_per_s REAL    NOT NULL CHECK (syllables_per_s >= 0),
	target_ms       INTEGER NOT NULL CHECK (target_ms >= 0),
	verdict         TEXT    NOT NULL CHECK (verdict IN ('', 'short', 'on target', 'long')),
	rating          INTEGER CHECK (rating BETWEEN 1 AND 5),
	checks          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(checks)),
	note            TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX takes_attempt ON takes (attempt_id, step);
-- At most one counted take per step; the code keeps it at exactly one.
CREATE UNIQUE INDEX takes_counted ON takes (attempt_id, step) WHERE counted = 1;

CREATE TABLE story_notes (
	question_id TEXT    NOT NULL,
	step        TEXT    NOT NULL,
	note        TEXT    NOT NULL,
	updated_at  INTEGER NOT NULL,
	PRIMARY KEY (question_id, step)
) WITHOUT ROWID;

CREATE TABLE packs (
	name        TEXT    PRIMARY KEY,
	yaml        BLOB    NOT NULL,
	imported_at INTEGER NOT NULL
);
