package sqlitetest

import (
	"database/sql"
	"path/filepath"

	"starcoach/practice"
	"starcoach/practice/sqlite"
)

// OldNotes makes dataDir's database one from before the story bank
// (schema 5), holding cue-card notes kept per question and step as the app
// kept them then; the next sqlite.Open migrates them. Schemas 6 and 7
// only added tables, an index and a column, so dropping them is schema 5.
func OldNotes(dataDir string, notes map[string]map[practice.StepID]string) error {
	db, err := sqlite.Open(dataDir)
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	sdb, err := sql.Open("sqlite", filepath.Join(dataDir, sqlite.FileName))
	if err != nil {
		return err
	}
	defer sdb.Close()
	if _, err := sdb.Exec(`DROP INDEX attempts_loop; ALTER TABLE attempts DROP COLUMN loop_id;
		DROP TABLE loop_questions; DROP TABLE loops; DROP TABLE story_links; DROP TABLE story_lines; DROP TABLE stories; DROP TABLE settings;
		PRAGMA user_version = 5`); err != nil {
		return err
	}
	for q, steps := range notes {
		for step, note := range steps {
			if _, err := sdb.Exec(`INSERT INTO story_notes (question_id, step, note, updated_at) VALUES (?, ?, ?, 0)`, q, step, note); err != nil {
				return err
			}
		}
	}
	return nil
}
