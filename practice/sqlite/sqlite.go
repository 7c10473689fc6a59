// Package sqlite stores StarCoach's attempts, takes, stories and imported
// question packs in a SQLite database in the data directory, beside the
// recordings the takes name. It is the only package that speaks SQL; the
// app sees the practice types.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"starcoach/internal/private"
	"starcoach/practice"
)

// FileName is the database's name inside the data directory.
const FileName = "starcoach.db"

// recordingsDir holds one folder of WAV files per attempt.
const recordingsDir = "recordings"

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the open database of one data directory.
type DB struct {
	db     *sql.DB
	dir    string   // the data directory, absolute
	tidied []string // what Open put right first
	done   func()   // removes the private folder of a copy OpenToRead reads, if any
}

// CorruptError says the database failed its integrity check. Nothing was
// written to it; StartFresh moves it aside and starts a new one.
type CorruptError struct {
	Path   string
	Detail string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("database %s is damaged (%s); it was left as it is", e.Path, e.Detail)
}

// VersionError says the database was written by a newer StarCoach, whose
// schema this one does not know; it was left as it is.
type VersionError struct {
	Path           string
	Version, Known int
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("database %s was written by a newer StarCoach (schema %d, this version knows up to %d): update StarCoach to open it",
		e.Path, e.Version, e.Known)
}

// Open opens the data directory's database, creating the directory, the
// database and the recordings folder private to the user, and brings the
// schema up to date. It first puts right what a killed restore or backup
// left (see Tidied); the caller holds the data directory's lock. A damaged database gives a *CorruptError and a newer
// one a *VersionError; neither is written to. A full disk is said in so
// many words, and a failed open leaves no side file behind.
func Open(dataDir string) (db *DB, err error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if strings.Contains(dir, "?") {
		// The driver splits its DSN at the first '?'.
		return nil, fmt.Errorf("open database: data directory %q must not contain '?'", dir)
	}
	if err := private.Dir(dir); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// Before anything is created: a restore cut short may have moved the
	// database and recordings aside.
	tidied, err := tidy(dir)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	rec := filepath.Join(dir, recordingsDir)
	if st, err := os.Lstat(rec); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		// privateDir would change the mode of what it points at.
		return nil, fmt.Errorf("open database: %s is a link; StarCoach keeps recordings in a folder of its own inside the data directory", rec)
	}
	if err := private.Dir(rec); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	path := filepath.Join(dir, FileName)
	defer func() {
		if err != nil && !errors.Is(err, practice.ErrDiskFull) && diskFull(dir) {
			err = fmt.Errorf("open database in %s: %w (%v)", dir, practice.ErrDiskFull, err)
		}
	}()
	defer keepSideFiles(path)(&err)
	// Create the file 0600 before SQLite sees it: SQLite gives -wal and
	// -shm the database file's mode, and they hold the same data.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	f.Close()
	if err := os.Chmod(path, 0o600); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	names, err := migrationNames(migrationFS)
	if err != nil {
		return nil, err
	}
	if err := preflight(path, len(names)); err != nil {
		return nil, err
	}
	sdb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db = &DB{db: sdb, dir: dir, tidied: tidied}
	if err := db.migrate(context.Background(), migrationFS, names); err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

// diskFull reports whether dir's disk has no room for a few pages.
func diskFull(dir string) bool {
	f, err := os.CreateTemp(dir, ".space-*")
	if err != nil {
		return errors.Is(err, syscall.ENOSPC)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	_, err = f.Write(make([]byte, 64<<10))
	if err == nil {
		err = f.Sync()
	}
	return errors.Is(err, syscall.ENOSPC)
}

// StartFresh moves a damaged database (with its -wal and -shm) and the
// recordings beside it, named with a ".corrupt-<time>" suffix, and opens a
// new empty database. It returns where the old database went. The
// recordings move too because the new database reuses attempt IDs, and so
// the names of their folders.
func StartFresh(dataDir string) (*DB, string, error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, "", fmt.Errorf("start fresh database: %w", err)
	}
	suffix := ".corrupt-" + time.Now().Format("20060102T150405.000")
	path := filepath.Join(dir, FileName)
	moved := path + suffix
	rec := filepath.Join(dir, recordingsDir)
	for _, m := range [][2]string{
		{path, moved},
		// SQLite finds a WAL by its database's name plus "-wal".
		{path + "-wal", moved + "-wal"},
		{path + "-shm", moved + "-shm"},
		{rec, rec + suffix},
	} {
		// Never replace an earlier set-aside copy: it may be the only one.
		if _, err := os.Lstat(m[1]); err == nil {
			return nil, "", fmt.Errorf("start fresh database: %s already exists", m[1])
		}
		if err := os.Rename(m[0], m[1]); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("start fresh database: move aside %s: %w", m[0], err)
		}
	}
	db, err := Open(dir)
	return db, moved, err
}

