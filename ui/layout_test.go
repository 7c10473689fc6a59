package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/session"
)

// The window's smallest size, a small laptop's; and a common laptop's.
var (
	small  = MinSize
	laptop = fyne.NewSize(1366, 768)
)

// rect is an area of the canvas.
type rect struct{ pos, end fyne.Position }

func (r rect) size() fyne.Size { return fyne.NewSize(r.end.X-r.pos.X, r.end.Y-r.pos.Y) }

func (r rect) clip(o rect) rect {
	return rect{fyne.NewPos(max(r.pos.X, o.pos.X), max(r.pos.Y, o.pos.Y)), fyne.NewPos(min(r.end.X, o.end.X), min(r.end.Y, o.end.Y))}
}

// placed is where o is drawn on the canvas, and the part of it in sight:
// what no scroll around it hides. ok is false when o is not laid out on
// the canvas or something around it is hidden.
func placed(c fyne.Canvas, target fyne.CanvasObject) (whole, seen rect, ok bool) {
	var walk func(o fyne.CanvasObject, at fyne.Position, clip rect) bool
	walk = func(o fyne.CanvasObject, at fyne.Position, clip rect) bool {
		if !o.Visible() {
			return false
		}
		at = at.Add(o.Position())
		r := rect{at, at.Add(o.Size())}
		if o == target {
			whole, seen = r, r.clip(clip)
			return true
		}
		var children []fyne.CanvasObject
		switch o := o.(type) {
		case *container.Scroll:
			clip = clip.clip(r)
			children = test.WidgetRenderer(o).Objects()
		case *fyne.Container:
			children = o.Objects
		case fyne.Widget:
			children = test.WidgetRenderer(o).Objects()
		}
		for _, child := range children {
			if walk(child, at, clip) {
				return true
			}
		}
		return false
	}
	all := rect{end: fyne.NewPos(c.Size().Width, c.Size().Height)}
	roots := append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...)
	for _, root := range roots {
		if walk(root, fyne.NewPos(0, 0), all) {
			return whole, seen, true
		}
	}
	return rect{}, rect{}, false
}

// name says which control a message is about.
func name(o fyne.CanvasObject) string {
	switch o := o.(type) {
	case *widget.Button:
		return fmt.Sprintf("button %q", o.Text)
	case *widget.Label:
		return fmt.Sprintf("label %q", o.Text)
	case *fitLabel:
		return fmt.Sprintf("label %q", o.Text)
	case *keySelect:
		return fmt.Sprintf("drop-down %q", o.Selected+o.PlaceHolder)
	case *keyEntry:
		return fmt.Sprintf("text field %q", o.PlaceHolder)
	}
	return fmt.Sprintf("%T", o)
}

// fits lays the window out again as the desktop driver does on every
// frame, which grows the window to its content's minimum size, and says
// whether the window would have grown past size. A few frames: wrapped
// text knows its height once it has its width.
func (g *rig) fits(screen string, size fyne.Size) {
	g.t.Helper()
	c := g.u.win.Canvas()
	for range 3 {
		c.Content().Refresh()
	}
	pad := 2 * theme.Padding()
	if min := c.Content().MinSize().AddWidthHeight(pad, pad); min.Width > size.Width || min.Height > size.Height {
		g.t.Errorf("%s at %v: the window grows to %v", screen, size, min)
	}
	if c.Size() != size {
		g.t.Errorf("%s at %v: the window is %v", screen, size, c.Size())
	}
}

// inSight says whether each control is drawn whole, with a size, in the
// window and in the part of any scroll around it that shows: on screen
// without scrolling, not under a bottom bar.
func (g *rig) inSight(screen string, objs ...fyne.CanvasObject) {
	g.t.Helper()
	c := g.u.win.Canvas()
	for _, o := range objs {
		whole, seen, ok := placed(c, o)
		switch {
		case !ok:
			g.t.Errorf("%s: the %s is not shown", screen, name(o))
		case whole.size().Width < 1 || whole.size().Height < 1:
			g.t.Errorf("%s: the %s has no size: %v", screen, name(o), whole.size())
		case cut(whole, seen):
			g.t.Errorf("%s at %v: the %s at %v–%v is cut to %v–%v", screen, c.Size(), name(o), whole.pos, whole.end, seen.pos, seen.end)
		}
	}
}

