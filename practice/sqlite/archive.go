package sqlite

import (
	"archive/tar"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"starcoach/internal/lockfile"
	"starcoach/internal/private"
	"starcoach/practice"
)

// An archive (BackupArchive, Restore) is a tar file holding a consistent
// copy of the database under its own name, with the candidate's stories
// and imported packs inside it, every recording it names that was there
// to copy, under recordings/, and a manifest listing those that were not:
// the whole data directory, nothing else.

// manifestName is the archive's list of the recordings it lacks.
const manifestName = "backup.json"

// manifest is what an archive says of itself.
type manifest struct {
	// Missing are the recordings the database names that were gone when
	// the backup was made: their takes are kept without audio.
	Missing []string `json:"missing"`
}

// Bounds on what an archive may claim, checked from its headers before a
// byte of it is written.
const (
	// maxArchiveDB is far above ten years of daily practice (about 10 MB).
	maxArchiveDB = 1 << 30
	// maxManifest holds the names of every recording maxEntries allows.
	maxManifest = 32 << 20
	// maxEntries is far above ten years of daily practice (about 40,000
	// recordings); it bounds the memory the names take.
	maxEntries = 250_000
)

// BackupReport says what BackupArchive wrote.
type BackupReport struct {
	Recordings int
	// Missing are the recordings the database names that were not there
	// to copy, relative to the data directory. The archive lists them, and
	// restores without them.
	Missing []string
}

// BackupArchive writes an archive of the data directory to path, which
// must not exist, while the app goes on using it: the database is copied
// from one snapshot (VACUUM INTO), and the recordings are those the copy
// names, each complete since its take was saved. A recording that is gone
// is left out and listed (in the report and the archive), not a failure:
// the rest still deserves a backup. The archive is created 0600: it holds
// recordings of a voice.
func (db *DB) BackupArchive(ctx context.Context, path string) (rep BackupReport, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return rep, fmt.Errorf("back up: %s already exists; not overwriting it: %w", path, fs.ErrExist)
	}
	if err != nil {
		return rep, fmt.Errorf("back up: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("back up: %w", cerr)
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	// The snapshot goes to the user's own work folder: a backup writes
	// nothing to the data directory, which may be on a read-only disk.
	tmp, release, err := workDir(workRoot(), tempBackupPrefix)
	if err != nil {
		return rep, fmt.Errorf("back up: %w", err)
	}
	defer release()
	snap := filepath.Join(tmp, FileName)
	if err := db.Backup(ctx, snap); err != nil {
		return rep, err
	}
	named, err := namedRecordings(ctx, snap)
	if err != nil {
		return rep, fmt.Errorf("back up: %w", err)
	}
	tw := tar.NewWriter(f)
	if err := addFile(tw, snap, FileName); err != nil {
		return rep, fmt.Errorf("back up: %w", err)
	}
	for _, r := range named {
		abs, err := db.takePath(r.row, r.rel, r.folder)
		if err == nil {
			err = addFile(tw, abs, r.rel)
		}
		if errors.Is(err, fs.ErrNotExist) {
			rep.Missing = append(rep.Missing, r.rel)
			continue
		}
		if err != nil {
			return rep, fmt.Errorf("back up the recording %s: %w", r.rel, err)
		}
		rep.Recordings++
	}
	m, err := json.Marshal(manifest{Missing: rep.Missing})
	if err == nil {
		err = addBytes(tw, m, manifestName)
	}
	if err == nil {
		err = tw.Close()
	}
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		return rep, fmt.Errorf("back up: %w", err)
	}
	return rep, nil
}

// namedRecording is a recording a database names, and the row naming it.
type namedRecording struct{ row, rel, folder string }

