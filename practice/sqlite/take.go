package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"starcoach/internal/private"
	"starcoach/practice"
)

// takeCols are read by takeDest, in this order.
const takeCols = `t.id, t.attempt_id, t.step, t.counted, t.created_at, t.wav,
	t.clip_start_ms, t.clip_end_ms, t.duration_ms, t.speech_start_ms, t.speech_end_ms,
	t.spoken_ms, t.voiced_ms, t.pauses, t.longest_pause_ms, t.syllables_per_s,
	t.target_ms, t.verdict, COALESCE(t.rating, 0), t.checks, t.note,
	t.noisy, t.sample_rate, t.snr_db, t.clipped, t.overflows`

func takeDest(t *practice.Take) []any {
	return []any{&t.ID, &t.AttemptID, &t.Step, &t.Counted, timeDest{&t.CreatedAt}, &t.WAV,
		msDest{&t.ClipStart}, msDest{&t.ClipEnd}, msDest{&t.Duration}, msDest{&t.SpeechStart}, msDest{&t.SpeechEnd},
		msDest{&t.Spoken}, msDest{&t.Voiced}, &t.Pauses, msDest{&t.LongestPause}, &t.SyllablesPerSec,
		msDest{&t.Target}, &t.Verdict, &t.Rating, listDest{&t.Checks}, &t.Note,
		&t.Noisy, &t.SampleRate, &t.SNR, &t.Clipped, &t.Overflows}
}

// listDest scans a JSON array of strings (a take's ticked self-checks, a
// story's competencies); an empty one reads back as nil, as it was saved.
type listDest struct{ l *[]string }

func (d listDest) Scan(src any) error {
	if err := (jsonDest{d.l}).Scan(src); err != nil {
		return err
	}
	if len(*d.l) == 0 {
		*d.l = nil
	}
	return nil
}

// listJSON is the stored form of a list listDest reads.
func listJSON(l []string) (string, error) {
	if l == nil {
		l = []string{}
	}
	b, err := json.Marshal(l)
	return string(b), err
}

// validStep reports whether s can have a take: a STAR step or a follow-up.
func validStep(s practice.StepID) bool { return s.Valid() || s == practice.FollowUpStep }

// TakePath makes the attempt's recordings folder and returns a new, unique
// WAV path for a take of step, relative to the data directory and
// absolute. The file is created empty with mode 0600, which reserves the
// name and which a recorder's os.Create keeps. Its name, <step>-<n>.wav,
// (takeFile) tells Recover which step a recording cut off by a crash
// belongs to.
func (db *DB) TakePath(ctx context.Context, attemptID int64, step practice.StepID) (rel, abs string, err error) {
	if !validStep(step) {
		return "", "", fmt.Errorf("new take file: unknown step %q", step)
	}
	folder, err := db.folderOf(ctx, db.db, attemptID)
	if err != nil {
		return "", "", fmt.Errorf("new take file: %w", err)
	}
	dir, err := db.folderPath(attemptID, folder)
	if err != nil {
		return "", "", fmt.Errorf("new take file: %w", err)
	}
	named, err := db.namedFiles(ctx, attemptID)
	if err != nil {
		return "", "", fmt.Errorf("new take file: %w", err)
	}
	if err := private.Dir(dir); err != nil {
		return "", "", fmt.Errorf("new take file: %w", err)
	}
	for n := 1; n < 100000; n++ {
		name := takeFile(step, n)
		rel = takeRel(folder, name)
		if named[rel] {
			continue // a row names it though the file is gone; don't reuse
		}
		abs = filepath.Join(dir, name)
		f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", "", fmt.Errorf("new take file: %w", err)
		}
		return rel, abs, f.Close()
	}
	return "", "", fmt.Errorf("new take file: attempt %d has too many takes of %s", attemptID, step)
}

// namedFiles is the set of WAV paths the attempt's takes name.
func (db *DB) namedFiles(ctx context.Context, attemptID int64) (map[string]bool, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT wav FROM takes WHERE attempt_id = ?`, attemptID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	named := map[string]bool{}
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, err
		}
		named[w] = true
	}
	return named, rows.Err()
}

// AddTake saves a take and commits it at once: a take is kept from the
// moment its recording stops. It sets t.ID, t.Counted, and t.CreatedAt
// when zero.
//
// Whether the new take counts for its step is practice.TakeCounts, decided
// in the same transaction against the step's counted take so far, which
// it un-marks when the new one replaces it; t.Counted on the way in is
// ignored. t.WAV must lie in the attempt's recordings folder, so that
// deleting the attempt deletes it.
func (db *DB) AddTake(ctx context.Context, t *practice.Take) error {
	what := fmt.Sprintf("save take of %s in attempt %d", t.Step, t.AttemptID)
	folder, err := db.folderOf(ctx, db.db, t.AttemptID)
	if err == nil {
		err = checkTake(t, folder)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	checks, err := listJSON(t.Checks)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = time.Now()
	}
	var counted bool
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var current *practice.Take
		var cur practice.Take
		err := tx.QueryRowContext(ctx, `SELECT `+takeCols+` FROM takes t WHERE t.attempt_id = ? AND t.step = ? AND t.counted = 1`,
			t.AttemptID, t.Step).Scan(takeDest(&cur)...)
		switch {
		case err == nil:
			current = &cur
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		counted = practice.TakeCounts(*t, current)
		if counted && current != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE takes SET counted = 0 WHERE id = ?`, current.ID); err != nil {
				return err
			}
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO takes (attempt_id, step, counted, created_at, wav,
			clip_start_ms, clip_end_ms, duration_ms, speech_start_ms, speech_end_ms, spoken_ms, voiced_ms,
			pauses, longest_pause_ms, syllables_per_s, target_ms, verdict, rating, checks, note,
			noisy, sample_rate, snr_db, clipped, overflows)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			t.AttemptID, t.Step, counted, t.CreatedAt.UnixMilli(), t.WAV,
			millis(t.ClipStart), millis(t.ClipEnd), millis(t.Duration), millis(t.SpeechStart), millis(t.SpeechEnd),
			millis(t.Spoken), millis(t.Voiced), t.Pauses, millis(t.LongestPause), t.SyllablesPerSec,
			millis(t.Target), t.Verdict, t.Rating, checks, t.Note,
			t.Noisy, t.SampleRate, t.SNR, t.Clipped, t.Overflows).Scan(&t.ID)
		if err != nil {
			return err
		}
		return refreshTotals(ctx, tx, t.AttemptID)
	})
	if err != nil {
		t.ID = 0
		return fmt.Errorf("%s: %w", what, err)
	}
	t.Counted = counted
	return nil
}

