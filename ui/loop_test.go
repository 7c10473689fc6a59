package ui

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/session"
)

// loopShown is the loop on screen.
func (g *rig) loopShown() *loopRun {
	g.t.Helper()
	if g.u.loop == nil {
		g.t.Fatal("no loop")
	}
	return g.u.loop
}

// answerInLoop answers the loop's question on screen with the keys: the
// mock answer of real speech (Space, N at each step, Space), Enter for
// the follow-up, Space and Space to record it; then Enter goes on.
func (g *rig) answerInLoop(name string) {
	g.t.Helper()
	lr := g.loopShown()
	g.settle("an answer's mock screen", func() bool { return lr.answer != nil && lr.answer.mock != nil })
	wav, marks := g.mockWAV([]float64{22, 14, 60, 16, 10})
	g.speakMock(wav, marks, false)
	g.press(fyne.KeyReturn)
	g.settle("the follow-up", func() bool { return lr.answer.followUp != nil })
	g.mic.queue = append(g.mic.queue, g.speechWAV(name+"-followup", 35))
	g.press(fyne.KeySpace)
	g.settle("recording the follow-up", func() bool { return g.snap().State == session.Recording })
	g.press(fyne.KeySpace)
	g.settle("the follow-up's take", func() bool { return lr.answer.followUp.reveal.Visible() })
}

