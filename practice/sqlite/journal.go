package sqlite

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"starcoach/internal/lockfile"
	"starcoach/internal/private"
)

// journalName records a restore's switch while it runs, so that the next
// Open finishes one that was cut short after the restored database moved
// in, or undoes one cut short before.
const journalName = "restore-journal.json"

// maxJournal is far above what a journal holds (a few names).
const maxJournal = 64 << 10

// journal is a restore's switch: the staged database and recordings move
// in, after the data directory's own, if any, moved aside.
type journal struct {
	Stage   string `json:"stage"`   // the staging directory, in the data directory
	Aside   string `json:"aside"`   // the suffix the earlier history moves aside with; "" when none
	Archive string `json:"archive"` // the archive restored, for the message
}

var asideSuffix = regexp.MustCompile(`^\.before-restore-[0-9]{8}T[0-9]{6}\.[0-9]{3}$`)

// valid checks a journal read from disk: input like any file, its names
// must be those run gives, or a rollback could move the wrong files.
func (j journal) valid() error {
	if !strings.HasPrefix(j.Stage, restorePrefix) || filepath.Base(j.Stage) != j.Stage || strings.ContainsAny(j.Stage, `/\`) {
		return fmt.Errorf("its staging directory %q is not one a restore makes", j.Stage)
	}
	if j.Aside != "" && !asideSuffix.MatchString(j.Aside) {
		return fmt.Errorf("its suffix %q is not one a restore gives", j.Aside)
	}
	return nil
}

// aside pairs what a switch moves aside, absolute (the database, its side
// files, a journal a crash left, the recordings folder), with where it
// goes. A side file goes beside the moved database under the name SQLite
// looks for (starcoach.db<suffix>-wal), so the copy set aside opens whole.
func (j journal) aside(dir string) [][2]string {
	db := filepath.Join(dir, FileName)
	out := [][2]string{{db, db + j.Aside}}
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		out = append(out, [2]string{db + s, db + j.Aside + s})
	}
	rec := filepath.Join(dir, recordingsDir)
	return append(out, [2]string{rec, rec + j.Aside})
}

// run switches a staged restore in. The journal is written first; the
// restored database moving in is the point of no return: a crash before
// it is undone by the next Open, one after it finished.
func (j journal) run(dir string) error {
	if err := writeJournal(dir, j); err != nil {
		return fmt.Errorf("write %s: %w", journalName, err)
	}
	err := j.clear(dir)
	if err == nil {
		err = syncDir(dir)
	}
	if err == nil {
		err = os.Rename(filepath.Join(dir, j.Stage, FileName), filepath.Join(dir, FileName))
	}
	if err != nil {
		if berr := j.back(dir); berr != nil {
			return fmt.Errorf("%w; undoing it failed too (%v): StarCoach tries again when it next starts", err, berr)
		}
		return err
	}
	if err := j.finish(dir); err != nil {
		return fmt.Errorf("the restored database is in place, but %w: StarCoach finishes the restore when it next starts", err)
	}
	return nil
}

// clear moves the data directory's history aside, or, when it has none,
// removes what an absent database's side files and an empty recordings
// folder would leave in the way.
func (j journal) clear(dir string) error {
	for _, m := range j.aside(dir) {
		var err error
		switch {
		case j.Aside != "":
			if _, err := os.Lstat(m[1]); err == nil {
				return fmt.Errorf("move aside %s: %s already exists", m[0], m[1])
			}
			err = os.Rename(m[0], m[1])
		default:
			err = os.Remove(m[0]) // the folder only when empty
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("move aside %s: %w", m[0], err)
		}
	}
	return nil
}

// back undoes a switch that did not reach its point of no return: what
// was moved aside goes back. The journal goes first, so that a crash
// after it cannot be taken for a switch to finish.
func (j journal) back(dir string) error {
	if j.Aside != "" {
		for _, m := range j.aside(dir) {
			if _, err := os.Lstat(m[0]); err == nil {
				continue // never moved, or already back
			}
			if err := os.Rename(m[1], m[0]); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("put back %s: %w", m[0], err)
			}
		}
	}
	if err := removeJournal(dir); err != nil {
		return err
	}
	os.RemoveAll(filepath.Join(dir, j.Stage)) // or swept by the next tidy
	return nil
}

// finish completes a switch past its point of no return: the restored
// recordings move in, then the journal goes.
func (j journal) finish(dir string) error {
	rec := filepath.Join(dir, recordingsDir)
	err := os.Rename(filepath.Join(dir, j.Stage, recordingsDir), rec)
	if errors.Is(err, fs.ErrNotExist) {
		err = nil // an archive with no recordings, or moved in already
	}
	if err == nil {
		err = private.Dir(rec)
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		return fmt.Errorf("move the recordings in: %w", err)
	}
	os.RemoveAll(filepath.Join(dir, j.Stage)) // or swept by the next tidy
	return removeJournal(dir)
}

// removeJournal removes the journal durably.
func removeJournal(dir string) error {
	if err := os.Remove(filepath.Join(dir, journalName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return syncDir(dir)
}

// writeJournal writes j durably: to a side file, synced, renamed over.
func writeJournal(dir string, j journal) error {
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, journalName+".tmp")
	if err := writeSynced(tmp, b); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, journalName)); err != nil {
		return err
	}
	return syncDir(dir)
}

// writeSynced writes b to a new file private to the user and syncs it.
func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// readJournal reads the data directory's journal; ok is false when there
// is none.
func readJournal(dir string) (j journal, ok bool, err error) {
	path := filepath.Join(dir, journalName)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return j, false, nil
	}
	if err != nil {
		return j, false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return j, false, err
	}
	if !st.Mode().IsRegular() || st.Size() > maxJournal {
		return j, false, fmt.Errorf("%s is not a restore journal (%d bytes)", path, st.Size())
	}
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return j, false, fmt.Errorf("%s cannot be read: %w", path, err)
	}
	if err := j.valid(); err != nil {
		return j, false, fmt.Errorf("%s: %w", path, err)
	}
	return j, true, nil
}

// ErrRestoreCut says a restore into the data directory was cut short and
// is not yet finished or undone: only a writable Open (the app, or a
// command that writes) puts it right.
var ErrRestoreCut = errors.New("a restore into this data directory was cut short; start StarCoach to finish or undo it")

// tidy puts the data directory right before it is opened: a restore cut
// short is finished or undone, and the work directories of backups and
// restores that were killed are removed. It says what it did, in words
// for the candidate. The caller holds the data directory's lock.
func tidy(dir string) (notes []string, err error) {
	j, ok, err := readJournal(dir)
	if err != nil {
		return nil, fmt.Errorf("a restore was cut short, and %w; move it away to open the data directory as it is", err)
	}
	if ok {
		// The stage is the restore's own folder, or gone: never a link
		// that would move someone else's files in.
		if st, err := os.Lstat(filepath.Join(dir, j.Stage)); err == nil && !st.IsDir() {
			return nil, fmt.Errorf("a restore was cut short, and its staging folder %s is not a folder; move %s away to open the data directory as it is",
				j.Stage, journalName)
		}
		l, err := lockfile.TryLock(filepath.Join(dir, j.Stage, workLock))
		switch {
		case errors.Is(err, lockfile.ErrLocked):
			return nil, errors.New("a restore into this data directory is running; try again when it has finished")
		case err == nil:
			l.Release()
		}
		_, staged := os.Lstat(filepath.Join(dir, j.Stage, FileName))
		if staged == nil {
			if err := j.back(dir); err != nil {
				return nil, fmt.Errorf("undo the restore from %s that was cut short: %w", j.Archive, err)
			}
			notes = append(notes, fmt.Sprintf("A restore from %s was cut short before it could switch; it was undone, and your practice history is as it was before it.", j.Archive))
		} else {
			if err := j.finish(dir); err != nil {
				return nil, fmt.Errorf("finish the restore from %s that was cut short: %w", j.Archive, err)
			}
			notes = append(notes, fmt.Sprintf("A restore from %s was cut short after the restored history moved in; it was finished.", j.Archive))
		}
	}
	os.Remove(filepath.Join(dir, journalName+".tmp")) // never renamed: no switch began
	swept := []string{filepath.Join(dir, restorePrefix+"*"), filepath.Join(dir, backupPrefix+"*")}
	// The user's own work folder is swept too; a shared temporary folder,
	// where someone else's folders may be, is not.
	if work := workRoot(); work != os.TempDir() {
		swept = append(swept, filepath.Join(work, tempBackupPrefix+"*"), filepath.Join(work, tempReadPrefix+"*"))
	}
	for _, pattern := range swept {
		left, err := filepath.Glob(pattern)
		if err != nil {
			return nil, err
		}
		for _, l := range left {
			// Housekeeping only: a folder that cannot be removed (a file
			// in it held open by another program) is said, not fatal.
			size, removed, err := removeWorkDir(l)
			if err != nil {
				notes = append(notes, fmt.Sprintf("Could not remove %s, left by a backup, restore or reading command that was stopped (%v); it holds no part of your history, and you can delete it.", l, err))
				continue
			}
			if removed {
				notes = append(notes, fmt.Sprintf("Removed %s (%d MB), left by a backup, restore or reading command that was stopped.", l, (size+1<<20-1)>>20))
			}
		}
	}
	return notes, nil
}

// removeWorkDir removes a work directory unless a running backup or
// restore holds its lock; it returns the size it freed.
func removeWorkDir(w string) (size int64, removed bool, err error) {
	if st, err := os.Lstat(w); err != nil || !st.IsDir() {
		return 0, false, nil // not one workDir makes: left alone
	}
	if st, err := os.Lstat(filepath.Join(w, workLock)); err == nil && !st.Mode().IsRegular() {
		return 0, false, nil // a lock workDir never makes: left alone
	}
	l, err := lockfile.TryLock(filepath.Join(w, workLock))
	if errors.Is(err, lockfile.ErrLocked) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	filepath.WalkDir(w, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	l.Release()
	return size, true, os.RemoveAll(w)
}
