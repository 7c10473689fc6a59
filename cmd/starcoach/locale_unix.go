//go:build unix

package main

import (
	"os"
	"syscall"
)

// reexecQuietly restarts the process with quietEnglish's environment when
// it changes anything. Fyne reads the locale during package initialisation,
// before main runs, so fixing the environment in main alone is too late.
func reexecQuietly() {
	changed := false
	set := func(k, v string) error { changed = true; return os.Setenv(k, v) }
	unset := func(k string) error { changed = true; return os.Unsetenv(k) }
	quietEnglish(os.Getenv, set, unset)
	if !changed {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return // carry on: the cost is one log line
	}
	// Exec only returns on failure, and then the process simply goes on.
	_ = syscall.Exec(exe, os.Args, os.Environ())
}
