package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"starcoach/practice"
)

// A database is input like any other file: a row restored from a hostile
// archive, or edited by hand, may hold any text. So a stored name becomes
// a path here and nowhere else, and only a name of the form the app itself
// makes does: an attempt's folder directly under recordings/, a take's
// file directly in its attempt's folder. Whatever else a row holds is
// refused with an error naming the row, before anything is read, written
// or deleted.

// folderTime is the time part of a recordings folder's name.
const folderTime = "20060102T150405"

// NewFolder names a new attempt's recordings folder: its start time, for
// a person browsing the folder, and random bits, so that no two attempts
// ever share one, whatever happens to the ID counter.
func NewFolder(at time.Time) (string, error) {
	var b [5]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return at.UTC().Format(folderTime) + "-" + hex.EncodeToString(b[:]), nil
}

// validFolder reports whether name is a recordings folder the app makes:
// NewFolder's form, or the attempt ID that named folders before migration
// 003.
func validFolder(name string) bool {
	if id, err := strconv.ParseInt(name, 10, 64); err == nil && id > 0 && strconv.FormatInt(id, 10) == name {
		return true
	}
	at, rnd, ok := strings.Cut(name, "-")
	if !ok || len(rnd) != 10 || strings.ToLower(rnd) != rnd {
		return false
	}
	if _, err := hex.DecodeString(rnd); err != nil {
		return false
	}
	_, err := time.Parse(folderTime, at)
	return err == nil
}

// takeFile names a take's recording in its attempt's folder: <step>-<n>.wav,
// which tells Recover the step of a recording whose take was never saved.
func takeFile(step practice.StepID, n int) string { return fmt.Sprintf("%s-%d.wav", step, n) }

