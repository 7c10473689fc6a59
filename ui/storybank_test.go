package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"starcoach/practice"
	"starcoach/practice/sqlite/sqlitetest"
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
	if want := "No story yet for " + strings.Join(all, " · ") + "."; !strings.HasPrefix(b.coverage.Text, want) {
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
	g.tap(g.overlayButton("Delete"))
	if len(g.storedStories()) != 0 || !b.empty.Visible() {
		t.Error("the story was not deleted")
	}
}

// storyQuestions are the editor's story's linked questions.
func (b *storyBank) storyQuestions() []string {
	s, _ := b.story()
	return s.Questions
}

// Two stories with one title ("New story" twice) are told apart in the
// picker, and each opens and saves as itself.
func TestStoryBankTellsStoriesWithOneTitleApart(t *testing.T) {
	g := newBareRig(t)
	b := g.openStories()
	g.tap(b.add)
	g.u.win.Canvas().Unfocus()
	g.tap(b.add)
	g.u.win.Canvas().Unfocus()
	g.idle()
	if want := []string{"New story", "New story (2)"}; !slices.Equal(b.pick.Options, want) {
		t.Fatalf("picker %q, want %q", b.pick.Options, want)
	}
	ss := g.storedStories()
	for i, name := range b.pick.Options {
		g.choose(b.pick, name)
		if b.current != ss[i].ID {
			t.Errorf("%q opens story %d, want %d", name, b.current, ss[i].ID)
		}
	}
	g.leaveField(b.lines[practice.Result], "second")
	if got := g.storedStories(); got[0].Lines[practice.Result] != "" || got[1].Lines[practice.Result] != "second" {
		t.Errorf("stored %+v", got)
	}
}

// A pack imported while My stories is open adds its questions to link and
// its competencies to tick; a story that shows a competency the bank no
// longer has keeps it when edited.
func TestStoryBankAfterAnImport(t *testing.T) {
	g := newBareRig(t)
	b := g.openStories()
	g.tap(b.add)
	g.leaveField(b.title, "Late release")
	pack := strings.Replace(goodPackYAML, "competencies: [Ownership]", "competencies: [Ownership, Shipping Under Pressure]", 1)
	path := filepath.Join(g.dir, "mine.yaml")
	if err := os.WriteFile(path, []byte(pack), 0o600); err != nil {
		t.Fatal(err)
	}
	g.u.importFile(path)
	g.settle("the import", func() bool { return g.u.win.Canvas().Overlays().Top() != nil })
	g.u.win.Canvas().Overlays().Top().Hide()
	b = g.u.stories
	g.idle()
	if b.comps["Shipping Under Pressure"] == nil || !slices.Contains(b.question.Options, "Shipped late") {
		t.Fatal("the imported competency or question is not offered")
	}
	g.tap(b.comps["Shipping Under Pressure"])
	g.leaveField(b.lines[practice.Task], "ship it")
	s := g.storedStories()[0]
	if !slices.Contains(s.Competencies, "Shipping Under Pressure") || s.Lines[practice.Task] != "ship it" {
		t.Errorf("stored %+v", s)
	}

	// The same story in an app without the pack keeps that competency.
	s.Competencies = append(s.Competencies, "Gone Competency")
	if err := g.db.SaveStory(ctx, &s); err != nil {
		t.Fatal(err)
	}
	b = g.openStories()
	g.leaveField(b.lines[practice.Action], "cut scope")
	if got := g.storedStories()[0]; !slices.Contains(got.Competencies, "Gone Competency") || got.Lines[practice.Action] != "cut scope" {
		t.Errorf("after an edit %+v", got)
	}
}

// A line being typed when the window closes is saved.
func TestStoryTypedWhenTheWindowClosesIsKept(t *testing.T) {
	g := newBareRig(t)
	b := g.openStories()
	g.tap(b.add)
	g.u.win.Canvas().Unfocus()
	g.idle()
	g.typeInto(b.lines[practice.Reflection], "ask sooner")
	g.u.onClose()
	g.u.Wait()
	if got := g.storedStories()[0].Lines[practice.Reflection]; got != "ask sooner" {
		t.Errorf("stored %q", got)
	}
}

// Cue cards typed before the story bank come back as one story per
// question, named for it, linked to it and shown on its cue cards; a
// follow-up note stays the question's own.
func TestNotesFromBeforeStoriesBecomeStories(t *testing.T) {
	g := newRigOn(t, func(dir string) error {
		return sqlitetest.OldNotes(dir, map[string]map[practice.StepID]string{
			"failure": {practice.Situation: "invoices sent twice", practice.Action: "rolled back in 40 min",
				practice.FollowUpStep: "the dry run I skipped"},
		})
	})
	b := g.openStories()
	if !slices.Equal(b.pick.Options, []string{"Story for failure"}) || b.lines[practice.Action].Text != "rolled back in 40 min" {
		t.Fatalf("My stories shows %q with Action %q", b.pick.Options, b.lines[practice.Action].Text)
	}
	if !containsText(shownTexts(b.linked), "Tell me about a time you failed") {
		t.Error("the migrated story is not linked to its question")
	}
	cues, err := g.db.Cues(ctx, "failure")
	if err != nil || cues.Line(practice.Situation) != "invoices sent twice" || cues.Own[practice.FollowUpStep] != "the dry run I skipped" {
		t.Errorf("the question's cue cards %+v (%v)", cues, err)
	}
}
