// Package privatetest checks, in tests, that a file or folder holding the
// candidate's data is private to them, as each operating system makes it so.
package privatetest

import "testing"

// Check fails t unless path is private to the user who runs the test.
func Check(t testing.TB, path string) {
	t.Helper()
	if err := check(path); err != nil {
		t.Errorf("%s is not private: %v", path, err)
	}
}
