package sqlite

import (
	"errors"
	"strings"
	"testing"
	"time"

	"starcoach/practice"
)

// answer records an attempt at q started at, one counted take of each
// step with these spoken seconds against 30 s targets, and finishes it
// rated rating (0 leaves it unrated).
func answer(t *testing.T, db *DB, q string, at time.Time, rating int, secs ...int) int64 {
	t.Helper()
	a := practice.Attempt{QuestionID: q, Level: "sde2", Mode: practice.StepByStep, StartedAt: at}
	if err := db.CreateAttempt(ctx, &a); err != nil {
		t.Fatal(err)
	}
	for i, s := range secs {
		recordTake(t, db, a.ID, practice.Steps[i], time.Duration(s)*time.Second, true)
	}
	if _, err := db.FinishAttempt(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.RateAttempt(ctx, a.ID, rating, ""); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// TestPlanHistory: the plan reads each question's last three complete
// attempts with their counted takes, and nothing unfinished.
func TestPlanHistory(t *testing.T) {
	db := openTest(t, t.TempDir())
	now := time.Now()
	ago := func(days int) time.Time { return now.AddDate(0, 0, -days) }
	onTime := []int{30, 30, 30, 30, 30} // 2:30, the top of SDE 2's window

	answer(t, db, "a", ago(9), 5, onTime...) // the oldest of four: left out
	a2 := answer(t, db, "a", ago(7), 0, onTime...)
	a3 := answer(t, db, "a", ago(5), 4, onTime...)
	// The newest complete attempt redid its Action: 90 s, then 60 s,
	// which counts; the first take is no step of the attempt.
	a4 := answer(t, db, "a", ago(3), 2, 30, 30, 90, 30, 30)
	recordTake(t, db, a4, practice.Action, 60*time.Second, true)
	left := newAttempt(t, db, "a") // newer still, but left unfinished
	recordTake(t, db, left.ID, practice.Situation, 30*time.Second, true)
	if err := db.AbandonAttempt(ctx, left.ID); err != nil {
		t.Fatal(err)
	}
	newAttempt(t, db, "b") // in progress
	b := answer(t, db, "b", ago(1), 0, 20, 20, 20, 20, 20)
	abandoned := newAttempt(t, db, "c")
	recordTake(t, db, abandoned.ID, practice.Situation, 30*time.Second, true)
	if err := db.AbandonAttempt(ctx, abandoned.ID); err != nil {
		t.Fatal(err)
	}

	hist, err := db.PlanHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].QuestionID != "a" || hist[1].QuestionID != "b" {
		t.Fatalf("questions %+v, want a and b (c was only abandoned)", hist)
	}
	var ids []int64
	for _, a := range hist[0].Attempts {
		if a.Steps[0].AttemptID != a.ID {
			t.Errorf("attempt %d holds a take of attempt %d", a.ID, a.Steps[0].AttemptID)
		}
		ids = append(ids, a.ID)
	}
	if want := []int64{a4, a3, a2}; len(ids) != 3 || ids[0] != want[0] || ids[1] != want[1] || ids[2] != want[2] {
		t.Errorf("attempts of a: %v, want the last three complete, newest first: %v", ids, want)
	}
	last := hist[0].Attempts[0]
	if !last.StartedAt.Equal(ago(3).Truncate(time.Millisecond)) || last.Level != "sde2" || last.Spoken != 180*time.Second ||
		last.Verdict != practice.Long || last.Rating != 2 || len(last.Steps) != 5 {
		t.Errorf("last attempt of a: %+v", last)
	}
	// Steps in recording order: the redone Action comes last.
	if s := last.Steps[4]; s.Step != practice.Action || s.Spoken != 60*time.Second || s.Target != 30*time.Second ||
		s.Verdict != practice.Long || s.Level != "sde2" {
		t.Errorf("its Action: %+v", s)
	}
	if got := hist[1].Attempts; len(got) != 1 || got[0].Steps[0].AttemptID != b || got[0].Verdict != practice.Short || got[0].Rating != 0 {
		t.Errorf("attempts of b: %+v", got)
	}

	// What the candidate reads on Home, from the stored history.
	qs := []*practice.Question{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	plan := practice.Plan(qs, hist, time.Time{}, now)
	var reasons []string
	for _, d := range plan {
		reasons = append(reasons, d.Question.ID+": "+d.Reason)
	}
	// The Action's 60 s is 27 s past its band's top, 33 s.
	want := "c: never rehearsed|a: Action ran 27 s long and you rated it 2 of 5 last time|b: the whole answer ran 20 s short last time"
	if got := strings.Join(reasons, "|"); got != want {
		t.Errorf("plan:\n%s\nwant\n%s", got, want)
	}
}

// TestPlanHistoryEmpty: a new database has no history, and no error.
func TestPlanHistoryEmpty(t *testing.T) {
	db := openTest(t, t.TempDir())
	hist, err := db.PlanHistory(ctx)
	if err != nil || len(hist) != 0 {
		t.Errorf("PlanHistory = %+v, %v", hist, err)
	}
}

// TestInterviewDate: the date is kept as a calendar date, comes back at
// local midnight after the database is reopened, and can be cleared. Only
// dates from today to two years ahead are set; a stored date further
// than two years away either way reads as none.
func TestInterviewDate(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	if d, err := db.InterviewDate(ctx); err != nil || !d.IsZero() {
		t.Fatalf("a new database's interview date: %v, %v", d, err)
	}
	// Late evening in Tokyo a month from now is still that day there,
	// perhaps the next in UTC, but the date the candidate picked is what
	// counts.
	tokyo := time.FixedZone("UTC+9", 9*3600)
	y, m, day := time.Now().AddDate(0, 1, 0).Date()
	if err := db.SetInterviewDate(ctx, time.Date(y, m, day, 23, 30, 0, 0, tokyo)); err != nil {
		t.Fatal(err)
	}
	if err := db.SetInterviewDate(ctx, time.Date(y, m, day+1, 8, 0, 0, 0, tokyo)); err != nil {
		t.Fatal(err) // a second date replaces the first
	}
	db.Close()
	db = openTest(t, dir)
	want := time.Date(y, m, day+1, 0, 0, 0, 0, time.Local)
	if d, err := db.InterviewDate(ctx); err != nil || !d.Equal(want) || d.Location() != time.Local {
		t.Errorf("interview date %v, %v; want %v", d, err, want)
	}
	if err := db.SetInterviewDate(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if d, err := db.InterviewDate(ctx); err != nil || !d.IsZero() {
		t.Errorf("after clearing: %v, %v", d, err)
	}

	var ie *practice.InterviewDateError
	for _, d := range []time.Time{time.Date(9999, 12, 31, 0, 0, 0, 0, time.Local), time.Now().AddDate(0, 0, -1)} {
		err := db.SetInterviewDate(ctx, d)
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), d.Format("2 January 2006")) {
			t.Errorf("set %v: %v, want an error naming the date", d, err)
		}
	}
	if d, err := db.InterviewDate(ctx); err != nil || !d.IsZero() {
		t.Errorf("a refused date was stored: %v, %v", d, err)
	}

	// What a restored database may hold.
	store := func(v string) {
		t.Helper()
		if _, err := db.db.Exec(`INSERT INTO settings (key, value) VALUES ('interview_date', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, v); err != nil {
			t.Fatal(err)
		}
	}
	lastWeek := time.Now().AddDate(0, 0, -7).Format("2006-01-02")
	for v, kept := range map[string]bool{"9999-12-31": false, "0001-01-01": false, lastWeek: true} {
		store(v)
		if d, err := db.InterviewDate(ctx); err != nil || d.IsZero() == kept {
			t.Errorf("stored %s reads as %v, %v", v, d, err)
		}
	}
	store("next friday")
	if _, err := db.InterviewDate(ctx); err == nil || !strings.Contains(err.Error(), `"next friday"`) {
		t.Errorf("a damaged date: %v, want an error naming it", err)
	}
}
