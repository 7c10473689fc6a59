package sqlite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"starcoach/practice"
)

// privateTemp points the private copies OpenToRead makes at a folder of
// the test's, and returns it.
func privateTemp(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("XDG_CACHE_HOME", tmp)
	return tmp
}

// noCopiesLeft fails the test if a private copy is left in tmp, or in
// the work folder there.
func noCopiesLeft(t *testing.T, tmp string) {
	t.Helper()
	for _, d := range []string{tmp, filepath.Join(tmp, "starcoach")} {
		left, _ := os.ReadDir(d)
		for _, e := range left {
			if e.Name() != "starcoach" {
				t.Errorf("a private copy left behind: %s", filepath.Join(d, e.Name()))
			}
		}
	}
}

// crashLeftWAL makes a data directory of attempts, the last of which are
// committed only to the -wal, as a crash leaves it; it returns the
// database's path and how many attempts it holds.
func crashLeftWAL(t *testing.T) (string, int) {
	t.Helper()
	dir := t.TempDir()
	add := func(db *DB, from, to int) {
		for i := from; i < to; i++ {
			a := newAttempt(t, db, fmt.Sprintf("q%d", i))
			recordTake(t, db, a.ID, practice.Situation, 20*time.Second, true)
		}
	}
	db := openTest(t, dir)
	add(db, 0, 50)
	db.Close()
	db = openTest(t, dir)
	add(db, 50, 60)
	path := filepath.Join(dir, FileName)
	crashed := map[string][]byte{}
	for _, s := range []string{"", "-wal"} {
		var err error
		if crashed[s], err = os.ReadFile(path + s); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	for s, b := range crashed {
		if err := os.WriteFile(path+s, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return path, 60
}

// A -wal a crash left is read through a private copy, which Close
// removes: the newest commit, with the data directory untouched.
func TestOpenToReadACrashsWAL(t *testing.T) {
	tmp := privateTemp(t)
	path, n := crashLeftWAL(t)
	db, err := OpenToRead(filepath.Dir(path), false)
	if err != nil {
		t.Fatal(err)
	}
	as, err := db.Attempts(ctx, practice.HistoryFilter{})
	if err != nil || len(as) != n {
		t.Errorf("%d attempts (%v), want the %d committed", len(as), err, n)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	noCopiesLeft(t, tmp)
	if s := sideFiles(path); len(s) != 1 || s[0] != "-wal" {
		t.Errorf("side files %v, want the crash's -wal alone", s)
	}
}

// A damaged database read through a private copy is named as itself in
// the CorruptError, not as the copy, and the copy is gone.
func TestOpenToReadNamesTheDatabaseNotItsCopy(t *testing.T) {
	tmp := privateTemp(t)
	path, _ := crashLeftWAL(t)
	corrupt(t, path)
	_, err := OpenToRead(filepath.Dir(path), false)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Path != path {
		t.Fatalf("OpenToRead = %v, want a CorruptError for %s", err, path)
	}
	noCopiesLeft(t, tmp)
}

// A database from a newer StarCoach is refused as Open refuses it.
func TestOpenToReadANewerSchema(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir).Close()
	r := rawDB(t, filepath.Join(dir, FileName))
	if _, err := r.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	r.Close()
	var ve *VersionError
	if _, err := OpenToRead(dir, false); !errors.As(err, &ve) || ve.Version != 99 {
		t.Fatalf("OpenToRead = %v, want a VersionError for schema 99", err)
	}
}
