package ui

import (
	"os"
	"testing"
)

// Tests read English labels whatever the machine's locale.
func TestMain(m *testing.M) {
	os.Unsetenv("LC_ALL")
	os.Setenv("LC_MESSAGES", "C")
	os.Exit(m.Run())
}
