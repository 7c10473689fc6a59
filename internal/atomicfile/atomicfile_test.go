package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"starcoach/internal/privatetest"
)

// A write replaces the file whole, private to the candidate; a failed
// one leaves the old file as it was and nothing beside it.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	n, err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new page"); return err })
	if b, _ := os.ReadFile(path); err != nil || n != 8 || string(b) != "new page" {
		t.Fatalf("write: %v, %d bytes, file %q", err, n, b)
	}
	privatetest.Check(t, path)
	broken := errors.New("disk gone")
	if _, err := Write(path, func(w io.Writer) error { io.WriteString(w, "half a"); return broken }); !errors.Is(err, broken) {
		t.Fatalf("a failed write returned %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new page" {
		t.Errorf("a failed write left %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	if _, err := Write(filepath.Join(dir, "no", "such", "dir.html"), func(io.Writer) error { return nil }); err == nil {
		t.Error("a write into a folder that is not there succeeded")
	}
}
