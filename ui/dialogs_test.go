package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"starcoach/session"
)

// Every dialog answers Enter (its default action) and Esc (cancel), and
// Esc closes a pop-up; the keys after it reach the screen again.
func TestDialogsAnswerTheKeyboard(t *testing.T) {
	g := newRig(t)
	overlay := func() fyne.CanvasObject { return g.u.win.Canvas().Overlays().Top() }

	// Leave this attempt? Esc stays, Enter leaves.
	g.recordingSituation()
	g.press(fyne.KeyEscape)
	if overlay() == nil {
		t.Fatal("Esc while recording did not ask first")
	}
	g.press(fyne.KeyEscape)
	if overlay() != nil || g.u.rehearsal == nil || g.snap().State != session.Recording {
		t.Fatal("Esc on 'Leave this attempt?' did not cancel")
	}
	g.press(fyne.KeyEscape)
	g.press(fyne.KeyReturn)
	if overlay() != nil || g.u.rehearsal != nil {
		t.Fatal("Enter on 'Leave this attempt?' did not leave")
	}

	// A message closes with Enter or Esc.
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape} {
		g.u.inform("Saved", "Saved to a file")
		g.press(k)
		if overlay() != nil {
			t.Errorf("%s did not close a message", k)
		}
	}

	// Import's file dialog closes with Esc.
	g.tap(g.u.importButton)
	if overlay() == nil {
		t.Fatal("no file dialog")
	}
	g.press(fyne.KeyEscape)
	if overlay() != nil {
		t.Error("Esc did not close the file dialog")
	}

	// The interview date's calendar closes with Esc, and 1 then starts
	// Home's first row, as on Home.
	g.tap(g.u.homeButton)
	h := g.openHome()
	g.tap(h.interview.ActionItem.(*widget.Button))
	if overlay() == nil {
		t.Fatal("the calendar did not open")
	}
	g.press(fyne.KeyEscape)
	if overlay() != nil {
		t.Fatal("Esc did not close the calendar")
	}
	g.u.win.Canvas().Unfocus()
	g.press(fyne.Key1)
	if g.u.rehearsal == nil {
		t.Error("1 after the calendar closed did not start the first row")
	}
}
