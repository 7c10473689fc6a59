package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"starcoach/internal/privatetest"
	"starcoach/practice"
)

var ctx = context.Background()

func openTest(t testing.TB, dir string) *DB {
	t.Helper()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newAttempt(t testing.TB, db *DB, question string) practice.Attempt {
	t.Helper()
	a := practice.Attempt{QuestionID: question, Level: "sde2", Mode: practice.StepByStep}
	if err := db.CreateAttempt(ctx, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// recordTake makes a take's file through TakePath, writes some bytes to it
// as a recorder would, and saves the take.
func recordTake(t testing.TB, db *DB, attemptID int64, step practice.StepID, spoken time.Duration, counted bool) practice.Take {
	t.Helper()
	rel, abs, err := db.TakePath(ctx, attemptID, step)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(abs, []byte("RIFF....WAVE"), 0o644); err != nil {
		t.Fatal(err)
	}
	tk := practice.Take{AttemptID: attemptID, Step: step, Counted: counted, WAV: rel,
		ClipEnd: spoken + time.Second, Duration: spoken + time.Second, SpeechStart: 500 * time.Millisecond,
		SpeechEnd: spoken + 500*time.Millisecond, Spoken: spoken, Voiced: spoken - 100*time.Millisecond,
		Target: 30 * time.Second, Verdict: practice.StepVerdict(spoken, 30*time.Second)}
	if err := db.AddTake(ctx, &tk); err != nil {
		t.Fatal(err)
	}
	return tk
}

// TestFileModes: the directory and every file holding the candidate's data
// is private, including SQLite's -wal and -shm and the recordings.
func TestFileModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	db := openTest(t, dir)
	a := newAttempt(t, db, "q")
	tk := recordTake(t, db, a.ID, practice.Situation, 20*time.Second, true)
	for _, p := range []string{
		dir,
		filepath.Join(dir, "recordings"),
		filepath.Dir(filepath.Join(dir, tk.WAV)),
		filepath.Join(dir, FileName),
		filepath.Join(dir, FileName+"-wal"),
		filepath.Join(dir, FileName+"-shm"),
		filepath.Join(dir, tk.WAV),
	} {
		privatetest.Check(t, p)
	}
}

// TestPoolSettings: every pooled connection, not just the first, has the
// DSN's settings.
func TestPoolSettings(t *testing.T) {
	db := openTest(t, t.TempDir())
	const n = 4
	conns := make([]*sql.Conn, n)
	for i := range conns { // held at once, so each is a distinct connection
		c, err := db.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var journal string
			var fk, busy, syncMode int
			for q, dst := range map[string]any{"journal_mode": &journal, "foreign_keys": &fk, "busy_timeout": &busy, "synchronous": &syncMode} {
				if err := c.QueryRowContext(ctx, "PRAGMA "+q).Scan(dst); err != nil {
					t.Errorf("conn %d: %s: %v", i, q, err)
				}
			}
			if journal != "wal" || fk != 1 || busy != 5000 || syncMode != 2 {
				t.Errorf("conn %d: journal_mode=%s foreign_keys=%d busy_timeout=%d synchronous=%d, want wal 1 5000 2 (FULL)",
					i, journal, fk, busy, syncMode)
			}
		}()
	}
	wg.Wait()
}

func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	r, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestNewerSchema: a database from a newer StarCoach is refused with a
// clear error and left byte for byte as it was.
func TestNewerSchema(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	newAttempt(t, db, "q")
	db.Close()
	path := filepath.Join(dir, FileName)
	r := rawDB(t, path)
	if _, err := r.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	r.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir)
	var ve *VersionError
	if !errors.As(err, &ve) || ve.Version != 99 || !strings.Contains(err.Error(), "newer StarCoach") {
		t.Fatalf("Open = %v, want a VersionError for schema 99", err)
	}
	t.Log(err)
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("opening a newer database changed its file")
	}
}