// cut says whether a scroll or the window hides a pixel or more of whole.
func cut(whole, seen rect) bool {
	w, s := whole.size(), seen.size()
	return s.Width < w.Width-1 || s.Height < w.Height-1
}

// below says whether o lies below the part of its scroll that shows.
func below(c fyne.Canvas, o fyne.CanvasObject) bool {
	whole, seen, ok := placed(c, o)
	return ok && cut(whole, seen)
}

// History, an attempt, its chart and a comparison, and the dialogs they
// open, at 800x600: the window keeps its size, the controls are in sight,
// and the question column shows words.
func TestHistoryScreensFit800x600(t *testing.T) {
	g := newBareRig(t)
	as := historyFixture(g, noonToday())
	g.u.win.Resize(small)
	h := g.openHistory()
	c := g.u.win.Canvas()
	g.fits("History", small)
	g.inSight("History", h.backButton, h.chartButton, h.loopsButton, h.exportButton, h.question, h.level, h.mode, h.period, h.status)

	// The question column keeps a few words; the level, mode and pace
	// give way.
	header := h.header
	g.inSight("History", header.Objects[0], header.Objects[1], header.Objects[4], header.Objects[6])
	if w := header.Objects[1].Size().Width; w < questionMin {
		t.Errorf("the question column is %v wide at 800x600, want at least %v", w, questionMin)
	}
	if header.Objects[2].Visible() || header.Objects[3].Visible() || header.Objects[5].Visible() {
		t.Error("the level, mode and pace columns are still shown at 800x600")
	}
	titles := 0
	for _, o := range test.LaidOutObjects(h.list) {
		if l, ok := o.(*fitLabel); ok && l.Visible() && l.Text != "" {
			titles++
			if !drawnAtWord(l) || strings.Count(l.Text, " ") < 1 {
				t.Errorf("a row's question %q shows as %q: not a few whole words", l.full, l.Text)
			}
		}
	}
	if titles != len(as) {
		t.Errorf("%d questions shown in the rows, want %d", titles, len(as))
	}

	// The attempt with a redone Action, its delete dialog, its chart.
	h.list.Select(1)
	g.settle("the detail opens", func() bool { return h.detail != nil })
	d := h.detail
	g.fits("The attempt", small)
	g.inSight("The attempt", d.backB, d.chartB, d.reportB, d.exportB, d.deleteB, d.compare, d.title, d.total)
	g.tap(d.deleteB)
	g.fits("Delete this attempt?", small)
	g.inSight("Delete this attempt?", dialogButton(t, c, "Delete"), dialogButton(t, c, "Cancel"))
	g.tap(dialogButton(t, c, "Cancel"))

	d.compare.SetSelectedIndex(0)
	g.settle("the comparison opens", func() bool { return h.compare != nil })
	g.fits("Compare", small)
	for _, r := range h.compare.rows {
		g.inSight("Compare", r.older, r.newer, r.diff)
	}
	g.press(fyne.KeyEscape)

	g.tap(d.chartB)
	g.settle("the chart loads", func() bool { return h.chart != nil && len(h.chart.chart.model.Attempts) == 2 })
	ch := h.chart
	g.fits("The progress chart", small)
	g.inSight("The progress chart", ch.span, ch.export, ch.chart, ch.info)
	if hgt := ch.chart.Size().Height; hgt < ch.chart.MinSize().Height {
		t.Errorf("the chart is %v high, less than its minimum", hgt)
	}
	g.tap(ch.export)
	g.fits("Export PNG", small)
	if top := c.Overlays().Top(); top == nil {
		t.Fatal("Export PNG… did not open the save dialog")
	}
	g.inSight("Export PNG", dialogButton(t, c, "Save"), dialogButton(t, c, "Cancel"))
	g.tap(dialogButton(t, c, "Cancel"))
}

// drawnAtWord says whether a label draws its whole text, or its text cut
// after a whole word with an ellipsis: its text fits, so Fyne does not
// cut it again mid-word.
func drawnAtWord(l *fitLabel) bool {
	room := l.Size().Width - 2*theme.InnerPadding()
	if fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width > room {
		return false
	}
	if l.Text == l.full {
		return true
	}
	cut, ok := strings.CutSuffix(l.Text, "…")
	return ok && cut != "" && strings.HasPrefix(l.full, cut) && strings.HasPrefix(l.full[len(cut):], " ")
}

