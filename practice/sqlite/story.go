package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"starcoach/practice"
)

// The story bank: a story (stories, story_lines) is written once and
// linked (story_links) to any number of questions; a question's rows in
// story_notes are its own lines, overriding its story's, and its
// follow-up note.

// Stories returns every story with its lines, competencies and linked
// questions, by title.
func (db *DB) Stories(ctx context.Context) ([]practice.Story, error) {
	// One statement, so one snapshot: a story and its links agree.
	rows, err := db.db.QueryContext(ctx, `SELECT s.id, s.title, s.competencies, s.updated_at,
			(SELECT json_group_object(step, line) FROM story_lines WHERE story_id = s.id),
			(SELECT json_group_array(question_id) FROM story_links WHERE story_id = s.id)
		FROM stories s ORDER BY s.title COLLATE NOCASE, s.id`)
	if err != nil {
		return nil, fmt.Errorf("load stories: %w", err)
	}
	defer rows.Close()
	var out []practice.Story
	for rows.Next() {
		var s practice.Story
		if err := rows.Scan(&s.ID, &s.Title, listDest{&s.Competencies}, timeDest{&s.UpdatedAt},
			jsonDest{&s.Lines}, listDest{&s.Questions}); err != nil {
			return nil, fmt.Errorf("load stories: %w", err)
		}
		slices.Sort(s.Questions)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load stories: %w", err)
	}
	return out, nil
}

// SaveStory creates a story (ID 0; it sets s.ID) or updates its title,
// lines and competencies; links are LinkStory's. A blank line is no line.
// It sets s.UpdatedAt.
func (db *DB) SaveStory(ctx context.Context, s *practice.Story) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("save story %q: %w", s.Title, err)
	}
	now := storedNow()
	var id int64
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = writeStory(ctx, tx, s, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("save story %q: %w", s.Title, err)
	}
	s.ID, s.UpdatedAt = id, now
	return nil
}

// writeStory inserts a story with ID 0 or updates one, rewriting its
// lines, and returns its ID.
func writeStory(ctx context.Context, tx *sql.Tx, s *practice.Story, now time.Time) (int64, error) {
	comps, err := listJSON(s.Competencies)
	if err != nil {
		return 0, err
	}
	id := s.ID
	if id == 0 {
		err = tx.QueryRowContext(ctx, `INSERT INTO stories (title, competencies, created_at, updated_at)
			VALUES (?, ?, ?, ?) RETURNING id`, s.Title, comps, now.UnixMilli(), now.UnixMilli()).Scan(&id)
	} else {
		err = affected(tx.ExecContext(ctx, `UPDATE stories SET title = ?, competencies = ?, updated_at = ? WHERE id = ?`,
			s.Title, comps, now.UnixMilli(), id))
		if errors.Is(err, practice.ErrNotFound) {
			err = fmt.Errorf("story %d: %w", id, err)
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM story_lines WHERE story_id = ?`, id)
		}
	}
	if err != nil {
		return 0, err
	}
	for step, line := range s.Lines {
		if line == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_lines (story_id, step, line) VALUES (?, ?, ?)`, id, step, line); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// DeleteStory deletes a story and its links; the questions keep their own
// lines.
func (db *DB) DeleteStory(ctx context.Context, id int64) error {
	// Its lines and links go by ON DELETE CASCADE.
	if err := affected(db.db.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, id)); err != nil {
		return fmt.Errorf("delete story %d: %w", id, err)
	}
	return nil
}

// LinkStory links a question to a story, replacing its earlier one (a
// question has at most one); storyID 0 unlinks it. The question's own
// lines stay.
func (db *DB) LinkStory(ctx context.Context, questionID string, storyID int64) error {
	if questionID == "" {
		return fmt.Errorf("link story %d: no question", storyID)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error { return linkStory(ctx, tx, questionID, storyID) })
	if err != nil {
		return fmt.Errorf("link %s to story %d: %w", questionID, storyID, err)
	}
	return nil
}

func linkStory(ctx context.Context, tx *sql.Tx, questionID string, storyID int64) error {
	if storyID == 0 {
		_, err := tx.ExecContext(ctx, `DELETE FROM story_links WHERE question_id = ?`, questionID)
		return err
	}
	// Selected from stories, so a missing story links nothing and is
	// reported as not found rather than as a foreign key.
	return affected(tx.ExecContext(ctx, `INSERT INTO story_links (question_id, story_id, linked_at)
		SELECT ?, id, ? FROM stories WHERE id = ?
		ON CONFLICT (question_id) DO UPDATE SET story_id = excluded.story_id, linked_at = excluded.linked_at`,
		questionID, time.Now().UnixMilli(), storyID))
}

// Cues returns a question's cue cards: its linked story's lines and its
// own.
func (db *DB) Cues(ctx context.Context, questionID string) (practice.Cues, error) {
	c, err := readCues(ctx, db.db, questionID)
	if err != nil {
		return c, fmt.Errorf("load cue cards for %s: %w", questionID, err)
	}
	return c, nil
}

func readCues(ctx context.Context, q querier, questionID string) (practice.Cues, error) {
	c := practice.Cues{QuestionID: questionID, Story: map[practice.StepID]string{}, Own: map[practice.StepID]string{}}
	err := q.QueryRowContext(ctx, `SELECT s.id, s.title, (SELECT json_group_object(step, line) FROM story_lines WHERE story_id = s.id)
		FROM story_links l JOIN stories s ON s.id = l.story_id WHERE l.question_id = ?`, questionID).
		Scan(&c.StoryID, &c.StoryTitle, jsonDest{&c.Story})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return c, err
	}
	err = q.QueryRowContext(ctx, `SELECT json_group_object(step, note) FROM story_notes WHERE question_id = ?`, questionID).
		Scan(jsonDest{&c.Own})
	return c, err
}

