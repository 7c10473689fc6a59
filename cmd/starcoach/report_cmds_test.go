package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"starcoach/internal/privatetest"
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
