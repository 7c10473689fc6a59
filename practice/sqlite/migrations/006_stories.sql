-- The story bank and the interview being prepared for.
--
-- A story is written once: a title, one cue-card line per STAR step and
-- the competencies it shows. A question links to at most one story and
-- its cue cards show the story's lines; a row left in story_notes is now
-- that question's own line for a step, overriding the story's.
CREATE TABLE stories (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	title        TEXT    NOT NULL CHECK (title <> ''),
	competencies TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(competencies)),
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL
);

CREATE TABLE story_lines (
	story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	step     TEXT    NOT NULL CHECK (step IN ('situation', 'task', 'action', 'result', 'reflection')),
	line     TEXT    NOT NULL,
	PRIMARY KEY (story_id, step)
) WITHOUT ROWID;

CREATE TABLE story_links (
	question_id TEXT    PRIMARY KEY CHECK (question_id <> ''),
	story_id    INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	linked_at   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX story_links_story ON story_links (story_id);

-- Small choices kept with the data, so the command line sees them too:
-- 'interview_date' is YYYY-MM-DD.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- Per-question notes become one story per question that has STAR notes,
-- titled from the question's ID until the candidate renames it, and linked
-- to it. The stories table is new, so ids follow the question order. A
-- blank note is a card that was cleared: it makes no story and no line.
CREATE TEMP TABLE noted AS
	SELECT question_id, row_number() OVER (ORDER BY question_id) AS story_id, max(updated_at) AS at
	FROM story_notes
	WHERE step IN ('situation', 'task', 'action', 'result', 'reflection') AND note <> ''
	GROUP BY question_id;

INSERT INTO stories (id, title, created_at, updated_at)
	SELECT story_id, 'Story for ' || replace(question_id, '-', ' '), at, at FROM noted;

INSERT INTO story_lines (story_id, step, line)
	SELECT noted.story_id, n.step, n.note
	FROM story_notes n JOIN noted USING (question_id)
	WHERE n.step IN ('situation', 'task', 'action', 'result', 'reflection') AND n.note <> '';

INSERT INTO story_links (question_id, story_id, linked_at)
	SELECT question_id, story_id, at FROM noted;

-- What moved into a story is no longer an override; a follow-up note stays.
DELETE FROM story_notes
	WHERE step IN ('situation', 'task', 'action', 'result', 'reflection');

DROP TABLE noted;
