package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"starcoach/practice"
)

// Loops (loops, loop_questions) group the attempts answered in one
// behavioral round through attempts.loop_id; each answer stays an attempt.

// CreateLoop starts a loop in progress with its picks, in the order they
// will be asked, and sets l.ID, l.Status and, when zero, l.StartedAt. An
// unknown level, or no picks or more than practice.MaxLoop, is an error
// saying which.
func (db *DB) CreateLoop(ctx context.Context, l *practice.Loop) error {
	if _, ok := practice.LevelByID(l.Level); !ok {
		return fmt.Errorf("create loop: unknown level %q", l.Level)
	}
	if len(l.Picks) == 0 || len(l.Picks) > practice.MaxLoop {
		return fmt.Errorf("create loop: %d questions; a loop asks 1 to %d", len(l.Picks), practice.MaxLoop)
	}
	if l.StartedAt.IsZero() {
		l.StartedAt = time.Now()
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO loops (level, started_at, status) VALUES (?, ?, ?) RETURNING id`,
			l.Level, l.StartedAt.UnixMilli(), practice.InProgress).Scan(&l.ID); err != nil {
			return err
		}
		for i, p := range l.Picks {
			// A story deleted since it was chosen links nothing; its title stays.
			if _, err := tx.ExecContext(ctx, `INSERT INTO loop_questions
				(loop_id, position, question_id, competency, repeated, reason, story_id, story_title)
				VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM stories WHERE id = ?), ?)`,
				l.ID, i+1, p.QuestionID, p.Competency, p.Repeat, p.Reason, p.StoryID, p.StoryTitle); err != nil {
				return fmt.Errorf("question %d (%s): %w", i+1, p.QuestionID, err)
			}
		}
		return nil
	})
	if err != nil {
		l.ID = 0
		return fmt.Errorf("create loop: %w", plain(err))
	}
	l.Status = practice.InProgress
	return nil
}

// FinishLoop marks a loop in progress complete now; one already ended is
// left as it is. A missing loop wraps practice.ErrNotFound.
func (db *DB) FinishLoop(ctx context.Context, id int64) error {
	return db.endLoop(ctx, id, practice.Complete, "finish")
}

// AbandonLoop marks a loop in progress left, ended with its last answer;
// its finished answers stay complete attempts. A loop left with no
// answer at all is deleted, as an attempt left with no recording is:
// there is nothing in it to keep. One already ended is left as it is.
// A missing loop wraps practice.ErrNotFound.
func (db *DB) AbandonLoop(ctx context.Context, id int64) error {
	if err := db.endLoop(ctx, id, practice.Abandoned, "leave"); err != nil {
		return err
	}
	_, err := db.db.ExecContext(ctx, `DELETE FROM loops WHERE id = ? AND status = ?
		AND NOT EXISTS (SELECT 1 FROM attempts WHERE loop_id = loops.id)`, id, practice.Abandoned)
	if err != nil {
		return fmt.Errorf("leave loop %d: %w", id, plain(err))
	}
	return nil
}

func (db *DB) endLoop(ctx context.Context, id int64, status practice.Status, doing string) error {
	_, err := db.db.ExecContext(ctx, `UPDATE loops SET status = ?,
			finished_at = CASE WHEN ? THEN ? ELSE (SELECT COALESCE(max(finished_at), loops.started_at) FROM attempts WHERE loop_id = loops.id) END
		WHERE id = ? AND status = ?`, status, status == practice.Complete, time.Now().UnixMilli(), id, practice.InProgress)
	if err == nil {
		err = db.db.QueryRowContext(ctx, `SELECT id FROM loops WHERE id = ?`, id).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			err = practice.ErrNotFound
		}
	}
	if err != nil {
		return fmt.Errorf("%s loop %d: %w", doing, id, plain(err))
	}
	return nil
}

// Loop returns one loop with its picks; a missing one wraps
// practice.ErrNotFound.
func (db *DB) Loop(ctx context.Context, id int64) (practice.Loop, error) {
	ls, err := db.loops(ctx, `WHERE id = ?`, id)
	if err == nil && len(ls) == 0 {
		err = practice.ErrNotFound
	}
	if err != nil {
		return practice.Loop{}, fmt.Errorf("load loop %d: %w", id, err)
	}
	return ls[0], nil
}

// Loops lists every loop with its picks, newest first.
func (db *DB) Loops(ctx context.Context) ([]practice.Loop, error) {
	ls, err := db.loops(ctx, ``)
	if err != nil {
		return nil, fmt.Errorf("list loops: %w", err)
	}
	return ls, nil
}

func (db *DB) loops(ctx context.Context, where string, args ...any) ([]practice.Loop, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, level, started_at, finished_at, status FROM loops `+where+
		` ORDER BY started_at DESC, id DESC`, args...)
	if err != nil {
		return nil, err
	}
	var out []practice.Loop
	at := map[int64]int{}
	for rows.Next() {
		var l practice.Loop
		if err := rows.Scan(&l.ID, &l.Level, timeDest{&l.StartedAt}, timeDest{&l.FinishedAt}, &l.Status); err != nil {
			rows.Close()
			return nil, err
		}
		at[l.ID] = len(out)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil { // a read cut short is no shorter list
		rows.Close()
		return nil, err
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	rows, err = db.db.QueryContext(ctx, `SELECT loop_id, question_id, competency, repeated, reason,
			COALESCE(story_id, 0), story_title
		FROM loop_questions WHERE loop_id IN (SELECT id FROM loops `+where+`) ORDER BY loop_id, position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p practice.LoopPick
		if err := rows.Scan(&id, &p.QuestionID, &p.Competency, &p.Repeat, &p.Reason, &p.StoryID, &p.StoryTitle); err != nil {
			return nil, err
		}
		if i, ok := at[id]; ok {
			out[i].Picks = append(out[i].Picks, p)
		}
	}
	return out, rows.Err()
}

// LoopResult returns a loop with each pick's answer: the attempt made for
// it in the loop, and its takes. A pick never reached, or whose attempt
// was deleted since, has none. A missing loop wraps practice.ErrNotFound.
func (db *DB) LoopResult(ctx context.Context, id int64) (practice.LoopResult, error) {
	l, err := db.Loop(ctx, id)
	if err != nil {
		return practice.LoopResult{}, err
	}
	atts, err := db.Attempts(ctx, practice.HistoryFilter{Loop: id})
	if err != nil {
		return practice.LoopResult{}, fmt.Errorf("load loop %d: %w", id, err)
	}
	r := practice.LoopResult{Loop: l, Answers: make([]practice.LoopAnswer, len(l.Picks))}
	used := make([]bool, len(atts))
	answer := func(a *practice.LoopAnswer, i int) error {
		used[i] = true
		a.Attempt = &atts[i]
		a.Takes, err = db.Takes(ctx, atts[i].ID)
		return err
	}
	for i, p := range l.Picks {
		r.Answers[i].Pick = p
		// Newest first: a question answered twice in one loop (a database
		// edited by hand) shows its latest answer; each answer once.
		for j, a := range atts {
			if used[j] || a.QuestionID != p.QuestionID {
				continue
			}
			if err := answer(&r.Answers[i], j); err != nil {
				return practice.LoopResult{}, fmt.Errorf("load loop %d: %w", id, err)
			}
			break
		}
	}
	// An answer of this loop that none of its picks names is shown too,
	// marked, oldest first: not lost from the loop's page.
	for j := len(atts) - 1; j >= 0; j-- {
		if used[j] {
			continue
		}
		a := practice.LoopAnswer{Pick: practice.LoopPick{QuestionID: atts[j].QuestionID}, Unplanned: true}
		if err := answer(&a, j); err != nil {
			return practice.LoopResult{}, fmt.Errorf("load loop %d: %w", id, err)
		}
		r.Answers = append(r.Answers, a)
	}
	return r, nil
}
