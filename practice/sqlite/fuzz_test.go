package sqlite

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRestore feeds Restore any archive bytes over a data directory with
// a history of its own (with --replace, the strongest case): either the
// restore is refused and the directory, and a folder of canaries beside
// it, keep every byte, or it succeeds and the result opens, passes check,
// and the earlier history is kept aside. `make test` runs it for a while;
// `go test -fuzz FuzzRestore ./practice/sqlite` runs it for longer.
func FuzzRestore(f *testing.F) {
	db, _ := history(f)
	template := db.Dir()
	good := filepath.Join(f.TempDir(), "good.tar")
	if _, err := db.BackupArchive(ctx, good); err != nil {
		f.Fatal(err)
	}
	db.Close()
	b, err := os.ReadFile(good)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Add(bytes.Replace(b, []byte("recordings/"), []byte("recordings/../"), 1))
	f.Add([]byte("not an archive"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir, outside := besideCanaries(t)
		copyTree(t, template, dir)
		before, beforeOutside := tree(t, dir), tree(t, outside)
		archive := filepath.Join(t.TempDir(), "archive.tar")
		if err := os.WriteFile(archive, data, 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := Restore(dir, archive, true)
		sameTree(t, "the folder beside the data directory", beforeOutside, tree(t, outside))
		if err != nil {
			sameTree(t, "a refused restore", before, tree(t, dir))
			return
		}
		if _, err := os.Stat(rep.Aside); err != nil {
			t.Errorf("the earlier history is not aside: %v", err)
		}
		back, err := Open(dir)
		if err != nil {
			t.Fatalf("a restored archive does not open: %v", err)
		}
		defer back.Close()
		if crep, err := back.Check(ctx); err != nil || len(crep.Orphans) != 0 || len(crep.Missing) != len(rep.Missing) {
			t.Errorf("check after a restore: %+v, %v (restore said %+v)", crep, err, rep)
		}
	})
}

// copyTree copies a data directory, keeping modes.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(dst, info.Mode().Perm())
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}
