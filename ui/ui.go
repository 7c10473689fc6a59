// Package ui is StarCoach's Fyne front end: the question list, Study mode,
// the rehearsal screens and History. It renders and forwards: a
// rehearsal's rules and state live in package session, the timing rules
// in package practice, and every figure shown comes from the store.
package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/session"
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
	home      *home
	study     *study
	stories   *storyBank     // built when first opened
	rehearsal *rehearsal     // the attempt under way, if any
	loop      *loopRun       // the loop under way, if any
	history   *historyScreen // built when first opened
	main      *container.Split
	right     *fyne.Container
	// back is the screen a rehearsal returns to: where it was started.
	back fyne.CanvasObject

	// bridge takes work off the UI goroutine and brings its results back
	// through fyne.Do; tests swap in a queue they drain, so every UI
	// change happens on the test goroutine.
	bridge *bridge
	// clock moves the playheads and watches recordings; tests move it by
	// hand.
	clock session.Clock
	// now is the wall clock the screens date things by (this week, the
	// days to the interview); tests fix it.
	now func() time.Time
	// settings are the small choices remembered, kept in the database.
	settings *settings

	dialogs []openDialog // the dialogs showing, the top one last

	homeButton    *widget.Button
	storiesButton *widget.Button
	importButton  *widget.Button
	historyButton *widget.Button
}

// DefaultSize is the window size the layout is designed for; it also works
// down to MinSize.
var (
	DefaultSize = fyne.NewSize(1024, 700)
	MinSize     = fyne.NewSize(800, 600)
)

// prefSize is the window's size, "WxH", kept between runs with the other
// settings (the session keeps the level and the microphone).
const prefSize = "window.size"

// New builds the main window. Only package main creates the fyne.App, so
// tests can pass test.NewTempApp. stored are the settings the store holds
// (Settings), read before the window opens.
func New(app fyne.App, bank *practice.Bank, store Store, audio Audio, stored map[string]string) *UI {
	u := &UI{app: app, bank: bank, store: store, audio: audio, bridge: newBridge(fyne.Do), clock: session.SystemClock{}, now: time.Now}
	u.settings = newSettings(app, stored, u.bridge, store)
	u.win = app.NewWindow("StarCoach")
	level := practice.LevelID(u.settings.StringWithFallback(session.PrefLevel, string(practice.DefaultLevel)))
	if _, ok := practice.LevelByID(level); !ok {
		level = practice.DefaultLevel
	}
	u.study = newStudy(u.win, level)
	u.study.onRehearse = u.startRehearsal
	u.study.onLevel = u.setLevel
	u.home = newHome(u, u.study.level)
	u.list = newQuestionList(bank, u.openQuestion)
	u.homeButton = widget.NewButtonWithIcon("Home ("+shortcutLabel(fyne.Key1)+")", theme.HomeIcon(), u.onHome)
	u.storiesButton = widget.NewButtonWithIcon("My stories ("+shortcutLabel(fyne.Key2)+")", theme.DocumentCreateIcon(), u.onStories)
	u.importButton = widget.NewButtonWithIcon("Import questions…", theme.FolderOpenIcon(), u.onImport)
	u.historyButton = widget.NewButtonWithIcon("History ("+shortcutLabel(fyne.KeyH)+")", theme.HistoryIcon(), u.onHistory)
	u.right = container.NewStack(u.home.content)

	u.main = container.NewHSplit(
		container.NewBorder(u.homeButton, container.NewVBox(u.storiesButton, u.historyButton, u.importButton), nil, nil, u.list.content),
		u.right,
	)
	u.main.Offset = 0.3
	u.win.SetContent(u.main)
	size := DefaultSize
	var w, h float32
	if _, err := fmt.Sscanf(u.settings.StringWithFallback(prefSize, ""), "%gx%g", &w, &h); err == nil {
		size = fyne.NewSize(max(w, MinSize.Width), max(h, MinSize.Height))
	}
	u.win.Resize(size)
	u.addShortcuts()
	u.win.SetCloseIntercept(u.onClose)
	// Quit from a signal or the system's menu skips the close intercept.
	app.Lifecycle().SetOnStopped(u.stopping)
	return u
}

// Raise brings the window forward, from any goroutine (a second app
// asked for it).
func (u *UI) Raise() { u.bridge.ui(u.win.RequestFocus) }

// Show opens the window on Home and starts reading its plan.
func (u *UI) Show() {
	u.win.Show()
	u.home.reload()
}

// showRight puts a screen in the main pane; a widget focused on the
// screen it replaces must not keep the keys.
func (u *UI) showRight(o fyne.CanvasObject) {
	if old := u.right.Objects[0]; old != o {
		// What the screen left was loading would land where no one looks.
		if prefix := u.loadsOf(old); prefix != "" {
			u.bridge.forget(prefix)
		}
	}
	u.right.Objects = []fyne.CanvasObject{o}
	u.right.Refresh()
	u.win.Canvas().Unfocus()
}

