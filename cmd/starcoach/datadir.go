package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"starcoach/internal/private"
	"starcoach/practice"
)

// resolveDataDir picks the data directory: --data-dir, else
// STARCOACH_DATA_DIR, else the platform's per-user data location
// (platformDataDir, in a file for each kind of platform).
func resolveDataDir(flagValue string) (string, error) {
	if flagValue != "" {
		return filepath.Abs(flagValue)
	}
	if d := os.Getenv("STARCOACH_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	d, err := platformDataDir()
	if err != nil {
		return "", fmt.Errorf("find data directory: %w (set STARCOACH_DATA_DIR or --data-dir)", err)
	}
	return d, nil
}

// openDataDir resolves the data directory and creates it private to the user.
func openDataDir(e *env) (string, error) {
	dir, err := resolveDataDir(e.dataDir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create data directory: %w", err)
	}
	// Recordings of a voice are private. A directory that cannot be made
	// so on a read-only disk can still be read.
	if err := private.Dir(dir); err != nil && !errors.Is(practice.Plain(err), practice.ErrReadOnly) {
		return "", fmt.Errorf("data directory %s: %w", dir, err)
	}
	return dir, nil
}