// A whole loop from Home by its shortcut, with the keys alone: three
// questions of real speech, the breaks between them, the results, and
// back to Home; History then groups its answers.
func TestLoopByKeys(t *testing.T) {
	g := newRig(t)
	g.shortcut(fyne.KeyL)
	lr := g.loopShown()
	g.settle("the loop's plan", func() bool { return lr.plan != nil && lr.snap.Planned })
	if lr.snap.Size != practice.DefaultLoop || len(lr.snap.Picks) != practice.DefaultLoop {
		t.Fatalf("a first loop plans %d questions, want %d", len(lr.snap.Picks), practice.DefaultLoop)
	}
	g.choose(lr.plan.size, "3")
	g.settle("three questions", func() bool { return len(lr.snap.Picks) == 3 })
	plan := lr.plan.picks.String()
	comps := map[string]bool{}
	for i, p := range lr.snap.Picks {
		if !strings.Contains(plan, lr.snap.Questions[i].ShortTitle()) || !strings.Contains(plan, p.Competency) {
			t.Errorf("the plan does not show question %d, %q, and its competency %s:\n%s", i+1, p.QuestionID, p.Competency, plan)
		}
		if comps[p.Competency] {
			t.Errorf("two questions for %s", p.Competency)
		}
		comps[p.Competency] = true
	}
	// Enter with the drop-down still focused, as after a click.
	g.press(fyne.KeyReturn)
	g.settle("the first question", func() bool { return lr.snap.State == session.Answering })
	if !strings.Contains(lr.header.Text, "question 1 of 3") {
		t.Errorf("the header says %q", lr.header.Text)
	}
	for i := range 3 {
		first := lr.snap.Questions[i]
		if g.snap().Question != first {
			t.Fatalf("question %d is %s, want %s", i+1, g.snap().Question.ID, first.ID)
		}
		want := "Next question  (Enter)"
		if i == 2 {
			want = "Finish the loop  (Enter)"
		}
		g.answerInLoop(first.ID)
		if f := lr.answer.followUp; f.finish.Text != want {
			t.Errorf("the follow-up's button reads %q, want %q", f.finish.Text, want)
		}
		g.press(fyne.KeyReturn)
		if i < 2 {
			g.settle("a break", func() bool { return lr.snap.State == session.Break && lr.pause != nil })
			shown := strings.Join(shownTexts(lr.pause.content), "\n")
			if next := lr.snap.Questions[i+1].ShortTitle(); strings.Contains(shown, next) {
				t.Errorf("the break shows the next question, %q, before the candidate presses on", next)
			}
			last := lr.snap.Last()
			if !strings.Contains(shown, "Whole answer "+practice.FormatClock(last.Spoken)) {
				t.Errorf("the break does not show the answer's %s:\n%s", practice.FormatClock(last.Spoken), shown)
			}
			g.press(fyne.KeySpace)
			g.settle("the next question", func() bool { return lr.snap.State == session.Answering && lr.snap.Current == i+1 })
		}
	}
	g.settle("the results", func() bool { return lr.snap.State == session.Results && lr.results != nil })
	res := lr.results
	shown := strings.Join(shownTexts(res.content), "\n")
	for _, want := range []string{"3 of 3 answered", "3 follow-ups answered", "Competencies covered: "} {
		if !strings.Contains(shown, want) {
			t.Errorf("the results do not say %q:\n%s", want, shown)
		}
	}
	for _, a := range lr.snap.Result.Answers {
		if a.Attempt == nil || !strings.Contains(shown, "Whole answer "+practice.FormatClock(a.Attempt.Spoken)+" · "+verdictText(a.Attempt.Verdict)) {
			t.Errorf("the results do not show answer %+v", a.Attempt)
		}
	}
	loopID := lr.snap.Loop.ID
	g.press(fyne.KeyEscape)
	g.settle("back on Home", func() bool { return g.u.loop == nil && g.u.shown(g.u.home.content) })
	atts, err := g.db.Attempts(ctx, practice.HistoryFilter{Loop: loopID, Status: practice.Complete})
	if err != nil || len(atts) != 3 {
		t.Errorf("the loop's complete attempts: %d, %v", len(atts), err)
	}

	// History: each answer is an attempt marked Loop, and the loop is a
	// group of its own, with its results a click away.
	g.shortcut(fyne.KeyH)
	h := g.u.history
	g.settle("History's rows", func() bool { return len(h.rows) == 3 })
	for i := range h.rows {
		row := h.list.CreateItem()
		h.updateRow(i, row)
		if l, q := rowLabels(row); l[3].Text != "Loop" || !strings.HasPrefix(q.Text, "Loop · ") {
			t.Errorf("row %d reads %q, mode %q: want it marked Loop", i, q.Text, l[3].Text)
		}
	}
	g.press(fyne.KeyL)
	g.settle("the loops", func() bool { return h.loopList != nil && len(h.loops) == 1 })
	h.loopList.Select(0)
	g.settle("the loop's results", func() bool { return strings.Contains(strings.Join(shownTexts(h.current()), "\n"), "3 of 3 answered") })
	g.press(fyne.KeyEscape)
	g.press(fyne.KeyEscape)
	g.settle("the list again", func() bool { return h.current() == h.listTop })
	h.list.Select(1)
	g.settle("an answer's detail", func() bool { return h.detail != nil && h.detail.loopB != nil })
	g.tap(h.detail.loopB)
	g.settle("its loop's results", func() bool { return strings.Contains(strings.Join(shownTexts(h.current()), "\n"), "3 of 3 answered") })
}

// A loop left on a break asks first, then keeps the finished answer and
// is marked left.
func TestLoopLeftOnABreak(t *testing.T) {
	g := newRig(t)
	g.tap(g.u.home.loop)
	lr := g.loopShown()
	g.settle("the loop's plan", func() bool { return lr.snap.Can(session.StartLoop) })
	g.tap(lr.plan.start)
	g.answerInLoop("first")
	g.press(fyne.KeyReturn)
	g.settle("a break", func() bool { return lr.snap.State == session.Break })
	g.press(fyne.KeyEscape)
	if !strings.Contains(g.dialogText(), "The 1 answer you finished is kept") {
		t.Errorf("leaving asks %q", g.dialogText())
	}
	g.press(fyne.KeyReturn)
	g.settle("back on Home", func() bool { return g.u.loop == nil })
	ls, err := g.db.Loops(ctx)
	if err != nil || len(ls) != 1 || ls[0].Status != practice.Abandoned {
		t.Fatalf("loops: %+v, %v", ls, err)
	}
	r, err := g.db.LoopResult(ctx, ls[0].ID)
	if err != nil || r.Answered() != 1 {
		t.Errorf("the left loop's answers: %d, %v", r.Answered(), err)
	}
}

