package sqlite

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"starcoach/practice"
)

// loopAnswer answers a loop's question: an attempt in the loop with one
// counted take, finished when finish says.
func loopAnswer(t *testing.T, db *DB, loopID int64, question string, spoken time.Duration, finish bool) practice.Attempt {
	t.Helper()
	a := practice.Attempt{QuestionID: question, Level: "sde2", Mode: practice.Mock, Loop: loopID}
	if err := db.CreateAttempt(ctx, &a); err != nil {
		t.Fatal(err)
	}
	recordTake(t, db, a.ID, practice.Situation, spoken, true)
	if finish {
		var err error
		if a, err = db.FinishAttempt(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func TestLoopKeepsItsAnswersGrouped(t *testing.T) {
	db := openTest(t, t.TempDir())
	story := saveStory(t, db, "Payments outage", nil, "Ownership")
	l := practice.Loop{Level: "sde2", Picks: []practice.LoopPick{
		{QuestionID: "failure", Competency: "Ownership", Reason: "never rehearsed", StoryID: story.ID, StoryTitle: story.Title},
		{QuestionID: "mentor", Competency: "Leadership", Reason: "on target once"},
		{QuestionID: "tradeoff", Competency: "Leadership", Repeat: true},
	}}
	if err := db.CreateLoop(ctx, &l); err != nil {
		t.Fatal(err)
	}
	alone := newAttempt(t, db, "failure") // outside the loop
	first := loopAnswer(t, db, l.ID, "failure", 140*time.Second, true)
	second := loopAnswer(t, db, l.ID, "mentor", 20*time.Second, false)
	if first.Loop != l.ID || alone.Loop != 0 {
		t.Fatalf("attempts' loops: %d and %d, want %d and 0", first.Loop, alone.Loop, l.ID)
	}
	if err := db.AbandonAttempt(ctx, second.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.AbandonLoop(ctx, l.ID); err != nil {
		t.Fatal(err)
	}
	r, err := db.LoopResult(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Loop.Status != practice.Abandoned || r.Loop.FinishedAt.IsZero() || !reflect.DeepEqual(r.Loop.Picks, l.Picks) {
		t.Errorf("loop read back as %+v, want left with its picks %+v", r.Loop, l.Picks)
	}
	if len(r.Answers) != 3 || r.Answers[0].Attempt == nil || r.Answers[0].Attempt.ID != first.ID ||
		r.Answers[1].Attempt == nil || r.Answers[1].Attempt.Status != practice.Abandoned || r.Answers[2].Attempt != nil {
		t.Fatalf("answers: %+v", r.Answers)
	}
	if len(r.Answers[0].Takes) != 1 || r.Answers[0].Takes[0].Spoken != 140*time.Second {
		t.Errorf("the first answer's takes: %+v", r.Answers[0].Takes)
	}
	if r.Answered() != 1 {
		t.Errorf("Answered = %d, want 1: the left answer is kept but not finished", r.Answered())
	}
	// Each answer is still an attempt: it counts in History as one.
	all, err := db.Attempts(ctx, practice.HistoryFilter{QuestionID: "failure", Status: practice.Complete})
	if err != nil || len(all) != 1 || all[0].ID != first.ID {
		t.Errorf("complete attempts at failure: %+v, %v", all, err)
	}
	// Finishing a loop already left does not change it.
	if err := db.FinishLoop(ctx, l.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Loop(ctx, l.ID); got.Status != practice.Abandoned {
		t.Errorf("a left loop finished later is %s", got.Status)
	}
	// A deleted story leaves its title; a deleted answer leaves its pick.
	if err := db.DeleteStory(ctx, story.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteAttempt(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	r, err = db.LoopResult(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p := r.Answers[0]; p.Pick.StoryID != 0 || p.Pick.StoryTitle != "Payments outage" || p.Attempt != nil {
		t.Errorf("after deleting its story and attempt the first answer is %+v", p)
	}
}

func TestLoopsNewestFirst(t *testing.T) {
	db := openTest(t, t.TempDir())
	pick := []practice.LoopPick{{QuestionID: "a"}}
	var ids []int64
	for i := range 3 {
		l := practice.Loop{Level: "senior", StartedAt: time.Date(2026, 12, 1+i, 9, 0, 0, 0, time.UTC), Picks: pick}
		if err := db.CreateLoop(ctx, &l); err != nil {
			t.Fatal(err)
		}
		ids = append([]int64{l.ID}, ids...)
	}
	if err := db.FinishLoop(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	ls, err := db.Loops(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, l := range ls {
		got = append(got, l.ID)
		if len(l.Picks) != 1 {
			t.Errorf("loop %d has picks %+v", l.ID, l.Picks)
		}
	}
	if !reflect.DeepEqual(got, ids) || ls[0].Status != practice.Complete || ls[1].Status != practice.InProgress {
		t.Errorf("Loops = %v (%s, %s), want %v, the newest complete", got, ls[0].Status, ls[1].Status, ids)
	}
}

func TestCreateLoopRefuses(t *testing.T) {
	db := openTest(t, t.TempDir())
	seven := make([]practice.LoopPick, 7)
	for i := range seven {
		seven[i] = practice.LoopPick{QuestionID: "q"}
	}
	for _, l := range []practice.Loop{
		{Level: "principal", Picks: seven[:3]},
		{Level: "sde1"},
		{Level: "sde1", Picks: seven},
		{Level: "sde1", Picks: []practice.LoopPick{{QuestionID: ""}}},
	} {
		if err := db.CreateLoop(ctx, &l); err == nil || l.ID != 0 {
			t.Errorf("CreateLoop(%s, %d picks) = %v, id %d", l.Level, len(l.Picks), err, l.ID)
		}
	}
	if _, err := db.Loop(ctx, 99); !errors.Is(err, practice.ErrNotFound) {
		t.Errorf("a missing loop: %v", err)
	}
	if err := db.AbandonLoop(ctx, 99); !errors.Is(err, practice.ErrNotFound) {
		t.Errorf("leaving a missing loop: %v", err)
	}
	// Left before a word was recorded: nothing in it to keep.
	empty := practice.Loop{Level: "sde1", Picks: seven[:3]}
	if err := db.CreateLoop(ctx, &empty); err != nil {
		t.Fatal(err)
	}
	if err := db.AbandonLoop(ctx, empty.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Loop(ctx, empty.ID); !errors.Is(err, practice.ErrNotFound) {
		t.Errorf("a loop left with no answer is kept: %v", err)
	}
}

func TestRecoverInterruptsALoopUnderWay(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	l := practice.Loop{Level: "sde2", Picks: []practice.LoopPick{{QuestionID: "a"}, {QuestionID: "b"}}}
	if err := db.CreateLoop(ctx, &l); err != nil {
		t.Fatal(err)
	}
	done := loopAnswer(t, db, l.ID, "a", 130*time.Second, true)
	loopAnswer(t, db, l.ID, "b", 30*time.Second, false)
	if _, err := db.Recover(ctx, nil); err != nil {
		t.Fatal(err)
	}
	r, err := db.LoopResult(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Loop.Status != practice.Interrupted || r.Answers[0].Attempt.Status != practice.Complete ||
		r.Answers[1].Attempt.Status != practice.Interrupted {
		t.Errorf("after a crash: loop %s, answers %s and %s", r.Loop.Status, r.Answers[0].Attempt.Status, r.Answers[1].Attempt.Status)
	}
	if r.Loop.FinishedAt.Before(done.FinishedAt) {
		t.Errorf("the interrupted loop ends at %v, before its first answer did (%v)", r.Loop.FinishedAt, done.FinishedAt)
	}
}

// Rows edited by hand: a question asked twice in one loop gets one answer
// each, and an answer of the loop that no pick names is kept on its
// page, marked; a loop's picks are read for it alone.
func TestLoopResultOfEditedRows(t *testing.T) {
	db := openTest(t, t.TempDir())
	l := practice.Loop{Level: "sde2", Picks: []practice.LoopPick{{QuestionID: "a"}, {QuestionID: "b"}}}
	if err := db.CreateLoop(ctx, &l); err != nil {
		t.Fatal(err)
	}
	other := practice.Loop{Level: "sde1", Picks: []practice.LoopPick{{QuestionID: "z"}}}
	if err := db.CreateLoop(ctx, &other); err != nil {
		t.Fatal(err)
	}
	first := loopAnswer(t, db, l.ID, "a", 120*time.Second, true)
	second := loopAnswer(t, db, l.ID, "a", 130*time.Second, true)
	stray := loopAnswer(t, db, l.ID, "c", 140*time.Second, true)
	raw := rawDB(t, filepath.Join(db.Dir(), FileName))
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE loop_questions SET question_id = 'a' WHERE loop_id = ? AND position = 2`, l.ID); err != nil {
		t.Fatal(err)
	}
	r, err := db.LoopResult(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, a := range r.Answers {
		if a.Attempt == nil {
			t.Fatalf("an answer without its attempt: %+v", r.Answers)
		}
		got = append(got, a.Attempt.ID)
	}
	if want := []int64{second.ID, first.ID, stray.ID}; !reflect.DeepEqual(got, want) || !r.Answers[2].Unplanned || r.Answers[0].Unplanned {
		t.Errorf("answers %v (unplanned %v), want %v with the last unplanned", got, r.Answers[2].Unplanned, want)
	}
	if lo, err := db.Loop(ctx, other.ID); err != nil || len(lo.Picks) != 1 || lo.Picks[0].QuestionID != "z" {
		t.Errorf("the other loop read back as %+v, %v", lo, err)
	}
}