// parseTakeFile is takeFile's inverse; ok is false for any other name.
func parseTakeFile(name string) (step practice.StepID, n int, ok bool) {
	s, num, found := strings.Cut(strings.TrimSuffix(name, ".wav"), "-")
	if !found || !strings.HasSuffix(name, ".wav") || !validStep(practice.StepID(s)) {
		return "", 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || strconv.Itoa(n) != num {
		return "", 0, false
	}
	return practice.StepID(s), n, true
}

// takeRel is a take's stored name: its file under its attempt's folder,
// relative to the data directory, with forward slashes on every system.
func takeRel(folder, file string) string { return path.Join(recordingsDir, folder, file) }

// checkTakeRel checks a take's stored name: its attempt's folder, then a
// take file. It returns the file's name.
func checkTakeRel(rel, folder string) (string, error) {
	dir := takeRel(folder, "") + "/"
	file, ok := strings.CutPrefix(rel, dir)
	if !ok {
		return "", fmt.Errorf("it is not in its attempt's folder %s", dir)
	}
	if _, _, ok := parseTakeFile(file); !ok {
		return "", fmt.Errorf("%q is not named <step>-<n>.wav", file)
	}
	return file, nil
}

// NameError says a row names a folder or a recording that is not one the
// app makes, or one that leads out of the data directory; nothing was done
// with it.
type NameError struct {
	Row  string // "attempt 12", "take 40 of attempt 12"
	Name string // what the row holds
	Err  error  // why it is refused
}

func (e *NameError) Error() string {
	return fmt.Sprintf("%s names %q, which StarCoach refuses: %v; nothing was done with it", e.Row, e.Name, e.Err)
}

func (e *NameError) Unwrap() error { return e.Err }

var (
	// ErrOutside says a path leads out of the data directory through a
	// symbolic link.
	ErrOutside = errors.New("it leads out of the data directory")
	// errFolderName says a name is not one NewFolder makes.
	errFolderName = errors.New("it is not a recordings folder's name")
)

// folderPath is the absolute path of attempt id's recordings folder,
// stored as name.
func (db *DB) folderPath(id int64, name string) (string, error) {
	row := fmt.Sprintf("attempt %d", id)
	if !validFolder(name) {
		return "", &NameError{Row: row, Name: name, Err: errFolderName}
	}
	p := filepath.Join(db.dir, recordingsDir, name)
	if err := db.inside(p); err != nil {
		return "", &NameError{Row: row, Name: name, Err: err}
	}
	return p, nil
}

// takePath is the absolute path of a take's recording, stored as rel in
// an attempt whose folder is stored as folder; row names the take in
// errors.
func (db *DB) takePath(row, rel, folder string) (string, error) {
	if !validFolder(folder) {
		return "", &NameError{Row: row, Name: rel, Err: fmt.Errorf("its attempt's folder %q: %w", folder, errFolderName)}
	}
	if _, err := checkTakeRel(rel, folder); err != nil {
		return "", &NameError{Row: row, Name: rel, Err: err}
	}
	p := filepath.Join(db.dir, filepath.FromSlash(rel))
	if err := db.inside(p); err != nil {
		return "", &NameError{Row: row, Name: rel, Err: err}
	}
	return p, nil
}

// RecordingPath is the absolute path of a take's recording from its
// stored name, for playing it. A name that is not of the form the app
// makes, or that leads out of the data directory, gives a *NameError.
func (db *DB) RecordingPath(rel string) (string, error) {
	folder, _, _ := strings.Cut(strings.TrimPrefix(rel, recordingsDir+"/"), "/")
	return db.takePath("a take", rel, folder)
}

// inside checks that p, whose part below the data directory is made of
// checked names, stays in the data directory once symbolic links are
// resolved: a recordings folder linked elsewhere is refused. The part of p
// that does not exist yet cannot be a link.
func (db *DB) inside(p string) error {
	root, err := filepath.EvalSymlinks(db.dir)
	if err != nil {
		return err
	}
	rest := ""
	for q := p; ; {
		real, err := filepath.EvalSymlinks(q)
		if err == nil {
			if real = filepath.Join(real, rest); real != root && !strings.HasPrefix(real, root+string(filepath.Separator)) {
				return ErrOutside
			}
			return nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		parent := filepath.Dir(q)
		if parent == q || len(parent) < len(db.dir) {
			return err
		}
		rest = filepath.Join(filepath.Base(q), rest)
		q = parent
	}
}

// reader is a connection pool or one connection.
type reader interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// maxMisnamed is how many misnamed rows misnamed describes; it counts
// the rest.
const maxMisnamed = 3

// misnamed describes the rows whose stored names folderPath or takePath
// would refuse: the start-up check, and Restore before it moves anything
// in, refuse a database that has any. A database from before migration
// 003 names folders by attempt ID.
func misnamed(ctx context.Context, q reader) ([]string, error) {
	var tables, folders int
	if err := q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('attempts', 'takes')),
		(SELECT count(*) FROM pragma_table_info('attempts') WHERE name = 'folder')`).Scan(&tables, &folders); err != nil {
		return nil, err
	}
	if tables < 2 {
		return nil, nil // a new database, not yet migrated
	}
	folder := "a.folder"
	if folders == 0 {
		folder = "CAST(a.id AS TEXT)"
	}
	var problems []string
	more := 0
	add := func(e *NameError) {
		if len(problems) < maxMisnamed {
			problems = append(problems, e.Error())
		} else {
			more++
		}
	}
	// The attempts' folders, then each take against its attempt's: two
	// plain scans, no join to sort.
	byAttempt := map[int64]string{}
	rows, err := q.QueryContext(ctx, `SELECT a.id, `+folder+` FROM attempts a`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		byAttempt[id] = name
		if !validFolder(name) {
			add(&NameError{Row: fmt.Sprintf("attempt %d", id), Name: name, Err: errFolderName})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT id, attempt_id, wav FROM takes`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var take, attempt int64
		var rel string
		if err := rows.Scan(&take, &attempt, &rel); err != nil {
			return nil, err
		}
		name, ok := byAttempt[attempt]
		switch {
		case !ok:
			add(&NameError{Row: fmt.Sprintf("take %d", take), Name: fmt.Sprintf("attempt %d", attempt), Err: errors.New("there is no such attempt")})
		case validFolder(name):
			if _, err := checkTakeRel(rel, name); err != nil {
				add(&NameError{Row: fmt.Sprintf("take %d of attempt %d", take, attempt), Name: rel, Err: err})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if more > 0 {
		problems = append(problems, fmt.Sprintf("and %d more rows like these", more))
	}
	return problems, nil
}