// Close closes the database; the last connection checkpoints the WAL.
// A private copy OpenToRead read is removed.
func (db *DB) Close() error {
	err := db.db.Close()
	if db.done != nil {
		db.done()
	}
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Tidied says, in words for the candidate, what Open put right before it
// opened the database: a restore cut short finished or undone, the work
// directories of a killed backup or restore removed.
func (db *DB) Tidied() []string { return db.tidied }

// Dir is the data directory, which WAV paths in takes are relative to.
func (db *DB) Dir() string { return db.dir }

// dsn sets every connection of the pool up the same way; a PRAGMA run
// through db.Exec would reach one pooled connection only.
//
//   - WAL: readers (the history page) never block the writer (a take being
//     saved) and a crash mid-write leaves the last commit intact.
//   - synchronous FULL: a take is committed when its recording stops, and
//     FULL makes that commit survive a power cut, not only a crash of the
//     app (NORMAL may lose the last commits then). Commits come once per
//     take, seconds apart, so the extra fsync costs nothing noticeable.
//   - foreign keys: takes cascade with their attempt.
//   - busy timeout: a second window or a backup waits instead of failing.
//   - trusted_schema off: the schema (checked at start against the
//     migrations') may call only functions without side effects.
//   - _txlock=immediate: every transaction takes the write lock at BEGIN,
//     so a read-then-write transaction cannot fail with SQLITE_BUSY
//     half-way without the busy timeout being tried.
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "trusted_schema(0)")
	q.Set("_txlock", "immediate")
	return path + "?" + q.Encode()
}

// fullCheckSize is the largest database checked with integrity_check at
// every start; larger ones get quick_check, which skips the indexes. A
// year of daily practice is about 1 MB; 10,000 attempts (10 MB) take
// about 270 ms here, the scan of every row against the schema's
// constraints included (BenchmarkStartupCheck).
const fullCheckSize = 12 << 20

// preflight checks the file through a read-only connection, which cannot
// write, convert the journal, or checkpoint a WAL left by a crash into a
// file that may be damaged. A database it refuses is left exactly as it
// was found: the side files SQLite creates to read it are removed again.
func preflight(path string, known int) (err error) {
	defer keepSideFiles(path)(&err)
	err = check(path, known, readOnly)
	var se *msqlite.Error
	if errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_READONLY_ROLLBACK || se.Code() == sqlite3.SQLITE_READONLY_RECOVERY) {
		// A crash left a hot journal or a WAL to recover, as on the very
		// first start if it was cut short. Reading the file needs SQLite's
		// own crash recovery, which only a writable connection runs: it
		// puts back the last committed state. Then check again.
		if err := recoverJournal(path); err != nil {
			return fmt.Errorf("recover database %s after a crash: %w", path, err)
		}
		err = check(path, known, readOnly)
	}
	return err
}

// How check opens a database: read-only, or as unchangeable, which takes
// no lock and makes no side file: a read-only connection to a WAL
// database makes a -shm and a -wal where there are none.
const (
	readOnly  = "mode=ro"
	immutable = "mode=ro&immutable=1"
)

// keepSideFiles notes which of the database's -wal and -shm files exist;
// the function it returns removes the others if the check failed.
func keepSideFiles(path string) func(*error) {
	had := map[string]bool{}
	for _, s := range []string{"-wal", "-shm"} {
		_, err := os.Lstat(path + s)
		had[s] = err == nil
	}
	return func(err *error) {
		if *err == nil {
			return
		}
		for s, existed := range had {
			if !existed {
				os.Remove(path + s)
			}
		}
	}
}

// recoverJournal opens the database read-write once, which rolls back a
// hot journal or recovers a WAL, and closes it.
func recoverJournal(path string) error {
	rw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer rw.Close()
	_, err = rw.Exec("PRAGMA schema_version")
	return err
}

// check is preflight's read-only pass; how says how to open the file.
func check(path string, known int, how string) error {
	ro, err := sql.Open("sqlite", readURL(path, how))
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer ro.Close()
	ctx := context.Background()
	// The schema first: until it is known to be the migrations', nothing
	// the database holds is evaluated (someone else's view, CHECK or index
	// expression could run without end).
	problems, err := strangers(ctx, ro)
	if err != nil {
		return checkErr(path, err)
	}
	if len(problems) > 0 {
		return damaged(path, problems)
	}
	pragma := "PRAGMA quick_check"
	if st, err := os.Stat(path); err == nil && st.Size() <= fullCheckSize {
		pragma = "PRAGMA integrity_check"
	}
	rows, err := ro.QueryContext(ctx, pragma)
	if err != nil {
		return checkErr(path, err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return checkErr(path, err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return checkErr(path, err)
	}
	// Then, in turn: rows breaking a constraint, which a read-only
	// connection does not test in either check and which would make every
	// listing fail (broken); rows naming a path the app would not make,
	// refused here before recovery or a delete could act on them
	// (misnamed).
	for _, scan := range []func(context.Context, reader) ([]string, error){broken, misnamed} {
		if len(problems) > 0 {
			break
		}
		if problems, err = scan(ctx, ro); err != nil {
			return checkErr(path, err)
		}
	}
	if len(problems) > 0 {
		return damaged(path, problems)
	}
	var version int
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return checkErr(path, err)
	}
	if version > known {
		return &VersionError{Path: path, Version: version, Known: known}
	}
	return nil
}

// damaged is the CorruptError for what check found: integrity_check can
// list a hundred problems; the first few say enough, and the candidate's
// window has to fit them.
func damaged(path string, problems []string) error {
	if n := len(problems) - 3; n > 0 {
		problems = append(problems[:3], fmt.Sprintf("and %d more", n))
	}
	return &CorruptError{Path: path, Detail: strings.Join(problems, "; ")}
}

// checkErr turns SQLite's "malformed" and "not a database" into a
// CorruptError and wraps anything else.
func checkErr(path string, err error) error {
	var se *msqlite.Error
	if errors.As(err, &se) && !errors.Is(err, practice.ErrDiskFull) && !errors.Is(err, practice.ErrReadOnly) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return &CorruptError{Path: path, Detail: se.Error()}
		}
	}
	return fmt.Errorf("check database %s: %w", path, err)
}

