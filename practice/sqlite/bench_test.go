package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"starcoach/practice"
)

// seed fills db with n attempts of five counted takes each, one attempt an
// hour back from now over 50 questions, in one transaction with prepared
// statements. One attempt an hour makes the streak as long as the history,
// the worst case for Streak.
func seed(b *testing.B, db *DB, n int, now time.Time) {
	b.Helper()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	insA, err := tx.PrepareContext(ctx, `INSERT INTO attempts (id, question_id, level, mode, started_at, finished_at, status, spoken_ms, verdict, rating, folder)
		VALUES (?, ?, ?, ?, ?, ?, 'complete', ?, ?, ?, CAST(?1 AS TEXT))`)
	if err != nil {
		b.Fatal(err)
	}
	insT, err := tx.PrepareContext(ctx, `INSERT INTO takes (attempt_id, step, counted, created_at, wav, clip_start_ms, clip_end_ms,
			duration_ms, speech_start_ms, speech_end_ms, spoken_ms, voiced_ms, pauses, longest_pause_ms, syllables_per_s, target_ms, verdict, rating)
		VALUES (?, ?, 1, ?, ?, 0, ?, ?, 300, ?, ?, ?, 2, 1200, 4.1, 30000, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		started := now.Add(-time.Duration(i) * time.Hour)
		level := practice.Levels[i%len(practice.Levels)]
		var spoken [5]int
		total := 0
		for j := range spoken {
			spoken[j] = 20000 + (i*7+j*3000)%20000
			total += spoken[j]
		}
		if _, err := insA.ExecContext(ctx, i, fmt.Sprintf("question-%02d", i%50), level.ID, []practice.Mode{practice.StepByStep, practice.Mock}[i%2],
			started.UnixMilli(), started.Add(6*time.Minute).UnixMilli(), total,
			practice.TotalVerdict(time.Duration(total)*time.Millisecond, level), 1+i%5); err != nil {
			b.Fatal(err)
		}
		for j, step := range practice.Steps {
			sp := spoken[j]
			if _, err := insT.ExecContext(ctx, i, step, started.Add(time.Duration(j)*time.Minute).UnixMilli(),
				fmt.Sprintf("recordings/%d/%s-1.wav", i, step), sp+600, sp+600, sp+300, sp, sp-500,
				practice.StepVerdict(time.Duration(sp)*time.Millisecond, 30*time.Second), 1+i%5); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkHistory measures each history query on 10,000 attempts (50,000
// takes). The database is seeded once and shared by the sub-benchmarks.
func BenchmarkHistory(b *testing.B) {
	db := openTest(b, b.TempDir())
	now := time.Now()
	start := time.Now()
	seed(b, db, 10000, now)
	b.Logf("seeded 10000 attempts, 50000 takes in %v", time.Since(start))
	q := "question-07"
	for _, c := range []struct {
		name string
		run  func() (int, error)
	}{
		{"Attempts/newest-page", func() (int, error) {
			as, err := db.Attempts(ctx, practice.HistoryFilter{Limit: 50})
			return len(as), err
		}},
		{"Attempts/deep-page", func() (int, error) {
			as, err := db.Attempts(ctx, practice.HistoryFilter{Limit: 50, Offset: 5000})
			return len(as), err
		}},
		{"Attempts/question", func() (int, error) {
			as, err := db.Attempts(ctx, practice.HistoryFilter{QuestionID: q, Limit: 50})
			return len(as), err
		}},
		{"Attempts/level-mode-90days", func() (int, error) {
			as, err := db.Attempts(ctx, practice.HistoryFilter{Level: "senior", Mode: practice.Mock,
				From: now.AddDate(0, 0, -90), To: now, Limit: 50})
			return len(as), err
		}},
		{"StepProgress/question-all", func() (int, error) {
			ps, err := db.StepProgress(ctx, q, 0)
			return len(ps), err
		}},
		{"StepStats/question-last20", func() (int, error) {
			ss, err := db.StepStats(ctx, practice.HistoryFilter{QuestionID: q, Limit: 20})
			return len(ss), err
		}},
		{"StepStats/all-last100", func() (int, error) {
			ss, err := db.StepStats(ctx, practice.HistoryFilter{Limit: 100})
			return len(ss), err
		}},
		{"Streak", func() (int, error) { return db.Streak(ctx, now) }},
		{"Counts", func() (int, error) {
			c, err := db.Counts(ctx, now)
			return c.Questions, err
		}},
		{"Takes", func() (int, error) {
			ts, err := db.Takes(ctx, 5000)
			return len(ts), err
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			n, err := c.run()
			if err != nil || n == 0 {
				b.Fatalf("%d results, %v", n, err)
			}
			for b.Loop() {
				if _, err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPlanHistory is what Home and `starcoach plan` read at every
// opening, on 10,000 attempts over 50 questions.
func BenchmarkPlanHistory(b *testing.B) {
	db := openTest(b, b.TempDir())
	seed(b, db, 10000, time.Now())
	hist, err := db.PlanHistory(ctx)
	if err != nil || len(hist) != 50 || len(hist[0].Attempts) != practice.PlanDepth {
		b.Fatalf("%d questions, %v", len(hist), err)
	}
	for b.Loop() {
		if _, err := db.PlanHistory(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStartupCheck is the start-up check (integrity_check and the
// constraint scan, read-only) on a database of 10,000 attempts and 50,000
// takes: years of daily practice.
func BenchmarkStartupCheck(b *testing.B) {
	dir := b.TempDir()
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	seed(b, db, 10000, time.Now())
	db.Close()
	path := filepath.Join(dir, FileName)
	st, _ := os.Stat(path)
	b.Logf("database of %.1f MB", float64(st.Size())/1e6)
	names, _ := migrationNames(migrationFS)
	for b.Loop() {
		if err := preflight(path, len(names)); err != nil {
			b.Fatal(err)
		}
	}
}
