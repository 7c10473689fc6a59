package ui

import (
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The window's keys (Space to record, Enter to move on, 1-5 to rate...)
// reach the screen only while no widget has the focus, and Fyne gives the
// focus to a drop-down, a check box or a list when it is clicked: after
// picking a microphone, Space would open the hidden microphone list
// instead of recording. The controls here give the keys back: each hands
// any key to the window's router and lets go of the focus. Text fields
// keep their keys, but Esc leaves them and app shortcuts still work.

// giveBack unfocuses o's canvas and sends ev to the window's router.
func giveBack(o fyne.CanvasObject, ev *fyne.KeyEvent) {
	c := canvasOf(o)
	if c == nil {
		return
	}
	c.Unfocus()
	if route := c.OnTypedKey(); route != nil {
		route(ev)
	}
}

func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	return app.Driver().CanvasForObject(o)
}

// keySelect is a drop-down that never keeps the window's keys.
type keySelect struct{ widget.Select }

func newKeySelect(options []string, changed func(string)) *keySelect {
	s := &keySelect{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey hands the key to the window: a focused drop-down would open
// on Space.
func (s *keySelect) TypedKey(ev *fyne.KeyEvent) { giveBack(s, ev) }

// keyCheck is a check box that never keeps the window's keys.
type keyCheck struct{ widget.Check }

func newKeyCheck(label string, changed func(bool)) *keyCheck {
	c := &keyCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *keyCheck) TypedKey(ev *fyne.KeyEvent) { giveBack(c, ev) }

// TypedRune ignores the space that follows a Space key: it records, it
// does not tick.
func (c *keyCheck) TypedRune(rune) {}

// keyList is a list that never keeps the window's keys.
type keyList struct{ widget.List }

func newKeyList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *keyList) TypedKey(ev *fyne.KeyEvent) { giveBack(l, ev) }

// keyEntry is a text field that is left with Esc, and whose text is
// handed to onLeave whenever the candidate leaves it (Esc, Enter on a
// single line, a click elsewhere, or a screen change).
type keyEntry struct {
	widget.Entry
	onLeave func(text string)
	onDown  func() // Down on a single line, when set: the search moves into its results
}

func newKeyEntry(multiLine bool) *keyEntry {
	e := &keyEntry{}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case escaped(e, ev):
	case ev.Name == fyne.KeyDown && e.onDown != nil:
		e.onDown()
	default:
		e.Entry.TypedKey(ev)
	}
}

// escaped leaves the field o on Esc, and says whether it did.
func escaped(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape {
		return false
	}
	if c := canvasOf(o); c != nil {
		c.Unfocus()
	}
	return true
}

// appShortcuts are the keys the app's own shortcuts use with Ctrl (Cmd on
// macOS): Ctrl+Q quit, Ctrl+F search, Ctrl+H History, Ctrl+1 Home, Ctrl+2
// My stories, Ctrl+R and Ctrl+M rehearse.
var appShortcuts = []fyne.KeyName{fyne.KeyQ, fyne.KeyF, fyne.KeyH, fyne.Key1, fyne.Key2, fyne.KeyR, fyne.KeyM}

// TypedShortcut lets the app's own shortcuts through to the window; the
// entry keeps copy, paste, word moves and the rest.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if !toWindow(e, s) {
		e.Entry.TypedShortcut(s)
	}
}

// toWindow hands one of the app's shortcuts from the field o to the
// window, and says whether it did.
func toWindow(o fyne.CanvasObject, s fyne.Shortcut) bool {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault && slices.Contains(appShortcuts, cs.KeyName) {
		if c, ok := canvasOf(o).(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
			return true
		}
	}
	return false
}

// keyDateEntry is a date field that, like keyEntry, is left with Esc
// and lets the app's shortcuts through. It takes a date in the
// candidate's own format (the locale's, as Fyne's date field does) or in
// ISO 8601, and its placeholder says both.
type keyDateEntry struct{ widget.DateEntry }

// isoDate is the ISO 8601 form of a date, which every locale accepts.
const isoDate = "2006-01-02"

// withoutTick is a date field as shown: a date it cannot read is marked
// "!", but one it reads is not ticked, as Fyne's field does even with a
// date the app put there (the stored one, after a restart). The days
// left, under it, say a date was taken.
func (e *keyDateEntry) withoutTick() fyne.CanvasObject {
	return container.NewThemeOverride(e, noTick{})
}

// noTick is the app's theme, whichever it is now, without the tick icon.
type noTick struct{}

var blankIcon = fyne.NewStaticResource("blank.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"/>`))

func (noTick) Icon(n fyne.ThemeIconName) fyne.Resource {
	if n == theme.IconNameConfirm {
		return blankIcon
	}
	return fyne.CurrentApp().Settings().Theme().Icon(n)
}

func (noTick) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return fyne.CurrentApp().Settings().Theme().Color(n, v)
}

func (noTick) Font(s fyne.TextStyle) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Font(s)
}

func (noTick) Size(n fyne.ThemeSizeName) float32 { return fyne.CurrentApp().Settings().Theme().Size(n) }

func newKeyDateEntry() *keyDateEntry {
	e := &keyDateEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewDateEntry
	e.PlaceHolder = localDateForm() + " or YYYY-MM-DD"
	return e
}

// localDateForm is the locale's date format as a person writes it:
// "DD/MM/YYYY". Fyne keeps the format to itself; a date it formats shows
// it.
func localDateForm() string {
	probe := &widget.DateEntry{}
	probe.SetDate(ptr(time.Date(2006, 1, 2, 0, 0, 0, 0, time.UTC)))
	return strings.NewReplacer("2006", "YYYY", "01", "MM", "02", "DD", "06", "YY", "1", "M", "2", "D").Replace(probe.Text)
}

func ptr[T any](v T) *T { return &v }

// CreateRenderer sets the field up as Fyne's, then lets ISO dates in too.
func (e *keyDateEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.DateEntry.CreateRenderer()
	local, changed := e.Validator, e.Entry.OnChanged
	e.Validator = func(in string) error {
		if _, err := time.Parse(isoDate, strings.TrimSpace(in)); err == nil {
			return nil
		}
		return local(in)
	}
	e.Entry.OnChanged = func(in string) {
		t, err := time.Parse(isoDate, strings.TrimSpace(in))
		if err != nil {
			changed(in)
			return
		}
		e.Date = &t
		if e.OnChanged != nil {
			e.OnChanged(&t)
		}
	}
	return r
}

func (e *keyDateEntry) TypedKey(ev *fyne.KeyEvent) {
	if !escaped(e, ev) {
		e.DateEntry.TypedKey(ev)
	}
}

func (e *keyDateEntry) TypedShortcut(s fyne.Shortcut) {
	if !toWindow(e, s) {
		e.DateEntry.TypedShortcut(s)
	}
}

func (e *keyEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave(e.Text)
	}
}

// focused reports whether the candidate is typing in e.
func (e *keyEntry) focused() bool { return isFocused(e) }

// isFocused reports whether the candidate is typing in o.
func isFocused(o interface {
	fyne.CanvasObject
	fyne.Focusable
}) bool {
	c := canvasOf(o)
	return c != nil && c.Focused() == o
}

// setText shows text unless the candidate is typing in the field.
func (e *keyEntry) setText(text string) {
	if !e.focused() && e.Text != text {
		e.SetText(text)
	}
}
