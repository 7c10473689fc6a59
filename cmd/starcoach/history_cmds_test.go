package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"starcoach/internal/privatetest"
	"starcoach/practice"
	"starcoach/practice/sqlite"
)

// awkwardNote has everything CSV must quote.
const awkwardNote = "He said \"no\", then\nleft early"

// seedHistory stores two attempts: a finished one with a redone step and an
// awkward note, and one in progress of another question.
func seedHistory(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	add := func(q string, started time.Time, steps ...practice.StepID) int64 {
		a := practice.Attempt{QuestionID: q, Level: "sde1", Mode: practice.StepByStep, StartedAt: started}
		if err := db.CreateAttempt(ctx, &a); err != nil {
			t.Fatal(err)
		}
		var first int64
		for i, s := range steps {
			rel, _, err := db.TakePath(ctx, a.ID, s)
			if err != nil {
				t.Fatal(err)
			}
			tk := practice.Take{AttemptID: a.ID, Step: s, WAV: rel, Spoken: 20500 * time.Millisecond,
				Target: 25 * time.Second, Verdict: practice.OnTarget, Checks: []string{"scope, stated"}, Note: awkwardNote}
			if err := db.AddTake(ctx, &tk); err != nil {
				t.Fatal(err)
			}
			if i == 1 {
				first = tk.ID
			}
		}
		if len(steps) > 2 {
			// The candidate kept the first Task take, not the redo.
			if err := db.SetCounted(ctx, first); err != nil {
				t.Fatal(err)
			}
		}
		return a.ID
	}
	id := add("tight-deadline", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), practice.Situation, practice.Task, practice.Task)
	if _, err := db.FinishAttempt(ctx, id); err != nil {
		t.Fatal(err)
	}
	add("conflict", time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), practice.Situation)
}

func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(&env{stdout: &out, stderr: &errb}, args)
	return out.String(), errb.String(), code
}

func TestHistoryCSV(t *testing.T) {
	dir := t.TempDir()
	seedHistory(t, dir)
	out, errOut, code := runCmd(t, "--data-dir", dir, "history", "--csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 {
		t.Fatalf("%d records, want a header and 4 takes:\n%s", len(recs), out)
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	for _, name := range []string{"attempt_id", "question", "level", "mode", "started", "status", "attempt_spoken_s", "attempt_verdict", "step", "spoken_s", "note"} {
		if _, ok := col[name]; !ok {
			t.Errorf("no %s column in %v", name, recs[0])
		}
	}
	// Newest attempt first, takes in recording order.
	first, last := recs[1], recs[4]
	if first[col["question"]] != "conflict" || last[col["question"]] != "tight-deadline" || last[col["step"]] != "task" {
		t.Errorf("order: %v ... %v", first, last)
	}
	if got := last[col["note"]]; got != awkwardNote {
		t.Errorf("note round trip: %q", got)
	}
	if got := last[col["checks"]]; got != `["scope, stated"]` {
		t.Errorf("checks: %q", got)
	}
	if last[col["spoken_s"]] != "20.500" || last[col["attempt_spoken_s"]] != "41.000" ||
		last[col["attempt_verdict"]] != "short" || last[col["status"]] != "complete" {
		t.Errorf("figures: %v", last)
	}
	if _, err := time.Parse(time.RFC3339, last[col["started"]]); err != nil {
		t.Errorf("started: %v", err)
	}
	if first[col["finished"]] != "" {
		t.Errorf("an attempt in progress has finished %q", first[col["finished"]])
	}

	out, _, _ = runCmd(t, "--data-dir", dir, "history", "--csv", "--question", "conflict")
	if recs, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); len(recs) != 2 {
		t.Errorf("--question conflict: %d records", len(recs))
	}
	// A question that is neither in the bank nor in the history is a typo.
	_, errOut, code = runCmd(t, "--data-dir", dir, "history", "--question", "nope")
	if code != 1 || !strings.Contains(errOut, `no question "nope"`) {
		t.Errorf("--question nope: exit %d, %q", code, errOut)
	}
}

func TestHistoryJSON(t *testing.T) {
	dir := t.TempDir()
	seedHistory(t, dir)
	out, errOut, code := runCmd(t, "history", "--json", "--question", "tight-deadline", "--data-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want one per take:\n%s", len(lines), out)
	}
	var row struct {
		AttemptID int64    `json:"attempt_id"`
		Started   string   `json:"started"`
		Counted   bool     `json:"counted"`
		Spoken    float64  `json:"spoken_s"`
		Checks    []string `json:"checks"`
		Note      string   `json:"note"`
		Rating    int      `json:"rating"`
	}
	if err := json.Unmarshal([]byte(lines[2]), &row); err != nil {
		t.Fatal(err)
	}
	// The third take redid the task without being kept.
	if row.Spoken != 20.5 || row.Counted || row.Note != awkwardNote || len(row.Checks) != 1 {
		t.Errorf("row: %+v", row)
	}
	if at, err := time.Parse(time.RFC3339, row.Started); err != nil || !at.Equal(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("started %q: %v", row.Started, err)
	}
	if !strings.HasPrefix(lines[0], `{"attempt_id":1,"question":"tight-deadline",`) {
		t.Errorf("keys not in column order: %s", lines[0])
	}
}

