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

// A reading command after a crash during the very first creation reads
// an empty history: the hot journal is rolled back in a private copy, and
// the database and its journal are left as they are.
func TestOpenToReadAfterACrashDuringCreation(t *testing.T) {
	tmp := privateTemp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	cmd := exec.Command(os.Args[0], "-test.run=^TestJournalChild$")
	cmd.Env = append(os.Environ(), journalChildEnv+"="+path)
	out, _ := cmd.CombinedOutput()
	journal, err := os.ReadFile(path + "-journal")
	if err != nil {
		t.Fatalf("the child left no hot journal (%v): %s", err, out)
	}
	before, _ := os.ReadFile(path)
	db, err := OpenToRead(dir, false)
	if err != nil {
		t.Fatalf("OpenToRead after a crash during creation: %v", err)
	}
	if as, err := db.Attempts(ctx, practice.HistoryFilter{}); err != nil || len(as) != 0 {
		t.Errorf("%d attempts (%v), want none", len(as), err)
	}
	db.Close()
	noCopiesLeft(t, tmp)
	after, _ := os.ReadFile(path)
	afterJournal, _ := os.ReadFile(path + "-journal")
	if !bytes.Equal(before, after) || !bytes.Equal(journal, afterJournal) {
		t.Error("the database or its journal was changed")
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
	mountTmpfs(t, dir, "1m")
	return dir
}

// mountTmpfs makes the folder dir and mounts a tmpfs of size on it until
// the test ends, or skips the test where mounting is not allowed.
func mountTmpfs(t *testing.T, dir, size string) {
	t.Helper()
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs (%v)", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
}

// A work folder left by a stopped restore that cannot be removed (here a
// disk is mounted in it; on Windows a file another program holds open)
// does not keep the history from opening: the start says what is left.
func TestALeftoverThatCannotBeRemovedIsSaid(t *testing.T) {
	dir := t.TempDir()
	left := filepath.Join(dir, restorePrefix+"123")
	if err := os.Mkdir(left, 0o700); err != nil {
		t.Fatal(err)
	}
	mountTmpfs(t, filepath.Join(left, "busy"), "1m")
	db, err := Open(dir)
	if err != nil {
		t.Fatalf("Open with a leftover it cannot remove: %v", err)
	}
	defer db.Close()
	if n := strings.Join(db.Tidied(), "\n"); !strings.Contains(n, "Could not remove "+left) {
		t.Errorf("the start says %q, want that %s could not be removed", n, left)
	}
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

// A hot journal a crash left in the data directory goes aside with the
// database it belongs to, or away with an empty one: it never lies beside
// the restored database, whose next open would roll it back into it.
func TestRestoreOverAHotJournal(t *testing.T) {
	db, _ := history(t)
	archive := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := db.BackupArchive(ctx, archive); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	cmd := exec.Command(os.Args[0], "-test.run=^TestJournalChild$")
	cmd.Env = append(os.Environ(), journalChildEnv+"="+path)
	out, _ := cmd.CombinedOutput()
	if _, err := os.Stat(path + "-journal"); err != nil {
		t.Fatalf("the child left no hot journal (%v): %s", err, out)
	}
	rep, err := Restore(dir, archive, true)
	if err != nil {
		t.Fatal(err)
	}
	back := openTest(t, dir)
	if as, _ := back.Attempts(ctx, practice.HistoryFilter{}); len(as) != 2 {
		t.Errorf("%d attempts after restoring over a hot journal, want 2", len(as))
	}
	if crep, err := back.Check(ctx); err != nil || !crep.OK() {
		t.Errorf("check: %+v, %v", crep, err)
	}
	if _, err := os.Stat(rep.Aside + "-journal"); err != nil {
		t.Errorf("the hot journal did not go aside with its database: %v", err)
	}
}

// The history a restore moved aside opens whole on its own: its -wal went
// with it under the name SQLite looks for.
func TestTheHistoryAsideOpensWhole(t *testing.T) {
	src, _ := history(t)
	archive := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := src.BackupArchive(ctx, archive); err != nil {
		t.Fatal(err)
	}
	old, _ := history(t)
	dir := old.Dir()
	newAttempt(t, old, "only-in-the-wal")
	// As a killed app leaves it: its last commits only in the -wal.
	leaveInWAL(t, old)
	rep, err := Restore(dir, archive, true)
	if err != nil {
		t.Fatal(err)
	}
	aside := t.TempDir()
	for _, s := range []string{"", "-wal"} {
		b, err := os.ReadFile(rep.Aside + s)
		if err != nil {
			t.Fatalf("aside%s: %v", s, err)
		}
		os.WriteFile(filepath.Join(aside, FileName+s), b, 0o600)
	}
	raw := rawDB(t, filepath.Join(aside, FileName))
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM attempts WHERE question_id = 'only-in-the-wal'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("the history aside, opened alone: %d rows, %v", n, err)
	}
}

// leaveInWAL closes db as a killed app leaves it: its last commits only in
// the -wal (and -shm) beside the database file.
func leaveInWAL(t *testing.T, db *DB) {
	t.Helper()
	path := filepath.Join(db.Dir(), FileName)
	crashed := map[string][]byte{}
	for _, s := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + s)
		if err != nil {
			t.Fatal(err)
		}
		crashed[s] = b
	}
	db.Close() // checkpoints the -wal into the file and removes it
	for s, b := range crashed {
		if err := os.WriteFile(path+s, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if len(crashed["-wal"]) == 0 {
		t.Fatal("no commit in the -wal")
	}
}
