package main

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"starcoach/audio/wav"
	"starcoach/internal/privatetest"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/practice/sqlite/sqlitetest"
)

// `report` writes the attempt's page, private to the candidate, and says
// where; an attempt that is not there, or a missing --out, writes
// nothing and says why; a second report over the first replaces it
// whole.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	ids, err := sqlitetest.Seed(dir, sqlitetest.Options{N: 2})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "attempt.html")
	id := func(i int) string { return strconv.FormatInt(ids[i], 10) }
	for range 2 {
		stdout, stderr, code := runCmd(t, "report", "--data-dir", dir, "--attempt", id(0), "--out", out)
		if code != 0 || !strings.HasPrefix(stdout, "wrote "+out+" (") {
			t.Fatalf("report: exit %d, %q, %q", code, stdout, stderr)
		}
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(b), "<!DOCTYPE html>") || !strings.Contains(string(b), "question-") {
		t.Fatalf("the page: %v, %.80q", err, b)
	}
	privatetest.Check(t, out)
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}

	missing := filepath.Join(t.TempDir(), "none.html")
	if _, stderr, code := runCmd(t, "report", "--data-dir", dir, "--attempt", "999999", "--out", missing); code != 1 || !strings.Contains(stderr, "attempt 999999") {
		t.Errorf("an attempt that is not there: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a failed report left %s: %v", missing, err)
	}
	if _, stderr, code := runCmd(t, "report", "--data-dir", dir, "--attempt", id(1)); code != 2 || !strings.Contains(stderr, "usage: starcoach report") {
		t.Errorf("no --out: exit %d, %q", code, stderr)
	}
}

// `report --loop` writes a loop's page, its answer's recording inside
// and the question it never reached named as such; one that is not
// there writes nothing and says which; --attempt and --loop together,
// or neither, is a usage error.
func TestReportLoopCommand(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	l := practice.Loop{Level: "sde2", Picks: []practice.LoopPick{
		{QuestionID: "failure", Competency: "Ownership"}, {QuestionID: "mentoring", Competency: "Hire and Develop the Best"}}}
	if err := db.CreateLoop(ctx, &l); err != nil {
		t.Fatal(err)
	}
	a := practice.Attempt{QuestionID: "failure", Level: "sde2", Mode: practice.Mock, Loop: l.ID}
	if err := db.CreateAttempt(ctx, &a); err != nil {
		t.Fatal(err)
	}
	rel, abs, err := db.TakePath(ctx, a.ID, practice.Situation)
	if err != nil {
		t.Fatal(err)
	}
	w, err := wav.Create(abs, 16000)
	if err != nil {
		t.Fatal(err)
	}
	tone := make([]int16, 16000) // a second of 440 Hz
	for i := range tone {
		tone[i] = int16(8000 * math.Sin(2*math.Pi*440*float64(i)/16000))
	}
	if err := w.Write(tone); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	tk := practice.Take{AttemptID: a.ID, Step: practice.Situation, WAV: rel, ClipEnd: time.Second, Duration: time.Second,
		Spoken: time.Second, Target: 20 * time.Second, Verdict: practice.Short}
	if err := db.AddTake(ctx, &tk); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FinishAttempt(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.AbandonLoop(ctx, l.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()

	out := filepath.Join(t.TempDir(), "loop.html")
	loop := strconv.FormatInt(l.ID, 10)
	stdout, stderr, code := runCmd(t, "report", "--data-dir", dir, "--loop", loop, "--out", out)
	if code != 0 || !strings.HasPrefix(stdout, "wrote "+out+" (") || !strings.HasSuffix(stdout, " MB)\n") {
		t.Fatalf("report --loop: exit %d, %q, %q", code, stdout, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"A loop of 2 questions", "Tell me about a time you failed", `<audio controls preload="metadata" src="data:audio/wav;base64,`,
		"Not reached: the loop was left before this question"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the page does not hold %q", want)
		}
	}
	privatetest.Check(t, out)

	missing := filepath.Join(t.TempDir(), "none.html")
	if _, stderr, code := runCmd(t, "report", "--data-dir", dir, "--loop", "999999", "--out", missing); code != 1 || !strings.Contains(stderr, "loop 999999") {
		t.Errorf("a loop that is not there: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a failed report left %s: %v", missing, err)
	}
	for _, args := range [][]string{
		{"--attempt", strconv.FormatInt(a.ID, 10), "--loop", loop, "--out", missing},
		{"--out", missing},
		{"--attempt", "0", "--out", missing},
		{"--loop", "-1", "--out", missing},
	} {
		_, stderr, code := runCmd(t, append([]string{"report", "--data-dir", dir}, args...)...)
		if code != 2 || !strings.HasPrefix(stderr, "usage: starcoach report (--attempt ID | --loop ID) --out FILE.html") {
			t.Errorf("report %s: exit %d, %q, want the usage", strings.Join(args, " "), code, stderr)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a usage error wrote %s: %v", missing, err)
	}
}
