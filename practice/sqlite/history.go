package sqlite

import (
	"context"
	"fmt"
	"time"

	"starcoach/practice"
)

// StepProgress returns one question's last complete attempts (all when
// last <= 0), newest first, each with its whole answer and its counted
// takes in recording order: the points of a progress chart. Abandoned and
// interrupted attempts are left out, as is one with no counted take (an
// untimed mock): half an answer says nothing about timing.
func (db *DB) StepProgress(ctx context.Context, questionID string, last int) ([]practice.AttemptTimes, error) {
	rows, err := db.db.QueryContext(ctx, `WITH recent AS (
			SELECT id, started_at, level, spoken_ms, verdict, COALESCE(rating, 0) AS rating FROM attempts
			WHERE question_id = ? AND status = ?
			ORDER BY started_at DESC, id DESC LIMIT ?)
		SELECT r.id, r.started_at, r.level, r.spoken_ms, r.verdict, r.rating,
			t.step, t.spoken_ms, t.target_ms, t.verdict, COALESCE(t.rating, 0)
		FROM recent r JOIN takes t ON t.attempt_id = r.id AND t.counted = 1
		ORDER BY r.started_at DESC, r.id DESC, t.id`,
		questionID, practice.Complete, limit(practice.HistoryFilter{Limit: last}))
	if err != nil {
		return nil, fmt.Errorf("load progress of %s: %w", questionID, err)
	}
	defer rows.Close()
	var out []practice.AttemptTimes
	for rows.Next() {
		var a practice.AttemptTimes
		var p practice.StepPoint
		if err := rows.Scan(&a.ID, timeDest{&a.StartedAt}, &a.Level, msDest{&a.Spoken}, &a.Verdict, &a.Rating,
			&p.Step, msDest{&p.Spoken}, msDest{&p.Target}, &p.Verdict, &p.Rating); err != nil {
			return nil, fmt.Errorf("load progress of %s: %w", questionID, err)
		}
		if len(out) == 0 || out[len(out)-1].ID != a.ID {
			out = append(out, a)
		}
		p.AttemptID, p.StartedAt, p.Level = a.ID, a.StartedAt, a.Level
		cur := &out[len(out)-1]
		cur.Steps = append(cur.Steps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load progress of %s: %w", questionID, err)
	}
	return out, nil
}

// StepStats sums up each step's counted takes over the complete attempts
// f selects (whatever f.Status says) by practice.Stats; f.Limit is the
// "last N attempts". Steps come in speaking order, a follow-up last.
func (db *DB) StepStats(ctx context.Context, f practice.HistoryFilter) ([]practice.StepStats, error) {
	f.Status = practice.Complete
	where, args := filterSQL(f)
	rows, err := db.db.QueryContext(ctx, `WITH recent AS (
			SELECT a.id, a.started_at FROM attempts a `+where+`
			ORDER BY a.started_at DESC, a.id DESC LIMIT ? OFFSET ?)
		SELECT t.step, t.spoken_ms, t.target_ms, t.verdict, COALESCE(t.rating, 0)
		FROM recent r JOIN takes t ON t.attempt_id = r.id AND t.counted = 1
		ORDER BY r.started_at DESC, r.id DESC`, append(args, limit(f), f.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("load step statistics: %w", err)
	}
	defer rows.Close()
	var ps []practice.StepPoint
	for rows.Next() {
		var p practice.StepPoint
		if err := rows.Scan(&p.Step, msDest{&p.Spoken}, msDest{&p.Target}, &p.Verdict, &p.Rating); err != nil {
			return nil, fmt.Errorf("load step statistics: %w", err)
		}
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load step statistics: %w", err)
	}
	return practice.Stats(ps), nil
}

// Streak is the number of consecutive days, in now's time zone, with at
// least one attempt, ending today or yesterday (a streak is not broken
// until a whole day passes without practice).
func (db *DB) Streak(ctx context.Context, now time.Time) (int, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT started_at FROM attempts WHERE started_at < ? ORDER BY started_at DESC`,
		day(now).AddDate(0, 0, 1).UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("count streak: %w", err)
	}
	defer rows.Close()
	streak := 0
	// next is the day that continues the streak; the first attempt may be
	// today or yesterday.
	next := day(now)
	for rows.Next() {
		var at time.Time
		if err := rows.Scan(timeDest{&at}); err != nil {
			return 0, fmt.Errorf("count streak: %w", err)
		}
		d := day(at.In(now.Location()))
		switch {
		case d.Equal(next):
			streak++
			next = next.AddDate(0, 0, -1)
		case streak == 0 && d.Equal(next.AddDate(0, 0, -1)):
			streak = 1
			next = d.AddDate(0, 0, -1)
		case d.Before(next):
			return streak, nil // a day without practice
		}
		// Otherwise d is a day already counted.
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("count streak: %w", err)
	}
	return streak, nil
}

// day is midnight at the start of t's day, in t's time zone.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// Counts returns the complete attempts started this week (from Monday,
// in now's time zone), the time spoken in them, and the number of
// distinct questions ever practised to the end.
func (db *DB) Counts(ctx context.Context, now time.Time) (practice.Counts, error) {
	today := day(now)
	monday := today.AddDate(0, 0, -(int(today.Weekday())+6)%7)
	var c practice.Counts
	// Statistics count complete attempts only: one left or cut short is
	// kept in History, marked, and nowhere else.
	err := db.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(spoken_ms), 0),
			(SELECT count(DISTINCT question_id) FROM attempts WHERE status = ?1)
		FROM attempts WHERE started_at >= ?2 AND status = ?1`,
		practice.Complete, monday.UnixMilli()).Scan(&c.ThisWeek, msDest{&c.SpokenThisWeek}, &c.Questions)
	if err != nil {
		return c, fmt.Errorf("count attempts: %w", err)
	}
	return c, nil
}
