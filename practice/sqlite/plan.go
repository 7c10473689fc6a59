package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"starcoach/practice"
)

// PlanHistory returns every question with complete attempts, by question
// ID, with its last practice.PlanDepth complete attempts, newest first,
// each with its counted takes in recording order: what practice.Plan and
// practice.Readiness read. Abandoned and interrupted attempts are left
// out, as in every statistic.
func (db *DB) PlanHistory(ctx context.Context) ([]practice.QuestionHistory, error) {
	// Each question's latest attempts are a short walk down its
	// (question_id, started_at) index; ranking every attempt with a window
	// function took five times longer (20 ms on 10,000 attempts). A
	// complete attempt with no counted take (none was timed) still counts:
	// its NULL take columns are skipped.
	rows, err := db.db.QueryContext(ctx, `WITH questions AS (SELECT DISTINCT question_id FROM attempts)
		SELECT r.id, r.question_id, r.started_at, r.level, r.spoken_ms, r.verdict, COALESCE(r.rating, 0),
			t.step, t.spoken_ms, t.target_ms, t.verdict, COALESCE(t.rating, 0)
		FROM questions q JOIN attempts r ON r.id IN (
				SELECT id FROM attempts x WHERE x.question_id = q.question_id AND x.status = ?1
				ORDER BY x.started_at DESC, x.id DESC LIMIT ?2)
			LEFT JOIN takes t ON t.attempt_id = r.id AND t.counted = 1
		ORDER BY r.question_id, r.started_at DESC, r.id DESC, t.id`,
		practice.Complete, practice.PlanDepth)
	if err != nil {
		return nil, fmt.Errorf("load plan history: %w", err)
	}
	defer rows.Close()
	var out []practice.QuestionHistory
	var lastID int64
	for rows.Next() {
		var q string
		var a practice.AttemptTimes
		var step, verdict sql.NullString
		var spoken, target, rating sql.NullInt64
		if err := rows.Scan(&a.ID, &q, timeDest{&a.StartedAt}, &a.Level, msDest{&a.Spoken}, &a.Verdict, &a.Rating,
			&step, &spoken, &target, &verdict, &rating); err != nil {
			return nil, fmt.Errorf("load plan history: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].QuestionID != q {
			out = append(out, practice.QuestionHistory{QuestionID: q})
		}
		h := &out[len(out)-1]
		if a.ID != lastID {
			h.Attempts = append(h.Attempts, a)
			lastID = a.ID
		}
		if step.Valid {
			cur := &h.Attempts[len(h.Attempts)-1]
			cur.Steps = append(cur.Steps, practice.StepPoint{AttemptID: a.ID, StartedAt: a.StartedAt, Level: a.Level,
				Step: practice.StepID(step.String), Spoken: time.Duration(spoken.Int64) * time.Millisecond,
				Target: time.Duration(target.Int64) * time.Millisecond, Verdict: practice.Verdict(verdict.String),
				Rating: int(rating.Int64)})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load plan history: %w", err)
	}
	return out, nil
}

// interviewKey is the settings row of the interview date, kept as
// dateLayout so it reads the same in any time zone.
const (
	interviewKey = "interview_date"
	dateLayout   = "2006-01-02"
)

// InterviewDate is the date of the interview the candidate prepares for,
// at local midnight; zero when none is set, or when the stored date is
// one practice.KeptInterviewDate drops (a restored database can hold
// 9999-12-31).
func (db *DB) InterviewDate(ctx context.Context) (time.Time, error) {
	var v string
	err := db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, interviewKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("load interview date: %w", err)
	}
	d, err := time.ParseInLocation(dateLayout, v, time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("load interview date: stored %q is not YYYY-MM-DD: %w", v, err)
	}
	return practice.KeptInterviewDate(d, time.Now()), nil
}

// SetInterviewDate keeps d's calendar date, in d's own time zone, as the
// interview date, if practice.CheckInterviewDate allows it today; a zero d
// clears it.
func (db *DB) SetInterviewDate(ctx context.Context, d time.Time) error {
	if d.IsZero() {
		if _, err := db.db.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, interviewKey); err != nil {
			return fmt.Errorf("clear interview date: %w", err)
		}
		return nil
	}
	if err := practice.CheckInterviewDate(d, time.Now()); err != nil {
		return fmt.Errorf("set interview date: %w", err)
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, interviewKey, d.Format(dateLayout))
	if err != nil {
		return fmt.Errorf("set interview date: %w", err)
	}
	return nil
}

// Settings are the small choices kept with the data (the level, the
// microphone, the window's size...), by key; the interview date is read
// with InterviewDate.
func (db *DB) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT key, value FROM settings WHERE key <> ?`, interviewKey)
	if err != nil {
		return nil, fmt.Errorf("load settings: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("load settings: %w", err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load settings: %w", err)
	}
	return out, nil
}

// SetSetting keeps one of the small choices Settings reads.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	if key == interviewKey {
		return fmt.Errorf("set setting: %s is set with SetInterviewDate", key)
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("set setting %s: %w", key, plain(err))
	}
	return nil
}
