package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"starcoach/assets"
	"starcoach/audio"
	"starcoach/audio/device"
	"starcoach/audio/wav"
	"starcoach/internal/lockfile"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/session"
	"starcoach/ui"
)

// appID matches FyneApp.toml; Fyne keys preferences by it.
const appID = "io.github.starcoach"

func runApp(e *env) error {
	dir, err := openDataDir(e)
	if err != nil {
		return err
	}
	lock, err := lockForApp(dir)
	switch {
	case errors.Is(err, errRunning):
		fmt.Fprintf(e.stderr, "starcoach: %v (%s); its window was asked to come forward\n", err, dir)
		return nil
	case errors.Is(practice.Plain(err), practice.ErrReadOnly):
		// No lock can be made on a read-only disk, and none is needed:
		// nothing can write there.
	case err != nil:
		return err
	default:
		defer lock.Release()
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop() // the raise watcher
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	var (
		db *sqlite.DB
		u  *ui.UI
	)
	start := func(opened *sqlite.DB, readOnly error) error {
		var err error
		if u, err = startUI(ctx, a, opened, readOnly); err != nil {
			return err
		}
		db = opened
		return nil
	}
	opened, readOnly, err := openForApp(dir)
	var corrupt *sqlite.CorruptError
	switch {
	case errors.As(err, &corrupt):
		// Nothing was written to it. The candidate decides: keep it aside
		// and go on with a fresh one, or quit and try to rescue it.
		ui.ShowProblem(a, "Your practice history could not be opened",
			err.Error()+"\n\nStarCoach can start a fresh database beside it; the damaged file and its recordings are kept, renamed, in "+dir+".",
			"Start a fresh database", func() error {
				fresh, _, err := sqlite.StartFresh(dir) // renames only: quick
				if err != nil {
					return err
				}
				if err := start(fresh, nil); err != nil {
					fresh.Close()
					return err
				}
				return nil
			})
	case err != nil:
		ui.ShowProblem(a, "StarCoach cannot start", err.Error(), "", nil)
	default:
		if err = start(opened, readOnly); err != nil {
			opened.Close()
			ui.ShowProblem(a, "StarCoach cannot start", err.Error(), "", nil)
		}
	}
	a.Run()
	if u != nil {
		u.Wait() // edits still being saved
	}
	if db != nil {
		return db.Close()
	}
	return err
}

// openForApp opens the data directory's database for the app. On a full
// or read-only disk, where it cannot be opened to write, the history can
// still be shown as it is: it is opened only to read, and readOnly says
// why.
func openForApp(dir string) (db *sqlite.DB, readOnly, err error) {
	db, err = sqlite.Open(dir)
	if err = practice.Plain(err); errors.Is(err, practice.ErrDiskFull) || errors.Is(err, practice.ErrReadOnly) {
		if ro, rerr := sqlite.OpenToRead(dir, false); rerr == nil {
			return ro, err, nil
		}
	}
	return db, nil, err
}

// startUI loads the question bank, recovers from a crash and opens the
// main window, telling the candidate what could not be loaded or
// recovered. readOnly, when set, says why the database could only be
// opened to read: nothing is recovered then, and the candidate is told.
func startUI(ctx context.Context, a fyne.App, db *sqlite.DB, readOnly error) (*ui.UI, error) {
	bank, warnings, err := loadBank(db)
	if err != nil {
		return nil, err
	}
	if readOnly != nil {
		msg := readOnly.Error()
		warnings = append(warnings, strings.ToUpper(msg[:1])+msg[1:]+". Your history is open to read only; start StarCoach again once it can write there.")
	} else {
		warnings = append(warnings, recoverAtStart(db, bank)...)
	}
	u := ui.New(a, bank, db, portAudio{})
	u.Show()
	go watchRaise(ctx, db.Dir(), u.Raise)
	u.Notify("When StarCoach started", warnings)
	return u, nil
}

// recoverAtStart puts right what the app's last stop left (Tidied,
// Recover) and says it in words for the candidate. A recovery that fails,
// on a full disk say, does not keep the candidate from their history: what
// it could not recover stays where it is, and is tried at the next start.
func recoverAtStart(db *sqlite.DB, bank *practice.Bank) []string {
	notes := db.Tidied()
	rep, err := db.Recover(context.Background(), salvager(bank))
	for _, f := range rep.Failed {
		notes = append(notes, fmt.Sprintf("The recording %s, cut off when StarCoach last stopped, could not be recovered: %v. It was left where it is.", f.WAV, f.Err))
	}
	if n := len(rep.Salvaged); n > 0 {
		notes = append(notes, fmt.Sprintf("StarCoach stopped during a recording last time; %s recovered and kept with their attempt.", plural(n, "take was", "takes were")))
	}
	if err != nil {
		notes = append(notes, fmt.Sprintf("What StarCoach was doing when it last stopped could not all be put right: %v. Your history is all here; the rest is tried again when StarCoach next starts.", err))
	}
	return notes
}

// portAudio is the real microphone and speaker. (The UI tests use a
// recorder that plays WAV files instead.)
type portAudio struct{}

func (portAudio) Devices() ([]audio.Device, error) { return device.List() }

func (portAudio) Record(o audio.RecordOptions) (session.LiveRecording, error) {
	r, err := device.StartRecording(o)
	if err != nil {
		return nil, err // not a typed nil inside the interface
	}
	return r, nil
}

func (portAudio) Play(path string, o audio.PlayOptions) (session.Playback, error) {
	p, err := device.Play(path, o)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// salvager turns a recording cut off by a crash back into a take: the WAV
// header is repaired, the audio analysed, and the take made as the
// session makes it (session.Recovered).
func salvager(bank *practice.Bank) sqlite.Salvager {
	return func(abs string, att practice.Attempt, step practice.StepID) (practice.Take, error) {
		if _, err := wav.Repair(abs); err != nil {
			return practice.Take{}, err
		}
		a, err := audio.AnalyzeFile(abs)
		if err != nil {
			return practice.Take{}, err
		}
		return session.Recovered(step, att, bank.Question(att.QuestionID), a), nil
	}
}

// openStore opens the database to write to it, creating the data
// directory and the database as need be.
func openStore(e *env) (*sqlite.DB, error) {
	dir, err := openDataDir(e)
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(dir)
	if err == nil {
		for _, n := range db.Tidied() {
			fmt.Fprintln(e.stderr, "starcoach:", n)
		}
	}
	return db, whatToDo(err)
}

// openToRead opens the database for a command that only reads, which
// never writes to the data directory (sqlite.OpenToRead): it may be on a
// read-only disk, or hold a database just restored. While the app runs
// (it holds the lock), it reads beside it.
func openToRead(e *env) (*sqlite.DB, error) {
	dir, err := resolveDataDir(e.dataDir)
	if err != nil {
		return nil, err
	}
	live, err := lockfile.Held(filepath.Join(dir, lockName))
	if err != nil {
		return nil, err
	}
	db, err := sqlite.OpenToRead(dir, live)
	return db, whatToDo(err)
}

// whatToDo adds to a damaged database's error what the candidate can do;
// it was left as it is.
func whatToDo(err error) error {
	var corrupt *sqlite.CorruptError
	if errors.As(err, &corrupt) {
		return fmt.Errorf("%w.\nStart the app to set it aside and begin a fresh database beside it (nothing is deleted), or restore a backup you made with `starcoach backup`", err)
	}
	return err
}

// openBank opens the database with open, then the question bank with the
// candidate's imported packs; the caller closes the database.
func openBank(e *env, open func(*env) (*sqlite.DB, error)) (*sqlite.DB, *practice.Bank, error) {
	db, err := open(e)
	if err != nil {
		return nil, nil, err
	}
	bank, warnings, err := loadBank(db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "starcoach:", practice.PrintableText(w))
	}
	return db, bank, nil
}

// loadBank is the built-in bank plus every pack the candidate imported. A
// stored pack that no longer loads (say, a question ID a newer built-in
// bank now uses) is skipped with a warning, not fatal: the rest still works.
func loadBank(db *sqlite.DB) (*practice.Bank, []string, error) {
	bank, err := assets.Bank()
	if err != nil {
		return nil, nil, err
	}
	packs, err := db.Packs(context.Background())
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	for _, ip := range packs {
		p, err := practice.ParsePack(ip.Name, ip.YAML)
		if err == nil {
			err = bank.Add(p)
		}
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("The imported questions in %s were skipped: %v", ip.Name, err))
		}
	}
	return bank, warnings, nil
}

func runImport(e *env, args []string) error {
	fs := newFlags(e, "import")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return errUsage
	}
	path := fs.Arg(0)
	name := filepath.Base(path)
	p, data, err := practice.ReadPackFile(path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	dir, err := openDataDir(e)
	if err != nil {
		return err
	}
	lock, err := lockForWrite(dir, "import")
	if err != nil {
		return err
	}
	defer lock.Release()
	db, bank, err := openBank(e, openStore)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := bank.CheckAdd(p); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := db.SavePack(context.Background(), name, data); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	fmt.Fprintf(e.stdout, "imported %s from %s\n", plural(len(p.Questions), "question", "questions"), name)
	return nil
}

// plural counts in words: "1 question", "2 questions".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
