package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"starcoach/internal/privatetest"
)

// myPack is the small valid pack of the practice tests.
var myPack = func() string {
	b, err := os.ReadFile("../../practice/testdata/pack.yaml")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func TestQuestionsJSONListsTheBank(t *testing.T) {
	out, errOut, code := runCmd(t, "--data-dir", t.TempDir(), "questions", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 13 {
		t.Fatalf("%d questions listed", len(lines))
	}
	found := false
	for _, l := range lines {
		var q questionRow
		if err := json.Unmarshal([]byte(l), &q); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if q.ID == "unpopular-decision" {
			found = q.ReferenceTotal == 175 && q.Category == "Leadership"
		}
	}
	if !found {
		t.Error("the seed question is missing or its reference total is not 175 s")
	}
}

// An imported pack survives into the next command; a bad one is refused
// with file, line and field, and changes nothing.
func TestImport(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	good := filepath.Join(dir, "mine.yaml")
	bad := filepath.Join(dir, "broken.yaml")
	os.WriteFile(good, []byte(myPack), 0o600)
	os.WriteFile(bad, []byte(strings.Replace(strings.Replace(myPack, "my-question", "other", 1), "target_s: 90", "target_s: -1", 1)), 0o600)

	_, errOut, code := runCmd(t, "--data-dir", data, "import", bad)
	if code != 1 || !strings.Contains(errOut, "broken.yaml:11: questions[0].steps[2].target_s: must be a whole number of seconds") {
		t.Fatalf("bad pack: exit %d, %q", code, errOut)
	}
	out, _, _ := runCmd(t, "--data-dir", data, "questions")
	if regexp.MustCompile(`(?m)^other\s`).MatchString(out) {
		t.Fatal("a refused pack reached the bank")
	}

	out, errOut, code = runCmd(t, "--data-dir", data, "import", good)
	if code != 0 || out != "imported 1 question from mine.yaml\n" {
		t.Fatalf("good pack: exit %d, %q %q", code, out, errOut)
	}
	out, _, _ = runCmd(t, "--data-dir", data, "questions")
	if !strings.Contains(out, "my-question") {
		t.Fatal("the imported question is not listed by the next command")
	}
	// Importing the same file again replaces it; a clash with the bank is refused.
	if _, errOut, code = runCmd(t, "--data-dir", data, "import", good); code != 0 {
		t.Fatalf("re-import: exit %d, %q", code, errOut)
	}
	clash := filepath.Join(dir, "clash.yaml")
	os.WriteFile(clash, []byte(strings.Replace(myPack, "my-question", "failure", 1)), 0o600)
	if _, errOut, code = runCmd(t, "--data-dir", data, "import", clash); code != 1 || !strings.Contains(errOut, `question id "failure" is already in the bank`) {
		t.Fatalf("clash: exit %d, %q", code, errOut)
	}
}

// STARCOACH_DATA_DIR is honoured, and the directory a command that
// writes makes is private.
func TestDataDirFromEnvironment(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	t.Setenv("STARCOACH_DATA_DIR", dir)
	pack := filepath.Join(t.TempDir(), "mine.yaml")
	os.WriteFile(pack, []byte(myPack), 0o600)
	if _, errOut, code := runCmd(t, "import", pack); code != 0 {
		t.Fatal(errOut)
	}
	if out, errOut, code := runCmd(t, "questions"); code != 0 || !strings.Contains(out, "my-question") {
		t.Fatalf("questions: exit %d, %q\n%s", code, errOut, out)
	}
	privatetest.Check(t, dir)
	privatetest.Check(t, filepath.Join(dir, "starcoach.db"))
}

// lint reports the rules a deliberately weak pack breaks, each naming the
// question, the step and the rule, and exits 1; a built-in question is
// clean.
func TestLint(t *testing.T) {
	out, _, code := runCmd(t, "lint", "../../practice/testdata/pack.yaml")
	for _, want := range []string{
		"warning: my-question: action: has no strong example (example)",
		"warning: my-question: variants: has no variant for Senior SDE (levels)",
		"warning: my-question: follow_ups: has 1 follow-up question; at least 3 (follow-ups)",
		"warning: my-question: quiz: has 0 quiz items; at least 2 (quiz)",
		"pack.yaml: 18 warnings in 1 question",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lint output lacks %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("exit %d with warnings, want 1", code)
	}
	out, _, code = runCmd(t, "lint", "../../assets/questions/unpopular-decision.yaml")
	if code != 0 || !strings.Contains(out, "1 question, each a complete walkthrough") {
		t.Errorf("the seed question: exit %d, %q", code, out)
	}
	if _, errOut, code := runCmd(t, "lint", "no-such.yaml"); code != 1 || !strings.Contains(errOut, "no-such.yaml") {
		t.Errorf("a missing file: exit %d, %q", code, errOut)
	}
}

// lint on a pack of hundreds of weak questions prints the first hundred
// warnings, then how many more, then the total.
func TestLintCapsItsOutput(t *testing.T) {
	head, q, _ := strings.Cut(myPack, "questions:\n")
	var b strings.Builder
	b.WriteString(head + "questions:\n")
	for i := range 300 {
		b.WriteString(strings.Replace(q, "my-question", fmt.Sprintf("q%d", i), 1))
	}
	pack := filepath.Join(t.TempDir(), "many.yaml")
	os.WriteFile(pack, []byte(b.String()), 0o600)
	out, errOut, code := runCmd(t, "lint", pack)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	// 18 warnings a question, and 299 stories told before.
	if code != 1 || len(lines) != 102 || lines[100] != "… and 5599 more warnings" || lines[101] != "many.yaml: 5699 warnings in 300 questions" {
		t.Errorf("exit %d, %d lines, ending %q; %s", code, len(lines), lines[len(lines)-2:], errOut)
	}
	for _, l := range lines[:100] {
		if !strings.HasPrefix(l, "warning: ") {
			t.Errorf("line %q", l)
		}
	}
}

// A second app on the same data directory does not start (it would take
// the first one's recording for a crash): it asks the first to come
// forward and exits; import waits for the app, then says why it cannot.
func TestOneAppPerDataDirectory(t *testing.T) {
	dir := t.TempDir()
	held, err := lockForApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	c := childCLI(t, []string{"STARCOACH_DATA_DIR=" + dir})
	var errb strings.Builder
	c.Stderr = &errb
	start := time.Now()
	if err := c.Run(); err != nil {
		t.Fatalf("second app: %v, %s", err, errb.String())
	}
	if !strings.Contains(errb.String(), "StarCoach is running with this data directory") || time.Since(start) > 20*time.Second {
		t.Errorf("second app said %q after %v", errb.String(), time.Since(start))
	}
	if _, err := os.Stat(filepath.Join(dir, raiseName)); err != nil {
		t.Errorf("the first app was not asked to come forward: %v", err)
	}
	pack := filepath.Join(t.TempDir(), "mine.yaml")
	os.WriteFile(pack, []byte(myPack), 0o600)
	_, errOut, code := runCmd(t, "--data-dir", dir, "import", pack)
	if code != 1 || !strings.Contains(errOut, "import: StarCoach is running with this data directory") {
		t.Errorf("import beside the app: exit %d, %q", code, errOut)
	}
	if out, _, code := runCmd(t, "--data-dir", dir, "history"); code != 0 {
		t.Errorf("history (read only) beside the app: exit %d, %q", code, out)
	}
}

// The app brings its window forward when a second one touches the file.
func TestWatchRaise(t *testing.T) {
	dir := t.TempDir()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	raised := make(chan struct{}, 1)
	go watchRaise(ctx, dir, func() { raised <- struct{}{} })
	time.Sleep(100 * time.Millisecond)
	held, err := lockForApp(dir) // nobody holds it: this takes it
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	l, _ := lockForApp(dir)
	if l != nil {
		t.Fatal("a second lock was granted")
	}
	select {
	case <-raised:
	case <-time.After(5 * time.Second):
		t.Error("the window was not asked to come forward")
	}
}
