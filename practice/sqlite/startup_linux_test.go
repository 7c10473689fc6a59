package sqlite

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"starcoach/practice"
)

// sideFiles lists the -wal, -shm and -journal files beside a database.
func sideFiles(path string) []string {
	var out []string
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + s); err == nil {
			out = append(out, s)
		}
	}
	return out
}

// A row that breaks a CHECK constraint (written with the constraints
// turned off) is caught at start-up, which a read-only quick_check misses,
// and the database is left byte for byte as it was, with no side files.
func TestStartupCatchesARowBreakingACheck(t *testing.T) {
	for _, c := range []struct{ name, sql string }{
		{"an unknown status", `UPDATE attempts SET status = 'paused'`},
		{"a rating of 9", `UPDATE takes SET rating = 9`},
		{"checks that are not JSON", `UPDATE takes SET checks = 'scope'`},
		{"a story without a title", `UPDATE stories SET title = ''`},
		{"competencies that are not JSON", `UPDATE stories SET competencies = 'Ownership'`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			db := openTest(t, dir)
			a := newAttempt(t, db, "q")
			recordTake(t, db, a.ID, practice.Situation, 20e9, false)
			if err := db.SetCue(ctx, "q", practice.Situation, "launch week", "Launch"); err != nil {
				t.Fatal(err)
			}
			db.Close()
			raw, err := sql.Open("sqlite", filepath.Join(dir, FileName))
			if err != nil {
				t.Fatal(err)
			}
			raw.SetMaxOpenConns(1)
			if _, err := raw.Exec(`PRAGMA ignore_check_constraints = ON; ` + c.sql); err != nil {
				t.Fatal(err)
			}
			raw.Close()
			path := filepath.Join(dir, FileName)
			before, _ := os.ReadFile(path)
			_, err = Open(dir)
			var corrupt *CorruptError
			if !errors.As(err, &corrupt) || !strings.Contains(err.Error(), "breaks a CHECK constraint") {
				t.Fatalf("Open = %v, want a CorruptError naming the row", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the refused database was changed")
			}
			if s := sideFiles(path); len(s) != 0 {
				t.Errorf("side files left beside the refused database: %v", s)
			}
		})
	}
}

// journalChildEnv names the database the journal child writes to.
const journalChildEnv = "STARCOACH_JOURNAL_CHILD"

// TestJournalChild writes a large transaction to a new database in
// rollback-journal mode and kills itself before committing: the state of
// a first start cut short by a crash.
func TestJournalChild(t *testing.T) {
	path := os.Getenv(journalChildEnv)
	if path == "" {
		t.Skip("runs only as the child of TestCrashDuringCreation")
	}
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(DELETE)&_pragma=cache_size(2)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`CREATE TABLE junk (x BLOB)`); err != nil {
		t.Fatal(err)
	}
	for range 400 { // far beyond the cache: pages spill to the file
		if _, err := tx.Exec(`INSERT INTO junk VALUES (randomblob(4000))`); err != nil {
			t.Fatal(err)
		}
	}
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
}

// A crash during the very first creation leaves a hot journal. The next
// start recovers it and opens, where it used to fail on every start with
// "attempt to write a readonly database".
func TestCrashDuringCreation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	cmd := exec.Command(os.Args[0], "-test.run=^TestJournalChild$")
	cmd.Env = append(os.Environ(), journalChildEnv+"="+path)
	out, _ := cmd.CombinedOutput()
	if _, err := os.Stat(path + "-journal"); err != nil {
		t.Fatalf("the child left no hot journal (%v): %s", err, out)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatalf("Open after a crash during creation: %v", err)
	}
	defer db.Close()
	newAttempt(t, db, "q")
	var junk int
	db.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'junk'`).Scan(&junk)
	if junk != 0 {
		t.Error("the uncommitted transaction survived the recovery")
	}
}

// A full disk at start-up is said in words, not "disk I/O error (4874)",
// and leaves no half-written side file.
func TestStartupOnAFullDisk(t *testing.T) {
	dir := smallDisk(t)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	newAttempt(t, db, "q")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	for err == nil {
		_, err = f.Write(make([]byte, 4096))
	}
	f.Close()
	path := filepath.Join(dir, FileName)
	_, err = Open(dir)
	if !errors.Is(err, practice.ErrDiskFull) || !strings.Contains(err.Error(), "is full: free some space; nothing was lost") {
		t.Fatalf("Open on a full disk = %v", err)
	}
	if s := sideFiles(path); len(s) != 0 {
		t.Errorf("side files left: %v", s)
	}
	os.Remove(filepath.Join(dir, "filler"))
	db, err = Open(dir)
	if err != nil {
		t.Fatalf("Open once there is room again: %v", err)
	}
	defer db.Close()
	if as, _ := db.Attempts(ctx, practice.HistoryFilter{}); len(as) != 1 {
		t.Errorf("%d attempts after the full disk, want 1", len(as))
	}
}

// smallDisk mounts a 1 MB tmpfs to fill, skipping the test where mounting
// is not allowed (not root, no mount namespace).
func smallDisk(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a tmpfs (%v)", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// A restore that does not fit the disk's free space, with the margin the
// app needs to go on recording, is refused before a byte is written.
func TestRestoreNeedsRoom(t *testing.T) {
	db, _ := history(t)
	archive := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := db.BackupArchive(ctx, archive); err != nil {
		t.Fatal(err)
	}
	dir := smallDisk(t)
	before := tree(t, dir)
	_, err := Restore(dir, archive, false)
	if err == nil || !strings.Contains(err.Error(), "MB free") {
		t.Errorf("Restore onto a 1 MB disk = %v", err)
	}
	sameTree(t, "a restore refused for room", before, tree(t, dir))
}
