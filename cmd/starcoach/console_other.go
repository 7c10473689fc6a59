//go:build !windows

package main

// attachConsole does nothing: a command's output goes where it was
// started, as it does for any program here.
func attachConsole() {}
