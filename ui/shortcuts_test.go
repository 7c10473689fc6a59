package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"starcoach/practice"
	"starcoach/session"
)

// The app's shortcuts work on every screen, a rehearsal's included (it
// leaves it, keeping what was recorded, as Esc does); while a take is
// being made they wait, and the status line says why.
func TestShortcutsWorkOnEveryScreen(t *testing.T) {
	g := newRig(t)
	screens := []struct {
		name string
		open func()
	}{
		{"Home", func() { g.shortcut(fyne.Key1) }},
		{"Study", func() { openSeed(g.t, g.u); g.idle() }},
		{"History", func() { g.shortcut(fyne.KeyH) }},
		{"My stories", func() { g.shortcut(fyne.Key2) }},
		{"a rehearsal's start screen", func() { g.rehearse(practice.StepByStep) }},
		{"a step screen", func() { g.rehearse(practice.StepByStep); g.press(fyne.KeyReturn) }},
		{"a loop's plan", func() { g.shortcut(fyne.KeyL) }},
		{"a loop's answer", func() { g.shortcut(fyne.KeyL); g.press(fyne.KeyReturn) }},
	}
	shown := map[fyne.KeyName]struct {
		name string
		ok   func() bool
	}{
		fyne.KeyH: {"History", func() bool { return !g.u.away() && g.u.history != nil && g.u.history.visible() }},
		fyne.Key1: {"Home", func() bool { return !g.u.away() && g.u.shown(g.u.home.content) }},
		fyne.Key2: {"My stories", func() bool { return !g.u.away() && g.u.stories != nil && g.u.shown(g.u.stories.content) }},
		fyne.KeyR: {"a rehearsal", func() bool { return g.u.rehearsal != nil && g.snap().Screen == session.SetupScreen }},
		// Ctrl+L in a loop leaves it as it is.
		fyne.KeyL: {"an interview loop", func() bool { return g.u.rehearsal == nil && g.u.loop != nil }},
	}
	for _, s := range screens {
		for k, want := range shown {
			s.open()
			g.shortcut(k)
			if g.u.win.Canvas().Overlays().Top() != nil {
				g.press(fyne.KeyReturn) // leaving a loop under way asks first
			}
			if !want.ok() {
				t.Errorf("%s on %s did not open %s", shortcutLabel(k), s.name, want.name)
			}
			if g.u.away() {
				g.press(fyne.KeyEscape) // leave what Ctrl+R or Ctrl+L started
				if g.u.win.Canvas().Overlays().Top() != nil {
					g.press(fyne.KeyReturn) // a loop under way asks first
				}
			}
		}
	}

	// While recording, a shortcut waits and says why; the take is kept.
	g.recordingSituation()
	g.shortcut(fyne.KeyH)
	r := g.u.rehearsal
	if r == nil || g.snap().State != session.Recording || !r.notice.Visible() || !strings.Contains(r.notice.Text, "press Space to stop") {
		t.Fatal("Ctrl+H while recording did not wait and say why")
	}
	g.mic.advance(2e9)
	g.press(fyne.KeySpace)
	if r.notice.Visible() {
		t.Error("the status line still says a shortcut waits after the take was saved")
	}
	g.shortcut(fyne.KeyH)
	if !shown[fyne.KeyH].ok() {
		t.Error("Ctrl+H after the take was saved did not open History")
	}

	// So in a loop's answer: the loop is left once the take is kept.
	g.shortcut(fyne.KeyL)
	g.press(fyne.KeyReturn)
	g.mic.queue = append(g.mic.queue, g.speechWAV("loop-situation", 6))
	g.press(fyne.KeySpace)
	g.settle("recording in the loop", func() bool { return g.snap().State == session.Recording })
	g.shortcut(fyne.KeyH)
	lr := g.u.loop
	if lr == nil || !lr.answer.notice.Visible() || !strings.Contains(lr.answer.notice.Text, "press Space to stop") {
		t.Fatal("Ctrl+H while recording in a loop did not wait and say why")
	}
	g.mic.advance(2e9)
	g.press(fyne.KeySpace)
	g.shortcut(fyne.KeyL)
	if g.u.loop != lr || g.u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Ctrl+L in a loop's answer did something")
	}
	g.shortcut(fyne.KeyH)
	if !strings.Contains(g.dialogText(), "Leave the loop?") {
		t.Fatalf("Ctrl+H in a loop's answer asks %q", g.dialogText())
	}
	g.press(fyne.KeyReturn)
	if !shown[fyne.KeyH].ok() {
		t.Fatal("Ctrl+H in a loop's answer, confirmed, did not open History")
	}
	if ls, err := g.db.Loops(ctx); err != nil || len(ls) == 0 || ls[0].Status != practice.Abandoned {
		t.Errorf("the loop left by Ctrl+H: %+v, %v", ls, err)
	}
}
