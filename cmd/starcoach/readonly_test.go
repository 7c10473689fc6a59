package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/practice/sqlite/sqlitetest"
)

// hashDir is everything about a data directory a command could change:
// for each entry under it, and itself, its mode and modification time,
// and a file's bytes (hashed). It is nil when there is no directory.
func hashDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	var state map[string]string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if p == dir && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		s := fmt.Sprintf("%v %s", info.Mode(), info.ModTime().Format(time.RFC3339Nano))
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			s += fmt.Sprintf(" %x", sha256.Sum256(b))
		}
		rel, _ := filepath.Rel(dir, p)
		if state == nil {
			state = map[string]string{}
		}
		state[rel] = s
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return state
}

// sameDir fails the test with every entry that differs between two
// hashDir states.
func sameDir(t *testing.T, doing string, before, after map[string]string) {
	t.Helper()
	var diff []string
	for name, b := range before {
		if a, ok := after[name]; !ok {
			diff = append(diff, fmt.Sprintf("%s: gone", name))
		} else if a != b {
			diff = append(diff, fmt.Sprintf("%s: %s, was %s", name, a, b))
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			diff = append(diff, fmt.Sprintf("%s: new", name))
		}
	}
	if (before == nil) != (after == nil) {
		diff = append(diff, fmt.Sprintf("the directory itself: there before %v, after %v", before != nil, after != nil))
	}
	sort.Strings(diff)
	if len(diff) > 0 {
		t.Errorf("%s changed the data directory:\n%s", doing, strings.Join(diff, "\n"))
	}
}

// addTake saves attempt a with one Situation take like tk, its recording
// made, as the app would; a zero StartedAt is now.
func addTake(t *testing.T, db *sqlite.DB, a practice.Attempt, tk practice.Take) practice.Attempt {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateAttempt(ctx, &a); err != nil {
		t.Fatal(err)
	}
	rel, _, err := db.TakePath(ctx, a.ID, practice.Situation)
	if err != nil {
		t.Fatal(err)
	}
	tk.AttemptID, tk.Step, tk.WAV = a.ID, practice.Situation, rel
	tk.Spoken, tk.Target, tk.Verdict = 20*time.Second, 25*time.Second, practice.OnTarget
	if err := db.AddTake(ctx, &tk); err != nil {
		t.Fatal(err)
	}
	return a
}

// attemptAt is an attempt at question q, as the command tests make them.
func attemptAt(q string) practice.Attempt {
	return practice.Attempt{QuestionID: q, Level: "sde1", Mode: practice.StepByStep}
}

// leaveWAL adds an attempt at question q and leaves the database as a
// crash would: that commit only in the -wal (and -shm) beside it, which
// the database file alone does not hold.
func leaveWAL(t *testing.T, dir, q string) {
	t.Helper()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	addTake(t, db, attemptAt(q), practice.Take{})
	path := filepath.Join(dir, sqlite.FileName)
	crashed := map[string][]byte{}
	for _, s := range []string{"", "-wal", "-shm"} {
		if crashed[s], err = os.ReadFile(path + s); err != nil {
			t.Fatal(err)
		}
	}
	db.Close() // checkpoints the -wal into the file and removes it
	for s, b := range crashed {
		if err := os.WriteFile(path+s, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if len(crashed["-wal"]) == 0 {
		t.Fatal("the commit is not in the -wal")
	}
}

// journalMode is the database file's header byte 18: 1 for a rollback
// journal, 2 for WAL.
func journalMode(t *testing.T, dir string) byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, sqlite.FileName))
	if err != nil || len(b) < 100 {
		t.Fatalf("database header: %v", err)
	}
	return b[18]
}

// readingCommands are the commands that only read, each with a line it
// prints for every data directory.
var readingCommands = []struct {
	args []string
	want string
}{
	{[]string{"questions"}, "tight-deadline"},
	{[]string{"plan"}, "tight-deadline"},
	{[]string{"history"}, ""},
	{[]string{"history", "--json"}, ""},
	{[]string{"stories"}, ""},
	{[]string{"check"}, "every take has its recording"},
}

