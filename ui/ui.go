// Package ui is StarCoach's Fyne front end: the question list, Study mode
// and the practice screens. It holds screens only; questions, timing rules
// and storage come from package practice, audio from package audio.
package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// UI is the main window and its screens. Its fields are the widgets a test
// drives, as in fyne-io/calculator.
type UI struct {
	app   fyne.App
	win   fyne.Window
	bank  *practice.Bank
	store Store
	audio Audio

	list      *questionList
	study     *study
	rehearsal *rehearsal     // the attempt under way, if any
	history   *historyScreen // built when first opened
	main      *container.Split
	right     *fyne.Container

	// do runs a function on the UI goroutine: fyne.Do in the app. Work
	// done off the UI goroutine comes back through it; tests swap in a
	// queue they drain, so every UI change happens on the test goroutine.
	do     func(func())
	writer *writer

	importButton  *widget.Button
	historyButton *widget.Button
}

// DefaultSize is the window size the layout is designed for; it also works
// down to 800x600.
var DefaultSize = fyne.NewSize(1024, 700)

// New builds the main window. Only package main creates the fyne.App, so
// tests can pass test.NewTempApp.
func New(app fyne.App, bank *practice.Bank, store Store, audio Audio) *UI {
	u := &UI{app: app, bank: bank, store: store, audio: audio, do: fyne.Do}
	u.writer = newWriter(u)
	u.win = app.NewWindow("StarCoach")
	u.study = newStudy(u.win, practice.DefaultLevel)
	u.study.onRehearse = u.startRehearsal
	u.list = newQuestionList(bank, u.openQuestion)
	u.importButton = widget.NewButtonWithIcon("Import questions…", theme.FolderOpenIcon(), u.onImport)
	u.historyButton = widget.NewButtonWithIcon("History (Ctrl+H)", theme.HistoryIcon(), u.onHistory)
	u.right = container.NewStack(u.study.content)

	u.main = container.NewHSplit(
		container.NewBorder(nil, container.NewVBox(u.historyButton, u.importButton), nil, nil, u.list.content),
		u.right,
	)
	u.main.Offset = 0.3
	u.win.SetContent(u.main)
	u.win.Resize(DefaultSize)
	u.addShortcuts()
	u.win.SetCloseIntercept(u.onClose)
	return u
}

// Window is the main window, for main to show.
func (u *UI) Window() fyne.Window { return u.win }

// showRight puts a screen in the main pane.
func (u *UI) showRight(o fyne.CanvasObject) {
	u.right.Objects = []fyne.CanvasObject{o}
	u.right.Refresh()
}

// startRehearsal opens the practice screens for q in the given mode.
func (u *UI) startRehearsal(q *practice.Question, mode practice.Mode, level practice.Level) {
	if u.rehearsal != nil && u.rehearsal.recording() {
		return
	}
	u.rehearsal = newRehearsal(u, q, mode, level)
	// A rehearsal takes the whole window: nothing else to look at.
	u.win.SetContent(u.rehearsal.content)
	// The search box may hold the focus; Space and Enter belong to the
	// rehearsal now.
	u.win.Canvas().Unfocus()
}

// endRehearsal goes back to Study mode.
func (u *UI) endRehearsal(r *rehearsal) {
	if u.rehearsal != r {
		return
	}
	u.rehearsal = nil
	u.win.SetContent(u.main)
	u.showRight(u.study.content)
}

// onClose keeps a recording in progress: it is stopped and saved as a
// take, and what was typed is saved, before the window closes.
func (u *UI) onClose() {
	if r := u.rehearsal; r != nil {
		r.closeWindow = true
		r.stopAndClose()
		return
	}
	u.win.Close()
}

// onHistory leaves Study mode (or a finished attempt) for the History
// screen; a recording in progress has to be stopped first.
func (u *UI) onHistory() {
	if u.rehearsal != nil {
		if u.rehearsal.recording() {
			return
		}
		u.rehearsal.close()
	}
	u.list.list.UnselectAll()
	u.showHistory()
}

func (u *UI) openQuestion(q *practice.Question) {
	if u.history != nil {
		u.history.stopPlayback() // a take from History must not play into a recording
	}
	if u.rehearsal != nil {
		if u.rehearsal.recording() {
			return // finish or stop the take first
		}
		u.rehearsal.close()
	}
	u.study.show(q)
	u.showRight(u.study.content)
}

func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	ctrl := func(k fyne.KeyName, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			if u.rehearsal == nil && c.Overlays().Top() == nil {
				f()
			}
		})
	}
	ctrl(fyne.KeyF, func() { c.Focus(u.list.search) })
	ctrl(fyne.KeyH, u.onHistory)
	// Rehearse the question open in Study mode.
	studying := func(f func()) func() {
		return func() {
			if u.study.q != nil && u.right.Objects[0] == u.study.content {
				f()
			}
		}
	}
	ctrl(fyne.KeyR, studying(func() { u.study.rehearse.OnTapped() }))
	ctrl(fyne.KeyM, studying(func() { u.study.mock.OnTapped() }))
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if c.Overlays().Top() != nil {
			return // a dialog is open: the keys are its own
		}
		if u.rehearsal != nil {
			u.rehearsal.typedKey(ev)
			return
		}
		if u.history != nil && u.history.visible() {
			u.history.typedKey(ev)
			return
		}
		switch ev.Name {
		case fyne.KeyLeft, fyne.KeyUp:
			u.study.moveStep(-1)
		case fyne.KeyRight, fyne.KeyDown:
			u.study.moveStep(+1)
		}
	})
}

// onImport asks for a pack file, then validates and stores it off the UI
// goroutine.
func (u *UI) onImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, u.win)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		go u.importFile(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".yaml", ".yml"}))
	d.Show()
}

// importFile reads, validates and saves a pack; the bank and the list are
// updated back on the UI goroutine.
func (u *UI) importFile(path string) {
	data, err := os.ReadFile(path)
	var p *practice.Pack
	if err == nil {
		p, err = practice.ParsePack(filepath.Base(path), data)
	}
	if err == nil {
		err = u.bank.CheckAdd(p)
	}
	if err == nil {
		err = u.store.SavePack(context.Background(), filepath.Base(path), data)
	}
	u.do(func() {
		if err == nil {
			err = u.bank.Add(p)
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf("import %s: %w", filepath.Base(path), err), u.win)
			return
		}
		u.list.refresh()
		dialog.ShowInformation("Questions imported",
			fmt.Sprintf("%d question(s) from %s added to the bank.", len(p.Questions), filepath.Base(path)), u.win)
	})
}