// checkTake rejects a take the schema would refuse with a less helpful
// message, or whose file is not a take's in its attempt's folder.
func checkTake(t *practice.Take, folder string) error {
	if !validStep(t.Step) {
		return fmt.Errorf("unknown step %q", t.Step)
	}
	if t.Rating < 0 || t.Rating > 5 {
		return fmt.Errorf("rating %d is not 1-5", t.Rating)
	}
	switch {
	case t.SampleRate < 0:
		return fmt.Errorf("sample rate %d Hz is negative", t.SampleRate)
	case math.IsNaN(t.SNR) || math.IsInf(t.SNR, 0):
		return fmt.Errorf("SNR %v dB is not a number", t.SNR)
	case !(t.Clipped >= 0 && t.Clipped <= 1):
		return fmt.Errorf("clipped share %v is not 0-1", t.Clipped)
	case t.Overflows < 0:
		return fmt.Errorf("overflow count %d is negative", t.Overflows)
	}
	if _, err := checkTakeRel(t.WAV, folder); err != nil {
		return fmt.Errorf("recording %q: %w", t.WAV, err)
	}
	return nil
}

// SetCounted makes a take the one counted for its step, un-marking the
// step's previous one in the same transaction, and updates the totals.
func (db *DB) SetCounted(ctx context.Context, takeID int64) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var attemptID int64
		var step practice.StepID
		err := tx.QueryRowContext(ctx, `SELECT attempt_id, step FROM takes WHERE id = ?`, takeID).Scan(&attemptID, &step)
		if errors.Is(err, sql.ErrNoRows) {
			return practice.ErrNotFound
		}
		if err != nil {
			return err
		}
		// Un-mark first: the unique index allows one counted take per step
		// at every moment, not only at commit.
		if _, err := tx.ExecContext(ctx, `UPDATE takes SET counted = 0 WHERE attempt_id = ? AND step = ? AND counted = 1 AND id <> ?`,
			attemptID, step, takeID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE takes SET counted = 1 WHERE id = ?`, takeID); err != nil {
			return err
		}
		return refreshTotals(ctx, tx, attemptID)
	})
	if err != nil {
		return fmt.Errorf("count take %d: %w", takeID, err)
	}
	return nil
}

// UpdateTake sets a take's self-rating (1-5, 0 to clear), ticked
// self-checks and note.
func (db *DB) UpdateTake(ctx context.Context, takeID int64, rating int, checks []string, note string) error {
	if rating < 0 || rating > 5 {
		return fmt.Errorf("rate take %d: rating %d is not 1-5", takeID, rating)
	}
	c, err := listJSON(checks)
	if err == nil {
		err = affected(db.db.ExecContext(ctx, `UPDATE takes SET rating = NULLIF(?, 0), checks = ?, note = ? WHERE id = ?`,
			rating, c, note, takeID))
	}
	if err != nil {
		return fmt.Errorf("rate take %d: %w", takeID, err)
	}
	return nil
}

// Takes returns an attempt's takes in the order they were recorded.
func (db *DB) Takes(ctx context.Context, attemptID int64) ([]practice.Take, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+takeCols+` FROM takes t WHERE t.attempt_id = ? ORDER BY t.id`, attemptID)
	if err != nil {
		return nil, fmt.Errorf("load takes of attempt %d: %w", attemptID, err)
	}
	defer rows.Close()
	var out []practice.Take
	for rows.Next() {
		var t practice.Take
		if err := rows.Scan(takeDest(&t)...); err != nil {
			return nil, fmt.Errorf("load takes of attempt %d: %w", attemptID, err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load takes of attempt %d: %w", attemptID, err)
	}
	return out, nil
}

// EachTake calls fn with every take and its attempt, attempts newest
// first and takes in recording order, limited to one question unless
// questionID is empty. It streams, so an export of years of practice does
// not sit in memory.
func (db *DB) EachTake(ctx context.Context, questionID string, fn func(practice.TakeRow) error) error {
	where, args := filterSQL(practice.HistoryFilter{QuestionID: questionID})
	rows, err := db.db.QueryContext(ctx, `SELECT `+attemptCols+`, `+takeCols+`
		FROM attempts a JOIN takes t ON t.attempt_id = a.id `+where+`
		ORDER BY a.started_at DESC, a.id DESC, t.id`, args...)
	if err != nil {
		return fmt.Errorf("list takes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r practice.TakeRow
		if err := rows.Scan(append(attemptDest(&r.Attempt), takeDest(&r.Take)...)...); err != nil {
			return fmt.Errorf("list takes: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list takes: %w", err)
	}
	return nil
}
