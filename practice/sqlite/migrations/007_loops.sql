-- Loops: a behavioral round rehearsed back to back. Each answer is still
-- an attempt of its own (attempts.loop_id groups them), so every
-- statistic counts it as one; a loop keeps the questions it planned, in
-- the order asked, with the competency each was chosen for and the story
-- linked to it then (its title kept, as the story may be renamed or
-- deleted since).
CREATE TABLE loops (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	level       TEXT    NOT NULL CHECK (level <> ''),
	started_at  INTEGER NOT NULL,
	finished_at INTEGER,
	status      TEXT    NOT NULL CHECK (status IN ('in_progress', 'complete', 'abandoned', 'interrupted'))
);

CREATE TABLE loop_questions (
	loop_id     INTEGER NOT NULL REFERENCES loops (id) ON DELETE CASCADE,
	position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 6),
	question_id TEXT    NOT NULL CHECK (question_id <> ''),
	competency  TEXT    NOT NULL,
	repeated    INTEGER NOT NULL DEFAULT 0 CHECK (repeated IN (0, 1)),
	reason      TEXT    NOT NULL DEFAULT '',
	story_id    INTEGER REFERENCES stories (id) ON DELETE SET NULL,
	story_title TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (loop_id, position)
) WITHOUT ROWID;

ALTER TABLE attempts ADD COLUMN loop_id INTEGER REFERENCES loops (id) ON DELETE SET NULL;

CREATE INDEX attempts_loop ON attempts (loop_id) WHERE loop_id IS NOT NULL;