// namedRecordings lists the recordings the database at path names, once
// each.
func namedRecordings(ctx context.Context, path string) ([]namedRecording, error) {
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	defer sdb.Close()
	rows, err := sdb.QueryContext(ctx, `SELECT min(t.id), t.attempt_id, t.wav, a.folder
		FROM takes t JOIN attempts a ON a.id = t.attempt_id GROUP BY t.wav ORDER BY t.wav`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []namedRecording
	for rows.Next() {
		var take, attempt int64
		var r namedRecording
		if err := rows.Scan(&take, &attempt, &r.rel, &r.folder); err != nil {
			return nil, err
		}
		r.row = fmt.Sprintf("take %d of attempt %d", take, attempt)
		out = append(out, r)
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
	// A recording is complete once its take is saved; the copy takes no
	// more than the size the header promised.
	_, err = io.CopyN(tw, f, st.Size())
	return err
}

// addBytes writes b into the archive under name.
func addBytes(tw *tar.Writer, b []byte, name string) error {
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(b)), ModTime: time.Now(), Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err := tw.Write(b)
	return err
}

// ErrNotEmpty says a data directory already holds a database or
// recordings; Restore replaces them only when asked.
var ErrNotEmpty = errors.New("the data directory already holds a practice history")

// RestoreReport says what Restore did.
type RestoreReport struct {
	Recordings int
	// Missing are the recordings the archive lists as gone when it was
	// made: their takes were restored without audio.
	Missing []string
	// Aside is where the data directory's earlier database and recordings
	// went, when it had any.
	Aside string
	// Tidied says what was put right first, as Open's Tidied does.
	Tidied []string
}

// Restore puts an archive's database and recordings into the data
// directory, as one step that a crash either completes or undoes at the
// next Open. The archive is input like any file, and is checked whole
// before anything is moved in:
//
//   - its entries are regular files of the names an archive holds, none
//     sparse or twice, each no larger than such a file can be, and all
//     of them fit in the free space with a margin (from the headers alone,
//     before a byte is written);
//   - its database passes integrity_check and the constraint scan, names
//     only recordings of the form the app makes, and is not newer than
//     this StarCoach;
//   - it holds exactly the recordings the database names, but those its
//     manifest lists as gone when the backup was made.
//
// A data directory that already holds a history is refused with
// ErrNotEmpty unless replace is set; then its database and recordings are
// moved aside, named ".before-restore-<time>", not deleted.
//
// The caller holds the data directory's lock.
func Restore(dataDir, archive string, replace bool) (rep RestoreReport, err error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return rep, fmt.Errorf("restore: %w", err)
	}
	if rep.Tidied, err = tidy(dir); err != nil {
		return rep, fmt.Errorf("restore: %w", err)
	}
	f, err := os.Open(archive)
	if err != nil {
		return rep, fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	fail := func(err error) (RestoreReport, error) {
		return RestoreReport{}, fmt.Errorf("restore %s: %w; nothing was restored", archive, err)
	}
	entries, err := scanArchive(f)
	if err != nil {
		return fail(err)
	}
	if err := roomFor(dir, entries); err != nil {
		return fail(err)
	}
	path := filepath.Join(dir, FileName)
	rec := filepath.Join(dir, recordingsDir)
	if hasHistory(path, rec) && !replace {
		return rep, fmt.Errorf("restore: %s: %w", dir, ErrNotEmpty)
	}
	if err := private.Dir(dir); err != nil {
		return fail(err)
	}
	stage, release, err := workDir(dir, restorePrefix)
	if err != nil {
		return fail(err)
	}
	defer release() // what was not switched in
	rep.Recordings, rep.Missing, err = unpack(f, stage, entries)
	if err != nil {
		return fail(err)
	}
	j := journal{Stage: filepath.Base(stage), Archive: archive}
	if hasHistory(path, rec) {
		j.Aside = ".before-restore-" + time.Now().Format("20060102T150405.000")
		rep.Aside = path + j.Aside
	}
	if err := j.run(dir); err != nil {
		return rep, fmt.Errorf("restore %s: %w", archive, err)
	}
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

// archiveEntry is what an archive's header says of one file.
type archiveEntry struct {
	size int64
}

// scanArchive reads an archive's headers, skipping the contents, and
// refuses any entry a backup does not hold: a name other than the
// database, the manifest or a take's recording in an attempt's folder;
// anything but a regular file; a sparse file; a name twice; a size above
// what such a file can reach; more entries than a history can have.
func scanArchive(f *os.File) (map[string]archiveEntry, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	entries := map[string]archiveEntry{}
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("it is not a StarCoach backup (a tar archive): %w", err)
		}
		limit, err := entryLimit(h)
		if err != nil {
			return nil, fmt.Errorf("it holds %q, %w", h.Name, err)
		}
		if h.Size > limit {
			return nil, fmt.Errorf("it holds %q of %d bytes, more than the %d such a file can be", h.Name, h.Size, limit)
		}
		// The reader has read exactly the header: the file's data starts
		// here, and must all be in the archive.
		at, err := f.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, err
		}
		if at+h.Size > st.Size() {
			return nil, fmt.Errorf("it is cut short: %q needs %d bytes more than the archive holds", h.Name, at+h.Size-st.Size())
		}
		if _, dup := entries[h.Name]; dup {
			return nil, fmt.Errorf("it holds %q twice", h.Name)
		}
		if len(entries) == maxEntries {
			return nil, fmt.Errorf("it holds more than %d files, more than a practice history has", maxEntries)
		}
		entries[h.Name] = archiveEntry{size: h.Size}
	}
	if _, ok := entries[FileName]; !ok {
		return nil, fmt.Errorf("there is no %s in it; is it a StarCoach backup?", FileName)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return entries, nil
}

