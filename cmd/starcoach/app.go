package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"starcoach/assets"
	"starcoach/practice"
	"starcoach/practice/sqlite"
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
	stored, err := db.Settings(context.Background())
	if err != nil {
		return nil, err
	}
	u := ui.New(a, bank, db, portAudio{}, stored)
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
		notes = append(notes, fmt.Sprintf("StarCoach stopped during a recording last time; %s recovered and kept with their attempt.", practice.Plural(n, "take was", "takes were")))
	}
	if err != nil {
		notes = append(notes, fmt.Sprintf("What StarCoach was doing when it last stopped could not all be put right: %v. Your history is all here; the rest is tried again when StarCoach next starts.", err))
	}
	return notes
}