// loadsOf names the loads a screen makes, by the prefix of their keys.
func (u *UI) loadsOf(screen fyne.CanvasObject) string {
	switch {
	case screen == u.home.content:
		return "home"
	case u.stories != nil && screen == u.stories.content:
		return "stories"
	case u.history != nil && screen == u.history.stack:
		return "history."
	}
	return ""
}

// away reports whether a rehearsal or a loop has the whole window.
func (u *UI) away() bool { return u.rehearsal != nil || u.loop != nil }

// startRehearsal opens the practice screens for q in the given mode.
func (u *UI) startRehearsal(q *practice.Question, mode practice.Mode, level practice.Level) {
	if u.away() {
		return
	}
	u.leaveHistory() // a take from History must not play into a recording
	u.back = u.right.Objects[0]
	u.rehearsal = newRehearsal(u, q, mode, level)
	// A rehearsal takes the whole window: nothing else to look at.
	u.win.SetContent(u.rehearsal.content)
	u.win.Canvas().Unfocus()
}

// startLoop opens an interview loop at the level shown on Home.
func (u *UI) startLoop() {
	if u.away() {
		return
	}
	u.leaveHistory()
	u.back = u.right.Objects[0]
	u.loop = newLoopRun(u, u.study.level)
	u.win.SetContent(u.loop.content)
	u.win.Canvas().Unfocus()
}

// endLoop goes back to where the loop was started once it has closed.
func (u *UI) endLoop(lr *loopRun) {
	if u.loop != lr {
		return
	}
	u.loop = nil
	u.backFromFullWindow(lr.then)
}

// endRehearsal goes back to the screen the rehearsal was started from
// once it has closed; Home then shows the plan as it now stands.
func (u *UI) endRehearsal(r *rehearsal) {
	if u.rehearsal != r {
		return
	}
	u.rehearsal = nil
	u.backFromFullWindow(r.then)
	if r.again {
		u.startRehearsal(r.snap.Question, r.snap.Mode, r.snap.Level)
	}
}

// backFromFullWindow goes back to the screen a rehearsal or a loop was
// started from, then runs then, a shortcut pressed meanwhile.
func (u *UI) backFromFullWindow(then func()) {
	// The start screen may have changed the level.
	if l, ok := practice.LevelByID(practice.LevelID(u.settings.StringWithFallback(session.PrefLevel, ""))); ok {
		u.setLevel(l)
	}
	u.win.SetContent(u.main)
	u.showRight(u.back)
	if then != nil {
		then()
		return
	}
	if u.back == u.home.content {
		u.home.reload()
	}
}

// shown reports whether o is the screen in the main pane.
func (u *UI) shown(o fyne.CanvasObject) bool { return u.right.Objects[0] == o }

// onHome shows the home screen with a fresh plan; not during a rehearsal.
func (u *UI) onHome() {
	if u.away() {
		return
	}
	u.leaveHistory()
	u.list.list.UnselectAll()
	u.showRight(u.home.content)
	u.home.reload()
}

// onStories shows the story bank; not during a rehearsal.
func (u *UI) onStories() {
	if u.away() {
		return
	}
	u.leaveHistory()
	u.list.list.UnselectAll()
	// Built on each visit: an import since the last one may have added
	// questions to link and competencies to tick.
	old := u.stories
	u.stories = newStoryBank(u)
	if old != nil {
		old.save() // before reload reads
		u.stories.current = old.current
	}
	u.showRight(u.stories.content)
	u.stories.reload()
}

// setLevel makes l the level everywhere it is shown and remembers it.
func (u *UI) setLevel(l practice.Level) {
	if u.settings.StringWithFallback(session.PrefLevel, "") != string(l.ID) {
		u.settings.SetString(session.PrefLevel, string(l.ID))
	}
	// SetSelected calls OnChanged even when nothing changes.
	for _, s := range []*keySelect{u.study.levelSelect, u.home.level} {
		if s.Selected != l.Name {
			s.SetSelected(l.Name)
		}
	}
}

// onClose keeps what the candidate did: a rehearsal is left (a recording
// running is stopped and kept as a take, what was typed is saved) before
// the window closes; Wait then lets it finish.
func (u *UI) onClose() {
	size := u.win.Canvas().Size()
	u.settings.SetString(prefSize, fmt.Sprintf("%gx%g", size.Width, size.Height))
	u.stopping()
	u.win.Close()
}

// stopping leaves a rehearsal (keeping a recording running as a take and
// what was typed) and stops results reaching the screens, which are going
// away: once Fyne's loop has ended, fyne.Do would run them on the calling
// goroutine.
func (u *UI) stopping() {
	if r := u.rehearsal; r != nil && !r.ended {
		r.leaveNow()
	}
	if lr := u.loop; lr != nil && !lr.ended {
		lr.leaveNow()
	}
	if u.stories != nil {
		u.stories.save() // a field being typed in is not left on close
	}
	u.bridge.closed.Store(true)
}