// At 1366x768 History has room for every column.
func TestHistoryShowsEveryColumnOnALaptop(t *testing.T) {
	g := newBareRig(t)
	historyFixture(g, noonToday())
	g.u.win.Resize(laptop)
	h := g.openHistory()
	g.fits("History", laptop)
	header := h.header
	g.inSight("History", header.Objects...)
	shown := shownTexts(h.list)
	for _, want := range []string{"Made an unpopular decision as a leader", "Senior SDE", "Mock", "Step by step"} {
		if !containsText(shown, want) {
			t.Errorf("at 1366x768 the rows do not show %q; they show %q", want, shown)
		}
	}
	// Each row's pace, the counted takes' together (issue 14).
	for _, a := range h.rows {
		if p := paceCell(a.Pace); p == "–" || !slices.Contains(shown, p) {
			t.Errorf("attempt %d's pace %q (%+v) is not shown in %q", a.ID, p, a.Pace, shown)
		}
	}
}

// The question list cuts a long title after a whole word.
func TestQuestionTitlesAreCutAtAWord(t *testing.T) {
	g := newBareRig(t)
	g.u.win.Resize(small)
	g.fits("The question list", small)
	cut := 0
	for _, o := range test.LaidOutObjects(g.u.list.list) {
		l, ok := o.(*fitLabel)
		if !ok || !l.Visible() || l.full == "" {
			continue
		}
		if l.Text != l.full {
			cut++
		}
		if !drawnAtWord(l) {
			t.Errorf("%q is shown as %q, cut inside a word", l.full, l.Text)
		}
	}
	if cut == 0 {
		t.Fatal("no title is cut at 800x600: the test shows nothing")
	}
}

func TestFitWords(t *testing.T) {
	test.NewTempApp(t)
	size, style := theme.TextSize(), fyne.TextStyle{}
	width := func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
	text := "Made an unpopular decision as a leader"
	for _, c := range []struct {
		width float32
		want  string
	}{
		{width(text), text},
		{width("Made an unpopular decision…"), "Made an unpopular decision…"},
		{width("Made an unpopular decision…") - 1, "Made an unpopular…"},
		{width("Left · Made…") - 1, "Left…"},
		{1, text}, // not one word fits: Fyne's own truncation cuts it
	} {
		in := text
		if strings.HasPrefix(c.want, "Left") {
			in = "Left · " + text
		}
		if got := fitWords(in, c.width, size, style); got != c.want {
			t.Errorf("fitWords(%q, %v) = %q, want %q", in, c.width, got, c.want)
		}
	}
}

// A step-by-step rehearsal at 800x600: each screen keeps the window's
// size; after a take its verdict, Play, Redo and the rating are in sight,
// and what lies below is announced and reached with "More below".
func TestStepByStepFits800x600(t *testing.T) {
	g := newRig(t)
	g.earlierAttempt()
	g.u.win.Resize(small)
	r := g.rehearse(practice.StepByStep)
	st := r.setup
	g.fits("Setup", small)
	g.inSight("Setup", st.level, st.device, st.micCheck, st.back, st.start)
	g.press(fyne.KeyReturn)

	s := r.step
	g.fits("The Situation", small)
	g.inSight("The Situation", s.prompt, s.target, s.panel.clock, s.panel.button, s.leave, s.prev, s.next)
	g.record(g.speechWAV("situation", 25))
	g.fits("The Situation's take", small)
	g.inSight("The Situation's take", s.verdict, s.play, s.redo, s.next)
	g.inSight("The Situation's take", s.rating.content)
	c := g.u.win.Canvas()
	if below(c, s.note) {
		g.inSight("The Situation's take", s.scroll.more)
		for i := 0; below(c, s.note) && i < 5; i++ {
			g.tap(s.scroll.more)
		}
		g.inSight("The Situation's take, scrolled", s.note)
		if s.scroll.more.Visible() {
			t.Error("More below still shows at the bottom of the page")
		}
	} else if s.scroll.more.Visible() {
		t.Error("More below shows with nothing below")
	}

	// Leaving while recording asks first, in a dialog that fits.
	g.mic.queue = append(g.mic.queue, g.speechWAV("task", 20))
	g.press(fyne.KeyReturn)
	g.press(fyne.KeySpace)
	g.settle("recording", func() bool { return g.snap().State == session.Recording })
	g.press(fyne.KeyEscape)
	g.fits("Leave this attempt?", small)
	g.inSight("Leave this attempt?", g.overlayButton("Leave"), g.overlayButton("Cancel"))
	g.tap(g.overlayButton("Cancel"))
	g.press(fyne.KeySpace)
	g.settle("the take is saved", func() bool { return !g.snap().Busy() })
	for range 4 {
		g.press(fyne.KeyReturn)
	}
	g.settle("the summary", func() bool { return r.summary != nil })
	g.assertSummaryFits(r.summary, small)
}