// A loop read back is input like any row: a level this StarCoach does not
// know and a question gone from the bank (a database edited by hand, or
// from a later version) open on a page that says so, and nothing breaks.
func TestLoopResultsOfHostileRows(t *testing.T) {
	g := newBareRig(t)
	l := practice.Loop{Level: "sde2", Picks: []practice.LoopPick{{QuestionID: "failure", Competency: "Growth"}, {QuestionID: "tight-deadline"}}}
	if err := g.db.CreateLoop(ctx, &l); err != nil {
		t.Fatal(err)
	}
	sdb, err := sql.Open("sqlite", filepath.Join(g.db.Dir(), sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	if _, err := sdb.Exec(`UPDATE loops SET level = 'principal'; UPDATE loop_questions SET question_id = 'gone-question' WHERE position = 2`); err != nil {
		t.Fatal(err)
	}
	h := g.openHistory()
	g.tap(h.loopsButton)
	g.settle("the loops", func() bool { return h.loopList != nil && len(h.loops) == 1 })
	if l := loopLabel(h.loops[0]); !strings.HasSuffix(l, "· principal · in progress") {
		t.Errorf("the loop is listed as %q", l)
	}
	h.loopList.Select(0)
	g.settle("the loop's page", func() bool { return h.current() != h.listTop && h.loopList != nil && len(h.views) == 3 })
	shown := strings.Join(shownTexts(h.current()), "\n")
	for _, want := range []string{"0 of 2 answered", `the level "principal", which this StarCoach does not know`, "This loop has not ended",
		"gone-question (no longer in the bank)", "Not reached"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the page does not say %q:\n%s", want, shown)
		}
	}
}

// A loop's screens at 800x600: the window keeps its size, and the
// controls that go on are in sight on the plan, an answer's follow-up,
// the break and the results; Report… there saves the loop's page by the
// keys, every take's recording in it.
func TestLoopScreensFitAndReport(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)        // where the save dialog starts
	t.Setenv("USERPROFILE", home) // on Windows
	g := newRig(t)
	g.u.win.Resize(small)
	g.shortcut(fyne.KeyL)
	lr := g.loopShown()
	g.choose(lr.plan.size, "6")
	g.settle("six questions", func() bool { return len(lr.snap.Picks) == 6 })
	g.fits("The loop's plan", small)
	g.inSight("The loop's plan", lr.plan.size, lr.plan.level, lr.plan.start)
	g.choose(lr.plan.size, "3")
	g.press(fyne.KeyReturn)
	for i := range 3 {
		g.answerInLoop(lr.snap.Questions[i].ID)
		g.fits("A loop's follow-up", small)
		g.inSight("A loop's follow-up", lr.header, lr.answer.followUp.finish)
		g.press(fyne.KeyReturn)
		if i < 2 {
			g.settle("a break", func() bool { return lr.snap.State == session.Break })
			g.fits("A loop's break", small)
			g.inSight("A loop's break", lr.pause.next, lr.pause.leave)
			g.press(fyne.KeySpace)
		}
	}
	g.settle("the results", func() bool { return lr.results != nil })
	g.fits("The loop's results", small)
	g.inSight("The loop's results", lr.results.done, lr.results.report, lr.results.compare)

	g.tap(lr.results.report)
	g.press(fyne.KeyReturn)
	want := filepath.Join(home, fmt.Sprintf("starcoach-loop-%d.html", lr.snap.Loop.ID))
	g.settle("the loop's report is saved", func() bool {
		_, err := os.Stat(want)
		return err == nil
	})
	page, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	takes := 0
	for _, a := range lr.snap.Result.Answers {
		takes += len(a.Takes)
	}
	if n := strings.Count(string(page), "<audio"); n != takes || takes < 18 {
		t.Errorf("the loop's page holds %d recordings, want one per take, %d", n, takes)
	}
	g.press(fyne.KeyReturn) // closes "Saved"
	g.press(fyne.KeyEscape)
	g.settle("back on Home", func() bool { return g.u.loop == nil })
}

