package private

import (
	"os"
	"path/filepath"
	"testing"

	"starcoach/internal/privatetest"
)

// A folder made with its parents, and one another program left open to
// everyone, both end private, and so does a file made in them (on
// Windows, by inheriting the folder's access list).
func TestDirIsPrivate(t *testing.T) {
	base := t.TempDir()
	made := filepath.Join(base, "a", "b")
	open := filepath.Join(base, "open")
	if err := os.Mkdir(open, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{made, open} {
		if err := Dir(d); err != nil {
			t.Fatal(err)
		}
		privatetest.Check(t, d)
		f := filepath.Join(d, "take.wav")
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		privatetest.Check(t, f)
		if err := Dir(d); err != nil {
			t.Errorf("again, on a folder already private: %v", err)
		}
	}
}