// entryLimit is the largest an entry with h's name can be, or an error
// saying why a backup does not hold it.
func entryLimit(h *tar.Header) (int64, error) {
	if h.Typeflag != tar.TypeReg {
		return 0, errors.New("which is not a regular file")
	}
	for k := range h.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse.") {
			return 0, errors.New("which is a sparse file")
		}
	}
	switch h.Name {
	case FileName:
		return maxArchiveDB, nil
	case manifestName:
		return maxManifest, nil
	}
	parts := strings.Split(h.Name, "/")
	if len(parts) != 3 || parts[0] != recordingsDir || !validFolder(parts[1]) {
		return 0, errors.New("which a StarCoach backup does not")
	}
	if _, _, ok := parseTakeFile(parts[2]); !ok {
		return 0, errors.New("which a StarCoach backup does not")
	}
	return practice.MaxTakeBytes, nil
}

// roomFor checks that the archive's files fit on dir's disk with a
// margin: a twentieth of their size, and at least 64 MiB for the app to
// go on recording.
func roomFor(dir string, entries map[string]archiveEntry) error {
	var total int64
	for _, e := range entries {
		total += e.size
	}
	need := total + max(total/20, 64<<20)
	// A data directory yet to be made is made on its parent's disk.
	at := dir
	for {
		if _, err := os.Stat(at); err == nil || filepath.Dir(at) == at {
			break
		}
		at = filepath.Dir(at)
	}
	free, err := freeSpace(at)
	if err != nil {
		return fmt.Errorf("find the free space of %s: %w", dir, err)
	}
	if uint64(need) > free {
		return fmt.Errorf("it needs %d MB and the disk holding %s has %d MB free", need>>20, dir, free>>20)
	}
	return nil
}

