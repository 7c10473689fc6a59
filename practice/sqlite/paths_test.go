package sqlite

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"starcoach/practice"
)

func TestStoredNames(t *testing.T) {
	folders := map[string]bool{
		"20261130T221500-3f9a2c41d0":        true,
		"12":                                true, // before migration 003
		"0":                                 false,
		"012":                               false,
		"-1":                                false,
		"":                                  false,
		"..":                                false,
		"../../Documents":                   false,
		"20261130T221500-3F9A2C41D0":        false,
		"20261330T221500-3f9a2c41d0":        false,
		"20261130T221500-3f9a2c41d":         false,
		"20261130T221500-3f9a2c41d0/..":     false,
		"20261130T221500-3f9a2c41d0/../..":  false,
		"/20261130T221500-3f9a2c41d0":       false,
		"20261130T221500-3f9a2c41dg":        false,
		"99999999999999999999999999":        false,
		".trash-20261130T221500-3f9a2c41d0": false,
	}
	for name, want := range folders {
		if got := validFolder(name); got != want {
			t.Errorf("validFolder(%q) = %v, want %v", name, got, want)
		}
	}
	files := map[string]bool{
		"situation-1.wav":     true,
		"followup-12.wav":     true,
		"reflection-99.wav":   true,
		"situation-0.wav":     false,
		"situation-01.wav":    false,
		"situation--1.wav":    false,
		"situation-1.WAV":     false,
		"situation-1":         false,
		"evil-1.wav":          false,
		"../situation-1.wav":  false,
		"situation-1.wav/x":   false,
		"situation-1.wav\x00": false,
	}
	for name, want := range files {
		step, n, ok := parseTakeFile(name)
		if ok != want {
			t.Errorf("parseTakeFile(%q) ok = %v, want %v", name, ok, want)
		}
		if ok && takeFile(step, n) != name {
			t.Errorf("takeFile(parseTakeFile(%q)) = %q", name, takeFile(step, n))
		}
	}
}

// tree is what a directory holds, for telling whether anything in it
// changed: each path's type and mode, and each file's size, time and
// contents. A directory's time is left out: work done beside what it
// holds (a restore's staging directory, made and removed) changes it.
func tree(t testing.TB, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[rel] = info.Mode().String()
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] += fmt.Sprintf(" %d %d %x", info.Size(), info.ModTime().UnixNano(), sha256.Sum256(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t testing.TB, what string, before, after map[string]string) {
	t.Helper()
	for p, b := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("%s: %s is gone", what, p)
		} else if a != b {
			t.Errorf("%s: %s changed: %s, was %s", what, p, a, b)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s: %s appeared", what, p)
		}
	}
}

// canaries makes a folder of files beside the data directory that nothing
// may touch, shaped like an attempt's recordings (a take file, an empty
// one) so that a bug would find something to act on.
func canaries(t testing.TB, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for name, body := range map[string]string{"situation-1.wav": "RIFF....WAVE not mine", "task-1.wav": "", "letter.txt": "keep me"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, 0o644)
		os.Chtimes(p, old, old)
	}
	os.Chtimes(dir, old, old)
}

// besideCanaries names a data directory yet to be made and a folder of
// canaries beside it.
func besideCanaries(t testing.TB) (dir, outside string) {
	t.Helper()
	parent := t.TempDir()
	dir, outside = filepath.Join(parent, "data"), filepath.Join(parent, "Documents")
	canaries(t, outside)
	return dir, outside
}

