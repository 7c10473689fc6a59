package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"starcoach/practice"
	"starcoach/practice/sqlite"
)

// A restore killed at each of its renames (strace's fault injection sends
// SIGKILL as the Nth rename starts) leaves a data directory the next
// start puts right, saying how: the history is then wholly the earlier
// one or wholly the restored one, never empty or mixed, with every
// recording its takes name and no work directory left.
func TestRestoreKilledAtEveryRename(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed (scripts/install-deps.sh --test installs it)")
	}
	from := t.TempDir()
	seedHistory(t, from)
	db, err := sqlite.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	extra := practice.Attempt{QuestionID: "only-in-the-backup", Level: "sde1", Mode: practice.StepByStep}
	if err := db.CreateAttempt(context.Background(), &extra); err != nil {
		t.Fatal(err)
	}
	db.Close()
	archive := filepath.Join(t.TempDir(), "backup.tar")
	if _, errOut, code := runCmd(t, "--data-dir", from, "backup", archive); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	restored := questionsIn(t, from)

	killed := 0
	for n := 1; ; n++ {
		dir := filepath.Join(t.TempDir(), "data")
		seedHistory(t, dir)
		earlier := questionsIn(t, dir)
		child := childCLI(t, nil, "--data-dir", dir, "restore", "--replace", archive)
		c := exec.Command(strace, append([]string{"-f", "-o", os.DevNull, "-e", "trace=rename,renameat,renameat2",
			"-e", fmt.Sprintf("inject=rename,renameat,renameat2:signal=KILL:when=%d", n), child.Path}, child.Args[1:]...)...)
		c.Env = child.Env
		out, err := c.CombinedOutput()
		var exit *exec.ExitError
		if err == nil {
			if killed == 0 {
				t.Fatalf("the restore ran whole at the first rename: %s", out)
			}
			t.Logf("a restore makes %d renames; killed at each", n-1)
			if got := questionsIn(t, dir); !slices.Equal(got, restored) {
				t.Errorf("after a whole restore: %v", got)
			}
			return
		}
		if !errors.As(err, &exit) {
			t.Fatal(err)
		}
		killed++
		// The next start, as the app makes it.
		db, err := sqlite.Open(dir)
		if err != nil {
			t.Fatalf("killed at rename %d: the next start fails: %v", n, err)
		}
		notes := db.Tidied()
		rep, cerr := db.Check(context.Background())
		db.Close()
		got := questionsIn(t, dir)
		switch {
		case slices.Equal(got, earlier):
			if !strings.Contains(strings.Join(notes, " "), "undone") && n > 1 {
				t.Errorf("killed at rename %d: the earlier history is back, and the start said %q", n, notes)
			}
		case slices.Equal(got, restored):
			if !strings.Contains(strings.Join(notes, " "), "finished") {
				t.Errorf("killed at rename %d: the restored history is in, and the start said %q", n, notes)
			}
		default:
			t.Errorf("killed at rename %d: the history holds %v, neither the earlier %v nor the restored %v", n, got, earlier, restored)
		}
		if cerr != nil || !rep.OK() {
			t.Errorf("killed at rename %d: check: %+v, %v", n, rep, cerr)
		}
		left, _ := filepath.Glob(filepath.Join(dir, ".restore-*"))
		if len(left) > 0 {
			t.Errorf("killed at rename %d: left %v", n, left)
		}
		if n > 20 {
			t.Fatal("the restore never ran whole")
		}
	}
}

// questionsIn lists the questions of a data directory's attempts, sorted.
func questionsIn(t *testing.T, dir string) []string {
	t.Helper()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	as, err := db.Attempts(context.Background(), practice.HistoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, a := range as {
		qs = append(qs, a.QuestionID)
	}
	slices.Sort(qs)
	return qs
}
