package ui

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestShowProblemOffersTheFixAndReportsItsFailure(t *testing.T) {
	a := test.NewTempApp(t)
	tries := 0
	before := len(a.Driver().AllWindows())
	w := ShowProblem(a, "Your practice history could not be opened", "database is damaged",
		"Start a fresh database", func() error {
			tries++
			if tries == 1 {
				return errors.New("disk is full")
			}
			return nil
		})
	var fix *widget.Button
	var msg *widget.Label
	walkAll(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Start a fresh database  (Enter)" {
			fix = b
		}
		if l, ok := o.(*widget.Label); ok && l.Wrapping == fyne.TextWrapWord {
			msg = l
		}
	})
	if fix == nil || msg == nil || msg.Text != "database is damaged" {
		t.Fatal("the window lacks the message or the fix button")
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter tries the fix
	if msg.Text != "disk is full" || len(a.Driver().AllWindows()) != before+1 {
		t.Fatalf("after a failed fix: message %q, %d windows", msg.Text, len(a.Driver().AllWindows()))
	}
	test.Tap(fix)
	if len(a.Driver().AllWindows()) != before {
		t.Fatal("the window stays open after the fix worked")
	}
}