func TestHistoryTable(t *testing.T) {
	dir := t.TempDir()
	out, _, code := runCmd(t, "--data-dir", dir, "history")
	if code != 0 || out != "no takes recorded yet\n" {
		t.Errorf("empty history: %d %q", code, out)
	}
	seedHistory(t, dir)
	out, _, code = runCmd(t, "--data-dir", dir, "history")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != 5 || !strings.HasPrefix(lines[0], "attempt_id") ||
		!strings.Contains(lines[4], `He said "no", then left early`) {
		t.Errorf("table (exit %d):\n%s", code, out)
	}
	if _, errOut, code := runCmd(t, "--data-dir", dir, "history", "--csv", "--json"); code != 2 || !strings.Contains(errOut, "usage: starcoach history") {
		t.Errorf("--csv --json: exit %d, %q", code, errOut)
	}
}

// TestBackup copies the database while another connection holds a write
// transaction open: the copy opens and has every committed row and not
// the uncommitted one. A second backup to the same file is refused.
func TestBackup(t *testing.T) {
	dir := t.TempDir()
	seedHistory(t, dir)
	other, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{"BEGIN IMMEDIATE",
		`INSERT INTO attempts (question_id, level, mode, started_at) VALUES ('uncommitted', 'sde1', 'step', 0)`} {
		if _, err := conn.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}

	copyPath := filepath.Join(t.TempDir(), "backup.tar")
	out, errOut, code := runCmd(t, "--data-dir", dir, "backup", copyPath)
	if code != 0 {
		t.Fatalf("backup: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, copyPath) {
		t.Errorf("backup said %q", out)
	}
	conn.ExecContext(context.Background(), "ROLLBACK")

	copyDir := t.TempDir()
	out, errOut, code = runCmd(t, "--data-dir", copyDir, "restore", copyPath)
	if code != 0 || !strings.Contains(out, "restored the database and 4 recordings") {
		t.Fatalf("restore: exit %d, %q %q", code, out, errOut)
	}
	if _, errOut, code := runCmd(t, "--data-dir", copyDir, "restore", copyPath); code != 1 || !strings.Contains(errOut, "add --replace") {
		t.Errorf("restore over a history: exit %d, %q", code, errOut)
	}
	if out, _, code := runCmd(t, "--data-dir", copyDir, "check"); code != 0 {
		t.Errorf("check after restore: exit %d\n%s", code, out)
	}
	b, err := sqlite.Open(copyDir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	as, err := b.Attempts(context.Background(), practice.HistoryFilter{})
	if err != nil || len(as) != 2 {
		t.Fatalf("the copy has %d attempts (%v), want the 2 committed", len(as), err)
	}
	privatetest.Check(t, copyPath)

	before, _ := os.ReadFile(copyPath)
	_, errOut, code = runCmd(t, "--data-dir", dir, "backup", copyPath)
	if code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup over an existing file: exit %d, %q", code, errOut)
	}
	if after, _ := os.ReadFile(copyPath); !bytes.Equal(before, after) {
		t.Error("a refused backup changed the existing file")
	}
}

// check reports a take whose recording is gone and a stray recording.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	seedHistory(t, dir)
	if out, _, code := runCmd(t, "--data-dir", dir, "check"); code != 0 {
		t.Fatalf("fresh history: exit %d:\n%s", code, out)
	}
	found, _ := filepath.Glob(filepath.Join(dir, "recordings", "*", "task-1.wav"))
	if len(found) != 1 {
		t.Fatalf("task recordings %v", found)
	}
	gone := found[0]
	folder, _ := filepath.Rel(dir, filepath.Dir(gone))
	folder = filepath.ToSlash(folder) // as stored and shown, on every system
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(filepath.Dir(gone), "result-7.wav")
	os.WriteFile(stray, []byte("x"), 0o600)
	out, _, code := runCmd(t, "--data-dir", dir, "check")
	if code != 1 || !strings.Contains(out, "names "+folder+"/task-1.wav, which is not there") ||
		!strings.Contains(out, "orphan:  "+folder+"/result-7.wav belongs to no take") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// A damaged database is left as it is, and the command says what to do:
// the app sets it aside and starts a fresh one, or a backup restores it.
func TestDamagedDatabaseSaysWhatToDo(t *testing.T) {
	dir := t.TempDir()
	seedHistory(t, dir)
	path := filepath.Join(dir, sqlite.FileName)
	b, _ := os.ReadFile(path)
	for i := 4096; i < len(b) && i < 3*4096; i++ {
		b[i] = 0xA5
	}
	os.WriteFile(path, b, 0o600)
	_, errOut, code := runCmd(t, "--data-dir", dir, "history")
	if code != 1 || !strings.Contains(errOut, "is damaged") || !strings.Contains(errOut, "Start the app to set it aside") ||
		strings.Count(errOut, "\n") > 4 {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
		t.Error("the damaged database was changed")
	}
}

// A backup with a recording gone keeps the rest, names the gone one and
// exits 3 (partial), distinct from failing; its restore says which takes
// came back without audio.
func TestBackupLeavesOutAGoneRecording(t *testing.T) {
	dir := t.TempDir()
	seedHistory(t, dir)
	gone, err := filepath.Glob(filepath.Join(dir, "recordings", "*", "task-1.wav"))
	if err != nil || len(gone) == 0 {
		t.Fatalf("no recording to lose: %v", err)
	}
	os.Remove(gone[0])
	rel, _ := filepath.Rel(dir, gone[0])
	archive := filepath.Join(t.TempDir(), "backup.tar")
	out, errOut, code := runCmd(t, "--data-dir", dir, "backup", archive)
	if code != exitPartial || !strings.Contains(out, "1 recording it names was missing") || !strings.Contains(out, "  "+filepath.ToSlash(rel)+"\n") || errOut != "" {
		t.Errorf("backup with a recording gone: exit %d, %q %q", code, out, errOut)
	}
	out, errOut, code = runCmd(t, "--data-dir", t.TempDir(), "restore", archive)
	if code != 0 || !strings.Contains(out, "1 recording was missing when the backup was made") {
		t.Errorf("restore of a partial backup: exit %d, %q %q", code, out, errOut)
	}
}

// A take's note, an attempt's note and question are printed with their
// controls escaped in the table and CSV; --json keeps them exactly. check
// escapes a recording's file name.
func TestHistoryEscapesStoredText(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := attemptAt("failure" + hostile)
	a.StartedAt = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	a = addTake(t, db, a, practice.Take{Checks: []string{hostile}, Note: hostile})
	if _, err := db.FinishAttempt(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.RateAttempt(ctx, a.ID, 3, "attempt "+hostile); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, errOut, code := runCmd(t, "--data-dir", dir, "history")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	checkNoRawControls(t, "history", out)
	// Each cell is cut at 40 characters.
	if !strings.Contains(out, ("failure" + hostileEscaped)[:39]+"…") || !strings.Contains(out, hostileEscaped[:39]+"…") {
		t.Errorf("history:\n%s", out)
	}
	out, _, _ = runCmd(t, "--data-dir", dir, "history", "--csv")
	checkNoRawControls(t, "history --csv", out)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%v:\n%s", err, out)
	}
	for i, name := range recs[0] {
		switch name {
		case "question":
			if recs[1][i] != "failure"+hostileEscaped {
				t.Errorf("csv question %q", recs[1][i])
			}
		case "note", "attempt_note":
			if !strings.HasSuffix(recs[1][i], hostileEscaped) {
				t.Errorf("csv %s %q", name, recs[1][i])
			}
		}
	}
	out, _, _ = runCmd(t, "--data-dir", dir, "history", "--json")
	checkNoRawControls(t, "history --json", out)
	var row map[string]any
	if err := json.Unmarshal([]byte(out), &row); err != nil {
		t.Fatal(err)
	}
	if row["note"] != hostile || row["attempt_note"] != "attempt "+hostile || row["question"] != "failure"+hostile {
		t.Errorf("--json changed the text: %v", row)
	}

	orphan := filepath.Join(dir, "recordings", "x", "take"+hostile+".wav")
	if err := os.MkdirAll(filepath.Dir(orphan), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(orphan, nil, 0o600); err != nil {
		if runtime.GOOS == "windows" { // no control characters in a name there
			t.Logf("no file can be named so here (%v): the orphan's name is not tried", err)
			return
		}
		t.Fatal(err)
	}
	out, _, _ = runCmd(t, "--data-dir", dir, "check")
	checkNoRawControls(t, "check", out)
	if !strings.Contains(out, "orphan:  recordings/x/take"+hostileEscaped+".wav") {
		t.Errorf("check:\n%s", out)
	}
}