// earlierAttempt stores a complete attempt at the seed question, at the
// level a rehearsal starts at: the summary then compares, at length.
func (g *rig) earlierAttempt() {
	g.addAttempt(seedSpec{q: "unpopular-decision", level: practice.DefaultLevel, mode: practice.StepByStep,
		start: noonToday().AddDate(0, 0, -2), factor: 1.1, rating: 3})
}

// assertSummaryFits checks the summary's table, verdict, rating, note and
// buttons are all in sight.
func (g *rig) assertSummaryFits(sum *summaryScreen, size fyne.Size) {
	g.t.Helper()
	g.fits("The summary", size)
	for _, l := range sum.verdicts {
		g.inSight("The summary", l)
	}
	g.inSight("The summary", sum.total, sum.compare, sum.rating.content, sum.note, sum.again, sum.done)
}

// A mock interview's results at 800x600 and 1024x700: the table, the
// whole answer and the buttons to play it and go on are all in sight, not
// under the bottom bar; then the follow-up and the summary.
func TestMockResultsFit(t *testing.T) {
	g := newRig(t)
	g.earlierAttempt()
	g.u.win.Resize(small)
	g.rehearse(practice.Mock)
	g.press(fyne.KeyReturn)
	m := g.u.rehearsal.mock
	g.fits("The mock interview", small)
	g.inSight("The mock interview", m.panel.clock, m.panel.button, m.leave)
	wav, marks := g.mockWAV([]float64{25, 16, 75, 16, 12.5})
	g.speakMock(wav, marks, false)
	for _, size := range []fyne.Size{small, DefaultSize} {
		g.u.win.Resize(size)
		screen := "The mock's results"
		g.fits(screen, size)
		g.inSight(screen, m.timeline, m.total, m.pace, m.playAll, m.followUp, m.leave)
		for _, row := range m.rows {
			g.inSight(screen, row.name)
			for _, b := range row.bar.buttons {
				g.inSight(screen, b)
			}
		}
	}
	g.u.win.Resize(small)
	g.press(fyne.KeyReturn)
	f := g.u.rehearsal.followUp
	g.fits("The follow-up", small)
	g.inSight("The follow-up", f.panel.clock, f.panel.button, f.finish, f.leave)
	g.mic.queue = append(g.mic.queue, g.speechWAV("followup", 40))
	g.press(fyne.KeySpace)
	g.settle("recording the follow-up", func() bool { return g.snap().State == session.Recording })
	g.press(fyne.KeySpace)
	g.settle("the follow-up's take", func() bool { return f.reveal.Visible() })
	g.fits("The follow-up's take", small)
	g.inSight("The follow-up's take", f.verdict, f.play, f.finish)
	g.press(fyne.KeyReturn)
	g.settle("the summary", func() bool { return g.u.rehearsal != nil && g.u.rehearsal.summary != nil })
	g.assertSummaryFits(g.u.rehearsal.summary, small)
}

// Study at 800x600 and 1024x700: the header stays compact and the step's
// own text gets most of the height.
func TestStudyHeaderLeavesTheStepMostOfTheHeight(t *testing.T) {
	g := newBareRig(t)
	openSeed(t, g.u)
	s := g.u.study
	for _, size := range []fyne.Size{small, DefaultSize} {
		g.u.win.Resize(size)
		screen := "Study"
		g.fits(screen, size)
		g.inSight(screen, s.title, s.levelSelect, s.window, s.rehearse, s.mock, s.stepScroll.content)
		for _, l := range s.targets {
			g.inSight(screen, l)
		}
		if h := s.stepScroll.content.Size().Height; h < size.Height/2 {
			t.Errorf("%s at %v: the step's text has %v of the height", screen, size, h)
		}
	}
}

