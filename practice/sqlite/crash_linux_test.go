package sqlite

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"starcoach/practice"
)

// crashChildEnv names the data directory when the test binary runs as the
// child that TestKilledWhileSaving kills.
const crashChildEnv = "STARCOACH_CRASH_CHILD_DIR"

// crashTake is the take the child saves as its nth; the parent checks the
// stored rows against it.
func crashTake(attemptID int64, n int, rel string) practice.Take {
	return practice.Take{AttemptID: attemptID, Step: practice.Steps[n%len(practice.Steps)], Counted: true, WAV: rel,
		CreatedAt: time.UnixMilli(1700000000000 + int64(n)), ClipEnd: time.Duration(n+1) * time.Second,
		Duration: time.Duration(n+1) * time.Second, Spoken: time.Duration(n) * time.Millisecond,
		Pauses: n % 7, SyllablesPerSec: float64(n) / 8, Target: 30 * time.Second, Verdict: practice.Short,
		Checks: []string{fmt.Sprintf("check %d", n)}, Note: strings.Repeat(fmt.Sprintf("take %d ", n), 50)}
}

// TestCrashChild is the child process; it only runs under crashChildEnv.
// It saves takes in a loop, printing "n id" once each is committed, until
// it is killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("runs only as the child of TestKilledWhileSaving")
	}
	db, err := Open(dir)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	a := practice.Attempt{QuestionID: "crash", Level: "sde1", Mode: practice.StepByStep}
	if err := db.CreateAttempt(ctx, &a); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	for n := 0; ; n++ {
		rel, abs, err := db.TakePath(ctx, a.ID, practice.Steps[n%len(practice.Steps)])
		if err == nil {
			err = os.WriteFile(abs, []byte(fmt.Sprintf("RIFF take %d", n)), 0o600)
		}
		tk := crashTake(a.ID, n, rel)
		if err == nil {
			err = db.AddTake(ctx, &tk)
		}
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println(n, tk.ID) // stdout is unbuffered: printed means committed
	}
}

