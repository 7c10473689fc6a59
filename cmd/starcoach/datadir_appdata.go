//go:build windows || darwin

package main

import (
	"os"
	"path/filepath"
)

// platformDataDir is where Windows and macOS keep a user's application
// data: %AppData%\StarCoach (the roaming profile, which only that account
// and the administrators can open) and ~/Library/Application
// Support/StarCoach.
func platformDataDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "StarCoach"), nil
}
