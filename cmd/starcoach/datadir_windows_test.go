package main

import (
	"path/filepath"
	"testing"
)

// The data lives in the user's roaming AppData, which Windows opens to that
// account, SYSTEM and the administrators only; the app then makes the
// folder its own with an access list for the user alone (internal/private).
func TestDataDirIsPerUser(t *testing.T) {
	appData := t.TempDir()
	t.Setenv("APPDATA", appData)
	t.Setenv("STARCOACH_DATA_DIR", "")
	if got, err := resolveDataDir(""); got != filepath.Join(appData, "StarCoach") || err != nil {
		t.Errorf("data directory %q, %v; want %%AppData%%\\StarCoach", got, err)
	}
}
