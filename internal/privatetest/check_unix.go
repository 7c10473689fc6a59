//go:build unix

package privatetest

import (
	"fmt"
	"os"
)

// check wants mode 0700 for a folder and 0600 for a file: no one but the
// owner may read it.
func check(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	want := os.FileMode(0o600)
	if st.IsDir() {
		want = 0o700
	}
	if st.Mode().Perm() != want {
		return fmt.Errorf("mode %v, want %v", st.Mode().Perm(), want)
	}
	return nil
}