// Wait lets every recording, load and write under way finish: call it
// after the window closed and before the database closes. A rehearsal the
// window did not get to leave (the app quit from a signal or the system's
// menu) is left now, its recording kept.
func (u *UI) Wait() {
	if r := u.rehearsal; r != nil && !r.ended {
		r.s.Leave()
	}
	if lr := u.loop; lr != nil && !lr.ended {
		lr.l.Leave()
	}
	u.bridge.wait()
}

// onHistory leaves Study mode for the History screen; not during a
// rehearsal, which has the whole window.
func (u *UI) onHistory() {
	if u.away() {
		return
	}
	u.list.list.UnselectAll()
	u.showHistory()
}

func (u *UI) openQuestion(q *practice.Question) {
	u.leaveHistory()
	u.study.show(q)
	u.showRight(u.study.content)
}

// leaveHistory stops a take History is playing: the screen is going.
func (u *UI) leaveHistory() {
	if u.history != nil {
		u.history.stopPlayback()
	}
}

func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	// A shortcut reaches every screen. During a rehearsal it leaves it
	// first, as Esc does, or, while a take is being made, says why not.
	ctrl := func(k fyne.KeyName, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			if c.Overlays().Top() == nil {
				u.elsewhere(k, f)
			}
		})
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { u.onClose() })
	ctrl(fyne.KeyF, func() { c.Focus(u.list.search) })
	ctrl(fyne.KeyH, u.onHistory)
	ctrl(fyne.Key1, u.onHome)
	ctrl(fyne.Key2, u.onStories)
	// Rehearse the question open in Study mode, or else the first one Home
	// suggests.
	rehearse := func(mode practice.Mode) func() {
		return func() {
			if u.study.q != nil && u.shown(u.study.content) {
				u.startRehearsal(u.study.q, mode, u.study.level)
				return
			}
			u.home.start(0, mode)
		}
	}
	ctrl(fyne.KeyR, rehearse(practice.StepByStep))
	ctrl(fyne.KeyM, rehearse(practice.Mock))
	ctrl(fyne.KeyL, u.startLoop)
	c.SetOnTypedKey(u.typedKey)
}

// elsewhere runs the shortcut k's action from wherever the candidate is:
// at once, or, during a rehearsal, once it has closed (what was recorded
// is kept, as Esc keeps it). While a take is being made it does not: the
// rehearsal says why.
func (u *UI) elsewhere(k fyne.KeyName, f func()) {
	if lr := u.loop; lr != nil {
		switch {
		case k == fyne.KeyL:
			// The loop is what shows: starting another would end it.
		case lr.busy():
			lr.say(fmt.Sprintf("%s waits until your take is saved: press Space to stop, then %s again.", shortcutLabel(k), shortcutLabel(k)))
		default:
			lr.leaveThen(f)
		}
		return
	}
	r := u.rehearsal
	if r == nil {
		f()
		return
	}
	if r.snap.Busy() {
		r.say(fmt.Sprintf("%s waits until your take is saved: press Space to stop, then %s again.", shortcutLabel(k), shortcutLabel(k)))
		return
	}
	r.then = f
	r.do(r.s.Leave)
}

// typedKey routes a key to the screen showing: the one router every key
// reaches, directly or handed back by a control (see keys.go).
func (u *UI) typedKey(ev *fyne.KeyEvent) {
	if u.dialogKey(ev) {
		return // a dialog or pop-up is open: the keys are its own
	}
	if u.rehearsal != nil {
		u.rehearsal.typedKey(ev)
		return
	}
	if u.loop != nil {
		u.loop.typedKey(ev)
		return
	}
	if u.history != nil && u.history.visible() {
		u.history.typedKey(ev)
		return
	}
	if u.shown(u.home.content) {
		u.home.typedKey(ev)
		return
	}
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyUp:
		u.study.moveStep(-1)
	case fyne.KeyRight, fyne.KeyDown:
		u.study.moveStep(+1)
	}
}

// onImport asks for a pack file, then validates and stores it off the UI
// goroutine.
func (u *UI) onImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showErr(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		u.importFile(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".yaml", ".yml"}))
	u.showFileDialog(d)
}

// importFile reads, validates and saves a pack off the UI goroutine; the
// bank and the list are updated back on it.
func (u *UI) importFile(path string) {
	name := filepath.Base(path)
	var p *practice.Pack
	u.bridge.write(func(ctx context.Context) error {
		var err error
		p, _, err = practice.ImportPack(path, u.bank, func(name string, data []byte) error { return u.store.SavePack(ctx, name, data) })
		return err
	}, func(err error) {
		if err == nil {
			err = u.bank.Add(p)
		}
		if err != nil {
			u.showErr(fmt.Errorf("import %s: %w", name, err))
			return
		}
		u.list.refresh()
		if u.stories != nil && u.shown(u.stories.content) {
			u.onStories() // the new questions and competencies
		}
		u.inform("Questions imported",
			fmt.Sprintf("%s from %s added to the bank.", practice.Plural(len(p.Questions), "question", "questions"), name))
	})
}

// showError reports a failure in the window without losing anything: the
// message names what was being done.
func (u *UI) showError(doing string, err error) {
	u.showErr(errorText(doing, err))
}
