package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"starcoach/audio"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/session"
	"starcoach/session/sessiontest"
)

// rig is the app under test: a real SQLite file, the real analysis, and a
// microphone that plays WAV files of real speech.
type rig struct {
	t     *testing.T
	app   fyne.App
	u     *UI
	db    *sqlite.DB
	mic   *fakeMic
	queue chan func()
	clock *sessiontest.Clock
	dir   string
	clips [][]float32
	rate  int
}

func newRig(t *testing.T) *rig {
	t.Helper()
	clips, rate := speechClips(t)
	g := newBareRig(t)
	g.clips, g.rate = clips, rate
	return g
}

// newBareRig is the app over a real database without speech recordings.
func newBareRig(t *testing.T) *rig {
	t.Helper()
	return newRigOn(t, nil)
}

// newRigOn is newBareRig on a data directory that prepare (if not nil)
// has filled before the app opens it.
func newRigOn(t *testing.T, prepare func(dataDir string) error) *rig {
	t.Helper()
	dir := t.TempDir()
	if prepare != nil {
		if err := prepare(filepath.Join(dir, "data")); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sqlite.Open(filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	g := &rig{t: t, db: db, mic: &fakeMic{}, queue: make(chan func(), 4096), dir: dir, rate: 16000}
	g.app = test.NewTempApp(t)
	g.start()
	return g
}

// start opens the main window on the rig's app and database, as the app
// does at start-up.
func (g *rig) start() {
	stored, err := g.db.Settings(context.Background())
	if err != nil {
		g.t.Fatal(err)
	}
	g.u = New(g.app, builtinBank(g.t), g.db, g.mic, stored)
	g.u.bridge.do = func(f func()) { g.queue <- f }
	if g.clock == nil {
		g.clock = sessiontest.NewClock(time.Now())
	}
	g.u.clock = g.clock
	g.u.Show()
	u := g.u
	g.t.Cleanup(func() { closeIfOpen(g.app, u.win) })
	g.t.Cleanup(u.Wait) // runs first: work under way finishes before the database closes
}

// closeIfOpen closes w unless the test closed it (a second Close panics).
func closeIfOpen(a fyne.App, w fyne.Window) {
	for _, open := range a.Driver().AllWindows() {
		if open == w {
			w.Close()
		}
	}
}

// settle lets the work under way finish (idle) and fails unless cond then
// holds: nothing in the app waits on real time, so nothing needs polling.
func (g *rig) settle(what string, cond func() bool) {
	g.t.Helper()
	g.idle()
	if !cond() {
		g.t.Fatalf("after the work under way finished, not %s", what)
	}
}

// idle lets every command, write and load under way finish and shows
// what they sent back, until nothing is left: the worker idle (its Off
// tasks too), no load running and nothing sent back to show. What a load
// or a worker's job sends back is queued before it counts as done.
func (g *rig) idle() {
	g.t.Helper()
	for {
		g.u.bridge.worker.Wait()
		g.u.bridge.loads.Wait()
		if len(g.queue) == 0 {
			return
		}
		for len(g.queue) > 0 {
			(<-g.queue)()
		}
	}
}

// press is a key as the driver delivers it: to the focused widget if
// there is one (Space also as a typed rune), else to the window.
func (g *rig) press(k fyne.KeyName) {
	g.t.Helper()
	c := g.u.win.Canvas()
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		if k == fyne.KeySpace {
			if f := c.Focused(); f != nil {
				f.TypedRune(' ')
			}
		}
	} else {
		c.OnTypedKey()(ev)
	}
	g.idle()
}

// tap clicks a control as the app's driver does, and lets what it
// started finish. A click on a control that can take the focus (a
// button, a check box, a drop-down) leaves the focus where it was, unless
// the control takes it itself; a click on anything else drops it.
// (test.Tap drops the focus on a click on any control not already
// focused, which is kinder to the keys than the app.)
func (g *rig) tap(o fyne.Tappable) {
	g.t.Helper()
	if _, ok := o.(fyne.Focusable); !ok {
		g.u.win.Canvas().Unfocus()
	}
	o.Tapped(&fyne.PointEvent{Position: fyne.NewPos(1, 1), AbsolutePosition: fyne.NewPos(1, 1)})
	g.idle()
}

// choose clicks a drop-down and picks an option from its list, which
// leaves the drop-down focused, as a click does.
func (g *rig) choose(s *keySelect, option string) {
	g.t.Helper()
	test.Tap(s)
	c := g.u.win.Canvas()
	if c.Overlays().Top() == nil {
		g.t.Fatal("clicking a drop-down did not open its list")
	}
	s.SetSelected(option)
	c.Overlays().Remove(c.Overlays().Top())
	if c.Focused() != s {
		g.t.Fatal("the drop-down is not focused after a pick, as it is in the app")
	}
	g.idle()
}

// typeInto clicks a text field and types into it.
func (g *rig) typeInto(e *keyEntry, text string) {
	g.t.Helper()
	c := g.u.win.Canvas()
	c.Focus(e)
	for _, r := range text {
		e.TypedRune(r)
	}
}

// speechWAV writes a recording: quiet, then secs of speech, then quiet.
func (g *rig) speechWAV(name string, secs float64) string {
	return writeWAV(g.t, filepath.Join(g.dir, name+".wav"), g.rate,
		silence(g.rate, 0.8), speech(g.clips, g.rate, secs), silence(g.rate, 1.2))
}

// silentWAV is a recording with no speech at all.
func (g *rig) silentWAV(name string, secs float64) string {
	return writeWAV(g.t, filepath.Join(g.dir, name+".wav"), g.rate, silence(g.rate, secs))
}

// snap is the rehearsal's latest snapshot.
func (g *rig) snap() session.Snapshot {
	g.t.Helper()
	return g.shownRehearsal().snap
}

// shownRehearsal is the rehearsal on screen: one started alone, or a
// loop's answer.
func (g *rig) shownRehearsal() *rehearsal {
	g.t.Helper()
	switch {
	case g.u.rehearsal != nil:
		return g.u.rehearsal
	case g.u.loop != nil && g.u.loop.answer != nil:
		return g.u.loop.answer
	}
	g.t.Fatal("no rehearsal")
	return nil
}

// rehearse opens the seed question and starts a rehearsal of it in mode,
// up to its setup screen.
func (g *rig) rehearse(mode practice.Mode) *rehearsal {
	g.t.Helper()
	openSeed(g.t, g.u)
	b := g.u.study.rehearse
	if mode == practice.Mock {
		b = g.u.study.mock
	}
	g.tap(b)
	g.settle("the setup screen", func() bool { return g.u.rehearsal != nil && g.u.rehearsal.setup != nil })
	return g.u.rehearsal
}

// record records a take of wav on the screen showing: Space, the clock
// runs, Space.
func (g *rig) record(wav string) session.Snapshot {
	g.t.Helper()
	g.mic.queue = append(g.mic.queue, wav)
	g.press(fyne.KeySpace)
	g.settle("recording", func() bool { return g.snap().State == session.Recording })
	g.mic.advance(2 * time.Second)
	g.idle()
	g.press(fyne.KeySpace)
	g.settle("the take is saved", func() bool { return !g.snap().Busy() })
	return g.snap()
}

// measured is what the analysis says of a WAV: the figure the UI must show.
func measured(t *testing.T, path string) audio.Analysis {
	a, err := audio.AnalyzeFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// overlayButton finds a button by its text in the dialog on top.
func (g *rig) overlayButton(text string) *widget.Button {
	g.t.Helper()
	top := g.u.win.Canvas().Overlays().Top()
	if top == nil {
		g.t.Fatal("no dialog is open")
	}
	var found *widget.Button
	walkAll(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		g.t.Fatalf("the dialog has no %q button", text)
	}
	return found
}

// dialogText is every label's text in the dialog on top.
func (g *rig) dialogText() string {
	top := g.u.win.Canvas().Overlays().Top()
	var s string
	if top != nil {
		walkAll(top, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				s += l.Text + "\n"
			}
		})
	}
	return s
}

func walkAll(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walkAll(child, f)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walkAll(child, f)
		}
	}
}

// goodPackYAML is the small valid pack of the practice tests.
var goodPackYAML = func() string {
	b, err := os.ReadFile("../practice/testdata/pack.yaml")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

// shortcut is Ctrl (Cmd on macOS) with k, as the driver delivers it: to
// the focused widget when it takes shortcuts, else to the window.
func (g *rig) shortcut(k fyne.KeyName) {
	g.t.Helper()
	s := &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	c := g.u.win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
	} else {
		c.(fyne.Shortcutable).TypedShortcut(s)
	}
	g.idle()
}
