// Package sqlitetest fills a data directory with a made-up practice
// history, fast: thousands of attempts in one transaction. UI tests,
// benchmarks and the screenshot script use it; the app never does.
package sqlitetest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver

	"starcoach/practice"
	"starcoach/practice/sqlite"
)

// Options shape the history Seed makes.
type Options struct {
	// N attempts, one every Every (default an hour) back from Now (default
	// time.Now()): the newest started at Now-Every.
	N     int
	Now   time.Time
	Every time.Duration
	// Questions are cycled through by attempt (default question-00 to
	// question-49); Levels likewise (default all three).
	Questions []string
	Levels    []practice.LevelID
	// Targets gives each step's target for a question at a level; nil
	// means 30 s a step.
	Targets func(questionID string, level practice.LevelID) map[practice.StepID]time.Duration
	// Loop makes the attempts one interview loop's answers, all mock
	// interviews, in a loop complete at the level of the first; each is
	// picked for Competency(its question), or none when nil.
	Loop       bool
	Competency func(questionID string) string
	// Over is how far over target the oldest attempts run, as a share
	// of it (default 0.4); the newest run a little under.
	Over float64
}

// Seed adds o.N complete attempts to the data directory's database
// (created if need be), each with a counted take of all five steps. Spoken
// times start about a third over target in the oldest attempts and settle
// a little under target in the newest, with some scatter; every fourth attempt also
// has an earlier, uncounted take of its Action. The takes name WAV files
// that are not created. Returns the IDs, newest attempt first.
func Seed(dataDir string, o Options) ([]int64, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Every <= 0 {
		o.Every = time.Hour
	}
	if o.Over == 0 {
		o.Over = 0.4
	}
	if len(o.Questions) == 0 {
		for i := range 50 {
			o.Questions = append(o.Questions, fmt.Sprintf("question-%02d", i))
		}
	}
	if len(o.Levels) == 0 {
		for _, l := range practice.Levels {
			o.Levels = append(o.Levels, l.ID)
		}
	}
	db, err := sqlite.Open(dataDir) // creates the schema
	if err != nil {
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	sdb, err := sql.Open("sqlite", filepath.Join(db.Dir(), sqlite.FileName)+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)")
	if err != nil {
		return nil, err
	}
	defer sdb.Close()
	ids, err := seed(context.Background(), sdb, o)
	if err != nil {
		return nil, fmt.Errorf("seed history: %w", err)
	}
	return ids, nil
}

// syllablesPerSec varies a take's syllable rate over 2.2-3.0 a second:
// with its voice 85 % of its spoken time, about 120-195 words a minute,
// slow to fast as candidates speak.
func syllablesPerSec(k int) float64 { return 2.2 + float64(k%9)/10 }

// mockGap is the quiet between two steps of a seeded mock answer: 0.3 s
// after one step's last word, 0.6 s before the next one's first.
const mockGap = 900 * time.Millisecond

func seed(ctx context.Context, sdb *sql.DB, o Options) ([]int64, error) {
	tx, err := sdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	insA, err := tx.PrepareContext(ctx, `INSERT INTO attempts (question_id, level, mode, started_at, finished_at, status, spoken_ms, verdict, rating, note, folder)
		VALUES (?, ?, ?, ?, ?, 'complete', ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return nil, err
	}
	insT, err := tx.PrepareContext(ctx, `INSERT INTO takes (attempt_id, step, counted, created_at, wav, clip_start_ms, clip_end_ms,
			duration_ms, speech_start_ms, speech_end_ms, spoken_ms, voiced_ms, pauses, longest_pause_ms, syllables_per_s,
			target_ms, verdict, rating, checks, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 600, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')`)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, o.N)
	// Oldest first, so IDs rise with time as they do in use.
	for i := o.N; i >= 1; i-- {
		q := o.Questions[i%len(o.Questions)]
		lid := o.Levels[i%len(o.Levels)]
		level, ok := practice.LevelByID(lid)
		if !ok {
			return nil, fmt.Errorf("unknown level %q", lid)
		}
		targets := map[practice.StepID]time.Duration{}
		if o.Targets != nil {
			targets = o.Targets(q, lid)
		}
		started := o.Now.Add(-time.Duration(i) * o.Every)
		age := float64(i) / float64(o.N) // 1 for the oldest, near 0 for the newest
		mode := []practice.Mode{practice.StepByStep, practice.Mock}[i%2]
		if o.Loop {
			mode = practice.Mock
		}
		spoken := map[practice.StepID]time.Duration{}
		var total time.Duration
		for j, step := range practice.Steps {
			target := targets[step]
			if target == 0 {
				target = 30 * time.Second
			}
			scatter := float64((i*37+j*11)%23-11) / 100 // -0.11 to +0.11
			f := 0.93 + o.Over*age + scatter
			spoken[step] = time.Duration(float64(target)*f) / time.Millisecond * time.Millisecond
			total += spoken[step]
		}
		if mode == practice.Mock {
			// One recording: the 0.9 s between one step's last word and
			// the next one's first count, as practice.WholeAnswer says.
			total += time.Duration(len(practice.Steps)-1) * mockGap
		}
		note := ""
		if i%7 == 0 {
			note = "Lead with the number next time."
		}
		folder, err := sqlite.NewFolder(started)
		if err != nil {
			return nil, err
		}
		var id int64
		if err := insA.QueryRowContext(ctx, q, lid, mode,
			started.UnixMilli(), started.Add(8*time.Minute).UnixMilli(), total.Milliseconds(),
			practice.TotalVerdict(total, level), 1+(i*3)%5, note, folder).Scan(&id); err != nil {
			return nil, err
		}
		ids[i-1] = id
		var clipAt time.Duration // where a mock's next clip starts
		take := func(step practice.StepID, n int, counted bool, at time.Time, sp time.Duration) error {
			k := n + len(step) // varies the figures from take to take
			target := targets[step]
			if target == 0 {
				target = 30 * time.Second
			}
			ms := sp.Milliseconds()
			checks := "[]"
			if counted && i%3 == 0 {
				checks = `["Said it in one breath"]`
			}
			from := int64(0)
			if mode == practice.Mock && counted {
				from = clipAt.Milliseconds()
				clipAt += sp + mockGap
			}
			_, err := insT.ExecContext(ctx, id, step, counted, at.UnixMilli(), fmt.Sprintf("recordings/%s/%s-%d.wav", folder, step, n),
				from, from+ms+900, ms+900, ms+600, ms, ms*85/100, (i+k)%3, 1000+(i*13+k*7)%900, syllablesPerSec(i+k),
				target.Milliseconds(), practice.StepVerdict(sp, target), 1+(i+k)%5, checks)
			return err
		}
		for j, step := range practice.Steps {
			at := started.Add(time.Duration(j) * time.Minute)
			if step == practice.Action && i%4 == 0 {
				if err := take(step, 1, false, at, spoken[step]*13/10); err != nil {
					return nil, err
				}
				if err := take(step, 2, true, at.Add(30*time.Second), spoken[step]); err != nil {
					return nil, err
				}
				continue
			}
			if err := take(step, 1, true, at, spoken[step]); err != nil {
				return nil, err
			}
		}
	}
	if o.Loop {
		if err := seedLoop(ctx, tx, o, ids); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if _, err := sdb.ExecContext(ctx, "ANALYZE"); err != nil {
		return nil, err
	}
	return ids, nil
}

// seedLoop groups the attempts ids, newest first, as one complete loop
// asked oldest first.
func seedLoop(ctx context.Context, tx *sql.Tx, o Options, ids []int64) error {
	first := o.Now.Add(-time.Duration(len(ids)) * o.Every)
	var loopID int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO loops (level, started_at, finished_at, status) VALUES (?, ?, ?, 'complete') RETURNING id`,
		o.Levels[len(ids)%len(o.Levels)], first.UnixMilli(), o.Now.UnixMilli()).Scan(&loopID); err != nil {
		return err
	}
	for pos := 1; pos <= len(ids); pos++ {
		i := len(ids) - pos + 1 // the attempt's index, oldest first
		id, q := ids[i-1], o.Questions[i%len(o.Questions)]
		comp := ""
		if o.Competency != nil {
			comp = o.Competency(q)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO loop_questions (loop_id, position, question_id, competency, reason) VALUES (?, ?, ?, ?, 'never rehearsed')`,
			loopID, pos, q, comp); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE attempts SET loop_id = ?, level = (SELECT level FROM loops WHERE id = ?) WHERE id = ?`, loopID, loopID, id); err != nil {
			return err
		}
	}
	return nil
}