// TestKilledWhileSaving kills a process with SIGKILL while it is saving
// takes and proves every take it reported committed is there, intact, the
// database passes integrity_check, and Recover tidies up after it.
func TestKilledWhileSaving(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := map[int]int64{}
	sc := bufio.NewScanner(out)
	for len(committed) < 40 && sc.Scan() {
		var n int
		var id int64
		if _, err := fmt.Sscan(sc.Text(), &n, &id); err != nil {
			cmd.Process.Kill()
			t.Fatalf("child said %q", sc.Text())
		}
		committed[n] = id
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// Lines printed between our last read and the kill are committed too.
	for sc.Scan() {
		var n int
		var id int64
		if _, err := fmt.Sscan(sc.Text(), &n, &id); err == nil {
			committed[n] = id
		}
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child ended with %v, want killed", err)
	}
	if len(committed) < 40 {
		t.Fatalf("child committed only %d takes", len(committed))
	}

	db := openTest(t, dir)
	var check string
	if err := db.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	takes, err := db.Takes(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]practice.Take{}
	for _, tk := range takes {
		byID[tk.ID] = tk
	}
	for n, id := range committed {
		got, ok := byID[id]
		if !ok {
			t.Errorf("committed take %d (n=%d) is missing", id, n)
			continue
		}
		want := crashTake(1, n, got.WAV)
		want.ID, want.Counted = id, got.Counted
		if fmt.Sprint(got) != fmt.Sprint(want) || got.WAV != fmt.Sprintf("recordings/%s/%s-%d.wav", folderName(t, db, 1), want.Step, n/5+1) {
			t.Errorf("take %d changed:\n got %+v\nwant %+v", id, got, want)
		}
	}
	t.Logf("%d takes reported committed, %d stored", len(committed), len(takes))

	rep, err := db.Recover(ctx, func(abs string, _ practice.Attempt, _ practice.StepID) (practice.Take, error) {
		return practice.Take{Duration: time.Second}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Interrupted) != 1 || len(rep.Failed) != 0 {
		t.Errorf("recovery: %+v", rep)
	}
	if c, err := db.Check(ctx); err != nil || !c.OK() {
		t.Errorf("Check after recovery: %+v, %v", c, err)
	}
}

// fillUntilFull saves takes with a large note until saving fails, and
// returns the IDs saved and the error.
func fillUntilFull(t *testing.T, db *DB, attemptID int64, wav string) ([]int64, error) {
	t.Helper()
	var ids []int64
	for i := 0; i < 10000; i++ {
		tk := practice.Take{AttemptID: attemptID, Step: practice.Action, WAV: wav, Note: strings.Repeat("x", 16<<10)}
		if err := db.AddTake(ctx, &tk); err != nil {
			return ids, err
		}
		ids = append(ids, tk.ID)
	}
	t.Fatal("the disk never filled up")
	return nil, nil
}

// assertIntact checks the database and that exactly the first take and
// those in ids are stored, each whole.
func assertIntact(t *testing.T, db *DB, first practice.Take, ids []int64) {
	t.Helper()
	var check string
	if err := db.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	takes, err := db.Takes(ctx, first.AttemptID)
	if err != nil {
		t.Fatal(err)
	}
	if len(takes) != 1+len(ids) || takes[0].ID != first.ID {
		t.Fatalf("%d takes stored, %d were saved", len(takes), 1+len(ids))
	}
	for i, tk := range takes[1:] {
		if tk.ID != ids[i] || len(tk.Note) != 16<<10 {
			t.Errorf("take %d: id %d, note of %d bytes", i, tk.ID, len(tk.Note))
		}
	}
}

// TestDiskFull: when the disk fills up, saving a take fails with an error
// that says what was being saved and why, and the database stays whole
// with every earlier take. Root ignores file modes, so a full disk is a
// small tmpfs (when mounting is allowed) or SQLite's max_page_count.
func TestDiskFull(t *testing.T) {
	t.Run("tmpfs", func(t *testing.T) {
		dir := smallDisk(t) // or skipped: the max_page_count variant covers a full database
		db, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		a := newAttempt(t, db, "q")
		tk := recordTake(t, db, a.ID, practice.Situation, time.Second, true)
		filler := filepath.Join(dir, "filler")
		f, err := os.Create(filler)
		if err != nil {
			t.Fatal(err)
		}
		for err == nil {
			_, err = f.Write(make([]byte, 4096))
		}
		f.Close()
		// Let the first takes fit by freeing a little room.
		if fi, err := os.Stat(filler); err == nil {
			os.Truncate(filler, fi.Size()-64<<10)
		}
		ids, err := fillUntilFull(t, db, a.ID, tk.WAV)
		if !errors.Is(err, practice.ErrDiskFull) || !strings.HasPrefix(err.Error(), "save take of action") {
			t.Fatalf("error when the disk is full: %v", err)
		}
		t.Logf("after %d takes: %v", len(ids), err)
		assertIntact(t, db, tk, ids)
		os.Remove(filler)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		db = openTest(t, dir)
		assertIntact(t, db, tk, ids)
	})
	t.Run("max_page_count", func(t *testing.T) {
		db := openTest(t, t.TempDir())
		a := newAttempt(t, db, "q")
		tk := recordTake(t, db, a.ID, practice.Situation, time.Second, true)
		// max_page_count is per connection: keep the pool to one.
		db.db.SetMaxOpenConns(1)
		var pages int
		if err := db.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
			t.Fatal(err)
		}
		if _, err := db.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+40)); err != nil {
			t.Fatal(err)
		}
		ids, err := fillUntilFull(t, db, a.ID, tk.WAV)
		if !errors.Is(err, practice.ErrDiskFull) || !strings.HasPrefix(err.Error(), "save take of action") {
			t.Fatalf("error when the database is full: %v", err)
		}
		t.Logf("after %d takes: %v", len(ids), err)
		assertIntact(t, db, tk, ids)
		db.Close()
		db = openTest(t, db.dir)
		assertIntact(t, db, tk, ids)
	})
}
