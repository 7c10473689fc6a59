package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"starcoach/assets"
	"starcoach/practice"
)

func builtinBank(t testing.TB) *practice.Bank {
	t.Helper()
	b, err := assets.Bank()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newTestUI(t *testing.T) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	u := New(a, builtinBank(t), nil, nil, nil)
	u.win.Resize(DefaultSize)
	t.Cleanup(u.win.Close)
	return u
}

// openSeed searches for the seed question the way a user would and opens it.
func openSeed(t *testing.T, u *UI) {
	t.Helper()
	u.list.search.SetText("")
	test.Type(u.list.search, "unpopular")
	if len(u.list.shown) != 1 {
		t.Fatalf("search for \"unpopular\" shows %d questions, want 1", len(u.list.shown))
	}
	if u.list.count.Text != "1 question" {
		t.Errorf("count label %q", u.list.count.Text)
	}
	u.list.list.Select(0)
	if u.study.q == nil || u.study.q.ID != "unpopular-decision" {
		t.Fatalf("opened %v, want the seed question", u.study.q)
	}
}

func TestSearchAndCategoryFilter(t *testing.T) {
	u := newTestUI(t)
	all := len(u.list.shown)
	if all < 13 {
		t.Fatalf("list shows %d questions, want the whole bank (13 or more)", all)
	}
	test.Type(u.list.search, "zzzz-nothing")
	if len(u.list.shown) != 0 || u.list.count.Text != "No question matches" {
		t.Fatalf("nonsense search: %d shown, count %q", len(u.list.shown), u.list.count.Text)
	}
	u.list.search.SetText("")
	u.list.category.SetSelected("Leadership")
	if len(u.list.shown) == 0 || len(u.list.shown) == all {
		t.Fatalf("Leadership filter shows %d of %d", len(u.list.shown), all)
	}
	for _, q := range u.list.shown {
		if q.Category != "Leadership" {
			t.Errorf("%s (%s) shown under Leadership", q.ID, q.Category)
		}
	}
}

func TestChangingLevelUpdatesShownTargets(t *testing.T) {
	u := newTestUI(t)
	openSeed(t, u)
	s := u.study
	// The default level is SDE 2: the seed's 2:55 is scaled to 2:30.
	assertTargets(t, s, map[practice.StepID]string{
		practice.Situation: "26 s", practice.Task: "17 s", practice.Action: "1:17",
		practice.Result: "17 s", practice.Reflection: "13 s",
	})
	if !strings.Contains(s.window.Text, "2:00–2:30") || !strings.Contains(s.window.Text, "add up to 2:30") {
		t.Errorf("window label %q, want the SDE 2 window", s.window.Text)
	}

	s.levelSelect.SetSelected("Senior SDE")
	assertTargets(t, s, map[practice.StepID]string{
		practice.Situation: "30 s", practice.Task: "20 s", practice.Action: "1:30",
		practice.Result: "20 s", practice.Reflection: "15 s",
	})
	if !strings.Contains(s.window.Text, "2:30–3:00") || !strings.Contains(s.window.Text, "add up to 2:55") {
		t.Errorf("window label %q", s.window.Text)
	}
	if got := s.stepTargets[practice.Action].Text; got != "Target at Senior SDE: 1:30" {
		t.Errorf("action card says %q", got)
	}

	s.levelSelect.SetSelected("SDE 1")
	assertTargets(t, s, map[practice.StepID]string{
		practice.Situation: "20 s", practice.Task: "14 s", practice.Action: "1:02",
		practice.Result: "14 s", practice.Reflection: "10 s",
	})
}

func assertTargets(t *testing.T, s *study, want map[practice.StepID]string) {
	t.Helper()
	for step, w := range want {
		if got := s.targets[step].Text; got != w {
			t.Errorf("%s target shows %q at %s, want %q", step.Name(), got, s.level.Name, w)
		}
	}
}

func TestQuizAnswerShowsRightOrWrong(t *testing.T) {
	u := newTestUI(t)
	openSeed(t, u)
	if len(u.study.quiz) < 2 {
		t.Fatalf("seed question has %d quiz items in the UI", len(u.study.quiz))
	}
	right := u.study.quiz[0]
	test.Tap(right.options[right.item.Correct])
	if !right.feedback.Visible() || !strings.HasPrefix(right.feedback.Text, "Right.") {
		t.Fatalf("after the right answer: %q", right.feedback.Text)
	}
	if right.options[right.item.Correct].Importance != widget.SuccessImportance {
		t.Errorf("the right option is not marked as right")
	}

	wrong := u.study.quiz[1]
	pick := (wrong.item.Correct + 1) % len(wrong.options)
	test.Tap(wrong.options[pick])
	if !strings.HasPrefix(wrong.feedback.Text, "Not quite") || !strings.Contains(wrong.feedback.Text, wrong.item.Explanation) {
		t.Fatalf("after a wrong answer: %q", wrong.feedback.Text)
	}
	if wrong.options[pick].Importance != widget.DangerImportance || wrong.options[wrong.item.Correct].Importance != widget.SuccessImportance {
		t.Errorf("wrong pick and right answer not both marked")
	}
	// A second tap does not change the verdict.
	test.Tap(wrong.options[wrong.item.Correct])
	if !strings.HasPrefix(wrong.feedback.Text, "Not quite") {
		t.Errorf("second tap changed the feedback to %q", wrong.feedback.Text)
	}
}