// The commands that only read never write to the data directory: not a
// byte, a mode or a modification time changes, and nothing is made, not
// even a -wal, -shm or lock file. Each reads the newest committed data,
// from a crash's -wal too, and an older schema as this StarCoach knows it.
func TestReadingCommandsNeverWrite(t *testing.T) {
	for _, c := range []struct {
		name    string
		prepare func(t *testing.T, dir string)
		want    map[string]string // a command's output holds this
	}{
		{"a restored database (rollback journal)", func(t *testing.T, dir string) {
			src := t.TempDir()
			seedHistory(t, src)
			archive := filepath.Join(t.TempDir(), "backup.tar")
			if _, errOut, code := runCmd(t, "--data-dir", src, "backup", archive); code != 0 {
				t.Fatal(errOut)
			}
			if _, errOut, code := runCmd(t, "--data-dir", dir, "restore", archive); code != 0 {
				t.Fatal(errOut)
			}
			if m := journalMode(t, dir); m != 1 {
				t.Fatalf("the restored database's journal mode is %d, want 1 (rollback)", m)
			}
		}, map[string]string{"history": "tight-deadline"}},
		{"a WAL database", func(t *testing.T, dir string) {
			seedHistory(t, dir)
			if m := journalMode(t, dir); m != 2 {
				t.Fatalf("journal mode %d, want 2 (WAL)", m)
			}
		}, map[string]string{"history": "tight-deadline"}},
		{"a -wal left by a crash", func(t *testing.T, dir string) {
			seedHistory(t, dir)
			leaveWAL(t, dir, "after-crash")
		}, map[string]string{"history": "after-crash", "history --json": "after-crash"}},
		{"an older schema", func(t *testing.T, dir string) {
			if err := sqlitetest.OldNotes(dir, map[string]map[practice.StepID]string{
				"tight-deadline": {practice.Situation: "launch week"}}); err != nil {
				t.Fatal(err)
			}
		}, map[string]string{"stories": "Story for tight deadline"}},
		{"an empty data directory", func(t *testing.T, dir string) {
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
		}, map[string]string{"plan": "Nothing rehearsed yet", "history": "no takes recorded yet"}},
		{"no data directory", func(*testing.T, string) {},
			map[string]string{"plan": "Nothing rehearsed yet", "stories": "No stories yet"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			c.prepare(t, dir)
			before := hashDir(t, dir)
			for _, cmd := range readingCommands {
				out, errOut, code := runCmd(t, append([]string{"--data-dir", dir}, cmd.args...)...)
				name := strings.Join(cmd.args, " ")
				if code != 0 || errOut != "" || !strings.Contains(out, cmd.want) || !strings.Contains(out, c.want[name]) {
					t.Errorf("%s: exit %d, %q, want output with %q and %q:\n%s", name, code, errOut, cmd.want, c.want[name], out)
				}
				sameDir(t, name, before, hashDir(t, dir))
			}
		})
	}
}

// Beside the running app, which holds the lock and writes, a reading
// command reads the app's newest commit through its -wal, as a concurrent
// SQLite reader, and makes no private copy (there is no room for one
// here).
func TestReadingBesideTheRunningApp(t *testing.T) {
	dir := t.TempDir()
	seedHistory(t, dir)
	lock, err := lockForApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	addTake(t, db, attemptAt("while-running"), practice.Take{})
	if st, err := os.Stat(filepath.Join(dir, sqlite.FileName+"-wal")); err != nil || st.Size() == 0 {
		t.Fatalf("the app's commit is not in a -wal: %v", err)
	}
	// No room for a private copy anywhere.
	t.Setenv("TMPDIR", filepath.Join(dir, "no-such-folder"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, sqlite.FileName, "not-a-folder"))
	out, errOut, code := runCmd(t, "--data-dir", dir, "history")
	if code != 0 || !strings.Contains(out, "while-running") || !strings.Contains(out, "tight-deadline") {
		t.Errorf("history beside the app: exit %d, %q\n%s", code, errOut, out)
	}
}

// backup reads the database as the other reading commands do: a restored
// one keeps its rollback journal, byte for byte, and gets no side file;
// its snapshot is made in the temporary folder, so the data directory's
// own modification time stays too.
func TestBackupLeavesTheDatabaseAsItIs(t *testing.T) {
	src := t.TempDir()
	seedHistory(t, src)
	archive := filepath.Join(t.TempDir(), "backup.tar")
	if _, errOut, code := runCmd(t, "--data-dir", src, "backup", archive); code != 0 {
		t.Fatal(errOut)
	}
	dir := t.TempDir()
	if _, errOut, code := runCmd(t, "--data-dir", dir, "restore", archive); code != 0 {
		t.Fatal(errOut)
	}
	before := hashDir(t, dir)
	if _, errOut, code := runCmd(t, "--data-dir", dir, "backup", filepath.Join(t.TempDir(), "again.tar")); code != 0 {
		t.Fatal(errOut)
	}
	sameDir(t, "backup", before, hashDir(t, dir))
}

// While the lock is held by something that does not have the database
// open (a restore), a reading command still writes nothing: no -wal or
// -shm appears beside the database.
func TestReadingWhileTheLockIsHeldWithoutTheDatabase(t *testing.T) {
	dir := t.TempDir()
	seedHistory(t, dir)
	lock, err := lockForWrite(dir, "restore")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	before := hashDir(t, dir)
	if out, errOut, code := runCmd(t, "--data-dir", dir, "history"); code != 0 || !strings.Contains(out, "tight-deadline") {
		t.Errorf("history: exit %d, %q", code, errOut)
	}
	sameDir(t, "history while the lock is held", before, hashDir(t, dir))
}
