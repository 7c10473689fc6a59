package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"starcoach/assets"
	"starcoach/practice"
	"starcoach/practice/sqlite"
)

// rehearse stores a complete step-by-step SDE 2 attempt at q started at,
// with these spoken seconds per step against 30 s targets, rated rating.
func rehearse(t *testing.T, db *sqlite.DB, q string, at time.Time, rating int, secs ...int) {
	t.Helper()
	ctx := context.Background()
	a := practice.Attempt{QuestionID: q, Level: "sde2", Mode: practice.StepByStep, StartedAt: at}
	if err := db.CreateAttempt(ctx, &a); err != nil {
		t.Fatal(err)
	}
	for i, s := range secs {
		rel, _, err := db.TakePath(ctx, a.ID, practice.Steps[i])
		if err != nil {
			t.Fatal(err)
		}
		spoken := time.Duration(s) * time.Second
		tk := practice.Take{AttemptID: a.ID, Step: practice.Steps[i], WAV: rel, Spoken: spoken,
			Target: 30 * time.Second, Verdict: practice.StepVerdict(spoken, 30*time.Second)}
		if err := db.AddTake(ctx, &tk); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.FinishAttempt(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.RateAttempt(ctx, a.ID, rating, ""); err != nil {
		t.Fatal(err)
	}
}

// builtinIDs are the built-in bank's question IDs, in bank order.
func builtinIDs(t *testing.T) []string {
	t.Helper()
	bank, err := assets.Bank()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, q := range bank.Questions() {
		ids = append(ids, q.ID)
	}
	return ids
}

// On a new data directory every question is due now, in bank order, and
// the first line says where to start.
func TestPlanEmptyDataDir(t *testing.T) {
	out, errOut, code := runCmd(t, "--data-dir", filepath.Join(t.TempDir(), "new"), "plan")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	ids := builtinIDs(t)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if want := "Nothing rehearsed yet: start with “"; !strings.HasPrefix(lines[0], want) || !strings.Contains(lines[0], "("+ids[0]+")") {
		t.Errorf("first line %q, want %q… naming %s", lines[0], want, ids[0])
	}
	rows := lines[2:]
	if len(rows) != len(ids) {
		t.Fatalf("%d rows for %d questions:\n%s", len(rows), len(ids), out)
	}
	for i, r := range rows {
		if f := strings.Fields(r); f[0] != "now" || f[1] != ids[i] || !strings.HasSuffix(r, "— never rehearsed") {
			t.Errorf("row %d: %q, want %s due now, never rehearsed", i, r, ids[i])
		}
	}
}

// planFixture is a data directory with an imported pack, an interview in
// ten days and two rehearsed questions: the first of the bank ran long
// just now; the second was on target and rated 5 yesterday.
func planFixture(t *testing.T) (dir string, first, second string) {
	t.Helper()
	dir = t.TempDir()
	pack := filepath.Join(t.TempDir(), "mine.yaml")
	if err := os.WriteFile(pack, []byte(myPack), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCmd(t, "--data-dir", dir, "import", pack); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ids := builtinIDs(t)
	now := time.Now()
	rehearse(t, db, ids[0], now, 4, 30, 30, 58, 30, 30) // Action 25 s past its band (to 33 s)
	rehearse(t, db, ids[1], now.AddDate(0, 0, -1), 5, 28, 28, 28, 28, 28)
	if err := db.SetInterviewDate(context.Background(), now.AddDate(0, 0, 10)); err != nil {
		t.Fatal(err)
	}
	return dir, ids[0], ids[1]
}

func TestPlanText(t *testing.T) {
	dir, first, second := planFixture(t)
	out, errOut, code := runCmd(t, "--data-dir", dir, "plan")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "Interview in 10 days, ") {
		t.Errorf("first line %q, want the days left to the interview", lines[0])
	}
	n := len(builtinIDs(t)) + 1 // and the imported question
	if want := practice.Plural(n-2, "question", "questions") + " due now, 2 later."; lines[1] != want {
		t.Errorf("summary %q, want %q", lines[1], want)
	}
	rows := lines[3:]
	if len(rows) != n {
		t.Fatalf("%d rows for %d questions:\n%s", len(rows), n, out)
	}
	if !strings.Contains(out, " my-question ") {
		t.Error("the imported question is not in the plan")
	}
	// The rehearsed questions come last: the one retried tomorrow, then
	// the one spaced out to three days.
	for _, c := range []struct {
		row                  string
		when, id, reasonTail string
	}{
		{rows[n-2], "tomorrow", first, "— Action ran 25 s long last time, due again tomorrow"},
		{rows[n-1], "in", second, "— on target once, due again in 2 days"},
	} {
		if f := strings.Fields(c.row); f[0] != c.when || !strings.Contains(c.row, " "+c.id+" ") || !strings.HasSuffix(c.row, c.reasonTail) {
			t.Errorf("row %q, want %s %s … %s", c.row, c.when, c.id, c.reasonTail)
		}
	}
}

func TestPlanJSON(t *testing.T) {
	dir, first, _ := planFixture(t)
	before := time.Now()
	out, errOut, code := runCmd(t, "--data-dir", dir, "plan", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(rows) != len(builtinIDs(t))+1 {
		t.Fatalf("%d objects", len(rows))
	}
	if rows[0]["never"] != true || rows[0]["due_now"] != true || rows[0]["reason"] != "never rehearsed" || rows[0]["title"] == "" {
		t.Errorf("first object %v, want a question never rehearsed, due now", rows[0])
	}
	retry := rows[len(rows)-2]
	due, err := time.Parse(time.RFC3339, retry["due"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if retry["question"] != first || retry["reason"] != "Action ran 25 s long last time, due again tomorrow" || retry["never"] != false ||
		retry["due_now"] != false || due.Sub(before.AddDate(0, 0, 1)).Abs() > 2*time.Second {
		t.Errorf("retried question %v, want %s due a day after its attempt", retry, first)
	}
}

// An interview date stored out of range (a restored database's
// 9999-12-31) is no date: no line counts 106751 days down to it, and the
// plan is spaced as without one.
func TestPlanIgnoresADateStoredOutOfRange(t *testing.T) {
	dir, _, _ := planFixture(t)
	sdb, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec(`UPDATE settings SET value = '9999-12-31' WHERE key = 'interview_date'`); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	out, errOut, code := runCmd(t, "--data-dir", dir, "plan")
	if code != 0 || strings.Contains(out, "Interview") || strings.Contains(out, "interview") {
		t.Errorf("exit %d, %s:\n%s", code, errOut, out)
	}
}

func TestPlanUsage(t *testing.T) {
	_, errOut, code := runCmd(t, "--data-dir", t.TempDir(), "plan", "extra")
	if code != 2 || !strings.Contains(errOut, "usage: starcoach plan [--json]") {
		t.Errorf("exit %d, %q; want usage", code, errOut)
	}
}

// A pack may hold a bidirectional override (it is no control character);
// questions, plan and lint print it escaped, and --json as a JSON escape.
func TestBankTextIsEscaped(t *testing.T) {
	dir := t.TempDir()
	pack := filepath.Join(t.TempDir(), "rtl.yaml")
	os.WriteFile(pack, []byte(strings.Replace(myPack, "shipped late", "shipped \u202elate", 1)), 0o600)
	if _, errOut, code := runCmd(t, "--data-dir", dir, "import", pack); code != 0 {
		t.Fatal(errOut)
	}
	for _, args := range [][]string{{"questions"}, {"questions", "--json"}, {"plan"}, {"plan", "--json"}} {
		out, errOut, code := runCmd(t, append([]string{"--data-dir", dir}, args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", args, code, errOut)
		}
		checkNoRawControls(t, strings.Join(args, " "), out)
		if !strings.Contains(out, `shipped \u202elate`) {
			t.Errorf("%s does not show the override escaped:\n%s", args, out)
		}
	}
	out, _, _ := runCmd(t, "lint", pack)
	checkNoRawControls(t, "lint", out)

	// A stored pack that no longer loads is named in a warning.
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SavePack(context.Background(), "evil"+hostile+".yaml", []byte("questions: []\n")); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, errOut, _ := runCmd(t, "--data-dir", dir, "questions")
	checkNoRawControls(t, "the warning", errOut)
	if !strings.Contains(errOut, "evil"+hostileEscaped+".yaml") {
		t.Errorf("warning %q", errOut)
	}
}