// A row naming a folder or file outside the data directory, as a hostile
// archive or a hand edit could make it, is refused by everything that
// would act on it, and by the start-up check; the files outside keep
// their bytes, modes and times.
func TestAStoredNameNeverLeavesTheDataDirectory(t *testing.T) {
	dir, outside := besideCanaries(t)
	before := tree(t, outside)

	db := openTest(t, dir)
	left := newAttempt(t, db, "left")
	recordTake(t, db, left.ID, practice.Situation, 10*time.Second, true)
	done := newAttempt(t, db, "done")
	recordTake(t, db, done.ID, practice.Situation, 10*time.Second, true)
	if _, err := db.FinishAttempt(ctx, done.ID); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, filepath.Join(dir, FileName))
	defer raw.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`UPDATE attempts SET folder = '../../Documents' WHERE id = ?`, left.ID)
	exec(`UPDATE attempts SET folder = '../../Documents/' WHERE id = ?`, done.ID)

	wantName := func(what string, err error, row string) {
		t.Helper()
		var ne *NameError
		if !errors.As(err, &ne) || !strings.Contains(err.Error(), row) {
			t.Errorf("%s: %v, want an error naming %s", what, err, row)
		}
	}
	wantName("delete", db.DeleteAttempt(ctx, done.ID), fmt.Sprintf("attempt %d", done.ID))
	if _, err := db.Attempt(ctx, done.ID); err != nil {
		t.Errorf("a refused delete deleted the row: %v", err)
	}
	_, err := db.Recover(ctx, func(string, practice.Attempt, practice.StepID) (practice.Take, error) {
		t.Error("a file outside was handed to salvage")
		return practice.Take{}, errors.New("no")
	})
	wantName("recover", err, fmt.Sprintf("attempt %d", left.ID))
	_, _, err = db.TakePath(ctx, left.ID, practice.Task)
	wantName("a new take's path", err, fmt.Sprintf("attempt %d", left.ID))
	_, err = db.Check(ctx)
	wantName("check", err, "take 1 ")
	archive := filepath.Join(t.TempDir(), "backup.tar")
	_, err = db.BackupArchive(ctx, archive)
	wantName("backup", err, "of attempt")
	if _, serr := os.Stat(archive); serr == nil {
		t.Error("a refused backup left its archive")
	}
	for _, rel := range []string{"recordings/../../Documents/situation-1.wav", "../Documents/letter.txt",
		"recordings/20261130T221500-3f9a2c41d0/../../../Documents/situation-1.wav", "/etc/passwd"} {
		_, err := db.RecordingPath(rel)
		wantName("play "+rel, err, "a take")
	}
	sameTree(t, "after acting on the rows", before, tree(t, outside))

	// The next start refuses the database rather than act on it, naming
	// the rows; so does it for a take naming a file outside.
	db.Close()
	_, err = Open(dir)
	var ce *CorruptError
	if !errors.As(err, &ce) || !strings.Contains(ce.Detail, fmt.Sprintf("attempt %d names \"../../Documents\"", left.ID)) {
		t.Errorf("start-up with a folder outside: %v", err)
	}
	exec(`UPDATE attempts SET folder = '20261130T221500-3f9a2c41d0' WHERE id = ?`, left.ID)
	exec(`UPDATE attempts SET folder = '20261130T221500-3f9a2c41d1' WHERE id = ?`, done.ID)
	exec(`UPDATE takes SET wav = 'recordings/20261130T221500-3f9a2c41d1/../../../Documents/situation-1.wav' WHERE attempt_id = ?`, done.ID)
	_, err = Open(dir)
	if !errors.As(err, &ce) || !strings.Contains(ce.Detail, "of attempt") || !strings.Contains(ce.Detail, "Documents") {
		t.Errorf("start-up with a take outside: %v", err)
	}
	sameTree(t, "after the start-up checks", before, tree(t, outside))
}

// A recordings folder that is a link to a folder outside is not followed:
// recovery, a new take and a delete refuse it.
func TestALinkedFolderIsNotFollowed(t *testing.T) {
	dir, outside := besideCanaries(t)
	before := tree(t, outside)
	db := openTest(t, dir)
	a := newAttempt(t, db, "q")
	folder := attemptDir(t, db, a.ID)
	os.RemoveAll(folder)
	if err := os.Symlink(outside, folder); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(folder); err != nil || st.Mode()&os.ModeSymlink == 0 {
		// Wine 8.0 makes a Unix link that Windows programs see as a folder.
		t.Skipf("this system made a link it does not report as one (%v): nothing can tell it from a folder", err)
	}
	_, err := db.Recover(ctx, func(string, practice.Attempt, practice.StepID) (practice.Take, error) {
		t.Error("a file outside was handed to salvage")
		return practice.Take{}, errors.New("no")
	})
	if !errors.Is(err, ErrOutside) {
		t.Errorf("recover through a link: %v", err)
	}
	if _, _, err := db.TakePath(ctx, a.ID, practice.Task); !errors.Is(err, ErrOutside) {
		t.Errorf("a new take through a link: %v", err)
	}
	if _, err := db.RecordingPath(takeRel(folderName(t, db, a.ID), "situation-1.wav")); !errors.Is(err, ErrOutside) {
		t.Errorf("playing through a link: %v", err)
	}
	if err := db.DeleteAttempt(ctx, a.ID); !errors.Is(err, ErrOutside) {
		t.Errorf("delete through a link: %v", err)
	}
	sameTree(t, "after acting through a link", before, tree(t, outside))

	// Nor is the recordings folder itself a link to one outside: the next
	// start refuses it, and changes no mode there.
	db.Close()
	rec := filepath.Join(dir, recordingsDir)
	os.Rename(rec, rec+".real")
	os.Symlink(outside, rec)
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "is a link") {
		t.Errorf("Open with recordings linked outside: %v", err)
	}
	sameTree(t, "after opening through a link", before, tree(t, outside))
	os.Remove(rec)
	os.Rename(rec+".real", rec)
	db = openTest(t, dir)

	// A link that stays inside the data directory is followed.
	os.Remove(folder)
	inside := filepath.Join(dir, "elsewhere")
	os.Mkdir(inside, 0o700)
	os.Symlink(inside, folder)
	if _, _, err := db.TakePath(ctx, a.ID, practice.Task); err != nil {
		t.Errorf("a link inside the data directory: %v", err)
	}
}
