package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// On a read-only disk the commands that read still work: nothing there
// insists on changing a mode or creating a file first.
func TestReadingCommandsOnAReadOnlyDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=4m"); err != nil {
		t.Skipf("cannot mount a tmpfs (%v)", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	seedHistory(t, dir)
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only (%v)", err)
	}
	for _, args := range [][]string{{"history"}, {"check"}, {"questions"}, {"stories"}} {
		out, errOut, code := runCmd(t, append([]string{"--data-dir", dir}, args...)...)
		if code != 0 {
			t.Errorf("%v on a read-only disk: exit %d, %q %q", args, code, out, errOut)
		}
	}
	if _, errOut, code := runCmd(t, "--data-dir", dir, "history", "--csv"); code != 0 || errOut != "" {
		t.Errorf("history --csv: exit %d, %q", code, errOut)
	}
	if out, _, _ := runCmd(t, "--data-dir", dir, "history"); !strings.Contains(out, "tight-deadline") {
		t.Errorf("history read nothing: %q", out)
	}
}
