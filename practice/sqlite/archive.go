package sqlite

import (
	"archive/tar"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// An archive (BackupArchive, Restore) is a tar file holding a consistent
// copy of the database under its own name, with the candidate's stories
// and imported packs inside it, and every recording it names under
// recordings/: the whole data directory, nothing else.

// BackupArchive writes an archive of the data directory to path, which
// must not exist, while the app goes on using it: the database is copied
// from one snapshot (VACUUM INTO), and the recordings are those the copy
// names, each complete since its take was saved. The archive is created
// 0600: it holds recordings of a voice.
func (db *DB) BackupArchive(ctx context.Context, path string) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("back up: %s already exists; not overwriting it: %w", path, fs.ErrExist)
	}
	if err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("back up: %w", cerr)
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	tmp, err := os.MkdirTemp(db.dir, ".backup-")
	if err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	defer os.RemoveAll(tmp)
	snap := filepath.Join(tmp, FileName)
	if err := db.Backup(ctx, snap); err != nil {
		return err
	}
	named, err := namedRecordings(ctx, snap)
	if err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	tw := tar.NewWriter(f)
	if err := addFile(tw, snap, FileName); err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	for _, rel := range named {
		if err := addFile(tw, filepath.Join(db.dir, filepath.FromSlash(rel)), rel); err != nil {
			return fmt.Errorf("back up the recording %s: %w", rel, err)
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	return f.Sync()
}

// namedRecordings lists the recordings the database at path names.
func namedRecordings(ctx context.Context, path string) ([]string, error) {
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	defer sdb.Close()
	rows, err := sdb.QueryContext(ctx, `SELECT DISTINCT wav FROM takes ORDER BY wav`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// addFile writes one file into the archive under name.
func addFile(tw *tar.Writer, src, name string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime(), Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// ErrNotEmpty says a data directory already holds a database or
// recordings; Restore replaces them only when asked.
var ErrNotEmpty = errors.New("the data directory already holds a practice history")

// RestoreReport says what Restore did.
type RestoreReport struct {
	Recordings int
	// Aside is where the data directory's earlier database and recordings
	// went, when it had any.
	Aside string
}

// Restore puts an archive's database and recordings into the data
// directory. It checks the archive first: the database passes
// integrity_check (with its CHECK constraints) and is not newer than this
// StarCoach, and every recording it names is in the archive; nothing is
// written until it has. A data directory that already holds a history is
// refused with ErrNotEmpty unless replace is set; then its database and
// recordings are moved aside, named ".before-restore-<time>", not deleted.
func Restore(dataDir, archive string, replace bool) (rep RestoreReport, err error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return rep, fmt.Errorf("restore: %w", err)
	}
	if err := privateDir(dir); err != nil {
		return rep, fmt.Errorf("restore: %w", err)
	}
	stage, err := os.MkdirTemp(dir, ".restore-")
	if err != nil {
		return rep, fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(stage)
	files, err := unpack(archive, stage)
	if err != nil {
		return rep, fmt.Errorf("restore %s: %w", archive, err)
	}
	if !files[FileName] {
		return rep, fmt.Errorf("restore %s: no %s in it; is it a StarCoach backup?", archive, FileName)
	}
	staged := filepath.Join(stage, FileName)
	if err := checkArchiveDB(staged); err != nil {
		return rep, fmt.Errorf("restore %s: %w", archive, err)
	}
	named, err := namedRecordings(context.Background(), staged)
	if err != nil {
		return rep, fmt.Errorf("restore %s: %w", archive, err)
	}
	for _, rel := range named {
		if !files[rel] {
			return rep, fmt.Errorf("restore %s: the recording %s is missing from it; nothing was restored", archive, rel)
		}
	}
	path := filepath.Join(dir, FileName)
	rec := filepath.Join(dir, recordingsDir)
	if hasHistory(path, rec) {
		if !replace {
			return rep, fmt.Errorf("restore: %s: %w", dir, ErrNotEmpty)
		}
		suffix := ".before-restore-" + time.Now().Format("20060102T150405.000")
		for _, m := range []string{path, path + "-wal", path + "-shm", rec} {
			if err := os.Rename(m, m+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return rep, fmt.Errorf("restore: move aside %s: %w", m, err)
			}
		}
		rep.Aside = path + suffix
	}
	for _, s := range []string{"-wal", "-shm"} {
		os.Remove(path + s) // stale side files of an absent database
	}
	if err := os.Rename(staged, path); err != nil {
		return rep, fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(filepath.Join(stage, recordingsDir), rec); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return rep, fmt.Errorf("restore: %w", err)
	}
	if err := privateDir(rec); err != nil {
		return rep, fmt.Errorf("restore: %w", err)
	}
	rep.Recordings = len(named)
	return rep, nil
}

// hasHistory reports whether a data directory holds a database with
// attempts in it, or any recording.
func hasHistory(db, rec string) bool {
	if entries, err := os.ReadDir(rec); err == nil && len(entries) > 0 {
		return true
	}
	st, err := os.Stat(db)
	return err == nil && st.Size() > 0
}

// unpack extracts an archive's regular files into dir, refusing names
// that would leave it, and returns the names it holds.
func unpack(archive, dir string) (map[string]bool, error) {
	f, err := os.Open(archive)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	files := map[string]bool{}
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, fmt.Errorf("not a StarCoach backup (a tar archive): %w", err)
		}
		name := path.Clean(h.Name)
		if h.Typeflag != tar.TypeReg || !fs.ValidPath(name) ||
			(name != FileName && !strings.HasPrefix(name, recordingsDir+"/")) {
			return nil, fmt.Errorf("it holds %q, which a StarCoach backup does not", h.Name)
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := privateDir(filepath.Dir(dst)); err != nil {
			return nil, err
		}
		out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(out, tr)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		files[name] = true
	}
}

// checkArchiveDB runs integrity_check on a staged database through a
// writable connection, which tests CHECK constraints too, and refuses one
// newer than this StarCoach.
func checkArchiveDB(path string) error {
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer sdb.Close()
	var result string
	if err := sdb.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil {
		return fmt.Errorf("its database cannot be read: %w", err)
	}
	if result != "ok" {
		return fmt.Errorf("its database is damaged: %s", result)
	}
	names, err := migrationNames(migrationFS)
	if err != nil {
		return err
	}
	var version int
	if err := sdb.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	if version > len(names) {
		return fmt.Errorf("it was made by a newer StarCoach (schema %d, this one knows up to %d)", version, len(names))
	}
	return nil
}