// migrationNames lists the embedded migrations; the Nth file (1-based,
// named NNN_*.sql) brings the schema to user_version N.
func migrationNames(fsys fs.FS) ([]string, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	for i, n := range names { // Glob sorts
		if want := fmt.Sprintf("migrations/%03d_", i+1); !strings.HasPrefix(n, want) {
			return nil, fmt.Errorf("migration %s: expected a name starting %s", n, want)
		}
	}
	return names, nil
}

// migrate applies each migration the database lacks in its own
// transaction, with the user_version bump, so a failure leaves the schema
// at the last complete version. An up-to-date database is only read: a
// backup or history command must not wait for the app's write lock.
//
// Migrations run on one connection with foreign keys off (they cannot be
// turned off inside a transaction), as SQLite's procedure for rebuilding
// a table asks: dropping the old attempts table must not cascade to the
// takes. foreign_key_check then proves nothing was left dangling.
func (db *DB) migrate(ctx context.Context, fsys fs.FS, names []string) error {
	var have int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	if have >= len(names) {
		return nil
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	// The connection goes back to the pool: foreign keys on again.
	defer conn.ExecContext(ctx, "PRAGMA foreign_keys = ON")
	for i := have; i < len(names); i++ {
		if err := migrateOne(ctx, conn, fsys, names[i], i+1); err != nil {
			return fmt.Errorf("migrate database to %s: %w", names[i], err)
		}
	}
	return nil
}

// migrateOne brings the schema to version by one migration file.
func migrateOne(ctx context.Context, conn *sql.Conn, fsys fs.FS, name string, version int) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Read again under the write lock: another process may have migrated
	// meanwhile.
	var have int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return err
	}
	if have >= version {
		return nil
	}
	body, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	dangling := rows.Next()
	if err := rows.Close(); err != nil {
		return err
	}
	if dangling {
		return errors.New("a row would refer to one that is gone")
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
		return err
	}
	return tx.Commit()
}

// inTx runs fn in a transaction and commits it unless fn fails.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return plain(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return plain(err)
	}
	return plain(tx.Commit())
}

// plain gives a write's error the candidate's words where there are some
// (practice.Plain); SQLite says a full disk as SQLITE_FULL, and a
// database opened to read only (OpenToRead) refuses a write as
// SQLITE_READONLY.
func plain(err error) error {
	var se *msqlite.Error
	if errors.As(err, &se) && !errors.Is(err, practice.ErrDiskFull) && !errors.Is(err, practice.ErrReadOnly) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w (%v)", practice.ErrDiskFull, err)
		case sqlite3.SQLITE_READONLY:
			return fmt.Errorf("%w (%v)", practice.ErrReadOnly, err)
		}
	}
	return practice.Plain(err)
}

// millis converts a duration to the stored integer milliseconds.
func millis(d time.Duration) int64 { return d.Milliseconds() }

// msDest scans integer milliseconds into a duration.
type msDest struct{ d *time.Duration }

func (m msDest) Scan(src any) error {
	v, ok := src.(int64)
	if !ok {
		return fmt.Errorf("duration: want integer milliseconds, got %T", src)
	}
	*m.d = time.Duration(v) * time.Millisecond
	return nil
}

// timeDest scans Unix milliseconds, or NULL for the zero time, into a time.
type timeDest struct{ t *time.Time }

func (m timeDest) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*m.t = time.Time{}
	case int64:
		*m.t = time.UnixMilli(v)
	default:
		return fmt.Errorf("time: want Unix milliseconds, got %T", src)
	}
	return nil
}

// jsonDest scans JSON text into v.
type jsonDest struct{ v any }

func (d jsonDest) Scan(src any) error {
	s, ok := src.(string)
	if !ok {
		return fmt.Errorf("want JSON text, got %T", src)
	}
	return json.Unmarshal([]byte(s), d.v)
}
