package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"starcoach/practice"
	"strings"
	"syscall"
	"testing"
)

// On a read-only disk every command that reads works: nothing there
// insists on changing a mode or creating a file first. A data directory
// left 0755, or with the -wal of a crash beside its database, is read
// whole: the newest commit, not the older database file alone.
func TestReadingCommandsOnAReadOnlyDisk(t *testing.T) {
	for _, c := range []struct {
		name    string
		prepare func(t *testing.T, dir string)
		want    string // history's output holds it
	}{
		{"as the app leaves it", func(t *testing.T, dir string) { seedHistory(t, dir) }, "tight-deadline"},
		{"0755, with a crash's -wal", func(t *testing.T, dir string) {
			seedHistory(t, dir)
			leaveWAL(t, dir, "after-crash")
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && d.IsDir() {
					err = os.Chmod(p, 0o755)
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}, "after-crash"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := tmpfs(t, "4m")
			c.prepare(t, dir)
			readOnly(t, dir)
			for _, cmd := range append(readingCommands, struct {
				args []string
				want string
			}{[]string{"history", "--csv"}, c.want}) {
				out, errOut, code := runCmd(t, append([]string{"--data-dir", dir}, cmd.args...)...)
				if code != 0 || errOut != "" || !strings.Contains(out, cmd.want) {
					t.Errorf("%v on a read-only disk: exit %d, %q, want output with %q:\n%s", cmd.args, code, errOut, cmd.want, out)
				}
			}
			if out, _, _ := runCmd(t, "--data-dir", dir, "history"); !strings.Contains(out, c.want) || !strings.Contains(out, "tight-deadline") {
				t.Errorf("history read an older database: %q", out)
			}
			// A backup of it holds the newest commit too.
			archive := filepath.Join(t.TempDir(), "backup.tar")
			if _, errOut, code := runCmd(t, "--data-dir", dir, "backup", archive); code != 0 {
				t.Fatalf("backup on a read-only disk: exit %d, %q", code, errOut)
			}
			back := t.TempDir()
			if _, errOut, code := runCmd(t, "--data-dir", back, "restore", archive); code != 0 {
				t.Fatalf("restore: %q", errOut)
			}
			if out, _, _ := runCmd(t, "--data-dir", back, "history"); !strings.Contains(out, c.want) {
				t.Errorf("the backup of a read-only disk lacks the newest commit: %q", out)
			}
		})
	}
}

// The app on a read-only disk opens the history to read, and says why in
// the candidate's words; a write then fails with the same words.
func TestAppOnAReadOnlyDisk(t *testing.T) {
	dir := tmpfs(t, "4m")
	seedHistory(t, dir)
	os.Chmod(dir, 0o755)
	readOnly(t, dir)
	if _, err := openDataDir(&env{dataDir: dir}); err != nil {
		t.Fatalf("the data directory on a read-only disk: %v", err)
	}
	db, readOnly, err := openForApp(dir)
	if err != nil || !errors.Is(readOnly, practice.ErrReadOnly) {
		t.Fatalf("openForApp = %v, %v", readOnly, err)
	}
	defer db.Close()
	as, err := db.Attempts(context.Background(), practice.HistoryFilter{})
	if err != nil || len(as) == 0 {
		t.Errorf("the history on a read-only disk: %d attempts, %v", len(as), err)
	}
	a := practice.Attempt{QuestionID: "q", Level: "sde1", Mode: practice.StepByStep}
	if err := db.CreateAttempt(context.Background(), &a); !errors.Is(err, practice.ErrReadOnly) {
		t.Errorf("a write on a read-only disk: %v", err)
	}
}

// tmpfs mounts a disk of size (as mount's size option) for the test, or
// skips it where that cannot be done.
func tmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs (%v)", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// readOnly remounts a tmpfs read-only.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only (%v)", err)
	}
}
