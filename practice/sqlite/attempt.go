package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"starcoach/practice"
)

// attemptCols are read by attemptDest, in this order. The last sums up
// the attempt's counted takes, in one lookup by the takes' attempt index,
// so a page of History pays for its own rows only: their trust, the worst
// of each signal (see practice.Trust; takes from before the signals were
// kept, sample rate 0, have unknown SNR, left out), and their syllables,
// speech and voice pooled for the pace.
const attemptCols = `a.id, a.question_id, a.level, a.mode, COALESCE(a.loop_id, 0), a.started_at, a.finished_at,
	a.status, a.spoken_ms, a.verdict, COALESCE(a.rating, 0), a.note,
	(SELECT json_array(coalesce(max(sample_rate), 0), coalesce(min(CASE WHEN sample_rate > 0 THEN snr_db END), 0),
		coalesce(max(noisy), 0), coalesce(max(clipped), 0), coalesce(max(overflows), 0),
		coalesce(sum(syllables_per_s * spoken_ms), 0), coalesce(sum(spoken_ms), 0), coalesce(sum(voiced_ms), 0))
		FROM takes w WHERE w.attempt_id = a.id AND w.counted = 1)`

func attemptDest(a *practice.Attempt) []any {
	return []any{&a.ID, &a.QuestionID, &a.Level, &a.Mode, &a.Loop, timeDest{&a.StartedAt}, timeDest{&a.FinishedAt},
		&a.Status, msDest{&a.Spoken}, &a.Verdict, &a.Rating, &a.Note, countedDest{a}}
}

// countedDest scans the JSON array attemptCols makes of the counted
// takes into the attempt's trust and pace.
type countedDest struct{ a *practice.Attempt }

func (d countedDest) Scan(src any) error {
	s, ok := src.(string)
	if !ok {
		return fmt.Errorf("counted takes: want JSON text, got %T", src)
	}
	var v [8]float64
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return fmt.Errorf("counted takes: %w", err)
	}
	d.a.Trust = practice.Trust{SampleRate: int(v[0]), SNR: v[1], Noisy: v[2] != 0, Clipped: v[3], Overflows: int(v[4])}
	// One take holding them all pools them as practice.AnswerPace does.
	pooled := practice.Take{Spoken: time.Duration(v[6]) * time.Millisecond, Voiced: time.Duration(v[7]) * time.Millisecond}
	pooled.Noisy = d.a.Trust.Noisy
	if v[6] > 0 {
		pooled.SyllablesPerSec = v[5] / v[6]
	}
	d.a.Pace = practice.TakePace(pooled)
	return nil
}

// CreateAttempt starts an attempt in progress and sets a.ID, a.Status and,
// when zero, a.StartedAt.
func (db *DB) CreateAttempt(ctx context.Context, a *practice.Attempt) error {
	if a.QuestionID == "" {
		return errors.New("create attempt: no question")
	}
	if _, ok := practice.LevelByID(a.Level); !ok {
		return fmt.Errorf("create attempt: unknown level %q", a.Level)
	}
	if a.Mode != practice.StepByStep && a.Mode != practice.Mock {
		return fmt.Errorf("create attempt: unknown mode %q", a.Mode)
	}
	if a.StartedAt.IsZero() {
		a.StartedAt = time.Now()
	}
	a.Status = practice.InProgress
	folder, err := NewFolder(a.StartedAt)
	if err != nil {
		return fmt.Errorf("create attempt: %w", err)
	}
	err = db.db.QueryRowContext(ctx, `INSERT INTO attempts (question_id, level, mode, started_at, status, note, folder, loop_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0)) RETURNING id`,
		a.QuestionID, a.Level, a.Mode, a.StartedAt.UnixMilli(), a.Status, a.Note, folder, a.Loop).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("create attempt: %w", plain(err))
	}
	return nil
}

// FinishAttempt marks an attempt complete now and returns it with its
// totals from the counted takes.
func (db *DB) FinishAttempt(ctx context.Context, id int64) (practice.Attempt, error) {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := affected(tx.ExecContext(ctx, `UPDATE attempts SET status = ?, finished_at = ? WHERE id = ?`,
			practice.Complete, time.Now().UnixMilli(), id)); err != nil {
			return err
		}
		return refreshTotals(ctx, tx, id)
	})
	if err != nil {
		return practice.Attempt{}, fmt.Errorf("finish attempt %d: %w", id, err)
	}
	return db.Attempt(ctx, id)
}

// refreshTotals sets an attempt's whole answer and its verdict from its
// counted takes, by practice.WholeAnswer: the one figure every screen
// shows.
func refreshTotals(ctx context.Context, tx *sql.Tx, id int64) error {
	var level practice.LevelID
	var mode practice.Mode
	err := tx.QueryRowContext(ctx, `SELECT level, mode FROM attempts WHERE id = ?`, id).Scan(&level, &mode)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("attempt %d: %w", id, practice.ErrNotFound)
	}
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+takeCols+` FROM takes t WHERE t.attempt_id = ? AND t.counted = 1`, id)
	if err != nil {
		return err
	}
	var counted []practice.Take
	for rows.Next() {
		var t practice.Take
		if err := rows.Scan(takeDest(&t)...); err != nil {
			rows.Close()
			return err
		}
		counted = append(counted, t)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	spoken := practice.WholeAnswer(mode, counted)
	var verdict practice.Verdict
	if l, ok := practice.LevelByID(level); ok && len(counted) > 0 {
		verdict = practice.TotalVerdict(spoken, l)
	}
	_, err = tx.ExecContext(ctx, `UPDATE attempts SET spoken_ms = ?, verdict = ? WHERE id = ?`, millis(spoken), verdict, id)
	return err
}

