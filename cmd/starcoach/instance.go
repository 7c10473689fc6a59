package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"starcoach/internal/lockfile"
)

// One app at a time per data directory: a second one would take the first
// one's recording in progress for a crash and "recover" it. The app holds
// an exclusive lock on lockName for as long as it runs; the operating
// system drops it when the process ends, however it ends. Commands that
// only read need no lock; commands that write wait for it briefly.
const (
	lockName  = "starcoach.lock"
	raiseName = "starcoach.raise" // touched by a second app: bring the window forward
)

// errRunning says the app runs with this data directory.
var errRunning = errors.New("StarCoach is running with this data directory")

// lockForApp takes the data directory's lock for the app. When another app
// holds it, it asks that one to bring its window forward and returns
// errRunning.
func lockForApp(dir string) (*lockfile.Lock, error) {
	l, err := lockfile.TryLock(filepath.Join(dir, lockName))
	if errors.Is(err, lockfile.ErrLocked) {
		now := time.Now()
		raise := filepath.Join(dir, raiseName)
		if f, err := os.OpenFile(raise, os.O_WRONLY|os.O_CREATE, 0o600); err == nil {
			f.Close()
		}
		os.Chtimes(raise, now, now)
		return nil, errRunning
	}
	return l, err
}

// lockForWrite takes the data directory's lock for a command that writes,
// waiting a few seconds for another command to finish.
func lockForWrite(dir, doing string) (*lockfile.Lock, error) {
	l, err := lockfile.Wait(filepath.Join(dir, lockName), 3*time.Second)
	if errors.Is(err, lockfile.ErrLocked) {
		return nil, fmt.Errorf("%s: %w: close it first, or do it from the app", doing, errRunning)
	}
	return l, err
}

// watchRaise calls raise whenever a second app touches the raise file,
// until ctx ends. Once a second is soon enough for a window to come
// forward, and a stat a second costs nothing.
func watchRaise(ctx context.Context, dir string, raise func()) {
	path := filepath.Join(dir, raiseName)
	var last time.Time
	if st, err := os.Stat(path); err == nil {
		last = st.ModTime()
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if st, err := os.Stat(path); err == nil && st.ModTime().After(last) {
				last = st.ModTime()
				raise()
			}
		}
	}
}
