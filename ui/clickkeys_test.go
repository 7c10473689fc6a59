package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"starcoach/practice"
	"starcoach/session"
)

// After a click, the keys still work, on every screen: the rig's click
// leaves the focus where the app's driver does (on a check box, a
// drop-down or a field clicked before), so these are the keys a candidate
// presses after using the mouse.

func TestStudyControlsThenKeys(t *testing.T) {
	g := newRig(t)
	openSeed(t, g.u)
	s := g.u.study
	g.choose(s.levelSelect, "Senior SDE")
	g.press(fyne.KeyRight)
	if s.current != 1 {
		t.Errorf("→ after picking a level: step %d shown, want 1", s.current)
	}
	g.shortcut(fyne.KeyR)
	if g.u.rehearsal == nil || g.snap().Level.ID != "senior" || g.snap().Question != s.q {
		t.Fatal("Ctrl+R after a click did not rehearse the question at the level picked")
	}
}

func TestStoriesControlsThenKeys(t *testing.T) {
	g := newBareRig(t)
	b := g.openStories()
	g.tap(b.add)
	g.typeInto(b.title, "Migration weekend")
	for _, c := range b.comps {
		g.tap(c) // a check box takes the focus
		break
	}
	g.shortcut(fyne.KeyH)
	if g.u.history == nil || !g.u.history.visible() {
		t.Fatal("Ctrl+H after ticking a competency did not open History")
	}
	g.shortcut(fyne.Key2)
	if !g.u.shown(g.u.stories.content) {
		t.Fatal("Ctrl+2 from History did not bring My stories back")
	}
	if got := g.storedStories(); len(got) != 1 || got[0].Title != "Migration weekend" {
		t.Errorf("stories stored: %+v", got)
	}
	g.shortcut(fyne.Key1)
	if !g.u.shown(g.u.home.content) {
		t.Fatal("Ctrl+1 from My stories did not open Home")
	}
}

func TestHomeControlsThenKeys(t *testing.T) {
	g := newRig(t)
	h := g.openHome()
	g.choose(h.level, "SDE 1")
	g.press(fyne.Key2)
	if r := g.u.rehearsal; r == nil || g.snap().Question != h.plan[1].Question || g.snap().Level.ID != "sde1" {
		t.Fatal("2 after picking a level did not start the plan's second question at that level")
	}
}

// The follow-up and the summary: a click on Play, or on a rating, then
// Enter moves on.
func TestFollowUpAndSummaryControlsThenKeys(t *testing.T) {
	g := newRig(t)
	r := g.rehearse(practice.Mock)
	g.press(fyne.KeyReturn)
	wav, marks := g.mockWAV([]float64{25, 18, 70, 18, 10})
	g.speakMock(wav, marks, true)
	g.tap(r.mock.followUp)
	if g.snap().Screen != session.FollowUpScreen {
		t.Fatal("no follow-up")
	}
	g.record(g.speechWAV("followup", 30))
	g.tap(r.followUp.play)
	g.press(fyne.KeyReturn)
	if g.snap().Screen != session.SummaryScreen {
		t.Fatalf("Enter after Play: on screen %d, want the summary", g.snap().Screen)
	}
	g.tap(r.summary.rating.buttons[3])
	g.press(fyne.Key2)
	if a := g.snap().Attempt; a.Rating != 2 {
		t.Errorf("2 after clicking 4: rated %d", a.Rating)
	}
	g.press(fyne.KeyReturn)
	if g.u.rehearsal != nil {
		t.Error("Enter after a rating did not leave the summary")
	}
}