// A page longer than the window says so: "More below" shows at its
// bottom edge, a tap on it scrolls down, and it goes at the end.
func TestMoreBelowSaysThereIsMore(t *testing.T) {
	g := newBareRig(t)
	g.u.win.Resize(small)
	openSeed(t, g.u)
	sc := g.u.study.stepScroll
	g.fits("Study", small)
	if sc.scroll.Content.Size().Height <= sc.scroll.Size().Height {
		t.Fatal("the Situation's card fits at 800x600: the test shows nothing")
	}
	g.inSight("Study", sc.more)
	clearOfText(t, "Study", sc)
	for i := 0; sc.more.Visible(); i++ {
		if i == 10 {
			t.Fatal("ten taps on More below did not reach the end")
		}
		before := sc.scroll.Offset.Y
		g.tap(sc.more)
		if sc.scroll.Offset.Y <= before {
			t.Fatalf("More below did not scroll: offset %v, was %v", sc.scroll.Offset.Y, before)
		}
	}
	if end := sc.scroll.Content.Size().Height - sc.scroll.Size().Height; sc.scroll.Offset.Y < end-1 {
		t.Errorf("More below went at offset %v, before the end at %v", sc.scroll.Offset.Y, end)
	}
	// The next step starts at its top, saying again that there is more.
	g.press(fyne.KeyRight)
	if sc.scroll.Offset.Y != 0 || !sc.more.Visible() {
		t.Errorf("the Task opens at offset %v, More below shown %v", sc.scroll.Offset.Y, sc.more.Visible())
	}
}

// Home and My stories at 800x600: the window keeps its size, and what
// starts a rehearsal or edits a story is in sight without scrolling.
// clearOfText checks that a page longer than the window says so with
// "More below", in a strip under the text rather than over it.
func clearOfText(t *testing.T, screen string, sc *cuedScroll) {
	t.Helper()
	if !sc.more.Visible() {
		t.Errorf("%s runs past 800x600 and does not say More below", screen)
		return
	}
	if bottom := sc.scroll.Position().Y + sc.scroll.Size().Height; sc.more.Position().Y < bottom {
		t.Errorf("%s: More below at y %v covers the text, which runs to %v", screen, sc.more.Position().Y, bottom)
	}
}

func TestHomeAndStoriesFit800x600(t *testing.T) {
	g := newBareRig(t)
	g.u.win.Resize(small)
	h := g.openHome()
	g.fits("Home", small)
	g.inSight("Home, first run", h.interview, h.level, h.micCheck, h.tryFirst)
	g.addAttempt(seedSpec{q: h.plan[0].Question.ID, level: "sde2", mode: practice.StepByStep, start: noonToday(), factor: 1, rating: 4})
	g.u.onHome()
	g.openHome()
	g.fits("Home", small)
	g.inSight("Home", h.interview, h.level, h.next[0].rehearse, h.next[0].mock, h.next[0].study, h.next[1].rehearse)
	clearOfText(t, "Home", h.scroll)

	b := g.openStories()
	g.fits("My stories (empty)", small)
	g.inSight("My stories (empty)", b.add, b.pick)
	g.tap(b.add)
	g.fits("My stories", small)
	g.inSight("My stories", b.add, b.del, b.title, b.lines[practice.Reflection])
	clearOfText(t, "My stories", b.scroll)
	g.choose(b.question, "A time you failed")
	g.fits("My stories, linking", small)
}