// SetCue saves what the candidate typed on a question's cue card for a
// step while rehearsing, so that a story is typed once, however many
// questions tell it:
//
//   - with no story linked, a STAR step's text starts a story titled
//     newStoryTitle, holding it and the question's other own lines, and
//     links it;
//   - with a story linked, a text equal to the story's line drops the
//     question's own line; on a step the story has no line for, the text
//     becomes the story's line; any other text (a blank one too) becomes
//     the question's own line;
//   - the follow-up note, which no story has, is always the question's
//     own.
func (db *DB) SetCue(ctx context.Context, questionID string, step practice.StepID, text, newStoryTitle string) error {
	if questionID == "" {
		return fmt.Errorf("save cue card for %s: no question", step)
	}
	if !validStep(step) {
		return fmt.Errorf("save cue card for %s: unknown step %q", questionID, step)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		c, err := readCues(ctx, tx, questionID)
		if err != nil {
			return err
		}
		// A story told for this question alone is filled in from its cue
		// cards; one shared with others changes only where it is edited.
		var links int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM story_links WHERE story_id = ?`, c.StoryID).Scan(&links); err != nil {
			return err
		}
		switch {
		case c.StoryID == 0 && step.Valid():
			return startStory(ctx, tx, c, step, text, newStoryTitle)
		case text == c.Story[step]:
			return dropOwnLine(ctx, tx, questionID, step)
		case links == 1 && step.Valid() && c.Story[step] == "":
			return fillStory(ctx, tx, c, step, text)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO story_notes (question_id, step, note, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (question_id, step) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at`,
			questionID, step, text, time.Now().UnixMilli())
		return err
	})
	if err != nil {
		return fmt.Errorf("save cue card for %s: %w", questionID, err)
	}
	return nil
}

func dropOwnLine(ctx context.Context, tx *sql.Tx, questionID string, step practice.StepID) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM story_notes WHERE question_id = ? AND step = ?`, questionID, step)
	return err
}

// fillStory gives the question's story the line it lacked for step.
func fillStory(ctx context.Context, tx *sql.Tx, c practice.Cues, step practice.StepID, text string) error {
	// A story migrated from notes may hold a blank line.
	_, err := tx.ExecContext(ctx, `INSERT INTO story_lines (story_id, step, line) VALUES (?, ?, ?)
		ON CONFLICT (story_id, step) DO UPDATE SET line = excluded.line`, c.StoryID, step, text)
	if err == nil {
		_, err = tx.ExecContext(ctx, `UPDATE stories SET updated_at = ? WHERE id = ?`, time.Now().UnixMilli(), c.StoryID)
	}
	if err == nil {
		err = dropOwnLine(ctx, tx, c.QuestionID, step)
	}
	return err
}

// startStory turns a question without a story, given text for step, into
// one with: its own STAR lines, with text for step, move into a new story
// linked to it. Blank lines are no lines: with none left, no story starts.
func startStory(ctx context.Context, tx *sql.Tx, c practice.Cues, step practice.StepID, text, title string) error {
	s := practice.Story{Title: title, Lines: map[practice.StepID]string{}}
	for st, line := range c.Own {
		if st.Valid() && line != "" {
			s.Lines[st] = line
		}
	}
	if text != "" {
		s.Lines[step] = text
	} else {
		delete(s.Lines, step)
	}
	if len(s.Lines) > 0 {
		if err := s.Validate(); err != nil {
			return fmt.Errorf("new story %q: %w", title, err)
		}
		id, err := writeStory(ctx, tx, &s, storedNow())
		if err == nil {
			err = linkStory(ctx, tx, c.QuestionID, id)
		}
		if err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM story_notes WHERE question_id = ? AND step <> ?`, c.QuestionID, practice.FollowUpStep)
	return err
}

// storedNow is the time now as it reads back from the database, to the
// millisecond, so a time set on save equals the one loaded.
func storedNow() time.Time { return time.UnixMilli(time.Now().UnixMilli()) }

// SavePack keeps an imported question pack's YAML under its name,
// replacing an earlier import of the same name.
func (db *DB) SavePack(ctx context.Context, name string, yaml []byte) error {
	if name == "" {
		return errors.New("save question pack: no name")
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO packs (name, yaml, imported_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET yaml = excluded.yaml, imported_at = excluded.imported_at`,
		name, yaml, time.Now().UnixMilli())
	if err != nil {
		return fmt.Errorf("save question pack %s: %w", name, err)
	}
	return nil
}

// Packs returns the imported question packs in the order they were first
// imported, for loading into the bank at start-up.
func (db *DB) Packs(ctx context.Context) ([]practice.ImportedPack, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT name, yaml, imported_at FROM packs ORDER BY rowid`)
	if err != nil {
		return nil, fmt.Errorf("load question packs: %w", err)
	}
	defer rows.Close()
	var out []practice.ImportedPack
	for rows.Next() {
		var p practice.ImportedPack
		if err := rows.Scan(&p.Name, &p.YAML, timeDest{&p.ImportedAt}); err != nil {
			return nil, fmt.Errorf("load question packs: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load question packs: %w", err)
	}
	return out, nil
}
