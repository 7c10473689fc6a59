package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"starcoach/practice"
)

// RecoveryReport says what Recover found after the app last stopped.
type RecoveryReport struct {
	// Interrupted are the attempts left in progress, now interrupted.
	Interrupted []int64
	// Salvaged are the takes made from recordings no take named.
	Salvaged []practice.Take
	// Failed are the recordings that could not be salvaged; they are left
	// where they are, and Check goes on reporting them.
	Failed []SalvageFailure
	// Removed are empty files of recordings that never started (TakePath
	// reserves the name before the recorder writes), now deleted.
	Removed []string
}

// Salvager turns a recording of step cut off by a crash (absolute path)
// of an attempt back into a take; it may repair the file in place.
type Salvager func(absWAV string, att practice.Attempt, step practice.StepID) (practice.Take, error)

// SalvageFailure is a recording Recover could not attach to a take.
type SalvageFailure struct {
	WAV string // relative to the data directory
	Err error
}

// Recover puts the data directory right after a crash; call it once at
// start-up, before anything is recorded. It finishes deletions cut short;
// hands each recording of an attempt in progress or abandoned that no take
// names (one killed before its take was saved, or one whose save failed
// before the candidate left) to salvage and attaches the take it returns
// to the step the file is named after; and marks attempts left in
// progress interrupted, keeping their takes and totals.
func (db *DB) Recover(ctx context.Context, salvage Salvager) (RecoveryReport, error) {
	var rep RecoveryReport
	if err := db.finishDeletes(ctx); err != nil {
		return rep, fmt.Errorf("recover: %w", err)
	}
	// Only an attempt still in progress can have been recording when the
	// app stopped; one the candidate left may hold a recording whose save
	// failed.
	rows, err := db.db.QueryContext(ctx, `SELECT id FROM attempts WHERE status IN (?, ?) ORDER BY id`,
		practice.InProgress, practice.Abandoned)
	if err != nil {
		return rep, fmt.Errorf("recover: %w", err)
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return rep, fmt.Errorf("recover: %w", err)
	}
	for _, id := range ids {
		if err := db.salvageAttempt(ctx, id, salvage, &rep); err != nil {
			return rep, fmt.Errorf("recover attempt %d: %w", id, err)
		}
	}
	// Totals need no update: every saved take has already refreshed them.
	rows, err = db.db.QueryContext(ctx, `UPDATE attempts SET status = ?,
			finished_at = (SELECT COALESCE(max(created_at), attempts.started_at) FROM takes WHERE attempt_id = attempts.id)
		WHERE status = ? RETURNING id`, practice.Interrupted, practice.InProgress)
	if err == nil {
		rep.Interrupted, err = scanIDs(rows)
	}
	if err != nil {
		return rep, fmt.Errorf("recover: mark interrupted attempts: %w", err)
	}
	// A loop under way ends with its last answer.
	if _, err := db.db.ExecContext(ctx, `UPDATE loops SET status = ?,
			finished_at = (SELECT COALESCE(max(finished_at), loops.started_at) FROM attempts WHERE loop_id = loops.id)
		WHERE status = ?`, practice.Interrupted, practice.InProgress); err != nil {
		return rep, fmt.Errorf("recover: mark interrupted loops: %w", err)
	}
	return rep, nil
}

// finishDeletes completes DeleteAttempt calls cut short: a trash folder
// whose attempt still exists goes back, any other is removed. A name
// that is not a trash folder's the app makes is left alone.
func (db *DB) finishDeletes(ctx context.Context) error {
	trash, err := filepath.Glob(filepath.Join(db.dir, recordingsDir, trashPrefix+"*"))
	if err != nil {
		return err
	}
	for _, t := range trash {
		folder := strings.TrimPrefix(filepath.Base(t), trashPrefix)
		if !validFolder(folder) {
			continue
		}
		var id int64
		err := db.db.QueryRowContext(ctx, `SELECT id FROM attempts WHERE folder = ?`, folder).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if err = db.inside(t); err == nil {
				err = os.RemoveAll(t)
			}
		case err == nil:
			var back string
			if back, err = db.folderPath(id, folder); err == nil {
				err = os.Rename(t, back)
			}
		}
		if err != nil {
			return fmt.Errorf("finish deleting the recordings in %s: %w", folder, err)
		}
	}
	return nil
}

