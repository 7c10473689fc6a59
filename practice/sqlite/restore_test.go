package sqlite

import (
	"archive/tar"
	"bytes"
	"database/sql"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"starcoach/practice"
)

// entry is one file of an archive, as read or to be written.
type entry struct {
	h    tar.Header
	body []byte
}

func readArchive(t testing.TB, path string) []entry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []entry
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, entry{*h, b})
	}
}

func writeArchive(t testing.TB, entries []entry) string {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := e.h
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		tw.Write(e.body)
	}
	tw.Close()
	p := filepath.Join(t.TempDir(), "archive.tar")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// editDB runs SQL on the archive's database, as an attacker with the
// sqlite3 command would, and returns the new entries.
func editDB(t testing.TB, entries []entry, stmts ...string) []entry {
	t.Helper()
	p := filepath.Join(t.TempDir(), FileName)
	out := append([]entry(nil), entries...)
	for i, e := range out {
		if e.h.Name != FileName {
			continue
		}
		os.WriteFile(p, e.body, 0o600)
		raw, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range stmts {
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		raw.Close()
		b, _ := os.ReadFile(p)
		out[i].body = b
		out[i].h.Size = int64(len(b))
	}
	return out
}

// backupOf makes a history and its archive's entries.
func backupOf(t *testing.T) ([]entry, []practice.Take) {
	t.Helper()
	db, takes := history(t)
	archive := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := db.BackupArchive(ctx, archive); err != nil {
		t.Fatal(err)
	}
	return readArchive(t, archive), takes
}

// hostile is an archive a restore must refuse, and words its error holds.
type hostile struct{ archive, want string }

// hostileArchives are archives made from a good backup by an attacker
// with tar and the sqlite3 command.
func hostileArchives(t *testing.T) map[string]hostile {
	good, takes := backupOf(t)
	folder := strings.Split(takes[0].WAV, "/")[1]
	reg := func(name string, size int64) tar.Header {
		return tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o600, Size: size}
	}
	with := func(extra ...entry) []entry { return append(append([]entry(nil), good...), extra...) }
	without := func(name string) []entry {
		var out []entry
		for _, e := range good {
			if e.h.Name != name {
				out = append(out, e)
			}
		}
		return out
	}
	manifestLies := func(body string) []entry {
		var out []entry
		for _, e := range good {
			if e.h.Name == manifestName {
				e = entry{reg(manifestName, int64(len(body))), []byte(body)}
			}
			out = append(out, e)
		}
		return out
	}
	cases := map[string]struct {
		entries []entry
		want    string
	}{
		"a folder outside": {editDB(t, good, `UPDATE attempts SET folder = '../../../../Documents' WHERE id = 1`),
			`attempt 1 names "../../../../Documents"`},
		"a take outside": {editDB(t, good, `UPDATE takes SET wav = 'recordings/`+folder+`/../../../x.wav' WHERE id = 1`),
			"take 1 of attempt 1 names"},
		"a take in another attempt's folder": {editDB(t, good, `UPDATE takes SET wav = (SELECT wav FROM takes WHERE id = 3) WHERE id = 1`),
			"take 1 of attempt 1 names"},
		"a row breaking a constraint": {editDB(t, good, `PRAGMA ignore_check_constraints = 1`, `UPDATE takes SET verdict = 'great' WHERE id = 2`),
			"CHECK"},
		"a newer schema": {editDB(t, good, `PRAGMA user_version = 999`), "newer StarCoach"},
		"a trigger": {editDB(t, good, `CREATE TRIGGER moved AFTER INSERT ON takes BEGIN UPDATE attempts SET folder = '../../x'; END`),
			`holds the trigger "moved", which StarCoach does not make`},
		"a view": {editDB(t, good, `CREATE VIEW recent AS SELECT * FROM attempts`), `holds the view "recent"`},
		"a table rebuilt without its checks": {editDB(t, good, `PRAGMA writable_schema = ON`,
			`UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (noisy IN (0, 1))', '') WHERE name = 'takes'`),
			`its table "takes" is not the one StarCoach makes`},
		"an index missing": {editDB(t, good, `DROP INDEX takes_counted`), `its index "takes_counted" is missing`},
		"a view without end in place of a table": {editDB(t, good, `ALTER TABLE attempts RENAME TO x`,
			`CREATE VIEW attempts AS WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT n AS id, '1' AS folder FROM c`),
			`holds the view "attempts"`},
		"a check that would run for a minute": {editDB(t, good, `CREATE TABLE evil (x)`, `INSERT INTO evil VALUES (1), (2), (3)`,
			`PRAGMA writable_schema = ON`,
			`UPDATE sqlite_schema SET sql = 'CREATE TABLE evil (x CHECK (length(hex(randomblob(450000000))) > 0))' WHERE name = 'evil'`),
			`holds the table "evil"`},
		"a schema version that lies": {editDB(t, good, `PRAGMA user_version = 2`), `which StarCoach does not make`},
		"an entry the database does not name": {with(entry{reg("recordings/"+folder+"/situation-9.wav", 4), []byte("RIFF")}),
			"which its database does not name"},
		"a folder the database does not name": {with(entry{reg("recordings/20200101T000000-0000000000/situation-1.wav", 4), []byte("RIFF")}),
			"which its database does not name"},
		"a recording larger than a take can be": {with(entry{reg("recordings/"+folder+"/situation-9.wav", practice.MaxTakeBytes+1), nil}),
			"more than the"},
		"a database larger than any": {[]entry{{reg(FileName, maxArchiveDB+1), nil}}, "more than the"},
		"a link":                     {with(entry{tar.Header{Name: "recordings/" + folder + "/situation-9.wav", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"}, nil}), "not a regular file"},
		"a hard link":                {with(entry{tar.Header{Name: "recordings/" + folder + "/situation-9.wav", Typeflag: tar.TypeLink, Linkname: FileName}, nil}), "not a regular file"},
		"a directory":                {with(entry{tar.Header{Name: "recordings/x/", Typeflag: tar.TypeDir, Mode: 0o700}, nil}), "not a regular file"},
		"a path leaving it":          {with(entry{reg("../evil", 1), []byte("x")}), "which a StarCoach backup does not"},
		"an absolute path":           {with(entry{reg("/tmp/evil", 1), []byte("x")}), "which a StarCoach backup does not"},
		"a file twice":               {with(good[1]), "twice"},
		"a recording missing":        {without(takes[1].WAV), "is missing from it"},
		"no database":                {without(FileName), "no starcoach.db"},
		"a manifest naming a held recording": {manifestLies(`{"missing":["` + takes[0].WAV + `"]}`),
			"its manifest lists as missing"},
		"a manifest naming a stranger": {manifestLies(`{"missing":["recordings/` + folder + `/task-9.wav"]}`),
			"which its database does not name"},
		"a manifest that is not JSON": {manifestLies(`missing: all`), "cannot be read"},
		"a truncated archive":         {good, "it is cut short"},
	}
	out := map[string]hostile{}
	for name, c := range cases {
		archive := writeArchive(t, c.entries)
		if name == "a truncated archive" {
			b, _ := os.ReadFile(archive)
			os.WriteFile(archive, b[:len(b)/2], 0o600) // inside the database's data
		}
		out[name] = hostile{archive, c.want}
	}
	return out
}

// A hostile archive is refused, naming what is wrong, and the data
// directory it was restored into keeps every byte (here, a history of its
// own, with --replace: the strongest case).
func TestRestoreRefusesHostileArchives(t *testing.T) {
	for name, c := range hostileArchives(t) {
		t.Run(name, func(t *testing.T) {
			archive := c.archive
			db, _ := history(t)
			dir := db.Dir()
			db.Close()
			before := tree(t, dir)
			_, err := Restore(dir, archive, true)
			t.Log(err)
			if err == nil || !strings.Contains(strings.ReplaceAll(err.Error(), t.Name(), ""), c.want) {
				t.Errorf("Restore = %v, want an error with %q", err, c.want)
			}
			sameTree(t, name, before, tree(t, dir))
		})
	}
}

// A backup made while a recording is gone keeps the rest, lists the gone
// one, and restores: its take is kept, and check reports it missing, as
// it was before.
func TestPartialBackup(t *testing.T) {
	db, takes := history(t)
	gone := takes[2].WAV
	if err := os.Remove(filepath.Join(db.Dir(), gone)); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "backup.tar")
	rep, err := db.BackupArchive(ctx, archive)
	if err != nil || rep.Recordings != len(takes)-1 || len(rep.Missing) != 1 || rep.Missing[0] != gone {
		t.Fatalf("BackupArchive = %+v, %v", rep, err)
	}
	dir := t.TempDir()
	rrep, err := Restore(dir, archive, false)
	if err != nil || rrep.Recordings != len(takes)-1 || len(rrep.Missing) != 1 || rrep.Missing[0] != gone {
		t.Fatalf("Restore = %+v, %v", rrep, err)
	}
	back := openTest(t, dir)
	got, _ := back.Takes(ctx, takes[2].AttemptID)
	if len(got) != 2 {
		t.Errorf("restored %d takes of the attempt, want 2", len(got))
	}
	crep, err := back.Check(ctx)
	if err != nil || len(crep.Missing) != 1 || crep.Missing[0].WAV != gone || len(crep.Orphans) != 0 {
		t.Errorf("Check after a partial restore: %+v, %v", crep, err)
	}
}

// stage does what Restore does up to its switch, and leaves the staging
// directory as a killed restore would (unlocked).
func stage(t *testing.T, dir, archive string) journal {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, err := scanArchive(f)
	if err != nil {
		t.Fatal(err)
	}
	st, release, err := workDir(dir, restorePrefix)
	if err != nil {
		t.Fatal(err)
	}
	// A killed process's lock is gone, its files stay.
	release()
	os.MkdirAll(st, 0o700)
	f.Seek(0, io.SeekStart)
	if _, _, err := unpack(f, st, entries); err != nil {
		t.Fatal(err)
	}
	return journal{Stage: filepath.Base(st), Archive: archive, Aside: ".before-restore-20261206T120000.000"}
}

// A restore cut short at any point is finished or undone by the next
// Open, which says which; the history is then wholly the old one or wholly
// the restored one, never empty or mixed.
func TestRestoreCutShort(t *testing.T) {
	archived, archivedTakes := history(t)
	archive := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := archived.BackupArchive(ctx, archive); err != nil {
		t.Fatal(err)
	}
	cuts := map[string]struct {
		do       func(t *testing.T, dir string, j journal)
		restored bool
		note     string
	}{
		"journal written": {func(t *testing.T, dir string, j journal) {}, false, "was undone"},
		"history aside": {func(t *testing.T, dir string, j journal) {
			if err := j.clear(dir); err != nil {
				t.Fatal(err)
			}
		}, false, "was undone"},
		"database in": {func(t *testing.T, dir string, j journal) {
			j.clear(dir)
			if err := os.Rename(filepath.Join(dir, j.Stage, FileName), filepath.Join(dir, FileName)); err != nil {
				t.Fatal(err)
			}
		}, true, "it was finished"},
		"recordings in": {func(t *testing.T, dir string, j journal) {
			j.clear(dir)
			os.Rename(filepath.Join(dir, j.Stage, FileName), filepath.Join(dir, FileName))
			os.Rename(filepath.Join(dir, j.Stage, recordingsDir), filepath.Join(dir, recordingsDir))
		}, true, "it was finished"},
	}
	for name, c := range cuts {
		t.Run(name, func(t *testing.T) {
			old, oldTakes := history(t)
			newAttempt(t, old, "only-in-the-old-one")
			dir := old.Dir()
			old.Close()
			j := stage(t, dir, archive)
			if err := writeJournal(dir, j); err != nil {
				t.Fatal(err)
			}
			c.do(t, dir, j)
			db, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if n := db.Tidied(); len(n) == 0 || !strings.Contains(n[0], c.note) {
				t.Errorf("Open said %q, want %q", n, c.note)
			}
			as, _ := db.Attempts(ctx, practice.HistoryFilter{})
			want, wantTakes := 3, oldTakes
			if c.restored {
				want, wantTakes = 2, archivedTakes
			}
			if len(as) != want {
				t.Errorf("%d attempts after Open, want %d", len(as), want)
			}
			for _, tk := range wantTakes {
				if _, err := os.Stat(filepath.Join(dir, tk.WAV)); err != nil {
					t.Errorf("recording %s: %v", tk.WAV, err)
				}
			}
			if rep, err := db.Check(ctx); err != nil || !rep.OK() {
				t.Errorf("Check: %+v, %v", rep, err)
			}
			for _, p := range []string{journalName, j.Stage} {
				if _, err := os.Stat(filepath.Join(dir, p)); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s left behind: %v", p, err)
				}
			}
		})
	}
}

// What killed backups and restores leave is removed at the next Open,
// which says so; a work directory in use is left alone.
func TestLeftoversAreRemoved(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir).Close()
	for _, d := range []string{".restore-123", ".backup-456"} {
		os.MkdirAll(filepath.Join(dir, d, "recordings", "x"), 0o700)
		os.WriteFile(filepath.Join(dir, d, "recordings", "x", "situation-1.wav"), make([]byte, 3<<20), 0o600)
	}
	busy, release, err := workDir(dir, backupPrefix)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	db := openTest(t, dir)
	if n := db.Tidied(); len(n) != 2 || !strings.Contains(strings.Join(n, "\n"), ".restore-123 (3 MB)") {
		t.Errorf("Open said %q", n)
	}
	for _, d := range []string{".restore-123", ".backup-456"} {
		if _, err := os.Stat(filepath.Join(dir, d)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left: %v", d, err)
		}
	}
	if _, err := os.Stat(busy); err != nil {
		t.Errorf("a backup's directory in use was removed: %v", err)
	}
}

// A sparse file, which could claim gigabytes in a few bytes of archive,
// is refused in both of GNU tar's forms, from its header.
func TestRestoreRefusesASparseFile(t *testing.T) {
	tarCmd, err := exec.LookPath("tar")
	if err != nil {
		t.Skip("no tar command to make a sparse archive with")
	}
	src := t.TempDir()
	bomb := filepath.Join(src, "situation-1.wav")
	if err := os.WriteFile(bomb, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(bomb, 3<<30); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"posix", "gnu"} {
		archive := filepath.Join(t.TempDir(), format+".tar")
		if out, err := exec.Command(tarCmd, "--format="+format, "--sparse", "-cf", archive, "-C", src, "situation-1.wav").CombinedOutput(); err != nil {
			t.Fatalf("tar: %v: %s", err, out)
		}
		dir := t.TempDir()
		_, err := Restore(dir, archive, false)
		if err == nil || !strings.Contains(err.Error(), "which is a sparse file") && !strings.Contains(err.Error(), "which is not a regular file") {
			t.Errorf("%s: Restore = %v", format, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: a refused restore left %d entries", format, len(entries))
		}
	}
}

// Files beside the data directory keep their bytes, modes and times
// whatever archive is restored, and whatever follows a restore: the next
// start's check and recovery, playing every take, check, backup, and
// deleting every attempt.
func TestCanaries(t *testing.T) {
	archives := hostileArchives(t)
	db, _ := history(t)
	good := filepath.Join(t.TempDir(), "good.tar")
	if _, err := db.BackupArchive(ctx, good); err != nil {
		t.Fatal(err)
	}
	db.Close()
	archives["a good backup"] = hostile{archive: good}
	for name, c := range archives {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "data")
			outside := filepath.Join(parent, "Documents")
			canaries(t, outside)
			// Beside the data directory too: what a restore's own names
			// would be.
			canaries(t, dir+".before-restore-20261206T120000.000")
			before := tree(t, parent)
			delete(before, "data")

			db := openTest(t, dir)
			a := newAttempt(t, db, "left in progress")
			recordTake(t, db, a.ID, practice.Situation, 10*time.Second, true)
			_, unsaved, _ := db.TakePath(ctx, a.ID, practice.Task)
			os.WriteFile(unsaved, []byte("RIFF....WAVE cut off"), 0o600)
			db.Close()

			if _, err := Restore(dir, c.archive, true); (err == nil) != (c.want == "") {
				t.Fatalf("Restore = %v", err)
			}
			db, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.Recover(ctx, func(abs string, _ practice.Attempt, step practice.StepID) (practice.Take, error) {
				_, err := os.ReadFile(abs)
				return practice.Take{Duration: time.Second, ClipEnd: time.Second}, err
			})
			as, err := db.Attempts(ctx, practice.HistoryFilter{})
			if err != nil || len(as) == 0 {
				t.Fatalf("attempts after the restore: %v, %v", as, err)
			}
			for _, a := range as {
				takes, _ := db.Takes(ctx, a.ID)
				for _, tk := range takes {
					p, err := db.RecordingPath(tk.WAV)
					if err != nil {
						t.Errorf("play take %d: %v", tk.ID, err)
					}
					os.ReadFile(p)
				}
			}
			if rep, err := db.Check(ctx); err != nil || !rep.OK() {
				t.Errorf("check: %+v, %v", rep, err)
			}
			if _, err := db.BackupArchive(ctx, filepath.Join(t.TempDir(), "again.tar")); err != nil {
				t.Errorf("backup: %v", err)
			}
			for _, a := range as {
				if err := db.DeleteAttempt(ctx, a.ID); err != nil {
					t.Errorf("delete attempt %d: %v", a.ID, err)
				}
			}
			after := tree(t, parent)
			for p := range after {
				if p == "data" || strings.HasPrefix(p, "data"+string(filepath.Separator)) {
					delete(after, p)
				}
			}
			sameTree(t, "beside the data directory", before, after)
		})
	}
}

// A reading command finds a restore cut short and says so, rather than
// read a data directory whose database may be moved aside.
func TestReadingARestoreCutShort(t *testing.T) {
	db, _ := history(t)
	dir := db.Dir()
	db.Close()
	if err := writeJournal(dir, journal{Stage: restorePrefix + "1", Archive: "backup.tar"}); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenToRead(dir, false); !errors.Is(err, ErrRestoreCut) {
		t.Errorf("OpenToRead = %v, want ErrRestoreCut", err)
	}
}

// The start-up check refuses a database whose schema is not the one the
// migrations make, as a restore does: a trigger could change rows as the
// app writes them.
func TestStartupRefusesAStrangeSchema(t *testing.T) {
	db, _ := history(t)
	dir := db.Dir()
	db.Close()
	raw := rawDB(t, filepath.Join(dir, FileName))
	if _, err := raw.Exec(`CREATE TRIGGER moved AFTER INSERT ON takes BEGIN UPDATE attempts SET folder = '../../x'; END`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err := Open(dir)
	var ce *CorruptError
	if !errors.As(err, &ce) || !strings.Contains(ce.Detail, `trigger "moved"`) {
		t.Errorf("Open with a trigger = %v", err)
	}
}