// corrupt overwrites every page but the first (the header and schema root)
// with garbage, as a failing disk might.
func corrupt(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096; i < len(b); i++ {
		b[i] = byte(i*7 + 3)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCorrupt: a damaged database gives a CorruptError naming it, is not
// written to, and StartFresh keeps it (and its recordings) aside and opens
// an empty one.
func TestCorrupt(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	for i := 0; i < 50; i++ {
		a := newAttempt(t, db, fmt.Sprintf("q%d", i))
		recordTake(t, db, a.ID, practice.Situation, 20*time.Second, true)
	}
	db.Close()
	path := filepath.Join(dir, FileName)
	bad := corrupt(t, path)

	_, err := Open(dir)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Path != path {
		t.Fatalf("Open = %v, want a CorruptError for %s", err, path)
	}
	t.Log(err)
	if got, _ := os.ReadFile(path); !bytes.Equal(got, bad) {
		t.Error("Open wrote to the damaged database")
	}

	fresh, moved, err := StartFresh(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if got, _ := os.ReadFile(moved); !bytes.Equal(got, bad) {
		t.Errorf("the damaged database was not kept at %s", moved)
	}
	if kept, _ := filepath.Glob(filepath.Join(dir, "recordings"+strings.TrimPrefix(moved, path), "*", "situation-1.wav")); len(kept) == 0 {
		t.Errorf("old recordings not kept aside: %v", kept)
	}
	if as, err := fresh.Attempts(ctx, practice.HistoryFilter{}); err != nil || len(as) != 0 {
		t.Fatalf("fresh database: %d attempts, %v", len(as), err)
	}
	newAttempt(t, fresh, "q")
}

func TestAttemptLifecycle(t *testing.T) {
	db := openTest(t, t.TempDir())
	a := newAttempt(t, db, "tight-deadline")
	if a.ID == 0 || a.Status != practice.InProgress {
		t.Fatalf("created %+v", a)
	}
	secs := map[practice.StepID]time.Duration{
		practice.Situation: 20 * time.Second, practice.Task: 15 * time.Second, practice.Action: 50 * time.Second,
		practice.Result: 25 * time.Second, practice.Reflection: 15 * time.Second,
	}
	first := map[practice.StepID]practice.Take{}
	for _, s := range practice.Steps {
		// Not asked to count, but the first take of a step always is.
		first[s] = recordTake(t, db, a.ID, s, secs[s], false)
		if !first[s].Counted {
			t.Fatalf("first take of %s not counted", s)
		}
	}
	// A redo with speech replaces the counted take; a slip (Space pressed
	// twice: 0.4 s) is kept but never replaces it on its own.
	redo := recordTake(t, db, a.ID, practice.Action, 40*time.Second, false)
	slip := recordTake(t, db, a.ID, practice.Action, 400*time.Millisecond, true)
	follow := recordTake(t, db, a.ID, practice.FollowUpStep, 45*time.Second, false)
	if !redo.Counted || slip.Counted {
		t.Errorf("redo counted %v, slip counted %v; want the redo only", redo.Counted, slip.Counted)
	}
	counted := func() map[int64]bool {
		takes, err := db.Takes(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		m := map[int64]bool{}
		for _, tk := range takes {
			if tk.Counted {
				m[tk.ID] = true
			}
		}
		return m
	}
	if c := counted(); !c[redo.ID] || c[first[practice.Action].ID] || c[slip.ID] || len(c) != 6 {
		t.Errorf("counted after redo: %v", c)
	}
	// The candidate may still choose the slip, then the first take.
	if err := db.SetCounted(ctx, slip.ID); err != nil {
		t.Fatal(err)
	}
	if c := counted(); !c[slip.ID] || c[redo.ID] || len(c) != 6 {
		t.Errorf("counted after SetCounted: %v", c)
	}
	spare := first[practice.Action]
	if err := db.SetCounted(ctx, spare.ID); err != nil {
		t.Fatal(err)
	}

	if err := db.UpdateTake(ctx, spare.ID, 4, []string{"I said \"I\"", "scope"}, "better, but long"); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateTake(ctx, spare.ID, 6, nil, ""); err == nil {
		t.Error("rating 6 accepted")
	}
	if _, err := db.db.Exec(`UPDATE takes SET rating = 0 WHERE id = ?`, spare.ID); err == nil {
		t.Error("the schema accepts rating 0 (unrated is NULL)")
	}

	got, err := db.FinishAttempt(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 20+15+50+25+15 = 125 s: the follow-up is not part of the answer.
	if got.Status != practice.Complete || got.FinishedAt.IsZero() || got.Spoken != 125*time.Second || got.Verdict != practice.OnTarget {
		t.Errorf("finished: %+v", got)
	}
	if err := db.SetCounted(ctx, redo.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Attempt(ctx, a.ID); got.Spoken != 115*time.Second || got.Verdict != practice.Short {
		t.Errorf("totals after changing the counted take: %v %s", got.Spoken, got.Verdict)
	}
	if err := db.RateAttempt(ctx, a.ID, 3, "rushed the result"); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Attempt(ctx, a.ID)
	if got.Rating != 3 || got.Note != "rushed the result" || got.QuestionID != "tight-deadline" || got.Level != "sde2" ||
		got.Mode != practice.StepByStep || !got.StartedAt.Equal(time.UnixMilli(a.StartedAt.UnixMilli())) {
		t.Errorf("attempt read back: %+v", got)
	}

	// Every field of a take survives the round trip (to the millisecond).
	takes, _ := db.Takes(ctx, a.ID)
	want := follow
	want.CreatedAt = time.UnixMilli(want.CreatedAt.UnixMilli())
	want.Counted = true
	var back practice.Take
	for _, tk := range takes {
		if tk.ID == follow.ID {
			back = tk
		}
	}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("take read back\n got %+v\nwant %+v", back, want)
	}
	full := practice.Take{AttemptID: a.ID, Step: practice.Result, WAV: first[practice.Result].WAV,
		ClipStart: 1234 * time.Millisecond, ClipEnd: 9876 * time.Millisecond, Duration: 8642 * time.Millisecond,
		SpeechStart: 111 * time.Millisecond, SpeechEnd: 8000 * time.Millisecond, Spoken: 7889 * time.Millisecond,
		Voiced: 7000 * time.Millisecond, Pauses: 3, LongestPause: 1500 * time.Millisecond, SyllablesPerSec: 4.25,
		Trust:  practice.Trust{SampleRate: 44100, SNR: 6.25, Noisy: true, Clipped: 0.0125, Overflows: 2},
		Target: 25 * time.Second, Verdict: practice.Short, Rating: 5, Checks: []string{"numbers"}, Note: "mock clip",
		CreatedAt: time.UnixMilli(1700000000123)}
	if err := db.AddTake(ctx, &full); err != nil {
		t.Fatal(err)
	}
	takes, _ = db.Takes(ctx, a.ID)
	if last := takes[len(takes)-1]; !reflect.DeepEqual(last, full) {
		t.Errorf("take read back\n got %+v\nwant %+v", last, full)
	}

	bad := full
	bad.WAV = "recordings/999/x.wav"
	if err := db.AddTake(ctx, &bad); err == nil || !strings.Contains(err.Error(), "save take") {
		t.Errorf("take outside its attempt's folder: %v", err)
	}
	if _, err := db.Attempt(ctx, 12345); !errors.Is(err, practice.ErrNotFound) {
		t.Errorf("missing attempt: %v", err)
	}
}

// TestDeleteAndCheck: deleting an attempt removes its rows and files, and
// Check finds rows without files and files without rows.
func TestDeleteAndCheck(t *testing.T) {
	db := openTest(t, t.TempDir())
	keep, gone := newAttempt(t, db, "a"), newAttempt(t, db, "b")
	kt := recordTake(t, db, keep.ID, practice.Situation, 10*time.Second, true)
	recordTake(t, db, keep.ID, practice.Task, 10*time.Second, true)
	gt := recordTake(t, db, gone.ID, practice.Situation, 10*time.Second, true)
	if err := db.DeleteAttempt(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(db.Dir(), gt.WAV)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("recording of deleted attempt: %v", err)
	}
	if takes, _ := db.Takes(ctx, gone.ID); len(takes) != 0 {
		t.Errorf("deleted attempt keeps %d takes", len(takes))
	}
	if err := db.DeleteAttempt(ctx, gone.ID); !errors.Is(err, practice.ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	rep, err := db.Check(ctx)
	if err != nil || !rep.OK() {
		t.Fatalf("Check after delete: %+v, %v", rep, err)
	}

	os.Remove(filepath.Join(db.Dir(), kt.WAV))
	os.WriteFile(filepath.Join(attemptDir(t, db, keep.ID), "stray.wav"), []byte("x"), 0o600)
	rep, err = db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := CheckReport{Missing: []MissingFile{{TakeID: kt.ID, AttemptID: keep.ID, WAV: kt.WAV}}, Orphans: []string{"recordings/" + folderName(t, db, keep.ID) + "/stray.wav"}}
	if !reflect.DeepEqual(rep, want) {
		t.Errorf("Check = %+v, want %+v", rep, want)
	}
	// A new take never reuses the name of a row whose file is gone.
	if rel, _, _ := db.TakePath(ctx, keep.ID, practice.Situation); rel == kt.WAV {
		t.Errorf("TakePath reused %s", rel)
	}
}

// TestRecover: after a crash, attempts in progress become interrupted with
// their takes, unnamed recordings are salvaged (or reported), empty
// reservations removed, and an interrupted delete is rolled back.
func TestRecover(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	done := newAttempt(t, db, "done")
	recordTake(t, db, done.ID, practice.Situation, 20*time.Second, true)
	if _, err := db.FinishAttempt(ctx, done.ID); err != nil {
		t.Fatal(err)
	}
	a := newAttempt(t, db, "crashed")
	kept := recordTake(t, db, a.ID, practice.Situation, 20*time.Second, true)
	folder := attemptDir(t, db, a.ID)
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("task-1.wav", "cut off")   // a killed recording: salvaged
	write("action-1.wav", "garbage") // salvage fails: reported
	write("result-1.wav", "")        // reserved, never recorded: removed
	write("notes.txt", "?")          // not a take's name: reported
	// A delete cut short after the folder went to the trash but before
	// the rows were deleted.
	if err := os.Rename(attemptDir(t, db, done.ID), filepath.Join(db.Dir(), recordingsDir, trashPrefix+folderName(t, db, done.ID))); err != nil {
		t.Fatal(err)
	}

	var salvaged []string
	rep, err := db.Recover(ctx, func(abs string, _ practice.Attempt, _ practice.StepID) (practice.Take, error) {
		salvaged = append(salvaged, filepath.Base(abs))
		if filepath.Base(abs) == "action-1.wav" {
			return practice.Take{}, errors.New("no audio in file")
		}
		return practice.Take{Duration: 12 * time.Second, Spoken: 11 * time.Second, ClipEnd: 12 * time.Second, Target: 30 * time.Second}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rep.Interrupted, []int64{a.ID}) || len(rep.Salvaged) != 1 || len(rep.Failed) != 2 ||
		!reflect.DeepEqual(rep.Removed, []string{"recordings/" + folderName(t, db, a.ID) + "/result-1.wav"}) {
		t.Fatalf("report: %+v", rep)
	}
	if s := rep.Salvaged[0]; s.Step != practice.Task || !s.Counted || s.WAV != "recordings/"+folderName(t, db, a.ID)+"/task-1.wav" {
		t.Errorf("salvaged take: %+v", s)
	}
	privatetest.Check(t, filepath.Join(folder, "task-1.wav"))
	got, _ := db.Attempt(ctx, a.ID)
	if got.Status != practice.Interrupted || got.Spoken != 31*time.Second || got.FinishedAt.IsZero() {
		t.Errorf("interrupted attempt: %+v", got)
	}
	takes, _ := db.Takes(ctx, a.ID)
	if len(takes) != 2 || takes[0].ID != kept.ID {
		t.Errorf("takes after recovery: %+v", takes)
	}
	if _, err := os.Stat(filepath.Join(attemptDir(t, db, done.ID), "situation-1.wav")); err != nil {
		t.Errorf("interrupted delete not rolled back: %v", err)
	}
	rep2, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep2.Missing) != 0 || len(rep2.Orphans) != 2 {
		t.Errorf("Check after recovery: %+v (want only the two unsalvageable files)", rep2)
	}
	// Recovery is idempotent: nothing left in progress, nothing salvaged twice.
	salvaged = nil
	rep, err = db.Recover(ctx, func(string, practice.Attempt, practice.StepID) (practice.Take, error) {
		return practice.Take{}, errors.New("no")
	})
	if err != nil || len(rep.Interrupted) != 0 || len(rep.Salvaged) != 0 || len(salvaged) != 0 {
		t.Errorf("second Recover: %+v, %v", rep, err)
	}
}

// folderName is the name of an attempt's recordings folder.
func folderName(t testing.TB, db *DB, id int64) string {
	t.Helper()
	name, err := db.folderOf(ctx, db.db, id)
	if err != nil {
		t.Fatal(err)
	}
	return name
}

// attemptDir is the absolute path of an attempt's recordings folder.
func attemptDir(t testing.TB, db *DB, id int64) string {
	return filepath.Join(db.Dir(), recordingsDir, folderName(t, db, id))
}

func TestPacks(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	if err := db.SavePack(ctx, "mine.yaml", []byte("pack: mine\n")); err != nil {
		t.Fatal(err)
	}
	if err := db.SavePack(ctx, "mine.yaml", []byte("pack: mine v2\n")); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = openTest(t, dir) // they survive a restart
	packs, err := db.Packs(ctx)
	if err != nil || len(packs) != 1 || string(packs[0].YAML) != "pack: mine v2\n" || packs[0].ImportedAt.IsZero() {
		t.Errorf("packs: %+v, %v", packs, err)
	}
}

// TestBackupWhileWriting: a backup taken while another connection holds a
// write transaction open has every committed row and none of the
// uncommitted ones, and opens as a StarCoach database.
func TestBackupWhileWriting(t *testing.T) {
	db := openTest(t, t.TempDir())
	a := newAttempt(t, db, "q")
	recordTake(t, db, a.ID, practice.Situation, 20*time.Second, true)
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO attempts (question_id, level, mode, started_at) VALUES ('uncommitted', 'sde1', 'step', 0)`); err != nil {
		t.Fatal(err)
	}
	// Written as a data directory's database, so Open can check it.
	bdir := t.TempDir()
	out := filepath.Join(bdir, FileName)
	if err := db.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, out); !errors.Is(err, fs.ErrExist) {
		t.Errorf("backup over an existing file: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	b := openTest(t, bdir)
	as, err := b.Attempts(ctx, practice.HistoryFilter{})
	if err != nil || len(as) != 1 || as[0].QuestionID != "q" {
		t.Fatalf("backup holds %+v, %v", as, err)
	}
	if takes, _ := b.Takes(ctx, a.ID); len(takes) != 1 {
		t.Errorf("backup holds %d takes", len(takes))
	}
}

// TestMigrationInTransaction: a migration that fails half-way leaves
// neither its changes nor a raised user_version behind.
func TestMigrationInTransaction(t *testing.T) {
	db := openTest(t, t.TempDir())
	fsys := fstest.MapFS{"migrations/999_broken.sql": {Data: []byte("CREATE TABLE extra (x); INSERT INTO missing VALUES (1);")}}
	known, _ := migrationNames(migrationFS)
	for _, n := range known {
		body, err := migrationFS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		fsys[n] = &fstest.MapFile{Data: body}
	}
	fsys[fmt.Sprintf("migrations/%03d_broken.sql", len(known)+1)] = fsys["migrations/999_broken.sql"]
	delete(fsys, "migrations/999_broken.sql")
	names, err := migrationNames(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.migrate(ctx, fsys, names); err == nil || !strings.Contains(err.Error(), "_broken.sql") {
		t.Fatalf("migrate = %v, want an error naming the broken migration", err)
	}
	var version, extra int
	db.db.QueryRow("PRAGMA user_version").Scan(&version)
	db.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'").Scan(&extra)
	if version != len(known) || extra != 0 {
		t.Errorf("after a failed migration: user_version %d, table extra exists: %v", version, extra == 1)
	}
	if _, err := migrationNames(fstest.MapFS{"migrations/003_gap.sql": {}}); err == nil {
		t.Error("a gap in migration numbers was accepted")
	}
}

// A trash folder that cannot go back (the attempt's folder has come back
// meanwhile) is an error Recover reports, not one it drops.
func TestRecoverReportsATrashFolderItCannotMoveBack(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	a := newAttempt(t, db, "q")
	recordTake(t, db, a.ID, practice.Situation, 20*time.Second, false)
	trash := filepath.Join(db.Dir(), recordingsDir, trashPrefix+folderName(t, db, a.ID))
	if err := os.MkdirAll(trash, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(trash, "task-1.wav"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := db.Recover(ctx, func(string, practice.Attempt, practice.StepID) (practice.Take, error) {
		return practice.Take{}, errors.New("unused")
	})
	if err == nil || !strings.Contains(err.Error(), folderName(t, db, a.ID)) {
		t.Fatalf("Recover = %v, want an error naming the folder of attempt %d", err, a.ID)
	}
	if _, err := os.Stat(filepath.Join(trash, "task-1.wav")); err != nil {
		t.Errorf("the trash folder's recording is gone: %v", err)
	}
}

// A mock answer cut off by a crash lost its step marks: it is kept as an
// untimed take that never counts, so it cannot pose as the Situation.
func TestRecoverMockAnswerNeverCounts(t *testing.T) {
	db := openTest(t, t.TempDir())
	a := practice.Attempt{QuestionID: "q", Level: "sde2", Mode: practice.Mock}
	if err := db.CreateAttempt(ctx, &a); err != nil {
		t.Fatal(err)
	}
	_, abs, err := db.TakePath(ctx, a.ID, practice.Situation)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(abs, []byte("cut off"), 0o600)
	rep, err := db.Recover(ctx, func(string, practice.Attempt, practice.StepID) (practice.Take, error) {
		return practice.Take{Duration: 150 * time.Second, Spoken: 148 * time.Second, ClipEnd: 150 * time.Second}, nil
	})
	if err != nil || len(rep.Salvaged) != 1 {
		t.Fatalf("Recover: %+v, %v", rep, err)
	}
	if rep.Salvaged[0].Counted {
		t.Error("the recovered whole mock answer counts as the Situation")
	}
	if got, _ := db.Attempt(ctx, a.ID); got.Spoken != 0 || got.Verdict != "" {
		t.Errorf("attempt totals %v %q, want none: nothing is timed", got.Spoken, got.Verdict)
	}
}

// A database made before "abandoned" existed keeps every attempt, take
// and the AUTOINCREMENT counter through the table rebuild.
func TestMigrationKeepsRowsAndCounter(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	raw, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	old := &DB{db: raw, dir: dir}
	if err := old.migrate(ctx, migrationFS, []string{"migrations/001_schema.sql"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"kept", "deleted"} {
		if _, err := raw.Exec(`INSERT INTO attempts (question_id, level, mode, started_at) VALUES (?, 'sde2', 'step', 1)`, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO takes (attempt_id, step, counted, created_at, wav, clip_start_ms, clip_end_ms,
		duration_ms, speech_start_ms, speech_end_ms, spoken_ms, voiced_ms, pauses, longest_pause_ms, syllables_per_s, target_ms, verdict)
		VALUES (1, 'situation', 1, 1, 'recordings/1/situation-1.wav', 0, 1000, 1000, 0, 900, 900, 900, 0, 0, 3, 30000, 'short')`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM attempts WHERE question_id = 'deleted'`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db := openTest(t, dir)
	if takes, err := db.Takes(ctx, 1); err != nil || len(takes) != 1 || !takes[0].Counted {
		t.Fatalf("takes after the migration: %+v, %v", takes, err)
	} else if takes[0].Trust != (practice.Trust{}) || len(takes[0].Doubts()) != 0 {
		t.Errorf("a take from before the trust signals reads %+v, want them unknown and no doubts", takes[0].Trust)
	}
	a := newAttempt(t, db, "new")
	if a.ID != 3 {
		t.Errorf("new attempt ID %d, want 3: a deleted attempt's ID (and folder) must not come back", a.ID)
	}
	if err := db.AbandonAttempt(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Attempt(ctx, a.ID); got.Status != practice.Abandoned {
		t.Errorf("status %q, want abandoned", got.Status)
	}
	var fkOn int
	db.db.QueryRow("PRAGMA foreign_keys").Scan(&fkOn)
	if fkOn != 1 {
		t.Error("foreign keys left off after the migration")
	}
}

// An attempt's trust is its counted takes' worst: a take redone because
// it was noisy no longer marks the attempt; a take from before the
// signals were kept adds nothing but its noisy flag. Values no recording
// can have are refused by name.
func TestAttemptTrustIsCountedTakesWorst(t *testing.T) {
	db := openTest(t, t.TempDir())
	a := newAttempt(t, db, "q")
	take := func(step practice.StepID, tr practice.Trust) {
		t.Helper()
		tk := recordTake(t, db, a.ID, step, 10*time.Second, true)
		tk.ID, tk.Trust = 0, tr
		if err := db.AddTake(ctx, &tk); err != nil {
			t.Fatal(err)
		}
		// The candidate's choice: a doubtful take does not replace a sound
		// one by itself.
		if err := db.SetCounted(ctx, tk.ID); err != nil {
			t.Fatal(err)
		}
	}
	trust := func() practice.Trust {
		t.Helper()
		got, err := db.Attempt(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.Attempts(ctx, practice.HistoryFilter{})
		if err != nil || len(list) != 1 || list[0].Trust != got.Trust {
			t.Fatalf("History's row %+v (%v), want the attempt's %+v", list, err, got.Trust)
		}
		return got.Trust
	}
	if tr := trust(); tr != (practice.Trust{}) {
		t.Errorf("attempt with no takes: %+v, want unknown", tr)
	}
	take(practice.Situation, practice.Trust{SampleRate: 48000, SNR: 5, Noisy: true, Clipped: 0.01, Overflows: 1})
	take(practice.Task, practice.Trust{SampleRate: 16000, SNR: 25, Clipped: 0.0001})
	want := practice.Trust{SampleRate: 48000, SNR: 5, Noisy: true, Clipped: 0.01, Overflows: 1}
	if tr := trust(); tr != want {
		t.Errorf("with a noisy, clipped situation: %+v, want %+v", tr, want)
	}
	// Redone clean, the situation's first take no longer counts.
	take(practice.Situation, practice.Trust{SampleRate: 48000, SNR: 30})
	want = practice.Trust{SampleRate: 48000, SNR: 25, Clipped: 0.0001}
	if tr := trust(); tr != want || len(tr.Doubts()) != 0 {
		t.Errorf("after redoing it: %+v, want %+v and no doubts", tr, want)
	}
	if _, err := db.db.Exec(`UPDATE takes SET sample_rate = 0, snr_db = 0, clipped = 0, overflows = 0, noisy = 1 WHERE attempt_id = ? AND step = 'task' AND counted = 1`, a.ID); err != nil {
		t.Fatal(err)
	}
	want = practice.Trust{SampleRate: 48000, SNR: 30, Noisy: true}
	if tr := trust(); tr != want {
		t.Errorf("with an old noisy task take: %+v, want %+v", tr, want)
	}

	tk := recordTake(t, db, a.ID, practice.Result, 10*time.Second, true)
	for _, c := range []struct {
		tr   practice.Trust
		says string
	}{
		{practice.Trust{SampleRate: -1}, "sample rate -1 Hz"},
		{practice.Trust{SNR: math.NaN()}, "SNR NaN dB"},
		{practice.Trust{SNR: math.Inf(1)}, "SNR +Inf dB"},
		{practice.Trust{Clipped: 1.5}, "clipped share 1.5"},
		{practice.Trust{Overflows: -2}, "overflow count -2"},
	} {
		bad := tk
		bad.ID, bad.Trust = 0, c.tr
		if err := db.AddTake(ctx, &bad); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("take with %+v: %v, want an error saying %q", c.tr, err, c.says)
		}
	}
}

// A database lost (or restored from a backup) restarts the ID counter; a
// new attempt then must not land in an old one's recordings folder:
// deleting it would delete them, and recovery would file them under it.
func TestNewAttemptsNeverShareAnOldFolder(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	old := newAttempt(t, db, "old")
	oldTake := recordTake(t, db, old.ID, practice.Situation, 20*time.Second, false)
	db.Close()
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(filepath.Join(dir, FileName+s)) // the database is lost
	}
	db = openTest(t, dir)
	a := newAttempt(t, db, "new")
	if a.ID != old.ID {
		t.Fatalf("the new attempt got ID %d; this test wants the counter restarted at %d", a.ID, old.ID)
	}
	rep, err := db.Recover(ctx, func(string, practice.Attempt, practice.StepID) (practice.Take, error) {
		return practice.Take{Spoken: time.Second, Target: time.Second}, nil
	})
	if err != nil || len(rep.Salvaged) != 0 {
		t.Errorf("recovery filed the old recordings under the new attempt: %+v, %v", rep, err)
	}
	if err := db.DeleteAttempt(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, oldTake.WAV)); err != nil {
		t.Errorf("deleting the new attempt took the old recording with it: %v", err)
	}
}

// Check goes on when an attempt's folder vanishes while it walks (the app
// deleting an attempt meanwhile): that is not a problem to report.
func TestCheckToleratesAFolderDeletedMeanwhile(t *testing.T) {
	db := openTest(t, t.TempDir())
	a := newAttempt(t, db, "q")
	recordTake(t, db, a.ID, practice.Situation, time.Second, false)
	b := newAttempt(t, db, "r")
	recordTake(t, db, b.ID, practice.Situation, time.Second, false)
	vanishing := attemptDir(t, db, b.ID)
	deleted := false
	walkDir = func(root string, fn fs.WalkDirFunc) error {
		return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if p == vanishing && !deleted {
				// Listed, about to be read: the app deletes it now.
				deleted = true
				if err := db.DeleteAttempt(ctx, b.ID); err != nil {
					t.Fatal(err)
				}
			}
			return fn(p, d, err)
		})
	}
	defer func() { walkDir = filepath.WalkDir }()
	rep, err := db.Check(ctx)
	if err != nil {
		t.Fatalf("Check while an attempt was deleted: %v", err)
	}
	t.Logf("report: %+v", rep)
}
