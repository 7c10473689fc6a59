package lockfile

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"starcoach/internal/privatetest"
)

const childEnv = "STARCOACH_LOCK_CHILD"

// TestLockChild holds the lock named in its environment until killed.
func TestLockChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("runs only as the child of TestLockHeldUntilTheProcessEnds")
	}
	if _, err := TryLock(path); err != nil {
		os.Stdout.WriteString("error\n")
		os.Exit(1)
	}
	os.Stdout.WriteString("locked\n")
	time.Sleep(time.Minute)
}

// Another process's lock refuses ours until that process dies, however it
// dies: the kernel releases it.
func TestLockHeldUntilTheProcessEnds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	c := exec.Command(os.Args[0], "-test.run=^TestLockChild$")
	c.Env = append(os.Environ(), childEnv+"="+path)
	out, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil || string(buf[:6]) != "locked" {
		t.Fatalf("child: %q, %v", buf, err)
	}
	if _, err := TryLock(path); !errors.Is(err, ErrLocked) {
		t.Fatalf("TryLock while the child holds it: %v", err)
	}
	if h, err := Held(path); !h || err != nil {
		t.Fatalf("Held while the child holds it = %v, %v", h, err)
	}
	c.Process.Kill() // SIGKILL: no chance to unlock
	c.Wait()
	if h, err := Held(path); h || err != nil {
		t.Fatalf("Held after the child died = %v, %v", h, err)
	}
	l, err := Wait(path, 2*time.Second)
	if err != nil {
		t.Fatalf("after the child died: %v", err)
	}
	l.Release()
	privatetest.Check(t, path)
}

// Held tells a held lock from a free one, creates no file where there is
// none and leaves a free lock free.
func TestHeld(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	if h, err := Held(path); h || err != nil {
		t.Fatalf("Held with no lock file = %v, %v", h, err)
	}
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Held created the lock file: %v", err)
	}
	l, err := TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	if h, err := Held(path); !h || err != nil {
		t.Errorf("Held while locked = %v, %v", h, err)
	}
	l.Release()
	if h, err := Held(path); h || err != nil {
		t.Errorf("Held once released = %v, %v", h, err)
	}
	l, err = TryLock(path)
	if err != nil {
		t.Fatalf("TryLock after Held: %v", err)
	}
	l.Release()
}