// Study's paragraphs wrap between words at every width. Fyne 2.7.1's
// RichText broke the Action of "ambiguity" a letter a line at 1024x700,
// where a highlighted phrase started with no room left on its line.
func TestStudyWrapsByWord(t *testing.T) {
	g := newBareRig(t)
	g.u.openQuestion(g.u.bank.Question("ambiguity"))
	s := g.u.study
	for s.current < 2 {
		s.moveStep(+1)
	}
	for _, w := range []float32{800, 960, 1024, 1100} {
		g.u.win.Resize(fyne.NewSize(w, 700))
		paras, letters := 0, 0
		walkAll(g.u.win.Content(), func(o fyne.CanvasObject) {
			rt, ok := o.(*widget.RichText)
			if !ok || !rt.Visible() {
				return
			}
			paras++
			rows := map[float32]string{} // a line's runs, one per style, share a row
			for _, ro := range test.WidgetRenderer(rt).Objects() {
				if tx, ok := ro.(*canvas.Text); ok {
					rows[tx.Position().Y] += tx.Text
				}
			}
			for _, line := range rows {
				if len([]rune(strings.TrimSpace(line))) == 1 {
					letters++
				}
			}
		})
		if paras == 0 {
			t.Fatalf("width %v: Study shows no paragraphs", w)
		}
		if letters > 0 {
			t.Errorf("width %v: %d lines of a single letter in Study's %d paragraphs", w, letters, paras)
		}
	}
}

// apart says whether a and b, both shown, share no pixel.
func (g *rig) apart(screen string, a, b fyne.CanvasObject) {
	g.t.Helper()
	c := g.u.win.Canvas()
	ra, _, okA := placed(c, a)
	rb, _, okB := placed(c, b)
	if !okA || !okB {
		g.t.Errorf("%s: the %s (%v) or the %s (%v) is not shown", screen, name(a), okA, name(b), okB)
		return
	}
	if o := ra.clip(rb).size(); o.Width > 0 && o.Height > 0 {
		g.t.Errorf("%s: the %s at %v–%v overlaps the %s at %v–%v", screen, name(a), ra.pos, ra.end, name(b), rb.pos, rb.end)
	}
}

// While a mock is recorded: the status line and the step line apart from
// the first second (the status shows only then), and the steps marked so
// far with their times as they are marked, at 800x600 and 1024x700.
func TestMockRecordingUsesItsSpace(t *testing.T) {
	g := newRig(t)
	g.u.win.Resize(small)
	g.rehearse(practice.Mock)
	g.press(fyne.KeyReturn)
	m := g.u.rehearsal.mock
	wav, marks := g.mockWAV([]float64{25, 16, 75, 16, 12.5})
	g.mic.queue = append(g.mic.queue, wav)
	g.press(fyne.KeySpace)
	g.settle("recording", func() bool { return g.snap().State == session.Recording })
	g.apart("The mock before the first word", m.panel.status, m.current)
	if l := m.marks.times[0]; !l.TextStyle.Bold || !strings.HasPrefix(l.Text, "0:00 · ") {
		t.Errorf("before the first word the Situation shows %q (bold %v), want it under way at 0:00", l.Text, l.TextStyle.Bold)
	}
	g.apart("The mock before the first word", m.panel.bar, m.panel.meter)
	last := time.Duration(0)
	for _, mk := range marks[:2] {
		g.mic.advance(mk - last)
		last = mk
		g.idle()
		g.press(fyne.KeyN)
	}
	g.mic.advance(10 * time.Second)
	g.idle()
	so := g.snap().MockSoFar()
	if len(so) != 3 {
		t.Fatalf("after two marks %d steps have times, want 3", len(so))
	}
	for _, size := range []fyne.Size{small, DefaultSize} {
		g.u.win.Resize(size)
		screen := fmt.Sprintf("The mock in the Action at %v", size)
		g.fits(screen, size)
		g.inSight(screen, m.panel.clock, m.panel.bar, m.nextBtn, m.current, m.marks.grid)
		g.apart(screen, m.panel.status, m.current)
		for i, l := range m.marks.times {
			target := "target " + practice.FormatClock(g.snap().Target(g.snap().Question.Steps[i].Step))
			want := target
			if i < len(so) {
				want = practice.FormatClock(so[i]) + " · " + target
			}
			if l.Text != want {
				t.Errorf("%s: step %d shows %q, want %q", screen, i, l.Text, want)
			}
			if bold := i == 2; l.TextStyle.Bold != bold {
				t.Errorf("%s: step %d bold %v, want it only for the step under way", screen, i, l.TextStyle.Bold)
			}
		}
	}
	// The Situation's figure is the speech to the first N: 25 s said, the
	// N a second into the pause after it.
	if d := g.snap().MockSoFar()[0] - 26*time.Second; d < -time.Second || d > time.Second {
		t.Errorf("the Situation shows %v, about 26 s were spoken to its mark", g.snap().MockSoFar()[0])
	}
}