// A story linked to two of the loop's questions is warned about while
// picking, with a button that tells the other story the bank has for the
// later one's competency; pressed, the link is saved and the warning goes.
func TestLoopStoryToldTwice(t *testing.T) {
	g := newBareRig(t)
	g.shortcut(fyne.KeyL)
	g.settle("the loop's plan", func() bool { return g.loopShown().snap.Planned })
	picks := g.loopShown().snap.Picks
	g.press(fyne.KeyEscape)
	told := practice.Story{Title: "Payments outage", Competencies: []string{picks[0].Competency}}
	alt := practice.Story{Title: "Build cache", Competencies: []string{picks[1].Competency}}
	for _, s := range []*practice.Story{&told, &alt} {
		if err := g.db.SaveStory(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range picks[:2] {
		if err := g.db.LinkStory(ctx, p.QuestionID, told.ID); err != nil {
			t.Fatal(err)
		}
	}
	g.shortcut(fyne.KeyL)
	lr := g.loopShown()
	g.settle("the loop's plan", func() bool { return lr.snap.Planned })
	warned := strings.Join(shownTexts(lr.plan.reuse), "\n")
	if !strings.Contains(warned, "The story “Payments outage” answers") || !strings.Contains(warned, "“Build cache” covers the same competency") {
		t.Fatalf("the plan warns %q", warned)
	}
	var tell *widget.Button
	walkAll(lr.plan.reuse, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Tell “Build cache” for") {
			tell = b
		}
	})
	if tell == nil {
		t.Fatal("no button tells the other story")
	}
	g.tap(tell)
	g.settle("the warning gone", func() bool { return len(lr.snap.Reuses) == 0 && len(lr.plan.reuse.Objects) == 0 })
	if c, err := g.db.Cues(ctx, picks[1].QuestionID); err != nil || c.StoryID != alt.ID {
		t.Errorf("the second question's story is %d (%v), want %d", c.StoryID, err, alt.ID)
	}
	if !strings.Contains(lr.plan.picks.String(), "story “Build cache”") {
		t.Errorf("the plan does not show the story now told:\n%s", lr.plan.picks.String())
	}
}

// Esc in a loop's answer asks before leaving the loop, saying a
// recording running is kept; Esc in the question keeps the loop going.
func TestLoopEscInAnAnswerAsks(t *testing.T) {
	g := newRig(t)
	g.shortcut(fyne.KeyL)
	lr := g.loopShown()
	g.press(fyne.KeyReturn)
	g.settle("the first question", func() bool { return lr.answer != nil && lr.answer.mock != nil })
	g.mic.queue = append(g.mic.queue, g.speechWAV("situation", 6))
	g.press(fyne.KeySpace)
	g.settle("recording", func() bool { return g.snap().State == session.Recording })
	g.press(fyne.KeyEscape)
	if text := g.dialogText(); !strings.Contains(text, "A recording is running") || !strings.Contains(text, "marked left") {
		t.Fatalf("Esc while recording asks %q", text)
	}
	g.press(fyne.KeyEscape) // no: go on
	if g.u.loop == nil || g.snap().State != session.Recording {
		t.Fatal("Esc in the question did not keep the loop and its recording going")
	}
	g.mic.advance(2e9)
	g.press(fyne.KeyEscape)
	g.press(fyne.KeyReturn) // leave
	g.settle("back on Home", func() bool { return g.u.loop == nil })
	ls, err := g.db.Loops(ctx)
	if err != nil || len(ls) != 1 || ls[0].Status != practice.Abandoned {
		t.Fatalf("loops: %+v, %v", ls, err)
	}
	r, err := g.db.LoopResult(ctx, ls[0].ID)
	if err != nil || r.Answers[0].Attempt == nil || len(r.Answers[0].Takes) == 0 {
		t.Errorf("the answer left midway kept no take: %+v, %v", r.Answers[0], err)
	}
}
