// Package lockfile holds a lock on a file for as long as a process lives:
// the operating system releases it when the process ends, however it
// ends, so a crash never leaves a stale lock behind.
package lockfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// ErrLocked says another process holds the lock.
var ErrLocked = errors.New("locked by another process")

// Lock is a held lock.
type Lock struct{ f *os.File }

// TryLock takes the lock on path (creating the file, private to the user)
// or fails at once with ErrLocked.
func TryLock(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := lock(f); err != nil {
		f.Close()
		if errors.Is(err, ErrLocked) {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &Lock{f: f}, nil
}

// Wait takes the lock on path, trying again until wait has passed.
func Wait(path string, wait time.Duration) (*Lock, error) {
	deadline := time.Now().Add(wait)
	for {
		l, err := TryLock(path)
		if !errors.Is(err, ErrLocked) || time.Now().After(deadline) {
			return l, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Held reports whether another process holds the lock on path, without
// taking it, creating the file or opening it to write: a command that
// only reads asks it, on a read-only disk too. (For the instant it asks,
// it holds a shared lock, which refuses TryLock.)
func Held(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil // nobody ever locked it here
	}
	if err != nil {
		return false, fmt.Errorf("lock %s: %w", path, err)
	}
	defer f.Close()
	h, err := held(f)
	if err != nil {
		return false, fmt.Errorf("lock %s: %w", path, err)
	}
	return h, nil
}

// Release gives the lock up.
func (l *Lock) Release() error { return l.f.Close() }
