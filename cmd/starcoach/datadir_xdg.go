//go:build !windows && !darwin

package main

import (
	"os"
	"path/filepath"
)

// platformDataDir is where Linux and the BSDs keep a user's application
// data: $XDG_DATA_HOME/starcoach, by default ~/.local/share/starcoach.
func platformDataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "starcoach"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "starcoach"), nil
}