// unpack writes the archive's database into stage, checks it, checks the
// archive holds exactly the recordings it names (but the manifest's), then
// writes those into stage, every file synced. It returns how many
// recordings it wrote and the manifest's missing ones.
func unpack(f *os.File, stage string, entries map[string]archiveEntry) (written int, missing []string, err error) {
	var m manifest
	err = eachEntry(f, func(h *tar.Header, r io.Reader) error {
		switch h.Name {
		case FileName:
			return writeEntry(filepath.Join(stage, FileName), r, h.Size)
		case manifestName:
			b, err := io.ReadAll(r) // at most maxManifest: scanArchive saw its size
			if err == nil {
				err = json.Unmarshal(b, &m)
			}
			if err != nil {
				return fmt.Errorf("its %s cannot be read: %w", manifestName, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	staged := filepath.Join(stage, FileName)
	names, err := migrationNames(migrationFS)
	if err != nil {
		return 0, nil, err
	}
	if err := check(staged, len(names), readOnly); err != nil {
		// In words about the archive: the staged copy's path means nothing.
		var corrupt *CorruptError
		var newer *VersionError
		switch {
		case errors.As(err, &corrupt):
			err = fmt.Errorf("its database is damaged: %s", corrupt.Detail)
		case errors.As(err, &newer):
			err = fmt.Errorf("it was made by a newer StarCoach (schema %d; this one knows up to %d)", newer.Version, newer.Known)
		default:
			err = fmt.Errorf("its database: %w", err)
		}
		return 0, nil, err
	}
	named, err := namedRecordings(context.Background(), staged)
	if err != nil {
		return 0, nil, fmt.Errorf("its database: %w", err)
	}
	gone := map[string]bool{}
	for _, rel := range m.Missing {
		gone[rel] = true
	}
	want := map[string]bool{}
	for _, r := range named {
		_, held := entries[r.rel]
		switch {
		case held && gone[r.rel]:
			return 0, nil, fmt.Errorf("it holds the recording %s, which its manifest lists as missing", r.rel)
		case !held && !gone[r.rel]:
			return 0, nil, fmt.Errorf("the recording %s is missing from it", r.rel)
		}
		want[r.rel] = held
		delete(gone, r.rel)
	}
	if len(gone) > 0 {
		rel := slices.Sorted(maps.Keys(gone))[0]
		return 0, nil, fmt.Errorf("its manifest lists %q, which its database does not name", rel)
	}
	for name := range entries {
		if name != FileName && name != manifestName && !want[name] {
			return 0, nil, fmt.Errorf("it holds %s, which its database does not name", name)
		}
	}
	err = eachEntry(f, func(h *tar.Header, r io.Reader) error {
		if !want[h.Name] {
			return nil
		}
		dst := filepath.Join(stage, filepath.FromSlash(h.Name))
		if err := private.Dir(filepath.Dir(dst)); err != nil {
			return err
		}
		written++
		return writeEntry(dst, r, h.Size)
	})
	if err != nil {
		return 0, nil, err
	}
	slices.Sort(m.Missing)
	return written, m.Missing, syncTree(stage)
}

// eachEntry reads the archive from its start and calls fn with each entry
// and its contents.
func eachEntry(f *os.File, fn func(h *tar.Header, r io.Reader) error) error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err == nil {
			err = fn(h, tr)
		}
		if err != nil {
			return err
		}
	}
}

// writeEntry writes exactly size bytes from r to a new file at dst,
// private to the user, and syncs it.
func writeEntry(dst string, r io.Reader, size int64) error {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.CopyN(out, r, size)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncTree syncs every directory under root, root included, so the files
// written there survive a power cut once renamed into place.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return syncDir(p)
	})
}

// Work directories: a restore's staging area lives in the data directory,
// on the disk it is renamed on; a backup's snapshot and a reading
// command's copy of the database in the temporary folder. One left by a
// process that was killed is removed at the next Open (tidy).
const (
	restorePrefix    = ".restore-"
	backupPrefix     = ".backup-" // in the data directory, by earlier StarCoach versions
	tempBackupPrefix = "starcoach-backup-"
	tempReadPrefix   = "starcoach-read-"
	workLock         = ".lock"
)

// workRoot is where backups and reading commands make their work
// directories: a folder of the user's cache, which no one else can write
// to (a shared temporary folder would let another user plant a link where
// tidy looks), or the temporary folder when there is no such folder.
func workRoot() string {
	if d, err := os.UserCacheDir(); err == nil {
		root := filepath.Join(d, "starcoach")
		if private.Dir(root) == nil {
			return root
		}
	}
	return os.TempDir()
}

// workDir makes a work directory, private to the user, in parent and
// locks it, so that tidy leaves it alone while this process uses it (a
// backup or a reading command runs beside the app, without the data
// directory's lock). release unlocks and removes it.
func workDir(parent, prefix string) (dir string, release func(), err error) {
	dir, err = os.MkdirTemp(parent, prefix)
	if err != nil {
		return "", nil, err
	}
	l, err := lockfile.TryLock(filepath.Join(dir, workLock))
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return dir, func() {
		l.Release() // first: Windows removes no file held open
		os.RemoveAll(dir)
	}, nil
}
