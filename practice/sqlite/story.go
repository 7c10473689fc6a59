package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"starcoach/practice"
)

// SaveStory saves the candidate's notes for a question, replacing the
// earlier ones in one transaction (a step left out loses its note). It
// sets s.UpdatedAt.
func (db *DB) SaveStory(ctx context.Context, s *practice.Story) error {
	now := time.Now()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_notes WHERE question_id = ?`, s.QuestionID); err != nil {
			return err
		}
		for step, note := range s.Notes {
			if !validStep(step) {
				return fmt.Errorf("unknown step %q", step)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO story_notes (question_id, step, note, updated_at) VALUES (?, ?, ?, ?)`,
				s.QuestionID, step, note, now.UnixMilli()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save story for %s: %w", s.QuestionID, err)
	}
	s.UpdatedAt = now
	return nil
}

// Story returns the candidate's notes for a question; with none saved the
// story is empty and its UpdatedAt zero.
func (db *DB) Story(ctx context.Context, questionID string) (practice.Story, error) {
	s := practice.Story{QuestionID: questionID, Notes: map[practice.StepID]string{}}
	rows, err := db.db.QueryContext(ctx, `SELECT step, note, updated_at FROM story_notes WHERE question_id = ?`, questionID)
	if err != nil {
		return s, fmt.Errorf("load story for %s: %w", questionID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var step practice.StepID
		var note string
		var at time.Time
		if err := rows.Scan(&step, &note, timeDest{&at}); err != nil {
			return s, fmt.Errorf("load story for %s: %w", questionID, err)
		}
		s.Notes[step] = note
		if at.After(s.UpdatedAt) {
			s.UpdatedAt = at
		}
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("load story for %s: %w", questionID, err)
	}
	return s, nil
}

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
