package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"starcoach/practice"
)

// openStories taps My stories and waits for the stories.
func (g *rig) openStories() *storyBank {
	g.t.Helper()
	g.tap(g.u.storiesButton)
	b := g.u.stories
	if b == nil || !g.u.shown(b.content) {
		g.t.Fatal("My stories did not open")
	}
	g.idle()
	return b
}

// leaveField types text into a story field and leaves it, which saves.
func (g *rig) leaveField(e *keyEntry, text string) {
	g.t.Helper()
	g.typeInto(e, text)
	g.u.win.Canvas().Unfocus()
	g.idle()
}

func (g *rig) storedStories() []practice.Story {
	g.t.Helper()
	ss, err := g.db.Stories(ctx)
	if err != nil {
		g.t.Fatal(err)
	}
	return ss
}

func TestStoryBankWriteOnceLinkEverywhere(t *testing.T) {
	g := newBareRig(t)
	b := g.openStories()
	if !b.empty.Visible() || b.editor.Visible() {
		t.Error("with no stories the editor shows")
	}
	all := g.u.bank.Competencies()
	if want := "No story yet for " + strings.Join(all, ", ") + "."; !strings.HasPrefix(b.coverage.Text, want) {
		t.Errorf("coverage %q", b.coverage.Text)
	}

	g.tap(b.add)
	if !b.editor.Visible() || g.u.win.Canvas().Focused() != b.title {
		t.Fatal("New story does not open the editor at its title")
	}
	g.leaveField(b.title, "Invoice migration") // replaces "New story", selected
	g.leaveField(b.lines[practice.Situation], "Nightly invoicing moved to a new scheduler")
	g.leaveField(b.lines[practice.Action], "Rolled back in 40 min, shadow-ran five nights")
	g.tap(b.comps["Ownership"])
	g.tap(b.comps["Deliver Results"])

	g.choose(b.question, "A time you failed")
	if !strings.HasPrefix(b.angles.Text, "For Ownership: ") {
		t.Errorf("angles beside the question start %q", strings.SplitN(b.angles.Text, "\n", 2)[0])
	}
	g.tap(b.link)

	ss := g.storedStories()
	if len(ss) != 1 {
		t.Fatalf("stored %d stories", len(ss))
	}
	s := ss[0]
	if s.Title != "Invoice migration" || s.Lines[practice.Situation] != "Nightly invoicing moved to a new scheduler" ||
		s.Lines[practice.Action] != "Rolled back in 40 min, shadow-ran five nights" ||
		!slices.Equal(s.Competencies, []string{"Deliver Results", "Ownership"}) || !slices.Equal(s.Questions, []string{"failure"}) {
		t.Errorf("stored %+v", s)
	}
	if strings.Contains(b.coverage.Text, "Ownership") || !strings.Contains(b.coverage.Text, "Dive Deep") {
		t.Errorf("coverage after the story %q", b.coverage.Text)
	}
	if !containsText(shownTexts(b.linked), "Tell me about a time you failed") {
		t.Error("the linked question is not listed")
	}

	// The question's cue cards show the story's lines.
	cues, err := g.db.Cues(ctx, "failure")
	if err != nil || cues.StoryTitle != "Invoice migration" || cues.Line(practice.Action) != s.Lines[practice.Action] {
		t.Errorf("cues %+v, %v", cues, err)
	}

	// Linked to five questions, the story is flagged as told too often.
	for _, q := range g.u.bank.Questions() {
		if len(b.storyQuestions()) == 5 {
			break
		}
		if !slices.Contains(b.storyQuestions(), q.ID) {
			g.choose(b.question, q.ShortTitle())
			g.tap(b.link)
		}
	}
	const overused = "“Invoice migration” answers 5 questions: more than 4"
	if !strings.Contains(b.coverage.Text, overused) {
		t.Errorf("coverage with 5 links %q", b.coverage.Text)
	}

	// Unlink one, then delete after a confirmation.
	g.tap(b.linked.Objects[0].(*fyne.Container).Objects[1].(fyne.Tappable))
	if got := len(g.storedStories()[0].Questions); got != 4 || strings.Contains(b.coverage.Text, overused) {
		t.Errorf("%d questions linked after Unlink; coverage %q", got, b.coverage.Text)
	}
	g.tap(b.del)
	if !strings.Contains(g.dialogText(), "Its 4 linked questions will show only their own lines.") {
		t.Errorf("delete asks %q", g.dialogText())
	}
	g.tap(g.overlayButton("Yes"))
	if len(g.storedStories()) != 0 || !b.empty.Visible() {
		t.Error("the story was not deleted")
	}
}

// storyQuestions are the editor's story's linked questions.
func (b *storyBank) storyQuestions() []string {
	s, _ := b.story()
	return s.Questions
}