// salvageAttempt attaches the recordings in an attempt's folder that no
// take names.
func (db *DB) salvageAttempt(ctx context.Context, id int64, salvage Salvager, rep *RecoveryReport) error {
	att, err := db.Attempt(ctx, id)
	if err != nil {
		return err
	}
	folder, err := db.folderOf(ctx, db.db, id)
	if err != nil {
		return err
	}
	dir, err := db.folderPath(id, folder)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	named, err := db.namedFiles(ctx, id)
	if err != nil {
		return err
	}
	for _, e := range entries {
		rel := takeRel(folder, e.Name())
		if !e.Type().IsRegular() || named[rel] {
			continue
		}
		step, _, ok := parseTakeFile(e.Name())
		if !ok {
			rep.Failed = append(rep.Failed, SalvageFailure{WAV: rel, Err: fmt.Errorf("%s is not named <step>-<n>.wav", e.Name())})
			continue
		}
		abs := filepath.Join(dir, e.Name())
		info, err := e.Info()
		if err != nil {
			return err
		}
		if info.Size() == 0 {
			if err := os.Remove(abs); err != nil {
				return err
			}
			rep.Removed = append(rep.Removed, rel)
			continue
		}
		t, err := salvage(abs, att, step)
		if err == nil {
			// Repair may have rewritten the file with the default mode.
			err = os.Chmod(abs, 0o600)
		}
		if err != nil {
			rep.Failed = append(rep.Failed, SalvageFailure{WAV: rel, Err: err})
			continue
		}
		t.ID, t.AttemptID, t.Step, t.WAV, t.Counted = 0, id, step, rel, false
		if t.CreatedAt.IsZero() {
			t.CreatedAt = info.ModTime()
		}
		if err := db.AddTake(ctx, &t); err != nil {
			return err
		}
		rep.Salvaged = append(rep.Salvaged, t)
	}
	return nil
}

// CheckReport lists where rows and files disagree.
type CheckReport struct {
	// Missing are takes whose recording is gone.
	Missing []MissingFile
	// Orphans are files under recordings/ that no take names, relative to
	// the data directory.
	Orphans []string
}

// MissingFile is a take whose WAV does not exist.
type MissingFile struct {
	TakeID, AttemptID int64
	WAV               string
}

// OK reports whether rows and files agree.
func (r CheckReport) OK() bool { return len(r.Missing) == 0 && len(r.Orphans) == 0 }

// Check compares the takes with the files under recordings/ and reports
// takes whose file is missing and files no take names.
func (db *DB) Check(ctx context.Context) (CheckReport, error) {
	var rep CheckReport
	rows, err := db.db.QueryContext(ctx, `SELECT t.id, t.attempt_id, t.wav, a.folder
		FROM takes t JOIN attempts a ON a.id = t.attempt_id ORDER BY t.id`)
	if err != nil {
		return rep, fmt.Errorf("check recordings: %w", err)
	}
	named := map[string]bool{}
	for rows.Next() {
		var m MissingFile
		var folder string
		if err := rows.Scan(&m.TakeID, &m.AttemptID, &m.WAV, &folder); err != nil {
			rows.Close()
			return rep, fmt.Errorf("check recordings: %w", err)
		}
		if !named[m.WAV] {
			abs, err := db.takePath(fmt.Sprintf("take %d of attempt %d", m.TakeID, m.AttemptID), m.WAV, folder)
			if err != nil {
				rows.Close()
				return rep, fmt.Errorf("check recordings: %w", err)
			}
			if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
				rep.Missing = append(rep.Missing, m)
			}
		}
		named[m.WAV] = true
	}
	if err := rows.Err(); err != nil {
		return rep, fmt.Errorf("check recordings: %w", err)
	}
	err = walkDir(filepath.Join(db.dir, recordingsDir), func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // deleted while the check ran (the app deleting an attempt)
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(db.dir, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); !named[rel] {
			rep.Orphans = append(rep.Orphans, rel)
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("check recordings: %w", err)
	}
	return rep, nil
}

// walkDir is filepath.WalkDir; a test makes a folder vanish mid-walk.
var walkDir = filepath.WalkDir

// scanIDs reads and closes rows of one integer column.
func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