func TestFollowUpAnswersRevealOnDemand(t *testing.T) {
	u := newTestUI(t)
	openSeed(t, u)
	f := u.study.followUps[0]
	if f.strong.Visible() || f.weak.Visible() {
		t.Fatal("answers shown before asked for")
	}
	test.Tap(f.showStrong)
	if !f.strong.Visible() || f.weak.Visible() {
		t.Fatal("Show strong answer did not reveal only the strong answer")
	}
}

// Every answer in the bank shows in one pair of curly quotes: the bank's
// own straight quotes used to show inside them, “"like this"”.
func TestAnswersAreQuotedOnce(t *testing.T) {
	for _, q := range builtinBank(t).Questions() {
		var texts []string
		if q.Weak != nil {
			texts = append(texts, q.Weak.Text)
		}
		for _, f := range q.FollowUps {
			texts = append(texts, f.Weak, f.Strong)
		}
		for _, text := range texts {
			if text == "" {
				continue
			}
			got := quote(text)
			inner := strings.TrimSuffix(strings.TrimPrefix(got, "“"), "”")
			if strings.ContainsAny(inner[:1], `"“`) || strings.ContainsAny(inner[len(inner)-1:], `"”`) || inner != strings.TrimSpace(inner) {
				t.Errorf("%s: %q shows as %q", q.ID, text, got)
			}
		}
	}
	if got := quote(`  "It's "fine", he said."  `); got != `“It's "fine", he said.”` {
		t.Errorf("quote kept the outer quotes or lost the inner ones: %q", got)
	}
}

// Each step opens at its top, not where the previous one was read to.
func TestEachStepStartsAtItsTop(t *testing.T) {
	u := newTestUI(t)
	openSeed(t, u)
	sc := u.study.stepScroll.scroll
	sc.ScrollToBottom()
	if sc.Offset.Y == 0 {
		t.Fatal("the Situation's card does not scroll at this size: the test shows nothing")
	}
	u.win.Canvas().Unfocus()
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyRight})
	if u.study.current != 1 || sc.Offset.Y != 0 {
		t.Errorf("after → the Task is step %d at offset %v, want step 1 at the top", u.study.current, sc.Offset.Y)
	}
}

func TestArrowKeysMoveBetweenSteps(t *testing.T) {
	u := newTestUI(t)
	openSeed(t, u)
	c := u.win.Canvas()
	c.Unfocus()
	press := func(k fyne.KeyName) { c.OnTypedKey()(&fyne.KeyEvent{Name: k}) }
	press(fyne.KeyRight)
	press(fyne.KeyRight)
	if got := u.study.current; got != 2 {
		t.Fatalf("after → →, step %d is shown, want 2 (Action)", got)
	}
	press(fyne.KeyLeft)
	if got := u.study.current; got != 1 {
		t.Fatalf("after ←, step %d is shown, want 1 (Task)", got)
	}
}

func TestHighlightMarksKeyPhrases(t *testing.T) {
	segs := highlight("I pulled the logs. Then I traced it.", []string{"i traced it", "I pulled"})
	var got []string
	for _, s := range segs {
		ts := s.(*widget.TextSegment)
		if ts.Style.ColorName == keyPhraseStyle.ColorName {
			got = append(got, ts.Text)
		}
	}
	if strings.Join(got, "|") != "I pulled|I traced it." {
		t.Fatalf("highlighted %q", got)
	}
	// The full stop after "it" stays on its line: no segment starts with it.
	for _, s := range segs {
		if strings.HasPrefix(s.(*widget.TextSegment).Text, ".") {
			t.Errorf("a segment starts %q", s.(*widget.TextSegment).Text)
		}
	}
}

// In the search, Enter or Down opens the first question found.
func TestSearchOpensWithEnterOrDown(t *testing.T) {
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyDown} {
		u := newTestUI(t)
		u.win.Canvas().Focus(u.list.search)
		test.Type(u.list.search, "unpopular")
		u.list.search.TypedKey(&fyne.KeyEvent{Name: k})
		if u.study.q == nil || u.study.q.ID != "unpopular-decision" {
			t.Errorf("%s in the search opened %v, want the question found", k, u.study.q)
		}
	}
}
