package main

import (
	"path/filepath"
	"testing"
)

// The data lives where macOS keeps applications' data, in the user's own
// Library, which is theirs alone.
func TestDataDirIsPerUser(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("STARCOACH_DATA_DIR", "")
	want := filepath.Join(home, "Library", "Application Support", "StarCoach")
	if got, err := resolveDataDir(""); got != want || err != nil {
		t.Errorf("data directory %q, %v; want %q", got, err, want)
	}
}
