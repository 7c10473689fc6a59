package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Backup writes a consistent copy of the database to path, which must not
// exist, while the app goes on using it: VACUUM INTO reads one snapshot,
// and in WAL mode a writer does not block it. The copy is created 0600
// first, like the database. Recordings are not copied.
func (db *DB) Backup(ctx context.Context, path string) error {
	// O_EXCL refuses an existing file without a window for a race;
	// VACUUM INTO accepts the empty file it leaves.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("back up database: %s already exists; not overwriting it: %w", path, fs.ErrExist)
	}
	if err != nil {
		return fmt.Errorf("back up database: %w", err)
	}
	f.Close()
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("back up database to %s: %w", path, plain(err))
	}
	return nil
}