// AbandonAttempt ends an attempt the candidate left unfinished: it keeps
// its takes and shows in History, marked, but never enters statistics.
// An attempt already ended is left as it is.
func (db *DB) AbandonAttempt(ctx context.Context, id int64) error {
	_, err := db.db.ExecContext(ctx, `UPDATE attempts SET status = ?,
			finished_at = (SELECT COALESCE(max(created_at), attempts.started_at) FROM takes WHERE attempt_id = attempts.id)
		WHERE id = ? AND status = ?`, practice.Abandoned, id, practice.InProgress)
	if err == nil {
		_, err = db.Attempt(ctx, id) // wraps ErrNotFound when there is no such attempt
	}
	if err != nil {
		return fmt.Errorf("abandon attempt %d: %w", id, err)
	}
	return nil
}

// RateAttempt sets an attempt's overall self-rating (1-5, 0 to clear) and
// note.
func (db *DB) RateAttempt(ctx context.Context, id int64, rating int, note string) error {
	if rating < 0 || rating > 5 {
		return fmt.Errorf("rate attempt %d: rating %d is not 1-5", id, rating)
	}
	err := affected(db.db.ExecContext(ctx, `UPDATE attempts SET rating = NULLIF(?, 0), note = ? WHERE id = ?`, rating, note, id))
	if err != nil {
		return fmt.Errorf("rate attempt %d: %w", id, err)
	}
	return nil
}

// Attempt returns one attempt; a missing one wraps practice.ErrNotFound.
func (db *DB) Attempt(ctx context.Context, id int64) (practice.Attempt, error) {
	var a practice.Attempt
	err := db.db.QueryRowContext(ctx, `SELECT `+attemptCols+` FROM attempts a WHERE a.id = ?`, id).Scan(attemptDest(&a)...)
	if errors.Is(err, sql.ErrNoRows) {
		err = practice.ErrNotFound
	}
	if err != nil {
		return practice.Attempt{}, fmt.Errorf("load attempt %d: %w", id, err)
	}
	return a, nil
}

// Attempts lists the attempts f selects, newest first.
func (db *DB) Attempts(ctx context.Context, f practice.HistoryFilter) ([]practice.Attempt, error) {
	where, args := filterSQL(f)
	rows, err := db.db.QueryContext(ctx, `SELECT `+attemptCols+` FROM attempts a `+where+
		` ORDER BY a.started_at DESC, a.id DESC LIMIT ? OFFSET ?`, append(args, limit(f), f.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("list attempts: %w", err)
	}
	defer rows.Close()
	var out []practice.Attempt
	for rows.Next() {
		var a practice.Attempt
		if err := rows.Scan(attemptDest(&a)...); err != nil {
			return nil, fmt.Errorf("list attempts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list attempts: %w", err)
	}
	return out, nil
}

// filterSQL is the WHERE clause (on attempts aliased a) and its arguments
// for f's question, level, mode and date range.
func filterSQL(f practice.HistoryFilter) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		args = append(args, arg)
	}
	if f.QuestionID != "" {
		add("a.question_id = ?", f.QuestionID)
	}
	if f.Level != "" {
		add("a.level = ?", f.Level)
	}
	if f.Mode != "" {
		add("a.mode = ?", f.Mode)
	}
	if f.Status != "" {
		add("a.status = ?", f.Status)
	}
	if f.Loop != 0 {
		add("a.loop_id = ?", f.Loop)
	}
	if !f.From.IsZero() {
		add("a.started_at >= ?", f.From.UnixMilli())
	}
	if !f.To.IsZero() {
		add("a.started_at < ?", f.To.UnixMilli())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return "WHERE " + strings.Join(conds, " AND "), args
}

// limit is f.Limit for SQL, where -1 means none.
func limit(f practice.HistoryFilter) int {
	if f.Limit <= 0 {
		return -1
	}
	return f.Limit
}

// DeleteAttempt deletes an attempt, its takes and its recordings.
//
// The recordings folder is first renamed to a trash name, then the rows
// are deleted, then the trash: a crash at any point leaves either the rows
// and (after Recover renames it back) their files, or neither.
func (db *DB) DeleteAttempt(ctx context.Context, id int64) error {
	name, err := db.folderOf(ctx, db.db, id)
	var folder string
	if err == nil {
		folder, err = db.folderPath(id, name)
	}
	if err != nil {
		return fmt.Errorf("delete attempt %d: %w", id, err)
	}
	trash := filepath.Join(filepath.Dir(folder), trashPrefix+name)
	if err := os.Rename(folder, trash); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete attempt %d: %w", id, err)
	}
	err = affected(db.db.ExecContext(ctx, `DELETE FROM attempts WHERE id = ?`, id))
	if err != nil {
		if rerr := os.Rename(trash, folder); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
		return fmt.Errorf("delete attempt %d: %w", id, err)
	}
	if err := os.RemoveAll(trash); err != nil {
		return fmt.Errorf("delete recordings of attempt %d: %w", id, err)
	}
	return nil
}

// trashPrefix names a recordings folder whose attempt is being deleted.
const trashPrefix = ".trash-"

// querier is a connection pool or a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// folderOf is the name of an attempt's recordings folder.
func (db *DB) folderOf(ctx context.Context, q querier, id int64) (string, error) {
	var name string
	err := q.QueryRowContext(ctx, `SELECT folder FROM attempts WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("attempt %d: %w", id, practice.ErrNotFound)
	}
	return name, err
}

// affected turns an UPDATE or DELETE that matched no row into
// practice.ErrNotFound.
func affected(res sql.Result, err error) error {
	if err != nil {
		return plain(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return practice.ErrNotFound
	}
	return nil
}
