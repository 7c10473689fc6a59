package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
)

// OpenToRead opens the data directory's database for a command that only
// reads, and never writes to the data directory: no directory or file is
// made there (not even SQLite's -wal, -shm or journal), no mode changed,
// no journal mode switched, no schema migrated. So a restored database
// stays as it was restored, and a read-only disk can be read.
//
// live says the app has the database open and may be writing to it: a
// read-only connection then reads its newest commit through the app's
// -wal and -shm, as any concurrent reader does. Otherwise:
//
//   - with no database yet, the history is empty: a database in memory
//     with the schema and no rows;
//   - a -wal or journal a crash left beside the database holds its newest
//     commit, or undoes a half-made one, and only a writable connection
//     can apply it: the database and that file are copied into a private
//     folder, and the copy is read (Close removes it);
//   - a schema older than this StarCoach's is migrated in such a copy, so
//     every command finds the tables it knows (while the app runs, which
//     migrates at start, the database is read as it is);
//   - else the file alone is the database, read as unchangeable, which
//     takes no lock and needs no side file.
//
// The database is checked as Open checks it: a damaged one gives a
// *CorruptError, one from a newer StarCoach a *VersionError.
func OpenToRead(dataDir string, live bool) (*DB, error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	names, err := migrationNames(migrationFS)
	if err != nil {
		return nil, err
	}
	if _, err := os.Lstat(filepath.Join(dir, journalName)); err == nil {
		return nil, ErrRestoreCut // the database may be moved aside
	}
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path + "-shm"); err != nil {
		// The lock is held, but not by an app with the database open (a
		// restore, say): a read-only connection would make a -shm.
		live = false
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return emptyDB(dir, names)
	case err != nil:
		return nil, fmt.Errorf("open database: %w", err)
	case !live && crashLeft(path):
		return readCopy(dir, path, names)
	case st.Size() == 0: // created, and never written to
		return emptyDB(dir, names)
	}
	how := immutable
	if live {
		how = readOnly
	}
	if err := check(path, len(names), how); err != nil {
		return nil, err
	}
	sdb, err := sql.Open("sqlite", readURL(path, how))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if !live {
		var version int
		if err := sdb.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
			sdb.Close()
			return nil, fmt.Errorf("open database: %w", err)
		}
		if version < len(names) {
			sdb.Close()
			return readCopy(dir, path, names)
		}
	}
	return &DB{db: sdb, dir: dir}, nil
}

// readURL opens the database at path without writing to it; how is
// readOnly or immutable. (Not query_only, which refuses VACUUM INTO, the
// backup's copy.) A Windows path begins with its drive, which must follow
// a slash in a URI ("file:///C:/..."): "file://C:/..." names C: as the
// host, and SQLite refuses it.
func readURL(path, how string) string {
	p := filepath.ToSlash(path)
	if filepath.VolumeName(path) != "" && p[0] != '/' {
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: how + "&_pragma=busy_timeout(5000)&_pragma=trusted_schema(0)"}
	return u.String()
}

// crashLeft reports whether a -wal or a journal with something in it lies
// beside the database at path.
func crashLeft(path string) bool {
	for _, s := range []string{"-wal", "-journal"} {
		if st, err := os.Stat(path + s); err == nil && st.Size() > 0 {
			return true
		}
	}
	return false
}

// emptyDBs numbers the empty databases in memory, each its own.
var emptyDBs atomic.Int64

// emptyDB is a database with the schema and no rows, in memory: a data
// directory with no database yet reads as an empty history.
func emptyDB(dir string, names []string) (*DB, error) {
	// memdb shares a named database among the pool's connections for as
	// long as one of them is open, which the pool's idle one is.
	sdb, err := sql.Open("sqlite", fmt.Sprintf("file:/starcoach-empty-%d?vfs=memdb", emptyDBs.Add(1)))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db := &DB{db: sdb, dir: dir}
	if err := db.migrate(context.Background(), migrationFS, names); err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

// readCopy copies the database at path, with the -wal or journal beside
// it, into a new folder private to the user and opens the copy there,
// checked as Open checks a database, recovered after the crash and
// migrated: only the copy changes. Close removes the folder.
func readCopy(dir, path string, names []string) (db *DB, err error) {
	tmp, release, err := workDir(workRoot(), tempReadPrefix) // 0700
	if err != nil {
		return nil, fmt.Errorf("read %s through a private copy: %w", path, err)
	}
	defer func() {
		if err != nil {
			release()
		}
	}()
	cp := filepath.Join(tmp, FileName)
	// Not the -shm: the copy's first connection rebuilds it from the -wal.
	for _, s := range []string{"", "-wal", "-journal"} {
		if err := copyFile(path+s, cp+s); err != nil && (s == "" || !errors.Is(err, fs.ErrNotExist)) {
			return nil, fmt.Errorf("read %s through a private copy: %w", path, err)
		}
	}
	if err := preflight(cp, len(names)); err != nil {
		// The errors the candidate acts on name the database, not the copy.
		var corrupt *CorruptError
		var newer *VersionError
		switch {
		case errors.As(err, &corrupt):
			corrupt.Path = path
		case errors.As(err, &newer):
			newer.Path = path
		default:
			err = fmt.Errorf("read %s through a private copy: %w", path, err)
		}
		return nil, err
	}
	sdb, err := sql.Open("sqlite", cp+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db = &DB{db: sdb, dir: dir, done: release}
	if err := db.migrate(context.Background(), migrationFS, names); err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

// copyFile copies src to dst, a new file private to the user.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
