package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"starcoach/practice"
)

// A question linked to a story shows the story's lines on its cue cards,
// says which story they come from, and marks a line that is the
// question's own; typing the story's line back drops the mark.
func TestCueCardsShowTheLinkedStory(t *testing.T) {
	g := newBareRig(t)
	s := practice.Story{Title: "Webhook outage", Lines: map[practice.StepID]string{
		practice.Situation: "0.3% of webhooks lost", practice.Task: "own the fix"}}
	if err := g.db.SaveStory(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if err := g.db.LinkStory(ctx, "unpopular-decision", s.ID); err != nil {
		t.Fatal(err)
	}
	if err := g.db.SetCue(ctx, "unpopular-decision", practice.Task, "lead with the customer", "unused"); err != nil {
		t.Fatal(err)
	}
	g.rehearse(practice.StepByStep)
	g.press(fyne.KeyReturn)
	step := func(want practice.StepID) *stepScreen {
		t.Helper()
		g.settle("the "+string(want)+" cue card", func() bool {
			r := g.u.rehearsal
			return r.step != nil && r.snap.StepID() == want && r.snap.CuesLoaded
		})
		return g.u.rehearsal.step
	}

	st := step(practice.Situation)
	if st.cue.Text != "0.3% of webhooks lost" || st.cueFrom.Text != "From your story: Webhook outage" || !st.cueFrom.Visible() {
		t.Errorf("Situation card %q under %q (shown %v), want the story's line and its title", st.cue.Text, st.cueFrom.Text, st.cueFrom.Visible())
	}
	g.press(fyne.KeyReturn)
	st = step(practice.Task)
	if st.cue.Text != "lead with the customer" || st.cueFrom.Text != "From your story: Webhook outage · your own line for this question" {
		t.Errorf("Task card %q under %q, want the question's own line, marked", st.cue.Text, st.cueFrom.Text)
	}

	g.u.win.Canvas().Focus(st.cue)
	st.cue.SetText("own the fix")
	g.press(fyne.KeyEscape)
	g.settle("the story's line back", func() bool { return !g.snap().Cues.Overridden(practice.Task) })
	if st.cue.Text != "own the fix" || st.cueFrom.Text != "From your story: Webhook outage" {
		t.Errorf("after typing the story's line: %q under %q", st.cue.Text, st.cueFrom.Text)
	}

	// A line of its own typed here overrides the story for this question
	// only: the story keeps its line.
	g.u.win.Canvas().Focus(st.cue)
	st.cue.SetText("")
	g.typeInto(st.cue, "own the fix by Friday")
	g.press(fyne.KeyEscape)
	g.settle("the own line", func() bool { return g.snap().Cues.Overridden(practice.Task) })
	if st.cueFrom.Text != "From your story: Webhook outage · your own line for this question" {
		t.Errorf("after typing an own line: under %q", st.cueFrom.Text)
	}
	ss, err := g.db.Stories(ctx)
	if err != nil || len(ss) != 1 || ss[0].Lines[practice.Task] != "own the fix" {
		t.Errorf("the story now %+v (%v), want its Task line kept", ss, err)
	}
	if c, err := g.db.Cues(ctx, "unpopular-decision"); err != nil || c.Own[practice.Task] != "own the fix by Friday" {
		t.Errorf("cues %+v (%v)", c, err)
	}
}
