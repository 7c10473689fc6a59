//go:build !windows && !darwin

package main

import (
	"path/filepath"
	"testing"
)

// The data lives where the XDG base directory spec says, under the user's
// home, which is theirs alone; a relative XDG_DATA_HOME is ignored, as the
// spec asks.
func TestDataDirIsPerUser(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("STARCOACH_DATA_DIR", "")
	for xdg, want := range map[string]string{
		"":                             filepath.Join(home, ".local", "share", "starcoach"),
		"relative/data":                filepath.Join(home, ".local", "share", "starcoach"),
		filepath.Join(home, "xdgdata"): filepath.Join(home, "xdgdata", "starcoach"),
	} {
		t.Setenv("XDG_DATA_HOME", xdg)
		if got, err := resolveDataDir(""); got != want || err != nil {
			t.Errorf("XDG_DATA_HOME=%q: %q, %v; want %q", xdg, got, err, want)
		}
	}
}
