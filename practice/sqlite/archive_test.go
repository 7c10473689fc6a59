package sqlite

import (
	"archive/tar"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"starcoach/internal/privatetest"
	"starcoach/practice"
)

// history makes a data directory with two attempts, their takes and
// recordings, a story linked to a question and an imported pack.
func history(t testing.TB) (*DB, []practice.Take) {
	t.Helper()
	db := openTest(t, t.TempDir())
	var takes []practice.Take
	for _, q := range []string{"a", "b"} {
		a := newAttempt(t, db, q)
		for _, st := range practice.Steps[:2] {
			takes = append(takes, recordTake(t, db, a.ID, st, 20*time.Second, false))
		}
	}
	if err := db.SetCue(ctx, "a", practice.Task, "own it", "Story a"); err != nil {
		t.Fatal(err)
	}
	if err := db.SavePack(ctx, "mine.yaml", []byte("pack: mine")); err != nil {
		t.Fatal(err)
	}
	return db, takes
}

// A backup archive restores whole into an empty directory: the attempts,
// takes, stories, packs and every recording, byte for byte.
func TestBackupArchiveRestoresWhole(t *testing.T) {
	db, takes := history(t)
	archive := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := db.BackupArchive(ctx, archive); err != nil {
		t.Fatal(err)
	}
	privatetest.Check(t, archive)
	if _, err := db.BackupArchive(ctx, archive); !errors.Is(err, os.ErrExist) {
		t.Errorf("backup over an existing file: %v", err)
	}
	dir := t.TempDir()
	rep, err := Restore(dir, archive, false)
	if err != nil || rep.Recordings != len(takes) {
		t.Fatalf("Restore = %+v, %v", rep, err)
	}
	back := openTest(t, dir)
	as, _ := back.Attempts(ctx, practice.HistoryFilter{})
	if len(as) != 2 {
		t.Fatalf("%d attempts restored", len(as))
	}
	for _, tk := range takes {
		orig, _ := os.ReadFile(filepath.Join(db.Dir(), tk.WAV))
		got, err := os.ReadFile(filepath.Join(dir, tk.WAV))
		if err != nil || !bytes.Equal(orig, got) {
			t.Errorf("recording %s: %v", tk.WAV, err)
		}
		privatetest.Check(t, filepath.Join(dir, tk.WAV))
	}
	if c, _ := back.Cues(ctx, "a"); c.StoryTitle != "Story a" || c.Line(practice.Task) != "own it" {
		t.Errorf("cue cards restored as %+v", c)
	}
	if packs, _ := back.Packs(ctx); len(packs) != 1 {
		t.Errorf("%d packs restored", len(packs))
	}
	if rep, err := back.Check(ctx); err != nil || !rep.OK() {
		t.Errorf("Check after restore: %+v, %v", rep, err)
	}
	// A new attempt after the restore gets a folder of its own.
	a := newAttempt(t, back, "c")
	tk := recordTake(t, back, a.ID, practice.Situation, time.Second, false)
	for _, old := range takes {
		if filepath.Dir(tk.WAV) == filepath.Dir(old.WAV) {
			t.Errorf("a new attempt shares %s with a restored one", filepath.Dir(tk.WAV))
		}
	}
}

// Restore refuses a directory that already holds a history unless asked,
// and then moves the old one aside instead of deleting it.
func TestRestoreKeepsWhatIsThere(t *testing.T) {
	db, _ := history(t)
	archive := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := db.BackupArchive(ctx, archive); err != nil {
		t.Fatal(err)
	}
	other, otherTakes := history(t)
	otherDir := other.Dir()
	other.Close()
	before, _ := os.ReadFile(filepath.Join(otherDir, FileName))
	if _, err := Restore(otherDir, archive, false); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("Restore over a history: %v, want ErrNotEmpty", err)
	}
	if after, _ := os.ReadFile(filepath.Join(otherDir, FileName)); !bytes.Equal(before, after) {
		t.Error("a refused restore changed the database")
	}
	rep, err := Restore(otherDir, archive, true)
	if err != nil || rep.Aside == "" {
		t.Fatalf("Restore with replace: %+v, %v", rep, err)
	}
	if aside, _ := os.ReadFile(rep.Aside); !bytes.Equal(aside, before) {
		t.Error("the replaced database was not kept aside")
	}
	moved := filepath.Join(otherDir, "recordings"+strings.TrimPrefix(rep.Aside, filepath.Join(otherDir, FileName)))
	if _, err := os.Stat(filepath.Join(moved, strings.TrimPrefix(otherTakes[0].WAV, "recordings/"))); err != nil {
		t.Errorf("the replaced recordings were not kept aside: %v", err)
	}
}

// An archive that is not whole, or not a StarCoach backup, is refused
// before anything is written.
func TestRestoreChecksTheArchive(t *testing.T) {
	db, takes := history(t)
	good := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := db.BackupArchive(ctx, good); err != nil {
		t.Fatal(err)
	}
	rewrite := func(name string, keep func(h *tar.Header) bool, extra ...*tar.Header) string {
		in, _ := os.Open(good)
		defer in.Close()
		out := filepath.Join(t.TempDir(), name)
		f, _ := os.Create(out)
		defer f.Close()
		tr, tw := tar.NewReader(in), tar.NewWriter(f)
		for {
			h, err := tr.Next()
			if err != nil {
				break
			}
			if !keep(h) {
				continue
			}
			tw.WriteHeader(h)
			b := new(bytes.Buffer)
			b.ReadFrom(tr)
			tw.Write(b.Bytes())
		}
		for _, h := range extra {
			tw.WriteHeader(h)
		}
		tw.Close()
		return out
	}
	cases := map[string]struct {
		archive string
		want    string
	}{
		"a recording missing": {rewrite("missing.tar", func(h *tar.Header) bool { return h.Name != takes[1].WAV }), "is missing from it"},
		"no database":         {rewrite("nodb.tar", func(h *tar.Header) bool { return h.Name != FileName }), "no starcoach.db"},
		"a path leaving it":   {rewrite("evil.tar", func(*tar.Header) bool { return true }, &tar.Header{Name: "../evil", Typeflag: tar.TypeReg}), "which a StarCoach backup does not"},
		"not an archive":      {writeFile(t, "notes.txt", "hello"), "not a StarCoach backup"},
	}
	for name, c := range cases {
		dir := t.TempDir()
		if _, err := Restore(dir, c.archive, false); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: a refused restore left %d entries", name, len(entries))
		}
	}
}

func writeFile(t *testing.T, name, text string) string {
	p := filepath.Join(t.TempDir(), name)
	os.WriteFile(p, []byte(text), 0o600)
	return p
}
